"""Threat: an account claims a plain member's name (``iam``, or a display name) and waits for
that member to be made an officer, so as to hold the office. A link made on a name alone never
carries an officer's powers (but in the council that very account founded); the platform's
verified e-mail or an officer's ``member link`` does, and then the squatter is unlinked."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from bot.app import SESSIONS
from store.models import ChatIdentity, Council, LinkedBy, Person
from tests.fakes.connector import FakeConnector
from tests.fakes.slack_api import LARS, FakeSlackApi, SlackChat
from tests.fakes.teams import SOR_BARN_ROSTER, TeamsChat
from tests.fixtures.teams_activities import CHANNEL

WHO = "Jag vet inte vem du är"
UNVERIFIED = "bara genom ett namn"
MALLORY = "Mallory Evil"  # her directory e-mail is mallory.evil@vgregion.se, not Lars's
B_CHANNEL = "19:sor-b@thread.tacv2"


async def links_of(app: object, full_name: str) -> list[tuple[str, LinkedBy]]:
    """(account, how it was linked) of every chat account of the person of that name."""
    async with app[SESSIONS]() as session:  # type: ignore[index]
        rows = await session.execute(
            select(ChatIdentity.user_id, ChatIdentity.linked_by)
            .join(Person, Person.id == ChatIdentity.person_id)
            .where(Person.full_name == full_name)
            .order_by(ChatIdentity.user_id)
        )
        return [(user_id, linked_by) for user_id, linked_by in rows]


async def squat_lars(teams: TeamsChat) -> None:
    """SOR Barn, where Lars Gelander is a plain member; Mallory claims him first."""
    await teams.setup_council()
    assert "Lars Gelander" in await teams.say("iam Lars Gelander", user=MALLORY, personal=True)


async def make_lars_officer_by_member_add(teams: TeamsChat) -> str:
    await teams.say("member add Lars Gelander, ordförande")
    return CHANNEL


async def make_lars_officer_by_paste(teams: TeamsChat) -> str:
    await teams.say("members add\nLars Gelander, *koordinator*")
    return CHANNEL


async def make_lars_officer_by_undo(teams: TeamsChat) -> str:
    """Carin makes him chair, then a member, then takes the demotion back."""
    await teams.say("member add Lars Gelander, ordförande")
    await teams.say("member add Lars Gelander, ledamot")
    assert "Ångrat" in await teams.say("ångra")
    return CHANNEL


async def make_lars_officer_in_another_council(teams: TeamsChat) -> str:
    """Carin founds a second council and makes SOR Barn's Lars its chair."""
    await teams.say("council create SOR Barn B (SOR B)", channel=B_CHANNEL)
    await teams.say("member add Lars Gelander, ordförande", channel=B_CHANNEL)
    return B_CHANNEL


@pytest.mark.parametrize(
    "promote",
    [
        make_lars_officer_by_member_add,
        make_lars_officer_by_paste,
        make_lars_officer_by_undo,
        make_lars_officer_in_another_council,
    ],
)
async def test_a_squatter_gets_no_office_when_the_member_is_promoted(
    teams: TeamsChat, promote: object
) -> None:
    """Mallory says `iam Lars Gelander` while Lars is a plain member; the secretary then makes
    Lars an officer (one role, a pasted roster, an undo that restores the role, another
    council); Mallory tries officer commands in that council's channel."""
    await squat_lars(teams)
    channel = await promote(teams)  # type: ignore[operator]
    roster = await teams.say("members", channel=channel)
    assert "Lars Gelander — ordförande" in roster or "Lars Gelander — koordinator" in roster
    refused = await teams.say("member add Mallory Evil, sekreterare", user=MALLORY, channel=channel)
    assert UNVERIFIED in refused
    assert "koppla medlem Lars Gelander @" in refused and "e-post" in refused  # how to get linked
    assert UNVERIFIED in await teams.say("meeting add 12 september", user=MALLORY, channel=channel)
    assert "Mallory" not in await teams.say("members", channel=channel)
    assert "Inga kommande möten" in await teams.say("meetings", channel=channel)


async def test_the_real_member_with_his_verified_email_takes_his_office_and_the_squatter_goes(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """The real Lars arrives after Mallory claimed him and after he was made chair with his
    directory e-mail on the roster: his account is linked by that e-mail and Mallory's claim
    is dropped, with an entry in the log; the verified chair Maja is not affected."""
    await squat_lars(teams)
    await teams.say("member add Lars Gelander, ordförande, lars.gelander@vgregion.se")
    assert "fre 12 sep" in await teams.say("meeting add 12 september", user="Lars Gelander")
    assert await links_of(teams.app, "Lars Gelander") == [("aad-lars-gelander", LinkedBy.EMAIL)]
    assert WHO in await teams.say("actions mine", user=MALLORY, personal=True)
    assert "Lars Gelander" in await teams.say("iam Lars Gelander", user=MALLORY, personal=True)
    assert "Tack" not in await teams.say("iam Lars Gelander", user=MALLORY, personal=True)
    log = await teams.say("log")
    assert "tog bort konton kopplade bara genom namnet för person ”Lars Gelander”" in log
    connector.member_lookups.clear()
    assert "fre 19 sep" in await teams.say("meeting add 19 september", user="Maja Berndes")
    assert "fre 26 sep" in await teams.say("meeting add 26 september", user="Maja Berndes")
    assert connector.member_lookups == ["29:maja-berndes"]  # a verified officer costs no lookup


async def test_a_member_linked_by_his_name_is_proved_by_email_or_by_member_link(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """The real Lars, linked by his Teams display name as a plain member, is made chair: his
    own name is no proof either. Without an address on file he is told how to get linked; the
    secretary's `member link` gives him the office."""
    await teams.setup_council()
    assert "inga öppna åtgärder" in await teams.say("actions mine", user="Lars Gelander")
    assert await links_of(teams.app, "Lars Gelander") == [
        ("aad-lars-gelander", LinkedBy.DISPLAY_NAME)
    ]
    await teams.say("member add Lars Gelander, ordförande")
    refused = await teams.say("meeting add 12 september", user="Lars Gelander")
    assert UNVERIFIED in refused and "koppla medlem Lars Gelander @" in refused
    linked = await teams.say(
        "member link Lars Gelander <at>Lars Gelander</at>",
        mentions=(("29:lars-gelander", "Lars Gelander"),),
    )
    assert "Lars Gelander är nu kopplad" in linked
    assert "fre 12 sep" in await teams.say("meeting add 12 september", user="Lars Gelander")
    assert await links_of(teams.app, "Lars Gelander") == [
        ("aad-lars-gelander", LinkedBy.MEMBER_LINK)
    ]


async def test_an_officer_linked_by_name_is_proved_by_the_email_put_on_the_roster(
    teams: TeamsChat,
) -> None:
    """Lars (linked by his display name) is made chair with his directory e-mail on the
    roster: his next message proves his account, with no one's help."""
    await teams.setup_council()
    await teams.say("actions mine", user="Lars Gelander")
    await teams.say("member add Lars Gelander, ordförande, lars.gelander@vgregion.se")
    assert "fre 12 sep" in await teams.say("meeting add 12 september", user="Lars Gelander")
    assert await links_of(teams.app, "Lars Gelander") == [("aad-lars-gelander", LinkedBy.EMAIL)]


async def test_links_from_before_are_no_proof_until_the_platform_vouches(
    teams: TeamsChat,
) -> None:
    """Rows linked before links were recorded (the migration marks them 'legacy', and no
    council knows its founder) may come from the old `iam` hole: the chair, whose directory
    e-mail is on the roster, is proved on her next message; the secretary with no address on
    file is told how to get linked."""
    await teams.setup_council()
    await teams.say("meetings", user="Maja Berndes")
    async with teams.app[SESSIONS]() as session, session.begin():
        await session.execute(update(ChatIdentity).values(linked_by=LinkedBy.LEGACY))
        await session.execute(update(Council).values(founder_identity_id=None))
    assert "fre 12 sep" in await teams.say("meeting add 12 september", user="Maja Berndes")
    assert await links_of(teams.app, "Maja Berndes") == [("aad-maja-berndes", LinkedBy.EMAIL)]
    refused = await teams.say("meeting add 19 september")
    assert UNVERIFIED in refused and "koppla medlem Carin Skoog @" in refused
    assert "fre 19 sep" not in await teams.say("meetings")


async def test_slack_squatter_promoted_then_the_real_member_arrives(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    """On Slack (over /slack/events), Mallory's account without an e-mail claims Lars; Lars is
    made chair; Mallory's officer command is refused. The real Lars, whose Slack e-mail is the
    one on the roster, then gets the chair and Mallory is unlinked."""
    slack_api.add_user("U0MALLORY", "Mallory Evil")
    await slack.say("council create Samordningsråd Barn (SOR Barn)")
    await slack.say("members add\n" + SOR_BARN_ROSTER)
    assert "Lars Gelander" in await slack.say("iam Lars Gelander", user="U0MALLORY")
    await slack.say("member add Lars Gelander, ordförande, lars@sorbarn.example")
    refused = await slack.say("meeting add 12 september", user="U0MALLORY")
    assert UNVERIFIED in refused and "koppla medlem Lars Gelander @" in refused
    slack_api.add_user(LARS, "Lars Gelander", email="lars@sorbarn.example")
    assert "fre 12 sep" in await slack.say("meeting add 12 september", user=LARS)
    assert WHO in await slack.say("actions mine", user="U0MALLORY")
    assert await links_of(slack.app, "Lars Gelander") == [(LARS, LinkedBy.EMAIL)]


async def test_a_founders_own_office_does_not_travel_to_a_council_that_adopts_him(
    teams: TeamsChat,
) -> None:
    """ "Nora Nyström" founds a council of her own (her account made the person), then SOR Barn's
    secretary adds a Nora Nyström as chair, adopting that person by name: the founder's account
    is secretary of its own council, but no chair of SOR Barn."""
    await teams.setup_council()
    nora = "19:nora@thread.tacv2"
    assert "är skapat" in await teams.say(
        "council create Noras råd (NR)", user="Nora Nyström", channel=nora
    )
    assert "fre 12 sep" in await teams.say(
        "meeting add 12 september", user="Nora Nyström", channel=nora
    )
    await teams.say("member add Nora Nyström, ordförande")
    assert "Nora Nyström — ordförande" in await teams.say("members")
    refused = await teams.say("meeting add 19 september", user="Nora Nyström")
    assert UNVERIFIED in refused and "koppla medlem Nora Nyström @" in refused
    assert "Inga kommande möten" in await teams.say("meetings")
