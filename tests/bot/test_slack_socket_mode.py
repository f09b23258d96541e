"""Slack without inbound HTTPS: the bot opens Socket Mode to a fake Slack on localhost,
acknowledges each envelope over the WebSocket and answers through the Web API."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.app import create_app
from bot.settings import Settings
from tests.conftest import FakeClock
from tests.fakes.radsbot_cli import RADSBOT, free_port, radsbot_env, read_banner, wait_until_healthy
from tests.fakes.slack_api import CARIN, TOKEN
from tests.fakes.slack_socket import APP_TOKEN, FakeSocketModeSlack
from tests.fixtures.slack_payloads import CHANNEL, app_mention, event_callback, slash_command


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
    return slash_command(
        text, user=CARIN, response_url=slack.new_response_url(), trigger_id="trigger-socket"
    )


def _mention(text: str, event_id: str) -> dict[str, Any]:
    return event_callback(app_mention(text, user=CARIN, ts="10.0001"), event_id=event_id)


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

        await slack.send("slash_commands", _command(slack, "meeting add 2099-09-11, Stationshuset"))
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
                assert (await response.json())["checks"]["slack"] == "ok (Socket Mode connected)"


async def test_not_ready_while_slack_refuses_the_app_token(
    migrated_sqlite_url: str, clock: FakeClock
) -> None:
    slack = FakeSocketModeSlack()
    async with (
        slack,
        _bot(migrated_sqlite_url, slack, clock, slack_app_token="xapp-1-revoked-token") as server,
        ClientSession() as http,
    ):
        async with http.get(server.make_url("/readyz")) as response:
            assert response.status == 503
            ready = await response.json()
        assert ready["checks"]["slack"].startswith("Socket Mode not connected")
        assert ready["checks"]["database"] == "ok"


async def test_serve_over_socket_mode_on_every_address(tmp_path: Path) -> None:
    """A Slack-only region behind a firewall: ``radsbot serve`` on 0.0.0.0 (for the health
    checks) with no signing secret; it connects out, and serves no unauthenticated Teams."""
    slack = FakeSocketModeSlack()
    async with slack:
        port = free_port()
        env = radsbot_env(
            f"sqlite+aiosqlite:///{tmp_path / 'socket.db'}",
            PORT=str(port),
            RADSBOT_HOST="0.0.0.0",
            RADSBOT_REMINDERS="false",
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_APP_TOKEN=APP_TOKEN,
            SLACK_API_URL=slack.api_url,
        )
        server = await asyncio.create_subprocess_exec(
            RADSBOT, "serve", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        try:
            assert server.stdout is not None
            banner = await asyncio.wait_for(read_banner(server.stdout), timeout=30)
            assert "Slack over Socket Mode (outbound only)" in banner
            assert "Teams off" in banner
            await slack.connected()
            async with ClientSession() as http:
                await wait_until_healthy(http, port)
                async with http.post(
                    f"http://127.0.0.1:{port}/api/messages", json={"type": "message"}
                ) as response:
                    assert response.status == 404
        finally:
            server.terminate()
            await server.wait()

    for changed, says in (
        ({"SLACK_APP_TOKEN": "xapp-1-revoked-token"}, "Slack refused to open a Socket Mode"),
        ({"SLACK_API_URL": "http://127.0.0.1:9/api/"}, "cannot reach Slack"),
    ):
        async with FakeSocketModeSlack() as other_slack:
            refused = await asyncio.create_subprocess_exec(
                RADSBOT,
                "serve",
                env=env
                | {"PORT": str(free_port()), "SLACK_API_URL": other_slack.api_url, **changed},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            out, err = await asyncio.wait_for(refused.communicate(), timeout=60)
        assert refused.returncode == 2, err
        *_, line = err.decode().splitlines()  # after alembic's "up to date" lines
        assert line.startswith("radsbot: SLACK_APP_TOKEN: " + says), line
        assert "Traceback" not in err.decode()
        assert "revoked-token" not in out.decode() + err.decode()
