"""Regression tests for what the differential test against torch found in multi_margin,
triplet_margin, gaussian_nll, cosine_embedding, dice and tversky.

Expected values come from the formulas in exact or well-conditioned float64 arithmetic
(stated at each test), never from the code under test; float64 and float32 where the finding
is about a dtype's range.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from service.compute.losses import LOSSES, evaluate_loss

DTYPES = ["float64", "float32"]
BIG = {"float64": 1.7e308, "float32": 3e38}  # near each dtype's max


def _more(name: str, y: Any, inputs: dict[str, Any], params: dict[str, Any], dt: str, **kw: Any):
    return evaluate_loss(
        name,
        None if y is None else np.asarray(y, dtype=dt),
        None,
        params,
        dtype=dt,
        inputs={k: np.asarray(v, dtype=dt) for k, v in inputs.items()},
        **kw,
    )


@pytest.mark.parametrize("dt", DTYPES)
def test_multi_margin_squared_gradient_does_not_form_2z(dt: str) -> None:
    """p = 2: dL/dx_j = 2 z_j w_y / C. With z = m - x_y + x_j near the dtype's max the old
    2 z overflowed to inf (torch: (2/C) z, finite). x = (0, -big), y = 1, C = 2, m = 1:
    z_0 = 1 + big, which rounds to big; the gradient is (2/2) big = big, and -big at y."""
    big = BIG[dt]
    x = np.array([[0.0, -big]], dtype=dt)
    r = evaluate_loss("multi_margin", np.array([1.0]), x, {"p": 2}, reduction="sum", dtype=dt)
    want = np.array([[big, -big]], dtype=dt)
    np.testing.assert_array_equal(r.grad, want)
    assert r.grad.dtype == np.dtype(dt)
    assert np.isinf(r.per_sample[0])  # z^2 / C is beyond the dtype (true value)


def test_multi_margin_one_class_has_no_term() -> None:
    """C = 1: the sum over j != y is empty, so the loss is 0 whatever the score (NaN too, as
    torch); the catalog rule says so."""
    r = evaluate_loss("multi_margin", np.array([0.0]), np.array([[np.nan]]), {})
    assert float(r.per_sample[0]) == 0.0 and float(r.grad[0, 0]) == 0.0
    assert "one class" in LOSSES.get("multi_margin").nonfinite.rule


@pytest.mark.parametrize("dt", DTYPES)
def test_triplet_margin_p_norm_is_scaled(dt: str) -> None:
    """p = 20, |a - p| = 2.6e15: sum |w|^20 = 2.6^20 1e300 ≈ 2e308 overflows float64 (torch:
    inf - inf = NaN loss). d_p = ||(2.6e15, 0)|| = 2.6e15 and d_n = ||(2.6e15, -1)|| = 2.6e15
    (1 + 2.6e15^-20)^(1/20), equal in any float: z = 1, loss 1, gradients (1, 0) - (1, 0)."""
    w = 2.6e15 if dt == "float64" else 2.6e2  # float32: 260^20 = 2e48 overflows float32
    ins = {"anchor": [[w, 0.0]], "positive": [[0.0, 0.0]], "negative": [[0.0, 1.0]]}
    r = _more("triplet_margin", None, ins, {"p": 20.0, "eps": 0.0}, dt, reduction="none")
    assert float(r.per_sample[0]) == 1.0
    g = r.grads
    np.testing.assert_allclose(g["positive"][0], [-1.0, 0.0], atol=1e-30)
    np.testing.assert_allclose(g["negative"][0], [1.0, 0.0], atol=1e-30)
    np.testing.assert_allclose(g["anchor"][0], [0.0, 0.0], atol=1e-30)
    assert all(v.dtype == np.dtype(dt) for v in g.values())


@pytest.mark.parametrize("dt", DTYPES)
def test_triplet_margin_euclidean_norm_of_huge_rows(dt: str) -> None:
    """p = 2 with |w| above sqrt(max) (1e154 / 1.8e19): (3s, 4s) has norm 5s exactly (s a power
    of two); the old sum of squares overflowed and z was inf - inf = NaN."""
    s = 2.0**600 if dt == "float64" else 2.0**70
    ins = {
        "anchor": [[3 * s, 4 * s]],
        "positive": [[0.0, 0.0]],
        "negative": [[0.0, 4 * s]],  # w_n = (3s, 0): d_n = 3s
    }
    r = _more("triplet_margin", None, ins, {"eps": 0.0, "margin": 0.0}, dt, reduction="none")
    np.testing.assert_allclose(float(r.per_sample[0]), 2 * s, rtol=1e-6)  # 0 + 5s - 3s
    np.testing.assert_allclose(r.grads["positive"][0], [-0.6, -0.8], rtol=1e-6)
    np.testing.assert_allclose(r.grads["negative"][0], [1.0, 0.0], rtol=1e-6)
    np.testing.assert_allclose(r.grads["anchor"][0], [-0.4, 0.8], rtol=1e-6)


@pytest.mark.parametrize("dt", DTYPES)
def test_triplet_margin_difference_of_overflowing_distances(dt: str) -> None:
    """Both distances beyond the dtype, their difference not: w_p = (b, b), w_n = (b - c, b)
    with b = 0.9 max, c = b/3: d_p = sqrt(2) b, d_n = hypot(b - c, b), and z = 1 + d_p - d_n
    = (sqrt(2) - hypot((b - c)/b, 1)) b (+1, negligible), formed at the common scale (old:
    inf - inf = NaN). Expected in units of b (float64 math, no overflow)."""
    b = float(np.asarray(0.9 * float(np.finfo(dt).max), dtype=dt))
    c = float(np.asarray(b / 3, dtype=dt))
    ins = {"anchor": [[b, b]], "positive": [[0.0, 0.0]], "negative": [[c, 0.0]]}
    r = _more("triplet_margin", None, ins, {"eps": 0.0}, dt, reduction="none")
    t = (b - c) / b
    h = math.hypot(t, 1.0)
    np.testing.assert_allclose(float(r.per_sample[0]), (math.sqrt(2.0) - h) * b, rtol=1e-5)
    q = 1 / math.sqrt(2.0)
    np.testing.assert_allclose(r.grads["anchor"][0], [q - t / h, q - 1 / h], rtol=1e-5)


def test_triplet_margin_p_below_one_with_a_norm_beyond_the_dtype() -> None:
    """p = 0.5, w = (3e38, 3e38) in float32: ||w||_0.5 = (2 sqrt(3e38))^2 = 1.2e39 is beyond
    float32; the gradient (|w_j| / ||w||)^(p-1) = 0.25^-0.5 = 2 is finite (old: |w_j|^(-1/2)
    ||w||^(1/2) = inf), and z = 1 + d_p - d_n with d_p = d_n is 1 at the common scale."""
    ins = {"anchor": [[3e38, 3e38]], "positive": [[0.0, 0.0]], "negative": [[0.0, 0.0]]}
    r = _more("triplet_margin", None, ins, {"p": 0.5, "eps": 0.0}, "float32", reduction="none")
    assert float(r.per_sample[0]) == 1.0
    np.testing.assert_allclose(r.grads["positive"][0], [-2.0, -2.0], rtol=1e-6)
    np.testing.assert_allclose(r.grads["negative"][0], [2.0, 2.0], rtol=1e-6)
    np.testing.assert_array_equal(r.grads["anchor"][0], [0.0, 0.0])


def test_triplet_margin_tiny_p_equal_distances_beyond_float64() -> None:
    """p = 0.001, w = (-1e300, 20) for both pairs: ||w||_p = (1e300^0.001 + 20^0.001)^1000 ≈
    1e477 is beyond float64, but d_p = d_n exactly, so z = 1 (old: inf - inf = NaN), without
    an invalid-value warning (warnings are errors here)."""
    ins = {"anchor": [[-1e300, 20.0]], "positive": [[0.0, 0.0]], "negative": [[0.0, 0.0]]}
    r = _more("triplet_margin", None, ins, {"p": 0.001, "eps": 0.0}, "float64", reduction="none")
    assert float(r.per_sample[0]) == 1.0
    assert float(r.grads["anchor"][0, 0]) == 0.0  # the two equal finite terms cancel


def _log10_pnorm(w: list[float], p: float) -> float:
    """log10 ||w||_p from the logs of the terms (math.fsum of exp of the shifted logs)."""
    logs = [p * math.log10(abs(x)) for x in w if x != 0]
    top = max(logs)
    return (top + math.log10(math.fsum(10 ** (v - top) for v in logs))) / p


def test_triplet_margin_tiny_p_norms_beyond_float64_compared_by_their_logs() -> None:
    """Differential seed 3008: p = 0.001, float64, swap. The three distances are beyond
    float64: log10 d(a, p) = 588.45, d(a, n) = 602.36, d(p, n) = 482.97 (from the logs of
    the terms, below). swap takes d(p, n), so z = 1 + d(a, p) - d(p, n) is +inf (torch: inf -
    inf = NaN). The service gave -inf, so the loss 0: scaling a row by its largest |w| turned
    1.1e-58 into 0 where its |w|^0.001 = 0.876 is a third of the sum; without swap z = -inf
    (d(a, n) is the largest), loss 0."""
    a = [530.9845336119952, -1e300, -1.1056470118355849e-58]
    pos = [8.22166747168712, -1e-310, -4.920483908492046e-160]
    neg = [4.424242862989935, -1.6966744413534604e16, 3.5018570639530306]
    logs = [
        _log10_pnorm([x - y for x, y in zip(u, v, strict=True)], 0.001)
        for u, v in ((a, pos), (a, neg), (pos, neg))
    ]
    assert [round(v, 2) for v in logs] == [588.45, 602.36, 482.97]
    ins = {"anchor": [a], "positive": [pos], "negative": [neg]}
    prm = {"p": 0.001, "eps": 0.0}
    r = _more("triplet_margin", None, ins, {**prm, "swap": True}, "float64", reduction="none")
    assert float(r.per_sample[0]) == math.inf
    r = _more("triplet_margin", None, ins, {**prm, "swap": False}, "float64", reduction="none")
    assert float(r.per_sample[0]) == 0.0
    np.testing.assert_array_equal(r.grads["anchor"], [[0.0, 0.0, 0.0]])


@pytest.mark.parametrize("dt", DTYPES)
def test_gaussian_nll_does_not_square_before_dividing(dt: str) -> None:
    """e = x - y with e^2 beyond the dtype but e^2 / (2 C v) not: x = 0, y = e, v = 1, C = 2.
    L = (0 + e^2) / 4, dL/dx = -e / 2, dL/dvar = (1 - e^2) / 4 (torch: inf and -inf)."""
    e = 2.0**512 if dt == "float64" else 2.0**64  # e^2 = 2^1024 / 2^128: beyond the max
    y = [[e, 0.0]]
    ins = {"y_pred": [[0.0, 0.0]], "var": [[1.0, 1.0]]}
    r = _more("gaussian_nll", y, ins, {}, dt, reduction="none")
    e2_4 = 2.0 ** (2 * math.log2(e) - 2)  # e^2 / 4, a power of two
    assert float(r.per_sample[0]) == e2_4
    np.testing.assert_array_equal(r.grads["y_pred"][0], np.array([-e / 2, 0.0], dtype=dt))
    np.testing.assert_array_equal(r.grads["var"][0], np.array([-e2_4, 0.25], dtype=dt))


def test_gaussian_nll_quotient_overflows_but_the_loss_does_not() -> None:
    """float32, e = 2^-11, v = 2^-149 (the smallest subnormal), eps = 0: e / v = 2^138
    overflows but e^2 / v = 2^127 does not: L = (log v + e^2 / v) / 2 = 2^126 - 149 ln(2) / 2,
    which rounds to 2^126 (old: e (e / v) = inf)."""
    ins = {"y_pred": [[2.0**-11]], "var": [[2.0**-149]]}
    r = _more("gaussian_nll", [[0.0]], ins, {"eps": 0.0}, "float32", reduction="none")
    assert float(r.per_sample[0]) == 2.0**126


@pytest.mark.parametrize("dt", DTYPES)
def test_cosine_embedding_norms_are_scaled(dt: str) -> None:
    """x2 = (1, 0.3) b with |x2|^2 beyond the dtype (torch: cosine 0, NaN gradient). The cosine
    is scale-free: cos = (1 + 0.6) / (sqrt(5) sqrt(1.09)) (eps is negligible against |x|^2)."""
    b = 1e300 if dt == "float64" else 1e30
    x1, x2 = [1.0, 2.0], [b, 0.3 * b]
    r = _more("cosine_embedding", [1.0], {"x1": [x1], "x2": [x2]}, {}, dt, reduction="none")
    n1, n2u = math.sqrt(5.0), math.sqrt(1.09)
    cos = 1.6 / (n1 * n2u)
    tol = 1e-12 if dt == "float64" else 1e-6
    np.testing.assert_allclose(float(r.per_sample[0]), 1.0 - cos, rtol=tol)
    # dL/dx1 = -(x2 / (|x1||x2|) - cos x1 / |x1|^2), with x2 / |x2| = (1, 0.3) / sqrt(1.09)
    want = [-(u / (n1 * n2u) - cos * v / 5.0) for u, v in zip([1.0, 0.3], x1, strict=True)]
    np.testing.assert_allclose(r.grads["x1"][0], want, rtol=tol)
    assert np.all(np.isfinite(r.grads["x2"][0]))
    text = LOSSES.get("cosine_embedding").nonfinite.torch
    assert text.startswith("agrees (") and "computed scaled" in text


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("name", ["dice", "tversky"])
def test_whole_batch_empty_sample_weight(name: str, dt: str) -> None:
    """axis=None with an empty batch and sample weights of its shape (0, 2): Keras multiplies
    the one loss value by the weights (reduction none: an empty result of the batch's shape)
    and sums them ('sum' and 'mean' over no weight: 0). The service returned the unweighted
    loss as a number."""
    y = np.zeros((0, 2, 3), dtype=dt)
    p = np.zeros((0, 2, 3), dtype=dt)
    sw = np.zeros((0, 2), dtype=dt)
    r = evaluate_loss(name, y, p, {"axis": None}, reduction="none", sample_weight=sw, dtype=dt)
    assert r.loss.shape == (0, 2)
    for red in ("sum", "mean"):
        r = evaluate_loss(name, y, p, {"axis": None}, reduction=red, sample_weight=sw, dtype=dt)
        assert float(r.loss) == 0.0
    r = evaluate_loss(name, y, p, {"axis": None}, reduction="sum", dtype=dt)
    assert float(r.loss) == 1.0  # no weights: 1 - 0 / eps, the loss of an empty batch
