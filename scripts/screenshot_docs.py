"""Save a PNG of Swagger UI (/docs) with one operation tried out: docs/img/swagger.png.

    .venv/bin/python scripts/screenshot_docs.py [--url http://127.0.0.1:8000] [--path ...]

Without --url it starts `python -m service` on a free loopback port and stops it afterwards.
The browser is the system Chromium (/usr/bin/chromium, or GRADSERVE_CHROMIUM) driven by
Playwright, with every request off loopback aborted: the picture shows what an offline user sees.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("GRADSERVE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def local_server() -> Iterator[str]:
    # the README's port when it is free, so the picture shows the URL a reader will use
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", 8000))
        except OSError:
            s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "GRADSERVE_HOST": "127.0.0.1", "GRADSERVE_PORT": str(port)}
    env["GRADSERVE_LOG_LEVEL"] = "warning"
    proc = subprocess.Popen([sys.executable, "-m", "service"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _offline(route: Route) -> None:
    host = urlsplit(route.request.url).hostname
    if route.request.url.startswith("data:") or host in ("127.0.0.1", "localhost", "::1"):
        route.continue_()
    else:
        print(f"blocked {route.request.url}", file=sys.stderr)
        route.abort("internetdisconnected")


def screenshot(base: str, path: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
            device_scale_factor=1,
        )
        context.route("**/*", _offline)
        page = context.new_page()
        page.goto(f"{base}/docs")
        block = page.locator(".opblock.opblock-post").filter(
            has=page.locator(f'.opblock-summary-path[data-path="{path}"]')
        )
        block.locator(".opblock-summary-control").click()
        block.locator("button.try-out__btn").click()
        with page.expect_response(lambda r: r.request.method == "POST") as info:
            block.locator("button.execute").click()
        print(f"{info.value.request.method} {info.value.url} -> {info.value.status}")
        block.locator(".live-responses-table tr.response").first.wait_for()
        page.evaluate("document.fonts.ready")
        # from the page header down to the end of the live response (page coordinates)
        top, bottom = page.evaluate(
            """([a, b]) => [
                document.querySelector(a).getBoundingClientRect().top + window.scrollY,
                document.querySelector(b).getBoundingClientRect().bottom + window.scrollY,
            ]""",
            [".information-container", f'[id="{block.get_attribute("id")}"] .live-responses-table'],
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(out),
            full_page=True,
            clip={"x": 0, "y": top - 16, "width": 1280, "height": bottom + 20 - top},
        )
        context.close()
    print(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--path", default="/v1/activations/{name}", help="the POST path to run")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "swagger.png")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: install the Debian package `chromium`")
    if args.url:
        screenshot(args.url.rstrip("/"), args.path, args.out)
    else:
        with local_server() as base:
            screenshot(base, args.path, args.out)


if __name__ == "__main__":
    main()
