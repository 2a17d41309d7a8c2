"""Gradient-inspection endpoints: finite-difference gradcheck, verification of a client's own
implementation, statistics of gradient tensors and gradient flow through a random MLP.
Handlers are plain ``def``: FastAPI runs them in the threadpool."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from fastapi import APIRouter, Body, Query
from starlette.responses import Response

from service import plots
from service.api.deps import (
    BudgetDep,
    SettingsDep,
    compute_dtype,
    decode,
    decode_params,
    relocated,
)
from service.compute import activations as act
from service.compute import losses as lo
from service.compute.errors import InvalidInputError, LimitExceededError
from service.compute.inspect import flow, gradcheck, stats
from service.config import Settings
from service.schemas.common import problem_responses
from service.schemas.inspect import (
    FLOW_EXAMPLES,
    GRADCHECK_EXAMPLES,
    STATS_EXAMPLES,
    FlowRequest,
    FlowResponse,
    GradcheckRequest,
    GradcheckResponse,
    StatsRequest,
    StatsResponse,
)
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import Budget, Decoded, encoder_for

router = APIRouter(tags=["inspection"], route_class=OrjsonRoute)


# --------------------------------------------------------------------------------------------
# gradcheck


def _flow_activation_params(req: FlowRequest, budget: Budget) -> dict[str, Any]:
    """The net's activation parameters, tensor-valued ones decoded here (an unknown name is
    left for the flow to answer)."""
    if req.activation not in act.ACTIVATIONS:
        return dict(req.activation_params)
    entry = act.ACTIVATIONS.get(req.activation)
    return decode_params(entry.params, req.activation_params, ("activation_params",), budget)


def _check_size(
    a: np.ndarray, settings: Settings, loc: tuple[str | int, ...], directions: int
) -> None:
    """Input elements against GRADSERVE_MAX_GRADCHECK_ELEMENTS; more than the default 8
    projection directions shrink the admitted input in proportion (each direction is two
    evaluations of the whole function)."""
    limit = settings.max_gradcheck_elements
    if isinstance(directions, int) and directions > gradcheck.DEFAULT_DIRECTIONS:
        limit = limit * gradcheck.DEFAULT_DIRECTIONS // directions
    if a.size > limit:
        per = "" if limit == settings.max_gradcheck_elements else f" with {directions} directions"
        raise LimitExceededError(
            f"expected at most {limit} input elements{per}, got {a.size}",
            "max_gradcheck_elements",
            settings.max_gradcheck_elements,
            loc,
        )


def _charge_returned(
    req: GradcheckRequest, main: Decoded, n: int, budget: Budget, field: str
) -> None:
    """``analytic`` and ``numeric`` (``n`` entries each, returned up to RETURN_MAX)."""
    enc = encoder_for(main, req.encoding, None)
    shown = 2 * min(n, gradcheck.RETURN_MAX)
    budget.take_response(shown, enc.form, enc.dtype, ("body", field))


@router.post(
    "/v1/gradcheck",
    response_model=GradcheckResponse,
    summary="Check an analytic gradient against central finite differences",
    operation_id="gradcheck",
    responses=problem_responses(404, 413, 422),
)
def gradcheck_endpoint(
    req: Annotated[GradcheckRequest, Body(openapi_examples=GRADCHECK_EXAMPLES)],
    budget: BudgetDep,
    settings: SettingsDep,
) -> Response:
    """Like `torch.autograd.gradcheck` (eps 1e-6, atol 1e-5, rtol 1e-3, in float64): an entry
    passes when |analytic − numeric| <= atol + rtol·|numeric|.

    Elementwise activations: f'(x) and the backward pass (vjp) element by element. Vector
    activations: the full Jacobian (shape y.shape + x.shape) for small inputs, from the
    backward pass and from the `jacobian` output; random projections vᵀJu beyond (as torch's
    fast mode and jax's check_grads). Losses: dL/dy_pred of the reduced loss. Inputs within
    2·eps of a kink of an elementwise activation, and non-finite inputs, are skipped and
    counted. `analytic`/`numeric` take the form of `x` (or `y_pred`) unless `encoding` is set;
    they are null when larger than 4096 entries or in projection mode."""
    t = req.target
    tol = gradcheck.Tolerance(req.eps, req.atol, req.rtol)
    if t.kind == "activation":
        a_entry = act.ACTIVATIONS.get(t.name, ("target", "name"))
        params = decode_params(a_entry.params, t.params, ("target", "params"), budget)
        for field in ("y_pred", "y_true", "sample_weight", *lo.TENSOR_FIELDS):
            if getattr(req, field) is not None:
                raise InvalidInputError(
                    f"{field} applies to a loss; an activation takes x", (field,)
                )
        if req.x is None:
            raise InvalidInputError("expected x, the activation's input", ("x",))
        main = decode(req.x, "x", budget)
        _check_size(main.array, settings, ("body", "x"), req.directions)
        # analytic and numeric: f'(x) of an elementwise activation, else a Jacobian (n²)
        n = main.array.size
        n = n if act.ACTIVATIONS.get(t.name).kind == "elementwise" else n * n
        _charge_returned(req, main, n, budget, "x")
        with relocated({"params": ("target", "params")}):
            result = gradcheck.gradcheck_activation(
                t.name,
                main.array,
                params,
                axis=req.axis,
                tol=tol,
                fast_mode=req.fast_mode,
                directions=req.directions,
                seed=req.seed,
                order=req.order,
            )
    else:
        entry = lo.LOSSES.get(t.name, ("target", "name"))
        main_name, _ = gradcheck.loss_inputs(entry.name)
        extra = {
            f: decode(v, f, budget) for f in lo.TENSOR_FIELDS if (v := getattr(req, f)) is not None
        }
        if main_name == "y_pred":
            if req.x is not None and req.y_pred is not None:
                raise InvalidInputError(
                    "give y_pred or x (its synonym for a loss), not both", ("x",)
                )
            field = "y_pred" if req.y_pred is not None or req.x is None else "x"
            raw = req.y_pred if field == "y_pred" else req.x
            if raw is None:
                raise InvalidInputError("expected y_pred, the loss's input", ("y_pred",))
            main = decode(raw, field, budget)
        else:  # x1 or anchor is the main input of this loss
            field = main_name
            for given in ("x", "y_pred"):
                if getattr(req, given) is not None:
                    raise InvalidInputError(
                        f"{entry.name} takes {main_name} (its main input), not {given}", (given,)
                    )
            if main_name not in extra:
                raise InvalidInputError(
                    f"expected {main_name}, the main input of {entry.name}", (main_name,)
                )
            main = extra[main_name]
        if req.y_true is None and not isinstance(entry, lo.MoreLoss):
            raise InvalidInputError("expected y_true, the loss's targets", ("y_true",))
        _check_size(main.array, settings, ("body", field), req.directions)
        _charge_returned(req, main, main.array.size, budget, field)
        y_true = decode(req.y_true, "y_true", budget).array if req.y_true is not None else None
        sw = (
            decode(req.sample_weight, "sample_weight", budget).array
            if req.sample_weight is not None
            else None
        )
        moves: dict[str, tuple[str | int, ...]] = {"params": ("target", "params")}
        if field == "x":
            moves["y_pred"] = ("x",)
        with relocated(moves):
            result = gradcheck.gradcheck_loss(
                t.name,
                y_true,
                main.array if main_name == "y_pred" else None,
                decode_params(entry.params, t.params, ("target", "params"), budget),
                reduction=req.reduction,
                sample_weight=sw,
                convention=req.convention,
                tol=tol,
                fast_mode=req.fast_mode,
                directions=req.directions,
                seed=req.seed,
                order=req.order,
                inputs={k: d.array for k, d in extra.items()} or None,
            )
    enc = encoder_for(main, req.encoding, None)
    for key in ("analytic", "numeric"):
        if result[key] is not None:
            budget.take(int(np.size(result[key])), ("body", "x"))
            result[key] = enc.tensor(result[key])
    return StrictJSONResponse(result)


# --------------------------------------------------------------------------------------------
# stats


@router.post(
    "/v1/inspect/stats",
    response_model=StatsResponse,
    summary="Statistics and a verdict for named gradient tensors",
    operation_id="gradientStats",
    responses=problem_responses(413, 422),
)
def stats_endpoint(
    req: Annotated[StatsRequest, Body(openapi_examples=STATS_EXAMPLES)],
    budget: BudgetDep,
) -> Response:
    """Per tensor: shape, count, L1/L2/Linf norms and RMS, mean, std (ddof 0), min and max of
    the finite values, the fraction of exact zeros, NaN and ±Inf counts, a histogram of
    log10|g| on fixed one-decade bins (1e-30 … 1e10, exact, plus underflow/overflow/zeros) and
    a verdict: nonfinite (any NaN/Inf), exploding (norm > thresholds.exploding, default 1e3),
    vanishing (norm < thresholds.vanishing, default 1e-7; all zeros too) or ok. Also the
    global L2 norm over all tensors and the overall verdict (the most severe one, or exploding
    when the global norm is above the threshold). Send large tensors as b64."""
    if not req.tensors:
        raise InvalidInputError("expected at least one named tensor, got none", ("tensors",))
    arrays = {
        name: decode(value, ("tensors", name), budget).array for name, value in req.tensors.items()
    }
    # a JSON report per tensor (≈ 600 bytes: statistics and histogram), as 25 numbers each
    budget.take_response(25 * (len(arrays) + 1), "nested", None, ("body", "tensors"))
    th = stats.StatsThresholds(
        req.thresholds.vanishing, req.thresholds.exploding, req.thresholds.norm
    )
    return StrictJSONResponse(stats.inspect_stats(arrays, th))


# --------------------------------------------------------------------------------------------
# gradient flow


@router.post(
    "/v1/inspect/gradient-flow",
    response_model=FlowResponse,
    summary="Gradient flow through a deterministic random MLP (JSON, PNG or SVG)",
    operation_id="gradientFlow",
    responses={
        **problem_responses(404, 413, 422),
        200: {
            "content": {"application/json": {}, "image/png": {}, "image/svg+xml": {}},
            "description": "The per-layer report, or the chart of the gradient norms.",
        },
    },
)
def gradient_flow_endpoint(
    req: Annotated[FlowRequest, Body(openapi_examples=FLOW_EXAMPLES)],
    settings: SettingsDep,
    budget: BudgetDep,
    format: Annotated[
        Literal["json", "png", "svg"],
        Query(description="json report, or a png/svg chart of the per-layer gradient norms."),
    ] = "json",
) -> Response:
    """Build the MLP x → [Linear(width, width) → f] × depth (biases 0, weights from `init`,
    x and targets drawn from `seed`), run one forward and one backward pass through the
    registry's activation and loss, and report per layer (1 at the input) the mean and std of
    the pre-activations and activations, the saturated fraction (|f'(z)| <
    thresholds.saturation) and dead fraction (units saturated for the whole batch), the norms
    of dL/dW, dL/db, dL/dz and W, and the ratios to the last layer.

    Verdict: a layer whose weight-gradient norm is below thresholds.vanishing (1e-2) times the
    last layer's is vanishing, above thresholds.exploding (1e2) times exploding; NaN/Inf is
    nonfinite; `first_bad_layer` is the bad layer nearest the output. Work is bounded by
    GRADSERVE_MAX_FLOW_WORK (depth·width²·batch) and GRADSERVE_MAX_FLOW_DEPTH."""
    cfg = flow.FlowConfig(
        depth=req.depth,
        width=req.width,
        batch=req.batch,
        activation=req.activation,
        activation_params=_flow_activation_params(req, budget),
        init=req.init,
        init_params=req.init_params,
        input=req.input,
        input_scale=req.input_scale,
        loss=req.loss,
        seed=req.seed,
        dtype=compute_dtype(req.dtype),
        thresholds=flow.FlowThresholds(
            req.thresholds.vanishing, req.thresholds.exploding, req.thresholds.saturation
        ),
    )
    limits = flow.FlowLimits(max_work=settings.max_flow_work, max_depth=settings.max_flow_depth)
    d, w, b = req.depth, req.width, req.batch
    if d <= limits.max_depth and d * w * w * b <= limits.max_work:  # else flow names them
        # what the passes keep: per layer W and dL/dW, and a, f'(z), dL/dz, z's statistics
        budget.take_work(d * (2 * w * w + 4 * b * w), ("body", "width"))
    report = flow.gradient_flow(cfg, limits)
    report["config"] = {
        "depth": req.depth,
        "width": req.width,
        "batch": req.batch,
        "seed": req.seed,
        "input": req.input,
        "input_scale": req.input_scale,
        "loss": req.loss,
        "dtype": req.dtype or "float64",
    }
    if format != "json":
        return Response(plots.flow_plot(report, format), media_type=plots.MEDIA_TYPES[format])
    return StrictJSONResponse(report)
