"""Loss curves: the loss and its gradient as one prediction sweeps a range, the target fixed.

The loss itself comes from the registry through :func:`evaluate_loss` (``reduction="none"``,
one sample per point), so a curve can never disagree with ``POST /v1/losses/{name}``. What
this module adds is how one number ``x`` becomes a prediction row, per label kind:

* ``regression`` (``y_true`` real or a count): ``y_pred = [x]`` against ``y_true = [t]``,
  one series for the target ``t`` (default 1). ``dL/dx`` is the loss's gradient.
* ``binary`` (labels 0/1, or -1/+1 for the margin losses): ``y_pred = [x]`` holds p, the
  logit (``from_logits``) or the score, one series per label.
* ``categorical`` (one-hot, index or distribution targets): two classes, ``x`` is the
  prediction for class 1 and class 0 takes the rest of the row: ``[1 - x, x]`` for
  probabilities, ``[0, x]`` for logits/scores, ``[log(1 - e^x), x]`` for log-probabilities.
  One series per true class (0 and 1); ``dL/dx`` applies the chain rule through that row
  (``g1 - g0`` for probabilities, ``g1`` for logits, ``g1 - g0 e^x / (1 - e^x)`` for
  log-probabilities).

The default range depends on what ``x`` is (probabilities [0.001, 0.999], logits [-6, 6],
real values t ± 3, ...); probabilities must stay in [0, 1], log-probabilities at or below 0
and rates at or above 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from service.compute.errors import ComputeError, InvalidInputError
from service.compute.losses import LOSSES, MoreLoss, evaluate_loss, resolve_loss_params
from service.compute.losses._core import InputKind, Loss

__all__ = ["CurveKind", "CurveSeries", "LossCurve", "loss_curve"]

CurveKind = Literal["regression", "binary", "categorical"]

# what x is, per input kind (for labels and plots)
VARIABLES: dict[str, str] = {
    "real": "y_pred",
    "rate": "y_pred (rate)",
    "log_rate": "y_pred (log rate)",
    "probabilities": "p",
    "logits": "logit z",
    "scores": "score",
    "log_probabilities": "log p",
}
# the sweep's domain (inclusive) and default range; regression ranges centre on the target
DOMAINS: dict[str, tuple[float, float]] = {
    "probabilities": (0.0, 1.0),
    "log_probabilities": (-np.inf, 0.0),
    "rate": (0.0, np.inf),
}
DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "probabilities": (0.001, 0.999),
    "logits": (-6.0, 6.0),
    "scores": (-3.0, 3.0),
    "log_probabilities": (-7.0, -0.001),
    "rate": (0.05, 5.0),
    "log_rate": (-3.0, 3.0),
}
DEFAULT_TARGET = 1.0


@dataclass
class CurveSeries:
    y_true: float
    label: str
    loss: np.ndarray
    grad: np.ndarray


@dataclass
class LossCurve:
    name: str
    kind: CurveKind
    variable: str
    params: dict[str, Any]
    x: np.ndarray
    series: list[CurveSeries]
    warnings: list[str] = field(default_factory=list)


def curve_kind(entry: Loss) -> CurveKind:
    if entry.label_kind in ("real", "count"):
        return "regression"
    if entry.label_kind in ("binary", "pm1"):
        return "binary"
    return "categorical"


def _targets(entry: Loss, kind: CurveKind, y_true: float | None) -> list[float]:
    if kind == "regression":
        t = DEFAULT_TARGET if y_true is None else y_true
        if not np.isfinite(t):
            raise InvalidInputError(f"expected a finite y_true, got {t}", ("query", "y_true"))
        return [t]
    labels = [-1.0, 1.0] if entry.label_kind == "pm1" else [0.0, 1.0]
    if y_true is None:
        return labels
    if y_true not in labels:
        shown = " or ".join(f"{v:g}" for v in labels)
        raise InvalidInputError(
            f"expected y_true {shown} for {entry.name} (or none for both), got {y_true:g}",
            ("query", "y_true"),
        )
    return [y_true]


def _row(entry: Loss, kind: CurveKind, ik: InputKind, x: np.ndarray, t: float) -> Any:
    """(y_true, y_pred, dx) for the sweep: dx maps the row gradient to dL/dx."""
    n = x.size
    if kind != "categorical":
        return np.full((n, 1), t), x[:, None], lambda g: g[:, 0]
    cls = int(t)
    if entry.sparse:
        y: np.ndarray = np.full(n, cls)
    else:
        y = np.zeros((n, 2))
        y[:, cls] = 1.0
    if ik == "probabilities":
        return y, np.stack([1.0 - x, x], axis=1), lambda g: g[:, 1] - g[:, 0]
    if ik == "log_probabilities":
        with np.errstate(divide="ignore", invalid="ignore"):
            rest = np.log(-np.expm1(x))
            ratio = np.exp(x) / -np.expm1(x)
        return y, np.stack([rest, x], axis=1), lambda g: g[:, 1] - g[:, 0] * ratio
    return y, np.stack([np.zeros(n), x], axis=1), lambda g: g[:, 1]


def _series_label(entry: Loss, kind: CurveKind, t: float) -> str:
    if kind == "regression":
        return f"y_true = {t:g}"
    if kind == "categorical":
        return f"true class {int(t)}"
    return f"y_true = {t:g}"


def loss_curve(
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    y_true: float | None = None,
    start: float | None = None,
    stop: float | None = None,
    num: int = 200,
) -> LossCurve:
    """Sample loss ``name`` and dL/dx on ``linspace(start, stop, num)`` (module docstring).

    Raises UnknownNameError, or InvalidInputError with ``loc`` in the query: a parameter, an
    empty or non-finite range, a range outside the sweep's domain, a label the loss does not
    take."""
    entry = LOSSES.get(name, ("path", "name"))
    if isinstance(entry, MoreLoss):  # issue 12: extra tensor fields; parameters for a curve
        if entry.inputs != ("y_pred",):
            raise InvalidInputError(
                f"{entry.name} takes the tensor fields {', '.join(entry.inputs)}: a curve "
                "sweeps y_pred alone; evaluate it with POST /v1/losses/{name}",
                ("path", "name"),
            )
        params = {**entry.curve_params, **(params or {})}
    try:
        prm = resolve_loss_params(entry, name, params)
    except ComputeError as err:  # the parameters came as query arguments
        if err.loc[:1] == ("params",):
            err.loc = ("query", *err.loc[1:])
        raise
    kind = curve_kind(entry)
    ik = entry.input_kind_for(prm)
    targets = _targets(entry, kind, y_true)
    lo_default, hi_default = DEFAULT_RANGES.get(ik, (targets[0] - 3.0, targets[0] + 3.0))
    a = lo_default if start is None else float(start)
    b = hi_default if stop is None else float(stop)
    if not (np.isfinite(a) and np.isfinite(b) and a < b):
        raise InvalidInputError(
            f"expected finite start < stop, got start={a:g}, stop={b:g}", ("query", "start")
        )
    lo, hi = DOMAINS.get(ik, (-np.inf, np.inf))
    if a < lo or b > hi:
        raise InvalidInputError(
            f"expected {VARIABLES[ik]} within [{lo:g}, {hi:g}], got [{a:g}, {b:g}]",
            ("query", "start" if a < lo else "stop"),
        )
    x = np.linspace(a, b, num)
    series: list[CurveSeries] = []
    warnings: list[str] = []
    for t in targets:
        yt, yp, dx = _row(entry, kind, ik, x, t)
        res = evaluate_loss(name, yt, yp, params, reduction="none")
        with np.errstate(invalid="ignore", over="ignore"):
            grad = np.asarray(dx(res.grad), dtype=np.float64)
        series.append(CurveSeries(t, _series_label(entry, kind, t), res.per_sample, grad))
        warnings += [w for w in res.warnings if w not in warnings]
    shown = {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in prm.items()}
    return LossCurve(entry.name, kind, VARIABLES[ik], shown, x, series, warnings)
