"""Rprop, ASGD, Adafactor, Lion and LAMB; the notation is the package's."""

from __future__ import annotations

import math

import numpy as np

from service.compute.errors import InvalidInputError
from service.compute.optimizers.rules._base import (
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
    lerp,
)
from service.compute.params import ParamSpec
from service.compute.registry import NonFinite

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
        step_cost=6,
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
        step_cost=3,
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
        step_cost=5,
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
        step_cost=3,
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
        step_cost=6,
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
