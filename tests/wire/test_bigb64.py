"""Large b64 payloads skip the JSON parser/serializer and still decode exactly."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import orjson
import pytest

from service.compute.errors import InvalidInputError
from service.wire.bigb64 import BODY_THRESHOLD, B64Span, parse_body
from service.wire.json import StrictJSONResponse, render
from service.wire.tensors import Budget, Encoder, TensorForm, decode_tensor
from tests.helpers import from_wire


def big(n: int = 300_000, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=n)


def b64(a: np.ndarray) -> str:
    return base64.b64encode(a.astype("<f8").tobytes()).decode()


@pytest.mark.parametrize("spaced", [False, True])
def test_large_payloads_are_cut_out_and_decode_exactly(spaced: bool) -> None:
    a, b = big(seed=1), big(seed=2)
    doc = {
        "x": {"shape": [a.size], "dtype": "float64", "b64": b64(a)},
        "params": {"w": {"b64": b64(b), "shape": [b.size]}, "note": '"b64":"not this"'},
        "small": {"shape": [1], "b64": b64(np.ones(1))},
    }
    body = orjson.dumps(doc)
    if spaced:
        body = body.replace(b'"b64":"', b'"b64" :  "').replace(b",", b", ")
    assert len(body) > BODY_THRESHOLD
    parsed = parse_body(body)
    assert isinstance(parsed["x"]["b64"], B64Span)
    assert isinstance(parsed["params"]["w"]["b64"], B64Span)
    assert parsed["params"]["note"] == '"b64":"not this"'
    assert isinstance(parsed["small"]["b64"], str)  # small payloads take the ordinary path
    x = decode_tensor(parsed["x"], ("body", "x"), Budget(10**7, 8, 32)).array
    w = decode_tensor(parsed["params"]["w"], ("body", "w"), Budget(10**7, 8, 32)).array
    np.testing.assert_array_equal(x, a)
    np.testing.assert_array_equal(w, b)
    x[0] = 1.0  # writeable


def test_invalid_large_payload_is_a_422() -> None:
    text = "A" * (BODY_THRESHOLD + 3) + "!"
    parsed = parse_body(orjson.dumps({"x": {"shape": [1], "b64": text}}))
    with pytest.raises(InvalidInputError) as info:
        decode_tensor(parsed["x"], ("body", "x"), Budget(10**9, 8, 32))
    assert info.value.loc == ("body", "x", "b64")


def test_literal_placeholder_from_a_client_is_not_trusted() -> None:
    fake = "\x00gradserve-b64:0"
    parsed = parse_body(
        orjson.dumps({"x": {"shape": [1], "b64": fake}, "pad": "y" * BODY_THRESHOLD})
    )
    with pytest.raises(InvalidInputError):
        decode_tensor(parsed["x"], ("body", "x"), Budget(10, 8, 32))


def test_large_b64_responses_are_spliced_into_strict_json() -> None:
    a = big()
    enc = Encoder(TensorForm.b64)
    text = render({"value": enc.tensor(a), "n": float("nan"), "g": [enc.tensor(a[:2])]})
    out = orjson.loads(text)
    np.testing.assert_array_equal(from_wire(out["value"]), a)
    np.testing.assert_array_equal(from_wire(out["g"][0]), a[:2])
    assert out["n"] == "NaN"


def test_a_response_with_large_payloads_is_sent_in_parts() -> None:
    """StrictJSONResponse sends the JSON around each large payload and the payloads one after
    the other (never joined), with the total as Content-Length; ``body`` still reads whole
    (the batch endpoint embeds item answers)."""
    a = big()
    enc = Encoder(TensorForm.b64)
    content = {"value": enc.tensor(a), "derivative": enc.tensor(-a), "n": 1.5}
    whole = render(content)
    response = StrictJSONResponse(content)
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    # nothing here waits: one step runs the response to its end (no event loop needed, and
    # none may be started while the suite's own loop runs)
    coro = response({"type": "http", "method": "POST"}, None, send)  # type: ignore[arg-type]
    with pytest.raises(StopIteration):
        coro.send(None)
    start, *bodies = sent
    assert dict(start["headers"])[b"content-length"] == str(len(whole)).encode()
    # {"value":{..."b64":" / payload / "},"derivative":{..."b64":" / payload / "},"n":1.5}
    assert len(bodies) == 5
    assert [m["more_body"] for m in bodies] == [True] * 4 + [False]
    assert b"".join(m["body"] for m in bodies) == whole
    assert response.body == whole
    small = StrictJSONResponse({"x": 1.0})
    assert small.body == b'{"x":1.0}' and dict(small.raw_headers)[b"content-length"] == b"9"


def test_dumps_sized_writes_cut_payloads_empty_and_counts_them() -> None:
    from service.wire.bigb64 import dumps_sized

    payload = base64.b64encode(np.arange(40_000, dtype=np.float64).tobytes()).decode()
    small = base64.b64encode(b"\x00" * 8).decode()
    body = {
        "a": {"shape": [40_000], "dtype": "float64", "b64": payload},
        "b": [{"shape": [1], "dtype": "float64", "b64": small}],
        "pad": "x" * BODY_THRESHOLD,
    }
    parsed = parse_body(orjson.dumps(body))
    assert isinstance(parsed["a"]["b64"], B64Span)  # cut out: the case of a large batch
    text, size = dumps_sized(parsed)
    assert orjson.loads(text) == {**body, "a": {**body["a"], "b64": ""}}
    assert size == len(orjson.dumps(body))


def test_dumps_sized_of_an_ordinary_body_is_orjson() -> None:
    from service.wire.bigb64 import dumps_sized

    body = {"x": [1.0, -2.5], "y": {"z": None, "t": True}}
    assert dumps_sized(body) == (orjson.dumps(body), len(orjson.dumps(body)))
    with pytest.raises(TypeError):
        dumps_sized({"x": object()})
