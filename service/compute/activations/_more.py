"""The activations that complete the union of torch, Keras and jax.nn (issue 12).

* ``log1mexp`` (jax.nn.log1mexp): log(1 - e^{-x}), elementwise, defined for x >= 0.
* ``gumbel_softmax`` (torch.nn.functional.gumbel_softmax): softmax((x + g) / tau) along
  ``axis`` with Gumbel noise g, optionally hard (straight-through one-hot). The noise is a
  parameter (``gumbels``, x's shape) so that results are reproducible and comparable with
  torch: torch draws ``g = -log(Exponential(1))`` from its own generator; pass that tensor to
  get torch's numbers. Without it, ``g`` is drawn from NumPy's PCG64 with ``seed``, and
  with neither ``g = 0`` (the tempered softmax softmax(x / tau)): the entry stays a pure
  function of x, which is what gradients, Jacobians and finite differences need.

Registered here, where defined.
"""

from __future__ import annotations

import math
from typing import cast as typed

import numpy as np

from service.compute.activations._core import (
    ACTIVATIONS,
    NO_TORCH,
    Activation,
    Array,
    Params,
    cast,
    from_moved,
    normalize_axis,
    quiet,
)
from service.compute.activations._elementwise import elementwise
from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite

LOG2 = math.log(2.0)

# --------------------------------------------------------------------------------------------
# log1mexp


def _log1mexp_f(x: Array, p: Params) -> Array:
    """jax.nn.log1mexp: log(-expm1(-x)) below log 2, log1p(-exp(-x)) above (no cancellation)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        small = np.log(-np.expm1(-x))
        large = np.log1p(-np.exp(-x))
    return typed(Array, np.where(x < LOG2, small, large))


def _log1mexp_df(x: Array, p: Params) -> Array:
    """f'(x) = e^{-x} / (1 - e^{-x}) = 1 / expm1(x): +inf at 0, NaN below (outside the domain)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        d = 1.0 / np.expm1(x)
    return np.where(x < 0, np.nan, d)


def _log1mexp_d2f(x: Array, p: Params) -> Array:
    """f''(x) = -e^x / expm1(x)^2 = 1 / (expm1(x) expm1(-x)): -inf at 0, -> 0 as x -> inf."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        d = 1.0 / (np.expm1(x) * np.expm1(-x))
    return np.where(x < 0, np.nan, d)


LOG1MEXP = elementwise(
    "log1mexp",
    nonfinite=NonFinite(
        "NaN → NaN; +inf → 0 with derivative 0; x = 0 → −inf with derivative +inf; x < 0 "
        "(−inf too) is outside the domain: NaN value and derivative",
        NO_TORCH + " (jax.nn.log1mexp gives the same values; its gradient below 0 is the "
        "finite 1/expm1(x), NaN here)",
    ),
    aliases=("Log1mexp", "log1m_exp"),
    f=_log1mexp_f,
    df=_log1mexp_df,
    d2f=_log1mexp_d2f,
    formula=r"f(x) = \log(1 - e^{-x}) = \begin{cases}\log(-\operatorname{expm1}(-x)) & x < "
    r"\log 2 \\ \operatorname{log1p}(-e^{-x}) & x \ge \log 2\end{cases}",
    derivative_formula=r"f'(x) = \frac{1}{e^{x} - 1}",
    second_derivative_formula=r"f''(x) = -\frac{e^{x}}{(e^{x} - 1)^2}",
    output_range="(-inf, 0) for x > 0",
    zero_centered=False,
    monotonic=True,
    smooth=True,
    kinks="none on (0, inf); f(0) = -inf, f'(0) = +inf; undefined (NaN) for x < 0",
    use="log-probability of the complement, log(1 - p) for p = e^{-x} (survival models, "
    "log-space probabilities)",
    torch_name=None,
    keras_name=None,
    differences="jax.nn.log1mexp only (torch and keras have none), same switch at log 2 "
    "(Maechler's rule). Below 0 jax's gradient is the finite 1/expm1(x) beside a NaN value; "
    "here both are NaN.",
    test_params=({},),
    domain=(0.0, np.inf),
)

# --------------------------------------------------------------------------------------------
# gumbel_softmax


def _noise(x: Array, p: Params) -> Array:
    g = p.get("gumbels")
    if g is None and p.get("seed") is None:
        return np.zeros_like(x)  # no noise: the tempered softmax, a pure function of x
    if g is None:
        rng = np.random.default_rng(int(p["seed"]))
        e = rng.standard_exponential(x.shape)
        return cast(-np.log(e), x.dtype)
    ga = np.asarray(g, dtype=x.dtype)
    if ga.shape != x.shape:
        raise InvalidInputError(
            f"expected gumbels of x's shape {tuple(x.shape)}, got {tuple(ga.shape)}",
            ("params", "gumbels"),
        )
    return ga


def _soft(z: Array) -> Array:
    m = np.max(z, axis=-1, keepdims=True, initial=-np.inf)
    with np.errstate(invalid="ignore"):
        e = np.exp(z - m)
        return typed(Array, e / e.sum(axis=-1, keepdims=True))


def _moved(x: Array, p: Params, axis: int) -> tuple[int, Array]:
    a = normalize_axis(x, axis)
    z = (x + _noise(x, p)) / x.dtype.type(p["tau"])
    return a, np.moveaxis(z, a, -1)


def _gumbel_forward(x: Array, p: Params, axis: int = -1) -> Array:
    a, zm = _moved(x, p, axis)
    with quiet():
        y = _soft(zm)
        if p["hard"]:  # torch: y_hard - y_soft.detach() + y_soft (straight-through)
            idx = np.argmax(y, axis=-1)[..., None]
            hard = np.zeros_like(y)
            np.put_along_axis(hard, idx, 1.0, axis=-1)
            hard = propagate_nan_rows(y, hard)
            y = (hard - y) + y
    return cast(np.moveaxis(y, -1, a), x.dtype)


def propagate_nan_rows(y: Array, hard: Array) -> Array:
    """A NaN slice stays NaN in the hard one-hot (argmax would pick an index)."""
    bad = np.isnan(y).any(axis=-1, keepdims=True)
    return np.where(bad, np.nan, hard).astype(y.dtype, copy=False) if bad.any() else hard


def _gumbel_vjp(x: Array, g: Array, p: Params, axis: int = -1) -> Array:
    a, zm = _moved(x, p, axis)
    gm = np.moveaxis(g, a, -1)
    with quiet(), np.errstate(invalid="ignore"):
        s = _soft(zm)
        r = s * (gm - (gm * s).sum(axis=-1, keepdims=True)) / x.dtype.type(p["tau"])
    return cast(np.moveaxis(r, -1, a), x.dtype)


def _gumbel_jacobian(x: Array, p: Params, axis: int = -1) -> Array:
    a, zm = _moved(x, p, axis)
    with quiet(), np.errstate(invalid="ignore"):
        s = _soft(zm)
        jm = -s[..., :, None] * s[..., None, :]
        n = s.shape[-1]
        idx = np.arange(n)
        jm[..., idx, idx] += s
        jm = jm / x.dtype.type(p["tau"])
    return cast(from_moved(jm, a), x.dtype)


GUMBEL_SOFTMAX = ACTIVATIONS.register(
    Activation(
        name="gumbel_softmax",
        aliases=("GumbelSoftmax",),
        kind="vector",
        params=(
            ParamSpec("tau", 1.0, "temperature (> 0)", minimum=0.0, exclusive_minimum=True),
            ParamSpec(
                "hard",
                False,
                "one-hot of the arg max in the forward pass, the soft gradient in the "
                "backward (straight-through, as torch)",
                type="bool",
            ),
            ParamSpec(
                "gumbels",
                None,
                "the Gumbel noise g, x's shape (torch draws -log(Exponential(1)); pass it to "
                "reproduce torch). null: drawn from NumPy PCG64 with `seed`, or no noise (g = "
                "0) when seed is null too",
                type="tensor",
                nullable=True,
            ),
            ParamSpec(
                "seed",
                None,
                "seed of NumPy's PCG64 for the noise when gumbels is null (null: no noise)",
                type="int",
                minimum=0,
                nullable=True,
            ),
        ),
        formula=r"y = \operatorname{softmax}\Big(\frac{x + g}{\tau}\Big),\ g = -\log E,\ E "
        r"\sim \operatorname{Exp}(1);\ \text{hard: } y = \operatorname{onehot}(\arg\max y)",
        derivative_formula=r"J_{ij} = \frac{s_i(\delta_{ij} - s_j)}{\tau},\ s = "
        r"\operatorname{softmax}((x + g)/\tau)\ (\text{also when hard: straight-through})",
        output_range="probability simplex along axis (one-hot when hard)",
        zero_centered=False,
        monotonic=False,
        smooth=True,
        kinks="smooth in x for fixed noise; the hard forward jumps where the arg max changes "
        "but its gradient is the soft one",
        use="differentiable sampling of categorical variables (discrete latent variables, "
        "architecture search)",
        torch_name="torch.nn.functional.gumbel_softmax",
        keras_name=None,
        differences="torch only (dim=-1, tau=1, hard=False; eps is deprecated and unused). The "
        "noise is the parameter gumbels (or drawn with seed) instead of torch's generator; "
        "with torch's noise the numbers agree; with neither gumbels nor seed there is no "
        "noise. The hard value is computed as torch's "
        "(y_hard - y_soft) + y_soft.",
        forward=_gumbel_forward,
        derivative=None,
        vjp=_gumbel_vjp,
        jacobian=_gumbel_jacobian,
        param_grads=None,
        nonfinite=NonFinite(
            "x + g − max is taken first (as softmax): a slice holding NaN or +inf, or only "
            "−inf, is NaN throughout (hard too); −inf next to finite entries gives 0",
            "agrees on values; torch's hard one-hot of a NaN slice picks an index, NaN here",
        ),
        test_params=({"tau": 0.5},),  # hard: its gradient is not that of its value
    )
)

__all__ = ["GUMBEL_SOFTMAX", "LOG1MEXP"]
