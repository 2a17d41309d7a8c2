"""Stateless optimizers matching ``torch.optim`` (plus optax's Lion and LAMB).

Public interface::

    step(name, params, grads, state=None, hyperparams=None, *, clip=None,
         regularization=None, schedule=None, convention="torch", variant=None)
        -> StepResult(params, state, stats)
    OPTIMIZERS            registry of :class:`Optimizer` entries (catalog, names)
    catalog_entry(opt)    JSON-ready catalog entry
    SCHEDULES             learning-rate schedules by name

See :mod:`.core` for the state layout and the order of the transforms, :mod:`.rules` for
each optimizer's update and its differences from Keras and optax.
"""

from service.compute.optimizers.core import (
    CHUNK,
    StepResult,
    apply,
    base_lr,
    catalog_entry,
    init_slots,
    resolve_hyperparams,
    step,
    step_resolved,
    step_rows,
    step_with,
    under_convention,
)
from service.compute.optimizers.rules import (
    OPTIMIZERS,
    ConvergenceSpec,
    Ctx,
    KerasForm,
    Optimizer,
    OptimizerVariant,
)
from service.compute.optimizers.transforms import (
    CLIP_NORM_EPS,
    SCHEDULES,
    Clip,
    Schedule,
    clip_grads,
    resolve_clip,
    resolve_schedule,
)

__all__ = [
    "CHUNK",
    "CLIP_NORM_EPS",
    "OPTIMIZERS",
    "SCHEDULES",
    "Clip",
    "ConvergenceSpec",
    "Ctx",
    "KerasForm",
    "Optimizer",
    "OptimizerVariant",
    "Schedule",
    "StepResult",
    "apply",
    "base_lr",
    "catalog_entry",
    "clip_grads",
    "init_slots",
    "resolve_clip",
    "resolve_hyperparams",
    "resolve_schedule",
    "step",
    "step_resolved",
    "step_rows",
    "step_with",
    "under_convention",
]
