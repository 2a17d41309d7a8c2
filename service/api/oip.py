"""Open Inference Protocol v2 (KServe/Triton) with Triton's binary tensor data extension:
the /v2 routes.

Server metadata, health and readiness, the repository index and every model's statistics;
per model (``activations.<name>``, ``losses.<name>``, ``optimizers.<name>``, every name and
alias, case-insensitive, and ``networks.gradients``) metadata, configuration (Triton's form),
statistics, readiness and infer, also under ``/versions/{version}/`` (any version answers).
The models live in ``service.api.oip_models``, the codec in ``service.wire.oip``, the envelopes in
``service.schemas.oip``. Errors are OIP's ``{"error": ...}``: 404 for an unknown model, 400
for anything wrong with a request, the message naming the input, output or parameter.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine, Mapping
from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Body, Header, Request
from fastapi import Path as PathParam
from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.responses import JSONResponse, Response

from service import __version__
from service.api.deps import budget_of, run_compute
from service.api.oip_models import (
    infer,
    model_config,
    model_metadata,
    model_names,
    resolve_model,
)
from service.compute import activations as act
from service.compute.errors import ComputeError
from service.errors import describe
from service.middleware import PHASES
from service.schemas.oip import (
    OipInferRequest,
    OipInferResponse,
    OipModelConfig,
    OipModelMetadata,
    OipModelReady,
    OipRepositoryIndex,
    OipRepositoryIndexRequest,
    OipServerLive,
    OipServerMetadata,
    OipServerReady,
    OipStatistics,
    oip_error_responses,
)
from service.wire.oip import (
    HEADER_LENGTH,
    OipError,
    error_response,
    parse_header_length,
    read_body,
    split_body,
)

# ---- the route class: raw body for infer, OIP errors everywhere --------------------------


def _validation_message(exc: ValidationError, header: Mapping[str, Any]) -> str:
    """A pydantic error on the header, located by input/output name."""
    err = exc.errors()[0]
    loc = list(err.get("loc", ()))
    where = "the inference header"
    if len(loc) >= 2 and loc[0] in ("inputs", "outputs") and isinstance(loc[1], int):
        items = header.get(loc[0]) or []
        item = items[loc[1]] if loc[1] < len(items) else None
        name = item.get("name") if isinstance(item, dict) else None
        kind = loc[0][:-1]
        where = f"{kind} {name!r}" if isinstance(name, str) else f"{kind} #{loc[1]}"
        loc = loc[2:]
    elif loc[:1] == ["parameters"] and len(loc) > 1:
        where = f"parameter {loc[1]!r}"
        loc = loc[2:]
    field = ".".join(str(p) for p in loc if not str(p).startswith(("bool", "int", "float", "str")))
    etype = err.get("type", "")
    if etype == "missing":
        msg = f"field {field!r} is required"
    elif etype == "extra_forbidden":
        msg = f"unknown field {field!r}"
    else:
        msg = f"{field + ': ' if field else ''}{err.get('msg', 'invalid')}"
    return f"{where}: {msg}"


class OipRoute(APIRoute):
    """/v2 routes: errors come out in OIP's form; infer routes read the body themselves.

    FastAPI cannot parse an infer body (Triton's binary extension appends raw bytes after
    the JSON header), so for POST this class reads the body, splits it at
    ``Inference-Header-Content-Length``, validates the header with the same model FastAPI
    documents, and calls the endpoint with it; the binary tail is in ``request.state``."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        infer_route = "POST" in (self.methods or ()) and self.path.endswith("/infer")
        inner = self._infer_handler() if infer_route else super().get_route_handler()

        async def handler(request: Request) -> Response:
            start = time.perf_counter()
            try:
                response = await inner(request)
            except OipError as exc:
                response = error_response(exc.status, exc.message)
            except ComputeError as exc:  # every compute call translates its errors; a net
                status, _, _, msg = describe(exc)
                where = ".".join(map(str, exc.loc))
                response = error_response(
                    404 if status == 404 else 400, f"{where}: {msg}" if where else msg
                )
            if infer_route:
                _record_inference(request, response.status_code, time.perf_counter() - start)
            return response

        return handler

    def _infer_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint = self.endpoint

        async def handler(request: Request) -> Response:
            # 404 before reading the body; a known model's inferences are counted
            request.state.oip_model = resolve_model(request.path_params["model"]).model
            request.state.oip_phases = {}
            header_length = parse_header_length(request.headers.get(HEADER_LENGTH))
            body = await read_body(request, header_length)
            header, tail = split_body(body, header_length)
            try:
                validated = OipInferRequest.model_validate(header)
            except ValidationError as exc:
                raise OipError(_validation_message(exc, header)) from None
            request.state.oip_tail = tail
            response: Response = await endpoint(
                **request.path_params, body=validated, request=request
            )
            return response

        return handler


def _record_inference(request: Request, status: int, seconds: float) -> None:
    """Count an inference of a known model (Triton's statistics, and /metrics)."""
    state = request.state
    model = getattr(state, "oip_model", None)
    if model is not None:
        ok = status == 200
        request.app.state.metrics.record_inference(model, ok, seconds, state.oip_phases)


# metadata answers are small: plain JSONResponse (which also lets FastAPI document the models)
router = APIRouter(
    prefix="/v2",
    tags=["inference protocol"],
    route_class=OipRoute,
    default_response_class=JSONResponse,
)

ModelName = Annotated[
    str,
    PathParam(
        description="activations.<name>, losses.<name> or optimizers.<name>, for every name "
        "and alias of the catalogs (case-insensitive), or networks.gradients. (Never `stats`: "
        "GET /v2/models/stats is the statistics of every model, as in Triton.)",
        min_length=1,
        # documented, not validated: an unknown model stays a 404 in OIP's form
        json_schema_extra={"pattern": "^(?!stats$)"},
        openapi_examples={"activations.sigmoid": {"value": "activations.sigmoid"}},
    ),
]
Version = Annotated[
    str,
    PathParam(
        description="Any version answers (models have one version, 1).",
        openapi_examples={"1": {"value": "1"}},
    ),
]


# ---- endpoints ---------------------------------------------------------------------------

INFER_EXAMPLES: dict[str, Any] = {
    "json": {
        "summary": "sigmoid: value and derivative, JSON data (model activations.sigmoid)",
        "value": {
            "inputs": [{"name": "x", "shape": [3], "datatype": "FP64", "data": [-2.0, 0.0, 2.0]}],
            "outputs": [{"name": "value"}, {"name": "derivative"}],
        },
    },
    "vjp32": {
        "summary": "float32 VJP with an upstream gradient (model activations.sigmoid)",
        "value": {
            "id": "req-1",
            "inputs": [
                {"name": "x", "shape": [2, 2], "datatype": "FP32", "data": [0.5, -1.0, 3.0, "NaN"]},
                {"name": "grad_output", "shape": [2, 2], "datatype": "FP32", "data": [1, 2, 3, 4]},
            ],
            "outputs": [{"name": "value"}, {"name": "vjp"}],
        },
    },
}

_BINARY_SCHEMA = {"type": "string", "format": "binary"}
INFER_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "description": "The JSON inference header, optionally followed by the bytes of the "
        "inputs that set parameters.binary_data_size (little-endian, row-major, in input "
        f"order); then the {HEADER_LENGTH} header gives the JSON header's length in bytes.",
        "content": {"application/octet-stream": {"schema": _BINARY_SCHEMA}},
    },
}
INFER_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The outputs. When any output is binary, the body is the JSON header "
        f"(its length in the {HEADER_LENGTH} response header) followed by the binary outputs' "
        "bytes in order.",
        "content": {"application/octet-stream": {"schema": _BINARY_SCHEMA}},
        "headers": {
            HEADER_LENGTH: {
                "description": "Length of the JSON header when binary outputs follow it.",
                "schema": {"type": "integer"},
            }
        },
    },
    **oip_error_responses(400, 404, 413),
}

InferBody = Annotated[OipInferRequest, Body(openapi_examples=INFER_EXAMPLES)]
HeaderLength = Annotated[
    int | None,
    Header(
        alias=HEADER_LENGTH,
        description="Length in bytes of the JSON header when binary input data follows it.",
    ),
]


# the protocol extensions served (Triton's names)
EXTENSIONS = ("binary_tensor_data", "model_configuration", "statistics")


@router.get(
    "",
    response_model=OipServerMetadata,
    operation_id="oipServerMetadata",
    summary="Server metadata",
)
def server_metadata() -> dict[str, Any]:
    """Name, version and the protocol extensions served: Triton's binary_tensor_data,
    model_configuration and statistics."""
    return {"name": "gradserve", "version": __version__, "extensions": list(EXTENSIONS)}


@router.get(
    "/health/live",
    response_model=OipServerLive,
    operation_id="oipServerLive",
    summary="Server liveness",
)
def server_live() -> dict[str, bool]:
    """The process is up and answering."""
    return {"live": True}


@router.get(
    "/health/ready",
    response_model=OipServerReady,
    operation_id="oipServerReady",
    summary="Server readiness",
)
def server_ready() -> dict[str, bool]:
    """Ready to compute: a small gradient evaluates correctly."""
    out = act.evaluate("sigmoid", np.zeros(3), outputs=["value", "derivative"])
    return {"ready": bool(np.allclose(out["value"], 0.5) and np.allclose(out["derivative"], 0.25))}


IndexBody = Annotated[
    OipRepositoryIndexRequest | None,
    Body(
        openapi_examples={
            "every model": {"summary": "Every model", "value": {}},
            "ready": {"summary": "The models ready for inference", "value": {"ready": True}},
        }
    ),
]


@router.post(
    "/repository/index",
    response_model=OipRepositoryIndex,
    operation_id="oipRepositoryIndex",
    summary="Model repository index",
    responses=oip_error_responses(400),
)
def repository_index(body: IndexBody = None) -> list[dict[str, Any]]:
    """Every model by its canonical name (Triton's model repository index, as
    tritonclient's `get_model_repository_index()` asks it; an empty body is fine): the
    activations, losses and optimizers in catalog order, then `networks.gradients`, each
    `READY` at version 1 (any version answers). Aliases are not listed; they resolve to
    these. Loading and unloading are not served: every model is built in."""
    return [
        {"name": name, "version": "1", "state": "READY", "reason": ""} for name in model_names()
    ]


def statistics(request: Request, models: list[str]) -> dict[str, Any]:
    """Triton's statistics of ``models`` (canonical names) from the metrics, summed over
    the workers: each inference is tallied when its answer is ready (this worker's at once,
    the others' as of their last metrics flush)."""
    totals = request.app.state.metrics.inference_totals()
    out = []
    for name in models:
        t = totals.get(name, {})
        ok, failed = int(t.get("success", 0)), int(t.get("fail", 0))

        def stat(key: str, count: int, t: dict[str, float] = t) -> dict[str, int]:
            return {"count": count, "ns": round(t.get(f"{key}_seconds", 0.0) * 1e9)}

        out.append(
            {
                "name": name,
                "version": "1",
                "last_inference": round(t.get("last", 0.0) * 1e3),
                "inference_count": ok,
                "execution_count": ok,
                "inference_stats": {
                    "success": stat("success", ok),
                    "fail": stat("fail", failed),
                    **{k: stat(k, ok) for k in PHASES},
                },
            }
        )
    return {"model_stats": out}


@router.get(
    "/models/stats",
    response_model=OipStatistics,
    operation_id="oipStatistics",
    summary="Inference statistics of every model",
)
def all_statistics(request: Request) -> dict[str, Any]:
    """Triton's statistics extension (tritonclient's `get_inference_statistics()` with no
    model): every model of the repository index, in its order, with its inference requests
    since the server started (all workers): how many succeeded and failed and their time,
    and the successful ones' time waiting for a compute thread (`queue`), decoding
    (`compute_input`), computing (`compute_infer`) and encoding (`compute_output`). Times
    are in nanoseconds, `last_inference` in ms since the epoch (0: none yet)."""
    return statistics(request, model_names())


@router.get(
    "/models/{model}/stats",
    response_model=OipStatistics,
    operation_id="oipModelStatistics",
    summary="Inference statistics of one model",
    responses=oip_error_responses(404),
)
def model_statistics(model: ModelName, request: Request) -> dict[str, Any]:
    """As GET /v2/models/stats, for one model (any name or alias: its canonical name's
    counts)."""
    return statistics(request, [resolve_model(model).model])


@router.get(
    "/models/{model}/versions/{version}/stats",
    response_model=OipStatistics,
    operation_id="oipModelVersionStatistics",
    summary="Inference statistics of one model (any version)",
    responses=oip_error_responses(404),
)
def model_version_statistics(
    model: ModelName, version: Version, request: Request
) -> dict[str, Any]:
    """As GET /v2/models/{model}/stats."""
    return statistics(request, [resolve_model(model).model])


@router.get(
    "/models/{model}",
    response_model=OipModelMetadata,
    operation_id="oipModelMetadata",
    summary="Model metadata",
    responses=oip_error_responses(404),
)
def model_metadata_endpoint(model: ModelName) -> dict[str, Any]:
    """Inputs and outputs (name, datatype, shape with -1 for free dimensions) and the
    request parameters the model accepts."""
    return model_metadata(resolve_model(model))


@router.get(
    "/models/{model}/versions/{version}",
    response_model=OipModelMetadata,
    operation_id="oipModelVersionMetadata",
    summary="Model metadata (any version)",
    responses=oip_error_responses(404),
)
def model_version_metadata(model: ModelName, version: Version) -> dict[str, Any]:
    """As GET /v2/models/{model}: every version answers."""
    return model_metadata(resolve_model(model))


@router.get(
    "/models/{model}/config",
    response_model=OipModelConfig,
    operation_id="oipModelConfig",
    summary="Model configuration",
    responses=oip_error_responses(404),
)
def model_config_endpoint(model: ModelName) -> dict[str, Any]:
    """The model's configuration in Triton's JSON form (the model configuration extension;
    tritonclient's `get_model_config()`): the metadata's inputs and outputs under Triton's
    names (`input`, `output`, `data_type` TYPE_FP64, `dims` with -1 for free dimensions),
    `max_batch_size` 0, one version. The request parameters are in the metadata."""
    return model_config(resolve_model(model))


@router.get(
    "/models/{model}/versions/{version}/config",
    response_model=OipModelConfig,
    operation_id="oipModelVersionConfig",
    summary="Model configuration (any version)",
    responses=oip_error_responses(404),
)
def model_version_config(model: ModelName, version: Version) -> dict[str, Any]:
    """As GET /v2/models/{model}/config."""
    return model_config(resolve_model(model))


@router.get(
    "/models/{model}/ready",
    response_model=OipModelReady,
    operation_id="oipModelReady",
    summary="Model readiness",
    responses=oip_error_responses(404),
)
def model_ready(model: ModelName) -> dict[str, Any]:
    """Every model of the catalogs is ready; an unknown one is a 404."""
    resolve_model(model)
    return {"name": model, "ready": True}


@router.get(
    "/models/{model}/versions/{version}/ready",
    response_model=OipModelReady,
    operation_id="oipModelVersionReady",
    summary="Model readiness (any version)",
    responses=oip_error_responses(404),
)
def model_version_ready(model: ModelName, version: Version) -> dict[str, Any]:
    """As GET /v2/models/{model}/ready."""
    resolve_model(model)
    return {"name": model, "ready": True}


@router.post(
    "/models/{model}/infer",
    response_model=OipInferResponse,
    operation_id="oipInfer",
    summary="Inference: an activation, a loss, an optimizer step or a network's gradients",
    responses=INFER_RESPONSES,
    openapi_extra=INFER_OPENAPI,
)
async def model_infer(
    model: ModelName, body: InferBody, request: Request, header_length: HeaderLength = None
) -> Response:
    """Inputs, parameters and outputs as the model's metadata lists them (see docs/oip.md):
    JSON `data` or Triton's binary tensor data (`parameters.binary_data_size` on an input,
    the JSON header's length in `Inference-Header-Content-Length`); outputs in binary with
    `parameters.binary_data: true` or the request parameter `binary_data_output: true`.
    (`OipRoute` reads the body and passes the validated header in as `body`.)"""
    budget = budget_of(request)
    settings = request.app.state.settings
    tail = request.state.oip_tail
    phases, queued_at = request.state.oip_phases, time.perf_counter()
    return await run_compute(
        lambda: infer(model, None, body, tail, budget, settings, phases, queued_at)
    )


@router.post(
    "/models/{model}/versions/{version}/infer",
    response_model=OipInferResponse,
    operation_id="oipInferVersion",
    summary="Inference (any version)",
    responses=INFER_RESPONSES,
    openapi_extra=INFER_OPENAPI,
)
async def model_version_infer(
    model: ModelName,
    version: Version,
    body: InferBody,
    request: Request,
    header_length: HeaderLength = None,
) -> Response:
    """As POST /v2/models/{model}/infer; the response names the version asked."""
    budget = budget_of(request)
    settings = request.app.state.settings
    tail = request.state.oip_tail
    phases, queued_at = request.state.oip_phases, time.perf_counter()
    return await run_compute(
        lambda: infer(model, version, body, tail, budget, settings, phases, queued_at)
    )
