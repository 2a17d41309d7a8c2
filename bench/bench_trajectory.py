"""The trajectory work units against their measured cost (GRADSERVE_MAX_TRAJECTORY_WORK).

A trajectory's work is steps × the step costs of its separately stepped runs: each
optimizer's ``step_cost`` (the catalog's), + ``CLIP_STEP_COST`` with clipping; runs stepped in
lockstep count once. This bench times, in process, one step of every optimizer alone, with
each clipping and with a schedule, and 16 runs in lockstep, on the Rosenbrock objective
(best of ``--rounds``, ``--steps`` steps each, interleaved), and divides by the work units the
limit charges. The baseline of the same run is the median time per unit over all those
runs: a ratio near 1 for every row means the units charge each rule for what it costs. It
also prints the time the costliest admitted request would take at the default limit (the
largest µs per unit × the default work).

    .venv/bin/python bench/bench_trajectory.py [--rounds 3] [--steps 4000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from _common import ROOT  # noqa: F401  (puts the repo on sys.path)

from service.compute.objectives import TrajectoryLimits, run_trajectory
from service.compute.optimizers.rules import OPTIMIZERS
from service.compute.optimizers.transforms import CLIP_STEP_COST
from service.config import Settings

UNLIMITED = TrajectoryLimits(
    max_steps=10**9, max_runs=10**3, max_work=10**12, max_response_bytes=10**12
)
COSINE = {"name": "warmup_cosine", "warmup_steps": 10, "decay_steps": 1000}


def cases() -> dict[str, tuple[list[dict[str, Any]], int]]:
    """name → (runs, work units per step)."""
    out: dict[str, tuple[list[dict[str, Any]], int]] = {}
    for opt in OPTIMIZERS:
        n, c = opt.name, opt.step_cost
        out[n] = ([{"name": n, "hyperparams": {"lr": 1e-3}}], c)
        for kind in ("value", "norm", "global_norm"):
            run = {"name": n, "hyperparams": {"lr": 1e-3}, "clip": {kind: 1.0}}
            out[f"{n} + clip {kind}"] = ([run], c + CLIP_STEP_COST)
        out[f"{n} + warmup_cosine"] = (
            [{"name": n, "hyperparams": {"lr": 1e-3}, "schedule": COSINE}],
            c,
        )
        if opt.elementwise:
            lock = [{"name": n, "hyperparams": {"lr": 1e-4 * (i + 1)}} for i in range(16)]
            out[f"{n} × 16 in lockstep"] = (lock, c)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=4000)
    a = ap.parse_args()
    todo = cases()
    best = dict.fromkeys(todo, float("inf"))
    for runs, _units in todo.values():  # warm-up
        run_trajectory("rosenbrock", None, 200, runs, limits=UNLIMITED)
    for _ in range(a.rounds):
        for name, (runs, _units) in todo.items():
            t0 = time.perf_counter()
            run_trajectory("rosenbrock", None, a.steps, runs, max_points=1000, limits=UNLIMITED)
            best[name] = min(best[name], (time.perf_counter() - t0) / a.steps)
    unit = statistics.median(best[k] / todo[k][1] for k in todo)
    print(f"trajectory steps on rosenbrock, best of {a.rounds} × {a.steps} steps, in process")
    print(f"baseline: the median over the {len(todo)} runs, {unit * 1e6:.2f} µs per work unit\n")
    print("| runs | µs per step | work units | µs per unit | × the median |")
    print("|---|---:|---:|---:|---:|")
    ratios = []
    for name, (_runs, units) in todo.items():
        per_unit = best[name] / units
        ratios.append(per_unit / unit)
        print(
            f"| {name} | {best[name] * 1e6:.1f} | {units} | {per_unit * 1e6:.2f} "
            f"| {per_unit / unit:.2f} |"
        )
    worst = max(todo, key=lambda k: best[k] / todo[k][1])
    work = Settings().max_trajectory_work
    print(
        f"\nµs per unit × the median: range {min(ratios):.2f}–{max(ratios):.2f} over "
        f"{len(ratios)} kinds of run"
    )
    print(
        f"the costliest admitted at the default work {work:,}: {worst}, "
        f"{work // todo[worst][1]:,} steps ≈ {best[worst] / todo[worst][1] * work:.2f} s "
        "(stepping only; the answer's encoding is on top)"
    )


if __name__ == "__main__":
    main()
