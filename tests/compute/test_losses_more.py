"""Issue 12's losses (service/compute/losses/_more.py): PyTorch and Keras golden values,
central differences for every tensor input, float32, special values, errors and catalog.

Expected values come from tests/fixtures/losses_more_golden.json (gen_losses_more.py, torch
2.13 float64 autograd) and losses_keras_golden.json (gen_losses_keras.py, Keras 3.15 on JAX
float64), or from central differences of the loss itself, never from the code under test.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute.errors import InvalidInputError
from service.compute.inspect.gradcheck import gradcheck_loss
from service.compute.losses import LOSSES, MoreLoss, catalog, evaluate_loss

FIX = Path(__file__).parents[1] / "fixtures"
TORCH = json.loads((FIX / "losses_more_golden.json").read_text())["cases"]
KERAS = json.loads((FIX / "losses_keras_golden.json").read_text())["cases"]
MORE = [e for e in LOSSES if isinstance(e, MoreLoss)]
NAMES = {e.name for e in MORE}
RTOL = 1e-12


def dec(v: Any) -> np.ndarray:
    def conv(x: Any) -> Any:
        if isinstance(x, list):
            return [conv(y) for y in x]
        return {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}.get(x, x)

    return np.asarray(conv(v), dtype=np.float64)


def close(actual: Any, expected: Any, rtol: float = RTOL, atol: float = 0.0) -> None:
    a, e = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    assert a.shape == e.shape, (a.shape, e.shape)
    np.testing.assert_allclose(a, e, rtol=rtol, atol=atol + 1e-300)


def run(c: dict, dtype: str = "float64") -> Any:
    inputs = {k: dec(v) for k, v in c["inputs"].items()}
    yp = inputs.pop("y_pred", None)
    y = None if c["y_true"] is None else dec(c["y_true"])
    sw = None if c["sample_weight"] is None else np.asarray(c["sample_weight"], float)
    return evaluate_loss(
        c["name"],
        y,
        yp,
        c["params"],
        reduction=c["reduction"],
        sample_weight=sw,
        inputs=inputs,
        dtype=dtype,
    )


def test_fixtures_cover_every_entry() -> None:
    assert {c["name"] for c in TORCH} | {c["name"] for c in KERAS} == NAMES
    assert len(NAMES) == 11


@pytest.mark.parametrize(
    "c", TORCH, ids=[f"{c['name']}-{i}-{c['reduction']}" for i, c in enumerate(TORCH)]
)
def test_torch_golden(c: dict) -> None:
    r = run(c)
    close(r.loss, dec(c["loss"]))
    close(r.per_sample, dec(c["per_sample"]))
    assert set(r.grads) == set(c["grads"])
    for k, g in c["grads"].items():
        close(r.grads[k], dec(g))
    main = next(iter(c["inputs"]))
    np.testing.assert_array_equal(r.grad, r.grads[main])
    if c["reduction"] == "mean" and c["sample_weight"] is None:
        close(r.loss, dec(c["torch_mean"]))  # PyTorch's own reduction='mean'


@pytest.mark.parametrize(
    "c", KERAS, ids=[f"{c['name']}-{i}-{c['reduction']}" for i, c in enumerate(KERAS)]
)
def test_keras_golden(c: dict) -> None:
    sw = None if c["sample_weight"] is None else np.asarray(c["sample_weight"], float)
    r = evaluate_loss(
        c["name"],
        np.asarray(c["y_true"]),
        np.asarray(c["y_pred"]),
        c["params"],
        reduction=c["reduction"],
        sample_weight=sw,
    )
    close(r.loss, c["loss"])
    close(r.grad, c["grad"])
    close(r.per_sample, c["per_sample"])


@pytest.mark.parametrize("c", TORCH[::3], ids=lambda c: f"{c['name']}-{c['reduction']}")
def test_float32_close_to_the_float64_reference(c: dict) -> None:
    r = run(c, "float32")
    assert r.grad.dtype == np.float32 and np.asarray(r.loss).dtype == np.float32
    close(r.loss, dec(c["loss"]), rtol=2e-5, atol=1e-5)
    for k, g in c["grads"].items():
        assert r.grads[k].dtype == np.float32
        close(r.grads[k], dec(g), rtol=1e-4, atol=1e-5)


# ---------------------------------------------------------------------------------------
# central differences for every tensor input, away from kinks


def _case(name: str, rng: np.random.Generator) -> tuple[Any, dict[str, np.ndarray], dict]:
    n, c = 4, 3
    if name == "margin_ranking":
        x1 = rng.normal(size=(n, c))
        y = rng.choice([-1.0, 1.0], (n, c))
        x2 = x1 + y * rng.uniform(0.2, 1.0, (n, c)) * rng.choice([-1.0, 1.0], (n, c))
        return y, {"x1": x1, "x2": x2}, {"margin": 0.1}
    if name == "hinge_embedding":
        return rng.choice([-1.0, 1.0], (n, c)), {"y_pred": rng.uniform(0.1, 0.8, (n, c))}, {}
    if name == "cosine_embedding":
        return (
            np.array([1.0, -1.0, 1.0, -1.0]),
            {"x1": rng.normal(size=(n, 5)), "x2": rng.normal(size=(n, 5))},
            {"margin": -0.9},
        )
    if name == "multi_margin":
        return rng.integers(0, c, n), {"y_pred": rng.normal(size=(n, c))}, {"p": 2}
    if name == "multilabel_margin":
        y = np.array([[0, 2, -1], [1, -1, 0], [2, 1, 0], [-1, 0, 0]], dtype=float)
        return y, {"y_pred": rng.normal(size=(n, c)) * 0.2}, {}
    if name == "multilabel_soft_margin":
        y = (rng.uniform(size=(n, c)) > 0.5).astype(float)
        return y, {"y_pred": rng.normal(size=(n, c))}, {"class_weight": [1.0, 0.5, 2.0]}
    if name == "triplet_margin":
        a = rng.normal(size=(n, 4))
        return (
            None,
            {
                "anchor": a,
                "positive": a + 0.3 * rng.normal(size=(n, 4)),
                "negative": a + 0.3 * rng.normal(size=(n, 4)),
            },
            {"margin": 5.0, "p": 1.5, "swap": True},
        )
    if name == "gaussian_nll":
        return (
            rng.normal(size=(n, c)),
            {"y_pred": rng.normal(size=(n, c)), "var": rng.uniform(0.5, 2.0, (n,))},
            {"full": True},
        )
    if name == "poisson_nll":
        return (
            rng.integers(0, 5, (n, c)).astype(float),
            {"y_pred": rng.uniform(0.5, 3.0, (n, c))},
            {"log_input": False, "full": True},
        )
    y = (rng.uniform(size=(n, c)) > 0.5).astype(float)
    return y, {"y_pred": rng.uniform(0.1, 0.9, (n, c))}, {"axis": -1} if name == "dice" else {}


def _eval(name: str, y: Any, arrs: dict[str, np.ndarray], prm: dict, **kw: Any) -> Any:
    arrs = dict(arrs)
    yp = arrs.pop("y_pred", None)
    return evaluate_loss(name, y, yp, prm, inputs=arrs, **kw)


@pytest.mark.parametrize("name", sorted(NAMES))
@pytest.mark.parametrize("red", ["mean", "sum", "none"])
def test_every_input_matches_central_differences(name: str, red: str) -> None:
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    y, arrs, prm = _case(name, rng)
    batch = next(iter(arrs.values())).shape[:-1]
    sw = rng.uniform(0.5, 2.0, batch)
    res = _eval(name, y, arrs, prm, reduction=red, sample_weight=sw)
    h = 1e-6
    for k, a in arrs.items():
        num = np.zeros_like(a)
        for i in np.ndindex(a.shape):
            up, dn = dict(arrs), dict(arrs)
            up[k], dn[k] = a.copy(), a.copy()
            up[k][i] += h
            dn[k][i] -= h
            fu = np.sum(_eval(name, y, up, prm, reduction=red, sample_weight=sw).loss)
            fd = np.sum(_eval(name, y, dn, prm, reduction=red, sample_weight=sw).loss)
            num[i] = (fu - fd) / (2 * h)
        np.testing.assert_allclose(res.grads[k], num, rtol=1e-6, atol=1e-8, err_msg=k)


@pytest.mark.parametrize(
    "name", sorted(e.name for e in MORE if e.inputs == ("y_pred",) and e.name != "dice")
)
def test_gradcheck_endpoint_agrees_for_single_input_losses(name: str) -> None:
    y, arrs, prm = _case(name, np.random.default_rng(3))
    r = gradcheck_loss(name, y, arrs["y_pred"], prm)
    assert r["passed"], r["worst"]


# ---------------------------------------------------------------------------------------
# special values and torch's conventions


def test_kinks_follow_torch_clamp_min() -> None:
    # margin_ranking with x1 == x2 and margin 0: z = 0, clamp_min passes the gradient
    r = _eval(
        "margin_ranking",
        np.array([[1.0]]),
        {"x1": np.ones((1, 1)), "x2": np.ones((1, 1))},
        {},
        reduction="sum",
    )
    assert float(r.loss) == 0.0 and r.grads["x1"][0, 0] == -1.0 and r.grads["x2"][0, 0] == 1.0
    # multi_margin's kernel tests z > 0: at z = 0 the gradient is 0
    r = _eval(
        "multi_margin", np.array([0]), {"y_pred": np.array([[1.0, 0.0]])}, {}, reduction="sum"
    )
    assert float(r.loss) == 0.0 and np.all(r.grad == 0.0)


@pytest.mark.parametrize("dt", ["float64", "float32"])
@pytest.mark.parametrize("name", sorted(NAMES))
def test_nan_never_hidden(name: str, dt: str) -> None:
    y, arrs, prm = _case(name, np.random.default_rng(5))
    k = next(iter(arrs))
    arrs[k] = arrs[k].copy()
    arrs[k][0, 1] = np.nan
    for red in ("mean", "sum", "none"):
        r = _eval(name, y, arrs, prm, reduction=red, dtype=dt)
        assert np.isnan(np.asarray(r.loss)).any(), (name, red, r.loss)
        assert np.isnan(r.grads[k]).any()


def test_infinities_give_the_limits() -> None:
    # hinge_embedding, y = -1: max(0, m - inf) = 0, gradient 0; y = 1: inf
    r = _eval(
        "hinge_embedding",
        np.array([[-1.0, 1.0]]),
        {"y_pred": np.array([[np.inf, np.inf]])},
        {},
        reduction="none",
    )
    assert np.isinf(r.per_sample).all() and list(r.grad[0]) == [0.0, 0.5]
    # poisson_nll log_input: exp(-inf) - y z is 0 * (-inf) = NaN at y = 0, as torch computes it
    r = _eval(
        "poisson_nll", np.array([[0.0]]), {"y_pred": np.array([[-np.inf]])}, {}, reduction="sum"
    )
    assert np.isnan(float(r.loss)) and r.grad[0, 0] == 0.0
    # gaussian_nll with var = inf: log inf = inf
    r = _eval(
        "gaussian_nll",
        np.array([[0.0]]),
        {"y_pred": np.array([[1.0]]), "var": np.array([[np.inf]])},
        {},
        reduction="sum",
    )
    assert float(r.loss) == np.inf


def test_gaussian_nll_var_clamp_gradient_flows_as_torch() -> None:
    # var below eps: the loss uses eps, the gradient to var is evaluated at eps (no_grad clamp)
    r = _eval(
        "gaussian_nll",
        np.array([[0.0]]),
        {"y_pred": np.array([[0.5]]), "var": np.array([[1e-9]])},
        {"eps": 1e-2},
        reduction="sum",
    )
    v, e2 = 1e-2, 0.25
    assert float(r.loss) == pytest.approx(0.5 * (np.log(v) + e2 / v), rel=1e-14)
    assert r.grads["var"][0, 0] == pytest.approx(0.5 * (1 / v - e2 / v**2), rel=1e-14)


def test_whole_batch_dice_is_one_value() -> None:
    y = np.array([[1.0, 0.0], [1.0, 1.0]])
    p = np.array([[0.8, 0.1], [0.6, 0.9]])
    r = evaluate_loss("dice", y, p, reduction="mean")
    assert r.per_sample.shape == ()
    i, s = 0.8 + 0.6 + 0.9, 3.0 + 2.4 + 1e-7
    assert float(r.loss) == pytest.approx(1 - 2 * i / s, rel=1e-14)


# ---------------------------------------------------------------------------------------
# errors and warnings


@pytest.mark.parametrize(
    ("name", "y", "yp", "inputs", "loc"),
    [
        ("margin_ranking", [[1.0]], [[1.0]], {"x1": [[1.0]], "x2": [[0.0]]}, "y_pred"),
        ("margin_ranking", [[1.0]], None, {"x1": [[1.0]]}, "x2"),
        ("margin_ranking", [[1.0]], None, {"x1": [[1.0]], "x2": [[0.0, 1.0]]}, "x2"),
        (
            "triplet_margin",
            [1.0],
            None,
            {"anchor": [[1.0]], "positive": [[1.0]], "negative": [[1.0]]},
            "y_true",
        ),
        ("cosine_embedding", [1.0, 1.0], None, {"x1": [[1.0]], "x2": [[1.0]]}, "y_true"),
        ("gaussian_nll", [[1.0, 2.0]], [[1.0, 2.0]], {"var": [[-1.0, 1.0]]}, "var"),
        ("gaussian_nll", [[1.0, 2.0]], [[1.0, 2.0]], {"var": [1.0, 1.0, 1.0]}, "var"),
        ("multi_margin", [3], [[1.0, 2.0]], {}, "y_true"),
        ("multilabel_margin", [[2.0, -1.0]], [[1.0, 2.0]], {}, "y_true"),
        ("mse", [[1.0]], [[1.0]], {"var": [[1.0]]}, "var"),
        ("mse", [[1.0]], None, {}, "y_pred"),
    ],
)
def test_errors_name_the_field(name: str, y: Any, yp: Any, inputs: dict, loc: str) -> None:
    with pytest.raises(InvalidInputError) as exc:
        evaluate_loss(
            name,
            None if y is None else np.asarray(y, dtype=float),
            None if yp is None else np.asarray(yp, dtype=float),
            inputs={k: np.asarray(v, dtype=float) for k, v in inputs.items()},
        )
    assert exc.value.loc == (loc,), exc.value


def test_warnings() -> None:
    r = _eval("hinge_embedding", np.array([[0.0, 1.0]]), {"y_pred": np.array([[1.0, 2.0]])}, {})
    assert any("map 0 to -1" in w for w in r.warnings)
    r = _eval("poisson_nll", np.array([[-1.0]]), {"y_pred": np.array([[1.0]])}, {})
    assert any("non-negative counts" in w for w in r.warnings)
    r = _eval(
        "poisson_nll", np.array([[1.0]]), {"y_pred": np.array([[-1.0]])}, {"log_input": False}
    )
    assert any("log_input=true" in w for w in r.warnings)
    r = _eval(
        "multilabel_soft_margin",
        np.array([[2.0]]),
        {"y_pred": np.array([[1.0]])},
        {},
        output_activation="sigmoid",
    )
    assert any("outside [0, 1]" in w for w in r.warnings)
    assert any("not what the catalog recommends" in w for w in r.warnings)


def test_catalog_entries() -> None:
    by = {e["name"]: e for e in catalog()}
    for e in MORE:
        c = by[e.name]
        assert c["inputs"] == list(e.inputs)
        assert c["formula"] and c["gradient_formula"] and c["differences"]
        assert c["nonfinite"]["rule"] and c["nonfinite"]["torch"]
        assert c["torch"] or c["keras"]
    assert by["margin_ranking"]["inputs"] == ["x1", "x2"]
    assert by["triplet_margin"]["inputs"] == ["anchor", "positive", "negative"]
    assert by["gaussian_nll"]["inputs"] == ["y_pred", "var"]
    assert LOSSES.get("PoissonNLLLoss").name == "poisson_nll"
    assert LOSSES.get("Poisson").name == "poisson"


def test_multilabel_margin_pair_limit() -> None:
    c = 2001  # 2001^2 pairs > MAX_PAIRS = 4e6
    y = -np.ones((1, c))
    y[0, 0] = 3
    with pytest.raises(InvalidInputError) as exc:
        evaluate_loss("multilabel_margin", y, np.zeros((1, c)))
    assert exc.value.loc == ("y_pred",) and "4000000" in str(exc.value)
