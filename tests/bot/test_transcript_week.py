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
from typing import Any

import pytest

from tests.conftest import STOCKHOLM, FakeClock
from tests.fakes.teams import SOR_BARN_ROSTER, TeamsChat, card_buttons, message_text

TRANSCRIPTS = Path(__file__).parent / "transcripts"
SECRETARY, MEMBER, OTHER = "Carin Skoog", "Lars Gelander", "Karin Berg"
#: The transcript's own words around what people and the bot say, in its language.
NARRATION = {
    "sv": {"channel": "kanal", "presses": "trycker på", "nothing": "(inga påminnelser)"},
    "en": {"channel": "channel", "presses": "presses", "nothing": "(no reminders)"},
}


@dataclass
class Week:
    """Speaks to the bot as the people of one council, and writes down what they read."""

    teams: TeamsChat
    clock: FakeClock
    locale: str
    lines: list[str] = field(default_factory=list)
    #: the reminders of the sender's last run, whose buttons can be pressed
    last_sent: list[dict[str, Any]] = field(default_factory=list)

    def _word(self, key: str) -> str:
        return NARRATION[self.locale[:2]][key]

    def _stamp(self) -> str:
        return self.clock().astimezone(STOCKHOLM).strftime("%a %d %b %H:%M")

    async def say(self, who: str, text: str, *, at: str | None = None, alone: bool = False) -> str:
        """``who`` writes ``text`` in the channel (or, ``alone``, in a 1:1 chat with the bot)."""
        if at:
            self.clock.set(at)
        where = "1:1" if alone else self._word("channel")
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
        self.last_sent = sent
        for activity in sent:
            where = "1:1" if "personal" in activity["_conversation"] else self._word("channel")
            self.lines.append(
                f"[{self._stamp()}] Rådsbot ({where}): {_indented(message_text(activity))}"
            )
            if buttons := card_buttons(activity):
                self.lines.append("        " + " ".join(f"[{title}]" for title in buttons))
        if not sent:
            self.lines.append(f"[{self._stamp()}] {self._word('nothing')}")
        return [message_text(a) for a in sent]

    async def press(self, who: str, title: str) -> str:
        """``who`` presses the button ``title`` on the reminder the last run sent them."""
        chat = f"personal-29:{who.replace(' ', '-').lower()}"
        [command] = [
            card_buttons(a)[title]
            for a in self.last_sent
            if a["_conversation"].endswith(chat) and title in card_buttons(a)
        ]
        press = self.teams.activity("", user=who, personal=True, locale=self.locale)
        press["value"] = {"command": command}
        assert await self.teams.post(press) in (200, 201)
        [reply] = [message_text(r) for r in self.teams.connector.take()]
        self.lines.append(f"[{self._stamp()}] {who} (1:1) {self._word('presses')} [{title}]")
        self.lines.append(f"    Rådsbot: {_indented(reply)}")
        return reply

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


@dataclass(frozen=True)
class Say:
    """Someone writes: the Swedish and the English text, and words each reply must hold."""

    who: str
    sv: str
    en: str
    expect: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    at: str | None = None
    alone: bool = False
    #: words the reply must not hold, in either language
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Press:
    """Someone presses a button, by its title in each language, on their last reminder."""

    who: str
    sv: str
    en: str
    expect: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    at: str | None = None


@dataclass(frozen=True)
class Remind:
    """The sender runs at ``at``; one of the messages must hold all of ``expect``."""

    at: str
    expect: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    #: what another message of the same run must hold
    also: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def _both(words: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The same words expected in both languages (names, numbers)."""
    return (tuple(words.split("|")), tuple(words.split("|")))


# Monday 12 May 2025 to Saturday 17 May: a week without public holidays.
WEEK: tuple[Say | Press | Remind, ...] = (
    # Monday: the secretary sets the council up in its channel, straight after a meeting
    Say(
        SECRETARY,
        "skapa råd Samordningsråd Barn (SOR Barn)",
        "council create Coordination Council Children (CCC)",
        (("är skapat",), ("is created",)),
        at="2025-05-12 09:00",
    ),
    Say(SECRETARY, "språk rådet", "lang council en", (("svenska",), ("English",))),
    Say(
        SECRETARY,
        "medlemmar lägg till\n" + SOR_BARN_ROSTER,
        "members add\n" + SOR_BARN_ROSTER,
        (("18 nya",), ("18 new",)),
    ),
    Say(
        SECRETARY,
        "nytt möte torsdag 15 maj kl 13.00-15.00, Stationshuset Göteborg",
        "meeting add Thursday 15 May 13:00-15:00, Station House Gothenburg",
        (("tors 15 maj kl. 13.00–15.00",), ("Thu 15 May, 13:00–15:00",)),
    ),
    Say(
        SECRETARY,
        "åtgärd Lars, Karin Berg: Ta fram underlag om BUP-köerna senast onsdag 14 maj",
        "action Lars, Karin Berg: Prepare a brief on the CAMHS queues by Wednesday 14 May",
        (("Lars Gelander, Karin Berg", "ons 14 maj"), ("Lars Gelander, Karin Berg", "Wed 14 May")),
    ),
    Say(
        SECRETARY,
        "åtgärd Joanna: Boka lokal till nästa möte",
        "action Joanna: Book a room for the next meeting",
        (("Joanna Pestalozzi", "till mötet tors 15 maj"), ("Joanna Pestalozzi", "by the meeting")),
        absent=("for\n",),
    ),
    Say(
        SECRETARY,
        "åtgärd Lars: Skicka remissvaret till regionen senast fredag 16 maj",
        "action Lars: Send the consultation response to the region by Friday 16 May",
        (("fre 16 maj",), ("Fri 16 May",)),
    ),
    Say(
        SECRETARY,
        "öppna nominering RPT THS roller ordförande deadline fredag 16 maj: Regionalt programområde",
        "nomination open RPT THS roles chair deadline Friday 16 May: Regional programme area",
        (("RPT THS", "ordförande"), ("RPT THS", "chair")),
    ),
    # Monday: a member, in his own chat with the bot
    Say(
        MEMBER, "Hej!", "Hello!", (("Hej Lars!",), ("Hi Lars!",)), at="2025-05-12 10:00", alone=True
    ),
    Say(
        MEMBER,
        "mina åtgärder",
        "actions mine",
        (("BUP-köerna", "remissvaret"), ("CAMHS", "consultation")),
        alone=True,
        absent=("Boka lokal", "Book a room"),
    ),
    Say(MEMBER, "nästa möte", "next meeting", (("Stationshuset",), ("Station House",)), alone=True),
    Say(
        MEMBER,
        "nominera RPT THS ordförande Maja Berndes: leder redan arbetet",
        "nominate RPT THS chair Maja Berndes: already leads the work",
        _both("Maja Berndes"),
        alone=True,
    ),
    Say(
        MEMBER,
        "föreslå punkt Väntetider i BUP (Lars, 15 min)",
        "agenda add Waiting times in CAMHS (Lars, 15 min)",
        (("dagordningen",), ("agenda",)),
        alone=True,
    ),
    Say(MEMBER, "tack!", "thanks!", (("Varsågod",), ("welcome",)), alone=True),
    # Tuesday: Lars is done with the first one; Karin sees that it is done for her too
    Remind("2025-05-13 08:00", (("deadline fre 16 maj",), ("deadline Fri 16 May",))),
    # Lars will see to it tomorrow: he asks to be reminded then, and is
    Press(
        MEMBER,
        "Påminn mig i morgon",
        "Remind me tomorrow",
        (("i morgon, onsdag 14 maj, kl. 08.00",), ("tomorrow",)),
    ),
    Say(MEMBER, "klar 1", "done 1", _both("1"), at="2025-05-13 09:00", alone=True),
    Say(
        OTHER,
        "mina åtgärder",
        "actions mine",
        at="2025-05-13 10:00",
        absent=("BUP-köerna", "CAMHS"),
    ),
    # Wednesday: the day before the meeting its details go to the channel, and Lars's
    # snoozed reminder comes back to his own chat
    Remind(
        "2025-05-14 08:00",
        (
            ("påminnelse om mötet tors 15 maj", "Väntetider i BUP"),
            ("reminder of the meeting", "Waiting times"),
        ),
    ),
    Say(SECRETARY, "dagordning", "agenda", _both("15 min"), at="2025-05-14 09:00"),
    # Thursday: the round closes tomorrow; after the meeting the secretary looks over the actions
    Remind("2025-05-15 08:00", _both("RPT THS|1")),
    Say(
        SECRETARY,
        "åtgärder",
        "actions",
        (("Boka lokal", "remissvaret", "försenad"), ("Book a room", "consultation", "overdue")),
        at="2025-05-15 16:00",
    ),
    # Friday: Lars's deadline today, in his own chat; the secretary reads the nominations
    Remind("2025-05-16 08:00", (("deadline i dag",), ("deadline today",))),
    Say(
        SECRETARY,
        "nomineringar RPT THS",
        "nominations RPT THS",
        _both("Maja Berndes"),
        at="2025-05-16 09:00",
    ),
    Say(MEMBER, "klar 3", "done 3", _both("3"), at="2025-05-16 11:00", alone=True),
    # Saturday morning: the round is closed, and the week is in the log
    Say(
        SECRETARY,
        "stäng nominering RPT THS",
        "nomination close RPT THS",
        (("stängd",), ("closed",)),
        at="2025-05-17 09:00",
    ),
    Say(
        SECRETARY,
        "logg",
        "log",
        (
            ("Carin Skoog — skapade råd", "nominerade Maja Berndes till RPT THS (ordförande)"),
            ("Carin Skoog — created council", "nominated Maja Berndes for RPT THS (chair)"),
        ),
    ),
)


@pytest.mark.parametrize(("lang", "locale"), [("sv", "sv-SE"), ("en", "en-GB")])
async def test_a_week(teams: TeamsChat, clock: FakeClock, lang: str, locale: str) -> None:
    week = Week(teams, clock, locale)
    which = 0 if lang == "sv" else 1
    for step in WEEK:
        if isinstance(step, Press):
            reply = await week.press(step.who, step.sv if lang == "sv" else step.en)
            for words in step.expect[which]:
                assert words in reply, (step, reply)
            continue
        if isinstance(step, Remind):
            sent = await week.reminders(step.at)
            for expected in (step.expect[which], step.also[which]):
                assert any(all(w in m for w in expected) for m in sent), (step, sent)
            continue
        said = step.sv if lang == "sv" else step.en
        if lang == "sv" and said == "språk rådet":
            continue  # Swedish is the council's language already
        reply = await week.say(step.who, said, at=step.at, alone=step.alone)
        for words in step.expect[which]:
            assert words in reply, (said, reply)
        for words in step.absent:
            assert words not in reply, (said, reply)
    week.check(f"week.{lang}.txt")
