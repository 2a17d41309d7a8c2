"""Issue 14: every request's cost is bounded before it is computed.

Trajectories (lockstep runs equal separate runs, downsampling, work and size limits), the
response-size estimate (GRADSERVE_MAX_RESPONSE_BYTES) on every endpoint that charges it, and
each lowered default: just over is a 422 naming the setting, just under is a 200. The
behaviour is tested with small settings (make_client) so the suite stays fast; the defaults
themselves are asserted against docs/configuration.md's table.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.plots import MAX_DRAWN, envelope
from tests.helpers import assert_problem, b64_tensor, make_client

ROSEN = {"objective": "rosenbrock"}


def names_setting(resp: Any, setting: str, loc: list[Any] | None = None) -> dict[str, Any]:
    """A 422 problem whose first error names ``setting`` (and is at ``loc``)."""
    body = assert_problem(resp, 422, loc)
    assert f"setting {setting})" in body["errors"][0]["msg"], body
    return body


@pytest.fixture(scope="module")
def client() -> TestClient:
    return make_client()


# ---- trajectories --------------------------------------------------------------------------


def test_lockstep_runs_equal_separate_runs(client: TestClient) -> None:
    """Runs of one elementwise rule with a constant lr step together as one array; each
    run's path is the one it has alone."""
    runs = [
        {"name": "sgd", "hyperparams": {"lr": 1e-3, "momentum": 0.9}},
        {"name": "sgd", "hyperparams": {"lr": 5e-4, "momentum": 0.5}, "label": "slow"},
        {"name": "sgd", "hyperparams": {"lr": 2e-3}},
    ]
    body = {**ROSEN, "steps": 300, "max_points": None}
    together = client.post("/v1/optimizers/trajectory", json={**body, "optimizers": runs})
    assert together.status_code == 200, together.text
    for run, got in zip(runs, together.json()["runs"], strict=True):
        alone = client.post("/v1/optimizers/trajectory", json={**body, "optimizers": [run]})
        want = alone.json()["runs"][0]
        np.testing.assert_allclose(got["path"], want["path"], rtol=1e-13, atol=0)
        np.testing.assert_allclose(got["loss"], want["loss"], rtol=1e-13, atol=0)
        assert got["final"] == pytest.approx(want["final"], rel=1e-13)
        assert got["converged_at"] == want["converged_at"]


def test_every_keeps_every_kth_and_the_last(client: TestClient) -> None:
    opt = [{"name": "adam", "hyperparams": {"lr": 0.01}}]
    r = client.post(
        "/v1/optimizers/trajectory", json={**ROSEN, "steps": 10, "optimizers": opt, "every": 3}
    ).json()
    assert r["indices"] == [0, 3, 6, 9, 10]
    assert r["steps_returned"] == 5 and r["stride"] == 3
    full = client.post(
        "/v1/optimizers/trajectory",
        json={**ROSEN, "steps": 10, "optimizers": opt, "max_points": None},
    ).json()
    assert full["indices"] == list(range(11))
    path = np.asarray(full["runs"][0]["path"])
    np.testing.assert_array_equal(np.asarray(r["runs"][0]["path"]), path[r["indices"]])
    assert r["runs"][0]["final"] == full["runs"][0]["final"] == full["runs"][0]["path"][-1]


def test_max_points_thins_and_keeps_the_last(client: TestClient) -> None:
    opt = [{"name": "sgd", "hyperparams": {"lr": 1e-3}}]
    r = client.post(
        "/v1/optimizers/trajectory",
        json={**ROSEN, "steps": 1000, "optimizers": opt, "max_points": 50},
    ).json()
    idx = r["indices"]
    assert len(idx) <= 50 and idx[0] == 0 and idx[-1] == 1000
    assert idx == sorted(set(idx))
    run = r["runs"][0]
    assert len(run["path"]) == len(run["loss"]) == len(run["grad_norm"]) == len(idx)
    assert run["path"][-1] == run["final"]
    # the default answers at most 1000 points per run
    d = client.post(
        "/v1/optimizers/trajectory", json={**ROSEN, "steps": 5000, "optimizers": opt}
    ).json()
    assert d["steps_returned"] <= 1000 and d["indices"][-1] == 5000


def test_trajectory_work_limit_names_the_setting() -> None:
    # adam (step_cost 4) and rmsprop (3) step separately: 7 units per step
    c = make_client(max_trajectory_work=350)
    two = [{"name": "adam"}, {"name": "rmsprop"}]
    body = names_setting(
        c.post("/v1/optimizers/trajectory", json={**ROSEN, "steps": 51, "optimizers": two}),
        "GRADSERVE_MAX_TRAJECTORY_WORK",
        ["body", "steps"],
    )
    assert "51 steps × 7 work units per step = 357" in body["errors"][0]["msg"]
    ok = c.post("/v1/optimizers/trajectory", json={**ROSEN, "steps": 50, "optimizers": two})
    assert ok.status_code == 200, ok.text
    # clipping adds 2: lamb (6) with clipping is 8 units per step
    lamb = [{"name": "lamb", "clip": {"global_norm": 1.0}}]
    names_setting(
        c.post("/v1/optimizers/trajectory", json={**ROSEN, "steps": 44, "optimizers": lamb}),
        "GRADSERVE_MAX_TRAJECTORY_WORK",
        ["body", "steps"],
    )
    ok = c.post("/v1/optimizers/trajectory", json={**ROSEN, "steps": 43, "optimizers": lamb})
    assert ok.status_code == 200, ok.text
    # runs in lockstep count once: 16 sgd runs (step_cost 2) × 175 steps is work 350
    sgd = [{"name": "sgd", "hyperparams": {"lr": 1e-4 * (i + 1)}} for i in range(16)]
    ok = c.post("/v1/optimizers/trajectory", json={**ROSEN, "steps": 175, "optimizers": sgd})
    assert ok.status_code == 200, ok.text
    names_setting(
        c.post("/v1/optimizers/trajectory", json={**ROSEN, "steps": 176, "optimizers": sgd}),
        "GRADSERVE_MAX_TRAJECTORY_WORK",
    )


def test_trajectory_step_costs_are_in_the_catalog(client: TestClient) -> None:
    entries = {e["name"]: e for e in client.get("/v1/optimizers").json()["optimizers"]}
    costs = {name: e["step_cost"] for name, e in entries.items()}
    assert costs["sgd"] == 2 and costs["lamb"] == 6 and costs["rprop"] == 6
    assert all(2 <= cost <= 6 for cost in costs.values()), costs
    assert client.get("/v1/optimizers/adam").json()["step_cost"] == costs["adam"] == 4


def test_the_default_trajectory_limits_admit_100000_sgd_steps(client: TestClient) -> None:
    """API.md's default: 100,000 trajectory steps (an SGD run fits the default work)."""
    info = client.get("/v1/info").json()["limits"]
    assert info["max_trajectory_steps"]["value"] == 100_000
    assert info["max_trajectory_work"]["value"] == 200_000
    body = {**ROSEN, "steps": 100_000, "optimizers": [{"name": "sgd"}], "max_points": 10}
    r = client.post("/v1/optimizers/trajectory", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["runs"][0]["path"][-1] == r.json()["runs"][0]["final"]
    names_setting(
        client.post("/v1/optimizers/trajectory", json={**body, "steps": 100_001}),
        "GRADSERVE_MAX_TRAJECTORY_STEPS",
        ["body", "steps"],
    )
    adam = {**body, "steps": 50_001, "optimizers": [{"name": "adam"}]}
    names_setting(
        client.post("/v1/optimizers/trajectory", json=adam),
        "GRADSERVE_MAX_TRAJECTORY_WORK",
        ["body", "steps"],
    )


def test_trajectory_response_size_names_the_setting() -> None:
    c = make_client(max_response_bytes=64 * 1024)
    opt = [{"name": "sgd", "hyperparams": {"lr": 1e-4}}] * 4
    body = {**ROSEN, "steps": 2000, "optimizers": opt}
    names_setting(
        c.post("/v1/optimizers/trajectory", json={**body, "max_points": None}),
        "GRADSERVE_MAX_RESPONSE_BYTES",
        ["body", "max_points"],
    )
    ok = c.post("/v1/optimizers/trajectory", json={**body, "max_points": 100})
    assert ok.status_code == 200, ok.text
    # a plot is not that JSON: it draws a bounded number of points whatever it is given
    for fmt in ("svg", "png"):
        plot = c.post(f"/v1/optimizers/trajectory?format={fmt}", json={**body, "max_points": None})
        assert plot.status_code == 200, plot.text
        assert plot.headers["content-type"].startswith(f"image/{fmt}")
    every = c.post("/v1/optimizers/trajectory?format=svg", json={**body, "max_points": None})
    few = c.post("/v1/optimizers/trajectory?format=svg", json={**body, "max_points": 100})
    # 8,004 points asked against 400: the drawing is the same size within 10 %
    assert abs(len(every.content) - len(few.content)) < 0.1 * len(few.content)


# ---- the response size, charged before computing, on every endpoint ------------------------

SMALL = 1024  # the smallest GRADSERVE_MAX_RESPONSE_BYTES


@pytest.fixture(scope="module")
def small() -> TestClient:
    return make_client(max_response_bytes=SMALL)


def _over(resp: Any, loc: list[Any] | None = None) -> None:
    names_setting(resp, "GRADSERVE_MAX_RESPONSE_BYTES", loc)


def test_response_size_losses(small: TestClient) -> None:
    ok = small.post("/v1/losses/mse", json={"y_pred": [0.5] * 8, "y_true": [1.0] * 8})
    assert ok.status_code == 200, ok.text
    _over(
        small.post("/v1/losses/mse", json={"y_pred": [0.5] * 40, "y_true": [1.0] * 40}),
        ["body", "y_pred"],
    )
    # the Hessian's n² entries and hvp count too
    _over(
        small.post(
            "/v1/losses/mse",
            json={"y_pred": [0.5] * 8, "y_true": [1.0] * 8, "outputs": ["hessian"]},
        )
    )
    _over(
        small.post(
            "/v1/losses/mse",
            json={
                "y_pred": [0.5] * 24,
                "y_true": [1.0] * 24,
                "outputs": ["hvp"],
                "v": [1.0] * 24,
            },
        )
    )


def test_response_size_b64_is_cheaper(small: TestClient) -> None:
    """The same loss answered as b64 (≈ 11 bytes per float64) fits where JSON does not."""
    body = {"y_pred": b64_tensor(np.full(40, 0.5)), "y_true": [1.0] * 40}
    _over(small.post("/v1/losses/mse", json={**body, "encoding": "nested"}))
    ok = small.post("/v1/losses/mse", json={**body, "encoding": "b64"})
    assert ok.status_code == 200, ok.text


def _network(n_out: int) -> dict[str, Any]:
    w = np.full((n_out, 2), 0.1).tolist()
    return {
        "x": [[1.0, 2.0]],
        "layers": [{"type": "dense", "weight": w}],
        "loss": {"name": "mse", "y_true": [[0.0] * n_out]},
    }


def test_response_size_networks(small: TestClient) -> None:
    ok = small.post("/v1/networks/gradients", json=_network(2))
    assert ok.status_code == 200, ok.text
    _over(small.post("/v1/networks/gradients", json=_network(40)), ["body", "x"])


def test_response_size_optimizer_step(small: TestClient) -> None:
    ok = small.post("/v1/optimizers/sgd/step", json={"params": [1.0] * 30, "grads": [1.0] * 30})
    assert ok.status_code == 200, ok.text
    # adam returns two slots besides the params: 3 × 30 numbers
    _over(
        small.post("/v1/optimizers/adam/step", json={"params": [1.0] * 30, "grads": [1.0] * 30}),
        ["body", "params"],
    )


def test_response_size_verify(small: TestClient) -> None:
    body = {"target": {"kind": "activation", "name": "relu"}, "x": [1.0] * 30, "value": [0.0] * 30}
    ok = small.post("/v1/verify", json={**body, "tolerance": {"max_listed": 0}})
    assert ok.status_code == 200, ok.text
    _over(
        small.post("/v1/verify", json={**body, "tolerance": {"max_listed": 30}}),
        ["body", "tolerance"],
    )


def test_response_size_gradcheck(small: TestClient) -> None:
    target = {"kind": "activation", "name": "tanh"}
    ok = small.post("/v1/gradcheck", json={"target": target, "x": [0.5] * 10})
    assert ok.status_code == 200, ok.text
    _over(small.post("/v1/gradcheck", json={"target": target, "x": [0.5] * 30}), ["body", "x"])


def test_response_size_stats() -> None:
    c = make_client(max_response_bytes=4096)
    ok = c.post("/v1/inspect/stats", json={"tensors": {"a": [1.0], "b": [2.0]}})
    assert ok.status_code == 200, ok.text
    assert len(ok.content) < 4096
    many = {f"t{i}": [1.0] for i in range(10)}
    _over(c.post("/v1/inspect/stats", json={"tensors": many}), ["body", "tensors"])


def _oip(c: TestClient, n: int, binary: bool) -> Any:
    x = np.linspace(-1, 1, n).astype("<f4")
    head = orjson.dumps(
        {
            "inputs": [
                {
                    "name": "x",
                    "shape": [n],
                    "datatype": "FP32",
                    "parameters": {"binary_data_size": x.nbytes},
                }
            ],
            "parameters": {"binary_data_output": binary},
        }
    )
    return c.post(
        "/v2/models/activations.sigmoid/infer",
        content=head + x.tobytes(),
        headers={"Inference-Header-Content-Length": str(len(head))},
    )


def test_response_size_oip_binary_counts_raw_bytes(small: TestClient) -> None:
    """value and derivative of 100 float32: 800 raw bytes fit in 1024, as JSON they do not."""
    ok = _oip(small, 100, binary=True)
    assert ok.status_code == 200, ok.text
    over = _oip(small, 100, binary=False)
    assert over.status_code >= 400
    assert "GRADSERVE_MAX_RESPONSE_BYTES" in over.json()["error"]


# ---- the lowered defaults --------------------------------------------------------------------


def test_defaults_are_the_documented_ones() -> None:
    s = Settings()
    assert s.max_flow_work == 1_000_000_000 and s.max_flow_depth == 1000
    assert s.max_network_work == 1_500_000_000  # 20 layers of 512x512 at batch 256
    assert s.max_work_elements == 2**25
    assert s.max_gradcheck_elements == 500_000
    assert s.max_response_bytes == 64 * 1024 * 1024


def test_defaults_reject_just_over(client: TestClient) -> None:
    """At the defaults, one element or multiply-add over is refused before any compute."""
    s = Settings()
    d, w = 10, 500
    b = s.max_flow_work // (d * w * w)  # 400: exactly at the limit
    over = {"depth": d, "width": w, "batch": b + 1}
    names_setting(
        client.post("/v1/inspect/gradient-flow", json=over),
        "GRADSERVE_MAX_FLOW_WORK",
        ["body", "width"],
    )
    x = base64.b64encode(np.zeros(s.max_gradcheck_elements + 1).tobytes()).decode()
    big = {"shape": [s.max_gradcheck_elements + 1], "dtype": "float64", "b64": x}
    names_setting(
        client.post(
            "/v1/gradcheck", json={"target": {"kind": "activation", "name": "tanh"}, "x": big}
        ),
        "GRADSERVE_MAX_GRADCHECK_ELEMENTS",
        ["body", "x"],
    )


def test_flow_work_just_under_and_over() -> None:
    c = make_client(max_flow_work=4 * 8 * 8 * 2)
    ok = c.post("/v1/inspect/gradient-flow", json={"depth": 4, "width": 8, "batch": 2})
    assert ok.status_code == 200, ok.text
    names_setting(
        c.post("/v1/inspect/gradient-flow", json={"depth": 4, "width": 8, "batch": 3}),
        "GRADSERVE_MAX_FLOW_WORK",
    )
    names_setting(
        c.post("/v1/inspect/gradient-flow", json={"depth": 1001, "width": 1, "batch": 1}),
        "GRADSERVE_MAX_FLOW_DEPTH",
    )


def test_flow_charges_what_it_keeps_to_the_working_arrays() -> None:
    """depth · (2·width² + 4·batch·width) elements are kept by the passes."""
    need = 3 * (2 * 16 * 16 + 4 * 4 * 16)
    ok = make_client(max_work_elements=need).post(
        "/v1/inspect/gradient-flow", json={"depth": 3, "width": 16, "batch": 4}
    )
    assert ok.status_code == 200, ok.text
    names_setting(
        make_client(max_work_elements=need - 1).post(
            "/v1/inspect/gradient-flow", json={"depth": 3, "width": 16, "batch": 4}
        ),
        "GRADSERVE_MAX_WORK_ELEMENTS",
        ["body", "width"],
    )


def test_network_work_just_under_and_over() -> None:
    body = _network(3)  # batch 1 · in 2 · out 3 = 6 multiply-adds
    ok = make_client(max_network_work=6).post("/v1/networks/gradients", json=body)
    assert ok.status_code == 200, ok.text
    names_setting(
        make_client(max_network_work=5).post("/v1/networks/gradients", json=body),
        "GRADSERVE_MAX_NETWORK_WORK",
    )


def test_network_charges_kept_activations_before_computing() -> None:
    """A long chain of activation layers (no multiply-adds) is bounded by the elements its
    passes keep: 2 · batch · width per layer."""
    x = np.ones((100, 10)).tolist()
    layers = [{"type": "activation", "name": "tanh"}] * 50
    body = {"x": x, "layers": layers, "loss": {"name": "mse", "y_true": x}}
    names_setting(
        make_client(max_work_elements=50_000).post("/v1/networks/gradients", json=body),
        "GRADSERVE_MAX_WORK_ELEMENTS",
        ["body", "layers"],
    )
    ok = make_client(max_work_elements=200_000).post("/v1/networks/gradients", json=body)
    assert ok.status_code == 200, ok.text


def test_gradcheck_elements_just_under_and_over() -> None:
    c = make_client(max_gradcheck_elements=64)
    target = {"kind": "activation", "name": "tanh"}
    ok = c.post("/v1/gradcheck", json={"target": target, "x": [0.3] * 64})
    assert ok.status_code == 200, ok.text
    names_setting(
        c.post("/v1/gradcheck", json={"target": target, "x": [0.3] * 65}),
        "GRADSERVE_MAX_GRADCHECK_ELEMENTS",
        ["body", "x"],
    )


def test_gradcheck_directions_shrink_the_admitted_input() -> None:
    """Each projection direction evaluates the whole function twice: 64 directions admit
    8/64 of the input that the default 8 do."""
    c = make_client(max_gradcheck_elements=800)
    target = {"kind": "loss", "name": "mse"}

    def post(n: int, k: int) -> Any:
        body = {"target": target, "y_pred": [0.3] * n, "y_true": [0.0] * n, "directions": k}
        return c.post("/v1/gradcheck", json=body)

    assert post(800, 8).status_code == 200
    assert post(100, 64).status_code == 200
    names_setting(post(101, 64), "GRADSERVE_MAX_GRADCHECK_ELEMENTS", ["body", "y_pred"])


def test_gradcheck_full_loss_is_capped(client: TestClient) -> None:
    body = {"target": {"kind": "loss", "name": "mse"}, "fast_mode": False}
    r = client.post("/v1/gradcheck", json={**body, "y_pred": [0.3] * 2049, "y_true": [0.0] * 2049})
    assert_problem(r, 422, ["body", "fast_mode"])


# ---- plots draw a bounded number of points ------------------------------------------------


def test_envelope_keeps_extremes_and_ends() -> None:
    n = 100_001
    x = np.linspace(-10, 10, n)
    spike = np.zeros(n)
    spike[12_345] = 7.0  # a one-sample spike a stride would miss
    kink = np.abs(x)
    idx = envelope(n, [spike, kink])
    assert len(idx) <= MAX_DRAWN + 2
    assert idx[0] == 0 and idx[-1] == n - 1
    assert 12_345 in idx and int(np.argmin(kink)) in idx
    assert np.all(np.diff(idx) > 0)
    assert list(envelope(10, [spike[:10]])) == list(range(10))


def test_curve_plots_stay_small_at_many_points() -> None:
    c = make_client()
    svg = c.get("/v1/activations/relu/curve?num=100000&format=svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg")
    assert len(svg.content) < 150_000
    svg = c.get("/v1/losses/mse/curve?num=100000&format=svg")
    assert svg.status_code == 200 and len(svg.content) < 200_000
