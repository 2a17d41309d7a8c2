"""HTTP behaviour of the optimizer endpoints (the math itself: tests/compute)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.compute import optimizers as optim
from service.compute.optimizers import core
from service.schemas.optimizers import STEP_EXAMPLES, TRAJECTORY_EXAMPLES
from tests.helpers import assert_problem, b64_tensor, from_wire, make_client

GOLDEN = json.loads((Path(__file__).parents[1] / "fixtures" / "optimizers_golden.json").read_text())
CONTRACT = {
    "sgd",
    "adam",
    "adamw",
    "adamax",
    "nadam",
    "radam",
    "adagrad",
    "adadelta",
    "rmsprop",
    "rprop",
    "asgd",
    "adafactor",
    "lion",
    "lamb",
}


def post(client: TestClient, name: str, body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(f"/v1/optimizers/{name}/step", json=body)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    return r.json()


def _dec(x: Any) -> Any:
    return from_wire(x)


# ---- catalog ---------------------------------------------------------------------------


def test_catalog(client: TestClient) -> None:
    body = client.get("/v1/optimizers").json()
    names = {e["name"] for e in body["optimizers"]}
    assert names >= CONTRACT  # the contract's fourteen; a new entry needs no edit here
    adam = next(e for e in body["optimizers"] if e["name"] == "adam")
    hp = {h["name"]: h for h in adam["hyperparams"]}
    assert hp["betas"]["default"] == [0.9, 0.999]
    assert "learning_rate" in hp["lr"]["aliases"]
    assert any(a.startswith("beta_1") for a in hp["betas"]["aliases"])
    assert hp["eps"]["range"] == "(0, inf)"
    assert adam["state_slots"] == ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"]
    assert "\\frac" in adam["update_rule"]
    assert {"keras", "optax"} <= set(adam["differences"])
    assert {s["name"] for s in body["schedules"]} >= {
        "constant",
        "step",
        "exponential",
        "cosine",
        "warmup_cosine",
    }
    assert set(body["clipping"]) == {"value", "norm", "global_norm"}
    assert {o["name"] for o in body["objectives"]} >= {
        "rosenbrock",
        "beale",
        "himmelblau",
        "saddle",
        "quadratic",
        "rastrigin",
    }


def test_catalog_entry_and_404(client: TestClient) -> None:
    assert client.get("/v1/optimizers/AdamW").json()["name"] == "adamw"
    body = assert_problem(client.get("/v1/optimizers/adamm"), 404, ["path", "name"])
    assert "lamb" in body["detail"] and "sgd" in body["detail"]
    assert_problem(
        client.post("/v1/optimizers/adamm/step", json={"params": 1, "grads": 1}),
        404,
        ["path", "name"],
    )


# ---- step: golden trajectories over HTTP, state round-tripped as JSON ------------------------

GOLDEN_CASES = [
    c
    for c in GOLDEN["configs"]
    if "torch_default_dtype" not in c
    and "dtype" not in c
    and c["optimizer"] in ("adam", "nadam", "rprop", "adafactor", "lamb")
][:8]


@pytest.mark.parametrize(
    "cfg", GOLDEN_CASES, ids=lambda c: f"{c['optimizer']}-{json.dumps(c['hyperparams'])}"
)
def test_http_trajectory_matches_golden(client: TestClient, cfg: dict[str, Any]) -> None:
    params: Any = GOLDEN["params"]
    state = None
    for t, g in enumerate(GOLDEN["grads"]):
        body = {"params": params, "grads": g, "state": state, "hyperparams": cfg["hyperparams"]}
        for key in ("clip", "schedule"):
            if key in cfg:
                body[key] = cfg[key]
        out = post(client, cfg["optimizer"], body)
        for k, ref in cfg["path"][t].items():
            np.testing.assert_allclose(_dec(out["params"][k]), _dec(ref), rtol=1e-10, atol=0)
        params, state = out["params"], out["state"]
    assert state is not None and state["step"] == len(GOLDEN["grads"])


# ---- forms and dtypes ------------------------------------------------------------------


def test_forms_mirror_params(client: TestClient) -> None:
    out = post(client, "sgd", {"params": 3.0, "grads": 6.0, "hyperparams": {"lr": 0.1}})
    assert out["params"] == pytest.approx(2.4)
    flat = {"shape": [2], "dtype": "float64", "data": [1.0, 2.0]}
    out = post(
        client,
        "sgd",
        {"params": flat, "grads": [1.0, 1.0], "hyperparams": {"lr": 0.5, "momentum": 0.9}},
    )
    assert out["params"] == {"shape": [2], "dtype": "float64", "data": [0.5, 1.5]}
    assert out["state"]["slots"]["momentum_buffer"]["data"] == [1.0, 1.0]
    out = post(client, "adam", {"params": [1.0], "grads": [1.0], "encoding": "b64"})
    assert "b64" in out["params"] and "b64" in out["state"]["slots"]["exp_avg"]


def test_float16_in_float16_out(client: TestClient) -> None:
    p = np.array([1.0, -2.0, 3.0], dtype=np.float16)
    g = np.array([0.5, 0.25, -1.0], dtype=np.float16)
    body = {
        "params": b64_tensor(p, "float16"),
        "grads": b64_tensor(g, "float16"),
        "hyperparams": {"lr": 0.1, "momentum": 0.9},
    }
    out = post(client, "sgd", body)
    assert out["params"]["dtype"] == "float16"
    assert out["state"]["slots"]["momentum_buffer"]["dtype"] == "float16"
    want = p.astype(np.float64) - 0.1 * g.astype(np.float64)  # computed in float64
    np.testing.assert_array_equal(from_wire(out["params"]), want.astype(np.float16))
    out2 = post(client, "sgd", {**body, "params": out["params"], "state": out["state"]})
    assert out2["state"]["step"] == 2 and out2["params"]["dtype"] == "float16"


def test_float32_in_float32_out(client: TestClient) -> None:
    p = np.array([1.0, -2.0, 3.0], dtype=np.float32)
    g = np.array([0.5, 0.25, -1.0], dtype=np.float32)
    out = post(
        client,
        "adam",
        {
            "params": b64_tensor(p, "float32"),
            "grads": b64_tensor(g, "float32"),
            "hyperparams": {"lr": 0.1},
        },
    )
    assert out["params"]["dtype"] == "float32"
    assert out["state"]["slots"]["exp_avg_sq"]["dtype"] == "float32"
    res = from_wire(out["params"])
    assert res.dtype == np.float32
    np.testing.assert_allclose(res, p - 0.1 * np.sign(g), rtol=1e-6)
    # the state comes back in the same form and continues
    out2 = post(
        client,
        "adam",
        {
            "params": out["params"],
            "grads": b64_tensor(g, "float32"),
            "state": out["state"],
            "hyperparams": {"lr": 0.1},
        },
    )
    assert out2["state"]["step"] == 2
    # dtype float32 on nested input: float32 numbers out
    out3 = post(
        client,
        "sgd",
        {"params": [0.1], "grads": [1.0], "dtype": "float32", "hyperparams": {"lr": 0.1}},
    )
    assert out3["params"][0] == float(np.float32(0.1) - np.float32(0.1) * np.float32(1.0))


def test_nested_mapping_and_stats(client: TestClient) -> None:
    body = {
        "params": {"enc": {"w": [[1.0, 2.0]], "b": [0.0]}, "head": [3.0]},
        "grads": {"enc": {"w": [[3.0, 0.0]], "b": [4.0]}, "head": [0.0]},
        "hyperparams": {"lr": 1.0},
        "clip": {"global_norm": 1.0},
    }
    out = post(client, "sgd", body)
    assert set(out["params"]) == {"enc", "head"} and set(out["params"]["enc"]) == {"w", "b"}
    assert out["stats"]["grad_norm"] == pytest.approx(5.0)
    assert out["stats"]["clipped"] is True
    assert out["stats"]["update_norm"] == pytest.approx(5.0 / (5.0 + 1e-6))
    assert out["stats"]["lr"] == 1.0


def test_nonfinite_gradients_are_valid(client: TestClient) -> None:
    out = post(client, "adam", {"params": [1.0, 2.0], "grads": ["NaN", 1.0]})
    assert out["params"][0] == "NaN"
    assert out["stats"]["grad_norm"] == "NaN"


def test_keras_aliases_and_convention(client: TestClient) -> None:
    a = post(
        client,
        "adam",
        {"params": [1.0], "grads": [2.0], "hyperparams": {"learning_rate": 0.1, "beta_1": 0.5}},
    )
    b = post(
        client,
        "adam",
        {"params": [1.0], "grads": [2.0], "hyperparams": {"lr": 0.1, "betas": [0.5, 0.999]}},
    )
    assert a == b
    # Keras's Adam: Keras spelling and defaults (epsilon 1e-7), ε not bias-corrected, slot
    # names momentum/velocity; the first step is −lr·√(1−β₂)/(1−β₁)·m/(√v + ε) by hand
    k = post(
        client,
        "adam",
        {
            "params": [1.0],
            "grads": [2.0],
            "hyperparams": {"learning_rate": 0.1},
            "convention": "keras",
        },
    )
    m, v = 0.1 * 2.0, 0.001 * 4.0
    alpha = 0.1 * (1 - 0.999) ** 0.5 / (1 - 0.9)
    assert k["params"][0] == pytest.approx(1.0 - alpha * m / (v**0.5 + 1e-7), rel=1e-14)
    assert set(k["state"]["slots"]) == {"momentum", "velocity"}
    # the state goes back and forth as with torch's
    k2 = post(
        client,
        "adam",
        {"params": k["params"], "grads": [2.0], "state": k["state"], "convention": "keras"},
    )
    assert k2["state"]["step"] == 2
    # Keras 3 has no Rprop: a 422 naming the convention
    err = assert_problem(
        client.post(
            "/v1/optimizers/rprop/step",
            json={"params": [1.0], "grads": [2.0], "convention": "keras"},
        ),
        422,
        ["body", "convention"],
    )
    assert "keras" in json.dumps(err).lower()


def test_catalog_lists_keras_changes(client: TestClient) -> None:
    body = client.get("/v1/optimizers/rmsprop").json()
    keras = body["conventions"]["keras"]
    assert keras["available"] is True and "rho 0.9" in keras["changes"]
    assert {h["name"] for h in keras["hyperparams"]} >= {"learning_rate", "rho", "epsilon"}
    assert keras["state_slots"] == ["velocity", "momentum", "average_gradient"]
    assert {d["name"] for d in body["diagnoses"]} >= {"eps_inside_sqrt", "centered_mixup"}
    rprop = client.get("/v1/optimizers/rprop").json()["conventions"]["keras"]
    assert rprop["available"] is False


# ---- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "loc"),
    [
        ("adam", {"params": [1.0], "grads": [1.0, 2.0]}, ["body", "grads"]),
        ("adam", {"params": {"w": [1.0]}, "grads": {"v": [1.0]}}, ["body", "grads", "v"]),
        (
            "adam",
            {"params": [1.0], "grads": [1.0], "hyperparams": {"lr": -1}},
            ["body", "hyperparams", "lr"],
        ),
        (
            "adam",
            {"params": [1.0], "grads": [1.0], "hyperparams": {"betas": [0.9, 1]}},
            ["body", "hyperparams", "betas", 1],
        ),
        (
            "adam",
            {"params": [1.0], "grads": [1.0], "hyperparams": {"foo": 1}},
            ["body", "hyperparams", "foo"],
        ),
        (
            "sgd",
            {"params": [1.0], "grads": [1.0], "hyperparams": {"nesterov": True}},
            ["body", "hyperparams", "nesterov"],
        ),
        (
            "adam",
            {"params": [1.0], "grads": [1.0], "state": {"step": -1, "slots": {}}},
            ["body", "state", "step"],
        ),
        (
            "adam",
            {
                "params": [1.0],
                "grads": [1.0],
                "state": {"step": 1, "slots": {"exp_avg": [0.0], "exp_avg_sq": [0.0, 1.0]}},
            },
            ["body", "state", "slots", "exp_avg_sq"],
        ),
        (
            "adam",
            {
                "params": [1.0],
                "grads": [1.0],
                "state": {"optimizer": "sgd", "step": 1, "slots": {}},
            },
            ["body", "state", "optimizer"],
        ),
        (
            "adam",
            {
                "params": [1.0],
                "grads": [1.0],
                "state": {"step": 1, "slots": {"momentum_buffer": [0.0]}},
            },
            ["body", "state", "slots", "momentum_buffer"],
        ),
        (
            "adam",
            {
                "params": [1.0],
                "grads": [1.0],
                "state": {"step": 1, "slots": {"exp_avg": [[0.0, "x"]], "exp_avg_sq": [0.0]}},
            },
            ["body", "state", "slots", "exp_avg", 0, 1],
        ),
        ("adam", {"params": [1.0], "grads": [1.0], "clip": {"norm": -2}}, ["body", "clip", "norm"]),
        (
            "adam",
            {"params": [1.0], "grads": [1.0], "schedule": {"name": "bogus"}},
            ["body", "schedule", "name"],
        ),
        (
            "adam",
            {"params": [1.0], "grads": [1.0], "regularization": {"l1": "a"}},
            ["body", "regularization", "l1"],
        ),
        ("adam", {"params": [[1.0], [1.0, 2.0]], "grads": [1.0]}, ["body", "params", 1]),
        ("adam", {"grads": [1.0]}, ["body", "params"]),
        ("adam", {"params": [1.0], "grads": [1.0], "extra": 1}, ["body", "extra"]),
    ],
)
def test_bad_input_is_422(
    client: TestClient, name: str, body: dict[str, Any], loc: list[Any]
) -> None:
    assert_problem(client.post(f"/v1/optimizers/{name}/step", json=body), 422, loc)


def test_element_limit_counts_state_and_outputs() -> None:
    small = make_client(max_elements=20)
    body = {"params": [0.0] * 5, "grads": [0.0] * 5}
    assert small.post("/v1/optimizers/sgd/step", json=body).status_code == 200
    r = small.post("/v1/optimizers/adam/step", json=body)  # 10 in + 15 out > 20
    body_json = assert_problem(r, 422)
    assert "GRADSERVE_MAX_ELEMENTS" in body_json["detail"]


# ---- trajectory ---------------------------------------------------------------------------


def test_trajectory_json(client: TestClient) -> None:
    r = client.post(
        "/v1/optimizers/trajectory",
        json={
            "objective": {"name": "quadratic", "params": {"kappa": 4}},
            "start": [1.0, 0.0],
            "steps": 30,
            "optimizers": [{"name": "sgd", "hyperparams": {"lr": 0.5}, "label": "half"}],
            "tolerance": 1e-3,
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["objective"]["minima"] == [[0.0, 0.0]]
    run = body["runs"][0]
    assert run["label"] == "half" and len(run["path"]) == 31
    assert len(run["loss"]) == 31 and len(run["grad_norm"]) == 31
    assert run["path"][1] == [0.5, 0.0]
    assert run["converged_at"] == 10
    assert run["distance_to_minimum"] == pytest.approx(0.5**30)


def test_trajectory_diverging_is_strict_json(client: TestClient) -> None:
    r = client.post(
        "/v1/optimizers/trajectory",
        json={
            "objective": "rosenbrock",
            "steps": 300,
            "optimizers": [{"name": "sgd", "hyperparams": {"lr": 0.5}}],
        },
    )
    assert r.status_code == 200
    assert b"NaN" in r.content or b"Infinity" in r.content
    json.loads(r.content, parse_constant=lambda c: pytest.fail(f"bare {c}"))


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_trajectory_plot(client: TestClient, fmt: str, magic: bytes) -> None:
    r = client.post(
        f"/v1/optimizers/trajectory?format={fmt}", json=TRAJECTORY_EXAMPLES["saddle"]["value"]
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("image/")
    assert r.content.startswith(magic)


def test_trajectory_limits_and_errors() -> None:
    c = make_client(max_trajectory_steps=50, max_trajectory_runs=2)
    body = {"objective": "saddle", "steps": 51, "optimizers": [{"name": "sgd"}]}
    problem = assert_problem(c.post("/v1/optimizers/trajectory", json=body), 422, ["body", "steps"])
    assert "GRADSERVE_MAX_TRAJECTORY_STEPS" in problem["detail"]
    body = {"objective": "saddle", "steps": 5, "optimizers": [{"name": "sgd"}] * 3}
    problem = assert_problem(
        c.post("/v1/optimizers/trajectory", json=body), 422, ["body", "optimizers"]
    )
    assert "GRADSERVE_MAX_TRAJECTORY_RUNS" in problem["detail"]
    assert_problem(
        c.post(
            "/v1/optimizers/trajectory",
            json={"objective": "everest", "steps": 5, "optimizers": [{"name": "sgd"}]},
        ),
        404,
        ["body", "objective"],
    )
    assert_problem(
        c.post(
            "/v1/optimizers/trajectory",
            json={
                "objective": "saddle",
                "steps": 5,
                "optimizers": [{"name": "sgd", "hyperparams": {"lr": -1}}],
            },
        ),
        422,
        ["body", "optimizers", 0, "hyperparams", "lr"],
    )
    assert_problem(
        c.post(
            "/v1/optimizers/trajectory",
            json={
                "objective": "saddle",
                "start": [1.0],
                "steps": 5,
                "optimizers": [{"name": "sgd"}],
            },
        ),
        422,
        ["body", "start"],
    )
    assert_problem(
        c.post(
            "/v1/optimizers/trajectory?format=gif",
            json={"objective": "saddle", "optimizers": [{"name": "sgd"}]},
        ),
        422,
        ["query", "format"],
    )


# ---- the OpenAPI examples work as-is --------------------------------------------------------


def test_openapi_examples_run(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/v1/optimizers/{name}/step"]["post"]
    examples = op["requestBody"]["content"]["application/json"]["examples"]
    assert set(examples) == set(STEP_EXAMPLES)
    for ex in examples.values():
        post(client, "adam", ex["value"])  # the path's example name, as Swagger sends it
        if set(ex["value"].get("hyperparams", {})) <= {"lr"} and "state" not in ex["value"]:
            for other in sorted(CONTRACT):  # lr-only examples work for every optimizer
                post(client, other, ex["value"])
    for other in sorted(CONTRACT):
        post(client, other, examples["fresh"]["value"])
    op = spec["paths"]["/v1/optimizers/trajectory"]["post"]
    for ex in op["requestBody"]["content"]["application/json"]["examples"].values():
        r = client.post("/v1/optimizers/trajectory", json=ex["value"])
        assert r.status_code == 200, r.text


@pytest.mark.parametrize("given", [2**53, 2**64 - 1, 2**64, 1e20], ids=repr)
def test_a_state_step_beyond_2_53_minus_1_is_a_4xx_on_every_path(given: Any) -> None:
    """Not a 500 (a step beyond 64 bits could not be written back): the fast path, the full
    path, a batch item and the OIP model all name the step."""
    client = make_client()
    state = {"step": given, "slots": {}}
    for body in (
        {"params": [1.0], "grads": [1.0], "state": state},  # the fast path's plain call
        {"params": [1.0], "grads": [1.0], "state": state, "clip": {"global_norm": 1.0}},
    ):
        for name in ("sgd", "adam"):
            r = client.post(f"/v1/optimizers/{name}/step", json=body)
            assert "2**53 - 1" in assert_problem(r, 422, ["body", "state", "step"])["detail"]
    r = client.post(
        "/v1/batch",
        json={"requests": [{"path": "/v1/optimizers/sgd/step", "body": body}]},
    )
    assert r.status_code == 200
    assert r.json()["responses"][0]["status"] == 422
    r = client.post(
        "/v2/models/optimizers.adam/infer",
        json={
            "inputs": [
                {"name": n, "shape": [1], "datatype": "FP64", "data": [1.0]}
                for n in ("params", "grads")
            ],
            "parameters": {"step": given},
        },
    )
    assert r.status_code == 400 and "step" in r.json()["error"], r.text


def test_the_largest_state_step_is_echoed_exactly() -> None:
    r = make_client().post(
        "/v1/optimizers/sgd/step",
        json={"params": [1.0], "grads": [1.0], "state": {"step": 2**53 - 1, "slots": {}}},
    )
    assert r.status_code == 200
    assert r.json()["state"]["step"] == r.json()["stats"]["step"] == 2**53


def test_full_path_resolves_the_hyperparameters_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output count and the step share one resolution; a bad hyperparameter is still
    named by the step, after the tensors are checked."""
    calls: list[str] = []
    real = optim.resolve_hyperparams

    def counting(opt: Any, hyperparams: Any) -> Any:
        calls.append(opt.name)
        return real(opt, hyperparams)

    monkeypatch.setattr(optim, "resolve_hyperparams", counting)
    monkeypatch.setattr(core, "resolve_hyperparams", counting)  # what optim.step calls
    body = {"params": [1.0, 2.0], "grads": [0.5, 0.5], "hyperparams": {"lr": 0.1}}
    out = post(client, "adam", {**body, "encoding": "b64"})  # b64: not the small-call path
    assert calls == ["adam"] and out["state"]["step"] == 1
    r = client.post(
        "/v1/optimizers/adam/step", json={**body, "hyperparams": {"lr": -1}, "encoding": "b64"}
    )
    assert_problem(r, 422, ["body", "hyperparams", "lr"])
    r = client.post(
        "/v1/optimizers/adam/step",
        json={"params": [1.0, 2.0], "grads": [0.5], "hyperparams": {"lr": -1}},
    )
    assert_problem(r, 422)  # the step's own order: the hyperparameter first
    assert r.json()["errors"][0]["loc"] == ["body", "hyperparams", "lr"]


@pytest.mark.parametrize("name", optim.OPTIMIZERS.names())
def test_every_optimizer_answers_float16_as_its_float64_answer_rounded(
    client: TestClient, name: str
) -> None:
    """float16 params and grads step in float64: the params and every slot answered are the
    float64 step's of the same (widened) numbers, rounded to float16; two steps in a row."""
    rng = np.random.default_rng(3)
    p16 = rng.normal(size=(2, 3)).astype(np.float16)
    g16 = rng.normal(size=(2, 3)).astype(np.float16)
    body16 = {"params": b64_tensor(p16, "float16"), "grads": b64_tensor(g16, "float16")}
    body64 = {
        "params": b64_tensor(p16.astype(np.float64)),
        "grads": b64_tensor(g16.astype(np.float64)),
        "encoding": "b64",
    }
    for _ in range(2):
        h, f = post(client, name, body16), post(client, name, body64)
        assert h["state"]["step"] == f["state"]["step"]
        pairs = [(h["params"], f["params"])] + [
            (h["state"]["slots"][k], v) for k, v in f["state"]["slots"].items()
        ]
        for half, full in pairs:
            assert half["dtype"] == "float16"
            np.testing.assert_array_equal(from_wire(half), from_wire(full).astype(np.float16))
        # the next step from each answer's own state (the float16 one rounded at each step)
        body16 = {**body16, "params": h["params"], "state": h["state"]}
        body64 = {
            **body64,
            "params": b64_tensor(from_wire(h["params"]).astype(np.float64)),
            "state": {
                **h["state"],
                "slots": {
                    k: b64_tensor(from_wire(v).astype(np.float64))
                    for k, v in h["state"]["slots"].items()
                },
            },
        }
