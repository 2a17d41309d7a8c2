"""Request/response envelopes of the loss endpoints and the guide."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from service.schemas.catalog import LossEntry
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

LossOutput = Literal["loss", "grad", "per_sample", "warnings", "hessian", "hvp"]


class LossRequest(StrictModel):
    y_true: Tensor | None = Field(
        None,
        description="Targets (required except for triplet_margin). Same shape as "
        "y_pred (one-hot, probabilities, ±1 or real values, "
        "per the catalog's `y_true_encoding`), or for sparse_categorical_crossentropy and nll "
        "integer class indices of shape y_pred.shape[:-1] (a trailing axis of 1 is accepted).",
    )
    y_pred: Tensor | None = Field(
        None,
        description="Predictions (required except for the losses whose catalog `inputs` do not "
        "list it: margin_ranking, cosine_embedding, triplet_margin), shape "
        "batch + [C]: probabilities, logits (`from_logits`), "
        "log-probabilities (nll) or real values. The last axis is reduced per sample; a 1-d "
        "y_pred is one sample. The main input: response tensors take its form.",
    )
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Loss parameters by name or PyTorch/Keras alias (see the catalog), e.g. "
        '{"from_logits": true, "label_smoothing": 0.1}. class_weight and pos_weight are lists '
        "with one number per class.",
    )
    reduction: Literal["mean", "sum", "none"] = Field(
        "mean",
        description="Keras semantics over the per-sample losses L_i: mean = sum(w_i L_i) / N "
        "(sparse losses: N = non-ignored samples, or the sum of their class weights), sum, or "
        "none (loss = w_i L_i per sample, grad = gradient of their sum).",
    )
    sample_weight: Tensor | None = Field(
        None,
        description="One non-negative weight per sample: shape y_pred.shape[:-1] or "
        "broadcastable to it (a trailing axis of 1 is accepted).",
    )
    x1: Tensor | None = Field(
        None,
        description="margin_ranking, cosine_embedding: the first input (the main input: "
        "response tensors take its form, `grad` is dloss/dx1), shape batch + [C] (or + [D]).",
    )
    x2: Tensor | None = Field(
        None, description="margin_ranking, cosine_embedding: the second input, x1's shape."
    )
    anchor: Tensor | None = Field(
        None,
        description="triplet_margin: the anchors, shape batch + [D] (the main input: `grad` is "
        "dloss/danchor).",
    )
    positive: Tensor | None = Field(
        None, description="triplet_margin: the positives, anchor's shape."
    )
    negative: Tensor | None = Field(
        None, description="triplet_margin: the negatives, anchor's shape."
    )
    var: Tensor | None = Field(
        None,
        description="gaussian_nll: the variances, y_pred's shape, y_pred.shape[:-1], one axis "
        "of size 1, or a number (PyTorch's shapes); its gradient is grads.var.",
    )
    convention: Literal["torch", "keras"] = Field(
        "torch",
        description="torch (default): probability rows are clipped to [epsilon, 1 - epsilon] "
        "and used as given. keras: categorical probability rows are first divided by their "
        "sum, as Keras does. Reductions follow Keras either way.",
    )
    output_activation: str | None = Field(
        None,
        description="Optional: the activation that produced y_pred (e.g. sigmoid, softmax, "
        "linear). A pairing the catalog does not recommend adds a warning.",
    )
    outputs: list[LossOutput] | None = Field(
        None,
        description="What to return besides loss, grad, per_sample and warnings (always "
        "returned): `hessian` (d²loss/dy_pred², shape y_pred.shape × 2, at most "
        "GRADSERVE_MAX_HESSIAN_ELEMENTS y_pred elements, default 4096) and `hvp` (the "
        "Hessian-vector product H v for `v`; returned whenever `v` is sent). For the losses "
        "with catalog `inputs` both are with respect to the main input (x1, anchor or y_pred), "
        "the other inputs held fixed.",
    )
    v: Tensor | None = Field(
        None,
        description="The vector of the Hessian-vector product `hvp`, same shape as y_pred "
        "(as the main input: x1 or anchor where that is the catalog's first `inputs`; any size).",
    )
    dtype: DType | None = DTYPE_FIELD
    encoding: Encoding | None = ENCODING_FIELD


class LossResponse(BaseModel):
    loss: NumberOut | TensorOut = Field(
        description="The reduced loss: a number for mean and sum; for none, the weighted "
        "per-sample losses as a tensor of shape y_pred.shape[:-1]."
    )
    grad: TensorOut = Field(
        description="dloss/dy_pred (d/dlogits when from_logits), same shape as y_pred, for the "
        "reduction asked."
    )
    per_sample: TensorOut = Field(
        description="Unweighted per-sample losses (sample_weight not applied; class weights "
        "are part of the loss), shape y_pred.shape[:-1]."
    )
    grads: dict[str, TensorOut] | None = Field(
        None,
        description="Losses with tensor fields besides y_pred/y_true (catalog `inputs`: x1, "
        "x2, anchor, positive, negative, var): the gradient of the loss with respect to each "
        "tensor input, by field name, shaped like that input (`grad` is the main input's).",
    )
    warnings: list[str] = Field(
        description="Suspicious but valid input: probability rows not summing to 1, values "
        "outside [0, 1], labels not one-hot, logits sent as probabilities (or the reverse), "
        "clipped probabilities, pairings the catalog does not recommend."
    )
    hessian: TensorOut | None = Field(
        None,
        description="d²loss/dy_pred² (d²/dlogits² when from_logits) for the reduction asked, "
        "shape y_pred.shape × 2 (torch.autograd.functional.hessian's layout; block diagonal: "
        "samples do not interact, except dice and tversky with axis null, one loss over the "
        "whole batch: dense). With reduction none, the Hessian of the sum of the weighted "
        "per-sample losses, as `grad`. Losses with catalog `inputs`: with respect to the main "
        "input (x1, anchor or y_pred), the others held fixed.",
    )
    hvp: TensorOut | None = Field(
        None, description="The Hessian-vector product H v, same shape as y_pred (the main input)."
    )


class LossCatalog(BaseModel):
    losses: list[LossEntry] = Field(description="One catalog entry per loss.")


class LossCurveSeries(BaseModel):
    y_true: float = Field(description="The fixed target: a value, a label, or the true class.")
    label: str = Field(description="Legend text, e.g. `y_true = 1` or `true class 0`.")
    loss: list[NumberOut] = Field(description="The per-sample loss at every x.")
    grad: list[NumberOut] = Field(description="dL/dx at every x.")


class LossCurveResponse(BaseModel):
    name: str = Field(description="The canonical loss name.")
    kind: Literal["regression", "binary", "categorical"] = Field(
        description="regression: y_pred = [x] against one target; binary: y_pred = [x] for "
        "each label (0/1, or -1/+1 for the margin losses); categorical: two classes, x the "
        "prediction for class 1 ([1 - x, x] for probabilities, [0, x] for logits)."
    )
    variable: str = Field(description="What x is: y_pred, p, logit z, score, log p, ...")
    params: dict[str, Any] = Field(description="The parameters in force, defaults filled in.")
    x: list[float] = Field(description="linspace(start, stop, num).")
    series: list[LossCurveSeries] = Field(description="One curve per fixed target.")
    warnings: list[str] = Field(description="Warnings of the underlying evaluation, if any.")


class GuideRecommendation(BaseModel):
    output_activation: str = Field(description="Activation of the output layer.")
    loss: str = Field(description="Loss name (a catalog entry).")
    loss_params: dict[str, Any] = Field(description="Loss parameters worth setting.")
    label_encoding: str = Field(description="How y_true is encoded.")
    output_width: str = Field(description="Number of output units.")
    reason: str = Field(description="Why this combination.")


class GuideResponse(BaseModel):
    task: str = Field(description="The task asked.")
    summary: str = Field(description="What the task is.")
    recommended: GuideRecommendation = Field(description="The recommended combination.")
    alternatives: list[GuideRecommendation] = Field(description="Other sound combinations.")
    notes: list[str] = Field(description="Practical notes (numerical stability, ...).")


# Every example is written for the path's example name, categorical_crossentropy, which
# Swagger UI fills in (the other losses' examples are in docs/losses.md).
EXAMPLES: dict[str, Any] = {
    "seed": {
        "summary": "categorical_crossentropy: the seed example, -ln 0.5",
        "description": "Second class true, p = 0.5: loss ln 2, gradient -y/p.",
        "value": {"y_true": [[0, 1, 0]], "y_pred": [[0.3, 0.5, 0.2]]},
    },
    "logits": {
        "summary": "categorical_crossentropy from logits: per-sample losses, sample weights",
        "description": "The gradient is w·(softmax(z) - y) per sample; logits of ±1000 stay "
        "finite.",
        "value": {
            "y_true": [[0, 1, 0], [1, 0, 0]],
            "y_pred": [[1000.0, -1000.0, 0.0], [2.0, 1.0, 0.1]],
            "params": {"from_logits": True},
            "reduction": "none",
            "sample_weight": [1.0, 0.5],
        },
    },
    "weighted": {
        "summary": "categorical_crossentropy with class weights (PyTorch's normalisation)",
        "description": "Dense targets: the mean divides by the number of samples, as "
        "PyTorch's CrossEntropyLoss with probability targets.",
        "value": {
            "y_true": [[0, 1, 0], [0, 1, 0]],
            "y_pred": [[0.3, 0.5, 0.2], [0.4, 0.15, 0.45]],
            "params": {"class_weight": [1.0, 2.0, 0.5]},
        },
    },
    "smoothing": {
        "summary": "categorical_crossentropy with label smoothing 0.1, b64 response",
        "description": "y <- y(1 - s) + s/C before the loss; the response tensors are base64.",
        "value": {
            "y_true": [[0, 1, 0]],
            "y_pred": [[0.2, 0.7, 0.1]],
            "params": {"label_smoothing": 0.1},
            "encoding": "b64",
        },
    },
    "float32": {
        "summary": "categorical_crossentropy in float32 on flat tensors",
        "description": "Flat tensor objects in, float32 flat tensors out.",
        "value": {
            "y_true": {"shape": [2, 3], "dtype": "float32", "data": [1, 0, 0, 0, 0, 1]},
            "y_pred": {
                "shape": [2, 3],
                "dtype": "float32",
                "data": [0.7, 0.2, 0.1, 0.1, 0.3, 0.6],
            },
            "dtype": "float32",
        },
    },
    "hessian": {
        "summary": "categorical_crossentropy from logits: Hessian and Hessian-vector product",
        "description": "From logits the per-sample Hessian is diag(q) − q qᵀ with q = softmax(z); "
        "`hessian` has shape y_pred.shape × 2, `hvp` is H v.",
        "value": {
            "y_true": [[0, 1, 0]],
            "y_pred": [[1.0, 2.0, 0.5]],
            "params": {"from_logits": True},
            "outputs": ["loss", "grad", "hessian", "hvp"],
            "v": [[1.0, 0.0, -1.0]],
        },
    },
    "warning": {
        "summary": "categorical_crossentropy: a warning for a row that does not sum to 1",
        "description": "Valid input that is probably a mistake comes back with a warning; the "
        "row is used as given (convention keras would renormalise it).",
        "value": {"y_true": [[0, 1, 0]], "y_pred": [[0.3, 0.3, 0.2]]},
    },
}
