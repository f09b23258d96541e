"""Bad input and failures: one short, friendly reply, and nothing half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat


async def test_lang_bad_input_and_switch(teams: TeamsChat) -> None:
    await teams.setup_council()
    bad = await teams.say("språk klingon")
    assert "svenska (sv) eller engelska (en)" in bad
    assert "språk en" in bad
    assert "reply to you in English" in await teams.say("lang en")
    assert "Your open actions" not in await teams.say("actions mine")
    assert "You have no open actions" in await teams.say("actions mine")
    assert "Jag svarar dig på svenska" in await teams.say("språk svenska")


async def test_lang_needs_to_know_who_you_are(teams: TeamsChat) -> None:
    assert "Jag vet inte vem du är" in await teams.say("lang en", user="Stranger")


async def test_council_use(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "inget råd som heter ”XYZ”" in await teams.say("council use XYZ", personal=True)
    assert "använd råd SOR Barn" in await teams.say("council use", personal=True)
    assert "Här i vår chatt gäller nu SOR Barn" in await teams.say(
        "council use sor barn", personal=True
    )
    other = "19:other@thread.tacv2"
    refused = await teams.say("använd råd SOR Barn", user="Lars Gelander", channel=other)
    assert "bara rådets sekreterare" in refused.lower()
    assert "kanalen är nu kopplad till SOR Barn" in await teams.say(
        "använd råd SOR Barn", channel=other
    )
    assert "Nästa möte" not in await teams.say("nästa möte", channel=other)
    assert "Inga kommande möten" in await teams.say("nästa möte", channel=other)


async def test_personal_chat_with_several_councils_asks_which(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say(
        "council create Vårdsamverkan Västra Götaland (VVG)", channel="19:vvg@thread.tacv2"
    )
    text = await teams.say("nästa möte", personal=True)
    assert "Inga kommande möten" in text  # reads across both councils
    asked = await teams.say("members", personal=True)
    assert "flera råd" in asked and "använd råd" in asked


async def test_members_add_with_nothing_to_add(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say("members add")
    assert "inga namn att lägga till" in text
    assert "medlemmar lägg till" in text
    skipped = await teams.say("members add\nLars Gelander\n12345 inte ett namn")
    assert "Hoppade över: 12345 inte ett namn" in skipped


async def test_nominations_unknown_target(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "inga öppna nomineringar" in await teams.say("nomineringar")
    await teams.say("nomination open NAG Intensivvård barn")
    assert "Öppna just nu: NAG Intensivvård barn" in await teams.say("nomineringar RPT")
    assert "Det saknas ett namn" in await teams.say(
        "nominera NAG Intensivvård barn", user="Lars Gelander"
    )


async def test_a_broken_database_gives_a_friendly_reply_and_writes_nothing(
    tmp_path: Path, connector: FakeConnector, clock: FakeClock
) -> None:
    db = tmp_path / "radsbot.db"
    async with TeamsChat.running(f"sqlite+aiosqlite:///{db}", connector, clock) as chat:
        await chat.setup_council()
        with sqlite3.connect(db) as raw:
            raw.execute("ALTER TABLE audit_events RENAME TO audit_events_gone")
        text = await chat.say("action Lars Gelander: Samråda med Karin A senast 7 maj")
        assert "Något gick fel hos mig, och inget har sparats" in text
        assert "Traceback" not in text and "sqlite" not in text.lower()
        with sqlite3.connect(db) as raw:
            raw.execute("ALTER TABLE audit_events_gone RENAME TO audit_events")
            assert raw.execute("SELECT count(*) FROM actions").fetchone() == (0,)
        assert "Öppna åtgärder i SOR Barn (0)" in await chat.say("actions")


async def test_a_deadline_that_cannot_be_read_is_said_and_nothing_is_saved(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-11-23 10:00")
    impossible = await teams.say("action Lars Gelander: Ringa NPO senast 31 juni")
    assert "Datumet ”31 juni” finns inte" in impossible
    assert "Skriv så här: åtgärd" in impossible
    assert "finns inte" in await teams.say("action Lars ringer NPO senast 32 maj")
    # 13 December 2026 is a Sunday: the reply says so instead of guessing.
    wrong_day = await teams.say("action Lars ringer NPO senast fredag 13 december")
    assert "”fredag” stämmer inte med datumet: sön 13 dec" in wrong_day
    assert "Jag kunde inte läsa datumet ”imorgn”" in await teams.say(
        "action Lars ringer NPO senast imorgn"
    )
    assert "Du har inga öppna åtgärder" in await teams.say("actions mine", user="Lars Gelander")
    # The same words read as a date are saved, and shown back.
    saved = await teams.say("action Lars ringer NPO senast 30 juni")
    assert "Åtgärd 1 är sparad" in saved and "Deadline: senast ons 30 jun 2027" in saved
    await teams.say("meeting add 4 december kl 09.30")
    moved = await teams.say("meeting move 1 fredag 13 december")
    assert "”fredag” stämmer inte med datumet: sön 13 dec" in moved
    assert "fre 4 dec" in await teams.say("möten")
