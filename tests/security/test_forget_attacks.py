"""Threat: someone erases a person they have no say over (issue 18, point 2). Forgetting
wipes a person from every council they sit in, so only an officer of each of them may do
it: a member may not, nor an officer of one council for a person who also sits in another,
not even by asking while he may and answering once he may no longer."""

from __future__ import annotations

from tests.database_scan import places_holding
from tests.fakes.teams import TeamsChat

OTHER = "19:lars-own@thread.tacv2"


async def test_a_member_cannot_forget_someone_else(teams: TeamsChat) -> None:
    await teams.setup_council()
    refused = await teams.say("member forget Maja Berndes", user="Lars Gelander")
    assert "sekreterare, ordförande eller koordinator" in refused
    assert "Vill du" not in refused
    assert "glömd" not in await teams.say("ja", user="Lars Gelander")
    assert "Maja Berndes — ordförande" in await teams.say("members")
    assert await places_holding(teams.app, "maja.berndes@vgregion.se")


async def test_an_officer_here_cannot_forget_a_member_of_another_council(
    teams: TeamsChat,
) -> None:
    """Lars sits in SOR Barn (Carin is its secretary) and in his own council LR, where
    Carin is nobody: Carin may not erase him from LR's records."""
    await teams.setup_council()
    await teams.say("council create Lars råd (LR)", user="Lars Gelander", channel=OTHER)
    refused = await teams.say("medlem glöm Lars Gelander")
    assert "Lars Gelander sitter också i LR" in refused and "Vill du" not in refused
    assert "Lars Gelander" in await teams.say("members")
    assert "Lars Gelander" in await teams.say("members", user="Lars Gelander", channel=OTHER)


async def test_the_answer_is_checked_again_when_it_comes(teams: TeamsChat) -> None:
    """Carin asks while Lars sits only in SOR Barn; he founds LR before she says yes."""
    await teams.setup_council()
    assert "Vill du att jag glömmer Lars Gelander?" in await teams.say("medlem glöm Lars")
    await teams.say("council create Lars råd (LR)", user="Lars Gelander", channel=OTHER)
    refused = await teams.say("ja")
    assert "Lars Gelander sitter också i LR" in refused
    assert "Lars Gelander" in await teams.say("members", user="Lars Gelander", channel=OTHER)
    assert await places_holding(teams.app, "Lars Gelander")
