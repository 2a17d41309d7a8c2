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
