"""Networks: = torch autograd (golden fixtures from tests/fixtures/gen_networks.py, torch
2.13), = central finite differences on every layer type, special cases, errors, limits, and
verify_network's diagnoses (client gradients built here with plain NumPy, never with the
code under test)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.compute import networks as nw
from service.compute.errors import InvalidInputError, LimitExceededError, UnknownNameError

GOLDEN = json.loads((Path(__file__).parents[1] / "fixtures" / "networks_golden.json").read_text())
CASES = {c["name"]: c for c in GOLDEN["cases"]}


def arr(v: Any) -> np.ndarray | None:
    if v is None:
        return None
    special = {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}

    def conv(u: Any) -> Any:
        if isinstance(u, list):
            return [conv(i) for i in u]
        return special.get(u, u) if isinstance(u, str) else u

    return np.asarray(conv(v), dtype=np.float64)


def specs_of(layers: list[dict[str, Any]]) -> list[nw.LayerSpec]:
    out = []
    for layer in layers:
        t = layer["type"]
        if t == "dense":
            out.append(nw.LayerSpec("dense", weight=arr(layer["weight"]), bias=arr(layer["bias"])))
        elif t == "activation":
            params = {
                k: (np.asarray(v) if isinstance(v, list) else v) for k, v in layer["params"].items()
            }
            out.append(nw.LayerSpec("activation", activation=layer["name"], params=params))
        elif t in ("layer_norm", "batch_norm"):
            out.append(
                nw.LayerSpec(
                    t, weight=arr(layer["weight"]), bias=arr(layer["bias"]), eps=layer["eps"]
                )
            )
        else:
            out.append(nw.LayerSpec("dropout", mask=arr(layer["mask"]), p=layer["p"]))
    return out


def loss_of(lo: dict[str, Any]) -> nw.LossSpec:
    return nw.LossSpec(
        lo["name"],
        arr(lo["y_true"]),  # type: ignore[arg-type]
        lo.get("params"),
        reduction=lo.get("reduction", "mean"),
        sample_weight=arr(lo.get("sample_weight")),
    )


class Close:
    """torch vs here. float64: |a − b| ≤ 1e-12·max(|b|, S/100), where S is the largest
    gradient magnitude of the case (values below 1% of it come from cancellation, e.g. a bias
    feeding batch_norm, whose exact gradient is 0). float32: within 8 ULPs of b, or of S."""

    def __init__(self, dtype: str, scale: float) -> None:
        self.dtype, self.scale = dtype, scale
        self.worst = 0.0

    def __call__(self, got: Any, want: Any, what: str, grad: bool = True) -> None:
        a = np.asarray(got, dtype=np.float64)
        b = arr(want)
        assert b is not None
        assert a.shape == b.shape, (what, a.shape, b.shape)
        floor = self.scale if grad else float(np.abs(b).max(initial=0.0))
        if self.dtype == "float64":
            tol = 1e-12 * np.maximum(np.abs(b), floor / 100)
            err = np.abs(a - b) / np.maximum(tol, 1e-300) * 1e-12
        else:
            spacing = np.spacing(np.maximum(np.abs(b), floor).astype(np.float32)).astype(float)
            tol = 8 * spacing
            err = np.abs(a - b) / spacing
        self.worst = max(self.worst, float(err.max(initial=0.0)))
        assert np.all(np.abs(a - b) <= tol), (what, float(np.abs(a - b).max()), self.worst)


def _scale(expected: dict[str, Any]) -> float:
    vals = [np.abs(arr(v)).max() for g in expected["grads"].values() for v in g.values()]
    return float(max([*vals, np.abs(arr(expected["input_grad"])).max()]))


@pytest.mark.parametrize("name", list(CASES))
def test_matches_torch_autograd(name: str) -> None:
    case = CASES[name]
    rq, e = case["request"], case["expected"]
    dt = np.float32 if case["dtype"] == "float32" else np.float64
    close = Close(case["dtype"], _scale(e))
    opt = case["optimizer"]
    spec = None if not opt else nw.OptimizerSpec(opt["name"], opt["hyperparams"])
    layers = specs_of(rq["layers"])
    r = nw.network_gradients(arr(rq["x"]), layers, loss_of(rq["loss"]), optimizer=spec, dtype=dt)  # type: ignore[arg-type]
    assert r.output.dtype == dt
    close(r.loss, e["loss"], "loss", grad=False)
    close(r.output, e["output"], "output", grad=False)
    for rep, want in zip(r.layers, e["outputs"], strict=True):
        close(rep.output, want, f"output of {rep.name}", grad=False)
    close(r.layers[0].input_grad, e["input_grad"], "dL/dx")
    for rep in r.layers:
        want = e["grads"].get(rep.name, {})
        assert set(rep.grads) == set(want), rep.name
        for k, v in want.items():
            close(rep.grads[k], v, f"{rep.name}.{k}")
    if opt:
        state = None
        for step, after in enumerate(e["params_after"]):
            if step:  # feed the returned params and state back
                for i, layer in enumerate(rq["layers"]):
                    new = r.params.get(str(i)) if r.params else None  # type: ignore[union-attr]
                    if new:
                        layers[i] = nw.LayerSpec(
                            layer["type"],
                            weight=new.get("weight"),
                            bias=new.get("bias"),
                            eps=layers[i].eps,
                            mask=layers[i].mask,
                            p=layers[i].p,
                        )
                spec = nw.OptimizerSpec(opt["name"], opt["hyperparams"], state)
                r = nw.network_gradients(
                    arr(rq["x"]),  # type: ignore[arg-type]
                    layers,
                    loss_of(rq["loss"]),
                    optimizer=spec,
                    dtype=dt,
                )
            assert r.params is not None and r.state is not None
            state = r.state
            assert state["step"] == step + 1
            for lname, fields in after.items():
                for k, v in fields.items():
                    close(r.params[lname][k], v, f"params after step {step + 1}: {lname}.{k}")
        for slot, tree in e["state_slots"].items():
            for lname, fields in tree.items():
                for k, v in fields.items():
                    close(r.state["slots"][slot][lname][k], v, f"state {slot} {lname}.{k}")  # type: ignore[index]


# --------------------------------------------------------------------------------------------
# central finite differences (float64) on every layer type


RNG = np.random.default_rng(7)
N, F = 5, 4


def _fd_net(p_drop: float = 0.25) -> tuple[np.ndarray, list[nw.LayerSpec], nw.LossSpec]:
    x = RNG.normal(size=(N, F))
    mask = (RNG.random((N, 6)) > p_drop).astype(float)
    layers = [
        nw.LayerSpec("dense", weight=RNG.normal(size=(6, F)) * 0.5, bias=RNG.normal(size=6)),
        nw.LayerSpec("activation", activation="tanh"),
        nw.LayerSpec("layer_norm", weight=RNG.uniform(0.5, 1.5, 6), bias=RNG.normal(size=6)),
        nw.LayerSpec("activation", activation="prelu", params={"alpha": RNG.uniform(0.1, 0.3, 6)}),
        nw.LayerSpec("batch_norm", weight=RNG.uniform(0.5, 1.5, 6), bias=RNG.normal(size=6)),
        nw.LayerSpec("dropout", mask=mask, p=p_drop),
        nw.LayerSpec("dense", weight=RNG.normal(size=(3, 6)) * 0.5, bias=RNG.normal(size=3)),
        nw.LayerSpec("activation", activation="softmax"),
    ]
    y = np.eye(3)[RNG.integers(0, 3, N)]
    return x, layers, nw.LossSpec("categorical_crossentropy", y)


def _loss(x: np.ndarray, layers: list[nw.LayerSpec], loss: nw.LossSpec) -> float:
    return float(nw.network_gradients(x, layers, loss).loss)


def _with(layers: list[nw.LayerSpec], i: int, **kw: Any) -> list[nw.LayerSpec]:
    out = list(layers)
    s = out[i]
    out[i] = nw.LayerSpec(
        s.type,
        s.name,
        weight=kw.get("weight", s.weight),
        bias=kw.get("bias", s.bias),
        eps=s.eps,
        mask=s.mask,
        p=s.p,
        activation=s.activation,
        params=kw.get("params", s.params),
    )
    return out


def test_finite_differences_every_layer_type() -> None:
    x, layers, loss = _fd_net()
    r = nw.network_gradients(x, layers, loss)
    h = 1e-6
    checked = 0

    def check(analytic: np.ndarray, perturb: Any, base: np.ndarray) -> None:
        nonlocal checked
        num = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            up, dn = base.copy(), base.copy()
            up[idx] += h
            dn[idx] -= h
            num[idx] = (perturb(up) - perturb(dn)) / (2 * h)
        scale = np.abs(num).max()
        assert np.allclose(analytic, num, rtol=1e-6, atol=1e-7 * scale), (analytic, num)
        checked += base.size

    check(r.layers[0].input_grad, lambda v: _loss(v, layers, loss), x)
    for i, s in enumerate(layers):
        for field in ("weight", "bias"):
            base = getattr(s, field)
            if base is not None:
                check(
                    r.layers[i].grads[field],
                    lambda v, i=i, field=field: _loss(x, _with(layers, i, **{field: v}), loss),
                    base,
                )
    alpha = layers[3].params["alpha"]  # type: ignore[index]
    check(
        r.layers[3].grads["alpha"],
        lambda v: _loss(x, _with(layers, 3, params={"alpha": v}), loss),
        alpha,
    )
    assert checked == x.size + 6 * F + 6 + 4 * 6 + 3 * 6 + 3 + 6


def test_finite_differences_layer_norm_and_batch_norm_without_affine() -> None:
    x = RNG.normal(size=(N, F))
    layers = [
        nw.LayerSpec("layer_norm", eps=1e-3),
        nw.LayerSpec("dense", weight=RNG.normal(size=(3, F)), bias=None),
        nw.LayerSpec("batch_norm", eps=1e-2),
        nw.LayerSpec("activation", activation="gelu"),
    ]
    loss = nw.LossSpec("mse", RNG.normal(size=(N, 3)))
    r = nw.network_gradients(x, layers, loss)
    assert r.layers[0].grads == {} and r.layers[2].grads == {}
    h = 1e-6
    num = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        up, dn = x.copy(), x.copy()
        up[idx] += h
        dn[idx] -= h
        num[idx] = (_loss(up, layers, loss) - _loss(dn, layers, loss)) / (2 * h)
    assert np.allclose(r.layers[0].input_grad, num, rtol=1e-6, atol=1e-9)


# --------------------------------------------------------------------------------------------
# special cases


def test_batch_norm_needs_two_samples() -> None:
    layers = [nw.LayerSpec("batch_norm")]
    with pytest.raises(InvalidInputError) as e:
        nw.network_gradients(np.ones((1, 3)), layers, nw.LossSpec("mse", np.ones((1, 3))))
    assert e.value.loc == ("layers", 0)
    assert "more than 1 value per channel" in e.value.msg


def test_dropout_p1_zeroes_output_and_gradients() -> None:
    x = RNG.normal(size=(3, 2))
    layers = [
        nw.LayerSpec("dense", weight=np.eye(2), bias=np.ones(2)),
        nw.LayerSpec("dropout", mask=np.ones((3, 2)), p=1.0),
    ]
    r = nw.network_gradients(x, layers, nw.LossSpec("mse", np.ones((3, 2))))
    assert np.all(r.output == 0) and np.all(np.isfinite(r.output))
    assert np.all(r.layers[0].grads["weight"] == 0)
    assert r.verdict == "vanishing" and r.first_bad_layer == "0"


def test_dropout_scales_kept_units() -> None:
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    mask = np.array([[1, 0], [0, 1]])
    r = nw.network_gradients(
        x, [nw.LayerSpec("dropout", mask=mask, p=0.5)], nw.LossSpec("mse", np.zeros((2, 2)))
    )
    assert np.array_equal(r.output, [[2.0, 0.0], [0.0, 8.0]])
    # d/dx of mean((2 m x)²) = 2·(2 m x)·(2 m)/4 = 2 m x
    assert np.allclose(r.layers[0].input_grad, [[2.0, 0.0], [0.0, 8.0]])


def test_nan_input_propagates_and_is_reported() -> None:
    x = np.array([[1.0, np.nan], [0.5, 0.2]])
    layers = [nw.LayerSpec("dense", weight=np.ones((2, 2)), bias=None)]
    r = nw.network_gradients(x, layers, nw.LossSpec("mse", np.zeros((2, 2))))
    assert np.isnan(r.loss)
    assert r.verdict == "nonfinite" and r.first_bad_layer_index == 0
    assert r.layers[0].statistics["weight"]["nan_count"] > 0


def test_float32_computes_in_float32() -> None:
    x, layers, loss = _fd_net()
    r = nw.network_gradients(x, layers, loss, dtype=np.float32)
    assert r.output.dtype == np.float32
    assert all(g.dtype == np.float32 for rep in r.layers for g in rep.grads.values())
    r64 = nw.network_gradients(x, layers, loss)
    w32, w64 = r.layers[0].grads["weight"], r64.layers[0].grads["weight"]
    assert np.allclose(w32, w64, rtol=1e-4, atol=1e-5 * np.abs(w64).max())


def test_vector_activation_changes_width_and_names_default_to_positions() -> None:
    layers = [
        nw.LayerSpec("dense", weight=np.ones((4, 3)), name="fc"),
        nw.LayerSpec("activation", activation="glu"),
        nw.LayerSpec("dense", weight=np.ones((1, 2))),
    ]
    r = nw.network_gradients(np.ones((2, 3)), layers, nw.LossSpec("mse", np.ones((2, 1))))
    assert [rep.name for rep in r.layers] == ["fc", "1", "2"]
    assert r.layers[1].output_shape == [2, 2]


def test_vanishing_and_exploding_verdicts_as_gradient_flow() -> None:
    x = RNG.normal(size=(8, 4))
    small = [  # a 1e-4 weight (with an O(1) bias) shrinks the gradient reaching layer 0
        nw.LayerSpec("dense", weight=RNG.normal(size=(4, 4))),
        nw.LayerSpec("activation", activation="sigmoid"),
        nw.LayerSpec("dense", weight=RNG.normal(size=(4, 4)) * 1e-4, bias=RNG.normal(size=4)),
        nw.LayerSpec("dense", weight=RNG.normal(size=(4, 4))),
    ]
    r = nw.network_gradients(x, small, nw.LossSpec("mse", np.ones((8, 4))))
    assert r.verdict == "vanishing" and r.first_bad_layer == "0"
    assert r.layers[3].weight_grad_ratio == 1.0
    assert r.layers[1].weight_grad_ratio is None
    assert r.layers[0].weight_grad_ratio is not None and r.layers[0].weight_grad_ratio < 1e-2
    # inputs of 1e4 through a 1e-4 weight: layer 0's weight gradient is 1e4 times larger
    big = [
        nw.LayerSpec("dense", weight=RNG.normal(size=(4, 4)) * 1e-4),
        nw.LayerSpec("activation", activation="tanh"),
        nw.LayerSpec("dense", weight=RNG.normal(size=(4, 4))),
    ]
    r = nw.network_gradients(x * 1e4, big, nw.LossSpec("mse", np.ones((8, 4))))
    assert r.verdict == "exploding" and r.first_bad_layer_index == 0


def test_optimizer_step_on_every_weight() -> None:
    x, layers, loss = _fd_net()
    r = nw.network_gradients(x, layers, loss, optimizer=nw.OptimizerSpec("sgd", {"lr": 0.5}))
    assert r.params is not None
    assert list(r.params) == ["0", "2", "4", "6"]  # dense, layer_norm, batch_norm, dense
    for name, fields in r.params.items():
        i = int(name)
        for k, v in fields.items():
            want = getattr(layers[i], k) - 0.5 * r.layers[i].grads[k]
            assert np.allclose(v, want, rtol=0, atol=1e-15)


# --------------------------------------------------------------------------------------------
# errors and limits


def _mlp(width: int = 3) -> list[nw.LayerSpec]:
    return [
        nw.LayerSpec("dense", weight=np.ones((width, 2))),
        nw.LayerSpec("activation", activation="relu"),
        nw.LayerSpec("dense", weight=np.ones((1, width))),
    ]


MSE = nw.LossSpec("mse", np.ones((4, 1)))


@pytest.mark.parametrize(
    ("layers", "loc"),
    [
        ([nw.LayerSpec("dense", weight=np.ones((3, 5)))], ("layers", 0, "weight")),
        (
            [nw.LayerSpec("dense", weight=np.ones((3, 2)), bias=np.ones(2))],
            ("layers", 0, "bias"),
        ),
        ([*_mlp(), nw.LayerSpec("layer_norm", weight=np.ones(3))], ("layers", 3, "weight")),
        ([nw.LayerSpec("dropout", mask=np.ones((4, 3)), p=0.5)], ("layers", 0, "mask")),
        ([nw.LayerSpec("dropout", mask=np.full((4, 2), 0.5), p=0.5)], ("layers", 0, "mask")),
        ([nw.LayerSpec("dropout", mask=np.ones((4, 2)), p=1.5)], ("layers", 0, "p")),
        ([nw.LayerSpec("layer_norm", eps=-1.0)], ("layers", 0, "eps")),
        (
            [
                nw.LayerSpec("dense", weight=np.ones((3, 2))),
                nw.LayerSpec("activation", activation="glu"),
            ],
            ("layers", 1),
        ),
        (
            [nw.LayerSpec("activation", activation="elu", params={"nope": 1})],
            ("layers", 0, "params", "nope"),
        ),
        ([nw.LayerSpec("dense", weight=np.ones((1, 2)), name="a/b")], ("layers", 0, "name")),
        (
            [
                nw.LayerSpec("dense", weight=np.ones((2, 2)), name="a"),
                nw.LayerSpec("dense", weight=np.ones((1, 2)), name="a"),
            ],
            ("layers", 1, "name"),
        ),
        ([], ("layers",)),
    ],
)
def test_bad_layers_name_the_field(layers: list[nw.LayerSpec], loc: tuple[Any, ...]) -> None:
    with pytest.raises(InvalidInputError) as e:
        nw.network_gradients(np.ones((4, 2)), layers, MSE)
    assert e.value.loc == loc, e.value.msg


def test_bad_x_and_loss() -> None:
    with pytest.raises(InvalidInputError) as e:
        nw.network_gradients(np.ones(2), _mlp(), MSE)
    assert e.value.loc == ("x",)
    with pytest.raises(InvalidInputError) as e:
        nw.network_gradients(np.ones((4, 2)), _mlp(), nw.LossSpec("mse", np.ones((4, 2))))
    assert e.value.loc == ("loss", "y_true")
    with pytest.raises(UnknownNameError) as u:
        nw.network_gradients(np.ones((4, 2)), _mlp(), nw.LossSpec("nope", np.ones((4, 1))))
    assert u.value.loc == ("loss", "name")
    with pytest.raises(UnknownNameError) as u:
        nw.network_gradients(np.ones((4, 2)), [nw.LayerSpec("activation", activation="nope")], MSE)
    assert u.value.loc == ("layers", 0, "name")
    with pytest.raises(UnknownNameError) as u:
        nw.network_gradients(np.ones((4, 2)), _mlp(), MSE, optimizer=nw.OptimizerSpec("nope"))
    assert u.value.loc == ("optimizer", "name")
    with pytest.raises(InvalidInputError) as e:
        nw.network_gradients(
            np.ones((4, 2)), _mlp(), MSE, optimizer=nw.OptimizerSpec("adam", {"lr": -1})
        )
    assert e.value.loc == ("optimizer", "hyperparams", "lr")


@pytest.mark.parametrize(
    ("limits", "setting"),
    [
        (nw.NetworkLimits(max_layers=2), "max_network_layers"),
        (nw.NetworkLimits(max_width=2), "max_network_width"),
        (nw.NetworkLimits(max_batch=3), "max_network_batch"),
        (nw.NetworkLimits(max_work=4 * 2 * 3 + 4 * 3), "max_network_work"),
    ],
)
def test_limits_name_their_setting(limits: nw.NetworkLimits, setting: str) -> None:
    with pytest.raises(LimitExceededError) as e:
        nw.network_gradients(np.ones((4, 2)), _mlp(), MSE, limits=limits)
    assert e.value.limit == setting
    # the work limit is inclusive: 4·2·3 + 4·3 + 4·3·1 multiply-adds
    nw.network_gradients(
        np.ones((4, 2)), _mlp(), MSE, limits=nw.NetworkLimits(max_work=4 * 2 * 3 + 4 * 3 + 12)
    )


# --------------------------------------------------------------------------------------------
# verify_network: client gradients written here with NumPy for a dense → tanh → dense net


def _client_net() -> dict[str, Any]:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, 3))
    w1, b1 = rng.normal(size=(4, 3)), rng.normal(size=4)
    w2, b2 = rng.normal(size=(2, 4)), rng.normal(size=2)
    y = rng.normal(size=(5, 2))
    # hand-written backprop: mse mean over all 10 elements
    z1 = x @ w1.T + b1
    a1 = np.tanh(z1)
    out = a1 @ w2.T + b2
    g2 = 2 * (out - y) / out.size
    g1 = (g2 @ w2) * (1 - a1**2)
    grads = {
        "h": {"weight": g1.T @ x, "bias": g1.sum(0)},
        "o": {"weight": g2.T @ a1, "bias": g2.sum(0)},
    }
    layers = [
        nw.LayerSpec("dense", "h", weight=w1, bias=b1),
        nw.LayerSpec("activation", activation="tanh"),
        nw.LayerSpec("dense", "o", weight=w2, bias=b2),
    ]
    return {
        "x": x,
        "layers": layers,
        "loss": nw.LossSpec("mse", y),
        "grads": grads,
        "loss_value": np.mean((out - y) ** 2),
        "g1": g1,
    }


def _verify(net: dict[str, Any], grads: Any, **kw: Any) -> dict[str, Any]:
    return nw.verify_network(net["x"], net["layers"], net["loss"], grads, **kw)


def _diag(r: dict[str, Any]) -> dict[str, tuple[bool, str | None]]:
    return {k: (v["passed"], v["diagnosis"]) for k, v in r["outputs"].items()}


def test_verify_network_correct_gradients_pass() -> None:
    net = _client_net()
    r = _verify(net, net["grads"], loss_value=net["loss_value"])
    assert r["passed"], _diag(r)
    assert set(r["outputs"]) == {
        "grads.h.weight",
        "grads.h.bias",
        "grads.o.weight",
        "grads.o.bias",
        "loss",
    }
    assert r["target"]["kind"] == "network"


def test_verify_network_diagnoses() -> None:
    net = _client_net()
    g = net["grads"]
    n = 5
    cases = {
        "transposed_weight_gradient": {"h": {"weight": g["h"]["weight"].T}},
        "sign_flipped": {"o": {"weight": -g["o"]["weight"]}},
        "missing_mean_division": {"h": {"weight": g["h"]["weight"] * n}},
        "extra_mean_division": {"o": {"bias": g["o"]["bias"] / n}},
        "bias_not_summed": {"h": {"bias": net["g1"]}},
    }
    for label, grads in cases.items():
        r = _verify(net, grads)
        (key,) = r["outputs"]
        out = r["outputs"][key]
        assert not out["passed"] and out["diagnosis"] == label, (label, out)
    # mse is a per-sample mean over C = 2 outputs: the sum over every element is N·C times
    r = _verify(net, {"o": {"weight": g["o"]["weight"] * n * 2}})
    assert r["outputs"]["grads.o.weight"]["diagnosis"] == "missing_mean_division"
    r = _verify(net, {"h": {"bias": net["g1"][0]}})
    assert r["outputs"]["grads.h.bias"]["diagnosis"] == "bias_not_summed"
    r = _verify(net, {"h": {"weight": g["h"]["weight"] + 1.0}})
    assert r["outputs"]["grads.h.weight"]["diagnosis"] is None


def test_verify_network_float32_client() -> None:
    net = _client_net()
    g32 = {k: {f: v.astype(np.float32) for f, v in d.items()} for k, d in net["grads"].items()}
    r = _verify(net, g32, dtype=np.float32)
    assert r["passed"] and r["dtype"] == "float32"


def test_verify_network_bad_requests() -> None:
    net = _client_net()
    with pytest.raises(InvalidInputError) as e:
        _verify(net, {"nope": {"weight": np.ones(1)}})
    assert e.value.loc == ("grads", "nope")
    with pytest.raises(InvalidInputError) as e:
        _verify(net, {"1": {"weight": np.ones(1)}})
    assert e.value.loc == ("grads", "1", "weight")
    with pytest.raises(InvalidInputError) as e:
        _verify(net, {"h": {"weight": np.ones((2, 2))}})
    assert e.value.loc == ("grads", "h", "weight")
    with pytest.raises(InvalidInputError) as e:
        _verify(net, {})
    assert e.value.loc == ("grads",)
