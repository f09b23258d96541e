"""Slack over Socket Mode: the bot opens a WebSocket to Slack, so no inbound HTTPS is needed.

For regions whose firewall lets nothing in. ``SLACK_APP_TOKEN`` (an app-level ``xapp-…``
token with ``connections:write``) asks ``apps.connections.open`` for a WebSocket address;
Slack sends slash commands, events and button presses over it as envelopes, and each is
acknowledged over it (bolt's ack) before the answer goes out through the Web API, exactly
as over HTTP. The same bolt app and listeners serve both ways (``bot/slack.py``); an event
redelivered (Slack retries one not acknowledged in time) runs once, as over HTTP.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.logs import start_request
from bot.settings import Settings, StartupError
from bot.slack import SlackBot, slack_web_client

log = logging.getLogger(__name__)


async def check_app_token(settings: Settings) -> None:
    """Ask Slack once for a Socket Mode address, before the server starts: a refused token or
    an unreachable Slack ends start-up in one line (slack_sdk itself would retry forever)."""
    async with aiohttp.ClientSession() as http:
        client = slack_web_client(settings, http)
        await _open_connection(client, settings.slack_app_token.get_secret_value())


async def _open_connection(client: AsyncWebClient, app_token: str) -> str:
    try:
        answer = await client.apps_connections_open(app_token=app_token)
    except SlackApiError as error:
        data = error.response.data if isinstance(error.response.data, dict) else {}
        raise StartupError(
            f"SLACK_APP_TOKEN: Slack refused to open a Socket Mode connection "
            f"({data.get('error') or error.response.status_code}): check the app-level token, "
            "its scope connections:write, and that Socket Mode is on in the app's settings"
        ) from None
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        raise StartupError(
            f"SLACK_APP_TOKEN: cannot reach Slack to open Socket Mode ({type(error).__name__}): "
            "let this machine connect out to slack.com and wss-primary.slack.com on port 443"
        ) from None
    return str(answer["url"])


class _Handler(AsyncSocketModeHandler):
    """Bolt's Socket Mode handler, with a request id per envelope and the replay check."""

    def __init__(self, slack: SlackBot, app_token: str) -> None:
        super().__init__(slack.app, app_token, web_client=slack.client)
        self._slack = slack

    async def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]  # as bolt's own
        start_request()
        event_id = req.payload.get("event_id") if req.type == "events_api" else None
        if isinstance(event_id, str) and not await self._slack.first_event_sighting(event_id):
            log.info("Slack redelivered an event already taken in: not run again")
            await client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            return
        await super().handle(client, req)


class SlackSocket:
    """One Socket Mode connection for the app's lifetime, opened in the background (start-up
    does not wait for Slack; ``/readyz`` does) and renewed by slack_sdk when it drops."""

    def __init__(self, slack: SlackBot, app_token: str) -> None:
        self._handler = _Handler(slack, app_token)
        self._connecting: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._connecting = asyncio.create_task(self._connect())

    async def _connect(self) -> None:
        await self._handler.connect_async()
        log.info("Slack connected over Socket Mode")

    async def connected(self) -> bool:
        return bool(await self._handler.client.is_connected())

    async def close(self) -> None:
        await self._handler.close_async()
        if self._connecting is not None and not self._connecting.done():
            self._connecting.cancel()
