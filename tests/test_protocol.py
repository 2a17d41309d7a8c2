"""service.protocol: each answer leaves in one write; nothing is held past the loop's turn."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import uvicorn
from uvicorn.server import ServerState

from service.config import Settings
from service.main import create_app
from service.protocol import HOLD_MAX, CorkedTransport, HttpProtocol
from tests.helpers import run_async


class Recorder(asyncio.Transport):
    """A transport that records what is written to it, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, bytes]] = []
        self.closing = False

    def write(self, data: Any) -> None:
        self.calls.append(("write", bytes(data)))

    def writelines(self, list_of_data: Any) -> None:
        self.calls.append(("writelines", b"".join(bytes(d) for d in list_of_data)))

    def close(self) -> None:
        self.closing = True
        self.calls.append(("close", b""))

    def abort(self) -> None:
        self.closing = True
        self.calls.append(("abort", b""))

    def write_eof(self) -> None:
        self.calls.append(("write_eof", b""))

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return 7

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 5555), "sockname": ("127.0.0.1", 8000)}.get(name, default)

    def pause_reading(self) -> None:
        self.calls.append(("pause_reading", b""))

    def resume_reading(self) -> None:
        self.calls.append(("resume_reading", b""))


def _corked() -> tuple[Recorder, CorkedTransport]:
    """A recorder and a corked transport over it (inside a running loop)."""
    rec = Recorder()
    return rec, CorkedTransport(rec, asyncio.get_running_loop())


async def _turn() -> None:
    """Let the callbacks scheduled so far run (the end of the current turn)."""
    await asyncio.sleep(0)
    await asyncio.sleep(0)


def test_two_writes_of_one_turn_leave_together() -> None:
    async def go() -> list[tuple[str, bytes]]:
        rec, t = _corked()
        t.write(b"HTTP/1.1 200 OK\r\n\r\n")
        assert rec.calls == []  # held
        t.write(b'{"a":1}')
        await _turn()
        return rec.calls

    assert run_async(go) == [("writelines", b'HTTP/1.1 200 OK\r\n\r\n{"a":1}')]


def test_a_lone_write_leaves_at_the_end_of_the_turn() -> None:
    async def go() -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
        rec, t = _corked()
        t.write(b"head")
        before = list(rec.calls)
        await _turn()
        return before, rec.calls

    before, after = run_async(go)
    assert before == []
    assert after == [("write", b"head")]


def test_large_and_empty_writes_are_not_held() -> None:
    async def go() -> list[tuple[str, bytes]]:
        rec, t = _corked()
        t.write(b"")
        big = b"x" * HOLD_MAX
        t.write(big)
        assert rec.calls == [("write", big)]
        await _turn()
        return rec.calls

    assert run_async(go) == [("write", b"x" * HOLD_MAX)]


def test_a_held_write_goes_before_a_large_one_in_one_call() -> None:
    async def go() -> list[tuple[str, bytes]]:
        rec, t = _corked()
        t.write(b"head")
        t.write(b"y" * (3 * HOLD_MAX))
        t.writelines([b"a", b"b"])
        await _turn()
        return rec.calls

    assert run_async(go) == [
        ("writelines", b"head" + b"y" * (3 * HOLD_MAX)),
        ("writelines", b"ab"),
    ]


def test_close_and_write_eof_send_what_is_held_first_abort_drops_it() -> None:
    async def go() -> tuple[list[tuple[str, bytes]], ...]:
        out = []
        for end in ("close", "write_eof", "abort"):
            rec, t = _corked()
            t.write(b"last")
            getattr(t, end)()
            await _turn()
            out.append(rec.calls)
        return tuple(out)

    closed, eof, aborted = run_async(go)
    assert closed == [("write", b"last"), ("close", b"")]
    assert eof == [("write", b"last"), ("write_eof", b"")]
    assert aborted == [("abort", b"")]


def test_nothing_is_written_to_a_closing_transport() -> None:
    async def go() -> list[tuple[str, bytes]]:
        rec, t = _corked()
        t.write(b"late")
        rec.closing = True  # the peer went away within the turn
        await _turn()
        return rec.calls

    assert run_async(go) == []


def test_the_rest_is_the_transport_s_own() -> None:
    async def go() -> tuple[int, int, Any, bool, list[tuple[str, bytes]]]:
        rec, t = _corked()
        t.write(b"12345")
        held = t.get_write_buffer_size()
        t.pause_reading()
        t.resume_reading()
        await _turn()
        return (
            held,
            t.get_write_buffer_size(),
            t.get_extra_info("peername"),
            t.is_closing(),
            rec.calls,
        )

    held, after, peer, closing, calls = run_async(go)
    assert (held, after) == (7 + 5, 7)
    assert peer == ("127.0.0.1", 5555)
    assert closing is False
    assert calls == [("pause_reading", b""), ("resume_reading", b""), ("write", b"12345")]


def _serve(requests: bytes) -> list[tuple[str, bytes]]:
    """Feed ``requests`` to uvicorn's protocol (ours) over a recording transport, with the
    app of the default settings, and return what was written once the answers are sent."""

    async def go() -> list[tuple[str, bytes]]:
        loop = asyncio.get_running_loop()
        config = uvicorn.Config(create_app(Settings()), http=HttpProtocol, lifespan="off")
        config.load()
        state = ServerState()
        assert config.http_protocol_class is HttpProtocol
        protocol = HttpProtocol(config=config, server_state=state, app_state={}, _loop=loop)
        rec = Recorder()
        protocol.connection_made(rec)
        protocol.data_received(requests)
        for _ in range(200):
            await asyncio.sleep(0.005)
            if not state.tasks and not protocol.pipeline and protocol.cycle.response_complete:
                break
        protocol.connection_lost(None)
        return [c for c in rec.calls if c[0] in ("write", "writelines")]

    return run_async(go)


def test_uvicorn_with_our_protocol_sends_each_answer_in_one_write() -> None:
    body = orjson.dumps({"x": [0.0, 1.0]})
    request = (
        b"POST /v1/activations/sigmoid HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\n"
        b"content-length: %d\r\n\r\n%s" % (len(body), body)
    )
    writes = _serve(request)
    assert len(writes) == 1, writes
    kind, data = writes[0]
    assert kind == "writelines"
    head, _, answer = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"content-length: %d" % len(answer) in head
    assert orjson.loads(answer)["value"][0] == 0.5


def test_pipelined_requests_each_get_their_answer_in_order() -> None:
    get = b"GET /healthz HTTP/1.1\r\nhost: t\r\n\r\n"
    missing = b"GET /v1/activations/nope HTTP/1.1\r\nhost: t\r\n\r\n"
    writes = _serve(get + missing + get)
    statuses = [data.split(b"\r\n", 1)[0] for _, data in writes]
    assert statuses == [b"HTTP/1.1 200 OK", b"HTTP/1.1 404 Not Found", b"HTTP/1.1 200 OK"]
    assert all(kind == "writelines" for kind, _ in writes)
