"""Loss endpoints: catalog, evaluation (loss, gradient, per-sample losses, warnings) and the
task guide. Handlers are plain ``def``: FastAPI runs them in the threadpool."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request
from starlette.responses import Response

from service.api.deps import (
    BudgetDep,
    SettingsDep,
    compute_dtype,
    decode,
    decode_params,
    name_path,
    query_params,
)
from service.compute import losses as lo
from service.compute.errors import InvalidInputError, LimitExceededError
from service.compute.losses.curve import loss_curve
from service.plots import MEDIA_TYPES, loss_curve_plot
from service.schemas.catalog import LossEntry
from service.schemas.common import problem_responses
from service.schemas.losses import (
    EXAMPLES,
    GuideResponse,
    LossCatalog,
    LossCurveResponse,
    LossRequest,
    LossResponse,
)
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import Encoder, encoder_for, scalar_json

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
    settings: SettingsDep,
) -> Response:
    """The loss for `reduction`, its gradient with respect to `y_pred` (with respect to the
    logits when `from_logits`), the unweighted per-sample losses and warnings.

    Per-sample losses reduce the last axis (mean for elementwise losses, sum for the
    cross-entropies and KL), then Keras' reduction applies with `sample_weight`. Probabilities
    are clipped to [epsilon, 1 - epsilon] (epsilon 1e-7) and not renormalised: the gradient is
    -y/p, and 0 where the clip is active. Response tensors take the form of `y_pred` unless
    `encoding` is set; `loss` is a number for mean and sum. `outputs: ["hessian"]` adds
    d²loss/dy_pred² (shape y_pred.shape × 2) and a vector `v` the Hessian-vector product
    `hvp`, for the same reduction, weights and options."""
    entry = lo.LOSSES.get(name, ("path", "name"))
    # issue 12: tensor fields besides y_true/y_pred (x1, x2, anchor, ..., var) and the main input
    extra = {
        f: decode(t, f, budget) for f in lo.TENSOR_FIELDS if (t := getattr(req, f)) is not None
    }
    y_pred = decode(req.y_pred, "y_pred", budget) if req.y_pred is not None else None
    y_true = decode(req.y_true, "y_true", budget) if req.y_true is not None else None
    main_name = entry.main_input if isinstance(entry, lo.MoreLoss) else "y_pred"
    main = y_pred if main_name == "y_pred" else extra.get(main_name)
    if main is None:
        raise InvalidInputError(f"expected {main_name} for {entry.name}", ("body", main_name))
    sw = (
        decode(req.sample_weight, "sample_weight", budget)
        if req.sample_weight is not None
        else None
    )
    # outputs: grad (the size of y_pred), per_sample and loss (one per sample each)
    a = main.array
    samples = a.size // a.shape[-1] if a.ndim and a.shape[-1] else 1
    budget.take(a.size + 2 * samples, ("body", "y_pred"))
    # issue 12: one gradient per extra tensor input (grads), the size of that input
    budget.take(sum(t.array.size for k, t in extra.items() if k != main_name), ("body", "grads"))
    want_hessian = req.outputs is not None and "hessian" in req.outputs
    if req.outputs is not None and "hvp" in req.outputs and req.v is None:
        raise InvalidInputError("expected v (y_pred's shape) for the output 'hvp'", ("body", "v"))
    v = decode(req.v, "v", budget) if req.v is not None else None
    n_out = a.size + 2 * samples + sum(t.array.size for k, t in extra.items() if k != main_name)
    if want_hessian and a.size <= settings.max_hessian_elements:
        budget.take(a.size * a.size, ("body", "outputs"))
        n_out += a.size * a.size
    if v is not None:
        n_out += a.size  # hvp
    form = encoder_for(main, req.encoding, req.dtype)
    budget.take_response(n_out, form.form, form.dtype, ("body", main_name))
    result = lo.evaluate_loss(
        name,
        None if y_true is None else y_true.array,
        None if y_pred is None else y_pred.array,
        decode_params(entry.params, req.params, ("params",), budget),
        reduction=req.reduction,
        sample_weight=None if sw is None else sw.array,
        convention=req.convention,
        dtype=compute_dtype(req.dtype),
        output_activation=req.output_activation,
        inputs={k: t.array for k, t in extra.items()},
        hessian=want_hessian,
        v=None if v is None else v.array,
        max_hessian_elements=settings.max_hessian_elements,
    )
    return StrictJSONResponse(
        loss_body(result, encoder_for(main, req.encoding, req.dtype), req.reduction)
    )


def loss_body(result: lo.LossResult, enc: Encoder, reduction: str) -> dict[str, Any]:
    """The answer of ``POST /v1/losses/{name}`` for a computed loss (the small-call fast
    path writes the same)."""
    loss: Any = enc.tensor(result.loss) if reduction == "none" else scalar_json(float(result.loss))
    body: dict[str, Any] = {
        "loss": loss,
        "grad": enc.tensor(result.grad),
        "per_sample": enc.tensor(result.per_sample),
        "warnings": result.warnings,
    }
    if result.grads:
        body["grads"] = {k: enc.tensor(g) for k, g in result.grads.items()}
    if result.hessian is not None:
        body["hessian"] = enc.tensor(result.hessian)
    if result.hvp is not None:
        body["hvp"] = enc.tensor(result.hvp)
    return body


@router.get(
    "/v1/losses/{name}/curve",
    response_model=LossCurveResponse,
    summary="Sample a loss and its gradient along a sweep of the prediction (JSON, PNG or SVG)",
    responses={
        **problem_responses(404, 422),
        200: {
            "content": {"application/json": {}, "image/png": {}, "image/svg+xml": {}},
            "description": "Samples, or the plot of the loss and its gradient.",
        },
    },
)
def get_loss_curve(
    name: Name,
    request: Request,
    settings: SettingsDep,
    y_true: Annotated[
        float | None,
        Query(
            description="The fixed target: a real value for regression losses (default 1); "
            "for classification losses one label (0 or 1, -1 or 1 for the margin losses; "
            "the true class for categorical ones) instead of both."
        ),
    ] = None,
    start: Annotated[
        float | None,
        Query(description="First x (default by what x is: p 0.001, logits -6, y_true - 3...)."),
    ] = None,
    stop: Annotated[
        float | None, Query(description="Last x (default p 0.999, logits 6, y_true + 3...).")
    ] = None,
    num: Annotated[int, Query(ge=2, description="Number of samples (linspace).")] = 200,
    format: Annotated[
        Literal["json", "png", "svg"], Query(description="json samples, or a png/svg plot.")
    ] = "json",
) -> Response:
    """The per-sample loss and dL/dx as the prediction x sweeps `linspace(start, stop, num)`
    for a fixed target: regression losses (`y_true` fixed, `y_pred = [x]`), binary ones (p,
    the logit with `from_logits`, or the score, for labels 0 and 1 or -1 and 1) and
    categorical ones on two classes (x the prediction for class 1: `[1 - x, x]` for
    probabilities, `[0, x]` for logits; true class 0 and 1). Computed by the same code as
    POST /v1/losses/{name}. Loss parameters go as extra query arguments, e.g. `?delta=0.5`
    for huber or `?from_logits=true` (class_weight as comma-separated numbers)."""
    if num > settings.max_curve_points:
        raise LimitExceededError(
            f"expected num at most {settings.max_curve_points}, got {num}",
            "max_curve_points",
            settings.max_curve_points,
            ("query", "num"),
        )
    entry = lo.LOSSES.get(name, ("path", "name"))
    params = query_params(entry.params, request.query_params, _CURVE_ARGS)
    curve = loss_curve(name, params, y_true=y_true, start=start, stop=stop, num=num)
    if format != "json":
        shown = ", ".join(f"{k}={v}" for k, v in curve.params.items() if v is not None)
        series = [(s.label, s.loss, s.grad) for s in curve.series]
        image = loss_curve_plot(
            curve.name, curve.variable, curve.x, series, format, f"({shown})" if shown else ""
        )
        return Response(image, media_type=MEDIA_TYPES[format])
    return StrictJSONResponse(
        {
            "name": curve.name,
            "kind": curve.kind,
            "variable": curve.variable,
            "params": curve.params,
            "x": curve.x,
            "series": [
                {"y_true": s.y_true, "label": s.label, "loss": s.loss, "grad": s.grad}
                for s in curve.series
            ],
            "warnings": curve.warnings,
        }
    )


_CURVE_ARGS = ("y_true", "start", "stop", "num", "format")


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
