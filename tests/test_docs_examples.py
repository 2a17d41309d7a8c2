"""Every curl example of the README and docs/ runs as shown: it answers without an error
(unless the answer it shows is one), and an answer shown in full is the answer, to the bit."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from service.main import create_app

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```(?:sh|bash|shell|console)\n(.*?)```", re.S)
HOST = "localhost:8000"


def _examples(path: Path) -> list[tuple[str, str | None]]:
    """(the curl command, the answer shown in the comment lines right after it, or None)."""
    found = []
    for block in BLOCK.findall(path.read_text()):
        lines = block.split("\n")
        i = 0
        while i < len(lines):
            command = lines[i].strip()
            if not command.startswith("curl "):
                i += 1
                continue
            # a trailing backslash, or a quote left open, continues the command
            while (command.endswith("\\") or command.count("'") % 2) and i + 1 < len(lines):
                i += 1
                if command.endswith("\\"):
                    command = command[:-1] + " " + lines[i].strip()
                else:
                    command += "\n" + lines[i]
            # an answer: comment lines right after, the first opening a JSON value
            shown: list[str] = []
            i += 1
            while i < len(lines) and lines[i].startswith("#"):
                text = lines[i][1:].strip()
                if not shown and text[:1] not in ("{", "["):
                    break
                shown.append(text)
                i += 1
            found.append((command, " ".join(shown) or None))
    return found


def _request(command: str) -> tuple[str, str, dict[str, str], bytes | None] | None:
    """(method, path with query, headers, body) of a curl command, or None when it is not a
    self-contained call of this service (a file upload, a shell variable, another host)."""
    if "$" in command or "@" in command.replace("@gradserve", ""):
        return None
    args = shlex.split(command)
    method, headers, body, url = None, {}, None, None
    it = iter(args[1:])
    for arg in it:
        if arg in ("-H", "--header"):
            key, _, value = next(it).partition(":")
            headers[key.strip()] = value.strip()
        elif arg in ("-d", "--data", "--data-raw", "--data-binary"):
            body = next(it).encode()
        elif arg in ("-X", "--request"):
            method = next(it)
        elif arg in ("-o", "--output", "-w", "--write-out"):
            next(it)
        elif not arg.startswith("-") and HOST in arg:
            url = arg
    if url is None:
        return None
    path = url.split(HOST, 1)[1] or "/"
    return method or ("POST" if body is not None else "GET"), path, headers, body


EXAMPLES = [
    pytest.param(command, shown, id=f"{path.name}:{n}")
    for path in DOCS
    for n, (command, shown) in enumerate(_examples(path))
    if _request(command) is not None
]


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


def test_the_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize(("command", "shown"), EXAMPLES)
def test_a_curl_example_runs_as_shown(client: TestClient, command: str, shown: str | None) -> None:
    request = _request(command)
    assert request is not None
    method, path, headers, body = request
    r = client.request(method, path, headers=headers, content=body)
    problem = shown is not None and shown.startswith('{"type":"urn:gradserve:problem')
    assert (r.status_code >= 400) == problem, (r.status_code, r.text[:300])
    if shown is None or "..." in shown or "…" in shown:
        return
    assert orjson.loads(r.content) == orjson.loads(shown)
