"""deploy/compose.yaml and deploy/nginx.conf: the compose file against the Compose
Specification's JSON schema (vendored by check-jsonschema: `docker compose config` needs the
compose plugin, which this machine has not), the structure that matters, and `nginx -t` on the
nginx config as the failover test runs it."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from scripts import nginxconf
from service.config import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return doc


@pytest.fixture(scope="module")
def nginx_conf() -> str:
    return (DEPLOY / "nginx.conf").read_text()


def compose_schema() -> dict[str, Any]:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    schema: dict[str, Any] = json.loads((vendor / "compose-spec.json").read_text())
    return schema


def test_compose_file_matches_the_compose_spec(compose: dict[str, Any]) -> None:
    schema = compose_schema()
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    broken = {**compose, "services": {"gradserve": {"replica": 3}}}
    assert list(validator.iter_errors(broken)), "the schema must reject unknown keys"


def test_replicas_behind_nginx_with_health_checks(compose: dict[str, Any]) -> None:
    app, proxy = compose["services"]["gradserve"], compose["services"]["nginx"]
    assert app["deploy"]["replicas"] >= 2
    assert "/readyz" in " ".join(app["healthcheck"]["test"])
    assert "/healthz" in " ".join(proxy["healthcheck"]["test"])
    assert proxy["depends_on"]["gradserve"]["condition"] == "service_healthy"
    assert (DEPLOY / app["build"]["context"] / app["build"]["dockerfile"]).is_file()
    mounts = {v.split(":")[1]: v.split(":")[0] for v in proxy["volumes"]}
    assert (DEPLOY / mounts["/etc/nginx/nginx.conf"]).resolve() == DEPLOY / "nginx.conf"
    assert "8000" in app["expose"] and "ports" not in app  # reached through nginx only
    for svc in (app, proxy):
        assert svc["read_only"] is True and svc["cap_drop"] == ["ALL"]
        assert "no-new-privileges:true" in svc["security_opt"]
        assert not svc["user"].startswith("0")
        assert "/tmp" in svc["tmpfs"]
    env = app["environment"]
    assert env["GRADSERVE_HOST"] == "0.0.0.0" and env["GRADSERVE_PORT"] == "8000"


def _size(text: str) -> int:
    n, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", text).groups()  # type: ignore[union-attr]
    return int(n) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[unit.lower()]


def test_nginx_body_limit_matches_gradserve(compose: dict[str, Any], nginx_conf: str) -> None:
    (limit,) = re.findall(r"client_max_body_size (\w+);", nginx_conf)
    env = int(compose["services"]["gradserve"]["environment"]["GRADSERVE_MAX_BODY_BYTES"])
    assert _size(limit) == env == Settings().max_body_bytes
    assert f"the limit of {env} bytes" in nginx_conf  # nginx's own 413 says the same


def test_nginx_retries_every_request_on_another_replica(nginx_conf: str) -> None:
    assert re.search(
        r"proxy_next_upstream error timeout http_502 http_503 non_idempotent;", nginx_conf
    )
    assert re.search(r"upstream gradserve \{[^}]*keepalive \d+;", nginx_conf)
    assert (
        "proxy_http_version 1.1;" in nginx_conf and 'proxy_set_header Connection "";' in nginx_conf
    )
    for timeout in ("proxy_connect_timeout", "proxy_read_timeout", "proxy_send_timeout"):
        assert re.search(rf"{timeout} \d+s;", nginx_conf), timeout
    assert "proxy_set_header X-Request-ID $gradserve_request_id;" in nginx_conf


@pytest.mark.skipif(nginxconf.nginx_binary() is None, reason="nginx is not installed")
def test_nginx_accepts_the_config(tmp_path: Path) -> None:
    conf = nginxconf.write(["127.0.0.1:18001", "127.0.0.1:18002"], 18080, tmp_path / "nginx")
    result = nginxconf.check(conf)
    assert result.returncode == 0, result.stderr
    text = conf.read_text()
    assert "server 127.0.0.1:18001 max_fails=" in text and "/tmp/nginx" not in text
