"""POST /v1/networks/gradients benchmark: 20 dense layers of 512×512 with ReLU, batch 256,
float64, mse (20·256·512·512 = 1.34e9 multiply-adds per forward pass: within the defaults,
GRADSERVE_MAX_NETWORK_WORK 1.5e9, GRADSERVE_MAX_ELEMENTS for the weights and their gradients,
GRADSERVE_MAX_WORK_ELEMENTS for what the passes keep).

1. In-process ``service.compute.networks.network_gradients`` (validation, forward, loss,
   backward, per-layer statistics and verdicts) against the baseline: the bare NumPy
   forward/backward matrix products of the same net (x Wᵀ + b, ReLU, dW = gᵀ a, db, dx = g W),
   nothing else.
2. The HTTP round trip with every tensor as b64 (a 59 MB body; the response holds the 20
   weight gradients, as b64 too) against the in-process time.

Every part runs the BLAS threads a lone worker of the service runs by default
(``GRADSERVE_BLAS_THREADS``: the CPUs divided by ``GRADSERVE_MAX_CONCURRENCY``, 1 on 2 cores), so
the ratios compare the same matrix products.

Run: .venv/bin/python bench/bench_networks.py
"""

from __future__ import annotations

import http.client

import numpy as np
import orjson
import threadpoolctl
from _common import b64, best_of, post_ok, server, table

from service.compute import networks as nw
from service.config import Settings

DEPTH, WIDTH, BATCH = 20, 512, 256


def bare(x: np.ndarray, t: np.ndarray, ws: list[np.ndarray], bs: list[np.ndarray]) -> None:
    """The same products written the obvious way: what any implementation must do."""
    acts = [x]
    a = x
    for w, b in zip(ws, bs, strict=True):
        a = np.maximum(a @ w.T + b, 0.0)
        acts.append(a)
    g = 2 * (a - t) / a.size
    for i in range(len(ws) - 1, -1, -1):
        g = g * (acts[i + 1] > 0)
        _ = g.T @ acts[i]
        _ = g.sum(axis=0)
        g = g @ ws[i]


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((BATCH, WIDTH))
    t = rng.standard_normal((BATCH, WIDTH))
    ws = [rng.standard_normal((WIDTH, WIDTH)) * np.sqrt(2 / WIDTH) for _ in range(DEPTH)]
    bs = [np.zeros(WIDTH) for _ in range(DEPTH)]
    layers: list[nw.LayerSpec] = []
    wire_layers: list[dict] = []
    for w, b in zip(ws, bs, strict=True):
        layers += [
            nw.LayerSpec("dense", weight=w, bias=b),
            nw.LayerSpec("activation", activation="relu"),
        ]
        wire_layers += [
            {"type": "dense", "weight": b64(w), "bias": b64(b)},
            {"type": "activation", "name": "relu"},
        ]
    loss = nw.LossSpec("mse", t)

    threads = Settings().blas_threads  # what the server below sets in its lifespan
    with threadpoolctl.threadpool_limits(threads, user_api="blas"):
        t_net = best_of(lambda: nw.network_gradients(x, layers, loss), repeat=5)
        t_bare = best_of(lambda: bare(x, t, ws, bs), repeat=5)
    body = orjson.dumps(
        {"x": b64(x), "layers": wire_layers, "loss": {"name": "mse", "y_true": b64(t)}}
    )

    with server() as base:
        host, port = base.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=300)

        def post() -> dict:
            return orjson.loads(post_ok(conn, "/v1/networks/gradients", body))

        first = post()
        assert len(first["layers"]) == 2 * DEPTH, first.keys()
        t_rt = best_of(post, repeat=5)
        conn.close()

    work = DEPTH * BATCH * WIDTH * WIDTH
    table(
        "networks",
        [
            (
                f"{DEPTH}x{WIDTH}x{WIDTH} dense+relu, batch {BATCH}, float64, in-process, "
                f"{threads} BLAS thread(s)",
                f"{t_net * 1e3:,.0f} ms",
                f"{t_net / t_bare:.2f}x the bare fwd/bwd matmuls ({t_bare * 1e3:,.0f} ms; "
                f"{3 * work / 1e9:.1f}e9 multiply-adds)",
            ),
            (
                "the same over HTTP, b64 tensors",
                f"{t_rt * 1e3:,.0f} ms",
                f"{t_rt / t_net:.2f}x in-process ({len(body) / 1e6:.0f} MB body)",
            ),
        ],
    )


if __name__ == "__main__":
    main()
