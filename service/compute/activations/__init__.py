"""Activation functions: values, derivatives, Jacobians, VJPs and parameter gradients.

Pure NumPy/SciPy. Each function is one :class:`Activation` entry in :data:`ACTIVATIONS`,
registered where it is defined (``elementwise()`` in ``_elementwise.py``, ``vector()`` in
``_vector.py``): its forward, its derivative / VJP / Jacobian beside it, its parameters
(:class:`~service.compute.params.ParamSpec`), learnable ones with ``param_grads``, its
catalog metadata, the variants verify recognises and its test parameter sets. Adding an
activation is one entry (docs/activations.md, "Adding an activation").

Public interface:

* :data:`ACTIVATIONS` -- the registry (canonical names and PyTorch/Keras aliases);
* :func:`resolve` -- name + raw params -> (entry, resolved params), with cross-parameter checks;
* :func:`evaluate` -- the outputs ``value``, ``derivative``, ``jacobian``, ``vjp``,
  ``param_grads`` for one request, computed in float64 or float32;
* :func:`jacobian_size` -- the element count of a Jacobian before computing it (limits);
* :func:`catalog` -- JSON-ready catalog entries.

Jacobian layout (docs/activations.md): for ``x`` of shape ``S`` whose ``axis`` has size
``n`` and output
``y``, the Jacobian has shape ``y.shape + (n,)``; entry ``(..., i, ..., j)`` is
``dy[..., i, ...] / dx[..., j, ...]``. Elementwise functions use the same layout (diagonal along
``axis``); for a 0-d ``x`` their Jacobian is the 0-d derivative.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from typing import Any

import numpy as np

from service.compute.activations import _elementwise, _more, _vector  # noqa: F401  (registers)
from service.compute.activations._core import ACTIVATIONS, Activation, normalize_axis
from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec, given_as, resolve_params

__all__ = [
    "ACTIVATIONS",
    "OUTPUTS",
    "Activation",
    "ParamSpec",
    "catalog",
    "evaluate",
    "jacobian_size",
    "resolve",
]

OUTPUTS: tuple[str, ...] = (
    "value",
    "derivative",
    "jacobian",
    "vjp",
    "param_grads",
    "second_derivative",
)
DTYPES: tuple[np.dtype, ...] = (np.dtype(np.float64), np.dtype(np.float32))

DecodeTensor = Callable[[Any, tuple[str | int, ...]], np.ndarray]


def _check_finite(act: Activation, p: dict[str, Any]) -> None:
    for spec in act.params:
        v = p.get(spec.name)
        if spec.type in ("float", "tensor") and v is not None:
            arr = np.asarray(v, dtype=np.float64)
            if not np.all(np.isfinite(arr)):
                raise InvalidInputError(
                    f"expected a finite number for {spec.name}, got {v!r}"
                    if arr.ndim == 0
                    else f"expected finite values for {spec.name}, got some non-finite",
                    ("params", spec.name),
                )


def _decode_nested(value: Any, loc: tuple[str | int, ...]) -> np.ndarray:
    """Fallback tensor decoder for direct callers: a (nested) list of numbers."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError("expected a number or a rectangular list of numbers", loc) from exc
    return arr


def resolve(
    name: str | Activation,
    params: Mapping[str, Any] | None,
    decode_tensor: DecodeTensor | None = None,
) -> tuple[Activation, dict[str, Any]]:
    """Look up ``name`` (UnknownNameError, 404; an entry is taken as it is) and resolve
    ``params``.

    Aliases map to canonical names; unknown names, wrong types and out-of-range values raise
    InvalidInputError with ``loc`` ``("params", <name>)``. Then non-finite numbers are rejected
    and the entry's cross-parameter checks run (hard_tanh min_val <= max_val, rrelu
    lower <= upper, celu alpha != 0).
    """
    act = name if isinstance(name, Activation) else ACTIVATIONS.get(name)
    if params is not None and not isinstance(params, Mapping):
        raise InvalidInputError(f"expected an object of parameters, got {params!r}", ("params",))
    given = dict(params or {})
    p = resolve_params(act.params, given, ("params",), decode_tensor or _decode_nested)
    _check_finite(act, p)
    if act.check_params is not None:
        try:
            act.check_params(p)
        except InvalidInputError as exc:
            # located at the name the client used (hard_tanh's max_value for max_val)
            exc.loc = tuple(given_as(act.params, given).get(str(part), part) for part in exc.loc)
            raise
    return act, p


def _as_array(v: Any, dtype: np.dtype, loc: tuple[str, ...]) -> np.ndarray:
    if isinstance(v, np.ndarray) and v.dtype == dtype:  # decoded at the edge: nothing to do
        return v
    if np.iscomplexobj(v):
        raise InvalidInputError("expected real numbers, got complex values", loc)
    try:
        with np.errstate(over="ignore"):  # 1e300 as float32 is inf, as the frameworks cast it
            return np.asarray(v, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"expected a numeric tensor, got {type(v).__name__}", loc) from exc


def evaluate(
    name: str | Activation,
    x: np.ndarray,
    params: Mapping[str, Any] | None = None,
    *,
    axis: int = -1,
    grad_output: np.ndarray | None = None,
    outputs: Collection[str] | None = None,
    dtype: np.dtype | type = np.float64,
    decode_tensor: DecodeTensor | None = None,
) -> dict[str, Any]:
    """Evaluate activation ``name`` at ``x`` and return the requested outputs.

    ``outputs`` is a subset of ``("value", "derivative", "jacobian", "vjp", "param_grads",
    "second_derivative")`` (the last: elementwise f'', torch's double backward); by default
    ``value`` + ``derivative`` for elementwise functions and ``value`` + ``jacobian`` for vector
    functions. ``vjp`` and ``param_grads`` use ``grad_output`` (default: ones of the
    output's shape), which must have the output's shape. Everything is computed in ``dtype``
    (float64 or float32; ``x`` and ``grad_output`` are cast) and returned in it; ``param_grads``
    is ``{param_name: array}`` shaped like the parameter.

    ``axis`` is the softmax axis of vector functions; for elementwise functions it only sets
    where the diagonal Jacobian's input index comes from (checked when x has dimensions,
    ignored for 0-d x).
    """
    dt = np.dtype(dtype)
    if dt not in DTYPES:
        raise InvalidInputError(f"expected dtype float64 or float32, got {dt.name}", ("dtype",))
    act, p = resolve(name, params, decode_tensor)
    xa = _as_array(x, dt, ("x",))

    if outputs is None:
        wanted = ["value", "derivative" if act.kind == "elementwise" else "jacobian"]
    else:
        if isinstance(outputs, str):
            outputs = [outputs]
        wanted = list(dict.fromkeys(outputs))
        for i, o in enumerate(wanted):
            if o not in OUTPUTS:
                raise InvalidInputError(
                    f"expected outputs among {', '.join(OUTPUTS)}, got {o!r}", ("outputs", i)
                )
    if "derivative" in wanted and act.kind == "vector":
        raise InvalidInputError(
            f"{act.name} is a vector function: it has no elementwise derivative; ask for "
            "'jacobian' or 'vjp'",
            ("outputs",),
        )
    if "second_derivative" in wanted:
        _check_second(act)
    if "param_grads" in wanted and act.param_grads is None:
        learnable = ", ".join(a.name for a in ACTIVATIONS if a.param_grads is not None)
        raise InvalidInputError(
            f"{act.name} has no learnable parameters; 'param_grads' applies to {learnable}",
            ("outputs",),
        )
    if act.kind == "vector" or xa.ndim > 0:
        normalize_axis(xa, axis)

    # the value is always computed: it checks shapes (the entry's own checks) and fixes y.shape
    y = act.forward(xa, p, axis)
    g: np.ndarray | None = None
    if grad_output is not None:
        g = _as_array(grad_output, dt, ("grad_output",))
        if g.shape != y.shape:
            raise InvalidInputError(
                f"expected shape {tuple(y.shape)} like the output (x has shape "
                f"{tuple(xa.shape)}), got {tuple(g.shape)}",
                ("grad_output",),
            )
    elif "vjp" in wanted or "param_grads" in wanted:
        g = np.ones(y.shape, dtype=dt)

    out: dict[str, Any] = {}
    for o in wanted:
        if o == "value":
            out[o] = y
        elif o == "derivative":
            assert act.derivative is not None
            out[o] = act.derivative(xa, p)
        elif o == "jacobian":
            out[o] = act.jacobian(xa, p, axis)
        elif o == "vjp":
            assert g is not None
            out[o] = act.vjp(xa, g, p, axis)
        elif o == "param_grads":
            assert g is not None and act.param_grads is not None
            out[o] = act.param_grads(xa, g, p, axis)
        elif o == "second_derivative":
            assert act.second is not None
            out[o] = act.second(xa, p)
    return out


def _check_second(act: Activation) -> None:
    """``second_derivative`` is elementwise f'' (torch's double backward); 422 otherwise."""
    if act.kind == "vector":
        raise InvalidInputError(
            f"{act.name} is a vector function: 'second_derivative' is the elementwise f'' of "
            "an elementwise activation (a vector function's second derivative is a 3-tensor)",
            ("outputs",),
        )
    if act.second is None:
        raise InvalidInputError(
            f"{act.name} has no second derivative in this service yet", ("outputs",)
        )


def jacobian_size(
    x_shape: tuple[int, ...] | list[int],
    p: Mapping[str, Any] | None = None,
    axis: int = -1,
    name: str | None = None,
) -> int:
    """Number of elements of the Jacobian for input shape ``x_shape`` (before computing it).

    ``prod(y.shape) * n`` with ``n = x_shape[axis]``; 1 for a 0-d input. Pass ``name`` (and the
    resolved params ``p``) for the exact count of maxout and glu, whose outputs are shorter than
    their inputs; without ``name`` the result is ``prod(x_shape) * n``, an upper bound that is
    exact for every other activation. An out-of-range axis counts as 0 (the request fails later
    with a 422 on ``axis``).
    """
    shape = tuple(int(s) for s in x_shape)
    if not shape:
        return 1
    if not -len(shape) <= axis < len(shape):
        return 0
    n = shape[axis]
    out = shape
    if name is not None:
        act = ACTIVATIONS.get(name)
        rp: dict[str, Any] = {s.name: s.default for s in act.params}
        rp.update(p or {})
        out = act.output_shape(shape, rp, axis)
    return math.prod(out) * n


def catalog() -> list[dict[str, Any]]:
    """Every entry's :meth:`Activation.catalog`, in registration order."""
    return [a.catalog() for a in ACTIVATIONS]
