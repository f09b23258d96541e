"""Pieces of a date or time as matched by the patterns of `dialogs.dates.lexicon`.

Turns regex groups into checked numbers: clock times (with am/pm), and calendar dates with
the "next one to come" rule. Anything impossible raises `Reject`, which `dialogs.dates.reading`
turns into None rather than into some other date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dialogs.dates.calendar import last_day_of_month, next_day_of_year
from dialogs.dates.lexicon import MONTHS, ORDINAL_DAYS, SPOKEN_HOURS, SPOKEN_OFFSETS, WEEKDAYS

Groups = dict[str, Any]


class Reject(Exception):
    """The text is a date expression, but not a possible one: answer None, guess nothing."""


def key(word: str) -> str:
    """Table key for a matched word: "Okt." -> "okt", "i  morgon" -> "i morgon"."""
    return " ".join(word.lower().rstrip(".").split())


Clock = tuple[int, int]
# "kl 24.00": the end of a named day ("senast 31 maj kl 24.00"). Only a day can end, so the
# callers reject it where no day is named ("kl 24" alone).
END_OF_DAY: Clock = (24, 0)


def _checked_clock(hour: int, minute: int, ampm: str | None) -> Clock:
    if ampm:
        if not 1 <= hour <= 12:
            raise Reject
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if (hour, minute) == END_OF_DAY and not ampm:
        return END_OF_DAY
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise Reject
    return hour, minute


def clock(groups: Groups, p: str) -> Clock | None:
    """The time matched by `time_fragment(p)`/`time_end_fragment(p)`, or None if absent."""
    for i in ("1", "2", "3"):
        hour = groups.get(f"{p}_h{i}")
        if hour is not None:
            minute = int(groups.get(f"{p}_n{i}") or 0)
            return _checked_clock(int(hour), minute, groups.get(f"{p}_a{i}"))
    if groups.get(f"{p}_sp"):
        return _spoken(key(groups[f"{p}_sp"]), key(groups[f"{p}_sh"]))
    if groups.get(f"{p}_noon"):
        return 12, 0
    return None


#: A said time before this hour is in the afternoon: "halv tre" at work is 14.30, not 02.30.
_FIRST_MORNING_HOUR = 7


def _spoken(how: str, hour_word: str) -> Clock:
    """ "halv tio" → 9.30, "kvart över nio" → 9.15, "kvart i tre" → 14.45."""
    hour = SPOKEN_HOURS.get(hour_word) or int(hour_word)
    if not 1 <= hour <= 23:
        raise Reject
    minutes = hour * 60 + SPOKEN_OFFSETS[how]
    if minutes < _FIRST_MORNING_HOUR * 60:  # "halv sju" is 18.30, as "kvart över sex" 18.15
        minutes += 12 * 60
    return minutes // 60 % 24, minutes % 60


def clocks(groups: Groups, *prefixes: str) -> tuple[Clock | None, Clock | None]:
    """Start and end time of the first `clock_fragment` among `prefixes` that matched.

    The hours-only range after a date (`bare_hours_fragment("u")`) is always looked at too.
    """
    for p in (*prefixes, "v"):  # "v": hours before a date ("mellan 10 och 12 den 3 maj")
        start = clock(groups, p)
        if start is not None:
            return start, clock(groups, p + "e")
    if groups.get("u_h1") is not None:
        first, last = int(groups["u_h1"]), int(groups["ue_h1"])
        if first >= last:
            raise Reject
        return (first, 0), (last, 0)
    return None, None


@dataclass(frozen=True)
class DateParts:
    month: int
    day: int | None  # None: the last day of the month ("sista maj")
    year: int | None
    weekday: int | None


def date_parts(groups: Groups, p: str) -> DateParts | None:
    """The pieces of a date matched by `date_fragment(p)` (unchecked), or None if absent."""

    def g(name: str) -> Any:
        return groups.get(f"{p}_{name}")

    def number(name: str) -> int | None:
        return int(g(name)) if g(name) else None

    def year(full: str, short: str) -> int | None:
        # "-25" and "13.10.25" are this century's years: nobody dates a deadline in 1925.
        return number(full) or (2000 + int(g(short)) if g(short) else None)

    weekday = WEEKDAYS[key(g("wd"))] if g("wd") else None
    if g("d1"):  # "7 maj", "3:e juni", "7th of May", "9 april-25"
        return DateParts(MONTHS[key(g("m1"))], number("d1"), year("y1", "s1"), weekday)
    if g("m2"):  # "May 7"
        return DateParts(MONTHS[key(g("m2"))], number("d2"), number("y2"), weekday)
    if g("o3"):  # "första juni", "femtonde maj", "sista maj"
        day = ORDINAL_DAYS.get(key(g("o3")))
        return DateParts(MONTHS[key(g("m3"))], day, number("y3"), weekday)
    if g("d4"):  # "13/10", "13/10-2025", "13/10/25", "13/10-25"
        return DateParts(int(g("m4")), number("d4"), year("y4", "s4") or year("y4", "t4"), weekday)
    if g("y5"):  # "2025-10-13"
        return DateParts(int(g("m5")), number("d5"), number("y5"), weekday)
    if g("d6"):  # "13.10.2025", "13.10.25"
        return DateParts(int(g("m6")), number("d6"), year("y6", "s6"), weekday)
    return None


def resolve(parts: DateParts, not_before: date) -> date:
    """The date meant: as written if it has a year, else the first on/after `not_before`."""
    if not 1 <= parts.month <= 12:
        raise Reject
    if parts.year is not None:
        if not 1900 <= parts.year <= 2100:
            raise Reject
        day = parts.day or last_day_of_month(parts.year, parts.month).day
        try:
            found = date(parts.year, parts.month, day)
        except ValueError:
            raise Reject from None
    elif parts.day is None:
        found = last_day_of_month(not_before.year, parts.month)
        if found < not_before:
            found = last_day_of_month(not_before.year + 1, parts.month)
    else:
        resolved = next_day_of_year(not_before, parts.month, parts.day)
        if resolved is None:
            raise Reject
        found = resolved
    # "fredag 13 oktober" when 13 October is a Monday: a typo we must not paper over.
    if parts.weekday is not None and found.weekday() != parts.weekday:
        raise Reject
    return found


def required(parts: DateParts | None) -> DateParts:
    if parts is None:
        raise Reject
    return parts
