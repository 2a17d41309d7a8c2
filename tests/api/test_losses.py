"""HTTP behaviour of the loss endpoints and the guide (the math itself: tests/compute)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.compute.losses import LOSSES
from tests.compute.test_losses import ROW_LOSSES, _inputs
from tests.helpers import assert_problem, b64_tensor, from_wire

CONTRACT = {
    "mse", "binary_crossentropy", "categorical_crossentropy",
    "sparse_categorical_crossentropy", "kl_divergence", "mae", "huber", "smooth_l1",
    "log_cosh", "mape", "msle", "poisson", "hinge", "squared_hinge", "categorical_hinge",
    "cosine_similarity", "nll", "binary_focal_crossentropy", "categorical_focal_crossentropy",
    "soft_margin", "softmax_cross_entropy",
}  # fmt: skip


def post(client: TestClient, name: str, body: dict) -> dict:
    r = client.post(f"/v1/losses/{name}", json=body)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    return r.json()


def test_catalog_lists_every_contract_loss(client: TestClient) -> None:
    r = client.get("/v1/losses")
    assert r.status_code == 200
    entries = r.json()["losses"]
    # the first wave's contract, plus issue 12's entries (tests/api/test_losses_more.py)
    more = {e["name"] for e in entries if "inputs" in e}
    assert {e["name"] for e in entries} == CONTRACT | more
    for e in entries:
        assert e["formula"] and e["gradient_formula"] and e["y_true_encoding"]
        assert e["pairs_with"] and e["per_sample_reduction"] in ("mean", "sum", "row")
    one = client.get("/v1/losses/BCEWithLogitsLoss").json()
    assert one["name"] == "binary_crossentropy"
    assert one["alias_defaults"]["BCEWithLogitsLoss"] == {"from_logits": True}
    eps = next(p for p in one["params"] if p["name"] == "epsilon")
    assert eps["default"] == 1e-7 and "eps" in eps["aliases"]
    assert client.get("/v1/losses/mean_squared_error").json()["name"] == "mse"


def test_unknown_loss_is_404_listing_names(client: TestClient) -> None:
    for r in (
        client.get("/v1/losses/nope"),
        client.post("/v1/losses/nope", json={"y_true": [1], "y_pred": [1]}),
    ):
        body = assert_problem(r, 404)
        assert "mse" in body["detail"] and "softmax_cross_entropy" in body["detail"]


def test_seed_examples(client: TestClient) -> None:
    out = post(
        client, "categorical_crossentropy", {"y_true": [[0, 1, 0]], "y_pred": [[0.3, 0.5, 0.2]]}
    )
    assert out["loss"] == pytest.approx(-math.log(0.5), rel=1e-15)
    assert out["grad"] == [[0.0, -2.0, 0.0]]
    assert out["per_sample"] == [pytest.approx(-math.log(0.5))]
    assert out["warnings"] == []
    out = post(
        client, "categorical_crossentropy", {"y_true": [[0, 1, 0]], "y_pred": [[0.4, 0.15, 0.45]]}
    )
    assert out["loss"] == pytest.approx(-math.log(0.15), rel=1e-15)


def test_softmax_cross_entropy_gradient_over_http(client: TestClient) -> None:
    z = np.array([[2.0, -1.0, 0.5], [1000.0, -1000.0, 0.0]])
    y = np.array([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]])
    out = post(
        client,
        "softmax_cross_entropy",
        {"y_true": y.tolist(), "y_pred": z.tolist(), "reduction": "sum"},
    )
    s = np.exp(z - z.max(-1, keepdims=True))
    s /= s.sum(-1, keepdims=True)
    np.testing.assert_allclose(from_wire(out["grad"]), s - y, atol=1e-15)
    assert math.isfinite(out["loss"])


def test_reduction_none_and_sample_weight(client: TestClient) -> None:
    out = post(
        client,
        "mse",
        {
            "y_true": [[0, 0], [0, 0]],
            "y_pred": [[1, 1], [2, 2]],
            "reduction": "none",
            "sample_weight": [2.0, 0.5],
        },
    )
    assert out["loss"] == [2.0, 2.0]  # weighted per-sample
    assert out["per_sample"] == [1.0, 4.0]  # unweighted
    assert out["grad"] == [[2.0, 2.0], [1.0, 1.0]]  # gradient of the sum of the weighted
    out = post(
        client,
        "mse",
        {"y_true": [[0, 0], [0, 0]], "y_pred": [[1, 1], [2, 2]], "sample_weight": [2.0, 0.5]},
    )
    assert out["loss"] == 2.0  # (2*1 + 0.5*4) / 2


def test_response_mirrors_y_pred_form(client: TestClient) -> None:
    y = np.array([[1.0], [0.0], [1.0]])
    z = np.array([[2.5], [-1.0], [-3.0]])
    out = post(
        client,
        "binary_crossentropy",
        {"y_true": y.tolist(), "y_pred": b64_tensor(z), "params": {"from_logits": True}},
    )
    assert set(out["grad"]) == {"shape", "dtype", "b64"}
    grad = from_wire(out["grad"])
    expected = (1 / (1 + np.exp(-z)) - y) / 3
    np.testing.assert_allclose(grad, expected, rtol=1e-14)
    assert isinstance(out["loss"], float)
    flat = post(
        client,
        "mse",
        {"y_true": [[1.0, 2.0]], "y_pred": {"shape": [1, 2], "dtype": "float32", "data": [2, 2]}},
    )
    assert flat["grad"]["dtype"] == "float32" and flat["grad"]["shape"] == [1, 2]
    assert flat["per_sample"]["data"] == [0.5]
    nested = post(
        client,
        "mse",
        {"y_true": [[1.0, 2.0]], "y_pred": [[2.0, 2.0]], "encoding": "flat", "reduction": "none"},
    )
    assert nested["loss"] == {"shape": [1], "dtype": "float64", "data": [0.5]}
    num = post(client, "mse", {"y_true": 1, "y_pred": 3})
    assert num == {"loss": 4.0, "grad": 4.0, "per_sample": 4.0, "warnings": []}


def test_float32_compute(client: TestClient) -> None:
    out = post(
        client,
        "categorical_crossentropy",
        {"y_true": [[0, 1, 0]], "y_pred": [[0.3, 0.5, 0.2]], "dtype": "float32", "encoding": "b64"},
    )
    assert out["grad"]["dtype"] == "float32"
    assert from_wire(out["grad"])[0, 1] == np.float32(-2.0)


def test_nonfinite_input_is_valid(client: TestClient) -> None:
    out = post(
        client,
        "mse",
        {"y_true": [[0, 0], [0, 0]], "y_pred": [["NaN", 1], [1, 1]], "reduction": "none"},
    )
    assert out["loss"][0] == "NaN" and out["loss"][1] == 1.0
    assert out["grad"][0][0] == "NaN"
    out = post(client, "mse", {"y_true": [[0.0]], "y_pred": [["Infinity"]]})
    assert out["loss"] == "Infinity"


def test_sparse_labels_and_class_weight(client: TestClient) -> None:
    p = [[0.3, 0.5, 0.2], [0.4, 0.15, 0.45], [0.1, 0.8, 0.1]]
    out = post(
        client,
        "sparse_categorical_crossentropy",
        {"y_true": [1, 2, -100], "y_pred": p, "params": {"weight": [1.0, 2.0, 0.5]}},
    )
    expect = (2.0 * -math.log(0.5) + 0.5 * -math.log(0.45)) / 2.5
    assert out["loss"] == pytest.approx(expect, rel=1e-14)
    assert out["per_sample"][2] == 0.0
    flat = post(
        client,
        "nll",
        {
            "y_true": {"shape": [2], "dtype": "int64", "data": [0, 1]},
            "y_pred": [[-0.5, -1.0], [-2.0, -0.2]],
        },
    )
    assert flat["loss"] == pytest.approx((0.5 + 0.2) / 2)


def test_alias_implies_from_logits(client: TestClient) -> None:
    body = {"y_true": [[1.0, 0.0]], "y_pred": [[2.0, -3.0]]}
    a = post(client, "BCEWithLogitsLoss", body)
    b = post(client, "binary_crossentropy", {**body, "params": {"from_logits": True}})
    assert a == b


def test_stable_at_extremes(client: TestClient) -> None:
    out = post(
        client,
        "categorical_crossentropy",
        {"y_true": [[0, 1, 0]], "y_pred": [[1000, -1000, 0]], "params": {"from_logits": True}},
    )
    assert out["loss"] == 2000.0 and out["grad"] == [[1.0, -1.0, 0.0]]
    out = post(client, "binary_crossentropy", {"y_true": [[1, 0]], "y_pred": [[0, 1]]})
    assert math.isfinite(out["loss"]) and out["grad"] == [[0.0, 0.0]]
    assert any("clipped" in w for w in out["warnings"])


# ---------------------------------------------------------------------------------------
# warnings


def warnings_of(client: TestClient, name: str, body: dict) -> list[str]:
    return post(client, name, body)["warnings"]


@pytest.mark.parametrize(
    ("name", "body", "needle"),
    [
        (
            "categorical_crossentropy",
            {"y_true": [[0, 1, 0]], "y_pred": [[0.3, 0.3, 0.2]]},
            "do not sum to 1",
        ),
        ("binary_crossentropy", {"y_true": [[0, 1]], "y_pred": [[-2.0, 3.0]]}, "outside [0, 1]"),
        (
            "categorical_crossentropy",
            {"y_true": [[0, 2, 0]], "y_pred": [[0.3, 0.5, 0.2]]},
            "not probability distributions",
        ),
        (
            "categorical_crossentropy",
            {"y_true": [[0.1, 0.9, 0]], "y_pred": [[0.3, 0.5, 0.2]]},
            "not one-hot",
        ),
        (
            "softmax_cross_entropy",
            {"y_true": [[0, 1, 0]], "y_pred": [[0.2, 0.7, 0.1]]},
            "looks like probabilities",
        ),
        (
            "categorical_crossentropy",
            {"y_true": [[0, 1, 0]], "y_pred": [[0.2, 0.7, 0.1]], "params": {"from_logits": True}},
            "looks like probabilities",
        ),
        (
            "mse",
            {"y_true": [[0, 1]], "y_pred": [[0.3, 0.7]], "output_activation": "softmax"},
            "not what the catalog recommends",
        ),
        (
            "binary_crossentropy",
            {"y_true": [[0, 1, 0]], "y_pred": [[0.2, 0.7, 0.1]]},
            "softmax pairs with categorical_crossentropy",
        ),
        ("categorical_crossentropy", {"y_true": [[1.0]], "y_pred": [[1.0]]}, "one unit"),
        ("nll", {"y_true": [0], "y_pred": [[0.2, 0.8]]}, "log-probabilities"),
        ("hinge", {"y_true": [[0.5, -1]], "y_pred": [[0.3, 0.5]]}, "±1"),
    ],
)
def test_warnings(client: TestClient, name: str, body: dict, needle: str) -> None:
    w = warnings_of(client, name, body)
    assert any(needle in m for m in w), w


# ---------------------------------------------------------------------------------------
# bad input: 422 problem+json naming the field


def bad(client: TestClient, name: str, body: dict, loc: list[Any]) -> dict:
    return assert_problem(client.post(f"/v1/losses/{name}", json=body), 422, loc)


def test_shape_mismatch_states_both_shapes(client: TestClient) -> None:
    body = bad(client, "mse", {"y_true": [[0, 1, 0]], "y_pred": [[0.3, 0.5]]}, ["body", "y_true"])
    msg = body["errors"][0]["msg"]
    assert "(1, 2)" in msg and "(1, 3)" in msg


@pytest.mark.parametrize("labels", [[0.5, 1], [3, 0], [-1, 0]])
def test_sparse_labels_not_integers_or_out_of_range(client: TestClient, labels: list) -> None:
    body = bad(
        client,
        "sparse_categorical_crossentropy",
        {"y_true": labels, "y_pred": [[0.2, 0.3, 0.5]] * 2},
        ["body", "y_true"],
    )
    assert "[0, 3)" in body["errors"][0]["msg"]


def test_sparse_label_nan_and_wrong_shape(client: TestClient) -> None:
    bad(
        client,
        "sparse_categorical_crossentropy",
        {"y_true": ["NaN", 0], "y_pred": [[0.2, 0.8]] * 2},
        ["body", "y_true"],
    )
    bad(client, "nll", {"y_true": [[0, 1]], "y_pred": [[-0.2, -0.8]]}, ["body", "y_true"])


def test_unknown_reduction_and_convention(client: TestClient) -> None:
    base = {"y_true": [[0.0]], "y_pred": [[1.0]]}
    bad(client, "mse", {**base, "reduction": "avg"}, ["body", "reduction"])
    bad(client, "mse", {**base, "convention": "jax"}, ["body", "convention"])
    bad(client, "mse", {**base, "extra": 1}, ["body", "extra"])


def test_bad_weights(client: TestClient) -> None:
    base = {"y_true": [[0.0, 1.0], [1.0, 0.0]], "y_pred": [[0.4, 0.6], [0.5, 0.5]]}
    body = bad(client, "mse", {**base, "sample_weight": [1.0, -1.0]}, ["body", "sample_weight"])
    assert "non-negative" in body["errors"][0]["msg"]
    body = bad(client, "mse", {**base, "sample_weight": [1.0, 1.0, 1.0]}, ["body", "sample_weight"])
    assert "(2,)" in body["errors"][0]["msg"] and "(3,)" in body["errors"][0]["msg"]
    bad(
        client,
        "categorical_crossentropy",
        {**base, "params": {"class_weight": [1, 2, 3]}},
        ["body", "params", "class_weight"],
    )
    bad(
        client,
        "categorical_crossentropy",
        {**base, "params": {"class_weight": [1, -2]}},
        ["body", "params", "class_weight"],
    )
    bad(
        client,
        "categorical_crossentropy",
        {**base, "params": {"class_weight": [[1, "x"]]}},
        ["body", "params", "class_weight", 0, 1],
    )


@pytest.mark.parametrize(
    ("name", "params", "loc"),
    [
        ("huber", {"delta": -1}, ["body", "params", "delta"]),
        ("smooth_l1", {"beta": -1}, ["body", "params", "beta"]),
        ("binary_crossentropy", {"label_smoothing": 2}, ["body", "params", "label_smoothing"]),
        ("binary_crossentropy", {"epsilon": 0.5}, ["body", "params", "epsilon"]),
        ("binary_focal_crossentropy", {"gamma": -0.5}, ["body", "params", "gamma"]),
        (
            "sparse_categorical_crossentropy",
            {"ignore_index": 0.5},
            ["body", "params", "ignore_index"],
        ),
        ("mse", {"delta": 1}, ["body", "params", "delta"]),
    ],
)
def test_parameter_out_of_range(client: TestClient, name: str, params: dict, loc: list) -> None:
    y_true: Any = [0, 1] if LOSSES.get(name).sparse else [[0.0, 1.0], [1.0, 0.0]]
    bad(client, name, {"y_true": y_true, "y_pred": [[0.4, 0.6], [0.5, 0.5]], "params": params}, loc)


def test_ragged_and_missing(client: TestClient) -> None:
    bad(
        client,
        "mse",
        {"y_true": [[0, 1], [1]], "y_pred": [[0.3, 0.5], [0.1, 0.1]]},
        ["body", "y_true", 1],
    )
    bad(client, "mse", {"y_pred": [[0.3, 0.5]]}, ["body", "y_true"])


def test_element_limit(client: TestClient) -> None:
    from tests.helpers import make_client

    small = make_client(max_elements=10)
    r = small.post("/v1/losses/mse", json={"y_true": [[0.0] * 4] * 2, "y_pred": [[1.0] * 4] * 2})
    assert_problem(r, 422)
    assert "GRADSERVE_MAX_ELEMENTS" in r.json()["detail"]


# ---------------------------------------------------------------------------------------
# guide


@pytest.mark.parametrize(
    ("task", "act", "loss", "width"),
    [
        ("regression", "linear", "mse", "one unit per target"),
        ("binary", "sigmoid", "binary_crossentropy", "1"),
        ("multiclass", "softmax", "categorical_crossentropy", "one unit per class (C)"),
        ("multilabel", "sigmoid", "binary_crossentropy", "one unit per class (C)"),
    ],
)
def test_guide(client: TestClient, task: str, act: str, loss: str, width: str) -> None:
    r = client.get("/v1/guide", params={"task": task})
    assert r.status_code == 200
    rec = r.json()["recommended"]
    assert (rec["output_activation"], rec["loss"], rec["output_width"]) == (act, loss, width)
    assert rec["reason"] and rec["label_encoding"]


def test_guide_binary_alternative_and_bad_task(client: TestClient) -> None:
    alt = client.get("/v1/guide?task=binary").json()["alternatives"][0]
    assert (alt["output_activation"], alt["loss"], alt["output_width"]) == (
        "softmax",
        "categorical_crossentropy",
        "2",
    )
    sparse = client.get("/v1/guide?task=multiclass").json()["alternatives"][0]
    assert sparse["loss"] == "sparse_categorical_crossentropy"
    assert_problem(client.get("/v1/guide?task=clustering"), 422, ["query", "task"])
    assert_problem(client.get("/v1/guide"), 422, ["query", "task"])


# ---------------------------------------------------------------------------------------
# the OpenAPI examples work as-is


def test_openapi_examples_run(client: TestClient) -> None:
    """Every body example runs under the path's example name, the one Swagger fills in, and
    only the example that says so gets a warning."""
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/v1/losses/{name}"]["post"]
    (name,) = next(p for p in op["parameters"] if p["name"] == "name")["examples"]
    assert name == "categorical_crossentropy"
    examples = op["requestBody"]["content"]["application/json"]["examples"]
    assert len(examples) >= 5
    for key, ex in examples.items():
        assert name in ex["summary"], key
        out = post(client, name, ex["value"])
        assert {"loss", "grad", "per_sample", "warnings"} <= set(out)
        assert bool(out["warnings"]) == ("warning" in ex["summary"]), (key, out["warnings"])
    # the same rows under mse: the pairing and row-sum rules are per loss
    assert post(client, "mse", {**examples["warning"]["value"], "output_activation": "softmax"})[
        "warnings"
    ]


@pytest.mark.parametrize("entry", ROW_LOSSES, ids=lambda e: e.name)
def test_every_loss_answers_float16_as_its_float64_answer_rounded(
    client: TestClient, entry: Any
) -> None:
    """float16 y_true/y_pred are computed in float64: the tensors answered are the float64
    answers of the same (widened) numbers rounded to float16; the mean loss stays a number."""
    y, p = _inputs(entry, {}, "", np.random.default_rng(7))
    y16, p16 = y.astype(np.float16), p.astype(np.float16)
    half = client.post(
        f"/v1/losses/{entry.name}",
        json={"y_true": b64_tensor(y16, "float16"), "y_pred": b64_tensor(p16, "float16")},
    )
    full = client.post(
        f"/v1/losses/{entry.name}",
        json={
            "y_true": b64_tensor(y16.astype(np.float64)),
            "y_pred": b64_tensor(p16.astype(np.float64)),
        },
    )
    assert half.status_code == full.status_code == 200, (half.text, full.text)
    h, f = half.json(), full.json()
    assert h["loss"] == f["loss"] and h["warnings"] == f["warnings"]
    for key in ("grad", "per_sample"):
        assert h[key]["dtype"] == "float16", key
        np.testing.assert_array_equal(from_wire(h[key]), from_wire(f[key]).astype(np.float16))
