"""Loopback ports for the servers that tests start themselves."""

import socket

import pytest


def free_port(ports: range) -> int:
    """The first port of `ports` nothing listens on; each suite passes its own range so that
    parallel runners on one machine do not meet."""
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {ports.start}-{ports.stop - 1}")
