"""``make failover``: two replicas behind nginx, one killed with SIGKILL under load, restarted.

Real processes on loopback: replicas A and B (``python -m service``), Debian's nginx running
deploy/nginx.conf (scripts/nginxconf.py writes the replicas' ports into it), and ``--clients``
threads sending a mix of POSTs through nginx, each with its own X-Request-ID. At
``--kill-at`` seconds A gets SIGKILL; at ``--restart-at`` it is started again on the same port;
the load goes on until ``--duration`` seconds and at least ``--rejoin-window`` seconds after A
answers again (longer than nginx's fail_timeout, after which it tries A again), 120 s at most.
nginx's access log (its JSON format names the replica that answered, and any tried before
it) is joined with the clients' records by request id.

The rules: requests in flight on A when it died may fail; every request sent after the kill is
answered 200 (by B while A is down: nginx retries on B, POST included); A, restarted, serves
requests again. Exit status 1 when one is broken.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import nginxconf
from scripts.serverproc import free_port, start, stop, wait_healthy

BODIES: list[tuple[str, dict[str, Any]]] = [
    ("/v1/activations/sigmoid", {"x": [-2.0, -1.0, 0.0, 1.0, 2.0]}),
    (
        "/v1/optimizers/adam/step",
        {"params": [1.0, -2.0, 3.0], "grads": [0.1, 0.2, -0.3], "hyperparams": {"lr": 0.01}},
    ),
    ("/v1/losses/mse", {"y_true": [[0.0, 1.0]], "y_pred": [[0.2, 0.7]]}),
    # a slower one (tens of ms), so that some requests are in flight when A dies
    ("/v1/inspect/gradient-flow", {"depth": 8, "width": 96, "batch": 48}),
]


@dataclass
class Sent:
    rid: str
    path: str
    t_start: float
    t_end: float
    status: int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class Report:
    total: int
    failed: int
    in_flight_at_kill: int
    failed_in_flight: int
    sent_after_kill: int
    failed_after_kill: int
    retried_on_other: int
    served: dict[str, dict[str, int]]  # phase -> replica -> count
    restart_ready_after_s: float
    unlogged: int
    failures: list[str] = field(default_factory=list)

    def broken_rules(self) -> list[str]:
        broken = []
        if self.failed_after_kill:
            broken.append(f"{self.failed_after_kill} requests sent after the kill failed")
        if self.served["down"].get("A", 0):
            broken.append("A (killed) answered while it was down")
        if not self.served["down"].get("B", 0):
            broken.append("B answered nothing while A was down")
        if not self.served["after restart"].get("A", 0):
            broken.append("A, restarted, was not sent requests again (did not rejoin)")
        if not self.served["before kill"].get("A", 0) or not self.served["before kill"].get("B"):
            broken.append("the load was not shared by both replicas before the kill")
        if self.unlogged:
            broken.append(f"{self.unlogged} answered requests missing from nginx's access log")
        return broken


MAX_SECONDS = 120


def _client(
    base: str, idx: int, done: threading.Event, out: list[Sent], max_requests: int = 200_000
) -> None:
    bodies = itertools.cycle(BODIES[idx % len(BODIES) :] + BODIES[: idx % len(BODIES)])
    hard_stop = time.monotonic() + MAX_SECONDS
    with httpx.Client(base_url=base, timeout=15) as c:
        for n in range(max_requests):
            if done.is_set() or time.monotonic() >= hard_stop:
                return
            path, body = next(bodies)
            rid = f"c{idx}-{n}"
            t0 = time.monotonic()
            try:
                r = c.post(path, json=body, headers={"X-Request-ID": rid})
                out.append(Sent(rid, path, t0, time.monotonic(), r.status_code))
                if r.status_code != 200:
                    out[-1].error = r.text[:200]
            except httpx.HTTPError as exc:
                out.append(Sent(rid, path, t0, time.monotonic(), None, repr(exc)))


def run(
    duration: float = 20,
    kill_at: float = 6,
    restart_at: float = 10,
    clients: int = 8,
    rejoin_window: float = 8,
) -> Report:
    ports = {"A": free_port(), "B": free_port()}
    names = {f"127.0.0.1:{p}": name for name, p in ports.items()}
    proxy_port = free_port()
    base = f"http://127.0.0.1:{proxy_port}"
    with tempfile.TemporaryDirectory(prefix="gradserve-failover-") as tmp:
        work = Path(tmp)
        logs = {name: open(work / f"{name}.log", "wb") for name in ("A", "B", "A2")}  # noqa: SIM115
        # one replica must take the whole load while the other is down: its admission queue
        # holds every client (with the default queue it would shed 503s, which nginx retries
        # on the dead replica and then returns)
        env = {"max_queue": str(4 * clients)}
        procs = {name: start(port, logs[name], **env) for name, port in ports.items()}
        nginx: subprocess.Popen[bytes] | None = None
        try:
            for name, port in ports.items():
                wait_healthy(f"http://127.0.0.1:{port}", procs[name])
            conf = nginxconf.write(list(names), proxy_port, work / "nginx")
            with open(work / "nginx.out", "wb") as nginx_out:
                nginx = subprocess.Popen(
                    nginxconf.command(conf, "-g", "daemon off;"),
                    stdout=nginx_out,
                    stderr=subprocess.STDOUT,
                )
            wait_healthy(base, nginx, timeout=15)

            sent: list[Sent] = []
            done = threading.Event()
            t0 = time.monotonic()
            threads = [
                threading.Thread(target=_client, args=(base, i, done, sent)) for i in range(clients)
            ]
            for t in threads:
                t.start()
            time.sleep(max(0.0, t0 + kill_at - time.monotonic()))
            os.kill(procs["A"].pid, signal.SIGKILL)
            procs["A"].wait(timeout=10)
            t_kill = time.monotonic()
            time.sleep(max(0.0, t0 + restart_at - time.monotonic()))
            t_restart = time.monotonic()
            procs["A"] = start(ports["A"], logs["A2"], **env)
            wait_healthy(f"http://127.0.0.1:{ports['A']}", procs["A"])
            t_ready = time.monotonic()
            end = max(t0 + duration, t_ready + rejoin_window)
            time.sleep(max(0.0, min(end, t0 + MAX_SECONDS) - time.monotonic()))
            done.set()
            for t in threads:
                t.join(timeout=30)
        finally:
            done.set()
            if nginx is not None and nginx.poll() is None:
                nginx.send_signal(signal.SIGQUIT)  # graceful: finish, then stop
                try:
                    nginx.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    nginx.kill()
            for proc in procs.values():
                stop(proc)
            for f in logs.values():
                f.close()
        upstream = {}
        access = work / "nginx" / "access.log"
        for line in access.read_text().splitlines():
            entry = json.loads(line)
            upstream[entry["id"]] = [a.strip() for a in entry["upstream"].split(",") if a.strip()]
    return _report(sent, upstream, names, t_kill, t_restart, t_ready)


def _report(
    sent: list[Sent],
    upstream: dict[str, list[str]],
    names: dict[str, str],
    t_kill: float,
    t_restart: float,
    t_ready: float,
) -> Report:
    """Phases: before the kill (answered before it), down (sent after the kill, answered
    before A was started again), restarting (A starting: it may answer before our health
    poll sees it), after restart (sent once A answered /healthz)."""
    served: dict[str, dict[str, int]] = {
        "before kill": {},
        "down": {},
        "restarting": {},
        "after restart": {},
    }
    in_flight = [s for s in sent if s.t_start < t_kill <= s.t_end]
    after = [s for s in sent if s.t_start >= t_kill]
    retried = unlogged = 0
    for s in sent:
        tried = upstream.get(s.rid)
        if tried is None:
            unlogged += s.status is not None
            continue
        retried += len(tried) > 1
        if not s.ok:
            continue
        who = names.get(tried[-1], tried[-1])
        if s.t_end < t_kill:
            phase = "before kill"
        elif s.t_start >= t_ready:
            phase = "after restart"
        elif s.t_start >= t_kill and s.t_end < t_restart:
            phase = "down"
        elif s.t_start >= t_kill:
            phase = "restarting"
        else:
            phase = None  # in flight at the kill
        if phase:
            served[phase][who] = served[phase].get(who, 0) + 1
    failures = [f"{s.rid} {s.path}: {s.status} {s.error}" for s in sent if not s.ok]
    return Report(
        total=len(sent),
        failed=sum(not s.ok for s in sent),
        in_flight_at_kill=len(in_flight),
        failed_in_flight=sum(not s.ok for s in in_flight),
        sent_after_kill=len(after),
        failed_after_kill=sum(not s.ok for s in after),
        retried_on_other=retried,
        served=served,
        restart_ready_after_s=round(t_ready - t_restart, 2),
        unlogged=unlogged,
        failures=failures,
    )


def render(r: Report) -> str:
    out = [
        f"failover: {r.total} requests, {r.failed} failed",
        f"  in flight when A was killed: {r.in_flight_at_kill} ({r.failed_in_flight} failed)",
        f"  sent after the kill: {r.sent_after_kill} ({r.failed_after_kill} failed)",
        f"  retried by nginx on the other replica: {r.retried_on_other}",
        f"  A restarted, answering after {r.restart_ready_after_s} s",
    ]
    for phase, counts in r.served.items():
        out.append(f"  served {phase:<14} A {counts.get('A', 0):>6}   B {counts.get('B', 0):>6}")
    out.extend(f"  failure: {f}" for f in r.failures[:10])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=float, default=20)
    ap.add_argument("--kill-at", type=float, default=6)
    ap.add_argument("--restart-at", type=float, default=10)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--rejoin-window", type=float, default=8)
    args = ap.parse_args(argv)
    report = run(args.duration, args.kill_at, args.restart_at, args.clients, args.rejoin_window)
    print(render(report))
    broken = report.broken_rules()
    for b in broken:
        print(f"RULE BROKEN: {b}")
    print("failover: PASS" if not broken else "failover: FAIL")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
