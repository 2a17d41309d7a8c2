"""Overload sheds instead of queueing (service/admission.py), on a real uvicorn server.

The app is the real one (create_app) with one extra admitted route that sleeps in the
threadpool, as a slow computation would; uvicorn serves it on a free port in a thread.

Robust under CI load: the tests assert statuses, counters and the order in which answers
arrive (a shed answer before any slot frees, a timeout before its thread ends), with sleeps
long enough that a loaded machine cannot reorder them; the only time bounds are generous
ones (several times the expected value) or lower bounds that load cannot break.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn

from service.config import Settings
from service.main import create_app

RELU = {"x": [-1.0, 2.0]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    def __init__(self, **settings: object) -> None:
        app = create_app(Settings(access_log="off", **settings))  # type: ignore[arg-type]

        def slow(seconds: float = 1.0) -> dict[str, float]:
            time.sleep(seconds)  # a computation in the threadpool
            return {"slept": seconds}

        app.add_api_route("/v1/_test/slow", slow, methods=["GET"])
        self.app = app
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=32) as ex:
        yield ex


def _get(url: str, timeout: float = 60) -> tuple[int, float, httpx.Response]:
    """Status, the monotonic time the answer arrived, and the response."""
    r = httpx.get(url, timeout=timeout)
    return r.status_code, time.monotonic(), r


def _post(url: str, body: object) -> tuple[int, float, httpx.Response]:
    r = httpx.post(url, json=body, timeout=60)
    return r.status_code, time.monotonic(), r


def _wait_until(cond: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return
        time.sleep(0.01)
    raise AssertionError("condition not reached")


def test_burst_beyond_slots_and_queue_is_shed_at_once(pool: ThreadPoolExecutor) -> None:
    slow_s = 2.5
    with Served(max_concurrency=2, max_queue=2, request_timeout=60) as s:
        state = s.app.state.admission
        # 2 computing + 2 waiting: every slot and the whole queue taken
        slow = [pool.submit(_get, f"{s.url}/v1/_test/slow?seconds={slow_s}") for _ in range(4)]
        _wait_until(lambda: state.active == 2 and len(state.waiters) == 2, timeout=20)
        assert httpx.get(s.url + "/readyz").status_code == 503  # saturated: not ready
        assert httpx.get(s.url + "/healthz").status_code == 200  # never admitted
        assert httpx.get(s.url + "/metrics").status_code == 200
        burst = [pool.submit(_post, f"{s.url}/v1/activations/relu", RELU) for _ in range(16)]
        shed = [f.result() for f in burst]
        for status, _, r in shed:
            assert status == 503, r.text
            assert r.headers["retry-after"] == "1"
            assert r.headers["content-type"] == "application/problem+json"
            problem = r.json()
            assert problem["type"] == "urn:gradserve:problem:overloaded"
            assert "GRADSERVE_MAX_CONCURRENCY" in problem["detail"]
        # OIP paths are shed in the protocol's own error form
        r = httpx.get(s.url + "/v2/models/activations.relu")
        assert r.status_code == 503 and "error" in r.json()
        # in flight: the two computing finish, then the two waiting run and finish
        assert all(f.result()[0] == 200 for f in slow)
        done = sorted(f.result()[1] for f in slow)
        # shed at once: every 503 arrived before the first slot was freed
        assert max(t for _, t, _ in shed) < done[0], (shed, done)
        # the waiting two ran after the first two, not beside them (gap ≈ slow_s)
        assert done[2] - done[1] > slow_s / 2, done
        _wait_until(lambda: state.active == 0 and not state.waiters, timeout=20)
        assert state.shed == 17
        assert httpx.get(s.url + "/readyz").status_code == 200
        assert _post(f"{s.url}/v1/activations/relu", RELU)[0] == 200


def test_overrun_answers_503_at_the_deadline_and_keeps_its_slot(
    pool: ThreadPoolExecutor,
) -> None:
    with Served(max_concurrency=1, max_queue=0, request_timeout=0.5) as s:
        state = s.app.state.admission
        t0 = time.monotonic()
        status, t, r = _get(f"{s.url}/v1/_test/slow?seconds=4")
        # not before the deadline, and while the thread still computes (it sleeps 4 s)
        assert status == 503 and t - t0 >= 0.45, (status, t - t0)
        assert r.headers["retry-after"] == "1"
        assert r.json()["type"] == "urn:gradserve:problem:timeout"
        assert "GRADSERVE_REQUEST_TIMEOUT" in r.json()["detail"]
        # the worker thread cannot be stopped: it keeps the only slot until it returns
        assert state.active == 1
        status, _, r = _post(f"{s.url}/v1/activations/relu", RELU)
        assert status == 503 and r.json()["type"] == "urn:gradserve:problem:overloaded"
        _wait_until(lambda: state.active == 0, timeout=20)
        assert time.monotonic() - t0 >= 3.9  # freed when the thread ended, not at the 503
        assert _post(f"{s.url}/v1/activations/relu", RELU)[0] == 200
        assert state.timed_out == 1


def test_waiting_counts_against_the_deadline(pool: ThreadPoolExecutor) -> None:
    with Served(max_concurrency=1, max_queue=4, request_timeout=1.0) as s:
        state = s.app.state.admission
        first = pool.submit(_get, f"{s.url}/v1/_test/slow?seconds=0.3")
        _wait_until(lambda: state.active == 1, timeout=20)
        t0 = time.monotonic()
        waiting = [pool.submit(_get, f"{s.url}/v1/_test/slow?seconds=5") for _ in range(3)]
        assert first.result()[0] == 200
        # the second computes from ~0.3 s and overruns its 1 s; the others are still
        # waiting at their deadline: each is answered 503 at about 1 s, long before any of
        # them could have computed (5 s each)
        for f in waiting:
            status, t, r = f.result()
            assert status == 503 and t - t0 < 4.0, (status, t - t0)
            assert r.json()["type"] == "urn:gradserve:problem:timeout"
        # one timed out computing, two in the queue (shed at their deadline); on a machine
        # so loaded that the first request's 0.3 s outlasts the deadline, all three queued
        assert state.timed_out + state.shed == 3 and state.timed_out <= 1
        _wait_until(lambda: state.active == 0 and not state.waiters, timeout=20)


def test_monitoring_paths_are_never_admitted() -> None:
    from service.admission import admitted

    for path in (
        "/v2/models/stats",
        "/v2/models/activations.sigmoid/stats",
        "/v2/models/{model}/versions/{version}/stats",
        "/v1/info",
        "/v2/health/ready",
        "/metrics",
    ):
        assert not admitted(path), path
    for path in ("/v2/models/activations.sigmoid/infer", "/v2/models/stats.x", "/v1/batch"):
        assert admitted(path), path
