"""The reminder policy and the quiet hours, across daylight-saving changes and holidays."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dialogs.dates.workdays import (
    STOCKHOLM,
    is_sending_time,
    is_working_day,
    next_sending_time,
    within_sending_hours,
    working_days_before,
)
from dialogs.reminders.policy import (
    CouncilPolicy,
    Owner,
    PersonalChoice,
    next_digest,
    plan_deadline,
    plan_meeting,
    plan_round,
)

NOW = datetime(2025, 1, 1, 12, 0, tzinfo=STOCKHOLM)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2025-05-01", False),  # första maj
        ("2025-05-29", False),  # Kristi himmelfärd
        ("2025-06-06", False),  # nationaldagen (a Friday)
        ("2025-06-20", False),  # midsommarafton
        ("2025-12-24", False),  # julafton
        ("2025-12-31", False),  # nyårsafton
        ("2026-04-03", False),  # långfredagen
        ("2026-04-06", False),  # annandag påsk
        ("2025-05-02", True),
        ("2025-06-19", True),
        ("2025-12-23", True),
        ("2025-09-13", False),  # a Saturday
    ],
)
def test_working_days(day: str, working: bool) -> None:
    assert is_working_day(date.fromisoformat(day)) is working


@pytest.mark.parametrize(
    ("planned", "sent"),
    [
        ("2025-09-10 08:00", "2025-09-10 08:00"),  # a working morning stays
        ("2025-09-10 17:59", "2025-09-10 17:59"),
        ("2025-09-10 18:00", "2025-09-10 08:00"),  # evening: that morning, never later
        ("2025-09-10 06:59", "2025-09-09 08:00"),  # night: the working day before
        ("2025-09-13 10:00", "2025-09-12 08:00"),  # Saturday: Friday
        ("2025-09-15 05:00", "2025-09-12 08:00"),  # early Monday: Friday
        ("2025-06-20 10:00", "2025-06-19 08:00"),  # midsommarafton: the day before
        ("2026-04-06 08:00", "2026-04-02 08:00"),  # annandag påsk: Maundy Thursday
        ("2026-01-01 08:00", "2025-12-30 08:00"),  # nyårsdagen, and nyårsafton is off too
    ],
)
def test_quiet_hours(planned: str, sent: str) -> None:
    assert within_sending_hours(local(planned)) == local(sent)


def test_eight_in_the_morning_is_eight_on_the_wall_clock_across_dst() -> None:
    winter = plan_meeting(local("2026-03-27 09:30"), CouncilPolicy(), NOW)
    summer = plan_meeting(local("2026-04-02 09:30"), CouncilPolicy(), NOW)
    autumn = plan_meeting(local("2025-10-28 09:30"), CouncilPolicy(), NOW)
    assert [p.due_at.astimezone(STOCKHOLM).hour for p in winter + summer + autumn] == [8] * 6
    # 7 days before 2 April 2026 is 26 March, winter time (UTC+1); the day before is summer time.
    assert [p.due_at.utcoffset().total_seconds() / 3600 for p in summer] == [1.0, 2.0]  # type: ignore[union-attr]
    assert [p.due_at.utcoffset().total_seconds() / 3600 for p in autumn] == [2.0, 1.0]  # type: ignore[union-attr]


def test_meeting_on_monday_gets_its_details_on_friday() -> None:
    plans = plan_meeting(local("2025-10-13 09:30"), CouncilPolicy(), NOW)
    assert [(p.kind, p.due_at) for p in plans] == [
        ("meeting.agenda_call.7", local("2025-10-06 08:00")),
        ("meeting.details", local("2025-10-10 08:00")),
    ]


def test_deadline_to_owners_respects_their_choices() -> None:
    owners = [
        Owner(1),
        Owner(2, PersonalChoice(off=True)),
        Owner(3, PersonalChoice(deadline_working_days=(1,))),
    ]
    plans = plan_deadline(local("2025-05-16 00:00"), CouncilPolicy(), NOW, owners=owners)
    assert sorted((p.recipient_key, p.due_at) for p in plans) == [
        ("person:1", local("2025-05-13 08:00")),
        ("person:1", local("2025-05-16 08:00")),
        ("person:3", local("2025-05-15 08:00")),
    ]


def test_deadline_on_a_holiday_is_reminded_the_working_day_before() -> None:
    plans = plan_deadline(local("2025-06-06 00:00"), CouncilPolicy(), NOW, in_channel=True)
    assert sorted(p.due_at for p in plans) == [local("2025-06-03 08:00"), local("2025-06-05 08:00")]


@pytest.mark.parametrize(
    ("deadline", "has_time", "morning"),
    [
        ("2025-05-21 07:30", True, "2025-05-20 08:00"),  # before 08:00: the day before
        ("2025-05-21 08:00", True, "2025-05-20 08:00"),  # at 08:00 there is no time left
        ("2025-05-19 07:00", True, "2025-05-16 08:00"),  # Monday early: Friday
        ("2025-05-21 08:30", True, "2025-05-21 08:00"),  # later on: that morning
        ("2025-05-21 00:00", False, "2025-05-21 08:00"),  # a whole day: that morning
    ],
)
def test_an_early_deadline_keeps_a_reminder_it_can_still_act_on(
    deadline: str, has_time: bool, morning: str
) -> None:
    plans = plan_deadline(local(deadline), CouncilPolicy(), NOW, in_channel=True, has_time=has_time)
    assert [(p.kind, p.due_at) for p in plans if p.kind == "deadline.0"] == [
        ("deadline.0", local(morning))
    ]


def test_two_leads_on_one_morning_send_one_reminder() -> None:
    owners = [Owner(1, PersonalChoice(deadline_working_days=(3, 1, 0)))]
    plans = plan_deadline(
        local("2025-05-21 07:30"), CouncilPolicy(), NOW, owners=owners, has_time=True
    )
    assert sorted((p.due_at, p.kind) for p in plans) == [
        (local("2025-05-16 08:00"), "deadline.3"),
        (local("2025-05-20 08:00"), "deadline.0"),
    ]


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        ("2025-09-10 07:00", True),
        ("2025-09-10 17:59", True),
        ("2025-09-10 18:00", False),
        ("2025-09-10 06:59", False),
        ("2025-09-13 10:00", False),  # Saturday
        ("2025-06-06 10:00", False),  # nationaldagen
    ],
)
def test_sending_time(moment: str, open_: bool) -> None:
    assert is_sending_time(local(moment)) is open_


@pytest.mark.parametrize(
    ("moment", "next_"),
    [
        ("2025-09-10 10:00", "2025-09-10 10:00"),
        ("2025-09-10 18:05", "2025-09-11 08:00"),
        ("2025-09-12 23:00", "2025-09-15 08:00"),  # Friday night: Monday
        ("2025-06-05 18:30", "2025-06-09 08:00"),  # before nationaldagen and a weekend
        ("2025-09-10 05:00", "2025-09-10 08:00"),
    ],
)
def test_next_sending_time(moment: str, next_: str) -> None:
    assert next_sending_time(local(moment)) == local(next_)


def test_nothing_is_planned_in_the_past() -> None:
    late = local("2025-05-15 12:00")
    plans = plan_deadline(local("2025-05-16 00:00"), CouncilPolicy(), late, in_channel=True)
    assert [p.due_at for p in plans] == [local("2025-05-16 08:00")]
    assert plan_round(local("2025-05-16 00:00"), CouncilPolicy(), late) == []


def test_weekly_digest_is_next_monday_morning() -> None:
    assert next_digest(local("2025-05-07 10:00")) == local("2025-05-12 08:00")
    assert next_digest(local("2025-05-12 08:00")) == local("2025-05-19 08:00")
    # Easter Monday 2026 is off: that week's digest goes out on Maundy Thursday.
    assert next_digest(local("2026-03-31 10:00")) == local("2026-04-02 08:00")


def test_working_days_before_skips_holidays() -> None:
    assert working_days_before(date(2025, 5, 30), 3) == date(2025, 5, 26)
    assert working_days_before(date(2025, 5, 30), 0) == date(2025, 5, 30)


def test_policy_round_trips_through_storage() -> None:
    policy = CouncilPolicy(
        meeting_days=(14, 1),
        deadline_working_days=(5, 0),
        nomination_days=(3,),
        weekly_digest=False,
    )
    assert CouncilPolicy.from_stored(policy.to_stored()) == policy
    assert CouncilPolicy.from_stored(None) == CouncilPolicy()


def test_kept_choices_read_back_through_their_type_adapter() -> None:
    policy = CouncilPolicy(meeting_days=(10, 2), weekly_digest=False)
    assert CouncilPolicy.from_stored(policy.to_stored()) == policy
    assert policy.to_stored()["meeting_days"] == [10, 2]  # JSON, not a tuple
    # what is not kept is the default; a value that does not read is the default too
    assert CouncilPolicy.from_stored({"weekly_digest": False}) == CouncilPolicy(weekly_digest=False)
    assert CouncilPolicy.from_stored({"meeting_days": "soon"}) == CouncilPolicy()
    choice = PersonalChoice(off=False, deadline_working_days=(5, 1))
    assert PersonalChoice.from_stored(choice.to_stored()) == choice
    assert PersonalChoice().to_stored() == {"off": False}
    assert PersonalChoice.from_stored(None) == PersonalChoice()
