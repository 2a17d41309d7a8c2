"""Strict, fast JSON at the edge: orjson in, orjson out, never a bare NaN token.

``render`` turns a response structure into bytes: tensors arrive already encoded as
``orjson.Fragment`` (see ``service.wire.tensors.Encoder``); plain floats that are not
finite become the proto3 strings, numpy scalars become Python numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Coroutine
from typing import Any

import numpy as np
import orjson
from fastapi import Request
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from service.wire.bigb64 import BigB64, bools_in_lists, parse_body_checked, render_with_payloads
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
    big: list[BigB64] = []
    dumped = orjson.dumps(_clean(content, big))
    return render_with_payloads(dumped, big)


class StrictJSONResponse(JSONResponse):
    """JSON response rendered with orjson through :func:`render`.

    A ``JSONResponse`` subclass, so that FastAPI documents every route's response model."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return render(content)


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
