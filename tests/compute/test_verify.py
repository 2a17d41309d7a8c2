"""verify: exact client outputs pass; client outputs built as each known variant (by hand, with
NumPy formulas written here, not with the service's code) are recognised; bad requests are
InvalidInputError with the field's loc."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from scipy import special

from service.compute import activations as act
from service.compute import losses as losses_mod
from service.compute.errors import InvalidInputError, UnknownNameError
from service.compute.inspect.verify import (
    VerifyTolerance,
    client_dtype,
    ulp_distance,
    verify_activation,
    verify_loss,
    verify_optimizer,
)

X = np.array([[-2.5, -0.75, 0.3, 1.7], [3.0, 0.1, -1.2, 2.2]])


def _outs(r: dict[str, Any]) -> dict[str, tuple[bool, str | None]]:
    return {k: (v["passed"], v["diagnosis"]) for k, v in r["outputs"].items()}


# --------------------------------------------------------------------------------------------
# ULP arithmetic


def test_ulp_distance() -> None:
    one = np.float32(1.0)
    nxt = np.nextafter(one, np.float32(2))
    assert ulp_distance(np.array([nxt]), np.array([1.0]), np.float32)[0] == 1
    # across zero: +0 and -0 are the same number, the smallest subnormals one step away
    tiny = np.nextafter(np.float32(0), np.float32(1))
    assert ulp_distance(np.array([-0.0]), np.array([0.0]), np.float32)[0] == 0
    assert ulp_distance(np.array([-float(tiny)]), np.array([float(tiny)]), np.float32)[0] == 2
    d = ulp_distance(
        np.array([np.nan, np.nan, 1.0, np.inf]), np.array([np.nan, 1.0, np.nan, np.inf]), np.float64
    )
    assert d.tolist() == [0.0, math.inf, math.inf, 0.0]
    # the reference is rounded to the client's dtype first
    assert ulp_distance(np.array([float(np.float32(0.1))]), np.array([0.1]), np.float32)[0] == 0


def test_ulp_distance_float16_counts_every_float16_between() -> None:
    # every finite float16 from -65504 to 65504 in order (-0 and +0 are one number): each is
    # one ULP from the next, and the distance from the lowest is its rank
    bits = np.arange(1 << 16, dtype=np.uint16)
    v = bits.view(np.float16)
    v = np.unique(v[np.isfinite(v)].astype(np.float64))  # sorted, -0 merged with +0
    d = ulp_distance(v[1:], v[:-1], np.float16)
    assert v.size == 63487 and (d == 1).all()
    lowest = np.full_like(v, v[0])
    np.testing.assert_array_equal(ulp_distance(v, lowest, np.float16), np.arange(v.size))
    # the reference is rounded to float16 first; beyond 65504 it is infinity
    assert ulp_distance(np.array([0.0999755859375]), np.array([0.1]), np.float16)[0] == 0
    assert ulp_distance(np.array([np.inf]), np.array([1e6]), np.float16)[0] == 0


@pytest.mark.parametrize(
    ("given", "declared", "want"),
    [
        (None, [], np.float64),
        (None, [None, None], np.float64),
        (None, ["float16", None], np.float16),
        (None, ["float32", None], np.float32),
        (None, ["float16", "float32"], np.float32),
        (None, ["float16", "float64"], np.float64),
        (None, ["float32", "int64"], np.float64),
        ("float16", ["float64"], np.float16),
        ("float64", ["float16"], np.float64),
    ],
)
def test_client_dtype_given_or_the_widest_declared(
    given: str | None, declared: list[str | None], want: type
) -> None:
    assert client_dtype(given, declared) is want
    big = ulp_distance(np.array([2.0]), np.array([1.0]), np.float64)[0]
    assert big == 2.0**52


# --------------------------------------------------------------------------------------------
# activations: exact clients pass


@pytest.mark.parametrize("name", act.ACTIVATIONS.names())
def test_reference_outputs_pass_in_both_dtypes(name: str) -> None:
    params = {"pieces": 2} if name == "maxout" else None
    entry = act.ACTIVATIONS.get(name)
    wanted = ["value", "vjp", "jacobian"] + (["derivative"] if entry.kind == "elementwise" else [])
    ref = act.evaluate(name, X, params, outputs=wanted)
    r = verify_activation(name, X, ref, params)
    assert r["passed"], _outs(r)
    assert all(o["max_ulp"] == 0 for o in r["outputs"].values())
    x32 = X.astype(np.float32)
    ref32 = {
        k: v.astype(np.float32) for k, v in act.evaluate(name, x32, params, outputs=wanted).items()
    }
    assert verify_activation(name, x32, ref32, params, dtype=np.float32)["passed"]


@pytest.mark.parametrize(
    "name", ["sigmoid", "tanh", "relu", "softplus", "elu", "softmax", "log_softmax", "silu"]
)
def test_float32_computation_passes(name: str) -> None:
    # what a careful float32 implementation returns: the service's own float32 path
    rng = np.random.default_rng(0)
    x32 = rng.uniform(-6, 6, (4, 16)).astype(np.float32)
    # a random cotangent: with ones, softmax's VJP is exactly 0 and float32 leaves ~1e-8
    g32 = rng.uniform(-1, 1, (4, 16)).astype(np.float32)
    out = ["value", "vjp"]
    ref32 = act.evaluate(name, x32, outputs=out, grad_output=g32, dtype=np.float32)
    r = verify_activation(name, x32, ref32, grad_output=g32, dtype=np.float32)
    assert r["passed"], {k: v["max_ulp"] for k, v in r["outputs"].items()}


def test_prelu_param_grads() -> None:
    g = np.ones_like(X)
    expected = float(np.minimum(X, 0).sum())  # d/dalpha sum(prelu) = sum(min(x, 0))
    r = verify_activation("prelu", X, {"param_grads": {"alpha": np.array(expected)}}, grad_output=g)
    assert r["passed"] and "param_grads.alpha" in r["outputs"]
    r = verify_activation("prelu", X, {"param_grads": {"alpha": np.array(-expected)}})
    assert _outs(r)["param_grads.alpha"] == (False, "sign_flipped")


def test_elementwise_jacobian_may_be_sent_as_its_diagonal() -> None:
    s = special.expit(X)
    d = s * (1 - s)
    r = verify_activation("sigmoid", X, {"jacobian": d}, tol=VerifyTolerance(ulp=64))
    assert r["passed"] and r["outputs"]["jacobian"]["shape"] == [2, 4, 4]


# --------------------------------------------------------------------------------------------
# activations: variants


def test_sign_flipped() -> None:
    s = special.expit(X)
    r = verify_activation(
        "sigmoid", X, {"derivative": -special.expit(X) * special.expit(-X), "value": s}
    )
    assert _outs(r) == {"derivative": (False, "sign_flipped"), "value": (True, None)}
    assert not r["passed"]


def test_derivative_at_output() -> None:
    y = special.expit(X)
    r = verify_activation("sigmoid", X, {"derivative": special.expit(y) * special.expit(-y)})
    assert _outs(r) == {"derivative": (False, "derivative_at_output")}
    t = np.tanh(X)
    r = verify_activation("tanh", X, {"vjp": 1 - np.tanh(t) ** 2})
    assert _outs(r) == {"vjp": (False, "derivative_at_output")}


def test_diagonal_softmax_jacobian() -> None:
    e = np.exp(X - X.max(axis=-1, keepdims=True))
    s = e / e.sum(axis=-1, keepdims=True)
    diag = s * (1 - s)
    full_diag = np.einsum("bi,ij->bij", diag, np.eye(4))
    g = np.array([[1.0, -2.0, 0.5, 3.0], [0.0, 1.0, 1.0, -1.0]])
    r = verify_activation(
        "softmax", X, {"jacobian": full_diag, "vjp": g * diag, "derivative": diag}, grad_output=g
    )
    assert _outs(r) == {
        k: (False, "diagonal_jacobian_only") for k in ("jacobian", "vjp", "derivative")
    }
    # a correct full Jacobian, built from the closed form, passes
    full = np.einsum("bi,ij->bij", s, np.eye(4)) - np.einsum("bi,bj->bij", s, s)
    assert verify_activation("softmax", X, {"jacobian": full}, tol=VerifyTolerance(ulp=64))[
        "passed"
    ]


@pytest.mark.parametrize("slope", [0.01, 0.2])
def test_leaky_relu_other_library_slopes(slope: float) -> None:
    value = np.where(X > 0, X, slope * X)
    deriv = np.where(X > 0, 1.0, slope)
    r = verify_activation("leaky_relu", X, {"value": value, "derivative": deriv})
    label = f"leaky_slope_{slope}"
    assert _outs(r) == {"value": (False, label), "derivative": (False, label)}
    # asked for 0.01 and sent 0.01: exact
    r = verify_activation("leaky_relu", X, {"value": value}, {"negative_slope": slope})
    assert r["passed"]


def test_gelu_tanh_approximation() -> None:
    c = math.sqrt(2 / math.pi)
    approx = 0.5 * X * (1 + np.tanh(c * (X + 0.044715 * X**3)))
    r = verify_activation("gelu", X, {"value": approx})
    assert _outs(r) == {"value": (False, "gelu_tanh_approximation")}
    exact = 0.5 * X * special.erfc(-X / math.sqrt(2))
    r = verify_activation("gelu", X, {"value": exact}, {"approximate": "tanh"})
    assert _outs(r) == {"value": (False, "gelu_exact")}


def test_float32_overflow() -> None:
    x32 = np.array([-5.0, -1.0, 0.5, 3.0, 100.0, 200.0], dtype=np.float32)
    with np.errstate(over="ignore"):
        naive = np.log1p(np.exp(x32))  # softplus without the linear branch: exp overflows
    r = verify_activation("softplus", x32, {"value": naive}, dtype=np.float32)
    out = r["outputs"]["value"]
    assert (out["passed"], out["diagnosis"]) == (False, "float32_overflow")
    assert out["mismatches"] == 2
    assert [m["index"] for m in out["first_mismatches"]] == [[4], [5]]
    assert out["first_mismatches"][0]["client"] == math.inf
    assert out["first_mismatches"][0]["reference"] == 100.0
    xs = np.array([[100.0, 0.0, -3.0]], dtype=np.float32)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(xs)
        naive_softmax = e / e.sum(axis=-1, keepdims=True)  # inf / inf
    r = verify_activation("softmax", xs, {"value": naive_softmax}, dtype=np.float32)
    assert _outs(r) == {"value": (False, "float32_overflow")}


def test_kink_convention() -> None:
    x = np.array([-1.0, 0.0, 2.0])
    # JAX/Keras-jax: leaky_relu'(0) = 1 (x >= 0 branch); the reference follows torch: alpha
    r = verify_activation("leaky_relu", x, {"derivative": np.array([0.1, 1.0, 1.0])})
    assert _outs(r) == {"derivative": (False, "kink_convention")}
    assert r["outputs"]["derivative"]["first_mismatches"][0]["index"] == [1]


def test_unrecognised_error_has_no_diagnosis() -> None:
    s = special.expit(X)
    wrong = s * (1 - s) + 1e-3
    r = verify_activation("sigmoid", X, {"derivative": wrong}, tol=VerifyTolerance(max_listed=3))
    out = r["outputs"]["derivative"]
    assert out["diagnosis"] is None and out["mismatches"] == 8
    assert len(out["first_mismatches"]) == 3
    assert out["first_mismatches"][0]["index"] == [0, 0]
    assert out["max_abs_error"] == pytest.approx(1e-3, rel=1e-9)


def test_tolerance_atol_and_ulp() -> None:
    s = special.expit(X)
    off = s * (1 + 8 * np.finfo(float).eps)  # about 8 ulp
    assert not verify_activation("sigmoid", X, {"value": off})["passed"]
    assert verify_activation("sigmoid", X, {"value": off}, tol=VerifyTolerance(ulp=20))["passed"]
    assert verify_activation("sigmoid", X, {"value": off}, tol=VerifyTolerance(ulp=0, atol=1e-14))[
        "passed"
    ]


def test_default_atol_absorbs_cancellation_near_zero() -> None:
    x = np.array([1e-4, 2.0, -3.0])
    ref = x - np.tanh(x)  # tanh_shrink: x − tanh x cancels near 0
    client = ref.copy()
    client[0] += 1e-16  # many ulp of 3.3e-13, far below one ulp of the largest value
    out = verify_activation("tanh_shrink", x, {"value": client})["outputs"]["value"]
    assert out["passed"] and out["max_ulp"] > 4


# --------------------------------------------------------------------------------------------
# losses


def _mse_case() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(5)
    return rng.normal(size=(4, 3)), rng.normal(size=(4, 3))


def test_exact_loss_passes() -> None:
    y, p = _mse_case()
    n, c = p.shape
    loss = np.mean((p - y) ** 2)
    grad = 2 * (p - y) / (n * c)
    per = np.mean((p - y) ** 2, axis=-1)
    r = verify_loss(
        "mse",
        y,
        p,
        {"loss": np.array(loss), "grad": grad, "per_sample": per},
        tol=VerifyTolerance(ulp=16),
    )
    assert r["passed"], _outs(r)
    assert r["target"] == {
        "kind": "loss",
        "name": "mse",
        "reduction": "mean",
        "convention": "torch",
    }


def test_missing_mean_division() -> None:
    y, p = _mse_case()
    n, c = p.shape
    tol = VerifyTolerance(ulp=16)
    for grad in (2 * (p - y) / c, 2 * (p - y) / n, 2 * (p - y)):
        r = verify_loss("mse", y, p, {"grad": grad}, tol=tol)
        assert _outs(r) == {"grad": (False, "missing_mean_division")}
    r = verify_loss(
        "mse", y, p, {"loss": np.array(np.sum(np.mean((p - y) ** 2, axis=-1)))}, tol=tol
    )
    assert _outs(r) == {"loss": (False, "missing_mean_division")}
    assert "1/N" in r["outputs"]["loss"]["diagnosis_detail"]


def test_loss_sign_flipped() -> None:
    y, p = _mse_case()
    n, c = p.shape
    r = verify_loss("mse", y, p, {"grad": -2 * (p - y) / (n * c)}, tol=VerifyTolerance(ulp=16))
    assert _outs(r) == {"grad": (False, "sign_flipped")}


def test_loss_keras_convention() -> None:
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    p = np.array([[0.2, 0.5, 0.1], [0.3, 0.3, 0.6]])  # rows not summing to 1
    q = p / p.sum(axis=-1, keepdims=True)  # Keras renormalises first
    keras_loss = float(np.mean(-np.sum(y * np.log(q), axis=-1)))
    r = verify_loss(
        "categorical_crossentropy",
        y,
        p,
        {"loss": np.array(keras_loss)},
        tol=VerifyTolerance(ulp=16),
    )
    assert _outs(r) == {"loss": (False, "keras_convention")}


# --------------------------------------------------------------------------------------------
# diagnoses for every function: scaled, missing_chain_rule_factor (client numbers from formulas
# written here)

SELU_SCALE = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717


def test_scaled_activation_derivative_reports_the_factor() -> None:
    twice = 2 * (1 - np.tanh(X) ** 2)  # d/dx tanh written with a stray factor 2
    r = verify_activation("tanh", X, {"derivative": twice})
    out = r["outputs"]["derivative"]
    assert (out["passed"], out["diagnosis"], out["factor"]) == (False, "scaled", 2.0)
    assert "2 × the reference" in out["diagnosis_detail"]
    # selu's derivative without its scale λ: the factor is 1/λ, not a simple fraction
    no_scale = np.where(X > 0, 1.0, SELU_ALPHA * np.exp(X))
    r = verify_activation("selu", X, {"derivative": no_scale})
    out = r["outputs"]["derivative"]
    assert out["diagnosis"] == "scaled"
    assert out["factor"] == pytest.approx(1 / SELU_SCALE, rel=1e-12)


def test_scaled_loss_gradient_and_scalar_loss() -> None:
    y, p = _mse_case()
    n, c = p.shape
    half = (p - y) / (n * c)  # mse's gradient without the 2 of the square's derivative
    r = verify_loss("mse", y, p, {"grad": half})
    assert _outs(r) == {"grad": (False, "scaled")} and r["outputs"]["grad"]["factor"] == 0.5
    halved = np.array(0.5 * np.mean((p - y) ** 2))
    r = verify_loss("mse", y, p, {"loss": halved})
    assert _outs(r) == {"loss": (False, "scaled")} and r["outputs"]["loss"]["factor"] == 0.5
    # a scalar off by something that is not n or 1/n is not called scaled
    r = verify_loss("mse", y, p, {"loss": np.array(np.mean((p - y) ** 2) + 0.1)})
    assert _outs(r) == {"loss": (False, None)} and r["outputs"]["loss"]["factor"] is None


def test_specific_variants_come_before_scaled() -> None:
    y, p = _mse_case()
    n = p.shape[0]
    r = verify_loss("mse", y, p, {"grad": 2 * (p - y) / p.shape[1]})  # n × the reference
    assert _outs(r) == {"grad": (False, "missing_mean_division")}
    assert n != 1 and r["outputs"]["grad"]["factor"] is None
    r = verify_activation("tanh", X, {"derivative": -(1 - np.tanh(X) ** 2)})
    assert _outs(r) == {"derivative": (False, "sign_flipped")}


def test_missing_chain_rule_factor_sigmoid() -> None:
    s = 1 / (1 + np.exp(-X))
    r = verify_activation("sigmoid", X, {"derivative": s})  # σ where σ(1 − σ) is meant
    out = r["outputs"]["derivative"]
    assert (out["diagnosis"], out["factor"]) == ("missing_chain_rule_factor", None)
    assert "1 − σ(x)" in out["diagnosis_detail"]
    r = verify_activation("sigmoid", X, {"derivative": 1 - s})
    assert "the factor σ(x) is missing" in r["outputs"]["derivative"]["diagnosis_detail"]


def test_missing_chain_rule_factor_log_sigmoid_and_gelu() -> None:
    s = 1 / (1 + np.exp(-X))
    r = verify_activation("log_sigmoid", X, {"derivative": s * (1 - s)})
    assert _outs(r) == {"derivative": (False, "missing_chain_rule_factor")}
    assert "1/σ(x)" in r["outputs"]["derivative"]["diagnosis_detail"]
    # exact gelu: Φ(x) + x·φ(x) with φ written as e^(−x²/2)/√π (the 1/√2 of erf's argument lost)
    phi_big = 0.5 * (1 + np.vectorize(math.erf)(X / math.sqrt(2)))
    wrong = phi_big + X * np.exp(-(X**2) / 2) / math.sqrt(math.pi)
    r = verify_activation("gelu", X, {"derivative": wrong})
    assert _outs(r) == {"derivative": (False, "missing_chain_rule_factor")}
    # tanh gelu: the inner derivative of u = √(2/π)(x + 0.044715x³) left out
    u = math.sqrt(2 / math.pi) * (X + 0.044715 * X**3)
    wrong = 0.5 * (1 + np.tanh(u)) + 0.5 * X * (1 - np.tanh(u) ** 2)
    r = verify_activation("gelu", X, {"derivative": wrong}, {"approximate": "tanh"})
    assert _outs(r) == {"derivative": (False, "missing_chain_rule_factor")}
    assert "du/dx" in r["outputs"]["derivative"]["diagnosis_detail"]


def test_vjp_without_grad_output() -> None:
    g = np.linspace(-2.0, 3.0, X.size).reshape(X.shape)
    dsoftplus = 1 / (1 + np.exp(-X))  # f'(x), never multiplied by g
    r = verify_activation("softplus", X, {"vjp": dsoftplus}, grad_output=g)
    out = r["outputs"]["vjp"]
    assert (
        out["diagnosis"] == "missing_chain_rule_factor"
        and "grad_output" in (out["diagnosis_detail"])
    )
    # prelu's alpha gradient summed without g: Σ min(0, x)
    r = verify_activation(
        "prelu", X, {"param_grads": {"alpha": np.array(np.minimum(X, 0).sum())}}, grad_output=g
    )
    assert _outs(r) == {"param_grads.alpha": (False, "missing_chain_rule_factor")}
    # softmax: s ⊙ (1 − ⟨1, s⟩) = 0 is what forgetting g gives
    r = verify_activation("softmax", X, {"vjp": np.zeros_like(X)}, grad_output=g, tol=None)
    assert _outs(r) == {"vjp": (False, "missing_chain_rule_factor")}


def test_missing_chain_rule_factor_loss_from_logits() -> None:
    rng = np.random.default_rng(4)
    z = rng.normal(size=(3, 4)) * 1.5
    y = (rng.uniform(size=(3, 4)) > 0.5).astype(float)
    p = 1 / (1 + np.exp(-z))
    dldp = (-y / p + (1 - y) / (1 - p)) / z.size  # w.r.t. p = σ(z), not z
    r = verify_loss("binary_crossentropy", y, z, {"grad": dldp}, {"from_logits": True})
    assert _outs(r) == {"grad": (False, "missing_chain_rule_factor")}
    assert "sigmoid" in r["outputs"]["grad"]["diagnosis_detail"]
    onehot = np.eye(4)[[1, 3, 0]]
    e = np.exp(z - z.max(-1, keepdims=True))
    q = e / e.sum(-1, keepdims=True)
    r = verify_loss(
        "categorical_crossentropy", onehot, z, {"grad": -onehot / q / 3}, {"from_logits": True}
    )
    assert _outs(r) == {"grad": (False, "missing_chain_rule_factor")}
    assert "softmax" in r["outputs"]["grad"]["diagnosis_detail"]


def test_verify_names_no_function() -> None:
    """Per-function knowledge is on the entries: verify's source names no registered function."""
    from pathlib import Path

    from service.compute.inspect import verify

    text = Path(verify.__file__).read_text()
    src = text[: text.index("def verify_optimizer")]  # the optimizers' part is theirs
    for name in [*act.ACTIVATIONS.names(), *losses_mod.LOSSES.names()]:
        assert f'"{name}"' not in src and f"'{name}'" not in src, name


def test_loss_float32() -> None:
    y, p = _mse_case()
    ref = losses_mod.evaluate_loss("mse", y, p)
    r = verify_loss(
        "mse",
        y.astype(np.float32),
        p.astype(np.float32),
        {"grad": ref.grad.astype(np.float32)},
        dtype=np.float32,
    )
    # the reference is computed from the float32-rounded inputs: still within a few ulp
    assert r["passed"] and r["dtype"] == "float32"


# --------------------------------------------------------------------------------------------
# optimizers (client steps written here from torch's update rules)


def _tree(seed: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return (
        {"w": rng.normal(size=(3, 2)), "b": rng.normal(size=2)},
        {"w": rng.normal(size=(3, 2)), "b": rng.normal(size=2)},
    )


def _adam(
    p: dict[str, np.ndarray],
    g: dict[str, np.ndarray],
    st: dict[str, Any] | None,
    lr: float,
    eps: float,
    wd: float = 0.0,
    mode: str = "torch",
    decoupled: bool = False,
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    b1, b2 = 0.9, 0.999
    t = st["step"] + 1 if st else 1
    out, ms, vs = {}, {}, {}
    for k in p:
        pk, gk = p[k], g[k]
        if wd and decoupled:
            pk = pk * (1 - lr * wd)
        elif wd:
            gk = gk + wd * pk
        m = (st["slots"]["exp_avg"][k] if st else 0.0) * b1 + (1 - b1) * gk
        v = (st["slots"]["exp_avg_sq"][k] if st else 0.0) * b2 + (1 - b2) * gk * gk
        bc1, bc2 = 1 - b1**t, 1 - b2**t
        denom = {
            "torch": np.sqrt(v) / math.sqrt(bc2) + eps,
            "inside": np.sqrt(v / bc2 + eps),
            "nobc": (np.sqrt(v) + eps) / bc1,
            "keras": (np.sqrt(v) + eps) / math.sqrt(bc2),
        }[mode]
        out[k] = pk - lr / bc1 * m / denom
        ms[k], vs[k] = m, v
    return out, {"step": t, "slots": {"exp_avg": ms, "exp_avg_sq": vs}}


@pytest.mark.parametrize(
    ("mode", "diagnosis"),
    [
        ("torch", None),
        ("inside", "eps_inside_sqrt"),
        ("nobc", "no_bias_correction"),
        ("keras", "keras_convention"),
    ],
)
def test_adam_variants(mode: str, diagnosis: str | None) -> None:
    p, g = _tree(0)
    hp = {"lr": 0.1, "eps": 1e-3}
    p1, st1 = _adam(p, g, None, 0.1, 1e-3)
    p2, st2 = _adam(p1, g, st1, 0.1, 1e-3, mode=mode)  # second step: t = 2
    r = verify_optimizer(
        "adam",
        p1,
        g,
        {"params": p2, "state": st2},
        state=st1,
        hyperparams=hp,
        tol=VerifyTolerance(ulp=16),
    )
    params_out = {k: v for k, v in _outs(r).items() if k.startswith("params")}
    assert params_out == {
        "params.w": (diagnosis is None, diagnosis),
        "params.b": (diagnosis is None, diagnosis),
    }
    assert all(v["passed"] for k, v in r["outputs"].items() if k.startswith("state"))
    assert r["target"]["step"] == 2


def test_adamw_coupled_weight_decay() -> None:
    p, g = _tree(1)
    hp = {"lr": 0.1, "weight_decay": 0.1}
    good, good_st = _adam(p, g, None, 0.1, 1e-8, wd=0.1, decoupled=True)
    r = verify_optimizer(
        "adamw",
        p,
        g,
        {"params": good, "state": good_st},
        hyperparams=hp,
        tol=VerifyTolerance(ulp=16),
    )
    assert r["passed"]
    bad, bad_st = _adam(p, g, None, 0.1, 1e-8, wd=0.1, decoupled=False)
    r = verify_optimizer(
        "adamw", p, g, {"params": bad, "state": bad_st}, hyperparams=hp, tol=VerifyTolerance(ulp=16)
    )
    assert set(_outs(r).values()) == {(False, "coupled_weight_decay")}


@pytest.mark.parametrize("name", ["rmsprop", "adagrad"])
@pytest.mark.parametrize("inside", [False, True])
def test_eps_inside_sqrt_rmsprop_adagrad(name: str, inside: bool) -> None:
    p, g = _tree(2)
    eps = 1e-3
    lr = 0.01
    new, slots = {}, {}
    for k in p:
        v = (1 - 0.99) * g[k] ** 2 if name == "rmsprop" else g[k] ** 2
        d = np.sqrt(v + eps) if inside else np.sqrt(v) + eps
        new[k] = p[k] - lr * g[k] / d
        slots[k] = v
    slot = "square_avg" if name == "rmsprop" else "sum"
    r = verify_optimizer(
        name,
        p,
        g,
        {"params": new, "state": {"step": 1, "slots": {slot: slots}}},
        hyperparams={"lr": lr, "eps": eps},
        tol=VerifyTolerance(ulp=16),
    )
    want = (False, "eps_inside_sqrt") if inside else (True, None)
    assert _outs(r)["params.w"] == want and _outs(r)["params.b"] == want
    assert _outs(r)[f"state.slots.{slot}.w"] == (True, None)


def test_rmsprop_momentum_eps_inside_sqrt() -> None:
    p, g = _tree(3)
    eps, lr, mu = 1e-3, 0.01, 0.9
    new, vs, bufs = {}, {}, {}
    for k in p:
        v = 0.01 * g[k] ** 2
        buf = g[k] / np.sqrt(v + eps)
        new[k], vs[k], bufs[k] = p[k] - lr * buf, v, buf
    r = verify_optimizer(
        "rmsprop",
        p,
        g,
        {"params": new, "state": {"step": 1, "slots": {"square_avg": vs, "momentum_buffer": bufs}}},
        hyperparams={"lr": lr, "eps": eps, "momentum": mu},
        tol=VerifyTolerance(ulp=16),
    )
    assert _outs(r)["params.w"] == (False, "eps_inside_sqrt")
    assert _outs(r)["state.slots.momentum_buffer.w"] == (False, "eps_inside_sqrt")


def test_sgd_sign_flipped_single_tensor() -> None:
    p = np.array([1.0, -2.0, 3.0])
    g = np.array([0.5, 0.25, -1.0])
    r = verify_optimizer("sgd", p, g, {"params": p + 0.1 * g}, hyperparams={"lr": 0.1})
    assert _outs(r) == {"params": (False, "sign_flipped")}
    r = verify_optimizer("sgd", p, g, {"params": p - 0.1 * g}, hyperparams={"lr": 0.1})
    assert r["passed"]


# --------------------------------------------------------------------------------------------
# bad requests


@pytest.mark.parametrize(
    ("call", "loc"),
    [
        (lambda: verify_activation("sigmoid", X, {}), ()),
        (lambda: verify_activation("sigmoid", X, {"value": np.ones(3)}), ("value",)),
        (lambda: verify_activation("softmax", X, {"jacobian": np.ones((2, 4, 3))}), ("jacobian",)),
        (
            lambda: verify_activation("prelu", X, {"param_grads": {"beta": 1.0}}),
            ("param_grads", "beta"),
        ),
        (lambda: verify_activation("prelu", X, {"param_grads": [1.0]}), ("param_grads",)),
        (lambda: verify_activation("sigmoid", X, {"value": X}, {"alpha": 1}), ("params", "alpha")),
        (
            lambda: verify_activation("sigmoid", X, {"value": X}, tol=VerifyTolerance(ulp=-1)),
            ("tolerance", "ulp"),
        ),
        (
            lambda: verify_activation(
                "sigmoid", X, {"value": X}, tol=VerifyTolerance(atol=math.nan)
            ),
            ("tolerance", "atol"),
        ),
        (
            lambda: verify_activation(
                "sigmoid", X, {"value": X}, tol=VerifyTolerance(max_listed=10**6)
            ),
            ("tolerance", "max_listed"),
        ),
        (lambda: verify_activation("sigmoid", X, {"value": np.array(["a"])}), ("value",)),
        (lambda: verify_loss("mse", X, X, {}), ()),
        (lambda: verify_loss("mse", X, X, {"grad": np.ones(3)}), ("grad",)),
        (lambda: verify_loss("mse", X, X, {"loss": 1.0}, reduction="avg"), ("reduction",)),
        (lambda: verify_optimizer("sgd", X, X, {}), ("result",)),
        (lambda: verify_optimizer("sgd", X, X, {"params": np.ones(3)}), ("result", "params")),
        (
            lambda: verify_optimizer("sgd", {"w": X}, {"w": X}, {"params": {"v": X}}),
            ("result", "params", "v"),
        ),
        (
            lambda: verify_optimizer("adam", X, X, {"params": X, "state": {"slots": {"m": X}}}),
            ("result", "state", "slots", "m"),
        ),
        (
            lambda: verify_optimizer("adam", X, X, {"params": X}, hyperparams={"lr": -1}),
            ("hyperparams", "lr"),
        ),
        (lambda: client_dtype("bfloat16"), ("dtype",)),
    ],
)
def test_bad_requests(call: Any, loc: tuple[Any, ...]) -> None:
    with pytest.raises(InvalidInputError) as e:
        call()
    assert e.value.loc == loc


def test_unknown_names() -> None:
    with pytest.raises(UnknownNameError):
        verify_activation("nope", X, {"value": X})
    with pytest.raises(UnknownNameError):
        verify_loss("nope", X, X, {"loss": 1.0})
    with pytest.raises(UnknownNameError):
        verify_optimizer("nope", X, X, {"params": X})


def test_zero_dimensional_outputs_keep_their_shape() -> None:
    r = verify_activation("relu", np.array(0.5), {"value": np.array(0.5)})
    assert r["passed"] and r["outputs"]["value"]["shape"] == []
    assert ulp_distance(np.array(1.0), np.array(1.0), np.float32).shape == ()


def _f16_shift(a: np.ndarray, ulps: int) -> np.ndarray:
    """``a`` (float16) with its largest element moved ``ulps`` float16 steps up (beyond the
    default ``atol``, which is ULPs of the largest magnitude)."""
    out = np.asarray(a, np.float16).copy()
    i = np.unravel_index(int(np.argmax(np.abs(out))), out.shape)
    for _ in range(ulps):
        out[i] = np.nextafter(out[i], np.float16(np.inf))
    return out


def test_float16_clients_of_every_kind() -> None:
    """An activation, a loss and an optimizer step computed exactly and rounded to float16
    pass at 0 ULP in float16; the largest moved 16 float16 ULPs they fail (tolerance 4, beyond
    the default atol, which is 4 ULPs above the largest magnitude) with no
    diagnosis of a different formula."""
    x = np.array([[-2.0, -0.5, 0.25, 1.5]], np.float16).astype(np.float64)
    s = special.expit(x)
    yt = np.array([[0.0, 1.0, 0.0, 0.0]])
    g = np.array([[0.5, -0.25, 0.125, 1.0]], np.float16).astype(np.float64)
    cases = [
        (
            "activation",
            lambda v: verify_activation("sigmoid", x, {"value": v}, dtype=np.float16),
            s.astype(np.float16),
        ),
        (
            "loss",
            lambda v: verify_loss("mse", yt, x, {"grad": v}, dtype=np.float16),
            (2 * (x - yt) / x.size).astype(np.float16),
        ),
        (
            "optimizer",
            lambda v: verify_optimizer(
                "sgd", x, g, {"params": v}, hyperparams={"lr": 0.1}, dtype=np.float16
            ),
            (x - 0.1 * g).astype(np.float16),
        ),
    ]
    for kind, run, exact in cases:
        good = run(exact)
        assert good["passed"] and good["dtype"] == "float16", kind
        assert all(o["max_ulp"] == 0 for o in good["outputs"].values()), kind
        bad = run(_f16_shift(exact, 16))
        assert not bad["passed"], kind
        (out,) = bad["outputs"].values()
        assert out["max_ulp"] == 16 and out["diagnosis"] is None, (kind, out)
