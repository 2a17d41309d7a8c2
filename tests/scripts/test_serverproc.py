"""scripts/serverproc.py: the CPU time of a server's whole process tree."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from scripts.serverproc import cpu_seconds

# each process burns 0.4 s of its own CPU time, says so, and then sleeps (stays alive)
BURN = (
    "import sys, time\n"
    "while time.process_time() < 0.4: pass\n"
    "print('burnt', flush=True)\n"
    "time.sleep(60)\n"
)
PARENT = (
    "import subprocess, sys\n"
    f"child = subprocess.Popen([sys.executable, '-c', {BURN!r}], stdout=sys.stdout)\n"
    f"exec({BURN!r})\n"
)


def test_cpu_seconds_sums_a_process_and_its_children() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, start_new_session=True
    ) as proc:
        try:
            assert proc.stdout is not None
            assert [proc.stdout.readline().strip() for _ in range(2)] == ["burnt", "burnt"]
            seconds = cpu_seconds(proc.pid)
            # both burnt 0.4 s (by their own clocks) plus their start-up; the tick is 10 ms
            assert 0.78 <= seconds < 3.0
        finally:
            os.killpg(proc.pid, signal.SIGKILL)


def test_cpu_seconds_of_a_process_that_is_gone_is_zero() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert cpu_seconds(proc.pid) == 0.0
