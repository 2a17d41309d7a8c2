"""Plots rendered with matplotlib's object-oriented API (Agg; no pyplot global state,
so concurrent requests in the threadpool do not share figures)."""

from __future__ import annotations

import io
from typing import Literal

import numpy as np
from matplotlib.figure import Figure

PlotFormat = Literal["png", "svg"]
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


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
    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot(x, value, label=f"{name}(x)", linewidth=2)
    ax.plot(x, derivative, label=f"{name}'(x)", linewidth=1.5, linestyle="--")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel("x")
    ax.set_title(f"{name} {subtitle}".strip())
    ax.grid(True, alpha=0.3)
    ax.legend()
    return figure_bytes(fig, fmt)
