"""Tensor-valued parameters are decoded at the edge, once: compute receives arrays and never
charges them to the element budget again (PReLU's alpha was charged twice when a Jacobian was
asked)."""

from __future__ import annotations

import numpy as np
from fastapi.testclient import TestClient

from service.api.deps import decode_params
from service.compute import activations as act
from service.compute.losses import LOSSES, resolve_loss_params
from service.wire.tensors import Budget
from tests.helpers import assert_problem, make_client


def test_alpha_is_decoded_and_charged_once() -> None:
    budget = Budget(100, 8, 32)
    entry = act.ACTIVATIONS.get("prelu")
    params = decode_params(entry.params, {"alpha": [0.1, 0.2, 0.3]}, ("params",), budget)
    assert isinstance(params["alpha"], np.ndarray) and budget.used == 3
    for _ in range(2):  # resolved twice (the Jacobian's size, then the evaluation)
        _, p = act.resolve("prelu", params)
        np.testing.assert_array_equal(p["alpha"], [0.1, 0.2, 0.3])
    assert budget.used == 3


def test_class_weights_arrive_as_arrays() -> None:
    budget = Budget(100, 8, 32)
    entry = LOSSES.get("categorical_crossentropy")
    given = decode_params(entry.params, {"weight": [1, 2, 0.5]}, ("params",), budget)
    p = resolve_loss_params(entry, entry.name, given)
    np.testing.assert_array_equal(p["class_weight"], [1.0, 2.0, 0.5])
    assert budget.used == 3


def test_the_whole_request_charges_alpha_once(client: TestClient) -> None:
    """x (2 × 3), alpha (3), the value (6) and the Jacobian (2 × 3 × 3 = 18): 33 elements."""
    body = {
        "x": [[-1.0, 2.0, -3.0], [4.0, -5.0, 6.0]],
        "params": {"alpha": [0.1, 0.2, 0.3]},
        "outputs": ["value", "jacobian"],
    }
    assert make_client(max_elements=33).post("/v1/activations/prelu", json=body).status_code == 200
    assert_problem(make_client(max_elements=32).post("/v1/activations/prelu", json=body), 422)
    r = client.post("/v1/activations/prelu", json=body)
    np.testing.assert_allclose(r.json()["value"], [[-0.1, 2.0, -0.9], [4.0, -1.0, 6.0]])


def test_a_bad_tensor_parameter_is_named_at_its_field(client: TestClient) -> None:
    r = client.post(
        "/v1/activations/prelu", json={"x": [1.0], "params": {"alpha": [[0.1], [0.2, 0.3]]}}
    )
    assert_problem(r, 422, ["body", "params", "alpha", 1])
