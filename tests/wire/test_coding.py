"""service.wire.coding: HTTP content codings read and written (gzip, deflate)."""

from __future__ import annotations

import gzip
import zlib

import pytest

from service.wire import coding

TEXT = b'{"x": [' + b", ".join(str(i / 7).encode() for i in range(2000)) + b"]}"


def raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"gzip", ["gzip"]),
        (b"GZip", ["gzip"]),
        (b"x-gzip", ["gzip"]),
        (b"deflate", ["deflate"]),
        (b"identity", []),
        (b"", []),
        (b"deflate, gzip", ["deflate", "gzip"]),
        (b" gzip , identity ", ["gzip"]),
    ],
)
def test_request_codings_in_the_order_applied(value: bytes, expected: list[str]) -> None:
    assert coding.request_codings(value) == expected


@pytest.mark.parametrize("value", [b"br", b"zstd", b"gzip, compress", b"gzip;q=1"])
def test_other_codings_are_unsupported(value: bytes) -> None:
    with pytest.raises(coding.CodingError) as info:
        coding.request_codings(value)
    assert info.value.unsupported
    assert "is not supported; send gzip, deflate or identity" in str(info.value)


@pytest.mark.parametrize(
    ("body", "codings", "expected"),
    [
        (gzip.compress(TEXT), ["gzip"], TEXT),
        (zlib.compress(TEXT), ["deflate"], TEXT),  # HTTP's deflate: the zlib format
        (raw_deflate(TEXT), ["deflate"], TEXT),  # what some clients send under that name
        (gzip.compress(TEXT[:100]) + gzip.compress(TEXT[100:]), ["gzip"], TEXT),  # 2 members
        (gzip.compress(zlib.compress(TEXT)), ["deflate", "gzip"], TEXT),  # deflate, then gzip
        (gzip.compress(b""), ["gzip"], b""),
        (TEXT, [], TEXT),
    ],
)
def test_decode_gives_the_original_bytes(body: bytes, codings: list[str], expected: bytes) -> None:
    assert coding.decode(body, codings, len(TEXT)) == expected


def test_decode_never_passes_the_limit() -> None:
    bomb = gzip.compress(bytes(50_000_000), 9)  # 50 MB of zeros in ~50 KB
    assert len(bomb) < 100_000
    with pytest.raises(coding.DecodedTooLarge) as info:
        coding.decode(bomb, ["gzip"], 1_000_000)
    assert info.value.limit == 1_000_000 and info.value.codings == ("gzip",)
    # exactly at the limit is fine, one byte over is not
    assert coding.decode(gzip.compress(TEXT), ["gzip"], len(TEXT)) == TEXT
    with pytest.raises(coding.DecodedTooLarge):
        coding.decode(gzip.compress(TEXT), ["gzip"], len(TEXT) - 1)
    # the second member of a gzip body counts too
    with pytest.raises(coding.DecodedTooLarge):
        coding.decode(gzip.compress(TEXT) + gzip.compress(b"x"), ["gzip"], len(TEXT))


@pytest.mark.parametrize(
    ("body", "codings", "words"),
    [
        (TEXT, ["gzip"], "the body is not gzip data"),
        (TEXT, ["deflate"], "the body is not deflate data"),
        (gzip.compress(TEXT)[:-20], ["gzip"], "the gzip data ends early"),
        (zlib.compress(TEXT)[:-5], ["deflate"], "the deflate data ends early"),
        (zlib.compress(TEXT) + b"junk", ["deflate"], "4 bytes follow the end of the deflate data"),
        (gzip.compress(TEXT) + b"junk", ["gzip"], "the body is not gzip data"),
    ],
)
def test_bytes_not_of_their_coding(body: bytes, codings: list[str], words: str) -> None:
    with pytest.raises(coding.CodingError) as info:
        coding.decode(body, codings, 10 * len(TEXT))
    assert words in str(info.value) and not info.value.unsupported


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (b"", None),
        (b"gzip", "gzip"),
        (b"deflate", "deflate"),
        (b"gzip, deflate", "gzip"),
        (b"deflate, gzip", "gzip"),  # a tie: gzip
        (b"gzip, deflate, br, zstd", "gzip"),  # httpx's and browsers' default
        (b"gzip;q=0.5, deflate", "deflate"),
        (b"gzip;q=0, deflate;q=0", None),
        (b"*", "gzip"),
        (b"*;q=0.3, gzip;q=0", "deflate"),
        (b"identity", None),
        (b"br", None),
        (b"gzip;q=0.4, identity;q=0.5", None),  # identity preferred
        (b"gzip;q=0.5, identity;q=0.5", "gzip"),
        (b"gzip;q=nan", None),
        (b"gzip;q=2", None),
        (b"gzip;q=abc, deflate;q=0.1", "deflate"),
        (b"GZIP;Q=0.9", "gzip"),
        (b"x-gzip", "gzip"),
        (b" , ,", None),
    ],
)
def test_accepted_coding(value: bytes | None, expected: str | None) -> None:
    assert coding.accepted(value) == expected


@pytest.mark.parametrize("name", coding.CODINGS)
@pytest.mark.parametrize("level", [1, 6, 9])
def test_compress_round_trips_through_the_standard_decoders(name: str, level: int) -> None:
    packed = coding.compress(TEXT, name, level)
    assert len(packed) < len(TEXT) // 2
    assert (gzip.decompress(packed) if name == "gzip" else zlib.decompress(packed)) == TEXT
    assert coding.decode(packed, [name], len(TEXT)) == TEXT
    # streamed in pieces, the same stream
    c = coding.compressor(name, level)
    pieces = c.compress(TEXT[:777]) + c.compress(TEXT[777:]) + c.flush()
    assert coding.decode(pieces, [name], len(TEXT)) == TEXT
