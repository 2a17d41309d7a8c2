"""The OIP codec's buffers: the body read into one aligned buffer (one copy), JSON inputs
without a second copy, answers sent as parts that are the arrays' memory or their text."""

from __future__ import annotations

from collections.abc import Coroutine, Sequence
from typing import Any

import numpy as np
import orjson
import pytest
from starlette.requests import Request

from service.wire.oip import (
    ALIGN,
    JSON_PART_BYTES,
    ChunksResponse,
    OipError,
    OutputTensor,
    _json_cast,
    encode_response,
    read_body,
    response_for,
)
from service.wire.tensors import array_json


def finish(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine that never waits (no event loop: the suite may be running one)."""
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    raise AssertionError("the coroutine waited")  # pragma: no cover


def request(chunks: Sequence[bytes], content_length: int | None) -> Request:
    """A request whose body arrives as these ASGI messages."""
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
        for i, c in enumerate(chunks or [b""])
    ][::-1]

    async def receive() -> dict[str, Any]:
        return messages.pop()

    headers = [] if content_length is None else [(b"content-length", b"%d" % content_length)]
    return Request({"type": "http", "method": "POST", "headers": headers}, receive)


BODY = bytes(range(256)) * 40 + b"tail"


def cut(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)]


@pytest.mark.parametrize("size", [1, 7, 4096, len(BODY)])
@pytest.mark.parametrize("declared", [True, False])
@pytest.mark.parametrize("header_length", [None, 0, 13, 100])
def test_body_is_one_aligned_writable_copy(
    size: int, declared: bool, header_length: int | None
) -> None:
    chunks = cut(BODY, size)
    view = finish(read_body(request(chunks, len(BODY) if declared else None), header_length))
    assert isinstance(view, memoryview) and view.format == "B" and not view.readonly
    assert view.tobytes() == BODY
    arr = np.frombuffer(view, np.uint8)
    assert (arr.ctypes.data + (header_length or 0)) % ALIGN == 0  # the binary part is aligned
    assert not any(np.shares_memory(arr, np.frombuffer(c, np.uint8)) for c in chunks)


@pytest.mark.parametrize("declared", [True, False])
def test_empty_body(declared: bool) -> None:
    view = finish(read_body(request([], 0 if declared else None)))
    assert len(view) == 0


def test_body_shorter_or_longer_than_its_content_length() -> None:
    chunks, n = cut(BODY, 1000), len(BODY)
    with pytest.raises(OipError, match=rf"^the body ended after {n} of {n + 5} bytes$"):
        finish(read_body(request(chunks, n + 5)))
    with pytest.raises(OipError, match=r"^the body is longer than its Content-Length \(9000\)$"):
        finish(read_body(request(chunks, 9000)))


def test_json_fp64_data_is_not_copied_again() -> None:
    parsed = np.array([1.0, 2.5, -3.0])
    assert _json_cast(parsed, np.dtype("<f8"), "x") is parsed
    f32 = _json_cast(parsed, np.dtype("<f4"), "x")
    assert f32.dtype == np.float32 and f32.tolist() == [1.0, 2.5, -3.0]


def joined(chunks: Sequence[bytes | memoryview]) -> bytes:
    return b"".join(bytes(c) for c in chunks)


def whole_header(outputs: list[OutputTensor], **header: Any) -> bytes:
    """The header as one orjson document, data rendered in place (the reference framing)."""
    entries = []
    for o in outputs:
        dt = "FP32" if o.array.dtype == np.float32 else "FP64"
        entry: dict[str, Any] = {"name": o.name, "datatype": dt, "shape": list(o.array.shape)}
        if o.binary:
            entry["parameters"] = {"binary_data_size": o.array.nbytes}
        else:
            entry["data"] = orjson.Fragment(array_json(o.array.reshape(-1)))
        entries.append(entry)
    return orjson.dumps({**header, "outputs": entries})


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_large_json_outputs_are_parts_of_the_same_bytes(dtype: type) -> None:
    rng = np.random.default_rng(0)
    big = rng.normal(size=(30, 400)).astype(dtype)
    big[0, :3] = [np.nan, np.inf, -np.inf]
    small = np.arange(4, dtype=dtype)
    binary = rng.normal(size=5).astype(dtype)
    outputs = [
        OutputTensor("value", big, False),
        OutputTensor("small", small, False),
        OutputTensor("raw", binary, True),
        OutputTensor("again", -big, False),
    ]
    # a NUL inside a string is escaped by orjson: never taken for a part marker
    params = {"warnings": "a\x00b", "loss": 1.5}
    enc = encode_response("activations.x", None, "id\x00", outputs, params)
    head = whole_header(outputs, model_name="activations.x", id="id\x00", parameters=params)
    assert joined(enc.chunks) == head + binary.tobytes()
    assert enc.header_length == len(head)
    texts = [c for c in enc.chunks if len(c) >= JSON_PART_BYTES]
    assert [bytes(t) for t in texts[:2]] == [
        array_json(big.reshape(-1)),
        array_json(-big.reshape(-1)),
    ]
    assert isinstance(enc.chunks[-1], memoryview)
    assert np.shares_memory(np.frombuffer(enc.chunks[-1], dtype), binary)
    # JSON only: no header length, the same document
    enc = encode_response("m", "1", None, outputs[:2], {})
    assert enc.header_length is None and len(enc.chunks) == 3
    assert joined(enc.chunks) == whole_header(outputs[:2], model_name="m", model_version="1")


def run_response(response: ChunksResponse) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    finish(response({"type": "http", "method": "POST"}, None, send))  # type: ignore[arg-type]
    return sent


def test_answer_is_sent_as_the_arrays_memory_with_its_length() -> None:
    a = np.arange(10, dtype=np.float32)
    b = np.linspace(0, 1, 6, dtype=np.float64).reshape(2, 3)
    empty = np.zeros(0, dtype=np.float32)
    enc = encode_response(
        "optimizers.adam",
        None,
        None,
        [OutputTensor("a", a, True), OutputTensor("e", empty, True), OutputTensor("b", b, True)],
        {"step": 1},
    )
    start, *bodies = run_response(response_for(enc))
    headers = dict(start["headers"])
    total = sum(len(m["body"]) for m in bodies)
    assert headers[b"content-length"] == b"%d" % total
    assert headers[b"inference-header-content-length"] == b"%d" % enc.header_length
    assert headers[b"content-type"] == b"application/octet-stream"
    # header, a, b (the empty output sends nothing); uvicorn counts len(body) as bytes
    assert len(bodies) == 3
    assert [m["more_body"] for m in bodies] == [True, True, False]
    for m in bodies[1:]:
        view = m["body"]
        assert isinstance(view, memoryview) and view.ndim == 1 and view.format == "B"
        assert len(view) == view.nbytes
    assert np.shares_memory(np.frombuffer(bodies[1]["body"], np.float32), a)
    assert np.shares_memory(np.frombuffer(bodies[2]["body"], np.float64), b)
    assert bytes(bodies[0]["body"]) + a.tobytes() + b.tobytes() == joined(
        [m["body"] for m in bodies]
    )
