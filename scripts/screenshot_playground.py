"""Save a PNG of each playground panel: docs/img/playground-<panel>.png (and a 390 px one).

    .venv/bin/python scripts/screenshot_playground.py [--url http://127.0.0.1:8000] [--out DIR]

Without --url it starts `python -m service` on a free loopback port and stops it afterwards
(scripts/screenshot_docs.py's server and offline guard: every request off loopback is aborted,
so the pictures show what an offline user sees). The browser is the system Chromium.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.screenshot_docs import CHROMIUM, CHROMIUM_ARGS, _offline, local_server  # noqa: E402

PANELS = ("activations", "softmax", "losses", "optimizers", "flow", "verify")
READY = """() => {
  const s = window.__playground && window.__playground.panels && window.__playground.summary();
  return s && PANELS.every((p) => s[p] && s[p].firstChartAt !== null && !s[p].busy);
}""".replace("PANELS", str(list(PANELS)))


def settle(page: Page) -> None:
    page.wait_for_function(READY)
    page.wait_for_timeout(150)


def stage(page: Page) -> None:
    """A state worth a picture: overlays, a kink and a dead zone, a finished race."""
    page.wait_for_function("() => document.querySelectorAll('#act-name option').length > 10")
    page.select_option("#act-name", "sigmoid")
    settle(page)
    page.click("#act-add")
    settle(page)
    page.select_option("#act-name", "leaky_relu")
    settle(page)
    page.click("#act-add")
    settle(page)
    page.select_option("#act-name", "relu")
    settle(page)
    page.wait_for_function("() => document.querySelectorAll('#opt-objective option').length > 3")
    page.wait_for_function("() => window.__playground.summary().optimizers.charts.contour.done")


def shoot(base: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width, suffix in ((1280, ""), (390, "-390")):
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.route("**/*", _offline)
            page = context.new_page()
            page.goto(f"{base}/")
            settle(page)
            stage(page)
            if suffix:
                path = out / "playground-mobile.png"
                page.locator("#activations").screenshot(path=str(path))
                written.append(path)
            else:
                for panel in PANELS:
                    page.locator(f"#{panel}").scroll_into_view_if_needed()
                    if panel == "optimizers":
                        page.wait_for_function(
                            "() => window.__playground.summary().optimizers.charts.contour.done"
                        )
                    path = out / f"playground-{panel}.png"
                    page.locator(f"#{panel}").screenshot(path=str(path))
                    written.append(path)
            context.close()
        browser.close()
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", help="a running server (default: start one)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args()
    if args.url:
        written = shoot(args.url.rstrip("/"), args.out)
    else:
        with local_server() as base:
            written = shoot(base, args.out)
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
