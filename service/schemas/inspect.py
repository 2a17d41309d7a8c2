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

VerifyTarget = Annotated[
    ActivationTarget | LossTarget | OptimizerTarget, Field(discriminator="kind")
]
"""What the client implemented, told apart by `kind`."""


# --------------------------------------------------------------------------------------------
# gradcheck


class GradcheckRequest(StrictModel):
    target: Target = Field(description="The registered function whose gradient is checked.")
    x: Tensor | None = Field(
        None,
        description="Activation input. For a loss, accepted in place of `y_pred` (API.md §5 "
        "names the checked input x).",
    )
    y_pred: Tensor | None = Field(
        None, description="Loss input (predictions, logits...), the variable differentiated."
    )
    y_true: Tensor | None = Field(None, description="Loss targets (required for a loss).")
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
        "PReLU's alpha), vjp and jacobian (vector activations), grad (losses)."
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
# verify


class VerifyTolerance(StrictModel):
    ulp: float = Field(
        4.0, description="Units in the last place of the client's dtype an element may be off."
    )
    atol: float | None = Field(
        None,
        description="Absolute tolerance; default: `ulp` ULPs of the largest finite reference "
        "magnitude of the same output, so cancellation near zero is not an error.",
    )
    max_listed: int = Field(10, description="How many mismatches to list per output (0–1000).")


class VerifyResult(StrictModel):
    params: Any = Field(
        description="The parameters the client's step produced: a tensor or a mapping of named "
        "tensors like `params`."
    )
    state: dict[str, Any] | None = Field(
        None,
        description='Optionally the state it produced, {"step", "slots": {slot: tensors}}, '
        "slots named as in GET /v1/optimizers/{name}.",
    )


class VerifyRequest(StrictModel):
    target: VerifyTarget = Field(description="What the client implemented.")
    dtype: DType | None = Field(
        None,
        description="The dtype of the client's numbers (ULPs are counted in it). Default: "
        "float32 when the client outputs are flat/b64 tensors declared float32, else float64.",
    )
    tolerance: VerifyTolerance = Field(
        default_factory=VerifyTolerance, description="When an element passes."
    )
    # activation inputs and outputs
    x: Tensor | None = Field(None, description="Activation input.")
    grad_output: Tensor | None = Field(
        None,
        description="Activation: the upstream gradient used for vjp and param_grads "
        "(default ones).",
    )
    axis: int = Field(-1, description="Activation axis (vector functions).")
    params: Any = Field(
        None,
        description="Activation/loss: the function's parameters (or in target.params). "
        "Optimizer: the parameters before the step, a tensor or a mapping of named tensors.",
    )
    value: Tensor | None = Field(None, description="Client's f(x).")
    derivative: Tensor | None = Field(
        None,
        description="Client's elementwise f'(x) (for a vector function: read as the "
        "Jacobian's diagonal).",
    )
    jacobian: Tensor | None = Field(
        None,
        description="Client's Jacobian along axis, shape y.shape + [n] (an x-shaped "
        "tensor is read as a diagonal).",
    )
    vjp: Tensor | None = Field(None, description="Client's vector-Jacobian product.")
    param_grads: dict[str, Tensor] | None = Field(
        None, description='Client\'s gradients of learnable parameters, e.g. {"alpha": ...}.'
    )
    # loss inputs and outputs
    y_true: Tensor | None = Field(None, description="Loss targets.")
    y_pred: Tensor | None = Field(None, description="Loss predictions.")
    reduction: Literal["mean", "sum", "none"] = Field("mean", description="Loss reduction.")
    sample_weight: Tensor | None = Field(None, description="Loss sample weights.")
    convention: Literal["torch", "keras"] = Field("torch", description="Loss convention.")
    loss: Tensor | None = Field(None, description="Client's reduced loss (number or tensor).")
    grad: Tensor | None = Field(None, description="Client's dL/dy_pred.")
    per_sample: Tensor | None = Field(None, description="Client's per-sample losses.")
    # optimizer inputs and outputs
    grads: Any = Field(None, description="Optimizer: the gradients, same structure as params.")
    state: dict[str, Any] | None = Field(
        None, description="Optimizer: the state before the step (null: a fresh optimizer)."
    )
    hyperparams: dict[str, Any] | None = Field(
        None, description="Optimizer hyperparameters (torch names or Keras/optax aliases)."
    )
    clip: dict[str, Any] | None = Field(
        None, description="Optimizer: gradient clipping, as POST /v1/optimizers/{name}/step."
    )
    regularization: dict[str, Any] | None = Field(
        None, description="Optimizer: l1/l2 regularization, as the step endpoint."
    )
    result: VerifyResult | None = Field(
        None, description="Optimizer: what the client's step produced."
    )


class Mismatch(BaseModel):
    index: list[int] = Field(description="Row-major index of the element.")
    client: NumberOut = Field(description="The client's value.")
    reference: NumberOut = Field(description="The float64 reference.")
    ulp: NumberOut = Field(description="Their distance in ULPs of the client's dtype.")


class OutputCheck(BaseModel):
    passed: bool
    shape: list[int]
    count: int
    max_abs_error: NumberOut
    max_rel_error: NumberOut = Field(description="Over elements whose reference is non-zero.")
    max_ulp: NumberOut
    atol: NumberOut = Field(description="The absolute tolerance in force for this output.")
    mismatches: int
    first_mismatches: list[Mismatch]
    diagnosis: str | None = Field(
        description="The known variant the client's numbers match: sign_flipped, "
        "missing_mean_division, diagonal_jacobian_only, derivative_at_output, "
        "leaky_slope_0.01, leaky_slope_0.2, leaky_slope_0.3, gelu_tanh_approximation, "
        "gelu_exact, keras_convention, torch_convention, eps_inside_sqrt, no_bias_correction, "
        "coupled_weight_decay, float32_overflow, float64_overflow, kink_convention; or null."
    )
    diagnosis_detail: str | None = Field(description="What the diagnosis means here.")


class VerifyResponse(BaseModel):
    passed: bool = Field(description="Every output sent passed.")
    outputs: dict[str, OutputCheck] = Field(
        description="Per output: value, derivative, jacobian, vjp, param_grads.<name>; loss, "
        "grad, per_sample; params[.<path>] and state.slots.<slot>[.<path>] for optimizers."
    )
    dtype: DType = Field(description="The client's dtype, in which ULPs were counted.")
    tolerance: dict[str, Any]
    target: dict[str, Any] = Field(description="The target, with parameters resolved.")


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
