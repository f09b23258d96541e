"""Whom Slack's requests are trusted from: unsigned, forged and stale requests get 401 and
change nothing, Slack is off without its token and secret, no secret reaches the logs, an
account links by its e-mail, and a profile renamed to the chair's name gets no power.

The tests run on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.app import SESSIONS, create_app
from bot.settings import Settings
from store.models import ChatIdentity, ConversationRef, Council, Person
from tests.conftest import FakeClock
from tests.fakes.slack_api import (
    CARIN,
    CHANNEL,
    LARS,
    SIGNING_SECRET,
    TOKEN,
    FakeSlackApi,
    SlackChat,
)


async def count(slack: SlackChat, model: Any) -> int:
    async with slack.app[SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_unsigned_forged_and_stale_requests_get_401_and_change_nothing(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    body = slack.command_body("/radsbot", "council create Fejk (F)", user=CARIN)
    form = "application/x-www-form-urlencoded"
    now = slack.now()
    assert (await slack.post(body, form, secret=None))[0] == 401
    assert (await slack.post(body, form, secret="not-the-secret"))[0] == 401
    assert (await slack.post(body, form, timestamp=now - 6 * 60))[0] == 401  # older than 5 min
    assert (await slack.post(body, form, timestamp=now + 6 * 60))[0] == 401
    event = slack.event_body(
        {"type": "app_mention", "user": CARIN, "text": "hjälp", "channel": CHANNEL}
    )
    assert (await slack.post(event, "application/json", secret=None))[0] == 401
    async with slack.http.post(
        slack.server.make_url("/slack/events"),
        data=body,
        headers={"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"},
    ) as response:
        assert response.status == 401
    assert await count(slack, Council) == 0
    assert await count(slack, ConversationRef) == 0
    assert await count(slack, Person) == 0
    assert slack_api.calls == [] and slack_api.responses == [] and slack_api.posted == []


async def test_slack_is_off_without_its_token_and_secret(
    sqlite_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    # Only one of the two is a bad setting, refused at start-up (tests/security/test_bad_settings.py).
    app = create_app(Settings(database_url=sqlite_url, reminders_enabled=False), clock=clock)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        async with (
            ClientSession() as http,
            http.post(server.make_url("/slack/events"), data="x") as response,
        ):
            assert response.status == 404
    finally:
        await server.close()
    assert slack_api.calls == []


async def test_no_token_secret_or_request_body_in_the_logs(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await slack.setup_council()
    forged = slack.command_body("/radsbot", "members", user=CARIN)
    assert (await slack.post(forged, "application/x-www-form-urlencoded", secret="wrong"))[0] == 401
    await slack.say("meeting add 7 maj kl 13.00")
    slack_api.fail_next(429, retry_after="20")
    clock.set("2025-04-30 08:00")
    await slack.send_reminders(clock())
    assert slack_api.refused == 1
    logged = caplog.text
    for secret in (TOKEN, SIGNING_SECRET, "legacy-verification-token", "trigger-"):
        assert secret not in logged


async def test_an_account_is_linked_by_its_email(slack: SlackChat, slack_api: FakeSlackApi) -> None:
    await slack.setup_council()
    added = await slack.say("member add Lisa Ståleby, ledamot, Lisa.Staleby@vgregion.se")
    assert "Lisa Ståleby är nu ledamot" in added
    slack_api.add_user("U0LISA", "lisa s", email="lisa.staleby@vgregion.se")
    slack_api.add_user("U0STRANGER", "Someone Else", email="someone@example.org")
    mine = await slack.command("/actions", "mine", user="U0LISA")
    assert "Du har inga öppna åtgärder" in mine["text"]
    unknown = await slack.command("/actions", "mine", user="U0STRANGER")
    assert "Jag vet inte vem du är" in unknown["text"]
    assert "du är Karin Berg" in (await slack.say("iam Karin Berg", user="U0STRANGER"))


async def test_a_slack_profile_renamed_to_the_chair_gets_no_power(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await slack.setup_council()
    await slack.say("member add Maja Berndes, ordförande, maja.berndes@vgregion.se")
    await slack.say("meeting add fredag 12 september")
    # Anyone can call themselves "Maja Berndes" in Slack; the name alone links nothing.
    slack_api.add_user("U0EVIL", "Maja Berndes", email="evil@example.org")
    refused = await slack.command("/radsbot", "meeting cancel 1", user="U0EVIL")
    assert "Jag vet inte vem du är" in refused["text"]
    claimed = await slack.say("iam Maja Berndes", user="U0EVIL")
    assert "kopplas inte med `jag är`" in claimed and "e-postadressen" in claimed
    assert await count(slack, ChatIdentity) == 3  # Carin, Lars and Joanna only
    assert "fre 12 sep" in (await slack.command("/meetings", user=LARS))["text"]
    # The real Maja is known by the e-mail on the roster, and may cancel.
    slack_api.add_user("U0MAJA", "Maja B", email="Maja.Berndes@vgregion.se")
    cancelled = await slack.command("/radsbot", "meeting cancel 1", user="U0MAJA")
    assert "är inställt" in cancelled["text"]
