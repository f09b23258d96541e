"""The Slack requests already taken in, so that a replayed or retried request runs only once,
also after a restart and when several processes share one database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from store.db import insert_for
from store.models import SlackSeen


async def first_sighting(session: AsyncSession, key: str, expires_at: datetime) -> bool:
    """Claim ``key`` until ``expires_at``; true only for the one caller that claimed it.

    One INSERT that does nothing on conflict: of two processes racing on the same key, the
    database's primary key lets exactly one through (the other waits for its commit and then
    inserts nothing), without an error and without a read first.
    """
    statement = insert_for(session, SlackSeen)
    claimed = await session.execute(
        statement.values(key=key, expires_at=expires_at)
        .on_conflict_do_nothing(index_elements=[SlackSeen.key])
        .returning(SlackSeen.key)
    )
    return claimed.first() is not None


async def forget(session: AsyncSession, key: str) -> None:
    """Give a claim back, for a request that could not be handled (so Slack's retry can be)."""
    await session.execute(delete(SlackSeen).where(SlackSeen.key == key))


async def forget_expired(session: AsyncSession, now: datetime) -> int:
    """Drop the claims no copy of their request can use any more; returns how many."""
    result = await session.execute(delete(SlackSeen).where(SlackSeen.expires_at < now))
    return int(getattr(result, "rowcount", 0) or 0)
