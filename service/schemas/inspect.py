"""Request/response envelopes of the gradient-inspection endpoints: gradcheck, verify,
gradient statistics and gradient flow."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from service.schemas.common import (
    DTYPE_FIELD,
    ENCODING_FIELD,
    DType,
    Encoding,
    NumberOut,
    StrictModel,
    Tensor,
    TensorOut,
)

Verdict = Literal["ok", "vanishing", "exploding", "nonfinite"]


_PARAMS_DESCRIPTION = 'The function\'s parameters by name or alias, e.g. {"alpha": 0.2}.'


class ActivationTarget(StrictModel):
    """A registered activation; its input is `x`."""

    kind: Literal["activation"] = Field(description="A registered activation (input `x`).")
    name: str = Field(description="Activation name or alias, as in GET /v1/activations.")
    params: dict[str, Any] = Field(default_factory=dict, description=_PARAMS_DESCRIPTION)


class LossTarget(StrictModel):
    """A registered loss; its input is `y_pred` (with `y_true`)."""

    kind: Literal["loss"] = Field(description="A registered loss (input `y_pred`, `y_true`).")
    name: str = Field(description="Loss name or alias, as in GET /v1/losses.")
    params: dict[str, Any] = Field(default_factory=dict, description=_PARAMS_DESCRIPTION)


class OptimizerTarget(StrictModel):
    """One step of a registered optimizer."""

    kind: Literal["optimizer"] = Field(description="One step of a registered optimizer.")
    name: str = Field(description="Optimizer name or alias, as in GET /v1/optimizers.")
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="The optimizer's hyperparameters (the same as `hyperparams`; give one or "
        "the other).",
    )


Target = Annotated[ActivationTarget | LossTarget, Field(discriminator="kind")]
"""What gradcheck checks, told apart by `kind`."""


# --------------------------------------------------------------------------------------------
# gradcheck


class GradcheckRequest(StrictModel):
    target: Target = Field(description="The registered function whose gradient is checked.")
    x: Tensor | None = Field(
        None,
        description="Activation input. For a loss, accepted in place of `y_pred` (gradcheck's name "
        "for the checked input).",
    )
    y_pred: Tensor | None = Field(
        None, description="Loss input (predictions, logits...), the variable differentiated."
    )
    y_true: Tensor | None = Field(
        None, description="Loss targets (required for a loss, except triplet_margin)."
    )
    x1: Tensor | None = Field(
        None,
        description="margin_ranking, cosine_embedding: the first input, the main input checked "
        "as `grad` (the report's `analytic`/`numeric` take its form).",
    )
    x2: Tensor | None = Field(
        None, description="margin_ranking, cosine_embedding: the second input (grads.x2)."
    )
    anchor: Tensor | None = Field(
        None, description="triplet_margin: the anchors, the main input checked as `grad`."
    )
    positive: Tensor | None = Field(None, description="triplet_margin: the positives.")
    negative: Tensor | None = Field(None, description="triplet_margin: the negatives.")
    var: Tensor | None = Field(None, description="gaussian_nll: the variances (grads.var).")
    axis: int = Field(-1, description="Axis of vector activations (softmax, glu, maxout...).")
    reduction: Literal["mean", "sum", "none"] = Field(
        "mean",
        description="Loss reduction; with none the checked function is the sum of the weighted "
        "per-sample losses (whose gradient is the loss endpoint's `grad`).",
    )
    sample_weight: Tensor | None = Field(None, description="Loss sample weights, one per sample.")
    convention: Literal["torch", "keras"] = Field(
        "torch", description="Loss convention (see POST /v1/losses/{name})."
    )
    eps: float = Field(1e-6, description="Finite-difference step (torch.autograd.gradcheck's).")
    atol: float = Field(1e-5, description="Absolute tolerance (torch.autograd.gradcheck's).")
    rtol: float = Field(1e-3, description="Relative tolerance (torch.autograd.gradcheck's).")
    fast_mode: bool | None = Field(
        None,
        description="true: random projections vᵀJu only (torch's fast_mode, jax's check_grads); "
        "false: the full Jacobian (up to 4096 input elements); null: full for small inputs "
        "(vector activations up to 1024 input elements, losses up to 256), projections beyond. "
        "Elementwise activations are always checked element by element.",
    )
    directions: int = Field(8, description="Number of random directions in projection mode.")
    seed: int = Field(0, description="Seed of the random directions and cotangents.")
    order: Literal[1, 2] = Field(
        1,
        description="1: first derivatives. 2: second derivatives against central differences "
        "of the analytic first derivative: an elementwise activation's `second_derivative` "
        "(f'' vs differences of f', kinks skipped), a loss's `hessian` (full mode) and `hvp` "
        "(differences of `grad` along v).",
    )
    encoding: Encoding | None = ENCODING_FIELD


class CheckSummary(BaseModel):
    passed: bool = Field(description="Every entry within atol + rtol·|numeric|.")
    max_abs_error: NumberOut = Field(description="max |analytic − numeric|.")
    max_rel_error: NumberOut = Field(description="max |analytic − numeric| / |numeric|.")
    mismatches: int = Field(description="Entries outside the tolerance.")
    count: int = Field(description="Entries compared.")


class Worst(BaseModel):
    check: str = Field(description="Which analytic quantity (derivative, vjp, jacobian, grad).")
    index: list[int] = Field(description="Index of the entry (see worst_index).")
    analytic: NumberOut
    numeric: NumberOut
    abs_error: NumberOut
    rel_error: NumberOut


class GradcheckResponse(BaseModel):
    passed: bool = Field(description="Every check passed.")
    max_abs_error: NumberOut = Field(description="Largest absolute error over all checks.")
    max_rel_error: NumberOut = Field(
        description="Largest relative error |a − n|/|n| (Infinity where n = 0 and a ≠ 0)."
    )
    worst_index: list[int] | None = Field(
        description="The entry furthest outside the tolerance: an index of x (elementwise "
        "mode), of the Jacobian y.shape + x.shape (full mode; y_pred.shape for a loss), or the "
        "direction's number (projections)."
    )
    worst: Worst | None = Field(description="That entry's analytic and numeric values.")
    analytic: TensorOut | None = Field(
        description="The analytic gradient when small: f'(x) (elementwise), the Jacobian "
        "from the backward pass (y.shape + x.shape), or dL/dy_pred; null for projections."
    )
    numeric: TensorOut | None = Field(description="The central-difference counterpart.")
    mode: Literal["elementwise", "full", "projections"] = Field(description="How it was checked.")
    checks: dict[str, CheckSummary] = Field(
        description="Per analytic quantity: derivative, vjp and param_grads.<name> (elementwise; "
        "PReLU's alpha), vjp and jacobian (vector activations), grad (losses); with order 2 "
        "second_derivative (activations), hessian and hvp (losses)."
    )
    skipped: dict[str, int] = Field(
        description="Inputs not checked: nonfinite, and near_kink (within 2·eps of a kink of an "
        "elementwise activation)."
    )
    evaluations: int = Field(description="Function evaluations made.")
    eps: float
    atol: float
    rtol: float
    directions: int | None = Field(None, description="Projections made (projection mode).")


# --------------------------------------------------------------------------------------------
# stats


class StatsThresholds(StrictModel):
    vanishing: float = Field(
        1e-7, description="A tensor whose norm is below this is vanishing (an all-zero one too)."
    )
    exploding: float = Field(1e3, description="A tensor whose norm is above this is exploding.")
    norm: Literal["l2", "rms", "linf"] = Field(
        "l2", description="The norm compared: l2 (as clip_grad_norm_), rms = l2/√n, or linf."
    )


class StatsRequest(StrictModel):
    tensors: dict[str, Tensor] = Field(
        description="Named gradient tensors (b64 is the fast path for large ones)."
    )
    thresholds: StatsThresholds = Field(
        default_factory=StatsThresholds, description="Verdict thresholds."
    )


class Histogram(BaseModel):
    log10_edges: list[int] = Field(
        description="Bin edges k: bin i counts 10^k_i <= |g| < 10^k_i+1."
    )
    counts: list[int]
    underflow: int = Field(description="0 < |g| below the first edge.")
    overflow: int = Field(description="Finite |g| at or above the last edge.")
    zeros: int


class TensorStats(BaseModel):
    shape: list[int]
    count: int
    finite_count: int
    nan_count: int
    inf_count: int
    posinf_count: int
    neginf_count: int
    l1: NumberOut
    l2: NumberOut
    linf: NumberOut
    rms: NumberOut
    mean: NumberOut | None
    std: NumberOut | None = Field(description="Population std (ddof 0) of the finite values.")
    min: NumberOut | None
    max: NumberOut | None
    zero_fraction: float
    histogram: Histogram
    verdict: Verdict


class StatsResponse(BaseModel):
    tensors: dict[str, TensorStats]
    global_norm: NumberOut = Field(description="√(Σ over tensors of Σg²), finite values.")
    global_rms: NumberOut
    global_linf: NumberOut
    count: int
    verdict: Verdict = Field(description="The most severe tensor verdict (or the global norm's).")
    worst_tensor: str | None
    thresholds: dict[str, Any]


# --------------------------------------------------------------------------------------------
# gradient flow


class FlowThresholds(StrictModel):
    vanishing: float = Field(
        1e-2,
        description="A layer whose weight-gradient norm / the last layer's is below this "
        "is vanishing.",
    )
    exploding: float = Field(1e2, description="... above this is exploding.")
    saturation: float = Field(
        1e-2,
        description="An entry with |f'(z)| below this is saturated (a unit saturated for "
        "the whole batch is dead).",
    )


class FlowRequest(StrictModel):
    depth: int = Field(5, ge=1, description="Number of weight layers (each Linear + activation).")
    width: int = Field(64, ge=1, description="Units per layer (also the input and output width).")
    batch: int = Field(64, ge=1, description="Samples in the batch.")
    seed: int = Field(0, ge=0, description="Seed of numpy.random.default_rng: x, targets, weights.")
    activation: str = Field(
        "relu", description="Any registered elementwise activation (name or alias)."
    )
    activation_params: dict[str, Any] = Field(
        default_factory=dict, description='Its parameters, e.g. {"alpha": 0.2}.'
    )
    init: Literal[
        "xavier_uniform",
        "xavier_normal",
        "he_uniform",
        "he_normal",
        "lecun_normal",
        "normal",
        "uniform",
    ] = Field("he_normal", description="Weight initialisation (PyTorch's formulas, biases 0).")
    init_params: dict[str, Any] = Field(
        default_factory=dict,
        description="gain for xavier_*, std for normal (default 0.05), bound for uniform "
        "(default 0.05).",
    )
    input: Literal["normal", "uniform"] = Field(
        "normal", description="Input distribution: N(0, input_scale²) or U(±input_scale)."
    )
    input_scale: float = Field(1.0, description="Std (normal) or half-width (uniform) of x.")
    loss: Literal["mse", "mae", "huber", "smooth_l1", "log_cosh"] = Field(
        "mse", description="Loss against targets drawn from N(0, 1)."
    )
    thresholds: FlowThresholds = Field(
        default_factory=FlowThresholds, description="Verdict thresholds."
    )
    dtype: DType | None = DTYPE_FIELD


class MeanStd(BaseModel):
    mean: NumberOut
    std: NumberOut


class FlowLayer(BaseModel):
    layer: int = Field(description="1 at the input.")
    pre_activation: MeanStd = Field(description="z = a W^T + b.")
    activation: MeanStd = Field(description="a = f(z).")
    saturated_fraction: float
    dead_fraction: float
    weight_norm: NumberOut
    weight_grad_norm: NumberOut
    bias_grad_norm: NumberOut
    pre_activation_grad_norm: NumberOut
    weight_grad_ratio: NumberOut | None = Field(description="weight_grad_norm / the last layer's.")
    pre_activation_grad_ratio: NumberOut | None
    verdict: Verdict


class FlowResponse(BaseModel):
    verdict: Verdict
    first_bad_layer: int | None = Field(
        description="The vanishing/exploding/nonfinite layer nearest the output (null if ok)."
    )
    loss: NumberOut
    layers: list[FlowLayer]
    activation: dict[str, Any]
    init: dict[str, Any]
    thresholds: dict[str, Any]
    config: dict[str, Any]


# ---- examples (each runs as shown; tests/test_openapi.py posts them all)

GRADCHECK_EXAMPLES: dict[str, Any] = {
    "second_order": {
        "summary": "gelu: the second derivative against differences of f' (order 2)",
        "description": "f''(x) = φ(x)(2 − x²) against (f'(x + eps) − f'(x − eps)) / (2 eps).",
        "value": {
            "target": {"kind": "activation", "name": "gelu"},
            "x": [-2.0, -0.5, 0.5, 2.0],
            "order": 2,
        },
    },
    "activation": {
        "summary": "sigmoid: f'(x) against central differences",
        "value": {"target": {"kind": "activation", "name": "sigmoid"}, "x": [-2.0, 0.5, 3.0]},
    },
    "softmax": {
        "summary": "softmax: the full Jacobian, rows along the last axis",
        "value": {
            "target": {"kind": "activation", "name": "softmax"},
            "x": [[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]],
        },
    },
    "loss": {
        "summary": "categorical cross-entropy from logits: dL/dy_pred",
        "value": {
            "target": {
                "kind": "loss",
                "name": "categorical_crossentropy",
                "params": {"from_logits": True},
            },
            "y_true": [[0, 1, 0], [1, 0, 0]],
            "y_pred": [[2.0, 1.0, 0.1], [0.5, 0.3, -1.0]],
        },
    },
    "fast": {
        "summary": "fast mode: 4 random projections, looser tolerances",
        "value": {
            "target": {"kind": "activation", "name": "log_softmax"},
            "x": [[0.1, 0.2, 0.3, 0.4], [1.0, -1.0, 2.0, -2.0]],
            "fast_mode": True,
            "directions": 4,
            "rtol": 1e-4,
        },
    },
}


STATS_EXAMPLES: dict[str, Any] = {
    "small": {
        "summary": "three named gradients: ok, vanishing and non-finite",
        "value": {
            "tensors": {
                "layer1.weight": [[0.01, -0.02], [0.5, 0.0]],
                "layer2.weight": [1e-9, -2e-9, 0.0],
                "layer2.bias": [0.3, "NaN", "Infinity"],
            }
        },
    },
    "b64": {
        "summary": "a float32 b64 tensor and RMS thresholds",
        "value": {
            "tensors": {
                "w": {"shape": [2, 2], "dtype": "float32", "b64": "AACAPwAAAMAAAEBAAACAwA=="}
            },
            "thresholds": {"vanishing": 1e-6, "exploding": 10.0, "norm": "rms"},
        },
    },
}


FLOW_EXAMPLES: dict[str, Any] = {
    "sigmoid": {
        "summary": "sigmoid, 5 layers, Xavier: vanishing (the classic example)",
        "value": {
            "depth": 5,
            "width": 64,
            "batch": 64,
            "activation": "sigmoid",
            "init": "xavier_uniform",
            "seed": 0,
        },
    },
    "relu": {
        "summary": "ReLU, 20 layers, He: healthy",
        "value": {
            "depth": 20,
            "width": 64,
            "batch": 64,
            "activation": "relu",
            "init": "he_normal",
            "seed": 0,
        },
    },
    "tanh": {
        "summary": "tanh with N(0, 1) weights: exploding",
        "value": {
            "depth": 10,
            "width": 64,
            "activation": "tanh",
            "init": "normal",
            "init_params": {"std": 1.0},
        },
    },
    "leaky": {
        "summary": "leaky_relu with its slope, float32",
        "value": {
            "depth": 8,
            "activation": "leaky_relu",
            "activation_params": {"alpha": 0.2},
            "init": "he_uniform",
            "dtype": "float32",
        },
    },
}
