"""Large base64 payloads bypass the JSON parser and serializer.

A 200 MB body made of a few b64 tensors costs orjson about 0.6 s to parse (it validates and
copies every string byte into a Python str) and about as much to write back. The base64 text
itself needs no JSON processing: its alphabet has no quote, backslash or control character.

Request side (:func:`parse_body`): for a large body, every ``"b64": "<payload>"`` member whose
key stands where an object key must stand (after ``{`` or ``,``) and whose payload is large is
cut out of the text before parsing and replaced by a short placeholder; after parsing, the
placeholder becomes a :class:`B64Span` holding a zero-copy view of the payload, which
``decode_tensor`` hands straight to pybase64. A client that literally sends a placeholder
string only gets a 422 for invalid base64 (or another tensor's bytes of its own request).

Response side (:class:`BigB64`, :func:`payload_parts`): the encoder returns large b64
tensors as a marker object; rendering writes a NUL byte pair in its place (orjson escapes
every control character inside strings, so a raw NUL never occurs otherwise), and the
response is the JSON around the markers and the payloads, sent one after the other (never
joined into one buffer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

# bodies and payloads below these sizes take the ordinary path
BODY_THRESHOLD = 1 << 20
PAYLOAD_THRESHOLD = 1 << 16
_PLACEHOLDER = "\x00gradserve-b64:"
_WS = b" \t\r\n"


@dataclass(frozen=True)
class B64Span:
    """A base64 payload cut out of the request body (a view, not a copy)."""

    view: memoryview

    def __len__(self) -> int:
        return len(self.view)


def _skip_ws(body: bytes, i: int) -> int:
    n = len(body)
    while i < n and body[i] in _WS:
        i += 1
    return i


def bools_in_lists(text: bytes | memoryview) -> bool:
    """Whether a JSON text may hold ``true``/``false`` inside a list.

    A boolean inside a list follows ``[`` or ``,`` (a boolean in an object follows ``:``).
    Conservative: a match inside a string only costs the slow, exact decoding path. Two
    ``bytes.find`` scans; large b64 payloads are not scanned (see :func:`parse_body_checked`).
    """
    data = bytes(text) if isinstance(text, memoryview) else text
    for token in (b"true", b"false"):
        i = data.find(token)
        while i != -1:
            j = i - 1
            while j >= 0 and data[j] in _WS:
                j -= 1
            if j >= 0 and data[j] in b"[,":
                return True
            i = data.find(token, i + 1)
    return False


def parse_body(body: bytes) -> Any:
    """orjson.loads, with large b64 payloads cut out first (see the module docstring)."""
    return parse_body_checked(body)[0]


def parse_body_checked(body: bytes) -> tuple[Any, bool]:
    """:func:`parse_body` and :func:`bools_in_lists` of the JSON text it parsed (large b64
    payloads cut out, so a 60 MB body costs no full scan)."""
    if len(body) < BODY_THRESHOLD:
        return orjson.loads(body), bools_in_lists(body)
    view = memoryview(body)
    pieces: list[bytes | memoryview] = []
    spans: list[B64Span] = []
    last = 0
    pos = 0
    while True:
        i = body.find(b'"b64"', pos)
        if i < 0:
            break
        pos = i + 5
        j = i - 1
        while j >= 0 and body[j] in _WS:
            j -= 1
        if j < 0 or body[j] not in b"{,":
            continue
        k = _skip_ws(body, i + 5)
        if k >= len(body) or body[k] != ord(":"):
            continue
        k = _skip_ws(body, k + 1)
        if k >= len(body) or body[k] != ord('"'):
            continue
        start = k + 1
        end = body.find(b'"', start)
        if end < 0:
            break
        pos = end + 1
        if end - start < PAYLOAD_THRESHOLD:
            continue
        pieces.append(view[last:start])
        pieces.append(f"\\u0000gradserve-b64:{len(spans)}".encode())
        spans.append(B64Span(view[start:end]))
        last = end
    if not spans:
        return orjson.loads(body), bools_in_lists(body)
    pieces.append(view[last:])
    skeleton = b"".join(pieces)
    return _restore(orjson.loads(skeleton), spans), bools_in_lists(skeleton)


def dumps_sized(node: Any) -> tuple[bytes, int]:
    """The JSON text of a parsed body, and that text's size with its large b64 payloads.

    A :class:`B64Span` (a payload cut out by :func:`parse_body_checked`) is written as an
    empty string, so the text is the skeleton the parser saw (what :func:`bools_in_lists`
    scans) and the payloads are neither copied nor re-encoded."""
    cut = 0

    def span(obj: Any) -> str:
        nonlocal cut
        if isinstance(obj, B64Span):
            cut += len(obj)
            return ""
        raise TypeError(f"Type is not JSON serializable: {type(obj).__name__}")

    text = orjson.dumps(node, default=span, option=orjson.OPT_PASSTHROUGH_DATACLASS)
    return text, len(text) + cut


def _restore(node: Any, spans: list[B64Span]) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "b64" and isinstance(value, str) and value.startswith(_PLACEHOLDER):
                index = value[len(_PLACEHOLDER) :]
                if index.isdigit() and int(index) < len(spans):
                    node[key] = spans[int(index)]
            elif isinstance(value, dict | list):
                _restore(value, spans)
    elif isinstance(node, list) and node and isinstance(node[0], dict | list):
        for item in node:
            _restore(item, spans)
    return node


@dataclass(frozen=True)
class BigB64:
    """A large b64 tensor in a response: its JSON head and its base64 payload."""

    head: bytes  # b'{"shape":[...],"dtype":"float32"'
    payload: bytes

    def parts(self) -> tuple[bytes, bytes, bytes]:
        return self.head + b',"b64":"', self.payload, b'"}'


def payload_parts(dumped: bytes, payloads: list[BigB64]) -> list[bytes]:
    """The parts of orjson output with the payloads where the NUL markers stand, in order
    (their concatenation is the document; a response can send them without joining)."""
    if not payloads:
        return [dumped]
    chunks = dumped.split(b"\x00")
    # chunks alternate: json, index, json, index, ..., json; the small JSON pieces between
    # two payloads are joined (one part each), the payloads stay as they are
    out: list[bytes] = []
    between = [chunks[0]]
    for n in range(1, len(chunks), 2):
        head, payload, tail = payloads[int(chunks[n])].parts()
        out.append(b"".join([*between, head]))
        out.append(payload)
        between = [tail, chunks[n + 1]]
    out.append(b"".join(between))
    return out
