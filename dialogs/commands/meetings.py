"""Meetings: ``meeting add``, ``next meeting``, ``meetings``."""

from __future__ import annotations

import re
from datetime import datetime, time

from dialogs.context import Context
from dialogs.datefmt import STOCKHOLM, format_moment
from dialogs.dates import find_when
from dialogs.model import Item, Reply, Tone
from dialogs.registry import Needs, command
from store import audit, meetings
from store.models import Council, Meeting, MeetingKind

_URL = re.compile(r"https?://\S+")
_DIGITAL_WORDS = re.compile(r"\b(teams\w*|digital\w*|online|distans\w*|zoom)\b", re.IGNORECASE)


def council_scope(context: Context) -> list[int]:
    """The councils a question is about: this channel's, or all of the sender's in a personal chat."""
    if context.council is not None:
        return [context.council.id]
    if context.council_ids:
        return list(context.council_ids)
    raise context.problem("problem.no_council")


def describe_meeting(context: Context, meeting: Meeting) -> str:
    return format_moment(meeting.starts_at, context.lang, now=context.now, end=meeting.ends_at)


def meeting_place(context: Context, meeting: Meeting) -> str:
    """Where: the place, the Teams link, or both."""
    parts = [meeting.place] if meeting.place else []
    if meeting.kind == MeetingKind.DIGITAL and not meeting.place:
        parts.append(context.t("meeting.kind.digital"))
    return ", ".join(parts) if parts else context.t("meeting.no_place")


def _default_hours(council: Council, day: datetime) -> tuple[datetime, datetime]:
    start = time.fromisoformat(council.meeting_start)
    end = time.fromisoformat(council.meeting_end)
    local_day = day.astimezone(STOCKHOLM).date()
    return (
        datetime.combine(local_day, start, tzinfo=STOCKHOLM),
        datetime.combine(local_day, end, tzinfo=STOCKHOLM),
    )


def _meeting_kind(place: str | None, online_url: str | None) -> MeetingKind:
    """Teams only, on site only, or both: read from the place text and a link."""
    only_digital_words = bool(place) and not _DIGITAL_WORDS.sub("", place or "").strip(" ,.-")
    if online_url and place and not only_digital_words:
        return MeetingKind.HYBRID
    if online_url or only_digital_words:
        return MeetingKind.DIGITAL
    return MeetingKind.PHYSICAL


@command("meeting.add", "meeting add", "möte lägg till", "lägg till möte", "nytt möte", needs=Needs.OFFICER)
async def add_meeting(context: Context, args: str) -> Reply:
    council = context.require_council()
    found = find_when(args, now=context.now) if args else None
    if found is None:
        raise context.problem("meeting.bad_when", usage="usage.meeting.add")
    when, start, end = found
    rest = (args[:start] + " " + args[end:]).strip(" ,;–-\t")
    url_match = _URL.search(rest)
    online_url = url_match.group() if url_match else None
    place = _URL.sub("", rest).strip(" ,;–-") or None
    kind = _meeting_kind(place, online_url)
    if when.has_time:
        starts_at, ends_at = when.start, when.end
    else:
        starts_at, ends_at = _default_hours(council, when.start)
    if starts_at <= context.now:
        raise context.problem("meeting.in_past", when=format_moment(starts_at, context.lang))
    meeting = await meetings.add_meeting(
        context.session,
        council_id=council.id,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        kind=kind,
        at=context.now,
    )
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=context.person.id if context.person else None,
        verb="add",
        subject_type="meeting",
        subject_id=meeting.id,
        at=context.now,
        after={"starts_at": starts_at.isoformat(), "place": place, "online_url": online_url},
    )
    lines = [context.t("meeting.where", place=meeting_place(context, meeting))]
    if online_url:
        lines.append(context.t("meeting.link", url=online_url))
    return Reply(
        title=context.t("meeting.added", when=describe_meeting(context, meeting)),
        lines=tuple(lines),
        tone=Tone.OK,
    )


@command("meeting.next", "next meeting", "nästa möte", "next", "nästa")
async def next_meeting(context: Context, args: str) -> Reply:
    scope = council_scope(context)
    upcoming = await meetings.upcoming_meetings(context.session, scope, context.now, limit=1)
    if not upcoming:
        return Reply(title=context.t("meeting.none"), lines=(context.t("meeting.none_hint"),))
    meeting = upcoming[0]
    lines = [context.t("meeting.where", place=meeting_place(context, meeting))]
    if meeting.online_url:
        lines.append(context.t("meeting.link", url=meeting.online_url))
    if len(scope) > 1:
        council = await context.session.get(Council, meeting.council_id)
        assert council is not None
        lines.insert(0, context.t("meeting.council", council=council.name))
    agenda = await meetings.agenda_of(context.session, meeting.id)
    items = tuple(
        Item(item.title, " · ".join(filter(None, [item.time_slot, item.presenter])) or None)
        for item in agenda
    )
    lines.append(context.t("meeting.agenda") if items else context.t("meeting.no_agenda"))
    return Reply(
        title=context.t("meeting.next", when=describe_meeting(context, meeting)),
        lines=tuple(lines),
        items=items,
    )


@command("meetings.list", "meetings", "möten", "mötesdagar")
async def list_meetings(context: Context, args: str) -> Reply:
    scope = council_scope(context)
    upcoming = await meetings.upcoming_meetings(context.session, scope, context.now, limit=12)
    if not upcoming:
        return Reply(title=context.t("meeting.none"), lines=(context.t("meeting.none_hint"),))
    items = tuple(
        Item(describe_meeting(context, m), meeting_place(context, m)) for m in upcoming
    )
    return Reply(title=context.t("meetings.title", count=len(items)), items=items)

