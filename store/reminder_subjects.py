"""What the reminder sender reads for a batch of due reminders, and what each message is
composed from: councils, recipients, the items reminded of, and where to send them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from store.models import (
    Action,
    ActionOwner,
    ActionStatus,
    ChatIdentity,
    ConversationRef,
    Council,
    Person,
)

_WITH_OWNERS = selectinload(Action.owners).selectinload(ActionOwner.person)


@dataclass
class Routes:
    """Where a batch's reminders can go: each recipient's newest personal chat and each
    council's newest channel. ``loaded`` holds the rows read for the batch (the session keeps
    only weak references to what it loaded), where the composer finds them by id without
    another query."""

    personal: dict[int, ConversationRef] = field(default_factory=dict)
    channel: dict[int, ConversationRef] = field(default_factory=dict)
    loaded: list[object] = field(default_factory=list)


async def batch_routes(
    session: AsyncSession,
    *,
    council_ids: Collection[int],
    person_ids: Collection[int],
    action_ids: Collection[int],
    platforms: Collection[str],
) -> Routes:
    """The batch's councils, recipients, actions (with owners) and conversations: a few
    queries for the whole batch instead of several for each row."""
    # Consumed into lists: the objects are made (and kept in the session) as rows are read.
    councils = list(await session.scalars(select(Council).where(Council.id.in_(council_ids))))
    people = list(await session.scalars(select(Person).where(Person.id.in_(person_ids or {0}))))
    actions = list(
        await session.scalars(
            select(Action).where(Action.id.in_(action_ids or {0})).options(_WITH_OWNERS)
        )
    )
    routes = Routes(loaded=[*councils, *people, *actions])
    newest_first = ConversationRef.updated_at.desc(), ConversationRef.id.desc()
    if person_ids:
        for ref in await session.scalars(
            select(ConversationRef)
            .where(
                ConversationRef.person_id.in_(person_ids),
                ConversationRef.kind == "personal",
                ConversationRef.platform.in_(platforms),
            )
            .order_by(*newest_first)
        ):
            assert ref.person_id is not None
            routes.personal.setdefault(ref.person_id, ref)
    for ref in await session.scalars(
        select(ConversationRef)
        .where(
            ConversationRef.council_id.in_(council_ids),
            ConversationRef.kind != "personal",
            ConversationRef.platform.in_(platforms),
        )
        .order_by(*newest_first)
    ):
        assert ref.council_id is not None
        routes.channel.setdefault(ref.council_id, ref)
    return routes


async def chat_identity(
    session: AsyncSession, person_id: int, platform: str
) -> ChatIdentity | None:
    """A person's account on a platform, to mention them in a channel."""
    return await session.scalar(
        select(ChatIdentity)
        .where(ChatIdentity.person_id == person_id, ChatIdentity.platform == platform)
        .limit(1)
    )


async def council_ids(session: AsyncSession) -> list[int]:
    return list(await session.scalars(select(Council.id)))


async def action_with_owners(session: AsyncSession, action_id: int) -> Action | None:
    """The action and its owners; one the batch loaded already is taken from the session."""
    return await session.get(Action, action_id, options=[_WITH_OWNERS])


async def actions_due_at_meeting(session: AsyncSession, meeting_id: int) -> list[Action]:
    """The open actions due at a meeting, with their owners, by number."""
    rows = await session.scalars(
        select(Action)
        .where(Action.due_meeting_id == meeting_id, Action.status == ActionStatus.OPEN)
        .options(_WITH_OWNERS)
        .order_by(Action.number)
    )
    return list(rows)
