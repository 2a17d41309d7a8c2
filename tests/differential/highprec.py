"""High-precision references (mpmath, 60 digits) that decide service-vs-torch disputes.

When the service and torch differ beyond tolerance at a finite input, the test evaluates the
function here at the exact binary value of the input, rounds the result to the dtype and
requires the service to be within tolerance of *that*; the case is then recorded as "torch
inaccurate" (``DISPUTES``, printed at the end of the run by conftest). Without a reference
for the function, or when the service is also off, the case fails.

Formulas are the catalog's (torch's definitions); derivatives are ``mp.diff`` at 60 digits,
which is exact to far below float64 resolution away from the kinks (kinks are not disputed:
the test compares them by the catalog's kink convention).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import mpmath as mp
import numpy as np

mp.mp.dps = 60

DISPUTES: list[dict[str, Any]] = []

Mpf = Any
_F = Callable[[Mpf, dict[str, Any]], Mpf]


def _sig(x: Mpf) -> Mpf:
    return 1 / (1 + mp.exp(-x))


def _softplus(x: Mpf, b: float, th: float) -> Mpf:
    return x if b * x > th else mp.log1p(mp.exp(b * x)) / b


SELU_A, SELU_L = (
    mp.mpf("1.6732632423543772848170429916717"),
    mp.mpf("1.0507009873554804934193349852946"),
)

ACT_MP: dict[str, _F] = {
    "sigmoid": lambda x, p: _sig(x),
    "tanh": lambda x, p: mp.tanh(x),
    "elu": lambda x, p: x if x > 0 else p["alpha"] * mp.expm1(x),
    "selu": lambda x, p: SELU_L * (x if x > 0 else SELU_A * mp.expm1(x)),
    "celu": lambda x, p: x if x > 0 else p["alpha"] * mp.expm1(x / p["alpha"]),
    "gelu": lambda x, p: (
        x * (1 + mp.erf(x / mp.sqrt(2))) / 2
        if p["approximate"] == "none"
        else x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)))
    ),
    "silu": lambda x, p: x * _sig(x),
    "mish": lambda x, p: x * mp.tanh(mp.log1p(mp.exp(x))),
    "softplus": lambda x, p: _softplus(x, p["beta"], p["threshold"]),
    "softsign": lambda x, p: x / (1 + abs(x)),
    "log_sigmoid": lambda x, p: -mp.log1p(mp.exp(-x)),
    "tanh_shrink": lambda x, p: x - mp.tanh(x),
    "exponential": lambda x, p: mp.exp(x),
    "squareplus": lambda x, p: (x + mp.sqrt(x * x + p["b"])) / 2,
    "sparse_plus": lambda x, p: 0 if x <= -1 else (x if x >= 1 else (x + 1) ** 2 / 4),
}


def _round(v: Mpf, dt: str) -> float:
    with np.errstate(over="ignore"):
        return float(np.asarray(float(v), dtype=np.float64).astype(dt))


def activation(name: str, x: float, prm: dict[str, Any], dt: str) -> tuple[float, float] | None:
    """(f(x), f'(x)) rounded to ``dt``, or None where there is no reference."""
    f = ACT_MP.get(name)
    if f is None or not np.isfinite(x):
        return None
    q = {k: (mp.mpf(v) if isinstance(v, float) else v) for k, v in prm.items()}
    xm = mp.mpf(float(x))
    y = f(xm, q)
    h = abs(xm) * mp.mpf(10) ** -20 if xm != 0 else mp.mpf(10) ** -30
    d = mp.diff(lambda t: f(t, q), xm, h=h)
    return _round(y, dt), _round(d, dt)


def record(kind: str, name: str, where: str, service: Any, torch_: Any, ref: Any) -> None:
    DISPUTES.append(
        {
            "kind": kind,
            "name": name,
            "where": where,
            "service": service,
            "torch": torch_,
            "reference": ref,
            "verdict": "torch inaccurate",
        }
    )


# examples and seconds per family in this run (printed by conftest at the end)
RUNS: dict[str, dict[str, Any]] = {}


# elementwise loss terms l(y, p) whose per-sample loss is the mean over the last axis
LOSS_MP: dict[str, Callable[[Mpf, Mpf, dict[str, Any]], Mpf]] = {
    "soft_margin": lambda y, p, q: mp.log1p(mp.exp(-y * p)),
    "log_cosh": lambda y, p, q: mp.log(mp.cosh(p - y)),
    "mse": lambda y, p, q: (p - y) ** 2,
}


def loss_term(name: str, y: float, p: float, dt: str) -> tuple[float, float] | None:
    """(l(y, p), dl/dp) rounded to ``dt`` for an elementwise loss, or None."""
    f = LOSS_MP.get(name)
    if f is None or not (np.isfinite(y) and np.isfinite(p)):
        return None
    ym, pm = mp.mpf(float(y)), mp.mpf(float(p))
    h = abs(pm) * mp.mpf(10) ** -20 if pm != 0 else mp.mpf(10) ** -30
    return _round(f(ym, pm, {}), dt), _round(mp.diff(lambda t: f(ym, t, {}), pm, h=h), dt)


def categorical_focal_row(
    y: np.ndarray, z: np.ndarray, q: dict[str, Any], dt: str
) -> tuple[float, list[float]] | None:
    """(row loss, d loss / d y_pred) of categorical_focal_crossentropy, rounded to ``dt``.

    L = sum_j alpha (1 - p_j)^gamma (-t_j log p_j), t the smoothed labels, log p the
    log-softmax of the logits (or the log of the clipped probabilities). With one class and
    logits, log p = z - z = 0 for every z: L is identically 0 and so is its gradient (torch's
    autograd gives NaN there: gamma * 0^(gamma - 1) = inf times d(1 - p)/dz = 0)."""
    if not (np.all(np.isfinite(y)) and np.all(np.isfinite(z))):
        return None
    c = len(z)
    ls, g, a = mp.mpf(q["label_smoothing"] or 0), mp.mpf(q["gamma"]), mp.mpf(q["alpha"])
    t = [mp.mpf(float(v)) * (1 - ls) + ls / c for v in y]
    eps = mp.mpf(q.get("epsilon") or 0)

    def loss(zz: list[Mpf]) -> Mpf:
        if q["from_logits"]:
            m = max(zz)
            lse = m + mp.log(mp.fsum(mp.exp(v - m) for v in zz))
            lq = [v - lse for v in zz]
        else:
            lq = [mp.log(min(max(v, eps), 1 - eps)) for v in zz]
        return mp.fsum(
            a * (1 - mp.exp(lv)) ** g * (-tj * lv) if tj != 0 else mp.mpf(0)
            for lv, tj in zip(lq, t, strict=True)
        )

    zm = [mp.mpf(float(v)) for v in z]
    grad = []
    for j in range(c):
        h = abs(zm[j]) * mp.mpf(10) ** -20 if zm[j] != 0 else mp.mpf(10) ** -30

        def fj(u: Mpf, j: int = j) -> Mpf:
            return loss([u if k == j else zm[k] for k in range(c)])

        grad.append(_round(mp.diff(fj, zm[j], h=h), dt))
    return _round(loss(zm), dt), grad


def triplet_row(
    a: np.ndarray, pos: np.ndarray, neg: np.ndarray, q: dict[str, Any], dt: str
) -> dict[str, list[float]] | None:
    """Gradients of triplet_margin's row loss max(0, m + ||a - p + eps||_p - ||a - n + eps||_p)
    for anchor, positive, negative (swap off), rounded to ``dt``; None at the kink z = 0, at
    a zero distance (no gradient) or with non-finite inputs. d||w||_p/dw_j =
    sign(w_j) |w_j|^(p-1) / ||w||^(p-1), exact here where float32 underflows (torch: NaN)."""
    if q["swap"] or not all(np.all(np.isfinite(v)) for v in (a, pos, neg)):
        return None
    p, eps = mp.mpf(q["p"]), mp.mpf(float(np.asarray(q["eps"], dtype=dt)))

    def dist(w: list[Mpf]) -> tuple[Mpf, list[Mpf]]:
        n = mp.fsum(abs(v) ** p for v in w) ** (1 / p)
        return n, [mp.sign(v) * abs(v) ** (p - 1) / n ** (p - 1) for v in w] if n else []

    am, pm, nm = ([mp.mpf(float(v)) for v in x] for x in (a, pos, neg))
    dp, gp = dist([x - y + eps for x, y in zip(am, pm, strict=True)])
    dn, gn = dist([x - y + eps for x, y in zip(am, nm, strict=True)])
    z = mp.mpf(q["margin"]) + dp - dn
    if z == 0 or not gp or not gn:
        return None
    act = 1 if z > 0 else 0
    return {
        "anchor": [_round(act * (u - v), dt) for u, v in zip(gp, gn, strict=True)],
        "positive": [_round(-act * u, dt) for u in gp],
        "negative": [_round(act * v, dt) for v in gn],
    }


# ---- optimizers: one step in exact arithmetic from the inputs the service was given ----------

StepRef = tuple[np.ndarray, np.ndarray, np.ndarray]


def _rmsprop_elem(
    p: Mpf, g: Mpf, s: dict[str, Mpf], hp: dict[str, Any], big: Mpf
) -> tuple[Mpf, Mpf] | None:
    """(p_new, the scale of the rounded terms) of one RMSprop step, torch's definition. A
    second moment beyond ``big`` (the dtype's max) is +inf, the catalog's overflow rule (and
    torch's): the gradient term g/(√v + ε) is 0; a gradient beyond it: None."""
    a, lr, eps = mp.mpf(hp["alpha"]), mp.mpf(hp["lr"]), mp.mpf(hp["eps"])
    mu, wd = mp.mpf(hp["momentum"]), mp.mpf(hp["weight_decay"])
    if hp["maximize"]:
        g = -g
    g = g + wd * p
    if abs(g) > big:
        return None
    v = a * s.get("square_avg", 0) + (1 - a) * g * g
    var = v
    if hp["centered"]:
        m = a * s.get("grad_avg", 0) + (1 - a) * g
        var = v - m * m
    if var < 0:
        return None  # a stored state with v < ḡ²: no real variance
    step = 0 if v > big else g / (mp.sqrt(var) + eps)
    u = mu * s.get("momentum_buffer", 0) + step if mu > 0 else step
    return p - lr * u, max(abs(p), abs(lr * u), abs(lr * step))


OPT_STEP: dict[str, Callable[..., tuple[Mpf, Mpf] | None]] = {"rmsprop": _rmsprop_elem}


def optimizer_step(
    name: str,
    p: np.ndarray,
    g: np.ndarray,
    slots: dict[str, np.ndarray],
    hp: dict[str, Any],
    dt: str,
) -> StepRef | None:
    """One step of ``name`` from the parameters, (clipped) gradient and decoded state slots the
    service was given, elementwise in exact arithmetic, rounded to ``dt``: (p_new, has, scale)
    with ``has`` False where there is no reference (a non-finite input, a second moment beyond
    the dtype's range: the catalog's overflow rule, not arithmetic) and ``scale`` the largest
    term the step rounds (|p|, |η·update|). None without a reference for ``name``.

    The state is the one the service stored (rounded to the dtype), so the reference is the
    exact value of this step, not of a trajectory with unrounded state."""
    f = OPT_STEP.get(name)
    if f is None:
        return None
    big = mp.mpf(float(np.finfo(dt).max))
    shape = np.shape(p)
    flat = {k: np.asarray(v, dtype=np.float64).reshape(-1) for k, v in slots.items()}
    pf, gf = np.asarray(p, np.float64).reshape(-1), np.asarray(g, np.float64).reshape(-1)
    out, has, scale = np.zeros(pf.size), np.zeros(pf.size, bool), np.zeros(pf.size)
    for i in range(pf.size):
        vals = [pf[i], gf[i], *(v[i] for v in flat.values())]
        if not all(np.isfinite(vals)):
            continue
        s = {k: mp.mpf(float(v[i])) for k, v in flat.items()}
        r = f(mp.mpf(float(pf[i])), mp.mpf(float(gf[i])), s, hp, big)
        if r is None:
            continue
        out[i], has[i], scale[i] = _round(r[0], dt), True, float(r[1])
    return out.reshape(shape), has.reshape(shape), scale.reshape(shape)
