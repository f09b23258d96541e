"""Swedish working days and the quiet hours no reminder may break.

A working day is Monday–Friday and not a Swedish public holiday, nor one of the eves that
Swedish workplaces keep free (midsommarafton, julafton, nyårsafton).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MORNING = time(8, 0)
#: Reminders are sent only from 07:00 up to 18:00, Stockholm time.
DAY_STARTS = time(7, 0)
DAY_ENDS = time(18, 0)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("SE", years=year, categories=("public", "de_facto"))
    return frozenset(calendar.keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_day_before(day: date) -> date:
    """The last working day strictly before ``day``."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


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
