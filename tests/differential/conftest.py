"""The differential tests need torch: they run in .venv-torch (`make test-slow`).

Without torch (the project's own .venv, `make test`) nothing here is collected. At the end
of a run the examples and seconds per family and the disputes decided by a reference
(mpmath, or torch in float64 from the service's inputs) are printed, with their verdicts.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from typing import Any

collect_ignore_glob = [] if importlib.util.find_spec("torch") else ["*.py"]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    hp = sys.modules.get("tests.differential.highprec")
    if hp is None or not hp.RUNS:
        return
    tr = terminalreporter
    tr.section("differential test against torch")
    for fam, r in hp.RUNS.items():
        per = r["examples"] / max(r["functions"], 1)
        tr.write_line(
            f"{fam}: {r['functions']} functions, {r['examples']} examples "
            f"({per:.0f} per function), {r['seconds']:.0f} s"
        )
    tr.write_line(f"disputes decided by a reference: {len(hp.DISPUTES)}")
    seen: set[tuple[str, str, str]] = set()
    for d in hp.DISPUTES:
        key = (d["kind"], d["name"], d["verdict"])
        if key not in seen:
            seen.add(key)
            n = sum(1 for e in hp.DISPUTES if (e["kind"], e["name"], e["verdict"]) == key)
            tr.write_line(
                f"  {d['kind']} {d['name']} ({n}x, {d['verdict']}), e.g. {d['where']}: "
                f"service {d['service']} torch {d['torch']} reference {d['reference']}"
            )
    path = os.environ.get("GRADSERVE_DIFF_REPORT")
    if path:
        with open(path, "w") as f:
            json.dump({"runs": hp.RUNS, "disputes": hp.DISPUTES}, f, indent=1, default=str)
