"""Second-order gradcheck (``order: 2``): analytic second derivatives against central finite
differences of the analytic first derivative, in float64, with gradcheck's tolerance rule.

* Elementwise activations (mode ``elementwise``): ``second_derivative`` f''(x) against
  ``(f'(x + eps) - f'(x - eps)) / (2 eps)`` element by element (every element perturbed at
  once: the second derivative is diagonal). Inputs within 2·eps of a kink of f' (the
  catalog's ``kink_points``, and ``second_kink_points`` where only f'' jumps) and non-finite
  inputs are skipped, as for f'. Vector activations
  have no ``second_derivative``: a 422 on ``order``.
* Losses: mode ``full`` (up to 256 y_pred elements, or ``fast_mode: false`` up to 4096) checks
  the ``hessian`` output column by column, ``(grad(p + eps e_j) - grad(p - eps e_j)) / (2 eps)``,
  and ``hvp`` for a random vector v against ``(grad(p + eps v) - grad(p - eps v)) / (2 eps)``;
  mode ``projections`` (beyond, or ``fast_mode: true``) checks ``hvp`` along ``directions``
  random unit vectors. Loss kinks (mae at p = y, the hinge margin, the epsilon clip) are not
  skipped, as for the gradient.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import numpy as np

from service.compute import activations as act
from service.compute import losses as losses_mod
from service.compute.errors import InvalidInputError
from service.compute.inspect.gradcheck import (
    FORCED_FULL_MAX_INPUTS,
    FULL_MAX_LOSS_INPUTS,
    Array,
    DecodeTensor,
    Tolerance,
    _empty,
    _report,
    _unit,
    _unravel,
    compare,
)


def gradcheck_activation_second(
    name: str,
    x: Array,
    params: Mapping[str, Any] | None,
    t: Tolerance,
    decode_tensor: DecodeTensor | None = None,
) -> dict[str, Any]:
    """f'' of an elementwise activation against central differences of its f'."""
    entry, p = act.resolve(name, params, decode_tensor)
    if entry.kind != "elementwise" or entry.second is None or entry.derivative is None:
        raise InvalidInputError(
            f"order 2 checks the elementwise second derivative; {entry.name} is a vector "
            "function (check its Jacobian with order 1)"
            if entry.kind == "vector"
            else f"{entry.name} has no second derivative in this service yet",
            ("order",),
        )
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        return _empty(t, "elementwise")
    finite = np.isfinite(x)
    kinks = np.zeros(x.shape, dtype=bool)
    for k in (*entry.kink_points(p), *entry.second_kink_points(p)):
        kinks |= np.abs(x - k) <= 2 * t.eps
    mask = finite & ~kinks
    with np.errstate(all="ignore"):
        numeric = (entry.derivative(x + t.eps, p) - entry.derivative(x - t.eps, p)) / (2 * t.eps)
        analytic = entry.second(x, p)
    checks = [compare("second_derivative", analytic, numeric, t, mask)]
    skipped = {
        "nonfinite": int(np.count_nonzero(~finite)),
        "near_kink": int(np.count_nonzero(finite & kinks)),
    }
    return _report(
        checks,
        "elementwise",
        t,
        show=checks[0],
        index_of=_unravel,
        extra={"skipped": skipped, "evaluations": 3},
    )


def gradcheck_loss_second(
    name: str,
    y_true: Array | None,
    y_pred: Array | None,
    params: Mapping[str, Any] | None,
    t: Tolerance,
    *,
    reduction: str,
    sample_weight: Array | None,
    convention: str,
    fast_mode: bool | None,
    directions: int,
    seed: int,
    decode_tensor: DecodeTensor | None = None,
    inputs: Mapping[str, Array] | None = None,
) -> dict[str, Any]:
    """The loss's ``hessian`` and ``hvp`` against central differences of its ``grad``, with
    respect to the main input (y_pred, or x1 / anchor; the other ``inputs`` held fixed)."""
    entry = losses_mod.LOSSES.get(name)
    main = entry.main_input if isinstance(entry, losses_mod.MoreLoss) else "y_pred"
    others = {k: v for k, v in (inputs or {}).items() if k != main}
    x_main = y_pred if main == "y_pred" else (inputs or {}).get(main)
    if x_main is None:
        raise InvalidInputError(f"expected {main} for {entry.name}", (main,))
    yp = np.asarray(x_main, dtype=np.float64)
    calls = [0]

    def run(pred: Array, *, hessian: bool = False, v: Array | None = None) -> losses_mod.LossResult:
        calls[0] += 1
        extra = others if main == "y_pred" else {**others, main: pred}
        with np.errstate(all="ignore"):
            return losses_mod.evaluate_loss(
                name,
                y_true,
                pred if main == "y_pred" else y_pred,
                params,
                reduction=reduction,
                sample_weight=sample_weight,
                convention=convention,
                dtype=np.float64,
                decode_tensor=decode_tensor,
                hessian=hessian,
                v=v,
                max_hessian_elements=FORCED_FULL_MAX_INPUTS,
                inputs=extra or None,
            )

    def grad(pred: Array) -> Array:
        return np.asarray(run(pred).grad, dtype=np.float64).reshape(yp.shape)

    def fd(u: Array) -> Array:
        with np.errstate(all="ignore"):
            return cast(np.ndarray, (grad(yp + t.eps * u) - grad(yp - t.eps * u)) / (2 * t.eps))

    n = yp.size
    if fast_mode is False and n > FORCED_FULL_MAX_INPUTS:
        raise InvalidInputError(
            f"expected at most {FORCED_FULL_MAX_INPUTS} y_pred elements for fast_mode false, "
            f"got {n}; use fast_mode true or null",
            ("fast_mode",),
        )
    full = fast_mode is False or (fast_mode is None and n <= FULL_MAX_LOSS_INPUTS)
    rng = np.random.default_rng(seed)
    mask = np.isfinite(yp)
    skipped = {"nonfinite": int(np.count_nonzero(~mask)), "near_kink": 0}
    if n == 0:
        run(yp)  # shape errors still count
        return _empty(t, "full")
    if full:
        v = rng.uniform(0.5, 1.5, size=yp.shape) * rng.choice([-1.0, 1.0], size=yp.shape)
        base = run(yp, hessian=True, v=v)
        assert base.hessian is not None and base.hvp is not None
        hess = np.asarray(base.hessian, dtype=np.float64).reshape(*yp.shape, *yp.shape)
        cols = np.empty((n, n))
        for j in range(n):  # column j: the gradient's central difference along e_j
            e = np.zeros(n)
            e[j] = 1.0
            cols[:, j] = fd(e.reshape(yp.shape)).reshape(-1)
        numeric = cols.reshape(*yp.shape, *yp.shape)
        col_mask = np.broadcast_to(mask.reshape(*yp.shape, *([1] * yp.ndim)), numeric.shape)
        col_mask = col_mask & np.broadcast_to(mask, numeric.shape)
        checks = [
            compare("hessian", hess, numeric, t, col_mask),
            compare("hvp", base.hvp, fd(v), t, mask),
        ]
        return _report(
            checks,
            "full",
            t,
            show=checks[0],
            index_of=_unravel,
            extra={"skipped": skipped, "evaluations": calls[0]},
        )
    us = np.stack([_unit(rng, yp.shape, mask) for _ in range(directions)])
    an = np.stack([np.asarray(run(yp, v=u).hvp, dtype=np.float64) for u in us])
    num = np.stack([fd(u) for u in us])
    checks = [compare("hvp", an.reshape(directions, *yp.shape), num, t)]
    return _report(
        checks,
        "projections",
        t,
        show=None,
        index_of=_unravel,
        extra={"skipped": skipped, "evaluations": calls[0], "directions": directions},
    )
