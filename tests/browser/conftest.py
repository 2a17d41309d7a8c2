"""Browser fixtures: a real uvicorn server on loopback and the system Chromium driven by Playwright.

The browser can reach loopback only: every request to another host is aborted and recorded,
and every console error or uncaught page error is recorded; the ``page`` fixture fails the test
when either list is non-empty (tests may call ``watched.assert_clean()`` themselves earlier).

Chromium is the Debian package (``/usr/bin/chromium``, or ``GRADSERVE_CHROMIUM``); Playwright
never downloads a browser here. Without it the tests skip with the reason, except when
``GRADSERVE_REQUIRE_BROWSER=1`` or ``CI`` is set (``.ci/run``), where they fail instead.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Route

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
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# schemes that never leave the browser process
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome", "chrome-extension"})
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


def _browser_required() -> bool:
    return os.environ.get("GRADSERVE_REQUIRE_BROWSER") == "1" or bool(os.environ.get("CI"))


def _unavailable(reason: str) -> None:
    if _browser_required():
        pytest.fail(f"{reason} (GRADSERVE_REQUIRE_BROWSER/CI is set, so this is not skipped)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOOPBACK_HOSTS


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """Base URL of ``python -m service`` listening on 127.0.0.1 (a free port)."""
    port = _free_port()
    env = {
        **os.environ,
        "GRADSERVE_HOST": "127.0.0.1",
        "GRADSERVE_PORT": str(port),
        "GRADSERVE_WORKERS": "1",
        "GRADSERVE_LOG_LEVEL": "warning",
    }
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed after the server stops
    proc = subprocess.Popen(
        [sys.executable, "-m", "service"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
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
                log.seek(0)
                pytest.fail(f"server did not start: {log.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            raise
        log.close()
    assert proc.returncode in (0, -signal.SIGTERM), "server did not stop cleanly on SIGTERM"


@dataclass
class NetworkGuard:
    """Aborts and records every request that would leave loopback."""

    blocked: list[str] = field(default_factory=list)

    def handle(self, route: Route) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            self.blocked.append(f"{route.request.method} {url}")
            route.abort("internetdisconnected")


@dataclass
class BrowserSession:
    context: BrowserContext
    guard: NetworkGuard


@pytest.fixture(scope="session")
def browser_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserSession]:
    """One Chromium with a fresh profile; a context-wide route guard keeps it on loopback."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found: install the Debian package `chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the `playwright` package is not installed (pip install -e '.[dev]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        context.set_default_timeout(TIMEOUT_MS)
        guard = NetworkGuard()
        context.route("**/*", guard.handle)
        try:
            yield BrowserSession(context, guard)
        finally:
            context.close()


@dataclass
class WatchedPage:
    """A page plus what it did wrong: requests off loopback and console/page errors."""

    page: Page
    guard: NetworkGuard
    console_errors: list[str] = field(default_factory=list)
    _blocked_from: int = 0
    _checked_at: tuple[int, int] | None = None

    def _counts(self) -> tuple[int, int]:
        return len(self.blocked), len(self.console_errors)

    @property
    def blocked(self) -> list[str]:
        return self.guard.blocked[self._blocked_from :]

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            loc: Any = msg.location
            self.console_errors.append(f"console.error {msg.text} @ {loc.get('url', '')}")

    def _on_pageerror(self, err: Exception) -> None:
        self.console_errors.append(f"uncaught {err}")

    def forget(self) -> None:
        """Drop what this page recorded so far (for a test that provoked it on purpose)."""
        del self.guard.blocked[self._blocked_from :]
        self.console_errors.clear()
        self._checked_at = None

    def assert_clean(self) -> None:
        self._checked_at = self._counts()
        assert not self.blocked, f"requests off loopback were attempted: {self.blocked}"
        assert not self.console_errors, f"browser console errors: {self.console_errors}"


def open_watched_page(session: BrowserSession) -> WatchedPage:
    page = session.context.new_page()
    watched = WatchedPage(page, session.guard, _blocked_from=len(session.guard.blocked))
    page.on("console", watched._on_console)
    page.on("pageerror", watched._on_pageerror)
    return watched


@pytest.fixture
def watched_page(browser_session: BrowserSession) -> Iterator[WatchedPage]:
    """A fresh page; the test fails if it tried to leave loopback or logged an error."""
    watched = open_watched_page(browser_session)
    try:
        yield watched
    finally:
        watched.page.close()
    # check again unless the test already did and nothing happened since (no double report)
    if watched._checked_at != watched._counts():
        watched.assert_clean()


@pytest.fixture
def page(watched_page: WatchedPage) -> Page:
    return watched_page.page
