"""The rest of the loss catalog (issue 12): PyTorch's margin, embedding and likelihood losses
with every option PyTorch has, and Keras 3's Dice and Tversky.

Some of these take more tensors than ``y_true``/``y_pred``: ``margin_ranking`` and
``cosine_embedding`` compare ``x1`` with ``x2`` (``y_true`` = the ±1 label), ``triplet_margin``
takes ``anchor``, ``positive`` and ``negative`` (no ``y_true``), ``gaussian_nll`` takes the
variance ``var`` beside ``y_pred``. An entry lists its tensor inputs in ``inputs``; the first
is the *main input*: its shape sets the batch (``shape[:-1]``), the response tensors take its
form and ``grad`` is the gradient with respect to it. ``grads`` holds the gradient of every
tensor input by field name (``grads[main] == grad``). ``y_true`` never gets a gradient (a
target, as everywhere in the catalog).

Each function returns the per-sample loss (the last axis reduced: mean for the elementwise
losses, the row for the others) and the gradient of every input *before* the reduction in the
inputs' broadcast shape; :func:`evaluate_more` applies ``sample_weight`` and the Keras
reduction of ``_core.reduce`` to the loss and to every gradient alike, then sums each gradient
back to its input's shape (``var`` may be broadcast).

Kinks follow PyTorch: ``clamp_min`` passes the gradient where its argument is exactly 0
(margin_ranking, hinge_embedding, cosine_embedding, triplet_margin), the multi_margin and
multilabel_margin kernels test ``z > 0`` strictly. NaN is never hidden by a finite loss (the
PyTorch margin kernels skip a NaN margin; this module makes the row NaN).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np
from scipy.special import expit, log_expit, logsumexp

from service.compute.errors import InvalidInputError
from service.compute.losses._checks import (
    all_finite,
    check_index_y_true,
    normalize_activation,
    prepare_sample_weight,
)
from service.compute.losses._core import (
    Array,
    Loss,
    RowCtx,
    RowOut,
    reduce,
    row_mean,
    sigmoid,
    weights_for,
)
from service.compute.losses._defs import LOSSES, _row_norm
from service.compute.losses._second import as_vector, second_order
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite

# torch's cosine_embedding_loss adds EPSILON to each squared norm; the kernel's constant is a
# float 1e-12, i.e. 9.99999996e-13 in float64 (it shows in the gradient of a zero row)
COSINE_EMBEDDING_EPS = float(np.float32(1e-12))
KERAS_EPSILON = 1e-7  # keras.backend.epsilon(): Dice and Tversky denominators
HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)
# multilabel_margin compares every target slot with every class: samples x C^2 pairs, each a
# few float64 temporaries (32 MB per array at the limit)
MAX_PAIRS = 4_000_000

TENSOR_FIELDS = ("x1", "x2", "anchor", "positive", "negative", "var")


@dataclass
class MoreCtx(RowCtx):
    """RowCtx plus every tensor input by field name (in the compute dtype, shapes checked)."""

    inputs: dict[str, Array] = field(default_factory=dict)


@dataclass
class MoreOut(RowOut):
    """RowOut plus the unreduced gradient of every tensor input, in the broadcast shape."""

    grads: dict[str, Array] = field(default_factory=dict)
    # per-sample losses that are one value for the whole batch (Dice/Tversky axis=None)
    whole_batch: bool = False
    # an input's shape before broadcasting, where it is not the given shape (var (N,) -> (N, 1))
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)


Compute = Callable[[MoreCtx], MoreOut]
Warn = Callable[[MoreCtx], list[str]]


def _unused(ctx: RowCtx) -> RowOut:
    raise RuntimeError("issue-12 losses are evaluated by losses._more.evaluate_more")


@dataclass(frozen=True)
class MoreLoss(Loss):
    """A loss of this module: ``compute`` sees every tensor input (``fn`` is not used).

    ``inputs``: the tensor fields taking a gradient, main input first. ``y_true_shape``:
    ``same`` as the main input, ``batch`` (one label per sample: main.shape[:-1], a trailing
    1 accepted) or ``none`` (no y_true). ``warn``: the entry's own warnings.
    """

    compute: Compute | None = None
    inputs: tuple[str, ...] = ("y_pred",)
    y_true_shape: Literal["same", "batch", "none"] = "same"
    warn: Warn | None = None
    # parameters GET /v1/losses/{name}/curve uses unless the query sets them (one row per x)
    curve_params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def main_input(self) -> str:
        return self.inputs[0]

    def catalog(self) -> dict[str, Any]:
        out = super().catalog()
        out["inputs"] = list(self.inputs)
        return out


def more(**kw: Any) -> MoreLoss:
    """Build and register an entry (``fn`` is the unused stub)."""
    return cast(MoreLoss, LOSSES.register(MoreLoss(fn=_unused, **kw)))


# ---------------------------------------------------------------------------------------
# evaluation


@dataclass
class MoreResult:
    loss: Array
    grad: Array
    per_sample: Array
    grads: dict[str, Array]
    warnings: list[str]
    hessian: Array | None = None  # main.shape * 2, when asked
    hvp: Array | None = None  # H v, the main input's shape, when v is given


def _cast(a: Any, dt: np.dtype, loc: str) -> Array:
    try:
        with np.errstate(over="ignore"):
            return np.asarray(a, dtype=dt)
    except (TypeError, ValueError):
        raise InvalidInputError("expected a numeric tensor", (loc,)) from None


def _fields(entry: MoreLoss) -> str:
    return " and ".join(", ".join(entry.inputs).rsplit(", ", 1))


def evaluate_more(
    entry: MoreLoss,
    prm: dict[str, Any],
    y_true: Array | None,
    y_pred: Array | None,
    inputs: Mapping[str, Array],
    *,
    reduction: str,
    sample_weight: Array | None,
    convention: str,
    dt: np.dtype,
    output_activation: str | None,
    hessian: bool = False,
    v: Array | None = None,
) -> MoreResult:
    """Validate the fields an entry takes, compute, reduce and sum gradients to shape.

    ``hessian`` / ``v``: the Hessian of the reduced loss with respect to the main input (the
    other inputs held fixed) and its product with ``v`` (the main input's shape).
    """
    given: dict[str, Any] = dict(inputs)
    if y_pred is not None:
        given["y_pred"] = y_pred
    for k in given:
        if k not in entry.inputs:
            takes = _fields(entry)
            raise InvalidInputError(
                f"{entry.name} takes the tensor field(s) {takes}, not {k}"
                + (f" (y_pred is {entry.main_input} here)" if k == "y_pred" else ""),
                (k,),
            )
    for k in entry.inputs:
        if k not in given:
            raise InvalidInputError(
                f"expected {k}: {entry.name} takes {_fields(entry)}"
                + ("" if entry.y_true_shape == "none" else " and y_true"),
                (k,),
            )
    if entry.y_true_shape == "none" and y_true is not None:
        raise InvalidInputError(f"{entry.name} takes no y_true", ("y_true",))
    if entry.y_true_shape != "none" and y_true is None:
        raise InvalidInputError(f"expected y_true: {entry.name} needs targets", ("y_true",))

    arrs = {k: _cast(v, dt, k) for k, v in given.items()}
    main = entry.main_input
    m = arrs[main]
    shown = tuple(m.shape)
    scalar = m.ndim == 0
    if scalar:
        if entry.per_sample_reduction != "mean":
            raise InvalidInputError(
                f"expected {main} with a last axis (at least 1-d), got a number", (main,)
            )
        m = m.reshape(1)
        arrs[main] = m
    if m.shape[-1] == 0:
        raise InvalidInputError(
            f"expected at least one element along the last axis, got shape {shown}", (main,)
        )
    for k in entry.inputs[1:]:
        if k == "var":
            continue  # gaussian_nll checks var's torch shapes itself
        if tuple(arrs[k].shape) != shown:
            raise InvalidInputError(
                f"expected shape {shown} like {main}, got {tuple(arrs[k].shape)}", (k,)
            )
        arrs[k] = arrs[k].reshape(m.shape)
    batch = tuple(m.shape[:-1])
    if v is not None:
        v = as_vector(v, shown, dt).reshape(m.shape)

    y: Array = np.zeros(batch, dtype=dt)
    valid = None
    if y_true is not None:
        yt = np.asarray(y_true)
        if entry.label_kind == "index" and entry.y_true_shape == "batch":
            y, valid = check_index_y_true(entry, yt, m, None)
        elif entry.y_true_shape == "batch":
            y = _cast(yt, dt, "y_true")
            if y.shape == (*batch, 1) and y.shape != batch:
                y = y.reshape(batch)
            if y.shape != batch:
                raise InvalidInputError(
                    f"expected one label per sample: shape {batch} ({main}.shape[:-1]), "
                    f"got {tuple(y.shape)}",
                    ("y_true",),
                )
        else:
            y = _cast(yt, dt, "y_true")
            if tuple(y.shape) != shown:
                raise InvalidInputError(
                    f"expected shape {shown} like {main}, got {tuple(y.shape)}", ("y_true",)
                )
            y = y.reshape(m.shape)

    sw = None
    if sample_weight is not None:
        sw = prepare_sample_weight(_cast(sample_weight, dt, "sample_weight"), batch)

    ctx = MoreCtx(y_true=y, y_pred=m, params=prm, convention=convention, valid=valid, inputs=arrs)
    finite = all(all_finite(a) for a in arrs.values()) and (
        y_true is None or not np.issubdtype(y.dtype, np.floating) or all_finite(y)
    )
    errs: dict[str, str] = {"over": "ignore"}
    if not finite:  # non-finite input: NaN/inf results are intended
        errs = {"over": "ignore", "invalid": "ignore", "divide": "ignore"}
    assert entry.compute is not None
    with np.errstate(**errs):  # type: ignore[arg-type]
        out = entry.compute(ctx)
        loss, grads = _reduce_all(out, reduction, sw, batch)
    hess, hv = None, None
    if hessian or v is not None:
        hess, hv = _second_more(entry, ctx, out, reduction, sw, hessian=hessian, v=v)
        if scalar:
            hess = None if hess is None else hess.reshape(())
            hv = None if hv is None else hv.reshape(())
        elif hess is not None:
            hess = hess.reshape(shown + shown)

    shapes = {k: np.shape(given[k]) for k in entry.inputs}
    final: dict[str, Array] = {}
    for k, g in grads.items():
        final[k] = np.asarray(_sum_to(g, out.shapes.get(k, shapes[k])), dtype=dt).reshape(shapes[k])
    if scalar:
        final[main] = final[main].reshape(())
    warnings = (entry.warn(ctx) if entry.warn is not None else []) + _pairing(
        entry, output_activation
    )
    per = np.asarray(out.per_sample, dtype=dt)
    return MoreResult(
        loss=np.asarray(loss, dtype=dt),
        grad=final[main],
        per_sample=per,
        grads=final,
        warnings=warnings,
        hessian=hess,
        hvp=None if hv is None else hv.reshape(shown),
    )


def _reduce_all(
    out: MoreOut, reduction: str, sw: Array | None, batch: tuple[int, ...]
) -> tuple[Array, dict[str, Array]]:
    """Reduce the loss with ``_core.reduce`` and scale every gradient the same way."""
    per = out.per_sample
    if out.whole_batch:  # one value for the whole batch: Keras broadcasts sample_weight to it
        w = None if sw is None else np.broadcast_to(sw, batch)
        if w is None:
            scale = per.dtype.type(1.0)
            loss = per if reduction != "none" else per.reshape(())
        elif reduction == "none":  # L w, of the batch's shape (empty for an empty batch)
            s = np.sum(w)
            return per * w, {k: g * s for k, g in out.grads.items()}  # grad of sum(w L)
        else:  # L sum(w) or L mean(w); an empty batch weighs 0 (mean over D = 0: 0)
            s = np.sum(w)
            scale = (s / w.size if w.size else s) if reduction == "mean" else s
            loss = per * scale
        return np.asarray(loss), {k: g * scale for k, g in out.grads.items()}
    loss, _ = reduce(out, reduction, sw)
    scaled: dict[str, Array] = {}
    denom = float(per.size) if out.denominator is None else out.denominator
    for k, g in out.grads.items():
        if sw is not None:
            g = g * sw.reshape(batch + (1,) * (g.ndim - len(batch)))
        if reduction == "mean":
            g = np.zeros_like(g) if denom == 0 else g / g.dtype.type(denom)
        scaled[k] = g
    return loss, scaled


def _sum_to(g: Array, shape: tuple[int, ...]) -> Array:
    """Sum a broadcast gradient back to ``shape`` (numpy broadcasting rules)."""
    if tuple(g.shape) == tuple(shape):
        return g
    if math.prod(shape) == g.size:
        return g.reshape(shape)
    lead = g.ndim - len(shape)
    s = g.sum(axis=tuple(range(lead))) if lead > 0 else g
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and s.shape[i] != 1)
    if axes:
        s = s.sum(axis=axes, keepdims=True)
    return s.reshape(shape)


def _pairing(entry: MoreLoss, output_activation: str | None) -> list[str]:
    if output_activation is None:
        return []
    act = normalize_activation(output_activation)
    if act in entry.pairs_with:
        return []
    return [
        f"output activation {act!r} is not what the catalog recommends for {entry.name} "
        f"(recommended: {', '.join(entry.pairs_with)})."
    ]


# ---------------------------------------------------------------------------------------
# helpers and warnings


def _finite(a: Array) -> Array:
    return a if all_finite(a) else a[np.isfinite(a)]


def _warn_pm1(ctx: MoreCtx) -> list[str]:
    y = _finite(ctx.y_true)
    n = int(np.count_nonzero((y != 1) & (y != -1)))
    if n == 0:
        return []
    zero = bool(np.all((y == 0) | (y == 1)))
    return [
        f"y_true has {n} value(s) other than 1 and -1"
        + (": 0/1 labels are not mapped to -1/+1 (PyTorch's rule); map 0 to -1" if zero else "")
        + "; they are used as given."
    ]


def _warn_binary(ctx: MoreCtx) -> list[str]:
    y = _finite(ctx.y_true)
    n = int(np.count_nonzero((y < 0) | (y > 1)))
    return [f"y_true has {n} value(s) outside [0, 1]; they are used as given."] if n else []


def _warn_counts(ctx: MoreCtx) -> list[str]:
    out = []
    y = _finite(ctx.y_true)
    n = int(np.count_nonzero(y < 0))
    if n:
        out.append(f"poisson_nll expects non-negative counts; y_true has {n} negative value(s).")
    if not ctx.params["log_input"]:
        p = _finite(ctx.y_pred)
        k = int(np.count_nonzero(p < 0))
        if k:
            out.append(
                f"log_input=false takes rates >= 0 but y_pred has {k} negative value(s): where "
                "y_pred + eps <= 0 the log is undefined (NaN or inf loss); if these are "
                "log-rates set log_input=true."
            )
    return out


def _clamp_active(z: Array) -> Array:
    """Where torch's clamp_min(z, 0) passes the gradient: z >= 0 (the kink included)."""
    return cast(np.ndarray, z >= 0)


def _nan_where(cond: Array, a: Array) -> Array:
    """a with NaN where cond (a NaN margin is not a satisfied margin)."""
    if np.any(cond):
        return np.where(cond, np.nan, a).astype(a.dtype, copy=False)
    return a


# ---------------------------------------------------------------------------------------
# margin_ranking, hinge_embedding, cosine_embedding


def _margin_ranking(ctx: MoreCtx) -> MoreOut:
    x1, x2, y = ctx.inputs["x1"], ctx.inputs["x2"], ctx.y_true
    c = x1.shape[-1]
    z = -y * (x1 - x2) + ctx.params["margin"]
    act = _clamp_active(z)
    g = _nan_where(np.isnan(z), np.where(act, -y, 0.0).astype(x1.dtype, copy=False)) / c
    per = row_mean(np.maximum(z, 0.0))
    return MoreOut(per, g, grads={"x1": g, "x2": -g})


def _hinge_embedding(ctx: MoreCtx) -> MoreOut:
    x, y = ctx.inputs["y_pred"], ctx.y_true
    mg = ctx.params["margin"]
    c = x.shape[-1]
    neg, pos = y != 1, y != -1  # torch: other labels take both terms
    mz = mg - x
    elem = np.where(neg, np.maximum(mz, 0.0), 0.0) + np.where(pos, x, 0.0)
    g = np.where(neg, np.where(_clamp_active(mz), -1.0, 0.0), 0.0) + np.where(pos, 1.0, 0.0)
    g = _nan_where(np.isnan(x) | np.isnan(y), g.astype(x.dtype, copy=False)) / c
    return MoreOut(row_mean(elem), g, grads={"y_pred": g})


def _cosine_parts(x1: Array, x2: Array) -> tuple[Array, Array, Array, Array, Array]:
    """(u1, u2, r1, r2, cos) of torch's cos = x1.x2 / sqrt((|x1|^2 + eps)(|x2|^2 + eps)).

    r_k = sqrt(|x_k|^2 + eps) = hypot(|x_k|, sqrt(eps)) from the scaled norm (_row_norm, as
    cosine_similarity), u_k = x_k / r_k (at most 1) and cos = u1.u2 (r's keep the last axis):
    nothing is squared at the scale of the inputs, where torch's |x|^2 overflows above ~1e154
    (float64) / ~1.8e19 (float32) and its cosine becomes 0 or NaN. A row holding NaN or ±inf
    has a NaN norm, so a NaN cosine.
    """
    se = x1.dtype.type(math.sqrt(COSINE_EMBEDDING_EPS))
    r1 = np.hypot(_row_norm(x1), se)
    r2 = np.hypot(_row_norm(x2), se)
    u1, u2 = x1 / r1, x2 / r2
    return u1, u2, r1, r2, np.sum(u1 * u2, axis=-1)


def _cosine_embedding(ctx: MoreCtx) -> MoreOut:
    x1, x2, y = ctx.inputs["x1"], ctx.inputs["x2"], ctx.y_true
    u1, u2, r1, r2, cos = _cosine_parts(x1, x2)
    mg = ctx.params["margin"]
    pos, neg = y == 1, y == -1
    per = np.where(pos, 1.0 - cos, 0.0) + np.where(neg, np.maximum(cos - mg, 0.0), 0.0)
    coef = np.where(pos, -1.0, 0.0) + np.where(neg & _clamp_active(cos - mg), 1.0, 0.0)
    coef = _nan_where(np.isnan(cos) & (pos | neg), coef.astype(x1.dtype, copy=False))
    # dcos/dx1 = x2 / (r1 r2) - cos x1 / r1^2 = (u2 - cos u1) / r1, and symmetrically for x2
    dc1 = (u2 - cos[..., None] * u1) / r1
    dc2 = (u1 - cos[..., None] * u2) / r2
    g1 = coef[..., None] * dc1
    g2 = coef[..., None] * dc2
    return MoreOut(per.astype(x1.dtype, copy=False), g1, grads={"x1": g1, "x2": g2})


# ---------------------------------------------------------------------------------------
# multi_margin, multilabel_margin, multilabel_soft_margin


def _class_weight(ctx: MoreCtx, c: int) -> Array | None:
    w = weights_for(ctx.params.get("class_weight"), ctx.y_pred.dtype)
    if w is not None and (w.ndim > 1 or (w.ndim == 1 and w.shape[0] != c)):
        raise InvalidInputError(
            f"expected one weight per class, shape ({c},), got shape {tuple(w.shape)}",
            ("params", "class_weight"),
        )
    return w


def _multi_margin(ctx: MoreCtx) -> MoreOut:
    x = ctx.inputs["y_pred"]
    p, mg = ctx.params["p"], ctx.params["margin"]
    c = x.shape[-1]
    idx = ctx.y_true[..., None].astype(np.intp)
    xy = np.take_along_axis(x, idx, axis=-1)
    z = mg - xy + x
    other = np.ones(x.shape, dtype=bool)
    np.put_along_axis(other, idx, False, axis=-1)
    act = other & (z > 0)
    w = _class_weight(ctx, c)
    wy = (
        np.ones(idx.shape, dtype=x.dtype)
        if w is None
        else np.broadcast_to(w, (c,))[idx].astype(x.dtype)
    )
    # the kernel's order: h w_y summed, then / C; the gradient (2/C) z w_y, never 2 z (which
    # overflows where the true gradient is finite: z = 3e38 in float32)
    h = z if p == 1 else z * z
    per = np.sum(np.where(act, h * wy, 0.0), axis=-1) / c
    dh = np.full_like(z, 1.0 / c) if p == 1 else x.dtype.type(2.0 / c) * z
    gj = np.where(act, dh * wy, 0.0)
    g = gj.copy()
    np.put_along_axis(g, idx, -np.sum(gj, axis=-1, keepdims=True), axis=-1)
    nan = np.any(np.isnan(z) & other, axis=-1)  # the kernel's `z > 0` skips NaN; not here
    per = _nan_where(nan, per.astype(x.dtype, copy=False))
    g = _nan_where(np.broadcast_to(nan[..., None], g.shape), g.astype(x.dtype, copy=False))
    return MoreOut(per, g, grads={"y_pred": g})


def _multilabel_targets(ctx: MoreCtx) -> tuple[Array, Array, Array]:
    """(target slots in use (before the first -1), their class indices, is-target mask)."""
    yt = ctx.y_true
    c = yt.shape[-1]
    if not np.all(np.isfinite(yt)) or not np.all(yt == np.round(yt)):
        raise InvalidInputError(
            "expected integer class indices in [0, C) padded with -1", ("y_true",)
        )
    if np.any(yt >= c) or np.any(yt < -1):
        raise InvalidInputError(
            f"expected class indices in [0, {c}) padded with -1 (y_pred has C = {c} classes)",
            ("y_true",),
        )
    slots = np.cumprod(yt >= 0, axis=-1).astype(bool)  # torch stops at the first -1
    idx = np.where(slots, yt, 0).astype(np.intp)
    flat = np.zeros((idx.size // c, c), dtype=np.int64)
    rows = np.repeat(np.arange(flat.shape[0]), c)
    np.add.at(flat, (rows, idx.ravel()), slots.ravel().astype(np.int64))
    is_t = (flat > 0).reshape(yt.shape)
    return slots, idx, is_t


def _multilabel_margin(ctx: MoreCtx) -> MoreOut:
    x = ctx.inputs["y_pred"]
    c = x.shape[-1]
    n = x.size // c
    if n * c * c > MAX_PAIRS:
        raise InvalidInputError(
            f"multilabel_margin compares every target with every class: samples x C^2 = "
            f"{n * c * c} pairs, at most {MAX_PAIRS}",
            ("y_pred",),
        )
    slots, idx, is_t = _multilabel_targets(ctx)
    xt = np.take_along_axis(x, idx, axis=-1)  # (..., K=C)
    z = 1.0 - xt[..., :, None] + x[..., None, :]  # (..., K, C)
    pair = slots[..., :, None] & ~is_t[..., None, :]
    act = pair & (z > 0)
    per = np.sum(np.where(act, z, 0.0), axis=(-2, -1)) / c
    a = act.astype(x.dtype)
    g = np.sum(a, axis=-2) / c  # + 1/C per active pair at the non-target class
    down = np.sum(a, axis=-1) / c  # - 1/C per active pair at the target slot's class
    gt = np.zeros_like(x)
    flat_idx = idx.reshape(-1, c)
    flat_down = down.reshape(-1, c)
    rows = np.repeat(np.arange(flat_idx.shape[0]), c)
    np.add.at(gt.reshape(-1, c), (rows, flat_idx.ravel()), flat_down.ravel())
    g = (g - gt).astype(x.dtype, copy=False)
    has = np.any(slots, axis=-1)
    nan = has & np.any(np.isnan(x), axis=-1)
    per = _nan_where(nan, per.astype(x.dtype, copy=False))
    g = _nan_where(np.broadcast_to(nan[..., None], g.shape), g)
    return MoreOut(per, g, grads={"y_pred": g})


def _multilabel_soft_margin(ctx: MoreCtx) -> MoreOut:
    x, y = ctx.inputs["y_pred"], ctx.y_true
    c = x.shape[-1]
    elem = -(y * log_expit(x) + (1.0 - y) * log_expit(-x))
    # sigma(x) - y without cancellation; sigmoid keeps sigma(-x)'s subnormals (as torch's
    # log-sigmoid backward), so y = -inf gives +inf up to x = 745, not -inf * 0 = NaN
    g = (1.0 - y) * sigmoid(x) - y * sigmoid(-x)
    w = _class_weight(ctx, c)
    if w is not None:
        elem = elem * w
        g = g * w
    g = (g / c).astype(x.dtype, copy=False)
    return MoreOut(np.sum(elem, axis=-1) / c, g, grads={"y_pred": g})


# ---------------------------------------------------------------------------------------
# triplet_margin


def _pnorm(w: Array, p: float) -> tuple[Array, Array, Array]:
    """(r, s, gradient): ||w||_p = s r over the last axis, with torch's norm backward at 0.

    For p >= 1 the row is divided by s = max |w| before anything is raised to p (r is then
    in [1, C^(1/p)]): sum |w|^p overflows where the norm does not (|w| above ~1e154 for p = 2
    in float64, ~1.8e19 in float32, ~2.6e15 for p = 20) and underflows for small |w|. The
    gradient sign(w) (|w| / ||w||)^(p-1) is formed from the scaled ratio, at most 1. A row
    holding ±inf is not scaled: norm inf, gradient NaN at the infinities and 0 elsewhere, as
    torch's. For p < 1, |w|^p neither overflows nor underflows: s = 1 and the sum is raised to
    1/p as written, except where the norm exceeds the dtype (scaled there, as for p >= 1).
    """
    a = np.abs(w)
    if p < 1 and w.shape[-1] != 1:
        n = np.power(np.sum(np.power(a, p), axis=-1), 1.0 / p)
        s = np.ones_like(n)
        ovf = np.isinf(n) & np.all(np.isfinite(a), axis=-1)
        if np.any(ovf):  # a norm beyond the dtype: scaled (r, s), r = exp(log ||w|| - log s)
            # from the logs: |w|/s of a tiny element underflows to 0 where its |w|^p does
            # not (1e-58 beside 1e300, p = 0.001: 0.876 of a sum of 3)
            s = np.where(ovf, np.max(a, axis=-1, initial=0.0), 1.0).astype(w.dtype)
            with np.errstate(over="ignore"):
                r = np.exp(_log_pnorm(a, p) - np.log(s.astype(np.float64))).astype(w.dtype)
            n = np.where(ovf, r, n)
        # sign(w) |w|^(p-1) ||w||^(1-p) (torch's), or sign(w) (|w| / ||w||)^(p-1) where that
        # product overflows (a subnormal |w|^(p-1)) and the ratio does not; 0 where w = 0
        u = np.where(w == 0, 1.0, a / s[..., None])
        nn = np.where(n == 0, 1.0, n)[..., None]
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            g1 = np.sign(w) * np.power(u, p - 1) * np.power(nn, 1.0 - p)
            g2 = np.sign(w) * np.power(u / nn, p - 1)
        g = np.where(w == 0, 0.0, np.where(np.isfinite(g1), g1, g2))
        return n, s, g.astype(w.dtype, copy=False)
    m = np.max(a, axis=-1, initial=0.0)
    s = np.where(np.isfinite(m) & (m > 0), m, 1.0).astype(w.dtype, copy=False)
    u = a / s[..., None]
    if p == 1:
        return np.sum(u, axis=-1), s, np.sign(w)
    if w.shape[-1] == 1:
        # one element: |w| exactly (s r = |w| s / s) and gradient w/|w|, as torch (|w|^p of
        # 1e-30 underflows in float32, and (|w|^p)^(1/p) is off by ULPs of p)
        n = a[..., 0]
        safe = np.where(n == 0, 1.0, n)[..., None]
        return u[..., 0], s, np.where(n[..., None] == 0, 0.0, w / safe).astype(w.dtype, copy=False)
    r = (
        np.sqrt(np.sum(u * u, axis=-1))
        if p == 2
        else np.power(np.sum(np.power(u, p), axis=-1), 1.0 / p)
    )
    q = u / np.where(r == 0, 1.0, r)[..., None]  # |w| / ||w||
    g = np.sign(w) * (q if p == 2 else np.power(q, p - 1))
    return r, s, np.where(r[..., None] == 0, 0.0, g).astype(w.dtype, copy=False)


def _log_pnorm(a: Array, p: float) -> Array:
    """log ||a||_p over the last axis, in float64, for |a| finite and p < 1: from the logs of
    the terms |a|^p (logsumexp), so neither the terms nor the norm overflow or underflow
    (-inf for a zero row)."""
    with np.errstate(divide="ignore"):
        return cast(np.ndarray, logsumexp(p * np.log(a.astype(np.float64)), axis=-1) / p)


def _triplet_parts(
    a: Array, pos: Array, neg: Array, prm: Mapping[str, Any]
) -> tuple[Array, Array, Array, Array, Array, Array]:
    """(z = m + d(a, p) - d(a, n), the distances' gradients g_p, g_n, g_s (swap: d(p, n)), the
    shares of the (a, n) and (p, n) distances in the swap's min).

    torch's order (m + d_p) - d_n where the distances are finite; where one overflows but
    both scaled norms are finite, z is formed at their common scale (the difference of two
    overflowing distances can be finite).
    """
    p, eps, mg = prm["p"], a.dtype.type(prm["eps"]), prm["margin"]
    rp, sp, gp = _pnorm(a - pos + eps, p)  # torch pairwise_distance: ||x1 - x2 + eps||_p
    rn, sn, gn = _pnorm(a - neg + eps, p)
    dp, dn = sp * rp, sn * rn
    wa_n, wn_n = np.ones_like(dn), np.zeros_like(dn)
    gs = np.zeros_like(gn)
    if prm["swap"]:
        rs, ss, gs = _pnorm(pos - neg + eps, p)
        ds = ss * rs
        both = np.isinf(dn) & np.isinf(ds) & np.isfinite(rn) & np.isfinite(rs)
        t = np.maximum(sn, ss)
        kn, ks = np.where(both, rn * (sn / t), dn), np.where(both, rs * (ss / t), ds)
        huge = np.isinf(kn) & np.isinf(ks) & (p < 1)  # p < 1: r itself may overflow
        if np.any(huge):  # compared by their logs (finite rows: both overflowed)
            ln, ls = _log_pnorm(np.abs(a - neg + eps), p), _log_pnorm(np.abs(pos - neg + eps), p)
            kn = np.where(huge & (ln < ls), 0.0, kn)
            ks = np.where(huge & (ls < ln), 0.0, ks)
        # at::min(dn, ds): the smaller takes the gradient, a tie splits it in half
        wa_n = np.where(kn < ks, 1.0, np.where(kn == ks, 0.5, 0.0)).astype(a.dtype)
        wn_n = np.where(ks < kn, 1.0, np.where(kn == ks, 0.5, 0.0)).astype(a.dtype)
        smaller = ks < kn
        rn, sn = np.where(smaller, rs, rn), np.where(smaller, ss, sn)
        dn = np.minimum(dn, ds)
    with np.errstate(invalid="ignore"):  # inf - inf of two overflowing distances: below
        z = mg + dp - dn
    ovf = (np.isinf(dp) | np.isinf(dn)) & np.isfinite(rp) & np.isfinite(rn)
    if np.any(ovf):
        t = np.maximum(sp, sn)
        z = np.where(ovf, mg + t * (rp * (sp / t) - rn * (sn / t)), z).astype(a.dtype)
    # p < 1: a scaled norm r may overflow too; then the logs of the two distances decide
    # z = ±inf (the difference of two distances beyond the dtype whose logs differ)
    huge = (np.isinf(dp) | np.isinf(dn)) & ~(np.isfinite(rp) & np.isfinite(rn)) & (p < 1)
    if np.any(huge):
        lp = _log_pnorm(np.abs(a - pos + eps), p)
        ln = _log_pnorm(np.abs(a - neg + eps), p)
        if prm["swap"]:
            ln = np.where(wn_n == 1, _log_pnorm(np.abs(pos - neg + eps), p), ln)
        z = np.where(huge & (lp > ln), np.inf, np.where(huge & (lp < ln), -np.inf, z))
        z = z.astype(a.dtype)
    return z, gp, gn, gs, wa_n, wn_n


def _triplet_margin(ctx: MoreCtx) -> MoreOut:
    a, pos, neg = ctx.inputs["anchor"], ctx.inputs["positive"], ctx.inputs["negative"]
    z, gp, gn, gs, wa_n, wn_n = _triplet_parts(a, pos, neg, ctx.params)
    act = _clamp_active(z).astype(a.dtype)
    act = _nan_where(np.isnan(z), act)[..., None]
    # an inactive row, and a swap's larger distance, contribute exactly 0, also where their
    # gradient is NaN or inf (p < 1 overflow, an overflowing difference u - v)
    on = act != 0
    with np.errstate(invalid="ignore"):  # 0 inf (replaced); inf - inf of two overflowing
        sn = np.where(wa_n[..., None] > 0, wa_n[..., None] * gn, 0.0)  # gradients: NaN
        ss = np.where(wn_n[..., None] > 0, wn_n[..., None] * gs, 0.0)
        ga = np.where(on, act * (gp - sn), 0.0)
        gpos = np.where(on, act * (-gp - ss), 0.0)
        gneg = np.where(on, act * (sn + ss), 0.0)
    return MoreOut(np.maximum(z, 0.0), ga, grads={"anchor": ga, "positive": gpos, "negative": gneg})


# ---------------------------------------------------------------------------------------
# gaussian_nll, poisson_nll


def _gaussian_var(ctx: MoreCtx) -> tuple[Array, tuple[int, ...]]:
    """(var in torch's accepted shapes broadcast to y_pred's shape, its shape before that)."""
    x, v = ctx.inputs["y_pred"], ctx.inputs["var"]
    xs, vs = tuple(x.shape), tuple(v.shape)
    if v.ndim == 0 or vs == xs:
        pass
    elif vs == xs[:-1]:
        v = v[..., None]
    elif v.ndim == x.ndim and sum(b for a, b in zip(xs, vs, strict=True) if a != b) == 1:
        pass  # one axis of size 1 (torch's test: the differing sizes of var sum to 1)
    else:
        raise InvalidInputError(
            f"expected var of shape {xs} (one variance per element), {xs[:-1]} or with one "
            f"axis of size 1 (shared variance), or a number; got {vs}",
            ("var",),
        )
    if np.any(v < 0):
        raise InvalidInputError("expected non-negative variances (PyTorch raises)", ("var",))
    return np.broadcast_to(v, xs), tuple(v.shape)


def _gaussian_nll(ctx: MoreCtx) -> MoreOut:
    """The row's mean of (log v + e^2 / v) / 2 as sum (k log v + (k e)(e / v)), k = 1/(2C), and
    the gradients e / v / C and k / v - (k e / v)(e / v): nothing is formed at the scale of e^2
    or 2e before the 1/(2C) (torch's (x - y)^2 and 2 (x - y) overflow where the loss or the
    gradient is finite: |e| ~ 2e19 with v = 1, or |e| ~ 3e38, in float32). Where e / v itself
    overflows, (k e e) / v, e / C / v and (k / v)(1 - e e / v)."""
    x, t = ctx.inputs["y_pred"], ctx.y_true
    c = x.shape[-1]
    vb, vshape = _gaussian_var(ctx)
    v = np.maximum(vb, x.dtype.type(ctx.params["eps"]))  # NaN stays NaN
    k = x.dtype.type(0.5 / c)
    e = x - t
    ev = e / v
    ke = k * e
    # torch clamps var inside no_grad: the gradient flows to var, evaluated at the clamp
    with np.errstate(invalid="ignore"):  # inf - inf where e / v overflows: replaced below
        quad, gx, gv = ke * ev, ev / c, k / v - (k * ev) * ev
    big = np.isinf(ev) & np.isfinite(e) & (v > 0)  # v = 0 (eps = 0): as torch
    if np.any(big):
        with np.errstate(invalid="ignore", divide="ignore"):  # only `big` is kept
            quad = np.where(big, (ke * e) / v, quad)
            gx = np.where(big, (e / c) / v, gx)
            gv = np.where(big, (k / v) * (1.0 - (e * e) / v), gv)
    per = np.sum(k * np.log(v) + quad, axis=-1)
    if ctx.params["full"]:
        per = per + x.dtype.type(HALF_LOG_2PI)
    gx = gx.astype(x.dtype, copy=False)
    gv = gv.astype(x.dtype, copy=False)
    return MoreOut(per, gx, grads={"y_pred": gx, "var": gv}, shapes={"var": vshape})


def _poisson_nll(ctx: MoreCtx) -> MoreOut:
    x, t = ctx.inputs["y_pred"], ctx.y_true
    prm = ctx.params
    c = x.shape[-1]
    if prm["log_input"]:
        ex = np.exp(x)
        elem = ex - t * x
        g = ex - t
    else:
        xe = x + x.dtype.type(prm["eps"])
        with np.errstate(invalid="ignore", divide="ignore"):
            elem = x - t * np.log(xe)
            g = 1.0 - t / xe
    if prm["full"]:
        big = t > 1
        ts = np.where(big, t, 2.0)
        st = ts * np.log(ts) - ts + 0.5 * np.log(2.0 * math.pi * ts)
        elem = elem + np.where(big | np.isnan(t), st, 0.0)
    g = (g / c).astype(x.dtype, copy=False)
    return MoreOut(row_mean(elem).astype(x.dtype, copy=False), g, grads={"y_pred": g})


# ---------------------------------------------------------------------------------------
# Keras 3: dice, tversky


def _axis_sum(a: Array, whole: bool) -> Array:
    return cast(np.ndarray, np.sum(a) if whole else np.sum(a, axis=-1))


def _keep(a: Array, whole: bool) -> Array:
    return a if whole else a[..., None]


def _whole(ctx: MoreCtx) -> bool:
    return ctx.params["axis"] is None


def _dice(ctx: MoreCtx) -> MoreOut:
    y, p = ctx.y_true, ctx.inputs["y_pred"]
    whole = _whole(ctx)
    i = _axis_sum(y * p, whole)
    s = _axis_sum(y, whole) + _axis_sum(p, whole) + p.dtype.type(KERAS_EPSILON)
    per = 1.0 - 2.0 * i / s
    g = -2.0 * (y * _keep(s, whole) - _keep(i, whole)) / _keep(s * s, whole)
    g = g.astype(p.dtype, copy=False)
    per = np.asarray(per, dtype=p.dtype)
    return MoreOut(per, g, grads={"y_pred": g}, whole_batch=whole)


def _tversky(ctx: MoreCtx) -> MoreOut:
    y, p = ctx.y_true, ctx.inputs["y_pred"]
    al, be = ctx.params["alpha"], ctx.params["beta"]
    whole = _whole(ctx)
    i = _axis_sum(y * p, whole)
    fp = _axis_sum((1.0 - p) * y, whole)  # Keras' names: inputs = y_true, targets = y_pred
    fn = _axis_sum(p * (1.0 - y), whole)
    den = i + al * fp + be * fn + p.dtype.type(KERAS_EPSILON)
    per = 1.0 - i / den
    dden = y - al * y + be * (1.0 - y)
    g = -(y * _keep(den, whole) - _keep(i, whole) * dden) / _keep(den * den, whole)
    g = g.astype(p.dtype, copy=False)
    return MoreOut(np.asarray(per, dtype=p.dtype), g, grads={"y_pred": g}, whole_batch=whole)


def _check_axis(ctx: MoreCtx) -> list[str]:
    out = _warn_binary(ctx)
    return out


# ---------------------------------------------------------------------------------------
# second order: hvp(ctx, v) = (d^2 L_i / dmain[i]^2) v[i], the Hessian with respect to the
# main input (ctx.y_pred: x1, anchor or y_pred) with every other input held fixed, as grad is
# dL/dmain. Exact forward-mode derivatives of the gradients above along v; sample weights, the
# reduction and "a NaN gradient row has a NaN block" are applied by _second.second_order (per
# sample, block diagonal) or by _second_whole (dice/tversky with axis=None: one loss over the
# whole batch, whose Hessian couples every element). Kinks follow torch's double backward:
# piecewise-linear losses have Hessian 0 everywhere (their kinks included), clamp_min's mask is
# a constant (z >= 0 active), the multi_margin kernel's z > 0 test is kept for p = 2.


def _zero_hvp_more(ctx: RowCtx, v: Array) -> Array:
    """margin_ranking, hinge_embedding, multi_margin (p = 1), multilabel_margin: piecewise linear
    in the main input, so 0 everywhere, at the kinks too (torch: 0 from clamp_min's double
    backward; multi_margin/multilabel_margin have no double backward in torch at all)."""
    return np.zeros_like(ctx.y_pred)


def _more_inputs(ctx: RowCtx) -> dict[str, Array]:
    return cast(MoreCtx, ctx).inputs


def _cosine_embedding_hvp(ctx: RowCtx, v: Array) -> Array:
    """coef * (d^2 cos / dx1^2) v, coef = -1 (y = 1), [cos - m >= 0] (y = -1), 0 otherwise.
    With u_k = x_k / r_k, r_k = sqrt(|x_k|^2 + eps) (_cosine_parts), the gradient is
    (u2 - cos u1) / r1; along v, with a = u1.v and b = u2.v: d r1 = a, d u1 = (v - a u1) / r1,
    d cos = (b - cos a) / r1, so H v = (3 cos a u1 - b u1 - a u2 - cos v) / r1^2."""
    x1, x2, y = ctx.y_pred, _more_inputs(ctx)["x2"], ctx.y_true
    u1, u2, r1, _, cos = _cosine_parts(x1, x2)
    pos, neg = y == 1, y == -1
    coef = np.where(pos, -1.0, 0.0) + np.where(
        neg & _clamp_active(cos - ctx.params["margin"]), 1.0, 0.0
    )
    a = np.sum(u1 * v, axis=-1, keepdims=True)
    b = np.sum(u2 * v, axis=-1, keepdims=True)
    c = cos[..., None]
    hc = (3.0 * c * a * u1 - b * u1 - a * u2 - c * v) / r1 / r1
    return cast(np.ndarray, coef[..., None] * hc)


def _multi_margin_hvp(ctx: RowCtx, v: Array) -> Array:
    """p = 2: d g_j = (w_y / C) 2 (v_j - v_y) [z_j > 0] for j != y, d g_y = -sum_j d g_j (the
    kernel's strict z > 0: 0 at z = 0); p = 1: 0."""
    x = ctx.y_pred
    if ctx.params["p"] == 1:
        return np.zeros_like(x)
    c = x.shape[-1]
    idx = ctx.y_true[..., None].astype(np.intp)
    z = ctx.params["margin"] - np.take_along_axis(x, idx, axis=-1) + x
    other = np.ones(x.shape, dtype=bool)
    np.put_along_axis(other, idx, False, axis=-1)
    w = _class_weight(cast(MoreCtx, ctx), c)
    wy = (
        np.ones(idx.shape, dtype=x.dtype)
        if w is None
        else np.broadcast_to(w, (c,))[idx].astype(x.dtype)
    )
    dz = v - np.take_along_axis(v, idx, axis=-1)
    hj = np.where(other & (z > 0), 2.0 * dz, 0.0) * wy / c
    h = hj.copy()
    np.put_along_axis(h, idx, -np.sum(hj, axis=-1, keepdims=True), axis=-1)
    return cast(np.ndarray, h)


def _multilabel_soft_margin_hvp(ctx: RowCtx, v: Array) -> Array:
    x = ctx.y_pred
    c = x.shape[-1]
    h = expit(x) * expit(-x)
    w = _class_weight(cast(MoreCtx, ctx), c)
    if w is not None:
        h = h * w
    return cast(np.ndarray, h * v / c)


def _pnorm_hvp(w: Array, p: float, v: Array) -> tuple[Array, Array]:
    """((d^2 ||w||_p / dw^2) v over the last axis, rows where that Hessian is unbounded).

    H = (p - 1) n^(1-p) (diag(|w|^(p-2)) - u u^T / n^p), u = sign(w) |w|^(p-1), computed as
    (p - 1) / n (diag(q^(p-2)) - v' v'^T), q = |w| / n from the scaled norm, v' = sign(w)
    q^(p-1) (nothing is raised to p at the scale of w); p = 2: (I - w w^T / n^2) / n; p = 1: 0.
    Unbounded at n = 0 (p > 1) and, for p < 2 (p != 1), where a component of w is 0: torch's
    double backward gives NaN there.
    """
    if p == 1:
        return np.zeros_like(w), np.zeros(w.shape[:-1], dtype=bool)
    r, s, _ = _pnorm(w, p)
    n = s * r
    a = np.abs(w)
    zero = a == 0
    sing = (n == 0) | (np.any(zero, axis=-1) if p < 2 else False)
    nn = np.where(n == 0, 1.0, n)[..., None]
    q = a / s[..., None] / np.where(r == 0, 1.0, r)[..., None]
    if p == 2:
        wh = np.sign(w) * q  # w / n
        return (v - wh * np.sum(wh * v, axis=-1, keepdims=True)) / nn, sing
    safe_q = np.where(zero, 1.0, q)
    ut = np.sign(w) * np.power(safe_q, p - 1)  # sign(0) = 0: 0 at a zero component
    diag = np.power(q, p - 2) if p > 2 else np.where(zero, 0.0, np.power(safe_q, p - 2))
    uv = np.sum(ut * v, axis=-1, keepdims=True)
    return (p - 1.0) / nn * (diag * v - ut * uv), sing


def _triplet_margin_hvp(ctx: RowCtx, v: Array) -> Array:
    """[z >= 0] (H_d(a,p) - s H_d(a,n)) v with s the share of d(a, n) in swap's min (1, 1/2 at
    a tie, 0 when d(p, n) is smaller): the positive and negative are held fixed. NaN where the
    active side's distance Hessian is unbounded (torch: NaN there, also where inactive)."""
    ins = _more_inputs(ctx)
    a, pos, neg = ctx.y_pred, ins["positive"], ins["negative"]
    prm = ctx.params
    p, eps = prm["p"], a.dtype.type(prm["eps"])
    z, _, _, _, share, _ = _triplet_parts(a, pos, neg, prm)
    hp, sp = _pnorm_hvp(a - pos + eps, p, v)
    hn, sn = _pnorm_hvp(a - neg + eps, p, v)
    h = hp - share[..., None] * hn
    h = np.where((sp | (sn & (share > 0)))[..., None], np.nan, h)
    return np.where(_clamp_active(z)[..., None], h, 0.0)


def _gaussian_nll_hvp(ctx: RowCtx, v: Array) -> Array:
    """diag(1 / (C max(var, eps))) v: var is held fixed (and clamped as in the loss)."""
    x = ctx.y_pred
    vb, _ = _gaussian_var(cast(MoreCtx, ctx))
    var = np.maximum(vb, x.dtype.type(ctx.params["eps"]))
    return cast(np.ndarray, v / var / x.shape[-1])


def _poisson_nll_hvp(ctx: RowCtx, v: Array) -> Array:
    """diag(e^z / C) v (log_input), diag(y / (C (x + eps)^2)) v (rates); the Stirling term does
    not depend on y_pred."""
    x = ctx.y_pred
    if ctx.params["log_input"]:
        return cast(np.ndarray, np.exp(x) * v / x.shape[-1])
    xe = x + x.dtype.type(ctx.params["eps"])
    return cast(np.ndarray, ctx.y_true / (xe * xe) * v / x.shape[-1])


def _overlap_hvp(ctx: RowCtx, v: Array, k: Array, ca: Array, cb: Array) -> Array:
    """(A (y k^T + k y^T) - B k k^T) v over the row (axis=-1) or the whole batch (axis=None;
    there v may carry leading axes of directions, one Hessian-vector product each)."""
    y = ctx.y_true
    whole = _whole(cast(MoreCtx, ctx))
    axes = tuple(range(-y.ndim, 0)) if whole else (-1,)
    kv = np.sum(k * v, axis=axes, keepdims=True)
    yv = np.sum(y * v, axis=axes, keepdims=True)
    a, b = (ca, cb) if whole else (ca[..., None], cb[..., None])
    return cast(np.ndarray, a * (y * kv + k * yv) - b * k * kv)


def _dice_hvp(ctx: RowCtx, v: Array) -> Array:
    """d^2 L / dp_c dp_d = 2 (y_c + y_d) / S^2 - 4 I / S^3 (sums over the row or the batch)."""
    y, p = ctx.y_true, ctx.y_pred
    whole = _whole(cast(MoreCtx, ctx))
    i = _axis_sum(y * p, whole)
    s = _axis_sum(y, whole) + _axis_sum(p, whole) + p.dtype.type(KERAS_EPSILON)
    return _overlap_hvp(ctx, v, np.ones_like(p), 2.0 / (s * s), 4.0 * i / (s * s * s))


def _tversky_hvp(ctx: RowCtx, v: Array) -> Array:
    """d^2 L / dp_c dp_d = (y_c k_d + k_c y_d) / D^2 - 2 I k_c k_d / D^3, k = dD/dp =
    (1 - alpha) y + beta (1 - y)."""
    y, p = ctx.y_true, ctx.y_pred
    al, be = ctx.params["alpha"], ctx.params["beta"]
    whole = _whole(cast(MoreCtx, ctx))
    i = _axis_sum(y * p, whole)
    fp = _axis_sum((1.0 - p) * y, whole)
    fn = _axis_sum(p * (1.0 - y), whole)
    den = i + al * fp + be * fn + p.dtype.type(KERAS_EPSILON)
    k = y - al * y + be * (1.0 - y)
    return _overlap_hvp(ctx, v, k, 1.0 / (den * den), 2.0 * i / (den * den * den))


# Hessian columns computed at once for a whole-batch loss (bounds the temporaries to
# _WHOLE_CHUNK x n elements)
_WHOLE_CHUNK = 256


def _second_whole(
    entry: MoreLoss,
    ctx: MoreCtx,
    out: MoreOut,
    reduction: str,
    sw: Array | None,
    *,
    hessian: bool,
    v: Array | None,
) -> tuple[Array | None, Array | None]:
    """Second order of a loss that is one value for the whole batch (Dice/Tversky axis=None).

    Its Hessian couples every element of y_pred: the full n x n matrix (layout y_pred.shape
    * 2), scaled as _reduce_all scales the gradient (1, or sum(w) for 'sum'/'none' and
    mean(w) for 'mean' with sample weights); any NaN in the gradient makes all of it NaN.
    """
    assert entry.hvp is not None
    hvp_fn = entry.hvp
    p = ctx.y_pred
    dt = p.dtype
    w = None if sw is None else np.broadcast_to(sw, p.shape[:-1])
    scale = dt.type(1.0)
    if w is not None:  # as _reduce_all: sum(w), or mean(w) (0 for an empty batch)
        s = np.sum(w)
        scale = s / w.size if reduction == "mean" and w.size else s
    nan = bool(np.isnan(out.grad).any())

    def hv(u: Array) -> Array:
        with np.errstate(all="ignore"):
            h = hvp_fn(ctx, u) * scale
        if nan:
            h = np.full(h.shape, np.nan)
        return np.asarray(h, dtype=dt)

    hvp = None if v is None else hv(v)
    hess = None
    if hessian:
        n = p.size
        flat = np.empty((n, n), dtype=dt)
        for start in range(0, n, _WHOLE_CHUNK):
            stop = min(n, start + _WHOLE_CHUNK)
            e = np.zeros((stop - start, n), dtype=dt)
            e[np.arange(stop - start), np.arange(start, stop)] = 1
            # the Hessian is symmetric: H e_k is row k as well as column k
            flat[start:stop] = hv(e.reshape(stop - start, *p.shape)).reshape(stop - start, n)
        hess = flat.reshape(p.shape + p.shape)
    return hess, hvp


def _second_more(
    entry: MoreLoss,
    ctx: MoreCtx,
    out: MoreOut,
    reduction: str,
    sw: Array | None,
    *,
    hessian: bool,
    v: Array | None,
) -> tuple[Array | None, Array | None]:
    """(Hessian, H v) with respect to the main input: block diagonal per sample (each block
    C x C: a row couples its own elements, cosine_embedding's and triplet_margin's fully),
    or one dense matrix for a whole-batch loss."""
    if out.whole_batch:
        return _second_whole(entry, ctx, out, reduction, sw, hessian=hessian, v=v)
    return second_order(entry, ctx, out, reduction, sw, hessian=hessian, v=v)


# ---------------------------------------------------------------------------------------
# entries

NAN_RULE = "NaN in an input → NaN loss for that sample and the batch (never hidden)"
_REAL_MARGIN = ParamSpec("margin", 0.0, "Margin m of max(0, -y (x1 - x2) + m).")
CLASS_WEIGHT = ParamSpec(
    "class_weight",
    None,
    "Per-class weights (C non-negative numbers, or one), PyTorch's `weight`: multiplies "
    "the sample's terms by w[y] (multi_margin) or each class's term (multilabel_soft_margin); "
    "'mean' still divides by the number of samples.",
    type="tensor",
    minimum=0.0,
    nullable=True,
    aliases=("weight",),
)
_PER_ELEMENT = (
    "PyTorch's 'none' returns one loss per element and 'mean' averages every element: "
    "per-sample losses here average the last axis, so 'mean' agrees, and sending shape "
    "(N, 1) gives PyTorch's per-element 'none' and 'sum'."
)

more(
    name="margin_ranking",
    compute=_margin_ranking,
    hvp=_zero_hvp_more,
    hessian_formula=r"0 \text{ (piecewise linear in } x_1\text{; also at the margin, as torch)}",
    inputs=("x1", "x2"),
    nonfinite=NonFinite(
        NAN_RULE + "; NaN gradient where the margin is NaN; ±inf scores give 0 or inf loss "
        "and gradient ∓y/C or 0",
        "values agree; torch's gradient at a NaN margin is 0 (clamp_min's backward), NaN here",
    ),
    description="Margin ranking loss (PyTorch): x1 should rank above x2 where y = 1 and "
    "below where y = -1, by a margin.",
    formula=r"L = \frac{1}{C}\sum_c \max\big(0,\ -y_c (x_{1,c} - x_{2,c}) + m\big)",
    gradient_formula=r"\frac{\partial L}{\partial x_{1,c}} = -\frac{\partial L}{\partial "
    r"x_{2,c}} = -\frac{y_c}{C}\,[-y_c(x_{1,c} - x_{2,c}) + m \ge 0]",
    y_true_encoding="±1 per element, shape of x1",
    label_kind="pm1",
    input_kind="scores",
    pairs_with=("linear",),
    per_sample_reduction="mean",
    aliases=("MarginRankingLoss", "margin_ranking_loss"),
    params=(_REAL_MARGIN,),
    torch_name="torch.nn.MarginRankingLoss",
    y_true_shape="same",
    warn=_warn_pm1,
    differences=(
        "Inputs are the fields x1 and x2 (not y_pred); x1 is the main input: grad = "
        "dL/dx1, grads = {x1, x2}.",
        _PER_ELEMENT,
        "At the kink (margin term exactly 0) the gradient is that of the active side, as "
        "torch's clamp_min. Keras has none.",
    ),
)

more(
    name="hinge_embedding",
    compute=_hinge_embedding,
    hvp=_zero_hvp_more,
    hessian_formula=r"0 \text{ (piecewise linear; also at } x = m\text{, as torch)}",
    nonfinite=NonFinite(
        NAN_RULE + "; y_pred = +inf with y = 1 gives inf; y = -1 with y_pred = ±inf gives 0 or inf",
        "values agree; torch's gradient at NaN is finite, NaN here",
    ),
    description="Hinge embedding loss (PyTorch): y_pred is a distance, small for similar "
    "pairs (y = 1) and at least the margin for dissimilar ones (y = -1).",
    formula=r"L = \frac{1}{C}\sum_c \begin{cases} x_c & y_c = 1 \\ \max(0, m - x_c) & y_c = "
    r"-1\end{cases}",
    gradient_formula=r"\frac{\partial L}{\partial x_c} = \frac{1}{C}\begin{cases} 1 & y_c = 1 "
    r"\\ -[m - x_c \ge 0] & y_c = -1\end{cases}",
    y_true_encoding="±1 (a label that is neither takes both terms, as PyTorch)",
    label_kind="pm1",
    input_kind="real",
    pairs_with=("linear", "relu", "softplus"),
    per_sample_reduction="mean",
    aliases=("HingeEmbeddingLoss", "hinge_embedding_loss"),
    params=(ParamSpec("margin", 1.0, "Margin m for the dissimilar pairs (y = -1)."),),
    torch_name="torch.nn.HingeEmbeddingLoss",
    warn=_warn_pm1,
    differences=(
        _PER_ELEMENT,
        "0/1 labels are not mapped to ±1 (unlike the Keras hinge losses). Keras has none.",
    ),
)

more(
    name="cosine_embedding",
    compute=_cosine_embedding,
    hvp=_cosine_embedding_hvp,
    hessian_formula=(
        r"\frac{\partial^2 L}{\partial x_1^2} = c\,\nabla^2_{x_1}\cos,\ c = -1\ (y = 1),\ "
        r"[\cos - m \ge 0]\ (y = -1);\ \nabla^2_{x_1}\cos\,v = -\frac{(x_1\cdot "
        r"v)\,x_2}{m_1\sqrt{m_1 m_2}} - \Big(\frac{\nabla\cos\cdot v}{m_1} - "
        r"\frac{2\cos\,(x_1\cdot v)}{m_1^2}\Big)x_1 - \frac{\cos}{m_1}v \text{ (x}_2\text{ "
        r"fixed)}"
    ),
    inputs=("x1", "x2"),
    y_true_shape="batch",
    nonfinite=NonFinite(
        "NaN or ±inf in a row of x1 or x2 → NaN cosine: NaN loss and gradient for that row "
        "(labels other than ±1 give 0)",
        "agrees (on NaN/±inf inputs; where a finite row's squared norm overflows, above "
        "~1e154 in float64 and ~1.8e19 in float32, torch's cosine is 0 or NaN and its x1 "
        "gradient NaN; the norms here are computed scaled: the true cosine and gradient)",
    ),
    description="Cosine embedding loss (PyTorch): rows x1 and x2 should point the same way "
    "where y = 1 and have cosine at most the margin where y = -1.",
    formula=r"L_i = \begin{cases} 1 - \cos_i & y_i = 1 \\ \max(0, \cos_i - m) & y_i = -1"
    r"\end{cases},\ \cos_i = \frac{x_1\cdot x_2}{\sqrt{(\|x_1\|^2 + 10^{-12})(\|x_2\|^2 + "
    r"10^{-12})}}",
    gradient_formula=r"\frac{\partial\cos}{\partial x_1} = \frac{x_2}{\sqrt{m_1 m_2}} - "
    r"\frac{\cos}{m_1}x_1,\ m_k = \|x_k\|^2 + 10^{-12};\ \frac{\partial L}{\partial x_1} = "
    r"-\frac{\partial\cos}{\partial x_1}\ (y = 1),\ [\cos - m \ge 0]\frac{\partial\cos}"
    r"{\partial x_1}\ (y = -1)",
    y_true_encoding="±1 per sample, shape x1.shape[:-1] (a trailing 1 accepted)",
    label_kind="pm1",
    input_kind="real",
    pairs_with=("linear",),
    per_sample_reduction="row",
    aliases=("CosineEmbeddingLoss", "cosine_embedding_loss"),
    params=(
        ParamSpec(
            "margin", 0.0, "Cosine margin m for dissimilar pairs.", minimum=-1.0, maximum=1.0
        ),
    ),
    torch_name="torch.nn.CosineEmbeddingLoss",
    warn=_warn_pm1,
    differences=(
        "Inputs are the fields x1 and x2 (rows of D numbers); x1 is the main input: grad = "
        "dL/dx1, grads = {x1, x2}.",
        "PyTorch's eps (1e-12 as a float32, 9.99999996e-13) is added to each squared norm; "
        "the norms are computed scaled (sqrt(|x|^2 + eps) as hypot(|x|, sqrt(eps)), |x| "
        "scaled by max |x|), so rows with norms above ~1e154 (float64) / ~1.8e19 (float32) "
        "get their true cosine where PyTorch's squares overflow. Keras has none "
        "(cosine_similarity is a different loss).",
    ),
)

more(
    name="multi_margin",
    compute=_multi_margin,
    hvp=_multi_margin_hvp,
    hessian_formula=(
        r"p = 1: 0;\ p = 2: \frac{\partial^2 L_i}{\partial x_j \partial x_k} = \frac{2 "
        r"w_{y_i}}{C}\sum_{l \ne y_i}[z_{il} > 0](\delta_{jl} - \delta_{j y_i})(\delta_{kl} - "
        r"\delta_{k y_i})"
    ),
    y_true_shape="batch",
    nonfinite=NonFinite(
        "NaN in a row's scores → NaN loss and gradient row (one class: there is no term, the "
        "loss is 0); ±inf scores give inf or 0 terms as written (inf − inf is NaN)",
        "torch's kernel tests z > 0, which NaN fails: a NaN score is skipped (finite loss)",
    ),
    description="Multi-class margin loss (PyTorch): every wrong class's score must trail "
    "the true class's by the margin; p = 1 hinge, p = 2 squared hinge.",
    formula=r"L_i = \frac{w_{y_i}}{C}\sum_{j \ne y_i} \max(0, m - x_{i,y_i} + x_{ij})^p",
    gradient_formula=r"\frac{\partial L_i}{\partial x_{ij}} = \frac{w_{y_i}}{C}p\,z_{ij}^{p-1}"
    r"[z_{ij} > 0]\ (j \ne y_i),\ \frac{\partial L_i}{\partial x_{i,y_i}} = -\sum_{j\ne y_i}"
    r"\frac{\partial L_i}{\partial x_{ij}},\ z_{ij} = m - x_{i,y_i} + x_{ij}",
    y_true_encoding="integer index (shape y_pred.shape[:-1], or with a trailing 1)",
    label_kind="index",
    input_kind="scores",
    pairs_with=("linear",),
    per_sample_reduction="row",
    row_kind="categorical",
    sparse=True,
    aliases=("MultiMarginLoss", "multi_margin_loss"),
    params=(
        ParamSpec(
            "p",
            1,
            "Exponent of the hinge: 1 or 2 (PyTorch's only values).",
            type="int",
            minimum=1,
            maximum=2,
        ),
        ParamSpec("margin", 1.0, "Margin m."),
        CLASS_WEIGHT,
    ),
    torch_name="torch.nn.MultiMarginLoss",
    optax_name="optax.losses.multiclass_hinge_loss (max over j, not the sum)",
    differences=(
        "The sum over wrong classes is divided by C, and 'mean' is the plain mean over "
        "samples even with class_weight (PyTorch). Keras' categorical_hinge takes the max.",
        "At z = 0 the gradient is 0 (the kernel's z > 0).",
    ),
)

more(
    name="multilabel_margin",
    compute=_multilabel_margin,
    hvp=_zero_hvp_more,
    hessian_formula=r"0 \text{ (piecewise linear)}",
    nonfinite=NonFinite(
        "NaN in a row with at least one target → NaN loss and gradient row",
        "torch's kernel tests z > 0, which NaN fails: a NaN score is skipped (finite loss)",
    ),
    description="Multi-label margin loss (PyTorch): every target class's score must beat "
    "every non-target class's by 1.",
    formula=r"L_i = \frac{1}{C}\sum_{k \in T_i}\sum_{j \notin T_i}\max(0, 1 - (x_{ik} - "
    r"x_{ij}))",
    gradient_formula=r"\frac{\partial L_i}{\partial x_{ij}} = \frac{1}{C}\Big(\sum_{k\in T_i}"
    r"[z_{kj} > 0] [j \notin T_i] - [j \in T_i]\sum_{l\notin T_i}[z_{jl} > 0]\Big),\ z_{kj} = "
    r"1 - x_{ik} + x_{ij}",
    y_true_encoding="class indices per sample, shape of y_pred, padded with -1: the targets "
    "are the entries before the first -1 (PyTorch)",
    label_kind="index",
    input_kind="scores",
    pairs_with=("linear",),
    per_sample_reduction="row",
    aliases=("MultiLabelMarginLoss", "multilabel_margin_loss"),
    torch_name="torch.nn.MultiLabelMarginLoss",
    differences=(
        "A class listed twice counts twice (PyTorch's loop). samples x C^2 is at most "
        f"{MAX_PAIRS}. Keras has none.",
    ),
)

more(
    name="multilabel_soft_margin",
    compute=_multilabel_soft_margin,
    hvp=_multilabel_soft_margin_hvp,
    hessian_formula=r"\frac{w_c}{C}\sigma(z_c)\sigma(-z_c)\,[c = d]",
    nonfinite=NonFinite(
        NAN_RULE + "; ±inf logits give the limit where it exists and NaN where a 0·inf term "
        "appears",
        "agrees",
    ),
    description="Multi-label soft margin (PyTorch): binary cross-entropy from logits per "
    "class, averaged over the classes.",
    formula=r"L = -\frac{1}{C}\sum_c w_c\big(y_c\log\sigma(z_c) + (1 - y_c)\log\sigma(-z_c)"
    r"\big)",
    gradient_formula=r"\frac{\partial L}{\partial z_c} = \frac{w_c}{C}(\sigma(z_c) - y_c)",
    y_true_encoding="0/1 per class (multi-hot)",
    label_kind="binary",
    input_kind="logits",
    pairs_with=("linear",),
    per_sample_reduction="mean",
    row_kind="binary",
    aliases=("MultiLabelSoftMarginLoss", "multilabel_soft_margin_loss"),
    params=(CLASS_WEIGHT,),
    torch_name="torch.nn.MultiLabelSoftMarginLoss",
    warn=_warn_binary,
    differences=(
        "= binary_crossentropy with from_logits=true and the same class_weight (log-sigmoid "
        "form, finite for any finite logit). Keras has none under this name.",
    ),
)

more(
    name="triplet_margin",
    compute=_triplet_margin,
    hvp=_triplet_margin_hvp,
    hessian_formula=(
        r"[z \ge 0]\big(\nabla^2 d(a, p) - s\,\nabla^2 d(a, n)\big)\ (p, n \text{ fixed; } s "
        r"= 1, \tfrac12 \text{ at a swap tie, 0 if } d(p, n) < d(a, n)),\ \nabla^2\|w\|_p = "
        r"(p - 1)\|w\|_p^{1-p}\Big(\operatorname{diag}|w|^{p-2} - \frac{u "
        r"u^T}{\|w\|_p^p}\Big),\ u = \operatorname{sign}(w)|w|^{p-1}"
    ),
    inputs=("anchor", "positive", "negative"),
    y_true_shape="none",
    nonfinite=NonFinite(
        "NaN or ±inf in a row → NaN (or inf) distance: NaN loss and gradient for that row "
        "where the distances are NaN",
        "values agree; torch's gradient at a NaN margin is 0, NaN here; where torch's "
        "sum |w|^p overflows on finite rows (an inf distance, inf - inf = NaN margin) the "
        "scaled distances here are finite",
    ),
    description="Triplet margin loss (PyTorch): the anchor must be closer to the positive "
    "than to the negative by a margin, in the p-norm.",
    formula=r"L_i = \max\big(0,\ m + d(a_i, p_i) - d(a_i, n_i)\big),\ d(u, v) = \|u - v + "
    r"\epsilon\|_p;\ \text{swap: } d(a, n) \to \min(d(a, n), d(p, n))",
    gradient_formula=r"\frac{\partial L}{\partial a} = [z \ge 0]\big(\nabla d(a, p) - \nabla "
    r"d(a, n)\big),\ \nabla_u \|w\|_p = \frac{\operatorname{sign}(w)|w|^{p-1}}{\|w\|_p^{p-1}}",
    y_true_encoding="none (no y_true)",
    label_kind="real",
    input_kind="real",
    pairs_with=("linear",),
    per_sample_reduction="row",
    aliases=("TripletMarginLoss", "triplet_margin_loss"),
    params=(
        ParamSpec("margin", 1.0, "Margin m."),
        ParamSpec(
            "p",
            2.0,
            "Norm degree of the distance (> 0).",
            minimum=0.0,
            exclusive_minimum=True,
            aliases=("norm_degree",),
        ),
        ParamSpec(
            "eps",
            1e-6,
            "Added to u - v before the norm (PyTorch pairwise_distance).",
            aliases=("epsilon",),
        ),
        ParamSpec("swap", False, "Use min(d(a, n), d(p, n)) (the distance swap).", type="bool"),
    ),
    torch_name="torch.nn.TripletMarginLoss",
    optax_name="optax.losses.triplet_margin_loss (eps added to the sum of |u - v|^p)",
    differences=(
        "Inputs are the fields anchor, positive and negative (rows of D numbers), no y_true; "
        "anchor is the main input: grad = dL/danchor, grads = {anchor, positive, negative}.",
        "The norm's gradient at a zero distance is 0 (torch's norm backward). With swap a "
        "tie between the two negative distances splits the gradient in half (at::min). "
        "p = inf is not offered. Keras has none.",
        "For p >= 1 the distance is computed scaled by max |u - v + eps| before raising to "
        "p: PyTorch's sum |w|^p overflows to inf (NaN loss or gradient) where the distance is "
        "finite (p = 2 from ~1e154 in float64 and ~1.8e19 in float32, p = 20 from ~2.6e15).",
    ),
)

more(
    name="gaussian_nll",
    compute=_gaussian_nll,
    hvp=_gaussian_nll_hvp,
    hessian_formula=r"\frac{1}{C\,\max(\mathrm{var}_c, \epsilon)}[c = d] \text{ (var fixed)}",
    inputs=("y_pred", "var"),
    nonfinite=NonFinite(
        NAN_RULE + " (NaN var too: the clamp keeps NaN); var = +inf gives an inf loss",
        "agrees (on NaN/±inf inputs; where torch's (x − y)² or 2(x − y) overflows on finite "
        "inputs, its inf or NaN loss or gradient is finite here)",
    ),
    description="Gaussian negative log-likelihood (PyTorch): y_pred is the mean, the field "
    "var the variance (one per element, one per sample or shared).",
    formula=r"L = \frac{1}{C}\sum_c \tfrac12\Big(\log v_c + \frac{(x_c - y_c)^2}{v_c}\Big)"
    r"\ [+ \tfrac12\log 2\pi],\ v = \max(\mathrm{var}, \epsilon)",
    gradient_formula=r"\frac{\partial L}{\partial x_c} = \frac{x_c - y_c}{C v_c},\ "
    r"\frac{\partial L}{\partial \mathrm{var}_c} = \frac{1}{2C}\Big(\frac{1}{v_c} - "
    r"\frac{(x_c - y_c)^2}{v_c^2}\Big)\ (\text{at the clamped } v, \text{ as torch})",
    y_true_encoding="real (samples of the Gaussian)",
    label_kind="real",
    input_kind="real",
    pairs_with=("linear",),
    per_sample_reduction="mean",
    aliases=("GaussianNLLLoss", "gaussian_nll_loss"),
    params=(
        ParamSpec("full", False, "Add the constant 0.5 log(2 pi).", type="bool"),
        ParamSpec(
            "eps", 1e-6, "var is clamped to at least eps.", minimum=0.0, aliases=("epsilon",)
        ),
    ),
    torch_name="torch.nn.GaussianNLLLoss",
    differences=(
        "var is a tensor field with its gradient under grads.var (summed over broadcast "
        "axes): shape of y_pred, y_pred.shape[:-1], with one axis of size 1, or a number "
        "(PyTorch's accepted shapes). Negative variances are a 422 (PyTorch raises).",
        "The clamp at eps happens inside no_grad in PyTorch: the gradient still flows to var, "
        "evaluated at the clamped value; the same here. " + _PER_ELEMENT,
        "(x - y)^2 / v is computed as (x - y) ((x - y) / v) and the gradient as (x - y) / v: "
        "PyTorch's (x - y)^2 and 2 (x - y) overflow (inf loss, NaN or inf gradient) where "
        "the loss or the gradient is finite (|x - y| above ~1.8e19 or ~1.7e38 in float32).",
    ),
)

more(
    name="poisson_nll",
    compute=_poisson_nll,
    hvp=_poisson_nll_hvp,
    hessian_formula=(
        r"\frac{e^{z_c}}{C}[c = d]\ (\text{log\_input}),\ \frac{y_c}{C (x_c + \epsilon)^2}[c "
        r"= d]\ (\text{else})"
    ),
    nonfinite=NonFinite(
        NAN_RULE + "; log_input=false with y_pred + eps ≤ 0 is NaN (or inf) even where y = 0; "
        "exp(±inf) terms as written",
        "agrees",
    ),
    description="PyTorch's PoissonNLLLoss with its defaults (log-rate input, eps 1e-8) and "
    "the Stirling term with full=true.",
    formula=r"L = \frac{1}{C}\sum_c \big(e^{z_c} - y_c z_c\big)\ (\text{log\_input}),\ "
    r"\big(x_c - y_c\log(x_c + \epsilon)\big)\ (\text{else});\ \text{full: } + [y_c > 1]"
    r"\big(y_c\log y_c - y_c + \tfrac12\log(2\pi y_c)\big)",
    gradient_formula=r"\frac{\partial L}{\partial z_c} = \frac{e^{z_c} - y_c}{C};\ "
    r"\frac{\partial L}{\partial x_c} = \frac{1}{C}\Big(1 - \frac{y_c}{x_c + \epsilon}\Big)",
    y_true_encoding="count (non-negative)",
    label_kind="count",
    input_kind="log_rate",
    pairs_with=("linear",),
    per_sample_reduction="mean",
    aliases=("PoissonNLLLoss", "poisson_nll_loss"),
    params=(
        ParamSpec(
            "log_input", True, "true: y_pred is the log-rate (PyTorch's default).", type="bool"
        ),
        ParamSpec(
            "full", False, "Add the Stirling approximation of log(y!) where y > 1.", type="bool"
        ),
        ParamSpec(
            "eps",
            1e-8,
            "Added to the rate inside the log (log_input false).",
            minimum=0.0,
            aliases=("epsilon",),
        ),
    ),
    torch_name="torch.nn.PoissonNLLLoss",
    keras_name="keras.losses.Poisson (rate input, eps 1e-7: the catalog's poisson)",
    warn=_warn_counts,
    differences=(
        "The catalog's poisson follows Keras (rate input, eps 1e-7, no Stirling term); "
        "poisson_nll is PyTorch's, with its defaults. " + _PER_ELEMENT,
    ),
)

_AXIS = ParamSpec(
    "axis",
    None,
    "null (Keras' default): one loss over every element of the batch; -1: one loss per "
    "sample over the last axis.",
    type="int",
    nullable=True,
    minimum=-1,
    maximum=-1,
)
_KERAS_WHOLE = (
    "axis=null (Keras' default) sums over the whole batch: one loss value, per_sample holds "
    "it, and sample_weight multiplies it by mean(w) ('mean') or sum(w) ('sum') as Keras "
    "broadcasts it ('none': L w, one value per sample; an empty batch's weights give 0); "
    "axis=-1 gives one loss per sample and Keras' 'sum_over_batch_size' is "
    "'mean'. Other axes are not offered."
)

more(
    name="dice",
    compute=_dice,
    hvp=_dice_hvp,
    hessian_formula=(
        r"\frac{\partial^2 L}{\partial p_c \partial p_d} = \frac{2(y_c + y_d)}{S^2} - \frac{4 "
        r"I}{S^3} \text{ (over the row, or every pair of the batch with axis=null)}"
    ),
    nonfinite=NonFinite(
        NAN_RULE + " (with axis=null the whole batch is one sum: any NaN makes it NaN)",
        "torch has no such loss",
    ),
    description="Dice loss (Keras 3): one minus the Dice coefficient of y_true and y_pred, "
    "for segmentation masks.",
    formula=r"L = 1 - \frac{2\sum y p}{\sum y + \sum p + \epsilon},\ \epsilon = 10^{-7}",
    gradient_formula=r"\frac{\partial L}{\partial p_c} = -\frac{2 y_c S - 2 I}{S^2},\ I = "
    r"\sum y p,\ S = \sum y + \sum p + \epsilon",
    y_true_encoding="probability / mask in [0, 1]",
    label_kind="binary",
    input_kind="probabilities",
    pairs_with=("sigmoid", "softmax"),
    per_sample_reduction="row",
    aliases=("Dice", "dice_loss"),
    params=(_AXIS,),
    curve_params={"axis": -1},
    keras_name="keras.losses.Dice",
    optax_name="optax.losses.dice_loss (smooth 1.0, softmax inside)",
    warn=_check_axis,
    differences=(_KERAS_WHOLE, "PyTorch has none."),
)

more(
    name="tversky",
    compute=_tversky,
    hvp=_tversky_hvp,
    hessian_formula=(
        r"\frac{\partial^2 L}{\partial p_c \partial p_d} = \frac{y_c k_d + k_c y_d}{D^2} - "
        r"\frac{2 I k_c k_d}{D^3},\ k = (1 - \alpha) y + \beta(1 - y) \text{ (row, or the "
        r"whole batch)}"
    ),
    nonfinite=NonFinite(
        NAN_RULE + " (with axis=null the whole batch is one sum: any NaN makes it NaN)",
        "torch has no such loss",
    ),
    description="Tversky loss (Keras 3): a Dice generalisation weighting the two kinds of "
    "error by alpha and beta.",
    formula=r"L = 1 - \frac{I}{I + \alpha F_P + \beta F_N + \epsilon},\ I = \sum y p,\ F_P = "
    r"\sum (1 - p) y,\ F_N = \sum p(1 - y)",
    gradient_formula=r"\frac{\partial L}{\partial p_c} = -\frac{y_c D - I\,(y_c - \alpha y_c "
    r"+ \beta(1 - y_c))}{D^2},\ D = I + \alpha F_P + \beta F_N + \epsilon",
    y_true_encoding="probability / mask in [0, 1]",
    label_kind="binary",
    input_kind="probabilities",
    pairs_with=("sigmoid", "softmax"),
    per_sample_reduction="row",
    aliases=("Tversky", "tversky_loss"),
    params=(
        ParamSpec("alpha", 0.5, "Weight of F_P = sum (1 - y_pred) y_true (Keras' name)."),
        ParamSpec("beta", 0.5, "Weight of F_N = sum y_pred (1 - y_true) (Keras' name)."),
        _AXIS,
    ),
    curve_params={"axis": -1},
    keras_name="keras.losses.Tversky",
    warn=_check_axis,
    differences=(
        _KERAS_WHOLE,
        "Keras names the terms as written: its 'fp' sums (1 - y_pred) y_true (missed "
        "positives) and 'fn' sums y_pred (1 - y_true); followed exactly. alpha = beta = 0.5 "
        "is the Dice loss without the epsilon's factor 2.",
    ),
)
