"""The :class:`Activation` entry and the array helpers every activation shares.

Layout conventions (the public Jacobian layout, docs/activations.md):

* ``forward(x, p, axis) -> y``; for elementwise functions ``axis`` is ignored.
* ``jacobian(x, p, axis)``: for ``x`` of shape ``S`` whose ``axis`` has size ``n`` and output ``y``,
  ``J`` has shape ``y.shape + (n,)`` and ``J[..., i, ..., j] = dy[..., i, ...] / dx[..., j, ...]``
  (output index in place of ``axis``, input index last, other indices shared). Elementwise
  functions use the same layout: ``J`` is diagonal in (i, j) along ``axis``; for a 0-d ``x`` the
  Jacobian is the 0-d derivative.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from typing import cast as typed

import numpy as np

from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite, Registry
from service.compute.variants import Variant

Array = np.ndarray
Params = dict[str, Any]

Forward = Callable[[Array, Params, int], Array]
Derivative = Callable[[Array, Params], Array]
Vjp = Callable[[Array, Array, Params, int], Array]
Jacobian = Callable[[Array, Params, int], Array]
ParamGrads = Callable[[Array, Array, Params, int], dict[str, Array]]
KinkPoints = Callable[[Params], list[float]]
OutputShape = Callable[[tuple[int, ...], Params, int], tuple[int, ...]]
CheckParams = Callable[[Params], None]


def _no_kinks(p: Params) -> list[float]:
    return []


def _same_shape(shape: tuple[int, ...], p: Params, axis: int) -> tuple[int, ...]:
    return tuple(shape)


@dataclass(frozen=True)
class Activation:
    """One activation function: its math, its metadata and its NumPy callables.

    ``forward``, ``derivative`` (elementwise only), ``vjp``, ``jacobian`` and ``param_grads``
    take ``x`` as a float ndarray of the compute dtype and ``p`` as the resolved parameter dict
    (see :func:`service.compute.activations.resolve`). They return arrays of ``x``'s dtype and
    raise :class:`~service.compute.errors.InvalidInputError` for shape problems (``axis`` out of
    range, glu's odd length, maxout's indivisible length, prelu's channel count).

    ``kink_points(p)`` lists the x values where f' is not continuous (elementwise functions;
    vector functions return ``[]`` and describe their non-differentiable sets in ``kinks``).

    Extra fields beyond the shared interface: ``output_shape`` (shape of ``y`` for an input
    shape, used by :func:`jacobian_size`) and ``check_params`` (cross-parameter checks run by
    ``resolve``).

    Everything else known about the function is on the entry too: ``variants`` (its known
    other forms, which ``/v1/verify`` names: other libraries' defaults, a derivative missing a
    factor; :class:`~service.compute.variants.Variant`), ``param_grads`` for learnable
    parameters (their :class:`ParamSpec` has ``learnable=True``), and ``test_params`` (the
    parameter sets the registry-wide tests run besides the defaults).
    """

    name: str
    aliases: tuple[str, ...]
    kind: Literal["elementwise", "vector"]
    params: tuple[ParamSpec, ...]
    formula: str
    derivative_formula: str
    output_range: str
    zero_centered: bool
    monotonic: bool
    smooth: bool
    kinks: str
    use: str
    torch_name: str | None
    keras_name: str | None
    differences: str
    forward: Forward
    derivative: Derivative | None
    vjp: Vjp
    jacobian: Jacobian
    param_grads: ParamGrads | None
    nonfinite: NonFinite
    kink_points: KinkPoints = _no_kinks
    output_shape: OutputShape = _same_shape
    check_params: CheckParams | None = None
    variants: tuple[Variant, ...] = ()
    test_params: tuple[Mapping[str, Any], ...] = ()
    # second derivative f''(x) of an elementwise function (= torch double backward) and its
    # LaTeX; None for vector functions (and for an entry that does not define it yet)
    second: Derivative | None = None
    second_derivative_formula: str = ""
    # x values where f'' jumps although f' is continuous (celu at 0, sparse_plus at ±1): the
    # second-order gradcheck skips them with ``kink_points``
    second_kink_points: KinkPoints = _no_kinks
    # where f is defined (elementwise; log1mexp: [0, inf)): outside, value and derivative are
    # NaN, and the tests over the registry probe only inside
    domain: tuple[float, float] = (-np.inf, np.inf)
    # an elementwise entry's bare math (f, f'): what ``forward`` and ``derivative`` compute
    # before the NaN rule, the cast and the constant-derivative broadcast (the small-call
    # fast path calls them on finite float64 input and checks what they return)
    pointwise: tuple[Derivative, Derivative] | None = None

    def catalog(self) -> dict[str, Any]:
        """JSON-ready description for ``GET /v1/activations``."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "params": [s.catalog() for s in self.params],
            "formula": self.formula,
            "derivative": self.derivative_formula,
            "range": self.output_range,
            "zero_centered": self.zero_centered,
            "monotonic": self.monotonic,
            "smooth": self.smooth,
            "kinks": self.kinks,
            "use": self.use,
            "torch": self.torch_name,
            "keras": self.keras_name,
            "differences": self.differences,
            "nonfinite": self.nonfinite.catalog(),
            **(
                {"second_derivative": self.second_derivative_formula}
                if self.second_derivative_formula
                else {}
            ),
        }


# the registry: each entry is registered where it is defined (``elementwise()``, ``vector()``)
ACTIVATIONS: Registry[Activation] = Registry("activation")


# --------------------------------------------------------------------------------------------
# non-finite rules shared by the entries (each entry states its own NonFinite)

ELEMENTWISE_RULE = (
    "NaN → NaN for the value and the derivative; ±inf → the limits of f and f′ as x → ±inf"
)
NO_TORCH = "torch has no such function"


def nan_derivative(torch_value: str) -> str:
    """The usual torch difference: its backward's branch test sends NaN down one branch."""
    return (
        f"agrees on values; the derivative at NaN is {torch_value} in torch (its backward "
        "tests a branch condition, which NaN fails) and NaN here"
    )


# --------------------------------------------------------------------------------------------
# array helpers


def quiet() -> np.errstate:
    """Overflow to ±inf in an intermediate is how the limits at large |x| are reached."""
    return np.errstate(over="ignore", under="ignore")


def propagate_nan(x: Array, y: Array) -> Array:
    """NaN in -> NaN out (comparison-based branches would otherwise map NaN to a branch)."""
    mask = np.isnan(x)
    if mask.any():
        y = np.where(mask, np.asarray(np.nan, dtype=y.dtype), y)
    return y


def normalize_axis(x: Array, axis: int, *, allow_scalar: bool = False) -> int:
    """Check ``axis`` against ``x.ndim`` and return it non-negative (loc ``("axis",)``)."""
    if x.ndim == 0:
        if allow_scalar:
            return 0
        raise InvalidInputError(
            "expected x with at least 1 dimension for a vector activation, got a 0-d tensor",
            ("x",),
        )
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer):
        raise InvalidInputError(f"expected an integer axis, got {axis!r}", ("axis",))
    if not -x.ndim <= axis < x.ndim:
        raise InvalidInputError(
            f"expected axis in [{-x.ndim}, {x.ndim - 1}] for x of shape {tuple(x.shape)}, "
            f"got {axis}",
            ("axis",),
        )
    return int(axis) % x.ndim


def diag_jacobian(d: Array, axis: int) -> Array:
    """Jacobian of an elementwise map with derivative ``d`` in the public layout (diagonal)."""
    if d.ndim == 0:
        return d.copy()
    a = normalize_axis(d, axis)
    n = d.shape[a]
    moved = np.moveaxis(d, a, -1)
    jm = np.zeros((*moved.shape, n), dtype=d.dtype)
    idx = np.arange(n)
    jm[..., idx, idx] = moved
    return np.moveaxis(jm, -2, a)


def from_moved(jm: Array, a: int) -> Array:
    """Put a Jacobian computed as (..., m, n) with ``axis`` moved last back in place."""
    return np.moveaxis(jm, -2, a)


def x_times(x: Array, s: Array, neg_inf_value: float = 0.0) -> Array:
    """``x * s`` where ``s -> 0`` as ``x -> -inf``: the product's limit there, not NaN."""
    with np.errstate(invalid="ignore"):
        y = x * s
    neg = np.isneginf(x)
    if neg.any():
        y = np.where(neg, np.asarray(neg_inf_value, dtype=y.dtype), y)
    return typed(Array, y)


def clip_mag(x: Array, bound: float) -> Array:
    """Clip to [-bound, bound] (NaN passes): beyond it the derivative has saturated."""
    return typed(Array, np.clip(x, -bound, bound))


def cast(x: Array, dtype: np.dtype) -> Array:
    a = np.asarray(x)
    if a.dtype == dtype:  # the common case: no conversion, no errstate to enter
        return a
    with np.errstate(over="ignore"):
        return a.astype(dtype, copy=False)
