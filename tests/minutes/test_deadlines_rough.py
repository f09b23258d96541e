"""Deadlines in minutes read relative to the minutes' own date (issue 13 point 5)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dialogs.dates.reading import STOCKHOLM
from dialogs.minutes.deadlines import find_deadline

#: a Thursday in October
HELD = datetime(2026, 10, 8, 12, 0, tzinfo=STOCKHOLM)
COMING = (
    datetime(2026, 11, 19, 13, 0, tzinfo=STOCKHOLM),
    datetime(2027, 2, 4, 9, 0, tzinfo=STOCKHOLM),
)


def _read(text: str, coming: tuple[datetime, ...] = COMING):
    found = find_deadline(text, held=HELD, coming=coming)
    assert found is not None, text
    return found.deadline


@pytest.mark.parametrize(
    ("text", "day", "rough"),
    [
        ("Anders skickar listan senast 20 oktober", date(2026, 10, 20), None),
        ("Mona ringer upp på fre", date(2026, 10, 9), None),
        ("klart senast torsdag", date(2026, 10, 15), None),  # a Thursday meeting: next week's
        ("sammanställs till v. 44", date(2026, 10, 30), "v. 44 2026"),
        ("klart vecka 3", date(2027, 1, 22), "v. 3 2027"),
        ("skickas ut nästa vecka", date(2026, 10, 16), "v. 42 2026"),
        ("redovisas i december", date(2026, 12, 31), "i december 2026"),
        ("återkommer i februari", date(2027, 2, 28), "i februari 2027"),  # before October
        ("klart i slutet av november", date(2026, 11, 30), "i slutet av november 2026"),
        ("senast i mars", date(2027, 3, 31), "i mars 2027"),
        ("Juni 2027", date(2027, 6, 30), "i juni 2027"),
        ("genomförs under våren", date(2027, 6, 30), "under våren 2027"),
        ("ska göras under hösten", date(2026, 12, 31), "under hösten 2026"),
        ("tas upp efter sommaren", date(2027, 9, 1), "efter sommaren 2027"),
        ("svar inom tre veckor", date(2026, 10, 29), None),
        ("inom 10 dagar", date(2026, 10, 18), None),
        ("klart idag", date(2026, 10, 8), None),
        ("tas med till nästa möte", date(2026, 11, 19), None),
        ("inför nästa träff", date(2026, 11, 19), None),
        ("till mötet i februari", date(2027, 2, 4), None),
    ],
)
def test_deadline_is_read_from_the_meeting_day(text: str, day: date, rough: str | None) -> None:
    deadline = _read(text)
    assert deadline.due is not None
    assert deadline.due.astimezone(STOCKHOLM).date() == day
    assert deadline.rough == rough


def test_a_meeting_month_without_a_known_meeting_is_the_rough_month() -> None:
    deadline = _read("till styrelsens möte i april", coming=())
    assert deadline.due is not None and deadline.due.date() == date(2027, 4, 30)
    assert deadline.rough is not None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Löpande", "löpande"),
        ("ongoing", "löpande"),
        ("ASAP", "snarast"),
        ("snarast möjligt", "snarast"),
    ],
)
def test_open_ended_deadlines_have_words_and_no_day(text: str, words: str) -> None:
    deadline = _read(text)
    assert deadline.due is None and deadline.rough == words and deadline.problem is None


def test_next_meeting_unknown_is_kept_with_why() -> None:
    deadline = _read("Alla läser rapporten till nästa möte", coming=())
    assert deadline.due is None
    assert deadline.problem == "no_next_meeting"
    assert deadline.written == "till nästa möte"


def test_a_plain_sentence_has_no_deadline() -> None:
    assert find_deadline("Gruppen diskuterade läget i hemtjänsten", held=HELD) is None
    assert find_deadline("Maj Persson tar fram en lista", held=HELD) is None


def test_senast_wins_over_an_earlier_date_of_the_task() -> None:
    deadline = _read("planera dagen i november, senast 20 oktober")
    assert deadline.due is not None and deadline.due.date() == date(2026, 10, 20)


def test_a_meeting_named_by_its_body_in_a_month() -> None:
    deadline = _read("Förslag till RPT:s möte i februari")
    assert deadline.due is not None and deadline.due.date() == date(2027, 2, 4)
    assert deadline.rough is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Ola tar fram statistik till nasta mote", date(2026, 11, 19)),
        ("genomfors under varen", date(2027, 6, 30)),
        ("skickas ut nasta vecka", date(2026, 10, 16)),
    ],
)
def test_deadlines_typed_without_the_swedish_letters(text: str, day: date) -> None:
    """Minutes typed on a keyboard without å, ä and ö are read as with them."""
    found = _read(text)
    assert found.due is not None and found.due.date() == day


def test_the_first_meeting_of_a_term() -> None:
    """ "till vårens första möte": the first coming meeting from January (4 February);
    "höstens" the first from August (19 November); none known: no day, and why."""
    assert _read("Eva bjuder in regionen till vårens första möte").due == COMING[1]
    assert _read("Eva bjuder in regionen till höstens första möte").due == COMING[0]
    unknown = _read("Eva bjuder in regionen till vårens första möte", coming=())
    assert unknown.due is None and unknown.problem == "no_next_meeting"
