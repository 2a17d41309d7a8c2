"""The TypeScript client (clients/typescript): strict types with no casts, and a live run.

The example program (src/example.ts) is compiled by tsc under `strict` and run with node
against a real server; its `RESULT {json}` line is checked here.
"""

from __future__ import annotations

import json
import math
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.node, pytest.mark.e2e]


@pytest.fixture(scope="module")
def compiled(node_modules: Path) -> Iterator[tuple[subprocess.CompletedProcess[str], Path]]:
    """tsc's result and the directory it emitted into (inside the package, for node_modules)."""
    with tempfile.TemporaryDirectory(prefix=".test-dist-", dir=node_modules) as out:
        proc = subprocess.run(
            [str(node_modules / "node_modules" / ".bin" / "tsc"), "--outDir", out],
            cwd=node_modules,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        yield proc, Path(out)


def test_tsconfig_is_strict(node_modules: Path) -> None:
    options = json.loads((node_modules / "tsconfig.json").read_text())["compilerOptions"]
    assert options["strict"] is True
    assert options["noUncheckedIndexedAccess"] is True


def test_example_typechecks_under_strict(
    compiled: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    proc, _ = compiled
    assert proc.returncode == 0, f"tsc --strict failed:\n{proc.stdout}{proc.stderr}"


def test_example_has_no_casts(node_modules: Path) -> None:
    proc = subprocess.run(
        ["node", "scripts/check-no-casts.mjs", "src/example.ts"],
        cwd=node_modules,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _result(stdout: str) -> dict[str, Any]:
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    assert len(lines) == 1, f"no RESULT line in:\n{stdout}"
    parsed: dict[str, Any] = json.loads(lines[0].removeprefix("RESULT "))
    return parsed


def test_example_against_live_server(
    compiled: tuple[subprocess.CompletedProcess[str], Path], live_server: str
) -> None:
    proc, out = compiled
    assert proc.returncode == 0, "the example does not compile (see the typecheck test)"
    run = subprocess.run(
        ["node", str(out / "example.js"), live_server],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    r = _result(run.stdout)

    sig = [1 / (1 + math.exp(2)), 0.5, 1 / (1 + math.exp(-2))]
    assert r["sigmoid"]["value"] == pytest.approx(sig, rel=1e-15)
    assert r["sigmoid"]["derivative"] == pytest.approx([s * (1 - s) for s in sig], rel=1e-14)
    # float32 through b64 both ways: the float32 rounding of the float64 values
    assert r["sigmoid_float32"] == pytest.approx(sig, rel=1e-7)
    assert r["sigmoid_float32"] != pytest.approx(sig, rel=1e-12)

    assert r["loss"]["loss"] == pytest.approx([math.log(2)], rel=1e-15)
    assert r["loss"]["grad"] == pytest.approx([0.0, -2.0, 0.0])

    # Adam, lr 0.1, constant gradient: each step moves each parameter by lr·sign(g)
    # (bias-corrected m̂/√v̂ = ±1 up to eps); step 2 only does so if the state came back
    assert r["adam"]["steps"] == [1, 2]
    assert r["adam"]["params"][0] == pytest.approx([0.9, 2.1], abs=1e-6)
    assert r["adam"]["params"][1] == pytest.approx([0.8, 2.2], abs=1e-6)

    assert r["verify"] == {"passed": True}
    assert r["problem"]["status"] == 422
    assert r["problem"]["type"].startswith("urn:gradserve:problem:")
    assert r["problem"]["loc"] == ["body", "x", 1]
