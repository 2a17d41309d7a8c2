"""Gradient-inspection endpoints: finite-difference gradcheck, verification of a client's own
implementation, statistics of gradient tensors and gradient flow through a random MLP.
Handlers are plain ``def``: FastAPI runs them in the threadpool."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import APIRouter, Body, Query
from matplotlib.ticker import MaxNLocator
from starlette.responses import Response

from service.api.deps import BudgetDep, SettingsDep, compute_dtype, decode, tensor_decoder
from service.compute import activations as act
from service.compute.errors import InvalidInputError, LimitExceededError
from service.compute.inspect import flow, gradcheck, stats, verify
from service.config import Settings
from service.plots import MEDIA_TYPES, PlotFormat, figure_bytes, new_figure
from service.schemas.common import problem_responses
from service.schemas.inspect import (
    FlowRequest,
    FlowResponse,
    GradcheckRequest,
    GradcheckResponse,
    StatsRequest,
    StatsResponse,
    VerifyRequest,
    VerifyResponse,
)
from service.wire.json import OrjsonRoute, StrictJSONResponse
from service.wire.tensors import Budget, Decoded, decode_tree, encoder_for

router = APIRouter(tags=["inspection"], route_class=OrjsonRoute)


@contextmanager
def relocated(moves: dict[str, tuple[str | int, ...]]) -> Iterator[None]:
    """Re-raise compute errors whose loc starts with a key of ``moves`` at the field the
    request actually used (function parameters given in target.params, a loss's input sent
    as x)."""
    try:
        yield
    except InvalidInputError as exc:
        if exc.loc and exc.loc[0] in moves:
            raise InvalidInputError(exc.msg, (*moves[str(exc.loc[0])], *exc.loc[1:])) from None
        raise


# --------------------------------------------------------------------------------------------
# gradcheck

GRADCHECK_EXAMPLES: dict[str, Any] = {
    "activation": {
        "summary": "sigmoid: f'(x) against central differences",
        "value": {"target": {"kind": "activation", "name": "sigmoid"}, "x": [-2.0, 0.5, 3.0]},
    },
    "softmax": {
        "summary": "softmax: the full Jacobian, rows along the last axis",
        "value": {
            "target": {"kind": "activation", "name": "softmax"},
            "x": [[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]],
        },
    },
    "loss": {
        "summary": "categorical cross-entropy from logits: dL/dy_pred",
        "value": {
            "target": {
                "kind": "loss",
                "name": "categorical_crossentropy",
                "params": {"from_logits": True},
            },
            "y_true": [[0, 1, 0], [1, 0, 0]],
            "y_pred": [[2.0, 1.0, 0.1], [0.5, 0.3, -1.0]],
        },
    },
    "fast": {
        "summary": "fast mode: 4 random projections, looser tolerances",
        "value": {
            "target": {"kind": "activation", "name": "log_softmax"},
            "x": [[0.1, 0.2, 0.3, 0.4], [1.0, -1.0, 2.0, -2.0]],
            "fast_mode": True,
            "directions": 4,
            "rtol": 1e-4,
        },
    },
}


def _check_size(a: np.ndarray, settings: Settings, loc: tuple[str | int, ...]) -> None:
    if a.size > settings.max_gradcheck_elements:
        raise LimitExceededError(
            f"expected at most {settings.max_gradcheck_elements} input elements, got {a.size}",
            "GRADSERVE_MAX_GRADCHECK_ELEMENTS",
            settings.max_gradcheck_elements,
            loc,
        )


@router.post(
    "/v1/gradcheck",
    response_model=GradcheckResponse,
    summary="Check an analytic gradient against central finite differences",
    operation_id="gradcheck",
    responses=problem_responses(404, 413, 422),
)
def gradcheck_endpoint(
    req: Annotated[GradcheckRequest, Body(openapi_examples=GRADCHECK_EXAMPLES)],
    budget: BudgetDep,
    settings: SettingsDep,
) -> Response:
    """Like `torch.autograd.gradcheck` (eps 1e-6, atol 1e-5, rtol 1e-3, in float64): an entry
    passes when |analytic − numeric| <= atol + rtol·|numeric|.

    Elementwise activations: f'(x) and the backward pass (vjp) element by element. Vector
    activations: the full Jacobian (shape y.shape + x.shape) for small inputs, from the
    backward pass and from the `jacobian` output; random projections vᵀJu beyond (as torch's
    fast mode and jax's check_grads). Losses: dL/dy_pred of the reduced loss. Inputs within
    2·eps of a kink of an elementwise activation, and non-finite inputs, are skipped and
    counted. `analytic`/`numeric` take the form of `x` (or `y_pred`) unless `encoding` is set;
    they are null when larger than 4096 entries or in projection mode."""
    t = req.target
    tol = gradcheck.Tolerance(req.eps, req.atol, req.rtol)
    decoder = tensor_decoder(budget)
    if t.kind == "activation":
        act.ACTIVATIONS.get(t.name, ("target", "name"))
        for field in ("y_pred", "y_true", "sample_weight"):
            if getattr(req, field) is not None:
                raise InvalidInputError(
                    f"{field} applies to a loss; an activation takes x", (field,)
                )
        if req.x is None:
            raise InvalidInputError("expected x, the activation's input", ("x",))
        main = decode(req.x, "x", budget)
        _check_size(main.array, settings, ("body", "x"))
        with relocated({"params": ("target", "params")}):
            result = gradcheck.gradcheck_activation(
                t.name,
                main.array,
                t.params,
                axis=req.axis,
                tol=tol,
                fast_mode=req.fast_mode,
                directions=req.directions,
                seed=req.seed,
                decode_tensor=decoder,
            )
    else:
        from service.compute import losses as lo

        lo.LOSSES.get(t.name, ("target", "name"))
        if req.x is not None and req.y_pred is not None:
            raise InvalidInputError("give y_pred or x (its synonym for a loss), not both", ("x",))
        field = "y_pred" if req.y_pred is not None or req.x is None else "x"
        raw = req.y_pred if field == "y_pred" else req.x
        if raw is None:
            raise InvalidInputError("expected y_pred, the loss's input", ("y_pred",))
        if req.y_true is None:
            raise InvalidInputError("expected y_true, the loss's targets", ("y_true",))
        main = decode(raw, field, budget)
        _check_size(main.array, settings, ("body", field))
        y_true = decode(req.y_true, "y_true", budget).array
        sw = (
            decode(req.sample_weight, "sample_weight", budget).array
            if req.sample_weight is not None
            else None
        )
        moves: dict[str, tuple[str | int, ...]] = {"params": ("target", "params")}
        if field == "x":
            moves["y_pred"] = ("x",)
        with relocated(moves):
            result = gradcheck.gradcheck_loss(
                t.name,
                y_true,
                main.array,
                t.params,
                reduction=req.reduction,
                sample_weight=sw,
                convention=req.convention,
                tol=tol,
                fast_mode=req.fast_mode,
                directions=req.directions,
                seed=req.seed,
                decode_tensor=decoder,
            )
    enc = encoder_for(main, req.encoding, None)
    for key in ("analytic", "numeric"):
        if result[key] is not None:
            budget.take(int(np.size(result[key])), ("body", "x"))
            result[key] = enc.tensor(result[key])
    return StrictJSONResponse(result)


# --------------------------------------------------------------------------------------------
# verify

VERIFY_EXAMPLES: dict[str, Any] = {
    "activation": {
        "summary": "sigmoid value and derivative, float32 client",
        "value": {
            "target": {"kind": "activation", "name": "sigmoid"},
            "dtype": "float32",
            "x": [-2.0, 0.0, 3.0],
            "value": [0.11920292, 0.5, 0.95257413],
            "derivative": [0.10499359, 0.25, 0.04517666],
        },
    },
    "sign": {
        "summary": "a derivative with the wrong sign: diagnosis sign_flipped",
        "value": {
            "target": {"kind": "activation", "name": "tanh"},
            "x": [0.5, -1.0],
            "derivative": [-0.7864477329659274, -0.41997434161402614],
        },
    },
    "softmax": {
        "summary": "softmax Jacobian without its off-diagonal terms: diagonal_jacobian_only",
        "value": {
            "target": {"kind": "activation", "name": "softmax"},
            "x": [0.0, 0.0],
            "jacobian": [[0.25, 0.0], [0.0, 0.25]],
        },
    },
    "leaky": {
        "summary": "leaky_relu with PyTorch's slope 0.01 where 0.1 was asked: leaky_slope_0.01",
        "value": {
            "target": {"kind": "activation", "name": "leaky_relu"},
            "x": [-2.0, 1.0],
            "value": [-0.02, 1.0],
        },
    },
    "loss": {
        "summary": "mse gradient without the 1/N of the mean: missing_mean_division",
        "value": {
            "target": {"kind": "loss", "name": "mse"},
            "y_true": [[1.0], [2.0]],
            "y_pred": [[1.5], [1.0]],
            "loss": 0.625,
            "grad": [[1.0], [-2.0]],
        },
    },
    "optimizer": {
        "summary": "one Adam step with ε inside the square root: eps_inside_sqrt",
        "value": {
            "target": {"kind": "optimizer", "name": "adam"},
            "params": [1.0, -2.0],
            "grads": [0.5, 0.1],
            "hyperparams": {"lr": 0.1, "eps": 0.01},
            "result": {"params": [0.901941932430908, -2.0707106781186546]},
        },
    },
}

_ACT_OUTPUTS = ("value", "derivative", "jacobian", "vjp")
_LOSS_OUTPUTS = ("loss", "grad", "per_sample")


def _fields_for(req: VerifyRequest, kind: str) -> None:
    """Reject fields of another kind (a loss's y_true sent with an activation...)."""
    own = {
        "activation": {"x", "grad_output", "axis", "params", *_ACT_OUTPUTS, "param_grads"},
        "loss": {
            "y_true",
            "y_pred",
            "reduction",
            "sample_weight",
            "convention",
            "params",
            *_LOSS_OUTPUTS,
        },
        "optimizer": {
            "params",
            "grads",
            "state",
            "hyperparams",
            "clip",
            "regularization",
            "result",
        },
    }[kind]
    for field in req.model_fields_set:
        if field in ("target", "dtype", "tolerance") or field in own:
            continue
        if getattr(req, field) is not None:
            raise InvalidInputError(f"{field} does not apply to target kind {kind!r}", (field,))


def _function_params(req: VerifyRequest) -> dict[str, Any]:
    if req.params is not None and req.target.params:
        raise InvalidInputError(
            "give the parameters in params or in target.params, not both", ("params",)
        )
    given = req.params if req.params is not None else req.target.params
    if not isinstance(given, dict):
        raise InvalidInputError("expected an object of parameters", ("params",))
    return given


def _param_moves(req: VerifyRequest) -> dict[str, tuple[str | int, ...]]:
    return {"params": ("target", "params")} if req.params is None else {}


def _client_dtype(req: VerifyRequest, outputs: list[Decoded]) -> type[np.floating[Any]]:
    if req.dtype is not None:
        return verify.client_dtype(req.dtype)
    declared = [d.dtype for d in outputs if d.dtype is not None]
    if declared and all(d == "float32" for d in declared):
        return np.float32
    return np.float64


def _decode_tree_arrays(
    value: Any, loc: tuple[str | int, ...], budget: Budget
) -> tuple[Any, list[Decoded]]:
    """A tensor or a nested mapping of tensors, as arrays in the same structure."""
    tree, is_map = decode_tree(value, ("body", *loc), budget)
    if is_map:
        assert isinstance(tree, dict)
        out: dict[str, Any] = {}
        for path, d in tree.items():
            node = out
            *parents, last = path.split("/")
            for p in parents:
                node = node.setdefault(p, {})
            node[last] = d.array
        return out, list(tree.values())
    assert isinstance(tree, Decoded)
    return tree.array, [tree]


def _decode_state(state: dict[str, Any] | None, loc: tuple[str | int, ...], budget: Budget) -> Any:
    if state is None:
        return None
    out = dict(state)
    slots = state.get("slots")
    if isinstance(slots, dict):
        out["slots"] = {
            name: (
                None
                if tree is None
                else _decode_tree_arrays(tree, (*loc, "slots", name), budget)[0]
            )
            for name, tree in slots.items()
        }
    return out


@router.post(
    "/v1/verify",
    response_model=VerifyResponse,
    summary="Verify your own implementation against the float64 reference",
    operation_id="verify",
    responses=problem_responses(404, 413, 422),
)
def verify_endpoint(
    req: Annotated[VerifyRequest, Body(openapi_examples=VERIFY_EXAMPLES)],
    budget: BudgetDep,
) -> Response:
    """Send the target, its inputs and your own outputs (the field names of the evaluate
    endpoints: `value`, `derivative`, `jacobian`, `vjp`, `param_grads` for an activation;
    `loss`, `grad`, `per_sample` for a loss; `result.params` and `result.state` for one
    optimizer step). The reference is computed in float64 from the same inputs; each output is
    compared element by element in your dtype: an element passes within `tolerance.ulp`
    (default 4) units in the last place, or within `tolerance.atol` (default: that many ULPs of
    the output's largest reference magnitude).

    A failing output gets a `diagnosis` when its numbers match a known variant: sign_flipped,
    missing_mean_division, diagonal_jacobian_only, derivative_at_output, leaky_slope_0.01 /
    0.2 / 0.3, gelu_tanh_approximation, keras_convention, eps_inside_sqrt,
    no_bias_correction, coupled_weight_decay, float32_overflow, kink_convention. The response
    holds no tensors (mismatches are listed as numbers)."""
    t = req.target
    kind = t.kind
    _fields_for(req, kind)
    tol = verify.VerifyTolerance(req.tolerance.ulp, req.tolerance.atol, req.tolerance.max_listed)
    decoder = tensor_decoder(budget)
    if kind == "activation":
        act.ACTIVATIONS.get(t.name, ("target", "name"))
        if req.x is None:
            raise InvalidInputError("expected x, the activation's input", ("x",))
        params = _function_params(req)
        x = decode(req.x, "x", budget)
        g = decode(req.grad_output, "grad_output", budget) if req.grad_output is not None else None
        outs: dict[str, Any] = {}
        decoded: list[Decoded] = []
        for key in _ACT_OUTPUTS:
            raw = getattr(req, key)
            if raw is not None:
                d = decode(raw, key, budget)
                outs[key] = d.array
                decoded.append(d)
        if req.param_grads is not None:
            pg = {}
            for pk, pv in req.param_grads.items():
                d = decode(pv, ("param_grads", pk), budget)
                pg[pk] = d.array
                decoded.append(d)
            outs["param_grads"] = pg
        budget.take(sum(int(d.array.size) for d in decoded), ("body",))  # the reference
        with relocated(_param_moves(req)):
            result = verify.verify_activation(
                t.name,
                x.array,
                outs,
                params,
                axis=req.axis,
                grad_output=None if g is None else g.array,
                dtype=_client_dtype(req, decoded),
                tol=tol,
                decode_tensor=decoder,
            )
    elif kind == "loss":
        from service.compute import losses as lo

        lo.LOSSES.get(t.name, ("target", "name"))
        if req.y_true is None or req.y_pred is None:
            missing = "y_true" if req.y_true is None else "y_pred"
            raise InvalidInputError(f"expected {missing} for a loss", (missing,))
        params = _function_params(req)
        y_pred = decode(req.y_pred, "y_pred", budget)
        y_true = decode(req.y_true, "y_true", budget)
        sw = (
            decode(req.sample_weight, "sample_weight", budget)
            if req.sample_weight is not None
            else None
        )
        outs = {}
        decoded = []
        for key in _LOSS_OUTPUTS:
            raw = getattr(req, key)
            if raw is not None:
                d = decode(raw, key, budget)
                outs[key] = d.array
                decoded.append(d)
        budget.take(y_pred.array.size * 2, ("body", "y_pred"))  # reference and variants
        with relocated(_param_moves(req)):
            result = verify.verify_loss(
                t.name,
                y_true.array,
                y_pred.array,
                outs,
                params,
                reduction=req.reduction,
                sample_weight=None if sw is None else sw.array,
                convention=req.convention,
                dtype=_client_dtype(req, decoded),
                tol=tol,
                decode_tensor=decoder,
            )
    else:
        from service.compute import optimizers as opt

        opt.OPTIMIZERS.get(t.name, ("target", "name"))
        if req.hyperparams is not None and t.params:
            raise InvalidInputError(
                "give the hyperparameters in hyperparams or in target.params, not both",
                ("hyperparams",),
            )
        hp = req.hyperparams if req.hyperparams is not None else t.params
        for field in ("params", "grads", "result"):
            if getattr(req, field) is None:
                raise InvalidInputError(f"expected {field} for an optimizer", (field,))
        assert req.result is not None
        params_tree, _ = _decode_tree_arrays(req.params, ("params",), budget)
        grads_tree, _ = _decode_tree_arrays(req.grads, ("grads",), budget)
        state = _decode_state(req.state, ("state",), budget)
        res_params, decoded = _decode_tree_arrays(req.result.params, ("result", "params"), budget)
        res_state = _decode_state(req.result.state, ("result", "state"), budget)
        budget.take(sum(int(d.array.size) for d in decoded) * 4, ("body", "params"))
        hp_moves: dict[str, tuple[str | int, ...]] = (
            {"hyperparams": ("target", "params")} if req.hyperparams is None else {}
        )
        with relocated(hp_moves):
            result = verify.verify_optimizer(
                t.name,
                params_tree,
                grads_tree,
                {"params": res_params, "state": res_state},
                state,
                hp,
                clip=req.clip,
                regularization=req.regularization,
                dtype=_client_dtype(req, decoded),
                tol=tol,
            )
    return StrictJSONResponse(result)


# --------------------------------------------------------------------------------------------
# stats

STATS_EXAMPLES: dict[str, Any] = {
    "small": {
        "summary": "three named gradients: ok, vanishing and non-finite",
        "value": {
            "tensors": {
                "layer1.weight": [[0.01, -0.02], [0.5, 0.0]],
                "layer2.weight": [1e-9, -2e-9, 0.0],
                "layer2.bias": [0.3, "NaN", "Infinity"],
            }
        },
    },
    "b64": {
        "summary": "a float32 b64 tensor and RMS thresholds",
        "value": {
            "tensors": {
                "w": {"shape": [2, 2], "dtype": "float32", "b64": "AACAPwAAAMAAAEBAAACAwA=="}
            },
            "thresholds": {"vanishing": 1e-6, "exploding": 10.0, "norm": "rms"},
        },
    },
}


@router.post(
    "/v1/inspect/stats",
    response_model=StatsResponse,
    summary="Statistics and a verdict for named gradient tensors",
    operation_id="gradientStats",
    responses=problem_responses(413, 422),
)
def stats_endpoint(
    req: Annotated[StatsRequest, Body(openapi_examples=STATS_EXAMPLES)],
    budget: BudgetDep,
) -> Response:
    """Per tensor: shape, count, L1/L2/Linf norms and RMS, mean, std (ddof 0), min and max of
    the finite values, the fraction of exact zeros, NaN and ±Inf counts, a histogram of
    log10|g| on fixed one-decade bins (1e-30 … 1e10, exact, plus underflow/overflow/zeros) and
    a verdict: nonfinite (any NaN/Inf), exploding (norm > thresholds.exploding, default 1e3),
    vanishing (norm < thresholds.vanishing, default 1e-7; all zeros too) or ok. Also the
    global L2 norm over all tensors and the overall verdict (the most severe one, or exploding
    when the global norm is above the threshold). Send large tensors as b64."""
    if not req.tensors:
        raise InvalidInputError("expected at least one named tensor, got none", ("tensors",))
    arrays = {
        name: decode(value, ("tensors", name), budget).array for name, value in req.tensors.items()
    }
    th = stats.StatsThresholds(
        req.thresholds.vanishing, req.thresholds.exploding, req.thresholds.norm
    )
    return StrictJSONResponse(stats.inspect_stats(arrays, th))


# --------------------------------------------------------------------------------------------
# gradient flow

FLOW_EXAMPLES: dict[str, Any] = {
    "sigmoid": {
        "summary": "sigmoid, 5 layers, Xavier: vanishing (the seed documents' example)",
        "value": {
            "depth": 5,
            "width": 64,
            "batch": 64,
            "activation": "sigmoid",
            "init": "xavier_uniform",
            "seed": 0,
        },
    },
    "relu": {
        "summary": "ReLU, 20 layers, He: healthy",
        "value": {
            "depth": 20,
            "width": 64,
            "batch": 64,
            "activation": "relu",
            "init": "he_normal",
            "seed": 0,
        },
    },
    "tanh": {
        "summary": "tanh with N(0, 1) weights: exploding",
        "value": {
            "depth": 10,
            "width": 64,
            "activation": "tanh",
            "init": "normal",
            "init_params": {"std": 1.0},
        },
    },
    "leaky": {
        "summary": "leaky_relu with its slope, float32",
        "value": {
            "depth": 8,
            "activation": "leaky_relu",
            "activation_params": {"alpha": 0.2},
            "init": "he_uniform",
            "dtype": "float32",
        },
    },
}


def flow_plot(report: dict[str, Any], fmt: PlotFormat) -> bytes:
    """Per-layer gradient norms (weights and pre-activations) on a log scale, with the
    vanishing/exploding bands relative to the last layer."""
    layers = report["layers"]
    idx = [ly["layer"] for ly in layers]

    def pos(key: str) -> list[float]:
        out = []
        for ly in layers:
            v = ly[key]
            out.append(v if isinstance(v, float) and math.isfinite(v) and v > 0 else math.nan)
        return out

    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot(idx, pos("weight_grad_norm"), marker="o", label="‖dL/dW‖ (weights)")
    ax.plot(
        idx,
        pos("pre_activation_grad_norm"),
        marker="s",
        linestyle="--",
        label="‖dL/dz‖ (pre-activations)",
    )
    last = layers[-1]["weight_grad_norm"]
    th = report["thresholds"]
    if isinstance(last, float) and math.isfinite(last) and last > 0:
        ax.axhline(
            last * th["vanishing"],
            color="tab:blue",
            linewidth=0.8,
            linestyle=":",
            label=f"vanishing (× {th['vanishing']:g} of the last layer)",
        )
        ax.axhline(
            last * th["exploding"],
            color="tab:red",
            linewidth=0.8,
            linestyle=":",
            label=f"exploding (× {th['exploding']:g})",
        )
    bad = report["first_bad_layer"]
    if bad is not None:
        ax.axvline(bad, color="tab:red", alpha=0.4, linewidth=6)
    shown = [v for v in (*pos("weight_grad_norm"), *pos("pre_activation_grad_norm")) if v == v]
    if shown:
        ax.set_yscale("log")
    else:  # every gradient is 0 or non-finite: nothing to put on a log axis
        ax.text(
            0.5,
            0.5,
            f"no positive finite gradient norm (verdict {report['verdict']})",
            transform=ax.transAxes,
            ha="center",
            va="center",
        )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("layer (1 = input)")
    ax.set_ylabel("gradient norm")
    a = report["activation"]["name"]
    ax.set_title(f"gradient flow: {a}, {report['init']['name']}, verdict {report['verdict']}")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize="small")
    return figure_bytes(fig, fmt)


@router.post(
    "/v1/inspect/gradient-flow",
    response_model=FlowResponse,
    summary="Gradient flow through a deterministic random MLP (JSON, PNG or SVG)",
    operation_id="gradientFlow",
    responses={
        **problem_responses(404, 413, 422),
        200: {
            "content": {"application/json": {}, "image/png": {}, "image/svg+xml": {}},
            "description": "The per-layer report, or the chart of the gradient norms.",
        },
    },
)
def gradient_flow_endpoint(
    req: Annotated[FlowRequest, Body(openapi_examples=FLOW_EXAMPLES)],
    settings: SettingsDep,
    budget: BudgetDep,
    format: Annotated[
        Literal["json", "png", "svg"],
        Query(description="json report, or a png/svg chart of the per-layer gradient norms."),
    ] = "json",
) -> Response:
    """Build the MLP x → [Linear(width, width) → f] × depth (biases 0, weights from `init`,
    x and targets drawn from `seed`), run one forward and one backward pass through the
    registry's activation and loss, and report per layer (1 at the input) the mean and std of
    the pre-activations and activations, the saturated fraction (|f'(z)| <
    thresholds.saturation) and dead fraction (units saturated for the whole batch), the norms
    of dL/dW, dL/db, dL/dz and W, and the ratios to the last layer.

    Verdict: a layer whose weight-gradient norm is below thresholds.vanishing (1e-2) times the
    last layer's is vanishing, above thresholds.exploding (1e2) times exploding; NaN/Inf is
    nonfinite; `first_bad_layer` is the bad layer nearest the output. Work is bounded by
    GRADSERVE_MAX_FLOW_WORK (depth·width²·batch) and GRADSERVE_MAX_FLOW_DEPTH."""
    cfg = flow.FlowConfig(
        depth=req.depth,
        width=req.width,
        batch=req.batch,
        activation=req.activation,
        activation_params=req.activation_params,
        init=req.init,
        init_params=req.init_params,
        input=req.input,
        input_scale=req.input_scale,
        loss=req.loss,
        seed=req.seed,
        dtype=compute_dtype(req.dtype),
        thresholds=flow.FlowThresholds(
            req.thresholds.vanishing, req.thresholds.exploding, req.thresholds.saturation
        ),
    )
    limits = flow.FlowLimits(max_work=settings.max_flow_work, max_depth=settings.max_flow_depth)
    report = flow.gradient_flow(cfg, limits, tensor_decoder(budget))
    report["config"] = {
        "depth": req.depth,
        "width": req.width,
        "batch": req.batch,
        "seed": req.seed,
        "input": req.input,
        "input_scale": req.input_scale,
        "loss": req.loss,
        "dtype": req.dtype or "float64",
    }
    if format != "json":
        return Response(flow_plot(report, format), media_type=MEDIA_TYPES[format])
    return StrictJSONResponse(report)
