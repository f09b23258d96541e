"""Prometheus metrics of one app: turns, reminders, deliveries and the database pool.

Every app has its own ``CollectorRegistry`` (never the process-wide one), so several apps in
one process (the tests) count apart. The hot path only increments counters and observes a
histogram (a lock and an addition each); the outbox backlog and the pool are read when
``/metrics`` is scraped, not while a command runs.
"""

from __future__ import annotations

import re
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from scheduler.sender import RunStats
from store import reminders

#: Seconds; the command budget is 100 ms at p99, so the buckets are finest around it.
TURN_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: Delivery errors are labelled by a status of a known shape only, so no id or host name can
#: become a label (and the number of series stays small).
_STATUS = re.compile(r"HTTP \d{3}|Slack [a-z_]{1,40}|[A-Z][A-Za-z]{1,40}(?:Error|Failed)")


def delivery_status(error: str) -> str:
    """``HTTP 429``, ``Slack channel_not_found``, ``TimeoutError``, ``LoginFailed`` (the bot
    could not sign in: an expired client secret); anything else ``other``."""
    return error if _STATUS.fullmatch(error) else "other"


class Metrics:
    """The metrics of one app and the registry they are in."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.turns = Counter(
            "radsbot_turns",
            "Messages answered, by platform, command and outcome (ok or problem)",
            ("platform", "command", "outcome"),
            registry=r,
        )
        self.turn_seconds = Histogram(
            "radsbot_turn_seconds",
            "Time from a message's arrival in dialogs to its reply, by platform",
            ("platform",),
            buckets=TURN_BUCKETS,
            registry=r,
        )
        self.reminders_due = Gauge(
            "radsbot_reminders_due",
            "Reminders due now and waiting to be sent (read at scrape time)",
            registry=r,
        )
        self.reminders_lag = Gauge(
            "radsbot_reminders_oldest_due_lag_seconds",
            "How long the oldest waiting due reminder has been due (0 when none waits)",
            registry=r,
        )
        self.reminders_sent = Counter(
            "radsbot_reminders_sent", "Reminders delivered by this process", registry=r
        )
        self.reminders_failed = Counter(
            "radsbot_reminders_failed",
            "Reminders given up on by this process (permanent error or last attempt)",
            registry=r,
        )
        self.reminders_retried = Counter(
            "radsbot_reminders_retried",
            "Reminder deliveries refused for now and planned again",
            registry=r,
        )
        self.delivery_errors = Counter(
            "radsbot_delivery_errors",
            "Refused reminder deliveries, by platform and status",
            ("platform", "status"),
            registry=r,
        )
        self.reminder_runs = Gauge(
            "radsbot_reminder_last_run_timestamp_seconds",
            "When the reminder loop of this process last finished a run (Unix time)",
            registry=r,
        )
        self.pool_size = Gauge(
            "radsbot_db_pool_size", "Connections the database pool keeps", registry=r
        )
        self.pool_in_use = Gauge(
            "radsbot_db_pool_in_use", "Database connections checked out right now", registry=r
        )
        self.pool_overflow = Gauge(
            "radsbot_db_pool_overflow", "Connections open beyond the pool's size", registry=r
        )

    def observe_turn(self, platform: str, command: str, outcome: str, seconds: float) -> None:
        self.turns.labels(platform, command, outcome).inc()
        self.turn_seconds.labels(platform).observe(seconds)

    def record_run(self, stats: RunStats, finished_at: datetime) -> None:
        """What one run of the reminder sender did."""
        self.reminders_sent.inc(stats.sent)
        self.reminders_failed.inc(stats.failed)
        self.reminders_retried.inc(stats.retried)
        for (platform, error), count in stats.delivery_errors.items():
            self.delivery_errors.labels(platform, delivery_status(error)).inc(count)
        self.reminder_runs.set(finished_at.timestamp())

    async def refresh(
        self, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], now: datetime
    ) -> None:
        """The gauges that are read, not counted: the outbox backlog and the pool."""
        pool = engine.pool
        for gauge, reading in (
            (self.pool_size, "size"),
            (self.pool_in_use, "checkedout"),
            (self.pool_overflow, "overflow"),
        ):
            read = getattr(pool, reading, None)
            if callable(read):
                gauge.set(max(0, read()))
        async with sessions() as session:
            due, oldest = await reminders.due_backlog(session, now=now)
        self.reminders_due.set(due)
        self.reminders_lag.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
