"""Strict, fast JSON at the edge: orjson in, orjson out, never a bare NaN token.

``render`` turns a response structure into bytes: tensors arrive already encoded as
``orjson.Fragment`` (see ``service.wire.tensors.Encoder``); plain floats that are not
finite become the proto3 strings, numpy scalars become Python numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any

import numpy as np
import orjson
from fastapi import Request
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from service.wire.bigb64 import BigB64, bools_in_lists, parse_body_checked, payload_parts
from service.wire.tensors import scalar_json

# Scope key: the body may hold booleans inside lists (see OrjsonRequest.json).
BOOLS_IN_LISTS = "gradserve.bools_in_lists"

# Bodies larger than this are parsed in the threadpool, off the event loop.
_THREADPOOL_PARSE_BYTES = 256 * 1024


def _clean(obj: Any, big: list[BigB64]) -> Any:
    if isinstance(obj, dict):
        return {k: _clean(v, big) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v, big) for v in obj]
    if isinstance(obj, BigB64):
        big.append(obj)
        return orjson.Fragment(b"\x00%d\x00" % (len(big) - 1))
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else scalar_json(obj)
    if isinstance(obj, np.floating):
        return scalar_json(float(obj))
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind == "f":
            return orjson.Fragment(_array_bytes(obj))
        return obj.tolist()
    return obj


def _array_bytes(arr: np.ndarray) -> bytes:
    from service.wire.tensors import array_json

    return array_json(arr)


def render(content: Any) -> bytes:
    """Serialize to strict JSON bytes (RFC 8259: no NaN/Infinity tokens)."""
    return b"".join(render_parts(content))


def render_parts(content: Any) -> list[bytes]:
    """:func:`render`'s document in parts: one, or the JSON around each large base64
    payload and the payloads themselves (never copied into one buffer)."""
    big: list[BigB64] = []
    dumped = orjson.dumps(_clean(content, big))
    return payload_parts(dumped, big)


async def send_chunks(chunks: Sequence[bytes | memoryview], send: Send) -> None:
    """Send a response body as its chunks, in order (the response has started)."""
    if not chunks:
        await send({"type": "http.response.body", "body": b""})
        return
    last = len(chunks) - 1
    for i, chunk in enumerate(chunks):
        await send({"type": "http.response.body", "body": chunk, "more_body": i < last})


class StrictJSONResponse(JSONResponse):
    """JSON response rendered with orjson through :func:`render`.

    A ``JSONResponse`` subclass, so that FastAPI documents every route's response model.
    An answer holding large b64 tensors is sent in its parts: joining the payloads into one
    buffer cost 10-14 ms for 21 MB (a fresh allocation touched page by page, then the copy).
    ``body`` joins them only when something reads it."""

    media_type = "application/json"
    _pending: list[bytes] | None = None
    _chunks: list[bytes] | None = None

    def render(self, content: Any) -> bytes:
        parts = render_parts(content)
        if len(parts) == 1:
            return parts[0]
        self._pending = parts  # init_headers takes them (Starlette reads the body there)
        return b""

    def init_headers(self, headers: Mapping[str, str] | None = None) -> None:
        super().init_headers(headers)
        parts, self._pending = self._pending, None
        if parts is not None:
            self._chunks = parts
            size = str(sum(len(p) for p in parts)).encode("latin-1")
            self.raw_headers = [
                (k, size if k == b"content-length" else v) for k, v in self.raw_headers
            ]

    @property
    def body(self) -> bytes:
        if self._chunks is not None:
            self._body = b"".join(self._chunks)
            self._chunks = None
        return self._body

    @body.setter
    def body(self, value: bytes) -> None:
        self._body = value

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._chunks is None:
            await super().__call__(scope, receive, send)
            return
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        await send_chunks(self._chunks, send)
        if self.background is not None:
            await self.background()


class ProblemResponse(StrictJSONResponse):
    """RFC 9457 problem details."""

    media_type = "application/problem+json"


class OrjsonRequest(Request):
    """A request whose ``json()`` uses orjson, in the threadpool for large bodies."""

    async def json(self) -> Any:
        """The parsed body; also records in the scope whether a list in it may hold a
        boolean (``BOOLS_IN_LISTS``), so that decoding checks those lists element by element
        (a boolean is never a number) and every other body keeps NumPy's fast path."""
        if not hasattr(self, "_json"):
            body = await self.body()
            if len(body) > _THREADPOOL_PARSE_BYTES:
                self._json, flag = await run_in_threadpool(parse_body_checked, body)
            else:
                self._json, flag = orjson.loads(body), bools_in_lists(body)
            self.scope[BOOLS_IN_LISTS] = flag
        return self._json


class OrjsonRoute(APIRoute):
    """Route class that parses request bodies with orjson (see OrjsonRequest)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            return await handler(OrjsonRequest(request.scope, request.receive))

        return route_handler
