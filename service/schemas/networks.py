"""Request/response envelopes of POST /v1/networks/gradients (a client's own sequential
network), and the network fields of a verify request (``target.kind = "network"``)."""

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
from service.schemas.inspect import StatsThresholds, TensorStats, Verdict
from service.schemas.optimizers import OptimizerState, StateIn, StepStats

_LAYER_NAME = Field(
    None,
    description='The layer\'s name (unique; default its position in `layers`: "0", "1", …). '
    "Gradients, statistics and optimizer parameters are keyed by it.",
)


class DenseLayer(StrictModel):
    """y = x Wᵀ + b, as torch.nn.Linear."""

    type: Literal["dense"] = Field(description="A fully connected layer.")
    name: str | None = _LAYER_NAME
    weight: Tensor = Field(description="W, shape [out, in] (torch.nn.Linear.weight).")
    bias: Tensor | None = Field(None, description="b, shape [out]; null or absent: no bias.")


class ActivationLayer(StrictModel):
    """A catalog activation along the last axis (elementwise or vector, e.g. softmax)."""

    type: Literal["activation"] = Field(description="An activation function.")
    name: str = Field(
        description="The activation: a catalog name or alias (GET /v1/activations); an "
        "unknown name is a 404."
    )
    params: dict[str, Any] = Field(
        default_factory=dict,
        description='Its parameters by name or alias, e.g. {"alpha": 0.2}; PReLU\'s alpha may '
        "be a tensor with one value per feature.",
    )
    layer_name: str | None = Field(
        None,
        description="The layer's name (`name` is the activation here); default its position.",
    )


class LayerNormLayer(StrictModel):
    """torch.nn.LayerNorm over the last axis."""

    type: Literal["layer_norm"] = Field(description="Layer normalisation over the features.")
    name: str | None = _LAYER_NAME
    weight: Tensor | None = Field(None, description="Scale, shape [features]; null: none.")
    bias: Tensor | None = Field(None, description="Shift, shape [features]; null: none.")
    eps: float = Field(1e-5, description="Added to the variance (torch's default 1e-5).")


class BatchNormLayer(StrictModel):
    """torch.nn.BatchNorm1d on [batch, features] in training mode (batch statistics)."""

    type: Literal["batch_norm"] = Field(
        description="Batch normalisation in training mode: the batch mean and biased variance."
    )
    name: str | None = _LAYER_NAME
    weight: Tensor | None = Field(None, description="Scale, shape [features]; null: none.")
    bias: Tensor | None = Field(None, description="Shift, shape [features]; null: none.")
    eps: float = Field(1e-5, description="Added to the variance (torch's default 1e-5).")


class DropoutLayer(StrictModel):
    """Training-mode dropout with the client's mask: y = x · mask / (1 − p)."""

    type: Literal["dropout"] = Field(description="Dropout with a given mask.")
    name: str | None = _LAYER_NAME
    mask: Tensor = Field(description="0/1 mask, shape [batch, features] like the layer's input.")
    p: float = Field(description="Drop probability in [0, 1]; kept units are scaled by 1/(1 − p).")


NetworkLayer = Annotated[
    DenseLayer | ActivationLayer | LayerNormLayer | BatchNormLayer | DropoutLayer,
    Field(discriminator="type"),
]
"""One layer, told apart by `type`."""


class NetworkLoss(StrictModel):
    """A catalog loss on the network's output, with the options of POST /v1/losses/{name}."""

    name: str = Field(description="Loss name or alias (GET /v1/losses); unknown: 404.")
    y_true: Tensor = Field(
        description="Targets: shape of the output, or class indices of shape [batch] for "
        "sparse_categorical_crossentropy and nll."
    )
    params: dict[str, Any] = Field(
        default_factory=dict,
        description='Loss parameters, e.g. {"from_logits": true, "class_weight": [1, 2]}.',
    )
    reduction: Literal["mean", "sum", "none"] = Field(
        "mean",
        description="mean = Σ wᵢLᵢ / N, sum, or none (loss per sample; gradients of their "
        "sum), Keras semantics as POST /v1/losses/{name}.",
    )
    sample_weight: Tensor | None = Field(None, description="One weight per sample.")
    convention: Literal["torch", "keras"] = Field(
        "torch", description="keras renormalises categorical probability rows first."
    )
    output_activation: str | None = Field(
        None, description="Optional: adds a warning for pairings the catalog does not recommend."
    )


class NetworkOptimizer(StrictModel):
    """One step of a catalog optimizer on {layer_name: {weight, bias}}."""

    name: str = Field(description="Optimizer name or alias (GET /v1/optimizers); unknown: 404.")
    hyperparams: dict[str, Any] = Field(
        default_factory=dict, description='Hyperparameters, e.g. {"lr": 0.01}.'
    )
    state: StateIn | None = Field(
        None, description="The state the previous call returned (null: a fresh optimizer)."
    )
    clip: dict[str, Any] | None = Field(
        None, description='{"value": c} | {"norm": c} | {"global_norm": c}, as the step endpoint.'
    )
    regularization: dict[str, Any] | None = Field(
        None, description='{"l1": a, "l2": b}, as the step endpoint.'
    )
    schedule: dict[str, Any] | None = Field(
        None, description="A learning-rate schedule, as the step endpoint."
    )


class NetworkThresholds(StrictModel):
    vanishing: float = Field(
        1e-2,
        description="A dense layer whose weight-gradient norm / the last dense layer's is "
        "below this is vanishing (as gradient-flow).",
    )
    exploding: float = Field(1e2, description="… above this is exploding.")


class NetworkFields(StrictModel):
    """The network, its input and its loss: shared by the gradients and verify requests."""

    x: Tensor = Field(
        description="The batch, shape [batch, features]. The main input: response tensors take "
        "its form."
    )
    layers: list[NetworkLayer] = Field(description="The layers, applied in order.")
    loss: NetworkLoss = Field(description="The loss on the last layer's output.")


class NetworkRequest(NetworkFields):
    optimizer: NetworkOptimizer | None = Field(
        None,
        description="Optionally one optimizer step with the computed gradients: the updated "
        "weights (`params`) and `state` come back.",
    )
    return_activations: bool = Field(False, description="Return every layer's `output`.")
    return_input_grads: bool = Field(
        False, description="Return every layer's `input_grad` (dL/d its input; layer 0: dL/dx)."
    )
    thresholds: NetworkThresholds = Field(
        default_factory=NetworkThresholds,
        description="Ratio thresholds of the overall verdict (as gradient-flow).",
    )
    stats_thresholds: StatsThresholds = Field(
        default_factory=StatsThresholds,
        description="Thresholds of the per-tensor verdicts (as /v1/inspect/stats).",
    )
    dtype: DType | None = DTYPE_FIELD
    encoding: Encoding | None = ENCODING_FIELD


class NetworkLayerReport(BaseModel):
    name: str = Field(description="The layer's name.")
    type: Literal["dense", "activation", "layer_norm", "batch_norm", "dropout"]
    activation: str | None = Field(
        None, description="Activation layers: the canonical activation name."
    )
    output_shape: list[int] = Field(description="Shape of the layer's output.")
    output: TensorOut | None = Field(None, description="The output (with return_activations).")
    input_grad: TensorOut | None = Field(
        None, description="dL/d the layer's input (with return_input_grads)."
    )
    grads: dict[str, TensorOut] = Field(
        description="Gradients of the layer's parameters: weight and bias (dense, layer_norm, "
        "batch_norm), alpha (prelu); empty for the others."
    )
    input_grad_norm: NumberOut = Field(description="‖dL/d the layer's input‖₂.")
    weight_grad_ratio: NumberOut | None = Field(
        None, description="Dense layers: ‖dW‖ / ‖dW of the last dense layer‖."
    )
    statistics: dict[str, TensorStats] = Field(
        description="Per gradient (each of `grads`, and `input` = dL/d the layer's input): the "
        "statistics and verdict of POST /v1/inspect/stats."
    )
    verdict: Verdict = Field(description="The most severe verdict of the layer's statistics.")


class NetworkResponse(BaseModel):
    loss: NumberOut | TensorOut = Field(
        description="The loss: a number, or per sample for reduction none."
    )
    output: TensorOut = Field(description="The last layer's output.")
    per_sample: TensorOut = Field(description="Unweighted per-sample losses.")
    warnings: list[str] = Field(description="The loss's warnings (as POST /v1/losses/{name}).")
    layers: list[NetworkLayerReport] = Field(description="One report per layer, in order.")
    verdict: Verdict = Field(
        description="As gradient-flow: the first problem walking from the output: nonfinite "
        "gradients, or a dense layer whose weight-gradient ratio is below thresholds.vanishing "
        "(vanishing) or above thresholds.exploding (exploding); ok otherwise."
    )
    first_bad_layer: str | None = Field(description="Name of that layer (null when ok).")
    first_bad_layer_index: int | None = Field(description="Its index in `layers` (from 0).")
    work: int = Field(description="Multiply-adds of the forward pass (the limit's measure).")
    params: dict[str, dict[str, TensorOut]] | None = Field(
        None, description="With an optimizer: the updated weights, {layer: {weight, bias}}."
    )
    state: OptimizerState | None = Field(
        None, description="With an optimizer: send it back with the next call."
    )
    optimizer_stats: StepStats | None = Field(
        None, description="With an optimizer: the step's statistics."
    )
    thresholds: dict[str, Any] = Field(description="The thresholds in force.")


# ---- verify (target.kind = "network")


class NetworkTarget(StrictModel):
    """A network of the client's own (layers, input and loss in the request)."""

    kind: Literal["network"] = Field(description="A sequential network (its gradients).")


class VerifyNetworkFields(NetworkFields):
    """The network fields of a verify request; POST /v1/verify adds dtype and tolerance."""

    target: NetworkTarget = Field(description="The network whose gradients you computed.")
    grads: dict[str, dict[str, Tensor]] = Field(
        description='Your gradients per layer name and field, {"0": {"weight": …, "bias": …}} '
        "(fields: weight and bias of dense, layer_norm and batch_norm, alpha of prelu)."
    )
    loss_value: Tensor | None = Field(None, description="Optionally your loss value.")


# ---- examples (each runs as shown; tests/test_openapi.py posts them all)

_W1 = [[0.5, -0.3, 0.8], [0.1, 0.4, -0.6]]
_X = [[1.0, 2.0, -1.0], [0.5, -0.5, 0.25], [-1.5, 0.3, 0.7], [0.2, 0.9, -0.4]]

NETWORK_EXAMPLES: dict[str, Any] = {
    "mlp": {
        "summary": "dense → tanh → dense with mse: loss, gradients, verdicts",
        "value": {
            "x": _X,
            "layers": [
                {"type": "dense", "name": "hidden", "weight": _W1, "bias": [0.1, -0.2]},
                {"type": "activation", "name": "tanh"},
                {"type": "dense", "name": "out", "weight": [[1.0, -1.0]], "bias": [0.0]},
            ],
            "loss": {"name": "mse", "y_true": [[0.5], [-0.5], [1.0], [0.0]]},
        },
    },
    "classifier": {
        "summary": "logits and integer labels (CrossEntropyLoss), every layer's activations",
        "value": {
            "x": _X,
            "layers": [
                {"type": "dense", "weight": _W1, "bias": [0.0, 0.0]},
                {"type": "activation", "name": "relu"},
                {"type": "dense", "weight": [[1.0, 0.5], [-0.5, 1.0], [0.2, -0.3]]},
            ],
            "loss": {
                "name": "sparse_categorical_crossentropy",
                "y_true": [0, 2, 1, 2],
                "params": {"from_logits": True},
            },
            "return_activations": True,
        },
    },
    "every_layer": {
        "summary": "dense, gelu, layer_norm, batch_norm, dropout, softmax: every layer type",
        "value": {
            "x": _X,
            "layers": [
                {"type": "dense", "weight": _W1, "bias": [0.1, -0.2]},
                {"type": "activation", "name": "gelu"},
                {"type": "layer_norm", "weight": [1.0, 0.5], "bias": [0.0, 0.1]},
                {"type": "batch_norm", "weight": [1.2, 0.8], "bias": [0.0, -0.1]},
                {"type": "dropout", "p": 0.5, "mask": [[1, 0], [1, 1], [0, 1], [1, 1]]},
                {"type": "dense", "weight": [[0.3, -0.7], [0.5, 0.5], [-1.0, 0.2]]},
                {"type": "activation", "name": "softmax"},
            ],
            "loss": {
                "name": "categorical_crossentropy",
                "y_true": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]],
            },
        },
    },
    "adam": {
        "summary": "one Adam step on the weights: params and state come back",
        "value": {
            "x": _X,
            "layers": [
                {"type": "dense", "name": "hidden", "weight": _W1, "bias": [0.1, -0.2]},
                {"type": "activation", "name": "silu"},
                {"type": "dense", "name": "out", "weight": [[1.0, -1.0]], "bias": [0.0]},
            ],
            "loss": {"name": "huber", "y_true": [[0.5], [-0.5], [1.0], [0.0]]},
            "optimizer": {"name": "adam", "hyperparams": {"lr": 0.01, "weight_decay": 1e-4}},
        },
    },
    "float32": {
        "summary": "float32 flat tensors in, float32 flat tensors out",
        "value": {
            "x": {"shape": [2, 3], "dtype": "float32", "data": [1, 2, -1, 0.5, -0.5, 0.25]},
            "layers": [
                {"type": "dense", "weight": _W1, "bias": [0.1, -0.2]},
                {"type": "activation", "name": "sigmoid"},
            ],
            "loss": {
                "name": "binary_crossentropy",
                "y_true": [[1, 0], [0, 1]],
            },
            "dtype": "float32",
        },
    },
}
