"""What reading a council's minutes needs to know of the council, in one statement: the
starts of its planned meetings ("till nästa möte") and the groups it has named as owners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from store.meetings import planned_in
from store.models import Meeting, OwnerGroup


@dataclass(frozen=True)
class ReadingContext:
    meeting_starts: list[datetime]
    group_keys: frozenset[str]


async def reading_context(session: AsyncSession, council_id: int) -> ReadingContext:
    """The council's planned meeting starts (in order) and known owner-group keys."""
    starts = select(Meeting.starts_at.label("starts_at"), null().cast(String).label("key")).where(
        planned_in([council_id])
    )
    groups = select(literal(None, Meeting.starts_at.type).label("starts_at"), OwnerGroup.key).where(
        OwnerGroup.council_id == council_id
    )
    rows = (await session.execute(union_all(starts, groups))).all()
    return ReadingContext(
        sorted(r.starts_at for r in rows if r.starts_at is not None),
        frozenset(r.key for r in rows if r.key is not None),
    )
