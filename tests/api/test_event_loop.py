"""Heavy work never runs on the event loop: a small body asking a big Jacobian goes to the
threadpool; a tiny evaluation stays inline (cheaper than a thread hop)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api import deps


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = deps.run_in_threadpool

    async def recording(fn: Callable[..., Any], *args: Any) -> Any:
        seen.append(getattr(fn, "__name__", "?"))
        return await real(fn, *args)

    monkeypatch.setattr(deps, "run_in_threadpool", recording)
    return seen


def test_small_body_with_big_jacobian_goes_to_the_threadpool(
    client: TestClient, hops: list[str]
) -> None:
    body = {"x": [[0.5] * 1000], "outputs": ["jacobian"]}  # ~4 KB in, 1e6 entries out
    r = client.post("/v1/activations/softmax", json=body, headers={"accept": "application/json"})
    assert r.status_code == 200
    assert len(r.request.content) <= deps.INLINE_MAX_BODY_BYTES
    assert hops, "a million-entry Jacobian was computed on the event loop"


def test_tiny_evaluation_stays_inline(client: TestClient, hops: list[str]) -> None:
    r = client.post("/v1/activations/sigmoid", json={"x": [0.0, 1.0]})
    assert r.status_code == 200 and r.json()["value"][0] == 0.5
    assert hops == []


def test_large_body_goes_to_the_threadpool(client: TestClient, hops: list[str]) -> None:
    r = client.post("/v1/activations/tanh", json={"x": [0.25] * 5000})
    assert r.status_code == 200
    assert hops
