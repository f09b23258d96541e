"""Meetings: ``meeting add``, ``next meeting``, ``meetings``."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time

from dialogs.change_records import AgendaItemRecord, MeetingRecord, read
from dialogs.commands.links import meeting_file_link
from dialogs.context import Context
from dialogs.dates.doubts import Choice, Doubt, first_doubt, read_answer
from dialogs.dates.doubts import question as doubt_question
from dialogs.dates.lexicon import clock_fragment
from dialogs.dates.problems import unreadable_date
from dialogs.dates.reading import When, parse_when
from dialogs.dates.writing import STOCKHOLM, format_meeting_when, format_moment, local
from dialogs.minutes.meeting_lines import MeetingDraft, read_meeting_when, save_meeting
from dialogs.model import Item, Link, Reply, Tone
from dialogs.prompts import ask, done, prompt_handler
from dialogs.registry import Group, Needs, command
from dialogs.reminders.plans import replan_action, replan_meeting
from dialogs.text.incoming import read_id
from dialogs.undoing import undoes
from store import actions, lookup, meetings
from store.models import Action, AuditEvent, Council, Meeting, MeetingStatus

#: A time or time range with no day: "13:00", "kl 10", "kl 13-15", "09.30–12.00".
_TIME_ONLY = re.compile(rf"^\s*(?:{clock_fragment('t')})\s*[.,]?\s*$", re.IGNORECASE)


def council_scope(context: Context) -> list[int]:
    """The councils a question is about: this channel's, or all of the sender's in a personal chat."""
    if context.council is not None:
        return [context.council.id]
    if context.council_ids:
        return list(context.council_ids)
    raise context.problem("problem.no_council")


def describe_meeting(context: Context, meeting: Meeting) -> str:
    return format_meeting_when(
        meeting.starts_at,
        context.lang,
        now=context.now,
        end=meeting.ends_at,
        time_known=meeting.time_known,
    )


def numbered(context: Context, meeting: Meeting) -> str:
    return f"#{meeting.number} {describe_meeting(context, meeting)}"


def where_line(context: Context, meeting: Meeting) -> str:
    """ "Plats: Stationshuset", or "Plats: inte bestämd än" (never "Plats: plats inte bestämd")."""
    if not meeting.place and not meeting.online_url:
        return context.t("meeting.where_undecided")
    return context.t("meeting.where", place=meeting_place(context, meeting))


def meeting_place_text(context: Context, place: str | None, online_url: str | None) -> str:
    """Where: the place as written, "Teamsmöte" for a link only, or "not decided"."""
    if place:
        return place
    return context.t("meeting.kind.digital") if online_url else context.t("meeting.no_place")


def meeting_place(context: Context, meeting: Meeting) -> str:
    return meeting_place_text(context, meeting.place, meeting.online_url)


@command(
    "meeting.add",
    "meeting add",
    "möte lägg till",
    "lägg till möte",
    "nytt möte",
    needs=Needs.OFFICER,
    sv="nytt möte",
    en="meeting add",
    group=Group.MEETINGS,
)
async def add_meeting(context: Context, args: str) -> Reply:
    council = context.require_council()
    found = read_meeting_when(council, args, context.now)
    if found is None:
        raise unreadable_date(context, args, usage="usage.meeting.add")
    return await _settle_date(context, council, MeetingDateQuestion(draft=found[0]))


async def _added(context: Context, council: Council, draft: MeetingDraft) -> Reply:
    meeting = await save_meeting(context, council, draft)
    lines = [where_line(context, meeting)]
    if meeting.online_url:
        lines.append(context.t("meeting.link", url=meeting.online_url))
    return Reply(
        title=context.t("meeting.added", when=numbered(context, meeting)),
        lines=tuple(lines),
        links=(await meeting_file_link(context, meeting),),
        tone=Tone.OK,
    )


@dataclass(frozen=True, kw_only=True)
class MeetingDateQuestion:
    """A meeting whose day is asked about (``dialogs.dates.doubts``) before it is saved:
    a new one (``meeting_id`` None), or one being moved to ``draft``'s time.

    ``doubt`` is the question asked (None: which date, then?); ``accepted`` the doubts
    already answered with yes.
    """

    draft: MeetingDraft
    meeting_id: int | None = None
    doubt: Doubt | None = None
    accepted: tuple[Doubt, ...] = ()


async def _settle_date(
    context: Context, council: Council, question: MeetingDateQuestion, *, answering: bool = False
) -> Reply:
    """Save the meeting (or move it), unless something about its day must be asked first;
    nothing is saved while the question waits. ``answering``: this is the answer to the
    question about it, which is then forgotten (a command's own run leaves any other
    question the sender has alone)."""
    draft = question.draft
    if draft.starts_at <= context.now:
        raise context.problem("meeting.in_past", when=format_moment(draft.starts_at, context.lang))
    when = When(draft.starts_at, draft.ends_at, True, year_guessed=draft.year_guessed)
    doubt = first_doubt(when, now=context.now, meeting=True, accepted=question.accepted)
    if doubt is not None:
        return await _ask_date(context, replace(question, doubt=doubt), when)
    if answering:
        await done(context)
    if question.meeting_id is None:
        return await _added(context, council, draft)
    meeting = await context.session.get(Meeting, question.meeting_id)
    if meeting is None or meeting.council_id != council.id:
        raise context.problem("meeting.unknown_number", number="?")
    return await _moved(context, council, meeting, draft.starts_at, draft.ends_at)


async def _ask_date(context: Context, question: MeetingDateQuestion, when: When) -> Reply:
    context.needs = Needs.OFFICER
    await ask(context, "meeting_date", question)
    return doubt_question(context, question.doubt, when)


@prompt_handler("meeting_date", MeetingDateQuestion)
async def _answer_date(context: Context, question: MeetingDateQuestion, text: str) -> Reply | None:
    """The answer to "24 december är julafton – ska mötet vara då ändå?" and the like."""
    council = context.require_council()
    answer = read_answer(context, question.doubt, text)
    draft = question.draft
    if answer is None:
        return None
    if answer == Choice.OTHER:
        return await _ask_date(context, replace(question, doubt=None), When(draft.starts_at))
    if answer == Choice.KEEP:
        assert question.doubt is not None
        accepted = (*question.accepted, question.doubt)
        again = replace(question, accepted=accepted)
        return await _settle_date(context, council, again, answering=True)
    assert isinstance(answer, When)
    start, end = _new_times(draft.starts_at, draft.ends_at, answer)
    redated = replace(
        draft, starts_at=start, ends_at=end, time_known=True, year_guessed=answer.year_guessed
    )
    again = replace(question, draft=redated, accepted=())
    return await _settle_date(context, council, again, answering=True)


def _new_times(
    starts_at: datetime, ends_at: datetime | None, when: When
) -> tuple[datetime, datetime | None]:
    """A meeting's start and end at ``when``: its time, or on its day at the old time of day,
    as long as before."""
    duration = (ends_at - starts_at) if ends_at else None
    if when.has_time:
        start = when.start
        end = when.end or (start + duration if duration else None)
    else:
        old = starts_at.astimezone(STOCKHOLM)
        start = datetime.combine(when.start.date(), old.time(), tzinfo=STOCKHOLM)
        end = start + duration if duration else None
    return start, end


@command(
    "meeting.next",
    "next meeting",
    "nästa möte",
    "next",
    "nästa",
    sv="nästa möte",
    en="next meeting",
    group=Group.MEETINGS,
    teams=2,
    slack="/next",
)
async def next_meeting(context: Context, args: str) -> Reply:
    scope = council_scope(context)
    upcoming = await meetings.upcoming_meetings(context.session, scope, context.now, limit=1)
    if not upcoming:
        return Reply(title=context.t("meeting.none"), lines=(context.t("meeting.none_hint"),))
    meeting = upcoming[0]
    lines = [where_line(context, meeting)]
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
        links=(Link(context.t("meeting.open_link"), meeting.online_url),)
        if meeting.online_url
        else (),
    )


@command(
    "meetings.list",
    "meetings",
    "möten",
    "mötesdagar",
    sv="möten",
    en="meetings",
    group=Group.MEETINGS,
    teams=3,
    slack="/meetings",
)
async def list_meetings(context: Context, args: str) -> Reply:
    scope = council_scope(context)
    upcoming = await meetings.upcoming_meetings(context.session, scope, context.now, limit=12)
    if not upcoming:
        return Reply(title=context.t("meeting.none"), lines=(context.t("meeting.none_hint"),))
    items = tuple(Item(numbered(context, m), meeting_place(context, m)) for m in upcoming)
    return Reply(title=context.t("meetings.title", count=len(items)), items=items)


async def _meeting_by_number(
    context: Context, council: Council, args: str, *, usage: str
) -> tuple[Meeting, str]:
    number_text, _, rest = args.strip().partition(" ")
    number = read_id(number_text)
    if number is None:
        raise context.problem("meeting.bad_number", usage=usage)
    meeting = await meetings.meeting_by_number(context.session, council.id, number)
    if meeting is None:
        raise context.problem("meeting.unknown_number", number=number_text.lstrip("#"))
    return meeting, rest.strip()


@command(
    "meeting.move",
    "meeting move",
    "flytta möte",
    "möte flytta",
    needs=Needs.OFFICER,
    sv="flytta möte",
    en="meeting move",
    group=Group.MEETINGS,
)
async def move_meeting(context: Context, args: str) -> Reply:
    """Move a meeting; its reminders and the deadlines of actions due at it move along."""
    council = context.require_council()
    meeting, when_text = await _meeting_by_number(
        context, council, args, usage="usage.meeting.move"
    )
    if when_text and _TIME_ONLY.match(when_text):
        # "kl 13" alone is a new time on the meeting's own day, not today's or tomorrow's.
        day = meeting.starts_at.astimezone(STOCKHOLM).date()
        when = parse_when(when_text, now=datetime.combine(day, time(0, 0), tzinfo=STOCKHOLM))
    else:
        when = parse_when(when_text, now=context.now) if when_text else None
    if when is None:
        raise unreadable_date(context, when_text, usage="usage.meeting.move")
    starts_at, ends_at = _new_times(meeting.starts_at, meeting.ends_at, when)
    draft = MeetingDraft(
        starts_at=starts_at,
        ends_at=ends_at,
        place=meeting.place,
        online_url=meeting.online_url,
        kind=meeting.kind,
        year_guessed=when.year_guessed,
    )
    same_day = local(draft.starts_at).date() == local(meeting.starts_at).date()
    question = MeetingDateQuestion(
        draft=draft,
        meeting_id=meeting.id,
        # a new time on the meeting's own day raises no question about that day
        accepted=(Doubt.DAY_OFF,) if same_day else (),
    )
    return await _settle_date(context, council, question)


async def _moved(
    context: Context,
    council: Council,
    meeting: Meeting,
    starts_at: datetime,
    ends_at: datetime | None,
) -> Reply:
    before = MeetingRecord(starts_at=meeting.starts_at, ends_at=meeting.ends_at)
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    await meetings.move_due_actions(context.session, meeting.id, starts_at)
    await replan_meeting(context.session, meeting, context.now)
    await context.audit(
        "move",
        "meeting",
        meeting.id,
        council_id=council.id,
        before=before,
        after=MeetingRecord(starts_at=starts_at, ends_at=ends_at),
    )
    return Reply(
        title=context.t(
            "meeting.moved", number=meeting.number, when=describe_meeting(context, meeting)
        ),
        tone=Tone.OK,
    )


@command(
    "meeting.cancel",
    "meeting cancel",
    "ställ in möte",
    "möte ställ in",
    "inställt möte",
    needs=Needs.OFFICER,
    sv="ställ in möte",
    en="meeting cancel",
    group=Group.MEETINGS,
)
async def cancel_meeting(context: Context, args: str) -> Reply:
    """Cancel a meeting and its reminders; actions due at it keep their date as a deadline."""
    council = context.require_council()
    meeting, _ = await _meeting_by_number(context, council, args, usage="usage.meeting.cancel")
    if meeting.status == MeetingStatus.CANCELLED:
        return Reply(title=context.t("meeting.already_cancelled", number=meeting.number))
    meeting.status = MeetingStatus.CANCELLED
    detached = await meetings.detach_due_actions(context.session, meeting.id)
    for action in detached:
        await replan_action(context.session, action, context.now)
    await replan_meeting(context.session, meeting, context.now)
    await context.audit(
        "cancel",
        "meeting",
        meeting.id,
        council_id=council.id,
        # the actions that were due at it, to bind them to it again if the cancelling is undone
        before=MeetingRecord(status="planned", action_ids=tuple(a.id for a in detached)),
        after=MeetingRecord(status="cancelled"),
    )
    return Reply(
        title=context.t(
            "meeting.cancelled", number=meeting.number, when=describe_meeting(context, meeting)
        ),
        tone=Tone.OK,
    )


@command(
    "agenda.add",
    "agenda add",
    "dagordning lägg till",
    "ny punkt",
    "föreslå punkt",
    needs=Needs.MEMBER,
    sv="föreslå punkt",
    en="agenda add",
    group=Group.MEETINGS,
)
async def add_agenda_item(context: Context, args: str) -> Reply:
    """Any member proposes an item for the next meeting."""
    council = context.require_council()
    if not args.strip():
        raise context.problem("agenda.missing_text", usage="usage.agenda.add")
    upcoming = await meetings.upcoming_meetings(context.session, [council.id], context.now, limit=1)
    if not upcoming:
        raise context.problem("agenda.no_meeting")
    meeting = upcoming[0]
    item = await meetings.add_agenda_item(
        context.session,
        meeting_id=meeting.id,
        title=" ".join(args.split()),
        proposed_by_id=context.person.id if context.person else None,
        at=context.now,
    )
    await context.audit(
        "add",
        "agenda_item",
        item.id,
        council_id=council.id,
        after=AgendaItemRecord(title=item.title, meeting=meeting.number),
    )
    return Reply(
        title=context.t("agenda.added", when=describe_meeting(context, meeting)),
        lines=(item.title,),
        tone=Tone.OK,
    )


@command(
    "agenda.show",
    "agenda",
    "dagordning",
    "dagordningen",
    needs=Needs.COUNCIL,
    sv="dagordning",
    en="agenda",
    group=Group.MEETINGS,
    teams=4,
)
async def show_agenda(context: Context, args: str) -> Reply:
    scope = council_scope(context)
    upcoming = await meetings.upcoming_meetings(context.session, scope, context.now, limit=1)
    if not upcoming:
        return Reply(title=context.t("meeting.none"), lines=(context.t("meeting.none_hint"),))
    meeting = upcoming[0]
    agenda = await meetings.agenda_of(context.session, meeting.id)
    when = describe_meeting(context, meeting)
    if not agenda:
        return Reply(
            title=context.t("agenda.empty", when=when),
            footer=context.t("reminder.agenda_call_footer"),
        )
    items = tuple(
        Item(
            f"{n}. {item.title}", " · ".join(filter(None, [item.time_slot, item.presenter])) or None
        )
        for n, item in enumerate(agenda, start=1)
    )
    return Reply(
        title=context.t("agenda.title", when=when),
        items=items,
        footer=context.t("reminder.agenda_call_footer"),
    )


@undoes("add", "meeting")
@undoes("cancel", "meeting")
@undoes("move", "meeting")
async def _take_back(context: Context, event: AuditEvent) -> bool:
    """A meeting added is cancelled, one cancelled is planned again, one moved is back at its
    old time; the actions due at it follow it back."""
    meeting = await context.session.get(Meeting, event.subject_id)
    if meeting is None:
        return False
    if event.verb == "move":
        before = read(MeetingRecord, event.before)
        if before is None or before.starts_at is None:
            return False
        meeting.starts_at, meeting.ends_at = before.starts_at, before.ends_at
    else:
        added = event.verb == "add"
        meeting.status = MeetingStatus.CANCELLED if added else MeetingStatus.PLANNED
    if event.verb in ("move", "cancel"):
        await _restore_due_actions(context, meeting, event)
    await replan_meeting(context.session, meeting, context.now)
    return True


async def _restore_due_actions(context: Context, meeting: Meeting, event: AuditEvent) -> None:
    """Actions due at a meeting follow it back: to its old time when a move is undone, and
    bound to it again when its cancelling is (cancelling left them on its date)."""
    session = context.session
    if event.verb == "cancel":
        before = read(MeetingRecord, event.before) or MeetingRecord()
        for action in (await lookup.by_ids(session, Action, list(before.action_ids))).values():
            if action.due_meeting_id is None and action.due_at == meeting.starts_at:
                action.due_meeting_id = meeting.id
    for action in await actions.actions_due_at(session, meeting.id):
        action.due_at = meeting.starts_at
        await replan_action(session, action, context.now)


@undoes("add", "agenda_item")
async def _take_back_agenda_item(context: Context, event: AuditEvent) -> bool:
    """An agenda item proposed is taken off the agenda again."""
    assert event.subject_id is not None
    await meetings.remove_agenda_item(context.session, event.subject_id)
    return True
