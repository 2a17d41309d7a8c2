"""Hessian and Hessian-vector products of the issue-12 losses (margin_ranking ... tversky).

The Hessian is with respect to the main input (x1, anchor or y_pred) with every other input
held fixed. Expected values come from PyTorch (tests/fixtures/gen_second_more.py: double
backward of its functionals, or of a composition of torch ops for multi_margin and
multilabel_margin, which have no double backward), from JAX's hessian of the Keras 3 loss
objects (gen_second_more_keras.py: dice, tversky) and from central differences of the
analytic gradient in float64, never from the code under test.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute import losses as lo
from service.compute.errors import InvalidInputError, LimitExceededError
from service.compute.inspect import gradcheck

FIXTURES = Path(__file__).parents[1] / "fixtures"
TORCH = json.loads((FIXTURES / "second_more_golden.json").read_text())["losses"]
KERAS = json.loads((FIXTURES / "second_more_keras_golden.json").read_text())["cases"]
NAMES = [
    "margin_ranking",
    "hinge_embedding",
    "cosine_embedding",
    "multi_margin",
    "multilabel_margin",
    "multilabel_soft_margin",
    "triplet_margin",
    "gaussian_nll",
    "poisson_nll",
    "dice",
    "tversky",
]


def _num(v: Any) -> float:
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(v, v)  # type: ignore[no-any-return]


def _arr(v: Any) -> np.ndarray:
    if isinstance(v, list):
        return np.array([_arr(e) for e in v]) if v else np.array([])
    return np.asarray(_num(v), dtype=np.float64)


def _main(name: str) -> str:
    entry = lo.LOSSES.get(name)
    assert isinstance(entry, lo.MoreLoss)
    return entry.main_input


def _eval(
    name: str,
    tensors: dict[str, np.ndarray],
    y: np.ndarray | None,
    params: dict[str, Any],
    *,
    dtype: Any = np.float64,
    **kw: Any,
) -> lo.LossResult:
    ins = {k: np.asarray(t) for k, t in tensors.items() if k != "y_pred"}
    return lo.evaluate_loss(name, y, tensors.get("y_pred"), params, inputs=ins, dtype=dtype, **kw)


def _case_args(
    case: dict[str, Any],
) -> tuple[dict[str, np.ndarray], np.ndarray | None, dict[str, Any]]:
    tensors = (
        {k: _arr(v) for k, v in case["inputs"].items()}
        if "inputs" in case
        else {"y_pred": _arr(case["y_pred"])}
    )
    y = None if case["y_true"] is None else _arr(case["y_true"])
    sw = case.get("sample_weight")
    kw = {
        "reduction": case["reduction"],
        "sample_weight": None if sw is None else np.array(sw, dtype=np.float64),
    }
    return tensors, y, kw


def _run(case: dict[str, Any], dtype: Any = np.float64) -> lo.LossResult:
    tensors, y, kw = _case_args(case)
    return _eval(
        case["name"], tensors, y, case["params"], dtype=dtype, hessian=True, v=_arr(case["v"]), **kw
    )


def _id(c: dict[str, Any]) -> str:
    w = "w" if c.get("sample_weight") else ""
    return f"{c['name']}-{c['reduction']}-{w}-{c['params']}-{c.get('note', '')}"


def _compare(got: np.ndarray, want: np.ndarray, rtol: float, atol_rel: float) -> float:
    """Assert agreement where torch is finite; return the worst error relative to the scale."""
    fin = np.isfinite(want)
    scale = max(float(np.max(np.abs(want[fin]), initial=0.0)), 1.0)
    np.testing.assert_allclose(got[fin], want[fin], rtol=rtol, atol=atol_rel * scale)
    return float(np.max(np.abs(got[fin] - want[fin]), initial=0.0)) / scale


# --------------------------------------------------------------------------------------------
# golden values


@pytest.mark.parametrize("case", TORCH, ids=_id)
def test_matches_torch_hessian_and_hvp(case: dict[str, Any]) -> None:
    r = _run(case)
    want_h, want_v = _arr(case["expected"]["hessian"]), _arr(case["expected"]["hvp"])
    assert r.hessian is not None and r.hvp is not None
    assert r.hessian.shape == want_h.shape and r.hvp.shape == want_v.shape
    _compare(r.hessian, want_h, 1e-10, 1e-12)
    # torch's hessian is NaN in the columns of a sample whose distance is 0 (triplet_margin,
    # p = 2): that sample's block is NaN here, the rest exactly as torch; torch's hvp (a
    # double vjp) stays finite there, so those rows are left out of the hvp comparison
    n = want_v.shape[0] if want_v.ndim > 1 else 1
    cols = np.isnan(want_h.reshape(n, -1, n, want_h.shape[-1])).any(axis=(0, 1, 3))
    blocks = r.hessian.reshape(n, -1, n, want_h.shape[-1])
    for i in np.flatnonzero(cols):
        assert np.isnan(blocks[i, :, i, :]).all() and np.isnan(r.hvp[i]).all()
    _compare(r.hvp[~cols], want_v[~cols], 1e-10, 1e-12)


@pytest.mark.parametrize("case", KERAS, ids=_id)
def test_matches_jax_hessian_of_keras(case: dict[str, Any]) -> None:
    r = _run(case)
    assert r.hessian is not None and r.hvp is not None
    _compare(r.hessian, _arr(case["expected"]["hessian"]), 1e-10, 1e-12)
    _compare(r.hvp, _arr(case["expected"]["hvp"]), 1e-10, 1e-12)


def test_golden_covers_every_loss() -> None:
    assert {c["name"] for c in TORCH} | {c["name"] for c in KERAS} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_float32(name: str) -> None:
    cases = [c for c in TORCH + KERAS if c["name"] == name]
    for case in cases[:2]:
        r = _run(case, np.float32)
        assert r.hessian is not None and r.hessian.dtype == np.float32
        assert r.hvp is not None and r.hvp.dtype == np.float32
        want = _arr(case["expected"]["hessian"])
        fin = np.isfinite(want)
        scale = max(float(np.max(np.abs(want[fin]), initial=0.0)), 1e-30)
        # gaussian_nll's clamped variance (1e-6) gives entries 1e6 x the others
        np.testing.assert_allclose(
            r.hessian[fin], want[fin], rtol=2e-4, atol=2e-5 * scale, err_msg=_id(case)
        )


def test_every_issue12_loss_has_a_hessian() -> None:
    for n in NAMES:
        e = lo.LOSSES.get(n)
        assert e.hvp is not None and e.catalog()["hessian_formula"], n


# --------------------------------------------------------------------------------------------
# central differences of the analytic gradient (float64)


def _fd_check(
    name: str,
    tensors: dict[str, np.ndarray],
    y: np.ndarray | None,
    params: dict[str, Any],
    eps: float = 1e-6,
    **kw: Any,
) -> None:
    key = _main(name)
    x = tensors[key]

    def grad(m: np.ndarray) -> np.ndarray:
        return _eval(name, {**tensors, key: m}, y, params, **kw).grad

    rng = np.random.default_rng(7)
    v = rng.normal(size=x.shape)
    r = _eval(name, tensors, y, params, hessian=True, v=v, **kw)
    assert r.hessian is not None and r.hvp is not None
    n = x.size
    cols = np.empty((n, n))
    for j in range(n):
        e = np.zeros(n)
        e[j] = eps
        cols[:, j] = (
            (grad(x + e.reshape(x.shape)) - grad(x - e.reshape(x.shape))) / (2 * eps)
        ).ravel()
    h = r.hessian.reshape(n, n)
    scale = max(float(np.max(np.abs(cols))), 1.0)
    np.testing.assert_allclose(h, cols, rtol=1e-6, atol=1e-7 * scale)
    np.testing.assert_allclose(h, h.T, rtol=1e-12, atol=1e-14 * scale)
    np.testing.assert_allclose(r.hvp.ravel(), cols @ v.ravel(), rtol=1e-6, atol=1e-7 * scale * n)


RNG = np.random.default_rng(12)
_X1, _X2 = RNG.normal(size=(3, 4)), RNG.normal(size=(3, 4))
_PM = RNG.choice([-1.0, 1.0], size=(3, 4))
_P = RNG.uniform(0.05, 0.95, size=(3, 4))
_M = (RNG.uniform(size=(3, 4)) > 0.5).astype(np.float64)
_W = np.array([1.0, 2.0, 0.5])
FD_CASES: list[tuple[str, dict[str, np.ndarray], np.ndarray | None, dict[str, Any]]] = [
    ("margin_ranking", {"x1": _X1, "x2": _X2}, _PM, {"margin": 0.3}),
    ("hinge_embedding", {"y_pred": np.abs(_X1) + 0.01}, _PM, {"margin": 1.1}),
    ("cosine_embedding", {"x1": _X1, "x2": _X2}, np.array([1.0, -1.0, -1.0]), {"margin": -0.9}),
    ("multi_margin", {"y_pred": _X1}, np.array([0.0, 3.0, 1.0]), {"p": 2, "margin": 0.9}),
    ("multi_margin", {"y_pred": _X1}, np.array([2.0, 0.0, 1.0]), {"p": 1}),
    (
        "multilabel_margin",
        {"y_pred": _X1},
        np.array([[1.0, 2, -1, 0], [0, -1, 1, 1], [3, 1, 2, -1]]),
        {},
    ),
    ("multilabel_soft_margin", {"y_pred": 2 * _X1}, _M, {"class_weight": [1.0, 0.5, 2.0, 0.0]}),
    ("triplet_margin", {"anchor": _X1, "positive": _X2, "negative": _P}, None, {"margin": 4.0}),
    (
        "triplet_margin",
        {"anchor": _X1, "positive": _X2, "negative": _P},
        None,
        {"margin": 4.0, "p": 1.5, "swap": True},
    ),
    (
        "triplet_margin",
        {"anchor": _X1, "positive": _X2, "negative": _P},
        None,
        {"margin": 4.0, "p": 0.8},
    ),
    ("gaussian_nll", {"y_pred": _X1, "var": _P[:, 0]}, _X2, {"full": True}),
    ("poisson_nll", {"y_pred": _X1}, np.round(3 * _P), {}),
    ("poisson_nll", {"y_pred": _P}, np.round(3 * _P), {"log_input": False, "full": True}),
    ("dice", {"y_pred": _P}, _M, {}),
    ("dice", {"y_pred": _P}, _P[::-1], {"axis": -1}),
    ("tversky", {"y_pred": _P}, _M, {"alpha": 0.2, "beta": 0.9}),
    ("tversky", {"y_pred": _P}, _M, {"alpha": 0.7, "beta": 0.4, "axis": -1}),
]


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("case", FD_CASES, ids=lambda c: f"{c[0]}-{c[3]}")
def test_finite_differences_of_the_gradient(
    case: tuple[str, dict[str, np.ndarray], np.ndarray | None, dict[str, Any]], reduction: str
) -> None:
    name, tensors, y, params = case
    _fd_check(name, tensors, y, params, reduction=reduction, sample_weight=_W)


Y_PRED_MAIN = [c for c in FD_CASES if "y_pred" in c[1] and len(c[1]) == 1]


@pytest.mark.parametrize("case", Y_PRED_MAIN, ids=lambda c: f"{c[0]}-{c[3]}")
def test_gradcheck_order_2(
    case: tuple[str, dict[str, np.ndarray], np.ndarray | None, dict[str, Any]],
) -> None:
    name, tensors, y, params = case
    r = gradcheck.gradcheck_loss(name, y, tensors["y_pred"], params, order=2)
    assert r["passed"], r["worst"]
    assert set(r["checks"]) == {"hessian", "hvp"}


# --------------------------------------------------------------------------------------------
# structure, special points, limits


def test_whole_batch_dice_couples_every_sample() -> None:
    r = _eval("dice", {"y_pred": _P}, _M, {}, hessian=True)
    assert r.hessian is not None and r.hessian.shape == (3, 4, 3, 4)
    assert np.all(r.hessian[0, :, 1, :] != 0)  # 2 (y_c + y_d) / S^2 - 4 I / S^3
    row = _eval("dice", {"y_pred": _P}, _M, {"axis": -1}, hessian=True)
    assert row.hessian is not None
    np.testing.assert_array_equal(row.hessian[0, :, 1, :], 0.0)
    i, s = np.sum(_M * _P), np.sum(_M) + np.sum(_P) + 1e-7
    y = _M.ravel()
    want = 2 * (y[:, None] + y[None, :]) / s**2 - 4 * i / s**3
    np.testing.assert_allclose(r.hessian.reshape(12, 12), want, rtol=1e-13)


def test_cosine_embedding_block_per_row_and_others_fixed() -> None:
    r = _eval(
        "cosine_embedding", {"x1": _X1, "x2": _X2}, np.array([1.0, 1.0, 1.0]), {}, hessian=True
    )
    assert r.hessian is not None and r.hessian.shape == (3, 4, 3, 4)
    assert np.any(r.hessian[0, :, 0, :] - np.diag(np.diag(r.hessian[0, :, 0, :])) != 0)
    np.testing.assert_array_equal(r.hessian[0, :, 2, :], 0.0)


@pytest.mark.parametrize("name", NAMES)
def test_empty_batch(name: str) -> None:
    tensors, y, params = _empty_case(name)
    key = _main(name)
    r = _eval(name, tensors, y, params, hessian=True, v=np.zeros_like(tensors[key]))
    shape = tensors[key].shape
    assert r.hessian is not None and r.hessian.shape == shape + shape
    assert r.hvp is not None and r.hvp.shape == shape


def _empty_case(name: str) -> tuple[dict[str, np.ndarray], np.ndarray | None, dict[str, Any]]:
    z = np.zeros((0, 3))
    batch = np.zeros((0,))
    return {
        "margin_ranking": ({"x1": z, "x2": z}, z, {}),
        "hinge_embedding": ({"y_pred": z}, z, {}),
        "cosine_embedding": ({"x1": z, "x2": z}, batch, {}),
        "multi_margin": ({"y_pred": z}, batch, {"p": 2}),
        "multilabel_margin": ({"y_pred": z}, z, {}),
        "multilabel_soft_margin": ({"y_pred": z}, z, {}),
        "triplet_margin": ({"anchor": z, "positive": z, "negative": z}, None, {}),
        "gaussian_nll": ({"y_pred": z, "var": z}, z, {}),
        "poisson_nll": ({"y_pred": z}, z, {}),
        "dice": ({"y_pred": z}, z, {}),
        "tversky": ({"y_pred": z}, z, {"axis": -1}),
    }[name]


def test_nan_input_gives_a_nan_block() -> None:
    x1 = _X1.copy()
    x1[1, 2] = math.nan
    r = _eval(
        "cosine_embedding",
        {"x1": x1, "x2": _X2},
        np.array([1.0, -1.0, 1.0]),
        {"margin": -1.0},
        hessian=True,
        v=np.ones_like(x1),
    )
    assert r.hessian is not None and r.hvp is not None
    assert np.isnan(r.hessian[1, :, 1, :]).all() and np.isnan(r.hvp[1]).all()
    assert np.isfinite(r.hessian[0, :, 0, :]).all() and np.isfinite(r.hvp[[0, 2]]).all()
    p = _P.copy()
    p[2, 0] = math.nan
    d = _eval("dice", {"y_pred": p}, _M, {}, hessian=True, v=np.ones_like(p))
    assert d.hessian is not None and np.isnan(d.hessian).all()  # one sum over the batch


@pytest.mark.parametrize(
    ("name", "tensors", "y", "params"),
    [
        # torch's double backward of clamp_min: 0 at the kink, as everywhere for these
        (
            "margin_ranking",
            {"x1": np.array([[0.5]]), "x2": np.array([[0.5]])},
            np.array([[1.0]]),
            {},
        ),
        ("hinge_embedding", {"y_pred": np.array([[1.0]])}, np.array([[-1.0]]), {"margin": 1.0}),
        ("multilabel_margin", {"y_pred": np.array([[0.0, 1.0]])}, np.array([[1.0, -1.0]]), {}),
        # multi_margin p = 2 at z = 0: the kernel's z > 0 makes the term inactive
        ("multi_margin", {"y_pred": np.array([[0.0, 1.0]])}, np.array([1.0]), {"p": 2}),
    ],
)
def test_kinks_have_zero_hessian(
    name: str, tensors: dict[str, np.ndarray], y: np.ndarray, params: dict[str, Any]
) -> None:
    r = _eval(name, tensors, y, params, hessian=True)
    assert r.hessian is not None
    np.testing.assert_array_equal(r.hessian, 0.0)


def test_cosine_kink_counts_as_active() -> None:
    # cos = 0 = margin exactly with y = -1: clamp_min passes, the Hessian is that of cos
    r = _eval(
        "cosine_embedding",
        {"x1": np.array([[1.0, 0.0]]), "x2": np.array([[0.0, 1.0]])},
        np.array([-1.0]),
        {},
        hessian=True,
    )
    assert r.hessian is not None and np.any(r.hessian != 0)


def test_triplet_zero_distance_is_nan_only_where_active() -> None:
    a = np.array([[0.0, 1.0], [0.0, 1.0]])
    pos = a.copy()
    neg = np.array([[1.0, 1.0], [9.0, 9.0]])
    r = _eval(
        "triplet_margin",
        {"anchor": a, "positive": pos, "negative": neg},
        None,
        {"eps": 0.0, "margin": 2.0},
        hessian=True,
    )
    assert r.hessian is not None
    assert np.isnan(r.hessian[0, :, 0, :]).all()  # active: the norm's Hessian is unbounded
    np.testing.assert_array_equal(r.hessian[1, :, 1, :], 0.0)  # inactive (torch: NaN)


def test_scalar_main_input() -> None:
    r = _eval(
        "poisson_nll", {"y_pred": np.array(0.5)}, np.array(2.0), {}, hessian=True, v=np.array(3.0)
    )
    assert r.hessian is not None and r.hessian.shape == () and r.hvp is not None
    assert float(r.hessian) == pytest.approx(math.exp(0.5))
    assert float(r.hvp) == pytest.approx(3 * math.exp(0.5))


def test_limits_and_v_shape_use_the_main_input() -> None:
    big = np.ones((50, 100))
    with pytest.raises(LimitExceededError) as e:
        _eval("margin_ranking", {"x1": big, "x2": big}, big, {}, hessian=True)
    assert e.value.limit == "max_hessian_elements"
    r = _eval("margin_ranking", {"x1": big, "x2": big}, big, {}, v=big)
    assert r.hvp is not None and r.hvp.shape == big.shape
    with pytest.raises(InvalidInputError) as e2:
        _eval(
            "triplet_margin",
            {"anchor": _X1, "positive": _X2, "negative": _P},
            None,
            {},
            v=np.ones(4),
        )
    assert e2.value.loc == ("v",)
