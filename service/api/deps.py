"""Shared dependencies of the routers: settings, per-request budget, tensor decoding."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

import numpy as np
from fastapi import Depends, Path, Request
from starlette.concurrency import run_in_threadpool

from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec
from service.compute.registry import Registry
from service.config import Settings
from service.wire.json import BOOLS_IN_LISTS
from service.wire.tensors import Budget, Decoded, decode_tensor, decode_tree, unflatten


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


# Scope key: the tensor elements a request may still use (an item of POST /v1/batch gets
# what the items before it left of the batch's GRADSERVE_MAX_ELEMENTS).
ELEMENTS_LEFT = "gradserve.elements_left"


def new_budget(settings: Settings, request: Request | None = None) -> Budget:
    if request is None:
        return Budget(settings.max_elements, settings.max_ndim, settings.max_depth)
    strict = bool(request.scope.get(BOOLS_IN_LISTS))
    limit = request.scope.get(ELEMENTS_LEFT, settings.max_elements)
    return Budget(
        limit,
        settings.max_ndim,
        settings.max_depth,
        strict_lists=strict,
        max_response_bytes=settings.max_response_bytes,
        max_work_elements=settings.max_work_elements,
    )


async def get_budget(request: Request, settings: SettingsDep) -> Budget:
    """A fresh element budget for this request (inputs and outputs count against it).

    Kept on ``request.state.budget``: the access log reports what it used. Trivial
    dependencies are ``async`` so that they run on the event loop instead of costing a
    threadpool round trip each."""
    budget = request.state.budget = new_budget(settings, request)
    return budget


BudgetDep = Annotated[Budget, Depends(get_budget)]


def budget_of(request: Request) -> Budget:
    """The same as BudgetDep, without FastAPI's dependency machinery (hot paths)."""
    budget = request.state.budget = new_budget(request.app.state.settings, request)
    return budget


def decode(value: Any, field: str | tuple[str | int, ...], budget: Budget) -> Decoded:
    """Decode a body field; ``field`` is its name or its loc below "body"."""
    loc = (field,) if isinstance(field, str) else field
    return decode_tensor(value, ("body", *loc), budget)


def decode_tree_arrays(
    value: Any, loc: tuple[str | int, ...], budget: Budget
) -> tuple[Any, list[Decoded]]:
    """Decode a tensor or a (nested) mapping of tensors (``loc`` below "body").

    Returns the same structure with arrays as leaves, and the decoded leaves in order (the
    first one decides the response form)."""
    dec, is_map = decode_tree(value, ("body", *loc), budget)
    if not is_map:
        assert isinstance(dec, Decoded)
        return dec.array, [dec]
    assert isinstance(dec, dict)
    return unflatten({path: leaf.array for path, leaf in dec.items()}), list(dec.values())


def decode_state(state: Any, loc: tuple[str | int, ...], budget: Budget) -> Any:
    """Decode the slot tensors of an optimizer state sent back by a client (``loc`` below
    "body"); anything malformed is left as it is for the optimizer machinery to name."""
    if not isinstance(state, dict) or not isinstance(state.get("slots"), dict):
        return state
    slots = {
        name: decode_tree_arrays(tree, (*loc, "slots", name), budget)[0]
        for name, tree in state["slots"].items()
    }
    return {**state, "slots": slots}


def charge_report(
    budget: Budget, arrays: Iterable[np.ndarray], max_listed: int, loc: tuple[str | int, ...]
) -> None:
    """Charge a verify report's size to the response budget before comparing: per compared
    output a summary (about 12 numbers) and up to ``max_listed`` mismatches of (index,
    client, reference, ulp) each."""
    n = sum(12 + min(max(max_listed, 0), int(a.size)) * (3 + a.ndim) for a in arrays)
    budget.take_response(n, "nested", None, ("body", *loc))


def tree_leaves(tree: Any) -> list[np.ndarray]:
    """The arrays of a decoded (nested) mapping of arrays."""
    if isinstance(tree, Mapping):
        return [leaf for v in tree.values() for leaf in tree_leaves(v)]
    return [tree] if isinstance(tree, np.ndarray) else []


@contextmanager
def relocated(moves: dict[str, tuple[str | int, ...]]) -> Iterator[None]:
    """Re-raise compute errors whose loc starts with a key of ``moves`` at the field the
    request actually used (function parameters given in target.params, a loss's input sent
    as x)."""
    try:
        yield
    except InvalidInputError as exc:
        if exc.loc and exc.loc[0] in moves:
            raise InvalidInputError(exc.msg, (*moves[str(exc.loc[0])], *exc.loc[1:])) from None
        raise


def decode_params(
    specs: Sequence[ParamSpec],
    params: Mapping[str, Any] | None,
    loc: tuple[str | int, ...],
    budget: Budget,
) -> dict[str, Any]:
    """A function's parameters with every tensor-valued one (PReLU's alpha, class weights)
    decoded here, at the edge, once (charged to the element budget once); compute receives
    arrays. Unknown names and other values are left for compute to check. ``loc`` is the
    parameters' place below "body"."""
    tensors = {n for s in specs if s.type == "tensor" for n in (s.name, *s.aliases)}
    out = dict(params or {})
    for key, value in out.items():
        if key in tensors and isinstance(value, list | dict):
            out[key] = decode_tensor(value, ("body", *loc, key), budget).array
    return out


def compute_dtype(name: str | None) -> type[np.floating[Any]]:
    return np.float32 if name == "float32" else np.float64


T = TypeVar("T")

# A request is computed on the event loop only when its body is small (so decoding it is
# cheap) AND the work its decoding charged to the element budget (inputs, outputs, a
# Jacobian) is small: then the computation takes less than the threadpool round trip would
# cost. Anything else (a 4 KB body may ask a million-entry Jacobian) goes to the threadpool,
# so the loop never blocks on big NumPy work.
INLINE_MAX_BODY_BYTES = 4 * 1024
INLINE_MAX_WORK = 16 * 1024


def _small_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    return length is not None and length.isdigit() and int(length) <= INLINE_MAX_BODY_BYTES


async def run_bounded(
    request: Request, budget: Budget, prepare: Callable[[], Callable[[], T]]
) -> T:
    """``prepare()`` decodes the request and charges its work to ``budget``, returning the
    computation; run it inline when both the body and the charged work are small, else in
    the threadpool."""
    if not _small_body(request):
        return await run_in_threadpool(lambda: prepare()())
    compute = prepare()
    if budget.used <= INLINE_MAX_WORK:
        return compute()
    return await run_in_threadpool(compute)


async def run_compute(fn: Callable[[], T]) -> T:
    """CPU-bound work whose size is not known before it runs: always in the threadpool."""
    return await run_in_threadpool(fn)


def query_params(
    specs: Sequence[ParamSpec], query: Mapping[str, str], reserved: Iterable[str]
) -> dict[str, Any]:
    """Function parameters given as extra query arguments (a curve's ``?alpha=0.2``),
    converted by their declared type: numbers, booleans (true/false/1/0), strings, and a
    tensor parameter as one number or comma-separated numbers. Keys in ``reserved`` are the
    endpoint's own arguments. Errors point at ``("query", key)``."""
    by_name = {s.name: s for s in specs}
    for s in specs:
        for a in s.aliases:
            by_name[a] = s
    skip = set(reserved)
    given: dict[str, Any] = {}
    for key, text in query.items():
        if key in skip:
            continue
        spec = by_name.get(key)
        loc = ("query", key)
        if spec is None:
            valid = ", ".join(s.name for s in specs) or "none"
            raise InvalidInputError(f"unknown parameter {key!r}; valid parameters: {valid}", loc)
        if spec.type == "bool":
            if text.lower() not in ("true", "false", "1", "0"):
                raise InvalidInputError(f"expected true or false, got {text!r}", loc)
            given[key] = text.lower() in ("true", "1")
        elif spec.type == "str":
            given[key] = text
        elif spec.type == "int" and text.strip().lstrip("+-").isdigit():
            try:
                given[key] = int(text)  # exact: a float would round 2**63 - 1 up
            except ValueError:  # over Python's 4,300 digits
                raise InvalidInputError(
                    f"expected a 64-bit integer, got {text[:40]!r}…", loc
                ) from None
        else:
            try:
                numbers = [float(t) for t in text.split(",")]
            except ValueError:
                raise InvalidInputError(f"expected a number, got {text!r}", loc) from None
            if spec.type == "tensor":
                given[key] = numbers[0] if len(numbers) == 1 else numbers
            elif len(numbers) != 1:
                raise InvalidInputError(f"expected one number, got {text!r}", loc)
            elif spec.type == "int" and numbers[0].is_integer():
                given[key] = int(numbers[0])
            else:
                given[key] = numbers[0]
    return given


def name_path(registry: Registry[Any], description: str, example: str) -> Any:
    """The `{name}` path parameter of a family (use as ``Annotated[str, name_path(...)]``).

    An open string: every name and alias is accepted case-insensitively (``Sigmoid``,
    ``MSELoss``), so the spec must not make a generated client reject one; the canonical
    names are listed in the description. ``example`` is the name Swagger UI fills in, and
    every body example of the operation is written for it. Lookup and the 404 for unknown
    names stay with the registry."""
    names = ", ".join(registry.names())
    return Path(
        description=f"{description} Canonical names: {names}.",
        min_length=1,
        openapi_examples={example: {"summary": example, "value": example}},
    )
