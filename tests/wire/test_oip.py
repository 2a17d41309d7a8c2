"""The OIP codec on its own: framing, zero-copy decoding and encoding, parameter names."""

from __future__ import annotations

import numpy as np
import orjson
import pytest

from service.schemas.oip import OipInferRequest
from service.wire.oip import (
    OipError,
    OutputTensor,
    decode_request,
    encode_response,
    parse_header_length,
    split_body,
    unflatten_parameters,
)
from service.wire.tensors import Budget


def budget() -> Budget:
    return Budget(1000, 8, 32)


def request(header: dict, tail: bytes = b"") -> tuple[memoryview, int | None]:
    head = orjson.dumps(header)
    return memoryview(bytearray(head + tail)), (len(head) if tail else None)


def test_binary_inputs_are_views_of_the_body() -> None:
    a = np.arange(6, dtype="<f8")
    b = np.arange(3, dtype="<i4")
    body, length = request(
        {
            "inputs": [
                {"name": "a", "shape": [2, 3], "datatype": "FP64",
                 "parameters": {"binary_data_size": 48}},
                {"name": "j", "shape": [1], "datatype": "FP64", "data": [7]},
                {"name": "b", "shape": [3], "datatype": "INT32",
                 "parameters": {"binary_data_size": 12}},
            ]
        },
        a.tobytes() + b.tobytes(),
    )  # fmt: skip
    header, tail = split_body(body, length)
    req = decode_request(OipInferRequest.model_validate(header), tail, budget())
    got_a, got_b = req.inputs["a"].array, req.inputs["b"].array
    np.testing.assert_array_equal(got_a, a.reshape(2, 3))
    np.testing.assert_array_equal(got_b, b)
    assert got_b.dtype == np.int32
    assert np.shares_memory(got_a, np.frombuffer(body, np.uint8))  # zero-copy
    assert got_a.flags.writeable  # the body buffer is ours
    assert req.inputs["j"].array.tolist() == [7.0]
    assert req.outputs is None and req.binary_output is False


def test_float16_is_widened_to_float32() -> None:
    body, length = request(
        {"inputs": [{"name": "x", "shape": [2], "datatype": "FP16",
                     "parameters": {"binary_data_size": 4}}]},
        np.array([1.5, -2], dtype="<f2").tobytes(),
    )  # fmt: skip
    header, tail = split_body(body, length)
    x = decode_request(OipInferRequest.model_validate(header), tail, budget()).inputs["x"]
    assert x.datatype == "FP16" and x.array.dtype == np.float32
    assert x.array.tolist() == [1.5, -2.0]


def test_split_body_errors() -> None:
    with pytest.raises(OipError, match="non-negative integer"):
        parse_header_length("-1")
    with pytest.raises(OipError, match="longer than the body"):
        split_body(memoryview(b"{}"), 3)
    with pytest.raises(OipError, match="JSON object"):
        split_body(memoryview(b"[1]"), None)


def test_encode_response_sends_array_memory_as_is() -> None:
    v = np.linspace(0, 1, 5)
    d = np.ones((2, 2), dtype=np.float32)
    enc = encode_response(
        "activations.x",
        "2",
        "id-1",
        [OutputTensor("value", v, True), OutputTensor("d", d, False)],
        {"loss": float("nan"), "clipped": np.bool_(True), "step": np.int64(3)},
    )
    head, raw = enc.chunks
    assert enc.header_length == len(head)
    assert isinstance(raw, memoryview) and np.shares_memory(np.frombuffer(raw, "<f8"), v)
    header = orjson.loads(head)
    assert header["model_version"] == "2" and header["id"] == "id-1"
    assert header["parameters"] == {"loss": "NaN", "clipped": True, "step": 3}
    assert header["outputs"] == [
        {"name": "value", "datatype": "FP64", "shape": [5], "parameters": {"binary_data_size": 40}},
        {"name": "d", "datatype": "FP32", "shape": [2, 2], "data": [1.0, 1.0, 1.0, 1.0]},
    ]
    json_only = encode_response("m", None, None, [OutputTensor("d", d, False)], {})
    assert json_only.header_length is None and len(json_only.chunks) == 1


def test_unflatten_parameters() -> None:
    assert unflatten_parameters(
        {"lr": 0.1, "clip.global_norm": 1.0, "etas.1": 1.2, "etas.0": 0.5}
    ) == {
        "lr": 0.1,
        "clip": {"global_norm": 1.0},
        "etas": [0.5, 1.2],
    }
    with pytest.raises(OipError, match="conflicts"):
        unflatten_parameters({"clip": 1.0, "clip.norm": 2.0})
