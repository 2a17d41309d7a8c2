"""Typed settings from ``GRADSERVE_*`` environment variables (nothing else reads the env)."""

from __future__ import annotations

import os
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# work units (each optimizer's step_cost per step, +2 with clipping): 100,000 SGD steps;
# 0.9-1.2 s on one core for the costliest admitted trajectories (docs/configuration.md)
TRAJECTORY_WORK = 200_000


def default_concurrency() -> int:
    """The CPUs this process may run on (its affinity mask, else the CPU count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def default_blas_threads(workers: int, max_concurrency: int) -> int:
    """BLAS threads per worker process: the CPUs shared among every request computing at
    once (``workers`` × ``max_concurrency`` of them), at least 1."""
    return max(1, default_concurrency() // (workers * max_concurrency))


class Settings(BaseSettings):
    """Service configuration. Every limit here is enforced and reported by ``GET /v1/info``."""

    model_config = SettingsConfigDict(env_prefix="GRADSERVE_", extra="ignore")

    host: str = Field("127.0.0.1", description="Interface to bind (use 0.0.0.0 in a container).")
    port: int = Field(8000, ge=0, le=65535, description="TCP port.")
    workers: int = Field(1, ge=1, le=64, description="uvicorn worker processes.")
    log_level: Literal["critical", "error", "warning", "info", "debug", "trace"] = "info"
    api_key: str | None = Field(
        None, description="If set, every /v1 request must send it as the X-API-Key header."
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS (JSON list); empty: CORS off."
    )
    access_log: Literal["json", "off"] = Field(
        "json",
        description="One JSON line per request on stdout (logger gradserve.access), or none.",
    )
    gc_freeze: bool = Field(
        True,
        description="At start-up, once per worker process, move the objects made by importing "
        "and building the app out of the cyclic garbage collector's reach (gc.freeze): a full "
        "collection then walks only what requests made, not ~135,000 objects (~75 ms during "
        "which no request is answered).",
    )
    otel: bool = Field(
        False,
        description="FastAPI's native OpenTelemetry (traces, metrics, logs through the global "
        "providers). Off by default: checking for providers costs every request ~10 us.",
    )
    malloc_arena_max: int = Field(
        2,
        ge=0,
        description="glibc malloc arenas (0: glibc's default, 8 per core). Few arenas keep the "
        "memory that threadpool threads free reusable instead of retained per thread.",
    )
    malloc_mmap_threshold: int = Field(
        32 * 1024 * 1024,
        ge=0,
        description="Allocations of at least this many bytes get their own mapping, returned "
        "to the system when freed (0: glibc's default, a threshold that rises with the "
        "largest array freed). Below it arrays, socket reads and base64 texts come from the "
        "heap and are reused request after request instead of faulting in fresh pages (32 MiB, "
        "glibc's largest: a 1M-float64 b64 round trip's server time 38-41 ms at 1 MiB, 24-30 ms).",
    )
    malloc_trim_threshold: int = Field(
        64 * 1024 * 1024,
        ge=0,
        description="Free memory at the top of the heap beyond which glibc returns it to the "
        "system (0: glibc's default, 128 KiB): what the server keeps of the memory its "
        "requests freed.",
    )
    malloc_mmap_max: int = Field(
        -1,
        ge=-1,
        description="glibc's M_MMAP_MAX: -1 glibc's default; 0 never maps an allocation of its "
        "own, so every array comes from the heap and freed memory is kept for the next "
        "request, up to GRADSERVE_MALLOC_TRIM_THRESHOLD at the heap's top (the big-tensor "
        "profile of docs/configuration.md: memory the server has used stays with it).",
    )
    malloc_hugepages: bool = Field(
        True,
        description="glibc's tunable glibc.malloc.hugetlb=1: malloc asks for transparent huge "
        "pages on its large mappings, so a fresh array faults in 2 MiB at a time instead of "
        "4 KiB (with a 1 MiB mmap threshold a 1M-float64 b64 round trip's server time fell from "
        "61-67 ms to 39-42 ms). A tunable is "
        "read when a process starts: `python -m service` restarts itself once (exec, same "
        "process id) with GLIBC_TUNABLES extended when it is not set yet.",
    )

    metrics_dir: str | None = Field(
        None,
        validation_alias="PROMETHEUS_MULTIPROC_DIR",
        description="prometheus-client's multiprocess directory (PROMETHEUS_MULTIPROC_DIR, "
        "no GRADSERVE_ prefix). With more than one worker the server start sets it (a fresh "
        "temporary directory unless given, emptied at start, removed at exit) and /metrics "
        "sums every worker.",
    )
    metrics_flush_s: float = Field(
        0.5,
        gt=0,
        le=60,
        description="With more than one worker: how often (seconds) each worker adds the "
        "answers it tallied to its metrics files. A scrape counts the answering worker's own "
        "answers at once and the other workers' as of their last flush.",
    )

    max_body_bytes: int = Field(
        64 * 1024 * 1024,
        ge=1,
        description="Largest request body (413), compressed as sent and once decoded "
        "(Content-Encoding gzip or deflate).",
    )
    compress_level: int = Field(
        0,
        ge=0,
        le=9,
        description="zlib level of response compression, in the coding the request's "
        "Accept-Encoding prefers (gzip or deflate); 0 (the default) never compresses. Level 1 "
        "halves a JSON answer of float64 numbers at ~90 MB/s of one core, but shrinks a b64 "
        "answer only to ~0.77 at ~36 MB/s: worth it on slow links, a loss on loopback and "
        "LANs, where httpx and browsers ask for it all the same.",
    )
    compress_min_bytes: int = Field(
        1024,
        ge=0,
        description="Smallest response body compressed (JSON, text, SVG, OIP binary answers).",
    )
    max_elements: int = Field(
        16_777_216, ge=1, description="Most tensor elements in one request, inputs and outputs."
    )
    max_batch: int = Field(
        1024,
        ge=1,
        description="Most calls in one POST /v1/batch (the element and work limits apply to "
        "the batch as a whole).",
    )
    max_ndim: int = Field(8, ge=1, le=32, description="Most dimensions of one tensor.")
    max_depth: int = Field(32, ge=2, le=256, description="Deepest nesting of lists/objects.")
    max_trajectory_steps: int = Field(100_000, ge=1, description="Most steps of one trajectory.")
    max_trajectory_runs: int = Field(16, ge=1, description="Most optimizers in one trajectory.")
    max_trajectory_work: int = Field(
        TRAJECTORY_WORK,
        ge=1,
        description="Most work of one trajectory: steps × the step costs of its separately "
        "stepped runs (each optimizer's step_cost in GET /v1/optimizers, 2 for SGD to 6 for "
        "Rprop and LAMB, +2 with clipping; runs of one elementwise optimizer with a constant lr "
        "and no clipping step together and count once).",
    )
    max_response_bytes: int = Field(
        64 * 1024 * 1024,
        ge=1024,
        description="Largest response body, estimated before computing from the output "
        "elements and their form (b64 ≈ 10.7 bytes per float64, JSON up to 25 per number).",
    )
    max_concurrency: int = Field(
        default_factory=lambda: default_concurrency(),
        ge=1,
        description="Requests computing at once per worker process (default: the CPU count "
        "available to the process).",
    )
    blas_threads: int = Field(
        default_factory=lambda data: default_blas_threads(
            data.get("workers", 1), data.get("max_concurrency", 1)
        ),
        ge=1,
        le=256,
        description="Threads of the BLAS library (the matrix products of networks and "
        "Jacobians) in each worker process. Default: the CPUs available divided by workers × "
        "GRADSERVE_MAX_CONCURRENCY, at least 1, so that the requests computing at once do "
        "not oversubscribe the cores.",
    )
    max_queue: int = Field(
        default_factory=lambda: 2 * default_concurrency(),
        ge=0,
        description="Requests waiting for a compute slot per worker process; beyond it, 503 at "
        "once with Retry-After.",
    )
    request_timeout: float = Field(
        30.0,
        gt=0,
        description="Seconds a request may wait and compute before it is answered 503 (its "
        "worker thread, which cannot be stopped, keeps its slot until it ends).",
    )
    max_flow_work: int = Field(
        1_000_000_000,
        ge=1,
        description="Most depth*width*width*batch multiply-adds of one gradient-flow request "
        "(the default admits depth 15, width 512, batch 256: about 0.5 s on one core).",
    )
    max_flow_depth: int = Field(1000, ge=1, description="Most layers of one gradient-flow net.")
    max_curve_points: int = Field(100_000, ge=2, description="Most samples of one curve.")
    max_gradcheck_elements: int = Field(
        500_000,
        ge=1,
        description="Most input elements of one gradcheck request (with more than 8 "
        "projection directions, 8/directions of it).",
    )
    max_hessian_elements: int = Field(
        4096,
        ge=1,
        description="Most y_pred elements of a loss's `hessian` output (it has n × n entries; "
        "`hvp` has no such limit).",
    )
    max_network_layers: int = Field(
        256, ge=1, description="Most layers of one POST /v1/networks/gradients network."
    )
    max_network_width: int = Field(
        16_384, ge=1, description="Most features of any layer's input or output (networks)."
    )
    max_network_batch: int = Field(65_536, ge=1, description="Largest batch of one network.")
    max_work_elements: int = Field(
        33_554_432,
        ge=1,
        description="Working arrays one computation may keep beside its inputs and outputs "
        "(a network's or gradient-flow net's forward outputs and backward gradients), in "
        "elements: 2^25, 256 MiB of float64.",
    )
    max_network_work: int = Field(
        1_500_000_000,
        ge=1,
        description="Most multiply-adds of one network's forward pass (Σ batch·in·out over dense "
        "layers + batch·width over the others; the default admits 20 layers of 512×512 at "
        "batch 256, 1.35e9: about 1.2 s on one core).",
    )


def get_settings() -> Settings:
    """Settings from the environment (the embedded defaults when nothing is set)."""
    return Settings()
