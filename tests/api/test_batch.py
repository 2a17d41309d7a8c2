"""POST /v1/batch: items answered as the calls alone, in order, on their own."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient

from service.compute import activations as act
from service.config import Settings
from service.main import create_app
from service.schemas.batch import EXAMPLES

ITEMS: list[tuple[str, Any]] = [
    ("/v1/activations/tanh", {"x": [-1.0, 0.0, 1.0]}),
    ("/v1/activations/sigmoid", {"x": [[1.0, 2.0], [3.0]]}),  # ragged: 422
    ("/v1/activations/nope", {"x": [1.0]}),  # 404
    ("/v1/activations/sigmoid", {"x": [1.0, True]}),  # a boolean is not a number: 422
    ("/v1/activations/softmax", {"x": [[1.0, 2.0, 3.0]], "encoding": "b64"}),
    ("/v1/losses/mse", {"y_true": [1.0, 2.0], "y_pred": [1.5, 1.0]}),
    ("/v1/losses/mse", {"y_true": [1.0], "y_pred": [1.0], "unknown": 1}),  # 422
    ("/v1/optimizers/adam/step", {"params": [1.0, -2.0], "grads": [0.5, 0.1]}),
    ("/v1/gradcheck", {"target": {"kind": "activation", "name": "tanh"}, "x": [0.1, 0.2]}),
    ("/v1/inspect/stats", {"tensors": {"w": [0.1, -0.2, 0.3]}}),
    ("/v1/activations/sigmoid", [1, 2]),  # a body that is not an object: 422
]


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app(Settings())) as c:
        yield c


def _alone(client: TestClient, path: str, body: Any) -> tuple[int, Any]:
    r = client.post(path, content=orjson.dumps(body), headers={"content-type": "application/json"})
    return r.status_code, r.content


def test_each_item_is_answered_as_the_call_alone_in_order(client: TestClient) -> None:
    r = client.post("/v1/batch", json={"requests": [{"path": p, "body": b} for p, b in ITEMS]})
    assert r.status_code == 200
    answers = r.json()["responses"]
    assert len(answers) == len(ITEMS)
    for (path, body), answer in zip(ITEMS, answers, strict=True):
        status, content = _alone(client, path, body)
        assert answer["status"] == status, (path, answer)
        assert answer["body"] == orjson.loads(content), path
    assert [a["status"] for a in answers] == [200, 422, 404, 422, 200, 200, 422, 200, 200, 200, 422]


def test_unknown_path_is_a_404_item(client: TestClient) -> None:
    r = client.post(
        "/v1/batch",
        json={
            "requests": [
                {"path": "/v1/nope", "body": {}},
                {"path": "/v1/batch", "body": {}},
                {"path": "/v1/activations", "body": {}},
            ]
        },
    )
    assert r.status_code == 200
    for answer in r.json()["responses"]:
        assert answer["status"] == 404
        assert answer["body"]["errors"][0]["loc"] == ["body", "path"]


@pytest.mark.parametrize(
    "envelope",
    [
        {"requests": 3},
        {},
        {"requests": [{"path": "/v1/activations/tanh"}]},
        {"requests": [{"path": 1, "body": {}}]},
        {"requests": [], "extra": 1},
        [1],
    ],
)
def test_malformed_envelope_is_a_422(client: TestClient, envelope: Any) -> None:
    r = client.post("/v1/batch", json=envelope)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"


def test_empty_batch(client: TestClient) -> None:
    r = client.post("/v1/batch", json={"requests": []})
    assert r.status_code == 200 and r.json() == {"responses": []}


def test_examples_run_as_is(client: TestClient) -> None:
    for example in EXAMPLES.values():
        r = client.post("/v1/batch", json=example["value"])
        assert r.status_code == 200, r.text
        assert len(r.json()["responses"]) == len(example["value"]["requests"])


def test_max_batch() -> None:
    with TestClient(create_app(Settings(max_batch=2))) as c:
        item = {"path": "/v1/activations/tanh", "body": {"x": [1.0]}}
        assert c.post("/v1/batch", json={"requests": [item] * 2}).status_code == 200
        r = c.post("/v1/batch", json={"requests": [item] * 3})
        assert r.status_code == 422
        assert "GRADSERVE_MAX_BATCH" in r.json()["detail"]


@pytest.mark.parametrize("vectorized", [True, False])
def test_element_limit_applies_to_the_batch_as_a_whole(vectorized: bool) -> None:
    # each call takes 2 x 4 elements (input and output); 20 elements admit two of them
    body: dict[str, Any] = {"x": [1.0, 2.0, 3.0, 4.0]}
    if not vectorized:
        body["outputs"] = ["value", "derivative"]
    with TestClient(create_app(Settings(max_elements=20))) as c:
        item = {"path": "/v1/activations/tanh", "body": body}
        alone = c.post("/v1/activations/tanh", json=body)
        assert alone.status_code == 200
        r = c.post("/v1/batch", json={"requests": [item] * 3})
        assert r.status_code == 200
        statuses = [a["status"] for a in r.json()["responses"]]
        if vectorized:  # all or nothing: the group does not fit, items go one by one
            assert statuses == [200, 200, 422]
        else:
            assert statuses == [200, 200, 422]
        assert "GRADSERVE_MAX_ELEMENTS" in r.json()["responses"][2]["body"]["detail"]


def test_work_limits_are_shared() -> None:
    body = {"depth": 4, "width": 8, "batch": 4}
    with TestClient(create_app(Settings(max_flow_work=4 * 8 * 8 * 4 * 2))) as c:
        alone = c.post("/v1/inspect/gradient-flow", json=body)
        assert alone.status_code == 200, alone.text
        item = {"path": "/v1/inspect/gradient-flow", "body": body}
        two = c.post("/v1/batch", json={"requests": [item] * 2}).json()["responses"]
        assert [a["status"] for a in two] == [200, 200]
        three = c.post("/v1/batch", json={"requests": [item] * 3}).json()["responses"]
        assert [a["status"] for a in three] == [422, 422, 422]
        assert "GRADSERVE_MAX_FLOW_WORK" in three[0]["body"]["detail"]


ELEMENTWISE = [e.name for e in act.ACTIVATIONS if e.kind == "elementwise"]


def test_vectorized_items_equal_the_calls_alone(client: TestClient) -> None:
    """Items of elementwise activations with only x are evaluated together: byte for byte
    what each call alone answers, for every elementwise activation, over shapes and values
    (large, tiny, negative, zero, kinks)."""
    rng = np.random.default_rng(7)
    xs: list[Any] = [
        [-2.0, 0.0, 2.0],
        rng.normal(0, 3, 16).tolist(),
        rng.normal(0, 30, (2, 3)).tolist(),
        [1e-300, -1e-300, 40.0, -40.0, 1.0, -1.0, 3.0, -3.0, 0.5],
        [1, 2, -3],
        rng.normal(0, 1, 37).tolist(),
    ]
    items = [(f"/v1/activations/{name}", {"x": x}) for name in ELEMENTWISE for x in xs]
    r = client.post("/v1/batch", json={"requests": [{"path": p, "body": b} for p, b in items]})
    assert r.status_code == 200
    answers = orjson.loads(r.content)["responses"]
    for (path, body), answer in zip(items, answers, strict=True):
        status, content = _alone(client, path, body)
        assert answer["status"] == status, path
        assert orjson.dumps(answer["body"]) == orjson.dumps(orjson.loads(content)), (path, body)


def test_nonfinite_and_vector_items_go_one_by_one(client: TestClient) -> None:
    items = [
        ("/v1/activations/sigmoid", {"x": ["NaN", 1.0]}),
        ("/v1/activations/exp", {"x": [1000.0]}),
        ("/v1/activations/softmax", {"x": [1.0, 2.0]}),
        ("/v1/activations/sigmoid", {"x": []}),
        ("/v1/activations/sigmoid", {"x": [[1.0], [2.0, 3.0]]}),
    ]
    r = client.post("/v1/batch", json={"requests": [{"path": p, "body": b} for p, b in items]})
    for (path, body), answer in zip(items, r.json()["responses"], strict=True):
        status, content = _alone(client, path, body)
        assert (answer["status"], answer["body"]) == (status, orjson.loads(content)), path


@pytest.mark.parametrize("shape", [(16,), (2, 3)])
def test_vectorized_items_of_one_shape_equal_the_calls_alone(
    client: TestClient, shape: tuple[int, ...]
) -> None:
    rng = np.random.default_rng(11)
    items = [
        (f"/v1/activations/{name}", {"x": rng.normal(0, 4, shape).tolist()})
        for name in ("sigmoid", "relu", "gelu", "softplus")
        for _ in range(3)
    ]
    r = client.post("/v1/batch", json={"requests": [{"path": p, "body": b} for p, b in items]})
    answers = orjson.loads(r.content)["responses"]
    for (path, body), answer in zip(items, answers, strict=True):
        status, content = _alone(client, path, body)
        assert answer["status"] == status == 200
        assert orjson.dumps(answer["body"]) == content


def test_access_log_reports_the_batch(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    item = {"path": "/v1/activations/tanh", "body": {"x": [1.0, 2.0]}}
    with caplog.at_level("INFO", logger="gradserve.access"):
        client.post("/v1/batch", json={"requests": [item] * 3})
    [line] = [orjson.loads(r.getMessage()) for r in caplog.records if r.name == "gradserve.access"]
    assert line["work"] == {"elements": 12, "calls": 3}


def test_large_b64_items_of_a_large_batch_are_answered_as_alone(client: TestClient) -> None:
    """A batch of 1 MiB or more has its large b64 payloads cut out before parsing (the
    big-payload path); its items still answer what the calls alone answer."""
    rng = np.random.default_rng(11)
    x = rng.normal(0, 2, 200_000).astype(np.float32)
    big = {"shape": [200_000], "dtype": "float32", "b64": base64.b64encode(x.tobytes()).decode()}
    items = [
        ("/v1/activations/relu", {"x": big}),
        ("/v1/activations/tanh", {"x": [-1.0, 0.0, 1.0]}),
        ("/v1/losses/mse", {"y_true": big, "y_pred": big}),
        ("/v1/activations/relu", {"x": {**big, "b64": big["b64"][:-8]}}),  # wrong length: 422
    ]
    batch = orjson.dumps({"requests": [{"path": p, "body": b} for p, b in items]})
    assert len(batch) >= (1 << 20)
    r = client.post("/v1/batch", content=batch, headers={"content-type": "application/json"})
    assert r.status_code == 200
    answers = orjson.loads(r.content)["responses"]
    assert [a["status"] for a in answers] == [200, 200, 200, 422]
    for (path, body), answer in zip(items, answers, strict=True):
        status, content = _alone(client, path, body)
        assert answer["status"] == status, path
        assert orjson.dumps(answer["body"]) == orjson.dumps(orjson.loads(content)), path
