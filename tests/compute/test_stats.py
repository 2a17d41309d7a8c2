"""Gradient-tensor statistics against hand-computed answers and math.fsum references."""

from __future__ import annotations

import math

import numpy as np
import pytest

from service.compute.errors import InvalidInputError
from service.compute.inspect.stats import (
    HIST_HIGH,
    HIST_LOW,
    StatsThresholds,
    inspect_stats,
    tensor_stats,
)


def test_known_small_tensor() -> None:
    g = np.array([[3.0, -4.0], [0.0, 0.0]])
    s = tensor_stats(g)
    assert s["shape"] == [2, 2]
    assert s["count"] == 4 and s["finite_count"] == 4
    assert s["l1"] == 7.0
    assert s["l2"] == 5.0
    assert s["linf"] == 4.0
    assert s["rms"] == 2.5
    assert s["mean"] == -0.25
    # population std: values 3, -4, 0, 0 around -0.25
    assert s["std"] == pytest.approx(math.sqrt((3.25**2 + 3.75**2 + 2 * 0.25**2) / 4), rel=1e-15)
    assert s["min"] == -4.0 and s["max"] == 3.0
    assert s["zero_fraction"] == 0.5
    assert s["nan_count"] == s["inf_count"] == 0
    h = s["histogram"]
    assert h["zeros"] == 2 and h["underflow"] == 0 and h["overflow"] == 0
    assert h["log10_edges"][0] == HIST_LOW and h["log10_edges"][-1] == HIST_HIGH
    # 3 and 4 both in [1, 10): decade 0
    expected = [0] * (HIST_HIGH - HIST_LOW)
    expected[0 - HIST_LOW] = 2
    assert h["counts"] == expected
    assert s["verdict"] == "ok"


def test_nan_and_inf_counted_and_excluded() -> None:
    g = np.array([1.0, np.nan, np.inf, -np.inf, -np.inf, 2.0, np.nan, 0.0])
    s = tensor_stats(g)
    assert s["count"] == 8
    assert s["nan_count"] == 2
    assert s["inf_count"] == 3
    assert s["posinf_count"] == 1 and s["neginf_count"] == 2
    assert s["finite_count"] == 3
    assert s["l1"] == 3.0
    assert s["l2"] == math.sqrt(5.0)
    assert s["mean"] == 1.0
    assert s["min"] == 0.0 and s["max"] == 2.0
    assert s["zero_fraction"] == 1 / 8
    assert sum(s["histogram"]["counts"]) == 2
    assert s["verdict"] == "nonfinite"


def test_all_nonfinite_has_null_moments() -> None:
    s = tensor_stats(np.array([np.nan, np.inf]))
    assert s["mean"] is None and s["std"] is None and s["min"] is None and s["max"] is None
    assert s["l2"] == 0.0 and s["verdict"] == "nonfinite"


def test_empty_tensor() -> None:
    s = tensor_stats(np.zeros((0, 3)))
    assert s["count"] == 0 and s["shape"] == [0, 3]
    assert s["verdict"] == "ok" and s["mean"] is None and s["zero_fraction"] == 0.0


def test_histogram_decades_exact_at_boundaries() -> None:
    # exact decade boundaries and their neighbours; float64 and float32
    for dtype in (np.float64, np.float32):
        vals = []
        expected: dict[int, int] = {}
        for k in range(-8, 6):
            b = dtype(10.0**k)
            if float(b) < 10.0**k:  # the float nearest 10^k may sit just below it
                b = np.nextafter(b, dtype(np.inf))
            below = np.nextafter(b, dtype(0))
            vals += [b, -below]
            expected[k] = expected.get(k, 0) + 1
            expected[k - 1] = expected.get(k - 1, 0) + 1
        g = np.array(vals, dtype=dtype)
        counts = tensor_stats(g)["histogram"]["counts"]
        for k, n in expected.items():
            assert counts[k - HIST_LOW] == n, (dtype, k)
        assert sum(counts) == g.size


def test_histogram_under_and_overflow() -> None:
    g = np.array([1e-35, 5e-300, 1e10, 3e12, 9.99e9, 0.0, -0.0])
    h = tensor_stats(g)["histogram"]
    assert h["underflow"] == 2
    assert h["overflow"] == 2
    assert h["zeros"] == 2
    assert h["counts"][9 - HIST_LOW] == 1
    # float32 subnormals are underflow too
    h32 = tensor_stats(np.array([1e-42, 1e-39], dtype=np.float32))["histogram"]
    assert h32["underflow"] == 2


def test_histogram_matches_log10_on_random_data() -> None:
    rng = np.random.default_rng(3)
    g = rng.standard_normal(200_000) * 10.0 ** rng.uniform(-25, 8, 200_000)
    counts = tensor_stats(g)["histogram"]["counts"]
    k = np.floor(np.log10(np.abs(g))).astype(int)
    ref = np.bincount(k - HIST_LOW, minlength=HIST_HIGH - HIST_LOW)
    # log10 may round a value within an ulp of a boundary into the next decade
    assert np.abs(np.array(counts) - ref).sum() <= 4


def test_float32_accumulates_in_float64() -> None:
    rng = np.random.default_rng(0)
    g = (rng.standard_normal(300_000) + 3.0).astype(np.float32)  # > one chunk, mean far from 0
    s = tensor_stats(g)
    vals = g.astype(np.float64).tolist()
    n = len(vals)
    mean = math.fsum(vals) / n
    std = math.sqrt(math.fsum((v - mean) ** 2 for v in vals) / n)
    assert s["mean"] == pytest.approx(mean, rel=1e-12)
    assert s["std"] == pytest.approx(std, rel=1e-12)
    assert s["l1"] == pytest.approx(math.fsum(abs(v) for v in vals), rel=1e-12)
    assert s["l2"] == pytest.approx(math.sqrt(math.fsum(v * v for v in vals)), rel=1e-12)
    assert s["max"] == float(g.max()) and s["min"] == float(g.min())


def test_huge_and_tiny_values_do_not_overflow() -> None:
    big = tensor_stats(np.array([1e200, -1e200, 1e200]))
    assert big["l2"] == pytest.approx(math.sqrt(3) * 1e200, rel=1e-14)
    assert big["std"] == pytest.approx(math.sqrt(8 / 9) * 1e200, rel=1e-14)
    tiny = tensor_stats(np.array([3e-200, 4e-200]))
    assert tiny["l2"] == pytest.approx(5e-200, rel=1e-14)
    assert tiny["verdict"] == "vanishing"


@pytest.mark.parametrize(
    ("values", "verdict"),
    [
        ([0.0, 0.0], "vanishing"),
        ([1e-9, 0.0], "vanishing"),
        ([1.0, -2.0], "ok"),
        ([1e4, 0.0], "exploding"),
        ([1.0, np.nan], "nonfinite"),
        ([1e9, np.inf], "nonfinite"),
    ],
)
def test_verdicts_default_thresholds(values: list[float], verdict: str) -> None:
    assert tensor_stats(np.array(values))["verdict"] == verdict


def test_configurable_thresholds_and_norm() -> None:
    g = np.full(10_000, 0.1)  # l2 = 10, rms = 0.1, linf = 0.1
    assert tensor_stats(g, StatsThresholds(exploding=5.0))["verdict"] == "exploding"
    assert tensor_stats(g, StatsThresholds(exploding=5.0, norm="rms"))["verdict"] == "ok"
    assert tensor_stats(g, StatsThresholds(vanishing=0.5, norm="linf"))["verdict"] == "vanishing"


def test_global_norm_and_overall_verdict() -> None:
    r = inspect_stats({"w": np.array([3.0, 0.0]), "b": np.array([[4.0]])})
    assert r["global_norm"] == 5.0
    assert r["count"] == 3
    assert r["verdict"] == "ok" and r["worst_tensor"] is None
    r = inspect_stats({"w": np.array([1.0]), "dead": np.zeros(5), "bad": np.array([np.nan])})
    assert r["tensors"]["dead"]["verdict"] == "vanishing"
    assert r["verdict"] == "nonfinite" and r["worst_tensor"] == "bad"
    # each tensor ok, together above the threshold
    r = inspect_stats({"a": np.array([800.0]), "b": np.array([800.0])})
    assert [t["verdict"] for t in r["tensors"].values()] == ["ok", "ok"]
    assert r["global_norm"] == pytest.approx(800 * math.sqrt(2))
    assert r["verdict"] == "exploding" and r["worst_tensor"] is None


def test_global_norm_of_huge_tensors() -> None:
    r = inspect_stats({"a": np.array([1e300]), "b": np.array([1e300])})
    assert r["global_norm"] == pytest.approx(math.sqrt(2) * 1e300)


@pytest.mark.parametrize(
    ("th", "loc"),
    [
        (StatsThresholds(vanishing=-1.0), ("thresholds", "vanishing")),
        (StatsThresholds(exploding=math.inf), ("thresholds", "exploding")),
        (StatsThresholds(vanishing=10.0, exploding=1.0), ("thresholds", "vanishing")),
        (StatsThresholds(norm="l3"), ("thresholds", "norm")),
    ],
)
def test_bad_thresholds(th: StatsThresholds, loc: tuple[str, ...]) -> None:
    with pytest.raises(InvalidInputError) as e:
        inspect_stats({"g": np.ones(2)}, th)
    assert e.value.loc == loc


def test_no_tensors() -> None:
    with pytest.raises(InvalidInputError) as e:
        inspect_stats({})
    assert e.value.loc == ("tensors",)


def test_integer_and_0d_input() -> None:
    s = tensor_stats(np.array(-2))
    assert s["shape"] == [] and s["count"] == 1 and s["l2"] == 2.0 and s["mean"] == -2.0


def test_largest_doubles() -> None:
    s = tensor_stats(np.array([1.7e308, -1.7e308]))
    assert s["l2"] == pytest.approx(math.sqrt(2) * 1.7e308)
    assert s["l1"] == math.inf  # the true sum is beyond float64
    assert s["verdict"] == "exploding"
