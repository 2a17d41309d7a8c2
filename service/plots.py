"""Plots rendered with matplotlib's object-oriented API (Agg; no pyplot global state,
so concurrent requests in the threadpool do not share figures)."""

from __future__ import annotations

import io
import math
from typing import Any, Literal

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from service.compute import objectives as objs

PlotFormat = Literal["png", "svg"]
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml"}

# What a plot draws is bounded, whatever the request's size: a 7-inch figure has fewer than
# 2000 pixel columns at any dpi a browser uses, and matplotlib's time (and an SVG's bytes)
# grow with every vertex drawn.
MAX_DRAWN = 2000  # points per curve (an envelope: first, min and max per bucket, last)
MAX_DRAWN_PATHS = 4000  # path points over all the runs of a trajectory plot
CONTOUR_GRID = 160  # contour samples per axis of a trajectory plot


def envelope(n: int, series: list[np.ndarray], max_points: int = MAX_DRAWN) -> np.ndarray:
    """Indices of at most about ``max_points`` of ``n`` samples that keep the shape of every
    series: the first and last samples and, in each of ``max_points // 2`` buckets, the
    positions of each series' minimum and maximum (NaNs ignored), in order. Kinks, spikes and
    the extreme values survive, unlike with a plain stride."""
    if n <= max_points:
        return np.arange(n)
    buckets = max(1, max_points // (2 * max(1, len(series))))
    edges = np.linspace(0, n, buckets + 1).astype(np.int64)
    keep = [np.array([0, n - 1])]
    for y in series:
        v = np.asarray(y, dtype=np.float64)
        lo = np.where(np.isnan(v), np.inf, v)
        hi = np.where(np.isnan(v), -np.inf, v)
        keep.append(edges[:-1] + _argreduce(lo, edges, np.minimum))
        keep.append(edges[:-1] + _argreduce(hi, edges, np.maximum))
    return np.unique(np.concatenate(keep))


def _argreduce(v: np.ndarray, edges: np.ndarray, op: np.ufunc) -> np.ndarray:
    """Offset of each bucket's extreme (``op`` = minimum or maximum) from its first index."""
    ext = op.reduceat(v, edges[:-1])
    hit = v == np.repeat(ext, np.diff(edges))
    bucket = np.repeat(np.arange(len(edges) - 1), np.diff(edges))
    first = np.full(len(edges) - 1, -1, dtype=np.int64)
    pos = np.flatnonzero(hit)
    first[bucket[pos][::-1]] = pos[::-1]  # the first hit of each bucket wins
    offset: np.ndarray = np.where(first < 0, edges[:-1], first) - edges[:-1]
    return offset


def thin_path(path: np.ndarray, max_points: int) -> np.ndarray:
    """At most ``max_points`` rows of a path, evenly spaced, first and last kept."""
    n = len(path)
    if n <= max_points:
        return path
    idx = np.unique(np.linspace(0, n - 1, max(2, max_points)).round().astype(np.int64))
    return path[idx]


def new_figure(width: float = 7.0, height: float = 4.5) -> Figure:
    return Figure(figsize=(width, height), dpi=100, layout="tight")


def figure_bytes(fig: Figure, fmt: PlotFormat) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt)
    return buf.getvalue()


def curve_plot(
    name: str,
    x: np.ndarray,
    value: np.ndarray,
    derivative: np.ndarray,
    fmt: PlotFormat,
    subtitle: str = "",
) -> bytes:
    """f and f' of an activation over x."""
    idx = envelope(len(x), [value, derivative])
    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot(x[idx], value[idx], label=f"{name}(x)", linewidth=2)
    ax.plot(x[idx], derivative[idx], label=f"{name}'(x)", linewidth=1.5, linestyle="--")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel("x")
    ax.set_title(f"{name} {subtitle}".strip())
    ax.grid(True, alpha=0.3)
    ax.legend()
    return figure_bytes(fig, fmt)


def flow_plot(report: dict[str, Any], fmt: PlotFormat) -> bytes:
    """Per-layer gradient norms (weights and pre-activations) on a log scale, with the
    vanishing/exploding bands relative to the last layer."""
    layers = report["layers"]
    idx = [ly["layer"] for ly in layers]

    def pos(key: str) -> list[float]:
        out = []
        for ly in layers:
            v = ly[key]
            out.append(v if isinstance(v, float) and math.isfinite(v) and v > 0 else math.nan)
        return out

    fig = new_figure()
    ax = fig.add_subplot()
    few = len(idx) <= 100  # markers for a few layers; lines alone for deep nets
    ax.plot(idx, pos("weight_grad_norm"), marker="o" if few else "", label="‖dL/dW‖ (weights)")
    ax.plot(
        idx,
        pos("pre_activation_grad_norm"),
        marker="s" if few else "",
        linestyle="--",
        label="‖dL/dz‖ (pre-activations)",
    )
    last = layers[-1]["weight_grad_norm"]
    th = report["thresholds"]
    if isinstance(last, float) and math.isfinite(last) and last > 0:
        ax.axhline(
            last * th["vanishing"],
            color="tab:blue",
            linewidth=0.8,
            linestyle=":",
            label=f"vanishing (× {th['vanishing']:g} of the last layer)",
        )
        ax.axhline(
            last * th["exploding"],
            color="tab:red",
            linewidth=0.8,
            linestyle=":",
            label=f"exploding (× {th['exploding']:g})",
        )
    bad = report["first_bad_layer"]
    if bad is not None:
        ax.axvline(bad, color="tab:red", alpha=0.4, linewidth=6)
    shown = [v for v in (*pos("weight_grad_norm"), *pos("pre_activation_grad_norm")) if v == v]
    if shown:
        ax.set_yscale("log")
    else:  # every gradient is 0 or non-finite: nothing to put on a log axis
        ax.text(
            0.5,
            0.5,
            f"no positive finite gradient norm (verdict {report['verdict']})",
            transform=ax.transAxes,
            ha="center",
            va="center",
        )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("layer (1 = input)")
    ax.set_ylabel("gradient norm")
    a = report["activation"]["name"]
    ax.set_title(f"gradient flow: {a}, {report['init']['name']}, verdict {report['verdict']}")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize="small")
    return figure_bytes(fig, fmt)


def trajectory_plot(out: dict[str, Any], fmt: PlotFormat) -> bytes:
    """The paths over filled contours of the objective (log-spaced levels where f ≥ 0)."""
    obj, hp = objs.resolve_objective(
        {"name": out["objective"]["name"], "params": out["objective"]["params"]}
    )
    xmin, xmax, ymin, ymax = obj.bounds
    per_run = max(2, MAX_DRAWN_PATHS // max(1, len(out["runs"])))
    pts = [thin_path(r["path"][np.isfinite(r["path"]).all(axis=1)], per_run) for r in out["runs"]]
    allp = np.concatenate([p for p in pts if p.size] or [np.zeros((0, 2))])
    if allp.size:  # widen the window to show the paths, within reason
        span = max(xmax - xmin, ymax - ymin)
        lo = np.maximum(allp.min(axis=0), [xmin - span, ymin - span])
        hi = np.minimum(allp.max(axis=0), [xmax + span, ymax + span])
        xmin, ymin = min(xmin, lo[0]), min(ymin, lo[1])
        xmax, ymax = max(xmax, hi[0]), max(ymax, hi[1])
    xs = np.linspace(xmin, xmax, CONTOUR_GRID)
    ys = np.linspace(ymin, ymax, CONTOUR_GRID)
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        z = np.asarray(obj.f(gx, gy, hp), dtype=np.float64)
        if obj.log_contours:
            z = np.log10(z - np.nanmin(z) + 1e-3)
    fig = new_figure(7.0, 6.0)
    ax = fig.add_subplot()
    cs = ax.contourf(gx, gy, z, levels=30, cmap="viridis", alpha=0.85)
    ax.contour(gx, gy, z, levels=30, colors="k", linewidths=0.3, alpha=0.4)
    fig.colorbar(cs, ax=ax, label="log10(f − min f)" if obj.log_contours else "f")
    for run, p in zip(out["runs"], pts, strict=True):
        if p.size:
            ax.plot(p[:, 0], p[:, 1], "-", linewidth=1.5, label=run["label"])
            ax.plot(p[-1, 0], p[-1, 1], "o", markersize=5, color=ax.lines[-1].get_color())
    start = out["start"]
    ax.plot(start[0], start[1], "ks", markersize=6, label="start")
    minima = np.asarray(out["objective"]["minima"]).reshape(-1, 2)
    if minima.size:
        ax.plot(minima[:, 0], minima[:, 1], "r*", markersize=12, label="minima")
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(f"{obj.name}: {out['steps']} steps")
    ax.legend(loc="best", fontsize=8)
    return figure_bytes(fig, fmt)


def loss_curve_plot(
    name: str,
    variable: str,
    x: np.ndarray,
    series: list[tuple[str, np.ndarray, np.ndarray]],
    fmt: PlotFormat,
    subtitle: str = "",
) -> bytes:
    """A loss (left) and its gradient (right) against the swept prediction, one line per
    fixed target: ``series`` holds (label, loss, grad)."""
    fig = new_figure(9.0, 4.0)
    ax_loss, ax_grad = fig.subplots(1, 2)
    for label, loss, grad in series:
        i, j = envelope(len(x), [loss]), envelope(len(x), [grad])
        (line,) = ax_loss.plot(x[i], loss[i], label=label, linewidth=2)
        ax_grad.plot(x[j], grad[j], label=label, linewidth=1.5, color=line.get_color())
    for ax, what in ((ax_loss, "loss"), (ax_grad, "gradient dL/dx")):
        ax.axhline(0, color="0.6", linewidth=0.8)
        ax.set_xlabel(variable)
        ax.set_title(what)
        ax.grid(True, alpha=0.3)
    ax_loss.legend()
    fig.suptitle(f"{name} {subtitle}".strip())
    return figure_bytes(fig, fmt)
