"""Calendar arithmetic for `dialogs.dates.reading`: local days, ISO weeks, holidays, meetings.

All arithmetic is done on local calendar dates and only turned into aware datetimes at
the end, so that "i morgon kl 9" across a DST change is 09:00 on the wall clock and not
24 hours after now.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from dateutil.easter import easter

from dialogs.dates.workdays import NAMED_DAYS, swedish_holidays
from dialogs.dates.writing import STOCKHOLM

# How far ahead a yearless "29 februari" may look for a leap year.
_LEAP_SEARCH_YEARS = 8


def local_moment(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """Wall-clock time in Stockholm; zoneinfo picks the right offset for that day.

    A time skipped by the spring DST change (02.30 on the last Sunday of March) becomes the
    real moment it names (03.30 summer time) instead of a wall time that never exists.
    """
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)
    if 2 <= hour <= 3 and day.month in (3, 10):  # only then can the wall time be missing
        return moment.astimezone(UTC).astimezone(STOCKHOLM)
    return moment


def is_possible_day(month: int, day: int) -> bool:
    """Whether day/month exists in some year (29 February does, 30 February never)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(2024, month)[1]  # 2024 is a leap year


def next_day_of_year(today: date, month: int, day: int) -> date | None:
    """The next day/month on or after today (today counts as still to come)."""
    if not is_possible_day(month, day):
        return None
    for year in range(today.year, today.year + _LEAP_SEARCH_YEARS + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February outside a leap year
            continue
        if candidate >= today:
            return candidate
    return None


def next_weekday(today: date, weekday: int, *, include_today: bool = True) -> date:
    """The next Monday..Sunday (0..6); today itself when allowed and it is that day."""
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + timedelta(days=ahead)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """Same day of month `months` later, clamped to the month's last day (31 jan + 1 → 28 feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def iso_week_day(today: date, week: int, weekday: int, year: int | None) -> date | None:
    """The given weekday of ISO week `week`: in `year`, or the next such week to come.

    A week is still "to come" until its Sunday has passed, so "vecka 15" on the Wednesday of
    week 15 is this week. Week 53 exists only in some years; asking for it otherwise (or for
    week 0 or 54) gives None.
    """
    if not 1 <= week <= 53:
        return None
    if year is not None:
        try:
            return date.fromisocalendar(year, week, weekday + 1)
        except ValueError:
            return None
    # Start a year back: on 2 January the current ISO week may belong to last year.
    for candidate_year in range(today.year - 1, today.year + 2):
        try:
            sunday = date.fromisocalendar(candidate_year, week, 7)
        except ValueError:
            continue
        if sunday >= today:
            return sunday - timedelta(days=6 - weekday)
    return None


# --- holidays ----------------------------------------------------------------------------


def _easter_offset(days: int) -> Callable[[int], date]:
    return lambda year: easter(year) + timedelta(days=days)


def _first_weekday_between(month: int, first_day: int, weekday: int) -> Callable[[int], date]:
    """E.g. midsommarafton: the Friday between 19 and 25 June."""

    def compute(year: int) -> date:
        start = date(year, month, first_day)
        return start + timedelta(days=(weekday - start.weekday()) % 7)

    return compute


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


# Our key -> (the name python-holidays gives it in Swedish, our own rule). The package is
# asked first; the rule covers names a future version of the package might spell otherwise.
_HOLIDAY_RULES: dict[str, tuple[str, Callable[[int], date]]] = {
    "nyårsdagen": ("nyårsdagen", _fixed(1, 1)),
    "trettondagsafton": ("trettondagsafton", _fixed(1, 5)),
    "trettondagen": ("trettondedag jul", _fixed(1, 6)),
    "skärtorsdagen": ("skärtorsdagen", _easter_offset(-3)),
    "långfredagen": ("långfredagen", _easter_offset(-2)),
    "påskafton": ("påskafton", _easter_offset(-1)),
    "påskdagen": ("påskdagen", _easter_offset(0)),
    "annandag påsk": ("annandag påsk", _easter_offset(1)),
    "valborgsmässoafton": ("valborgsmässoafton", _fixed(4, 30)),
    "första maj": ("första maj", _fixed(5, 1)),
    "kristi himmelsfärdsdag": ("kristi himmelsfärdsdag", _easter_offset(39)),
    "pingstafton": ("pingstafton", _easter_offset(48)),
    "pingstdagen": ("pingstdagen", _easter_offset(49)),
    "nationaldagen": ("nationaldagen", _fixed(6, 6)),
    "midsommarafton": ("midsommarafton", _first_weekday_between(6, 19, 4)),
    "midsommardagen": ("midsommardagen", _first_weekday_between(6, 20, 5)),
    "allhelgonaafton": ("allahelgonsafton", _first_weekday_between(10, 30, 4)),
    "alla helgons dag": ("alla helgons dag", _first_weekday_between(10, 31, 5)),
    "julafton": ("julafton", _fixed(12, 24)),
    "juldagen": ("juldagen", _fixed(12, 25)),
    "annandag jul": ("annandag jul", _fixed(12, 26)),
    "nyårsafton": ("nyårsafton", _fixed(12, 31)),
}


def _package_name(name: str) -> str:
    # "Valborgsmässoafton (från kl. 14.00)" -> "valborgsmässoafton"
    return name.split("(")[0].strip().lower()


@lru_cache(maxsize=64)
def holiday_table(year: int) -> dict[str, date]:
    """Every holiday key we understand -> its date in `year` (cached per year)."""
    by_name: dict[str, date] = {}
    for day, names in swedish_holidays(year, NAMED_DAYS).items():
        for name in names.split(";"):
            by_name.setdefault(_package_name(name), day)
    return {
        key: by_name.get(package_name) or rule(year)
        for key, (package_name, rule) in _HOLIDAY_RULES.items()
    }


def next_holiday(key: str, today: date, year: int | None) -> date | None:
    """The holiday in `year`, or the next one to come (today counts)."""
    if year is not None:
        return holiday_table(year).get(key)
    for candidate_year in (today.year, today.year + 1):
        day = holiday_table(candidate_year).get(key)
        if day is not None and day >= today:
            return day
    return None


# --- the council's meetings -------------------------------------------------------------


def local_starts(meetings: Iterable[datetime]) -> list[datetime]:
    """Meeting starts on the Stockholm clock, earliest first (naive ones taken as local)."""
    starts = [
        (m.replace(tzinfo=STOCKHOLM) if m.tzinfo is None else m).astimezone(STOCKHOLM)
        for m in meetings
    ]
    return sorted(starts)


def next_meeting(meetings: Sequence[datetime], now: datetime) -> datetime | None:
    """The first meeting starting after now."""
    return next((m for m in meetings if m > now), None)


def meeting_on(meetings: Sequence[datetime], day: date) -> datetime | None:
    """The first meeting on that local day, if any."""
    return next((m for m in meetings if m.date() == day), None)


def meeting_in_month(
    meetings: Sequence[datetime], now: datetime, month: int, year: int | None
) -> datetime | None:
    """First meeting in the next `month` to come (this month counts while it has one left)."""
    if year is not None:
        return next((m for m in meetings if (m.year, m.month) == (year, month) and m > now), None)
    first_year = now.year if month >= now.month else now.year + 1
    for candidate_year in (first_year, first_year + 1):
        found = next(
            (m for m in meetings if (m.year, m.month) == (candidate_year, month) and m > now),
            None,
        )
        if found is not None or candidate_year != now.year or month != now.month:
            return found
    return None
