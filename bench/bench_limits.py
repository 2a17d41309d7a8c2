"""Worst admitted requests at the limits in force (issue 14: ≤ ~2 s on one core).

Each case is the costliest request the settings admit for one limit, sent in-process through
the real app (decoding, compute, encoding, plotting), timed best of ``REPEAT``. Alongside, a
calibration: one 256×512×512 float64 matmul (≈ 5.7 ms on one quiet core of the reference
machine), timed the same way, so that a time measured on a loaded machine can be scaled to a
quiet core: ``quiet ≈ measured × 5.7 ms / calibration``.

Run on one core with single-threaded BLAS, e.g.::

    OPENBLAS_NUM_THREADS=1 taskset -c 0 .venv/bin/python bench/bench_limits.py [case ...]

The limits come from the environment (``GRADSERVE_*``) like the server's, so the same script
measures a candidate default before it is made the default.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from _common import b64, table
from fastapi.testclient import TestClient

from service.compute.objectives import BYTES_PER_POINT, BYTES_PER_RUN
from service.compute.optimizers.rules import OPTIMIZERS
from service.compute.optimizers.transforms import CLIP_STEP_COST
from service.config import Settings
from service.main import create_app

REPEAT = 3
QUIET_MATMUL_S = 5.7e-3


def best(fn: Callable[[], Any], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def calibration() -> float:
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((256, 512)), rng.standard_normal((512, 512))
    return best(lambda: a @ b, repeat=20)


def cases(s: Settings) -> dict[str, tuple[str, str, dict[str, Any] | None]]:
    """name -> (method, url, json body)."""
    rng = np.random.default_rng(0)
    out: dict[str, tuple[str, str, dict[str, Any] | None]] = {}
    # gradient flow: wide (matmul-bound) and deep (per-layer overhead), both at the work limit
    w = s.max_flow_work
    depth = max(1, min(s.max_flow_depth, w // (512 * 512 * 256)))
    out["flow_wide"] = (
        "POST",
        "/v1/inspect/gradient-flow",
        {"depth": depth, "width": 512, "batch": 256},
    )
    d = s.max_flow_depth
    for width in (64, 16):
        batch = max(1, w // (d * width * width))
        # the element charge (depth·(2·width² + 4·batch·width)) bounds it too
        while d * (2 * width * width + 4 * batch * width) > s.max_elements and batch > 1:
            batch = batch * 9 // 10
        out[f"flow_deep_w{width}"] = (
            "POST",
            "/v1/inspect/gradient-flow",
            {"depth": d, "width": width, "batch": batch, "activation": "gelu"},
        )
    out["flow_deep_svg"] = (
        "POST",
        "/v1/inspect/gradient-flow?format=svg",
        {"depth": d, "width": 16, "batch": 16},
    )
    # networks: dense 512×512 + relu at the work limit, and activation layers at the element
    # limit (no multiply-adds, a transcendental per element)
    n_dense = max(
        1,
        min(
            s.max_network_layers // 2,
            s.max_network_work // (256 * 512 * 512),
            s.max_body_bytes // (512 * 512 * 11) - 1,
            s.max_elements // (512 * 512 * 2 + 256 * 512 * 4) - 1,
        ),
    )
    x = rng.standard_normal((256, 512))
    layers: list[dict[str, Any]] = []
    for _ in range(n_dense):
        wt = rng.standard_normal((512, 512)) * np.sqrt(2 / 512)
        layers += [{"type": "dense", "weight": b64(wt)}, {"type": "activation", "name": "relu"}]
    out["networks_dense"] = (
        "POST",
        "/v1/networks/gradients",
        {"x": b64(x), "layers": layers, "loss": {"name": "mse", "y_true": b64(x)}},
    )
    n_act = s.max_network_layers
    per = min(s.max_network_work // n_act, s.max_elements // (2 * n_act + 4))
    cols = 256
    xa = rng.standard_normal((max(1, per // cols), cols))
    out["networks_activations"] = (
        "POST",
        "/v1/networks/gradients",
        {
            "x": b64(xa),
            "layers": [{"type": "activation", "name": "gelu"}] * n_act,
            "loss": {"name": "mse", "y_true": b64(xa)},
        },
    )
    # gradcheck: the largest input, elementwise (2 evaluations per element) and vector
    n = s.max_gradcheck_elements
    out["gradcheck_elementwise"] = (
        "POST",
        "/v1/gradcheck",
        {"target": {"kind": "activation", "name": "gelu"}, "x": b64(rng.standard_normal(n))},
    )
    out["gradcheck_softmax"] = (
        "POST",
        "/v1/gradcheck",
        {
            "target": {"kind": "activation", "name": "softmax"},
            "x": b64(rng.standard_normal((n // 1000, 1000))),
        },
    )
    out["gradcheck_loss"] = (
        "POST",
        "/v1/gradcheck",
        {
            "target": {"kind": "loss", "name": "categorical_crossentropy"},
            "y_pred": b64(rng.dirichlet(np.ones(100), n // 100)),
            "y_true": b64(np.eye(100)[rng.integers(0, 100, n // 100)]),
        },
    )
    k = 64  # directions: the admitted input shrinks as 8/k
    out["gradcheck_loss_64_directions"] = (
        "POST",
        "/v1/gradcheck",
        {
            "target": {"kind": "loss", "name": "categorical_crossentropy"},
            "y_pred": b64(rng.dirichlet(np.ones(100), n * 8 // k // 100)),
            "y_true": b64(np.eye(100)[rng.integers(0, 100, n * 8 // k // 100)]),
            "directions": k,
        },
    )
    for name, kind in (("gelu", "activation"),):
        out[f"gradcheck_order2_{name}"] = (
            "POST",
            "/v1/gradcheck",
            {
                "target": {"kind": kind, "name": name},
                "x": b64(rng.standard_normal((n // 1000, 1000))),
                "order": 2,
            },
        )
    out["gradcheck_full_loss"] = (
        "POST",
        "/v1/gradcheck",
        {
            "target": {"kind": "loss", "name": "categorical_crossentropy"},
            "y_pred": b64(rng.dirichlet(np.ones(64), 32)),
            "y_true": b64(np.eye(64)[rng.integers(0, 64, 32)]),
            "fast_mode": False,
        },
    )
    out["gradcheck_full_softmax"] = (
        "POST",
        "/v1/gradcheck",
        {
            "target": {"kind": "activation", "name": "softmax"},
            "x": b64(rng.standard_normal(1448)),
            "fast_mode": False,
        },
    )
    # curves and plots at max_curve_points
    c = s.max_curve_points
    out["activation_curve_svg"] = ("GET", f"/v1/activations/gelu/curve?num={c}&format=svg", None)
    out["activation_curve_png"] = ("GET", f"/v1/activations/gelu/curve?num={c}&format=png", None)
    out["loss_curve_svg"] = (
        "GET",
        f"/v1/losses/binary_crossentropy/curve?num={c}&format=svg",
        None,
    )
    # the costliest mix of runs: every optimizer with clipping, the costliest repeated
    cost = {o.name: o.step_cost + CLIP_STEP_COST for o in OPTIMIZERS}
    names = sorted(cost, key=lambda n: -cost[n])
    names = (names * 2)[: s.max_trajectory_runs]
    runs = [{"name": nm, "clip": {"global_norm": 1.0}} for nm in names]
    steps = min(s.max_trajectory_steps, s.max_trajectory_work // sum(cost[n] for n in names))
    out["trajectory_svg"] = (
        "POST",
        "/v1/optimizers/trajectory?format=svg",
        {"objective": "rosenbrock", "steps": steps, "optimizers": runs, "max_points": None},
    )
    for name in ("rprop", "lamb"):
        out[f"trajectory_{name}_clip"] = (
            "POST",
            "/v1/optimizers/trajectory",
            {
                "objective": "rosenbrock",
                "steps": min(s.max_trajectory_steps, s.max_trajectory_work // cost[name]),
                "optimizers": [{"name": name, "clip": {"global_norm": 1.0}}],
            },
        )
    lockstep = [
        {"name": "sgd", "hyperparams": {"lr": 1e-4 * (i + 1)}} for i in range(s.max_trajectory_runs)
    ]
    out["trajectory_lockstep"] = (
        "POST",
        "/v1/optimizers/trajectory",
        {
            "objective": "rosenbrock",
            "steps": min(
                s.max_trajectory_steps, s.max_trajectory_work // OPTIMIZERS.get("sgd").step_cost
            ),
            "optimizers": lockstep,
        },
    )
    # every point returned: as many steps as the response limit admits for the 16 runs
    fit = (s.max_response_bytes // len(lockstep) - BYTES_PER_RUN) // BYTES_PER_POINT - 1
    out["trajectory_lockstep_all_points"] = (
        "POST",
        "/v1/optimizers/trajectory",
        {
            "objective": "rosenbrock",
            "steps": min(s.max_trajectory_steps, fit),
            "optimizers": lockstep,
            "max_points": None,
        },
    )
    out["trajectory_json"] = (
        "POST",
        "/v1/optimizers/trajectory",
        {"objective": "rosenbrock", "steps": steps, "optimizers": runs},
    )
    # big tensors: max_elements, or what a body of max_body_bytes holds as b64 float32
    m = min(s.max_elements, s.max_body_bytes * 3 // 16 - 4096)
    out["stats"] = (
        "POST",
        "/v1/inspect/stats",
        {"tensors": {"g": b64(rng.standard_normal(m), "float32")}},
    )
    half = min(m // 2, s.max_elements // 5)  # params, grads, new params, 2 slots
    out["optimizer_step_adam"] = (
        "POST",
        "/v1/optimizers/adam/step",
        {
            "params": b64(rng.standard_normal(half), "float32"),
            "grads": b64(rng.standard_normal(half), "float32"),
        },
    )
    out["activation_gelu"] = (
        "POST",
        "/v1/activations/gelu",
        {"x": b64(rng.standard_normal(min(m, s.max_elements // 3)), "float32")},
    )
    return out


def main() -> None:
    settings = Settings(access_log="off")
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    wanted = set(sys.argv[1:])
    cal = calibration()
    rows = []
    for name, (method, url, body) in cases(settings).items():
        if wanted and name not in wanted:
            continue

        def send(method: str = method, url: str = url, body: Any = body) -> Any:
            r = client.request(method, url, json=body)
            assert r.status_code == 200, (url, r.status_code, r.text[:300])
            return r

        size = len(send().content)
        t = best(send)
        rows.append(
            (
                name,
                f"{t:.2f} s",
                f"≈ {t * QUIET_MATMUL_S / cal:.2f} s on a quiet core; response {size / 1e6:.2f} MB",
            )
        )
        print(*rows[-1], sep="  |  ", flush=True)
    table(f"worst admitted requests (calibration matmul {cal * 1e3:.1f} ms)", rows)


if __name__ == "__main__":
    main()
