"""Failover (``make failover``; marker ``failover``, not in the default suite): two real
replicas behind Debian's nginx running deploy/nginx.conf, one killed with SIGKILL under load,
then restarted (scripts/failover.py)."""

from __future__ import annotations

import pytest

from scripts import nginxconf
from scripts.failover import render, run

pytestmark = [
    pytest.mark.failover,
    pytest.mark.e2e,
    pytest.mark.skipif(nginxconf.nginx_binary() is None, reason="nginx is not installed"),
]


@pytest.mark.timeout(180)
def test_a_killed_replica_costs_nothing_after_the_kill_and_rejoins() -> None:
    report = run(duration=20, kill_at=6, restart_at=10, clients=8)
    print(render(report))
    assert report.broken_rules() == [], render(report)
    assert report.sent_after_kill > 0 and report.failed_after_kill == 0
