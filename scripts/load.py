"""``make load`` (and the soak of ``make test-slow``): a real server under a mixed load.

Starts ``python -m service`` on a loopback port (one worker, the JSON access log on, into a
file), warms it up with the same load for ``--warmup`` seconds (30: under this mix the heap
reaches its working size, which keeps up to GRADSERVE_MALLOC_TRIM_THRESHOLD of freed memory
by design, in about 20 s; growth after that is what a leak looks like), samples its RSS from /proc,
drives it for ``--duration`` seconds with ``--users`` keep-alive connections (headless locust,
the mix of scripts/locustfile.py), samples the RSS again, stops it with SIGTERM, and reports
per endpoint: requests, failures, p50, p99, max. The rules: no failed request, RSS growth under
``--max-rss-growth`` (10 %) from after the warm-up to the end, a clean exit (status 0), one
access-log line per request. Exit status 1 when a rule is broken.

The server's admission queue (GRADSERVE_MAX_QUEUE) is set to hold every connection: this
measures a replica kept saturated by 64 clients without shedding (what the queue bound and the
503s do beyond it is tested with the admission control itself); ``--env MAX_QUEUE=...``
overrides it.

    python scripts/load.py                       # 60 s, 64 connections
    python scripts/load.py --duration 600        # the soak
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.serverproc import ROOT, free_port, rss_kib, start, stop, wait_healthy

LOCUSTFILE = ROOT / "scripts" / "locustfile.py"


@dataclass
class Endpoint:
    name: str
    requests: int
    failures: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    rps: float


@dataclass
class Report:
    duration_s: float
    users: int
    endpoints: list[Endpoint]
    total: Endpoint
    rss_start_kib: int
    rss_end_kib: int
    rss_max_kib: int
    exit_status: int
    access_log_lines: int
    warmup_requests: int
    warmup_failures: int
    failures: list[str] = field(default_factory=list)
    rss_samples_kib: list[int] = field(default_factory=list)  # one a second under load

    @property
    def rss_growth(self) -> float:
        return (self.rss_end_kib - self.rss_start_kib) / self.rss_start_kib

    def broken_rules(self, max_rss_growth: float) -> list[str]:
        broken = []
        if self.total.failures or self.warmup_failures:
            broken.append(
                f"{self.total.failures} failed requests ({self.warmup_failures} in the warm-up)"
            )
        if self.total.requests == 0:
            broken.append("no request was answered")
        if self.rss_growth >= max_rss_growth:
            broken.append(f"RSS grew {self.rss_growth:.1%} (limit {max_rss_growth:.0%})")
        if self.exit_status != 0:
            broken.append(f"the server exited with status {self.exit_status} on SIGTERM")
        expected = self.total.requests + self.warmup_requests
        if self.access_log_lines < expected:
            broken.append(f"{self.access_log_lines} access-log lines for {expected} requests")
        return broken


def run_locust(base: str, users: int, seconds: float, prefix: Path) -> list[Endpoint]:
    """One headless locust run; the per-endpoint rows of its CSV summary (last: Aggregated)."""
    cmd = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        base,
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{int(seconds)}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"locust failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    rows = []
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            rows.append(
                Endpoint(
                    name=row["Name"],
                    requests=int(row["Request Count"]),
                    failures=int(row["Failure Count"]),
                    p50_ms=float(row["50%"] if row["50%"] != "N/A" else 0),
                    p99_ms=float(row["99%"] if row["99%"] != "N/A" else 0),
                    max_ms=float(row["Max Response Time"] or 0),
                    rps=float(row["Requests/s"] or 0),
                )
            )
    return rows


def failure_messages(prefix: Path) -> list[str]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return [f"{r['Name']}: {r['Error']} (x{r['Occurrences']})" for r in csv.DictReader(f)]


def run(
    duration: float = 60, users: int = 64, warmup: float = 30, env: dict[str, str] | None = None
) -> Report:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {"max_queue": str(users), **(env or {})}
    with tempfile.TemporaryDirectory(prefix="gradserve-load-") as tmp:
        log_path = Path(tmp) / "server.log"
        with open(log_path, "wb") as log:
            proc = start(port, log, **env)
            try:
                wait_healthy(base, proc)
                warm = run_locust(base, users, warmup, Path(tmp) / "warmup")
                rss_start = rss_kib(proc.pid)
                samples = [rss_start]
                done = threading.Event()

                def sample() -> None:
                    while not done.wait(1.0) and proc.poll() is None:
                        samples.append(rss_kib(proc.pid))

                sampler = threading.Thread(target=sample, daemon=True)
                sampler.start()
                t0 = time.monotonic()
                rows = run_locust(base, users, duration, Path(tmp) / "load")
                elapsed = time.monotonic() - t0
                done.set()
                sampler.join(timeout=5)
                rss_end = rss_kib(proc.pid)
                failures = failure_messages(Path(tmp) / "warmup")
                failures += failure_messages(Path(tmp) / "load")
            finally:
                status = stop(proc)
        lines = 0
        with open(log_path, "rb") as f:
            for line in f:
                if line.startswith(b"{"):
                    json.loads(line)  # one JSON object per line (also wait_healthy's polls)
                    lines += 1
    total = rows[-1]
    return Report(
        duration_s=round(elapsed, 1),
        users=users,
        endpoints=rows[:-1],
        total=total,
        rss_start_kib=rss_start,
        rss_end_kib=rss_end,
        rss_max_kib=max([*samples, rss_end]),
        exit_status=status,
        access_log_lines=lines,
        warmup_requests=warm[-1].requests,
        warmup_failures=warm[-1].failures,
        failures=failures,
        rss_samples_kib=samples,
    )


def render(report: Report) -> str:
    head = f"{'endpoint':<16} {'requests':>9} {'failed':>7} {'req/s':>8} {'p50 ms':>8} "
    head += f"{'p99 ms':>8} {'max ms':>8}"
    out = [
        f"load: {report.users} connections for {report.duration_s} s "
        f"(after a warm-up of {report.warmup_requests} requests)",
        head,
    ]
    for e in [*report.endpoints, report.total]:
        out.append(
            f"{e.name:<16} {e.requests:>9} {e.failures:>7} {e.rps:>8.1f} {e.p50_ms:>8.0f} "
            f"{e.p99_ms:>8.0f} {e.max_ms:>8.0f}"
        )
    out.append(
        f"RSS after warm-up {report.rss_start_kib / 1024:.1f} MiB, at the end "
        f"{report.rss_end_kib / 1024:.1f} MiB (max {report.rss_max_kib / 1024:.1f} MiB): "
        f"growth {report.rss_growth:+.1%}"
    )
    step = max(1, len(report.rss_samples_kib) // 12)
    trend = " ".join(f"{k / 1024:.0f}" for k in report.rss_samples_kib[::step])
    out.append(f"RSS under load every {step} s (MiB): {trend}")
    out.append(
        f"server exit status on SIGTERM: {report.exit_status}; "
        f"access-log lines: {report.access_log_lines}"
    )
    out.extend(f"failure: {m}" for m in report.failures[:20])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=float, default=60, help="seconds of measured load")
    ap.add_argument("--users", type=int, default=64, help="concurrent connections")
    ap.add_argument(
        "--warmup",
        type=float,
        default=30,
        help="seconds of warm-up load (the heap reaches its working size, up to the malloc "
        "trim threshold of freed memory kept, in about 20 s of this mix)",
    )
    ap.add_argument("--max-rss-growth", type=float, default=0.10)
    ap.add_argument("--json", type=Path, help="also write the report here")
    ap.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a GRADSERVE_* setting for the server (repeatable), e.g. --env MAX_CONCURRENCY=4",
    )
    args = ap.parse_args(argv)
    env = dict(item.removeprefix("GRADSERVE_").lower().split("=", 1) for item in args.env)
    report = run(args.duration, args.users, args.warmup, env)
    print(render(report))
    if args.json:
        data: dict[str, Any] = asdict(report)
        data["rss_growth"] = report.rss_growth
        args.json.write_text(json.dumps(data, indent=2))
    broken = report.broken_rules(args.max_rss_growth)
    for b in broken:
        print(f"RULE BROKEN: {b}")
    print("load: PASS" if not broken else "load: FAIL")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
