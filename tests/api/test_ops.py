"""Operations endpoints and docs."""

from __future__ import annotations

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
