"""GRADSERVE_BLAS_THREADS: network gradients answered per second by one worker with its
default BLAS threads (the CPUs shared among the requests computing at once: 1 on 2 cores
with GRADSERVE_MAX_CONCURRENCY 2) against OpenBLAS's own default (one thread per CPU for
every call), with 1 client and with 4 concurrent clients.

Each request: 6 dense layers of 512×512 with ReLU, batch 256, float64, mse, every tensor b64
(4.7e8 multiply-adds forward and backward). A fifth client reads ``/healthz`` every 10 ms
meanwhile: the event loop's latency beside the computations.

Run: .venv/bin/python bench/bench_blas_threads.py [--seconds 12] [--rounds 2]
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import threading
import time

import numpy as np
import orjson
from _common import b64, post_ok, server, table

from service.config import default_blas_threads, default_concurrency

DEPTH, WIDTH, BATCH = 6, 512, 256


def network_body() -> bytes:
    rng = np.random.default_rng(0)
    layers: list[dict] = []
    for _ in range(DEPTH):
        w = rng.standard_normal((WIDTH, WIDTH)) * np.sqrt(2 / WIDTH)
        layers += [
            {"type": "dense", "weight": b64(w), "bias": b64(np.zeros(WIDTH))},
            {"type": "activation", "name": "relu"},
        ]
    x, t = rng.standard_normal((BATCH, WIDTH)), rng.standard_normal((BATCH, WIDTH))
    return orjson.dumps({"x": b64(x), "layers": layers, "loss": {"name": "mse", "y_true": b64(t)}})


def load(base: str, body: bytes, clients: int, seconds: float) -> tuple[float, float, float]:
    """(requests/s, p50 s, healthz p99 s) with ``clients`` threads posting ``body``."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    health: list[float] = []
    stop = time.monotonic() + seconds

    def post() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=300)
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            post_ok(conn, "/v1/networks/gradients", body)
            latencies.append(time.perf_counter() - t0)

    def probe() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=300)
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            health.append(time.perf_counter() - t0)
            time.sleep(0.01)

    threads = [threading.Thread(target=post) for _ in range(clients)]
    threads.append(threading.Thread(target=probe))
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t0
    return len(latencies) / elapsed, statistics.median(latencies), float(np.quantile(health, 0.99))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=12.0)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    cpus = default_concurrency()
    ours = default_blas_threads(1, cpus)
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    os.environ.clear()
    os.environ.update(env)  # OpenBLAS's own default in the other server: no *_NUM_THREADS
    body = network_body()
    rows: list[tuple[str, str, str]] = []
    results: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
    for _ in range(args.rounds):  # alternated, so that both see the same machine
        for name, threads in (("default", None), ("one per CPU", cpus)):
            extra = {} if threads is None else {"GRADSERVE_BLAS_THREADS": str(threads)}
            with server(env=extra) as base:
                load(base, body, 1, 2.0)  # warm-up
                for clients in (1, 4):
                    results.setdefault((name, clients), []).append(
                        load(base, body, clients, args.seconds)
                    )
    for clients in (1, 4):
        rates = {}
        for name in ("default", "one per CPU"):
            runs = results[(name, clients)]
            rate = statistics.median(r[0] for r in runs)
            rates[name] = rate
            label = f"{ours} thread(s)" if name == "default" else f"{cpus} threads"
            rows.append(
                (
                    f"{clients} client(s), BLAS {name} ({label})",
                    f"{rate:.2f} req/s",
                    f"p50 {statistics.median(r[1] for r in runs) * 1e3:.0f} ms, healthz p99 "
                    f"{statistics.median(r[2] for r in runs) * 1e3:.1f} ms "
                    f"(rounds: {', '.join(f'{r[0]:.2f}' for r in runs)})",
                )
            )
        rows.append(
            (
                f"{clients} client(s): default / one per CPU",
                f"{rates['default'] / rates['one per CPU']:.2f}x",
                "",
            )
        )
    table(f"network gradients, {DEPTH}x{WIDTH}x{WIDTH} relu, batch {BATCH}, {cpus} CPUs", rows)


if __name__ == "__main__":
    main()
