"""``notes`` keeps the minutes' decisions; ``beslut`` / ``decisions`` lists and searches them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.app import ENGINE
from dialogs.dates.writing import STOCKHOLM
from store.models import Decision, Meeting
from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat

MARCH = """Protokoll Samordningsråd Barn
Datum: 2025-03-05

§ 4 Ekonomi
Beslut: Rådet fastställer budgeten för 2025.

§ 5 Lokaler
Ärendet bordläggs.
"""

APRIL = """Protokoll Samordningsråd Barn
Datum: 2025-04-08

§ 12 Arbetsordning
Beslut:
att anta arbetsordningen
att uppdra åt kansliet att publicera den

§ 13 Budgetuppföljning
Kansliet redovisade utfallet. Mötet beslutar att lägga rapporten till handlingarna.
Åtgärd: Karin Berg tar fram en ny budgetprognos senast 30 maj.

§ 14 Övrigt
Kansliet tar fram ett beslutsunderlag om lokalerna. Beslut fattas vid nästa möte.
"""


async def _paste(teams: TeamsChat, minutes: str) -> str:
    return await teams.say("notes\n" + minutes)


async def test_decisions_saved_listed_searched_and_undone(teams: TeamsChat) -> None:
    """Decisions from two sets of minutes: previewed after the actions, saved with ``ok``,
    listed newest meeting first with their §, searched without regard to case or accents,
    and taken back with the actions by one ``ångra``."""
    await teams.setup_council()
    assert "Inga beslut är sparade ännu" in await teams.say("beslut")

    preview = await _paste(teams, MARCH)
    assert "Jag hittade 0 åtgärder, 2 beslut och 1 möte i anteckningarna" in preview
    # the minutes' own meeting, which the council did not have: no time written, none made up
    assert "1. Mötet självt: ons 5 mar" in preview and "tid ej angiven" in preview
    assert "2. Beslut: § 4 Rådet fastställer budgeten för 2025." in preview
    assert "3. Beslut: § 5 Ärendet bordläggs." in preview
    saved = await teams.say("ok")
    assert "0 åtgärder och 2 beslut är sparade" in saved and "1 möte är sparat" in saved

    preview = await _paste(teams, APRIL)
    # "att uppdra åt kansliet att …" is both a decision and an action for kansliet
    assert "Jag hittade 2 åtgärder, 3 beslut och 1 möte i anteckningarna" in preview
    assert "1. Mötet självt: tis 8 apr" in preview
    assert "2. Karin Berg: " in preview
    assert "3. kansliet (ej i rådet): Publicera den" in preview
    assert "4. Beslut: § 12 Anta arbetsordningen" in preview
    assert "5. Beslut: § 12 Uppdra åt kansliet att publicera den" in preview
    assert "6. Beslut: § 13 Lägga rapporten till handlingarna." in preview
    assert "beslutsunderlag" not in preview and "nästa möte" not in preview
    # the decisions are lines like the others: `5 bort` drops one
    assert "Beslut: § 12 Uppdra åt kansliet" not in await teams.say("5 bort")
    assert "2 åtgärder och 2 beslut är sparade" in await teams.say("ok")

    listing = await teams.say("beslut")
    assert "Beslut i SOR Barn (4)" in listing
    april, march = listing.index("Möte tis 8 apr"), listing.index("Möte ons 5 mar")
    assert april < march  # newest meeting first
    assert listing.index("§ 13 Lägga rapporten") < march
    assert listing.index("§ 4 Rådet fastställer budgeten") > march
    assert "Uppdra åt kansliet" not in listing

    found = await teams.say("beslut BUDGETEN")
    assert "Beslut om ”BUDGETEN” (1)" in found
    assert "§ 4 Rådet fastställer budgeten för 2025." in found
    assert "arbetsordningen" not in found
    assert "(1)" in await teams.say("decisions bordlaggs")  # accents do not matter
    assert "Inga beslut nämner det" in await teams.say("beslut skolskjuts")

    assert "Ångrat" in await teams.say("ångra")  # April's batch: its action and decisions
    after = await teams.say("beslut")
    assert "Beslut i SOR Barn (2)" in after
    assert "arbetsordningen" not in after and "Möte tis 8 apr" not in after
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")


async def test_decisions_capped_with_a_count(teams: TeamsChat) -> None:
    """A long record of decisions shows the newest 25 and says how many more there are."""
    await teams.setup_council()
    minutes = "Datum: 2025-04-08\n" + "\n".join(
        f"§ {n} Punkt {n}\nBeslut: Rådet godkänner punkt nummer {n}." for n in range(1, 31)
    )
    await _paste(teams, minutes)
    assert "0 åtgärder och 30 beslut är sparade" in await teams.say("ok")
    listing = await teams.say("beslut")
    assert "Beslut i SOR Barn (30)" in listing
    assert "… och 5 till" in listing
    assert listing.count("Rådet godkänner punkt nummer") == 25


async def test_decisions_in_english(teams: TeamsChat) -> None:
    """The list answers in English for an English speaker."""
    await teams.setup_council()
    await _paste(teams, MARCH)
    await teams.say("ok")
    await teams.say("lang en")
    listing = await teams.say("decisions")
    assert "Decisions in SOR Barn (2)" in listing
    assert "Meeting Wed 5 Mar" in listing


async def test_decisions_belong_to_the_minutes_meeting(teams: TeamsChat, clock: FakeClock) -> None:
    """Minutes of a meeting the council has saved: their decisions point at that meeting;
    minutes of a day without one save that meeting (as held, time not set) for them."""
    clock.set("2025-04-01 10:00")
    await teams.setup_council()
    await teams.say("meetings add\nTisdag 8 april kl 09.30")
    assert "1 möte är inlagt" in await teams.say("ok")
    clock.set("2025-04-09 10:00")
    await _paste(teams, APRIL)
    await teams.say("ok")
    await _paste(teams, MARCH)
    await teams.say("ok")
    async with teams.app[ENGINE].connect() as db:
        rows = (
            await db.execute(
                select(Decision.decided_on, Meeting.starts_at)
                .outerjoin(Meeting, Meeting.id == Decision.meeting_id)
                .order_by(Decision.number)
            )
        ).all()
    april = [r for r in rows if r.decided_on == date(2025, 4, 8)]
    march = [r for r in rows if r.decided_on == date(2025, 3, 5)]
    assert len(april) == 3 and len(march) == 2
    assert {r.starts_at.astimezone(STOCKHOLM).hour for r in april} == {9}  # the one added
    assert {r.starts_at.astimezone(STOCKHOLM).date() for r in march} == {date(2025, 3, 5)}
