"""Activation endpoints: catalog, evaluation (value, derivative, Jacobian, VJP, parameter
gradients) and curves. The evaluation runs on the event loop only when its body and the work it
charged to the element budget are small (``run_bounded``), else in the threadpool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import APIRouter, Body, Query, Request
from starlette.responses import Response

from service.api.deps import (
    SettingsDep,
    budget_of,
    compute_dtype,
    decode,
    decode_params,
    name_path,
    query_params,
    relocated,
    run_bounded,
)
from service.compute import activations as act
from service.compute.errors import InvalidInputError, LimitExceededError
from service.plots import MEDIA_TYPES, curve_plot
from service.schemas.activations import (
    EXAMPLES,
    ActivationCatalog,
    ActivationRequest,
    ActivationResponse,
    CurveResponse,
)
from service.schemas.catalog import ActivationEntry
from service.schemas.common import problem_responses
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import Budget, encoder_for

router = APIRouter(prefix="/v1/activations", tags=["activations"], route_class=OrjsonRoute)

Name = Annotated[
    str,
    name_path(
        act.ACTIVATIONS,
        "Activation name or alias (PyTorch/Keras spelling); see GET /v1/activations.",
        "sigmoid",
    ),
]


@router.get(
    "",
    response_model=ActivationCatalog,
    response_model_exclude_unset=True,
    summary="Catalog of activations",
)
def list_activations() -> dict[str, Any]:
    """Every activation with its aliases, kind, parameters (default, range, meaning), formula
    and derivative in LaTeX, output range, properties, typical use, kink convention, and the
    PyTorch/Keras names and differences."""
    return {"activations": act.catalog()}


@router.get(
    "/{name}",
    response_model=ActivationEntry,
    response_model_exclude_unset=True,
    summary="One activation's catalog entry",
    responses=problem_responses(404),
)
def get_activation(name: Name) -> dict[str, Any]:
    """The catalog entry of one activation (aliases accepted)."""
    return act.ACTIVATIONS.get(name, ("path", "name")).catalog()


@router.post(
    "/{name}",
    response_model=ActivationResponse,
    response_model_exclude_none=True,
    summary="Evaluate an activation and its gradients",
    responses=problem_responses(404, 413, 422),
)
async def evaluate_activation(
    name: Name,
    req: Annotated[ActivationRequest, Body(openapi_examples=EXAMPLES)],
    request: Request,
) -> Response:
    """Evaluate f(x) and, as asked in `outputs`, the elementwise derivative, the Jacobian
    along `axis`, the VJP for `grad_output` (default ones) and PReLU's alpha gradient.

    Gradients at kinks follow PyTorch (relu'(0) = 0, hard_tanh'(±1) = 0, ...). Response
    tensors take the form of `x` unless `encoding` is set. Parameters go by name or alias,
    e.g. for `leaky_relu`: `{"x": [-1, 2], "params": {"negative_slope": 0.2}}`."""
    budget = budget_of(request)
    return await run_bounded(request, budget, lambda: _prepare(name, req, budget))


def _prepare(name: str, req: ActivationRequest, budget: Budget) -> Callable[[], Response]:
    """Decode the tensors and charge the work to the budget; return the computation."""
    entry = act.ACTIVATIONS.get(name, ("path", "name"))
    x = decode(req.x, "x", budget)
    grad_output = (
        decode(req.grad_output, "grad_output", budget) if req.grad_output is not None else None
    )
    params = decode_params(entry.params, req.params, ("params",), budget)
    wanted = req.outputs
    default_jac = entry.kind == "vector" and wanted is None
    jac = 0
    if default_jac or (wanted is not None and "jacobian" in wanted):
        _, resolved = act.resolve(entry, params)
        jac = act.jacobian_size(x.array.shape, resolved, req.axis, entry.name)
        budget.take(jac, ("body", "outputs"))
    # each output is at most the size of x (jacobians are counted above)
    n_out = len(wanted) if wanted is not None else 2
    budget.take(x.array.size * max(n_out - 1, 1), ("body", "x"))
    form = encoder_for(x, req.encoding, req.dtype)
    budget.take_response(x.array.size * n_out + jac, form.form, form.dtype, ("body", "x"))

    def compute() -> Response:
        result = act.evaluate(
            entry,
            x.array,
            params,
            axis=req.axis,
            grad_output=None if grad_output is None else grad_output.array,
            outputs=wanted,
            dtype=compute_dtype(req.dtype),
        )
        enc = encoder_for(x, req.encoding, req.dtype)
        body: dict[str, Any] = {}
        for key, value in result.items():
            if key == "param_grads":
                body[key] = {k: enc.tensor(v) for k, v in value.items()}
            else:
                body[key] = enc.tensor(value)
        return StrictJSONResponse(body)

    return compute


_CURVE_ARGS = ("start", "stop", "num", "format")


@router.get(
    "/{name}/curve",
    response_model=CurveResponse,
    summary="Sample f and f' for plotting (JSON, PNG or SVG)",
    responses={
        **problem_responses(404, 422),
        200: {
            "content": {"application/json": {}, "image/png": {}, "image/svg+xml": {}},
            "description": "Samples, or the plot of f and f'.",
        },
    },
)
def get_activation_curve(
    name: Name,
    request: Request,
    settings: SettingsDep,
    start: Annotated[float, Query(description="First x.")] = -10.0,
    stop: Annotated[float, Query(description="Last x.")] = 10.0,
    num: Annotated[int, Query(ge=2, description="Number of samples (linspace).")] = 100,
    format: Annotated[
        Literal["json", "png", "svg"], Query(description="json samples, or a png/svg plot.")
    ] = "json",
) -> Response:
    """Samples `{"x", "value", "derivative"}` of an elementwise activation on
    `linspace(start, stop, num)`; `format=png|svg` returns the plot of f and f'. Parameters
    go as extra query arguments, e.g. `?alpha=0.2` for leaky_relu or `?approximate=tanh`
    for gelu."""
    entry = act.ACTIVATIONS.get(name, ("path", "name"))
    if entry.kind != "elementwise":
        raise InvalidInputError(
            f"expected an elementwise activation for a curve; {entry.name} is a vector "
            "function (evaluate it with POST and outputs ['jacobian'])",
            ("path", "name"),
        )
    if not (np.isfinite(start) and np.isfinite(stop) and start < stop):
        raise InvalidInputError(
            f"expected finite start < stop, got start={start}, stop={stop}", ("query", "start")
        )
    if num > settings.max_curve_points:
        raise LimitExceededError(
            f"expected num at most {settings.max_curve_points}, got {num}",
            "max_curve_points",
            settings.max_curve_points,
            ("query", "num"),
        )
    given = query_params(entry.params, request.query_params, _CURVE_ARGS)
    with relocated({"params": ("query",)}):  # the parameters came as query arguments
        _, params = act.resolve(entry.name, given)
    x = np.linspace(start, stop, num)
    result = act.evaluate(entry.name, x, given, outputs=["value", "derivative"])
    if format != "json":
        shown = ", ".join(f"{k}={v}" for k, v in params.items() if not isinstance(v, np.ndarray))
        image = curve_plot(
            entry.name,
            x,
            result["value"],
            result["derivative"],
            format,
            f"({shown})" if shown else "",
        )
        return Response(image, media_type=MEDIA_TYPES[format])
    return StrictJSONResponse(
        {
            "name": entry.name,
            "params": params,
            "x": x,
            "value": result["value"],
            "derivative": result["derivative"],
        }
    )
