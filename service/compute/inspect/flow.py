"""Gradient flow through a deterministic random MLP.

The net (all layers count from 1 at the input; ``depth`` = number of weight layers)::

    a_0 = x                                       x: (batch, width), from ``input``
    z_l = a_{l-1} W_l^T + b_l,   a_l = f(z_l)     W_l: (width, width), b_l = 0,  l = 1..depth
    L   = loss(t, a_depth)                        t: (batch, width) ~ N(0, 1), Keras reduction

Every layer, the output layer included, applies the activation ``f`` (any registered elementwise
activation, with its parameters); the forward pass calls the registry's ``forward`` and the
backward pass its ``vjp``, the loss and its gradient come from the loss registry (``mse`` by
default: the mean over all elements of (a − t)², gradient 2(a − t)/numel). Backward::

    dz_l = vjp_f(z_l, da_l),  dW_l = dz_l^T a_{l-1},  db_l = Σ_batch dz_l,  da_{l-1} = dz_l W_l

Determinism: ``numpy.random.default_rng(seed)`` (PCG64) draws, in this order, x, t, then
W_1 … W_depth, always in float64 (a float32 request casts the same draws), so a seed names one
net on every machine and in both dtypes.

Initialisations (fan_in = fan_out = width; PyTorch's ``nn.init`` formulas, untruncated):

* ``xavier_uniform`` U(−a, a), a = gain·√(6/(fan_in + fan_out)); ``xavier_normal``
  N(0, gain²·2/(fan_in + fan_out)) (``gain`` default 1);
* ``he_uniform`` U(−√(6/fan_in), √(6/fan_in)) and ``he_normal`` N(0, 2/fan_in) (torch's
  ``kaiming_*_`` with a = 0, mode fan_in, nonlinearity relu); ``lecun_normal`` N(0, 1/fan_in)
  (Keras' ``he_normal`` and ``lecun_normal`` truncate at 2σ and rescale; these do not);
* ``normal`` N(0, std²) (``std`` default 0.05, Keras' ``RandomNormal``; torch's ``normal_``
  defaults to 1) and ``uniform`` U(−bound, bound) (``bound`` default 0.05, Keras'
  ``RandomUniform``).

Per layer the report gives the mean and std of z_l and a_l, the ``saturated_fraction`` (entries
with |f'(z)| < ``thresholds.saturation``: the sigmoid/tanh tails, hard clipping, ReLU's zero side),
the ``dead_fraction`` (units saturated for every sample of the batch), the Frobenius norms of
dW_l, db_l, dz_l and W_l, and the ratios of the weight-gradient and pre-activation-gradient norms
to the last layer's.

Verdict: a layer whose weight-gradient ratio is below ``thresholds.vanishing``
(default 1e−2) is vanishing, above ``thresholds.exploding`` (default 1e2) exploding, a non-finite
gradient is nonfinite; ``first_bad_layer`` is the bad layer nearest the output and ``verdict`` its
kind (``ok`` and null when none). When the last layer's weight gradient is exactly 0 the gradient
has vanished at the output: ``vanishing`` at layer ``depth``, ratios null.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np

from service.compute import activations as act
from service.compute import losses as losses_mod
from service.compute.errors import InvalidInputError, LimitExceededError
from service.compute.params import ParamSpec, resolve_params

Array = np.ndarray
Sampler = Callable[[np.random.Generator, int, int, dict[str, Any]], Array]


@dataclass(frozen=True)
class Init:
    """One weight initialisation: W of shape (fan_out, fan_in) drawn in float64."""

    name: str
    params: tuple[ParamSpec, ...]
    sample: Sampler
    formula: str


def _xavier_uniform(rng: np.random.Generator, fi: int, fo: int, p: dict[str, Any]) -> Array:
    a = p["gain"] * math.sqrt(6.0 / (fi + fo))
    return cast(np.ndarray, rng.uniform(-1.0, 1.0, size=(fo, fi)) * a)


def _xavier_normal(rng: np.random.Generator, fi: int, fo: int, p: dict[str, Any]) -> Array:
    return cast(
        np.ndarray, rng.standard_normal((fo, fi)) * (p["gain"] * math.sqrt(2.0 / (fi + fo)))
    )


def _he_uniform(rng: np.random.Generator, fi: int, fo: int, p: dict[str, Any]) -> Array:
    a = math.sqrt(6.0 / fi)
    return rng.uniform(-1.0, 1.0, size=(fo, fi)) * a


def _he_normal(rng: np.random.Generator, fi: int, fo: int, p: dict[str, Any]) -> Array:
    return rng.standard_normal((fo, fi)) * math.sqrt(2.0 / fi)


def _lecun_normal(rng: np.random.Generator, fi: int, fo: int, p: dict[str, Any]) -> Array:
    return rng.standard_normal((fo, fi)) * math.sqrt(1.0 / fi)


def _normal(rng: np.random.Generator, fi: int, fo: int, p: dict[str, Any]) -> Array:
    return cast(np.ndarray, rng.standard_normal((fo, fi)) * p["std"])


def _uniform(rng: np.random.Generator, fi: int, fo: int, p: dict[str, Any]) -> Array:
    return cast(np.ndarray, rng.uniform(-1.0, 1.0, size=(fo, fi)) * p["bound"])


_GAIN = ParamSpec("gain", 1.0, "Scale factor (torch's gain).", minimum=0.0, exclusive_minimum=True)

INITS: dict[str, Init] = {
    i.name: i
    for i in (
        Init(
            "xavier_uniform",
            (_GAIN,),
            _xavier_uniform,
            r"U(-a, a),\ a = g\sqrt{6/(n_{in}+n_{out})}",
        ),
        Init(
            "xavier_normal",
            (_GAIN,),
            _xavier_normal,
            r"\mathcal{N}(0, g^2 \cdot 2/(n_{in}+n_{out}))",
        ),
        Init("he_uniform", (), _he_uniform, r"U(-\sqrt{6/n_{in}}, \sqrt{6/n_{in}})"),
        Init("he_normal", (), _he_normal, r"\mathcal{N}(0, 2/n_{in})"),
        Init("lecun_normal", (), _lecun_normal, r"\mathcal{N}(0, 1/n_{in})"),
        Init(
            "normal",
            (ParamSpec("std", 0.05, "Standard deviation.", minimum=0.0, exclusive_minimum=True),),
            _normal,
            r"\mathcal{N}(0, s^2)",
        ),
        Init(
            "uniform",
            (
                ParamSpec(
                    "bound",
                    0.05,
                    "Half-width of the interval.",
                    minimum=0.0,
                    exclusive_minimum=True,
                ),
            ),
            _uniform,
            r"U(-b, b)",
        ),
    )
}

INPUTS = ("normal", "uniform")
# losses that take a real-valued target like y_pred (random targets make sense for them)
FLOW_LOSSES = ("mse", "mae", "huber", "smooth_l1", "log_cosh")


@dataclass(frozen=True)
class FlowThresholds:
    vanishing: float = 1e-2
    exploding: float = 1e2
    saturation: float = 1e-2


@dataclass(frozen=True)
class FlowLimits:
    """Work limits with the names of the settings that set them."""

    max_work: int = 4_000_000_000
    max_depth: int = 1000
    work_setting: str = "max_flow_work"
    depth_setting: str = "max_flow_depth"


@dataclass(frozen=True)
class FlowConfig:
    depth: int = 5
    width: int = 64
    batch: int = 64
    activation: str = "relu"
    activation_params: Mapping[str, Any] | None = None
    init: str = "he_normal"
    init_params: Mapping[str, Any] | None = None
    input: str = "normal"
    input_scale: float = 1.0
    loss: str = "mse"
    seed: int = 0
    dtype: type[np.floating[Any]] = np.float64
    thresholds: FlowThresholds = field(default_factory=FlowThresholds)


@dataclass
class Mlp:
    """The drawn net and data; ``weights[l - 1]`` is W_l (width, width)."""

    x: Array
    target: Array
    weights: list[Array]
    biases: list[Array]


@dataclass
class Pass:
    """Forward and backward results per layer (index l - 1): a_l, f'(z_l), dz_l, dW_l, db_l,
    and the forward statistics of z_l and a_l (computed as the pass goes, z is not kept)."""

    loss: float
    a: list[Array]
    d: list[Array]
    dz: list[Array]
    dw: list[Array]
    db: list[Array]
    forward_stats: list[dict[str, Any]]


# --------------------------------------------------------------------------------------------
# validation


def _int(value: Any, name: str, lo: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < lo:
        raise InvalidInputError(f"expected an integer >= {lo}, got {value!r}", (name,))
    return int(value)


def _positive(value: Any, loc: tuple[str | int, ...], *, allow_zero: bool = False) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < 0 or (value == 0 and not allow_zero):
        what = "a finite number >= 0" if allow_zero else "a finite number > 0"
        raise InvalidInputError(f"expected {what}, got {value!r}", loc)
    return float(value)


def check_config(
    cfg: FlowConfig,
    limits: FlowLimits | None = None,
    decode_tensor: Callable[[Any, tuple[str | int, ...]], Array] | None = None,
) -> tuple[Any, dict[str, Any], Init, dict[str, Any]]:
    """Validate sizes, names and parameters; return (activation, its params, init, its params).

    Raises :class:`LimitExceededError` when depth·width·width·batch (the multiply-adds of one
    forward pass) or the depth exceed ``limits``.
    """
    lim = limits or FlowLimits()
    depth = _int(cfg.depth, "depth", 1)
    width = _int(cfg.width, "width", 1)
    batch = _int(cfg.batch, "batch", 1)
    _int(cfg.seed, "seed", 0)
    if depth > lim.max_depth:
        raise LimitExceededError(
            f"expected depth at most {lim.max_depth}, got {depth}",
            lim.depth_setting,
            lim.max_depth,
            ("depth",),
        )
    work = depth * width * width * batch
    if work > lim.max_work:
        raise LimitExceededError(
            f"expected depth*width*width*batch at most {lim.max_work}, got {work} "
            f"({depth}*{width}*{width}*{batch})",
            lim.work_setting,
            lim.max_work,
            ("width",),
        )
    entry = act.ACTIVATIONS.get(cfg.activation, ("activation",))
    if entry.kind != "elementwise":
        raise InvalidInputError(
            f"expected an elementwise activation, got {entry.name!r} ({entry.kind}: it does "
            "not map a layer's units one to one)",
            ("activation",),
        )
    try:
        entry, p = act.resolve(entry.name, dict(cfg.activation_params or {}), decode_tensor)
    except InvalidInputError as exc:  # the request names them activation_params
        loc = exc.loc[1:] if exc.loc[:1] == ("params",) else exc.loc
        raise InvalidInputError(exc.msg, ("activation_params", *loc)) from None
    init = INITS.get(cfg.init)
    if init is None:
        raise InvalidInputError(f"expected one of {', '.join(INITS)}, got {cfg.init!r}", ("init",))
    ip = resolve_params(init.params, dict(cfg.init_params or {}), ("init_params",))
    if cfg.input not in INPUTS:
        raise InvalidInputError(
            f"expected one of {', '.join(INPUTS)}, got {cfg.input!r}", ("input",)
        )
    _positive(cfg.input_scale, ("input_scale",))
    if cfg.loss not in FLOW_LOSSES:
        raise InvalidInputError(
            f"expected one of {', '.join(FLOW_LOSSES)} (a loss on real-valued targets), got "
            f"{cfg.loss!r}",
            ("loss",),
        )
    th = cfg.thresholds
    _positive(th.vanishing, ("thresholds", "vanishing"))
    _positive(th.exploding, ("thresholds", "exploding"))
    _positive(th.saturation, ("thresholds", "saturation"), allow_zero=True)
    if th.vanishing >= th.exploding:
        raise InvalidInputError(
            f"expected vanishing < exploding, got {th.vanishing!r} >= {th.exploding!r}",
            ("thresholds", "vanishing"),
        )
    return entry, p, init, ip


# --------------------------------------------------------------------------------------------
# the net


def build_mlp(cfg: FlowConfig, init: Init, init_params: dict[str, Any]) -> Mlp:
    """Draw x, targets and weights from ``cfg.seed`` (see the module docstring for the order)."""
    with np.errstate(over="ignore"):  # a huge input_scale or std gives inf: a valid net to report
        return _draw(cfg, init, init_params)


def _draw(cfg: FlowConfig, init: Init, init_params: dict[str, Any]) -> Mlp:
    rng = np.random.default_rng(cfg.seed)
    shape = (cfg.batch, cfg.width)
    if cfg.input == "normal":
        x = rng.standard_normal(shape) * cfg.input_scale
    else:
        x = rng.uniform(-1.0, 1.0, size=shape) * cfg.input_scale
    target = rng.standard_normal(shape)
    dt = cfg.dtype
    weights = [
        init.sample(rng, cfg.width, cfg.width, init_params).astype(dt, copy=False)
        for _ in range(cfg.depth)
    ]
    biases = [np.zeros(cfg.width, dtype=dt) for _ in range(cfg.depth)]
    return Mlp(x.astype(dt, copy=False), target.astype(dt, copy=False), weights, biases)


def forward_backward(
    mlp: Mlp, entry: Any, p: dict[str, Any], loss: str = "mse", saturation: float = 1e-2
) -> Pass:
    """One forward and one backward pass through the registry's functions.

    Forward calls ``entry.forward`` and ``entry.derivative`` once per layer; backward multiplies
    by that derivative (an elementwise activation's VJP: dz = da ⊙ f'(z)). The loss value and
    dL/da_depth come from the loss registry.
    """
    a = mlp.x
    acts: list[Array] = [a]
    derivs: list[Array] = []
    stats: list[dict[str, Any]] = []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for w, b in zip(mlp.weights, mlp.biases, strict=True):
            z = a @ w.T + b
            a = entry.forward(z, p, -1)
            d = entry.derivative(z, p)
            sat = np.abs(d) < saturation
            stats.append(
                {
                    "pre_activation": _mean_std(z),
                    "activation": _mean_std(a),
                    "saturated_fraction": float(np.count_nonzero(sat)) / sat.size,
                    "dead_fraction": float(np.count_nonzero(sat.all(axis=0))) / sat.shape[1],
                }
            )
            acts.append(a)
            derivs.append(d)
        res = losses_mod.evaluate_loss(loss, mlp.target, a, dtype=a.dtype.type)
        da = np.asarray(res.grad, dtype=a.dtype)
        depth = len(mlp.weights)
        dz: list[Array] = [da] * depth
        dw: list[Array] = [da] * depth
        db: list[Array] = [da] * depth
        for i in range(depth - 1, -1, -1):
            g = da * derivs[i]
            dz[i] = g
            dw[i] = g.T @ acts[i]
            db[i] = g.sum(axis=0)
            if i:
                da = g @ mlp.weights[i]
    return Pass(float(res.loss), acts[1:], derivs, dz, dw, db, stats)


# --------------------------------------------------------------------------------------------
# report


def _norm(a: Array) -> float:
    with np.errstate(over="ignore", invalid="ignore"):
        n = float(np.linalg.norm(a.reshape(-1).astype(np.float64, copy=False)))
    return n


def _mean_std(a: Array) -> dict[str, float]:
    a64 = a.astype(np.float64, copy=False)
    return {"mean": float(a64.mean()), "std": float(a64.std())}


def _ratio(v: float, ref: float) -> float | None:
    if ref == 0.0 or not math.isfinite(ref) or not math.isfinite(v):
        return None
    return v / ref


def gradient_flow(
    cfg: FlowConfig,
    limits: FlowLimits | None = None,
    decode_tensor: Callable[[Any, tuple[str | int, ...]], Array] | None = None,
) -> dict[str, Any]:
    """Build the net from ``cfg``, run one forward/backward pass and diagnose the gradient.

    Returns ``{"verdict", "first_bad_layer", "loss", "layers": [...], "config": {...},
    "thresholds": {...}}``; each layer has ``layer``, ``pre_activation`` and ``activation``
    (``mean``, ``std``), ``saturated_fraction``, ``dead_fraction``, ``weight_norm``,
    ``weight_grad_norm``, ``bias_grad_norm``, ``pre_activation_grad_norm``,
    ``weight_grad_ratio``, ``pre_activation_grad_ratio`` and ``verdict``.
    """
    entry, p, init, ip = check_config(cfg, limits, decode_tensor)
    mlp = build_mlp(cfg, init, ip)
    th = cfg.thresholds
    res = forward_backward(mlp, entry, p, cfg.loss, th.saturation)
    depth = cfg.depth
    wg = [_norm(g) for g in res.dw]
    zg = [_norm(g) for g in res.dz]
    last_w, last_z = wg[-1], zg[-1]
    layers: list[dict[str, Any]] = []
    verdicts: list[str] = []
    for i in range(depth):
        r_w = _ratio(wg[i], last_w)
        finite = math.isfinite(wg[i]) and math.isfinite(zg[i])
        if not finite:
            v = "nonfinite"
        elif last_w == 0.0 or (r_w is not None and r_w < th.vanishing):
            v = "vanishing"
        elif r_w is not None and r_w > th.exploding:
            v = "exploding"
        else:
            v = "ok"
        verdicts.append(v)
        layers.append(
            {
                "layer": i + 1,
                **res.forward_stats[i],
                "weight_norm": _norm(mlp.weights[i]),
                "weight_grad_norm": wg[i],
                "bias_grad_norm": _norm(res.db[i]),
                "pre_activation_grad_norm": zg[i],
                "weight_grad_ratio": r_w,
                "pre_activation_grad_ratio": _ratio(zg[i], last_z),
                "verdict": v,
            }
        )
    first_bad: int | None = None
    verdict = "ok"
    if not math.isfinite(res.loss):
        verdict, first_bad = "nonfinite", depth
    elif last_w == 0.0:
        verdict, first_bad = "vanishing", depth
    else:
        for i in range(depth - 1, -1, -1):
            if verdicts[i] != "ok":
                verdict, first_bad = verdicts[i], i + 1
                break
    return {
        "verdict": verdict,
        "first_bad_layer": first_bad,
        "loss": res.loss,
        "layers": layers,
        "activation": {"name": entry.name, "params": _plain(p)},
        "init": {"name": init.name, "params": ip},
        "thresholds": {
            "vanishing": th.vanishing,
            "exploding": th.exploding,
            "saturation": th.saturation,
        },
    }


def _plain(p: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as JSON-ready values (tensor parameters as lists)."""
    return {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in p.items()}
