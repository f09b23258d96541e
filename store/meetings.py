"""Meetings and their agendas."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store import direct_rows
from store.models import Action, AgendaItem, Meeting, MeetingKind, MeetingStatus
from store.numbering import next_number


async def add_meeting(
    session: AsyncSession,
    *,
    council_id: int,
    starts_at: datetime,
    ends_at: datetime | None,
    place: str | None,
    online_url: str | None,
    kind: MeetingKind,
    at: datetime,
    time_known: bool = True,
) -> Meeting:
    """A new meeting, numbered next in its council; without a known time ``starts_at`` is
    that day's local midnight."""
    meeting = Meeting(
        council_id=council_id,
        number=await next_number(session, Meeting, council_id),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        kind=kind,
        time_known=time_known,
        created_at=at,
    )
    session.add(meeting)
    await session.flush()
    return meeting


def planned_in(council_ids: Sequence[int]):  # type: ignore[no-untyped-def]
    return (Meeting.council_id.in_(council_ids)) & (Meeting.status == MeetingStatus.PLANNED)


#: ``upcoming_meetings``' statement, built once (see ``store.actions._OWNED_BY``)
_UPCOMING = (
    select(Meeting)
    .where(
        Meeting.council_id.in_(bindparam("council_ids", expanding=True)),
        Meeting.status == MeetingStatus.PLANNED,
        (func.coalesce(Meeting.ends_at, Meeting.starts_at) >= bindparam("now"))
        | (Meeting.time_known.is_(False) & (Meeting.starts_at > bindparam("day_before"))),
    )
    .order_by(Meeting.starts_at, Meeting.id)
    .limit(bindparam("limit"))
)


async def upcoming_meetings(
    session: AsyncSession, council_ids: Sequence[int], now: datetime, limit: int = 10
) -> list[Meeting]:
    """Planned meetings that have not yet ended, soonest first.

    A meeting in progress still counts: someone asking during it wants today's, and one
    without a known time (stored at local midnight) counts all its day.
    """
    values = {"council_ids": list(council_ids), "now": now, "limit": limit}
    return await direct_rows.scalars(
        session, _UPCOMING, {**values, "day_before": now - timedelta(days=1)}
    )


async def meeting_starts(session: AsyncSession, council_id: int) -> list[datetime]:
    """Start times of a council's planned meetings, for reading "till nästa möte"."""
    rows = await session.scalars(
        select(Meeting.starts_at).where(planned_in([council_id])).order_by(Meeting.starts_at)
    )
    return list(rows)


async def meeting_starting_at(
    session: AsyncSession, council_id: int, starts_at: datetime
) -> Meeting | None:
    return (await meetings_starting_at(session, council_id, [starts_at])).get(starts_at)


async def meetings_starting_at(
    session: AsyncSession, council_id: int, starts: Collection[datetime]
) -> dict[datetime, Meeting]:
    """The council's planned meeting starting at each of these moments (those that have one),
    in one statement."""
    if not starts:
        return {}
    found: dict[datetime, Meeting] = {}
    for meeting in await session.scalars(
        select(Meeting).where(planned_in([council_id]), Meeting.starts_at.in_(list(starts)))
    ):
        found.setdefault(meeting.starts_at, meeting)
    return found


_AGENDA = (
    select(AgendaItem)
    .where(AgendaItem.meeting_id == bindparam("meeting_id"))
    .order_by(AgendaItem.position, AgendaItem.id)
)


async def agenda_of(session: AsyncSession, meeting_id: int) -> list[AgendaItem]:
    return await direct_rows.scalars(session, _AGENDA, {"meeting_id": meeting_id})


async def meeting_by_number(session: AsyncSession, council_id: int, number: int) -> Meeting | None:
    return await session.scalar(
        select(Meeting).where(Meeting.council_id == council_id, Meeting.number == number)
    )


async def move_due_actions(session: AsyncSession, meeting_id: int, starts_at: datetime) -> None:
    """Actions due "till mötet" follow their meeting when it moves."""
    await session.execute(
        update(Action).where(Action.due_meeting_id == meeting_id).values(due_at=starts_at)
    )


async def detach_due_actions(session: AsyncSession, meeting_id: int) -> list[Action]:
    """Actions due at a cancelled meeting keep its date as an ordinary deadline."""
    due = list(await session.scalars(select(Action).where(Action.due_meeting_id == meeting_id)))
    for action in due:
        action.due_meeting_id = None
    await session.flush()
    return due


async def add_agenda_item(
    session: AsyncSession, *, meeting_id: int, title: str, proposed_by_id: int | None, at: datetime
) -> AgendaItem:
    position = await session.scalar(
        select(func.coalesce(func.max(AgendaItem.position), 0)).where(
            AgendaItem.meeting_id == meeting_id
        )
    )
    item = AgendaItem(
        meeting_id=meeting_id,
        position=int(position or 0) + 1,
        title=title,
        proposed_by_id=proposed_by_id,
        created_at=at,
    )
    session.add(item)
    await session.flush()
    return item


async def meeting_between(
    session: AsyncSession, council_id: int, start: datetime, end: datetime
) -> Meeting | None:
    """The council's (not cancelled) meeting starting in [start, end): the minutes' meeting."""
    return await session.scalar(
        select(Meeting)
        .where(
            Meeting.council_id == council_id,
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.starts_at)
        .limit(1)
    )


async def remove_agenda_item(session: AsyncSession, item_id: int) -> bool:
    """Delete one agenda item; False when it is gone already (removed meanwhile)."""
    deleted = await session.execute(
        delete(AgendaItem).where(AgendaItem.id == item_id).returning(AgendaItem.id)
    )
    return deleted.first() is not None
