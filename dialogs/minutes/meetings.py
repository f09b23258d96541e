"""The minutes' own meeting and the coming meetings they propose.

Read from the plain lines of the minutes (``dialogs.minutes.notes.minutes_lines``):

* the own meeting: a ``Datum:`` line (or ``Date:``, ``Mötesdatum:``; also in a table row,
  label and value split by a tab), else a date with its year written in one of the first
  lines (the title: "Protokoll styrelsemöte 2025-03-12", "Minnesanteckningar 14/1 -27");
  its time from a ``Tid:``/``Klockan:``/``Time:`` line or from the date line itself, its place
  from ``Plats:``/``Lokal:``/``Location:``. An agenda's time slots ("10.15 Fika") are never the
  meeting's time. The year must be written: a yearless "Datum: 9 april" is not guessed.
* coming meetings: a sentence that starts with "Nästa möte/träff/avstämning/sammanträde",
  "Kommande möten", "Vårens/Höstens möten", "Mötesdagar/Mötesplan/Mötestider", "Next meeting"
  and the like, with its dates; when that lead holds no date, the lines right below it (a
  bulleted list, or ``Datum:``/``Tid:``/``Plats:`` lines). A time after a date is that date's;
  a time said for all ("samtliga kl. 13–16", or one in the lead) is every date's that has
  none of its own. "tid (och plats) meddelas senare" leaves the time unknown. A month alone
  ("i december") is no meeting. Dates without a year are read against the minutes' own day:
  the first such day after it, so January in November's minutes is next year.

Nothing here invents a time: a meeting without one has ``start`` None.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from dialogs.dates.reading import When, find_when
from dialogs.dates.writing import STOCKHOLM
from dialogs.minutes.markers import BULLETS


@dataclass(frozen=True)
class MeetingRead:
    """A meeting read from minutes: local day, clock times as written, place as written."""

    day: date
    start: time | None = None
    end: time | None = None
    place: str | None = None


# --- clocks ----------------------------------------------------------------------------------

_DASH = r"\s*(?:[-–—]|till|to)\s*"
_HOUR = r"(?:[01]?\d|2[0-3])"
_CLOCK = re.compile(
    rf"(?<![\d/.:-])(?P<kl>(?:kl(?:ockan)?\.?|at)\s*)?(?P<h>{_HOUR})(?:[.:](?P<m>[0-5]\d))?"
    rf"(?:{_DASH}(?P<eh>{_HOUR}|24)(?:[.:](?P<em>[0-5]\d))?)?(?![\d/]|[.:]\d|\s*(?:procent|%|kr|st\b|personer))",
    re.IGNORECASE,
)
_COLUMN_WORD = (
    r"(?:datum|dag|veckodag|tid|tider|klockan|plats|lokal|date|day|time|place|where|when)"
)
#: A table's row of column names above its meetings ("Datum | Tid | Plats").
_COLUMN_HEADS = re.compile(
    rf"^\s*\|?\s*{_COLUMN_WORD}(?:\s*(?:\||\t)\s*{_COLUMN_WORD})+\s*\|?\s*$", re.IGNORECASE
)
#: Only what separates the dates of a list: "9/9, 14/10 och 11/11".
_LIST_JOIN = re.compile(r"^[\s,]*(?:(?:och|and|samt|&)\s*)?$", re.IGNORECASE)
_SAME_TIME = re.compile(r"\b(?:samma\s+tid(?:er)?|same\s+time)\b", re.IGNORECASE)
_LATER = re.compile(
    r"\b(?:tid(?:en)?|tidpunkt|klockslag|time)\b[^.;]{0,25}?\b(?:meddelas|bestäms|kommer|"
    r"återkommer|tba|tbd|ej\s+(?:bestämd|klar|satt)|senare)",
    re.IGNORECASE,
)
_ALL = re.compile(
    r"\b(?:samtliga|alla|båda|bägge|allihop|samma\s+tid|all|both|every|varje\s+gång)\b",
    re.IGNORECASE,
)


def _clock(text: str, *, alone: bool = False) -> tuple[time, time | None] | None:
    """The first time or time range in ``text``. In running text a lone hour needs "kl"
    ("kl 13"), a range does not ("13–16"); ``alone``: the text is a Tid: value."""
    for match in _CLOCK.finditer(text):
        start = time(int(match["h"]), int(match["m"] or 0))
        end = None
        if match["eh"] is not None:
            hour = int(match["eh"])
            end = time(23, 59) if hour == 24 else time(hour, int(match["em"] or 0))
            if end <= start:
                continue
        elif not (match["kl"] or match["m"] or alone):
            continue
        return start, end
    return None


# --- labelled lines: Datum / Tid / Plats ----------------------------------------------------

_LABEL_WORDS = (
    r"(?:mötes|sammanträdes)?datum(?:\s+(?:och|&)\s+tid)?|date|dag|möte|meeting|sammanträde|"
    r"tid\s+(?:och|&)\s+(?:plats|lokal)|(?:plats|lokal)\s+(?:och|&)\s+tid|mötesform|"
    r"tid(?:punkt)?|klockan|klockslag|time|plats|lokal|mötesplats|location|place|venue"
)
_LABEL = re.compile(
    rf"^\W*(?P<label>{_LABEL_WORDS})\s*(?::|\t|\s*\|)\s*(?P<value>.*)$", re.IGNORECASE
)
#: A further label inside a labelled line: "Datum: 2026-05-06 Tid: 15–16 Plats: Hallen".
_INNER_LABEL = re.compile(
    r"(?<=\s)(?<!och\s)(?<!&\s)(?=(?:tid(?:\s+och\s+plats)?|plats|lokal|time|location|place)\s*:)",
    re.IGNORECASE,
)
#: Any other short "Label: value" in the head ("Mötesform: Teams, kl. 10–12").
_OTHER_LABEL = re.compile(r"^\W*[A-ZÅÄÖ][\wåäö/ -]{2,24}:\s*(?P<value>.+)$")


def _label_kind(label: str) -> str:
    label = " ".join(label.casefold().split())
    if ("tid" in label and ("plats" in label or "lokal" in label)) or label == "mötesform":
        return "time_place"
    if "datum" in label or label in ("date", "dag", "möte", "meeting", "sammanträde"):
        return "date"
    if label in ("plats", "lokal", "mötesplats", "location", "place", "venue"):
        return "place"
    return "time"


def _labelled(line: str) -> tuple[str, str] | None:
    found = _all_labelled(line)
    return found[0] if found else None


def _all_labelled(line: str) -> list[tuple[str, str]]:
    """The labelled values of a line: one, or several on one line."""
    found = []
    for part in _INNER_LABEL.split(line):
        match = _LABEL.match(part)
        if match is None:
            continue
        value = match["value"].strip(" \t|*")
        if value:
            found.append((_label_kind(match["label"]), value))
    return found


def _with_year(text: str) -> tuple[When, int, int] | None:
    """A day in ``text`` whose year is written: the same day whatever year it is read in."""
    early = find_when(text, now=datetime(2001, 1, 2, 12, tzinfo=STOCKHOLM))
    late = find_when(text, now=datetime(2061, 1, 2, 12, tzinfo=STOCKHOLM))
    if early is None or late is None or early[0].start.date() != late[0].start.date():
        return None
    if not _DAY.search(text[early[1] : early[2]]):
        return None
    return early


def _from_labels(values: Sequence[tuple[str, str]], reference: date | None) -> MeetingRead | None:
    """One meeting from its Datum/Tid/Plats values; None without a readable day. A Tid line
    may hold the day too ("Tid: tisdag 8 september 2026, 14.00–16.30")."""
    day: date | None = None
    clock: tuple[time, time | None] | None = None
    place: str | None = None
    for kind, value in values:
        if kind in ("date", "time", "time_place") and day is None:
            found = _with_year(value) if reference is None else _day_in(value, reference)
            if found is not None:
                when, start, end = found
                day = when.start.date()
                clock = clock or _when_clock(when) or _clock(value[end:])
                if kind == "date" and place is None:
                    place = _place_in(_without_clock(value[end:]), list_item=True)
                value = value[:start] + " " + value[end:]
        if kind in ("time", "time_place") and clock is None and not _LATER.search(f"tid {value}"):
            clock = _clock(value, alone=kind == "time")
        if kind == "place" and place is None and not _LATER.search(value):
            place = _place_text(value)
        elif kind == "time_place" and place is None:
            place = _place_text(_without_clock(value))
    if day is None:
        return None
    return MeetingRead(day, clock[0] if clock else None, clock[1] if clock else None, place)


def _when_clock(when: When) -> tuple[time, time | None] | None:
    if not when.has_time:
        return None
    end = when.end.astimezone(STOCKHOLM).time() if when.end else None
    return when.start.astimezone(STOCKHOLM).time(), end


#: how far from the top the title with the own meeting's date may stand
_HEAD_LINES = 6


def _is_title(line: str) -> bool:
    """A heading line: short, not a sentence."""
    text = line.strip()
    return 0 < len(text) <= 100 and not text.endswith((".", "!", "?"))


def read_own_meeting(lines: Sequence[str]) -> MeetingRead | None:
    """The minutes' own meeting: its day (year written), time and place, or None."""
    head: list[str] = []
    for line in lines:
        if _LEAD.search(line) and _labelled(line) is None:
            break  # below "Nästa möte", Datum/Tid lines are the next meeting's
        head.append(line)
    labelled = [found for line in head for found in _all_labelled(line)]
    meeting = _from_labels(labelled, None)
    if meeting is None:
        for line in head[:_HEAD_LINES]:
            if _labelled(line) is not None or not _is_title(line):
                continue
            found = _with_year(line)
            if found is not None:
                meeting = _from_labels([("date", line[found[1] :]), *labelled], None)
                break
    if meeting is not None and meeting.start is None:
        clock = _clock_in_other_label(head[:_HEAD_LINES])
        if clock is not None:
            meeting = replace(meeting, start=clock[0], end=clock[1])
    return meeting


def _clock_in_other_label(head: Sequence[str]) -> tuple[time, time | None] | None:
    """A time in some other "Label: value" line of the head ("Mötesform: Teams, kl. 10–12"):
    only "kl." or a range, never an agenda slot (those start with the time)."""
    for line in head:
        match = _OTHER_LABEL.match(line)
        if match and _labelled(line) is None:
            clock = _clock(match["value"])
            if clock is not None and (clock[1] is not None or "kl" in match["value"].lower()):
                return clock
    return None


# --- coming meetings -----------------------------------------------------------------------

_MEETING_WORD = (
    r"\w*(?:möte|möten|mötet|mötena|sammanträde|sammanträden|träff|träffar|träffen|"
    r"avstämning|avstämningar|meeting|meetings|session|sessions)"
)
_LEAD = re.compile(
    r"(?:^|(?<=[.!?:;])\s+|\t)[\W\d]{0,4}?(?:datum\s+för\s+|tid\s+för\s+)?(?:"
    rf"(?:nästa|kommande|följande|vårens|höstens|vinterns|sommarens|årets|planerade|"
    rf"next|upcoming|future|coming)\s+(?:\w+\s+)?{_MEETING_WORD}"
    r"|(?:mötes|sammanträdes|rådsmötes|styrelsemötes)(?:dagar|datum|tider|plan|planering)\w*"
    r"|meeting\s+(?:dates|schedule)|nästa(?=\s*:))\b"
    # inside a sentence: "Rådet fastställer följande mötesdatum för hösten: …"
    # "rådet sammanträder 14 september, 12 oktober …" (the council's own; another group's
    # "Styrgruppen för X träffas 22 mars" is not a meeting of this council)
    r"|\b(?:rådet|samordningsrådet|styrelsen|nämnden|gruppen|arbetsgruppen|styrgruppen|"
    r"nätverket|vi)\s+(?:under\s+\w+(?:\s+\d{4})?\s+)?(?:sammanträder|träffas|möts)\b"
    r"(?!\s+(?:varannan|var\b|varje|vid\s+behov|regelbundet|löpande))"
    r"|(?:följande|nya|kommande|these|the\s+following)\s+"
    r"(?:mötes|sammanträdes)(?:dagar|datum|tider)(?:\s+för\s+\w+)?\b|meeting\s+dates\b",
    re.IGNORECASE,
)
#: A span that names a day: "12/3", "12 mars", "2026-03-12", "March 12", a weekday.
_MONTHS = r"(?:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-zåäö]*\.?"
_WEEKDAYS = r"(?:mån|tis|ons|tors|fre|lör|sön|mon|tue|wed|thu|fri|sat|sun)[a-zåäö]*\.?"
_DAY = re.compile(
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}|\b\d{{1,2}}\s*/\s*\d{{1,2}}\b"
    rf"|\b\d{{1,2}}(?::?[ea])?\s+{_MONTHS}|\b{_MONTHS}\s+\d{{1,2}}\b|\b{_WEEKDAYS}(?=\s|$|,)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“(]?[A-ZÅÄÖ])|[.!?]\s*$")
_BULLET = re.compile(rf"^\s*(?:[{BULLETS}]+|\d{{1,2}}\s*[.)])\s+")


def clock_of(meeting: MeetingRead | None) -> tuple[time, time | None] | None:
    """A meeting's start and end, when it has a time: what "samma tid" repeats."""
    if meeting is None or meeting.start is None:
        return None
    return meeting.start, meeting.end


def opens_coming_meetings(text: str) -> bool:
    """Whether ``text`` starts the coming meetings ("Nästa möte", "Kommande möten: …")."""
    return _LEAD.match(text) is not None


def _day_in(text: str, reference: date) -> tuple[When, int, int] | None:
    """The first named day in ``text``, read as the first such day after ``reference``."""
    now = datetime.combine(reference, time(12), tzinfo=STOCKHOLM)
    position = 0
    while position < len(text):
        found = find_when(text[position:], now=now)
        if found is None:
            return None
        when, start, end = found
        span = text[position + start : position + end]
        if _DAY.search(span):
            return when, position + start, position + end
        position += max(end, 1)
    return None


@dataclass(frozen=True)
class _Dated:
    when: When
    start: int
    end: int


def _dates_in(text: str, reference: date) -> list[_Dated]:
    found = []
    position = 0
    while (day := _day_in(text[position:], reference)) is not None:
        when, start, end = day
        found.append(_Dated(when, position + start, position + end))
        position += end
    return found


_PLACE_LEAD = re.compile(
    r"^\s*(?:[,;:–—-]\s*)?(?:(?:och\s+)?(?:äger\s+rum|hålls|sker)\s+)?"
    r"(?P<prep>(?:plats:?|lokal:?|på|i|hos|via|in|at|on)\s+)?(?P<place>.+)$",
    re.IGNORECASE,
)
_NOT_PLACE = re.compile(
    r"\b(?:meddelas|samtliga|alla|tid|kl|klockan|datum|preliminär\w*|ca|cirka|heldag|halvdag|"
    r"obs|och|samt)\b|\d",
    re.IGNORECASE,
)
_PARENTHESES = re.compile(r"\(([^()]*)\)")


def _place_text(value: str) -> str | None:
    place = value.strip(" \t,;:.–—-*|")
    return place or None


def _place_in(segment: str, *, list_item: bool) -> str | None:
    """The place in the text after a date (its clock cut out): "(Borås)", "på Teams",
    ", Regionens hus, sal 3" on a list line."""
    for inside in _PARENTHESES.findall(segment):
        inside = _without_clock(inside).strip(" ,;")
        if inside and not _NOT_PLACE.search(inside):
            return inside
    text = _PARENTHESES.sub(" ", segment)
    text = _SENTENCE_END.split(text)[0]
    text = re.split(r",\s*(?=samtliga|alla|tid\b|kl\b)", text, flags=re.IGNORECASE)[0]
    match = _PLACE_LEAD.match(text)
    if match is None:
        return None
    place = match["place"].strip(" \t,;:.–—-")
    if not place or not (match["prep"] or list_item or text.lstrip().startswith(",")):
        return None
    words = place.split()
    if _NOT_PLACE.search(words[0]) or len(words) > 6:
        return None
    return place


def _without_clock(segment: str) -> str:
    return _CLOCK.sub(lambda m: m.group() if not (m["kl"] or m["eh"] or m["m"]) else " ", segment)


def _meetings_in(
    text: str,
    reference: date,
    *,
    shared: tuple[time, time | None] | None,
    list_item: bool,
    same_as: tuple[time, time | None] | None = None,
) -> list[MeetingRead]:
    """Every dated meeting in one lead sentence or list line; ``same_as`` is the time of the
    meeting before, for a line that says "samma tid"."""
    dated = _dates_in(text, reference)
    if not dated:
        return []
    if (
        shared is None
        and len(dated) > 1
        and all(
            _LIST_JOIN.match(text[one.end : after.start])
            for one, after in itertools.pairwise(dated)
        )
    ):
        # "9/9, 14/10 och 11/11 kl. 9–12": the time after a bare list of dates is every one's
        last = dated[-1]
        shared = _when_clock(last.when) or _clock(_SENTENCE_END.split(text[last.end :])[0])
    tail = text[dated[-1].end :]
    tail_for_all = _ALL.search(tail)
    shared_place = None
    if tail_for_all and len(dated) > 1:
        for_all = tail[tail_for_all.end() :]
        shared = _clock(for_all) or shared
        shared_place = _place_in(_without_clock(for_all), list_item=False)
    later_for_all = len(dated) > 1 and _LATER.search(tail) and not _clock(tail)
    # "24 augusti kl 13–15, därefter 5 oktober och 16 november, samma tid"
    same_time = _SAME_TIME.search(text) is not None
    before = same_as
    found = []
    for index, item in enumerate(dated):
        stop = dated[index + 1].start if index + 1 < len(dated) else len(text)
        segment = text[item.end : stop]
        if tail_for_all and index == len(dated) - 1:
            segment = segment[: tail_for_all.start()]
        clock = _when_clock(item.when) or (None if _LATER.search(segment) else _clock(segment))
        if clock is None and not _LATER.search(segment) and not later_for_all:
            clock = shared or (before if same_time else None)
        before = clock or before
        place = None
        if not re.search(r"\bplats\b[^.]{0,20}meddelas", segment, re.IGNORECASE):
            place = _place_in(_without_clock(segment), list_item=list_item) or shared_place
        found.append(
            MeetingRead(
                item.when.start.date(),
                clock[0] if clock else None,
                clock[1] if clock else None,
                place,
            )
        )
    return found


#: A sentence that goes on with the lead's meetings: "Därefter 1/12 och 15/12."
_CONTINUED = re.compile(
    r"^\s*(?:därefter|sedan|därpå|efter\s+det|och|samt|övriga|följande|then|thereafter)\b",
    re.IGNORECASE,
)


def _lead_sentence(line: str, start: int) -> str:
    """The lead's sentence, with the sentences after it that go on with its dates."""
    rest = line[start:]
    taken = 0
    while (end := _SENTENCE_END.search(rest, taken)) is not None:
        following = rest[end.end() :]
        if not _CONTINUED.match(following):
            return rest[: end.start()]
        taken = end.end()
    return rest


def read_coming_meetings(
    lines: Sequence[str],
    *,
    reference: date,
    own_time: tuple[time, time | None] | None = None,
) -> tuple[MeetingRead, ...]:
    """The coming meetings the minutes propose, each day once (the fullest reading of it),
    in date order; ``reference`` is the minutes' own day (else today), ``own_time`` its
    time: what "samma tid" means when no coming meeting has said one."""
    found: list[MeetingRead] = []
    for index, line in enumerate(lines):
        labelled = _labelled(line)
        if labelled is not None and labelled[0] == "date":
            continue  # "Mötesdatum: …" is the minutes' own day
        for lead in _LEAD.finditer(line):
            sentence = _lead_sentence(line, lead.end())
            if _day_in(sentence, reference) is not None:
                shared = None
                if re.search(r"\bsamtliga|alla\b", sentence[: _first_day(sentence)], re.I):
                    shared = _clock(sentence[: _first_day(sentence)])
                found += _meetings_in(
                    sentence, reference, shared=shared, list_item=False, same_as=own_time
                )
                found += _continued(lines, index + 1, reference, found)
            elif _ends_a_line(line, lead.end(), sentence):
                found += _below(lines, index + 1, reference, shared=_clock(sentence))
    return _once_each(found, reference)


def _continued(
    lines: Sequence[str], index: int, reference: date, before: Sequence[MeetingRead]
) -> list[MeetingRead]:
    """The line after a lead's meetings that goes on with them ("Därefter 10/2 och 10/3,
    samma tid.": a line of its own when the minutes came as HTML with line breaks)."""
    if index >= len(lines) or not _CONTINUED.match(lines[index]) or not before:
        return []
    return _meetings_in(
        lines[index], reference, shared=None, list_item=False, same_as=clock_of(before[-1])
    )


def _first_day(text: str) -> int:
    match = _DAY.search(text)
    return match.start() if match else len(text)


def _ends_a_line(line: str, lead_end: int, sentence: str) -> bool:
    """A lead that heads what follows: alone on its line, or ending with a colon."""
    rest = line[lead_end:].strip()
    short = len(rest) < 60 and _SENTENCE_END.search(rest) is None
    return not rest or sentence.rstrip().endswith(":") or short


def _below(
    lines: Sequence[str], first: int, reference: date, *, shared: tuple[time, time | None] | None
) -> list[MeetingRead]:
    """The meetings in the lines under a lead: Datum/Tid/Plats lines, or a list of dates."""
    labelled = []
    for line in lines[first : first + 4]:
        if _COLUMN_HEADS.match(line):
            break
        found = _labelled(line)
        if found is None:
            break
        labelled.append(found)
    if labelled:
        meeting = _from_labels(labelled, reference)
        return [meeting] if meeting else []
    meetings: list[MeetingRead] = []
    for offset, line in enumerate(lines[first:]):
        if offset == 0 and _COLUMN_HEADS.match(line):
            continue  # "Datum | Tid | Plats": the rows below are the meetings
        body = _BULLET.sub("", line).replace("|", " ")
        day = _day_in(body, reference)
        if day is None and not meetings and offset < 2:
            # a line or two of introduction above the list, maybe with the time for all
            if _ALL.search(body) and _clock(body):
                shared = _clock(body)
            continue
        if day is None or day[1] > 12 or (_LEAD.search(line) and offset):
            break
        same_as = clock_of(meetings[-1] if meetings else None)
        meetings += _meetings_in(body, reference, shared=shared, list_item=True, same_as=same_as)
    return meetings


def _once_each(found: Sequence[MeetingRead], reference: date) -> tuple[MeetingRead, ...]:
    """Each day once, keeping what each reading adds; none on or before the minutes' day."""
    by_day: dict[date, MeetingRead] = {}
    for meeting in found:
        if meeting.day <= reference:
            continue
        known = by_day.get(meeting.day)
        if known is None:
            by_day[meeting.day] = meeting
            continue
        if known.start is None and meeting.start is not None:
            known = replace(known, start=meeting.start, end=meeting.end)
        if known.place is None and meeting.place is not None:
            known = replace(known, place=meeting.place)
        by_day[meeting.day] = known
    return tuple(by_day[day] for day in sorted(by_day))


def read_meeting_text(text: str, *, reference: date) -> MeetingRead | None:
    """One meeting typed in a preview correction ("3 12 mars kl 13-15, Teams"), or None."""
    found = _meetings_in(text, reference, shared=None, list_item=True)
    return found[0] if found else None
