"""Writing dates back the way a Swedish (or English) reader expects them.

``fre 12 sep kl. 09.30``, ``13 okt``, ``v. 21`` — always in Europe/Stockholm.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

_WEEKDAYS = {
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS = {
    "sv": ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

_WEEKDAYS_IN_FULL = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS_IN_FULL = {
    "sv": (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def local(moment: datetime) -> datetime:
    """The same moment on the Stockholm wall clock."""
    return moment.astimezone(STOCKHOLM)


def format_day(moment: datetime, lang: str, *, now: datetime | None = None) -> str:
    """``fre 12 sep`` — with the year only when it is not the current one."""
    day = local(moment)
    lang = lang if lang in _MONTHS else "sv"
    text = f"{_WEEKDAYS[lang][day.weekday()]} {day.day} {_MONTHS[lang][day.month - 1]}"
    if now is None or local(now).year != day.year:
        text += f" {day.year}"
    return text


def format_day_in_full(moment: datetime, lang: str, *, now: datetime) -> str:
    """``onsdag 14 maj`` / ``Wednesday 14 May``, as said in a sentence; with the year only
    when it is not the current one."""
    day = local(moment)
    lang = lang if lang in _MONTHS_IN_FULL else "sv"
    text = (
        f"{_WEEKDAYS_IN_FULL[lang][day.weekday()]} {day.day} {_MONTHS_IN_FULL[lang][day.month - 1]}"
    )
    if local(now).year != day.year:
        text += f" {day.year}"
    return text


def format_date(day: date, lang: str, *, year: bool = False, long: bool = False) -> str:
    """``30 nov``, ``30 nov 2027``, ``24 december`` (sv) or ``30 Nov``, ``24 December`` (en):
    a day without its weekday, for questions about the day itself."""
    lang = lang if lang in _MONTHS else "sv"
    month = (_MONTHS_IN_FULL if long else _MONTHS)[lang][day.month - 1]
    text = f"{day.day} {month}"
    return f"{text} {day.year}" if year else text


def format_clock(moment: datetime, lang: str) -> str:
    """``09.30`` in Swedish, ``09:30`` in English."""
    at = local(moment)
    separator = "." if lang == "sv" else ":"
    return f"{at.hour:02d}{separator}{at.minute:02d}"


def format_moment(
    moment: datetime,
    lang: str,
    *,
    now: datetime | None = None,
    has_time: bool = True,
    end: datetime | None = None,
) -> str:
    """``fre 12 sep kl. 09.30–15.30`` (sv) or ``Fri 12 Sep, 09:30–15:30`` (en)."""
    text = format_day(moment, lang, now=now)
    if not has_time:
        return text
    clock = format_clock(moment, lang)
    if end is not None and local(end).date() == local(moment).date():
        clock += "–" + format_clock(end, lang)
    return f"{text} kl. {clock}" if lang == "sv" else f"{text}, {clock}"


#: what a meeting shows instead of a time it does not have yet
_NO_TIME = {"sv": "tid ej angiven", "en": "time not set"}


def format_meeting_when(
    starts_at: datetime,
    lang: str,
    *,
    now: datetime | None = None,
    end: datetime | None = None,
    time_known: bool = True,
) -> str:
    """A meeting's day and time, or ``tis 12 mar, tid ej angiven`` when its time is not known
    yet: never the midnight it is stored at, never invented hours."""
    if time_known:
        return format_moment(starts_at, lang, now=now, end=end)
    no_time = _NO_TIME["en" if lang == "en" else "sv"]
    return f"{format_day(starts_at, lang, now=now)}, {no_time}"


def format_week(moment: datetime, lang: str) -> str:
    """``v. 21`` (sv) or ``week 21`` (en)."""
    week = local(moment).isocalendar().week
    return f"v. {week}" if lang == "sv" else f"week {week}"
