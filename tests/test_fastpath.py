"""The small-call fast path (service/fastpath.py) answers exactly as the full FastAPI path.

Two apps from the same settings, one with the fast path and one without: for a table of
requests (the small calls it serves, and everything it must hand over: errors, other forms,
unknown fields, large bodies, other content types), status, body bytes and headers are
identical, and the requests it should serve were indeed served by it.
"""

from __future__ import annotations

import base64
import functools
import inspect
from collections.abc import Iterator
from typing import Any

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient

from service.compute import activations as act
from service.compute import losses as lo
from service.compute import optimizers as optim
from service.config import Settings
from service.fastpath import ROUTES, Dispatch, FastPath, nested_x
from service.main import create_app
from tests.helpers import asgi_post, run_async

SMALL = [
    ("/v1/activations/sigmoid", {"x": [-2.0, 0.0, 2.0]}),
    ("/v1/activations/Sigmoid", {"x": [[1, 2], [3, 4]]}),
    ("/v1/activations/tanh", {"x": 0.5}),
    ("/v1/activations/relu", {"x": ["NaN", "Infinity", "-Infinity", 0]}),
    ("/v1/activations/gelu", {"x": [1.0, -1.0], "params": {"approximate": "tanh"}}),
    ("/v1/activations/leaky_relu", {"x": [-1, 2], "params": {"negative_slope": 0.2}}),
    ("/v1/activations/softmax", {"x": [[1.0, 2.0, 3.0]]}),
    (
        "/v1/activations/sigmoid",
        {
            "x": [0.5, -1.0],
            "outputs": ["value", "vjp"],
            "grad_output": [1.0, 2.0],
            "encoding": "b64",
        },
    ),
    (
        "/v1/activations/sigmoid",
        {"x": {"shape": [2], "dtype": "float32", "data": [1, -2]}, "dtype": "float32"},
    ),
    (
        "/v1/activations/elu",
        {
            "x": {
                "shape": [2],
                "dtype": "float64",
                "b64": base64.b64encode(np.array([1.0, -1.0]).tobytes()).decode(),
            }
        },
    ),
    ("/v1/losses/mse", {"y_true": [1.0, 2.0, 3.0], "y_pred": [1.5, 2.0, 2.0]}),
    ("/v1/losses/categorical_crossentropy", {"y_true": [[0, 1, 0]], "y_pred": [[0.3, 0.5, 0.2]]}),
    (
        "/v1/losses/BCEWithLogitsLoss",
        {"y_true": [1, 0], "y_pred": [0.3, -2.0], "reduction": "none"},
    ),
    (
        "/v1/optimizers/adam/step",
        {"params": [1.0, -2.0], "grads": [0.5, 0.1], "hyperparams": {"lr": 0.1}},
    ),
    (
        "/v1/optimizers/sgd/step",
        {
            "params": {"w": [[1.0, 2.0]], "b": [0.5]},
            "grads": {"w": [[0.1, 0.2]], "b": [0.3]},
            "hyperparams": {"lr": 0.1, "momentum": 0.9},
        },
    ),
]

# every error is answered by the full path (after the fast path handed it over)
ERRORS = [
    ("/v1/activations/nope", {"x": [1.0]}),
    ("/v1/activations/sigmoid", {"x": [[1.0, 2.0], [3.0]]}),
    ("/v1/activations/sigmoid", {"x": [1.0, True]}),
    ("/v1/activations/sigmoid", {"x": [1.0], "unknown": 1}),
    ("/v1/activations/sigmoid", {}),
    ("/v1/activations/sigmoid", [1.0, 2.0]),
    ("/v1/activations/sigmoid", {"x": [1.0], "axis": 1.5}),
    ("/v1/activations/leaky_relu", {"x": [1.0], "params": {"nope": 1}}),
    ("/v1/losses/mse", {"y_true": [1.0, 2.0], "y_pred": [1.0]}),
    ("/v1/losses/mse", {"y_true": [1.0], "y_pred": [1.0], "reduction": "avg"}),
    ("/v1/optimizers/adam/step", {"params": [1.0], "grads": [1.0, 2.0]}),
    ("/v1/optimizers/adam/step", {"params": [1.0], "grads": [1.0], "state": {"bad": 1}}),
    ("/v1/optimizers/nope/step", {"params": [1.0], "grads": [1.0]}),
]

LARGE = [("/v1/activations/sigmoid", {"x": np.linspace(-3, 3, 1000).tolist()})]

VOLATILE = {"x-request-id", "server-timing", "date"}


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[TestClient, TestClient]]:
    fast = create_app(Settings())
    full = create_app(Settings(), fast_path=False)
    with TestClient(fast) as a, TestClient(full) as b:
        yield a, b


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths the fast path answered during the test."""
    seen: list[str] = []
    original = FastPath._answer

    async def counting(self: FastPath, target: Any, name: Any, body: bytes, scope: Any) -> Any:
        response = await original(self, target, name, body, scope)
        if response is not None:
            seen.append(scope["path"])
        return response

    def counting_kernel(
        self: FastPath, name: str, body: bytes, scope: Any, kernel: Any = None
    ) -> Any:
        out = kernel(self, name, body, scope)
        if out is not None:
            seen.append(scope["path"])
        return out

    async def counting_async(
        self: FastPath, name: str, body: bytes, scope: Any, slot: Any, kernel: Any = None
    ) -> Any:
        out = await kernel(self, name, body, scope, slot)
        if out is not None:
            seen.append(scope["path"])
        return out

    for method in ("_elementwise", "_loss", "_step"):
        kernel = getattr(FastPath, method)
        wrapper = counting_async if inspect.iscoroutinefunction(kernel) else counting_kernel
        monkeypatch.setattr(FastPath, method, functools.partialmethod(wrapper, kernel=kernel))
    monkeypatch.setattr(FastPath, "_answer", counting)
    return seen


def _same(
    clients: tuple[TestClient, TestClient], path: str, content: bytes, ctype: str | None
) -> None:
    headers = {"content-type": ctype} if ctype else {}
    a = clients[0].post(path, content=content, headers=headers)
    b = clients[1].post(path, content=content, headers=headers)
    assert a.status_code == b.status_code, (path, a.text, b.text)
    assert a.content == b.content, path
    ha = {k: v for k, v in a.headers.items() if k not in VOLATILE}
    hb = {k: v for k, v in b.headers.items() if k not in VOLATILE}
    assert ha == hb
    assert list(a.headers) == list(b.headers)  # the same headers in the same order
    assert "x-request-id" in a.headers and "server-timing" in a.headers


@pytest.mark.parametrize(
    ("path", "body"), SMALL, ids=[f"{p} {i}" for i, (p, _) in enumerate(SMALL)]
)
def test_small_calls_are_served_fast_with_identical_answers(
    clients: tuple[TestClient, TestClient], served: list[str], path: str, body: Any
) -> None:
    _same(clients, path, orjson.dumps(body), "application/json")
    assert served == [path]


@pytest.mark.parametrize(("path", "body"), ERRORS + LARGE)
def test_everything_else_falls_back_to_identical_answers(
    clients: tuple[TestClient, TestClient], served: list[str], path: str, body: Any
) -> None:
    _same(clients, path, orjson.dumps(body), "application/json")
    assert served == []


@pytest.mark.parametrize(
    ("content", "ctype"),
    [
        (b'{"x": [1, 2]', "application/json"),  # not JSON
        (b"\xff\xfe", "application/json"),  # not UTF-8
        (b'{"x": [1, 2]}', "text/plain"),
        (b'{"x": [1, 2]}', None),
        (b"", "application/json"),
    ],
)
def test_odd_bodies_fall_back(
    clients: tuple[TestClient, TestClient],
    served: list[str],
    content: bytes,
    ctype: str | None,
) -> None:
    _same(clients, "/v1/activations/sigmoid", content, ctype)
    assert served == []


def test_charset_parameter_is_json(
    clients: tuple[TestClient, TestClient], served: list[str]
) -> None:
    _same(
        clients,
        "/v1/losses/mse",
        b'{"y_true": [1], "y_pred": [2]}',
        "application/json; charset=utf-8",
    )
    assert served == ["/v1/losses/mse"]


def test_metrics_label_the_route(clients: tuple[TestClient, TestClient]) -> None:
    fast = clients[0]
    fast.post("/v1/activations/sigmoid", json={"x": [1.0]})
    text = fast.get("/metrics").text
    assert 'route="/v1/activations/{name}"' in text


def test_dispatch_serves_the_three_routes() -> None:
    """If an endpoint's signature grows something the fast path cannot supply, its route
    silently goes the full way: this catches it."""
    app = create_app(Settings())
    dispatch = Dispatch(app.router.routes, only=ROUTES)
    assert set(dispatch.named) == set(ROUTES.values())
    assert dispatch.match("/v1/activations/x/y") is None
    assert dispatch.match("/v1/activations/") is None
    found = dispatch.match("/v1/optimizers/adam/step")
    assert found is not None and found[1] == "adam"


ELEMENTWISE = [e.name for e in act.ACTIVATIONS if e.kind == "elementwise"]
XS: list[Any] = [
    [-2.0, 0.0, 2.0],
    np.random.default_rng(3).normal(0, 4, 16).tolist(),
    [[1, 2, -3], [0, 5, -6]],
    [1e-300, -1e-300, 40.0, -40.0, 1.0, -1.0, 3.0, -3.0, 0.5, 800.0, -800.0],
    [1e200, -3e160, 2.0, 5e-324],  # x·x overflows: the kernel hands it to the endpoint
    [1e308, 1e309],  # 1e309 is read as inf
]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_every_elementwise_kernel_answers_as_the_endpoint(
    clients: tuple[TestClient, TestClient], name: str
) -> None:
    """The precomputed kernel (the default call of an elementwise activation) gives the
    endpoint's bytes, for every elementwise entry of the registry."""
    for x in XS:
        _same(clients, f"/v1/activations/{name}", orjson.dumps({"x": x}), "application/json")


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_every_kernel_computes_stacked_calls_bit_for_bit(name: str) -> None:
    """Calls of one elementwise activation that arrive together are computed on their stack
    (Kernel.rows): every kernel of the registry stacks, and each row's value and derivative
    are the bits of the call computed alone, for lengths that leave every SIMD tail and
    values of every magnitude."""
    from service.fastpath import elementwise_kernel

    kernel = elementwise_kernel(name)
    assert kernel is not None and kernel.stacks
    rng = np.random.default_rng(sum(name.encode()))
    for shape in [(1,), (5,), (7,), (16,), (17,), (3, 5)]:
        xs = [rng.normal(size=shape) * 10.0 ** float(rng.integers(-6, 3)) for _ in range(6)]
        for x, got in zip(xs, kernel.rows(xs), strict=True):
            assert got is not None
            for ref, ours in zip(kernel.outputs(x), got, strict=True):
                assert ours.dtype == ref.dtype == np.float64 and ours.shape == ref.shape
                np.testing.assert_array_equal(ours, ref, strict=True)


ADAM_SECOND_STEP = {
    "params": [[1.0, -2.0], [0.5, 3.0]],
    "grads": [[0.5, 0.1], [-0.2, 0.0]],
    "state": {
        "optimizer": "adam",
        "step": 1,
        "slots": {
            "exp_avg": [[0.05, 0.01], [-0.02, 0.0]],
            "exp_avg_sq": [[2.5e-4, 1e-5], [4e-5, 0]],
        },
    },
    "hyperparams": {"lr": 0.01},
}


@pytest.mark.parametrize(
    ("path", "body"),
    [*SMALL[:3], *SMALL[10:12], *SMALL[13:15], ("/v1/optimizers/adam/step", ADAM_SECOND_STEP)],
)
def test_access_log_lines_are_the_same(
    clients: tuple[TestClient, TestClient],
    caplog: pytest.LogCaptureFixture,
    path: str,
    body: Any,
) -> None:
    """The access log reports the same status and work whichever path answered."""
    lines = []
    for client in clients:
        caplog.clear()
        with caplog.at_level("INFO", logger="gradserve.access"):
            client.post(path, json=body)
        [line] = [
            orjson.loads(r.getMessage()) for r in caplog.records if r.name == "gradserve.access"
        ]
        lines.append({k: line[k] for k in ("method", "path", "status", "work")})
    assert lines[0] == lines[1]
    assert lines[0]["work"]["elements"] > 0


def test_near_the_element_limit_the_full_path_decides() -> None:
    """The kernel answers only well inside the limits; near them the endpoint's own accounting
    decides (here 2 x 4 elements fit in 10, and 2 x 6 do not)."""
    with TestClient(create_app(Settings(max_elements=10))) as c:
        assert (
            c.post("/v1/activations/sigmoid", json={"x": [1.0, 2.0, 3.0, 4.0]}).status_code == 200
        )
        r = c.post("/v1/activations/sigmoid", json={"x": [1.0] * 6})
        assert r.status_code == 422 and "GRADSERVE_MAX_ELEMENTS" in r.json()["detail"]


def test_the_fast_path_counts_in_the_metrics(clients: tuple[TestClient, TestClient]) -> None:
    fast = clients[0]

    def count() -> float:
        for line in fast.get("/metrics").text.splitlines():
            if line.startswith("gradserve_requests_total{") and (
                'route="/v1/losses/{name}"' in line and 'status="200"' in line
            ):
                return float(line.rsplit(" ", 1)[1])
        return 0.0

    before = count()
    fast.post("/v1/losses/mse", json={"y_true": [1.0], "y_pred": [2.0]})
    fast.post("/v1/losses/mse", json={"y_true": [1.0], "y_pred": [3.0]})
    assert count() == before + 2


def test_a_client_request_id_is_echoed(
    clients: tuple[TestClient, TestClient], served: list[str]
) -> None:
    r = clients[0].post(
        "/v1/activations/sigmoid", json={"x": [1.0]}, headers={"x-request-id": "abc-1"}
    )
    assert r.headers["x-request-id"] == "abc-1" and served == ["/v1/activations/sigmoid"]


def test_when_every_slot_is_taken_the_full_path_queues(served: list[str]) -> None:
    """The fast path never queues: with no free slot it hands the request to the full path,
    whose admission queues or sheds it (here: no slot, no queue: 503)."""
    app = create_app(Settings(max_concurrency=1, max_queue=0))
    with TestClient(app) as c:
        app.state.admission.active = 1  # the one slot is busy
        r = c.post("/v1/activations/sigmoid", json={"x": [1.0]})
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
        app.state.admission.active = 0
        assert c.post("/v1/activations/sigmoid", json={"x": [1.0]}).status_code == 200
        assert app.state.admission.active == 0  # the slot is given back
    assert served == ["/v1/activations/sigmoid"]


def test_with_an_api_key_the_full_path_answers(served: list[str]) -> None:
    with TestClient(create_app(Settings(api_key="k"))) as c:
        assert c.post("/v1/activations/sigmoid", json={"x": [1.0]}).status_code == 401
        ok = c.post("/v1/activations/sigmoid", json={"x": [1.0]}, headers={"x-api-key": "k"})
        assert ok.status_code == 200
    assert served == []


def test_a_body_over_the_limit_is_the_full_paths_413(served: list[str]) -> None:
    with TestClient(create_app(Settings(max_body_bytes=8))) as c:
        r = c.post("/v1/activations/sigmoid", json={"x": [1.0, 2.0]})
        assert r.status_code == 413 and r.json()["status"] == 413
    assert served == []


LOSS_INPUTS: list[tuple[Any, Any]] = [
    ([1.0, 2.0, 3.0], [1.5, 2.0, 2.0]),
    ([[0, 1, 0], [1, 0, 0]], [[0.2, 0.7, 0.1], [0.5, 0.3, 0.2]]),
    ([[1, 0], [0, 1]], [[2.0, -1.0], [0.5, 3.0]]),
    ([1, 0, 1, 1], [0.9, 0.2, 0.6, 0.99]),
    ([-1, 1, 1], [0.3, -2.0, 4.0]),
    ([2, 0], [[0.1, 0.2, 0.7], [0.6, 0.3, 0.1]]),
    ([[-0.1, -2.3], [-1.2, -0.4]], [[-0.5, -1.0], [-2.0, -0.2]]),
    ([0.5], [1e300]),
    ([[[0.5, 0.5]], [[1.0, 0.0]]], [[[0.2, 0.8]], [[0.3, 0.7]]]),  # 3-d: rows of rows
    ([1e-300, -1e-300], [5e-324, 0.0]),
    ([1.0, 2.0], [1.0]),  # mismatched: the endpoint's 422
]


@pytest.mark.parametrize("name", [e.name for e in lo.LOSSES])
def test_every_loss_answers_its_plain_call_as_the_endpoint(
    clients: tuple[TestClient, TestClient], served: list[str], name: str
) -> None:
    """The plain call of every loss (only y_true and y_pred), valid or not for it, gives the
    endpoint's bytes; the fast path answered every call that the endpoint answered 200 (as
    long as y_pred is its main input)."""
    answered = 0
    for y_true, y_pred in LOSS_INPUTS:
        body = orjson.dumps({"y_true": y_true, "y_pred": y_pred})
        _same(clients, f"/v1/losses/{name}", body, "application/json")
        ok = (
            clients[1]
            .post(f"/v1/losses/{name}", content=body, headers={"content-type": "application/json"})
            .status_code
            == 200
        )
        answered += ok
    plain = not (
        isinstance(lo.LOSSES.get(name), lo.MoreLoss) and lo.LOSSES.get(name).main_input != "y_pred"
    )
    assert len(served) == (answered if plain else 0), (name, served, answered)


STEP_CALLS: list[dict[str, Any]] = [
    {"params": [1.0, -2.0, 0.5], "grads": [0.5, 0.1, -0.3]},
    {"params": [[1.0, -2.0], [0.5, 3.0]], "grads": [[0.5, 0.1], [-0.3, 0.0]],
     "hyperparams": {"lr": 0.01}},
    {"params": [2.0], "grads": [-1e200], "hyperparams": {"lr": 0.1}},  # |g|^2 overflows
    {"params": [1e300, 1.0], "grads": [1e300, 1e-300]},
    {"params": [1.0], "grads": [1.0], "hyperparams": {"nope": 1}},  # the endpoint's 422
    {"params": {"w": [1.0]}, "grads": {"w": [0.5]}},  # a mapping: the answer builder
]  # fmt: skip


@pytest.mark.parametrize("name", [o.name for o in optim.OPTIMIZERS])
def test_every_optimizer_step_answers_as_the_endpoint(
    clients: tuple[TestClient, TestClient], served: list[str], name: str
) -> None:
    """Plain steps of every optimizer (first steps, then a second one with the returned
    state, valid or not) give the endpoint's bytes; the fast path answered every call the
    endpoint answered 200."""
    path = f"/v1/optimizers/{name}/step"
    answered = 0
    for call in STEP_CALLS:
        body = orjson.dumps(call)
        _same(clients, path, body, "application/json")
        first = clients[1].post(path, content=body, headers={"content-type": "application/json"})
        answered += first.status_code == 200
        if first.status_code != 200:
            continue
        again = orjson.dumps({**call, "state": first.json()["state"]})
        _same(clients, path, again, "application/json")
        answered += 1
    assert len(served) == answered > 0, (name, served, answered)


@pytest.mark.parametrize(
    "text",
    [b"[1e400]", b"[-1e400]", b"[NaN]", b"[Infinity]", b"[-Infinity]", b"[" + b"9" * 400 + b"]"],
)
def test_orjson_refuses_every_non_finite_number(text: bytes) -> None:
    # the fast path checks no finiteness of x, y_true or y_pred: orjson gives none
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"[1e308, -1.7976931348623157e308]", [1e308, -1.7976931348623157e308]),
        (b"[1e-400, 5e-324]", [0.0, 5e-324]),
        (b"[18446744073709551615, -9223372036854775808]", [1.8446744073709552e19, -(2.0**63)]),
        (b"[18446744073709551616]", [2.0**64]),
    ],
)
def test_nested_x_of_extreme_numbers_is_finite(text: bytes, expected: list[float]) -> None:
    x = nested_x(orjson.loads(text), Settings())
    assert x is not None and x.dtype == np.float64
    assert x.tolist() == expected


@pytest.mark.parametrize(
    "content",
    [b'{"x": [1e400]}', b'{"x": [NaN]}', b'{"y_true": [1], "y_pred": [1e999]}'],
)
def test_non_finite_json_numbers_get_the_full_paths_answer(
    clients: tuple[TestClient, TestClient], served: list[str], content: bytes
) -> None:
    path = "/v1/losses/mse" if b"y_true" in content else "/v1/activations/sigmoid"
    _same(clients, path, content, "application/json")
    assert served == []


# ---- calls that arrive together are computed together (service.coalesce) ----------------------


async def _asgi_post(app: Any, path: str, body: bytes) -> tuple[int, list[Any], bytes]:
    """One POST through the ASGI app: (status, headers without the volatile ones, body)."""
    sent = await asgi_post(app, path, body)
    start = sent[0]
    headers = [(k, v) for k, v in start["headers"] if k.decode() not in VOLATILE]
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


def _together_calls() -> list[tuple[str, bytes]]:
    """Small calls of every kind the fast path computes together, with states at different
    steps, shapes that differ, inputs that clip, errors and other routes mixed in."""
    rng = np.random.default_rng(13)
    calls: list[tuple[str, Any]] = []
    adam = "/v1/optimizers/adam/step"
    for i in range(12):
        shape = (16,) if i % 3 else (2, 3)
        p, g = rng.normal(size=shape), rng.normal(size=shape)
        calls.append(
            (adam, {"params": p.tolist(), "grads": g.tolist(), "hyperparams": {"lr": 0.01}})
        )
        r = optim.step("adam", p, g, None, {"lr": 0.01})
        for _ in range(i % 3):  # a state at step 1 or 2
            slots = {k: np.asarray(v).tolist() for k, v in r.state["slots"].items()}
            state = {"optimizer": "adam", "step": r.state["step"], "slots": slots}
            calls.append(
                (
                    adam,
                    {
                        "params": p.tolist(),
                        "grads": g.tolist(),
                        "state": state,
                        "hyperparams": {"lr": 0.01},
                    },
                )
            )
            r = optim.step("adam", p, g, r.state, {"lr": 0.01})
    for i in range(6):
        p, g = rng.normal(size=8), rng.normal(size=8)
        hyper = {"lr": 0.1, "momentum": 0.9, "maximize": bool(i % 2)}
        calls.append(
            (
                "/v1/optimizers/sgd/step",
                {"params": p.tolist(), "grads": g.tolist(), "hyperparams": hyper},
            )
        )
    for i in range(12):
        shape = [(16,), (3, 4), (1,)][i % 3]
        y, q = rng.normal(size=shape), rng.normal(size=shape) * 3
        calls.append(("/v1/losses/mse", {"y_true": y.tolist(), "y_pred": q.tolist()}))
        calls.append(("/v1/losses/huber", {"y_true": y.tolist(), "y_pred": q.tolist()}))
    for i in range(6):  # probabilities, some of them exactly 0 or 1 (clipped: computed alone)
        q = rng.uniform(0.05, 0.95, size=6)
        if i % 2:
            q[0] = float(i % 4 == 1)
        y = rng.integers(0, 2, size=6).astype(float)
        calls.append(
            ("/v1/losses/binary_crossentropy", {"y_true": y.tolist(), "y_pred": q.tolist()})
        )
    calls += [(path, body) for path, body in ERRORS]
    calls += [("/v1/activations/tanh", {"x": rng.normal(size=5).tolist()}) for _ in range(4)]
    return [(path, orjson.dumps(body)) for path, body in calls]


def test_calls_that_arrive_together_get_the_answers_they_get_alone() -> None:
    """Every call of a burst (gathered in one turn of the event loop, so the losses and steps
    of one kind are computed together) gets the bytes and headers it gets when sent alone."""
    import asyncio

    calls = _together_calls()

    async def run() -> tuple[list[Any], list[Any], int, int]:
        # room for the errors, which the full path answers, all at once
        settings = Settings(max_concurrency=256, max_queue=256)
        one, burst = create_app(settings), create_app(settings)
        async with one.router.lifespan_context(one), burst.router.lifespan_context(burst):
            alone = [await _asgi_post(one, path, body) for path, body in calls]
            assert one.fast_path is not None and burst.fast_path is not None
            assert one.fast_path.coalescer.groups == 0  # one at a time: nothing together
            together = await asyncio.gather(*(_asgi_post(burst, p, b) for p, b in calls))
            coalescer = burst.fast_path.coalescer
            return alone, list(together), coalescer.groups, coalescer.stacked

    alone, together, groups, stacked = run_async(run)
    for (path, body), a, b in zip(calls, alone, together, strict=True):
        assert a == b, (path, body[:200])
    statuses = [a[0] for a in alone]
    assert statuses.count(200) == len(calls) - len(ERRORS)
    # adam, sgd (maximize or not: two keys), mse, huber, binary_crossentropy
    assert groups >= 5 and stacked >= 60


def test_a_burst_of_small_calls_is_not_shed() -> None:
    """300 small calls at once with the default admission limits (2 computing, 4 queued):
    each call gives its slot back before waiting for its group, so none is refused."""
    import asyncio

    body = orjson.dumps({"params": [1.0, 2.0], "grads": [0.5, -0.5], "hyperparams": {"lr": 0.1}})

    async def run() -> list[int]:
        app = create_app(Settings(max_concurrency=2, max_queue=4))
        async with app.router.lifespan_context(app):
            answers = await asyncio.gather(
                *(_asgi_post(app, "/v1/optimizers/adam/step", body) for _ in range(300))
            )
            assert app.state.admission.active == 0
            return [status for status, _, _ in answers]

    assert run_async(run) == [200] * 300
