"""The generated Python client (clients/python, package gradserve_client) against a live server.

Each call goes through the generated operation function and its attrs models: requests are
built from the models, responses come back parsed into them (a 4xx into `Problem`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from gradserve_client import Client
from gradserve_client.api.activations import evaluate_activation, list_activations
from gradserve_client.api.inference_protocol import (
    oip_infer,
    oip_model_config,
    oip_model_statistics,
    oip_repository_index,
)
from gradserve_client.api.inspection import verify
from gradserve_client.api.losses import evaluate_loss
from gradserve_client.api.operations import get_health
from gradserve_client.api.optimizers import optimizer_step
from gradserve_client.models import (
    ActivationRequest,
    ActivationResponse,
    ActivationTarget,
    LossRequest,
    LossResponse,
    OipError,
    OipInferRequest,
    OipInferResponse,
    OipModelConfig,
    OipRepositoryIndexRequest,
    OipRequestInput,
    OipStatistics,
    OptimizerState,
    Problem,
    StepRequest,
    StepRequestHyperparams,
    StepResponse,
    VerifyActivationRequest,
    VerifyResponse,
)
from gradserve_client.types import Unset

pytestmark = pytest.mark.e2e

SIG = [1 / (1 + math.exp(2)), 0.5, 1 / (1 + math.exp(-2))]


@pytest.fixture(scope="module")
def client(live_server: str) -> Iterator[Client]:
    with Client(base_url=live_server, raise_on_unexpected_status=True) as c:
        yield c


def _numbers(tensor: Any) -> list[float]:
    """A nested-list response tensor (the form of a nested-list request) as flat floats."""
    assert not isinstance(tensor, Unset | None), "tensor missing from the response"
    if isinstance(tensor, list):
        return [v for item in tensor for v in _numbers(item)]
    assert isinstance(tensor, int | float | str), f"not a nested-list tensor: {tensor!r}"
    return [float(tensor)]


def test_health_and_catalog(client: Client) -> None:
    assert get_health.sync_detailed(client=client).status_code == 200
    catalog = list_activations.sync(client=client)
    assert catalog is not None and not isinstance(catalog, Problem)
    names = {entry.name for entry in catalog.activations}
    assert {"sigmoid", "softmax", "leaky_relu"} <= names


def test_repository_index(client: Client) -> None:
    for body in (OipRepositoryIndexRequest(ready=True), None):
        index = oip_repository_index.sync(client=client, body=body)
        assert isinstance(index, list), index
        names = [m.name for m in index]
        assert {"activations.sigmoid", "losses.mse", "optimizers.adam"} <= set(names)
        assert names[-1] == "networks.gradients"
        assert all(m.state == "READY" and m.version == "1" for m in index)


def test_model_config(client: Client) -> None:
    cfg = oip_model_config.sync("activations.Logistic", client=client)
    assert isinstance(cfg, OipModelConfig), cfg
    assert cfg.name == "activations.sigmoid" and cfg.max_batch_size == 0
    assert [(i.name, i.data_type, i.dims) for i in cfg.input_][:2] == [
        ("x", "TYPE_FP64", [-1]),
        ("grad_output", "TYPE_FP64", [-1]),
    ]
    assert [o.name for o in cfg.output] == ["value", "derivative", "jacobian", "vjp"]
    assert cfg.version_policy.latest.num_versions == 1
    missing = oip_model_config.sync_detailed("activations.nope", client=client)
    assert missing.status_code == 404 and isinstance(missing.parsed, OipError)


def test_inference_and_its_statistics(client: Client) -> None:
    def stat() -> Any:
        stats = oip_model_statistics.sync("activations.Logistic", client=client)
        assert isinstance(stats, OipStatistics), stats
        (one,) = stats.model_stats
        assert one.name == "activations.sigmoid" and one.version == "1"
        return one

    before = stat()
    x = OipRequestInput(name="x", shape=[3], datatype="FP64", data=[-2.0, 0.0, 2.0])
    out = oip_infer.sync("activations.sigmoid", client=client, body=OipInferRequest(inputs=[x]))
    assert isinstance(out, OipInferResponse), out
    value = next(o for o in out.outputs if o.name == "value")
    assert value.data == pytest.approx(SIG, rel=1e-15)
    after = stat()
    assert after.inference_count == before.inference_count + 1
    assert after.inference_stats.compute_infer.count == after.inference_count
    assert after.inference_stats.success.ns > before.inference_stats.success.ns
    assert after.last_inference >= before.last_inference


def test_activation_value_and_derivative(client: Client) -> None:
    body = ActivationRequest(x=[-2.0, 0.0, 2.0], outputs=["value", "derivative"])
    r = evaluate_activation.sync_detailed("sigmoid", client=client, body=body)
    assert r.status_code == 200
    assert isinstance(r.parsed, ActivationResponse)
    assert _numbers(r.parsed.value) == pytest.approx(SIG, rel=1e-15)
    assert _numbers(r.parsed.derivative) == pytest.approx([s * (1 - s) for s in SIG], rel=1e-14)
    # an alias, in another case: the path parameter is an open string
    again = evaluate_activation.sync("Logistic", client=client, body=body)
    assert isinstance(again, ActivationResponse)
    assert _numbers(again.value) == _numbers(r.parsed.value)


def test_loss_categorical_crossentropy(client: Client) -> None:
    body = LossRequest(y_true=[[0.0, 1.0, 0.0]], y_pred=[[0.3, 0.5, 0.2]])
    r = evaluate_loss.sync("categorical_crossentropy", client=client, body=body)
    assert isinstance(r, LossResponse)
    assert _numbers(r.loss) == pytest.approx([math.log(2)], rel=1e-15)
    assert _numbers(r.grad) == pytest.approx([0.0, -2.0, 0.0])
    assert r.warnings == []


def test_two_adam_steps_round_trip_the_state(client: Client) -> None:
    grads = [0.1, -0.2]
    hyper = StepRequestHyperparams.from_dict({"lr": 0.1})
    first = optimizer_step.sync(
        "adam", client=client, body=StepRequest(params=[1.0, 2.0], grads=grads, hyperparams=hyper)
    )
    assert isinstance(first, StepResponse)
    assert isinstance(first.state, OptimizerState)
    assert (first.state.optimizer, first.state.step) == ("adam", 1)
    assert set(first.state.slots.to_dict()) == {"exp_avg", "exp_avg_sq"}
    second = optimizer_step.sync(
        "adam",
        client=client,
        body=StepRequest(params=first.params, grads=grads, hyperparams=hyper, state=first.state),
    )
    assert isinstance(second, StepResponse)
    assert second.state.step == 2
    # constant gradient: bias-corrected Adam moves each parameter by lr·sign(g) per step,
    # and step 2 does so only if step 1's moments came back
    assert _numbers(first.params) == pytest.approx([0.9, 2.1], abs=1e-6)
    assert _numbers(second.params) == pytest.approx([0.8, 2.2], abs=1e-6)
    exp_avg = _numbers(second.state.slots.to_dict()["exp_avg"])
    assert exp_avg == pytest.approx([0.1 * 0.1 * (1 + 0.9), -0.2 * 0.1 * (1 + 0.9)])


def test_verify_a_correct_sigmoid(client: Client) -> None:
    body = VerifyActivationRequest(
        target=ActivationTarget(kind="activation", name="sigmoid"),
        x=[-2.0, 0.0, 2.0],
        value=SIG,
        derivative=[s * (1 - s) for s in SIG],
    )
    r = verify.sync(client=client, body=body)
    assert isinstance(r, VerifyResponse)
    assert r.passed is True
    assert set(r.outputs.to_dict()) == {"value", "derivative"}


def test_verify_finds_a_wrong_derivative(client: Client) -> None:
    body = VerifyActivationRequest(
        target=ActivationTarget(kind="activation", name="sigmoid"),
        x=[-2.0, 0.0, 2.0],
        derivative=[s * (1 + s) for s in SIG],
    )
    r = verify.sync(client=client, body=body)
    assert isinstance(r, VerifyResponse)
    assert r.passed is False


def test_422_is_a_problem(client: Client) -> None:
    body = ActivationRequest(x=[[1.0, 2.0], [3.0]])  # ragged
    r = evaluate_activation.sync_detailed("sigmoid", client=client, body=body)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert isinstance(r.parsed, Problem)
    assert r.parsed.status == 422
    assert r.parsed.type_.startswith("urn:gradserve:problem:")
    assert not isinstance(r.parsed.errors, Unset)
    assert r.parsed.errors[0].loc == ["body", "x", 1]
    assert "ragged" in r.parsed.errors[0].msg


def test_404_is_a_problem(client: Client) -> None:
    body = ActivationRequest(x=[0.0])
    r = evaluate_activation.sync_detailed("no_such_function", client=client, body=body)
    assert r.status_code == 404
    assert isinstance(r.parsed, Problem)
    assert r.parsed.status == 404
    assert "sigmoid" in r.parsed.detail  # the detail lists the valid names
