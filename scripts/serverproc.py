"""Real gradserve processes on loopback for the load, soak, shutdown and failover runs:
start ``python -m service`` on a port, wait until it answers, read its RSS, stop it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(port: int, log: IO[bytes], **env: str) -> subprocess.Popen[bytes]:
    """``python -m service`` on 127.0.0.1:port with GRADSERVE_* overrides; stdout (the JSON
    access log) and stderr go to ``log``."""
    full = {
        **os.environ,
        "GRADSERVE_HOST": "127.0.0.1",
        "GRADSERVE_PORT": str(port),
        "GRADSERVE_LOG_LEVEL": "warning",
        **{f"GRADSERVE_{k.upper()}": v for k, v in env.items()},
    }
    return subprocess.Popen(
        [sys.executable, "-m", "service"], cwd=ROOT, env=full, stdout=log, stderr=log
    )


def wait_healthy(base: str, proc: subprocess.Popen[bytes] | None, timeout: float = 60) -> float:
    """Poll /healthz until it answers 200; the seconds it took. Fails if the process dies."""
    t0 = time.monotonic()
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return time.monotonic() - t0
        except httpx.TransportError:
            pass
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server on {base} exited with {proc.returncode} before answering")
        if time.monotonic() - t0 > timeout:
            raise RuntimeError(f"server on {base} did not answer /healthz in {timeout} s")
        time.sleep(0.1)


def rss_kib(pid: int) -> int:
    """Resident set size of a process, from /proc/<pid>/status (VmRSS, KiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def _stat(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (field 3 on)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and every live descendant (a server's
    workers), from /proc; a process that exits meanwhile is left out."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(_stat(int(entry))[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, todo = [pid], [pid]
    while todo:
        parent = todo.pop()
        children = [child for child, p in parents.items() if p == parent]
        tree += children
        todo += children
    ticks = 0
    for member in tree:
        try:
            fields = _stat(member)
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def stop(proc: subprocess.Popen[bytes], timeout: float = 20) -> int:
    """SIGTERM, wait, SIGKILL if it hangs; the exit status."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    return int(proc.returncode)
