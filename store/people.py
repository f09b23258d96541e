"""People, their memberships in councils, and the chat accounts that are theirs."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, contains_eager
from sqlalchemy.orm.attributes import set_committed_value

from store import direct_rows
from store.models import (
    OFFICER_ROLES,
    VERIFIED_LINKS,
    ChatIdentity,
    ConversationRef,
    Council,
    LinkedBy,
    Membership,
    PendingPrompt,
    Person,
    Role,
    all_roles,
)


async def create_person(
    session: AsyncSession, *, full_name: str, name_key: str, at: datetime
) -> Person:
    person = new_person(session, full_name=full_name, name_key=name_key, at=at)
    await session.flush()
    return person


def new_person(session: AsyncSession, *, full_name: str, name_key: str, at: datetime) -> Person:
    """A person added to the session, written (and given an id) at its next flush."""
    person = Person(full_name=full_name, name_key=name_key, created_at=at)
    session.add(person)
    return person


async def person_by_identity(
    session: AsyncSession, platform: str, tenant_id: str, user_id: str
) -> Person | None:
    return await session.scalar(
        select(Person)
        .join(ChatIdentity, ChatIdentity.person_id == Person.id)
        .where(
            ChatIdentity.platform == platform,
            ChatIdentity.tenant_id == tenant_id,
            ChatIdentity.user_id == user_id,
        )
    )


#: Built once, as is ``_SENDER_SEATS`` on it, so SQLAlchemy keys their compiled forms once.
_SENDER_LINK = (
    select(Person, ChatIdentity)
    .join(ChatIdentity, ChatIdentity.person_id == Person.id)
    .where(
        ChatIdentity.platform == bindparam("platform"),
        ChatIdentity.tenant_id == bindparam("tenant_id"),
        ChatIdentity.user_id == bindparam("user_id"),
    )
)


#: The question waiting for the person in the conversation (at most one).
_ASKED_HERE = (
    (PendingPrompt.platform == bindparam("platform"))
    & (PendingPrompt.conversation_id == bindparam("conversation_id"))
    & (PendingPrompt.person_id == Person.id)
)
#: ``_SENDER_LINK`` with the person's memberships and their councils (a row per seat) and
#: the question waiting for them in one conversation.
_SENDER_SEATS = (
    _SENDER_LINK.add_columns(Membership, PendingPrompt)
    .outerjoin(Membership, Membership.person_id == Person.id)
    .outerjoin(Council, Council.id == Membership.council_id)
    .outerjoin(PendingPrompt, _ASKED_HERE)
    .options(contains_eager(Membership.council))
    .order_by(Council.short_name)
)


#: The conversation a message was written in, its council, and ``_SENDER_SEATS`` of its
#: sender (each seat with its council), in one statement: what every message in a known
#: conversation asks first. A row per seat; the sender's columns are empty when the account is
#: linked to nobody. Read straight from the driver where it can be (``store.direct_rows``).
_THE_CONVERSATION_COUNCIL = aliased(Council)
_CONVERSATION_AND_SENDER = (
    select(
        ConversationRef,
        _THE_CONVERSATION_COUNCIL,
        Person,
        ChatIdentity,
        Membership,
        Council,
        PendingPrompt,
    )
    .outerjoin(
        _THE_CONVERSATION_COUNCIL, _THE_CONVERSATION_COUNCIL.id == ConversationRef.council_id
    )
    .outerjoin(
        ChatIdentity,
        (ChatIdentity.platform == bindparam("platform"))
        & (ChatIdentity.tenant_id == bindparam("tenant_id"))
        & (ChatIdentity.user_id == bindparam("user_id")),
    )
    .outerjoin(Person, Person.id == ChatIdentity.person_id)
    .outerjoin(Membership, Membership.person_id == Person.id)
    .outerjoin(Council, Council.id == Membership.council_id)
    .outerjoin(PendingPrompt, _ASKED_HERE)
    .where(
        ConversationRef.platform == bindparam("platform"),
        ConversationRef.conversation_id == bindparam("conversation_id"),
    )
    .order_by(Council.short_name)
)


@dataclass(frozen=True)
class Sender:
    """Who a chat account speaks as, where they sit, and what they were asked here."""

    person: Person
    account: ChatIdentity
    #: their memberships, each with its council loaded, by the council's name
    seats: list[Membership]
    #: the question waiting for their answer in the conversation they write in, if any
    prompt: PendingPrompt | None


async def sender_seats(
    session: AsyncSession, platform: str, tenant_id: str, user_id: str, conversation_id: str
) -> Sender | None:
    """``sender_link``, the person's memberships with their councils, and the question
    waiting for them in ``conversation_id``, in one statement."""
    where = _where(platform, tenant_id, user_id, conversation_id)
    return _sender(list(await session.execute(_SENDER_SEATS, where)))


async def conversation_and_sender(
    session: AsyncSession, platform: str, tenant_id: str, user_id: str, conversation_id: str
) -> tuple[ConversationRef, Sender | None] | None:
    """The saved conversation (its council loaded) and ``sender_seats``, in one statement:
    what every message in a conversation met before asks first. None for a conversation not
    saved yet."""
    where = _where(platform, tenant_id, user_id, conversation_id)
    rows = await direct_rows.entity_rows(session, _CONVERSATION_AND_SENDER, where)
    if not rows:
        return None
    conversation, council = rows[0][0], rows[0][1]
    set_committed_value(conversation, "council", council)
    seats = []
    for _, _, person, account, seat, seat_council, prompt in rows:
        if seat is not None:
            set_committed_value(seat, "council", seat_council)
        seats.append((person, account, seat, prompt))
    return conversation, _sender(seats)


def _where(platform: str, tenant_id: str, user_id: str, conversation_id: str) -> dict[str, str]:
    return {
        "platform": platform,
        "tenant_id": tenant_id,
        "user_id": user_id,
        "conversation_id": conversation_id,
    }


def _sender(rows: Sequence[Sequence[Any]]) -> Sender | None:
    """The sender in rows of (person, account, a seat, the waiting question); None when
    there are none, or the account is linked to nobody."""
    if not rows or rows[0][0] is None or rows[0][1] is None:
        return None
    person, account, _, prompt = rows[0]
    return Sender(person, account, [row[2] for row in rows if row[2] is not None], prompt)


async def sender_link(
    session: AsyncSession, platform: str, tenant_id: str, user_id: str
) -> tuple[Person, ChatIdentity] | None:
    """The person a chat account speaks as, and the account's link (how it was made)."""
    where = {"platform": platform, "tenant_id": tenant_id, "user_id": user_id}
    row = (await session.execute(_SENDER_LINK, where)).first()
    return (row[0], row[1]) if row is not None else None


async def person_by_email(session: AsyncSession, email: str) -> Person | None:
    """The one person with this e-mail address (any case), or None when nobody or several have it.

    A chat platform that vouches for its users' addresses (Slack) links an account this way.
    """
    address = email.strip().lower()
    if not address:
        return None
    found = list(
        await session.scalars(select(Person).where(func.lower(Person.email) == address).limit(2))
    )
    return found[0] if len(found) == 1 else None


async def link_identity(
    session: AsyncSession,
    *,
    platform: str,
    tenant_id: str,
    user_id: str,
    display_name: str | None,
    person_id: int,
    linked_by: LinkedBy,
    at: datetime,
    mention_id: str | None = None,
) -> None:
    """Point a chat account at a person, replacing any earlier link of that account."""
    identity = await session.scalar(
        select(ChatIdentity).where(
            ChatIdentity.platform == platform,
            ChatIdentity.tenant_id == tenant_id,
            ChatIdentity.user_id == user_id,
        )
    )
    if identity is None:
        identity = ChatIdentity(
            platform=platform, tenant_id=tenant_id, user_id=user_id, created_at=at
        )
        session.add(identity)
    identity.person_id = person_id
    identity.linked_by = linked_by
    identity.display_name = display_name
    identity.mention_id = mention_id
    await session.flush()


async def has_identity_on(session: AsyncSession, person_id: int, platform: str) -> bool:
    """Whether someone already speaks as this person on this platform."""
    found = await session.scalar(
        select(func.count())
        .select_from(ChatIdentity)
        .where(ChatIdentity.person_id == person_id, ChatIdentity.platform == platform)
    )
    return bool(found)


async def drop_unverified_links(session: AsyncSession, person_id: int) -> list[str]:
    """Unlink every account that speaks as this person on a name alone (claimed with ``iam``,
    a display name, or of unknown origin): once an account is linked to the person by proof,
    such an account is at best a second one and at worst a squatter. Returns the platforms of
    the accounts dropped."""
    dropped = list(
        await session.execute(
            delete(ChatIdentity)
            .where(
                ChatIdentity.person_id == person_id,
                ChatIdentity.linked_by.not_in(VERIFIED_LINKS),
            )
            .returning(ChatIdentity.platform)
        )
    )
    return [platform for (platform,) in dropped]


_MEMBERSHIP = select(Membership).where(
    Membership.council_id == bindparam("council_id"),
    Membership.person_id == bindparam("person_id"),
)


async def membership(session: AsyncSession, council_id: int, person_id: int) -> Membership | None:
    return await session.scalar(_MEMBERSHIP, {"council_id": council_id, "person_id": person_id})


async def roster(session: AsyncSession, council_id: int) -> list[Membership]:
    """A council's members with their people loaded, by name."""
    rows = await session.scalars(
        select(Membership)
        .join(Person, Person.id == Membership.person_id)
        .where(Membership.council_id == council_id)
        .options(contains_eager(Membership.person))
        .order_by(Person.name_key)
    )
    return list(rows)


@dataclass(frozen=True, slots=True)
class RosterLine:
    """One member as the roster shows them: read as plain rows, not as loaded objects (a
    council of 200 would otherwise build 400 of them for one list)."""

    full_name: str
    role: Role
    other_roles: tuple[str, ...]
    note: str | None

    @property
    def roles(self) -> tuple[Role, ...]:
        """All the member's roles here, the primary one first (as ``Membership.roles``)."""
        return all_roles(self.role, self.other_roles)


_ROSTER_LINES = (
    select(Person.full_name, Membership.role, Membership.other_roles, Membership.note)
    .join(Person, Person.id == Membership.person_id)
    .where(Membership.council_id == bindparam("council_id"))
    .order_by(Person.name_key)
)


async def roster_lines(session: AsyncSession, council_id: int) -> list[RosterLine]:
    """A council's members as the roster lists them, by name."""
    rows = await direct_rows.rows(session, _ROSTER_LINES, {"council_id": council_id})
    return [
        RosterLine(full_name, role, tuple(other_roles or ()), note)
        for full_name, role, other_roles, note in rows
    ]


async def members_named(session: AsyncSession, council_id: int, name_key: str) -> list[Person]:
    """Members of a council whose whole name folds to ``name_key``."""
    rows = await session.scalars(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.council_id == council_id, Person.name_key == name_key)
    )
    return list(rows)


async def people_named(session: AsyncSession, name_key: str) -> list[Person]:
    """Everyone, in any council, whose whole name folds to ``name_key``."""
    return list(await session.scalars(select(Person).where(Person.name_key == name_key)))


async def add_member(
    session: AsyncSession,
    *,
    council_id: int,
    person_id: int,
    role: Role,
    note: str | None,
    at: datetime,
    other_roles: Sequence[Role] = (),
) -> tuple[Membership, bool]:
    """Add a person to a council, or update their roles. Returns (membership, created).

    ``role`` is the primary role (an officer's role when the person holds one); ``other_roles``
    the rest."""
    existing = await membership(session, council_id, person_id)
    seated, created = seat(
        session,
        existing,
        council_id=council_id,
        person=person_id,
        role=role,
        note=note,
        at=at,
        other_roles=other_roles,
    )
    await session.flush()
    return seated, created


def seat(
    session: AsyncSession,
    existing: Membership | None,
    *,
    council_id: int,
    person: Person | int,
    role: Role,
    note: str | None,
    at: datetime,
    other_roles: Sequence[Role] = (),
) -> tuple[Membership, bool]:
    """``add_member`` with the membership already read (``existing``), written at the
    session's next flush; ``person`` by id, or the object of one not written yet."""
    others = [r.value for r in other_roles if r != role] or None
    if existing is not None:
        existing.role, existing.other_roles = role, others
        if note:
            existing.note = note
        return existing, False
    owner: dict[str, Any] = (
        {"person": person} if isinstance(person, Person) else {"person_id": person}
    )
    added = Membership(
        council_id=council_id, role=role, other_roles=others, note=note, created_at=at, **owner
    )
    session.add(added)
    return added, True


async def holds_office(session: AsyncSession, person_id: int) -> bool:
    """Whether the person is a secretary, chair or coordinator of any council."""
    found = await session.scalar(
        select(Membership.id)
        .where(Membership.person_id == person_id, Membership.role.in_(OFFICER_ROLES))
        .limit(1)
    )
    return found is not None


async def councils_not_governed_by(
    session: AsyncSession,
    person_id: int,
    actor_id: int | None,
    *,
    trusted_in: Collection[int] | None = None,
) -> list[Council]:
    """The councils ``person_id`` sits in where ``actor_id`` is no officer, by name: there,
    the actor must not change how that council sees the person. With ``trusted_in``, the
    actor's office counts only in those councils (their account proves them nowhere else)."""
    governed = select(Membership.council_id).where(
        Membership.person_id == actor_id, Membership.role.in_(OFFICER_ROLES)
    )
    if trusted_in is not None:
        governed = governed.where(Membership.council_id.in_(list(trusted_in)))
    query = (
        select(Council)
        .join(Membership, Membership.council_id == Council.id)
        .where(Membership.person_id == person_id)
        .order_by(Council.short_name)
    )
    if actor_id is not None:
        query = query.where(Council.id.not_in(governed))
    return list(await session.scalars(query))


async def others_with_email(
    session: AsyncSession, email: str, person_id: int | None
) -> list[Person]:
    """Everyone but ``person_id`` whose e-mail is this address (any case)."""
    query = select(Person).where(func.lower(Person.email) == email.strip().lower())
    if person_id is not None:
        query = query.where(Person.id != person_id)
    return list(await session.scalars(query.limit(5)))


async def remove_membership(session: AsyncSession, membership_id: int, council_id: int) -> bool:
    """Delete one membership of a council; False when it is gone already (removed meanwhile).

    The person and what they did (actions, audit) stay: only the seat in the council goes."""
    deleted = await session.execute(
        delete(Membership)
        .where(Membership.id == membership_id, Membership.council_id == council_id)
        .returning(Membership.id)
    )
    return deleted.first() is not None
