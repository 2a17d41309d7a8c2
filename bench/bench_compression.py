"""Compressed bodies (docs/wire.md "Compression"): what gzip costs and saves, against the
same call sent and answered plain, in the same run, over loopback on one server
(``GRADSERVE_COMPRESS_LEVEL=1``).

For each call, best of 5 round trips through one ``http.client`` connection:

* plain: ``Accept-Encoding: identity``, body as is;
* gzip answer: ``Accept-Encoding: gzip``, the answer inflated by the client (``zlib``);
* gzip request: the body sent gzip-compressed (compressed beforehand: the client's cost is
  reported apart) and the answer plain.

Reported: the bytes on the wire, the round trip, the ratio to plain (the cost on loopback,
where the plain call is the strongest baseline) and the link speed below which compression
would pay (the bytes it saves over the time it adds).

Run: ``.venv/bin/python bench/bench_compression.py`` (``make bench`` runs every bench).
"""

from __future__ import annotations

import gzip
import http.client
import time
import zlib
from typing import Any

import numpy as np
import orjson
from _common import b64, best_of, server, table


def call(conn: http.client.HTTPConnection, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    conn.request(
        "POST",
        "/v1/activations/sigmoid",
        body=body,
        headers={"Content-Type": "application/json", **headers},
    )
    resp = conn.getresponse()
    wire = resp.read()
    assert resp.status == 200, wire[:300]
    data = (
        zlib.decompress(wire, 16 + zlib.MAX_WBITS) if resp.getheader("content-encoding") else wire
    )
    return len(wire), orjson.loads(data)


def main() -> None:
    rng = np.random.default_rng(0)
    cases = {
        "JSON, 250,000 float64 (nested lists)": orjson.dumps(
            {"x": rng.normal(size=250_000).tolist()}
        ),
        "b64, 1,000,000 float64": orjson.dumps({"x": b64(rng.normal(size=1_000_000))}),
    }
    with server(env={"GRADSERVE_COMPRESS_LEVEL": "1"}) as base:
        conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=120)
        for title, body in cases.items():
            packed = gzip.compress(body, 1)
            t_pack = best_of(lambda body=body: gzip.compress(body, 1), repeat=3)
            plain_bytes, plain = call(conn, body, {"Accept-Encoding": "identity"})
            gz_bytes, gz = call(conn, body, {"Accept-Encoding": "gzip"})
            assert gz == plain
            _, req = call(conn, packed, {"Content-Encoding": "gzip", "Accept-Encoding": "identity"})
            assert req == plain
            t_plain = best_of(lambda body=body: call(conn, body, {"Accept-Encoding": "identity"}))
            t_gz = best_of(lambda body=body: call(conn, body, {"Accept-Encoding": "gzip"}))
            t_req = best_of(
                lambda packed=packed: call(
                    conn, packed, {"Content-Encoding": "gzip", "Accept-Encoding": "identity"}
                )
            )

            def pays(saved: int, added: float) -> str:
                if added <= 0:
                    return "always"
                return f"below {saved * 8 / added / 1e6:,.0f} Mbit/s"

            table(
                title,
                [
                    (
                        "plain",
                        f"{t_plain * 1e3:.1f} ms",
                        f"{len(body):,} B in, {plain_bytes:,} B out",
                    ),
                    (
                        "gzip answer",
                        f"{t_gz * 1e3:.1f} ms",
                        f"{t_gz / t_plain:.2f}x plain; {gz_bytes:,} B out "
                        f"({gz_bytes / plain_bytes:.2f}); pays "
                        f"{pays(plain_bytes - gz_bytes, t_gz - t_plain)}",
                    ),
                    (
                        "gzip request",
                        f"{t_req * 1e3:.1f} ms",
                        f"{t_req / t_plain:.2f}x plain (+{t_pack * 1e3:.1f} ms to compress it); "
                        f"{len(packed):,} B in ({len(packed) / len(body):.2f}); pays "
                        f"{pays(len(body) - len(packed), t_req + t_pack - t_plain)}",
                    ),
                ],
            )
        conn.close()
    print(f"\n(loopback, {time.strftime('%Y-%m-%d %H:%M')})")


if __name__ == "__main__":
    main()
