"""Loss endpoints: catalog, evaluation (loss, gradient, per-sample losses, warnings) and the
task guide. Handlers are plain ``def``: FastAPI runs them in the threadpool."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from starlette.responses import Response

from service.api.deps import BudgetDep, compute_dtype, decode, name_path, tensor_decoder
from service.compute import losses as lo
from service.schemas.catalog import LossEntry
from service.schemas.common import problem_responses
from service.schemas.losses import GuideResponse, LossCatalog, LossRequest, LossResponse
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import encoder_for, scalar_json

router = APIRouter(tags=["losses"], route_class=OrjsonRoute)

Name = Annotated[
    str,
    name_path(
        lo.LOSSES,
        "Loss name or alias (PyTorch/Keras spelling, e.g. MSELoss, "
        "BCEWithLogitsLoss); see GET /v1/losses.",
        "categorical_crossentropy",
    ),
]

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
    "warning": {
        "summary": "categorical_crossentropy: a warning for a row that does not sum to 1",
        "description": "Valid input that is probably a mistake comes back with a warning; the "
        "row is used as given (convention keras would renormalise it).",
        "value": {"y_true": [[0, 1, 0]], "y_pred": [[0.3, 0.3, 0.2]]},
    },
}


@router.get(
    "/v1/losses",
    response_model=LossCatalog,
    response_model_exclude_unset=True,
    summary="Catalog of losses",
)
def list_losses() -> dict[str, Any]:
    """Every loss with its aliases, parameters (default, range, meaning, aliases), formula and
    gradient formula in LaTeX, the y_true encoding it expects, the output activation it pairs
    with, the per-sample reduction over the last axis, the PyTorch/Keras/optax names and every
    difference from them, and what `convention` changes."""
    return {"losses": lo.catalog()}


@router.get(
    "/v1/losses/{name}",
    response_model=LossEntry,
    response_model_exclude_unset=True,
    summary="One loss's catalog entry",
    responses=problem_responses(404),
)
def get_loss(name: Name) -> dict[str, Any]:
    """The catalog entry of one loss (aliases accepted; `alias_defaults` lists the parameters
    an alias implies, e.g. BCEWithLogitsLoss means from_logits=true)."""
    return lo.LOSSES.get(name, ("path", "name")).catalog()


@router.post(
    "/v1/losses/{name}",
    response_model=LossResponse,
    summary="Evaluate a loss and its gradient",
    responses=problem_responses(404, 413, 422),
)
def evaluate_loss(
    name: Name,
    req: Annotated[LossRequest, Body(openapi_examples=EXAMPLES)],
    budget: BudgetDep,
) -> Response:
    """The loss for `reduction`, its gradient with respect to `y_pred` (with respect to the
    logits when `from_logits`), the unweighted per-sample losses and warnings.

    Per-sample losses reduce the last axis (mean for elementwise losses, sum for the
    cross-entropies and KL), then Keras' reduction applies with `sample_weight`. Probabilities
    are clipped to [epsilon, 1 - epsilon] (epsilon 1e-7) and not renormalised: the gradient is
    -y/p, and 0 where the clip is active. Response tensors take the form of `y_pred` unless
    `encoding` is set; `loss` is a number for mean and sum."""
    lo.LOSSES.get(name, ("path", "name"))
    y_pred = decode(req.y_pred, "y_pred", budget)
    y_true = decode(req.y_true, "y_true", budget)
    sw = (
        decode(req.sample_weight, "sample_weight", budget)
        if req.sample_weight is not None
        else None
    )
    # outputs: grad (the size of y_pred), per_sample and loss (one per sample each)
    a = y_pred.array
    samples = a.size // a.shape[-1] if a.ndim and a.shape[-1] else 1
    budget.take(a.size + 2 * samples, ("body", "y_pred"))
    result = lo.evaluate_loss(
        name,
        y_true.array,
        y_pred.array,
        req.params,
        reduction=req.reduction,
        sample_weight=None if sw is None else sw.array,
        convention=req.convention,
        dtype=compute_dtype(req.dtype),
        output_activation=req.output_activation,
        decode_tensor=tensor_decoder(budget),
    )
    enc = encoder_for(y_pred, req.encoding, req.dtype)
    loss: Any = (
        enc.tensor(result.loss) if req.reduction == "none" else scalar_json(float(result.loss))
    )
    return StrictJSONResponse(
        {
            "loss": loss,
            "grad": enc.tensor(result.grad),
            "per_sample": enc.tensor(result.per_sample),
            "warnings": result.warnings,
        }
    )


@router.get(
    "/v1/guide",
    response_model=GuideResponse,
    summary="Which output activation and loss for a task",
    responses=problem_responses(422),
)
def get_guide(
    task: Annotated[
        str,
        Query(
            description="The task: regression, binary, multiclass or multilabel.",
            json_schema_extra={"enum": list(lo.TASKS)},
            examples=["multiclass"],
        ),
    ],
) -> dict[str, Any]:
    """The recommended output activation, loss (with parameters worth setting), label
    encoding and output width for the task, with the reason, plus sound alternatives:
    regression -> linear + mse; binary -> sigmoid + binary_crossentropy on one unit (or
    softmax + categorical_crossentropy on two); multiclass -> softmax +
    categorical_crossentropy with one-hot labels, or sparse_categorical_crossentropy with
    integer labels, one unit per class; multilabel -> sigmoid + binary_crossentropy per
    class."""
    return lo.guide(task)
