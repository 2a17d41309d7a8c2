"""Losses: golden values from PyTorch float64, finite-difference gradients for every loss,
reductions and weights, the textbook worked examples, stability, warnings, errors."""

from __future__ import annotations

import json
import math
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute import losses as lo
from service.compute.errors import InvalidInputError, UnknownNameError
from service.compute.losses import (
    LOSSES,
    Loss,
    LossResult,
    catalog,
    evaluate_loss,
    guide,
    resolve_loss_params,
)
from service.compute.losses._core import row_mean

GOLDEN = json.loads((Path(__file__).parents[1] / "fixtures" / "losses_golden.json").read_text())

CONTRACT_NAMES = {
    "mse", "binary_crossentropy", "categorical_crossentropy",
    "sparse_categorical_crossentropy", "kl_divergence", "mae", "huber", "smooth_l1",
    "log_cosh", "mape", "msle", "poisson", "hinge", "squared_hinge", "categorical_hinge",
    "cosine_similarity", "nll", "binary_focal_crossentropy", "categorical_focal_crossentropy",
    "soft_margin", "softmax_cross_entropy",
}  # fmt: skip


def dec(v: Any) -> Any:
    if isinstance(v, list):
        return [dec(x) for x in v]
    if isinstance(v, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v]
    return v


# ---------------------------------------------------------------------------------------
# golden values (PyTorch float64, tests/fixtures/gen_losses.py)


def _case_id(c: dict) -> str:
    extra = ",".join(f"{k}={v}" for k, v in c["params"].items())
    w = "+w" if "sample_weight" in c else ""
    conv = "+keras" if c.get("convention") == "keras" else ""
    return f"{c['name']}[{extra}]-{c['reduction']}{w}{conv}"


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[_case_id(c) for c in GOLDEN["cases"]])
def test_golden_torch_float64(case: dict) -> None:
    sw = case.get("sample_weight")
    r = evaluate_loss(
        case["name"],
        np.array(case["y_true"]),
        np.array(case["y_pred"]),
        case["params"],
        reduction=case["reduction"],
        sample_weight=None if sw is None else np.array(sw),
        convention=case.get("convention", "torch"),
    )
    exp = case["expected"]
    np.testing.assert_allclose(r.loss, dec(exp["loss"]), rtol=1e-11, atol=1e-13)
    np.testing.assert_allclose(r.grad, dec(exp["grad"]), rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(r.per_sample, dec(exp["per_sample"]), rtol=1e-11, atol=1e-13)
    assert r.grad.shape == np.shape(case["y_pred"])


def test_golden_covers_every_loss() -> None:
    assert {c["name"] for c in GOLDEN["cases"]} == {e.name for e in ROW_LOSSES}
    assert Path(__file__).parents[1].joinpath("fixtures", "gen_losses.py").exists()


# ---------------------------------------------------------------------------------------
# finite differences: every loss, a spread of parameters, every reduction, +- weights

N, C = 4, 3
SW = np.array([0.5, 2.0, 0.3, 1.25])


def _unit(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return rng.uniform(0.05, 0.95, shape)


def _probs(rng: np.random.Generator, *shape: int) -> np.ndarray:
    z = rng.normal(size=shape) * 1.5
    e = np.exp(z - z.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def _onehot(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    return np.eye(c)[rng.integers(0, c, n)]


# The cases come from the registry: every y_true/y_pred loss (plain `Loss` entries; the
# multi-input losses of issue 12 have their own tests) with its default parameters and each of
# its `test_params`, plus, by what the entry declares: 0/1 labels for ±1-label losses, soft
# labels for one-hot losses on logits, unnormalised rows under each non-default convention.
# Inputs are drawn by what the entry's labels and y_pred hold, away from kinks and clips.


def _inputs(
    entry: Loss, params: dict, extra: str, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    kind = entry.input_kind_for(params)
    lk = entry.label_kind
    if lk == "index":
        y = np.array([2.0, 0.0, float(params.get("ignore_index", -100)), 1.0])
    elif lk == "real":
        y = rng.uniform(0.5, 3.0, (N, C))
    elif lk == "count":
        y = rng.integers(0, 5, (N, C)).astype(float)
    elif lk == "pm1":
        y = rng.choice([-1.0, 1.0], (N, C))
        y = (y + 1) / 2 if extra == "01" else y
    elif lk == "binary":
        y = (rng.uniform(size=(N, C)) > 0.5).astype(float)
    elif lk == "one_hot":
        y = _probs(rng, N, C) if extra == "soft" else _onehot(rng, N, C)
    else:  # distribution
        y = _probs(rng, N, C)
    if kind == "real":  # errors of size 0.05..0.45, both signs: away from 0 and from -1
        return y, y + rng.uniform(0.05, 0.45, (N, C)) * rng.choice([-1.0, 1.0], (N, C))
    if kind == "rate":
        return y, rng.uniform(0.2, 3, (N, C))
    if kind == "log_probabilities":
        return y, np.log(_probs(rng, N, C))
    if kind == "probabilities":
        if extra == "unnormalised":
            return y, _unit(rng, N, C)
        return y, (_unit(rng, N, C) if entry.row_kind == "binary" else _probs(rng, N, C))
    return y, rng.normal(size=(N, C)) * 1.5  # logits, log_rate, scores


ROW_LOSSES = [e for e in LOSSES if type(e) is Loss]


def loss_cases(entry: Loss) -> list[tuple[dict, str, str]]:
    """(params, extra input kind, convention) for one entry, from what it declares."""
    sets = [{}, *(dict(t) for t in entry.test_params)]
    out = [(prm, "", "torch") for prm in sets]
    for prm in sets:
        kind = entry.input_kind_for(prm)
        if entry.label_kind == "one_hot" and kind == "logits":
            out.append((prm, "soft", "torch"))
        if kind == "probabilities":
            out += [(prm, "unnormalised", c) for c in entry.conventions if c != "torch"]
    if entry.label_kind == "pm1":
        out.append(({}, "01", "torch"))
    return out


FD_CASES = [
    (e.name, prm, extra, conv, red, w)
    for e in ROW_LOSSES
    for prm, extra, conv in loss_cases(e)
    for red in ("mean", "sum", "none")
    for w in (False, True)
]


def _call(
    name: str,
    y: np.ndarray,
    p: np.ndarray,
    prm: dict,
    red: str,
    sw: np.ndarray | None,
    conv: str = "torch",
) -> LossResult:
    return evaluate_loss(name, y, p, prm, reduction=red, sample_weight=sw, convention=conv)


def numeric_grad(f: Any, p: np.ndarray, h: float = 1e-6) -> np.ndarray:
    g = np.zeros_like(p)
    for i in np.ndindex(p.shape):
        a, b = p.copy(), p.copy()
        a[i] += h
        b[i] -= h
        g[i] = (f(a) - f(b)) / (2 * h)
    return g


def test_cases_cover_every_loss() -> None:
    assert {n for n, *_ in FD_CASES} == {e.name for e in ROW_LOSSES}
    assert {e.name for e in ROW_LOSSES} >= CONTRACT_NAMES
    for e in ROW_LOSSES:  # test parameter sets are valid parameters of their entry
        for prm in e.test_params:
            evaluate_loss(e.name, *_inputs(e, dict(prm), "", np.random.default_rng(0)), prm)


@pytest.mark.parametrize(
    ("name", "prm", "extra", "conv", "red", "weighted"),
    FD_CASES,
    ids=[
        f"{n}-{i}{'-' + x if x else ''}-{r}{'-w' if w else ''}"
        for (n, _p, x, _c, r, w), i in zip(FD_CASES, range(len(FD_CASES)), strict=True)
    ],
)
def test_gradient_matches_central_differences(
    name: str, prm: dict, extra: str, conv: str, red: str, weighted: bool
) -> None:
    entry = LOSSES.get(name)
    rng = np.random.default_rng(zlib.crc32(f"{name}{prm}{extra}".encode()))
    y, p = _inputs(entry, prm, extra, rng)
    sw = SW if weighted else None
    r = _call(name, y, p, prm, red, sw, conv)

    def f(q: np.ndarray) -> float:
        return float(np.sum(_call(name, y, q, prm, red, sw, conv).loss))

    num = numeric_grad(f, p)
    np.testing.assert_allclose(r.grad, num, rtol=1e-6, atol=1e-7)
    assert np.all(np.isfinite(r.grad))


# ---------------------------------------------------------------------------------------
# reductions and weights


def test_reductions_are_keras_semantics() -> None:
    y = np.array([[0.0, 1.0], [1.0, 1.0], [0.5, -1.0]])
    p = np.array([[1.0, 1.0], [0.0, 3.0], [0.5, 0.0]])
    per = np.array([0.5, 2.5, 0.5])  # mean over last axis of squared errors
    w = np.array([1.0, 0.0, 4.0])
    none = evaluate_loss("mse", y, p, reduction="none", sample_weight=w)
    np.testing.assert_allclose(none.per_sample, per)  # unweighted
    np.testing.assert_allclose(none.loss, w * per)  # weighted
    s = evaluate_loss("mse", y, p, reduction="sum", sample_weight=w)
    assert float(s.loss) == pytest.approx(np.sum(w * per))
    m = evaluate_loss("mse", y, p, sample_weight=w)
    assert float(m.loss) == pytest.approx(np.sum(w * per) / 3)  # sum(w L) / N, not / sum(w)
    np.testing.assert_allclose(m.grad, s.grad / 3)
    np.testing.assert_allclose(none.grad, s.grad)  # grad of the sum of weighted losses
    assert m.loss.shape == () and none.loss.shape == (3,)


def test_sample_weight_broadcast_and_trailing_one() -> None:
    y = np.zeros((2, 3, 4))
    p = np.ones((2, 3, 4))
    a = evaluate_loss("mse", y, p, reduction="none", sample_weight=np.array([[1.0], [2.0]]))
    np.testing.assert_allclose(a.loss, [[1, 1, 1], [2, 2, 2]])
    b = evaluate_loss("mse", y, p, reduction="sum", sample_weight=np.full((2, 3, 1), 0.5))
    assert float(b.loss) == pytest.approx(3.0)
    c = evaluate_loss("mse", y, p, reduction="sum", sample_weight=np.array(2.0))
    assert float(c.loss) == pytest.approx(12.0)


def test_sparse_mean_denominators_follow_torch() -> None:
    p = np.log(np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8]]))
    y = np.array([2, -100, 0])
    cw = [2.0, 1.0, 3.0]
    r = evaluate_loss("nll", y, p, {"class_weight": cw})
    expect = (3.0 * -np.log(0.5) + 2.0 * -np.log(0.1)) / (3.0 + 2.0)  # / sum w[y] over valid
    assert float(r.loss) == pytest.approx(expect, rel=1e-12)
    r2 = evaluate_loss("nll", y, p)
    assert float(r2.loss) == pytest.approx((-np.log(0.5) - np.log(0.1)) / 2, rel=1e-12)
    assert r2.per_sample[1] == 0 and np.all(r2.grad[1] == 0)
    # all samples ignored: 'mean' is 0 (no division by zero)
    r3 = evaluate_loss("nll", np.array([-100, -100, -100]), p)
    assert float(r3.loss) == 0.0 and np.all(r3.grad == 0)


def test_dense_class_weight_mean_divides_by_samples() -> None:
    y = np.array([[0.0, 1.0], [1.0, 0.0]])
    p = np.array([[0.5, 0.5], [0.25, 0.75]])
    r = evaluate_loss("categorical_crossentropy", y, p, {"class_weight": [4.0, 2.0]})
    assert float(r.loss) == pytest.approx((2 * -np.log(0.5) + 4 * -np.log(0.25)) / 2)


def test_sparse_labels_with_trailing_axis_and_float_integers() -> None:
    p = np.array([[0.3, 0.5, 0.2], [0.4, 0.15, 0.45]])
    a = evaluate_loss("sparse_categorical_crossentropy", np.array([[1.0], [1.0]]), p)
    b = evaluate_loss("categorical_crossentropy", np.array([[0, 1, 0], [0, 1, 0.0]]), p)
    np.testing.assert_allclose(a.loss, b.loss, rtol=1e-14)
    np.testing.assert_allclose(a.grad, b.grad, rtol=1e-14)


# ---------------------------------------------------------------------------------------
# the textbook worked examples


def test_seed_example_three_classes() -> None:
    y = np.array([[0.0, 1.0, 0.0]])
    a = evaluate_loss("categorical_crossentropy", y, np.array([[0.3, 0.5, 0.2]]))
    assert float(a.loss) == pytest.approx(-math.log(0.5), rel=1e-14)
    b = evaluate_loss("categorical_crossentropy", y, np.array([[0.4, 0.15, 0.45]]))
    assert float(b.loss) == pytest.approx(-math.log(0.15), rel=1e-14)
    # gradient -y/p
    np.testing.assert_allclose(a.grad, [[0.0, -2.0, 0.0]])
    s = evaluate_loss("sparse_categorical_crossentropy", np.array([1]), np.array([[0.3, 0.5, 0.2]]))
    assert float(s.loss) == pytest.approx(-math.log(0.5), rel=1e-14)


def test_softmax_cross_entropy_gradient_is_p_minus_y_and_chain_rule() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 4)) * 2
    y = np.eye(4)[rng.integers(0, 4, 5)]
    e = np.exp(z - z.max(-1, keepdims=True))
    s = e / e.sum(-1, keepdims=True)
    fused = evaluate_loss("softmax_cross_entropy", y, z, reduction="sum")
    np.testing.assert_allclose(fused.grad, s - y, atol=1e-15)
    flag = evaluate_loss("categorical_crossentropy", y, z, {"from_logits": True}, reduction="sum")
    np.testing.assert_allclose(flag.grad, s - y, atol=1e-15)
    # chain rule: softmax Jacobian (diag(s) - s s^T, symmetric) applied to dL/dp = -y/p
    dldp = evaluate_loss("categorical_crossentropy", y, s, reduction="sum").grad
    jac = np.einsum("ni,ij->nij", s, np.eye(4)) - np.einsum("ni,nj->nij", s, s)
    chained = np.einsum("nij,ni->nj", jac, dldp)
    np.testing.assert_allclose(chained, s - y, atol=1e-13)
    np.testing.assert_allclose(fused.loss, -np.sum(y * np.log(s)), rtol=1e-12)


# ---------------------------------------------------------------------------------------
# stability


LOGIT_LOSSES = [
    ("binary_crossentropy", {"from_logits": True}),
    ("binary_crossentropy", {"from_logits": True, "pos_weight": 2.0}),
    ("categorical_crossentropy", {"from_logits": True}),
    ("softmax_cross_entropy", {}),
    ("sparse_categorical_crossentropy", {"from_logits": True}),
    ("kl_divergence", {"from_logits": True}),
    ("binary_focal_crossentropy", {"from_logits": True}),
    ("binary_focal_crossentropy", {"from_logits": True, "gamma": 0.5}),
    ("categorical_focal_crossentropy", {"from_logits": True}),
    ("categorical_focal_crossentropy", {"from_logits": True, "gamma": 0.5}),
    ("soft_margin", {}),
    ("log_cosh", {}),
]


@pytest.mark.parametrize(("name", "prm"), LOGIT_LOSSES)
def test_logits_of_1000_are_finite(name: str, prm: dict) -> None:
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0], [1000.0, 1000.0, -1000.0]])
    if LOSSES.get(name).sparse:
        y = np.array([1, 0, 2])
    elif name == "soft_margin":
        y = np.array([[1.0, 1.0, -1.0], [1.0, -1.0, 1.0], [-1.0, 1.0, 1.0]])
    elif name.startswith("binary"):
        y = np.array([[0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    else:
        y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    for red in ("mean", "none"):
        r = evaluate_loss(name, y, z, prm, reduction=red)
        assert np.all(np.isfinite(r.loss)) and np.all(np.isfinite(r.grad))
        assert np.all(np.isfinite(r.per_sample))


def test_logit_extremes_have_the_exact_values() -> None:
    y = np.array([[0.0, 1.0, 0.0]])
    z = np.array([[1000.0, -1000.0, 0.0]])
    r = evaluate_loss("softmax_cross_entropy", y, z)
    assert float(r.loss) == pytest.approx(2000.0)
    np.testing.assert_allclose(r.grad, [[1.0, -1.0, 0.0]], atol=1e-300)
    b = evaluate_loss(
        "binary_crossentropy",
        np.array([[1.0, 0.0]]),
        np.array([[-1000.0, 1000.0]]),
        {"from_logits": True},
    )
    assert float(b.loss) == pytest.approx(1000.0)
    np.testing.assert_allclose(b.grad, [[-0.5, 0.5]])


PROB_LOSSES = [
    ("binary_crossentropy", {}),
    ("binary_crossentropy", {"pos_weight": 2.0}),
    ("categorical_crossentropy", {}),
    ("sparse_categorical_crossentropy", {}),
    ("kl_divergence", {}),
    ("binary_focal_crossentropy", {}),
    ("binary_focal_crossentropy", {"gamma": 0.5}),
    ("categorical_focal_crossentropy", {}),
    ("categorical_focal_crossentropy", {"gamma": 0.5}),
    ("msle", {}),
]


@pytest.mark.parametrize("convention", ["torch", "keras"])
@pytest.mark.parametrize(("name", "prm"), PROB_LOSSES)
def test_probabilities_of_exactly_0_and_1_are_finite(name: str, prm: dict, convention: str) -> None:
    p = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0]])
    if LOSSES.get(name).sparse:
        y = np.array([0, 0, 2])
    else:
        y = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    r = evaluate_loss(name, y, p, prm, convention=convention)
    assert np.isfinite(r.loss) and np.all(np.isfinite(r.grad))


def test_clipped_probability_loss_value_and_zero_gradient() -> None:
    r = evaluate_loss("binary_crossentropy", np.array([[1.0, 0.0]]), np.array([[0.0, 0.5]]))
    assert float(r.loss) == pytest.approx((-math.log(1e-7) + math.log(2)) / 2, rel=1e-9)
    assert r.grad[0, 0] == 0.0 and r.grad[0, 1] == pytest.approx(1.0)
    assert any("clipped" in w for w in r.warnings)


def test_float32_epsilon_bound_stays_below_one() -> None:
    r = evaluate_loss(
        "binary_crossentropy",
        np.array([[0.0]]),
        np.array([[1.0]]),
        {"epsilon": 1e-12},
        dtype=np.float32,
    )
    assert r.loss.dtype == np.float32 and np.isfinite(r.loss)


def test_nan_and_inf_propagate_without_raising() -> None:
    y = np.array([[0.0, 1.0], [1.0, 0.0]])
    p = np.array([[np.nan, 0.5], [0.25, 0.75]])
    for name in (
        "mse",
        "binary_crossentropy",
        "categorical_crossentropy",
        "huber",
        "kl_divergence",
    ):
        r = evaluate_loss(name, y, p, reduction="none")
        assert np.isnan(r.per_sample[0]) and np.isfinite(r.per_sample[1])
    r = evaluate_loss("mse", y, np.array([[np.inf, 0.0], [0.0, 0.0]]))
    assert r.loss == np.inf
    r = evaluate_loss("softmax_cross_entropy", y, np.array([[np.inf, 0.0], [0.0, 0.0]]))
    # a row holding +inf is NaN throughout, loss and gradient (torch: inf - inf in softmax)
    assert np.isnan(r.loss) and np.isnan(r.grad[0]).all() and np.isfinite(r.grad[1]).all()
    # -inf logits (masking) on non-target classes: finite loss, zero gradient there
    m = evaluate_loss("softmax_cross_entropy", y, np.array([[-np.inf, 0.0], [0.0, -np.inf]]))
    assert float(m.loss) == 0.0 and np.all(m.grad == 0) and not np.signbit(m.per_sample).any()
    f32 = evaluate_loss("mse", y, np.full((2, 2), 1e200), dtype=np.float32)
    assert f32.loss == np.inf


@pytest.mark.parametrize("name", [e.name for e in ROW_LOSSES])
def test_float32_dtype_and_shapes(name: str) -> None:
    rng = np.random.default_rng(3)
    entry = LOSSES.get(name)
    y, p = _inputs(entry, {}, "", rng)
    r = evaluate_loss(name, y, p, dtype=np.float32, reduction="none")
    assert r.grad.dtype == np.float32 and r.loss.dtype == np.float32
    assert r.per_sample.dtype == np.float32
    assert r.grad.shape == p.shape and r.per_sample.shape == (N,)
    r64 = evaluate_loss(name, y, p, reduction="none")
    np.testing.assert_allclose(r.per_sample, r64.per_sample, rtol=2e-5, atol=1e-5)


def test_one_dimensional_y_pred_is_one_sample() -> None:
    r = evaluate_loss("mse", np.array([0.0, 2.0]), np.array([1.0, 0.0]), reduction="none")
    assert r.per_sample.shape == () and float(r.per_sample) == pytest.approx(2.5)
    s = evaluate_loss("mse", np.array(1.0), np.array(3.0))
    assert s.grad.shape == () and float(s.grad) == pytest.approx(4.0)


# ---------------------------------------------------------------------------------------
# warnings


def _warns(name: str, y: Any, p: Any, prm: dict | None = None, **kw: Any) -> list[str]:
    return evaluate_loss(name, np.asarray(y, float), np.asarray(p, float), prm, **kw).warnings


def test_no_warnings_for_clean_input() -> None:
    assert _warns("categorical_crossentropy", [[0, 1, 0]], [[0.3, 0.5, 0.2]]) == []
    assert _warns("binary_crossentropy", [[0, 1]], [[0.3, 0.6]]) == []
    assert _warns("softmax_cross_entropy", [[0, 1, 0]], [[2.0, -1.0, 0.5]]) == []
    assert _warns("mse", [[0.5, 2.0]], [[0.1, 3.0]]) == []


def test_warning_rows_not_summing_to_one() -> None:
    w = _warns("categorical_crossentropy", [[0, 1, 0]], [[0.3, 0.3, 0.2]])
    assert any("do not sum to 1" in m and "0.8" in m and "not renormalised" in m for m in w)
    w = _warns("categorical_crossentropy", [[0, 1, 0]], [[0.3, 0.3, 0.2]], convention="keras")
    assert any("divided by their sum" in m for m in w)


def test_warning_values_outside_unit_interval_look_like_logits() -> None:
    w = _warns("binary_crossentropy", [[0, 1]], [[-2.0, 3.0]])
    assert any("outside [0, 1]" in m and "from_logits=true" in m for m in w)


def test_warning_probabilities_sent_as_logits() -> None:
    w = _warns("softmax_cross_entropy", [[0, 1, 0]], [[0.2, 0.7, 0.1]])
    assert any("looks like probabilities" in m for m in w)
    w = _warns("categorical_crossentropy", [[0, 1, 0]], [[0.2, 0.7, 0.1]], {"from_logits": True})
    assert any("looks like probabilities" in m for m in w)
    w = _warns("binary_crossentropy", [[0, 1]], [[0.2, 0.7]], {"from_logits": True})
    assert any("looks like probabilities" in m for m in w)


def test_warning_labels_not_one_hot() -> None:
    w = _warns("categorical_crossentropy", [[0, 2, 0]], [[0.3, 0.5, 0.2]])
    assert any("not probability distributions" in m for m in w)
    w = _warns("categorical_crossentropy", [[0.2, 0.8, 0]], [[0.3, 0.5, 0.2]])
    assert any("not one-hot" in m for m in w)
    w = _warns("binary_crossentropy", [[2.0, 0.0]], [[0.3, 0.5]])
    assert any("labels in [0, 1]" in m for m in w)
    assert any("±1" in m for m in _warns("hinge", [[0.5, -1]], [[0.3, 0.5]]))
    assert any("map 0 to -1" in m for m in _warns("soft_margin", [[0.0, 1]], [[0.3, 0.5]]))


def test_warning_pairing_not_recommended() -> None:
    w = _warns("mse", [[0, 1]], [[0.3, 0.7]], output_activation="softmax")
    assert any("not what the catalog recommends" in m for m in w)
    assert any("regression loss" in m for m in w)
    w = _warns(
        "binary_crossentropy",
        [[0, 1]],
        [[0.3, 0.6]],
        {"from_logits": True},
        output_activation="sigmoid",
    )
    assert any("computes it twice" in m for m in w)
    assert _warns("binary_crossentropy", [[0, 1]], [[0.3, 0.6]], output_activation="sigmoid") == []
    w = _warns("binary_crossentropy", [[0, 1, 0]], [[0.2, 0.7, 0.1]])
    assert any("softmax pairs with categorical_crossentropy" in m for m in w)
    w = _warns("categorical_crossentropy", [[1.0]], [[1.0]])
    assert any("one unit" in m for m in w)


def test_warning_log_probabilities_and_rates() -> None:
    assert any("log-probabilities" in m for m in _warns("nll", [1], [[0.2, 0.8]]))
    w = _warns("poisson", [[1.0]], [[-0.5]])
    assert any("log_input=true" in m for m in w)


# ---------------------------------------------------------------------------------------
# bad input


def _err(fn: Any) -> InvalidInputError:
    with pytest.raises(InvalidInputError) as ei:
        fn()
    return ei.value


def test_shape_mismatch_names_both_shapes() -> None:
    e = _err(lambda: evaluate_loss("mse", np.zeros((4, 2)), np.zeros((4, 3))))
    assert e.loc == ("y_true",) and "(4, 3)" in e.msg and "(4, 2)" in e.msg


@pytest.mark.parametrize("labels", [[0.5, 1.0], [3.0, 0.0], [-1.0, 0.0], [float("nan"), 0.0]])
def test_sparse_labels_not_integers_or_out_of_range(labels: list[float]) -> None:
    e = _err(
        lambda: evaluate_loss(
            "sparse_categorical_crossentropy", np.array(labels), np.full((2, 3), 1 / 3)
        )
    )
    assert e.loc == ("y_true",) and "[0, 3)" in e.msg


def test_sparse_labels_wrong_shape() -> None:
    e = _err(lambda: evaluate_loss("nll", np.zeros((2, 3)), np.zeros((2, 3))))
    assert e.loc == ("y_true",) and "categorical_crossentropy" in e.msg


def test_unknown_reduction_convention_dtype() -> None:
    y = p = np.zeros((2, 2))
    assert _err(lambda: evaluate_loss("mse", y, p, reduction="avg")).loc == ("reduction",)
    assert _err(lambda: evaluate_loss("mse", y, p, convention="jax")).loc == ("convention",)
    assert _err(lambda: evaluate_loss("mse", y, p, dtype=np.int32)).loc == ("dtype",)


def test_negative_and_misshaped_weights() -> None:
    y = p = np.zeros((3, 2))
    e = _err(lambda: evaluate_loss("mse", y, p, sample_weight=np.array([1.0, -1.0, 1.0])))
    assert e.loc == ("sample_weight",) and "non-negative" in e.msg
    e = _err(lambda: evaluate_loss("mse", y, p, sample_weight=np.ones(2)))
    assert e.loc == ("sample_weight",) and "(3,)" in e.msg and "(2,)" in e.msg
    e = _err(
        lambda: evaluate_loss(
            "categorical_crossentropy", y, p + 0.5, {"class_weight": [1.0, 2.0, 3.0]}
        )
    )
    assert e.loc == ("params", "class_weight")
    e = _err(
        lambda: evaluate_loss("categorical_crossentropy", y, p + 0.5, {"class_weight": [1.0, -2.0]})
    )
    assert e.loc == ("params", "class_weight")
    e = _err(lambda: evaluate_loss("binary_crossentropy", y, p + 0.5, {"pos_weight": [1.0] * 3}))
    assert e.loc == ("params", "pos_weight")


@pytest.mark.parametrize(
    ("name", "params", "loc"),
    [
        ("huber", {"delta": -1.0}, ("params", "delta")),
        ("huber", {"delta": 0.0}, ("params", "delta")),
        ("smooth_l1", {"beta": -0.1}, ("params", "beta")),
        ("binary_crossentropy", {"label_smoothing": 1.5}, ("params", "label_smoothing")),
        ("binary_crossentropy", {"epsilon": 0.6}, ("params", "epsilon")),
        ("binary_crossentropy", {"from_logits": "yes"}, ("params", "from_logits")),
        ("binary_focal_crossentropy", {"alpha": 2.0}, ("params", "alpha")),
        ("binary_focal_crossentropy", {"gamma": -1.0}, ("params", "gamma")),
        ("mse", {"delta": 1.0}, ("params", "delta")),
    ],
)
def test_parameter_out_of_range(name: str, params: dict, loc: tuple) -> None:
    e = _err(lambda: evaluate_loss(name, np.zeros((2, 2)), np.full((2, 2), 0.5), params))
    assert e.loc == loc


def test_unknown_loss_lists_names() -> None:
    with pytest.raises(UnknownNameError) as ei:
        evaluate_loss("crossentropy_of_doom", np.zeros(2), np.zeros(2))
    assert "mse" in ei.value.msg and isinstance(ei.value, UnknownNameError)


def test_empty_class_axis_rejected() -> None:
    e = _err(lambda: evaluate_loss("mse", np.zeros((2, 0)), np.zeros((2, 0))))
    assert e.loc == ("y_pred",)


# ---------------------------------------------------------------------------------------
# aliases, catalog, guide


def test_aliases_and_alias_defaults() -> None:
    for alias, canonical in [
        ("MSELoss", "mse"),
        ("mean_squared_error", "mse"),
        ("BCELoss", "binary_crossentropy"),
        ("L1Loss", "mae"),
        ("CrossEntropyLoss", "softmax_cross_entropy"),
        ("KLDivLoss", "kl_divergence"),
        ("NLLLoss", "nll"),
        ("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy"),
    ]:
        assert LOSSES.get(alias).name == canonical
    y, z = np.array([[1.0, 0.0]]), np.array([[2.0, -3.0]])
    a = evaluate_loss("BCEWithLogitsLoss", y, z)
    b = evaluate_loss("binary_crossentropy", y, z, {"from_logits": True})
    np.testing.assert_array_equal(a.loss, b.loss)
    c = evaluate_loss("BCEWithLogitsLoss", y, np.array([[0.5, 0.25]]), {"from_logits": False})
    assert float(c.loss) == pytest.approx(-(math.log(0.5) + math.log(0.75)) / 2)
    p = evaluate_loss("PoissonNLLLoss", np.array([[2.0]]), np.array([[0.5]]))
    assert float(p.loss) == pytest.approx(math.exp(0.5) - 1.0)
    e = evaluate_loss("poisson", np.array([[2.0]]), np.array([[0.5]]), {"eps": 1e-3})
    assert float(e.loss) == pytest.approx(0.5 - 2 * math.log(0.501))
    k = evaluate_loss(
        "sparse_categorical_crossentropy",
        np.array([0]),
        np.array([[0.5, 0.5]]),
        {"ignore_class": 0},
    )
    assert float(k.loss) == 0.0


def test_catalog_entries_complete() -> None:
    cat = catalog()
    json.dumps(cat)
    # issue 12's entries carry `inputs`: tests/compute/test_losses_more.py
    more = {e["name"] for e in cat if "inputs" in e}
    assert {e["name"] for e in cat} >= CONTRACT_NAMES | more
    for e in cat:
        for key in (
            "formula",
            "gradient_formula",
            "y_true_encoding",
            "pairs_with",
            "per_sample_reduction",
            "params",
            "aliases",
            "differences",
        ):
            assert e[key] not in (None, "", []) or key in ("params", "differences"), (
                e["name"],
                key,
            )
        assert e["per_sample_reduction"] in ("mean", "sum", "row")
        assert e["torch"] or e["keras"]
    by = {e["name"]: e for e in cat}
    eps = {p["name"]: p for p in by["categorical_crossentropy"]["params"]}["epsilon"]
    assert eps["default"] == 1e-7
    for name in (
        "binary_crossentropy",
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
        "kl_divergence",
    ):
        names = {p["name"] for p in by[name]["params"]}
        assert {"from_logits", "label_smoothing", "epsilon"} <= names
    assert {p["name"] for p in by["binary_focal_crossentropy"]["params"]} >= {
        "gamma",
        "alpha",
        "apply_class_balancing",
    }
    assert by["huber"]["params"][0]["name"] == "delta"
    assert by["smooth_l1"]["params"][0]["name"] == "beta"
    assert by["categorical_crossentropy"]["pairs_with"] == ["softmax"]
    assert by["sparse_categorical_crossentropy"]["y_true_encoding"].startswith("integer")


@pytest.mark.parametrize(
    ("task", "act", "loss", "width"),
    [
        ("regression", "linear", "mse", "one unit per target"),
        ("binary", "sigmoid", "binary_crossentropy", "1"),
        ("multiclass", "softmax", "categorical_crossentropy", "one unit per class (C)"),
        ("multilabel", "sigmoid", "binary_crossentropy", "one unit per class (C)"),
    ],
)
def test_guide(task: str, act: str, loss: str, width: str) -> None:
    g = guide(task)
    rec = g["recommended"]
    assert (rec["output_activation"], rec["loss"], rec["output_width"]) == (act, loss, width)
    assert rec["reason"] and rec["label_encoding"]
    assert LOSSES.get(rec["loss"]).name == rec["loss"]
    json.dumps(g)


def test_guide_alternatives_and_unknown_task() -> None:
    alt = guide("binary")["alternatives"][0]
    assert (alt["output_activation"], alt["loss"], alt["output_width"]) == (
        "softmax",
        "categorical_crossentropy",
        "2",
    )
    alt = guide("multiclass")["alternatives"][0]
    assert alt["loss"] == "sparse_categorical_crossentropy"
    assert "integer" in alt["label_encoding"]
    e = _err(lambda: guide("clustering"))
    assert e.loc == ("query", "task")


# ---- the plain call without evaluate_loss's checks (the small-call fast path) --------------


def _plain_inputs(entry: Loss, rng: np.random.Generator, dtype: Any) -> tuple[Any, Any]:
    """y_true and y_pred of one shape that suit the entry's kind of input (probabilities,
    labels in [0, 1] or ±1, non-negative counts), with a value near each end."""
    y, p = _kind_inputs(entry, rng, (3, 4))
    return y.astype(dtype), p.astype(dtype)


@pytest.mark.parametrize(
    "entry",
    [e for e in LOSSES if not e.sparse and not isinstance(e, lo.MoreLoss)],
    ids=lambda e: e.name,
)
def test_evaluate_plain_is_evaluate_loss_without_its_checks(entry: Loss) -> None:
    """The same rows, reduction, warnings and bits as evaluate_loss for a call whose checks
    the caller made (float64, same shapes, finite), on inputs of the entry's kind and on
    inputs that draw its warnings."""
    rng = np.random.default_rng(zlib.crc32(entry.name.encode()))
    params = resolve_loss_params(entry, entry.name, {})
    cases = [_plain_inputs(entry, rng, np.float64) for _ in range(3)]
    cases.append((rng.normal(size=(2, 3)) * 3, rng.normal(size=(2, 3)) * 3))  # off-kind
    cases.append((np.array([0.5]), np.array([1e200])))  # overflows in some losses
    for y, p in cases:
        ref = evaluate_loss(entry.name, y, p, {})
        got = lo.evaluate_plain(entry, params, y, p)
        for field in ("loss", "grad", "per_sample"):
            a, b = getattr(ref, field), getattr(got, field)
            assert a.dtype == b.dtype == np.float64 and a.shape == b.shape, field
            np.testing.assert_array_equal(a, b, err_msg=f"{entry.name} {field}")
        assert got.warnings == ref.warnings


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", [(1,), (7,), (3, 5), (2, 3, 129), (0, 4), (4, 1)])
def test_row_mean_is_np_mean_bit_for_bit(dtype: Any, shape: tuple[int, ...]) -> None:
    a = (np.random.default_rng(7).normal(size=shape) * 1e3).astype(dtype)
    ours, ref = row_mean(a), np.mean(a, axis=-1)
    assert np.asarray(ours).dtype == np.asarray(ref).dtype == dtype
    np.testing.assert_array_equal(ours, ref)


# ---- evaluate_plain_rows: the calls of one turn stacked (the small-call fast path) ---------

DENSE = [e for e in LOSSES if not e.sparse and not isinstance(e, lo.MoreLoss)]
# the dense losses without a warning for any call of test_evaluate_plain_rows_is_evaluate_plain
# (they have no kind of label or prediction to warn about); the others warn for some calls
_NO_WARNINGS = {"mse", "mae", "huber", "smooth_l1", "log_cosh", "mape", "msle", "cosine_similarity"}


def _kind_inputs(entry: Loss, rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Any, Any]:
    """y_true and y_pred of ``shape`` of the entry's kind (the one-hot and distribution labels
    over the last axis)."""
    p = rng.normal(size=shape)
    if entry.input_kind_for({}) == "probabilities":
        p = rng.uniform(0.02, 0.98, size=shape)
        if entry.row_kind == "categorical":
            p = p / p.sum(axis=-1, keepdims=True)
    y = rng.uniform(0, 1, size=shape)
    if entry.label_kind == "pm1":
        y = np.where(y > 0.5, 1.0, -1.0)
    elif entry.label_kind in ("one_hot", "distribution"):
        y = np.eye(shape[-1])[rng.integers(0, shape[-1], size=shape[:-1])]
    return y, p


def _assert_same_loss(got: LossResult, ref: LossResult, what: str) -> None:
    """loss, grad and per_sample of the same dtype, shape and bits (NaN where NaN), and the
    same warnings."""
    for field in ("loss", "grad", "per_sample"):
        a, b = getattr(got, field), getattr(ref, field)
        assert type(a) is np.ndarray, (what, field)
        assert a.dtype == b.dtype == np.float64 and a.shape == b.shape, (what, field)
        np.testing.assert_array_equal(a, b, err_msg=f"{what} {field}", strict=True)
        assert np.array_equal(a, b, equal_nan=True), (what, field)
    assert got.warnings == ref.warnings, what


def _stack_refused(entry: Loss, params: dict[str, Any], calls: list[Any]) -> set[Any]:
    """The shapes whose calls cannot be stacked: some call of that shape alone has its
    probabilities clipped (or a denominator of its own), by the entry's own row function."""
    from service.compute.losses._core import RowCtx

    refused = set()
    for y, p in calls:
        ctx = RowCtx(y_true=y, y_pred=p, params=dict(params), convention="torch", valid=None)
        with np.errstate(over="ignore"):
            out = entry.fn(ctx)
        if out.clipped or out.denominator is not None:
            refused.add(p.shape)
    return refused


@pytest.mark.parametrize("entry", DENSE, ids=lambda e: e.name)
def test_evaluate_plain_rows_is_evaluate_plain(entry: Loss) -> None:
    """Twenty calls of four shapes, interleaved: inputs of the entry's kind, labels out of
    range (warnings), off-kind inputs and a value that overflows. stacks_rows accepts every
    dense loss; each result is evaluate_plain's for its call bit for bit with its warnings;
    a result is None exactly for the calls of a shape where some call's probabilities were
    clipped, so every call of a loss without a clip is stacked, and at least the 12 calls of
    the entry's kind in (16,) and (3, 4) are stacked for every loss."""
    rng = np.random.default_rng(zlib.crc32(b"rows " + entry.name.encode()))
    params = resolve_loss_params(entry, entry.name, {})
    assert lo.stacks_rows(entry, params)
    calls = [_kind_inputs(entry, rng, s) for s in [(16,)] * 5 + [(3, 4)] * 5]
    calls += [_kind_inputs(entry, rng, s) for s in [(1,)] * 2 + [(2, 2, 3)] * 2]
    for shape in ((16,), (3, 4)):  # labels below 0 and above 1 (warnings for many)
        y, _ = _kind_inputs(entry, rng, shape)
        calls.append((y * 2.5 - 0.75, rng.uniform(0.02, 0.98, size=shape)))
    calls += [(rng.normal(size=(2, 2, 3)) * 3, rng.normal(size=(2, 2, 3)) * 3) for _ in range(3)]
    calls.append((np.array([0.5]), np.array([1e200])))  # overflows in some losses
    calls = [calls[i] for i in rng.permutation(len(calls))]
    assert len(calls) == 20
    refs = [lo.evaluate_plain(entry, params, y, p) for y, p in calls]
    assert any(r.warnings for r in refs) != (entry.name in _NO_WARNINGS)
    got = lo.evaluate_plain_rows(entry, params, calls)
    assert len(got) == len(calls)
    refused = _stack_refused(entry, params, calls)
    assert not refused & {(16,), (3, 4)}
    if entry.input_kind_for({}) != "probabilities":
        assert not refused
    for k, ((_, p), r, ref) in enumerate(zip(calls, got, refs, strict=True)):
        if p.shape in refused:
            assert r is None, (entry.name, k)
        else:
            assert r is not None, (entry.name, k)
            _assert_same_loss(r, ref, f"{entry.name} call {k} {p.shape}")
    assert sum(r is not None for r in got) >= 12


def test_evaluate_plain_rows_gives_none_to_a_clipped_stack() -> None:
    """binary_crossentropy with a y_pred of exactly 0.0 or 1.0 (in [0, 1], but clipped to
    [eps, 1 - eps]): every call of that shape gets None, also the calls without such a
    value; the calls of another shape are stacked and evaluate_plain's."""
    entry = LOSSES.get("binary_crossentropy")
    params = resolve_loss_params(entry, entry.name, {})
    rng = np.random.default_rng(31)

    def ok(shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        return rng.uniform(0, 1, size=shape), rng.uniform(0.05, 0.95, size=shape)

    edge0 = (np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.7, 0.0, 0.4, 0.2]))
    edge1 = (np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.3, 0.6, 1.0, 0.1]))
    calls = [ok((4,)), ok((2, 3)), edge0, ok((4,)), ok((2, 3)), edge1, ok((2, 3))]
    got = lo.evaluate_plain_rows(entry, params, calls)
    assert [r is None for r in got] == [True, False, True, True, False, True, False]
    for (y, p), r in zip(calls, got, strict=True):
        if r is not None:
            _assert_same_loss(r, lo.evaluate_plain(entry, params, y, p), "bce (2, 3)")
    # alone (the caller's path), each edge call names its one clipped value
    for y, p in (edge0, edge1):
        (warning,) = lo.evaluate_plain(entry, params, y, p).warnings
        assert warning.startswith("1 value(s) of y_pred") and "clipped" in warning
    # without the edge calls, the calls of shape (4,) are stacked
    plain = [c for c in calls if c is not edge0 and c is not edge1]
    again = lo.evaluate_plain_rows(entry, params, plain)
    for (y, p), r in zip(plain, again, strict=True):
        assert r is not None
        _assert_same_loss(r, lo.evaluate_plain(entry, params, y, p), f"bce {p.shape}")


def _mse_like(mix: bool, denominator: float | None = None) -> Any:
    """A row function like mse's; ``mix`` subtracts the mean of the whole batch from the
    errors (a row then depends on the other rows); ``denominator``: one of its own."""
    from service.compute.losses._core import RowCtx, RowOut

    def fn(ctx: RowCtx) -> RowOut:
        e = ctx.y_pred - ctx.y_true
        if mix:
            e = e - e.mean()
        c = ctx.y_pred.shape[-1]
        return RowOut(np.mean(e * e, axis=-1), 2.0 * e / c, denominator=denominator)

    return fn


def test_stacks_rows_refuses_a_loss_whose_rows_mix() -> None:
    """A fake dense loss whose rows depend on the batch (the errors minus their batch mean):
    stacked rows are not the calls' own, evaluate_plain_rows gives a result that is not
    evaluate_plain's, and stacks_rows says False. The same fake without the mixing is
    accepted and stacked bit for bit."""
    from dataclasses import replace

    base = LOSSES.get("mse")
    params = resolve_loss_params(base, base.name, {})
    rng = np.random.default_rng(8)
    calls = [(rng.normal(size=(5,)), rng.normal(size=(5,))) for _ in range(3)]

    honest = replace(base, fn=_mse_like(mix=False))
    assert lo.stacks_rows(honest, params)
    for (y, p), r in zip(calls, lo.evaluate_plain_rows(honest, params, calls), strict=True):
        assert r is not None
        _assert_same_loss(r, lo.evaluate_plain(honest, params, y, p), "honest")

    mixing = replace(base, fn=_mse_like(mix=True))
    assert not lo.stacks_rows(mixing, params)
    got = lo.evaluate_plain_rows(mixing, params, calls)
    assert all(r is not None for r in got)  # it cannot tell: stacks_rows is the caller's check
    y, p = calls[0]
    assert not np.array_equal(got[0].loss, lo.evaluate_plain(mixing, params, y, p).loss)


def test_stacks_rows_refuses_a_loss_with_its_own_denominator() -> None:
    """A fake dense loss whose rows carry a denominator of their own: evaluate_plain_rows
    gives None to every call and stacks_rows says False."""
    from dataclasses import replace

    base = LOSSES.get("mse")
    params = resolve_loss_params(base, base.name, {})
    fake = replace(base, fn=_mse_like(mix=False, denominator=2.0))
    rng = np.random.default_rng(12)
    calls = [(rng.normal(size=(3, 2)), rng.normal(size=(3, 2))) for _ in range(3)]
    assert lo.evaluate_plain_rows(fake, params, calls) == [None, None, None]
    assert not lo.stacks_rows(fake, params)
