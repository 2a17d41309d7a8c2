"""SGD and the Adam family (Adam, AdamW, Adamax, NAdam, RAdam); the notation is the package's."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from service.compute.errors import InvalidInputError
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
    _betas,
    _decoupled,
    _eps,
    _kbeta,
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

# ---- SGD ----------------------------------------------------------------------------------


def _sgd_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    return _like(shape, ("momentum_buffer", 0.0)) if hp["momentum"] != 0 else {}


def _sgd_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    nesterov: bool | None = None,
    dampen_first: bool = False,
    decay_after_momentum: bool = False,
) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    raw_p = p
    if not decay_after_momentum:
        p, g = _weight_decay(p, g, c, False)
    new: Slots = {}
    mom = hp["momentum"]
    nest = hp["nesterov"] if nesterov is None else nesterov
    if mom != 0:
        d = hp["dampening"]
        if c.t == 1:
            buf = (1 - d) * g if dampen_first else g.copy()
        else:
            buf = s["momentum_buffer"] * mom + (1 - d) * g
        new["momentum_buffer"] = buf
        g = g + mom * buf if nest else buf
    if decay_after_momentum:
        g = g + hp["weight_decay"] * raw_p
    return p + (-c.lr) * g, new


def _sgd(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _sgd_rule(p, g, s, c)


def _sgd_check(hp: HP) -> None:
    if hp["nesterov"] and (hp["momentum"] <= 0 or hp["dampening"] != 0):
        raise InvalidInputError(
            "nesterov momentum requires momentum > 0 and dampening = 0, got momentum "
            f"{hp['momentum']} and dampening {hp['dampening']}",
            ("hyperparams", "nesterov"),
        )


def _k_sgd(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    p = _keras_decay(p, c)
    mu = c.hp["momentum"]
    if mu != 0:
        m = s["momentum"] * mu - g * c.lr
        if c.hp["nesterov"]:
            return p + (m * mu - g * c.lr), {"momentum": m}
        return p + m, {"momentum": m}
    return p - g * c.lr, {}


SGD = OPTIMIZERS.register(
    Optimizer(
        name="sgd",
        step_cost=2,
        nonfinite=NonFinite(
            "NaN and ±inf in the gradient, parameter or momentum buffer propagate by the "
            "update's arithmetic (p − η·inf = −inf; inf − inf = NaN)",
            "agrees",
        ),
        params=(
            _lr(1e-3),
            ParamSpec("momentum", 0.0, "momentum factor μ", minimum=0.0),
            ParamSpec("dampening", 0.0, "dampening d of the momentum", minimum=0.0, maximum=1.0),
            _wd(),
            ParamSpec("nesterov", False, "Nesterov momentum (needs μ > 0, d = 0)", type="bool"),
            MAXIMIZE,
        ),
        slots=_sgd_slots,
        slot_options=({"momentum": 0.9},),
        update=_sgd,
        check=_sgd_check,
        rule=(
            r"g \leftarrow g + \lambda p;\quad b_1 = g,\ b_t = \mu b_{t-1} + (1-d)\,g;\quad "
            r"g \leftarrow \begin{cases} g + \mu b_t & \text{nesterov}\\ b_t & \mu \ne 0 "
            r"\end{cases};\quad p \leftarrow p - \eta g"
        ),
        summary="Stochastic gradient descent with optional (Nesterov) momentum.",
        reference="torch.optim.SGD (_single_tensor_sgd)",
        differences={
            "keras": "keras.optimizers.SGD keeps m = μm − η·g (the learning rate inside the "
            "buffer) and has no dampening; default learning_rate 0.01. Same numbers for "
            "a constant lr up to rounding; different under a schedule.",
            "optax": "optax.sgd = trace(decay=momentum) + scale(−lr): t = g + μt, no dampening; "
            "the first buffer is g as in torch. No default learning rate.",
        },
        variants=(
            OptimizerVariant(
                "nesterov_missing",
                "matches plain momentum (p −= η·b) where Nesterov was asked (p −= η(g + μb))",
                _rule(_sgd_rule, nesterov=False),
            ),
            OptimizerVariant(
                "nesterov_unexpected",
                "matches Nesterov momentum (p −= η(g + μb)) where plain momentum was asked",
                _rule(_sgd_rule, nesterov=True),
            ),
            OptimizerVariant(
                "dampening_on_first_step",
                "matches a first buffer b₁ = (1 − d)·g; torch starts the buffer at g itself",
                _rule(_sgd_rule, dampen_first=True),
            ),
            OptimizerVariant(
                "dampening_missing",
                "matches b = μb + g: the dampening (1 − d) of the gradient is missing",
                _with_hp(_sgd, dampening=0.0),
            ),
            OptimizerVariant(
                "weight_decay_after_momentum",
                "matches weight decay added after the momentum (p −= η(b + wd·p), the buffer "
                "built from the raw gradient); torch adds wd·p to the gradient first",
                _rule(_sgd_rule, decay_after_momentum=True),
            ),
        ),
        keras=KerasForm(
            params=(
                _klr(0.01),
                ParamSpec("momentum", 0.0, "momentum μ", minimum=0.0, maximum=1.0),
                ParamSpec("nesterov", False, "Nesterov momentum", type="bool"),
                _kwd(),
            ),
            slots=lambda shape, hp, lr: (
                _like(shape, ("momentum", 0.0)) if hp["momentum"] != 0 else {}
            ),
            slot_options=({"momentum": 0.9},),
            update=_k_sgd,
            rule=(
                r"m_t = \mu m_{t-1} - \eta g;\ p \leftarrow p + m_t\ "
                r"(\text{nesterov: } p \leftarrow p + \mu m_t - \eta g)"
            ),
            changes="the learning rate lives inside the momentum buffer (m = μm − η·g, p += m; "
            "Nesterov p += μm − η·g): the same path for a constant lr, a different one under "
            "a schedule; no dampening; defaults learning_rate 0.01; slot 'momentum' holds "
            "−η times torch's buffer; " + KERAS_WD + ".",
            reference="keras.optimizers.SGD (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.1}},
            rosenbrock={"hyperparams": {"lr": 1e-3, "momentum": 0.9}},
            rosenbrock_steps=3000,
        ),
    )
)


# ---- Adam / AdamW --------------------------------------------------------------------------


def _adam_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    out = _like(shape, ("exp_avg", 0.0), ("exp_avg_sq", 0.0))
    if hp["amsgrad"]:
        out["max_exp_avg_sq"] = (shape, 0.0)
    return out


AdamForm = str  # "torch" | "eps_inside_sqrt" | "eps_inside_raw" | "no_bias_correction" | "keras"


def _adam_core(
    p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx, decoupled: bool, form: AdamForm = "torch"
) -> tuple[np.ndarray, Slots]:
    b1, b2 = c.hp["betas"]
    p, g = _weight_decay(p, g, c, decoupled)
    m = lerp(s["exp_avg"], g, 1 - b1)
    v = s["exp_avg_sq"] * b2 + ((1 - b2) * g) * g
    new: Slots = {"exp_avg": m, "exp_avg_sq": v}
    t = float(c.t)
    bc1 = 1 - b1**t
    bc2 = 1 - b2**t
    step_size = c.lr / bc1
    bc2_sqrt = bc2**0.5
    if c.hp["amsgrad"]:
        vmax = np.maximum(s["max_exp_avg_sq"], v)
        new["max_exp_avg_sq"] = vmax
        v = vmax
    eps = c.hp["eps"]
    if form == "torch":
        denom = np.sqrt(v) / bc2_sqrt + eps
    elif form == "eps_inside_sqrt":
        denom = np.sqrt(v / bc2 + eps)
    elif form == "eps_inside_raw":
        denom = np.sqrt(v + eps) / bc2_sqrt
    elif form == "no_bias_correction":
        step_size, denom = c.lr, np.sqrt(v) + eps
    else:  # keras: ε not bias-corrected ("epsilon hat")
        step_size, denom = c.lr * bc2_sqrt / bc1, np.sqrt(v) + eps
    return p + ((-step_size) * m) / denom, new


def _adam_fused_core(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    out_p: np.ndarray,
    out: Slots,
    tmp: np.ndarray,
    decoupled: bool,
) -> None:
    """``_adam_core`` into chunk buffers: the same operations in the same order."""
    b1, b2 = c.hp["betas"]
    wd = c.hp["weight_decay"]
    if wd != 0 and decoupled:
        np.multiply(p, 1 - c.lr * wd, out=out_p)
        p = out_p
    elif wd != 0:
        gw = np.multiply(p, wd, out=tmp)  # g + wd*p
        gw += g
        g = gw.copy()
    m, v = out["exp_avg"], out["exp_avg_sq"]
    w = 1 - b1
    np.subtract(g, s["exp_avg"], out=m)
    if abs(w) < 0.5:
        m *= w
        m += s["exp_avg"]
    else:
        m *= 1.0 - w
        np.subtract(g, m, out=m)
    np.multiply(g, 1 - b2, out=v)
    v *= g
    np.multiply(s["exp_avg_sq"], b2, out=tmp)
    v += tmp
    t = float(c.t)
    step_size = c.lr / (1 - b1**t)
    bc2_sqrt = (1 - b2**t) ** 0.5
    vv = v
    if c.hp["amsgrad"]:
        vv = np.maximum(s["max_exp_avg_sq"], v, out=out["max_exp_avg_sq"])
    np.sqrt(vv, out=tmp)
    tmp /= bc2_sqrt
    tmp += c.hp["eps"]
    if p is out_p:  # decoupled decay already wrote p·(1 − η·wd) into out_p
        p = p.copy()
    np.multiply(m, -step_size, out=out_p)
    out_p /= tmp
    out_p += p


def _adam_fused(
    p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx, out_p: np.ndarray, out: Slots, tmp: np.ndarray
) -> None:
    _adam_fused_core(p, g, s, c, out_p, out, tmp, c.hp["decoupled_weight_decay"])


def _adamw_fused(
    p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx, out_p: np.ndarray, out: Slots, tmp: np.ndarray
) -> None:
    _adam_fused_core(p, g, s, c, out_p, out, tmp, True)


def _adam_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    form: AdamForm = "torch",
    decoupled: bool | None = None,
) -> tuple[np.ndarray, Slots]:
    dec = c.hp["decoupled_weight_decay"] if decoupled is None else decoupled
    return _adam_core(p, g, s, c, dec, form)


def _adamw_rule(
    p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx, form: AdamForm = "torch", decoupled: bool = True
) -> tuple[np.ndarray, Slots]:
    return _adam_core(p, g, s, c, decoupled, form)


def _adam(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _adam_core(p, g, s, c, c.hp["decoupled_weight_decay"])


def _adamw(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _adam_core(p, g, s, c, True)


def _adam_family_variants(
    rule: Callable[..., tuple[np.ndarray, Slots]],
) -> tuple[OptimizerVariant, ...]:
    return (
        OptimizerVariant(
            "eps_inside_sqrt",
            "matches ε inside the square root, m̂/√(v̂ + ε) (optax's eps_root, Keras' RMSprop "
            "and Adagrad) instead of m̂/(√v̂ + ε)",
            _rule(rule, form="eps_inside_sqrt"),
        ),
        OptimizerVariant(
            "eps_inside_sqrt",
            "matches ε inside the square root of the raw v, m̂/(√(v + ε)/√(1 − β₂ᵗ))",
            _rule(rule, form="eps_inside_raw"),
        ),
        OptimizerVariant(
            "no_bias_correction",
            "matches the update without bias correction, m/(√v + ε) (the 1/(1 − βᵗ) factors "
            "are missing)",
            _rule(rule, form="no_bias_correction"),
        ),
        OptimizerVariant(
            "keras_convention",
            "matches Keras' Adam: α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ), p −= α·m/(√v + ε) (ε is not "
            "bias-corrected, 'epsilon hat')",
            _rule(rule, form="keras"),
        ),
        OptimizerVariant(
            "coupled_weight_decay",
            "matches weight decay added to the gradient (L2, g + wd·p, as Adam's "
            "weight_decay) where AdamW decouples it (p·(1 − lr·wd))",
            _rule(rule, decoupled=False),
        ),
        OptimizerVariant(
            "decoupled_weight_decay",
            "matches decoupled weight decay p·(1 − lr·wd) (AdamW) where Adam's weight_decay "
            "adds wd·p to the gradient",
            _rule(rule, decoupled=True),
        ),
    )


def _k_adam(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["beta_1"], hp["beta_2"]
    p = _keras_decay(p, c)
    t = float(c.t)
    alpha = c.lr * math.sqrt(1 - b2**t) / (1 - b1**t)
    m = s["momentum"] + (g - s["momentum"]) * (1 - b1)
    v = s["velocity"] + (g * g - s["velocity"]) * (1 - b2)
    new: Slots = {"momentum": m, "velocity": v}
    if hp["amsgrad"]:
        v = np.maximum(s["velocity_hat"], v)
        new["velocity_hat"] = v
    return p - (m * alpha) / (np.sqrt(v) + hp["epsilon"]), new


def _k_adam_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    out = _like(shape, ("momentum", 0.0), ("velocity", 0.0))
    if hp["amsgrad"]:
        out["velocity_hat"] = (shape, 0.0)
    return out


def _k_adam_form(wd: float | None, changes: str, reference: str) -> KerasForm:
    return KerasForm(
        params=(
            _klr(1e-3),
            _kbeta(1, 0.9),
            _kbeta(2, 0.999),
            _keps(1e-7, "added to √v (not bias-corrected)"),
            ParamSpec("amsgrad", False, "AMSGrad: running max of the raw v", type="bool"),
            _kwd(wd),
        ),
        slots=_k_adam_slots,
        slot_options=({"amsgrad": True},),
        update=_k_adam,
        rule=(
            r"p \leftarrow p - \eta\lambda p;\ m_t = m + (g - m)(1-\beta_1);\ "
            r"v_t = v + (g^2 - v)(1-\beta_2);\ p \leftarrow p - \frac{\eta\sqrt{1-\beta_2^t}}"
            r"{1-\beta_1^t}\frac{m_t}{\sqrt{v_t} + \epsilon}"
        ),
        changes=changes,
        reference=reference,
    )


_ADAM_RULE = (
    r"m_t = \beta_1 m_{t-1} + (1-\beta_1) g;\ v_t = \beta_2 v_{t-1} + (1-\beta_2) g^2;\ "
    r"p \leftarrow p - \frac{\eta}{1-\beta_1^t}\,\frac{m_t}{\sqrt{v_t}/\sqrt{1-\beta_2^t} + "
    r"\epsilon}"
)

_ADAPTIVE_ANNEALED = ConvergenceSpec(
    quadratic={"hyperparams": {"lr": 0.05}},
    rosenbrock={"hyperparams": {"lr": 0.05}},
    anneal_quadratic=True,
    anneal_rosenbrock=True,
)

ADAM = OPTIMIZERS.register(
    Optimizer(
        name="adam",
        step_cost=4,
        nonfinite=NonFinite(ADAPT_RULE, "agrees"),
        params=(
            _lr(1e-3),
            _betas((0.9, 0.999)),
            _eps(1e-8),
            _wd(
                0.0, "weight decay: coupled g ← g + wd·p, or decoupled with decoupled_weight_decay"
            ),
            ParamSpec("amsgrad", False, "AMSGrad: use the running max of the raw v_t", type="bool"),
            MAXIMIZE,
            _decoupled(),
        ),
        slots=_adam_slots,
        slot_options=({"amsgrad": True},),
        update=_adam,
        fused=_adam_fused,
        rule=_ADAM_RULE + r";\ \text{amsgrad: } v_t \leftarrow \max(v_{t-1}^{max}, v_t)",
        summary="Adam with bias-corrected moments; ε is added after bias-correcting √v.",
        reference="torch.optim.Adam (_single_tensor_adam)",
        differences={
            "keras": "keras.optimizers.Adam: ε is not bias-corrected (α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), "
            "p −= α·m/(√v + ε)), default epsilon 1e-7; AMSGrad keeps the max of the "
            "raw v as torch; weight_decay is always decoupled.",
            "optax": "optax.adam: m̂/(√(v̂ + eps_root) + eps) — ε added to the bias-corrected "
            "√v̂ (identical to torch up to rounding); optax.amsgrad takes the max of "
            "the bias-corrected v̂ (torch: of the raw v).",
        },
        variants=_adam_family_variants(_adam_rule),
        keras=_k_adam_form(
            None,
            "ε is not bias-corrected (α = η·√(1−β₂ᵗ)/(1−β₁ᵗ), p −= α·m/(√v + ε)); epsilon "
            "1e-7; moments as m += (g − m)(1 − β₁); slots 'momentum', 'velocity', "
            "'velocity_hat'; " + KERAS_WD + " (no coupled decay).",
            "keras.optimizers.Adam (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.05}},
            rosenbrock={"hyperparams": {"lr": 0.02}},
            rosenbrock_steps=3000,
            anneal_quadratic=True,
        ),
    )
)

ADAMW = OPTIMIZERS.register(
    Optimizer(
        name="adamw",
        step_cost=4,
        nonfinite=NonFinite(ADAPT_RULE, "agrees"),
        params=(
            _lr(1e-3),
            _betas((0.9, 0.999)),
            _eps(1e-8),
            _wd(1e-2, "decoupled weight decay: p ← p·(1 − η·wd) before the moments"),
            ParamSpec("amsgrad", False, "AMSGrad: use the running max of the raw v_t", type="bool"),
            MAXIMIZE,
        ),
        slots=_adam_slots,
        slot_options=({"amsgrad": True},),
        update=_adamw,
        fused=_adamw_fused,
        rule=r"p \leftarrow p\,(1-\eta\lambda);\ " + _ADAM_RULE,
        summary="Adam with decoupled weight decay (= adam with decoupled_weight_decay=true).",
        reference="torch.optim.AdamW (_single_tensor_adam, decoupled_weight_decay=True)",
        differences={
            "keras": "keras.optimizers.AdamW: default weight_decay 0.004, Keras's ε-hat Adam "
            "(ε not bias-corrected), epsilon 1e-7.",
            "optax": "optax.adamw: default weight_decay 1e-4, update = adam_dir + wd·p, then "
            "×(−lr): the decay uses the pre-step p as torch; same numbers up to rounding.",
        },
        variants=tuple(
            v for v in _adam_family_variants(_adamw_rule) if v.name != "decoupled_weight_decay"
        ),
        keras=_k_adam_form(
            0.004,
            "Keras's ε-hat Adam (see adam) with weight_decay 0.004 (torch 0.01) applied as "
            "var −= var·wd·η before the update; epsilon 1e-7.",
            "keras.optimizers.AdamW (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.05}},
            rosenbrock={"hyperparams": {"lr": 0.02, "weight_decay": 0.0}},
            rosenbrock_steps=3000,
            anneal_quadratic=True,
        ),
    )
)


# ---- Adamax --------------------------------------------------------------------------------


def _adamax_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    eps_outside_max: bool = False,
    bias_correction: bool = True,
) -> tuple[np.ndarray, Slots]:
    b1, b2 = c.hp["betas"]
    eps = c.hp["eps"]
    p, g = _weight_decay(p, g, c, False)
    m = lerp(s["exp_avg"], g, 1 - b1)
    if eps_outside_max:
        u = np.maximum(s["exp_inf"] * b2, np.abs(g))
        denom = u + eps
    else:
        u = np.maximum(s["exp_inf"] * b2, np.abs(g) + eps)
        denom = u
    clr = c.lr / (1 - b1 ** float(c.t)) if bias_correction else c.lr
    return p + ((-clr) * m) / denom, {"exp_avg": m, "exp_inf": u}


def _adamax(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _adamax_rule(p, g, s, c)


def _k_adamax(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["beta_1"], hp["beta_2"]
    p = _keras_decay(p, c)
    m = s["momentum"] + (g - s["momentum"]) * (1 - b1)
    u = np.maximum(b2 * s["norm"], np.abs(g))
    bp = b1 ** float(c.t)
    return p - (c.lr * m) / ((1 - bp) * (u + hp["epsilon"])), {"momentum": m, "norm": u}


ADAMAX = OPTIMIZERS.register(
    Optimizer(
        name="adamax",
        step_cost=3,
        nonfinite=NonFinite(
            "a NaN gradient makes the parameter and state NaN; ±inf gives an infinite norm u "
            "and m/u = inf/inf = NaN",
            "agrees",
        ),
        params=(
            _lr(2e-3),
            _betas((0.9, 0.999)),
            _eps(1e-8, "added to |g| inside the max"),
            _wd(),
            MAXIMIZE,
        ),
        slots=lambda shape, hp, lr: _like(shape, ("exp_avg", 0.0), ("exp_inf", 0.0)),
        update=_adamax,
        rule=(
            r"m_t = \beta_1 m_{t-1} + (1-\beta_1) g;\ u_t = \max(\beta_2 u_{t-1}, |g| + "
            r"\epsilon);\ p \leftarrow p - \frac{\eta}{1-\beta_1^t}\frac{m_t}{u_t}"
        ),
        summary="Adam with the infinity norm.",
        reference="torch.optim.Adamax (_single_tensor_adamax)",
        differences={
            "keras": "keras.optimizers.Adamax: u = max(β₂u, |g|) and ε added to u in the "
            "denominator; default learning_rate 0.001, epsilon 1e-7.",
            "optax": "optax.adamax: ν = max(β₂ν, |g| + eps) as torch; no default learning rate.",
        },
        variants=(
            OptimizerVariant(
                "keras_convention",
                "matches Keras' Adamax: u = max(β₂u, |g|) with ε added to u in the denominator "
                "(torch adds ε to |g| inside the max)",
                _rule(_adamax_rule, eps_outside_max=True),
            ),
            OptimizerVariant(
                "no_bias_correction",
                "matches the update without the 1/(1 − β₁ᵗ) bias correction",
                _rule(_adamax_rule, bias_correction=False),
            ),
        ),
        keras=KerasForm(
            params=(
                _klr(1e-3),
                _kbeta(1, 0.9),
                _kbeta(2, 0.999),
                _keps(1e-7, "added to u in the denominator"),
                _kwd(),
            ),
            slots=lambda shape, hp, lr: _like(shape, ("momentum", 0.0), ("norm", 0.0)),
            update=_k_adamax,
            rule=(
                r"m_t = m + (g - m)(1-\beta_1);\ u_t = \max(\beta_2 u, |g|);\ "
                r"p \leftarrow p - \frac{\eta\, m_t}{(1-\beta_1^t)(u_t + \epsilon)}"
            ),
            changes="u = max(β₂u, |g|) without ε, ε added to u in the denominator; defaults "
            "learning_rate 0.001, epsilon 1e-7; slots 'momentum', 'norm'; " + KERAS_WD + ".",
            reference="keras.optimizers.Adamax (Keras 3.15)",
        ),
        test_hyperparams=_ADAPTIVE_ANNEALED,
    )
)


# ---- NAdam ---------------------------------------------------------------------------------


def _nadam_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    return {"exp_avg": (shape, 0.0), "exp_avg_sq": (shape, 0.0), "mu_product": ((), 1.0)}


def _nadam_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    schedule: str = "torch",
    eps_inside: bool = False,
) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["betas"]
    psi = hp["momentum_decay"]
    step = float(c.t)
    bc2 = 1 - b2**step
    p, g = _weight_decay(p, g, c, hp["decoupled_weight_decay"])
    if schedule == "none":
        mu = mu_next = b1
    else:
        if schedule == "keras":
            psi = 1.0
        mu = b1 * (1.0 - 0.5 * (0.96 ** (step * psi)))
        mu_next = b1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * psi)))
    mu_product = float(s["mu_product"]) * mu
    m = lerp(s["exp_avg"], g, 1 - b1)
    v = s["exp_avg_sq"] * b2 + ((1 - b2) * g) * g
    denom = np.sqrt(v / bc2 + hp["eps"]) if eps_inside else np.sqrt(v / bc2) + hp["eps"]
    mu_product_next = mu_product * mu_next
    p = p + ((-c.lr * (1.0 - mu) / (1.0 - mu_product)) * g) / denom
    p = p + (((-c.lr * mu_next) / (1.0 - mu_product_next)) * m) / denom
    new = {
        "exp_avg": m,
        "exp_avg_sq": v,
        "mu_product": np.asarray(mu_product, dtype=s["exp_avg"].dtype),
    }
    return p, new


def _nadam(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _nadam_rule(p, g, s, c)


def _k_nadam(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["beta_1"], hp["beta_2"]
    p = _keras_decay(p, c)
    t = float(c.t)
    u_t = b1 * (1.0 - 0.5 * 0.96**t)
    u_t1 = b1 * (1.0 - 0.5 * 0.96 ** (t + 1))
    u_product = float(s["u_product"]) * u_t  # Keras updates the product before update_step
    u_product_1 = u_product * u_t1
    m = s["momentum"] + (g - s["momentum"]) * (1 - b1)
    v = s["velocity"] + (g * g - s["velocity"]) * (1 - b2)
    m_hat = (u_t1 * m) / (1 - u_product_1) + ((1 - u_t) * g) / (1 - u_product)
    v_hat = v / (1 - b2**t)
    new = {"momentum": m, "velocity": v, "u_product": np.asarray(u_product, dtype=m.dtype)}
    return p - (m_hat * c.lr) / (np.sqrt(v_hat) + hp["epsilon"]), new


NADAM = OPTIMIZERS.register(
    Optimizer(
        name="nadam",
        step_cost=4,
        nonfinite=NonFinite(ADAPT_RULE, "agrees"),
        params=(
            _lr(2e-3),
            _betas((0.9, 0.999)),
            _eps(1e-8),
            _wd(0.0, "weight decay: coupled, or decoupled with decoupled_weight_decay"),
            ParamSpec(
                "momentum_decay",
                4e-3,
                "ψ of the momentum schedule μ_t = β₁(1 − ½·0.96^{tψ})",
                minimum=0.0,
            ),
            _decoupled(),
            MAXIMIZE,
        ),
        slots=_nadam_slots,
        update=_nadam,
        elementwise=False,
        rule=(
            r"\mu_t = \beta_1(1-\tfrac12 0.96^{t\psi});\ \Pi_t = \prod_{i\le t}\mu_i;\ "
            r"p \leftarrow p - \eta\frac{1-\mu_t}{1-\Pi_t}\frac{g}{d} - "
            r"\eta\frac{\mu_{t+1}}{1-\Pi_t\mu_{t+1}}\frac{m_t}{d},\ "
            r"d = \sqrt{v_t/(1-\beta_2^t)} + \epsilon"
        ),
        summary="Adam with Nesterov momentum and Dozat's momentum schedule.",
        reference="torch.optim.NAdam (_single_tensor_nadam)",
        differences={
            "torch": "torch keeps mu_product (Π) as a float32 0-d tensor unless the default "
            "dtype is float64; here it is kept in the parameters' dtype (float64 by default), "
            "the exact rule; with float32 parameters the numbers match torch's default.",
            "keras": "keras.optimizers.Nadam: μ_t = β₁(1 − ½·0.96^t) (no ψ: decays 250× "
            "faster), default learning_rate 0.001, epsilon 1e-7.",
            "optax": "optax.nadam = adam(nesterov=True): m̂ = β₁m/(1−β₁^{t+1}) + "
            "(1−β₁)g/(1−β₁^t), no momentum schedule.",
        },
        variants=(
            OptimizerVariant(
                "no_momentum_schedule",
                "matches a constant μ_t = β₁ (optax's nadam, Nesterov Adam without Dozat's "
                "schedule)",
                _rule(_nadam_rule, schedule="none"),
            ),
            OptimizerVariant(
                "keras_momentum_schedule",
                "matches Keras' schedule μ_t = β₁(1 − ½·0.96ᵗ) (no ψ = momentum_decay)",
                _rule(_nadam_rule, schedule="keras"),
            ),
            OptimizerVariant(
                "eps_inside_sqrt",
                "matches ε inside the square root, √(v̂ + ε), instead of √v̂ + ε",
                _rule(_nadam_rule, eps_inside=True),
            ),
        ),
        keras=KerasForm(
            params=(_klr(1e-3), _kbeta(1, 0.9), _kbeta(2, 0.999), _keps(1e-7), _kwd()),
            slots=lambda shape, hp, lr: {
                "momentum": (shape, 0.0),
                "velocity": (shape, 0.0),
                "u_product": ((), 1.0),
            },
            update=_k_nadam,
            elementwise=False,
            rule=(
                r"u_t = \beta_1(1-\tfrac12 0.96^{t});\ \Pi_t = \prod_{i\le t} u_i;\ "
                r"\hat m = \frac{u_{t+1} m_t}{1-\Pi_t u_{t+1}} + \frac{(1-u_t) g}{1-\Pi_t};\ "
                r"p \leftarrow p - \eta\frac{\hat m}{\sqrt{v_t/(1-\beta_2^t)} + \epsilon}"
            ),
            changes="momentum schedule μ_t = β₁(1 − ½·0.96ᵗ) (torch: 0.96^{0.004t}); "
            "defaults learning_rate 0.001, epsilon 1e-7; slots 'momentum', 'velocity', "
            "'u_product' (Keras keeps one product per optimizer; here a 0-d slot per "
            "parameter, all equal); " + KERAS_WD + ".",
            reference="keras.optimizers.Nadam (Keras 3.15)",
        ),
        test_hyperparams=_ADAPTIVE_ANNEALED,
    )
)


# ---- RAdam ---------------------------------------------------------------------------------


def _radam_rule(
    p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx, rectify: str = "torch"
) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["betas"]
    p, g = _weight_decay(p, g, c, hp["decoupled_weight_decay"])
    m = lerp(s["exp_avg"], g, 1 - b1)
    v = s["exp_avg_sq"] * b2 + ((1 - b2) * g) * g
    step = float(c.t)
    bc1 = 1 - b1**step
    bc2 = 1 - b2**step
    m_hat = m / bc1
    rho_inf = 2 / (1 - b2) - 1
    rho_t = rho_inf - 2 * step * (b2**step) / bc2
    if rectify == "none":  # plain Adam: no rectification, no SGD phase
        adaptive = (1.0 / (np.sqrt(v) + hp["eps"])) * (bc2**0.5)
        p = p - (m_hat * c.lr) * adaptive
    elif rho_t > 5.0 or rectify == "always":
        rect = (
            (rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)
        ) ** 0.5
        if isinstance(rect, complex):  # ρ_t < 4: the rectification is not defined
            rect = math.nan
        adaptive = (1.0 / (np.sqrt(v) + hp["eps"])) * (bc2**0.5)
        p = p - ((m_hat * c.lr) * adaptive) * rect
    else:
        p = p - m_hat * c.lr
    return p, {"exp_avg": m, "exp_avg_sq": v}


def _radam(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _radam_rule(p, g, s, c)


RADAM = OPTIMIZERS.register(
    Optimizer(
        name="radam",
        step_cost=4,
        nonfinite=NonFinite(
            ADAPT_RULE + "; before rectification (ρ_t ≤ 5) the step is η·m̂, so an inf gradient "
            "gives an inf step",
            "agrees",
        ),
        params=(
            _lr(1e-3),
            _betas((0.9, 0.999)),
            _eps(1e-8),
            _wd(0.0, "weight decay: coupled, or decoupled with decoupled_weight_decay"),
            _decoupled(),
            MAXIMIZE,
        ),
        slots=lambda shape, hp, lr: _like(shape, ("exp_avg", 0.0), ("exp_avg_sq", 0.0)),
        update=_radam,
        rule=(
            r"\rho_\infty = \tfrac{2}{1-\beta_2}-1,\ \rho_t = \rho_\infty - "
            r"\tfrac{2t\beta_2^t}{1-\beta_2^t};\ \rho_t > 5:\ p \leftarrow p - \eta\,\hat m_t\,"
            r"r_t\frac{\sqrt{1-\beta_2^t}}{\sqrt{v_t}+\epsilon},\ r_t = \sqrt{\frac{(\rho_t-4)"
            r"(\rho_t-2)\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\rho_t}};\ "
            r"\text{else } p \leftarrow p - \eta\,\hat m_t"
        ),
        summary="Rectified Adam: SGD with momentum until the variance estimate is reliable.",
        reference="torch.optim.RAdam (_single_tensor_radam)",
        differences={
            "keras": "no RAdam in Keras 3.",
            "optax": "optax.radam rectifies when ρ_t ≥ threshold (5.0; torch: ρ_t > 5) and "
            "takes eps_root inside the square root.",
        },
        variants=(
            OptimizerVariant(
                "no_rectification",
                "matches Adam's step m̂·√(1 − β₂ᵗ)/(√v + ε) at every step: the rectification "
                "r_t and the SGD phase while ρ_t ≤ 5 are missing",
                _rule(_radam_rule, rectify="none"),
            ),
            OptimizerVariant(
                "no_rectification_switch",
                "matches the rectified adaptive step also while ρ_t ≤ 5, where RAdam takes "
                "the momentum step η·m̂",
                _rule(_radam_rule, rectify="always"),
            ),
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.05}},
            rosenbrock={"hyperparams": {"lr": 0.001, "betas": [0.9, 0.99]}},
            anneal_quadratic=True,
        ),
    )
)
