"""Action items: ``actions mine``, ``actions``, ``action done N``, ``action NAME: TEXT``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from dialogs.commands.meetings import council_scope
from dialogs.context import Context
from dialogs.datefmt import format_moment
from dialogs.deadlines import has_passed
from dialogs.dates import find_when, parse_when
from dialogs.folding import fold
from dialogs.model import Button, Item, Reply, Tone
from dialogs.reminder_plans import replan_action
from dialogs.names import candidates_for, is_everyone
from dialogs.registry import PERSON, Needs, command
from store import actions, audit, councils, meetings, people
from store.models import OFFICER_ROLES, Action, ActionStatus, Council, Person

_OWNER_SEPARATORS = re.compile(r"\s*(?:,|&|\boch\b|\bsamt\b|\band\b)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^#?(\d{1,9})$")


def is_overdue(action: Action, now: datetime) -> bool:
    return has_passed(action.due_at, action.due_has_time, now)


def owners_text(context: Context, action: Action) -> str:
    """``Karin Andersson, Joanna Pestalozzi``, ``alla``, or an organisation marked as such."""
    names = [context.t("action.everyone")] if action.for_everyone else []
    for owner in action.owners:
        if owner.person_id is not None:
            names.append(owner.person.full_name if owner.person else "?")
        elif owner.owner_text:
            names.append(context.t("action.unassigned_owner", name=owner.owner_text))
    return ", ".join(names) or context.t("action.no_owner")


def deadline_text(context: Context, action: Action) -> str:
    if action.due_at is None:
        return context.t("action.no_deadline")
    when = format_moment(action.due_at, context.lang, now=context.now, has_time=action.due_has_time)
    key = "action.due_meeting" if action.due_meeting_id else "action.due"
    return context.t(key, when=when)


def action_item(
    context: Context, action: Action, *, show_owners: bool, council: Council | None = None
) -> Item:
    label = f"#{action.number}"
    if council is not None:
        label = f"{council.short_name} {label}"
    detail = deadline_text(context, action)
    if show_owners:
        detail = f"{owners_text(context, action)} · {detail}"
    overdue = is_overdue(action, context.now)
    command_text = f"klar {action.number}" if council is None else f"klar {action.number} {council.short_name}"
    return Item(
        text=f"{label} {action.text}",
        detail=detail,
        flag=context.t("action.overdue") if overdue else None,
        buttons=(Button(context.t("action.done_button"), command_text),),
    )


@command("actions.mine", "actions mine", "my actions", "åtgärder mina", "mina åtgärder", "mina actions", needs=PERSON)
async def my_actions(context: Context, args: str) -> Reply:
    person = context.require_person()
    scope = council_scope(context)
    mine = await actions.open_actions_of(context.session, person.id, scope)
    if not mine:
        return Reply(title=context.t("actions.mine_none"), tone=Tone.OK)
    by_id = await _councils_by_id(context, scope) if len(scope) > 1 else {}
    items = tuple(
        action_item(context, a, show_owners=False, council=by_id.get(a.council_id)) for a in mine
    )
    overdue = sum(1 for a in mine if is_overdue(a, context.now))
    lines = (context.t("actions.overdue_count", count=overdue),) if overdue else ()
    return Reply(title=context.t("actions.mine_title", count=len(mine)), lines=lines, items=items)


async def _councils_by_id(context: Context, ids: Sequence[int]) -> dict[int, Council]:
    assert context.person is not None
    return {c.id: c for c, _ in await councils.councils_of(context.session, context.person.id) if c.id in ids}


@command("actions.list", "actions", "åtgärder", "action list", needs=Needs.COUNCIL)
async def council_actions(context: Context, args: str) -> Reply:
    council = context.require_council()
    word = args.strip().casefold()
    if word in ("", "all", "alla"):
        found = await actions.open_actions(context.session, council.id)
        title = context.t("actions.all_title", council=council.short_name, count=len(found))
    elif word in ("overdue", "försenade", "forsenade", "sena"):
        found = [
            a
            for a in await actions.open_actions(context.session, council.id, overdue_at=context.now)
            if is_overdue(a, context.now)
        ]
        title = context.t("actions.overdue_title", council=council.short_name, count=len(found))
    else:
        person = await _one_member(context, council, args.strip())
        found = await actions.open_actions(context.session, council.id, owner_id=person.id)
        title = context.t("actions.person_title", name=person.full_name, count=len(found))
    if not found:
        return Reply(title=title, lines=(context.t("actions.none"),), tone=Tone.OK)
    items = tuple(action_item(context, a, show_owners=True) for a in found)
    return Reply(title=title, items=items)


async def _one_member(context: Context, council: Council, written: str) -> Person:
    roster = [m.person for m in await people.roster(context.session, council.id)]
    found = candidates_for(written, roster)
    if not found:
        raise context.problem("name.unknown", name=written)
    if len(found) > 1:
        raise context.problem(
            "name.ambiguous", name=written, candidates=", ".join(p.full_name for p in found)
        )
    return found[0]


@command("action.done", "action done", "done", "klar", "åtgärd klar", "klart", needs=PERSON)
async def mark_done(context: Context, args: str) -> Reply:
    person = context.require_person()
    number_text, _, council_words = args.strip().partition(" ")
    number = _NUMBER.match(number_text)
    if number is None:
        raise context.problem("action.bad_number", usage="usage.action.done")
    action = await _action_by_number(context, int(number.group(1)), council_words.strip())
    membership = await people.membership(context.session, action.council_id, person.id)
    owns = any(o.person_id == person.id for o in action.owners) or (
        action.for_everyone and membership is not None
    )
    if not owns and not (membership is not None and membership.role in OFFICER_ROLES):
        raise context.problem("action.not_yours", number=action.number)
    if action.status == ActionStatus.DONE:
        return Reply(title=context.t("action.already_done", number=action.number), tone=Tone.OK)
    before = {"status": action.status.value, "number": action.number, "text": action.text}
    await actions.mark_done(context.session, action, by_id=person.id, at=context.now)
    await replan_action(context.session, action, context.now)
    await audit.record(
        context.session,
        council_id=action.council_id,
        actor_id=person.id,
        verb="done",
        subject_type="action",
        subject_id=action.id,
        at=context.now,
        before=before,
        after=dict(before, status=action.status.value),
    )
    return Reply(title=context.t("action.marked_done", number=action.number, text=action.text), tone=Tone.OK)


async def _action_by_number(context: Context, number: int, council_words: str) -> Action:
    """The action ``number`` in this council, or in the sender's councils from a personal chat."""
    if council_words:
        council = await councils.council_by_key(context.session, fold(council_words))
        scope = [council.id] if council and council.id in context.council_ids else []
    else:
        scope = council_scope(context)
    found = [
        a for cid in scope if (a := await actions.action_by_number(context.session, cid, number))
    ]
    if not found:
        raise context.problem("action.unknown_number", number=number)
    if len(found) > 1:
        raise context.problem("action.number_in_several", number=number)
    return found[0]


@command("action.add", "action", "åtgärd", "action add", "ny åtgärd", needs=Needs.OFFICER)
async def add_action(context: Context, args: str) -> Reply:
    council = context.require_council()
    owners_part, colon, text = args.partition(":")
    if not colon or not owners_part.strip() or not text.strip():
        raise context.problem("action.bad_form", usage="usage.action.add")
    roster = [m.person for m in await people.roster(context.session, council.id)]
    for_everyone = False
    owners: list[Person] = []
    for written in filter(None, (w.strip() for w in _OWNER_SEPARATORS.split(owners_part))):
        if is_everyone(written):
            for_everyone = True
            continue
        found = candidates_for(written, roster)
        if not found:
            raise context.problem("name.unknown", name=written)
        if len(found) > 1:
            raise context.problem(
                "name.ambiguous", name=written, candidates=", ".join(p.full_name for p in found)
            )
        if found[0] not in owners:
            owners.append(found[0])
    starts = await meetings.meeting_starts(context.session, council.id)
    deadline = find_when(text, now=context.now, meetings=starts)
    due_at, has_time, due_meeting_id = None, False, None
    if deadline is not None:
        when, begin, end = deadline
        text = (text[:begin] + text[end:]).strip()
        due_at, has_time = when.start, when.has_time
        meeting = await meetings.meeting_starting_at(context.session, council.id, when.start)
        due_meeting_id = meeting.id if meeting else None
    text = " ".join(text.split()).strip(" ,.;")
    if not text:
        raise context.problem("action.bad_form", usage="usage.action.add")
    text = text[0].upper() + text[1:]
    action = await actions.add_action(
        context.session,
        council_id=council.id,
        text=text,
        owners=owners,
        for_everyone=for_everyone,
        due_at=due_at,
        due_has_time=has_time,
        due_meeting_id=due_meeting_id,
        created_by_id=context.person.id if context.person else None,
        at=context.now,
    )
    await replan_action(context.session, action, context.now)
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=context.person.id if context.person else None,
        verb="add",
        subject_type="action",
        subject_id=action.id,
        at=context.now,
        after={
            "number": action.number,
            "text": text,
            "owners": [p.full_name for p in owners] + (["alla"] if for_everyone else []),
            "due_at": due_at.isoformat() if due_at else None,
        },
    )
    return Reply(
        title=context.t("action.added", number=action.number),
        lines=(
            context.t("action.who", owners=owners_text(context, action)),
            context.t("action.what", text=action.text),
            context.t("action.deadline_line", deadline=deadline_text(context, action)),
        ),
        tone=Tone.OK,
    )


@command("action.move", "action move", "action due", "ny deadline för", "flytta åtgärd", "åtgärd flytta", needs=PERSON)
async def move_deadline(context: Context, args: str) -> Reply:
    """Change an action's deadline (its owners or an officer); its reminders follow."""
    person = context.require_person()
    number_text, _, when_text = args.strip().partition(" ")
    number = _NUMBER.match(number_text)
    if number is None:
        raise context.problem("action.bad_number", usage="usage.action.move")
    action = await _action_by_number(context, int(number.group(1)), "")
    membership = await people.membership(context.session, action.council_id, person.id)
    owns = any(o.person_id == person.id for o in action.owners)
    if not owns and not (membership is not None and membership.role in OFFICER_ROLES):
        raise context.problem("action.not_yours_to_change", number=action.number)
    starts = await meetings.meeting_starts(context.session, action.council_id)
    when = parse_when(when_text, now=context.now, meetings=starts) if when_text.strip() else None
    if when is None:
        raise context.problem("meeting.bad_when", usage="usage.action.move")
    before = {
        "due_at": action.due_at.isoformat() if action.due_at else None,
        "due_has_time": action.due_has_time,
        "due_meeting_id": action.due_meeting_id,
        "number": action.number,
        "text": action.text,
    }
    meeting = await meetings.meeting_starting_at(context.session, action.council_id, when.start)
    action.due_at, action.due_has_time = when.start, when.has_time
    action.due_meeting_id = meeting.id if meeting else None
    await replan_action(context.session, action, context.now)
    await audit.record(
        context.session,
        council_id=action.council_id,
        actor_id=person.id,
        verb="move",
        subject_type="action",
        subject_id=action.id,
        at=context.now,
        before=before,
        after=dict(
            before,
            due_at=when.start.isoformat(),
            due_has_time=when.has_time,
            due_meeting_id=action.due_meeting_id,
        ),
    )
    return Reply(
        title=context.t("action.moved", number=action.number),
        lines=(context.t("action.deadline_line", deadline=deadline_text(context, action)),),
        tone=Tone.OK,
    )
