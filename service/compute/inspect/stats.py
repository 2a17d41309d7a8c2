"""Summary statistics of gradient tensors, with a health verdict.

For each tensor ``g`` (any shape, float32 or float64; other dtypes are read as float64):

* ``count`` = number of elements, ``nan_count``, ``inf_count`` (``posinf_count`` +
  ``neginf_count``), ``finite_count``;
* over the **finite** elements only: ``l1`` = Σ|g|, ``l2`` = √Σg², ``linf`` = max|g|,
  ``rms`` = l2 / √finite_count, ``mean``, ``std`` (population, ddof = 0, like NumPy's ``std``;
  ``torch.std`` defaults to the unbiased ddof = 1), ``min``, ``max``, and ``zero_fraction``
  (exact zeros, ±0, over ``count``);
* ``histogram``: counts of ⌊log10|g|⌋ on fixed one-decade bins [10^k, 10^(k+1)) for
  k = HIST_LOW … HIST_HIGH − 1, plus ``underflow`` (0 < |g| < 10^HIST_LOW), ``overflow``
  (finite |g| ≥ 10^HIST_HIGH) and ``zeros``. The bin of each element is decided exactly (the
  float's exponent bits and one threshold per binary exponent), never by a rounded log10.

Sums are accumulated in float64 over cache-sized chunks (pairwise summation inside a chunk), and
the variance is combined across chunks with Chan's parallel formula, so float32 input does not
lose digits. Magnitudes beyond 1e±150 are rescaled by a power of two before squaring, so ``l2``
and ``std`` do not overflow or underflow.

Verdict of a tensor, in order: ``nonfinite`` (any NaN or ±Inf), ``exploding`` (the measured norm
> ``thresholds.exploding``), ``vanishing`` (the norm < ``thresholds.vanishing``; an all-zero
tensor is vanishing), else ``ok``. ``thresholds.norm`` picks the norm compared: ``l2``
(default; the quantity ``torch.nn.utils.clip_grad_norm_`` and ``optax.clip_by_global_norm``
look at), ``rms`` (size-independent) or ``linf``. An empty tensor is ``ok`` with null moments.

The report also gives ``global_norm`` = √Σ over all tensors of Σg² over finite elements
(``optax.global_norm``; torch's clip_grad_norm_ returns NaN as soon as one element is NaN, here
the NaN is reported by the verdict instead) and an overall ``verdict``: the most severe of the
tensors' verdicts (nonfinite > exploding > vanishing > ok), and ``exploding`` also when the global
norm (for ``norm: l2``; the global RMS or max for ``rms``/``linf``) exceeds ``exploding``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from service.compute.errors import InvalidInputError
from service.compute.params import check_number

HIST_LOW = -30
HIST_HIGH = 10
CHUNK = 1 << 16

Verdict = Literal["ok", "vanishing", "exploding", "nonfinite"]
SEVERITY: dict[str, int] = {"ok": 0, "vanishing": 1, "exploding": 2, "nonfinite": 3}
NORMS = ("l2", "rms", "linf")


@dataclass(frozen=True)
class StatsThresholds:
    """Verdict thresholds on the chosen norm of each tensor (see the module docstring)."""

    vanishing: float = 1e-7
    exploding: float = 1e3
    norm: str = "l2"

    def check(self, loc: tuple[str | int, ...] = ("thresholds",)) -> StatsThresholds:
        for name in ("vanishing", "exploding"):
            check_number(getattr(self, name), (*loc, name))
        if self.vanishing > self.exploding:
            raise InvalidInputError(
                f"expected vanishing <= exploding, got vanishing={self.vanishing!r} > "
                f"exploding={self.exploding!r}",
                (*loc, "vanishing"),
            )
        if self.norm not in NORMS:
            raise InvalidInputError(
                f"expected one of {', '.join(NORMS)}, got {self.norm!r}", (*loc, "norm")
            )
        return self


# --------------------------------------------------------------------------------------------
# exact decade binning from the float's bits


@dataclass(frozen=True)
class _DecadeTable:
    """Per binary exponent e: the decade k with 10^k <= 2^e, and the bit pattern of the smallest
    float >= 10^(k+1) when that boundary falls inside [2^e, 2^(e+1)) (else a sentinel)."""

    int_dtype: type[np.signedinteger[Any]]
    mant_bits: int
    abs_mask: int
    threshold: np.ndarray  # bit pattern per exponent
    decade: np.ndarray  # decade per (2 * exponent + above_threshold), clipped to the bin range


def _decade_table(ftype: type[np.floating[Any]]) -> _DecadeTable:
    info = np.finfo(ftype)
    int_dtype: type[np.signedinteger[Any]] = np.int32 if ftype is np.float32 else np.int64
    mant = int(info.nmant)
    n_exp = 1 << (info.bits - 1 - mant)
    bias = n_exp // 2 - 1
    sentinel = np.iinfo(int_dtype).max
    threshold = np.full(n_exp, sentinel, dtype=int_dtype)
    decade = np.zeros(2 * n_exp, dtype=np.int64)
    under, over = 0, HIST_HIGH - HIST_LOW + 1  # index 0 underflow, 1..nbins bins, last overflow
    for e in range(n_exp):
        if e == 0:  # zeros and subnormals (zeros are removed afterwards)
            decade[0] = decade[1] = under
            continue
        if e == n_exp - 1:  # inf / nan (removed beforehand)
            decade[2 * e] = decade[2 * e + 1] = over
            continue
        low = 2.0 ** (e - bias)
        k = math.floor(math.log10(low))
        while 10.0 ** (k + 1) <= low:  # 10.0**k is correctly rounded enough for +-1 fix-ups
            k += 1
        while 10.0**k > low:
            k -= 1
        boundary = 10.0 ** (k + 1)
        if boundary < 2.0 * low:
            f = ftype(boundary)
            if float(f) < boundary:
                f = np.nextafter(f, ftype(np.inf))
            threshold[e] = np.asarray(f, dtype=ftype).view(int_dtype)
        for above in (0, 1):
            d = k + above
            idx = under if d < HIST_LOW else over if d >= HIST_HIGH else d - HIST_LOW + 1
            decade[2 * e + above] = idx
    return _DecadeTable(int_dtype, mant, (1 << (info.bits - 1)) - 1, threshold, decade)


_TABLES: dict[type, _DecadeTable] = {}


def _table(ftype: type[np.floating[Any]]) -> _DecadeTable:
    if ftype not in _TABLES:
        _TABLES[ftype] = _decade_table(ftype)
    return _TABLES[ftype]


def _decade_counts(chunk: np.ndarray, tab: _DecadeTable) -> np.ndarray:
    """Counts per (2 * exponent + above_threshold) of the finite values in ``chunk``."""
    bits = chunk.view(tab.int_dtype) & tab.int_dtype(tab.abs_mask)
    e = bits >> tab.mant_bits
    idx = (e << 1) + (bits >= tab.threshold[e])
    return np.bincount(idx, minlength=tab.decade.size)


# --------------------------------------------------------------------------------------------
# one tensor


@dataclass
class _Acc:
    """Running float64 accumulators over chunks (sums of scaled values)."""

    n: int = 0
    total: float = 0.0
    abs_total: float = 0.0
    sq_total: float = 0.0
    mean: float = 0.0
    m2: float = 0.0

    def add(self, c: np.ndarray) -> None:
        k = c.size
        if k == 0:
            return
        s = float(c.sum())
        sq = float(np.dot(c, c))
        self.total += s
        self.sq_total += sq
        self.abs_total += float(np.abs(c).sum())
        mean_c = s / k
        d = c - mean_c
        m2_c = float(np.dot(d, d))
        n = self.n + k
        delta = mean_c - self.mean
        self.mean += delta * k / n
        self.m2 += m2_c + delta * delta * self.n * k / n
        self.n = n


def _scale_for(linf: float) -> float:
    """A power of two bringing ``linf`` near 1 when squares would leave float64's range."""
    if linf == 0.0 or 1e-150 < linf < 1e150:
        return 1.0
    return math.ldexp(1.0, math.frexp(linf)[1] - 1)  # 2^(e-1) <= linf < 2^e, never inf


def tensor_stats(g: np.ndarray, thresholds: StatsThresholds | None = None) -> dict[str, Any]:
    """Statistics and verdict of one gradient tensor (see the module docstring).

    Returns a dict with ``shape``, ``count``, ``finite_count``, ``nan_count``, ``inf_count``,
    ``posinf_count``, ``neginf_count``, ``l1``, ``l2``, ``linf``, ``rms``, ``mean``, ``std``,
    ``min``, ``max``, ``zero_fraction``, ``histogram`` and ``verdict``; moments are ``None``
    when no element is finite.
    """
    th = thresholds or StatsThresholds()
    a = np.asarray(g)
    if a.dtype not in (np.float32, np.float64):
        a = a.astype(np.float64)
    flat = np.ravel(a)
    ftype: type[np.floating[Any]] = np.float32 if a.dtype == np.float32 else np.float64
    tab = _table(ftype)
    count = int(flat.size)

    nonfinite = count - int(np.count_nonzero(np.isfinite(flat)))
    nan_count = int(np.count_nonzero(np.isnan(flat))) if nonfinite else 0
    posinf = int(np.count_nonzero(flat == np.inf)) if nonfinite else 0
    neginf = nonfinite - nan_count - posinf
    finite = flat[np.isfinite(flat)] if nonfinite else flat
    nf = int(finite.size)

    if nf:
        lo, hi = float(finite.min()), float(finite.max())
        linf = max(abs(lo), abs(hi))
    else:
        lo = hi = linf = math.nan
    zeros = nf - int(np.count_nonzero(finite))
    scale = _scale_for(linf) if nf else 1.0

    acc = _Acc()
    counts = np.zeros(tab.decade.size, dtype=np.int64)
    for start in range(0, nf, CHUNK):
        part = finite[start : start + CHUNK]
        counts += _decade_counts(part, tab)
        c64 = part.astype(np.float64)
        if scale != 1.0:
            c64 = c64 / scale
        acc.add(c64)

    hist = np.zeros(HIST_HIGH - HIST_LOW + 2, dtype=np.int64)
    np.add.at(hist, tab.decade, counts)
    hist[0] -= zeros  # zeros sit in exponent 0 with the subnormals

    l2 = math.sqrt(acc.sq_total) * scale if nf else 0.0
    l1 = acc.abs_total * scale
    mean = acc.mean * scale if nf else None
    std = math.sqrt(max(acc.m2, 0.0) / nf) * scale if nf else None
    rms = l2 / math.sqrt(nf) if nf else 0.0
    out: dict[str, Any] = {
        "shape": list(a.shape),
        "count": count,
        "finite_count": nf,
        "nan_count": nan_count,
        "inf_count": posinf + neginf,
        "posinf_count": posinf,
        "neginf_count": neginf,
        "l1": l1,
        "l2": l2,
        "linf": linf if nf else 0.0,
        "rms": rms,
        "mean": mean,
        "std": std,
        "min": lo if nf else None,
        "max": hi if nf else None,
        "zero_fraction": zeros / count if count else 0.0,
        "histogram": {
            "log10_edges": list(range(HIST_LOW, HIST_HIGH + 1)),
            "counts": hist[1:-1].tolist(),
            "underflow": int(hist[0]),
            "overflow": int(hist[-1]),
            "zeros": zeros,
        },
    }
    out["verdict"] = _verdict(out, th, empty=count == 0)
    return out


def _norm_of(stats: Mapping[str, Any], norm: str) -> float:
    return float(stats[norm])


def _verdict(stats: Mapping[str, Any], th: StatsThresholds, *, empty: bool) -> Verdict:
    if stats["nan_count"] or stats["inf_count"]:
        return "nonfinite"
    if empty:
        return "ok"
    v = _norm_of(stats, th.norm)
    if v > th.exploding:
        return "exploding"
    if v < th.vanishing:
        return "vanishing"
    return "ok"


def inspect_stats(
    tensors: Mapping[str, np.ndarray], thresholds: StatsThresholds | None = None
) -> dict[str, Any]:
    """Per-tensor statistics, the global norm and the overall verdict.

    Returns ``{"tensors": {name: stats}, "global_norm", "global_rms", "global_linf", "count",
    "verdict", "worst_tensor"}`` where ``worst_tensor`` names the first tensor with the overall
    verdict's severity (``None`` when ok, or when only the global norm explodes).
    """
    th = (thresholds or StatsThresholds()).check()
    if not tensors:
        raise InvalidInputError("expected at least one named tensor, got none", ("tensors",))
    per: dict[str, dict[str, Any]] = {}
    finite_total = 0
    count_total = 0
    linf = 0.0
    for name, g in tensors.items():
        s = tensor_stats(g, th)
        finite_total += s["finite_count"]
        count_total += s["count"]
        linf = max(linf, s["linf"])
        per[name] = s
    norms = [s["l2"] for s in per.values()]
    top = max(norms)
    global_norm = top * math.sqrt(sum((v / top) ** 2 for v in norms)) if top > 0 else 0.0
    global_rms = global_norm / math.sqrt(finite_total) if finite_total else 0.0
    overall: Verdict = "ok"
    worst: str | None = None
    for name, s in per.items():
        if SEVERITY[s["verdict"]] > SEVERITY[overall]:
            overall, worst = s["verdict"], name
    g_measure = {"l2": global_norm, "rms": global_rms, "linf": linf}[th.norm]
    if SEVERITY[overall] < SEVERITY["exploding"] and g_measure > th.exploding:
        overall, worst = "exploding", None
    return {
        "tensors": per,
        "global_norm": global_norm,
        "global_rms": global_rms,
        "global_linf": linf,
        "count": count_total,
        "verdict": overall,
        "worst_tensor": worst,
        "thresholds": {"vanishing": th.vanishing, "exploding": th.exploding, "norm": th.norm},
    }
