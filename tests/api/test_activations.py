"""HTTP behaviour of the activation endpoints (the math itself: tests/compute)."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.compute.activations import ACTIVATIONS
from tests.helpers import assert_problem, b64_tensor, from_wire


def post(client: TestClient, name: str, body: dict) -> dict:
    r = client.post(f"/v1/activations/{name}", json=body)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    return r.json()


def test_catalog_lists_every_contract_name(client: TestClient) -> None:
    names = [e["name"] for e in client.get("/v1/activations").json()["activations"]]
    # the contract list itself is checked in tests/compute/test_activations.py
    assert names == ACTIVATIONS.names() and len(names) >= 35
    entry = client.get("/v1/activations/swish").json()
    assert entry["name"] == "silu"
    leaky = client.get("/v1/activations/leaky_relu").json()
    alpha = next(p for p in leaky["params"] if p["name"] == "alpha")
    assert alpha["default"] == 0.1 and "negative_slope" in alpha["aliases"]


def test_default_outputs_elementwise_and_number_form(client: TestClient) -> None:
    out = post(client, "sigmoid", {"x": 0})
    assert out == {"value": 0.5, "derivative": 0.25}


def test_nested_form_and_nonfinite(client: TestClient) -> None:
    out = post(client, "relu", {"x": [[-1, 2], ["NaN", "Infinity"]]})
    np.testing.assert_array_equal(from_wire(out["value"]), [[0, 2], [np.nan, np.inf]])
    assert out["value"][1] == ["NaN", "Infinity"]


def test_vector_default_is_jacobian_with_contract_layout(client: TestClient) -> None:
    x = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
    out = post(client, "softmax", {"x": x.tolist()})
    assert set(out) == {"value", "jacobian"}
    p = np.exp(x) / np.exp(x).sum(-1, keepdims=True)
    jac = from_wire(out["jacobian"])
    assert jac.shape == (2, 3, 3)
    expected = np.einsum("bi,ij->bij", p, np.eye(3)) - np.einsum("bi,bj->bij", p, p)
    np.testing.assert_allclose(jac, expected, rtol=1e-13, atol=1e-15)
    # axis 0: the jacobian is taken along the first axis, input index last
    out0 = post(client, "softmax", {"x": x.tolist(), "axis": 0})
    assert from_wire(out0["jacobian"]).shape == (2, 3, 2)


def test_vjp_and_b64_encoding(client: TestClient) -> None:
    x = np.array([0.5, -1.0, 3.0])
    g = np.array([1.0, 2.0, 3.0])
    out = post(
        client,
        "tanh",
        {"x": x.tolist(), "grad_output": g.tolist(), "outputs": ["vjp"], "encoding": "b64"},
    )
    assert set(out) == {"vjp"} and out["vjp"]["dtype"] == "float64"
    np.testing.assert_allclose(from_wire(out["vjp"]), g * (1 - np.tanh(x) ** 2), rtol=1e-14)


def test_b64_float32_in_gives_float32_out(client: TestClient) -> None:
    x = np.linspace(-3, 3, 7)
    out = post(client, "sigmoid", {"x": b64_tensor(x, "float32")})
    assert out["value"]["dtype"] == "float32" and "b64" in out["value"]
    np.testing.assert_allclose(from_wire(out["value"]), 1 / (1 + np.exp(-x)), rtol=1e-6)


def test_float16_in_gives_float16_out(client: TestClient) -> None:
    """A float16 input is computed in float64 and answered rounded to float16, in its form."""
    x16 = np.array([-20.0, -3.0, -0.1, 0.0, 0.1, 3.0, 20.0], dtype=np.float16)
    x = x16.astype(np.float64)
    s = 1 / (1 + np.exp(-x))
    for tensor in (
        b64_tensor(x16, "float16"),
        {"shape": [7], "dtype": "float16", "data": x.tolist()},
    ):
        out = post(client, "sigmoid", {"x": tensor})
        for key, want in (("value", s), ("derivative", s * (1 - s))):
            assert out[key]["dtype"] == "float16" and out[key].keys() == tensor.keys()
            got = from_wire(out[key])
            assert got.dtype == np.float16
            np.testing.assert_array_equal(got, want.astype(np.float16))
    # beyond float16's range: Infinity; the request's dtype decides over the input's
    out = post(client, "exp", {"x": {"shape": [2], "dtype": "float16", "data": [11.0, 12.0]}})
    assert out["value"]["data"] == [59872.0, "Infinity"]
    out = post(client, "exp", {"x": b64_tensor(np.array([12.0]), "float16"), "dtype": "float32"})
    assert out["value"]["dtype"] == "float32"
    assert from_wire(out["value"])[0] == np.float32(np.exp(np.float32(12)))


def test_flat_form_mirrors(client: TestClient) -> None:
    out = post(client, "relu", {"x": {"shape": [2], "data": [-1, 1]}})
    assert out["value"] == {"shape": [2], "dtype": "float64", "data": [0.0, 1.0]}


def test_float32_compute(client: TestClient) -> None:
    out = post(client, "sigmoid", {"x": [0.1], "dtype": "float32", "encoding": "flat"})
    assert out["value"]["dtype"] == "float32"
    assert np.float32(out["value"]["data"][0]) == np.float32(1 / (1 + np.exp(np.float32(-0.1))))


def test_prelu_param_grads_per_channel(client: TestClient) -> None:
    x = np.array([[-1.0, 2.0], [-3.0, -4.0]])  # (N=2, C=2): channel dim 1
    g = np.array([[1.0, 1.0], [2.0, 0.5]])
    out = post(
        client,
        "prelu",
        {
            "x": x.tolist(),
            "params": {"alpha": [0.1, 0.2]},
            "grad_output": g.tolist(),
            "outputs": ["value", "vjp", "param_grads"],
        },
    )
    alpha = np.array([0.1, 0.2])
    np.testing.assert_allclose(from_wire(out["value"]), np.where(x > 0, x, alpha * x))
    np.testing.assert_allclose(from_wire(out["vjp"]), g * np.where(x > 0, 1, alpha))
    np.testing.assert_allclose(
        from_wire(out["param_grads"]["alpha"]), (g * np.minimum(x, 0)).sum(0)
    )


def test_output_errors(client: TestClient) -> None:
    r = client.post("/v1/activations/softmax", json={"x": [1, 2], "outputs": ["derivative"]})
    assert_problem(r, 422, ["body", "outputs"])
    r = client.post("/v1/activations/relu", json={"x": [1, 2], "outputs": ["magic"]})
    assert_problem(r, 422)
    r = client.post(
        "/v1/activations/relu", json={"x": [1, 2], "grad_output": [1, 2, 3], "outputs": ["vjp"]}
    )
    body = assert_problem(r, 422, ["body", "grad_output"])
    assert "(2,)" in body["errors"][0]["msg"] and "(3,)" in body["errors"][0]["msg"]
    r = client.post("/v1/activations/softmax", json={"x": [1, 2], "axis": 3})
    assert_problem(r, 422, ["body", "axis"])
    r = client.post("/v1/activations/glu", json={"x": [1, 2, 3]})
    assert_problem(r, 422)


def test_curve_json_and_plots(client: TestClient) -> None:
    r = client.get(
        "/v1/activations/leaky_relu/curve",
        params={"start": -2, "stop": 2, "num": 5, "negative_slope": 0.2},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["x"] == [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert body["value"] == pytest.approx([-0.4, -0.2, 0.0, 1.0, 2.0])
    assert body["derivative"] == pytest.approx([0.2, 0.2, 0.2, 1.0, 1.0])
    assert body["params"]["alpha"] == 0.2
    png = client.get("/v1/activations/gelu/curve", params={"format": "png", "approximate": "tanh"})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = client.get("/v1/activations/tanh/curve", params={"format": "svg"})
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content


def test_curve_errors(client: TestClient) -> None:
    assert_problem(client.get("/v1/activations/softmax/curve"), 422, ["path", "name"])
    assert_problem(client.get("/v1/activations/relu/curve", params={"num": 1}), 422)
    assert_problem(
        client.get("/v1/activations/relu/curve", params={"start": 1, "stop": 0}),
        422,
        ["query", "start"],
    )
    assert_problem(
        client.get("/v1/activations/elu/curve", params={"beta": 1}), 422, ["query", "beta"]
    )
    assert_problem(
        client.get("/v1/activations/elu/curve", params={"alpha": "x"}), 422, ["query", "alpha"]
    )
    assert_problem(
        client.get("/v1/activations/relu/curve", params={"num": 10**9}), 422, ["query", "num"]
    )
    # a value the parameter's own rule refuses is located at its query argument too
    for name, value in (("celu", "0"), ("celu", "1e400"), ("leaky_relu", "inf")):
        r = client.get(f"/v1/activations/{name}/curve", params={"alpha": value})
        assert_problem(r, 422, ["query", "alpha"])


@pytest.mark.parametrize(
    ("params", "at"),
    [
        ({"min_value": 2, "max_value": 1}, "max_value"),
        ({"min_val": 2, "max_value": 1}, "max_value"),
        ({"min_value": 2, "max_val": 1}, "max_val"),
        ({"min_val": 2, "max_val": 1}, "max_val"),
    ],
)
def test_a_cross_parameter_error_is_located_at_the_name_given(
    client: TestClient, params: dict[str, float], at: str
) -> None:
    """hard_tanh's min_val <= max_val, given under Keras' names (min_value, max_value) or
    torch's: the error is located where the client wrote it, in the body, the curve's query
    and the Open Inference Protocol's message."""
    r = client.post("/v1/activations/hard_tanh", json={"x": [1.0], "params": params})
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"loc": ["body", "params", at], "msg": "expected min_val <= max_val, got 2.0 > 1.0"}
    ]
    r = client.get("/v1/activations/hard_tanh/curve", params=params)
    assert [e["loc"] for e in r.json()["errors"]] == [["query", at]]
    x = {"name": "x", "shape": [1], "datatype": "FP64", "data": [1.0]}
    r = client.post(
        "/v2/models/activations.hard_tanh/infer", json={"inputs": [x], "parameters": params}
    )
    assert r.status_code == 400
    assert r.json()["error"].startswith(f"parameter {at!r}: expected min_val <= max_val")


@pytest.mark.parametrize("name", ACTIVATIONS.names())
def test_every_activation_answers_float16_as_its_float64_answer_rounded(
    client: TestClient, name: str
) -> None:
    """A float16 input is computed in float64: each answer is the float64 answer of the same
    (widened) numbers, rounded to float16."""
    x16 = np.array([[-3.0, -0.5, 0.25, 2.0], [0.0, 1.5, -1.25, 4.0]], dtype=np.float16)
    half = client.post(f"/v1/activations/{name}", json={"x": b64_tensor(x16, "float16")})
    full = client.post(
        f"/v1/activations/{name}",
        json={"x": b64_tensor(x16.astype(np.float64)), "encoding": "b64"},
    )
    assert half.status_code == full.status_code == 200, (half.text, full.text)
    h, f = half.json(), full.json()
    assert h.keys() == f.keys()
    for key in f:
        assert h[key]["dtype"] == "float16", key
        np.testing.assert_array_equal(from_wire(h[key]), from_wire(f[key]).astype(np.float16))
