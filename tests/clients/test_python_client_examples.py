"""Every request-body example in the spec, sent through the generated Python client.

Each example is parsed into the operation's generated request model (`from_dict`), sent by
the generated operation function as the model serialises it (`to_dict`, which includes every
field that has a default), and must come back 2xx, parsed into the documented response
model. This is what a user of the generated client sees for each documented example.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import typing
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import gradserve_client.api
import pytest
from gradserve_client import Client
from gradserve_client.models import Problem
from gradserve_client.types import File, Unset
from openapi_python_client.strings import snake_case

from scripts.gen_clients import SPEC

pytestmark = pytest.mark.e2e


def _operation_modules() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.walk_packages(gradserve_client.api.__path__, "gradserve_client.api."):
        if not info.ispkg:
            found[info.name.rsplit(".", 1)[1]] = importlib.import_module(info.name)
    return found


def _path_example(param: dict[str, Any]) -> Any:
    """The documented example of a path parameter (None when the spec gives none)."""
    if "examples" in param:
        return next(iter(param["examples"].values()))["value"]
    schema = param.get("schema", {})
    return param.get("example", schema.get("default", (schema.get("examples") or [None])[0]))


def _cases() -> Iterator[Any]:
    spec = json.loads(SPEC.read_text())
    for item in spec["paths"].values():
        for op in item.values():
            content = op.get("requestBody", {}).get("content", {}).get("application/json")
            if not content:
                continue
            for ex_name, example in content.get("examples", {}).items():
                path_args = {
                    snake_case(p["name"]): _path_example(p)
                    for p in op.get("parameters", [])
                    if p["in"] == "path"
                }
                yield pytest.param(
                    op["operationId"],
                    path_args,
                    example["value"],
                    id=f"{op['operationId']}-{ex_name}",
                )


def _body(module: ModuleType, example: Any) -> Any:
    """The example parsed into the operation's body model (the union member that takes it)."""
    hint = typing.get_type_hints(module.sync_detailed)["body"]
    members = [m for m in typing.get_args(hint) or (hint,) if m not in (File, Unset, type(None))]
    errors = []
    for model in members:
        try:
            return model.from_dict(example)
        except (KeyError, TypeError, ValueError) as e:
            errors.append(f"{model.__name__}: {e!r}")
    raise AssertionError(f"no body model takes the example: {errors}")


@pytest.fixture(scope="module")
def client(live_server: str) -> Iterator[Client]:
    with Client(base_url=live_server, raise_on_unexpected_status=True, timeout=60) as c:
        yield c


@pytest.mark.parametrize(("operation", "path_args", "example"), list(_cases()))
def test_example_through_the_generated_client(
    client: Client, operation: str, path_args: dict[str, str], example: Any
) -> None:
    missing = [name for name, value in path_args.items() if value is None]
    assert not missing, f"the spec gives no example for path parameter(s) {missing}"
    module = _operation_modules()[snake_case(operation)]
    body = _body(module, example)
    r = module.sync_detailed(**path_args, client=client, body=body)
    detail = r.parsed if isinstance(r.parsed, Problem) else r.content[:300]
    assert 200 <= r.status_code < 300, f"{r.status_code}: {detail}"
    assert r.parsed is not None and not isinstance(r.parsed, Problem)
    assert type(r.parsed).__name__ not in ("OipError",), r.parsed
