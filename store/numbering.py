"""The short numbers people type (``klar 12``, ``meeting move 3``): one sequence per council."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Action, Council, DatedItem, Decision, Meeting

Numbered = type[Action] | type[Meeting] | type[DatedItem] | type[Decision]


async def next_number(session: AsyncSession, model: Numbered, council_id: int) -> int:
    """One more than the council's highest number so far.

    The council's row is locked until the transaction ends, so two writers in one council
    take their numbers one after the other instead of both reading the same highest number:
    ``FOR UPDATE`` on PostgreSQL; on SQLite, which has no row locks, a write to that row
    (SQLite begins a transaction only at its first write, so the highest number is then read
    after any other writer has committed). Should a collision still happen, the unique
    (council, number) constraint refuses it and the dispatcher runs the command again.
    """
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(update(Council).where(Council.id == council_id).values(id=Council.id))
    else:
        await session.execute(select(Council.id).where(Council.id == council_id).with_for_update())
    highest = await session.scalar(
        select(func.coalesce(func.max(model.number), 0)).where(model.council_id == council_id)
    )
    return int(highest or 0) + 1
