"""The layers keep apart: compute is pure NumPy, wire is the codec, only the edge knows HTTP.

- ``service/compute`` imports no web code (FastAPI, pydantic, Starlette, the routers, the
  schemas, the codec, the HTTP error mapping, the settings);
- ``service/wire`` imports nothing from compute;
- neither names a ``GRADSERVE_*`` setting or an HTTP status: limits carry the settings field
  and the edge names the variable (``service.errors.setting_name``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

RULES = {
    "service/compute": (
        "fastapi",
        "pydantic",
        "starlette",
        "service.wire",
        "service.api",
        "service.schemas",
        "service.errors",
        "service.config",
        "service.main",
    ),
    "service/wire": ("service.compute", "service.api", "service.schemas", "service.config"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    mods: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            mods.append(node.module)
    return mods


@pytest.mark.parametrize("package", sorted(RULES))
def test_forbidden_imports(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        for module in _imports(path):
            assert not module.startswith(RULES[package]), f"{path}: imports {module}"


@pytest.mark.parametrize("package", sorted(RULES))
def test_no_setting_names_or_http_statuses(package: str) -> None:
    for path in sorted((ROOT / package).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "GRADSERVE_" not in text, f"{path} names a GRADSERVE_* setting"
        if package == "service/compute":
            assert not re.search(r"\bstatus(_code)?\s*=\s*[45]\d\d\b", text), path
