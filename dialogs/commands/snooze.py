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
from dialogs.reminders.plans import replan_action
from dialogs.reminders.policy import next_working_morning
from store import actions, reminders
from store.models import Action, ActionStatus

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
    if reminder is None or reminder.recipient_person_id != person.id:
        # Someone else's reminder (a forwarded card, a press in a channel): change nothing.
        return Reply(title=context.t("snooze.not_yours"), tone=Tone.PROBLEM)
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
    if not await actions.is_owner(context.session, action.id, person.id, everyone_counts=False):
        return Reply(title=context.t("snooze.not_owner", number=action.number), tone=Tone.INFO)
    if has_passed(action.due_at, action.due_has_time, context.now):
        return Reply(title=context.t("snooze.passed", number=action.number), tone=Tone.INFO)
    until = next_working_morning(context.now)
    if has_passed(action.due_at, action.due_has_time, until) or (
        action.due_has_time and action.due_at <= until
    ):
        return Reply(title=context.t("snooze.too_late", number=action.number), tone=Tone.INFO)
    await reminders.snooze(
        context.session,
        council_id=action.council_id,
        subject_type="action",
        subject_id=action.id,
        person_id=person.id,
        until=until,
        now=context.now,
    )
    await replan_action(context.session, action, context.now)
    tomorrow = (local(until).date() - local(context.now).date()).days == 1
    return Reply(
        title=context.t(
            "snooze.tomorrow" if tomorrow else "snooze.later",
            day=spoken_day(context, until),
            clock=format_clock(until, context.lang),
            number=action.number,
        ),
        tone=Tone.OK,
    )
