"""dateparser as the last resort of `dialogs.dates.reading`, fenced in so it cannot invent dates.

Our own recognisers handle what council members actually write; dateparser gets only what
is left, and only when every word of it is date vocabulary. Whatever it returns is checked
against the text (year, month, weekday, day numbers), because left alone it reads
"32 maj" as May 2032 and "1177" as the year 1177.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from dialogs.dates.calendar import local_moment
from dialogs.dates.lexicon import FALLBACK_ANCHORS, FALLBACK_WORDS, MONTHS, UNITS, WEEKDAYS

_WORD = re.compile(r"[^\W\d_]+")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_LONG_NUMBER = re.compile(r"\d{5,}")
# Day-like numbers: not part of a clock time, a year, or a numeric date.
_SMALL_NUMBER = re.compile(r"(?<![\d:.])(\d{1,3})(?![\d:.]\d)")
# Where a text writes a time of day: "9.30", "14:05", "9am", "at 9", "kl 9".
_CLOCK_NUMBERS = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2})[:.](?P<m>\d\d)(?![\d:.])"
    r"|(?P<h2>\d{1,2})\s*[ap]\.?m\b"
    r"|\b(?:kl|klockan|at)\.?\s*(?P<h3>\d{1,2})(?![\d:.])",
    re.IGNORECASE,
)
_HAS_CLOCK = re.compile(
    r"\d[:.]\d\d|\d\s*[ap]\.?m\b|\b(?:am|pm|noon|midnight|midday|kl|klockan|at)\b", re.IGNORECASE
)
# Results further ahead than this without an explicit year are not what anyone meant.
_HORIZON = timedelta(days=3 * 366)

_dateparser: Any = None


def _engine() -> Any:
    """Import dateparser on first use: it takes half a second and is rarely needed."""
    global _dateparser
    if _dateparser is None:
        import dateparser

        _dateparser = dateparser
    return _dateparser


def fallback_when(text: str, now_local: datetime) -> tuple[datetime, bool] | None:
    """(start, has_time) read by dateparser from `text`, or None if it is not a date.

    `text` must already be trimmed and free of deadline words.
    """
    lowered = text.lower()
    words = _WORD.findall(lowered)
    if not words or any(word not in FALLBACK_WORDS for word in words):
        return None
    if not any(word in FALLBACK_ANCHORS for word in words) or _LONG_NUMBER.search(text):
        return None
    months = {MONTHS[word] for word in words if word in MONTHS}
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future",
        # Naive local base and naive result, made aware with zoneinfo afterwards: dateparser's
        # own aware results use the base's UTC offset, which is wrong across a DST change.
        "RELATIVE_BASE": now_local.replace(tzinfo=None, second=0, microsecond=0),
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        # No "timestamp"/"no-spaces-time": those turn bare numbers into dates.
        "PARSERS": ["relative-time", "absolute-time"],
    }
    if months:
        settings["REQUIRE_PARTS"] = ["day", "month"]
    try:
        result = _engine().parse(text, languages=["sv", "en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if result is None or not _agrees(result, text, words, months, now_local.date()):
        return None
    has_time = bool(_HAS_CLOCK.search(text)) or any(
        UNITS[word][0] == "minutes" for word in words if word in UNITS
    )
    if has_time:
        return local_moment(result.date(), result.hour, result.minute), True
    return local_moment(result.date()), False


def _agrees(result: datetime, text: str, words: list[str], months: set[int], today: date) -> bool:
    """Whether dateparser's answer matches what the text says explicitly."""
    years = {int(year) for year in _FOUR_DIGIT_YEAR.findall(text)}
    if years:
        if result.year not in years:
            return False
    elif not today <= result.date() <= today + _HORIZON:
        return False
    if months and result.month not in months:
        return False
    weekdays = {WEEKDAYS[word] for word in words if word in WEEKDAYS}
    if weekdays and result.weekday() not in weekdays:
        return False
    return _numbers_agree(result, text, bool(months))


def _numbers_agree(result: datetime, text: str, has_month: bool) -> bool:
    """Every number in the text is in the answer: dateparser drops what it cannot place.

    Left alone it reads "imorgon 9" as tomorrow, "idag 99" as today and "tomorrow 3 days"
    as three days from now. Years were checked already; a clock time must be the answer's
    hour and minute; any other number must be its day or its year's two digits ("3 juni
    26"), and only with a month name to make it so (durations such as "om 3 dagar" are
    read by our own recognisers).
    """
    hours = {result.hour, result.hour % 12 or 12}
    for clock in _CLOCK_NUMBERS.finditer(text):
        hour = int(clock["h"] or clock["h2"] or clock["h3"])
        minute = int(clock["m"] or 0)
        if hour not in hours or minute != result.minute:
            return False
    rest = _CLOCK_NUMBERS.sub(" ", _FOUR_DIGIT_YEAR.sub(" ", text))
    numbers = _SMALL_NUMBER.findall(rest)
    if not numbers:
        return True
    short_year = f"{result.year % 100:02d}"
    return has_month and all(int(n) == result.day or n == short_year for n in numbers)
