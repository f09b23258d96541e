"""``reminders``: what is planned, what failed, the council's policy, and my own choices."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from dialogs.context import Context
from dialogs.dates.writing import format_day, format_moment
from dialogs.model import Item, Reply, Tone
from dialogs.registry import PERSON, Group, command
from dialogs.reminders.plans import replan_all
from dialogs.reminders.policy import COUNCIL_POLICY, CouncilPolicy, PersonalChoice
from store import councils, lookup, reminders
from store.models import (
    Action,
    DatedItem,
    Meeting,
    NominationRound,
    Person,
    Reminder,
    ReminderState,
)

#: Rows shown in a listing; the title counts them all and the footer says how many more.
SHOWN = 30
#: A dated item is named by its text, cut to this length.
LABEL_CHARS = 40
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


def _days_before(context: Context, key: str, days: Sequence[int]) -> str:
    """ "1 dag", "7, 1 dagar": a single 1 agrees in the singular, anything else in the plural."""
    return context.tn(
        key, days[0] if len(days) == 1 else len(days), count=", ".join(map(str, days))
    )


def _kind_label(context: Context, kind: str) -> str:
    base = kind.rsplit(".", 1)[0] if kind[-1].isdigit() else kind
    return context.t(f"reminder.kind.{base}")


async def _listing(
    context: Context, states: list[ReminderState], title_key: str, none_key: str
) -> Reply:
    council = context.require_council()
    rows = await reminders.planned_for(context.session, council.id, states=states, limit=SHOWN)
    total = await reminders.count_for(context.session, council.id, states=states)
    labels = await _labels(context, rows)
    people_ids = {r.recipient_person_id for r in rows if r.recipient_person_id}
    people = await lookup.by_ids(context.session, Person, people_ids)
    names = {pid: person.full_name for pid, person in people.items()}
    policy = CouncilPolicy.from_stored(council.reminder_settings)
    lines = (
        context.t(
            "reminders.policy",
            meeting=_days_before(context, "reminders.days", policy.meeting_days),
            deadline=_days_before(context, "reminders.working_days", policy.deadline_working_days),
            nomination=_days_before(context, "reminders.days", policy.nomination_days),
            digest=context.t("reminders.yes" if policy.weekly_digest else "reminders.no"),
        ),
    )
    if not rows:
        return Reply(title=context.t(none_key), lines=lines)
    items = tuple(
        _item(context, r, names, labels.get((r.subject_type, r.subject_id))) for r in rows
    )
    return Reply(
        title=context.t(title_key, council=council.short_name, count=total),
        lines=lines,
        items=items,
        footer=context.t("reminders.more", count=total - len(rows)) if total > len(rows) else None,
    )


async def _labels(context: Context, rows: list[Reminder]) -> dict[tuple[str, int], str]:
    """What each row is about, in a few words: ``fre 12 sep`` (a meeting), ``åtgärd 4``, ``RPT THS``."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        wanted[row.subject_type].add(row.subject_id)
    session = context.session
    labels: dict[tuple[str, int], str] = {}
    for meeting in (await lookup.by_ids(session, Meeting, wanted["meeting"])).values():
        labels["meeting", meeting.id] = format_day(meeting.starts_at, context.lang, now=context.now)
    for action in (await lookup.by_ids(session, Action, wanted["action"])).values():
        labels["action", action.id] = context.t("reminders.about_action", number=action.number)
    for nomination_round in (
        await lookup.by_ids(session, NominationRound, wanted["round"])
    ).values():
        labels["round", nomination_round.id] = nomination_round.target
    for item in (await lookup.by_ids(session, DatedItem, wanted["dated_item"])).values():
        short = item.text if len(item.text) <= LABEL_CHARS else item.text[: LABEL_CHARS - 1] + "…"
        labels["dated_item", item.id] = short
    return labels


def _item(context: Context, row: Reminder, names: dict[int, str], label: str | None) -> Item:
    to = (
        context.t("reminders.to_person", name=names.get(row.recipient_person_id, "?"))
        if row.recipient_person_id
        else context.t("reminders.to_channel")
    )
    kind = _kind_label(context, row.kind)
    if label and row.subject_type == "meeting":
        kind, label = f"{kind} {label}", None  # "dagordning inför möte fre 12 sep"
    about = " · ".join(filter(None, [kind, label, to]))
    return Item(
        format_moment(row.due_at, context.lang, now=context.now),
        about,
        flag=row.last_error if row.state == ReminderState.FAILED else None,
    )


@command(
    "reminders",
    "reminders",
    "påminnelser",
    needs=PERSON,
    sv="påminnelser",
    en="reminders",
    group=Group.COUNCIL,
)
async def reminders_command(context: Context, args: str) -> Reply:
    """``reminders`` / ``reminders failed`` / ``reminders meeting 7, 1`` / ``reminders mine off``."""
    word, _, rest = args.strip().partition(" ")
    word = word.casefold()
    if word in ("mine", "mina", "my"):
        return await _mine(context, rest.strip())
    if not context.is_officer:
        raise context.officers_only()
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
    before = CouncilPolicy.from_stored(council.reminder_settings)
    after = COUNCIL_POLICY.validate_python(dict(before.to_stored(), **{field: value}))
    council.reminder_settings = after.to_stored()
    await replan_all(context.session, council, context.now)
    await context.audit(
        "update",
        "reminder_policy",
        council.id,
        council_id=council.id,
        before=before,
        after=after,
    )
    return Reply(title=context.t("reminders.policy_set"), tone=Tone.OK)


async def _mine(context: Context, choice: str) -> Reply:
    person = context.require_person()
    prefs = PersonalChoice.from_stored(person.reminder_prefs)
    folded = choice.casefold()
    values: dict[str, str]
    if folded in ("off", "av", "nej", "no"):
        prefs = replace(prefs, off=True)
        key, values = "reminders.mine_off", {}
    elif folded in ("on", "på", "pa", "ja", "yes"):
        prefs = replace(prefs, off=False)
        key, values = "reminders.mine_on", {}
    else:
        days = _days(context, choice)
        prefs = replace(prefs, off=False, deadline_working_days=tuple(days))
        key, values = (
            "reminders.mine_days",
            {"days": _days_before(context, "reminders.working_days", days)},
        )
    person.reminder_prefs = prefs.to_stored()
    for council_id in context.council_ids:
        council = await councils.council_by_id(context.session, council_id)
        if council is not None:
            await replan_all(context.session, council, context.now)
    return Reply(title=context.t(key, **values), tone=Tone.OK)
