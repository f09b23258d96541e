"""This process as a reminder worker, and telling whether another worker is gone.

A sender that is killed mid-batch (``kill -9``, out of memory, a lost host) leaves its claimed
reminders in ``sending``. The next sender to start gives them back to the outbox at once if it
can tell that their worker is gone, and otherwise when the claim is older than the lease,
measured on the real clock (never on the clock that decides what is due, which an operator
or a test may set anywhere):

* PostgreSQL: every worker holds an advisory lock keyed by its id on a connection of its own;
  a dead process's connection closes and its lock is free (``store.workers``).
* SQLite (one host): the worker's pid, and a start mark that tells it from a later process
  with the same pid, from ``/proc``.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from store import reminders, workers
from store.db import DatabaseError, Sessions
from store.models import ReminderWorker

log = logging.getLogger(__name__)

PROC = Path("/proc")
#: Server-side TCP keep-alive for the lock's connection (PostgreSQL settings, seconds): a
#: worker whose host vanished without closing its connections loses its lock in about
#: 60 + 3 × 10 s, instead of the operating system's default of two hours.


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:
        return None


def start_mark(pid: int) -> str | None:
    """``<boot id>:<start tick>`` of a running process, ``None`` where ``/proc`` cannot tell.

    The start tick alone repeats after a reboot (a service started at the same point of
    every boot gets the same pid and tick), hence the boot id.
    """
    boot = _read(PROC / "sys/kernel/random/boot_id")
    stat = _read(PROC / str(pid) / "stat")
    if boot is None or stat is None:
        return None
    # "pid (command) state ppid …": the command may hold spaces and brackets; the fields
    # after its closing bracket start with the state (field 3); the start tick is field 22.
    fields = stat[stat.rindex(")") + 2 :].split()
    if fields[0] in ("Z", "X"):
        return None  # dead, only not yet reaped by its parent
    return f"{boot.strip()}:{fields[19]}"


@dataclass(frozen=True)
class ProcessIdentity:
    hostname: str
    pid: int
    start: str | None

    @classmethod
    def of(cls, pid: int) -> ProcessIdentity:
        return cls(socket.gethostname(), pid, start_mark(pid))

    @classmethod
    def current(cls) -> ProcessIdentity:
        return cls.of(os.getpid())

    def is_running(self) -> bool:
        """Whether this process still runs; only meaningful on its own host."""
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # it exists, under another user
        if self.start is None or not PROC.is_dir():
            return True  # the pid exists, and nothing tells us it is another process
        return start_mark(self.pid) == self.start


class WorkerLease:
    """Registers this process as a worker, gives back the claims of workers that are gone.

    ``wall_clock`` is real UTC time (a parameter only so that tests can move it by hand).
    """

    def __init__(
        self,
        sessions: Sessions,
        *,
        label: str,
        identity: ProcessIdentity,
        wall_clock: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._label = label
        self._identity = identity
        self._wall_clock = wall_clock
        self._id: int | None = None
        self._name = ""
        self._lock_connection: workers.LockConnection | None = None

    @property
    def name(self) -> str:
        """The worker's name, as its claims carry it (``Reminder.claimed_by``)."""
        return self._name

    @property
    def worker_id(self) -> int | None:
        """The worker's id, which is also the second key of its advisory lock."""
        return self._id

    async def ensure(self) -> str:
        """Registered, with the lock held; registers again when the lock's connection broke.

        A worker whose connection broke may already have been taken for gone, and its
        claims given back: it carries on under a new name, and its old rows are its own
        leftovers, given back by ``reclaim`` like any gone worker's.
        """
        if self._id is not None and await self._lock_is_held():
            return self._name
        await self._drop_lock_connection()
        while True:
            # The label (host:pid) for the operator reading the outbox, a random tail so that
            # the name is never one an earlier process with the same pid used.
            name = f"{self._label[:90]}:{secrets.token_hex(4)}"
            worker_id, connection = await workers.register_holding_lock(
                self._sessions,
                name=name,
                hostname=self._identity.hostname,
                pid=self._identity.pid,
                process_start=self._identity.start,
                at=self._wall_clock(),
            )
            if worker_id is None:
                continue
            self._lock_connection = connection  # held for the worker's life (PostgreSQL)
            self._id, self._name = worker_id, name
            return name

    async def _lock_is_held(self) -> bool:
        if self._lock_connection is None:
            return True  # SQLite: nothing to lose
        if await workers.connection_alive(self._lock_connection):
            return True
        log.warning("the reminder worker's lock connection broke; registering again")
        return False

    async def reclaim(self) -> int:
        """Give back the reminders of gone workers (and this one's own leftovers); how many.

        Called when a run starts, when this worker holds nothing in flight: a row in
        ``sending`` under its own name is left from a run that ended in an error.
        """
        assert self._id is not None
        now = self._wall_clock()
        async with self._sessions() as session, session.begin():
            postgres = workers.is_postgres(session)
            gone: list[ReminderWorker] = []
            alive: list[str] = [self._name]
            for worker in await workers.others(session, self._id):
                if postgres:
                    is_gone = await workers.lock_is_free(session, worker.id)
                elif worker.hostname == self._identity.hostname:
                    is_gone = not ProcessIdentity(
                        worker.hostname, worker.pid, worker.process_start
                    ).is_running()
                else:
                    continue  # another host: its claims come back only when the lease is up
                if is_gone:
                    gone.append(worker)
                else:
                    alive.append(worker.name)
            released = await reminders.release_claims(
                session,
                gone=[self._name, *(w.name for w in gone)],
                alive=alive,
                lease_start=now - reminders.CLAIM_LEASE,
            )
            await workers.forget(session, [w.id for w in gone])
        if released or gone:
            log.info(
                "gave back %d reminder(s) left in sending by %d stopped sender(s)",
                released,
                len(gone),
            )
        return released

    async def close(self) -> None:
        """A clean stop: the worker's row goes, and with it the lock."""
        if self._id is None:
            return
        try:
            async with self._sessions() as session, session.begin():
                await workers.forget(session, [self._id])
        except DatabaseError:
            log.warning("could not remove the reminder worker's row; the next sender will")
        finally:
            self._id = None
            await self._drop_lock_connection()

    async def _drop_lock_connection(self) -> None:
        if self._lock_connection is not None:
            connection, self._lock_connection = self._lock_connection, None
            await workers.close_quietly(connection)
