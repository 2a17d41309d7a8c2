"""POST /v1/networks/gradients: one forward and backward pass of a client's own sequential
network (and optionally one optimizer step). The handler decodes the tensors, calls
``service.compute.networks`` and encodes the result; ``verify_network_request`` does the same
for ``POST /v1/verify`` with ``target.kind = "network"``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Body
from starlette.responses import Response

from service.api.deps import (
    BudgetDep,
    SettingsDep,
    charge_report,
    compute_dtype,
    decode,
    decode_params,
    decode_state,
)
from service.compute import activations as act
from service.compute import losses
from service.compute import networks as nets
from service.compute.inspect import stats as stats_mod
from service.compute.inspect import verify as verify_mod
from service.config import Settings
from service.schemas.common import problem_responses
from service.schemas.networks import (
    NETWORK_EXAMPLES,
    ActivationLayer,
    DenseLayer,
    DropoutLayer,
    NetworkFields,
    NetworkRequest,
    NetworkResponse,
    VerifyNetworkFields,
)
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import Budget, Decoded, Encoder, encoder_for, scalar_json

router = APIRouter(tags=["networks"], route_class=OrjsonRoute)


def limits(settings: Settings) -> nets.NetworkLimits:
    return nets.NetworkLimits(
        max_layers=settings.max_network_layers,
        max_width=settings.max_network_width,
        max_batch=settings.max_network_batch,
        max_work=settings.max_network_work,
    )


def _opt(value: Any, loc: tuple[str | int, ...], budget: Budget) -> np.ndarray | None:
    return None if value is None else decode(value, loc, budget).array


def network_inputs(
    req: NetworkFields, budget: Budget
) -> tuple[Decoded, list[nets.LayerSpec], nets.LossSpec]:
    """Decode x, every layer's tensors and the loss's tensors (errors name the field)."""
    x = decode(req.x, "x", budget)
    specs: list[nets.LayerSpec] = []
    for i, layer in enumerate(req.layers):
        loc: tuple[str | int, ...] = ("layers", i)
        if isinstance(layer, DenseLayer):
            specs.append(
                nets.LayerSpec(
                    "dense",
                    layer.name,
                    weight=decode(layer.weight, (*loc, "weight"), budget).array,
                    bias=_opt(layer.bias, (*loc, "bias"), budget),
                )
            )
        elif isinstance(layer, ActivationLayer):
            params = layer.params
            if params and layer.name in act.ACTIVATIONS:  # tensor-valued ones decoded here
                a_specs = act.ACTIVATIONS.get(layer.name).params
                params = decode_params(a_specs, params, (*loc, "params"), budget)
            specs.append(
                nets.LayerSpec("activation", layer.layer_name, activation=layer.name, params=params)
            )
        elif isinstance(layer, DropoutLayer):
            specs.append(
                nets.LayerSpec(
                    "dropout",
                    layer.name,
                    mask=decode(layer.mask, (*loc, "mask"), budget).array,
                    p=layer.p,
                )
            )
        else:
            specs.append(
                nets.LayerSpec(
                    layer.type,
                    layer.name,
                    weight=_opt(layer.weight, (*loc, "weight"), budget),
                    bias=_opt(layer.bias, (*loc, "bias"), budget),
                    eps=layer.eps,
                )
            )
    lo = req.loss
    loss_params = lo.params
    if loss_params and lo.name in losses.LOSSES:  # tensor-valued ones decoded here
        l_specs = losses.LOSSES.get(lo.name).params
        loss_params = decode_params(l_specs, loss_params, ("loss", "params"), budget)
    loss = nets.LossSpec(
        lo.name,
        decode(lo.y_true, ("loss", "y_true"), budget).array,
        loss_params,
        reduction=lo.reduction,
        sample_weight=_opt(lo.sample_weight, ("loss", "sample_weight"), budget),
        convention=lo.convention,
        output_activation=lo.output_activation,
    )
    return x, specs, loss


def _encode_tree(enc: Encoder, tree: Any) -> Any:
    if isinstance(tree, Mapping):
        return {k: _encode_tree(enc, v) for k, v in tree.items()}
    return enc.tensor(tree)


def _widths(x: np.ndarray, specs: list[nets.LayerSpec]) -> list[tuple[int, int]]:
    """(input, output) features of every layer, as far as the shapes tell before the network
    is validated (a dense weight is (out, in), as nn.Linear's; the others keep the width)."""
    width = int(x.shape[-1]) if x.ndim == 2 else int(x.size)
    out = []
    for spec in specs:
        w_in = width
        if spec.type == "dense" and spec.weight is not None and spec.weight.ndim == 2:
            width = int(spec.weight.shape[0])
        out.append((w_in, width))
    return out


def _charge(req: NetworkRequest, x: Decoded, specs: list[nets.LayerSpec], budget: Budget) -> None:
    """Charge, before anything is computed, what the passes keep (each layer's output and
    the gradient at it: 2 × batch × width) to the element budget, and the response's
    tensors (output, per-sample losses, every weight's gradient, the optional activations,
    input gradients, new params and slots) to the element budget and the response size."""
    batch = int(x.array.shape[0]) if x.array.ndim == 2 else 1
    widths = _widths(x.array, specs)
    weights = sum(
        int(a.size) for s in specs for a in (s.weight, s.bias) if isinstance(a, np.ndarray)
    )
    kept = 2 * batch * sum(w_out for _, w_out in widths)
    n_out = batch * (widths[-1][1] if widths else 1) + batch + weights
    if req.return_activations:
        n_out += batch * sum(w_out for _, w_out in widths)
    if req.return_input_grads:
        n_out += batch * sum(w_in for w_in, _ in widths)
    if req.optimizer is not None:  # new params and at most three slots per weight
        n_out += 4 * weights
    budget.take(n_out, ("body", "layers"))
    budget.take_work(kept, ("body", "layers"))
    form = encoder_for(x, req.encoding, req.dtype)
    budget.take_response(n_out, form.form, form.dtype, ("body", "x"))


@router.post(
    "/v1/networks/gradients",
    response_model=NetworkResponse,
    response_model_exclude_none=True,
    summary="Loss, gradients and gradient health of your own sequential network",
    responses=problem_responses(404, 413, 422),
)
def network_gradients(
    req: Annotated[NetworkRequest, Body(openapi_examples=NETWORK_EXAMPLES)],
    budget: BudgetDep,
    settings: SettingsDep,
) -> Response:
    """One forward and backward pass of `layers` on `x` with your weights, as torch autograd
    computes it (float64 unless `dtype` is float32): `dense` (torch.nn.Linear, y = x Wᵀ + b),
    `activation` (any catalog activation along the last axis), `layer_norm`
    (torch.nn.LayerNorm), `batch_norm` (torch.nn.BatchNorm1d in training mode: batch mean and
    biased variance; a batch of 1 is a 422 as torch raises) and `dropout` (your 0/1 mask,
    scaled by 1/(1 − p)), then the catalog `loss` with all its options.

    Per layer: the gradients of its weights, ‖dL/d its input‖, the statistics and verdict of
    POST /v1/inspect/stats for each gradient, and for dense layers the weight-gradient norm
    relative to the last dense layer's; overall `verdict` and `first_bad_layer` as
    gradient-flow. With `optimizer`, one step of that optimizer on {layer: {weight, bias}}
    (torch.optim semantics): the updated `params` and `state` (send it back next time).

    Errors name the field, e.g. `["body", "layers", 2, "weight"]` for a weight that does not
    fit the width reaching layer 2. Limits: GRADSERVE_MAX_NETWORK_LAYERS, _WIDTH, _BATCH and
    _WORK (multiply-adds of the forward pass). Response tensors take the form of `x` unless
    `encoding` is set."""
    x, specs, loss = network_inputs(req, budget)
    _charge(req, x, specs, budget)
    opt = None
    if req.optimizer is not None:
        o = req.optimizer
        opt = nets.OptimizerSpec(
            o.name,
            o.hyperparams,
            decode_state(o.state, ("optimizer", "state"), budget),
            clip=o.clip,
            regularization=o.regularization,
            schedule=o.schedule,
        )
    th = nets.FlowThresholds(req.thresholds.vanishing, req.thresholds.exploding)
    sth = stats_mod.StatsThresholds(
        req.stats_thresholds.vanishing, req.stats_thresholds.exploding, req.stats_thresholds.norm
    )
    res = nets.network_gradients(
        x.array,
        specs,
        loss,
        optimizer=opt,
        dtype=compute_dtype(req.dtype),
        limits=limits(settings),
        thresholds=th,
        stats_thresholds=sth,
    )
    enc = encoder_for(x, req.encoding, req.dtype)
    layers = []
    for r in res.layers:
        item: dict[str, Any] = {
            "name": r.name,
            "type": r.type,
            "output_shape": r.output_shape,
            "grads": {k: enc.tensor(v) for k, v in r.grads.items()},
            "input_grad_norm": scalar_json(r.input_grad_norm),
            "statistics": r.statistics,
            "verdict": r.verdict,
        }
        if r.activation is not None:
            item["activation"] = r.activation
        if r.weight_grad_ratio is not None:
            item["weight_grad_ratio"] = scalar_json(r.weight_grad_ratio)
        if req.return_activations:
            item["output"] = enc.tensor(r.output)
        if req.return_input_grads:
            item["input_grad"] = enc.tensor(r.input_grad)
        layers.append(item)
    body: dict[str, Any] = {
        "loss": enc.tensor(res.loss) if loss.reduction == "none" else scalar_json(float(res.loss)),
        "output": enc.tensor(res.output),
        "per_sample": enc.tensor(res.per_sample),
        "warnings": res.warnings,
        "layers": layers,
        "verdict": res.verdict,
        "first_bad_layer": res.first_bad_layer,
        "first_bad_layer_index": res.first_bad_layer_index,
        "work": res.work,
        "thresholds": {
            "vanishing": th.vanishing,
            "exploding": th.exploding,
            "stats": {"vanishing": sth.vanishing, "exploding": sth.exploding, "norm": sth.norm},
        },
    }
    if res.params is not None and res.state is not None:
        body["params"] = _encode_tree(enc, res.params)
        body["state"] = {
            "optimizer": res.state["optimizer"],
            "step": res.state["step"],
            "slots": _encode_tree(enc, res.state["slots"]),
        }
        body["optimizer_stats"] = res.optimizer_stats
    return StrictJSONResponse(body)


def verify_network_request(
    req: VerifyNetworkFields,
    budget: Budget,
    settings: Settings,
    dtype: str | None,
    tol: verify_mod.VerifyTolerance,
) -> dict[str, Any]:
    """POST /v1/verify with target.kind = "network": decode, then compare the client's
    gradients with the float64 reference (``service.compute.networks.verify_network``)."""
    x, specs, loss = network_inputs(req, budget)
    grads: dict[str, dict[str, np.ndarray]] = {}
    declared: list[str | None] = []
    for layer, fields in req.grads.items():
        grads[layer] = {}
        for field, value in fields.items():
            d = decode(value, ("grads", layer, field), budget)
            grads[layer][field] = d.array
            declared.append(d.dtype)
    loss_value = None
    if req.loss_value is not None:
        d = decode(req.loss_value, "loss_value", budget)
        loss_value = d.array
        declared.append(d.dtype)
    client = verify_mod.client_dtype(dtype, declared)
    budget.take(sum(int(a.size) for g in grads.values() for a in g.values()) * 4, ("body",))
    compared = [a for g in grads.values() for a in g.values()]
    if loss_value is not None:
        compared.append(loss_value)
    charge_report(budget, compared, tol.max_listed, ("tolerance",))
    return nets.verify_network(
        x.array,
        specs,
        loss,
        grads,
        loss_value,
        dtype=client,
        tol=tol,
        limits=limits(settings),
    )


__all__ = ["limits", "network_inputs", "router", "verify_network_request"]
