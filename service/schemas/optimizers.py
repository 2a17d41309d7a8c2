"""Request/response envelopes of the optimizer endpoints (step, catalog, trajectory)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, Field, WithJsonSchema

from service.compute import optimizers as optim
from service.schemas.catalog import ObjectiveEntry, OptimizerEntry, ScheduleEntry
from service.schemas.common import (
    DTYPE_FIELD,
    ENCODING_FIELD,
    DType,
    Encoding,
    NumberOut,
    StrictModel,
    TensorTree,
    ref,
)

StateIn = Annotated[dict[str, Any], WithJsonSchema(ref("OptimizerState"))]
"""A state sent back by the client: parsed JSON here, checked by the optimizer machinery."""


class StepRequest(StrictModel):
    params: TensorTree = Field(
        description="Parameters: one tensor or a (nested) mapping of named tensors. The "
        "response's tensors take the form of the first of them."
    )
    grads: TensorTree = Field(
        description="Gradients dL/dparams with the same structure and shapes as `params`."
    )
    state: StateIn | None = Field(
        None,
        description="The state returned by the previous step, sent back unchanged (the server "
        "keeps none); null or absent starts a fresh optimizer. A state that does not fit "
        "(another optimizer, other names or shapes, a negative step) is a 422.",
    )
    hyperparams: dict[str, Any] = Field(
        default_factory=dict,
        description="Hyperparameters by torch name (lr, betas, eps, weight_decay, ...) or "
        "Keras/optax alias (learning_rate, beta_1/b1, beta_2/b2, epsilon, rho for RMSprop); "
        "defaults and ranges in GET /v1/optimizers/{name}.",
    )
    clip: dict[str, Any] | None = Field(
        None,
        description='Gradient clipping, one of {"value": c} (clip_grad_value_), {"norm": c} '
        '(clip_grad_norm_ per tensor) or {"global_norm": c} (clip_grad_norm_ over all '
        "tensors: scale c/(norm + 1e-6) when below 1).",
    )
    regularization: dict[str, Any] | None = Field(
        None,
        description='{"l1": a, "l2": b}: the gradient of a·Σ|w| + b·Σw² (a·sign(w) + 2b·w) is '
        "added to the gradient before clipping and the update.",
    )
    schedule: dict[str, Any] | None = Field(
        None,
        description='Learning rate as a function of the step: {"name": "constant" | "step" '
        '(step_size, gamma) | "exponential" (gamma) | "cosine" (t_max, eta_min) | '
        '"warmup_cosine" (warmup_steps, decay_steps, init_lr, end_lr)}; lr is the base/peak.',
    )
    convention: Literal["torch", "keras"] = Field(
        "torch",
        description="Formula convention. torch (default): torch.optim's formulas, names and "
        "defaults. keras: Keras 3's optimizer of that name (sgd, adam, adamw, adamax, nadam, "
        "adagrad, adadelta, rmsprop, lion, lamb, adafactor) with Keras's formulas (ε "
        "placement, Nadam's schedule, lr inside SGD's momentum), hyperparameters in Keras "
        "spelling and defaults (learning_rate, beta_1, beta_2, epsilon, rho, momentum, "
        "nesterov, centered, amsgrad, initial_accumulator_value, weight_decay; lr and eps "
        "accepted), Keras's state slot names, weight decay always decoupled and applied "
        "before the update, and Keras's clipping (clipnorm, global_clipnorm, clipvalue); "
        "optimizers Keras lacks (radam, rprop, asgd) are a 422. GET /v1/optimizers/{name} → "
        "conventions.keras lists what changes.",
    )
    dtype: DType | None = DTYPE_FIELD
    encoding: Encoding | None = ENCODING_FIELD


class StepStats(BaseModel):
    step: int = Field(description="The step counter after this update (1 for the first).")
    lr: NumberOut = Field(description="Learning rate used (after the schedule).")
    grad_norm: NumberOut = Field(description="Global L2 norm of the gradient before clipping.")
    clipped: bool = Field(description="Whether clipping changed the gradient.")
    clipped_grad_norm: NumberOut = Field(description="Global L2 norm after clipping.")
    update_norm: NumberOut = Field(description="Global L2 norm of new params − old params.")
    penalty: NumberOut | None = Field(None, description="a·Σ|w| + b·Σw² at the old params.")


class OptimizerState(BaseModel):
    """An optimizer's state between steps: send it back unchanged with the next step."""

    optimizer: str = Field(description="Canonical name of the optimizer that made the state.")
    step: int = Field(ge=0, description="Updates done so far.")
    slots: dict[str, TensorTree] = Field(
        description="Named slots (exp_avg, momentum_buffer, ...; see GET /v1/optimizers/{name}), "
        "each a tensor tree shaped like params."
    )


class StepResponse(BaseModel):
    params: TensorTree = Field(description="Updated parameters, same structure as sent.")
    state: OptimizerState = Field(description="Send it back with the next step.")
    stats: StepStats


class OptimizerCatalog(BaseModel):
    optimizers: list[OptimizerEntry] = Field(description="One entry per optimizer.")
    schedules: list[ScheduleEntry] = Field(description="Learning-rate schedules.")
    clipping: dict[str, str] = Field(description="Clipping modes and their definitions.")
    regularization: dict[str, str] = Field(description="Penalties added to the gradient.")
    objectives: list[ObjectiveEntry] = Field(description="Objectives of the trajectory endpoint.")


class ObjectiveSpec(StrictModel):
    name: str = Field(
        description="Objective name: rosenbrock, beale, himmelblau, saddle, "
        "quadratic, rastrigin, booth."
    )
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Objective parameters, e.g. {'kappa': 100} for quadratic, {'a', 'b'} for "
        "rosenbrock, {'A'} for rastrigin.",
    )


class TrajectoryRun(StrictModel):
    name: str = Field(description="Optimizer name or alias.")
    hyperparams: dict[str, Any] = Field(
        default_factory=dict, description="Hyperparameters as for the step endpoint."
    )
    label: str | None = Field(None, description="Legend label (default: the name).")
    clip: dict[str, Any] | None = Field(None, description="Clipping as for the step endpoint.")
    schedule: dict[str, Any] | None = Field(
        None, description="Learning-rate schedule as for the step endpoint."
    )


class TrajectoryRequest(StrictModel):
    objective: str | ObjectiveSpec = Field(
        description='An objective name, or {"name", "params"}; see GET /v1/optimizers.'
    )
    start: list[float] | None = Field(
        None, description="Start point [x, y] (default: the objective's usual start)."
    )
    steps: int = Field(
        100, ge=1, description="Updates per optimizer (bounded by GRADSERVE_MAX_TRAJECTORY_STEPS)."
    )
    optimizers: list[TrajectoryRun] = Field(
        description="Optimizers to run from the same start, in order (at most "
        "GRADSERVE_MAX_TRAJECTORY_RUNS)."
    )
    tolerance: float = Field(
        1e-6,
        ge=0,
        description="converged_at is the first step from which every point stays within this "
        "distance of a known minimum.",
    )
    every: int = Field(
        1, ge=1, description="Return every k-th point of each path (the last one always)."
    )
    max_points: int | None = Field(
        1000,
        ge=2,
        description="At most this many points per run: the stride grows (in multiples of "
        "`every`) until they fit; the last point is always kept. null: every point (bounded by "
        "GRADSERVE_MAX_RESPONSE_BYTES).",
    )


class RunOut(BaseModel):
    name: str
    label: str
    hyperparams: dict[str, Any]
    path: list[list[Any]] = Field(
        description="Points [x, y] at the steps listed in `indices` (the start first, the last "
        "step last)."
    )
    loss: list[Any] = Field(description="f at every returned point of the path.")
    grad_norm: list[Any] = Field(description="‖∇f‖ at every returned point of the path.")
    final: list[Any]
    final_loss: NumberOut
    nearest_minimum: list[float] | None
    distance_to_minimum: NumberOut | None
    converged_at: int | None


class TrajectoryResponse(BaseModel):
    objective: dict[str, Any] = Field(description="The objective, its params and minima.")
    start: list[float]
    steps: int
    tolerance: float
    stride: int = Field(description="Steps between returned points (the last may be closer).")
    steps_returned: int = Field(description="Points returned per run (len(indices)).")
    indices: list[int] = Field(description="The step of each returned point, 0 to steps.")
    runs: list[RunOut]


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
            "every": 10,
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
