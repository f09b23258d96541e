"""Retention (issue 18, point 3): when records age out, and who is told first.

Once a day the scheduler calls ``retain``: a council that will have records older than the
kept period within a week, and whose secretary has not been told yet, gets a notice to its
secretary (through the outbox, like any reminder); a council told at least a week ago is
purged of what is older than the period (``store.retention``). Questions never answered
and audit entries of no council age out the same way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dialogs.reminders.messages import RETENTION_NOTICE_AHEAD as NOTICE_AHEAD
from dialogs.reminders.policy import CHANNEL, Planned, person_key
from store import people, reminders, retention
from store.db import Session
from store.models import OFFICER_ROLES, Role
from store.retention import NOTICE_KIND, NOTICE_SUBJECT, Purged


async def _notice_recipient(session: Session, council_id: int) -> tuple[str, int | None]:
    """The council's secretary (else another officer, else the channel)."""
    roster = await people.roster(session, council_id)
    for wanted in (lambda m: m.holds(Role.SECRETARY), lambda m: m.role in OFFICER_ROLES):
        found = next((m for m in roster if wanted(m)), None)
        if found is not None:
            return person_key(found.person_id), found.person_id
    return CHANNEL, None


async def _plan_notice(session: Session, council_id: int, now: datetime) -> None:
    key, person_id = await _notice_recipient(session, council_id)
    await reminders.replan(
        session,
        council_id=council_id,
        subject_type=NOTICE_SUBJECT,
        subject_id=council_id,
        planned=[Planned(NOTICE_KIND, key, now, person_id)],
        now=now,
        kinds=(NOTICE_KIND,),
        keep_others=True,
    )


async def retain(session: Session, now: datetime, kept: timedelta) -> Purged:
    """Tell secretaries a week ahead; purge what is older than ``kept`` where they were."""
    before = now - kept
    told = await retention.notices_given(session)
    soon = await retention.councils_with_old_records(session, before + NOTICE_AHEAD)
    for council_id in sorted(soon - told.keys()):
        await _plan_notice(session, council_id, now)
    purged = await retention.purge_outside_councils(session, before)
    for council_id, told_at in told.items():
        if told_at <= now - NOTICE_AHEAD:
            done = await retention.purge_council(session, council_id, before)
            for name in ("actions", "reminders", "audit_events", "decisions"):
                setattr(purged, name, getattr(purged, name) + getattr(done, name))
    return purged
