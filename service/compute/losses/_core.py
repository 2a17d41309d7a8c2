"""Loss entries, the shared numerical helpers and the reduction.

Every loss is a pure function of one *row* (the last axis) of ``y_true``/``y_pred``:
``fn(ctx) -> RowOut`` returns the per-sample losses ``L_i`` (shape ``batch`` =
``y_pred.shape[:-1]``) and the per-row gradients ``dL_i / dy_pred[i, :]`` (shape of
``y_pred``). The reduction (Keras semantics) is applied once, in :func:`reduce`:

* ``none``: ``loss = w_i L_i``, ``grad = w_i dL_i/dy`` (the gradient of ``sum_i w_i L_i``);
* ``sum``:  ``loss = sum_i w_i L_i``, same gradient;
* ``mean``: ``loss = sum_i w_i L_i / D``, gradient divided by ``D``; ``D`` is the number of
  per-sample losses, except for the sparse losses (valid, non-ignored samples; with
  ``class_weight`` the sum of the target classes' weights, as PyTorch). ``D = 0`` gives 0
  (Keras' ``divide_no_nan``) and a zero gradient, except that a NaN per-sample loss (a
  class weight of 0 times a NaN loss) keeps the loss and its gradient elements NaN: NaN is
  never hidden by a finite loss.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np
from scipy.special import expit

from service.compute.params import ParamSpec
from service.compute.registry import NonFinite
from service.compute.variants import Variant

Array = np.ndarray
InputKind = Literal[
    "probabilities", "logits", "log_probabilities", "real", "scores", "rate", "log_rate"
]
LabelKind = Literal["one_hot", "index", "distribution", "binary", "pm1", "real", "count"]
RowKind = Literal["categorical", "binary", "none"]


@dataclass
class RowCtx:
    """What a loss function sees: arrays already cast, validated and shaped."""

    y_true: Array  # same shape as y_pred, or the batch shape for index labels
    y_pred: Array  # shape batch + (C,)
    params: dict[str, Any]
    convention: str
    valid: Array | None = None  # index losses: mask of non-ignored samples


@dataclass
class RowOut:
    per_sample: Array  # batch shape
    grad: Array  # y_pred shape: d per_sample[i] / d y_pred[i, :]
    denominator: float | None = None  # for "mean"; None -> number of samples
    clipped: int = 0  # probabilities moved by the epsilon clip (gradient 0 there)
    # for "mean" (its value, gradient and second derivatives) instead of these rows: the
    # rows computed with the class weights times a power of two
    mean_scaled: ScaledMean | None = None


@dataclass
class ScaledMean:
    """The rows of a class-weighted loss computed with ``class_weight``, the weights as given
    times a power of two. The weighted mean Σ w_y l / Σ w_y is the same ratio of these, without
    the underflow or overflow of weights far from 1."""

    rows: RowOut
    class_weight: Array


LossFn = Callable[[RowCtx], RowOut]
# (entry, finite y_true values) -> warnings about the labels, replacing the label kind's check
LabelWarnings = Callable[["Loss", Array], list[str]]
# the activation a from_logits loss applies inside itself, by its row kind
LOGITS_ACTIVATION: Mapping[str, str] = {"binary": "sigmoid", "categorical": "softmax"}
# (ctx, v) -> H_i v_i for every row i: the per-sample Hessian d^2 L_i / dy_pred[i]^2 applied to
# v's row (v has y_pred's shape); sample weights and the reduction are applied by the caller
RowHvp = Callable[[RowCtx, Array], Array]


@dataclass(frozen=True)
class Loss:
    """One registered loss: its function, parameters and catalog text.

    ``input_kind`` says what ``y_pred`` holds under the default parameters; entries with
    ``from_logits`` (or ``log_input``) switch to ``logits`` (``log_rate``) when it is true.
    ``alias_defaults`` maps an alias to the parameter values it implies (``BCEWithLogitsLoss``
    means ``from_logits=true``); explicit request parameters win.

    What is particular to one loss stays on its entry: ``variants`` (known other forms that
    ``/v1/verify`` names, :class:`~service.compute.variants.Variant`; the conventions'
    variants come from ``conventions``), ``label_warnings`` (replaces the label kind's generic
    check), ``one_hot_hint`` (index losses: what to use for one-hot labels), ``alternative``
    (what to use when y_pred is of the wrong kind) and ``test_params`` (the parameter sets the
    registry-wide tests run besides the defaults).
    """

    name: str
    fn: LossFn
    description: str
    formula: str
    gradient_formula: str
    y_true_encoding: str
    label_kind: LabelKind
    input_kind: InputKind
    pairs_with: tuple[str, ...]
    per_sample_reduction: Literal["mean", "sum", "row"]
    nonfinite: NonFinite
    aliases: tuple[str, ...] = ()
    params: tuple[ParamSpec, ...] = ()
    row_kind: RowKind = "none"
    torch_name: str | None = None
    keras_name: str | None = None
    optax_name: str | None = None
    differences: tuple[str, ...] = ()
    conventions: Mapping[str, str] = field(default_factory=dict)
    alias_defaults: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    sparse: bool = False
    reference: str = ""
    variants: tuple[Variant, ...] = ()
    label_warnings: LabelWarnings | None = None
    one_hot_hint: str = ""
    alternative: str = ""
    test_params: tuple[Mapping[str, Any], ...] = ()
    # second order (issue 12): the row Hessian-vector product and the Hessian in LaTeX
    hvp: RowHvp | None = None
    hessian_formula: str = ""

    def input_kind_for(self, params: Mapping[str, Any]) -> InputKind:
        """What y_pred holds for these (resolved) parameters."""
        if params.get("from_logits"):
            return "logits"
        if params.get("log_input"):
            return "log_rate"
        return self.input_kind

    @property
    def logits_activation(self) -> str | None:
        """The activation applied inside the loss with ``from_logits`` (sigmoid or softmax)."""
        return LOGITS_ACTIVATION.get(self.row_kind)

    def pairs_with_for(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """Recommended output activations for these (resolved) parameters."""
        if params.get("from_logits") or params.get("log_input"):
            return ("linear",)
        return self.pairs_with

    def catalog(self) -> dict[str, Any]:
        """JSON-ready description for GET /v1/losses."""
        has_logits = any(p.name == "from_logits" for p in self.params)
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "description": self.description,
            "params": [p.catalog() for p in self.params],
            "formula": self.formula,
            "gradient_formula": self.gradient_formula,
            "y_true_encoding": self.y_true_encoding,
            "y_pred": self.input_kind,
            "pairs_with": list(self.pairs_with),
            "pairs_with_from_logits": ["linear"] if has_logits else None,
            "per_sample_reduction": self.per_sample_reduction,
            "reductions": ["mean", "sum", "none"],
            "torch": self.torch_name,
            "keras": self.keras_name,
            "optax": self.optax_name,
            "differences": list(self.differences),
            "conventions": dict(self.conventions),
            "alias_defaults": {k: dict(v) for k, v in self.alias_defaults.items()},
            "reference": self.reference,
            "nonfinite": self.nonfinite.catalog(),
            **({"hessian_formula": self.hessian_formula} if self.hessian_formula else {}),
        }


# ---------------------------------------------------------------------------------------
# shared numerical helpers


def sigmoid(x: Array) -> Array:
    """scipy's expit, keeping the subnormal results.

    expit computes 1 / (1 + exp(-x)), which is 0 once exp(-x) overflows (x < -709.78 in
    float64, x < -88.72 in float32) although sigma(x) = e^x / (1 + e^x) is a subnormal down to
    x = -745.13 (-103.97): there 1 + e^x rounds to 1 and sigma(x) = exp(x) exactly. Matters
    where the result multiplies an infinite label (y sigma(-x) with y = -inf: inf, not NaN).
    """
    s = np.asarray(expit(x))
    under = s == 0
    if np.any(under):
        np.exp(x, out=s, where=under)
    return s


def positive_epsilon(eps: float, dtype: Any) -> Any:
    """epsilon rounded to dtype, raised to its smallest normal number where it rounds to 0.

    A positive floor stays positive: float32 rounds an epsilon below ~7e-46 (the parameter
    allows any eps > 0, e.g. 5e-324) to 0, and a floor of 0 divides by 0 (mape) or takes
    log 0 (kl_divergence). The same bound as the probability clip below.
    """
    t = np.dtype(dtype).type
    lo = t(eps)
    return lo if lo > 0 else t(np.finfo(dtype).tiny)


def clip_probabilities(p: Array, eps: float) -> tuple[Array, Array]:
    """Clip to [eps, 1 - eps] in p's dtype; return (clipped, mask of values moved).

    The bounds are representable in p's dtype and strictly inside (0, 1), so log(p) and
    log1p(-p) never see 0. Values exactly on a bound count as inside (PyTorch's clamp
    gradient is 1 there).
    """
    t = p.dtype.type
    lo = positive_epsilon(eps, p.dtype)
    hi = t(1.0 - eps)
    if hi >= 1:
        hi = np.nextafter(t(1), t(0))
    outside = (p < lo) | (p > hi)
    return np.clip(p, lo, hi), outside


def smooth_categorical(y: Array, ls: float) -> Array:
    """Label smoothing for C classes: y (1 - ls) + ls / C (Keras and PyTorch)."""
    if ls == 0:
        return y
    return cast(np.ndarray, y * (1.0 - ls) + ls / y.shape[-1])


def smooth_binary(y: Array, ls: float) -> Array:
    """Binary label smoothing: y (1 - ls) + ls / 2 (Keras)."""
    if ls == 0:
        return y
    return y * (1.0 - ls) + 0.5 * ls


def renorm_backward(g: Array, q: Array, s: Array) -> Array:
    """Gradient through q = p / sum(p): dL/dp_j = (g_j - sum_c g_c q_c) / s."""
    return cast(np.ndarray, (g - np.sum(g * q, axis=-1, keepdims=True)) / s)


def weights_for(w: Any, dtype: Any) -> Array | None:
    """class_weight / pos_weight as an array in dtype (None stays None)."""
    if w is None:
        return None
    return np.asarray(w, dtype=dtype)


def row_mean(a: Array) -> Array:
    """``np.mean(a, axis=-1)`` of a float array in the same bits (the sum along the axis,
    divided by its length) without np.mean's Python wrapper, which costs a small call more
    than the arithmetic."""
    return cast(np.ndarray, np.add.reduce(a, axis=-1) / a.shape[-1])


def reduce(out: RowOut, reduction: str, sample_weight: Array | None) -> tuple[Array, Array]:
    """Apply the Keras reduction with sample weights; return (loss, grad)."""
    per, grad, denominator = out.per_sample, out.grad, out.denominator
    if reduction == "mean" and out.mean_scaled is not None:
        rows = out.mean_scaled.rows
        per, grad, denominator = rows.per_sample, rows.grad, rows.denominator
    if sample_weight is not None:
        wl = per * sample_weight
        wg = grad * sample_weight[..., None]
    else:
        wl, wg = per, grad
    if reduction == "none":
        return wl, wg
    total = np.add.reduce(wl, axis=None)  # np.sum(wl) without its wrapper
    if reduction == "sum":
        return np.asarray(total, dtype=per.dtype), wg
    denom = float(per.size) if denominator is None else denominator
    if denom == 0:  # divide_no_nan, but a NaN sample loss stays NaN (never hidden)
        nan = per.dtype.type(np.nan)
        zero = per.dtype.type(0)
        return np.asarray(nan if np.isnan(total) else zero), np.where(np.isnan(wg), nan, zero)
    d = per.dtype.type(denom)
    return np.asarray(total / d, dtype=per.dtype), wg / d


def reduce_mean_rows(out: RowOut, calls: int) -> tuple[Array, Array]:
    """``reduce(·, "mean", None)`` of each of ``calls`` calls whose rows are stacked along the
    first axis of ``out`` (no sample weights, no denominator of its own, at least one sample
    each): each call's samples are summed alone and divided by their count, in the same bits
    as :func:`reduce` of that call alone. (The calls' losses, shape (calls,); their gradients,
    stacked.)"""
    per = out.per_sample
    total = np.add.reduce(per.reshape(calls, -1), axis=1)
    d = per.dtype.type(float(per.size // calls))
    return cast(np.ndarray, total / d), cast(np.ndarray, out.grad / d)
