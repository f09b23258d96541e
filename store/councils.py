"""Councils and the chat conversations they are linked to."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Update, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm.attributes import set_committed_value

from store import direct_rows
from store.begin_on_write import WRITE_ALONE
from store.db import get, insert_for, mark_written, tell_loaded, update_loaded
from store.lengths import check_fits
from store.models import ConversationRef, Council, Membership, Role


async def create_council(
    session: AsyncSession, *, name: str, short_name: str, short_key: str, at: datetime
) -> Council:
    council = Council(name=name, short_name=short_name, short_key=short_key, created_at=at)
    session.add(council)
    await session.flush()
    return council


async def council_by_key(session: AsyncSession, short_key: str) -> Council | None:
    return await session.scalar(select(Council).where(Council.short_key == short_key))


async def council_by_id(session: AsyncSession, council_id: int) -> Council | None:
    return await get(session, Council, council_id)


async def councils_of(session: AsyncSession, person_id: int) -> list[tuple[Council, Role]]:
    """Every council a person sits in, with the role there, by name."""
    rows = await session.execute(
        select(Council, Membership.role)
        .join(Membership, Membership.council_id == Council.id)
        .where(Membership.person_id == person_id)
        .order_by(Council.short_name)
    )
    return [(council, role) for council, role in rows]


#: Asked on every message: built once, so SQLAlchemy keys its compiled form once too.
_CONVERSATION_AND_COUNCIL = (
    select(ConversationRef)
    .outerjoin(Council, Council.id == ConversationRef.council_id)
    .options(contains_eager(ConversationRef.council))
    .where(
        ConversationRef.platform == bindparam("platform"),
        ConversationRef.conversation_id == bindparam("conversation_id"),
    )
)


async def conversation(
    session: AsyncSession, platform: str, conversation_id: str
) -> ConversationRef | None:
    return await session.scalar(
        select(ConversationRef).where(
            ConversationRef.platform == platform,
            ConversationRef.conversation_id == conversation_id,
        )
    )


async def save_conversation(
    session: AsyncSession,
    *,
    platform: str,
    conversation_id: str,
    tenant_id: str,
    kind: str,
    reference: dict[str, Any],
    at: datetime,
    person_id: int | None = None,
    found: ConversationRef | None = None,
) -> ConversationRef:
    """Save or refresh the reference the bot needs to write to this conversation later
    (``found``: the conversation as just read, for a turn that read it with its sender).

    The linked council is loaded in the same statement, so ``council_by_id`` finds it in the
    session without asking the database again. A new conversation is inserted unless another
    turn has just done so (``add_conversation``), then the row saved is read back."""
    where = {"platform": platform, "conversation_id": conversation_id}
    row = found or await session.scalar(_CONVERSATION_AND_COUNCIL, where)
    if row is None:
        details = {"tenant_id": tenant_id, "kind": kind, "reference": reference}
        await add_conversation(
            session, {**where, **details, "updated_at": at, "person_id": person_id}
        )
        row = await session.scalar(_CONVERSATION_AND_COUNCIL, where)
        if row is None:  # pragma: no cover - a row inserted or met cannot be missing
            raise LookupError("conversation not saved")
    if not _changed(row, tenant_id, kind, reference, at, person_id):
        return row  # the usual message: nothing to write, no write transaction
    values: dict[str, Any] = {
        "reference": reference,
        "tenant_id": tenant_id,
        "kind": kind,
        "updated_at": at,
    }
    if person_id is not None:
        values["person_id"] = person_id
    check_fits(ConversationRef(**values))
    # One UPDATE, sent now (a conversation is refreshed on a good share of all messages: the
    # ORM's unit of work would cost each of those a tenth of its time), the loaded row told so.
    # It may be saved alone: with no other write before it, no transaction is opened for it.
    refresh = _REFRESH[person_id is not None]
    if await direct_rows.write_alone(session, refresh, {**values, "row_id": row.id}):
        tell_loaded(row, values)
    else:
        await update_loaded(session, refresh, row, values, row_id=row.id)
    return row


def _refresh(with_person: bool) -> Update:
    columns = ["reference", "tenant_id", "kind", "updated_at"]
    if with_person:
        columns.append("person_id")
    table = ConversationRef.metadata.tables[ConversationRef.__tablename__]
    return (
        update(table)
        .prefix_with(WRITE_ALONE)
        .where(table.c.id == bindparam("row_id"))
        .values({name: bindparam(name) for name in columns})
    )


#: ``save_conversation``'s UPDATE, by whether it also names the conversation's person
_REFRESH = {with_person: _refresh(with_person) for with_person in (False, True)}


async def add_conversation(session: AsyncSession, values: dict[str, Any]) -> None:
    """Insert a conversation not met before (``values`` by column: platform,
    conversation_id, tenant_id, kind, reference, updated_at, and person_id if known), unless another turn has just
    done so (two first messages at once: a double tap, Teams' two install events): no error
    to retry."""
    check_fits(ConversationRef(**values))
    inserted = await session.execute(
        insert_for(session, ConversationRef)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["platform", "conversation_id"])
        .returning(ConversationRef.id)
    )
    if inserted.first() is not None:
        mark_written(session)


# A reference also names the message it was taken from, its sender and (in a Teams channel)
# that message's thread; writing to the conversation later needs none of them, so a new
# message alone is no reason to write the row again.
_PER_MESSAGE = frozenset({"activityId", "user"})
_THREAD = re.compile(r";messageid=\d+$")
# How stale ``updated_at`` (which of a person's chats is the newest) may get before a
# message refreshes it anyway.
_SEEN_AGAIN = timedelta(minutes=10)


def _lasting(reference: dict[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in reference.items() if key not in _PER_MESSAGE}
    conversation = kept.get("conversation")
    if isinstance(conversation, dict) and isinstance(conversation.get("id"), str):
        kept["conversation"] = {**conversation, "id": _THREAD.sub("", conversation["id"])}
    return kept


def _changed(
    row: ConversationRef,
    tenant_id: str,
    kind: str,
    reference: dict[str, Any],
    at: datetime,
    person_id: int | None,
) -> bool:
    return (
        row.tenant_id != tenant_id
        or row.kind != kind
        or (person_id is not None and row.person_id != person_id)
        or at - row.updated_at >= _SEEN_AGAIN
        or _lasting(row.reference) != _lasting(reference)
    )


async def mark_welcomed(
    session: AsyncSession, conversation_ref: ConversationRef, at: datetime
) -> bool:
    """Mark the conversation welcomed, unless another turn has just done so: true only for
    the one turn whose UPDATE found it not yet welcomed (the database decides, not what this
    session read a moment ago)."""
    marked = await session.execute(
        update(ConversationRef)
        .where(ConversationRef.id == conversation_ref.id, ConversationRef.welcomed_at.is_(None))
        .values(welcomed_at=at)
    )
    return bool(getattr(marked, "rowcount", 0))


async def link_conversation(
    session: AsyncSession, conversation_ref: ConversationRef, council_id: int
) -> None:
    conversation_ref.council_id = council_id
    await session.flush()


async def claim_conversation(
    session: AsyncSession,
    conversation_ref: ConversationRef,
    council_id: int,
    *,
    expected: int | None,
) -> bool:
    """Link the conversation to ``council_id`` only if it is still linked to ``expected`` (None:
    to no council): of two commands racing for one channel, the later one gets False, never
    the channel (a conditional write, so it holds on PostgreSQL's read committed too)."""
    linked_now = (
        ConversationRef.council_id.is_(None)
        if expected is None
        else ConversationRef.council_id == expected
    )
    result = await session.execute(
        update(ConversationRef)
        .where(ConversationRef.id == conversation_ref.id, linked_now)
        .values(council_id=council_id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    set_committed_value(conversation_ref, "council_id", council_id)
    return True


async def channels_of(session: AsyncSession, council_id: int) -> list[ConversationRef]:
    """The channel (and group) conversations linked to a council."""
    rows = await session.scalars(
        select(ConversationRef).where(
            ConversationRef.council_id == council_id, ConversationRef.kind != "personal"
        )
    )
    return list(rows)


async def personal_conversation(
    session: AsyncSession, platform: str, person_id: int
) -> ConversationRef | None:
    """The person's most recent 1:1 chat with the bot on a platform, if they have one."""
    return await session.scalar(_PERSONAL, {"platform": platform, "person_id": person_id})


_PERSONAL = (
    select(ConversationRef)
    .where(
        ConversationRef.platform == bindparam("platform"),
        ConversationRef.person_id == bindparam("person_id"),
        ConversationRef.kind == "personal",
    )
    .order_by(ConversationRef.updated_at.desc())
    .limit(1)
)
