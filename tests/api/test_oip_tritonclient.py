"""The real tritonclient (HTTP) against a real uvicorn server: /v2 speaks the Open Inference
Protocol with Triton's binary tensor data extension as Triton clients expect it.

Results are compared with the /v1 endpoints of the same server and with values computed
here directly (SciPy, hand-written Adam)."""

from __future__ import annotations

import base64
import gzip
import os
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest
import tritonclient.http as tc
from scipy.special import expit, softmax
from tritonclient.utils import InferenceServerException

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "GRADSERVE_PORT": str(port),
        "GRADSERVE_LOG_LEVEL": "warning",
        "GRADSERVE_COMPRESS_LEVEL": "1",  # answers compressed when asked (off by default)
    }
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed after the server stops
    proc = subprocess.Popen(
        [sys.executable, "-m", "service"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"server did not start: {log.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[tc.InferenceServerClient]:
    c = tc.InferenceServerClient(server)
    yield c
    c.close()


def v1(server: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    r = httpx.post(f"http://{server}{path}", json=body, timeout=30)
    assert r.status_code == 200, r.text
    return dict(r.json())


def b64(a: np.ndarray) -> dict[str, Any]:
    dtype = "float32" if a.dtype == np.float32 else "float64"
    return {"shape": list(a.shape), "dtype": dtype, "b64": base64.b64encode(a.tobytes()).decode()}


def unb64(t: dict[str, Any]) -> np.ndarray:
    dt = "<f4" if t["dtype"] == "float32" else "<f8"
    return np.frombuffer(base64.b64decode(t["b64"]), dt).reshape(t["shape"])


def inp(name: str, a: np.ndarray, datatype: str, binary: bool = True) -> tc.InferInput:
    i = tc.InferInput(name, list(a.shape), datatype)
    i.set_data_from_numpy(a, binary_data=binary)
    return i


def test_health_and_metadata(client: tc.InferenceServerClient) -> None:
    assert client.is_server_live() and client.is_server_ready()
    meta = client.get_server_metadata()
    assert meta["name"] == "gradserve" and "binary_tensor_data" in meta["extensions"]
    assert client.is_model_ready("activations.sigmoid")
    assert client.is_model_ready("losses.MSELoss", model_version="3")
    m = client.get_model_metadata("optimizers.adam", model_version="1")
    assert [i["name"] for i in m["inputs"]][:2] == ["params", "grads"]
    index = client.get_model_repository_index()
    names = [entry["name"] for entry in index]
    assert {"activations.sigmoid", "losses.mse", "optimizers.adam", "networks.gradients"} <= set(
        names
    )
    assert all(entry["state"] == "READY" for entry in index)
    for name in ("activations.gelu", "losses.huber", "optimizers.lion"):
        assert client.is_model_ready(name) and name in names
    assert "model_configuration" in meta["extensions"]
    cfg = client.get_model_config("losses.SparseCategoricalCrossentropy")
    assert cfg["name"] == "losses.sparse_categorical_crossentropy"
    inputs = {i["name"]: (i["data_type"], i["dims"], i["optional"]) for i in cfg["input"]}
    assert inputs["y_pred"] == ("TYPE_FP64", [-1, -1], False)
    assert inputs["y_true"] == ("TYPE_INT64", [-1], False)
    assert inputs["sample_weight"] == ("TYPE_FP64", [-1], True)
    adam = client.get_model_config("optimizers.adam", model_version="1")
    assert [o["name"] for o in adam["output"]] == [
        "params", "state.exp_avg", "state.exp_avg_sq", "state.max_exp_avg_sq"
    ]  # fmt: skip
    with pytest.raises(InferenceServerException, match="unknown model"):
        client.get_model_config("activations.nope")
    # the model repository's load and unload are not served: a clear error, not a bare 404
    for control in (client.load_model, client.unload_model):
        with pytest.raises(InferenceServerException, match="built in and always loaded"):
            control("activations.relu")


def test_inference_statistics(client: tc.InferenceServerClient) -> None:
    assert "statistics" in client.get_server_metadata()["extensions"]

    def count() -> tuple[int, int]:
        (stat,) = client.get_inference_statistics("activations.softsign")["model_stats"]
        assert stat["name"] == "activations.softsign"
        return stat["inference_count"], stat["inference_stats"]["fail"]["count"]

    ok, failed = count()
    x = np.linspace(-3, 3, 7)
    for _ in range(3):
        client.infer("activations.softsign", [inp("x", x, "FP64")])
    with pytest.raises(InferenceServerException):
        client.infer("activations.softsign", [inp("z", x, "FP64")])
    assert count() == (ok + 3, failed + 1)
    every = client.get_inference_statistics()["model_stats"]
    assert {"activations.softsign", "networks.gradients"} <= {m["name"] for m in every}
    with pytest.raises(InferenceServerException, match="unknown model"):
        client.get_inference_statistics("activations.nope")


def test_float64_binary_matches_v1(client: tc.InferenceServerClient, server: str) -> None:
    x = np.random.default_rng(0).normal(0, 5, (100, 50))
    x[0, :3] = [np.nan, np.inf, -np.inf]
    r = client.infer("activations.sigmoid", [inp("x", x, "FP64")])
    value, deriv = r.as_numpy("value"), r.as_numpy("derivative")
    assert value.dtype == np.float64 and value.shape == x.shape
    ref = v1(server, "/v1/activations/sigmoid", {"x": b64(x)})
    np.testing.assert_array_equal(value, unb64(ref["value"]))
    np.testing.assert_array_equal(deriv, unb64(ref["derivative"]))
    np.testing.assert_array_equal(value, expit(x))
    np.testing.assert_allclose(deriv, expit(x) * expit(-x), rtol=1e-15)


def test_float32_json_data_both_ways(client: tc.InferenceServerClient, server: str) -> None:
    x = np.linspace(-4, 4, 12, dtype=np.float32).reshape(3, 4)
    g = np.full((3, 4), 0.5, dtype=np.float32)
    r = client.infer(
        "activations.tanh",
        [inp("x", x, "FP32", binary=False), inp("grad_output", g, "FP32", binary=False)],
        outputs=[tc.InferRequestedOutput(n, binary_data=False) for n in ("value", "vjp")],
        model_version="1",
    )
    out = r.get_response()
    assert [o["datatype"] for o in out["outputs"]] == ["FP32", "FP32"]
    assert all("data" in o for o in out["outputs"])
    ref = v1(
        server,
        "/v1/activations/tanh",
        {"x": b64(x), "grad_output": b64(g), "dtype": "float32", "outputs": ["value", "vjp"]},
    )
    np.testing.assert_array_equal(r.as_numpy("value"), unb64(ref["value"]))
    np.testing.assert_array_equal(r.as_numpy("vjp"), unb64(ref["vjp"]))
    exact = 0.5 / np.cosh(x.astype(np.float64)) ** 2  # 1 - tanh² cancels in float32
    np.testing.assert_allclose(r.as_numpy("vjp"), exact, rtol=1e-6)


def test_loss_from_logits(client: tc.InferenceServerClient, server: str) -> None:
    rng = np.random.default_rng(1)
    z = rng.normal(0, 3, (64, 10))
    labels = rng.integers(0, 10, 64)
    r = client.infer(
        "losses.sparse_categorical_crossentropy",
        [inp("y_pred", z, "FP64"), inp("y_true", labels.astype(np.int64), "INT64")],
        parameters={"from_logits": True},
    )
    params = r.get_response()["parameters"]
    ref = v1(
        server,
        "/v1/losses/sparse_categorical_crossentropy",
        {"y_pred": b64(z), "y_true": labels.tolist(), "params": {"from_logits": True}},
    )
    assert params["loss"] == ref["loss"]
    np.testing.assert_array_equal(r.as_numpy("grad"), unb64(ref["grad"]))
    onehot = np.eye(10)[labels]
    logp = z - np.log(np.exp(z).sum(-1, keepdims=True))
    assert params["loss"] == pytest.approx(-(onehot * logp).sum() / 64, rel=1e-13)
    np.testing.assert_allclose(r.as_numpy("grad"), (softmax(z, -1) - onehot) / 64, rtol=1e-12)
    np.testing.assert_allclose(r.as_numpy("per_sample"), -(onehot * logp).sum(-1), rtol=1e-13)


def _adam_by_hand(
    p: np.ndarray, g: np.ndarray, m: np.ndarray, v: np.ndarray, t: int, lr: float, b1: float,
    b2: float, eps: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """torch.optim.Adam, single-tensor path."""
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    step_size = lr / (1 - b1**t)
    denom = np.sqrt(v) / np.sqrt(1 - b2**t) + eps
    return p - step_size * m / denom, m, v


def test_two_adam_steps_with_state_round_tripped(
    client: tc.InferenceServerClient, server: str
) -> None:
    rng = np.random.default_rng(2)
    p = {"w": rng.normal(size=(8, 4)), "b": rng.normal(size=4)}
    grads = [{k: rng.normal(size=a.shape) for k, a in p.items()} for _ in range(2)]
    lr, b1, b2, eps = 0.05, 0.9, 0.99, 1e-8
    hand_p = dict(p)
    hand_m = {k: np.zeros_like(a) for k, a in p.items()}
    hand_v = {k: np.zeros_like(a) for k, a in p.items()}
    v1_state: Any = None
    v1_params: Any = {k: b64(a) for k, a in p.items()}
    tensors = {f"params.{k}": a for k, a in p.items()}
    step = 0
    for t, g in enumerate(grads, start=1):
        ins = [inp(n, a, "FP64") for n, a in tensors.items()]
        ins += [inp(f"grads.{k}", a, "FP64") for k, a in g.items()]
        r = client.infer(
            "optimizers.adam",
            ins,
            parameters={"lr": lr, "beta1": b1, "beta2": b2, "eps": eps, "step": step},
        )
        out = r.get_response()
        assert out["parameters"]["step"] == t
        names = [o["name"] for o in out["outputs"]]
        assert names == ["params.w", "params.b", "state.exp_avg.w", "state.exp_avg.b",
                         "state.exp_avg_sq.w", "state.exp_avg_sq.b"]  # fmt: skip
        ref = v1(
            server,
            "/v1/optimizers/adam/step",
            {"params": v1_params, "grads": {k: b64(a) for k, a in g.items()},
             "state": v1_state, "hyperparams": {"lr": lr, "betas": [b1, b2], "eps": eps}},
        )  # fmt: skip
        for k in p:
            hand_p[k], hand_m[k], hand_v[k] = _adam_by_hand(
                hand_p[k], g[k], hand_m[k], hand_v[k], t, lr, b1, b2, eps
            )
            np.testing.assert_array_equal(r.as_numpy(f"params.{k}"), unb64(ref["params"][k]))
            np.testing.assert_array_equal(
                r.as_numpy(f"state.exp_avg_sq.{k}"), unb64(ref["state"]["slots"]["exp_avg_sq"][k])
            )
            np.testing.assert_allclose(r.as_numpy(f"params.{k}"), hand_p[k], rtol=1e-13)
            np.testing.assert_allclose(r.as_numpy(f"state.exp_avg.{k}"), hand_m[k], rtol=1e-13)
        # the whole result (params and state) is the next request's input
        tensors = {n: r.as_numpy(n) for n in names}
        step = out["parameters"]["step"]
        v1_params, v1_state = ref["params"], ref["state"]


def test_unknown_model_and_bad_input(client: tc.InferenceServerClient) -> None:
    x = np.zeros(3)
    with pytest.raises(InferenceServerException) as err:
        client.infer("activations.nope", [inp("x", x, "FP64")])
    assert err.value.status() == "404" and "unknown model" in err.value.message()
    with pytest.raises(InferenceServerException) as err:
        client.infer("losses.mse", [inp("y_pred", np.zeros((2, 3)), "FP64"),
                                    inp("y_true", np.zeros((2, 2)), "FP64")])  # fmt: skip
    assert err.value.status() == "400" and "input 'y_true'" in err.value.message()
    with pytest.raises(InferenceServerException) as err:
        client.infer("activations.elu", [inp("x", x, "FP64")], parameters={"alpah": 1.0})
    assert err.value.status() == "400" and "parameter 'alpah'" in err.value.message()
    assert not client.is_model_ready("optimizers.nope")


@pytest.mark.parametrize("request_coding", ["gzip", "deflate"])
@pytest.mark.parametrize("response_coding", ["gzip", "deflate"])
def test_compressed_bodies_both_ways(
    client: tc.InferenceServerClient, server: str, request_coding: str, response_coding: str
) -> None:
    """tritonclient's request_compression_algorithm / response_compression_algorithm: the
    request body compressed by the client and the answer compressed by the server (binary
    and JSON outputs) give the plain call's numbers bit for bit."""
    x = np.random.default_rng(7).normal(0, 3, (64, 32))
    g = np.random.default_rng(8).normal(size=(64, 32))
    outputs = [
        tc.InferRequestedOutput("value", binary_data=True),
        tc.InferRequestedOutput("vjp", binary_data=False),
    ]
    inputs = [inp("x", x, "FP64"), inp("grad_output", g, "FP64", binary=False)]
    plain = client.infer("activations.gelu", inputs, outputs=outputs)
    packed = client.infer(
        "activations.gelu",
        inputs,
        outputs=outputs,
        request_compression_algorithm=request_coding,
        response_compression_algorithm=response_coding,
    )
    for name in ("value", "vjp"):
        np.testing.assert_array_equal(packed.as_numpy(name), plain.as_numpy(name))
    ref = v1(
        server,
        "/v1/activations/gelu",
        {"x": b64(x), "grad_output": b64(g), "outputs": ["value", "vjp"]},
    )
    np.testing.assert_array_equal(packed.as_numpy("value"), unb64(ref["value"]))
    np.testing.assert_array_equal(packed.as_numpy("vjp"), unb64(ref["vjp"]))
    # the same call on the wire: the answer is compressed as asked
    header = {
        "inputs": [
            {"name": "x", "datatype": "FP64", "shape": [64, 32], "data": x.ravel().tolist()}
        ],
        "outputs": [{"name": "value", "parameters": {"binary_data": True}}],
    }
    with httpx.stream(
        "POST",
        f"http://{server}/v2/models/activations.gelu/infer",
        json=header,
        headers={"Accept-Encoding": response_coding},
        timeout=30,
    ) as r:
        wire = b"".join(r.iter_raw())
        assert r.status_code == 200 and r.headers["content-encoding"] == response_coding
        n = int(r.headers["inference-header-content-length"])
    body = gzip.decompress(wire) if response_coding == "gzip" else zlib.decompress(wire)
    np.testing.assert_array_equal(
        np.frombuffer(body[n:], "<f8").reshape(64, 32), unb64(ref["value"])
    )
