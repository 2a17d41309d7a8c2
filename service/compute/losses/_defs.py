"""The loss catalog: one function and one registry entry per loss.

Symbols: ``y`` = ``y_true``, ``p`` = ``y_pred`` (probabilities), ``z`` = ``y_pred`` when it
holds logits, ``C`` = size of the last axis, ``e = p - y``. Each function returns the
per-sample loss over the last axis and its gradient with respect to that row; the reduction
over samples (and sample_weight) is applied in ``_core.reduce``.

Probabilities are clipped to [epsilon, 1 - epsilon] (Keras, epsilon = 1e-7) and not
renormalised (``convention="keras"`` renormalises categorical rows first). The gradient is
the exact derivative of the clipped loss: 0 where the clip is active (as Keras; PyTorch's
``binary_cross_entropy`` has no epsilon clip and instead clamps each log at -100).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import cast

import numpy as np
from scipy.special import expit, log_expit, log_softmax, xlogy

from service.compute.errors import InvalidInputError
from service.compute.losses._core import (
    Array,
    Loss,
    RowCtx,
    RowOut,
    ScaledMean,
    clip_probabilities,
    positive_epsilon,
    renorm_backward,
    row_mean,
    smooth_binary,
    smooth_categorical,
    weights_for,
)
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite, Registry

LOSSES: Registry[Loss] = Registry("loss")

LOG2 = float(np.log(2.0))
COSINE_EPS = 1e-12  # keras.ops.normalize / l2_normalize floor on the squared norm

# ---------------------------------------------------------------------------------------
# shared parameters

FROM_LOGITS = ParamSpec(
    "from_logits",
    False,
    "true: y_pred holds logits (pre-activation scores) and the activation is fused into the "
    "loss in a numerically stable form; false: y_pred holds probabilities.",
    type="bool",
)
LABEL_SMOOTHING = ParamSpec(
    "label_smoothing",
    0.0,
    "Smooth the targets: y <- y (1 - s) + s / C (binary losses: + s / 2), as Keras and PyTorch.",
    minimum=0.0,
    maximum=1.0,
)
EPSILON = ParamSpec(
    "epsilon",
    1e-7,
    "Probabilities are clipped to [epsilon, 1 - epsilon] before the log (Keras "
    "backend.epsilon() = 1e-7); the gradient is 0 where the clip is active.",
    minimum=0.0,
    maximum=0.5,
    exclusive_minimum=True,
    exclusive_maximum=True,
    aliases=("eps",),
)
CLASS_WEIGHT = ParamSpec(
    "class_weight",
    None,
    "Per-class weights (a list of C non-negative numbers, or one number), multiplied into "
    "each class's term as PyTorch's `weight`. Dense targets: 'mean' still divides by the "
    "number of samples; index targets: 'mean' divides by the sum of the target classes' "
    "weights (PyTorch).",
    type="tensor",
    minimum=0.0,
    nullable=True,
    aliases=("weight",),
)
IGNORE_INDEX = ParamSpec(
    "ignore_index",
    -100,
    "Samples whose label equals this value contribute nothing and are left out of the "
    "'mean' denominator (PyTorch default -100; Keras `ignore_class`, default None).",
    type="int",
    nullable=True,
    aliases=("ignore_class",),
)


def _class_weight(ctx: RowCtx) -> Array | None:
    w = weights_for(ctx.params.get("class_weight"), ctx.y_pred.dtype)
    if w is None:
        return None
    c = ctx.y_pred.shape[-1]
    if w.ndim > 1 or (w.ndim == 1 and w.shape[0] != c):
        raise InvalidInputError(
            f"expected one weight per class, shape ({c},) like y_pred's last axis, "
            f"got shape {tuple(w.shape)}",
            ("params", "class_weight"),
        )
    return w


# ---------------------------------------------------------------------------------------
# regression losses (per-sample mean over the last axis)


def _mse(ctx: RowCtx) -> RowOut:
    e = ctx.y_pred - ctx.y_true
    c = e.shape[-1]
    return RowOut(row_mean(e * e), 2.0 * e / c)


def _sign(e: Array) -> Array:
    """torch.sign: sign(NaN) = 0 (the gradient of |e| at a NaN error is 0 in torch's L1Loss;
    the loss itself is NaN there, so nothing is hidden)."""
    return np.where(np.isnan(e), 0.0, np.sign(e)).astype(e.dtype, copy=False)


def _mae(ctx: RowCtx) -> RowOut:
    e = ctx.y_pred - ctx.y_true
    return RowOut(row_mean(np.abs(e)), _sign(e) / e.shape[-1])


def _huber(ctx: RowCtx) -> RowOut:
    d = ctx.params["delta"]
    e = ctx.y_pred - ctx.y_true
    a = np.abs(e)
    quad = a <= d
    elem = np.where(quad, 0.5 * e * e, d * (a - 0.5 * d))
    g = np.where(quad, e, d * np.sign(e))
    return RowOut(row_mean(elem), g / e.shape[-1])


def _smooth_l1(ctx: RowCtx) -> RowOut:
    b = ctx.params["beta"]
    e = ctx.y_pred - ctx.y_true
    a = np.abs(e)
    c = e.shape[-1]
    if b == 0:  # PyTorch: beta = 0 is exactly L1 (and its gradient at NaN is 0)
        return RowOut(row_mean(a), _sign(e) / c)
    quad = a < b
    elem = np.where(quad, 0.5 * e * e / b, a - 0.5 * b)
    g = np.where(quad, e / b, np.sign(e))
    return RowOut(row_mean(elem), g / c)


def _log_cosh(ctx: RowCtx) -> RowOut:
    e = ctx.y_pred - ctx.y_true
    elem = np.logaddexp(e, -e) - LOG2  # log cosh e, no overflow
    return RowOut(row_mean(elem), np.tanh(e) / e.shape[-1])


def _mape(ctx: RowCtx) -> RowOut:
    y, p = ctx.y_true, ctx.y_pred
    den = np.maximum(np.abs(y), positive_epsilon(ctx.params["epsilon"], p.dtype))
    e = p - y
    c = e.shape[-1]
    # (100/C) sign(e), then / den (torch's autograd order): 100 / den alone overflows for a
    # tiny epsilon where 100 / (C den) is finite, and sign(e) = 0 first keeps the gradient 0
    # at e = 0 (not 0 * inf = NaN) however small den is
    g = (_sign(e) * e.dtype.type(100.0 / c)) / den
    return RowOut(100.0 * row_mean(np.abs(e) / den), g)


def _msle(ctx: RowCtx) -> RowOut:
    eps = ctx.params["epsilon"]
    y, p = ctx.y_true, ctx.y_pred
    pc = np.maximum(p, eps)
    d = np.log1p(pc) - np.log1p(np.maximum(y, eps))
    c = d.shape[-1]
    # gradient 0 where y_pred is clipped, except at a NaN y_true: NaN (the catalog's rule)
    g = np.where((p < eps) & ~np.isnan(y), 0.0, 2.0 * d / (1.0 + pc)) / c
    return RowOut(row_mean(d * d), g.astype(p.dtype, copy=False))


def _poisson(ctx: RowCtx) -> RowOut:
    y, p = ctx.y_true, ctx.y_pred
    c = p.shape[-1]
    if ctx.params["log_input"]:
        ez = np.exp(p)
        return RowOut(row_mean(ez - y * p), (ez - y) / c)
    pe = p + ctx.params["epsilon"]
    with np.errstate(invalid="ignore", divide="ignore"):  # rate <= -eps: NaN/inf intended
        # y log(p + eps), not xlogy: y = 0 with p + eps <= 0 is 0 * log(<= 0) = NaN, as torch's
        # PoissonNLLLoss(log_input=False) (xlogy would hide the invalid rate behind a 0)
        elem = p - y * np.log(pe)
        g = 1.0 - y / pe
    return RowOut(row_mean(elem), g / c)


def _row_norm(x: Array) -> Array:
    """Euclidean norm of each row, scaled by the row's max |x| first (keepdims).

    sqrt(sum x^2) overflows for norms above ~1e154 (float64) / ~1.8e19 (float32) and loses
    everything below ~1e-154; s * sqrt(sum (x/s)^2) with s = max |x| does neither.
    """
    s = np.max(np.abs(x), axis=-1, keepdims=True, initial=0.0)
    safe = np.where(s > 0, s, 1.0).astype(x.dtype, copy=False)
    with np.errstate(invalid="ignore"):  # inf / inf: a row holding inf has a NaN norm
        u = x / safe
        return cast(np.ndarray, s * np.sqrt(np.sum(u * u, axis=-1, keepdims=True)))


def _cosine_similarity(ctx: RowCtx) -> RowOut:
    """-cos(y, p) with Keras' floor on the squared norms, n = max(||x||, sqrt(1e-12)).

    Computed on the unit vectors yn = y / n_y and pn = p / n_p (bounded by 1), so nothing
    is squared at the scale of the inputs: L = -<yn, pn>, dL/dp = (dot pn - yn) / n_p where
    the floor is inactive and -yn / 1e-6 where it is active (the floored norm is constant);
    at the tie Σ p² = 1e-12 inactive, as torch (:func:`_cosine_unfloored`).
    """
    y, p = ctx.y_true, ctx.y_pred
    floor = p.dtype.type(np.sqrt(COSINE_EPS))
    yn = y / np.maximum(_row_norm(y), floor)
    n = np.maximum(_row_norm(p), floor)
    pn = p / n
    dot = np.sum(yn * pn, axis=-1, keepdims=True)
    g = np.where(_cosine_unfloored(p), (dot * pn - yn) / n, -yn / n)
    return RowOut(-dot[..., 0], g.astype(p.dtype, copy=False))


def _cosine_unfloored(p: Array) -> Array:
    """Where max(Σ p², 1e-12) takes Σ p² (keepdims), as torch decides it: Σ p² >= 1e-12 in
    the dtype, so a tie passes the gradient through the norm (torch.clamp's, TF's maximum).
    The squares cannot mislead: near the floor they are near 1e-12, beyond it they overflow
    to inf (>=) or underflow to 0 (<) on the side the norm is on."""
    with np.errstate(over="ignore", under="ignore"):
        s = np.sum(p * p, axis=-1, keepdims=True)
    return cast(np.ndarray, s >= p.dtype.type(COSINE_EPS))


# ---------------------------------------------------------------------------------------
# margin losses


def _pm1(y: Array) -> Array:
    """Keras: labels that are all 0 or 1 become -1 / +1."""
    if np.all((y == 0) | (y == 1)):
        return 2.0 * y - 1.0
    return y


def _hinge(ctx: RowCtx) -> RowOut:
    y = _pm1(ctx.y_true)
    p = ctx.y_pred
    m = 1.0 - y * p
    act = m > 0
    c = p.shape[-1]
    nan = np.isnan(m)  # max(NaN, 0) is NaN: a NaN prediction is not a satisfied margin
    g = np.where(act, -y, np.where(nan, np.nan, 0.0))
    return RowOut(row_mean(np.maximum(m, 0.0)), g / c)


def _squared_hinge(ctx: RowCtx) -> RowOut:
    y = _pm1(ctx.y_true)
    p = ctx.y_pred
    h = np.maximum(1.0 - y * p, 0.0)
    c = p.shape[-1]
    return RowOut(row_mean(h * h), -2.0 * y * h / c)


def _categorical_hinge(ctx: RowCtx) -> RowOut:
    y, p = ctx.y_true, ctx.y_pred
    pos = np.sum(y * p, axis=-1)
    negs = (1.0 - y) * p
    j = np.argmax(negs, axis=-1)[..., None]
    neg = np.take_along_axis(negs, j, axis=-1)[..., 0]
    m = neg - pos + 1.0
    act = (m > 0)[..., None]
    onehot = np.zeros_like(p)
    np.put_along_axis(onehot, j, 1.0, axis=-1)
    # a NaN margin (NaN input, or inf - inf / 0 * inf from ±inf predictions) is not a
    # satisfied margin: NaN loss (np.maximum propagates it) and a NaN gradient row
    nan = np.isnan(m)[..., None]
    g = np.where(act, onehot * (1.0 - y) - y, np.where(nan, np.nan, 0.0))
    return RowOut(np.maximum(m, 0.0), g.astype(p.dtype, copy=False))


def _soft_margin(ctx: RowCtx) -> RowOut:
    y, z = ctx.y_true, ctx.y_pred
    yz = y * z
    c = z.shape[-1]
    return RowOut(row_mean(-log_expit(yz)), -y * expit(-yz) / c)


# ---------------------------------------------------------------------------------------
# cross-entropies


def _soft_margin_labels(entry: Loss, fin: Array) -> list[str]:
    """soft_margin's labels are ±1 only (no 0/1 mapping, unlike hinge): a 0 adds log 2."""
    if np.all((fin == 0) | (fin == 1)) and np.any(fin == 0):
        return [
            "soft_margin expects ±1 labels; y_true holds 0/1 labels and a 0 label "
            "contributes a constant log 2: map 0 to -1."
        ]
    if np.any((fin != 1) & (fin != -1)):
        return ["soft_margin expects ±1 labels; y_true has other values."]
    return []


def _bce(ctx: RowCtx) -> RowOut:
    prm = ctx.params
    y = smooth_binary(ctx.y_true, prm["label_smoothing"])
    p = ctx.y_pred
    c = p.shape[-1]
    cw = _class_weight(ctx)
    pw = weights_for(prm.get("pos_weight"), p.dtype)
    if pw is not None and pw.ndim > 0 and pw.shape != (c,):
        raise InvalidInputError(
            f"expected one number or one weight per class, shape ({c},), "
            f"got shape {tuple(pw.shape)}",
            ("params", "pos_weight"),
        )
    a = y if pw is None else pw * y  # weight of the positive term
    clipped = 0
    if prm["from_logits"]:
        elem = -(a * log_expit(p) + (1.0 - y) * log_expit(-p))
        inf_y = np.isinf(y)
        if np.any(inf_y):
            # labels ±inf: both log-sigmoid terms are infinite (inf - inf); the same loss
            # written affine in y, (1 - y) z - (1 + (pw - 1) y) log sigma(z) (torch's), has
            # the limit in y where it exists
            lw = 1.0 if pw is None else 1.0 + (pw - 1.0) * y
            elem = np.where(inf_y, (1.0 - y) * p - lw * log_expit(p), elem)
        s = expit(p)
        g = s - y if pw is None else s * (a + 1.0 - y) - a
    else:
        pc, out = clip_probabilities(p, prm["epsilon"])
        clipped = int(np.count_nonzero(out))
        elem = -(a * np.log(pc) + (1.0 - y) * np.log1p(-pc))
        g = np.where(out, 0.0, -a / pc + (1.0 - y) / (1.0 - pc))
    if cw is not None:
        elem = elem * cw
        g = g * cw
    return RowOut(row_mean(elem), (g / c).astype(p.dtype, copy=False), clipped=clipped)


def _rowdot(a: Array, b: Array) -> Array:
    """sum(a * b, axis=-1) without the temporary (einsum); NaN/inf propagate the same way."""
    a, b = np.broadcast_arrays(a, b)
    return cast(np.ndarray, np.einsum("...i,...i->...", a, b))


def _log_softmax_parts(z: Array) -> tuple[Array, Array, Array]:
    """(log_softmax(z), exp(z - m), sum exp(z - m)) with m the row max (0 for an all -inf
    row). A row holding +inf or NaN comes out NaN throughout, as torch's softmax (z - m is
    NaN there).

    The same shift as scipy.special.log_softmax, written out so that one exp serves both
    log_softmax and softmax = e / s (half the transcendental work on the hot path).
    """
    m = np.max(z, axis=-1, keepdims=True)
    if not np.all(np.isfinite(m)):
        m = np.where(np.isneginf(m), 0.0, m)
    sh = z - m
    e = np.exp(sh)
    s = np.sum(e, axis=-1, keepdims=True)
    sh -= np.log(s)
    return sh, e, s


def _categorical_core(t: Array, ctx: RowCtx, cw: Array | None, from_logits: bool) -> RowOut:
    """-sum_c w_c t_c log q_c for targets t; q = softmax(z) or the clipped probabilities."""
    p = ctx.y_pred
    prm = ctx.params
    tw = t if cw is None else t * cw
    if from_logits:
        ls, ex, se = _log_softmax_parts(p)
        per = 0.0 - _rowdot(tw, ls)  # 0.0 - x: a zero loss is +0.0, not -0.0
        if not np.all(np.isfinite(per)):  # log q = -inf (masking) with target 0: 0, not NaN
            # (only there: a NaN log q, from a NaN or +inf logit, stays NaN)
            per = 0.0 - np.sum(np.where((tw == 0) & np.isneginf(ls), 0.0, tw * ls), axis=-1)
        g = ex * (np.sum(tw, axis=-1, keepdims=True) / se)
        g -= tw
        return RowOut(per, g)
    q, s = p, None
    if ctx.convention == "keras":
        s = np.sum(p, axis=-1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):  # a zero row: NaN, as Keras
            q = p / s
    qc, out = clip_probabilities(q, prm["epsilon"])
    per = 0.0 - np.sum(tw * np.log(qc), axis=-1)
    g = np.where(out, 0.0, 0.0 - tw / qc)  # 0.0 - x: no -0.0 where the target is 0
    if s is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            g = renorm_backward(g, q, s)
    return RowOut(per, g.astype(p.dtype, copy=False), clipped=int(np.count_nonzero(out)))


def _cce(ctx: RowCtx) -> RowOut:
    t = smooth_categorical(ctx.y_true, ctx.params["label_smoothing"])
    return _categorical_core(t, ctx, _class_weight(ctx), ctx.params["from_logits"])


def _softmax_ce(ctx: RowCtx) -> RowOut:
    t = smooth_categorical(ctx.y_true, ctx.params["label_smoothing"])
    return _categorical_core(t, ctx, _class_weight(ctx), True)


def _index_targets(ctx: RowCtx) -> tuple[Array, Array]:
    """(one-hot of the valid labels, index array with ignored labels mapped to 0)."""
    assert ctx.valid is not None
    idx = np.where(ctx.valid, ctx.y_true, 0).astype(np.intp)
    t = np.zeros_like(ctx.y_pred)
    np.put_along_axis(t, idx[..., None], 1.0, axis=-1)
    t *= ctx.valid[..., None]
    return t, idx


def _index_denominator(ctx: RowCtx, cw: Array | None, idx: Array) -> float:
    assert ctx.valid is not None
    if cw is None:
        return float(np.count_nonzero(ctx.valid))
    wy = np.broadcast_to(cw, (ctx.y_pred.shape[-1],))[idx]
    return float(np.sum(np.where(ctx.valid, wy, 0.0)))


# class weights whose largest is outside [2^-16, 2^16] are also applied scaled, for "mean"
WEIGHT_SCALE_RANGE = (2.0**-16, 2.0**16)


def _scaled_class_weight(ctx: RowCtx) -> Array | None:
    """The class weights times a power of two that brings the largest into [0.5, 1), when it
    is outside :data:`WEIGHT_SCALE_RANGE` (else None). The weighted mean Σ w_y l / Σ w_y is
    the same ratio of these, and exact where the weights as given underflow in the products
    w_y l, in their sum or in the dtype (1e-229 in float32) or overflow; within the normal
    range a power of two changes no bit of the mean."""
    raw = ctx.params.get("class_weight")
    if raw is None:
        return None
    w = np.asarray(raw, dtype=np.float64)
    top = float(np.max(np.abs(w), initial=0.0))
    lo, hi = WEIGHT_SCALE_RANGE
    if not math.isfinite(top) or top == 0 or lo <= top <= hi:
        return None
    return np.ldexp(w, -math.frexp(top)[1]).astype(ctx.y_pred.dtype)


def _with_mean_scaled(ctx: RowCtx, fn: Callable[[RowCtx, Array | None], RowOut]) -> RowOut:
    """``fn`` with the class weights, and for "mean" with them scaled (when they need it)."""
    out = fn(ctx, _class_weight(ctx))
    scaled = _scaled_class_weight(ctx)
    if scaled is not None:
        out.mean_scaled = ScaledMean(fn(ctx, scaled), scaled)
    return out


def _sparse_cce(ctx: RowCtx) -> RowOut:
    return _with_mean_scaled(ctx, _sparse_cce_with)


def _sparse_cce_with(ctx: RowCtx, cw: Array | None) -> RowOut:
    assert ctx.valid is not None
    t, idx = _index_targets(ctx)
    ls = ctx.params["label_smoothing"]
    if ls:
        t = t * (1.0 - ls) + (ls / t.shape[-1]) * ctx.valid[..., None]
    out = _categorical_core(t, ctx, cw, ctx.params["from_logits"])
    v = ctx.valid
    out.per_sample = np.where(v, out.per_sample, 0.0).astype(ctx.y_pred.dtype, copy=False)
    out.grad = np.where(v[..., None], out.grad, 0.0).astype(ctx.y_pred.dtype, copy=False)
    out.denominator = _index_denominator(ctx, cw, idx)
    return out


def _nll(ctx: RowCtx) -> RowOut:
    return _with_mean_scaled(ctx, _nll_with)


def _nll_with(ctx: RowCtx, cw: Array | None) -> RowOut:
    assert ctx.valid is not None
    v = ctx.valid
    p = ctx.y_pred
    idx = np.where(v, ctx.y_true, 0).astype(np.intp)[..., None]
    wy = (
        np.ones(idx.shape, dtype=p.dtype)
        if cw is None
        else np.broadcast_to(cw, (p.shape[-1],))[idx].astype(p.dtype)
    )
    picked = np.take_along_axis(p, idx, axis=-1)
    per = np.where(v, -(wy * picked)[..., 0], 0.0).astype(p.dtype, copy=False)
    g = np.zeros_like(p)
    np.put_along_axis(g, idx, np.where(v[..., None], -wy, 0.0), axis=-1)
    return RowOut(per, g, denominator=_index_denominator(ctx, cw, idx[..., 0]))


def _kl(ctx: RowCtx) -> RowOut:
    prm = ctx.params
    y = smooth_categorical(ctx.y_true, prm["label_smoothing"])
    p = ctx.y_pred
    if prm["from_logits"]:
        lq, ex, se = _log_softmax_parts(p)  # a row holding +inf or NaN is NaN throughout
        per = np.sum(xlogy(y, y) - y * lq, axis=-1)
        g = ex * (np.sum(y, axis=-1, keepdims=True) / se) - y
        return RowOut(per, g)
    eps = positive_epsilon(prm["epsilon"], p.dtype)  # 0 would give 0 log 0 = NaN
    one = p.dtype.type(1)
    yc = np.clip(y, eps, one)
    pc = np.clip(p, eps, one)
    out = (p < eps) | (p > one)
    per = np.sum(yc * (np.log(yc) - np.log(pc)), axis=-1)
    g = np.where(out, 0.0, -yc / pc)
    return RowOut(per, g.astype(p.dtype, copy=False), clipped=int(np.count_nonzero(out)))


def _pow(base: Array, expo: float) -> Array:
    """base ** expo; a negative base (labels outside [0, 1]) gives NaN, which is intended."""
    with np.errstate(invalid="ignore"):
        return cast(np.ndarray, np.power(base, expo))


def _dpow(base: Array, gamma: float) -> Array:
    """d/dbase of base ** gamma for base >= 0, taking its limit 0 at base = 0 when gamma < 1.

    At base = 0 the factor it multiplies (the cross-entropy, or q log q) is 0 as well, so the
    product's limit is 0 (gamma > 1 gives 0 anyway; gamma = 1 gives 1).
    """
    if gamma == 0:
        return np.zeros_like(base)
    pos = base > 0
    safe = np.where(pos, base, 1.0)
    with np.errstate(invalid="ignore"):
        d = gamma * np.power(safe, gamma - 1.0)
    at_zero = 1.0 if gamma == 1 else 0.0
    return np.where(pos | np.isnan(base), d, at_zero)


def _binary_focal(ctx: RowCtx) -> RowOut:
    prm = ctx.params
    gamma, alpha = prm["gamma"], prm["alpha"]
    y = smooth_binary(ctx.y_true, prm["label_smoothing"])
    p = ctx.y_pred
    c = p.shape[-1]
    clipped = 0
    if prm["from_logits"]:
        s, sn = expit(p), expit(-p)
        b = -(y * log_expit(p) + (1.0 - y) * log_expit(-p))
        # sigma(z) - y = (1 - y) sigma(z) - y sigma(-z): the derivative of the log-sigmoid form
        # without the cancellation of sigma(z) - 1 (float32 at z = 15 lost 5.6 % of it)
        db = (1.0 - y) * s - y * sn
        omp = y * sn + (1.0 - y) * s  # 1 - p_t without cancellation
        domp = -(2.0 * y - 1.0) * s * sn
    else:
        pc, out = clip_probabilities(p, prm["epsilon"])
        clipped = int(np.count_nonzero(out))
        b = -(y * np.log(pc) + (1.0 - y) * np.log1p(-pc))
        db = np.where(out, 0.0, -y / pc + (1.0 - y) / (1.0 - pc))
        omp = y * (1.0 - pc) + (1.0 - y) * pc
        domp = np.where(out, 0.0, 1.0 - 2.0 * y)
    mod = _pow(omp, gamma)
    dmod = _dpow(omp, gamma) * domp
    elem = mod * b
    g = dmod * b + mod * db
    if prm["apply_class_balancing"]:
        w = y * alpha + (1.0 - y) * (1.0 - alpha)
        elem = w * elem
        g = w * g
    return RowOut(row_mean(elem), (g / c).astype(p.dtype, copy=False), clipped=clipped)


def _categorical_focal(ctx: RowCtx) -> RowOut:
    prm = ctx.params
    gamma, alpha = prm["gamma"], prm["alpha"]
    y = smooth_categorical(ctx.y_true, prm["label_smoothing"])
    p = ctx.y_pred
    if prm["from_logits"]:
        lq = log_softmax(p, axis=-1)
        q = np.exp(lq)
        omq = -np.expm1(lq)  # 1 - q without cancellation
        mod = _pow(omq, gamma)
        per = alpha * np.sum(mod * (-y * lq), axis=-1)
        # h_c = q_c dL/dq_c = alpha y_c [gamma (1-q_c)^(gamma-1) q_c log q_c - (1-q_c)^gamma]
        h = alpha * y * (_dpow(omq, gamma) * q * lq - mod)
        g = h - q * np.sum(h, axis=-1, keepdims=True)
        return RowOut(per, g)
    q, s = p, None
    if ctx.convention == "keras":
        s = np.sum(p, axis=-1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):  # a zero row: NaN, as Keras
            q = p / s
    qc, out = clip_probabilities(q, prm["epsilon"])
    lq = np.log(qc)
    omq = 1.0 - qc
    mod = _pow(omq, gamma)
    per = alpha * np.sum(mod * (-y * lq), axis=-1)
    gq = alpha * y * (_dpow(omq, gamma) * lq - mod / qc)
    g = np.where(out, 0.0, gq)
    if s is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            g = renorm_backward(g, q, s)
    return RowOut(per, g.astype(p.dtype, copy=False), clipped=int(np.count_nonzero(out)))


# ---------------------------------------------------------------------------------------
# second order: hvp(ctx, v) = (d^2 L_i / dy_pred[i]^2) v[i] for every row i, the forward-mode
# derivative of each row gradient above along v (exact, no differences). Sample weights, the
# reduction and the rule "a NaN gradient row has a NaN Hessian block" are applied in
# _second.py. At kinks the choice is torch's double backward: the Hessian of a piecewise
# linear loss is 0 everywhere; clamp/clip boundaries count as inside (torch.clamp passes the
# gradient at its bounds), so a clipped probability has Hessian 0 and one on the bound does not.


def _zero_hvp(ctx: RowCtx, v: Array) -> Array:
    """Piecewise-linear losses (mae, mape, hinge, categorical_hinge, nll): 0 a.e., and 0 at the
    kinks too (torch's double backward of abs, clamp and max)."""
    return np.zeros_like(ctx.y_pred)


def _mse_hvp(ctx: RowCtx, v: Array) -> Array:
    return cast(np.ndarray, 2.0 * v / v.shape[-1])


def _huber_hvp(ctx: RowCtx, v: Array) -> Array:
    e = ctx.y_pred - ctx.y_true
    return cast(np.ndarray, np.where(np.abs(e) <= ctx.params["delta"], v, 0.0) / v.shape[-1])


def _smooth_l1_hvp(ctx: RowCtx, v: Array) -> Array:
    b = ctx.params["beta"]
    if b == 0:
        return np.zeros_like(ctx.y_pred)
    e = ctx.y_pred - ctx.y_true
    return cast(np.ndarray, np.where(np.abs(e) <= b, v / b, 0.0) / v.shape[-1])


def _log_cosh_hvp(ctx: RowCtx, v: Array) -> Array:
    e = ctx.y_pred - ctx.y_true
    sech2 = 4.0 * expit(2.0 * e) * expit(-2.0 * e)  # 1 - tanh^2 without cancellation
    return cast(np.ndarray, sech2 * v / v.shape[-1])


def _msle_hvp(ctx: RowCtx, v: Array) -> Array:
    eps = ctx.params["epsilon"]
    p = ctx.y_pred
    pc = np.maximum(p, eps)
    d = np.log1p(pc) - np.log1p(np.maximum(ctx.y_true, eps))
    h = np.where(p < eps, 0.0, 2.0 * (1.0 - d) / ((1.0 + pc) * (1.0 + pc)))
    return cast(np.ndarray, h * v / v.shape[-1])


def _poisson_hvp(ctx: RowCtx, v: Array) -> Array:
    p = ctx.y_pred
    if ctx.params["log_input"]:
        return cast(np.ndarray, np.exp(p) * v / v.shape[-1])
    pe = p + ctx.params["epsilon"]
    with np.errstate(invalid="ignore", divide="ignore"):
        return cast(np.ndarray, ctx.y_true / (pe * pe) * v / v.shape[-1])


def _squared_hinge_hvp(ctx: RowCtx, v: Array) -> Array:
    y = _pm1(ctx.y_true)
    m = 1.0 - y * ctx.y_pred
    return cast(np.ndarray, np.where(m >= 0, 2.0 * y * y * v, 0.0) / v.shape[-1])


def _cosine_similarity_hvp(ctx: RowCtx, v: Array) -> Array:
    """Directional derivative of g = (dot pn - yn) / n: dn = <pn, v>, dpn = (v - pn dn) / n,
    ddot = <yn, dpn>; 0 where the norm floor is active (g is constant there)."""
    y, p = ctx.y_true, ctx.y_pred
    floor = p.dtype.type(np.sqrt(COSINE_EPS))
    yn = y / np.maximum(_row_norm(y), floor)
    n = np.maximum(_row_norm(p), floor)
    pn = p / n
    dot = np.sum(yn * pn, axis=-1, keepdims=True)
    g = (dot * pn - yn) / n
    dn = np.sum(pn * v, axis=-1, keepdims=True)
    dpn = (v - pn * dn) / n
    ddot = np.sum(yn * dpn, axis=-1, keepdims=True)
    dg = (ddot * pn + dot * dpn) / n - g * dn / n
    return np.where(_cosine_unfloored(p), dg, 0.0)


def _soft_margin_hvp(ctx: RowCtx, v: Array) -> Array:
    y, z = ctx.y_true, ctx.y_pred
    yz = y * z
    return cast(np.ndarray, y * y * expit(yz) * expit(-yz) * v / v.shape[-1])


def _bce_hvp(ctx: RowCtx, v: Array) -> Array:
    prm = ctx.params
    y = smooth_binary(ctx.y_true, prm["label_smoothing"])
    p = ctx.y_pred
    cw = _class_weight(ctx)
    pw = weights_for(prm.get("pos_weight"), p.dtype)
    a = y if pw is None else pw * y
    if prm["from_logits"]:
        h = expit(p) * expit(-p) * (a + 1.0 - y)
    else:
        pc, out = clip_probabilities(p, prm["epsilon"])
        h = np.where(out, 0.0, a / (pc * pc) + (1.0 - y) / ((1.0 - pc) * (1.0 - pc)))
    if cw is not None:
        h = h * cw
    return cast(np.ndarray, h * v / v.shape[-1])


def _softmax_hvp(q: Array, v: Array) -> Array:
    """(diag(q) - q q^T) v per row: the Hessian of log-sum-exp applied to v."""
    return cast(np.ndarray, q * (v - np.sum(q * v, axis=-1, keepdims=True)))


def _renorm_hvp(g: Array, hd: Array, q: Array, s: Array, v: Array) -> Array:
    """Directional derivative along v of renorm_backward(g(q), q, s), q = p / s, s = sum p,
    for an inner gradient g(q) whose Jacobian in q is diag(hd) (convention 'keras')."""
    ds = np.sum(v, axis=-1, keepdims=True)
    dq = (v - q * ds) / s
    dg = hd * dq
    gp = (g - np.sum(g * q, axis=-1, keepdims=True)) / s
    inner = np.sum(dg * q, axis=-1, keepdims=True) + np.sum(g * dq, axis=-1, keepdims=True)
    return cast(np.ndarray, (dg - inner) / s - gp * ds / s)


def _categorical_core_hvp(
    t: Array, ctx: RowCtx, cw: Array | None, from_logits: bool, v: Array
) -> Array:
    """Hessian of -sum_c w_c t_c log q_c along v: logits S (diag(q) - q q^T) v with
    S = sum_c w_c t_c; probabilities diag(w t / q^2) v (0 where clipped), through the row
    renormalisation under convention 'keras'."""
    p = ctx.y_pred
    tw = t if cw is None else t * cw
    if from_logits:
        _, ex, se = _log_softmax_parts(p)
        return cast(np.ndarray, np.sum(tw, axis=-1, keepdims=True) * _softmax_hvp(ex / se, v))
    q, s = p, None
    if ctx.convention == "keras":
        s = np.sum(p, axis=-1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            q = p / s
    qc, out = clip_probabilities(q, ctx.params["epsilon"])
    hd = np.where(out, 0.0, tw / (qc * qc))
    if s is None:
        return cast(np.ndarray, hd * v)
    g = np.where(out, 0.0, 0.0 - tw / qc)
    with np.errstate(invalid="ignore", divide="ignore"):
        return _renorm_hvp(g, hd, q, s, v)


def _cce_hvp(ctx: RowCtx, v: Array) -> Array:
    t = smooth_categorical(ctx.y_true, ctx.params["label_smoothing"])
    return _categorical_core_hvp(t, ctx, _class_weight(ctx), ctx.params["from_logits"], v)


def _softmax_ce_hvp(ctx: RowCtx, v: Array) -> Array:
    t = smooth_categorical(ctx.y_true, ctx.params["label_smoothing"])
    return _categorical_core_hvp(t, ctx, _class_weight(ctx), True, v)


def _sparse_cce_hvp(ctx: RowCtx, v: Array) -> Array:
    assert ctx.valid is not None
    t, _ = _index_targets(ctx)
    ls = ctx.params["label_smoothing"]
    if ls:
        t = t * (1.0 - ls) + (ls / t.shape[-1]) * ctx.valid[..., None]
    h = _categorical_core_hvp(t, ctx, _class_weight(ctx), ctx.params["from_logits"], v)
    return np.where(ctx.valid[..., None], h, 0.0)


def _kl_hvp(ctx: RowCtx, v: Array) -> Array:
    prm = ctx.params
    y = smooth_categorical(ctx.y_true, prm["label_smoothing"])
    p = ctx.y_pred
    if prm["from_logits"]:
        q = np.exp(log_softmax(p, axis=-1))
        return cast(np.ndarray, np.sum(y, axis=-1, keepdims=True) * _softmax_hvp(q, v))
    eps = positive_epsilon(prm["epsilon"], p.dtype)
    one = p.dtype.type(1)
    yc = np.clip(y, eps, one)
    pc = np.clip(p, eps, one)
    out = (p < eps) | (p > one)
    return np.where(out, 0.0, yc / (pc * pc) * v)


def _d2pow(base: Array, gamma: float) -> Array:
    """d^2/dbase^2 of base ** gamma for base >= 0; at base = 0: 2 for gamma = 2, else 0 (the
    factors it multiplies vanish there, as in _dpow)."""
    if gamma in (0.0, 1.0):
        return np.zeros_like(base)
    pos = base > 0
    safe = np.where(pos, base, 1.0)
    with np.errstate(invalid="ignore"):
        d = gamma * (gamma - 1.0) * np.power(safe, gamma - 2.0)
    at_zero = 2.0 if gamma == 2 else 0.0
    return np.where(pos | np.isnan(base), d, at_zero)


def _binary_focal_hvp(ctx: RowCtx, v: Array) -> Array:
    """Elementwise: h = (D2 domp^2 + D1 d2omp) b + 2 D1 domp db + mod d2b with mod = omp^gamma,
    D1, D2 its first two derivatives in omp = 1 - p_t, b the cross-entropy."""
    prm = ctx.params
    gamma, alpha = prm["gamma"], prm["alpha"]
    y = smooth_binary(ctx.y_true, prm["label_smoothing"])
    p = ctx.y_pred
    out = None
    if prm["from_logits"]:
        s, sn = expit(p), expit(-p)
        b = -(y * log_expit(p) + (1.0 - y) * log_expit(-p))
        db = (1.0 - y) * s - y * sn
        d2b = s * sn
        omp = y * sn + (1.0 - y) * s
        domp = -(2.0 * y - 1.0) * s * sn
        d2omp = domp * (sn - s)
    else:
        pc, out = clip_probabilities(p, prm["epsilon"])
        b = -(y * np.log(pc) + (1.0 - y) * np.log1p(-pc))
        db = -y / pc + (1.0 - y) / (1.0 - pc)
        d2b = y / (pc * pc) + (1.0 - y) / ((1.0 - pc) * (1.0 - pc))
        omp = y * (1.0 - pc) + (1.0 - y) * pc
        domp = 1.0 - 2.0 * y
        d2omp = np.zeros_like(pc)
    d1 = _dpow(omp, gamma)
    d2 = _d2pow(omp, gamma)
    h = (d2 * domp * domp + d1 * d2omp) * b + 2.0 * d1 * domp * db + _pow(omp, gamma) * d2b
    if out is not None:
        h = np.where(out, 0.0, h)
    if prm["apply_class_balancing"]:
        h = (y * alpha + (1.0 - y) * (1.0 - alpha)) * h
    return cast(np.ndarray, h * v / v.shape[-1])


def _categorical_focal_hvp(ctx: RowCtx, v: Array) -> Array:
    prm = ctx.params
    gamma, alpha = prm["gamma"], prm["alpha"]
    y = smooth_categorical(ctx.y_true, prm["label_smoothing"])
    p = ctx.y_pred
    if prm["from_logits"]:
        # g = h - q sum(h), h = alpha y (D1 q lq - mod); forward mode along v
        lq = log_softmax(p, axis=-1)
        q = np.exp(lq)
        omq = -np.expm1(lq)
        mod = _pow(omq, gamma)
        d1, d2 = _dpow(omq, gamma), _d2pow(omq, gamma)
        h = alpha * y * (d1 * q * lq - mod)
        dlq = v - np.sum(q * v, axis=-1, keepdims=True)
        dq = q * dlq
        dh = alpha * y * (-d2 * dq * q * lq + d1 * dq * lq + d1 * q * dlq + d1 * dq)
        return cast(
            np.ndarray,
            dh - dq * np.sum(h, axis=-1, keepdims=True) - q * np.sum(dh, axis=-1, keepdims=True),
        )
    q, s = p, None
    if ctx.convention == "keras":
        s = np.sum(p, axis=-1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            q = p / s
    qc, out = clip_probabilities(q, prm["epsilon"])
    lq = np.log(qc)
    omq = 1.0 - qc
    mod = _pow(omq, gamma)
    d1, d2 = _dpow(omq, gamma), _d2pow(omq, gamma)
    hd = np.where(out, 0.0, alpha * y * (-d2 * lq + 2.0 * d1 / qc + mod / (qc * qc)))
    if s is None:
        return cast(np.ndarray, hd * v)
    g = np.where(out, 0.0, alpha * y * (d1 * lq - mod / qc))
    with np.errstate(invalid="ignore", divide="ignore"):
        return _renorm_hvp(g, hd, q, s, v)


# ---------------------------------------------------------------------------------------
# registry entries

_PROB_DIFF_CLIP = (
    "Probabilities are clipped to [epsilon, 1 - epsilon] and the gradient is 0 where the clip "
    "is active (Keras). PyTorch does not clip at epsilon: BCELoss clamps each log at -100 and "
    "its gradient divides by max(p(1-p), 1e-12)."
)
_KERAS_RENORM = {
    "torch": "y_pred rows are used as given (clipped, not renormalised); the gradient is "
    "-y/p (default).",
    "keras": "y_pred rows are first divided by their sum (Keras), then clipped; the gradient "
    "includes the renormalisation.",
}

# non-finite rules (each entry states its own; these are the shared phrases)
NAN_ROW = (
    "NaN in y_true or y_pred → NaN per-sample loss and NaN batch loss (never hidden by a "
    "finite value)"
)
NO_TORCH_LOSS = "torch has no such loss"

LOSSES.register(
    Loss(
        name="mse",
        hvp=_mse_hvp,
        hessian_formula=r"\frac{\partial^2 L}{\partial p_c \partial p_d} = \frac{2}{C}[c = d]",
        nonfinite=NonFinite(
            NAN_ROW
            + "; NaN gradient where the error is NaN; ±inf errors give an inf loss and ±inf "
            "gradient",
            "agrees (MSELoss)",
        ),
        fn=_mse,
        description="Mean squared error: the regression loss paired with a linear output.",
        formula=r"L = \frac{1}{C}\sum_{c=1}^{C} (p_c - y_c)^2",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{2}{C}(p_c - y_c)",
        y_true_encoding="real",
        label_kind="real",
        input_kind="real",
        pairs_with=("linear",),
        per_sample_reduction="mean",
        aliases=("mean_squared_error", "MSELoss", "MeanSquaredError", "squared_error", "l2"),
        torch_name="torch.nn.MSELoss",
        keras_name="keras.losses.MeanSquaredError",
        optax_name="optax.losses.squared_error (no 1/C mean; l2_loss is half of it)",
        differences=(
            "PyTorch 'mean' averages over all elements, which equals this mean of per-sample "
            "means when every row has C elements.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="mae",
        hvp=_zero_hvp,
        hessian_formula=r"0 \text{ (piecewise linear; also at } p = y)",
        nonfinite=NonFinite(
            NAN_ROW
            + "; the gradient at a NaN error is 0 (torch.sign(NaN) = 0); ±inf errors give an "
            "inf loss and gradient ±1/C",
            "agrees (L1Loss)",
        ),
        fn=_mae,
        description="Mean absolute error (L1): robust regression loss.",
        formula=r"L = \frac{1}{C}\sum_c |p_c - y_c|",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{1}{C}\operatorname{sign}"
        r"(p_c - y_c),\quad \operatorname{sign}(0) = 0",
        y_true_encoding="real",
        label_kind="real",
        input_kind="real",
        pairs_with=("linear",),
        per_sample_reduction="mean",
        aliases=("mean_absolute_error", "L1Loss", "MeanAbsoluteError", "l1"),
        torch_name="torch.nn.L1Loss",
        keras_name="keras.losses.MeanAbsoluteError",
        differences=("The gradient at p = y is 0, as PyTorch's sign.",),
    )
)

LOSSES.register(
    Loss(
        name="huber",
        test_params=(
            {"delta": 0.3},
            {"delta": 5.0},
        ),
        hvp=_huber_hvp,
        hessian_formula=r"\frac{1}{C}[|e_c| \le \delta]\,[c = d]",
        nonfinite=NonFinite(
            NAN_ROW + "; NaN gradient where the error is NaN; ±inf errors give an inf loss and "
            "gradient ±delta/C",
            "agrees (HuberLoss)",
        ),
        fn=_huber,
        description="Huber loss: quadratic within delta of the target, linear beyond.",
        formula=r"L = \frac{1}{C}\sum_c \begin{cases} \tfrac12 e_c^2 & |e_c| \le \delta \\ "
        r"\delta(|e_c| - \tfrac12\delta) & \text{otherwise}\end{cases},\quad e = p - y",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{1}{C}\begin{cases} e_c & "
        r"|e_c| \le \delta \\ \delta\operatorname{sign}(e_c) & \text{otherwise}\end{cases}",
        y_true_encoding="real",
        label_kind="real",
        input_kind="real",
        pairs_with=("linear",),
        per_sample_reduction="mean",
        aliases=("HuberLoss", "Huber", "huber_loss"),
        params=(
            ParamSpec(
                "delta",
                1.0,
                "Where the loss turns from quadratic to linear.",
                minimum=0.0,
                exclusive_minimum=True,
            ),
        ),
        torch_name="torch.nn.HuberLoss",
        keras_name="keras.losses.Huber",
        optax_name="optax.losses.huber_loss",
        differences=(
            "Keras uses |e| <= delta for the quadratic branch, PyTorch |e| < delta; value and "
            "gradient agree at |e| = delta, so the choice does not change any number.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="smooth_l1",
        test_params=(
            {"beta": 0.4},
            {"beta": 0.0},
        ),
        hvp=_smooth_l1_hvp,
        hessian_formula=r"\frac{1}{\beta C}[|e_c| \le \beta]\,[c = d] \ (\beta = 0: 0)",
        nonfinite=NonFinite(
            NAN_ROW
            + "; NaN gradient where the error is NaN (0 with beta = 0, which is L1Loss); ±inf "
            "errors give an inf loss and gradient ±1/C",
            "agrees (SmoothL1Loss)",
        ),
        fn=_smooth_l1,
        description="Smooth L1 (PyTorch): Huber divided by beta; beta = 0 is exactly L1.",
        formula=r"L = \frac{1}{C}\sum_c \begin{cases} \tfrac{1}{2\beta} e_c^2 & |e_c| < \beta "
        r"\\ |e_c| - \tfrac12\beta & \text{otherwise}\end{cases}",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{1}{C}\begin{cases} e_c/\beta "
        r"& |e_c| < \beta \\ \operatorname{sign}(e_c) & \text{otherwise}\end{cases}",
        y_true_encoding="real",
        label_kind="real",
        input_kind="real",
        pairs_with=("linear",),
        per_sample_reduction="mean",
        aliases=("SmoothL1Loss", "smooth_l1_loss"),
        params=(ParamSpec("beta", 1.0, "Width of the quadratic zone; 0 gives L1.", minimum=0.0),),
        torch_name="torch.nn.SmoothL1Loss",
        differences=("Keras has no smooth L1; huber(delta) = delta * smooth_l1(beta=delta).",),
    )
)

LOSSES.register(
    Loss(
        name="log_cosh",
        hvp=_log_cosh_hvp,
        hessian_formula=r"\frac{1}{C}\operatorname{sech}^2(p_c - y_c)\,[c = d]",
        nonfinite=NonFinite(
            NAN_ROW + "; NaN gradient where the error is NaN; ±inf errors give an inf loss and "
            "gradient ±1/C (tanh)",
            NO_TORCH_LOSS,
        ),
        fn=_log_cosh,
        description="Log-cosh: like mse for small errors and like mae for large ones.",
        formula=r"L = \frac{1}{C}\sum_c \log\cosh(p_c - y_c)",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{1}{C}\tanh(p_c - y_c)",
        y_true_encoding="real",
        label_kind="real",
        input_kind="real",
        pairs_with=("linear",),
        per_sample_reduction="mean",
        aliases=("logcosh", "LogCosh"),
        keras_name="keras.losses.LogCosh",
        optax_name="optax.losses.log_cosh",
        differences=(
            "Computed as logaddexp(e, -e) - log 2, finite for any finite e. PyTorch has none.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="mape",
        hvp=_zero_hvp,
        hessian_formula=r"0 \text{ (piecewise linear)}",
        nonfinite=NonFinite(
            NAN_ROW
            + "; the gradient at a NaN error is 0 (torch.sign convention, as mae); y_pred = "
            "±inf gives an inf loss",
            NO_TORCH_LOSS,
        ),
        fn=_mape,
        description="Mean absolute percentage error.",
        formula=r"L = \frac{100}{C}\sum_c \frac{|p_c - y_c|}{\max(|y_c|, \epsilon)}",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{100}{C}\,"
        r"\frac{\operatorname{sign}(p_c - y_c)}{\max(|y_c|, \epsilon)}",
        y_true_encoding="real (non-zero)",
        label_kind="real",
        input_kind="real",
        pairs_with=("linear",),
        per_sample_reduction="mean",
        aliases=("mean_absolute_percentage_error", "MeanAbsolutePercentageError"),
        params=(
            ParamSpec(
                "epsilon",
                1e-7,
                "Floor on |y_true| in the denominator (Keras epsilon); in float32 an epsilon "
                "that rounds to 0 is raised to float32's smallest normal number (1.2e-38).",
                minimum=0.0,
                exclusive_minimum=True,
                aliases=("eps",),
            ),
        ),
        keras_name="keras.losses.MeanAbsolutePercentageError",
        differences=("PyTorch has none.",),
    )
)

LOSSES.register(
    Loss(
        name="msle",
        hvp=_msle_hvp,
        hessian_formula=(
            r"\frac{2}{C}\frac{1 - d_c}{(1 + p_c)^2}[c = d],\ d_c = \log\frac{1 +"
            r" p_c}{1 + y_c}"
        ),
        nonfinite=NonFinite(
            NAN_ROW + " and NaN gradient; y_pred = +inf gives an inf loss and a NaN gradient "
            "(inf/inf); values below epsilon (−inf too) are clipped: gradient 0, except at a "
            "NaN y_true (NaN)",
            NO_TORCH_LOSS,
        ),
        fn=_msle,
        description="Mean squared logarithmic error, for positive targets spanning scales.",
        formula=r"L = \frac{1}{C}\sum_c \big(\log(1 + \max(p_c, \epsilon)) - "
        r"\log(1 + \max(y_c, \epsilon))\big)^2",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{2}{C}\,\frac{d_c}{1 + p_c}"
        r"\,[p_c \ge \epsilon],\quad d_c = \log(1+\max(p_c,\epsilon)) - "
        r"\log(1+\max(y_c,\epsilon))",
        y_true_encoding="real (non-negative)",
        label_kind="real",
        input_kind="real",
        pairs_with=("linear", "softplus", "relu"),
        per_sample_reduction="mean",
        aliases=("mean_squared_logarithmic_error", "MeanSquaredLogarithmicError"),
        params=(
            ParamSpec(
                "epsilon",
                1e-7,
                "Floor applied to y_true and y_pred before log1p (Keras epsilon).",
                minimum=0.0,
                aliases=("eps",),
            ),
        ),
        keras_name="keras.losses.MeanSquaredLogarithmicError",
        differences=("PyTorch has none. The gradient is 0 where y_pred < epsilon.",),
    )
)

LOSSES.register(
    Loss(
        name="poisson",
        test_params=({"log_input": True},),
        hvp=_poisson_hvp,
        hessian_formula=(
            r"\frac{1}{C}\frac{y_c}{(p_c + \epsilon)^2}[c = d];\ \text{log\_input:"
            r" } \frac{e^{p_c}}{C}[c = d]"
        ),
        nonfinite=NonFinite(
            NAN_ROW + "; y_pred + epsilon ≤ 0 (log_input false) is a NaN (or inf) loss even where "
            "y_true = 0 (0 · log(≤ 0) = NaN, not 0) with gradient 1 − y/(y_pred + epsilon); "
            "log_input: exp(±inf) terms as written",
            "agrees (PoissonNLLLoss, full=False)",
        ),
        fn=_poisson,
        description="Poisson negative log-likelihood (without the log y! term) for counts.",
        formula=r"L = \frac{1}{C}\sum_c \big(p_c - y_c\log(p_c + \epsilon)\big);\quad "
        r"\text{log\_input: } L = \frac{1}{C}\sum_c (e^{z_c} - y_c z_c)",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{1}{C}\Big(1 - "
        r"\frac{y_c}{p_c + \epsilon}\Big);\quad \text{log\_input: } \frac{1}{C}(e^{z_c} - y_c)",
        y_true_encoding="count (non-negative)",
        label_kind="count",
        input_kind="rate",
        pairs_with=("exponential", "softplus"),
        per_sample_reduction="mean",
        aliases=("Poisson",),
        params=(
            ParamSpec(
                "log_input",
                False,
                "true: y_pred is the log-rate z (PyTorch's default); false: y_pred is the rate "
                "(Keras).",
                type="bool",
            ),
            ParamSpec(
                "epsilon",
                1e-7,
                "Added to the rate inside the log (Keras 1e-7; PyTorch eps 1e-8).",
                minimum=0.0,
                aliases=("eps",),
            ),
        ),
        torch_name="torch.nn.PoissonNLLLoss",
        keras_name="keras.losses.Poisson",
        differences=(
            "Default log_input=false follows Keras. PyTorch's PoissonNLLLoss with its "
            "defaults (log_input=true, eps 1e-8) and `full` (Stirling term) is the entry "
            "poisson_nll.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="hinge",
        hvp=_zero_hvp,
        hessian_formula=r"0 \text{ (piecewise linear; also at the margin)}",
        nonfinite=NonFinite(
            NAN_ROW + "; a NaN margin is not a satisfied margin: loss and gradient NaN there; ±inf "
            "predictions give 0 or inf loss and gradient −y/C or 0",
            NO_TORCH_LOSS,
        ),
        fn=_hinge,
        description="Hinge loss for ±1 labels (SVM-style margin).",
        formula=r"L = \frac{1}{C}\sum_c \max(0, 1 - y_c p_c)",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = -\frac{y_c}{C}[1 - y_c p_c > 0]",
        y_true_encoding="±1 (labels that are all 0/1 are mapped to -1/+1)",
        label_kind="pm1",
        input_kind="scores",
        pairs_with=("linear", "tanh"),
        per_sample_reduction="mean",
        aliases=("Hinge", "hinge_loss"),
        keras_name="keras.losses.Hinge",
        optax_name="optax.losses.hinge_loss",
        differences=(
            "Keras definition (PyTorch has none): if every label is 0 or 1 they become ±1. "
            "The gradient at the kink 1 - y p = 0 is 0.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="squared_hinge",
        hvp=_squared_hinge_hvp,
        hessian_formula=r"\frac{2}{C} y_c^2 [1 - y_c p_c \ge 0]\,[c = d]",
        nonfinite=NonFinite(
            NAN_ROW + " and NaN gradient; ±inf predictions give 0 or inf loss", NO_TORCH_LOSS
        ),
        fn=_squared_hinge,
        description="Squared hinge loss for ±1 labels.",
        formula=r"L = \frac{1}{C}\sum_c \max(0, 1 - y_c p_c)^2",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = -\frac{2 y_c}{C}\max(0, 1 - y_c p_c)",
        y_true_encoding="±1 (labels that are all 0/1 are mapped to -1/+1)",
        label_kind="pm1",
        input_kind="scores",
        pairs_with=("linear", "tanh"),
        per_sample_reduction="mean",
        aliases=("SquaredHinge",),
        keras_name="keras.losses.SquaredHinge",
        differences=("Keras definition; PyTorch has none.",),
    )
)

LOSSES.register(
    Loss(
        name="categorical_hinge",
        hvp=_zero_hvp,
        hessian_formula=r"0 \text{ (piecewise linear)}",
        nonfinite=NonFinite(
            NAN_ROW + "; ±inf in y_pred: the formula max(0, max((1−y)p) − Σ y p + 1) evaluated as "
            "written (0·inf and inf − inf are NaN), and a NaN margin gives a NaN gradient row "
            "(not the 0 of a satisfied margin)",
            NO_TORCH_LOSS,
        ),
        fn=_categorical_hinge,
        description="Multiclass hinge (Keras): the best wrong score must trail the true score "
        "by a margin of 1.",
        formula=r"L = \max\big(0,\ \max_c (1 - y_c) p_c - \sum_c y_c p_c + 1\big)",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = [L > 0]\big((1 - y_{j})"
        r"[c = j] - y_c\big),\quad j = \arg\max_c (1 - y_c) p_c",
        y_true_encoding="one-hot",
        label_kind="one_hot",
        input_kind="scores",
        pairs_with=("linear",),
        per_sample_reduction="row",
        aliases=("CategoricalHinge",),
        keras_name="keras.losses.CategoricalHinge",
        optax_name="optax.losses.multiclass_hinge_loss (integer labels)",
        differences=(
            "Keras definition; PyTorch has none (MultiMarginLoss sums over all wrong classes). "
            "On ties for the arg max the gradient goes to the first index.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="cosine_similarity",
        hvp=_cosine_similarity_hvp,
        hessian_formula=(
            r"H v = \frac{\langle \hat y, \dot{\hat p}\rangle \hat p +"
            r" \cos\,\dot{\hat p}}{\|p\|} - \frac{g \langle \hat p,"
            r" v\rangle}{\|p\|},\ \dot{\hat p} = \frac{v - \hat p\langle \hat p,"
            r" v\rangle}{\|p\|}"
        ),
        nonfinite=NonFinite(
            "NaN or ±inf anywhere in a row of y_true or y_pred → NaN loss and gradient for "
            "that row (the norm, computed scaled, is undefined)",
            "torch has no such loss (F.cosine_similarity returns +cos and overflows for norms "
            "above ~1e154)",
        ),
        fn=_cosine_similarity,
        description="Negative cosine similarity between y_true and y_pred rows (Keras).",
        formula=r"L = -\frac{y \cdot p}{\|y\|\,\|p\|},\quad \|v\| = "
        r"\sqrt{\max(\textstyle\sum v^2, 10^{-12})}",
        gradient_formula=r"\frac{\partial L}{\partial p} = -\frac{\hat y}{\|p\|} + "
        r"\frac{(\hat y\cdot p)\,p}{\|p\|^3},\quad \hat y = y / \|y\|",
        y_true_encoding="real",
        label_kind="real",
        input_kind="real",
        pairs_with=("linear",),
        per_sample_reduction="row",
        aliases=("CosineSimilarity", "cosine_proximity"),
        keras_name="keras.losses.CosineSimilarity",
        optax_name="optax.losses.cosine_similarity (returns +cos)",
        differences=(
            "Keras returns -cos (so minimising aligns the vectors); the squared norms are "
            "floored at 1e-12 as keras.ops.normalize. torch.nn.functional.cosine_similarity "
            "returns +cos with eps 1e-8 on the norms.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="soft_margin",
        label_warnings=_soft_margin_labels,
        hvp=_soft_margin_hvp,
        hessian_formula=r"\frac{1}{C} y_c^2\,\sigma(y_c z_c)\,\sigma(-y_c z_c)\,[c = d]",
        nonfinite=NonFinite(
            NAN_ROW + "; ±inf scores give loss 0 or inf and gradient 0 or −y/C",
            "agrees on values (SoftMarginLoss); torch's gradient is NaN where −y·x = +inf "
            "(exp overflows: inf/inf) and its loss inf from −y·x ≳ 710 (float64), the limit "
            "−y/C and the finite log1p form here",
        ),
        fn=_soft_margin,
        description="Soft margin (logistic) loss for ±1 labels on raw scores.",
        formula=r"L = \frac{1}{C}\sum_c \log(1 + e^{-y_c z_c})",
        gradient_formula=r"\frac{\partial L}{\partial z_c} = -\frac{y_c}{C}\,\sigma(-y_c z_c)",
        y_true_encoding="±1",
        label_kind="pm1",
        input_kind="scores",
        pairs_with=("linear",),
        per_sample_reduction="mean",
        aliases=("SoftMarginLoss", "soft_margin_loss"),
        torch_name="torch.nn.SoftMarginLoss",
        differences=("Keras has none. Computed as -log_sigmoid(y z): finite for any finite z.",),
    )
)

LOSSES.register(
    Loss(
        name="binary_crossentropy",
        test_params=(
            {"label_smoothing": 0.2, "class_weight": [0.5, 1.0, 2.0]},
            {"pos_weight": [2.0, 0.5, 1.0]},
            {"from_logits": True},
            {"from_logits": True, "pos_weight": 3.0, "label_smoothing": 0.1},
        ),
        hvp=_bce_hvp,
        hessian_formula=(
            r"\frac{w_c}{C}\Big(\frac{a_c}{p_c^2} + \frac{1 - y_c}{(1 -"
            r" p_c)^2}\Big)[c = d];\ \text{logits: }"
            r" \frac{w_c}{C}\sigma(z_c)\sigma(-z_c)(a_c + 1 - y_c)[c = d]"
        ),
        nonfinite=NonFinite(
            NAN_ROW
            + " and NaN gradient. Probabilities: ±inf are clipped to [epsilon, 1 − epsilon] "
            "(finite loss, gradient 0, counted in the clip warning). Logits: log-sigmoid "
            "form; ±inf logits give the limit where it exists and NaN where a 0·inf term "
            "appears",
            "probabilities: torch BCELoss rejects values outside [0, 1] (an error) and clamps "
            "its logs at −100; logits: agrees with BCEWithLogitsLoss except at z = −inf with "
            "y > 0, where torch's max-shift form gives inf − inf = NaN and the limit is +inf "
            "(the service's)",
        ),
        fn=_bce,
        description="Binary cross-entropy per output unit: sigmoid outputs for binary or "
        "multilabel tasks.",
        formula=r"L = -\frac{1}{C}\sum_c w_c\big(\pi\, y_c\log p_c + (1-y_c)\log(1-p_c)\big),"
        r"\ p = \operatorname{clip}(p, \epsilon, 1-\epsilon);\ \text{from\_logits: } p = "
        r"\sigma(z)",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{w_c}{C}\Big(-\frac{\pi "
        r"y_c}{p_c} + \frac{1-y_c}{1-p_c}\Big);\quad \frac{\partial L}{\partial z_c} = "
        r"\frac{w_c}{C}\big(\sigma(z_c)(\pi y_c + 1 - y_c) - \pi y_c\big)",
        y_true_encoding="probability (0/1 per unit)",
        label_kind="binary",
        input_kind="probabilities",
        pairs_with=("sigmoid",),
        per_sample_reduction="mean",
        row_kind="binary",
        aliases=(
            "BCELoss",
            "BinaryCrossentropy",
            "BCEWithLogitsLoss",
            "bce",
            "sigmoid_binary_cross_entropy",
        ),
        params=(
            FROM_LOGITS,
            LABEL_SMOOTHING,
            EPSILON,
            CLASS_WEIGHT,
            ParamSpec(
                "pos_weight",
                None,
                "Weight pi of the positive term per class (PyTorch BCEWithLogitsLoss "
                "pos_weight): one number or C numbers.",
                type="tensor",
                minimum=0.0,
                nullable=True,
            ),
        ),
        torch_name="torch.nn.BCELoss / torch.nn.BCEWithLogitsLoss",
        keras_name="keras.losses.BinaryCrossentropy",
        optax_name="optax.losses.sigmoid_binary_cross_entropy",
        alias_defaults={
            "BCEWithLogitsLoss": {"from_logits": True},
            "sigmoid_binary_cross_entropy": {"from_logits": True},
        },
        differences=(
            _PROB_DIFF_CLIP,
            "from_logits uses log_sigmoid: finite for any finite logit (torch and optax do "
            "the same; Keras' numpy backend sigmoids and clips).",
            "class_weight is PyTorch's elementwise `weight` and does not change the 'mean' "
            "denominator; pos_weight is accepted for probabilities too.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="categorical_crossentropy",
        test_params=(
            {"label_smoothing": 0.1, "class_weight": [1.0, 2.0, 0.5]},
            {"from_logits": True},
            {"from_logits": True, "class_weight": [0.2, 1.0, 3.0]},
        ),
        hvp=_cce_hvp,
        hessian_formula=(
            r"\frac{w_c y_c}{p_c^2}[c = d];\ \text{logits: } \Big(\sum_k w_k"
            r" y_k\Big)(\operatorname{diag}(q) - q q^\top),\ q ="
            r" \operatorname{softmax}(z)"
        ),
        nonfinite=NonFinite(
            NAN_ROW
            + " and NaN gradient. Probabilities: ±inf are clipped. Logits: a row holding +inf "
            "or NaN is NaN; −inf logits of classes with target 0 add 0 (masking), with "
            "target > 0 give +inf",
            "logits: agrees with CrossEntropyLoss on probability targets, except where "
            "log_softmax is −inf and the (weighted) target 0: 0 here (masking), 0·(−inf) = NaN "
            "in torch",
        ),
        fn=_cce,
        description="Categorical cross-entropy on softmax probabilities with one-hot (or soft) "
        "labels.",
        formula=r"L = -\sum_c w_c\, y_c \log p_c,\ p = \operatorname{clip}(p, \epsilon, "
        r"1-\epsilon);\ \text{from\_logits: } \log p = \operatorname{log\_softmax}(z)",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = -\frac{w_c y_c}{p_c};\quad "
        r"\frac{\partial L}{\partial z_c} = \operatorname{softmax}(z)_c \sum_k w_k y_k - "
        r"w_c y_c",
        y_true_encoding="one-hot (soft labels allowed)",
        label_kind="one_hot",
        input_kind="probabilities",
        pairs_with=("softmax",),
        per_sample_reduction="sum",
        row_kind="categorical",
        aliases=("CategoricalCrossentropy", "cce", "categorical_cross_entropy"),
        params=(FROM_LOGITS, LABEL_SMOOTHING, EPSILON, CLASS_WEIGHT),
        torch_name="torch.nn.CrossEntropyLoss (probability targets, on logits)",
        keras_name="keras.losses.CategoricalCrossentropy",
        optax_name="optax.losses.softmax_cross_entropy (logits)",
        conventions=_KERAS_RENORM,
        differences=(
            "Rows of y_pred are not renormalised (the textbook -y/p gradient); Keras "
            "divides by the row sum first (convention 'keras').",
            _PROB_DIFF_CLIP,
            "With class_weight, 'mean' divides by the number of samples (PyTorch, probability "
            "targets).",
        ),
    )
)

LOSSES.register(
    Loss(
        name="softmax_cross_entropy",
        test_params=({"label_smoothing": 0.3, "class_weight": [1.0, 0.5, 2.0]},),
        hvp=_softmax_ce_hvp,
        hessian_formula=(
            r"\Big(\sum_k w_k y_k\Big)(\operatorname{diag}(q) - q q^\top),\ q ="
            r" \operatorname{softmax}(z)"
        ),
        nonfinite=NonFinite(
            NAN_ROW + " and NaN gradient; a row holding +inf is NaN; −inf logits of classes with "
            "target 0 add 0 (masking), with target > 0 give +inf",
            "agrees (CrossEntropyLoss, probability targets), except where log_softmax is −inf "
            "and the (weighted) target 0: 0 here (masking), 0·(−inf) = NaN in torch",
        ),
        fn=_softmax_ce,
        description="Fused softmax + cross-entropy on logits; its gradient is softmax(z) - y.",
        formula=r"L = -\sum_c w_c\, y_c \operatorname{log\_softmax}(z)_c",
        gradient_formula=r"\frac{\partial L}{\partial z_c} = \operatorname{softmax}(z)_c "
        r"\sum_k w_k y_k - w_c y_c \;(= \operatorname{softmax}(z)_c - y_c \text{ for one-hot "
        r"} y, w = 1)",
        y_true_encoding="one-hot (soft labels allowed)",
        label_kind="one_hot",
        input_kind="logits",
        pairs_with=("linear",),
        per_sample_reduction="sum",
        row_kind="categorical",
        aliases=("CrossEntropyLoss", "softmax_cross_entropy_with_logits"),
        params=(LABEL_SMOOTHING, CLASS_WEIGHT),
        torch_name="torch.nn.CrossEntropyLoss (probability targets)",
        keras_name="keras.losses.CategoricalCrossentropy(from_logits=True)",
        optax_name="optax.losses.softmax_cross_entropy",
        differences=(
            "Dense targets only: for class indices use sparse_categorical_crossentropy with "
            "from_logits=true (PyTorch's CrossEntropyLoss accepts both).",
            "Computed with log_softmax: finite for logits of any finite size.",
        ),
    )
)

LOSSES.register(
    Loss(
        name="sparse_categorical_crossentropy",
        test_params=(
            {"from_logits": True, "class_weight": [0.5, 2.0, 1.5]},
            {"label_smoothing": 0.2, "ignore_index": 7},
        ),
        one_hot_hint="for one-hot labels use categorical_crossentropy",
        hvp=_sparse_cce_hvp,
        hessian_formula=(
            r"\frac{w_c t_c}{p_{ic}^2}[c = d];\ \text{logits: } \Big(\sum_k w_k"
            r" t_k\Big)(\operatorname{diag}(q_i) - q_i q_i^\top)"
        ),
        nonfinite=NonFinite(
            NAN_ROW
            + " and NaN gradient, except in ignored samples (loss 0, gradient 0). Logits: a "
            "row holding +inf or NaN is NaN; −inf logits of other classes add 0",
            "logits: agrees with CrossEntropyLoss (class indices), except where log_softmax "
            "is −inf and the class's weight 0: 0 here (masking), 0·(−inf) = NaN in torch",
        ),
        fn=_sparse_cce,
        description="Categorical cross-entropy with integer class labels.",
        formula=r"L_i = -w_{y_i}\log p_{i, y_i}\ (\text{smoothing: } -\sum_c w_c t_c \log "
        r"p_{ic},\ t = (1-s)\,\mathrm{onehot}(y_i) + s/C)",
        gradient_formula=r"\frac{\partial L_i}{\partial p_{ic}} = -\frac{w_c t_c}{p_{ic}};"
        r"\quad \frac{\partial L_i}{\partial z_{ic}} = \operatorname{softmax}(z_i)_c \sum_k "
        r"w_k t_k - w_c t_c",
        y_true_encoding="integer index (shape y_pred.shape[:-1], or with a trailing 1)",
        label_kind="index",
        input_kind="probabilities",
        pairs_with=("softmax",),
        per_sample_reduction="sum",
        row_kind="categorical",
        sparse=True,
        aliases=("SparseCategoricalCrossentropy", "scce", "sparse_categorical_cross_entropy"),
        params=(FROM_LOGITS, LABEL_SMOOTHING, EPSILON, CLASS_WEIGHT, IGNORE_INDEX),
        torch_name="torch.nn.CrossEntropyLoss (class-index targets, on logits)",
        keras_name="keras.losses.SparseCategoricalCrossentropy",
        optax_name="optax.losses.softmax_cross_entropy_with_integer_labels",
        conventions=_KERAS_RENORM,
        differences=(
            "'mean' divides by the number of non-ignored samples, or with class_weight by the "
            "sum of their target classes' weights (PyTorch). sample_weight is not in the "
            "denominator (Keras).",
            "label_smoothing follows PyTorch (Keras' sparse loss has none). ignore_index "
            "defaults to -100 (PyTorch); Keras' ignore_class defaults to None.",
            _PROB_DIFF_CLIP,
        ),
    )
)

LOSSES.register(
    Loss(
        name="nll",
        test_params=({"class_weight": [0.5, 2.0, 1.5]},),
        one_hot_hint="for one-hot labels use categorical_crossentropy",
        alternative="sparse_categorical_crossentropy (from_logits=true for logits)",
        hvp=_zero_hvp,
        hessian_formula=r"0 \text{ (linear in } x)",
        nonfinite=NonFinite(
            "NaN or ±inf at the target class of a non-ignored sample → that loss; other "
            "entries do not enter the loss (their gradient is 0)",
            "agrees (NLLLoss)",
        ),
        fn=_nll,
        description="Negative log-likelihood of log-probabilities (pair with log_softmax).",
        formula=r"L_i = -w_{y_i}\, x_{i, y_i}",
        gradient_formula=r"\frac{\partial L_i}{\partial x_{ic}} = -w_{y_i}[c = y_i]",
        y_true_encoding="integer index (shape y_pred.shape[:-1], or with a trailing 1)",
        label_kind="index",
        input_kind="log_probabilities",
        pairs_with=("log_softmax",),
        per_sample_reduction="sum",
        row_kind="categorical",
        sparse=True,
        aliases=("NLLLoss", "nll_loss", "negative_log_likelihood"),
        params=(CLASS_WEIGHT, IGNORE_INDEX),
        torch_name="torch.nn.NLLLoss",
        differences=(
            "Keras has none. 'mean' divides by the number of non-ignored samples, or with "
            "class_weight by the sum of their target classes' weights (PyTorch).",
        ),
    )
)

LOSSES.register(
    Loss(
        name="kl_divergence",
        test_params=(
            {"label_smoothing": 0.1},
            {"from_logits": True},
        ),
        hvp=_kl_hvp,
        hessian_formula=(
            r"\frac{y_c}{p_c^2}[c = d];\ \text{logits: } \Big(\sum_k"
            r" y_k\Big)(\operatorname{diag}(q) - q q^\top)"
        ),
        nonfinite=NonFinite(
            NAN_ROW + " and NaN gradient. Probabilities: y and p are clipped to [epsilon, 1] (±inf "
            "too). Logits: terms with y = 0 are 0 at finite logits (a −inf logit gives "
            "0·(−inf) = NaN there, as torch); a row holding +inf or NaN is NaN",
            "logits: agrees with KLDivLoss(log_softmax(z), y) per element summed over classes",
        ),
        fn=_kl,
        description="Kullback-Leibler divergence KL(y || p) between target and predicted "
        "distributions.",
        formula=r"L = \sum_c y_c \log\frac{y_c}{p_c},\ y, p \text{ clipped to } [\epsilon, 1];"
        r"\ \text{from\_logits: } \sum_c y_c(\log y_c - \operatorname{log\_softmax}(z)_c)",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = -\frac{y_c}{p_c};\quad "
        r"\frac{\partial L}{\partial z_c} = \operatorname{softmax}(z)_c\sum_k y_k - y_c",
        y_true_encoding="probability distribution per row",
        label_kind="distribution",
        input_kind="probabilities",
        pairs_with=("softmax",),
        per_sample_reduction="sum",
        row_kind="categorical",
        aliases=("KLDivergence", "KLDivLoss", "kld", "kullback_leibler_divergence"),
        params=(FROM_LOGITS, LABEL_SMOOTHING, EPSILON),
        torch_name="torch.nn.KLDivLoss (input = log-probabilities)",
        keras_name="keras.losses.KLDivergence",
        optax_name="optax.losses.kl_divergence (log-predictions)",
        alias_defaults={"KLDivLoss": {"from_logits": True}},
        differences=(
            "Probabilities: Keras, both y and p clipped to [epsilon, 1] (so y = 0 adds "
            "epsilon log(epsilon/p)); gradient 0 where p is clipped.",
            "from_logits: PyTorch's pointwise y (log y - log q) with log q = log_softmax(z) and "
            "0 where y = 0. The alias KLDivLoss implies from_logits=true: log_softmax leaves "
            "normalised log-probabilities (PyTorch's input) unchanged.",
            "'mean' is per-sample sum then mean over samples = PyTorch's 'batchmean' for 2-D "
            "input (PyTorch's 'mean' divides by every element).",
        ),
    )
)

LOSSES.register(
    Loss(
        name="binary_focal_crossentropy",
        test_params=(
            {"gamma": 0.5, "apply_class_balancing": True, "alpha": 0.4},
            {"gamma": 1.0, "label_smoothing": 0.1},
            {"from_logits": True},
            {"from_logits": True, "gamma": 0.0},
            {"from_logits": True, "gamma": 3.5, "apply_class_balancing": True},
        ),
        hvp=_binary_focal_hvp,
        hessian_formula=(
            r"\frac{\alpha_t}{C}\big(m'' b + 2 m' b' + m b''\big)[c = d],\ m = (1 -"
            r" p_t)^{\gamma}"
        ),
        nonfinite=NonFinite(
            NAN_ROW
            + " and NaN gradient. Probabilities: ±inf are clipped. Logits: log-sigmoid form; "
            "±inf logits give the limit where it exists and NaN where a 0·inf term appears",
            NO_TORCH_LOSS,
        ),
        fn=_binary_focal,
        description="Binary focal loss (Keras): binary cross-entropy down-weighted by "
        "(1 - p_t)^gamma on well-classified units.",
        formula=r"L = \frac{1}{C}\sum_c \alpha_t (1 - p_t)^{\gamma}\,\mathrm{BCE}(y_c, p_c),"
        r"\ p_t = y p + (1-y)(1-p),\ \alpha_t = y\alpha + (1-y)(1-\alpha) \text{ if balancing "
        r"else } 1",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \frac{\alpha_t}{C}\Big(-\gamma"
        r"(1-p_t)^{\gamma-1}(2y_c - 1)\,\mathrm{BCE} + (1-p_t)^{\gamma}\,"
        r"\frac{\partial\mathrm{BCE}}{\partial p_c}\Big)",
        y_true_encoding="probability (0/1 per unit)",
        label_kind="binary",
        input_kind="probabilities",
        pairs_with=("sigmoid",),
        per_sample_reduction="mean",
        row_kind="binary",
        aliases=("BinaryFocalCrossentropy", "binary_focal_loss", "sigmoid_focal_loss"),
        params=(
            ParamSpec("gamma", 2.0, "Focusing exponent; 0 gives (weighted) BCE.", minimum=0.0),
            ParamSpec(
                "alpha",
                0.25,
                "Weight of the positive class, used only when apply_class_balancing.",
                minimum=0.0,
                maximum=1.0,
            ),
            ParamSpec(
                "apply_class_balancing",
                False,
                "Multiply by alpha for positives and 1 - alpha for negatives (Keras).",
                type="bool",
            ),
            FROM_LOGITS,
            LABEL_SMOOTHING,
            EPSILON,
        ),
        keras_name="keras.losses.BinaryFocalCrossentropy",
        optax_name="optax.losses.sigmoid_focal_loss (logits; alpha=None means no weighting)",
        alias_defaults={"sigmoid_focal_loss": {"from_logits": True}},
        differences=(
            "Probabilities: p_t uses the clipped p (Keras uses the unclipped p in p_t; they "
            "differ by at most epsilon), so the gradient is 0 where the clip is active.",
            "from_logits: exact log_sigmoid and 1 - p_t = y sigma(-z) + (1 - y) sigma(z), "
            "finite for any finite logit (Keras sigmoids then clips).",
            "PyTorch has none (torchvision.ops.sigmoid_focal_loss always applies alpha).",
        ),
    )
)

LOSSES.register(
    Loss(
        name="categorical_focal_crossentropy",
        test_params=(
            {"gamma": 0.5, "alpha": 1.0},
            {"gamma": 3.0},
            {"from_logits": True},
            {"from_logits": True, "gamma": 0.7, "label_smoothing": 0.1},
        ),
        hvp=_categorical_focal_hvp,
        hessian_formula=(
            r"\text{diagonal in } p\text{: } \alpha"
            r" y_c\Big(-\gamma(\gamma-1)(1-p_c)^{\gamma-2}\log p_c +"
            r" \frac{2\gamma(1-p_c)^{\gamma-1}}{p_c} +"
            r" \frac{(1-p_c)^{\gamma}}{p_c^2}\Big);\ \text{logits: through softmax}"
        ),
        nonfinite=NonFinite(
            NAN_ROW
            + " and NaN gradient. Probabilities: ±inf are clipped. Logits: a row holding +inf "
            "or NaN is NaN",
            NO_TORCH_LOSS,
        ),
        fn=_categorical_focal,
        description="Categorical focal loss (Keras): cross-entropy down-weighted by "
        "alpha (1 - p_c)^gamma.",
        formula=r"L = -\sum_c \alpha (1 - p_c)^{\gamma}\, y_c \log p_c,\ p = \operatorname{clip}"
        r"(p, \epsilon, 1 - \epsilon);\ \text{from\_logits: } p = \operatorname{softmax}(z)",
        gradient_formula=r"\frac{\partial L}{\partial p_c} = \alpha y_c\Big(\gamma(1-p_c)^{"
        r"\gamma-1}\log p_c - \frac{(1-p_c)^{\gamma}}{p_c}\Big);\ \frac{\partial L}{\partial z}"
        r" = h - p\textstyle\sum_c h_c,\ h_c = p_c \frac{\partial L}{\partial p_c}",
        y_true_encoding="one-hot",
        label_kind="one_hot",
        input_kind="probabilities",
        pairs_with=("softmax",),
        per_sample_reduction="sum",
        row_kind="categorical",
        aliases=("CategoricalFocalCrossentropy", "categorical_focal_loss"),
        params=(
            ParamSpec(
                "gamma",
                2.0,
                "Focusing exponent; 0 gives alpha times cross-entropy.",
                minimum=0.0,
            ),
            ParamSpec(
                "alpha",
                0.25,
                "Weight applied to every class term (Keras).",
                minimum=0.0,
                maximum=1.0,
            ),
            FROM_LOGITS,
            LABEL_SMOOTHING,
            EPSILON,
        ),
        keras_name="keras.losses.CategoricalFocalCrossentropy",
        conventions=_KERAS_RENORM,
        differences=(
            "Rows are not renormalised unless convention 'keras' (Keras always renormalises).",
            "from_logits: log_softmax and 1 - p = -expm1(log p): finite for any finite logit "
            "(Keras softmaxes, renormalises and clips).",
            "PyTorch has none.",
        ),
    )
)
