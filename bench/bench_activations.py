"""Activation benchmarks (issue 2), each a ratio against a baseline from the same run.

1. Throughput of POST /v1/activations/sigmoid with 16 floats on one worker, against a bare
   FastAPI endpoint returning a constant dict (bench/bare_app.py), same uvicorn setup and
   load generator. Goal >= 1.0x.
2. Round trip of 1,000,000 float64 sigmoid values with derivative over loopback HTTP, in
   b64 and in nested JSON, against the in-process NumPy time of the same computation.
   Goals <= 8x (b64) and <= 20x (nested).
"""

from __future__ import annotations

import base64
import http.client

import numpy as np
import orjson
import pybase64
from _common import best_of, requests_per_second, server, table
from scipy.special import expit

N = 1_000_000


def numpy_sigmoid(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same math as the service, written directly: sigma(x) and sigma(x) sigma(-x)
    (the accurate form of sigma(1 - sigma) for large |x|)."""
    y = expit(x)
    return y, y * expit(-x)


def decode_b64(t: dict) -> np.ndarray:
    return np.frombuffer(pybase64.b64decode(t["b64"]), "<f8").reshape(t["shape"])


def main() -> None:
    body16 = orjson.dumps({"x": np.linspace(-4, 4, 16).tolist()})
    with server("bench.bare_app:app") as bare:
        rps_bare = requests_per_second(bare, "POST", "/constant", b"{}")
    with server() as base:
        rps_ours = requests_per_second(base, "POST", "/v1/activations/sigmoid", body16)
        rng = np.random.default_rng(0)
        x = rng.normal(0, 4, N)
        t_numpy = best_of(lambda: numpy_sigmoid(x), repeat=7)
        b64_body = orjson.dumps(
            {"x": {"shape": [N], "dtype": "float64", "b64": base64.b64encode(x.tobytes()).decode()}}
        )
        nested_body = orjson.dumps({"x": x}, option=orjson.OPT_SERIALIZE_NUMPY)
        # http.client: a plain keep-alive HTTP/1.1 client whose body I/O is done in C
        host, port = base.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        hdr = {"Content-Type": "application/json"}

        def post(body: bytes) -> dict:
            conn.request("POST", "/v1/activations/sigmoid", body=body, headers=hdr)
            resp = conn.getresponse()
            data = resp.read()
            assert resp.status == 200, data[:300]
            return orjson.loads(data)

        def rt_b64() -> None:
            out = post(b64_body)
            decode_b64(out["value"]), decode_b64(out["derivative"])

        def rt_nested() -> None:
            out = post(nested_body)
            np.asarray(out["value"]), np.asarray(out["derivative"])

        out = post(b64_body)
        y, dy = numpy_sigmoid(x)
        assert np.array_equal(decode_b64(out["value"]), y)
        assert np.allclose(decode_b64(out["derivative"]), dy, rtol=1e-15, atol=0)
        t_b64 = best_of(rt_b64, repeat=5)
        t_nested = best_of(rt_nested, repeat=3)
        conn.close()
    table(
        "activations",
        [
            ("sigmoid 16 floats, 1 worker", f"{rps_ours:,.0f} req/s", ""),
            ("bare FastAPI constant dict", f"{rps_bare:,.0f} req/s", ""),
            ("  ratio (goal >= 1.0)", f"{rps_ours / rps_bare:.2f}x", ""),
            ("in-process NumPy 1M sigmoid+deriv", f"{t_numpy * 1e3:.1f} ms", ""),
            ("round trip 1M, b64", f"{t_b64 * 1e3:.1f} ms", ""),
            ("  ratio (goal <= 8)", f"{t_b64 / t_numpy:.1f}x", ""),
            ("round trip 1M, nested JSON", f"{t_nested * 1e3:.1f} ms", ""),
            ("  ratio (goal <= 20)", f"{t_nested / t_numpy:.1f}x", ""),
        ],
    )


if __name__ == "__main__":
    main()
