"""Nothing in the suite reaches the internet: a connection to an address that is not this
machine's, or a look-up of a host name that is not local, raises ``InternetRefused``.

Installed for the whole run by ``tests/conftest.py``; each refusal is also kept, so that a test
whose code swallowed the error still fails at its end. Loopback (127.0.0.0/8, ::1,
``localhost``), this machine's own addresses (``own_address()``), 0.0.0.0 and unix sockets
stay open. It guards this process only: a subprocess (``radsbot serve``, Chromium) is not
wrapped, and is pointed at local fakes by its test.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import pytest

#: what the guard refused since the last ``take_refused()``
REFUSED: list[str] = []

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


class InternetRefused(RuntimeError):
    """A test tried to reach a host outside this machine. Not an OSError on purpose: code that
    handles network errors must not take it for one and carry on quietly."""


@cache
def own_address() -> str | None:
    """This machine's address on its network (not loopback), or None without one. Found by
    a UDP ``connect``, which sends no packet and only picks a route (made before the guard
    is installed, or with the real ``connect``)."""
    for target in ("10.255.255.255", "192.0.2.1", "198.51.100.1"):
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            _REAL_CONNECT(probe, (target, 9))
            address: str = probe.getsockname()[0]
            break
        except OSError:
            continue
        finally:
            probe.close()
    else:
        return None
    return None if address.startswith("127.") else address


def _local_name(host: str) -> bool:
    name = host.lower().rstrip(".")
    return name in LOCAL_NAMES or name.endswith(".localhost") or name == socket.gethostname()


def _local_address(host: str) -> bool:
    """Whether ``host`` (an address, or a name) stays on this machine; a name only when it is
    one of the local names (anything else would be looked up)."""
    try:
        address = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return _local_name(host)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified or str(address) == own_address()


def _refuse(what: str) -> InternetRefused:
    message = (
        f"the test suite never reaches the internet: {what} refused by tests/socket_guard.py "
        "(use a fake on 127.0.0.1)"
    )
    REFUSED.append(message)
    return InternetRefused(message)


def _check_connect(sock: socket.socket, address: Any) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return  # unix sockets and the like stay on this machine
    host, port = str(address[0]), address[1]
    if not _local_address(host):
        raise _refuse(f"a connection to {host}:{port}")


_REAL_CONNECT = socket.socket.connect
_REAL_CONNECT_EX = socket.socket.connect_ex
_REAL_GETADDRINFO = socket.getaddrinfo
_REAL_GETHOSTBYNAME = socket.gethostbyname


def _guarded_connect(sock: socket.socket, address: Any) -> None:
    _check_connect(sock, address)
    _REAL_CONNECT(sock, address)


def _guarded_connect_ex(sock: socket.socket, address: Any) -> int:
    _check_connect(sock, address)
    return _REAL_CONNECT_EX(sock, address)


def _name(host: str | bytes | None) -> str | None:
    return host.decode() if isinstance(host, bytes) else host


def _guarded_getaddrinfo(host: str | bytes | None, *args: Any, **kwargs: Any) -> Any:
    name = _name(host)
    if name is not None and not _local_address(name) and not _is_address(name):
        raise _refuse(f"a look-up of the host name {name!r}")
    return _REAL_GETADDRINFO(host, *args, **kwargs)


def _guarded_gethostbyname(host: str) -> str:
    if not _local_address(host) and not _is_address(host):
        raise _refuse(f"a look-up of the host name {host!r}")
    return _REAL_GETHOSTBYNAME(host)


def _is_address(host: str) -> bool:
    """An address literal: looking it up asks nobody (connecting to it is checked then)."""
    try:
        ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return False
    return True


@contextmanager
def installed() -> Iterator[None]:
    """The guard in place (``socket.create_connection`` goes through both wrapped calls)."""
    own_address()  # found with the real connect, once
    wrapped: list[tuple[Any, str, Callable[..., Any]]] = [
        (socket.socket, "connect", _guarded_connect),
        (socket.socket, "connect_ex", _guarded_connect_ex),
        (socket, "getaddrinfo", _guarded_getaddrinfo),
        (socket, "gethostbyname", _guarded_gethostbyname),
    ]
    with pytest.MonkeyPatch.context() as patch:
        for owner, name, guarded in wrapped:
            patch.setattr(owner, name, guarded)
        yield


def take_refused() -> list[str]:
    """What was refused since the last call, forgotten now."""
    taken = list(REFUSED)
    REFUSED.clear()
    return taken


def fail_if_refused() -> None:
    """Fail the current test if its code tried to reach the internet, even if it caught the
    error."""
    refused = take_refused()
    if refused:
        pytest.fail("\n".join(refused), pytrace=False)
