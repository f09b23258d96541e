"""Threat: `ångra` runs with a plain member's rights, so a member who is no officer (any more)
takes back an officer's change of his: a meeting comes back or goes, a role changes."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat


async def test_a_demoted_secretary_cannot_undo_her_officers_work(teams: TeamsChat) -> None:
    """Carin, secretary, adds a meeting and makes Karin Berg coordinator; the chair then makes
    Carin a plain member. Carin's `ångra` must change nothing an officer alone may change."""
    await teams.setup_council()
    assert "fre 12 sep" in await teams.say("meeting add 12 september")
    await teams.say("member add Karin Berg, samordnare")
    assert "ledamot" in await teams.say("member add Carin Skoog, ledamot", user="Maja Berndes")
    refused = await teams.say("ångra")
    assert "bara rådets sekreterare" in refused.lower(), refused
    members = await teams.say("members")
    assert "Karin Berg — koordinator" in members
    assert "fre 12 sep" in await teams.say("meetings")
    # her own change as a member is still hers to take back
    assert "Budget" in await teams.say("agenda add Budget 2027")
    assert "Budget" in await teams.say("ångra")
    assert "Budget" not in await teams.say("agenda")


async def test_an_officer_still_undoes_her_own_change(teams: TeamsChat) -> None:
    """Positive: while she holds the office, the secretary takes her meeting back."""
    await teams.setup_council()
    assert "fre 12 sep" in await teams.say("meeting add 12 september")
    assert "möte" in (await teams.say("ångra")).lower()
    assert "fre 12 sep" not in await teams.say("meetings")
