"""Deadlines: when one has passed (a date counts the whole day, a time counts to the minute),
and how one is written (``senast fre 16 maj``), everywhere."""

from __future__ import annotations

from datetime import datetime

from dialogs.dates.writing import format_moment, local
from dialogs.texts import text


def has_passed(due_at: datetime | None, has_time: bool, now: datetime) -> bool:
    """True once ``due_at`` is behind us; "senast 31 maj" still holds all of 31 May."""
    if due_at is None:
        return False
    if has_time:
        return due_at < now
    return local(due_at).date() < local(now).date()


def still_ahead_at(due_at: datetime, has_time: bool, then: datetime) -> bool:
    """Whether the deadline is still to come at ``then``: a reminder moved there is of use."""
    if has_time:
        return due_at > then
    return not has_passed(due_at, has_time, then)


def deadline_text(
    lang: str,
    due_at: datetime | None,
    *,
    now: datetime,
    has_time: bool,
    at_meeting: bool = False,
    rough: str | None = None,
) -> str:
    """``senast fre 16 maj``, ``till mötet …``, ``i vår (senast 30 jun)`` or ``ingen deadline``;
    ``rough`` is a deadline in its own words ("i vår"), ``due_at`` its latest day."""
    if due_at is None:
        return rough or text(lang, "action.no_deadline")
    when = format_moment(due_at, lang, now=now, has_time=has_time)
    if rough:
        return text(lang, "action.due_rough", rough=rough, when=when)
    return text(lang, "action.due_meeting" if at_meeting else "action.due", when=when)
