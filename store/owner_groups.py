"""Groups a council has had as action owners, remembered so later minutes need not ask."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import OwnerGroup


async def group_keys(session: AsyncSession, council_id: int) -> frozenset[str]:
    """The folded names of the council's known owner groups."""
    rows = await session.execute(select(OwnerGroup.key).where(OwnerGroup.council_id == council_id))
    return frozenset(rows.scalars())


async def remember_groups(
    session: AsyncSession, council_id: int, names: Iterable[tuple[str, str]]
) -> None:
    """Keep each (name as written, folded key) not yet known for the council."""
    known = await group_keys(session, council_id)
    for name, key in _new(names, known):
        session.add(OwnerGroup(council_id=council_id, name=name[:200], key=key[:200]))
    await session.flush()


def _new(names: Iterable[tuple[str, str]], known: frozenset[str]) -> list[tuple[str, str]]:
    fresh: dict[str, str] = {}
    for name, key in names:
        if key and key not in known and key not in fresh:
            fresh[key] = name
    return [(name, key) for key, name in fresh.items()]
