"""Request ids (X-Request-ID accepted or made, echoed on every answer) and the JSON access log."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app
from service.middleware import sane_request_id

ACCESS = "gradserve.access"


def _lines(caplog: pytest.LogCaptureFixture) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == ACCESS]


@pytest.fixture(scope="module")
def small_body_client() -> Iterator[TestClient]:
    app = create_app(Settings(max_body_bytes=1000))

    @app.get("/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("kaboom")

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (b"abc", True),
        (b"A-Za-z0-9._-", True),
        (b"x" * 128, True),
        (b"x" * 129, False),
        (b"", False),
        (b"has space", False),
        (b"new\nline", False),
        (b'{"json":1}', False),
        ("é".encode(), False),
    ],
)
def test_sane_request_id(given: bytes, kept: bool) -> None:
    assert (sane_request_id(given) is not None) is kept


def test_generated_ids_are_uuid4_hex_and_differ(client: TestClient) -> None:
    ids = [client.get("/healthz").headers["x-request-id"] for _ in range(3)]
    for rid in ids:
        assert len(rid) == 32 and int(rid, 16) >= 0
        assert rid[12] == "4"  # uuid version 4
    assert len(set(ids)) == 3


def test_a_sane_id_is_echoed_and_an_insane_one_replaced(client: TestClient) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": "trace-01.A_b"})
    assert r.headers["x-request-id"] == "trace-01.A_b"
    r = client.get("/healthz", headers={"X-Request-ID": "no good;" + "x" * 200})
    assert r.headers["x-request-id"] != "no good;" + "x" * 200
    assert len(r.headers["x-request-id"]) == 32
    assert r.headers.get_list("x-request-id") == [r.headers["x-request-id"]]


def test_every_error_answer_carries_the_id(small_body_client: TestClient) -> None:
    c = small_body_client
    cases = {
        404: c.get("/nowhere", headers={"X-Request-ID": "r404"}),
        405: c.put("/healthz", headers={"X-Request-ID": "r405"}),
        413: c.post(
            "/v1/activations/relu",
            content=b"{" + b" " * 2000 + b"}",
            headers={"X-Request-ID": "r413", "Content-Type": "application/json"},
        ),
        422: c.post(
            "/v1/activations/relu", json={"x": [[1], [2, 3]]}, headers={"X-Request-ID": "r422"}
        ),
        500: c.get("/boom", headers={"X-Request-ID": "r500"}),
    }
    for status, r in cases.items():
        assert r.status_code == status, (status, r.text)
        assert r.headers.get_list("x-request-id") == [f"r{status}"], status
    assert "r500" in cases[500].json()["detail"]


def test_one_json_line_per_request_with_the_work(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS)
    r = client.post(
        "/v1/activations/tanh", json={"x": [0.0, 1.0, 2.0]}, headers={"X-Request-ID": "w1"}
    )
    assert r.status_code == 200
    client.get("/healthz", headers={"X-Request-ID": "w2"})
    lines = _lines(caplog)
    assert [line["id"] for line in lines] == ["w1", "w2"]
    first, second = lines
    assert first["method"] == "POST" and first["path"] == "/v1/activations/tanh"
    assert first["status"] == 200
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0
    # 3 input elements, and the outputs (value, derivative) count against the budget too
    assert first["work"]["elements"] >= 3
    assert second["work"] is None  # /healthz decodes no tensor
    assert set(first) == {"ts", "id", "method", "path", "status", "duration_ms", "work", "client"}


def test_errors_get_their_line_and_the_unexpected_one_is_logged_with_the_id(
    small_body_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS)
    small_body_client.post("/v1/losses/mse", json={"y_true": [1], "y_pred": [1, 2]})
    small_body_client.get("/boom", headers={"X-Request-ID": "boom-1"})
    lines = _lines(caplog)
    assert [line["status"] for line in lines] == [422, 500]
    assert lines[1]["id"] == "boom-1"
    errors = [r for r in caplog.records if r.name == "gradserve" and r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "boom-1" in errors[0].getMessage()
    assert getattr(errors[0], "request_id", None) == "boom-1"
    assert errors[0].exc_info is not None


def test_access_log_off_keeps_the_id(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS)
    with TestClient(create_app(Settings(access_log="off"))) as c:
        r = c.get("/healthz", headers={"X-Request-ID": "quiet"})
    assert r.headers["x-request-id"] == "quiet"
    assert _lines(caplog) == []
