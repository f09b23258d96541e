"""The meeting drafts of the ``notes`` preview, and which drafts a plain ``ok`` saves."""

from __future__ import annotations

from datetime import date, datetime, time

from dialogs.commands.notes import NOTES
from dialogs.dates.writing import STOCKHOLM
from dialogs.drafts.batches import Entry
from dialogs.drafts.meetings import MeetingProposal, amend, coming_starts, proposals
from dialogs.minutes.meetings import MeetingRead

OWN = MeetingRead(date(2027, 3, 10), time(9), time(12), "Regionens hus")
COMING = (
    MeetingRead(date(2027, 3, 24), time(13), time(15), "Teams"),  # past today
    MeetingRead(date(2027, 4, 7)),  # the council has one that day
    MeetingRead(date(2027, 5, 5), None, None, "Borås"),
)
TODAY = date(2027, 3, 31)


def test_proposals_mark_past_and_existing_days() -> None:
    existing = [datetime(2027, 4, 7, 13, tzinfo=STOCKHOLM)]
    drafts = proposals(OWN, COMING, existing=existing, today=TODAY)
    assert [(p.read.day, p.own, p.exists, p.past) for p in drafts] == [
        (date(2027, 3, 10), True, False, False),  # the own meeting is held, not doubtful
        (date(2027, 3, 24), False, False, True),
        (date(2027, 4, 7), False, True, False),
        (date(2027, 5, 5), False, False, False),
    ]
    entries = [Entry(draft=d) for d in drafts]
    assert [NOTES.is_doubtful(e) for e in entries] == [False, True, False, False]
    assert [NOTES.is_certain(e) for e in entries] == [True, False, True, True]
    # a doubtful draft the secretary picks is saved
    assert NOTES.is_certain(Entry(draft=drafts[1], kept=True))
    assert [s.isoformat() for s in coming_starts(drafts)] == [
        "2027-03-24T13:00:00+01:00",
        "2027-04-07T00:00:00+02:00",  # summer time from 28 March
        "2027-05-05T00:00:00+02:00",
    ]


def test_the_own_meeting_on_a_day_the_council_has_is_no_line() -> None:
    existing = [datetime(2027, 3, 10, 9, 30, tzinfo=STOCKHOLM)]
    drafts = proposals(OWN, (), existing=existing, today=TODAY)
    assert drafts == []


def test_a_time_less_meeting_starts_at_midnight_and_has_no_end() -> None:
    proposal = MeetingProposal(read=MeetingRead(date(2027, 10, 31), None, None, None))
    assert proposal.starts_at == datetime(2027, 10, 31, tzinfo=STOCKHOLM)
    assert proposal.ends_at is None


def test_amending_a_meeting_line_reads_it_again() -> None:
    [past] = proposals(None, COMING[:1], existing=[], today=TODAY)
    moved = amend(past, "14 april kl 10-12, Teams", today=TODAY)
    assert moved is not None
    assert moved.read == MeetingRead(date(2027, 4, 14), time(10), time(12), "Teams")
    assert not moved.past
    assert amend(past, "ingen aning", today=TODAY) is None
