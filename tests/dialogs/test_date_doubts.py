"""Which dates are asked about before they are saved (``dialogs.dates.doubts``): the rules,
without a chat around them. The replies themselves are tested through the endpoints
(tests/bot/test_dates_that_sound_right.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from dialogs.dates.doubts import Doubt, first_doubt, is_day_off, passed_lately
from dialogs.dates.reading import find_when, parse_when
from dialogs.dates.workdays import day_off_name
from dialogs.dates.writing import STOCKHOLM, format_date


def at(local: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("now", "text", "passed"),
    [
        ("2026-12-02 10:00", "30 nov", True),  # two days ago
        ("2026-12-02 10:00", "30/11", True),
        ("2026-12-02 10:00", "senast den 30 november kl 12", True),
        ("2026-12-02 10:00", "3 oktober", True),  # 60 days ago
        ("2026-12-02 10:00", "2 oktober", False),  # 61 days ago: next year, silently
        ("2026-12-02 10:00", "15 mars", False),
        ("2026-12-02 10:00", "2 dec", False),  # today is still to come
        ("2026-12-02 10:00", "30 nov 2027", False),  # the year is written
        ("2026-12-02 10:00", "fredag", False),  # a weekday is the next one, as always
        ("2026-12-02 10:00", "sista november", False),
        ("2027-01-05 09:00", "20 dec", True),  # across the year boundary
        ("2027-01-05 09:00", "mån 20 dec", True),  # 20 Dec 2027 is a Monday too
        ("2026-10-25 10:00", "20 okt kl 10", True),  # the day summer time ended
        ("2028-03-15 10:00", "29 feb", False),  # 29 Feb 2028 passed, but 2029 has none
    ],
)
def test_a_day_passed_lately(now: str, text: str, passed: bool) -> None:
    when = parse_when(text, now=at(now))
    assert when is not None
    assert passed_lately(when, at(now).date()) == passed


def test_year_guessed_in_running_text_and_meetings() -> None:
    found = find_when("Boka lokal senast 30 nov", now=at("2026-12-02 10:00"))
    assert found is not None and found[0].year_guessed
    meeting = parse_when("mötet 30 nov", now=at("2026-12-02 10:00"))
    assert meeting is not None and meeting.year_guessed
    assert not parse_when("i morgon", now=at("2026-12-02 10:00")).year_guessed  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("day", "off", "sv", "en"),
    [
        ("2026-12-24", True, "julafton", "Christmas Eve"),
        ("2026-12-31", True, "nyårsafton", "New Year's Eve"),
        ("2027-06-25", True, "midsommarafton", "Midsummer Eve"),
        ("2027-05-06", True, "Kristi himmelsfärdsdag", "Ascension Day"),
        ("2026-12-12", True, None, None),  # a Saturday
        ("2026-12-23", False, None, None),
        ("2027-03-28", True, "påskdagen", "Easter Sunday"),  # also the day summer time starts
    ],
)
def test_days_off_and_their_names(day: str, off: bool, sv: str | None, en: str | None) -> None:
    date = datetime.fromisoformat(day).date()
    assert is_day_off(date) == off
    assert day_off_name(date, "sv") == sv
    assert day_off_name(date, "en") == en


def test_the_order_of_the_doubts() -> None:
    now = at("2027-01-02 11:00")
    when = parse_when("24 dec", now=now)
    assert when is not None
    assert first_doubt(when, now=now, meeting=True) == Doubt.PASSED
    assert first_doubt(when, now=now, meeting=True, accepted=[Doubt.PASSED]) == Doubt.DAY_OFF
    assert first_doubt(when, now=now, meeting=True, accepted=[*Doubt]) is None
    # a deadline on a holiday is no doubt; one already behind us is
    assert first_doubt(when, now=now, meeting=False, accepted=[Doubt.PASSED]) is None
    yesterday = parse_when("igår", now=now)
    assert yesterday is not None
    assert first_doubt(yesterday, now=now, meeting=False) == Doubt.PAST
    # today without a time still holds all of today; a time this morning has passed
    today = parse_when("idag", now=now)
    assert today is not None and first_doubt(today, now=now, meeting=False) is None
    morning = parse_when("idag kl 9", now=now)
    assert morning is not None and first_doubt(morning, now=now, meeting=False) == Doubt.PAST


def test_dates_written_in_questions() -> None:
    day = datetime(2027, 11, 30).date()
    assert format_date(day, "sv") == "30 nov"
    assert format_date(day, "sv", year=True) == "30 nov 2027"
    assert format_date(day, "en", long=True) == "30 November"
    assert format_date(day, "sv", long=True, year=True) == "30 november 2027"
