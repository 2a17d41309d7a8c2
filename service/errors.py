"""Every error becomes RFC 9457 problem+json, here and only here.

Domain errors from ``service.compute`` carry ``loc`` relative to the request body; FastAPI's
own request validation errors, Starlette's HTTP errors (404 path, 405 method) and anything
unexpected are mapped to the same shape: ``{"type", "title", "status", "detail", "errors"}``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from service.domain_errors import DomainError, LimitExceededError, UnknownNameError
from service.wire.json import ProblemResponse
from service.wire.oip import error_response as oip_error_response
from service.wire.oip import is_oip_path

log = logging.getLogger("gradserve")

TYPE_BASE = "urn:gradserve:problem:"
_LOC_ROOTS = ("body", "query", "path", "header")


def problem(
    status: int,
    detail: str,
    errors: Sequence[dict[str, Any]] = (),
    *,
    title: str | None = None,
    slug: str | None = None,
    headers: dict[str, str] | None = None,
) -> ProblemResponse:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return ProblemResponse(
        {
            "type": TYPE_BASE + (slug or phrase.lower().replace(" ", "-")),
            "title": title or phrase,
            "status": status,
            "detail": detail,
            "errors": list(errors),
        },
        status_code=status,
        headers=headers,
    )


def body_loc(loc: Sequence[str | int]) -> list[str | int]:
    """Compute-layer locs are relative to the body unless they name another root."""
    loc = list(loc)
    if loc and loc[0] in _LOC_ROOTS:
        return loc
    return ["body", *loc]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


_KINDS: dict[type[DomainError], tuple[int, str, str]] = {
    UnknownNameError: (404, "Unknown name", "unknown-name"),
    LimitExceededError: (422, "Limit exceeded", "limit-exceeded"),
    DomainError: (422, "Invalid input", "invalid-input"),
}


def setting_name(limit: str) -> str:
    """The environment variable of a settings field: max_elements → GRADSERVE_MAX_ELEMENTS."""
    return f"GRADSERVE_{limit.upper()}"


def describe(exc: DomainError) -> tuple[int, str, str, str]:
    """(status, title, slug, message) of a domain error; a limit names its setting."""
    kind = next(k for k in type(exc).__mro__ if k in _KINDS)
    status, title, slug = _KINDS[kind]
    msg = exc.msg
    if isinstance(exc, LimitExceededError):
        msg = f"{msg} (limit {exc.value}, setting {setting_name(exc.limit)})"
    return status, title, slug, msg


async def compute_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    status, title, slug, msg = describe(exc)
    loc = body_loc(exc.loc)
    detail = exc.detail if status == 404 else f"{'.'.join(map(str, loc))}: {msg}"
    return problem(status, detail, [{"loc": loc, "msg": msg}], title=title, slug=slug)


def _tags(node: Any) -> set[str]:
    """The tags a discriminated union may have put in a loc at this node of the body: its
    `kind` or `type`, or its `target.kind` (POST /v1/verify)."""
    if not isinstance(node, dict):
        return set()
    target = node.get("target")
    found = [
        node.get("kind"),
        node.get("type"),
        target.get("kind") if isinstance(target, dict) else None,
    ]
    return {t for t in found if isinstance(t, str)}


def clean_loc(loc: Sequence[Any], body: Any) -> list[Any]:
    """The loc as a place in the body: pydantic puts a discriminated union member's tag in
    the loc (["body", "layers", 2, "dense", "weight"]); the body has no such level."""
    out: list[Any] = []
    node: Any = body
    for i, part in enumerate(loc):
        if i == 0 and part == "body":
            out.append(part)
            continue
        if part == "target_kind()":
            continue  # verify's callable discriminator
        if isinstance(node, dict) and part not in node and part in _tags(node):
            continue
        out.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return out


def _json_reason(err: Mapping[str, Any], request: Request) -> str:
    """What the JSON parser (orjson) found and where, and what the service expects there:
    numbers within float64's range, and nesting no deeper than its depth limit."""
    reason = str((err.get("ctx") or {}).get("error", "")).split(":", 1)[0]
    if not reason:
        return ""
    where = err.get("loc", ())[1:2]
    text = f" ({reason}" + (f" at character {where[0]}" if where else "") + ")"
    if "infinity" in reason:
        text += (
            ": numbers must be within float64's range; non-finite values are the strings "
            '"NaN", "Infinity" and "-Infinity"'
        )
    elif "depth" in reason:
        settings = getattr(request.app.state, "settings", None)
        limit = getattr(settings, "max_depth", None)
        if limit is not None:
            text += f": nesting is limited to {limit} levels (setting GRADSERVE_MAX_DEPTH)"
    return text


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = []
    body = getattr(exc, "body", None)
    for err in exc.errors():
        loc = clean_loc(err.get("loc", ()), body)
        msg = str(err.get("msg", "invalid"))
        etype = err.get("type", "")
        if etype == "json_invalid":
            msg = "expected a JSON object (UTF-8), got a body that is not valid JSON" + (
                _json_reason(err, request)
            )
            loc = ["body"]
        elif etype in ("model_attributes_type", "dict_type") and loc == ["body"]:
            msg = "expected a JSON object, got " + type(err.get("input")).__name__
        elif etype in ("union_tag_invalid", "union_tag_not_found"):
            ctx = err.get("ctx") or {}
            where = str(ctx.get("discriminator", "kind")).strip("'")
            # a callable discriminator (verify's target_kind()) reads target.kind
            loc = [*loc, *(["target", "kind"] if where.endswith("()") else [where])]
            if etype == "union_tag_not_found":
                msg = "field required"
            else:
                msg = f"expected one of {ctx.get('expected_tags')}, got {ctx.get('tag')!r}"
        elif etype == "missing":
            msg = "field required"
        elif etype == "extra_forbidden":
            msg = f"unknown field {loc[-1]!r}"
        elif "input" in err and etype not in ("missing",):
            msg = f"{msg}; got {_short(err['input'])}"
        errors.append({"loc": loc, "msg": msg})
    first = errors[0] if errors else {"loc": ["body"], "msg": "invalid request"}
    detail = f"{'.'.join(map(str, first['loc']))}: {first['msg']}"
    if len(errors) > 1:
        detail += f" (and {len(errors) - 1} more)"
    return problem(422, detail, errors, title="Invalid input", slug="invalid-input")


def _allowed_methods(request: Request) -> str:
    """Every method any route serves on this path (Starlette reports only the first route's)."""
    from starlette.routing import Match

    methods: set[str] = set()
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            methods.add(method)
    return ", ".join(sorted(methods))


async def http_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    errors: list[dict[str, Any]] = []
    if exc.status_code == 405:
        allowed = _allowed_methods(request) or headers.get("Allow", "")
        headers["Allow"] = allowed
        detail = f"method {request.method} is not allowed here; allowed: {allowed}"
    elif exc.status_code == 404 and detail == "Not Found":
        detail = f"no such path: {request.url.path}"
        path = request.url.path
        if path.startswith("/v2/repository/models/") and path.endswith(("/load", "/unload")):
            detail += (
                "; loading and unloading models is not served: every model is built in and "
                "always loaded (POST /v2/repository/index lists them)"
            )
    return problem(exc.status_code, detail, errors, headers=headers or None)


async def unexpected_error_handler(request: Request, exc: Exception) -> Response:
    # runs outside the middleware (Starlette's ServerErrorMiddleware), so the request id
    # (set on request.state by RequestIdMiddleware) is logged and echoed here
    rid = getattr(request.state, "request_id", None)
    log.exception(
        "unexpected error on %s %s (request_id=%s)",
        request.method,
        request.url.path,
        rid,
        extra={"request_id": rid},
    )
    detail = "internal error; this is a bug in gradserve"
    if rid is None:
        return problem(500, detail)
    return problem(500, f"{detail} (request id {rid})", headers={"X-Request-ID": rid})


Handler = Callable[[Request, Exception], Awaitable[Response]]


def _oip_aware(handler: Handler) -> Handler:
    """Under /v2 (the Open Inference Protocol) the same error in OIP's form:
    ``{"error": detail}``, 400 where /v1 says 422, the Allow header kept."""

    async def wrapped(request: Request, exc: Exception) -> Response:
        response = await handler(request, exc)
        if not is_oip_path(request.url.path):
            return response
        detail = str(orjson.loads(response.body).get("detail", "error"))
        status = 400 if response.status_code == 422 else response.status_code
        keep = {k: response.headers[k] for k in ("Allow", "X-Request-ID") if k in response.headers}
        return oip_error_response(status, detail, keep or None)

    return wrapped


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _oip_aware(compute_error_handler))
    app.add_exception_handler(RequestValidationError, _oip_aware(validation_error_handler))
    app.add_exception_handler(StarletteHTTPException, _oip_aware(http_error_handler))
    app.add_exception_handler(Exception, _oip_aware(unexpected_error_handler))
