"""HTTP behaviour of /v2, the Open Inference Protocol (TestClient; the real tritonclient
against a real server is in test_oip_tritonclient.py).

Requests are framed here by hand (independently of service.wire.oip) and results compared
with the /v1 endpoints and with values computed directly in NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.special import expit, softmax

from tests.helpers import from_wire, make_client

HEADER = "Inference-Header-Content-Length"
DT = {"FP64": "<f8", "FP32": "<f4", "FP16": "<f2", "INT64": "<i8", "INT32": "<i4"}


def tensor(name: str, arr: Any, datatype: str = "FP64", binary: bool = False) -> dict[str, Any]:
    a = np.asarray(arr, dtype=DT[datatype])
    item: dict[str, Any] = {"name": name, "shape": list(a.shape), "datatype": datatype}
    if binary:
        item["parameters"] = {"binary_data_size": a.nbytes}
        item["_bytes"] = a.tobytes()
    else:
        item["data"] = [
            v
            if np.isfinite(v)
            else ("NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))
            for v in a.reshape(-1).tolist()
        ]
    return item


def frame(inputs: list[dict[str, Any]], **header: Any) -> tuple[bytes, dict[str, str]]:
    """Body and headers of an infer request; binary inputs' bytes follow the JSON header."""
    tail = b"".join(i.pop("_bytes", b"") for i in inputs)
    head = orjson.dumps({"inputs": inputs, **header})
    return head + tail, ({HEADER: str(len(head))} if tail else {})


def unframe(resp: Any) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The response header and its outputs as arrays (binary or JSON data)."""
    assert resp.status_code == 200, resp.text
    body = resp.content
    n = int(resp.headers.get(HEADER, len(body)))
    head = orjson.loads(body[:n])
    pos = n
    out = {}
    for o in head["outputs"]:
        dt = DT[o["datatype"]]
        size = (o.get("parameters") or {}).get("binary_data_size")
        if size is not None:
            out[o["name"]] = np.frombuffer(body[pos : pos + size], dt).reshape(o["shape"])
            pos += size
        else:
            out[o["name"]] = from_wire({"shape": o["shape"], "data": o["data"]}).astype(dt)
    assert pos == len(body)
    return head, out


def infer(
    client: TestClient, model: str, inputs: list[dict[str, Any]], **header: Any
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    body, headers = frame(inputs, **header)
    return unframe(client.post(f"/v2/models/{model}/infer", content=body, headers=headers))


def error(resp: Any, status: int, *words: str) -> str:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/json"
    body = resp.json()
    assert set(body) == {"error"}, body
    for w in words:
        assert w in body["error"], body["error"]
    return str(body["error"])


def post_raw(client: TestClient, model: str, body: bytes, headers: dict[str, str]) -> Any:
    return client.post(f"/v2/models/{model}/infer", content=body, headers=headers)


# ---- server and model metadata -----------------------------------------------------------


def test_server_metadata_health(client: TestClient) -> None:
    meta = client.get("/v2").json()
    assert meta["name"] == "gradserve" and "binary_tensor_data" in meta["extensions"]
    assert meta["version"]
    assert client.get("/v2/health/live").json() == {"live": True}
    assert client.get("/v2/health/ready").json() == {"ready": True}


def test_repository_index_lists_every_model_ready(client: TestClient) -> None:
    from service.compute.activations import ACTIVATIONS
    from service.compute.losses import LOSSES
    from service.compute.optimizers import OPTIMIZERS

    expected = [
        *(f"activations.{n}" for n in ACTIVATIONS.names()),
        *(f"losses.{n}" for n in LOSSES.names()),
        *(f"optimizers.{n}" for n in OPTIMIZERS.names()),
        "networks.gradients",
    ]
    assert len(expected) == len(set(expected)) > 70
    for kw in ({"content": b""}, {"json": {}}, {"json": {"ready": True}}):
        r = client.post("/v2/repository/index", **kw)
        assert r.status_code == 200, r.text
        index = r.json()
        assert [m["name"] for m in index] == expected
        assert all(m["version"] == "1" and m["state"] == "READY" for m in index)
    # every model listed answers its metadata and readiness
    for m in index:
        assert client.get(f"/v2/models/{m['name']}").json()["name"] == m["name"]
        assert client.get(f"/v2/models/{m['name']}/ready").json()["ready"] is True
    for wrong in ("x", 0, 1, "true", None):
        r = client.post("/v2/repository/index", json={"ready": wrong})
        if wrong is None:  # JSON null: the field left out
            assert r.status_code == 200
        else:
            error(r, 400, "body.ready")
    error(client.post("/v2/repository/index", json={"load": 1}), 400, "unknown field 'load'")
    r = client.get("/v2/repository/index")
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    for action in ("load", "unload"):
        path = f"/v2/repository/models/activations.relu/{action}"
        error(client.post(path), 404, "no such path", "built in and always loaded")


def test_server_metadata_lists_the_extensions_served(client: TestClient) -> None:
    assert client.get("/v2").json()["extensions"] == [
        "binary_tensor_data", "model_configuration", "statistics"
    ]  # fmt: skip


def test_statistics_count_each_models_inferences() -> None:
    import time

    c = make_client()  # a fresh app: nothing counted yet
    (zero,) = c.get("/v2/models/losses.mse/stats").json()["model_stats"]
    assert zero == {
        "name": "losses.mse", "version": "1", "last_inference": 0, "inference_count": 0,
        "execution_count": 0,
        "inference_stats": {k: {"count": 0, "ns": 0} for k in (
            "success", "fail", "queue", "compute_input", "compute_infer", "compute_output")},
    }  # fmt: skip
    before = time.time() * 1e3
    x = tensor("x", np.zeros(4))
    for model in ("activations.sigmoid", "activations.Logistic", "activations.SIGMOID"):
        assert c.post(f"/v2/models/{model}/infer", json={"inputs": [x]}).status_code == 200
    error(c.post("/v2/models/activations.sigmoid/infer", json={"inputs": []}), 400)
    error(c.post("/v2/models/activations.sigmoid/infer", content=b"{"), 400)
    loss = [tensor("y_pred", np.ones((2, 2))), tensor("y_true", np.zeros((2, 2)))]
    assert (
        c.post("/v2/models/losses.mse/versions/4/infer", json={"inputs": loss}).status_code == 200
    )
    error(c.post("/v2/models/activations.nope/infer", json={"inputs": [x]}), 404)
    after = time.time() * 1e3
    (sig,) = c.get("/v2/models/activations.logistic/stats").json()["model_stats"]
    assert sig["name"] == "activations.sigmoid"
    assert sig["inference_count"] == sig["execution_count"] == 3
    stats = sig["inference_stats"]
    assert stats["success"]["count"] == 3 and stats["fail"]["count"] == 2
    assert stats["fail"]["ns"] > 0
    phases = [stats[k] for k in ("queue", "compute_input", "compute_infer", "compute_output")]
    assert all(p["count"] == 3 and p["ns"] > 0 for p in phases)
    assert sum(p["ns"] for p in phases) <= stats["success"]["ns"]
    assert before <= sig["last_inference"] <= after + 1
    again = c.get("/v2/models/activations.sigmoid/versions/9/stats").json()["model_stats"]
    assert again[0]["inference_count"] == 3
    # every model of the index, in its order; the others at zero
    every = c.get("/v2/models/stats").json()["model_stats"]
    assert [m["name"] for m in every] == [m["name"] for m in c.post("/v2/repository/index").json()]
    counts = {m["name"]: m["inference_count"] for m in every}
    assert counts.pop("activations.sigmoid") == 3 and counts.pop("losses.mse") == 1
    assert set(counts.values()) == {0}
    # the same counts in /metrics
    text = c.get("/metrics").text
    assert (
        'gradserve_oip_inferences_total{model="activations.sigmoid",outcome="success"} 3.0' in text
    )
    assert 'gradserve_oip_inferences_total{model="activations.sigmoid",outcome="fail"} 2.0' in text
    assert 'model="activations.nope"' not in text
    error(c.get("/v2/models/activations.nope/stats"), 404, "unknown model")
    # "stats" is the statistics' path, never a model: the spec's model parameter says so
    # (a pattern documented, not validated: other paths answer it 404 as any unknown model)
    spec = c.get("/openapi.json").json()
    for path in ("/v2/models/{model}", "/v2/models/{model}/ready", "/v2/models/{model}/config"):
        (param,) = [q for q in spec["paths"][path]["get"]["parameters"] if q["name"] == "model"]
        assert param["schema"]["pattern"] == "^(?!stats$)"
    error(c.get("/v2/models/stats/ready"), 404, "unknown model")


def test_model_config_is_the_metadata_in_tritons_form(client: TestClient) -> None:
    cfg = client.get("/v2/models/losses.SparseCategoricalCrossentropy/config").json()
    assert cfg["name"] == "losses.sparse_categorical_crossentropy"
    assert cfg["max_batch_size"] == 0 and cfg["version_policy"] == {"latest": {"num_versions": 1}}
    assert cfg["platform"] == cfg["backend"] == "gradserve"
    y_pred, y_true, weight = cfg["input"][:3]
    assert y_pred == {
        "name": "y_pred", "data_type": "TYPE_FP64", "format": "FORMAT_NONE", "dims": [-1, -1],
        "is_shape_tensor": False, "allow_ragged_batch": False, "optional": False,
    }  # fmt: skip
    assert (y_true["name"], y_true["data_type"], y_true["dims"]) == ("y_true", "TYPE_INT64", [-1])
    assert weight["name"] == "sample_weight" and weight["optional"] is True
    assert [o["name"] for o in cfg["output"]] == ["loss", "grad", "per_sample"]
    assert cfg["output"][1] == {
        "name": "grad", "data_type": "TYPE_FP64", "dims": [-1, -1], "label_filename": "",
        "is_shape_tensor": False,
    }  # fmt: skip
    # any version answers, and the alias resolves
    again = client.get("/v2/models/losses.sparse_categorical_crossentropy/versions/3/config")
    assert again.json() == cfg
    # every model of the index has a configuration that agrees with its metadata
    for m in client.post("/v2/repository/index").json():
        meta = client.get(f"/v2/models/{m['name']}").json()
        cfg = client.get(f"/v2/models/{m['name']}/config").json()
        assert cfg["name"] == meta["name"] == m["name"]
        for key, tensors in (("input", "inputs"), ("output", "outputs")):
            assert [(t["name"], t["data_type"], t["dims"]) for t in cfg[key]] == [
                (t["name"], f"TYPE_{t['datatype']}", t["shape"]) for t in meta[tensors]
            ]
        assert [t["optional"] for t in cfg["input"]] == [t["optional"] for t in meta["inputs"]]
    error(client.get("/v2/models/activations.nope/config"), 404, "unknown model")
    error(client.get("/v2/models/activations.nope/versions/1/config"), 404, "unknown model")
    r = client.post("/v2/models/activations.relu/config")
    assert r.status_code == 405 and r.headers["allow"] == "GET"


@pytest.mark.parametrize(
    ("model", "name", "inputs", "outputs"),
    [
        ("activations.Sigmoid", "activations.sigmoid", ["x", "grad_output"],
         ["value", "derivative", "jacobian", "vjp"]),
        ("activations.PReLU", "activations.prelu", ["x", "grad_output", "alpha"],
         ["value", "derivative", "jacobian", "vjp", "alpha_grad"]),
        ("activations.softmax", "activations.softmax", ["x", "grad_output"],
         ["value", "jacobian", "vjp"]),
        ("losses.MSELoss", "losses.mse", ["y_pred", "y_true", "sample_weight"],
         ["loss", "grad", "per_sample"]),
        ("losses.sparse_categorical_crossentropy", "losses.sparse_categorical_crossentropy",
         ["y_pred", "y_true", "sample_weight", "class_weight"], ["loss", "grad", "per_sample"]),
        ("optimizers.Adam", "optimizers.adam",
         ["params", "grads", "state.exp_avg", "state.exp_avg_sq", "state.max_exp_avg_sq"],
         ["params", "state.exp_avg", "state.exp_avg_sq", "state.max_exp_avg_sq"]),
    ],
)  # fmt: skip
def test_model_metadata(
    client: TestClient, model: str, name: str, inputs: list[str], outputs: list[str]
) -> None:
    for path in (f"/v2/models/{model}", f"/v2/models/{model}/versions/7"):
        meta = client.get(path).json()
        assert meta["name"] == name
        assert [i["name"] for i in meta["inputs"]] == inputs
        assert [o["name"] for o in meta["outputs"]] == outputs
        assert all(-1 in t["shape"] and t["datatype"] for t in meta["inputs"] + meta["outputs"])
    assert client.get(f"/v2/models/{model}/ready").json() == {"name": model, "ready": True}
    assert client.get(f"/v2/models/{model}/versions/2/ready").json()["ready"] is True


def test_metadata_names_the_parameters(client: TestClient) -> None:
    names = [p["name"] for p in client.get("/v2/models/optimizers.adam").json()["parameters"]]
    assert {"step", "lr", "betas.0", "betas.1", "eps", "clip.global_norm"} <= set(names)
    sparse = client.get("/v2/models/losses.sparse_categorical_crossentropy").json()
    assert sparse["inputs"][1]["datatype"] == "INT64"


@pytest.mark.parametrize(
    "path",
    [
        "/v2/models/activations.nope",
        "/v2/models/nope/ready",
        "/v2/models/lossess.mse/versions/1",
        "/v2/models/optimizers.adamx/versions/1/ready",
    ],
)
def test_unknown_model_is_404(client: TestClient, path: str) -> None:
    error(client.get(path), 404, "unknown model")


def test_unknown_model_infer_is_404_before_reading(client: TestClient) -> None:
    body, headers = frame([tensor("x", [1.0])])
    msg = error(post_raw(client, "activations.nope", body, headers), 404, "'activations.nope'")
    assert "sigmoid" in msg  # the valid names of the family
    error(post_raw(client, "sigmoid", body, headers), 404, "activations.<name>")


def test_other_v2_errors_are_oip_form(client: TestClient) -> None:
    error(client.get("/v2/nothing/here"), 404, "no such path")
    r = client.get("/v2/models/activations.sigmoid/infer")
    error(r, 405, "POST")
    assert r.headers["allow"] == "POST"
    error(client.post("/v2/health/live"), 405)


# ---- activations -------------------------------------------------------------------------


def test_sigmoid_json_and_binary_agree_with_v1(client: TestClient) -> None:
    x = np.array([[-3.0, 0.0, 2.5], [40.0, -800.0, np.nan]])
    v1 = client.post(
        "/v1/activations/sigmoid",
        json={"x": {"shape": [2, 3], "dtype": "float64", "data": tensor("x", x)["data"]}},
    ).json()
    head, out = infer(client, "activations.sigmoid", [tensor("x", x)])
    assert head["model_name"] == "activations.sigmoid"
    assert [o["datatype"] for o in head["outputs"]] == ["FP64", "FP64"]
    np.testing.assert_array_equal(out["value"], from_wire(v1["value"]))
    np.testing.assert_array_equal(out["derivative"], from_wire(v1["derivative"]))
    np.testing.assert_array_equal(out["value"], expit(x))
    head, outb = infer(
        client,
        "activations.sigmoid",
        [tensor("x", x, binary=True)],
        parameters={"binary_data_output": True},
    )
    assert all("binary_data_size" in o["parameters"] for o in head["outputs"])
    np.testing.assert_array_equal(outb["value"], out["value"])
    np.testing.assert_array_equal(outb["derivative"], out["derivative"])


def test_binary_data_output_at_the_top_level_or_in_parameters(client: TestClient) -> None:
    """The request may set ``binary_data_output`` at its top level or, as Triton's clients
    do, in ``parameters``: the same answer, byte for byte; both given must agree."""
    x = np.array([-1.0, 0.0, 2.5])
    m = "/v2/models/activations.tanh/infer"
    answers = []
    for where in ({"binary_data_output": True}, {"parameters": {"binary_data_output": True}}):
        body, headers = frame([tensor("x", x)], **where)
        r = client.post(m, content=body, headers=headers)
        assert r.status_code == 200, r.text
        answers.append((r.content, r.headers["inference-header-content-length"]))
    assert answers[0] == answers[1]
    head, out = unframe(client.post(m, content=body, headers=headers))
    assert all(o["parameters"]["binary_data_size"] == 24 for o in head["outputs"])
    np.testing.assert_array_equal(out["value"], np.tanh(x))
    both = {"binary_data_output": True, "parameters": {"binary_data_output": True}}
    head, _ = infer(client, "activations.tanh", [tensor("x", x)], **both)
    assert all("binary_data_size" in o["parameters"] for o in head["outputs"])
    off = {"binary_data_output": False, "parameters": {"binary_data_output": False}}
    head, _ = infer(client, "activations.tanh", [tensor("x", x)], **off)
    assert all("data" in o for o in head["outputs"])
    inputs = [tensor("x", x)]
    conflict = {"inputs": inputs, "binary_data_output": False, "parameters": both["parameters"]}
    error(client.post(m, json=conflict), 400, "binary_data_output is false", "give one")
    error(
        client.post(m, json={"inputs": inputs, "binary_data_output": "yes"}),
        400,
        "binary_data_output",
    )


def test_output_selection_mixed_binary_and_order(client: TestClient) -> None:
    x = np.linspace(-2, 2, 5)
    head, out = infer(
        client,
        "activations.tanh",
        [tensor("x", x, binary=True), tensor("grad_output", np.full(5, 2.0))],
        id="abc",
        outputs=[
            {"name": "vjp", "parameters": {"binary_data": True}},
            {"name": "value"},
        ],
    )
    assert head["id"] == "abc"
    assert [o["name"] for o in head["outputs"]] == ["vjp", "value"]
    assert "data" in head["outputs"][1] and "data" not in head["outputs"][0]
    np.testing.assert_allclose(out["vjp"], 2 * (1 - np.tanh(x) ** 2), rtol=1e-15)
    # binary_data_output with a per-output override
    head, out = infer(
        client,
        "activations.tanh",
        [tensor("x", x)],
        parameters={"binary_data_output": True},
        outputs=[{"name": "value", "parameters": {"binary_data": False}}, {"name": "derivative"}],
    )
    assert "data" in head["outputs"][0] and "binary_data_size" in head["outputs"][1]["parameters"]


def test_float32_float16_and_dtype_parameter(client: TestClient) -> None:
    x = np.array([-1.5, 0.25, 3.0])
    for datatype in ("FP32", "FP16"):
        head, out = infer(client, "activations.sigmoid", [tensor("x", x, datatype, binary=True)])
        assert [o["datatype"] for o in head["outputs"]] == ["FP32", "FP32"]
        assert out["value"].dtype == np.float32
        np.testing.assert_allclose(out["value"], expit(x), rtol=1e-6)
    head, out = infer(
        client, "activations.sigmoid", [tensor("x", x, "FP32")], parameters={"dtype": "float64"}
    )
    assert head["outputs"][0]["datatype"] == "FP64"
    head, out = infer(
        client, "activations.sigmoid", [tensor("x", x, "INT64")], parameters={"dtype": "float32"}
    )
    assert head["outputs"][0]["datatype"] == "FP32"


def test_prelu_alpha_input_and_gradient_match_v1(client: TestClient) -> None:
    x = np.array([[-1.0, 2.0], [-3.0, 4.0]])
    alpha = np.array([0.1, 0.2])
    v1 = client.post(
        "/v1/activations/prelu",
        json={"x": x.tolist(), "params": {"alpha": alpha.tolist()},
              "outputs": ["value", "vjp", "param_grads"]},
    ).json()  # fmt: skip
    _, out = infer(
        client,
        "activations.prelu",
        [tensor("x", x), tensor("alpha", alpha, binary=True)],
        outputs=[{"name": "value"}, {"name": "vjp"}, {"name": "alpha_grad"}],
    )
    np.testing.assert_array_equal(out["value"], from_wire(v1["value"]))
    np.testing.assert_array_equal(out["alpha_grad"], from_wire(v1["param_grads"]["alpha"]))
    np.testing.assert_array_equal(out["alpha_grad"], [-4.0, 0.0])


def test_scalar_parameters_axis_and_jacobian(client: TestClient) -> None:
    _, out = infer(
        client,
        "activations.leaky_relu",
        [tensor("x", [-1.0, 2.0])],
        parameters={"negative_slope": 0.2},
    )
    np.testing.assert_array_equal(out["value"], [-0.2, 2.0])
    z = np.array([[1.0, 2.0], [3.0, 5.0]])
    head, out = infer(client, "activations.softmax", [tensor("x", z)], parameters={"axis": 0})
    np.testing.assert_allclose(out["value"], softmax(z, axis=0), rtol=1e-15)
    assert head["outputs"][1]["shape"] == [2, 2, 2]


# ---- losses ------------------------------------------------------------------------------


def test_loss_from_logits_against_v1_and_by_hand(client: TestClient) -> None:
    z = np.array([[1000.0, -1000.0, 0.0], [2.0, 1.0, 0.1]])
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    w = np.array([1.0, 0.5])
    v1 = client.post(
        "/v1/losses/categorical_crossentropy",
        json={"y_true": y.tolist(), "y_pred": z.tolist(), "params": {"from_logits": True},
              "sample_weight": w.tolist()},
    ).json()  # fmt: skip
    head, out = infer(
        client,
        "losses.categorical_crossentropy",
        [tensor("y_pred", z, binary=True), tensor("y_true", y), tensor("sample_weight", w)],
        parameters={"from_logits": True},
    )
    assert head["parameters"]["loss"] == v1["loss"]
    assert out["loss"].shape == () and float(out["loss"]) == v1["loss"]
    np.testing.assert_array_equal(out["grad"], from_wire(v1["grad"]))
    np.testing.assert_array_equal(out["per_sample"], from_wire(v1["per_sample"]))
    by_hand = w[:, None] * (softmax(z, axis=-1) - y) / 2
    np.testing.assert_allclose(out["grad"], by_hand, rtol=1e-12, atol=1e-300)
    assert head["parameters"]["warnings"] == ""


def test_sparse_loss_int_labels_class_weight_reduction_none(client: TestClient) -> None:
    p = np.array([[0.3, 0.5, 0.2], [0.4, 0.15, 0.45], [0.1, 0.8, 0.1]])
    labels = np.array([1, 2, -100])
    cw = np.array([1.0, 2.0, 0.5])
    v1 = client.post(
        "/v1/losses/sparse_categorical_crossentropy",
        json={"y_true": labels.tolist(), "y_pred": p.tolist(), "reduction": "none",
              "params": {"class_weight": cw.tolist()}},
    ).json()  # fmt: skip
    for datatype in ("INT64", "INT32"):
        head, out = infer(
            client,
            "losses.sparse_categorical_crossentropy",
            [tensor("y_pred", p), tensor("y_true", labels, datatype, binary=True),
             tensor("class_weight", cw)],
            parameters={"reduction": "none"},
        )  # fmt: skip
        assert "loss" not in head["parameters"]
        np.testing.assert_array_equal(out["loss"], from_wire(v1["loss"]))
        np.testing.assert_array_equal(out["grad"], from_wire(v1["grad"]))


def test_loss_warnings_come_back_as_a_parameter(client: TestClient) -> None:
    head, _ = infer(
        client,
        "losses.categorical_crossentropy",
        [tensor("y_pred", [[0.3, 0.3, 0.2]]), tensor("y_true", [[0.0, 1.0, 0.0]])],
        outputs=[{"name": "grad"}],
    )
    assert "sum to 1" in head["parameters"]["warnings"]
    assert [o["name"] for o in head["outputs"]] == ["grad"]


def test_loss_alias_implies_parameters(client: TestClient) -> None:
    _, a = infer(
        client,
        "losses.BCEWithLogitsLoss",
        [tensor("y_pred", [[2.5], [-1.0]]), tensor("y_true", [[1.0], [0.0]])],
    )
    _, b = infer(
        client,
        "losses.binary_crossentropy",
        [tensor("y_pred", [[2.5], [-1.0]]), tensor("y_true", [[1.0], [0.0]])],
        parameters={"from_logits": True},
    )
    np.testing.assert_array_equal(a["grad"], b["grad"])


# ---- optimizers --------------------------------------------------------------------------


def test_adam_two_steps_named_tree_match_v1(client: TestClient) -> None:
    p = {"w": np.array([[0.5, -1.0], [1.5, 2.0]]), "b": np.array([0.1, -0.2])}
    g = {"w": np.array([[0.2, -0.1], [0.05, 0.3]]), "b": np.array([1.0, -0.5])}
    hp = {"lr": 0.01, "betas": [0.8, 0.99]}
    state: Any = None
    v1_params = {k: v.tolist() for k, v in p.items()}
    inputs = [tensor(f"params.{k}", v, binary=True) for k, v in p.items()]
    step = 0
    for _ in range(2):
        v1 = client.post(
            "/v1/optimizers/adam/step",
            json={"params": v1_params, "grads": {k: v.tolist() for k, v in g.items()},
                  "state": state, "hyperparams": hp},
        ).json()  # fmt: skip
        # grads listed in another order than params: order does not matter
        ins = inputs + [tensor(f"grads.{k}", g[k]) for k in ("b", "w")]
        head, out = infer(
            client,
            "optimizers.adam",
            ins,
            # betas by index the first time, by Keras/optax component names the second
            parameters={"lr": 0.01, "step": step}
            | ({"betas.0": 0.8, "betas.1": 0.99} if step == 0 else {"beta1": 0.8, "beta2": 0.99}),
            outputs=None,
        )
        assert head["parameters"]["step"] == step + 1 == v1["stats"]["step"]
        assert head["parameters"]["grad_norm"] == v1["stats"]["grad_norm"]
        for k in p:
            np.testing.assert_array_equal(out[f"params.{k}"], from_wire(v1["params"][k]))
            for slot in ("exp_avg", "exp_avg_sq"):
                np.testing.assert_array_equal(
                    out[f"state.{slot}.{k}"], from_wire(v1["state"]["slots"][slot][k])
                )
        # round-trip: the outputs become the next request's inputs
        inputs = [tensor(n, a, binary=True) for n, a in out.items()]
        state, v1_params, step = v1["state"], v1["params"], head["parameters"]["step"]


def test_single_tensor_float32_and_clip(client: TestClient) -> None:
    p = np.array([1.0, -2.0, 3.0], dtype=np.float32)
    g = np.array([10.0, 0.0, -20.0], dtype=np.float32)
    head, out = infer(
        client,
        "optimizers.sgd",
        [tensor("params", p, "FP32", binary=True), tensor("grads", g, "FP32", binary=True)],
        parameters={"lr": 0.1, "clip.global_norm": 1.0, "regularization.l2": 0.0},
    )
    assert head["outputs"][0] == {
        "name": "params",
        "datatype": "FP32",
        "shape": [3],
        "data": head["outputs"][0]["data"],
    }
    assert head["parameters"]["clipped"] is True
    scale = 1.0 / (np.sqrt(500.0) + 1e-6)
    np.testing.assert_allclose(out["params"], p - 0.1 * g * scale, rtol=1e-6)


# ---- errors: framing -----------------------------------------------------------------------


@pytest.fixture()
def xbody() -> tuple[bytes, bytes]:
    head = orjson.dumps(
        {"inputs": [{"name": "x", "shape": [2], "datatype": "FP64",
                     "parameters": {"binary_data_size": 16}}]}
    )  # fmt: skip
    return head, np.array([1.0, 2.0]).tobytes()


def test_header_length_errors(client: TestClient, xbody: tuple[bytes, bytes]) -> None:
    head, data = xbody
    m = "activations.sigmoid"
    error(post_raw(client, m, head + data, {HEADER: "abc"}), 400, HEADER, "integer")
    error(post_raw(client, m, head + data, {HEADER: "9999"}), 400, HEADER, "longer than the body")
    error(post_raw(client, m, head + data, {HEADER: str(len(head) - 3)}), 400, "JSON", HEADER)
    # the binary data counted as header
    error(post_raw(client, m, head + data, {HEADER: str(len(head) + 8)}), 400, "JSON", HEADER)
    # a header length that leaves bytes no input declares
    two = head + data + data
    error(post_raw(client, m, two, {HEADER: str(len(head))}), 400, "32 bytes", "add up to 16")
    # no header length: the binary tail breaks the JSON
    error(post_raw(client, m, head + data, {}), 400, HEADER)


def test_binary_size_errors(client: TestClient, xbody: tuple[bytes, bytes]) -> None:
    head, data = xbody
    m = "activations.sigmoid"
    h = {HEADER: str(len(head))}
    error(post_raw(client, m, head + data + b"\0" * 8, h), 400, "24 bytes after", "add up to 16")
    error(post_raw(client, m, head + data[:8], h), 400, "input 'x'", "only 8 remain")
    bad = head.replace(b'"binary_data_size":16', b'"binary_data_size":12')
    error(
        post_raw(client, m, bad + data, {HEADER: str(len(bad))}),
        400,
        "input 'x'",
        "expected binary_data_size 16",
    )
    bad = head.replace(b'"binary_data_size":16', b'"binary_data_size":"16"')
    error(post_raw(client, m, bad + data, {HEADER: str(len(bad))}), 400, "input 'x'")


@pytest.mark.parametrize(
    ("item", "words"),
    [
        ({"name": "x", "shape": [2], "datatype": "BYTES", "data": [1, 2]}, ["input 'x'", "FP64"]),
        (
            {"name": "x", "shape": [3], "datatype": "FP64", "data": [1, 2]},
            ["input 'x'", "3 values"],
        ),
        (
            {"name": "x", "shape": [-1], "datatype": "FP64", "data": [1]},
            ["input 'x'", "non-negative"],
        ),
        ({"name": "x", "shape": [2], "datatype": "FP64"}, ["input 'x'", "expected data"]),
        ({"name": "x", "shape": [2], "datatype": "FP64", "data": [1, "one"]}, ["input 'x'"]),
        (
            {"name": "x", "shape": [2], "datatype": "INT64", "data": [1, 0.5]},
            ["input 'x'", "integers"],
        ),
        ({"name": "x", "shape": [2.0], "datatype": "FP64", "data": [1, 2]}, ["input 'x'", "shape"]),
        (
            {"name": "x", "shape": [2], "datatype": "FP64", "data": [1, 2], "extra": 1},
            ["input 'x'", "unknown field 'extra'"],
        ),
        (
            {
                "name": "x",
                "shape": [2],
                "datatype": "FP64",
                "data": [1, 2],
                "parameters": {"shared_memory_region": "r"},
            },
            ["input 'x'", "shared memory"],
        ),
        ({"shape": [2], "datatype": "FP64", "data": [1, 2]}, ["input #0", "'name' is required"]),
    ],
)
def test_bad_inputs(client: TestClient, item: dict[str, Any], words: list[str]) -> None:
    r = client.post("/v2/models/activations.sigmoid/infer", json={"inputs": [item]})
    error(r, 400, *words)


def test_bad_requests(client: TestClient) -> None:
    m = "/v2/models/activations.sigmoid/infer"
    x = tensor("x", [1.0, 2.0])
    error(client.post(m, json={"inputs": [x, x]}), 400, "input 'x' is given twice")
    error(client.post(m, json={"inputs": []}), 400, "missing input 'x'")
    error(client.post(m, json=[x]), 400, "JSON object")
    error(client.post(m, json={"inputs": [x], "extra": 1}), 400, "unknown field 'extra'")
    error(client.post(m, json={"inputs": [x, tensor("z", [1.0])]}), 400, "unknown input 'z'")
    error(
        client.post(m, json={"inputs": [x], "outputs": [{"name": "jacobianx"}]}),
        400,
        "unknown output 'jacobianx'",
        "value, derivative",
    )
    error(
        client.post(m, json={"inputs": [x], "outputs": [{"name": "value"}, {"name": "value"}]}),
        400,
        "twice",
    )
    error(
        client.post(
            m,
            json={
                "inputs": [x],
                "outputs": [{"name": "value", "parameters": {"classification": 2}}],
            },
        ),
        400,
        "output 'value'",
        "classification",
    )
    error(
        client.post(m, json={"inputs": [x], "parameters": {"foo": 1}}),
        400,
        "parameter 'foo'",
        "unknown",
    )
    error(
        client.post(m, json={"inputs": [x], "parameters": {"axis": "0"}}), 400, "parameter 'axis'"
    )
    error(
        client.post(m, json={"inputs": [x], "parameters": {"dtype": "int8"}}),
        400,
        "parameter 'dtype'",
    )
    error(client.post(m, json={"inputs": [x], "parameters": {"sequence_id": 3}}), 400, "sequence")
    error(client.post(m, json={"inputs": [x], "parameters": {"p": [1, 2]}}), 400, "parameter 'p'")
    error(
        client.post(m, json={"inputs": [x], "parameters": {"binary_data_output": 1}}),
        400,
        "binary_data_output",
    )
    r = client.post(m, content=orjson.dumps({"inputs": [x]}), headers={"Content-Encoding": "gzip"})
    error(r, 400, "Content-Encoding gzip: the body is not gzip data")
    r = client.post(m, content=orjson.dumps({"inputs": [x]}), headers={"Content-Encoding": "br"})
    error(r, 415, "Content-Encoding 'br' is not supported; send gzip, deflate or identity")
    assert r.headers["accept-encoding"] == "gzip, deflate"
    # ignored Triton parameters
    assert (
        client.post(
            m, json={"inputs": [x], "parameters": {"priority": 1, "timeout": 9}}
        ).status_code
        == 200
    )


def test_compute_errors_name_the_input_or_parameter(client: TestClient) -> None:
    x = tensor("x", [1.0, 2.0])
    m = "/v2/models/activations.{}/infer"
    r = client.post(m.format("tanh"), json={"inputs": [x, tensor("grad_output", [1.0, 2.0, 3.0])],
                                            "outputs": [{"name": "vjp"}]})  # fmt: skip
    error(r, 400, "input 'grad_output'", "shape")
    r = client.post(m.format("elu"), json={"inputs": [x], "parameters": {"alpha": "big"}})
    error(r, 400, "parameter 'alpha'", "number")
    r = client.post(m.format("prelu"), json={"inputs": [x, tensor("alpha", [0.1, 0.2, 0.3])]})
    error(r, 400, "input 'alpha'")
    r = client.post(m.format("prelu"), json={"inputs": [x, tensor("alpha", [0.1])],
                                             "parameters": {"alpha": 0.1}})  # fmt: skip
    error(r, 400, "'alpha'", "both")
    r = client.post(m.format("softmax"), json={"inputs": [x], "outputs": [{"name": "derivative"}]})
    error(r, 400, "unknown output 'derivative'")
    r = client.post(
        "/v2/models/losses.mse/infer",
        json={"inputs": [tensor("y_pred", [[1.0, 2.0]]), tensor("y_true", [[1.0]])]},
    )
    error(r, 400, "input 'y_true'", "shape")
    r = client.post(
        "/v2/models/losses.mse/infer",
        json={"inputs": [tensor("y_pred", [[1.0, 2.0]]), tensor("y_true", [[1.0, 0.0]])],
              "parameters": {"reduction": "avg"}},
    )  # fmt: skip
    error(r, 400, "parameter 'reduction'", "mean")
    r = client.post(
        "/v2/models/losses.sparse_categorical_crossentropy/infer",
        json={"inputs": [tensor("y_pred", [[0.5, 0.5]]), tensor("y_true", [2], "INT64")]},
    )
    error(r, 400, "input 'y_true'")


def test_optimizer_errors(client: TestClient) -> None:
    m = "/v2/models/optimizers.adam/infer"
    p, g = tensor("params", [1.0, 2.0]), tensor("grads", [0.1, 0.2])
    error(client.post(m, json={"inputs": [g]}), 400, "missing input 'params'")
    error(client.post(m, json={"inputs": [p]}), 400, "missing input 'grads'")
    error(client.post(m, json={"inputs": [p, g, tensor("w", [1.0])]}), 400, "unknown input 'w'")
    r = client.post(m, json={"inputs": [p, tensor("params.w", [1.0]), g]})
    error(r, 400, "'params'", "'params.w'")
    r = client.post(m, json={"inputs": [p, tensor("grads", [0.1, 0.2, 0.3])]})
    error(r, 400, "input 'grads'", "shape")
    r = client.post(m, json={"inputs": [p, g, tensor("state.exp_avg", [0.0, 0.0])]})
    error(r, 400, "parameter 'step'")
    r = client.post(m, json={"inputs": [p, g, tensor("state.exp_avg", [0.0, 0.0])],
                             "parameters": {"step": 3}})  # fmt: skip
    error(r, 400, "input 'state.exp_avg_sq'", "missing")
    r = client.post(m, json={"inputs": [p, g], "parameters": {"step": -1}})
    error(r, 400, "parameter 'step'")
    r = client.post(m, json={"inputs": [p, g], "parameters": {"lr": -1.0}})
    error(r, 400, "parameter 'lr'")
    r = client.post(m, json={"inputs": [p, g], "parameters": {"beta_1": 1.5}})
    error(r, 400, "parameter 'beta_1'")
    r = client.post(m, json={"inputs": [p, g], "parameters": {"clip.norm": -1.0}})
    error(r, 400, "parameter 'clip")
    r = client.post(m, json={"inputs": [p, g], "parameters": {"clip": 1.0}})
    error(r, 400, "parameter 'clip'")
    r = client.post(m, json={"inputs": [p, g], "parameters": {"momentum": 0.9}})
    error(r, 400, "parameter 'momentum'", "unknown", "step")
    r = client.post(m, json={"inputs": [p, g], "outputs": [{"name": "state.momentum_buffer"}]})
    error(r, 400, "unknown output", "state.exp_avg")


def test_limits_still_apply() -> None:
    small = make_client(max_elements=10, max_ndim=2, max_body_bytes=2000)
    m = "/v2/models/activations.sigmoid/infer"
    error(
        small.post(m, json={"inputs": [tensor("x", np.zeros(11))]}), 400, "GRADSERVE_MAX_ELEMENTS"
    )
    body, headers = frame([tensor("x", np.zeros(11), binary=True)])
    error(
        post_raw(small, "activations.sigmoid", body, headers),
        400,
        "input 'x'",
        "GRADSERVE_MAX_ELEMENTS",
    )
    # outputs count: 6 in, value + derivative + jacobian out would be 6 + 6 + 36
    r = small.post(
        m, json={"inputs": [tensor("x", np.zeros(6))], "outputs": [{"name": "jacobian"}]}
    )
    error(r, 400, "GRADSERVE_MAX_ELEMENTS")
    error(
        small.post(m, json={"inputs": [tensor("x", np.zeros((1, 1, 1)))]}),
        400,
        "GRADSERVE_MAX_NDIM",
    )
    body, headers = frame([tensor("x", np.zeros(300), binary=True)])
    error(post_raw(small, "activations.sigmoid", body, headers), 413, "GRADSERVE_MAX_BODY_BYTES")
    assert small.post(m, json={"inputs": [tensor("x", np.zeros(5))]}).status_code == 200


def test_openapi_documents_v2(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ops = {
        op["operationId"]: (path, op)
        for path, item in spec["paths"].items()
        if path.startswith("/v2")
        for op in item.values()
    }
    assert set(ops) == {
        "oipServerMetadata", "oipServerLive", "oipServerReady", "oipModelMetadata",
        "oipModelVersionMetadata", "oipModelReady", "oipModelVersionReady", "oipInfer",
        "oipInferVersion", "oipRepositoryIndex", "oipModelConfig", "oipModelVersionConfig",
        "oipStatistics", "oipModelStatistics", "oipModelVersionStatistics",
    }  # fmt: skip
    for op_id in ("oipModelConfig", "oipModelVersionConfig"):
        ok = ops[op_id][1]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": "#/components/schemas/OipModelConfig"}
    _, index_op = ops["oipRepositoryIndex"]
    listed = index_op["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed == {"$ref": "#/components/schemas/OipRepositoryIndex"}
    index_schema = spec["components"]["schemas"]["OipRepositoryIndex"]
    assert index_schema["type"] == "array"
    assert index_schema["items"] == {"$ref": "#/components/schemas/OipRepositoryModel"}
    _, infer_op = ops["oipInfer"]
    body = infer_op["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/OipInferRequest"}
    assert "application/octet-stream" in body
    ok = infer_op["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/OipInferResponse"}
    for _, op in ops.values():
        for code, resp in op["responses"].items():
            if code.startswith("4"):
                assert resp["content"] == {
                    "application/json": {"schema": {"$ref": "#/components/schemas/OipError"}}
                }, (code, resp)
    # every body example runs as-is against the path's example model
    model = infer_op["parameters"][0]["examples"]
    name = next(iter(model.values()))["value"]
    for example in body["application/json"]["examples"].values():
        r = client.post(f"/v2/models/{name}/infer", json=example["value"])
        assert r.status_code == 200, r.text


_names = st.sampled_from(["x", "grad_output", "alpha", "y_pred", "y_true", "params", "grads",
                          "params.w", "grads.w", "state.exp_avg", "z"])  # fmt: skip
_inputs = st.fixed_dictionaries(
    {"name": _names, "shape": st.lists(st.integers(-1, 3), max_size=3),
     "datatype": st.sampled_from(["FP64", "FP32", "FP16", "INT64", "INT32", "BOOL", 3])},
    optional={"data": st.lists(st.one_of(st.floats(allow_nan=False), st.integers(-5, 5),
                                         st.sampled_from(["NaN", "x"]), st.none()), max_size=8),
              "parameters": st.dictionaries(st.sampled_from(["binary_data_size", "x"]),
                                            st.integers(-1, 64), max_size=2)},
)  # fmt: skip
_params = st.dictionaries(
    st.sampled_from(["axis", "dtype", "lr", "step", "reduction", "from_logits", "clip.norm",
                     "binary_data_output", "betas.0", "alpha"]),
    st.one_of(st.integers(-2, 3), st.floats(allow_nan=False), st.booleans(), st.text(max_size=3)),
    max_size=3,
)  # fmt: skip


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    model=st.sampled_from(["activations.prelu", "activations.softmax", "losses.mse",
                           "losses.sparse_categorical_crossentropy", "optimizers.adam"]),
    inputs=st.lists(_inputs, max_size=3),
    params=_params,
    tail=st.binary(max_size=48),
)  # fmt: skip
def test_no_input_gives_a_5xx(
    client: TestClient, model: str, inputs: list[Any], params: dict[str, Any], tail: bytes
) -> None:
    head = orjson.dumps({"inputs": inputs, "parameters": params})
    headers = {HEADER: str(len(head))} if tail else {}
    r = post_raw(client, model, head + tail, headers)
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert set(r.json()) == {"error"}


def test_json_data_takes_the_declared_datatype(client: TestClient) -> None:
    """JSON numbers round as the client's own cast would; integers must fit."""
    x = {"name": "x", "shape": [3], "datatype": "FP16", "data": [0.1, 65520.0, -1e300]}
    head, out = infer(client, "activations.linear", [x])
    assert head["outputs"][0]["datatype"] == "FP32"
    assert out["value"].tolist() == [np.float32(np.float16(0.1)), np.inf, -np.inf]
    m = "/v2/models/losses.sparse_categorical_crossentropy/infer"
    p = tensor("y_pred", [[0.5, 0.5]])
    for datatype, label in (("INT32", 2.0**31), ("INT64", 1e30), ("INT64", 0.5)):
        y = {"name": "y_true", "shape": [1], "datatype": datatype, "data": [label]}
        error(client.post(m, json={"inputs": [p, y]}), 400, "input 'y_true'", "integers in")
