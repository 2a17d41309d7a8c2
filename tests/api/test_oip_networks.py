"""OIP v2 model networks.gradients: the same results as POST /v1/networks/gradients, with
the layers' tensors as inputs ``layers.<i>.<field>`` and the structure as the JSON parameter
``layers``; errors name the input or parameter."""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient

from tests.api.test_oip import error, frame, infer, tensor
from tests.helpers import from_wire, make_client

MODEL = "networks.gradients"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return make_client()


def _network() -> dict[str, Any]:
    rng = np.random.default_rng(3)
    n, f, h, c = 5, 4, 6, 3
    mask = (rng.random((n, h)) > 0.3).astype(float)
    return {
        "x": rng.normal(size=(n, f)),
        "layers": [
            (
                "dense",
                {"name": "fc1"},
                {"weight": rng.normal(size=(h, f)), "bias": rng.normal(size=h)},
            ),
            ("activation", {"name": "gelu"}, {}),
            (
                "layer_norm",
                {"name": "ln", "eps": 1e-4},
                {"weight": rng.normal(size=h), "bias": rng.normal(size=h)},
            ),
            ("dropout", {"p": 0.25}, {"mask": mask}),
            ("batch_norm", {}, {"weight": rng.normal(size=h)}),
            ("activation", {"name": "leaky_relu", "params": {"negative_slope": 0.2}}, {}),
            ("dense", {"name": "out"}, {"weight": rng.normal(size=(c, h)), "bias": None}),
        ],
        "y": rng.integers(0, c, n),
        "sw": rng.random(n) + 0.5,
    }


def _v1(client: TestClient, net: dict[str, Any], reduction: str) -> dict[str, Any]:
    layers = []
    for kind, fields, tensors in net["layers"]:
        layer = {"type": kind, **fields}
        layer.update({k: None if v is None else v.tolist() for k, v in tensors.items()})
        layers.append(layer)
    body = {
        "x": net["x"].tolist(),
        "layers": layers,
        "loss": {
            "name": "sparse_categorical_crossentropy",
            "y_true": net["y"].tolist(),
            "params": {"from_logits": True, "label_smoothing": 0.1},
            "reduction": reduction,
            "sample_weight": net["sw"].tolist(),
        },
    }
    resp = client.post("/v1/networks/gradients", json=body)
    assert resp.status_code == 200, resp.text
    out: dict[str, Any] = resp.json()
    return out


def _v2_inputs(net: dict[str, Any], binary: bool) -> list[dict[str, Any]]:
    inputs = [tensor("x", net["x"], binary=binary)]
    for i, (_, _, tensors) in enumerate(net["layers"]):
        for k, v in tensors.items():
            if v is not None:
                inputs.append(tensor(f"layers.{i}.{k}", v, binary=binary))
    inputs.append(tensor("y_true", net["y"], "INT64", binary=binary))
    inputs.append(tensor("sample_weight", net["sw"], binary=binary))
    return inputs


def _v2_params(net: dict[str, Any], reduction: str) -> dict[str, Any]:
    structure = [{"type": kind, **fields} for kind, fields, _ in net["layers"]]
    return {
        "layers": orjson.dumps(structure).decode(),
        "loss": "sparse_categorical_crossentropy",
        "loss_params": '{"from_logits": true, "label_smoothing": 0.1}',
        "reduction": reduction,
    }


@pytest.mark.parametrize("binary", [False, True])
@pytest.mark.parametrize("reduction", ["mean", "none"])
def test_same_as_v1(client: TestClient, binary: bool, reduction: str) -> None:
    net = _network()
    ref = _v1(client, net, reduction)
    head, out = infer(
        client,
        MODEL,
        _v2_inputs(net, binary),
        parameters={**_v2_params(net, reduction), "binary_data_output": binary},
    )
    assert head["model_name"] == MODEL
    if reduction == "mean":
        assert out["loss"].shape == ()
        assert float(out["loss"]) == ref["loss"]
        assert head["parameters"]["loss"] == ref["loss"]
    else:
        np.testing.assert_array_equal(out["loss"], from_wire(ref["loss"]))
    np.testing.assert_array_equal(out["output"], from_wire(ref["output"]))
    np.testing.assert_array_equal(out["per_sample"], from_wire(ref["per_sample"]))
    grads = {k: v for k, v in out.items() if k.startswith("grads.")}
    expected = {
        f"grads.{layer['name']}.{k}": from_wire(v)
        for layer in ref["layers"]
        for k, v in layer["grads"].items()
    }
    assert (
        set(grads)
        == set(expected)
        == {
            "grads.fc1.weight",
            "grads.fc1.bias",
            "grads.ln.weight",
            "grads.ln.bias",
            "grads.4.weight",
            "grads.out.weight",
        }
    )
    for k, v in expected.items():
        np.testing.assert_array_equal(grads[k], v)
    assert head["parameters"]["verdict"] == ref["verdict"]
    assert head["parameters"]["work"] == ref["work"]
    for layer in ref["layers"]:
        assert head["parameters"][f"layers.{layer['name']}.verdict"] == layer["verdict"]


def test_first_bad_layer_and_outputs(client: TestClient) -> None:
    x = np.array([[1.0, np.nan], [0.5, 2.0]])
    layers = '[{"type": "dense"}, {"type": "activation", "name": "tanh"}, {"type": "dense"}]'
    head, out = infer(
        client,
        MODEL,
        [
            tensor("x", x),
            tensor("layers.0.weight", np.eye(2)),
            tensor("layers.2.weight", [[1.0, -1.0]]),
            tensor("y_true", [[0.0], [1.0]]),
        ],
        parameters={"layers": layers, "loss": "mse"},
        outputs=[{"name": "grads.0.weight"}, {"name": "loss"}],
    )
    assert list(out) == ["grads.0.weight", "loss"]
    assert head["parameters"]["verdict"] == "nonfinite"
    assert head["parameters"]["first_bad_layer"] == "2"
    assert head["parameters"]["first_bad_layer_index"] == 2


def test_metadata_ready_versions(client: TestClient) -> None:
    for path in (f"/v2/models/{MODEL}", f"/v2/models/{MODEL}/versions/1"):
        meta = client.get(path).json()
        assert meta["name"] == MODEL
        names = [i["name"] for i in meta["inputs"]]
        assert names == [
            "x",
            "layers.<i>.weight",
            "layers.<i>.bias",
            "layers.<i>.mask",
            "y_true",
            "sample_weight",
        ]
        assert [o["name"] for o in meta["outputs"]] == [
            "loss",
            "output",
            "per_sample",
            "grads.<layer>.<field>",
        ]
        assert {"layers", "loss", "loss_params", "reduction"} <= {
            p["name"] for p in meta["parameters"]
        }
    assert client.get(f"/v2/models/{MODEL}/ready").json() == {"name": MODEL, "ready": True}
    assert client.get(f"/v2/models/{MODEL}/versions/1/ready").json()["ready"] is True
    error(client.get("/v2/models/networks.nope"), 404, "networks.gradients")
    body, headers = frame(
        [
            tensor("x", [[1.0]]),
            tensor("layers.0.weight", [[2.0]]),
            tensor("y_true", [[1.0]]),
        ],
        parameters={"layers": '[{"type": "dense"}]', "loss": "mse"},
    )
    resp = client.post(f"/v2/models/{MODEL}/versions/7/infer", content=body, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.json()["model_version"] == "7"
    assert resp.json()["parameters"]["loss"] == 1.0


BAD_ACT = '[{"type": "dense"}, {"type": "activation", "name": "nope"}, {"type": "dense"}]'
DENSE2 = '[{"type": "dense"}, {"type": "activation", "name": "relu"}, {"type": "dense"}]'


def _post(client: TestClient, inputs: list[dict[str, Any]], **params: Any) -> Any:
    body, headers = frame(inputs, parameters={"layers": DENSE2, "loss": "mse", **params})
    return client.post(f"/v2/models/{MODEL}/infer", content=body, headers=headers)


def _good() -> list[dict[str, Any]]:
    return [
        tensor("x", np.ones((3, 2))),
        tensor("layers.0.weight", np.ones((4, 2))),
        tensor("layers.2.weight", np.ones((1, 4))),
        tensor("y_true", np.zeros((3, 1))),
    ]


@pytest.mark.parametrize(
    ("change", "params", "words"),
    [
        ({"layers.2.weight": np.ones((1, 5))}, {}, ["input 'layers.2.weight'"]),
        ({"layers.1.weight": np.ones((1, 4))}, {}, ["unknown input 'layers.1.weight'"]),
        ({"layers.2.weight": None}, {}, ["missing input 'layers.2.weight'"]),
        ({"y_true": np.zeros((2, 1))}, {}, ["input 'y_true'"]),
        ({"x": None}, {}, ["missing input 'x'"]),
        ({"bogus": np.ones(2)}, {}, ["unknown input 'bogus'"]),
        ({}, {"loss": "nope"}, ["parameter 'loss'", "nope"]),
        ({}, {"layers": "[{"}, ["parameter 'layers'", "JSON"]),
        ({}, {"layers": '[{"type": "conv"}]'}, ["parameter 'layers'[0].type"]),
        ({}, {"layers": '[{"type": "dense", "weight": [[1]]}]'}, ["'layers.0.weight'"]),
        (
            {},
            {"layers": BAD_ACT},
            ["parameter 'layers'[1].name"],
        ),
        ({}, {"reduction": "max"}, ["parameter 'reduction'"]),
        ({}, {"optimizer": "adam"}, ["unknown parameter 'optimizer'"]),
    ],
)
def test_bad_input_names_it(
    client: TestClient, change: dict[str, Any], params: dict[str, Any], words: list[str]
) -> None:
    inputs = {i["name"]: i for i in _good()}
    for name, value in change.items():
        if value is None:
            del inputs[name]
        else:
            inputs[name] = tensor(name, value)
    error(_post(client, list(inputs.values()), **params), 400, *words)


def test_network_limits_and_budget() -> None:
    small = make_client(max_network_layers=2)
    error(_post(small, _good()), 400, "parameter 'layers'", "GRADSERVE_MAX_NETWORK_LAYERS")
    tight = make_client(max_elements=20)
    resp = _post(tight, _good())
    assert resp.status_code in (400, 413), resp.text
    assert "GRADSERVE_MAX_ELEMENTS" in resp.json()["error"]
    # the passes' working arrays (2 · batch · width per layer) have their own limit
    resp = _post(make_client(max_work_elements=10), _good())
    assert resp.status_code == 400, resp.text
    assert "GRADSERVE_MAX_WORK_ELEMENTS" in resp.json()["error"]
