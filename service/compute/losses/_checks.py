"""Input validation (errors) and the warnings for suspicious but valid input."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.special import logsumexp

from service.compute.errors import InvalidInputError
from service.compute.losses._core import Array, Loss
from service.compute.losses._guide import guide

ROW_SUM_TOL = 1e-3  # |sum - 1| above this: "row does not sum to 1"
ACTIVATION_SYNONYMS = {
    "identity": "linear",
    "none": "linear",
    "logsoftmax": "log_softmax",
    "exp": "exponential",
}


def batch_shape(y_pred: Array) -> tuple[int, ...]:
    return tuple(y_pred.shape[:-1])


def check_y_pred(y_pred: Array) -> None:
    if y_pred.shape[-1] == 0:
        raise InvalidInputError(
            f"expected at least one element along the last (class) axis, got shape "
            f"{tuple(y_pred.shape)}",
            ("y_pred",),
        )


def check_dense_y_true(y_true: Array, y_pred: Array, shown: tuple[int, ...]) -> None:
    """y_true must have y_pred's shape exactly (``shown``: y_pred's shape as sent)."""
    if y_true.shape != y_pred.shape:
        raise InvalidInputError(
            f"expected shape {shown} like y_pred, got {tuple(y_true.shape)}", ("y_true",)
        )


def check_index_y_true(
    entry: Loss, y_true: Array, y_pred: Array, ignore_index: int | None
) -> tuple[Array, Array]:
    """Validate integer labels; return (labels as intp with batch shape, valid mask)."""
    batch = batch_shape(y_pred)
    c = y_pred.shape[-1]
    shape = tuple(y_true.shape)
    if shape == (*batch, 1) and shape != batch:
        y_true = y_true.reshape(batch)
    elif shape != batch:
        hint = ""
        if shape == tuple(y_pred.shape) and entry.one_hot_hint:
            hint = "; " + entry.one_hot_hint
        raise InvalidInputError(
            f"expected integer class labels of shape {batch} (y_pred.shape[:-1], y_pred "
            f"{tuple(y_pred.shape)}), got {shape}{hint}",
            ("y_true",),
        )
    lab = np.asarray(y_true, dtype=np.float64)
    finite = np.isfinite(lab)
    integral = finite & (lab == np.round(lab))
    if not np.all(integral):
        i = _first(~integral)
        raise InvalidInputError(
            f"expected integer class labels in [0, {c}), got {_fmt(lab[i])} at index {list(i)}",
            ("y_true",),
        )
    ignored = np.zeros(lab.shape, dtype=bool) if ignore_index is None else lab == ignore_index
    in_range = (lab >= 0) & (lab < c)
    bad = ~(in_range | ignored)
    if np.any(bad):
        i = _first(bad)
        ign = "" if ignore_index is None else f" or ignore_index {ignore_index}"
        raise InvalidInputError(
            f"expected integer class labels in [0, {c}){ign}, got {int(lab[i])} at index {list(i)}",
            ("y_true",),
        )
    return np.where(ignored, 0, lab).astype(np.intp), ~ignored


def prepare_sample_weight(sw: Array, batch: tuple[int, ...]) -> Array:
    shape = tuple(sw.shape)
    if shape == (*batch, 1) and shape != batch:
        sw = sw.reshape(batch)
    try:
        ok = np.broadcast_shapes(sw.shape, batch) == batch
    except ValueError:
        ok = False
    if not ok:
        raise InvalidInputError(
            f"expected one weight per sample: shape {batch} (y_pred.shape[:-1]) or "
            f"broadcastable to it, got {shape}",
            ("sample_weight",),
        )
    neg = sw < 0
    if np.any(neg):
        i = _first(neg)
        raise InvalidInputError(
            f"expected non-negative weights, got {_fmt(sw[i])} at index {list(i)}",
            ("sample_weight",),
        )
    return np.broadcast_to(sw, batch)


def _first(mask: Array) -> tuple[int, ...]:
    return tuple(int(v) for v in np.argwhere(mask)[0]) if mask.ndim else ()


def _fmt(v: Any) -> str:
    return f"{float(v):.6g}"


def normalize_activation(name: str) -> str:
    k = name.strip().lower().replace("-", "_")
    return ACTIVATION_SYNONYMS.get(k, k)


# ---------------------------------------------------------------------------------------
# warnings


def _rows_sum_to_one(a: Array) -> tuple[Array, Array]:
    """(mask of rows with a finite sum, mask of those whose sum is off by > tol)."""
    with np.errstate(over="ignore", invalid="ignore"):
        s = np.sum(a, axis=-1)
    fin = np.isfinite(s)
    return fin, fin & (np.abs(s - 1.0) > ROW_SUM_TOL)


def all_finite(a: Array) -> bool:
    """True when every element is finite. A small array is tested elementwise (two ufunc
    calls, no error state to enter); a large one first by its sum (no temporary), then
    elementwise only if the sum is not finite."""
    if a.size <= 4096:
        return bool(np.isfinite(a).all())
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.sum(a)):
            return True
    return bool(np.isfinite(a).all())


def _finite_values(a: Array) -> Array:
    return a if all_finite(a) else a[np.isfinite(a)]


def _in01(v: Array) -> bool:
    return bool(v.size == 0 or (v.min() >= 0 and v.max() <= 1))


def collect_warnings(
    entry: Loss,
    y_true: Array,
    y_pred: Array,
    params: dict[str, Any],
    convention: str,
    clipped: int,
    output_activation: str | None,
    *,
    finite: bool = False,
) -> list[str]:
    """Suspicious but valid input: wrong kind of y_pred, labels, pairings. ``finite``: the
    caller knows every value of y_true and y_pred is finite (nothing is filtered)."""
    out: list[str] = []
    name = entry.name
    kind = entry.input_kind_for(params)
    c = y_pred.shape[-1]
    p_fin = y_pred if finite else _finite_values(y_pred)
    in01 = _in01(p_fin)
    categorical = entry.row_kind == "categorical"

    if kind == "probabilities":
        n_out = 0 if in01 else int(np.count_nonzero((p_fin < 0) | (p_fin > 1)))
        n_out += int(np.count_nonzero(np.isinf(y_pred))) if p_fin is not y_pred else 0
        if n_out:
            out.append(
                f"y_pred has {n_out} value(s) outside [0, 1] but {name} expects "
                "probabilities (from_logits=false): are these logits? Set from_logits=true; "
                "as given they were clipped to [epsilon, 1 - epsilon]."
            )
        if categorical:
            _, bad = _rows_sum_to_one(y_pred)
            if np.any(bad):
                i = _first(bad)
                s = float(np.sum(y_pred[i]))
                how = (
                    "they are divided by their sum (convention 'keras')"
                    if convention == "keras"
                    else "they are used as given, not renormalised (convention 'keras' "
                    "renormalises)"
                )
                nrows = int(np.prod(batch_shape(y_pred), dtype=np.int64))
                out.append(
                    f"{int(np.count_nonzero(bad))} of {nrows} row(s) of y_pred do not sum to 1 "
                    f"(row {list(i)} sums to {s:.6g}); {how}."
                )
        n_edge = clipped - n_out
        if n_edge > 0:
            out.append(
                f"{n_edge} value(s) of y_pred lie within epsilon={params.get('epsilon')} of 0 "
                "or 1 and were clipped; the gradient is 0 there (Keras semantics). "
                "from_logits=true avoids the clip."
            )
    elif kind == "logits" and p_fin.size >= 2 and in01 and np.max(p_fin) > 0:
        looks = False
        if categorical and c >= 2:
            fin_rows, bad = _rows_sum_to_one(y_pred)
            looks = bool(np.all(fin_rows) and not np.any(bad))
            what = "values in [0, 1] and rows summing to 1"
        elif not categorical:
            looks = bool(np.min(p_fin) > 0 and np.max(p_fin) < 1)
            what = "every value strictly inside (0, 1)"
        if looks:
            how = (
                "from_logits=true"
                if any(s.name == "from_logits" for s in entry.params)
                else "this loss takes logits"
            )
            out.append(
                f"y_pred looks like probabilities ({what}) but {how}: they are treated as "
                "logits. Send the pre-activation outputs, or use from_logits=false."
            )
    elif kind == "log_probabilities":
        n_pos = 0 if p_fin.size == 0 or np.max(p_fin) <= 0 else int(np.count_nonzero(p_fin > 0))
        if n_pos:
            out.append(
                f"{name} expects log-probabilities (<= 0) but y_pred has {n_pos} positive "
                "value(s): apply log_softmax first"
                + (f", or use {entry.alternative}" if entry.alternative else "")
                + "."
            )
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                lse = logsumexp(y_pred, axis=-1)
            off = np.isfinite(lse) & (np.abs(lse) > ROW_SUM_TOL)
            if np.any(off):
                out.append(
                    f"{int(np.count_nonzero(off))} row(s) of y_pred are not normalised "
                    "log-probabilities (logsumexp != 0); apply log_softmax first."
                )
    elif kind == "rate":
        n_neg = int(np.count_nonzero(p_fin < 0))
        if n_neg:
            out.append(
                f"the Poisson rate y_pred must be >= 0 but has {n_neg} negative value(s): "
                "where y_pred + epsilon <= 0 the log is undefined and the loss is NaN (or inf), "
                "as torch's PoissonNLLLoss; if these are log-rates set log_input=true."
            )

    out.extend(_label_warnings(entry, y_true, finite))
    out.extend(_pairing_warnings(entry, y_true, y_pred, params, kind, in01, output_activation))
    return out


def _label_warnings(entry: Loss, y: Array, finite: bool = False) -> list[str]:
    lk = entry.label_kind
    name = entry.name
    if lk == "index":
        return []
    fin = y if finite else _finite_values(y)
    if entry.label_warnings is not None:  # the entry's own check replaces its label kind's
        return entry.label_warnings(entry, fin)
    if lk in ("one_hot", "distribution"):
        outside = not _in01(fin)
        _, bad = _rows_sum_to_one(y)
        if outside or np.any(bad):
            return [
                f"y_true rows are not probability distributions (values in [0, 1] summing to "
                f"1) as {name} expects"
                + (" one-hot labels" if lk == "one_hot" else "")
                + "; they are used as given."
            ]
        # rows of non-negative values summing to 1 are one-hot iff each row's max is 1
        if (
            lk == "one_hot"
            and y.size
            and not np.all(np.max(y, axis=-1)[np.isfinite(np.sum(y, axis=-1))] == 1)
        ):
            return [
                "y_true is not one-hot (soft labels); they are used as given. For label "
                "smoothing of one-hot labels use the label_smoothing parameter."
                if any(p.name == "label_smoothing" for p in entry.params)
                else "y_true is not one-hot (soft labels); they are used as given."
            ]
        return []
    if lk == "binary":
        n = int(np.count_nonzero((fin < 0) | (fin > 1)))
        if n:
            return [f"{name} expects labels in [0, 1]; y_true has {n} value(s) outside."]
        return []
    if lk == "pm1":
        if np.all((fin == 0) | (fin == 1)):
            return []
        if np.any((fin != 1) & (fin != -1)):
            return [f"{name} expects ±1 labels (or all 0/1); y_true has other values."]
        return []
    if lk == "count":
        n = int(np.count_nonzero(fin < 0))
        if n:
            return [f"{name} expects non-negative counts; y_true has {n} negative value(s)."]
    return []


def _multiclass_loss() -> str:
    """The loss the guide recommends with softmax (GET /v1/guide?task=multiclass)."""
    return str(guide("multiclass")["recommended"]["loss"])


def _is_one_hot_rows(y: Array) -> bool:
    return bool(y.size > 0 and np.all((y == 0) | (y == 1)) and np.all(np.sum(y, axis=-1) == 1))


def _pairing_warnings(
    entry: Loss,
    y_true: Array,
    y_pred: Array,
    params: dict[str, Any],
    kind: str,
    in01: bool,
    output_activation: str | None,
) -> list[str]:
    out: list[str] = []
    name = entry.name
    c = y_pred.shape[-1]
    recommended = entry.pairs_with_for(params)
    if output_activation is not None:
        act = normalize_activation(output_activation)
        if act not in recommended:
            extra = ""
            if kind == "logits" and act in ("sigmoid", "softmax"):
                extra = (
                    " (from_logits=true applies it inside the loss: applying it first "
                    "computes it twice)"
                )
            out.append(
                f"output activation {act!r} is not what the catalog recommends for {name} "
                f"with these parameters (recommended: {', '.join(recommended)}){extra}."
            )
    if entry.row_kind == "categorical" and c == 1:
        out.append(
            f"y_pred has one unit per sample: a softmax over one unit is always 1, so {name} "
            "carries no signal; use sigmoid + binary_crossentropy for a binary task."
        )
    if (
        entry.row_kind == "binary"
        and kind == "probabilities"
        and c >= 2
        and in01
        and np.all(np.isfinite(y_pred))
        and not np.any(_rows_sum_to_one(y_pred)[1])
        and _is_one_hot_rows(y_true)
    ):
        out.append(
            "y_pred rows sum to 1 and y_true is one-hot, like a softmax output on a "
            f"single-label task: softmax pairs with {_multiclass_loss()}, {name} with "
            "sigmoid (one independent unit per label)."
        )
    if (
        entry.label_kind == "real"
        and c >= 2
        and in01
        and np.all(np.isfinite(y_pred))
        and not np.any(_rows_sum_to_one(y_pred)[1])
        and _is_one_hot_rows(y_true)
    ):
        out.append(
            f"one-hot y_true and softmax-like y_pred look like classification: {name} is a "
            f"regression loss; softmax pairs with {_multiclass_loss()}."
        )
    return out
