"""Vector activations: each output along ``axis`` depends on the whole slice (or a group of it).

Every function is written for the last axis (``..._last``) and the factory moves ``axis`` there
and back, so the Jacobian comes out in the public layout: ``y.shape + (n,)``.

Non-finite input follows PyTorch (and scipy.special.softmax): the max is subtracted first, so a
slice holding +inf, or made only of -inf, gives NaN for the whole slice; -inf entries next to
finite ones give probability 0 (log-probability -inf). NaN anywhere in a slice gives a NaN slice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import cast as typed

import numpy as np
from scipy import special

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
from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite

LastFn = Callable[[Array, Params], Array]
LastVjp = Callable[[Array, Array, Params], Array]
OutLen = Callable[[int, Params], int]
CheckLen = Callable[[int, Params, int], None]


def _same_len(n: int, p: Params) -> int:
    return n


def vector(
    name: str,
    *,
    f: LastFn,
    vjp: LastVjp,
    jac: LastFn,
    out_len: OutLen = _same_len,
    check_len: CheckLen | None = None,
    aliases: tuple[str, ...] = (),
    params: tuple[ParamSpec, ...] = (),
    **meta: Any,
) -> Activation:
    """Build a vector entry from last-axis ``f``, ``vjp`` and ``jac`` (``(..., m, n)``)."""

    def prepare(x: Array, p: Params, axis: int) -> tuple[int, Array]:
        a = normalize_axis(x, axis)
        if check_len is not None:
            check_len(x.shape[a], p, axis)
        return a, np.moveaxis(x, a, -1)

    def forward(x: Array, p: Params, axis: int = -1) -> Array:
        a, xm = prepare(x, p, axis)
        with quiet():
            y = f(xm, p)
        return cast(np.moveaxis(y, -1, a), x.dtype)

    def vjp_(x: Array, g: Array, p: Params, axis: int = -1) -> Array:
        a, xm = prepare(x, p, axis)
        gm = np.moveaxis(g, a, -1)
        with quiet():
            r = vjp(xm, gm, p)
        return cast(np.moveaxis(r, -1, a), x.dtype)

    def jacobian(x: Array, p: Params, axis: int = -1) -> Array:
        a, xm = prepare(x, p, axis)
        with quiet():
            jm = jac(xm, p)
        return cast(from_moved(jm, a), x.dtype)

    def output_shape(shape: tuple[int, ...], p: Params, axis: int) -> tuple[int, ...]:
        a = axis % len(shape) if shape else 0
        out = list(shape)
        if out:
            out[a] = out_len(out[a], p)
        return tuple(out)

    entry = Activation(
        name=name,
        aliases=aliases,
        kind="vector",
        params=params,
        forward=forward,
        derivative=None,
        vjp=vjp_,
        jacobian=jacobian,
        param_grads=None,
        output_shape=output_shape,
        **meta,
    )
    return ACTIVATIONS.register(entry)


def _eye_add(jm: Array, diag: Array) -> Array:
    """jm[..., i, i] += diag[..., i] (in place) and return jm."""
    n = diag.shape[-1]
    idx = np.arange(n)
    jm[..., idx, idx] += diag
    return jm


# --------------------------------------------------------------------------------------------
# softmax family (x - max first, as torch and scipy)


def _shifted(x: Array) -> Array:
    m = np.max(x, axis=-1, keepdims=True, initial=-np.inf)
    with np.errstate(invalid="ignore"):
        return typed(Array, x - m)


def _softmax(x: Array, p: Params | None = None) -> Array:
    e = np.exp(_shifted(x))
    with np.errstate(invalid="ignore"):
        return typed(Array, e / e.sum(axis=-1, keepdims=True))


def _log_softmax(x: Array, p: Params) -> Array:
    t = _shifted(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return typed(Array, t - np.log(np.exp(t).sum(axis=-1, keepdims=True)))


def _softmax_vjp(x: Array, g: Array, p: Params) -> Array:
    s = _softmax(x)
    with np.errstate(invalid="ignore"):
        return typed(Array, s * (g - (g * s).sum(axis=-1, keepdims=True)))


def _softmax_jac(x: Array, p: Params) -> Array:
    s = _softmax(x)
    with np.errstate(invalid="ignore"):
        jm = -s[..., :, None] * s[..., None, :]
    return _eye_add(jm, s)


def _log_softmax_vjp(x: Array, g: Array, p: Params) -> Array:
    s = _softmax(x)
    with np.errstate(invalid="ignore"):
        return typed(Array, g - s * g.sum(axis=-1, keepdims=True))


def _log_softmax_jac(x: Array, p: Params) -> Array:
    s = _softmax(x)
    n = s.shape[-1]
    jm = np.broadcast_to(-s[..., None, :], (*s.shape, n)).copy()
    return _eye_add(jm, np.ones_like(s))


def _softmin(x: Array, p: Params) -> Array:
    return _softmax(-x)


def _softmin_vjp(x: Array, g: Array, p: Params) -> Array:
    return -_softmax_vjp(-x, g, p)


def _softmin_jac(x: Array, p: Params) -> Array:
    return -_softmax_jac(-x, p)


# --------------------------------------------------------------------------------------------
# sparsemax: Euclidean projection onto the probability simplex


def _sparsemax_parts(z: Array) -> tuple[Array, Array]:
    """Return (p, support indicator) along the last axis.

    Sort descending, k(z) = max{k : 1 + k z_(k) > sum_{j<=k} z_(j)},
    tau = (sum_{j<=k(z)} z_(j) - 1) / k(z), p = max(z - tau, 0).
    """
    n = z.shape[-1]
    if n == 0 or z.size == 0:
        return z.copy(), np.zeros_like(z)
    zs = _shifted(z)
    srt = -np.sort(-zs, axis=-1)
    k = np.arange(1, n + 1, dtype=z.dtype)
    with np.errstate(invalid="ignore"):
        cs = np.cumsum(srt, axis=-1)
        cond = 1.0 + k * srt > cs
    kz = np.maximum(cond.sum(axis=-1, keepdims=True), 1)
    with np.errstate(invalid="ignore"):
        tau = (np.take_along_axis(cs, kz - 1, axis=-1) - 1.0) / kz.astype(z.dtype)
        p = np.maximum(zs - tau, 0.0)
    supp = (p > 0).astype(z.dtype)
    nan_rows = np.isnan(p).any(axis=-1, keepdims=True)
    if nan_rows.any():
        p = np.where(nan_rows, np.nan, p)
        supp = np.where(nan_rows, np.nan, supp)
    return p, supp


def _sparsemax(z: Array, p: Params) -> Array:
    return _sparsemax_parts(z)[0]


def _sparsemax_vjp(z: Array, g: Array, p: Params) -> Array:
    _, s = _sparsemax_parts(z)
    with np.errstate(invalid="ignore", divide="ignore"):
        k = s.sum(axis=-1, keepdims=True)
        return typed(Array, s * (g - (g * s).sum(axis=-1, keepdims=True) / k))


def _sparsemax_jac(z: Array, p: Params) -> Array:
    _, s = _sparsemax_parts(z)
    with np.errstate(invalid="ignore", divide="ignore"):
        k = s.sum(axis=-1, keepdims=True)[..., None]
        jm = -(s[..., :, None] * s[..., None, :]) / k
    return _eye_add(jm, s)


# --------------------------------------------------------------------------------------------
# glu


def _check_glu(n: int, p: Params, axis: int) -> None:
    if n % 2:
        raise InvalidInputError(
            f"expected an even length along axis {axis} for glu (first half gated by the "
            f"second), got {n}",
            ("x",),
        )


def _halves(x: Array) -> tuple[Array, Array]:
    m = x.shape[-1] // 2
    return x[..., :m], x[..., m:]


def _glu(x: Array, p: Params) -> Array:
    a, b = _halves(x)
    with np.errstate(invalid="ignore"):
        return a * special.expit(b)


def _glu_vjp(x: Array, g: Array, p: Params) -> Array:
    a, b = _halves(x)
    sb = special.expit(b)
    with np.errstate(invalid="ignore"):
        # g * ((a sigma(b)) sigma(-b)): |a sigma(b)| <= |a| cannot overflow, so a huge a times
        # a gate whose sigma(-b) is 0 gives 0, not g * a = inf times 0 = NaN
        return np.concatenate([g * sb, g * ((a * sb) * special.expit(-b))], axis=-1)


def _glu_jac(x: Array, p: Params) -> Array:
    a, b = _halves(x)
    m = a.shape[-1]
    sb = special.expit(b)
    jm = np.zeros((*a.shape, 2 * m), dtype=x.dtype)
    idx = np.arange(m)
    jm[..., idx, idx] = sb
    with np.errstate(invalid="ignore"):
        jm[..., idx, m + idx] = (a * sb) * special.expit(-b)
    return jm


# --------------------------------------------------------------------------------------------
# maxout


def _check_maxout(n: int, p: Params, axis: int) -> None:
    k = int(p["pieces"])
    if n % k:
        raise InvalidInputError(
            f"expected the length along axis {axis} to be a multiple of pieces={k} for maxout, "
            f"got {n}",
            ("x",),
        )


def _groups(x: Array, p: Params) -> tuple[Array, int]:
    k = int(p["pieces"])
    return x.reshape(*x.shape[:-1], x.shape[-1] // k, k), k


def _maxout(x: Array, p: Params) -> Array:
    grp, _ = _groups(x, p)
    if grp.size == 0:
        return np.zeros(grp.shape[:-1], dtype=x.dtype)
    return typed(Array, np.max(grp, axis=-1))


def _argmax(grp: Array) -> Array:
    """First index of the maximum in each group (a NaN counts as the maximum, as torch.max)."""
    if grp.size == 0:
        return np.zeros(grp.shape[:-1], dtype=np.intp)
    return typed(Array, np.argmax(grp, axis=-1))


def _maxout_vjp(x: Array, g: Array, p: Params) -> Array:
    grp, _ = _groups(x, p)
    out = np.zeros_like(grp)
    np.put_along_axis(out, _argmax(grp)[..., None], g[..., None], axis=-1)
    return out.reshape(x.shape)


def _maxout_jac(x: Array, p: Params) -> Array:
    grp, k = _groups(x, p)
    groups = grp.shape[-2]
    jm = np.zeros((*grp.shape[:-1], x.shape[-1]), dtype=x.dtype)
    cols = np.arange(groups) * k + _argmax(grp)
    np.put_along_axis(jm, cols[..., None], 1.0, axis=-1)
    return jm


# --------------------------------------------------------------------------------------------
# the entries

_SIMPLEX = "probability simplex: entries in [0, 1] summing to 1 along axis"

SOFTMAX = vector(
    "softmax",
    nonfinite=NonFinite(
        "x − max is taken first (as torch and scipy): a slice holding NaN or +inf, or only −inf, "
        "is NaN throughout; −inf next to finite entries gives probability 0",
        "agrees",
    ),
    aliases=("Softmax",),
    f=_softmax,
    vjp=_softmax_vjp,
    jac=_softmax_jac,
    formula=r"\operatorname{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}},\ "
    r"m = \max_j x_j",
    derivative_formula=r"J_{ij} = s_i(\delta_{ij} - s_j);\quad \text{VJP: } s \odot (g - "
    r"\langle g, s \rangle)",
    output_range=_SIMPLEX,
    zero_centered=False,
    monotonic=False,
    smooth=True,
    kinks="",
    use="output layer for single-label multi-class classification; attention weights",
    torch_name="torch.nn.functional.softmax",
    keras_name="keras.activations.softmax",
    differences="axis defaults to -1 as keras and jax. torch's dim=None is a deprecated implicit "
    "choice (dim 0 for 0-, 1- and 3-d input, else 1). +inf in a slice gives a NaN slice "
    "(as torch and scipy; the limit would be one-hot); -inf entries give 0.",
)

LOG_SOFTMAX = vector(
    "log_softmax",
    nonfinite=NonFinite(
        "x − max is taken first (as torch and scipy): a slice holding NaN or +inf, or only −inf, "
        "is NaN throughout; −inf next to finite entries gives log-probability −inf",
        "agrees",
    ),
    aliases=("LogSoftmax",),
    f=_log_softmax,
    vjp=_log_softmax_vjp,
    jac=_log_softmax_jac,
    formula=r"\log\operatorname{softmax}(x)_i = x_i - m - \log\sum_j e^{x_j - m}",
    derivative_formula=r"J_{ij} = \delta_{ij} - s_j;\quad \text{VJP: } g - s \sum_j g_j",
    output_range="(-inf, 0]",
    zero_centered=False,
    monotonic=False,
    smooth=True,
    kinks="",
    use="output layer feeding NLL loss; numerically stable log-probabilities",
    torch_name="torch.nn.functional.log_softmax",
    keras_name="keras.activations.log_softmax",
    differences="axis -1 as keras and jax (torch's implicit dim rule as softmax). A slice with "
    "+inf gives NaN throughout as torch; scipy.special.log_softmax gives [nan, -inf] for "
    "[inf, 0], so it is not used.",
)

SOFTMIN = vector(
    "softmin",
    nonfinite=NonFinite(
        "x − max is taken first (as torch and scipy): a slice holding NaN or −inf, or only +inf, "
        "is NaN throughout; +inf next to finite entries gives probability 0",
        "agrees",
    ),
    aliases=("Softmin",),
    f=_softmin,
    vjp=_softmin_vjp,
    jac=_softmin_jac,
    formula=r"\operatorname{softmin}(x) = \operatorname{softmax}(-x)",
    derivative_formula=r"J_{ij} = -s_i(\delta_{ij} - s_j),\ s = \operatorname{softmax}(-x)",
    output_range=_SIMPLEX,
    zero_centered=False,
    monotonic=False,
    smooth=True,
    kinks="",
    use="weights favouring the smallest entries (soft nearest-neighbour, soft minimum)",
    torch_name="torch.nn.functional.softmin",
    keras_name=None,
    differences="torch only (same implicit-dim rule as softmax there; -1 here).",
)

SPARSEMAX = vector(
    "sparsemax",
    nonfinite=NonFinite(
        "a slice holding NaN or +inf, or only −inf, is NaN throughout (the threshold τ is "
        "undefined); −inf next to finite entries gives probability 0 and gradient 0",
        NO_TORCH,
    ),
    aliases=("Sparsemax",),
    f=_sparsemax,
    vjp=_sparsemax_vjp,
    jac=_sparsemax_jac,
    formula=r"\operatorname{sparsemax}(z) = \arg\min_{p \in \Delta} \lVert p - z \rVert^2 = "
    r"\max(z - \tau, 0),\ \tau = \frac{\sum_{j \le k(z)} z_{(j)} - 1}{k(z)}",
    derivative_formula=r"J = \operatorname{diag}(s) - \frac{s s^\top}{|S|},\ s_i = [p_i > 0];"
    r"\quad \text{VJP: } s \odot (g - \tfrac{1}{|S|}\sum_{j \in S} g_j)",
    output_range=_SIMPLEX + " (exact zeros)",
    zero_centered=False,
    monotonic=False,
    smooth=False,
    kinks="not differentiable where some z_i - tau = 0 (an entry entering or leaving the "
    "support); there the support is taken as {p_i > 0}",
    use="sparse attention / output probabilities (Martins & Astudillo 2016)",
    torch_name=None,
    keras_name="keras.activations.sparsemax",
    differences="keras only (optax has the projection and the loss). keras 3.15.1's sparsemax "
    "is wrong when more than one output is non-zero (keras-team/keras#23425); this follows the "
    "simplex-projection definition.",
)

GLU = vector(
    "glu",
    nonfinite=NonFinite(
        "a ⊗ σ(b) elementwise: NaN in a or b → NaN; b = +inf passes a, b = −inf gives 0 for "
        "finite a; the VJP is g σ(b) and g (a σ(b)) σ(−b), so a huge a with a saturated gate "
        "gives 0, not NaN",
        "differs only at a = ±inf with a saturated gate (σ(−b) < ~1e-16): torch's backward "
        "computes a·σ(b)(1 − σ(b)) = inf·0 = NaN, the limit ±inf (g·(a σ(b))·σ(−b)) here",
    ),
    aliases=("GLU",),
    f=_glu,
    vjp=_glu_vjp,
    jac=_glu_jac,
    out_len=lambda n, p: n // 2,
    check_len=_check_glu,
    formula=r"\operatorname{glu}(x) = a \otimes \sigma(b),\ x = [a; b] \text{ split in halves "
    r"along axis}",
    derivative_formula=r"\frac{\partial y_i}{\partial a_i} = \sigma(b_i),\ "
    r"\frac{\partial y_i}{\partial b_i} = a_i \sigma(b_i)\sigma(-b_i)",
    output_range="(-inf, inf); half the length along axis",
    zero_centered=False,
    monotonic=False,
    smooth=True,
    kinks="",
    use="gated hidden layers (gated CNNs, GLU variants in transformer MLPs)",
    torch_name="torch.nn.functional.glu",
    keras_name="keras.activations.glu",
    differences="Same in torch (dim=-1), keras and jax (axis=-1): first half times sigmoid of "
    "the second half; the length along axis must be even.",
)

MAXOUT = vector(
    "maxout",
    test_params=({"pieces": 3}, {"pieces": 1}, {"num_pieces": 6}),
    nonfinite=NonFinite(
        "a NaN in a group is its maximum (NaN value, gradient to the NaN), as torch.max; ±inf "
        "are ordinary maxima",
        NO_TORCH,
    ),
    aliases=("Maxout",),
    params=(
        ParamSpec(
            "pieces",
            2,
            "number of consecutive elements along axis reduced by each max",
            type="int",
            minimum=1,
            aliases=("num_pieces", "k"),
        ),
    ),
    f=_maxout,
    vjp=_maxout_vjp,
    jac=_maxout_jac,
    out_len=lambda n, p: n // int(p["pieces"]),
    check_len=_check_maxout,
    formula=r"y_i = \max_{0 \le r < k} x_{ik + r},\ k = \text{pieces}",
    derivative_formula=r"\frac{\partial y_i}{\partial x_j} = [j = ik + \arg\max_r x_{ik + r}]"
    r"\ \text{(first maximum on ties)}",
    output_range="(-inf, inf); length n/pieces along axis",
    zero_centered=False,
    monotonic=True,
    smooth=False,
    kinks="not differentiable where a group's maximum is tied; the gradient goes to the first "
    "maximal element (as torch.max / numpy.argmax)",
    use="hidden layers learning a convex piecewise-linear activation (Goodfellow et al. 2013); "
    "pairs with dropout",
    torch_name=None,
    keras_name=None,
    differences="Not in torch, keras or jax. Groups are consecutive along axis (x reshaped to "
    "(..., n/pieces, pieces), max over the last), pieces defaults to 2.",
)

__all__ = ["vector"]
