"""Rows by their ids, in one query: the labels and names of a listing, loaded together."""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Base

Row = TypeVar("Row", bound=Base)


async def by_ids(session: AsyncSession, model: type[Row], ids: Collection[int]) -> dict[int, Row]:
    """The rows of ``model`` (a table whose one key is ``id``) with these ids, by id: those
    that exist; no query for none."""
    if not ids:
        return {}
    (key,) = inspect(model).primary_key
    rows = await session.scalars(select(model).where(key.in_(list(ids))))
    return {int(getattr(row, "id")): row for row in rows}  # noqa: B009 (Base declares no id)
