"""Regression tests for issue 10 (edge cases that disagreed with PyTorch), one per class.

Expected values come from first principles (decimal arithmetic at 60 digits, exact scaling by
powers of two, limits) where torch itself is inaccurate, and from torch 2.13 golden values
(tests/fixtures/issue10_golden.json, made by tests/fixtures/gen_issue10.py) where torch is the
reference. Every class runs in float64 and float32.
"""

from __future__ import annotations

import base64
import json
import math
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from service.compute.activations import ACTIVATIONS, evaluate
from service.compute.losses import LOSSES, evaluate_loss
from service.compute.optimizers import OPTIMIZERS, step

GOLDEN = json.loads((Path(__file__).parents[1] / "fixtures" / "issue10_golden.json").read_text())[
    "cases"
]
DTYPES = ["float64", "float32"]


def _num(v: Any) -> Any:
    if isinstance(v, list):
        return [_num(x) for x in v]
    if isinstance(v, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v]
    return v


def _arr(v: Any, dt: str) -> np.ndarray:
    return np.asarray(_num(v), dtype=dt)


def _ulps(a: np.ndarray, ref: np.ndarray, dt: str) -> float:
    """Largest distance in units in the last place of dt (ref from higher precision)."""
    ref_dt = np.asarray(ref, dtype=np.float64)
    spacing = np.spacing(np.abs(ref_dt).astype(dt)).astype(np.float64)
    return float(np.max(np.abs(a.astype(np.float64) - ref_dt) / spacing))


def _same(a: np.ndarray, b: np.ndarray, rtol: float) -> None:
    assert a.shape == b.shape
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
    np.testing.assert_allclose(a, b, rtol=rtol, atol=0, equal_nan=True)


# ---- 1. prelu with size-0 x and size-0 alpha, param_grads --------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_class1_prelu_empty_alpha_param_grads(dt: str, client: TestClient) -> None:
    g = GOLDEN[dt]["prelu_empty"]
    out = evaluate(
        "prelu", np.zeros(g["x_shape"]), {"alpha": []}, outputs=["value", "param_grads"], dtype=dt
    )
    assert out["value"].shape == tuple(g["x_shape"])
    assert out["param_grads"]["alpha"].shape == tuple(g["alpha_grad_shape"]) == (0,)
    assert out["param_grads"]["alpha"].dtype == np.dtype(dt)
    r = client.post(
        "/v1/activations/prelu",
        json={
            "x": {"shape": [0, 0], "dtype": dt, "data": []},
            "params": {"alpha": {"shape": [0], "dtype": dt, "data": []}},
            "outputs": ["value", "vjp", "param_grads"],
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["param_grads"]["alpha"] == {"shape": [0], "dtype": dt, "data": []}


# ---- 2. cosine_similarity for huge (and tiny) norms ----------------------------------------


def _cosine_decimal(y: list[float], p: list[float]) -> tuple[Decimal, list[Decimal]]:
    """-cos(y, p) and its gradient in 60-digit decimal (norms far above the 1e-6 floor)."""
    with localcontext() as ctx:
        ctx.prec = 60
        yd, pd = [Decimal(v) for v in y], [Decimal(v) for v in p]
        ny = sum(v * v for v in yd).sqrt()
        npn = sum(v * v for v in pd).sqrt()
        dot = sum(a * b for a, b in zip(yd, pd, strict=True))
        loss = -dot / (ny * npn)
        grad = [-a / (ny * npn) + dot * b / (ny * npn**3) for a, b in zip(yd, pd, strict=True)]
        return loss, grad


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("scale_exp", [0, 70, 200, 400, 1000])
def test_class2_cosine_similarity_huge_norms(dt: str, scale_exp: int) -> None:
    big = 127 if dt == "float32" else 1023  # largest power of two of the dtype
    k = min(scale_exp, big - 2)
    y = [1.0, 2.0, -0.5]
    p = [math.ldexp(v, k) for v in (0.3, -1.0, 2.0)]
    ref_loss, ref_grad = _cosine_decimal(y, p)
    r = evaluate_loss("cosine_similarity", np.array([y]), np.array([p]), dtype=dt)
    assert np.isfinite(r.loss) and np.all(np.isfinite(r.grad))
    assert _ulps(np.asarray(r.loss), np.asarray(float(ref_loss)), dt) <= 4
    gref = np.array([[float(v) for v in ref_grad]])
    assert _ulps(r.grad, gref, dt) <= 8, (r.grad, gref)


# ---- 3. binary_focal_crossentropy from logits, float32 gradient ----------------------------


def _focal_decimal(z: float, y: float, gamma: float) -> tuple[Decimal, Decimal]:
    """Keras' binary focal loss of one logit and d/dz, in 60-digit decimal."""
    with localcontext() as ctx:
        ctx.prec = 60
        zd, yd, gd = Decimal(z), Decimal(y), Decimal(gamma)
        s = 1 / (1 + (-zd).exp())
        sn = 1 - s
        b = -(yd * s.ln() + (1 - yd) * sn.ln())
        omp = yd * sn + (1 - yd) * s
        domp = -(2 * yd - 1) * s * sn
        mod = omp**gd
        dmod = gd * omp ** (gd - 1) * domp
        return mod * b, dmod * b + mod * (s - yd)


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("z", [10.0, 15.0, 17.0, 25.0, -15.0, -30.0, 3.0])
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_class3_binary_focal_from_logits_gradient(dt: str, z: float, y: float) -> None:
    loss, grad = _focal_decimal(z, y, 2.0)
    r = evaluate_loss(
        "binary_focal_crossentropy",
        np.array([[y]]),
        np.array([[z]]),
        {"from_logits": True},
        dtype=dt,
    )
    tol = 8 if dt == "float32" else 64  # float64: a handful of roundings of exp/log1p
    assert _ulps(np.asarray(r.loss), np.asarray(float(loss)), dt) <= tol
    assert _ulps(r.grad, np.array([[float(grad)]]), dt) <= tol, (r.grad, float(grad))


# ---- 4. glu VJP where the true value is 0 --------------------------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_class4_glu_vjp_huge_value_saturated_gate(dt: str) -> None:
    a = 3e38 if dt == "float32" else 1e308
    # b large: sigma(b) = 1 and sigma(-b) = e^-b underflows, so a sigma(b) sigma(-b) ~ a e^-b,
    # far below the smallest subnormal of either dtype: the exact rounded value is 0
    x = np.array([[a, 1e24]])
    out = evaluate(
        "glu", x, None, grad_output=np.array([[2.0]]), outputs=["vjp", "jacobian"], dtype=dt
    )
    np.testing.assert_array_equal(out["vjp"], np.array([[2.0, 0.0]], dtype=dt))
    np.testing.assert_array_equal(out["jacobian"], np.array([[[1.0, 0.0]]], dtype=dt))


# ---- 5. centered rmsprop with huge float32 gradients ---------------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_class5_centered_rmsprop_huge_gradients(dt: str) -> None:
    for case in GOLDEN[dt]["rmsprop_centered"]:
        p = np.asarray(case["params"], dtype=dt)
        state = None
        for want in case["after"]:
            g = np.asarray([case["g"], -case["g"]], dtype=dt)
            r = step("rmsprop", p, g, state, {"lr": 0.01, "alpha": case["alpha"], "centered": True})
            p, state = r.params, r.state
            _same(p, _arr(want, dt), 1e-6 if dt == "float32" else 1e-12)


@pytest.mark.parametrize("name", [o.name for o in OPTIMIZERS if o.name != "adafactor"])
def test_class5_float32_overflowing_squares_never_nan(name: str) -> None:
    """A finite float32 gradient whose square overflows: torch's second moments become inf
    and the step 0 (or, without a second moment, a finite step); never a NaN parameter.

    Adafactor is left out on purpose: torch's own Adafactor gives NaN there (its first lerp
    has weight 1: inf − (inf − 0)·0), and the service follows it (its catalog rule says so).
    """
    p = np.array([1.0, -2.0], dtype=np.float32)
    g = np.array([5e20, -5e20], dtype=np.float32)
    hp: dict[str, Any] = {"lr": 0.01}
    if name == "rmsprop":
        hp["centered"] = True
    state = None
    for _ in range(3):
        r = step(name, p, g, state, hp)
        state = r.state
        assert not np.any(np.isnan(r.params)), (name, r.params)


# ---- 6. float32 global-norm clipping with huge gradients -----------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_class6_clip_grad_norm_float32_overflow_as_torch(dt: str) -> None:
    for case in GOLDEN[dt]["clip_global"]:
        params = {f"p{i}": np.zeros(len(g), dtype=dt) for i, g in enumerate(case["grads"])}
        grads = {f"p{i}": np.asarray(g, dtype=dt) for i, g in enumerate(case["grads"])}
        # sgd with lr 1 from 0: the new params are minus the clipped gradients
        r = step("sgd", params, grads, None, {"lr": 1.0}, clip={"global_norm": case["max_norm"]})
        for i, want in enumerate(case["clipped"]):
            got = -np.asarray(r.params[f"p{i}"])
            _same(got + 0.0, _arr(want, dt), 1e-6 if dt == "float32" else 1e-12)
        assert r.stats["clipped"]
        true_norm = math.sqrt(sum(float(v) ** 2 for g in case["grads"] for v in g))
        assert r.stats["grad_norm"] == pytest.approx(true_norm, rel=1e-6)


# ---- 7. poisson with y_true = 0 and an invalid rate ----------------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_class7_poisson_zero_target_invalid_rate(dt: str) -> None:
    for case in GOLDEN[dt]["poisson"]:
        r = evaluate_loss(
            "poisson",
            np.array([case["y_true"]]),
            np.array([case["y_pred"]]),
            {"epsilon": case["eps"]},
            dtype=dt,
        )
        assert math.isnan(float(r.loss)) and math.isnan(_num(case["loss"]))  # torch: NaN too
        _same(r.grad[0], _arr(case["grad"], dt), 1e-6 if dt == "float32" else 1e-12)
        assert any("NaN" in w and "negative" in w for w in r.warnings)


# ---- 8. optimizer state of size-0 parameters round-trips in every encoding ------------------


def _empty(form: str, shape: list[int], dt: str) -> dict[str, Any]:
    if form == "b64":
        return {"shape": shape, "dtype": dt, "b64": ""}
    return {"shape": shape, "dtype": dt, "data": []}


def _first(form: str, dt: str) -> Any:
    v = np.array([1.0, 2.0], dtype=dt)
    if form == "nested":
        return {"w": v.tolist()}
    if form == "flat":
        return {"w": {"shape": [2], "dtype": dt, "data": v.tolist()}}
    return {
        "w": {
            "shape": [2],
            "dtype": dt,
            "b64": base64.b64encode(v.astype("<" + v.dtype.str[1:]).tobytes()).decode(),
        }
    }


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("form", ["nested", "flat", "b64"])
@pytest.mark.parametrize("encoding", [None, "nested", "flat", "b64"])
def test_class8_size0_state_round_trips(
    dt: str, form: str, encoding: str | None, client: TestClient
) -> None:
    tree = {
        "a": _first(form, dt),
        "b": _empty("flat", [0, 3], dt),
        "c": _empty("b64", [2, 0, 1], dt),
    }
    body: dict[str, Any] = {"params": tree, "grads": tree, "hyperparams": {"lr": 0.1}}
    if encoding:
        body["encoding"] = encoding
    for name in ("adam", "adafactor", "nadam", "sgd"):
        hp = {"lr": 0.1, "momentum": 0.9} if name == "sgd" else {"lr": 0.1}
        state = None
        for _ in range(3):
            r = client.post(
                f"/v1/optimizers/{name}/step", json={**body, "hyperparams": hp, "state": state}
            )
            assert r.status_code == 200, (name, r.text)
            state = r.json()["state"]
        # the returned state was accepted back twice (the 200s above); a size-0 tensor comes
        # back as an object that keeps its shape in every encoding
        assert r.json()["params"]["b"]["shape"] == [0, 3]
        assert r.json()["params"]["c"]["shape"] == [2, 0, 1]
        holding = [t["b"] for t in state["slots"].values() if "b" in t]
        assert holding


# ---- 9. non-finite inputs ------------------------------------------------------------------


@pytest.mark.parametrize("dt", DTYPES)
def test_class9_rprop_nan_gradient_does_not_move(dt: str) -> None:
    case = GOLDEN[dt]["rprop_nan"]
    p, state = np.asarray(case["params"], dtype=dt), None
    for g, want in zip(case["grads"], case["after"], strict=True):
        r = step("rprop", p, _arr(g, dt), state, None)
        p, state = r.params, r.state
        _same(p, _arr(want["params"], dt), 1e-6 if dt == "float32" else 1e-15)
        _same(state["slots"]["prev"], _arr(want["prev"], dt), 0)
        _same(state["slots"]["step_size"], _arr(want["step_size"], dt), 1e-6)


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("name", ["mae", "mse", "huber", "smooth_l1", "smooth_l1_beta0"])
def test_class9_elementwise_losses_nonfinite_as_torch(dt: str, name: str) -> None:
    case = GOLDEN[dt][name]
    loss = "smooth_l1" if name.startswith("smooth_l1") else name
    r = evaluate_loss(
        loss, _arr(case["y_true"], dt), _arr(case["y_pred"], dt), case["params"], dtype=dt
    )
    assert math.isnan(float(r.loss)) and math.isnan(_num(case["loss"]))
    _same(r.grad, _arr(case["grad"], dt), 1e-6 if dt == "float32" else 1e-15)


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("name", ["hinge", "squared_hinge", "categorical_hinge"])
def test_class9_margin_losses_do_not_hide_nan(dt: str, name: str) -> None:
    y = np.array([[0.0, 1.0, 0.0]])
    p = np.array([[np.nan, 2.0, -3.0]])
    r = evaluate_loss(name, y, p, dtype=dt)
    assert math.isnan(float(r.loss)) and np.isnan(r.per_sample).all()
    assert np.isnan(r.grad).any()
    q = np.array([[np.inf, 0.0, 0.0]])  # 0 * inf in sum(y p): a NaN margin, NaN gradient
    r = evaluate_loss("categorical_hinge", y, q, dtype=dt)
    assert math.isnan(float(r.loss)) and np.isnan(r.grad).all()


NAN_CASES: dict[str, tuple[Any, Any, dict[str, Any]]] = {
    "sparse_categorical_crossentropy": ([1], [[0.2, np.nan, 0.3]], {}),
    "nll": ([1], [[-1.0, np.nan, -2.0]], {}),
}


@pytest.mark.parametrize("dt", DTYPES)
# issue 12's entries (catalog `inputs`): tests/compute/test_losses_more.py
@pytest.mark.parametrize("name", [e.name for e in LOSSES if "inputs" not in e.catalog()])
def test_class9_nan_never_hidden_by_a_finite_loss(dt: str, name: str) -> None:
    """A NaN prediction that enters the loss gives a NaN loss, for every loss."""
    y, p, prm = NAN_CASES.get(name, ([[0.0, 1.0, 0.0]], [[0.2, np.nan, 0.3]], {}))
    for extra in ({}, {"from_logits": True}):
        if extra and not any(s.name == "from_logits" for s in LOSSES.get(name).params):
            continue
        for reduction in ("mean", "sum", "none"):
            r = evaluate_loss(
                name, np.asarray(y), np.asarray(p), {**prm, **extra}, reduction=reduction, dtype=dt
            )
            assert np.isnan(r.loss).all(), (name, extra, reduction, r.loss)


@pytest.mark.parametrize("entry", [*ACTIVATIONS, *LOSSES, *OPTIMIZERS], ids=lambda e: e.name)
def test_every_entry_states_its_nonfinite_rule(entry: Any) -> None:
    nf = entry.nonfinite.catalog()
    assert set(nf) == {"rule", "torch"}
    assert len(nf["rule"]) > 20 and nf["torch"]
    assert ("NaN" in nf["rule"]) or ("nan" in nf["rule"].lower())


def test_catalog_endpoints_carry_nonfinite(client: TestClient) -> None:
    for path, key in (
        ("/v1/activations", "activations"),
        ("/v1/losses", "losses"),
        ("/v1/optimizers", "optimizers"),
    ):
        body = client.get(path).json()
        entries = body[key] if isinstance(body, dict) else body
        assert entries and all("rule" in e["nonfinite"] for e in entries), path
