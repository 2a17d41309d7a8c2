"""POST /v2/.../infer over ASGI, message by message: the answer is the header then the arrays'
bytes, the same however the body arrives, sent in parts with the right Content-Length; the
framing errors answer as before. (The requests are framed here by hand; results are
compared with the in-process optimizer step.)"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import anyio
import numpy as np
import orjson
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI
from scipy.special import expit

from service.compute.optimizers import step
from service.config import Settings
from service.main import create_app

HEADER = "Inference-Header-Content-Length"
DT = {"FP32": "<f4", "FP64": "<f8"}
ADAM = "/v2/models/optimizers.adam/infer"


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app(Settings())


@pytest.fixture(scope="module")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as p:  # the app's own event loop, in a thread
        yield p


@dataclass
class Answer:
    status: int
    headers: dict[bytes, bytes]
    bodies: list[Any]  # the http.response.body messages' bodies, as sent

    @property
    def body(self) -> bytes:
        return b"".join(bytes(b) for b in self.bodies)


def serve(
    app: FastAPI,
    portal: BlockingPortal,
    path: str,
    body: bytes,
    header_length: int | str | None,
    *,
    chunk: int | None = None,
    content_length: int | bool | None = True,
) -> Answer:
    """Send ``body`` in ASGI messages of ``chunk`` bytes (all at once by default), with its
    Content-Length (``True``), another one, or none (``None``: a chunked request)."""
    size = chunk or max(len(body), 1)
    chunks = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
    headers = [(b"content-type", b"application/octet-stream")]
    if content_length is not None:
        n = len(body) if content_length is True else content_length
        headers.append((b"content-length", b"%d" % n))
    if header_length is not None:
        headers.append((HEADER.lower().encode(), str(header_length).encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": b"", "server": ("test", 80), "client": ("test", 1), "headers": headers,
    }  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def run() -> None:
        done = anyio.Event()
        pending = chunks[::-1]

        async def receive() -> dict[str, Any]:
            if pending:
                return {"type": "http.request", "body": pending.pop(), "more_body": bool(pending)}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                done.set()

        with anyio.fail_after(30):
            await app(scope, receive, send)

    portal.call(run)
    start, *rest = sent
    assert [m.get("more_body", False) for m in rest] == [True] * (len(rest) - 1) + [False]
    answer = Answer(start["status"], dict(start["headers"]), [m["body"] for m in rest])
    # uvicorn counts len(body) against the Content-Length and writes the body as it is
    assert all(len(b) == memoryview(b).nbytes for b in answer.bodies)
    assert int(answer.headers[b"content-length"]) == len(answer.body)
    return answer


def frame(
    inputs: list[tuple[str, np.ndarray, str]], binary: bool, **header: Any
) -> tuple[bytes, bytes]:
    """The JSON header and the binary tail (empty with ``data`` in the header)."""
    items = []
    for name, a, dt in inputs:
        item: dict[str, Any] = {"name": name, "shape": list(a.shape), "datatype": dt}
        if binary:
            item["parameters"] = {"binary_data_size": a.nbytes}
        else:
            item["data"] = a.reshape(-1).tolist()
        items.append(item)
    head = orjson.dumps({"inputs": items, **header})
    tail = b"".join(a.astype(DT[dt]).tobytes() for _, a, dt in inputs) if binary else b""
    return head, tail


def outputs(answer: Answer) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The answer's header and outputs; checks the framing byte by byte on the way."""
    assert answer.status == 200, answer.body
    body = answer.body
    n = int(answer.headers.get(HEADER.lower().encode(), len(body)))
    head = orjson.loads(body[:n])
    out, pos = {}, n
    for o in head["outputs"]:
        dt = DT[o["datatype"]]
        size = (o.get("parameters") or {}).get("binary_data_size")
        if size is None:
            out[o["name"]] = np.asarray(o["data"], dtype=dt).reshape(o["shape"])
        else:
            out[o["name"]] = np.frombuffer(body[pos : pos + size], dt).reshape(o["shape"])
            pos += size
    assert pos == len(body)
    return head, out


def adam_inputs(dt: str, n: int, seed: int = 0) -> list[tuple[str, np.ndarray, str]]:
    rng = np.random.default_rng(seed)
    p, g = (rng.normal(size=n).astype(DT[dt]) for _ in range(2))
    m = (0.1 * rng.normal(size=n)).astype(DT[dt])
    v = np.abs(0.1 * rng.normal(size=n)).astype(DT[dt])
    return [("params", p, dt), ("grads", g, dt), ("state.exp_avg", m, dt),
            ("state.exp_avg_sq", v, dt)]  # fmt: skip


def check_stats(head: dict[str, Any], stats: dict[str, Any]) -> None:
    got = head["parameters"]
    assert list(got) == list(stats)
    for k, v in stats.items():
        assert got[k] == (pytest.approx(float(v), rel=1e-6) if isinstance(v, float) else v), k


@pytest.mark.parametrize("dt", ["FP32", "FP64"])
@pytest.mark.parametrize("binary_in", [True, False])
@pytest.mark.parametrize("binary_out", [True, False])
def test_adam_answer_is_the_header_then_the_arrays_bytes(
    app: FastAPI, portal: BlockingPortal, dt: str, binary_in: bool, binary_out: bool
) -> None:
    inputs = adam_inputs(dt, 3000)
    p, g, m, v = (a for _, a, _ in inputs)
    ref = step("adam", p, g, {"step": 3, "slots": {"exp_avg": m, "exp_avg_sq": v}}, {"lr": 1e-3})
    expected = {"params": ref.params, **{f"state.{k}": a for k, a in ref.state["slots"].items()}}
    head, tail = frame(
        inputs, binary_in, parameters={"lr": 1e-3, "step": 3, "binary_data_output": binary_out}
    )
    answer = serve(app, portal, ADAM, head + tail, len(head) if binary_in else None)
    header, out = outputs(answer)
    assert [o["name"] for o in header["outputs"]] == list(expected)
    check_stats(header, dict(ref.stats))
    for name, a in expected.items():
        assert out[name].dtype == np.dtype(DT[dt])
        assert out[name].tobytes() == a.tobytes(), name
    # byte for byte: orjson's header (the float32 data as orjson writes float32), the bytes
    entries = []
    for name, a in expected.items():
        entry: dict[str, Any] = {"name": name, "datatype": dt, "shape": list(a.shape)}
        if binary_out:
            entry["parameters"] = {"binary_data_size": a.nbytes}
        else:
            entry["data"] = orjson.Fragment(orjson.dumps(a, option=orjson.OPT_SERIALIZE_NUMPY))
        entries.append(entry)
    want = orjson.dumps(
        {"model_name": "optimizers.adam", "parameters": header["parameters"], "outputs": entries}
    )
    if binary_out:
        assert answer.body == want + b"".join(a.tobytes() for a in expected.values())
        assert answer.headers[HEADER.lower().encode()] == b"%d" % len(want)
        assert answer.headers[b"content-type"] == b"application/octet-stream"
        # the header, then each output as its own message, straight from its array
        assert len(answer.bodies) == 4
        assert all(isinstance(b, memoryview) for b in answer.bodies[1:])
    else:
        assert answer.body == want
        assert HEADER.lower().encode() not in answer.headers
        assert answer.headers[b"content-type"] == b"application/json"


@pytest.mark.parametrize("dt", ["FP32", "FP64"])
def test_adam_two_steps_round_trip_with_state(
    app: FastAPI, portal: BlockingPortal, dt: str
) -> None:
    rng = np.random.default_rng(3)
    p = rng.normal(size=(40, 25)).astype(DT[dt])
    g1, g2 = (rng.normal(size=p.shape).astype(DT[dt]) for _ in range(2))
    hp = {"lr": 0.01, "weight_decay": 0.1}
    r1 = step("adam", p, g1, None, hp)
    r2 = step("adam", r1.params, g2, r1.state, hp)
    inputs = [("params", p, dt), ("grads", g1, dt)]
    k = 0
    for grads, ref in ((g1, r1), (g2, r2)):
        head, tail = frame(
            [*inputs[:-1], ("grads", grads, dt)] if k else inputs,
            True,
            parameters={**hp, "step": k, "binary_data_output": True},
        )
        header, out = outputs(serve(app, portal, ADAM, head + tail, len(head), chunk=4099))
        assert out["params"].tobytes() == ref.params.tobytes()
        for slot, a in ref.state["slots"].items():
            assert out[f"state.{slot}"].tobytes() == a.tobytes()
        k = header["parameters"]["step"]
        assert k == ref.state["step"]
        # the outputs' names are the inputs' names: send them back as they came
        inputs = [(name, a, dt) for name, a in out.items()] + [("grads", grads, dt)]


@pytest.mark.parametrize("dt", ["FP32", "FP64"])
def test_the_answer_does_not_depend_on_how_the_body_arrives(
    app: FastAPI, portal: BlockingPortal, dt: str
) -> None:
    x = np.random.default_rng(1).normal(size=(30, 700)).astype(DT[dt])
    x[0, :3] = [np.nan, np.inf, -np.inf]
    head, tail = frame(
        [("x", x, dt)],
        True,
        id="r-1",
        # a large JSON output (sent as its own part) between the header and a binary one
        outputs=[{"name": "value"}, {"name": "derivative", "parameters": {"binary_data": True}}],
    )
    path = "/v2/models/activations.sigmoid/versions/3/infer"
    answers = [
        serve(app, portal, path, head + tail, len(head), chunk=chunk, content_length=cl)
        for chunk, cl in ((None, True), (7, True), (65536, True), (1000, None), (None, None))
    ]
    assert all(a.body == answers[0].body for a in answers)
    fixed = [
        {k: v for k, v in a.headers.items() if k not in (b"x-request-id", b"server-timing")}
        for a in answers
    ]
    assert all(h == fixed[0] for h in fixed)
    header, out = outputs(answers[0])
    assert header["model_version"] == "3" and header["id"] == "r-1"
    np.testing.assert_allclose(out["value"], expit(x), rtol=1e-6)
    np.testing.assert_allclose(out["derivative"], expit(x) * expit(-x), rtol=1e-5)
    assert isinstance(answers[0].bodies[-1], memoryview)  # the binary output, as is


def error(answer: Answer, status: int = 400) -> str:
    assert answer.status == status, answer.body
    assert answer.headers[b"content-type"] == b"application/json"
    body = orjson.loads(answer.body)
    assert set(body) == {"error"}
    return str(body["error"])


def test_framing_errors_answer_as_before(app: FastAPI, portal: BlockingPortal) -> None:
    head, tail = frame(adam_inputs("FP32", 100), True, parameters={"lr": 1e-3, "step": 3})
    body, n = head + tail, len(head)

    def ask(b: bytes, hl: int | str | None = n, **kw: Any) -> Answer:
        return serve(app, portal, ADAM, b, hl, **kw)

    assert ask(body[:-10], content_length=len(body), chunk=333).body == (
        b'{"error":"the body ended after %d of %d bytes"}' % (len(body) - 10, len(body))
    )
    assert ask(body + b"xx", content_length=len(body), chunk=333).body == (
        b'{"error":"the body is longer than its Content-Length (%d)"}' % len(body)
    )
    for kw in ({}, {"content_length": None, "chunk": 100}):
        assert ask(body, len(body) + 1, **kw).body == (
            b'{"error":"Inference-Header-Content-Length: the header length %d is longer than '
            b'the body (%d bytes)"}' % (len(body) + 1, len(body))
        )
        assert ask(body, "x1", **kw).body == (
            b'{"error":"Inference-Header-Content-Length: expected a non-negative integer, '
            b"got 'x1'\"}"
        )
        for wrong in (n - 3, n + 8):
            msg = error(ask(body, wrong, **kw))
            assert msg.startswith(f"expected the first {wrong} bytes ({HEADER}) to be the JSON")
        assert error(ask(body, None, **kw)).startswith("expected the body to be the JSON")
        assert "add up to" in error(ask(body + b"\0" * 8, **kw))
        assert "only 392 remain" in error(ask(body[:-8], **kw))
