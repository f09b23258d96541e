"""``ångra`` / ``undo`` takes the sender's last change back; ``log`` shows the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from dialogs.context import Context
from dialogs.datefmt import format_moment
from dialogs.model import Item, Reply, Tone
from dialogs.registry import Group, Needs, command
from dialogs.reminder_plans import (
    replan_action,
    replan_dated_item,
    replan_meeting,
    replan_open_rounds,
)
from store import actions, audit, decisions
from store.db import Session
from store.models import (
    Action,
    ActionOwner,
    ActionStatus,
    AgendaItem,
    AuditEvent,
    Council,
    DatedItem,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    Role,
)

#: The verbs of changes that may be taken back; ``_undo`` says which subjects it can restore.
UNDOABLE_VERBS = frozenset({"add", "update", "done", "move", "cancel", "remove"})
#: A person forgotten (``dialogs.commands.privacy``): never taken back, and ``ångra`` stops there.
FINAL_VERB = "forget"


@command(
    "undo", "undo", "ångra", "angra", needs=Needs.MEMBER, sv="ångra", en="undo", group=Group.COUNCIL
)
async def undo(context: Context, args: str) -> Reply:
    """Take back the sender's latest change that can be taken back, skipping those that cannot
    (a council created, a nomination): they must not block undoing what came before them."""
    council = context.require_council()
    person = context.require_person()
    candidates = await audit.undoable_events(
        context.session,
        council_id=council.id,
        actor_id=person.id,
        verbs=UNDOABLE_VERBS | {FINAL_VERB},
    )
    event = None
    for candidate in candidates:
        if candidate.verb == FINAL_VERB:
            # Nothing before an erasure is taken back either: it might bring the person back.
            raise context.problem("undo.forget_final")
        if not await _may_take_back(context, candidate):
            # Taking back an officer's change is an officer's work: the sender may have lost
            # the office since (or speak through an account that cannot prove it).
            raise context.officers_only()
        if await _undo(context, candidate):
            event = candidate
            break
    if event is None:
        return Reply(title=context.t("undo.nothing"))
    event.undone_at = context.now
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=person.id,
        verb="undo",
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        at=context.now,
        before=event.after,
        after=event.before,
    )
    return Reply(title=context.t("undo.done", what=describe(context, event)), tone=Tone.OK)


async def _may_take_back(context: Context, event: AuditEvent) -> bool:
    """Whether the sender may now make the inverse of ``event``: as an officer, any; as a
    member, an agenda item of theirs and what they did to an action they still own."""
    if context.is_officer:
        return True
    kind = (event.verb, event.subject_type)
    if kind == ("add", "agenda_item"):
        return True
    if kind in (("done", "action"), ("move", "action")) and event.subject_id is not None:
        person_id = context.person.id if context.person else None
        owner = select(ActionOwner.id).where(
            ActionOwner.action_id == event.subject_id, ActionOwner.person_id == person_id
        )
        if event.verb != "done":
            return await context.session.scalar(owner.limit(1)) is not None
        # an action for everyone is every member's to mark done
        everyone = select(Action.id).where(
            Action.id == event.subject_id, Action.for_everyone.is_(True)
        )
        return await context.session.scalar(owner.union_all(everyone).limit(1)) is not None
    return False


async def _undo_memberships(session: Session, event: AuditEvent) -> None:
    """Take back the memberships a list added (or changed), in this council only: an undo here
    never changes how another council sees anyone."""
    after = event.after or {}
    mine = select(Membership).where(
        Membership.id.in_(after.get("membership_ids", [])),
        Membership.council_id == event.council_id,
    )
    for membership in await session.scalars(mine):
        await session.delete(membership)
    for old in after.get("updated", []):
        updated = await session.get(Membership, old["id"])
        if updated is not None and updated.council_id == event.council_id:
            restore_membership(updated, old)
    await session.flush()


async def _cancel_meetings(context: Context, ids: list[int]) -> None:
    """Meetings added by a batch (a season list, the meetings of minutes) taken back."""
    for meeting in await context.session.scalars(select(Meeting).where(Meeting.id.in_(ids))):
        meeting.status = MeetingStatus.CANCELLED
        await replan_meeting(context.session, meeting, context.now)


async def _undo(context: Context, event: AuditEvent) -> bool:
    """Apply the inverse of one change. False for a change that cannot be taken back."""
    session, now = context.session, context.now
    kind = (event.verb, event.subject_type)
    if event.subject_type == "action_batch" and event.verb == "add":
        ids = (event.after or {}).get("action_ids", [])
        for added in await session.scalars(select(Action).where(Action.id.in_(ids))):
            added.status = ActionStatus.CANCELLED
            await replan_action(session, added, now)
        await decisions.delete_decisions(session, (event.after or {}).get("decision_ids", []))
        await _undo_memberships(session, event)
        await _cancel_meetings(context, (event.after or {}).get("meeting_ids", []))
        return True
    if event.subject_type == "meeting_batch" and event.verb == "add":
        await _cancel_meetings(context, (event.after or {}).get("meeting_ids", []))
        return True
    if event.subject_type == "membership_batch" and event.verb == "add":
        await _undo_memberships(session, event)
        return True
    if event.subject_id is None:
        return False
    if kind == ("remove", "membership"):
        return await _restore_membership(context, event)
    if kind == ("remove", "agenda_item"):
        return await _restore_agenda_item(context, event)
    if event.subject_type == "action":
        action = await session.get(Action, event.subject_id)
        if action is None:
            return False
        before = event.before or {}
        if kind == ("remove", "action"):
            action.status = ActionStatus(before.get("status", "open"))
        elif kind == ("update", "action"):
            action.text = before.get("text", action.text)
            if "owners" in before:
                loaded = await actions.action_by_number(session, action.council_id, action.number)
                assert loaded is not None
                await actions.set_owners(
                    session, loaded, before["owners"], for_everyone=bool(before["for_everyone"])
                )
        elif kind == ("add", "action"):
            action.status = ActionStatus.CANCELLED
        elif kind == ("done", "action"):
            action.status, action.done_at, action.done_by_id = ActionStatus.OPEN, None, None
        elif kind == ("move", "action"):
            before = event.before or {}
            action.due_at = (
                datetime.fromisoformat(before["due_at"]) if before.get("due_at") else None
            )
            action.due_has_time = bool(before.get("due_has_time"))
            action.due_meeting_id = before.get("due_meeting_id")
        else:
            return False
        await replan_action(session, action, now)
        return True
    if event.subject_type == "meeting":
        meeting = await session.get(Meeting, event.subject_id)
        if meeting is None:
            return False
        if kind in (("add", "meeting"), ("cancel", "meeting")):
            meeting.status = (
                MeetingStatus.CANCELLED if event.verb == "add" else MeetingStatus.PLANNED
            )
        elif kind == ("move", "meeting"):
            before = event.before or {}
            meeting.starts_at = datetime.fromisoformat(before["starts_at"])
            meeting.ends_at = (
                datetime.fromisoformat(before["ends_at"]) if before.get("ends_at") else None
            )
        else:
            return False
        if event.verb in ("move", "cancel"):
            await _restore_due_actions(context, meeting, event)
        await replan_meeting(session, meeting, now)
        return True
    if event.subject_type == "membership":
        return await _undo_membership(context, event)
    if kind == ("update", "council") and (event.before or {}).get("meeting_start"):
        council = await session.get(Council, event.subject_id)
        if council is None:
            return False
        council.meeting_start = event.before["meeting_start"]  # type: ignore[index]
        council.meeting_end = event.before["meeting_end"]  # type: ignore[index]
        return True
    if kind == ("add", "agenda_item"):
        await session.execute(delete(AgendaItem).where(AgendaItem.id == event.subject_id))
        return True
    if kind == ("add", "dated_item"):
        item = await session.get(DatedItem, event.subject_id)
        if item is None:
            return False
        item.cancelled = True
        await replan_dated_item(session, item, now)
        return True
    return False


async def _restore_due_actions(context: Context, meeting: Meeting, event: AuditEvent) -> None:
    """Actions due at a meeting follow it back: to its old time when a move is undone, and
    bound to it again when its cancelling is (cancelling left them on its date)."""
    session = context.session
    if event.verb == "cancel" and event.subject_type == "meeting":
        ids = (event.before or {}).get("action_ids", [])
        for action in await session.scalars(select(Action).where(Action.id.in_(ids))):
            if action.due_meeting_id is None and action.due_at == meeting.starts_at:
                action.due_meeting_id = meeting.id
    due = list(await session.scalars(select(Action).where(Action.due_meeting_id == meeting.id)))
    for action in due:
        action.due_at = meeting.starts_at
        await replan_action(session, action, context.now)


async def _undo_membership(context: Context, event: AuditEvent) -> bool:
    """A member added is removed again; a role changed gets its old role back."""
    membership = await context.session.get(Membership, event.subject_id)
    if membership is None or membership.council_id != event.council_id:
        return False
    if event.verb == "add":
        await context.session.delete(membership)
        await context.session.flush()
        return True
    before = event.before or {}
    if event.verb == "update" and before.get("role"):
        restore_membership(membership, before)
        return True
    return False


async def _restore_membership(context: Context, event: AuditEvent) -> bool:
    """A member removed sits in the council again, with the roles and note they had."""
    before = event.before or {}
    session = context.session
    again = await session.scalar(
        select(Membership).where(
            Membership.council_id == event.council_id,
            Membership.person_id == before.get("person_id"),
        )
    )
    if again is None:
        returning = await session.get(Person, before.get("person_id"))
        if returning is None or returning.erased_at is not None:
            return False
        again = Membership(
            id=event.subject_id,
            council_id=event.council_id,
            person_id=before["person_id"],
            created_at=datetime.fromisoformat(before["created_at"]),
        )
        session.add(again)
    restore_membership(again, before)
    await session.flush()
    await replan_open_rounds(session, again.council_id, context.now)
    return True


async def _restore_agenda_item(context: Context, event: AuditEvent) -> bool:
    """An agenda item removed is back in its place (unless its meeting is gone)."""
    before = event.before or {}
    if await context.session.get(Meeting, before.get("meeting_id")) is None:
        return False
    context.session.add(
        AgendaItem(
            meeting_id=before["meeting_id"],
            position=before["position"],
            title=before["title"],
            presenter=before.get("presenter"),
            time_slot=before.get("time_slot"),
            proposed_by_id=before.get("proposed_by_id"),
            created_at=datetime.fromisoformat(before["created_at"]),
        )
    )
    await context.session.flush()
    return True


def restore_membership(membership: Membership, before: dict[str, Any]) -> None:
    """Give a membership back the roles and note it had (saved by ``membership_state``)."""
    membership.role = Role(before["role"])
    membership.other_roles = before.get("other_roles") or None
    membership.note = before.get("note")


def describe(context: Context, event: AuditEvent) -> str:
    """One line a secretary can read: what happened to what."""
    details = event.after or event.before or {}
    label = (
        details.get("text")
        or details.get("name")
        or details.get("title")
        or details.get("target")
        or ""
    )
    number = details.get("number")
    subject = (
        context.t(f"log.subject.{event.subject_type}")
        if f"log.subject.{event.subject_type}" in _KNOWN_SUBJECTS
        else event.subject_type
    )
    verb = context.t(f"log.verb.{event.verb}") if event.verb in _KNOWN_VERBS else event.verb
    parts = [verb, subject]
    if number:
        parts.append(f"#{number}")
    if label:
        parts.append(f"”{str(label)[:60]}”")
    return " ".join(parts)


_KNOWN_VERBS = frozenset(
    {
        "add",
        "update",
        "done",
        "move",
        "cancel",
        "create",
        "open",
        "nominate",
        "iam",
        "link",
        "unlink",
        "undo",
        "withdraw",
        "close",
        "decide",
        "remove",
        "renew",
        "forget",
    }
)
_KNOWN_SUBJECTS = frozenset(
    f"log.subject.{s}"
    for s in (
        "page_link",
        "action",
        "action_batch",
        "meeting",
        "meeting_batch",
        "agenda_item",
        "dated_item",
        "membership",
        "membership_batch",
        "council",
        "nomination_round",
        "nomination",
        "person",
        "reminder_policy",
    )
)


@command(
    "log", "log", "logg", "historik", needs=Needs.OFFICER, sv="logg", en="log", group=Group.COUNCIL
)
async def show_log(context: Context, args: str) -> Reply:
    council = context.require_council()
    events = await audit.latest_events(context.session, council.id, limit=20)
    if not events:
        return Reply(title=context.t("log.empty"))
    actor_ids = {e.actor_person_id for e in events if e.actor_person_id}
    names = (
        {
            p.id: p.full_name
            for p in await context.session.scalars(select(Person).where(Person.id.in_(actor_ids)))
        }
        if actor_ids
        else {}
    )
    items = tuple(
        Item(
            f"{format_moment(e.created_at, context.lang, now=context.now)} · {names.get(e.actor_person_id or 0, '?')}",
            describe(context, e),
            flag=context.t("log.undone") if e.undone_at else None,
        )
        for e in events
    )
    return Reply(title=context.t("log.title", council=council.short_name), items=items)
