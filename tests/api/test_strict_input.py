"""A boolean is never a number: not inside a tensor (nested or flat), not in a numeric field.
Numbers beyond float32's range in a float32 flat tensor round to ±inf (IEEE 754), never a 5xx."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.wire.bigb64 import bools_in_lists
from tests.helpers import assert_problem


@pytest.mark.parametrize(
    ("path", "body", "loc"),
    [
        ("/v1/activations/relu", {"x": [1.0, True, 2.0]}, ["body", "x", 1]),
        ("/v1/activations/relu", {"x": [[0.5, 1], [False, 2]]}, ["body", "x", 1, 0]),
        (
            "/v1/activations/relu",
            {"x": {"shape": [2], "data": [1, True]}},
            ["body", "x", "data", 1],
        ),
        (
            "/v1/losses/mse",
            {"y_true": [[1.0, True]], "y_pred": [[0.5, 0.5]]},
            ["body", "y_true", 0, 1],
        ),
        (
            "/v1/optimizers/sgd/step",
            {"params": {"w": [1.0, 2.0]}, "grads": {"w": [True, 0.0]}},
            ["body", "grads", "w", 0],
        ),
        ("/v1/inspect/stats", {"tensors": {"g": [0.1, False]}}, ["body", "tensors", "g", 1]),
        (
            "/v1/inspect/stats",
            {"tensors": {"g": [0.1]}, "thresholds": {"vanishing": False}},
            ["body", "thresholds", "vanishing"],
        ),
        ("/v1/inspect/gradient-flow", {"depth": True}, ["body", "depth"]),
        (
            "/v1/gradcheck",
            {"target": {"kind": "activation", "name": "relu"}, "x": [1], "eps": True},
            ["body", "eps"],
        ),
    ],
)
def test_booleans_are_not_numbers(
    client: TestClient, path: str, body: dict[str, Any], loc: list[Any]
) -> None:
    assert_problem(client.post(path, json=body), 422, loc)


def test_a_boolean_elsewhere_keeps_the_fast_path_correct(client: TestClient) -> None:
    """from_logits: true makes no list strict, and lists of numbers still decode."""
    r = client.post(
        "/v1/losses/binary_crossentropy",
        json={"y_true": [[1.0], [0.0]], "y_pred": [[2.0], [-1.0]], "params": {"from_logits": True}},
    )
    assert r.status_code == 200, r.text


def test_ints_for_float_fields_are_fine(client: TestClient) -> None:
    body = {"tensors": {"g": [1, 2]}, "thresholds": {"vanishing": 0, "exploding": 10}}
    assert client.post("/v1/inspect/stats", json=body).status_code == 200


def test_float32_flat_data_beyond_range_rounds_to_infinity(client: TestClient) -> None:
    body = {"x": {"shape": [2], "dtype": "float32", "data": [1e39, -1e39]}, "outputs": ["value"]}
    r = client.post("/v1/activations/linear", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["value"]["data"] == ["Infinity", "-Infinity"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b'{"x": [1, true]}', True),
        (b'{"x": [ false ,1]}', True),
        (b'{"x": [[1],\n true]}', True),
        (b'{"a": true, "b": [1, 2]}', False),
        (b'{"a": [1, 2], "b": {"c": false}}', False),
        (b'{"s": "1,true", "x": [1]}', True),  # conservative inside strings: exact slow path
    ],
)
def test_bools_in_lists_prefilter(text: bytes, expected: bool) -> None:
    assert bools_in_lists(text) is expected
