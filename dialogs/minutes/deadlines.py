"""Deadlines of action items in minutes, as written, read relative to the minutes' own date.

A deadline in minutes is often rough: "i mars", "v. 45", "under våren", "efter sommaren".
Such a deadline is kept as its latest day plus the words it was written with, so the preview
can say "i mars 2027 (senast ons 31 mar)" and a reminder has a day to aim at. Conventions:

* a month ("i mars", "i slutet av september", "senast i januari", "Januari 2027"): the last
  day of that month; a month before the meeting's month means next year;
* a week ("v. 45", "vecka 45", "nästa vecka"): its last working day, the Friday (the
  Thursday of the week of långfredag; as the chat's dates read it, ``find_when``);
* "under våren": 30 June; "under hösten": 31 December (the autumn term runs to the new
  year, as councils plan it); "efter sommaren": 1 September (the first day after it);
* "till/inför nästa möte": the first coming meeting after the minutes' date (saved or
  proposed); "till mötet i februari": that meeting when known, else the rough month;
* a weekday ("på fre", "senast onsdag"): the first such day after the meeting;
* "inom två veckor": the meeting's date + 14 days; "idag": the meeting's date;
* "Löpande"/"ongoing" and "snarast"/"ASAP": no day, only the words (no reminder is invented);
* anything else the general date reader (`dialogs.dates.reading.find_when`) understands.

A phrase that names a time but cannot be placed ("till nästa möte" with no coming meeting
known) is kept with a `problem`, so the preview says why instead of dropping it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from dialogs.dates.calendar import last_day_of_month, next_holiday
from dialogs.dates.lexicon import MONTHS, NUMBER_WORDS, WEEKDAYS
from dialogs.dates.reading import find_when
from dialogs.dates.workdays import last_working_day_of_week
from dialogs.dates.writing import STOCKHOLM
from dialogs.text.folding import fold

Problem = Literal["no_next_meeting", "unreadable"]


@dataclass(frozen=True)
class Deadline:
    """A deadline as written: its latest day (or exact moment), and words when rough."""

    written: str  # the phrase as in the minutes
    due: datetime | None  # local midnight of the latest day, or the exact moment
    has_time: bool = False
    rough: str | None = None  # words for a rough period: "i mars 2027", "v. 45", "löpande"
    problem: Problem | None = None  # why no day could be given


@dataclass(frozen=True)
class FoundDeadline:
    deadline: Deadline
    start: int
    end: int


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=STOCKHOLM)


_MONTH_WORDS = "|".join(
    sorted((m for m in MONTHS if len(m) > 3 or m == "maj"), key=len, reverse=True)
)
_WEEKDAY_WORDS = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUMBER = "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
_LEAD = r"(?:(?:senast|klart|klar|färdig|till|före|innan|inför|by|before|until|deadline)\s+)?"
_MEETING_WORD = (
    r"(?:möte[t]?|träff(?:en)?|sammanträde[t]?|avstämning(?:en)?|avst\b\.?|gång(?:en)?|meeting)"
)

_PLAIN_LETTERS = str.maketrans({"å": "[åa]", "ä": "[äa]", "ö": "[öo]"})


def _lenient(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A deadline pattern that also reads text typed without å, ä and ö ("till nasta
    mote", "under varen"), as on a keyboard without them."""
    return re.compile(pattern.translate(_PLAIN_LETTERS), flags)


_ONGOING = _lenient(r"\b(?:löpande|fortlöpande|kontinuerligt|ongoing|continuous)\b", re.I)
_SOON = _lenient(
    r"\b(?:asap|snarast(?: möjligt)?|så snart som möjligt|as soon as possible)\b", re.I
)
_NEXT_MEETING = _lenient(
    rf"\b(?:till|inför|före|innan|until|before|by|i\s+samband\s+med|vid)\s+(?:(?:nästa|kommande)\s+(?:[\w:-]+s\s+)?"
    rf"{_MEETING_WORD}|(?:the\s+)?next\s+meeting)\b",
    re.I,
)
_MEETING_IN_MONTH = _lenient(
    rf"\b(?:till|inför|före|på)\s+(?:[\w:-]+s\s+)?{_MEETING_WORD}\s+i\s+(?P<month>{_MONTH_WORDS})\b",
    re.I,
)
_SEASONS_FIRST_MEETING = _lenient(
    rf"\b(?:till|inför|före|innan|på|by)\s+(?P<season>höstens|vårens)\s+första\s+{_MEETING_WORD}",
    re.I,
)
_QUARTER = _lenient(
    r"\b(?:(?:senast|till|under|i|by|in)\s+)?(?:(?-i:Q)(?P<q>[1-4])|(?P<word>första|andra|tredje|fjärde)"
    r"\s+kvartalet|kvartal\s+(?P<n>[1-4]))(?:\s*-?\s*(?P<year>20\d\d))?\b",
    re.I,
)
_WEEK = _lenient(
    r"\b(?:senast\s+|till\s+|under\s+|i\s+)?(?:v\.?|vecka|week)\s*(?P<week>\d{1,2})\b", re.I
)
_NEXT_WEEK = _lenient(r"\b(?:senast\s+|under\s+)?(?:nästa vecka|next week)\b", re.I)
_WEEK_AFTER_EASTER = _lenient(r"\bveckan efter påsk(?:en)?\b", re.I)
_MONTH = _lenient(
    rf"(?<![\d.])\b(?:(?:senast\s+|till\s+|före\s+|innan\s+|under\s+|by\s+|in\s+)?"
    rf"(?:i\s+(?:slutet\s+av\s+|början\s+av\s+|mitten\s+av\s+)?|in\s+|end\s+of\s+)?)"
    rf"(?P<month>{_MONTH_WORDS})(?:\s+(?P<year>20\d\d))?\b(?!\s*\d)",
    re.I,
)
_SEASON = _lenient(
    r"\b(?:(?:klart\s+|senast\s+)?(?:under|till|före|inom|i)\s+)?(?:(?P<spring>våren|vår(?<!var)|(?-i:VT))|"
    r"(?P<autumn>hösten|höst|(?-i:HT)))(?:\s*-?(?P<year>20\d\d|\d\d(?!\d)))?\b",
    re.I,
)
_AFTER_SUMMER = _lenient(
    r"\b(?:(?:efter|after)\s+(?:sommaren|semestern|the\s+summer|summer)|till\s+hösten)\b", re.I
)
_BEFORE_SUMMER = _lenient(
    r"\b(?:innan|före|inför|before)\s+(?:sommaren|semestern|sommaruppehållet|the\s+summer|summer)\b",
    re.I,
)
_WITHIN = _lenient(
    rf"\b(?:inom|within|in)\s+(?P<n>\d{{1,2}}|{_NUMBER})\s+(?P<unit>veckor|vecka|weeks?|dagar|dag|days?)\b",
    re.I,
)
_TODAY = _lenient(r"\b(?:idag|i dag|today)\b", re.I)
_MONTH_END = _lenient(r"\b(?:till|före|innan|vid|senast|by)\s+månadsskiftet\b", re.I)
_AFTER_NEW_YEAR = _lenient(r"\b(?:efter|after)\s+(?:nyår|nyåret|new\s+year)\b", re.I)
_WEEKDAY = _lenient(
    rf"\b(?:(?:senast|klart|klar|på|till|by|on|until)\s+)+(?:på\s+)?(?P<day>{_WEEKDAY_WORDS})\b"
    rf"(?!\s+(?:\d|v\.|vecka))",
    re.I,
)


def find_deadline(
    text: str, *, held: datetime, coming: Sequence[datetime] = ()
) -> FoundDeadline | None:
    """The first deadline phrase in `text`, read as of the meeting `held`.

    `coming` are the council's coming meetings (saved and proposed by the minutes).
    """
    today = held.astimezone(STOCKHOLM).date()
    after = sorted(m for m in coming if m.astimezone(STOCKHOLM).date() > today)
    found: list[FoundDeadline] = []
    for reader in _READERS:
        result = reader(text, today, after)
        if result is not None:
            found.append(result)
    general = find_when(text, now=_midnight(today), meetings=after)
    if general is not None:
        when, start, end = general
        if not any(f.start <= start < f.end or start <= f.start < end for f in found):
            found.append(
                FoundDeadline(
                    Deadline(text[start:end].strip(), when.start, when.has_time), start, end
                )
            )
    if not found:
        return None
    # "heldagen i april, senast 30 januari": the phrase that says it is a deadline wins.
    marked = [f for f in found if _DEADLINE_WORD.match(f.deadline.written)]
    return min(marked or found, key=lambda f: (f.start, -f.end))


_DEADLINE_WORD = re.compile(r"^(?:senast|deadline|klart?\b|by\b|before\b)", re.I)


def _ongoing(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _ONGOING.search(text)
    return _found(match, None, "löpande") if match else None


def _soon(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _SOON.search(text)
    return _found(match, None, "snarast") if match else None


def _next_meeting(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _NEXT_MEETING.search(text)
    if not match:
        return None
    if coming:
        return FoundDeadline(Deadline(match.group().strip(), coming[0], True), *match.span())
    written = match.group().strip()
    return FoundDeadline(
        Deadline(written, None, rough=written, problem="no_next_meeting"), *match.span()
    )


def _meeting_in_month(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _MEETING_IN_MONTH.search(text)
    if not match:
        return None
    month = MONTHS[match["month"].lower()]
    for meeting in coming:
        if meeting.astimezone(STOCKHOLM).month == month:
            return FoundDeadline(Deadline(match.group().strip(), meeting, True), *match.span())
    year = today.year + (month < today.month)
    last = last_day_of_month(year, month)
    return _found(match, last, f"{match.group().strip()} {year}")


#: The months of a council's terms: spring from January, autumn from August.
_TERMS = {"varens": range(1, 8), "hostens": range(8, 13)}


def _seasons_first_meeting(
    text: str, today: date, coming: Sequence[datetime]
) -> FoundDeadline | None:
    """ "till höstens första möte": the first coming meeting of that term, when it is known;
    else no day, only the words (the preview asks for one)."""
    match = _SEASONS_FIRST_MEETING.search(text)
    if not match:
        return None
    months = _TERMS[fold(match["season"])]
    for meeting in coming:
        if meeting.astimezone(STOCKHOLM).month in months:
            return FoundDeadline(Deadline(match.group().strip(), meeting, True), *match.span())
    return FoundDeadline(
        Deadline(match.group().strip(), None, problem="no_next_meeting"), *match.span()
    )


_QUARTER_WORDS = {"forsta": 1, "andra": 2, "tredje": 3, "fjarde": 4}


def _quarter(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    """ "Q1 2027", "första kvartalet", "kvartal 3": by the quarter's last day."""
    match = _QUARTER.search(text)
    if not match:
        return None
    number = int(match["q"] or match["n"] or 0) or _QUARTER_WORDS[fold(match["word"])]
    last_month = number * 3
    year = int(match["year"]) if match["year"] else today.year + (last_month < today.month)
    return _found(match, last_day_of_month(year, last_month), f"Q{number} {year}")


def _week(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _WEEK.search(text)
    if match:
        week = int(match["week"])
        if not 1 <= week <= 53:
            return None
        year = today.year + (week < today.isocalendar().week)
        try:
            last = last_working_day_of_week(date.fromisocalendar(year, week, 1))
        except ValueError:
            return None
        return _found(match, last, f"v. {week} {year}")
    match = _NEXT_WEEK.search(text)
    if match:
        last = last_working_day_of_week(today + timedelta(days=7 - today.weekday()))
        return _found(match, last, f"v. {last.isocalendar().week} {last.year}")
    match = _WEEK_AFTER_EASTER.search(text)
    if match:
        easter = next_holiday("påskdagen", today, None)
        if easter is None:
            return None
        friday = easter + timedelta(days=5)
        return _found(match, friday, f"v. {friday.isocalendar().week} {friday.year}")
    return None


def _month(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    for match in _MONTH.finditer(text):
        word = match["month"]
        if re.search(r"\d\.?\s*$", text[: match.start()]):
            continue  # "15 juni" is a date, read by the general reader
        led = match.group().lower() != word.lower()
        if not (led or match["year"] or text.strip(" .,;") == match.group()):
            continue  # a bare month in a sentence ("sedan mars") is no deadline
        month = MONTHS[word.lower()]
        year = int(match["year"]) if match["year"] else today.year + (month < today.month)
        last = last_day_of_month(year, month)
        return _found(match, last, f"{_lead_words(match.group())} {year}".strip())
    return None


def _lead_words(written: str) -> str:
    words = re.sub(r"\s+20\d\d$", "", written.strip())
    words = re.sub(r"^(?:senast|till|före|innan|under|by|in)\s+(?=i\s|in\s)", "", words, flags=re.I)
    if not re.match(r"^(?:i|in|senast|till|före|innan|under|by|end)\b", words, re.I):
        words = f"i {words.lower()}"
    return words


def _season(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _SEASON.search(text)
    if not match:
        return None
    term = (match["spring"] or match["autumn"]) in ("VT", "HT")
    if not (term and match["year"]) and not match.group().lower().startswith(
        ("under", "till", "före", "inom", "i ", "klart", "senast")
    ):
        return None  # "en jämförelse med hösten 2026" only talks about it; "VT 2028" says when
    written = int(match["year"]) if match["year"] else None
    if written is not None and written < 100:
        written += 2000
    if match["spring"]:
        year = written or today.year + (today.month > 6)
        return _found(match, date(year, 6, 30), f"under våren {year}")
    year = written or today.year
    return _found(match, date(year, 12, 31), f"under hösten {year}")


def _summer(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    """ "efter sommaren", "till hösten": from 1 September; "innan sommaren", "before
    summer": in the spring, by 30 June. The next such day after the meeting."""
    after = _AFTER_SUMMER.search(text)
    before = _BEFORE_SUMMER.search(text)
    match = min((m for m in (after, before) if m), key=lambda m: m.start(), default=None)
    if match is None:
        return None
    day, rough = (
        (date(1, 9, 1), "efter sommaren") if match is after else (date(1, 6, 30), "under våren")
    )
    year = today.year + (today.month > day.month)
    return _found(match, day.replace(year=year), f"{rough} {year}")


def _within(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _WITHIN.search(text)
    if not match:
        return None
    count = match["n"].lower()
    n = int(count) if count.isdigit() else NUMBER_WORDS.get(count, 0)
    days = n * (1 if match["unit"].lower().startswith(("dag", "day")) else 7)
    if not days:
        return None
    return FoundDeadline(
        Deadline(match.group().strip(), _midnight(today + timedelta(days=days))), *match.span()
    )


def _month_end(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    """ "till månadsskiftet": the last day of the meeting's month; "efter nyår": January."""
    match = _MONTH_END.search(text)
    if match:
        last = last_day_of_month(today.year, today.month)
        return FoundDeadline(Deadline(match.group().strip(), _midnight(last)), *match.span())
    match = _AFTER_NEW_YEAR.search(text)
    if match:
        year = today.year + (today.month > 1)  # the coming January
        return _found(match, date(year, 1, 31), f"i januari {year}")
    return None


def _today(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _TODAY.search(text)
    if not match:
        return None
    return FoundDeadline(Deadline(match.group().strip(), _midnight(today)), *match.span())


def _weekday(text: str, today: date, coming: Sequence[datetime]) -> FoundDeadline | None:
    match = _WEEKDAY.search(text)
    if not match:
        return None
    weekday = WEEKDAYS[match["day"].lower()]
    ahead = (weekday - today.weekday() - 1) % 7 + 1  # the first such day after the meeting
    return FoundDeadline(
        Deadline(match.group().strip(), _midnight(today + timedelta(days=ahead))), *match.span()
    )


def _found(match: re.Match[str], last: date | None, rough: str) -> FoundDeadline:
    due = _midnight(last) if last else None
    return FoundDeadline(Deadline(match.group().strip(), due, rough=rough), *match.span())


_READERS = (
    _ongoing,
    _soon,
    _next_meeting,
    _meeting_in_month,
    _seasons_first_meeting,
    _quarter,
    _week,
    _summer,
    _season,
    _within,
    _today,
    _month_end,
    _weekday,
    _month,
)
