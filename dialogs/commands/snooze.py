"""``påminn mig i morgon N``: the "Påminn mig i morgon" button of a personal reminder.

The button carries the id of the reminder it came with. Only that reminder's recipient can
move it: a forwarded card, or someone else pressing it in a channel, changes nothing. The
snooze is a row (``store.reminders.snooze``) that the planner honours whenever it plans the
action again, so it holds in every server process and across restarts.
"""

from __future__ import annotations

import re
from datetime import datetime

from dialogs.context import Context
from dialogs.dates.deadlines import has_passed
from dialogs.dates.writing import format_clock, local
from dialogs.model import Reply, Tone
from dialogs.registry import PERSON, Group, command
from dialogs.reminders.plans import replan_action, replan_meeting
from dialogs.reminders.policy import next_working_morning
from store import actions, reminder_inputs, reminders
from store.models import Action, ActionStatus, Meeting, MeetingStatus, Reminder

_REMINDER_ID = re.compile(r"^#?(\d{1,12})$")


def spoken_day(context: Context, moment: datetime) -> str:
    """``fredag 4 december`` (the year too when it is not this year's)."""
    day = local(moment)
    weekday = context.t("snooze.weekdays").split()[day.weekday()]
    month = context.t("snooze.months").split()[day.month - 1]
    written = context.t("snooze.day", weekday=weekday, day=day.day, month=month)
    if day.year != local(context.now).year:
        written = context.t("snooze.day_year", day=written, year=day.year)
    return written


@command(
    "reminder.snooze",
    "påminn mig i morgon",
    "påminn mig imorgon",
    "remind me tomorrow",
    needs=PERSON,
    sv="påminn mig i morgon",
    en="remind me tomorrow",
    group=Group.ACTIONS,
    button_only=True,
)
async def snooze(context: Context, args: str) -> Reply:
    person = context.require_person()
    number = _REMINDER_ID.match(args.strip())
    if number is None:
        return Reply(title=context.t("snooze.which"), tone=Tone.INFO)
    reminder = await reminders.reminder_by_id(context.session, int(number.group(1)))
    until = next_working_morning(context.now)
    if reminder is None or reminder.recipient_person_id != person.id:
        # Someone else's reminder (a forwarded card, a press in a channel): change nothing.
        return Reply(title=context.t("snooze.not_yours"), tone=Tone.PROBLEM)
    if reminder.subject_type == "meeting" and reminder.kind == "meeting.your_actions":
        refusal = await _snooze_meeting(context, reminder.subject_id, person.id, until)
    else:
        refusal = await _snooze_action(context, reminder, person.id, until)
    if refusal is not None:
        return refusal
    tomorrow = (local(until).date() - local(context.now).date()).days == 1
    return Reply(
        title=context.t(
            "snooze.tomorrow" if tomorrow else "snooze.later",
            day=spoken_day(context, until),
            clock=format_clock(until, context.lang),
        ),
        tone=Tone.OK,
    )


async def _snooze_action(
    context: Context, reminder: Reminder, person_id: int, until: datetime
) -> Reply | None:
    """Move the person's next deadline reminder of the action; or why not."""
    action = (
        await context.session.get(Action, reminder.subject_id)
        if reminder.subject_type == "action"
        else None
    )
    if action is None or action.status == ActionStatus.CANCELLED:
        return Reply(title=context.t("snooze.gone"), tone=Tone.INFO)
    if action.status == ActionStatus.DONE:
        return Reply(title=context.t("snooze.done", number=action.number), tone=Tone.OK)
    if action.due_at is None or action.due_meeting_id is not None:
        return Reply(title=context.t("snooze.no_deadline", number=action.number), tone=Tone.INFO)
    if not await actions.is_owner(context.session, action.id, person_id, everyone_counts=False):
        return Reply(title=context.t("snooze.not_owner", number=action.number), tone=Tone.INFO)
    if has_passed(action.due_at, action.due_has_time, context.now):
        return Reply(title=context.t("snooze.passed", number=action.number), tone=Tone.INFO)
    if has_passed(action.due_at, action.due_has_time, until) or (
        action.due_has_time and action.due_at <= until
    ):
        return Reply(title=context.t("snooze.too_late", number=action.number), tone=Tone.INFO)
    await reminders.snooze(
        context.session,
        council_id=action.council_id,
        subject_type="action",
        subject_id=action.id,
        person_id=person_id,
        until=until,
        now=context.now,
    )
    await replan_action(context.session, action, context.now)
    return None


async def _snooze_meeting(
    context: Context, meeting_id: int, person_id: int, until: datetime
) -> Reply | None:
    """Move the person's reminder of their actions due at the meeting; or why not."""
    meeting = await context.session.get(Meeting, meeting_id)
    if meeting is None or meeting.status != MeetingStatus.PLANNED:
        return Reply(title=context.t("snooze.meeting_gone"), tone=Tone.INFO)
    if meeting.starts_at <= context.now:
        return Reply(title=context.t("snooze.meeting_passed"), tone=Tone.INFO)
    if person_id not in await reminder_inputs.owners_due_at_meeting(context.session, meeting.id):
        return Reply(title=context.t("snooze.meeting_nothing_due"), tone=Tone.OK)
    if meeting.starts_at <= until:
        return Reply(title=context.t("snooze.meeting_too_late"), tone=Tone.INFO)
    await reminders.snooze(
        context.session,
        council_id=meeting.council_id,
        subject_type="meeting",
        subject_id=meeting.id,
        person_id=person_id,
        until=until,
        now=context.now,
    )
    await replan_meeting(context.session, meeting, context.now)
    return None
