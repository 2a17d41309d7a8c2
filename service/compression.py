"""Compressed bodies at the edge: requests decoded (``Content-Encoding``), responses
compressed (``Accept-Encoding``), gzip and deflate both ways (:mod:`service.wire.coding`),
as Triton's HTTP endpoint does (tritonclient's ``request_compression_algorithm`` and
``response_compression_algorithm``) and as a FastAPI app behind ``GZipMiddleware`` does.

- :class:`RequestDecodingMiddleware`, inside the body limit (which bounds the compressed
  bytes) and the API key (no body is inflated for a request without it): a compressed
  body is read, decoded to at most ``GRADSERVE_MAX_BODY_BYTES`` (413 beyond: a small body
  can expand a thousandfold), and handed on as an ordinary body (``Content-Length`` of the
  decoded bytes, no ``Content-Encoding``), so every route, the Open Inference Protocol's
  binary tail included, reads decoded bytes. An unknown coding is a 415 listing the
  supported ones (with an ``Accept-Encoding`` header, RFC 9110 §15.5.16), bytes that do not
  decode a 400: problems, or ``{"error"}`` under /v2.
- :class:`ResponseCompression`, outermost (in front of the fast path too): an answer of at
  least ``GRADSERVE_COMPRESS_MIN_BYTES`` in a compressible media type is compressed at
  ``GRADSERVE_COMPRESS_LEVEL`` (0, the default: never; docs/wire.md says why) in the
  coding the request's ``Accept-Encoding`` prefers, with ``Vary: Accept-Encoding``; a
  request without that header costs one scan of its headers. A streamed answer is
  compressed chunk by chunk. A ``HEAD`` gets its GET's headers (the content is dropped
  after compression). Large bodies are (de)compressed in a worker thread, off the event
  loop.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.middleware import body_too_large, edge_error, header
from service.wire import coding

# bodies up to this size are (de)compressed on the event loop (well under a millisecond)
INLINE_BYTES = 256 * 1024

# media types worth compressing: text, JSON and SVG, the Open Inference Protocol's binary
# answers (as Triton compresses them); not PNG or fonts, which are compressed already
_COMPRESSIBLE = (
    b"application/json",
    b"application/problem+json",
    b"application/javascript",
    b"application/octet-stream",
    b"application/openmetrics-text",
    b"image/svg+xml",
)


def compressible(content_type: bytes | None) -> bool:
    if not content_type:
        return False
    media = content_type.split(b";", 1)[0].strip().lower()
    return media.startswith(b"text/") or media in _COMPRESSIBLE


class RequestDecodingMiddleware:
    """A request body sent with ``Content-Encoding`` gzip or deflate, decoded before the app
    reads it (module docstring)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        value = header(scope, b"content-encoding") if scope["type"] == "http" else None
        if value is None:
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        try:
            codings = coding.request_codings(value)
        except coding.CodingError as exc:
            await _refusal(415, str(exc), path, f"expected {coding.SUPPORTED_TEXT}")(
                scope, receive, send
            )
            return
        chunks: list[bytes] = []
        while True:  # bounded: the body limit outside has refused a larger body
            message = await receive()
            if message["type"] != "http.request":
                return  # the client left
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        raw = b"".join(chunks)
        body: bytes
        try:
            if not raw:  # no content (a GET): nothing to decode
                body = raw
            elif len(raw) <= INLINE_BYTES:
                body = coding.decode(raw, codings, self.max_bytes)
            else:
                body = await run_in_threadpool(coding.decode, raw, codings, self.max_bytes)
        except coding.DecodedTooLarge as exc:
            what = f"request body {', '.join(exc.codings)}-decoded"
            await body_too_large(what, self.max_bytes, path)(scope, receive, send)
            return
        except coding.CodingError as exc:
            detail = f"Content-Encoding {value.decode('latin-1')}: {exc}"
            await _refusal(400, detail, path, f"expected {', '.join(codings)} data")(
                scope, receive, send
            )
            return
        headers = [
            (k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")
        ]
        headers.append((b"content-length", str(len(body)).encode()))
        pending = [{"type": "http.request", "body": body, "more_body": False}]

        async def decoded() -> Message:
            return pending.pop() if pending else await receive()

        await self.app({**scope, "headers": headers}, decoded, send)


def _refusal(status: int, detail: str, path: str, expected: str) -> Any:
    headers = {"Accept-Encoding": ", ".join(coding.CODINGS)} if status == 415 else None
    return edge_error(
        status, detail, path, ["header", "content-encoding"], expected, headers=headers
    )


class ResponseCompression:
    """Wraps a request's ``send`` to compress its answer (module docstring)."""

    def __init__(self, level: int, min_bytes: int) -> None:
        self.level = level
        self.min_bytes = min_bytes

    def wrap(self, scope: Scope, send: Send) -> Send:
        """``send`` itself unless the answer may be compressed: compression on and a coding
        the request accepts (HEAD too: its headers are its GET's)."""
        if not self.level:
            return send
        chosen = coding.accepted(header(scope, b"accept-encoding"))
        if chosen is None:
            return send
        return _Compressing(send, chosen, self.level, self.min_bytes).send


class _Compressing:
    """One answer's ``send``: holds ``http.response.start`` until the first body chunk says
    whether (and how) to compress."""

    def __init__(self, send: Send, chosen: str, level: int, min_bytes: int) -> None:
        self.inner = send
        self.coding = chosen
        self.level = level
        self.min_bytes = min_bytes
        self.start: Message | None = None
        self.stream: Any = None  # a zlib compressor while a streamed answer is compressed
        self.state: Callable[[Message], Awaitable[None]] = self._first

    async def send(self, message: Message) -> None:
        await self.state(message)

    async def _first(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
            return
        start = self.start
        if message["type"] != "http.response.body" or start is None:
            await self._passing(message)
            return
        headers = list(start.get("headers", ()))
        names = {k.lower() for k, _ in headers}
        content_type = next((v for k, v in headers if k.lower() == b"content-type"), None)
        body = message.get("body", b"")
        more = bool(message.get("more_body", False))
        if (
            b"content-encoding" in names
            or start["status"] in (204, 206, 304)
            or not compressible(content_type)
            or (not more and _size(body) < self.min_bytes)
        ):
            await self._passing(message)
            return
        kept = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        kept += [(b"content-encoding", self.coding.encode()), (b"vary", b"Accept-Encoding")]
        if not more:
            packed = await _run(coding.compress, body, self.coding, self.level)
            if len(packed) >= _size(body):  # incompressible: the answer as it is
                await self._passing(message)
                return
            kept.append((b"content-length", str(len(packed)).encode()))
            await self.inner({**start, "headers": kept})
            await self.inner({"type": "http.response.body", "body": packed})
            self.state = self.inner
            return
        self.stream = coding.compressor(self.coding, self.level)
        await self.inner({**start, "headers": kept})
        self.state = self._streaming
        await self._streaming(message)

    async def _passing(self, message: Message) -> None:
        self.state = self.inner
        if self.start is not None:
            await self.inner(self.start)
        await self.inner(message)

    async def _streaming(self, message: Message) -> None:
        if message["type"] != "http.response.body":
            await self.inner(message)
            return
        more = bool(message.get("more_body", False))
        chunk = message.get("body", b"")
        out = await _run(self.stream.compress, chunk) if _size(chunk) else b""
        if not more:
            out += self.stream.flush()
        if out or not more:
            await self.inner({"type": "http.response.body", "body": out, "more_body": more})


def _size(data: bytes | memoryview) -> int:
    return data.nbytes if isinstance(data, memoryview) else len(data)


async def _run(fn: Callable[..., bytes], data: bytes | memoryview, *args: Any) -> bytes:
    if _size(data) <= INLINE_BYTES:
        return fn(data, *args)
    return await run_in_threadpool(fn, data, *args)
