"""Inspection benchmarks (issue 5), ratios against baselines from the same run.

1. POST /v1/inspect/stats on one 10,000,000-element float32 tensor sent as b64 (a 53 MB body):
   the HTTP round trip over loopback (POST of a pre-encoded body, parse of the small JSON
   reply) against the in-process time of service.compute.inspect.stats.inspect_stats on the
   same array; and that in-process time against a plain NumPy pass computing the same
   moments (float64 copy, norms, mean, std, min, max, zeros, NaN/Inf counts, log10 histogram).
2. POST /v1/inspect/gradient-flow for depth 14, width 512, batch 256 (ReLU, He init, float64):
   the in-process time of service.compute.inspect.flow.gradient_flow against the bare
   forward/backward matrix products of the same net (drawing the weights excluded), and the
   HTTP round trip against the in-process time. The server runs with
   (14·512²·256 = 9.4e8 multiply-adds, within the default GRADSERVE_MAX_FLOW_WORK of 1e9, and
   14·(2·512² + 4·256·512) = 14.7M kept elements, within GRADSERVE_MAX_ELEMENTS).

Run: .venv/bin/python bench/bench_inspect.py
"""

from __future__ import annotations

import base64
import http.client
import math

import numpy as np
import orjson
from _common import best_of, server, table

from service.compute.inspect import flow, stats

N = 10_000_000
DEPTH, WIDTH, BATCH = 14, 512, 256


def numpy_stats(g: np.ndarray) -> dict:
    """The same numbers written the obvious way (log10 histogram, whole-array temporaries)."""
    finite = g[np.isfinite(g)]
    a = finite.astype(np.float64)
    absa = np.abs(a)
    nz = absa[absa > 0]
    hist = np.bincount(np.clip(np.floor(np.log10(nz)).astype(np.int64) + 30, 0, 40), minlength=41)
    return {
        "l1": absa.sum(),
        "l2": math.sqrt(np.dot(a, a)),
        "linf": absa.max(),
        "mean": a.mean(),
        "std": a.std(),
        "min": a.min(),
        "max": a.max(),
        "zeros": a.size - np.count_nonzero(a),
        "nan": np.count_nonzero(np.isnan(g)),
        "inf": np.count_nonzero(np.isinf(g)),
        "hist": hist,
    }


def bare_mlp(x: np.ndarray, t: np.ndarray, ws: list[np.ndarray]) -> float:
    """Forward and backward matrix products of the same ReLU MLP with MSE, nothing else."""
    acts = [x]
    a = x
    for w in ws:
        a = np.maximum(a @ w.T, 0.0)
        acts.append(a)
    da = 2 * (a - t) / a.size
    for i in range(len(ws) - 1, -1, -1):
        dz = da * (acts[i + 1] > 0)
        _ = dz.T @ acts[i]
        da = dz @ ws[i]
    return float(np.mean((a - t) ** 2))


def main() -> None:
    rng = np.random.default_rng(0)
    g = (rng.standard_normal(N) * 1e-3).astype(np.float32)
    t_stats = best_of(lambda: stats.inspect_stats({"g": g}), repeat=5)
    t_numpy = best_of(lambda: numpy_stats(g), repeat=3)
    body = orjson.dumps(
        {
            "tensors": {
                "g": {
                    "shape": [N],
                    "dtype": "float32",
                    "b64": base64.b64encode(g.tobytes()).decode(),
                }
            }
        }
    )

    cfg = flow.FlowConfig(
        depth=DEPTH, width=WIDTH, batch=BATCH, activation="relu", init="he_normal", seed=0
    )
    limits = flow.FlowLimits(max_work=DEPTH * WIDTH * WIDTH * BATCH)
    t_flow = best_of(lambda: flow.gradient_flow(cfg, limits), repeat=3)
    _, _, init, ip = flow.check_config(cfg, limits)
    mlp = flow.build_mlp(cfg, init, ip)
    t_bare = best_of(lambda: bare_mlp(mlp.x, mlp.target, mlp.weights), repeat=3)
    t_build = best_of(lambda: flow.build_mlp(cfg, init, ip), repeat=3)
    flow_body = orjson.dumps(
        {"depth": DEPTH, "width": WIDTH, "batch": BATCH, "activation": "relu", "init": "he_normal"}
    )

    env: dict[str, str] = {}
    with server(env=env) as base:
        host, port = base.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=300)
        hdr = {"Content-Type": "application/json"}

        def post(path: str, data: bytes) -> dict:
            conn.request("POST", path, body=data, headers=hdr)
            resp = conn.getresponse()
            out = resp.read()
            assert resp.status == 200, out[:300]
            return orjson.loads(out)

        first = post("/v1/inspect/stats", body)
        assert first["tensors"]["g"]["count"] == N
        t_rt = best_of(lambda: post("/v1/inspect/stats", body), repeat=5)
        rep = post("/v1/inspect/gradient-flow", flow_body)
        assert rep["verdict"] == "ok", rep["verdict"]
        t_flow_rt = best_of(lambda: post("/v1/inspect/gradient-flow", flow_body), repeat=3)
        conn.close()

    table(
        "inspect",
        [
            (
                "stats 10M float32, in-process",
                f"{t_stats * 1e3:,.0f} ms",
                f"{t_stats / t_numpy:.2f}x plain NumPy ({t_numpy * 1e3:,.0f} ms)",
            ),
            (
                "stats 10M float32, b64 round trip",
                f"{t_rt * 1e3:,.0f} ms",
                f"{t_rt / t_stats:.2f}x in-process ({len(body) / 1e6:.0f} MB body)",
            ),
            (
                f"gradient-flow {DEPTH}x{WIDTH}, batch {BATCH}, in-process",
                f"{t_flow * 1e3:,.0f} ms",
                f"{t_flow / t_bare:.2f}x bare fwd/bwd matmuls ({t_bare * 1e3:,.0f} ms); "
                f"drawing the net {t_build * 1e3:,.0f} ms",
            ),
            (
                "gradient-flow, HTTP round trip",
                f"{t_flow_rt * 1e3:,.0f} ms",
                f"{t_flow_rt / t_flow:.2f}x in-process",
            ),
        ],
    )


if __name__ == "__main__":
    main()
