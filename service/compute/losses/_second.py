"""Second order: the Hessian d^2 loss / dy_pred^2 and Hessian-vector products.

Each entry's ``hvp(ctx, v)`` gives ``H_i v_i`` for every row: the per-sample Hessian of
``L_i`` with respect to its own row ``y_pred[i, :]`` applied to ``v``'s row (a per-sample loss
depends on its row only, so the Hessian of the reduced loss is block diagonal). This module
applies what :func:`~service.compute.losses._core.reduce` applies to the gradient:

* the per-row scale ``w_i`` (``sample_weight``, 1 without) and, for ``mean``, ``1 / D`` (``D``
  the same denominator as the loss; ``D = 0`` gives 0); ``none`` is the Hessian of
  ``sum_i w_i L_i``, as its ``grad`` is that sum's gradient;
* a row whose gradient holds a NaN gets a NaN block (NaN in, NaN out, never hidden by an exact
  0 or a constant);

and lays the Hessian out as ``y_pred.shape + y_pred.shape`` (torch.autograd.functional.hessian's
layout): entry ``[i..., c, j..., d]`` is 0 off the diagonal blocks ``i == j``. The blocks come
from ``C`` products with unit vectors (one per class, every row at once), so the Hessian is
exact and costs ``C`` row passes.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from service.compute.errors import InvalidInputError, LimitExceededError
from service.compute.losses._core import Array, Loss, RowCtx, RowOut

DEFAULT_MAX_HESSIAN_ELEMENTS = 4096


def _row_scale(out: RowOut, reduction: str, sw: Array | None, dtype: np.dtype) -> Array:
    """The factor each per-sample Hessian is multiplied by (batch shape)."""
    per = out.per_sample
    scale = np.ones(per.shape, dtype=dtype) if sw is None else np.broadcast_to(sw, per.shape)
    if reduction == "mean":
        denom = float(per.size) if out.denominator is None else out.denominator
        if denom == 0:
            return np.zeros(per.shape, dtype=dtype)
        scale = scale / dtype.type(denom)
    return np.asarray(scale, dtype=dtype)


def _row_hvp(entry: Loss, ctx: RowCtx, out: RowOut, scale: Array, v: Array) -> Array:
    assert entry.hvp is not None
    with np.errstate(invalid="ignore", divide="ignore", over="ignore", under="ignore"):
        h = entry.hvp(ctx, v) * scale[..., None]
        nan_row = np.isnan(out.grad).any(axis=-1, keepdims=True)
        if nan_row.any():
            h = np.where(nan_row, np.asarray(np.nan, dtype=h.dtype), h)
    return np.asarray(h, dtype=ctx.y_pred.dtype)


def check_second(entry: Loss, n_elements: int, hessian: bool, max_elements: int | None) -> None:
    """422 for a loss without a Hessian, or a Hessian beyond ``max_elements`` y_pred elements."""
    if entry.hvp is None:
        raise InvalidInputError(f"{entry.name} has no Hessian in this service yet", ("outputs",))
    limit = DEFAULT_MAX_HESSIAN_ELEMENTS if max_elements is None else max_elements
    if hessian and n_elements > limit:
        raise LimitExceededError(
            f"expected at most {limit} y_pred elements for 'hessian' (it has "
            f"n × n entries), got {n_elements}; ask for 'hvp' with a vector v instead",
            "max_hessian_elements",
            limit,
            ("outputs",),
        )


def second_order(
    entry: Loss,
    ctx: RowCtx,
    out: RowOut,
    reduction: str,
    sample_weight: Array | None,
    *,
    hessian: bool,
    v: Array | None,
) -> tuple[Array | None, Array | None]:
    """(Hessian of shape y_pred.shape * 2 or None, H v of y_pred's shape or None).

    ``ctx.y_pred`` is the (at least 1-d) working array; ``v`` has its shape. The caller
    reshapes both results to the request's y_pred shape.
    """
    if reduction == "mean" and out.mean_scaled is not None:  # as reduce(): the scaled rows
        ctx = replace(ctx, params={**ctx.params, "class_weight": out.mean_scaled.class_weight})
        out = out.mean_scaled.rows
    p = ctx.y_pred
    dt = p.dtype
    scale = _row_scale(out, reduction, sample_weight, dt)
    hv = None
    if v is not None:
        hv = _row_hvp(entry, ctx, out, scale, v)
    hess = None
    if hessian:
        c = p.shape[-1]
        batch = p.shape[:-1]
        nrows = math.prod(batch)
        blocks = np.empty((*batch, c, c), dtype=dt)  # blocks[i, :, k] = H_i e_k
        for k in range(c):
            e = np.zeros_like(p)
            e[..., k] = 1
            blocks[..., :, k] = _row_hvp(entry, ctx, out, scale, e)
        full = np.zeros((nrows, c, nrows, c), dtype=dt)
        idx = np.arange(nrows)
        full[idx, :, idx, :] = blocks.reshape(nrows, c, c)
        hess = full.reshape(p.shape + p.shape)
    return hess, hv


def as_vector(v: np.ndarray, shape: tuple[int, ...], dtype: np.dtype) -> Array:
    """``v`` in the compute dtype, with y_pred's shape (loc ``("v",)``)."""
    with np.errstate(over="ignore"):
        arr = np.asarray(v, dtype=dtype)
    if arr.shape != tuple(shape):
        raise InvalidInputError(
            f"expected v of shape {tuple(shape)} like y_pred, got {tuple(arr.shape)}", ("v",)
        )
    return arr
