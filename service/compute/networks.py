"""Gradients of a client's own sequential network: one forward and one backward pass.

The network is a list of layers applied in order to ``x`` of shape ``(N, F)`` (batch ×
features); ``a_0 = x``, ``a_l = layer_l(a_{l-1})``, and the loss compares ``a_L`` with the
targets. Each layer type states its forward map, its backward map (what autograd computes
for the upstream gradient ``g = dL/da_l``) and its PyTorch equivalent:

``dense`` (``torch.nn.Linear``), W: (out, in), b: (out,) or none::

    y = x Wᵀ + b              dW = gᵀ x,   db = Σ_n g[n],   dx = g W

``activation`` (the catalog entry along the last axis, e.g. ``torch.nn.functional.gelu``,
``softmax(dim=-1)``): ``y = f(x)``, ``dx = vjp_f(x, g)`` from the activation registry (vector
functions such as softmax use their full VJP); PReLU also gives ``dalpha``.

``layer_norm`` (``torch.nn.LayerNorm(F, eps)``, over the last axis, C = F), w, b: (F,) or
none (then 1 and 0)::

    μ = mean_c x,  σ² = mean_c (x − μ)²  (biased),  r = 1/√(σ² + ε),  x̂ = (x − μ) r
    y = x̂ ⊙ w + b
    dw = Σ_n g ⊙ x̂,  db = Σ_n g,  ĝ = g ⊙ w
    dx = r (ĝ − mean_c ĝ − x̂ mean_c(ĝ ⊙ x̂))

``batch_norm`` (``torch.nn.BatchNorm1d(F, eps)`` in training mode on (N, F)): the same maps
with the statistics over the batch axis (μ, σ² per feature over the N samples, biased
variance as torch normalises with; the running statistics are not involved). N = 1 is a
422, as torch raises ("Expected more than 1 value per channel when training").

``dropout`` (``torch.nn.Dropout(p)`` in training mode, with the client's mask m ∈ {0, 1}
instead of a random one): ``s = m / (1 − p)`` (0 when p = 1, as torch), ``y = x ⊙ s``,
``dx = g ⊙ s``.

The loss is a catalog loss with all its options (:func:`service.compute.losses.evaluate_loss`
on ``y_pred = a_L``); its gradient ``dL/da_L`` starts the backward pass. Matrix products go
through BLAS (``@``); everything else is whole-array NumPy. Computation is in ``dtype``
(float64 or float32, like torch on tensors of that dtype).

Report: per layer its gradients, ``‖dL/da_{l−1}‖`` (``input_grad_norm``), statistics and a
verdict per gradient tensor as ``POST /v1/inspect/stats`` computes them (the layer's
``verdict`` is the most severe), and for dense layers ``weight_grad_ratio`` =
‖dW_l‖ / ‖dW‖ of the last dense layer. The overall ``verdict`` and ``first_bad_layer`` follow
gradient-flow: walking from the output to the input, the first layer with a non-finite
gradient (``nonfinite``), or a dense layer whose ratio is below ``thresholds.vanishing``
(``vanishing``) or above ``thresholds.exploding`` (``exploding``); a non-finite loss is
``nonfinite`` at the last layer, and an exactly zero last dense weight gradient is
``vanishing`` there.

Optionally one optimizer step (:func:`service.compute.optimizers.step`) on the tree
``{layer_name: {"weight": W, "bias": b}}`` of the dense and normalisation layers, with the
gradients just computed: the updated tree and the optimizer state come back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from service.compute import activations as act
from service.compute import losses as losses_mod
from service.compute import optimizers as optim
from service.compute.errors import ComputeError, InvalidInputError, LimitExceededError, Loc
from service.compute.inspect import stats as stats_mod
from service.compute.inspect import verify as verify_mod
from service.compute.params import check_number

Array = np.ndarray
DecodeTensor = Callable[[Any, tuple[str | int, ...]], np.ndarray]

LAYER_TYPES = ("dense", "activation", "layer_norm", "batch_norm", "dropout")
PARAM_LAYERS = ("dense", "layer_norm", "batch_norm")
DEFAULT_EPS = 1e-5

TORCH_EQUIVALENTS: dict[str, str] = {
    "dense": "torch.nn.Linear(in, out, bias=bias is not None)",
    "activation": "the torch.nn.functional activation along dim=-1",
    "layer_norm": "torch.nn.LayerNorm(F, eps, elementwise_affine=weight is not None)",
    "batch_norm": "torch.nn.BatchNorm1d(F, eps, affine=weight is not None) in train() mode",
    "dropout": "torch.nn.Dropout(p) in train() mode, with the given mask",
}


# --------------------------------------------------------------------------------------------
# inputs


@dataclass(frozen=True)
class LayerSpec:
    """One layer as the client sent it (arrays decoded, nothing validated yet).

    ``type`` is one of :data:`LAYER_TYPES`; ``weight``/``bias`` for dense (W: (out, in)) and
    the normalisations ((F,)); ``eps`` for the normalisations; ``mask`` and ``p`` for dropout;
    ``activation`` (a catalog name or alias) and ``params`` for activation layers.
    """

    type: str
    name: str | None = None
    weight: Array | None = None
    bias: Array | None = None
    eps: float = DEFAULT_EPS
    mask: Array | None = None
    p: float | None = None
    activation: str | None = None
    params: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class LossSpec:
    """The loss and its options, as ``POST /v1/losses/{name}`` takes them."""

    name: str
    y_true: Array
    params: Mapping[str, Any] | None = None
    reduction: str = "mean"
    sample_weight: Array | None = None
    convention: str = "torch"
    output_activation: str | None = None


@dataclass(frozen=True)
class OptimizerSpec:
    """One step of a catalog optimizer, as ``POST /v1/optimizers/{name}/step`` takes it."""

    name: str
    hyperparams: Mapping[str, Any] | None = None
    state: Any = None
    clip: Mapping[str, Any] | None = None
    regularization: Mapping[str, Any] | None = None
    schedule: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class NetworkLimits:
    """Size limits with the names of the settings that set them.

    ``work`` counts multiply-adds of one forward pass: batch·in·out per dense layer plus
    batch·width per other layer (the backward pass costs about twice as much)."""

    max_layers: int = 256
    max_width: int = 16_384
    max_batch: int = 65_536
    max_work: int = 4_000_000_000
    layers_setting: str = "max_network_layers"
    width_setting: str = "max_network_width"
    batch_setting: str = "max_network_batch"
    work_setting: str = "max_network_work"


@dataclass(frozen=True)
class FlowThresholds:
    """Ratio thresholds of the overall verdict (as gradient-flow)."""

    vanishing: float = 1e-2
    exploding: float = 1e2

    def check(self, loc: Loc = ("thresholds",)) -> FlowThresholds:
        for name in ("vanishing", "exploding"):
            check_number(getattr(self, name), (*loc, name), positive=True)
        if self.vanishing >= self.exploding:
            raise InvalidInputError(
                f"expected vanishing < exploding, got {self.vanishing!r} >= {self.exploding!r}",
                (*loc, "vanishing"),
            )
        return self


# --------------------------------------------------------------------------------------------
# the validated network


@dataclass
class Layer:
    """A validated layer: arrays in the compute dtype, the activation entry resolved."""

    index: int
    name: str
    type: str
    weight: Array | None = None
    bias: Array | None = None
    eps: float = DEFAULT_EPS
    scale: Array | None = None  # dropout: mask / (1 - p)
    entry: act.Activation | None = None
    params: dict[str, Any] = field(default_factory=dict)
    in_width: int = 0
    out_width: int = 0

    def tensors(self) -> dict[str, Array]:
        """The learnable tensors the optimizer updates (weight, bias when present)."""
        out: dict[str, Array] = {}
        if self.weight is not None:
            out["weight"] = self.weight
        if self.bias is not None:
            out["bias"] = self.bias
        return out


@dataclass
class Network:
    x: Array
    layers: list[Layer]
    work: int


@contextmanager
def relocated(prefix: Loc, moves: Mapping[str, Loc] | None = None) -> Iterator[None]:
    """Re-raise compute errors with ``loc`` under ``prefix`` (``moves`` renames the first
    element first: a loss's ``y_pred`` is the network's output)."""
    try:
        yield
    except ComputeError as exc:
        loc = exc.loc
        if loc[:1] == ("body",):  # decoded by the edge's callback: already absolute
            raise
        if moves and loc and str(loc[0]) in moves:
            loc = (*moves[str(loc[0])], *loc[1:])
        exc.loc = (*prefix, *loc)
        raise


def _under(decode_tensor: DecodeTensor | None, prefix: Loc) -> DecodeTensor | None:
    """The edge's tensor decoder for a field below ``prefix`` (its errors name the field)."""
    if decode_tensor is None:
        return None
    outer = decode_tensor

    def _decode(value: Any, loc: tuple[str | int, ...]) -> np.ndarray:
        return outer(value, (*prefix, *loc))

    return _decode


def _finite_number(value: Any, loc: Loc, *, lo: float, hi: float | None = None) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < lo or (hi is not None and value > hi):
        rng = f"in [{lo:g}, {hi:g}]" if hi is not None else f">= {lo:g}"
        raise InvalidInputError(f"expected a finite number {rng}, got {value!r}", loc)
    return float(value)


def _cast(a: Array, dt: np.dtype, loc: Loc) -> Array:
    arr = np.asarray(a)
    if arr.dtype.kind not in "fiu":
        raise InvalidInputError(f"expected a real-valued tensor, got dtype {arr.dtype}", loc)
    with np.errstate(over="ignore"):  # 1e300 as float32 is inf, as the frameworks cast it
        return arr.astype(dt, copy=False)


def _vector(a: Array | None, width: int, dt: np.dtype, loc: Loc, what: str) -> Array | None:
    if a is None:
        return None
    v = _cast(a, dt, loc)
    if v.shape != (width,):
        raise InvalidInputError(
            f"expected shape ({width},), one {what} per feature of the layer's input "
            f"(width {width}), got {tuple(v.shape)}",
            loc,
        )
    return v


def _layer_name(spec: LayerSpec, i: int, seen: dict[str, int]) -> str:
    name = str(i) if spec.name is None else spec.name
    loc: Loc = ("layers", i, "name")
    if not isinstance(name, str) or not name or "/" in name or name == "shape":
        raise InvalidInputError(
            f"expected a non-empty layer name without '/' (and not 'shape'), got {name!r}", loc
        )
    if name in seen:
        raise InvalidInputError(
            f"layer name {name!r} is already used by layer {seen[name]}; names must be unique",
            loc,
        )
    seen[name] = i
    return name


def build_network(
    x: Array,
    specs: list[LayerSpec],
    *,
    dtype: Any = np.float64,
    limits: NetworkLimits | None = None,
    decode_tensor: DecodeTensor | None = None,
) -> Network:
    """Validate shapes, names, parameters and limits; cast every array to ``dtype``.

    Errors name the field: ``("layers", i, "weight")`` for a weight that does not fit the
    width reaching layer ``i``, ``("x",)`` for an input that is not (batch, features), and
    :class:`LimitExceededError` naming its ``max_network_*`` settings field.
    """
    lim = limits or NetworkLimits()
    dt = np.dtype(dtype)
    if dt not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise InvalidInputError(f"expected float64 or float32, got {dt}", ("dtype",))
    xa = _cast(x, dt, ("x",))
    if xa.ndim != 2 or xa.shape[0] < 1 or xa.shape[1] < 1:
        raise InvalidInputError(
            f"expected x of shape (batch, features) with both at least 1, got shape "
            f"{tuple(xa.shape)}",
            ("x",),
        )
    n, width = (int(s) for s in xa.shape)
    if not specs:
        raise InvalidInputError("expected at least one layer, got none", ("layers",))
    if len(specs) > lim.max_layers:
        raise LimitExceededError(
            f"expected at most {lim.max_layers} layers, got {len(specs)}",
            lim.layers_setting,
            lim.max_layers,
            ("layers",),
        )
    if n > lim.max_batch:
        raise LimitExceededError(
            f"expected a batch of at most {lim.max_batch}, got {n}",
            lim.batch_setting,
            lim.max_batch,
            ("x",),
        )

    def check_width(w: int, loc: Loc) -> None:
        if w > lim.max_width:
            raise LimitExceededError(
                f"expected layer widths of at most {lim.max_width}, got {w}",
                lim.width_setting,
                lim.max_width,
                loc,
            )

    check_width(width, ("x",))
    layers: list[Layer] = []
    seen: dict[str, int] = {}
    work = 0
    for i, spec in enumerate(specs):
        loc: Loc = ("layers", i)
        if spec.type not in LAYER_TYPES:
            raise InvalidInputError(
                f"expected a layer type among {', '.join(LAYER_TYPES)}, got {spec.type!r}",
                (*loc, "type"),
            )
        name = _layer_name(spec, i, seen)
        layer = Layer(index=i, name=name, type=spec.type, in_width=width)
        if spec.type == "dense":
            if spec.weight is None:
                raise InvalidInputError("expected weight, shape (out, in)", (*loc, "weight"))
            w = _cast(spec.weight, dt, (*loc, "weight"))
            if w.ndim != 2 or w.shape[1] != width:
                raise InvalidInputError(
                    f"expected shape (out, {width}): the layer's input has {width} features, "
                    f"got {tuple(w.shape)}",
                    (*loc, "weight"),
                )
            out = int(w.shape[0])
            if out < 1:
                raise InvalidInputError(
                    "expected at least one output unit, got 0", (*loc, "weight")
                )
            check_width(out, (*loc, "weight"))
            layer.weight = w
            layer.bias = _vector(spec.bias, out, dt, (*loc, "bias"), "bias per output unit")
            work += n * width * out
            width = out
        elif spec.type == "activation":
            if spec.activation is None:
                raise InvalidInputError("expected the activation's name", (*loc, "name"))
            entry = act.ACTIVATIONS.get(spec.activation, (*loc, "name"))
            with relocated(loc):
                entry, p = act.resolve(
                    entry.name, dict(spec.params or {}), _under(decode_tensor, loc)
                )
            layer.entry, layer.params = entry, _cast_params(entry, p, dt)
            # one zero row through the forward checks the width (glu, maxout, prelu's alpha)
            with relocated(loc, {"x": (), "axis": ()}), np.errstate(all="ignore"):
                probe = entry.forward(np.zeros((1, width), dtype=dt), layer.params, -1)
            if probe.ndim != 2 or probe.shape[-1] < 1:
                raise InvalidInputError(f"{entry.name} leaves no output features", loc)
            work += n * width
            width = int(probe.shape[-1])
        elif spec.type in ("layer_norm", "batch_norm"):
            layer.eps = _finite_number(spec.eps, (*loc, "eps"), lo=0.0)
            layer.weight = _vector(spec.weight, width, dt, (*loc, "weight"), "scale")
            layer.bias = _vector(spec.bias, width, dt, (*loc, "bias"), "shift")
            if spec.type == "batch_norm" and n < 2:
                raise InvalidInputError(
                    "batch_norm in training mode needs at least 2 samples (the batch variance "
                    "of one sample is 0; torch raises 'Expected more than 1 value per channel "
                    "when training'), got a batch of 1",
                    loc,
                )
            work += n * width
        else:  # dropout
            if spec.p is None:
                raise InvalidInputError("expected p, the drop probability in [0, 1]", (*loc, "p"))
            p_drop = _finite_number(spec.p, (*loc, "p"), lo=0.0, hi=1.0)
            if spec.mask is None:
                raise InvalidInputError(
                    f"expected mask, a 0/1 tensor of shape ({n}, {width}) like the layer's input",
                    (*loc, "mask"),
                )
            m = np.asarray(spec.mask)
            if m.shape != (n, width):
                raise InvalidInputError(
                    f"expected shape ({n}, {width}) like the layer's input, got {tuple(m.shape)}",
                    (*loc, "mask"),
                )
            if m.dtype.kind not in "fiub" or not np.all((m == 0) | (m == 1)):
                raise InvalidInputError("expected a mask of 0s and 1s", (*loc, "mask"))
            if p_drop == 1.0:
                layer.scale = np.zeros((n, width), dtype=dt)
            else:  # torch: noise.div_(1 - p) in the tensor's dtype
                layer.scale = m.astype(dt) / dt.type(1.0 - p_drop)
            work += n * width
        layer.out_width = width
        layers.append(layer)
    if work > lim.max_work:
        raise LimitExceededError(
            f"expected at most {lim.max_work} multiply-adds per forward pass (Σ batch·in·out "
            f"over dense layers + batch·width over the others), got {work}",
            lim.work_setting,
            lim.max_work,
            ("layers",),
        )
    return Network(xa, layers, work)


def _cast_params(entry: act.Activation, p: dict[str, Any], dt: np.dtype) -> dict[str, Any]:
    """Tensor parameters (PReLU's alpha) as arrays of the compute dtype."""
    out = dict(p)
    for spec in entry.params:
        if spec.type == "tensor" and isinstance(out.get(spec.name), np.ndarray | list):
            out[spec.name] = np.asarray(out[spec.name], dtype=dt)
    return out


# --------------------------------------------------------------------------------------------
# forward and backward


@dataclass
class Pass:
    """Results of one forward and backward pass, per layer index.

    ``outputs[l]`` = a_{l+1} (the layer's output), ``output_grads[l]`` = dL/da_{l+1},
    ``input_grads[l]`` = dL/da_l (``input_grads[0]`` = dL/dx), ``grads[l]`` the layer's
    parameter gradients."""

    loss: Array
    per_sample: Array
    warnings: list[str]
    outputs: list[Array]
    output_grads: list[Array]
    input_grads: list[Array]
    grads: list[dict[str, Array]]


def _norm_forward(layer: Layer, x: Array, axis: int) -> tuple[Array, tuple[Array, Array]]:
    mu = x.mean(axis=axis, keepdims=True)
    xc = x - mu
    var = np.mean(xc * xc, axis=axis, keepdims=True)
    rstd = 1.0 / np.sqrt(var + x.dtype.type(layer.eps))
    xhat = xc * rstd
    y = xhat * layer.weight if layer.weight is not None else xhat
    if layer.bias is not None:
        y = y + layer.bias
    return y, (xhat, rstd)


def _norm_backward(
    layer: Layer, cache: tuple[Array, Array], g: Array, axis: int
) -> tuple[Array, dict[str, Array]]:
    xhat, rstd = cache
    grads: dict[str, Array] = {}
    if layer.weight is not None:
        grads["weight"] = np.sum(g * xhat, axis=0)
    if layer.bias is not None:
        grads["bias"] = np.sum(g, axis=0)
    gh = g * layer.weight if layer.weight is not None else g
    dx = rstd * (
        gh - gh.mean(axis=axis, keepdims=True) - xhat * np.mean(gh * xhat, axis=axis, keepdims=True)
    )
    return dx, grads


def _forward(layer: Layer, a: Array) -> tuple[Array, Any]:
    if layer.type == "dense":
        assert layer.weight is not None
        y = a @ layer.weight.T
        if layer.bias is not None:
            y += layer.bias
        return y, a
    if layer.type == "activation":
        assert layer.entry is not None
        with relocated(("layers", layer.index), {"x": ("activation",)}):
            return layer.entry.forward(a, layer.params, -1), a
    if layer.type == "layer_norm":
        return _norm_forward(layer, a, -1)
    if layer.type == "batch_norm":
        return _norm_forward(layer, a, 0)
    assert layer.scale is not None
    return a * layer.scale, None


def _backward(layer: Layer, cache: Any, g: Array) -> tuple[Array, dict[str, Array]]:
    if layer.type == "dense":
        assert layer.weight is not None
        grads = {"weight": g.T @ cache}
        if layer.bias is not None:
            grads["bias"] = g.sum(axis=0)
        return g @ layer.weight, grads
    if layer.type == "activation":
        entry = layer.entry
        assert entry is not None
        dx = entry.vjp(cache, g, layer.params, -1)
        pg: dict[str, Array] = {}
        if entry.param_grads is not None:
            pg = dict(entry.param_grads(cache, g, layer.params, -1))
        return dx, pg
    if layer.type == "layer_norm":
        return _norm_backward(layer, cache, g, -1)
    if layer.type == "batch_norm":
        return _norm_backward(layer, cache, g, 0)
    assert layer.scale is not None
    return g * layer.scale, {}


def evaluate_loss(
    net: Network, output: Array, loss: LossSpec, decode_tensor: DecodeTensor | None
) -> losses_mod.LossResult:
    """The catalog loss on the network's output (errors relocated under ``loss``)."""
    moves: dict[str, Loc] = {"y_pred": ()}
    with relocated(("loss",), moves):
        return losses_mod.evaluate_loss(
            loss.name,
            loss.y_true,
            output,
            loss.params,
            reduction=loss.reduction,
            sample_weight=loss.sample_weight,
            convention=loss.convention,
            dtype=output.dtype.type,
            output_activation=loss.output_activation,
            decode_tensor=_under(decode_tensor, ("loss",)),
        )


def forward_backward(
    net: Network, loss: LossSpec, decode_tensor: DecodeTensor | None = None
) -> Pass:
    """One forward pass (keeping what the backward pass needs), the loss and its gradient,
    one backward pass. Non-finite values propagate (they are reported, never errors)."""
    a = net.x
    caches: list[Any] = []
    outputs: list[Array] = []
    with np.errstate(all="ignore"):
        for layer in net.layers:
            a, cache = _forward(layer, a)
            caches.append(cache)
            outputs.append(a)
    res = evaluate_loss(net, a, loss, decode_tensor)
    n_layers = len(net.layers)
    g = np.asarray(res.grad, dtype=a.dtype)
    output_grads: list[Array] = [g] * n_layers
    input_grads: list[Array] = [g] * n_layers
    grads: list[dict[str, Array]] = [{} for _ in net.layers]
    with np.errstate(all="ignore"):
        for i in range(n_layers - 1, -1, -1):
            output_grads[i] = g
            g, grads[i] = _backward(net.layers[i], caches[i], g)
            g = np.asarray(g, dtype=a.dtype)
            input_grads[i] = g
    return Pass(
        loss=np.asarray(res.loss),
        per_sample=np.asarray(res.per_sample),
        warnings=list(res.warnings),
        outputs=outputs,
        output_grads=output_grads,
        input_grads=input_grads,
        grads=grads,
    )


# --------------------------------------------------------------------------------------------
# report


def _norm(a: Array) -> float:
    with np.errstate(over="ignore", invalid="ignore"):
        flat = a.reshape(-1)
        if flat.dtype != np.float64:
            flat = flat.astype(np.float64)
        return float(np.sqrt(np.dot(flat, flat))) if flat.size else 0.0


@dataclass
class LayerReport:
    name: str
    type: str
    activation: str | None
    output: Array
    input_grad: Array
    grads: dict[str, Array]
    input_grad_norm: float
    statistics: dict[str, dict[str, Any]]
    verdict: str
    weight_grad_ratio: float | None
    output_shape: list[int]


@dataclass
class NetworkResult:
    loss: Array
    output: Array
    per_sample: Array
    warnings: list[str]
    layers: list[LayerReport]
    verdict: str
    first_bad_layer: str | None
    first_bad_layer_index: int | None
    params: dict[str, dict[str, Array]] | None = None
    state: dict[str, Any] | None = None
    optimizer_stats: dict[str, Any] | None = None
    work: int = 0


def _overall(
    net: Network, res: Pass, reports: list[LayerReport], th: FlowThresholds
) -> tuple[str, int | None]:
    """Verdict and first bad layer index, walking from the output (gradient-flow's rule)."""
    last = len(net.layers) - 1
    if not bool(np.all(np.isfinite(res.loss))):
        return "nonfinite", last
    dense = [i for i, layer in enumerate(net.layers) if layer.type == "dense"]
    last_dense_zero = bool(dense) and _norm(res.grads[dense[-1]]["weight"]) == 0.0
    for i in range(last, -1, -1):
        rep = reports[i]
        if any(s["nan_count"] or s["inf_count"] for s in rep.statistics.values()):
            return "nonfinite", i
        if dense and i == dense[-1] and last_dense_zero:
            return "vanishing", i
        r = rep.weight_grad_ratio
        if r is not None and r < th.vanishing:
            return "vanishing", i
        if r is not None and r > th.exploding:
            return "exploding", i
    return "ok", None


def report(
    net: Network,
    res: Pass,
    thresholds: FlowThresholds | None = None,
    stats_thresholds: stats_mod.StatsThresholds | None = None,
) -> tuple[list[LayerReport], str, int | None]:
    """Per-layer statistics and verdicts, the overall verdict and the first bad layer."""
    th = (thresholds or FlowThresholds()).check()
    sth = (stats_thresholds or stats_mod.StatsThresholds()).check(("stats_thresholds",))
    dense = [i for i, layer in enumerate(net.layers) if layer.type == "dense"]
    ref_norm = _norm(res.grads[dense[-1]]["weight"]) if dense else 0.0
    reports: list[LayerReport] = []
    for i, layer in enumerate(net.layers):
        grads = res.grads[i]
        tensors = {**grads, "input": res.input_grads[i]}
        statistics = {k: stats_mod.tensor_stats(v, sth) for k, v in tensors.items()}
        verdict = max(
            (s["verdict"] for s in statistics.values()), key=lambda v: stats_mod.SEVERITY[v]
        )
        ratio = None
        if layer.type == "dense" and ref_norm != 0.0 and math.isfinite(ref_norm):
            wn = _norm(grads["weight"])
            ratio = wn / ref_norm if math.isfinite(wn) else None
        reports.append(
            LayerReport(
                name=layer.name,
                type=layer.type,
                activation=None if layer.entry is None else layer.entry.name,
                output=res.outputs[i],
                input_grad=res.input_grads[i],
                grads=grads,
                input_grad_norm=_norm(res.input_grads[i]),
                statistics=statistics,
                verdict=verdict,
                weight_grad_ratio=ratio,
                output_shape=list(res.outputs[i].shape),
            )
        )
    verdict, first = _overall(net, res, reports, th)
    return reports, verdict, first


def optimizer_step(net: Network, res: Pass, opt: OptimizerSpec) -> optim.StepResult:
    """One step of ``opt`` on {layer: {weight, bias}} with the gradients of ``res``."""
    params: dict[str, dict[str, Array]] = {}
    grads: dict[str, dict[str, Array]] = {}
    for layer in net.layers:
        t = layer.tensors()
        if t:
            params[layer.name] = t
            grads[layer.name] = {k: res.grads[layer.index][k] for k in t}
    if not params:
        raise InvalidInputError(
            "the network has no weights to update (no dense, layer_norm or batch_norm layer "
            "with a weight or bias)",
            ("optimizer",),
        )
    moves: dict[str, Loc] = {"params": ("layers",), "grads": ("layers",)}
    with relocated(("optimizer",), moves):
        return optim.step(
            opt.name,
            params,
            grads,
            opt.state,
            opt.hyperparams,
            clip=opt.clip,
            regularization=opt.regularization,
            schedule=opt.schedule,
        )


def network_gradients(
    x: Array,
    layers: list[LayerSpec],
    loss: LossSpec,
    *,
    optimizer: OptimizerSpec | None = None,
    dtype: Any = np.float64,
    limits: NetworkLimits | None = None,
    thresholds: FlowThresholds | None = None,
    stats_thresholds: stats_mod.StatsThresholds | None = None,
    decode_tensor: DecodeTensor | None = None,
) -> NetworkResult:
    """Validate the network, run one forward and backward pass, report, and optionally apply
    one optimizer step (see the module docstring)."""
    if thresholds is not None:
        thresholds.check()
    net = build_network(x, layers, dtype=dtype, limits=limits, decode_tensor=decode_tensor)
    # unknown names are a 404 before any work
    losses_mod.LOSSES.get(loss.name, ("loss", "name"))
    if optimizer is not None:
        optim.OPTIMIZERS.get(optimizer.name, ("optimizer", "name"))
    res = forward_backward(net, loss, decode_tensor)
    reports, verdict, first = report(net, res, thresholds, stats_thresholds)
    out = NetworkResult(
        loss=res.loss,
        output=res.outputs[-1],
        per_sample=res.per_sample,
        warnings=res.warnings,
        layers=reports,
        verdict=verdict,
        first_bad_layer=None if first is None else net.layers[first].name,
        first_bad_layer_index=first,
        work=net.work,
    )
    if optimizer is not None:
        step = optimizer_step(net, res, optimizer)
        out.params, out.state, out.optimizer_stats = step.params, step.state, step.stats
    return out


# --------------------------------------------------------------------------------------------
# verify: a client's own gradients of the network


def _outputs_of(net: Network, res: Pass) -> dict[str, Array]:
    out = {
        f"grads.{layer.name}.{f}": g
        for layer in net.layers
        for f, g in res.grads[layer.index].items()
    }
    out["loss"] = res.loss
    return out


def verify_network(
    x: Array,
    layers: list[LayerSpec],
    loss: LossSpec,
    grads: Mapping[str, Mapping[str, Any]],
    loss_value: Any = None,
    *,
    dtype: type[np.floating[Any]] = np.float64,
    tol: verify_mod.VerifyTolerance | None = None,
    limits: NetworkLimits | None = None,
    decode_tensor: DecodeTensor | None = None,
) -> dict[str, Any]:
    """Compare a client's per-layer gradients (and optionally its loss) with the float64
    reference, with the per-output report of :mod:`service.compute.inspect.verify`.

    ``grads`` is ``{layer_name: {field: array}}`` (weight and bias of dense and the
    normalisations, alpha of prelu); outputs are named ``grads.<layer>.<field>`` and ``loss``.
    A failing output is diagnosed when it matches a known mistake: ``sign_flipped``,
    ``transposed_weight_gradient`` (dW as x·gᵀ, shape (in, out), or transposed when square),
    ``bias_not_summed`` (the per-sample bias gradients, shape (N, out), or the first sample's
    only), ``missing_mean_division`` (the gradient of the sum over the batch: N× the reference;
    or of the sum over every element of a per-sample-mean loss), ``extra_mean_division``
    (1/N of the reference: a mean taken twice, a bias gradient averaged over the batch).
    """
    t = (tol or verify_mod.VerifyTolerance()).check()
    losses_mod.LOSSES.get(loss.name, ("loss", "name"))
    net = build_network(x, layers, dtype=np.float64, limits=limits, decode_tensor=decode_tensor)
    ref = forward_backward(net, loss, decode_tensor)
    ref_out = _outputs_of(net, ref)
    by_name = {layer.name: layer for layer in net.layers}
    n = int(net.x.shape[0])
    client: dict[str, Array] = {}
    shaped: dict[str, tuple[Array, str, str]] = {}
    for lname, fields in grads.items():
        if lname not in by_name:
            raise InvalidInputError(
                f"no layer is named {lname!r}; the layers are {', '.join(by_name)}",
                ("grads", lname),
            )
        layer = by_name[lname]
        for fname, value in fields.items():
            loc: Loc = ("grads", lname, fname)
            key = f"grads.{lname}.{fname}"
            if key not in ref_out:
                have = ", ".join(ref.grads[layer.index]) or "none"
                raise InvalidInputError(
                    f"layer {lname!r} ({layer.type}) has no gradient {fname!r}; it has: {have}",
                    loc,
                )
            c = np.asarray(value)
            if c.dtype.kind not in "fiub":
                raise InvalidInputError(f"expected a numeric tensor, got dtype {c.dtype}", loc)
            c = c.astype(np.float64)
            r = ref_out[key]
            if c.shape != r.shape:
                found = _shape_variant(layer, fname, c, r, ref.output_grads[layer.index])
                if found is None or not verify_mod._matches(c, found[0], dtype, t):
                    raise InvalidInputError(
                        f"expected shape {tuple(r.shape)} like the layer's {fname}, got "
                        f"{tuple(c.shape)}",
                        loc,
                    )
                shaped[key] = found
            client[key] = c
    if loss_value is not None:
        c = np.asarray(loss_value, dtype=np.float64)
        if c.shape != ref.loss.shape:
            raise InvalidInputError(
                f"expected shape {tuple(ref.loss.shape)} like the loss, got {tuple(c.shape)}",
                ("loss_value",),
            )
        client["loss"] = c
    if not client:
        raise InvalidInputError(
            "expected at least one gradient in grads (or loss_value), got none", ("grads",)
        )

    def rerun(reduction: str, scale: float = 1.0) -> dict[str, Array | None]:
        with np.errstate(all="ignore"):
            res = forward_backward(net, replace(loss, reduction=reduction), decode_tensor)
            return {k: v * scale for k, v in _outputs_of(net, res).items()}

    c_len = int(ref.outputs[-1].shape[-1])
    entry = losses_mod.LOSSES.get(loss.name)
    variants: list[verify_mod.Variant] = [
        (
            "sign_flipped",
            "matches the reference with the opposite sign",
            lambda: {k: -v for k, v in ref_out.items()},
        ),
        (
            "transposed_weight_gradient",
            "matches the transposed weight gradient (x·gᵀ instead of gᵀ·x)",
            lambda: {
                k: v.T
                for k, v in ref_out.items()
                if k.endswith(".weight") and v.ndim == 2 and v.shape[0] == v.shape[1]
            },
        ),
        (
            "bias_not_summed",
            "matches the first sample's bias gradient only: sum the per-sample gradients over "
            "the batch",
            lambda: {
                f"grads.{layer.name}.bias": ref.output_grads[layer.index][0]
                for layer in net.layers
                if "bias" in ref.grads[layer.index] and layer.type == "dense"
            },
        ),
    ]
    if loss.reduction == "mean":
        variants.append(
            (
                "missing_mean_division",
                f"matches the gradients of the sum over the batch (N = {n} times the "
                "reference): the 1/N of the mean reduction is missing",
                lambda: rerun("sum"),
            )
        )
        if entry.per_sample_reduction == "mean" and c_len > 1:
            variants.append(
                (
                    "missing_mean_division",
                    f"matches the gradients of the sum over every output element: the 1/N of "
                    f"the mean over samples and the 1/C of the per-sample mean (C = {c_len}) "
                    "are missing",
                    lambda: rerun("sum", float(c_len)),
                )
            )
    if n > 1:
        variants.append(
            (
                "extra_mean_division",
                f"matches the reference divided by N = {n}: the batch mean was taken twice "
                "(or a bias gradient averaged over the batch instead of summed)",
                lambda: {k: v / n for k, v in ref_out.items()},
            )
        )
    checker = verify_mod._Checker(dtype, t, variants)
    results: dict[str, dict[str, Any]] = {}
    for key, c in client.items():
        if key in shaped:
            variant, label, detail = shaped[key]
            out = verify_mod._summary(verify_mod.compare(c, variant, dtype, t), t)
            out.update(
                passed=False,
                mismatches=int(c.size),
                diagnosis=label,
                diagnosis_detail=f"{detail} (shape {list(c.shape)}, expected "
                f"{list(ref_out[key].shape)}; errors measured against the variant)",
            )
            results[key] = out
        else:
            results[key] = checker.check(key, c, ref_out[key])
    target = {
        "kind": "network",
        "layers": [
            {"name": layer.name, "type": layer.type}
            | ({"activation": layer.entry.name} if layer.entry is not None else {})
            for layer in net.layers
        ],
        "loss": {"name": entry.name, "reduction": loss.reduction},
    }
    return verify_mod._report(results, dtype, t, target)


def _shape_variant(
    layer: Layer, field: str, client: Array, ref: Array, out_grad: Array
) -> tuple[Array, str, str] | None:
    """A client gradient of another shape that a known mistake explains, or None."""
    if field == "weight" and ref.ndim == 2 and client.shape == ref.T.shape:
        return (
            ref.T,
            "transposed_weight_gradient",
            "the weight gradient is transposed: dW = gᵀ·x has shape (out, in) like W",
        )
    if field == "bias" and layer.type == "dense" and client.shape == out_grad.shape:
        return (
            out_grad,
            "bias_not_summed",
            "per-sample bias gradients: db = Σ over the batch of dL/dy",
        )
    return None
