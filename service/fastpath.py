"""The small-call fast path: ``POST /v1/activations/{name}``, ``/v1/losses/{name}`` and
``/v1/optimizers/{name}/step`` with a small JSON body, without FastAPI's routing machinery.

It sits in front of the whole app (:class:`FastPathAPI` hands it every POST before
FastAPI's middleware stack). For a request it can take it does itself what the middleware
does (a request id and the ``X-Request-ID`` header, the body limit, a compute slot from the
admission control, the ``Server-Timing`` header, the Prometheus counter and histogram, the
access-log line: the same functions of ``service.middleware``), and what the full path
does, with the same objects and in the same order, minus the generic machinery that the
profile showed to cost most of a small call (five middleware layers with a closure and a
copied message each, Starlette's error middleware, route matching over every route, the
dependency solver, FastAPI's body reading and error wrapping):

1. match the path against a table built once from the app's own routes (a dict lookup on
   the family segment, not a walk over every route);
2. read the body (only when ``Content-Length`` is at most ``MAX_BODY`` and the body limit,
   and the type is ``application/json``), parse it with orjson and validate it with the
   route's own body field (FastAPI's own validator for it: every field of the model,
   including fields added later, is validated exactly as FastAPI validates it);
3. for the commonest calls answer directly with the endpoint's bytes, without the request
   model: an elementwise activation of a nested list with nothing else in the body (value
   and derivative from the entry's bare math, a :class:`Kernel` checked once against
   ``evaluate``); a loss with only ``y_true`` and ``y_pred`` as nested lists
   (``losses.evaluate_plain``, the rows, reduction and warnings of ``evaluate_loss`` with its
   parameters resolved once per name, or ``evaluate_loss`` itself for anything it does not
   cover); an optimizer step with ``params``, ``grads`` and optionally ``state`` and
   ``hyperparams`` (the endpoint's decoding and charges, ``optimizers.step_resolved`` with
   the optimizer and hyperparameters resolved once per (name, hyperparameters)); each
   writes its answer directly when every number is finite, else with the endpoint's answer
   builder (``loss_body``, ``step_body``). The activations, plain losses and steps of
   nested lists that arrive in the same turn of the event loop are computed together
   (:mod:`service.coalesce`: :meth:`Kernel.rows`, ``losses.evaluate_plain_rows`` and
   ``optimizers.step_rows`` stack the calls of one kind along a new first axis, one NumPy
   call for all of them, each call's result bit for bit what it gets alone; a call left
   alone computes alone). The
   compute slot is the gate, as for every call taken here; a call gives it back before it
   waits for its group, which is computed inline in the next turn, bounded like one call;
   otherwise
   call the route's own endpoint with the values FastAPI would have injected (path name,
   model, ``Request``, the per-request budget, settings) and send the ``Response`` it
   returns. Plain ``def`` endpoints run inline: with a body this small their work is
   smaller than the threadpool round trip (the rule of ``service.api.deps.run_bounded``).

Anything else falls back to the full FastAPI path (every middleware included), with the body
replayed: a configured API key or CORS (their middleware answer), no free compute slot (the
full path queues or sheds), a larger or chunked body, another content type, a body that is
not JSON or not valid for the model, a route whose endpoint asks for something the table
does not know how to supply, and any exception at all (an unknown name, a 422 from
decoding, a limit). The full path then
produces the answer, so error answers, validation messages and the OpenAPI document are
exactly those of FastAPI; a successful answer is the same ``Response`` object built by the
same endpoint, so its bytes and headers are identical too (tests/test_fastpath.py checks
both on a table of requests).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import math
import time
from collections.abc import Awaitable, Callable, Container, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.deps import (
    INLINE_MAX_BODY_BYTES,
    decode_params,
    decode_state,
    decode_tree_arrays,
    get_budget,
    get_settings,
    new_budget,
)
from service.api.losses import loss_body
from service.api.optimizers import output_elements, step_body
from service.coalesce import Coalescer
from service.compression import ResponseCompression
from service.compute import activations as act
from service.compute import losses as lo
from service.compute import optimizers as optim
from service.middleware import (
    REQUEST_ID_HEADER,
    log_access,
    server_timing,
    take_request_id,
    without_content,
    work_of,
)
from service.wire.bigb64 import bools_in_lists
from service.wire.json import BOOLS_IN_LISTS, render
from service.wire.tensors import Budget, Encoder, TensorForm, encoder_for, finite_array_json

# The routes served here: path template -> the family segment and the tail after {name}.
ROUTES: dict[str, tuple[str, str]] = {
    "/v1/activations/{name}": ("activations", ""),
    "/v1/losses/{name}": ("losses", ""),
    "/v1/optimizers/{name}/step": ("optimizers", "step"),
}

_ACTIVATIONS = ("activations", "")
_LOSSES = ("losses", "")
_LOSS_FIELDS = {"y_true", "y_pred"}
_STEPS = ("optimizers", "step")
_STEP_NEEDS = {"params", "grads"}
_STEP_FIELDS = {"params", "grads", "state", "hyperparams"}

MAX_BODY = INLINE_MAX_BODY_BYTES
"""Largest body taken here (bytes); larger bodies go the full way (and to the threadpool)."""

# Scope key set on a request this layer answered (tests read it; nothing else does).
SERVED = "gradserve.fastpath"

Supplier = Callable[[Request], Awaitable[Any]]

# Scope key: the settings an endpoint gets (a batch item: the batch's share of the limits).
SETTINGS = "gradserve.settings"


async def _settings(request: Request) -> Any:
    return request.scope.get(SETTINGS) or request.app.state.settings


async def _budget(request: Request) -> Any:
    return await get_budget(request, await _settings(request))


# FastAPI dependencies this layer knows how to supply: the same functions, called directly.
_KNOWN_DEPENDENCIES: dict[Any, Supplier] = {get_settings: _settings, get_budget: _budget}


@dataclass(frozen=True)
class Target:
    """One POST route served without FastAPI's machinery, with what its endpoint takes."""

    route: APIRoute
    endpoint: Callable[..., Any]
    is_async: bool
    body: Any  # FastAPI's ModelField of the body: validates exactly as FastAPI does
    body_name: str
    name_param: str | None
    request_param: str | None
    suppliers: tuple[tuple[str, Supplier], ...]
    defaults: tuple[tuple[str, Any], ...] = ()

    def validate(self, data: Any) -> tuple[Any, list[dict[str, Any]]]:
        """(the body's value, []) or (None, FastAPI's errors with locs under "body")."""
        value, errors = self.body.validate(data, {}, loc=("body",))
        return value, list(errors)

    async def call(
        self, name: str | None, req: Any, request: Request, *, inline: bool = True
    ) -> Any:
        """The endpoint's result for a validated body, with what FastAPI would inject; a plain
        ``def`` endpoint runs here when ``inline``, else in the threadpool (as FastAPI runs
        it)."""
        kwargs: dict[str, Any] = dict(self.defaults)
        kwargs[self.body_name] = req
        if self.name_param is not None:
            kwargs[self.name_param] = name
        if self.request_param is not None:
            kwargs[self.request_param] = request
        for param, supply in self.suppliers:
            kwargs[param] = await supply(request)
        if self.is_async:
            return await self.endpoint(**kwargs)
        if inline:
            return self.endpoint(**kwargs)
        return await run_in_threadpool(functools.partial(self.endpoint, **kwargs))


def _target(route: APIRoute, dep: Dependant, *, query_defaults: bool = False) -> Target | None:
    """What the endpoint of ``route`` takes (``dep``: its dependant as included), or None
    when any of it is beyond this layer (then the route is always served by the full path).
    With ``query_defaults`` query parameters that have a default take it (batch items have
    no query string)."""
    if (
        (dep.query_params and not query_defaults)
        or dep.header_params
        or dep.cookie_params
        or len(dep.path_params) > 1
        or len(dep.body_params) != 1
        or dep.response_param_name
        or dep.background_tasks_param_name
        or dep.security_scopes_param_name
        or dep.websocket_param_name
        or dep.http_connection_param_name
    ):
        return None
    defaults: list[tuple[str, Any]] = []
    for q in dep.query_params:
        if q.field_info.is_required():
            return None
        defaults.append((q.name, q.field_info.get_default(call_default_factory=True)))
    body = dep.body_params[0]
    if getattr(body.field_info, "embed", False):
        return None
    suppliers: list[tuple[str, Supplier]] = []
    for sub in dep.dependencies:
        supplier = _KNOWN_DEPENDENCIES.get(sub.call)
        if supplier is None or sub.name is None:
            return None
        suppliers.append((sub.name, supplier))
    endpoint = dep.call
    if endpoint is None:
        return None
    return Target(
        route=route,
        endpoint=endpoint,
        is_async=inspect.iscoroutinefunction(endpoint),
        body=body,
        body_name=body.name,
        name_param=dep.path_params[0].name if dep.path_params else None,
        request_param=dep.request_param_name,
        suppliers=tuple(suppliers),
        defaults=tuple(defaults),
    )


def _api_routes(routes: Sequence[BaseRoute]) -> Iterator[tuple[str, APIRoute, Dependant]]:
    """(path, route, dependant) of every FastAPI route in order, routers included (FastAPI
    keeps an included router as one entry whose effective routes carry the inclusion's
    prefix and dependencies)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route.path_format, route, route.dependant
            continue
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is None:
            continue
        for ctx in contexts():
            original = getattr(ctx, "original_route", None)
            dep = getattr(ctx, "dependant", None)
            if isinstance(original, APIRoute) and isinstance(dep, Dependant):
                path = getattr(ctx, "path_format", "") or original.path_format
                yield path, original, dep


def _named_key(path: str) -> tuple[str, str] | None:
    """``/v1/<family>/{name}[/<tail>]`` -> (family, tail); None for any other template."""
    parts = path[4:].split("/") if path.startswith("/v1/") else []
    if len(parts) in (2, 3) and parts[1].startswith("{") and parts[1].endswith("}"):
        return parts[0], parts[2] if len(parts) == 3 else ""
    return None


class Dispatch:
    """Precomputed routing of /v1 POST paths to :class:`Target`: a dict lookup on the exact
    path, else on (family, tail) for ``/v1/<family>/{name}[/<tail>]`` templates."""

    def __init__(
        self,
        routes: Sequence[BaseRoute],
        *,
        only: Container[str] | None = None,
        exclude: Container[str] = (),
        query_defaults: bool = False,
    ) -> None:
        self.exact: dict[str, Target] = {}
        self.named: dict[tuple[str, str], Target] = {}
        for path, route, dep in _api_routes(routes):
            if route.methods != {"POST"} or not path.startswith("/v1/") or path in exclude:
                continue
            if only is not None and path not in only:
                continue
            target = _target(route, dep, query_defaults=query_defaults)
            if target is None:
                continue
            key = _named_key(path)
            if key is not None and target.name_param is not None:
                self.named.setdefault(key, target)
            elif "{" not in path and target.name_param is None:
                self.exact.setdefault(path, target)

    def match(self, path: str) -> tuple[Target, str | None] | None:
        """(target, the {name} segment or None) for a request path, or None."""
        target = self.exact.get(path)
        if target is not None:
            return target, None
        if not path.startswith("/v1/"):
            return None
        parts = path[4:].split("/")
        n = len(parts)
        if n == 2:
            target = self.named.get((parts[0], ""))
        elif n == 3:
            target = self.named.get((parts[0], parts[2]))
        if target is None or not parts[1]:
            return None
        return target, parts[1]


def _small_json(scope: Scope) -> int | None:
    """The declared body length when the body is small JSON, else None."""
    length: int | None = None
    json_type = False
    for key, value in scope["headers"]:
        if key == b"content-length":
            if not value.isdigit():
                return None
            length = int(value)
        elif key == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            json_type = media == b"application/json"
        elif key in (b"transfer-encoding", b"content-encoding"):
            return None  # a compressed body is the full path's to decode
    if not json_type or length is None or not 0 < length <= MAX_BODY:
        return None
    return length


# ---------------------------------------------------------------------------------------------
# The commonest call of all, precomputed: an elementwise activation at a nested list ``x``
# with nothing else in the body (value and derivative, float64, nested lists out).

# the kernel answers only well inside the limits (elements, response size): near them the
# full path decides, with its own accounting
_MARGIN = 4


# finite float64 probes of every magnitude, both signs: a kernel whose f and f' raise no
# floating-point warning on any of them under NumPy's default error state (underflow
# ignored) runs without an errstate of its own (which costs as much as f)
_PROBE_FINITE = np.concatenate(
    [[0.0, 5e-324, -5e-324, np.finfo(np.float64).max, -np.finfo(np.float64).max]]
    + [sign * np.logspace(-320, 308, 629) for sign in (1.0, -1.0)]
)


@dataclass(frozen=True)
class Kernel:
    """An elementwise activation with its parameters resolved once (their defaults): the
    outputs of ``evaluate(name, x)`` for a finite float64 ``x``, from the entry's bare math
    (``pointwise``) without resolving anything per call. ``quiet``: f and f' raised no
    floating-point flag on the probes, so no errstate is entered."""

    entry: act.Activation
    params: dict[str, Any]
    f: Callable[[np.ndarray, dict[str, Any]], np.ndarray]
    df: Callable[[np.ndarray, dict[str, Any]], np.ndarray]
    quiet: bool
    stacks: bool = False  # rows() gave each probe's own bits: calls are computed together

    def outputs(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """f(x) and f'(x) for a finite float64 ``x`` (callers check what comes back)."""
        if self.quiet:
            return self.f(x, self.params), self.df(x, self.params)
        with np.errstate(over="ignore", under="ignore"):
            return self.f(x, self.params), self.df(x, self.params)

    def rows(self, xs: Sequence[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray] | None]:
        """The outputs of each ``x`` (float64, all of one shape) from one call on their stack
        along a new first axis: an elementwise function computes each element alone. None
        for each when the stack's outputs are not float64 arrays of its shape."""
        stack = np.stack(xs)
        y, d = self.outputs(stack)
        if not (_dense_f64(y) and _dense_f64(d) and y.shape == d.shape == stack.shape):
            return [None] * len(xs)
        return [(y[j, ...], d[j, ...]) for j in range(len(xs))]


def _raises_no_flag(f: Any, df: Any, params: dict[str, Any]) -> bool:
    try:
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            f(_PROBE_FINITE, dict(params))
            df(_PROBE_FINITE, dict(params))
    except (FloatingPointError, ArithmeticError):
        return False
    return True


@functools.lru_cache(maxsize=256)
def elementwise_kernel(name: str) -> Kernel | None:
    """The kernel of the activation ``name`` (any spelling), or None when it is unknown, not
    elementwise, or its default outputs are not value and derivative (then the endpoint
    answers). Checked once against ``evaluate`` on probes of every magnitude."""
    try:
        entry = act.ACTIVATIONS.get(name)
        if entry.kind != "elementwise" or entry.pointwise is None:
            return None
        _, params = act.resolve(entry.name, {})
        f, df = entry.pointwise
        kernel = Kernel(
            entry,
            params,
            f,
            df,
            _raises_no_flag(f, df, params),
        )
        for probe in (np.linspace(-3.0, 3.0, 7), _PROBE_FINITE):
            reference = act.evaluate(entry.name, probe)
            ours = kernel.outputs(probe)
            if list(reference) != ["value", "derivative"] or not all(
                _fit(a, b) for a, b in zip(reference.values(), ours, strict=True)
            ):
                return None
    except Exception:
        return None
    return dataclasses.replace(kernel, stacks=_stacks(kernel))


def _stacks(kernel: Kernel) -> bool:
    """True when :meth:`Kernel.rows` gives each probe the bits of its own call: stacks of
    rows of every length from 1 to 33 (each tail a SIMD loop can leave) of values of every
    magnitude, and the probes of every magnitude themselves."""
    rng = np.random.default_rng(0)
    values = _PROBE_FINITE[np.isfinite(_PROBE_FINITE)]
    stacks = [[rng.choice(values, size=n) for _ in range(3)] for n in range(1, 34)]
    stacks.append([_PROBE_FINITE, _PROBE_FINITE[::-1].copy()])
    try:
        for xs in stacks:
            for x, got in zip(xs, kernel.rows(xs), strict=True):
                if got is None or not all(
                    _fit(a, b) for a, b in zip(kernel.outputs(x), got, strict=True)
                ):
                    return False
    except Exception:
        return False
    return True


def _fit(reference: np.ndarray, ours: Any) -> bool:
    """The kernel's output is what ``evaluate`` gave, as a float64 array of the same shape."""
    return (
        isinstance(ours, np.ndarray)
        and ours.dtype == np.float64
        and ours.shape == reference.shape
        and np.array_equal(reference, ours, equal_nan=True)
    )


def elementwise_body(
    kernel: Kernel, x: np.ndarray, outputs: tuple[np.ndarray, np.ndarray] | None = None
) -> bytes | None:
    """The response body of the call ``{"x": x}`` (x float64 and finite: :func:`nested_x`)
    from the kernel's ``outputs`` (computed here when None), or None when a value of an
    answer is not finite, or an answer is not a float64 array of x's shape (the endpoint
    answers those: non-finite strings, constant derivatives)."""
    y, d = kernel.outputs(x) if outputs is None else outputs
    if not (
        type(y) is np.ndarray
        and type(d) is np.ndarray
        and y.dtype == np.float64
        and d.dtype == np.float64
        and y.shape == x.shape == d.shape
    ):
        return None
    out = orjson.dumps({"value": y, "derivative": d}, option=orjson.OPT_SERIALIZE_NUMPY)
    return None if b"null" in out else out  # orjson writes a non-finite number as null


def nested_x(value: Any, settings: Any) -> np.ndarray | None:
    """``x`` as float64 when it is a non-empty rectangular nested list of numbers well within
    the limits, else None. (Booleans are excluded by the caller: np.asarray reads them as
    numbers.) Every value is finite: ``value`` comes from orjson, which refuses NaN,
    Infinity and numbers beyond float64's range."""
    if not isinstance(value, list):
        return None
    try:
        x = np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        return None
    n = x.size
    if (
        x.dtype.kind not in "fiu"
        or n == 0
        or x.ndim > settings.max_ndim
        or 2 * n * _MARGIN > settings.max_elements
        or 2 * n * 25 * _MARGIN > getattr(settings, "max_response_bytes", 1 << 62)
    ):
        return None
    return x.astype(np.float64, copy=False)


@dataclass(frozen=True)
class PlainLoss:
    """A loss whose plain call ``{"y_true", "y_pred"}`` is answered here. ``params``: its
    parameters resolved once for the name as called (an alias may imply some), when the
    call can skip ``evaluate_loss``'s checks (``losses.evaluate_plain``: a dense loss of
    y_true and y_pred), else None."""

    entry: lo.Loss
    params: dict[str, Any] | None
    stacks: bool = False  # lo.stacks_rows: calls of it are computed together


@functools.lru_cache(maxsize=256)
def plain_loss(name: str) -> PlainLoss | None:
    """The loss ``name`` (any spelling) when its plain call is answered here (its main input
    is y_pred), else None."""
    try:
        entry = lo.LOSSES.get(name)
    except Exception:
        return None
    if isinstance(entry, lo.MoreLoss):
        return PlainLoss(entry, None) if entry.main_input == "y_pred" else None
    try:
        params = None if entry.sparse else lo.resolve_loss_params(entry, name, {})
    except Exception:
        params = None
    return PlainLoss(entry, params, params is not None and lo.stacks_rows(entry, params))


def plain_loss_body(result: lo.LossResult) -> bytes | None:
    """The bytes of ``loss_body(result, nested encoder, "mean")`` written directly, when the
    result has a gradient of y_pred only, at least 1-d, and every number is finite; else None
    (then the answer builder writes them, with its non-finite strings)."""
    grad, per = result.grad, result.per_sample
    loss = float(result.loss)
    if result.grads or not (grad.ndim and math.isfinite(loss)):
        return None
    grad_json = finite_array_json(grad)
    per_json = orjson.dumps(float(per)) if per.ndim == 0 else finite_array_json(per)
    if grad_json is None or per_json is None or per_json == b"null":
        return None
    return b"".join(
        (
            b'{"loss":',
            orjson.dumps(loss),
            b',"grad":',
            grad_json,
            b',"per_sample":',
            per_json,
            b',"warnings":',
            orjson.dumps(result.warnings),
            b"}",
        )
    )


_F64 = np.dtype(np.float64)


def _dense_f64(a: Any) -> bool:
    """A float64 array of at least one dimension and no empty axis (as the nested encoder
    writes it)."""
    return type(a) is np.ndarray and a.dtype == _F64 and a.ndim > 0 and a.size > 0


def plain_step_body(result: optim.StepResult, enc: Encoder) -> bytes | None:
    """The bytes of ``step_body(result, enc)`` written directly, for the nested encoder of
    float64 arrays, one parameter tensor, every number finite and the stats plain Python
    numbers; else None (then the answer builder writes them). One orjson call writes the
    whole answer; a non-finite number anywhere comes out as ``null``, which no finite
    number's text contains."""
    if enc.form != TensorForm.nested or enc.dtype is not None:
        return None
    state = result.state
    slots = state["slots"]
    if not _dense_f64(result.params) or not all(_dense_f64(v) for v in slots.values()):
        return None
    for v in result.stats.values():
        if type(v) not in _PLAIN_STATS:
            return None
    try:
        out = orjson.dumps(
            {
                "params": result.params,
                "state": {"optimizer": state["optimizer"], "step": state["step"], "slots": slots},
                "stats": result.stats,
            },
            option=orjson.OPT_SERIALIZE_NUMPY,
        )
    except TypeError:  # an array orjson does not write (not C-contiguous)
        return None
    return None if b"null" in out else out


_PLAIN_STATS = frozenset((int, bool, float))


@functools.lru_cache(maxsize=1024)
def plain_step(
    name: str, hyperparams: bytes
) -> tuple[optim.Optimizer, dict[str, Any], optim.Schedule, Callable[..., Any]] | None:
    """The optimizer ``name`` (any spelling) under convention torch with ``hyperparams`` (the
    JSON text of the request's object) resolved, its constant schedule, and the step of
    many such calls at once (``optimizers.step_rows`` bound to them); None when either does
    not resolve (the full path names the problem)."""
    try:
        opt = optim.under_convention(optim.OPTIMIZERS.get(name), "torch")
        hp = optim.resolve_hyperparams(opt, orjson.loads(hyperparams))
        sched = optim.resolve_schedule(None, optim.base_lr(hp))
    except Exception:
        return None
    return opt, hp, sched, functools.partial(optim.step_rows, opt, hp, sched)


@functools.lru_cache(maxsize=1024)
def plain_step_outputs(name: str, hyperparams: bytes, shapes: tuple[tuple[int, ...], ...]) -> int:
    """``output_elements`` of a resolved :func:`plain_step` for these parameter shapes."""
    plan = plain_step(name, hyperparams)
    assert plan is not None
    return output_elements(plan[0], plan[1], list(shapes))


_NESTED = Encoder(TensorForm.nested)


def plain_step_arrays(
    params: Any, grads: Any, state: dict[str, Any] | None, settings: Any
) -> tuple[np.ndarray, np.ndarray, dict[str, Any] | None, tuple[int, ...]] | None:
    """``params``, ``grads`` and the state's slots as the endpoint decodes them (float64
    arrays) when each is a nested list :func:`nested_x` takes and the state is null or an
    object whose slots are all such lists, with the element counts the decoding charges in
    its order; else None (then the endpoint's decoding). The state keeps its other keys for
    the optimizer's own checks."""
    p = nested_x(params, settings)
    g = nested_x(grads, settings)
    if p is None or g is None:
        return None
    if state is None:
        return p, g, None, (p.size, g.size)
    slots = state.get("slots")
    if not isinstance(slots, dict):
        return None
    arrays: dict[str, np.ndarray] = {}
    for key, value in slots.items():
        a = nested_x(value, settings)
        if a is None:
            return None
        arrays[key] = a
    sizes = (p.size, g.size, *(a.size for a in arrays.values()))
    return p, g, {**state, "slots": arrays}, sizes


@functools.lru_cache(maxsize=1024)
def _work(takes: tuple[int, ...], response: int) -> dict[str, int]:
    """What the access log reports of a budget charged ``takes`` elements and the nested
    float64 response of ``response`` elements (a budget without limits does the arithmetic;
    the caller has checked the limits). Shared between calls: nothing changes it."""
    budget = Budget(1 << 62, 1 << 10, 1 << 10, max_response_bytes=1 << 62)
    for n in takes:
        budget.take(n, ())
    budget.take_response(response, TensorForm.nested, None, ())
    work: dict[str, int] = work_of({"budget": budget})
    return work


class Slot:
    """A compute slot of the admission control, given back once (``release``): before the
    call waits for its group (:meth:`FastPath._together`: the slot was its gate), else at the
    end of the call."""

    __slots__ = ("_release",)

    def __init__(self, release: Callable[[], None]) -> None:
        self._release: Callable[[], None] | None = release

    def release(self) -> None:
        if self._release is not None:
            release, self._release = self._release, None
            release()


class FastPath:
    """The fast path in front of the whole app (see the module docstring): ``full`` is the
    app's full path (every middleware, FastAPI's routing), ``host`` the FastAPI app whose
    routes, settings, metrics and admission it shares."""

    def __init__(self, host: FastAPI, full: ASGIApp) -> None:
        self.host = host
        self.app = full
        self._dispatch: Dispatch | None = None
        self.coalescer = Coalescer()
        # the app's settings, admission control and metrics, kept here: each read through
        # Starlette's ``app.state`` costs ~0.7 µs (a failed attribute lookup, then its
        # ``__getattr__``), four of them a small call's ~20 µs
        state = host.state
        self.settings = settings = state.settings
        self.admission = state.admission
        self.metrics = state.metrics
        # the API key and CORS are answered by the full path's middleware only
        self.enabled = not settings.api_key and not settings.cors_origins
        self.log = settings.access_log == "json"

    @property
    def dispatch(self) -> Dispatch:
        # built on first use: every router is included by then
        if self._dispatch is None:
            self._dispatch = Dispatch(self.host.router.routes, only=ROUTES)
        return self._dispatch

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope.get("root_path")
            or not self.enabled
        ):
            await self.app(scope, receive, send)
            return
        found = self.dispatch.match(scope["path"])
        length = _small_json(scope) if found is not None else None
        if found is None or length is None or length > self.settings.max_body_bytes:
            await self.app(scope, receive, send)  # the body limit's 413 is the full path's
            return
        target, name = found
        start = time.perf_counter()

        # the body (at most MAX_BODY bytes), kept to be replayed if the full path answers
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":  # a disconnect: the full path sees it
                await self.app(scope, _replay(messages, receive), send)
                return
            size += len(message.get("body", b""))
            if not message.get("more_body", False) or size > MAX_BODY:
                break
        admission = self.admission
        if size > MAX_BODY or not admission.try_acquire_now():  # busy: the full path queues
            await self.app(scope, _replay(messages, receive), send)
            return
        slot = Slot(admission.release)
        try:
            await self._serve(scope, receive, send, target, name, messages, start, slot)
        finally:
            slot.release()

    async def _serve(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        target: Target,
        name: str | None,
        messages: list[Message],
        start: float,
        slot: Slot,
    ) -> None:
        """Answer a small call holding a compute slot: the request id, the answer (or the full
        path's), the Server-Timing and X-Request-ID headers, the metrics and the access log,
        as the middleware would."""
        body = (
            messages[0].get("body", b"")
            if len(messages) == 1
            else b"".join(m.get("body", b"") for m in messages)
        )
        scope["app"] = self.host
        rid = take_request_id(scope)
        response: Response | None = None
        quick: bytes | None = None
        try:
            if name is not None and target is self.dispatch.named.get(_ACTIVATIONS):
                quick = await self._elementwise(name, body, scope, slot)
            elif name is not None and target is self.dispatch.named.get(_LOSSES):
                quick = await self._loss(name, body, scope, slot)
            elif name is not None and target is self.dispatch.named.get(_STEPS):
                quick = await self._step(name, body, scope, slot)
            if quick is None:
                response = await self._answer(target, name, body, scope)
        except Exception:  # the full path answers (and names) every error
            response = quick = None
        if quick is None and response is None:
            scope.pop(SERVED, None)
            await self.app(scope, _replay(messages, receive), send)
            return
        ours = (REQUEST_ID_HEADER, rid.encode("ascii"))
        if quick is not None:
            status = 200
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-length", str(len(quick)).encode()),
                        (b"content-type", b"application/json"),
                        server_timing(start),
                        ours,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": quick})
        else:
            assert response is not None
            status = response.status_code

            async def send_with_headers(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = [*message.get("headers", ()), server_timing(start), ours]
                    message = {**message, "headers": headers}
                await send(message)

            await response(scope, receive, send_with_headers)
        self.metrics.record(scope, status, time.perf_counter() - start)
        if self.log:
            log_access(scope, rid, status, start)

    async def _elementwise(self, name: str, body: bytes, scope: Scope, slot: Slot) -> bytes | None:
        """The answer to ``{"x": [...]}`` of an elementwise activation, from its kernel; None
        when the call is anything else."""
        kernel = elementwise_kernel(name)
        if kernel is None:
            return None
        data = orjson.loads(body)
        if not (isinstance(data, dict) and len(data) == 1) or bools_in_lists(body):
            return None
        x = nested_x(data.get("x"), self.settings)
        if x is None:
            return None
        outputs = None
        if kernel.stacks:
            key = (_ACTIVATIONS, name, x.shape)
            outputs = await self._together(key, x, x.size, kernel.rows, slot)
        out = elementwise_body(kernel, x, outputs)
        if out is None:
            return None
        # the endpoint's charges, for the access log (within the limits: nested_x): x on
        # decoding, one more output of its size, and the response estimate of the two outputs
        self._served(scope, _ACTIVATIONS, name, None, _work((x.size, x.size), 2 * x.size))
        return out

    def _together(
        self, key: Any, item: Any, elements: int, compute: Any, slot: Slot
    ) -> Awaitable[Any]:
        """The result of ``item`` computed with the calls of the same ``key`` that arrive in
        this turn of the event loop (:mod:`service.coalesce`), or None when it is to be
        computed alone. The compute slot was the gate (a free slot and nobody queued, as for
        every call this path takes); it is given back before the wait, since the group is
        computed inline in the event loop's next turn, bounded like one call, as a small call
        always was. Holding it through the wait would leave later calls of the same burst
        without a slot, to the full path's queue."""
        slot.release()
        return self.coalescer.run(key, item, elements, compute)

    async def _loss(self, name: str, body: bytes, scope: Scope, slot: Slot) -> bytes | None:
        """The answer to ``{"y_true": [...], "y_pred": [...]}``: the endpoint's charges and
        computation (``losses.evaluate_plain`` where its checks are met here, else the
        endpoint's own ``evaluate_loss`` call) and its answer, without decoding through the
        request model; None when the call is anything else."""
        plain = plain_loss(name)
        if plain is None:
            return None
        entry = plain.entry
        data = orjson.loads(body)
        if not (isinstance(data, dict) and data.keys() == _LOSS_FIELDS) or bools_in_lists(body):
            return None
        settings = self.settings
        y_pred = nested_x(data["y_pred"], settings)
        y_true = nested_x(data["y_true"], settings)
        if y_pred is None or y_true is None:
            return None
        # the endpoint's charges: y_pred, y_true, then its outputs (grad, per_sample, loss)
        samples = y_pred.size // y_pred.shape[-1] if y_pred.ndim and y_pred.shape[-1] else 1
        n_out = y_pred.size + 2 * samples
        if (y_pred.size + y_true.size + n_out) * _MARGIN > settings.max_elements:
            return None
        takes = (y_pred.size, y_true.size, n_out, 0)  # y_pred, y_true, outputs, grads
        budget = None
        if plain.params is not None and y_true.shape == y_pred.shape:  # finite: nested_x
            result = None
            if plain.stacks:
                rows = functools.partial(lo.evaluate_plain_rows, entry, plain.params)
                result = await self._together(
                    (_LOSSES, name), (y_true, y_pred), y_pred.size, rows, slot
                )
            if result is None:
                result = lo.evaluate_plain(entry, plain.params, y_true, y_pred)
        else:
            budget = new_budget(settings, Request(scope))
            for n, field in zip(takes, ("y_pred", "y_true", "y_pred", "grads"), strict=True):
                budget.take(n, ("body", field))
            budget.take_response(n_out, TensorForm.nested, None, ("body", "y_pred"))
            result = lo.evaluate_loss(
                name,
                y_true,
                y_pred,
                decode_params(entry.params, None, ("params",), budget),
                max_hessian_elements=settings.max_hessian_elements,
                inputs={},
            )
        out = plain_loss_body(result) or render(
            loss_body(result, Encoder(TensorForm.nested), "mean")
        )
        self._served(scope, _LOSSES, name, budget, None if budget else _work(takes, n_out))
        return out

    async def _step(self, name: str, body: bytes, scope: Scope, slot: Slot) -> bytes | None:
        """The answer to ``{"params", "grads"[, "state"][, "hyperparams"]}``: the endpoint's
        decoding, charges, step and answer (``step_body``) with the hyperparameters resolved
        once for a repeated call (:func:`plain_step`), without the request model; None when
        the call is anything else."""
        data = orjson.loads(body)
        if (
            not isinstance(data, dict)
            or not _STEP_NEEDS <= data.keys() <= _STEP_FIELDS
            or bools_in_lists(body)
        ):
            return None
        hyper = data.get("hyperparams", {})
        state = data.get("state")
        if not isinstance(hyper, dict) or not (state is None or isinstance(state, dict)):
            return None
        hyper_json = orjson.dumps(hyper)
        plan = plain_step(name, hyper_json)
        if plan is None:
            return None
        opt, hp, sched, rows = plan
        settings = self.settings
        budget: Budget | None = None
        work = None
        lists = plain_step_arrays(data["params"], data["grads"], state, settings)
        if lists is not None:  # nested lists: decoded as the endpoint does, charges known
            params, grads, state, takes = lists
            n_out = plain_step_outputs(name, hyper_json, (params.shape,))
            if (sum(takes) + n_out) * _MARGIN > settings.max_elements or (
                25 * n_out * _MARGIN > getattr(settings, "max_response_bytes", 1 << 62)
            ):
                return None  # near the limits the full path decides
            enc = _NESTED
            work = _work((*takes, n_out), n_out)
            result = await self._together(
                (_STEPS, name, hyper_json), (params, grads, state), params.size, rows, slot
            )
        else:
            budget = new_budget(settings, Request(scope))
            params, leaves = decode_tree_arrays(data["params"], ("params",), budget)
            grads, _ = decode_tree_arrays(data["grads"], ("grads",), budget)
            state = decode_state(state, ("state",), budget)
            shapes = tuple(leaf.array.shape for leaf in leaves)
            n_out = plain_step_outputs(name, hyper_json, shapes)
            budget.take(n_out, ("body", "params"))
            enc = encoder_for(leaves[0])
            budget.take_response(n_out, enc.form, enc.dtype, ("body", "params"))
            result = None
        if result is None:
            result = optim.step_resolved(opt, dict(hp), params, grads, state, sched)
        out = plain_step_body(result, enc) or render(step_body(result, enc))
        self._served(scope, _STEPS, name, budget, work)
        return out

    def _served(
        self,
        scope: Scope,
        key: tuple[str, str],
        name: str,
        budget: Any,
        work: dict[str, int] | None = None,
    ) -> None:
        """Record on the scope what the full path would have: the matched route, the path
        parameter, the budget (the access log reports its charges) or, for a call whose
        charges are known from its sizes, what the access log reports of them (``work``)."""
        route = self.dispatch.named[key]
        scope["route"] = route.route
        scope["endpoint"] = route.endpoint
        scope["path_params"] = {route.name_param: name}
        state = scope.setdefault("state", {})
        if work is not None:
            state["work"] = work
        else:
            state["budget"] = budget
        scope[SERVED] = True

    async def _answer(
        self, target: Target, name: str | None, body: bytes, scope: Scope
    ) -> Response | None:
        data = orjson.loads(body)
        if not isinstance(data, dict):
            return None
        req, errors = target.validate(data)
        if errors:
            return None
        scope[BOOLS_IN_LISTS] = bools_in_lists(body)
        scope["route"] = target.route
        scope["endpoint"] = target.endpoint
        scope["path_params"] = {target.name_param: name} if target.name_param else {}
        result = await target.call(name, req, Request(scope))
        if not isinstance(result, Response) or result.background is not None:
            return None
        scope[SERVED] = True
        return result


class FastPathAPI(FastAPI):
    """FastAPI with, in front of its middleware stack, response compression (``compression``,
    :mod:`service.compression`) and then :class:`FastPath` (``fast_path`` set by
    :func:`install`); everything else is FastAPI's."""

    fast_path: FastPath | None = None
    compression: ResponseCompression | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if scope["method"] == "HEAD":
                send = without_content(send)  # GET's answer, compressed as GET's would be
            if self.compression is not None:
                send = self.compression.wrap(scope, send)
            fast = self.fast_path
            if fast is not None and scope["method"] == "POST":
                await fast(scope, receive, send)
                return
        await super().__call__(scope, receive, send)


def install(app: FastPathAPI) -> None:
    """Put the fast path in front of ``app`` (its settings, metrics and admission on
    ``app.state``)."""
    app.fast_path = FastPath(app, functools.partial(FastAPI.__call__, app))


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A receive that gives the messages already read, in order, then whatever the server
    sends next."""
    pending = messages[::-1]

    async def replay() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replay
