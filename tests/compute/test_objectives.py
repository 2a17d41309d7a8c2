"""Trajectory objectives: gradients, minima, convergence of every optimizer, seed claims."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from service.compute.errors import InvalidInputError, LimitExceededError, UnknownNameError
from service.compute.objectives import (
    OBJECTIVES,
    TrajectoryLimits,
    resolve_objective,
    run_trajectory,
)
from service.compute.optimizers import OPTIMIZERS

REQUIRED = {"rosenbrock", "beale", "himmelblau", "saddle", "quadratic", "rastrigin"}


def test_required_objectives_exist() -> None:
    assert set(OBJECTIVES.names()) >= REQUIRED


@pytest.mark.parametrize("name", OBJECTIVES.names())
def test_gradient_matches_central_differences(name: str) -> None:
    obj, hp = resolve_objective(name)
    rng = np.random.default_rng(1)
    xmin, xmax, ymin, ymax = obj.bounds
    h = 1e-6
    for _ in range(20):
        p = np.array([rng.uniform(xmin, xmax), rng.uniform(ymin, ymax)])
        num = np.array(
            [(obj.value(p + h * e, hp) - obj.value(p - h * e, hp)) / (2 * h) for e in np.eye(2)]
        )
        scale = max(1.0, float(np.max(np.abs(num))))
        np.testing.assert_allclose(obj.gradient(p, hp), num, rtol=1e-6, atol=1e-6 * scale)


@pytest.mark.parametrize("name", OBJECTIVES.names())
def test_minima_are_stationary_with_zero_loss(name: str) -> None:
    obj, hp = resolve_objective(name)
    for m in obj.minima(hp):
        p = np.asarray(m)
        assert obj.value(p, hp) == pytest.approx(0.0, abs=1e-20)
        np.testing.assert_allclose(obj.gradient(p, hp), 0.0, atol=1e-9)


def test_objective_params() -> None:
    obj, hp = resolve_objective({"name": "quadratic", "params": {"kappa": 100}})
    assert obj.value(np.array([1.0, 1.0]), hp) == pytest.approx(50.5)
    obj, hp = resolve_objective({"name": "rosenbrock", "params": {"a": 2.0}})
    assert obj.minima(hp) == [(2.0, 4.0)]


# Each optimizer's entry says with which hyperparameters it reaches the minima
# (``test_hyperparams``): the contract asks that every one does.


@pytest.mark.parametrize("name", OPTIMIZERS.names())
def test_every_optimizer_reaches_the_parabola_minimum(name: str) -> None:
    steps = 2000
    spec_t = OPTIMIZERS.get(name).test_hyperparams
    spec = {"name": name, **spec_t.quadratic}
    if spec_t.anneal_quadratic:
        spec["schedule"] = {"name": "cosine", "t_max": steps}
    out = run_trajectory(
        {"name": "quadratic", "params": {"kappa": 10}}, [-1.5, 1.0], steps, [spec], tolerance=1e-3
    )
    run = out["runs"][0]
    assert run["distance_to_minimum"] < 1e-3
    assert run["converged_at"] is not None
    assert run["loss"][-1] < run["loss"][0] * 1e-5


@pytest.mark.parametrize("name", OPTIMIZERS.names())
def test_every_optimizer_reaches_the_rosenbrock_minimum(name: str) -> None:
    spec_t = OPTIMIZERS.get(name).test_hyperparams
    steps = spec_t.rosenbrock_steps
    spec = {"name": name, **spec_t.rosenbrock}
    if spec_t.anneal_rosenbrock:
        spec["schedule"] = {"name": "cosine", "t_max": steps}
    run = run_trajectory("rosenbrock", [-1.5, 2.0], steps, [spec], tolerance=1e-2)["runs"][0]
    assert run["distance_to_minimum"] < 1e-2, run["final"]
    assert run["converged_at"] is not None
    np.testing.assert_allclose(run["nearest_minimum"], [1.0, 1.0])


def _escape_step(run: dict[str, Any], threshold: float = 1.0) -> int:
    ys = np.abs(run["path"][:, 1])
    idx = np.flatnonzero(ys > threshold)
    return int(idx[0]) if idx.size else math.inf  # type: ignore[return-value]


def test_momentum_escapes_the_saddle_much_faster() -> None:
    out = run_trajectory(
        "saddle",
        [1.0, 1e-3],
        1000,
        [
            {"name": "sgd", "hyperparams": {"lr": 0.01}, "label": "gd"},
            {"name": "sgd", "hyperparams": {"lr": 0.01, "momentum": 0.9}, "label": "momentum"},
        ],
    )
    gd, mom = out["runs"]
    assert gd["label"] == "gd" and mom["label"] == "momentum"
    # plain GD multiplies y by (1 + 2·lr) per step: ln(1000)/ln(1.02) ≈ 349 steps
    assert _escape_step(gd) == math.ceil(math.log(1000) / math.log(1.02))
    assert _escape_step(mom) * 3 < _escape_step(gd)
    assert gd["distance_to_minimum"] is None and gd["converged_at"] is None
    assert out["objective"]["minima"] == []


def test_result_layout() -> None:
    out = run_trajectory("himmelblau", None, 50, [{"name": "adam", "hyperparams": {"lr": 0.1}}])
    run = out["runs"][0]
    assert run["path"].shape == (51, 2)
    assert run["loss"].shape == (51,) and run["grad_norm"].shape == (51,)
    assert run["final"] == run["path"][-1].tolist()
    assert out["start"] == [0.0, 0.0]
    assert len(out["objective"]["minima"]) == 4
    obj, hp = resolve_objective("himmelblau")
    assert run["loss"][7] == pytest.approx(obj.value(run["path"][7], hp))
    assert run["grad_norm"][7] == pytest.approx(np.linalg.norm(obj.gradient(run["path"][7], hp)))
    assert run["label"] == "adam"


def test_converged_at_is_first_step_of_staying_within_tolerance() -> None:
    # GD on the quadratic with lr 0.5: x shrinks by 0.5 per step, from x0 = 1 (y = 0)
    run = run_trajectory(
        "quadratic", [1.0, 0.0], 30, [{"name": "sgd", "hyperparams": {"lr": 0.5}}], tolerance=1e-3
    )["runs"][0]
    assert run["converged_at"] == 10  # 0.5**10 < 1e-3 < 0.5**9


def test_divergence_is_reported_not_raised() -> None:
    run = run_trajectory(
        "rosenbrock", [-1.5, 2.0], 200, [{"name": "sgd", "hyperparams": {"lr": 0.1}}]
    )["runs"][0]
    assert not np.isfinite(run["path"][-1]).all()
    assert run["converged_at"] is None


def test_limits_and_errors() -> None:
    with pytest.raises(LimitExceededError) as info:
        run_trajectory(
            "saddle",
            None,
            101,
            [{"name": "sgd"}],
            limits=TrajectoryLimits(max_steps=100),
        )
    assert info.value.limit == "max_trajectory_steps" and info.value.loc == ("steps",)
    with pytest.raises(UnknownNameError):
        run_trajectory("everest", None, 10, [{"name": "sgd"}])
    with pytest.raises(UnknownNameError) as uinfo:
        run_trajectory("saddle", None, 10, [{"name": "sgd"}, {"name": "adamm"}])
    assert uinfo.value.loc == ("optimizers", 1, "name")
    cases: list[tuple[dict[str, Any], tuple[Any, ...]]] = [
        ({"start": [1.0]}, ("start",)),
        ({"start": [1.0, "x"]}, ("start",)),
        ({"steps": 0}, ("steps",)),
        ({"steps": 2.5}, ("steps",)),
        ({"tolerance": -1}, ("tolerance",)),
        ({"optimizers": []}, ("optimizers",)),
        (
            {"optimizers": [{"name": "adam", "hyperparams": {"lr": -1}}]},
            ("optimizers", 0, "hyperparams", "lr"),
        ),
        ({"optimizers": [{"name": "adam", "speed": 1}]}, ("optimizers", 0, "speed")),
        (
            {"optimizers": [{"name": "adam", "clip": {"norm": -1}}]},
            ("optimizers", 0, "clip", "norm"),
        ),
        (
            {"objective": {"name": "quadratic", "params": {"kappa": 0.5}}},
            ("objective", "params", "kappa"),
        ),
    ]
    for kw, loc in cases:
        args: dict[str, Any] = {
            "objective": "saddle",
            "start": None,
            "steps": 10,
            "optimizers": [{"name": "sgd"}],
        }
        args.update(kw)
        with pytest.raises(InvalidInputError) as err:
            run_trajectory(**args)
        assert err.value.loc == loc, (kw, err.value.loc, err.value.msg)
