"""Graceful shutdown of a real server: SIGTERM while requests are in flight lets them finish
with 200, and the process exits 0."""

from __future__ import annotations

import json
import os
import signal
import tempfile
import threading
import time
from typing import Any

import httpx
import pytest

from scripts.serverproc import free_port, start, stop, wait_healthy

pytestmark = pytest.mark.e2e

# ~0.35 s each on a free core, three at once on two cores (the server runs with the flow work
# limit raised for it): certainly still running when SIGTERM follows one health check after
# the bodies are sent (a flow of 10 layers of 128 took 60 ms and once finished first)
FLOW = {"depth": 16, "width": 512, "batch": 512, "activation": "tanh", "init": "xavier_uniform"}
FLOW_WORK = str(4 * 10**9)  # GRADSERVE_MAX_FLOW_WORK: the flow's 16*512*512*512 = 2.1e9
SLOW = 3
SMALL_LOOPS = 1


def test_sigterm_under_load_finishes_in_flight_requests_and_exits_0() -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        proc = start(port, log, max_queue="16", max_flow_work=FLOW_WORK)  # all admitted
        try:
            wait_healthy(base, proc)

            sent = threading.Semaphore(0)
            stop_small = threading.Event()
            slow: list[tuple[float, Any]] = []
            small = {"ok": 0, "failed": 0}

            def trace(event: str, info: dict[str, Any]) -> None:
                if event == "http11.send_request_body.complete":
                    sent.release()

            def slow_request(i: int) -> None:
                with httpx.Client(base_url=base, timeout=60) as c:
                    try:
                        r = c.post(
                            "/v1/inspect/gradient-flow",
                            json=FLOW,
                            headers={"X-Request-ID": f"slow-{i}"},
                            extensions={"trace": trace},
                        )
                        slow.append((time.monotonic(), r.status_code))
                    except httpx.HTTPError as exc:  # recorded, and failed on below
                        slow.append((time.monotonic(), repr(exc)))

            def small_loop() -> None:
                with httpx.Client(base_url=base, timeout=10) as c:
                    for _ in range(10_000):  # bounded; ends at SIGTERM
                        if stop_small.is_set():
                            return
                        try:
                            r = c.post("/v1/activations/sigmoid", json={"x": [0.0, 1.0]})
                            small["ok" if r.status_code == 200 else "failed"] += 1
                        except httpx.HTTPError:
                            small["failed"] += 1  # after SIGTERM: refused, as it should be

            threads = [threading.Thread(target=small_loop) for _ in range(SMALL_LOOPS)]
            threads += [threading.Thread(target=slow_request, args=(i,)) for i in range(SLOW)]
            for t in threads:
                t.start()
            for _ in range(SLOW):
                assert sent.acquire(timeout=30), "the slow requests were not sent"
            # sent is not yet read: uvicorn's shutdown closes a connection whose request it has
            # not parsed. One round trip on a new connection after the slow requests' bytes
            # arrived means the event loop has polled their sockets and parsed them too.
            assert httpx.get(f"{base}/healthz", timeout=30).status_code == 200
            t_term = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            stop_small.set()
            for t in threads:
                t.join(timeout=60)
            code = proc.wait(timeout=30)
        finally:
            stop(proc)
        log.seek(0)
        output = log.read().decode(errors="replace")

    assert len(slow) == SLOW
    assert [status for _, status in slow] == [200] * SLOW, output[-3000:]
    # every slow request was still running when SIGTERM came, and was answered after it
    assert all(done > t_term for done, _ in slow), "requests finished before SIGTERM"
    assert small["ok"] > 0
    assert code == 0, f"exit status {code}\n{output[-3000:]}"
    # the JSON access log has the slow requests, each once, with status 200
    lines = [json.loads(x) for x in output.splitlines() if x.startswith("{")]
    done = {x["id"]: x["status"] for x in lines if x["id"].startswith("slow-")}
    assert done == {f"slow-{i}": 200 for i in range(SLOW)}


def test_malloc_tuning_reaches_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    from service.__main__ import tune_malloc
    from service.config import Settings

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    settings = Settings(
        malloc_arena_max=2, malloc_mmap_threshold=131072, malloc_trim_threshold=8388608
    )
    if not tune_malloc(settings):
        pytest.skip("not glibc")
    assert os.environ["MALLOC_ARENA_MAX"] == "2"
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "131072"
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == "8388608"


def test_malloc_setting_0_leaves_glibc_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from service.__main__ import malloc_options
    from service.config import Settings

    settings = Settings(malloc_arena_max=0, malloc_mmap_threshold=0, malloc_trim_threshold=0)
    assert malloc_options(settings) == {}
    defaults = malloc_options(Settings())
    assert {k: v for k, (_, v) in defaults.items()} == {
        "MALLOC_ARENA_MAX": 2,
        "MALLOC_MMAP_THRESHOLD_": 32 << 20,
        "MALLOC_TRIM_THRESHOLD_": 64 << 20,
    }
    with pytest.raises(ValueError, match="malloc_mmap_max"):  # pydantic's ValidationError
        Settings(malloc_mmap_max=-2)
    # the big-tensor profile: 0 is a value here (never map), -1 glibc's default
    big = malloc_options(Settings(malloc_mmap_max=0, malloc_trim_threshold=1 << 29))
    assert big["MALLOC_MMAP_MAX_"] == (-4, 0)
    assert big["MALLOC_TRIM_THRESHOLD_"] == (-1, 1 << 29)


def test_malloc_environment_adds_the_hugepage_tunable_once() -> None:
    from service.__main__ import malloc_environment
    from service.config import Settings

    on, off = Settings(), Settings(malloc_hugepages=False)
    assert malloc_environment(on, {})["GLIBC_TUNABLES"] == "glibc.malloc.hugetlb=1"
    other = {"GLIBC_TUNABLES": "glibc.malloc.tcache_count=0"}
    assert (
        malloc_environment(on, other)["GLIBC_TUNABLES"]
        == "glibc.malloc.tcache_count=0:glibc.malloc.hugetlb=1"
    )
    # a hugetlb tunable already set is the operator's choice (and no second restart)
    assert "GLIBC_TUNABLES" not in malloc_environment(
        on, {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"}
    )
    assert "GLIBC_TUNABLES" not in malloc_environment(off, {})


@pytest.mark.parametrize("hugepages", ["true", "false"])
def test_the_server_restarts_itself_with_its_tunables(
    hugepages: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python -m service runs with glibc.malloc.hugetlb=1 in its environment (set before glibc
    reads it: an exec of the same process, whose id the caller keeps), or without it when the
    setting is off."""
    monkeypatch.delenv("GLIBC_TUNABLES", raising=False)
    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = start(port, log, malloc_hugepages=hugepages)
        try:
            wait_healthy(f"http://127.0.0.1:{port}", proc)
            with open(f"/proc/{proc.pid}/environ", "rb") as f:
                env = dict(item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item)
            with open(f"/proc/{proc.pid}/cmdline", "rb") as f:
                assert f.read().split(b"\0")[1:3] == [b"-m", b"service"]
        finally:
            stop(proc)
    if hugepages == "true":
        assert env[b"GLIBC_TUNABLES"] == b"glibc.malloc.hugetlb=1"
        assert env[b"MALLOC_MMAP_THRESHOLD_"] == b"33554432"  # the exec passed them on
    else:
        assert b"GLIBC_TUNABLES" not in env
