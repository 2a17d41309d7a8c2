"""Schemathesis over the whole OpenAPI document, every check on (schemathesis.toml says
which check is narrowed and why): no input gives a 5xx, an undocumented status, a response
that violates the schema, a wrong Allow header, or an accepted schema-violating request.

The default suite runs a bounded, deterministic run (GRADSERVE_FUZZ_BOUNDED examples per
operation, default 25, in-process over ASGI); ``make fuzz`` (slow) runs GRADSERVE_FUZZ_EXAMPLES per operation
(default 100: over 3000 cases). Every method a path does not serve answers 405 with an Allow
header that lists exactly the documented methods.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings

from service.config import Settings
from service.main import create_app

ROOT = Path(__file__).resolve().parents[1]
CONFIG = schemathesis.Config.from_path(str(ROOT / "schemathesis.toml"))
APP = create_app(Settings(access_log="off"))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )


CASES: dict[str, int] = {}


def _run(case: schemathesis.Case) -> None:
    CASES[case.operation.label] = CASES.get(case.operation.label, 0) + 1
    case.call_and_validate()


@schema.parametrize()
@fuzz(int(os.environ.get("GRADSERVE_FUZZ_BOUNDED", "25")))
def test_api_bounded(case: schemathesis.Case) -> None:
    _run(case)


@pytest.mark.slow
@schema.parametrize()
@fuzz(int(os.environ.get("GRADSERVE_FUZZ_EXAMPLES", "100")))
def test_api_long(case: schemathesis.Case) -> None:
    _run(case)


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _concrete(path: str, spec: dict[str, Any]) -> str:
    values = {"name": "adam" if "optimizers" in path else "relu", "model": "activations.relu"}
    values["version"] = "1"
    if "/losses/" in path:
        values["name"] = "mse"
    return path.format(**values)


def test_every_path_answers_405_with_allow_for_other_methods() -> None:
    spec = APP.openapi()
    with TestClient(APP) as client:
        for path, item in spec["paths"].items():
            documented = {m.upper() for m in item if m.upper() in METHODS}
            url = _concrete(path, spec)
            for method in METHODS:
                if method in documented:
                    continue
                r = client.request(method, url)
                assert r.status_code == 405, (method, path, r.status_code)
                allow = {m.strip() for m in r.headers["allow"].split(",")} - {"HEAD"}
                assert allow == documented, (method, path, r.headers["allow"])
