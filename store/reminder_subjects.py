"""What the reminder sender reads for a batch of due reminders, and what each message is
composed from: councils, recipients, the items reminded of, and where to send them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from store import actions as action_store
from store import meetings as meeting_store
from store import nominations as nomination_store
from store.db import keep
from store.models import (
    Action,
    ActionOwner,
    ActionStatus,
    AgendaItem,
    ChatIdentity,
    ConversationRef,
    Council,
    DatedItem,
    Meeting,
    MeetingStatus,
    NominationRound,
    Person,
    Reminder,
)

_WITH_OWNERS = selectinload(Action.owners).selectinload(ActionOwner.person)


@dataclass
class Routes:
    """Where a batch's reminders can go: each recipient's newest personal chat and each
    council's newest channel."""

    personal: dict[int, ConversationRef] = field(default_factory=dict)
    channel: dict[int, ConversationRef] = field(default_factory=dict)


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
    # kept in the session, where the composer finds them by id without another query
    keep(session, *councils, *people, *actions)
    routes = Routes()
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


@dataclass(frozen=True)
class Subject:
    """What one reminder is composed from, loaded as it is when the reminder goes out: the
    council, the recipient, and the item reminded of with what its message lists."""

    council: Council | None
    person: Person | None = None
    meeting: Meeting | None = None
    agenda: tuple[AgendaItem, ...] = ()
    #: the actions a message lists: due at the meeting (the recipient's own, for
    #: ``meeting.your_actions``), or overdue (the weekly digest)
    actions: tuple[Action, ...] = ()
    action: Action | None = None
    dated_item: DatedItem | None = None
    nomination_round: NominationRound | None = None
    nominations: tuple[nomination_store.ListedNomination, ...] = ()
    #: the recipient has nominated or abstained in the round (a nudge is no longer wanted)
    answered: bool = False
    #: the members who have not answered the round yet (its closing reminder names them)
    silent: tuple[Person, ...] = ()


async def load_subject(session: AsyncSession, reminder: Reminder, now: datetime) -> Subject:
    """Everything ``reminder`` is composed from; only what its kind shows is read."""
    council = await session.get(Council, reminder.council_id)
    if council is None:
        return Subject(None)
    person_id = reminder.recipient_person_id
    person = await session.get(Person, person_id) if person_id else None
    kind, subject_id = reminder.kind, reminder.subject_id
    if reminder.subject_type == "meeting":
        meeting = await session.get(Meeting, subject_id)
        if meeting is None or meeting.status != MeetingStatus.PLANNED or meeting.starts_at <= now:
            return Subject(council, person, meeting)
        if kind == "meeting.your_actions":
            mine = (
                await action_store.open_actions_of(session, person.id, [council.id])
                if person
                else []
            )
            return Subject(
                council,
                person,
                meeting,
                actions=tuple(a for a in mine if a.due_meeting_id == meeting.id),
            )
        agenda = tuple(await meeting_store.agenda_of(session, meeting.id))
        if kind.startswith("meeting.agenda_call"):
            return Subject(council, person, meeting, agenda)
        due = tuple(await actions_due_at_meeting(session, meeting.id))
        return Subject(council, person, meeting, agenda, due)
    if reminder.subject_type == "action":
        return Subject(council, person, action=await action_with_owners(session, subject_id))
    if reminder.subject_type == "dated_item":
        return Subject(council, person, dated_item=await session.get(DatedItem, subject_id))
    if reminder.subject_type == "round":
        nomination_round = await session.get(NominationRound, subject_id)
        if nomination_round is None:
            return Subject(council, person)
        standing = tuple(await nomination_store.nominations_in(session, [nomination_round.id]))
        answered = (
            kind == "round.nudge"
            and person is not None
            and await nomination_store.has_answered(session, nomination_round.id, person.id)
        )
        silent = (
            tuple(await nomination_store.silent_members(session, nomination_round.id, council.id))
            if kind.startswith("round.closing")
            else ()
        )
        return Subject(
            council,
            person,
            nomination_round=nomination_round,
            nominations=standing,
            answered=answered,
            silent=silent,
        )
    if reminder.subject_type == "council":
        overdue = await action_store.open_actions(session, council.id, overdue_at=now, limit=500)
        return Subject(council, person, actions=tuple(overdue))
    return Subject(council, person)
