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
