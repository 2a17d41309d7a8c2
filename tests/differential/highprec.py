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

import math
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


def record(
    kind: str,
    name: str,
    where: str,
    service: Any,
    torch_: Any,
    ref: Any,
    verdict: str = "torch inaccurate",
) -> None:
    DISPUTES.append(
        {
            "kind": kind,
            "name": name,
            "where": where,
            "service": service,
            "torch": torch_,
            "reference": ref,
            "verdict": verdict,
        }
    )


# examples and seconds per family in this run (printed by conftest at the end)
RUNS: dict[str, dict[str, Any]] = {}


def _binary_focal(y: Mpf, z: Mpf, q: dict[str, Any]) -> Mpf:
    """Keras's binary focal crossentropy term: alpha_t (1 - p_t)^gamma bce, the labels
    smoothed towards 1/2, p = sigmoid(z) from logits, else the probability clipped to
    [epsilon, 1 - epsilon]."""
    ls = q.get("label_smoothing") or 0
    ys = y * (1 - ls) + ls / 2
    if q["from_logits"]:
        lp, lq = -mp.log1p(mp.exp(-z)), -mp.log1p(mp.exp(z))  # log p, log(1 - p)
        omp = ys / (1 + mp.exp(z)) + (1 - ys) / (1 + mp.exp(-z))
    else:
        eps = q["epsilon"]
        pc = min(max(z, eps), 1 - eps)
        lp, lq = mp.log(pc), mp.log1p(-pc)
        omp = ys * (1 - pc) + (1 - ys) * pc
    term = omp ** q["gamma"] * -(ys * lp + (1 - ys) * lq)
    if q["apply_class_balancing"]:
        term *= ys * q["alpha"] + (1 - ys) * (1 - q["alpha"])
    return term


# elementwise loss terms l(y, p) whose per-sample loss is the mean over the last axis
LOSS_MP: dict[str, Callable[[Mpf, Mpf, dict[str, Any]], Mpf]] = {
    "soft_margin": lambda y, p, q: mp.log1p(mp.exp(-y * p)),
    "log_cosh": lambda y, p, q: mp.log(mp.cosh(p - y)),
    "mse": lambda y, p, q: (p - y) ** 2,
    "binary_focal_crossentropy": _binary_focal,
}


def loss_term(
    name: str, y: float, p: float, dt: str, q: dict[str, Any] | None = None
) -> tuple[float, float] | None:
    """(l(y, p), dl/dp) rounded to ``dt`` for an elementwise loss with parameters ``q`` (the
    numbers as the dtype holds them), or None.

    An infinite y or p gives the value in mpmath's extended reals (the limit: soft_margin at
    y·p = +inf is log1p(exp(-inf)) = 0) and a NaN derivative (not a reference); NaN inputs,
    or an undefined value (inf - inf, 0·inf), give None."""
    f = LOSS_MP.get(name)
    if f is None or np.isnan(y) or np.isnan(p):
        return None
    prm = {
        k: _in_dt(v, dt) if isinstance(v, float) and not isinstance(v, bool) else v
        for k, v in (q or {}).items()
    }
    ym, pm = mp.mpf(float(y)), mp.mpf(float(p))
    if not (np.isfinite(y) and np.isfinite(p)):
        v = f(ym, pm, prm)
        return None if mp.isnan(v) else (_round(v, dt), float("nan"))
    # the step: relative to p (a probability's log varies on p's own scale), but at least
    # 1e-20 for logits (they vary on a scale of 1: a tiny logit's relative step would need
    # hundreds of digits)
    scale = max(abs(pm), 1) if prm.get("from_logits") else abs(pm)
    h = scale * mp.mpf(10) ** -20 if scale != 0 else mp.mpf(10) ** -30
    return _round(f(ym, pm, prm), dt), _round(mp.diff(lambda t: f(ym, t, prm), pm, h=h), dt)


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
        # logits vary on a scale of 1 (a tiny logit's relative step would need hundreds of
        # digits); a probability's log on the probability's own scale
        scale = max(abs(zm[j]), 1) if q["from_logits"] else abs(zm[j])
        h = scale * mp.mpf(10) ** -20 if scale != 0 else mp.mpf(10) ** -30

        def fj(u: Mpf, j: int = j) -> Mpf:
            return loss([u if k == j else zm[k] for k in range(c)])

        grad.append(_round(mp.diff(fj, zm[j], h=h), dt))
    return _round(loss(zm), dt), grad


def _row_mp(v: np.ndarray) -> list[Mpf]:
    return [mp.mpf(float(t)) for t in v]


def _in_dt(v: Any, dt: str) -> Mpf:
    """A parameter as the dtype holds it (the service and torch compute with it rounded)."""
    return mp.mpf(float(np.asarray(v, dtype=dt)))


RowRef = tuple[float, dict[str, list[float]]]


def _finite_mp(v: Mpf) -> bool:
    return not (mp.isnan(v) or mp.isinf(v))


def triplet_row(
    a: np.ndarray, pos: np.ndarray, neg: np.ndarray, q: dict[str, Any], dt: str
) -> RowRef | None:
    """(row loss, gradients for anchor, positive, negative) of triplet_margin, rounded to
    ``dt``: L = max(0, m + d(a, p) - d(a, n)), d(u, v) = ||w||_p with w = u - v + eps as the
    dtype rounds it (both sides norm that w); swap: d(a, n) -> min(d(a, n), d(p, n)), a tie
    splitting the gradient in half (at::min). d||w||_p/dw_j = sign(w_j) |w_j|^(p-1) /
    ||w||^(p-1), 0 at a zero distance (torch's norm backward) and at w_j = 0 for p < 1 —
    exact here where sum |w|^p overflows or float32 |w|^(p-1) underflows. Where w holds ±inf
    (an infinite input, or an overflowing difference) in a distance that carries the gradient,
    only the loss, in the extended reals (inf - inf is NaN). At the kink z = 0 the gradient
    passes (clamp_min, as torch and the service)."""
    p, m = mp.mpf(q["p"]), _in_dt(q["margin"], dt)
    e = np.asarray(q["eps"], dtype=dt)

    def w_of(u: np.ndarray, v: np.ndarray) -> list[Mpf]:
        with np.errstate(over="ignore", invalid="ignore"):
            return _row_mp((u.astype(dt) - v.astype(dt)) + e)

    def dist(w: list[Mpf]) -> tuple[Mpf, list[Mpf]]:
        n = mp.fsum(abs(v) ** p for v in w) ** (1 / p)
        if n == 0:
            return n, [mp.mpf(0)] * len(w)
        return n, [mp.sign(v) * (abs(v) / n) ** (p - 1) if v else mp.mpf(0) for v in w]

    def minus(wx: list[Mpf], wy: list[Mpf]) -> Mpf:
        """d(wx) - d(wy) to 60 digits of the difference itself: m + d_p - d_n at 60 digits
        loses m next to d ~ 1e199 (and two norms that differ in the 1830th digit)."""
        sx = mp.fsum(abs(v) ** p for v in wx)
        sy = mp.fsum(abs(v) ** p for v in wy)
        if not (_finite_mp(sx) and _finite_mp(sy)):
            return sx ** (1 / p) - sy ** (1 / p)  # inf - finite, inf - inf = NaN
        dd = mp.fsum(abs(u) ** p - abs(v) ** p for u, v in zip(wx, wy, strict=True))
        if sy == 0:
            return dd ** (1 / p)
        return sy ** (1 / p) * mp.expm1(mp.log1p(dd / sy) / p)

    wp, wan = w_of(a, pos), w_of(a, neg)
    wsw = w_of(pos, neg) if q["swap"] else []
    wa, wn, wneg = mp.mpf(1), mp.mpf(0), wan
    if q["swap"]:
        ns = minus(wan, wsw)  # d(a, n) - d(p, n); NaN: both infinite, either is the min
        wa = mp.mpf(1) if ns < 0 else (mp.mpf(0.5) if ns == 0 else mp.mpf(0))
        wn = 1 - wa
        wneg = wan if ns <= 0 else wsw
    z = m + minus(wp, wneg)
    loss = z if (mp.isnan(z) or z > 0) else mp.mpf(0)
    # the gradient needs the distances that carry it (a swap's larger one has no share)
    used = [wp, *([wan] if wa else []), *([wsw] if wn else [])]
    if mp.isnan(z) or not all(_finite_mp(v) for w in used for v in w):
        return _round(loss, dt), {}
    zero = [mp.mpf(0)] * len(wp)
    gp = dist(wp)[1]
    gn = dist(wan)[1] if wa else zero
    gs = dist(wsw)[1] if wn else zero
    act = 1 if z >= 0 else 0  # at the kink z = 0 clamp_min passes the gradient
    top = mp.mpf(float(np.finfo(dt).max))

    def el(u: Mpf, v: Mpf) -> float:
        """act (u + v) rounded; NaN where a term is beyond the dtype but the sum is not (the
        dtype cannot form it: p < 1 gradients (||w|| / |w_j|)^(1-p) overflow and cancel)."""
        total = act * (u + v)
        if act and max(abs(u), abs(v)) > top and abs(total) <= top:
            return float("nan")
        return _round(total, dt)

    return _round(loss, dt), {
        "anchor": [el(u, -wa * v) for u, v in zip(gp, gn, strict=True)],
        "positive": [el(-u, -wn * v) for u, v in zip(gp, gs, strict=True)],
        "negative": [el(wa * u, wn * v) for u, v in zip(gn, gs, strict=True)],
    }


def cosine_embedding_row(
    x1: np.ndarray, x2: np.ndarray, y: float, q: dict[str, Any], dt: str
) -> RowRef | None:
    """(row loss, gradients for x1 and x2) of cosine_embedding rounded to ``dt``: cos = x1.x2 /
    sqrt((|x1|^2 + eps)(|x2|^2 + eps)), eps = 1e-12 as a float32 (torch's constant); L = 1 -
    cos (y = 1), max(0, cos - m) (y = -1), 0 for other labels (±inf and NaN too: the loss
    does not depend on x there, the gradient is 0). The precision grows with |x|^2 / eps (1 -
    cos can be eps/|x|^2: the kink test cos = m needs it). None with non-finite x1 or x2."""
    if not (np.all(np.isfinite(x1)) and np.all(np.isfinite(x2))):
        return None
    if y not in (1.0, -1.0):
        return 0.0, {"x1": [0.0] * len(x1), "x2": [0.0] * len(x2)}
    big = max(float(np.max(np.abs(x1), initial=0.0)), float(np.max(np.abs(x2), initial=0.0)))
    extra = max(0, int(2 * math.log10(big)) + 13) if big > 0 else 0
    with mp.workdps(60 + extra):
        eps = mp.mpf(float(np.float32(1e-12)))
        a, b = _row_mp(x1), _row_mp(x2)
        m1 = mp.fsum(v * v for v in a) + eps
        m2 = mp.fsum(v * v for v in b) + eps
        den = mp.sqrt(m1 * m2)
        cos = mp.fsum(u * v for u, v in zip(a, b, strict=True)) / den
        if y == 1:
            loss, coef = 1 - cos, -1
        elif y == -1:  # at the kink z = 0 clamp_min passes the gradient (torch and the service)
            z = cos - _in_dt(q["margin"], dt)
            loss, coef = max(z, 0), (1 if z >= 0 else 0)
        else:
            loss, coef = mp.mpf(0), 0
        g1 = [_round(coef * (v / den - cos / m1 * u), dt) for u, v in zip(a, b, strict=True)]
        g2 = [_round(coef * (u / den - cos / m2 * v), dt) for u, v in zip(a, b, strict=True)]
        return _round(loss, dt), {"x1": g1, "x2": g2}


def gaussian_nll_row(
    x: np.ndarray, t: np.ndarray, var: np.ndarray, q: dict[str, Any], dt: str
) -> RowRef | None:
    """(row loss, gradients for y_pred and var) of gaussian_nll rounded to ``dt``: the mean
    over the row of (log v + (x - y)^2 / v) / 2 [+ log(2 pi) / 2], v = max(var, eps); the var
    gradient (1/v - (x - y)^2 / v^2) / 2C at the clamped v (torch clamps inside no_grad).
    Elementwise, so a row holding ±inf or NaN is evaluated in the extended reals (inf - inf
    is NaN; the clamp keeps NaN; v = 0, eps = 0 or below the dtype's smallest, divides to ±inf
    or NaN)."""
    eps = _in_dt(q["eps"], dt)
    c = len(x)
    vs = [v if (mp.isnan(v) or v >= eps) else eps for v in _row_mp(var)]
    # x - y as the dtype rounds it (both sides form it so): ±inf where it overflows
    with np.errstate(over="ignore", invalid="ignore"):
        es = _row_mp(x.astype(dt) - t.astype(dt))

    def div(a: Mpf, b: Mpf) -> Mpf:
        if b != 0:
            return a / b
        return mp.nan if (a == 0 or mp.isnan(a)) else mp.inf * mp.sign(a)

    half = mp.log(2 * mp.pi) / 2 if q["full"] else 0
    lv = [mp.log(v) if v else -mp.inf for v in vs]
    loss = mp.fsum((u + div(e * e, v)) / 2 + half for e, v, u in zip(es, vs, lv, strict=True)) / c
    return _round(loss, dt), {
        "y_pred": [_round(div(e, v) / c, dt) for e, v in zip(es, vs, strict=True)],
        "var": [
            _round((div(1, v) - div(e * e, v * v)) / 2 / c, dt) for e, v in zip(es, vs, strict=True)
        ],
    }


def multilabel_soft_margin_row(
    x: np.ndarray, t: np.ndarray, q: dict[str, Any], dt: str
) -> RowRef | None:
    """(row loss, y_pred gradient) of multilabel_soft_margin rounded to ``dt``: the mean over
    the row of w_c l_c, l = -(y log sigma(x) + (1 - y) log sigma(-x)), and the gradient
    (w_c / C)(sigma(x_c) - y_c). Elementwise, in the extended reals: a ±inf label gives a ∓inf
    gradient (inf - inf and 0·inf in the loss are NaN), where torch forms w_c / C first and a
    tiny class weight (5e-324 / 3) underflows to 0: 0·inf = NaN."""
    c = len(x)
    cw = q.get("class_weight")
    wv = np.ones(c) if cw is None else np.broadcast_to(np.asarray(cw, dtype=np.float64), (c,))
    ws = [_in_dt(v, dt) for v in wv]
    xs, ys = _row_mp(x), _row_mp(t)

    def logsig(v: Mpf) -> Mpf:
        return -mp.log1p(mp.exp(-v))

    loss = mp.fsum(
        w * -(y * logsig(v) + (1 - y) * logsig(-v)) for w, v, y in zip(ws, xs, ys, strict=True)
    )
    grad = [w * (1 / (1 + mp.exp(-v)) - y) / c for w, v, y in zip(ws, xs, ys, strict=True)]
    return _round(loss / c, dt), {"y_pred": [_round(g, dt) for g in grad]}


# ---- optimizers: one step in exact arithmetic from the inputs the service was given ----------

# (p_new, has, scale, {slot: (value, has, scale)})
StepRef = tuple[
    np.ndarray, np.ndarray, np.ndarray, dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
]
# one element: (p_new, its scale, {slot: (new value, its scale)})
ElemRef = tuple[Mpf, Mpf, dict[str, tuple[Mpf, Mpf]]]


def _decayed(p: Mpf, g: Mpf, hp: dict[str, Any], big: Mpf) -> Mpf | None:
    """torch's gradient as a step sees it: negated for ``maximize``, then weight decay
    added (coupled); None beyond ``big`` (the dtype's max: no finite arithmetic)."""
    if hp["maximize"]:
        g = -g
    g = g + mp.mpf(hp["weight_decay"]) * p
    return None if abs(g) > big else g


def _rmsprop_elem(
    p: Mpf, g: Mpf, s: dict[str, Mpf], hp: dict[str, Any], big: Mpf, fi: Any
) -> ElemRef | None:
    """(p_new, the scale of the rounded terms, the new state) of one RMSprop step, torch's
    definition; each slot with the scale of its own terms (a v − ḡ² that cancels to 0 at
    α = 0 gives g/ε, beyond float32: the momentum buffer is ±inf). A
    second moment beyond ``big`` (the dtype's max) is +inf, the catalog's overflow rule (and
    torch's): the gradient term g/(√v + ε) is 0; a gradient beyond it: None. A variance
    below the dtype's smallest normal number (``fi``: its ``np.finfo``) is held only to its
    smallest subnormal s, absolutely: g/√var is then known to a relative s/(2·var), twice
    which the scale allows."""
    a, lr, eps = mp.mpf(hp["alpha"]), mp.mpf(hp["lr"]), mp.mpf(hp["eps"])
    mu = mp.mpf(hp["momentum"])
    g = _decayed(p, g, hp, big)
    if g is None:
        return None
    v_in, m_in, b_in = (s.get(k, mp.mpf(0)) for k in ("square_avg", "grad_avg", "momentum_buffer"))
    v = a * v_in + (1 - a) * g * g
    slots = {"square_avg": (v, max(abs(a * v_in), abs((1 - a) * g * g)))}
    var = v
    if hp["centered"]:
        m = a * m_in + (1 - a) * g
        var = v - m * m
        slots["grad_avg"] = (m, max(abs(a * m_in), abs((1 - a) * g)))
    if var < 0:
        return None  # a stored state with v < ḡ²: no real variance
    step = 0 if v > big else g / (mp.sqrt(var) + eps)
    u = mu * b_in + step if mu > 0 else step
    lost_scale = mp.mpf(0)
    if 0 < var < float(fi.smallest_normal) and v <= big:
        lost = mp.mpf(float(fi.smallest_subnormal)) / (2 * var)
        # the test's tolerance is 64 ε of the scale (16 ULPs of 4 × scale): twice the loss
        lost_scale = abs(step) * lost / (32 * float(fi.eps))
    if mu > 0:
        slots["momentum_buffer"] = (u, max(abs(mu * b_in), abs(step), lost_scale))
    scale = max(abs(p), abs(lr * u), abs(lr * step), abs(lr) * lost_scale)
    return p - lr * u, scale, slots


def _asgd_elem(
    p: Mpf, g: Mpf, s: dict[str, Mpf], hp: dict[str, Any], big: Mpf, fi: Any
) -> ElemRef | None:
    """(p_new, the scale of the rounded terms, no state: ``_float64_step`` judges it) of one
    ASGD step, torch's
    ``_single_tensor_asgd``: the gradient negated for ``maximize``, weight decay added, then
    p(1 − λη) − ηg with η the stored rate (``lr`` before the first step). With a large lr the
    two terms nearly cancel (p ≈ ηg after a step of a clipped gradient): the step is
    accurate to ε of them, not of its small result."""
    lambd = mp.mpf(hp["lambd"])
    g = _decayed(p, g, hp, big)
    if g is None:
        return None
    eta = s.get("eta", mp.mpf(hp["lr"]))
    decayed, update = p * (1 - lambd * eta), eta * g
    return decayed - update, max(abs(p), abs(decayed), abs(update)), {}


OPT_STEP: dict[str, Callable[..., ElemRef | None]] = {
    "rmsprop": _rmsprop_elem,
    "asgd": _asgd_elem,
}


def optimizer_step(
    name: str,
    p: np.ndarray,
    g: np.ndarray,
    slots: dict[str, np.ndarray],
    hp: dict[str, Any],
    dt: str,
) -> StepRef | None:
    """One step of ``name`` from the parameters, (clipped) gradient and decoded state slots the
    service was given, elementwise in exact arithmetic, rounded to ``dt``: (p_new, has, scale,
    slots) with ``has`` False where there is no reference (a non-finite input, a second moment
    beyond the dtype's range: the catalog's overflow rule, not arithmetic), ``scale`` the
    largest term the step rounds (|p|, |η·update|) and ``slots`` the new state slots the
    reference computes, each as (value, has, scale). None without a reference for ``name``.

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
    new: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for i in range(pf.size):
        # a slot is per element, or one number for the tensor (ASGD's eta and mu)
        at = {k: v[i] if v.size == pf.size else v[0] for k, v in flat.items()}
        vals = [pf[i], gf[i], *at.values()]
        if not all(np.isfinite(vals)):
            continue
        s = {k: mp.mpf(float(v)) for k, v in at.items()}
        r = f(mp.mpf(float(pf[i])), mp.mpf(float(gf[i])), s, hp, big, np.finfo(dt))
        if r is None:
            continue
        out[i], has[i], scale[i] = _round(r[0], dt), True, float(r[1])
        for k, (value, sscale) in r[2].items():
            arrs = new.setdefault(
                k, (np.zeros(pf.size), np.zeros(pf.size, bool), np.zeros(pf.size))
            )
            arrs[0][i], arrs[1][i], arrs[2][i] = _round(value, dt), True, float(sscale)
    slots_out = {
        k: (v.reshape(shape), h.reshape(shape), c.reshape(shape)) for k, (v, h, c) in new.items()
    }
    return out.reshape(shape), has.reshape(shape), scale.reshape(shape), slots_out
