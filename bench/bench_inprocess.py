"""Small calls without HTTP: the application's own cost per request (issue 13, diagnostic).

Each app is driven as an ASGI callable by a loop in this process (the request body in one
``http.request`` message, the answer collected, nothing on a socket): the FastAPI ceiling
endpoint of bench/small_apps.py (``async def`` returning a constant) and gradserve's sigmoid,
mse and Adam calls of bench/bench_small.py (16 numbers, the fast path). What bench_small
measures over HTTP is this plus uvicorn's and the load generator's work, the same for every
server; this shows where each call stands against the ceiling without them. Best of 5 rounds
of 5,000 requests; the access log off.

    .venv/bin/python bench/bench_inprocess.py
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

import numpy as np
import orjson
import uvloop
from _common import table
from small_apps import ceiling

from tests.helpers import asgi_post as request

os.environ.setdefault("GRADSERVE_ACCESS_LOG", "off")

X16 = np.linspace(-4.0, 4.0, 16).tolist()
TOGETHER = 32  # requests gathered at once: the load generator's connections
CALLS = [
    ("ceiling: FastAPI async constant", "ceiling", "/constant", {}),
    ("gradserve sigmoid, 16 floats", "ours", "/v1/activations/sigmoid", {"x": X16}),
    ("gradserve mse loss, 16 values", "ours", "/v1/losses/mse",
     {"y_true": [0.0] * 16, "y_pred": X16}),
    ("gradserve adam step, 16 params", "ours", "/v1/optimizers/adam/step",
     {"params": X16, "grads": [0.1] * 16, "hyperparams": {"lr": 0.01}}),
]  # fmt: skip


async def per_request(app: Any, path: str, body: bytes, n: int = 5000, together: int = 1) -> float:
    """Best of 5 rounds: microseconds per request, sent one at a time or ``together`` at
    once (gathered: they arrive in the same turn of the event loop, as under load)."""
    sent = await request(app, path, body)
    assert sent[0]["status"] == 200, sent
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n // together):
            if together == 1:
                await request(app, path, body)
            else:
                await asyncio.gather(*(request(app, path, body) for _ in range(together)))
        best = min(best, (time.perf_counter() - t) / (n // together * together))
    return best * 1e6


async def measure() -> list[tuple[str, str, str]]:
    from service.main import create_app

    ours = create_app()
    apps = {"ceiling": ceiling, "ours": ours}
    times: dict[str, tuple[float, float]] = {}
    async with ours.router.lifespan_context(ours):
        for label, which, path, body in CALLS:
            app, content = apps[which], orjson.dumps(body)
            times[label] = (
                await per_request(app, path, content),
                await per_request(app, path, content, together=TOGETHER),
            )
    base = times[CALLS[0][0]]
    return [
        (
            label,
            f"{alone:.1f} us ({alone / base[0]:.2f}x the ceiling's)",
            f"{together:.1f} us ({together / base[1]:.2f}x)",
        )
        for label, (alone, together) in times.items()
    ]


def main() -> None:
    table(
        f"in process, per request (no HTTP): one at a time | {TOGETHER} at once",
        uvloop.run(measure()),
    )


if __name__ == "__main__":
    main()
