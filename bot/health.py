"""What the container and the monitoring ask: ``/healthz``, ``/readyz`` and ``/metrics``.

``/healthz`` says the process answers (nothing else: a database outage must not get a live
process restarted). ``/readyz`` says it can do its work: the database answers, its schema is
at the newest migration, the reminder loop of this process finished a run recently, and
Slack's Socket Mode connection (if Slack comes that way) is open.
``/metrics`` is Prometheus' text format, behind a bearer token when one is configured.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.metrics import Metrics
from scheduler.sender import RunStats
from store.migrate import head_revision, schema_revision

log = logging.getLogger(__name__)

#: The reminder loop must have finished a run within this long (or two of its intervals, if
#: longer) for ``/readyz`` to pass.
REMINDER_FRESHNESS = timedelta(minutes=2)
#: How long ``/readyz`` waits for the database before calling it unreachable.
DATABASE_TIMEOUT_SECONDS = 2.0


class _Connection(Protocol):
    async def connected(self) -> bool: ...


@dataclass
class Operations:
    """What the three endpoints read, one per app (under ``OPERATIONS``)."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    clock: Callable[[], datetime]
    #: None: the reminder loop does not run in this process (``RADSBOT_REMINDERS=false``)
    reminder_interval: float | None
    metrics: Metrics | None
    metrics_token: str = ""
    head: str = field(default_factory=head_revision)
    last_reminder_run: datetime | None = None
    #: Slack's Socket Mode connection, when Slack comes over it (``bot.slack_socket``)
    slack_socket: _Connection | None = None

    def reminder_ran(self, stats: RunStats) -> None:
        """The reminder loop finished a run (its ``on_run``)."""
        now = self.clock()
        self.last_reminder_run = now
        if self.metrics is not None:
            self.metrics.record_run(stats, now)


OPERATIONS = web.AppKey("operations", Operations)


def add_operations_routes(app: web.Application, *, metrics: bool) -> None:
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/readyz", _readyz)
    if metrics:
        app.router.add_get("/metrics", _metrics)


async def _healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def _readyz(request: web.Request) -> web.Response:
    ops = request.app[OPERATIONS]
    checks: dict[str, str] = {}
    ready = True
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS):
            async with ops.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            revision = await schema_revision(ops.engine)
        checks["database"] = "ok"
        if revision == ops.head:
            checks["migrations"] = f"ok (at {ops.head})"
        else:
            ready = False
            checks["migrations"] = (
                f"at {revision or 'none'}, this version needs {ops.head}: run `radsbot migrate`"
            )
    except (SQLAlchemyError, OSError, TimeoutError) as error:
        ready = False
        checks["database"] = f"unreachable ({type(error).__name__})"
        checks["migrations"] = "unknown"
    reminders_ok, checks["reminders"] = _reminder_check(ops)
    ready = ready and reminders_ok
    if ops.slack_socket is not None:
        if await ops.slack_socket.connected():
            checks["slack"] = "ok (Socket Mode connected)"
        else:
            ready = False
            checks["slack"] = "Socket Mode not connected (yet): see the log"
    return web.json_response(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status=200 if ready else 503,
    )


def _reminder_check(ops: Operations) -> tuple[bool, str]:
    if ops.reminder_interval is None:
        return True, "off in this process (RADSBOT_REMINDERS=false)"
    if ops.last_reminder_run is None:
        return False, "no run finished yet"
    window = max(REMINDER_FRESHNESS, timedelta(seconds=2 * ops.reminder_interval))
    age = ops.clock() - ops.last_reminder_run
    if age > window:
        return False, f"last run {age.total_seconds():.0f} s ago (more than {window.seconds} s)"
    return True, f"ok (last run {max(age.total_seconds(), 0):.0f} s ago)"


async def _metrics(request: web.Request) -> web.Response:
    ops = request.app[OPERATIONS]
    assert ops.metrics is not None
    if ops.metrics_token and not _bearer_matches(request, ops.metrics_token):
        return web.Response(status=401, headers={"WWW-Authenticate": "Bearer"})
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS):
            await ops.metrics.refresh(ops.engine, ops.sessions, ops.clock())
    except (SQLAlchemyError, OSError, TimeoutError) as error:
        # The counters are still worth having; the backlog gauges keep their last reading.
        log.warning("metrics: the outbox could not be read (%s)", type(error).__name__)
    return web.Response(
        body=ops.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


def _bearer_matches(request: web.Request, token: str) -> bool:
    """Whether the request bears ``token``, compared in constant time."""
    given = request.headers.get("Authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(value.strip().encode(), token.encode())
