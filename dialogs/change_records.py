"""What the log keeps of a change, before and after: one frozen dataclass per subject.

``context.audit(..., before=ActionRecord(...), after=...)`` stores a record as JSON through
its pydantic ``TypeAdapter``; the change's ``@undoes`` function reads it back with ``read``,
typed. Every field is optional and a missing one reads as its default, so the log written
before a field existed (or by an older version) still reads; a record that does not read at
all is None, and its change cannot be taken back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from dialogs.reminders.policy import CouncilPolicy

#: One owner of an action as ``store.actions.owner_rows`` gives it: a member or a written name.
OwnerRow = dict[str, int | str | None]


@dataclass(frozen=True)
class ActionRecord:
    number: int | None = None
    text: str | None = None
    status: str | None = None
    #: the owners as the reply wrote them (``Karin Andersson, Neo-rådet``)
    names: str | None = None
    owners: tuple[OwnerRow, ...] | None = None
    for_everyone: bool | None = None
    due_at: datetime | None = None
    due_has_time: bool | None = None
    due_meeting_id: int | None = None
    done_at: datetime | None = None
    done_by_id: int | None = None


@dataclass(frozen=True)
class MeetingRecord:
    number: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str | None = None
    online_url: str | None = None
    kind: str | None = None
    time_known: bool | None = None
    status: str | None = None
    #: the actions that were due at a cancelled meeting, bound to it again by ``ångra``
    action_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class MembershipRecord:
    #: the membership (in a batch's list of memberships it changed)
    id: int | None = None
    name: str | None = None
    person_id: int | None = None
    created_at: datetime | None = None
    role: str | None = None
    other_roles: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class AgendaItemRecord:
    title: str | None = None
    #: the number of the meeting it was proposed for (shown in the log)
    meeting: int | None = None
    meeting_id: int | None = None
    position: int | None = None
    presenter: str | None = None
    time_slot: str | None = None
    proposed_by_id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class DatedItemRecord:
    text: str | None = None
    due_at: datetime | None = None


@dataclass(frozen=True)
class BatchRecord:
    """What one ``ok`` saved together (minutes, a roster, the season's meetings)."""

    name: str | None = None
    count: int | None = None
    action_ids: tuple[int, ...] = ()
    decision_ids: tuple[int, ...] = ()
    membership_ids: tuple[int, ...] = ()
    #: memberships the batch changed, as they were before it
    updated: tuple[MembershipRecord, ...] = ()
    meeting_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class AccountRecord:
    name: str | None = None
    platform: str | None = None
    display_name: str | None = None


@dataclass(frozen=True)
class RoundRecord:
    target: str | None = None
    roles: tuple[str, ...] = ()
    deadline: datetime | None = None
    status: str | None = None


@dataclass(frozen=True)
class NominationRecord:
    #: the round's target (``RPT THS``)
    round: str | None = None
    role: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class CouncilRecord:
    name: str | None = None
    short_name: str | None = None
    meeting_start: str | None = None
    meeting_end: str | None = None
    #: the council's language; "" for none chosen (the bot's default)
    language: str | None = None


@dataclass(frozen=True)
class PersonRecord:
    name: str | None = None


@dataclass(frozen=True)
class Described:
    """What the log's one line shows of any record: its label and number."""

    text: str | None = None
    name: str | None = None
    title: str | None = None
    target: str | None = None
    number: int | None = None
    #: how many a batch held
    count: int | None = None
    #: a nomination's round (``RPT THS``) and role
    round: str | None = None
    role: str | None = None

    @property
    def label(self) -> str:
        return self.text or self.name or self.title or self.target or ""


ChangeRecord = (
    ActionRecord
    | MeetingRecord
    | MembershipRecord
    | AgendaItemRecord
    | DatedItemRecord
    | BatchRecord
    | AccountRecord
    | RoundRecord
    | NominationRecord
    | CouncilRecord
    | PersonRecord
    | CouncilPolicy
)
R = TypeVar("R")


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(kind: type[R]) -> TypeAdapter[R]:
    """Each kind's one ``TypeAdapter``, made once."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def dump(record: ChangeRecord) -> dict[str, Any]:
    """The record as the log keeps it (JSON; fields left empty are not written)."""
    stored: dict[str, Any] = _adapter(type(record)).dump_python(
        record, mode="json", exclude_none=True
    )
    return stored


def read(kind: type[R], stored: Mapping[str, Any] | None) -> R | None:
    """The record as ``kind``; None when nothing was kept or it does not read."""
    if stored is None:
        return None
    try:
        record: R = _adapter(kind).validate_python(dict(stored))
    except ValidationError:
        return None
    return record
