"""Built-in 2-D objectives with known minima, and optimizer trajectories on them.

``run_trajectory(objective, start, steps, optimizers, tolerance, max_steps)`` runs each
optimizer from ``start`` for ``steps`` updates, using the same update rules as the step
endpoint (:mod:`service.compute.optimizers`), and reports per run the path (steps + 1
points), the loss and gradient norm at every point, the final point, the distance to the
nearest known minimum and the step at which it converged.

Convergence: ``converged_at`` is the first step k such that every point from k to the end
lies within ``tolerance`` (Euclidean distance) of a known minimum; null when the run ends
outside, or when the objective has no minimum (``saddle``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from service.compute.errors import InvalidInputError, LimitExceededError
from service.compute.optimizers.core import init_slots, resolve_hyperparams
from service.compute.optimizers.rules import OPTIMIZERS, Ctx, eps1_default
from service.compute.optimizers.transforms import clip_grads, resolve_clip, resolve_schedule
from service.compute.params import ParamSpec, resolve_params
from service.compute.registry import Registry

HP = Mapping[str, Any]
Fn = Callable[[np.ndarray, np.ndarray, HP], np.ndarray]
GradFn = Callable[[np.ndarray, np.ndarray, HP], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Objective:
    """f(x, y) with its gradient (vectorised over arrays), known minima and a plot window."""

    name: str
    formula: str
    f: Fn
    grad: GradFn
    minima: Callable[[HP], list[tuple[float, float]]]
    start: tuple[float, float]
    bounds: tuple[float, float, float, float]  # xmin, xmax, ymin, ymax
    description: str
    params: tuple[ParamSpec, ...] = ()
    aliases: tuple[str, ...] = ()
    log_contours: bool = True

    def value(self, p: np.ndarray, hp: HP) -> float:
        return float(self.f(p[..., 0], p[..., 1], hp))

    def gradient(self, p: np.ndarray, hp: HP) -> np.ndarray:
        gx, gy = self.grad(p[..., 0], p[..., 1], hp)
        return np.array([gx, gy], dtype=np.float64)

    def catalog(self) -> dict[str, Any]:
        defaults = {s.name: s.default for s in self.params}
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "formula": self.formula,
            "description": self.description,
            "params": [s.catalog() for s in self.params],
            "minima": [list(m) for m in self.minima(defaults)],
            "default_start": list(self.start),
            "bounds": list(self.bounds),
        }


def _rosen_f(x: np.ndarray, y: np.ndarray, hp: HP) -> np.ndarray:
    a, b = hp["a"], hp["b"]
    return cast(np.ndarray, (a - x) ** 2 + b * (y - x * x) ** 2)


def _rosen_g(x: np.ndarray, y: np.ndarray, hp: HP) -> tuple[np.ndarray, np.ndarray]:
    a, b = hp["a"], hp["b"]
    r = y - x * x
    return -2.0 * (a - x) - 4.0 * b * x * r, 2.0 * b * r


_BEALE_C = (1.5, 2.25, 2.625)


def _beale_f(x: np.ndarray, y: np.ndarray, hp: HP) -> np.ndarray:
    return cast(np.ndarray, sum((c - x + x * y ** (i + 1)) ** 2 for i, c in enumerate(_BEALE_C)))


def _beale_g(x: np.ndarray, y: np.ndarray, hp: HP) -> tuple[np.ndarray, np.ndarray]:
    gx: Any = 0.0
    gy: Any = 0.0
    for i, c in enumerate(_BEALE_C):
        k = i + 1
        r = c - x + x * y**k
        gx = gx + 2.0 * r * (y**k - 1.0)
        gy = gy + 2.0 * r * (k * x * y ** (k - 1))
    return gx, gy


def _himmel_f(x: np.ndarray, y: np.ndarray, hp: HP) -> np.ndarray:
    return cast(np.ndarray, (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2)


def _himmel_g(x: np.ndarray, y: np.ndarray, hp: HP) -> tuple[np.ndarray, np.ndarray]:
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b


def _himmel_minima() -> list[tuple[float, float]]:
    """The four minima, refined by Newton's method from their 6-digit values."""
    out = []
    for x, y in ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)):
        p = np.array([x, y])
        for _ in range(20):
            gx, gy = _himmel_g(p[0], p[1], {})
            h = np.array(
                [
                    [12 * p[0] ** 2 + 4 * p[1] - 42, 4 * (p[0] + p[1])],
                    [4 * (p[0] + p[1]), 12 * p[1] ** 2 + 4 * p[0] - 26],
                ]
            )
            p = p - np.linalg.solve(h, np.array([gx, gy]))
        out.append((float(p[0]), float(p[1])))
    return out


_HIMMELBLAU_MINIMA = _himmel_minima()


def _rastrigin_f(x: np.ndarray, y: np.ndarray, hp: HP) -> np.ndarray:
    a = hp["A"]
    two_pi = 2.0 * math.pi
    return cast(
        np.ndarray, 2 * a + (x * x - a * np.cos(two_pi * x)) + (y * y - a * np.cos(two_pi * y))
    )


def _rastrigin_g(x: np.ndarray, y: np.ndarray, hp: HP) -> tuple[np.ndarray, np.ndarray]:
    a = hp["A"]
    two_pi = 2.0 * math.pi
    return (2.0 * x + two_pi * a * np.sin(two_pi * x), 2.0 * y + two_pi * a * np.sin(two_pi * y))


OBJECTIVES: Registry[Objective] = Registry("objective")
for _obj in (
    Objective(
        name="rosenbrock",
        formula=r"f(x, y) = (a - x)^2 + b\,(y - x^2)^2",
        f=_rosen_f,
        grad=_rosen_g,
        minima=lambda hp: [(hp["a"], hp["a"] ** 2)],
        start=(-1.5, 2.0),
        bounds=(-2.0, 2.0, -1.0, 3.0),
        description="A curved, narrow valley: easy to find, slow to follow.",
        params=(
            ParamSpec("a", 1.0, "position of the minimum (a, a²)"),
            ParamSpec(
                "b", 100.0, "steepness of the valley walls", minimum=0.0, exclusive_minimum=True
            ),
        ),
    ),
    Objective(
        name="beale",
        formula=r"f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
        f=_beale_f,
        grad=_beale_g,
        minima=lambda hp: [(3.0, 0.5)],
        start=(1.0, 1.5),
        bounds=(-4.5, 4.5, -4.5, 4.5),
        description="Flat plateaus and sharp ridges; minimum at (3, 0.5).",
    ),
    Objective(
        name="himmelblau",
        formula=r"f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        f=_himmel_f,
        grad=_himmel_g,
        minima=lambda hp: list(_HIMMELBLAU_MINIMA),
        start=(0.0, 0.0),
        bounds=(-5.0, 5.0, -5.0, 5.0),
        description="Four global minima (f = 0): which one is reached depends on the path.",
    ),
    Objective(
        name="saddle",
        formula=r"f = x^2 - y^2",
        f=lambda x, y, hp: x * x - y * y,
        grad=lambda x, y, hp: (2.0 * x, -2.0 * y),
        minima=lambda hp: [],
        start=(1.0, 1e-3),
        bounds=(-2.0, 2.0, -2.0, 2.0),
        description="A saddle at the origin and no minimum (unbounded below along y): "
        "measures how fast an optimizer escapes.",
        log_contours=False,
    ),
    Objective(
        name="quadratic",
        formula=r"f = \tfrac12 (x^2 + \kappa\, y^2)",
        f=lambda x, y, hp: 0.5 * (x * x + hp["kappa"] * y * y),
        grad=lambda x, y, hp: (x, hp["kappa"] * y),
        minima=lambda hp: [(0.0, 0.0)],
        start=(-1.5, 1.0),
        bounds=(-2.0, 2.0, -2.0, 2.0),
        description="An elongated parabola with condition number κ.",
        params=(
            ParamSpec(
                "kappa",
                10.0,
                "condition number κ (curvature ratio)",
                minimum=1.0,
                aliases=("condition_number",),
            ),
        ),
        aliases=("parabola",),
    ),
    Objective(
        name="rastrigin",
        formula=r"f = 2A + \sum_{i} \left(x_i^2 - A\cos 2\pi x_i\right)",
        f=_rastrigin_f,
        grad=_rastrigin_g,
        minima=lambda hp: [(0.0, 0.0)],
        start=(2.2, -1.8),
        bounds=(-5.12, 5.12, -5.12, 5.12),
        description="Many local minima on a parabola; the global minimum is the origin.",
        params=(ParamSpec("A", 10.0, "amplitude of the cosine ripples", minimum=0.0),),
        log_contours=False,
    ),
    Objective(
        name="booth",
        formula=r"f = (x + 2y - 7)^2 + (2x + y - 5)^2",
        f=lambda x, y, hp: (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
        grad=lambda x, y, hp: (
            2 * (x + 2 * y - 7) + 4 * (2 * x + y - 5),
            4 * (x + 2 * y - 7) + 2 * (2 * x + y - 5),
        ),
        minima=lambda hp: [(1.0, 3.0)],
        start=(-5.0, -5.0),
        bounds=(-10.0, 10.0, -10.0, 10.0),
        description="A plain convex quadratic with minimum (1, 3).",
    ),
):
    OBJECTIVES.register(_obj)


def resolve_objective(
    spec: Any, loc: tuple[str | int, ...] = ("objective",)
) -> tuple[Objective, dict[str, Any]]:
    """``"name"`` or ``{"name": ..., "params": {...}}``."""
    if isinstance(spec, str):
        name, given = spec, None
    elif isinstance(spec, Mapping):
        if "name" not in spec or not isinstance(spec["name"], str):
            raise InvalidInputError("expected 'name', an objective name", (*loc, "name"))
        extra = set(spec) - {"name", "params"}
        if extra:
            key = sorted(extra)[0]
            raise InvalidInputError(
                f"unexpected key {key!r}; expected 'name' and 'params'", (*loc, key)
            )
        name, given = spec["name"], spec.get("params")
        if given is not None and not isinstance(given, Mapping):
            raise InvalidInputError("expected an object of parameters", (*loc, "params"))
    else:
        raise InvalidInputError(
            f"expected an objective name or {{'name', 'params'}}, got {type(spec).__name__}", loc
        )
    obj = OBJECTIVES.get(name, (*loc, "name") if isinstance(spec, Mapping) else loc)
    hp = resolve_params(obj.params, given, (*loc, "params"))
    return obj, hp


def _point(value: Any, loc: tuple[str | int, ...]) -> np.ndarray:
    if isinstance(value, np.ndarray):
        arr = value.astype(np.float64)
    else:
        ok = isinstance(value, list | tuple) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value
        )
        if not ok:
            raise InvalidInputError(f"expected [x, y], two numbers, got {value!r}", loc)
        arr = np.asarray(value, dtype=np.float64)
    if arr.shape != (2,) or not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"expected [x, y], two finite numbers, got {value!r}", loc)
    return arr


def run_trajectory(
    objective: Any,
    start: Any = None,
    steps: int = 100,
    optimizers: Sequence[Mapping[str, Any]] = (),
    tolerance: float = 1e-6,
    *,
    max_steps: int = 100_000,
    max_steps_setting: str = "max_trajectory_steps",
    max_runs: int = 16,
    max_runs_setting: str = "max_trajectory_runs",
) -> dict[str, Any]:
    """Run every optimizer of ``optimizers`` (``{"name", "hyperparams"?, "label"?, "clip"?,
    "schedule"?}``) on ``objective`` from ``start`` (default: the objective's) for ``steps``.
    """
    obj, ohp = resolve_objective(objective)
    x0 = np.asarray(obj.start, dtype=np.float64) if start is None else _point(start, ("start",))
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise InvalidInputError(f"expected an integer ≥ 1, got {steps!r}", ("steps",))
    if steps > max_steps:
        raise LimitExceededError(
            f"steps {steps} exceeds the trajectory limit", max_steps_setting, max_steps, ("steps",)
        )
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | float)
        or not (tolerance >= 0 and math.isfinite(tolerance))
    ):
        raise InvalidInputError(f"expected a number ≥ 0, got {tolerance!r}", ("tolerance",))
    if not isinstance(optimizers, Sequence) or isinstance(optimizers, str) or not optimizers:
        raise InvalidInputError("expected a non-empty list of optimizers", ("optimizers",))
    if len(optimizers) > max_runs:
        raise LimitExceededError(
            f"{len(optimizers)} optimizers exceed the trajectory limit",
            max_runs_setting,
            max_runs,
            ("optimizers",),
        )
    prepared = [_prepare_run(spec, i) for i, spec in enumerate(optimizers)]
    minima = np.asarray(obj.minima(ohp), dtype=np.float64).reshape(-1, 2)
    runs = [_run(obj, ohp, x0, steps, float(tolerance), minima, *prep) for prep in prepared]
    info = obj.catalog()
    info["params"] = dict(ohp)
    info["minima"] = minima.tolist()
    return {
        "objective": info,
        "start": x0.tolist(),
        "steps": steps,
        "tolerance": float(tolerance),
        "runs": runs,
    }


def _prepare_run(spec: Any, i: int) -> tuple[Any, ...]:
    loc: tuple[str | int, ...] = ("optimizers", i)
    if not isinstance(spec, Mapping):
        raise InvalidInputError(
            f"expected an object {{'name', 'hyperparams', 'label'}}, got {type(spec).__name__}",
            loc,
        )
    for key in spec:
        if key not in ("name", "hyperparams", "label", "clip", "schedule"):
            raise InvalidInputError(
                f"unexpected key {key!r}; expected name, hyperparams, label, clip, schedule",
                (*loc, key),
            )
    name = spec.get("name")
    if not isinstance(name, str):
        raise InvalidInputError("expected an optimizer name", (*loc, "name"))
    opt = OPTIMIZERS.get(name, (*loc, "name"))
    hp = _relocate(lambda: resolve_hyperparams(opt, spec.get("hyperparams")), loc)
    clip = _relocate(lambda: resolve_clip(spec.get("clip")), loc)
    sched = _relocate(lambda: resolve_schedule(spec.get("schedule"), float(hp["lr"])), loc)
    label = spec.get("label")
    if label is not None and not isinstance(label, str):
        raise InvalidInputError("expected a string label", (*loc, "label"))
    return opt, hp, clip, sched, label


def _relocate(fn: Callable[[], Any], loc: tuple[str | int, ...]) -> Any:
    try:
        return fn()
    except InvalidInputError as e:
        e.loc = (*loc, *e.loc)
        raise


def _run(
    obj: Objective,
    ohp: HP,
    x0: np.ndarray,
    steps: int,
    tol: float,
    minima: np.ndarray,
    opt: Any,
    hp: HP,
    clip: Any,
    sched: Any,
    label: str | None,
) -> dict[str, Any]:
    path = np.empty((steps + 1, 2), dtype=np.float64)
    grads = np.empty((steps + 1, 2), dtype=np.float64)
    p = x0.copy()
    slots = init_slots(opt, p, hp, sched(1))
    eps1 = eps1_default(p.dtype)
    maximize = bool(hp.get("maximize"))
    with np.errstate(all="ignore"):
        path[0] = p
        g = obj.gradient(p, ohp)
        grads[0] = g
        for t in range(1, steps + 1):
            if clip is not None:
                (g,), _ = clip_grads([g], clip)
            if maximize:
                g = -g
            new_p, new_slots = opt.update(p, g, slots, Ctx(t, sched(t), hp, eps1))
            for k, v in slots.items():
                new_slots.setdefault(k, v)
            p = np.asarray(new_p, dtype=np.float64)
            slots = new_slots
            path[t] = p
            g = obj.gradient(p, ohp)
            grads[t] = g
        loss = obj.f(path[:, 0], path[:, 1], ohp)
        grad_norm = np.hypot(grads[:, 0], grads[:, 1])
    final = path[-1]
    if len(minima):
        with np.errstate(all="ignore"):
            d_all = np.hypot(
                path[:, None, 0] - minima[None, :, 0], path[:, None, 1] - minima[None, :, 1]
            )
        dists = d_all.min(axis=1)
        nearest = int(np.argmin(d_all[-1])) if np.isfinite(d_all[-1]).any() else 0
        distance: float | None = float(dists[-1])
        inside = dists <= tol
        if inside[-1]:
            outside = np.flatnonzero(~inside)
            converged_at: int | None = int(outside[-1] + 1) if outside.size else 0
        else:
            converged_at = None
        nearest_min: list[float] | None = minima[nearest].tolist()
    else:
        distance, converged_at, nearest_min = None, None, None
    return {
        "name": opt.name,
        "label": label if label is not None else opt.name,
        "hyperparams": {k: list(v) if isinstance(v, tuple) else v for k, v in hp.items()},
        "path": path,
        "loss": np.asarray(loss, dtype=np.float64),
        "grad_norm": grad_norm,
        "final": final.tolist(),
        "final_loss": float(loss[-1]),
        "nearest_minimum": nearest_min,
        "distance_to_minimum": distance,
        "converged_at": converged_at,
    }


__all__ = ["OBJECTIVES", "Objective", "resolve_objective", "run_trajectory"]
