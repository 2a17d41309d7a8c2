"""A diagnostic variant of gradserve for bench/bench_small.py: the same app without the
small-call fast path (every request takes FastAPI's full path), to show what the fast path
saves on the same server and load generator. Not for serving."""

from __future__ import annotations

from service.main import create_app

no_fastpath = create_app(fast_path=False)
