"""A meeting from one written line, before it is saved: ``Fredag 12 september kl 13-15,
Stationshuset`` → a ``MeetingDraft``, and saving one with its reminders (``meeting add``, the
season's dates, the meetings of pasted minutes)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from pydantic import TypeAdapter

from dialogs.change_records import MeetingRecord
from dialogs.context import Context
from dialogs.dates.reading import When, find_when
from dialogs.dates.writing import STOCKHOLM
from dialogs.reminders.plans import replan_meeting
from store import meetings
from store.models import Council, Meeting, MeetingKind

_URL = re.compile(r"https?://\S+")
_DIGITAL_WORDS = re.compile(r"\b(teams\w*|digital\w*|online|distans\w*|zoom)\b", re.IGNORECASE)


def _default_hours(council: Council, day: datetime) -> tuple[datetime, datetime]:
    start = time.fromisoformat(council.meeting_start)
    end = time.fromisoformat(council.meeting_end)
    local_day = day.astimezone(STOCKHOLM).date()
    return (
        datetime.combine(local_day, start, tzinfo=STOCKHOLM),
        datetime.combine(local_day, end, tzinfo=STOCKHOLM),
    )


def meeting_kind(place: str | None, online_url: str | None) -> MeetingKind:
    """Teams only, on site only, or both: read from the place text and a link."""
    only_digital_words = bool(place) and not _DIGITAL_WORDS.sub("", place or "").strip(" ,.-")
    if online_url and place and not only_digital_words:
        return MeetingKind.HYBRID
    if online_url or only_digital_words:
        return MeetingKind.DIGITAL
    return MeetingKind.PHYSICAL


@dataclass(frozen=True)
class MeetingDraft:
    """A meeting as read from one line, before it is saved."""

    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    online_url: str | None
    kind: MeetingKind
    #: False: the day is known, not the time ("tid meddelas senare"); starts at midnight
    time_known: bool = True
    #: the day was written without a year ("12 september"): the next one to come
    year_guessed: bool = False


def read_meeting_line(council: Council, line: str, now: datetime) -> MeetingDraft | None:
    """``Fredag 12 september, Stationshuset, Gbg`` → a draft; None when there is no date.

    Without a time the council's default meeting hours apply; a link makes it a Teams
    meeting, a place and a link a hybrid one.
    """
    found = read_meeting_when(council, line, now)
    return found[0] if found else None


def read_meeting_when(
    council: Council, line: str, now: datetime
) -> tuple[MeetingDraft, When] | None:
    """As ``read_meeting_line``, with the date as read (was its year written?)."""
    found = find_when(line, now=now) if line.strip() else None
    if found is None:
        return None
    when, start, end = found
    rest = (line[:start] + " " + line[end:]).strip(" ,;–-\t•*")
    url_match = _URL.search(rest)
    online_url = url_match.group() if url_match else None
    place = _URL.sub("", rest).strip(" ,;–-") or None
    if when.has_time:
        starts_at, ends_at = when.start, when.end
    else:
        starts_at, ends_at = _default_hours(council, when.start)
    draft = MeetingDraft(
        starts_at,
        ends_at,
        place,
        online_url,
        meeting_kind(place, online_url),
        year_guessed=when.year_guessed,
    )
    return draft, when


#: How a meeting draft is kept in a stored question and in the log.
MEETING_DRAFT = TypeAdapter(MeetingDraft)


async def save_meeting(
    context: Context, council: Council, draft: MeetingDraft, *, audited: bool = True
) -> Meeting:
    """Save a drafted meeting with its reminders (and, unless batched, its audit entry)."""
    meeting = await meetings.add_meeting(
        context.session,
        council_id=council.id,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        place=draft.place,
        online_url=draft.online_url,
        kind=draft.kind,
        at=context.now,
        time_known=draft.time_known,
    )
    if audited:
        await context.audit(
            "add",
            "meeting",
            meeting.id,
            council_id=council.id,
            after=MeetingRecord(
                number=meeting.number,
                starts_at=draft.starts_at,
                ends_at=draft.ends_at,
                place=draft.place,
                online_url=draft.online_url,
                kind=draft.kind.value,
                time_known=draft.time_known,
            ),
        )
    await replan_meeting(context.session, meeting, context.now)
    return meeting
