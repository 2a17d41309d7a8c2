"""Elementwise activations: y_i = f(x_i), each with its derivative beside it.

Conventions shared by every entry here (tested over the registry):

* NaN in -> NaN out, for the value and for the derivative (PyTorch's backward kernels give 0, 1
  or the slope at NaN depending on how the branch test is written; we return NaN).
* ±inf in -> the limit of f and of f' (sigmoid(inf) = 1, silu(-inf) = 0, softsign(inf) = 1,
  silu'(inf) = 1). Where a PyTorch kernel computes ``-inf * 0`` and returns NaN (silu, mish,
  gelu, hardswish at -inf; softsign at ±inf; silu'/mish'/gelu' at ±inf) we return the limit.
* Gradients at kinks follow PyTorch: relu'(0) = 0,
  leaky_relu'(0) = alpha, elu'(0) = alpha, hard_tanh'(min_val) = hard_tanh'(max_val) = 0, ...
* Constants are float64 from their definitions (1/6, sqrt(2/pi), SELU's alpha and scale) and are
  cast once to the compute dtype; float32 input is computed in float32.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any
from typing import cast as typed

import numpy as np
from scipy import special

from service.compute.activations._core import (
    ACTIVATIONS,
    ELEMENTWISE_RULE,
    NO_TORCH,
    Activation,
    Array,
    CheckParams,
    KinkPoints,
    ParamGrads,
    Params,
    _no_kinks,
    cast,
    clip_mag,
    diag_jacobian,
    nan_derivative,
    propagate_nan,
    quiet,
    x_times,
)
from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite
from service.compute.variants import Variant

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
INV_SQRT_2 = 1.0 / math.sqrt(2.0)
INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
GELU_TANH_COEF = 0.044715
# beyond |x| = SATURATE the derivatives below have reached their limit in float64 and float32
SATURATE = 1.0e3

Fn = Callable[[Array, Params], Array]


def elementwise(
    name: str,
    *,
    f: Fn,
    df: Fn,
    aliases: tuple[str, ...] = (),
    params: tuple[ParamSpec, ...] = (),
    kink_points: KinkPoints = _no_kinks,
    param_grads: ParamGrads | None = None,
    check_params: CheckParams | None = None,
    d2f: Fn | None = None,
    **meta: Any,
) -> Activation:
    """Build an elementwise entry from ``f`` and ``f'`` (both ``(x, p) -> array``).

    ``d2f`` is ``f''`` (torch's double backward, its kink conventions; NaN in -> NaN out like
    ``f'``); pass its LaTeX as ``second_derivative_formula``.
    """

    def forward(x: Array, p: Params, axis: int = -1) -> Array:
        with quiet():
            y = f(x, p)
        return propagate_nan(x, cast(y, x.dtype))

    def derivative(x: Array, p: Params) -> Array:
        with quiet():
            d = df(x, p)
        if np.shape(d) != x.shape:  # a constant derivative (linear, step) comes as a scalar
            d = np.broadcast_to(d, x.shape)
        return propagate_nan(x, cast(d, x.dtype))

    def vjp(x: Array, g: Array, p: Params, axis: int = -1) -> Array:
        d = derivative(x, p)
        with np.errstate(invalid="ignore", over="ignore"):  # 0 * inf = NaN, as autograd
            return cast(g * d, x.dtype)

    def jacobian(x: Array, p: Params, axis: int = -1) -> Array:
        return diag_jacobian(derivative(x, p), axis)

    second = None
    if d2f is not None:
        d2 = d2f

        def second(x: Array, p: Params) -> Array:
            with quiet(), np.errstate(invalid="ignore"):
                d = d2(x, p)
            return propagate_nan(x, cast(np.broadcast_to(d, x.shape), x.dtype))

    entry = Activation(
        name=name,
        aliases=aliases,
        kind="elementwise",
        params=params,
        forward=forward,
        derivative=derivative,
        vjp=vjp,
        jacobian=jacobian,
        param_grads=param_grads,
        kink_points=kink_points,
        check_params=check_params,
        second=second,
        pointwise=(f, df),
        **meta,
    )
    return ACTIVATIONS.register(entry)


def _ind(cond: Array) -> Array:
    return cond.astype(np.float64)


def _finite_slope(a: float, x: Array) -> Array:
    """a * x with 0 * (-inf) taken as 0 (a slope of 0 makes the negative side exactly 0).

    The slope is taken in x's dtype: a float64 slope below float32's smallest subnormal
    (|a| < 7e-46) is 0 in float32, so the negative side is 0 there too, up to x = -inf.
    """
    ad = x.dtype.type(a)
    if ad == 0:
        return np.zeros_like(x)
    return typed(Array, ad * x)


# --------------------------------------------------------------------------------------------
# parameter specs

_ALPHA_LEAKY = ParamSpec(
    "alpha",
    0.1,
    "slope for x < 0 (the textbook max(0.1x, x)); PyTorch's default is 0.01, "
    "keras.activations' 0.2",
    aliases=("negative_slope",),
)


def _lambd(desc: str) -> ParamSpec:
    return ParamSpec("lambd", 0.5, desc, minimum=0.0, aliases=("threshold", "lambda"))


# --------------------------------------------------------------------------------------------
# prelu: the one learnable parameter


def _prelu_alpha(x: Array, p: Params) -> Array:
    """alpha broadcast against x by PyTorch's F.prelu rule.

    A single value applies everywhere; otherwise alpha is 1-D with one value per channel and the
    channel dim is dim 1 (x of ndim < 2 has no channel dim, i.e. 1 channel).
    """
    a = p["alpha"]
    if not isinstance(a, np.ndarray):
        return np.asarray(a, dtype=x.dtype)
    a = a.astype(x.dtype, copy=False)
    if a.size == 1:
        return a.reshape(())
    if a.ndim != 1:
        raise InvalidInputError(
            f"expected alpha as a number or a 1-D tensor with one value per channel, "
            f"got shape {tuple(a.shape)}",
            ("params", "alpha"),
        )
    channels = x.shape[1] if x.ndim >= 2 else 1
    if a.shape[0] != channels:
        raise InvalidInputError(
            f"expected alpha with 1 or {channels} values (x's channel dim is dim 1 as in "
            f"torch.nn.functional.prelu; x of fewer than 2 dims has 1 channel), "
            f"got {a.shape[0]} values for x of shape {tuple(x.shape)}",
            ("params", "alpha"),
        )
    return a.reshape((channels,) + (1,) * (x.ndim - 2))


def _prelu_f(x: Array, p: Params) -> Array:
    a = _prelu_alpha(x, p)
    with np.errstate(invalid="ignore"):
        neg = a * x
    neg = np.where((a == 0) & np.isneginf(x), 0.0, neg)
    return np.where(x > 0, x, neg)


def _prelu_df(x: Array, p: Params) -> Array:
    a = _prelu_alpha(x, p)
    return np.where(x > 0, np.asarray(1, dtype=x.dtype), a)


def _prelu_param_grads(x: Array, g: Array, p: Params, axis: int = -1) -> dict[str, Array]:
    """dL/dalpha = sum of g * min(0, x) over the elements that share each alpha value."""
    a = p["alpha"]
    _prelu_alpha(x, p)  # shape check
    with np.errstate(invalid="ignore", over="ignore"):
        contrib = g * np.where(x > 0, np.asarray(0, dtype=x.dtype), x)
    if isinstance(a, np.ndarray) and a.size != 1:  # per channel (also 0 channels: size 0)
        axes = tuple(i for i in range(x.ndim) if i != 1)
        with np.errstate(invalid="ignore", over="ignore"):
            ga = contrib.sum(axis=axes)
        return {"alpha": cast(ga, x.dtype)}
    with np.errstate(invalid="ignore", over="ignore"):
        total = np.asarray(contrib.sum(), dtype=x.dtype)
    shape = a.shape if isinstance(a, np.ndarray) else ()
    return {"alpha": total.reshape(shape)}


# --------------------------------------------------------------------------------------------
# smooth sigmoid-like helpers


def _sech2(u: Array) -> Array:
    """sech^2(u) = 4 sigma(2u) sigma(-2u), accurate where 1 - tanh^2 cancels."""
    return 4.0 * special.expit(2.0 * u) * special.expit(-2.0 * u)


def _gelu_f(x: Array, p: Params) -> Array:
    if p["approximate"] == "tanh":
        u = SQRT_2_OVER_PI * (x + GELU_TANH_COEF * x * x * x)
        # 0.5 (1 + tanh(u)) = sigma(2u): no cancellation for x << 0
        return x_times(x, special.expit(2.0 * u))
    return x_times(x, 0.5 * special.erfc(-x * INV_SQRT_2))


def _gelu_df(x: Array, p: Params) -> Array:
    xc = clip_mag(x, SATURATE)
    if p["approximate"] == "tanh":
        u = SQRT_2_OVER_PI * (xc + GELU_TANH_COEF * xc * xc * xc)
        du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_TANH_COEF * xc * xc)
        s = special.expit(2.0 * u)
        return typed(Array, s + xc * 2.0 * du * s * special.expit(-2.0 * u))
    return typed(
        Array, 0.5 * special.erfc(-xc * INV_SQRT_2) + xc * INV_SQRT_2PI * np.exp(-0.5 * xc * xc)
    )


def _gelu_df_no_inner(x: Array, p: Params) -> Array:
    """gelu' written without the inner factor du/dx of the chain rule (a verify variant)."""
    if p["approximate"] == "tanh":
        u = SQRT_2_OVER_PI * (x + GELU_TANH_COEF * x * x * x)
        return typed(Array, 0.5 * (1.0 + np.tanh(u)) + 0.5 * x * _sech2(u))
    return typed(
        Array, 0.5 * special.erfc(-x * INV_SQRT_2) + x * np.exp(-0.5 * x * x) / math.sqrt(math.pi)
    )


def _silu_df(x: Array, p: Params) -> Array:
    xc = clip_mag(x, SATURATE)
    s = special.expit(xc)
    return typed(Array, s + xc * s * special.expit(-xc))


def _softplus0(x: Array) -> Array:
    """log(1 + e^x) = max(x, 0) + log1p(e^-|x|) (np.logaddexp warns on NaN input)."""
    return typed(Array, np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x))))


def _mish_f(x: Array, p: Params) -> Array:
    return x_times(x, np.tanh(_softplus0(x)))


def _mish_df(x: Array, p: Params) -> Array:
    xc = clip_mag(x, SATURATE)
    sp = _softplus0(xc)
    return typed(Array, np.tanh(sp) + xc * _sech2(sp) * special.expit(xc))


def _softplus_f(x: Array, p: Params) -> Array:
    beta, thr = p["beta"], p["threshold"]
    bx = beta * x
    return np.where(bx > thr, x, _softplus0(bx) / beta)


def _softplus_df(x: Array, p: Params) -> Array:
    beta, thr = p["beta"], p["threshold"]
    bx = beta * x
    return np.where(bx > thr, 1.0, special.expit(bx))


def _softsign_f(x: Array, p: Params) -> Array:
    with np.errstate(invalid="ignore"):
        y = x / (1.0 + np.abs(x))
    return typed(Array, np.where(np.isinf(x), np.sign(x), y))


def _squareplus_c(x: Array, p: Params) -> Any:
    """c = sqrt(b) in x's dtype (0 where b is 0, or too small for the dtype: relu there)."""
    return x.dtype.type(math.sqrt(p["b"]))


def _squareplus_f(x: Array, p: Params) -> Array:
    c = _squareplus_c(x, p)
    if c == 0:
        return typed(Array, np.maximum(x, 0.0))
    s = np.hypot(x, c)
    # x + s cancels for x << 0: use (x + s)(s - x) = b = c², as c·(c / (s - x)) so that
    # neither b nor a product of small quantities underflows (c / (s - x) ≤ 1)
    with np.errstate(invalid="ignore", divide="ignore"):  # only in the branch not taken
        return typed(Array, 0.5 * np.where(x >= 0, x + s, c * (c / (s - x))))


def _squareplus_df(x: Array, p: Params) -> Array:
    c = _squareplus_c(x, p)
    if c == 0:
        return np.where(x > 0, 1.0, np.where(x < 0, 0.0, 0.5))
    xc = clip_mag(x, math.sqrt(float(np.finfo(x.dtype).max)))  # keeps x / s finite
    s = np.hypot(xc, c)
    # x < 0: 1 + x/s = b / (s (s - x)) = (c / s)(c / (s - x)), both ratios in (0, 1]: a
    # tiny b and x (float32 b = 4e-94 rounds c to 0 only below 7e-46) do not give 0/0
    with np.errstate(divide="ignore", invalid="ignore"):  # only in the branch not taken
        return typed(Array, 0.5 * np.where(xc >= 0, 1.0 + xc / s, (c / s) * (c / (s - xc))))


def _hard_swish_f(x: Array, p: Params) -> Array:
    return x_times(x, np.clip(x + 3.0, 0.0, 6.0)) / 6.0


def _hard_swish_df(x: Array, p: Params) -> Array:
    return np.where(x <= -3.0, 0.0, np.where(x < 3.0, x / 3.0 + 0.5, 1.0))


def _check_hard_tanh(p: Params) -> None:
    if p["min_val"] > p["max_val"]:
        raise InvalidInputError(
            f"expected min_val <= max_val, got {p['min_val']!r} > {p['max_val']!r}",
            ("params", "max_val"),
        )


def _check_rrelu(p: Params) -> None:
    if p["lower"] > p["upper"]:
        raise InvalidInputError(
            f"expected lower <= upper, got lower={p['lower']!r} > upper={p['upper']!r}",
            ("params", "upper"),
        )


# CELU divides by alpha: 1/alpha must be finite in float32 as well (torch keeps it as a float32
# constant), so |alpha| must be at least float32's smallest normal, 2**-126 ~ 1.18e-38
_CELU_MIN_ALPHA = 2.0**-126


def _check_celu(p: Params) -> None:
    a = float(p["alpha"])
    if not abs(a) >= _CELU_MIN_ALPHA:
        raise InvalidInputError(
            f"expected |alpha| >= {_CELU_MIN_ALPHA!r} (CELU divides by alpha; 1/alpha must be "
            f"finite in float32), got {a!r}",
            ("params", "alpha"),
        )


def _rrelu_slope(p: Params) -> float:
    return 0.5 * (float(p["lower"]) + float(p["upper"]))


def _sparse_sigmoid_df(x: Array, p: Params) -> Array:
    inside = (x > -1.0) & (x < 1.0)
    edge = (x == -1.0) | (x == 1.0)
    return np.where(inside, 0.5, np.where(edge, 0.25, 0.0))


# --------------------------------------------------------------------------------------------
# second derivatives (torch double backward; 0 off the kinks of piecewise-linear functions)


def _zero2(x: Array, p: Params) -> Array:
    """f'' of a piecewise-linear (or piecewise-constant) f: 0 everywhere, kinks included.

    torch's double backward of relu, leaky_relu, prelu, rrelu, relu6, hardtanh, softshrink,
    hardshrink and threshold is 0 at every x (their backward masks the gradient, and the mask
    has no derivative); hardsigmoid has no double backward in torch (0 here).
    """
    return np.zeros_like(x)


def _sigmoid_d2(x: Array, p: Params) -> Array:
    """sigma(x) sigma(-x) (1 - 2 sigma(x)), with 1 - 2 sigma(x) = -tanh(x / 2) (no cancellation)."""
    return -special.expit(x) * special.expit(-x) * np.tanh(0.5 * x)


def _tanh_d2(x: Array, p: Params) -> Array:
    return typed(Array, -2.0 * np.tanh(x) * _sech2(x))


def _neg_exp_branch(scale: float, rate: float) -> Fn:
    """scale * exp(rate x) for x < 0, 0 for x >= 0 (elu family: torch gives 0 at x = 0)."""

    def d2(x: Array, p: Params) -> Array:
        return np.where(x < 0, scale * np.exp(rate * np.minimum(x, 0.0)), 0.0)

    return d2


def _elu_d2(x: Array, p: Params) -> Array:
    return _neg_exp_branch(float(p["alpha"]), 1.0)(x, p)


def _celu_d2(x: Array, p: Params) -> Array:
    a = float(p["alpha"])
    return _neg_exp_branch(1.0 / a, 1.0 / a)(x, p)


def _gelu_d2(x: Array, p: Params) -> Array:
    xc = clip_mag(x, SATURATE)
    if p["approximate"] == "tanh":
        u = SQRT_2_OVER_PI * (xc + GELU_TANH_COEF * xc * xc * xc)
        du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_TANH_COEF * xc * xc)
        ddu = SQRT_2_OVER_PI * 6.0 * GELU_TANH_COEF * xc
        t = special.expit(2.0 * u) * special.expit(-2.0 * u)
        return typed(Array, t * (4.0 * du + 2.0 * xc * ddu - 4.0 * xc * du * du * np.tanh(u)))
    return typed(Array, INV_SQRT_2PI * np.exp(-0.5 * xc * xc) * (2.0 - xc * xc))


def _silu_d2(x: Array, p: Params) -> Array:
    xc = clip_mag(x, SATURATE)
    return special.expit(xc) * special.expit(-xc) * (2.0 - xc * np.tanh(0.5 * xc))


def _mish_d2(x: Array, p: Params) -> Array:
    """h s (2 + x (1 - s - 2 t s)) with t = tanh(sp(x)), h = sech^2(sp(x)), s = sigma(x)."""
    xc = clip_mag(x, SATURATE)
    sp = _softplus0(xc)
    s = special.expit(xc)
    return typed(
        Array,
        _sech2(sp) * s * (2.0 + xc * (special.expit(-xc) - 2.0 * np.tanh(sp) * s)),
    )


def _softplus_d2(x: Array, p: Params) -> Array:
    """beta sigma(bx) sigma(-bx) below the threshold; 0 from beta x = threshold on (torch's
    double backward tests >=, its backward >, so f''(t / beta) = 0 while f'(t / beta) is the
    log branch's)."""
    beta, thr = p["beta"], p["threshold"]
    bx = beta * x
    return np.where(bx >= thr, 0.0, beta * special.expit(bx) * special.expit(-bx))


def _softsign_d2(x: Array, p: Params) -> Array:
    a = 1.0 + np.abs(x)
    return typed(Array, -2.0 * np.sign(x) / (a * a * a))


def _interval2(lo: float, hi: float, value: float) -> Fn:
    """``value`` on the open interval (lo, hi), 0 elsewhere (kinks included)."""

    def d2(x: Array, p: Params) -> Array:
        return np.where((x > lo) & (x < hi), value, 0.0)

    return d2


def _squareplus_d2(x: Array, p: Params) -> Array:
    c = _squareplus_c(x, p)
    if c == 0:
        return np.zeros_like(x)
    s = np.hypot(x, c)
    r = c / s
    return typed(Array, 0.5 * (r * r) / s)  # b / (2 s³) without underflow of b or s³


# --------------------------------------------------------------------------------------------
# the entries

STEP = elementwise(
    "step",
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0",
    nonfinite=NonFinite(ELEMENTWISE_RULE, NO_TORCH),
    aliases=("heaviside", "binary_step"),
    f=lambda x, p: _ind(x > 0),
    df=lambda x, p: np.zeros_like(x),
    kink_points=lambda p: [0.0],
    formula=r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    derivative_formula=r"f'(x) = 0 \quad (x \ne 0;\ \text{taken as } 0 \text{ at } 0)",
    output_range="{0, 1}",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="f jumps at 0; f'(x) = 0 everywhere including 0 (no gradient flows: the "
    "perceptron's activation)",
    use="historical perceptron output for binary decisions; not trainable by backpropagation",
    torch_name=None,
    keras_name=None,
    differences="Not an activation in torch, keras or jax (torch.heaviside(x, 0) gives the same "
    "values; its gradient is not implemented). step(0) = 0 by definition here.",
)

LINEAR = elementwise(
    "linear",
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0",
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("identity", "Identity"),
    f=lambda x, p: x.copy(),
    df=lambda x, p: np.ones_like(x),
    formula=r"f(x) = x",
    derivative_formula=r"f'(x) = 1",
    output_range="(-inf, inf)",
    zero_centered=True,
    monotonic=True,
    smooth=True,
    kinks="",
    use="output layer for regression; no non-linearity",
    torch_name="torch.nn.Identity",
    keras_name="keras.activations.linear",
    differences="Same everywhere (jax.nn.identity).",
)

SIGMOID = elementwise(
    "sigmoid",
    variants=(
        Variant(
            "missing_chain_rule_factor",
            "matches σ(x) where σ'(x) = σ(x)(1 − σ(x)) is meant: the factor 1 − σ(x) is missing",
            derivative=lambda x, p: special.expit(x),
        ),
        Variant(
            "missing_chain_rule_factor",
            "matches 1 − σ(x) where σ'(x) = σ(x)(1 − σ(x)) is meant: the factor σ(x) is missing",
            derivative=lambda x, p: special.expit(-x),
        ),
    ),
    d2f=_sigmoid_d2,
    second_derivative_formula=r"\sigma''(x) = \sigma(x)\,(1 - \sigma(x))\,(1 - 2\sigma(x))",
    nonfinite=NonFinite(ELEMENTWISE_RULE, "agrees"),
    aliases=("Sigmoid", "logistic"),
    f=lambda x, p: special.expit(x),
    df=lambda x, p: special.expit(x) * special.expit(-x),
    formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    derivative_formula=r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x)) = \sigma(x)\,\sigma(-x)",
    output_range="(0, 1)",
    zero_centered=False,
    monotonic=True,
    smooth=True,
    kinks="",
    use="output layer for binary / multi-label classification; gates in LSTM/GRU",
    torch_name="torch.sigmoid",
    keras_name="keras.activations.sigmoid",
    differences="Same definition everywhere. The derivative is computed as sigma(x) sigma(-x), "
    "accurate for large x where torch's s (1 - s) loses relative precision.",
)

TANH = elementwise(
    "tanh",
    d2f=_tanh_d2,
    second_derivative_formula=r"\tanh''(x) = -2\tanh(x)\operatorname{sech}^2(x)",
    nonfinite=NonFinite(ELEMENTWISE_RULE, "agrees"),
    aliases=("Tanh",),
    f=lambda x, p: np.tanh(x),
    df=lambda x, p: _sech2(x),
    formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    derivative_formula=r"\tanh'(x) = 1 - \tanh^2(x) = \operatorname{sech}^2(x)",
    output_range="(-1, 1)",
    zero_centered=True,
    monotonic=True,
    smooth=True,
    kinks="",
    use="hidden layers (zero-centred), RNN cell outputs",
    torch_name="torch.tanh",
    keras_name="keras.activations.tanh",
    differences="Same everywhere. The derivative is computed as 4 sigma(2x) sigma(-2x), "
    "accurate in the tails where 1 - tanh^2 cancels.",
)

RELU = elementwise(
    "relu",
    d2f=_zero2,
    second_derivative_formula=(
        r"f''(x) = 0 \quad (\text{also at } 0\text{: torch's double"
        r" backward})"
    ),
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("ReLU",),
    f=lambda x, p: np.maximum(x, 0.0),
    df=lambda x, p: _ind(x > 0),
    kink_points=lambda p: [0.0],
    formula=r"f(x) = \max(0, x)",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    output_range="[0, inf)",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="relu'(0) = 0 (PyTorch, jax)",
    use="default hidden-layer activation for MLPs and CNNs",
    torch_name="torch.nn.functional.relu",
    keras_name="keras.activations.relu",
    differences="keras.activations.relu(x, negative_slope, max_value, threshold) is a "
    "generalised leaky/clipped/thresholded relu; with its defaults it equals this one. "
    "Gradient at 0 is 0 in torch and jax.",
)

LEAKY_RELU = elementwise(
    "leaky_relu",
    variants=tuple(
        Variant(
            f"leaky_slope_{slope}",
            f"matches leaky_relu with negative slope {slope} ({why}) instead of {{alpha}}",
            params={"alpha": slope},
        )
        for slope, why in (
            (0.01, "PyTorch's and JAX's default negative slope"),
            (0.2, "Keras' leaky_relu default negative slope"),
            (0.3, "keras.layers.LeakyReLU's default negative slope"),
        )
    ),
    test_params=(
        {"alpha": 0.01},
        {"negative_slope": 0.2},
        {"alpha": 0.0},
        {"alpha": 1.7},
    ),
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{also at } 0)",
    nonfinite=NonFinite(
        ELEMENTWISE_RULE,
        "at -inf with alpha = 0 torch gives NaN (0 * -inf) and this service 0, the limit "
        "(also in float32 with |alpha| < 7e-46, which rounds to 0 there); "
        "values agree elsewhere; the derivative at NaN is alpha in torch (its backward tests "
        "x > 0, which NaN fails) and NaN here",
    ),
    aliases=("LeakyReLU", "leaky"),
    params=(_ALPHA_LEAKY,),
    f=lambda x, p: np.where(x > 0, x, _finite_slope(p["alpha"], x)),
    df=lambda x, p: np.where(x > 0, 1.0, p["alpha"]),
    kink_points=lambda p: [0.0],
    formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}"
    r"\quad (= \max(\alpha x, x) \text{ for } 0 \le \alpha \le 1)",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
    output_range="(-inf, inf) for alpha > 0",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="leaky_relu'(0) = alpha (PyTorch tests x > 0); jax and keras-on-jax give 1",
    use="hidden layers where dying ReLUs are a concern; GAN discriminators",
    torch_name="torch.nn.functional.leaky_relu",
    keras_name="keras.activations.leaky_relu",
    differences="Default slope: 0.1 here (the textbook max(0.1x, x)); PyTorch and jax "
    "0.01; keras.activations.leaky_relu 0.2; keras.layers.LeakyReLU 0.3. Gradient at 0: torch "
    "alpha, jax 1.",
)

PRELU = elementwise(
    "prelu",
    test_params=(
        {"alpha": -0.5},
        {"alpha": 0.0},
        {"weight": 2.0},
    ),
    d2f=_zero2,
    second_derivative_formula=r"\frac{\partial^2 f}{\partial x^2} = 0 \quad (\text{also at } 0)",
    nonfinite=NonFinite(
        ELEMENTWISE_RULE + "; param_grads: NaN where a NaN x (or g) is summed in",
        "at -inf with a slope a of 0 in the dtype (a = 0, or float32 with |a| < 7e-46) "
        "torch gives NaN (0 * -inf) and this service 0, the limit; values agree elsewhere; "
        "the derivative at NaN is a in torch (its backward tests x > 0, which NaN fails) "
        "and NaN here",
    ),
    aliases=("PReLU",),
    params=(
        ParamSpec(
            "alpha",
            0.25,
            "learnable slope for x <= 0: one number, or a 1-D tensor with one value per "
            "channel (channel dim = 1, as torch.nn.functional.prelu)",
            type="tensor",
            aliases=("weight", "negative_slope"),
            learnable=True,
        ),
    ),
    f=_prelu_f,
    df=_prelu_df,
    param_grads=_prelu_param_grads,
    kink_points=lambda p: [0.0],
    formula=r"f(x) = \max(0, x) + a \min(0, x)",
    derivative_formula=r"\frac{\partial f}{\partial x} = \begin{cases} 1 & x > 0 \\ a & x \le 0"
    r"\end{cases}, \quad \frac{\partial L}{\partial a_c} = \sum_{i \in c} g_i \min(0, x_i)",
    output_range="(-inf, inf) for a > 0",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="prelu'(0) = a (PyTorch: x > 0 ? 1 : a)",
    use="hidden layers of CNNs (learned leak, He et al. 2015)",
    torch_name="torch.nn.functional.prelu",
    keras_name="keras.layers.PReLU",
    differences="PyTorch: nn.PReLU(num_parameters=1, init=0.25), per-channel weight on dim 1; "
    "x with fewer than 2 dims has one channel. Keras has only the layer, with alpha initialised "
    "to 0 and shared_axes instead of a channel dim. `axis` is not used: the channel dim is "
    "always dim 1.",
)

ELU = elementwise(
    "elu",
    test_params=(
        {"alpha": 0.5},
        {"alpha": 2.0},
        {"alpha": -1.0},
    ),
    d2f=_elu_d2,
    second_derivative_formula=(
        r"f''(x) = \begin{cases} 0 & x \ge 0 \\ \alpha e^{x} & x < 0"
        r" \end{cases}"
    ),
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("ELU",),
    params=(ParamSpec("alpha", 1.0, "value approached as x -> -inf is -alpha"),),
    f=lambda x, p: np.where(x > 0, x, p["alpha"] * np.expm1(np.minimum(x, 0.0))),
    df=lambda x, p: np.where(x > 0, 1.0, p["alpha"] * np.exp(np.minimum(x, 0.0))),
    kink_points=lambda p: [0.0],
    formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
    output_range="(-alpha, inf)",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="elu'(0) = alpha (negative branch includes 0, as torch and jax); f' is continuous "
    "only when alpha = 1",
    use="hidden layers; pushes mean activations towards 0",
    torch_name="torch.nn.functional.elu",
    keras_name="keras.activations.elu",
    differences="alpha = 1.0 in torch, keras and jax. Same gradient at 0 (alpha).",
)

SELU = elementwise(
    "selu",
    d2f=_neg_exp_branch(SELU_SCALE * SELU_ALPHA, 1.0),
    second_derivative_formula=(
        r"f''(x) = \lambda \begin{cases} 0 & x \ge 0 \\ \alpha e^{x}"
        r" & x < 0 \end{cases}"
    ),
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("λ = 1.0507009873554805")),
    aliases=("SELU",),
    f=lambda x, p: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0.0))),
    df=lambda x, p: SELU_SCALE * np.where(x > 0, 1.0, SELU_ALPHA * np.exp(np.minimum(x, 0.0))),
    kink_points=lambda p: [0.0],
    formula=r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases},"
    r"\ \alpha = 1.6732632423543772,\ \lambda = 1.0507009873554805",
    derivative_formula=r"f'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0"
    r"\end{cases}",
    output_range="(-lambda*alpha, inf) = (-1.7580993408473766, inf)",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="selu'(0) = lambda*alpha = 1.7580993408473766 (torch and jax)",
    use="self-normalising networks (with lecun_normal init and alpha dropout)",
    torch_name="torch.nn.functional.selu",
    keras_name="keras.activations.selu",
    differences="Identical constants in torch, keras and jax; here computed in float64 from "
    "their 32-digit definitions.",
)

CELU = elementwise(
    "celu",
    test_params=(
        {"alpha": 0.5},
        {"alpha": 3.0},
    ),
    second_kink_points=lambda p: [0.0],
    d2f=_celu_d2,
    second_derivative_formula=(
        r"f''(x) = \begin{cases} 0 & x \ge 0 \\ e^{x/\alpha}/\alpha &"
        r" x < 0 \end{cases}"
    ),
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("CELU",),
    params=(
        ParamSpec(
            "alpha", 1.0, "scale of the negative branch; |alpha| >= 2**-126 (not 0 or subnormal)"
        ),
    ),
    check_params=_check_celu,
    f=lambda x, p: np.where(x > 0, x, p["alpha"] * np.expm1(np.minimum(x, 0.0) / p["alpha"])),
    df=lambda x, p: np.where(x > 0, 1.0, np.exp(np.minimum(x, 0.0) / p["alpha"])),
    formula=r"f(x) = \max(0, x) + \min(0, \alpha (e^{x/\alpha} - 1))",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
    output_range="(-alpha, inf)",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="C^1: celu'(0) = 1 from both sides (torch, jax); f'' jumps at 0 unless alpha = 1",
    use="hidden layers; ELU made continuously differentiable for any alpha",
    torch_name="torch.nn.functional.celu",
    keras_name="keras.activations.celu",
    differences="alpha = 1.0 everywhere; torch raises for alpha = 0; this service refuses "
    "|alpha| < 2**-126 (1/alpha overflows float32: torch gives NaN there).",
)

GELU = elementwise(
    "gelu",
    variants=(
        Variant(
            "gelu_tanh_approximation",
            "matches the tanh approximation 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) (the default "
            "of jax.nn.gelu and keras.ops.gelu) instead of the exact x·Φ(x)",
            params={"approximate": "tanh"},
        ),
        Variant(
            "gelu_exact",
            "matches the exact gelu x·Φ(x) instead of the tanh approximation asked for",
            params={"approximate": "none"},
        ),
        Variant(
            "missing_chain_rule_factor",
            "matches gelu's derivative with Φ'(x) written as e^(−x²/2)/√π, the derivative of "
            "erf(u) without the inner factor du/dx = 1/√2 of u = x/√2",
            derivative=_gelu_df_no_inner,
            when={"approximate": "none"},
        ),
        Variant(
            "missing_chain_rule_factor",
            "matches gelu's derivative without the inner factor du/dx = √(2/π)(1 + 3·0.044715x²) "
            "of u = √(2/π)(x + 0.044715x³): 0.5(1 + tanh u) + 0.5x·sech²(u)",
            derivative=_gelu_df_no_inner,
            when={"approximate": "tanh"},
        ),
    ),
    test_params=({"approximate": "tanh"},),
    d2f=_gelu_d2,
    second_derivative_formula=(
        r"\text{none: } \varphi(x)\,(2 - x^2);\quad \text{tanh: } T\,(4u' + 2xu'' -"
        r" 4xu'^2\tanh u),\ T = \sigma(2u)\sigma(-2u)"
    ),
    nonfinite=NonFinite(
        ELEMENTWISE_RULE,
        "differs at ±inf: torch gives NaN for gelu(-inf) and for the derivative at ±inf (-inf * "
        "0); the limits 0, and 1 at +inf / 0 at -inf, here",
    ),
    aliases=("GELU",),
    params=(
        ParamSpec(
            "approximate",
            "none",
            "'none': exact x Phi(x) with erf; 'tanh': the tanh approximation",
            type="str",
            choices=("none", "tanh"),
        ),
    ),
    f=_gelu_f,
    df=_gelu_df,
    formula=r"\text{none: } x\,\Phi(x) = \tfrac{x}{2}\operatorname{erfc}(-x/\sqrt{2});\quad"
    r"\text{tanh: } \tfrac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715 x^{3})\right)"
    r"\right)",
    derivative_formula=r"\text{none: } \Phi(x) + x\,\varphi(x);\quad \text{tanh: } \sigma(2u) + "
    r"2 x\,u'\,\sigma(2u)\,\sigma(-2u),\ u = \sqrt{2/\pi}(x + 0.044715x^3)",
    output_range="[-0.16997, inf)",
    zero_centered=False,
    monotonic=False,
    smooth=True,
    kinks="",
    use="hidden layers of transformers (BERT, GPT)",
    torch_name="torch.nn.functional.gelu",
    keras_name="keras.activations.gelu",
    differences="Default exact ('none') in torch and keras.activations (approximate=False); "
    "jax.nn.gelu and keras.ops.gelu default to the tanh approximation. sqrt(2/pi) is computed "
    "in float64. The tanh form is evaluated as x sigma(2u) (equal to x(1 + tanh u)/2 without "
    "cancellation for x << 0).",
)

SILU = elementwise(
    "silu",
    d2f=_silu_d2,
    second_derivative_formula=r"f''(x) = \sigma(x)(1 - \sigma(x))\,(2 + x(1 - 2\sigma(x)))",
    nonfinite=NonFinite(
        ELEMENTWISE_RULE,
        "differs at ±inf: torch gives NaN for silu(-inf) and for the derivative at ±inf (-inf * "
        "0); the limits 0, and 1 at +inf / 0 at -inf, here",
    ),
    aliases=("swish", "SiLU", "Swish"),
    f=lambda x, p: x_times(x, special.expit(x)),
    df=_silu_df,
    formula=r"f(x) = x\,\sigma(x)",
    derivative_formula=r"f'(x) = \sigma(x)\,(1 + x\,(1 - \sigma(x)))",
    output_range="[-0.27846, inf)",
    zero_centered=False,
    monotonic=False,
    smooth=True,
    kinks="",
    use="hidden layers (EfficientNet, many modern CNNs and LLM MLPs)",
    torch_name="torch.nn.functional.silu",
    keras_name="keras.activations.silu",
    differences="No beta parameter in torch, keras or jax (swish = silu). torch returns NaN at "
    "x = -inf (-inf * 0); the limit 0 is returned here.",
)

MISH = elementwise(
    "mish",
    variants=(
        Variant(
            "missing_chain_rule_factor",
            "matches tanh(sp(x)) + x·sech²(sp(x)) where mish'(x) = tanh(sp(x)) + "
            "x·sech²(sp(x))·σ(x) is meant (sp = softplus): the inner factor sp'(x) = σ(x) is "
            "missing",
            derivative=lambda x, p: np.tanh(_softplus0(x)) + x * _sech2(_softplus0(x)),
        ),
    ),
    d2f=_mish_d2,
    second_derivative_formula=(
        r"f''(x) = \operatorname{sech}^2(\operatorname{sp})\,\sigma\,(2 + x(1 - \sigma -"
        r" 2\tanh(\operatorname{sp})\,\sigma)),\ \operatorname{sp} ="
        r" \operatorname{softplus}(x)"
    ),
    nonfinite=NonFinite(
        ELEMENTWISE_RULE,
        "differs at ±inf: torch gives NaN for mish(-inf) and for the derivative at ±inf (-inf * "
        "0); the limits 0, and 1 at +inf / 0 at -inf, here",
    ),
    aliases=("Mish",),
    f=_mish_f,
    df=_mish_df,
    formula=r"f(x) = x \tanh(\operatorname{softplus}(x))",
    derivative_formula=r"f'(x) = \tanh(\operatorname{sp}(x)) + x\,\operatorname{sech}^2"
    r"(\operatorname{sp}(x))\,\sigma(x)",
    output_range="[-0.30884, inf)",
    zero_centered=False,
    monotonic=False,
    smooth=True,
    kinks="",
    use="hidden layers (YOLOv4 and other detection CNNs)",
    torch_name="torch.nn.functional.mish",
    keras_name="keras.activations.mish",
    differences="Same definition everywhere; mish'(0) = 0.6. torch returns NaN at x = -inf; the "
    "limit 0 is returned here.",
)

SOFTPLUS = elementwise(
    "softplus",
    test_params=(
        {"beta": 2.0, "threshold": 5.0},
        {"beta": 0.5},
        {"threshold": -1.0},
    ),
    d2f=_softplus_d2,
    second_derivative_formula=(
        r"f''(x) = \begin{cases} 0 & \beta x \ge t \\ \beta\,\sigma(\beta"
        r" x)\,\sigma(-\beta x) & \text{otherwise} \end{cases}"
    ),
    nonfinite=NonFinite(ELEMENTWISE_RULE, "agrees"),
    aliases=("Softplus",),
    params=(
        ParamSpec("beta", 1.0, "sharpness", minimum=0.0, exclusive_minimum=True),
        ParamSpec(
            "threshold",
            20.0,
            "beta*x above which the function is taken as linear (strict >, as torch)",
        ),
    ),
    f=_softplus_f,
    df=_softplus_df,
    kink_points=lambda p: [float(p["threshold"]) / float(p["beta"])],
    formula=r"f(x) = \begin{cases} x & \beta x > t \\ \frac{1}{\beta}\log(1 + e^{\beta x}) & "
    r"\text{otherwise} \end{cases}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & \beta x > t \\ \sigma(\beta x) & "
    r"\text{otherwise} \end{cases}",
    output_range="(0, inf)",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="torch's linear cut-off: at beta*x = threshold the log branch is used (f'(20) = "
    "0.9999999979388464), above it f' = 1 exactly; f and f' jump by < 2.1e-9 there",
    use="smooth ReLU; output layer for positive quantities (variances, rates)",
    torch_name="torch.nn.functional.softplus",
    keras_name="keras.activations.softplus",
    differences="torch: softplus(beta=1, threshold=20), linear above the threshold. keras and "
    "jax: log(1 + e^x) = logaddexp(x, 0) with no parameters and no cut-off (set threshold very "
    "large to get theirs).",
)

SOFTSIGN = elementwise(
    "softsign",
    second_kink_points=lambda p: [0.0],
    d2f=_softsign_d2,
    second_derivative_formula=(
        r"f''(x) = -\frac{2\operatorname{sign}(x)}{(1 + |x|)^3} \quad"
        r" (0 \text{ at } 0)"
    ),
    nonfinite=NonFinite(
        ELEMENTWISE_RULE,
        "differs at ±inf: torch gives NaN for the value and the derivative (inf / inf); the "
        "limits ±1 and 0 here",
    ),
    aliases=("Softsign", "soft_sign"),
    f=_softsign_f,
    df=lambda x, p: 1.0 / np.square(1.0 + np.abs(x)),
    formula=r"f(x) = \frac{x}{1 + |x|}",
    derivative_formula=r"f'(x) = \frac{1}{(1 + |x|)^2}",
    output_range="(-1, 1)",
    zero_centered=True,
    monotonic=True,
    smooth=False,
    kinks="C^1 at 0 (f'(0) = 1 from both sides; f'' jumps)",
    use="hidden layers; a tanh-like squashing with polynomial tails",
    torch_name="torch.nn.functional.softsign",
    keras_name="keras.activations.softsign",
    differences="Same definition everywhere (jax.nn.soft_sign). torch returns NaN at ±inf "
    "(inf/inf); the limits ±1 are returned here.",
)

LOG_SIGMOID = elementwise(
    "log_sigmoid",
    variants=(
        Variant(
            "missing_chain_rule_factor",
            "matches σ'(x) = σ(x)(1 − σ(x)) where log σ(x)' = σ'(x)/σ(x) is meant: the outer "
            "factor 1/σ(x) (the derivative of log) is missing",
            derivative=lambda x, p: special.expit(x) * special.expit(-x),
        ),
        Variant(
            "missing_chain_rule_factor",
            "matches 1/σ(x) where log σ(x)' = σ'(x)/σ(x) is meant: the inner factor "
            "σ'(x) = σ(x)(1 − σ(x)) is missing",
            derivative=lambda x, p: 1.0 + np.exp(-x),
        ),
    ),
    d2f=lambda x, p: -special.expit(x) * special.expit(-x),
    second_derivative_formula=r"f''(x) = -\sigma(x)\,\sigma(-x)",
    nonfinite=NonFinite(ELEMENTWISE_RULE, "agrees"),
    aliases=("LogSigmoid", "logsigmoid"),
    f=lambda x, p: special.log_expit(x),
    df=lambda x, p: special.expit(-x),
    formula=r"f(x) = \log \sigma(x) = -\operatorname{softplus}(-x)",
    derivative_formula=r"f'(x) = 1 - \sigma(x) = \sigma(-x)",
    output_range="(-inf, 0)",
    zero_centered=False,
    monotonic=True,
    smooth=True,
    kinks="",
    use="log-probabilities of binary events (inside losses, GAN objectives)",
    torch_name="torch.nn.functional.logsigmoid",
    keras_name="keras.activations.log_sigmoid",
    differences="Same everywhere; computed with scipy.special.log_expit (finite at x = -1000).",
)

HARD_SIGMOID = elementwise(
    "hard_sigmoid",
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{torch has no double backward})",
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("0")),
    aliases=("Hardsigmoid", "hardsigmoid"),
    f=lambda x, p: np.clip(x + 3.0, 0.0, 6.0) / 6.0,
    df=lambda x, p: np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0),
    kink_points=lambda p: [-3.0, 3.0],
    formula=r"f(x) = \frac{\operatorname{relu6}(x + 3)}{6}",
    derivative_formula=r"f'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise}"
    r"\end{cases}",
    output_range="[0, 1]",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="hard_sigmoid'(-3) = hard_sigmoid'(3) = 0 (torch, jax)",
    use="cheap sigmoid for mobile networks (MobileNetV3 gates)",
    torch_name="torch.nn.functional.hardsigmoid",
    keras_name="keras.activations.hard_sigmoid",
    differences="relu6(x + 3)/6 in torch, keras 3 and jax (keras 2 used 0.2x + 0.5). 1/6 is "
    "exact: the value divides by 6.",
)

HARD_SWISH = elementwise(
    "hard_swish",
    d2f=_interval2(-3.0, 3.0, 1.0 / 3.0),
    second_derivative_formula=(
        r"f''(x) = \begin{cases} 1/3 & -3 < x < 3 \\ 0 & \text{otherwise (also at } \pm"
        r" 3) \end{cases}"
    ),
    nonfinite=NonFinite(
        ELEMENTWISE_RULE,
        "differs: torch gives NaN for hard_swish(-inf) (-inf * 0), the limit 0 here; "
        + nan_derivative("1"),
    ),
    aliases=("Hardswish", "hardswish", "hard_silu"),
    f=_hard_swish_f,
    df=_hard_swish_df,
    kink_points=lambda p: [-3.0, 3.0],
    formula=r"f(x) = x\,\frac{\operatorname{relu6}(x + 3)}{6}",
    derivative_formula=r"f'(x) = \begin{cases} 0 & x \le -3 \\ x/3 + 1/2 & -3 < x < 3 \\ 1 & "
    r"x \ge 3 \end{cases}",
    output_range="[-0.375, inf)",
    zero_centered=False,
    monotonic=False,
    smooth=False,
    kinks="hard_swish'(-3) = 0, hard_swish'(3) = 1 (torch and jax)",
    use="hidden layers of mobile networks (MobileNetV3)",
    torch_name="torch.nn.functional.hardswish",
    keras_name="keras.activations.hard_silu",
    differences="Same definition in torch, keras (hard_silu = hard_swish) and jax. torch returns "
    "NaN at x = -inf; the limit 0 is returned here.",
)

RELU6 = elementwise(
    "relu6",
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{also at } 0 \text{ and } 6)",
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("ReLU6",),
    f=lambda x, p: np.clip(x, 0.0, 6.0),
    df=lambda x, p: _ind((x > 0) & (x < 6)),
    kink_points=lambda p: [0.0, 6.0],
    formula=r"f(x) = \min(\max(0, x), 6)",
    derivative_formula=r"f'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise}"
    r"\end{cases}",
    output_range="[0, 6]",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="relu6'(0) = relu6'(6) = 0 (torch, jax)",
    use="hidden layers of mobile / quantised networks (MobileNet)",
    torch_name="torch.nn.functional.relu6",
    keras_name="keras.activations.relu6",
    differences="Same everywhere.",
)

RRELU = elementwise(
    "rrelu",
    test_params=(
        {"lower": 0.1, "upper": 0.3},
        {"lower": 0.2, "upper": 0.2},
    ),
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{also at } 0)",
    nonfinite=NonFinite(
        ELEMENTWISE_RULE,
        "at -inf with a slope (lower + upper)/2 of 0 in the dtype (lower = upper = 0, or "
        "float32 with |slope| < 7e-46) torch gives NaN (0 * -inf) and this service 0, the "
        "limit; values agree elsewhere; the derivative at NaN is the slope in torch (its "
        "backward tests x > 0, which NaN fails) and NaN here",
    ),
    aliases=("RReLU",),
    params=(
        ParamSpec(
            "lower", 1.0 / 8.0, "lower bound of the training-time random slope; lower <= upper"
        ),
        ParamSpec(
            "upper", 1.0 / 3.0, "upper bound of the training-time random slope; lower <= upper"
        ),
    ),
    check_params=_check_rrelu,
    f=lambda x, p: np.where(x > 0, x, _finite_slope(_rrelu_slope(p), x)),
    df=lambda x, p: np.where(x > 0, 1.0, _rrelu_slope(p)),
    kink_points=lambda p: [0.0],
    formula=r"f(x) = \begin{cases} x & x > 0 \\ \frac{l + u}{2} x & x \le 0 \end{cases}"
    r"\quad \text{(evaluation mode)}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > 0 \\ (l + u)/2 & x \le 0 \end{cases}",
    output_range="(-inf, inf)",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="rrelu'(0) = (lower + upper)/2 (torch evaluation mode is leaky_relu with that slope)",
    use="hidden layers; regularising leaky ReLU (random slope while training)",
    torch_name="torch.nn.functional.rrelu",
    keras_name=None,
    differences="Evaluation mode only (torch's functional default training=False): the slope "
    "is (lower + upper)/2 = 0.22916666666666666 with the defaults 1/8 and 1/3. The training "
    "mode's per-element random slope is not offered. Not in keras or jax.",
)

HARD_TANH = elementwise(
    "hard_tanh",
    test_params=(
        {"min_val": -2.0, "max_val": 0.5},
        {"min_value": 0.0, "max_value": 3.0},
    ),
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{also at the bounds})",
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("Hardtanh", "hardtanh"),
    params=(
        ParamSpec("min_val", -1.0, "lower clip value; min_val <= max_val", aliases=("min_value",)),
        ParamSpec("max_val", 1.0, "upper clip value; min_val <= max_val", aliases=("max_value",)),
    ),
    check_params=_check_hard_tanh,
    f=lambda x, p: np.minimum(np.maximum(x, p["min_val"]), p["max_val"]),
    df=lambda x, p: _ind((x > p["min_val"]) & (x < p["max_val"])),
    kink_points=lambda p: [float(p["min_val"]), float(p["max_val"])],
    formula=r"f(x) = \min(\max(x, \text{min\_val}), \text{max\_val})",
    derivative_formula=r"f'(x) = \begin{cases} 1 & \text{min\_val} < x < \text{max\_val} \\ 0 &"
    r"\text{otherwise} \end{cases}",
    output_range="[min_val, max_val]",
    zero_centered=True,
    monotonic=True,
    smooth=False,
    kinks="hard_tanh'(min_val) = hard_tanh'(max_val) = 0 (PyTorch); jax gives 1 at ±1",
    use="cheap tanh substitute; clipping in quantised networks",
    torch_name="torch.nn.functional.hardtanh",
    keras_name="keras.activations.hard_tanh",
    differences="torch: min_val = -1, max_val = 1 (module also accepts the deprecated "
    "min_value/max_value, accepted here as aliases); min_val = max_val is allowed as in torch. "
    "keras and jax: fixed ±1 and gradient 1 at ±1.",
)

TANH_SHRINK = elementwise(
    "tanh_shrink",
    d2f=lambda x, p: 2.0 * np.tanh(x) * _sech2(x),
    second_derivative_formula=r"f''(x) = 2\tanh(x)\operatorname{sech}^2(x)",
    nonfinite=NonFinite(ELEMENTWISE_RULE, "agrees"),
    aliases=("Tanhshrink", "tanhshrink"),
    f=lambda x, p: x - np.tanh(x),
    df=lambda x, p: np.square(np.tanh(x)),
    formula=r"f(x) = x - \tanh(x)",
    derivative_formula=r"f'(x) = \tanh^2(x)",
    output_range="(-inf, inf)",
    zero_centered=True,
    monotonic=True,
    smooth=True,
    kinks="",
    use="sparse coding (LISTA-style) networks",
    torch_name="torch.nn.functional.tanhshrink",
    keras_name="keras.activations.tanh_shrink",
    differences="Same definition in torch and keras; not in jax.",
)

SOFT_SHRINK = elementwise(
    "soft_shrink",
    test_params=(
        {"lambd": 1.0},
        {"threshold": 0.0},
    ),
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{also at } \pm\lambda)",
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("Softshrink", "softshrink"),
    params=(_lambd("half-width of the zero band"),),
    f=lambda x, p: np.where(
        x > p["lambd"], x - p["lambd"], np.where(x < -p["lambd"], x + p["lambd"], 0.0)
    ),
    df=lambda x, p: _ind(np.abs(x) > p["lambd"]),
    kink_points=lambda p: sorted({-float(p["lambd"]), float(p["lambd"])}),
    formula=r"f(x) = \begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\ 0 &"
    r"\text{otherwise} \end{cases}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda"
    r"\end{cases}",
    output_range="(-inf, inf)",
    zero_centered=True,
    monotonic=True,
    smooth=False,
    kinks="soft_shrink'(±lambd) = 0 (torch, keras on jax)",
    use="sparse coding; the proximal operator of the L1 norm (ISTA)",
    torch_name="torch.nn.functional.softshrink",
    keras_name="keras.activations.soft_shrink",
    differences="torch names the parameter lambd (>= 0), keras threshold (alias here); both "
    "default to 0.5. Not in jax.nn.",
)

HARD_SHRINK = elementwise(
    "hard_shrink",
    test_params=(
        {"lambd": 1.5},
        {"lambd": 0.0},
    ),
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{also at } \pm\lambda)",
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("Hardshrink", "hardshrink"),
    params=(_lambd("half-width of the zero band"),),
    f=lambda x, p: np.where(np.abs(x) > p["lambd"], x, 0.0),
    df=lambda x, p: _ind(np.abs(x) > p["lambd"]),
    kink_points=lambda p: sorted({-float(p["lambd"]), float(p["lambd"])}),
    formula=r"f(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda"
    r"\end{cases}",
    output_range="(-inf, inf)",
    zero_centered=True,
    monotonic=False,
    smooth=False,
    kinks="f jumps at ±lambd; hard_shrink'(±lambd) = 0 (torch, keras on jax)",
    use="sparse coding; hard thresholding of small activations",
    torch_name="torch.nn.functional.hardshrink",
    keras_name="keras.activations.hard_shrink",
    differences="torch lambd, keras threshold (alias here), both 0.5. Here lambd >= 0 is "
    "required (torch accepts a negative lambd, which makes the function the identity).",
)

THRESHOLD = elementwise(
    "threshold",
    test_params=(
        {"threshold": 0.5, "value": -2.0},
        {"threshold": -1.0, "default_value": 3.0},
    ),
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{also at the threshold})",
    nonfinite=NonFinite(ELEMENTWISE_RULE, nan_derivative("1")),
    aliases=("Threshold",),
    params=(
        ParamSpec("threshold", 0.0, "x must exceed this to pass through (strict >)"),
        ParamSpec("value", 0.0, "output where x <= threshold", aliases=("default_value",)),
    ),
    f=lambda x, p: np.where(x > p["threshold"], x, p["value"]),
    df=lambda x, p: _ind(x > p["threshold"]),
    kink_points=lambda p: [float(p["threshold"])],
    formula=r"f(x) = \begin{cases} x & x > \text{threshold} \\ \text{value} & "
    r"\text{otherwise} \end{cases}",
    derivative_formula=r"f'(x) = \begin{cases} 1 & x > \text{threshold} \\ 0 & \text{otherwise}"
    r"\end{cases}",
    output_range="{value} ∪ (threshold, inf)",
    zero_centered=False,
    monotonic=False,
    smooth=False,
    kinks="f jumps at x = threshold unless value = threshold; f'(threshold) = 0 (torch)",
    use="thresholding layers; relu when threshold = value = 0",
    torch_name="torch.nn.functional.threshold",
    keras_name="keras.activations.threshold",
    differences="torch and keras require both parameters (keras names the second "
    "default_value, an alias here); this service defaults them to 0.0 and 0.0, which is relu.",
)

SPARSE_PLUS = elementwise(
    "sparse_plus",
    second_kink_points=lambda p: [-1.0, 1.0],
    d2f=_interval2(-1.0, 1.0, 0.5),
    second_derivative_formula=r"f''(x) = \begin{cases} 1/2 & |x| < 1 \\ 0 & |x| \ge 1 \end{cases}",
    nonfinite=NonFinite(ELEMENTWISE_RULE, NO_TORCH),
    aliases=(),
    f=lambda x, p: np.where(x <= -1.0, 0.0, np.where(x >= 1.0, x, 0.25 * np.square(x + 1.0))),
    df=lambda x, p: np.where(x <= -1.0, 0.0, np.where(x >= 1.0, 1.0, 0.5 * (x + 1.0))),
    formula=r"f(x) = \begin{cases} 0 & x \le -1 \\ \frac{(x + 1)^2}{4} & -1 < x < 1 \\ x & "
    r"x \ge 1 \end{cases}",
    derivative_formula=r"f'(x) = \begin{cases} 0 & x \le -1 \\ \frac{x + 1}{2} & -1 < x < 1 \\ "
    r"1 & x \ge 1 \end{cases}",
    output_range="[0, inf)",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="C^1: f' is continuous (0 at -1, 1 at 1); f'' jumps at ±1",
    use="sparse, piecewise-quadratic softplus (pairs with sparsemax / sparse_sigmoid)",
    torch_name=None,
    keras_name="keras.activations.sparse_plus",
    differences="keras and jax.nn.sparse_plus only; identical definition.",
)

SPARSE_SIGMOID = elementwise(
    "sparse_sigmoid",
    d2f=_zero2,
    second_derivative_formula=r"f''(x) = 0 \quad (\text{also at } \pm 1)",
    nonfinite=NonFinite(ELEMENTWISE_RULE, NO_TORCH),
    aliases=(),
    f=lambda x, p: 0.5 * np.clip(x + 1.0, 0.0, 2.0),
    df=_sparse_sigmoid_df,
    kink_points=lambda p: [-1.0, 1.0],
    formula=r"f(x) = \tfrac{1}{2}\operatorname{clip}(x + 1, 0, 2)",
    derivative_formula=r"f'(x) = \begin{cases} 1/2 & |x| < 1 \\ 1/4 & |x| = 1 \\ 0 & |x| > 1"
    r"\end{cases}",
    output_range="[0, 1]",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="sparse_sigmoid'(±1) = 0.25, as jax (and keras on jax): the function exists only "
    "there, and jax's clip passes half the gradient at a boundary",
    use="sparse binary gating; the 2-class case of sparsemax",
    torch_name=None,
    keras_name="keras.activations.sparse_sigmoid",
    differences="keras and jax.nn.sparse_sigmoid only. Gradient at ±1: jax 0.25 (followed "
    "here); written with torch.clamp it would be 0.5, and torch's hardsigmoid convention 0.",
)

SQUAREPLUS = elementwise(
    "squareplus",
    test_params=(
        {"b": 1.0},
        {"b": 0.0},
        {"b": 100.0},
    ),
    d2f=_squareplus_d2,
    second_derivative_formula=r"f''(x) = \frac{b}{2\,(x^2 + b)^{3/2}} \quad (b = 0\text{: } 0)",
    nonfinite=NonFinite(ELEMENTWISE_RULE, NO_TORCH),
    aliases=(),
    params=(ParamSpec("b", 4.0, "smoothness: b = 0 gives relu", minimum=0.0),),
    f=_squareplus_f,
    df=_squareplus_df,
    kink_points=lambda p: [0.0] if p["b"] == 0 else [],
    formula=r"f(x) = \frac{x + \sqrt{x^2 + b}}{2}",
    derivative_formula=r"f'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)",
    output_range="(0, inf) for b > 0",
    zero_centered=False,
    monotonic=True,
    smooth=True,
    kinks="smooth for b > 0; for b = 0 it is relu and f'(0) = 0.5 is returned",
    use="algebraic softplus substitute (hidden layers, positive outputs)",
    torch_name=None,
    keras_name="keras.activations.squareplus",
    differences="keras and jax.nn.squareplus only, b = 4 in both. Evaluated as b / (2(s - x)) "
    "for x < 0 (s = hypot(x, sqrt b)) to avoid cancellation.",
)

EXPONENTIAL = elementwise(
    "exponential",
    d2f=lambda x, p: np.exp(x),
    second_derivative_formula=r"f''(x) = e^{x}",
    nonfinite=NonFinite(ELEMENTWISE_RULE, "agrees (torch.exp)"),
    aliases=("exp",),
    f=lambda x, p: np.exp(x),
    df=lambda x, p: np.exp(x),
    formula=r"f(x) = e^{x}",
    derivative_formula=r"f'(x) = e^{x}",
    output_range="(0, inf)",
    zero_centered=False,
    monotonic=True,
    smooth=True,
    kinks="",
    use="output layer for positive rates (Poisson regression)",
    torch_name="torch.exp",
    keras_name="keras.activations.exponential",
    differences="keras only as an activation (torch.exp, jnp.exp). Overflows to inf for "
    "x > 709.78 (float64) or x > 88.72 (float32): that is the true rounded value.",
)

__all__ = ["elementwise"]
