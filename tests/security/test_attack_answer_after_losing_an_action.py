"""Threat: `flytta åtgärd N WHEN` with a date that has passed asks first ("har redan varit –
ska den stå kvar ändå?"), and the question is a member's (an owner may move their own
action), so its answer was taken without asking again whether the sender still may: Lars,
no longer the action's owner once the secretary gave it to Karin, moved Karin's deadline by
answering `behåll`; a secretary who lost her office did the same to anyone's action."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat

LARS = {"user": "Lars Gelander", "personal": True}


async def test_a_former_owner_cannot_move_the_action_by_answering(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("action Lars Gelander: Ring förvaltningen senast 30 maj")
    assert "har redan varit" in await teams.say("flytta åtgärd 1 1 april 2025", **LARS)
    assert "ansvariga: Karin Berg" in await teams.say("action owner 1 Karin Berg")
    answer = await teams.say("behåll", **LARS)
    assert "ny deadline" not in answer, answer
    listed = await teams.say("åtgärder")
    assert "senast fre 30 maj" in listed and "1 apr" not in listed, listed


async def test_an_owner_still_moves_his_action_by_answering(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("action Lars Gelander: Ring förvaltningen senast 30 maj")
    assert "har redan varit" in await teams.say("flytta åtgärd 1 1 april 2025", **LARS)
    assert "ny deadline" in await teams.say("behåll", **LARS)
    assert "senast tis 1 apr" in await teams.say("åtgärder")
