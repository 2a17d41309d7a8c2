"""Regression tests for the differential test's findings on mape, msle, binary_crossentropy,
categorical/softmax/sparse cross-entropy, kl_divergence and multilabel_soft_margin.

Expected values come from first principles (exact limits, decimal arithmetic, the catalog's
rules); where torch 2.13 agrees its value is quoted in a comment. Every case runs in float64
and float32.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest

from service.compute.losses import evaluate_loss
from service.compute.losses._core import positive_epsilon, sigmoid

DTYPES = ["float64", "float32"]
NAN, INF = math.nan, math.inf


def _loss(name: str, y: list, p: list, q: dict, dt: str, reduction: str = "none") -> tuple:
    r = evaluate_loss(
        name,
        np.asarray(y, dtype=dt),
        np.asarray(p, dtype=dt),
        q,
        reduction=reduction,
        dtype=dt,
    )
    return np.asarray(r.loss), np.asarray(r.grad), np.asarray(r.per_sample)


# ---- mape: a tiny epsilon ------------------------------------------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_mape_zero_error_with_tiny_epsilon_has_zero_gradient(dt: str) -> None:
    # |p - y| / max(|y|, eps) at p = y = 0: loss 0, gradient sign(0) (100/C) / eps = 0 (the
    # torch.sign convention) however small eps is; it was 0 * inf = NaN in a reference
    # that divides first, and in float32 eps = 5e-324 rounded to 0 gave 0 / 0 = NaN
    loss, grad, per = _loss("mape", [0.0], [0.0], {"epsilon": 5e-324}, dt, "mean")
    assert float(loss) == 0.0 and float(per) == 0.0
    assert grad.tolist() == [0.0]


@pytest.mark.parametrize(
    ("dt", "eps", "p0"),
    [("float64", 5e-307, 1e-300), ("float32", 1e-37, 1e-30)],
)
def test_mape_gradient_does_not_overflow_before_dividing_by_c(
    dt: str, eps: float, p0: float
) -> None:
    # y = 0, C = 4: dL/dp_0 = 100 / (C eps) = 25 / eps, finite (5e307 in float64, 2.5e38 in
    # float32); 100 / eps alone overflows, and the gradient was inf
    _, grad, _ = _loss("mape", [0.0] * 4, [p0, 0.0, 0.0, 0.0], {"epsilon": eps}, dt)
    want = 25.0 / float(np.asarray(eps, dtype=dt))
    assert np.isfinite(grad[0])
    np.testing.assert_allclose(float(grad[0]), want, rtol=4 * np.finfo(dt).eps)
    assert grad[1:].tolist() == [0.0, 0.0, 0.0]


def test_positive_epsilon_keeps_a_positive_floor() -> None:
    assert positive_epsilon(5e-324, np.float64) == 5e-324
    assert positive_epsilon(5e-324, np.float32) == np.finfo(np.float32).tiny
    assert positive_epsilon(1e-40, np.float32) == np.float32(1e-40)  # a float32 subnormal
    assert positive_epsilon(1e-7, np.float32).dtype == np.float32


# ---- msle: NaN y_true where y_pred is clipped ----------------------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_msle_nan_label_gives_nan_gradient_where_y_pred_is_clipped(dt: str) -> None:
    # the catalog's rule: NaN in y_true -> NaN loss and NaN gradient; below epsilon y_pred is
    # clipped (gradient 0), except at the NaN label (it was 0 there: an all-finite gradient
    # row for a NaN loss)
    y = [[NAN, 6.0, 1e-21]]
    p = [[-2.0, -5.0, 1e-30]]
    loss, grad, per = _loss("msle", y, p, {"epsilon": 1e-7}, dt, "sum")
    assert math.isnan(float(loss)) and math.isnan(float(per[0]))
    assert math.isnan(grad[0, 0])
    assert grad[0, 1:].tolist() == [0.0, 0.0]


# ---- binary_crossentropy from logits: ±inf labels ------------------------------------------

LOGITS = {"from_logits": True}


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize(
    ("y", "z", "want"),
    [
        # L = (1 - y) z + softplus(-z) is affine in y: slope -z. y -> ±inf: the limit -z·y
        # (torch's BCEWithLogitsLoss gives these: -inf, +inf, +inf, NaN)
        (INF, 1.0, -INF),
        (-INF, 1.0, INF),
        (INF, -2.0, INF),
        (INF, 0.0, NAN),  # slope 0: 0 * inf, no limit
    ],
)
def test_bce_logits_infinite_labels_give_the_limit(
    dt: str, y: float, z: float, want: float
) -> None:
    _, grad, per = _loss("binary_crossentropy", [[y]], [[z]], LOGITS, dt)
    if math.isnan(want):
        assert math.isnan(float(per[0]))
    else:
        assert float(per[0]) == want
    # dL/dz = sigma(z) - y: -inf for y = +inf, +inf for y = -inf
    assert float(grad[0, 0]) == -y


@pytest.mark.parametrize("dt", DTYPES)
def test_bce_logits_minus_inf_logit_keeps_the_limit(dt: str) -> None:
    # z = -inf with y > 0: -y log sigma(z) = +inf (the documented difference: torch's
    # max-shift form gives inf - inf = NaN); with y = 0: 0 * inf = NaN (the rule)
    _, grad, per = _loss("binary_crossentropy", [[0.2], [0.0]], [[-INF], [-INF]], LOGITS, dt)
    assert float(per[0]) == INF
    assert math.isnan(float(per[1]))
    np.testing.assert_allclose(grad[:, 0], [-0.2, 0.0], rtol=np.finfo(dt).eps)


# ---- categorical / softmax cross-entropy: masking does not hide NaN ------------------------


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("name", ["categorical_crossentropy", "softmax_cross_entropy"])
def test_cross_entropy_nan_logit_is_not_masked_by_a_zero_class_weight(dt: str, name: str) -> None:
    # the target class has weight 0, so every weighted target is 0; the masking (a -inf
    # log-probability with target 0 adds 0) must not turn the NaN row into 0 (torch: NaN)
    q = {"from_logits": True, "class_weight": [0.0, 1.0, 2.0, 1.0]}
    if name == "softmax_cross_entropy":
        q.pop("from_logits")
    y = [[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]]
    p = [[1.1, 30.0, NAN, NAN], [1.1, 30.0, 0.5, 0.0]]
    loss, grad, per = _loss(name, y, p, q, dt, "sum")
    assert math.isnan(float(per[0])) and math.isnan(float(loss))
    assert float(per[1]) == 0.0  # weight 0 times a finite loss
    assert np.all(np.isnan(grad[0]))


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("name", ["categorical_crossentropy", "softmax_cross_entropy"])
def test_cross_entropy_minus_inf_logit_with_target_0_is_masked(dt: str, name: str) -> None:
    # -log softmax(z)_1 with z_2 = -inf (target 0): the term is 0 (torch: 0 * -inf = NaN,
    # the documented difference); the loss is z_0 - z_1 + log(1 + e^(z_1 - z_0) +
    # e^(z_3 - z_0)) = 769.97... + 2.4e-296 (float64) / 769.97 (float32)
    q = {"from_logits": True} if name == "categorical_crossentropy" else {}
    z = [0.0, -769.97, -INF, -681.8]
    _, grad, per = _loss(name, [[0.0, 1.0, 0.0, 0.0]], [z], q, dt)
    want = -float(np.asarray(-769.97, dtype=dt))
    np.testing.assert_allclose(float(per[0]), want, rtol=np.finfo(dt).eps)
    # softmax - t = [1, -1, 0, e^-681.8]
    assert grad[0, :3].tolist() == [1.0, -1.0, 0.0]


# ---- sparse categorical cross-entropy: mean over D = 0 with a NaN sample -------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_sparse_mean_over_zero_weight_keeps_nan(dt: str) -> None:
    # class weight 0: D = sum of the target classes' weights = 0, 'mean' is 0 (divide_no_nan)
    # with a zero gradient, but a NaN sample loss (0 * NaN) stays NaN: never hidden
    q = {"from_logits": True, "class_weight": 0.0}
    loss, grad, per = _loss("sparse_categorical_crossentropy", [0], [[NAN, 1.0]], q, dt, "mean")
    assert math.isnan(float(per[0])) and math.isnan(float(loss))
    assert np.all(np.isnan(grad))
    loss, grad, per = _loss("sparse_categorical_crossentropy", [0], [[0.0, 1.0]], q, dt, "mean")
    assert float(loss) == 0.0 and float(per[0]) == 0.0
    assert grad.tolist() == [[0.0, 0.0]]


# ---- kl_divergence ---------------------------------------------------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_kl_logits_row_holding_inf_is_nan_throughout(dt: str) -> None:
    # the catalog's rule (and torch's KLDivLoss on log_softmax): a row holding +inf is NaN,
    # its gradient too (the finite logit's gradient was exp(-inf) - y = -y)
    q = {"from_logits": True, "label_smoothing": 0.15}
    _, grad, per = _loss("kl_divergence", [[0.47, 0.53]], [[INF, -26.3]], q, dt)
    assert math.isnan(float(per[0]))
    assert np.all(np.isnan(grad))


@pytest.mark.parametrize("dt", DTYPES)
def test_kl_probabilities_epsilon_below_float32_range(dt: str) -> None:
    # eps = 4e-84 rounds to 0 in float32; y = 0 clipped to 0 gave 0 log 0 = NaN. With the
    # floor at float32's smallest normal number the y = 0 term is tiny (log tiny - log 0.5),
    # about -1e-36: the loss is log 2 to within rounding
    _, grad, per = _loss("kl_divergence", [[0.0, 1.0]], [[0.5, 0.5]], {"epsilon": 4e-84}, dt)
    np.testing.assert_allclose(float(per[0]), math.log(2.0), rtol=2 * np.finfo(dt).eps)
    assert np.all(np.isfinite(grad))
    np.testing.assert_allclose(grad[0, 1], -2.0, rtol=np.finfo(dt).eps)  # -y / p


# ---- multilabel_soft_margin: infinite labels and sigma's subnormals ------------------------


def _sigma(x: float) -> float:
    """1 / (1 + e^-x) from 60-digit decimal arithmetic, rounded once (subnormals too)."""
    with localcontext() as ctx:
        ctx.prec = 60
        return float(1 / (1 + (-Decimal(x)).exp()))


@pytest.mark.parametrize(
    ("dt", "xs"),
    [
        ("float64", [-709.0, -720.0, -732.5, -740.0, -745.0, -746.0, -1e4]),
        ("float32", [-88.0, -90.0, -95.5, -103.0, -104.5, -1e4]),
    ],
)
def test_sigmoid_keeps_subnormal_results(dt: str, xs: list[float]) -> None:
    x = np.asarray(xs, dtype=dt)
    got = sigmoid(x)
    want = np.asarray([_sigma(float(v)) for v in x], dtype=np.float64).astype(dt)
    assert got.dtype == np.dtype(dt)
    # exp is faithful: within one subnormal step (one ULP) of the correctly rounded value
    step = np.spacing(np.abs(want))
    assert np.all(np.abs(got.astype(np.float64) - want) <= step), (got, want)
    assert np.count_nonzero(got) >= len(xs) - 2  # only the underflowing ones are 0


@pytest.mark.parametrize(("dt", "x"), [("float64", 732.39), ("float32", 95.0)])
def test_multilabel_soft_margin_minus_inf_label_gradient_is_inf(dt: str, x: float) -> None:
    # dL/dz = (sigma(z) - y) / C = +inf for y = -inf (torch 2.13: inf); the no-cancellation
    # form (1 - y) sigma(z) - y sigma(-z) was inf - (-inf * 0) = NaN where expit(-z)
    # underflowed to 0 instead of the subnormal e^-z
    r = evaluate_loss(
        "multilabel_soft_margin",
        np.asarray([[-INF, 0.5]], dtype=dt),
        np.asarray([[x, 0.0]], dtype=dt),
        {},
        reduction="sum",
        dtype=dt,
    )
    assert r.grad.tolist() == [[INF, 0.0]]


# ---- class weights far from 1: the weighted mean is a ratio (seeds 2015, 3010, 3023) -------


@pytest.mark.parametrize("dt", DTYPES)
def test_nll_mean_with_a_class_weight_below_the_dtype(dt: str) -> None:
    """Seed 3010: nll, one sample, class weight 1.2e-229, mean. Σ w l / Σ w = l, so loss =
    -p_y (within the two roundings of w·l / w) and dL/dp_y = -1 whatever w (torch: with its
    float32 weight 0, 0/0). In float32 the service gave 0: the weight rounded to 0.
    per_sample keeps w·l as the dtype holds it (0 in float32)."""
    w = 1.2266352937807155e-229
    p = np.float32(-29.119505) if dt == "float32" else -29.119505
    loss, grad, per = _loss("nll", [0], [[float(p)]], {"class_weight": w}, dt, "mean")
    ulp = float(np.spacing(np.abs(np.asarray(p, dtype=dt))))
    assert abs(float(loss) + float(p)) <= ulp and grad.tolist() == [[-1.0]]
    want = float(Decimal(w) * Decimal(-float(p)))  # w·l, correctly rounded to float64
    assert float(per[0]) == (want if dt == "float64" else 0.0)
    # sum and none are the products themselves: nothing to scale there
    loss, grad, _ = _loss("nll", [0], [[float(p)]], {"class_weight": w}, dt, "sum")
    assert float(loss) == (want if dt == "float64" else 0.0)
    assert float(grad[0, 0]) == (-w if dt == "float64" else 0.0)


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("scale", [2.0**-1074, 1e-300, 1e-40, 1e-20, 1e20, 1e300])
def test_sparse_cross_entropy_mean_is_the_ratio_for_weights_far_from_1(
    dt: str, scale: float
) -> None:
    """Class weights (1, 3, 2)·scale, from logits, mean: L = Σ w_y l_i / Σ w_y with l_i =
    logsumexp(z_i) - z_{i, y_i}, and dL/dz_i = w_{y_i} (softmax(z_i) - e_{y_i}) / Σ w_y: the
    same for any scale. Before, the products w_y l_i underflowed (5e-324: a gradient of -544
    where the exact one is -544.48) or overflowed (1e300 · l beyond float64). The expected
    values come from Decimal arithmetic on the relative weights (1, 3, 2)."""
    if dt == "float32" and scale == 2.0**-1074:
        scale = 1e-45  # float32's smallest subnormal
    if dt == "float32" and scale == 1e300:
        scale = 1e30  # 1e300 is beyond float32 (inf)
    z = [[2.0, -1.0, 0.5], [0.25, 1.5, -2.0], [-0.5, 0.0, 3.0], [1.0, 1.0, 1.0]]
    y = [0, 1, 2, 1]
    rel = [1, 3, 2]
    cw = [r * scale for r in rel]
    q = {"from_logits": True, "class_weight": cw}
    loss, grad, _ = _loss("sparse_categorical_crossentropy", y, z, q, dt, "mean")
    zz = np.asarray(z, dtype=dt).astype(np.float64)  # the logits as the dtype holds them
    with localcontext() as ctx:
        ctx.prec = 50
        num, den = Decimal(0), Decimal(0)
        rows = []
        for row, k in zip(zz.tolist(), y, strict=True):
            e = [Decimal(v).exp() for v in row]
            s = sum(e)
            num += rel[k] * (s.ln() - Decimal(row[k]))
            den += rel[k]
            rows.append((rel[k], [x / s - (1 if j == k else 0) for j, x in enumerate(e)]))
        want_loss = float(num / den)
        want_grad = [[float(w * g / den) for g in gs] for w, gs in rows]
    # float32: the logits' softmax rounds to ~1e-7 of the row (the gradients are below 0.3)
    rtol, atol = (1e-15, 1e-17) if dt == "float64" else (1e-6, 1e-7)
    np.testing.assert_allclose(float(loss), want_loss, rtol=rtol)
    np.testing.assert_allclose(grad, want_grad, rtol=rtol, atol=atol)


@pytest.mark.parametrize("dt", DTYPES)
def test_class_weights_scaled_by_a_power_of_two_keep_every_bit_of_the_mean(dt: str) -> None:
    """Within the normal range a power of two is exact: the mean with weights (1, 3, 2)·2^40
    (scaled back inside) has the same bits as with (1, 3, 2) (not scaled)."""
    z = [[2.0, -1.0, 0.5], [0.25, 1.5, -2.0], [-0.5, 0.0, 3.0]]
    y = [0, 1, 2]
    for name in ("sparse_categorical_crossentropy", "nll"):
        q = {"from_logits": True} if name != "nll" else {}
        a = _loss(name, y, z, {**q, "class_weight": [1.0, 3.0, 2.0]}, dt, "mean")
        b = _loss(name, y, z, {**q, "class_weight": [2.0**40, 3 * 2.0**40, 2.0**41]}, dt, "mean")
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])


@pytest.mark.parametrize("scale", [2.0**-1074, 1e-300, 1.0, 1e300])
def test_sparse_cross_entropy_mean_hessian_for_weights_far_from_1(scale: float) -> None:
    """The second derivatives of the weighted mean are the same ratio: block i is
    w_{y_i} (diag(s_i) - s_i s_i^T) / Σ w_y with s_i = softmax(z_i), for any scale of the
    weights (before, 5e-324 lost the products' digits and 1e300 overflowed)."""
    z = np.array([[2.0, -1.0, 0.5], [0.25, 1.5, -2.0]])
    y = np.array([0, 2])
    rel = np.array([1.0, 3.0, 2.0])
    q = {"from_logits": True, "class_weight": (rel * scale).tolist()}
    r = evaluate_loss(
        "sparse_categorical_crossentropy", y, z, q, reduction="mean", hessian=True, v=z
    )
    s = np.exp(z - z.max(axis=1, keepdims=True))
    s /= s.sum(axis=1, keepdims=True)
    wy = rel[y] / rel[y].sum()
    want = np.zeros((2, 3, 2, 3))
    for i in range(2):
        want[i, :, i, :] = wy[i] * (np.diag(s[i]) - np.outer(s[i], s[i]))
    assert r.hessian is not None and r.hvp is not None
    np.testing.assert_allclose(r.hessian, want, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(r.hvp, np.einsum("icjd,jd->ic", want, z), rtol=1e-14, atol=1e-16)


# ---- cosine_similarity: the norm floor's tie (seed 4029) -----------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_cosine_similarity_floor_tie_passes_the_gradient_through_the_norm(dt: str) -> None:
    """p = (0, 1e-6, 0): Σ p² = 1e-12 exactly in float64 (and in float32 for its rounded
    1e-6, a tie or not as float32 rounds it), the floor's tie. torch's clamp (and TF's maximum)
    pass the gradient through the norm there: dL/dp = -(ŷ - (ŷ·p̂) p̂) / |p| with p̂ = e_1, so
    0 at element 1 and -ŷ_j / |p| elsewhere. The service took the floored branch (-ŷ / 1e-6:
    -999,950 at element 1)."""
    y = [0.75, 700.0, -7.097850641932313]
    p = np.array([0.0, 1e-6, 0.0], dtype=dt)
    s = float(np.sum(p * p))
    r = evaluate_loss("cosine_similarity", np.array([y], dtype=dt), p[None], dtype=dt)
    ny = math.sqrt(math.fsum(v * v for v in y))
    yhat = [v / ny for v in y]
    if s >= float(np.asarray(1e-12, dtype=dt)):  # the norm's branch (the tie included)
        want = [-yhat[0] / float(p[1]), 0.0, -yhat[2] / float(p[1])]
    else:  # the floor's
        want = [-v / 1e-6 for v in yhat]
    assert (dt == "float64") <= (s == 1e-12)  # float64: this is the tie
    np.testing.assert_allclose(r.grad[0], want, rtol=1e-6 if dt == "float32" else 1e-14)
