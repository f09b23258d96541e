"""Threat: a personal chat keeps the council chosen there with `council use`, and the
commands that only need a council (`members`, `nomineringar`, `åtgärder`, `dagordning`) read
it without asking whether the sender sits in it. So a member removed from the council went on
reading its roster, its open actions and every nomination with its motivation from his
personal chat; and on Slack, where a slash command also runs in a DM between two people, an
outsider read them in the DM where a member had chosen the council."""

from __future__ import annotations

from tests.fakes.slack_api import LARS, FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat
from tests.security.conftest import slack_council

BOB = "U0BOB"
SHARED_DM = {"channel": "D0LARSBOB", "channel_name": "directmessage"}
SECRET = "hemlig motivering"


async def test_a_removed_member_no_longer_reads_the_council_from_his_personal_chat(
    teams: TeamsChat,
) -> None:
    """Lars chose SOR Barn in his personal chat, nominated with a motivation, and was removed
    from the council; then he asks for its roster, nominations and actions there."""
    await teams.setup_council()
    await teams.say("nomination open RPT THS roles ordförande deadline 30 maj")
    await teams.say("action Karin Berg: Ta fram underlag senast 30 maj")
    lars = {"user": "Lars Gelander", "personal": True}
    assert "gäller nu SOR Barn" in await teams.say("council use SOR Barn", **lars)
    assert "nominerad" in await teams.say(
        f"nominera RPT THS ordförande Karin Berg: {SECRET}", **lars
    )
    assert "borttagen ur SOR Barn" in await teams.say("member remove Lars Gelander")
    for command in ("members", "nomineringar", "åtgärder", "dagordning"):
        answer = await teams.say(command, **lars)
        assert "Maja Berndes" not in answer, (command, answer)
        assert SECRET not in answer and "underlag" not in answer, (command, answer)
    # while a member of the council still reads it there
    assert SECRET in await teams.say("nomineringar", user="Karin Berg", personal=True)


async def test_an_outsider_reads_nothing_in_a_slack_dm_where_a_member_chose_the_council(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    """Lars runs `/radsbot council use SOR Barn` in his DM with Bob, who is in no council;
    then Bob runs `/radsbot members` and `/radsbot nomineringar` in that DM."""
    await slack_council(slack)
    slack_api.add_user(BOB, "Bob Utomstående")
    await slack.say("nomination open RPT THS roles ordförande deadline 30 maj")
    await slack.say(f"nominera RPT THS ordförande Karin Berg: {SECRET}", user=LARS)
    assert "gäller nu SOR Barn" in await slack.say("council use SOR Barn", user=LARS, **SHARED_DM)
    for command in ("members", "nomineringar", "åtgärder"):
        answer = await slack.say(command, user=BOB, **SHARED_DM)
        assert "Maja Berndes" not in answer and SECRET not in answer, (command, answer)
    # Lars himself still reads his council there
    assert SECRET in await slack.say("nomineringar", user=LARS, **SHARED_DM)
