"""Dates that may not be what was meant, asked about before anything is saved.

"30 nov" said on 2 December is read as 30 November next year, but the person may well have
meant the day just gone; a deadline of yesterday is late already; a meeting on julafton or
a Saturday is more often a slip than a plan. None of these is refused, nor saved silently:
the command asks one question (buttons, or ``ja``/``nej``, ``behåll``, a new date typed), and
saves once it is answered. A day and month that passed more than ``LATELY`` ago ("15 mars"
said in December) is next year's without a question, as is a weekday ("fredag").

Each command keeps its own draft in its stored question; this module says whether there is
a doubt, asks it, and reads the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import Field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar, Protocol, TypeVar

from dialogs.context import Context
from dialogs.dates.deadlines import has_passed
from dialogs.dates.reading import When, parse_when
from dialogs.dates.workdays import day_off_name
from dialogs.dates.writing import format_date, format_moment, local
from dialogs.model import Button, Reply
from dialogs.text.folding import fold

#: A day and month without a year that passed at most this long ago is asked about.
LATELY = timedelta(days=60)


class Doubt(StrEnum):
    """What may be wrong with a date, in the order they are asked about."""

    #: a day and month without a year that passed lately, read as next year's
    PASSED = "passed"
    #: an action deadline already behind us
    PAST = "past"
    #: a meeting on a Saturday, a Sunday or a Swedish holiday (julafton too)
    DAY_OFF = "day_off"


class Choice(StrEnum):
    """A typed or pressed answer that is no date."""

    #: yes: next year's day, or keep the day as it is
    KEEP = "keep"
    #: no: the person will write another date
    OTHER = "other"


class DeadlineAsked(Protocol):
    """A question about a deadline, kept while it waits (a frozen dataclass): the date, and
    which doubt is asked and which were answered with yes."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def due(self) -> datetime | None: ...
    @property
    def doubt(self) -> Doubt | None: ...
    @property
    def accepted(self) -> tuple[Doubt, ...]: ...


Asked = TypeVar("Asked", bound=DeadlineAsked)


def after_answer(question: Asked, answer: Choice | When) -> Asked:
    """The question as a yes or a new date leaves it: yes accepts the doubt asked; a new
    date replaces the old one, with no doubt accepted yet. (A no is the caller's: it asks
    which date.)"""
    if answer == Choice.KEEP:
        assert question.doubt is not None
        return replace(question, accepted=(*question.accepted, question.doubt))
    assert isinstance(answer, When)
    return replace(
        question,
        due=answer.start,
        has_time=answer.has_time,
        year_guessed=answer.year_guessed,
        accepted=(),
    )


def passed_lately(when: When, today: date) -> bool:
    """ "30 nov" said on 2 December: read as next year's, while this year's is just gone."""
    if not when.year_guessed:
        return False
    day = local(when.start).date()
    try:
        before = day.replace(year=day.year - 1)
    except ValueError:  # 29 February: no such day the year before
        return False
    return today - LATELY <= before < today


def is_day_off(day: date) -> bool:
    """A Saturday, a Sunday, or a day Swedish workplaces keep free."""
    return day.weekday() >= 5 or day_off_name(day, "sv") is not None


def first_doubt(
    when: When, *, now: datetime, meeting: bool, accepted: Sequence[Doubt] = ()
) -> Doubt | None:
    """The first doubt about ``when`` not yet answered: for a meeting, its day; for a
    deadline, that it has passed."""
    day = local(when.start).date()
    if Doubt.PASSED not in accepted and passed_lately(when, local(now).date()):
        return Doubt.PASSED
    if meeting:
        return Doubt.DAY_OFF if Doubt.DAY_OFF not in accepted and is_day_off(day) else None
    if Doubt.PAST not in accepted and has_passed(when.start, when.has_time, now):
        return Doubt.PAST
    return None


def question(context: Context, doubt: Doubt | None, when: When) -> Reply:
    """The question about ``doubt`` (None: which date, then?), with its two buttons."""
    if doubt is None:
        return Reply(title=context.t("date.which"))
    day = local(when.start).date()
    this_year = day.year == local(context.now).year
    if doubt == Doubt.PASSED:
        proposed = format_date(day, context.lang, year=True)
        return Reply(
            title=context.t(
                "date.passed_lately", day=format_date(day, context.lang), proposed=proposed
            ),
            lines=(context.t("date.passed_answer"),),
            buttons=(
                Button(context.t("date.passed_yes", proposed=proposed), "1"),
                Button(context.t("date.other_day"), "2"),
            ),
        )
    if doubt == Doubt.PAST:
        title = context.t(
            "date.deadline_past",
            day=format_moment(when.start, context.lang, now=context.now, has_time=when.has_time),
        )
    else:
        name = day_off_name(day, context.lang) or context.t(f"date.weekend.{day.weekday()}")
        written = format_date(day, context.lang, year=not this_year, long=True)
        title = context.t("date.day_off", day=written, name=name)
    keep = context.t("date.keep", day=format_date(day, context.lang, year=not this_year))
    return Reply(
        title=title,
        lines=(context.t("date.keep_answer"),),
        buttons=(Button(keep, "1"), Button(context.t("date.change"), "2")),
    )


#: Answers, folded (case and accents ignored), that say yes or keep it.
def note(context: Context, when: When, *, meeting: bool) -> str | None:
    """The doubt about ``when`` in a few words, for a preview that is saved with ``ok``
    (the season's dates, pasted minutes): "24 december är julafton", "30 nov har redan varit
    – läses som 30 nov 2027". There the line can be kept, changed or removed as it stands."""
    doubt = first_doubt(when, now=context.now, meeting=meeting)
    if doubt is None:
        return None
    day = local(when.start).date()
    if doubt == Doubt.PASSED:
        proposed = format_date(day, context.lang, year=True)
        return context.t("date.passed_note", day=format_date(day, context.lang), proposed=proposed)
    if doubt == Doubt.DAY_OFF:
        name = day_off_name(day, context.lang) or context.t(f"date.weekend.{day.weekday()}")
        written = format_date(day, context.lang, long=True)
        return context.t("date.day_off_note", day=written, name=name)
    return None


_KEEP_WORDS = frozenset(
    {"1", "ja", "j", "jo", "ja tack", "yes", "y", "ok", "okej", "okay", "behall", "keep"}
    | {"ja, behall", "behall den", "behall datumet", "keep it", "yes, keep it"}
)
#: Answers, folded, that say no: another date will be written.
_OTHER_WORDS = frozenset(
    {"2", "nej", "n", "no", "andra", "andra datum", "andra datumet", "ett annat datum"}
    | {"annat datum", "nej tack", "change", "change it", "change the date", "another date"}
)


def read_answer(
    context: Context, doubt: Doubt | None, text: str, *, meetings: Sequence[datetime] = ()
) -> Choice | When | None:
    """The answer to a question about a date: keep (yes), another date wanted (no), the new
    date itself, or None when the text is no answer (it runs as a command)."""
    words = " ".join(fold(text).strip(" .!").split())
    if doubt is not None and words in _KEEP_WORDS:
        return Choice.KEEP
    if words in _OTHER_WORDS:
        return Choice.OTHER
    if words.isdigit():
        return None  # "3": no date, and no choice of the two
    return parse_when(text, now=context.now, meetings=meetings)
