"""Logs never carry secrets, e-mail addresses or names, not even at DEBUG with SQL echoed.

The threat: logs are read by more people than the roster (operators, log shippers, support
tickets). At DEBUG the database driver used to log every query's parameters (names, e-mail
addresses), and the Slack client every API body (users.info: name and e-mail). Two real
``radsbot serve`` processes at RADSBOT_LOG_LEVEL=DEBUG: one in local mode, with Slack and a
database password, logging JSON, sent a member's name and e-mail through /api/messages and
/slack/events; one with an app id and its password, logging text, sent a request without a
token.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from tests.conftest import POSTGRES_UP, fresh_postgres_database
from tests.fakes.connector import FakeConnector
from tests.fakes.radsbot_cli import RADSBOT, free_port, radsbot_env, wait_until_healthy
from tests.fakes.slack_api import SIGNING_SECRET, TOKEN, FakeSlackApi, signature
from tests.fakes.teams import message_text
from tests.fixtures.slack_payloads import slash_command
from tests.fixtures.teams_activities import message

NAME = "Petra Hemlig"
EMAIL = "petra.hemlig@example.org"
DB_PASSWORD = "pg-log-secret-77"
APP_PASSWORD = "app-log-secret-88"
WAIT_SECONDS = 30.0


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """PostgreSQL with a password in the URL where one runs (it trusts local users, so the
    password is accepted and unused), else a SQLite file."""
    if not POSTGRES_UP:
        yield f"sqlite+aiosqlite:///{tmp_path / 'logs.db'}"
        return
    with fresh_postgres_database() as url:
        yield url.replace("postgres@", f"postgres:{DB_PASSWORD}@", 1)


@asynccontextmanager
async def _serve(log: Path, database_url: str, **settings: str) -> AsyncIterator[int]:
    """A ``radsbot serve`` at DEBUG, everything it writes going to ``log``; yields its port."""
    port = free_port()
    env = radsbot_env(database_url, PORT=str(port), RADSBOT_LOG_LEVEL="DEBUG", **settings)
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            RADSBOT, "serve", env=env, cwd=log.parent, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        async with aiohttp.ClientSession() as http:
            await wait_until_healthy(http, port)
        yield port
    finally:
        process.terminate()
        await process.wait()


def _activity(connector: FakeConnector, text: str, number: int) -> dict[str, Any]:
    """A channel message to the bot, as Teams sends it."""
    return message(
        connector.url, text, id=str(1000 + number), user_id="29:carin", team_name="Loggrådet"
    )


async def _replies(connector: FakeConnector, count: int) -> list[str]:
    deadline = time.monotonic() + WAIT_SECONDS
    while len(connector.activities) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.02)  # the reply comes from another process
    return [message_text(activity) for activity in connector.activities]


async def _talk_in_local_mode(port: int, connector: FakeConnector, slack: FakeSlackApi) -> None:
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        for number, text in enumerate(
            ["council create Loggrådet (LR)", f"member add {NAME}, ledamot, {EMAIL}"]
        ):
            async with http.post(
                f"{base}/api/messages", json=_activity(connector, text, number)
            ) as response:
                assert response.status in (200, 201)
        replies = await _replies(connector, 2)
        assert len(replies) == 2 and NAME in replies[1], replies
        body = urlencode(
            slash_command(
                "actions mine",
                user="U0PETRA",
                channel="D0PETRA",
                channel_name="directmessage",
                response_url=slack.new_response_url(),
                trigger_id="trigger-logs",
            )
        )
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature(SIGNING_SECRET, stamp, body),
        }
        async with http.post(f"{base}/slack/events", data=body, headers=headers) as response:
            assert response.status == 200
        await slack.wait_for(slack.responses, 1)
    assert "users.info" in slack.methods()  # the Slack API answered with her name and e-mail


async def _knock_with_an_app_id(port: int) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"http://127.0.0.1:{port}/api/messages",
            data=json.dumps({"type": "message", "text": f"iam {NAME} {EMAIL}"}),
            headers={"Content-Type": "application/json"},  # and no token
        ) as response,
    ):
        assert response.status == 401


async def test_no_secret_email_or_name_in_debug_logs(tmp_path: Path, database_url: str) -> None:
    """The attack: read the operator's DEBUG logs (SQL echoed) for members' names and e-mail
    addresses, the Slack token and signing secret, the app password or the database password."""
    connector, slack = FakeConnector(), FakeSlackApi()
    await connector.start()
    await slack.start()
    slack.add_user("U0PETRA", NAME, email=EMAIL)
    local_log, app_log = tmp_path / "local.log", tmp_path / "app.log"
    slack_settings = {
        "RADSBOT_LOG_FORMAT": "json",
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
    }
    app_settings = {
        "MicrosoftAppId": "00000000-0000-0000-0000-0000000000c3",
        "MicrosoftAppPassword": APP_PASSWORD,
    }
    try:
        async with (
            _serve(local_log, database_url, **slack_settings) as local_port,
            _serve(
                app_log, f"sqlite+aiosqlite:///{tmp_path / 'app.db'}", **app_settings
            ) as app_port,
        ):
            await asyncio.gather(
                _talk_in_local_mode(local_port, connector, slack), _knock_with_an_app_id(app_port)
            )
    finally:
        await slack.stop()
        await connector.stop()
    logs = local_log.read_text(encoding="utf-8") + app_log.read_text(encoding="utf-8")
    assert " DEBUG " in app_log.read_text(encoding="utf-8")
    _one_turn_one_request_id(local_log)
    assert "INSERT INTO people" in logs  # the SQL is echoed: its parameters could have shown
    for never in (NAME, NAME.lower(), EMAIL, TOKEN, SIGNING_SECRET, DB_PASSWORD, APP_PASSWORD):
        assert never not in logs, never


def _one_turn_one_request_id(log: Path) -> None:
    """In JSON, every log line is one object, and the lines written while one turn (or one
    reminder run) was handled share its request id: the SQL of ``member add`` is not that of
    the Slack turn."""
    records = [
        json.loads(line)
        for line in log.read_text(encoding="utf-8").splitlines()
        if not line.startswith("Rådsbot listening on")  # the banner, on stdout
    ]
    assert records and all(r["level"] in ("DEBUG", "INFO", "WARNING") for r in records)
    assert all(r["time"].endswith("+00:00") for r in records)
    insert = next(r for r in records if "INSERT INTO people" in r["message"])
    turn = [r for r in records if r["request_id"] == insert["request_id"]]
    assert insert["request_id"] != "-" and len(turn) >= 5
    assert any(r["message"] == "COMMIT" for r in turn)
    slack_turn = next(r for r in records if "INSERT INTO slack_seen" in r["message"])
    assert slack_turn["request_id"] not in ("-", insert["request_id"])
    # the reminder loop's runs have ids of their own too
    assert any(
        r["request_id"].startswith("reminders-") and "FROM reminders" in r["message"]
        for r in records
    )
