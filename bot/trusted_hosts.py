"""Which hosts the bot may reach on a payload's word: a URL is checked against an allow-list.

A request names URLs (Teams' ``serviceUrl``, a sent file's ``downloadUrl``, Slack's
``url_private_download``); the bot goes there only when the host is one it trusts for that
purpose: over https and on the list when it is authenticated, a loopback address in local mode.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

_REMEMBERED_URL_CHARS = 300


class TrustedHosts:
    """https and a host matching ``patterns`` (``*.example.com`` or a whole name), or http(s)
    to a loopback address when ``local``; ``also`` names one more origin (scheme, host and
    port) that is trusted as it is (a configured API address, a fake one in tests)."""

    def __init__(self, patterns: tuple[str, ...], *, local: bool, also: str | None = None) -> None:
        self._patterns = patterns
        self._local = local
        self._also = _origin(also) if also else None
        # The same few service URLs come with every activity: each is judged once (a few
        # hundred, of an ordinary length: a flood of long made-up ones fills no memory).
        self._judged = lru_cache(maxsize=256)(self._judge)

    def allows(self, url: str | None) -> bool:
        if not isinstance(url, str):
            return False
        return self._judged(url) if len(url) <= _REMEMBERED_URL_CHARS else self._judge(url)

    def _judge(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            parts.port  # noqa: B018 -- raises ValueError on a malformed port
        except ValueError:
            return False
        if not host or parts.username is not None or parts.password is not None:
            return False
        if self._also is not None and _origin(url) == self._also:
            return True
        if self._local:
            return parts.scheme in ("http", "https") and is_loopback_address(host)
        return parts.scheme == "https" and any(host_matches(host, p) for p in self._patterns)


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme, (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", "", None


def is_loopback_address(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_matches(host: str, pattern: str) -> bool:
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return host == pattern
