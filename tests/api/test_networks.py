"""POST /v1/networks/gradients over HTTP: forms and dtypes, the optimizer round trip, errors
with the field's loc (layer index and field), 404s, limits naming their setting, and
POST /v1/verify with target.kind = "network"."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.schemas.networks import NETWORK_EXAMPLES
from tests.helpers import assert_problem, b64_tensor, from_wire, make_client

MLP: dict[str, Any] = NETWORK_EXAMPLES["mlp"]["value"]
URL = "/v1/networks/gradients"


def body(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(MLP)
    out.update(changes)
    return out


def _by_hand(b: dict[str, Any]) -> dict[str, np.ndarray]:
    """dense → tanh → dense with mse, backpropagated here with NumPy."""
    x = np.asarray(b["x"], dtype=float)
    w1, b1 = np.asarray(b["layers"][0]["weight"]), np.asarray(b["layers"][0]["bias"])
    w2, b2 = np.asarray(b["layers"][2]["weight"]), np.asarray(b["layers"][2]["bias"])
    y = np.asarray(b["loss"]["y_true"])
    a = np.tanh(x @ w1.T + b1)
    out = a @ w2.T + b2
    g2 = 2 * (out - y) / out.size
    g1 = (g2 @ w2) * (1 - a**2)
    return {
        "loss": np.mean((out - y) ** 2),
        "output": out,
        "w1": g1.T @ x,
        "b1": g1.sum(0),
        "w2": g2.T @ a,
        "b2": g2.sum(0),
        "dx": g1 @ w1,
    }


def test_gradients_match_hand_backprop(client: TestClient) -> None:
    r = client.post(URL, json=body(return_input_grads=True, return_activations=True))
    assert r.status_code == 200, r.text
    out = r.json()
    want = _by_hand(MLP)
    assert np.isclose(out["loss"], want["loss"], rtol=1e-14)
    assert np.allclose(from_wire(out["output"]), want["output"], rtol=1e-14)
    hidden, act, last = out["layers"]
    assert [hidden["name"], act["name"], last["name"]] == ["hidden", "1", "out"]
    assert act["activation"] == "tanh" and act["grads"] == {}
    assert np.allclose(from_wire(hidden["grads"]["weight"]), want["w1"], rtol=1e-13)
    assert np.allclose(from_wire(hidden["grads"]["bias"]), want["b1"], rtol=1e-13)
    assert np.allclose(from_wire(last["grads"]["weight"]), want["w2"], rtol=1e-13)
    assert np.allclose(from_wire(last["grads"]["bias"]), want["b2"], rtol=1e-13)
    assert np.allclose(from_wire(hidden["input_grad"]), want["dx"], rtol=1e-13)
    assert np.isclose(hidden["input_grad_norm"], np.linalg.norm(want["dx"]), rtol=1e-13)
    assert set(hidden["statistics"]) == {"weight", "bias", "input"}
    assert hidden["statistics"]["weight"]["shape"] == [2, 3]
    assert last["weight_grad_ratio"] == 1.0
    assert out["verdict"] == "ok" and out["first_bad_layer"] is None
    assert "params" not in out and "state" not in out


def test_b64_float32_in_gives_float32_b64_out(client: TestClient) -> None:
    x = np.asarray(MLP["x"], dtype=np.float32)
    r = client.post(URL, json=body(x=b64_tensor(x, "float32"), dtype="float32"))
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["output"]["dtype"] == "float32" and "b64" in out["output"]
    w = from_wire(out["layers"][0]["grads"]["weight"])
    assert w.dtype == np.float32
    assert np.allclose(w, _by_hand(MLP)["w1"], rtol=1e-5, atol=1e-7)
    r = client.post(URL, json=body(encoding="flat"))
    assert r.json()["layers"][0]["grads"]["weight"]["shape"] == [2, 3]


def test_optimizer_round_trip(client: TestClient) -> None:
    opt = {"name": "sgd", "hyperparams": {"lr": 0.1, "momentum": 0.9}}
    first = client.post(URL, json=body(optimizer=opt))
    assert first.status_code == 200, first.text
    f = first.json()
    want = _by_hand(MLP)
    w1 = np.asarray(MLP["layers"][0]["weight"])
    assert np.allclose(from_wire(f["params"]["hidden"]["weight"]), w1 - 0.1 * want["w1"])
    assert f["state"]["step"] == 1 and f["optimizer_stats"]["step"] == 1
    nxt = copy.deepcopy(MLP)
    nxt["layers"][0]["weight"] = f["params"]["hidden"]["weight"]
    nxt["layers"][0]["bias"] = f["params"]["hidden"]["bias"]
    nxt["layers"][2]["weight"] = f["params"]["out"]["weight"]
    nxt["layers"][2]["bias"] = f["params"]["out"]["bias"]
    second = client.post(URL, json={**nxt, "optimizer": {**opt, "state": f["state"]}})
    assert second.status_code == 200, second.text
    assert second.json()["state"]["step"] == 2


def test_nan_input_is_reported_not_an_error(client: TestClient) -> None:
    x = copy.deepcopy(MLP["x"])
    x[0][0] = "NaN"
    r = client.post(URL, json=body(x=x))
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["loss"] == "NaN" and out["verdict"] == "nonfinite"


def _with_layer(i: int, **changes: Any) -> dict[str, Any]:
    b = body()
    b["layers"][i] = {**b["layers"][i], **changes}
    return b


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        (_with_layer(2, weight=[[1.0, 2.0, 3.0]]), ["body", "layers", 2, "weight"]),
        (_with_layer(2, weight=[[1.0], [2.0, 3.0]]), ["body", "layers", 2, "weight", 1]),
        (_with_layer(0, bias=[1.0, 2.0, 3.0]), ["body", "layers", 0, "bias"]),
        (_with_layer(2, type="conv"), ["body", "layers", 2, "type"]),
        (
            {**body(), "layers": [{"type": "dropout", "p": 0.5, "mask": [[1, 0, 1]]}]},
            ["body", "layers", 0, "mask"],
        ),
        (
            {**body(), "layers": [{"type": "batch_norm"}], "x": [[1.0, 2.0]]},
            ["body", "layers", 0],
        ),
        (
            {**body(), "loss": {"name": "mse", "y_true": [[1.0, 2.0]]}},
            ["body", "loss", "y_true"],
        ),
        (body(x=[1.0, 2.0, 3.0]), ["body", "x"]),
        (
            body(optimizer={"name": "adam", "hyperparams": {"lr": -1.0}}),
            ["body", "optimizer", "hyperparams", "lr"],
        ),
        (
            _with_layer(1, params={"alpha": [1.0, 2.0, "x"]}, name="prelu"),
            ["body", "layers", 1, "params", "alpha", 2],
        ),
    ],
)
def test_bad_input_is_422_at_the_field(
    client: TestClient, payload: dict[str, Any], loc: list[Any]
) -> None:
    assert_problem(client.post(URL, json=payload), 422, loc)


def test_missing_layer_field_is_422_under_the_layer(client: TestClient) -> None:
    b = body()
    del b["layers"][2]["weight"]
    p = assert_problem(client.post(URL, json=b), 422)
    loc = p["errors"][0]["loc"]
    assert loc[:3] == ["body", "layers", 2] and loc[-1] == "weight"


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        (_with_layer(1, name="nope"), ["body", "layers", 1, "name"]),
        (body(loss={"name": "nope", "y_true": [[0.0]]}), ["body", "loss", "name"]),
        (body(optimizer={"name": "nope"}), ["body", "optimizer", "name"]),
    ],
)
def test_unknown_names_are_404(client: TestClient, payload: dict[str, Any], loc: list[Any]) -> None:
    p = assert_problem(client.post(URL, json=payload), 404, loc)
    assert "valid names" in p["detail"]


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("max_network_layers", 2),
        ("max_network_width", 1),
        ("max_network_batch", 3),
        ("max_network_work", 10),
    ],
)
def test_limits_are_422_naming_the_setting(setting: str, value: int) -> None:
    with make_client(**{setting: value}) as small:
        p = assert_problem(small.post(URL, json=body()), 422)
        assert f"GRADSERVE_{setting.upper()}" in p["detail"]
        info = small.get("/v1/info").json()
        assert info["limits"][setting]["value"] == value


def test_verify_network_diagnoses_a_transposed_weight_gradient(client: TestClient) -> None:
    want = _by_hand(MLP)
    req = {
        "target": {"kind": "network"},
        "x": MLP["x"],
        "layers": MLP["layers"],
        "loss": MLP["loss"],
        "grads": {
            "hidden": {"weight": want["w1"].T.tolist(), "bias": want["b1"].tolist()},
            "out": {"weight": (-want["w2"]).tolist()},
        },
        "loss_value": float(want["loss"]),
    }
    r = client.post("/v1/verify", json=req)
    assert r.status_code == 200, r.text
    out = r.json()
    assert not out["passed"]
    diag = {k: (v["passed"], v["diagnosis"]) for k, v in out["outputs"].items()}
    assert diag == {
        "grads.hidden.weight": (False, "transposed_weight_gradient"),
        "grads.hidden.bias": (True, None),
        "grads.out.weight": (False, "sign_flipped"),
        "loss": (True, None),
    }
    bad = {**req, "grads": {"hidden": {"weight": [[1.0]]}}}
    assert_problem(client.post("/v1/verify", json=bad), 422, ["body", "grads", "hidden", "weight"])
