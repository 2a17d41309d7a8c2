"""The service app plus raw ``application/octet-stream`` peers of the OIP infer route
(bench only): the floor for the OIP binary path in the same process.

* ``POST /peer/sigmoid``: the body is the float64 bytes of x; the answer is the bytes of
  sigmoid(x) followed by those of its derivative.
* ``POST /peer/adam?step=t&lr=...``: the body is params, grads, exp_avg, exp_avg_sq as float32
  bytes (four equal parts); the answer is the new params, exp_avg, exp_avg_sq.

Each peer makes the same compute call as the OIP route (``activations.evaluate``,
``optimizers.step``) in the same threadpool, reads the body the same way (one copy into an
aligned buffer) and answers with the same no-copy chunked response: what remains is the
protocol (JSON header, names, datatypes, checks), which is what the benchmark compares.
"""

from __future__ import annotations

import numpy as np
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from service.compute import activations as act
from service.compute import optimizers as optim
from service.main import create_app
from service.wire.oip import ChunksResponse, read_body

app = create_app()
OCTETS = "application/octet-stream"


def _bytes(a: np.ndarray) -> memoryview:
    return np.ascontiguousarray(a).reshape(-1).data.cast("B")


def _sigmoid(body: memoryview) -> Response:
    x = np.frombuffer(body, dtype="<f8")
    out = act.evaluate("sigmoid", x, outputs=["value", "derivative"])
    return ChunksResponse([_bytes(out["value"]), _bytes(out["derivative"])], media_type=OCTETS)


def _adam(body: memoryview, t: int, lr: float) -> Response:
    p, g, m, v = np.frombuffer(body, dtype="<f4").reshape(4, -1)
    res = optim.step(
        "adam", p, g, {"step": t, "slots": {"exp_avg": m, "exp_avg_sq": v}}, {"lr": lr}
    )
    slots = res.state["slots"]
    parts = [res.params, slots["exp_avg"], slots["exp_avg_sq"]]
    return ChunksResponse([_bytes(a) for a in parts], media_type=OCTETS)


async def peer_sigmoid(request: Request) -> Response:
    body = await read_body(request)
    return await run_in_threadpool(_sigmoid, body)


async def peer_adam(request: Request) -> Response:
    body = await read_body(request)
    t, lr = int(request.query_params["step"]), float(request.query_params["lr"])
    return await run_in_threadpool(_adam, body, t, lr)


app.add_route("/peer/sigmoid", peer_sigmoid, methods=["POST"])
app.add_route("/peer/adam", peer_adam, methods=["POST"])
