"""The learners' playground: a static page at ``/`` and ``/playground`` built only on the
public /v1 API, with its chart library (uPlot) vendored under ``service/static/vendor``.

Nothing here computes: the page's scripts call the same endpoints as any client. The page
and its assets are served from the package, so it works offline."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import FileResponse

STATIC = Path(__file__).resolve().parents[1] / "static"
PAGE = STATIC / "playground" / "index.html"

router = APIRouter(include_in_schema=False)


@router.get("/")
@router.get("/playground")
def playground() -> FileResponse:
    """The playground page (its scripts and styles are under /static/playground)."""
    return FileResponse(PAGE, media_type="text/html; charset=utf-8")


def mount_static(app: FastAPI) -> None:
    """Serve the page's own files and the vendored libraries."""
    app.mount(
        "/static/playground",
        StaticFiles(directory=STATIC / "playground"),
        name="playground-static",
    )
    app.mount("/static/vendor", StaticFiles(directory=STATIC / "vendor"), name="vendor-static")
