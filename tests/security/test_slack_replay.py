"""Replaying Slack's own requests: a correctly signed request sent again, byte for byte or as a
Slack retry, runs its command once, across restarts and across app instances that share one
database; once the signature's 5-minute window has passed, the copy is refused as stale.

Every request goes through the real ``/slack/events`` endpoint, signed as Slack signs it, with
the Slack Web API faked on localhost. What ran is counted in the database after the app has
shut down (and so finished every answer it acknowledged).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from bot.render_blocks import COMMAND_ACTION
from store.db import open_engine, session_factory
from store.models import Meeting, SlackSeen
from tests.conftest import FakeClock
from tests.fakes.slack_api import (
    SIGNING_SECRET,
    WAIT_SECONDS,
    FakeSlackApi,
    SlackChat,
    signature,
)
from tests.fixtures import slack_payloads
from tests.fixtures.slack_payloads import app_mention

CARIN = "U0CARIN"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    api = FakeSlackApi()
    api.add_user(CARIN, "Carin Skoog")
    async with api:
        yield api


async def rows(database_url: str, model: Any) -> int:
    """Rows of ``model``, read by an engine of its own (the apps may have shut down)."""
    engine = open_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            return int(await session.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        await engine.dispose()


async def with_a_council(database_url: str, api: FakeSlackApi, clock: FakeClock) -> None:
    """Carin creates a council for the channel, which makes her its secretary."""
    async with SlackChat.running(database_url, api, clock) as slack:
        assert "är skapat" in await slack.say("council create Samordningsråd Barn (SOR Barn)")


async def answers_sent(api: FakeSlackApi, count: int) -> None:
    """Wait until the bot has sent ``count`` answers (posts and response_url replies)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while len(api.posted) + len(api.responses) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert len(api.posted) + len(api.responses) == count


def meeting_add(slack: SlackChat, day: str) -> str:
    """A slash command that creates one meeting each time it runs."""
    return slack.command_body("/radsbot", f"meeting add {day}, Stationshuset", user=CARIN)


def mention_event(slack: SlackChat, text: str, *, event_id: str) -> str:
    """``@Rådsbot TEXT`` in the council's channel, as an Events API body."""
    return slack.event_body(app_mention(text, user=CARIN), event_id=event_id)


def button_press(slack: SlackChat, value: str) -> str:
    """A press on a button that runs ``value`` as a command."""
    payload = slack_payloads.button_press(
        value,
        user=CARIN,
        action_id=f"{COMMAND_ACTION}_1",
        response_url=slack.api.new_response_url(),
        trigger_id="trigger-press",
    )
    return urlencode({"payload": json.dumps(payload)})


async def test_a_replayed_slash_command_creates_one_meeting(
    database_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    """Attack: capture one signed `/radsbot meeting add …` and send it again three times
    within the 5-minute window; each copy would create another meeting."""
    await with_a_council(database_url, slack_api, clock)
    async with SlackChat.running(database_url, slack_api, clock) as slack:
        body, stamp = meeting_add(slack, "fredag 12 september"), slack.now()
        headers = {
            "Content-Type": FORM,
            "X-Slack-Request-Timestamp": str(stamp),
            "X-Slack-Signature": signature(SIGNING_SECRET, str(stamp), body),
        }
        answers = []
        for wait in (0, 0, 0, 0, 4 * 60):  # the last still within the 5-minute window
            clock.advance(seconds=wait)
            async with slack.http.post(
                slack.server.make_url("/slack/events"), data=body.encode(), headers=headers
            ) as response:
                answers.append(
                    (response.status, response.headers["Content-Type"], await response.text())
                )
        await slack_api.wait_for(slack_api.responses, 2)
    # Every copy got the very answer the first did: nothing tells the replayer it was caught.
    assert answers == [answers[0]] * 5 and answers[0][0] == 200 and answers[0][2] == ""
    assert await rows(database_url, Meeting) == 1
    assert [r["text"] for r in slack_api.responses[1:]] == [
        next(r["text"] for r in slack_api.responses[1:] if "Möte tillagt" in r["text"])
    ]


async def test_a_replayed_button_press_runs_once(
    database_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    """Attack: replay a signed button press (an interactive payload, which has no event id)
    whose value is a command that creates a meeting."""
    await with_a_council(database_url, slack_api, clock)
    async with SlackChat.running(database_url, slack_api, clock) as slack:
        body, stamp = button_press(slack, "meeting add fredag 12 september"), slack.now()
        for _ in range(3):
            assert await slack.post(body, FORM, timestamp=stamp) == (200, "")
    assert await rows(database_url, Meeting) == 1
    assert len(slack_api.responses) == 2  # the council's creation, and the one press


async def test_a_replay_after_a_restart_is_refused(
    database_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    """Attack: replay a signed slash command, and a Slack retry of a handled event, to a
    freshly restarted app on the same database (nothing kept in memory survives)."""
    await with_a_council(database_url, slack_api, clock)
    async with SlackChat.running(database_url, slack_api, clock) as slack:
        command, stamp = meeting_add(slack, "fredag 12 september"), slack.now()
        assert await slack.post(command, FORM, timestamp=stamp) == (200, "")
        await answers_sent(slack_api, 2)  # one change at a time in the council
        event = mention_event(slack, "meeting add fredag 19 september", event_id="EvHANDLED")
        assert (await slack.post(event, JSON))[0] == 200
        await slack_api.wait_for(slack_api.posted, 1)
    assert await rows(database_url, Meeting) == 2
    clock.advance(minutes=1)
    async with SlackChat.running(database_url, slack_api, clock) as restarted:
        assert await restarted.post(command, FORM, timestamp=stamp) == (200, "")
        retry = await restarted.post(event, JSON, headers={"X-Slack-Retry-Num": "1"})
        assert retry[0] == 200
    assert await rows(database_url, Meeting) == 2
    assert len(slack_api.posted) == 1


async def test_two_apps_on_one_database_run_a_request_once(
    database_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    """Attack: send the same signed request to two app instances sharing one database at the
    same moment (or Slack's retry of an event to the other instance), hoping both run it."""
    await with_a_council(database_url, slack_api, clock)
    # twenty working days (a meeting at a weekend is asked about before it is saved)
    days = [f"{day} september" for week in (1, 8, 15, 22) for day in range(week, week + 5)]
    answers = []
    async with (
        SlackChat.running(database_url, slack_api, clock) as one,
        SlackChat.running(database_url, slack_api, clock) as other,
    ):
        for n, day in enumerate(days):
            if n % 2:
                body, stamp = meeting_add(one, day), one.now()
                copies = [one.post(body, FORM, timestamp=stamp)]
                copies += [other.post(body, FORM, timestamp=stamp)]
            else:
                event = mention_event(one, f"meeting add {day}", event_id=f"EvRACE{n}")
                copies = [one.post(event, JSON)]
                copies += [other.post(event, JSON, timestamp=one.now() + 1)]  # a retry
            answers += await asyncio.gather(*copies)
            # One request at a time (both copies at once): two different meetings added at
            # the same moment are another matter than a request run twice.
            await answers_sent(slack_api, 1 + n + 1)
    assert {status for status, _ in answers} == {200}
    assert await rows(database_url, Meeting) == len(days)
    assert len(slack_api.posted) == len(days) // 2  # one answer per event
    assert len(slack_api.responses) == 1 + len(days) // 2  # the council's, one per command


async def test_slack_retries_of_an_event_run_it_once(
    database_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    """Attack (or Slack's own retries): the same event id delivered again with a new
    signature and timestamp and an X-Slack-Retry-Num header; each is answered 200, so Slack
    stops, and none runs the command again."""
    await with_a_council(database_url, slack_api, clock)
    async with SlackChat.running(database_url, slack_api, clock) as slack:
        event = mention_event(slack, "meeting add fredag 12 september", event_id="EvRETRIED")
        assert await slack.post(event, JSON) == (200, "")
        for retry, wait in ((1, 0.5), (2, 60), (3, 300)):  # Slack: at once, 1 min, 5 min
            clock.advance(seconds=wait)
            answer = await slack.post(event, JSON, headers={"X-Slack-Retry-Num": str(retry)})
            assert answer == (200, "")
        await slack_api.wait_for(slack_api.posted, 1)
    assert await rows(database_url, Meeting) == 1
    assert len(slack_api.posted) == 1 and "Möte tillagt" in slack_api.posted[0]["text"]


async def test_a_replay_after_the_window_is_refused_as_stale(
    database_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    """Attack: keep a signed slash command until its remembered signature has been purged
    (after the 5-minute window), then replay it; the signature's age check refuses it."""
    await with_a_council(database_url, slack_api, clock)
    async with SlackChat.running(database_url, slack_api, clock) as slack:
        body, stamp = meeting_add(slack, "fredag 12 september"), slack.now()
        assert await slack.post(body, FORM, timestamp=stamp) == (200, "")
        await answers_sent(slack_api, 2)
        clock.advance(hours=2)
        # Any new request purges what has expired: the first command's signature is gone.
        assert (await slack.post(meeting_add(slack, "fredag 19 september"), FORM))[0] == 200
        await answers_sent(slack_api, 3)
        assert await rows(database_url, SlackSeen) == 1
        assert (await slack.post(body, FORM, timestamp=stamp))[0] == 401
    assert await rows(database_url, Meeting) == 2
    assert len(slack_api.responses) == 3
