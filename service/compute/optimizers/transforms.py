"""Gradient transforms shared by every optimizer: regularization, clipping, schedules.

They run before the optimizer's own rule, in this order (as a training loop with a
penalised loss, ``clip_grad_*_`` and ``scheduler.step()`` would):

1. regularization — the gradient of ``l1·Σ|w| + l2·Σw²`` is added to the gradient;
2. clipping — ``value`` (``torch.nn.utils.clip_grad_value_``), ``norm`` (``clip_grad_norm_``
   applied to each tensor on its own) or ``global_norm`` (``clip_grad_norm_`` over all
   tensors together);
3. the learning rate for the step comes from the schedule.

All functions are pure: they return new arrays.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec, resolve_params

# torch.nn.utils.clip_grad_norm_ adds this to the total norm in the divisor.
CLIP_NORM_EPS = 1e-6


# ---------------------------------------------------------------------------------------
# Regularization


def resolve_regularization(reg: Mapping[str, Any] | None) -> tuple[float, float]:
    """Validate ``{"l1": a, "l2": b}`` (both optional, ≥ 0)."""
    if reg is None:
        return 0.0, 0.0
    if not isinstance(reg, Mapping):
        raise InvalidInputError(
            f"expected an object {{'l1': a, 'l2': b}} or null, got {type(reg).__name__}",
            ("regularization",),
        )
    specs = (
        ParamSpec("l1", 0.0, "L1 strength a: penalty a·Σ|w|, gradient a·sign(w)", minimum=0.0),
        ParamSpec("l2", 0.0, "L2 strength b: penalty b·Σw², gradient 2b·w", minimum=0.0),
    )
    out = resolve_params(specs, reg, ("regularization",))
    return float(out["l1"]), float(out["l2"])


def regularization_grad(p: np.ndarray, l1: float, l2: float) -> np.ndarray | None:
    """Gradient of the penalty ``l1·Σ|w| + l2·Σw²``: ``l1·sign(w) + 2·l2·w``.

    This is Keras's ``regularizers.L1L2`` (no ½ on the L2 term, sign(0) = 0). It is not
    torch's ``weight_decay`` (which adds ``wd·w``, i.e. the gradient of ``½·wd·Σw²``).
    """
    if l1 == 0.0 and l2 == 0.0:
        return None
    out = np.zeros_like(p)
    if l1 != 0.0:
        out += l1 * np.sign(p)
    if l2 != 0.0:
        out += (2.0 * l2) * p
    return out


def penalty_value(ps: Sequence[np.ndarray], l1: float, l2: float) -> float:
    total = 0.0
    for p in ps:
        if l1:
            total += l1 * float(np.sum(np.abs(p), dtype=np.float64))
        if l2:
            total += l2 * float(np.sum(np.square(p, dtype=np.float64)))
    return total


# ---------------------------------------------------------------------------------------
# Clipping


@dataclass(frozen=True)
class Clip:
    kind: str  # "value" | "norm" | "global_norm"
    threshold: float


CLIP_KINDS = ("value", "norm", "global_norm")
# what clipping adds to one trajectory step's work (units of an optimizer's step_cost)
CLIP_STEP_COST = 2


def resolve_clip(clip: Mapping[str, Any] | None) -> Clip | None:
    """Validate ``{"value": c} | {"norm": c} | {"global_norm": c} | null`` (c ≥ 0, one key)."""
    if clip is None:
        return None
    loc = ("clip",)
    if not isinstance(clip, Mapping):
        raise InvalidInputError(
            f"expected an object with one of {', '.join(CLIP_KINDS)}, or null, "
            f"got {type(clip).__name__}",
            loc,
        )
    keys = list(clip)
    for key in keys:
        if key not in CLIP_KINDS:
            raise InvalidInputError(
                f"unknown clipping {key!r}; expected one of {', '.join(CLIP_KINDS)}",
                (*loc, key),
            )
    if len(keys) != 1:
        raise InvalidInputError(
            f"expected exactly one of {', '.join(CLIP_KINDS)}, got {len(keys)}", loc
        )
    kind = keys[0]
    spec = ParamSpec(kind, None, "clipping threshold", minimum=0.0)
    value = spec.check(clip[kind], (*loc, kind))
    if math.isinf(value):
        raise InvalidInputError(f"expected a finite number ≥ 0, got {clip[kind]!r}", (*loc, kind))
    return Clip(kind, float(value))


_NORM_CHUNK = 1 << 13


def l2_norm(a: np.ndarray) -> float:
    """Euclidean norm of all elements, accumulated in float64 (chunk by chunk for float32)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return l2_norm_quiet(a)


def l2_norm_quiet(a: np.ndarray) -> float:
    """:func:`l2_norm` for a caller whose error state already ignores overflow and invalid
    operations (entering one costs as much as a small norm)."""
    flat = a.reshape(-1)
    if flat.dtype == np.float64 and flat.size <= _NORM_CHUNK:
        # small: BLAS dot (matches torch's vector_norm to the last bit more often);
        # large: einsum chunks (OpenBLAS's threaded dot stalls on a busy machine)
        return math.sqrt(float(np.dot(flat, flat))) if flat.size else 0.0
    if flat.dtype == np.float64:
        total = 0.0
        for start in range(0, flat.size, _NORM_CHUNK):
            c = flat[start : start + _NORM_CHUNK]
            total += float(np.einsum("i,i->", c, c))
        return math.sqrt(total)
    total = 0.0
    for start in range(0, flat.size, _NORM_CHUNK):
        c = flat[start : start + _NORM_CHUNK].astype(np.float64)
        total += float(np.einsum("i,i->", c, c))
    return math.sqrt(total)


def global_norm(grads: Sequence[np.ndarray]) -> float:
    """‖(‖g₁‖, …, ‖gₙ‖)‖₂ — torch's norm of per-tensor norms (= √Σ g² up to rounding)."""
    norms = np.array([l2_norm(g) for g in grads], dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.linalg.norm(norms)) if norms.size else 0.0


_F32_MAX = float(np.finfo(np.float32).max)


def torch_norm(a: np.ndarray) -> float:
    """The norm torch's ``vector_norm`` returns for ``a`` in its own dtype.

    float64: the Euclidean norm (:func:`l2_norm`). float32: torch sums the squares in float32,
    so the norm is +inf as soon as Σ a² exceeds float32's maximum (3.4e38, i.e. a norm above
    ~1.8e19) even though the norm itself is representable; below that it is the norm rounded
    to float32 (a single element is |a|, never squared). This is what ``clip_grad_norm_``
    sees.
    """
    n = l2_norm(a)
    if a.dtype != np.float32 or not math.isfinite(n):
        return n
    if a.size == 1:  # torch reduces a single element to |a| without squaring it
        return float(np.float32(n))
    return math.inf if n * n > _F32_MAX else float(np.float32(n))


def torch_global_norm(grads: Sequence[np.ndarray]) -> float:
    """``clip_grad_norm_``'s total: the norm of the per-tensor norms, in the grads' dtype."""
    norms = np.array([torch_norm(g) for g in grads], dtype=np.float64)
    if not norms.size:
        return 0.0
    if grads[0].dtype == np.float32:
        return torch_norm(norms.astype(np.float32))
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.linalg.norm(norms))


def clip_grads(
    grads: list[np.ndarray], clip: Clip | None, convention: str = "torch"
) -> tuple[list[np.ndarray], bool]:
    """Apply ``clip``; return the new gradients and whether any gradient changed.

    * ``value`` c: ``clamp(g, −c, c)`` (``clip_grad_value_``);
    * ``norm`` c: per tensor, ``g·min(1, c/(‖g‖ + 1e-6))`` (``clip_grad_norm_`` on one tensor);
    * ``global_norm`` c: ``g·min(1, c/(N + 1e-6))`` with N the norm over all tensors
      (``clip_grad_norm_``; optax ``clip_by_global_norm`` has no 1e-6 and rescales to exactly
      c; Keras ``global_clipnorm`` neither). torch multiplies by the coefficient also when it
      is 1, which changes nothing; a non-finite norm gives NaN gradients, as in torch.

    The norms are torch's in the gradients' dtype (:func:`torch_norm`): float32 gradients
    whose squares sum beyond float32's range have an infinite norm, so the coefficient is
    c/inf = 0 and the gradients become 0 (NaN where a gradient is ±inf), exactly as torch's
    float32 ``clip_grad_norm_``; the true norm is still reported in the step's statistics.
    """
    if clip is None:
        return grads, False
    if convention == "keras":
        return _keras_clip(grads, clip)
    c = clip.threshold
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        if clip.kind == "value":
            out = [np.clip(g, -c, c) for g in grads]
            clipped = any(bool(np.any(np.abs(g) > c)) for g in grads)
            return out, clipped
        if clip.kind == "norm":
            out = []
            clipped = False
            for g in grads:
                raw = c / (torch_norm(g) + CLIP_NORM_EPS)
                if math.isnan(raw) or raw < 1.0:
                    out.append(g * raw)
                    clipped = True
                else:
                    out.append(g)
            return out, clipped
        total = torch_global_norm(grads)
        raw = c / (total + CLIP_NORM_EPS)
        if math.isnan(raw) or raw < 1.0:
            return [g * raw for g in grads], True
        return grads, False


def _keras_clip(grads: list[np.ndarray], clip: Clip) -> tuple[list[np.ndarray], bool]:
    """Keras 3's ``clipvalue``, ``clipnorm`` and ``global_clipnorm`` (``BaseOptimizer``).

    * ``value`` c: ``clip(g, −c, c)``;
    * ``norm`` c: per tensor ``g·c / max(‖g‖, c)`` (no 1e-6; a zero norm leaves g as it is);
    * ``global_norm`` c: ``g·c·min(1/N, 1/c) + (N − N)`` with N = √(Σ over all tensors Σg²)
      (the square root of the total, not torch's norm of norms; a non-finite N gives NaN).
    """
    c = clip.threshold
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        if clip.kind == "value":
            return [np.clip(g, -c, c) for g in grads], any(
                bool(np.any(np.abs(g) > c)) for g in grads
            )
        if clip.kind == "norm":
            out = []
            clipped = False
            for g in grads:
                n = l2_norm(g)
                out.append(g * c / max(n, c) if n > 0 else g)
                clipped = clipped or not n <= c
            return out, clipped
        total = math.sqrt(sum(l2_norm(g) ** 2 for g in grads))
        scale = c * min(1.0 / total if total else math.inf, 1.0 / c) + (total - total)
        return [g * scale for g in grads], not total <= c


# ---------------------------------------------------------------------------------------
# Learning-rate schedules


@dataclass(frozen=True)
class Schedule:
    """lr(t) for the t-th update (t = 1, 2, …); ``k = t − 1`` updates happened before.

    torch schedulers are stepped after ``optimizer.step()``, so update t uses the value
    at ``last_epoch = t − 1``; optax evaluates ``schedule(count)`` with count = t − 1. Both
    are the ``k`` used below.
    """

    name: str
    params: Mapping[str, Any]
    base_lr: float

    def __call__(self, t: int) -> float:
        k = t - 1
        p = self.params
        lr = self.base_lr
        if self.name == "constant":
            return lr
        if self.name == "step":
            return cast(float, lr * p["gamma"] ** (k // p["step_size"]))
        if self.name == "exponential":
            return cast(float, lr * p["gamma"] ** k)
        if self.name == "cosine":
            t_max = p["t_max"]
            eta_min = p["eta_min"]
            kk = min(k, t_max)
            return cast(
                float, eta_min + (lr - eta_min) * (1.0 + math.cos(math.pi * kk / t_max)) / 2.0
            )
        if self.name == "warmup_cosine":
            warm, total = p["warmup_steps"], p["decay_steps"]
            init, end = p["init_lr"], p["end_lr"]
            if k < warm:
                return cast(float, init + (lr - init) * (k / warm))
            kk = min(k - warm, total - warm)
            cosine = 0.5 * (1.0 + math.cos(math.pi * kk / (total - warm)))
            return cast(float, end + (lr - end) * cosine)
        raise AssertionError(self.name)  # pragma: no cover


@dataclass(frozen=True)
class ScheduleDef:
    name: str
    params: tuple[ParamSpec, ...]
    formula: str
    reference: str
    required: tuple[str, ...] = ()
    check: Callable[[Mapping[str, Any]], None] | None = None


def _check_warmup(p: Mapping[str, Any]) -> None:
    if p["decay_steps"] <= p["warmup_steps"]:
        raise InvalidInputError(
            f"expected decay_steps > warmup_steps ({p['warmup_steps']}), got {p['decay_steps']}",
            ("schedule", "decay_steps"),
        )


SCHEDULES: dict[str, ScheduleDef] = {
    s.name: s
    for s in (
        ScheduleDef(
            "constant", (), r"\eta_t = \eta", "torch ConstantLR(factor=1) / optax constant_schedule"
        ),
        ScheduleDef(
            "step",
            (
                ParamSpec(
                    "step_size", None, "decay every step_size updates", type="int", minimum=1
                ),
                ParamSpec("gamma", 0.1, "multiplicative factor", minimum=0.0),
            ),
            r"\eta_t = \eta\,\gamma^{\lfloor (t-1)/\mathrm{step\_size} \rfloor}",
            "torch StepLR (closed form)",
            required=("step_size",),
        ),
        ScheduleDef(
            "exponential",
            (ParamSpec("gamma", None, "multiplicative factor per update", minimum=0.0),),
            r"\eta_t = \eta\,\gamma^{t-1}",
            "torch ExponentialLR (closed form); optax exponential_decay(transition_steps=1)",
            required=("gamma",),
        ),
        ScheduleDef(
            "cosine",
            (
                ParamSpec(
                    "t_max",
                    None,
                    "updates from lr to eta_min",
                    type="int",
                    minimum=1,
                    aliases=("T_max", "decay_steps"),
                ),
                ParamSpec("eta_min", 0.0, "final learning rate", minimum=0.0),
            ),
            r"\eta_t = \eta_{min} + \tfrac12(\eta-\eta_{min})"
            r"\left(1+\cos\frac{\pi \min(t-1, T_{max})}{T_{max}}\right)",
            "torch CosineAnnealingLR closed form up to T_max, then held at eta_min as optax "
            "cosine_decay_schedule (torch would rise again)",
            required=("t_max",),
        ),
        ScheduleDef(
            "warmup_cosine",
            (
                ParamSpec("warmup_steps", None, "updates of linear warm-up", type="int", minimum=0),
                ParamSpec(
                    "decay_steps",
                    None,
                    "total updates, warm-up included (optax)",
                    type="int",
                    minimum=1,
                ),
                ParamSpec(
                    "init_lr",
                    0.0,
                    "learning rate at the first update",
                    minimum=0.0,
                    aliases=("init_value",),
                ),
                ParamSpec(
                    "end_lr",
                    0.0,
                    "learning rate after decay_steps",
                    minimum=0.0,
                    aliases=("end_value",),
                ),
            ),
            r"\eta_t = \eta_0 + (\eta-\eta_0)\frac{t-1}{W}\ (t-1<W);\ "
            r"\eta_{end} + \tfrac12(\eta-\eta_{end})\left(1+\cos\frac{\pi\min(t-1-W, D-W)}"
            r"{D-W}\right)",
            "optax warmup_cosine_decay_schedule(init_value, peak_value=lr, warmup_steps, "
            "decay_steps, end_value)",
            required=("warmup_steps", "decay_steps"),
            check=_check_warmup,
        ),
    )
}


def resolve_schedule(schedule: Mapping[str, Any] | None, base_lr: float) -> Schedule:
    """Validate ``{"name": ..., <params>}`` (null = constant)."""
    if schedule is None:
        return Schedule("constant", {}, base_lr)
    loc = ("schedule",)
    if not isinstance(schedule, Mapping):
        raise InvalidInputError(
            f"expected an object {{'name': ...}} or null, got {type(schedule).__name__}", loc
        )
    name = schedule.get("name")
    if name not in SCHEDULES:
        raise InvalidInputError(
            f"expected name one of {', '.join(SCHEDULES)}, got {name!r}", (*loc, "name")
        )
    sdef = SCHEDULES[name]
    given = {k: v for k, v in schedule.items() if k != "name"}
    params = resolve_params(sdef.params, given, loc)
    for req in sdef.required:
        if params[req] is None:
            raise InvalidInputError(
                f"required parameter {req!r} of schedule {name!r} is missing", (*loc, req)
            )
    if sdef.check:
        sdef.check(params)
    return Schedule(name, params, base_lr)
