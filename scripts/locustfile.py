"""The request mix of ``make load`` and the soak (run by scripts/load.py, headless locust).

Each simulated user is one keep-alive connection sending its next request as soon as the last
one is answered (no think time: 64 users keep 64 requests in flight). Weights:

| name            | request                                                            | weight |
|-----------------|--------------------------------------------------------------------|--------|
| act small       | POST /v1/activations/sigmoid, 16 floats, nested JSON               | 30 |
| act large       | POST /v1/activations/tanh, 131,072 float64 as b64 (1 MiB body)     | 2  |
| loss            | POST /v1/losses/softmax_cross_entropy, 64x10 logits, nested        | 15 |
| loss large      | POST /v1/losses/sparse_categorical_crossentropy, 4096x100 b64      | 2  |
| optimizer step  | POST /v1/optimizers/adam/step, 32x32 + 32 params, state sent back  | 15 |
| verify          | POST /v1/verify, a sigmoid implementation of 256 values            | 10 |
| stats           | POST /v1/inspect/stats, a 256x256 float32 b64 gradient and a bias  | 8  |
| healthz         | GET /healthz (liveness; /readyz is 503 by design while saturated)  | 3  |

Every answer must be 200 with a JSON body (locust counts anything else as a failure); the
optimizer step also checks the returned step count, so a lost state is a failure too.

Not imported by the tests (locust patches the standard library with gevent); it runs in its
own process.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import orjson
from locust import FastHttpUser, constant, task
from scipy.special import expit

RNG = np.random.default_rng(14)
JSON = {"Content-Type": "application/json"}


def b64(a: np.ndarray, dtype: str = "float64") -> dict[str, Any]:
    a = np.ascontiguousarray(a, dtype="<f8" if dtype == "float64" else "<f4")
    return {"shape": list(a.shape), "dtype": dtype, "b64": base64.b64encode(a.tobytes()).decode()}


def _body(obj: Any) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_SERIALIZE_NUMPY)


ACT_SMALL = _body({"x": np.linspace(-4, 4, 16)})
ACT_LARGE = _body({"x": b64(RNG.normal(0, 3, 131_072))})
LOSS = _body(
    {
        "y_true": np.eye(10)[RNG.integers(0, 10, 64)],
        "y_pred": RNG.normal(0, 2, (64, 10)),
    }
)
LOSS_LARGE = _body(
    {
        "y_true": b64(RNG.integers(0, 100, 4096).astype(float)),
        "y_pred": b64(RNG.normal(0, 2, (4096, 100))),
        "params": {"from_logits": True},
    }
)
_X = RNG.normal(0, 3, 256)
VERIFY = _body({"target": {"kind": "activation", "name": "sigmoid"}, "x": _X, "value": expit(_X)})
STATS = _body(
    {
        "tensors": {
            "layer1.weight": b64(RNG.normal(0, 1e-3, (256, 256)), "float32"),
            "layer1.bias": RNG.normal(0, 1e-2, 32),
        }
    }
)
W0 = RNG.normal(0, 0.1, (32, 32))
B0 = np.zeros(32)
GRADS = {"w": RNG.normal(0, 1e-2, (32, 32)), "b": RNG.normal(0, 1e-2, 32)}
STEPS_PER_CHAIN = 50


class Client(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.params: Any = {"w": W0, "b": B0}
        self.state: Any = None
        self.step = 0

    def _post(self, path: str, body: bytes, name: str) -> None:
        with self.client.post(path, data=body, headers=JSON, name=name, catch_response=True) as r:
            if r.status_code == 200 and r.content and r.content[:1] == b"{":
                r.success()
            else:
                r.failure(f"{r.status_code}: {(r.content or b'')[:200]!r}")

    @task(30)
    def act_small(self) -> None:
        self._post("/v1/activations/sigmoid", ACT_SMALL, "act small")

    @task(2)
    def act_large(self) -> None:
        self._post("/v1/activations/tanh", ACT_LARGE, "act large")

    @task(15)
    def loss(self) -> None:
        self._post("/v1/losses/softmax_cross_entropy", LOSS, "loss")

    @task(2)
    def loss_large(self) -> None:
        self._post("/v1/losses/sparse_categorical_crossentropy", LOSS_LARGE, "loss large")

    @task(15)
    def optimizer_step(self) -> None:
        """A client's training loop: the returned params and state go back with the next
        step; a new chain starts every STEPS_PER_CHAIN steps."""
        if self.step >= STEPS_PER_CHAIN:
            self.on_start()
        body = _body(
            {
                "params": self.params,
                "grads": GRADS,
                "state": self.state,
                "hyperparams": {"lr": 1e-3},
            }
        )
        with self.client.post(
            "/v1/optimizers/adam/step",
            data=body,
            headers=JSON,
            name="optimizer step",
            catch_response=True,
        ) as r:
            try:
                out = orjson.loads(r.content or b"")
                ok = r.status_code == 200 and out["state"]["step"] == self.step + 1
            except (orjson.JSONDecodeError, KeyError, TypeError):
                ok = False
            if not ok:
                r.failure(f"{r.status_code}: {(r.content or b'')[:200]!r}")
                self.on_start()
                return
            r.success()
            self.params, self.state, self.step = out["params"], out["state"], self.step + 1

    @task(10)
    def verify(self) -> None:
        self._post("/v1/verify", VERIFY, "verify")

    @task(8)
    def stats(self) -> None:
        self._post("/v1/inspect/stats", STATS, "stats")

    @task(3)
    def healthz(self) -> None:
        self._get("/healthz", "healthz")

    def _get(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as r:
            if r.status_code == 200:
                r.success()
            else:
                r.failure(f"{r.status_code}: {(r.content or b'')[:200]!r}")
