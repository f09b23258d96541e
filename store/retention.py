"""Retention (issue 18, point 3): what is older than the kept period goes.

Done and cancelled actions (with their owners and reminders), reminders that are over (sent,
cancelled, dropped, failed), audit entries, answers still awaited to old questions and
decisions, each older than ``before``. A council is purged only once its secretary has been
told (a ``retention.notice`` reminder, never purged itself, marks that); see
``dialogs.retention``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import (
    Action,
    ActionStatus,
    AuditEvent,
    Decision,
    PendingPrompt,
    Reminder,
    ReminderSnooze,
    ReminderState,
)

#: The reminder that tells a council's secretary of the first purge, a week ahead.
NOTICE_KIND = "retention.notice"
NOTICE_SUBJECT = "retention"
_OVER = (
    ReminderState.SENT,
    ReminderState.CANCELLED,
    ReminderState.DROPPED,
    ReminderState.FAILED,
)


@dataclass
class Purged:
    actions: int = 0
    reminders: int = 0
    audit_events: int = 0
    decisions: int = 0
    answers: int = 0

    @property
    def total(self) -> int:
        return self.actions + self.reminders + self.audit_events + self.decisions + self.answers


def _old_actions(before: datetime):  # type: ignore[no-untyped-def]
    return or_(
        and_(Action.status == ActionStatus.DONE, Action.done_at < before),
        and_(
            Action.status == ActionStatus.DONE, Action.done_at.is_(None), Action.created_at < before
        ),
        and_(Action.status == ActionStatus.CANCELLED, Action.created_at < before),
    )


def _old_reminders(before: datetime):  # type: ignore[no-untyped-def]
    return and_(Reminder.state.in_(_OVER), Reminder.due_at < before, Reminder.kind != NOTICE_KIND)


def _old_decisions(before: datetime):  # type: ignore[no-untyped-def]
    return or_(
        Decision.decided_on < before.date(),
        and_(Decision.decided_on.is_(None), Decision.created_at < before),
    )


async def councils_with_old_records(session: AsyncSession, before: datetime) -> set[int]:
    """The councils that have something a purge at ``before`` would delete."""
    queries = (
        select(Action.council_id).where(_old_actions(before)),
        select(Reminder.council_id).where(_old_reminders(before)),
        select(AuditEvent.council_id).where(
            AuditEvent.created_at < before, AuditEvent.council_id.is_not(None)
        ),
        select(Decision.council_id).where(_old_decisions(before)),
    )
    found: set[int] = set()
    for query in queries:
        found.update(i for i in await session.scalars(query.distinct()) if i is not None)
    return found


async def notices_given(session: AsyncSession) -> dict[int, datetime]:
    """When each council's secretary was first told of the purge, by council."""
    rows = await session.execute(
        select(Reminder.council_id, Reminder.created_at).where(Reminder.kind == NOTICE_KIND)
    )
    given: dict[int, datetime] = {}
    for council_id, created_at in rows:
        given[council_id] = min(created_at, given.get(council_id, created_at))
    return given


async def purge_council(session: AsyncSession, council_id: int, before: datetime) -> Purged:
    """Delete what of one council is older than ``before``."""
    purged = Purged()
    old_actions = select(Action.id).where(Action.council_id == council_id, _old_actions(before))
    ids = list(await session.scalars(old_actions))
    if ids:
        result = await session.execute(
            delete(Reminder).where(Reminder.subject_type == "action", Reminder.subject_id.in_(ids))
        )
        purged.reminders += int(result.rowcount or 0)  # type: ignore[attr-defined]
        await session.execute(
            delete(ReminderSnooze).where(
                ReminderSnooze.subject_type == "action", ReminderSnooze.subject_id.in_(ids)
            )
        )
        result = await session.execute(delete(Action).where(Action.id.in_(ids)))
        purged.actions = int(result.rowcount or 0)  # type: ignore[attr-defined]
    # A snooze whose morning is long past moves nothing any more.
    await session.execute(
        delete(ReminderSnooze).where(
            ReminderSnooze.council_id == council_id, ReminderSnooze.until < before
        )
    )
    for target, condition, name in (
        (Reminder, and_(Reminder.council_id == council_id, _old_reminders(before)), "reminders"),
        (
            AuditEvent,
            and_(AuditEvent.council_id == council_id, AuditEvent.created_at < before),
            "audit_events",
        ),
        (Decision, and_(Decision.council_id == council_id, _old_decisions(before)), "decisions"),
    ):
        result = await session.execute(
            delete(target).where(condition).execution_options(synchronize_session=False)
        )
        setattr(purged, name, getattr(purged, name) + int(result.rowcount or 0))  # type: ignore[attr-defined]
    return purged


async def purge_outside_councils(session: AsyncSession, before: datetime) -> Purged:
    """What belongs to no council and is older than ``before``: questions never answered
    (with what they kept: a pasted preview, names written) and audit entries of no council
    (``iam`` in a private chat)."""
    purged = Purged()
    result = await session.execute(delete(PendingPrompt).where(PendingPrompt.created_at < before))
    purged.answers = int(result.rowcount or 0)  # type: ignore[attr-defined]
    result = await session.execute(
        delete(AuditEvent).where(AuditEvent.council_id.is_(None), AuditEvent.created_at < before)
    )
    purged.audit_events = int(result.rowcount or 0)  # type: ignore[attr-defined]
    return purged
