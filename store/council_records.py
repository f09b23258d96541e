"""A council's records whole, for its calendar feeds, its page and its exports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from store.models import (
    Action,
    ActionOwner,
    ActionStatus,
    AgendaItem,
    DatedItem,
    Decision,
    Meeting,
)


async def calendar_meetings(
    session: AsyncSession, council_ids: Sequence[int], since: datetime
) -> list[Meeting]:
    """The councils' meetings starting after ``since``, cancelled ones too (a calendar must
    hear of a cancelling), soonest first."""
    rows = await session.scalars(
        select(Meeting)
        .where(Meeting.council_id.in_(council_ids), Meeting.starts_at >= since)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list(rows)


async def dated_items(session: AsyncSession, council_id: int, since: datetime) -> list[DatedItem]:
    """The council's other dates (not cancelled) from ``since`` on."""
    rows = await session.scalars(
        select(DatedItem)
        .where(
            DatedItem.council_id == council_id,
            DatedItem.cancelled.is_(False),
            DatedItem.due_at >= since,
        )
        .order_by(DatedItem.due_at, DatedItem.number)
    )
    return list(rows)


async def all_actions(
    session: AsyncSession, council_id: int, statuses: Sequence[ActionStatus]
) -> list[Action]:
    """The council's actions of those statuses with their owners, by number."""
    rows = await session.scalars(
        select(Action)
        .where(Action.council_id == council_id, Action.status.in_(list(statuses)))
        .options(selectinload(Action.owners).selectinload(ActionOwner.person))
        .order_by(Action.number)
    )
    return list(rows)


async def all_meetings(session: AsyncSession, council_id: int) -> list[Meeting]:
    rows = await session.scalars(
        select(Meeting).where(Meeting.council_id == council_id).order_by(Meeting.starts_at)
    )
    return list(rows)


async def agendas_of(session: AsyncSession, meeting_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each meeting's agenda item titles in order, in one statement."""
    agendas: dict[int, list[str]] = {}
    rows = await session.execute(
        select(AgendaItem.meeting_id, AgendaItem.title)
        .where(AgendaItem.meeting_id.in_(list(meeting_ids)))
        .order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id)
    )
    for meeting_id, title in rows:
        agendas.setdefault(meeting_id, []).append(title)
    return agendas


async def all_decisions(
    session: AsyncSession, council_id: int, limit: int | None = None
) -> list[Decision]:
    """The council's decisions, newest first."""
    query = (
        select(Decision)
        .where(Decision.council_id == council_id)
        .order_by(Decision.decided_on.desc().nulls_last(), Decision.number.desc())
    )
    rows = await session.scalars(query.limit(limit) if limit else query)
    return list(rows)
