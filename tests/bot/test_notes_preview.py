"""``notes`` gives one preview in sections — people, meetings, action items, decisions —
and ``ok 1-7, 9`` saves a choice of its lines (issue 13).

The minutes here are invented for these tests: a council that has never seen these people,
so the participant list proposes them, and the action items are owned by people of that list
before anyone is saved.
"""

from __future__ import annotations

from tests.fakes.teams import TeamsChat

MINUTES = """Minnesanteckningar arbetsgrupp äldre, Vårdsamverkan Fyrbodal
Datum: 2026-11-18

Närvarande
Ulla Bergsten, ordförande
Tomas Eklöf, Uddevalla kommun
Frånvarande
Saga Holmér, ledamot

1. Uppföljning
Action: Ulla Bergsten tar fram en tidplan senast 4 december.
Action: Tomas kontaktar primärvården om utskrivningarna.
Beslut: Arbetsgruppen antar handlingsplanen.
"""


async def _preview(teams: TeamsChat) -> str:
    await teams.setup_council()
    return await teams.say("notes\n" + MINUTES)


async def test_preview_in_sections(teams: TeamsChat) -> None:
    preview = await _preview(teams)
    assert (
        "Jag hittade 2 åtgärder, 1 beslut, 1 möte och 3 personer att lägga till eller ändra"
        in preview
    )
    assert "4. Mötet självt: ons 18 nov 2026, tid ej angiven" in preview
    people, actions, decisions = (
        preview.index("Personer (3)"),
        preview.index("Åtgärder (2)"),
        preview.index("Beslut (1)"),
    )
    assert people < actions < decisions
    assert "1. Ny: Ulla Bergsten, ordförande" in preview
    assert "2. Ny: Tomas Eklöf, ledamot — Uddevalla kommun" in preview
    assert "3. Ny: Saga Holmér, ledamot — frånvarande" in preview
    # owners found among the people of the list, before they are saved
    assert "5. Ulla Bergsten: Tar fram en tidplan" in preview
    assert "6. Tomas Eklöf: Kontaktar primärvården" in preview
    assert "7. Beslut: Arbetsgruppen antar handlingsplanen." in preview
    assert "**ok 1-7, 9**" in preview


async def test_ok_saves_everything_and_one_undo_takes_it_back(teams: TeamsChat) -> None:
    await _preview(teams)
    saved = await teams.say("ok")
    assert "2 åtgärder och 1 beslut är sparade" in saved
    assert "medlemslista är uppdaterad (3 personer)" in saved
    members = await teams.say("medlemmar")
    assert "Ulla Bergsten" in members and "Saga Holmér" in members
    mine = await teams.say("åtgärder Ulla Bergsten")
    assert "Tar fram en tidplan" in mine
    assert "Ångrat" in await teams.say("ångra")
    members = await teams.say("medlemmar")
    assert "Ulla Bergsten" not in members and "Tomas Eklöf" not in members
    assert "Carin Skoog" in members  # the roster from before is untouched
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")


async def test_ok_with_a_choice_saves_only_those_lines(teams: TeamsChat) -> None:
    await _preview(teams)
    saved = await teams.say("ok 1–2, 5")
    assert "1 åtgärd är sparad" in saved
    members = await teams.say("medlemmar")
    assert "Ulla Bergsten" in members and "Tomas Eklöf" in members
    assert "Saga Holmér" not in members
    listing = await teams.say("åtgärder")
    assert "Öppna åtgärder i SOR Barn (1)" in listing
    assert "Tar fram en tidplan" in listing and "Ulla Bergsten" in listing
    assert "Inga beslut är sparade ännu" in await teams.say("beslut")


async def test_an_owner_whose_person_is_not_chosen_stays_a_name(teams: TeamsChat) -> None:
    """Tomas was proposed as a new member; saving his action without him keeps the name as
    written (an owner outside the council), never someone else."""
    await _preview(teams)
    assert "1 åtgärd är sparad" in await teams.say("ok 6")
    listing = await teams.say("åtgärder")
    assert "Kontaktar primärvården" in listing
    assert "Tomas" in listing
    assert "Tomas Eklöf" not in await teams.say("medlemmar")


async def test_a_choice_out_of_range_or_garbled(teams: TeamsChat) -> None:
    await _preview(teams)
    wrong = await teams.say("ok 2, 9")
    assert "Det finns ingen rad 9; listan har 7." in wrong
    assert "`ok 1-7, 9`" in wrong
    # nothing was saved, and the preview still waits
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")
    await _preview_again(teams)
    assert "2 åtgärder och 1 beslut är sparade" in await teams.say("ok")


async def _preview_again(teams: TeamsChat) -> None:
    await teams.say("notes\n" + MINUTES)


async def test_struck_line_keeps_the_numbers_of_the_others_in_questions(
    teams: TeamsChat,
) -> None:
    """After ``ok 2, 5`` only those lines are left; a question still names line 5."""
    await teams.setup_council()
    await teams.say(
        "notes\nNärvarande\nKarin Lund, ordförande\nKarin Lindqvist\n\n"
        "Action: Karin ringer regionen senast 4 december.\n"
    )
    asked = await teams.say("ok 1, 2, 3")
    assert "Rad 3: Vem menar du med ”Karin”?" in asked
    assert "1 åtgärd är sparad" in await teams.say("1")


async def test_a_person_line_is_corrected_by_its_number(teams: TeamsChat) -> None:
    await _preview(teams)
    fixed = await teams.say("2 Tomas Eklöf, sekreterare")
    assert "2. Ny: Tomas Eklöf, sekreterare" in fixed
    assert "Rådets medlemslista är uppdaterad (3 personer)" in await teams.say("ok")
    assert "sekreterare" in await teams.say("medlemmar")


async def test_minutes_pasted_again_do_not_save_their_items_twice(teams: TeamsChat) -> None:
    await _preview(teams)
    assert "2 åtgärder och 1 beslut är sparade" in await teams.say("ok")
    again = await teams.say(
        "notes\n"
        + MINUTES.replace("tar fram en tidplan", "tar fram en tidplan.").replace(
            "Tomas kontaktar", "Tomas Eklöf kontaktar"
        )
    )
    assert "1. Ulla Bergsten: Tar fram en tidplan" in again
    assert "(finns redan som #1 – sparas bara om du väljer raden)" in again
    assert "(finns redan som #2 – sparas bara om du väljer raden)" in again
    assert "**ok 1, 3**" in again  # the example: the certain line and one uncertain
    assert "1 beslut är sparade" in await teams.say("ok")
    assert "Öppna åtgärder i SOR Barn (2)" in await teams.say("åtgärder")
    # chosen by number, it is saved again
    await teams.say("notes\n" + MINUTES)
    assert "1 åtgärd är sparad" in await teams.say("ok 1")
    assert "Öppna åtgärder i SOR Barn (3)" in await teams.say("åtgärder")
