"""service.middleware.Metrics: answers tallied in process, flushed into prometheus-client's
values; the exposition is the one ``inc``/``observe`` per answer gives."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from service.config import Settings
from service.main import create_app
from service.middleware import BUCKETS, PENDING_MAX, Metrics
from tests.helpers import run_async

ROUTE = SimpleNamespace(path="/v1/activations/{name}")
# every bucket's edge (an answer of exactly an edge's seconds is in that bucket), between
# the edges, 0, and beyond the last one
LATENCIES = [0.0, *BUCKETS, 0.0003, 0.003, 0.07, 0.3, 0.7, 3.0, 7.0, 11.0, 1e6]


def _scope(method: str = "POST") -> dict[str, Any]:
    return {"method": method, "route": ROUTE}


def _reference(answers: list[tuple[str, int, float]]) -> bytes:
    """The exposition of a registry where each answer is counted and observed at once."""
    registry = CollectorRegistry()
    requests = Counter(
        "gradserve_requests_total",
        "HTTP requests served",
        ["method", "route", "status"],
        registry=registry,
    )
    latency = Histogram(
        "gradserve_request_duration_seconds",
        "Request latency",
        ["method", "route"],
        registry=registry,
        buckets=BUCKETS,
    )
    for method, status, seconds in answers:
        requests.labels(method, ROUTE.path, str(status)).inc()
        latency.labels(method, ROUTE.path).observe(seconds)
    return generate_latest(registry)


def _exposition(metrics: Metrics) -> bytes:
    """The request metrics' exposition (the OIP inference metrics left out)."""
    text = generate_latest(metrics.registry)
    return b"".join(line for line in text.splitlines(True) if b"gradserve_oip_" not in line)


def _without_created(text: bytes) -> list[bytes]:
    return [line for line in text.splitlines() if b"_created" not in line]


def test_a_flush_gives_the_exposition_of_an_observe_per_answer() -> None:
    answers = [("POST", 200, s) for s in LATENCIES] + [("GET", 404, 0.25), ("POST", 422, 0.01)]
    answers += [("POST", 200, 0.5)] * 3
    metrics = Metrics()
    for method, status, seconds in answers:
        metrics.record(_scope(method), status, seconds)
    metrics.flush()
    got, want = _without_created(_exposition(metrics)), _without_created(_reference(answers))
    # the sums are added once per flush, not once per answer: equal up to rounding
    sums = [(a, b) for a, b in zip(got, want, strict=True) if b"_sum" in a]
    assert [a.split(b" ")[0] for a, _ in sums] == [b.split(b" ")[0] for _, b in sums]
    for a, b in sums:
        assert float(a.split(b" ")[1]) == pytest.approx(float(b.split(b" ")[1]), rel=1e-15)
    assert [a for a in got if b"_sum" not in a] == [b for b in want if b"_sum" not in b]


def test_tallies_wait_for_the_flush_and_accumulate_over_flushes() -> None:
    metrics = Metrics()
    metrics.record(_scope(), 200, 0.002)
    assert b'status="200"' not in _exposition(metrics)
    metrics.flush()
    metrics.flush()  # nothing tallied: nothing added
    metrics.record(_scope(), 200, 0.002)
    metrics.flush()
    text = _exposition(metrics).decode()
    assert (
        'gradserve_requests_total{method="POST",route="/v1/activations/{name}",status="200"} 2.0'
        in text
    )
    assert 'le="0.0025",method="POST",route="/v1/activations/{name}"} 2.0' in text
    assert metrics.pending == {}


def test_the_tallies_are_bounded() -> None:
    metrics = Metrics()
    for i in range(PENDING_MAX):
        metrics.record(_scope(f"M{i}"), 405, 0.001)
    assert len(metrics.pending) == PENDING_MAX
    metrics.record(_scope("ONE-MORE"), 405, 0.001)  # the earlier ones are flushed first
    assert list(metrics.pending) == [("ONE-MORE", ROUTE.path, 405)]
    assert _exposition(metrics).count(b"gradserve_requests_total{") == PENDING_MAX


def test_the_flusher_flushes_on_its_period_and_once_more_when_cancelled() -> None:
    async def go() -> tuple[bytes, bytes, bytes]:
        metrics = Metrics(flush_s=0.05)
        task = asyncio.create_task(metrics.flusher())
        metrics.record(_scope(), 200, 0.001)
        await asyncio.sleep(0.2)
        periodic = _exposition(metrics)
        metrics.record(_scope(), 500, 0.001)
        before_cancel = _exposition(metrics)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return periodic, before_cancel, _exposition(metrics)

    periodic, before_cancel, after = run_async(go)
    assert b'status="200"} 1.0' in periodic
    assert b'status="500"' not in before_cancel
    assert b'status="500"} 1.0' in after


def test_a_scrape_counts_the_answers_before_it_at_once() -> None:
    client = TestClient(create_app(Settings()))
    for _ in range(3):
        assert client.post("/v1/activations/tanh", json={"x": [0.0]}).status_code == 200
    text = client.get("/metrics").text
    line = 'gradserve_requests_total{method="POST",route="/v1/activations/{name}",status="200"}'
    assert f"{line} 3.0" in text


def test_multiprocess_files_get_the_tallies_at_each_flush(tmp_path: Path) -> None:
    """prometheus-client chooses multiprocess mode when it is imported, so this runs in a
    process of its own with PROMETHEUS_MULTIPROC_DIR set."""
    script = textwrap.dedent(
        """
        import asyncio, glob, sys
        from types import SimpleNamespace
        from prometheus_client import generate_latest
        from service.middleware import Metrics

        d = sys.argv[1]
        scope = {"method": "POST", "route": SimpleNamespace(path="/r")}
        line = b'gradserve_requests_total{method="POST",route="/r",status="200"}'

        def count(m):
            for row in generate_latest(m.registry).splitlines():
                if row.startswith(line):
                    return float(row.split()[-1])
            return 0.0

        async def main():
            m = Metrics(d, flush_s=0.05)
            task = asyncio.create_task(m.flusher())
            for _ in range(5):
                m.record(scope, 200, 0.001)
            print("before", count(m), len(glob.glob(d + "/*.db")))
            await asyncio.sleep(0.2)
            print("flushed", count(m))
            m.record(scope, 200, 0.001)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            print("stopped", count(Metrics(d)))

        asyncio.run(main())
        """
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout.split("\n")
    assert out[:3] == ["before 0.0 0", "flushed 5.0", "stopped 6.0"]
