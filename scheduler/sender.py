"""The sender: claims due reminders from the outbox, composes them, delivers them once.

The rows are the truth. A run claims a batch of what is due (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so several processes never take the same row) and composes each message from the
database as it is now, in one transaction; then it delivers each through the platform of the
target conversation and records the outcome of each message right after it is known, in a
short transaction of its own, so a crash loses at most what was in flight. 429 and 5xx
answers are retried with exponential back-off and jitter, honouring Retry-After; after the
last try the row is marked failed for the secretary to see.

The sender registers as a worker (``scheduler.workers``); when a run starts it gives back
the reminders that a killed sender left in ``sending``.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from dialogs.dates.workdays import is_sending_time, next_sending_time
from dialogs.dates.writing import local
from dialogs.model import Reply
from dialogs.reminders.messages import Verdict, compose
from dialogs.reminders.plans import ensure_digest
from dialogs.reminders.round_closing import close_due_rounds
from dialogs.retention import retain
from dialogs.texts import language_of_locale
from scheduler.delivery import Deliverer, DeliveryError, Mention, Target
from scheduler.workers import ProcessIdentity, WorkerLease
from store import reminder_subjects as subjects
from store import reminders
from store.db import Conflict, DatabaseError, Session, Sessions
from store.models import (
    Council,
    Person,
    Reminder,
    ReminderState,
)
from store.reminder_subjects import Routes

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
#: Teams allows about 7 messages per second per conversation; stay just under.
PER_CONVERSATION_RATE = 6.0
#: Messages per second into one conversation, per platform: Slack's ``chat.postMessage``
#: takes about one per second per channel.
CONVERSATION_RATES = {"teams": PER_CONVERSATION_RATE, "slack": 1.0}
#: Messages per second across all conversations, per platform: Slack allows an app "several
#: hundred messages per minute" per workspace; Teams has no such limit below the pace above.
PLATFORM_RATES = {"slack": 300 / 60}
#: Conversations being delivered to at once (each one message at a time, paced).
PARALLEL_CONVERSATIONS = 32
#: Messages that reached the chat service are recorded as sent together, up to this many in
#: one statement (and at the end of each claimed batch): a sender killed mid-batch repeats at
#: most these and the ones in flight.
SENT_BATCH = 32
#: Reminders that only make sense in a private chat, never as a mention in the channel.
PERSONAL_ONLY = frozenset({"round.nudge", "round.summary"})


@dataclass
class RunStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    dropped: int = 0
    cancelled: int = 0
    #: reminders a stopped sender had left in ``sending``, given back to the outbox
    given_back: int = 0
    failures: list[str] = field(default_factory=list)
    #: every refused delivery of the run (retried or failed), by (platform, error)
    delivery_errors: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Set when the run fell in the quiet hours: nothing went out, and this is when it will.
    quiet_until: datetime | None = None

    def __str__(self) -> str:
        summary = (
            f"sent {self.sent}, retry later {self.retried}, failed {self.failed}, "
            f"dropped {self.dropped}, cancelled {self.cancelled}"
        )
        if self.given_back:
            summary += f", given back from a stopped sender {self.given_back}"
        if self.quiet_until is not None:
            summary += f"; quiet hours, nothing goes out before {self.quiet_until:%Y-%m-%d %H:%M}"
        return summary


def _app_language(reminder: Reminder, routes: Routes) -> str | None:
    """The language of the chat app the recipient last wrote to the bot from in private,
    where the reminder is personal and goes there."""
    if reminder.recipient_person_id is None:
        return None
    personal = routes.personal.get(reminder.recipient_person_id)
    locale = personal.reference.get("locale") if personal is not None else None
    return language_of_locale(locale if isinstance(locale, str) else None)


@dataclass(frozen=True)
class _Job:
    reminder_id: int
    target: Target | None
    reply: Reply | None
    verdict: Verdict
    attempts: int
    #: composing failed with this (a bug, not the platform): retried like a failed delivery
    error: str | None = None


def _real_clock() -> datetime:
    return datetime.now(UTC)


class ReminderSender:
    def __init__(
        self,
        sessions: Sessions,
        deliverers: Mapping[str, Deliverer],
        *,
        worker: str,
        default_language: str = "sv",
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        batch_size: int = 100,
        wall_clock: Callable[[], datetime] = _real_clock,
        identity: ProcessIdentity | None = None,
        retention: timedelta | None = None,
    ) -> None:
        """``worker`` names this process for the operator (``host:pid``). ``wall_clock`` is
        the real time the claims' lease is measured by, whatever ``now`` a run is given.
        ``retention``: how long records are kept (``dialogs.retention``), or None to keep them."""
        self._sessions = sessions
        self._deliverers = dict(deliverers)
        self._lease = WorkerLease(
            sessions,
            label=worker,
            identity=identity or ProcessIdentity.current(),
            wall_clock=wall_clock,
        )
        self._wall_clock = wall_clock
        self._one_run = asyncio.Lock()
        self._language = default_language
        self._sleep = sleep
        self._monotonic = monotonic
        self._rng = rng or random.Random()
        self._batch_size = batch_size
        self._retention = retention
        #: the local day of the last retention run: one a day is enough
        self._retained_on: date | None = None
        self._next_slot: dict[str, float] = {}

    @property
    def lease(self) -> WorkerLease:
        """This sender as a registered worker (its name is on the reminders it claims)."""
        return self._lease

    def add_deliverer(self, platform: str, deliverer: Deliverer) -> None:
        self._deliverers[platform] = deliverer

    async def close(self) -> None:
        """A clean stop: this worker's row and lock go."""
        await self._lease.close()

    async def run_once(self, now: datetime) -> RunStats:
        """Send everything due at ``now``; what fails transiently waits for a later run.

        In the quiet hours (nights, weekends, holidays) nothing goes out, whatever is due:
        a catch-up, a retry or an operator's run waits for the next sending time, when the
        composer drops what has passed by then. Runs of one sender never overlap.
        """
        async with self._one_run:
            return await self._run(now)

    async def _run(self, now: datetime) -> RunStats:
        stats = RunStats()
        await self._lease.ensure()
        stats.given_back = await self._lease.reclaim()
        await self._close_rounds(now)
        await self._plan_digests(now)
        await self._retain(now)
        if not is_sending_time(now):
            stats.quiet_until = next_sending_time(now)
            return stats
        async with self._sessions() as session, session.begin():
            stats.dropped += await reminders.drop_superseded(session, now=now)
        while jobs := await self._claim(now):
            await self._deliver_all(jobs, now, stats)
        return stats

    async def _claim(self, now: datetime) -> list[_Job]:
        """Claim a batch and compose its messages, in one transaction."""
        worker = await self._lease.ensure()
        async with self._sessions() as session, session.begin():
            claimed = await reminders.claim_due(
                session,
                now=now,
                worker=worker,
                claimed_at=self._wall_clock(),
                limit=self._batch_size,
            )
            if not claimed:
                return []
            routes = await self._load_routes(session, claimed)
            return [await self._prepare(session, r, now, routes) for r in claimed]

    async def _close_rounds(self, now: datetime) -> None:
        """Nomination rounds close by themselves at their deadline; their summaries go out."""
        try:
            async with self._sessions() as session, session.begin():
                await close_due_rounds(session, now)
        except Conflict:
            pass  # another sender closed them at the same moment

    async def _retain(self, now: datetime) -> None:
        """Once a day: tell secretaries of a purge a week ahead, and purge what aged out."""
        day = local(now).date()
        if self._retention is None or self._retained_on == day:
            return
        try:
            async with self._sessions() as session, session.begin():
                purged = await retain(session, now, self._retention)
        except Conflict:
            return  # another sender did it at the same moment; tomorrow is another day
        except DatabaseError:
            # Reminders must still go out; the purge is tried again at the next wake-up.
            log.exception("retention failed; nothing was purged")
            return
        self._retained_on = day
        if purged.total:
            log.info("retention: purged %s", purged)

    async def _plan_digests(self, now: datetime) -> None:
        async with self._sessions() as session:
            council_ids = await subjects.council_ids(session)
        for council_id in council_ids:
            try:
                async with self._sessions() as session, session.begin():
                    council = await session.get(Council, council_id)
                    if council is not None:
                        await ensure_digest(session, council, now)
            except Conflict:
                # Another sender process planned the same digest a moment ago: the unique
                # key kept it single, and there is nothing left to do.
                continue

    async def _load_routes(self, session: Session, claimed: list[Reminder]) -> Routes:
        """The batch's councils, recipients, actions and conversations, loaded together."""
        return await subjects.batch_routes(
            session,
            council_ids={r.council_id for r in claimed},
            person_ids={r.recipient_person_id for r in claimed if r.recipient_person_id},
            action_ids={r.subject_id for r in claimed if r.subject_type == "action"},
            platforms=list(self._deliverers),
        )

    async def _prepare(
        self, session: Session, reminder: Reminder, now: datetime, routes: Routes
    ) -> _Job:
        rid, attempts = reminder.id, reminder.attempts
        try:
            subject = await subjects.load_subject(session, reminder, now)
            composed = compose(
                subject, reminder, now, self._language, _app_language(reminder, routes)
            )
        except DatabaseError:
            raise  # the transaction is lost: the claim is undone, the rows stay pending
        except Exception as error:  # a bug: this row is retried and then fails, not the batch
            log.exception("composing reminder %s failed", rid)
            return _Job(rid, None, None, Verdict.SEND, attempts, type(error).__name__)
        if composed.verdict is not Verdict.SEND:
            return _Job(rid, None, None, composed.verdict, attempts)
        target = await self._route(session, reminder, routes)
        if reminder.kind in PERSONAL_ONLY and (target is None or target.mention is not None):
            # Nudges go only where they are private; the channel reminder names everyone.
            return _Job(rid, None, None, Verdict.CANCEL, attempts)
        return _Job(rid, target, composed.reply, Verdict.SEND, attempts)

    async def _route(self, session: Session, reminder: Reminder, routes: Routes) -> Target | None:
        """A personal chat where there is one, else the council's channel (with a mention)."""
        if reminder.recipient_person_id is not None:
            personal = routes.personal.get(reminder.recipient_person_id)
            if personal is not None:
                return Target(personal.platform, personal.conversation_id, personal.reference)
        channel = routes.channel.get(reminder.council_id)
        if channel is None:
            return None
        mention = None
        if reminder.recipient_person_id is not None:
            mention = await self._mention(session, reminder.recipient_person_id, channel.platform)
        if mention and mention.user_id and self._deliverers[channel.platform].opens_direct_chats:
            # Slack: the bot may open a direct chat with any member whose account it knows.
            direct = {"user": mention.user_id, "team": channel.reference.get("team")}
            return Target(channel.platform, f"direct:{mention.user_id}", direct)
        return Target(channel.platform, channel.conversation_id, channel.reference, mention)

    async def _mention(self, session: Session, person_id: int, platform: str) -> Mention | None:
        person = await session.get(Person, person_id)
        identity = await subjects.chat_identity(session, person_id, platform)
        if person is None:
            return None
        if identity is None:
            return Mention("", person.full_name)
        return Mention(identity.mention_id or identity.user_id, person.full_name)

    async def _deliver_all(self, jobs: list[_Job], now: datetime, stats: RunStats) -> None:
        by_conversation: dict[str, list[_Job]] = defaultdict(list)
        for job in jobs:
            if job.error is not None:
                await self._settle(job, now, stats, DeliveryError(job.error))
            elif job.verdict is not Verdict.SEND:
                await self._settle_skipped(job, now, stats)
            elif job.target is None:
                await self._settle(
                    job, now, stats, DeliveryError("no conversation to send to", permanent=True)
                )
            else:
                by_conversation[f"{job.target.platform}:{job.target.conversation_id}"].append(job)
        gate = asyncio.Semaphore(PARALLEL_CONVERSATIONS)
        sent = _SentRecorder(self._sessions, now)

        async def one_conversation(key: str, queue: list[_Job]) -> None:
            async with gate:
                for job in queue:
                    assert job.target is not None
                    platform = job.target.platform
                    await self._pace(key, CONVERSATION_RATES.get(platform, PER_CONVERSATION_RATE))
                    if platform in PLATFORM_RATES:
                        await self._pace(platform, PLATFORM_RATES[platform])
                    await self._deliver(job, now, stats, sent)

        try:
            await asyncio.gather(*(one_conversation(k, q) for k, q in by_conversation.items()))
        finally:
            await sent.flush()

    async def _pace(self, key: str, rate: float) -> None:
        """Wait for the next free slot of ``key`` (a conversation, or a whole platform)."""
        slot = self._next_slot.get(key, 0.0)
        now = self._monotonic()
        self._next_slot[key] = max(slot, now) + 1 / rate  # taken before waiting: no two share
        if slot > now:
            await self._sleep(slot - now)

    async def _deliver(
        self, job: _Job, now: datetime, stats: RunStats, sent: _SentRecorder
    ) -> None:
        assert job.target is not None and job.reply is not None
        deliverer = self._deliverers[job.target.platform]
        try:
            await deliverer.deliver(job.target, job.reply)
        except DeliveryError as error:
            await self._settle(job, now, stats, error)
            return
        except Exception as error:  # a bug or an unknown transport error: retry, never lose it
            log.exception("delivering reminder %s failed", job.reminder_id)
            await self._settle(job, now, stats, DeliveryError(type(error).__name__))
            return
        stats.sent += 1
        await sent.add(job.reminder_id)

    async def _settle_skipped(self, job: _Job, now: datetime, stats: RunStats) -> None:
        state = ReminderState.DROPPED if job.verdict is Verdict.DROP else ReminderState.CANCELLED
        if state is ReminderState.DROPPED:
            stats.dropped += 1
        else:
            stats.cancelled += 1
        async with self._sessions() as session, session.begin():
            await reminders.settle(
                session, job.reminder_id, state=state, now=now, worker=self._lease.name
            )

    async def _settle(
        self, job: _Job, now: datetime, stats: RunStats, error: DeliveryError
    ) -> None:
        """Record a refused (or never attempted) delivery: retried later, or failed."""
        async with self._sessions() as session, session.begin():
            platform = job.target.platform if job.target is not None else "none"
            stats.delivery_errors[(platform, str(error))] += 1
            attempt = job.attempts + 1
            if error.permanent or attempt >= MAX_ATTEMPTS:
                stats.failed += 1
                stats.failures.append(str(error))
                await reminders.settle(
                    session,
                    job.reminder_id,
                    state=ReminderState.FAILED,
                    now=now,
                    error=str(error),
                    worker=self._lease.name,
                )
                return
            stats.retried += 1
            await reminders.settle(
                session,
                job.reminder_id,
                state=ReminderState.PENDING,
                now=now,
                error=str(error),
                # A retry that would land in the quiet hours waits for the next sending time.
                retry_at=next_sending_time(now + self._backoff(attempt, error.retry_after)),
                worker=self._lease.name,
            )

    def _backoff(self, attempt: int, retry_after: float | None) -> timedelta:
        """Exponential back-off with jitter, never sooner than the platform asked."""
        exponential: timedelta = min(BACKOFF_BASE * 2 ** (attempt - 1), BACKOFF_CAP)
        jittered = exponential * self._rng.uniform(0.5, 1.5)
        return max(jittered, timedelta(seconds=retry_after or 0))


class _SentRecorder:
    """Records delivered reminders as sent, ``SENT_BATCH`` at a time in one short
    transaction, instead of one transaction per message: most of a sender's time went into
    those round trips. ``flush`` records the rest (the end of a claimed batch).

    One batch is written at a time: while it is, the deliveries that fill the next one wait,
    so a crash can leave at most the batch being written, the one filling and one message per
    conversation being delivered unrecorded (sent again after a restart), however slow the
    database is."""

    def __init__(self, sessions: Sessions, now: datetime) -> None:
        self._sessions = sessions
        self._now = now
        self._ids: list[int] = []
        self._writing = asyncio.Lock()

    async def add(self, reminder_id: int) -> None:
        self._ids.append(reminder_id)
        if len(self._ids) >= SENT_BATCH:
            await self.flush()

    async def flush(self) -> None:
        async with self._writing:
            ids, self._ids = self._ids, []
            if ids:
                async with self._sessions() as session, session.begin():
                    await reminders.settle_sent(session, ids, now=self._now)
