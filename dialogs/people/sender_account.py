"""Remembering where a message came from and whose chat account sent it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dialogs.model import Incoming
from dialogs.text.folding import name_key
from store import audit, councils, people
from store.db import Session
from store.models import ConversationRef, Council, LinkedBy, Person


async def remember_conversation(
    session: Session, incoming: Incoming, found: ConversationRef | None = None
) -> ConversationRef:
    """Save or refresh the reference needed to write to this conversation later (``found``:
    the conversation as this turn has just read it)."""
    return await councils.save_conversation(session, **_conversation(incoming), found=found)


async def add_conversation(session: Session, incoming: Incoming) -> None:
    """Save the reference of a conversation not met before (unless a turn just did)."""
    values = _conversation(incoming)
    values["updated_at"] = values.pop("at")
    await councils.add_conversation(session, values)


def _conversation(incoming: Incoming) -> dict[str, Any]:
    return {
        "platform": incoming.platform,
        "conversation_id": incoming.conversation_id,
        "tenant_id": incoming.tenant_id,
        "kind": incoming.conversation_kind.value,
        "reference": dict(incoming.reference),
        "at": incoming.received_at,
    }


async def link_sender(
    session: Session, incoming: Incoming, person_id: int, linked_by: LinkedBy
) -> None:
    """From now on, this chat account speaks as this person."""
    await people.link_identity(
        session,
        platform=incoming.platform,
        tenant_id=incoming.tenant_id,
        user_id=incoming.user_id,
        display_name=incoming.user_name,
        person_id=person_id,
        linked_by=linked_by,
        at=incoming.received_at,
        mention_id=incoming.mention_id,
    )


async def link_sender_by_email(
    session: Session, incoming: Incoming, person: Person, council: Council | None
) -> None:
    """Link this account to ``person`` on the e-mail the platform vouches for, and unlink the
    accounts that only claimed that person by name: proof wins over a claim."""
    await link_sender(session, incoming, person.id, LinkedBy.EMAIL)
    await unlink_claimants(session, person, council, actor_id=person.id, at=incoming.received_at)


async def unlink_claimants(
    session: Session,
    person: Person,
    council: Council | None,
    *,
    actor_id: int | None,
    at: datetime,
) -> None:
    """Drop the accounts linked to ``person`` by a name alone, now that one is linked by proof,
    and say so in the audit trail (with the platforms, never the accounts)."""
    dropped = await people.drop_unverified_links(session, person.id)
    if dropped:
        await audit.record(
            session,
            council_id=council.id if council else None,
            actor_id=actor_id,
            verb="unlink",
            subject_type="person",
            subject_id=person.id,
            at=at,
            before={"name": person.full_name, "platforms": sorted(dropped)},
        )


async def verify_sender(
    session: Session,
    incoming: Incoming,
    person_id: int,
    council_id: int | None,
    email: str | None,
) -> bool:
    """Whether the platform's word on this account's e-mail proves the person it claimed by
    name; then its link becomes a verified one (and the other claimants of that person go)."""
    if not email:
        return False
    person = await people.person_by_email(session, email)
    if person is None or person.id != person_id:
        return False
    council = await councils.council_by_id(session, council_id) if council_id else None
    await link_sender_by_email(session, incoming, person, council)
    return True


async def link_unknown_sender(
    session: Session, incoming: Incoming, council: Council | None, email: str | None
) -> Person | None:
    """Decide who an account the bot has not met is, and remember it; None if it cannot tell.

    The e-mail the platform vouches for links the account to the one person with that address
    on file. Otherwise the name the organisation sets (Teams) links it to the one person of
    exactly that name who has no account on this platform yet, and who is no officer anywhere:
    a display name is not proof enough for powers (guests and other tenants name themselves),
    so officers are linked by e-mail or by ``member link``. In the terminal the operator's word
    is enough.
    """
    if email:
        person = await people.person_by_email(session, email)
        if person is not None:
            await link_sender_by_email(session, incoming, person, council)
            return person
    trusted = incoming.name_verified or incoming.name_is_operator
    if not incoming.user_name or not trusted:
        return None
    key = name_key(incoming.user_name)
    if council is not None:
        candidates = await people.members_named(session, council.id, key)
    else:
        candidates = await people.people_named(session, key)
    if len(candidates) != 1:
        return None
    person = candidates[0]
    # Only an unclaimed person is linked by name, so one account cannot take over another's.
    if await people.has_identity_on(session, person.id, incoming.platform):
        return None
    if not incoming.name_is_operator and await people.holds_office(session, person.id):
        return None
    how = LinkedBy.OPERATOR if incoming.name_is_operator else LinkedBy.DISPLAY_NAME
    await link_sender(session, incoming, person.id, how)
    return person
