"""The optimizer entry type, the registry and what the entries share: hyperparameter specs, the
Keras forms' helpers, machine epsilon."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np

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
    step_cost: int = 4
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


def fused_add(a: np.ndarray, alpha: float, b: np.ndarray) -> np.ndarray:
    """``a + alpha·b`` as torch's ``a.add(b, alpha=alpha)`` computes it on the CPU: rounded
    once (a fused multiply-add, alpha in a's dtype). Below float64 through float64, where
    alpha·b is exact and the sum is rounded to the dtype once (equal to torch's on 100,000
    of 100,000 float32 elements; two roundings agree on 72 %); float64 rounds twice (NumPy
    has no fused multiply-add; 1 ULP at most)."""
    if a.dtype != np.float32:
        return a + alpha * b
    wide: np.ndarray = np.asarray(np.multiply(b, np.float64(np.float32(alpha)), dtype=np.float64))
    wide = np.add(wide, a, out=wide) if wide.shape == a.shape else wide + a
    with np.errstate(over="ignore"):  # beyond float32's range: ±inf, as torch's
        return wide.astype(np.float32)


def _weight_decay(
    p: np.ndarray, g: np.ndarray, c: Ctx, decoupled: bool
) -> tuple[np.ndarray, np.ndarray]:
    wd = c.hp["weight_decay"]
    if wd != 0:
        if decoupled:
            p = p * (1 - c.lr * wd)
        else:
            g = fused_add(g, wd, p)
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


@functools.lru_cache(maxsize=8)
def eps1_default(dtype: np.dtype) -> float:
    """Machine epsilon of ``dtype`` (np.finfo is not free: a few microseconds per call)."""
    return float(np.finfo(dtype).eps)
