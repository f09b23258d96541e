"""Saying why a date could not be read, so the person can fix it at once.

"Fredag 12 december" in a year where that is a Saturday, "31 juni", "senast imorgn": the
date reader rightly gives nothing, and these say what was wrong with what was written.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from dialogs.context import Context, Problem
from dialogs.dates.calendar import is_possible_day
from dialogs.dates.lexicon import MONTH, WEEKDAY_ANY, date_fragment
from dialogs.dates.parts import DateParts, Reject, date_parts, resolve
from dialogs.dates.writing import STOCKHOLM, format_moment

_DATE_ANYWHERE = re.compile(rf"(?<![\w/.:\-])(?:{date_fragment('a')})", re.IGNORECASE)
_DATE_WORD = re.compile(rf"(?<!\w)(?:{WEEKDAY_ANY}|{MONTH})(?!\w)", re.IGNORECASE)


def why_unreadable(context: Context, line: str) -> tuple[str, bool]:
    """Why no date could be read in a line, and whether it must be fixed.

    "Fredag 12 december" in a year where that is a Saturday, "Torsdag 31 februari": a date
    was meant but is impossible, so the line must be fixed (or removed) before ``ok``. A
    line without anything like a date ("Möten för hösten 2025") is a heading: passed over.
    """
    reason, values = _reason(context, line)
    return context.t(f"season.why.{reason}", **values), reason != "nothing"


def unreadable_date(context: Context, written: str, *, usage: str) -> Problem:
    """The reply to a date that cannot be read: what was written, why, and the right form."""
    reason, values = _reason(context, written)
    return context.problem(f"date.why.{reason}", written=written.strip(), usage=usage, **values)


def _reason(context: Context, line: str) -> tuple[str, dict[str, str]]:
    match = _DATE_ANYWHERE.search(line)
    parts = date_parts(match.groupdict(), "a") if match else None
    if match is None or parts is None:
        return ("no_date" if _DATE_WORD.search(line) else "nothing"), {}
    written = match.group().strip()
    if parts.day is not None and not is_possible_day(parts.month, parts.day):
        return "no_such_day", {"date": written}
    try:
        day = resolve(DateParts(parts.month, parts.day, parts.year, None), context.now.date())
    except Reject:
        return "no_such_day", {"date": written}
    if parts.weekday is not None and day.weekday() != parts.weekday:
        actual = format_moment(
            datetime.combine(day, time(0, 0), tzinfo=STOCKHOLM),
            context.lang,
            has_time=False,
            now=context.now,
        )
        return "weekday", {"weekday": match.group("a_wd"), "date": actual}
    return "no_date", {}


#: Words after which a date is certainly meant: what follows them and cannot be read is a
#: mistake to point out, never text to keep ("senast 31 juni", "deadline imorgn").
_DEADLINE_WORD = re.compile(
    r"(?<!\w)(?:senast(?:\s+den)?|deadline|sista\s+dag(?:en)?|till\s+och\s+med|t\.?\s?o\.?\s?m\.?"
    r"|no\s+later\s+than)\s+(?P<date>[^,;:\n]+?)\s*(?:[,;:\n]|$)",
    re.IGNORECASE,
)


def unread_deadline(text: str) -> str | None:
    """The words after a deadline word ("senast …") in a text where no date was read."""
    found = _DEADLINE_WORD.search(text)
    return found.group("date").strip(" .") if found else None
