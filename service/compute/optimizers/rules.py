"""The optimizer registry: one entry per optimizer, each an optax-style ``init``/``update`` pair.

Every update follows the single-tensor code path of ``torch.optim`` (torch 2.13, CPU
default) operation by operation, so that a float64 trajectory agrees with torch to the last
few bits (torch's own operation order). The torch primitives map to NumPy as::

    a.add(b, alpha=α)            a + α*b
    s.addcmul(t1, t2, value=v)   s + (v*t1)*t2
    s.addcdiv(t1, t2, value=v)   s + (v*t1)/t2
    s.lerp(e, w)                 s + w*(e−s) if |w| < 0.5 else e − (e−s)*(1−w)

torch on AVX2 fuses some of these into an FMA and its ``sqrt`` is not always correctly
rounded, so agreement is to about 1 ulp per operation, not bit for bit.

Notation in the docstrings and LaTeX: g the gradient (negated first when ``maximize``), p the
parameter, t the step counter after the increment (the first update has t = 1), η the
learning rate of this step (after the schedule).

Hidden float32 scalars of torch: torch keeps NAdam's ``mu_product`` and ASGD's ``eta`` and
``mu`` (and ``step``) as float32 0-d tensors unless the default dtype is float64. Here they
are computed in the parameters' dtype (float64 by default): the exact rule. torch with
``torch.set_default_dtype(torch.float64)`` computes the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np

from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite, Registry

Shape = tuple[int, ...]
HP = Mapping[str, Any]
Slots = dict[str, np.ndarray]


@dataclass(frozen=True)
class Ctx:
    """What an update needs besides the arrays: t (after increment), the lr of this step."""

    t: int
    lr: float
    hp: HP
    eps1: float = 0.0  # Adafactor's eps1 default: machine epsilon of the parameter dtype


SlotLayout = Callable[[Shape, HP, float], dict[str, tuple[Shape, float]]]
Update = Callable[[np.ndarray, np.ndarray, Slots, Ctx], tuple[np.ndarray, Slots]]
# (p, g, slots, ctx, out_p, out_slots, tmp): the same update written into preallocated
# chunk buffers with ``out=`` (no temporaries); must agree bit for bit with ``update``.
FusedUpdate = Callable[[np.ndarray, np.ndarray, Slots, Ctx, np.ndarray, Slots, np.ndarray], None]


@dataclass(frozen=True)
class Optimizer:
    """One optimizer: hyperparameters, state slots, the update, and its documentation.

    ``slots(shape, hp, lr)`` gives, per parameter, each slot's shape and initial value;
    ``update(p, g, slots, ctx)`` returns the new parameter and the new slots without
    touching its inputs. ``elementwise`` updates may be run chunk by chunk over the flat
    arrays (all slots have the parameter's shape and no reduction is involved).
    """

    name: str
    params: tuple[ParamSpec, ...]
    slots: SlotLayout
    update: Update
    rule: str
    summary: str
    reference: str
    differences: Mapping[str, str]
    nonfinite: NonFinite
    aliases: tuple[str, ...] = ()
    elementwise: bool = True
    check: Callable[[HP], None] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    fused: FusedUpdate | None = None

    def slot_names(self) -> list[str]:
        """All slot names this optimizer may use (for the catalog)."""
        names: dict[str, None] = {}
        for shape in ((3,), (2, 3)):
            for hp in self._hp_variants():
                names.update(dict.fromkeys(self.slots(shape, hp, 1e-3)))
        return list(names)

    def _hp_variants(self) -> list[dict[str, Any]]:
        base = {s.name: s.default for s in self.params}
        out = [base]
        for key, value in (("momentum", 0.9), ("amsgrad", True), ("centered", True)):
            if key in base:
                out.append({**base, key: value})
        return out


def lerp(s: np.ndarray, e: np.ndarray, w: float) -> np.ndarray:
    """torch.lerp with a scalar weight (two branches, as ATen)."""
    if abs(w) < 0.5:
        return cast(np.ndarray, s + w * (e - s))
    return cast(np.ndarray, e - (e - s) * (1.0 - w))


def _like(shape: Shape, *names_values: tuple[str, float]) -> dict[str, tuple[Shape, float]]:
    return {n: (shape, v) for n, v in names_values}


# ---- shared hyperparameter specs --------------------------------------------------------


def _lr(default: float) -> ParamSpec:
    return ParamSpec("lr", default, "learning rate η", minimum=0.0, aliases=("learning_rate",))


def _betas(default: tuple[float, float]) -> ParamSpec:
    return ParamSpec(
        "betas",
        default,
        "(β₁, β₂): decay rates of the first and second moment estimates",
        type="float_pair",
        minimum=0.0,
        maximum=1.0,
        exclusive_maximum=True,
        extra={
            "component_aliases": {
                "beta_1": 0,
                "b1": 0,
                "beta1": 0,
                "beta_2": 1,
                "b2": 1,
                "beta2": 1,
            }
        },
    )


def _eps(default: float, what: str = "added to the denominator") -> ParamSpec:
    return ParamSpec(
        "eps", default, f"ε, {what}", minimum=0.0, exclusive_minimum=True, aliases=("epsilon",)
    )


def _wd(default: float = 0.0, what: str = "coupled (L2) weight decay: g ← g + wd·p") -> ParamSpec:
    return ParamSpec("weight_decay", default, what, minimum=0.0)


MAXIMIZE = ParamSpec("maximize", False, "maximise the objective: g ← −g first", type="bool")


def _decoupled() -> ParamSpec:
    return ParamSpec(
        "decoupled_weight_decay",
        False,
        "decoupled weight decay p ← p·(1 − η·wd) (AdamW-style) instead of g ← g + wd·p",
        type="bool",
    )


def _weight_decay(
    p: np.ndarray, g: np.ndarray, c: Ctx, decoupled: bool
) -> tuple[np.ndarray, np.ndarray]:
    wd = c.hp["weight_decay"]
    if wd != 0:
        if decoupled:
            p = p * (1 - c.lr * wd)
        else:
            g = g + wd * p
    return p, g


# ---- non-finite rules (each entry states its own NonFinite) --------------------------------

ADAPT_RULE = (
    "a NaN or ±inf gradient makes that element's parameter NaN (inf/inf in the update) and its "
    "moments non-finite; a finite gradient whose square overflows (float32: |g| ≳ 1.8e19) "
    "gives an infinite second moment and a zero step"
)

# ---- SGD ----------------------------------------------------------------------------------


def _sgd_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    return _like(shape, ("momentum_buffer", 0.0)) if hp["momentum"] != 0 else {}


def _sgd(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    p, g = _weight_decay(p, g, c, False)
    new: Slots = {}
    mom = hp["momentum"]
    if mom != 0:
        buf = g.copy() if c.t == 1 else s["momentum_buffer"] * mom + (1 - hp["dampening"]) * g
        new["momentum_buffer"] = buf
        g = g + mom * buf if hp["nesterov"] else buf
    return p + (-c.lr) * g, new


def _sgd_check(hp: HP) -> None:
    if hp["nesterov"] and (hp["momentum"] <= 0 or hp["dampening"] != 0):
        raise InvalidInputError(
            "nesterov momentum requires momentum > 0 and dampening = 0, got momentum "
            f"{hp['momentum']} and dampening {hp['dampening']}",
            ("hyperparams", "nesterov"),
        )


SGD = Optimizer(
    name="sgd",
    nonfinite=NonFinite(
        "NaN and ±inf in the gradient, parameter or momentum buffer propagate by the update's "
        "arithmetic (p − η·inf = −inf; inf − inf = NaN)",
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
    update=_sgd,
    check=_sgd_check,
    rule=(
        r"g \leftarrow g + \lambda p;\quad b_1 = g,\ b_t = \mu b_{t-1} + (1-d)\,g;\quad "
        r"g \leftarrow \begin{cases} g + \mu b_t & \text{nesterov}\\ b_t & \mu \ne 0 \end{cases};"
        r"\quad p \leftarrow p - \eta g"
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
)


# ---- Adam / AdamW --------------------------------------------------------------------------


def _adam_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    out = _like(shape, ("exp_avg", 0.0), ("exp_avg_sq", 0.0))
    if hp["amsgrad"]:
        out["max_exp_avg_sq"] = (shape, 0.0)
    return out


def _adam_core(
    p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx, decoupled: bool
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
    denom = np.sqrt(v) / bc2_sqrt + c.hp["eps"]
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


def _adam(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _adam_core(p, g, s, c, c.hp["decoupled_weight_decay"])


def _adamw(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _adam_core(p, g, s, c, True)


_ADAM_RULE = (
    r"m_t = \beta_1 m_{t-1} + (1-\beta_1) g;\ v_t = \beta_2 v_{t-1} + (1-\beta_2) g^2;\ "
    r"p \leftarrow p - \frac{\eta}{1-\beta_1^t}\,\frac{m_t}{\sqrt{v_t}/\sqrt{1-\beta_2^t} + "
    r"\epsilon}"
)

ADAM = Optimizer(
    name="adam",
    nonfinite=NonFinite(ADAPT_RULE, "agrees"),
    params=(
        _lr(1e-3),
        _betas((0.9, 0.999)),
        _eps(1e-8),
        _wd(0.0, "weight decay: coupled g ← g + wd·p, or decoupled with decoupled_weight_decay"),
        ParamSpec("amsgrad", False, "AMSGrad: use the running max of the raw v_t", type="bool"),
        MAXIMIZE,
        _decoupled(),
    ),
    slots=_adam_slots,
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
)

ADAMW = Optimizer(
    name="adamw",
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
    update=_adamw,
    fused=_adamw_fused,
    rule=r"p \leftarrow p\,(1-\eta\lambda);\ " + _ADAM_RULE,
    summary="Adam with decoupled weight decay (= adam with decoupled_weight_decay=true).",
    reference="torch.optim.AdamW (_single_tensor_adam, decoupled_weight_decay=True)",
    differences={
        "keras": "keras.optimizers.AdamW: default weight_decay 0.004, Keras's ε-hat Adam "
        "(ε not bias-corrected), epsilon 1e-7.",
        "optax": "optax.adamw: default weight_decay 1e-4, update = adam_dir + wd·p, then ×(−lr): "
        "the decay uses the pre-step p as torch; same numbers up to rounding.",
    },
)


# ---- Adamax --------------------------------------------------------------------------------


def _adamax(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    b1, b2 = c.hp["betas"]
    p, g = _weight_decay(p, g, c, False)
    m = lerp(s["exp_avg"], g, 1 - b1)
    u = np.maximum(s["exp_inf"] * b2, np.abs(g) + c.hp["eps"])
    clr = c.lr / (1 - b1 ** float(c.t))
    return p + ((-clr) * m) / u, {"exp_avg": m, "exp_inf": u}


ADAMAX = Optimizer(
    name="adamax",
    nonfinite=NonFinite(
        "a NaN gradient makes the parameter and state NaN; ±inf gives an infinite norm u and m/u "
        "= inf/inf = NaN",
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
        r"m_t = \beta_1 m_{t-1} + (1-\beta_1) g;\ u_t = \max(\beta_2 u_{t-1}, |g| + \epsilon);"
        r"\ p \leftarrow p - \frac{\eta}{1-\beta_1^t}\frac{m_t}{u_t}"
    ),
    summary="Adam with the infinity norm.",
    reference="torch.optim.Adamax (_single_tensor_adamax)",
    differences={
        "keras": "keras.optimizers.Adamax: u = max(β₂u, |g|) and ε added to u in the "
        "denominator; default learning_rate 0.001, epsilon 1e-7.",
        "optax": "optax.adamax: ν = max(β₂ν, |g| + eps) as torch; no default learning rate.",
    },
)


# ---- NAdam ---------------------------------------------------------------------------------


def _nadam_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    return {"exp_avg": (shape, 0.0), "exp_avg_sq": (shape, 0.0), "mu_product": ((), 1.0)}


def _nadam(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["betas"]
    psi = hp["momentum_decay"]
    step = float(c.t)
    bc2 = 1 - b2**step
    p, g = _weight_decay(p, g, c, hp["decoupled_weight_decay"])
    mu = b1 * (1.0 - 0.5 * (0.96 ** (step * psi)))
    mu_next = b1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * psi)))
    mu_product = float(s["mu_product"]) * mu
    m = lerp(s["exp_avg"], g, 1 - b1)
    v = s["exp_avg_sq"] * b2 + ((1 - b2) * g) * g
    denom = np.sqrt(v / bc2) + hp["eps"]
    mu_product_next = mu_product * mu_next
    p = p + ((-c.lr * (1.0 - mu) / (1.0 - mu_product)) * g) / denom
    p = p + (((-c.lr * mu_next) / (1.0 - mu_product_next)) * m) / denom
    new = {
        "exp_avg": m,
        "exp_avg_sq": v,
        "mu_product": np.asarray(mu_product, dtype=s["exp_avg"].dtype),
    }
    return p, new


NADAM = Optimizer(
    name="nadam",
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
        "torch": "torch keeps mu_product (Π) as a float32 0-d tensor unless the default dtype "
        "is float64; here it is kept in the parameters' dtype (float64 by default), "
        "the exact rule; with float32 parameters the numbers match torch's default.",
        "keras": "keras.optimizers.Nadam: μ_t = β₁(1 − ½·0.96^t) (no ψ: decays 250× faster), "
        "default learning_rate 0.001, epsilon 1e-7.",
        "optax": "optax.nadam = adam(nesterov=True): m̂ = β₁m/(1−β₁^{t+1}) + (1−β₁)g/(1−β₁^t), "
        "no momentum schedule.",
    },
)


# ---- RAdam ---------------------------------------------------------------------------------


def _radam(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
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
    if rho_t > 5.0:
        rect = (
            (rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)
        ) ** 0.5
        adaptive = (1.0 / (np.sqrt(v) + hp["eps"])) * (bc2**0.5)
        p = p - ((m_hat * c.lr) * adaptive) * rect
    else:
        p = p - m_hat * c.lr
    return p, {"exp_avg": m, "exp_avg_sq": v}


RADAM = Optimizer(
    name="radam",
    nonfinite=NonFinite(
        ADAPT_RULE
        + "; before rectification (ρ_t ≤ 5) the step is η·m̂, so an inf gradient gives an inf step",
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
)


# ---- Adagrad -------------------------------------------------------------------------------


def _adagrad(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    p, g = _weight_decay(p, g, c, False)
    clr = c.lr / (1 + (float(c.t) - 1) * hp["lr_decay"])
    acc = s["sum"] + (1 * g) * g
    std = np.sqrt(acc) + hp["eps"]
    return p + ((-clr) * g) / std, {"sum": acc}


ADAGRAD = Optimizer(
    name="adagrad",
    nonfinite=NonFinite(ADAPT_RULE, "agrees"),
    params=(
        _lr(1e-2),
        ParamSpec(
            "lr_decay", 0.0, "learning-rate decay: η_t = η/(1 + (t−1)·lr_decay)", minimum=0.0
        ),
        _wd(),
        ParamSpec(
            "initial_accumulator_value", 0.0, "initial value of the sum of squares", minimum=0.0
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
        "optax": "optax.adagrad: g·rsqrt(S + eps) (ε inside), initial_accumulator_value 0.1, "
        "eps 1e-7.",
    },
)


# ---- RMSprop -------------------------------------------------------------------------------


def _rmsprop_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    out = _like(shape, ("square_avg", 0.0))
    if hp["momentum"] > 0:
        out["momentum_buffer"] = (shape, 0.0)
    if hp["centered"]:
        out["grad_avg"] = (shape, 0.0)
    return out


def _rmsprop(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    a = hp["alpha"]
    p, g = _weight_decay(p, g, c, False)
    v = s["square_avg"] * a + ((1 - a) * g) * g
    new: Slots = {"square_avg": v}
    if hp["centered"]:
        gavg = lerp(s["grad_avg"], g, 1 - a)
        new["grad_avg"] = gavg
        # torch's addcmul(v, ḡ, ḡ, value=−1) is one fused multiply-add on CPU: the product
        # ḡ² is not rounded, so where v is +inf (ḡ² ≤ v overflowed too) the result is +inf,
        # not inf − inf = NaN, and the update is 0 (float32 with |g| ≳ 1.8e19)
        avg = np.sqrt(np.where(np.isposinf(v) & np.isfinite(gavg), np.inf, v + (-1 * gavg) * gavg))
    else:
        avg = np.sqrt(v)
    avg = avg + hp["eps"]
    if hp["momentum"] > 0:
        buf = s["momentum_buffer"] * hp["momentum"] + g / avg
        new["momentum_buffer"] = buf
        return p + (-c.lr) * buf, new
    return p + ((-c.lr) * g) / avg, new


RMSPROP = Optimizer(
    name="rmsprop",
    nonfinite=NonFinite(
        ADAPT_RULE + "; centered: where the second moment is +inf the centred variance v − ḡ² is "
        "+inf (torch's fused multiply-add), not inf − inf = NaN, so the step is 0",
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
    update=_rmsprop,
    rule=(
        r"v_t = \alpha v_{t-1} + (1-\alpha) g^2;\ \bar g_t = \alpha\bar g_{t-1} + (1-\alpha)g"
        r"\ (\text{centered});\ d = \sqrt{v_t - \bar g_t^2} + \epsilon;\ "
        r"b_t = \mu b_{t-1} + g/d,\ p \leftarrow p - \eta b_t\ (\mu>0)\ \text{else}\ "
        r"p \leftarrow p - \eta g/d"
    ),
    summary="Divide the gradient by a running RMS of recent gradients.",
    reference="torch.optim.RMSprop (_single_tensor_rmsprop)",
    differences={
        "keras": "keras.optimizers.RMSprop: rho 0.9 (torch alpha 0.99), g/√(v + ε) "
        "(ε inside the root), epsilon 1e-7, and the momentum buffer includes the "
        "learning rate.",
        "optax": "optax.rmsprop: decay 0.9, rsqrt(v + eps) with eps inside (eps_in_sqrt=True); "
        "eps_in_sqrt=False gives torch's form.",
    },
)


# ---- Adadelta ------------------------------------------------------------------------------


def _adadelta(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    rho, eps = hp["rho"], hp["eps"]
    p, g = _weight_decay(p, g, c, False)
    v = s["square_avg"] * rho + ((1 - rho) * g) * g
    std = np.sqrt(v + eps)
    delta = np.sqrt(s["acc_delta"] + eps) / std * g
    u = s["acc_delta"] * rho + ((1 - rho) * delta) * delta
    return p + (-c.lr) * delta, {"square_avg": v, "acc_delta": u}


ADADELTA = Optimizer(
    name="adadelta",
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
)


# ---- Rprop ---------------------------------------------------------------------------------


def _tsign(a: np.ndarray) -> np.ndarray:
    """torch.sign: sign(NaN) = 0."""
    return np.where(np.isnan(a), 0.0, np.sign(a)).astype(a.dtype, copy=False)


def _rprop(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    eta_minus, eta_plus = c.hp["etas"]
    lo, hi = c.hp["step_sizes"]
    # torch.sign(NaN) = 0: a NaN gradient (now or as prev) keeps the step size and does not
    # move the parameter; the NaN is stored as prev, as torch does
    factor = _tsign(g * s["prev"])
    factor = np.where(factor > 0, eta_plus, factor)
    factor = np.where(factor < 0, eta_minus, factor)
    factor = np.where(factor == 0, 1.0, factor)
    step_size = np.clip(s["step_size"] * factor, lo, hi)
    g = np.where(factor == eta_minus, 0.0, g).astype(p.dtype, copy=False)
    p = p + (-1 * _tsign(g)) * step_size
    return p, {"prev": g, "step_size": step_size.astype(p.dtype, copy=False)}


def _rprop_check(hp: HP) -> None:
    em, ep = hp["etas"]
    if not 0.0 < em < 1.0 < ep:
        raise InvalidInputError(
            f"expected etas with 0 < eta_minus < 1 < eta_plus, got ({em}, {ep})",
            ("hyperparams", "etas"),
        )
    lo, hi = hp["step_sizes"]
    if not 0.0 <= lo <= hi:
        raise InvalidInputError(
            f"expected step_sizes with 0 ≤ min ≤ max, got ({lo}, {hi})",
            ("hyperparams", "step_sizes"),
        )


RPROP = Optimizer(
    name="rprop",
    nonfinite=NonFinite(
        "a NaN gradient (or a NaN prev) counts as sign 0: the step size is kept and the "
        "parameter does not move (torch.sign(NaN) = 0); the NaN is stored as prev; ±inf "
        "gradients are ordinary signs",
        "agrees",
    ),
    params=(
        _lr(1e-2),
        ParamSpec(
            "etas",
            (0.5, 1.2),
            "(η₋, η₊): step-size factors on a sign change / no sign change",
            type="float_pair",
            minimum=0.0,
        ),
        ParamSpec(
            "step_sizes", (1e-6, 50.0), "(min, max) step size", type="float_pair", minimum=0.0
        ),
        MAXIMIZE,
    ),
    slots=lambda shape, hp, lr: _like(shape, ("prev", 0.0), ("step_size", lr)),
    update=_rprop,
    check=_rprop_check,
    rule=(
        r"s = \mathrm{sign}(g\,g_{prev});\ \delta \leftarrow \mathrm{clip}(\delta\cdot"
        r"\{\eta_+, \eta_-, 1\}_s, \delta_{min}, \delta_{max});\ g \leftarrow 0 \text{ where } "
        r"s<0;\ p \leftarrow p - \mathrm{sign}(g)\,\delta;\ g_{prev} = g"
    ),
    summary="Resilient backpropagation: per-coordinate step sizes from gradient signs only "
    "(the learning rate is the initial step size).",
    reference="torch.optim.Rprop (_single_tensor_rprop)",
    differences={
        "keras": "no Rprop in Keras 3.",
        "optax": "optax.rprop(learning_rate, eta_minus, eta_plus, min_step_size, "
        "max_step_size): the same rule.",
    },
)


# ---- ASGD ----------------------------------------------------------------------------------


def _asgd_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    return {"eta": ((), lr), "mu": ((), 1.0), "ax": (shape, 0.0)}


def _asgd(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    lambd, alpha, t0 = hp["lambd"], hp["alpha"], hp["t0"]
    p, g = _weight_decay(p, g, c, False)
    eta = float(s["eta"])
    mu = float(s["mu"])
    p = p * (1 - lambd * eta)
    p = p + (-eta) * g
    ax = s["ax"] + (p - s["ax"]) * mu if mu != 1 else p.copy()
    step = float(c.t)
    new_eta = c.lr / ((1 + lambd * c.lr * step) ** alpha)
    new_mu = 1 / max(1, step - t0)
    dt = p.dtype
    return p, {"eta": np.asarray(new_eta, dtype=dt), "mu": np.asarray(new_mu, dtype=dt), "ax": ax}


ASGD = Optimizer(
    name="asgd",
    nonfinite=NonFinite(
        "NaN and ±inf propagate into the parameter and ax by the update's arithmetic", "agrees"
    ),
    params=(
        _lr(1e-2),
        ParamSpec("lambd", 1e-4, "decay term λ", minimum=0.0),
        ParamSpec("alpha", 0.75, "power α of the η update", minimum=0.0),
        ParamSpec("t0", 1e6, "step at which averaging starts", minimum=0.0),
        _wd(),
        MAXIMIZE,
    ),
    slots=_asgd_slots,
    update=_asgd,
    elementwise=False,
    rule=(
        r"p \leftarrow p(1-\lambda\eta_t) - \eta_t g;\ \bar p \leftarrow \bar p + "
        r"\mu_t(p-\bar p);\ \eta_{t+1} = \frac{\eta}{(1+\lambda\eta t)^\alpha};\ "
        r"\mu_{t+1} = \frac{1}{\max(1, t-t_0)}"
    ),
    summary="Averaged SGD; the average of the iterates is the slot ax.",
    reference="torch.optim.ASGD (_single_tensor_asgd)",
    differences={
        "torch": "torch keeps eta and mu as float32 0-d tensors unless the default dtype is "
        "float64; here they are kept in the parameters' dtype (float64 by default), "
        "the exact rule.",
        "keras": "no ASGD in Keras 3.",
        "optax": "no ASGD in optax.",
    },
)


# ---- Adafactor -----------------------------------------------------------------------------


def _adafactor_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    if len(shape) > 1:
        return {"row_var": ((*shape[:-1], 1), 0.0), "col_var": ((*shape[:-2], 1, shape[-1]), 0.0)}
    return {"variance": (shape, 0.0)}


def _norm(a: np.ndarray) -> float:
    return float(np.sqrt(np.sum(a * a)))


def _adafactor(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    eps1 = c.eps1 if hp["eps"][0] is None else hp["eps"][0]
    eps2 = hp["eps"][1]
    step = float(c.t)
    one_minus_beta2_t = step ** hp["beta2_decay"]
    rho_t = min(c.lr, 1 / (step**0.5))
    numel = max(p.size, 1)
    alpha = max(eps2, _norm(p) / (numel**0.5)) * rho_t
    if hp["weight_decay"] != 0:
        p = p * (1 - c.lr * hp["weight_decay"])
    new: Slots = {}
    if g.ndim > 1:
        row_mean = np.sum(g * g, axis=-1, keepdims=True) / g.shape[-1]
        row = lerp(s["row_var"], row_mean, one_minus_beta2_t)
        col_mean = np.sum(g * g, axis=-2, keepdims=True) / g.shape[-2]
        col = lerp(s["col_var"], col_mean, one_minus_beta2_t)
        # mean over rows as sum / count (np.mean's own arithmetic) without its warning when
        # there are no rows (a size-0 parameter)
        row_avg = np.sum(row, axis=-2, keepdims=True) / max(row.shape[-2], 1)
        var = (row @ col) / np.maximum(row_avg, eps1)
        new = {"row_var": row, "col_var": col}
    else:
        var = lerp(s["variance"], g * g, one_minus_beta2_t)
        new = {"variance": var}
    update = (1.0 / np.sqrt(np.maximum(var, eps1 * eps1))) * g
    denom = max(1.0, _norm(update) / ((numel**0.5) * hp["d"]))
    return p + (-alpha / denom) * update, new


def _adafactor_check(hp: HP) -> None:
    e1, e2 = hp["eps"]
    if (e1 is not None and not e1 > 0) or not e2 > 0:
        raise InvalidInputError(
            f"expected eps = (null or > 0, > 0), got ({e1}, {e2})", ("hyperparams", "eps")
        )


ADAFACTOR = Optimizer(
    name="adafactor",
    nonfinite=NonFinite(
        "NaN and ±inf propagate; the row/column second moments and the parameter norm are "
        "computed in the parameters' dtype as torch, so float32 squares above 3.4e38 are inf "
        "and the first step's lerp with weight 1 (inf − (inf − 0)·0) makes the parameter NaN, "
        "exactly as torch's Adafactor does",
        "agrees",
    ),
    params=(
        _lr(1e-2),
        ParamSpec(
            "beta2_decay",
            -0.8,
            "exponent c of 1 − β̂₂ = t^c",
            maximum=0.0,
            aliases=("beta_2_decay",),
        ),
        ParamSpec(
            "eps",
            (None, 1e-3),
            "(ε₁, ε₂): ε₁ clamps the variance (null = machine "
            "epsilon of the dtype), ε₂ floors the parameter RMS",
            type="float_pair",
            nullable=True,
        ),
        ParamSpec(
            "d",
            1.0,
            "clipping threshold of the update RMS",
            minimum=1.0,
            aliases=("clip_threshold",),
        ),
        _wd(0.0, "decoupled weight decay: p ← p·(1 − η·wd)"),
        MAXIMIZE,
    ),
    slots=_adafactor_slots,
    update=_adafactor,
    elementwise=False,
    check=_adafactor_check,
    rule=(
        r"\hat\beta_{2t} = 1 - t^{c};\ \rho_t = \min(\eta, 1/\sqrt t);\ "
        r"\alpha_t = \max(\epsilon_2, \mathrm{RMS}(p))\rho_t;\ R_t, C_t = \text{row/col means "
        r"of } g^2\ (\text{lerp});\ V = \frac{R_t C_t}{\max(\mathrm{mean}(R_t), \epsilon_1)};"
        r"\ u = g/\sqrt{\max(V, \epsilon_1^2)};\ p \leftarrow p - \frac{\alpha_t}"
        r"{\max(1, \mathrm{RMS}(u)/d)}u"
    ),
    summary="Adafactor with factored second moments for tensors of rank ≥ 2 (no first moment).",
    reference="torch.optim.Adafactor (_single_tensor_adafactor)",
    differences={
        "keras": "keras.optimizers.Adafactor: ε₁ = 1e-30 added to g² before averaging, "
        "relative step and clip_threshold 1.0 differently placed, learning_rate 0.001.",
        "optax": "optax.adafactor factors only dimensions ≥ 128 (min_dim_size_to_factor), "
        "multiplies by the parameter scale, decay_rate 0.8, eps 1e-30.",
    },
)


# ---- Lion (optax) --------------------------------------------------------------------------


def _lion(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    b1, b2 = c.hp["betas"]
    m = s["exp_avg"]
    u = np.sign((1.0 - b1) * g + b1 * m)
    m_new = (1.0 - b2) * g + b2 * m
    wd = c.hp["weight_decay"]
    if wd != 0:
        u = u + wd * p
    return p + u * (-c.lr), {"exp_avg": m_new}


LION = Optimizer(
    name="lion",
    nonfinite=NonFinite(
        "a NaN gradient gives a NaN update (sign(NaN) is NaN in optax/jnp) and a NaN momentum; "
        "±inf gradients give ordinary signs and an infinite momentum",
        "torch has no Lion (optax's rule)",
    ),
    params=(
        _lr(1e-3),
        _betas((0.9, 0.99)),
        _wd(1e-3, "decoupled weight decay, added to the sign update before ×η (optax)"),
        MAXIMIZE,
    ),
    slots=lambda shape, hp, lr: _like(shape, ("exp_avg", 0.0)),
    update=_lion,
    rule=(
        r"u = \mathrm{sign}(\beta_1 m_{t-1} + (1-\beta_1) g) + \lambda p;\ "
        r"m_t = \beta_2 m_{t-1} + (1-\beta_2) g;\ p \leftarrow p - \eta u"
    ),
    summary="Lion (evolved sign momentum), optax's rule under torch-style names.",
    reference="optax.lion (scale_by_lion + add_decayed_weights + scale_by_learning_rate)",
    differences={
        "torch": "not in torch.optim; optax's definition, betas=(b1, b2).",
        "keras": "keras.optimizers.Lion: same update; weight decay applied as Keras's generic "
        "decoupled decay before the update (p·wd·lr), default none; "
        "learning_rate 0.001 (the default here).",
        "optax": "optax.lion(learning_rate, b1=0.9, b2=0.99, weight_decay=1e-3): the reference; "
        "optax has no default learning rate (1e-3 here, Keras's).",
    },
)


# ---- LAMB (optax) --------------------------------------------------------------------------


def _lamb(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["betas"]
    m = (1 - b1) * g + b1 * s["exp_avg"]
    v = (1 - b2) * (g**2) + b2 * s["exp_avg_sq"]
    t = c.t
    m_hat = m / (1 - b1**t)
    v_hat = v / (1 - b2**t)
    u = m_hat / (np.sqrt(v_hat + hp["eps_root"]) + hp["eps"])
    if hp["weight_decay"] != 0:
        u = u + hp["weight_decay"] * p
    p_norm = _norm(p)
    u_norm = _norm(u)
    ratio = 1.0 if (p_norm == 0.0 or u_norm == 0.0) else p_norm / u_norm
    return p + (u * ratio) * (-c.lr), {"exp_avg": m, "exp_avg_sq": v}


LAMB = Optimizer(
    name="lamb",
    nonfinite=NonFinite(
        "NaN or ±inf in any gradient makes the trust ratio NaN, so the whole tensor becomes NaN",
        "torch has no LAMB (optax's rule)",
    ),
    params=(
        _lr(1e-3),
        _betas((0.9, 0.999)),
        _eps(1e-6, "added to √v̂ (outside the root)"),
        ParamSpec("eps_root", 0.0, "added to v̂ inside the root (optax)", minimum=0.0),
        _wd(0.0, "weight decay added to the Adam direction inside the trust ratio (optax)"),
        MAXIMIZE,
    ),
    slots=lambda shape, hp, lr: _like(shape, ("exp_avg", 0.0), ("exp_avg_sq", 0.0)),
    update=_lamb,
    elementwise=False,
    rule=(
        r"r = \frac{\hat m_t}{\sqrt{\hat v_t + \epsilon_{root}} + \epsilon} + \lambda p;\ "
        r"p \leftarrow p - \eta\,\frac{\lVert p\rVert}{\lVert r\rVert}\,r\ "
        r"(\text{ratio } 1 \text{ if either norm is } 0)"
    ),
    summary="LAMB: Adam direction rescaled per tensor by the trust ratio ‖p‖/‖r‖ (optax).",
    reference="optax.lamb (scale_by_adam + add_decayed_weights + scale_by_trust_ratio + "
    "scale_by_learning_rate)",
    differences={
        "torch": "not in torch.optim; optax's definition, betas=(b1, b2).",
        "keras": "keras.optimizers.Lamb: epsilon 1e-7, weight decay applied outside the "
        "trust ratio (Keras's generic decoupled decay).",
        "optax": "optax.lamb(learning_rate, b1=0.9, b2=0.999, eps=1e-6, eps_root=0.0, "
        "weight_decay=0.0): the reference (no default learning rate; 1e-3 here).",
    },
)


OPTIMIZERS: Registry[Optimizer] = Registry("optimizer")
for _opt in (
    SGD,
    ADAM,
    ADAMW,
    ADAMAX,
    NADAM,
    RADAM,
    ADAGRAD,
    ADADELTA,
    RMSPROP,
    RPROP,
    ASGD,
    ADAFACTOR,
    LION,
    LAMB,
):
    OPTIMIZERS.register(_opt)


def eps1_default(dtype: np.dtype) -> float:
    return float(np.finfo(dtype).eps)


__all__ = ["OPTIMIZERS", "Ctx", "Optimizer", "eps1_default", "lerp"]
