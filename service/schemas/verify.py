"""Request/response envelopes of POST /v1/verify: one request model per target kind, told
apart by `target.kind` (a pydantic discriminated union), and the per-output report."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Field, Tag, field_validator

from service.schemas.common import (
    ClientDType,
    NumberOut,
    StrictModel,
    Tensor,
    TensorTree,
)
from service.schemas.inspect import ActivationTarget, LossTarget, OptimizerTarget
from service.schemas.networks import NETWORK_EXAMPLES, VerifyNetworkFields
from service.schemas.optimizers import OptimizerState, StateIn


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


class VerifyCommon(StrictModel):
    """Fields every verify request has."""

    dtype: ClientDType | None = Field(
        None,
        description="The dtype of the client's numbers (ULPs are counted in it). Default: the "
        "widest float dtype the client's flat/b64 outputs declare (numbers and nested lists "
        "declare none), float64 when none does.",
    )
    tolerance: VerifyTolerance = Field(
        default_factory=VerifyTolerance, description="When an element passes."
    )


class VerifyActivationRequest(VerifyCommon):
    """Your activation's outputs for input `x`."""

    target: ActivationTarget = Field(description="The activation you implemented.")
    x: Tensor = Field(description="Activation input.")
    grad_output: Tensor | None = Field(
        None,
        description="The upstream gradient used for vjp and param_grads (default ones).",
    )
    axis: int = Field(-1, description="Activation axis (vector functions).")
    params: dict[str, Any] | None = Field(
        None, description="The function's parameters (or in target.params, not both)."
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


class VerifyLossRequest(VerifyCommon):
    """Your loss's outputs for `y_true` and `y_pred`."""

    target: LossTarget = Field(description="The loss you implemented.")
    y_true: Tensor = Field(description="Loss targets.")
    y_pred: Tensor = Field(description="Loss predictions.")
    params: dict[str, Any] | None = Field(
        None, description="The loss's parameters (or in target.params, not both)."
    )
    reduction: Literal["mean", "sum", "none"] = Field("mean", description="Loss reduction.")
    sample_weight: Tensor | None = Field(None, description="Loss sample weights.")
    convention: Literal["torch", "keras"] = Field("torch", description="Loss convention.")
    loss: Tensor | None = Field(None, description="Client's reduced loss (number or tensor).")
    grad: Tensor | None = Field(None, description="Client's dL/dy_pred.")
    per_sample: Tensor | None = Field(None, description="Client's per-sample losses.")


class VerifyResult(StrictModel):
    params: TensorTree = Field(
        description="The parameters the client's step produced: a tensor or a mapping of named "
        "tensors like `params`."
    )
    state: StateIn | None = Field(
        None,
        description="Optionally the state it produced, as an OptimizerState: "
        '{"optimizer": name, "step": t, "slots": {slot: tensors}}, slots named as in '
        "GET /v1/optimizers/{name}.",
    )

    @field_validator("state")
    @classmethod
    def _state_is_an_optimizer_state(cls, state: dict[str, Any] | None) -> dict[str, Any] | None:
        """The spec's OptimizerState (optimizer, step, slots), strictly: a state the schema
        rejects is a 422 here too."""
        if state is not None:
            OptimizerState.model_validate(state, strict=True)
        return state


class VerifyOptimizerRequest(VerifyCommon):
    """Your optimizer's step: the inputs and what your step produced."""

    target: OptimizerTarget = Field(description="The optimizer you implemented.")
    params: TensorTree = Field(
        description="The parameters before the step, a tensor or a mapping of named tensors."
    )
    grads: TensorTree = Field(description="The gradients, same structure as params.")
    state: StateIn | None = Field(
        None, description="The state before the step (null: a fresh optimizer)."
    )
    hyperparams: dict[str, Any] | None = Field(
        None,
        description="Hyperparameters (torch names or Keras/optax aliases), or in "
        "target.params (not both).",
    )
    clip: dict[str, Any] | None = Field(
        None, description="Gradient clipping, as POST /v1/optimizers/{name}/step."
    )
    regularization: dict[str, Any] | None = Field(
        None, description="l1/l2 regularization, as the step endpoint."
    )
    result: VerifyResult = Field(description="What the client's step produced.")


class VerifyNetworkRequest(VerifyNetworkFields, VerifyCommon):
    """Your gradients of a sequential network (layers, input and loss as POST
    /v1/networks/gradients takes them), per layer name and field."""


def target_kind(value: Any) -> str | None:
    """The discriminator of a verify request: its `target.kind`."""
    target = value.get("target") if isinstance(value, dict) else getattr(value, "target", None)
    kind = target.get("kind") if isinstance(target, dict) else getattr(target, "kind", None)
    return kind if isinstance(kind, str) else None


VerifyRequest = Annotated[
    Annotated[VerifyActivationRequest, Tag("activation")]
    | Annotated[VerifyLossRequest, Tag("loss")]
    | Annotated[VerifyOptimizerRequest, Tag("optimizer")]
    | Annotated[VerifyNetworkRequest, Tag("network")],
    Discriminator(target_kind),
]
"""A verify request, told apart by `target.kind` (activation, loss, optimizer or network)."""

VERIFY_KINDS = ("activation", "loss", "optimizer", "network")


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
        "coupled_weight_decay, missing_chain_rule_factor, scaled, float32_overflow, "
        "float64_overflow, kink_convention; or null."
    )
    diagnosis_detail: str | None = Field(description="What the diagnosis means here.")
    factor: float | None = Field(
        default=None,
        description="For diagnosis `scaled`: the constant k with client = k × reference "
        "(least squares, or the nearest n or 1/n when that fits); otherwise null.",
    )


class VerifyResponse(BaseModel):
    passed: bool = Field(description="Every output sent passed.")
    outputs: dict[str, OutputCheck] = Field(
        description="Per output: value, derivative, jacobian, vjp, param_grads.<name>; loss, "
        "grad, per_sample; params[.<path>] and state.slots.<slot>[.<path>] for optimizers."
    )
    dtype: ClientDType = Field(description="The client's dtype, in which ULPs were counted.")
    tolerance: dict[str, Any]
    target: dict[str, Any] = Field(description="The target, with parameters resolved.")


# ---- examples (each runs as shown; tests/test_openapi.py posts them all)

VERIFY_EXAMPLES: dict[str, Any] = {
    "activation": {
        "summary": "sigmoid value and derivative, float32 client",
        "value": {
            "target": {"kind": "activation", "name": "sigmoid"},
            "dtype": "float32",
            "x": [-2.0, 0.0, 3.0],
            "value": [0.11920292, 0.5, 0.95257413],
            "derivative": [0.10499359, 0.25, 0.04517666],
        },
    },
    "sign": {
        "summary": "a derivative with the wrong sign: diagnosis sign_flipped",
        "value": {
            "target": {"kind": "activation", "name": "tanh"},
            "x": [0.5, -1.0],
            "derivative": [-0.7864477329659274, -0.41997434161402614],
        },
    },
    "softmax": {
        "summary": "softmax Jacobian without its off-diagonal terms: diagonal_jacobian_only",
        "value": {
            "target": {"kind": "activation", "name": "softmax"},
            "x": [0.0, 0.0],
            "jacobian": [[0.25, 0.0], [0.0, 0.25]],
        },
    },
    "leaky": {
        "summary": "leaky_relu with PyTorch's slope 0.01 where 0.1 was asked: leaky_slope_0.01",
        "value": {
            "target": {"kind": "activation", "name": "leaky_relu"},
            "x": [-2.0, 1.0],
            "value": [-0.02, 1.0],
        },
    },
    "loss": {
        "summary": "mse gradient without the 1/N of the mean: missing_mean_division",
        "value": {
            "target": {"kind": "loss", "name": "mse"},
            "y_true": [[1.0], [2.0]],
            "y_pred": [[1.5], [1.0]],
            "loss": 0.625,
            "grad": [[1.0], [-2.0]],
        },
    },
    "optimizer": {
        "summary": "one Adam step with ε inside the square root: eps_inside_sqrt",
        "value": {
            "target": {"kind": "optimizer", "name": "adam"},
            "params": [1.0, -2.0],
            "grads": [0.5, 0.1],
            "hyperparams": {"lr": 0.1, "eps": 0.01},
            "result": {"params": [0.901941932430908, -2.0707106781186546]},
        },
    },
    "network": {
        "summary": "your network's gradients: a transposed weight gradient is diagnosed",
        "value": {
            "target": {"kind": "network"},
            **{k: NETWORK_EXAMPLES["mlp"]["value"][k] for k in ("x", "layers", "loss")},
            "grads": {
                "hidden": {
                    "weight": [
                        [0.0564729694449668, -0.2886902323540233],
                        [-1.7672176554078114, 1.1819818700692823],
                        [0.6174989402124053, -0.4013113106921504],
                    ],
                    "bias": [-0.693859189535553, 0.17250737392623833],
                },
                "out": {"weight": [[1.3426074365264407, -1.2139174275139248]]},
            },
        },
    },
}
