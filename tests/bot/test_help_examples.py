"""``hjälp KOMMANDO`` through Teams: what the command does and two examples, in the person's
language with that language's words."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat

MEMBER = "Lars Gelander"


async def test_help_for_one_command_shows_two_examples(teams: TeamsChat) -> None:
    await teams.setup_council()
    swedish = await teams.say("hjälp nominera", user=MEMBER)
    assert "Till exempel:" in swedish
    assert "nominera RPT THS ordförande Anna Lundgren: leder RMR-arbetet" in swedish
    assert "nominera NAG Astma Per Holm" in swedish
    assert "Skriv så här" not in swedish
    english = await teams.say("help nominate", user=MEMBER, locale="en-GB")
    assert "For example:" in english
    assert "nominate RPT THS chair Anna Lundgren: leads the RMR work" in english
    assert "nominate NAG Asthma Per Holm" in english


async def test_a_pasted_example_shows_its_lines(teams: TeamsChat) -> None:
    await teams.setup_council()
    shown = await teams.say("hjälp medlemmar lägg till")
    assert "med raderna under: Carin Skoog, sekreterare · Lars Gelander" in shown
    assert "Bara för rådets sekreterare" in shown


async def test_usage_after_a_mistake_uses_swedish_words(teams: TeamsChat) -> None:
    await teams.setup_council()
    wrong = await teams.say("flytta möte", user="Carin Skoog")
    assert "flytta möte 3 19 september kl 09.30" in wrong
    assert "meeting move" not in wrong
