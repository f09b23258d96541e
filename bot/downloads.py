"""Fetching a file a person sent (Teams: a OneDrive/SharePoint link; Slack: its file host).

The bot fetches only from hosts it trusts for that platform, like the Bot Connector's
(``bot/trusted_hosts.py``): over https from the platform's file hosts when it is authenticated,
from a loopback address in local mode (tests, a developer's machine). Every redirect is checked
the same way, the size is bounded while reading, and the whole fetch has a time limit. A
failure is logged by its kind only: a download URL carries a token (SharePoint's ``tempauth``),
and Slack's needs the bot token in a header.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import aiohttp

from bot.documents import (
    MAX_FILE_BYTES,
    Document,
    DocumentRefused,
    Problem,
    check_kind,
    check_size,
    document_text,
    kind_of,
)
from bot.trusted_hosts import TrustedHosts
from dialogs.parser import parse
from dialogs.registry import Registry

log = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 3
#: Where Teams keeps files sent in a chat: the sender's OneDrive for Business (SharePoint),
#: in the commercial, government and national clouds.
TEAMS_FILE_HOSTS = (
    "*.sharepoint.com",
    "*.sharepoint.us",
    "*.sharepoint-mil.us",
    "*.sharepoint.de",
    "*.sharepoint.cn",
)
#: Where Slack serves ``url_private_download``.
SLACK_FILE_HOSTS = ("files.slack.com",)
_CHUNK = 64 * 1024


async def download(
    url: str,
    hosts: TrustedHosts,
    *,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
) -> bytes:
    """The file at ``url``; ``DocumentRefused`` with ``TOO_LARGE`` past ``max_bytes``, or
    ``DOWNLOAD_FAILED`` for an untrusted host, an HTTP error, a time-out or a broken
    connection. ``headers`` (a bearer token) go only to trusted hosts, redirects included."""
    try:
        async with (
            asyncio.timeout(timeout),
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as http,
        ):
            for _ in range(MAX_REDIRECTS + 1):
                if not hosts.allows(url):
                    log.warning("file download refused: the host is not trusted")
                    raise DocumentRefused(Problem.DOWNLOAD_FAILED)
                async with http.get(url, headers=headers, allow_redirects=False) as response:
                    if response.status in (301, 302, 303, 307, 308):
                        url = urljoin(url, response.headers.get("Location", ""))
                        continue
                    if response.status != 200:
                        log.warning("file download failed: HTTP %s", response.status)
                        raise DocumentRefused(Problem.DOWNLOAD_FAILED)
                    if response.content_length is not None:
                        check_size(response.content_length)
                    return await _body(response, max_bytes)
            log.warning("file download failed: too many redirects")
            raise DocumentRefused(Problem.DOWNLOAD_FAILED)
    except (TimeoutError, aiohttp.ClientError) as error:
        log.warning("file download failed: %s", type(error).__name__)
        raise DocumentRefused(Problem.DOWNLOAD_FAILED) from None


async def _body(response: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    """The body, read no further than one byte past ``max_bytes``."""
    data = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK):
        data += chunk
        if len(data) > max_bytes:
            raise DocumentRefused(Problem.TOO_LARGE)
    return bytes(data)


@dataclass(frozen=True)
class SentFile:
    """A file a person sent the bot: its name (which tells its kind), where to fetch it, and
    the size the platform announced."""

    name: str
    url: str
    size: int | None = None

    @classmethod
    def of(cls, name: object, url: str, file_type: object, size: object) -> SentFile:
        """From a platform's fields, each checked: a name that says no kind gets the
        platform's file type (``docx``) as its extension."""
        text = name if isinstance(name, str) else ""
        if kind_of(text) is None and isinstance(file_type, str):
            text = f"{text or 'fil'}.{file_type}"
        return cls(text, url, size if isinstance(size, int) else None)


async def sent_document_text(
    sent: SentFile, hosts: TrustedHosts, *, headers: Mapping[str, str] | None = None
) -> str:
    """The text of a file sent in a chat: its kind and announced size checked before it is
    fetched, parsed off the event loop; ``DocumentRefused`` says what went wrong."""
    check_kind(sent.name)
    if sent.size is not None:
        check_size(sent.size)
    data = await download(sent.url, hosts, headers=headers)
    return await asyncio.to_thread(document_text, Document(sent.name, data))


def command_for_file(said: str, registry: Registry) -> str:
    """The command a sent file is run as: what the message says when that is a command that
    takes a pasted block (``members add``), else ``notes``."""
    first_line = said.strip().split("\n", 1)[0]
    parsed = parse(first_line, registry) if first_line else None
    if parsed is not None and parsed.spec.paste and not parsed.args:
        return first_line
    return "notes"
