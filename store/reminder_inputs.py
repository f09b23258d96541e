"""What reminder planning reads: the council's choices, the people to remind and their own
choices, and the council's coming items. Each a narrow query; the planner decides."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import (
    Action,
    ActionOwner,
    ActionStatus,
    Council,
    DatedItem,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    Role,
)


async def council_reminder_settings(
    session: AsyncSession, council_id: int
) -> dict[str, Any] | None:
    """The council's reminder choices as stored (None: the defaults)."""
    council = await session.get(Council, council_id)
    return council.reminder_settings if council else None


async def personal_choices(
    session: AsyncSession, person_ids: Collection[int]
) -> list[tuple[int, dict[str, Any] | None]]:
    """Each person's own reminder choices as stored, by id (ascending)."""
    if not person_ids:
        return []
    rows = await session.execute(
        select(Person.id, Person.reminder_prefs)
        .where(Person.id.in_(list(person_ids)))
        .order_by(Person.id)
    )
    return [(person_id, prefs) for person_id, prefs in rows]


async def owners_due_at_meeting(session: AsyncSession, meeting_id: int) -> set[int]:
    """The members who own an open action due at this meeting."""
    rows = await session.scalars(
        select(ActionOwner.person_id)
        .join(Action, Action.id == ActionOwner.action_id)
        .where(
            Action.due_meeting_id == meeting_id,
            Action.status == ActionStatus.OPEN,
            ActionOwner.person_id.is_not(None),
        )
    )
    return {person_id for person_id in rows if person_id is not None}


async def owners_of_actions(
    session: AsyncSession, action_ids: Collection[int]
) -> dict[int, tuple[set[int], bool]]:
    """Each action's owners who are members, and whether any owner is a name kept as written
    (a body, someone outside the council: reminded in the channel), by action id."""
    members: dict[int, set[int]] = {action_id: set() for action_id in action_ids}
    as_written = set()
    rows = await session.execute(
        select(ActionOwner.action_id, ActionOwner.person_id).where(
            ActionOwner.action_id.in_(list(action_ids))
        )
    )
    for action_id, person_id in rows:
        if person_id is None:
            as_written.add(action_id)
        else:
            members[action_id].add(person_id)
    return {action_id: (people, action_id in as_written) for action_id, people in members.items()}


async def voting_member_ids(session: AsyncSession, council_id: int) -> set[int]:
    """The council's members who are nominated for and nudged: everyone but the guests."""
    rows = await session.scalars(
        select(Membership.person_id).where(
            Membership.council_id == council_id, Membership.role != Role.GUEST
        )
    )
    return set(rows)


async def coming_meetings(session: AsyncSession, council_id: int, now: datetime) -> list[Meeting]:
    rows = await session.scalars(
        select(Meeting).where(
            Meeting.council_id == council_id,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at > now,
        )
    )
    return list(rows)


async def open_actions_with_deadline(
    session: AsyncSession, council_id: int, now: datetime
) -> list[Action]:
    """The open actions with a day of their own (not a meeting) from yesterday on."""
    rows = await session.scalars(
        select(Action).where(
            Action.council_id == council_id,
            Action.status == ActionStatus.OPEN,
            Action.due_at > now - timedelta(days=1),
            Action.due_meeting_id.is_(None),
        )
    )
    return list(rows)


async def coming_dated_items(
    session: AsyncSession, council_id: int, now: datetime
) -> list[DatedItem]:
    rows = await session.scalars(
        select(DatedItem).where(
            DatedItem.council_id == council_id, DatedItem.due_at > now - timedelta(days=1)
        )
    )
    return list(rows)
