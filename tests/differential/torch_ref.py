"""PyTorch (2.13) references for every activation, loss and optimizer of the service.

Only imported by the slow differential tests, which run in the separate ``.venv-torch``.
Where torch has the function it is called (``F.gelu``, ``F.cross_entropy``,
``torch.optim.Adam``); where it has none (Keras-only losses, sparsemax, lion, lamb) the
definition the catalog states is written with torch tensor ops and differentiated by autograd.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
import torch.nn.functional as F

T = torch.Tensor


# ---- activations: name -> (x, params, axis) -> y --------------------------------------------


def _sparsemax(z: T, axis: int) -> T:
    z = z.movedim(axis, -1)
    zs = z - z.max(dim=-1, keepdim=True).values
    srt, _ = torch.sort(zs, dim=-1, descending=True)
    k = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    cs = srt.cumsum(-1)
    cond = (1 + k * srt) > cs
    kz = cond.sum(-1, keepdim=True).clamp(min=1)
    tau = (cs.gather(-1, kz - 1) - 1) / kz.to(z.dtype)
    return torch.clamp(zs - tau, min=0).movedim(-1, axis)


def _maxout(x: T, k: int, axis: int) -> T:
    xm = x.movedim(axis, -1)
    g = xm.reshape(*xm.shape[:-1], xm.shape[-1] // k, k)
    return g.max(dim=-1).values.movedim(-1, axis)


def _squareplus(x: T, b: float) -> T:
    # hypot: sqrt(x^2 + b) without overflowing x^2 (a naive x * x is inf for |x| > 1.8e19
    # in float32, where the true value is x)
    return 0.5 * (x + torch.hypot(x, torch.tensor(math.sqrt(b), dtype=x.dtype)))


def _log1mexp(x: T) -> T:
    small = x < math.log(2)
    a = torch.log(-torch.expm1(-torch.where(small, x, torch.ones_like(x))))
    b = torch.log1p(-torch.exp(-torch.where(small, torch.ones_like(x), x)))
    # the domain is x ≥ 0: NaN value and gradient below (the catalog's rule; jax's gradient
    # there is finite)
    # sqrt(-1) = NaN multiplies value and gradient below 0 only (x * NaN would leak NaN
    # into every gradient through torch.where's backward)
    dom = torch.sqrt(torch.where(x < 0, -torch.ones_like(x), torch.ones_like(x))).detach()
    return dom * torch.where(small, a, b)


def _gumbel_softmax(x: T, p: dict[str, Any], a: int) -> T:
    g = p.get("gumbels")
    z = x if g is None else x + g.reshape(x.shape)
    y = F.softmax(z / p["tau"], dim=a)
    if not p["hard"] or y.numel() == 0:
        return y
    hard = torch.zeros_like(y).scatter_(a, y.argmax(a, keepdim=True), 1.0)
    return hard - y.detach() + y


ACT: dict[str, Callable[[T, dict[str, Any], int], T]] = {
    "log1mexp": lambda x, p, a: _log1mexp(x),
    "gumbel_softmax": _gumbel_softmax,
    "step": lambda x, p, a: (x > 0).to(x.dtype) + 0 * x,
    "linear": lambda x, p, a: x * 1,
    "sigmoid": lambda x, p, a: torch.sigmoid(x),
    "tanh": lambda x, p, a: torch.tanh(x),
    "relu": lambda x, p, a: F.relu(x),
    "leaky_relu": lambda x, p, a: F.leaky_relu(x, p["alpha"]),
    "prelu": lambda x, p, a: F.prelu(x, p["alpha"]),
    "elu": lambda x, p, a: F.elu(x, p["alpha"]),
    "maxout": lambda x, p, a: _maxout(x, int(p["pieces"]), a),
    "softmax": lambda x, p, a: F.softmax(x, dim=a),
    "relu6": lambda x, p, a: F.relu6(x),
    "rrelu": lambda x, p, a: F.rrelu(x, p["lower"], p["upper"], training=False),
    "selu": lambda x, p, a: F.selu(x),
    "celu": lambda x, p, a: F.celu(x, p["alpha"]),
    "gelu": lambda x, p, a: F.gelu(x, approximate=p["approximate"]),
    "silu": lambda x, p, a: F.silu(x),
    "mish": lambda x, p, a: F.mish(x),
    "softplus": lambda x, p, a: F.softplus(x, p["beta"], p["threshold"]),
    "softsign": lambda x, p, a: F.softsign(x),
    "log_sigmoid": lambda x, p, a: F.logsigmoid(x),
    "hard_sigmoid": lambda x, p, a: F.hardsigmoid(x),
    "hard_swish": lambda x, p, a: F.hardswish(x),
    "hard_tanh": lambda x, p, a: F.hardtanh(x, p["min_val"], p["max_val"]),
    "tanh_shrink": lambda x, p, a: F.tanhshrink(x),
    "soft_shrink": lambda x, p, a: F.softshrink(x, p["lambd"]),
    "hard_shrink": lambda x, p, a: F.hardshrink(x, p["lambd"]),
    "threshold": lambda x, p, a: F.threshold(x, p["threshold"], p["value"]),
    "sparse_plus": lambda x, p, a: torch.where(
        x <= -1, 0 * x, torch.where(x >= 1, x, 0.25 * (x + 1) ** 2)
    ),
    "sparse_sigmoid": lambda x, p, a: 0.5 * torch.clamp(x + 1, 0, 2),
    "squareplus": lambda x, p, a: _squareplus(x, p["b"]),
    "exponential": lambda x, p, a: torch.exp(x),
    "log_softmax": lambda x, p, a: F.log_softmax(x, dim=a),
    "softmin": lambda x, p, a: F.softmin(x, dim=a),
    "sparsemax": lambda x, p, a: _sparsemax(x, a),
    "glu": lambda x, p, a: F.glu(x, dim=a),
}

# activations torch does not have (composed above from the catalog's definition); the
# service's kink conventions for them are jax's, so kinks are not compared
COMPOSED_ACT = {
    "log1mexp",
    "step",
    "sparse_plus",
    "sparse_sigmoid",
    "squareplus",
    "maxout",
    "sparsemax",
}


# ---- losses: loss_ref(name, y, inputs, q) -> (per-sample loss, mean denominator, whole) -------
#
# Every parameter the catalog declares is honoured (epsilon, label_smoothing, class_weight,
# pos_weight, ignore_index, delta/beta, gamma/alpha/apply_class_balancing, margins, p, eps,
# swap, full, log_input, axis). Where torch has the loss its functional is called with
# reduction='none'; the Keras-only losses are written from the catalog's formula with torch
# ops. ``inputs`` maps the entry's tensor fields (y_pred, x1, x2, anchor, ...) to tensors that
# require grad; autograd of the reduced loss gives every field's gradient.


def _eps(eps: float, like: T) -> T:
    """A positive floor in like's dtype: one that rounds to 0 (float32) is its smallest normal
    number (the catalog's epsilon)."""
    lo = torch.tensor(eps, dtype=like.dtype)
    return lo if lo > 0 else torch.tensor(torch.finfo(like.dtype).tiny, dtype=like.dtype)


def _clip(p: T, eps: float) -> T:
    lo = _eps(eps, p)
    hi = torch.tensor(1 - eps, dtype=p.dtype)
    if hi >= 1:
        hi = torch.nextafter(torch.tensor(1.0, dtype=p.dtype), torch.tensor(0.0, dtype=p.dtype))
    return torch.clamp(p, lo, hi)


class _Values(torch.autograd.Function):
    """x's gradient with other values: forward returns ``v``, backward passes to ``x``."""

    @staticmethod
    def forward(ctx: Any, x: T, v: T) -> T:
        return v.clone()

    @staticmethod
    def backward(ctx: Any, g: T) -> tuple[T, None]:
        return g, None


def _values(x: T, v: T) -> T:
    """``v`` as the value of ``x`` (for a documented difference in the value only)."""
    out: T = _Values.apply(x, v.detach())
    return out


def _pm1(y: T) -> T:
    return 2 * y - 1 if bool(((y == 0) | (y == 1)).all()) else y


def _l2n(x: T) -> T:
    return x / torch.sqrt(torch.clamp((x * x).sum(-1, keepdim=True), min=1e-12))


def _w(v: Any, like: T) -> T | None:
    return None if v is None else torch.as_tensor(v, dtype=like.dtype)


def _sbin(y: T, ls: float) -> T:
    return y if not ls else y * (1 - ls) + 0.5 * ls


def _scat(y: T, ls: float) -> T:
    return y if not ls else y * (1 - ls) + ls / y.shape[-1]


def _two_d(*ts: T) -> tuple[list[T], tuple[int, ...]]:
    """Rows as (N, D) for torch's 1-d/2-d-only losses; returns the batch shape."""
    batch = tuple(ts[0].shape[:-1])
    return [t.reshape(-1, t.shape[-1]) for t in ts], batch


def _bce(y: T, p: T, q: dict[str, Any]) -> T:
    ys = _sbin(y, q["label_smoothing"])
    cw, pw = _w(q.get("class_weight"), p), _w(q.get("pos_weight"), p)
    if q["from_logits"]:
        el = F.binary_cross_entropy_with_logits(p, ys, weight=cw, pos_weight=pw, reduction="none")

        def logsig(z: T, t: T) -> T:
            a = t if pw is None else pw * t
            v = -(a * F.logsigmoid(z) + (1 - t) * F.logsigmoid(-z))
            lw = 1 if pw is None else 1 + (pw - 1) * t  # ±inf labels: the form affine in t
            v = torch.where(torch.isinf(t), (1 - t) * z - lw * F.logsigmoid(z), v)
            return v if cw is None else v * cw

        # the catalog's documented difference: torch's max-shift form is NaN at z = -inf
        # (inf - inf) where the log-sigmoid form has the limit (+inf for y > 0; ±inf labels:
        # the form affine in y). The service keeps the limit, so there (only where torch's
        # value is NaN and the limit exists) these forms written with torch ops give the
        # reference value; the gradient stays torch's
        with torch.no_grad():
            lim = logsig(p, ys)
            lim = torch.where(torch.isnan(el) & ~torch.isnan(lim), lim, el)
        el = _values(el, lim)
        return el.mean(-1)
    pc = _clip(p, q["epsilon"])
    el = -((1 if pw is None else pw) * ys * torch.log(pc) + (1 - ys) * torch.log1p(-pc))
    return (el if cw is None else el * cw).mean(-1)


def _cce(y: T, p: T, q: dict[str, Any], logits: bool) -> T:
    cw, ls = _w(q.get("class_weight"), p), q["label_smoothing"]
    if logits:
        (pf, yf), batch = _two_d(p, y)
        if pf.shape[0] == 0:
            return (pf * yf).sum(-1).reshape(batch)
        out = F.cross_entropy(pf, yf, weight=cw, label_smoothing=ls, reduction="none")
        # the catalog's documented difference (masking): where log q = -inf and the
        # (smoothed, weighted) target is 0 torch computes 0 * (-inf) = NaN, the service 0;
        # only rows where torch's value is NaN and the masked sum is not take the masked sum
        # (the value only: the gradient stays torch's)
        with torch.no_grad():
            lq = F.log_softmax(pf, -1)
            tw = _scat(yf, ls) * (1 if cw is None else cw)
            m = -torch.where((tw == 0) & torch.isneginf(lq), 0, tw * lq).sum(-1)
            m = torch.where(torch.isnan(out) & ~torch.isnan(m), m, out)
        out = _values(out, m)
        return out.reshape(batch)
    t = _scat(y, ls)
    return -((1 if cw is None else cw) * t * torch.log(_clip(p, q["epsilon"]))).sum(-1)


def _kl(y: T, p: T, q: dict[str, Any]) -> T:
    t = _scat(y, q["label_smoothing"])
    if q["from_logits"]:
        return F.kl_div(F.log_softmax(p, -1), t, reduction="none").sum(-1)
    lo = _eps(q["epsilon"], p)
    yc, pc = torch.clamp(t, lo, 1), torch.clamp(p, lo, 1)
    return (yc * (torch.log(yc) - torch.log(pc))).sum(-1)


def _bfocal(y: T, p: T, q: dict[str, Any]) -> T:
    g, a = q["gamma"], q["alpha"]
    ys = _sbin(y, q["label_smoothing"])
    if q["from_logits"]:
        b = -(ys * F.logsigmoid(p) + (1 - ys) * F.logsigmoid(-p))
        omp = ys * torch.sigmoid(-p) + (1 - ys) * torch.sigmoid(p)
    else:
        pc = _clip(p, q["epsilon"])
        b = -(ys * torch.log(pc) + (1 - ys) * torch.log1p(-pc))
        omp = ys * (1 - pc) + (1 - ys) * pc
    el = omp**g * b
    if q["apply_class_balancing"]:
        el = (ys * a + (1 - ys) * (1 - a)) * el
    return el.mean(-1)


def _cfocal(y: T, p: T, q: dict[str, Any]) -> T:
    t = _scat(y, q["label_smoothing"])
    lq = F.log_softmax(p, -1) if q["from_logits"] else torch.log(_clip(p, q["epsilon"]))
    return (q["alpha"] * (1 - torch.exp(lq)) ** q["gamma"] * (-t * lq)).sum(-1)


def _sparse(name: str, lab: T, p: T, q: dict[str, Any]) -> tuple[T, float]:
    """Per-sample loss (ignored samples 0) and torch's 'mean' denominator."""
    c = p.shape[-1]
    batch = tuple(p.shape[:-1])
    cw = _w(q.get("class_weight"), p)
    ii = q.get("ignore_index")
    idx = lab.long().reshape(-1)
    flat = p.reshape(-1, c)
    valid = torch.ones_like(idx, dtype=torch.bool) if ii is None else idx != ii
    safe = torch.where(valid, idx, torch.zeros_like(idx))
    w = torch.ones(c, dtype=p.dtype) if cw is None else cw * torch.ones(c, dtype=p.dtype)
    if name == "nll":
        x = flat
    elif q["from_logits"]:
        x = F.log_softmax(flat, -1)
    else:
        x = torch.log(_clip(flat, q["epsilon"]))
    ls = q.get("label_smoothing", 0.0)
    nll = -w[safe] * x.gather(1, safe[:, None])[:, 0] if flat.shape[0] else flat.sum(-1)
    per = (1 - ls) * nll + ls * (-(w * x).sum(-1) / c) if ls else nll
    if name != "nll" and q["from_logits"] and flat.shape[0]:
        # the catalog's documented difference (masking): a -inf log_softmax whose weighted
        # target is 0 (class weight 0, or a smoothing ls / C that rounds to 0) adds 0 here,
        # 0 * (-inf) = NaN in torch; the masked value where torch's is NaN and it is not (the
        # gradient stays torch's)
        with torch.no_grad():
            t = F.one_hot(safe, c).to(p.dtype)
            tw = (t * (1 - ls) + ls / c if ls else t) * w  # ls / c may round to 0 (float32)
            m = -torch.where((tw == 0) & torch.isneginf(x), 0, tw * x).sum(-1)
            m = torch.where(torch.isnan(per) & ~torch.isnan(m), m, per)
        per = _values(per, m)
    per = torch.where(valid, per, torch.zeros((), dtype=p.dtype))
    den = float(torch.where(valid, w[safe], torch.zeros((), dtype=p.dtype)).sum())
    return per.reshape(batch), den


def _multilabel_margin(p: T, y: T) -> T:
    (pf, yf), batch = _two_d(p, y)
    if pf.shape[0] == 0:
        return pf.sum(-1).reshape(batch)
    return F.multilabel_margin_loss(pf, yf.long(), reduction="none").reshape(batch)


def _keras_overlap(y: T, p: T, q: dict[str, Any], dice: bool) -> T:
    whole = q.get("axis") is None

    def s(a: T) -> T:
        return a.sum() if whole else a.sum(-1)

    i = s(y * p)
    if dice:
        return 1 - 2 * i / (s(y) + s(p) + 1e-7)
    fp, fn = s((1 - p) * y), s(p * (1 - y))
    return 1 - i / (i + q["alpha"] * fp + q["beta"] * fn + 1e-7)


def loss_ref(name: str, y: T | None, ins: dict[str, T], q: dict[str, Any]) -> tuple[T, Any]:
    """(per-sample loss, 'mean' denominator or None); per-sample is 0-d for a whole batch."""
    p = ins.get("y_pred")
    assert y is not None or name == "triplet_margin"
    if name in ("sparse_categorical_crossentropy", "nll"):
        assert p is not None and y is not None
        return _sparse(name, y, p, q)
    if name == "multi_margin":
        assert p is not None and y is not None
        (pf,), batch = _two_d(p)
        if pf.shape[0] == 0:
            return pf.sum(-1).reshape(batch), None
        out = F.multi_margin_loss(
            pf,
            y.long().reshape(-1),
            p=q["p"],
            margin=q["margin"],
            weight=_w(q.get("class_weight"), p),
            reduction="none",
        )
        return out.reshape(batch), None
    if name == "cosine_embedding":
        (a, b), batch = _two_d(ins["x1"], ins["x2"])
        if a.shape[0] == 0:
            return a.sum(-1).reshape(batch), None
        out = F.cosine_embedding_loss(a, b, y.reshape(-1), margin=q["margin"], reduction="none")
        return out.reshape(batch), None
    if name == "triplet_margin":
        (a, pos, neg), batch = _two_d(ins["anchor"], ins["positive"], ins["negative"])
        if a.shape[0] == 0:
            return a.sum(-1).reshape(batch), None
        out = F.triplet_margin_loss(
            a,
            pos,
            neg,
            margin=q["margin"],
            p=q["p"],
            eps=q["eps"],
            swap=q["swap"],
            reduction="none",
        )
        return out.reshape(batch), None
    assert y is not None
    if name == "margin_ranking":
        out = F.margin_ranking_loss(ins["x1"], ins["x2"], y, margin=q["margin"], reduction="none")
        return out.mean(-1), None
    assert p is not None
    if name == "multilabel_margin":
        return _multilabel_margin(p, y), None
    if name == "dice":
        return _keras_overlap(y, p, q, dice=True), None
    if name == "tversky":
        return _keras_overlap(y, p, q, dice=False), None
    fn = LOSS[name]
    return fn(y, p, q, ins), None


_L = Callable[[T, T, dict[str, Any], dict[str, T]], T]
LOSS: dict[str, _L] = {
    "mse": lambda y, p, q, i: F.mse_loss(p, y, reduction="none").mean(-1),
    "mae": lambda y, p, q, i: F.l1_loss(p, y, reduction="none").mean(-1),
    "huber": lambda y, p, q, i: F.huber_loss(p, y, reduction="none", delta=q["delta"]).mean(-1),
    "smooth_l1": lambda y, p, q, i: F.smooth_l1_loss(p, y, reduction="none", beta=q["beta"]).mean(
        -1
    ),
    "log_cosh": lambda y, p, q, i: (torch.logaddexp(p - y, y - p) - math.log(2)).mean(-1),
    "mape": lambda y, p, q, i: _mape(y, p, q["epsilon"]),
    "msle": lambda y, p, q, i: (
        (
            torch.log1p(torch.clamp(p, min=q["epsilon"]))
            - torch.log1p(torch.clamp(y, min=q["epsilon"]))
        )
        ** 2
    ).mean(-1),
    "poisson": lambda y, p, q, i: F.poisson_nll_loss(
        p, y, log_input=q["log_input"], full=False, eps=q["epsilon"], reduction="none"
    ).mean(-1),
    "hinge": lambda y, p, q, i: F.relu(1 - _pm1(y) * p).mean(-1),
    "squared_hinge": lambda y, p, q, i: (F.relu(1 - _pm1(y) * p) ** 2).mean(-1),
    "categorical_hinge": lambda y, p, q, i: (
        F.relu(((1 - y) * p).max(-1).values - (y * p).sum(-1) + 1)
        if p.shape[-1]
        else (y * p).sum(-1)
    ),
    "cosine_similarity": lambda y, p, q, i: -(_l2n(y) * _l2n(p)).sum(-1),
    "soft_margin": lambda y, p, q, i: F.soft_margin_loss(p, y, reduction="none").mean(-1),
    "binary_crossentropy": lambda y, p, q, i: _bce(y, p, q),
    "categorical_crossentropy": lambda y, p, q, i: _cce(y, p, q, q["from_logits"]),
    "softmax_cross_entropy": lambda y, p, q, i: _cce(y, p, q, True),
    "kl_divergence": lambda y, p, q, i: _kl(y, p, q),
    "binary_focal_crossentropy": lambda y, p, q, i: _bfocal(y, p, q),
    "categorical_focal_crossentropy": lambda y, p, q, i: _cfocal(y, p, q),
    "hinge_embedding": lambda y, p, q, i: F.hinge_embedding_loss(
        p, y, margin=q["margin"], reduction="none"
    ).mean(-1),
    "multilabel_soft_margin": lambda y, p, q, i: _mlsm(y, p, q),
    "gaussian_nll": lambda y, p, q, i: F.gaussian_nll_loss(
        p, y, i["var"], full=q["full"], eps=q["eps"], reduction="none"
    ).mean(-1),
    "poisson_nll": lambda y, p, q, i: F.poisson_nll_loss(
        p, y, log_input=q["log_input"], full=q["full"], eps=q["eps"], reduction="none"
    ).mean(-1),
}


def _mape(y: T, p: T, eps: float) -> T:
    e = p - y
    # at e = 0 the gradient is 0 (torch.sign's convention, as mae); |e| / d's backward forms
    # (100 / C) / d before multiplying by sign(e), inf for a tiny epsilon (5e-324), and
    # inf * 0 = NaN there. (|e / d| would take the sign first, but e / d underflows to 0 where
    # |e| is far below d, losing a sign the exact gradient has.)
    el = torch.where(e == 0, e * 0, e.abs() / torch.clamp(y.abs(), min=_eps(eps, p)))
    return 100 * el.mean(-1)


def _mlsm(y: T, p: T, q: dict[str, Any]) -> T:
    (pf, yf), batch = _two_d(p, y)
    if pf.shape[0] == 0:
        return pf.sum(-1).reshape(batch)
    cw = _w(q.get("class_weight"), p)
    return F.multilabel_soft_margin_loss(pf, yf, weight=cw, reduction="none").reshape(batch)


# ---- optimizers: torch.optim, plus lion and lamb written from optax's rules ------------------


def lion_step(p: T, g: T, m: T, lr: float, b1: float, b2: float, wd: float) -> tuple[T, T]:
    # optax's sign: jnp.sign(NaN) is NaN (torch.sign(NaN) is 0), the catalog's rule
    x = (1 - b1) * g + b1 * m
    u = torch.where(torch.isnan(x), x, torch.sign(x))
    m_new = (1 - b2) * g + b2 * m
    if wd:
        u = u + wd * p
    return p + u * (-lr), m_new


def lamb_step(
    p: T,
    g: T,
    m: T,
    v: T,
    t: int,
    lr: float,
    b1: float,
    b2: float,
    eps: float,
    eps_root: float = 0.0,
    wd: float = 0.0,
) -> tuple[T, T, T]:
    m = (1 - b1) * g + b1 * m
    v = (1 - b2) * g**2 + b2 * v
    u = (m / (1 - b1**t)) / (torch.sqrt(v / (1 - b2**t) + eps_root) + eps)
    if wd:
        u = u + wd * p
    pn, un = torch.sqrt((p * p).sum()), torch.sqrt((u * u).sum())
    ratio = 1.0 if (pn == 0 or un == 0) else pn / un
    return p + (u * ratio) * (-lr), m, v


TORCH_OPT = {
    "sgd": torch.optim.SGD,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "adamax": torch.optim.Adamax,
    "nadam": torch.optim.NAdam,
    "radam": torch.optim.RAdam,
    "adagrad": torch.optim.Adagrad,
    "adadelta": torch.optim.Adadelta,
    "rmsprop": torch.optim.RMSprop,
    "rprop": torch.optim.Rprop,
    "asgd": torch.optim.ASGD,
    "adafactor": torch.optim.Adafactor,
}
