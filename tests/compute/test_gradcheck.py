"""gradcheck over the registries: every activation and loss passes on inputs away from their
kinks, deliberately wrong derivatives fail, and the report locates the worst entry."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from service.compute import activations as act
from service.compute import losses as losses_mod
from service.compute.errors import InvalidInputError, UnknownNameError
from service.compute.inspect.gradcheck import (
    FULL_MAX_LOSS_INPUTS,
    Tolerance,
    gradcheck_activation,
    gradcheck_loss,
)

RNG_SEED = 1234

# parameters that make the interesting branch reachable on the sampled inputs
ACT_PARAMS: dict[str, dict[str, Any]] = {"maxout": {"pieces": 2}}


def _away_from_kinks(entry: act.Activation, p: dict[str, Any], x: np.ndarray) -> np.ndarray:
    for k in entry.kink_points(p):
        x = np.where(np.abs(x - k) < 1e-3, x + 2e-3, x)
    return x


@pytest.mark.parametrize("name", act.ACTIVATIONS.names())
def test_every_activation_passes(name: str) -> None:
    rng = np.random.default_rng(RNG_SEED)
    entry, p = act.resolve(name, ACT_PARAMS.get(name))
    x = _away_from_kinks(entry, p, rng.uniform(-4, 4, size=(3, 8)))
    r = gradcheck_activation(name, x, ACT_PARAMS.get(name))
    assert r["passed"], r["worst"]
    assert r["mode"] == ("elementwise" if entry.kind == "elementwise" else "full")
    assert all(c["passed"] for c in r["checks"].values())
    assert r["max_abs_error"] < 1e-6
    assert r["analytic"] is not None and r["numeric"] is not None


@pytest.mark.parametrize("name", [e.name for e in act.ACTIVATIONS if e.kind == "vector"])
def test_vector_activations_pass_in_fast_mode_and_along_axis_0(name: str) -> None:
    rng = np.random.default_rng(RNG_SEED)
    x = rng.uniform(-3, 3, size=(6, 4))
    params = ACT_PARAMS.get(name)
    fast = gradcheck_activation(name, x, params, fast_mode=True, directions=5)
    assert fast["passed"] and fast["mode"] == "projections" and fast["directions"] == 5
    assert fast["analytic"] is None and len(fast["worst_index"]) == 1
    full0 = gradcheck_activation(name, x, params, axis=0)
    assert full0["passed"] and full0["mode"] == "full"


def test_large_vector_input_uses_projections() -> None:
    x = np.random.default_rng(0).standard_normal((200, 50))
    r = gradcheck_activation("softmax", x)
    assert r["mode"] == "projections" and r["passed"]
    assert r["analytic"] is None
    assert set(r["checks"]) == {"vjp", "jacobian"}
    # a per-axis Jacobian of 3000 x 3000 entries is not built: only the backward pass is checked
    wide = gradcheck_activation("softmax", np.random.default_rng(1).standard_normal((1, 3000)))
    assert wide["passed"] and set(wide["checks"]) == {"vjp"}


def test_full_jacobian_layout_of_softmax() -> None:
    x = np.array([0.5, -1.0, 2.0])
    r = gradcheck_activation("softmax", x)
    s = np.exp(x) / np.exp(x).sum()
    expected = np.diag(s) - np.outer(s, s)  # the closed form, J[i, j] = s_i (δ_ij − s_j)
    np.testing.assert_allclose(r["analytic"], expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r["numeric"], expected, rtol=1e-6, atol=1e-9)
    assert r["evaluations"] > 0


def test_kinks_and_nonfinite_are_skipped() -> None:
    x = np.array([-1.0, 0.0, 1e-7, 2.0, np.nan, np.inf])
    r = gradcheck_activation("relu", x)
    assert r["passed"]
    assert r["skipped"] == {"nonfinite": 2, "near_kink": 2}


@pytest.fixture
def wrong_entries() -> Iterator[None]:
    """Throw-away registry entries with deliberately wrong gradients."""
    sig = act.ACTIVATIONS.get("sigmoid")
    bad_deriv = dataclasses.replace(
        sig,
        name="test_wrong_sigmoid",
        aliases=(),
        # sigma(x)(1 - sigma(x)) evaluated with the wrong sign on the second factor
        derivative=lambda x, p: sig.forward(x, p, -1) * (1 + sig.forward(x, p, -1)),
    )
    soft = act.ACTIVATIONS.get("softmax")

    def diag_only_vjp(x: np.ndarray, g: np.ndarray, p: dict[str, Any], axis: int) -> np.ndarray:
        s = soft.forward(x, p, axis)
        return g * s * (1 - s)

    bad_vjp = dataclasses.replace(soft, name="test_diag_softmax", aliases=(), vjp=diag_only_vjp)
    act.ACTIVATIONS.register(bad_deriv)
    act.ACTIVATIONS.register(bad_vjp)
    yield
    act.ACTIVATIONS.unregister("test_wrong_sigmoid")
    act.ACTIVATIONS.unregister("test_diag_softmax")


@pytest.mark.usefixtures("wrong_entries")
def test_wrong_derivative_fails() -> None:
    x = np.array([[-2.0, -0.5, 0.0, 1.5]])
    r = gradcheck_activation("test_wrong_sigmoid", x)
    assert not r["passed"]
    assert not r["checks"]["derivative"]["passed"]
    assert r["checks"]["vjp"]["passed"]  # the backward pass of the copied entry is still right
    assert r["checks"]["derivative"]["mismatches"] == 4
    # worst entry: where sigma(1 + sigma) - sigma(1 - sigma) = 2 sigma^2 is largest (x = 1.5)
    assert r["worst_index"] == [0, 3]
    s = 1 / (1 + np.exp(-1.5))
    assert r["worst"]["analytic"] == pytest.approx(s * (1 + s), rel=1e-12)
    assert r["worst"]["numeric"] == pytest.approx(s * (1 - s), rel=1e-8)


@pytest.mark.usefixtures("wrong_entries")
def test_wrong_vjp_fails_in_full_and_fast_mode() -> None:
    x = np.array([[0.3, -1.0, 2.0], [1.0, 1.0, -0.5]])
    full = gradcheck_activation("test_diag_softmax", x)
    assert not full["passed"] and not full["checks"]["vjp"]["passed"]
    assert full["checks"]["jacobian"]["passed"]
    # the worst entry is off the diagonal but in the same row of x
    i = full["worst_index"]
    assert i[0] == i[2] and i[1] != i[3]
    fast = gradcheck_activation("test_diag_softmax", x, fast_mode=True)
    assert not fast["passed"]


def test_tolerances_are_torch_defaults_and_configurable() -> None:
    x = np.array([0.1, 0.2])
    r = gradcheck_activation("tanh", x)
    assert (r["eps"], r["atol"], r["rtol"]) == (1e-6, 1e-5, 1e-3)
    # a huge eps makes the difference quotient of tanh visibly wrong
    coarse = gradcheck_activation("tanh", x, tol=Tolerance(eps=0.5, atol=0.0, rtol=1e-6))
    assert not coarse["passed"]


# --------------------------------------------------------------------------------------------
# losses


def _one_hot(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    return np.eye(c)[rng.integers(0, c, n)]


def _probs(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    z = rng.uniform(0.2, 1.0, (n, c))
    return z / z.sum(axis=1, keepdims=True)


def loss_case(
    entry: losses_mod.Loss, rng: np.random.Generator, n: int = 4, c: int = 3
) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """(y_true, y_pred, params) valid for the loss, away from its kinks and clipping."""
    kind, inp = entry.label_kind, entry.input_kind
    if entry.name == "nll":
        return rng.integers(0, c, n), np.log(_probs(rng, n, c)), {}
    if kind == "index":
        return rng.integers(0, c, n), _probs(rng, n, c), {}
    if kind == "one_hot":
        y = _one_hot(rng, n, c)
        pred = rng.normal(size=(n, c)) if inp in ("logits", "scores") else _probs(rng, n, c)
        return y, pred, {}
    if kind == "distribution":
        return _probs(rng, n, c), _probs(rng, n, c), {}
    if kind == "binary":
        return rng.integers(0, 2, (n, c)).astype(float), rng.uniform(0.1, 0.9, (n, c)), {}
    if kind == "pm1":
        pred = rng.uniform(0.2, 0.8, (n, c)) * rng.choice([-1.0, 1.0], (n, c))
        return rng.choice([-1.0, 1.0], (n, c)), pred, {}
    if kind == "count":
        return rng.integers(0, 5, (n, c)).astype(float), rng.uniform(0.5, 3.0, (n, c)), {}
    # real targets; keep |y - y_pred| away from 0 and from huber/smooth_l1's delta = beta = 1
    y = rng.uniform(0.5, 2.0, (n, c))
    pred = y + rng.choice([-1.0, 1.0], (n, c)) * rng.uniform(0.2, 0.8, (n, c))
    return y, pred, {}


# issue 12's entries (catalog `inputs`) are checked for every tensor input in
# tests/compute/test_losses_more.py
@pytest.mark.parametrize("name", [e.name for e in losses_mod.LOSSES if "inputs" not in e.catalog()])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_every_loss_passes(name: str, reduction: str) -> None:
    rng = np.random.default_rng(RNG_SEED)
    y, pred, params = loss_case(losses_mod.LOSSES.get(name), rng)
    r = gradcheck_loss(name, y, pred, params, reduction=reduction)
    assert r["passed"], (r["worst"], r["checks"])
    assert r["mode"] == "full"
    assert np.shape(r["analytic"]) == pred.shape


@pytest.mark.parametrize("name", ["mse", "categorical_crossentropy", "binary_crossentropy"])
def test_losses_with_logits_weights_and_projections(name: str) -> None:
    rng = np.random.default_rng(7)
    entry = losses_mod.LOSSES.get(name)
    y, pred, params = loss_case(entry, rng, n=40, c=8)
    assert pred.size > FULL_MAX_LOSS_INPUTS
    if any(s.name == "from_logits" for s in entry.params):
        params = {**params, "from_logits": True}
        pred = rng.normal(size=pred.shape)
    w = rng.uniform(0.5, 2.0, 40)
    r = gradcheck_loss(name, y, pred, params, sample_weight=w, directions=4)
    assert r["mode"] == "projections" and r["passed"] and r["directions"] == 4


def test_wrong_loss_gradient_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    real = losses_mod.evaluate_loss

    def halved(*args: Any, **kwargs: Any) -> losses_mod.LossResult:
        res = real(*args, **kwargs)
        return dataclasses.replace(res, grad=res.grad / 2)

    monkeypatch.setattr(losses_mod, "evaluate_loss", halved)
    rng = np.random.default_rng(0)
    y, pred, _ = loss_case(losses_mod.LOSSES.get("mse"), rng)
    r = gradcheck_loss("mse", y, pred)
    assert not r["passed"]
    assert r["worst"]["analytic"] == pytest.approx(r["worst"]["numeric"] / 2, rel=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "loc"),
    [
        ({"tol": Tolerance(eps=0.0)}, ("eps",)),
        ({"tol": Tolerance(atol=-1.0)}, ("atol",)),
        ({"tol": Tolerance(rtol=float("nan"))}, ("rtol",)),
        ({"directions": 0}, ("directions",)),
        ({"seed": -1}, ("seed",)),
        ({"axis": 5}, ("axis",)),
        ({"params": {"nope": 1}}, ("params", "nope")),
    ],
)
def test_bad_activation_requests(kwargs: dict[str, Any], loc: tuple[str, ...]) -> None:
    params = kwargs.pop("params", None)
    with pytest.raises(InvalidInputError) as e:
        gradcheck_activation("softmax", np.ones((2, 3)), params, **kwargs)
    assert e.value.loc == loc


def test_bad_loss_requests() -> None:
    with pytest.raises(InvalidInputError) as e:
        gradcheck_loss("mse", np.ones((2, 3)), np.ones((2, 4)))
    assert e.value.loc == ("y_true",)
    with pytest.raises(InvalidInputError) as e:
        gradcheck_loss("mse", np.ones(5000), np.ones(5000), fast_mode=False)
    assert e.value.loc == ("fast_mode",)
    with pytest.raises(UnknownNameError):
        gradcheck_loss("nope", np.ones(2), np.ones(2))
    with pytest.raises(UnknownNameError):
        gradcheck_activation("nope", np.ones(2))


@pytest.mark.parametrize("name", ["relu", "softmax"])
def test_empty_input_has_nothing_to_fail(name: str) -> None:
    r = gradcheck_activation(name, np.zeros((2, 0)), fast_mode=None)
    assert r["passed"] and r["checks"] == {} and r["worst_index"] is None
    assert gradcheck_loss("mse", np.zeros((0, 3)), np.zeros((0, 3)))["passed"]


@pytest.mark.parametrize("alpha", [0.25, [0.1, -0.3, 2.0]])
def test_prelu_alpha_gradient_is_checked(alpha: Any) -> None:
    x = np.array([[-1.5, 0.7, -0.2], [2.0, -3.0, -0.4]])
    r = gradcheck_activation("prelu", x, {"alpha": alpha})
    assert r["passed"] and r["checks"]["param_grads.alpha"]["passed"]
    assert r["checks"]["param_grads.alpha"]["count"] == np.size(alpha)


@pytest.mark.usefixtures("wrong_entries")
def test_wrong_param_gradient_fails() -> None:
    prelu = act.ACTIVATIONS.get("prelu")
    assert prelu.param_grads is not None
    good = prelu.param_grads

    def doubled(x: np.ndarray, g: np.ndarray, p: dict[str, Any], axis: int) -> dict[str, Any]:
        return {k: 2 * v for k, v in good(x, g, p, axis).items()}

    act.ACTIVATIONS.register(
        dataclasses.replace(prelu, name="test_prelu", aliases=(), param_grads=doubled)
    )
    try:
        r = gradcheck_activation("test_prelu", np.array([-1.0, 2.0, -3.0]))
        assert not r["passed"] and not r["checks"]["param_grads.alpha"]["passed"]
        assert r["checks"]["derivative"]["passed"]
    finally:
        act.ACTIVATIONS.unregister("test_prelu")
