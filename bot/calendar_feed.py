"""Calendar feeds (iCalendar, RFC 5545) of a council's or a person's meetings and deadlines.

Built with the ``icalendar`` package. Every event has a UID that never changes (the meeting's
or action's id and the bot's host), so a subscribed calendar updates it in place; a meeting
that moves or is cancelled carries a higher SEQUENCE (``Meeting.sequence``), and a cancelled
one stays in the feed with STATUS:CANCELLED. Times are written in Europe/Stockholm with its
VTIMEZONE; a deadline without a time is an all-day event. No e-mail address is ever written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vDuration

from dialogs.dates.writing import STOCKHOLM, local
from dialogs.people.owner_list import action_owners
from store.models import Action, Council, DatedItem, Meeting, MeetingKind, MeetingStatus

PRODUCT_ID = "-//Rådsbot//Rådsbot kalender//SV"
ICS_CONTENT_TYPE = "text/calendar"
#: How often a subscribed calendar is asked to look again (Outlook and Google set their own
#: pace; others honour this).
REFRESH = timedelta(hours=1)

_WORDS = {
    "sv": {
        "meeting": "Möte",
        "cancelled": "INSTÄLLT",
        "deadline": "Deadline",
        "teams": "Teamslänk",
        "everyone": "alla",
        "owners": "Ansvariga",
        "agenda": "Dagordning",
    },
    "en": {
        "meeting": "Meeting",
        "cancelled": "CANCELLED",
        "deadline": "Deadline",
        "teams": "Teams link",
        "everyone": "everyone",
        "owners": "Owners",
        "agenda": "Agenda",
    },
}


@dataclass(frozen=True)
class FeedContext:
    """What every event of a feed is written with."""

    host: str
    lang: str
    now: datetime
    councils: dict[int, Council]

    def word(self, key: str) -> str:
        return _WORDS["en" if self.lang == "en" else "sv"][key]


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def meeting_event(feed: FeedContext, meeting: Meeting, agenda: Iterable[str] = ()) -> Event:
    council = feed.councils[meeting.council_id]
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{feed.host}")
    event.add("dtstamp", feed.now)
    event.add("sequence", meeting.sequence)
    summary = f"{council.short_name}: {feed.word('meeting')}"
    if meeting.status == MeetingStatus.CANCELLED:
        summary = f"{feed.word('cancelled')}: {summary}"
    event.add("summary", summary)
    if meeting.time_known:
        event.add("dtstart", local(meeting.starts_at))
        if meeting.ends_at is not None:
            event.add("dtend", local(meeting.ends_at))
    else:
        day = local(meeting.starts_at).date()
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    if meeting.place:
        event.add("location", meeting.place)
    elif meeting.kind == MeetingKind.DIGITAL:
        event.add("location", "Microsoft Teams")
    lines = [council.name]
    if meeting.online_url:
        event.add("url", meeting.online_url)
        lines.append(f"{feed.word('teams')}: {meeting.online_url}")
    agenda = list(agenda)
    if agenda:
        lines.append(f"{feed.word('agenda')}:")
        lines += [f"{n}. {title}" for n, title in enumerate(agenda, start=1)]
    event.add("description", "\n".join(lines))
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def _deadline_event(
    feed: FeedContext, uid: str, summary: str, due_at: datetime, has_time: bool, description: str
) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{feed.host}")
    event.add("dtstamp", feed.now)
    event.add("summary", summary)
    if has_time:
        event.add("dtstart", local(due_at))
        event.add("dtend", local(due_at) + timedelta(minutes=30))
    else:
        day = local(due_at).date()
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def action_event(feed: FeedContext, action: Action) -> Event:
    assert action.due_at is not None
    council = feed.councils[action.council_id]
    owners = action_owners(action, feed.word("everyone"))
    description = f"{council.name}, #{action.number}"
    if owners:
        description += f"\n{feed.word('owners')}: {owners}"
    return _deadline_event(
        feed,
        f"action-{action.id}",
        f"{feed.word('deadline')} {council.short_name}: {action.text}",
        action.due_at,
        action.due_has_time,
        description,
    )


def dated_event(feed: FeedContext, item: DatedItem) -> Event:
    council = feed.councils[item.council_id]
    return _deadline_event(
        feed,
        f"dated-{item.id}",
        f"{council.short_name}: {item.text}",
        item.due_at,
        item.due_has_time,
        council.name,
    )


def feed_bytes(
    name: str,
    feed: FeedContext,
    meetings: Iterable[Meeting],
    actions: Iterable[Action] = (),
    dated: Iterable[DatedItem] = (),
    agendas: dict[int, list[str]] | None = None,
) -> bytes:
    """One calendar: the meetings, then the deadlines with a date, with Stockholm's VTIMEZONE."""
    calendar = new_calendar(name)
    for meeting in meetings:
        calendar.add_component(meeting_event(feed, meeting, (agendas or {}).get(meeting.id, ())))
    for action in actions:
        if action.due_at is not None:
            calendar.add_component(action_event(feed, action))
    for item in dated:
        calendar.add_component(dated_event(feed, item))
    # The zone's rules from a year back to ten years ahead: what the feed's events need.
    first = date(local(feed.now).year - 1, 1, 1)
    last = date(local(feed.now).year + 10, 1, 1)
    calendar.add_component(Timezone.from_tzinfo(STOCKHOLM, "Europe/Stockholm", first, last))
    ical: bytes = calendar.to_ical()
    return ical
