"""Threat: Slack lets a slash command run in any direct message, also one between two people
(not with the bot). The bot took such a DM for the sender's personal chat with it, and kept
its reference up to date from whoever spoke there last: after Bob ran a command in his DM with
Lars, Lars's personal reminders (his actions, his deadlines) went to Bob."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.slack_api import LARS, FakeSlackApi, SlackChat
from tests.security.conftest import slack_council

BOB = "U0BOB"
SHARED_DM = "D0LARSBOB"


async def test_lars_reminders_never_go_to_the_other_person_of_a_shared_dm(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    """Lars uses `/radsbot` in his DM with Bob; then Bob (unknown to the bot) does too. Lars's
    deadline reminder must reach Lars, never Bob."""
    await slack_council(slack)
    slack_api.add_user(BOB, "Bob Utomstående")
    await slack.say("action Lars Gelander: Ring förvaltningen senast 30 maj")
    where = {"channel": SHARED_DM, "channel_name": "directmessage"}
    assert "Ring förvaltningen" in await slack.say("åtgärder mina", user=LARS, **where)
    await slack.say("hjälp", user=BOB, **where)
    before = len(slack_api.posted)
    for when in ("2025-05-26 08:00", "2025-05-29 08:00", "2025-05-30 08:00"):
        clock.set(when)
        await slack.send_reminders(clock())
    sent = [m for m in slack_api.posted[before:] if "Ring förvaltningen" in str(m)]
    assert sent, slack_api.posted[before:]
    assert all(m["channel"] != f"D-{BOB}" for m in sent), [m["channel"] for m in sent]
