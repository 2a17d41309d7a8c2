"""Cost of the request-id / JSON access-log middleware (issue 14, part 7) on the hot path.

Throughput of POST /v1/activations/sigmoid with 16 floats on one worker (the small-request
figure of bench_activations.py) without the middleware, with it and the log off, and with one
JSON line per request written to a file. Rounds alternate so that a busy machine affects all
three alike; the best round of each counts. Goal: the JSON log costs <= 10 % of throughput.
"""

from __future__ import annotations

import os
import tempfile

import numpy as np
import orjson
from _common import requests_per_second, server, table

ROUNDS = 3


def main() -> None:
    body16 = orjson.dumps({"x": np.linspace(-4, 4, 16).tolist()})
    path = os.path.join(tempfile.mkdtemp(), "access.log")
    apps = {"without": "without", "log off": "off", "JSON log": "json_log"}
    best = dict.fromkeys(apps, 0.0)
    for _ in range(ROUNDS):
        for label, attr in apps.items():
            env = {"BENCH_ACCESS_LOG": path}
            with server(f"bench.access_log_apps:{attr}", env=env) as base:
                rps = requests_per_second(base, "POST", "/v1/activations/sigmoid", body16)
            best[label] = max(best[label], rps)
    with open(path, "rb") as f:
        last = f.read().splitlines()[-1]
    line = orjson.loads(last)
    assert line["status"] == 200 and line["path"] == "/v1/activations/sigmoid", line
    base_rps = best["without"]
    table(
        "access log",
        [
            ("sigmoid 16 floats, no request-id middleware", f"{base_rps:,.0f} req/s", ""),
            (
                "  with it, GRADSERVE_ACCESS_LOG=off",
                f"{best['log off']:,.0f} req/s",
                f"{best['log off'] / base_rps:.2f}x",
            ),
            (
                "  with it, JSON line per request",
                f"{best['JSON log']:,.0f} req/s",
                f"{best['JSON log'] / base_rps:.2f}x (goal >= 0.90)",
            ),
        ],
    )


if __name__ == "__main__":
    main()
