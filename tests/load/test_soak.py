"""The soak (slow suite): the load of ``make load`` for GRADSERVE_SOAK_SECONDS (default 600)
against one real server, with the same rules: no failed request, RSS growth under 10 % from
after the warm-up to the end, exit 0 on SIGTERM, one access-log line per request."""

from __future__ import annotations

import os

import pytest

from scripts.load import render, run

SOAK_SECONDS = float(os.environ.get("GRADSERVE_SOAK_SECONDS", "600"))

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@pytest.mark.timeout(SOAK_SECONDS + 300)
def test_soak() -> None:
    report = run(duration=SOAK_SECONDS, users=64, warmup=20)
    print(render(report))
    assert report.broken_rules(max_rss_growth=0.10) == [], render(report)
    assert report.duration_s >= SOAK_SECONDS * 0.95
    for endpoint in report.endpoints:
        assert endpoint.requests > 0, endpoint.name
