"""The audit log: who changed what, when, with the before and after."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.db import mark_written
from store.models import AuditEvent


async def record(
    session: AsyncSession,
    *,
    council_id: int | None,
    actor_id: int | None,
    verb: str,
    subject_type: str,
    subject_id: int | None,
    at: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add one audit event to the current transaction: one INSERT, sent now (a change is
    recorded on every command that makes one, and the ORM's unit of work would cost that
    command a tenth of its time). Nothing reads the event back in the same command."""
    await session.execute(
        _RECORD,
        {
            "council_id": council_id,
            "actor_person_id": actor_id,
            "verb": verb,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "before": before,
            "after": after,
            "created_at": at,
        },
    )
    mark_written(session)


#: the columns of ``record``'s row, bound by name (``verb`` and ``subject_type`` are the
#: code's own words, far below their columns' lengths)
_RECORD = insert(AuditEvent.metadata.tables[AuditEvent.__tablename__])


async def latest_events(
    session: AsyncSession, council_id: int, limit: int = 20
) -> list[AuditEvent]:
    """The newest audit events of a council, newest first."""
    rows = await session.scalars(
        select(AuditEvent)
        .where(AuditEvent.council_id == council_id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(rows)


async def undoable_events(
    session: AsyncSession,
    *,
    council_id: int,
    actor_id: int,
    verbs: frozenset[str],
    limit: int = 50,
) -> list[AuditEvent]:
    """The sender's latest changes in a council not taken back yet, newest first.

    The caller takes back the first one it can: a change that cannot be undone (a council
    created, a nomination) must not hide the undoable ones before it.
    """
    rows = await session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.council_id == council_id,
            AuditEvent.actor_person_id == actor_id,
            AuditEvent.verb.in_(verbs),
            AuditEvent.undone_at.is_(None),
        )
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(rows)
