"""The socket guard (tests/socket_guard.py, installed by conftest.py for the whole run): a test
that reaches for the internet fails, naming the address; loopback still works."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests import socket_guard
from tests.socket_guard import InternetRefused

EXAMPLE_ADDRESS = "93.184.216.34"


@pytest.fixture
def listener() -> Iterator[int]:
    """A TCP server on 127.0.0.1 that accepts one connection after another; its port."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def accept() -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            client.close()

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


def test_a_connection_to_an_internet_address_fails_naming_it() -> None:
    with socket.socket() as sock, pytest.raises(InternetRefused, match="93.184.216.34:80"):
        sock.connect((EXAMPLE_ADDRESS, 80))
    with socket.socket() as sock, pytest.raises(InternetRefused, match="93.184.216.34:443"):
        sock.connect_ex((EXAMPLE_ADDRESS, 443))
    with pytest.raises(InternetRefused, match="93.184.216.34:80"):
        socket.create_connection((EXAMPLE_ADDRESS, 80), timeout=1)
    assert len(socket_guard.take_refused()) == 3  # refused, and kept for the end of the test


def test_a_host_name_on_the_internet_is_not_even_looked_up() -> None:
    with pytest.raises(InternetRefused, match="'example.com'"):
        socket.create_connection(("example.com", 80), timeout=1)
    with pytest.raises(InternetRefused, match="'example.com'"):
        socket.getaddrinfo("example.com", 443)
    with pytest.raises(InternetRefused, match="'example.com'"):
        socket.gethostbyname("example.com")
    assert len(socket_guard.take_refused()) == 3


async def test_an_http_client_is_refused_too() -> None:
    async with aiohttp.ClientSession() as http:
        with pytest.raises(InternetRefused, match="'example.com'"):
            await http.get("http://example.com/")
    [refused] = socket_guard.take_refused()
    assert "example.com" in refused


def test_a_refusal_the_code_swallowed_still_fails_the_test() -> None:
    try:
        socket.create_connection((EXAMPLE_ADDRESS, 80), timeout=1)
    except Exception:  # what a careless retry loop would do
        pass
    with pytest.raises(pytest.fail.Exception, match="93.184.216.34:80"):
        socket_guard.fail_if_refused()  # what conftest.py runs after each test


def test_loopback_still_works(listener: int, tmp_path: Path) -> None:
    with socket.create_connection(("127.0.0.1", listener), timeout=2):
        pass
    with socket.create_connection(("localhost", listener), timeout=2):
        pass
    with socket.socket() as sock:
        sock.connect(("127.0.0.1", listener))
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", listener)) == 0
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(str(tmp_path / "s"))
        server.listen()
        client.connect(str(tmp_path / "s"))
    assert socket.getaddrinfo("localhost", listener)
    assert socket_guard.take_refused() == []


def test_ipv6_loopback_still_works() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    with socket.socket(socket.AF_INET6) as server:
        try:
            server.bind(("::1", 0))
        except OSError:
            pytest.skip("no ::1 on this machine")
        server.listen()
        with socket.create_connection(("::1", server.getsockname()[1]), timeout=2):
            pass
    assert socket_guard.take_refused() == []
