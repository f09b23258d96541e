"""Remembering where a message came from and whose chat account sent it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.folding import name_key
from dialogs.model import Incoming
from store import councils, people
from store.models import ConversationRef, Council, Person


async def remember_conversation(session: AsyncSession, incoming: Incoming) -> ConversationRef:
    """Save or refresh the reference needed to write to this conversation later."""
    return await councils.save_conversation(
        session,
        platform=incoming.platform,
        conversation_id=incoming.conversation_id,
        tenant_id=incoming.tenant_id,
        kind=incoming.conversation_kind.value,
        reference=dict(incoming.reference),
        at=incoming.received_at,
    )


async def link_sender(session: AsyncSession, incoming: Incoming, person_id: int) -> None:
    """From now on, this chat account speaks as this person."""
    await people.link_identity(
        session,
        platform=incoming.platform,
        tenant_id=incoming.tenant_id,
        user_id=incoming.user_id,
        display_name=incoming.user_name,
        person_id=person_id,
        at=incoming.received_at,
        mention_id=incoming.mention_id,
    )


async def link_unknown_sender(
    session: AsyncSession, incoming: Incoming, council: Council | None, email: str | None
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
            await link_sender(session, incoming, person.id)
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
    await link_sender(session, incoming, person.id)
    return person
