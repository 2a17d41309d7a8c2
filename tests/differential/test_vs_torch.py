"""Property-based differential test of the compute layer against PyTorch 2.13 (slow suite).

Run with ``make test-slow`` (it builds ``.venv-torch`` with torch and the project). Length:
``GRADSERVE_DIFF_EXAMPLES`` examples per function and dtype mix (default 60, about a
minute on 2 shared cores; 250 took 3.5 minutes, 400 about 6, ~700 is a 10-minute run).
Seeded: hypothesis runs ``derandomize=True``, so a run is reproducible.

Tolerances. float64: |s − t| ≤ 64·ε₆₄·m, float32: ≤ 16·ε₃₂·m (ULPs of the scale m), with
m = max(1, |t|, |x|) elementwise for activations, the max over the row for losses and over the
parameter for optimizers: both sides compute the same formula up to a few roundings of
quantities of size m (torch's s(1 − s) for sigmoid′, 1 − tanh², s − y in BCE cancel at that
scale, which the service avoids; the errors are ULPs of m, not of the tiny result).
Non-finite inputs: entries whose catalog ``nonfinite.torch`` says "agrees" must match torch's
NaN/±inf exactly; the others are held to their own stated rule (NaN in → NaN out).
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.compute.activations import ACTIVATIONS, evaluate
from service.compute.losses import LOSSES, evaluate_loss
from service.compute.optimizers import OPTIMIZERS, step
from tests.differential.torch_ref import (
    ACT,
    COMPOSED_ACT,
    LOSS,
    TORCH_OPT,
    lamb_step,
    lion_step,
    sparse_loss,
)

pytestmark = pytest.mark.slow
torch.set_default_dtype(torch.float64)

EXAMPLES = int(os.environ.get("GRADSERVE_DIFF_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
TDT = {"float64": torch.float64, "float32": torch.float32}
ULPS = {"float64": 64, "float32": 16}

FINITE = st.one_of(
    st.floats(-10, 10),
    st.floats(-1e3, 1e3),
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 6.0, 0.5, -0.5, 20.0, 1e-30, -1e-300]),
    st.floats(-1e30, 1e30),
)
NONFINITE = st.sampled_from([np.nan, np.inf, -np.inf])


def _check(s: np.ndarray, t: np.ndarray, scale: np.ndarray, dt: str, where: str) -> None:
    assert s.shape == t.shape, (where, s.shape, t.shape)
    s64, t64 = s.astype(np.float64), t.astype(np.float64)
    both = np.isfinite(s64) & np.isfinite(t64)
    same = (s64 == t64) | (np.isnan(s64) & np.isnan(t64))
    scale = np.maximum(scale, np.abs(np.where(np.isfinite(t64), t64, 0)))
    tol = ULPS[dt] * np.finfo(dt).eps * scale
    with np.errstate(invalid="ignore", over="ignore"):
        ok = same | (both & (np.abs(s64 - t64) <= tol))
    bad = np.argwhere(~ok)
    assert bad.size == 0, f"{where}: service {s64[~ok][:5]} torch {t64[~ok][:5]} at {bad[:5]}"


@st.composite
def tensors(draw: Any, min_last: int = 0, even: bool = False, nonfinite: bool = True) -> Any:
    dt = draw(st.sampled_from(["float64", "float32"]))
    shape = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3))
    if even:
        shape[-1] = 2 * (shape[-1] // 2)
    shape[-1] = max(shape[-1], min_last)
    n = int(np.prod(shape))
    elems = st.one_of(FINITE, NONFINITE) if nonfinite and draw(st.booleans()) else FINITE
    vals = draw(st.lists(elems, min_size=n, max_size=n))
    with np.errstate(over="ignore"):
        x = np.asarray(vals, dtype=np.float64).reshape(shape).astype(dt)
    return dt, x


# ---- activations ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [a.name for a in ACTIVATIONS])
def test_activation_matches_torch(name: str) -> None:
    act = ACTIVATIONS.get(name)
    tt = act.nonfinite.torch
    agrees = (tt == "agrees" or tt.startswith("agrees (")) and name not in COMPOSED_ACT

    @SETTINGS
    @given(data=st.data())
    def run(data: Any) -> None:
        even = name == "glu"
        dt, x = data.draw(
            tensors(min_last=(2 if even else 1) if act.kind == "vector" else 0, even=even)
        )
        if name == "maxout" and x.shape[-1] % 2:
            x = x[..., : x.shape[-1] - 1]
        params: dict[str, Any] = {}
        if name == "prelu":
            ch = x.shape[1] if x.ndim >= 2 else 1
            k = data.draw(st.sampled_from([1, ch]))
            params["alpha"] = data.draw(
                st.lists(st.floats(-2, 2), min_size=k, max_size=k).filter(lambda v: len(v) > 0)
            )
        elif name in ("leaky_relu", "elu", "celu"):
            params["alpha"] = data.draw(st.floats(0.05, 3))
        gout = None
        out = evaluate(name, x, params, outputs=["value", "vjp"], dtype=dt)
        y_s, vjp_s = out["value"], out["vjp"]
        xt = torch.tensor(x, dtype=TDT[dt], requires_grad=True)
        tp = dict(params)
        if name == "prelu":
            tp["alpha"] = torch.tensor(params["alpha"], dtype=TDT[dt])
        full = {s.name: s.default for s in act.params}
        full.update(tp)
        yt = ACT[name](xt, full, -1)
        gout = torch.ones_like(yt)
        yt.backward(gout)
        y_t, vjp_t = yt.detach().numpy(), xt.grad.numpy() if xt.grad is not None else None
        fin = np.isfinite(x)
        if act.kind == "vector":
            fin = np.broadcast_to(np.all(fin, axis=-1, keepdims=True), x.shape)
            m = np.max(np.abs(np.where(np.isfinite(x), x, 0)), axis=-1, keepdims=True, initial=1.0)
            scale_x = np.broadcast_to(m, x.shape)
            scale_y = np.broadcast_to(m, y_s.shape) if y_s.shape[:-1] == x.shape[:-1] else 1.0
        else:
            scale_x = np.maximum(1.0, np.abs(np.where(np.isfinite(x), x, 0)))
            scale_y = scale_x
        # kinks: composed functions follow jax there, torch functions follow torch
        if name in COMPOSED_ACT:
            kinks = np.isin(x, [-1.0, 1.0, 0.0, 3.0, -3.0, 6.0])
            vjp_t = np.where(kinks, vjp_s, vjp_t) if vjp_t is not None else None
        if name == "sparsemax" and y_s.size:
            # kink: an entry on the edge of the support (p_i ~ 0 by rounding) is not
            # differentiable; the catalog says the support is {p > 0} there
            # tau = z_i − p_i on the support; an entry with |z_j − tau| at rounding level sits
            # on the support's edge (exactly 0 there: torch's clamp passes the gradient)
            with np.errstate(invalid="ignore"):  # inf − inf in non-finite slices
                zs = x - np.max(x, axis=-1, keepdims=True)
                tau = np.max(np.where(y_s > 0, zs - y_s, -np.inf), axis=-1, keepdims=True)
                near = np.abs(zs - tau) <= 64 * np.finfo(dt).eps * scale_x
            edge = np.any(near & ((y_s == 0) | (y_s < 64 * np.finfo(dt).eps * scale_x)), axis=-1)
            vjp_t = np.where(edge[..., None], vjp_s, vjp_t)
        if not agrees:  # rule instead of torch at non-finite inputs
            assert np.all(np.isnan(y_s[np.isnan(x)])) if act.kind == "elementwise" else True
            y_t = (
                np.where(fin if y_s.shape == x.shape else True, y_t, y_s)
                if y_s.shape == x.shape
                else y_t
            )
            if vjp_t is not None:
                vjp_t = np.where(fin, vjp_t, vjp_s)
        if name in ("celu", "hard_sigmoid") and dt == "float64":
            # documented exceptions: torch keeps celu's 1/alpha and hardsigmoid's 1/6 as
            # float32 constants even in float64 (the service uses the exact float64 values)
            scale_x = scale_x * 2.0**29
        sy = np.maximum(scale_y, np.abs(np.where(np.isfinite(y_t), y_t, 0)))
        _check(y_s, y_t, sy, dt, f"{name} value x={x!r}")
        if vjp_t is not None:
            sv = np.maximum(scale_x, np.abs(np.where(np.isfinite(vjp_t), vjp_t, 0)))
            _check(vjp_s, vjp_t, sv, dt, f"{name} vjp x={x!r}")

    run()


# ---- losses ---------------------------------------------------------------------------------


def _labels(kind: str, shape: tuple[int, ...], data: Any) -> np.ndarray:
    n = int(np.prod(shape))
    if kind in ("binary",):
        v = data.draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=n, max_size=n))
    elif kind == "pm1":
        v = data.draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=n, max_size=n))
    elif kind in ("one_hot",):
        c = shape[-1]
        rows = data.draw(
            st.lists(
                st.integers(0, max(c - 1, 0)), min_size=n // max(c, 1), max_size=n // max(c, 1)
            )
        )
        eye = np.eye(c)
        return eye[rows].reshape(shape) if c else np.zeros(shape)
    elif kind == "distribution":
        raw = np.asarray(data.draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n)))
        raw = raw.reshape(shape) + 1e-3
        return raw / raw.sum(-1, keepdims=True) if shape[-1] else raw
    elif kind == "count":
        v = data.draw(st.lists(st.sampled_from([0.0, 1.0, 2.0, 5.0]), min_size=n, max_size=n))
    else:
        v = data.draw(st.lists(FINITE, min_size=n, max_size=n))
    return np.asarray(v, dtype=np.float64).reshape(shape)


DENSE = [e.name for e in LOSSES if not e.sparse]


@pytest.mark.parametrize("name", [e.name for e in LOSSES])
def test_loss_matches_torch(name: str) -> None:
    entry = LOSSES.get(name)

    @SETTINGS
    @given(data=st.data())
    def run(data: Any) -> None:
        has_logits = any(s.name == "from_logits" for s in entry.params)
        q: dict[str, Any] = {s.name: s.default for s in entry.params}
        if has_logits:
            q["from_logits"] = data.draw(st.booleans())
        if "log_input" in q:
            q["log_input"] = data.draw(st.booleans())
        if name == "softmax_cross_entropy":
            q["from_logits"] = True
        kind = entry.input_kind_for(q)
        dt = data.draw(st.sampled_from(["float64", "float32"]))
        batch = tuple(data.draw(st.lists(st.integers(0, 3), min_size=1, max_size=2)))
        c = data.draw(st.integers(1, 4))
        shape = (*batch, c)
        n = int(np.prod(shape))
        if kind in ("probabilities",):
            elems = st.floats(0.0, 1.0)
        elif kind == "rate":
            elems = st.floats(0.0, 50.0)
        elif kind == "log_probabilities":
            elems = st.floats(-30, 0)
        else:
            elems = FINITE if kind in ("real",) else st.floats(-50, 50)
        p = np.asarray(data.draw(st.lists(elems, min_size=n, max_size=n))).reshape(shape)
        if kind == "probabilities" and entry.row_kind == "categorical" and c:
            p = (p + 1e-3) / (p + 1e-3).sum(-1, keepdims=True)
        reduction = data.draw(st.sampled_from(["mean", "sum", "none"]))
        prm = {k: v for k, v in q.items() if k in ("from_logits", "log_input")}
        if name == "softmax_cross_entropy":
            prm = {}
        if entry.sparse:
            labels = (
                np.asarray(
                    data.draw(
                        st.lists(
                            st.integers(0, c - 1),
                            min_size=int(np.prod(batch)),
                            max_size=int(np.prod(batch)),
                        )
                    )
                )
                .reshape(batch)
                .astype(np.float64)
            )
            r = evaluate_loss(name, labels, p, prm, reduction="mean", dtype=dt)
            pt = torch.tensor(p, dtype=TDT[dt], requires_grad=True)
            lt = sparse_loss(name, torch.tensor(labels), pt, q)
            if labels.size == 0:
                return
            lt.backward()
            s = max(1.0, float(np.max(np.abs(p), initial=0)))
            _check(np.asarray(r.loss), lt.detach().numpy(), np.asarray(s), dt, f"{name} loss")
            _check(r.grad, pt.grad.numpy(), np.full(p.shape, s), dt, f"{name} grad")
            return
        y = _labels(entry.label_kind, shape, data)
        r = evaluate_loss(name, y, p, prm, reduction=reduction, dtype=dt)
        pt = torch.tensor(p.astype(dt), dtype=TDT[dt], requires_grad=True)
        yt = torch.tensor(y.astype(dt), dtype=TDT[dt])
        per = LOSS[name](yt, pt, q)
        total = (
            per
            if reduction == "none"
            else (per.sum() if reduction == "sum" else (per.mean() if per.numel() else per.sum()))
        )
        total.backward(torch.ones_like(total))
        s = max(1.0, float(np.max(np.abs(p), initial=0)), float(np.max(np.abs(y), initial=0)))
        if name == "mape":
            s *= 100.0 / max(1e-7, float(np.min(np.abs(y), initial=1.0)))
        tl = total.detach().numpy()
        _check(np.asarray(r.loss), tl, np.full(tl.shape, s), dt, f"{name} loss y={y!r} p={p!r}")
        _check(r.grad, pt.grad.numpy(), np.full(p.shape, s), dt, f"{name} grad y={y!r} p={p!r}")

    run()


# ---- optimizers -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [o.name for o in OPTIMIZERS])
def test_optimizer_matches_torch(name: str) -> None:
    @SETTINGS
    @given(data=st.data())
    def run(data: Any) -> None:
        dt = data.draw(st.sampled_from(["float64", "float32"]))
        shape = tuple(data.draw(st.lists(st.integers(0, 3), min_size=0, max_size=2)))
        if name == "adafactor" and (len(shape) == 0 or 0 in shape):
            # torch's Adafactor divides by numel ** 0.5: ZeroDivisionError for size 0 (the
            # service takes max(numel, 1)); a 0-d parameter is compared as shape (2,)
            shape = (2,)
        n = int(np.prod(shape))
        mag = data.draw(st.sampled_from([1.0, 1e-8, 1e8, 1e20]))
        p0 = np.asarray(data.draw(st.lists(st.floats(-3, 3), min_size=n, max_size=n)))
        grads = [
            np.asarray(data.draw(st.lists(st.floats(-1, 1), min_size=n, max_size=n))) * mag
            for _ in range(3)
        ]
        lr = data.draw(st.sampled_from([1e-3, 1e-2, 0.1]))
        clip = data.draw(st.sampled_from([None, {"global_norm": 1.0}]))
        p = p0.reshape(shape).astype(dt)
        state = None
        pt = torch.nn.Parameter(torch.tensor(p0.reshape(shape), dtype=TDT[dt]))
        hp = {"lr": lr}
        if name in TORCH_OPT:
            opt = TORCH_OPT[name]([pt], lr=lr)
        m = torch.zeros_like(pt)
        v = torch.zeros_like(pt)
        for t, g in enumerate(grads, start=1):
            g = g.reshape(shape).astype(dt)
            r = step(name, p, g, state, hp, clip=clip)
            p, state = r.params, r.state
            gt = torch.tensor(g, dtype=TDT[dt])
            if clip:
                pt.grad = gt.clone()
                torch.nn.utils.clip_grad_norm_([pt], clip["global_norm"])
                gt = pt.grad.clone()
            with torch.no_grad():
                if name == "lion":
                    new, m = lion_step(pt.detach(), gt, m, lr, 0.9, 0.99, 1e-3)
                    pt.copy_(new)
                elif name == "lamb":
                    new, m, v = lamb_step(pt.detach(), gt, m, v, t, lr, 0.9, 0.999, 1e-6)
                    pt.copy_(new)
            if name in TORCH_OPT:
                pt.grad = gt
                opt.step()
            want = pt.detach().numpy()
            scale = np.full(want.shape, max(1.0, float(np.max(np.abs(want), initial=0))))
            _check(np.asarray(p), want, scale * 4, dt, f"{name} step {t} shape {shape} mag {mag}")

    run()
