"""Remembering where a message came from and whose chat account sent it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.model import Incoming
from store import councils, people
from store.models import ConversationRef


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
