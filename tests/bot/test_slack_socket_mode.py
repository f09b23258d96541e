"""Slack without inbound HTTPS: the bot opens Socket Mode to a fake Slack on localhost,
acknowledges each envelope over the WebSocket and answers through the Web API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.app import create_app
from bot.settings import Settings, StartupError
from tests.conftest import FakeClock
from tests.fakes.slack_api import BOT_USER, CARIN, CHANNEL, TEAM, TOKEN
from tests.fakes.slack_socket import APP_TOKEN, FakeSocketModeSlack


@asynccontextmanager
async def _bot(
    url: str, slack: FakeSocketModeSlack, clock: FakeClock, **settings: Any
) -> AsyncIterator[TestServer]:
    settings.setdefault("slack_app_token", APP_TOKEN)
    app = create_app(
        Settings(
            database_url=url,
            reminders_enabled=False,
            slack_bot_token=TOKEN,
            slack_api_url=slack.api_url,
            **settings,
        ),
        clock=clock,
    )
    server = TestServer(app, host="127.0.0.1")
    try:
        await server.start_server()  # a failed start-up closes what it opened, too
        yield server
    finally:
        await server.close()


def _command(slack: FakeSocketModeSlack, text: str) -> dict[str, Any]:
    return {
        "team_id": TEAM,
        "channel_id": CHANNEL,
        "channel_name": "general",
        "user_id": CARIN,
        "command": "/radsbot",
        "text": text,
        "api_app_id": "A0RADSBOT",
        "response_url": slack.new_response_url(),
        "trigger_id": "trigger-socket",
    }


def _mention(text: str, event_id: str) -> dict[str, Any]:
    return {
        "team_id": TEAM,
        "api_app_id": "A0RADSBOT",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1,
        "event": {
            "type": "app_mention",
            "user": CARIN,
            "text": f"<@{BOT_USER}> {text}",
            "ts": "10.0001",
            "channel": CHANNEL,
            "event_ts": "10.0001",
        },
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }


async def test_commands_and_mentions_over_socket_mode(database_url: str, clock: FakeClock) -> None:
    slack = FakeSocketModeSlack()
    slack.add_user(CARIN, "Carin Skoog")
    async with slack, _bot(database_url, slack, clock) as server:
        await slack.connected()
        assert slack.opened == [f"Bearer {APP_TOKEN}"]  # the app-level token, only there
        envelope = await slack.send(
            "slash_commands", _command(slack, "council create Samordningsråd Barn (SOR Barn)")
        )
        assert (await slack.ack_of(envelope))["envelope_id"] == envelope
        [created] = await slack.wait_for(slack.responses, 1)
        assert "SOR Barn" in created["text"]
        assert created["response_type"] == "in_channel"

        await slack.send("slash_commands", _command(slack, "meeting add 2099-09-12, Stationshuset"))
        await slack.wait_for(slack.responses, 2)
        envelope = await slack.send("events_api", _mention("nästa möte", "EvSOCKET1"))
        await slack.ack_of(envelope)
        [answer] = await slack.wait_for(slack.posted, 1)
        assert answer["channel"] == CHANNEL
        assert "Stationshuset" in answer["text"]

        # Slack redelivers an event it thinks was missed: acknowledged, not run again.
        again = await slack.send("events_api", _mention("nästa möte", "EvSOCKET1"), retry=1)
        await slack.ack_of(again)
        await slack.send("slash_commands", _command(slack, "hjälp"))
        await slack.wait_for(slack.responses, 3)
        assert len(slack.posted) == 1

        async with ClientSession() as http:  # nothing comes in over HTTP
            async with http.post(server.make_url("/slack/events"), data=b"{}") as response:
                assert response.status == 404
            async with http.get(server.make_url("/readyz")) as response:
                assert response.status == 200


async def test_a_refused_app_token_ends_start_up_in_one_line(
    migrated_sqlite_url: str, clock: FakeClock
) -> None:
    slack = FakeSocketModeSlack()
    async with slack:
        try:
            async with _bot(
                migrated_sqlite_url, slack, clock, slack_app_token="xapp-1-revoked-token"
            ):
                raise AssertionError("started with a refused token")
        except StartupError as refused:
            assert "SLACK_APP_TOKEN" in str(refused) and "invalid_auth" in str(refused)
            assert "\n" not in str(refused)
