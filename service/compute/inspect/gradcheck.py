"""Finite-difference gradient checks of the registered activations and losses.

Like ``torch.autograd.gradcheck`` (defaults ``eps`` = 1e-6, ``atol`` = 1e-5, ``rtol`` = 1e-3),
in float64, with central differences ``n = (f(x + eps·e) − f(x − eps·e)) / (2·eps)``, and an entry
passes when ``|a − n| <= atol + rtol·|n|`` (``torch.allclose``). Which analytic quantities are
checked, and how (``mode``):

* ``elementwise`` (elementwise activations, any size): the Jacobian is diagonal, so perturbing
  every element at once gives each f'(x_i) exactly; ``derivative`` (the registry's f') and
  ``vjp`` (the backward pass, for a random cotangent v: vjp(x, v) against v·n) are compared
  element by element, and ``param_grads`` of learnable parameters (PReLU's alpha) against
  central differences of ⟨v, f(x; α)⟩ per parameter element. ``analytic``/``numeric`` are
  f'(x) and n, shaped like x.
* ``full`` (vector activations and losses with small inputs): one probe per input element gives
  the whole numeric Jacobian, shaped ``y.shape + x.shape`` (the layout of
  ``torch.autograd.functional.jacobian``; a loss, being a scalar, gives ``y_pred.shape``). For an
  activation the backward pass (``vjp`` with each unit cotangent) gives the analytic Jacobian
  and the ``jacobian`` output (API layout ``y.shape + [n]`` along ``axis``) is compared with the
  matching entries; for a loss the ``grad`` output is compared.
* ``projections`` (large inputs, or ``fast_mode``): like torch's fast mode and
  ``jax.test_util.check_grads``, k random unit directions u in input space and unit cotangents v
  in output space; each compares the scalar vᵀJu from central differences along u with the
  analytic ⟨vjp(x, v), u⟩ (and, for vector activations, vᵀ(J_axis·u) from the ``jacobian``
  output; for losses ⟨grad, u⟩). ``worst_index`` is then the direction's number.

Inputs where central differences say nothing are skipped and counted: non-finite x, and for
elementwise activations x within 2·eps of a kink (``kink_points``: relu at 0, hard_tanh at ±1…),
where the analytic value follows PyTorch's convention and the difference quotient straddles two
branches. Losses with kinks (mae at y_pred = y_true, hinge at the margin, clipping at ε) are not
skipped: probe them away from those points.

The loss checked is the reduced loss as a function of ``y_pred`` (for ``reduction: "none"`` the
sum of the weighted per-sample losses, the function whose gradient ``grad`` is).

``order=2`` checks second derivatives against differences of the first (``second.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from service.compute import activations as act
from service.compute import losses as losses_mod
from service.compute.activations._core import normalize_axis
from service.compute.errors import InvalidInputError

Array = np.ndarray
DecodeTensor = Callable[[Any, tuple[str | int, ...]], np.ndarray]

EPS = 1e-6
ATOL = 1e-5
RTOL = 1e-3
FULL_MAX_INPUTS = 1024  # auto: full Jacobian up to this many input elements (activations)
FULL_MAX_ENTRIES = 1 << 20  # ... and this many Jacobian entries
# fast_mode=false: at most twice that (2 probes per input: 2048² entries of softmax 0.9 s)
FORCED_FULL_MAX_ENTRIES = 2 * FULL_MAX_ENTRIES
FULL_MAX_LOSS_INPUTS = 256  # auto: full gradient of a loss up to this many y_pred elements
FORCED_FULL_MAX_INPUTS = 4096  # fast_mode=false: hard cap (2 probes per input element)
# ... for a loss: each probe evaluates the whole loss (4096: 1.4 s on one core; 2048: 0.4 s)
FORCED_FULL_MAX_LOSS_INPUTS = 2048
RETURN_MAX = 4096  # analytic/numeric are returned up to this many entries
PROJECTION_JACOBIAN_MAX = 1 << 22  # projections check the jacobian output up to this size
MAX_PARAM_PROBES = 1024  # learnable parameter elements checked by finite differences
DEFAULT_DIRECTIONS = 8
MAX_DIRECTIONS = 64


@dataclass(frozen=True)
class Tolerance:
    eps: float = EPS
    atol: float = ATOL
    rtol: float = RTOL

    def check(self) -> Tolerance:
        for name in ("eps", "atol", "rtol"):
            v = getattr(self, name)
            ok = isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            if not ok or v < 0 or (name == "eps" and v == 0):
                what = "> 0" if name == "eps" else ">= 0"
                raise InvalidInputError(f"expected a finite number {what}, got {v!r}", (name,))
        if self.eps > 1.0:
            raise InvalidInputError(f"expected eps at most 1, got {self.eps!r}", ("eps",))
        return self


# --------------------------------------------------------------------------------------------
# comparison


@dataclass
class Compared:
    """Elementwise comparison of one analytic quantity with its numeric counterpart."""

    name: str
    analytic: Array
    numeric: Array
    fail: Array  # bool, same shape
    abs_err: Array
    rel_err: Array
    excess: Array  # |a - n| / (atol + rtol |n|), NaN-safe (inf where exactly one is NaN)

    def summary(self) -> dict[str, Any]:
        return {
            "passed": not bool(self.fail.any()),
            "max_abs_error": _max(self.abs_err),
            "max_rel_error": _max(self.rel_err),
            "mismatches": int(np.count_nonzero(self.fail)),
            "count": int(self.fail.size),
        }


def _max(a: Array) -> float:
    return float(a.max()) if a.size else 0.0


def compare(
    name: str, analytic: Array, numeric: Array, tol: Tolerance, mask: Array | None = None
) -> Compared:
    """torch.allclose per entry; entries outside ``mask`` count as agreeing (errors 0)."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numeric, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        diff = np.abs(a - n)
        both_nan = np.isnan(a) & np.isnan(n)
        same_inf = np.isinf(a) & (a == n)
        agree = both_nan | same_inf
        diff = np.where(agree, 0.0, diff)
        diff = np.where(np.isnan(diff), np.inf, diff)
        bound = tol.atol + tol.rtol * np.abs(n)
        bound = np.where(np.isfinite(bound), bound, np.inf)
        fail = diff > bound
        an = np.abs(n)
        rel = np.where(an > 0, diff / np.where(an > 0, an, 1.0), np.where(diff > 0, np.inf, 0.0))
        rel = np.where(np.isnan(rel), np.inf, rel)
        excess = np.where(
            bound > 0, diff / np.where(bound > 0, bound, 1.0), np.where(diff > 0, np.inf, 0.0)
        )
    if mask is not None:
        m = np.broadcast_to(mask, fail.shape)
        fail = fail & m
        diff = np.where(m, diff, 0.0)
        rel = np.where(m, rel, 0.0)
        excess = np.where(m, excess, 0.0)
    return Compared(name, a, n, fail, diff, rel, excess)


def _report(
    checks: list[Compared],
    mode: str,
    tol: Tolerance,
    *,
    show: Compared | None,
    index_of: Callable[[Compared, int], list[int]],
    extra: Mapping[str, Any],
) -> dict[str, Any]:
    """Top-level fields from the per-check comparisons: the worst entry over all checks."""
    worst_c: Compared | None = None
    worst_flat = 0
    worst_excess = -1.0
    for c in checks:
        if c.excess.size == 0:
            continue
        i = int(np.argmax(c.excess))
        e = float(c.excess.reshape(-1)[i])
        if e > worst_excess:
            worst_c, worst_flat, worst_excess = c, i, e
    out: dict[str, Any] = {
        "passed": all(not c.fail.any() for c in checks),
        "max_abs_error": max((_max(c.abs_err) for c in checks), default=0.0),
        "max_rel_error": max((_max(c.rel_err) for c in checks), default=0.0),
        "worst_index": None,
        "worst": None,
        "mode": mode,
        "checks": {c.name: c.summary() for c in checks},
        "eps": tol.eps,
        "atol": tol.atol,
        "rtol": tol.rtol,
    }
    if worst_c is not None:
        idx = index_of(worst_c, worst_flat)
        out["worst_index"] = idx
        out["worst"] = {
            "check": worst_c.name,
            "index": idx,
            "analytic": float(worst_c.analytic.reshape(-1)[worst_flat]),
            "numeric": float(worst_c.numeric.reshape(-1)[worst_flat]),
            "abs_error": float(worst_c.abs_err.reshape(-1)[worst_flat]),
            "rel_error": float(worst_c.rel_err.reshape(-1)[worst_flat]),
        }
    small = show is not None and show.analytic.size <= RETURN_MAX
    out["analytic"] = show.analytic if small and show is not None else None
    out["numeric"] = show.numeric if small and show is not None else None
    out.update(extra)
    return out


def _empty(t: Tolerance, mode: str) -> dict[str, Any]:
    """The report for an empty input: nothing to compare, nothing failed."""
    return _report(
        [],
        mode,
        t,
        show=None,
        index_of=_unravel,
        extra={"skipped": {"nonfinite": 0, "near_kink": 0}, "evaluations": 0},
    )


def _unravel(c: Compared, flat: int) -> list[int]:
    return [int(i) for i in np.unravel_index(flat, c.analytic.shape)] if c.analytic.ndim else []


# --------------------------------------------------------------------------------------------
# activations


def _stack_axis(x: Array, axis: int, vector: bool) -> tuple[int | None, int]:
    """How k probes of x are evaluated in one call: concatenated along axis 0 (returns 0 and
    the unchanged axis), or stacked on a new leading axis (returns None and the shifted axis)."""
    if x.ndim >= 2 and (not vector or axis % x.ndim != 0):
        return 0, axis
    shifted = axis + 1 if axis >= 0 else axis
    return None, shifted


class _Fn:
    """An activation with resolved parameters, evaluated on batches of probes."""

    def __init__(self, entry: Any, p: dict[str, Any], x: Array, axis: int) -> None:
        self.entry, self.p, self.x, self.axis = entry, p, x, axis
        self.vector = entry.kind == "vector"
        self.cat, self.batch_axis = _stack_axis(x, axis, self.vector)
        self.evaluations = 0

    def __call__(self, xs: Array) -> Array:
        """f on each of xs[0], xs[1], ... (xs shape (k, *x.shape)) -> (k, *y.shape)."""
        k = xs.shape[0]
        self.evaluations += k
        with np.errstate(all="ignore"):
            try:
                if self.cat == 0:
                    y = self.entry.forward(
                        xs.reshape(k * self.x.shape[0], *self.x.shape[1:]), self.p, self.axis
                    )
                    return cast(np.ndarray, y.reshape(k, y.shape[0] // k, *y.shape[1:]))
                return cast(np.ndarray, self.entry.forward(xs, self.p, self.batch_axis))
            except InvalidInputError:  # parameter shapes tied to x's layout: one at a time
                return np.stack([self.entry.forward(xi, self.p, self.axis) for xi in xs])

    def vjp(self, gs: Array) -> Array:
        """vjp(x, g) for each g in gs (shape (k, *y.shape)) -> (k, *x.shape)."""
        k = gs.shape[0]
        xs = np.broadcast_to(self.x, (k, *self.x.shape))
        with np.errstate(all="ignore"):
            try:
                if self.cat == 0:
                    xx = xs.reshape(k * self.x.shape[0], *self.x.shape[1:])
                    gg = gs.reshape(k * gs.shape[1], *gs.shape[2:])
                    return cast(
                        np.ndarray,
                        self.entry.vjp(xx, gg, self.p, self.axis).reshape(k, *self.x.shape),
                    )
                return cast(
                    np.ndarray,
                    self.entry.vjp(np.ascontiguousarray(xs), gs, self.p, self.batch_axis),
                )
            except InvalidInputError:
                return np.stack([self.entry.vjp(self.x, g, self.p, self.axis) for g in gs])


def _probes(x: Array, dirs: Array, eps: float) -> Array:
    """[x + eps·d for d in dirs] then [x − eps·d for d in dirs], shape (2k, *x.shape)."""
    step = eps * dirs
    return np.concatenate([x + step, x - step])


def gradcheck_activation(
    name: str,
    x: Array,
    params: Mapping[str, Any] | None = None,
    *,
    axis: int = -1,
    tol: Tolerance | None = None,
    fast_mode: bool | None = None,
    directions: int = DEFAULT_DIRECTIONS,
    seed: int = 0,
    decode_tensor: DecodeTensor | None = None,
    order: int = 1,
) -> dict[str, Any]:
    """Check an activation's derivative / Jacobian / VJP against central differences.

    See the module docstring for the modes; returns the report dict (``passed``,
    ``max_abs_error``, ``max_rel_error``, ``worst_index``, ``worst``, ``analytic``, ``numeric``,
    ``mode``, ``checks``, ``skipped``, ``evaluations``, ``eps``, ``atol``, ``rtol``).
    """
    t = (tol or Tolerance()).check()
    _check_directions(directions, seed)
    if _check_order(order) == 2:
        from service.compute.inspect.second import gradcheck_activation_second

        return gradcheck_activation_second(name, x, params, t, decode_tensor)
    entry, p = act.resolve(name, params, decode_tensor)
    x = np.asarray(x, dtype=np.float64)
    if entry.kind == "vector":
        normalize_axis(x, axis)
    f = _Fn(entry, p, x, axis)
    if x.size == 0:
        with np.errstate(all="ignore"):
            entry.forward(x, p, axis)  # shape errors (glu's odd length...) still count
        return _empty(t, "elementwise" if entry.kind == "elementwise" else "full")
    finite = np.isfinite(x)
    if entry.kind == "elementwise":
        kinks = np.zeros(x.shape, dtype=bool)
        for k in entry.kink_points(p):
            kinks |= np.abs(x - k) <= 2 * t.eps
        mask = finite & ~kinks
        skipped = {
            "nonfinite": int(np.count_nonzero(~finite)),
            "near_kink": int(np.count_nonzero(finite & kinks)),
        }
        return _elementwise(f, t, mask, skipped, seed)
    mask = finite
    skipped = {"nonfinite": int(np.count_nonzero(~finite)), "near_kink": 0}
    with np.errstate(all="ignore"):
        y = entry.forward(x, p, axis)
    n_in, n_out = x.size, y.size
    small = n_in <= FULL_MAX_INPUTS and n_in * n_out <= FULL_MAX_ENTRIES
    if fast_mode is False and not (
        n_in <= FORCED_FULL_MAX_INPUTS and n_in * n_out <= FORCED_FULL_MAX_ENTRIES
    ):
        raise InvalidInputError(
            f"expected at most {FORCED_FULL_MAX_INPUTS} input elements and "
            f"{FORCED_FULL_MAX_ENTRIES} Jacobian entries for fast_mode false, got {n_in} and "
            f"{n_in * n_out}; use fast_mode true or null",
            ("fast_mode",),
        )
    if fast_mode is False or (fast_mode is None and small):
        return _full_vector(f, y, t, mask, skipped)
    return _projections_vector(f, y, t, mask, skipped, directions, seed)


def _elementwise(
    f: _Fn, t: Tolerance, mask: Array, skipped: dict[str, int], seed: int
) -> dict[str, Any]:
    x = f.x
    ones = np.ones((1, *x.shape))
    ys = f(_probes(x, ones, t.eps))
    with np.errstate(all="ignore"):
        numeric = (ys[0] - ys[1]) / (2 * t.eps)
        deriv = f.entry.derivative(x, f.p)
    rng = np.random.default_rng(seed)
    v = rng.uniform(0.5, 1.5, size=x.shape) * rng.choice([-1.0, 1.0], size=x.shape)
    vj = f.vjp(v.reshape(1, *x.shape))[0]
    with np.errstate(all="ignore"):
        vn = v * numeric
    checks = [compare("derivative", deriv, numeric, t, mask), compare("vjp", vj, vn, t, mask)]
    checks += _param_checks(f, v, t, mask)
    return _report(
        checks,
        "elementwise",
        t,
        show=checks[0],
        index_of=_unravel,
        extra={"skipped": skipped, "evaluations": f.evaluations + 1},
    )


def _param_checks(f: _Fn, v: Array, t: Tolerance, mask: Array) -> list[Compared]:
    """``param_grads`` of learnable parameters (PReLU's alpha, scalar or per channel) against
    central differences of ⟨v, f(x; α)⟩, one probe pair per parameter element."""
    entry = f.entry
    if entry.param_grads is None:
        return []
    vv = np.where(mask, v, 0.0)
    with np.errstate(all="ignore"):
        analytic = entry.param_grads(f.x, vv, f.p, f.axis)
    out: list[Compared] = []
    for spec in entry.params:
        if not spec.learnable or spec.name not in analytic:
            continue
        a0 = np.asarray(f.p[spec.name], dtype=np.float64)
        if a0.size > MAX_PARAM_PROBES:
            continue
        flat = a0.reshape(-1)
        numeric = np.empty(flat.size)
        for j in range(flat.size):  # one probe pair per parameter element
            ys = []
            for step in (t.eps, -t.eps):
                a = flat.copy()
                a[j] += step
                prm = {**f.p, spec.name: a.reshape(a0.shape) if a0.ndim else float(a[0])}
                with np.errstate(all="ignore"):
                    ys.append(entry.forward(f.x, prm, f.axis))
                f.evaluations += 1
            with np.errstate(all="ignore"):
                numeric[j] = float(np.sum(np.where(mask, vv * (ys[0] - ys[1]), 0.0))) / (2 * t.eps)
        out.append(
            compare(f"param_grads.{spec.name}", analytic[spec.name], numeric.reshape(a0.shape), t)
        )
    return out


def _full_vector(
    f: _Fn, y: Array, t: Tolerance, mask: Array, skipped: dict[str, int]
) -> dict[str, Any]:
    x = f.x
    n_in, n_out = x.size, y.size
    eye_in = np.eye(n_in).reshape(n_in, *x.shape)
    ys = f(_probes(x, eye_in, t.eps))  # (2 n_in, *y.shape)
    with np.errstate(all="ignore"):
        jn_t = (ys[:n_in] - ys[n_in:]) / (2 * t.eps)  # (n_in, *y.shape): column j of J
    numeric = np.moveaxis(jn_t.reshape(n_in, n_out), 0, -1).reshape(*y.shape, *x.shape)
    eye_out = np.eye(n_out).reshape(n_out, *y.shape)
    analytic = f.vjp(eye_out).reshape(*y.shape, *x.shape)  # row i of J = vjp(e_i)
    col_mask = np.broadcast_to(mask, numeric.shape)
    checks = [compare("vjp", analytic, numeric, t, col_mask)]
    # the API's per-axis jacobian: entries (..., i, ..., j) = J[(..., i, ...), (..., j, ...)]
    with np.errstate(all="ignore"):
        jac = f.entry.jacobian(x, f.p, f.axis)
    if x.ndim:
        a = f.axis % x.ndim
        grid = np.indices(jac.shape)
        y_idx = tuple(grid[: y.ndim])
        x_idx = tuple(grid[y.ndim] if d == a else grid[d] for d in range(x.ndim))
        n_sel = numeric[(*y_idx, *x_idx)]
        m_sel = mask[x_idx]
    else:  # pragma: no cover - vector functions need at least 1-d x
        n_sel, m_sel = numeric, mask
    checks.append(compare("jacobian", jac, n_sel, t, m_sel))
    return _report(
        checks,
        "full",
        t,
        show=checks[0],
        index_of=_unravel,
        extra={"skipped": skipped, "evaluations": f.evaluations + 1},
    )


def _unit(rng: np.random.Generator, shape: tuple[int, ...], mask: Array | None = None) -> Array:
    d = rng.standard_normal(shape)
    if mask is not None:
        d = np.where(mask, d, 0.0)
    n = float(np.linalg.norm(d))
    return d / n if n > 0 else d


def _projections_vector(
    f: _Fn, y: Array, t: Tolerance, mask: Array, skipped: dict[str, int], k: int, seed: int
) -> dict[str, Any]:
    x = f.x
    rng = np.random.default_rng(seed)
    us = np.stack([_unit(rng, x.shape, mask) for _ in range(k)])
    vs = np.stack([_unit(rng, y.shape) for _ in range(k)])
    s_num = np.empty(k)
    s_vjp = np.empty(k)
    s_jac = np.empty(k)
    a = f.axis % x.ndim
    # the per-axis Jacobian has y.size * n entries: checked only when that stays modest
    with_jac = y.size * x.shape[a] <= PROJECTION_JACOBIAN_MAX
    with np.errstate(all="ignore"):
        jm = np.moveaxis(f.entry.jacobian(x, f.p, f.axis), a, -2) if with_jac else None
        for i in range(k):
            ys = f(_probes(x, us[i : i + 1], t.eps))
            ju = (ys[0] - ys[1]) / (2 * t.eps)
            s_num[i] = float(np.sum(vs[i] * ju))
            s_vjp[i] = float(np.sum(f.vjp(vs[i : i + 1])[0] * us[i]))
            if jm is not None:
                um = np.moveaxis(us[i], a, -1)[..., None]  # (..., n, 1)
                ju_a = np.moveaxis((jm @ um)[..., 0], -1, a)
                s_jac[i] = float(np.sum(vs[i] * ju_a))
    checks = [compare("vjp", s_vjp, s_num, t)]
    if jm is not None:
        checks.append(compare("jacobian", s_jac, s_num, t))
    return _report(
        checks,
        "projections",
        t,
        show=None,
        index_of=lambda c, i: [i],
        extra={"skipped": skipped, "evaluations": f.evaluations + 1, "directions": k},
    )


def _check_order(order: int) -> int:
    """1: first derivatives (default); 2: second derivatives against differences of the first."""
    if isinstance(order, bool) or order not in (1, 2):
        raise InvalidInputError(f"expected order 1 or 2, got {order!r}", ("order",))
    return int(order)


def _check_directions(directions: int, seed: int) -> None:
    if (
        isinstance(directions, bool)
        or not isinstance(directions, int)
        or not (1 <= directions <= MAX_DIRECTIONS)
    ):
        raise InvalidInputError(
            f"expected an integer in [1, {MAX_DIRECTIONS}], got {directions!r}", ("directions",)
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidInputError(f"expected an integer >= 0, got {seed!r}", ("seed",))


# --------------------------------------------------------------------------------------------
# losses


def loss_inputs(name: str) -> tuple[str, tuple[str, ...]]:
    """A loss's main input (whose gradient is ``grad``) and every tensor input that takes a
    gradient, main first (``y_pred`` alone for most losses; x1, x2 for margin_ranking...)."""
    entry = losses_mod.LOSSES.get(name)
    if isinstance(entry, losses_mod.MoreLoss):
        return entry.main_input, tuple(entry.inputs)
    return "y_pred", ("y_pred",)


def gradcheck_loss(
    name: str,
    y_true: Array | None,
    y_pred: Array | None,
    params: Mapping[str, Any] | None = None,
    *,
    reduction: str = "mean",
    sample_weight: Array | None = None,
    convention: str = "torch",
    tol: Tolerance | None = None,
    fast_mode: bool | None = None,
    directions: int = DEFAULT_DIRECTIONS,
    seed: int = 0,
    decode_tensor: DecodeTensor | None = None,
    order: int = 1,
    inputs: Mapping[str, Array] | None = None,
) -> dict[str, Any]:
    """Check a loss's gradients against central differences of the reduced loss: ``grad``
    (d loss / d main input: y_pred, or x1 / anchor for the losses whose catalog ``inputs``
    start there) and, for losses with more tensor inputs (``inputs``: x2, positive, var...),
    each ``grads.<field>``, the others held fixed.

    Full gradient (one probe pair per element) up to FULL_MAX_LOSS_INPUTS elements of an
    input, random projections beyond or with ``fast_mode``. ``analytic``/``numeric`` show the
    main input's check.
    """
    t = (tol or Tolerance()).check()
    _check_directions(directions, seed)
    main, fields = loss_inputs(name)
    arrays: dict[str, Array | None] = {"y_pred": y_pred, **(inputs or {})}
    if _check_order(order) == 2:
        from service.compute.inspect.second import gradcheck_loss_second

        return gradcheck_loss_second(
            name,
            y_true,
            y_pred,
            params,
            t,
            reduction=reduction,
            sample_weight=sample_weight,
            convention=convention,
            fast_mode=fast_mode,
            directions=directions,
            seed=seed,
            decode_tensor=decode_tensor,
            inputs=inputs,
        )
    calls = [0]

    def run(values: Mapping[str, Array | None]) -> losses_mod.LossResult:
        calls[0] += 1
        extra = {k: v for k, v in values.items() if k != "y_pred" and v is not None}
        with np.errstate(all="ignore"):
            return losses_mod.evaluate_loss(
                name,
                y_true,
                values.get("y_pred"),
                params,
                reduction=reduction,
                sample_weight=sample_weight,
                convention=convention,
                dtype=np.float64,
                decode_tensor=decode_tensor,
                inputs=extra or None,
            )

    base = run(arrays)
    x_main = arrays.get(main)
    if x_main is None or np.size(x_main) == 0:
        return _empty(t, "full")
    checks: list[Compared] = []
    skipped = {"nonfinite": 0, "near_kink": 0}
    mode = "full"
    for field in fields:
        x0 = arrays.get(field)
        if x0 is None:
            continue
        x = np.asarray(x0, dtype=np.float64)
        analytic = base.grad if field == main else (base.grads or {}).get(field)
        if analytic is None:
            continue
        grad = np.asarray(analytic, dtype=np.float64).reshape(x.shape)
        label = "grad" if field == main else f"grads.{field}"

        def total(value: Array, field: str = field) -> float:
            with np.errstate(all="ignore"):
                return float(np.sum(run({**arrays, field: value}).loss))

        check, field_mode = _loss_field_check(
            label, x, grad, total, t, fast_mode, directions, seed, field
        )
        skipped["nonfinite"] += int(np.count_nonzero(~np.isfinite(x)))
        checks.append(check)
        if field == main:
            mode = field_mode
    if mode == "full":
        return _report(
            checks,
            "full",
            t,
            show=checks[0],
            index_of=_unravel,
            extra={"skipped": skipped, "evaluations": calls[0]},
        )
    return _report(
        checks,
        "projections",
        t,
        show=None,
        index_of=lambda c, i: [i],
        extra={"skipped": skipped, "evaluations": calls[0], "directions": directions},
    )


def _loss_field_check(
    label: str,
    x: Array,
    grad: Array,
    total: Callable[[Array], float],
    t: Tolerance,
    fast_mode: bool | None,
    directions: int,
    seed: int,
    field: str,
) -> tuple[Compared, str]:
    """One input's analytic gradient against central differences of the reduced loss: every
    element (full) for small inputs, random projections uᵀ∇ beyond or in fast mode."""
    mask = np.isfinite(x)
    n = x.size
    if fast_mode is False and n > FORCED_FULL_MAX_LOSS_INPUTS:
        raise InvalidInputError(
            f"expected at most {FORCED_FULL_MAX_LOSS_INPUTS} {field} elements for fast_mode "
            f"false, got {n}; use fast_mode true or null",
            ("fast_mode",),
        )
    if fast_mode is False or (fast_mode is None and n <= FULL_MAX_LOSS_INPUTS):
        flat = x.reshape(-1)
        numeric = np.empty(n)
        for j in range(n):  # one probe pair per element: the finite-difference definition
            e = np.zeros(n)
            e[j] = t.eps
            with np.errstate(all="ignore"):
                numeric[j] = (
                    total((flat + e).reshape(x.shape)) - total((flat - e).reshape(x.shape))
                ) / (2 * t.eps)
        return compare(label, grad, numeric.reshape(x.shape), t, mask), "full"
    rng = np.random.default_rng(seed)
    s_num = np.empty(directions)
    s_an = np.empty(directions)
    for i in range(directions):
        u = _unit(rng, x.shape, mask)
        with np.errstate(all="ignore"):
            s_num[i] = (total(x + t.eps * u) - total(x - t.eps * u)) / (2 * t.eps)
            s_an[i] = float(np.sum(np.where(mask, grad, 0.0) * u))
    return compare(label, s_an, s_num, t), "projections"
