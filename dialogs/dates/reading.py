"""Reading dates the way Swedish council members write them.

"senast den 31 maj", "fre 12 sep kl 09.30–15.30", "v. 21", "till nästa möte", "inför SOR
7 maj", "innan årsskiftet", "i morgon kl 9" — and the English equivalents. Our own compiled
recognisers handle the forms people actually write (fast, and strict about impossible dates);
dateparser is the fallback for the long tail, fenced in by `dialogs.dates.fallback`.

Rules that hold throughout:

* All results are aware datetimes in Europe/Stockholm, built from local calendar dates so a
  DST change never shifts a wall-clock time.
* A date without a year is the next one to come (today counts); a weekday is the next such
  day (today counts); a time alone is today if still to come, else tomorrow. A yearless
  range that began within the last month is the one under way ("9 februari - 30 mars" read
  on 15 February is this year's).
* Where a full date is written, the words in front of it only have to agree with it: "på
  fredag 18 april", "nästa fredag 18/4", "i morgon 10/4" are that date, or None if the
  weekday or day disagrees.
* "kl 24.00" with a day is the last minute of that day (23.59); alone it is no time.
* Nothing is ever guessed: an impossible date ("32 maj", "vecka 54", "kl 25") or a meeting
  that does not exist gives None, never some other date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from dialogs.dates.calendar import (
    add_months,
    is_possible_day,
    iso_week_day,
    last_day_of_month,
    local_moment,
    local_starts,
    meeting_in_month,
    meeting_on,
    monday_of,
    next_holiday,
    next_meeting,
    next_weekday,
)
from dialogs.dates.fallback import fallback_when
from dialogs.dates.lexicon import (
    ABBREVIATION,
    AMOUNT_AFTER,
    DASH,
    DATE_TIME_JOINER,
    DEADLINE_PREFIX,
    HOLIDAY,
    HOLIDAYS,
    MEETING_NOUN,
    MEETING_PREFIX,
    MONTH,
    MONTHS,
    NUMBER,
    NUMBER_WORDS,
    ORDINAL_SUFFIX,
    RELATIVE_DAY,
    RELATIVE_DAYS,
    UNIT,
    UNITS,
    WEEKDAY_ANY,
    WEEKDAY_FULL,
    WEEKDAY_QUALIFIER,
    WEEKDAYS,
    YEAR,
    bare_hours_fragment,
    clock_fragment,
    date_fragment,
    day_only_fragment,
)
from dialogs.dates.month_typos import mend_month_typos
from dialogs.dates.parts import (
    END_OF_DAY,
    Clock,
    DateParts,
    Groups,
    Reject,
    clocks,
    date_parts,
    key,
    required,
    resolve,
)
from dialogs.dates.workdays import is_working_day, last_working_day_of_week, working_day_before
from dialogs.dates.writing import STOCKHOLM

__all__ = ["STOCKHOLM", "When", "find_when", "parse_when"]


@dataclass(frozen=True, slots=True)
class When:
    """A point in time read from text.

    `start` is aware (Europe/Stockholm). Without a time of day it is local midnight and
    `has_time` is False. `end` is set for ranges: a time range ends at a time on the same
    (or next) day; a date range ends at local midnight of its last day.
    """

    start: datetime
    end: datetime | None = None
    has_time: bool = False
    #: a day and month written without a year ("30 nov"): the year is the reader's, the next
    #: one to come, so a day just passed may not be what was meant (``dialogs.dates.doubts``);
    #: how it was written, not which day it is: left out of comparisons
    year_guessed: bool = field(default=False, compare=False)


# --- plumbing ----------------------------------------------------------------------------


@dataclass
class _Context:
    now: datetime  # on the Stockholm clock
    raw_meetings: Sequence[datetime]
    _meetings: list[datetime] | None = field(default=None, repr=False)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def meetings(self) -> list[datetime]:
        # Sorted lazily: most texts never mention a meeting.
        if self._meetings is None:
            self._meetings = local_starts(self.raw_meetings)
        return self._meetings


_Handler = Callable[[Groups, _Context], When | None]


@dataclass(frozen=True)
class _Recogniser:
    name: str
    whole: re.Pattern[str]  # the expression alone, for parse_when
    inside: re.Pattern[str]  # the expression with its lead-in words, for find_when
    handle: _Handler


def _recogniser(
    name: str,
    core: str,
    handle: _Handler,
    *,
    lead_in: str = DEADLINE_PREFIX,
    lead_in_required: bool = False,
    lead_named: bool = False,
) -> _Recogniser:
    optional = "" if lead_in_required else "?"
    # Not glued to a word, number or path on either side: "BORIS-data" has no "data", "11/6"
    # no "1/6", "V21.pdf" and "2025-04-09.pptx" are file names.
    lead = f"(?P<lead>{lead_in})" if lead_named else f"(?:{lead_in})"
    inside = rf"(?<![\w/.:\-]){lead}{optional}(?P<core>{core})(?![\w/]|[.:,]\w)"
    return _Recogniser(
        name, re.compile(core, re.IGNORECASE), re.compile(inside, re.IGNORECASE), handle
    )


def _run(
    recogniser: _Recogniser, match: re.Match[str], context: _Context, lead: str | None = None
) -> When | None:
    """The recogniser's reading of its match; ``lead`` is the deadline word before a whole
    text ("innan jul"), which the match of ``parse_when`` does not hold."""
    groups = match.groupdict()
    if lead is not None:
        groups["lead"] = lead
    try:
        return recogniser.handle(groups, context)
    except Reject:
        return None


def _at(day: date, clock: Clock) -> datetime:
    # "kl 24.00 den 31 maj" is the very end of that day: its last minute, still on that day.
    return local_moment(day, 23, 59) if clock == END_OF_DAY else local_moment(day, *clock)


def _on_day(day: date, start: Clock | None = None, end: Clock | None = None) -> When:
    if start is None:
        return When(local_moment(day))
    if end is None:
        return When(_at(day, start), None, True)
    if end == start:
        raise Reject
    # "22.00-02.00" ends the next day.
    end_day = day if end > start else day + timedelta(days=1)
    first, last = _at(day, start), _at(end_day, end)
    # Compared as moments, not clocks: "2.30-3.30" on the night DST starts is 03.30-03.30.
    if not first < last:
        raise Reject
    return When(first, last, True)


def _date(groups: Groups, p: str, context: _Context) -> date:
    return resolve(required(date_parts(groups, p)), context.today)


# --- recognisers -------------------------------------------------------------------------

# A date range longer than this is a misreading ("30 mars - 9 februari" read across years).
_LONGEST_RANGE = timedelta(days=366)
# A yearless range whose first day is at most this far back is the one under way.
_UNDER_WAY = timedelta(days=31)


def _earlier_day(last: DateParts, days: str) -> DateParts:
    """ "18" of "18-19 september": a day before `last`, in its month.

    Days must come in order: "12-3 juni" is no range that anyone writes, so it must not
    become 12 June to 3 June next year.
    """
    first = int(days)
    if last.day is None or not is_possible_day(last.month, first) or not first < last.day:
        raise Reject
    return DateParts(last.month, first, last.year, None)


def _date_range(groups: Groups, context: _Context) -> When | None:
    last = required(date_parts(groups, "b"))
    if groups.get("a_d0"):
        first = _earlier_day(last, groups["a_d0"])
    else:
        first = required(date_parts(groups, "a"))
    if first.year is None and last.year is not None:
        # "20 dec - 5 jan 2026": the first day belongs to the year before.
        crosses = (first.month, first.day or 31) > (last.month, last.day or 31)
        first = DateParts(first.month, first.day, last.year - crosses, first.weekday)
    under_way = first.year is None and last.year is None and _under_way(first, last, context)
    if under_way:
        start, end = under_way
    else:
        start = resolve(first, context.today)
        end = resolve(last, start)
    if not start < end <= start + _LONGEST_RANGE:
        raise Reject
    return When(local_moment(start), local_moment(end), False)


def _under_way(first: DateParts, last: DateParts, context: _Context) -> tuple[date, date] | None:
    """A yearless range that began lately is this year's, under way: "9 februari - 30 mars"
    read on 15 February. Its next last day decides, and the first is the one before it.
    One long begun ("1 februari till 15 juni" read in April) is left to the next to come."""
    try:
        end = resolve(last, context.today)
        start = resolve(first, end - _LONGEST_RANGE + timedelta(days=1))
    except Reject:
        return None
    return (start, end) if start >= context.today - _UNDER_WAY else None


def _first_of_days(groups: Groups, context: _Context) -> When | None:
    """ "3, 4 och 5 juni": the first of the days, which is when something must be ready."""
    last = required(date_parts(groups, "b"))
    written = (groups["a_d0"], *_DIGITS.findall(groups.get("more") or ""))
    days = [int(d) for d in written] + [last.day or 0]
    # In order within one month ("5 och 3 juni", "3 och sista juni" are no such list).
    if days[0] < 1 or any(a >= b for a, b in zip(days, days[1:], strict=False)):
        raise Reject
    # Resolved through the last day, so a list under way keeps its month and year.
    end = resolve(last, context.today)
    return When(local_moment(end.replace(day=days[0])))


def _one_date(groups: Groups, context: _Context) -> When | None:
    day = _date(groups, "a", context)
    if groups.get("rel") and day != context.today + timedelta(days=_relative(groups)):
        raise Reject  # "i morgon 11/4" said on 9 April: one of them is a typo
    return _year_guessed(groups, _on_day(day, *clocks(groups, "t", "s")))


def _year_guessed(groups: Groups, when: When) -> When:
    """Marks a day and month read without a year ("30 nov", "13/10")."""
    parts = date_parts(groups, "a")
    guessed = parts is not None and parts.year is None and parts.day is not None
    return replace(when, year_guessed=True) if guessed else when


def _meeting_or_day(day: date, context: _Context) -> When:
    meeting = meeting_on(context.meetings, day)
    return When(meeting, None, True) if meeting else When(local_moment(day))


def _meeting_on_date(groups: Groups, context: _Context) -> When | None:
    day = _date(groups, "a", context)
    start, end = clocks(groups, "t")
    # A time written out wins over the meeting's stored one ("mötet 7 maj kl 13").
    return _year_guessed(
        groups, _on_day(day, start, end) if start else _meeting_or_day(day, context)
    )


def _meeting_next(groups: Groups, context: _Context) -> When | None:
    meeting = next_meeting(context.meetings, context.now)
    return When(meeting, None, True) if meeting else None


def _meeting_in_month(groups: Groups, context: _Context) -> When | None:
    month = MONTHS[key(groups.get("mm") or groups["mm2"])]
    year = int(groups["my"]) if groups.get("my") else None
    meeting = meeting_in_month(context.meetings, context.now, month, year)
    return When(meeting, None, True) if meeting else None


def _relative(groups: Groups) -> int:
    return RELATIVE_DAYS[key(groups["rel"])]


def _relative_day(groups: Groups, context: _Context) -> When | None:
    day = context.today + timedelta(days=_relative(groups))
    return _on_day(day, *clocks(groups, "t", "s"))


# "om en halvtimme", "in half an hour": no number to read, always 30 minutes.
_HALF_HOUR = ("minutes", 30)


def _in_amount(groups: Groups, context: _Context) -> When | None:
    if groups.get("half"):
        count, (kind, size) = 1, _HALF_HOUR
    else:
        number = key(groups.get("n") or groups["n2"])
        count = int(number) if number.isdigit() else NUMBER_WORDS[number]
        kind, size = UNITS[key(groups.get("u") or groups["u2"])]
        if number == "ett par" and kind != "minutes":
            # "om ett par timmar" is two hours near enough; "om ett par veckor" is vague
            # and would turn into a firm deadline.
            raise Reject
    start, end = clocks(groups, "t")
    if kind == "minutes":
        if start is not None:
            raise Reject  # "om 2 timmar kl 9" says two different things
        # Elapsed time: add in UTC (aware + timedelta is wall-clock arithmetic in Python,
        # which would make "om 24 timmar" across a DST change 23 or 25 hours).
        moment = context.now.astimezone(UTC) + timedelta(minutes=count * size)
        return When(moment.astimezone(STOCKHOLM), None, True)
    if kind == "months":
        day = add_months(context.today, count * size)
    else:
        day = context.today + timedelta(days=count * size)
    return _on_day(day, start, end)


def _weekday(groups: Groups, context: _Context) -> When | None:
    start, end = clocks(groups, "t", "s")
    if groups.get("wd1"):
        day = next_weekday(context.today, WEEKDAYS[key(groups["wd1"])])
        if day == context.today and start is not None and _at(day, start) < context.now:
            day += timedelta(days=7)  # "måndag kl 10" said on Monday at noon: next Monday
    elif groups.get("wd2"):
        day = next_weekday(context.today, WEEKDAYS[key(groups["wd2"])], include_today=False)
    else:
        weekday = WEEKDAYS[key(groups.get("wd3") or groups["wd4"])]
        day = monday_of(context.today) + timedelta(days=7 + weekday)
    return _on_day(day, start, end)


def _next_period(groups: Groups, context: _Context) -> When | None:
    period = key(groups["per"])
    today = context.today
    if period in ("vecka", "veckan", "week"):
        return When(local_moment(monday_of(today) + timedelta(days=7)))
    if period in ("månad", "månaden", "month"):
        return When(local_moment(add_months(today.replace(day=1), 1)))
    return When(local_moment(date(today.year + 1, 1, 1)))


def _iso_week(groups: Groups, context: _Context) -> When | None:
    """A week with a day is that day ("tisdag v. 17", "vecka 21 onsdag"). Without one it is
    its last working day (a Friday): "senast v. 21", "klart vecka 21", "under v. 21", as the
    minutes' deadlines read it (``dialogs.minutes.deadlines``); "från vecka 21" and the first
    of several weeks ("vecka 29-32") are its Monday."""
    named = groups.get("wd") or groups.get("wd_after")
    weekday = WEEKDAYS[key(named)] if named else 0
    written_year = groups.get("y") or groups.get("y2")
    year = int(written_year) if written_year else None
    day = iso_week_day(context.today, int(groups["w"]), weekday, year)
    if day is None:
        raise Reject
    if not named and not groups.get("from") and not groups.get("several"):
        day = last_working_day_of_week(day)
    return _on_day(day, *clocks(groups, "t"))


#: The feasts named as a whole ("jul", "påsk"), not one day of them ("julafton",
#: "annandag påsk"): "till julafton kl 10" is that day.
_FEASTS = frozenset({"jul", "julen", "påsk", "påsken", "midsommar", "nyår", "pingst", "pingsten"})
#: A lead-in that puts a deadline before the day it names ("före påsk", "till jul").
_BEFORE = re.compile(r"\b(?:före|innan|inför|tills?|fram\s+till|before|by|until)\b", re.I)


def _holiday(groups: Groups, context: _Context) -> When | None:
    if groups.get("not_the_day"):
        # "efter påsk" is some time after it, "God jul!" a greeting: neither is the day.
        raise Reject
    year = int(groups["y"]) if groups.get("y") else None
    if year is not None and key(groups["hol"]) == "jul":
        raise Reject  # "Jul 2026" is as likely July as Christmas
    day = next_holiday(HOLIDAYS[key(groups["hol"])], context.today, year)
    if day is None:
        raise Reject
    if (
        _BEFORE.search(groups.get("lead") or "")
        and not is_working_day(day)
        and not groups.get("t")
        and key(groups["hol"]) in _FEASTS
    ):
        # "före påsk", "till jul": done by the last working day before the days off (the
        # Thursday before långfredag, 23 December), not on påskafton or julafton
        day = max(working_day_before(day), context.today)
    return _on_day(day, *clocks(groups, "t"))


_PART_DAY = {"början": 1, "beginning": 1, "start": 1, "mitten": 15, "middle": 15, "mid": 15}


def _part_of(groups: Groups, context: _Context) -> When | None:
    today = context.today
    if groups.get("ny"):
        return When(local_moment(date(today.year + 1, 1, 1)))
    if groups.get("ye"):
        return When(local_moment(date(today.year, 12, 31)))
    part = key(groups.get("part") or "mid")
    wanted = _PART_DAY.get(part)  # None: the last day
    if groups.get("cm") or groups.get("mm"):
        month = MONTHS[key(groups.get("cm") or groups["mm"])]
        year = groups.get("cy") or groups.get("my")
        parts = DateParts(month, wanted, int(year) if year else None, None)
        return When(local_moment(resolve(parts, today)))
    span = key(groups["span"])
    if "år" in span or "year" in span:
        if wanted == 15:
            raise Reject  # "mitten av året": no honest single day
        year = today.year + (1 if ("nästa" in span or "next" in span) else 0)
        day = date(year, 1, 1) if wanted == 1 else date(year, 12, 31)
        if day < today:
            day = day.replace(year=day.year + 1)
        return When(local_moment(day))
    first = today.replace(day=1)
    if "nästa" in span or "next" in span:
        first = add_months(first, 1)
    for month_start in (first, add_months(first, 1)):
        day = (
            month_start.replace(day=wanted)
            if wanted
            else last_day_of_month(month_start.year, month_start.month)
        )
        if day >= today:
            return When(local_moment(day))
    raise Reject


def _time_only(groups: Groups, context: _Context) -> When | None:
    if (
        groups.get("t_k")
        and key(groups["t_k"]) in ("at", "@")
        and groups.get("t_n1") is None
        and groups.get("t_a1") is None
    ):
        return None  # "at 5" alone is more often a count than a time
    start, end = clocks(groups, "t")
    if start is None:
        return None
    if start == END_OF_DAY:
        raise Reject  # "kl 24" names no day to end
    day = context.today
    if local_moment(day, *start) < context.now:
        day += timedelta(days=1)
    return _on_day(day, start, end)


_CLOCK_AFTER = rf"(?:{DATE_TIME_JOINER}(?:{clock_fragment('t')}|{bare_hours_fragment('u')}))?"
# "mellan 10 och 12 den 24 sept", "från 13 till 15 på måndag": whole hours from 06 to 23
# after "mellan"/"från", which make a bare pair of numbers a time range.
_HOUR = r"(?:0?[6-9]|1\d|2[0-3])"
_HOURS_BEFORE = (
    rf"(?:mellan|från|between|from)\s+(?:kl\.?\s*)?(?P<v_h1>{_HOUR})(?:[:.](?P<v_n1>\d\d))?"
    rf"\s*(?:och|till|and|to|{DASH})\s*(?:kl\.?\s*)?(?P<ve_h1>{_HOUR})(?:[:.](?P<ve_n1>\d\d))?"
)
_CLOCK_BEFORE = rf"(?:(?:{clock_fragment('s')}|{_HOURS_BEFORE}),?\s+(?:den\s+|on\s+|på\s+)?)?"
_RANGE_JOINER = rf"\s*(?:{DASH}|till\s+och\s+med|till|t\.?o\.?m\.?|to|until|through)\s*"
# "och" joins a range only after "mellan": "3 och 5 juni" alone is two days.
_BETWEEN_JOINER = r"(?(between)\s+(?:och|and)\s+|(?!))"
_DIGITS = re.compile(r"\d+")
# Words that are dates even in capitals, so never a council's short name ("NÄSTA VECKA").
_DATE_WORD = rf"(?:{WEEKDAY_ANY}|{MONTH}|{UNIT}|veckan|månaden|året|helgen)"

# Order matters only to break ties between equally long matches.
_RECOGNISERS: tuple[_Recogniser, ...] = (
    _recogniser(
        "date range",
        rf"(?:(?:från|from|(?P<between>mellan|between))\s+)?"
        rf"(?:{date_fragment('a')}|{day_only_fragment('a')})"
        rf"(?:{_RANGE_JOINER}|{_BETWEEN_JOINER}){date_fragment('b')}",
        _date_range,
    ),
    _recogniser(
        "date",
        # "i morgon 10/4": the relative day must agree with the date.
        rf"{_CLOCK_BEFORE}(?:(?P<rel>{RELATIVE_DAY}),?\s+)?{date_fragment('a')}{_CLOCK_AFTER}",
        _one_date,
    ),
    _recogniser(
        "days in a month",  # "3 och 5 juni", "3, 4 och 5 juni"
        rf"{day_only_fragment('a')}(?P<more>(?:\s*,\s*\d{{1,2}}{ORDINAL_SUFFIX})*)"
        rf"\s*,?\s+(?:och|and|&)\s+{date_fragment('b')}",
        _first_of_days,
    ),
    _recogniser(
        "meeting on a date",
        rf"(?:(?:the\s+)?(?:nästa|next)\s+)?{MEETING_NOUN}\s+(?:on\s+)?{date_fragment('a')}"
        rf"{_CLOCK_AFTER}",
        _meeting_on_date,
        lead_in=MEETING_PREFIX,
    ),
    _recogniser(
        "council on a date",  # "inför SOR 7 maj"
        rf"{ABBREVIATION}\s+{date_fragment('a')}{_CLOCK_AFTER}",
        _meeting_on_date,
        lead_in=MEETING_PREFIX,
        lead_in_required=True,
    ),
    _recogniser(
        "meeting in a month",
        rf"(?:(?:(?:the\s+)?(?:nästa|next)\s+)?{MEETING_NOUN}\s+(?:i|in)\s+(?P<mm>{MONTH})"
        rf"(?:\s+(?P<my>{YEAR}))?|(?P<mm2>{MONTH})s?mötet)",
        _meeting_in_month,
        lead_in=MEETING_PREFIX,
    ),
    _recogniser(
        "next meeting",
        rf"(?:the\s+)?(?:nästa|nästkommande|kommande|next|upcoming)\s+{MEETING_NOUN}"
        # "till nästa SOR": the council's short name stands for its meeting, but "NÄSTA
        # FREDAG" written in capitals is a weekday.
        rf"|(?:nästa|nästkommande)\s+(?!{_DATE_WORD}(?!\w)){ABBREVIATION}(?![\w-]|:s\b)",
        _meeting_next,
        lead_in=MEETING_PREFIX,
    ),
    _recogniser(
        "ISO week",
        rf"(?:(?P<from>från|fr\.?\s?o\.?\s?m\.?|from|starting)\s+"
        rf"|(?:i|under|inom|på|in|during|within)\s+)?"
        rf"(?:(?:{WEEKDAY_QUALIFIER}\s+)?(?P<wd>{WEEKDAY_ANY}),?\s+(?:i\s+|in\s+)?)?"
        # A bare "v" needs two digits: "v2" is a document version far more often than a week.
        rf"(?:vecka|veckan|week|wk\.?|v\.|v\s*(?=\d\d))\s*(?P<w>\d{{1,2}})(?!\d)"
        rf"(?:\s*,?\s+(?P<y>{YEAR})|\s*{DASH}\s*(?P<y2>{YEAR}))?"
        # "vecka 21 onsdag": the day after the week
        rf"(?:,?\s+(?P<wd_after>{WEEKDAY_FULL})(?![\w]))?"
        # "vecka 29-32", "v. 29 till v. 32", "vecka 21 och 23": the first week of several
        rf"(?P<several>\s*(?:{DASH}|till|to|och|and)\s*(?:v\.?|vecka|week)?\s*\d{{1,2}}(?!\d))?"
        rf"{_CLOCK_AFTER}",
        _iso_week,
    ),
    _recogniser(
        "holiday",
        rf"(?P<not_the_day>(?:efter|after|god|glad|gott|trevlig|merry|happy)\s+)?"
        rf"(?P<hol>{HOLIDAY})(?:\s+(?P<y>{YEAR}))?{_CLOCK_AFTER}",
        _holiday,
        lead_named=True,  # "före påsk": the lead says the deadline is before the days off
    ),
    _recogniser(
        "part of a month or year",
        rf"(?:(?:i|in|vid|at)\s+)?(?:the\s+)?"
        rf"(?:(?P<part>slutet|början|mitten|end|beginning|start|middle)\s+(?:av|på|of)\s+"
        rf"(?:the\s+)?(?:(?P<cm>{MONTH})(?:\s+(?P<cy>{YEAR}))?|(?P<span>månaden|"
        rf"denna\s+månad|den\s+här\s+månaden|this\s+month|month|nästa\s+månad|next\s+month|året|"
        rf"detta\s+år|this\s+year|year|nästa\s+år|next\s+year))"
        rf"|mid-?\s*(?P<mm>{MONTH})(?:\s+(?P<my>{YEAR}))?"
        rf"|(?P<ny>efter\s+årsskiftet|after\s+(?:the\s+)?new\s+year)"
        rf"|(?P<ye>(?:ny)?årsskiftet|year[-\s]end|(?:the\s+)?turn\s+of\s+the\s+year))",
        _part_of,
    ),
    _recogniser(
        "next week, month or year",
        r"(?:(?:i|under|in|during)\s+)?(?:nästa|next|kommande)\s+"
        r"(?P<per>vecka|week|månad|month|år|year)",
        _next_period,
    ),
    _recogniser(
        "weekday",
        rf"{_CLOCK_BEFORE}(?:(?:på\s+|on\s+)?(?P<wd3>{WEEKDAY_FULL})\s+(?:i\s+)?"
        rf"(?:nästa\s+vecka|next\s+week)"
        rf"|(?:nästa\s+vecka|next\s+week),?\s+(?:på\s+|on\s+)?(?P<wd4>{WEEKDAY_FULL})"
        rf"|(?:nästa|next|kommande|coming)\s+(?P<wd2>{WEEKDAY_FULL})"
        # not "måndag–fredag", which is every weekday
        rf"|(?:(?:på|on|this|denna|den\s+här)\s+)?(?<!{DASH})(?<!{DASH}\s)(?P<wd1>{WEEKDAY_FULL})"
        rf"(?!\s*{DASH}\s*{WEEKDAY_ANY}))"
        rf"{_CLOCK_AFTER}",
        _weekday,
    ),
    _recogniser(
        "relative day", rf"{_CLOCK_BEFORE}(?P<rel>{RELATIVE_DAY}){_CLOCK_AFTER}", _relative_day
    ),
    _recogniser(
        "in an amount of time",
        rf"(?:(?:om|in|inom|within)\s+(?:(?P<n>{NUMBER})\s+(?P<u>{UNIT})"
        rf"|(?P<half>en\s+halvtimm[ea]|half\s+an\s+hour))"
        rf"|(?P<n2>{NUMBER})\s+(?P<u2>{UNIT})\s+"
        rf"(?:från\s+(?:idag|i\s+dag|nu)|from\s+(?:now|today)))"
        rf"{_CLOCK_AFTER}",
        _in_amount,
    ),
    _recogniser("time", clock_fragment("t"), _time_only),
)
_DATE, _TIME = (next(r for r in _RECOGNISERS if r.name == name) for name in ("date", "time"))
_MEETING_RECOGNISERS = tuple(r for r in _RECOGNISERS if "meeting" in r.name or "council" in r.name)

_TRIM = " \t\r\n.,;:!?()[]{}\"'«»“”„’"
_LEADING_DEADLINE = re.compile(DEADLINE_PREFIX, re.IGNORECASE)
_LEADING_MEETING_WORD = re.compile(r"(?:vid|på|i|at|in)\s+", re.IGNORECASE)
# "1/6 av befolkningen" is a fraction, "24/7" round the clock.
_FRACTION_AFTER = re.compile(r"\s*(?:av|of|del|delar)\b", re.IGNORECASE)
_BARE_NUMERIC = re.compile(r"(?:(?:på|on)\s+)?(?P<numbers>\d{1,2}/\d{1,2})", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(AMOUNT_AFTER, re.IGNORECASE)
# "version 2.10.25", "avsnitt 3.1.12": numbered things, not dates.
_NUMBERING_BEFORE = re.compile(
    r"(?<!\w)(?:version|ver|v|rev|kapitel|kap|avsnitt|punkt|paragraf|bilaga|§)\.?\s*$",
    re.IGNORECASE,
)
# Deadline words that make even a bare "12.00" a time in running text.
_CLOCK_DEADLINE = re.compile(r"(?:senast|deadline)\b", re.IGNORECASE)


def _context(now: datetime, meetings: Sequence[datetime]) -> _Context:
    if now.tzinfo is None:
        now = now.replace(tzinfo=STOCKHOLM)
    # To the minute: "kl 10" at 10:00:30 is still "now", not tomorrow.
    return _Context(now.astimezone(STOCKHOLM).replace(second=0, microsecond=0), meetings)


def parse_when(text: str, *, now: datetime, meetings: Sequence[datetime] = ()) -> When | None:
    """Read `text` as one date expression, or None if it is not (wholly) one.

    Leading deadline words ("senast", "till och med", "inför", "by", ...) and surrounding
    punctuation are ignored. `now` anchors relative expressions and "the next one to come";
    `meetings` (the council's meeting starts) resolve "nästa möte", "mötet i oktober" and
    "inför SOR 7 maj". Used for form fields that hold nothing but a date.
    """
    context = _context(now, meetings)
    mended = mend_month_typos(text)
    core = (mended[0] if mended else text).strip(_TRIM)
    lead_in = _LEADING_DEADLINE.match(core)
    if lead_in:
        core = core[lead_in.end() :].strip(_TRIM)
    if not core:
        return None
    for recogniser in _RECOGNISERS:
        match = recogniser.whole.fullmatch(core)
        if match:
            # A recogniser owns the text even when it rejects it: "32 maj" is no date at
            # all, not something for dateparser to reinterpret.
            return _run(recogniser, match, context, lead_in.group() if lead_in else None)
    meeting_word = _LEADING_MEETING_WORD.match(core)
    if meeting_word:
        rest = core[meeting_word.end() :]
        for recogniser in _MEETING_RECOGNISERS:
            match = recogniser.whole.fullmatch(rest)
            if match:
                return _run(recogniser, match, context)
    found = fallback_when(core, context.now)
    return When(found[0], None, found[1]) if found else None


def find_when(
    text: str, *, now: datetime, meetings: Sequence[datetime] = ()
) -> tuple[When, int, int] | None:
    """Find the first date phrase in a longer text: (when, start, end) offsets into `text`.

    The span includes leading deadline words ("senast den 31 maj", "till nästa möte",
    "inför SOR 7 maj") so the caller can cut it out and keep the rest as the action text.
    The leftmost phrase wins, then the longest. Names, abbreviations and bare numbers are
    never dates, and neither is a bare "13.10" among other words ("13.10 kr", "version
    2.10", "mötet börjar 9.30"): see `_is_bare_number`. A phrase that is recognisably a
    date but impossible ("fredag 13 oktober" when that is a Monday) also blocks the shorter
    readings inside it ("fredag").
    """
    context = _context(now, meetings)
    mended = mend_month_typos(text)
    if mended is None:
        return _find(text, context)
    mended_text, origin = mended
    found_mended = _find(mended_text, context)
    if found_mended is None:
        return None
    when, start, end = found_mended
    return when, origin[start], origin[end - 1] + 1 if end > start else origin[end]


def _find(text: str, context: _Context) -> tuple[When, int, int] | None:
    """``find_when`` on a text whose month names are as written."""
    found: list[tuple[int, int, int, When]] = []
    rejected: list[tuple[int, int]] = []
    for order, recogniser in enumerate(_RECOGNISERS):
        for match in recogniser.inside.finditer(text):
            if recogniser is _TIME and _is_bare_number(text, match):
                continue
            if recogniser is _DATE and _is_numbering(text, match):
                continue
            when = _run(recogniser, match, context)
            if when is None or _is_fraction(text, match):
                rejected.append(match.span())
            else:
                found.append((match.start(), -match.end(), order, when))
    found = [
        f
        for f in found
        if not any(s < -f[1] and f[0] < e for s, e in rejected) or _covers_all(f, rejected)
    ]
    if not found:
        return None
    start, negative_end, _, when = min(found, key=lambda f: f[:3])
    return when, start, -negative_end


def _covers_all(candidate: tuple[int, int, int, When], rejected: list[tuple[int, int]]) -> bool:
    """A valid match that contains every rejected one it overlaps (they were its parts)."""
    start, end = candidate[0], -candidate[1]
    return all(start <= s and e <= end for s, e in rejected if s < end and start < e)


def _is_fraction(text: str, match: re.Match[str]) -> bool:
    numeric = _BARE_NUMERIC.fullmatch(match.group("core"))
    if not numeric:
        return False
    return numeric["numbers"] == "24/7" or bool(_FRACTION_AFTER.match(text, match.end()))


def _is_numbering(text: str, match: re.Match[str]) -> bool:
    """ "13.10.25" is a date, but after "version" or "avsnitt" a number of that thing."""
    return match["a_s6"] is not None and bool(_NUMBERING_BEFORE.search(text, 0, match.start()))


def _is_bare_number(text: str, match: re.Match[str]) -> bool:
    """A lone "13.10" or "1:10" in running text: an amount, a version, a ratio, no time.

    Minutes alone do not make a time once there is text around them ("13.10 kr", "version
    2.10", "skala 1:50"). It takes "kl"/"at", am/pm, a day (matched by the other
    recognisers), a range ("13.00-15.30") or "senast"/"deadline" in front ("senast 12.00").
    So "mötet börjar 9.30" has no time: write "kl 9.30". Alone, "9.30" is still a time, and
    nothing followed by an amount word ("12.30 procent", "1.30 timmar") ever is. A time as
    it is said ("halv tio", "kvart i tre") needs "kl" or "senast" in front, or a day.
    """
    if match["t_sp"] is not None:
        # "kl halv tio" is a time; "en kvart i två möten" and "halv tio-grupper" are not
        said = match.string[match.start() : match.start("t_sp")].casefold()
        return "kl" not in said and not _CLOCK_DEADLINE.match(match.group(0))
    if match["t_h2"] is None or match["t_a2"] is not None:
        return False  # "kl 9.30", "9.30am"
    if _AMOUNT_AFTER.match(text, match.end()):
        return True
    if match["te_h1"] is not None or _CLOCK_DEADLINE.match(match.group(0)):
        return False
    return bool(text[: match.start()].strip(_TRIM) or text[match.end() :].strip(_TRIM))
