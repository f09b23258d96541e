"""Threat: an account makes itself an officer (secretary, chair, coordinator) by claiming the
name, by its display name, or through an officer of another council; officers are linked only
by the e-mail the platform vouches for, or by an officer of every council they sit in."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import SESSIONS
from store.models import ChatIdentity
from tests.fakes.connector import FakeConnector
from tests.fakes.slack_api import CARIN, FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat
from tests.security.conftest import slack_council

WHO = "Jag vet inte vem du är"


async def identities(app: object) -> int:
    async with app[SESSIONS]() as session:  # type: ignore[index]
        return int(await session.scalar(select(func.count()).select_from(ChatIdentity)) or 0)


async def test_a_new_account_cannot_claim_the_chair_in_a_personal_chat(teams: TeamsChat) -> None:
    """Mallory's brand-new account says `iam Maja Berndes` in a personal chat, then tries to
    make itself secretary in the council's channel."""
    await teams.setup_council()
    claimed = await teams.say("iam Maja Berndes", user="Mallory Evil", personal=True)
    assert "Tack" not in claimed
    assert "koppla medlem Maja Berndes @" in claimed  # how to get linked instead
    assert "e-post" in claimed
    refused = await teams.say("member add Mallory Evil, sekreterare", user="Mallory Evil")
    assert WHO in refused
    assert "Mallory" not in await teams.say("members")
    # the same in the channel
    assert "koppla medlem" in await teams.say("iam Maja Berndes", user="Mallory Evil")


async def test_a_teams_display_name_never_links_an_officer(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """A guest whose Teams display name is "Maja Berndes" (her directory e-mail is another)
    posts an officer's command in the channel."""
    await teams.setup_council()
    connector.set_member("29:guest-maja", name="Maja Berndes", email="maja@evil.example")
    activity = teams.activity(
        "meeting add 12 september", user="Maja Berndes", user_id="29:guest-maja"
    )
    assert await teams.post(activity) in (200, 201)
    [reply] = connector.take()
    assert WHO in reply["text"]
    assert "Inga kommande möten" in await teams.say("meetings")


async def test_the_chair_is_linked_by_her_verified_teams_email(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """Positive: the real Maja, whose directory e-mail is the one on the roster, is linked on
    her first message, and the roster API is asked only while she is unknown."""
    await teams.setup_council()
    assert connector.member_lookups == ["29:carin-skoog"]  # unknown when she created the council
    connector.member_lookups.clear()
    assert "fre 12 sep" in await teams.say("meeting add 12 september", user="Maja Berndes")
    await teams.say("meetings", user="Maja Berndes")
    await teams.say("meetings", user="Lars Gelander")  # a plain member: linked by his name
    await teams.say("meetings", user="Lars Gelander")
    assert connector.member_lookups == ["29:maja-berndes", "29:lars-gelander"]


async def test_a_plain_member_links_himself_with_iam(teams: TeamsChat) -> None:
    """Positive: an account whose name differs says which plain member it is; a second account
    cannot then claim the same member."""
    await teams.setup_council()
    assert "Tack! Jag vet nu att du är Karin Berg" in await teams.say(
        "iam Karin Berg", user="kb", personal=True
    )
    assert "inga öppna åtgärder" in await teams.say("åtgärder mina", user="kb")
    assert "redan kopplad till ett annat konto" in await teams.say(
        "iam Karin Berg", user="Someone Else", personal=True
    )


async def test_an_officer_links_a_member_by_mention(teams: TeamsChat) -> None:
    """Positive: the secretary links the chair's second account by @mention; a plain member
    cannot link anyone."""
    await teams.setup_council()
    linked = await teams.say(
        "member link Maja Berndes <at>Maja Privat</at>",
        mentions=(("29:maja-privat", "Maja Privat"),),
    )
    assert "Maja Berndes är nu kopplad" in linked
    assert "fre 12 sep" in await teams.say("meeting add 12 september", user="Maja Privat")
    refused = await teams.say(
        "member link Karin Berg <at>Lars Alt</at>",
        user="Lars Gelander",
        mentions=(("29:lars-alt", "Lars Alt"),),
    )
    assert "bara rådets sekreterare" in refused.lower()
    assert "koppla medlem Maja Berndes @" in await teams.say("member link Maja Berndes")


async def test_an_officer_of_his_own_council_cannot_link_another_councils_member(
    teams: TeamsChat,
) -> None:
    """Mallory creates council B, adds SOR Barn's chair and a plain member of SOR Barn to it,
    and links his second account to each; he also tries to move Carin's account to someone
    in B."""
    await teams.setup_council()
    mallory = "19:mallory@thread.tacv2"
    await teams.say("council create Mallorys råd (MR)", user="Mallory Evil", channel=mallory)
    # Karin Berg (no address, no account yet) is SOR Barn's Karin in MR too
    await teams.say("member add Karin Berg, ledamot", user="Mallory Evil", channel=mallory)
    refused = await teams.say(
        "member link Karin Berg <at>Mallory Alt</at>",
        user="Mallory Evil",
        channel=mallory,
        mentions=(("29:mallory-alt", "Mallory Alt"),),
    )
    assert "sitter också i SOR Barn" in refused
    assert "Carin Skoog (sekreterare)" in refused and "Maja Berndes (ordförande)" in refused
    assert WHO in await teams.say("actions mine", user="Mallory Alt")
    # Maja (known by her address) is not adopted: MR's "Maja Berndes" is a person of its own
    added = await teams.say(
        "member add Maja Berndes, ledamot", user="Mallory Evil", channel=mallory
    )
    assert "finns redan i ett annat råd" in added
    await teams.say(
        "member link Maja Berndes <at>Mallory Alt</at>",
        user="Mallory Evil",
        channel=mallory,
        mentions=(("29:mallory-alt", "Mallory Alt"),),
    )
    assert "inte i medlemslistan för SOR Barn" in await teams.say(
        "meeting add 12 september", user="Mallory Alt"
    )
    stolen = await teams.say(
        "member link Karin Berg <at>Carin Skoog</at>",
        user="Mallory Evil",
        channel=mallory,
        mentions=(("29:carin-skoog", "Carin Skoog"),),
    )
    assert "Carin Skoog" in stolen and "SOR Barn" in stolen
    assert "fre 12 sep" in await teams.say("meeting add 12 september")  # Carin is still Carin


async def test_slack_account_without_email_cannot_claim_the_chair(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    """A Slack account with no e-mail, renamed "Maja Berndes", says `iam Maja Berndes` in a
    direct message, then tries to add itself as secretary in the channel."""
    await slack_council(slack)
    slack_api.add_user("U0EVIL", "Maja Berndes")
    before = await identities(slack.app)
    claimed = (await slack.direct("iam Maja Berndes", user="U0EVIL"))["text"]
    assert "koppla medlem Maja Berndes @" in claimed
    refused = await slack.say("member add Evil, sekreterare", user="U0EVIL")
    assert WHO in refused
    assert await identities(slack.app) == before


async def test_slack_officer_linked_by_email_or_by_mention(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    """Positive: the chair's Slack account with her roster e-mail acts as chair; a second
    account without e-mail is linked by the secretary with `member link … <@U…>`."""
    await slack_council(slack)
    slack_api.add_user("U0MAJA", "Maja B", email="Maja.Berndes@vgregion.se")
    assert "fre 12 sep" in await slack.say("meeting add 12 september", user="U0MAJA")
    slack_api.add_user("U0MAJA2", "maja (mobil)")
    linked = await slack.say("member link Maja Berndes <@U0MAJA2>", user=CARIN)
    assert "Maja Berndes är nu kopplad" in linked
    assert "är inställt" in await slack.say("meeting cancel 1", user="U0MAJA2")
