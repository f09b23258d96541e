"""What every fake chat service shares: an aiohttp app on a random localhost port."""

from __future__ import annotations

from ssl import SSLContext
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer


class LocalServer:
    """Serves ``app`` on a random port of ``host`` (https with ``ssl``) between ``start`` and
    ``stop``, or for the body of ``async with``."""

    def __init__(
        self, app: web.Application, *, host: str = "127.0.0.1", ssl: SSLContext | None = None
    ) -> None:
        self._server = TestServer(app, host=host)
        self._ssl = ssl

    async def start(self) -> None:
        await self._server.start_server(ssl=self._ssl)

    async def stop(self) -> None:
        await self._server.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()


async def get_link(
    server: TestServer, http: ClientSession, link: str
) -> tuple[int, bytes, dict[str, str]]:
    """GET a link the bot gave out (its path and query, on the app's local test server):
    status, body, headers."""
    parts = urlsplit(link)
    url = server.make_url(parts.path)
    if parts.query:
        url = url.with_query(parts.query)
    async with http.get(url) as response:
        return response.status, await response.read(), dict(response.headers)
