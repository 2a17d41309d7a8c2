"""GET /v1/losses/{name}/curve: values against hand-computed losses, errors, plots."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.compute.losses import LOSSES
from tests.helpers import assert_problem, from_wire, make_client


def _curve(client: TestClient, name: str, **params: Any) -> dict[str, Any]:
    r = client.get(f"/v1/losses/{name}/curve", params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def test_mse_is_the_parabola_around_the_target(client: TestClient) -> None:
    body = _curve(client, "mse", y_true=0.5, start=-1.5, stop=2.5, num=5)
    assert body["kind"] == "regression" and body["variable"] == "y_pred"
    assert body["x"] == [-1.5, -0.5, 0.5, 1.5, 2.5]
    (s,) = body["series"]
    assert s["y_true"] == 0.5 and s["label"] == "y_true = 0.5"
    assert s["loss"] == pytest.approx([4.0, 1.0, 0.0, 1.0, 4.0])
    assert s["grad"] == pytest.approx([-4.0, -2.0, 0.0, 2.0, 4.0])
    assert body["warnings"] == []


def test_huber_with_a_query_parameter_and_an_alias(client: TestClient) -> None:
    # huber, delta 0.5, target 0: 0.5 r^2 inside |r| <= delta, delta (|r| - delta/2) outside
    body = _curve(client, "HuberLoss", y_true=0, start=-2, stop=2, num=5, delta=0.5)
    assert body["name"] == "huber" and body["params"] == {"delta": 0.5}
    (s,) = body["series"]
    assert s["loss"] == pytest.approx([0.875, 0.375, 0.0, 0.375, 0.875])
    assert s["grad"] == pytest.approx([-0.5, -0.5, 0.0, 0.5, 0.5])


def test_default_regression_target_and_range(client: TestClient) -> None:
    body = _curve(client, "mae")
    assert len(body["x"]) == 200
    assert body["x"][0] == -2.0 and body["x"][-1] == 4.0  # y_true 1 ± 3
    (s,) = body["series"]
    assert s["y_true"] == 1.0
    x = np.asarray(body["x"])
    assert np.allclose(s["loss"], np.abs(x - 1.0))


def test_binary_crossentropy_sweeps_p_for_both_labels(client: TestClient) -> None:
    body = _curve(client, "binary_crossentropy", start=0.1, stop=0.9, num=3)
    assert body["kind"] == "binary" and body["variable"] == "p"
    assert body["x"] == pytest.approx([0.1, 0.5, 0.9])
    zero, one = body["series"]
    assert (zero["y_true"], one["y_true"]) == (0.0, 1.0)
    p = np.array([0.1, 0.5, 0.9])
    assert zero["loss"] == pytest.approx(-np.log(1 - p))
    assert zero["grad"] == pytest.approx(1 / (1 - p))
    assert one["loss"] == pytest.approx(-np.log(p))
    assert one["grad"] == pytest.approx(-1 / p)


def test_binary_crossentropy_from_logits_sweeps_the_logit(client: TestClient) -> None:
    for name, extra in (
        ("binary_crossentropy", {"from_logits": "true"}),
        ("BCEWithLogitsLoss", {}),
    ):
        body = _curve(client, name, y_true=1, start=-2, stop=2, num=3, **extra)
        assert body["variable"] == "logit z" and body["params"]["from_logits"] is True
        (one,) = body["series"]
        z = np.array([-2.0, 0.0, 2.0])
        assert one["loss"] == pytest.approx(np.log1p(np.exp(-z)))  # softplus(-z)
        assert one["grad"] == pytest.approx(1 / (1 + np.exp(-z)) - 1)  # sigmoid(z) - 1


def test_categorical_losses_on_two_classes(client: TestClient) -> None:
    # probabilities: y_pred = [1 - p, p]; dL/dp through both entries
    body = _curve(client, "categorical_crossentropy", start=0.2, stop=0.8, num=3)
    assert body["kind"] == "categorical"
    c0, c1 = body["series"]
    p = np.array([0.2, 0.5, 0.8])
    assert c0["loss"] == pytest.approx(-np.log(1 - p)) and c0["grad"] == pytest.approx(1 / (1 - p))
    assert c1["loss"] == pytest.approx(-np.log(p)) and c1["grad"] == pytest.approx(-1 / p)
    # logits: y_pred = [0, z]; the softmax of two logits is the sigmoid of their difference
    body = _curve(client, "softmax_cross_entropy", y_true=1, start=-1, stop=1, num=3)
    (c1,) = body["series"]
    z = np.array([-1.0, 0.0, 1.0])
    assert c1["label"] == "true class 1"
    assert c1["loss"] == pytest.approx(np.log1p(np.exp(-z)))
    assert c1["grad"] == pytest.approx(1 / (1 + np.exp(-z)) - 1)
    # sparse labels (index 0 and 1) agree with one-hot ones
    sparse = _curve(client, "sparse_categorical_crossentropy", start=0.2, stop=0.8, num=3)
    dense = _curve(client, "categorical_crossentropy", start=0.2, stop=0.8, num=3)
    assert sparse["series"] == dense["series"]
    # log-probabilities: y_pred = [log(1 - e^x), x]
    body = _curve(client, "nll", start=-3, stop=-0.5, num=2)
    c0, c1 = body["series"]
    x = np.array([-3.0, -0.5])
    assert c1["loss"] == pytest.approx(-x) and c1["grad"] == pytest.approx([-1.0, -1.0])
    assert c0["loss"] == pytest.approx(-np.log(1 - np.exp(x)))
    assert c0["grad"] == pytest.approx(np.exp(x) / (1 - np.exp(x)))


def test_hinge_uses_plus_minus_one_labels(client: TestClient) -> None:
    body = _curve(client, "hinge", start=-2, stop=2, num=5)
    minus, plus = body["series"]
    assert (minus["y_true"], plus["y_true"]) == (-1.0, 1.0)
    s = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    assert plus["loss"] == pytest.approx(np.maximum(0, 1 - s))
    assert minus["loss"] == pytest.approx(np.maximum(0, 1 + s))


def test_the_curve_agrees_with_the_loss_endpoint(client: TestClient) -> None:
    body = _curve(client, "log_cosh", y_true=-0.25, start=-1, stop=1, num=7)
    x = body["x"]
    r = client.post(
        "/v1/losses/log_cosh",
        json={"y_true": [[-0.25]] * len(x), "y_pred": [[v] for v in x], "reduction": "none"},
    )
    out = r.json()
    (s,) = body["series"]
    assert s["loss"] == pytest.approx(from_wire(out["loss"]).tolist())
    assert s["grad"] == pytest.approx(from_wire(out["grad"])[:, 0].tolist())


# losses with tensor fields besides y_pred (x1/x2, anchor/..., var) have no curve: a 422 in
# tests/api/test_losses_more.py
@pytest.mark.parametrize(
    "name", [e.name for e in LOSSES if tuple(e.catalog().get("inputs", ["y_pred"])) == ("y_pred",)]
)
def test_every_loss_has_a_default_curve(client: TestClient, name: str) -> None:
    body = _curve(client, name, num=11)
    assert body["name"] == name and len(body["x"]) == 11
    assert body["series"]
    for s in body["series"]:
        assert len(s["loss"]) == len(s["grad"]) == 11
        assert all(isinstance(v, float) and math.isfinite(v) for v in s["loss"]), s


def test_errors(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/losses/nope/curve"), 404, ["path", "name"])
    assert "mse" in body["detail"]
    for params, loc in (
        ({"start": 1, "stop": 0}, ["query", "start"]),
        ({"start": 1, "stop": 1}, ["query", "start"]),
        ({"num": 1}, ["query", "num"]),
        ({"num": 10**9}, ["query", "num"]),
        ({"y_true": "x"}, ["query", "y_true"]),
        ({"delta": 1}, ["query", "delta"]),
    ):
        assert_problem(client.get("/v1/losses/mse/curve", params=params), 422, loc)
    bce = "/v1/losses/binary_crossentropy/curve"
    assert_problem(client.get(bce, params={"start": -0.5}), 422, ["query", "start"])
    assert_problem(client.get(bce, params={"stop": 1.5}), 422, ["query", "stop"])
    assert_problem(client.get(bce, params={"y_true": 2}), 422, ["query", "y_true"])
    assert_problem(client.get(bce, params={"from_logits": "maybe"}), 422, ["query", "from_logits"])
    assert_problem(
        client.get("/v1/losses/huber/curve", params={"delta": -1}), 422, ["query", "delta"]
    )
    assert_problem(client.get("/v1/losses/nll/curve", params={"stop": 0.5}), 422, ["query", "stop"])


def test_limit_comes_from_the_setting() -> None:
    with make_client(max_curve_points=10) as small:
        assert small.get("/v1/losses/mse/curve", params={"num": 10}).status_code == 200
        body = assert_problem(small.get("/v1/losses/mse/curve", params={"num": 11}), 422)
        assert "GRADSERVE_MAX_CURVE_POINTS" in body["detail"]


def test_png_and_svg(client: TestClient) -> None:
    png = client.get("/v1/losses/huber/curve", params={"format": "png", "delta": 0.5})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = client.get("/v1/losses/binary_crossentropy/curve", params={"format": "svg"})
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content
    assert_problem(client.get("/v1/losses/mse/curve", params={"format": "gif"}), 422)


@pytest.mark.parametrize("name", ["nll", "sparse_categorical_crossentropy"])
def test_an_integer_query_parameter_is_a_64_bit_integer_kept_exactly(name: str) -> None:
    client = make_client()
    for given in (2**63 - 1, -(2**63)):
        r = client.get(f"/v1/losses/{name}/curve", params={"ignore_index": str(given)})
        assert r.status_code == 200, r.text
        assert r.json()["params"]["ignore_index"] == given
    for given in (str(2**63), str(2**64), "1e20", "9" * 5000):
        r = client.get(f"/v1/losses/{name}/curve", params={"ignore_index": given})
        assert "64-bit integer" in assert_problem(r, 422, ["query", "ignore_index"])["detail"]
