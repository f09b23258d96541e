"""Swedish working days, the Swedish holiday calendar, and the quiet hours no reminder may
break.

A working day is Monday–Friday and not a Swedish public holiday, nor one of the eves that
Swedish workplaces keep free (midsommarafton, julafton, nyårsafton). :func:`swedish_holidays`
is the one place the holiday calendar (python-holidays) is read; dates written as a holiday's
name ("till midsommar") are read from it too (``dialogs.dates.calendar``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from dialogs.dates.writing import STOCKHOLM

#: The days Swedish workplaces keep free: public holidays and the eves kept as such.
DAYS_OFF = ("public", "de_facto")
#: Every day with a Swedish name a date may be written as ("trettondagsafton" too).
NAMED_DAYS = (*DAYS_OFF, "optional", "bank")
MORNING = time(8, 0)
#: Reminders are sent only from 07:00 up to 18:00, Stockholm time.
DAY_STARTS = time(7, 0)
DAY_ENDS = time(18, 0)


@lru_cache(maxsize=128)
def swedish_holidays(year: int, categories: tuple[str, ...] = DAYS_OFF) -> dict[date, str]:
    """Sweden's holidays in ``year``: date -> its Swedish name (several joined by ";")."""
    calendar = holidays.country_holidays("SE", years=year, language="sv", categories=categories)
    return {day: str(name) for day, name in calendar.items()}


@lru_cache(maxsize=64)
def _english_holidays(year: int) -> dict[date, str]:
    calendar = holidays.country_holidays("SE", years=year, language="en_US", categories=DAYS_OFF)
    return {day: str(name) for day, name in calendar.items()}


def load_calendars(year: int) -> None:
    """Read the holiday calendar, in both languages, for ``year`` and the next: its first
    reading loads the library's tables and translations (~90 ms), which a start-up pays
    rather than the first message that needs a day off."""
    for each in (year, year + 1):
        swedish_holidays(each)
        _english_holidays(each)


def day_off_name(day: date, lang: str) -> str | None:
    """The name of the holiday (or the eve kept free) ``day`` is, as it is written in running
    text: "julafton", "Kristi himmelsfärdsdag", "Christmas Eve"; None on other days."""
    names = (_english_holidays if lang == "en" else swedish_holidays)(day.year).get(day)
    if names is None:
        return None
    name = names.split(";")[0].strip()
    # Swedish writes the days in lower case; "Kristi" is a name.
    if lang != "en" and not name.startswith("Kristi"):
        name = name[:1].lower() + name[1:]
    return name


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in swedish_holidays(day.year)


def working_day_before(day: date) -> date:
    """The last working day strictly before ``day``."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def last_working_day_of_week(day: date) -> date:
    """The last working day of ``day``'s week: its Friday, or the day before a Friday that is
    a holiday (långfredag, juldagen: that week's deadline is the Thursday or Wednesday); the
    Friday still when the whole week is off."""
    friday = day + timedelta(days=4 - day.weekday())
    found = friday
    while not is_working_day(found) and found.weekday() > 0:
        found -= timedelta(days=1)
    return found if is_working_day(found) else friday


def working_days_before(day: date, count: int) -> date:
    """``count`` working days before ``day`` (0: the day itself)."""
    for _ in range(count):
        day = working_day_before(day)
    return day


def at_local(day: date, clock: time = MORNING) -> datetime:
    """``day`` at ``clock`` on the Stockholm wall clock, right across the DST changes."""
    return datetime.combine(day, clock, tzinfo=STOCKHOLM)


def is_sending_time(moment: datetime) -> bool:
    """True when a message may go out at ``moment``: a working day, 07:00 up to 18:00."""
    local = moment.astimezone(STOCKHOLM)
    return is_working_day(local.date()) and DAY_STARTS <= local.time() < DAY_ENDS


def within_sending_hours(moment: datetime) -> datetime:
    """``moment`` if a reminder may go out then; else 08:00 on the working day before.

    "Before" means the latest working-day 08:00 that is earlier than ``moment``: a reminder
    is never sent later than planned, and never at night, at a weekend or on a holiday.
    """
    local = moment.astimezone(STOCKHOLM)
    if is_sending_time(local):
        return local
    day = local.date()
    if is_working_day(day) and local.time() >= DAY_ENDS:
        return at_local(day)
    return at_local(working_day_before(day))


def next_sending_time(moment: datetime) -> datetime:
    """``moment`` if a message may go out then; else 08:00 on the next working day."""
    local = moment.astimezone(STOCKHOLM)
    day = local.date()
    if is_sending_time(local):
        return local
    if is_working_day(day) and local.time() < DAY_STARTS:
        return at_local(day)
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return at_local(day)
