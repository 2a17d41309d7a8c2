"""gradcheck on the losses with more than y_pred/y_true: every tensor input's gradient (the
main input as `grad`, the others as `grads.<field>`) against central differences, and the
second order with respect to the main input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from tests.helpers import assert_problem

RNG = np.random.default_rng(20261201)


def _t(*shape: int) -> list[Any]:
    return RNG.normal(size=shape).tolist()


CASES: list[tuple[str, dict[str, Any], dict[str, Any], set[str]]] = [
    (
        "margin_ranking",
        {"x1": _t(4, 1), "x2": _t(4, 1), "y_true": [[1.0], [-1.0], [1.0], [-1.0]]},
        {"margin": 0.3},
        {"grad", "grads.x2"},
    ),
    (
        "cosine_embedding",
        {"x1": _t(3, 4), "x2": _t(3, 4), "y_true": [1.0, -1.0, 1.0]},
        {"margin": 0.1},
        {"grad", "grads.x2"},
    ),
    (
        "triplet_margin",
        {"anchor": _t(3, 5), "positive": _t(3, 5), "negative": _t(3, 5)},
        {"margin": 2.0},
        {"grad", "grads.positive", "grads.negative"},
    ),
    (
        "gaussian_nll",
        {
            "y_pred": _t(3, 2),
            "y_true": _t(3, 2),
            "var": np.abs(RNG.normal(size=(3, 2)) + 0.5).tolist(),
        },
        {},
        {"grad", "grads.var"},
    ),
]


@pytest.mark.parametrize(("name", "fields", "params", "checks"), CASES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_every_input_is_checked(
    client: TestClient,
    name: str,
    fields: dict[str, Any],
    params: dict[str, Any],
    checks: set[str],
    reduction: str,
) -> None:
    body = {"target": {"kind": "loss", "name": name, "params": params}, **fields}
    r = client.post("/v1/gradcheck", json={**body, "reduction": reduction})
    assert r.status_code == 200, r.text
    out = r.json()
    assert set(out["checks"]) == checks
    assert out["passed"], out["checks"]
    assert all(c["count"] > 0 for c in out["checks"].values())
    main = next(iter(fields)) if name != "gaussian_nll" else "y_pred"
    assert np.shape(out["analytic"]) == np.shape(fields[main])


@pytest.mark.parametrize(("name", "fields", "params", "checks"), CASES)
def test_second_order_on_the_main_input(
    client: TestClient, name: str, fields: dict[str, Any], params: dict[str, Any], checks: set[str]
) -> None:
    body = {"target": {"kind": "loss", "name": name, "params": params}, **fields, "order": 2}
    r = client.post("/v1/gradcheck", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["passed"], r.json()["checks"]


def test_the_main_input_is_required_and_y_pred_refused(client: TestClient) -> None:
    target = {"kind": "loss", "name": "margin_ranking"}
    r = client.post("/v1/gradcheck", json={"target": target, "x2": [[1.0]], "y_true": [[1.0]]})
    assert_problem(r, 422, ["body", "x1"])
    r = client.post(
        "/v1/gradcheck",
        json={"target": target, "y_pred": [[1.0]], "x1": [[0.0]], "y_true": [[1.0]]},
    )
    assert_problem(r, 422, ["body", "y_pred"])


def test_an_activation_refuses_loss_inputs(client: TestClient) -> None:
    r = client.post(
        "/v1/gradcheck",
        json={"target": {"kind": "activation", "name": "relu"}, "x": [1.0], "x1": [1.0]},
    )
    assert_problem(r, 422, ["body", "x1"])
