"""Losses: value, per-sample loss and gradient with respect to y_pred (or the logits).

Public interface::

    LOSSES          the registry (one Loss entry per loss; aliases resolve to it)
    evaluate_loss   compute loss, grad, per_sample and warnings for one request
    catalog         the GET /v1/losses entries
    guide           the GET /v1/guide recommendation for a task

Reduction (Keras semantics): the per-sample loss ``L_i`` reduces the last axis (mean for the
elementwise losses, sum for the cross-entropies and KL), then ``mean`` = sum_i w_i L_i / N,
``sum`` = sum_i w_i L_i, or ``none`` (``loss`` = w_i L_i, ``grad`` = gradient of their sum).
``per_sample`` is always unweighted by ``sample_weight`` (class weights, being a loss
parameter, are in it, as in PyTorch's ``reduction='none'``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from service.compute.errors import InvalidInputError
from service.compute.losses._checks import (
    all_finite,
    batch_shape,
    check_dense_y_true,
    check_index_y_true,
    check_y_pred,
    collect_warnings,
    prepare_sample_weight,
)
from service.compute.losses._core import Loss, RowCtx, RowOut, reduce, reduce_mean_rows
from service.compute.losses._defs import LOSSES
from service.compute.losses._guide import TASKS, guide
from service.compute.losses._more import TENSOR_FIELDS, MoreLoss, evaluate_more
from service.compute.losses._second import as_vector, check_second, second_order
from service.compute.params import resolve_params
from service.compute.registry import normalize

__all__ = [
    "CONVENTIONS",
    "LOSSES",
    "REDUCTIONS",
    "TASKS",
    "TENSOR_FIELDS",
    "Loss",
    "LossResult",
    "MoreLoss",
    "catalog",
    "evaluate_loss",
    "evaluate_plain",
    "evaluate_plain_rows",
    "guide",
    "stacks_rows",
]

REDUCTIONS = ("mean", "sum", "none")
CONVENTIONS = ("torch", "keras")

DecodeTensor = Callable[[Any, tuple[str | int, ...]], np.ndarray]


@dataclass
class LossResult:
    loss: np.ndarray  # 0-d for mean/sum; weighted per-sample array for "none"
    grad: np.ndarray  # dL/dy_pred (or d/dlogits), same shape as y_pred
    per_sample: np.ndarray  # unweighted per-sample losses, shape y_pred.shape[:-1]
    warnings: list[str] = field(default_factory=list)
    # multi-input losses (_more.py): the gradient of every tensor input by field name
    grads: dict[str, np.ndarray] = field(default_factory=dict)
    hessian: np.ndarray | None = None  # y_pred.shape * 2, when asked
    hvp: np.ndarray | None = None  # H v, y_pred's shape, when v is given


def catalog() -> list[dict[str, Any]]:
    """Every loss's catalog entry, in registration order."""
    return [entry.catalog() for entry in LOSSES]


def _decode_list(value: Any, loc: tuple[str | int, ...]) -> np.ndarray:
    """Default decoder for tensor-valued params (class_weight, pos_weight): nested lists."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidInputError(
            f"expected a number or a list of numbers, got {type(value).__name__}", loc
        ) from None
    return arr


def resolve_loss_params(
    entry: Loss,
    name: str,
    params: Mapping[str, Any] | None,
    decode_tensor: DecodeTensor | None = None,
) -> dict[str, Any]:
    """Alias-implied defaults (e.g. BCEWithLogitsLoss -> from_logits), then the request's."""
    given: dict[str, Any] = {}
    implied = {normalize(k): v for k, v in entry.alias_defaults.items()}.get(normalize(name))
    if implied:
        given.update(implied)
    given.update(params or {})
    return resolve_params(entry.params, given, ("params",), decode_tensor or _decode_list)


def _of_dtype(dt: np.dtype[Any], *arrays: Any) -> bool:
    """Every given array (None: absent) is already an ndarray of ``dt`` (nothing to convert:
    no error state to enter)."""
    return all(a is None or (type(a) is np.ndarray and a.dtype == dt) for a in arrays)


def evaluate_loss(
    name: str,
    y_true: np.ndarray | None,
    y_pred: np.ndarray | None,
    params: Mapping[str, Any] | None = None,
    *,
    reduction: str = "mean",
    sample_weight: np.ndarray | None = None,
    convention: str = "torch",
    dtype: Any = np.float64,
    output_activation: str | None = None,
    decode_tensor: DecodeTensor | None = None,
    hessian: bool = False,
    v: np.ndarray | None = None,
    max_hessian_elements: int | None = None,
    inputs: Mapping[str, np.ndarray] | None = None,
) -> LossResult:
    """Evaluate loss ``name`` on one batch.

    ``y_pred`` has shape ``batch + (C,)`` (a 0-d or 1-d y_pred is one sample);
    ``y_true`` has the same shape, or ``batch`` (optionally ``batch + (1,)``) of integer
    labels for the sparse losses. ``output_activation`` (optional) names the activation that
    produced y_pred, to warn about pairings the catalog does not recommend.

    ``hessian`` adds d^2 loss / dy_pred^2 (shape y_pred.shape * 2, for at most
    ``max_hessian_elements`` y_pred elements, default 4096) and ``v`` (y_pred's shape) the
    Hessian-vector product H v, both for the same reduction, weights and options as ``grad``.

    Raises UnknownNameError (unknown loss) or InvalidInputError with ``loc`` at the field.
    """
    entry = LOSSES.get(name)
    if reduction not in REDUCTIONS:
        raise InvalidInputError(
            f"expected one of {', '.join(REDUCTIONS)}, got {reduction!r}", ("reduction",)
        )
    if convention not in CONVENTIONS:
        raise InvalidInputError(
            f"expected one of {', '.join(CONVENTIONS)}, got {convention!r}", ("convention",)
        )
    dt = np.dtype(dtype)
    if dt not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise InvalidInputError(f"expected float64 or float32, got {dt}", ("dtype",))
    prm = resolve_loss_params(entry, name, params, decode_tensor)
    if hessian or v is not None:
        src = y_pred  # the main input: x1 or anchor for some issue-12 losses
        if isinstance(entry, MoreLoss) and entry.main_input != "y_pred":
            src = (inputs or {}).get(entry.main_input)
        n_pred = 0 if src is None else int(np.size(src))
        check_second(entry, n_pred, hessian, max_hessian_elements)
    if isinstance(entry, MoreLoss):  # issue 12: torch's margin/NLL losses, dice, tversky
        r = evaluate_more(
            entry,
            prm,
            y_true,
            y_pred,
            inputs or {},
            reduction=reduction,
            sample_weight=sample_weight,
            convention=convention,
            dt=dt,
            output_activation=output_activation,
            hessian=hessian,
            v=v,
        )
        return LossResult(
            r.loss, r.grad, r.per_sample, r.warnings, r.grads, hessian=r.hessian, hvp=r.hvp
        )
    for k in inputs or {}:
        raise InvalidInputError(f"{entry.name} takes y_true and y_pred only, not {k}", (k,))
    if y_pred is None or y_true is None:
        missing = "y_pred" if y_pred is None else "y_true"
        raise InvalidInputError(f"expected {missing}: {entry.name} needs it", (missing,))

    if _of_dtype(dt, y_pred, None if entry.sparse else y_true, sample_weight):
        p = y_pred
        y_dense = None if entry.sparse else y_true
        sw_arr = sample_weight
    else:
        with np.errstate(over="ignore"):  # float64 -> float32 beyond its range is inf
            p = np.asarray(y_pred, dtype=dt)
            y_dense = None if entry.sparse else np.asarray(y_true, dtype=dt)
            sw_arr = None if sample_weight is None else np.asarray(sample_weight, dtype=dt)
    shown = tuple(p.shape)
    scalar = p.ndim == 0
    if v is not None:
        v = as_vector(v, shown, dt).reshape((1,) if scalar else shown)
    if scalar:
        if entry.sparse:
            raise InvalidInputError(
                "expected y_pred with a class axis (at least 1-d), got a number", ("y_pred",)
            )
        p = p.reshape(1)
    check_y_pred(p)
    batch = batch_shape(p)

    valid = None
    if entry.sparse:
        lab, valid = check_index_y_true(entry, np.asarray(y_true), p, prm.get("ignore_index"))
        y = lab
    else:
        assert y_dense is not None
        y = y_dense
        check_dense_y_true(y, p.reshape(shown), shown)
        y = y.reshape(p.shape)

    sw = None
    if sw_arr is not None:
        sw = prepare_sample_weight(sw_arr, batch)

    ctx = RowCtx(y_true=y, y_pred=p, params=prm, convention=convention, valid=valid)
    finite = all_finite(p) and (entry.sparse or all_finite(y)) and (sw is None or all_finite(sw))
    out, loss, grad = _rows(entry, ctx, reduction, sw, finite)

    hess, hv = None, None
    if hessian or v is not None:
        hess, hv = second_order(entry, ctx, out, reduction, sw, hessian=hessian, v=v)
        if scalar:
            hess = None if hess is None else hess.reshape(())
            hv = None if hv is None else hv.reshape(())
    warnings = collect_warnings(
        entry,
        y,
        p,
        prm,
        convention,
        out.clipped,
        output_activation,
        finite=finite and not entry.sparse,
    )
    per = np.asarray(out.per_sample, dtype=dt)
    grad = np.asarray(grad, dtype=dt)
    loss = np.asarray(loss, dtype=dt)
    if scalar:
        grad = grad.reshape(())
    return LossResult(loss=loss, grad=grad, per_sample=per, warnings=warnings, hessian=hess, hvp=hv)


def _rows(
    entry: Loss, ctx: RowCtx, reduction: str, sw: np.ndarray | None, finite: bool
) -> tuple[RowOut, np.ndarray, np.ndarray]:
    """The entry's rows and their reduction: (rows, loss, grad)."""
    if finite:
        with np.errstate(over="ignore"):
            out = entry.fn(ctx)
            loss, grad = reduce(out, reduction, sw)
    else:  # non-finite input: NaN/inf results are intended, not numerical accidents
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            out = entry.fn(ctx)
            loss, grad = reduce(out, reduction, sw)
    return out, loss, grad


def evaluate_plain(
    entry: Loss, params: dict[str, Any], y_true: np.ndarray, y_pred: np.ndarray
) -> LossResult:
    """``evaluate_loss`` of the commonest call with its checks already made by the caller:
    a dense loss (not sparse, not a multi-input one), ``params`` resolved for the name as
    called (``resolve_loss_params``), float64 ``y_true`` and ``y_pred`` of the same shape, at
    least 1-d with no empty axis, every value finite; reduction mean, convention torch, no
    weights, no activation named. The same rows, reduction and warnings as evaluate_loss
    (the small-call fast path answers with it)."""
    ctx = RowCtx(y_true=y_true, y_pred=y_pred, params=dict(params), convention="torch", valid=None)
    out, loss, grad = _rows(entry, ctx, "mean", None, True)
    return _plain_result(entry, ctx.params, y_true, y_pred, out, loss, grad)


def _plain_result(
    entry: Loss,
    params: dict[str, Any],
    y_true: np.ndarray,
    y_pred: np.ndarray,
    out: RowOut,
    loss: np.ndarray,
    grad: np.ndarray,
) -> LossResult:
    """One plain call's result from its rows and their reduction, with its warnings."""
    warnings = collect_warnings(
        entry, y_true, y_pred, params, "torch", out.clipped, None, finite=True
    )
    f64 = np.float64
    return LossResult(
        loss=np.asarray(loss, dtype=f64),
        grad=np.asarray(grad, dtype=f64),
        per_sample=np.asarray(out.per_sample, dtype=f64),
        warnings=warnings,
    )


def evaluate_plain_rows(
    entry: Loss, params: dict[str, Any], calls: Sequence[tuple[np.ndarray, np.ndarray]]
) -> list[LossResult | None]:
    """:func:`evaluate_plain` of many calls ``(y_true, y_pred)`` at once: calls of the same
    shape are stacked along a new first axis and the entry's rows computed by one call (a
    dense loss computes each sample from its own row: the stack's rows are the calls' own),
    then each call's reduction and warnings as evaluate_plain. Every result is
    ``evaluate_plain``'s for that call, bit for bit, for an entry :func:`stacks_rows` accepts;
    None for the calls of a stack whose rows do not stand for theirs (probabilities clipped,
    a denominator of its own, another shape): the caller evaluates those alone."""
    results: list[LossResult | None] = [None] * len(calls)
    groups: dict[tuple[tuple[int, ...], tuple[int, ...]], list[int]] = {}
    for i, (y_true, y_pred) in enumerate(calls):
        groups.setdefault((y_true.shape, y_pred.shape), []).append(i)
    for idx in groups.values():
        yt = np.stack([calls[i][0] for i in idx])
        yp = np.stack([calls[i][1] for i in idx])
        ctx = RowCtx(y_true=yt, y_pred=yp, params=dict(params), convention="torch", valid=None)
        with np.errstate(over="ignore"):
            out = entry.fn(ctx)
        per, grad = out.per_sample, out.grad
        if (
            out.clipped
            or out.denominator is not None
            or type(per) is not np.ndarray
            or type(grad) is not np.ndarray
            or per.shape != yp.shape[:-1]
            or grad.shape != yp.shape
            or not per.size
        ):
            continue
        with np.errstate(over="ignore"):  # as _rows reduces
            losses, grads = reduce_mean_rows(out, len(idx))
        for j, i in enumerate(idx):
            row = RowOut(per_sample=per[j, ...], grad=grad[j, ...])
            y_true, y_pred = calls[i]
            results[i] = _plain_result(
                entry, ctx.params, y_true, y_pred, row, losses[j, ...], grads[j, ...]
            )
    return results


def stacks_rows(entry: Loss, params: dict[str, Any]) -> bool:
    """True when :func:`evaluate_plain_rows` gives ``evaluate_plain``'s bits for this dense
    loss on probes of two shapes (inputs in its range and off it): its rows are computed
    row by row. Checked once by the caller for an entry before it stacks calls."""
    rng = np.random.default_rng(0)
    calls = [
        (rng.uniform(0.05, 0.95, size=shape), rng.uniform(0.05, 0.95, size=shape))
        for shape in ((5,), (5,), (5,), (2, 3), (2, 3))
    ]
    calls += [(rng.normal(size=(5,)) * 3, rng.normal(size=(5,)) * 3) for _ in range(2)]
    try:
        stacked = evaluate_plain_rows(entry, params, calls)
        for (y_true, y_pred), got in zip(calls, stacked, strict=True):
            if got is None:
                continue
            ref = evaluate_plain(entry, params, y_true, y_pred)
            if got.warnings != ref.warnings or not all(
                a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
                for a, b in (
                    (got.loss, ref.loss),
                    (got.grad, ref.grad),
                    (got.per_sample, ref.per_sample),
                )
            ):
                return False
    except Exception:
        return False
    return any(r is not None for r in stacked)
