"""The served OpenAPI document tells the truth.

Two halves: a walk over the whole document (every response typed by a named schema, errors
as problem+json, named tensor schemas, readable operationIds, open `{name}` parameters), and
real responses validated against it with a JSON Schema 2020-12 validator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.helpers import make_client

BASE = "urn:gradserve:openapi"
TENSOR_FORMS = {"NestedTensor", "FlatTensor", "B64Tensor"}
EXPECTED_IDS = {
    ("get", "/v1/activations"): "listActivations",
    ("get", "/v1/activations/{name}"): "getActivation",
    ("post", "/v1/activations/{name}"): "evaluateActivation",
    ("get", "/v1/activations/{name}/curve"): "getActivationCurve",
    ("get", "/v1/losses"): "listLosses",
    ("get", "/v1/losses/{name}"): "getLoss",
    ("post", "/v1/losses/{name}"): "evaluateLoss",
    ("get", "/v1/guide"): "getGuide",
    ("get", "/v1/optimizers"): "listOptimizers",
    ("get", "/v1/optimizers/{name}"): "getOptimizer",
    ("post", "/v1/optimizers/{name}/step"): "optimizerStep",
    ("post", "/v1/optimizers/trajectory"): "optimizerTrajectory",
    ("post", "/v1/gradcheck"): "gradcheck",
    ("post", "/v1/verify"): "verify",
    ("post", "/v1/inspect/stats"): "gradientStats",
    ("post", "/v1/inspect/gradient-flow"): "gradientFlow",
    ("get", "/healthz"): "getHealth",
    ("get", "/readyz"): "getReadiness",
    ("get", "/v1/info"): "getInfo",
    ("get", "/metrics"): "getMetrics",
}


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    return client.get("/openapi.json").json()


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            yield method, path, op


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


# ---- the walk --------------------------------------------------------------------------------


def test_operation_ids_are_readable_unique_and_as_documented(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in _operations(spec)]
    assert len(ids) == len(set(ids)), ids
    for op_id in ids:
        assert re.fullmatch(r"[a-z][A-Za-z0-9]*", op_id), op_id
    found = {(m, p): op["operationId"] for m, p, op in _operations(spec)}
    for key, op_id in EXPECTED_IDS.items():
        assert found.get(key) == op_id, key


def test_every_success_response_is_a_named_schema(spec: dict[str, Any]) -> None:
    for method, path, op in _operations(spec):
        ok = {code: r for code, r in op["responses"].items() if code.startswith("2")}
        assert ok, (method, path)
        for code, response in ok.items():
            content = response.get("content")
            assert content, (method, path, code)
            for media_type, body in content.items():
                schema = body.get("schema")
                assert schema, (method, path, code, media_type)
                if "json" in media_type:
                    assert set(schema) == {"$ref"}, (method, path, code, schema)
                else:
                    assert schema.get("type") == "string", (method, path, media_type)


def test_every_error_response_is_problem_json(spec: dict[str, Any]) -> None:
    for method, path, op in _operations(spec):
        errors = {c: r for c, r in op["responses"].items() if c[0] in "45"}
        for code, response in errors.items():
            content = response["content"]
            if path.startswith("/v2"):  # the Open Inference Protocol's own error body
                assert content == {
                    "application/json": {"schema": {"$ref": "#/components/schemas/OipError"}}
                }, (method, path, code)
                continue
            assert content == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }, (method, path, code)
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_every_reference_resolves(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for target in set(_refs(spec)):
        assert target.startswith("#/components/schemas/"), target
        assert target.rsplit("/", 1)[1] in schemas, target


def test_tensor_forms_are_named_and_referenced_only_through_tensor(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for name in ("Tensor", "TensorTree", "TensorMapping", "OptimizerState", "Problem"):
        assert name in schemas, name
    forms = {r.rsplit("/", 1)[1] for r in _refs(schemas["Tensor"]["oneOf"])}
    assert forms == TENSOR_FORMS | {"NonFiniteNumber"}
    for name, schema in schemas.items():
        if name in ("Tensor", "TensorTree", "NestedTensor", "TensorMapping"):
            continue
        used = {r.rsplit("/", 1)[1] for r in _refs(schema)}
        assert not (used & TENSOR_FORMS), f"{name} inlines a tensor form: {used & TENSOR_FORMS}"
    props = schemas["ActivationRequest"]["properties"]
    assert props["x"]["$ref"] == "#/components/schemas/Tensor"
    step = schemas["StepRequest"]["properties"]
    assert step["params"]["$ref"] == "#/components/schemas/TensorTree"


def test_optimizer_state_is_nullable(spec: dict[str, Any]) -> None:
    state = spec["components"]["schemas"]["StepRequest"]["properties"]["state"]
    assert {"$ref": "#/components/schemas/OptimizerState"} in state["anyOf"]
    assert {"type": "null"} in state["anyOf"]


def test_gradcheck_target_is_a_discriminated_union(spec: dict[str, Any]) -> None:
    target = spec["components"]["schemas"]["GradcheckRequest"]["properties"]["target"]
    assert target["discriminator"]["propertyName"] == "kind"
    assert set(target["discriminator"]["mapping"]) == {"activation", "loss"}
    assert len(target["oneOf"]) == 2


def test_verify_request_is_a_union_told_apart_by_target_kind(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    body = spec["paths"]["/v1/verify"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/VerifyRequest"}
    members = [r["$ref"].rsplit("/", 1)[1] for r in schemas["VerifyRequest"]["oneOf"]]
    kinds = {}
    for member in members:
        target = schemas[member]["properties"]["target"]["$ref"].rsplit("/", 1)[1]
        (kind,) = [schemas[target]["properties"]["kind"]["const"]]
        kinds[kind] = member
    assert set(kinds) >= {"activation", "loss", "optimizer"}


def test_name_parameters_are_open_strings_with_one_example(spec: dict[str, Any]) -> None:
    seen = 0
    for method, path, op in _operations(spec):
        for param in op.get("parameters", []):
            if param["in"] != "path":
                continue
            assert "enum" not in param["schema"], (method, path, param["name"])
            assert param["schema"]["type"] == "string"
            assert len(param["examples"]) == 1, (method, path, param["name"])
            seen += 1
    assert seen >= 8


def test_aliases_in_any_case_are_served(client: TestClient) -> None:
    assert client.post("/v1/activations/Sigmoid", json={"x": 0}).status_code == 200
    r = client.post("/v1/losses/MSELoss", json={"y_true": [[1.0]], "y_pred": [[0.5]]})
    assert r.status_code == 200, r.text


# ---- real responses against the document -----------------------------------------------------


class ResponseChecker:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        resource = Resource(contents=spec, specification=DRAFT202012)
        self.registry = Registry().with_resource(BASE, resource)
        self.checked = 0

    def _schema(self, path: str, method: str, status: int, media_type: str) -> dict[str, Any]:
        op = self.spec["paths"][path][method]
        responses = op["responses"]
        response = responses.get(str(status))
        assert response is not None, f"{method} {path}: status {status} is not documented"
        content = response["content"]
        assert media_type in content, f"{method} {path} {status}: {media_type} not documented"
        return dict(content[media_type]["schema"])

    def check(self, path: str, method: str, response: Any) -> None:
        media_type = response.headers["content-type"].split(";")[0]
        schema = self._schema(path, method, response.status_code, media_type)
        schema["$ref"] = BASE + schema["$ref"]
        validator = Draft202012Validator(schema, registry=self.registry)
        problems = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in validator.iter_errors(response.json())
        ]
        assert not problems, (method, path, response.status_code, problems[:5])
        self.checked += 1


def _example_name(op: dict[str, Any]) -> dict[str, str]:
    return {
        p["name"]: str(next(iter(p["examples"].values()))["value"])
        for p in op.get("parameters", [])
        if p["in"] == "path"
    }


def _url(path: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        path = path.replace("{" + key + "}", value)
    return path


def test_every_example_and_catalog_response_matches_the_document(
    client: TestClient, spec: dict[str, Any]
) -> None:
    checker = ResponseChecker(spec)
    for method, path, op in _operations(spec):
        # /v2's infer examples run in tests/api/test_oip.py (its binary form too); its GET
        # operations here: metadata, configuration, statistics, readiness, health
        if (path.startswith("/v2") and method != "get") or path == "/metrics":
            continue
        url = _url(path, _example_name(op))
        if method == "get":
            checker.check(path, method, client.get(url))
            continue
        for example in op["requestBody"]["content"]["application/json"]["examples"].values():
            r = client.post(url, json=example["value"])
            assert r.status_code == 200, (url, r.text[:300])
            checker.check(path, method, r)
    assert checker.checked >= 52  # 40 under /v1, the 12 GET operations under /v2


CASES: list[tuple[str, str, dict[str, Any]]] = [
    # every tensor form, non-finite values, float32
    ("/v1/activations/{name}", "softmax", {"x": [[1.0, "NaN", 0.0]], "encoding": "flat"}),
    ("/v1/activations/{name}", "tanh", {"x": {"shape": [2], "data": ["Infinity", 1]}}),
    ("/v1/activations/{name}", "relu", {"x": 0.0, "outputs": ["value", "jacobian", "vjp"]}),
    ("/v1/activations/{name}", "sigmoid", {"x": [1, 2], "dtype": "float32", "encoding": "b64"}),
    (
        "/v1/activations/{name}",
        "prelu",
        {"x": [[-1, 2], [-3, 4]], "params": {"alpha": [0.1, 0.2]}, "outputs": ["param_grads"]},
    ),
    (
        "/v1/losses/{name}",
        "sparse_categorical_crossentropy",
        {"y_true": [1, 0], "y_pred": [[0.2, 0.8], [0.6, 0.4]], "reduction": "none"},
    ),
    ("/v1/losses/{name}", "mse", {"y_true": [[1.0]], "y_pred": [["NaN"]]}),
    (
        "/v1/optimizers/{name}/step",
        "sgd",
        {
            "params": {"layer": {"w": [[1.0, 2.0]], "b": [0.0]}},
            "grads": {"layer": {"w": [[0.1, 0.2]], "b": [1.0]}},
            "hyperparams": {"lr": 0.1, "momentum": 0.9},
            "encoding": "flat",
        },
    ),
]


@pytest.mark.parametrize(("path", "name", "body"), CASES)
def test_more_responses_match_the_document(
    client: TestClient, spec: dict[str, Any], path: str, name: str, body: dict[str, Any]
) -> None:
    checker = ResponseChecker(spec)
    r = client.post(_url(path, {"name": name}), json=body)
    assert r.status_code == 200, r.text
    checker.check(path, "post", r)


def test_returned_state_is_accepted_back_and_matches_the_document(
    client: TestClient, spec: dict[str, Any]
) -> None:
    checker = ResponseChecker(spec)
    body: dict[str, Any] = {"params": {"w": [1.0, -2.0]}, "grads": {"w": [0.5, 0.1]}}
    first = client.post("/v1/optimizers/adam/step", json={**body, "state": None})
    checker.check("/v1/optimizers/{name}/step", "post", first)
    second = client.post("/v1/optimizers/adam/step", json={**body, "state": first.json()["state"]})
    checker.check("/v1/optimizers/{name}/step", "post", second)
    assert second.json()["state"]["step"] == 2


@pytest.mark.parametrize(
    ("method", "path", "url", "body", "status"),
    [
        ("post", "/v1/activations/{name}", "/v1/activations/nope", {"x": 1}, 404),
        ("post", "/v1/activations/{name}", "/v1/activations/relu", {"x": [[1], [1, 2]]}, 422),
        ("post", "/v1/losses/{name}", "/v1/losses/mse", {"y_true": 1}, 422),
        ("post", "/v1/verify", "/v1/verify", {"target": {"kind": "nope", "name": "x"}}, 422),
        ("get", "/v1/activations/{name}/curve", "/v1/activations/relu/curve?num=1", None, 422),
        ("get", "/v1/guide", "/v1/guide?task=nope", None, 422),
    ],
)
def test_errors_match_the_problem_schema(
    client: TestClient,
    spec: dict[str, Any],
    method: str,
    path: str,
    url: str,
    body: Any,
    status: int,
) -> None:
    checker = ResponseChecker(spec)
    r = client.post(url, json=body) if method == "post" else client.get(url)
    assert r.status_code == status, r.text
    checker.check(path, method, r)


def test_body_limit_answer_matches_the_document(spec: dict[str, Any]) -> None:
    checker = ResponseChecker(spec)
    with make_client(max_body_bytes=100) as small:
        r = small.post("/v1/activations/relu", json={"x": list(range(100))})
    assert r.status_code == 413
    checker.check("/v1/activations/{name}", "post", r)


def test_the_checker_rejects_what_the_document_forbids(spec: dict[str, Any]) -> None:
    """The validator really resolves the references (a broken body fails)."""

    class Fake:
        status_code = 200

        def __init__(self, body: Any) -> None:
            self.body = body
            self.headers = {"content-type": "application/json"}

        def json(self) -> Any:
            return self.body

    checker = ResponseChecker(spec)
    path = "/v1/activations/{name}"
    checker.check(path, "post", Fake({"value": {"shape": [1], "data": ["NaN"]}}))
    for bad in (
        {"value": {"shape": [1], "data": [1], "extra": 1}},
        {"value": "nan"},
        {"value": {"shape": [1], "dtype": "complex64", "b64": "AAAA"}},
        {"derivative": [1, "x"]},
    ):
        with pytest.raises(AssertionError):
            checker.check(path, "post", Fake(bad))
