"""``notes``: the minutes' own meeting and the coming ones, previewed and saved on ``ok``
through the real Teams endpoint; a meeting without a time says so everywhere."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.app import ENGINE
from store.models import Meeting, MeetingStatus, PendingPrompt
from tests.conftest import STOCKHOLM, FakeClock
from tests.fakes.teams import TeamsChat, message_text

MINUTES = """Minnesanteckningar Samordningsråd Barn
Datum: 2026-10-14
Tid: 09.00–12.00
Plats: Regionens hus

§ 3 Verksamhetsplan
Beslut: Rådet antar verksamhetsplanen för 2027.
Action: Maja Berndes bokar lokal för vårens möten senast 30 november.

§ 4 Kommande möten
Kommande möten: 18/11 (Teams), 9/12 (Borås), 20/1 (Teams), samtliga kl. 13–15.
Nästa möte därefter blir 17/2, tid meddelas senare.
"""


async def _meetings_in_db(teams: TeamsChat) -> list[Meeting]:
    async with teams.app[ENGINE].connect() as db:
        rows = await db.execute(select(Meeting).order_by(Meeting.starts_at))
        return list(rows.all())  # type: ignore[arg-type]


async def test_meetings_of_minutes_previewed_and_saved(teams: TeamsChat, clock: FakeClock) -> None:
    clock.set("2026-11-25 10:00")  # the minutes are six weeks old: 18 November is past
    await teams.setup_council()
    await teams.say("meeting add 9 december kl 13-15, Borås")
    preview = await teams.say("notes\n" + MINUTES)
    assert "Jag hittade 1 åtgärd, 1 beslut och 5 möten i anteckningarna" in preview
    assert "6. Maja Berndes: Bokar lokal" in preview
    assert "1. Mötet självt: ons 14 okt kl. 09.00–12.00, Regionens hus" in preview
    assert "2. Möte ons 18 nov kl. 13.00–15.00, Teams" in preview
    assert "har redan varit – sparas bara om du väljer det" in preview
    assert "3. Möte ons 9 dec kl. 13.00–15.00, Borås" in preview and "finns redan" in preview
    assert "4. Möte ons 20 jan 2027 kl. 13.00–15.00, Teams" in preview
    assert "5. Möte ons 17 feb 2027, tid ej angiven" in preview  # never 09.30–15.30
    assert "7. Beslut: § 3 Rådet antar verksamhetsplanen" in preview
    # the coming meetings' starts go with the drafts, for "till nästa möte"
    async with teams.app[ENGINE].connect() as db:
        payload = (await db.execute(select(PendingPrompt.payload))).scalar_one()
    assert payload["kept"]["meta"]["coming"][1:] == [
        "2026-12-09T13:00:00+01:00",
        "2027-01-20T13:00:00+01:00",
        "2027-02-17T00:00:00+01:00",
    ]

    saved = await teams.say("ok")
    assert "1 åtgärd och 1 beslut är sparade" in saved and "3 möten är sparade" in saved
    stored = await _meetings_in_db(teams)
    days = [(m.starts_at.astimezone(STOCKHOLM), m.time_known, m.number) for m in stored]
    assert days == [
        (datetime(2026, 10, 14, 9, 0, tzinfo=STOCKHOLM), True, 2),  # the own, held meeting
        (datetime(2026, 12, 9, 13, 0, tzinfo=STOCKHOLM), True, 1),  # there already
        (datetime(2027, 1, 20, 13, 0, tzinfo=STOCKHOLM), True, 3),
        (datetime(2027, 2, 17, 0, 0, tzinfo=STOCKHOLM), False, 4),
    ]  # 18 November, past and not picked, is not saved
    listing = await teams.say("möten")
    assert "#3 ons 20 jan 2027 kl. 13.00–15.00" in listing
    assert "#4 ons 17 feb 2027, tid ej angiven" in listing
    assert "14 okt" not in listing  # held, not coming

    assert "Ångrat" in await teams.say("ångra")  # the meetings go with the actions
    statuses = [m.status for m in await _meetings_in_db(teams)]
    assert (
        statuses == [MeetingStatus.CANCELLED, MeetingStatus.PLANNED] + [MeetingStatus.CANCELLED] * 2
    )


async def test_next_meeting_without_a_time(teams: TeamsChat, clock: FakeClock) -> None:
    """A meeting read as "tid meddelas senare" is ``nästa möte`` all its day, says that its
    time is not set, and is reminded by day only."""
    clock.set("2025-11-13 10:00")
    await teams.setup_council()
    preview = await teams.say(
        "notes\nProtokoll SOR Barn 2025-11-12\nNästa möte blir 4 december, tid meddelas senare."
    )
    assert "1. Mötet självt: ons 12 nov, tid ej angiven" in preview
    assert "2. Möte tors 4 dec, tid ej angiven" in preview
    assert "2 möten är sparade" in await teams.say("ok")
    assert "Nästa möte: tors 4 dec, tid ej angiven" in await teams.say("nästa möte")
    await teams.say("lang en")
    assert "Next meeting: Thu 4 Dec, time not set" in await teams.say("next meeting")
    await teams.say("lang sv")
    planned = await teams.say("reminders")
    assert "tors 27 nov kl. 08.00 — dagordning inför möte tors 4 dec · i kanalen" in planned
    assert "ons 3 dec kl. 08.00 — inför möte tors 4 dec · i kanalen" in planned
    clock.set("2025-12-03 08:00")
    await teams.send_reminders(clock())
    sent = "\n".join(message_text(a) for a in teams.connector.take())
    assert "tors 4 dec, tid ej angiven" in sent and "00.00" not in sent
    clock.set("2025-12-04 15:00")  # on the day itself it is still the next meeting
    assert "Nästa möte: tors 4 dec, tid ej angiven" in await teams.say("nästa möte")
    clock.set("2025-12-05 08:00")
    assert "Inga kommande möten" in await teams.say("nästa möte")
