"""One stateless optimizer step, as optax's ``update`` + ``apply_updates``.

``step(name, params, grads, state, hyperparams, clip=..., regularization=..., schedule=...)``
returns the new parameters, the new state and statistics. The caller keeps the state and
sends it back with the next step: ``state = None`` starts a fresh optimizer; a state that
does not fit (another optimizer, other parameter names or shapes, a negative step) is an
:class:`InvalidInputError`, never silently reinitialised.

State layout (JSON-representable through tensors and numbers)::

    {"optimizer": "adam", "step": t,
     "slots": {"exp_avg": <tree like params>, "exp_avg_sq": <tree like params>}}

A slot that only some parameters have (Adafactor's ``row_var``/``col_var`` for matrices,
``variance`` for vectors) holds a tree of just those parameters.

Order inside a step: decode/validate → regularization (+∇ of l1·Σ|w| + l2·Σw²) → clipping →
lr from the schedule at t → the optimizer's own rule (which first negates g when
``maximize`` and applies its own weight decay).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from service.compute.errors import InvalidInputError, Loc
from service.compute.optimizers.rules import (
    OPTIMIZERS,
    Ctx,
    Optimizer,
    OptimizerVariant,
    eps1_default,
)
from service.compute.optimizers.transforms import (
    Clip,
    Schedule,
    clip_grads,
    global_norm,
    l2_norm_quiet,
    penalty_value,
    regularization_grad,
    resolve_clip,
    resolve_regularization,
    resolve_schedule,
)
from service.compute.optimizers.tree import Path, Tree, as_array, flatten, unflatten
from service.compute.params import ParamSpec, resolve_params

# Elementwise updates run over chunks of this many elements so that the temporaries of one
# chunk stay in cache: the step then streams over memory about once.
CHUNK = 1 << 15

CONVENTIONS = ("torch", "keras")

# The largest step a state may carry: the next step, 2**53, is still exact in a float64 and
# in every JSON reader's numbers (JavaScript's safe integers end there).
MAX_STEP = (1 << 53) - 1


@dataclass(frozen=True)
class StepResult:
    params: Tree
    state: dict[str, Any]
    stats: dict[str, Any]


def resolve_hyperparams(
    opt: Optimizer, given: Mapping[str, Any] | None, loc: Loc = ("hyperparams",)
) -> dict[str, Any]:
    """torch names, Keras/optax aliases (``beta_1``/``b1`` go into ``betas``), ranges."""
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise InvalidInputError(
            f"expected an object of hyperparameters, got {type(given).__name__}", loc
        )
    given = dict(given)
    # components of a pair given separately (Keras beta_1/beta_2, optax b1/b2)
    for spec in opt.params:
        comp = spec.extra.get("component_aliases")
        if not comp:
            continue
        parts: dict[int, tuple[str, Any]] = {}
        for alias, idx in comp.items():
            if alias in given:
                if idx in parts:
                    raise InvalidInputError(
                        f"{spec.name}[{idx}] given twice (as {parts[idx][0]!r} and {alias!r})",
                        (*loc, alias),
                    )
                parts[idx] = (alias, given.pop(alias))
        if parts:
            if spec.name in given:
                alias = next(iter(parts.values()))[0]
                raise InvalidInputError(
                    f"parameter {spec.name!r} given twice (as {spec.name!r} and {alias!r})",
                    (*loc, alias),
                )
            pair = list(spec.default)
            for idx, (alias, value) in parts.items():
                pair[idx] = spec._number(value, (*loc, alias))
            given[spec.name] = pair
    # pairs whose elements may be null (Adafactor's eps = (None, 1e-3))
    specs = []
    special: dict[str, Any] = {}
    for spec in opt.params:
        if spec.type == "float_pair" and spec.nullable:
            for key in (spec.name, *spec.aliases):
                if key in given:
                    special[spec.name] = _nullable_pair(spec, given.pop(key), (*loc, key))
            continue
        specs.append(spec)
    out = resolve_params(specs, given, loc)
    for spec in opt.params:
        if spec.type == "float_pair" and spec.nullable:
            out[spec.name] = special.get(spec.name, tuple(spec.default))
    if opt.check:
        opt.check(out)
    return out


def _nullable_pair(spec: ParamSpec, value: Any, loc: Loc) -> tuple[float | None, float | None]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise InvalidInputError(f"expected a pair of numbers (or null), got {value!r}", loc)
    return tuple(  # type: ignore[return-value]
        None if v is None else spec._number(v, (*loc, i)) for i, v in enumerate(value)
    )


def _decode_leaves(tree: Tree, field: str) -> tuple[list[Path], list[np.ndarray]]:
    if type(tree) is np.ndarray:  # a single tensor: what flatten and as_array would give
        return [()], [as_array(tree, (field,))]
    leaves = flatten(tree, (field,))
    paths = [p for p, _ in leaves]
    arrays = [as_array(v, (field, *p)) for p, v in leaves]
    return paths, arrays


def _compute_dtype(arrays: list[np.ndarray]) -> np.dtype:
    """float32 if every parameter is float32, else float64 (integers compute in float64)."""
    if arrays and all(a.dtype == np.float32 for a in arrays):
        return np.dtype(np.float32)
    return np.dtype(np.float64)


def _lookup(tree: Any, path: Path) -> tuple[bool, Any]:
    node = tree
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return False, None
        node = node[key]
    return True, node


def _filled(shape: tuple[int, ...], fill: float, dtype: np.dtype) -> np.ndarray:
    """``np.full(shape, fill, dtype)``; ``np.zeros`` for a fill of +0 (the same array, in a
    quarter of the time for a small one)."""
    if fill == 0 and math.copysign(1.0, fill) > 0:
        return np.zeros(shape, dtype=dtype)
    return np.full(shape, fill, dtype=dtype)


def _check_state(
    opt: Optimizer,
    state: Any,
    paths: list[Path],
    shapes: list[tuple[int, ...]],
    hp: Mapping[str, Any],
    lr0: float,
    dtype: np.dtype,
) -> tuple[int, list[dict[str, np.ndarray]]]:
    """Validate a client state against the params; return (step, per-parameter slots)."""
    layouts = [opt.slots(shape, hp, lr0) for shape in shapes]
    if state is None:
        return 0, [{n: _filled(shp, f, dtype) for n, (shp, f) in lay.items()} for lay in layouts]
    loc: Loc = ("state",)
    if not isinstance(state, Mapping):
        raise InvalidInputError(
            f"expected null or an object {{'step', 'slots'}}, got {type(state).__name__}", loc
        )
    for key in state:
        if key not in ("step", "slots", "optimizer"):
            raise InvalidInputError(
                f"unexpected key {key!r}; a state has 'step', 'slots' and 'optimizer'",
                (*loc, key),
            )
    if "optimizer" in state and state["optimizer"] is not None:
        name = state["optimizer"]
        if (
            not isinstance(name, str)
            or (name not in OPTIMIZERS)
            or (OPTIMIZERS.canonical(name) != opt.name)
        ):
            raise InvalidInputError(
                f"this state belongs to optimizer {name!r}, not {opt.name!r}",
                (*loc, "optimizer"),
            )
    if "step" not in state:
        raise InvalidInputError("expected 'step', a non-negative integer", (*loc, "step"))
    step = state["step"]
    if isinstance(step, np.ndarray) and step.ndim == 0:
        step = step.item()
    if (
        isinstance(step, bool)
        or not isinstance(step, int | float)
        or (isinstance(step, float) and not step.is_integer())
        or step < 0
        or step > MAX_STEP
    ):
        raise InvalidInputError(
            f"expected a non-negative integer step of at most {MAX_STEP} (2**53 - 1), got {step!r}",
            (*loc, "step"),
        )
    step = int(step)
    slots_in = state.get("slots")
    if slots_in is None:
        slots_in = {}
    if not isinstance(slots_in, Mapping):
        raise InvalidInputError(
            f"expected an object of slots, got {type(slots_in).__name__}", (*loc, "slots")
        )
    expected_names: dict[str, None] = {}
    for lay in layouts:
        expected_names.update(dict.fromkeys(lay))
    for name in slots_in:
        if name not in expected_names:
            want = ", ".join(expected_names) or "none"
            raise InvalidInputError(
                f"unexpected slot {name!r} for {opt.name} with these hyperparameters; "
                f"expected slots: {want}",
                (*loc, "slots", name),
            )
    for name in expected_names:
        if name not in slots_in:
            raise InvalidInputError(f"missing slot {name!r} of {opt.name}", (*loc, "slots", name))
    single = len(paths) == 1 and paths[0] == ()
    out: list[dict[str, np.ndarray]] = []
    for path, lay in zip(paths, layouts, strict=True):
        per: dict[str, np.ndarray] = {}
        for name, (shape, _fill) in lay.items():
            sloc = (*loc, "slots", name, *path)
            found, value = _lookup(slots_in[name], path)
            if not found or (not single and isinstance(value, Mapping)):
                raise InvalidInputError(
                    f"expected a tensor for parameter {'/'.join(path) or 'params'} in slot "
                    f"{name!r}, got {'nothing' if not found else 'an object'}",
                    sloc,
                )
            arr = as_array(value, sloc)
            if arr.shape != tuple(shape):
                raise InvalidInputError(
                    f"expected shape {tuple(shape)} for slot {name!r}, got {arr.shape}", sloc
                )
            per[name] = arr.astype(dtype, copy=False)
        out.append(per)
    # names in a slot tree that are not parameters
    for name in expected_names:
        owners = [p for p, lay in zip(paths, layouts, strict=True) if name in lay]
        tree = slots_in[name]
        if isinstance(tree, Mapping):
            for leaf_path, _ in flatten(tree, (*loc, "slots", name)):
                if leaf_path not in owners:
                    raise InvalidInputError(
                        f"slot {name!r} has an entry {'/'.join(leaf_path)!r} that is not a "
                        f"parameter of this optimizer",
                        (*loc, "slots", name, *leaf_path),
                    )
    return step, out


def step(
    name: str | Optimizer,
    params: Tree,
    grads: Tree,
    state: Mapping[str, Any] | None = None,
    hyperparams: Mapping[str, Any] | None = None,
    *,
    clip: Mapping[str, Any] | None = None,
    regularization: Mapping[str, Any] | None = None,
    schedule: Mapping[str, Any] | None = None,
    convention: str = "torch",
    variant: OptimizerVariant | None = None,
) -> StepResult:
    """One update of optimizer ``name`` (see the module docstring for the order of things).

    ``convention`` "keras" runs the entry's Keras form (Keras's names, defaults, formulas,
    weight decay and clipping); ``variant`` runs one of the entry's recognised variants in
    place of its rule (verify's diagnoses).

    ``params``/``grads``: an array or a (nested) mapping of named arrays, same structure
    and shapes. The result keeps the structure; float32 parameters stay float32 (the whole
    step then computes in float32, like torch on float32 tensors), everything else is
    float64.
    """
    entry = name if isinstance(name, Optimizer) else OPTIMIZERS.get(name, ("name",))
    opt = under_convention(entry, convention)
    if variant is not None:
        opt = opt.with_variant(variant)
    hp = resolve_hyperparams(opt, hyperparams)
    return step_with(
        opt, hp, params, grads, state, clip=clip, regularization=regularization, schedule=schedule
    )


def step_with(
    opt: Optimizer,
    hp: Mapping[str, Any],
    params: Tree,
    grads: Tree,
    state: Mapping[str, Any] | None = None,
    *,
    clip: Mapping[str, Any] | None = None,
    regularization: Mapping[str, Any] | None = None,
    schedule: Mapping[str, Any] | None = None,
) -> StepResult:
    """:func:`step` of ``opt`` (under its convention) with hyperparameters ``hp`` already
    resolved (``resolve_hyperparams``): a caller that needs them before the step (to count
    its outputs) resolves them once."""
    l1, l2 = resolve_regularization(regularization)
    clip_spec = resolve_clip(clip)
    sched = resolve_schedule(schedule, base_lr(hp))
    return step_resolved(opt, hp, params, grads, state, sched, l1, l2, clip_spec)


def step_resolved(
    opt: Optimizer,
    hp: Mapping[str, Any],
    params: Tree,
    grads: Tree,
    state: Mapping[str, Any] | None,
    sched: Schedule,
    l1: float = 0.0,
    l2: float = 0.0,
    clip_spec: Clip | None = None,
) -> StepResult:
    """:func:`step` after its options are resolved: ``opt`` under its convention,
    ``hp = resolve_hyperparams(opt, ...)``, the schedule, regularization and clipping (the
    small-call fast path resolves them once for a repeated call and steps with this)."""
    paths, ps = _decode_leaves(params, "params")
    gpaths, gs = _decode_leaves(grads, "grads")
    if gpaths != paths:
        _structure_error(paths, gpaths)
    for path, p, g in zip(paths, ps, gs, strict=True):
        if p.shape != g.shape:
            raise InvalidInputError(
                f"expected shape {p.shape} like params{_fmt(path)}, got {g.shape}",
                ("grads", *path),
            )
    dtype = _compute_dtype(ps)
    ps = [p.astype(dtype, copy=False) for p in ps]
    gs = [g.astype(dtype, copy=False) for g in gs]
    shapes = [p.shape for p in ps]
    lr_first = sched(1)
    t_prev, slots = _check_state(opt, state, paths, shapes, hp, lr_first, dtype)
    t = t_prev + 1
    lr = sched(t)
    result, stats = apply(opt, ps, gs, slots, hp, t, lr, l1, l2, clip_spec)
    new_ps, new_slots = result
    out_state = {
        "optimizer": opt.name,
        "step": t,
        "slots": _slot_trees(paths, new_slots),
    }
    return StepResult(unflatten(paths, new_ps), out_state, stats)


_F64 = np.dtype(np.float64)


def step_rows(
    opt: Optimizer,
    hp: Mapping[str, Any],
    sched: Schedule,
    calls: Sequence[tuple[np.ndarray, np.ndarray, Mapping[str, Any] | None]],
) -> list[StepResult | None]:
    """:func:`step_resolved` of many calls at once (no regularization, no clipping), each
    ``(params, grads, state)`` of one float64 tensor: the calls of an elementwise optimizer
    whose parameters have the same shape and whose states are at the same step are stacked
    along a new first axis and updated by one call of the rule. An elementwise rule computes
    each element from that element alone (the chunked path relies on it too), so each row
    holds the bits the call gets alone; the statistics are computed row by row as
    :func:`apply` computes them for one tensor. Each result is ``step_resolved``'s for that
    call, bit for bit; None for a call that is not of this kind or whose state
    ``step_resolved`` refuses (its own call names the problem)."""
    results: list[StepResult | None] = [None] * len(calls)
    if not opt.elementwise:
        return results
    lr_first = sched(1)
    # (step, shape, the fresh slots' layout or None, slot names) -> the calls
    groups: dict[tuple[Any, ...], list[tuple[int, np.ndarray, np.ndarray, dict[str, Any]]]] = {}
    layouts: dict[tuple[int, ...], dict[str, tuple[Any, float]]] = {}
    for i, (p, g, state) in enumerate(calls):
        if not (
            type(p) is np.ndarray
            and type(g) is np.ndarray
            and p.dtype == _F64
            and g.dtype == _F64
            and p.ndim
            and p.shape == g.shape
        ):
            continue
        if state is None:  # fresh slots: filled once for the whole stack (as _check_state fills)
            layout = layouts.get(p.shape)
            if layout is None:
                layout = layouts[p.shape] = opt.slots(p.shape, hp, lr_first)
            groups.setdefault((0, p.shape, "fresh", *layout), []).append((i, p, g, layout))
            continue
        try:
            t_prev, (slots,) = _check_state(opt, state, [()], [p.shape], hp, lr_first, _F64)
        except InvalidInputError:
            continue
        groups.setdefault((t_prev, p.shape, None, *slots), []).append((i, p, g, slots))
    for (t_prev, shape, fresh, *names), rows in groups.items():
        # at most CHUNK elements in one update: the same unchunked path as each call alone
        per = max(1, CHUNK // max(1, math.prod(shape)))
        for start in range(0, len(rows), per):
            part = rows[start : start + per]
            stacked = _stacked_step(opt, hp, sched, t_prev, names, part, fresh is not None)
            for (i, *_), result in zip(part, stacked, strict=True):
                results[i] = result
    return results


def _stacked_step(
    opt: Optimizer,
    hp: Mapping[str, Any],
    sched: Schedule,
    t_prev: int,
    names: list[str],
    rows: list[tuple[int, np.ndarray, np.ndarray, dict[str, Any]]],
    fresh: bool,
) -> list[StepResult]:
    """One update of the stacked rows (see :func:`step_rows`), split back into results. A
    fresh row's last item is the slots' layout {name: (shape, fill)}, else its slots."""
    ps = np.stack([r[1] for r in rows])
    gs = np.stack([r[2] for r in rows])
    k = len(rows)
    if fresh:
        layout = rows[0][3]
        slots = {n: _filled((k, *shp), fill, _F64) for n, (shp, fill) in layout.items()}
    else:
        slots = {n: np.stack([r[3][n] for r in rows]) for n in names}
    t = t_prev + 1
    (new_ps, new_slots), stats = apply(opt, [ps], [gs], [slots], hp, t, sched(t))
    new_p, new_s = new_ps[0], new_slots[0]
    out: list[StepResult] = []
    with np.errstate(all="ignore"):
        diff = new_p - ps
        for j in range(len(rows)):
            # apply's arithmetic for one tensor: 0.0 + ‖·‖², then the square root (the norm
            # of −g under maximize is the norm of g)
            grad_norm = math.sqrt(0.0 + l2_norm_quiet(gs[j]) ** 2)
            row_stats = {
                **stats,
                "grad_norm": grad_norm,
                "clipped_grad_norm": grad_norm,
                "update_norm": math.sqrt(0.0 + l2_norm_quiet(diff[j]) ** 2),
            }
            state = {
                "optimizer": opt.name,
                "step": t,
                "slots": {n: v[j, ...] for n, v in new_s.items()},
            }
            out.append(StepResult(new_p[j, ...], state, row_stats))
    return out


def under_convention(opt: Optimizer, convention: str) -> Optimizer:
    """``opt`` under ``convention``; a 422 naming the field when it has no such form."""
    if convention not in CONVENTIONS:
        raise InvalidInputError(
            f"expected one of {', '.join(map(repr, CONVENTIONS))}, got {convention!r}",
            ("convention",),
        )
    try:
        return opt.under(convention)
    except KeyError:
        raise InvalidInputError(
            f"convention {convention!r} is not available for {opt.name}: Keras 3 has no "
            f"{opt.name} optimizer (use convention 'torch')",
            ("convention",),
        ) from None


def base_lr(hp: Mapping[str, Any]) -> float:
    """The base learning rate: torch's ``lr`` or Keras's ``learning_rate``."""
    return float(hp["lr"] if "lr" in hp else hp["learning_rate"])


def _fmt(path: Path) -> str:
    return "".join(f"[{k!r}]" for k in path)


def _structure_error(paths: list[Path], gpaths: list[Path]) -> None:
    for gp in gpaths:
        if gp not in paths:
            raise InvalidInputError(
                f"grads has {'/'.join(gp) or 'a single tensor'} where params has "
                f"{', '.join('/'.join(p) or 'a single tensor' for p in paths)}",
                ("grads", *gp),
            )
    for p in paths:
        if p not in gpaths:
            raise InvalidInputError(f"missing gradient for params{_fmt(p)}", ("grads", *p))
    raise InvalidInputError("grads must list the tensors in the order of params", ("grads",))


def _slot_trees(paths: list[Path], slots: list[dict[str, np.ndarray]]) -> dict[str, Tree]:
    if paths == [()]:  # a single tensor: each slot is its array (unflatten's single leaf)
        return dict(slots[0])
    names: dict[str, None] = {}
    for per in slots:
        names.update(dict.fromkeys(per))
    out: dict[str, Tree] = {}
    for name in names:
        own = [(p, per[name]) for p, per in zip(paths, slots, strict=True) if name in per]
        out[name] = unflatten([p for p, _ in own], [v for _, v in own])
    return out


def apply(
    opt: Optimizer,
    ps: list[np.ndarray],
    gs: list[np.ndarray],
    slots: list[dict[str, np.ndarray]],
    hp: Mapping[str, Any],
    t: int,
    lr: float,
    l1: float = 0.0,
    l2: float = 0.0,
    clip: Clip | None = None,
) -> tuple[tuple[list[np.ndarray], list[dict[str, np.ndarray]]], dict[str, Any]]:
    """The numeric core on validated leaves (also used by trajectories)."""
    with np.errstate(all="ignore"):
        sign = -1.0 if hp.get("maximize") else 1.0
        if l1 or l2:
            gs = [
                g + sign * r if (r := regularization_grad(p, l1, l2)) is not None else g
                for p, g in zip(ps, gs, strict=True)
            ]
        # without clipping the gradient norm is accumulated during the update (one pass less)
        lazy = clip is None
        grad_norm = 0.0 if lazy else global_norm(gs)
        gs, clipped = clip_grads(gs, clip, opt.convention)
        clipped_norm = global_norm(gs) if clipped else grad_norm
        grad_sq = 0.0
        if hp.get("maximize"):
            gs = [-g for g in gs]
        new_ps: list[np.ndarray] = []
        new_slots: list[dict[str, np.ndarray]] = []
        sq_update = 0.0
        for p, g, s in zip(ps, gs, slots, strict=True):
            ctx = Ctx(t=t, lr=lr, hp=hp, eps1=eps1_default(p.dtype))
            if opt.elementwise and p.size > CHUNK:
                new_p, new_s, sq, gsq = _chunked(opt, p, g, s, ctx, lazy)
            else:
                new_p, new_s = opt.update(p, g, s, ctx)
                new_p = np.asarray(new_p, dtype=p.dtype)
                new_s = {k: np.asarray(v, dtype=p.dtype) for k, v in new_s.items()}
                for k, v in s.items():  # slots an update left untouched keep their value
                    new_s.setdefault(k, v)
                sq = l2_norm_quiet(new_p - p) ** 2  # in the errstate above
                gsq = l2_norm_quiet(g) ** 2 if lazy else 0.0
            grad_sq += gsq
            new_ps.append(new_p)
            new_slots.append(new_s)
            sq_update += sq
        if lazy:
            grad_norm = clipped_norm = math.sqrt(grad_sq)
    stats: dict[str, Any] = {
        "step": t,
        "lr": lr,
        "grad_norm": grad_norm,
        "clipped": clipped,
        "clipped_grad_norm": clipped_norm,
        "update_norm": math.sqrt(sq_update),
    }
    if l1 or l2:
        stats["penalty"] = penalty_value(ps, l1, l2)
    return (new_ps, new_slots), stats


def _chunked(
    opt: Optimizer,
    p: np.ndarray,
    g: np.ndarray,
    s: dict[str, np.ndarray],
    ctx: Ctx,
    grad_norm: bool = False,
) -> tuple[np.ndarray, dict[str, np.ndarray], float, float]:
    """Run an elementwise update chunk by chunk into preallocated outputs.

    Each chunk's temporaries stay in cache, so the step streams over memory about once.
    Optimizers with a ``fused`` variant write straight into the output buffers.
    """
    pf = np.ascontiguousarray(p).reshape(-1)
    gf = np.ascontiguousarray(g).reshape(-1)
    sf = {k: np.ascontiguousarray(v).reshape(-1) for k, v in s.items()}
    out_p = np.empty_like(pf)
    out_s: dict[str, np.ndarray] = {}
    if opt.fused is not None:
        out_s = {k: np.empty_like(pf) for k in sf}
    sq = gsq = 0.0
    n = pf.size
    tmp = np.empty(min(CHUNK, n), dtype=pf.dtype)
    for start in range(0, n, CHUNK):
        sl = slice(start, min(start + CHUNK, n))
        p_c = pf[sl]
        t = tmp[: p_c.size]
        if opt.fused is not None:
            opt.fused(
                p_c,
                gf[sl],
                {k: v[sl] for k, v in sf.items()},
                ctx,
                out_p[sl],
                {k: v[sl] for k, v in out_s.items()},
                t,
            )
        else:
            new_p, new_s = opt.update(p_c, gf[sl], {k: v[sl] for k, v in sf.items()}, ctx)
            out_p[sl] = new_p
            for k, v in new_s.items():
                if k not in out_s:
                    out_s[k] = np.empty_like(pf)
                out_s[k][sl] = v
        if grad_norm:
            g_c = gf[sl]
            gsq += float(np.einsum("i,i->", g_c, g_c, dtype=np.float64))
        d = np.subtract(out_p[sl], p_c, out=t)
        sq += float(np.einsum("i,i->", d, d, dtype=np.float64))
    for k, v in sf.items():
        out_s.setdefault(k, v)
    return (out_p.reshape(p.shape), {k: v.reshape(p.shape) for k, v in out_s.items()}, sq, gsq)


def init_slots(
    opt: Optimizer, p: np.ndarray, hp: Mapping[str, Any], lr: float
) -> dict[str, np.ndarray]:
    return {
        n: np.full(shp, fill, dtype=p.dtype)
        for n, (shp, fill) in opt.slots(p.shape, hp, lr).items()
    }


def catalog_entry(opt: Optimizer) -> dict[str, Any]:
    """JSON-ready description of one optimizer for the catalog endpoints."""
    return {
        "name": opt.name,
        "aliases": list(opt.aliases),
        "summary": opt.summary,
        "hyperparams": [_spec_catalog(s) for s in opt.params],
        "update_rule": opt.rule,
        "state_slots": opt.slot_names(),
        "reference": opt.reference,
        "differences": dict(opt.differences),
        "nonfinite": opt.nonfinite.catalog(),
        "conventions": {"keras": _keras_catalog(opt)},
        "diagnoses": [{"name": v.name, "detail": v.detail} for v in opt.variants],
        "step_cost": opt.step_cost,
    }


def _keras_catalog(opt: Optimizer) -> dict[str, Any]:
    """What ``convention: "keras"`` changes for ``opt`` (or that Keras 3 lacks it)."""
    if opt.keras is None:
        return {
            "available": False,
            "changes": f"Keras 3 has no {opt.name} optimizer: convention 'keras' is a 422.",
        }
    k = opt.under("keras")
    return {
        "available": True,
        "changes": opt.keras.changes,
        "hyperparams": [_spec_catalog(s) for s in k.params],
        "update_rule": k.rule,
        "state_slots": k.slot_names(),
        "reference": k.reference,
    }


def _spec_catalog(spec: ParamSpec) -> dict[str, Any]:
    out = spec.catalog()
    comp = out.pop("component_aliases", None)
    if comp:
        out["aliases"] = [*out["aliases"], *(f"{a} (= {spec.name}[{i}])" for a, i in comp.items())]
    return out
