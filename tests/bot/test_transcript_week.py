"""A week in a council, in Swedish and in English: the secretary sets it up and posts actions,
a member asks, nominates, proposes an agenda item and marks his action done, the reminders go
out, the meeting passes and the round closes.

Each week is written to ``tests/bot/transcripts/week.LANG.txt`` as a person would read it, and
must come out exactly so: a changed reply shows as a diff, to be read and accepted with
``RADSBOT_WRITE_TRANSCRIPTS=1 pytest tests/bot/test_transcript_week.py``. The assertions
beside each step say what must hold whatever the wording.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import STOCKHOLM, FakeClock
from tests.fakes.teams import SOR_BARN_ROSTER, TeamsChat, message_text

TRANSCRIPTS = Path(__file__).parent / "transcripts"
SECRETARY, MEMBER, OTHER = "Carin Skoog", "Lars Gelander", "Karin Berg"


@dataclass
class Week:
    """Speaks to the bot as the people of one council, and writes down what they read."""

    teams: TeamsChat
    clock: FakeClock
    locale: str
    lines: list[str] = field(default_factory=list)

    def _stamp(self) -> str:
        return self.clock().astimezone(STOCKHOLM).strftime("%a %d %b %H:%M")

    async def say(self, who: str, text: str, *, at: str | None = None, alone: bool = False) -> str:
        """``who`` writes ``text`` in the channel (or, ``alone``, in a 1:1 chat with the bot)."""
        if at:
            self.clock.set(at)
        where = "1:1" if alone else "kanal"
        activity = self.teams.activity(text, user=who, personal=alone, locale=self.locale)
        assert await self.teams.post(activity) in (200, 201)
        replies = [message_text(reply) for reply in self.teams.connector.take()]
        assert len(replies) == 1, replies
        self.lines.append(f"[{self._stamp()}] {who} ({where}): {_indented(text)}")
        self.lines.append(f"    Rådsbot: {_indented(replies[0])}")
        return replies[0]

    async def reminders(self, at: str) -> list[str]:
        """Run the sender at ``at``, as the scheduler would; what reached Teams, in order."""
        self.clock.set(at)
        await self.teams.send_reminders(self.clock())
        sent = self.teams.connector.take()
        for activity in sent:
            where = "1:1" if "personal" in activity["_conversation"] else "kanal"
            self.lines.append(
                f"[{self._stamp()}] Rådsbot ({where}): {_indented(message_text(activity))}"
            )
        if not sent:
            self.lines.append(f"[{self._stamp()}] (inga påminnelser)")
        return [message_text(a) for a in sent]

    def check(self, name: str) -> None:
        written = "\n".join(self.lines) + "\n"
        path = TRANSCRIPTS / name
        if os.environ.get("RADSBOT_WRITE_TRANSCRIPTS"):
            path.write_text(written, encoding="utf-8")
        assert written == path.read_text(encoding="utf-8"), (
            f"{name} changed: read it, then rewrite it"
        )


def _indented(text: str) -> str:
    return text.replace("\n\n", "\n").replace("\n", "\n        ")


async def test_a_week_in_swedish(teams: TeamsChat, clock: FakeClock) -> None:
    week = Week(teams, clock, "sv-SE")
    # Monday: the secretary sets the council up in its channel, straight after a meeting
    created = await week.say(
        SECRETARY, "skapa råd Samordningsråd Barn (SOR Barn)", at="2025-05-12 09:00"
    )
    assert "är skapat" in created
    assert "18 nya" in await week.say(SECRETARY, "medlemmar lägg till\n" + SOR_BARN_ROSTER)
    assert "tors 15 maj kl. 13.00–15.00" in await week.say(
        SECRETARY, "nytt möte torsdag 15 maj kl 13.00-15.00, Stationshuset Göteborg"
    )
    first = await week.say(
        SECRETARY, "åtgärd Lars, Karin Berg: Ta fram underlag om BUP-köerna senast onsdag 14 maj"
    )
    assert "Lars Gelander, Karin Berg" in first and "ons 14 maj" in first
    assert "Joanna Pestalozzi" in await week.say(
        SECRETARY, "åtgärd Joanna: Boka lokal till nästa möte"
    )
    assert "fre 16 maj" in await week.say(
        SECRETARY, "åtgärd Lars: Skicka remissvaret till regionen senast fredag 16 maj"
    )
    opened = await week.say(
        SECRETARY,
        "öppna nominering RPT THS roller ordförande deadline fredag 16 maj: Regionalt programområde",
    )
    assert "RPT THS" in opened and "ordförande" in opened

    # Monday: a member, in his own chat with the bot
    assert "Hej Lars!" in await week.say(MEMBER, "Hej!", at="2025-05-12 10:00", alone=True)
    mine = await week.say(MEMBER, "mina åtgärder", alone=True)
    assert "BUP-köerna" in mine and "remissvaret" in mine and "Boka lokal" not in mine
    assert "Stationshuset Göteborg" in await week.say(MEMBER, "nästa möte", alone=True)
    assert "Maja Berndes är nominerad" in await week.say(
        MEMBER, "nominera RPT THS ordförande Maja Berndes: leder redan arbetet", alone=True
    )
    assert "tillagd på dagordningen" in await week.say(
        MEMBER, "föreslå punkt Väntetider i BUP (Lars, 15 min)", alone=True
    )
    assert "Varsågod" in await week.say(MEMBER, "tack!", alone=True)

    # Tuesday: Lars is done with the first one; Karin sees that it is done for her too
    await week.reminders("2025-05-13 08:00")
    assert "klar" in await week.say(MEMBER, "klar 1", at="2025-05-13 09:00", alone=True)
    assert "BUP-köerna" not in await week.say(OTHER, "mina åtgärder", at="2025-05-13 10:00")

    # Wednesday: the day before the meeting, its details go to the channel
    sent = await week.reminders("2025-05-14 08:00")
    assert any("påminnelse om mötet tors 15 maj" in m and "Väntetider i BUP" in m for m in sent)
    assert "Väntetider i BUP" in await week.say(SECRETARY, "dagordning", at="2025-05-14 09:00")

    # Thursday: the round closes tomorrow; after the meeting the secretary looks over the actions
    sent = await week.reminders("2025-05-15 08:00")
    assert any("RPT THS" in m for m in sent)
    listed = await week.say(SECRETARY, "åtgärder", at="2025-05-15 16:00")
    assert "Boka lokal" in listed and "remissvaret" in listed

    # Friday: Lars's deadline today, in his own chat; the secretary reads the nominations
    sent = await week.reminders("2025-05-16 08:00")
    assert any("remissvaret" in m for m in sent)
    assert "Maja Berndes" in await week.say(
        SECRETARY, "nomineringar RPT THS", at="2025-05-16 09:00"
    )
    assert "klar" in await week.say(MEMBER, "klar 3", at="2025-05-16 11:00", alone=True)

    # Saturday morning: the round is closed, and the week is in the log
    closed = await week.say(SECRETARY, "stäng nominering RPT THS", at="2025-05-17 09:00")
    assert "stängd" in closed
    log = await week.say(SECRETARY, "logg")
    assert "Carin Skoog — skapade råd" in log and "nominerade Maja Berndes till RPT THS" in log
    week.check("week.sv.txt")


async def test_a_week_in_english(teams: TeamsChat, clock: FakeClock) -> None:
    week = Week(teams, clock, "en-GB")
    created = await week.say(
        SECRETARY, "council create Coordination Council Children (CCC)", at="2025-05-12 09:00"
    )
    assert "created" in created
    assert "English" in await week.say(SECRETARY, "lang council en")
    await week.say(SECRETARY, "members add\n" + SOR_BARN_ROSTER)
    assert "Thu 15 May" in await week.say(
        SECRETARY, "meeting add Thursday 15 May 13:00-15:00, Station House Gothenburg"
    )
    first = await week.say(
        SECRETARY,
        "action Lars, Karin Berg: Prepare a brief on the CAMHS queues by Wednesday 14 May",
    )
    assert "Lars Gelander, Karin Berg" in first and "Wed 14 May" in first
    assert "Joanna Pestalozzi" in await week.say(
        SECRETARY, "action Joanna: Book a room for the next meeting"
    )
    assert "Fri 16 May" in await week.say(
        SECRETARY, "action Lars: Send the consultation response to the region by Friday 16 May"
    )
    opened = await week.say(
        SECRETARY,
        "nomination open RPT THS roles chair deadline Friday 16 May: Regional programme area",
    )
    assert "RPT THS" in opened and "chair" in opened

    assert "Hi Lars!" in await week.say(MEMBER, "Hello!", at="2025-05-12 10:00", alone=True)
    mine = await week.say(MEMBER, "actions mine", alone=True)
    assert "CAMHS" in mine and "consultation" in mine and "Book a room" not in mine
    assert "Station House Gothenburg" in await week.say(MEMBER, "next meeting", alone=True)
    assert "Maja Berndes" in await week.say(
        MEMBER, "nominate RPT THS chair Maja Berndes: already leads the work", alone=True
    )
    assert "agenda" in await week.say(
        MEMBER, "agenda add Waiting times in CAMHS (Lars, 15 min)", alone=True
    )
    assert "welcome" in await week.say(MEMBER, "thanks!", alone=True)

    await week.reminders("2025-05-13 08:00")
    await week.say(MEMBER, "done 1", at="2025-05-13 09:00", alone=True)
    assert "CAMHS" not in await week.say(OTHER, "actions mine", at="2025-05-13 10:00")

    sent = await week.reminders("2025-05-14 08:00")
    assert any("Waiting times in CAMHS" in m for m in sent)
    await week.say(SECRETARY, "agenda", at="2025-05-14 09:00")

    sent = await week.reminders("2025-05-15 08:00")
    assert any("RPT THS" in m for m in sent)
    listed = await week.say(SECRETARY, "actions", at="2025-05-15 16:00")
    assert "Book a room" in listed and "consultation" in listed

    sent = await week.reminders("2025-05-16 08:00")
    assert any("consultation" in m for m in sent)
    assert "Maja Berndes" in await week.say(SECRETARY, "nominations RPT THS", at="2025-05-16 09:00")
    await week.say(MEMBER, "done 3", at="2025-05-16 11:00", alone=True)

    assert "closed" in await week.say(SECRETARY, "nomination close RPT THS", at="2025-05-17 09:00")
    log = await week.say(SECRETARY, "log")
    assert "Carin Skoog — created council" in log
    week.check("week.en.txt")
