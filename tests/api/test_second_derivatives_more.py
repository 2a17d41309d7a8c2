"""HTTP surface of the issue-12 losses' hessian and hvp (with respect to the main input) and
gradcheck order 2 on them. Expected values from torch's golden file and closed forms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app

GOLDEN = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "second_more_golden.json").read_text()
)["losses"]


def test_cosine_embedding_hessian_is_torchs(client: TestClient) -> None:
    case = next(c for c in GOLDEN if c["name"] == "cosine_embedding" and c["reduction"] == "mean")
    r = client.post(
        "/v1/losses/cosine_embedding",
        json={
            **case["inputs"],
            "y_true": case["y_true"],
            "params": case["params"],
            "outputs": ["hessian", "hvp"],
            "v": case["v"],
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    np.testing.assert_allclose(body["hessian"], case["expected"]["hessian"], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(body["hvp"], case["expected"]["hvp"], rtol=1e-10, atol=1e-13)


def test_gaussian_nll_hessian_holds_var_fixed(client: TestClient) -> None:
    r = client.post(
        "/v1/losses/gaussian_nll",
        json={
            "y_pred": {"shape": [1, 2], "dtype": "float64", "data": [1.0, 2.0]},
            "y_true": [[1.5, 1.0]],
            "var": [0.5],
            "outputs": ["hessian"],
            "v": [[1.0, -2.0]],
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    # 1 / (C var) on the diagonal, C = 2, var = 0.5; flat form like y_pred
    assert body["hessian"]["shape"] == [1, 2, 1, 2]
    assert body["hessian"]["data"] == [1.0, 0.0, 0.0, 1.0]
    assert body["hvp"]["data"] == [1.0, -2.0]


def test_dice_whole_batch_hessian(client: TestClient) -> None:
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    p = np.array([[0.8, 0.3], [0.1, 0.6]])
    r = client.post(
        "/v1/losses/dice",
        json={"y_true": y.tolist(), "y_pred": p.tolist(), "outputs": ["hessian"]},
    )
    assert r.status_code == 200, r.text
    i, s = float(np.sum(y * p)), float(np.sum(y) + np.sum(p) + 1e-7)
    yf = y.ravel()
    want = 2 * (yf[:, None] + yf[None, :]) / s**2 - 4 * i / s**3
    np.testing.assert_allclose(np.array(r.json()["hessian"]).reshape(4, 4), want, rtol=1e-13)


def test_hessian_limit_counts_the_main_input() -> None:
    app = create_app(Settings(max_hessian_elements=4))
    with TestClient(app) as c:
        x = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]
        r = c.post(
            "/v1/losses/margin_ranking",
            json={"x1": x, "x2": x, "y_true": [[1, 1, 1], [1, 1, 1]], "outputs": ["hessian"]},
        )
        assert r.status_code == 422 and "GRADSERVE_MAX_HESSIAN_ELEMENTS" in r.json()["detail"]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("dice", {"y_true": [[1, 0, 1], [0, 1, 1]], "y_pred": [[0.7, 0.2, 0.4], [0.3, 0.9, 0.5]]}),
        (
            "tversky",
            {
                "y_true": [[1, 0, 1], [0, 1, 1]],
                "y_pred": [[0.7, 0.2, 0.4], [0.3, 0.9, 0.5]],
                "params": {"alpha": 0.3, "beta": 0.8, "axis": -1},
            },
        ),
        (
            "multi_margin",
            {"y_true": [0, 2], "y_pred": [[0.3, 0.5, -0.2], [1.0, 0.1, 0.4]], "params": {"p": 2}},
        ),
        ("multilabel_soft_margin", {"y_true": [[1, 0, 1]], "y_pred": [[0.3, -1.5, 2.0]]}),
        ("poisson_nll", {"y_true": [[0, 2, 5]], "y_pred": [[0.3, -1.5, 2.0]]}),
        ("hinge_embedding", {"y_true": [[1, -1, -1]], "y_pred": [[0.3, 0.5, 2.0]]}),
    ],
)
def test_gradcheck_order_2(client: TestClient, name: str, body: dict[str, Any]) -> None:
    r = client.post(
        "/v1/gradcheck",
        json={
            "target": {"kind": "loss", "name": name, "params": body.pop("params", {})},
            **body,
            "order": 2,
            "reduction": "sum",
        },
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["passed"] and set(out["checks"]) == {"hessian", "hvp"}
