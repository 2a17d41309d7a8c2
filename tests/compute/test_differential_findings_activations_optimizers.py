"""Regression tests for what the differential test against torch found in leaky_relu, rrelu,
squareplus, RMSprop, LAMB and Adamax's float32 weight decay (tests/differential; the
gumbel_softmax finding was the test's).

Expected values are exact, or from mpmath at 50 digits where stated; never computed by the code
under test.
"""

from __future__ import annotations

import numpy as np
import pytest

from service.compute.activations import ACTIVATIONS, evaluate
from service.compute.optimizers import OPTIMIZERS, step

DTYPES = ["float64", "float32"]


def test_leaky_relu_a_slope_that_is_0_in_float32_gives_0_at_minus_inf() -> None:
    """alpha = -1.1e-231 is -0 in float32: f(x) = 0 for every x < 0, so the limit at -inf is 0
    (the service gave -0 * -inf = NaN)."""
    x = np.array([-np.inf, -1.0, 2.0], dtype=np.float32)
    a = -1.106579515304262e-231
    out = evaluate("leaky_relu", x, {"alpha": a}, outputs=["value", "vjp"], dtype="float32")
    np.testing.assert_array_equal(out["value"], [0.0, 0.0, 2.0])
    np.testing.assert_array_equal(out["vjp"], [0.0, 0.0, 1.0])
    assert out["value"].dtype == np.float32


def test_leaky_relu_the_same_slope_in_float64_is_not_0() -> None:
    """In float64 the slope is -1.1e-231: f(-1) = 1.1e-231 and f(-inf) = +inf (the limit)."""
    a = -1.106579515304262e-231
    x = np.array([-np.inf, -1.0], dtype=np.float64)
    out = evaluate("leaky_relu", x, {"alpha": a}, outputs=["value", "vjp"])
    np.testing.assert_array_equal(out["value"], [np.inf, -a])
    np.testing.assert_array_equal(out["vjp"], [a, a])


@pytest.mark.parametrize(("dt", "bound"), [("float64", 0.0), ("float32", 0.0), ("float32", 1e-50)])
def test_rrelu_slope_0_in_the_dtype_gives_0_at_minus_inf(dt: str, bound: float) -> None:
    """lower = upper = 0 (or 1e-50, which float32 rounds to 0): 0 at -inf, the limit; torch
    computes 0 * -inf = NaN there and the catalog says so (the test compared it as agreeing)."""
    x = np.array([-np.inf, -9.278869771121933, 3.0], dtype=dt)
    prm = {"lower": bound, "upper": bound}
    out = evaluate("rrelu", x, prm, outputs=["value", "vjp"], dtype=dt)
    np.testing.assert_array_equal(out["value"], [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(out["vjp"], [0.0, 0.0, 1.0])
    text = ACTIVATIONS.get("rrelu").nonfinite.torch
    assert "torch gives NaN (0 * -inf)" in text and not text.startswith("agrees")


def test_squareplus_float32_tiny_b_has_no_0_over_0() -> None:
    """b = 4.2e-94: sqrt(b) = 6.5e-47 is 0 in float32. f'(x) for x < 0 was b / (s (s - x)) =
    0 / 0 = NaN at x = -1e-40. Exact (mpmath): f'(-1e-40) = 1.0619e-14, 0 at float32's scale of
    f' (its range is [0, 1]); f'(0) = 0.5; f'(3.123148) = 1 - 1.1e-95."""
    x = np.array([-1e-40, 0.0, 3.123148, 0.95], dtype=np.float32)
    b = 4.247602589873731e-94
    out = evaluate("squareplus", x, {"b": b}, outputs=["value", "vjp"], dtype="float32")
    d = out["vjp"]
    assert d.dtype == np.float32 and np.all(np.isfinite(d))
    assert abs(float(d[0]) - 1.0619006474684e-14) <= 1e-13
    np.testing.assert_array_equal(d[1:], [0.5, 1.0, 1.0])
    np.testing.assert_array_equal(out["value"], [0.0, 0.0, np.float32(3.123148), np.float32(0.95)])


def test_squareplus_float64_subnormal_b_is_accurate() -> None:
    """b = 1e-320 (subnormal), x = -3e-161: s(s - x) ~ 1e-320 lost most of its digits (f' was
    0.35633803). mpmath: f = 3.7201265961245687e-161, f' = 0.3563253234975563."""
    x = np.array([-3e-161])
    out = evaluate("squareplus", x, {"b": 1e-320}, outputs=["value", "vjp"])
    np.testing.assert_allclose(out["value"], [3.7201265961245687e-161], rtol=1e-13)
    np.testing.assert_allclose(out["vjp"], [0.3563253234975563], rtol=1e-13)


_RMS = {
    "lr": 1e-3,
    "alpha": 1e-8,
    "eps": 2.0711158826083347,
    "weight_decay": 0.0,
    "momentum": 0.5,
    "centered": True,
    "maximize": True,
}


def test_rmsprop_centered_small_alpha_float64_is_exact() -> None:
    """The differential test's case (alpha = 1e-8): v_t - g_avg_t^2 cancelled, the step was off
    by 3e-8 (torch 2.13: 1.5e-9, 10.116441042273408). mpmath at 50 digits from these inputs:
    10.116441043803379, 0.30028969051109483, 0.15925523511435413."""
    p0 = np.array([0.11644099380337813, 0.3, 0.1])
    g = np.array([3.775131811546839e29, 0.6, 123.456])
    r = step("rmsprop", p0, g, None, _RMS)
    want = [10.116441043803379, 0.30028969051109483, 0.15925523511435413]
    np.testing.assert_allclose(np.asarray(r.params), want, rtol=4e-16)


@pytest.mark.parametrize("dt", DTYPES)
def test_rmsprop_centered_alpha_0_has_variance_0(dt: str) -> None:
    """alpha = 0: v = g^2 and g_avg = g, so the variance is exactly 0 and the step is
    lr * g / eps. torch subtracts the exact g^2 from the rounded one: rounding noise, or NaN
    where it is negative (float32 g = 0.7)."""
    hp = {"lr": 1e-3, "alpha": 0.0, "eps": 1e-3, "centered": True}
    p0 = np.array([1.0, -2.0], dtype=dt)
    g = np.array([0.7, 0.3], dtype=dt)
    r = np.asarray(step("rmsprop", p0, g, None, hp).params)
    assert r.dtype == np.dtype(dt)
    np.testing.assert_allclose(r, [0.3, -2.3], rtol=4 * np.finfo(dt).eps)


@pytest.mark.parametrize("dt", DTYPES)
def test_rmsprop_centered_two_steps_exact_binary_fractions(dt: str) -> None:
    """alpha = 0.5, g = 1 twice: v = 0.5, 0.75; g_avg = 0.5, 0.75; variance 0.25, 0.1875 (all
    exact): the second step is 1 / (sqrt(0.1875) + eps) with the stored state sent back."""
    hp = {"lr": 1.0, "alpha": 0.5, "eps": 1e-8, "centered": True}
    p = np.zeros(1, dtype=dt)
    g = np.ones(1, dtype=dt)
    r1 = step("rmsprop", p, g, None, hp)
    r2 = step("rmsprop", r1.params, g, r1.state, hp)
    want = -1 / (0.5 + 1e-8) - 1 / (np.sqrt(0.1875) + 1e-8)
    np.testing.assert_allclose(np.asarray(r2.params), [want], rtol=8 * np.finfo(dt).eps)


def test_lamb_zero_parameter_norm_keeps_the_finite_elements() -> None:
    """A zero parameter norm makes the trust ratio 1 (optax), even with a NaN update norm: only
    the non-finite gradient's element is NaN. Step 1 at g = 1: m_hat = 1, v_hat = 1, so the
    update is 1 / (1 + eps), eps = 1e-6."""
    r = np.asarray(step("lamb", np.zeros(2), np.array([1.0, np.inf]), None, {}).params)
    np.testing.assert_allclose(r[0], -1e-3 / (1 + 1e-6), rtol=1e-15)
    assert np.isnan(r[1])
    assert "parameter norm is 0" in OPTIMIZERS.get("lamb").nonfinite.rule


@pytest.mark.parametrize("dt", DTYPES)
def test_lamb_inf_gradient_clipped_by_value_is_finite(dt: str) -> None:
    """clip value 1000 makes -inf -1000 before the update (the rule reads the clipped
    gradient): u = -1000 / (1000 + eps), trust ratio |p| / |u|, so p moves by exactly lr."""
    r = step(
        "lamb",
        np.array([1.0], dtype=dt),
        np.array([-np.inf], dtype=dt),
        None,
        {"lr": 0.5},
        clip={"value": 1000.0},
    )
    np.testing.assert_allclose(np.asarray(r.params), [1.5], rtol=4 * np.finfo(dt).eps)


def test_coupled_weight_decay_in_float32_rounds_once() -> None:
    """g + wd·p in float32 is torch's add(p, alpha=wd): one rounding of the exact value
    (alpha in float32). Expected values from exact rational arithmetic."""
    from fractions import Fraction

    from service.compute.optimizers.rules._base import fused_add

    rng = np.random.default_rng(11)
    g = (rng.normal(size=200) * 1e-3).astype(np.float32)
    p = rng.normal(size=200).astype(np.float32)
    wd = 0.01
    got = fused_add(g, wd, p)
    assert got.dtype == np.float32
    alpha = Fraction(float(np.float32(wd)))
    for gi, pi, out in zip(g, p, got, strict=True):
        exact = Fraction(float(gi)) + alpha * Fraction(float(pi))
        as64 = float(exact)
        assert Fraction(as64) == exact  # exact in float64, so one rounding to float32
        assert out == np.float32(as64)
    # float64 is left as it was (two roundings), and the overflow is ±inf without a warning
    g64, p64 = g.astype(np.float64), p.astype(np.float64)
    np.testing.assert_array_equal(fused_add(g64, wd, p64), g64 + wd * p64)
    assert np.isposinf(fused_add(np.float32([3e38]), 10.0, np.float32([3e38]))[0])


def test_adamax_float32_decayed_gradient_residual_is_kept() -> None:
    """The long differential run (seed 2008): a float32 gradient equal to −wd·p within an ULP
    under maximize. The decayed gradient is a residual r of about one ULP; Adamax with
    β₁ = 1 − 2⁻⁵³, β₂ = 0 normalises it, p ← p − lr·sign(r) (torch: 0.7113098). Two
    roundings made r exactly 0 and left p where it was."""
    from fractions import Fraction

    p = np.array([-0.28869024], dtype=np.float32)
    g = np.array([-2.8869023e-09], dtype=np.float32)
    wd = 1e-08
    r = -Fraction(float(g[0])) + Fraction(float(np.float32(wd))) * Fraction(float(p[0]))
    assert r != 0
    hp = {
        "lr": 1.0,
        "betas": [0.9999999999999999, 0.0],
        "eps": 6.336469515432612e-36,
        "weight_decay": wd,
        "maximize": True,
    }
    out = np.asarray(step("adamax", p, g, None, hp).params)
    expected = np.float32(float(p[0]) - (1.0 if r > 0 else -1.0))
    np.testing.assert_allclose(out, [expected], rtol=2 * np.finfo(np.float32).eps)
    np.testing.assert_allclose(out, [0.7113098], rtol=1e-6)


def test_adamax_float32_tiny_beta1_keeps_the_old_moment() -> None:
    """The long differential run (seed 5017): float32 Adamax with β₁ = 2⁻²⁷, where 1 − β₁ is 1
    in float32. torch's ``lerp(m, g, 1 − β₁)`` then drops β₁·m; the exact rule keeps it. After
    a gradient of −5.3e29, a second step's moment is β₁·m₁ (≈ −3.9e21) plus a decayed
    gradient of ~2.2, so m/u ≈ −1 and the parameter moves by η again (torch: by ~5e-22 η).
    Expected from the service's stored state in exact arithmetic (fractions)."""
    from fractions import Fraction as F

    b = 2.0**-27
    hp = {"lr": 0.5, "betas": [b, b], "eps": 2.0**-27, "weight_decay": 4.0, "maximize": False}
    p0 = np.array([0.05], dtype=np.float32)
    r1 = step("adamax", p0, np.array([-5.2771323e29], dtype=np.float32), None, hp)
    p1 = np.asarray(r1.params)
    zero = np.zeros(1, dtype=np.float32)
    r2 = step("adamax", p1, zero, r1.state, hp)
    p2 = np.asarray(r2.params)
    assert p2.dtype == np.float32
    m1 = F(float(np.asarray(r1.state["slots"]["exp_avg"])[0]))
    u1 = F(float(np.asarray(r1.state["slots"]["exp_inf"])[0]))
    fb, fp1 = F(b), F(float(p1[0]))
    g = 4 * fp1  # the decayed gradient of a zero gradient
    m2 = fb * m1 + (1 - fb) * g
    u2 = max(fb * u1, abs(g) + fb)
    want = fp1 - F(1, 2) / (1 - fb**2) * m2 / u2
    np.testing.assert_allclose(p2, [float(want)], rtol=4 * np.finfo(np.float32).eps)
    assert float(p2[0] - p1[0]) > 0.49  # torch float32 leaves it within 1e-20 of p1
