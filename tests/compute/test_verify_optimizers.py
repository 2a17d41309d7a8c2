"""verify, optimizers: every recognised variant of all 14 optimizers, plus scaled.

Each case is a client step computed here from the variant's own formula (written out in NumPy,
not through the service), sent to ``verify_optimizer``; the diagnosis must name the variant.
A table over the registry checks that every variant an entry declares has such a case.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from service.compute.inspect.verify import verify_optimizer
from service.compute.optimizers import OPTIMIZERS

P = np.array([0.5, -1.2, 2.0, -0.3, 0.8])
G = np.array([0.3, -0.7, 0.05, 1.1, -0.4])
A = np.array([0.2, -0.1, 0.3, 0.05, -0.2])  # a first-moment / buffer slot
B = np.array([0.04, 0.09, 0.01, 0.5, 0.2])  # a second-moment slot (positive)
PM = np.array([[0.5, -1.2, 2.0], [-0.3, 0.8, 0.1]])  # a matrix for Adafactor
GM = np.array([[0.3, -0.7, 0.05], [1.1, -0.4, 0.2]])

Client = Callable[[], dict[str, Any]]  # -> {"params": ..., "state"?: {"slots": ...}}
# (optimizer, variant, hyperparams, state sent, client's result)
CASES: list[tuple[str, str, dict[str, Any], dict[str, Any] | None, Client]] = []


def case(
    opt: str, variant: str, hp: dict[str, Any], state: dict[str, Any] | None = None
) -> Callable[[Client], Client]:
    def deco(fn: Client) -> Client:
        CASES.append((opt, variant, hp, state, fn))
        return fn

    return deco


def st(step: int, **slots: Any) -> dict[str, Any]:
    return {"step": step, "slots": slots}


def out(params: np.ndarray, **slots: Any) -> dict[str, Any]:
    res: dict[str, Any] = {"params": params}
    if slots:
        res["state"] = {"slots": slots}
    return res


# ---- sgd (state: the buffer after one step) ------------------------------------------------
MOM = {"lr": 0.1, "momentum": 0.9}


@case("sgd", "nesterov_missing", {**MOM, "nesterov": True}, st(1, momentum_buffer=A))
def _() -> dict[str, Any]:
    return out(P - 0.1 * (0.9 * A + G))


@case("sgd", "nesterov_unexpected", MOM, st(1, momentum_buffer=A))
def _() -> dict[str, Any]:
    b = 0.9 * A + G
    return out(P - 0.1 * (G + 0.9 * b))


@case("sgd", "dampening_on_first_step", {**MOM, "dampening": 0.5})
def _() -> dict[str, Any]:
    return out(P - 0.1 * (0.5 * G))


@case("sgd", "dampening_missing", {**MOM, "dampening": 0.5}, st(1, momentum_buffer=A))
def _() -> dict[str, Any]:
    return out(P - 0.1 * (0.9 * A + G))


@case("sgd", "weight_decay_after_momentum", {**MOM, "weight_decay": 0.1}, st(1, momentum_buffer=A))
def _() -> dict[str, Any]:
    # the same parameters as torch from this state, but a buffer without wd·p in it
    b = 0.9 * A + G
    return out(P - 0.1 * (b + 0.1 * P), momentum_buffer=b)


# ---- adam / adamw (state: step 2; t = 3; ε large enough to tell the forms apart) -------------
ADAM_HP = {"lr": 0.1, "eps": 1e-2}


def adam_client(form: str, decay: str = "none", wd: float = 0.0) -> np.ndarray:
    p, g = P.copy(), G.copy()
    if decay == "coupled":
        g = g + wd * p
    elif decay == "decoupled":
        p = p * (1 - 0.1 * wd)
    m = 0.9 * A + 0.1 * g
    v = 0.999 * B + 0.001 * g * g
    t = 3
    bc1, bc2 = 1 - 0.9**t, 1 - 0.999**t
    eps, lr = 1e-2, 0.1
    if form == "torch":
        return p - lr / bc1 * m / (np.sqrt(v) / math.sqrt(bc2) + eps)
    if form == "inside":
        return p - lr / bc1 * m / np.sqrt(v / bc2 + eps)
    if form == "inside_raw":
        return p - lr / bc1 * m / (np.sqrt(v + eps) / math.sqrt(bc2))
    if form == "uncorrected":
        return p - lr * m / (np.sqrt(v) + eps)
    assert form == "keras"
    return p - lr * math.sqrt(bc2) / bc1 * m / (np.sqrt(v) + eps)


ADAM_STATE = st(2, exp_avg=A, exp_avg_sq=B)
for _name in ("adam", "adamw"):
    _hp = {**ADAM_HP, "weight_decay": 0.0} if _name == "adamw" else ADAM_HP
    case(_name, "eps_inside_sqrt", _hp, ADAM_STATE)(lambda: out(adam_client("inside")))
    case(_name, "eps_inside_sqrt", _hp, ADAM_STATE)(lambda: out(adam_client("inside_raw")))
    case(_name, "no_bias_correction", _hp, ADAM_STATE)(lambda: out(adam_client("uncorrected")))
    case(_name, "keras_convention", _hp, ADAM_STATE)(lambda: out(adam_client("keras")))
case(
    "adam",
    "coupled_weight_decay",
    {**ADAM_HP, "weight_decay": 0.1, "decoupled_weight_decay": True},
    ADAM_STATE,
)(lambda: out(adam_client("torch", "coupled", 0.1)))
case("adamw", "coupled_weight_decay", {**ADAM_HP, "weight_decay": 0.1}, ADAM_STATE)(
    lambda: out(adam_client("torch", "coupled", 0.1))
)
case("adam", "decoupled_weight_decay", {**ADAM_HP, "weight_decay": 0.1}, ADAM_STATE)(
    lambda: out(adam_client("torch", "decoupled", 0.1))
)


# ---- adamax ---------------------------------------------------------------------------------
AMX = {"lr": 0.1, "eps": 1e-2}
U = 10 * B  # β₂u above |g| + ε: where ε goes matters


@case("adamax", "keras_convention", AMX, st(2, exp_avg=A, exp_inf=U))
def _() -> dict[str, Any]:
    m = 0.9 * A + 0.1 * G
    u = np.maximum(0.999 * U, np.abs(G))
    return out(P - 0.1 * m / ((1 - 0.9**3) * (u + 1e-2)))


@case("adamax", "no_bias_correction", AMX, st(2, exp_avg=A, exp_inf=B))
def _() -> dict[str, Any]:
    m = 0.9 * A + 0.1 * G
    u = np.maximum(0.999 * B, np.abs(G) + 1e-2)
    return out(P - 0.1 * m / u)


# ---- nadam (state: step 2 with Π₂) -----------------------------------------------------------
NAD = {"lr": 0.1, "eps": 1e-2}
PI2 = 0.5


def nadam_client(psi: float | None, inside: bool = False) -> np.ndarray:
    t, b1 = 3, 0.9
    if psi is None:
        mu = mu1 = b1
    else:
        mu = b1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu1 = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
    pi = PI2 * mu
    m = b1 * A + (1 - b1) * G
    v = 0.999 * B + 0.001 * G * G
    vh = v / (1 - 0.999**t)
    d = np.sqrt(vh + 1e-2) if inside else np.sqrt(vh) + 1e-2
    return P - 0.1 * (1 - mu) / (1 - pi) * G / d - 0.1 * mu1 / (1 - pi * mu1) * m / d


NAD_STATE = st(2, exp_avg=A, exp_avg_sq=B, mu_product=PI2)
case("nadam", "no_momentum_schedule", NAD, NAD_STATE)(lambda: out(nadam_client(None)))
case("nadam", "keras_momentum_schedule", NAD, NAD_STATE)(lambda: out(nadam_client(1.0)))
case("nadam", "eps_inside_sqrt", NAD, NAD_STATE)(lambda: out(nadam_client(0.004, True)))


# ---- radam (first step: ρ₁ = 1 ≤ 5, the reference takes η·m̂) ------------------------------


def radam_adaptive(rect: float) -> np.ndarray:
    b2 = 0.999
    m_hat = G  # (1 − β₁)g / (1 − β₁)
    v = (1 - b2) * G * G
    return P - 0.1 * m_hat * rect * math.sqrt(1 - b2) / (np.sqrt(v) + 1e-8)


@case("radam", "no_rectification", {"lr": 0.1})
def _() -> dict[str, Any]:
    return out(radam_adaptive(1.0))


@case("radam", "no_rectification_switch", {"lr": 0.1})
def _() -> dict[str, Any]:
    rho_inf = 2 / (1 - 0.999) - 1
    rho = rho_inf - 2 * 0.999 / (1 - 0.999)  # = 1 at t = 1
    r = math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))
    return out(radam_adaptive(r))


# ---- adagrad --------------------------------------------------------------------------------
ADG = {"lr": 0.1, "eps": 1e-2, "initial_accumulator_value": 0.2}


@case("adagrad", "eps_inside_sqrt", ADG)
def _() -> dict[str, Any]:
    return out(P - 0.1 * G / np.sqrt(0.2 + G * G + 1e-2))


@case("adagrad", "missing_initial_accumulator", ADG)
def _() -> dict[str, Any]:
    return out(P - 0.1 * G / (np.sqrt(G * G) + 1e-2))


@case("adagrad", "keras_initial_accumulator", {"lr": 0.1, "eps": 1e-2})
def _() -> dict[str, Any]:
    return out(P - 0.1 * G / (np.sqrt(0.1 + G * G) + 1e-2))


@case("adagrad", "missing_lr_decay", {"lr": 0.1, "lr_decay": 0.5}, st(2, sum=B))
def _() -> dict[str, Any]:
    return out(P - 0.1 * G / (np.sqrt(B + G * G) + 1e-10))


# ---- adadelta -------------------------------------------------------------------------------
ADD = {"lr": 0.5, "eps": 1e-2}


@case("adadelta", "eps_outside_sqrt", ADD, st(1, square_avg=B, acc_delta=B[::-1].copy()))
def _() -> dict[str, Any]:
    v = 0.9 * B + 0.1 * G * G
    d = (np.sqrt(B[::-1]) + 1e-2) / (np.sqrt(v) + 1e-2) * G
    return out(P - 0.5 * d)


@case("adadelta", "lr_ignored", ADD, st(1, square_avg=B, acc_delta=B[::-1].copy()))
def _() -> dict[str, Any]:
    v = 0.9 * B + 0.1 * G * G
    return out(P - np.sqrt(B[::-1] + 1e-2) / np.sqrt(v + 1e-2) * G)


# ---- rmsprop --------------------------------------------------------------------------------
RMS = {"lr": 0.01, "eps": 1e-2}


@case("rmsprop", "eps_inside_sqrt", RMS, st(1, square_avg=B))
def _() -> dict[str, Any]:
    v = 0.99 * B + 0.01 * G * G
    return out(P - 0.01 * G / np.sqrt(v + 1e-2))


@case(
    "rmsprop", "keras_convention", {**RMS, "momentum": 0.9}, st(1, square_avg=B, momentum_buffer=A)
)
def _() -> dict[str, Any]:
    v = 0.99 * B + 0.01 * G * G
    b = 0.9 * A + 0.01 * G / np.sqrt(v + 1e-2)
    return out(P - b)


@case("rmsprop", "centered_mixup", RMS)
def _() -> dict[str, Any]:
    v = 0.01 * G * G
    gbar = 0.01 * G
    return out(P - 0.01 * G / (np.sqrt(v - gbar * gbar) + 1e-2))


@case("rmsprop", "alpha_rho_swapped", RMS, st(1, square_avg=B))
def _() -> dict[str, Any]:
    v = 0.01 * B + 0.99 * G * G
    return out(P - 0.01 * G / (np.sqrt(v) + 1e-2))


@case("rmsprop", "keras_default_rho", RMS, st(1, square_avg=B))
def _() -> dict[str, Any]:
    v = 0.9 * B + 0.1 * G * G
    return out(P - 0.01 * G / (np.sqrt(v) + 1e-2))


# ---- rprop (prev: signs kept at 0, 3, 4; changed at 1, 2) ------------------------------------
PREV = np.array([0.2, 0.5, -0.1, 0.3, -0.6])
SS = np.array([0.01, 0.02, 0.03, 0.04, 0.05])
SAME = np.sign(G * PREV) > 0


@case("rprop", "no_zeroing_on_sign_change", {"lr": 0.01}, st(1, prev=PREV, step_size=SS))
def _() -> dict[str, Any]:
    step = SS * np.where(SAME, 1.2, 0.5)
    return out(P - np.sign(G) * step)


@case("rprop", "etas_swapped", {"lr": 0.01}, st(1, prev=PREV, step_size=SS))
def _() -> dict[str, Any]:
    step = SS * np.where(SAME, 0.5, 1.2)
    g = np.where(SAME, G, 0.0)
    return out(P - np.sign(g) * step)


@case("rprop", "sign_convention", {"lr": 0.01})
def _() -> dict[str, Any]:
    return out(P - np.sign(G) * 0.01 * 1.2)


# ---- asgd -----------------------------------------------------------------------------------
ASG = {"lr": 0.1, "lambd": 0.01}


@case("asgd", "average_before_update", ASG)
def _() -> dict[str, Any]:
    p1 = P * (1 - 0.01 * 0.1) - 0.1 * G
    return out(p1, ax=P.copy(), eta=0.1 / (1 + 0.01 * 0.1) ** 0.75, mu=1.0)


@case("asgd", "missing_decay_term", ASG)
def _() -> dict[str, Any]:
    return out(P - 0.1 * G)


# ---- adafactor (a 2×3 matrix, first step: β̂₂ weight 1) --------------------------------------


def adafactor_client(rho: float, scale: bool = True, factored: bool = True) -> np.ndarray:
    e1 = float(np.finfo(np.float64).eps)
    g2 = GM * GM
    if factored:
        row = g2.mean(axis=1, keepdims=True)
        col = g2.mean(axis=0, keepdims=True)
        v = row @ col / max(row.mean(), e1)
    else:
        v = g2
    u = GM / np.sqrt(np.maximum(v, e1 * e1))
    rms_u = np.sqrt(np.mean(u * u))
    alpha = max(1e-3, float(np.sqrt(np.mean(PM * PM)))) * rho if scale else rho
    return PM - alpha / max(1.0, rms_u) * u


AF = {"lr": 2.0}
case("adafactor", "no_relative_step", AF)(lambda: out(adafactor_client(2.0)))
case("adafactor", "no_parameter_scale", AF)(lambda: out(adafactor_client(1.0, scale=False)))
case("adafactor", "unfactored_second_moment", AF)(
    lambda: out(adafactor_client(1.0, factored=False))
)


# ---- lion -----------------------------------------------------------------------------------
LN = {"lr": 0.1, "weight_decay": 0.0}
M = np.array([-0.015, 0.035, -0.0025, 0.2, -0.2])  # the two signs differ at 0, 1, 2


@case("lion", "betas_swapped", LN, st(1, exp_avg=M))
def _() -> dict[str, Any]:
    return out(P - 0.1 * np.sign(0.99 * M + 0.01 * G))


@case("lion", "sign_missing", LN, st(1, exp_avg=M))
def _() -> dict[str, Any]:
    return out(P - 0.1 * (0.9 * M + 0.1 * G))


# ---- lamb (first step: m̂ = g, v̂ = g²) --------------------------------------------------------
LB = {"lr": 0.1, "weight_decay": 0.1}
R0 = G / (np.abs(G) + 1e-6)


@case("lamb", "trust_ratio_missing", LB)
def _() -> dict[str, Any]:
    return out(P - 0.1 * (R0 + 0.1 * P))


@case("lamb", "weight_decay_outside_trust_ratio", LB)
def _() -> dict[str, Any]:
    p = P - P * 0.1 * 0.1
    return out(p - 0.1 * np.linalg.norm(p) / np.linalg.norm(R0) * R0)


# ---- the tests ------------------------------------------------------------------------------


def _inputs(opt: str) -> tuple[np.ndarray, np.ndarray]:
    return (PM, GM) if opt == "adafactor" else (P, G)


@pytest.mark.parametrize(
    ("opt", "variant", "hp", "state", "client"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_variant_is_diagnosed(
    opt: str, variant: str, hp: dict[str, Any], state: Any, client: Client
) -> None:
    p, g = _inputs(opt)
    r = verify_optimizer(opt, p, g, client(), state=state, hyperparams=hp)
    assert not r["passed"]
    failed = {k: o for k, o in r["outputs"].items() if not o["passed"]}
    assert failed
    for key, o in failed.items():
        assert o["diagnosis"] == variant, (key, o["diagnosis"], o["diagnosis_detail"])


def test_every_declared_variant_has_a_case() -> None:
    declared = {(o.name, v.name) for o in OPTIMIZERS for v in o.variants}
    covered = {(c[0], c[1]) for c in CASES}
    assert declared == covered
    assert {o.name for o in OPTIMIZERS if o.variants} == set(OPTIMIZERS.names())


@pytest.mark.parametrize("k", [2.0, 0.5, 3.7])
def test_scaled_update_reports_the_factor(k: float) -> None:
    # SGD with momentum from a state: the client's update is k × torch's
    b = 0.9 * A + G
    client = P - k * 0.1 * b
    r = verify_optimizer(
        "sgd", P, G, {"params": client}, state=st(1, momentum_buffer=A), hyperparams=MOM
    )
    o = r["outputs"]["params"]
    assert o["diagnosis"] == "scaled", o["diagnosis_detail"]
    assert o["factor"] == pytest.approx(k, rel=1e-9)


def test_scaled_over_several_parameters_needs_one_factor() -> None:
    p = {"w": P, "b": P[:2].copy()}
    g = {"w": G, "b": G[:2].copy()}
    ok = {"w": P - 0.2 * G, "b": P[:2] - 0.2 * G[:2]}
    r = verify_optimizer("sgd", p, g, {"params": ok}, hyperparams={"lr": 0.1})
    assert {o["diagnosis"] for o in r["outputs"].values()} == {"scaled"}
    mixed = {"w": P - 0.2 * G, "b": P[:2] - 0.3 * G[:2]}
    r = verify_optimizer("sgd", p, g, {"params": mixed}, hyperparams={"lr": 0.1})
    assert "scaled" not in {o["diagnosis"] for o in r["outputs"].values()}


def test_correct_step_passes_without_diagnosis() -> None:
    r = verify_optimizer("adam", P, G, {"params": adam_client("torch")}, ADAM_STATE, ADAM_HP)
    assert r["passed"] and r["outputs"]["params"]["diagnosis"] is None


def test_verify_names_no_optimizer() -> None:
    """The variants live on the entries: verify.py names no optimizer."""
    from pathlib import Path

    from service.compute.inspect import verify

    text = Path(verify.__file__).read_text()
    for name in OPTIMIZERS.names():
        assert f'"{name}"' not in text and f"'{name}'" not in text, name
