"""The short numbers people type (``klar 12``, ``meeting move 3``): one sequence per council."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Action, DatedItem, Meeting

Numbered = type[Action] | type[Meeting] | type[DatedItem]


async def next_number(session: AsyncSession, model: Numbered, council_id: int) -> int:
    """One more than the council's highest number so far.

    Two writers racing for the same number make the unique (council, number) constraint
    refuse the second transaction, which then answers "try again" instead of duplicating.
    """
    highest = await session.scalar(
        select(func.coalesce(func.max(model.number), 0)).where(model.council_id == council_id)
    )
    return int(highest or 0) + 1
