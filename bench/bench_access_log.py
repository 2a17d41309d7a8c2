"""Cost of the request-id / JSON access-log middleware (issue 14, part 7) on the hot path.

Throughput of POST /v1/activations/sigmoid with 16 floats on one worker (the small-request
figure of bench_activations.py) without the middleware, with it and the log off, and with one
JSON line per request written to a file. Rounds alternate so that a busy machine affects all
three alike; the best round of each counts. Goal: the JSON log costs <= 10 % of throughput.
Also the middleware's own cost per request, in process (an ASGI app that answers at once,
called directly), which a busy machine disturbs less.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
import time
from typing import Any

import numpy as np
import orjson
from _common import requests_per_second, server, table

ROUNDS = 3
CALLS = 50_000


async def _inner(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def _receive() -> Any:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _send(message: Any) -> None:
    return None


async def _per_call_us(app: Any) -> float:
    headers = [(b"host", b"x"), (b"content-type", b"application/json")]
    t = time.perf_counter()
    for _ in range(CALLS):
        scope = {"type": "http", "method": "POST", "path": "/v1/x", "headers": headers}
        scope["client"] = ("127.0.0.1", 1)
        await app(scope, _receive, _send)
    return (time.perf_counter() - t) / CALLS * 1e6


def in_process(path: str) -> dict[str, float]:
    """Microseconds per request added by RequestIdMiddleware: log off, JSON log to a file."""
    from service.middleware import RequestIdMiddleware

    logger = logging.getLogger("gradserve.access")
    handler = logging.FileHandler(path, mode="w")
    handler.setFormatter(logging.Formatter("%(message)s"))
    best = {"bare": 1e9, "off": 1e9, "json": 1e9}
    for _ in range(3):
        best["bare"] = min(best["bare"], asyncio.run(_per_call_us(_inner)))
        off = RequestIdMiddleware(_inner, log=False)
        best["off"] = min(best["off"], asyncio.run(_per_call_us(off)))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        try:
            on = RequestIdMiddleware(_inner, log=True)
            best["json"] = min(best["json"], asyncio.run(_per_call_us(on)))
        finally:
            logger.removeHandler(handler)
    handler.close()
    return best


def main() -> None:
    body16 = orjson.dumps({"x": np.linspace(-4, 4, 16).tolist()})
    path = os.path.join(tempfile.mkdtemp(), "access.log")
    apps = {"without": "without", "log off": "off", "JSON log": "json_log"}
    best = dict.fromkeys(apps, 0.0)
    for _ in range(ROUNDS):
        for label, attr in apps.items():
            env = {"BENCH_ACCESS_LOG": path, "GRADSERVE_MAX_QUEUE": "64"}
            with server(f"bench.access_log_apps:{attr}", env=env) as base:
                rps = requests_per_second(base, "POST", "/v1/activations/sigmoid", body16)
            best[label] = max(best[label], rps)
    with open(path, "rb") as f:
        last = f.read().splitlines()[-1]
    line = orjson.loads(last)
    assert line["status"] == 200 and line["path"] == "/v1/activations/sigmoid", line
    base_rps = best["without"]
    us = in_process(path + ".inproc")
    table(
        "access log",
        [
            ("sigmoid 16 floats, no request-id middleware", f"{base_rps:,.0f} req/s", ""),
            (
                "  with it, GRADSERVE_ACCESS_LOG=off",
                f"{best['log off']:,.0f} req/s",
                f"{best['log off'] / base_rps:.2f}x",
            ),
            (
                "  with it, JSON line per request",
                f"{best['JSON log']:,.0f} req/s",
                f"{best['JSON log'] / base_rps:.2f}x (goal >= 0.90)",
            ),
            ("in process: request id only (log off)", f"+{us['off'] - us['bare']:.1f} us", ""),
            ("in process: request id + JSON line", f"+{us['json'] - us['bare']:.1f} us", ""),
        ],
    )


if __name__ == "__main__":
    main()
