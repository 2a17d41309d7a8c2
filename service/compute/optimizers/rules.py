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

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
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
class OptimizerVariant:
    """A known mistake (or another library's convention) for one step of an optimizer.

    ``name`` is the diagnosis label of ``POST /v1/verify``, ``detail`` its explanation. The
    variant is a rule with the entry's own signature, ``update(p, g, slots, ctx)``, run by the
    same step machinery (regularization, clipping, schedule, ``maximize``, state checks) in
    place of the entry's ``update``; ``slots`` replaces the initial slot values of a fresh
    state when the mistake is in the initialisation. A variant that gives exactly the
    reference's numbers for a request is not considered for it.
    """

    name: str
    detail: str
    update: Update
    slots: SlotLayout | None = None


@dataclass(frozen=True)
class ConvergenceSpec:
    """Hyperparameters with which the generic tests reach the minimum of their objectives.

    ``quadratic``/``rosenbrock`` are trajectory run specs (``hyperparams``, ``clip``);
    ``anneal_*``: a cosine-annealed lr is added (sign-like and adaptive methods hover at a
    distance ∝ lr otherwise); ``rosenbrock_steps`` bounds the run.
    """

    quadratic: Mapping[str, Any]
    rosenbrock: Mapping[str, Any]
    rosenbrock_steps: int = 5000
    anneal_quadratic: bool = False
    anneal_rosenbrock: bool = False


@dataclass(frozen=True)
class KerasForm:
    """The optimizer under ``convention: "keras"``: Keras 3's formulas, names and defaults.

    ``params`` are Keras's constructor arguments (Keras spelling and defaults, ``lr``/``eps``
    accepted as aliases); ``slots`` uses Keras's variable names. Keras's ``weight_decay`` is
    always decoupled and applied to the variable before the update
    (``var ← var − var·wd·lr``); its clipping (``clipnorm``, ``global_clipnorm``,
    ``clipvalue``) replaces torch's. ``changes`` says what the convention changes, for the
    catalog.
    """

    params: tuple[ParamSpec, ...]
    slots: SlotLayout
    update: Update
    rule: str
    changes: str
    reference: str
    elementwise: bool = True
    slot_options: tuple[Mapping[str, Any], ...] = ()
    float32_internals: bool = False  # Keras computes part of it in float32 even for float64


@dataclass(frozen=True)
class Optimizer:
    """One optimizer: hyperparameters, state slots, the update, and its documentation.

    ``slots(shape, hp, lr)`` gives, per parameter, each slot's shape and initial value;
    ``update(p, g, slots, ctx)`` returns the new parameter and the new slots without
    touching its inputs. ``elementwise`` updates may be run chunk by chunk over the flat
    arrays (all slots have the parameter's shape and no reduction is involved).
    ``slot_options`` are the hyperparameter settings that switch optional slots on (SGD's
    momentum buffer, AMSGrad's max); ``variants`` the recognised mistakes that ``verify``
    names; ``keras`` the form under ``convention: "keras"`` (None: Keras 3 has no such
    optimizer); ``test_hyperparams`` what the generic convergence tests run.
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
    test_hyperparams: ConvergenceSpec
    aliases: tuple[str, ...] = ()
    elementwise: bool = True
    check: Callable[[HP], None] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    fused: FusedUpdate | None = None
    slot_options: tuple[Mapping[str, Any], ...] = ()
    variants: tuple[OptimizerVariant, ...] = ()
    keras: KerasForm | None = None
    convention: str = "torch"

    def slot_names(self) -> list[str]:
        """All slot names this optimizer may use (for the catalog)."""
        names: dict[str, None] = {}
        base = {s.name: s.default for s in self.params}
        for shape in ((3,), (2, 3)):
            for opt in ({}, *self.slot_options):
                names.update(dict.fromkeys(self.slots(shape, {**base, **opt}, 1e-3)))
        return list(names)

    def under(self, convention: str) -> Optimizer:
        """This optimizer under ``convention`` ("torch" or "keras"); KeyError without one."""
        if convention == "torch":
            return self
        if convention != "keras" or self.keras is None:
            raise KeyError(convention)
        k = self.keras
        return replace(
            self,
            params=k.params,
            slots=k.slots,
            update=k.update,
            rule=k.rule,
            reference=k.reference,
            elementwise=k.elementwise,
            check=None,
            fused=None,
            slot_options=k.slot_options,
            variants=(),
            keras=None,
            convention="keras",
        )

    def with_variant(self, variant: OptimizerVariant) -> Optimizer:
        """The same optimizer computing ``variant``'s rule (for verify's diagnoses)."""
        return replace(self, update=variant.update, slots=variant.slots or self.slots, fused=None)


OPTIMIZERS: Registry[Optimizer] = Registry("optimizer")


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

# ---- helpers for variants and the Keras forms ------------------------------------------------


def _rule(f: Callable[..., tuple[np.ndarray, Slots]], **kw: Any) -> Update:
    """``f`` with some keyword arguments fixed: a variant rule with the entry's signature."""

    def update(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
        return f(p, g, s, c, **kw)

    return update


def _with_hp(f: Update, **changes: Any) -> Update:
    """``f`` run with some hyperparameters replaced (a variant that is a wrong setting)."""

    def update(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
        return f(p, g, s, replace(c, hp={**c.hp, **changes}))

    return update


def _klr(default: float) -> ParamSpec:
    return ParamSpec(
        "learning_rate", default, "learning rate (Keras)", minimum=0.0, aliases=("lr",)
    )


def _kbeta(i: int, default: float) -> ParamSpec:
    return ParamSpec(
        f"beta_{i}",
        default,
        f"β{'₁' if i == 1 else '₂'} (Keras)",
        minimum=0.0,
        maximum=1.0,
        exclusive_maximum=True,
        aliases=(f"b{i}", f"beta{i}"),
    )


def _keps(default: float = 1e-7, what: str = "added to the denominator") -> ParamSpec:
    return ParamSpec(
        "epsilon", default, f"ε, {what}", minimum=0.0, exclusive_minimum=True, aliases=("eps",)
    )


def _kwd(default: float | None = None) -> ParamSpec:
    return ParamSpec(
        "weight_decay",
        default,
        "Keras's weight decay, always decoupled and applied before the update: "
        "var ← var − var·wd·lr (null: none)",
        minimum=0.0,
        nullable=default is None,
    )


def _keras_decay(p: np.ndarray, c: Ctx) -> np.ndarray:
    """Keras's ``_apply_weight_decay``: ``var − var·wd·lr`` before ``update_step``."""
    wd = c.hp["weight_decay"]
    if wd:
        return cast(np.ndarray, p - p * wd * c.lr)
    return p


KERAS_WD = "weight decay always decoupled and applied before the update (var −= var·wd·lr)"


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


# ---- Rprop ---------------------------------------------------------------------------------


def _tsign(a: np.ndarray) -> np.ndarray:
    """torch.sign: sign(NaN) = 0."""
    return np.where(np.isnan(a), 0.0, np.sign(a)).astype(a.dtype, copy=False)


def _rprop_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    zero_on_change: bool = True,
    swap_etas: bool = False,
    zero_as_same: bool = False,
) -> tuple[np.ndarray, Slots]:
    eta_minus, eta_plus = c.hp["etas"]
    if swap_etas:
        eta_minus, eta_plus = eta_plus, eta_minus
    lo, hi = c.hp["step_sizes"]
    # torch.sign(NaN) = 0: a NaN gradient (now or as prev) keeps the step size and does not
    # move the parameter; the NaN is stored as prev, as torch does
    factor = _tsign(g * s["prev"])
    if zero_as_same:
        factor = np.where(factor == 0, 1.0, factor)
    factor = np.where(factor > 0, eta_plus, factor)
    factor = np.where(factor < 0, eta_minus, factor)
    factor = np.where(factor == 0, 1.0, factor)
    step_size = np.clip(s["step_size"] * factor, lo, hi)
    if zero_on_change:
        g = np.where(factor == eta_minus, 0.0, g).astype(p.dtype, copy=False)
    p = p + (-1 * _tsign(g)) * step_size
    return p, {"prev": g, "step_size": step_size.astype(p.dtype, copy=False)}


def _rprop(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _rprop_rule(p, g, s, c)


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


RPROP = OPTIMIZERS.register(
    Optimizer(
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
            r"\{\eta_+, \eta_-, 1\}_s, \delta_{min}, \delta_{max});\ g \leftarrow 0 \text{ where "
            r"} s<0;\ p \leftarrow p - \mathrm{sign}(g)\,\delta;\ g_{prev} = g"
        ),
        summary="Resilient backpropagation: per-coordinate step sizes from gradient signs only "
        "(the learning rate is the initial step size).",
        reference="torch.optim.Rprop (_single_tensor_rprop)",
        differences={
            "keras": "no Rprop in Keras 3.",
            "optax": "optax.rprop(learning_rate, eta_minus, eta_plus, min_step_size, "
            "max_step_size): the same rule.",
        },
        variants=(
            OptimizerVariant(
                "no_zeroing_on_sign_change",
                "matches a step taken also where the gradient changed sign (Rprop without "
                "backtracking: torch sets g = 0 there, so the parameter stays and the next "
                "step size is not reduced again)",
                _rule(_rprop_rule, zero_on_change=False),
            ),
            OptimizerVariant(
                "etas_swapped",
                "matches η₊ applied on a sign change and η₋ where the sign is kept (etas swapped)",
                _rule(_rprop_rule, swap_etas=True),
            ),
            OptimizerVariant(
                "sign_convention",
                "matches a zero product g·g_prev (the first step, a zero gradient) counted as "
                "'same sign' (step size × η₊); torch keeps the step size there (sign 0)",
                _rule(_rprop_rule, zero_as_same=True),
            ),
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.01}},
            rosenbrock={"hyperparams": {"lr": 1e-3}},
        ),
    )
)


# ---- ASGD ----------------------------------------------------------------------------------


def _asgd_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    return {"eta": ((), lr), "mu": ((), 1.0), "ax": (shape, 0.0)}


def _asgd_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    average_before: bool = False,
    no_decay: bool = False,
) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    lambd, alpha, t0 = hp["lambd"], hp["alpha"], hp["t0"]
    p, g = _weight_decay(p, g, c, False)
    eta = float(s["eta"])
    mu = float(s["mu"])
    old = p
    if not no_decay:
        p = p * (1 - lambd * eta)
    p = p + (-eta) * g
    src = old if average_before else p
    ax = s["ax"] + (src - s["ax"]) * mu if mu != 1 else src.copy()
    step = float(c.t)
    new_eta = c.lr / ((1 + lambd * c.lr * step) ** alpha)
    new_mu = 1 / max(1, step - t0)
    dt = p.dtype
    return p, {"eta": np.asarray(new_eta, dtype=dt), "mu": np.asarray(new_mu, dtype=dt), "ax": ax}


def _asgd(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _asgd_rule(p, g, s, c)


ASGD = OPTIMIZERS.register(
    Optimizer(
        name="asgd",
        nonfinite=NonFinite(
            "NaN and ±inf propagate into the parameter and ax by the update's arithmetic",
            "agrees",
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
        variants=(
            OptimizerVariant(
                "average_before_update",
                "matches the average ax updated with the parameter before this step's update "
                "(torch averages the new iterate)",
                _rule(_asgd_rule, average_before=True),
            ),
            OptimizerVariant(
                "missing_decay_term",
                "matches p − η·g without the decay p·(1 − λη)",
                _rule(_asgd_rule, no_decay=True),
            ),
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.1}},
            rosenbrock={"hyperparams": {"lr": 0.002}},
        ),
    )
)


# ---- Adafactor -----------------------------------------------------------------------------


def _adafactor_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    if len(shape) > 1:
        return {"row_var": ((*shape[:-1], 1), 0.0), "col_var": ((*shape[:-2], 1, shape[-1]), 0.0)}
    return {"variance": (shape, 0.0)}


def _norm(a: np.ndarray) -> float:
    return float(np.sqrt(np.sum(a * a)))


def _adafactor_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    relative_step: bool = True,
    parameter_scale: bool = True,
    factored: bool = True,
) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    eps1 = c.eps1 if hp["eps"][0] is None else hp["eps"][0]
    eps2 = hp["eps"][1]
    step = float(c.t)
    one_minus_beta2_t = step ** hp["beta2_decay"]
    rho_t = min(c.lr, 1 / (step**0.5)) if relative_step else c.lr
    numel = max(p.size, 1)
    alpha = max(eps2, _norm(p) / (numel**0.5)) * rho_t if parameter_scale else rho_t
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
        if not factored:  # a full second moment, its previous value the factored estimate
            prev_avg = np.sum(s["row_var"], axis=-2, keepdims=True) / max(row.shape[-2], 1)
            prev = (s["row_var"] @ s["col_var"]) / np.maximum(prev_avg, eps1)
            var = lerp(prev, g * g, one_minus_beta2_t)
    else:
        var = lerp(s["variance"], g * g, one_minus_beta2_t)
        new = {"variance": var}
    update = (1.0 / np.sqrt(np.maximum(var, eps1 * eps1))) * g
    denom = max(1.0, _norm(update) / ((numel**0.5) * hp["d"]))
    return p + (-alpha / denom) * update, new


def _adafactor(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _adafactor_rule(p, g, s, c)


def _adafactor_check(hp: HP) -> None:
    e1, e2 = hp["eps"]
    if (e1 is not None and not e1 > 0) or not e2 > 0:
        raise InvalidInputError(
            f"expected eps = (null or > 0, > 0), got ({e1}, {e2})", ("hyperparams", "eps")
        )


def _kmean(a: np.ndarray, axis: int | None = None, keepdims: bool = False) -> np.ndarray:
    """``keras.ops.mean`` under the JAX backend, as Keras 3.15 computes it for float64.

    Keras asks ``jnp.mean`` for ``dtype=result_type(dtype, "float32")``, which is float32
    there: the values are rounded to float32, summed in float32 (a full mean as XLA does it,
    the last axis first) and divided in float32, then cast back. So Keras's float64 Adafactor
    carries float32 rounding (≈ 6e-8 relative) in its row/column means and RMS; measured:
    without this its float64 trajectory differs from ours by 1e-7 after one step.
    """
    x = a.astype(np.float32)
    n = np.float32(a.size if axis is None else a.shape[axis])
    if axis is None:
        total: np.ndarray = x
        while total.ndim:
            total = np.asarray(np.add.reduce(total, axis=-1, dtype=np.float32))
        m = np.asarray(total / n)
    else:
        m = np.asarray(np.sum(x, axis=axis, keepdims=keepdims, dtype=np.float32) / n)
    return m.astype(a.dtype)


def _k_rms(a: np.ndarray) -> float:
    return float(np.sqrt(_kmean(a * a))) if a.size else math.nan


def _k_adafactor(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    p = _keras_decay(p, c)
    t = float(c.t)
    rho_t = min(c.lr, 1 / math.sqrt(t))  # relative_step's min(lr, 1/√t) is the same number
    alpha_t = max(hp["epsilon_2"], _k_rms(p)) * rho_t
    reg = g * g + hp["epsilon_1"]
    b2t = 1 - t ** hp["beta_2_decay"]
    new: Slots = {}
    if p.ndim >= 2:
        r = b2t * s["r"] + (1 - b2t) * _kmean(reg, axis=-1)
        col = b2t * s["c"] + (1 - b2t) * _kmean(reg, axis=-2)
        v = np.expand_dims(r / _kmean(r, axis=-1, keepdims=True), -1) * np.expand_dims(col, -2)
        new = {"r": r, "c": col}
    else:
        v = b2t * s["velocity"] + (1 - b2t) * reg
    new["velocity"] = v
    u = g / np.sqrt(v)
    u_hat = u / max(1.0, _k_rms(u) / hp["clip_threshold"])
    return p - alpha_t * u_hat, new


def _k_adafactor_slots(shape: Shape, hp: HP, lr: float) -> dict[str, tuple[Shape, float]]:
    out: dict[str, tuple[Shape, float]] = {}
    if len(shape) >= 2:
        out = {"r": (shape[:-1], 0.0), "c": ((*shape[:-2], shape[-1]), 0.0)}
    out["velocity"] = (shape, 0.0)
    return out


ADAFACTOR = OPTIMIZERS.register(
    Optimizer(
        name="adafactor",
        nonfinite=NonFinite(
            "NaN and ±inf propagate; the row/column second moments and the parameter norm are "
            "computed in the parameters' dtype as torch, so float32 squares above 3.4e38 are "
            "inf and the first step's lerp with weight 1 (inf − (inf − 0)·0) makes the "
            "parameter NaN, exactly as torch's Adafactor does",
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
            r"\alpha_t = \max(\epsilon_2, \mathrm{RMS}(p))\rho_t;\ R_t, C_t = \text{row/col "
            r"means of } g^2\ (\text{lerp});\ V = \frac{R_t C_t}{\max(\mathrm{mean}(R_t), "
            r"\epsilon_1)};\ u = g/\sqrt{\max(V, \epsilon_1^2)};\ p \leftarrow p - "
            r"\frac{\alpha_t}{\max(1, \mathrm{RMS}(u)/d)}u"
        ),
        summary="Adafactor with factored second moments for tensors of rank ≥ 2 (no first moment).",
        reference="torch.optim.Adafactor (_single_tensor_adafactor)",
        differences={
            "keras": "keras.optimizers.Adafactor: ε₁ = 1e-30 added to g² before averaging, "
            "relative step and clip_threshold 1.0 differently placed, learning_rate 0.001.",
            "optax": "optax.adafactor factors only dimensions ≥ 128 (min_dim_size_to_factor), "
            "multiplies by the parameter scale, decay_rate 0.8, eps 1e-30.",
        },
        variants=(
            OptimizerVariant(
                "no_relative_step",
                "matches ρ_t = η (the learning rate alone) where Adafactor takes the relative "
                "step ρ_t = min(η, 1/√t)",
                _rule(_adafactor_rule, relative_step=False),
            ),
            OptimizerVariant(
                "no_parameter_scale",
                "matches α_t = ρ_t: the step is not scaled by max(ε₂, RMS(p))",
                _rule(_adafactor_rule, parameter_scale=False),
            ),
            OptimizerVariant(
                "unfactored_second_moment",
                "matches a full second moment V = β̂₂-average of g² for a matrix, where "
                "Adafactor factors it into row and column means",
                _rule(_adafactor_rule, factored=False),
            ),
        ),
        keras=KerasForm(
            params=(
                _klr(1e-3),
                ParamSpec(
                    "beta_2_decay",
                    -0.8,
                    "exponent c of 1 − β̂₂ = t^c",
                    maximum=0.0,
                    aliases=("beta2_decay",),
                ),
                ParamSpec("epsilon_1", 1e-30, "added to g² before averaging", minimum=0.0),
                ParamSpec("epsilon_2", 1e-3, "floor of the parameter RMS", minimum=0.0),
                ParamSpec(
                    "clip_threshold",
                    1.0,
                    "threshold of the update RMS",
                    minimum=0.0,
                    exclusive_minimum=True,
                ),
                ParamSpec(
                    "relative_step",
                    True,
                    "ρ_t = min(lr, 1/√t) (Keras 3.15 takes that minimum again for ρ_t, so "
                    "false changes nothing)",
                    type="bool",
                ),
                _kwd(),
            ),
            slots=_k_adafactor_slots,
            update=_k_adafactor,
            elementwise=False,
            float32_internals=True,
            rule=(
                r"\hat\beta_{2t} = 1 - t^{c};\ G = g^2 + \epsilon_1;\ r, c = \text{row/col means "
                r"of } G;\ V = \frac{r}{\mathrm{mean}(r)} \otimes c\ (\text{rank} \ge 2);\ "
                r"u = g/\sqrt V;\ p \leftarrow p - \max(\epsilon_2, \mathrm{RMS}(p))"
                r"\min(\eta, 1/\sqrt t)\frac{u}{\max(1, \mathrm{RMS}(u)/d)}"
            ),
            changes="ε₁ = 1e-30 added to g² before averaging (torch clamps V at ε₁²); V = "
            "(r/mean r) ⊗ c with r, c plain means (torch divides by max(mean r, ε₁)); every "
            "parameter keeps a full 'velocity' slot, matrices also 'r' and 'c' (shapes "
            "without the keepdims axis); names epsilon_1, epsilon_2, clip_threshold; "
            "learning_rate 0.001; " + KERAS_WD + ". Keras 3.15 (JAX) computes these means in "
            "float32 even for float64 variables; so does this form (agreement ≈ 2e-7 relative "
            "after 40 steps, not bit for bit).",
            reference="keras.optimizers.Adafactor (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.05}},
            rosenbrock={
                "hyperparams": {"lr": 0.05, "beta2_decay": -0.5},
                "clip": {"global_norm": 1.0},
            },
            anneal_quadratic=True,
            anneal_rosenbrock=True,
        ),
    )
)


# ---- Lion (optax) --------------------------------------------------------------------------


def _lion_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    swapped: bool = False,
    no_sign: bool = False,
) -> tuple[np.ndarray, Slots]:
    b1, b2 = c.hp["betas"]
    if swapped:
        b1, b2 = b2, b1
    m = s["exp_avg"]
    m_new = (1.0 - b2) * g + b2 * m
    c_t = (1.0 - b1) * g + b1 * m
    u = c_t if no_sign else np.sign(c_t)
    wd = c.hp["weight_decay"]
    if wd != 0:
        u = u + wd * p
    return p + u * (-c.lr), {"exp_avg": m_new}


def _lion(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    b1, b2 = c.hp["betas"]
    m = s["exp_avg"]
    u = np.sign((1.0 - b1) * g + b1 * m)
    m_new = (1.0 - b2) * g + b2 * m
    wd = c.hp["weight_decay"]
    if wd != 0:
        u = u + wd * p
    return p + u * (-c.lr), {"exp_avg": m_new}


def _k_lion(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    b1, b2 = c.hp["beta_1"], c.hp["beta_2"]
    p = _keras_decay(p, c)
    m = s["momentum"]
    p = p - c.lr * np.sign(m * b1 + g * (1.0 - b1))
    return p, {"momentum": m * b2 + g * (1.0 - b2)}


LION = OPTIMIZERS.register(
    Optimizer(
        name="lion",
        nonfinite=NonFinite(
            "a NaN gradient gives a NaN update (sign(NaN) is NaN in optax/jnp) and a NaN "
            "momentum; ±inf gradients give ordinary signs and an infinite momentum",
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
            "keras": "keras.optimizers.Lion: same update; weight decay applied as Keras's "
            "generic decoupled decay before the update (p·wd·lr), default none; "
            "learning_rate 0.001 (the default here).",
            "optax": "optax.lion(learning_rate, b1=0.9, b2=0.99, weight_decay=1e-3): the "
            "reference; optax has no default learning rate (1e-3 here, Keras's).",
        },
        variants=(
            OptimizerVariant(
                "betas_swapped",
                "matches β₁ and β₂ swapped: the sign taken of β₂m + (1 − β₂)g and the "
                "momentum kept with β₁",
                _rule(_lion_rule, swapped=True),
            ),
            OptimizerVariant(
                "sign_missing",
                "matches the interpolation β₁m + (1 − β₁)g used as the update without its sign "
                "(momentum SGD's direction; Lion steps by ±η per element)",
                _rule(_lion_rule, no_sign=True),
            ),
        ),
        keras=KerasForm(
            params=(_klr(1e-3), _kbeta(1, 0.9), _kbeta(2, 0.99), _kwd()),
            slots=lambda shape, hp, lr: _like(shape, ("momentum", 0.0)),
            update=_k_lion,
            rule=(
                r"p \leftarrow p - \eta\,\mathrm{sign}(\beta_1 m + (1-\beta_1) g);\ "
                r"m_t = \beta_2 m + (1-\beta_2) g"
            ),
            changes="no weight decay by default (optax/this service: 1e-3); when given it is "
            "Keras's var −= var·wd·η before the update (the same numbers as optax's "
            "wd·p inside the update up to rounding); slot 'momentum'.",
            reference="keras.optimizers.Lion (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.01}},
            rosenbrock={"hyperparams": {"lr": 0.01, "weight_decay": 0.0}},
            anneal_quadratic=True,
            anneal_rosenbrock=True,
        ),
    )
)


# ---- LAMB (optax) --------------------------------------------------------------------------


def _lamb_rule(
    p: np.ndarray,
    g: np.ndarray,
    s: Slots,
    c: Ctx,
    trust_ratio: bool = True,
    decay_outside: bool = False,
) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["betas"]
    m = (1 - b1) * g + b1 * s["exp_avg"]
    v = (1 - b2) * (g**2) + b2 * s["exp_avg_sq"]
    t = c.t
    m_hat = m / (1 - b1**t)
    v_hat = v / (1 - b2**t)
    u = m_hat / (np.sqrt(v_hat + hp["eps_root"]) + hp["eps"])
    if decay_outside:
        p = p - p * hp["weight_decay"] * c.lr
    elif hp["weight_decay"] != 0:
        u = u + hp["weight_decay"] * p
    p_norm = _norm(p)
    u_norm = _norm(u)
    ratio = 1.0 if (p_norm == 0.0 or u_norm == 0.0 or not trust_ratio) else p_norm / u_norm
    return p + (u * ratio) * (-c.lr), {"exp_avg": m, "exp_avg_sq": v}


def _lamb(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    return _lamb_rule(p, g, s, c)


def _k_lamb(p: np.ndarray, g: np.ndarray, s: Slots, c: Ctx) -> tuple[np.ndarray, Slots]:
    hp = c.hp
    b1, b2 = hp["beta_1"], hp["beta_2"]
    p = _keras_decay(p, c)
    t = float(c.t)
    m = s["momentum"] + (g - s["momentum"]) * (1 - b1)
    v = s["velocity"] + (g * g - s["velocity"]) * (1 - b2)
    m_hat = m / (1.0 - b1**t)
    v_sqrt = np.sqrt(v / (1.0 - b2**t)) + hp["epsilon"]
    upd = m_hat / v_sqrt
    w_norm = _norm(p)
    g_norm = _norm(upd)
    ratio = w_norm / g_norm if (w_norm > 0 and g_norm > 0) else 1.0
    return p - ratio * c.lr * upd, {"momentum": m, "velocity": v}


LAMB = OPTIMIZERS.register(
    Optimizer(
        name="lamb",
        nonfinite=NonFinite(
            "NaN or ±inf in any gradient (after clipping: clipping by value makes ±inf ±c) "
            "makes the trust ratio NaN, so the whole tensor becomes NaN; where the parameter "
            "norm is 0 the trust ratio is 1 (optax's), so only the non-finite elements' "
            "updates are NaN",
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
        variants=(
            OptimizerVariant(
                "trust_ratio_missing",
                "matches the step without the trust ratio ‖p‖/‖r‖ (an Adam step with the "
                "weight decay term)",
                _rule(_lamb_rule, trust_ratio=False),
            ),
            OptimizerVariant(
                "weight_decay_outside_trust_ratio",
                "matches weight decay applied to p before the step (Keras: p −= p·wd·η) "
                "instead of wd·p added to the direction inside the trust ratio (optax)",
                _rule(_lamb_rule, decay_outside=True),
            ),
        ),
        keras=KerasForm(
            params=(_klr(1e-3), _kbeta(1, 0.9), _kbeta(2, 0.999), _keps(1e-7), _kwd()),
            slots=lambda shape, hp, lr: _like(shape, ("momentum", 0.0), ("velocity", 0.0)),
            update=_k_lamb,
            elementwise=False,
            rule=(
                r"p \leftarrow p - \eta\lambda p;\ r = \frac{\hat m_t}{\sqrt{\hat v_t} + "
                r"\epsilon};\ p \leftarrow p - \eta\,\frac{\lVert p\rVert}{\lVert r\rVert}\,r"
            ),
            changes="epsilon 1e-7 (optax 1e-6), no eps_root; weight decay applied to the "
            "variable before the step (var −= var·wd·η), outside the trust ratio (optax adds "
            "wd·p to the direction inside it); slots 'momentum', 'velocity'.",
            reference="keras.optimizers.Lamb (Keras 3.15)",
        ),
        test_hyperparams=ConvergenceSpec(
            quadratic={"hyperparams": {"lr": 0.02}},
            rosenbrock={"hyperparams": {"lr": 0.01}},
            anneal_quadratic=True,
            anneal_rosenbrock=True,
        ),
    )
)


@functools.lru_cache(maxsize=8)
def eps1_default(dtype: np.dtype) -> float:
    """Machine epsilon of ``dtype`` (np.finfo is not free: a few microseconds per call)."""
    return float(np.finfo(dtype).eps)


__all__ = [
    "OPTIMIZERS",
    "ConvergenceSpec",
    "Ctx",
    "KerasForm",
    "Optimizer",
    "OptimizerVariant",
    "eps1_default",
    "lerp",
]
