"""The two peers of bench/bench_small.py, served by the same uvicorn as gradserve.

``ceiling``: the framework's ceiling, a bare FastAPI ``async def`` endpoint that reads
nothing and returns a constant dict of the same shape as gradserve's answer.
``peer``: the idiomatic FastAPI service for the same call: a pydantic body with
``x: list[float]``, NumPy, a dict response (FastAPI's default JSON rendering).
"""

from __future__ import annotations

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
