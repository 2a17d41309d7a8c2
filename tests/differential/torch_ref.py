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


ACT: dict[str, Callable[[T, dict[str, Any], int], T]] = {
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
COMPOSED_ACT = {"step", "sparse_plus", "sparse_sigmoid", "squareplus", "maxout", "sparsemax"}


# ---- losses: name -> (y_true, y_pred, params) -> per-sample loss (autograd gives the grad) -----


def _clip(p: T, eps: float) -> T:
    lo = torch.tensor(eps, dtype=p.dtype)
    hi = torch.tensor(1 - eps, dtype=p.dtype)
    if hi >= 1:
        hi = torch.nextafter(torch.tensor(1.0, dtype=p.dtype), torch.tensor(0.0, dtype=p.dtype))
    return torch.clamp(p, lo, hi)


def _pm1(y: T) -> T:
    return 2 * y - 1 if bool(((y == 0) | (y == 1)).all()) else y


def _l2n(x: T) -> T:
    return x / torch.sqrt(torch.clamp((x * x).sum(-1, keepdim=True), min=1e-12))


def _bfocal(y: T, p: T, q: dict[str, Any]) -> T:
    g = q["gamma"]
    if q["from_logits"]:
        ls, lsn = F.logsigmoid(p), F.logsigmoid(-p)
        b = -(y * ls + (1 - y) * lsn)
        omp = y * torch.sigmoid(-p) + (1 - y) * torch.sigmoid(p)
    else:
        pc = _clip(p, q["epsilon"])
        b = -(y * torch.log(pc) + (1 - y) * torch.log1p(-pc))
        omp = y * (1 - pc) + (1 - y) * pc
    return (omp**g * b).mean(-1)


def _cfocal(y: T, p: T, q: dict[str, Any]) -> T:
    lq = F.log_softmax(p, -1) if q["from_logits"] else torch.log(_clip(p, q["epsilon"]))
    return q["alpha"] * ((1 - torch.exp(lq)) ** q["gamma"] * (-y * lq)).sum(-1)


LOSS: dict[str, Callable[[T, T, dict[str, Any]], T]] = {
    "mse": lambda y, p, q: F.mse_loss(p, y, reduction="none").mean(-1),
    "mae": lambda y, p, q: F.l1_loss(p, y, reduction="none").mean(-1),
    "huber": lambda y, p, q: F.huber_loss(p, y, reduction="none", delta=q["delta"]).mean(-1),
    "smooth_l1": lambda y, p, q: F.smooth_l1_loss(p, y, reduction="none", beta=q["beta"]).mean(-1),
    "log_cosh": lambda y, p, q: (torch.logaddexp(p - y, y - p) - math.log(2)).mean(-1),
    "mape": lambda y, p, q: 100 * ((p - y).abs() / torch.clamp(y.abs(), min=q["epsilon"])).mean(-1),
    "msle": lambda y, p, q: (
        (
            torch.log1p(torch.clamp(p, min=q["epsilon"]))
            - torch.log1p(torch.clamp(y, min=q["epsilon"]))
        )
        ** 2
    ).mean(-1),
    "poisson": lambda y, p, q: F.poisson_nll_loss(
        p, y, log_input=q["log_input"], full=False, eps=q["epsilon"], reduction="none"
    ).mean(-1),
    "hinge": lambda y, p, q: F.relu(1 - _pm1(y) * p).mean(-1),
    "squared_hinge": lambda y, p, q: (F.relu(1 - _pm1(y) * p) ** 2).mean(-1),
    "categorical_hinge": lambda y, p, q: F.relu(((1 - y) * p).max(-1).values - (y * p).sum(-1) + 1),
    "cosine_similarity": lambda y, p, q: -(_l2n(y) * _l2n(p)).sum(-1),
    "soft_margin": lambda y, p, q: F.soft_margin_loss(p, y, reduction="none").mean(-1),
    "binary_crossentropy": lambda y, p, q: (
        F.binary_cross_entropy_with_logits(p, y, reduction="none")
        if q["from_logits"]
        else -(
            y * torch.log(_clip(p, q["epsilon"])) + (1 - y) * torch.log1p(-_clip(p, q["epsilon"]))
        )
    ).mean(-1),
    "categorical_crossentropy": lambda y, p, q: (
        -(
            y * (F.log_softmax(p, -1) if q["from_logits"] else torch.log(_clip(p, q["epsilon"])))
        ).sum(-1)
    ),
    "softmax_cross_entropy": lambda y, p, q: -(y * F.log_softmax(p, -1)).sum(-1),
    "kl_divergence": lambda y, p, q: (
        F.kl_div(F.log_softmax(p, -1), y, reduction="none")
        if q["from_logits"]
        else torch.clamp(y, q["epsilon"], 1)
        * (torch.log(torch.clamp(y, q["epsilon"], 1)) - torch.log(torch.clamp(p, q["epsilon"], 1)))
    ).sum(-1),
    "binary_focal_crossentropy": _bfocal,
    "categorical_focal_crossentropy": _cfocal,
}


def sparse_loss(name: str, labels: T, p: T, q: dict[str, Any]) -> T:
    """Mean-reduced sparse losses with torch's own denominator (non-ignored count)."""
    c = p.shape[-1]
    lab = labels.long().reshape(-1)
    flat = p.reshape(-1, c)
    if name == "nll":
        return F.nll_loss(flat, lab, reduction="mean")
    if q["from_logits"]:
        return F.cross_entropy(flat, lab, reduction="mean")
    lp = torch.log(_clip(flat, q["epsilon"]))
    return F.nll_loss(lp, lab, reduction="mean")


# ---- optimizers: torch.optim, plus lion and lamb written from optax's rules ------------------


def lion_step(p: T, g: T, m: T, lr: float, b1: float, b2: float, wd: float) -> tuple[T, T]:
    u = torch.sign((1 - b1) * g + b1 * m)
    m_new = (1 - b2) * g + b2 * m
    if wd:
        u = u + wd * p
    return p + u * (-lr), m_new


def lamb_step(
    p: T, g: T, m: T, v: T, t: int, lr: float, b1: float, b2: float, eps: float
) -> tuple[T, T, T]:
    m = (1 - b1) * g + b1 * m
    v = (1 - b2) * g**2 + b2 * v
    u = (m / (1 - b1**t)) / (torch.sqrt(v / (1 - b2**t)) + eps)
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
