"""Optimizer endpoints: catalog, one stateless step, and trajectories on test objectives.

The server keeps no state (as optax): the client sends params, grads and the state it got
back last time, so any replica can serve any step. Handlers are plain ``def``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import APIRouter, Body, Query
from starlette.responses import Response

from service.api.deps import BudgetDep, SettingsDep, name_path
from service.compute import objectives as objs
from service.compute import optimizers as optim
from service.plots import MEDIA_TYPES, PlotFormat, figure_bytes, new_figure
from service.schemas.catalog import OptimizerEntry
from service.schemas.common import problem_responses
from service.schemas.optimizers import (
    OptimizerCatalog,
    StepRequest,
    StepResponse,
    TrajectoryRequest,
    TrajectoryResponse,
)
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import Budget, Decoded, Encoder, decode_tree, encoder_for

router = APIRouter(prefix="/v1/optimizers", tags=["optimizers"], route_class=OrjsonRoute)

Name = Annotated[
    str,
    name_path(
        optim.OPTIMIZERS,
        "Optimizer name or alias; see GET /v1/optimizers.",
        "adam",
    ),
]


# ---- OpenAPI examples: every one for the path's example name, adam, which Swagger fills in;
# the continued-state example is computed, so it always fits.

_P = {"w": [[0.5, -1.0], [1.5, 2.0]], "b": [0.1, -0.2]}
_G = {"w": [[0.2, -0.1], [0.05, 0.3]], "b": [1.0, -0.5]}


def _plain(tree: Any) -> Any:
    if isinstance(tree, Mapping):
        return {k: _plain(v) for k, v in tree.items()}
    if isinstance(tree, np.ndarray):
        return tree.tolist()
    return tree


def _continued_example() -> dict[str, Any]:
    first = optim.step(
        "adam",
        {k: np.asarray(v) for k, v in _P.items()},
        {k: np.asarray(v) for k, v in _G.items()},
        None,
        {"lr": 0.01},
    )
    return {
        "params": _plain(first.params),
        "grads": _G,
        "state": {**first.state, "slots": _plain(first.state["slots"])},
        "hyperparams": {"lr": 0.01},
    }


STEP_EXAMPLES: dict[str, Any] = {
    "fresh": {
        "summary": "adam: a first step (state null) on named tensors",
        "value": {"params": _P, "grads": _G, "state": None, "hyperparams": {"lr": 0.01}},
    },
    "continue": {
        "summary": "adam: the second step, with the state the first returned",
        "value": _continued_example(),
    },
    "clip_schedule_l2": {
        "summary": "adam: decoupled decay, global-norm clip, L2 penalty, warm-up + cosine",
        "value": {
            "params": [1.0, -2.0, 3.0],
            "grads": [10.0, 0.0, -20.0],
            "hyperparams": {"lr": 0.1, "weight_decay": 0.01, "decoupled_weight_decay": True},
            "clip": {"global_norm": 1.0},
            "regularization": {"l2": 1e-4},
            "schedule": {
                "name": "warmup_cosine",
                "warmup_steps": 10,
                "decay_steps": 100,
                "init_lr": 0.01,
            },
        },
    },
    "keras_aliases": {
        "summary": "adam: Keras spellings of the hyperparameters",
        "value": {
            "params": [0.5, -0.5],
            "grads": [1e-6, -1e6],
            "hyperparams": {
                "learning_rate": 0.001,
                "beta_1": 0.9,
                "beta_2": 0.999,
                "epsilon": 1e-7,
            },
        },
    },
    "b64_float32": {
        "summary": "adam: binary float32 tensor in, float32 b64 out",
        "value": {
            "params": {"shape": [2], "dtype": "float32", "b64": "AACAPwAAAMA="},
            "grads": {"shape": [2], "dtype": "float32", "b64": "AAAAPwAAgL8="},
            "hyperparams": {"lr": 0.1},
        },
    },
    "scalar": {
        "summary": "adam: a single number in gives numbers out",
        "value": {"params": 3.0, "grads": 6.0, "hyperparams": {"lr": 0.1}},
    },
}

TRAJECTORY_EXAMPLES: dict[str, Any] = {
    "rosenbrock": {
        "summary": "GD, momentum and Adam on Rosenbrock",
        "value": {
            "objective": "rosenbrock",
            "start": [-1.5, 2.0],
            "steps": 2500,
            "optimizers": [
                {"name": "sgd", "hyperparams": {"lr": 0.001}, "label": "gd"},
                {
                    "name": "sgd",
                    "hyperparams": {"lr": 0.001, "momentum": 0.9},
                    "label": "momentum 0.9",
                },
                {"name": "adam", "hyperparams": {"lr": 0.02}},
            ],
            "tolerance": 1e-3,
        },
    },
    "saddle": {
        "summary": "escaping the saddle x² − y²",
        "value": {
            "objective": "saddle",
            "start": [1.0, 0.001],
            "steps": 200,
            "optimizers": [
                {"name": "sgd", "hyperparams": {"lr": 0.01}, "label": "gd"},
                {"name": "sgd", "hyperparams": {"lr": 0.01, "momentum": 0.9}, "label": "momentum"},
            ],
        },
    },
    "ill_conditioned": {
        "summary": "quadratic with condition number 50: SGD vs RMSprop vs Adam",
        "value": {
            "objective": {"name": "quadratic", "params": {"kappa": 50}},
            "start": [-1.5, 1.0],
            "steps": 300,
            "optimizers": [
                {"name": "sgd", "hyperparams": {"lr": 0.035}},
                {"name": "rmsprop", "hyperparams": {"lr": 0.01}},
                {
                    "name": "adam",
                    "hyperparams": {"lr": 0.05},
                    "schedule": {"name": "cosine", "t_max": 300},
                },
            ],
            "tolerance": 1e-3,
        },
    },
    "himmelblau": {
        "summary": "Himmelblau: which of the four minima each optimizer finds",
        "value": {
            "objective": "himmelblau",
            "start": [0.0, 0.0],
            "steps": 300,
            "optimizers": [
                {"name": "sgd", "hyperparams": {"lr": 0.01}},
                {"name": "adam", "hyperparams": {"lr": 0.1}},
                {"name": "lion", "hyperparams": {"lr": 0.05}},
            ],
            "tolerance": 1e-3,
        },
    },
}


# ---- catalog ---------------------------------------------------------------------------

CLIPPING = {
    "value": "clamp(g, −c, c) elementwise (torch.nn.utils.clip_grad_value_, optax.clip).",
    "norm": "per tensor: g·min(1, c/(‖g‖ + 1e-6)) (torch clip_grad_norm_ on each tensor; "
    "Keras clipnorm divides by max(‖g‖, c) with no 1e-6).",
    "global_norm": "all tensors: g·min(1, c/(N + 1e-6)), N = ‖(‖g₁‖, …, ‖gₙ‖)‖ "
    "(torch clip_grad_norm_; optax clip_by_global_norm has no 1e-6).",
    "float32": "norm and global_norm use torch's float32 norms: when the squares of float32 "
    "gradients sum beyond 3.4e38 (a norm above ~1.8e19) the norm is inf, the coefficient "
    "c/inf = 0 and the gradients become 0 (NaN where a gradient is ±inf), as torch's "
    "float32 clip_grad_norm_; stats.grad_norm still reports the true norm.",
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
    "/{name}",
    response_model=OptimizerEntry,
    response_model_exclude_unset=True,
    summary="One optimizer's catalog entry",
    responses=problem_responses(404),
)
def get_optimizer(name: Name) -> dict[str, Any]:
    """The catalog entry of one optimizer (aliases accepted)."""
    return optim.catalog_entry(optim.OPTIMIZERS.get(name, ("path", "name")))


# ---- step ------------------------------------------------------------------------------


def _decode_tree(
    value: Any, loc: tuple[str | int, ...], budget: Budget
) -> tuple[Any, list[Decoded]]:
    """Decode a tensor tree; return (tree of arrays, decoded leaves in order)."""
    dec, is_tree = decode_tree(value, ("body", *loc), budget)
    if not is_tree:
        assert isinstance(dec, Decoded)
        return dec.array, [dec]
    assert isinstance(dec, dict)
    tree: dict[str, Any] = {}
    for path, leaf in dec.items():
        node = tree
        *parents, last = path.split("/")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = leaf.array
    return tree, list(dec.values())


def _cast(tree: Any, dtype: type[np.floating[Any]]) -> Any:
    if isinstance(tree, dict):
        return {k: _cast(v, dtype) for k, v in tree.items()}
    return np.asarray(tree).astype(dtype, copy=False)


def _encode(enc: Encoder, tree: Any) -> Any:
    if isinstance(tree, Mapping):
        return {k: _encode(enc, v) for k, v in tree.items()}
    return enc.tensor(tree)


def _decode_state(state: Any, budget: Budget) -> Any:
    """Decode the slot tensors of a state; anything malformed is left for compute to name."""
    if not isinstance(state, dict) or not isinstance(state.get("slots"), dict):
        return state
    slots = {}
    for name, value in state["slots"].items():
        slots[name], _ = _decode_tree(value, ("state", "slots", name), budget)
    return {**state, "slots": slots}


def _size(tree: Any) -> int:
    if isinstance(tree, Mapping):
        return sum(_size(v) for v in tree.values())
    return int(np.asarray(tree).size)


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
    params, leaves = _decode_tree(req.params, ("params",), budget)
    grads, _ = _decode_tree(req.grads, ("grads",), budget)
    state = _decode_state(req.state, budget)
    if req.dtype is not None:
        dtype = np.float32 if req.dtype == "float32" else np.float64
        params = _cast(params, dtype)
    result = optim.step(
        opt.name,
        params,
        grads,
        state,
        req.hyperparams,
        clip=req.clip,
        regularization=req.regularization,
        schedule=req.schedule,
        convention=req.convention,
    )
    # the response counts against the element budget too (params + every slot)
    budget.take(_size(result.params) + _size(result.state["slots"]), ("body", "params"))
    enc = encoder_for(leaves[0], req.encoding, req.dtype)
    body = {
        "params": _encode(enc, result.params),
        "state": {
            "optimizer": result.state["optimizer"],
            "step": result.state["step"],
            "slots": {k: _encode(enc, v) for k, v in result.state["slots"].items()},
        },
        "stats": result.stats,
    }
    return StrictJSONResponse(body)


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
    path (steps + 1 points), the loss and gradient norm at each point, the final point, the
    distance to the nearest minimum and `converged_at` — the first step from which every
    point stays within `tolerance` of a minimum (null if it ends outside, or for `saddle`,
    which has no minimum). Diverging runs are reported (NaN/Infinity), not errors.
    `format=png|svg` draws the paths over the objective's contours."""
    objective = req.objective if isinstance(req.objective, str) else req.objective.model_dump()
    out = objs.run_trajectory(
        objective,
        req.start,
        req.steps,
        [r.model_dump(exclude_none=True) for r in req.optimizers],
        req.tolerance,
        max_steps=settings.max_trajectory_steps,
        max_steps_setting="GRADSERVE_MAX_TRAJECTORY_STEPS",
        max_runs=settings.max_trajectory_runs,
        max_runs_setting="GRADSERVE_MAX_TRAJECTORY_RUNS",
    )
    if format != "json":
        return Response(trajectory_plot(out, format), media_type=MEDIA_TYPES[format])
    return StrictJSONResponse(out)


def trajectory_plot(out: dict[str, Any], fmt: PlotFormat) -> bytes:
    """The paths over filled contours of the objective (log-spaced levels where f ≥ 0)."""
    obj, hp = objs.resolve_objective(
        {"name": out["objective"]["name"], "params": out["objective"]["params"]}
    )
    xmin, xmax, ymin, ymax = obj.bounds
    pts = [r["path"][np.isfinite(r["path"]).all(axis=1)] for r in out["runs"]]
    allp = np.concatenate([p for p in pts if p.size] or [np.zeros((0, 2))])
    if allp.size:  # widen the window to show the paths, within reason
        span = max(xmax - xmin, ymax - ymin)
        lo = np.maximum(allp.min(axis=0), [xmin - span, ymin - span])
        hi = np.minimum(allp.max(axis=0), [xmax + span, ymax + span])
        xmin, ymin = min(xmin, lo[0]), min(ymin, lo[1])
        xmax, ymax = max(xmax, hi[0]), max(ymax, hi[1])
    xs = np.linspace(xmin, xmax, 240)
    ys = np.linspace(ymin, ymax, 240)
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        z = np.asarray(obj.f(gx, gy, hp), dtype=np.float64)
        if obj.log_contours:
            z = np.log10(z - np.nanmin(z) + 1e-3)
    fig = new_figure(7.0, 6.0)
    ax = fig.add_subplot()
    cs = ax.contourf(gx, gy, z, levels=30, cmap="viridis", alpha=0.85)
    ax.contour(gx, gy, z, levels=30, colors="k", linewidths=0.3, alpha=0.4)
    fig.colorbar(cs, ax=ax, label="log10(f − min f)" if obj.log_contours else "f")
    for run, p in zip(out["runs"], pts, strict=True):
        if p.size:
            ax.plot(p[:, 0], p[:, 1], "-", linewidth=1.5, label=run["label"])
            ax.plot(p[-1, 0], p[-1, 1], "o", markersize=5, color=ax.lines[-1].get_color())
    start = out["start"]
    ax.plot(start[0], start[1], "ks", markersize=6, label="start")
    minima = np.asarray(out["objective"]["minima"]).reshape(-1, 2)
    if minima.size:
        ax.plot(minima[:, 0], minima[:, 1], "r*", markersize=12, label="minima")
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(f"{obj.name}: {out['steps']} steps")
    ax.legend(loc="best", fontsize=8)
    return figure_bytes(fig, fmt)


__all__ = ["router", "trajectory_plot"]
