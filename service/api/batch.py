"""``POST /v1/batch``: many /v1 POST calls in one request, each answered on its own.

Every item goes to the same endpoint, with the same validation (FastAPI's own body field),
the same injected values and the same error handlers as the call on its own, through the
precomputed dispatch of ``service.fastpath`` (no route matching per item). An item's answer
is the status and body that call would have had alone; one item's error never fails the
others, and the batch is 200 unless its envelope is malformed (422) or holds more than
``GRADSERVE_MAX_BATCH`` items.

Limits apply to the batch as a whole: the items draw on one element budget
(``GRADSERVE_MAX_ELEMENTS``; each item gets what the items before it left), and every work
limit (``GRADSERVE_MAX_FLOW_WORK``, ``..._NETWORK_WORK``, ``..._TRAJECTORY_WORK``,
``..._GRADCHECK_ELEMENTS``, ``..._RESPONSE_BYTES``) is shared evenly among the items.

The common case, many evaluations of elementwise activations with only ``x`` (a nested list
of numbers), is vectorized: the items of one function are evaluated in one NumPy call on the
concatenation of their inputs and cut apart again, with the bytes the call alone would give
(tests/api/test_batch.py checks it for every elementwise activation). Everything else runs
item by item, small calls of the fast-path families inline and the rest as their own route
would (plain ``def`` endpoints in the threadpool); the event loop is given back every
``YIELD_S`` seconds.
"""

from __future__ import annotations

import asyncio
import time
from typing import Annotated, Any

import numpy as np
import orjson
from fastapi import APIRouter, Body, Request
from starlette.responses import Response

from service.api.deps import ELEMENTS_LEFT, SettingsDep
from service.compute import activations as act
from service.compute.errors import LimitExceededError
from service.config import Settings
from service.errors import problem
from service.fastpath import MAX_BODY, ROUTES, SETTINGS, Dispatch, Target
from service.schemas.batch import EXAMPLES, BatchItem, BatchRequest, BatchResponse
from service.schemas.common import problem_responses
from service.wire.bigb64 import bools_in_lists, dumps_sized
from service.wire.json import BOOLS_IN_LISTS, OrjsonRoute, StrictJSONResponse

router = APIRouter(tags=["batch"], route_class=OrjsonRoute)

BATCH_PATH = "/v1/batch"
YIELD_S = 0.002
# work limits shared evenly among the items of a batch (those the settings have)
SHARED_LIMITS = (
    "max_flow_work",
    "max_network_work",
    "max_trajectory_work",
    "max_gradcheck_elements",
    "max_response_bytes",
)
_ACTIVATIONS = ("activations", "")


class BatchJSONResponse(StrictJSONResponse):
    """The batch's answer, assembled as bytes from the items' own response bodies."""

    def render(self, content: Any) -> bytes:
        return content if isinstance(content, bytes) else super().render(content)


@router.post(
    BATCH_PATH,
    response_model=BatchResponse,
    summary="Many calls in one request",
    responses=problem_responses(413, 422),
)
async def batch(
    req: Annotated[BatchRequest, Body(openapi_examples=EXAMPLES)],
    request: Request,
    settings: SettingsDep,
) -> Response:
    """Run each `{"path", "body"}` of `requests` as the POST of `body` to `path` (any /v1
    POST path; query parameters take their defaults) and answer `{"status", "body"}` for
    each, in order: the status and body that call would have had alone, a problem for an
    error. One call's error never fails the others; the batch is 200 unless its envelope is
    malformed. At most `GRADSERVE_MAX_BATCH` calls; the element limit applies to all of them
    together and each work limit is shared evenly among them."""
    items = req.requests
    n = len(items)
    if n > settings.max_batch:
        raise LimitExceededError(
            f"expected at most {settings.max_batch} requests, got {n}",
            "max_batch",
            settings.max_batch,
            ("body", "requests"),
        )
    runner = _Runner(request, settings, n)
    answers: list[bytes | None] = [None] * n
    if not request.scope.get(BOOLS_IN_LISTS):  # no boolean anywhere: lists need no walk
        runner.vectorized(items, answers)
    last = time.perf_counter()
    for i, item in enumerate(items):
        if answers[i] is None:
            answers[i] = await runner.one(item)
            if time.perf_counter() - last > YIELD_S:
                await asyncio.sleep(0)
                last = time.perf_counter()
    # the access log reports the elements the whole batch used
    request.state.work = {"elements": settings.max_elements - runner.left, "calls": n}
    return BatchJSONResponse(b'{"responses":[' + b",".join(answers) + b"]}")  # type: ignore[arg-type]


def _dispatch(request: Request) -> Dispatch:
    state = request.app.state
    found: Dispatch | None = getattr(state, "batch_dispatch", None)
    if found is None:
        found = state.batch_dispatch = Dispatch(
            request.app.router.routes, exclude={BATCH_PATH}, query_defaults=True
        )
    return found


def _item(status: int, body: bytes) -> bytes:
    return b'{"status":%d,"body":%s}' % (status, body)


class _Runner:
    """Runs the items of one batch against its shared element budget."""

    def __init__(self, request: Request, settings: Settings, n: int) -> None:
        self.request = request
        self.dispatch = _dispatch(request)
        shared = {
            name: max(1, getattr(settings, name) // n)
            for name in SHARED_LIMITS
            if n > 1 and hasattr(settings, name)
        }
        self.settings = settings.model_copy(update=shared) if shared else settings
        self.left = settings.max_elements
        outer = request.scope
        self.base: dict[str, Any] = {
            "type": "http",
            "asgi": outer.get("asgi", {"version": "3.0"}),
            "http_version": outer.get("http_version", "1.1"),
            "method": "POST",
            "scheme": outer.get("scheme", "http"),
            "query_string": b"",
            "root_path": outer.get("root_path", ""),
            "client": outer.get("client"),
            "server": outer.get("server"),
            "app": outer.get("app"),
            SETTINGS: self.settings,
        }
        self.request_id = outer.get("state", {}).get("request_id")

    async def one(self, item: BatchItem) -> bytes:
        """One item's answer, as the call alone would have had it."""
        found = self.dispatch.match(item.path)
        if found is None:
            detail = (
                f"no such POST path: {item.path} (a batch item takes any /v1 POST path, "
                "without a query string)"
            )
            return _item(404, _problem_body(404, detail, ["body", "path"]))
        target, name = found
        raw, size = dumps_sized(item.body)  # large b64 payloads stay where they are
        scope = dict(self.base)
        scope.update(
            {
                "path": item.path,
                "raw_path": item.path.encode(),
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(size).encode()),
                ],
                "state": {"request_id": self.request_id},
                "route": target.route,
                "endpoint": target.endpoint,
                "path_params": {target.name_param: name} if target.name_param else {},
                ELEMENTS_LEFT: self.left,
                BOOLS_IN_LISTS: bools_in_lists(raw),
            }
        )
        request = Request(scope)
        # small calls of the fast-path families compute inline, as they would alone
        inline = target.route.path in ROUTES and size <= MAX_BODY
        try:
            value, errors = target.validate(item.body)
            if errors:
                from fastapi.exceptions import RequestValidationError

                raise RequestValidationError(errors, body=item.body)
            result = await target.call(name, value, request, inline=inline)
            response = result if isinstance(result, Response) else StrictJSONResponse(result)
        except Exception as exc:
            response = await self._error(request, exc)
        budget = scope["state"].get("budget")
        self.left -= getattr(budget, "used", 0)
        return _item(response.status_code, _json_body(response))

    async def _error(self, request: Request, exc: Exception) -> Response:
        """The answer of the app's own exception handler for ``exc``."""
        handlers = request.app.exception_handlers
        for cls in type(exc).__mro__:
            handler = handlers.get(cls)
            if handler is not None:
                response: Response = await handler(request, exc)
                return response
        raise exc

    def vectorized(self, items: list[BatchItem], answers: list[bytes | None]) -> None:
        """Answer the items that only evaluate an elementwise activation at a nested list
        ``x``: one NumPy evaluation per function over all their inputs. Items that do not
        fit (another field, another form, booleans, an error anywhere) are left to ``one``."""
        target = self.dispatch.named.get(_ACTIVATIONS)
        if target is None:
            return
        prefix = "/v1/activations/"
        groups: dict[str, list[tuple[int, np.ndarray]]] = {}
        entries: dict[str, act.Activation | None] = {}  # path -> elementwise entry
        charge = 0
        max_ndim = self.settings.max_ndim
        for i, item in enumerate(items):
            body = item.body
            path = item.path
            if not (
                path.startswith(prefix)
                and isinstance(body, dict)
                and len(body) == 1
                and isinstance(body.get("x"), list)
            ):
                continue
            if path in entries:
                entry = entries[path]
            else:
                entry = entries[path] = self._elementwise(path, target)
            if entry is None:
                continue
            try:
                x = np.asarray(body["x"])
            except Exception:
                continue
            if x.dtype.kind not in "fi" or x.size == 0 or x.ndim > max_ndim:
                continue
            groups.setdefault(entry.name, []).append((i, x))
            charge += 2 * x.size  # input and output, as the call alone charges
        if not groups or charge > self.left:
            return
        used = 0
        for name, members in groups.items():
            used += self._evaluate_group(name, members, answers)
        self.left -= used

    def _elementwise(self, path: str, target: Target) -> act.Activation | None:
        """The elementwise activation a path evaluates through ``target``, else None."""
        found = self.dispatch.match(path)
        if found is None or found[0] is not target or not found[1]:
            return None
        try:
            entry = act.ACTIVATIONS.get(found[1])
        except Exception:
            return None
        return entry if entry.kind == "elementwise" else None

    def _evaluate_group(
        self, name: str, members: list[tuple[int, np.ndarray]], answers: list[bytes | None]
    ) -> int:
        """Evaluate one function on the members' inputs at once; the elements charged."""
        flat = np.concatenate([x.reshape(-1) for _, x in members]).astype(np.float64)
        try:
            result = act.evaluate(name, flat)
        except Exception:
            return 0
        outputs = list(result.items())
        for _, y in outputs:
            if not (
                isinstance(y, np.ndarray)
                and y.dtype == np.float64
                and y.shape == flat.shape
                and np.isfinite(y).all()
            ):
                return 0  # non-finite values or another shape: the items go one by one
        keys = [orjson.dumps(k) + b":" for k, _ in outputs]
        shape = members[0][1].shape
        if all(x.shape == shape for _, x in members):
            # one shape (the common case): each output rendered in one call, cut per row
            rows = [_rows(y.reshape(len(members), -1), shape) for _, y in outputs]
            for j, (i, _) in enumerate(members):
                parts = [k + r[j] for k, r in zip(keys, rows, strict=True)]
                answers[i] = _item(200, b"{" + b",".join(parts) + b"}")
            return 2 * flat.size
        start = 0
        for i, x in members:
            stop = start + x.size
            parts = [
                k + orjson.dumps(y[start:stop].reshape(x.shape), option=_NUMPY)
                for k, (_, y) in zip(keys, outputs, strict=True)
            ]
            answers[i] = _item(200, b"{" + b",".join(parts) + b"}")
            start = stop
        return 2 * flat.size


_NUMPY = orjson.OPT_SERIALIZE_NUMPY


def _rows(y: np.ndarray, shape: tuple[int, ...]) -> list[bytes]:
    """The JSON of each row of ``y`` (k x n) reshaped to ``shape``, from one orjson call:
    what ``orjson.dumps(row.reshape(shape))`` gives for each row."""
    if len(shape) == 1:
        text = orjson.dumps(y, option=_NUMPY)  # [[...],[...],...]
        inner = text[2:-2].split(b"],[")
        return [b"[" + r + b"]" for r in inner]
    return [orjson.dumps(row.reshape(shape), option=_NUMPY) for row in y]


def _json_body(response: Response) -> bytes:
    body = bytes(response.body)
    media = response.media_type or ""
    return body if "json" in media else orjson.dumps(body.decode("utf-8", "replace"))


def _problem_body(status: int, detail: str, loc: list[str | int]) -> bytes:
    return bytes(problem(status, detail, [{"loc": loc, "msg": detail}]).body)
