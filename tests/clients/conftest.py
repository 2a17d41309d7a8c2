"""Generated clients against a real uvicorn server (python -m service) over loopback.

Tests marked `node` need Node.js (the TypeScript client). Without `node` on PATH they are
skipped with the reason in the summary; under GRADSERVE_REQUIRE_NODE=1 (`make test-slow`,
and `.ci/run` whenever node exists) they fail instead, so CI never skips them silently.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scripts.gen_clients import TS_DIR, ensure_node_modules

NODE_MISSING = (
    "node is not installed: the TypeScript client tests did NOT run "
    "(install Node.js >= 20, or run `make test-slow` where node is available)"
)


@pytest.fixture(scope="package")
def node_modules() -> Path:
    """clients/typescript with its node_modules (`npm ci` when absent); see the module doc."""
    if not (shutil.which("node") and shutil.which("npm")):
        if os.environ.get("GRADSERVE_REQUIRE_NODE") == "1":
            pytest.fail(NODE_MISSING + "; GRADSERVE_REQUIRE_NODE=1 requires them")
        pytest.skip(NODE_MISSING)
    ensure_node_modules()
    return TS_DIR


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="package")
def live_server() -> Iterator[str]:
    """Base URL of a real server started for this package's tests and stopped after them."""
    port = _free_port()
    env = {
        **os.environ,
        "GRADSERVE_HOST": "127.0.0.1",
        "GRADSERVE_PORT": str(port),
        "GRADSERVE_LOG_LEVEL": "warning",
    }
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed after the server stops
    proc = subprocess.Popen(
        [sys.executable, "-m", "service"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"server did not start: {log.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
        log.close()
