"""Reminders in Slack, through the same outbox and sender as on Teams: once in the channel
also after a 429, personal ones to a DM or naming the person, a channel the bot cannot post
to fails at once, a 5xx is retried.

The tests run on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import FakeClock
from tests.fakes.slack_api import CHANNEL, JOANNA, LARS, FakeSlackApi, SlackChat


async def test_a_reminder_reaches_the_channel_exactly_once_also_after_a_429(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    await slack.setup_council()
    await slack.say("meeting add 7 maj kl 13.00")
    before = len(slack_api.posted)
    slack_api.fail_next(429, retry_after="20")
    clock.set("2025-04-30 08:00")
    await slack.send_reminders(clock())
    assert slack_api.refused == 1 and len(slack_api.posted) == before
    clock.set("2025-04-30 08:00:10")  # Retry-After not yet passed
    await slack.send_reminders(clock())
    assert len(slack_api.posted) == before
    clock.set("2025-04-30 08:02")
    await slack.send_reminders(clock())
    [sent] = slack_api.posted[before:]
    assert sent["channel"] == CHANNEL
    assert "dags för dagordningen" in sent["text"]
    assert sent["blocks"]
    clock.set("2025-04-30 09:00")
    await slack.send_reminders(clock())
    assert len(slack_api.posted) == before + 1


async def test_personal_reminders_go_to_a_dm_or_name_the_person_in_the_channel(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    await slack.setup_council()
    await slack.direct("hjälp", user=JOANNA)  # Joanna has a DM with the bot
    await slack.mention("hjälp", user=LARS)  # Lars only speaks in the channel
    await slack.say("action Joanna, Lars, Karin Berg: Ta fram underlag senast fredag 16 maj")
    before = len(slack_api.posted)
    clock.set("2025-05-13 08:00")
    stats = await slack.send_reminders(clock())
    assert stats.sent == 3, stats
    sent = slack_api.posted[before:]
    by_channel: dict[str, list[dict[str, Any]]] = {}
    for message in sent:
        by_channel.setdefault(message["channel"], []).append(message)
    # Both linked members get it in their DM with the bot, which conversations.open finds or
    # opens: Lars too, though he never wrote to the bot directly.
    for user in (JOANNA, LARS):
        [personal] = by_channel[f"D-{user}"]
        assert "Ta fram underlag" in personal["text"]
        assert ("conversations.open", {"users": user}) in [(m, p) for m, p, _ in slack_api.calls]
    # Karin Berg has no Slack account the bot knows: she is named in the channel.
    [named] = by_channel[CHANNEL]
    assert named["text"].startswith("*Karin Berg*:")


async def test_a_channel_the_bot_cannot_post_to_fails_at_once(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    await slack.setup_council()
    await slack.say("meeting add 7 maj kl 13.00")
    slack_api.fail_next(200, error="not_in_channel")
    clock.set("2025-04-30 08:00")
    stats = await slack.send_reminders(clock())
    assert stats.failed == 1 and stats.retried == 0
    failed = await slack.say("reminders failed")
    assert "Slack not_in_channel" in failed


async def test_5xx_is_retried(slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock) -> None:
    await slack.setup_council()
    await slack.say("meeting add 7 maj kl 13.00")
    slack_api.fail_next(503)
    clock.set("2025-04-30 08:00")
    assert (await slack.send_reminders(clock())).retried == 1
    clock.set("2025-04-30 10:00")
    assert (await slack.send_reminders(clock())).sent == 1
