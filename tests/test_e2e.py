"""End to end: a real uvicorn process (python -m service) answering over loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers import run_async

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "GRADSERVE_HOST": "127.0.0.1",
        "GRADSERVE_PORT": str(port),
        "GRADSERVE_MAX_BODY_BYTES": "1000000",
        "GRADSERVE_LOG_LEVEL": "warning",
    }
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed after the server stops
    proc = subprocess.Popen(
        [sys.executable, "-m", "service"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                out = log.read().decode(errors="replace")
                pytest.fail(f"server did not start: {out[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            raise
        log.close()
    # a graceful stop on SIGTERM exits 0 (python -m service does not re-raise the signal)
    assert proc.returncode == 0, f"server did not stop cleanly on SIGTERM: {proc.returncode}"


def test_health_ready_and_info(server: str) -> None:
    assert httpx.get(f"{server}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{server}/readyz").json() == {"status": "ready"}
    info = httpx.get(f"{server}/v1/info").json()
    assert info["limits"]["max_body_bytes"]["value"] == 1_000_000


def test_activation_gradient_over_loopback(server: str) -> None:
    r = httpx.post(f"{server}/v1/activations/tanh", json={"x": [0.0, "NaN"]})
    assert r.status_code == 200
    assert r.json() == {"value": [0.0, "NaN"], "derivative": [1.0, "NaN"]}


def test_body_limit_is_answered_before_the_body_is_read(server: str) -> None:
    big = b'{"x": [' + b"0," * 600_000 + b"0]}"
    r = httpx.post(
        f"{server}/v1/activations/relu", content=big, headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("application/problem+json")

    def chunks() -> Iterator[bytes]:
        yield b'{"x": ['
        for _ in range(100):
            yield b"0," * 10_000
        yield b"0]}"

    r = httpx.post(
        f"{server}/v1/activations/relu",
        content=chunks(),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413


def test_docs_offline_assets(server: str) -> None:
    html = httpx.get(f"{server}/docs").text
    assert "/static/docs/swagger-ui-bundle.js" in html
    for forbidden in ("cdn.jsdelivr", "unpkg.com", "cdnjs", "fonts.googleapis"):
        assert forbidden not in html
    assert httpx.get(f"{server}/static/docs/swagger-ui-bundle.js").status_code == 200
    redoc = httpx.get(f"{server}/redoc").text
    assert "/static/redoc/redoc.standalone.js" in redoc and "fonts.googleapis" not in redoc
    assert httpx.get(f"{server}/openapi.json").json()["info"]["title"] == "gradserve"
    assert "gradserve_requests_total" in httpx.get(f"{server}/metrics").text


def test_concurrent_small_calls_get_the_answers_they_get_alone(server: str) -> None:
    """Sixty-four Adam steps and mse losses with distinct inputs sent at once over 64
    connections (the server computes the calls of one kind that arrive together in one
    stack) get the same bytes as each sent alone."""
    import asyncio

    import numpy as np

    rng = np.random.default_rng(17)
    calls = []
    for _ in range(32):
        p, g = rng.normal(size=16), rng.normal(size=16)
        calls.append(
            (
                "/v1/optimizers/adam/step",
                {"params": p.tolist(), "grads": g.tolist(), "hyperparams": {"lr": 0.01}},
            )
        )
        y, q = rng.normal(size=(2, 8)), rng.normal(size=(2, 8))
        calls.append(("/v1/losses/mse", {"y_true": y.tolist(), "y_pred": q.tolist()}))

    async def burst() -> list[bytes]:
        limits = httpx.Limits(max_connections=64)
        async with httpx.AsyncClient(base_url=server, limits=limits, timeout=30) as client:
            answers = await asyncio.gather(*(client.post(p, json=b) for p, b in calls))
        assert all(a.status_code == 200 for a in answers)
        return [a.content for a in answers]

    together = run_async(burst)
    with httpx.Client(base_url=server, timeout=30) as client:
        alone = [client.post(p, json=b).content for p, b in calls]
    assert together == alone


def test_pipelined_requests_and_connection_close_over_a_raw_socket(server: str) -> None:
    """Three requests in one send, the last with ``connection: close``: the server (which
    holds each answer's head until its body is written, service.protocol) sends all three
    answers in order, then closes."""
    host, port = server.removeprefix("http://").split(":")
    body = b'{"x": [0.0]}'
    post = (
        b"POST /v1/activations/sigmoid HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\n"
        b"content-length: %d\r\n\r\n%s" % (len(body), body)
    )
    close = b"GET /healthz HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n"
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(post + b"GET /healthz HTTP/1.1\r\nhost: t\r\n\r\n" + close)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    answers = []
    rest = received
    while rest:
        head, _, rest = rest.partition(b"\r\n\r\n")
        length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
        answers.append((head.split(b"\r\n")[0], rest[:length]))
        rest = rest[length:]
    assert answers == [
        (b"HTTP/1.1 200 OK", b'{"value":[0.5],"derivative":[0.25]}'),
        (b"HTTP/1.1 200 OK", b'{"status":"ok"}'),
        (b"HTTP/1.1 200 OK", b'{"status":"ok"}'),
    ]


def test_head_then_get_on_one_connection(server: str) -> None:
    """HEAD /healthz answers GET's status and headers with no content: the next answer on
    the same connection starts right after the first one's head."""
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"HEAD /healthz HTTP/1.1\r\nhost: t\r\n\r\n"
            b"GET /healthz HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n"
        )
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    first, _, rest = received.partition(b"\r\n\r\n")
    assert first.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"content-length: 15\r\n" in first + b"\r\n"
    assert rest.startswith(b"HTTP/1.1 200 OK\r\n")
    assert rest.endswith(b'\r\n\r\n{"status":"ok"}')


def test_expect_100_continue_is_answered_before_the_body_is_sent(server: str) -> None:
    """A client that sends ``Expect: 100-continue`` waits for the interim answer before it
    sends the body: the server's ``100 Continue`` (a lone small write, held only to the end
    of the event loop's turn) must arrive on its own."""
    host, port = server.removeprefix("http://").split(":")
    body = b'{"x": [0.0, 0.0]}'
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(
            b"POST /v1/activations/sigmoid HTTP/1.1\r\nhost: t\r\ncontent-type: application/json"
            b"\r\nexpect: 100-continue\r\nconnection: close\r\ncontent-length: %d\r\n\r\n"
            % len(body)
        )
        interim = sock.recv(65536)  # times out (5 s) if the interim answer is held back
        assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 200 OK\r\n")
    assert received.endswith(b'\r\n\r\n{"value":[0.5,0.5],"derivative":[0.25,0.25]}')
