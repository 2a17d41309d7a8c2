"""Built-in 2-D objectives with known minima, and optimizer trajectories on them.

``run_trajectory(objective, start, steps, optimizers, tolerance, ...)`` runs each
optimizer from ``start`` for ``steps`` updates, using the same update rules as the step
endpoint (:mod:`service.compute.optimizers`), and reports per run the path, the loss and
the gradient norm (at every ``every``-th step, at most ``max_points`` points, the last one
always), the final point, the distance to the nearest known minimum and the step at which
it converged.

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
from service.compute.optimizers.transforms import (
    CLIP_STEP_COST,
    clip_grads,
    resolve_clip,
    resolve_schedule,
)
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


DEFAULT_MAX_POINTS = 1000


def sample_indices(
    steps: int, every: int = 1, max_points: int = DEFAULT_MAX_POINTS
) -> tuple[np.ndarray, int]:
    """The step indices of the points returned for a run of ``steps`` updates, and the
    stride between them.

    Every ``every``-th point from the start (0, every, 2·every, …), thinned further by a
    multiple of ``every`` when that would exceed ``max_points``; the last point (``steps``)
    is always kept."""
    stride = every
    if max_points >= 2 and steps // stride + 1 + (steps % stride != 0) > max_points:
        stride = every * max(1, -(-steps // (every * (max_points - 1))))
        while steps // stride + 1 + (steps % stride != 0) > max_points:
            stride += every
    idx = np.arange(0, steps + 1, stride)
    if idx[-1] != steps:
        idx = np.append(idx, steps)
    return idx, stride


@dataclass(frozen=True)
class TrajectoryLimits:
    """Bounds of one trajectory request, each named by its settings field.
    ``max_response_bytes`` bounds the JSON answer's estimate; None when the answer is not
    that JSON (a plot, which draws a bounded number of points whatever it is given)."""

    max_steps: int = 100_000
    max_runs: int = 16
    max_work: int = 200_000
    max_response_bytes: int | None = 64 * 1024 * 1024


# response bytes per returned point of a run (path x, y; loss; grad_norm: 4 JSON numbers of
# at most 25 bytes) and per run (its fixed fields)
BYTES_PER_POINT = 4 * 25
BYTES_PER_RUN = 1024


def run_trajectory(
    objective: Any,
    start: Any = None,
    steps: int = 100,
    optimizers: Sequence[Mapping[str, Any]] = (),
    tolerance: float = 1e-6,
    *,
    every: int = 1,
    max_points: int | None = None,
    limits: TrajectoryLimits = TrajectoryLimits(),
) -> dict[str, Any]:
    """Run every optimizer of ``optimizers`` (``{"name", "hyperparams"?, "label"?, "clip"?,
    "schedule"?}``) on ``objective`` from ``start`` (default: the objective's) for ``steps``.

    Cost: runs of the same elementwise rule with a constant learning rate and no clipping
    advance in lockstep as one ``(runs, 2)`` array (lr a column), so the work is ``steps ×``
    the groups' step costs (the optimizer's ``step_cost``, + ``CLIP_STEP_COST`` with
    clipping), bounded by ``limits.max_work`` before anything runs. The path, loss and
    gradient norm are returned at :func:`sample_indices` (``every``, ``max_points``);
    ``final``, ``converged_at`` and the distances use every step.
    """
    obj, ohp = resolve_objective(objective)
    x0 = np.asarray(obj.start, dtype=np.float64) if start is None else _point(start, ("start",))
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise InvalidInputError(f"expected an integer ≥ 1, got {steps!r}", ("steps",))
    if steps > limits.max_steps:
        raise LimitExceededError(
            f"steps {steps} exceeds the trajectory limit",
            "max_trajectory_steps",
            limits.max_steps,
            ("steps",),
        )
    if isinstance(every, bool) or not isinstance(every, int) or every < 1:
        raise InvalidInputError(f"expected an integer ≥ 1, got {every!r}", ("every",))
    if max_points is not None and (
        isinstance(max_points, bool) or not isinstance(max_points, int) or max_points < 2
    ):
        raise InvalidInputError(f"expected an integer ≥ 2, got {max_points!r}", ("max_points",))
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | float)
        or not (tolerance >= 0 and math.isfinite(tolerance))
    ):
        raise InvalidInputError(f"expected a number ≥ 0, got {tolerance!r}", ("tolerance",))
    if not isinstance(optimizers, Sequence) or isinstance(optimizers, str) or not optimizers:
        raise InvalidInputError("expected a non-empty list of optimizers", ("optimizers",))
    if len(optimizers) > limits.max_runs:
        raise LimitExceededError(
            f"{len(optimizers)} optimizers exceed the trajectory limit",
            "max_trajectory_runs",
            limits.max_runs,
            ("optimizers",),
        )
    prepared = [_prepare_run(spec, i) for i, spec in enumerate(optimizers)]
    groups = _groups(prepared)
    per_step = sum(_step_cost(prepared[members[0]]) for members in groups)
    work = steps * per_step
    if work > limits.max_work:
        raise LimitExceededError(
            f"{steps} steps × {per_step} work units per step = {work} exceed the trajectory "
            "work limit (each separately stepped run costs its optimizer's step_cost per step, "
            f"+{CLIP_STEP_COST} with clipping; runs of one elementwise optimizer with a "
            "constant lr and no clipping step together and count once)",
            "max_trajectory_work",
            limits.max_work,
            ("steps",),
        )
    idx, stride = sample_indices(steps, every, steps + 1 if max_points is None else max_points)
    est = len(prepared) * (BYTES_PER_RUN + BYTES_PER_POINT * len(idx))
    if limits.max_response_bytes is not None and est > limits.max_response_bytes:
        raise LimitExceededError(
            f"the response would take about {est} bytes ({len(prepared)} runs × {len(idx)} "
            "points); ask fewer points with max_points or every",
            "max_response_bytes",
            limits.max_response_bytes,
            ("max_points",),
        )
    minima = np.asarray(obj.minima(ohp), dtype=np.float64).reshape(-1, 2)
    paths: list[np.ndarray] = [np.empty(0)] * len(prepared)
    grads: list[np.ndarray] = [np.empty(0)] * len(prepared)
    for members in groups:
        gpath, ggrad = _simulate(obj, ohp, x0, steps, [prepared[i] for i in members])
        for j, i in enumerate(members):
            paths[i], grads[i] = gpath[j], ggrad[j]
    runs = [
        _report(obj, ohp, paths[i], grads[i], float(tolerance), minima, prep, idx)
        for i, prep in enumerate(prepared)
    ]
    info = obj.catalog()
    info["params"] = dict(ohp)
    info["minima"] = minima.tolist()
    return {
        "objective": info,
        "start": x0.tolist(),
        "steps": steps,
        "tolerance": float(tolerance),
        "stride": stride,
        "steps_returned": len(idx),
        "indices": idx,
        "runs": runs,
    }


@dataclass(frozen=True)
class _Run:
    opt: Any
    hp: HP
    clip: Any
    sched: Any
    label: str | None


def _prepare_run(spec: Any, i: int) -> _Run:
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
    return _Run(opt, hp, clip, sched, label)


def _step_cost(run: _Run) -> int:
    """Work units of one step of ``run`` (and of its lockstep group)."""
    return int(run.opt.step_cost) + (CLIP_STEP_COST if run.clip is not None else 0)


def _relocate(fn: Callable[[], Any], loc: tuple[str | int, ...]) -> Any:
    try:
        return fn()
    except InvalidInputError as e:
        e.loc = (*loc, *e.loc)
        raise


def _lockstep_key(run: _Run) -> tuple[Any, ...] | None:
    """Runs with equal keys can advance together as rows of one array: an elementwise rule
    (no reduction over the parameter), the same hyperparameters but lr, a constant lr and no
    clipping (which would take norms over all rows). None: the run goes alone."""
    if not run.opt.elementwise or run.clip is not None or run.sched.name != "constant":
        return None
    return (run.opt.name, tuple(sorted((k, repr(v)) for k, v in run.hp.items() if k != "lr")))


def _groups(runs: Sequence[_Run]) -> list[list[int]]:
    """Indices of the runs, grouped into lockstep groups (in order of first appearance)."""
    keyed: dict[tuple[Any, ...], list[int]] = {}
    out: list[list[int]] = []
    for i, run in enumerate(runs):
        key = _lockstep_key(run)
        if key is None:
            out.append([i])
        elif key in keyed:
            keyed[key].append(i)
        else:
            keyed[key] = [i]
            out.append(keyed[key])
    return out


def _simulate(
    obj: Objective, ohp: HP, x0: np.ndarray, steps: int, runs: Sequence[_Run]
) -> tuple[np.ndarray, np.ndarray]:
    """Paths and gradients, each ``(len(runs), steps + 1, 2)``, of runs that step together.

    One run steps a ``(2,)`` parameter; several (one lockstep group) a ``(runs, 2)`` array
    with lr a ``(runs, 1)`` column: every operation of an elementwise rule acts on each row
    as it would on that run alone, so the rows equal the runs computed one by one."""
    first = runs[0]
    opt, clip, sched = first.opt, first.clip, first.sched
    n = len(runs)
    path = np.empty((steps + 1, n, 2), dtype=np.float64)
    grads = np.empty((steps + 1, n, 2), dtype=np.float64)
    lr: Any
    if n == 1:
        p = x0.copy()
        slots = init_slots(opt, p, first.hp, sched(1))
        hp = first.hp
        lr = None
    else:
        p = np.tile(x0, (n, 1))
        per_run = [init_slots(opt, x0, r.hp, r.sched(1)) for r in runs]
        slots = {k: np.stack([s[k] for s in per_run]) for k in per_run[0]}
        lr = np.array([[float(r.hp["lr"])] for r in runs])
        hp = {**first.hp, "lr": lr}
    eps1 = eps1_default(p.dtype)
    maximize = bool(hp.get("maximize"))
    gradient = obj.grad
    with np.errstate(all="ignore"):
        path[0] = p
        gx, gy = gradient(p[..., 0], p[..., 1], ohp)
        g = np.stack((gx, gy), axis=-1)
        grads[0] = g
        for t in range(1, steps + 1):
            if clip is not None:
                (g,), _ = clip_grads([g], clip)
            if maximize:
                g = -g
            new_p, new_slots = opt.update(
                p, g, slots, Ctx(t, sched(t) if lr is None else lr, hp, eps1)
            )
            for k, v in slots.items():
                new_slots.setdefault(k, v)
            p = np.asarray(new_p, dtype=np.float64)
            slots = new_slots
            path[t] = p
            gx, gy = gradient(p[..., 0], p[..., 1], ohp)
            g = np.stack((gx, gy), axis=-1)
            grads[t] = g
    return path.transpose(1, 0, 2), grads.transpose(1, 0, 2)


def _report(
    obj: Objective,
    ohp: HP,
    path: np.ndarray,
    grads: np.ndarray,
    tol: float,
    minima: np.ndarray,
    run: _Run,
    idx: np.ndarray,
) -> dict[str, Any]:
    with np.errstate(all="ignore"):
        loss = np.asarray(obj.f(path[:, 0], path[:, 1], ohp), dtype=np.float64)
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
    hp = run.hp
    return {
        "name": run.opt.name,
        "label": run.label if run.label is not None else run.opt.name,
        "hyperparams": {k: list(v) if isinstance(v, tuple) else v for k, v in hp.items()},
        "path": np.ascontiguousarray(path[idx]),
        "loss": loss[idx],
        "grad_norm": grad_norm[idx],
        "final": final.tolist(),
        "final_loss": float(loss[-1]),
        "nearest_minimum": nearest_min,
        "distance_to_minimum": distance,
        "converged_at": converged_at,
    }


__all__ = [
    "DEFAULT_MAX_POINTS",
    "OBJECTIVES",
    "Objective",
    "TrajectoryLimits",
    "resolve_objective",
    "run_trajectory",
    "sample_indices",
]
