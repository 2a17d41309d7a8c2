"""Regenerate the generated clients from the committed openapi/openapi.json (`make clients`).

    python scripts/gen_clients.py                 # rewrite clients/python and the TS types
    python scripts/gen_clients.py --out DIR       # write to DIR/python, DIR/typescript instead
    python scripts/gen_clients.py --only python   # one of them
    python scripts/gen_clients.py --spec S --out DIR   # preview from another spec (never
                                                       # commit clients made that way)

- Python: openapi-python-client (config clients/python-config.yaml, setuptools metadata) into
  clients/python. Every operation must be generated: a generator warning (an endpoint or
  schema it skipped) makes the run fail unless --allow-warnings.
- TypeScript: openapi-typescript into clients/typescript/src/schema.ts, with the
  clients/typescript/node_modules toolchain (`npm ci` first when it is missing).

Both read the spec through `generator_spec()`, which changes one thing neither generator can
take: an array schema whose items refer to the array itself (the nested-list tensor). There the
inner level becomes "an array of any JSON" (openapi-typescript: TS2502 "referenced directly or
indirectly in its own type annotation", openapi-typescript issue #1603; openapi-python-client:
"Could not find reference in parsed models or enums" and every operation using it skipped).
The types stay a superset of the spec's; the step prints what it changed, and does nothing
once the spec has no such schema.

The spec is never exported here: `make openapi` owns openapi/openapi.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi" / "openapi.json"
CLIENTS = ROOT / "clients"
TS_DIR = CLIENTS / "typescript"
TS_SCHEMA = Path("src") / "schema.ts"
PY_CONFIG = CLIENTS / "python-config.yaml"
# openapi-typescript flags: a property with a `default` stays optional (it is optional in
# requests; without this flag every defaulted request field would be required).
TS_FLAGS = ["--default-non-nullable", "false"]
# what openapi-python-client leaves or pip adds that is not part of the generated client
IGNORED = {"__pycache__", ".ruff_cache", "build", "dist"}


def _bin_dir() -> Path:
    """The directory of this interpreter's scripts (openapi-python-client, ruff)."""
    return Path(sys.executable).parent


def _env() -> dict[str, str]:
    # the generator's post hooks call `ruff`: use the one installed beside it
    return {**os.environ, "PATH": f"{_bin_dir()}{os.pathsep}{os.environ.get('PATH', '')}"}


# a warning's headline: `WARNING parsing POST /v1/... Endpoint will not be generated.`,
# `Unable to process schema ...`, or any line saying something was skipped / could not be done
HEADLINE = re.compile(r"^(WARNING|ERROR)\b|^Unable to ")
SKIPPED = re.compile(r"skipped|could not|will not be generated", re.I)


def generator_warnings(output: str) -> list[str]:
    """The warnings openapi-python-client printed, each with its reason (the next line)."""
    lines = [line.strip() for line in output.splitlines()]
    found: list[str] = []
    i = 0
    while i < len(lines):
        text = lines[i]
        if HEADLINE.search(text) or SKIPPED.search(text):
            nxt = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j]), None)
            if nxt is not None and not HEADLINE.search(lines[nxt]) and lines[nxt][:1] != "{":
                text, i = f"{text} {lines[nxt]}", nxt
            found.append(re.sub(r" at 0x[0-9a-f]+", "", text))
        i += 1
    return found


def _self_ref(node: object, ref: str) -> bool:
    if isinstance(node, dict):
        return node.get("$ref") == ref or any(_self_ref(v, ref) for v in node.values())
    if isinstance(node, list):
        return any(_self_ref(v, ref) for v in node)
    return False


def _cut(node: object, ref: str) -> object:
    """`node` with each {"$ref": ref} replaced by an array of any JSON."""
    if isinstance(node, dict):
        if node.get("$ref") == ref:
            return {"type": "array", "items": {}}
        return {k: _cut(v, ref) for k, v in node.items()}
    if isinstance(node, list):
        return [_cut(v, ref) for v in node]
    return node


def generator_spec(spec: Path, workdir: Path) -> tuple[Path, list[str]]:
    """The spec as the generators get it (see the module doc), and what was changed."""
    doc = json.loads(spec.read_text(encoding="utf-8"))
    notes = []
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        ref = f"#/components/schemas/{name}"
        if schema.get("type") == "array" and _self_ref(schema.get("items"), ref):
            schema["items"] = _cut(schema["items"], ref)
            notes.append(
                f"{name}: an array whose items refer to {name} itself; neither generator takes"
                " that, so its inner level is generated as an array of any JSON"
            )
    if not notes:
        return spec, notes
    out = workdir / "openapi.generators.json"
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return out, notes


def generate_python(out: Path, spec: Path = SPEC) -> list[str]:
    """Write the Python client to `out` (replaced); return the generator's warnings."""
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory() as tmp:
        return _generate_python(out, generator_spec(spec, Path(tmp))[0])


def _generate_python(out: Path, spec: Path) -> list[str]:
    cmd = [
        str(_bin_dir() / "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--config",
        str(PY_CONFIG),
        "--meta",
        "setup",
        "--output-path",
        str(out),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), check=False)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 or not out.is_dir():
        raise RuntimeError(f"openapi-python-client failed ({proc.returncode}):\n{output}")
    for path in sorted(out.rglob("*"), reverse=True):
        if path.name in IGNORED and path.is_dir():
            shutil.rmtree(path)
    return generator_warnings(output)


def ensure_node_modules() -> None:
    """`npm ci` in clients/typescript unless its node_modules is there already."""
    if not (TS_DIR / "node_modules" / ".bin" / "openapi-typescript").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], cwd=TS_DIR, check=True
        )


def generate_typescript(out: Path, spec: Path = SPEC) -> None:
    """Write schema.ts under `out` (out/src/schema.ts)."""
    with tempfile.TemporaryDirectory() as tmp:
        _generate_typescript(out, generator_spec(spec, Path(tmp))[0])


def _generate_typescript(out: Path, spec: Path) -> None:
    ensure_node_modules()
    target = out / TS_SCHEMA
    target.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(TS_DIR / "node_modules" / ".bin" / "openapi-typescript"),
        str(spec),
        *TS_FLAGS,
        "--output",
        str(target),
    ]
    proc = subprocess.run(cmd, cwd=TS_DIR, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not target.is_file():
        raise RuntimeError(f"openapi-typescript failed ({proc.returncode}):\n{proc.stderr}")


def tree_files(root: Path) -> dict[str, bytes]:
    """Relative path -> content of a generated tree, without caches and pip's egg-info."""
    files = {}
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(p in IGNORED or p.endswith(".egg-info") for p in rel.parts):
            continue
        if path.is_file():
            files[rel.as_posix()] = path.read_bytes()
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write DIR/python and DIR/typescript instead")
    ap.add_argument("--only", choices=["python", "typescript"])
    ap.add_argument("--spec", type=Path, default=SPEC, help="another spec, for a preview")
    ap.add_argument("--allow-warnings", action="store_true", help="keep a partial client")
    args = ap.parse_args()
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for note in generator_spec(args.spec, Path(tmp))[1]:
            print(f"note: {note}", file=sys.stderr)
    if args.only in (None, "typescript"):
        ts_out = args.out / "typescript" if args.out else TS_DIR
        generate_typescript(ts_out, args.spec)
        print(f"wrote {ts_out / TS_SCHEMA}")
    if args.only in (None, "python"):
        py_out = args.out / "python" if args.out else CLIENTS / "python"
        py_out.parent.mkdir(parents=True, exist_ok=True)
        # generate beside the target, then swap, so a failed run leaves the old client
        with tempfile.TemporaryDirectory(dir=py_out.parent) as tmp:
            warnings = generate_python(Path(tmp) / "python", args.spec)
            if warnings and not args.allow_warnings:
                status = 1
            else:
                if py_out.exists():
                    shutil.rmtree(py_out)
                shutil.move(str(Path(tmp) / "python"), py_out)
                print(f"wrote {py_out}")
        for w in warnings:
            print(f"openapi-python-client: {w}", file=sys.stderr)
        if status:
            print(
                f"{len(warnings)} generator warning(s): the spec makes the Python client "
                "incomplete; nothing written (--allow-warnings writes it anyway)",
                file=sys.stderr,
            )
    return status


if __name__ == "__main__":
    sys.exit(main())
