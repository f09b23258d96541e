"""The reminder outbox: planning rows, claiming what is due, recording what happened."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import Row, and_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Reminder, ReminderSnooze, ReminderState


class PlannedRow(Protocol):
    """A reminder that should exist, as the planner says it (read-only)."""

    @property
    def kind(self) -> str: ...
    @property
    def recipient_key(self) -> str: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def recipient_person_id(self) -> int | None: ...


#: A claim older than this (real time) whose worker cannot be checked is taken to belong to a
#: sender that died mid-send.
CLAIM_LEASE = timedelta(minutes=5)


async def replan(
    session: AsyncSession,
    *,
    council_id: int,
    subject_type: str,
    subject_id: int,
    planned: Sequence[PlannedRow],
    now: datetime,
    kinds: Sequence[str] | None = None,
    keep_others: bool = False,
) -> None:
    """Make the pending reminders of one item exactly ``planned``.

    Pending rows no longer planned are cancelled; missing ones are added (or a cancelled
    twin revived); rows already sent stay sent, so nothing goes out twice. With ``kinds``,
    only reminders whose kind starts with one of them are touched; with ``keep_others``,
    pending rows are only ever added, never cancelled.
    """
    existing = list(
        await session.scalars(
            select(Reminder).where(
                Reminder.subject_type == subject_type, Reminder.subject_id == subject_id
            )
        )
    )
    _make_exactly(
        session, council_id, subject_type, subject_id, existing, planned, now, kinds, keep_others
    )
    await session.flush()


async def replan_many(
    session: AsyncSession,
    *,
    council_id: int,
    subject_type: str,
    planned: Mapping[int, Sequence[PlannedRow]],
    now: datetime,
) -> None:
    """``replan`` for many items of one type (subject id -> its planned rows): their rows
    read in one statement and written in one flush."""
    existing: dict[int, list[Reminder]] = defaultdict(list)
    if planned:
        for row in await session.scalars(
            select(Reminder).where(
                Reminder.subject_type == subject_type, Reminder.subject_id.in_(list(planned))
            )
        ):
            existing[row.subject_id].append(row)
    for subject_id, rows in planned.items():
        _make_exactly(
            session, council_id, subject_type, subject_id, existing[subject_id], rows, now
        )
    await session.flush()


def _make_exactly(
    session: AsyncSession,
    council_id: int,
    subject_type: str,
    subject_id: int,
    existing: list[Reminder],
    planned: Sequence[PlannedRow],
    now: datetime,
    kinds: Sequence[str] | None = None,
    keep_others: bool = False,
) -> None:
    """``replan``'s changes to one item's rows as read (``existing``), unflushed."""
    if kinds is not None:
        existing = [r for r in existing if r.kind.startswith(tuple(kinds))]
    wanted = {(p.kind, p.recipient_key, p.due_at): p for p in planned}
    by_key = {(r.kind, r.recipient_key, r.due_at): r for r in existing}
    for key, row in by_key.items():
        if key not in wanted and row.state == ReminderState.PENDING and not keep_others:
            row.state = ReminderState.CANCELLED
        elif key in wanted and row.state == ReminderState.CANCELLED:
            row.state = ReminderState.PENDING
            row.attempts = 0
            row.next_attempt_at = None
    for key, plan in wanted.items():
        if key not in by_key:
            session.add(
                Reminder(
                    council_id=council_id,
                    subject_type=subject_type,
                    subject_id=subject_id,
                    kind=plan.kind,
                    recipient_key=plan.recipient_key,
                    recipient_person_id=plan.recipient_person_id,
                    due_at=plan.due_at,
                    state=ReminderState.PENDING,
                    created_at=now,
                )
            )


async def cancel_all(
    session: AsyncSession, subject_type: str, subject_id: int, kinds: Sequence[str] = ()
) -> None:
    """Cancel every pending reminder of an item (a cancelled meeting, a done action…)."""
    await cancel_all_of(session, subject_type, [subject_id], kinds)


async def cancel_all_of(
    session: AsyncSession,
    subject_type: str,
    subject_ids: Collection[int],
    kinds: Sequence[str] = (),
) -> None:
    """``cancel_all`` for many items of one type, in one statement."""
    if not subject_ids:
        return
    query = _CANCEL_PENDING
    if kinds:
        query = query.where(or_(*(Reminder.kind.startswith(kind) for kind in kinds)))
    await session.execute(query, {"of_type": subject_type, "of_ids": list(subject_ids)})


#: ``cancel_all_of``'s statement, built once (see ``store.actions._OWNED_BY``)
_CANCEL_PENDING = (
    update(Reminder)
    .where(
        Reminder.subject_type == bindparam("of_type"),
        Reminder.subject_id.in_(bindparam("of_ids", expanding=True)),
        Reminder.state == ReminderState.PENDING,
    )
    .values(state=ReminderState.CANCELLED)
)


async def claim_due(
    session: AsyncSession, *, now: datetime, worker: str, claimed_at: datetime, limit: int = 50
) -> list[Reminder]:
    """Take up to ``limit`` reminders due at ``now`` for this worker, oldest first.

    ``now`` decides what is due (an operator's ``--now``, a test's clock); ``claimed_at`` is
    the real time of the claim, which the lease is measured against. On PostgreSQL
    ``FOR UPDATE SKIP LOCKED`` lets several bot processes claim side by side without ever
    taking the same row; SQLite has a single writer anyway. Rows in ``sending`` are never
    taken here: ``release_claims`` gives them back when their worker is gone.
    """
    ready = or_(Reminder.next_attempt_at.is_(None), Reminder.next_attempt_at <= now)
    rows = list(
        await session.scalars(
            select(Reminder)
            .where(Reminder.state == ReminderState.PENDING, Reminder.due_at <= now, ready)
            .order_by(Reminder.due_at, Reminder.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for row in rows:
        row.state = ReminderState.SENDING
        row.claimed_at = claimed_at
        row.claimed_by = worker
    await session.flush()
    return rows


async def release_claims(
    session: AsyncSession,
    *,
    gone: Sequence[str],
    alive: Sequence[str],
    lease_start: datetime,
) -> int:
    """Give the reminders of workers that are gone back to the outbox; how many.

    Rows claimed by a worker in ``gone`` come back at once. Rows of a worker that is in
    neither list (no longer registered, or on a host whose processes cannot be checked)
    come back when their claim is older than ``lease_start``, a real-clock time. Rows of
    ``alive`` workers stay theirs. A row that comes back may have reached the chat just
    before its worker died: it is sent again, the one duplicate an outbox cannot rule out.
    """
    result = await session.execute(
        update(Reminder)
        .where(
            Reminder.state == ReminderState.SENDING,
            or_(
                Reminder.claimed_by.in_(gone),
                and_(
                    or_(Reminder.claimed_by.is_(None), Reminder.claimed_by.not_in(alive)),
                    or_(Reminder.claimed_at.is_(None), Reminder.claimed_at < lease_start),
                ),
            ),
        )
        .values(state=ReminderState.PENDING, claimed_at=None, claimed_by=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def kind_family(kind: str) -> str:
    """``deadline.3`` and ``deadline.0`` are one family: the same reminder, nearer the date."""
    head, _, tail = kind.rpartition(".")
    # ``deadline.snoozed`` (someone's "remind me tomorrow") is the same reminder, moved
    return head if head and (tail.isdigit() or tail == "snoozed") else kind


async def drop_superseded(session: AsyncSession, *, now: datetime) -> int:
    """Drop due reminders that a later one of the same item, family and recipient replaces.

    After downtime the 3-working-day reminder and the one of the day may both be due: only
    the later goes out. Returns how many were dropped.
    """
    columns = (
        Reminder.id,
        Reminder.subject_type,
        Reminder.subject_id,
        Reminder.recipient_key,
        Reminder.kind,
        Reminder.due_at,
    )
    pending = list(
        await session.execute(
            select(*columns).where(Reminder.state == ReminderState.PENDING, Reminder.due_at <= now)
        )
    )
    if not pending:
        return 0
    settled = list(
        await session.execute(
            select(*columns).where(
                Reminder.state.in_((ReminderState.SENDING, ReminderState.SENT)),
                Reminder.due_at <= now,
                Reminder.subject_id.in_({row.subject_id for row in pending}),
            )
        )
    )

    def key(row: Row[int, str, int, str, str, datetime]) -> tuple[str, int, str, str]:
        return (row.subject_type, row.subject_id, row.recipient_key, kind_family(row.kind))

    latest: dict[tuple[str, int, str, str], datetime] = {}
    for row in (*pending, *settled):
        latest[key(row)] = max(row.due_at, latest.get(key(row), row.due_at))
    stale = [row.id for row in pending if row.due_at < latest[key(row)]]
    if not stale:
        return 0
    result = await session.execute(
        update(Reminder)
        .where(Reminder.id.in_(stale), Reminder.state == ReminderState.PENDING)
        .values(state=ReminderState.DROPPED, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def settle(
    session: AsyncSession,
    reminder_id: int,
    *,
    state: ReminderState,
    now: datetime,
    error: str | None = None,
    retry_at: datetime | None = None,
    worker: str | None = None,
) -> None:
    """Record how a claimed reminder ended: sent, retry later, failed or dropped.

    With ``worker``, an outcome other than sent is recorded only while that worker still
    holds the claim: a row given back meanwhile (its worker was taken for gone) may already
    be another's. That it was sent is recorded whoever holds it, because it is true.
    """
    values: dict[str, object] = {"state": state, "last_error": error, "claimed_at": None}
    if state == ReminderState.SENT:
        values["sent_at"] = now
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    if state in (ReminderState.PENDING, ReminderState.FAILED):
        values["attempts"] = Reminder.attempts + 1
    query = update(Reminder).where(Reminder.id == reminder_id)
    if worker is not None and state != ReminderState.SENT:
        query = query.where(Reminder.state == ReminderState.SENDING, Reminder.claimed_by == worker)
    # Core-level update: nothing in the session needs refreshing, and it is the hot path.
    await session.execute(query.values(**values).execution_options(synchronize_session=False))


async def settle_sent(session: AsyncSession, reminder_ids: Sequence[int], *, now: datetime) -> None:
    """Record that these claimed reminders reached the chat service (``settle`` as SENT, for
    many in one statement)."""
    await session.execute(
        update(Reminder)
        .where(Reminder.id.in_(reminder_ids))
        .values(state=ReminderState.SENT, sent_at=now, last_error=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    )


async def planned_for(
    session: AsyncSession, council_id: int, *, states: Sequence[ReminderState], limit: int = 30
) -> list[Reminder]:
    rows = await session.scalars(
        select(Reminder)
        .where(Reminder.council_id == council_id, Reminder.state.in_(states))
        .order_by(Reminder.due_at, Reminder.id)
        .limit(limit)
    )
    return list(rows)


async def count_for(
    session: AsyncSession, council_id: int, *, states: Sequence[ReminderState]
) -> int:
    """How many reminders of a council are in ``states`` (the listing shows only the first)."""
    total = await session.scalar(
        select(func.count())
        .select_from(Reminder)
        .where(Reminder.council_id == council_id, Reminder.state.in_(states))
    )
    return int(total or 0)


async def due_backlog(session: AsyncSession, *, now: datetime) -> tuple[int, datetime | None]:
    """How many reminders are due and waiting to be sent at ``now``, and the oldest due time
    among them (None when none waits): what an operator watches to see the sender keep up."""
    ready = or_(Reminder.next_attempt_at.is_(None), Reminder.next_attempt_at <= now)
    row = (
        await session.execute(
            select(func.count(), func.min(Reminder.due_at)).where(
                Reminder.state == ReminderState.PENDING, Reminder.due_at <= now, ready
            )
        )
    ).one()
    return int(row[0] or 0), row[1]


async def reminder_by_id(session: AsyncSession, reminder_id: int) -> Reminder | None:
    return await session.get(Reminder, reminder_id)


async def snooze(
    session: AsyncSession,
    *,
    council_id: int,
    subject_type: str,
    subject_id: int,
    person_id: int,
    until: datetime,
    now: datetime,
) -> None:
    """Keep that ``person_id``'s next reminder of the item at ``until`` (a later snooze of the
    same item replaces an earlier one)."""
    kept = await session.scalar(
        select(ReminderSnooze).where(
            ReminderSnooze.subject_type == subject_type,
            ReminderSnooze.subject_id == subject_id,
            ReminderSnooze.person_id == person_id,
        )
    )
    if kept is None:
        session.add(
            ReminderSnooze(
                council_id=council_id,
                subject_type=subject_type,
                subject_id=subject_id,
                person_id=person_id,
                until=until,
                created_at=now,
            )
        )
    else:
        kept.until, kept.created_at = until, now
    await session.flush()


async def snoozed_until(
    session: AsyncSession, subject_type: str, subject_id: int, *, now: datetime
) -> dict[int, datetime]:
    """Person id -> when their snoozed reminder of the item goes out, for snoozes still to
    come at ``now``."""
    return (await snoozed_until_of(session, subject_type, [subject_id], now=now))[subject_id]


async def snoozed_until_of(
    session: AsyncSession, subject_type: str, subject_ids: Collection[int], *, now: datetime
) -> dict[int, dict[int, datetime]]:
    """``snoozed_until`` for many items at once: subject id -> person id -> until."""
    found: dict[int, dict[int, datetime]] = {subject_id: {} for subject_id in subject_ids}
    rows = await session.execute(
        select(ReminderSnooze.subject_id, ReminderSnooze.person_id, ReminderSnooze.until).where(
            ReminderSnooze.subject_type == subject_type,
            ReminderSnooze.subject_id.in_(list(subject_ids)),
            ReminderSnooze.until > now,
        )
    )
    for subject_id, person_id, until in rows:
        found[subject_id][person_id] = until
    return found
