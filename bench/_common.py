"""Shared benchmark helpers: run a real uvicorn server, time things, print a result table.

Benchmarks report ratios against a baseline measured in the same run, never absolute
pass/fail timings.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def b64(a: np.ndarray, dtype: str = "float64") -> dict[str, Any]:
    """A binary tensor object of ``a`` (little-endian ``dtype``: float64 or float32)."""
    a = np.array(a, dtype="<f8" if dtype == "float64" else "<f4", order="C")  # 0-d stays 0-d
    return {"shape": list(a.shape), "dtype": dtype, "b64": base64.b64encode(a.tobytes()).decode()}


def post_ok(conn: http.client.HTTPConnection, path: str, body: bytes) -> bytes:
    """POST a JSON ``body`` on ``conn``; the answer's bytes (it must be a 200)."""
    conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    out = resp.read()
    assert resp.status == 200, out[:300]
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# uvicorn as `python -m service` runs it: httptools through service.protocol (each answer in
# one write), uvloop; every server of a bench gets the same, the baselines included
RUN_UVICORN = (
    "import sys, uvicorn; from service.protocol import HttpProtocol; "
    "uvicorn.run(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]), "
    "workers=int(sys.argv[3]), http=HttpProtocol, log_level='warning', access_log=False)"
)


@contextmanager
def server(
    app: str = "service.main:app", env: dict[str, str] | None = None, workers: int = 1
) -> Iterator[str]:
    """Start uvicorn (``RUN_UVICORN``) serving `app` on a free loopback port; yield its base
    URL; stop it. The process
    gets the malloc tuning ``python -m service`` applies (its defaults, or GRADSERVE_MALLOC_*
    in `env`), so the bench measures the server as it is deployed."""
    from service.__main__ import malloc_environment
    from service.config import Settings

    overrides = {k: v for k, v in (env or {}).items() if k.startswith("GRADSERVE_MALLOC_")}
    settings = Settings(**{k.removeprefix("GRADSERVE_").lower(): v for k, v in overrides.items()})
    malloc = malloc_environment(settings, {**os.environ, **(env or {})})
    port = free_port()
    cmd = [sys.executable, "-c", RUN_UVICORN, app, str(port), str(workers)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **malloc, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"server {app} did not start")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def best_of(fn: Callable[[], Any], repeat: int = 5, number: int = 1) -> float:
    """Best wall time in seconds of `number` calls, over `repeat` rounds."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - t) / number)
    return best


async def _load(host: str, port: int, request: bytes, seconds: float, conns: int) -> int:
    """Keep-alive HTTP/1.1 load from raw sockets (cheap on the client's CPU)."""
    done = 0
    stop = time.monotonic() + seconds

    async def one() -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.monotonic() < stop:
                writer.write(request)
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                if not head.startswith(b"HTTP/1.1 200"):
                    raise RuntimeError(head[:200].decode())
                await reader.readexactly(length)
                done += 1
        finally:
            writer.close()

    await asyncio.gather(*(one() for _ in range(conns)))
    return done


def requests_per_second(
    base: str, method: str, path: str, body: bytes = b"", seconds: float = 5.0, conns: int = 8
) -> float:
    host, port = base.removeprefix("http://").split(":")
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    asyncio.run(_load(host, int(port), head + body, 1.0, conns))  # warm-up
    n = asyncio.run(_load(host, int(port), head + body, seconds, conns))
    return n / seconds


def table(title: str, rows: list[tuple[str, str, str]]) -> None:
    print(f"\n{title}")
    w = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"  {name:<{w}}  {value:>14}  {note}")
