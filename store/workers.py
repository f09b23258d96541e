"""Reminder workers: which sender processes exist, and which of them are gone.

A sender registers itself before it claims anything. On PostgreSQL it takes, in the same
statement that inserts its row, a session-level advisory lock keyed by its id, and keeps the
connection open for as long as it lives; when the process dies its connection closes and the
lock goes with it, so another sender sees at once that it is gone. SQLite has no such lock;
there the caller checks the process itself (see ``scheduler.workers``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, cast, delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from store.models import ReminderWorker

#: The first key of every advisory lock the bot takes ("RBOT"), so that no other program's
#: advisory locks in the same database are mistaken for a worker's.
LOCK_NAMESPACE = 0x52424F54


#: How the lock's connection notices a dead peer (a network cut): seconds, and probes.
LOCK_KEEPALIVE = {
    "tcp_keepalives_idle": 60,
    "tcp_keepalives_interval": 10,
    "tcp_keepalives_count": 3,
}

#: The connection a PostgreSQL worker holds its lock on, for as long as it lives.
LockConnection = AsyncConnection


def _lock_key(worker_id: object) -> tuple[object, object]:
    # Both keys as int4: pg_advisory_lock(int, int), not the one-bigint overload.
    return cast(LOCK_NAMESPACE, Integer), cast(worker_id, Integer)


def is_postgres(bind: AsyncSession | AsyncConnection) -> bool:
    engine = bind.get_bind() if isinstance(bind, AsyncSession) else bind.engine
    return engine.dialect.name == "postgresql"


async def register(
    connection: AsyncConnection,
    *,
    name: str,
    hostname: str,
    pid: int,
    process_start: str | None,
    at: datetime,
) -> int | None:
    """Add this worker and, on PostgreSQL, take its lock on ``connection``; its id.

    On PostgreSQL ``connection`` must be in autocommit and stay open for the worker's life.
    The row and the lock appear together (one statement), so nobody ever sees the row of a
    live worker without its lock. ``None`` when the lock of that id was somehow taken
    already (an id handed out again after the table was emptied): the row is removed again
    and the caller registers anew.
    """
    values = {
        "name": name,
        "hostname": hostname,
        "pid": pid,
        "process_start": process_start,
        "started_at": at,
    }
    if not is_postgres(connection):
        result = await connection.execute(
            insert(ReminderWorker).values(**values).returning(ReminderWorker.id)
        )
        return int(result.scalar_one())
    locked = func.pg_try_advisory_lock(*_lock_key(ReminderWorker.id))
    row = (
        await connection.execute(
            insert(ReminderWorker).values(**values).returning(ReminderWorker.id, locked)
        )
    ).one()
    if row[1]:
        return int(row[0])
    await connection.execute(delete(ReminderWorker).where(ReminderWorker.id == row[0]))
    return None


async def others(session: AsyncSession, worker_id: int) -> list[ReminderWorker]:
    """Every registered worker but this one (a handful: the live ones and the newly dead)."""
    rows = await session.scalars(select(ReminderWorker).where(ReminderWorker.id != worker_id))
    return list(rows)


async def lock_is_free(session: AsyncSession, worker_id: int) -> bool:
    """PostgreSQL: whether the worker's lock is free, that is, its process is gone.

    A transaction-level try-lock: it waits for nothing, and it is let go with the caller's
    transaction.
    """
    free = await session.scalar(select(func.pg_try_advisory_xact_lock(*_lock_key(worker_id))))
    return bool(free)


async def forget(session: AsyncSession, worker_ids: list[int]) -> None:
    """Remove the rows of workers that are gone (or of this one, at a clean stop)."""
    if worker_ids:
        await session.execute(delete(ReminderWorker).where(ReminderWorker.id.in_(worker_ids)))


async def register_holding_lock(
    sessions: async_sessionmaker[AsyncSession],
    *,
    name: str,
    hostname: str,
    pid: int,
    process_start: str | None,
    at: datetime,
) -> tuple[int | None, LockConnection | None]:
    """Register a worker (``register``) on a connection of its own: the worker's id, and on
    PostgreSQL the connection that holds its lock, to be kept open for the worker's life
    (None on SQLite, where the connection is closed at once). The id is None when the lock
    was taken already: the caller registers again under another name."""
    engine = sessions.kw["bind"]
    assert isinstance(engine, AsyncEngine)
    postgres = engine.dialect.name == "postgresql"
    connection = await engine.connect()
    try:
        if postgres:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            for setting, value in LOCK_KEEPALIVE.items():
                await connection.exec_driver_sql(f"SET {setting} = {int(value)}")
        worker_id = await register(
            connection,
            name=name,
            hostname=hostname,
            pid=pid,
            process_start=process_start,
            at=at,
        )
        if not postgres:
            await connection.commit()
    except BaseException:
        await connection.close()
        raise
    if postgres and worker_id is not None:
        return worker_id, connection
    await connection.close()
    return worker_id, None


async def connection_alive(connection: LockConnection) -> bool:
    """Whether the lock's connection still answers (if not, the lock went with it)."""
    try:
        await connection.exec_driver_sql("SELECT 1")
    except (SQLAlchemyError, OSError):
        return False
    return True


async def close_quietly(connection: LockConnection) -> None:
    """Close the lock's connection; one already broken took its lock with it."""
    try:
        await connection.close()
    except (SQLAlchemyError, OSError):
        pass
