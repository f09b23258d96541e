"""The reminder policy: which reminders an item gets, to whom, and when.

Pure functions: given an item's dates and the council's and people's choices, they return the
reminders that should exist. ``store.reminders.replan`` makes the outbox match, in the same
transaction as the change that caused it.

Defaults (DESIGN.md), which a council may change:
- meetings: 7 days before at 08:00 an agenda call in the channel; the working day before at
  08:00 the practical details in the channel, and to each owner of an action due at that
  meeting, personally, their own actions;
- deadlines: 3 working days before and on the morning of the day, personally to each owner
  (in the channel for "alla", for organisations and for the council's other dated items);
- nomination rounds: 7 days and 1 day before closing, in the channel;
- overdue actions: a Monday 08:00 digest in the channel.
Nothing goes out at night, at weekends or on holidays (``dialogs.dates.workdays``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from dialogs.dates.workdays import (
    at_local,
    is_working_day,
    within_sending_hours,
    working_day_before,
    working_days_before,
)
from dialogs.dates.writing import STOCKHOLM

log = logging.getLogger(__name__)

CHANNEL = "channel"


def person_key(person_id: int) -> str:
    return f"person:{person_id}"


@dataclass(frozen=True)
class Planned:
    """One reminder that should exist."""

    kind: str
    recipient_key: str
    due_at: datetime
    recipient_person_id: int | None = None


@dataclass(frozen=True)
class CouncilPolicy:
    """A council's reminder choices. Lead times in days; 0 means the morning of the day."""

    meeting_days: tuple[int, ...] = (7, 1)
    deadline_working_days: tuple[int, ...] = (3, 0)
    nomination_days: tuple[int, ...] = (7, 1)
    weekly_digest: bool = True

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any] | None) -> CouncilPolicy:
        """The council's choices as kept (``councils.reminder_settings``); what is not kept
        is the default, and a value that does not read is the default too."""
        return _read(COUNCIL_POLICY, stored, cls())

    def to_stored(self) -> dict[str, Any]:
        stored: dict[str, Any] = COUNCIL_POLICY.dump_python(self, mode="json")
        return stored


@dataclass(frozen=True)
class PersonalChoice:
    """What one person wants: no personal reminders at all, or other deadline lead times."""

    off: bool = False
    deadline_working_days: tuple[int, ...] | None = None

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any] | None) -> PersonalChoice:
        """The person's choices as kept (``people.reminder_prefs``)."""
        return _read(PERSONAL_CHOICE, stored, cls())

    def to_stored(self) -> dict[str, Any]:
        stored: dict[str, Any] = PERSONAL_CHOICE.dump_python(self, mode="json", exclude_none=True)
        return stored


#: How the council's and each person's reminder choices are kept in the database.
COUNCIL_POLICY = TypeAdapter(CouncilPolicy)
PERSONAL_CHOICE = TypeAdapter(PersonalChoice)
_Choice = TypeVar("_Choice")


def _read(
    kept: TypeAdapter[_Choice], stored: Mapping[str, Any] | None, default: _Choice
) -> _Choice:
    try:
        return kept.validate_python(dict(stored or {}))
    except ValidationError:
        log.warning("reminder choices kept in an unreadable shape; the defaults apply")
        return default


@dataclass(frozen=True)
class Owner:
    person_id: int
    choice: PersonalChoice = field(default_factory=PersonalChoice)


def _local_day(moment: datetime) -> date:
    return moment.astimezone(STOCKHOLM).date()


def _future(plans: Iterable[Planned], now: datetime) -> list[Planned]:
    """Only what is still to come, without duplicates (two leads may land on one morning)."""
    seen: set[tuple[str, str, datetime]] = set()
    kept = []
    for plan in plans:
        key = (plan.kind, plan.recipient_key, plan.due_at)
        if plan.due_at > now and key not in seen:
            seen.add(key)
            kept.append(plan)
    return kept


def _days_before(day: date, days: int) -> datetime:
    """08:00 ``days`` calendar days before ``day`` — the working day before when that is off."""
    if days == 1:
        return at_local(working_day_before(day))
    return within_sending_hours(at_local(day - timedelta(days=days)))


def _deadline_moment(due_at: datetime, working_days: int, has_time: bool) -> datetime:
    """08:00 ``working_days`` working days before the deadline; 0 is the morning of the day.

    A deadline at or before 08:00 ("senast 20 maj kl 07.30") would be past by the morning
    reminder, and 07:00 leaves no time to act: it is reminded at 08:00 the working day before.
    """
    day = _local_day(due_at)
    if working_days == 0:
        morning = within_sending_hours(at_local(day))
        if has_time and morning >= due_at:
            return at_local(working_day_before(day))
        return morning
    return at_local(working_days_before(day, working_days))


def plan_meeting(starts_at: datetime, policy: CouncilPolicy, now: datetime) -> list[Planned]:
    """The channel reminders of a meeting: the agenda call(s) and the day-before details."""
    day = _local_day(starts_at)
    plans = []
    for days in sorted(set(policy.meeting_days), reverse=True):
        kind = "meeting.details" if days <= 1 else f"meeting.agenda_call.{days}"
        plans.append(Planned(kind, CHANNEL, _days_before(day, max(days, 1))))
    return _future(plans, now)


def plan_meeting_owners(
    starts_at: datetime,
    owners: Sequence[Owner],
    now: datetime,
    snoozed: Mapping[int, datetime] | None = None,
) -> list[Planned]:
    """Personal reminders, the working day before, to everyone with actions due at the meeting;
    for those who asked for it again later ("Påminn mig i morgon", ``snoozed``), then."""
    due = at_local(working_day_before(_local_day(starts_at)))
    again = {p: until for p, until in (snoozed or {}).items() if now < until < starts_at}
    return _future(
        (
            Planned(
                "meeting.your_actions",
                person_key(o.person_id),
                again.get(o.person_id, due),
                o.person_id,
            )
            for o in owners
            if not o.choice.off
        ),
        now,
    )


def plan_deadline(
    due_at: datetime,
    policy: CouncilPolicy,
    now: datetime,
    *,
    owners: Sequence[Owner] = (),
    in_channel: bool = False,
    has_time: bool = False,
    snoozed: Mapping[int, datetime] | None = None,
) -> list[Planned]:
    """Deadline reminders: personally to each owner, and/or in the channel.

    ``has_time`` says that ``due_at`` is a time of day ("kl 07.30"), not a whole day.
    ``snoozed``: person id -> when an owner asked to be reminded again ("Påminn mig i
    morgon"); their reminders before then are moved to then, the later ones stay.
    """
    plans: list[Planned] = []
    if in_channel:
        plans += _one_per_morning(
            Planned(f"deadline.{days}", CHANNEL, _deadline_moment(due_at, days, has_time))
            for days in policy.deadline_working_days
        )
    for owner in owners:
        if owner.choice.off:
            continue
        leads = owner.choice.deadline_working_days or policy.deadline_working_days
        owned = _one_per_morning(
            Planned(
                f"deadline.{days}",
                person_key(owner.person_id),
                _deadline_moment(due_at, days, has_time),
                owner.person_id,
            )
            for days in leads
        )
        until = (snoozed or {}).get(owner.person_id)
        if until is not None and until > now:
            owned = [p for p in owned if p.due_at > until]
            owned.append(Planned(SNOOZED, person_key(owner.person_id), until, owner.person_id))
        plans += owned
    return _future(plans, now)


#: The kind of the reminder someone asked for with "Påminn mig i morgon".
SNOOZED = "deadline.snoozed"


def _one_per_morning(plans: Iterable[Planned]) -> list[Planned]:
    """Two leads that land on one morning (0 moved to the day before, and 1) send one message:
    the one nearest the deadline."""
    by_moment: dict[datetime, Planned] = {}
    for plan in sorted(plans, key=lambda p: int(p.kind.rpartition(".")[2]), reverse=True):
        by_moment[plan.due_at] = plan
    return list(by_moment.values())


def plan_round(deadline_at: datetime, policy: CouncilPolicy, now: datetime) -> list[Planned]:
    """Channel reminders before a nomination round closes."""
    day = _local_day(deadline_at)
    return _future(
        (
            Planned(f"round.closing.{days}", CHANNEL, _days_before(day, days))
            for days in policy.nomination_days
        ),
        now,
    )


def plan_round_nudges(
    deadline_at: datetime, policy: CouncilPolicy, members: Sequence[Owner], now: datetime
) -> list[Planned]:
    """Personal reminders, with the round's last reminder, to members who may not have answered.

    Planned for every member; the sender skips those who have nominated or said "ingen" by then.
    """
    if not policy.nomination_days:
        return []
    due = _days_before(_local_day(deadline_at), min(policy.nomination_days))
    return _future(
        (
            Planned("round.nudge", person_key(m.person_id), due, m.person_id)
            for m in members
            if not m.choice.off
        ),
        now,
    )


def next_working_morning(now: datetime) -> datetime:
    """08:00 on the first working day after today (Stockholm): "remind me tomorrow" on a
    Friday, or before a holiday, means the next working morning."""
    day = _local_day(now) + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return at_local(day)


def next_digest(now: datetime) -> datetime:
    """The next Monday 08:00 overdue digest (the working day before, when Monday is off)."""
    local = now.astimezone(STOCKHOLM)
    monday = local.date() - timedelta(days=local.weekday())
    while True:
        due = within_sending_hours(at_local(monday))
        if due > now:
            return due
        monday += timedelta(days=7)
