"""Diagnostic variants of gradserve for bench/bench_small.py: the same app with one layer
left out, to show what each costs on the same server and load generator. Not for serving."""

from __future__ import annotations

from fastapi import FastAPI

from service.main import create_app


def _without(name: str) -> FastAPI:
    app = create_app()
    app.user_middleware = [m for m in app.user_middleware if m.cls.__name__ != name]  # type: ignore[attr-defined]
    return app


no_fastpath = _without("FastPath")
no_admission = _without("AdmissionMiddleware")
