"""Listening sockets of the worker processes (``python -m service`` with GRADSERVE_WORKERS
> 1): one of each worker's own, bound with SO_REUSEPORT to the shared address."""

from __future__ import annotations

import socket
from typing import Any


def bind_reuse_port(host: str, port: int) -> socket.socket:
    """A TCP socket bound to (host, port) with SO_REUSEPORT (uvicorn listens on it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


class OwnSocket(list[socket.socket]):
    """The socket list uvicorn hands each worker process: empty here, and in the worker (it
    is pickled to it) a socket of the worker's own, bound with SO_REUSEPORT to the shared
    address. The kernel then spreads new connections evenly over the workers' sockets (a
    hash of each connection), where one shared socket lets whichever worker wakes first
    accept a whole burst (measured with wrk's 32 connections: 19/13, 30/2 and 26/6 between
    two workers). A worker that dies takes its socket with it; its replacement binds anew."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__()
        self.host, self.port = host, port

    def __reduce__(self) -> Any:
        return _own_socket, (self.host, self.port)


def _own_socket(host: str, port: int) -> list[socket.socket]:
    return [bind_reuse_port(host, port)]
