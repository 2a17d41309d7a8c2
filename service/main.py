"""The application factory: ``create_app(settings)`` and the module-level ``app``."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import threadpoolctl
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware

from service import __version__, errors, fastpath, openapi
from service.admission import Admission, AdmissionMiddleware
from service.api import (
    activations,
    batch,
    docs_ui,
    inspect,
    losses,
    networks,
    oip,
    ops,
    optimizers,
    playground,
    verify,
)
from service.compression import RequestDecodingMiddleware, ResponseCompression
from service.config import Settings, get_settings
from service.middleware import (
    ApiKeyMiddleware,
    BodyLimitMiddleware,
    HeadMiddleware,
    Metrics,
    MetricsMiddleware,
    RequestIdMiddleware,
)
from service.wire.json import StrictJSONResponse

DESCRIPTION = """
Evaluate neural-network **activations**, **losses** and their **gradients** (derivative,
VJP, Jacobian, parameter gradients), run stateless **optimizer steps**, and **inspect
gradients** (finite-difference checks, verification of your own implementation, gradient
statistics, gradient flow through deep nets).

**Tensors** travel as a number, a nested list, a flat object `{"shape", "dtype", "data"}` or
a binary object `{"shape", "dtype", "b64"}` (base64 of little-endian row-major bytes — the
fast path for large arrays). Non-finite values are the strings `"NaN"`, `"Infinity"`,
`"-Infinity"`; responses are always strict JSON. Response tensors mirror the form and dtype
(float64, float32, float16) of the request's main input unless `encoding` is set. Computation
is float64 unless `dtype` is `"float32"`. A request body may be compressed
(`Content-Encoding: gzip` or `deflate`); answers are compressed as `Accept-Encoding` asks when
the server enables it (`GRADSERVE_COMPRESS_LEVEL`).

**Errors** are RFC 9457 `application/problem+json` with `errors[].loc` and `errors[].msg`.
"""

TAGS = [
    {
        "name": "activations",
        "description": "Activation functions, their derivatives, "
        "Jacobians, VJPs and parameter gradients.",
    },
    {"name": "losses", "description": "Losses, per-sample values and gradients."},
    {"name": "optimizers", "description": "Stateless optimizer steps and trajectories."},
    {"name": "inspection", "description": "Gradient checks, verification, statistics, flow."},
    {
        "name": "networks",
        "description": "Gradients of your own sequential network (and one optimizer step).",
    },
    {
        "name": "batch",
        "description": "Many /v1 calls in one request, each answered on its own.",
    },
    {
        "name": "inference protocol",
        "description": "The Open Inference Protocol v2 (KServe/Triton) under /v2, with "
        "Triton's binary tensor data, model configuration and statistics extensions and its "
        "repository index: tritonclient and any OIP client (docs/oip.md).",
    },
    {"name": "operations", "description": "Health, readiness, info and metrics."},
]


_frozen = False


def freeze_startup_objects() -> bool:
    """``gc.collect()`` then ``gc.freeze()``, once per process (True when this call did
    it): the objects alive now (the modules, the app, its routes and schemas) are never
    examined again by the cyclic collector. Each full collection would otherwise walk all of
    them (~135,000 objects, ~75 ms on this service's 2-core host), stalling every request;
    they live as long as the process anyway. What pre-fork servers recommend (gc docs)."""
    global _frozen
    if _frozen:
        return False
    gc.collect()
    gc.freeze()
    _frozen = True
    return True


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = app.state.settings
    if settings.gc_freeze:
        freeze_startup_objects()
    # the BLAS's threads, for this worker's life: each request computing at once runs its
    # matrix products on its share of the cores (OpenBLAS's own default, one thread per
    # core for every call, oversubscribes them under concurrent requests: docs/networks.md)
    blas = threadpoolctl.threadpool_limits(settings.blas_threads, user_api="blas")
    metrics = app.state.metrics
    flusher = asyncio.create_task(metrics.flusher()) if metrics.multiprocess else None
    try:
        yield
    finally:
        if flusher is not None:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
        blas.restore_original_limits()


def create_app(settings: Settings | None = None, *, fast_path: bool = True) -> FastAPI:
    """The service. ``fast_path=False`` leaves the small-call fast path out (every request
    then takes FastAPI's full path; the tests compare the two)."""
    settings = settings or get_settings()
    app = fastpath.FastPathAPI(
        title="gradserve",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        docs_url=None,
        redoc_url=None,
        default_response_class=StrictJSONResponse,
        generate_unique_id_function=openapi.operation_id,
        telemetry={"tracing": settings.otel, "metrics": settings.otel, "logs": settings.otel},
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.metrics = Metrics(settings.metrics_dir, settings.metrics_flush_s)
    errors.install(app)
    openapi.install(app)

    for module in (
        ops,
        activations,
        losses,
        optimizers,
        inspect,
        verify,
        networks,
        batch,
        oip,
        playground,
    ):
        app.include_router(module.router)

    app.include_router(docs_ui.router)
    app.mount(docs_ui.STATIC_URL, StaticFiles(directory=docs_ui.ASSETS), name="docs-static")
    playground.mount_static(app)

    # Outermost first: metrics see every answer, the body limit runs before anything reads.
    # innermost: only requests past the body limit and the API key take a compute slot
    app.add_middleware(HeadMiddleware)  # innermost: the router sees GET
    app.state.admission = Admission(settings.max_concurrency, settings.max_queue)
    app.add_middleware(
        AdmissionMiddleware,
        max_concurrency=settings.max_concurrency,
        max_queue=settings.max_queue,
        timeout=settings.request_timeout,
        state=app.state.admission,
    )
    # inside the body limit (which bounds the bytes as sent) and the API key (a request
    # without it is refused before its body is inflated): a compressed body, decoded to at
    # most the limit, reaches everything inside as an ordinary body
    app.add_middleware(RequestDecodingMiddleware, max_bytes=settings.max_body_bytes)
    if settings.api_key:
        app.add_middleware(ApiKeyMiddleware, api_key=settings.api_key)
    if settings.cors_origins:
        # outside the API key: a browser's preflight carries no key, and a 401 needs the
        # CORS headers for the page to read it
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Content-Encoding", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    # outermost: every answer carries X-Request-ID and gets its access-log line
    app.add_middleware(RequestIdMiddleware, log=settings.access_log == "json")
    if fast_path:
        # in front of all of the above: small calls skip FastAPI's stack and do what each
        # middleware would do for them itself (service/fastpath.py)
        fastpath.install(app)
    # in front of everything, the fast path included: answers compressed as Accept-Encoding asks
    app.compression = ResponseCompression(settings.compress_level, settings.compress_min_bytes)
    return app


app = create_app()
