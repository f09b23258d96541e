"""Who is speaking in Teams: an unknown account is asked who it is, `jag är NAME` links an
account to a roster member, and an officer's place cannot be claimed that way.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from tests.fakes.teams import TeamsChat


async def test_unknown_sender_is_asked_to_say_who_they_are(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say("åtgärder mina", user="Okänd Person")
    assert "Jag vet inte vem du är" in text
    assert "jag är" in text


async def test_iam_links_an_account_whose_name_differs(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Jag vet inte vem du är" in await teams.say("åtgärder mina", user="lars.g")
    assert "du är Lars Gelander" in await teams.say("jag är lars gelander", user="lars.g")
    assert "inga öppna åtgärder" in await teams.say("åtgärder mina", user="lars.g")
    assert "redan kopplad till Lars Gelander" in await teams.say("iam Lars Gelander", user="lars.g")


async def test_iam_bad_input(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "ingen ”Nobody Here”" in await teams.say("iam Nobody Here", user="x")
    assert "Det saknas ett namn" in await teams.say("iam", user="x")
    # Lars has already been linked to his own account by his display name
    await teams.say("members", user="Lars Gelander")
    taken = await teams.say("iam Lars Gelander", user="imposter")
    assert "redan kopplad till ett annat konto" in taken


async def test_iam_cannot_claim_an_officer(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say("iam Maja Berndes", user="not maja")
    assert "kopplas inte med `jag är`" in text and "koppla medlem Maja Berndes @du" in text
    assert "Jag vet inte vem du är" in await teams.say("member add X Y", user="not maja")
