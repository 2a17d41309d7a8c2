"""Every error is problem+json with loc and msg (docs/wire.md); no input gives a 5xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, make_client

URL = "/v1/activations/relu"


def test_body_not_json(client: TestClient) -> None:
    r = client.post(URL, content=b"{not json", headers={"Content-Type": "application/json"})
    assert_problem(r, 422, ["body"])


def test_body_not_utf8(client: TestClient) -> None:
    r = client.post(URL, content=b'{"x": "\xff\xfe"}', headers={"Content-Type": "application/json"})
    assert_problem(r, 422, ["body"])


@pytest.mark.parametrize("body", [b"[1, 2]", b"3", b'"x"', b"null"])
def test_body_not_an_object(client: TestClient, body: bytes) -> None:
    r = client.post(URL, content=body, headers={"Content-Type": "application/json"})
    assert_problem(r, 422, ["body"])


def test_missing_and_unknown_fields(client: TestClient) -> None:
    assert_problem(client.post(URL, json={}), 422, ["body", "x"])
    body = assert_problem(client.post(URL, json={"x": [1], "bogus": 1}), 422, ["body", "bogus"])
    assert "bogus" in body["errors"][0]["msg"]


def test_ragged_list_points_at_the_index(client: TestClient) -> None:
    body = assert_problem(client.post(URL, json={"x": [[1, 2], [3]]}), 422, ["body", "x", 1])
    assert "length 2" in body["errors"][0]["msg"]


def test_wrong_b64_length(client: TestClient) -> None:
    r = client.post(URL, json={"x": {"shape": [3], "dtype": "float64", "b64": "AAAAAAAAAAA="}})
    body = assert_problem(r, 422, ["body", "x", "b64"])
    assert "24 bytes" in body["errors"][0]["msg"]


def test_unknown_name_lists_valid_names(client: TestClient) -> None:
    body = assert_problem(client.post("/v1/activations/nope", json={"x": 1}), 404)
    assert "relu" in body["detail"] and "sigmoid" in body["detail"]
    assert_problem(client.get("/v1/activations/nope"), 404)


def test_unknown_path_and_wrong_method(client: TestClient) -> None:
    assert_problem(client.get("/v1/nothing-here"), 404)
    r = client.delete(URL)
    assert_problem(r, 405)
    assert "POST" in r.headers["allow"]


def test_body_limit_413() -> None:
    with make_client(max_body_bytes=100) as c:
        r = c.post(URL, json={"x": [0.0] * 100})
        body = assert_problem(r, 413)
        assert "GRADSERVE_MAX_BODY_BYTES" in body["detail"]


def test_element_limit_names_the_setting() -> None:
    with make_client(max_elements=10) as c:
        body = assert_problem(c.post(URL, json={"x": [0.0] * 11}), 422, ["body", "x"])
        assert "GRADSERVE_MAX_ELEMENTS" in body["detail"]


def test_api_key() -> None:
    with make_client(api_key="s3cret") as c:
        assert_problem(c.post(URL, json={"x": 1}), 401)
        assert c.post(URL, json={"x": 1}, headers={"X-API-Key": "s3cret"}).status_code == 200
        assert c.get("/healthz").status_code == 200


OIP_TANH = {"inputs": [{"name": "x", "shape": [1], "datatype": "FP64", "data": [0.5]}]}


def test_api_key_guards_the_oip_models_but_not_its_probes() -> None:
    with make_client(api_key="s3cret") as c:
        for method, path in (
            ("POST", "/v2/models/activations.tanh/infer"),
            ("GET", "/v2/models/activations.tanh"),
            ("GET", "/v2/models/activations.tanh/ready"),
            ("GET", "/v2"),
        ):
            r = c.request(method, path, json=OIP_TANH if method == "POST" else None)
            assert r.status_code == 401, (path, r.text)
            assert r.headers["content-type"] == "application/json"
            assert r.headers["www-authenticate"] == "ApiKey"
            assert "X-API-Key" in r.json()["error"]
            keyed = c.request(
                method,
                path,
                json=OIP_TANH if method == "POST" else None,
                headers={"X-API-Key": "s3cret"},
            )
            assert keyed.status_code == 200, (path, keyed.text)
        for probe in ("/v2/health/live", "/v2/health/ready"):
            assert c.get(probe).status_code == 200


def test_a_cors_preflight_passes_the_api_key_and_a_401_carries_cors_headers() -> None:
    """A browser's preflight never carries X-API-Key: it must be answered, and a refused
    call must carry the CORS headers for the page to read the 401."""
    origin = "http://app.example"
    with make_client(api_key="s3cret", cors_origins=[origin]) as c:
        for path in (URL, "/v2/models/activations.tanh/infer"):
            r = c.options(
                path,
                headers={
                    "Origin": origin,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "content-type,x-api-key",
                },
            )
            assert r.status_code == 200, (path, r.text)
            assert r.headers["access-control-allow-origin"] == origin
            assert "x-api-key" in r.headers["access-control-allow-headers"].lower()
        r = c.post(URL, json={"x": 1}, headers={"Origin": origin})
        assert_problem(r, 401)
        assert r.headers["access-control-allow-origin"] == origin
        r = c.post(URL, json={"x": 1}, headers={"Origin": origin, "X-API-Key": "s3cret"})
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == origin


def test_bad_params(client: TestClient) -> None:
    r = client.post("/v1/activations/elu", json={"x": 1, "params": {"alhpa": 1}})
    body = assert_problem(r, 422, ["body", "params", "alhpa"])
    assert "alpha" in body["errors"][0]["msg"]
    r = client.post("/v1/activations/elu", json={"x": 1, "params": {"alpha": "big"}})
    assert_problem(r, 422, ["body", "params", "alpha"])


@pytest.mark.parametrize(
    ("body", "needles"),
    [
        (b'{"x": [1e400]}', ["number is infinity", "character 7", "float64's range", '"Infinity"']),
        (b'{"x": ' + b"[" * 2000 + b"]" * 2000 + b"}", ["depth limit", "GRADSERVE_MAX_DEPTH"]),
        (b'{"a": ' * 1100 + b"1" + b"}" * 1100, ["depth limit", "32 levels"]),
        (b'{"x": [1, ]}', ["trailing comma", "character 8"]),
    ],
    ids=["1e400", "deep lists", "deep objects", "trailing comma"],
)
def test_a_body_that_is_not_json_says_what_the_parser_found(
    client: TestClient, body: bytes, needles: list[str]
) -> None:
    for path in (URL, "/v1/optimizers/adam/step"):
        r = client.post(path, content=body, headers={"content-type": "application/json"})
        msg = assert_problem(r, 422, ["body"])["errors"][0]["msg"]
        assert msg.startswith("expected a JSON object (UTF-8), got a body that is not valid JSON")
        for needle in needles:
            assert needle in msg, msg
