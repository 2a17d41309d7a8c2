"""``python -m service`` / ``gradserve``: run uvicorn with host, port, workers from settings.

A stop by SIGTERM (or Ctrl-C) is graceful and clean: uvicorn stops accepting, lets the
requests in flight finish (up to ``GRACEFUL_SHUTDOWN_S``), runs the lifespan shutdown, and the
process exits 0. (uvicorn itself re-raises the caught signal after its graceful shutdown, so
the process would die of it with status -15/143; an orchestrator reads that as a crash.)
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import glob
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.supervisors import Multiprocess

from service.config import Settings, get_settings
from service.protocol import HttpProtocol
from service.sockets import OwnSocket, bind_reuse_port

GRACEFUL_SHUTDOWN_S = 10
STARTUP_FAILURE = 3  # uvicorn's exit status when the server could not start


class Server(uvicorn.Server):
    """uvicorn's server without the re-raise of the stop signal after a graceful shutdown."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        stop = (signal.SIGINT, signal.SIGTERM)
        original = {sig: signal.signal(sig, self.handle_exit) for sig in stop}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)


M_TRIM_THRESHOLD = -1  # glibc <malloc.h>
M_MMAP_THRESHOLD = -3
M_MMAP_MAX = -4
M_ARENA_MAX = -8


def malloc_options(settings: Settings) -> dict[str, tuple[int, int]]:
    """glibc's environment variable and ``mallopt`` parameter for each malloc setting that is
    not glibc's default (0, or -1 for ``malloc_mmap_max``):
    ``{"MALLOC_ARENA_MAX": (M_ARENA_MAX, 2), ...}``."""
    options = {
        "MALLOC_ARENA_MAX": (M_ARENA_MAX, settings.malloc_arena_max),
        "MALLOC_MMAP_THRESHOLD_": (M_MMAP_THRESHOLD, settings.malloc_mmap_threshold),
        "MALLOC_TRIM_THRESHOLD_": (M_TRIM_THRESHOLD, settings.malloc_trim_threshold),
    }
    chosen = {name: option for name, option in options.items() if option[1]}
    if settings.malloc_mmap_max >= 0:
        chosen["MALLOC_MMAP_MAX_"] = (M_MMAP_MAX, settings.malloc_mmap_max)
    return chosen


HUGEPAGES_TUNABLE = "glibc.malloc.hugetlb=1"


def malloc_environment(settings: Settings, environ: Mapping[str, str]) -> dict[str, str]:
    """The environment variables of the malloc settings: glibc's ``MALLOC_*`` variables and,
    with ``malloc_hugepages``, ``GLIBC_TUNABLES`` extended by glibc.malloc.hugetlb=1 unless
    ``environ``'s already sets that tunable (the one that is set is kept)."""
    env = {name: str(value) for name, (_, value) in malloc_options(settings).items()}
    tunables = environ.get("GLIBC_TUNABLES", "")
    if settings.malloc_hugepages and "glibc.malloc.hugetlb=" not in tunables:
        env["GLIBC_TUNABLES"] = ":".join(t for t in (tunables, HUGEPAGES_TUNABLE) if t)
    return env


def restart_for_tunables(settings: Settings) -> None:
    """Exec this server afresh (same process id, same arguments) when its malloc tunables
    are not in the environment yet: glibc reads GLIBC_TUNABLES only when a process starts.
    Nothing happens where the C library is not glibc, or when the tunables are already set
    (so it happens at most once)."""
    env = malloc_environment(settings, os.environ)
    if "GLIBC_TUNABLES" not in env or not _is_glibc():
        return
    os.execve(sys.executable, [sys.executable, "-m", "service"], {**os.environ, **env})


def _is_glibc() -> bool:
    try:
        ctypes.CDLL("libc.so.6").gnu_get_libc_version  # noqa: B018 - glibc only
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return False
    return True


def tune_malloc(settings: Settings) -> bool:
    """Tune glibc's malloc for a server whose requests allocate and free arrays of up to tens
    of MB (settings ``malloc_arena_max``, ``malloc_mmap_threshold``, ``malloc_trim_threshold``,
    ``malloc_mmap_max``); False where the C library is not glibc.

    Memory not touched before costs a page fault per page on first touch (far more on a
    virtual machine whose host takes freed memory back): with mappings returned at every
    free, one 10M-parameter Adam step took 290-330 ms inside the server against 55 ms in a
    process reusing its memory. glibc's own defaults keep whatever the heap grew to (RSS
    +17.8 % under ``make load`` after the warm-up); 2 arenas, arrays below 32 MiB from the
    heap and at most 64 MiB kept free at its top gave +6.9 % (+8.2 % over 300 s, flat at the
    end) and 22 % more throughput than 1 MiB / 8 MiB (docs/configuration.md)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return False
    # this process now; worker processes (GRADSERVE_WORKERS > 1, started afresh) read the
    # same from their environment when they start
    for name, (param, value) in malloc_options(settings).items():
        mallopt(param, ctypes.c_int(value))
        os.environ[name] = str(value)
    return True


def log_config(settings: Settings) -> dict[str, Any]:
    """uvicorn's logging set-up plus ours: ``gradserve.access`` writes one JSON object per line
    to stdout (it replaces uvicorn's text access log); ``gradserve`` (errors, with the request
    id) goes to stderr like uvicorn's own messages."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["message"] = {"format": "%(message)s"}
    config["handlers"]["gradserve.access"] = {
        "class": "logging.StreamHandler",
        "formatter": "message",
        "stream": "ext://sys.stdout",
    }
    level = settings.log_level.upper()
    config["loggers"]["gradserve"] = {"handlers": ["default"], "level": level, "propagate": False}
    config["loggers"]["gradserve.access"] = {
        "handlers": ["gradserve.access"],
        "level": "INFO",
        "propagate": False,
    }
    return config


def uvicorn_config(settings: Settings) -> uvicorn.Config:
    return uvicorn.Config(
        "service.main:app",
        host=settings.host,
        port=settings.port,
        http=HttpProtocol,  # httptools, each answer in one write
        workers=settings.workers,
        log_level=settings.log_level,
        log_config=log_config(settings),
        access_log=False,  # the JSON access log of service.middleware replaces it (or is off)
        proxy_headers=True,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
    )


METRICS_ENV = "PROMETHEUS_MULTIPROC_DIR"


@contextlib.contextmanager
def metrics_directory(settings: Settings) -> Iterator[str]:
    """prometheus-client's multiprocess directory for the workers: ``settings.metrics_dir``
    (PROMETHEUS_MULTIPROC_DIR) or a fresh temporary one, emptied of an earlier run's files
    now, exported to the workers (they read it when prometheus-client is imported), and
    removed at exit when it was made here."""
    made = settings.metrics_dir is None
    path = settings.metrics_dir or tempfile.mkdtemp(prefix="gradserve-metrics-")
    os.makedirs(path, exist_ok=True)
    for stale in glob.glob(os.path.join(path, "*.db")):
        os.remove(stale)
    os.environ[METRICS_ENV] = path
    try:
        yield path
    finally:
        if made:
            shutil.rmtree(path, ignore_errors=True)


class Workers(Multiprocess):
    """uvicorn's process manager, each worker on its own SO_REUSEPORT socket (see
    :class:`OwnSocket`); a worker that died (and is replaced) has its live-gauge files
    removed (``mark_process_dead``). Its counter and histogram files stay: the requests it
    served still count in the sums, which never go backwards."""

    def __init__(self, config: uvicorn.Config, *, metrics_dir: str) -> None:
        super().__init__(config, sockets=OwnSocket(config.host, config.port))
        self.metrics_dir = metrics_dir

    def keep_subprocess_alive(self) -> None:
        before = {p.pid for p in self.processes}
        super().keep_subprocess_alive()
        from prometheus_client import multiprocess

        for pid in before - {p.pid for p in self.processes}:
            if pid is not None:
                multiprocess.mark_process_dead(pid, self.metrics_dir)  # type: ignore[no-untyped-call]


def main() -> None:
    settings = get_settings()
    restart_for_tunables(settings)
    tune_malloc(settings)
    # no log format here uses thread or process names: LogRecord need not look them up
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    config = uvicorn_config(settings)
    if settings.workers > 1:
        # uvicorn's process manager: it forwards SIGTERM to the workers, waits for them and
        # returns normally (exit 0); /metrics sums the workers (prometheus multiprocess mode)
        try:  # the address is free (a bound socket that never listens takes no connection)
            bind_reuse_port(settings.host, settings.port).close()
        except OSError as exc:
            logging.getLogger("uvicorn.error").error(exc)
            sys.exit(STARTUP_FAILURE)
        with metrics_directory(settings) as path:
            Workers(config, metrics_dir=path).run()
        return
    server = Server(config)
    server.run()
    if not server.started:
        sys.exit(STARTUP_FAILURE)


if __name__ == "__main__":
    main()
