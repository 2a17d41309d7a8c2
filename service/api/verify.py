"""POST /v1/verify: check a client's own implementation against the float64 reference.

The request is a discriminated union on `target.kind`; each kind has its handler, which
decodes the tensors and hands arrays to ``service.compute.inspect.verify``."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Body
from starlette.responses import Response

from service.api.deps import (
    BudgetDep,
    SettingsDep,
    charge_report,
    decode,
    decode_params,
    decode_state,
    decode_tree_arrays,
    relocated,
    tree_leaves,
)
from service.api.networks import verify_network_request
from service.compute import activations as act
from service.compute import losses as lo
from service.compute import optimizers as optim
from service.compute.errors import InvalidInputError
from service.compute.inspect import verify
from service.schemas.common import problem_responses
from service.schemas.verify import (
    VERIFY_EXAMPLES,
    VerifyActivationRequest,
    VerifyCommon,
    VerifyLossRequest,
    VerifyNetworkRequest,
    VerifyOptimizerRequest,
    VerifyRequest,
    VerifyResponse,
)
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import Budget, Decoded

router = APIRouter(tags=["inspection"], route_class=OrjsonRoute)

Loc = tuple[str | int, ...]
_ACT_OUTPUTS = ("value", "derivative", "jacobian", "vjp")
_LOSS_OUTPUTS = ("loss", "grad", "per_sample")


@router.post(
    "/v1/verify",
    response_model=VerifyResponse,
    summary="Verify your own implementation against the float64 reference",
    operation_id="verify",
    responses=problem_responses(404, 413, 422),
)
def verify_endpoint(
    req: Annotated[VerifyRequest, Body(openapi_examples=VERIFY_EXAMPLES)],
    budget: BudgetDep,
    settings: SettingsDep,
) -> Response:
    """Send the target, its inputs and your own outputs (the field names of the evaluate
    endpoints: `value`, `derivative`, `jacobian`, `vjp`, `param_grads` for an activation;
    `loss`, `grad`, `per_sample` for a loss; `result.params` and `result.state` for one
    optimizer step; `grads` per layer name and field, and `loss_value`, for a network of
    POST /v1/networks/gradients, whose outputs are named `grads.<layer>.<field>`). The
    reference is computed in float64 from the same inputs; each output is
    compared element by element in your dtype: an element passes within `tolerance.ulp`
    (default 4) units in the last place, or within `tolerance.atol` (default: that many ULPs of
    the output's largest reference magnitude).

    A failing output gets a `diagnosis` when its numbers match a known variant: sign_flipped,
    missing_mean_division, diagonal_jacobian_only, derivative_at_output, leaky_slope_0.01 /
    0.2 / 0.3, gelu_tanh_approximation, keras_convention, eps_inside_sqrt,
    no_bias_correction, coupled_weight_decay, float32_overflow, kink_convention; for networks
    transposed_weight_gradient, bias_not_summed, missing_mean_division (N× too large) and
    extra_mean_division (N× too small). The response
    holds no tensors (mismatches are listed as numbers)."""
    if isinstance(req, VerifyActivationRequest):
        result = _verify_activation(req, budget)
    elif isinstance(req, VerifyLossRequest):
        result = _verify_loss(req, budget)
    elif isinstance(req, VerifyNetworkRequest):
        result = verify_network_request(req, budget, settings, req.dtype, _tolerance(req))
    else:
        result = _verify_optimizer(req, budget)
    return StrictJSONResponse(result)


def _tolerance(req: VerifyCommon) -> verify.VerifyTolerance:
    return verify.VerifyTolerance(req.tolerance.ulp, req.tolerance.atol, req.tolerance.max_listed)


def _function_params(
    params: dict[str, Any] | None, target_params: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Loc]]:
    """The parameters, from `params` or `target.params` (not both), and where errors point."""
    if params is not None and target_params:
        raise InvalidInputError(
            "give the parameters in params or in target.params, not both", ("params",)
        )
    if params is None:
        return target_params, {"params": ("target", "params")}
    return params, {}


def _client_dtype(req: VerifyCommon, outputs: list[Decoded]) -> type[np.floating[Any]]:
    return verify.client_dtype(req.dtype, (d.dtype for d in outputs))


def _outputs(
    req: Any, names: tuple[str, ...], budget: Budget
) -> tuple[dict[str, Any], list[Decoded]]:
    """The client's outputs that were sent, decoded."""
    arrays: dict[str, Any] = {}
    decoded: list[Decoded] = []
    for key in names:
        raw = getattr(req, key)
        if raw is not None:
            d = decode(raw, key, budget)
            arrays[key] = d.array
            decoded.append(d)
    return arrays, decoded


def _verify_activation(req: VerifyActivationRequest, budget: Budget) -> dict[str, Any]:
    entry = act.ACTIVATIONS.get(req.target.name, ("target", "name"))
    params, moves = _function_params(req.params, req.target.params)
    where = ("target", "params") if moves else ("params",)
    params = decode_params(entry.params, params, where, budget)
    x = decode(req.x, "x", budget)
    g = decode(req.grad_output, "grad_output", budget) if req.grad_output is not None else None
    outs, decoded = _outputs(req, _ACT_OUTPUTS, budget)
    if req.param_grads is not None:
        pg = {}
        for key, value in req.param_grads.items():
            d = decode(value, ("param_grads", key), budget)
            pg[key] = d.array
            decoded.append(d)
        outs["param_grads"] = pg
    budget.take(sum(int(d.array.size) for d in decoded), ("body",))  # the reference
    charge_report(budget, [d.array for d in decoded], req.tolerance.max_listed, ("tolerance",))
    with relocated(moves):
        return verify.verify_activation(
            entry.name,
            x.array,
            outs,
            params,
            axis=req.axis,
            grad_output=None if g is None else g.array,
            dtype=_client_dtype(req, decoded),
            tol=_tolerance(req),
        )


def _verify_loss(req: VerifyLossRequest, budget: Budget) -> dict[str, Any]:
    entry = lo.LOSSES.get(req.target.name, ("target", "name"))
    params, moves = _function_params(req.params, req.target.params)
    where = ("target", "params") if moves else ("params",)
    params = decode_params(entry.params, params, where, budget)
    y_pred = decode(req.y_pred, "y_pred", budget)
    y_true = decode(req.y_true, "y_true", budget)
    sw = (
        decode(req.sample_weight, "sample_weight", budget)
        if req.sample_weight is not None
        else None
    )
    outs, decoded = _outputs(req, _LOSS_OUTPUTS, budget)
    budget.take(y_pred.array.size * 2, ("body", "y_pred"))  # reference and variants
    charge_report(budget, [d.array for d in decoded], req.tolerance.max_listed, ("tolerance",))
    with relocated(moves):
        return verify.verify_loss(
            entry.name,
            y_true.array,
            y_pred.array,
            outs,
            params,
            reduction=req.reduction,
            sample_weight=None if sw is None else sw.array,
            convention=req.convention,
            dtype=_client_dtype(req, decoded),
            tol=_tolerance(req),
        )


def _verify_optimizer(req: VerifyOptimizerRequest, budget: Budget) -> dict[str, Any]:
    entry = optim.OPTIMIZERS.get(req.target.name, ("target", "name"))
    if req.hyperparams is not None and req.target.params:
        raise InvalidInputError(
            "give the hyperparameters in hyperparams or in target.params, not both",
            ("hyperparams",),
        )
    hp = req.hyperparams if req.hyperparams is not None else req.target.params
    moves: dict[str, Loc] = {"hyperparams": ("target", "params")} if req.hyperparams is None else {}
    params, _ = decode_tree_arrays(req.params, ("params",), budget)
    grads, _ = decode_tree_arrays(req.grads, ("grads",), budget)
    state = decode_state(req.state, ("state",), budget)
    res_params, decoded = decode_tree_arrays(req.result.params, ("result", "params"), budget)
    res_state = decode_state(req.result.state, ("result", "state"), budget)
    budget.take(sum(int(d.array.size) for d in decoded) * 4, ("body", "params"))
    slots = res_state.get("slots") if isinstance(res_state, dict) else None
    compared = [d.array for d in decoded] + tree_leaves(slots)
    charge_report(budget, compared, req.tolerance.max_listed, ("tolerance",))
    with relocated(moves):
        return verify.verify_optimizer(
            entry.name,
            params,
            grads,
            {"params": res_params, "state": res_state},
            state,
            hp,
            clip=req.clip,
            regularization=req.regularization,
            dtype=_client_dtype(req, decoded),
            tol=_tolerance(req),
        )
