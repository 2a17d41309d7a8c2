"""scripts/gen_clients.py itself: warnings are caught, and the one spec adaptation is narrow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scripts.gen_clients import _generate_python, generator_spec

NESTED = {
    "type": "array",
    "items": {"oneOf": [{"type": "number"}, {"$ref": "#/components/schemas/Nested"}]},
}


def _spec(nested: dict[str, Any]) -> dict[str, Any]:
    body = {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/Nested"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/f": {
                "post": {
                    "operationId": "evaluate",
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Body"}}
                        }
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {"schemas": {"Nested": nested, "Body": body}},
    }


def test_a_skipped_operation_is_reported(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_spec(NESTED)))
    warnings = _generate_python(tmp_path / "out", spec)  # without generator_spec()
    assert any("POST /f" in w and "will not be generated" in w for w in warnings), warnings
    assert any("Could not find reference" in w for w in warnings), warnings


def test_the_adaptation_cuts_only_a_self_referring_array(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_spec(NESTED)))
    adapted, notes = generator_spec(spec, tmp_path)
    assert len(notes) == 1 and notes[0].startswith("Nested:")
    doc = json.loads(adapted.read_text())
    assert doc["components"]["schemas"]["Nested"]["items"] == {
        "oneOf": [{"type": "number"}, {"type": "array", "items": {}}]
    }
    assert doc["components"]["schemas"]["Body"] == _spec(NESTED)["components"]["schemas"]["Body"]
    assert _generate_python(tmp_path / "out", adapted) == []


def test_the_adaptation_leaves_other_specs_alone(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_spec({"type": "array", "items": {"type": "number"}})))
    assert generator_spec(spec, tmp_path) == (spec, [])


def test_the_served_spec_needs_no_adaptation(tmp_path: Path) -> None:
    """The committed contract is taken by both generators as it is."""
    spec = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
    assert generator_spec(spec, tmp_path) == (spec, [])
