"""Text that does not fit its column is refused before it is written, on every database.

PostgreSQL refuses a ``varchar(300)`` value of 301 characters with an error that would roll
the command back as an internal failure; SQLite stores it silently. Checked here before each
flush, the same input gets the same, explainable refusal on both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, UOWTransaction


class ValueTooLong(ValueError):
    """A text is longer than its column allows: ``value`` (the start of it) and ``limit``."""

    def __init__(self, value: str, limit: int) -> None:
        super().__init__(f"a value of {len(value)} characters where at most {limit} fit")
        self.value = value
        self.limit = limit


def check_fits(instance: Any) -> None:
    """``ValueTooLong`` for the first text of ``instance`` longer than its column; checked on
    every flush, and called for a row written without one (a Core INSERT)."""
    mapper = inspect(instance).mapper
    for column in mapper.columns:
        length = column.type.length if isinstance(column.type, String) else None
        if length is None:
            continue
        value = getattr(instance, mapper.get_property_by_column(column).key, None)
        if isinstance(value, str) and len(value) > length:
            raise ValueTooLong(value, length)


@event.listens_for(Session, "before_flush")
def _lengths_fit(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    for instance in (*session.new, *session.dirty):
        check_fits(instance)
