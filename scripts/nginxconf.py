"""deploy/nginx.conf made runnable here: Debian's nginx, unprivileged paths in a directory of
our own, the replicas on loopback ports (used by the failover test and the config test)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from scripts.serverproc import ROOT

DEPLOY_CONF = ROOT / "deploy" / "nginx.conf"
REPLICA_LINE = re.compile(r"^(\s*)server gradserve:8000( .*;)$", re.M)


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def render(replicas: list[str], port: int, workdir: Path) -> str:
    """deploy/nginx.conf with ``replicas`` (host:port) in place of ``gradserve:8000`` (same
    parameters), ``127.0.0.1:port`` in place of ``8080``, and ``workdir`` in place of /tmp,
    /dev/stdout (access.log) and /dev/stderr (error.log)."""
    text = DEPLOY_CONF.read_text()
    match = REPLICA_LINE.search(text)
    if match is None:
        raise ValueError("deploy/nginx.conf has no `server gradserve:8000 ...;` line")
    indent, params = match.group(1), match.group(2)
    servers = "\n".join(f"{indent}server {addr}{params}" for addr in replicas)
    text = text[: match.start()] + servers + text[match.end() :]
    text, n = re.subn(r"^(\s*)listen 8080;$", rf"\1listen 127.0.0.1:{port};", text, flags=re.M)
    if n != 1:
        raise ValueError("deploy/nginx.conf has no `listen 8080;` line")
    text = text.replace("/tmp/", f"{workdir}/")
    text = text.replace("/dev/stdout", str(workdir / "access.log"))
    return text.replace("/dev/stderr", str(workdir / "error.log"))


def write(replicas: list[str], port: int, workdir: Path) -> Path:
    """Write the rendered config into ``workdir`` (made traversable: when nginx starts as
    root its workers run as nobody and need the temporary directories)."""
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    conf = workdir / "nginx.conf"
    conf.write_text(render(replicas, port, workdir))
    return conf


def command(conf: Path, *extra: str) -> list[str]:
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    workdir = conf.parent
    return [binary, "-p", str(workdir), "-c", str(conf), "-e", str(workdir / "error.log"), *extra]


def check(conf: Path) -> subprocess.CompletedProcess[str]:
    """``nginx -t`` on a rendered config."""
    return subprocess.run(command(conf, "-t"), capture_output=True, text=True, timeout=30)
