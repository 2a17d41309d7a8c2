"""Loss benchmark (issue 3), ratios against baselines from the same run.

Categorical cross-entropy from logits on a 10,000 x 100 float64 batch, value and gradient
(reduction mean, one-hot labels):

1. The service's compute time (service.compute.losses.evaluate_loss in-process, including
   validation and the warnings pass) against a straightforward NumPy implementation
   (max-shifted log-softmax, -sum(y log p)/N, (softmax - y)/N).
2. The HTTP round trip over loopback with b64 tensors in and out (POST of a pre-encoded body,
   as bench_activations does, then decoding grad and per_sample) against that compute time;
   the client's time to build the body is shown apart. The same with integer labels
   (sparse_categorical_crossentropy), whose body is half the size.
"""

from __future__ import annotations

import base64

import httpx
import numpy as np
import orjson
from _common import b64, best_of, server, table

from service.compute.losses import evaluate_loss

N, C = 10_000, 100


def numpy_cce(y: np.ndarray, z: np.ndarray) -> tuple[float, np.ndarray]:
    m = z.max(axis=-1, keepdims=True)
    e = np.exp(z - m)
    s = e.sum(axis=-1, keepdims=True)
    logp = z - m - np.log(s)
    loss = -np.sum(y * logp) / z.shape[0]
    grad = (e / s - y) / z.shape[0]
    return float(loss), grad


def unb64(t: dict) -> np.ndarray:
    return np.frombuffer(base64.b64decode(t["b64"]), "<f8").reshape(t["shape"])


def main() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, (N, C))
    y = np.eye(C)[rng.integers(0, C, N)]
    params = {"from_logits": True}

    def ours() -> None:
        evaluate_loss("categorical_crossentropy", y, z, params)

    ref_loss, ref_grad = numpy_cce(y, z)
    r = evaluate_loss("categorical_crossentropy", y, z, params)
    assert abs(float(r.loss) - ref_loss) <= 1e-12 * abs(ref_loss)
    np.testing.assert_allclose(r.grad, ref_grad, rtol=1e-10, atol=1e-18)
    t_numpy = best_of(lambda: numpy_cce(y, z), repeat=7)
    t_ours = best_of(ours, repeat=7)

    t_client_encode = best_of(
        lambda: orjson.dumps({"y_true": b64(y), "y_pred": b64(z), "params": params}), repeat=5
    )
    body = orjson.dumps({"y_true": b64(y), "y_pred": b64(z), "params": params})
    labels = np.argmax(y, axis=-1).astype(np.float64)
    sparse_body = orjson.dumps({"y_true": b64(labels), "y_pred": b64(z), "params": params})

    with server() as base, httpx.Client(timeout=120) as c:
        hdr = {"Content-Type": "application/json"}

        def round_trip(name: str, content: bytes) -> tuple[float, np.ndarray]:
            out = orjson.loads(
                c.post(f"{base}/v1/losses/{name}", content=content, headers=hdr).content
            )
            unb64(out["per_sample"])
            return out["loss"], unb64(out["grad"])

        for name, content in (
            ("categorical_crossentropy", body),
            ("sparse_categorical_crossentropy", sparse_body),
        ):
            loss, grad = round_trip(name, content)
            assert abs(loss - ref_loss) <= 1e-12 * abs(ref_loss)
            np.testing.assert_allclose(grad, ref_grad, rtol=1e-10, atol=1e-18)
        t_rt = best_of(lambda: round_trip("categorical_crossentropy", body), repeat=5)
        t_sparse = best_of(
            lambda: round_trip("sparse_categorical_crossentropy", sparse_body), repeat=5
        )

    table(
        "losses",
        [
            ("batch", f"{N:,} x {C} float64, CCE from logits", ""),
            ("straightforward NumPy value+grad", f"{t_numpy * 1e3:.1f} ms", ""),
            ("service compute (evaluate_loss)", f"{t_ours * 1e3:.1f} ms", ""),
            ("  ratio compute / NumPy", f"{t_ours / t_numpy:.2f}x", ""),
            (
                "HTTP round trip, b64 in and out",
                f"{t_rt * 1e3:.1f} ms",
                f"one-hot y_true; body {len(body) / 1e6:.1f} MB, pre-encoded",
            ),
            ("  ratio round trip / compute", f"{t_rt / t_ours:.2f}x", ""),
            ("  client: building that body", f"{t_client_encode * 1e3:.1f} ms", "not in the above"),
            (
                "round trip, sparse integer labels",
                f"{t_sparse * 1e3:.1f} ms",
                f"body {len(sparse_body) / 1e6:.1f} MB",
            ),
            ("  ratio round trip / compute", f"{t_sparse / t_ours:.2f}x", ""),
        ],
    )


if __name__ == "__main__":
    main()
