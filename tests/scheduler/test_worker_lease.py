"""A sender that stops mid-batch leaves reminders in ``sending``; who gives them back, and when.

The real sender against the real database, the Teams side faked; the lease is measured on a
wall clock the test moves by hand, apart from the clock that decides what is due.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from bot.app import ADAPTER, SESSIONS
from bot.teams import TeamsDeliverer
from dialogs.model import Reply
from scheduler.delivery import Target
from scheduler.sender import ReminderSender
from scheduler.workers import ProcessIdentity, start_mark
from store.models import Reminder, ReminderState, ReminderWorker
from store.workers import LOCK_NAMESPACE
from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat

DEADLINES = 3


class _Stalled:
    """A chat platform that never answers: the sender hangs mid-send until it is stopped."""

    opens_direct_chats = False

    def __init__(self) -> None:
        self.reached = asyncio.Event()

    async def deliver(self, target: Target, reply: Reply) -> None:
        self.reached.set()
        await asyncio.Event().wait()


async def _plan(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    for n in range(DEADLINES):
        await teams.say(f"deadline add Remissvar {n + 1} senast 16 maj")
    clock.set("2025-05-13 08:00")  # three working days before: one channel reminder each


def _sender(teams: TeamsChat, wall: FakeClock, **kwargs: object) -> ReminderSender:
    return ReminderSender(
        teams.app[SESSIONS],
        {"teams": TeamsDeliverer(teams.app[ADAPTER], "")},
        worker="test",
        wall_clock=wall,
        **kwargs,  # type: ignore[arg-type]
    )


async def _stop_mid_send(sender: ReminderSender, now: datetime) -> None:
    """Run ``sender`` until it is inside a delivery, then stop it dead: no clean-up at all."""
    stalled = _Stalled()
    sender.add_deliverer("teams", stalled)
    run = asyncio.create_task(sender.run_once(now))
    await asyncio.wait_for(stalled.reached.wait(), 10)
    run.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await run


async def _count(teams: TeamsChat, state: ReminderState) -> int:
    async with teams.app[SESSIONS]() as session:
        return int(
            await session.scalar(
                select(func.count()).select_from(Reminder).where(Reminder.state == state)
            )
            or 0
        )


def _wall() -> FakeClock:
    return FakeClock(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_lease_runs_on_the_real_clock_not_on_the_clock_that_decides_what_is_due(
    teams: TeamsChat, clock: FakeClock
) -> None:
    """Attack: a sender on another host (its process cannot be checked) stops mid-batch, and
    the next run is given a ``now`` far ahead (an operator's ``--now``). The claims must
    not be taken from it by that ``now``, only when the real clock says the lease is up."""
    await _plan(teams, clock)
    wall = _wall()
    elsewhere = ProcessIdentity("another-host", 4242, None)
    async with contextlib.AsyncExitStack() as stack:
        stopped = _sender(teams, wall, identity=elsewhere)
        stack.push_async_callback(stopped.close)
        await _stop_mid_send(stopped, clock())
        assert await _count(teams, ReminderState.SENDING) == DEADLINES
        restarted = _sender(teams, wall)
        stack.push_async_callback(restarted.close)
        wall.advance(minutes=4)
        stats = await restarted.run_once(clock() + timedelta(hours=6))
        assert (stats.given_back, stats.sent) == (0, 0)
        assert await _count(teams, ReminderState.SENDING) == DEADLINES
        assert teams.connector.take() == []
        wall.advance(minutes=2)  # five minutes after the claim, on the real clock
        stats = await restarted.run_once(clock())
        assert (stats.given_back, stats.sent) == (DEADLINES, DEADLINES)
        assert len(teams.connector.take()) == DEADLINES
        assert await _count(teams, ReminderState.SENDING) == 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_claims_of_a_dead_process_on_this_host_come_back_at_once(
    teams: TeamsChat, clock: FakeClock
) -> None:
    """Attack: the sender process dies (``kill -9``) mid-batch on this host. The next sender
    gives its reminders back at once, without waiting for any lease."""
    await _plan(teams, clock)
    wall = _wall()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = ProcessIdentity.of(child.pid)
    assert dead.start is not None and dead.is_running()
    child.kill()
    child.wait()
    assert not dead.is_running()
    stopped = _sender(teams, wall, identity=dead)
    restarted = _sender(teams, wall)
    try:
        await _stop_mid_send(stopped, clock())
        assert await _count(teams, ReminderState.SENDING) == DEADLINES
        stats = await restarted.run_once(clock())
        assert (stats.given_back, stats.sent) == (DEADLINES, DEADLINES)
        assert len(teams.connector.take()) == DEADLINES
        async with teams.app[SESSIONS]() as session:
            names = list(await session.scalars(select(ReminderWorker.name)))
        assert names == [restarted.lease.name]  # the dead worker's row is gone too
    finally:
        await restarted.close()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_on_postgresql_a_worker_is_alive_while_its_connection_is(
    teams: TeamsChat, clock: FakeClock
) -> None:
    """Attack: a sender hangs mid-send past the lease while its process lives (its
    connection and lock are there): nobody may take its reminders, or they go out twice.
    Then its connection dies, as with ``kill -9``: they come back at once."""
    await _plan(teams, clock)
    wall = _wall()
    stopped = _sender(teams, wall)
    restarted = _sender(teams, wall)
    try:
        await _stop_mid_send(stopped, clock())
        wall.advance(hours=1)
        stats = await restarted.run_once(clock())
        assert (stats.given_back, stats.sent) == (0, 0)
        async with teams.app[SESSIONS]() as session, session.begin():
            await session.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND classid = :namespace AND objid = :worker"
                ),
                {"namespace": LOCK_NAMESPACE, "worker": stopped.lease.worker_id},
            )
        for _ in range(100):  # the backend ends a moment after it is told to
            stats = await restarted.run_once(clock())
            if stats.given_back:
                break
            await asyncio.sleep(0.01)
        assert (stats.given_back, stats.sent) == (DEADLINES, DEADLINES)
        assert await _count(teams, ReminderState.SENDING) == 0
    finally:
        await restarted.close()
        await stopped.close()


async def test_a_sender_gives_back_its_own_leftovers_from_a_failed_run(
    teams: TeamsChat, clock: FakeClock
) -> None:
    """Attack: a run ends in an error mid-batch while the process lives on. Its own rows in
    ``sending`` must not wait for a lease that its own liveness would never let expire."""
    await _plan(teams, clock)
    sender = _sender(teams, _wall())
    try:
        await _stop_mid_send(sender, clock())
        assert await _count(teams, ReminderState.SENDING) == DEADLINES
        sender.add_deliverer("teams", TeamsDeliverer(teams.app[ADAPTER], ""))
        stats = await sender.run_once(clock())
        assert (stats.given_back, stats.sent) == (DEADLINES, DEADLINES)
    finally:
        await sender.close()


def test_a_later_process_with_the_same_pid_is_not_the_worker() -> None:
    """Attack: after a restart (or a reboot) a new process gets the dead worker's pid; the
    start mark tells them apart, so the dead worker's claims are not kept forever."""
    me = ProcessIdentity.current()
    assert me.hostname == socket.gethostname() and me.is_running()
    if me.start is None:
        pytest.skip("no /proc here: only the pid can be checked")
    assert start_mark(os.getpid()) == me.start
    assert not ProcessIdentity(me.hostname, me.pid, f"{me.start}0").is_running()
