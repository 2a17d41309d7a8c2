"""Each worker's own SO_REUSEPORT socket (service/sockets.py)."""

from __future__ import annotations

import pickle
import socket

import pytest

from service.sockets import OwnSocket, bind_reuse_port


def test_the_list_is_empty_here_and_a_bound_socket_in_the_worker() -> None:
    first = bind_reuse_port("127.0.0.1", 0)
    port = first.getsockname()[1]
    try:
        own = OwnSocket("127.0.0.1", port)
        assert list(own) == []  # the supervisor holds no socket
        [sock] = pickle.loads(pickle.dumps(own))  # what a spawned worker unpickles
        try:
            assert sock.getsockname() == ("127.0.0.1", port)
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
        finally:
            sock.close()
    finally:
        first.close()


def test_an_address_taken_without_reuse_port_is_refused() -> None:
    plain = socket.socket()
    plain.bind(("127.0.0.1", 0))
    plain.listen()
    try:
        with pytest.raises(OSError):
            bind_reuse_port("127.0.0.1", plain.getsockname()[1]).close()
    finally:
        plain.close()


def test_connections_spread_over_the_listening_sockets() -> None:
    """The kernel hashes each new connection to one of the group's listening sockets: with
    two of them and 64 connections, both get some (a shared socket would let one take all)."""
    a = bind_reuse_port("127.0.0.1", 0)
    port = a.getsockname()[1]
    b = bind_reuse_port("127.0.0.1", port)
    clients = []
    try:
        for s in (a, b):
            s.listen(128)
            s.setblocking(False)
        for _ in range(64):
            c = socket.create_connection(("127.0.0.1", port))
            clients.append(c)
        got = []
        for s in (a, b):
            n = 0
            while True:
                try:
                    conn, _ = s.accept()
                except BlockingIOError:
                    break
                conn.close()
                n += 1
            got.append(n)
        assert sum(got) == 64 and min(got) > 0, got
    finally:
        for c in clients:
            c.close()
        a.close()
        b.close()
