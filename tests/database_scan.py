"""Reading every text and JSON column of every table, to tell where a word still is."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text, select

from bot.app import SESSIONS
from store.models import Base
from store.types import JsonText


async def places_holding(app: Any, *words: str) -> list[str]:
    """ "table.column: cell" of every cell that holds one of ``words`` (any case), anywhere."""
    wanted = [w.casefold() for w in words]
    found = []
    async with app[SESSIONS]() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JsonText)]
            if not columns:
                continue
            for row in (await session.execute(select(*columns))).all():
                for column, value in zip(columns, row, strict=True):
                    seen = str(value).casefold()
                    found += [f"{table.name}.{column.name}: {seen}" for w in wanted if w in seen]
    return found
