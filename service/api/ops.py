"""Operations: liveness, readiness, info, Prometheus metrics."""

from __future__ import annotations

import platform
import sys
from typing import Any

import numpy as np
import scipy
import threadpoolctl
from fastapi import APIRouter, Request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from service import __version__
from service.api.deps import SettingsDep
from service.schemas.catalog import InfoResponse
from service.wire import coding
from service.wire.json import StrictJSONResponse

router = APIRouter(tags=["operations"])


class Health(BaseModel):
    status: str = Field(description="'ok' when alive, 'ready' when ready to compute.")


@router.get("/healthz", response_model=Health, summary="Liveness")
def get_health() -> dict[str, str]:
    """The process is up and answering."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=Health,
    summary="Readiness",
    responses={503: {"description": "Not ready"}},
)
def get_readiness() -> Response:
    """Ready to compute: the registries load and a small gradient evaluates correctly."""
    from service.compute.activations import evaluate

    out = evaluate("sigmoid", np.zeros(3), outputs=["value", "derivative"])
    ok = bool(np.allclose(out["value"], 0.5) and np.allclose(out["derivative"], 0.25))
    return StrictJSONResponse(
        {"status": "ready" if ok else "not ready"}, status_code=200 if ok else 503
    )


def _blas() -> Any:
    try:
        cfg = np.show_config(mode="dicts")
        deps = cfg.get("Build Dependencies", {}) if isinstance(cfg, dict) else {}
        return {k: deps.get(k) for k in ("blas", "lapack")}
    except Exception:  # pragma: no cover - depends on the numpy build
        return None


def _blas_threads() -> int | None:
    """The threads of the BLAS NumPy loaded, as now in force in this process."""
    pools = threadpoolctl.threadpool_info()
    return next((p["num_threads"] for p in pools if p["user_api"] == "blas"), None)


@router.get(
    "/v1/info", response_model=InfoResponse, summary="Version, limits in force, NumPy/BLAS build"
)
def get_info(settings: SettingsDep, request: Request) -> dict[str, Any]:
    """The service version, every limit in force (with its GRADSERVE_* setting) and the
    numeric stack it computes with."""
    limits = {
        name: {"value": getattr(settings, name), "setting": f"GRADSERVE_{name.upper()}"}
        for name in (
            "max_body_bytes",
            "max_elements",
            "max_work_elements",
            "max_ndim",
            "max_depth",
            "max_trajectory_steps",
            "max_trajectory_runs",
            "max_trajectory_work",
            "max_response_bytes",
            "max_concurrency",
            "max_queue",
            "request_timeout",
            "max_flow_depth",
            "max_flow_work",
            "max_curve_points",
            "max_gradcheck_elements",
            "max_hessian_elements",
            "max_batch",
            "max_network_layers",
            "max_network_width",
            "max_network_batch",
            "max_network_work",
        )
    }
    return {
        "name": "gradserve",
        "version": __version__,
        "limits": limits,
        "workers": settings.workers,
        "api_key_required": settings.api_key is not None,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "blas": _blas(),
        "blas_threads": _blas_threads(),
        "compression": {
            "request_codings": list(coding.CODINGS),
            "response_level": settings.compress_level,
            "response_min_bytes": settings.compress_min_bytes,
        },
    }


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}},
)
async def get_metrics(request: Request) -> Response:
    """Request counts and latencies per route, in the Prometheus text format (per worker)."""
    metrics = request.app.state.metrics
    metrics.flush()  # on the event loop, where the answers are tallied
    data = await run_in_threadpool(generate_latest, metrics.registry)
    return Response(data, media_type=CONTENT_TYPE_LATEST)
