"""Second derivatives: activations' f'' and losses' Hessian / Hessian-vector products.

Expected values come from PyTorch's double backward (tests/fixtures/gen_second.py, run in
.venv-torch) and from central differences of the analytic first derivative, never from the
code under test.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute import activations as act
from service.compute import losses as lo
from service.compute.errors import InvalidInputError, LimitExceededError
from service.compute.inspect import gradcheck

GOLDEN = json.loads((Path(__file__).parents[1] / "fixtures" / "second_golden.json").read_text())


def _num(v: Any) -> float:
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(v, v)  # type: ignore[no-any-return]


def _arr(v: Any) -> np.ndarray:
    if isinstance(v, list):
        return np.array([_arr(e) for e in v]) if v else np.array([])
    return np.asarray(_num(v), dtype=np.float64)


ELEMENTWISE = [a for a in act.ACTIVATIONS if a.kind == "elementwise" and a.second is not None]
BUILTIN = {c["name"] for c in GOLDEN["activations"]} | {"hard_sigmoid"}


def _id(c: dict[str, Any]) -> str:
    return f"{c['name']}-{c['params']}"


# --------------------------------------------------------------------------------------------
# activations


def test_every_builtin_elementwise_activation_has_a_second_derivative() -> None:
    names = {a.name for a in act.ACTIVATIONS if a.kind == "elementwise"}
    missing = sorted(n for n in BUILTIN & names if act.ACTIVATIONS.get(n).second is None)
    assert not missing
    for n in BUILTIN & names:
        assert act.ACTIVATIONS.get(n).catalog()["second_derivative"]


@pytest.mark.parametrize("case", GOLDEN["activations"], ids=_id)
def test_activation_matches_torch_double_backward(case: dict[str, Any]) -> None:
    x = _arr(case["x"])
    want = _arr(case["second_derivative"])
    got = act.evaluate(case["name"], x, case["params"], outputs=["second_derivative"])[
        "second_derivative"
    ]
    fin = np.isfinite(x) & np.isfinite(want)
    # torch's own formulas cancel in the far tails (silu'' at 30: 1e-3 relative, 3e-15
    # absolute), so absolute errors are bounded relative to the curve's largest |f''|
    scale = max(float(np.max(np.abs(want[fin]), initial=0.0)), 1.0)
    np.testing.assert_allclose(got[fin], want[fin], rtol=1e-12, atol=1e-12 * scale)
    assert np.isnan(got[np.isnan(x)]).all()


@pytest.mark.parametrize("case", GOLDEN["activations"], ids=_id)
def test_activation_float32(case: dict[str, Any]) -> None:
    x = _arr(case["x"])
    want = _arr(case["second_derivative"])
    fin = np.isfinite(x) & np.isfinite(want) & (np.abs(x) < 80)
    got = act.evaluate(
        case["name"], x[fin], case["params"], outputs=["second_derivative"], dtype=np.float32
    )["second_derivative"]
    assert got.dtype == np.float32
    # float32 of x then f'' in float32: compare with the float64 truth at the rounded x
    ref = act.evaluate(
        case["name"],
        x[fin].astype(np.float32).astype(np.float64),
        case["params"],
        outputs=["second_derivative"],
    )["second_derivative"]
    scale = max(float(np.max(np.abs(ref), initial=0.0)), 1e-30)
    np.testing.assert_allclose(got, ref, rtol=2e-5, atol=2e-6 * scale)


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=lambda e: e.name)
def test_activation_finite_differences_of_f_prime(entry: act.Activation) -> None:
    x = np.concatenate([np.linspace(-7.3, 7.3, 147), [25.5, -25.5, 1e-3, -1e-3]])
    r = gradcheck.gradcheck_activation(entry.name, x, order=2)
    assert r["passed"], r["worst"]
    assert r["checks"]["second_derivative"]["count"] == x.size


@pytest.mark.parametrize("entry", ELEMENTWISE, ids=lambda e: e.name)
def test_activation_special_points(entry: act.Activation) -> None:
    x = np.array([math.nan, math.inf, -math.inf, 0.0, 1e300, -1e300])
    got = act.evaluate(entry.name, x, outputs=["second_derivative"])["second_derivative"]
    assert np.isnan(got[0])
    empty = act.evaluate(entry.name, np.zeros((0, 3)), outputs=["second_derivative"])
    assert empty["second_derivative"].shape == (0, 3)
    if entry.name not in BUILTIN:  # functions added later state their own domains
        return
    assert not np.isnan(got[1:]).any()
    if entry.name != "exponential":  # every other f'' tends to 0 as |x| -> inf
        np.testing.assert_array_equal(got[[1, 2, 4, 5]], 0.0)


@pytest.mark.parametrize(
    ("name", "params", "x", "want"),
    [
        ("relu", {}, 0.0, 0.0),
        ("leaky_relu", {}, 0.0, 0.0),
        ("elu", {"alpha": 0.5}, 0.0, 0.0),  # torch: 0 at 0 although f'(0) = alpha
        ("selu", {}, 0.0, 0.0),
        ("celu", {"alpha": 2.0}, 0.0, 0.0),
        ("softplus", {}, 20.0, 0.0),  # torch's double backward: >= threshold is linear
        ("hard_swish", {}, 3.0, 0.0),
        ("hard_swish", {}, -3.0, 0.0),
        ("hard_swish", {}, 0.0, 1.0 / 3.0),
        ("hard_sigmoid", {}, 0.0, 0.0),  # torch has no double backward; f' is constant
        ("hard_tanh", {}, 1.0, 0.0),
        ("sparse_plus", {}, 1.0, 0.0),
        ("sparse_plus", {}, 0.0, 0.5),
        ("softsign", {}, 0.0, 0.0),
        ("squareplus", {"b": 0.0}, 0.0, 0.0),
    ],
)
def test_kink_conventions(name: str, params: dict[str, Any], x: float, want: float) -> None:
    got = act.evaluate(name, np.array([x]), params, outputs=["second_derivative"])
    assert got["second_derivative"][0] == want


def test_vector_functions_have_no_second_derivative() -> None:
    for a in act.ACTIVATIONS:
        if a.kind != "vector":
            continue
        with pytest.raises(InvalidInputError) as e:
            act.evaluate(a.name, np.ones((2, 4)), outputs=["second_derivative"])
        assert e.value.loc == ("outputs",) and a.name in str(e.value)
        with pytest.raises(InvalidInputError):
            gradcheck.gradcheck_activation(a.name, np.ones((2, 4)), order=2)


# --------------------------------------------------------------------------------------------
# losses


def _loss_id(c: dict[str, Any]) -> str:
    return f"{c['name']}-{c['reduction']}-{'w' if 'sample_weight' in c else ''}-{c['params']}"


def _run(case: dict[str, Any], dtype: Any = np.float64) -> lo.LossResult:
    sw = case.get("sample_weight")
    return lo.evaluate_loss(
        case["name"],
        np.array(case["y_true"], dtype=np.float64),
        np.array(case["y_pred"], dtype=np.float64),
        case["params"],
        reduction=case["reduction"],
        sample_weight=None if sw is None else np.array(sw),
        convention=case.get("convention", "torch"),
        dtype=dtype,
        hessian=True,
        v=_arr(case["v"]),
    )


@pytest.mark.parametrize("case", GOLDEN["losses"], ids=_loss_id)
def test_loss_matches_torch_hessian_and_hvp(case: dict[str, Any]) -> None:
    r = _run(case)
    want_h = _arr(case["expected"]["hessian"])
    want_v = _arr(case["expected"]["hvp"])
    assert r.hessian is not None and r.hvp is not None
    assert r.hessian.shape == want_h.shape
    scale = max(float(np.max(np.abs(want_h))), 1.0)
    np.testing.assert_allclose(r.hessian, want_h, rtol=1e-10, atol=1e-12 * scale)
    np.testing.assert_allclose(r.hvp, want_v, rtol=1e-10, atol=1e-12 * scale)


def test_loss_float32() -> None:
    seen = set()
    for case in GOLDEN["losses"]:
        if case["name"] in seen:
            continue
        seen.add(case["name"])
        r = _run(case, np.float32)
        assert r.hessian is not None and r.hessian.dtype == np.float32
        want = _arr(case["expected"]["hessian"])
        scale = max(float(np.max(np.abs(want))), 1e-30)
        np.testing.assert_allclose(
            r.hessian, want, rtol=1e-4, atol=1e-4 * scale, err_msg=case["name"]
        )


BUILTIN_LOSSES = sorted({c["name"] for c in GOLDEN["losses"]})


def test_every_builtin_loss_has_a_hessian() -> None:
    for n in BUILTIN_LOSSES:
        e = lo.LOSSES.get(n)
        assert e.hvp is not None and e.catalog()["hessian_formula"], n


@pytest.mark.parametrize(
    "case",
    [
        c
        for c in GOLDEN["losses"]
        if c["reduction"] == "mean"
        and "sample_weight" not in c
        # probabilities exactly 0 and 1 sit on the epsilon clip's kink (checked against torch)
        and not (c["name"] == "binary_crossentropy" and 0.0 in np.array(c["y_pred"]))
    ],
    ids=_loss_id,
)
def test_loss_finite_differences_of_the_gradient(case: dict[str, Any]) -> None:
    r = gradcheck.gradcheck_loss(
        case["name"],
        np.array(case["y_true"]),
        np.array(case["y_pred"]),
        case["params"],
        convention=case.get("convention", "torch"),
        order=2,
    )
    assert r["passed"], r["worst"]
    assert set(r["checks"]) == {"hessian", "hvp"}


def test_loss_hvp_projections_on_a_large_input() -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(size=(200, 10))
    y = np.eye(10)[rng.integers(0, 10, 200)]
    r = gradcheck.gradcheck_loss("softmax_cross_entropy", y, z, order=2, directions=4)
    assert r["passed"] and r["mode"] == "projections"


def test_loss_hessian_layout_and_reductions() -> None:
    z = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    q = np.exp(z) / np.exp(z).sum(-1, keepdims=True)
    r = lo.evaluate_loss("softmax_cross_entropy", y, z, hessian=True, reduction="sum")
    assert r.hessian is not None and r.hessian.shape == (2, 3, 2, 3)
    for i in range(2):
        np.testing.assert_allclose(r.hessian[i, :, i, :], np.diag(q[i]) - np.outer(q[i], q[i]))
    np.testing.assert_array_equal(r.hessian[0, :, 1, :], 0.0)
    m = lo.evaluate_loss("softmax_cross_entropy", y, z, hessian=True)
    assert m.hessian is not None
    np.testing.assert_allclose(m.hessian, r.hessian / 2)


def test_loss_special_inputs() -> None:
    y = np.array([[0.0, 1.0], [1.0, 0.0]])
    p = np.array([[0.5, math.nan], [0.2, 0.3]])
    r = lo.evaluate_loss("mse", y, p, hessian=True, v=np.ones_like(p))
    assert r.hessian is not None and r.hvp is not None
    assert np.isnan(r.hessian[0, :, 0, :]).all() and np.isnan(r.hvp[0]).all()
    np.testing.assert_allclose(r.hessian[1, :, 1, :], np.eye(2) / 2)  # 2/C, mean over 2
    s = lo.evaluate_loss("mse", np.array(1.0), np.array(3.0), hessian=True, v=np.array(2.0))
    assert s.hessian is not None and s.hessian.shape == () and float(s.hessian) == 2.0
    assert s.hvp is not None and float(s.hvp) == 4.0
    e = lo.evaluate_loss("mse", np.zeros((0, 3)), np.zeros((0, 3)), hessian=True)
    assert e.hessian is not None and e.hessian.shape == (0, 3, 0, 3)
    big = lo.evaluate_loss(
        "binary_crossentropy",
        np.ones((1, 2)),
        np.array([[1e3, -1e3]]),
        {"from_logits": True},
        hessian=True,
    )
    assert big.hessian is not None and np.isfinite(big.hessian).all()


def test_loss_errors() -> None:
    with pytest.raises(LimitExceededError) as e:
        lo.evaluate_loss("mse", np.zeros(5000), np.ones(5000), hessian=True)
    assert e.value.limit == "max_hessian_elements"
    with pytest.raises(LimitExceededError):
        lo.evaluate_loss("mse", np.zeros(20), np.ones(20), hessian=True, max_hessian_elements=10)
    big = lo.evaluate_loss("mse", np.zeros(5000), np.ones(5000), v=np.ones(5000))
    assert big.hvp is not None and big.hvp.shape == (5000,)
    with pytest.raises(InvalidInputError) as e2:
        lo.evaluate_loss("mse", np.zeros((2, 3)), np.ones((2, 3)), v=np.ones(3))
    assert e2.value.loc == ("v",)
