"""Threat (already blocked; kept as a guard): numbers name actions and meetings per council, so
a member of one council writes another council's number, from that council's channel or
naming it by its short name, or sends an officers' command as a button's value instead of
typing it."""

from __future__ import annotations

from tests.fakes.slack_api import LARS, SlackChat
from tests.fakes.teams import TeamsChat
from tests.security.conftest import slack_council

B_CHANNEL = "19:sor-b@thread.tacv2"


async def test_a_member_of_one_council_cannot_touch_anothers_action_by_number(
    teams: TeamsChat,
) -> None:
    """Lars sits in SOR Barn only; council SOR B has action 1 (Karin's). From B's channel
    and from his personal chat, naming B, he marks it done, moves and reopens it."""
    await teams.setup_council()
    await teams.say("council create SOR Barn B (SOR B)", channel=B_CHANNEL)
    await teams.say("member add Karin Berg, ledamot", channel=B_CHANNEL)
    await teams.say("action Karin Berg: Boka lokal senast 30 maj", channel=B_CHANNEL)
    for text, where in (
        ("klar 1", {"channel": B_CHANNEL}),
        ("flytta åtgärd 1 20 maj", {"channel": B_CHANNEL}),
        ("klar 1 SOR B", {"personal": True}),
        ("action delete 1", {"channel": B_CHANNEL}),
        ("meeting cancel 1", {"channel": B_CHANNEL}),
    ):
        answer = await teams.say(text, user="Lars Gelander", **where)
        assert "är klar" not in answer and "ny deadline" not in answer, (text, answer)
        assert "struken" not in answer and "inställt" not in answer, (text, answer)
    listed = await teams.say("åtgärder", channel=B_CHANNEL)
    assert "#1 Boka lokal" in listed and "senast fre 30 maj" in listed


async def test_an_officers_command_as_a_teams_button_value_is_still_an_officers(
    teams: TeamsChat,
) -> None:
    """A Teams Action.Submit carrying `action delete 1` from a plain member runs as if he had
    typed it: refused."""
    await teams.setup_council()
    await teams.say("action Karin Berg: Boka lokal senast 30 maj")
    activity = teams.activity("", user="Lars Gelander", value={"command": "action delete 1"})
    assert await teams.post(activity) in (200, 201)
    [reply] = teams.connector.take()
    assert "sekreterare, ordförande eller koordinator" in str(reply)
    assert "#1 Boka lokal" in await teams.say("åtgärder")


async def test_an_officers_command_as_a_slack_button_value_is_still_an_officers(
    slack: SlackChat,
) -> None:
    """The same with a Slack block action."""
    await slack_council(slack)
    await slack.say("action Karin Berg: Boka lokal senast 30 maj")
    pressed = await slack.press("action delete 1", user=LARS, action_id="radsbot_command_0")
    assert "sekreterare, ordförande eller koordinator" in pressed["text"]
    assert "#1 Boka lokal" in await slack.say("åtgärder")
