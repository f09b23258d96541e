"""How changes are taken back (``ångra``): each change says so next to where it is made.

``@undoes(verb, subject_type)`` marks the function that takes back a change the audit log
recorded under that verb and subject; ``build_registry`` collects it from its module, and
``ångra`` asks the registry. A change no function takes back cannot be undone. What several
changes share to take themselves back is here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dialogs.change_records import BatchRecord, MembershipRecord, read
from dialogs.context import Context
from dialogs.registry import UNDO_ATTRIBUTE, Undo
from dialogs.reminders.plans import replan_meeting
from store import lookup
from store.models import AuditEvent, Meeting, MeetingStatus, Membership, Role


def undoes(verb: str, *subject_types: str) -> Callable[[Undo], Undo]:
    """Describe ``undo`` as taking back the changes ``verb`` of these subjects."""

    def describe(undo: Undo) -> Undo:
        changes = (*getattr(undo, UNDO_ATTRIBUTE, ()), *((verb, s) for s in subject_types))
        setattr(undo, UNDO_ATTRIBUTE, changes)
        return undo

    return describe


def restore_membership(membership: Membership, before: MembershipRecord) -> None:
    """Give a membership back the roles and note it had (saved by ``membership_state``)."""
    if before.role is None:
        return
    membership.role = Role(before.role)
    membership.other_roles = list(before.other_roles) or None
    membership.note = before.note


async def undo_memberships(context: Context, event: AuditEvent) -> None:
    """Take back the memberships a list added (or changed), in this council only: an undo
    here never changes how another council sees anyone."""
    session = context.session
    after = read(BatchRecord, event.after) or BatchRecord()
    added = await lookup.by_ids(session, Membership, list(after.membership_ids))
    for membership in added.values():
        if membership.council_id == event.council_id:
            await session.delete(membership)
    changed = await lookup.by_ids(
        session, Membership, [old.id for old in after.updated if old.id is not None]
    )
    for old in after.updated:
        updated = changed.get(old.id) if old.id is not None else None
        if updated is not None and updated.council_id == event.council_id:
            restore_membership(updated, old)
    await session.flush()


async def cancel_meetings(context: Context, ids: Iterable[int]) -> None:
    """Meetings added by a batch (a season list, the meetings of minutes) taken back."""
    for meeting in (await lookup.by_ids(context.session, Meeting, list(ids))).values():
        meeting.status = MeetingStatus.CANCELLED
        await replan_meeting(context.session, meeting, context.now)
