"""Regression tests for what the differential test against torch (tests/differential) found.

Each in float64 and float32, expected values exact (or torch's, stated where they come from).
"""

from __future__ import annotations

import numpy as np
import pytest

from service.compute.activations import ACTIVATIONS, evaluate

DTYPES = ["float64", "float32"]


@pytest.mark.parametrize("dt", DTYPES)
def test_sparsemax_minus_inf_next_to_finite_is_probability_zero(dt: str) -> None:
    """sparsemax: −inf next to finite entries is probability 0 with gradient 0 (the limit, as
    softmax); NaN, +inf or a slice of only −inf is NaN throughout. The catalog's rule said any
    ±inf made the slice NaN, which the service never did; the rule now states this."""
    x = np.array([[0.0, -np.inf], [1.0, 2.0], [-np.inf, -np.inf], [0.0, np.inf]], dtype=dt)
    g = np.array([[1.0, 2.0]] * 4, dtype=dt)
    out = evaluate("sparsemax", x, {}, outputs=["value", "vjp"], grad_output=g, dtype=dt)
    y, vjp = out["value"], out["vjp"]
    assert y.dtype == np.dtype(dt)
    np.testing.assert_array_equal(y[0], [1.0, 0.0])
    np.testing.assert_array_equal(vjp[0], [0.0, 0.0])
    np.testing.assert_array_equal(y[1], [0.0, 1.0])  # z = (1, 2): tau = 1, p = (0, 1)
    assert np.all(np.isnan(y[2:])) and np.all(np.isnan(vjp[2:]))
    rule = ACTIVATIONS.get("sparsemax").nonfinite.rule
    assert "−inf next to finite entries gives probability 0" in rule


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", ["softmax_cross_entropy", "categorical_crossentropy"])
def test_a_plus_inf_logit_makes_the_whole_row_nan(name: str, dtype: type) -> None:
    """torch: softmax of a row holding +inf is NaN (inf - inf); the gradient was [NaN, -1, 0]."""
    from service.compute.losses import evaluate_loss

    params = {"from_logits": True} if name == "categorical_crossentropy" else {}
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    z = np.array([[np.inf, 0.0, 1.0], [2.0, 1.0, 0.0]])
    r = evaluate_loss(name, y, z, params, reduction="none", dtype=dtype)
    assert np.isnan(r.per_sample[0]) and np.isnan(r.grad[0]).all()
    e = np.exp([2.0, 1.0, 0.0])
    np.testing.assert_allclose(r.grad[1], e / e.sum() - [1.0, 0.0, 0.0], rtol=1e-6)


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("alpha", [-2e-309, 5e-324, 1e-40, -1e-39])
def test_celu_refuses_an_alpha_whose_reciprocal_overflows(alpha: float, dt: str) -> None:
    """celu divides by alpha: alpha = -2e-309 gave NaN at x = 0 in float32 (alpha rounds to
    0) and torch NaN/inf; |alpha| < 2**-126 is now a 422 like alpha = 0."""
    from service.compute.errors import InvalidInputError

    x = np.array([-1.0, 0.0, 1.0], dtype=dt)
    with pytest.raises(InvalidInputError, match="alpha"):
        evaluate("celu", x, {"alpha": alpha}, outputs=["value"], dtype=dt)
    out = evaluate("celu", x, {"alpha": 2.0**-126}, outputs=["value", "vjp"], dtype=dt)
    np.testing.assert_array_equal(out["value"][1:], [0.0, 1.0])  # x = 0 gives 0, not NaN


@pytest.mark.parametrize("dt", DTYPES)
def test_leaky_relu_alpha_0_at_minus_inf_is_0_and_the_catalog_says_torch_is_nan(dt: str) -> None:
    """0 * -inf: torch NaN, the service the limit 0; the catalog no longer says "agrees"."""
    x = np.array([-np.inf, -1.0, np.inf], dtype=dt)
    out = evaluate("leaky_relu", x, {"alpha": 0.0}, outputs=["value", "vjp"], dtype=dt)
    np.testing.assert_array_equal(out["value"], [0.0, 0.0, np.inf])
    np.testing.assert_array_equal(out["vjp"], [0.0, 0.0, 1.0])
    assert "at -inf with alpha = 0 torch gives NaN" in ACTIVATIONS.get("leaky_relu").nonfinite.torch


@pytest.mark.parametrize("dt", DTYPES)
def test_triplet_margin_one_element_rows_do_not_underflow(dt: str) -> None:
    """p != 1, rows of one element: ||w|| = |w|. The square of 1e-30 underflowed in float32,
    the distance became 0 and the anchor's gradient 0; torch (and the truth) give 1."""
    from service.compute.losses import evaluate_loss

    z = np.zeros((1, 1), dtype=dt)
    r = evaluate_loss(
        "triplet_margin",
        None,
        None,
        {"margin": 1.0, "p": 2.0, "eps": 0.0, "swap": False},
        reduction="sum",
        sample_weight=None,
        dtype=dt,
        inputs={"anchor": z, "positive": z, "negative": np.full((1, 1), 1e-30, dtype=dt)},
    )
    np.testing.assert_array_equal(r.grads["anchor"], [[1.0]])  # 0 - d|a - n|/da = 1
    np.testing.assert_array_equal(r.grads["negative"], [[-1.0]])
    assert float(r.loss) == np.float32(1.0) - np.asarray(1e-30, dtype=dt)
