"""Closing a nomination round: by the secretary, or by itself once its deadline has passed.

The list per role then goes to the channel and to the council's secretary, through the
outbox like every other message the bot sends unasked.
"""

from __future__ import annotations

from datetime import datetime

from dialogs.change_records import RoundRecord, dump
from dialogs.dates.deadlines import has_passed
from dialogs.dates.workdays import next_sending_time
from dialogs.reminders.plans import replan_round
from dialogs.reminders.policy import CHANNEL, Planned, person_key
from store import audit, nominations, people, reminders
from store.db import Session
from store.models import NominationRound, Role, RoundStatus


async def close_round(
    session: Session,
    nomination_round: NominationRound,
    now: datetime,
    *,
    closed_by_id: int | None,
    to_channel: bool = True,
) -> None:
    """Close the round, drop its pending reminders and send the summary where it belongs."""
    nomination_round.status = RoundStatus.CLOSED
    nomination_round.closed_at = now
    await replan_round(session, nomination_round, now)
    members = await people.roster(session, nomination_round.council_id)
    secretaries = [m.person_id for m in members if m.holds(Role.SECRETARY)]
    due = next_sending_time(now)
    planned = [
        Planned("round.summary", person_key(pid), due, pid)
        for pid in secretaries
        if pid != closed_by_id
    ]
    if to_channel:
        planned.append(Planned("round.summary", CHANNEL, due))
    await reminders.replan(
        session,
        council_id=nomination_round.council_id,
        subject_type="round",
        subject_id=nomination_round.id,
        planned=planned,
        now=now,
        kinds=("round.summary",),
        keep_others=True,
    )
    await audit.record(
        session,
        council_id=nomination_round.council_id,
        actor_id=closed_by_id,
        verb="close",
        subject_type="nomination_round",
        subject_id=nomination_round.id,
        at=now,
        before=dump(RoundRecord(status="open", target=nomination_round.target)),
        after=dump(RoundRecord(status="closed", target=nomination_round.target)),
    )


async def close_due_rounds(session: Session, now: datetime) -> int:
    """Close every open round whose deadline has passed; how many were closed."""
    closed = 0
    for nomination_round in await nominations.open_rounds_past(session, now):
        if has_passed(nomination_round.deadline_at, nomination_round.deadline_has_time, now):
            await close_round(session, nomination_round, now, closed_by_id=None)
            closed += 1
    return closed
