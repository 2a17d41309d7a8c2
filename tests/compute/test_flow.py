"""Gradient flow: the backward pass against finite differences, the classic verdicts,
determinism, statistics on hand-built cases and the input checks."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import pytest

from service.compute import activations as act
from service.compute.errors import InvalidInputError, LimitExceededError, UnknownNameError
from service.compute.inspect.flow import (
    INITS,
    FlowConfig,
    FlowLimits,
    FlowThresholds,
    build_mlp,
    check_config,
    forward_backward,
    gradient_flow,
)


def _net(**kw: Any) -> tuple[Any, ...]:
    cfg = FlowConfig(**kw)
    entry, p, init, ip = check_config(cfg)
    return cfg, entry, p, build_mlp(cfg, init, ip)


@pytest.mark.parametrize(
    ("activation", "params"),
    [
        ("tanh", None),
        ("sigmoid", None),
        ("gelu", None),
        ("elu", {"alpha": 0.7}),
        ("leaky_relu", {"alpha": 0.2}),
        ("softplus", None),
    ],
)
def test_backward_matches_finite_differences(activation: str, params: Any) -> None:
    cfg, entry, p, mlp = _net(
        depth=3,
        width=4,
        batch=5,
        activation=activation,
        activation_params=params,
        init="xavier_normal",
        seed=3,
    )
    res = forward_backward(mlp, entry, p, cfg.loss)
    eps = 1e-6

    def loss() -> float:
        return forward_backward(mlp, entry, p, cfg.loss).loss

    for layer in range(cfg.depth):
        w, b = mlp.weights[layer], mlp.biases[layer]
        num_w = np.zeros_like(w)
        for idx in np.ndindex(*w.shape):
            orig = w[idx]
            w[idx] = orig + eps
            up = loss()
            w[idx] = orig - eps
            down = loss()
            w[idx] = orig
            num_w[idx] = (up - down) / (2 * eps)
        np.testing.assert_allclose(res.dw[layer], num_w, rtol=1e-5, atol=1e-9)
        num_b = np.zeros_like(b)
        for j in range(b.size):
            b[j] += eps
            up = loss()
            b[j] -= 2 * eps
            down = loss()
            b[j] += eps
            num_b[j] = (up - down) / (2 * eps)
        np.testing.assert_allclose(res.db[layer], num_b, rtol=1e-5, atol=1e-9)


def test_loss_is_mse_against_the_drawn_targets() -> None:
    _cfg, entry, p, mlp = _net(depth=2, width=3, batch=4, activation="tanh", seed=1)
    a = mlp.x
    for w in mlp.weights:
        a = np.tanh(a @ w.T)
    res = forward_backward(mlp, entry, p)
    assert res.loss == pytest.approx(float(np.mean((a - mlp.target) ** 2)), rel=1e-12)


def test_seed_document_sigmoid_xavier_vanishes() -> None:
    r = gradient_flow(FlowConfig(depth=5, activation="sigmoid", init="xavier_uniform"))
    assert r["verdict"] == "vanishing"
    assert r["first_bad_layer"] is not None and 1 <= r["first_bad_layer"] < 5
    ratios = [layer["weight_grad_ratio"] for layer in r["layers"]]
    assert ratios[-1] == 1.0
    assert ratios[0] < 1e-2
    # sigmoid' <= 1/4: each layer further from the output loses at least a factor of ~2
    assert all(ratios[i] < ratios[i + 1] for i in range(4))


def test_seed_document_relu_he_is_healthy() -> None:
    r = gradient_flow(FlowConfig(depth=20, activation="relu", init="he_normal"))
    assert r["verdict"] == "ok" and r["first_bad_layer"] is None
    assert all(1e-2 <= layer["weight_grad_ratio"] <= 1e2 for layer in r["layers"])


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("init", ["xavier_uniform", "xavier_normal"])
def test_sigmoid_verdict_is_robust_to_seed_and_xavier_variant(seed: int, init: str) -> None:
    assert (
        gradient_flow(FlowConfig(depth=5, activation="sigmoid", init=init, seed=seed))["verdict"]
        == "vanishing"
    )


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("init", ["he_uniform", "he_normal"])
def test_relu_verdict_is_robust_to_seed_and_he_variant(seed: int, init: str) -> None:
    assert (
        gradient_flow(FlowConfig(depth=20, activation="relu", init=init, seed=seed))["verdict"]
        == "ok"
    )


def test_exploding_names_the_layer_nearest_the_output() -> None:
    r = gradient_flow(
        FlowConfig(depth=12, activation="tanh", init="normal", init_params={"std": 1.0})
    )
    assert r["verdict"] == "exploding"
    bad = [layer["layer"] for layer in r["layers"] if layer["verdict"] == "exploding"]
    assert r["first_bad_layer"] == max(bad)
    assert r["layers"][r["first_bad_layer"] - 1]["weight_grad_ratio"] > 1e2


def test_thresholds_are_configurable() -> None:
    cfg = FlowConfig(
        depth=5,
        activation="sigmoid",
        init="xavier_uniform",
        thresholds=FlowThresholds(vanishing=1e-4),
    )
    assert gradient_flow(cfg)["verdict"] == "ok"


def test_nonfinite() -> None:
    r = gradient_flow(
        FlowConfig(depth=10, activation="exponential", init="normal", init_params={"std": 1.0})
    )
    assert r["verdict"] == "nonfinite" and r["first_bad_layer"] == 10


def test_dead_relu_output_vanishes_at_the_last_layer() -> None:
    # positive inputs through negative weights: every pre-activation of layer 1 is negative
    _cfg, entry, p, mlp = _net(depth=2, width=3, batch=4, activation="relu", seed=0)
    for w in mlp.weights:
        w[...] = -np.abs(w)
    mlp.x[...] = np.abs(mlp.x)
    res = forward_backward(mlp, entry, p)
    assert all(float(np.abs(g).sum()) == 0.0 for g in res.dw)
    assert res.forward_stats[0]["dead_fraction"] == 1.0
    assert res.forward_stats[0]["saturated_fraction"] == 1.0


def test_saturation_statistics() -> None:
    _cfg, entry, p, mlp = _net(depth=1, width=2, batch=3, activation="sigmoid", seed=0)
    mlp.weights[0][...] = np.eye(2)
    mlp.x[...] = np.array([[10.0, 0.0], [-10.0, 0.5], [10.0, -0.5]])
    res = forward_backward(mlp, entry, p, saturation=1e-2)
    # sigmoid'(±10) ≈ 4.5e-5 < 1e-2: column 0 saturated for every sample, column 1 never
    assert res.forward_stats[0]["saturated_fraction"] == pytest.approx(3 / 6)
    assert res.forward_stats[0]["dead_fraction"] == 0.5
    z = mlp.x
    assert res.forward_stats[0]["pre_activation"]["mean"] == pytest.approx(float(z.mean()))
    assert res.forward_stats[0]["pre_activation"]["std"] == pytest.approx(float(z.std()))


def test_deterministic_and_dtype_independent_draws() -> None:
    a = gradient_flow(FlowConfig(depth=3, width=8, batch=4, seed=42))
    b = gradient_flow(FlowConfig(depth=3, width=8, batch=4, seed=42))
    assert a == b
    c = gradient_flow(FlowConfig(depth=3, width=8, batch=4, seed=43))
    assert c["loss"] != a["loss"]
    f32 = gradient_flow(FlowConfig(depth=3, width=8, batch=4, seed=42, dtype=np.float32))
    assert f32["loss"] == pytest.approx(a["loss"], rel=1e-5)


@pytest.mark.parametrize("name", list(INITS))
def test_inits_have_their_documented_spread(name: str) -> None:
    cfg = FlowConfig(depth=1, width=400, batch=1, init=name)
    init = INITS[name]
    from service.compute.params import resolve_params

    ip = resolve_params(init.params, {})
    w = build_mlp(cfg, init, ip).weights[0]
    n = 400
    expected_std = {
        "xavier_uniform": math.sqrt(6 / (2 * n)) / math.sqrt(3),
        "xavier_normal": math.sqrt(2 / (2 * n)),
        "he_uniform": math.sqrt(6 / n) / math.sqrt(3),
        "he_normal": math.sqrt(2 / n),
        "lecun_normal": math.sqrt(1 / n),
        "normal": 0.05,
        "uniform": 0.05 / math.sqrt(3),
    }[name]
    assert float(w.std()) == pytest.approx(expected_std, rel=0.01)
    assert abs(float(w.mean())) < 0.01 * expected_std * 10


def test_every_elementwise_activation_runs() -> None:
    for entry in act.ACTIVATIONS:
        if entry.kind != "elementwise":
            continue
        r = gradient_flow(FlowConfig(depth=3, width=8, batch=4, activation=entry.name))
        assert r["verdict"] in ("ok", "vanishing", "exploding", "nonfinite")
        assert len(r["layers"]) == 3


@pytest.mark.parametrize(
    ("kw", "loc"),
    [
        ({"depth": 0}, ("depth",)),
        ({"width": 2.5}, ("width",)),
        ({"batch": True}, ("batch",)),
        ({"seed": -1}, ("seed",)),
        ({"activation": "softmax"}, ("activation",)),
        ({"activation_params": {"nope": 1}, "activation": "elu"}, ("activation_params", "nope")),
        (
            {"activation_params": {"approximate": "x"}, "activation": "gelu"},
            ("activation_params", "approximate"),
        ),
        ({"init": "orthogonal"}, ("init",)),
        ({"init": "normal", "init_params": {"std": 0}}, ("init_params", "std")),
        ({"init": "he_normal", "init_params": {"gain": 2}}, ("init_params", "gain")),
        ({"input": "cauchy"}, ("input",)),
        ({"input_scale": -1.0}, ("input_scale",)),
        ({"loss": "categorical_crossentropy"}, ("loss",)),
        (
            {"thresholds": FlowThresholds(vanishing=10.0, exploding=1.0)},
            ("thresholds", "vanishing"),
        ),
        ({"thresholds": FlowThresholds(saturation=-1.0)}, ("thresholds", "saturation")),
    ],
)
def test_bad_configs(kw: dict[str, Any], loc: tuple[str, ...]) -> None:
    with pytest.raises(InvalidInputError) as e:
        gradient_flow(FlowConfig(**kw))
    assert e.value.loc == loc


def test_limits() -> None:
    with pytest.raises(LimitExceededError) as e:
        gradient_flow(FlowConfig(depth=10, width=100, batch=100), FlowLimits(max_work=1000))
    assert e.value.limit == "max_flow_work" and "GRADSERVE" not in e.value.msg
    with pytest.raises(LimitExceededError) as e:
        gradient_flow(FlowConfig(depth=10), FlowLimits(max_depth=5))
    assert e.value.loc == ("depth",)


def test_unknown_activation() -> None:
    with pytest.raises(UnknownNameError):
        gradient_flow(FlowConfig(activation="nope"))


def test_dataclass_replace_keeps_config_frozen() -> None:
    cfg = FlowConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.depth = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    "kw",
    [
        {"init": "uniform", "init_params": {"bound": 1e308}},
        {"input": "uniform", "input_scale": 1e308},
        {"init": "normal", "init_params": {"std": 1e30}, "dtype": np.float32},
    ],
)
def test_absurd_scales_give_a_nonfinite_report(kw: dict[str, Any]) -> None:
    r = gradient_flow(FlowConfig(depth=2, width=3, batch=2, **kw))
    assert r["verdict"] == "nonfinite"
