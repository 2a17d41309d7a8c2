"""The Open Inference Protocol's models: ``activations.<name>``, ``losses.<name>``,
``optimizers.<name>`` mapped onto the compute layer, as the /v1 routers call it.

* activations: inputs ``x``, ``grad_output`` and tensor parameters (``alpha``); outputs
  ``value``, ``derivative``, ``jacobian``, ``vjp``, ``<param>_grad``;
* losses: inputs ``y_pred``, ``y_true``, ``sample_weight``, ``class_weight`` (``pos_weight``);
  outputs ``loss``, ``grad``, ``per_sample``; the scalar loss and the warnings also come back
  as response parameters;
* optimizers: inputs ``params[.<path>]``, ``grads[.<path>]``, ``state.<slot>[.<path>]`` and
  the parameter ``step``; outputs ``params[.<path>]`` and ``state.<slot>[.<path>]``; the
  step's statistics as response parameters;
* networks.gradients (POST /v1/networks/gradients): inputs ``x``, ``layers.<i>.<field>``,
  ``y_true``, ``sample_weight``; the layer list (without tensors) as the JSON string
  parameter ``layers``; outputs ``loss``, ``output``, ``per_sample``,
  ``grads.<layer>.<field>``; verdicts as response parameters.

Everything that is not a tensor is a request parameter with its /v1 name; /v1 objects go flat
with dots (``clip.global_norm``). The element budget is taken as the /v1 routers take it.
Compute errors are re-worded to name the input, output or parameter (:func:`_translate`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
from starlette.responses import Response

from service.api.networks import _widths
from service.api.networks import limits as network_limits
from service.api.optimizers import StepPlan
from service.compute import activations as act
from service.compute import losses as lo
from service.compute import networks as nets
from service.compute import optimizers as optim
from service.compute.errors import ComputeError, Loc
from service.compute.inspect import stats as stats_mod
from service.compute.params import ParamSpec
from service.compute.registry import Registry
from service.config import Settings, get_settings
from service.errors import describe
from service.schemas.oip import OipInferRequest
from service.wire.oip import (
    InferRequest,
    InputTensor,
    OipError,
    OutputTensor,
    decode_request,
    encode_response,
    response_for,
    unflatten_parameters,
)
from service.wire.tensors import Budget, decode_tensor

FAMILIES: dict[str, Registry[Any]] = {
    "activations": act.ACTIVATIONS,
    "losses": lo.LOSSES,
    "optimizers": optim.OPTIMIZERS,
}
NETWORK_MODELS = ("gradients",)  # networks.<name>: POST /v1/networks/<name>
FREE = -1  # a free dimension in model metadata
Path = tuple[str, ...]  # a tensor's place in an optimizer's parameter tree


# ---- models ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    family: str
    name: str  # canonical
    given: str  # as requested (a loss alias may imply parameters)

    @property
    def model(self) -> str:
        return f"{self.family}.{self.name}"


def model_names() -> list[str]:
    """Every model's canonical name: the activations, losses and optimizers in catalog order,
    then the networks."""
    names = [f"{family}.{n}" for family, reg in FAMILIES.items() for n in reg.names()]
    return names + [f"networks.{n}" for n in NETWORK_MODELS]


def resolve_model(model: str) -> Target:
    family, dot, name = model.partition(".")
    if family.strip().lower() == "networks" and name.strip().lower() in NETWORK_MODELS:
        return Target("networks", name.strip().lower(), name)
    registry = FAMILIES.get(family.strip().lower())
    if not dot or registry is None:
        raise OipError(
            f"unknown model {model!r}; models are activations.<name>, losses.<name>, "
            "optimizers.<name> (GET /v1/activations, /v1/losses, /v1/optimizers list the names) "
            "and networks.gradients",
            404,
        )
    if name not in registry:
        raise OipError(
            f"unknown model {model!r}; valid {family.strip().lower()} names: "
            f"{', '.join(registry.names())} (and their aliases)",
            404,
        )
    return Target(family.strip().lower(), registry.canonical(name), name)


def _param_meta(spec: ParamSpec) -> dict[str, Any]:
    default = list(spec.default) if isinstance(spec.default, tuple) else spec.default
    kind = {"tensor": "float", "float_pair": "float"}.get(spec.type, spec.type)
    names = [spec.name]
    if spec.type == "float_pair":
        names = [f"{spec.name}.0", f"{spec.name}.1"]
    return {
        "names": names,
        "type": kind,
        "default": default,
        "description": spec.description
        + (f" (aliases: {', '.join(spec.aliases)})" if spec.aliases else ""),
    }


def _params_meta(specs: tuple[ParamSpec, ...] | list[ParamSpec]) -> list[dict[str, Any]]:
    out = []
    for spec in specs:
        meta = _param_meta(spec)
        for i, name in enumerate(meta.pop("names")):
            d = meta["default"]
            out.append({**meta, "name": name, "default": d[i] if isinstance(d, list) else d})
    return out


def _tensor(
    name: str, shape: list[int], *, datatype: str = "FP64", optional: bool = False, text: str = ""
) -> dict[str, Any]:
    return {
        "name": name,
        "datatype": datatype,
        "shape": shape,
        "optional": optional,
        "description": text,
    }


DTYPE_PARAM = {
    "name": "dtype",
    "type": "str",
    "default": None,
    "description": "float64 or float32 (default: float32 when the main input is FP32 or FP16, "
    "else float64)",
}


_LAYER_KEYS: dict[str, tuple[str, ...]] = {
    "dense": ("type", "name"),
    "activation": ("type", "name", "params", "layer_name"),
    "layer_norm": ("type", "name", "eps"),
    "batch_norm": ("type", "name", "eps"),
    "dropout": ("type", "name", "p"),
}
_LAYER_TENSORS: dict[str, tuple[str, ...]] = {
    "dense": ("weight", "bias"),
    "activation": (),
    "layer_norm": ("weight", "bias"),
    "batch_norm": ("weight", "bias"),
    "dropout": ("mask",),
}
_NETWORK_PARAMS = (
    "layers",
    "loss",
    "loss_params",
    "reduction",
    "convention",
    "output_activation",
    "dtype",
    "thresholds.vanishing",
    "thresholds.exploding",
    "stats_thresholds.vanishing",
    "stats_thresholds.exploding",
    "stats_thresholds.norm",
)


def _network_meta() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    inputs = [
        _tensor("x", [FREE, FREE], text="the batch, [batch, features]"),
        _tensor(
            "layers.<i>.weight",
            [FREE],
            optional=True,
            text="layer i's weight: dense [out, in], layer_norm/batch_norm [features]",
        ),
        _tensor(
            "layers.<i>.bias",
            [FREE],
            optional=True,
            text="layer i's bias: dense [out], layer_norm/batch_norm [features]",
        ),
        _tensor("layers.<i>.mask", [FREE, FREE], optional=True, text="dropout layer i's 0/1 mask"),
        _tensor(
            "y_true",
            [FREE],
            text="targets like the output (FP64), or class indices [batch] (INT64)",
        ),
        _tensor("sample_weight", [FREE], optional=True, text="one weight per sample"),
    ]
    outputs = [
        _tensor("loss", [FREE], text="shape [] for mean and sum, per sample for none"),
        _tensor("output", [FREE, FREE], text="the last layer's output"),
        _tensor("per_sample", [FREE], text="unweighted per-sample losses"),
        _tensor(
            "grads.<layer>.<field>",
            [FREE],
            text="dL/d the layer's weight, bias (dense, normalisations) or alpha (prelu); "
            "<layer> is the layer's name (default its index)",
        ),
    ]

    def p(name: str, kind: str, default: Any, text: str) -> dict[str, Any]:
        return {"name": name, "type": kind, "default": default, "description": text}

    params = [
        p(
            "layers",
            "str",
            None,
            "required: the layers as a JSON list, as /v1/networks/gradients takes them "
            "without tensors: {type: dense|activation|layer_norm|batch_norm|dropout, name?, "
            "eps? (normalisations), p (dropout), name and params (activation), layer_name? "
            "(activation)}; layer i's tensors are the inputs layers.<i>.<field>",
        ),
        p("loss", "str", None, "required: the loss name (GET /v1/losses)"),
        p("loss_params", "str", None, "the loss's params as a JSON object"),
        p("reduction", "str", "mean", "mean|sum|none"),
        p("convention", "str", "torch", "torch|keras"),
        p("output_activation", "str", None, "as POST /v1/losses/{name}"),
        DTYPE_PARAM,
        p("thresholds.vanishing", "float", 1e-2, "overall verdict (as gradient-flow)"),
        p("thresholds.exploding", "float", 1e2, "overall verdict (as gradient-flow)"),
        p("stats_thresholds.vanishing", "float", 1e-7, "per-tensor verdicts"),
        p("stats_thresholds.exploding", "float", 1e3, "per-tensor verdicts"),
        p("stats_thresholds.norm", "str", "l2", "per-tensor verdicts"),
    ]
    return inputs, outputs, params


def model_metadata(t: Target) -> dict[str, Any]:
    inputs: list[dict[str, Any]]
    outputs: list[dict[str, Any]]
    params: list[Any]
    if t.family == "activations":
        a = act.ACTIVATIONS.get(t.name)
        tensors = [s for s in a.params if s.type == "tensor"]
        inputs = [
            _tensor("x", [FREE], text="any shape"),
            _tensor("grad_output", [FREE], optional=True, text="upstream gradient for vjp"),
            *(
                _tensor(s.name, [FREE], optional=True, text=f"tensor parameter: {s.description}")
                for s in tensors
            ),
        ]
        names = ["value", "jacobian", "vjp"]
        if a.kind == "elementwise":
            names.insert(1, "derivative")
        names += [f"{s.name}_grad" for s in a.params if s.learnable]
        outputs = [_tensor(n, [FREE]) for n in names]
        params = [
            {"name": "axis", "type": "int", "default": -1, "description": "the function's axis"},
            DTYPE_PARAM,
            *_params_meta(a.params),
        ]
    elif t.family == "losses":
        entry = lo.LOSSES.get(t.name)
        inputs = [
            _tensor("y_pred", [FREE, FREE], text="batch + classes (logits with from_logits)"),
            _tensor(
                "y_true",
                [FREE] if entry.sparse else [FREE, FREE],
                datatype="INT64" if entry.sparse else "FP64",
                text="integer class indices" if entry.sparse else "like y_pred",
            ),
            _tensor("sample_weight", [FREE], optional=True, text="one weight per sample"),
            *(
                _tensor(s.name, [FREE], optional=True, text=s.description)
                for s in entry.params
                if s.type == "tensor"
            ),
        ]
        outputs = [
            _tensor("loss", [FREE], text="shape [] for mean and sum, per sample for none"),
            _tensor("grad", [FREE, FREE], text="dL/dy_pred"),
            _tensor("per_sample", [FREE], text="unweighted per-sample losses"),
        ]
        params = [
            {"name": "reduction", "type": "str", "default": "mean", "description": "mean|sum|none"},
            {"name": "convention", "type": "str", "default": "torch", "description": "torch|keras"},
            {"name": "output_activation", "type": "str", "default": None, "description": ""},
            DTYPE_PARAM,
            *_params_meta(entry.params),
        ]
    elif t.family == "networks":
        inputs, outputs, params = _network_meta()
    else:
        opt = optim.OPTIMIZERS.get(t.name)
        slots = opt.slot_names()
        inputs = [
            _tensor("params", [FREE], text="or params.<path> for named tensors"),
            _tensor("grads", [FREE], text="or grads.<path>, like params"),
            *(
                _tensor(f"state.{s}", [FREE], optional=True, text=f"or state.{s}.<path>")
                for s in slots
            ),
        ]
        outputs = [
            _tensor("params", [FREE], text="or params.<path>"),
            *(_tensor(f"state.{s}", [FREE], text=f"or state.{s}.<path>") for s in slots),
        ]
        params = [
            {
                "name": "step",
                "type": "int",
                "default": 0,
                "description": "the state's step count (0 or absent: a fresh optimizer)",
            },
            DTYPE_PARAM,
            *_params_meta(opt.params),
            *(
                {"name": f"clip.{k}", "type": "float", "default": None, "description": ""}
                for k in ("value", "norm", "global_norm")
            ),
            *(
                {"name": f"regularization.{k}", "type": "float", "default": 0.0, "description": ""}
                for k in ("l1", "l2")
            ),
            {
                "name": "schedule.name",
                "type": "str",
                "default": None,
                "description": "a schedule of GET /v1/optimizers; its fields as schedule.<field>",
            },
        ]
    return {
        "name": t.model,
        "versions": ["1"],
        "platform": "gradserve",
        "inputs": inputs,
        "outputs": outputs,
        "parameters": params,
    }


def model_config(t: Target) -> dict[str, Any]:
    """The model's metadata in Triton's model-configuration form (field names, TYPE_
    datatypes; max_batch_size 0: every shape is the full shape)."""
    meta = model_metadata(t)
    return {
        "name": meta["name"],
        "platform": meta["platform"],
        "backend": meta["platform"],
        "version_policy": {"latest": {"num_versions": 1}},
        "max_batch_size": 0,
        "input": [
            {
                "name": i["name"],
                "data_type": f"TYPE_{i['datatype']}",
                "format": "FORMAT_NONE",
                "dims": i["shape"],
                "is_shape_tensor": False,
                "allow_ragged_batch": False,
                "optional": i["optional"],
            }
            for i in meta["inputs"]
        ],
        "output": [
            {
                "name": o["name"],
                "data_type": f"TYPE_{o['datatype']}",
                "dims": o["shape"],
                "label_filename": "",
                "is_shape_tensor": False,
            }
            for o in meta["outputs"]
        ],
    }


# ---- errors from compute, in OIP terms ---------------------------------------------------

_TENSOR_FIELDS = ("x", "grad_output", "y_pred", "y_true", "sample_weight")


def _where(loc: Loc, family: str, tensor_params: set[str]) -> str:
    parts = [str(p) for p in loc if p != "body"]
    if not parts:
        return "the request"
    head, rest = parts[0], parts[1:]
    if head == "inputs":
        return f"input {rest[0]!r}" if rest else "inputs"
    if head in _TENSOR_FIELDS:
        return f"input {head!r}"
    if head in ("params", "grads") and family == "optimizers":
        return f"input {'.'.join([head, *rest])!r}"
    if head == "params" and rest:
        kind = "input" if rest[0] in tensor_params else "parameter"
        return f"{kind} {rest[0]!r}" + "".join(f"[{i}]" for i in rest[1:])
    if head == "hyperparams" and rest:
        return f"parameter {rest[0]!r}"
    if head == "state":
        if rest[:1] == ["slots"]:
            return f"input {'.'.join(['state', *rest[1:]])!r}"
        return "parameter 'step'" if rest[:1] == ["step"] else "the state"
    if head == "outputs":
        return "outputs"
    return f"parameter {'.'.join(parts)!r}"


RESERVED: dict[str, tuple[str, ...]] = {
    "activations": ("axis", "dtype"),
    "losses": ("reduction", "convention", "output_activation", "dtype"),
    "optimizers": ("step", "dtype", "convention", "clip.*", "regularization.*", "schedule.*"),
}


def _translate(exc: ComputeError, family: str, tensor_params: set[str]) -> OipError:
    msg = describe(exc)[3]  # a limit names its GRADSERVE_* setting
    if msg.startswith("unknown parameter"):
        msg += f"; request parameters of every {family[:-1]}: {', '.join(RESERVED[family])}"
    return OipError(f"{_where(exc.loc, family, tensor_params)}: {msg}")


# ---- the families ------------------------------------------------------------------------


def _pop_input(inputs: dict[str, InputTensor], name: str, t: Target, valid: list[str]) -> Any:
    item = inputs.pop(name, None)
    if item is None:
        raise OipError(f"missing input {name!r}; model {t.model} takes {', '.join(valid)}")
    return item


def _no_more_inputs(inputs: Mapping[str, Any], t: Target, valid: list[str]) -> None:
    if inputs:
        name = next(iter(inputs))
        raise OipError(f"unknown input {name!r}; model {t.model} takes {', '.join(valid)}")


def _dtype(params: dict[str, Any], main: InputTensor) -> type[np.floating[Any]]:
    given = params.pop("dtype", None)
    if given is None:
        return np.float32 if main.datatype in ("FP32", "FP16") else np.float64
    if given in ("float32", "FP32"):
        return np.float32
    if given in ("float64", "FP64"):
        return np.float64
    raise OipError(f"parameter 'dtype': expected float64 or float32, got {given!r}")


def _tensor_inputs(
    inputs: dict[str, InputTensor], specs: tuple[ParamSpec, ...], params: dict[str, Any]
) -> set[str]:
    """Move inputs named after a tensor parameter (or its alias) into ``params``."""
    names = {n for s in specs if s.type == "tensor" for n in (s.name, *s.aliases)}
    moved = set()
    for name in [n for n in inputs if n in names]:
        if name in params:
            raise OipError(f"{name!r} is given both as an input and as a parameter")
        params[name] = inputs.pop(name).array
        moved.add(name)
    return moved


def _wanted(req: InferRequest, available: list[str], t: Target) -> list[str] | None:
    if req.outputs is None:
        return None
    for out in req.outputs:
        if out.name not in available:
            raise OipError(
                f"unknown output {out.name!r}; model {t.model} has outputs {', '.join(available)}"
            )
    return [o.name for o in req.outputs]


Result = tuple[dict[str, np.ndarray], dict[str, Any]]  # outputs by name, response parameters


def run_activation(t: Target, req: InferRequest, budget: Budget) -> Result:
    entry = act.ACTIVATIONS.get(t.name)
    meta = model_metadata(t)
    valid = [i["name"] for i in meta["inputs"]]
    inputs = dict(req.inputs)
    params = dict(req.parameters)
    x = _pop_input(inputs, "x", t, valid)
    grad_output = inputs.pop("grad_output", None)
    tensor_params = _tensor_inputs(inputs, entry.params, params)
    _no_more_inputs(inputs, t, valid)
    axis = params.pop("axis", -1)
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise OipError(f"parameter 'axis': expected an integer, got {axis!r}")
    dtype = _dtype(params, x)
    grads = {f"{s.name}_grad": s.name for s in entry.params if s.learnable}
    wanted = _wanted(req, [o["name"] for o in meta["outputs"]], t)
    compute_outputs = None
    if wanted is not None:
        compute_outputs = list(dict.fromkeys("param_grads" if w in grads else w for w in wanted))
    try:
        if (entry.kind == "vector" and wanted is None) or "jacobian" in (compute_outputs or []):
            _, resolved = act.resolve(entry.name, params)
            budget.take(act.jacobian_size(x.array.shape, resolved, axis, entry.name), ("outputs",))
        n_out = len(compute_outputs) if compute_outputs is not None else 2
        budget.take(x.array.size * max(n_out - 1, 1), ("x",))
        jac = x.array.size**2 if entry.kind == "vector" else x.array.size  # at most
        names = wanted or ["value", "jacobian" if entry.kind == "vector" else "derivative"]
        sizes = {w: jac if w == "jacobian" else x.array.size for w in names}
        _charge_response(req, budget, sizes, np.dtype(dtype).itemsize, ("x",))
        result = act.evaluate(
            t.given,
            x.array,
            params,
            axis=axis,
            grad_output=None if grad_output is None else grad_output.array,
            outputs=compute_outputs,
            dtype=dtype,
        )
    except ComputeError as exc:
        raise _translate(exc, t.family, tensor_params) from None
    out: dict[str, np.ndarray] = {}
    for key, value in result.items():
        if key == "param_grads":
            out.update({f"{k}_grad": v for k, v in value.items()})
        else:
            out[key] = value
    if wanted is not None:
        out = {w: out[w] for w in wanted}
    return out, {}


def run_loss(t: Target, req: InferRequest, budget: Budget) -> Result:
    entry = lo.LOSSES.get(t.name)
    if isinstance(entry, lo.MoreLoss) and entry.inputs != ("y_pred",):  # issue 12
        raise OipError(
            f"model {t.model} takes the tensors {', '.join(entry.inputs)}, which OIP v2 does "
            f"not offer (only y_pred and y_true): use POST /v1/losses/{entry.name}"
        )
    valid = [i["name"] for i in model_metadata(t)["inputs"]]
    inputs = dict(req.inputs)
    params = dict(req.parameters)
    y_pred = _pop_input(inputs, "y_pred", t, valid)
    y_true = _pop_input(inputs, "y_true", t, valid)
    sw = inputs.pop("sample_weight", None)
    tensor_params = _tensor_inputs(inputs, entry.params, params)
    _no_more_inputs(inputs, t, valid)
    dtype = _dtype(params, y_pred)
    reduction = params.pop("reduction", "mean")
    convention = params.pop("convention", "torch")
    output_activation = params.pop("output_activation", None)
    wanted = _wanted(req, ["loss", "grad", "per_sample"], t)
    a = y_pred.array
    try:
        samples = a.size // a.shape[-1] if a.ndim and a.shape[-1] else 1
        budget.take(a.size + 2 * samples, ("y_pred",))
        sizes = {"loss": samples if reduction == "none" else 1, "grad": a.size}
        sizes["per_sample"] = samples
        if wanted is not None:
            sizes = {w: sizes[w] for w in wanted}
        _charge_response(req, budget, sizes, np.dtype(dtype).itemsize, ("y_pred",))
        result = lo.evaluate_loss(
            t.given,
            y_true.array,
            a,
            params,
            reduction=reduction,
            sample_weight=None if sw is None else sw.array,
            convention=convention,
            dtype=dtype,
            output_activation=output_activation,
        )
    except ComputeError as exc:
        raise _translate(exc, t.family, tensor_params) from None
    out = {"loss": result.loss, "grad": result.grad, "per_sample": result.per_sample}
    if wanted is not None:
        out = {w: out[w] for w in wanted}
    scalars: dict[str, Any] = {}
    if reduction != "none":
        scalars["loss"] = float(result.loss)
    scalars["warnings"] = "; ".join(result.warnings)
    return out, scalars


def _tree_path(name: str, root: str) -> Path | None:
    """``params`` -> (), ``params.a.b`` -> ("a", "b"); None when ``name`` is not under root."""
    if name == root:
        return ()
    if name.startswith(root + "."):
        parts = tuple(name[len(root) + 1 :].split("."))
        if all(parts):
            return parts
    return None


def _build_tree(leaves: dict[Path, np.ndarray], root: str) -> Any:
    if () in leaves:
        if len(leaves) > 1:
            other = next(p for p in leaves if p)
            raise OipError(
                f"input {root!r} (one tensor) cannot be given with {'.'.join([root, *other])!r} "
                "(named tensors)"
            )
        return leaves[()]
    tree: dict[str, Any] = {}
    for path, arr in leaves.items():
        node = tree
        for i, key in enumerate(path[:-1]):
            child = node.setdefault(key, {})
            if not isinstance(child, dict):
                above = ".".join([root, *path[: i + 1]])
                raise OipError(
                    f"input {'.'.join([root, *path])!r} is below {above!r}, which is a tensor"
                )
            node = child
        if isinstance(node.get(path[-1]), dict):
            raise OipError(f"input {'.'.join([root, *path])!r} also has tensors below it")
        node[path[-1]] = arr
    return tree


def _in_order(leaves: dict[Path, np.ndarray], order: Mapping[Path, Any]) -> dict[Path, np.ndarray]:
    """``leaves`` with the paths of ``order`` first, in its order, then the others."""
    return {**{p: leaves[p] for p in order if p in leaves}, **leaves}


def _leaves(tree: Any, prefix: str) -> list[tuple[str, np.ndarray]]:
    if isinstance(tree, Mapping):
        out: list[tuple[str, np.ndarray]] = []
        for k, v in tree.items():
            out.extend(_leaves(v, f"{prefix}.{k}"))
        return out
    return [(prefix, np.asarray(tree))]


_OPTIMIZER_FIELDS = ("step", "dtype", "convention", "clip", "regularization", "schedule")


def run_optimizer(t: Target, req: InferRequest, budget: Budget) -> Result:
    opt = optim.OPTIMIZERS.get(t.name)
    params_in: dict[Path, np.ndarray] = {}
    grads_in: dict[Path, np.ndarray] = {}
    slots_in: dict[str, dict[Path, np.ndarray]] = {}
    first: InputTensor | None = None
    for name, item in req.inputs.items():
        if (path := _tree_path(name, "params")) is not None:
            params_in[path] = item.array
            first = first or item
        elif (path := _tree_path(name, "grads")) is not None:
            grads_in[path] = item.array
        elif (path := _tree_path(name, "state")) is not None and path:
            slots_in.setdefault(path[0], {})[path[1:]] = item.array
        else:
            raise OipError(
                f"unknown input {name!r}; model {t.model} takes params[.<path>], "
                "grads[.<path>] and state.<slot>[.<path>]"
            )
    if first is None:
        raise OipError(f"missing input 'params' (or params.<path>); model {t.model} needs them")
    if not grads_in:
        raise OipError("missing input 'grads' (or grads.<path>, like params)")
    # trees in the order of params: the order of the inputs does not matter
    params = _build_tree(params_in, "params")
    grads = _build_tree(_in_order(grads_in, params_in), "grads")
    slots = {s: _build_tree(_in_order(v, params_in), f"state.{s}") for s, v in slots_in.items()}
    fields = unflatten_parameters(req.parameters)
    hyper = {k: v for k, v in fields.items() if k not in _OPTIMIZER_FIELDS}
    step = fields.get("step", 0)
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise OipError(f"parameter 'step': expected a non-negative integer, got {step!r}")
    if slots and step == 0:
        raise OipError(
            "parameter 'step': expected the step count of the state (1 after the first step) "
            "with state inputs; absent or 0 starts a fresh optimizer"
        )
    if "dtype" in fields:
        dtype = _dtype({"dtype": fields["dtype"]}, first)
        params = _cast(params, dtype)
    elif first.datatype == "FP16":
        params = _cast(params, np.float32)
    state = None if step == 0 else {"step": step, "slots": slots}
    try:
        shapes = [a.shape for _, a in _leaves(params, "params")]
        itemsize = max(a.dtype.itemsize for _, a in _leaves(params, "params"))
        plan = StepPlan.of(opt.name, hyper, fields.get("convention", "torch"))
        n_out = plan.outputs(shapes)
        _charge_response(req, budget, {"params": n_out}, itemsize, ("params",))
        for key in ("clip", "regularization", "schedule"):
            if key in fields and not isinstance(fields[key], dict):
                raise OipError(f"parameter {key!r}: expected {key}.<field> parameters")
        result = plan.run(
            params,
            grads,
            state,
            clip=fields.get("clip"),
            regularization=fields.get("regularization"),
            schedule=fields.get("schedule"),
        )
        out_leaves = _leaves(result.params, "params")
        for slot, tree in result.state["slots"].items():
            out_leaves += _leaves(tree, f"state.{slot}")
        budget.take(sum(a.size for _, a in out_leaves), ("params",))
    except ComputeError as exc:
        raise _translate(exc, t.family, set()) from None
    out = dict(out_leaves)
    wanted = _wanted(req, list(out), t)
    if wanted is not None:
        out = {w: out[w] for w in wanted}
    return out, dict(result.stats)


def _cast(tree: Any, dtype: type[np.floating[Any]]) -> Any:
    if isinstance(tree, dict):
        return {k: _cast(v, dtype) for k, v in tree.items()}
    return tree.astype(dtype, copy=False)


def _charge_response(
    req: InferRequest, budget: Budget, sizes: Mapping[str, int], itemsize: int, loc: Loc
) -> None:
    """Charge the outputs' size before computing: binary outputs their raw bytes, JSON ones up
    to 25 bytes per number (an output not named in ``outputs`` follows binary_data_output)."""
    binary = {o.name: o.binary for o in req.outputs or ()}
    every = bool(binary) and all(binary.values())
    nbytes = sum(
        n * itemsize if binary.get(name, every or req.binary_output) else 25 * n
        for name, n in sizes.items()
    )
    budget.take_response_bytes(nbytes, loc, "ask fewer outputs, or binary_data_output")


def _json_param(params: dict[str, Any], name: str, kind: type, required: bool = False) -> Any:
    raw = params.pop(name, None)
    if raw is None:
        if required:
            raise OipError(
                f"missing parameter {name!r}; model networks.gradients needs 'layers' (a JSON "
                "list) and 'loss' (a loss name)"
            )
        return None
    if not isinstance(raw, str):
        raise OipError(f"parameter {name!r}: expected a JSON string, got {raw!r}")
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise OipError(f"parameter {name!r}: invalid JSON ({exc})") from None
    if not isinstance(value, kind):
        raise OipError(f"parameter {name!r}: expected a JSON {kind.__name__}, got {raw!r}")
    return value


def _layer_specs(
    layers: list[Any], inputs: dict[str, InputTensor], t: Target, valid: list[str]
) -> list[nets.LayerSpec]:
    specs = []
    for i, item in enumerate(layers):
        where = f"parameter 'layers'[{i}]"
        if not isinstance(item, dict):
            raise OipError(f"{where}: expected a JSON object, got {item!r}")
        kind = item.get("type")
        if kind not in _LAYER_KEYS:
            raise OipError(f"{where}.type: expected one of {', '.join(_LAYER_KEYS)}, got {kind!r}")
        for key in item:
            if key not in _LAYER_KEYS[kind]:
                extra = ""
                if key in ("weight", "bias", "mask"):
                    extra = f"; send tensors as the input 'layers.{i}.{key}'"
                raise OipError(
                    f"{where}: unknown field {key!r} of a {kind} layer (fields: "
                    f"{', '.join(_LAYER_KEYS[kind])}){extra}"
                )
        tensors = {
            f: inputs.pop(f"layers.{i}.{f}").array
            for f in _LAYER_TENSORS[kind]
            if f"layers.{i}.{f}" in inputs
        }
        name = item.get("name")
        if kind == "activation":
            act_name = item.get("name")
            if not isinstance(act_name, str):
                raise OipError(f"{where}.name: expected the activation's name, got {act_name!r}")
            layer_name = item.get("layer_name")
            if layer_name is not None and not isinstance(layer_name, str):
                raise OipError(f"{where}.layer_name: expected a string, got {layer_name!r}")
            act_params = item.get("params", {})
            if not isinstance(act_params, dict):
                raise OipError(f"{where}.params: expected a JSON object, got {act_params!r}")
            specs.append(
                nets.LayerSpec("activation", layer_name, activation=act_name, params=act_params)
            )
            continue
        if name is not None and not isinstance(name, str):
            raise OipError(f"{where}.name: expected a string, got {name!r}")
        if kind == "dense":
            if "weight" not in tensors:
                raise OipError(f"missing input 'layers.{i}.weight' (layer {i} is dense)")
            specs.append(
                nets.LayerSpec("dense", name, weight=tensors["weight"], bias=tensors.get("bias"))
            )
        elif kind == "dropout":
            p = item.get("p")
            if isinstance(p, bool) or not isinstance(p, int | float):
                raise OipError(f"{where}.p: expected a number in [0, 1], got {p!r}")
            if "mask" not in tensors:
                raise OipError(f"missing input 'layers.{i}.mask' (layer {i} is dropout)")
            specs.append(nets.LayerSpec("dropout", name, mask=tensors["mask"], p=float(p)))
        else:
            eps = item.get("eps", nets.DEFAULT_EPS)
            if isinstance(eps, bool) or not isinstance(eps, int | float):
                raise OipError(f"{where}.eps: expected a number, got {eps!r}")
            specs.append(
                nets.LayerSpec(
                    kind,
                    name,
                    weight=tensors.get("weight"),
                    bias=tensors.get("bias"),
                    eps=float(eps),
                )
            )
    for name in inputs:
        if name.startswith("layers."):
            raise OipError(
                f"unknown input {name!r}: the parameter 'layers' has no layer with that tensor "
                "(dense and normalisations take weight and bias, dropout mask)"
            )
    _no_more_inputs(inputs, t, valid)
    return specs


def _network_where(loc: Loc) -> str:
    parts = [p for p in loc if p != "body"]
    if not parts:
        return "the request"
    head, rest = parts[0], parts[1:]
    if head == "x":
        return "input 'x'"
    if head == "layers" and rest:
        i, more = rest[0], rest[1:]
        if more and more[0] in ("weight", "bias", "mask"):
            return f"input 'layers.{i}.{more[0]}'"
        return f"parameter 'layers'[{i}]" + "".join(f".{m}" for m in more)
    if head == "layers":
        return "parameter 'layers'"
    if head == "loss" and rest:
        if rest[0] in ("y_true", "sample_weight"):
            return f"input {rest[0]!r}"
        if rest[0] == "name":
            return "parameter 'loss'"
        if rest[0] == "params":
            return "parameter 'loss_params'" + "".join(f".{m}" for m in rest[1:])
        return f"parameter {rest[0]!r}"
    if head in ("y_pred", "y_true", "sample_weight"):
        return "input 'y_true'" if head == "y_true" else f"input {head!r}"
    return f"parameter {'.'.join(map(str, parts))!r}"


def _float_param(params: dict[str, Any], name: str, default: float) -> float:
    value = params.pop(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise OipError(f"parameter {name!r}: expected a number, got {value!r}")
    return float(value)


def run_network(
    t: Target, req: InferRequest, budget: Budget, settings: Settings | None = None
) -> Result:
    """networks.gradients: POST /v1/networks/gradients with the layers' tensors as inputs
    and the structure as the JSON parameter ``layers`` (no optimizer: use /v1 for a step)."""
    settings = settings or get_settings()
    meta = model_metadata(t)
    valid = [i["name"] for i in meta["inputs"]]
    inputs = dict(req.inputs)
    params = dict(req.parameters)
    x = _pop_input(inputs, "x", t, valid)
    y_true = _pop_input(inputs, "y_true", t, valid)
    sw = inputs.pop("sample_weight", None)
    layers = _json_param(params, "layers", list, required=True)
    specs = _layer_specs(layers, inputs, t, valid)
    loss_name = params.pop("loss", None)
    if not isinstance(loss_name, str):
        raise OipError(
            f"parameter 'loss': expected a loss name (GET /v1/losses), got {loss_name!r}"
        )
    loss_params = _json_param(params, "loss_params", dict) or {}
    reduction = params.pop("reduction", "mean")
    if reduction not in ("mean", "sum", "none"):
        raise OipError(f"parameter 'reduction': expected mean, sum or none, got {reduction!r}")
    convention = params.pop("convention", "torch")
    if convention not in ("torch", "keras"):
        raise OipError(f"parameter 'convention': expected torch or keras, got {convention!r}")
    output_activation = params.pop("output_activation", None)
    if output_activation is not None and not isinstance(output_activation, str):
        raise OipError(f"parameter 'output_activation': expected a name, got {output_activation!r}")
    dtype = _dtype(params, x)
    th = nets.FlowThresholds(
        _float_param(params, "thresholds.vanishing", 1e-2),
        _float_param(params, "thresholds.exploding", 1e2),
    )
    norm = params.pop("stats_thresholds.norm", "l2")
    sth = stats_mod.StatsThresholds(
        _float_param(params, "stats_thresholds.vanishing", 1e-7),
        _float_param(params, "stats_thresholds.exploding", 1e3),
        norm,
    )
    if params:
        name = next(iter(params))
        raise OipError(
            f"unknown parameter {name!r}; model {t.model} takes {', '.join(_NETWORK_PARAMS)}"
        )
    loss = nets.LossSpec(
        loss_name,
        y_true.array,
        loss_params,
        reduction=reduction,
        sample_weight=None if sw is None else sw.array,
        convention=convention,
        output_activation=output_activation,
    )
    xa = x.array
    batch = int(xa.shape[0]) if xa.ndim == 2 else 1
    widths = _widths(xa, specs)
    weights = sum(
        int(a.size) for s in specs for a in (s.weight, s.bias) if isinstance(a, np.ndarray)
    )
    w_last = widths[-1][1] if widths else 1
    sizes = {
        "loss": batch if reduction == "none" else 1,
        "output": batch * w_last,
        "per_sample": batch,
        "grads": weights,
    }
    wanted_names: list[str] | None = None
    if req.outputs is not None:
        wanted_names = [o.name for o in req.outputs]
        sizes = {k: v for k, v in sizes.items() if k in wanted_names or k == "grads"}

    def decode_param(value: Any, loc: tuple[str | int, ...]) -> np.ndarray:
        return decode_tensor(value, ("body", *loc), budget).array

    try:
        budget.take(sum(sizes.values()), ("layers",))
        budget.take_work(2 * batch * sum(w for _, w in widths), ("layers",))
        _charge_response(req, budget, sizes, np.dtype(dtype).itemsize, ("x",))
        res = nets.network_gradients(
            xa,
            specs,
            loss,
            dtype=dtype,
            limits=network_limits(settings),
            thresholds=th,
            stats_thresholds=sth,
            decode_tensor=decode_param,
        )
    except ComputeError as exc:
        raise OipError(f"{_network_where(exc.loc)}: {describe(exc)[3]}") from None
    out: dict[str, np.ndarray] = {
        "loss": np.asarray(res.loss),
        "output": res.output,
        "per_sample": res.per_sample,
    }
    for r in res.layers:
        out.update({f"grads.{r.name}.{k}": v for k, v in r.grads.items()})
    if wanted_names is not None:
        for w in wanted_names:
            if w not in out:
                raise OipError(
                    f"unknown output {w!r}; model {t.model} has outputs {', '.join(out)}"
                )
        out = {w: out[w] for w in wanted_names}
    scalars: dict[str, Any] = {}
    if reduction != "none":
        scalars["loss"] = float(res.loss)
    scalars["verdict"] = res.verdict
    if res.first_bad_layer is not None:
        scalars["first_bad_layer"] = res.first_bad_layer
        scalars["first_bad_layer_index"] = res.first_bad_layer_index
    for r in res.layers:
        scalars[f"layers.{r.name}.verdict"] = r.verdict
    scalars["warnings"] = "; ".join(res.warnings)
    scalars["work"] = res.work
    return out, scalars


RUNNERS: dict[str, Callable[[Target, InferRequest, Budget], Result]] = {
    "activations": run_activation,
    "losses": run_loss,
    "optimizers": run_optimizer,
}


def infer(
    model: str,
    version: str | None,
    body: OipInferRequest,
    tail: memoryview,
    budget: Budget,
    settings: Settings | None = None,
    phases: dict[str, float] | None = None,
    queued_at: float | None = None,
) -> Response:
    """Decode, compute, encode: the whole request (run off the event loop when large).

    ``phases``, when given, receives the seconds of each phase (Triton's statistics):
    ``queue`` (from ``queued_at``, the ``perf_counter()`` at which the request was handed to
    the compute thread, to the start here), ``compute_input`` (decoding the inputs),
    ``compute_infer`` (the computation) and ``compute_output`` (encoding the answer)."""
    start = time.perf_counter()
    t = resolve_model(model)
    try:
        req = decode_request(body, tail, budget)
    except ComputeError as exc:  # limits and malformed JSON data from the tensor codec
        if t.family == "networks":
            raise OipError(f"{_network_where(exc.loc)}: {describe(exc)[3]}") from None
        raise _translate(exc, t.family, set()) from None
    decoded = time.perf_counter()
    if t.family == "networks":
        outputs, scalars = run_network(t, req, budget, settings)
    else:
        outputs, scalars = RUNNERS[t.family](t, req, budget)
    computed = time.perf_counter()
    binary = {o.name: o.binary for o in req.outputs or ()}
    encoded = encode_response(
        model,
        version,
        req.id,
        [OutputTensor(n, a, binary.get(n, req.binary_output)) for n, a in outputs.items()],
        scalars,
    )
    response = response_for(encoded)
    if phases is not None:
        phases["queue"] = start - queued_at if queued_at is not None else 0.0
        phases["compute_input"] = decoded - start
        phases["compute_infer"] = computed - decoded
        phases["compute_output"] = time.perf_counter() - computed
    return response
