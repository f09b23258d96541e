"""Threat: a plain member takes the council's channel for a council of his own with
`council use`; relinking a linked channel needs an officer of the council it belongs to."""

from __future__ import annotations

from tests.fakes.slack_api import LARS, SlackChat
from tests.fakes.teams import TeamsChat
from tests.security.conftest import slack_council

HIS = "19:lars-own@thread.tacv2"


async def test_a_plain_member_cannot_move_the_channel_to_his_own_council(teams: TeamsChat) -> None:
    """Lars (a plain member of SOR Barn) creates council LR elsewhere, then runs
    `council use LR` in SOR Barn's channel."""
    await teams.setup_council()
    await teams.say("council create Lars råd (LR)", user="Lars Gelander", channel=HIS)
    refused = await teams.say("council use LR", user="Lars Gelander")
    assert "hör till SOR Barn" in refused
    assert "Carin Skoog (sekreterare)" in refused and "Maja Berndes (ordförande)" in refused
    assert "Medlemmar i Samordningsråd Barn" in await teams.say("members", user="Lars Gelander")
    # nor can a new council be created on top of it
    assert "redan kopplad till SOR Barn" in await teams.say(
        "council create Lars andra (LA)", user="Lars Gelander"
    )


async def test_relinking_needs_an_officer_of_both_councils(teams: TeamsChat) -> None:
    """Positive and negative: the secretary of SOR Barn, not a member of LR, cannot hand the
    channel to LR; an officer of both councils can move it."""
    await teams.setup_council()
    await teams.say("council create Lars råd (LR)", user="Lars Gelander", channel=HIS)
    assert "inte i medlemslistan för LR" in await teams.say("council use LR")
    await teams.say("council create Andra rådet (AR)", channel="19:ar@thread.tacv2")
    assert "kanalen är nu kopplad till AR" in await teams.say("council use AR")
    assert "Medlemmar i Andra rådet" in await teams.say("members")


async def test_slack_member_cannot_take_the_channel(slack: SlackChat) -> None:
    """The same attack on Slack, with `/radsbot council use LR` in the council's channel."""
    await slack_council(slack)
    await slack.say("council create Lars råd (LR)", user=LARS, channel="C0LARS")
    refused = await slack.say("council use LR", user=LARS)
    assert "hör till SOR Barn" in refused
    assert "Medlemmar i Samordningsråd Barn" in await slack.say("members", user=LARS)
