"""The two peers of bench/bench_small.py, served by the same uvicorn as gradserve.

``ceiling``: the framework's ceiling, a bare FastAPI ``async def`` endpoint that reads
nothing and returns a constant dict of the same shape as gradserve's answer.
``peer``: the idiomatic FastAPI service for the same calls: pydantic bodies of
``list[float]`` fields, NumPy, dict responses (FastAPI's default JSON rendering): the sigmoid
(value and derivative), the mse loss (loss and gradient) and an Adam step (torch's update;
new parameters, the state, two norms).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel
from scipy.special import expit

ceiling = FastAPI()

_CONSTANT = {"value": [0.5] * 16, "derivative": [0.25] * 16}


@ceiling.get("/healthz")
async def ceiling_health() -> dict[str, str]:
    return {"status": "ok"}


@ceiling.post("/constant")
async def constant() -> dict[str, list[float]]:
    return _CONSTANT


peer = FastAPI()


class SigmoidRequest(BaseModel):
    x: list[float]


@peer.get("/healthz")
async def peer_health() -> dict[str, str]:
    return {"status": "ok"}


@peer.post("/v1/activations/sigmoid")
async def sigmoid(req: SigmoidRequest) -> dict[str, list[float]]:
    x = np.asarray(req.x, dtype=np.float64)
    y = expit(x)
    return {"value": y.tolist(), "derivative": (y * expit(-x)).tolist()}


class LossRequest(BaseModel):
    y_true: list[float]
    y_pred: list[float]


@peer.post("/v1/losses/mse")
async def mse(req: LossRequest) -> dict[str, Any]:
    """The idiomatic mean squared error: loss and gradient of y_pred."""
    y_true, y_pred = np.asarray(req.y_true), np.asarray(req.y_pred)
    e = y_pred - y_true
    return {"loss": float(np.mean(e * e)), "grad": (2.0 * e / e.size).tolist()}


class AdamSlots(BaseModel):
    exp_avg: list[float]
    exp_avg_sq: list[float]


class AdamState(BaseModel):
    step: int
    slots: AdamSlots


class StepRequest(BaseModel):
    params: list[float]
    grads: list[float]
    state: AdamState | None = None
    hyperparams: dict[str, float] = {}


@peer.post("/v1/optimizers/adam/step")
async def adam(req: StepRequest) -> dict[str, Any]:
    """The idiomatic Adam step (torch's update, betas 0.9/0.999, eps 1e-8): new parameters,
    the state to send back, the gradient's and the update's norms."""
    p, g = np.asarray(req.params), np.asarray(req.grads)
    lr = req.hyperparams.get("lr", 1e-3)
    b1, b2, eps = 0.9, 0.999, 1e-8
    if req.state is None:
        m, v, t = np.zeros_like(p), np.zeros_like(p), 1
    else:
        m, v = np.asarray(req.state.slots.exp_avg), np.asarray(req.state.slots.exp_avg_sq)
        t = req.state.step + 1
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    new_p = p - lr / (1 - b1**t) * m / (np.sqrt(v) / np.sqrt(1 - b2**t) + eps)
    return {
        "params": new_p.tolist(),
        "state": {
            "optimizer": "adam",
            "step": t,
            "slots": {"exp_avg": m.tolist(), "exp_avg_sq": v.tolist()},
        },
        "stats": {
            "grad_norm": float(np.linalg.norm(g)),
            "update_norm": float(np.linalg.norm(new_p - p)),
        },
    }
