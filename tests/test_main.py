"""service/main.py: the app's lifespan freezes the start-up objects out of the collector."""

from __future__ import annotations

import subprocess
import sys

import pytest

_SCRIPT = """
import gc, json
from fastapi.testclient import TestClient
from service.config import Settings
from service.main import create_app, freeze_startup_objects
before = gc.get_freeze_count()
with TestClient(create_app(Settings(gc_freeze={flag}))) as client:
    assert client.get("/healthz").status_code == 200
    during = gc.get_freeze_count()
with TestClient(create_app(Settings(gc_freeze={flag}))):
    again = gc.get_freeze_count()
print(json.dumps([before, during, again, freeze_startup_objects()]))
"""


@pytest.mark.parametrize("flag", [True, False])
def test_the_lifespan_freezes_the_start_up_objects_once(flag: bool) -> None:
    """In a fresh process: with GRADSERVE_GC_FREEZE (the default) the first app's start-up
        moves every object alive then out of the collector's reach (the freeze count goes from 0
        to the ~10^5 objects of the modules and the app), a second app does not freeze again (the
    count does not grow), and
        a later call reports that it was done; with the setting off nothing is frozen."""
    import json

    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(flag=flag)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    before, during, again, later = json.loads(out.stdout.strip().splitlines()[-1])
    assert before == 0
    if flag:
        # a second freeze would add the second app's objects; freed frozen objects leave
        assert during > 50_000 and again <= during and later is False
    else:
        assert during == again == 0 and later is True
