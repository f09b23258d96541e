"""Questions the bot is waiting for an answer to, one per person and conversation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import PendingPrompt


async def ask(
    session: AsyncSession,
    *,
    platform: str,
    conversation_id: str,
    person_id: int,
    kind: str,
    payload: dict[str, Any],
    at: datetime,
    replacing: bool = True,
) -> None:
    """Remember a question; a new one replaces any earlier one in the same place (unless the
    caller knows there is none: ``replacing=False`` saves the DELETE)."""
    if replacing:
        await forget(session, platform, conversation_id, person_id)
    prompt = PendingPrompt(
        platform=platform,
        conversation_id=conversation_id,
        person_id=person_id,
        kind=kind,
        payload=payload,
        created_at=at,
    )
    session.add(prompt)
    await session.flush()


async def forget(
    session: AsyncSession, platform: str, conversation_id: str, person_id: int
) -> None:
    await session.execute(
        delete(PendingPrompt).where(
            PendingPrompt.platform == platform,
            PendingPrompt.conversation_id == conversation_id,
            PendingPrompt.person_id == person_id,
        )
    )
