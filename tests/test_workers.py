"""GRADSERVE_WORKERS=2 with real processes: requests spread over both workers and /metrics
(prometheus-client multiprocess mode) counts their sum, whichever worker answers it."""

from __future__ import annotations

import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from scripts.serverproc import free_port, start, stop, wait_healthy
from service.config import default_blas_threads, default_concurrency

pytestmark = pytest.mark.e2e

ROUTE = 'gradserve_requests_total{method="POST",route="/v1/activations/{name}",status="200"}'


def _count(text: str) -> float:
    for line in text.splitlines():
        if line.startswith(ROUTE):
            return float(line.split()[-1])
    return 0.0


def _pids(directory: Path, kind: str = "counter") -> set[str]:
    return {
        m.group(1)
        for f in directory.glob(f"{kind}_*.db")
        if (m := re.search(r"_(\d+)\.db$", f.name))
    }


def test_two_workers_share_the_load_and_metrics_sum_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_1.db").write_bytes(b"stale")  # an earlier run's file: removed
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))  # to see the files
    with tempfile.TemporaryFile() as log:
        proc = start(port, log, workers="2", access_log="off")
        try:
            wait_healthy(base, proc)
            assert not (metrics_dir / "counter_1.db").exists()

            def one(_: int) -> int:
                # a new connection each time, so that either worker may accept it
                with httpx.Client(base_url=base, timeout=30) as c:
                    return c.post("/v1/activations/sigmoid", json={"x": [0.0, 1.0]}).status_code

            sent = 0
            with ThreadPoolExecutor(8) as pool:
                while sent < 2000:
                    assert list(pool.map(one, range(100))) == [200] * 100
                    sent += 100
                    time.sleep(0.6)  # a flush of each worker's tallies
                    if len(_pids(metrics_dir)) >= 2:
                        break
            # each worker adds its tallies to its files every GRADSERVE_METRICS_FLUSH_S (0.5 s)
            time.sleep(1.0)
            assert len(_pids(metrics_dir)) == 2, "both workers answered requests"
            # every scrape, whichever worker answers it, counts all of them
            for _ in range(4):
                with httpx.Client(base_url=base, timeout=30) as c:
                    assert _count(c.get("/metrics").text) == sent

            # OIP inferences, each on a new connection (either worker; 200 new connections
            # all reaching one worker would be a 2^-199 chance): Triton's statistics from any
            # worker count every one, once the workers' tallies are flushed
            def infer(i: int) -> int:
                x = {"name": "x", "shape": [2], "datatype": "FP64", "data": [0.0, 1.0]}
                if i % 10 == 0:
                    x = {**x, "name": "z"}  # a failure: no input x
                with httpx.Client(base_url=base, timeout=30) as c:
                    path = "/v2/models/activations.Logistic/infer"
                    return c.post(path, json={"inputs": [x]}).status_code

            with ThreadPoolExecutor(8) as pool:
                codes = list(pool.map(infer, range(200)))
            assert codes.count(200) == 180 and codes.count(400) == 20
            time.sleep(1.0)  # each worker's tallies are flushed every 0.5 s
            # both workers answered some (each wrote its last-inference gauge file)
            assert len(_pids(metrics_dir, "gauge_max")) == 2
            for _ in range(4):
                with httpx.Client(base_url=base, timeout=30) as c:
                    (stat,) = c.get("/v2/models/activations.sigmoid/stats").json()["model_stats"]
                    assert stat["inference_count"] == 180
                    assert stat["inference_stats"]["fail"]["count"] == 20
            # each worker runs the BLAS on its share of the cores
            expected = default_blas_threads(2, default_concurrency())
            with httpx.Client(base_url=base, timeout=30) as c:
                assert c.get("/v1/info").json()["blas_threads"] == expected
        finally:
            code = stop(proc)
        assert code == 0, log.seek(0) or log.read().decode()[-2000:]
