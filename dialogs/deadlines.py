"""When a deadline has passed: a date counts the whole day, a time counts to the minute."""

from __future__ import annotations

from datetime import datetime

from dialogs.datefmt import local


def has_passed(due_at: datetime | None, has_time: bool, now: datetime) -> bool:
    """True once ``due_at`` is behind us; "senast 31 maj" still holds all of 31 May."""
    if due_at is None:
        return False
    if has_time:
        return due_at < now
    return local(due_at).date() < local(now).date()
