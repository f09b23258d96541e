""" "Påminn mig i morgon" in the policy: the next working morning across weekends, holidays and
daylight-saving changes, and a snooze that moves one owner's reminders and no one else's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dialogs.dates.workdays import STOCKHOLM
from dialogs.reminders.policy import (
    SNOOZED,
    CouncilPolicy,
    Owner,
    next_working_morning,
    person_key,
    plan_deadline,
    plan_meeting_owners,
)
from store.reminders import kind_family


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("pressed", "morning"),
    [
        ("2026-12-03 09:00", "2026-12-04 08:00"),  # Thursday → Friday
        ("2026-12-04 16:00", "2026-12-07 08:00"),  # Friday → Monday
        ("2026-12-03 06:30", "2026-12-04 08:00"),  # before today's morning: still tomorrow
        ("2026-12-23 10:00", "2026-12-28 08:00"),  # julafton, juldagen, annandag jul, weekend
        ("2026-12-31 10:00", "2027-01-04 08:00"),  # nyårsdagen, then the weekend
        ("2026-10-24 11:00", "2026-10-26 08:00"),  # Saturday in summer time → Monday in winter
        ("2026-03-28 11:00", "2026-03-30 08:00"),  # Saturday in winter time → Monday in summer
    ],
)
def test_the_next_working_morning(pressed: str, morning: str) -> None:
    assert next_working_morning(local(pressed)) == local(morning)


def test_the_next_working_morning_is_stored_in_utc_across_the_dst_change() -> None:
    monday = next_working_morning(local("2026-10-24 11:00")).astimezone(UTC)
    assert (monday.day, monday.hour) == (26, 7)  # 08:00 CET
    summer = next_working_morning(local("2026-10-22 11:00")).astimezone(UTC)
    assert (summer.day, summer.hour) == (23, 6)  # 08:00 CEST


def test_a_snooze_moves_one_owners_earlier_reminders_and_keeps_the_later_ones() -> None:
    due = local("2025-05-16 00:00")  # a whole day: Friday 16 May
    owners = [Owner(1), Owner(2)]
    plans = plan_deadline(
        due,
        CouncilPolicy(deadline_working_days=(3, 2, 0)),
        local("2025-05-13 07:00"),
        owners=owners,
        snoozed={1: local("2025-05-15 08:00")},
    )
    mine = sorted((p.due_at, p.kind) for p in plans if p.recipient_key == person_key(1))
    theirs = sorted((p.due_at, p.kind) for p in plans if p.recipient_key == person_key(2))
    assert mine == [(local("2025-05-15 08:00"), SNOOZED), (local("2025-05-16 08:00"), "deadline.0")]
    assert [at for at, _ in theirs] == [
        local("2025-05-13 08:00"),
        local("2025-05-14 08:00"),
        local("2025-05-16 08:00"),
    ]
    # once its morning has passed, a snooze plans nothing more
    later = plan_deadline(
        due,
        CouncilPolicy(),
        local("2025-05-15 09:00"),
        owners=owners,
        snoozed={1: local("2025-05-15 08:00")},
    )
    assert all(p.kind != SNOOZED for p in later)


def test_a_snoozed_meeting_reminder_goes_out_before_the_meeting_only() -> None:
    starts = local("2025-05-07 13:00")
    now = local("2025-05-06 12:00")
    owners = [Owner(1), Owner(2)]
    plans = plan_meeting_owners(starts, owners, now, snoozed={1: local("2025-05-07 08:00")})
    assert {(p.recipient_person_id, p.due_at) for p in plans} == {(1, local("2025-05-07 08:00"))}
    # a snooze to after the meeting has started is no reminder at all
    plans = plan_meeting_owners(
        local("2025-05-07 07:30"), owners, now, snoozed={1: local("2025-05-07 08:00")}
    )
    assert plans == []


def test_a_snoozed_reminder_is_one_family_with_the_deadline_reminders() -> None:
    assert kind_family(SNOOZED) == kind_family("deadline.0") == "deadline"
