"""APScheduler only wakes the sender; the outbox rows are the truth.

A wake-up every ``interval`` seconds sends what is due. The first wake-up comes right at
start, which is how reminders that fell due while the bot was down are caught up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from scheduler.sender import ReminderSender, RunStats

log = logging.getLogger(__name__)

#: How long a stopping runner lets a wake-up under way finish its sending.
FINISH_SECONDS = 15.0


class ReminderRunner:
    def __init__(
        self,
        sender: ReminderSender,
        clock: Callable[[], datetime],
        *,
        interval_seconds: float,
        on_run: Callable[[RunStats], None] | None = None,
        on_wake: Callable[[], object] | None = None,
    ) -> None:
        """``on_run`` hears of every run that finished (metrics, readiness); ``on_wake`` is
        called first in each wake-up's own task (a request id for its log lines)."""
        self._sender = sender
        self._clock = clock
        self._on_run = on_run
        self._on_wake = on_wake
        #: the wake-up under way, if any
        self._waking: asyncio.Task[object] | None = None
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_job(
            self._wake,
            "interval",
            seconds=interval_seconds,
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
            id="send-due-reminders",
        )

    async def _wake(self) -> None:
        self._waking = asyncio.current_task()
        try:
            await self._send_due()
        finally:
            self._waking = None

    async def _send_due(self) -> None:
        if self._on_wake is not None:
            self._on_wake()
        try:
            stats = await self._sender.run_once(self._clock())
        except Exception:
            log.exception("sending reminders failed; the rows stay and are tried again")
            return
        if self._on_run is not None:
            self._on_run(stats)
        if stats.sent or stats.failed or stats.retried or stats.dropped:
            log.info("reminders: %s", stats)

    def start(self) -> None:
        self._scheduler.start()

    async def stop(self, timeout: float = FINISH_SECONDS) -> None:
        """No more wake-ups; the one under way finishes its sending first (at most
        ``timeout`` seconds; then it is cut short and its claimed rows are given back when
        their lease runs out), so the database is not closed under it. APScheduler's own
        shutdown would cancel it at once."""
        self._scheduler.pause()
        waking = self._waking
        if waking is not None and not waking.done():
            _, unfinished = await asyncio.wait({waking}, timeout=timeout)
            if unfinished:
                log.warning("a reminder run was cut short by the stop; its rows are sent later")
        self._scheduler.shutdown(wait=False)
