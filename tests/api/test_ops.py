"""Operations endpoints and docs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.helpers import make_client


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_info_reports_limits_and_build() -> None:
    with make_client(max_elements=1234, max_trajectory_steps=99) as c:
        info = c.get("/v1/info").json()
    assert info["version"]
    assert info["limits"]["max_elements"] == {"value": 1234, "setting": "GRADSERVE_MAX_ELEMENTS"}
    assert info["limits"]["max_trajectory_steps"]["value"] == 99
    assert info["numpy"] and info["scipy"]
    assert info["compression"] == {
        "request_codings": ["gzip", "deflate"],
        "response_level": 0,
        "response_min_bytes": 1024,
    }
    with make_client(compress_level=1, compress_min_bytes=4096) as c:
        shown = c.get("/v1/info").json()["compression"]
    assert shown["response_level"] == 1 and shown["response_min_bytes"] == 4096


def test_metrics_count_requests(client: TestClient) -> None:
    client.get("/healthz")
    text = client.get("/metrics").text
    assert 'gradserve_requests_total{method="GET",route="/healthz",status="200"}' in text


def test_docs_are_served_locally(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/static/docs/swagger-ui-bundle.js" in html and "cdn" not in html
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/docs/swagger-ui.css").status_code == 200
    redoc = client.get("/redoc").text
    assert "/static/redoc/redoc.standalone.js" in redoc and "googleapis" not in redoc
    bundle = client.get("/static/redoc/redoc.standalone.js")
    assert bundle.status_code == 200
    assert b"cdn.redoc.ly" not in bundle.content and len(bundle.content) > 500_000


_BLAS_PROBE = """
import json, sys, threadpoolctl
from fastapi.testclient import TestClient
from service.config import Settings
from service.main import create_app

def threads():
    return [p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]

before = threads()
with TestClient(create_app(Settings(blas_threads=int(sys.argv[1])))) as c:
    during, info = threads(), c.get("/v1/info").json()["blas_threads"]
print(json.dumps([before, during, info, threads()]))
"""


@pytest.mark.parametrize("want", [1, 3])
def test_the_blas_runs_the_configured_threads_while_the_app_lives(want: int) -> None:
    # in a process of its own: OpenBLAS does not raise its thread count while a thread that
    # lowered it lives (this suite's shared client holds one)
    out = subprocess.run(
        [sys.executable, "-c", _BLAS_PROBE, str(want)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
        timeout=120,
    ).stdout
    before, during, info, after = json.loads(out)
    assert during and during == [want] * len(during)  # numpy's BLAS and scipy's, when loaded
    assert info == want
    assert after == before  # given back when the app stops
