"""The small-call fast path: ``POST /v1/activations/{name}``, ``/v1/losses/{name}`` and
``/v1/optimizers/{name}/step`` with a small JSON body, without FastAPI's routing machinery.

A pure ASGI layer, installed innermost (inside the request-id, metrics, body-limit, API-key
and admission middleware, which all stay on). For a request it can take, it does what the
full path does, with the same objects and in the same order, minus the generic machinery
that the profile showed to cost most of a small call (route matching over every route, the
dependency solver, FastAPI's body reading and error wrapping):

1. match the path against a table built once from the app's own routes (a dict lookup on
   the family segment, not a walk over every route);
2. read the body (only when ``Content-Length`` is at most ``MAX_BODY`` and the type is
   ``application/json``), parse it with orjson and validate it with the route's own body
   field (FastAPI's own validator for it: every field of the model, including fields added
   later, is validated exactly as FastAPI validates it);
3. call the route's own endpoint with the values FastAPI would have injected (path name,
   model, ``Request``, the per-request budget, settings) and send the ``Response`` it
   returns. Plain ``def`` endpoints run inline: with a body this small their work is
   smaller than the threadpool round trip (the rule of ``service.api.deps.run_bounded``).

Anything else falls back to the full FastAPI path, with the body replayed: a larger or
chunked body, another content type, a body that is not JSON or not valid for the model,
a route whose endpoint asks for something the table does not know how to supply, and any
exception at all (an unknown name, a 422 from decoding, a limit). The full path then
produces the answer, so error answers, validation messages and the OpenAPI document are
exactly those of FastAPI; a successful answer is the same ``Response`` object built by the
same endpoint, so its bytes and headers are identical too (tests/test_fastpath.py checks
both on a table of requests).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Container, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.deps import INLINE_MAX_BODY_BYTES, get_budget, get_settings, new_budget
from service.compute import activations as act
from service.wire.bigb64 import bools_in_lists
from service.wire.json import BOOLS_IN_LISTS
from service.wire.tensors import TensorForm

# The routes served here: path template -> the family segment and the tail after {name}.
ROUTES: dict[str, tuple[str, str]] = {
    "/v1/activations/{name}": ("activations", ""),
    "/v1/losses/{name}": ("losses", ""),
    "/v1/optimizers/{name}/step": ("optimizers", "step"),
}

_ACTIVATIONS = ("activations", "")

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
        elif key == b"transfer-encoding":
            return None
    if not json_type or length is None or not 0 < length <= MAX_BODY:
        return None
    return length


# ---------------------------------------------------------------------------------------------
# The commonest call of all, precomputed: an elementwise activation at a nested list ``x``
# with nothing else in the body (value and derivative, float64, nested lists out).

_NUMPY = orjson.OPT_SERIALIZE_NUMPY
# the kernel answers only well inside the limits (elements, response size): near them the
# full path decides, with its own accounting
_MARGIN = 4


@dataclass(frozen=True)
class Kernel:
    """An elementwise activation with its parameters resolved once (their defaults): the
    outputs of ``evaluate(name, x)`` without resolving anything per call."""

    entry: act.Activation
    params: dict[str, Any]
    keys: tuple[bytes, ...]

    def outputs(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        derivative = self.entry.derivative
        assert derivative is not None
        y = self.entry.forward(x, dict(self.params), -1)
        return y, derivative(x, dict(self.params))


@functools.lru_cache(maxsize=256)
def elementwise_kernel(name: str) -> Kernel | None:
    """The kernel of the activation ``name`` (any spelling), or None when it is unknown, not
    elementwise, or its default outputs are not value and derivative (then the endpoint
    answers). Checked once against ``evaluate`` on a probe."""
    try:
        entry = act.ACTIVATIONS.get(name)
        if entry.kind != "elementwise" or entry.derivative is None:
            return None
        _, params = act.resolve(entry.name, {})
        probe = np.linspace(-3.0, 3.0, 7)
        reference = act.evaluate(entry.name, probe)
        kernel = Kernel(entry, params, (b'{"value":', b',"derivative":'))
        ours = kernel.outputs(probe)
    except Exception:
        return None
    if list(reference) != ["value", "derivative"] or not all(
        np.array_equal(a, b, equal_nan=True) for a, b in zip(reference.values(), ours, strict=True)
    ):
        return None
    return kernel


def elementwise_body(kernel: Kernel, x: np.ndarray) -> bytes | None:
    """The response body of the call ``{"x": x}`` (x already float64), or None when a value
    is not finite (the encoder's non-finite strings are the endpoint's business)."""
    y, d = kernel.outputs(x)
    if not (
        y.dtype == np.float64
        and d.dtype == np.float64
        and y.shape == x.shape == d.shape
        and np.isfinite(y).all()
        and np.isfinite(d).all()
    ):
        return None
    first, second = kernel.keys
    return (
        first
        + orjson.dumps(np.ascontiguousarray(y), option=_NUMPY)
        + second
        + orjson.dumps(np.ascontiguousarray(d), option=_NUMPY)
        + b"}"
    )


def nested_x(value: Any, settings: Any) -> np.ndarray | None:
    """``x`` as float64 when it is a non-empty rectangular nested list of numbers well within
    the limits, else None. (Booleans are excluded by the caller: np.asarray reads them as
    numbers.)"""
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


class FastPath:
    """ASGI layer answering small calls of :data:`ROUTES` (see the module docstring)."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.routes = routes
        self._dispatch: Dispatch | None = None

    @property
    def dispatch(self) -> Dispatch:
        # built on first use: every router is included by then
        if self._dispatch is None:
            self._dispatch = Dispatch(self.routes, only=ROUTES)
        return self._dispatch

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope.get("root_path"):
            await self.app(scope, receive, send)
            return
        found = self.dispatch.match(scope["path"])
        length = _small_json(scope) if found is not None else None
        if found is None or length is None:
            await self.app(scope, receive, send)
            return
        target, name = found

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
        body = (
            messages[0].get("body", b"")
            if len(messages) == 1
            else b"".join(m.get("body", b"") for m in messages)
        )
        response: Response | None = None
        quick: bytes | None = None
        if size <= MAX_BODY:
            try:
                if target is self.dispatch.named.get(_ACTIVATIONS) and name is not None:
                    quick = self._elementwise(name, body, scope)
                if quick is None:
                    response = await self._answer(target, name, body, scope)
            except Exception:  # the full path answers (and names) every error
                response = quick = None
        if quick is not None:
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-length", str(len(quick)).encode()),
                        (b"content-type", b"application/json"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": quick})
            return
        if response is None:
            await self.app(scope, _replay(messages, receive), send)
            return
        await response(scope, receive, send)

    def _elementwise(self, name: str, body: bytes, scope: Scope) -> bytes | None:
        """The answer to ``{"x": [...]}`` of an elementwise activation, from its kernel; None
        when the call is anything else."""
        kernel = elementwise_kernel(name)
        if kernel is None:
            return None
        data = orjson.loads(body)
        if not (isinstance(data, dict) and len(data) == 1) or bools_in_lists(body):
            return None
        x = nested_x(data.get("x"), scope["app"].state.settings)
        if x is None:
            return None
        out = elementwise_body(kernel, x)
        if out is None:
            return None
        route = self.dispatch.named[_ACTIVATIONS]
        scope["route"] = route.route
        scope["endpoint"] = route.endpoint
        scope["path_params"] = {route.name_param: name}
        # the endpoint's charges (the access log reports them): x on decoding, one more
        # output of its size, and the response estimate of the two outputs
        budget = new_budget(scope["app"].state.settings, Request(scope))
        budget.take(x.size, ("body", "x"))
        budget.take(x.size, ("body", "x"))
        budget.take_response(2 * x.size, TensorForm.nested, None, ("body", "x"))
        scope.setdefault("state", {})["budget"] = budget
        scope[SERVED] = True
        return out

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


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A receive that gives the messages already read, in order, then whatever the server
    sends next."""
    pending = messages[::-1]

    async def replay() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replay
