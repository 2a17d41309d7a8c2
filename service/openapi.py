"""The OpenAPI document: FastAPI's, made true for generated clients.

FastAPI builds the paths and the pydantic models; this module adds what it cannot know:
- the named tensor schemas (``Tensor``, ``FlatTensor``, ``B64Tensor``, ``TensorTree``...) that
  every tensor field references (``service.schemas.common.COMPONENTS``);
- every 4xx/5xx response as ``application/problem+json`` with the ``Problem`` schema (FastAPI
  would attach it to ``application/json`` and add its own ``HTTPValidationError``);
- a schema for every non-JSON body (PNG, SVG, the Prometheus text);
- operationIds: the handler's name in lowerCamelCase (``evaluate_activation`` →
  ``evaluateActivation``), unless the route sets its own.
"""

from __future__ import annotations

from typing import Any, cast

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from service.admission import admitted
from service.schemas.common import COMPONENTS, PROBLEM_TEXT, REF_KEY
from service.wire.oip import is_oip_path

_BINARY = {"type": "string", "format": "binary"}
_TEXT = {"type": "string"}
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")


def operation_id(route: APIRoute) -> str:
    """``evaluate_activation`` → ``evaluateActivation`` (FastAPI's generate_unique_id_function)."""
    head, *rest = route.name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _body_schema(media_type: str, current: dict[str, Any] | None) -> dict[str, Any]:
    if current:
        return current
    if media_type.startswith("image/png") or media_type == "application/octet-stream":
        return _BINARY
    return _TEXT


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _resolve_refs(node: Any) -> Any:
    """Turn every ``{"x-gradserve-ref": name, ...}`` into ``{"$ref": ..., ...}``."""
    if isinstance(node, dict):
        out = {k: _resolve_refs(v) for k, v in node.items() if k != REF_KEY}
        if REF_KEY in node:
            return {**ref(node[REF_KEY]), **out}
        return out
    if isinstance(node, list):
        return [_resolve_refs(v) for v in node]
    return node


def _schemas_of(response: dict[str, Any]) -> list[Any]:
    return [body.get("schema") for body in response.get("content", {}).values()]


def _name_union_body(op: dict[str, Any], schemas: dict[str, Any]) -> None:
    """A request body that is an inline union (verify's per-kind requests) becomes a named
    component, ``<OperationId>Request``, so that generated clients name its type."""
    body = op.get("requestBody", {}).get("content", {}).get("application/json")
    if not body or "oneOf" not in body.get("schema", {}):
        return
    name = op["operationId"][:1].upper() + op["operationId"][1:] + "Request"
    schemas[name] = {**body["schema"], "title": name}
    body["schema"] = ref(name)


OVERLOAD_TEXT = (
    "Overloaded (every compute slot and the queue taken) or over GRADSERVE_REQUEST_TIMEOUT: "
    "retry after Retry-After seconds, or on another replica."
)


def _add_overload(op: dict[str, Any], path: str) -> None:
    """503 with Retry-After on an admitted operation, in its path's error form."""
    responses = op.setdefault("responses", {})
    oip = {"application/json": {"schema": ref("OipError")}}
    responses["503"] = {
        "description": OVERLOAD_TEXT,
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds."}},
        **({"content": oip} if is_oip_path(path) else {}),
    }


CODING_TEXT = {
    "400": "A body that cannot be read: compressed (Content-Encoding gzip or deflate) but "
    "not decoding, or an invalid Content-Length.",
    "415": "A Content-Encoding other than gzip, deflate or identity; the Accept-Encoding "
    "header lists the supported codings.",
}


def _add_coding_errors(op: dict[str, Any]) -> None:
    """400 and 415 (service.compression) on an operation that takes a body (it documents
    413), in the error body of its 413."""
    responses = op.get("responses", {})
    if "413" not in responses:
        return
    for code, text in CODING_TEXT.items():
        if code in responses:
            continue
        entry: dict[str, Any] = {"description": text}
        if ref("OipError") in _schemas_of(responses["413"]):
            entry["content"] = responses["413"]["content"]
        if code == "415":
            entry["headers"] = {
                "Accept-Encoding": {"schema": {"type": "string"}, "description": "gzip, deflate"}
            }
        responses[code] = entry


def build(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of ``app`` (cached on the app, as FastAPI's own)."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    spec = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        servers=app.servers,
    )
    schemas: dict[str, Any] = spec.setdefault("components", {}).setdefault("schemas", {})
    for name in _FASTAPI_VALIDATION:
        schemas.pop(name, None)
    schemas.update(COMPONENTS)
    for path, ops in spec["paths"].items():
        for op in ops.values():
            _name_union_body(op, schemas)
            _add_coding_errors(op)
            if admitted(path):  # service.admission may shed it or time it out
                _add_overload(op, path)
            for code, response in op.get("responses", {}).items():
                if code[0] in "45":
                    if ref("OipError") in _schemas_of(response):
                        continue  # the Open Inference Protocol has its own error body
                    response["content"] = {"application/problem+json": {"schema": ref("Problem")}}
                    if response.get("description") in (None, "", "Validation Error"):
                        response["description"] = PROBLEM_TEXT.get(int(code), "Error.")
                    continue
                for media_type, body in response.get("content", {}).items():
                    if "json" not in media_type:
                        body["schema"] = _body_schema(media_type, body.get("schema"))
    spec = _resolve_refs(spec)
    app.openapi_schema = spec
    return cast("dict[str, Any]", spec)


def install(app: FastAPI) -> None:
    """Serve :func:`build`'s document at /openapi.json."""

    def openapi() -> dict[str, Any]:
        return build(app)

    app.openapi = openapi  # type: ignore[method-assign]
