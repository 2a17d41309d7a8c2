"""HTTP surface of second derivatives: activations' second_derivative, losses' hessian and
hvp, gradcheck order 2 (expected values from closed forms, not from the service)."""

from __future__ import annotations

import math

import numpy as np
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app


def _sig(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def test_activation_second_derivative(client: TestClient) -> None:
    r = client.post(
        "/v1/activations/sigmoid",
        json={"x": [-2.0, 0.0, 2.0], "outputs": ["value", "derivative", "second_derivative"]},
    )
    assert r.status_code == 200
    want = [_sig(x) * (1 - _sig(x)) * (1 - 2 * _sig(x)) for x in (-2.0, 0.0, 2.0)]
    np.testing.assert_allclose(r.json()["second_derivative"], want, rtol=1e-14, atol=1e-17)
    f32 = client.post(
        "/v1/activations/tanh",
        json={
            "x": {"shape": [2], "dtype": "float32", "data": [0.5, "NaN"]},
            "outputs": ["second_derivative"],
            "dtype": "float32",
        },
    ).json()["second_derivative"]
    assert f32["dtype"] == "float32" and f32["data"][1] == "NaN"
    t = math.tanh(0.5)
    assert abs(f32["data"][0] - (-2 * t * (1 - t * t))) < 1e-6


def test_activation_second_derivative_errors(client: TestClient) -> None:
    r = client.post("/v1/activations/softmax", json={"x": [1, 2], "outputs": ["second_derivative"]})
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["loc"] == ["body", "outputs"] and "softmax" in err["msg"]
    cat = client.get("/v1/activations/gelu").json()
    assert "second_derivative" in cat


def test_loss_hessian_and_hvp(client: TestClient) -> None:
    z = [1.0, 2.0, 0.5]
    r = client.post(
        "/v1/losses/categorical_crossentropy",
        json={
            "y_true": [[0, 1, 0]],
            "y_pred": [z],
            "params": {"from_logits": True},
            "outputs": ["loss", "grad", "hessian", "hvp"],
            "v": [[1.0, 0.0, -1.0]],
        },
    )
    assert r.status_code == 200
    body = r.json()
    q = np.exp(z) / np.sum(np.exp(z))
    h = np.diag(q) - np.outer(q, q)
    np.testing.assert_allclose(np.array(body["hessian"]).reshape(3, 3), h, rtol=1e-13)
    np.testing.assert_allclose(body["hvp"][0], h @ [1.0, 0.0, -1.0], rtol=1e-12, atol=1e-15)
    assert {"loss", "grad", "per_sample", "warnings"} <= set(body)
    plain = client.post("/v1/losses/mse", json={"y_true": [0.0], "y_pred": [1.0]}).json()
    assert "hessian" not in plain and "hvp" not in plain


def test_loss_second_order_errors(client: TestClient) -> None:
    r = client.post(
        "/v1/losses/mse",
        json={"y_true": [0.0] * 5000, "y_pred": [1.0] * 5000, "outputs": ["hessian"]},
    )
    assert r.status_code == 422 and "GRADSERVE_MAX_HESSIAN_ELEMENTS" in r.json()["detail"]
    r = client.post(
        "/v1/losses/mse",
        json={"y_true": [0.0] * 5000, "y_pred": [1.0] * 5000, "v": [1.0] * 5000, "encoding": "b64"},
    )
    assert r.status_code == 200 and r.json()["hvp"]["shape"] == [5000]
    r = client.post("/v1/losses/mse", json={"y_true": [0.0], "y_pred": [1.0], "outputs": ["hvp"]})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "v"]
    r = client.post("/v1/losses/mse", json={"y_true": [0.0, 1.0], "y_pred": [1.0, 2.0], "v": [1.0]})
    assert r.status_code == 422


def test_max_hessian_elements_setting() -> None:
    with TestClient(create_app(Settings(max_hessian_elements=4))) as c:
        r = c.post(
            "/v1/losses/mse",
            json={"y_true": [0.0] * 5, "y_pred": [1.0] * 5, "outputs": ["hessian"]},
        )
        assert r.status_code == 422
        assert c.get("/v1/info").status_code == 200


def test_gradcheck_order_2(client: TestClient) -> None:
    r = client.post(
        "/v1/gradcheck",
        json={
            "target": {"kind": "activation", "name": "gelu"},
            "x": [-2.0, -0.5, 0.0, 0.5, 2.0],
            "order": 2,
        },
    )
    assert r.status_code == 200
    body = r.json()
    assert body["passed"] and set(body["checks"]) == {"second_derivative"}
    r = client.post(
        "/v1/gradcheck",
        json={
            "target": {
                "kind": "loss",
                "name": "binary_crossentropy",
                "params": {"from_logits": True},
            },
            "y_true": [[0, 1], [1, 1]],
            "y_pred": [[0.3, -1.2], [2.0, 0.1]],
            "order": 2,
        },
    )
    body = r.json()
    assert r.status_code == 200 and body["passed"] and set(body["checks"]) == {"hessian", "hvp"}
    assert np.array(body["analytic"]).shape == (2, 2, 2, 2)
    r = client.post(
        "/v1/gradcheck",
        json={"target": {"kind": "activation", "name": "softmax"}, "x": [1.0, 2.0], "order": 2},
    )
    assert r.status_code == 422
    r = client.post(
        "/v1/gradcheck",
        json={"target": {"kind": "activation", "name": "relu"}, "x": [1.0], "order": 3},
    )
    assert r.status_code == 422
