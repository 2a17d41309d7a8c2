"""HTTP content codings (RFC 9110 §8.4): gzip and deflate, for request and response bodies.

A request body may come compressed (``Content-Encoding: gzip``, ``deflate``, or several
codings listed in the order they were applied); :func:`decode` undoes them, never producing
more than the body limit allows (a small compressed body can expand a thousandfold).
``deflate`` is the zlib format, as HTTP defines it; a raw deflate stream, which some
clients send under that name, is accepted too. A gzip body may hold several members, read
one after another.

A response is compressed with the coding the request's ``Accept-Encoding`` prefers
(:func:`accepted`: quality values, ``*``, ``identity``); gzip wins a tie.

Pure functions over bytes: no ASGI, no settings.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

# the codings this service reads and writes, in its order of preference on equal quality
CODINGS: tuple[str, ...] = ("gzip", "deflate")
_ALIASES = {"x-gzip": "gzip"}
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
SUPPORTED_TEXT = "gzip, deflate or identity"


class CodingError(ValueError):
    """A body that cannot be decoded: an unknown coding (``unsupported``) or bytes that are
    not data of their coding."""

    def __init__(self, message: str, *, unsupported: bool = False) -> None:
        super().__init__(message)
        self.unsupported = unsupported


class DecodedTooLarge(ValueError):
    """The decoded body would pass the limit."""

    def __init__(self, codings: Sequence[str], limit: int) -> None:
        super().__init__(f"decoded from {', '.join(codings)}")
        self.codings = tuple(codings)
        self.limit = limit


def request_codings(value: bytes | str) -> list[str]:
    """The codings a ``Content-Encoding`` value lists, in the order they were applied
    (``identity`` left out). Raises :class:`CodingError` (unsupported) for any other."""
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    out: list[str] = []
    for item in text.split(","):
        name = item.strip().lower()
        name = _ALIASES.get(name, name)
        if name in ("", "identity"):
            continue
        if name not in _WBITS:
            raise CodingError(
                f"Content-Encoding {item.strip()!r} is not supported; send {SUPPORTED_TEXT}",
                unsupported=True,
            )
        out.append(name)
    return out


def decode(body: bytes, codings: Sequence[str], limit: int) -> bytes:
    """``body`` with ``codings`` (as :func:`request_codings` lists them) undone, last first.

    Raises :class:`DecodedTooLarge` as soon as a decoded body would pass ``limit`` bytes
    (nothing larger is ever held), :class:`CodingError` when the bytes are not of their
    coding (truncated, corrupt, or trailing bytes after the stream)."""
    for coding in reversed(codings):
        body = _inflate(body, coding, limit, codings)
    return body


def _inflate(data: bytes, coding: str, limit: int, codings: Sequence[str]) -> bytes:
    parts: list[bytes] = []
    size = 0
    rest = data
    first = True
    while first or rest:  # gzip: one member after another; deflate: one stream
        wbits = _WBITS[coding]
        not_zlib: zlib.error | None = None
        try:
            d = zlib.decompressobj(wbits)
            out = d.decompress(rest, limit - size + 1)
        except zlib.error as exc:
            if not (first and coding == "deflate"):
                raise _corrupt(coding, exc) from None
            not_zlib = exc
            try:  # a raw deflate stream, sent as "deflate" by some clients
                d = zlib.decompressobj(-zlib.MAX_WBITS)
                out = d.decompress(rest, limit - size + 1)
            except zlib.error:
                raise _corrupt(coding, exc) from None
        size += len(out)
        if size > limit or d.unconsumed_tail:
            raise DecodedTooLarge(codings, limit)
        parts.append(out)
        if not d.eof:
            if not_zlib is not None:  # neither zlib nor a whole raw stream: say the first
                raise _corrupt(coding, not_zlib)
            raise CodingError(f"the {coding} data ends early (truncated body)")
        rest = d.unused_data
        first = False
        if rest and coding != "gzip":
            raise CodingError(f"{len(rest)} bytes follow the end of the {coding} data")
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _corrupt(coding: str, exc: zlib.error) -> CodingError:
    return CodingError(f"the body is not {coding} data ({exc})")


def accepted(value: bytes | str | None) -> str | None:
    """The coding to answer in for an ``Accept-Encoding`` value: the supported coding of
    highest quality (> 0), gzip before deflate on a tie; None for identity (no header, an
    empty one, nothing supported accepted, or identity preferred)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    quality: dict[str, float] = {}
    for item in text.split(","):
        name, _, params = item.partition(";")
        name = _ALIASES.get(name.strip().lower(), name.strip().lower())
        if not name:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, val = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(val.strip())
                except ValueError:
                    q = 0.0
                if not 0.0 <= q <= 1.0:  # NaN or out of range: not acceptable
                    q = 0.0
        quality[name] = q
    star = quality.get("*", 0.0)
    best: str | None = None
    best_q = 0.0
    for coding in CODINGS:
        q = quality.get(coding, star)
        if q > best_q:
            best, best_q = coding, q
    if best is None or quality.get("identity", 0.0) > best_q:
        return None
    return best


def compressor(coding: str, level: int) -> zlib._Compress:
    """A fresh zlib compressor writing ``coding`` (gzip or zlib-format deflate)."""
    return zlib.compressobj(level, zlib.DEFLATED, _WBITS[coding])


def compress(data: bytes, coding: str, level: int) -> bytes:
    """``data`` compressed whole in ``coding``."""
    c = compressor(coding, level)
    return c.compress(data) + c.flush()
