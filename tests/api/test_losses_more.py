"""POST /v1/losses/{name} for issue 12's losses: extra tensor fields, grads, the main input's
form, errors; the catalog's `inputs`; curves refuse multi-input losses. Expected numbers come
from the torch golden fixture (tests/fixtures/losses_more_golden.json)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from fastapi.testclient import TestClient

from tests.helpers import assert_problem, b64_tensor, from_wire

TORCH = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "losses_more_golden.json").read_text()
)["cases"]


def _first(name: str, reduction: str = "mean") -> dict:
    return next(
        c
        for c in TORCH
        if c["name"] == name and c["reduction"] == reduction and c["sample_weight"] is None
    )


def _body(c: dict) -> dict:
    body = {k: v for k, v in c["inputs"].items()}
    if c["y_true"] is not None:
        body["y_true"] = c["y_true"]
    body["params"] = c["params"]
    body["reduction"] = c["reduction"]
    return body


def test_margin_ranking_x1_x2_grads(client: TestClient) -> None:
    c = _first("margin_ranking")
    r = client.post("/v1/losses/MarginRankingLoss", json=_body(c))
    assert r.status_code == 200, r.text
    out = r.json()
    np.testing.assert_allclose(out["loss"], c["loss"], rtol=1e-12)
    assert set(out["grads"]) == {"x1", "x2"}
    np.testing.assert_allclose(from_wire(out["grads"]["x2"]), c["grads"]["x2"], rtol=1e-12)
    assert out["grad"] == out["grads"]["x1"]  # grad is the main input's (x1)


def test_triplet_without_y_true_and_b64_main_form(client: TestClient) -> None:
    c = _first("triplet_margin", "none")
    body = _body(c)
    body["anchor"] = b64_tensor(np.asarray(c["inputs"]["anchor"]))  # the main input's form
    r = client.post("/v1/losses/triplet_margin", json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert "b64" in out["grad"] and "b64" in out["grads"]["negative"]
    np.testing.assert_allclose(
        from_wire(out["grads"]["negative"]), c["grads"]["negative"], rtol=1e-12
    )
    np.testing.assert_allclose(from_wire(out["loss"]), c["loss"], rtol=1e-12)


def test_gaussian_nll_var_grad_has_var_shape(client: TestClient) -> None:
    c = next(
        x
        for x in TORCH
        if x["name"] == "gaussian_nll" and "(N,)" in x["note"] and x["reduction"] == "sum"
    )
    body = _body(c)
    body["sample_weight"] = c["sample_weight"]
    r = client.post("/v1/losses/gaussian_nll", json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert np.shape(out["grads"]["var"]) == (4,)
    np.testing.assert_allclose(out["grads"]["var"], c["grads"]["var"], rtol=1e-12)
    np.testing.assert_allclose(out["grad"], c["grads"]["y_pred"], rtol=1e-12)


def test_single_input_losses_have_grads_of_y_pred(client: TestClient) -> None:
    r = client.post("/v1/losses/poisson_nll", json={"y_true": [[2.0]], "y_pred": [[0.5]]})
    assert r.status_code == 200
    out = r.json()
    assert out["loss"] == np.exp(0.5) - 1.0
    assert out["grads"] == {"y_pred": out["grad"]}
    plain = client.post("/v1/losses/mse", json={"y_true": [[2.0]], "y_pred": [[0.5]]}).json()
    assert "grads" not in plain


def test_errors(client: TestClient) -> None:
    url = "/v1/losses/margin_ranking"
    assert_problem(client.post(url, json={"y_true": [[1]], "x1": [[1.0]]}), 422, ["body", "x2"])
    assert_problem(client.post(url, json={"y_true": [[1]], "x2": [[1.0]]}), 422, ["body", "x1"])
    assert_problem(
        client.post(url, json={"y_true": [[1]], "x1": [[1.0]], "x2": [[1.0]], "y_pred": [[1.0]]}),
        422,
        ["body", "y_pred"],
    )
    assert_problem(
        client.post("/v1/losses/mse", json={"y_true": [[1]], "y_pred": [[1.0]], "var": 1.0}),
        422,
        ["body", "var"],
    )
    assert_problem(client.post("/v1/losses/mse", json={"y_true": [[1]]}), 422, ["body", "y_pred"])
    assert_problem(
        client.post(
            "/v1/losses/gaussian_nll",
            json={"y_true": [[1.0]], "y_pred": [[1.0]], "var": [[-1.0]]},
        ),
        422,
        ["body", "var"],
    )
    assert_problem(client.post("/v1/losses/x1", json={"y_true": [[1]], "y_pred": [[1.0]]}), 404)


def test_catalog_and_curves(client: TestClient) -> None:
    e = client.get("/v1/losses/TripletMarginLoss").json()
    assert e["name"] == "triplet_margin" and e["inputs"] == ["anchor", "positive", "negative"]
    assert "inputs" not in client.get("/v1/losses/mse").json()
    assert_problem(client.get("/v1/losses/margin_ranking/curve"), 422, ["path", "name"])
    r = client.get("/v1/losses/dice/curve", params={"num": 5})
    assert r.status_code == 200 and r.json()["params"]["axis"] == -1
    r = client.get("/v1/losses/hinge_embedding/curve", params={"num": 5})
    assert r.status_code == 200


def test_oip_refuses_multi_input_losses_and_serves_the_others(client: TestClient) -> None:
    from tests.api.test_oip import error, infer, tensor

    url = "/v2/models/losses.margin_ranking/infer"
    body = {"inputs": [tensor("y_pred", np.ones((1, 2))), tensor("y_true", np.ones((1, 2)))]}
    msg = error(client.post(url, json=body), 400, "x1", "POST /v1/losses/margin_ranking")
    assert "OIP v2" in msg
    _, out = infer(
        client,
        "losses.poisson_nll",
        [tensor("y_pred", np.array([[0.5]])), tensor("y_true", np.array([[2.0]]))],
    )
    assert float(out["loss"]) == np.exp(0.5) - 1.0


def test_guide_lists_issue_12_alternatives(client: TestClient) -> None:
    seen = set()
    for task in ("regression", "binary", "multiclass", "multilabel"):
        for alt in client.get("/v1/guide", params={"task": task}).json()["alternatives"]:
            entry = client.get(f"/v1/losses/{alt['loss']}").json()
            assert alt["output_activation"] in entry["pairs_with"], alt
            seen.add(alt["loss"])
    assert {"gaussian_nll", "poisson_nll", "multi_margin", "multilabel_soft_margin", "dice"} <= seen
