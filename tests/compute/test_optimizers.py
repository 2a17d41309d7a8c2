"""Optimizers: golden trajectories from torch.optim / optax, clipping, schedules, claims, errors.

Golden data: tests/fixtures/optimizers_golden.json, written by tests/fixtures/gen_optimizers.py
(torch 2.13 float64 with default dtype float64; optax with jax x64 for lion/lamb). Every step
round-trips the state through JSON, as a client would.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute.errors import InvalidInputError, UnknownNameError
from service.compute.optimizers import OPTIMIZERS, SCHEDULES, catalog_entry, step
from service.compute.optimizers.transforms import Schedule, resolve_schedule

GOLDEN = json.loads((Path(__file__).parents[1] / "fixtures" / "optimizers_golden.json").read_text())
RTOL = 1e-10


def _dec(x: Any) -> Any:
    if isinstance(x, str):
        return float(x.replace("Infinity", "inf").replace("NaN", "nan"))
    if isinstance(x, list):
        return [_dec(v) for v in x]
    return x


def arr(x: Any, dtype: Any = np.float64) -> np.ndarray:
    return np.asarray(_dec(x), dtype=dtype)


def to_json(tree: Any) -> Any:
    """What a client sees: tensors as nested lists (non-finite as strings)."""
    if isinstance(tree, dict):
        return {k: to_json(v) for k, v in tree.items()}
    if isinstance(tree, np.ndarray):
        return tree.tolist()
    return tree


def from_json(tree: Any, dtype: Any) -> Any:
    if isinstance(tree, dict):
        return {k: from_json(v, dtype) for k, v in tree.items()}
    return np.asarray(tree, dtype=dtype)


def roundtrip_state(state: dict[str, Any], dtype: Any) -> dict[str, Any]:
    wire = json.loads(json.dumps(to_json(state)))
    return {
        "optimizer": wire["optimizer"],
        "step": wire["step"],
        "slots": from_json(wire["slots"], dtype),
    }


def config_id(cfg: dict[str, Any]) -> str:
    extra = [json.dumps(cfg["hyperparams"], sort_keys=True)]
    for key in ("clip", "schedule", "dtype", "torch_default_dtype", "param_set"):
        if key in cfg:
            extra.append(f"{key}={json.dumps(cfg[key], sort_keys=True)}")
    return f"{cfg['optimizer']}-" + "-".join(extra)


EXACT = [c for c in GOLDEN["configs"] if "torch_default_dtype" not in c]


def replay(cfg: dict[str, Any]) -> tuple[list[dict[str, np.ndarray]], dict[str, Any]]:
    dtype = np.float32 if cfg.get("dtype") == "float32" else np.float64
    inputs = GOLDEN["param_sets"][cfg["param_set"]] if "param_set" in cfg else GOLDEN
    params = {k: arr(v, dtype) for k, v in inputs["params"].items()}
    state = None
    path = []
    for g in inputs["grads"]:
        grads = {k: arr(v, dtype) for k, v in g.items()}
        res = step(
            cfg["optimizer"],
            params,
            grads,
            state,
            cfg["hyperparams"],
            clip=cfg.get("clip"),
            schedule=cfg.get("schedule"),
        )
        for v in res.params.values():
            assert v.dtype == dtype
        params = from_json(json.loads(json.dumps(to_json(res.params))), dtype)
        state = roundtrip_state(res.state, dtype)
        path.append(res.params)
    assert state is not None
    return path, state


@pytest.mark.parametrize("cfg", EXACT, ids=config_id)
def test_matches_golden_trajectory(cfg: dict[str, Any]) -> None:
    assert len(GOLDEN["grads"]) >= 40
    path, state = replay(cfg)
    float32 = cfg.get("dtype") == "float32"
    rtol = 2e-5 if float32 else RTOL
    for t, (ours, ref) in enumerate(zip(path, cfg["path"], strict=True), start=1):
        for k in ours:
            np.testing.assert_allclose(
                ours[k], arr(ref[k]), rtol=rtol, atol=0, err_msg=f"step {t}, param {k}"
            )
    assert state["step"] == len(GOLDEN["grads"])
    for slot, per in cfg.get("final_state", {}).items():
        for k, ref in per.items():
            np.testing.assert_allclose(
                np.asarray(state["slots"][slot][k], dtype=np.float64),
                arr(ref),
                rtol=rtol,
                atol=1e-300,
                err_msg=f"slot {slot}[{k}]",
            )
    if "final_state" in cfg:
        assert set(state["slots"]) == set(cfg["final_state"])


def test_golden_covers_every_optimizer() -> None:
    covered = {c["optimizer"] for c in EXACT}
    assert covered == set(OPTIMIZERS.names())
    for name in covered:
        assert sum(c["optimizer"] == name for c in EXACT) >= 2, name


@pytest.mark.parametrize(
    "cfg", [c for c in GOLDEN["configs"] if "torch_default_dtype" in c], ids=config_id
)
def test_torch_float32_internals_differ_only_slightly(cfg: dict[str, Any]) -> None:
    """torch's float32 mu_product / eta / mu: the exact rule stays within 1e-6 of it."""
    path, _ = replay(cfg)
    worst = 0.0
    for ours, ref in zip(path, cfg["path"], strict=True):
        for k in ours:
            r = arr(ref[k])
            worst = max(worst, float(np.max(np.abs(ours[k] - r) / np.abs(r))))
    assert 1e-13 < worst < 1e-5


# ---- invariants of the interface ------------------------------------------------------------


def test_single_tensor_and_nested_forms() -> None:
    p = np.array([1.0, -2.0, 3.0])
    g = np.array([0.1, 0.2, -0.3])
    single = step("adam", p, g, None, {"lr": 0.1})
    assert isinstance(single.params, np.ndarray)
    assert isinstance(single.state["slots"]["exp_avg"], np.ndarray)
    nested = step("adam", {"a": {"b": p}}, {"a": {"b": g}}, None, {"lr": 0.1})
    np.testing.assert_array_equal(nested.params["a"]["b"], single.params)
    assert set(nested.state["slots"]["exp_avg"]) == {"a"}
    again = step("adam", {"a": {"b": p}}, {"a": {"b": g}}, nested.state, {"lr": 0.1})
    assert again.state["step"] == 2


def test_inputs_not_modified() -> None:
    p = np.linspace(-1, 1, 5)
    g = np.linspace(1, 2, 5)
    p0, g0 = p.copy(), g.copy()
    r1 = step("sgd", p, g, None, {"lr": 0.1, "momentum": 0.9})
    buf = r1.state["slots"]["momentum_buffer"].copy()
    step("sgd", r1.params, g, r1.state, {"lr": 0.1, "momentum": 0.9})
    np.testing.assert_array_equal(p, p0)
    np.testing.assert_array_equal(g, g0)
    np.testing.assert_array_equal(r1.state["slots"]["momentum_buffer"], buf)


def test_float32_stays_float32_and_chunking_matches() -> None:
    rng = np.random.default_rng(0)
    n = 3 * (1 << 15) + 17  # several chunks plus a tail
    p = rng.normal(size=n).astype(np.float32)
    g = rng.normal(size=n).astype(np.float32)
    r = step("adam", p, g, None, {"lr": 0.01})
    assert r.params.dtype == np.float32
    assert r.state["slots"]["exp_avg"].dtype == np.float32
    # the same elements computed in one small call agree bit for bit
    small = step("adam", p[:100], g[:100], None, {"lr": 0.01})
    np.testing.assert_array_equal(r.params[:100], small.params)
    tail = step("adam", p[-17:], g[-17:], None, {"lr": 0.01})
    np.testing.assert_array_equal(r.params[-17:], tail.params)
    d = r.params.astype(np.float64) - p
    assert r.stats["update_norm"] == pytest.approx(float(np.sqrt(d @ d)), rel=1e-6)
    g64 = g.astype(np.float64)
    assert r.stats["grad_norm"] == pytest.approx(float(np.sqrt(g64 @ g64)), rel=1e-12)
    clipped = step("adam", p, g, None, {"lr": 0.01}, clip={"global_norm": 1e9})
    assert clipped.stats["grad_norm"] == pytest.approx(r.stats["grad_norm"], rel=1e-12)


@pytest.mark.parametrize(
    ("name", "hp", "dtype"),
    [
        ("adam", {"lr": 0.01, "weight_decay": 0.1}, np.float64),
        ("adam", {"lr": 0.01, "amsgrad": True, "betas": [0.3, 0.9]}, np.float32),
        ("adam", {"weight_decay": 0.1, "decoupled_weight_decay": True}, np.float32),
        ("adamw", {"lr": 0.01, "amsgrad": True}, np.float64),
        ("rmsprop", {"centered": True, "momentum": 0.9}, np.float32),
        ("sgd", {"momentum": 0.9, "nesterov": True}, np.float64),
    ],
)
def test_chunked_and_fused_paths_agree_bitwise(name: str, hp: dict[str, Any], dtype: Any) -> None:
    """Large tensors run chunk by chunk (Adam/AdamW through out= buffers): same bits."""
    rng = np.random.default_rng(3)
    n = 2 * (1 << 15) + 5
    p = rng.normal(size=n).astype(dtype)
    state = None
    for _ in range(3):
        g = rng.normal(size=n).astype(dtype)
        big = step(name, p, g, state, hp)
        idx = np.r_[0:50, n - 50 : n]
        small_state = None
        if state is not None:
            small_state = {**state, "slots": {k: v[idx] for k, v in state["slots"].items()}}
        small = step(name, p[idx], g[idx], small_state, hp)
        np.testing.assert_array_equal(big.params[idx], small.params)
        for k, v in small.state["slots"].items():
            np.testing.assert_array_equal(big.state["slots"][k][idx], v)
        p, state = big.params, big.state


def test_stats() -> None:
    p = {"w": np.array([3.0, 4.0]), "b": np.array([0.0])}
    g = {"w": np.array([3.0, 4.0]), "b": np.array([12.0])}
    r = step("sgd", p, g, None, {"lr": 0.5}, clip={"global_norm": 1.0})
    assert r.stats["grad_norm"] == pytest.approx(13.0)
    assert r.stats["clipped"] is True
    assert r.stats["clipped_grad_norm"] == pytest.approx(13.0 / (13.0 + 1e-6))
    assert r.stats["lr"] == 0.5
    assert r.stats["update_norm"] == pytest.approx(0.5 * 13.0 / (13.0 + 1e-6))
    r2 = step("sgd", p, g, None, {"lr": 0.5}, clip={"global_norm": 100.0})
    assert r2.stats["clipped"] is False


# ---- clipping against torch's definitions (hand-computed) ------------------------------------


def test_clip_value_is_clamp() -> None:
    g = np.array([-3.0, -0.5, 0.2, 7.0])
    r = step("sgd", np.zeros(4), g, None, {"lr": 1.0}, clip={"value": 1.0})
    np.testing.assert_array_equal(r.params, -np.array([-1.0, -0.5, 0.2, 1.0]))
    assert r.stats["clipped"] is True


def test_clip_norm_is_per_tensor() -> None:
    g = {"a": np.array([3.0, 4.0]), "b": np.array([0.3, 0.4])}
    p = {k: np.zeros(2) for k in g}
    r = step("sgd", p, g, None, {"lr": 1.0}, clip={"norm": 1.0})
    np.testing.assert_allclose(-r.params["a"], g["a"] / (5.0 + 1e-6), rtol=1e-15)
    np.testing.assert_array_equal(-r.params["b"], g["b"])  # norm 0.5 < 1: unchanged


def test_clip_global_norm_uses_all_tensors() -> None:
    g = {"a": np.array([3.0, 0.0]), "b": np.array([0.0, 4.0])}
    p = {k: np.zeros(2) for k in g}
    r = step("sgd", p, g, None, {"lr": 1.0}, clip={"global_norm": 2.5})
    coef = 2.5 / (5.0 + 1e-6)
    np.testing.assert_allclose(-r.params["a"], g["a"] * coef, rtol=1e-15)
    np.testing.assert_allclose(-r.params["b"], g["b"] * coef, rtol=1e-15)


def test_clip_nonfinite_propagates() -> None:
    g = np.array([np.inf, 1.0])
    r = step("sgd", np.zeros(2), g, None, {"lr": 1.0}, clip={"global_norm": 1.0})
    assert np.isnan(r.params[0])  # inf * 0, as torch without error_if_nonfinite
    assert r.stats["clipped"] is True


# ---- regularization -----------------------------------------------------------------------


def test_regularization_adds_penalty_gradient() -> None:
    p = np.array([-2.0, 0.0, 3.0])
    g = np.array([0.5, 0.5, 0.5])
    r = step("sgd", p, g, None, {"lr": 0.1}, regularization={"l1": 0.2, "l2": 0.05})
    expected_grad = g + 0.2 * np.array([-1.0, 0.0, 1.0]) + 2 * 0.05 * p
    np.testing.assert_allclose(r.params, p - 0.1 * expected_grad, rtol=1e-15)
    assert r.stats["penalty"] == pytest.approx(0.2 * 5.0 + 0.05 * 13.0)


def test_l2_regularization_equals_coupled_weight_decay() -> None:
    p = np.array([1.0, -2.0])
    g = np.array([0.3, 0.1])
    a = step("adam", p, g, None, {"lr": 0.1}, regularization={"l2": 0.05})
    b = step("adam", p, g, None, {"lr": 0.1, "weight_decay": 0.1})
    np.testing.assert_allclose(a.params, b.params, rtol=1e-15)


# ---- schedules ----------------------------------------------------------------------------


def _sched(spec: dict[str, Any], lr: float = 1.0) -> Schedule:
    return resolve_schedule(spec, lr)


def test_schedules_closed_forms() -> None:
    s = _sched({"name": "step", "step_size": 3, "gamma": 0.5})
    assert [s(t) for t in range(1, 8)] == [1, 1, 1, 0.5, 0.5, 0.5, 0.25]
    e = _sched({"name": "exponential", "gamma": 0.9})
    assert e(1) == 1.0 and e(3) == pytest.approx(0.81)
    c = _sched({"name": "cosine", "t_max": 4, "eta_min": 0.1})
    assert c(1) == 1.0
    assert c(3) == pytest.approx(0.1 + 0.9 * 0.5)  # k = 2 of 4: half way
    assert c(5) == pytest.approx(0.1) and c(50) == pytest.approx(0.1)
    w = _sched(
        {
            "name": "warmup_cosine",
            "warmup_steps": 4,
            "decay_steps": 8,
            "init_lr": 0.0,
            "end_lr": 0.2,
        }
    )
    assert [w(t) for t in range(1, 5)] == pytest.approx([0.0, 0.25, 0.5, 0.75])
    assert w(5) == pytest.approx(1.0)
    assert w(7) == pytest.approx(0.2 + 0.8 * 0.5)  # half way through the decay
    assert w(9) == pytest.approx(0.2) and w(100) == pytest.approx(0.2)
    assert set(SCHEDULES) == {"constant", "step", "exponential", "cosine", "warmup_cosine"}


def test_schedule_lr_reported_and_used() -> None:
    p, g = np.array([0.0]), np.array([1.0])
    state = None
    lrs = []
    for _ in range(4):
        r = step(
            "sgd", p, g, state, {"lr": 1.0}, schedule={"name": "step", "step_size": 2, "gamma": 0.1}
        )
        lrs.append(r.stats["lr"])
        p, state = r.params, r.state
    assert lrs == pytest.approx([1.0, 1.0, 0.1, 0.1])
    assert p[0] == pytest.approx(-2.2)


# ---- the classic claims ---------------------------------------------------------------------


def test_adam_first_step_is_lr_whatever_the_gradient_scale() -> None:
    for scale in (1e-6, 1.0, 1e6):
        g = np.array([scale, -scale, 2 * scale])
        r = step("adam", np.zeros(3), g, None, {"lr": 0.01})
        # m̂ = g, v̂ = g², step = lr·g/(|g| + ε): lr up to ε/|g| (1e-2 at 1e-6)
        np.testing.assert_allclose(np.abs(r.params), 0.01, rtol=1.1e-2)


def test_adagrad_step_shrinks_as_squares_accumulate() -> None:
    p, g, state = np.array([0.0]), np.array([1.0]), None
    steps = []
    for _ in range(10):
        r = step("adagrad", p, g, state, {"lr": 0.1})
        steps.append(abs(float(r.params[0] - p[0])))
        p, state = r.params, r.state
    assert all(b < a for a, b in itertools.pairwise(steps))
    np.testing.assert_allclose(steps, [0.1 / math.sqrt(k) for k in range(1, 11)], rtol=1e-9)


# ---- errors ---------------------------------------------------------------------------------

P = {"w": np.ones((2, 2)), "b": np.ones(2)}
G = {"w": np.ones((2, 2)), "b": np.ones(2)}


def _err(**kw: Any) -> InvalidInputError:
    args = {"name": "adam", "params": P, "grads": G, "state": None, "hyperparams": {}}
    args.update(kw)
    with pytest.raises(InvalidInputError) as info:
        step(
            args.pop("name"),
            args.pop("params"),
            args.pop("grads"),
            args.pop("state"),
            args.pop("hyperparams"),
            **args,
        )
    return info.value


def _fresh_state(name: str = "adam", hp: dict[str, Any] | None = None) -> dict[str, Any]:
    return step(name, P, G, None, hp or {}).state


@pytest.mark.parametrize(
    ("kw", "loc"),
    [
        ({"hyperparams": {"lr": -1}}, ("hyperparams", "lr")),
        ({"hyperparams": {"betas": [0.9, 1.0]}}, ("hyperparams", "betas", 1)),
        ({"hyperparams": {"beta_1": -0.1}}, ("hyperparams", "beta_1")),
        ({"hyperparams": {"eps": 0}}, ("hyperparams", "eps")),
        ({"hyperparams": {"momentum": 0.9}}, ("hyperparams", "momentum")),
        ({"hyperparams": {"b1": 0.9, "betas": [0.9, 0.99]}}, ("hyperparams", "b1")),
        ({"hyperparams": {"lr": "fast"}}, ("hyperparams", "lr")),
        ({"hyperparams": {"amsgrad": 1}}, ("hyperparams", "amsgrad")),
        ({"name": "sgd", "hyperparams": {"nesterov": True}}, ("hyperparams", "nesterov")),
        ({"name": "rprop", "hyperparams": {"etas": [1.5, 1.2]}}, ("hyperparams", "etas")),
        ({"grads": {"w": np.ones((2, 3)), "b": np.ones(2)}}, ("grads", "w")),
        ({"grads": {"w": np.ones((2, 2))}}, ("grads", "b")),
        ({"grads": {"w": np.ones((2, 2)), "b": np.ones(2), "c": np.ones(1)}}, ("grads", "c")),
        ({"params": {}}, ("params",)),
        ({"clip": {"norm": -1}}, ("clip", "norm")),
        ({"clip": {"norm": 1, "value": 1}}, ("clip",)),
        ({"clip": {"max": 1}}, ("clip", "max")),
        ({"regularization": {"l1": -0.1}}, ("regularization", "l1")),
        ({"regularization": {"l3": 0.1}}, ("regularization", "l3")),
        ({"schedule": {"name": "cyclic"}}, ("schedule", "name")),
        ({"schedule": {"name": "step"}}, ("schedule", "step_size")),
        (
            {"schedule": {"name": "warmup_cosine", "warmup_steps": 5, "decay_steps": 5}},
            ("schedule", "decay_steps"),
        ),
        ({"name": "rprop", "convention": "keras"}, ("convention",)),
        ({"name": "asgd", "convention": "keras"}, ("convention",)),
        ({"name": "radam", "convention": "keras"}, ("convention",)),
        ({"convention": "jax"}, ("convention",)),
        ({"convention": "keras", "hyperparams": {"betas": [0.9, 0.99]}}, ("hyperparams", "betas")),
        ({"state": {"step": -1, "slots": {}}}, ("state", "step")),
        ({"state": {"step": 1.5, "slots": {}}}, ("state", "step")),
        ({"state": [1, 2]}, ("state",)),
        ({"state": {"step": 1, "slots": {}, "extra": 1}}, ("state", "extra")),
    ],
)
def test_bad_inputs_are_422(kw: dict[str, Any], loc: tuple[Any, ...]) -> None:
    err = _err(**kw)
    assert err.loc == loc, err.msg
    assert not isinstance(err, UnknownNameError)


def test_state_of_another_optimizer_rejected() -> None:
    sgd_state = _fresh_state("sgd", {"momentum": 0.9})
    err = _err(state=sgd_state)
    assert err.loc == ("state", "optimizer")
    # without the optimizer tag the slot names still give it away
    del sgd_state["optimizer"]
    assert _err(state=sgd_state).loc[:2] == ("state", "slots")


def test_state_with_wrong_names_or_shapes_rejected() -> None:
    st = _fresh_state()
    bad = {**st, "slots": {**st["slots"], "exp_avg": {"w": np.ones((2, 2))}}}
    assert _err(state=bad).loc == ("state", "slots", "exp_avg", "b")
    bad = {**st, "slots": {**st["slots"], "exp_avg": {"w": np.ones((2, 2)), "b": np.ones(3)}}}
    err = _err(state=bad)
    assert err.loc == ("state", "slots", "exp_avg", "b")
    assert "(2,)" in err.msg and "(3,)" in err.msg
    bad = {**st, "slots": {**st["slots"], "exp_avg": {**st["slots"]["exp_avg"], "x": 1.0}}}
    assert _err(state=bad).loc == ("state", "slots", "exp_avg", "x")
    bad = {**st, "slots": {"exp_avg": st["slots"]["exp_avg"]}}
    assert _err(state=bad).loc == ("state", "slots", "exp_avg_sq")
    # amsgrad needs its slot: switching it on with an old state is an error
    assert _err(state=st, hyperparams={"amsgrad": True}).loc == ("state", "slots", "max_exp_avg_sq")


def test_unknown_optimizer_is_404() -> None:
    with pytest.raises(UnknownNameError) as info:
        step("adamm", P, G)
    assert isinstance(info.value, UnknownNameError)
    assert "adam" in info.value.msg and "lamb" in info.value.msg


def test_aliases() -> None:
    a = step("adam", P, G, None, {"learning_rate": 0.1, "beta_1": 0.8, "b2": 0.9, "epsilon": 1e-6})
    b = step("adam", P, G, None, {"lr": 0.1, "betas": [0.8, 0.9], "eps": 1e-6})
    for k in P:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    c = step("rmsprop", P, G, None, {"rho": 0.5})
    d = step("rmsprop", P, G, None, {"alpha": 0.5})
    np.testing.assert_array_equal(c.params["w"], d.params["w"])


def test_nan_gradients_propagate_without_error() -> None:
    for opt in OPTIMIZERS:
        g = {"w": np.array([[np.nan, 1.0], [1.0, 1.0]]), "b": np.array([np.inf, 1.0])}
        r = step(opt.name, P, g, None, {})
        assert not np.isfinite(r.params["w"]).all() or opt.name == "rprop", opt.name


# ---- catalog --------------------------------------------------------------------------------


@pytest.mark.parametrize("opt", list(OPTIMIZERS), ids=lambda o: o.name)
def test_catalog_entry(opt: Any) -> None:
    entry = catalog_entry(opt)
    json.dumps(entry)
    assert entry["update_rule"] and entry["state_slots"] is not None
    assert {"keras", "optax"} <= set(entry["differences"])
    names = {h["name"] for h in entry["hyperparams"]}
    assert "lr" in names and "maximize" in names


def test_contract_names_and_defaults() -> None:
    expected = {
        "sgd": {
            "lr": 1e-3,
            "momentum": 0.0,
            "dampening": 0.0,
            "nesterov": False,
            "weight_decay": 0.0,
            "maximize": False,
        },
        "adam": {
            "lr": 1e-3,
            "betas": [0.9, 0.999],
            "eps": 1e-8,
            "weight_decay": 0.0,
            "amsgrad": False,
            "decoupled_weight_decay": False,
        },
        "adamw": {"weight_decay": 1e-2},
        "adamax": {"lr": 2e-3},
        "nadam": {"lr": 2e-3, "momentum_decay": 4e-3},
        "radam": {"lr": 1e-3},
        "adagrad": {"lr": 1e-2, "lr_decay": 0.0, "initial_accumulator_value": 0.0, "eps": 1e-10},
        "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6},
        "rmsprop": {"lr": 1e-2, "alpha": 0.99, "momentum": 0.0, "centered": False},
        "rprop": {"etas": [0.5, 1.2], "step_sizes": [1e-6, 50.0]},
        "asgd": {"lambd": 1e-4, "alpha": 0.75, "t0": 1e6},
        "adafactor": {"lr": 1e-2, "beta2_decay": -0.8, "d": 1.0},
        "lion": {"betas": [0.9, 0.99], "weight_decay": 1e-3},
        "lamb": {"betas": [0.9, 0.999], "eps": 1e-6, "weight_decay": 0.0},
    }
    assert set(OPTIMIZERS.names()) >= set(expected)  # the contract's; new entries may follow
    for name, defaults in expected.items():
        hp = {h["name"]: h["default"] for h in catalog_entry(OPTIMIZERS.get(name))["hyperparams"]}
        for k, v in defaults.items():
            assert hp[k] == v, (name, k)


# ---- step_resolved: step with its options resolved by the caller (the small-call fast path) --


@pytest.mark.parametrize("opt", list(OPTIMIZERS), ids=lambda o: o.name)
def test_step_resolved_is_step(opt: Any) -> None:
    """With the optimizer, hyperparameters and schedule resolved once, two steps (the second
    from the first's state) give step's params, state and stats bit for bit."""
    from service.compute.optimizers import (
        base_lr,
        resolve_hyperparams,
        step_resolved,
        under_convention,
    )

    rng = np.random.default_rng(11)
    p, g = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    given = {"lr": 0.01}
    torch_form = under_convention(opt, "torch")
    hp = resolve_hyperparams(torch_form, given)
    sched = resolve_schedule(None, base_lr(hp))
    state = None
    for _ in range(2):
        ref = step(opt.name, p, g, state, given)
        got = step_resolved(torch_form, dict(hp), p, g, state, sched)
        np.testing.assert_array_equal(got.params, ref.params)
        assert got.state["step"] == ref.state["step"]
        assert got.state["optimizer"] == ref.state["optimizer"]
        assert got.state["slots"].keys() == ref.state["slots"].keys()
        for name in ref.state["slots"]:
            np.testing.assert_array_equal(got.state["slots"][name], ref.state["slots"][name])
        assert got.stats == ref.stats
        state = ref.state


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_l2_norm_quiet_is_l2_norm(dtype: Any) -> None:
    from service.compute.optimizers.transforms import l2_norm, l2_norm_quiet

    rng = np.random.default_rng(3)
    for a in (rng.normal(size=5), rng.normal(size=20_000) * 1e150, np.zeros(0), np.array([np.inf])):
        with np.errstate(over="ignore", invalid="ignore"):
            a = a.astype(dtype)  # float32: 1e150 is inf
            quiet = l2_norm_quiet(a)
        assert quiet == l2_norm(a) or (math.isnan(quiet) and math.isnan(l2_norm(a)))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("fill", [0.0, 0, -0.0, 1e-3, -1.5, math.inf])
def test_fresh_slots_are_np_full(dtype: Any, fill: float) -> None:
    """A fresh slot is np.full of its initial value, bit for bit (np.zeros stands in for +0,
    never for -0)."""
    from service.compute.optimizers.core import _filled

    got, ref = _filled((3, 2), fill, np.dtype(dtype)), np.full((3, 2), fill, dtype=dtype)
    assert got.dtype == ref.dtype and got.shape == ref.shape
    assert got.tobytes() == ref.tobytes()


@pytest.mark.parametrize("opt", list(OPTIMIZERS), ids=lambda o: o.name)
def test_a_single_tensor_steps_as_a_one_leaf_mapping(opt: Any) -> None:
    """A bare array and the same array as the only leaf of a mapping step alike (the single
    tensor skips the tree walk), the state's slots then the bare arrays."""
    rng = np.random.default_rng(5)
    p, g = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    bare = step(opt.name, p, g, None, {"lr": 0.01})
    tree = step(opt.name, {"w": p}, {"w": g}, None, {"lr": 0.01})
    np.testing.assert_array_equal(bare.params, tree.params["w"])
    assert bare.state["slots"].keys() == tree.state["slots"].keys()
    for name, value in bare.state["slots"].items():
        assert isinstance(value, np.ndarray)
        np.testing.assert_array_equal(value, tree.state["slots"][name]["w"])
    assert bare.stats == tree.stats


# ---- step_rows: the calls of one turn stacked (the small-call fast path's coalescing) -------


def _resolved(opt: Any, given: dict[str, Any]) -> tuple[Any, dict[str, Any], Schedule]:
    """The torch form of ``opt``, ``given`` resolved and its constant schedule, as
    test_step_resolved_is_step resolves them."""
    from service.compute.optimizers import base_lr, resolve_hyperparams, under_convention

    torch_form = under_convention(opt, "torch")
    hp = resolve_hyperparams(torch_form, given)
    return torch_form, hp, resolve_schedule(None, base_lr(hp))


def _hp_sets(opt: Any) -> list[dict[str, Any]]:
    """{"lr": 0.01}; maximize with weight decay; options that add slots or change their
    initial fill (momentum, amsgrad, centered, initial_accumulator_value) — each with only
    the names the optimizer accepts, and only if it resolves."""
    from service.compute.optimizers import resolve_hyperparams, under_convention

    names = {s.name for s in under_convention(opt, "torch").params}
    sets = [
        {"lr": 0.01},
        {"lr": 0.05, "maximize": True, "weight_decay": 0.1},
        {
            "lr": 0.02,
            "momentum": 0.9,
            "amsgrad": True,
            "centered": True,
            "initial_accumulator_value": 0.1,
        },
    ]
    out = []
    for given in sets:
        given = {k: v for k, v in given.items() if k in names}
        try:
            resolve_hyperparams(under_convention(opt, "torch"), given)
        except InvalidInputError:
            continue
        if given not in out:
            out.append(given)
    return out


def _assert_same_step(got: Any, ref: Any, what: str) -> None:
    """``got`` is ``ref`` bit for bit: params (dtype, shape, values), the state's optimizer,
    step, slot names in order and slot arrays, and the stats with their key order."""
    assert got is not None, what
    assert type(got.params) is np.ndarray, what
    assert got.params.dtype == ref.params.dtype and got.params.shape == ref.params.shape, what
    np.testing.assert_array_equal(got.params, ref.params, err_msg=what)
    assert got.state["optimizer"] == ref.state["optimizer"], what
    assert got.state["step"] == ref.state["step"], what
    assert type(got.state["step"]) is type(ref.state["step"]), what
    assert list(got.state["slots"]) == list(ref.state["slots"]), what
    for name, value in ref.state["slots"].items():
        mine = got.state["slots"][name]
        assert mine.dtype == value.dtype and mine.shape == value.shape, (what, name)
        np.testing.assert_array_equal(mine, value, err_msg=f"{what} slot {name}")
    assert got.stats == ref.stats, what
    assert list(got.stats) == list(ref.stats), what


def _copy_call(call: tuple[Any, Any, Any]) -> tuple[Any, Any, Any]:
    p, g, state = call
    if isinstance(state, dict):
        state = {
            **state,
            "slots": {k: np.array(v, copy=True) for k, v in state.get("slots", {}).items()},
        }
    return np.array(p, copy=True), np.array(g, copy=True), state


def _assert_calls_unchanged(calls: list[Any], before: list[Any]) -> None:
    for (p, g, s), (p0, g0, s0) in zip(calls, before, strict=True):
        np.testing.assert_array_equal(p, p0)
        np.testing.assert_array_equal(g, g0)
        if isinstance(s0, dict):
            for k, v in s0["slots"].items():
                np.testing.assert_array_equal(s["slots"][k], v)


@pytest.mark.parametrize("opt", list(OPTIMIZERS), ids=lambda o: o.name)
def test_step_rows_is_step_resolved(opt: Any) -> None:
    """Twelve calls of two shapes at steps 0, 1 and 2 (fresh states and states from earlier
    step_resolved calls), under each set of hyperparameters the optimizer accepts: for an
    elementwise optimizer every result is step_resolved's for that call bit for bit (and the
    calls' arrays are left as they were); for any other optimizer every result is None."""
    from service.compute.optimizers import step_resolved, step_rows

    rng = np.random.default_rng(2024)
    sets = _hp_sets(opt)
    assert sets and sets[0] == {"lr": 0.01}
    for given in sets:
        torch_form, hp, sched = _resolved(opt, given)
        calls: list[tuple[np.ndarray, np.ndarray, Any]] = []
        for shape in ((16,), (3, 5)):
            p = rng.normal(size=shape)
            states: list[Any] = [None]
            for _ in range(2):  # states after one and two steps
                prev = step_resolved(
                    torch_form, dict(hp), p, rng.normal(size=shape), states[-1], sched
                )
                states.append(prev.state)
                p = prev.params
            for state in states:
                for _ in range(2):
                    calls.append((rng.normal(size=shape), rng.normal(size=shape), state))
        order = rng.permutation(len(calls))  # shapes and steps interleaved
        calls = [calls[i] for i in order]
        assert len(calls) == 12
        refs = [step_resolved(torch_form, dict(hp), p, g, s, sched) for p, g, s in calls]
        before = [_copy_call(c) for c in calls]
        got = step_rows(torch_form, dict(hp), sched, calls)
        assert len(got) == len(calls)
        _assert_calls_unchanged(calls, before)
        if not torch_form.elementwise:
            assert got == [None] * len(calls)
            continue
        for k, (r, ref) in enumerate(zip(got, refs, strict=True)):
            _assert_same_step(r, ref, f"{opt.name} {given} call {k}")
        # a call's result does not depend on the others: each alone gives the same
        for k, call in enumerate(calls[:3]):
            (alone,) = step_rows(torch_form, dict(hp), sched, [call])
            _assert_same_step(alone, refs[k], f"{opt.name} {given} alone {k}")


ELEMENTWISE = [o for o in OPTIMIZERS if o.under("torch").elementwise]


def test_some_optimizers_are_elementwise_and_some_not() -> None:
    """The parametrized step_rows tests below cover both kinds."""
    names = {o.name for o in ELEMENTWISE}
    assert {"sgd", "adam", "lion"} <= names
    assert {"nadam", "adafactor", "lamb"}.isdisjoint(names)


@pytest.mark.parametrize("opt", ELEMENTWISE, ids=lambda o: o.name)
def test_step_rows_gives_none_to_a_call_it_cannot_stack(opt: Any) -> None:
    """Calls that are not of the stacked kind, or whose state step_resolved refuses, get None;
    the valid calls around them still get step_resolved's bits."""
    from service.compute.optimizers import step_resolved, step_rows

    rng = np.random.default_rng(77)
    torch_form, hp, sched = _resolved(opt, {"lr": 0.01})
    shape = (4, 3)
    first = step_resolved(
        torch_form, dict(hp), rng.normal(size=shape), rng.normal(size=shape), None, sched
    )
    slots = first.state["slots"]
    other = next(o.name for o in OPTIMIZERS if o.name != torch_form.name)

    def normal(s: tuple[int, ...] = shape) -> np.ndarray:
        return rng.normal(size=s)

    good = [(normal(), normal(), None), (normal(), normal(), first.state)]
    refused: list[tuple[str, tuple[Any, Any, Any]]] = [
        ("negative step", (normal(), normal(), {"step": -1, "slots": slots})),
        ("fractional step", (normal(), normal(), {"step": 1.5, "slots": slots})),
        ("step beyond 2**53 - 1", (normal(), normal(), {"step": 2**53, "slots": slots})),
        ("other optimizer", (normal(), normal(), {**first.state, "optimizer": other})),
        ("unknown key", (normal(), normal(), {**first.state, "extra": 1})),
        ("grads of another shape", (normal(), normal((3, 4)), None)),
    ]
    if slots:
        name = next(iter(slots))
        wrong = {**slots, name: np.zeros((5,))}
        refused.append(
            ("slot of the wrong shape", (normal(), normal(), {"step": 1, "slots": wrong}))
        )
        missing = {k: v for k, v in slots.items() if k != name}
        refused.append(("missing slot", (normal(), normal(), {"step": 1, "slots": missing})))
    for what, (p, g, s) in refused:  # refused alone too: step_resolved names the problem
        try:
            step_resolved(torch_form, dict(hp), p, g, s, sched)
        except InvalidInputError:
            continue
        pytest.fail(f"{opt.name}: step_resolved accepted a call with {what}")
    # not of the stacked kind (step_resolved takes them, step_rows leaves them to it)
    other_kind = [
        ("float32 params", (normal().astype(np.float32), normal(), None)),
        ("float32 grads", (normal(), normal().astype(np.float32), None)),
        ("float32 both", (normal().astype(np.float32), normal().astype(np.float32), None)),
        ("0-d params", (np.array(0.5), np.array(-1.0), None)),
        ("a mapping of params", ({"w": normal()}, {"w": normal()}, None)),
    ]
    labelled = [("good", c) for c in good[:1]] + refused + other_kind + [("good", good[1])]
    calls = [c for _, c in labelled]
    got = step_rows(torch_form, dict(hp), sched, calls)
    assert len(got) == len(calls)
    for (what, (p, g, s)), r in zip(labelled, got, strict=True):
        if what == "good":
            _assert_same_step(r, step_resolved(torch_form, dict(hp), p, g, s, sched), opt.name)
        else:
            assert r is None, (opt.name, what)


@pytest.mark.parametrize("opt", ELEMENTWISE, ids=lambda o: o.name)
def test_step_rows_splits_a_group_larger_than_chunk(
    opt: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 fresh calls and 40 calls at step 1 of 1000 elements each (each group more than
    CHUNK elements stacked), and two calls of more than CHUNK elements each (one fresh, one
    at step 1), interleaved: every update of the rule has at most CHUNK elements or is one
    call's, and each result is still step_resolved's bit for bit."""
    from service.compute.optimizers import core, step_resolved, step_rows
    from service.compute.optimizers.core import CHUNK

    assert CHUNK == 1 << 15
    rng = np.random.default_rng(4242)
    torch_form, hp, sched = _resolved(opt, {"lr": 0.01})
    calls: list[tuple[np.ndarray, np.ndarray, Any]] = []
    for n, count in ((1000, 40), (CHUNK + 7, 1)):
        assert n * count > CHUNK
        prev = step_resolved(
            torch_form, dict(hp), rng.normal(size=(n,)), rng.normal(size=(n,)), None, sched
        )
        for _ in range(count):
            calls.append((rng.normal(size=(n,)), rng.normal(size=(n,)), None))
            calls.append((rng.normal(size=(n,)), rng.normal(size=(n,)), prev.state))
    updates: list[tuple[int, ...]] = []  # the shape of each stacked update step_rows makes
    apply = core.apply

    def recording_apply(o: Any, ps: list[np.ndarray], *args: Any, **kwargs: Any) -> Any:
        updates.extend(p.shape for p in ps)
        return apply(o, ps, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(core, "apply", recording_apply)
        got = step_rows(torch_form, dict(hp), sched, calls)
    assert sorted(updates) == sorted([(1, CHUNK + 7)] * 2 + [(32, 1000), (8, 1000)] * 2)
    for k, ((p, g, s), r) in enumerate(zip(calls, got, strict=True)):
        ref = step_resolved(torch_form, dict(hp), p, g, s, sched)
        _assert_same_step(r, ref, f"{opt.name} call {k}")


@pytest.mark.parametrize("opt", ELEMENTWISE, ids=lambda o: o.name)
def test_step_rows_on_overflowing_values(opt: Any) -> None:
    """params and grads of ±1e308 (squared gradients, slots and norms overflow to inf), and
    a second step from such a state, stacked with ordinary calls, under each
    set of hyperparameters: step_resolved does not raise on them, step_rows answers without
    raising, gives a result to every call, and each is step_resolved's bit for bit (NaN
    where it has NaN)."""
    from service.compute.optimizers import step_resolved, step_rows

    rng = np.random.default_rng(9)
    big = np.full((6,), 1e308)
    big[::2] *= -1
    for given in _hp_sets(opt):
        torch_form, hp, sched = _resolved(opt, given)
        calls: list[tuple[np.ndarray, np.ndarray, Any]] = [
            (big.copy(), np.full((6,), 1e308), None),
            (rng.normal(size=(6,)), rng.normal(size=(6,)), None),
            (np.full((6,), 1e308), -big, None),
            (rng.uniform(-1, 1, size=(6,)) * 1e308, rng.uniform(-1, 1, size=(6,)) * 1e308, None),
        ]
        # a second step from the first call's overflowed state (inf in some slots)
        first = step_resolved(torch_form, dict(hp), *calls[0][:2], None, sched)
        calls.append((first.params, np.full((6,), -1e308), first.state))
        calls.append((rng.normal(size=(6,)), rng.normal(size=(6,)), first.state))
        got = step_rows(torch_form, dict(hp), sched, calls)
        for k, ((p, g, s), r) in enumerate(zip(calls, got, strict=True)):
            what = f"{opt.name} {given} call {k}"
            ref = step_resolved(torch_form, dict(hp), p, g, s, sched)  # does not raise either
            assert r is not None, what
            assert r.params.dtype == ref.params.dtype and r.params.shape == ref.params.shape
            np.testing.assert_array_equal(r.params, ref.params, err_msg=what)
            assert r.state["optimizer"] == ref.state["optimizer"], what
            assert r.state["step"] == ref.state["step"], what
            assert list(r.state["slots"]) == list(ref.state["slots"]), what
            for name, value in ref.state["slots"].items():
                np.testing.assert_array_equal(r.state["slots"][name], value, err_msg=what)
            assert list(r.stats) == list(ref.stats), what
            for key, value in ref.stats.items():
                mine = r.stats[key]
                assert mine == value or (math.isnan(mine) and math.isnan(value)), (what, key)


@pytest.mark.parametrize("given", [2**53, 2**64 - 1, 2**64, 1e20, float(2**53)], ids=repr)
def test_a_state_step_beyond_2_53_minus_1_is_refused(given: Any) -> None:
    """The step after it would no longer be exact in a float64 or a JavaScript number (and
    one beyond 64 bits could not be written back at all)."""
    with pytest.raises(InvalidInputError) as err:
        step("sgd", np.ones(2), np.ones(2), {"step": given, "slots": {}}, {})
    assert err.value.loc[-1] == "step"
    assert "2**53 - 1" in str(err.value)


def test_the_largest_state_step_is_taken_and_counted_exactly() -> None:
    res = step("sgd", np.ones(2), np.ones(2), {"step": 2**53 - 1, "slots": {}}, {"lr": 0.5})
    assert res.state["step"] == 2**53
    np.testing.assert_array_equal(res.params, [0.5, 0.5])
