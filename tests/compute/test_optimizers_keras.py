"""convention "keras": Keras 3.15's optimizers (JAX backend, float64) to 1e-10 over 40 steps.

Golden data: tests/fixtures/optimizers_keras_golden.json, written by
tests/fixtures/gen_optimizers_keras.py in .venv-keras (inputs shared with the torch fixture).
Every step round-trips the state through JSON, as a client would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute.errors import InvalidInputError
from service.compute.optimizers import OPTIMIZERS, catalog_entry, step

FIXTURES = Path(__file__).parents[1] / "fixtures"
KERAS = json.loads((FIXTURES / "optimizers_keras_golden.json").read_text())
TORCH = json.loads((FIXTURES / "optimizers_golden.json").read_text())
RTOL = 1e-10
# Keras 3 has these (FRAMEWORKS: SGD Adam AdamW Adagrad Adadelta Adamax Nadam RMSprop Lion
# Lamb Adafactor, plus Ftrl, Muon, ScheduleFreeAdamW which the service does not offer)
IN_KERAS = {
    "sgd", "adam", "adamw", "adamax", "nadam", "adagrad", "adadelta", "rmsprop", "lion", "lamb",
    "adafactor",
}  # fmt: skip


def _id(cfg: dict[str, Any]) -> str:
    extra = [json.dumps(cfg["hyperparams"], sort_keys=True)]
    for key in ("clip", "schedule", "param_set"):
        if key in cfg:
            extra.append(f"{key}={json.dumps(cfg[key], sort_keys=True)}")
    return cfg["optimizer"] + "-" + "-".join(extra)


def _json(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k: _json(v) for k, v in tree.items()}
    if isinstance(tree, np.ndarray):
        return tree.tolist()
    return tree


def _arrays(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k: _arrays(v) for k, v in tree.items()}
    return np.asarray(tree, dtype=np.float64)


def replay(cfg: dict[str, Any]) -> dict[int, dict[str, np.ndarray]]:
    inputs = TORCH["param_sets"][cfg["param_set"]] if "param_set" in cfg else TORCH
    params = _arrays(inputs["params"])
    state = None
    out = {}
    for t, g in enumerate(inputs["grads"], start=1):
        res = step(
            cfg["optimizer"],
            params,
            _arrays(g),
            state,
            cfg["hyperparams"],
            clip=cfg.get("clip"),
            schedule=cfg.get("schedule"),
            convention="keras",
        )
        params = _arrays(json.loads(json.dumps(_json(res.params))))
        state = json.loads(json.dumps(_json(res.state)))
        state["slots"] = _arrays(state["slots"])
        out[t] = params
    return out


@pytest.mark.parametrize("cfg", KERAS["configs"], ids=_id)
def test_matches_keras_trajectory(cfg: dict[str, Any]) -> None:
    path = replay(cfg)
    assert len(path) == 40
    keras_form = OPTIMIZERS.get(cfg["optimizer"]).keras
    assert keras_form is not None
    # Keras 3.15's Adafactor takes its means in float32 even for float64 variables (see
    # _kmean); the order of XLA's float32 sums is not reproduced, so 1e-6 there
    rtol = 1e-6 if keras_form.float32_internals else RTOL
    for t, ref in cfg["path"].items():
        for k, v in ref.items():
            np.testing.assert_allclose(
                path[int(t)][k], np.asarray(v), rtol=rtol, atol=0, err_msg=f"step {t}, {k}"
            )


def test_fixture_covers_every_keras_optimizer() -> None:
    names = {c["optimizer"] for c in KERAS["configs"]}
    has_keras = {o.name for o in OPTIMIZERS if o.keras is not None}
    assert names == has_keras == IN_KERAS
    assert KERAS["keras"].startswith("3.15") and KERAS["backend"] == "jax"
    assert max(KERAS["record_steps"]) == 40


def test_defaults_follow_keras() -> None:
    """Keras's defaults for anything not given (keras.optimizers signatures, Keras 3.15)."""
    expected = {
        "sgd": {"learning_rate": 0.01, "momentum": 0.0, "nesterov": False},
        "adam": {"learning_rate": 1e-3, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7},
        "adamw": {"weight_decay": 0.004, "epsilon": 1e-7},
        "adamax": {"learning_rate": 1e-3, "epsilon": 1e-7},
        "nadam": {"learning_rate": 1e-3, "epsilon": 1e-7},
        "adagrad": {"learning_rate": 1e-3, "initial_accumulator_value": 0.1, "epsilon": 1e-7},
        "adadelta": {"learning_rate": 1e-3, "rho": 0.95, "epsilon": 1e-7},
        "rmsprop": {"learning_rate": 1e-3, "rho": 0.9, "momentum": 0.0, "centered": False},
        "lion": {"learning_rate": 1e-3, "beta_1": 0.9, "beta_2": 0.99, "weight_decay": None},
        "lamb": {"learning_rate": 1e-3, "epsilon": 1e-7, "weight_decay": None},
        "adafactor": {"learning_rate": 1e-3, "epsilon_1": 1e-30, "clip_threshold": 1.0},
    }
    for name, defaults in expected.items():
        conv = catalog_entry(OPTIMIZERS.get(name))["conventions"]["keras"]
        assert conv["available"] and conv["changes"], name
        hp = {h["name"]: h["default"] for h in conv["hyperparams"]}
        for k, v in defaults.items():
            assert hp[k] == v, (name, k)


def test_keras_spelling_and_state_names() -> None:
    p, g = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    a = step("adam", p, g, None, {"learning_rate": 0.1, "beta_1": 0.8}, convention="keras")
    b = step("adam", p, g, None, {"lr": 0.1, "b1": 0.8}, convention="keras")
    np.testing.assert_array_equal(a.params, b.params)
    assert set(a.state["slots"]) == {"momentum", "velocity"}
    # a torch state does not fit the Keras form (other slot names): a 422, not a silent reset
    torch_state = step("adam", p, g, None, {"lr": 0.1}).state
    with pytest.raises(InvalidInputError) as info:
        step("adam", p, g, torch_state, {}, convention="keras")
    assert info.value.loc[:2] == ("state", "slots")


@pytest.mark.parametrize("name", sorted(set(OPTIMIZERS.names()) - IN_KERAS))
def test_optimizers_keras_lacks_are_422(name: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        step(name, np.ones(2), np.ones(2), None, {}, convention="keras")
    assert info.value.loc == ("convention",)
    assert "keras" in info.value.msg.lower()
    assert catalog_entry(OPTIMIZERS.get(name))["conventions"]["keras"]["available"] is False


def test_sgd_momentum_differs_from_torch_only_under_a_schedule() -> None:
    """Keras keeps η inside the buffer: the same path for a constant lr, not under decay."""
    p, gs = np.array([1.0, -1.0]), [np.array([0.3, -0.2]), np.array([0.1, 0.4])] * 3

    def path(conv: str, sched: dict[str, Any] | None) -> np.ndarray:
        x, st = p, None
        hp = {"learning_rate": 0.1, "momentum": 0.9}
        for g in gs:
            r = step("sgd", x, g, st, hp, schedule=sched, convention=conv)
            x, st = r.params, r.state
        return x

    np.testing.assert_allclose(path("keras", None), path("torch", None), rtol=1e-14)
    decay = {"name": "exponential", "gamma": 0.5}
    assert not np.allclose(path("keras", decay), path("torch", decay), rtol=1e-6)
