"""Optimizer endpoints: catalog, one stateless step, and trajectories on test objectives.

The server keeps no state (as optax): the client sends params, grads and the state it got
back last time, so any replica can serve any step. Handlers are plain ``def``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, cast

import numpy as np
from fastapi import APIRouter, Body, Query
from starlette.convertors import StringConvertor, register_url_convertor
from starlette.responses import Response

from service import plots
from service.api.deps import (
    BudgetDep,
    SettingsDep,
    decode_state,
    decode_tree_arrays,
    name_path,
)
from service.compute import objectives as objs
from service.compute import optimizers as optim
from service.compute.optimizers import core
from service.schemas.catalog import OptimizerEntry
from service.schemas.common import problem_responses
from service.schemas.optimizers import (
    STEP_EXAMPLES,
    TRAJECTORY_EXAMPLES,
    OptimizerCatalog,
    StepRequest,
    StepResponse,
    TrajectoryRequest,
    TrajectoryResponse,
)
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import Encoder, encoder_for

router = APIRouter(prefix="/v1/optimizers", tags=["optimizers"], route_class=OrjsonRoute)


class OptimizerNameConvertor(StringConvertor):
    """``{name}`` of /v1/optimizers/{name}: any segment but ``trajectory``, so that GET
    /v1/optimizers/trajectory is a 405 (Allow: POST), not a lookup of an optimizer named
    "trajectory". The spec shows the plain ``{name}``."""

    regex = r"(?!trajectory$)[^/]+"


register_url_convertor("optimizer_name", OptimizerNameConvertor())

Name = Annotated[
    str,
    name_path(
        optim.OPTIMIZERS,
        "Optimizer name or alias; see GET /v1/optimizers.",
        "adam",
    ),
]


# ---- catalog ---------------------------------------------------------------------------

CLIPPING = {
    "value": "clamp(g, −c, c) elementwise (torch.nn.utils.clip_grad_value_, optax.clip).",
    "norm": "per tensor: g·min(1, c/(‖g‖ + 1e-6)) (torch clip_grad_norm_ on each tensor; "
    "Keras clipnorm divides by max(‖g‖, c) with no 1e-6).",
    "global_norm": "all tensors: g·min(1, c/(N + 1e-6)), N = ‖(‖g₁‖, …, ‖gₙ‖)‖ "
    "(torch clip_grad_norm_; optax clip_by_global_norm has no 1e-6). float32 gradients use "
    "torch's float32 norms (norm too): when their squares sum beyond 3.4e38 (a norm above "
    "~1.8e19) the norm is inf, the coefficient c/inf = 0 and the gradients become 0 (NaN "
    "where a gradient is ±inf), as torch's float32 clip_grad_norm_; stats.grad_norm still "
    "reports the true norm.",
}
REGULARIZATION = {
    "l1": "penalty a·Σ|w|, gradient a·sign(w) added before clipping (Keras L1).",
    "l2": "penalty b·Σw², gradient 2b·w added before clipping (Keras L2; torch's "
    "weight_decay wd corresponds to b = wd/2).",
    "order": "regularization → clipping → schedule → the optimizer's own rule (maximize, "
    "its weight decay, the update). With maximize the penalty is subtracted.",
}


def _schedule_catalog() -> list[dict[str, Any]]:
    return [
        {
            "name": s.name,
            "params": [p.catalog() for p in s.params],
            "formula": s.formula,
            "reference": s.reference,
        }
        for s in optim.SCHEDULES.values()
    ]


@router.get(
    "",
    response_model=OptimizerCatalog,
    response_model_exclude_unset=True,
    summary="Catalog of optimizers",
)
def list_optimizers() -> dict[str, Any]:
    """Every optimizer with its hyperparameters (torch names, defaults, ranges, Keras/optax
    aliases), the update rule in LaTeX, its state slots, and how it differs from the Keras
    and optax optimizers of the same name; plus the schedules, clipping modes,
    regularization and the objectives of the trajectory endpoint."""
    return {
        "optimizers": [optim.catalog_entry(o) for o in optim.OPTIMIZERS],
        "schedules": _schedule_catalog(),
        "clipping": CLIPPING,
        "regularization": REGULARIZATION,
        "objectives": [o.catalog() for o in objs.OBJECTIVES],
    }


@router.get(
    "/{name:optimizer_name}",
    response_model=OptimizerEntry,
    response_model_exclude_unset=True,
    summary="One optimizer's catalog entry",
    responses=problem_responses(404),
)
def get_optimizer(name: Name) -> dict[str, Any]:
    """The catalog entry of one optimizer (aliases accepted)."""
    return optim.catalog_entry(optim.OPTIMIZERS.get(name, ("path", "name")))


# ---- step ------------------------------------------------------------------------------


def _cast(tree: Any, dtype: type[np.floating[Any]]) -> Any:
    if isinstance(tree, dict):
        return {k: _cast(v, dtype) for k, v in tree.items()}
    return np.asarray(tree).astype(dtype, copy=False)


def _encode(enc: Encoder, tree: Any) -> Any:
    if isinstance(tree, Mapping):
        return {k: _encode(enc, v) for k, v in tree.items()}
    return enc.tensor(tree)


@dataclass(frozen=True)
class StepPlan:
    """An optimizer under its convention with its hyperparameters resolved, once, before the
    step: the step's output count is known before anything is computed. When they do not
    resolve, ``error`` is what resolving raised, and :meth:`run` raises it where the step
    would have (after the checks that come before the step)."""

    opt: optim.Optimizer | None
    hp: Mapping[str, Any] | None
    error: Exception | None = None

    @classmethod
    def of(cls, name: str, hyperparams: Any, convention: Any) -> StepPlan:
        try:
            opt = core.under_convention(optim.OPTIMIZERS.get(name, ("path", "name")), convention)
            return cls(opt, optim.resolve_hyperparams(opt, hyperparams))
        except Exception as exc:  # the step names the problem
            return cls(None, None, exc)

    def outputs(self, shapes: list[tuple[int, ...]]) -> int:
        """Numbers of the step's result: the new params and every slot (the optimizer's slot
        layout for these shapes and hyperparameters; 3 slots per parameter element when the
        hyperparameters do not resolve, which the step itself then answers)."""
        if self.opt is None or self.hp is None:
            return 4 * sum(int(np.prod(shape)) for shape in shapes)
        return output_elements(self.opt, self.hp, shapes)

    def run(
        self,
        params: Any,
        grads: Any,
        state: Mapping[str, Any] | None,
        *,
        clip: Mapping[str, Any] | None = None,
        regularization: Mapping[str, Any] | None = None,
        schedule: Mapping[str, Any] | None = None,
    ) -> core.StepResult:
        if self.error is not None:
            raise self.error
        return optim.step_with(
            cast(optim.Optimizer, self.opt),
            cast(Mapping[str, Any], self.hp),
            params,
            grads,
            state,
            clip=clip,
            regularization=regularization,
            schedule=schedule,
        )


def output_elements(
    opt: optim.Optimizer, hp: Mapping[str, Any], shapes: list[tuple[int, ...]]
) -> int:
    """The new params and every slot of a step of ``opt`` with resolved hyperparameters."""
    lr = core.base_lr(hp)
    n = sum(math.prod(shape) for shape in shapes)
    return n + sum(
        math.prod(slot) for shape in shapes for slot, _ in opt.slots(shape, hp, lr).values()
    )


def step_body(result: core.StepResult, enc: Encoder) -> dict[str, Any]:
    """The answer of ``POST /v1/optimizers/{name}/step`` for a computed step (the small-call
    fast path writes the same)."""
    return {
        "params": _encode(enc, result.params),
        "state": {
            "optimizer": result.state["optimizer"],
            "step": result.state["step"],
            "slots": {k: _encode(enc, v) for k, v in result.state["slots"].items()},
        },
        "stats": result.stats,
    }


@router.post(
    "/{name}/step",
    response_model=StepResponse,
    response_model_exclude_none=True,
    summary="One stateless optimizer step",
    responses=problem_responses(404, 413, 422),
)
def optimizer_step(
    name: Name,
    req: Annotated[StepRequest, Body(openapi_examples=STEP_EXAMPLES)],
    budget: BudgetDep,
) -> Response:
    """Apply one update of `name` to `params` with `grads` and return the new params, the
    new state and statistics. Semantics, defaults and the order of operations follow
    `torch.optim` (single-tensor path); feeding the returned state back reproduces the
    torch trajectory step after step (float64: to ≈1e-15 relative; lion and lamb follow
    optax). Order inside a step: regularization → clipping → schedule → the optimizer's
    rule (maximize, its own weight decay, the update).

    Float32 parameters (b64/flat with dtype float32, or `dtype: float32`) are computed and
    returned in float32. Response tensors take the form of the first tensor of `params`
    unless `encoding` is set. A `state` that does not fit the optimizer, the names or the
    shapes is a 422 — never silently reinitialised."""
    opt = optim.OPTIMIZERS.get(name, ("path", "name"))
    params, leaves = decode_tree_arrays(req.params, ("params",), budget)
    grads, _ = decode_tree_arrays(req.grads, ("grads",), budget)
    state = decode_state(req.state, ("state",), budget)
    # the response counts against the element budget and the response size (params + slots)
    plan = StepPlan.of(opt.name, req.hyperparams, req.convention)
    n_out = plan.outputs([leaf.array.shape for leaf in leaves])
    budget.take(n_out, ("body", "params"))
    enc = encoder_for(leaves[0], req.encoding, req.dtype)
    budget.take_response(n_out, enc.form, enc.dtype, ("body", "params"))
    if req.dtype is not None:
        dtype = np.float32 if req.dtype == "float32" else np.float64
        params = _cast(params, dtype)
    result = plan.run(
        params,
        grads,
        state,
        clip=req.clip,
        regularization=req.regularization,
        schedule=req.schedule,
    )
    return StrictJSONResponse(step_body(result, enc))


# ---- trajectory ------------------------------------------------------------------------


@router.post(
    "/trajectory",
    response_model=TrajectoryResponse,
    summary="Optimizer paths on a test objective (JSON, PNG or SVG)",
    responses={
        **problem_responses(404, 413, 422),
        200: {
            "content": {"application/json": {}, "image/png": {}, "image/svg+xml": {}},
            "description": "Per optimizer the path, loss and gradient norm, or the plot.",
        },
    },
)
def optimizer_trajectory(
    req: Annotated[TrajectoryRequest, Body(openapi_examples=TRAJECTORY_EXAMPLES)],
    settings: SettingsDep,
    format: Annotated[
        Literal["json", "png", "svg"],
        Query(description="json results, or a png/svg plot of the paths over the contours."),
    ] = "json",
) -> Response:
    """Run each optimizer from `start` for `steps` updates on a built-in objective with known
    minima (rosenbrock, beale, himmelblau, saddle, quadratic with condition number `kappa`,
    rastrigin, booth) using the same update rules as the step endpoint. Per optimizer: the
    path, the loss and gradient norm (at the steps listed in `indices`: every `every`-th,
    at most `max_points` per run, default 1000, the last step always), the final point,
    the distance to the nearest minimum and `converged_at` — the first step from which every
    point stays within `tolerance` of a minimum (null if it ends outside, or for `saddle`,
    which has no minimum); these use every step. Diverging runs are reported
    (NaN/Infinity), not errors. `format=png|svg` draws the returned points over the
    objective's contours. Work (steps × the step costs of the runs: each optimizer's
    `step_cost` in GET /v1/optimizers, +2 with clipping; runs of one elementwise optimizer
    with a constant lr and no clipping step together as one array and count once) is
    bounded by GRADSERVE_MAX_TRAJECTORY_WORK (200,000 by default: 100,000 SGD steps, 50,000
    Adam steps)."""
    objective = req.objective if isinstance(req.objective, str) else req.objective.model_dump()
    out = objs.run_trajectory(
        objective,
        req.start,
        req.steps,
        [r.model_dump(exclude_none=True) for r in req.optimizers],
        req.tolerance,
        every=req.every,
        max_points=req.max_points,
        limits=objs.TrajectoryLimits(
            max_steps=settings.max_trajectory_steps,
            max_runs=settings.max_trajectory_runs,
            max_work=settings.max_trajectory_work,
            # a plot draws at most plots' bounded number of points, whatever it is given
            max_response_bytes=settings.max_response_bytes if format == "json" else None,
        ),
    )
    if format != "json":
        return Response(plots.trajectory_plot(out, format), media_type=plots.MEDIA_TYPES[format])
    return StrictJSONResponse(out)


__all__ = ["router"]
