"""service.compression: compressed request bodies decoded at the edge, answers compressed as
the request's Accept-Encoding asks (gzip, deflate), on the full path and the fast path."""

from __future__ import annotations

import gzip
import zlib
from typing import Any

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient
from scipy.special import expit

from service.config import Settings
from service.main import create_app
from tests.helpers import assert_problem, b64_tensor, make_client

X = np.linspace(-6, 6, 301)
BODY = orjson.dumps({"x": X.tolist()})
PLAIN = {"Accept-Encoding": "identity", "Content-Type": "application/json"}


@pytest.fixture(scope="module", params=[True, False], ids=["fast path", "full path"])
def client(request: pytest.FixtureRequest) -> TestClient:
    return TestClient(create_app(Settings(compress_level=1), fast_path=request.param))


def raw(client: TestClient, method: str, url: str, **kw: Any) -> tuple[Any, bytes]:
    """The response and its body as it came over the wire (not decoded)."""
    with client.stream(method, url, **kw) as r:
        return r, b"".join(r.iter_raw())


def unzip(name: str, data: bytes) -> bytes:
    return gzip.decompress(data) if name == "gzip" else zlib.decompress(data)


# ---- requests ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "pack"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("x-gzip", gzip.compress)],
)
def test_compressed_request_gives_the_plain_answer(
    client: TestClient, name: str, pack: Any
) -> None:
    plain = client.post("/v1/activations/sigmoid", content=BODY, headers=PLAIN)
    assert plain.status_code == 200
    r = client.post(
        "/v1/activations/sigmoid",
        content=pack(BODY),
        headers={**PLAIN, "Content-Encoding": name},
    )
    assert r.status_code == 200, r.text
    assert r.content == plain.content
    np.testing.assert_array_equal(r.json()["value"], expit(X))


def test_small_compressed_call_is_answered_as_sent_plain(client: TestClient) -> None:
    body = orjson.dumps({"y_true": [1.0, 2.0], "y_pred": [1.5, 1.0]})
    plain = client.post("/v1/losses/mse", content=body, headers=PLAIN)
    r = client.post(
        "/v1/losses/mse", content=gzip.compress(body), headers={**PLAIN, "Content-Encoding": "gzip"}
    )
    assert r.status_code == 200 and r.content == plain.content
    assert r.json()["loss"] == 0.625


def test_unsupported_coding_is_415_naming_the_supported(client: TestClient) -> None:
    r = client.post(
        "/v1/activations/tanh", content=BODY, headers={**PLAIN, "Content-Encoding": "br"}
    )
    body = assert_problem(r, 415, ["header", "content-encoding"])
    assert (
        body["detail"] == "Content-Encoding 'br' is not supported; send gzip, deflate or identity"
    )
    assert r.headers["accept-encoding"] == "gzip, deflate"


def test_bytes_that_do_not_decode_are_400(client: TestClient) -> None:
    r = client.post(
        "/v1/activations/tanh",
        content=gzip.compress(BODY)[:-30],
        headers={**PLAIN, "Content-Encoding": "gzip"},
    )
    body = assert_problem(r, 400, ["header", "content-encoding"])
    assert body["detail"] == "Content-Encoding gzip: the gzip data ends early (truncated body)"
    assert body["errors"][0]["msg"] == "expected gzip data"


def test_decoded_body_over_the_limit_is_413() -> None:
    c = make_client(max_body_bytes=100_000)
    bomb = gzip.compress(b'{"x": [' + b" " * 10_000_000 + b"1]}", 9)
    assert len(bomb) < 100_000
    r = c.post("/v1/activations/tanh", content=bomb, headers={**PLAIN, "Content-Encoding": "gzip"})
    body = assert_problem(r, 413, ["body"])
    assert body["detail"] == (
        "request body gzip-decoded exceeds the limit of 100000 bytes "
        "(setting GRADSERVE_MAX_BODY_BYTES)"
    )
    # the compressed bytes themselves are bounded by the body limit, before decoding
    big = bytes(np.random.default_rng(0).integers(0, 256, 150_000, dtype=np.uint8))
    r = c.post("/v1/activations/tanh", content=big, headers={**PLAIN, "Content-Encoding": "gzip"})
    assert "request body of 150000 bytes exceeds" in assert_problem(r, 413)["detail"]


def test_open_inference_protocol_reads_compressed_binary_bodies(client: TestClient) -> None:
    x = np.random.default_rng(3).normal(size=(40, 25))
    header = orjson.dumps(
        {
            "inputs": [
                {
                    "name": "x",
                    "datatype": "FP64",
                    "shape": list(x.shape),
                    "parameters": {"binary_data_size": x.nbytes},
                }
            ],
            "outputs": [{"name": "value", "parameters": {"binary_data": True}}],
        }
    )
    body = header + x.tobytes()
    url = "/v2/models/activations.sigmoid/infer"
    hl = {"Inference-Header-Content-Length": str(len(header))}
    plain = client.post(url, content=body, headers={**hl, "Accept-Encoding": "identity"})
    assert plain.status_code == 200, plain.text
    for name, pack in (("gzip", gzip.compress), ("deflate", zlib.compress)):
        r, wire = raw(
            client,
            "POST",
            url,
            content=pack(body),
            headers={**hl, "Content-Encoding": name, "Accept-Encoding": name},
        )
        assert r.status_code == 200
        assert r.headers["content-encoding"] == name
        assert unzip(name, wire) == plain.content
        assert (
            r.headers["inference-header-content-length"]
            == plain.headers["inference-header-content-length"]
        )
    n = int(plain.headers["inference-header-content-length"])
    np.testing.assert_array_equal(np.frombuffer(plain.content[n:], "<f8"), expit(x).ravel())
    # errors in the protocol's own form
    r = client.post(url, content=body, headers={**hl, "Content-Encoding": "zstd"})
    assert r.status_code == 415 and set(r.json()) == {"error"}
    assert "Content-Encoding 'zstd' is not supported" in r.json()["error"]
    r = client.post(url, content=b"not gzip", headers={**hl, "Content-Encoding": "gzip"})
    assert r.status_code == 400 and "the body is not gzip data" in r.json()["error"]


# ---- responses -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["gzip", "deflate"])
def test_answer_compressed_as_accepted(client: TestClient, name: str) -> None:
    plain = client.post("/v1/activations/sigmoid", content=BODY, headers=PLAIN)
    assert "content-encoding" not in plain.headers and "vary" not in plain.headers
    r, wire = raw(
        client,
        "POST",
        "/v1/activations/sigmoid",
        content=BODY,
        headers={**PLAIN, "Accept-Encoding": f"{name}, br;q=0.1"},
    )
    assert r.status_code == 200
    assert r.headers["content-encoding"] == name
    assert r.headers["vary"] == "Accept-Encoding"
    assert int(r.headers["content-length"]) == len(wire) < len(plain.content) // 2
    assert unzip(name, wire) == plain.content
    # the edge's other headers are kept, in their order
    keys = [k for k in r.headers if k not in ("content-encoding", "vary", "content-length")]
    assert keys == [k for k in plain.headers if k != "content-length"]
    assert r.headers["x-request-id"] and r.headers["server-timing"].startswith("app;dur=")


def test_small_fast_path_answers_stay_plain(client: TestClient) -> None:
    r, wire = raw(
        client,
        "POST",
        "/v1/activations/sigmoid",
        json={"x": [0.0, 1.0]},
        headers={"Accept-Encoding": "gzip"},
    )
    assert r.status_code == 200 and "content-encoding" not in r.headers
    assert orjson.loads(wire)["value"] == [0.5, expit(1.0)]


@pytest.mark.parametrize(
    "accept", ["identity", "br", "gzip;q=0, deflate;q=0", "gzip;q=0.5, identity"]
)
def test_answer_plain_unless_a_supported_coding_is_preferred(
    client: TestClient, accept: str
) -> None:
    r, wire = raw(
        client,
        "POST",
        "/v1/activations/sigmoid",
        content=BODY,
        headers={**PLAIN, "Accept-Encoding": accept},
    )
    assert "content-encoding" not in r.headers and orjson.loads(wire)["value"][0] == expit(-6.0)


def test_b64_answers_and_errors_are_compressed_too(client: TestClient) -> None:
    x = np.random.default_rng(1).normal(size=5000)
    body = {"x": b64_tensor(x)}
    r = client.post("/v1/activations/tanh", json=body, headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    bad = {"x": [[1.0] * 300, [1.0]]}
    r = client.post("/v1/activations/tanh", json=bad, headers={"Accept-Encoding": "gzip"})
    assert_problem(r, 422)  # a small problem: plain
    assert "content-encoding" not in r.headers


def test_static_assets_and_documents() -> None:
    client = TestClient(create_app(Settings(compress_level=1)))
    for path in ("/openapi.json", "/static/docs/swagger-ui-bundle.js", "/v1/activations"):
        r, wire = raw(client, "GET", path, headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200 and r.headers["content-encoding"] == "gzip", path
        assert gzip.decompress(wire) == client.get(path, headers=PLAIN).content
    head = client.head("/openapi.json", headers={"Accept-Encoding": "gzip"})
    get = client.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert head.content == b""
    for key in ("content-length", "content-encoding", "content-type", "vary"):
        assert head.headers[key] == get.headers[key], key
    png = client.get(
        "/v1/activations/sigmoid/curve?format=png", headers={"Accept-Encoding": "gzip"}
    )
    assert png.status_code == 200 and "content-encoding" not in png.headers  # compressed already
    svg = client.get(
        "/v1/activations/sigmoid/curve?format=svg", headers={"Accept-Encoding": "gzip"}
    )
    assert svg.headers["content-encoding"] == "gzip" and svg.content.startswith(b"<?xml")


def test_settings_off_by_default_level_and_minimum_size() -> None:
    for off in (make_client(), make_client(compress_level=0)):
        r = off.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200 and "content-encoding" not in r.headers
        r = off.post(
            "/v1/activations/sigmoid", content=BODY, headers={**PLAIN, "Accept-Encoding": "gzip"}
        )
        assert r.status_code == 200 and "content-encoding" not in r.headers
        # request bodies are decoded whatever the setting
        r = off.post(
            "/v1/activations/sigmoid",
            content=gzip.compress(BODY),
            headers={**PLAIN, "Content-Encoding": "gzip"},
        )
        assert r.status_code == 200 and r.json()["value"][0] == expit(-6.0)
    big_min = make_client(compress_level=1, compress_min_bytes=10**9)
    r = big_min.post(
        "/v1/activations/sigmoid", content=BODY, headers={**PLAIN, "Accept-Encoding": "gzip"}
    )
    assert "content-encoding" not in r.headers
    every = make_client(compress_min_bytes=0, compress_level=9)
    r, wire = raw(every, "GET", "/healthz", headers={"Accept-Encoding": "deflate"})
    # a tiny answer compresses to more bytes than it has: sent as it is
    assert "content-encoding" not in r.headers and orjson.loads(wire)["status"] == "ok"


def test_cors_preflight_allows_content_encoding() -> None:
    c = make_client(cors_origins=["https://example.org"])
    r = c.options(
        "/v1/activations/tanh",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, content-encoding",
        },
    )
    assert r.status_code == 200
    assert "content-encoding" in r.headers["access-control-allow-headers"].lower()


def test_api_key_is_checked_before_a_body_is_inflated() -> None:
    c = make_client(api_key="s3cret")
    headers = {**PLAIN, "Content-Encoding": "gzip"}
    # no key: 401, even for bytes that would not decode (nothing was read or inflated)
    r = c.post("/v1/activations/tanh", content=b"not gzip at all", headers=headers)
    assert_problem(r, 401, ["header", "x-api-key"])
    r = c.post(
        "/v1/activations/tanh",
        content=gzip.compress(BODY),
        headers={**headers, "X-API-Key": "s3cret"},
    )
    assert r.status_code == 200 and r.json()["value"][0] == np.tanh(-6.0)


def test_chunked_compressed_body(client: TestClient) -> None:
    """No Content-Length (chunked transfer): the body limit reads it, then it is decoded."""
    packed = gzip.compress(BODY)
    pieces = [packed[:100], packed[100:1000], packed[1000:]]
    r = client.post(
        "/v1/activations/sigmoid",
        content=iter(pieces),
        headers={**PLAIN, "Content-Encoding": "gzip"},
    )
    assert r.status_code == 200, r.text
    np.testing.assert_array_equal(r.json()["value"], expit(X))


def test_large_bodies_both_ways_off_the_event_loop(client: TestClient) -> None:
    """Bodies over 256 KiB are inflated and compressed in a worker thread: the same bytes."""
    x = np.random.default_rng(5).normal(size=60_000)
    body = orjson.dumps({"x": x.tolist()})
    packed = gzip.compress(body)
    assert len(packed) > 256 * 1024
    plain = client.post("/v1/activations/sigmoid", content=body, headers=PLAIN)
    r, wire = raw(
        client,
        "POST",
        "/v1/activations/sigmoid",
        content=packed,
        headers={**PLAIN, "Content-Encoding": "gzip", "Accept-Encoding": "deflate"},
    )
    assert r.status_code == 200 and r.headers["content-encoding"] == "deflate"
    assert len(plain.content) > 256 * 1024
    assert zlib.decompress(wire) == plain.content
    np.testing.assert_array_equal(orjson.loads(plain.content)["value"], expit(x))


def test_no_content_with_a_content_encoding_is_no_content(client: TestClient) -> None:
    r = client.get("/v1/activations/relu", headers={"Content-Encoding": "gzip"})
    assert r.status_code == 200 and r.json()["name"] == "relu"
    r = client.post(
        "/v1/activations/relu", content=b"", headers={**PLAIN, "Content-Encoding": "gzip"}
    )
    assert_problem(r, 422, ["body"])  # the empty body's own error, as if sent plain
