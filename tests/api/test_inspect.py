"""HTTP behaviour of the inspection endpoints: gradcheck, verify, stats and gradient flow (the
math itself is tested in tests/compute/test_{gradcheck,verify,stats,flow}.py)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.schemas.inspect import FLOW_EXAMPLES, GRADCHECK_EXAMPLES, STATS_EXAMPLES
from service.schemas.verify import VERIFY_EXAMPLES
from tests.helpers import assert_problem, b64_tensor, from_wire, make_client


def post(client: TestClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(path, json=body)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    return r.json()


# --------------------------------------------------------------------------------------------
# the OpenAPI examples work as they are


@pytest.mark.parametrize(
    ("path", "examples"),
    [
        ("/v1/gradcheck", GRADCHECK_EXAMPLES),
        ("/v1/verify", VERIFY_EXAMPLES),
        ("/v1/inspect/stats", STATS_EXAMPLES),
        ("/v1/inspect/gradient-flow", FLOW_EXAMPLES),
    ],
)
def test_examples_run(client: TestClient, path: str, examples: dict[str, Any]) -> None:
    for ex in examples.values():
        post(client, path, ex["value"])


def test_verify_examples_give_their_diagnoses(client: TestClient) -> None:
    expected = {
        "activation": None,
        "sign": "sign_flipped",
        "softmax": "diagonal_jacobian_only",
        "leaky": "leaky_slope_0.01",
        "loss": "missing_mean_division",
        "optimizer": "eps_inside_sqrt",
    }
    for key, diagnosis in expected.items():
        out = post(client, "/v1/verify", VERIFY_EXAMPLES[key]["value"])
        found = {o["diagnosis"] for o in out["outputs"].values()} - {None}
        assert found == ({diagnosis} if diagnosis else set()), key
        assert out["passed"] is (diagnosis is None)


# --------------------------------------------------------------------------------------------
# gradcheck


def test_gradcheck_activation_forms(client: TestClient) -> None:
    out = post(
        client,
        "/v1/gradcheck",
        {"target": {"kind": "activation", "name": "tanh"}, "x": [0.5, -1.0]},
    )
    assert out["passed"] and out["mode"] == "elementwise"
    assert out["eps"] == 1e-6 and out["atol"] == 1e-5 and out["rtol"] == 1e-3
    np.testing.assert_allclose(out["analytic"], 1 - np.tanh([0.5, -1.0]) ** 2, rtol=1e-14)
    assert isinstance(out["numeric"], list)
    out = post(
        client,
        "/v1/gradcheck",
        {
            "target": {"kind": "activation", "name": "softmax"},
            "x": b64_tensor(np.array([[1.0, 2.0, 3.0]]), "float32"),
        },
    )
    assert out["analytic"]["dtype"] == "float32" and out["analytic"]["shape"] == [1, 3, 1, 3]
    out = post(
        client, "/v1/gradcheck", {"target": {"kind": "activation", "name": "relu"}, "x": 2.0}
    )
    assert out["analytic"] == 1.0 and out["worst_index"] == []


def test_gradcheck_loss_via_y_pred_or_x(client: TestClient) -> None:
    body: dict[str, Any] = {
        "target": {"kind": "loss", "name": "mse"},
        "y_true": [[1.0, 2.0]],
        "y_pred": [[0.5, 3.0]],
    }
    a = post(client, "/v1/gradcheck", body)
    body["x"] = body.pop("y_pred")
    b = post(client, "/v1/gradcheck", body)
    assert a["passed"] and b["passed"]
    np.testing.assert_allclose(from_wire(a["analytic"]), [[-0.5, 1.0]], rtol=1e-14)
    assert a["analytic"] == b["analytic"]


def test_gradcheck_fast_mode_and_limits(client: TestClient) -> None:
    out = post(
        client,
        "/v1/gradcheck",
        {
            "target": {"kind": "activation", "name": "softmax"},
            "x": [[1.0, 2.0, 0.0]],
            "fast_mode": True,
            "directions": 3,
        },
    )
    assert out["mode"] == "projections" and out["directions"] == 3
    assert out["analytic"] is None and len(out["worst_index"]) == 1
    small = make_client(max_gradcheck_elements=2)
    r = small.post(
        "/v1/gradcheck",
        json={"target": {"kind": "activation", "name": "relu"}, "x": [1.0, 2.0, 3.0]},
    )
    body = assert_problem(r, 422, ["body", "x"])
    assert "GRADSERVE_MAX_GRADCHECK_ELEMENTS" in body["errors"][0]["msg"]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"target": {"kind": "activation", "name": "relu"}}, ["body", "x"]),
        (
            {"target": {"kind": "activation", "name": "relu"}, "x": [1], "y_true": [1]},
            ["body", "y_true"],
        ),
        ({"target": {"kind": "loss", "name": "mse"}, "y_pred": [1.0]}, ["body", "y_true"]),
        ({"target": {"kind": "loss", "name": "mse"}, "y_true": [1.0]}, ["body", "y_pred"]),
        (
            {
                "target": {"kind": "loss", "name": "mse"},
                "y_true": [1.0],
                "x": [1.0],
                "y_pred": [1.0],
            },
            ["body", "x"],
        ),
        (
            {
                "target": {"kind": "loss", "name": "sparse_categorical_crossentropy"},
                "y_true": 1,
                "x": 0.5,
            },
            ["body", "x"],
        ),
        (
            {"target": {"kind": "activation", "name": "elu", "params": {"nope": 1}}, "x": [1]},
            ["body", "target", "params", "nope"],
        ),
        ({"target": {"kind": "activation", "name": "relu"}, "x": [1], "eps": 0}, ["body", "eps"]),
        (
            {"target": {"kind": "activation", "name": "relu"}, "x": [1], "directions": 0},
            ["body", "directions"],
        ),
        (
            {"target": {"kind": "activation", "name": "softmax"}, "x": [1, 2], "axis": 2},
            ["body", "axis"],
        ),
        ({"target": {"kind": "function", "name": "relu"}, "x": [1]}, ["body", "target", "kind"]),
        ({"target": {"kind": "activation", "name": "relu"}, "x": [[1], [2, 3]]}, ["body", "x", 1]),
        (
            {"target": {"kind": "activation", "name": "relu"}, "x": [1], "bogus": 1},
            ["body", "bogus"],
        ),
    ],
)
def test_gradcheck_bad_input(client: TestClient, body: dict[str, Any], loc: list[Any]) -> None:
    assert_problem(client.post("/v1/gradcheck", json=body), 422, loc)


def test_gradcheck_unknown_names(client: TestClient) -> None:
    for kind in ("activation", "loss"):
        r = client.post(
            "/v1/gradcheck",
            json={"target": {"kind": kind, "name": "nope"}, "x": [1.0], "y_true": [1.0]},
        )
        body = assert_problem(r, 404)
        assert "relu" in body["detail"] or "mse" in body["detail"]


# --------------------------------------------------------------------------------------------
# verify


def test_verify_float16_client(client: TestClient) -> None:
    """A float16 implementation is judged in float16 ULPs: exact rounding passes, a naive
    softplus (exp overflows beyond x ≈ 11.1 in float16) is named float16_overflow."""
    x16 = np.linspace(-12, 12, 25).astype(np.float16)
    x = x16.astype(np.float64)
    exact = np.log1p(np.exp(x)).astype(np.float16)
    target = {"kind": "activation", "name": "softplus"}
    out = post(
        client,
        "/v1/verify",
        {"target": target, "x": b64_tensor(x16, "float16"), "value": b64_tensor(exact, "float16")},
    )
    assert out["dtype"] == "float16" and out["passed"]
    assert out["outputs"]["value"]["max_ulp"] == 0
    naive = exact.copy()
    naive[x16 > 11] = np.inf  # log(1 + exp(x)) in float16
    out = post(
        client,
        "/v1/verify",
        {
            "target": target,
            "x": x.tolist(),
            "value": [float(v) if np.isfinite(v) else "Infinity" for v in naive],
            "dtype": "float16",
        },
    )
    o = out["outputs"]["value"]
    assert out["dtype"] == "float16" and not out["passed"]
    assert o["diagnosis"] == "float16_overflow" and o["mismatches"] == int((x16 > 11).sum())
    assert "float16" in o["diagnosis_detail"] and "11.1" in o["diagnosis_detail"]


def test_verify_float32_b64_client_is_inferred(client: TestClient) -> None:
    x = np.linspace(-4, 4, 50)
    s = 1 / (1 + np.exp(-x))
    out = post(
        client,
        "/v1/verify",
        {
            "target": {"kind": "activation", "name": "sigmoid"},
            "x": b64_tensor(x, "float32"),
            "value": b64_tensor(s, "float32"),
        },
    )
    assert out["dtype"] == "float32" and out["passed"]
    o = out["outputs"]["value"]
    assert o["max_ulp"] <= 1 and o["mismatches"] == 0 and o["first_mismatches"] == []
    # the same numbers judged as float64 are millions of ulp off
    out = post(
        client,
        "/v1/verify",
        {
            "target": {"kind": "activation", "name": "sigmoid"},
            "dtype": "float64",
            "x": b64_tensor(x, "float32"),
            "value": b64_tensor(s, "float32"),
        },
    )
    assert not out["passed"] and out["outputs"]["value"]["max_ulp"] > 1e6


def test_verify_listing_and_nonfinite(client: TestClient) -> None:
    out = post(
        client,
        "/v1/verify",
        {
            "target": {"kind": "activation", "name": "relu"},
            "x": [1.0, -1.0, 2.0, "NaN"],
            "value": [1.0, 0.5, "Infinity", "NaN"],
            "tolerance": {"max_listed": 1},
        },
    )
    o = out["outputs"]["value"]
    assert o["mismatches"] == 2 and len(o["first_mismatches"]) == 1
    assert o["first_mismatches"][0] == {
        "index": [1],
        "client": 0.5,
        "reference": 0.0,
        "ulp": o["first_mismatches"][0]["ulp"],
    }
    assert o["max_abs_error"] == "Infinity" and o["max_ulp"] > 1e18


def test_verify_optimizer_tree_and_state(client: TestClient) -> None:
    p = {"layer": {"w": [1.0, 2.0], "b": 0.5}}
    g = {"layer": {"w": [0.1, -0.2], "b": 0.3}}
    new = {"layer": {"w": [0.99, 2.02], "b": 0.47}}
    out = post(
        client,
        "/v1/verify",
        {
            "target": {"kind": "optimizer", "name": "sgd", "params": {"lr": 0.1}},
            "params": p,
            "grads": g,
            "result": {"params": new},
        },
    )
    assert out["passed"], out["outputs"]
    assert set(out["outputs"]) == {"params.layer.w", "params.layer.b"}
    m = post(
        client,
        "/v1/verify",
        {
            "target": {"kind": "optimizer", "name": "sgd"},
            "hyperparams": {"lr": 0.1, "momentum": 0.9},
            "params": [1.0],
            "grads": [0.1],
            "result": {
                "params": [0.99],
                "state": {"optimizer": "sgd", "step": 1, "slots": {"momentum_buffer": [0.1]}},
            },
        },
    )
    assert m["passed"] and set(m["outputs"]) == {"params", "state.slots.momentum_buffer"}


def test_verify_loss_per_sample(client: TestClient) -> None:
    out = post(
        client,
        "/v1/verify",
        {
            "target": {"kind": "loss", "name": "mae"},
            "y_true": [[0.0, 1.0], [1.0, 1.0]],
            "y_pred": [[0.5, 0.0], [1.0, 3.0]],
            "reduction": "none",
            "per_sample": [0.75, 1.0],
            "loss": [0.75, 1.0],
        },
    )
    assert out["passed"]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"target": {"kind": "activation", "name": "relu"}, "value": [1]}, ["body", "x"]),
        ({"target": {"kind": "activation", "name": "relu"}, "x": [1]}, ["body"]),
        (
            {"target": {"kind": "activation", "name": "relu"}, "x": [1, 2], "value": [1]},
            ["body", "value"],
        ),
        (
            {
                "target": {"kind": "activation", "name": "relu"},
                "x": [1],
                "value": [1],
                "y_true": [1],
            },
            ["body", "y_true"],
        ),
        (
            {
                "target": {"kind": "activation", "name": "elu", "params": {"alpha": 1}},
                "params": {"alpha": 2},
                "x": [1],
                "value": [1],
            },
            ["body", "params"],
        ),
        (
            {
                "target": {"kind": "activation", "name": "elu", "params": {"beta": 1}},
                "x": [1],
                "value": [1],
            },
            ["body", "target", "params", "beta"],
        ),
        (
            {
                "target": {"kind": "activation", "name": "relu"},
                "x": [1],
                "value": [1],
                "tolerance": {"ulp": -1},
            },
            ["body", "tolerance", "ulp"],
        ),
        (
            {
                "target": {"kind": "activation", "name": "relu"},
                "x": [1],
                "value": [1],
                "dtype": "bfloat16",
            },
            ["body", "dtype"],
        ),
        (
            {"target": {"kind": "loss", "name": "mse"}, "y_true": [[1.0]], "grad": [[1.0]]},
            ["body", "y_pred"],
        ),
        (
            {
                "target": {"kind": "loss", "name": "mse"},
                "y_true": [[1.0]],
                "y_pred": [[1.0]],
                "grad": [1.0, 2.0],
            },
            ["body", "grad"],
        ),
        (
            {"target": {"kind": "optimizer", "name": "sgd"}, "params": [1.0], "grads": [1.0]},
            ["body", "result"],
        ),
        (
            {
                "target": {"kind": "optimizer", "name": "sgd"},
                "params": [1.0],
                "grads": [1.0],
                "result": {"params": [1.0, 2.0]},
            },
            ["body", "result", "params"],
        ),
        (
            {
                "target": {"kind": "optimizer", "name": "sgd", "params": {"lr": -1}},
                "params": [1.0],
                "grads": [1.0],
                "result": {"params": [1.0]},
            },
            ["body", "target", "params", "lr"],
        ),
        (
            {
                "target": {"kind": "optimizer", "name": "sgd"},
                "params": [1.0],
                "grads": [1.0],
                "result": {"params": [1.0]},
                "x": [1.0],
            },
            ["body", "x"],
        ),
    ],
)
def test_verify_bad_input(client: TestClient, body: dict[str, Any], loc: list[Any]) -> None:
    assert_problem(client.post("/v1/verify", json=body), 422, loc)


def test_verify_unknown_names(client: TestClient) -> None:
    for target, extra in (
        ({"kind": "activation", "name": "nope"}, {"x": [1], "value": [1]}),
        ({"kind": "loss", "name": "nope"}, {"y_true": [1], "y_pred": [1], "loss": 1}),
        (
            {"kind": "optimizer", "name": "nope"},
            {"params": [1], "grads": [1], "result": {"params": [1]}},
        ),
    ):
        assert_problem(client.post("/v1/verify", json={"target": target, **extra}), 404)


# --------------------------------------------------------------------------------------------
# stats


def test_stats_known_answers(client: TestClient) -> None:
    out = post(
        client,
        "/v1/inspect/stats",
        {
            "tensors": {
                "a": [[3.0, -4.0], [0.0, 0.0]],
                "b": [1.0, "NaN", "-Infinity"],
            }
        },
    )
    a, b = out["tensors"]["a"], out["tensors"]["b"]
    assert (a["l1"], a["l2"], a["linf"], a["mean"], a["zero_fraction"]) == (
        7.0,
        5.0,
        4.0,
        -0.25,
        0.5,
    )
    assert a["verdict"] == "ok" and a["histogram"]["zeros"] == 2
    assert (b["nan_count"], b["inf_count"], b["neginf_count"]) == (1, 1, 1)
    assert b["verdict"] == "nonfinite" and out["verdict"] == "nonfinite"
    assert out["worst_tensor"] == "b"
    assert out["global_norm"] == pytest.approx(math.sqrt(26.0))


def test_stats_b64_float32(client: TestClient) -> None:
    g = np.random.default_rng(0).normal(0, 1e-3, 100_000).astype(np.float32)
    out = post(client, "/v1/inspect/stats", {"tensors": {"g": b64_tensor(g, "float32")}})
    s = out["tensors"]["g"]
    assert s["count"] == 100_000
    assert s["l2"] == pytest.approx(float(np.linalg.norm(g.astype(np.float64))), rel=1e-12)
    assert s["max"] == float(g.max())
    assert sum(s["histogram"]["counts"]) == 100_000


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"tensors": {}}, ["body", "tensors"]),
        ({}, ["body", "tensors"]),
        ({"tensors": {"g": [1, [2]]}}, ["body", "tensors", "g", 1]),
        ({"tensors": {"g": [1.0]}, "thresholds": {"norm": "l3"}}, ["body", "thresholds", "norm"]),
        (
            {"tensors": {"g": [1.0]}, "thresholds": {"vanishing": -1}},
            ["body", "thresholds", "vanishing"],
        ),
        (
            {"tensors": {"g": {"shape": [2], "dtype": "float32", "b64": "AAAA"}}},
            ["body", "tensors", "g", "b64"],
        ),
    ],
)
def test_stats_bad_input(client: TestClient, body: dict[str, Any], loc: list[Any]) -> None:
    assert_problem(client.post("/v1/inspect/stats", json=body), 422, loc)


# --------------------------------------------------------------------------------------------
# gradient flow


def test_flow_seed_verdicts(client: TestClient) -> None:
    sig = post(
        client,
        "/v1/inspect/gradient-flow",
        {"depth": 5, "activation": "sigmoid", "init": "xavier_uniform"},
    )
    assert sig["verdict"] == "vanishing" and sig["first_bad_layer"] is not None
    assert len(sig["layers"]) == 5 and sig["layers"][0]["layer"] == 1
    assert sig["config"]["width"] == 64 and sig["config"]["dtype"] == "float64"
    relu = post(
        client,
        "/v1/inspect/gradient-flow",
        {"depth": 20, "activation": "relu", "init": "he_normal"},
    )
    assert relu["verdict"] == "ok" and relu["first_bad_layer"] is None
    assert relu["layers"][-1]["weight_grad_ratio"] == 1.0


def test_flow_alias_params_and_float32(client: TestClient) -> None:
    out = post(
        client,
        "/v1/inspect/gradient-flow",
        {
            "depth": 3,
            "width": 8,
            "batch": 4,
            "activation": "LeakyReLU",
            "activation_params": {"negative_slope": 0.2},
            "dtype": "float32",
        },
    )
    assert out["activation"] == {"name": "leaky_relu", "params": {"alpha": 0.2}}
    assert out["config"]["dtype"] == "float32"


@pytest.mark.parametrize(("fmt", "media"), [("png", "image/png"), ("svg", "image/svg+xml")])
def test_flow_chart(client: TestClient, fmt: str, media: str) -> None:
    r = client.post(
        f"/v1/inspect/gradient-flow?format={fmt}",
        json={"depth": 4, "width": 8, "activation": "tanh"},
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert r.content[:4] == b"\x89PNG" if fmt == "png" else b"<svg" in r.content[:400]


def test_flow_limits() -> None:
    small = make_client(max_flow_work=10_000, max_flow_depth=4)
    body = assert_problem(
        small.post("/v1/inspect/gradient-flow", json={"depth": 3}), 422, ["body", "width"]
    )
    assert "GRADSERVE_MAX_FLOW_WORK" in body["errors"][0]["msg"]
    body = assert_problem(
        small.post("/v1/inspect/gradient-flow", json={"depth": 5, "width": 2, "batch": 2}),
        422,
        ["body", "depth"],
    )
    assert "GRADSERVE_MAX_FLOW_DEPTH" in body["errors"][0]["msg"]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"depth": 0}, ["body", "depth"]),
        ({"width": "wide"}, ["body", "width"]),
        ({"activation": "softmax"}, ["body", "activation"]),
        (
            {"activation": "elu", "activation_params": {"beta": 1}},
            ["body", "activation_params", "beta"],
        ),
        ({"init": "orthogonal"}, ["body", "init"]),
        ({"init": "normal", "init_params": {"std": -1}}, ["body", "init_params", "std"]),
        ({"input_scale": 0}, ["body", "input_scale"]),
        ({"loss": "nll"}, ["body", "loss"]),
        ({"thresholds": {"vanishing": 10, "exploding": 1}}, ["body", "thresholds", "vanishing"]),
        ({"seed": -1}, ["body", "seed"]),
    ],
)
def test_flow_bad_input(client: TestClient, body: dict[str, Any], loc: list[Any]) -> None:
    assert_problem(client.post("/v1/inspect/gradient-flow", json=body), 422, loc)


def test_flow_unknown_activation(client: TestClient) -> None:
    assert_problem(client.post("/v1/inspect/gradient-flow", json={"activation": "nope"}), 404)
    r = client.post("/v1/inspect/gradient-flow?format=gif", json={})
    assert_problem(r, 422, ["query", "format"])


def test_flow_chart_without_positive_norms(client: TestClient) -> None:
    r = client.post(
        "/v1/inspect/gradient-flow?format=svg",
        json={"depth": 2, "width": 1, "batch": 1, "activation": "step"},
    )
    assert r.status_code == 200 and b"no positive finite gradient norm" in r.content


def test_stats_extremes_are_not_errors(client: TestClient) -> None:
    out = post(client, "/v1/inspect/stats", {"tensors": {"g": [1e308, -1e308, 5e-324]}})
    assert out["tensors"]["g"]["l1"] == "Infinity" and out["verdict"] == "exploding"
