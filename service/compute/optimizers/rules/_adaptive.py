"""Adagrad, RMSprop and Adadelta; the notation is the package's."""

from __future__ import annotations

from typing import cast

import numpy as np

from service.compute.optimizers.rules._base import (
    ADAPT_RULE,
    HP,
    KERAS_WD,
    MAXIMIZE,
    OPTIMIZERS,
    ConvergenceSpec,
    Ctx,
    KerasForm,
    Optimizer,
    OptimizerVariant,
    Shape,
    Slots,
    _eps,
    _keps,
    _keras_decay,
    _klr,
    _kwd,
    _like,
    _lr,
    _rule,
    _wd,
    _weight_decay,
    _with_hp,
    lerp,
)
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite

# ---- Adagrad -------------------------------------------------------------------------------


def _adagrad_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    eps_inside: bool = False,
    lr_decay: bool = True,
) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    p, g = _weight_decay(p, g, c, False)
    clr = c.lr / (1 + (float(c.t) - 1) * hp["lr_decay"]) if lr_decay else c.lr
    acc = s["sum"] + (1 * g) * g
    std = np.sqrt(acc + hp["eps"]) if eps_inside else np.sqrt(acc) + hp["eps"]
    return p + ((-clr) * g) / std, {"sum": acc}


def _adagrad(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _adagrad_rule(p, g, s, c)


def _k_adagrad(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    p = _keras_decay(p, c)
    acc = s["accumulator"] + g * g
    return p - (c.lr * g) / np.sqrt(acc + c.hp["epsilon"]), {"accumulator": acc}


ADAGRAD = OPTIMIZERS.register(
    Optimizer(
        name="adagrad",
        step_cost=3,
        nonfinite=NonFinite(ADAPT_RULE, "agrees"),
        params=(
            _lr(1e-2),
            ParamSpec(
                "lr_decay", 0.0, "learning-rate decay: η_t = η/(1 + (t−1)·lr_decay)", minimum=0.0
            ),
            _wd(),
            ParamSpec(
                "initial_accumulator_value",
                0.0,
                "initial value of the sum of squares",
                minimum=0.0,
            ),
            _eps(1e-10, "added to √sum (outside the square root)"),
            MAXIMIZE,
        ),
        slots=lambda shape, hp, lr: _like(shape, ("sum", hp["initial_accumulator_value"])),
        update=_adagrad,
        rule=(
            r"S_t = S_{t-1} + g^2;\ p \leftarrow p - \frac{\eta}{1+(t-1)\,\mathrm{lr\_decay}}"
            r"\frac{g}{\sqrt{S_t} + \epsilon}"
        ),
        summary="Per-coordinate step sizes that shrink as squared gradients accumulate.",
        reference="torch.optim.Adagrad (_single_tensor_adagrad)",
        differences={
            "keras": "keras.optimizers.Adagrad: g/√(S + ε) (ε inside the root), "
            "initial_accumulator_value 0.1, epsilon 1e-7, learning_rate 0.001.",
            "optax": "optax.adagrad: g·rsqrt(S + eps) (ε inside), initial_accumulator_value "
            "0.1, eps 1e-7.",
        },
        variants=(
            OptimizerVariant(
                "eps_inside_sqrt",
                "matches ε inside the square root, g/√(S + ε) (Keras' and optax's form) "
                "instead of PyTorch's g/(√S + ε)",
                _rule(_adagrad_rule, eps_inside=True),
            ),
            OptimizerVariant(
                "missing_initial_accumulator",
                "matches an accumulator started at 0 instead of initial_accumulator_value",
                _adagrad,
                slots=lambda shape, hp, lr: _like(shape, ("sum", 0.0)),
            ),
            OptimizerVariant(
                "keras_initial_accumulator",
                "matches an accumulator started at 0.1 (Keras' and optax's "
                "initial_accumulator_value) instead of the value asked",
                _adagrad,
                slots=lambda shape, hp, lr: _like(shape, ("sum", 0.1)),
            ),
            OptimizerVariant(
                "missing_lr_decay",
                "matches the step without lr_decay: η instead of η/(1 + (t − 1)·lr_decay)",
                _rule(_adagrad_rule, lr_decay=False),
            ),
        ),
        keras=KerasForm(
            params=(
                _klr(1e-3),
                ParamSpec(
                    "initial_accumulator_value",
                    0.1,
                    "initial value of the accumulator",
                    minimum=0.0,
                ),
                _keps(1e-7, "added inside the square root"),
                _kwd(),
            ),
            slots=lambda shape, hp, lr: _like(
                shape, ("accumulator", hp["initial_accumulator_value"])
            ),
            update=_k_adagrad,
            rule=r"S_t = S_{t-1} + g^2;\ p \leftarrow p - \frac{\eta\,g}{\sqrt{S_t + \epsilon}}",
            changes="ε inside the square root (g/√(S + ε)); initial_accumulator_value 0.1 "
            "(torch 0); no lr_decay; defaults learning_rate 0.001, epsilon 1e-7; slot "
            "'accumulator'; " + KERAS_WD + ".",
            reference="keras.optimizers.Adagrad (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.5}},
            rosenbrock={"hyperparams": {"lr": 0.5}, "clip": {"global_norm": 1.0}},
        ),
    )
)


# ---- RMSprop -------------------------------------------------------------------------------


def _sub_square(v: np.ndarray, a: np.ndarray) -> np.ndarray:
    """v − a² rounded once, as a fused multiply-add would (the product a² exact).

    a = m·2^e (frexp, m in [0.5, 1)); Dekker's split of m gives m² = P + E exactly, so
    a² = fl(a²) + E·2^(2e), and (v − fl(a²)) − E·2^(2e) is v − a² to about one rounding
    (v − fl(a²) is exact where it cancels). The correction underflows near the subnormal
    range; where a² overflows or a is not finite the plain v − fl(a²) stands.
    """
    dt = a.dtype
    k = dt.type(2.0 ** ((np.finfo(dt).nmant + 2) // 2) + 1)  # 2^27 + 1, float32 2^12 + 1
    with np.errstate(all="ignore"):
        m, e = np.frexp(a)
        t = k * m
        hi = t - (t - m)
        lo = m - hi
        pm = m * m
        em = ((hi * hi - pm) + 2 * hi * lo) + lo * lo  # m² = pm + em exactly
        sq = a * a
        err = np.where(np.isfinite(sq), np.ldexp(em, 2 * e), 0).astype(dt)
        return cast(np.ndarray, (v - sq) - err)


def _rmsprop_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    out = _like(shape, ("square_avg", 0.0))
    if hp["momentum"] > 0:
        out["momentum_buffer"] = (shape, 0.0)
    if hp["centered"]:
        out["grad_avg"] = (shape, 0.0)
    return out


def _rmsprop_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    form: str = "torch",
    centered: bool | None = None,
    swapped: bool = False,
) -> tuple[np.ndarray, Slots]:
    """``form`` "torch" (√v + ε), "eps_inside" (√(v + ε)) or "keras" (ε inside and the
    learning rate inside the momentum buffer); ``swapped``: v = (1 − α)v + α·g²."""
    hp = c.hp
    a = hp["alpha"]
    center = hp["centered"] if centered is None else centered
    p, g = _weight_decay(p, g, c, False)
    w = 1 - a if swapped else a  # swapped: v = (1 − α)v + α·g²
    v0 = s["square_avg"]
    v = v0 * w + ((1 - w) * g) * g
    new: Slots = {"square_avg": v}
    if center or "grad_avg" in s:
        prev = s.get("grad_avg", np.zeros_like(g))
        gavg = lerp(prev, g, a) if swapped else lerp(prev, g, 1 - a)
        if "grad_avg" in s:
            new["grad_avg"] = gavg
    if center:
        # v_t − ḡ_t² = α(v − ḡ²) + α(1 − α)(g − ḡ)² (ḡ, v before the step): torch subtracts
        # the new ḡ_t² from v_t, which cancels where v_t ≈ ḡ_t² (α ≪ 1: 1e-8 relative error
        # with α = 1e-8 in float64; float32 with α = 0 or 1e-8, where 1 − α rounds to 1,
        # gives rounding noise or NaN for a variance that is α(1 − α)g²); here the stored
        # state's v − ḡ² is taken with ḡ² unrounded (one rounding) and scaled by α
        d = g - prev
        var = w * _sub_square(v0, prev) + ((w * (1 - w)) * d) * d
        # where v_t is +inf (float32 |g| ≳ 1.8e19) the variance is +inf and the step 0, as
        # torch's (its addcmul(v, ḡ, ḡ, value=−1) is a fused multiply-add: inf, not NaN)
        var = np.where(np.isposinf(v) & np.isfinite(gavg), np.inf, var)
    else:
        var = v
    avg = np.sqrt(var) + hp["eps"] if form == "torch" else np.sqrt(var + hp["eps"])
    if hp["momentum"] > 0:
        if form == "keras":
            buf = s["momentum_buffer"] * hp["momentum"] + (c.lr * g) / avg
            new["momentum_buffer"] = buf
            return p - buf, new
        buf = s["momentum_buffer"] * hp["momentum"] + g / avg
        new["momentum_buffer"] = buf
        return p + (-c.lr) * buf, new
    return p + ((-c.lr) * g) / avg, new


def _rmsprop(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _rmsprop_rule(p, g, s, c)


def _rmsprop_centered_mixup(
    p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx
) -> tuple[np.ndarray, Slots]:
    return _rmsprop_rule(p, g, s, c, centered=not c.hp["centered"])


def _k_rmsprop(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    rho = hp["rho"]
    p = _keras_decay(p, c)
    v = rho * s["velocity"] + (1 - rho) * (g * g)
    new: Slots = {"velocity": v}
    if hp["centered"]:
        ag = rho * s["average_gradient"] + (1 - rho) * g
        new["average_gradient"] = ag
        denom = v - ag * ag + hp["epsilon"]
    else:
        denom = v + hp["epsilon"]
    inc = (c.lr * g) / np.sqrt(denom)
    if hp["momentum"] > 0:
        mom = hp["momentum"] * s["momentum"] + inc
        new["momentum"] = mom
        return p - mom, new
    return p - inc, new


def _k_rmsprop_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    out = _like(shape, ("velocity", 0.0))
    if hp["momentum"] > 0:
        out["momentum"] = (shape, 0.0)
    if hp["centered"]:
        out["average_gradient"] = (shape, 0.0)
    return out


RMSPROP = OPTIMIZERS.register(
    Optimizer(
        name="rmsprop",
        step_cost=3,
        nonfinite=NonFinite(
            ADAPT_RULE + "; centered: where the second moment is +inf the centred variance "
            "v − ḡ² is +inf (torch's fused multiply-add), not inf − inf = NaN, so the step is 0",
            "agrees (torch on a CPU with FMA; ATEN_CPU_CAPABILITY=default would give NaN there)",
        ),
        params=(
            _lr(1e-2),
            ParamSpec(
                "alpha",
                0.99,
                "smoothing constant α of the squared-gradient average",
                minimum=0.0,
                maximum=1.0,
                aliases=("rho",),
            ),
            _eps(1e-8, "added to √v (outside the square root)"),
            _wd(),
            ParamSpec("momentum", 0.0, "momentum factor μ", minimum=0.0),
            ParamSpec("centered", False, "divide by the estimated variance √(v − ḡ²)", type="bool"),
            MAXIMIZE,
        ),
        slots=_rmsprop_slots,
        slot_options=({"momentum": 0.9}, {"centered": True}),
        update=_rmsprop,
        rule=(
            r"v_t = \alpha v_{t-1} + (1-\alpha) g^2;\ \bar g_t = \alpha\bar g_{t-1} + "
            r"(1-\alpha)g\ (\text{centered});\ d = \sqrt{v_t - \bar g_t^2} + \epsilon;\ "
            r"b_t = \mu b_{t-1} + g/d,\ p \leftarrow p - \eta b_t\ (\mu>0)\ \text{else}\ "
            r"p \leftarrow p - \eta g/d"
        ),
        summary="Divide the gradient by a running RMS of recent gradients.",
        reference="torch.optim.RMSprop (_single_tensor_rmsprop)",
        differences={
            "torch": "centered: the variance v_t − ḡ_t² is updated as α(v − ḡ²) + "
            "α(1 − α)(g − ḡ)² (the same quantity): torch's v_t − ḡ_t² cancels where "
            "v_t ≈ ḡ_t² (α ≪ 1; float32 with α = 0 gives rounding noise or NaN for a variance "
            "of 0), so there the steps differ by torch's rounding error.",
            "keras": "keras.optimizers.RMSprop: rho 0.9 (torch alpha 0.99), g/√(v + ε) "
            "(ε inside the root), epsilon 1e-7, and the momentum buffer includes the "
            "learning rate.",
            "optax": "optax.rmsprop: decay 0.9, rsqrt(v + eps) with eps inside "
            "(eps_in_sqrt=True); eps_in_sqrt=False gives torch's form.",
        },
        variants=(
            OptimizerVariant(
                "eps_inside_sqrt",
                "matches ε inside the square root, g/√(v + ε) (Keras' and optax's form) "
                "instead of PyTorch's g/(√v + ε)",
                _rule(_rmsprop_rule, form="eps_inside"),
            ),
            OptimizerVariant(
                "keras_convention",
                "matches Keras' RMSprop: ε inside the square root and the learning rate "
                "inside the momentum buffer (b = μb + η·g/√(v + ε), p −= b)",
                _rule(_rmsprop_rule, form="keras"),
            ),
            OptimizerVariant(
                "centered_mixup",
                "matches the other form: divided by √(v − ḡ²) where the plain RMS √v was "
                "asked, or by √v where centered was asked",
                _rmsprop_centered_mixup,
            ),
            OptimizerVariant(
                "alpha_rho_swapped",
                "matches v = (1 − α)v + α·g²: the smoothing constant α (Keras' rho) and "
                "1 − α swapped",
                _rule(_rmsprop_rule, swapped=True),
            ),
            OptimizerVariant(
                "keras_default_rho",
                "matches α = 0.9 (Keras' default rho) instead of the α asked (torch's "
                "default 0.99)",
                _with_hp(_rmsprop, alpha=0.9),
            ),
        ),
        keras=KerasForm(
            params=(
                _klr(1e-3),
                ParamSpec(
                    "rho",
                    0.9,
                    "discount ρ of the squared-gradient average",
                    minimum=0.0,
                    maximum=1.0,
                ),
                ParamSpec("momentum", 0.0, "momentum μ", minimum=0.0),
                _keps(1e-7, "added inside the square root"),
                ParamSpec("centered", False, "divide by √(v − ḡ² + ε)", type="bool"),
                _kwd(),
            ),
            slots=_k_rmsprop_slots,
            slot_options=({"momentum": 0.9}, {"centered": True}),
            update=_k_rmsprop,
            rule=(
                r"v_t = \rho v + (1-\rho) g^2;\ \Delta = \frac{\eta g}{\sqrt{v_t - \bar g_t^2 + "
                r"\epsilon}}\ (\bar g\text{ only if centered});\ b_t = \mu b + \Delta,\ "
                r"p \leftarrow p - b_t\ (\mu > 0)\ \text{else}\ p \leftarrow p - \Delta"
            ),
            changes="rho 0.9 (torch alpha 0.99); ε inside the square root (√(v + ε), centered "
            "√(v − ḡ² + ε)); the momentum buffer holds η·g/√(…) (the learning rate inside); "
            "defaults learning_rate 0.001, epsilon 1e-7; slots 'velocity', 'momentum', "
            "'average_gradient'; " + KERAS_WD + ".",
            reference="keras.optimizers.RMSprop (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.01}},
            rosenbrock={"hyperparams": {"lr": 0.01}},
            anneal_quadratic=True,
            anneal_rosenbrock=True,
        ),
    )
)


# ---- Adadelta ------------------------------------------------------------------------------


def _adadelta_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    eps_outside: bool = False,
    lr_ignored: bool = False,
) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    rho, eps = hp["rho"], hp["eps"]
    p, g = _weight_decay(p, g, c, False)
    v = s["square_avg"] * rho + ((1 - rho) * g) * g
    if eps_outside:
        delta = (np.sqrt(s["acc_delta"]) + eps) / (np.sqrt(v) + eps) * g
    else:
        std = np.sqrt(v + eps)
        delta = np.sqrt(s["acc_delta"] + eps) / std * g
    u = s["acc_delta"] * rho + ((1 - rho) * delta) * delta
    lr = 1.0 if lr_ignored else c.lr
    return p + (-lr) * delta, {"square_avg": v, "acc_delta": u}


def _adadelta(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _adadelta_rule(p, g, s, c)


def _k_adadelta(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    rho, eps = c.hp["rho"], c.hp["epsilon"]
    p = _keras_decay(p, c)
    ag = rho * s["accumulated_grad"] + (1 - rho) * (g * g)
    dv = -((np.sqrt(s["accumulated_delta_var"] + eps) * g) / np.sqrt(ag + eps))
    adv = rho * s["accumulated_delta_var"] + (1 - rho) * (dv * dv)
    return p + c.lr * dv, {"accumulated_grad": ag, "accumulated_delta_var": adv}


ADADELTA = OPTIMIZERS.register(
    Optimizer(
        name="adadelta",
        step_cost=4,
        nonfinite=NonFinite(ADAPT_RULE, "agrees"),
        params=(
            _lr(1.0),
            ParamSpec("rho", 0.9, "decay ρ of the running averages", minimum=0.0, maximum=1.0),
            _eps(1e-6, "added inside both square roots"),
            _wd(),
            MAXIMIZE,
        ),
        slots=lambda shape, hp, lr: _like(shape, ("square_avg", 0.0), ("acc_delta", 0.0)),
        update=_adadelta,
        rule=(
            r"v_t = \rho v_{t-1} + (1-\rho) g^2;\ \Delta = \frac{\sqrt{u_{t-1}+\epsilon}}"
            r"{\sqrt{v_t+\epsilon}}\,g;\ u_t = \rho u_{t-1} + (1-\rho)\Delta^2;\ "
            r"p \leftarrow p - \eta\Delta"
        ),
        summary="Adadelta: step sizes from the ratio of RMS updates to RMS gradients.",
        reference="torch.optim.Adadelta (_single_tensor_adadelta)",
        differences={
            "keras": "keras.optimizers.Adadelta: same formula; defaults learning_rate 0.001, "
            "rho 0.95, epsilon 1e-7.",
            "optax": "optax.adadelta(learning_rate=None) applies no −lr (it ascends); pass "
            "learning_rate=1.0 to match torch.",
        },
        variants=(
            OptimizerVariant(
                "eps_outside_sqrt",
                "matches ε added outside both square roots, (√u + ε)/(√v + ε)·g, instead of "
                "√(u + ε)/√(v + ε)·g",
                _rule(_adadelta_rule, eps_outside=True),
            ),
            OptimizerVariant(
                "lr_ignored",
                "matches the step without the learning rate (Zeiler's Adadelta, η = 1)",
                _rule(_adadelta_rule, lr_ignored=True),
            ),
        ),
        keras=KerasForm(
            params=(
                _klr(1e-3),
                ParamSpec("rho", 0.95, "decay ρ of the running averages", minimum=0.0, maximum=1.0),
                _keps(1e-7, "added inside both square roots"),
                _kwd(),
            ),
            slots=lambda shape, hp, lr: _like(
                shape, ("accumulated_grad", 0.0), ("accumulated_delta_var", 0.0)
            ),
            update=_k_adadelta,
            rule=(
                r"v_t = \rho v + (1-\rho) g^2;\ \Delta = -\frac{\sqrt{u+\epsilon}\,g}"
                r"{\sqrt{v_t+\epsilon}};\ u_t = \rho u + (1-\rho)\Delta^2;\ "
                r"p \leftarrow p + \eta\Delta"
            ),
            changes="the same formula with defaults learning_rate 0.001 (torch 1.0), rho 0.95 "
            "(0.9), epsilon 1e-7 (1e-6); slots 'accumulated_grad', 'accumulated_delta_var'; "
            + KERAS_WD
            + ".",
            reference="keras.optimizers.Adadelta (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 5.0}},
            rosenbrock={"hyperparams": {"lr": 2.0, "rho": 0.99}, "clip": {"global_norm": 1.0}},
            rosenbrock_steps=10000,
            anneal_quadratic=True,
            anneal_rosenbrock=True,
        ),
    )
)
