"""What a reminder says, composed from what the database holds when the reminder goes out
(``store.reminder_subjects.load_subject``); composing itself reads nothing.

Composing at send time, not at planning time, means a reminder always shows the current
agenda, place and owners. It also decides that a reminder is no longer wanted: the item is
done or gone (cancel), or the bot was down until after the item itself (drop).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from dialogs.dates.deadlines import has_passed, still_ahead_at
from dialogs.dates.writing import format_day, format_meeting_when, format_moment, local
from dialogs.model import Button, Item, Reply
from dialogs.nomination_views import (
    deadline_words,
    how_to_nominate,
    nomination_items,
    round_heading,
)
from dialogs.people.owner_list import action_owners, owner_names
from dialogs.reminders.policy import next_working_morning
from dialogs.texts import plural, text
from store.models import (
    Action,
    ActionStatus,
    Council,
    MeetingStatus,
    Reminder,
    RoundStatus,
)
from store.reminder_subjects import Subject

#: The secretary hears of the first purge this long before it (``dialogs.retention``).
RETENTION_NOTICE_AHEAD = timedelta(days=7)
#: A reminder sent this long after it was due says that it is late.
LATE_AFTER = timedelta(minutes=15)
#: A round's closing reminder names this many of those who have not answered, then counts
#: the rest: a council of 200 would otherwise fill the channel with names.
SILENT_NAMED = 20


class Verdict(StrEnum):
    SEND = "send"
    CANCEL = "cancel"
    DROP = "drop"


@dataclass(frozen=True)
class Composed:
    verdict: Verdict
    reply: Reply | None = None
    lang: str = "sv"


def compose(
    subject: Subject,
    reminder: Reminder,
    now: datetime,
    default_language: str,
    app_language: str | None = None,
) -> Composed:
    """The message for ``reminder`` now, or why it should not be sent. Its language: the
    person's own choice, then ``app_language`` (that of the chat app their personal chat was
    last written from), then the council's, then ``default_language``."""
    council, person = subject.council, subject.person
    if council is None:
        return Composed(Verdict.CANCEL)
    lang = (
        (person.language if person else None)
        or app_language
        or council.language
        or default_language
    )
    builder = _BUILDERS.get(reminder.subject_type)
    if builder is None:
        return Composed(Verdict.CANCEL)
    composed = builder(subject, reminder, council, now, lang)
    # A first attempt long after the due time means the bot was down; a retry is not "late".
    first_try = reminder.attempts == 0
    if (
        composed.verdict is Verdict.SEND
        and composed.reply
        and first_try
        and now - reminder.due_at > LATE_AFTER
    ):
        reply = composed.reply
        composed = Composed(
            Verdict.SEND,
            Reply(
                title=reply.title,
                lines=(text(lang, "reminder.late"), *reply.lines),
                items=reply.items,
                footer=reply.footer,
                buttons=reply.buttons,
            ),
            lang,
        )
    return composed


def _when(
    moment: datetime,
    lang: str,
    now: datetime,
    *,
    has_time: bool = True,
    end: datetime | None = None,
) -> str:
    return format_moment(moment, lang, now=now, has_time=has_time, end=end)


def _deadline_key(due_at: datetime, now: datetime) -> str:
    """ "deadline i dag" only on the day itself: the reminder of the day goes out earlier when
    the deadline falls on a weekend or a holiday, and then it names the day instead."""
    today = local(due_at).date() == local(now).date()
    return "reminder.deadline_today" if today else "reminder.deadline"


def _meeting(
    subject: Subject, reminder: Reminder, council: Council, now: datetime, lang: str
) -> Composed:
    meeting = subject.meeting
    if meeting is None or meeting.status != MeetingStatus.PLANNED:
        return Composed(Verdict.CANCEL)
    if meeting.starts_at <= now:
        return Composed(Verdict.DROP)
    when = format_meeting_when(
        meeting.starts_at, lang, now=now, end=meeting.ends_at, time_known=meeting.time_known
    )
    if meeting.place or meeting.online_url:
        place = meeting.place or text(lang, "meeting.kind.digital")
        lines = [text(lang, "meeting.where", place=place)]
    else:  # "Plats: inte bestämd än", the label said once
        lines = [text(lang, "meeting.where_undecided")]
    if meeting.online_url:
        lines.append(text(lang, "meeting.link", url=meeting.online_url))
    if reminder.kind == "meeting.your_actions":
        due = subject.actions
        if not due:
            return Composed(Verdict.CANCEL)
        items = tuple(
            Item(f"#{a.number} {a.text}", buttons=(_done_button(a, council, lang),)) for a in due
        )
        return Composed(
            Verdict.SEND,
            Reply(
                title=text(lang, "reminder.your_actions", council=council.short_name, when=when),
                items=items,
                buttons=(_snooze_button(reminder, lang),),
            ),
            lang,
        )
    agenda = subject.agenda
    items = tuple(
        Item(a.title, " · ".join(filter(None, [a.time_slot, a.presenter])) or None) for a in agenda
    )
    if reminder.kind.startswith("meeting.agenda_call"):
        lines.append(text(lang, "meeting.agenda") if items else text(lang, "meeting.no_agenda"))
        return Composed(
            Verdict.SEND,
            Reply(
                title=text(lang, "reminder.agenda_call", council=council.short_name, when=when),
                lines=tuple(lines),
                items=items,
                footer=text(lang, "reminder.agenda_call_footer"),
            ),
            lang,
        )
    due = subject.actions
    if due:
        # Everything due at the meeting, owners named: actions of "alla" and of organisations
        # have no one to remind personally, and are reminded only here.
        listed = "; ".join(f"#{a.number} {a.text} ({_owner_names(a, lang)})" for a in due)
        lines.append(text(lang, "reminder.meeting_actions", actions=listed))
    if items:
        lines.append(text(lang, "meeting.agenda"))
    return Composed(
        Verdict.SEND,
        Reply(
            title=text(lang, "reminder.meeting_details", council=council.short_name, when=when),
            lines=tuple(lines),
            items=items,
        ),
        lang,
    )


def _owner_names(action: Action, lang: str) -> str:
    """``alla, Lars Gelander, Neo-rådet``: people by name, organisations as written."""
    return action_owners(action, text(lang, "action.everyone"))


def _action(
    subject: Subject, reminder: Reminder, council: Council, now: datetime, lang: str
) -> Composed:
    action = subject.action
    if action is None or action.status != ActionStatus.OPEN or action.due_at is None:
        return Composed(Verdict.CANCEL)
    if has_passed(action.due_at, action.due_has_time, now):
        return Composed(Verdict.DROP)
    owners = _owner_names(action, lang)
    when = _when(action.due_at, lang, now, has_time=action.due_has_time)
    return Composed(
        Verdict.SEND,
        Reply(
            title=text(
                lang, _deadline_key(action.due_at, now), council=council.short_name, when=when
            ),
            items=(Item(f"#{action.number} {action.text}", owners or None),),
            # a personal reminder has a "Klar" button instead
            footer=None
            if reminder.recipient_person_id
            else text(lang, "reminder.done_hint", number=action.number),
            buttons=_personal_buttons(reminder, action, council, lang, now),
        ),
        lang,
    )


def _personal_buttons(
    reminder: Reminder, action: Action, council: Council, lang: str, now: datetime
) -> tuple[Button, ...]:
    """A personal reminder's "Påminn mig i morgon" (this reminder, for its recipient only;
    not when the deadline is gone by then) and "Klar" (the action, as ``klar N`` would)."""
    if reminder.recipient_person_id is None or action.due_at is None:
        return ()
    done = _done_button(action, council, lang)
    if not still_ahead_at(action.due_at, action.due_has_time, next_working_morning(now)):
        return (done,)
    return (_snooze_button(reminder, lang), done)


def _snooze_button(reminder: Reminder, lang: str) -> Button:
    return Button(text(lang, "snooze.button"), text(lang, "snooze.command", reminder=reminder.id))


def _done_button(action: Action, council: Council, lang: str) -> Button:
    return Button(
        text(lang, "snooze.done_button"),
        text(lang, "snooze.done_command", number=action.number, council=council.short_name),
    )


def _dated_item(
    subject: Subject, reminder: Reminder, council: Council, now: datetime, lang: str
) -> Composed:
    item = subject.dated_item
    if item is None or item.cancelled:
        return Composed(Verdict.CANCEL)
    if has_passed(item.due_at, item.due_has_time, now):
        return Composed(Verdict.DROP)
    when = _when(item.due_at, lang, now, has_time=item.due_has_time)
    return Composed(
        Verdict.SEND,
        Reply(
            title=text(
                lang, _deadline_key(item.due_at, now), council=council.short_name, when=when
            ),
            items=(Item(item.text),),
        ),
        lang,
    )


def _round(
    subject: Subject, reminder: Reminder, council: Council, now: datetime, lang: str
) -> Composed:
    nomination_round = subject.nomination_round
    if nomination_round is None or (
        nomination_round.deadline_at is None and reminder.kind != "round.opened"
    ):
        return Composed(Verdict.CANCEL)
    standing = subject.nominations
    if reminder.kind == "round.summary":
        if nomination_round.status != RoundStatus.CLOSED:
            return Composed(Verdict.CANCEL)
        items = (
            round_heading(lang, nomination_round, len(standing), now),
            *nomination_items(lang, standing, nomination_round.roles),
        )
        return Composed(
            Verdict.SEND,
            Reply(
                title=text(lang, "round.summary", target=nomination_round.target),
                items=items,
                footer=text(lang, "round.decide_hint", target=nomination_round.target),
            ),
            lang,
        )
    if nomination_round.status != RoundStatus.OPEN:
        return Composed(Verdict.CANCEL)
    if nomination_round.deadline_at and has_passed(
        nomination_round.deadline_at, nomination_round.deadline_has_time, now
    ):
        return Composed(Verdict.DROP)
    when = deadline_words(lang, nomination_round, now)
    how = how_to_nominate(lang, nomination_round.target, nomination_round.roles or ())
    if reminder.kind == "round.opened":
        lines = (
            [text(lang, "round.roles", roles=", ".join(nomination_round.roles))]
            if nomination_round.roles
            else []
        )
        if when:
            lines.append(text(lang, "round.deadline", when=when))
        if nomination_round.description:
            lines.append(nomination_round.description)
        return Composed(
            Verdict.SEND,
            Reply(
                title=text(lang, "round.opened", target=nomination_round.target),
                lines=tuple(lines),
                footer=how,
            ),
            lang,
        )
    if reminder.kind == "round.nudge":
        if subject.person is None or subject.answered:
            return Composed(Verdict.CANCEL)
        return Composed(
            Verdict.SEND,
            Reply(
                title=text(lang, "reminder.round_nudge", target=nomination_round.target, when=when),
                lines=(how, text(lang, "round.none_hint", target=nomination_round.target)),
            ),
            lang,
        )
    lines = [plural(lang, "nominations.count", len(standing))]
    silent = [p.full_name for p in subject.silent]
    if silent:
        names = ", ".join(silent[:SILENT_NAMED])
        if len(silent) > SILENT_NAMED:
            names += " " + text(lang, "members.and_more", count=len(silent) - SILENT_NAMED)
        lines.append(text(lang, "round.not_answered", names=names))
    return Composed(
        Verdict.SEND,
        Reply(
            title=text(lang, "reminder.round_closing", target=nomination_round.target, when=when),
            lines=tuple(lines),
            footer=how,
        ),
        lang,
    )


def _digest(
    subject: Subject, reminder: Reminder, council: Council, now: datetime, lang: str
) -> Composed:
    overdue = [a for a in subject.actions if has_passed(a.due_at, a.due_has_time, now)]
    if not overdue:
        return Composed(Verdict.CANCEL)
    by_owner: dict[str, list[Action]] = defaultdict(list)
    for action in overdue:
        names = owner_names(action)
        if action.for_everyone:
            names.append(text(lang, "action.everyone"))
        for name in names or [text(lang, "action.no_owner")]:
            by_owner[name].append(action)
    items = tuple(
        Item(
            name,
            "; ".join(
                f"#{a.number} {a.text} ({_when(a.due_at, lang, now, has_time=a.due_has_time)})"
                for a in owned
                if a.due_at
            ),
        )
        for name, owned in sorted(by_owner.items())
    )
    return Composed(
        Verdict.SEND,
        Reply(
            title=text(lang, "reminder.digest", council=council.short_name, count=len(overdue)),
            items=items,
        ),
        lang,
    )


def _retention_notice(
    subject: Subject, reminder: Reminder, council: Council, now: datetime, lang: str
) -> Composed:
    """The secretary is told, a week ahead, that old records of the council will go."""
    purge_day = format_day(reminder.created_at + RETENTION_NOTICE_AHEAD, lang)
    return Composed(
        Verdict.SEND,
        Reply(
            title=text(lang, "retention.notice_title", council=council.short_name),
            lines=(text(lang, "retention.notice", day=purge_day),),
        ),
        lang,
    )


_BUILDERS = {
    "meeting": _meeting,
    "action": _action,
    "dated_item": _dated_item,
    "round": _round,
    "council": _digest,
    "retention": _retention_notice,
}
