"""Tests for service.compute.activations: tables over the registry.

Expected values come from outside the code under test: float64 central finite differences,
PyTorch float64 golden values and independent mpmath formulas (tests/fixtures/
activations_golden.json, written by tests/fixtures/gen_activations.py), hand-derived kink values
(PyTorch's conventions) and the limits of each function at ±inf.
"""

from __future__ import annotations

import json
import math
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute.activations import (
    ACTIVATIONS,
    OUTPUTS,
    Activation,
    catalog,
    evaluate,
    jacobian_size,
    resolve,
)
from service.compute.errors import InvalidInputError, UnknownNameError

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = json.loads((ROOT / "tests/fixtures/activations_golden.json").read_text())

ELEMENTWISE = [a.name for a in ACTIVATIONS if a.kind == "elementwise"]
VECTOR = [a.name for a in ACTIVATIONS if a.kind == "vector"]


def param_sets(name: str) -> list[dict[str, Any]]:
    """The defaults and the entry's own test parameter sets (``Activation.test_params``)."""
    return [{}, *(dict(ps) for ps in ACTIVATIONS.get(name).test_params)]


def cases(names: list[str]) -> list[Any]:
    return [pytest.param(n, ps, id=f"{n}-{i}") for n in names for i, ps in enumerate(param_sets(n))]


def dec(v: Any) -> np.ndarray:
    special = {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}

    def conv(u: Any) -> Any:
        if isinstance(u, list):
            return [conv(i) for i in u]
        return special.get(u, u) if isinstance(u, str) else u

    return np.asarray(conv(v), dtype=np.float64)


def close(actual: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> None:
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)


# --------------------------------------------------------------------------------------------
# golden values: PyTorch float64 and independent mpmath formulas

# torch computes -inf * 0 (or inf / inf) and returns NaN where the limit exists (silu, mish,
# gelu, hard_swish at -inf, softsign at ±inf, prelu with alpha = 0 at -inf); we return the limit


def golden_id(i: int, c: dict[str, Any]) -> str:
    return f"{c['name']}-{c['source']}-{i}"


# torch's hardsigmoid backward multiplies by the float32 literal 1/6 = 0.1666666716337204 even
# in float64; the service uses 1/6 exactly (constants are exact), see test_constants_are_exact
TORCH_FLOAT32_CONSTANT = {"hard_sigmoid": 3e-8}

GOLDEN_ELEMENTWISE = [
    pytest.param(c, id=golden_id(i, c))
    for i, c in enumerate(GOLDEN["cases"])
    if c["kind"] == "elementwise"
]
GOLDEN_VECTOR = [
    pytest.param(c, id=golden_id(i, c))
    for i, c in enumerate(GOLDEN["cases"])
    if c["kind"] == "vector"
]


def test_golden_fixture_covers_the_registry() -> None:
    covered = {c["name"] for c in GOLDEN["cases"]}
    # issue 12's (log1mexp from jax, gumbel_softmax from torch): gen_activations_more.py
    more = json.loads((ROOT / "tests/fixtures/activations_more_golden.json").read_text())
    covered |= {k for section in more.values() for k in section if k not in ("torch", "jax")}
    assert covered == set(ACTIVATIONS.names())
    assert (ROOT / "tests/fixtures/activations_golden.json").stat().st_size < 1_000_000


@pytest.mark.parametrize("case", GOLDEN_ELEMENTWISE)
def test_golden_elementwise(case: dict[str, Any]) -> None:
    x = dec(case["x"])
    ref_v, ref_d = dec(case["value"]), dec(case["derivative"])
    out = evaluate(case["name"], x, case["params"], outputs=["value", "derivative"])
    value, deriv = out["value"], out["derivative"]

    torch_nan_at_inf = np.isinf(x) & np.isnan(ref_v)
    assert not np.isnan(value[torch_nan_at_inf]).any()  # the limit: see test_limits_at_inf
    keep = ~torch_nan_at_inf
    close(value[keep], ref_v[keep], rtol=1e-12, atol=1e-15)

    # derivatives: torch gives 0/1/slope or NaN at NaN input by kernel accident, and NaN for
    # some products at ±inf; everywhere else the values must agree
    if case["source"] == "torch":
        assert not np.isnan(ref_d[np.isfinite(x)]).any()
    d_keep = ~np.isnan(x) & ~np.isnan(ref_d)
    rtol = TORCH_FLOAT32_CONSTANT.get(case["name"], 1e-12) if case["source"] == "torch" else 1e-12
    close(deriv[d_keep], ref_d[d_keep], rtol=rtol, atol=1e-15)
    assert np.isnan(value[np.isnan(x)]).all() and np.isnan(deriv[np.isnan(x)]).all()


@pytest.mark.parametrize("case", GOLDEN_VECTOR)
def test_golden_vector(case: dict[str, Any]) -> None:
    x = dec(case["x"])
    out = evaluate(
        case["name"],
        x,
        case["params"],
        axis=case["axis"],
        grad_output=dec(case["grad_output"]),
        outputs=["value", "jacobian", "vjp"],
    )
    close(out["value"], dec(case["value"]), rtol=1e-12, atol=1e-15)
    ref_j = dec(case["jacobian"])
    # torch.autograd.functional.jacobian builds each row from a VJP with a one-hot cotangent, so
    # an inf or NaN input turns structurally-zero entries into 0 * inf = NaN; ours stay 0
    artefact = np.isnan(ref_j) & (out["jacobian"] == 0) & ~np.isfinite(x).all()
    if case["source"] == "torch":
        ref_j = np.where(artefact, 0.0, ref_j)
    close(out["jacobian"], ref_j, rtol=1e-10, atol=1e-14)
    close(out["vjp"], dec(case["vjp"]), rtol=1e-10, atol=1e-13)


def test_golden_prelu_per_channel() -> None:
    (case,) = [c for c in GOLDEN["cases"] if c["kind"] == "prelu_channels"]
    out = evaluate(
        "prelu",
        dec(case["x"]),
        {"alpha": case["params"]["alpha"]},
        grad_output=dec(case["grad_output"]),
        outputs=["value", "vjp", "param_grads"],
    )
    close(out["value"], dec(case["value"]), rtol=1e-14, atol=0)
    close(out["vjp"], dec(case["vjp"]), rtol=1e-14, atol=0)
    close(out["param_grads"]["alpha"], dec(case["param_grads"]["alpha"]), rtol=1e-12, atol=1e-14)


# --------------------------------------------------------------------------------------------
# finite differences (float64, central, away from kinks)


def fd_points(act: Activation, p: dict[str, Any]) -> np.ndarray:
    x = np.concatenate([np.linspace(-7.0, 7.0, 141) + 0.0123, [-25.0, -12.5, 12.5, 25.0]])
    for k in act.kink_points(p):
        x = x[np.abs(x - k) > 1e-3]
    lo, hi = act.domain
    return x[(x > lo + 1e-3) & (x < hi - 1e-3)]


def central_fd(f: Any, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    h = 1e-6 * np.maximum(1.0, np.abs(x))
    return (f(x + h) - f(x - h)) / (2 * h), h


@pytest.mark.parametrize(("name", "params"), cases(ELEMENTWISE))
def test_derivative_and_vjp_match_finite_differences(name: str, params: dict[str, Any]) -> None:
    act, p = resolve(name, params)
    x = fd_points(act, p)
    fd, _ = central_fd(lambda t: act.forward(t, p, -1), x)
    out = evaluate(
        name, x, params, grad_output=np.linspace(-2, 3, x.size), outputs=["derivative", "vjp"]
    )
    tol = 1e-6 * np.maximum(1.0, np.abs(fd))
    assert np.all(np.abs(out["derivative"] - fd) <= tol), name
    assert np.all(np.abs(out["vjp"] - np.linspace(-2, 3, x.size) * fd) <= 3 * tol), name


def fd_jacobian(act: Activation, x: np.ndarray, p: dict[str, Any], axis: int) -> np.ndarray:
    """Full numerical Jacobian rearranged into the public layout (y.shape + [n])."""
    y = act.forward(x, p, axis)
    a = axis % x.ndim
    n = x.shape[a]
    full = np.zeros((*y.shape, *x.shape))
    h = 1e-6
    for idx in np.ndindex(*x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += h
        xm[idx] -= h
        full[(..., *idx)] = (act.forward(xp, p, axis) - act.forward(xm, p, axis)) / (2 * h)
    out = np.zeros((*y.shape, n))
    for o in np.ndindex(*y.shape):
        for j in range(n):
            xi = list(o)
            xi[a] = j
            out[(*o, j)] = full[(*o, *xi)]
    return out


@pytest.mark.parametrize(("name", "params"), cases(VECTOR))
@pytest.mark.parametrize(("shape", "axis"), [((3, 6), -1), ((6, 2), 0), ((2, 6, 2), 1)])
def test_vector_jacobian_and_vjp_match_finite_differences(
    name: str, params: dict[str, Any], shape: tuple[int, ...], axis: int
) -> None:
    act, p = resolve(name, params)
    # a seed stable across processes (hash() of a str is salted per process)
    rng = np.random.default_rng(zlib.crc32(f"{name}{shape}".encode()))
    x = rng.normal(size=shape) * 1.5
    fd = fd_jacobian(act, x, p, axis)
    g = rng.normal(size=act.forward(x, p, axis).shape)
    out = evaluate(name, x, params, axis=axis, grad_output=g, outputs=["jacobian", "vjp"])
    assert out["jacobian"].shape == fd.shape
    np.testing.assert_allclose(out["jacobian"], fd, rtol=1e-6, atol=1e-7)
    # VJP: g^T J, contracted over the output index along axis
    gm = np.moveaxis(g, axis % x.ndim, -1)
    jm = np.moveaxis(fd, axis % x.ndim, -2)
    expected = np.moveaxis(np.einsum("...i,...ij->...j", gm, jm), -1, axis % x.ndim)
    np.testing.assert_allclose(out["vjp"], expected, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize(
    ("alpha", "shape"),
    [(0.25, (7,)), ([-0.3], (2, 3)), ([0.1, 0.7, -0.2], (4, 3, 2)), ([0.5, 0.0], (3, 2))],
)
def test_prelu_param_grads_match_finite_differences(alpha: Any, shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=shape)
    g = rng.normal(size=shape)
    a = np.asarray(alpha, dtype=np.float64)
    got = evaluate("prelu", x, {"alpha": alpha}, grad_output=g, outputs=["param_grads"])
    ga = got["param_grads"]["alpha"]
    assert ga.shape == a.shape
    h = 1e-6
    expected = np.zeros(a.shape)
    for idx in np.ndindex(*a.shape):
        ap, am = a.copy(), a.copy()
        ap[idx] += h
        am[idx] -= h
        lp = np.sum(g * evaluate("prelu", x, {"alpha": ap}, outputs=["value"])["value"])
        lm = np.sum(g * evaluate("prelu", x, {"alpha": am}, outputs=["value"])["value"])
        expected[idx] = (lp - lm) / (2 * h)
    np.testing.assert_allclose(ga, expected, rtol=1e-7, atol=1e-8)


# --------------------------------------------------------------------------------------------
# kinks (the PyTorch convention unless the function has no torch version)

KINKS: list[tuple[str, dict[str, Any], float, float]] = [
    ("step", {}, 0.0, 0.0),
    ("relu", {}, 0.0, 0.0),
    ("leaky_relu", {}, 0.0, 0.1),
    ("leaky_relu", {"negative_slope": 0.01}, 0.0, 0.01),
    ("prelu", {}, 0.0, 0.25),
    ("rrelu", {}, 0.0, (1 / 8 + 1 / 3) / 2),
    ("relu6", {}, 0.0, 0.0),
    ("relu6", {}, 6.0, 0.0),
    ("elu", {}, 0.0, 1.0),
    ("elu", {"alpha": 0.5}, 0.0, 0.5),
    ("celu", {"alpha": 0.5}, 0.0, 1.0),
    ("selu", {}, 0.0, 1.7580993408473766),
    ("hard_tanh", {}, -1.0, 0.0),
    ("hard_tanh", {}, 1.0, 0.0),
    ("hard_sigmoid", {}, -3.0, 0.0),
    ("hard_sigmoid", {}, 3.0, 0.0),
    ("hard_swish", {}, -3.0, 0.0),
    ("hard_swish", {}, 3.0, 1.0),
    ("hard_shrink", {}, 0.5, 0.0),
    ("hard_shrink", {}, -0.5, 0.0),
    ("soft_shrink", {}, 0.5, 0.0),
    ("soft_shrink", {}, -0.5, 0.0),
    ("threshold", {"threshold": 0.5, "value": 2.0}, 0.5, 0.0),
    ("softplus", {}, 20.0, 0.9999999979388464),
    ("softplus", {}, 20.0 + 1e-7, 1.0),
    ("mish", {}, 0.0, 0.6),
    ("sparse_sigmoid", {}, -1.0, 0.25),
    ("sparse_sigmoid", {}, 1.0, 0.25),
    ("sparse_plus", {}, -1.0, 0.0),
    ("sparse_plus", {}, 1.0, 1.0),
    ("squareplus", {"b": 0.0}, 0.0, 0.5),
]


@pytest.mark.parametrize(("name", "params", "x", "expected"), KINKS)
def test_kink_values(name: str, params: dict[str, Any], x: float, expected: float) -> None:
    d = evaluate(name, np.array([x]), params, outputs=["derivative"])["derivative"]
    assert d[0] == pytest.approx(expected, rel=1e-15, abs=0)


def test_softplus_threshold_is_strict_and_returns_x() -> None:
    v = evaluate("softplus", np.array([20.0, 20.0 + 1e-7]), outputs=["value"])["value"]
    assert v[0] == pytest.approx(20.000000002061154, rel=1e-15)  # log1p(e^20)
    assert v[1] == 20.0 + 1e-7


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_kink_points_are_where_the_derivative_jumps(name: str) -> None:
    """Every declared kink shows a jump of f' (or of f) across it; smooth ones declare none."""
    act, p = resolve(name, {})
    pts = act.kink_points(p)
    if act.smooth:
        assert pts == [], "smooth functions have no kinks at their defaults"
    if not pts:
        return
    for k in pts:
        d = evaluate(name, np.array([k - 1e-7, k + 1e-7]), outputs=["derivative"])["derivative"]
        v = evaluate(name, np.array([k - 1e-7, k + 1e-7]), outputs=["value"])["value"]
        assert abs(d[1] - d[0]) > 1e-10 or abs(v[1] - v[0]) > 1e-6, (name, k)


# --------------------------------------------------------------------------------------------
# special points: finite in -> finite out, NaN in -> NaN out, ±inf -> the limit; no warnings

SPECIAL = np.array([0.0, 1e-8, -1e-8, 1.0, -1.0, 30.0, -30.0, 1000.0, -1000.0])
OVERFLOWS = {"exponential"}  # e^1000 = inf is the true (rounded) value


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("name", "params"), cases(ELEMENTWISE))
def test_special_points_elementwise(name: str, params: dict[str, Any], dtype: Any) -> None:
    x = np.concatenate([SPECIAL, [np.inf, -np.inf, np.nan]]).astype(dtype)
    lo, hi = ACTIVATIONS.get(name).domain  # log1mexp: (0, inf) inside, -inf at 0
    x = x[np.isnan(x) | ((x > lo) & (x < hi)) | (np.isinf(x) & (x >= lo) & (x <= hi))]
    out = evaluate(name, x, params, dtype=dtype, outputs=["value", "derivative", "vjp"])
    finite = np.isfinite(x)
    for key in ("value", "derivative", "vjp"):
        r = out[key]
        assert r.dtype == dtype and r.shape == x.shape
        ok = np.isfinite(r[finite])
        if name in OVERFLOWS:
            ok |= x[finite] > 80
        assert ok.all(), (key, x[finite][~ok], r[finite][~ok])
        assert np.isnan(r[np.isnan(x)]).all(), key
        assert not np.isnan(r[np.isinf(x)]).any(), (key, r[np.isinf(x)])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("name", "params"), cases(ELEMENTWISE))
def test_limits_at_inf(name: str, params: dict[str, Any], dtype: Any) -> None:
    """f(±inf) and f'(±inf) equal f and f' at ±1e12 (or are ±inf where those are huge)."""
    lo, hi = ACTIVATIONS.get(name).domain
    keep = [v for v in (1.0, -1.0) if lo <= v * np.inf <= hi]
    big = np.array([1e12 * v for v in keep], dtype=dtype)
    at_inf = evaluate(name, np.array([np.inf * v for v in keep], dtype=dtype), params, dtype=dtype)
    at_big = evaluate(name, big, params, dtype=dtype)
    for key in ("value", "derivative"):
        for got, ref in zip(at_inf[key], at_big[key], strict=True):
            if np.isfinite(ref) and abs(ref) < 1e6:
                assert got == pytest.approx(ref, rel=1e-5, abs=1e-6), (key, got, ref)
            else:
                assert np.isinf(got) and np.sign(got) == np.sign(ref), (key, got, ref)


STABLE = {
    "sigmoid": ([1000.0, -1000.0], [1.0, 0.0]),
    "softplus": ([1000.0, -1000.0], [1000.0, 0.0]),
    "log_sigmoid": ([1000.0, -1000.0], [0.0, -1000.0]),
    "silu": ([1000.0, -1000.0], [1000.0, 0.0]),
    "mish": ([1000.0, -1000.0], [1000.0, 0.0]),
    "gelu": ([-40.0, 40.0], [0.0, 40.0]),
    "exponential": ([1000.0, -1000.0], [np.inf, 0.0]),
    "softsign": ([1e300, -1e300], [1.0, -1.0]),
    "squareplus": ([-1e300, 1e300], [1e-300, 1e300]),
}


@pytest.mark.parametrize("name", sorted(STABLE))
def test_stable_forms_at_large_inputs(name: str) -> None:
    x, expected = STABLE[name]
    v = evaluate(name, np.array(x), outputs=["value"])["value"]
    np.testing.assert_allclose(v, expected, rtol=1e-12, atol=0)


def test_gelu_tanh_left_tail_has_no_cancellation() -> None:
    # x (1 + tanh u) / 2 with u -> -inf: the service evaluates x sigma(2u); compare with mpmath-
    # free closed form of the same tail: 0.5 x (1 + tanh u) = x / (1 + e^{-2u})
    x = np.array([-8.0, -10.0])
    u = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
    expected = x / (1 + np.exp(-2 * u))
    v = evaluate("gelu", x, {"approximate": "tanh"}, outputs=["value"])["value"]
    np.testing.assert_allclose(v, expected, rtol=1e-12)
    assert (v < 0).all()


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin", "sparsemax"])
def test_vector_large_inputs_are_finite(name: str) -> None:
    x = np.array([[1000.0, -1000.0, 0.0], [1e300, -1e300, 0.0]])
    out = evaluate(name, x, outputs=["value", "jacobian", "vjp"])
    for key, r in out.items():
        assert np.isfinite(r).all(), (key, r)
    if name in ("softmax", "softmin", "sparsemax"):
        np.testing.assert_allclose(out["value"].sum(axis=-1), 1.0, rtol=1e-15)


def test_softmax_of_1000_minus_1000_0() -> None:
    out = evaluate("softmax", np.array([1000.0, -1000.0, 0.0]))
    np.testing.assert_array_equal(out["value"], [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(out["jacobian"], np.zeros((3, 3)))


@pytest.mark.parametrize("name", VECTOR)
def test_vector_nonfinite_rows(name: str) -> None:
    """NaN anywhere in a slice -> NaN slice; +inf behaves as in torch (NaN for the softmaxes)."""
    params = {"pieces": 2} if name == "maxout" else {}
    x = np.array([[np.nan, 0.0, 1.0, 2.0], [0.5, -1.0, 1.0, 2.0]])
    out = evaluate(name, x, params, outputs=["value", "jacobian", "vjp"])
    if name in ("softmax", "log_softmax", "softmin", "sparsemax"):
        assert np.isnan(out["value"][0]).all()
    else:
        assert np.isnan(out["value"][0, 0])
    assert np.isfinite(out["value"][1]).all()
    assert np.isfinite(out["jacobian"][1]).all()


def test_softmax_minus_inf_entries_get_zero_probability() -> None:
    out = evaluate("softmax", np.array([-np.inf, 0.0, 0.0]), outputs=["value", "vjp"])
    np.testing.assert_array_equal(out["value"], [0.0, 0.5, 0.5])
    ls = evaluate("log_softmax", np.array([-np.inf, 0.0, 0.0]), outputs=["value"])["value"]
    np.testing.assert_allclose(ls, [-np.inf, -math.log(2), -math.log(2)])
    for name in ("softmax", "log_softmax"):
        nan_row = evaluate(name, np.array([np.inf, 0.0]), outputs=["value"])["value"]
        assert np.isnan(nan_row).all()  # torch semantics, documented
        all_neg = evaluate(name, np.array([-np.inf, -np.inf]), outputs=["value"])["value"]
        assert np.isnan(all_neg).all()


# --------------------------------------------------------------------------------------------
# shapes, dtypes, layout


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("shape", [(), (5,), (2, 3), (2, 0, 3)])
def test_elementwise_shapes_and_dtypes(name: str, shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(11)
    x64 = rng.normal(size=shape) * 3
    learnable = ACTIVATIONS.get(name).param_grads is not None
    want = ["value", "derivative", "jacobian", "vjp"]
    if learnable:
        want.append("param_grads")
    r64 = evaluate(name, x64, outputs=want)
    r32 = evaluate(name, x64.astype(np.float32), outputs=want, dtype=np.float32)
    for key in ("value", "derivative", "vjp"):
        assert r64[key].shape == shape and r64[key].dtype == np.float64
        assert r32[key].shape == shape and r32[key].dtype == np.float32
        np.testing.assert_allclose(r32[key], r64[key], rtol=2e-6, atol=2e-6)
    jshape = shape + shape[-1:] if shape else ()
    assert r64["jacobian"].shape == jshape and r32["jacobian"].dtype == np.float32
    assert jacobian_size(shape, {}, -1, name=name) == r64["jacobian"].size
    if learnable:
        assert all(v.dtype == np.float32 for v in r32["param_grads"].values())


def test_elementwise_jacobian_layout_is_diagonal_along_axis() -> None:
    x = np.arange(6.0).reshape(2, 3) - 2.5
    d = evaluate("tanh", x)["derivative"]
    for axis in (-1, 0, 1):
        j = evaluate("tanh", x, axis=axis, outputs=["jacobian"])["jacobian"]
        a = axis % 2
        assert j.shape == (2, 3, x.shape[a])
        for i0, i1, k in np.ndindex(*j.shape):
            same = (i0, i1)[a] == k
            assert j[i0, i1, k] == (d[i0, i1] if same else 0.0)


def test_elementwise_scalar_jacobian_is_the_derivative() -> None:
    out = evaluate("sigmoid", np.float64(0.0), outputs=["value", "derivative", "jacobian"])
    assert out["jacobian"].shape == () and out["jacobian"] == 0.25
    assert out["value"].shape == () and out["value"] == 0.5


@pytest.mark.parametrize(("name", "params"), cases(VECTOR))
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_vector_shapes_and_dtypes(name: str, params: dict[str, Any], dtype: Any) -> None:
    _, p = resolve(name, params)
    x = np.random.default_rng(5).normal(size=(2, 6, 3)).astype(dtype)
    out = evaluate(name, x, params, axis=1, dtype=dtype, outputs=["value", "jacobian", "vjp"])
    m = {"glu": 3, "maxout": 6 // int(p.get("pieces", 1))}.get(name, 6)
    assert out["value"].shape == (2, m, 3) and out["value"].dtype == dtype
    assert out["jacobian"].shape == (2, m, 3, 6) and out["jacobian"].dtype == dtype
    assert out["vjp"].shape == x.shape and out["vjp"].dtype == dtype
    assert jacobian_size(x.shape, p, 1, name=name) == out["jacobian"].size
    if dtype == np.float32:
        ref = evaluate(name, x.astype(np.float64), params, axis=1, outputs=["value", "vjp"])
        np.testing.assert_allclose(out["value"], ref["value"], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(out["vjp"], ref["vjp"], rtol=1e-5, atol=1e-5)


def test_default_outputs() -> None:
    assert set(evaluate("relu", np.ones(3))) == {"value", "derivative"}
    assert set(evaluate("softmax", np.ones(3))) == {"value", "jacobian"}
    assert set(evaluate("relu", np.ones(3), outputs=OUTPUTS[:4:2])) == {"value", "jacobian"}


def test_empty_inputs() -> None:
    for name in VECTOR:
        params = {"pieces": 2} if name == "maxout" else {}
        out = evaluate(name, np.zeros((3, 0)), params, outputs=["value", "jacobian", "vjp"])
        assert out["value"].shape == (3, 0) and out["vjp"].shape == (3, 0)


def test_maxout_first_maximum_on_ties() -> None:
    out = evaluate(
        "maxout", np.array([2.0, 2.0, -1.0, 5.0]), {"pieces": 2}, outputs=["value", "vjp"]
    )
    np.testing.assert_array_equal(out["value"], [2.0, 5.0])
    np.testing.assert_array_equal(out["vjp"], [1.0, 0.0, 0.0, 1.0])


def test_sparsemax_is_the_simplex_projection() -> None:
    z = np.random.default_rng(8).normal(size=(50, 7)) * 2
    p = evaluate("sparsemax", z, outputs=["value"])["value"]
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-14)
    assert (p >= 0).all()
    # KKT of argmin ||p - z||^2 on the simplex: z_i - p_i = tau on the support, <= tau off it
    for zi, pi in zip(z, p, strict=True):
        tau = (zi - pi)[pi > 0]
        np.testing.assert_allclose(tau, tau[0], atol=1e-12)
        assert (zi[pi == 0] <= tau[0] + 1e-12).all()


# --------------------------------------------------------------------------------------------
# errors


def err(excinfo: pytest.ExceptionInfo[Any]) -> tuple[tuple[Any, ...], str]:
    return excinfo.value.loc, excinfo.value.msg


def test_unknown_name_is_404_error() -> None:
    with pytest.raises(UnknownNameError) as e:
        evaluate("nope", np.ones(2))
    assert "relu" in e.value.msg and isinstance(e.value, UnknownNameError)


def test_aliases_resolve() -> None:
    assert ACTIVATIONS.get("swish").name == "silu"
    assert ACTIVATIONS.get("SiLU").name == "silu"
    assert ACTIVATIONS.get("identity").name == "linear"
    assert ACTIVATIONS.get("LeakyReLU").name == "leaky_relu"
    _, p = resolve("leaky_relu", {"negative_slope": 0.3})
    assert p == {"alpha": 0.3}
    _, p = resolve("hard_shrink", {"threshold": 0.2})
    assert p == {"lambd": 0.2}
    _, p = resolve("soft_shrink", {"threshold": 0.2})
    assert p == {"lambd": 0.2}


@pytest.mark.parametrize(
    ("name", "kwargs", "loc", "fragment"),
    [
        ("softmax", {"outputs": ["derivative"]}, ("outputs",), "jacobian"),
        ("relu", {"outputs": ["param_grads"]}, ("outputs",), "prelu"),
        ("relu", {"outputs": ["hessian"]}, ("outputs", 0), "hessian"),
        ("softmax", {"axis": 2}, ("axis",), "got 2"),
        ("relu", {"axis": -3}, ("axis",), "got -3"),
        (
            "sigmoid",
            {"grad_output": np.ones((2, 2)), "outputs": ["vjp"]},
            ("grad_output",),
            "(2, 3)",
        ),
        (
            "glu",
            {"x": np.ones((2, 4)), "grad_output": np.ones((2, 4)), "outputs": ["vjp"]},
            ("grad_output",),
            "(2, 2)",
        ),
        ("glu", {"x": np.ones((2, 5))}, ("x",), "even"),
        ("maxout", {"x": np.ones((2, 5))}, ("x",), "pieces=2"),
        ("softmax", {"x": np.float64(1.0)}, ("x",), "0-d"),
        ("prelu", {"params": {"alpha": [0.1, 0.2]}}, ("params", "alpha"), "3"),
        ("prelu", {"x": np.ones(4), "params": {"alpha": [0.1, 0.2]}}, ("params", "alpha"), "1"),
        ("leaky_relu", {"params": {"slope": 1}}, ("params", "slope"), "alpha"),
        ("hard_tanh", {"params": {"min_val": 2.0, "max_val": 1.0}}, ("params", "max_val"), "<="),
        ("rrelu", {"params": {"lower": 0.5, "upper": 0.1}}, ("params", "upper"), "lower"),
        ("celu", {"params": {"alpha": 0.0}}, ("params", "alpha"), "0"),
        ("softplus", {"params": {"beta": 0.0}}, ("params", "beta"), "beta" if False else "(0"),
        ("soft_shrink", {"params": {"lambd": -1.0}}, ("params", "lambd"), "[0"),
        ("gelu", {"params": {"approximate": "erf"}}, ("params", "approximate"), "tanh"),
        ("maxout", {"params": {"pieces": 0}}, ("params", "pieces"), "[1"),
        ("elu", {"params": {"alpha": math.inf}}, ("params", "alpha"), "finite"),
        ("relu", {"dtype": np.float16}, ("dtype",), "float16"),
    ],
)
def test_invalid_input(
    name: str, kwargs: dict[str, Any], loc: tuple[Any, ...], fragment: str
) -> None:
    kw = dict(kwargs)
    x = kw.pop("x", np.ones((2, 3)))
    params = kw.pop("params", None)
    with pytest.raises(InvalidInputError) as e:
        evaluate(name, x, params, **kw)
    got_loc, msg = err(e)
    assert got_loc == loc and fragment in msg, (got_loc, msg)
    assert not isinstance(e.value, UnknownNameError)


def test_grad_output_mismatch_names_both_shapes() -> None:
    with pytest.raises(InvalidInputError) as e:
        evaluate("relu", np.ones((2, 3)), grad_output=np.ones(3), outputs=["vjp"])
    assert "(2, 3)" in e.value.msg and "(3,)" in e.value.msg


def test_hard_tanh_equal_bounds_allowed_as_torch() -> None:
    v = evaluate("hard_tanh", np.array([-2.0, 0.0, 2.0]), {"min_val": 0.5, "max_val": 0.5})
    np.testing.assert_array_equal(v["value"], [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(v["derivative"], [0.0, 0.0, 0.0])


# --------------------------------------------------------------------------------------------
# catalog and module hygiene

TEXT_FIELDS = ("formula", "derivative", "range", "use", "differences")


@pytest.mark.parametrize("name", ACTIVATIONS.names())
def test_catalog_fields_filled(name: str) -> None:
    entry = ACTIVATIONS.get(name).catalog()
    assert entry["name"] == name
    assert entry["kind"] in ("elementwise", "vector")
    for f in TEXT_FIELDS:
        assert isinstance(entry[f], str) and entry[f].strip(), f
    for f in ("zero_centered", "monotonic", "smooth"):
        assert isinstance(entry[f], bool), f
    assert isinstance(entry["aliases"], list)
    assert entry["torch"] is None or entry["torch"].startswith("torch.")
    assert entry["keras"] is None or entry["keras"].startswith("keras.")
    assert isinstance(entry["kinks"], str)
    if not entry["smooth"]:
        assert entry["kinks"], "non-smooth functions state their kink convention"
    for prm in entry["params"]:
        assert prm["name"] and prm["description"] and "default" in prm
    json.dumps(entry, allow_nan=False)
    for alias in entry["aliases"]:
        assert ACTIVATIONS.get(alias).name == name


def test_catalog_lists_the_contract_names_and_params() -> None:
    names = {e["name"] for e in catalog()}
    required = {
        "step",
        "linear",
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "prelu",
        "elu",
        "maxout",
        "softmax",
        "relu6",
        "rrelu",
        "selu",
        "celu",
        "gelu",
        "silu",
        "mish",
        "softplus",
        "softsign",
        "log_sigmoid",
        "hard_sigmoid",
        "hard_swish",
        "hard_tanh",
        "tanh_shrink",
        "soft_shrink",
        "hard_shrink",
        "threshold",
        "sparse_plus",
        "sparse_sigmoid",
        "squareplus",
        "exponential",
        "log_softmax",
        "softmin",
        "sparsemax",
        "glu",
    }
    assert required <= names
    params = {e["name"]: {p["name"]: p["default"] for p in e["params"]} for e in catalog()}
    assert params["leaky_relu"] == {"alpha": 0.1}
    assert params["prelu"] == {"alpha": 0.25}
    assert params["elu"] == {"alpha": 1.0}
    assert params["celu"] == {"alpha": 1.0}
    assert params["gelu"] == {"approximate": "none"}
    assert params["softplus"] == {"beta": 1.0, "threshold": 20.0}
    assert params["hard_tanh"] == {"min_val": -1.0, "max_val": 1.0}
    assert params["soft_shrink"] == params["hard_shrink"] == {"lambd": 0.5}
    assert params["squareplus"] == {"b": 4.0}
    assert params["rrelu"] == {"lower": 0.125, "upper": 1 / 3}
    assert set(params["threshold"]) == {"threshold", "value"}
    assert set(params["maxout"]) == {"pieces"}
    prelu_alpha = next(p for p in catalog() if p["name"] == "prelu")["params"][0]
    assert prelu_alpha.get("learnable") is True


def test_constants_are_exact() -> None:
    from service.compute.activations import _elementwise as ew

    assert ew.SELU_ALPHA == 1.6732632423543772 and ew.SELU_SCALE == 1.0507009873554805
    assert math.sqrt(2 / math.pi) == ew.SQRT_2_OVER_PI
    v = evaluate("hard_sigmoid", np.array([0.5]), outputs=["value", "derivative"])
    assert v["value"][0] == 3.5 / 6 and v["derivative"][0] == 1 / 6
