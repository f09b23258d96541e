"""Threat: any account may claim a plain member who has no account on that platform yet, by
`iam NAME` (or, on Teams, by a display name, which another tenant's administrator sets as he
likes). Such a link carries no officer's powers, and is dropped when the real member's e-mail
links him; but it did carry the member's own data rights: Mallory, after `iam Karin Berg`,
got Karin's data page (her e-mail address, councils, chat accounts, nominations) with
`mina uppgifter`, and erased Karin for good with `glöm mig` and `ja` (her name, e-mail and
seats gone, which no `ångra` brings back). Seeing or erasing a person's data needs an
account linked by proof (the e-mail the platform vouches for, an officer's `member link`)."""

from __future__ import annotations

from tests.fakes.slack_api import FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat
from tests.security.conftest import slack_council

MALLORY = {"user": "Mallory Evil", "personal": True}
KARIN_EMAIL = "karin.berg@vgregion.se"  # what the fake Teams directory says of 29:karin-berg


async def test_a_name_claim_neither_reads_nor_erases_the_members_data(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say(f"member add Karin Berg, ledamot, {KARIN_EMAIL}")
    assert "Karin Berg" in await teams.say("iam Karin Berg", **MALLORY)
    data = await teams.say("mina uppgifter", **MALLORY)
    assert "/my-data/" not in data, data
    assert "bara genom ett namn" in data
    await teams.say("glöm mig", **MALLORY)
    await teams.say("ja", **MALLORY)
    assert "Karin Berg — ledamot" in await teams.say("members")


async def test_the_member_with_her_verified_email_reads_and_erases_her_data(
    teams: TeamsChat,
) -> None:
    """Karin herself, linked by the e-mail her directory vouches for, gets both."""
    await teams.setup_council()
    await teams.say(f"member add Karin Berg, ledamot, {KARIN_EMAIL}")
    karin = {"user": "Karin Berg", "personal": True}
    assert "/my-data/" in await teams.say("mina uppgifter", **karin)
    assert "glömmer dig" in await teams.say("glöm mig", **karin)
    assert "glömt dig" in await teams.say("ja", **karin)
    assert "Karin Berg" not in await teams.say("members")


async def test_a_member_linked_by_name_is_proved_when_he_asks_for_his_data(
    teams: TeamsChat,
) -> None:
    """Lars linked himself with `iam` before the secretary put his e-mail on the roster: his
    directory vouches for that address when he asks for his data, and he gets it."""
    await teams.setup_council()
    lars = {"user": "Lars Gelander", "user_id": "29:lars-gelander", "personal": True}
    assert "Hej Lars" in await teams.say("hej", **lars)  # linked by his display name
    await teams.say("member add Lars Gelander, ledamot, lars.gelander@vgregion.se")
    assert "/my-data/" in await teams.say("mina uppgifter", **lars)


async def test_a_slack_name_claim_cannot_erase_the_member(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await slack_council(slack)
    slack_api.add_user("U0MALLORY", "Mallory Evil")
    assert "Karin Berg" in await slack.say("iam Karin Berg", user="U0MALLORY")
    where = {"user": "U0MALLORY", "channel": "D0MALLORY", "channel_name": "directmessage"}
    assert "/my-data/" not in await slack.say("mina uppgifter", **where)
    await slack.say("glöm mig", **where)
    await slack.say("ja", **where)
    assert "Karin Berg" in await slack.say("members")
