"""service.middleware.HeadMiddleware: HEAD is GET without the content (RFC 9110 §9.3.2)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings()))


@pytest.mark.parametrize(
    "path",
    [
        "/healthz",
        "/readyz",
        "/v2/health/live",
        "/v2/health/ready",
        "/v2/models/activations.relu",
        "/v1/activations",
        "/v1/activations/sigmoid",
        "/v1/losses/mse",
        "/openapi.json",
        "/docs",
        "/v1/activations/nope",
        "/nope",
    ],
)
def test_head_answers_as_get_without_content(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-type"] == got.headers["content-type"]
    assert (
        head.headers["x-request-id"] and head.headers["x-request-id"] != got.headers["x-request-id"]
    )


def test_head_on_a_post_only_route_is_a_405_naming_post(client: TestClient) -> None:
    for path in ("/v1/batch", "/v2/models/activations.relu/infer"):
        r = client.head(path)
        assert r.status_code == 405
        assert r.headers["allow"] == "POST"
        assert r.content == b""


def test_metrics_count_head_under_its_route() -> None:
    client = TestClient(create_app(Settings()))
    for _ in range(2):
        assert client.head("/healthz").status_code == 200
    client.get("/healthz")
    text = client.get("/metrics").text
    assert 'gradserve_requests_total{method="HEAD",route="/healthz",status="200"} 2.0' in text
    assert 'gradserve_requests_total{method="GET",route="/healthz",status="200"} 1.0' in text
