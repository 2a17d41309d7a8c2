"""Write openapi/openapi.json from the app (run by `make openapi`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.config import Settings  # noqa: E402
from service.main import create_app  # noqa: E402


def spec_text() -> str:
    spec = create_app(Settings()).openapi()
    return json.dumps(spec, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    out = ROOT / "openapi" / "openapi.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(spec_text(), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
