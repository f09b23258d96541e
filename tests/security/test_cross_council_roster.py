"""Threat: a command in one council rewrites a person as another council sees them (the
e-mail that links chat accounts, their name, their links), by `member add`, `members add`
or `ångra`."""

from __future__ import annotations

from tests.fakes.connector import FakeConnector
from tests.fakes.slack_api import LARS, FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat
from tests.security.conftest import ADDRESS, email_of, slack_council

HIS = "19:lars-own@thread.tacv2"
MAJA = "maja.berndes@vgregion.se"


async def lars_council(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("council create Lars råd (LR)", user="Lars Gelander", channel=HIS)


async def test_member_add_in_another_council_cannot_change_the_chairs_email(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """Lars, secretary of his own council LR, writes `member add Maja Berndes, ordförande,
    someone@else.org` there, so that his account with that e-mail would become SOR Barn's chair."""
    await lars_council(teams)
    refused = await teams.say(
        "member add Maja Berndes, ordförande, someone@else.org", user="Lars Gelander", channel=HIS
    )
    assert "sitter också i SOR Barn" in refused
    assert "Carin Skoog (sekreterare)" in refused and "Maja Berndes (ordförande)" in refused
    assert not ADDRESS.search(refused)
    assert await email_of(teams.app, "Maja Berndes") == MAJA
    assert "Maja" not in await teams.say("members", user="Lars Gelander", channel=HIS)
    connector.set_member("29:someone", name="Someone", email="someone@else.org")
    activity = teams.activity("meeting add 12 september", user="Someone", user_id="29:someone")
    await teams.post(activity)
    [reply] = connector.take()
    assert "Jag vet inte vem du är" in reply["text"]


async def test_an_address_already_on_someone_else_is_refused(teams: TeamsChat) -> None:
    """Lars gives a new member of LR the chair's address, to link his account to that member
    (and split Maja's address between two people)."""
    await lars_council(teams)
    refused = await teams.say(
        f"member add Nisse Ny, ledamot, {MAJA.upper()}", user="Lars Gelander", channel=HIS
    )
    assert "står redan på en annan person" in refused
    assert "Carin Skoog (sekreterare)" in refused
    assert not ADDRESS.search(refused)
    assert "Nisse" not in await teams.say("members", user="Lars Gelander", channel=HIS)


async def test_a_pasted_roster_keeps_other_councils_addresses(teams: TeamsChat) -> None:
    """The same through `members add`: the paste is saved, but the lines that would change
    another council's person keep that person's address, and the reply names them."""
    await lars_council(teams)
    reply = await teams.say(
        "members add\nNisse Ny, nisse.ny@lars.example\n"
        "Maja Berndes, ordförande, evil@lars.example\nOlle Ny, " + MAJA,
        user="Lars Gelander",
        channel=HIS,
    )
    [note] = [line for line in reply.split("\n") if "E-postadressen sparades inte" in line]
    assert "Maja Berndes" in note and "Olle Ny" in note and "Nisse Ny" not in note
    assert not ADDRESS.search(reply)
    # Maja of LR is a person of her own now: SOR Barn's Maja keeps her address and account
    [separate] = [line for line in reply.split("\n") if "finns redan i ett annat råd" in line]
    assert "Maja Berndes" in separate and "Olle Ny" not in separate
    assert await email_of(teams.app, "Maja Berndes") == MAJA
    assert await email_of(teams.app, "Maja Berndes", "LR") is None
    assert await email_of(teams.app, "Nisse Ny", "LR") == "nisse.ny@lars.example"
    assert await email_of(teams.app, "Olle Ny", "LR") is None
    roster = await teams.say("members", user="Lars Gelander", channel=HIS)
    assert "Nisse Ny" in roster and "Olle Ny" in roster and "Maja Berndes" in roster


async def test_an_officer_sets_the_address_of_his_own_councils_member(teams: TeamsChat) -> None:
    """Positive: the secretary of the only council Karin sits in gives her an address."""
    await teams.setup_council()
    assert "Karin Berg är nu ledamot" in await teams.say(
        "member add Karin Berg, ledamot, Karin.Berg@vgregion.se"
    )
    assert await email_of(teams.app, "Karin Berg") == "karin.berg@vgregion.se"


async def test_undo_in_another_council_leaves_the_chair_alone(teams: TeamsChat) -> None:
    """Lars adds Maja to LR as secretary and takes it back with `ångra`: SOR Barn still sees
    her as its chair, with her address."""
    await lars_council(teams)
    await teams.say("member add Maja Berndes, sekreterare", user="Lars Gelander", channel=HIS)
    assert "Ångrat" in await teams.say("ångra", user="Lars Gelander", channel=HIS)
    assert "Maja" not in await teams.say("members", user="Lars Gelander", channel=HIS)
    assert "Maja Berndes — ordförande" in await teams.say("members")
    assert await email_of(teams.app, "Maja Berndes") == MAJA


async def test_slack_account_with_the_rewritten_address_is_not_the_chair(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    """On Slack: Lars tries to put his own address on SOR Barn's chair from his council, then
    writes from an account with that address."""
    await slack_council(slack)
    await slack.say("council create Lars råd (LR)", user=LARS, channel="C0LARS")
    refused = await slack.say(
        "member add Maja Berndes, ordförande, lars.alt@else.org", user=LARS, channel="C0LARS"
    )
    assert "sitter också i SOR Barn" in refused
    slack_api.add_user("U0LARSALT", "Lars Alt", email="lars.alt@else.org")
    assert "Jag vet inte vem du är" in await slack.say("meeting add 12 september", user="U0LARSALT")


async def test_a_person_prepared_in_another_council_is_not_adopted(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """Lars prepares "Nora Ny" in his council LR, with his own address and his second account
    linked, before SOR Barn's secretary adds Nora Ny as its chair."""
    await lars_council(teams)
    await teams.say(
        "member add Nora Ny, ledamot, lars.alt@lars.example", user="Lars Gelander", channel=HIS
    )
    linked = await teams.say(
        "member link Nora Ny <at>Lars Alt</at>",
        user="Lars Gelander",
        channel=HIS,
        mentions=(("29:lars-alt", "Lars Alt"),),
    )
    assert "Nora Ny är nu kopplad" in linked
    added = await teams.say("member add Nora Ny, ordförande")
    assert "Nora Ny är tillagd som ordförande" in added
    assert "finns redan i ett annat råd" in added
    assert await email_of(teams.app, "Nora Ny") is None
    refused = await teams.say("meeting add 12 september", user="Lars Alt")
    assert "inte i medlemslistan för SOR Barn" in refused
    connector.set_member("29:lars-mail", name="Lars Mail", email="lars.alt@lars.example")
    await teams.post(
        teams.activity("meeting add 12 september", user="Lars Mail", user_id="29:lars-mail")
    )
    [reply] = connector.take()
    assert "inte i medlemslistan för SOR Barn" in reply["text"]
    # the real Nora, with the address she has, is the chair
    connector.set_member("29:nora-ny", name="Nora Ny", email="nora.ny@vgregion.se")
    assert "Nora Ny är nu ordförande" in await teams.say(
        "member add Nora Ny, ordförande, nora.ny@vgregion.se"
    )
    assert "fre 12 sep" in await teams.say("meeting add 12 september", user="Nora Ny")


async def test_another_council_adds_the_chair_by_her_address(teams: TeamsChat) -> None:
    """Positive: Lars's council LR adds SOR Barn's chair with the address on file (so it is
    she, and nothing of hers changes); without it LR gets a namesake, and `ångra` plus the
    address fixes that."""
    await lars_council(teams)
    await teams.say("meeting add 12 september", user="Lars Gelander", channel=HIS)
    namesake = await teams.say("member add Maja Berndes", user="Lars Gelander", channel=HIS)
    assert "finns redan i ett annat råd" in namesake and "ångra" in namesake
    assert "inte i medlemslistan för LR" in await teams.say(
        "agenda add Budget", user="Maja Berndes", channel=HIS
    )
    assert "Ångrat" in await teams.say("ångra", user="Lars Gelander", channel=HIS)
    added = await teams.say(
        f"member add Maja Berndes, ledamot, {MAJA}", user="Lars Gelander", channel=HIS
    )
    assert "Maja Berndes är tillagd som ledamot" in added
    assert "finns redan" not in added
    assert "Budget" in await teams.say("agenda add Budget", user="Maja Berndes", channel=HIS)
    assert "Maja Berndes — ordförande" in await teams.say("members")
    assert await email_of(teams.app, "Maja Berndes", "LR") == MAJA
