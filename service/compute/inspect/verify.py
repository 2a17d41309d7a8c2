"""Verify a client's own implementation of an activation, a loss or an optimizer step.

The client sends the target, its inputs and its own outputs in its dtype (float16, float32 or
float64). The service computes the reference in float64 from the same inputs (float16 and
float32 inputs are exact in float64) and compares each output element by element, in the
client's dtype:

* ``ulp`` distance: the number of representable numbers of the client's dtype between the
  client's value and the reference rounded to that dtype (+0 and −0 are the same number; two
  NaNs, or two equal infinities, agree; NaN against a number is an infinite distance);
* an element passes when that distance is at most ``tolerance.ulp`` (default 4), or when
  |client − reference| <= ``tolerance.atol`` (default: ``ulp`` units in the last place of the
  largest finite reference magnitude of the same output, so that results of cancellation near
  zero — tanh_shrink(1e−4), a softmax gradient that sums to 0 — are not called errors);
* per output: ``max_abs_error``, ``max_rel_error`` (over elements whose reference is non-zero),
  ``max_ulp``, the number of ``mismatches`` and the ``first_mismatches`` (row-major order,
  ``index``, ``client``, ``reference``), ``passed`` and a ``diagnosis``.

Diagnosis: when an output fails, the known variants are computed in float64 and the first one
the client's numbers match (every element within 16 times the tolerance) is named. Variants
that hold for every function of a family are here: ``sign_flipped``, ``derivative_at_output``
(f' evaluated at y = f(x)), ``diagonal_jacobian_only`` (only ∂y_i/∂x_i of a vector function),
``missing_chain_rule_factor`` (a VJP or param_grads without grad_output; a from_logits loss's
gradient with respect to the probabilities), ``missing_mean_division`` (a loss without the 1/N
of the mean over samples, or the 1/C of the per-sample mean, or both) and the loss's other
``conventions``. Variants of one function are data on its registry entry
(``Activation.variants``, ``Loss.variants``: other libraries' defaults such as
``leaky_slope_0.01``, gelu's two forms, a derivative missing a factor) and are iterated here
without naming the function. The optimizers' are on theirs too (``Optimizer.variants``). Then
``scaled`` (activations and losses): every element is k × the reference for one k ≠ 0, ±1
(least squares; reported in ``factor``). Failures that are not a whole variant are named when
every mismatch has the same cause: ``float32_overflow`` (``float16_overflow``,
``float64_overflow``): the client has ±inf/NaN where the reference, in the client's dtype, is
finite; ``kink_convention``: the client
differs only where x sits exactly on a kink, where the one-sided derivatives differ (the
reference follows PyTorch: relu'(0) = 0…).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from service.compute import activations as act
from service.compute import losses as losses_mod
from service.compute import optimizers as optim
from service.compute.activations._core import diag_jacobian
from service.compute.errors import InvalidInputError
from service.compute.optimizers.tree import flatten, unflatten
from service.compute.params import check_number
from service.compute.variants import Variant as EntryVariant
from service.compute.variants import plain

Array = np.ndarray
DecodeTensor = Callable[[Any, tuple[str | int, ...]], np.ndarray]

VARIANT_SLACK = 16.0
MAX_LISTED = 1000
ACTIVATION_OUTPUTS = ("value", "derivative", "jacobian", "vjp", "param_grads")
LOSS_OUTPUTS = ("loss", "grad", "per_sample")
DTYPE_NAMES: dict[str, type[np.floating[Any]]] = {
    "float16": np.float16,
    "float32": np.float32,
    "float64": np.float64,
}


@dataclass(frozen=True)
class VerifyTolerance:
    """``ulp`` units in the last place of the client's dtype, or ``atol`` absolute (default
    ``ulp`` ULPs of the largest reference magnitude of the output); ``max_listed`` mismatches
    are listed per output."""

    ulp: float = 4.0
    atol: float | None = None
    max_listed: int = 10

    def check(self) -> VerifyTolerance:
        loc = ("tolerance",)
        check_number(self.ulp, (*loc, "ulp"))
        if self.atol is not None:
            check_number(self.atol, (*loc, "atol"))
        m = self.max_listed
        if isinstance(m, bool) or not isinstance(m, int) or not 0 <= m <= MAX_LISTED:
            raise InvalidInputError(
                f"expected an integer in [0, {MAX_LISTED}], got {m!r}", (*loc, "max_listed")
            )
        return self

    def scaled(self, k: float) -> VerifyTolerance:
        return VerifyTolerance(self.ulp * k, None if self.atol is None else self.atol * k, 0)


def client_dtype(name: str | None, declared: Iterable[str | None] = ()) -> type[np.floating[Any]]:
    """The client's dtype: ``name`` when the request gives it, else the widest float dtype its
    flat/b64 outputs declare (``declared``; None for a number or a nested list, which declares
    none), float64 when none does or one declares an integer dtype."""
    if name is not None:
        if name not in DTYPE_NAMES:
            raise InvalidInputError(
                f"expected float16, float32 or float64, got {name!r}", ("dtype",)
            )
        return DTYPE_NAMES[name]
    wire = [d for d in declared if d is not None]
    if not wire or any(d not in DTYPE_NAMES for d in wire):
        return np.float64
    return max((DTYPE_NAMES[d] for d in wire), key=lambda t: np.dtype(t).itemsize)


# --------------------------------------------------------------------------------------------
# element comparison


def _ordered(a: Array) -> Array:
    """Map floats to integers that are consecutive for consecutive floats (±0 -> 0)."""
    if a.dtype == np.float16:
        b = a.view(np.int16).astype(np.int64)
        return np.where(b < 0, -(b & 0x7FFF), b)
    if a.dtype == np.float32:
        b = a.view(np.int32).astype(np.int64)
        return np.where(b < 0, -(b & 0x7FFFFFFF), b)
    b = a.view(np.int64)
    return np.where(b < 0, -(b & 0x7FFFFFFFFFFFFFFF), b)


def ulp_distance(client: Array, reference: Array, dtype: type[np.floating[Any]]) -> Array:
    """ULP distance in ``dtype`` between ``client`` and ``reference`` rounded to ``dtype``."""
    with np.errstate(over="ignore", invalid="ignore"):
        c = np.array(client, dtype=dtype)  # contiguous copies (0-d stays 0-d)
        r = np.array(reference, dtype=dtype)
    oc, orf = _ordered(c), _ordered(r)
    same = (oc >= 0) == (orf >= 0)
    with np.errstate(over="ignore"):
        near = np.abs(oc - orf).astype(np.float64)  # exact when the signs agree
        far = np.abs(oc.astype(np.float64)) + np.abs(orf.astype(np.float64))
    d = np.where(same, near, far)
    cn, rn = np.isnan(c), np.isnan(r)
    d = np.where(cn | rn, np.inf, d)
    return np.where(cn & rn, 0.0, d)


@dataclass
class Comparison:
    ok: Array
    abs_err: Array
    ulps: Array
    client: Array  # float64
    reference: Array  # float64
    rounded: Array  # reference in the client's dtype, as float64
    atol: float = 0.0  # the absolute tolerance in force


def compare(
    client: Array, reference: Array, dtype: type[np.floating[Any]], tol: VerifyTolerance
) -> Comparison:
    c = np.asarray(client, dtype=np.float64)
    r = np.asarray(reference, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        rounded = r.astype(dtype).astype(np.float64)
        ulps = ulp_distance(c, r, dtype)
        diff = np.abs(c - r)
    both_nan = np.isnan(c) & np.isnan(r)
    same_inf = np.isinf(c) & (c == r)
    diff = np.where(both_nan | same_inf, 0.0, diff)
    diff = np.where(np.isnan(diff), np.inf, diff)
    atol = tol.atol
    if atol is None:
        fin = np.abs(rounded[np.isfinite(rounded)])
        top = dtype(fin.max()) if fin.size else dtype(0)
        atol = float(tol.ulp) * float(np.spacing(top))
    ok = both_nan | (ulps <= tol.ulp) | (diff <= atol)
    return Comparison(ok, diff, ulps, c, r, rounded, atol)


def _summary(cmp: Comparison, tol: VerifyTolerance) -> dict[str, Any]:
    bad = np.flatnonzero(~cmp.ok.reshape(-1))
    nz = (cmp.reference != 0) & np.isfinite(cmp.reference)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        rel = np.where(nz, cmp.abs_err / np.where(nz, np.abs(cmp.reference), 1.0), 0.0)
    shape = cmp.ok.shape
    first = []
    for flat in bad[: tol.max_listed]:
        idx = [int(i) for i in np.unravel_index(int(flat), shape)] if shape else []
        first.append(
            {
                "index": idx,
                "client": float(cmp.client.reshape(-1)[flat]),
                "reference": float(cmp.reference.reshape(-1)[flat]),
                "ulp": float(cmp.ulps.reshape(-1)[flat]),
            }
        )
    return {
        "passed": bad.size == 0,
        "shape": list(shape),
        "count": int(cmp.ok.size),
        "max_abs_error": float(cmp.abs_err.max()) if cmp.ok.size else 0.0,
        "max_rel_error": float(rel.max()) if cmp.ok.size else 0.0,
        "max_ulp": float(cmp.ulps.max()) if cmp.ok.size else 0.0,
        "atol": cmp.atol,
        "mismatches": int(bad.size),
        "first_mismatches": first,
        "diagnosis": None,
        "diagnosis_detail": None,
        "factor": None,
    }


def _matches(
    client: Array, variant: Array | None, dtype: type[np.floating[Any]], tol: VerifyTolerance
) -> bool:
    if variant is None or np.shape(variant) != np.shape(client):
        return False
    return bool(compare(client, variant, dtype, tol.scaled(VARIANT_SLACK)).ok.all())


def _telling(
    client: Array,
    variant: Array | None,
    reference: Array,
    dtype: type[np.floating[Any]],
    tol: VerifyTolerance,
) -> bool:
    """The client matches ``variant`` (within the variant slack) and the reference does not:
    a variant the reference itself matches on these inputs (the 1/N of a mean over one sample;
    a scaled update within the slack of the parameters, as float16's few ULPs per update
    allow) cannot tell what the client did."""
    return _matches(client, variant, dtype, tol) and not _matches(reference, variant, dtype, tol)


def _overflow(cmp: Comparison) -> bool:
    """Every mismatch is a non-finite client value where the rounded reference is finite."""
    bad = ~cmp.ok
    return bool(bad.any()) and bool(
        np.all(~np.isfinite(cmp.client[bad]) & np.isfinite(cmp.rounded[bad]))
    )


OVERFLOW_DETAIL = (
    "every mismatch is ±inf or NaN where the reference is finite in {dtype}: an intermediate "
    "overflowed (exp(x) beyond x ≈ {limit:.1f}, x² beyond ≈ {sq:.3g}); use the stable forms "
    "(log-sum-exp, expit/log_expit, softplus's threshold, clipping before exp)"
)


def _overflow_detail(dtype: type[np.floating[Any]]) -> tuple[str, str]:
    info = np.finfo(dtype)
    name = np.dtype(dtype).name
    return f"{name}_overflow", OVERFLOW_DETAIL.format(
        dtype=name, limit=math.log(float(info.max)), sq=math.sqrt(float(info.max))
    )


Variant = tuple[str, str, Callable[[], Mapping[str, Array | None]]]


def _nice(k: float) -> float | None:
    """The integer n or the fraction 1/n nearest to ``k`` (|n| >= 2), or None."""
    if abs(k) >= 1:
        n = round(k)
        return float(n) if 2 <= abs(n) <= 2**53 else None
    if k == 0 or abs(k) < 2.0**-53:
        return None
    n = round(1 / k)
    return 1.0 / n if abs(n) >= 2 else None


def _factor_text(f: float) -> str:
    if f == round(f):
        return f"{int(f)}"
    n = 1 / f
    if n == round(n):
        return f"1/{int(n)}" if n > 0 else f"−1/{int(-n)}"
    return f"{f:.9g}"


SCALED_DETAIL = (
    "matches {factor} × the reference, one constant factor for every element (a missing or "
    "extra 1/N or 1/C, a factor 2 of a square's derivative, a constant written wrong)"
)


def scaled_factor(
    client: Array, reference: Array, dtype: type[np.floating[Any]], tol: VerifyTolerance
) -> float | None:
    """The factor k (not 0, 1 or −1) with client = k · reference elementwise, or None.

    k is the least-squares fit ⟨c, r⟩/⟨r, r⟩ over the elements where both are finite; it is
    accepted when every element of the client matches k · reference within the tolerance (an
    explicit ``atol`` scaled by |k|; the default atol follows k · reference's magnitude). The
    nearest n or 1/n is tried first and reported when it fits. With fewer than two non-zero
    reference elements (a scalar loss) only such an n or 1/n is accepted: any wrong number is
    some multiple of one number.
    """
    c = np.asarray(client, dtype=np.float64).reshape(-1)
    r = np.asarray(reference, dtype=np.float64).reshape(-1)
    fin = np.isfinite(c) & np.isfinite(r)
    cc, rr = c[fin], r[fin]
    with np.errstate(all="ignore"):
        den = float(np.dot(rr, rr))
        k = float(np.dot(cc, rr)) / den if den > 0 and math.isfinite(den) else math.nan
    if not math.isfinite(k) or k in (0.0, 1.0, -1.0):
        return None
    candidates = [f for f in (_nice(k),) if f is not None]
    if np.count_nonzero(rr) >= 2:
        candidates.append(k)
    for f in candidates:
        t = VerifyTolerance(tol.ulp, None if tol.atol is None else tol.atol * abs(f), 0)
        with np.errstate(all="ignore"):
            if compare(client, f * np.asarray(reference, np.float64), dtype, t).ok.all():
                return f
    return None


class _Checker:
    """Compares client outputs with the reference, diagnosing failures against variants.

    Order: the variants (specific causes first), then ``scaled`` (when ``scaled`` is on), then
    ``float32_overflow``, then the caller's ``partial`` diagnosis (``kink_convention``).
    """

    def __init__(
        self,
        dtype: type[np.floating[Any]],
        tol: VerifyTolerance,
        variants: list[Variant],
        *,
        scaled: bool = False,
    ) -> None:
        self.dtype, self.tol, self.variants = dtype, tol, variants
        self.scaled = scaled
        self._cache: dict[str, Mapping[str, Array | None]] = {}

    def variant(
        self, label: str, make: Callable[[], Mapping[str, Array | None]]
    ) -> Mapping[str, Array | None]:
        if label not in self._cache:
            try:
                with np.errstate(all="ignore"):
                    self._cache[label] = make()
            except InvalidInputError:  # the variant does not apply to these inputs
                self._cache[label] = {}
        return self._cache[label]

    def check(
        self,
        key: str,
        client: Array,
        reference: Array,
        partial: Callable[[Comparison], tuple[str, str] | None] | None = None,
    ) -> dict[str, Any]:
        cmp = compare(client, reference, self.dtype, self.tol)
        out = _summary(cmp, self.tol)
        if out["passed"]:
            return out
        for label, detail, make in self.variants:
            v = self.variant(label + "|" + detail, make).get(key)
            if _telling(client, v, reference, self.dtype, self.tol):
                out["diagnosis"], out["diagnosis_detail"] = label, detail
                return out
        if self.scaled:
            k = scaled_factor(client, reference, self.dtype, self.tol)
            if k is not None:
                out["diagnosis"] = "scaled"
                out["diagnosis_detail"] = SCALED_DETAIL.format(factor=_factor_text(k))
                out["factor"] = k
                return out
        if _overflow(cmp):
            out["diagnosis"], out["diagnosis_detail"] = _overflow_detail(self.dtype)
            return out
        if partial is not None:
            found = partial(cmp)
            if found is not None:
                out["diagnosis"], out["diagnosis_detail"] = found
        return out


def _as_client(a: Any, loc: tuple[str | int, ...]) -> Array:
    arr = np.asarray(a)
    if arr.dtype.kind not in "fiub":
        raise InvalidInputError(f"expected a numeric tensor, got dtype {arr.dtype}", loc)
    return arr.astype(np.float64, copy=False)


def _shape_error(
    key: str, want: tuple[int, ...], got: tuple[int, ...], what: str
) -> InvalidInputError:
    return InvalidInputError(f"expected shape {want} like the reference {what}, got {got}", (key,))


def _report(
    outputs: dict[str, dict[str, Any]],
    dtype: type[np.floating[Any]],
    tol: VerifyTolerance,
    target: dict[str, Any],
) -> dict[str, Any]:
    return {
        "passed": all(o["passed"] for o in outputs.values()),
        "outputs": outputs,
        "dtype": np.dtype(dtype).name,
        "tolerance": {"ulp": tol.ulp, "atol": tol.atol},
        "target": target,
    }


# --------------------------------------------------------------------------------------------
# activations


def _diag_of(jac: Array, axis: int, ndim: int) -> Array:
    """The diagonal ∂y_i/∂x_i of a Jacobian (square along ``axis``), x-shaped."""
    if ndim == 0:
        return jac
    a = axis % ndim
    moved = np.moveaxis(jac, a, -2)
    return np.moveaxis(np.diagonal(moved, axis1=-2, axis2=-1), -1, a)


def verify_activation(
    name: str,
    x: Array,
    outputs: Mapping[str, Any],
    params: Mapping[str, Any] | None = None,
    *,
    axis: int = -1,
    grad_output: Array | None = None,
    dtype: type[np.floating[Any]] = np.float64,
    tol: VerifyTolerance | None = None,
    decode_tensor: DecodeTensor | None = None,
) -> dict[str, Any]:
    """Compare a client's activation outputs with the float64 reference.

    ``outputs`` maps ``value``, ``derivative``, ``jacobian``, ``vjp`` (arrays) and
    ``param_grads`` (a mapping of arrays) to the client's numbers. For a vector function, a
    ``derivative`` or an x-shaped ``jacobian`` is read as a diagonal Jacobian and compared with
    the full one.
    """
    t = (tol or VerifyTolerance()).check()
    sent = {k: v for k, v in outputs.items() if v is not None}
    if not sent:
        raise InvalidInputError(
            f"expected at least one client output among {', '.join(ACTIVATION_OUTPUTS)}, got none",
            (),
        )
    entry, p = act.resolve(name, params, decode_tensor)
    x64 = _as_client(x, ("x",))
    g64 = None if grad_output is None else _as_client(grad_output, ("grad_output",))
    vector = entry.kind == "vector"

    def ref_outputs(xx: Array, prm: Mapping[str, Any] | None) -> dict[str, Any]:
        wanted = []
        for k in sent:
            wanted.append("jacobian" if (k == "derivative" and vector) else k)
        return act.evaluate(
            entry.name,
            xx,
            prm,
            axis=axis,
            grad_output=g64,
            outputs=wanted,
            dtype=np.float64,
            decode_tensor=decode_tensor,
        )

    with np.errstate(all="ignore"):
        ref = ref_outputs(x64, params)
        y = act.evaluate(
            entry.name, x64, params, axis=axis, outputs=["value"], decode_tensor=decode_tensor
        )["value"]

    # client arrays, shaped like the reference (diagonal Jacobians expanded)
    client: dict[str, Array] = {}
    refs: dict[str, Array] = {}
    for k, v in sent.items():
        if k == "param_grads":
            if not isinstance(v, Mapping):
                raise InvalidInputError("expected an object {param_name: tensor}", (k,))
            for pk, pv in v.items():
                if pk not in ref["param_grads"]:
                    valid = ", ".join(ref["param_grads"]) or "none"
                    raise InvalidInputError(
                        f"unknown parameter {pk!r}; learnable parameters: {valid}", (k, pk)
                    )
                r = np.asarray(ref["param_grads"][pk])
                c = _as_client(pv, (k, pk))
                if c.shape != r.shape:
                    raise InvalidInputError(
                        f"expected shape {r.shape} like the parameter, got {c.shape}", (k, pk)
                    )
                client[f"param_grads.{pk}"], refs[f"param_grads.{pk}"] = c, r
            continue
        c = _as_client(v, (k,))
        r = ref["jacobian"] if (k == "derivative" and vector) else ref[k]
        if (
            k in ("derivative", "jacobian")
            and c.shape != r.shape
            and c.shape == x64.shape
            and (not vector or y.shape == x64.shape)
            and x64.ndim
        ):
            c = diag_jacobian(c, axis)  # a diagonal sent as a vector
        if c.shape != r.shape:
            raise _shape_error(k, tuple(r.shape), tuple(c.shape), k)
        client[k], refs[k] = c, r

    def from_ref(out: Mapping[str, Any]) -> dict[str, Array | None]:
        res: dict[str, Array | None] = {}
        for k in client:
            if k.startswith("param_grads."):
                res[k] = out.get("param_grads", {}).get(k.split(".", 1)[1])
            elif k == "derivative" and vector:
                res[k] = out.get("jacobian")
            else:
                res[k] = out.get(k)
        return res

    def _entry_variant(v: EntryVariant) -> Callable[[], Mapping[str, Array | None]]:
        if v.derivative is None:
            return lambda: from_ref(ref_outputs(x64, {**plain(p), **v.params}))
        fn = v.derivative

        def with_derivative() -> dict[str, Array | None]:
            d = np.broadcast_to(np.asarray(fn(x64, p), dtype=np.float64), x64.shape)
            g = np.ones_like(x64) if g64 is None else g64
            out: dict[str, Array | None] = {
                "derivative": d,
                "jacobian": diag_jacobian(d, axis) if x64.ndim else d,
                "vjp": g * d,
            }
            return {k: out.get(k) for k in client}

        return with_derivative

    variants: list[Variant] = [
        (
            "sign_flipped",
            "matches the reference with the opposite sign",
            lambda: {k: -r for k, r in refs.items()},
        ),
    ]
    if vector and y.shape == x64.shape:

        def diagonal() -> dict[str, Array | None]:
            jac = act.evaluate(
                entry.name,
                x64,
                params,
                axis=axis,
                outputs=["jacobian"],
                decode_tensor=decode_tensor,
            )["jacobian"]
            d = _diag_of(jac, axis, x64.ndim)
            g = np.ones_like(y) if g64 is None else g64
            return {
                "jacobian": diag_jacobian(d, axis),
                "derivative": diag_jacobian(d, axis),
                "vjp": g * d,
            }

        variants.append(
            (
                "diagonal_jacobian_only",
                "matches only the diagonal ∂y_i/∂x_i of the Jacobian (for softmax s_i(1 − s_i)): "
                "the off-diagonal terms (−s_i·s_j) are missing",
                diagonal,
            )
        )
    if y.shape == x64.shape:

        def at_output() -> dict[str, Array | None]:
            out = from_ref(ref_outputs(y, params))
            out.pop("value", None)
            return out

        variants.append(
            (
                "derivative_at_output",
                "matches the derivative evaluated at the output y = f(x) instead of at the input x "
                "(f'(f(x)); e.g. σ'(σ(x)) where σ'(x) = σ(x)(1 − σ(x)) was meant)",
                at_output,
            )
        )
    variants += [
        (v.diagnosis, v.describe(p), _entry_variant(v)) for v in entry.variants if v.applies(p)
    ]
    if (
        g64 is not None
        and not np.all(g64 == 1)
        and any(k == "vjp" or k.startswith("param_grads.") for k in client)
    ):

        def without_g() -> dict[str, Array | None]:
            out = act.evaluate(
                entry.name,
                x64,
                params,
                axis=axis,
                outputs=["vjp", *(["param_grads"] if entry.param_grads else [])],
                decode_tensor=decode_tensor,
            )
            res = from_ref(out)
            for k in ("value", "derivative", "jacobian"):
                res.pop(k, None)
            return res

        variants.append(
            (
                "missing_chain_rule_factor",
                "matches the backward pass without the upstream gradient (grad_output taken as "
                "ones: f'(x) or Jᵀ·1) where grad_output · f'(x) (Jᵀ·grad_output) is meant: the "
                "factor grad_output is missing",
                without_g,
            )
        )

    kinks = entry.kink_points(p) if entry.kind == "elementwise" else []

    def at_kinks(cmp: Comparison) -> tuple[str, str] | None:
        if not kinks or cmp.ok.shape != x64.shape:
            return None
        on = np.isin(x64, np.asarray(kinks, dtype=np.float64))
        bad = ~cmp.ok
        if bad.any() and bool(np.all(on[bad])):
            where = ", ".join(f"{k:g}" for k in kinks)
            return (
                "kink_convention",
                f"differs only where x is exactly at a kink ({where}), where the one-sided "
                "derivatives differ; the reference follows PyTorch's choice (the catalog's "
                "kink convention), JAX and Keras sometimes take the other side",
            )
        return None

    checker = _Checker(dtype, t, variants, scaled=True)
    results = {
        k: checker.check(k, client[k], refs[k], at_kinks if k in ("derivative", "vjp") else None)
        for k in client
    }
    target = {"kind": "activation", "name": entry.name, "params": _plain(p)}
    return _report(results, dtype, t, target)


def _plain(p: Mapping[str, Any]) -> dict[str, Any]:
    return plain(p)


# --------------------------------------------------------------------------------------------
# losses


def verify_loss(
    name: str,
    y_true: Array,
    y_pred: Array,
    outputs: Mapping[str, Any],
    params: Mapping[str, Any] | None = None,
    *,
    reduction: str = "mean",
    sample_weight: Array | None = None,
    convention: str = "torch",
    dtype: type[np.floating[Any]] = np.float64,
    tol: VerifyTolerance | None = None,
    decode_tensor: DecodeTensor | None = None,
) -> dict[str, Any]:
    """Compare a client's ``loss``, ``grad`` and ``per_sample`` with the float64 reference."""
    t = (tol or VerifyTolerance()).check()
    sent = {k: v for k, v in outputs.items() if v is not None}
    if not sent:
        raise InvalidInputError(
            f"expected at least one client output among {', '.join(LOSS_OUTPUTS)}, got none", ()
        )
    entry = losses_mod.LOSSES.get(name)
    yp = _as_client(y_pred, ("y_pred",))
    sw = None if sample_weight is None else _as_client(sample_weight, ("sample_weight",))

    def run(red: str = reduction, conv: str = convention) -> dict[str, Array]:
        with np.errstate(all="ignore"):
            r = losses_mod.evaluate_loss(
                name,
                y_true,
                yp,
                params,
                reduction=red,
                sample_weight=sw,
                convention=conv,
                dtype=np.float64,
                decode_tensor=decode_tensor,
            )
        return {"loss": r.loss, "grad": r.grad, "per_sample": r.per_sample}

    ref = run()
    client: dict[str, Array] = {}
    for k, v in sent.items():
        c = _as_client(v, (k,))
        r = ref[k]
        if c.shape != r.shape:
            raise _shape_error(k, tuple(r.shape), tuple(c.shape), k)
        client[k] = c

    c_len = yp.shape[-1] if yp.ndim else 1
    variants: list[Variant] = [
        (
            "sign_flipped",
            "matches the reference with the opposite sign",
            lambda: {k: -ref[k] for k in client},
        ),
    ]
    if reduction == "mean":
        variants.append(
            (
                "missing_mean_division",
                "matches the sum over samples: the 1/N of the mean reduction is missing",
                lambda: {**run("sum"), "per_sample": None},
            )
        )
    if entry.per_sample_reduction == "mean" and c_len > 1:
        variants.append(
            (
                "missing_mean_division",
                f"matches {c_len} times the reference: the 1/C of the per-sample mean over the "
                f"last axis (C = {c_len}) is missing",
                lambda: {k: ref[k] * c_len for k in client},
            )
        )
        if reduction == "mean":
            variants.append(
                (
                    "missing_mean_division",
                    "matches the sum over all elements: both the 1/N of the mean reduction and the "
                    f"1/C of the per-sample mean (C = {c_len}) are missing",
                    lambda: {**{k: v * c_len for k, v in run("sum").items()}, "per_sample": None},
                )
            )
    prm = losses_mod.resolve_loss_params(entry, name, params, decode_tensor)

    def with_params(v: EntryVariant) -> Callable[[], Mapping[str, Array | None]]:
        merged = {**plain(prm), **v.params}
        return lambda: run_with(merged)

    def run_with(prm2: Mapping[str, Any], y_pred2: Array | None = None) -> dict[str, Array]:
        with np.errstate(all="ignore"):
            r = losses_mod.evaluate_loss(
                entry.name,
                y_true,
                yp if y_pred2 is None else y_pred2,
                prm2,
                reduction=reduction,
                sample_weight=sw,
                convention=convention,
                dtype=np.float64,
                decode_tensor=decode_tensor,
            )
        return {"loss": r.loss, "grad": r.grad, "per_sample": r.per_sample}

    variants += [
        (v.diagnosis, v.describe(prm), with_params(v)) for v in entry.variants if v.applies(prm)
    ]

    def under(conv: str) -> Callable[[], Mapping[str, Array | None]]:
        return lambda: run(conv=conv)

    variants += [
        (
            f"{other}_convention",
            f"matches the loss under convention {other!r} instead of {convention!r} (see the "
            "catalog's conventions)",
            under(other),
        )
        for other in entry.conventions
        if other != convention
    ]
    squash = entry.logits_activation
    if prm.get("from_logits") and squash is not None and "grad" in client:

        def on_probabilities() -> dict[str, Array | None]:
            probs = act.evaluate(squash, yp, outputs=["value"])["value"]
            grad = run_with({**plain(prm), "from_logits": False}, probs)["grad"]
            return {"grad": grad}

        variants.append(
            (
                "missing_chain_rule_factor",
                f"matches the gradient with respect to the probabilities p = {squash}(z) where "
                f"the gradient with respect to the logits z is meant (from_logits=true): the "
                f"factor ∂p/∂z, the {squash} Jacobian, is missing",
                on_probabilities,
            )
        )
    checker = _Checker(dtype, t, variants, scaled=True)
    results = {k: checker.check(k, client[k], ref[k]) for k in client}
    target = {"kind": "loss", "name": entry.name, "reduction": reduction, "convention": convention}
    return _report(results, dtype, t, target)


# --------------------------------------------------------------------------------------------
# optimizers


def _leaves(tree: Any, loc: tuple[str | int, ...]) -> list[tuple[tuple[str, ...], Array]]:
    return [(p, _as_client(v, (*loc, *p))) for p, v in flatten(tree, loc)]


def _to64(tree: Any, loc: tuple[str | int, ...]) -> Any:
    if tree is None:
        return None
    leaves = _leaves(tree, loc)
    return unflatten([p for p, _ in leaves], [v for _, v in leaves])


def _state64(state: Any) -> Any:
    if not isinstance(state, Mapping):
        return state
    out = dict(state)
    if isinstance(state.get("slots"), Mapping):
        out["slots"] = {
            k: _to64(v, ("state", "slots", k)) if v is not None else v
            for k, v in state["slots"].items()
        }
    return out


def _key(prefix: str, path: tuple[str, ...]) -> str:
    return ".".join((prefix, *path))


def verify_optimizer(
    name: str,
    params: Any,
    grads: Any,
    result: Mapping[str, Any],
    state: Any = None,
    hyperparams: Mapping[str, Any] | None = None,
    *,
    clip: Mapping[str, Any] | None = None,
    regularization: Mapping[str, Any] | None = None,
    dtype: type[np.floating[Any]] = np.float64,
    tol: VerifyTolerance | None = None,
) -> dict[str, Any]:
    """Compare the ``params`` (and ``state`` slots) a client's step produced with one float64
    reference step of ``optimizers.step`` from the same params, grads, state and hyperparams.

    Outputs are named ``params`` (a single tensor) or ``params.<path>``, and
    ``state.slots.<slot>[.<path>]``.
    """
    t = (tol or VerifyTolerance()).check()
    if not isinstance(result, Mapping) or result.get("params") is None:
        raise InvalidInputError(
            'expected result: {"params": <the params your step produced>, "state"?}', ("result",)
        )
    opt = optim.OPTIMIZERS.get(name, ("target", "name"))
    p64 = _to64(params, ("params",))
    g64 = _to64(grads, ("grads",))
    s64 = _state64(state)

    def run(variant: optim.OptimizerVariant | None = None) -> optim.StepResult:
        with np.errstate(all="ignore"):
            return optim.step(
                opt.name,
                p64,
                g64,
                s64,
                hyperparams,
                clip=clip,
                regularization=regularization,
                variant=variant,
            )

    ref = run()
    hp = optim.resolve_hyperparams(opt, hyperparams)
    ref_leaves = dict(_leaves(ref.params, ("params",)))
    in_leaves = dict(_leaves(p64, ("params",)))
    client_leaves = _leaves(result["params"], ("result", "params"))
    client: dict[str, Array] = {}
    refs: dict[str, Array] = {}
    for path, c in client_leaves:
        if path not in ref_leaves:
            raise InvalidInputError(
                f"{'/'.join(path) or 'params'} is not a parameter of the request",
                ("result", "params", *path),
            )
        r = ref_leaves[path]
        if c.shape != r.shape:
            raise InvalidInputError(
                f"expected shape {r.shape} like params, got {c.shape}", ("result", "params", *path)
            )
        client[_key("params", path)], refs[_key("params", path)] = c, r
    for path in ref_leaves:
        if _key("params", path) not in client:
            raise InvalidInputError(
                f"missing {'/'.join(path) or 'params'}", ("result", "params", *path)
            )
    ref_slots = ref.state["slots"]
    c_state = result.get("state")
    if c_state is not None:
        if not isinstance(c_state, Mapping) or not isinstance(c_state.get("slots", {}), Mapping):
            raise InvalidInputError(
                'expected a state object {"step", "slots"}', ("result", "state")
            )
        for slot, tree in (c_state.get("slots") or {}).items():
            if slot not in ref_slots:
                valid = ", ".join(ref_slots) or "none"
                raise InvalidInputError(
                    f"unexpected slot {slot!r}; {opt.name} has: {valid}",
                    ("result", "state", "slots", slot),
                )
            want = dict(_leaves(ref_slots[slot], ("state",)))
            for path, c in _leaves(tree, ("result", "state", "slots", slot)):
                if path not in want or c.shape != want[path].shape:
                    raise InvalidInputError(
                        f"expected the slot's tensors shaped like params, got {c.shape} at "
                        f"{'/'.join(path) or slot}",
                        ("result", "state", "slots", slot, *path),
                    )
                k = _key(f"state.slots.{slot}", path)
                client[k], refs[k] = c, want[path]

    def slot_outputs(res: optim.StepResult) -> dict[str, Array | None]:
        out: dict[str, Array | None] = {
            _key("params", path): v for path, v in _leaves(res.params, ("params",))
        }
        for slot, tree in res.state["slots"].items():
            for path, v in _leaves(tree, ("state",)):
                out[_key(f"state.slots.{slot}", path)] = v
        return out

    ref_all = slot_outputs(ref)

    def with_params(new: Mapping[tuple[str, ...], Array]) -> dict[str, Array | None]:
        out = dict(ref_all)
        for path, v in new.items():
            out[_key("params", path)] = v
        return out

    variants: list[Variant] = [
        (
            "sign_flipped",
            "matches the update applied with the opposite sign (p + Δ instead of p − Δ)",
            lambda: with_params({pa: 2 * in_leaves[pa] - r for pa, r in ref_leaves.items()}),
        ),
    ]
    # the entry's recognised variants, each its own step through the same machinery; one that
    # gives exactly the reference's numbers here cannot be what the client did
    for v in opt.variants:

        def make(v: optim.OptimizerVariant = v) -> Mapping[str, Array | None]:
            out = slot_outputs(run(v))
            same = all(
                np.array_equal(np.asarray(out.get(k)), np.asarray(ref_all[k]), equal_nan=True)
                for k in client
            )
            return {} if same else out

        variants.append((v.name, v.detail, make))
    factor = _update_factor(client, in_leaves, ref_leaves, dtype, t)
    if factor is not None:
        variants.append(
            (
                "scaled",
                UPDATE_SCALED_DETAIL.format(factor=_factor_text(factor)),
                lambda: with_params(
                    {
                        pa: in_leaves[pa] + factor * (r - in_leaves[pa])
                        for pa, r in ref_leaves.items()
                    }
                ),
            )
        )
    checker = _Checker(dtype, t, variants)
    results = {k: checker.check(k, client[k], refs[k]) for k in client}
    for res in results.values():
        if res["diagnosis"] == "scaled":
            res["factor"] = factor
    target = {
        "kind": "optimizer",
        "name": opt.name,
        "hyperparams": _plain(hp),
        "step": ref.state["step"],
    }
    return _report(results, dtype, t, target)


UPDATE_SCALED_DETAIL = (
    "matches the step with the update multiplied by {factor}, p − {factor}·Δ for every "
    "parameter (the learning rate applied twice or not at all, a missing 1/N, a constant "
    "written wrong)"
)


def _update_factor(
    client: Mapping[str, Array],
    in_leaves: Mapping[tuple[str, ...], Array],
    ref_leaves: Mapping[tuple[str, ...], Array],
    dtype: type[np.floating[Any]],
    tol: VerifyTolerance,
) -> float | None:
    """The one k (not 0, 1 or −1) with the client's update = k × the reference update.

    k is the least-squares fit ⟨Δc, Δr⟩/⟨Δr, Δr⟩ of the client's update Δc = p_client − p on
    the reference's Δr over every parameter; the nearest n or 1/n is preferred when the client
    matches p + k·Δr with it (each parameter within the variant slack), else the fitted k.
    """
    num = den = 0.0
    pairs = []
    for pa, r in ref_leaves.items():
        c = client.get(_key("params", pa))
        if c is None:
            return None
        with np.errstate(all="ignore"):
            dc, dr = (c - in_leaves[pa]).reshape(-1), (r - in_leaves[pa]).reshape(-1)
        fin = np.isfinite(dc) & np.isfinite(dr)
        num += float(np.dot(dc[fin], dr[fin]))
        den += float(np.dot(dr[fin], dr[fin]))
        pairs.append((c, in_leaves[pa], r - in_leaves[pa]))
    if not den > 0 or not math.isfinite(num / den):
        return None
    k = num / den
    if abs(k - 1) < 1e-6 or abs(k + 1) < 1e-6 or k == 0:
        return None
    for f in (_nice(k), k):
        if f is None:
            continue
        scaled = [(c, p + d, p + f * d) for c, p, d in pairs]
        # the client matches the scaled step, and the reference step is not within its slack
        if all(_matches(c, v, dtype, tol) for c, _, v in scaled) and not all(
            _matches(r, v, dtype, tol) for _, r, v in scaled
        ):
            return f
    return None
