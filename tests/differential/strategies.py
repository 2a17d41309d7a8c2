"""Hypothesis strategies for the differential test, generated from the registries.

Parameters come from each entry's ``ParamSpec`` (type, default, bounds, exclusivity, choices,
nullability), never from a list of names: a parameter added to an entry is drawn by the next
run. Values mix the default, the bounds, points just inside exclusive bounds and uniform draws
over the declared range (a half-open range is capped at ``10·max(1, |default|)`` past its
bound, so that ``t0 = 1e6`` and ``lr = 1e-3`` are both exercised at their own scale).
Combinations torch or the service refuse (``min_val ≥ max_val``, Rprop's ``etas``, SGD's
Nesterov without momentum) are rejected by the test, not filtered here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from service.compute.params import ParamSpec

# finite magnitudes from subnormal to near overflow of each dtype, and the kink points
SPECIALS = [0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 6.0, 0.5, -0.5, 20.0, 1e-30, -1e-300]
EXTREME = {
    "float64": [1e300, -1e300, 1e154, -1e154, 5e-324, -1e-310, 1e19, -2e19, 700.0, -745.0],
    "float32": [3e38, -3e38, 1e19, -2e19, 1e-45, -1e-40, 88.0, -104.0, 1e30, -1e30],
}
NONFINITE = [np.nan, np.inf, -np.inf]


def finite(dt: str) -> st.SearchStrategy[float]:
    big = 1e300 if dt == "float64" else 3e38
    return st.one_of(
        st.floats(-10, 10),
        st.floats(-1e3, 1e3),
        st.sampled_from(SPECIALS),
        st.floats(-1e30, 1e30),
        st.sampled_from(EXTREME[dt]),
        st.floats(-big, big),
    )


def values(dt: str, nonfinite: bool) -> st.SearchStrategy[float]:
    return st.one_of(finite(dt), st.sampled_from(NONFINITE)) if nonfinite else finite(dt)


def cast(vals: list[float], shape: tuple[int, ...], dt: str) -> np.ndarray:
    with np.errstate(over="ignore"):
        return np.asarray(vals, dtype=np.float64).reshape(shape).astype(dt)


def _span(spec: ParamSpec) -> float:
    d = spec.default
    d = abs(float(d)) if isinstance(d, int | float) and not isinstance(d, bool) else 1.0
    return 10.0 * max(1.0, d)


def float_param(spec: ParamSpec, lo: float | None, hi: float | None) -> st.SearchStrategy[float]:
    ex_lo, ex_hi = spec.exclusive_minimum, spec.exclusive_maximum
    span = _span(spec)
    a = lo if lo is not None else (-span if hi is None else hi - span)
    b = hi if hi is not None else a + span
    special: list[float] = []
    if lo is not None and not ex_lo:
        special.append(lo)
    if hi is not None and not ex_hi:
        special.append(hi)
    d = spec.default
    if isinstance(d, int | float) and not isinstance(d, bool):
        special.append(float(d))
    for v in (0.0, 1e-3, 0.5, 1.0, 2.0, 1e-8):  # small values at any range's scale
        if (a < v < b) or (v == a and not ex_lo) or (v == b and not ex_hi):
            special.append(v)
    if lo is not None and ex_lo:
        special.append(lo + max(1e-12, abs(lo) * 1e-12))
    if hi is not None and ex_hi:
        special.append(float(np.nextafter(hi, -np.inf)))
    uniform = st.floats(a, b, exclude_min=ex_lo, exclude_max=ex_hi)
    return st.one_of(st.sampled_from(sorted(set(special))), uniform) if special else uniform


def int_param(spec: ParamSpec) -> st.SearchStrategy[int]:
    d = int(spec.default) if isinstance(spec.default, int) else 0
    lo = int(spec.minimum) if spec.minimum is not None else min(d, -3)
    hi = int(spec.maximum) if spec.maximum is not None else max(lo + 4, 5)
    out = st.integers(lo, hi)
    if spec.minimum is None or spec.maximum is None:
        out = st.one_of(st.just(d), out)
    return out


def tensor_param(spec: ParamSpec, length: int) -> st.SearchStrategy[Any]:
    """A number or one value per class/channel, within the spec's bounds."""
    lo = spec.minimum if spec.minimum is not None else -2.0
    hi = spec.maximum if spec.maximum is not None else lo + 5.0
    one = st.one_of(st.sampled_from(sorted({lo, 1.0, 0.5})), st.floats(lo, hi))
    return st.one_of(one, st.lists(one, min_size=length, max_size=length))


def param(spec: ParamSpec, length: int = 1) -> st.SearchStrategy[Any]:
    """One value for ``spec`` (``length``: classes or channels of a tensor parameter)."""
    t = spec.type
    if t == "bool":
        s: st.SearchStrategy[Any] = st.booleans()
    elif t == "str":
        s = st.sampled_from(list(spec.choices or (spec.default,)))
    elif t == "int":
        s = int_param(spec)
    elif t == "float":
        s = float_param(spec, spec.minimum, spec.maximum)
    elif t == "float_pair":
        lo, hi = spec.minimum, spec.maximum
        part = float_param(spec, lo, hi)
        first: st.SearchStrategy[Any] = (
            st.one_of(st.none(), part) if spec.nullable and spec.default[0] is None else part
        )
        s = st.tuples(first, part).map(list)
        s = st.one_of(st.just(list(spec.default)), s)
    elif t == "tensor":
        s = tensor_param(spec, length)
    else:
        raise AssertionError(f"no strategy for ParamSpec type {t!r}")
    if spec.nullable and t != "float_pair":
        s = st.one_of(st.none(), s)
    return s


def params(specs: tuple[ParamSpec, ...], data: Any, length: int = 1) -> dict[str, Any]:
    """Every parameter: the default (a third of the time) or a draw from its spec."""
    out: dict[str, Any] = {}
    for spec in specs:
        if data.draw(st.integers(0, 2), label=f"{spec.name}?") == 0:
            d = spec.default
            out[spec.name] = list(d) if isinstance(d, tuple) else d
        else:
            out[spec.name] = data.draw(param(spec, length), label=spec.name)
    return out
