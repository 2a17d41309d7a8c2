"""Tensors on the wire (docs/wire.md): decode the four forms, encode the response form.

Forms: a number (0-d tensor), a rectangular nested list, a flat object
``{"shape", "dtype", "data"}`` and a binary object ``{"shape", "dtype", "b64"}`` holding
base64 of little-endian row-major bytes. Non-finite values travel as the strings
``"NaN"``, ``"Infinity"`` and ``"-Infinity"``.

Decoding never validates per element in Python on the common path: a nested list goes
through one ``np.asarray`` call, a b64 object through ``pybase64`` (SIMD) and ``np.frombuffer``.
Only when that fails (ragged lists, non-finite strings, wrong types) does a slow walk run,
to find the index where the input breaks or to convert the strings. Encoding renders
arrays with orjson's native NumPy serializer, replacing non-finite values through
sentinels that are checked to be absent from the data.
"""

from __future__ import annotations

import binascii
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import orjson
import pybase64

from service.domain_errors import InvalidInputError, LimitExceededError
from service.wire.bigb64 import PAYLOAD_THRESHOLD, B64Span, BigB64

Loc = tuple[str | int, ...]

WIRE_DTYPES: dict[str, np.dtype[Any]] = {
    "float64": np.dtype("<f8"),
    "float32": np.dtype("<f4"),
    "float16": np.dtype("<f2"),
    "int64": np.dtype("<i8"),
    "int32": np.dtype("<i4"),
    "uint8": np.dtype("u1"),
}
FLOAT_DTYPES = ("float64", "float32", "float16")
_ITEMSIZE: dict[str | None, int] = {
    "float32": 4,
    "float16": 2,
}  # of the float wire dtypes narrower than float64
NONFINITE_IN = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


class TensorForm(StrEnum):
    number = "number"
    nested = "nested"
    flat = "flat"
    b64 = "b64"


@dataclass
class Budget:
    """Per-request limits: elements (summed over all tensors), ndim and nesting depth."""

    max_elements: int
    max_ndim: int
    max_depth: int
    used: int = 0
    # the body may hold booleans inside lists: decode lists element by element (a boolean
    # is never a number), not through np.asarray, which would read True as 1
    strict_lists: bool = False
    # the response's estimated size (bytes), charged by take_response before computing
    max_response_bytes: int | None = None
    response_bytes: int = 0
    # working arrays a computation keeps beside its inputs and outputs (a network's passes),
    # charged by take_work before computing
    max_work_elements: int | None = None
    work_elements: int = 0

    def take_work(self, n: int, loc: Loc) -> None:
        """Charge ``n`` elements of working arrays (not on the wire) to their own limit."""
        self.work_elements += n
        if self.max_work_elements is not None and self.work_elements > self.max_work_elements:
            raise LimitExceededError(
                f"the computation would keep more than {self.max_work_elements} elements of "
                f"working arrays ({self.work_elements})",
                "max_work_elements",
                self.max_work_elements,
                loc,
            )

    def take_response(self, n: int, form: str, dtype: str | None, loc: Loc) -> None:
        """Charge ``n`` response numbers in tensor form ``form`` (and wire ``dtype``) to the
        response size: b64 4/3 of the bytes (10.7 per float64), JSON up to 25 per number."""
        per = _ITEMSIZE.get(dtype, 8) * 4 / 3 if form == TensorForm.b64 else 25
        self.take_response_bytes(
            math.ceil(n * per),
            loc,
            f"{form} form; ask fewer outputs, or encoding b64 (about 11 bytes per float64 "
            "instead of up to 25)",
        )

    def take_response_bytes(self, nbytes: int, loc: Loc, hint: str = "ask fewer outputs") -> None:
        """Charge ``nbytes`` of response (raw binary outputs, reports) to the response size."""
        if self.max_response_bytes is None:
            return
        self.response_bytes += nbytes
        if self.response_bytes > self.max_response_bytes:
            raise LimitExceededError(
                f"the response would take about {self.response_bytes} bytes ({hint})",
                "max_response_bytes",
                self.max_response_bytes,
                loc,
            )

    def take(self, n: int, loc: Loc) -> None:
        self.used += n
        if self.used > self.max_elements:
            raise LimitExceededError(
                f"the request holds more than {self.max_elements} tensor elements "
                f"({self.used} so far)",
                "max_elements",
                self.max_elements,
                loc,
            )

    def check_ndim(self, ndim: int, loc: Loc) -> None:
        if ndim > self.max_ndim:
            raise LimitExceededError(
                f"expected at most {self.max_ndim} dimensions, got {ndim}",
                "max_ndim",
                self.max_ndim,
                loc,
            )


@dataclass
class Decoded:
    """A decoded tensor with the form and wire dtype it came in (to mirror in the response)."""

    array: np.ndarray
    form: TensorForm
    dtype: str | None = None  # the wire dtype of a flat/b64 object, else None
    extra: dict[str, Any] = field(default_factory=dict)


def decode_tensor(value: Any, loc: Loc, budget: Budget) -> Decoded:
    """Decode one tensor field in any of the four forms; raise InvalidInputError at ``loc``."""
    if isinstance(value, bool) or value is None:
        raise InvalidInputError(_expected_tensor(value), loc)
    if isinstance(value, int | float):
        budget.take(1, loc)
        return Decoded(np.asarray(float(value), dtype=np.float64), TensorForm.number)
    if isinstance(value, str):
        if value in NONFINITE_IN:
            budget.take(1, loc)
            return Decoded(np.asarray(NONFINITE_IN[value]), TensorForm.number)
        raise InvalidInputError(_expected_tensor(value), loc)
    if isinstance(value, list):
        arr = _decode_nested(value, loc, budget)
        return Decoded(arr, TensorForm.nested)
    if isinstance(value, dict):
        return _decode_object(value, loc, budget)
    raise InvalidInputError(_expected_tensor(value), loc)


def decode_tree(
    value: Any, loc: Loc, budget: Budget, *, depth: int = 0
) -> tuple[dict[str, Decoded] | Decoded, bool]:
    """Decode a tensor or a (nested) mapping of named tensors.

    Returns ``(tensor, False)`` for a single tensor, or ``(flat, True)`` where ``flat`` maps
    '/'-joined paths ("layer1/w") to tensors, for a mapping. A dict is a tensor object when
    it has a "shape" key; otherwise it is a mapping of names.
    """
    if isinstance(value, dict) and "shape" not in value:
        if not value:
            raise InvalidInputError("expected a tensor or a non-empty mapping of tensors", loc)
        out: dict[str, Decoded] = {}
        _walk_tree(value, loc, budget, depth, "", out)
        return out, True
    return decode_tensor(value, loc, budget), False


def _walk_tree(
    value: Mapping[str, Any],
    loc: Loc,
    budget: Budget,
    depth: int,
    prefix: str,
    out: dict[str, Decoded],
) -> None:
    if depth + 1 > budget.max_depth:
        raise LimitExceededError(
            f"expected nesting depth at most {budget.max_depth}",
            "max_depth",
            budget.max_depth,
            loc,
        )
    for key, item in value.items():
        if not key or "/" in key:
            raise InvalidInputError(
                f"expected a non-empty parameter name without '/', got {key!r}", (*loc, key)
            )
        path = f"{prefix}/{key}" if prefix else key
        if isinstance(item, dict) and "shape" not in item:
            if not item:
                raise InvalidInputError("expected a tensor or a non-empty mapping", (*loc, key))
            _walk_tree(item, (*loc, key), budget, depth + 1, path, out)
        else:
            out[path] = decode_tensor(item, (*loc, key), budget)


def unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Inverse of decode_tree's path flattening: {"a/b": x} -> {"a": {"b": x}}."""
    out: dict[str, Any] = {}
    for path, item in flat.items():
        node = out
        *parents, last = path.split("/")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = item
    return out


def _expected_tensor(value: Any) -> str:
    return (
        "expected a tensor: a number, a rectangular nested list, "
        '{"shape", "dtype", "data"} or {"shape", "dtype", "b64"}; got ' + _describe(value)
    )


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        v = value if len(value) <= 20 else value[:17] + "..."
        return f"the string {v!r}"
    if isinstance(value, dict):
        return "an object with keys " + ", ".join(sorted(map(str, value))[:6])
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return type(value).__name__


def _decode_nested(value: list[Any], loc: Loc, budget: Budget) -> np.ndarray:
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        arr = None
    if arr is not None and arr.dtype.kind in "fiu" and arr.size > 0 and not budget.strict_lists:
        budget.check_ndim(arr.ndim, loc)
        budget.take(arr.size, loc)
        return arr.astype(np.float64, copy=False)
    # Slow path: empty lists, ragged lists, non-finite strings, wrong element types.
    shape: list[int] = []
    flat: list[float] = []
    _walk(value, loc, 0, shape, flat, budget)
    budget.check_ndim(len(shape), loc)
    budget.take(len(flat), loc)
    return np.asarray(flat, dtype=np.float64).reshape(shape)


def _walk(
    node: Any,
    loc: Loc,
    depth: int,
    shape: list[int],
    flat: list[float],
    budget: Budget,
    state: list[bool] | None = None,
) -> None:
    """Walk a nested list; fix ``shape`` from the first path and check every sibling.

    ``state[0]`` becomes True once a number has been seen: the shape is then complete.
    """
    if state is None:
        state = [False]
    if depth > budget.max_depth:
        raise LimitExceededError(
            f"expected nesting depth at most {budget.max_depth}",
            "max_depth",
            budget.max_depth,
            loc,
        )
    if isinstance(node, list):
        if depth == len(shape) and not state[0]:
            shape.append(len(node))
            budget.check_ndim(len(shape), loc)
        elif depth >= len(shape):
            raise InvalidInputError(
                f"ragged list: expected a number here like its siblings, got a list of {len(node)}",
                loc,
            )
        elif shape[depth] != len(node):
            raise InvalidInputError(
                f"ragged list: expected a list of length {shape[depth]} like its siblings, "
                f"got {len(node)}",
                loc,
            )
        for i, item in enumerate(node):
            _walk(item, (*loc, i), depth + 1, shape, flat, budget, state)
        return
    if depth != len(shape):
        raise InvalidInputError(
            f"ragged list: expected a list of length {shape[depth]} like its siblings, got "
            + _describe(node),
            loc,
        )
    state[0] = True
    if isinstance(node, bool) or node is None:
        raise InvalidInputError(
            'expected a number or "NaN", "Infinity", "-Infinity", got ' + _describe(node), loc
        )
    if isinstance(node, int | float):
        flat.append(float(node))
        return
    if isinstance(node, str) and node in NONFINITE_IN:
        flat.append(NONFINITE_IN[node])
        return
    raise InvalidInputError(
        'expected a number or "NaN", "Infinity", "-Infinity", got ' + _describe(node), loc
    )


def _decode_shape(obj: Mapping[str, Any], loc: Loc, budget: Budget) -> tuple[int, ...]:
    shape = obj.get("shape")
    if not isinstance(shape, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape
    ):
        if isinstance(shape, list):
            i, bad = next(
                (i, d)
                for i, d in enumerate(shape)
                if not (isinstance(d, int) and not isinstance(d, bool) and d >= 0)
            )
            number = isinstance(bad, int | float) and not isinstance(bad, bool)
            got = repr(bad) if number else _describe(bad)
            raise InvalidInputError(
                f"expected shape as a list of non-negative integers, got {got} at index {i}",
                (*loc, "shape", i),
            )
        raise InvalidInputError(
            "expected shape as a list of non-negative integers, got " + _describe(shape),
            (*loc, "shape"),
        )
    budget.check_ndim(len(shape), (*loc, "shape"))
    n = math.prod(shape)
    budget.take(n, (*loc, "shape"))
    return tuple(shape)


def _decode_object(obj: dict[str, Any], loc: Loc, budget: Budget) -> Decoded:
    keys = set(obj)
    has_data, has_b64 = "data" in keys, "b64" in keys
    if "shape" not in keys or has_data == has_b64:
        raise InvalidInputError(
            'expected a tensor object {"shape", "dtype", "data"} or {"shape", "dtype", "b64"}, '
            "got " + _describe(obj),
            loc,
        )
    unknown = keys - {"shape", "dtype", "data", "b64"}
    if unknown:
        raise InvalidInputError(
            f"unknown tensor field {sorted(unknown)[0]!r}; expected shape, dtype, data or b64",
            (*loc, sorted(unknown)[0]),
        )
    dtype_name = obj.get("dtype", "float64")
    if not isinstance(dtype_name, str) or dtype_name not in WIRE_DTYPES:
        raise InvalidInputError(
            f"expected dtype one of {', '.join(WIRE_DTYPES)}, got {dtype_name!r}", (*loc, "dtype")
        )
    shape = _decode_shape(obj, loc, budget)
    n = math.prod(shape)
    wire = WIRE_DTYPES[dtype_name]
    if has_b64:
        text = obj["b64"]
        if isinstance(text, B64Span):
            text = text.view
        elif not isinstance(text, str):
            raise InvalidInputError(
                "expected a base64 string, got " + _describe(text), (*loc, "b64")
            )
        try:
            raw = pybase64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InvalidInputError(
                f"expected standard base64 (RFC 4648): {exc}", (*loc, "b64")
            ) from None
        expected = n * wire.itemsize
        if len(raw) != expected:
            raise InvalidInputError(
                f"expected {expected} bytes ({n} x {dtype_name}) for shape {list(shape)}, "
                f"got {len(raw)}",
                (*loc, "b64"),
            )
        arr = np.frombuffer(bytearray(raw), dtype=wire).reshape(shape)
        if wire.byteorder == ">":  # pragma: no cover - little-endian is the wire order
            arr = arr.astype(wire.newbyteorder("="))
        return Decoded(_native(arr), TensorForm.b64, dtype_name)
    data = obj["data"]
    if not isinstance(data, list):
        raise InvalidInputError(
            "expected data as a flat list, got " + _describe(data), (*loc, "data")
        )
    if len(data) != n:
        raise InvalidInputError(
            f"expected {n} values for shape {list(shape)}, got {len(data)}", (*loc, "data")
        )
    sub = Budget(n + 1, 1, 2, strict_lists=budget.strict_lists)
    try:
        arr = _decode_nested(data, (*loc, "data"), sub) if n else np.zeros(0)
    except LimitExceededError:  # the sub-budget allows one dimension: a list in the list
        arr = np.zeros((0, 0))
    if arr.ndim != 1:
        raise InvalidInputError(
            "expected data as a flat list of numbers (the shape gives the dimensions), "
            "got a nested list",
            (*loc, "data"),
        )
    if wire.kind in "iu":
        if not np.all(np.isfinite(arr)) or not np.array_equal(arr, np.round(arr)):
            raise InvalidInputError(f"expected integers for dtype {dtype_name}", (*loc, "data"))
        return Decoded(arr.astype(wire).reshape(shape), TensorForm.flat, dtype_name)
    with np.errstate(over="ignore"):  # beyond float32's range rounds to ±inf, as IEEE 754
        out = arr.astype(wire.newbyteorder("=")).reshape(shape)
    return Decoded(out, TensorForm.flat, dtype_name)


def _native(arr: np.ndarray) -> np.ndarray:
    return arr.view(arr.dtype.newbyteorder("=")) if arr.dtype.byteorder == "<" else arr


# ---------------------------------------------------------------------------------------------
# Encoding

_SENTINELS: dict[str, tuple[float, float, float]] = {
    # distinctive finite values standing for NaN, +inf, -inf while orjson renders the array
    "float64": (1.2345678901234567e300, 2.3456789012345678e300, -3.4567890123456789e300),
    "float32": (3.1234567e38, 3.2345678e38, -3.3456789e38),
}


def _sentinel_bytes(dtype: str) -> list[tuple[bytes, bytes]]:
    vals = np.asarray(_SENTINELS[dtype], dtype=dtype)
    text = orjson.dumps(vals, option=orjson.OPT_SERIALIZE_NUMPY)[1:-1].split(b",")
    return list(zip(text, (b'"NaN"', b'"Infinity"', b'"-Infinity"'), strict=True))


_SENTINEL_TEXT = {k: _sentinel_bytes(k) for k in _SENTINELS}


def finite_array_json(arr: np.ndarray) -> bytes | None:
    """orjson's nested list of a float array when every value is finite, else None. orjson
    writes a non-finite value as ``null``, which no finite number's text contains: scanning
    the text costs less than a finiteness check of the array."""
    out = orjson.dumps(np.ascontiguousarray(arr), option=orjson.OPT_SERIALIZE_NUMPY)
    return None if b"null" in out else out


def array_json(arr: np.ndarray) -> bytes:
    """Render a float array as a strict-JSON nested list (non-finite values as strings).
    float16 values are written as float32's shortest text of the same value (orjson's own
    rendering of float16), which reads back to that float16."""
    dtype = "float32" if arr.dtype in (np.float32, np.float16) else "float64"
    a = np.ascontiguousarray(arr, dtype=dtype)
    out = finite_array_json(a)
    if out is not None:
        return out
    finite = np.isfinite(a)
    s_nan, s_pinf, s_ninf = (a.dtype.type(v) for v in _SENTINELS[dtype])
    mags = np.abs(a[finite])
    if mags.size and np.isin(mags, np.abs([s_nan, s_pinf, s_ninf])).any():
        return _array_json_slow(a)
    b = a.copy()
    b[np.isnan(a)] = s_nan
    b[np.isposinf(a)] = s_pinf
    b[np.isneginf(a)] = s_ninf
    out = orjson.dumps(b, option=orjson.OPT_SERIALIZE_NUMPY)
    for src, dst in _SENTINEL_TEXT[dtype]:
        out = out.replace(src, dst)
    return out


def _array_json_slow(a: np.ndarray) -> bytes:
    obj = np.where(np.isfinite(a), a, 0).astype(object)
    obj[np.isnan(a)] = "NaN"
    obj[np.isposinf(a)] = "Infinity"
    obj[np.isneginf(a)] = "-Infinity"
    return orjson.dumps(obj.tolist())


def scalar_json(v: float) -> float | str:
    """A Python float for JSON: non-finite values as the proto3 strings."""
    v = float(v)
    if math.isfinite(v):
        return v
    return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")


class Encoder:
    """Encodes response tensors in one form and dtype (docs/wire.md)."""

    def __init__(self, form: TensorForm, dtype: str | None = None) -> None:
        self.form = form
        self.dtype = dtype

    def _cast(self, arr: np.ndarray) -> tuple[np.ndarray, str]:
        a = np.asarray(arr)
        if self.dtype is not None:
            name = self.dtype
        elif a.dtype == np.float32:
            name = "float32"
        elif a.dtype.kind in "iu" and self.form in (TensorForm.flat, TensorForm.b64):
            name = "int64"
        else:
            name = "float64"
        wire = WIRE_DTYPES[name].newbyteorder("=")
        if a.dtype == wire:
            return a, name
        with np.errstate(over="ignore"):  # beyond float32's or float16's range: infinity
            return a.astype(wire), name

    def tensor(self, arr: np.ndarray | float) -> Any:
        """A JSON-ready value: a number, an orjson Fragment (nested list or object)."""
        a, name = self._cast(np.asarray(arr))
        if a.ndim == 0 and self.form in (TensorForm.number, TensorForm.nested):
            return scalar_json(float(a)) if a.dtype.kind == "f" else int(a)
        form = self.form
        if form in (TensorForm.number, TensorForm.nested) and 0 in a.shape[:-1]:
            # a nested list cannot hold a shape like (0, 3) ([] reads back as (0,)): the flat
            # object keeps the shape, so every returned tensor decodes to what was sent
            form = TensorForm.flat
        if form == TensorForm.b64:
            le = a.astype(WIRE_DTYPES[name], copy=False)
            payload = pybase64.b64encode(np.ascontiguousarray(le).data)
            head = orjson.dumps({"shape": list(a.shape), "dtype": name})[:-1]
            if len(payload) >= PAYLOAD_THRESHOLD:
                return BigB64(head, payload)
            return orjson.Fragment(head + b',"b64":"' + payload + b'"}')
        body = (
            array_json(a)
            if a.dtype.kind == "f"
            else orjson.dumps(np.ascontiguousarray(a), option=orjson.OPT_SERIALIZE_NUMPY)
        )
        if form == TensorForm.flat:
            flat_body = (
                body
                if a.ndim == 1
                else (
                    array_json(a.reshape(-1))
                    if a.dtype.kind == "f"
                    else orjson.dumps(
                        np.ascontiguousarray(a.reshape(-1)), option=orjson.OPT_SERIALIZE_NUMPY
                    )
                )
            )
            head = orjson.dumps({"shape": list(a.shape), "dtype": name})[:-1]
            return orjson.Fragment(head + b',"data":' + flat_body + b"}")
        return orjson.Fragment(body)

    def tree(self, tensors: Mapping[str, np.ndarray]) -> dict[str, Any]:
        """Encode a flat path -> array mapping back into the nested mapping form."""
        return unflatten({k: self.tensor(v) for k, v in tensors.items()})


def encoder_for(
    main: Decoded | None, encoding: str | None = None, dtype: str | None = None
) -> Encoder:
    """The response encoder: ``encoding`` if set, else the form of the main input.

    The dtype is the request's compute ``dtype`` if set, else the main input's wire dtype
    (for flat/b64 input), else that of the result arrays.
    """
    if encoding is not None:
        form = TensorForm(encoding)
    elif main is None:
        form = TensorForm.nested
    else:
        form = main.form
    out_dtype = dtype
    if out_dtype is None and main is not None and main.dtype in FLOAT_DTYPES:
        out_dtype = main.dtype
    return Encoder(form, out_dtype)
