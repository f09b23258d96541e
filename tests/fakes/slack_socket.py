"""Slack's Socket Mode, faked on localhost: ``apps.connections.open`` hands out the address of
a local WebSocket, over which the test sends envelopes and reads the bot's acknowledgements."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes.slack_api import FakeSlackApi

APP_TOKEN = "xapp-1-A0RADSBOT-1-socket-token-for-tests"
WAIT_SECONDS = 5.0


class FakeSocketModeSlack(FakeSlackApi):
    """The fake Web API, plus ``apps.connections.open`` and the WebSocket it points to."""

    def __init__(self) -> None:
        super().__init__()
        self._server.app.router.add_get("/link", self._socket)
        #: the envelope ids the bot acknowledged, with the payload it sent back (if any)
        self.acks: list[dict[str, Any]] = []
        #: the Authorization header of every apps.connections.open
        self.opened: list[str] = []
        self._socket_ready = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._envelopes = itertools.count(1)

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] != "apps.connections.open":
            return await super()._api(request)
        authorization = request.headers.get("Authorization", "")
        self.opened.append(authorization)
        if authorization != f"Bearer {APP_TOKEN}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        url = str(self._server.make_url("/link")).replace("http://", "ws://", 1)
        return web.json_response({"ok": True, "url": f"{url}?ticket=t-{len(self.opened)}"})

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0RADSBOT"}}
        )
        self._ws = ws
        self._socket_ready.set()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.acks.append(json.loads(message.data))
        return ws

    async def connected(self) -> None:
        await asyncio.wait_for(self._socket_ready.wait(), WAIT_SECONDS)

    async def send(self, kind: str, payload: dict[str, Any], *, retry: int = 0) -> str:
        """Send one envelope (``events_api``, ``slash_commands``, ``interactive``); its id."""
        assert self._ws is not None, "the bot has not connected"
        envelope_id = f"env-{next(self._envelopes)}"
        await self._ws.send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": kind != "events_api",
                "retry_attempt": retry,
                "retry_reason": "timeout" if retry else "",
            }
        )
        return envelope_id

    async def ack_of(self, envelope_id: str) -> dict[str, Any]:
        """The bot's acknowledgement of an envelope (Slack wants it within 3 seconds)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            for ack in self.acks:
                if ack.get("envelope_id") == envelope_id:
                    return ack
            await asyncio.sleep(0.01)  # the bot answers from its own task
        raise AssertionError(f"no ack of {envelope_id}: {self.acks}")
