"""Schemathesis over the whole OpenAPI document, every check on (schemathesis.toml says
which check is narrowed and why): no input gives a 5xx, an undocumented status, a response
that violates the schema, a wrong Allow header, or an accepted schema-violating request.

The default suite runs a bounded, deterministic run: the spec's examples and
GRADSERVE_FUZZ_BOUNDED generated cases per operation (default 50), in-process over ASGI,
without schemathesis's coverage phase (its boundary and schema-violating variants number
about 10,000 cases whatever the example count: over a minute on a loaded machine).
``make fuzz`` (slow) runs every phase, the coverage phase included, with
GRADSERVE_FUZZ_EXAMPLES generated cases per operation (default 100) and reports the total.
Every method a path does not serve answers 405 with an Allow header that lists exactly the
documented methods.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
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
with open(ROOT / "schemathesis.toml", "rb") as _f:
    _BOUNDED = {**tomllib.load(_f), "phases": {"coverage": {"enabled": False}}}
BOUNDED_CONFIG = schemathesis.Config.from_dict(_BOUNDED)
APP = create_app(Settings(access_log="off"))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)
bounded_schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=BOUNDED_CONFIG)


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


@pytest.fixture(scope="module", autouse=True)
def _report_cases(request: pytest.FixtureRequest) -> Iterator[None]:
    """Say how many cases ran, over how many operations (make fuzz reports the total)."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if CASES and reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nschemathesis: {sum(CASES.values())} cases over {len(CASES)} operations"
            )


def _run(case: schemathesis.Case) -> None:
    CASES[case.operation.label] = CASES.get(case.operation.label, 0) + 1
    case.call_and_validate()


@bounded_schema.parametrize()
@fuzz(int(os.environ.get("GRADSERVE_FUZZ_BOUNDED", "50")))
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


def test_batch_item_body_may_be_any_json_value() -> None:
    """A batch item whose body is not the object its path takes (schemathesis sent
    ``[null, null]``) is answered by that item's own 422, the others run, and the batch is
    200 (one item's error never fails the others); so the spec must allow any JSON value
    there, or schemathesis's negative-data check would count the 200 as an accepted
    invalid request."""
    item_schema = APP.openapi()["components"]["schemas"]["BatchItem"]["properties"]["body"]
    assert "type" not in item_schema, item_schema
    with TestClient(APP) as client:
        r = client.post(
            "/v1/batch",
            json={
                "requests": [
                    {"path": "/v1/activations/tanh", "body": [None, None]},
                    {"path": "/v1/activations/tanh", "body": {"x": [0.0]}},
                ]
            },
        )
    assert r.status_code == 200, r.text
    first, second = r.json()["responses"]
    assert first["status"] == 422 and first["body"]["errors"][0]["loc"] == ["body"]
    assert second == {"status": 200, "body": {"value": [0.0], "derivative": [1.0]}}
