"""Wire format: the four tensor forms decode and round-trip exactly; errors name the place."""

from __future__ import annotations

import base64
import math
from typing import Any

import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from service.compute.errors import InvalidInputError, LimitExceededError
from service.wire.json import render
from service.wire.tensors import (
    Budget,
    Decoded,
    Encoder,
    TensorForm,
    array_json,
    decode_tensor,
    decode_tree,
    encoder_for,
    finite_array_json,
    unflatten,
)
from tests.helpers import from_wire

LOC = ("body", "x")


def budget(n: int = 10**7) -> Budget:
    return Budget(n, 8, 32)


def dec(value):
    return decode_tensor(value, LOC, budget())


def roundtrip(arr: np.ndarray, form: TensorForm, dtype: str | None = None) -> np.ndarray:
    enc = Encoder(form, dtype)
    text = orjson.dumps({"t": enc.tensor(arr)})
    back = decode_tensor(orjson.loads(text)["t"], LOC, budget())
    return back.array


finite64 = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
    elements=st.floats(allow_nan=True, allow_infinity=True),
)


@settings(max_examples=60, deadline=None)
@given(finite64, st.sampled_from([TensorForm.nested, TensorForm.flat, TensorForm.b64]))
def test_float64_roundtrip_is_bit_exact(arr: np.ndarray, form: TensorForm) -> None:
    back = roundtrip(arr, form)
    assert back.shape == arr.shape
    np.testing.assert_array_equal(back, arr)  # NaN == NaN here
    keep = ~np.isnan(arr)  # NaN travels without a sign; -0.0 keeps its sign
    assert np.array_equal(np.signbit(back)[keep], np.signbit(arr)[keep])


@settings(max_examples=40, deadline=None)
@given(
    hnp.arrays(
        np.float32,
        hnp.array_shapes(min_dims=1, max_dims=2, max_side=5),
        elements=st.floats(width=32, allow_nan=True, allow_infinity=True),
    ),
    st.sampled_from([TensorForm.nested, TensorForm.flat, TensorForm.b64]),
)
def test_float32_roundtrip_is_exact(arr: np.ndarray, form: TensorForm) -> None:
    back = roundtrip(arr, form, "float32")
    np.testing.assert_array_equal(back.astype(np.float32), arr)


def test_number_form() -> None:
    d = dec(0.5)
    assert d.form == TensorForm.number and d.array.shape == () and d.array == 0.5
    assert math.isnan(dec("NaN").array)
    assert dec("-Infinity").array == -np.inf
    assert Encoder(TensorForm.number).tensor(np.asarray(np.inf)) == "Infinity"
    assert Encoder(TensorForm.number).tensor(np.asarray(2.5)) == 2.5


def test_nested_with_nonfinite_strings() -> None:
    d = dec([[1, "NaN"], ["Infinity", "-Infinity"]])
    assert d.form == TensorForm.nested and d.array.shape == (2, 2)
    assert math.isnan(d.array[0, 1]) and d.array[1, 0] == np.inf and d.array[1, 1] == -np.inf


def test_flat_and_b64_forms() -> None:
    d = dec({"shape": [2, 2], "dtype": "float64", "data": [1, 2, 3, "NaN"]})
    assert d.form == TensorForm.flat and d.dtype == "float64"
    np.testing.assert_array_equal(d.array, [[1, 2], [3, np.nan]])
    raw = np.array([1.0, 2.0], "<f4").tobytes()
    d = dec({"shape": [2], "dtype": "float32", "b64": base64.b64encode(raw).decode()})
    assert d.form == TensorForm.b64 and d.array.dtype == np.float32
    np.testing.assert_array_equal(d.array, [1, 2])
    d.array[0] = 5.0  # decoded arrays are writeable


def test_empty_and_zero_size() -> None:
    assert dec([]).array.shape == (0,)
    assert dec({"shape": [0, 3], "b64": ""}).array.shape == (0, 3)


@pytest.mark.parametrize(
    ("value", "loc", "needle"),
    [
        ([[1, 2], [3]], (*LOC, 1), "length 2"),
        ([[1, 2], 3], (*LOC, 1), "length 2"),
        ([1, [2]], (*LOC, 1), "number here"),
        ([[[1], [2]], [[3], [4, 5]]], (*LOC, 1, 1), "length 1"),
        ([1, "abc"], (*LOC, 1), "'abc'"),
        ([1, None], (*LOC, 1), "null"),
        ([True, False], (*LOC, 0), "boolean"),
        ("nan", LOC, "the string 'nan'"),
        (None, LOC, "null"),
        ({"shape": [2], "dtype": "float64", "b64": "AAAA"}, (*LOC, "b64"), "16 bytes"),
        ({"shape": [1], "b64": "!!!"}, (*LOC, "b64"), "base64"),
        ({"shape": [3], "data": [1, 2]}, (*LOC, "data"), "expected 3 values"),
        ({"shape": [-1], "data": []}, (*LOC, "shape", 0), "got -1 at index 0"),
        ({"shape": [2, 1.5], "data": [1, 2]}, (*LOC, "shape", 1), "got 1.5 at index 1"),
        ({"shape": "2", "data": [1, 2]}, (*LOC, "shape"), "got the string '2'"),
        ({"shape": [1], "data": [[1]]}, (*LOC, "data"), "flat list of numbers"),
        ({"shape": [2], "data": [1, [2]]}, (*LOC, "data", 1), "number here"),
        ({"shape": [1], "dtype": "complex64", "data": [1]}, (*LOC, "dtype"), "complex64"),
        ({"shape": [1], "data": [1], "b64": ""}, LOC, "tensor object"),
        ({"shape": [1], "data": [1], "extra": 1}, (*LOC, "extra"), "unknown tensor field"),
        ({"shape": [1], "dtype": "int32", "data": [1.5]}, (*LOC, "data"), "integers"),
    ],
)
def test_decode_errors_name_the_place(value, loc, needle) -> None:
    with pytest.raises(InvalidInputError) as info:
        dec(value)
    assert info.value.loc == loc
    assert needle in info.value.msg


def test_limits() -> None:
    with pytest.raises(LimitExceededError) as info:
        decode_tensor([1.0] * 11, LOC, Budget(10, 8, 32))
    assert info.value.limit == "max_elements"
    # a b64 shape is checked before any byte is decoded
    with pytest.raises(LimitExceededError):
        decode_tensor({"shape": [10**9], "b64": ""}, LOC, Budget(10, 8, 32))
    deep = 1.0
    for _ in range(9):
        deep = [deep]
    with pytest.raises(LimitExceededError) as info:
        decode_tensor(deep, LOC, Budget(100, 8, 32))
    assert info.value.limit == "max_ndim"
    with pytest.raises(LimitExceededError):
        decode_tensor({"shape": [1] * 9, "data": [1]}, LOC, Budget(100, 8, 32))
    ragged_deep: list = [0, deep]
    with pytest.raises((LimitExceededError, InvalidInputError)):
        decode_tensor(ragged_deep, LOC, Budget(100, 8, 4))


def test_budget_is_shared_across_tensors() -> None:
    b = Budget(5, 8, 32)
    decode_tensor([1, 2, 3], LOC, b)
    with pytest.raises(LimitExceededError):
        decode_tensor([1, 2, 3], ("body", "y"), b)


def test_tree_decoding_and_unflatten() -> None:
    tree, is_map = decode_tree({"layer1": {"w": [1, 2], "b": 0.5}, "out": [[1.0]]}, LOC, budget())
    assert is_map and isinstance(tree, dict)
    assert set(tree) == {"layer1/w", "layer1/b", "out"}
    back = unflatten({k: v.array.tolist() for k, v in tree.items()})
    assert back == {"layer1": {"w": [1.0, 2.0], "b": 0.5}, "out": [[1.0]]}
    single, is_map = decode_tree([1, 2], LOC, budget())
    assert isinstance(single, Decoded) and single.array.shape == (2,)
    assert not is_map
    with pytest.raises(InvalidInputError):
        decode_tree({}, LOC, budget())
    with pytest.raises(InvalidInputError) as info:
        decode_tree({"a/b": 1}, LOC, budget())
    assert info.value.loc == (*LOC, "a/b")


def test_encoder_mirrors_main_input() -> None:
    assert encoder_for(dec(1.0)).form == TensorForm.number
    assert encoder_for(dec([1.0])).form == TensorForm.nested
    d32 = dec({"shape": [1], "dtype": "float32", "data": [1]})
    enc = encoder_for(d32)
    assert enc.form == TensorForm.flat and enc.dtype == "float32"
    assert encoder_for(d32, "b64").form == TensorForm.b64
    assert encoder_for(dec([1.0]), None, "float32").dtype == "float32"


def test_render_is_strict_json() -> None:
    arr = np.array([1.0, np.nan, np.inf, -np.inf, 1.2345678901234567e300])
    text = render(
        {
            "a": Encoder(TensorForm.nested).tensor(arr),
            "s": float("nan"),
            "n": np.float32(-np.inf),
            "i": np.int64(3),
            "raw": arr,
        }
    )
    assert b"NaN," not in text.replace(b'"NaN"', b"")
    data = orjson.loads(text)  # orjson is a strict parser
    np.testing.assert_array_equal(from_wire(data["a"]), arr)
    np.testing.assert_array_equal(from_wire(data["raw"]), arr)
    assert data["s"] == "NaN" and data["n"] == "-Infinity" and data["i"] == 3


def test_sentinel_values_in_data_fall_back_exactly() -> None:
    # a value equal to an internal sentinel must survive next to real non-finite values
    arr = np.array([2.3456789012345678e300, np.nan, -1.2345678901234567e300])
    out = orjson.loads(orjson.dumps({"t": Encoder(TensorForm.nested).tensor(arr)}))["t"]
    assert out[0] == 2.3456789012345678e300 and out[1] == "NaN"
    assert out[2] == -1.2345678901234567e300


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_finite_array_json_is_none_exactly_when_a_value_is_not_finite(dtype: Any) -> None:
    big, tiny = (1e300, 5e-324) if dtype == np.float64 else (3e38, 1e-45)
    finite = np.array([[0.0, -0.0, tiny], [big, -1.5, 2]])
    finite = finite.astype(dtype)
    text = finite_array_json(finite)
    assert text is not None and np.array_equal(np.array(orjson.loads(text), dtype), finite)
    assert text == array_json(finite)
    for bad in (np.nan, np.inf, -np.inf):
        a = finite.copy()
        a[1, 1] = bad
        assert finite_array_json(a) is None
        assert b"null" not in array_json(a)  # the strings, not orjson's null
    strided = finite[:, ::2]  # not contiguous: written as its values
    assert finite_array_json(strided) == finite_array_json(np.ascontiguousarray(strided))


def test_nested_flat_data_is_invalid_input_not_a_limit() -> None:
    """A list inside a flat ``data`` is malformed input; GRADSERVE_MAX_NDIM is not involved."""
    with pytest.raises(InvalidInputError) as info:
        dec({"shape": [1], "data": [[1]]})
    assert type(info.value) is InvalidInputError
    assert "GRADSERVE_MAX_NDIM" not in info.value.msg


def test_float16_main_input_answers_float16_exactly() -> None:
    """Every float16 bit pattern: a float16 main input gets float16 answers whose JSON text
    reads back to the same float16 (orjson writes float32's shortest text) and whose b64
    carries the same two bytes; NaN stays NaN."""
    bits = np.arange(1 << 16, dtype=np.uint16)
    values = bits.view("<f2")
    main = dec({"shape": [1], "dtype": "float16", "data": [1]})
    nan = np.isnan(values)
    for form in (None, "b64"):
        enc = encoder_for(main, form)
        assert enc.dtype == "float16"
        out = orjson.loads(render({"t": enc.tensor(values.astype(np.float64))}))["t"]
        assert out["dtype"] == "float16" and out["shape"] == [1 << 16]
        back = from_wire(out)
        assert back.dtype == np.float16
        np.testing.assert_array_equal(back[~nan].view(np.uint16), bits[~nan])
        assert np.isnan(back[nan]).all()
    text = orjson.dumps({"t": encoder_for(main).tensor(values.astype(np.float64))})
    assert b'"NaN"' in text and b'"Infinity"' in text and b"null" not in text


def test_float16_answers_round_and_overflow_to_infinity() -> None:
    enc = encoder_for(dec({"shape": [1], "dtype": "float16", "data": [1]}))
    x = np.array([65504.0, 65519.99, 65520.0, -1e6, 1e-9, 0.525, -0.0])
    out = orjson.loads(orjson.dumps({"t": enc.tensor(x)}))["t"]
    assert out["data"][:5] == [65504.0, 65504.0, "Infinity", "-Infinity", 0.0]
    assert np.float16(out["data"][5]) == np.float16(0.525) and out["data"][5] == 0.52490234
    assert math.copysign(1.0, out["data"][6]) == -1.0
    # float32 answers overflow the same way, without a warning (the suite turns them to errors)
    out32 = orjson.loads(orjson.dumps({"t": Encoder(TensorForm.nested, "float32").tensor(x)}))
    assert out32["t"][:4] == [65504.0, 65519.99, 65520.0, -1000000.0]
    big = Encoder(TensorForm.nested, "float32").tensor(np.array([1e39, -1e39]))
    assert orjson.loads(orjson.dumps({"t": big}))["t"] == ["Infinity", "-Infinity"]
    # the request's compute dtype wins over the input's
    enc32 = encoder_for(dec({"shape": [1], "dtype": "float16", "data": [1]}), None, "float32")
    assert enc32.dtype == "float32"


def test_b64_response_size_charged_per_wire_dtype() -> None:
    charged = {}
    for dtype in ("float64", "float32", "float16"):
        b = Budget(10**6, 8, 32, max_response_bytes=10**9)
        b.take_response(3000, TensorForm.b64, dtype, LOC)
        charged[dtype] = b.response_bytes
    assert charged == {"float64": 32000, "float32": 16000, "float16": 8000}
