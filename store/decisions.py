"""The council's decisions: saved from the minutes, listed newest first, searched."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Decision
from store.numbering import next_number


async def add_decision(
    session: AsyncSession,
    council_id: int,
    *,
    text: str,
    search_key: str,
    section: str | None,
    meeting_id: int | None,
    decided_on: date | None,
    created_by_id: int | None,
    now: datetime,
) -> Decision:
    decision = Decision(
        council_id=council_id,
        number=await next_number(session, Decision, council_id),
        text=text,
        search_key=search_key,
        section=section,
        meeting_id=meeting_id,
        decided_on=decided_on,
        created_by_id=created_by_id,
        created_at=now,
    )
    session.add(decision)
    await session.flush()
    return decision


def _escaped(words: str) -> str:
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def list_decisions(
    session: AsyncSession, council_id: int, *, folded_query: str | None, limit: int
) -> tuple[Sequence[Decision], int]:
    """The newest ``limit`` decisions (matching every folded word of the query), and how
    many match in all."""
    conditions = [Decision.council_id == council_id]
    for word in (folded_query or "").split():
        conditions.append(Decision.search_key.like(f"%{_escaped(word)}%", escape="\\"))
    total = await session.scalar(select(func.count()).select_from(Decision).where(*conditions))
    rows = await session.scalars(
        select(Decision)
        .where(*conditions)
        .order_by(Decision.decided_on.desc().nulls_last(), Decision.number.desc())
        .limit(limit)
    )
    return rows.all(), int(total or 0)


async def delete_decisions(session: AsyncSession, ids: Sequence[int]) -> None:
    if ids:
        await session.execute(delete(Decision).where(Decision.id.in_(list(ids))))
