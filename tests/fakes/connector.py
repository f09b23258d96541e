"""A fake Bot Connector: a local aiohttp server that records what the bot sends to Teams."""

from __future__ import annotations

import itertools
from ssl import SSLContext
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


class FakeConnector:
    """Answers the Bot Connector REST calls the bot makes, on a random localhost port."""

    def __init__(self, *, host: str = "127.0.0.1", ssl: SSLContext | None = None) -> None:
        self.activities: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.refused = 0
        self._ids = itertools.count(1)
        self._failures: list[tuple[int, str | None]] = []
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations", self._create_conversation)
        self._server = TestServer(app, host=host)
        self._ssl = ssl

    async def start(self) -> None:
        await self._server.start_server(ssl=self._ssl)

    async def stop(self) -> None:
        await self._server.close()

    @property
    def url(self) -> str:
        return str(self._server.make_url("/"))

    def fail_next(self, status: int, *, times: int = 1, retry_after: str | None = None) -> None:
        """Answer the next ``times`` sends with ``status`` (429, 503…), as a busy Teams would."""
        self._failures += [(status, retry_after)] * times

    def recover(self) -> None:
        """Answer normally again, whatever failures were still queued."""
        self._failures.clear()

    async def _send(self, request: web.Request) -> web.Response:
        if self._failures:
            status, retry_after = self._failures.pop(0)
            headers = {"Retry-After": retry_after} if retry_after else {}
            self.refused += 1
            return web.json_response(
                {"error": {"code": "Throttled"}}, status=status, headers=headers
            )
        body = await request.json()
        body["_conversation"] = request.match_info["conversation"]
        self.requests.append((request.method, request.path, dict(request.headers)))
        self.activities.append(body)
        return web.json_response({"id": f"activity-{next(self._ids)}"})

    async def _create_conversation(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path, dict(request.headers)))
        return web.json_response({"id": f"a:personal-{next(self._ids)}", "activityId": "1"})

    def take(self) -> list[dict[str, Any]]:
        """The activities received since the last call."""
        taken, self.activities = self.activities, []
        return taken
