"""The Open Inference Protocol v2 codec (KServe/Triton), with Triton's binary tensor extension.

A request body is a JSON header, optionally followed by raw tensor bytes::

    {"inputs": [{"name": "x", "datatype": "FP64", "shape": [3],
                 "parameters": {"binary_data_size": 24}}],
     "outputs": [{"name": "value", "parameters": {"binary_data": true}}]}<24 bytes of x>

The header's length is the ``Inference-Header-Content-Length`` request header (absent: the
whole body is the header). Inputs with ``parameters.binary_data_size`` take their bytes from
the tail, in the order they are listed; the sizes must add up to the tail exactly. Inputs
without it carry JSON ``data`` (flat, row-major; non-finite values as ``"NaN"``,
``"Infinity"``, ``"-Infinity"``). Bytes are little-endian, row-major.

A response is built the same way: the JSON header, then the binary outputs' bytes in order
(each output says its ``binary_data_size``); the header length goes in the response's
``Inference-Header-Content-Length`` header. Nothing is copied on the way but the body,
once, from the socket's chunks into one aligned buffer (:func:`read_body`): inputs are
``np.frombuffer`` views of it, outputs are memoryviews of the result arrays (and large JSON
outputs their rendered text), sent as separate body chunks (:class:`ChunksResponse`).

Everything malformed raises :class:`OipError` (400) naming the input, output or parameter
and what was expected. This module knows no model and no compute.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

import numpy as np
import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from service.wire.json import send_chunks
from service.wire.tensors import Budget, array_json, decode_tensor, scalar_json

HEADER_LENGTH = "Inference-Header-Content-Length"

DATATYPES: dict[str, np.dtype[Any]] = {
    "FP64": np.dtype("<f8"),
    "FP32": np.dtype("<f4"),
    "FP16": np.dtype("<f2"),
    "INT64": np.dtype("<i8"),
    "INT32": np.dtype("<i4"),
}
"""Accepted input datatypes. FP16 is widened to float32 on decode (computed as float32)."""

OUTPUT_DATATYPES: dict[np.dtype[Any], str] = {
    np.dtype(np.float64): "FP64",
    np.dtype(np.float32): "FP32",
}

# Triton's request parameters that carry no meaning for a stateless gradient service.
IGNORED_REQUEST_PARAMETERS = frozenset({"priority", "timeout"})
_UNSUPPORTED_TENSOR_PARAMETERS = ("shared_memory_region", "shared_memory_byte_size",
                                  "shared_memory_offset", "classification")  # fmt: skip


class OipError(Exception):
    """A request the protocol layer rejects: ``status`` (400 unless said) and the message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def is_oip_path(path: str) -> bool:
    return path == "/v2" or path.startswith("/v2/")


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """OIP's error body: ``{"error": "<message>"}`` (application/json)."""
    return Response(
        orjson.dumps({"error": message}),
        status_code=status,
        headers=dict(headers or {}),
        media_type="application/json",
    )


# ---- request --------------------------------------------------------------------------------


@dataclass
class InputTensor:
    """A decoded input: the array (a view of the body for binary data) and its wire datatype."""

    name: str
    datatype: str
    array: np.ndarray


@dataclass
class RequestedOutput:
    name: str
    binary: bool


@dataclass
class InferRequest:
    """The decoded request: inputs by name (in request order), parameters, wanted outputs."""

    inputs: dict[str, InputTensor]
    parameters: dict[str, Any]
    outputs: list[RequestedOutput] | None  # None: the model's default outputs
    binary_output: bool  # the request-level binary_data_output
    id: str | None = None


ALIGN = 64  # binary data starts on a cache-line boundary: NumPy is slower on unaligned data


def _aligned_buffer(size: int, offset: int) -> memoryview:
    """A writable buffer of ``size`` bytes whose byte ``offset`` is ALIGN-aligned."""
    raw = np.empty(size + ALIGN, dtype=np.uint8)
    start = -(raw.ctypes.data + offset) % ALIGN
    return raw[start : start + size].data


async def read_body(request: Request, header_length: int | None = None) -> memoryview:
    """The whole body in one writable buffer, copied once from the socket's chunks and
    placed so that the binary part (after ``header_length`` bytes of JSON) starts aligned.

    With a Content-Length the buffer is allocated once at that size and filled in place as
    the chunks arrive; without one (chunked transfer) the chunks are kept, then copied once.
    The size limit itself is enforced earlier, by the body-limit middleware (a declared
    Content-Length over it before any byte is read, a chunked body as it passes it)."""
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit():
        chunks = [chunk async for chunk in request.stream()]
        view = _aligned_buffer(sum(len(c) for c in chunks), header_length or 0)
        pos = 0
        for chunk in chunks:
            view[pos : pos + len(chunk)] = chunk
            pos += len(chunk)
        return view
    view = _aligned_buffer(int(declared), header_length or 0)
    pos = 0
    async for chunk in request.stream():
        end = pos + len(chunk)
        if end > len(view):
            raise OipError(f"the body is longer than its Content-Length ({declared})")
        view[pos:end] = chunk
        pos = end
    if pos != len(view):
        raise OipError(f"the body ended after {pos} of {declared} bytes")
    return view


def parse_header_length(value: str | None) -> int | None:
    """The ``Inference-Header-Content-Length`` request header (None when absent)."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit():
        raise OipError(f"{HEADER_LENGTH}: expected a non-negative integer, got {value!r}")
    return int(text)


def split_body(body: memoryview, header_length: int | None) -> tuple[Any, memoryview]:
    """Parse the JSON header; return it with the binary tail (a view, possibly empty)."""
    view = memoryview(body)
    if header_length is None:
        head, tail = view, view[len(view) :]
    else:
        if header_length > len(view):
            raise OipError(
                f"{HEADER_LENGTH}: the header length {header_length} is longer than the body "
                f"({len(view)} bytes)"
            )
        head, tail = view[:header_length], view[header_length:]
    try:
        header = orjson.loads(head)
    except orjson.JSONDecodeError as exc:
        where = f"the first {len(head)} bytes ({HEADER_LENGTH})" if header_length else "the body"
        raise OipError(
            f"expected {where} to be the JSON inference header (UTF-8); {exc}. Binary data "
            f"needs the {HEADER_LENGTH} request header"
        ) from None
    if not isinstance(header, dict):
        raise OipError(
            f"expected the inference header to be a JSON object, got {type(header).__name__}"
        )
    return header, tail


class _InputHeader(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def shape(self) -> list[int]: ...
    @property
    def datatype(self) -> str: ...
    @property
    def parameters(self) -> Mapping[str, Any] | None: ...
    @property
    def data(self) -> Any: ...


class _OutputHeader(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def parameters(self) -> Mapping[str, Any] | None: ...


class InferHeader(Protocol):
    """The JSON header, validated for structure (``service.schemas.oip.OipInferRequest``)."""

    @property
    def id(self) -> str | None: ...
    @property
    def parameters(self) -> Mapping[str, Any] | None: ...
    @property
    def binary_data_output(self) -> bool | None: ...
    @property
    def inputs(self) -> Sequence[_InputHeader]: ...
    @property
    def outputs(self) -> Sequence[_OutputHeader] | None: ...


def decode_request(header: InferHeader, tail: memoryview, budget: Budget) -> InferRequest:
    """Decode a header already validated for structure (``service.schemas.oip``).

    Checks what the structure cannot say: datatypes, shape against data or
    ``binary_data_size``, binary sizes against the tail, duplicate names, limits."""
    inputs: dict[str, InputTensor] = {}
    offset = 0
    for item in header.inputs:
        name = item.name
        if name in inputs:
            raise OipError(f"input {name!r} is given twice")
        datatype = item.datatype
        where = f"input {name!r}"
        if datatype not in DATATYPES:
            raise OipError(
                f"{where}: expected datatype one of {', '.join(DATATYPES)}, got {datatype!r}"
            )
        wire = DATATYPES[datatype]
        shape = tuple(item.shape)
        if any(d < 0 for d in shape):
            raise OipError(f"{where}: expected a shape of non-negative sizes, got {list(shape)}")
        budget.check_ndim(len(shape), ("inputs", name))
        n = math.prod(shape)
        params = item.parameters or {}
        for key in params:
            if key != "binary_data_size":
                hint = " (shared memory is not supported)" if key.startswith("shared_") else ""
                raise OipError(
                    f"{where}: unknown parameter {key!r}; inputs accept binary_data_size{hint}"
                )
        size = params.get("binary_data_size")
        data = item.data
        if size is not None:
            if data is not None:
                raise OipError(f"{where}: give either data or parameters.binary_data_size")
            if isinstance(size, bool) or not isinstance(size, int) or size < 0:
                raise OipError(
                    f"{where}: expected binary_data_size a non-negative integer, got {size!r}"
                )
            expected = n * wire.itemsize
            if size != expected:
                raise OipError(
                    f"{where}: expected binary_data_size {expected} ({n} x {datatype} for shape "
                    f"{list(shape)}), got {size}"
                )
            if offset + size > len(tail):
                raise OipError(
                    f"{where}: expected {size} bytes of binary data at offset {offset} after the "
                    f"header, but only {len(tail) - offset} remain (check {HEADER_LENGTH} and "
                    "binary_data_size)"
                )
            budget.take(n, ("inputs", name))
            arr = np.frombuffer(tail[offset : offset + size], dtype=wire).reshape(shape)
            offset += size
        elif data is not None:
            # malformed data raises InvalidInputError at ("inputs", name, "data")
            dec = decode_tensor(
                {"shape": list(shape), "dtype": "float64", "data": data}, ("inputs", name), budget
            )
            arr = _json_cast(dec.array, wire, where)
        else:
            raise OipError(
                f"{where}: expected data, or parameters.binary_data_size with binary data"
            )
        if arr.dtype == np.float16:
            arr = arr.astype(np.float32)
        inputs[name] = InputTensor(name, datatype, arr)
    if offset != len(tail):
        raise OipError(
            f"the body has {len(tail)} bytes after the JSON header but the inputs' "
            f"binary_data_size add up to {offset} (check {HEADER_LENGTH})"
        )

    parameters = dict(header.parameters or {})
    binary_output = parameters.pop("binary_data_output", None)
    if binary_output is not None and not isinstance(binary_output, bool):
        raise OipError(f"parameter 'binary_data_output': expected a boolean, got {binary_output!r}")
    top = header.binary_data_output
    if top is not None and binary_output is not None and top != binary_output:
        raise OipError(
            f"binary_data_output is {str(top).lower()} and parameters.binary_data_output is "
            f"{str(binary_output).lower()}: give one, or the same in both"
        )
    binary_output = bool(binary_output if top is None else top)
    for key in IGNORED_REQUEST_PARAMETERS:
        parameters.pop(key, None)
    for key in ("sequence_id", "sequence_start", "sequence_end"):
        if key in parameters:
            raise OipError(f"parameter {key!r}: the models are stateless; sequences do not apply")

    outputs: list[RequestedOutput] | None = None
    if header.outputs is not None:
        outputs = []
        seen: set[str] = set()
        for out in header.outputs:
            name = out.name
            if name in seen:
                raise OipError(f"output {name!r} is requested twice")
            seen.add(name)
            oparams = out.parameters or {}
            for key in oparams:
                if key != "binary_data":
                    raise OipError(
                        f"output {name!r}: unknown parameter {key!r}; outputs accept binary_data"
                    )
            binary = oparams.get("binary_data", binary_output)
            if not isinstance(binary, bool):
                raise OipError(f"output {name!r}: expected binary_data a boolean, got {binary!r}")
            outputs.append(RequestedOutput(name, binary))
    return InferRequest(inputs, parameters, outputs, binary_output, header.id)


def _json_cast(arr: np.ndarray, wire: np.dtype[Any], where: str) -> np.ndarray:
    """JSON numbers (parsed as float64) in the declared datatype: floats round as a client's
    own cast would (beyond FP32/FP16 range: infinity); integers must be whole and in range."""
    if wire.kind == "f":  # FP64: the parsed array itself (no copy)
        with np.errstate(over="ignore"):
            return arr.astype(wire.newbyteorder("="), copy=False)
    info = np.iinfo(wire)
    # float64 holds every integer up to 2**53 exactly; beyond, the bound check is still sound
    ok = np.isfinite(arr) & (arr == np.round(arr)) & (arr >= info.min) & (arr < info.max + 1.0)
    if not ok.all():
        raise OipError(f"{where}: expected integers in [{info.min}, {info.max}] for {wire.name}")
    return arr.astype(wire.newbyteorder("="))


def unflatten_parameters(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Dotted parameter names back into the /v1 structure.

    ``{"clip.global_norm": 1.0}`` -> ``{"clip": {"global_norm": 1.0}}``; an object whose keys
    are all ``0``, ``1``, ... becomes a list (``etas.0``/``etas.1`` -> ``etas: [a, b]``)."""
    out: dict[str, Any] = {}
    for key, value in parameters.items():
        *parents, last = key.split(".")
        node = out
        for i, part in enumerate(parents):
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise OipError(
                    f"parameter {key!r} conflicts with parameter {'.'.join(parents[: i + 1])!r}"
                )
            node = child
        if last in node:
            raise OipError(f"parameter {key!r} conflicts with another parameter")
        node[last] = value
    return cast("dict[str, Any]", _lists(out))


def _lists(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    items = {k: _lists(v) for k, v in node.items()}
    if items and all(k.isdigit() for k in items):
        idx = sorted(int(k) for k in items)
        if idx == list(range(len(idx))):
            return [items[str(i)] for i in idx]
    return items


# ---- response -------------------------------------------------------------------------------


@dataclass
class OutputTensor:
    name: str
    array: np.ndarray
    binary: bool


@dataclass
class EncodedResponse:
    chunks: list[bytes | memoryview]
    header_length: int | None  # set when binary outputs follow the header
    extra: dict[str, Any] = field(default_factory=dict)


def parameter_json(value: Any) -> Any:
    """A response parameter: numbers (non-finite as the proto3 strings), bools, strings."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return scalar_json(float(value))
    return value


JSON_PART_BYTES = 1 << 16
"""A JSON output whose text is at least this long is sent as its own part of the answer
(where a NUL marker stands in the header's serialization), not copied into the header."""


def encode_response(
    model_name: str,
    model_version: str | None,
    request_id: str | None,
    outputs: Sequence[OutputTensor],
    parameters: Mapping[str, Any],
) -> EncodedResponse:
    """The response as chunks: the JSON header (in parts around large JSON outputs' text),
    then each binary output's bytes. Nothing is copied: binary outputs are the arrays'
    memory, large JSON data is its rendered text."""
    entries: list[dict[str, Any]] = []
    tail: list[bytes | memoryview] = []
    texts: list[bytes] = []
    for out in outputs:
        arr = np.asarray(out.array)
        datatype = OUTPUT_DATATYPES.get(arr.dtype)
        if datatype is None:  # results are float64 or float32; anything else is widened
            arr = arr.astype(np.float64)
            datatype = "FP64"
        entry: dict[str, Any] = {"name": out.name, "datatype": datatype, "shape": list(arr.shape)}
        if out.binary:
            raw = _bytes_view(arr)
            entry["parameters"] = {"binary_data_size": raw.nbytes}
            if raw.nbytes:
                tail.append(raw)
        else:
            text = array_json(arr.reshape(-1))
            if len(text) >= JSON_PART_BYTES:
                entry["data"] = orjson.Fragment(b"\x00%d\x00" % len(texts))
                texts.append(text)
            else:
                entry["data"] = orjson.Fragment(text)
        entries.append(entry)
    header: dict[str, Any] = {"model_name": model_name}
    if model_version is not None:
        header["model_version"] = model_version
    if request_id is not None:
        header["id"] = request_id
    if parameters:
        header["parameters"] = {k: parameter_json(v) for k, v in parameters.items()}
    header["outputs"] = entries
    head = _header_parts(orjson.dumps(header), texts)
    has_binary = any(o.binary for o in outputs)
    return EncodedResponse([*head, *tail], sum(map(len, head)) if has_binary else None)


def _header_parts(dumped: bytes, texts: list[bytes]) -> list[bytes]:
    """The header's parts: its serialization with ``texts[i]`` where ``\\x00i\\x00`` stands
    (orjson escapes NUL inside strings, so a raw NUL is always a marker)."""
    if not texts:
        return [dumped]
    pieces = dumped.split(b"\x00")  # json, index, json, index, ..., json
    parts: list[bytes] = []
    for n in range(1, len(pieces), 2):
        parts += [pieces[n - 1], texts[int(pieces[n])]]
    parts.append(pieces[-1])
    return parts


def _bytes_view(arr: np.ndarray) -> memoryview:
    """Little-endian row-major bytes of ``arr`` as a view (a copy only if not contiguous)."""
    a = np.ascontiguousarray(arr)
    if a.dtype.byteorder == ">":  # pragma: no cover - results are native (little-endian)
        a = a.astype(a.dtype.newbyteorder("<"))
    return a.reshape(-1).data.cast("B")


class ChunksResponse(Response):
    """A response whose body is a list of byte chunks, sent one by one (never joined)."""

    def __init__(
        self,
        chunks: Iterable[bytes | memoryview],
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
    ) -> None:
        self.chunks = [c for c in chunks if len(c)]
        self.status_code = status_code
        self.media_type = media_type
        self.background = None
        self.body = b""
        total = sum(memoryview(c).nbytes for c in self.chunks)
        self.init_headers({**(headers or {}), "content-length": str(total)})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        await send_chunks([] if scope.get("method") == "HEAD" else self.chunks, send)


def response_for(encoded: EncodedResponse) -> ChunksResponse:
    if encoded.header_length is None:
        return ChunksResponse(encoded.chunks, media_type="application/json")
    return ChunksResponse(
        encoded.chunks,
        headers={HEADER_LENGTH: str(encoded.header_length)},
        media_type="application/octet-stream",
    )
