"""``reminders``: what is planned, what failed, the council's policy, and my own choices."""

from __future__ import annotations

import re

from sqlalchemy import select

from dialogs.context import Context
from dialogs.datefmt import format_moment
from dialogs.model import Item, Reply, Tone
from dialogs.registry import PERSON, command
from dialogs.reminder_plans import replan_all
from scheduler.policy import CouncilPolicy
from store import audit, reminders
from store.models import Council, Person, Reminder, ReminderState

_DAYS = re.compile(r"^\d{1,2}(?:\s*[, ]\s*\d{1,2})*$")
_POLICY_FIELDS = {
    "meeting": "meeting_days",
    "möte": "meeting_days",
    "möten": "meeting_days",
    "meetings": "meeting_days",
    "deadline": "deadline_working_days",
    "deadlines": "deadline_working_days",
    "nomination": "nomination_days",
    "nominations": "nomination_days",
    "nominering": "nomination_days",
}


def _days(context: Context, text: str) -> list[int]:
    if not _DAYS.match(text.strip()):
        raise context.problem("reminders.bad_days")
    return sorted({int(d) for d in re.findall(r"\d+", text)}, reverse=True)


def _kind_label(context: Context, kind: str) -> str:
    base = kind.rsplit(".", 1)[0] if kind[-1].isdigit() else kind
    return context.t(f"reminder.kind.{base}")


async def _listing(
    context: Context, states: list[ReminderState], title_key: str, none_key: str
) -> Reply:
    council = context.require_council()
    rows = await reminders.planned_for(context.session, council.id, states=states)
    people_ids = {r.recipient_person_id for r in rows if r.recipient_person_id}
    names = (
        {
            p.id: p.full_name
            for p in await context.session.scalars(select(Person).where(Person.id.in_(people_ids)))
        }
        if people_ids
        else {}
    )
    policy = CouncilPolicy.from_stored(council.reminder_settings)
    lines = (
        context.t(
            "reminders.policy",
            meeting=", ".join(map(str, policy.meeting_days)),
            deadline=", ".join(map(str, policy.deadline_working_days)),
            nomination=", ".join(map(str, policy.nomination_days)),
            digest=context.t("reminders.yes" if policy.weekly_digest else "reminders.no"),
        ),
    )
    if not rows:
        return Reply(title=context.t(none_key), lines=lines)
    items = tuple(_item(context, r, names) for r in rows)
    return Reply(
        title=context.t(title_key, council=council.short_name, count=len(rows)),
        lines=lines,
        items=items,
    )


def _item(context: Context, row: Reminder, names: dict[int, str]) -> Item:
    to = (
        context.t("reminders.to_person", name=names.get(row.recipient_person_id, "?"))
        if row.recipient_person_id
        else context.t("reminders.to_channel")
    )
    return Item(
        format_moment(row.due_at, context.lang, now=context.now),
        f"{_kind_label(context, row.kind)} · {to}",
        flag=row.last_error if row.state == ReminderState.FAILED else None,
    )


@command("reminders", "reminders", "påminnelser", needs=PERSON)
async def reminders_command(context: Context, args: str) -> Reply:
    """``reminders`` / ``reminders failed`` / ``reminders meeting 7, 1`` / ``reminders mine off``."""
    word, _, rest = args.strip().partition(" ")
    word = word.casefold()
    if word in ("mine", "mina", "my"):
        return await _mine(context, rest.strip())
    if context.membership is None or not context.is_officer:
        raise context.problem("problem.officers_only")
    if word in ("", "planned", "planerade"):
        return await _listing(context, [ReminderState.PENDING], "reminders.title", "reminders.none")
    if word in ("failed", "misslyckade"):
        return await _listing(
            context, [ReminderState.FAILED], "reminders.failed_title", "reminders.failed_none"
        )
    if word in ("digest", "veckosammanfattning"):
        return await _set_policy(
            context, "weekly_digest", rest.strip().casefold() in ("on", "på", "ja", "yes")
        )
    if word in _POLICY_FIELDS:
        return await _set_policy(context, _POLICY_FIELDS[word], _days(context, rest))
    raise context.problem("reminders.bad_days", usage="usage.reminders")


async def _set_policy(context: Context, field: str, value: object) -> Reply:
    council = context.require_council()
    before = CouncilPolicy.from_stored(council.reminder_settings).to_stored()
    after = dict(before, **{field: value})
    council.reminder_settings = after
    await replan_all(context.session, council, context.now)
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=context.person.id if context.person else None,
        verb="update",
        subject_type="reminder_policy",
        subject_id=council.id,
        at=context.now,
        before=before,
        after=after,
    )
    return Reply(title=context.t("reminders.policy_set"), tone=Tone.OK)


async def _mine(context: Context, choice: str) -> Reply:
    person = context.require_person()
    prefs = dict(person.reminder_prefs or {})
    folded = choice.casefold()
    if folded in ("off", "av", "nej", "no"):
        prefs["off"] = True
        key, values = "reminders.mine_off", {}
    elif folded in ("on", "på", "pa", "ja", "yes"):
        prefs.pop("off", None)
        key, values = "reminders.mine_on", {}
    else:
        days = _days(context, choice)
        prefs.pop("off", None)
        prefs["deadline_working_days"] = days
        key, values = "reminders.mine_days", {"days": ", ".join(map(str, days))}
    person.reminder_prefs = prefs
    for council_id in context.council_ids:
        council = await context.session.get(Council, council_id)
        if council is not None:
            await replan_all(context.session, council, context.now)
    return Reply(title=context.t(key, **values), tone=Tone.OK)
