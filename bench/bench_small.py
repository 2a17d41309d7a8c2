"""Small calls against the framework's ceiling and the idiomatic peer (issue 13), one run.

Servers, each the same uvicorn (1 worker, httptools through service.protocol as `python -m
service` runs it, uvloop, no access log), started side by side and loaded in turn, round
after round, by the same load generator: wrk
(Debian's package, ``apt-get install -y wrk``) with a Lua script for the POST body, 1 thread
and 32 connections. Without wrk the Python raw-socket generator of bench/_common.py is used
(the output says which); it costs the client more CPU, so its figures are lower.

- ceiling: a bare FastAPI ``async def`` endpoint returning a constant dict (bench/small_apps.py)
- peers: the idiomatic FastAPI endpoints of the same three calls (bench/small_apps.py):
  pydantic ``list[float]`` fields, NumPy, dict responses; each gradserve call is compared
  with its own peer (after checking that both answer the same numbers)
- gradserve: POST /v1/activations/sigmoid with 16 floats; also a small loss (mse on 16
  values) and a small optimizer step (adam on 16 parameters)
- diagnostic (bench/small_variants.py): gradserve's sigmoid with the fast path left out (every
  request through FastAPI's full path and the middleware), to show what the fast path saves

Goals: gradserve >= 1.0x the ceiling and >= 2x its peer. Each comparison is reported as the
range over the rounds, and as the median; the load average is printed before and after (the
2 cores are shared, the figures are noisy).

Also: GRADSERVE_WORKERS=1 against 2 (``python -m service``, access log off), alternated round
by round (goal >= 1.6x); 1,000 sigmoid calls of 16 floats in one POST /v1/batch (goal >=
50,000 evaluations/s); and the 16-element compute path (``evaluate``, and the fast path's
kernel) against the bare NumPy expression (goal <= 2x).

    .venv/bin/python bench/bench_small.py [--rounds 3] [--seconds 5] [--connections 32]
                                          [--part all|small|workers]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

import httpx
import numpy as np
import orjson
from _common import ROOT, best_of, requests_per_second, server
from scipy.special import expit

X16 = np.linspace(-4, 4, 16).tolist()
SIGMOID = orjson.dumps({"x": X16})
LOSS = orjson.dumps({"y_true": [0.0] * 16, "y_pred": X16})
STEP = orjson.dumps({"params": X16, "grads": [0.1] * 16, "hyperparams": {"lr": 0.01}})
BATCH_N = 1000
BATCH = orjson.dumps(
    {"requests": [{"path": "/v1/activations/sigmoid", "body": {"x": X16}}] * BATCH_N}
)


def loadavg() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def wrk(base: str, path: str, body: bytes, seconds: float, conns: int) -> tuple[float, str, str]:
    """(req/s, p50, p99) from wrk; raises when any answer was not 2xx."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = [==[{body.decode()}]==]\n"
        )
        script = f.name
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{conns}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                "-s",
                script,
                base + path,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script)
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"\s50%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    p99 = re.search(r"\s99%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    return rps, p50, p99


def pyload(base: str, path: str, body: bytes, seconds: float, conns: int) -> tuple[float, str, str]:
    return requests_per_second(base, "POST", path, body, seconds, conns), "-", "-"


def numpy_sigmoid(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = expit(x)
    return y, y * expit(-x)


def compute_ratio() -> tuple[float, float, float]:
    """(evaluate, the fast path's kernel, bare NumPy) in us for sigmoid of 16 floats."""
    from service.compute import activations as act
    from service.fastpath import elementwise_kernel

    x = np.asarray(X16)
    kernel = elementwise_kernel("sigmoid")
    assert kernel is not None
    n = 20_000
    t_np = best_of(lambda: numpy_sigmoid(x), repeat=7, number=n)
    t_eval = best_of(lambda: act.evaluate("sigmoid", x), repeat=7, number=n)
    t_kernel = best_of(lambda: kernel.outputs(x), repeat=7, number=n)
    return t_eval * 1e6, t_kernel * 1e6, t_np * 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument(
        "--part", choices=["all", "small", "workers"], default="all", help="what to measure"
    )
    args = ap.parse_args()
    have_wrk = shutil.which("wrk") is not None
    load = wrk if have_wrk else pyload
    generator = (
        f"wrk 4.1 (-t1 -c{args.connections} -d{args.seconds:g}s, Lua POST body)"
        if have_wrk
        else f"Python raw-socket generator ({args.connections} connections), wrk not found"
    )
    print(f"load generator: {generator}")
    print(f"load average before: {loadavg()}  (cores: {os.cpu_count()})")
    if args.part in ("all", "small"):
        small(args, load)
    if args.part in ("all", "workers"):
        workers(args, load)


def client_cpu_seconds() -> float:
    """User + system CPU seconds of this process and its finished children: the load
    generator's (wrk runs as a child; the Python generator runs here)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def busy(_: int = 0) -> float:
    """Seconds a fixed amount of pure-Python arithmetic takes (one process's CPU speed)."""
    t0 = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i * i
    return time.perf_counter() - t0


def machine_scaling(reps: int = 9) -> list[float]:
    """The machine's own ceiling for two workers: the work two CPU-bound processes do at
    once, relative to one alone (timed just before and just after), ``reps`` times (a shared
    VM's two cores are not always two cores' worth)."""
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        list(pool.map(busy, range(2)))  # the pool's processes are up
        scaling = []
        for _ in range(reps):
            before = busy()
            both = list(pool.map(busy, range(2)))
            alone = (before + busy()) / 2
            scaling.append(sum(alone / t for t in both))
    return scaling


def workers(args: argparse.Namespace, load: Any) -> None:
    """``python -m service`` with GRADSERVE_WORKERS=1 and 2 (access log off in both), the same
    sigmoid call, alternated round by round. Each round also records the CPU time the
    server's processes and the load generator used: the server's CPU per request shows
    whether a worker of two costs what a lone worker costs, and the cores the load generator
    took are cores the two workers did not have."""
    from scripts.serverproc import cpu_seconds, free_port, start, stop, wait_healthy

    rates: dict[int, list[tuple[float, str, str]]] = {1: [], 2: []}
    # per round: server CPU us per request, server cores, load generator cores
    cpu: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
    procs = {}
    try:
        for n in (1, 2):
            port = free_port()
            log = tempfile.TemporaryFile()  # noqa: SIM115 - open while the server runs
            procs[n] = (
                start(port, log, workers=str(n), access_log="off", max_queue="512"),
                f"http://127.0.0.1:{port}",
            )
            wait_healthy(procs[n][1], procs[n][0])
            load(procs[n][1], "/v1/activations/sigmoid", SIGMOID, 1.0, args.connections)
        for _ in range(args.rounds):
            for n in (1, 2):
                proc, base = procs[n]
                server0, client0, t0 = cpu_seconds(proc.pid), client_cpu_seconds(), time.time()
                rate = load(
                    base, "/v1/activations/sigmoid", SIGMOID, args.seconds, args.connections
                )
                wall = time.time() - t0
                server, client = cpu_seconds(proc.pid) - server0, client_cpu_seconds() - client0
                rates[n].append(rate)
                cpu[n].append((server / (rate[0] * wall) * 1e6, server / wall, client / wall))
    finally:
        for proc, _ in procs.values():
            stop(proc)
    one = [r[0] for r in rates[1]]
    two = [r[0] for r in rates[2]]
    ratios = [b / a for a, b in zip(one, two, strict=True)]
    print(f"\nworkers (python -m service, sigmoid 16 floats), load average {loadavg()}:")
    print(
        "| workers | req/s (median) | range | p50 | p99 | server CPU per request | "
        "server cores | load generator cores |\n|---:|---:|---|---:|---:|---:|---:|---:|"
    )
    for n, rs in ((1, one), (2, two)):
        mid = sorted(rates[n])[len(rs) // 2]
        per_request, cores, client_cores = (
            statistics.median(c[i] for c in cpu[n]) for i in range(3)
        )
        print(
            f"| {n} | {statistics.median(rs):,.0f} | {min(rs):,.0f}–{max(rs):,.0f} | "
            f"{mid[1]} | {mid[2]} | {per_request:.1f} µs | {cores:.2f} | {client_cores:.2f} |"
        )
    print(
        f"2 workers / 1 worker: {statistics.median(ratios):.2f}x "
        f"({min(ratios):.2f}–{max(ratios):.2f}) (goal >= 1.6x)"
    )
    machine = machine_scaling()
    costs = [b[0] / a[0] for a, b in zip(cpu[1], cpu[2], strict=True)]
    print(
        f"server CPU per request, 2 workers / 1 worker: {statistics.median(costs):.2f}x "
        f"({min(costs):.2f}–{max(costs):.2f}); the {os.cpu_count()} cores also run the load "
        "generator"
    )
    print(
        f"the machine: two CPU-bound processes at once did {statistics.median(machine):.2f}x "
        f"({min(machine):.2f}–{max(machine):.2f}) the work of one alone"
    )
    # the cores the load generator leaves two workers, against the cores one worker used:
    # the ratio two workers reach at a lone worker's CPU per request
    left = [(os.cpu_count() or 1) - b[2] for b in cpu[2]]
    bound = [free / a[1] for free, a in zip(left, cpu[1], strict=True)]
    print(
        f"the cores the load generator leaves two workers / the cores one worker used: "
        f"{statistics.median(bound):.2f}x ({min(bound):.2f}–{max(bound):.2f}): the ratio at a "
        "lone worker's CPU per request"
    )


def same_answers(answers: dict[tuple[str, str], Any]) -> None:
    """The peers compute what gradserve computes (to rounding: their operation order is
    theirs): the sigmoid's value and derivative, the mse loss and gradient, Adam's new
    parameters and state."""
    for path, keys in (
        ("/v1/activations/sigmoid", ("value", "derivative")),
        ("/v1/losses/mse", ("loss", "grad")),
        ("/v1/optimizers/adam/step", ("params",)),
    ):
        ours, peer = answers["ours", path], answers["peer", path]
        for key in keys:
            np.testing.assert_allclose(peer[key], ours[key], rtol=1e-12, err_msg=path)
    ours, peer = (answers[k, "/v1/optimizers/adam/step"]["state"] for k in ("ours", "peer"))
    assert peer["step"] == ours["step"]
    for slot in ("exp_avg", "exp_avg_sq"):
        np.testing.assert_allclose(peer["slots"][slot], ours["slots"][slot], rtol=1e-12)


def small(args: argparse.Namespace, load: Any) -> None:
    # (label, server, path, body, the peer of the same call)
    sig_peer, mse_peer, adam_peer = (
        "peer: sigmoid, pydantic list[float] + NumPy",
        "peer: mse loss, pydantic + NumPy",
        "peer: adam step, pydantic + NumPy",
    )
    cases = [
        ("ceiling: FastAPI async constant", "ceiling", "/constant", b"{}", sig_peer),
        (sig_peer, "peer", "/v1/activations/sigmoid", SIGMOID, sig_peer),
        (mse_peer, "peer", "/v1/losses/mse", LOSS, mse_peer),
        (adam_peer, "peer", "/v1/optimizers/adam/step", STEP, adam_peer),
        ("gradserve sigmoid, 16 floats", "ours", "/v1/activations/sigmoid", SIGMOID, sig_peer),
        ("gradserve mse loss, 16 values", "ours", "/v1/losses/mse", LOSS, mse_peer),
        ("gradserve adam step, 16 params", "ours", "/v1/optimizers/adam/step", STEP, adam_peer),
        (
            "diagnostic: sigmoid, fast path off",
            "nofast",
            "/v1/activations/sigmoid",
            SIGMOID,
            sig_peer,
        ),
    ]
    results: dict[str, list[tuple[float, str, str]]] = {c[0]: [] for c in cases}
    queue = {"GRADSERVE_MAX_QUEUE": str(4 * args.connections)}
    with (
        server("bench.small_apps:ceiling") as ceiling,
        server("bench.small_apps:peer") as peer,
        # admission control stays on; its queue holds every connection of the load generator
        server(env=queue) as ours,
        server("bench.small_variants:no_fastpath", env=queue) as nofast,
    ):
        bases = {"ceiling": ceiling, "peer": peer, "ours": ours, "nofast": nofast}
        answers = {}
        for label, which, path, body, _ in cases:  # warm-up, and check each answers 200
            r = httpx.post(
                bases[which] + path, content=body, headers={"content-type": "application/json"}
            )
            assert r.status_code == 200, (label, r.text[:300])
            answers[which, path] = r.json()
            load(bases[which], path, body, 1.0, args.connections)
        same_answers(answers)
        for _ in range(args.rounds):
            for label, which, path, body, _ in cases:
                results[label].append(
                    load(bases[which], path, body, args.seconds, args.connections)
                )

        # one batch of 1,000 sigmoid calls: evaluations per second, best of 5
        with httpx.Client(base_url=ours, timeout=60) as client:

            def batch() -> None:
                r = client.post(
                    "/v1/batch", content=BATCH, headers={"content-type": "application/json"}
                )
                assert r.status_code == 200, r.text[:300]

            batch()
            t_batch = best_of(batch, repeat=5)
    print(f"load average after:  {loadavg()}")

    def med(label: str) -> float:
        return statistics.median(r[0] for r in results[label])

    ceiling_label = cases[0][0]
    w = max(len(c[0]) for c in cases)
    print(
        f"\n| {'':<{w}} | req/s (median) | range | p50 | p99 | x ceiling | x its peer |\n"
        f"|{'-' * (w + 2)}|---:|---|---:|---:|---:|---:|"
    )
    for label, *_, peer_label in cases:
        rs = [r[0] for r in results[label]]
        mid = sorted(results[label])[len(rs) // 2]
        ratio_c = [a / b[0] for a, b in zip(rs, results[ceiling_label], strict=True)]
        ratio_p = [a / b[0] for a, b in zip(rs, results[peer_label], strict=True)]
        print(
            f"| {label:<{w}} | {med(label):,.0f} | {min(rs):,.0f}–{max(rs):,.0f} | {mid[1]} | "
            f"{mid[2]} | {statistics.median(ratio_c):.2f} ({min(ratio_c):.2f}–{max(ratio_c):.2f}) "
            f"| {statistics.median(ratio_p):.2f} ({min(ratio_p):.2f}–{max(ratio_p):.2f}) |"
        )
    print(
        f"\nbatch: {BATCH_N} sigmoid calls of 16 floats in one POST /v1/batch: "
        f"{t_batch * 1e3:.1f} ms, {BATCH_N / t_batch:,.0f} evaluations/s (goal >= 50,000)"
    )
    t_eval, t_kernel, t_np = compute_ratio()
    print(
        f"compute, 16 floats: NumPy expit pair {t_np:.1f} us; evaluate('sigmoid') "
        f"{t_eval:.1f} us ({t_eval / t_np:.1f}x); the fast path's kernel (parameters resolved "
        f"once) {t_kernel:.1f} us ({t_kernel / t_np:.1f}x) (goal <= 2x)"
    )


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    main()
