"""Property-based differential test of gradserve against PyTorch 2.13 (slow suite).

Run with ``make test-slow`` (it builds ``.venv-torch`` with torch, mpmath, hypothesis and the
project) or ``.venv-torch/bin/python -m pytest -q -m slow tests/differential``.

What is drawn, per family, from the registries (nothing here lists an entry's parameters):

* **activations**: every entry; every ParamSpec (PReLU's ``alpha`` per channel, 0 channels
  included); float64/float32; shapes 0-d to 3-d with size-0 axes; values from subnormal to
  near overflow of the dtype, the kink points, NaN and ±inf; value and VJP (and PReLU's
  parameter gradient) against ``torch.autograd``.
* **losses**: every entry; every ParamSpec (epsilon, label_smoothing, delta, beta, gamma,
  alpha, margins, p, eps, swap, full, log_input, ignore_index, axis) and the tensor
  parameters (class_weight, pos_weight: a number or one per class); ``sample_weight``; every
  reduction; size-0 batches; float64/float32; NaN/±inf in y_pred, in the other tensor inputs
  and in real-valued y_true; every tensor input's gradient.
* **optimizers**: every entry; every hyperparameter from its ParamSpecs (momentum, nesterov,
  dampening, weight_decay, amsgrad, maximize, centered, betas, eps, lr_decay, ...); clipping
  by value, norm or global norm; 1-4 steps through the HTTP API with the returned state sent
  back unchanged in a drawn encoding (nested, flat, b64); NaN/±inf gradients; size-0
  parameters; float64/float32.

Non-finite inputs. Each entry's catalog ``nonfinite.torch`` text decides: ``agrees`` (or
``logits: agrees`` with from_logits, or ``agrees on values``/``values agree`` for the values)
means torch's NaN/±inf must be matched exactly; otherwise the entry's own rule is asserted
there instead (activations: NaN in → NaN out, ±inf → the limits f(±max), f'(±max); losses:
a NaN entering a sample makes its loss and the reduced loss NaN, "NaN gradient" rules give a
NaN in the gradient row; ``mean`` over zero samples (D = 0) is 0 with a zero gradient, NaN
where a sample's loss is NaN). A loss's per-element gradient is computed before the reduction
multiplies in the sample weight (and 1/C, 1/D for ``mean``); where it exceeds the dtype's range
and torch's weighted one does not (weight 0: 0·inf = NaN here), the element is not
compared; where torch's autograd forms a NaN at finite inputs in a row of weight 0, the
service must give that row's exact gradient, 0, and the row is not compared.
Invalid parameter combinations (refused by the service or by torch) are rejected, not
compared.

Tolerances (ULP-based). float64: |s − t| ≤ 64·ε₆₄·m; float32: ≤ 16·ε₃₂·m, with m the scale
of the quantities the formula rounds: max(1, |t|, |x|) elementwise for activations, the
max over the inputs and weights for losses, the max |parameter| (×4) for optimizers. Both
sides compute the same formula up to a few roundings of quantities of size m (torch's
s(1 − s), 1 − tanh², s − y cancel at that scale), so the error is a few ULPs of m, not of the
tiny result. torch keeps celu's 1/alpha and hardsigmoid's 1/6 as float32 constants in float64
(the service uses float64 ones): m × 2²⁹ there.

Disputes. Where service and torch differ beyond tolerance at finite inputs, ``highprec``
evaluates the function with mpmath at 60 digits; the service must be within the same ULP
tolerance of that reference (rounded to the dtype); the case is then recorded as "torch
inaccurate" (listed at the end of the run) and passes. No reference, or the service also off:
the test fails. Row references: categorical_focal_crossentropy, and triplet_margin,
cosine_embedding and gaussian_nll (``highprec``: the row loss and every input's gradient, in
the extended reals where a row holds ±inf; ``_dispute_rows``). triplet_margin with p < 1e-3
is rejected (1/p amplifies one ULP of |d|^p) and its tolerance grows as 1/p (of the result
for p < 1).

Optimizers: the parameters and every state slot the service and torch both keep (same name
and shape) are compared after each step, the slots at 4·max(1, max|slot|). float32 steps,
elementwise: torch's optimizer replayed in float64 over the whole trajectory. Any dtype:
one step of torch's optimizer in float64 from the inputs the service was given (its
parameters, the state it stored, the clipped gradient), parameters and slots, at the scale
of the terms the step rounds: max(|p|, |p_new − p|), max(|s|, |s_new|) (for float32 the
more precise arithmetic; for float64 torch's own step given the service's inputs, recorded
as such). RMSprop and ASGD (any dtype):
the one step in exact arithmetic from those inputs (``highprec.optimizer_step``; RMSprop's
slots too), at the scale of the terms, max(|p|, |η·update|). Each step is judged from the
service's own inputs, so once torch's trajectory leaves the service's (torch rounded a term
away), the later steps are still judged; the state is judged at every step, so a wrong
stored state cannot become the next step's reference.

Run length. ``GRADSERVE_DIFF_EXAMPLES`` examples per function (default 60, one derandomized
hypothesis run: reproducible). ``GRADSERVE_DIFF_SECONDS`` (total wall-clock budget) instead
splits the budget evenly over the functions and runs each in chunks of 25 examples with
hypothesis seeds 0, 1, 2, ... (from ``GRADSERVE_DIFF_SEED``, default 0, so a new run can
explore other examples) until its share is used (still reproducible by seed; a failure
names its seed). A budgeted run does not shrink a failing example (shrinking is unbounded in
time and once held a 10-minute run for hours): it prints the example as drawn;
``GRADSERVE_DIFF_SHRINK=1`` shrinks it. The end of the run prints examples and seconds per family.
"""

from __future__ import annotations

import base64
import math
import os
import time
import warnings
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, reject, seed, settings
from hypothesis import strategies as st

from service.compute.activations import ACTIVATIONS, evaluate
from service.compute.errors import InvalidInputError
from service.compute.losses import LOSSES, MoreLoss, evaluate_loss
from service.compute.optimizers import OPTIMIZERS
from tests.differential import highprec, strategies
from tests.differential.torch_ref import (
    ACT,
    COMPOSED_ACT,
    TORCH_OPT,
    lamb_step,
    lion_step,
    loss_ref,
)

pytestmark = pytest.mark.slow
torch.set_default_dtype(torch.float64)

N_FUNCTIONS = len(list(ACTIVATIONS)) + len(list(LOSSES)) + len(list(OPTIMIZERS))
SECONDS = float(os.environ.get("GRADSERVE_DIFF_SECONDS", "0") or 0)
EXAMPLES = int(os.environ.get("GRADSERVE_DIFF_EXAMPLES", "60"))
SHRINK = os.environ.get("GRADSERVE_DIFF_SHRINK", "") not in ("", "0")
SEED = int(os.environ.get("GRADSERVE_DIFF_SEED", "0") or 0)
CHUNK = 25
TDT = {"float64": torch.float64, "float32": torch.float32}
ULPS = {"float64": 64, "float32": 16}
DTYPES = st.sampled_from(["float64", "float32"])


def _unit_exponent(w: Any) -> int:
    """The power of two e with 2^e · max finite |class weight| in [0.5, 1), when that max is
    beyond 2^±100 (0 otherwise, or without weights)."""
    if w is None:
        return 0
    a = np.abs(np.asarray(w, dtype=np.float64))
    m = float(np.max(np.where(np.isfinite(a), a, 0.0), initial=0.0))
    if m == 0.0 or 2.0**-100 <= m <= 2.0**100:
        return 0
    return -math.frexp(m)[1]


def _scaled(q: dict[str, Any], e: int) -> Any:
    """``q["class_weight"]`` times 2^e (exact), in the form it was given."""
    w = np.ldexp(np.asarray(q["class_weight"], dtype=np.float64), e)
    return float(w) if w.ndim == 0 else w.tolist()


def run_budgeted(family: str, name: str, body: Callable[[Any], None]) -> None:
    """Run ``body(data)`` under hypothesis for EXAMPLES, or for this function's time share."""
    count = [0]

    def counted(data: Any) -> None:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # torch's own notices
            body(data)
        count[0] += 1

    common: dict[str, Any] = {
        "deadline": None,
        "suppress_health_check": list(HealthCheck),
        "database": None,
    }
    t0 = time.monotonic()
    if not SECONDS:
        given(data=st.data())(
            settings(max_examples=EXAMPLES, derandomize=True, **common)(counted)
        )()
    else:
        share = SECONDS / N_FUNCTIONS
        if not SHRINK:  # a long run reports its first failing example as drawn, at once
            common["phases"] = (Phase.explicit, Phase.reuse, Phase.generate)
        k = SEED
        while time.monotonic() - t0 < share:

            def chunk(data: Any) -> None:  # a fresh function: settings decorate it once
                counted(data)

            try:
                seed(k)(given(data=st.data())(settings(max_examples=CHUNK, **common)(chunk)))()
            except Exception as e:
                e.add_note(f"{family} {name}: chunk seed {k}")
                raise
            k += 1
    fam = highprec.RUNS.setdefault(family, {"functions": 0, "examples": 0, "seconds": 0.0})
    fam["functions"] += 1
    fam["examples"] += count[0]
    fam["seconds"] += time.monotonic() - t0


def _bad(s: np.ndarray, t: np.ndarray, scale: Any, dt: str) -> np.ndarray:
    """Mask of elements where s and t disagree (NaN == NaN, ±inf exact, finite ULP-scaled)."""
    assert s.shape == t.shape, (s.shape, t.shape)
    s64, t64 = s.astype(np.float64), t.astype(np.float64)
    both = np.isfinite(s64) & np.isfinite(t64)
    same = (s64 == t64) | (np.isnan(s64) & np.isnan(t64))
    scale = np.maximum(scale, np.abs(np.where(np.isfinite(t64), t64, 0)))
    tol = ULPS[dt] * np.finfo(dt).eps * scale
    with np.errstate(invalid="ignore", over="ignore"):
        ok = same | (both & (np.abs(s64 - t64) <= tol))
    return np.asarray(~ok)


def _check(s: Any, t: Any, scale: Any, dt: str, where: str, mask: Any = None) -> None:
    s, t = np.asarray(s), np.asarray(t)
    bad = _bad(s, t, np.broadcast_to(np.asarray(scale, dtype=np.float64), s.shape), dt)
    if mask is not None:
        bad = bad & np.broadcast_to(mask, bad.shape)
    idx = np.argwhere(bad)
    assert idx.size == 0, f"{where}: service {s[bad][:5]} torch {t[bad][:5]} at {idx[:5]}"


def _shape(data: Any, lo: int = 1, hi: int = 3, size: int = 4) -> tuple[int, ...]:
    return tuple(data.draw(st.lists(st.integers(0, size), min_size=lo, max_size=hi)))


def _vals(data: Any, shape: tuple[int, ...], dt: str, elems: Any = None) -> np.ndarray:
    n = math.prod(shape)
    nonfinite = data.draw(st.booleans(), label="nonfinite")
    e = elems if elems is not None else strategies.values(dt, nonfinite)
    if elems is not None and nonfinite:
        e = st.one_of(elems, st.sampled_from(strategies.NONFINITE))
    return strategies.cast(data.draw(st.lists(e, min_size=n, max_size=n)), shape, dt)


def _mode(text: str, logits: bool = False) -> str:
    """How the catalog's nonfinite.torch text says torch relates: full, values or rule."""
    if text == "agrees" or text.startswith("agrees (") or (logits and "logits: agrees" in text):
        return "full"
    if text.startswith(("agrees on values", "values agree")):
        return "values"
    return "rule"


# ---- activations ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [a.name for a in ACTIVATIONS])
def test_activation_matches_torch(name: str) -> None:
    act = ACTIVATIONS.get(name)
    mode = "rule" if name in COMPOSED_ACT else _mode(act.nonfinite.torch)

    def body(data: Any) -> None:
        dt = data.draw(DTYPES)
        shape = list(_shape(data))
        if act.kind == "vector":
            shape[-1] = max(shape[-1], 1)
        if name == "glu":
            shape[-1] = 2 * max(1, shape[-1] // 2)
        channels = shape[1] if len(shape) >= 2 else 1
        prm = strategies.params(act.params, data, length=channels)
        if name == "maxout":
            k = int(prm["pieces"])
            shape[-1] = k * max(1, shape[-1] // k)
        x = _vals(data, tuple(shape), dt)
        if "seed" in prm and prm["seed"] is not None and prm.get("gumbels") is None:
            reject()  # random noise drawn by the service: nothing to compare with
        for s in act.params:  # a tensor parameter is drawn per channel; noise takes x's shape
            if s.type == "tensor" and not s.learnable and prm[s.name] is not None:
                prm[s.name] = data.draw(
                    st.lists(st.floats(-3, 3), min_size=x.size, max_size=x.size)
                )
                prm[s.name] = np.asarray(prm[s.name]).reshape(x.shape).tolist()
        learn = [s.name for s in act.params if s.learnable]
        outputs = ["value", "vjp"] + (["param_grads"] if learn else [])
        try:
            out = evaluate(name, x, prm, outputs=outputs, dtype=dt)
        except InvalidInputError:
            reject()  # a parameter combination the service refuses (min_val > max_val, ...)
        xt = torch.tensor(x, dtype=TDT[dt], requires_grad=True)
        tp: dict[str, Any] = {}
        for s in act.params:
            v = prm[s.name]
            if s.type == "tensor" and v is not None:  # None: gumbel_softmax without noise
                v = torch.tensor(v, dtype=TDT[dt]).reshape(-1).requires_grad_(True)
            tp[s.name] = v
        try:
            yt = ACT[name](xt, tp, -1)
        except (RuntimeError, ValueError):
            reject()  # torch refuses the combination
        yt.backward(torch.ones_like(yt))
        y_s, vjp_s = np.asarray(out["value"]), np.asarray(out["vjp"])
        y_t = yt.detach().numpy()
        vjp_t = xt.grad.numpy() if xt.grad is not None else np.zeros_like(x)
        xf = np.where(np.isfinite(x), x, 0)
        if act.kind == "vector":
            fin = np.broadcast_to(np.all(np.isfinite(x), axis=-1, keepdims=True), x.shape)
            m = np.max(np.abs(xf), axis=-1, keepdims=True, initial=1.0)
            scale_x = np.broadcast_to(m, x.shape)
            scale_y = np.broadcast_to(m, y_s.shape) if y_s.shape[:-1] == x.shape[:-1] else 1.0
        else:
            fin = np.isfinite(x)
            scale_x = np.maximum(1.0, np.abs(xf))
            scale_y = scale_x
        if name in COMPOSED_ACT:  # kinks of composed functions follow jax, not autograd
            kinks = np.isin(x, [-1.0, 1.0, 0.0, 3.0, -3.0, 6.0])
            vjp_t = np.where(kinks, vjp_s, vjp_t)
        if name == "sparsemax" and y_s.size:
            # an entry on the support's edge (|z_j − tau| at rounding level) is a kink
            with np.errstate(invalid="ignore"):
                zs = x - np.max(x, axis=-1, keepdims=True)
                tau = np.max(np.where(y_s > 0, zs - y_s, -np.inf), axis=-1, keepdims=True)
                near = np.abs(zs - tau) <= 64 * np.finfo(dt).eps * scale_x
            edge = np.any(near & ((y_s == 0) | (y_s < 64 * np.finfo(dt).eps * scale_x)), axis=-1)
            vjp_t = np.where(edge[..., None], vjp_s, vjp_t)
        if mode != "full":
            _activation_rule(name, act.kind, mode, x, y_s, vjp_s, prm, dt)
            same = y_s.shape == x.shape
            if mode == "rule":
                y_t = np.where(fin, y_t, y_s) if same else y_t
            vjp_t = np.where(fin if mode == "rule" else ~np.isnan(x), vjp_t, vjp_s)
        if name in ("celu", "hard_sigmoid") and dt == "float64":
            scale_x = scale_x * 2.0**29
        sy = np.maximum(scale_y, np.abs(np.where(np.isfinite(y_t), y_t, 0)))
        sv = np.maximum(scale_x, np.abs(np.where(np.isfinite(vjp_t), vjp_t, 0)))
        y_t, vjp_t = _dispute_activation(name, act.kind, x, prm, dt, y_s, y_t, sy, vjp_s, vjp_t, sv)
        _check(y_s, y_t, sy, dt, f"{name} value x={x!r} params={prm}")
        _check(vjp_s, vjp_t, sv, dt, f"{name} vjp x={x!r} params={prm}")
        for pn in learn:
            pg_t = tp[pn].grad
            pg_s = np.asarray(out["param_grads"][pn]).reshape(-1)
            if pg_t is None or (mode != "full" and not np.all(np.isfinite(x))):
                continue  # NaN x summed into a parameter gradient: the rule (NaN) applies
            s = float(np.sum(np.abs(xf))) + 1.0
            _check(pg_s, pg_t.numpy(), s, dt, f"{name} param_grads {pn} x={x!r} params={prm}")

    run_budgeted("activations", name, body)


def _activation_rule(
    name: str,
    kind: str,
    mode: str,
    x: np.ndarray,
    y: np.ndarray,
    vjp: np.ndarray,
    prm: dict[str, Any],
    dt: str,
) -> None:
    """The catalog's rule where torch differs: NaN in → NaN out; ±inf → the limits."""
    if kind != "elementwise":
        if name == "sparsemax":  # NaN, +inf or only −inf: NaN throughout; −inf else: 0
            nf = np.any(np.isnan(x) | (x == np.inf), axis=-1) | np.all(x == -np.inf, axis=-1)
            assert np.all(np.isnan(y[nf])) and np.all(np.isnan(vjp[nf])), (name, x, y)
            low = (x == -np.inf) & ~nf[..., None]
            assert np.all(y[low] == 0) and np.all(vjp[low] == 0), (name, x, y, vjp)
        return
    nan = np.isnan(x)
    assert np.all(np.isnan(y[nan])) and np.all(np.isnan(vjp[nan])), (name, "NaN rule", x, y, vjp)
    if mode == "values":
        return
    big = np.finfo(dt).max
    tensors = {s.name for s in ACTIVATIONS.get(name).params if s.type == "tensor"}
    tp = {
        k: (
            torch.tensor(v, dtype=TDT[dt]).reshape(-1)
            if isinstance(v, list) or (k in tensors and v is not None)
            else v
        )
        for k, v in prm.items()
    }
    for sgn in (1.0, -1.0):
        at = x == sgn * np.inf
        if not np.any(at):
            continue
        # the limit read from torch at ±max, elementwise over x's shape (a tensor parameter
        # has one value per channel)
        xl = torch.full(x.shape, sgn * big, dtype=TDT[dt], requires_grad=True)
        yl = ACT[name](xl, tp, -1)
        yl.backward(torch.ones_like(yl))
        fl = yl.detach().numpy().astype(np.float64)[at]
        dl = xl.grad.numpy().astype(np.float64)[at]
        with torch.no_grad():
            xh = torch.full(x.shape, sgn * big / 2, dtype=TDT[dt])
            fh = ACT[name](xh, tp, -1).numpy().astype(np.float64)[at]
        read = np.isfinite(fl) & np.isfinite(dl)  # torch itself overflows at ±max: no limit
        # still growing at ±max (|f| doubles from max/2 to max: a tiny slope times x, e.g.
        # leaky_relu with alpha = 1e-40 in float32, f(-max) = -0.034): the limit is ±inf
        grows = np.abs(fl) > 1.5 * np.abs(fh)
        want_f = np.where((np.abs(fl) < 1e10) & ~grows, fl, np.copysign(np.inf, fl))
        tol_f = ULPS[dt] * np.finfo(dt).eps * np.maximum(1.0, np.abs(fl))
        got_f = y[at].astype(np.float64)
        with np.errstate(invalid="ignore"):
            ok_f = (got_f == want_f) | (np.abs(got_f - want_f) <= tol_f)
        assert np.all(ok_f | ~read), (name, "limit f", sgn, got_f, want_f)
        got_d = vjp[at].astype(np.float64)
        with np.errstate(invalid="ignore"):
            ok_d = np.abs(got_d - dl) <= ULPS[dt] * np.finfo(dt).eps * np.maximum(1.0, np.abs(dl))
        assert np.all(ok_d | ~read), (name, "limit f'", sgn, got_d, dl)


def _dispute_activation(
    name: str,
    kind: str,
    x: np.ndarray,
    prm: dict[str, Any],
    dt: str,
    y_s: np.ndarray,
    y_t: np.ndarray,
    sy: Any,
    vjp_s: np.ndarray,
    vjp_t: np.ndarray,
    sv: Any,
) -> tuple[np.ndarray, np.ndarray]:
    """Elements where service and torch differ: decided by the mpmath reference."""
    if kind != "elementwise":
        return y_t, vjp_t
    bad = _bad(y_s, y_t, np.broadcast_to(sy, y_s.shape), dt) | _bad(
        vjp_s, vjp_t, np.broadcast_to(sv, x.shape), dt
    )
    bad &= np.isfinite(x)
    if not np.any(bad):
        return y_t, vjp_t
    y_t, vjp_t = y_t.copy(), vjp_t.copy()
    for i in map(tuple, np.argwhere(bad)):
        ref = highprec.activation(name, float(x[i]), prm, dt)
        if ref is None:
            continue  # no reference: the comparison with torch stands (and fails)
        fr, dr = np.asarray(ref[0]), np.asarray(ref[1])
        s1 = max(1.0, abs(float(x[i])), abs(ref[0]) if np.isfinite(ref[0]) else 0.0)
        s2 = max(1.0, abs(float(x[i])), abs(ref[1]) if np.isfinite(ref[1]) else 0.0)
        if name == "celu":  # e^(x/alpha): rounding x/alpha costs |x/alpha| ULPs of the result
            u = max(1.0, abs(float(x[i]) / float(prm["alpha"])))
            s1, s2 = s1 * u, s2 * u
        if _bad(np.asarray(y_s[i]), fr, s1, dt) or _bad(np.asarray(vjp_s[i]), dr, s2, dt):
            continue  # the service is off too: fails below against torch
        highprec.record(
            "activation",
            name,
            f"x={float(x[i])!r} {dt} params={prm}",
            [float(y_s[i]), float(vjp_s[i])],
            [float(y_t[i]), float(vjp_t[i])],
            [ref[0], ref[1]],
        )
        y_t[i], vjp_t[i] = y_s[i], vjp_s[i]
    return y_t, vjp_t


# ---- losses ---------------------------------------------------------------------------------


def _pred_elems(kind: str, dt: str) -> Any:
    if kind == "probabilities":
        return st.one_of(st.floats(0.0, 1.0), st.sampled_from([0.0, 1.0, 1e-30, 0.5]))
    if kind == "rate":
        return st.one_of(st.floats(0.0, 50.0), st.sampled_from([0.0, 1e-8, 1e-300]))
    if kind == "log_probabilities":
        return st.floats(-30, 0)
    if kind in ("real", "scores"):
        return strategies.finite(dt)
    return st.one_of(st.floats(-50, 50), st.floats(-1e3, 1e3), st.sampled_from([0.0, 30.0, -30.0]))


def _labels(data: Any, kind: str, shape: tuple[int, ...], dt: str) -> np.ndarray:
    n = math.prod(shape)
    nonfinite = data.draw(st.booleans(), label="nonfinite y_true")

    def draw(e: Any, nf_ok: bool) -> np.ndarray:
        if nf_ok and nonfinite:
            e = st.one_of(e, st.sampled_from(strategies.NONFINITE))
        return strategies.cast(data.draw(st.lists(e, min_size=n, max_size=n)), shape, dt)

    if kind == "binary":
        return draw(st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0, 1)), True)
    if kind == "pm1":
        return draw(st.sampled_from([-1.0, 1.0]), True)
    if kind == "count":
        return draw(st.one_of(st.sampled_from([0.0, 1.0, 2.0, 5.0]), st.floats(0, 30)), True)
    c = shape[-1] if shape else 1
    rows = n // max(c, 1)
    if kind == "one_hot":
        idx = data.draw(st.lists(st.integers(0, max(c - 1, 0)), min_size=rows, max_size=rows))
        y = np.eye(c)[idx].reshape(shape) if c else np.zeros(shape)
        if nonfinite and n:
            y = y.copy().reshape(-1)
            y[data.draw(st.integers(0, n - 1))] = data.draw(st.sampled_from(strategies.NONFINITE))
            y = y.reshape(shape)
        return y.astype(dt)
    if kind == "distribution":
        raw = np.asarray(data.draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n)))
        raw = raw.reshape(shape) + 1e-3
        y = raw / raw.sum(-1, keepdims=True) if c else raw
        if nonfinite and n:
            y = y.reshape(-1)
            y[data.draw(st.integers(0, n - 1))] = data.draw(st.sampled_from(strategies.NONFINITE))
            y = y.reshape(shape)
        return y.astype(dt)
    return draw(strategies.finite(dt), True)


def _index_labels(data: Any, batch: tuple[int, ...], c: int, ignore: Any) -> np.ndarray:
    n = math.prod(batch)
    e = st.integers(0, c - 1)
    if ignore is not None and not 0 <= ignore < c:
        e = st.one_of(e, st.just(int(ignore)))
    return np.asarray(data.draw(st.lists(e, min_size=n, max_size=n)), dtype=np.float64).reshape(
        batch
    )


def _multilabel_targets(data: Any, shape: tuple[int, ...]) -> np.ndarray:
    c = shape[-1]
    rows = math.prod(shape[:-1])
    out = []
    for _ in range(rows):
        k = data.draw(st.integers(0, c))
        out.append(
            data.draw(st.lists(st.integers(0, c - 1), min_size=k, max_size=k)) + [-1] * (c - k)
        )
    return np.asarray(out, dtype=np.float64).reshape(shape)


@pytest.mark.parametrize("name", [e.name for e in LOSSES])
def test_loss_matches_torch(name: str) -> None:
    entry = LOSSES.get(name)
    more = isinstance(entry, MoreLoss)
    fields = entry.inputs if isinstance(entry, MoreLoss) else ("y_pred",)
    y_shape = (
        entry.y_true_shape if isinstance(entry, MoreLoss) else ("batch" if entry.sparse else "same")
    )

    def body(data: Any) -> None:
        dt = data.draw(DTYPES)
        batch = _shape(data, 0, 2, 3)
        c = data.draw(st.integers(1, 4))
        shape = (*batch, c)
        q = strategies.params(entry.params, data, length=c)
        kind = entry.input_kind_for(q)
        ins: dict[str, np.ndarray] = {}
        for f in fields:
            if f == "var":
                ins[f] = _vals(
                    data,
                    shape,
                    dt,
                    st.one_of(st.floats(0, 10), st.sampled_from([0.0, 1e-8, 1e-30])),
                )
            elif f in ("x1", "x2", "anchor", "positive", "negative"):
                ins[f] = _vals(data, shape, dt, strategies.finite(dt))
            else:
                ins[f] = _vals(data, shape, dt, _pred_elems(kind, dt))
        if kind == "probabilities" and entry.row_kind == "categorical":
            p = ins["y_pred"].astype(np.float64)
            with np.errstate(invalid="ignore", over="ignore"):
                ins["y_pred"] = ((p + 1e-3) / (p + 1e-3).sum(-1, keepdims=True)).astype(dt)
        if y_shape == "none":
            y = None
        elif entry.label_kind == "index" and y_shape == "same":
            y = _multilabel_targets(data, shape)
        elif entry.label_kind == "index":
            y = _index_labels(data, batch, c, q.get("ignore_index"))
        elif y_shape == "batch":
            y = _labels(data, entry.label_kind, batch, dt)
        else:
            y = _labels(data, entry.label_kind, shape, dt)
        reduction = data.draw(st.sampled_from(["mean", "sum", "none"]))
        sw = None
        if data.draw(st.booleans(), label="sample_weight?"):
            n = math.prod(batch)
            sw = strategies.cast(
                data.draw(
                    st.lists(
                        st.one_of(st.floats(0, 3, allow_subnormal=False), st.just(0.0)),
                        min_size=n,
                        max_size=n,
                    )
                ),
                batch,
                dt,
            )
        main = fields[0]
        try:
            r = evaluate_loss(
                name,
                y,
                ins.get("y_pred") if main == "y_pred" else None,
                q,
                reduction=reduction,
                sample_weight=sw,
                dtype=dt,
                inputs={k: v for k, v in ins.items() if k != "y_pred" or main != "y_pred"}
                if more
                else None,
            )
        except InvalidInputError:
            reject()  # labels or a parameter combination the service refuses
        tins = {k: torch.tensor(v, dtype=TDT[dt], requires_grad=True) for k, v in ins.items()}
        yt = None if y is None else torch.tensor(y, dtype=TDT[dt])
        try:
            per_t, den = loss_ref(name, yt, tins, q)
            per_m, den_m = per_t, den  # what the 'mean' divides
            e = _unit_exponent(q.get("class_weight"))
            if reduction == "mean" and den is not None and e:
                # torch's weighted mean Σ w_y·l / Σ w_y is the same with every class weight
                # times a power of two (exact); a subnormal Σ w_y overflows 1/Σ w_y in
                # torch's backward (-inf for a finite gradient), so the mean is taken with the
                # weights scaled near 1
                per_m, den_m = loss_ref(name, yt, tins, {**q, "class_weight": _scaled(q, e)})
        except (RuntimeError, ValueError, IndexError):
            reject()  # torch refuses the combination
        whole = "axis" in q and q["axis"] is None  # Keras: one loss over the whole batch
        swt = None if sw is None else torch.tensor(sw, dtype=TDT[dt])
        if whole:
            # Keras: L times sum(w) or mean(w); an empty batch's weights give 0 (divide_no_nan)
            scale_w = (
                1.0
                if swt is None
                else (swt.sum() / max(swt.numel(), 1) if reduction == "mean" else swt.sum())
            )
            total = per_t * scale_w if reduction != "none" else per_t * (1 if swt is None else swt)
            target = per_t * (1 if swt is None else (swt.sum() if reduction == "none" else scale_w))
            d_mean = 1.0
        else:
            wl = per_t if swt is None else per_t * swt
            d_mean = float(per_t.numel()) if den is None else den
            if reduction == "none":
                total, target = wl, wl.sum()
            elif reduction == "sum":
                total = target = wl.sum()
            else:
                wl = per_m if swt is None else per_m * swt
                d_mean = float(per_m.numel()) if den_m is None else den_m
                total = target = wl.sum() / d_mean if d_mean else wl.sum() * 0
        grads_t = torch.autograd.grad(target, list(tins.values()), allow_unused=True)
        gt = {
            k: (torch.zeros_like(v) if g is None else g).numpy()
            for (k, v), g in zip(tins.items(), grads_t, strict=True)
        }
        gs = (
            {main: np.asarray(r.grad)}
            if not more
            else {k: np.asarray(v) for k, v in r.grads.items()}
        )

        # scale of the rounded quantities: inputs, labels, weights
        def amax(a: Any) -> float:
            a = np.asarray(a, dtype=np.float64)
            return float(np.max(np.abs(np.where(np.isfinite(a), a, 0)), initial=0.0))

        s = max([1.0, *(amax(v) for v in ins.values()), amax(0 if y is None else y)])
        for k in ("class_weight", "pos_weight"):
            if q.get(k) is not None:
                s *= max(1.0, amax(q[k]))
        if sw is not None:
            s *= max(1.0, amax(sw))
        if name == "mape":
            s *= (
                100.0 / max(1e-7, float(np.min(np.abs(y), initial=1.0)), q["epsilon"])
                if y is not None
                else 1
            )
        if name == "triplet_margin":
            # (sum |d|^p)^(1/p): a one-ULP difference in |d|^p (numpy's pow vs torch's) is
            # amplified by 1/p in the result; below p = 1e-3 no two float implementations
            # agree to a meaningful tolerance (p = 1e-12: ~1e-5 relative), so such p are not
            # compared, and the tolerance grows as 1/p for p < 1
            # (relative to the result: the distances, and the gradients (||w|| / |w_j|)^(1-p),
            # can far exceed the inputs for p < 1). Unless p is a power of two, pow also
            # rounds p and 1/p to the dtype on both sides: x^q is then off by |ln x| ULPs of
            # q, the result by ~|ln |w|| ULPs (up to ~88 in float32, ~745 in float64)
            if q["p"] < 1e-3:
                reject()
            s *= max(1.0, 1.0 / q["p"])
            rel = max(1.0, 1.0 / q["p"])  # ULPs of the result (and of each gradient element)
            if math.frexp(q["p"])[0] != 0.5:
                rel *= 1.0 + _triplet_log_range(ins, q, dt)
            if rel > 1:
                s = max(s, max(amax(per_t.detach()), amax(r.per_sample)) * rel)
        if name == "gaussian_nll":  # (x − y)²/v: the scale grows as 1/v
            vmin = np.where(np.isfinite(ins["var"]), ins["var"], 1.0)
            s /= max(min(float(np.min(vmin, initial=1.0)), 1.0), q["eps"], 1e-150) ** 2
        if name == "tversky" and y is not None:
            s *= _tversky_conditioning(y, ins["y_pred"], q)
        sg: dict[str, Any] = dict.fromkeys(fields, s)  # each gradient's scale (broadcast)
        if name == "triplet_margin" and rel > 1:  # rel (set above) per gradient element
            for k in fields:
                fin = [np.where(np.isfinite(v), np.abs(v), np.nan) for v in (gs[k], gt[k])]
                with np.errstate(invalid="ignore", over="ignore"):
                    g = np.fmax(fin[0], fin[1]).astype(np.float64)  # the finite side(s)
                    # a finite gradient above max / rel has a tolerance beyond float64: inf
                    sg[k] = np.fmax(s, np.where(np.isfinite(g), g * rel, 0.0))
        if name == "cosine_embedding":
            # dcos/dx1 = (u2 - cos u1) / r1, u = x / r, r = sqrt(|x|^2 + eps): terms of size
            # 1/r1 cancel (to ~0 for parallel rows), so the gradient's rounding is ULPs of 1/r1
            # (1/|x1| for small rows, up to 1e6 at x1 = 0), not of the inputs; x2's: 1/r2
            with np.errstate(over="ignore"):
                for k in ("x1", "x2"):
                    rk = np.hypot(np.linalg.norm(ins[k].astype(np.float64), axis=-1), 1e-6)
                    sg[k] = np.fmax(s, 1.0 / rk)[..., None]
        where = f"{name} {dt} q={q} red={reduction} sw={sw!r} y={y!r} ins={ins!r}"

        # rows holding NaN / non-finite values, by the batch
        def rows(pred: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
            m = np.zeros(batch, dtype=bool)
            for v in ins.values():
                m |= np.any(pred(v), axis=-1)
            if y is not None and y_shape != "none" and entry.label_kind != "index":
                yy = np.asarray(y, dtype=np.float64)
                m |= np.any(pred(yy), axis=-1) if y_shape == "same" else pred(yy)
            return m

        nf_rows = rows(lambda a: ~np.isfinite(a))
        if name == "triplet_margin":
            # u - v + eps overflowing the dtype (finite inputs near ±max) is an infinite entry
            # of the distance's argument (pairwise_distance computes it in the dtype on both
            # sides): the non-finite rule applies, values compared in the extended reals
            nf_rows = nf_rows | _triplet_overflow(ins, q, dt)
        nan_rows = rows(np.isnan)
        mode = _mode(entry.nonfinite.torch, logits=bool(q.get("from_logits")))
        if not more and entry.sparse and mode == "rule":
            mode = "rule"
        per_s = np.asarray(r.per_sample)
        per_tn = per_t.detach().numpy()
        if whole:
            nf_any = bool(np.any(nf_rows))
            if mode == "full" or not nf_any:
                _check(per_s, per_tn, s, dt, where + " per_sample")
                _check(np.asarray(r.loss), total.detach().numpy(), s, dt, where + " loss")
                for k in gs:
                    _check(gs[k], gt[k], s, dt, where + f" grad {k}")
            elif np.any(nan_rows):
                assert np.all(np.isnan(per_s)), (where, "NaN rule (whole batch)")
            return
        cmp_rows = np.ones(batch, dtype=bool) if mode == "full" else ~nf_rows
        if entry.sparse and q.get("ignore_index") is not None and y is not None:
            # ignored samples do not enter the loss: loss 0 and gradient 0 (the rule), where
            # torch's log_softmax backward spreads a NaN of the row into them
            ignored = np.asarray(y) == q["ignore_index"]
            assert np.all(per_s[ignored] == 0), (where, "ignored samples: loss 0")
            for k in gs:
                assert not np.any(gs[k][ignored]), (where, "ignored samples: gradient 0")
            cmp_rows = cmp_rows & ~ignored
        val_rows = cmp_rows | (nf_rows if mode == "values" else False)
        disputed = False
        if sw is not None:
            # weight 0 times a per-element gradient beyond the dtype's range (float32; float64:
            # mape's 100 / (C eps) with eps = 2e-313): 0·inf = NaN here, 0 in torch (which
            # multiplies the weight in first); not compared (see module doc)
            zero_w = (np.asarray(sw) == 0) & ~nf_rows
            svc_nan = np.any(np.isnan(gs[main]), axis=-1)
            # and the other way round: at finite inputs a weight of 0 makes the weighted
            # gradient exactly 0 (the per-sample gradient of a function smooth there is
            # finite), which the service gives, where torch's autograd can form NaN first
            # (binary_focal with gamma < 1: gamma (1 - p)^(gamma - 1) = inf times 1 - p = 0
            # where p rounds to 1); those rows must be 0 here and are not compared
            torch_nan = zero_w & ~svc_nan & np.any(np.isnan(gt[main]), axis=-1)
            assert not np.any(gs[main][torch_nan]), (where, "weight 0: gradient 0")
            # (the service's 0·inf = NaN also in a row holding a non-finite input elsewhere:
            # poisson's 1 - y/p at a subnormal p, weight 0)
            cmp_rows = cmp_rows & ~((np.asarray(sw) == 0) & svc_nan) & ~torch_nan
        # likewise a per-sample gradient beyond the dtype's range that its factor w_i (/ D for
        # 'mean') brings back into range (mape: 100 / (C eps) with a tiny eps): the service's
        # row gradient, taken before the reduction applies the factor, is ±inf, torch's finite.
        # Only those elements (|torch| / factor above the dtype's max) are not compared
        fac = np.ones(batch) if sw is None else np.broadcast_to(np.asarray(sw, np.float64), batch)
        if reduction == "mean" and d_mean:
            fac = fac / d_mean
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            for k in gs:
                t64 = gt[k].astype(np.float64)
                # the per-element term before the mean over the last axis (1/C) too
                c = gs[k].shape[-1] if gs[k].ndim else 1
                big = np.abs(t64) * c / fac[..., None] > np.finfo(dt).max
                gt[k] = np.where(np.isinf(gs[k]) & np.isfinite(t64) & big, gs[k], gt[k])
                # and a factor w_i / C (/ D) that is not 0 but rounds to 0 in the dtype
                # (float32 w = 1e-45, C = 2) times an infinite per-element gradient: NaN in
                # torch (0 * inf), the product's limit ±inf here. Only those elements
                lost = (fac != 0) & (np.asarray(fac / c, dtype=dt) == 0)
                gt[k] = np.where(lost[..., None] & np.isinf(gs[k]) & np.isnan(t64), gs[k], gt[k])
        if name in highprec.LOSS_MP and y is not None:
            # finite rows, and ±inf rows whose values are compared ("values" mode; mpmath's
            # extended reals give the limit: torch's soft_margin overflows exp to inf there)
            mp_rows = ~nf_rows | (val_rows & ~nan_rows)
            for i in map(tuple, np.argwhere(_bad(per_s, per_tn, s, dt) & mp_rows)):
                terms = [
                    highprec.loss_term(name, float(a), float(b), dt, q)
                    for a, b in zip(y[i], ins[main][i], strict=True)
                ]
                if all(t is not None for t in terms):
                    ref = float(np.mean([t[0] for t in terms if t is not None]))
                    if not _bad(np.asarray(per_s[i]), np.asarray(ref, dtype=dt), s, dt):
                        highprec.record(
                            "loss",
                            name,
                            f"row y={y[i]!r} y_pred={ins[main][i]!r} {dt}",
                            float(per_s[i]),
                            float(per_tn[i]),
                            ref,
                        )
                        per_tn[i] = per_s[i]
                        disputed = True  # torch's reduced loss carries its error: not compared
            _dispute_loss(name, y, ins[main], q, sw, reduction, d_mean, s, dt, gs[main], gt[main])
        ref = _row_reference(name, ins, y, q, dt)
        if ref is not None:  # rows decided by a row reference (highprec) where torch differs
            disputed |= _dispute_rows(
                name,
                ref,
                val_rows,
                cmp_rows,
                per_s,
                per_tn,
                sw,
                reduction,
                d_mean,
                s,
                sg,
                dt,
                gs,
                gt,
                where,
            )
        if name == "categorical_focal_crossentropy" and y is not None:
            _dispute_focal(y, ins[main], q, sw, reduction, d_mean, s, dt, gs[main], gt[main])
        _check(per_s, per_tn, s, dt, where + " per_sample", val_rows)
        for k in gs:
            _check(gs[k], gt[k], sg[k], dt, where + f" grad {k}", cmp_rows[..., None])
        tl = total.detach().numpy()
        if disputed:
            return
        if reduction == "none":
            _check(np.asarray(r.loss), tl, s, dt, where + " loss", val_rows)
        elif reduction == "mean" and d_mean == 0:
            # D = 0 (no sample, or no non-ignored weight): 0 and a zero gradient (divide_no_nan),
            # but a NaN sample loss (class weight 0 times NaN) stays NaN in the loss and in its
            # gradient elements (never hidden)
            nan_in = bool(np.any(np.isnan(per_s if sw is None else per_s * sw)))
            assert np.isnan(float(r.loss)) if nan_in else float(r.loss) == 0.0, (
                where,
                "mean over D = 0",
                r.loss,
            )
            for k in gs:
                assert not np.any(np.nan_to_num(gs[k], nan=0.0)), (where, "D = 0: zero grad", k)
        elif np.all(val_rows):
            _check(np.asarray(r.loss), tl, s, dt, where + " loss")
        if mode != "full":  # the entry's own rule at the rows torch is not held to
            check_rows = nan_rows & ~val_rows
            if entry.sparse and y is not None:  # ignored samples do not enter the loss
                ii = q.get("ignore_index")
                if ii is not None:
                    check_rows &= np.asarray(y) != ii
            if name == "multilabel_margin" and y is not None:  # rows with at least one target
                check_rows &= np.asarray(y)[..., 0] != -1
            if name == "cosine_embedding" and y is not None:
                check_rows &= np.isin(np.asarray(y), [-1.0, 1.0])
            if name == "multi_margin" and c == 1:  # one class: no term, the loss is 0 (rule)
                check_rows &= False
            assert np.all(np.isnan(per_s[check_rows])), (where, "NaN never hidden", per_s)
            if reduction != "none" and np.any(check_rows):
                assert np.isnan(float(r.loss)), (where, "NaN never hidden by the reduction")
            clipped = kind == "probabilities"  # clipped probabilities: gradient 0 (rule)
            rule = entry.nonfinite.rule
            if not clipped and ("NaN gradient" in rule or "loss and gradient" in rule):
                g = gs[main]
                assert np.all(np.any(np.isnan(g[check_rows]), axis=-1)), (
                    where,
                    "NaN gradient rule",
                    g,
                )

    run_budgeted("losses", name, body)


def _dispute_loss(
    name: str,
    y: np.ndarray,
    p: np.ndarray,
    q: dict[str, Any],
    sw: np.ndarray | None,
    reduction: str,
    d_mean: float,
    s: float,
    dt: str,
    g_s: np.ndarray,
    g_t: np.ndarray,
) -> None:
    """Gradient elements of an elementwise loss where service and torch differ: mpmath decides
    (the reference is dl/dp / C, times the sample weight, / D for 'mean'); torch's value is
    replaced in place by the service's when the service is within tolerance of it."""
    bad = _bad(g_s, g_t, s, dt) & np.isfinite(p) & np.isfinite(y)
    c = p.shape[-1]
    for i in map(tuple, np.argwhere(bad)):
        ref = highprec.loss_term(name, float(y[i]), float(p[i]), dt, q)
        if ref is None:
            continue
        w = 1.0 if sw is None else float(sw[i[:-1]])
        d = w / c / (d_mean if reduction == "mean" and d_mean else 1.0)
        want = np.asarray(ref[1] * d, dtype=dt)
        if _bad(np.asarray(g_s[i]), want, s, dt):
            continue
        highprec.record(
            "loss",
            name,
            f"y={float(y[i])!r} y_pred={float(p[i])!r} {dt} (gradient)",
            float(g_s[i]),
            float(g_t[i]),
            float(want),
        )
        g_t[i] = g_s[i]


def _dispute_focal(
    y: np.ndarray,
    p: np.ndarray,
    q: dict[str, Any],
    sw: np.ndarray | None,
    reduction: str,
    d_mean: float,
    s: float,
    dt: str,
    g_s: np.ndarray,
    g_t: np.ndarray,
) -> None:
    """Gradient rows of categorical_focal_crossentropy where service and torch differ: the
    mpmath row reference (highprec.categorical_focal_row, times the sample weight, / D for
    'mean') decides; torch's row is replaced in place when the service is within tolerance."""
    bad = np.any(_bad(g_s, g_t, s, dt), axis=-1)
    for i in map(tuple, np.argwhere(bad)):
        ref = highprec.categorical_focal_row(
            np.asarray(y[i], dtype=np.float64), np.asarray(p[i], dtype=np.float64), q, dt
        )
        if ref is None:
            continue
        w = 1.0 if sw is None else float(sw[i])
        d = w / (d_mean if reduction == "mean" and d_mean else 1.0)
        want = np.asarray([v * d for v in ref[1]], dtype=dt)
        if np.any(_bad(np.asarray(g_s[i]), want, s, dt)):
            continue  # the service is off too: fails against torch
        highprec.record(
            "loss",
            "categorical_focal_crossentropy",
            f"row y={y[i]!r} y_pred={p[i]!r} {dt} q={q} (gradient)",
            g_s[i].tolist(),
            g_t[i].tolist(),
            want.tolist(),
        )
        g_t[i] = g_s[i]


def _triplet_log_range(ins: dict[str, np.ndarray], q: dict[str, Any], dt: str) -> float:
    """max |ln |w_j|| over the finite non-zero entries of triplet_margin's u - v + eps."""
    a, p, n = ins["anchor"], ins["positive"], ins["negative"]
    e = np.asarray(q["eps"], dtype=dt)
    pairs = [(a, p), (a, n)] + ([(p, n)] if q["swap"] else [])
    out = 0.0
    with np.errstate(all="ignore"):
        for u, v in pairs:
            w = np.abs(((u - v) + e).astype(np.float64))
            lw = np.abs(np.log(w[np.isfinite(w) & (w > 0)]))
            out = max(out, float(np.max(lw, initial=0.0)))
    return out


def _triplet_overflow(ins: dict[str, np.ndarray], q: dict[str, Any], dt: str) -> np.ndarray:
    """Rows where a difference u - v + eps of triplet_margin is not finite in the dtype."""
    a, p, n = ins["anchor"], ins["positive"], ins["negative"]
    e = np.asarray(q["eps"], dtype=dt)
    pairs = [(a, p), (a, n)] + ([(p, n)] if q["swap"] else [])
    with np.errstate(over="ignore", invalid="ignore"):
        return np.any([np.any(~np.isfinite((u - v) + e), axis=-1) for u, v in pairs], axis=0)


def _tversky_conditioning(y: np.ndarray, p: np.ndarray, q: dict[str, Any]) -> float:
    """How much tversky's formula amplifies rounding, for the tolerance's scale (>= 1).

    D = I + alpha F_P + beta F_N + eps cancels where alpha or beta is negative: its rounding
    error is ULPs of S = I + |alpha| F_P + |beta| F_N + eps, i.e. kappa = S/|D| ULPs of D, and
    1 - I/D and the gradient -(y D - I dD/dp)/D^2 carry it at the size of their terms: kappa
    |I/D| and kappa (|y|/|D| + |I| |dD/dp|/D^2). Both sides (and any float implementation)
    round so; with alpha, beta >= 0 and y, p in [0, 1] kappa is 1 and the terms are small."""
    al, be = q["alpha"], q["beta"]
    ax = None if q["axis"] is None else -1
    y64, p64 = y.astype(np.float64), p.astype(np.float64)
    with np.errstate(all="ignore"):
        i = np.sum(y64 * p64, axis=ax, keepdims=True)
        fp = np.sum((1 - p64) * y64, axis=ax, keepdims=True)
        fn = np.sum(p64 * (1 - y64), axis=ax, keepdims=True)
        den = i + al * fp + be * fn + 1e-7
        kappa = (np.abs(i) + abs(al) * np.abs(fp) + abs(be) * np.abs(fn) + 1e-7) / np.abs(den)
        dd = y64 - al * y64 + be * (1 - y64)
        terms = np.abs(y64) / np.abs(den) + np.abs(i) * np.abs(dd) / (den * den)
        k = np.fmax(kappa * np.abs(i / den), kappa * terms)
    return float(np.fmax(1.0, np.nanmax(np.where(np.isfinite(k), k, np.nan), initial=1.0)))


def _row_reference(
    name: str, ins: dict[str, np.ndarray], y: Any, q: dict[str, Any], dt: str
) -> Callable[[tuple[int, ...]], highprec.RowRef | None] | None:
    """The row reference (highprec: row loss and every input's gradient) of an entry, or None.

    triplet_margin: torch's norms overflow (sum |w|^p above the dtype's max, p = 2 from ~1e154
    in float64 / ~1.8e19 in float32, p = 20 from ~2.6e15) and float32 |w|^(p-1) underflows to
    0/0; cosine_embedding: torch's squared norms overflow (cosine 0 or NaN, NaN gradient);
    gaussian_nll: torch's (x - y)^2 and 2 (x - y) overflow where the loss or gradient does
    not; multilabel_soft_margin: torch's w_c / C underflows (class weight 5e-324) and 0 times
    an infinite label's term is NaN. The service scales or reorders there (docs/nonfinite.md)."""
    if name == "triplet_margin":
        a, p, n = ins["anchor"], ins["positive"], ins["negative"]
        return lambda i: highprec.triplet_row(a[i], p[i], n[i], q, dt)
    if name == "cosine_embedding" and y is not None:
        x1, x2 = ins["x1"], ins["x2"]
        return lambda i: highprec.cosine_embedding_row(x1[i], x2[i], float(y[i]), q, dt)
    if name == "gaussian_nll" and y is not None:
        x, v = ins["y_pred"], ins["var"]
        return lambda i: highprec.gaussian_nll_row(x[i], y[i], v[i], q, dt)
    if name == "multilabel_soft_margin" and y is not None:  # torch: w / C underflows to 0
        z = ins["y_pred"]
        return lambda i: highprec.multilabel_soft_margin_row(z[i], y[i], q, dt)
    return None


def _dispute_rows(
    name: str,
    ref: Callable[[tuple[int, ...]], highprec.RowRef | None],
    val_rows: np.ndarray,
    cmp_rows: np.ndarray,
    per_s: np.ndarray,
    per_t: np.ndarray,
    sw: np.ndarray | None,
    reduction: str,
    d_mean: float,
    s: float,
    sg: dict[str, Any],
    dt: str,
    gs: dict[str, np.ndarray],
    gt: dict[str, np.ndarray],
    where: str,
) -> bool:
    """Rows whose per-sample loss (of ``val_rows``) or any gradient (of ``cmp_rows``) differs
    from torch's: the row reference decides (its gradients times the sample weight, / D for
    'mean'; a reference may give the loss alone). Where the service is within tolerance of
    it, torch's row is replaced in place by the service's and the case recorded; True when a
    per-sample loss was replaced (torch's reduced loss carries its error: not compared).
    ``sg``: each gradient's scale."""
    per_bad = _bad(per_s, per_t, np.broadcast_to(s, per_s.shape), dt) & val_rows
    g_bad = np.zeros_like(per_bad)
    for k in gs:
        g_bad |= np.any(_bad(gs[k], gt[k], np.broadcast_to(sg[k], gs[k].shape), dt), axis=-1)
    g_bad &= cmp_rows
    replaced = False
    for i in map(tuple, np.argwhere(per_bad | g_bad)):
        r = ref(i)
        if r is None:
            continue  # no reference: the comparison with torch stands
        loss, grads = r
        w = 1.0 if sw is None else float(sw[i])
        d = w / (d_mean if reduction == "mean" and d_mean else 1.0)
        with np.errstate(over="ignore", invalid="ignore"):
            want = {k: np.asarray([v * d for v in grads[k]], dtype=dt) for k in grads}
        if (g_bad[i] and not want) or (
            _bad(np.asarray(per_s[i]), np.asarray(loss, dtype=dt), s, dt) and val_rows[i]
        ):
            continue  # no gradient reference, or the service is off too: fails against torch
        # where the exact gradient, or a term of it, is beyond the dtype (the reference gives
        # ±inf, or NaN for a sum the dtype cannot form), the service's ±inf or NaN (inf - inf
        # of two overflowing terms) is that overflow, not an error
        if any(
            np.any(
                _bad(gs[k][i], want[k], np.broadcast_to(sg[k], gs[k].shape)[i], dt)
                & ~(~np.isfinite(want[k]) & ~np.isfinite(gs[k][i]))
            )
            for k in want
        ):
            continue
        highprec.record(
            "loss",
            name,
            f"row {i} {where}",
            [float(per_s[i]), {k: gs[k][i].tolist() for k in want}],
            [float(per_t[i]), {k: gt[k][i].tolist() for k in want}],
            [loss, {k: want[k].tolist() for k in want}],
        )
        if per_bad[i]:
            per_t[i] = per_s[i]
            replaced = True
        if cmp_rows[i]:
            for k in want:
                gt[k][i] = gs[k][i]
    return replaced


# ---- optimizers -----------------------------------------------------------------------------

_CLIENT: list[TestClient] = []


def _client() -> TestClient:
    if not _CLIENT:
        from service.config import Settings
        from service.main import create_app

        _CLIENT.append(TestClient(create_app(Settings()), raise_server_exceptions=True))
    return _CLIENT[0]


def _b64(a: np.ndarray) -> dict[str, Any]:
    a = np.array(a, order="C")  # (np.ascontiguousarray makes a 0-d array 1-d)
    return {
        "shape": list(a.shape),
        "dtype": str(a.dtype),
        "b64": base64.b64encode(a.astype(a.dtype.newbyteorder("<")).tobytes()).decode(),
    }


def _num(v: Any) -> float:
    return {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}[v] if isinstance(v, str) else v


def _decode(obj: Any, dt: str) -> np.ndarray:
    if isinstance(obj, dict) and "b64" in obj:
        raw = np.frombuffer(
            base64.b64decode(obj["b64"]), dtype=np.dtype(obj["dtype"]).newbyteorder("<")
        )
        return raw.reshape(obj["shape"]).astype(dt)
    if isinstance(obj, dict) and "data" in obj:
        flat = np.asarray([_num(v) for v in obj["data"]], dtype=np.float64)
        return flat.reshape(obj["shape"]).astype(dt)

    def walk(v: Any) -> Any:
        return [walk(u) for u in v] if isinstance(v, list) else _num(v)

    return np.asarray(walk(obj), dtype=np.float64).astype(dt)


def _torch_clip(pt: torch.nn.Parameter, clip: dict[str, float] | None) -> None:
    if not clip:
        return
    ((kind, c),) = clip.items()
    if kind == "value":
        torch.nn.utils.clip_grad_value_([pt], c)
    else:
        torch.nn.utils.clip_grad_norm_([pt], c)


@pytest.mark.parametrize("name", [o.name for o in OPTIMIZERS])
def test_optimizer_matches_torch(name: str) -> None:
    opt_entry = OPTIMIZERS.get(name)
    mode = _mode(opt_entry.nonfinite.torch)

    def body(data: Any) -> None:
        dt = data.draw(DTYPES)
        shape = _shape(data, 0, 2, 3)
        if name == "adafactor" and (len(shape) == 0 or 0 in shape):
            # torch's Adafactor divides by numel ** 0.5: ZeroDivisionError for size 0 (the
            # service takes max(numel, 1)); a 0-d parameter is compared as shape (2,)
            shape = (2,)
        n = math.prod(shape)
        hp = strategies.params(opt_entry.params, data)
        if data.draw(st.booleans(), label="small lr"):
            hp["lr"] = data.draw(st.sampled_from([1e-3, 1e-2, 0.1]))
        clip = data.draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {
                        data.draw(
                            st.sampled_from(["value", "norm", "global_norm"])
                        ): st.sampled_from([0.5, 1.0, 1e3])
                    }
                ),
            )
        )
        steps = data.draw(st.integers(1, 4))
        p0 = strategies.cast(
            data.draw(st.lists(st.floats(-3, 3), min_size=n, max_size=n)), shape, dt
        )
        mag = data.draw(st.sampled_from([1.0, 1e-8, 1e8, 1e20, 1e30]))
        nonfinite = data.draw(st.booleans(), label="nonfinite grads")
        e = st.floats(-1, 1)
        if nonfinite:
            e = st.one_of(e, st.sampled_from(strategies.NONFINITE))
        grads = [
            strategies.cast(
                [v * mag for v in data.draw(st.lists(e, min_size=n, max_size=n))], shape, dt
            )
            for _ in range(steps)
        ]
        encoding = data.draw(st.sampled_from(["nested", "flat", "b64"]))
        # torch first: it refuses what it does not take (Nesterov without momentum, etas)
        pt = torch.nn.Parameter(torch.tensor(p0, dtype=TDT[dt]))
        thp = {k: (tuple(v) if isinstance(v, list) else v) for k, v in hp.items()}
        try:
            topt = TORCH_OPT[name]([pt], **thp) if name in TORCH_OPT else None
        except (ValueError, TypeError):
            reject()
        m = torch.zeros_like(pt)
        v = torch.zeros_like(pt)
        state: Any = None
        p = p0
        client = _client()
        for t, g in enumerate(grads, start=1):
            p_in, state_in = p, state  # what this step is given (the step reference's inputs)
            body_ = {"params": _b64(p), "grads": _b64(g), "hyperparams": hp, "encoding": encoding}
            if state is not None:
                body_["state"] = state
            if clip:
                body_["clip"] = clip
            res = client.post(f"/v1/optimizers/{name}/step", json=body_)
            if res.status_code == 422 and t == 1:
                reject()  # a hyperparameter combination the service refuses
            assert res.status_code == 200, (name, t, res.status_code, res.text[:500], hp)
            out = res.json()
            p = _decode(out["params"], dt)
            state = out["state"]  # sent back unchanged next step
            pt.grad = torch.tensor(g, dtype=TDT[dt])
            _torch_clip(pt, clip)
            gt = pt.grad.clone()
            g_in = gt.numpy().copy()  # the gradient the update sees (clipped)
            with torch.no_grad():
                if hp.get("maximize") and name in ("lion", "lamb"):
                    gt = -gt
                if name == "lion":
                    b1, b2 = hp["betas"]
                    new, m = lion_step(pt.detach(), gt, m, hp["lr"], b1, b2, hp["weight_decay"])
                    pt.copy_(new)
                elif name == "lamb":
                    b1, b2 = hp["betas"]
                    new, m, v = lamb_step(
                        pt.detach(),
                        gt,
                        m,
                        v,
                        t,
                        hp["lr"],
                        b1,
                        b2,
                        hp["eps"],
                        hp["eps_root"],
                        hp["weight_decay"],
                    )
                    pt.copy_(new)
            if topt is not None:
                topt.step()
            want = pt.detach().numpy()
            assert p.shape == want.shape, (name, p.shape, want.shape)
            sc = 4 * max(
                1.0, float(np.max(np.abs(np.where(np.isfinite(want), want, 0)), initial=0))
            )
            where = (
                f"{name} {dt} step {t} hp={hp} clip={clip} enc={encoding} p0={p0.tolist()!r} "
                f"grads={[g.tolist() for g in grads]!r}"
            )
            slots = {k: _decode(v, dt) for k, v in state.get("slots", {}).items()}
            tslots = _torch_slots(topt, pt, slots) if topt is not None else {}
            if mode == "full" and dt == "float32" and name in TORCH_OPT:
                want = _float64_dispute(name, thp, p0, grads[:t], clip, p, want, sc, where)
            if mode == "full":
                given = (p_in, state_in, g_in)
                refs: list[tuple[str, Callable[[], highprec.StepRef | None]]] = []
                if name in TORCH_OPT:
                    refs.append(
                        (_F64_VERDICT[dt], partial(_float64_step_ref, name, thp, given, dt))
                    )
                if name in highprec.OPT_STEP:
                    refs.append(("torch inaccurate", partial(_exact_step_ref, name, hp, given, dt)))
                want, tslots = _step_disputes(name, where, dt, (p, want, sc), slots, tslots, refs)
            if mode == "full":
                _check(p, want, sc, dt, where)
                for k, tv in tslots.items():
                    _check(slots[k], tv, _slot_scale(tv), dt, f"{where} state slot {k}")
            else:
                # the rule reads the gradient the update sees: clipped (by value, ±inf → ±c)
                _optimizer_rule(name, p, want, gt.numpy(), sc, dt, where)

    run_budgeted("optimizers", name, body)


def _exact_step_ref(
    name: str, hp: dict[str, Any], given: tuple[np.ndarray, Any, np.ndarray], dt: str
) -> highprec.StepRef | None:
    """This one step in exact arithmetic from the inputs the service was given (its
    parameters and stored state, the clipped gradient; ``highprec.optimizer_step``), for the
    parameters and the state slots it computes, with the scale of the terms the step rounds,
    max(|p|, |η·update|): a step that cancels p − η·u to a small result is accurate to ε of
    the terms (centered RMSprop: torch's v_t − ḡ_t² cancels for α ≪ 1, in float64 as well,
    and the error carries into the later steps through its own state)."""
    p_in, state_in, g_in = given
    slots_in = {k: _decode(v, dt) for k, v in state_in["slots"].items()} if state_in else {}
    return highprec.optimizer_step(name, p_in, g_in, slots_in, hp, dt)


def _step_disputes(
    name: str,
    where: str,
    dt: str,
    params: tuple[np.ndarray, np.ndarray, float],
    slots: dict[str, np.ndarray],
    tslots: dict[str, np.ndarray],
    refs: list[tuple[str, Callable[[], highprec.StepRef | None]]],
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Where the service's parameters or state slots differ from torch's beyond tolerance,
    the one-step references ``refs`` (verdict, reference computed only when needed) judge in
    turn (``_judge``): what one accepts no later one sees. Returns torch's parameters and
    slots with the accepted elements replaced by the service's."""
    p, want, sc = params
    for verdict, make in refs:
        differs = np.any(_bad(p, want, sc, dt)) or any(
            np.any(_bad(slots[k], tv, _slot_scale(tv), dt)) for k, tv in tslots.items()
        )
        if not differs:
            break
        ref = make()
        if ref is not None:
            want, tslots = _judge(name, where, verdict, (p, want, sc), slots, tslots, ref, dt)
    return want, tslots


def _judge(
    name: str,
    where: str,
    verdict: str,
    params: tuple[np.ndarray, np.ndarray, float],
    slots: dict[str, np.ndarray],
    tslots: dict[str, np.ndarray],
    ref: highprec.StepRef,
    dt: str,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Elements where the service (``params``: its parameters, torch's, their tolerance scale;
    ``slots``) and torch (``tslots``) differ, judged by a one-step reference (p_new, has,
    scale, {slot: (value, has, scale)}) at max(the comparison's scale, 4 × the reference's
    terms): where the service is within tolerance of it the element is accepted (the
    service's value replaces torch's, so the final check passes there) and recorded with
    ``verdict``; elsewhere torch's value stays, and the check fails if the service is off."""
    p, want, sc = params
    rp, has, scale, rslots = ref
    ok = _bad(p, want, sc, dt) & has & ~_bad(p, rp, np.maximum(sc, 4 * scale), dt)
    if np.any(ok):
        highprec.record(
            "optimizer", name, where, p[ok].tolist(), want[ok].tolist(), rp[ok].tolist(), verdict
        )
    new = dict(tslots)
    for k, tv in tslots.items():
        if k not in rslots:
            continue
        sv, shas, sscale = rslots[k]
        tsc = _slot_scale(tv)
        sok = (
            _bad(slots[k], tv, tsc, dt)
            & shas
            & ~_bad(slots[k], sv, np.maximum(tsc, 4 * sscale), dt)
        )
        if np.any(sok):
            highprec.record(
                "optimizer state",
                name,
                f"{where} slot {k}",
                slots[k][sok].tolist(),
                tv[sok].tolist(),
                sv[sok].tolist(),
                verdict,
            )
        new[k] = np.where(sok, slots[k], tv)
    return np.where(ok, p, want), new


def _float64_dispute(
    name: str,
    thp: dict[str, Any],
    p0: np.ndarray,
    grads: list[np.ndarray],
    clip: dict[str, float] | None,
    p: np.ndarray,
    want: np.ndarray,
    sc: float,
    where: str,
) -> np.ndarray:
    """float32 steps where service and torch differ: the same torch optimizer replayed in
    float64 from the same float32 parameters and gradients is the exact-arithmetic reference
    (torch float32 rounds e.g. 1 - 1e-8 to 1: beta1 = 1e-8 then keeps no gradient in m).
    Elements where the service is within tolerance of it (rounded to float32) and torch is
    not are recorded as "torch inaccurate" and take the reference's value; the others keep
    torch's (an element where the float32 rounding of the hyperparameters decides, such as
    an ε that is 0 in float32, is judged against torch)."""
    bad = _bad(p, want, sc, "float32")
    if not np.any(bad):
        return want
    pr = torch.nn.Parameter(torch.tensor(p0, dtype=torch.float64))
    opt = TORCH_OPT[name]([pr], **thp)
    for g in grads:
        pr.grad = torch.tensor(g, dtype=torch.float64)
        _torch_clip(pr, clip)
        opt.step()
    with np.errstate(over="ignore"):
        ref = pr.detach().numpy().astype(np.float32)
    ok = bad & ~_bad(p, ref, sc, "float32")
    if not np.any(ok):
        return want  # the service is off from the reference too: fails against torch
    highprec.record("optimizer", name, where, p[ok].tolist(), want[ok].tolist(), ref[ok].tolist())
    return np.where(ok, ref, want)


def _torch_slots(
    topt: torch.optim.Optimizer, pt: torch.nn.Parameter, slots: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """torch's state tensors that the service's state also holds (same name and shape): the
    state the next step reads, compared as the parameters are. A slot torch keeps under
    another name or shape (Adafactor's row and column factors) is not compared."""
    out = {}
    for k, v in topt.state[pt].items():
        if k != "step" and torch.is_tensor(v) and k in slots:
            a = v.detach().numpy().copy()
            if a.shape == slots[k].shape:
                out[k] = a
    return out


def _slot_scale(t: np.ndarray) -> float:
    """The tolerance scale of a state slot: as the parameters', 4 × max(1, its largest
    finite |value|)."""
    return 4 * max(1.0, float(np.max(np.abs(np.where(np.isfinite(t), t, 0)), initial=0)))


def _float64_step(
    name: str, thp: dict[str, Any], p_in: np.ndarray, state_in: Any, g_in: np.ndarray
) -> tuple[np.ndarray, dict[str, np.ndarray]] | None:
    """One step of torch's optimizer in float64 from the inputs the service was given: its
    float32 parameters, the state it stored (every slot torch's step reads, and the step
    count) and the clipped gradient. (p_new, the new state's slots), or None when the
    service's state does not hold every tensor torch's state has."""
    cls = TORCH_OPT[name]
    pr = torch.nn.Parameter(torch.tensor(p_in, dtype=torch.float64))
    opt = cls([pr], **thp)
    if state_in is not None:
        # torch's state for these hyperparameters: the keys a first step creates
        probe = torch.nn.Parameter(torch.zeros_like(pr))
        popt = cls([probe], **thp)
        probe.grad = torch.zeros_like(probe)
        popt.step()
        given = {k: _decode(v, "float64") for k, v in state_in["slots"].items()}
        st_: dict[str, Any] = {}
        for k, v in popt.state[probe].items():
            if k == "step":
                st_[k] = torch.tensor(float(state_in["step"]), dtype=v.dtype)
            elif not torch.is_tensor(v):
                st_[k] = v
            elif k in given and given[k].shape == tuple(v.shape):
                st_[k] = torch.tensor(given[k], dtype=torch.float64)
            else:
                return None
        opt.state[pr] = st_
    pr.grad = torch.tensor(g_in, dtype=torch.float64)
    opt.step()
    slots = {
        k: v.detach().numpy().copy()
        for k, v in opt.state[pr].items()
        if k != "step" and torch.is_tensor(v)
    }
    return pr.detach().numpy().copy(), slots


_F64_VERDICT = {"float32": "torch inaccurate", "float64": "torch's step from the service's inputs"}


def _float64_step_ref(
    name: str, thp: dict[str, Any], given: tuple[np.ndarray, Any, np.ndarray], dt: str
) -> highprec.StepRef | None:
    """This one step of torch's optimizer in float64 from the service's own inputs
    (``_float64_step``), rounded to ``dt``, with the scale of the terms the step rounds:
    max(|p|, |p_new − p|) for the parameters (p − η·u cancels to a small result: RAdam's
    un-rectified steps of gradients near 1e19, SGD steps of clipped gradients 2000 that
    return to 1.18), 2·max(|s|, |s_new|) for a slot. For float32 it is the more precise
    arithmetic (torch inaccurate: it rounded a term away); for float64 it is torch's own
    step given what the service was given. Once torch's trajectory has left the service's
    (torch rounded information away, or reached NaN by another path), each later step is
    judged from the service's inputs; the state is judged at every step, so a wrong stored
    state cannot become the reference of the next."""
    p_in, state_in, _ = given
    with np.errstate(over="ignore", invalid="ignore"):
        ref = _float64_step(name, thp, *given)
        if ref is None:
            return None
        rp, rslots = ref

        def terms(before: np.ndarray, after: np.ndarray) -> np.ndarray:
            t = np.maximum(np.abs(before), np.abs(after))
            return np.where(np.isfinite(t), t, 0)

        def one(after: np.ndarray, scale: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            return after.astype(dt), np.ones(after.shape, bool), scale

        before = (
            {k: _decode(v, "float64") for k, v in state_in["slots"].items()} if state_in else {}
        )
        rs = {k: one(v, 2 * terms(before.get(k, np.zeros(v.shape)), v)) for k, v in rslots.items()}
        p64 = p_in.astype(np.float64)
        return (*one(rp, terms(p64, rp - p64)), rs)


def _optimizer_rule(
    name: str, p: np.ndarray, want: np.ndarray, g: np.ndarray, sc: float, dt: str, where: str
) -> None:
    """lion/lamb (optax's rules, no torch): the composed reference where gradients are finite,
    the catalog's rule (NaN update; lamb: the whole tensor NaN, or with a zero parameter
    norm only the non-finite elements) where they are not."""
    if name == "lamb" and not np.all(np.isfinite(g)) and np.any(np.isfinite(want)):
        # a zero parameter norm: the trust ratio is 1 (optax's), only non-finite elements NaN
        assert np.all(np.isnan(p[~np.isfinite(g)])), (where, "lamb: NaN where g is not finite")
    elif name == "lamb" and not np.all(np.isfinite(g)):
        assert np.all(np.isnan(p)), (where, "lamb: a non-finite gradient makes the tensor NaN")
        return
    _check(p, want, sc, dt, where)
