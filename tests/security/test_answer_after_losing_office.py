"""Threat: an officer's open question (the preview of a paste, "which Karin?") is answered
with `ok`, a number or a name, and the answer saves with the rights of when it was asked, not
of the one answering now: a secretary made a plain member meanwhile still saves her batch."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat


async def test_a_demoted_secretary_cannot_confirm_her_pasted_meetings(teams: TeamsChat) -> None:
    """Carin pastes two meeting dates (a preview asks `ok`?); the chair makes her a plain
    member; she answers `ok`: the question is dropped, nothing is saved."""
    await teams.setup_council()
    preview = await teams.say("meetings add\nOnsdag 7 maj kl 09.30\nMåndag 13 oktober kl 09.30")
    assert "ok" in preview.lower()
    assert "ledamot" in await teams.say("member add Carin Skoog, ledamot", user="Maja Berndes")
    assert "möten är inlagda" not in await teams.say("ok")
    assert "Inga kommande möten" in await teams.say("meetings")
    # the question is gone: a later `ok` answers nothing either
    assert "möten är inlagda" not in await teams.say("ok")
    assert "Inga kommande möten" in await teams.say("meetings")


async def test_a_demoted_secretary_cannot_settle_which_owner(teams: TeamsChat) -> None:
    """Carin writes an action for "Karin" (two Karins: the bot asks which); she is made a
    plain member; her answer `1` must not save the action."""
    await teams.setup_council()
    asked = await teams.say("action Karin: Ringer förvaltningen")
    assert "Karin Andersson" in asked and "Karin Berg" in asked
    await teams.say("member add Carin Skoog, ledamot", user="Maja Berndes")
    assert "sparad" not in await teams.say("1")
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")


async def test_an_officer_still_answers_her_question(teams: TeamsChat) -> None:
    """Positive: the secretary, still secretary, confirms her paste with `ok`."""
    await teams.setup_council()
    await teams.say("meetings add\nOnsdag 7 maj kl 09.30\nMåndag 13 oktober kl 09.30")
    assert "2 möten är inlagda" in await teams.say("ok")
