"""Issue 12's activations (service/compute/activations/_more.py): golden values from torch
(gumbel_softmax with torch's own noise) and jax.nn (log1mexp), central differences, float32,
special values, the count of the catalog.

Expected values come from tests/fixtures/activations_more_golden.json
(gen_activations_more.py) or central differences, never from the code under test.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute.activations import ACTIVATIONS, evaluate
from service.compute.errors import InvalidInputError

GOLDEN = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "activations_more_golden.json").read_text()
)
GUMBEL = GOLDEN["torch_section"]["gumbel_softmax"]
L1ME = GOLDEN["jax_section"]["log1mexp"]


def dec(v: Any) -> np.ndarray:
    def conv(x: Any) -> Any:
        if isinstance(x, list):
            return [conv(y) for y in x]
        return {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}.get(x, x)

    return np.asarray(conv(v), dtype=np.float64)


def test_at_least_37_activations() -> None:
    assert len(ACTIVATIONS) >= 37
    assert {"log1mexp", "gumbel_softmax"} <= set(ACTIVATIONS.names())


@pytest.mark.parametrize("i", range(len(GUMBEL)))
def test_gumbel_softmax_equals_torch_with_torch_noise(i: int) -> None:
    c = GUMBEL[i]
    out = evaluate(
        "gumbel_softmax",
        np.asarray(c["x"]),
        c["params"],
        axis=c["axis"],
        grad_output=np.asarray(c["grad_output"]),
        outputs=["value", "vjp", "jacobian"],
    )
    np.testing.assert_allclose(out["value"], c["value"], rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(out["vjp"], c["vjp"], rtol=1e-12, atol=1e-15)
    # the Jacobian contracted with grad_output is the VJP (layout y.shape + (n,))
    x = np.asarray(c["x"])
    a = c["axis"] % x.ndim
    jm = np.moveaxis(out["jacobian"], a, -2)  # (..., i, j)
    gm = np.moveaxis(np.asarray(c["grad_output"]), a, -1)
    vjp = np.moveaxis(np.einsum("...i,...ij->...j", gm, jm), -1, a)
    np.testing.assert_allclose(vjp, c["vjp"], rtol=1e-10, atol=1e-14)


def test_gumbel_softmax_float32_and_seeded_noise() -> None:
    c = GUMBEL[0]
    out = evaluate("gumbel_softmax", np.asarray(c["x"]), c["params"], dtype=np.float32)
    assert out["value"].dtype == np.float32
    np.testing.assert_allclose(out["value"], c["value"], rtol=2e-6, atol=1e-7)
    x = np.zeros((2, 4))
    a = evaluate("gumbel_softmax", x, {"seed": 7})["value"]
    b = evaluate("gumbel_softmax", x, {"seed": 7})["value"]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, evaluate("gumbel_softmax", x, {"seed": 8})["value"])
    np.testing.assert_allclose(a.sum(-1), 1.0, rtol=1e-15)
    with pytest.raises(InvalidInputError) as exc:
        evaluate("gumbel_softmax", x, {"gumbels": [[0.0, 1.0]]})
    assert exc.value.loc == ("params", "gumbels")


def test_gumbel_softmax_vjp_matches_central_differences() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 5))
    prm = {"tau": 0.7, "gumbels": rng.normal(size=(2, 5)).tolist()}
    g = rng.normal(size=(2, 5))
    vjp = evaluate("gumbel_softmax", x, prm, grad_output=g, outputs=["vjp"])["vjp"]
    num = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        u, d = x.copy(), x.copy()
        u[i] += 1e-6
        d[i] -= 1e-6
        fu = np.sum(g * evaluate("gumbel_softmax", u, prm)["value"])
        fd = np.sum(g * evaluate("gumbel_softmax", d, prm)["value"])
        num[i] = (fu - fd) / 2e-6
    np.testing.assert_allclose(vjp, num, rtol=1e-7, atol=1e-9)


def test_log1mexp_equals_jax() -> None:
    x = dec(L1ME["x"])
    out = evaluate("log1mexp", x, outputs=["value", "derivative", "second_derivative"])
    np.testing.assert_allclose(out["value"], dec(L1ME["value"]), rtol=1e-12, atol=0)
    np.testing.assert_allclose(out["derivative"], dec(L1ME["derivative"]), rtol=1e-12, atol=0)
    d2, ref = out["second_derivative"], dec(L1ME["second_derivative"])
    # jax's double grad underflows to -0.0 at x = 700 and is NaN at +inf; the limit is 0-
    ok = np.isfinite(ref) & (ref != 0)
    np.testing.assert_allclose(d2[ok], ref[ok], rtol=1e-12)
    i700 = list(x).index(700.0)
    assert d2[i700] == pytest.approx(-math.exp(-700.0), rel=1e-12)
    assert d2[list(x).index(math.inf)] == 0.0


def test_log1mexp_central_differences_and_special_values() -> None:
    x = np.array([0.01, 0.3, 0.69, 0.7, 2.0, 15.0])
    out = evaluate("log1mexp", x, outputs=["value", "derivative", "second_derivative"])
    h = 1e-7 * np.maximum(x, 1e-3)
    fu = evaluate("log1mexp", x + h)["value"]
    fd = evaluate("log1mexp", x - h)["value"]
    np.testing.assert_allclose(out["derivative"], (fu - fd) / (2 * h), rtol=1e-6)
    du = evaluate("log1mexp", x + h)["derivative"]
    dd = evaluate("log1mexp", x - h)["derivative"]
    np.testing.assert_allclose(out["second_derivative"], (du - dd) / (2 * h), rtol=1e-5)
    s = evaluate("log1mexp", np.array([0.0, -1.0, np.nan, -np.inf, np.inf]))
    assert s["value"][0] == -np.inf and s["derivative"][0] == np.inf
    assert np.isnan(s["value"][1:4]).all() and np.isnan(s["derivative"][1:4]).all()
    assert s["value"][4] == 0.0 and s["derivative"][4] == 0.0
    f32 = evaluate("log1mexp", x.astype(np.float32), dtype=np.float32)
    assert f32["value"].dtype == np.float32
    np.testing.assert_allclose(f32["value"], out["value"], rtol=2e-6)


def test_catalog_text() -> None:
    for name in ("log1mexp", "gumbel_softmax"):
        c = ACTIVATIONS.get(name).catalog()
        assert c["formula"] and c["derivative"] and c["differences"] and c["nonfinite"]["rule"]
    assert ACTIVATIONS.get("log1mexp").catalog()["second_derivative"]
