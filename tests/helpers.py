"""Test helpers shared by the API tests."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import httpx
import numpy as np
from fastapi.testclient import TestClient

from service.config import Settings

T = TypeVar("T")


def make_client(**overrides: Any) -> TestClient:
    """A client on an app with some settings changed (limits, API key...)."""
    from service.main import create_app

    return TestClient(create_app(Settings(**overrides)), raise_server_exceptions=False)


def assert_problem(resp: httpx.Response, status: int, loc: list[Any] | None = None) -> dict:
    """The response is an RFC 9457 problem with this status (and first error at `loc`)."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json"), resp.headers
    body = resp.json()
    assert {"type", "title", "status", "detail", "errors"} <= set(body), body
    assert body["status"] == status
    assert isinstance(body["errors"], list)
    if loc is not None:
        assert body["errors"], body
        assert body["errors"][0]["loc"] == loc, body["errors"]
        assert body["errors"][0]["msg"]
    return body


_FLOAT_WIRE = {"float64": "<f8", "float32": "<f4", "float16": "<f2"}


def b64_tensor(arr: np.ndarray, dtype: str = "float64") -> dict[str, Any]:
    a = np.array(arr, dtype=_FLOAT_WIRE[dtype], order="C")  # 0-d stays 0-d
    return {"shape": list(a.shape), "dtype": dtype, "b64": base64.b64encode(a.tobytes()).decode()}


def from_wire(value: Any) -> np.ndarray:
    """Decode a response tensor in any form (independently of service.wire)."""
    special = {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}
    if isinstance(value, dict):
        dt = np.dtype(_FLOAT_WIRE.get(value.get("dtype", "float64"), "<f8"))
        if "b64" in value:
            return np.frombuffer(base64.b64decode(value["b64"]), dtype=dt).reshape(value["shape"])
        data = [special.get(v, v) if isinstance(v, str) else v for v in value["data"]]
        return np.asarray(data, dtype=dt).reshape(value["shape"])
    if isinstance(value, str):
        return np.asarray(special[value])

    def conv(v: Any) -> Any:
        if isinstance(v, list):
            return [conv(i) for i in v]
        return special.get(v, v) if isinstance(v, str) else v

    return np.asarray(conv(value), dtype=np.float64)


def run_async(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``asyncio.run(main())`` in a thread of its own: a session fixture may keep an event
    loop running in the main thread (Playwright's sync API does), where asyncio.run refuses
    to start another. The coroutine is made in that thread too, so none is left unawaited."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(main())).result()


async def asgi_post(app: Any, path: str, body: bytes) -> list[dict[str, Any]]:
    """One JSON POST through an ASGI app, as a server would hand it over (the whole body in
    one message; a second read sees the client gone): the messages the app sent. Used by
    the tests and by bench/bench_inprocess.py."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"test"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent
