"""The committed generated clients are complete and match what `make clients` writes now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openapi_python_client.strings import snake_case

from scripts.gen_clients import (
    CLIENTS,
    SPEC,
    TS_SCHEMA,
    generate_python,
    generate_typescript,
    tree_files,
)

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}
STALE = "stale: run `make clients` and commit clients/ (the spec changed since)"


def _diff(new: dict[str, bytes], old: dict[str, bytes]) -> list[str]:
    return sorted(
        [f"only in the fresh output: {p}" for p in new.keys() - old.keys()]
        + [f"only in the committed client: {p}" for p in old.keys() - new.keys()]
        + [f"differs: {p}" for p in new.keys() & old.keys() if new[p] != old[p]]
    )


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("clients") / "python"
    return out, generate_python(out)


def test_python_generator_skips_nothing(fresh_python: tuple[Path, list[str]]) -> None:
    _, warnings = fresh_python
    assert warnings == [], "openapi-python-client warnings:\n" + "\n".join(warnings)


def test_python_client_has_every_operation(fresh_python: tuple[Path, list[str]]) -> None:
    out, _ = fresh_python
    spec = json.loads(SPEC.read_text())
    operations = [
        op["operationId"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in METHODS
    ]
    generated = {p.stem for p in (out / "gradserve_client" / "api").rglob("*.py")}
    missing = [op for op in operations if snake_case(op) not in generated]
    assert operations and not missing, f"operations missing from the Python client: {missing}"


def test_python_client_is_fresh(fresh_python: tuple[Path, list[str]]) -> None:
    out, _ = fresh_python
    diff = _diff(tree_files(out), tree_files(CLIENTS / "python"))
    assert not diff, STALE + "\n" + "\n".join(diff[:40])


@pytest.mark.node
def test_typescript_types_are_fresh(node_modules: Path, tmp_path: Path) -> None:
    generate_typescript(tmp_path)
    fresh = (tmp_path / TS_SCHEMA).read_bytes()
    assert fresh == (node_modules / TS_SCHEMA).read_bytes(), STALE
