"""Swagger UI and ReDoc, served with no internet access.

Their assets come from the fastapi-offline package and are served under /static/docs. The
ReDoc bundle would still fetch one image from a CDN (its footer logo); the bundle is served
with that address replaced by an inline SVG, so nothing leaves the machine.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.responses import HTMLResponse, Response

ASSETS = Path(fastapi_offline.__file__).parent / "static"
STATIC_URL = "/static/docs"
REDOC_JS_URL = "/static/redoc/redoc.standalone.js"
_CDN_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
_INLINE_LOGO = (
    b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
)

router = APIRouter(include_in_schema=False)


@cache
def redoc_bundle() -> bytes:
    """The ReDoc bundle with its one CDN address replaced (read once)."""
    return (ASSETS / "redoc.standalone.js").read_bytes().replace(_CDN_LOGO, _INLINE_LOGO)


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="gradserve - Swagger UI",
        swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
        swagger_favicon_url=f"{STATIC_URL}/favicon.png",
    )


@router.get("/redoc")
def redoc() -> HTMLResponse:
    return get_redoc_html(
        openapi_url="/openapi.json",
        title="gradserve - ReDoc",
        redoc_js_url=REDOC_JS_URL,
        redoc_favicon_url=f"{STATIC_URL}/favicon.png",
        with_google_fonts=False,
    )


@router.get(REDOC_JS_URL)
def redoc_js() -> Response:
    return Response(
        redoc_bundle(),
        media_type="application/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )
