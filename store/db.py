"""Opening the database: the async engine and the session factory."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import Executable, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session as SyncSession
from sqlalchemy.orm.attributes import instance_state, set_committed_value
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.util import await_only

from store import lengths  # noqa: F401  (checks every text against its column before a flush)
from store.begin_on_write import begin_on_first_write
from store.sqlite_one_trip import one_trip_per_statement

#: A database session as dialogs/ and scheduler/ see it: one per handled message, one
#: transaction; they never import SQLAlchemy themselves.
Session: TypeAlias = AsyncSession
#: Where sessions come from (``session_factory``).
Sessions: TypeAlias = async_sessionmaker[AsyncSession]
#: A mapped class's row (``get``).
Row = TypeVar("Row")
#: A write refused by a unique constraint: a racing command got there first.
Conflict = IntegrityError
#: Any failure of the database (its connection, a statement): the transaction is lost.
DatabaseError = SQLAlchemyError

#: Seconds to wait for PostgreSQL to accept a connection before giving up on it.
CONNECT_TIMEOUT = 4.0
#: Seconds a SQLite writer waits for the file's write lock (another process's, or this
#: process's queue of writers) before its statement fails.
SQLITE_BUSY_SECONDS = 30.0
#: SQLite connections (each a thread of aiosqlite's) a process opens at most; the next turn
#: waits for one. Measured with 20 senders (bench/bench_load.py): 5 + 10 overflow gave a
#: p99 of 0.96–1.07 s, 10 + 10 gave 1.6 s (more threads taking turns at the GIL and at the
#: one writer), 5 gave 0.50–0.56 s and more turns per second, 3 about the same as 5.
SQLITE_CONNECTIONS = 5
#: PostgreSQL connections a process keeps open, and never more: a turn waits for one rather
#: than opening a connection of its own for a moment (a new backend process and its start-up
#: on both sides, then closed again). Measured with 50 senders on 2 processes
#: (bench/bench_load.py): 10 kept + 10 opened and closed as needed gave 153 and 183 turns/s
#: (p99 833 and 673 ms); 20 kept, 207 and 205 turns/s (p99 581 and 597 ms).
POSTGRES_CONNECTIONS = 20
#: What makes a statement a write, for SQLite's queue of writers.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
#: PostgreSQL's planner settings for our connections. ``random_page_cost`` 1.1 instead of the
#: default 4 (a page read from a spinning disk): a region's councils fit in memory many times
#: over, so fetching a row by its index costs about what reading the next page does. With 4,
#: a roster of 200 members out of 10,000 people was joined by reading every person
#: (1.7–1.9 ms per ``members``); with 1.1, by the members' ids (0.5 ms). None of a turn's
#: other statements got slower, and the nominations list got faster (0.41 → 0.09 ms;
#: bench/README.md).
POSTGRES_PLANNER = {"random_page_cost": "1.1"}


def open_engine(url: str) -> AsyncEngine:
    """Create the async engine for ``url`` (``sqlite+aiosqlite://`` or ``postgresql+asyncpg://``).

    SQL parameters are never logged nor put in error messages (``hide_parameters``): they hold
    names and e-mail addresses.
    """
    if url.startswith("sqlite"):
        database = make_url(url).database
        # a database in memory lives in its one connection (SQLAlchemy's StaticPool)
        pool = (
            {}
            if database in (None, "", ":memory:")
            else {"pool_size": SQLITE_CONNECTIONS, "max_overflow": 0}
        )
        engine = create_async_engine(
            url, connect_args={"timeout": SQLITE_BUSY_SECONDS}, hide_parameters=True, **pool
        )
        one_trip_per_statement(engine.sync_engine)
        _enable_sqlite_foreign_keys(engine.sync_engine)
        _queue_sqlite_writers(engine.sync_engine)
        return engine
    engine = create_async_engine(
        url,
        pool_size=POSTGRES_CONNECTIONS,
        max_overflow=0,
        hide_parameters=True,
        connect_args={"timeout": CONNECT_TIMEOUT, "server_settings": POSTGRES_PLANNER},
    )
    _replace_ended_connections(engine.sync_engine)
    begin_on_first_write(engine.sync_engine)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit, for rendering replies."""
    return async_sessionmaker(engine, expire_on_commit=False)


#: ``Session.info`` key: this transaction has sent a write (a flush) to the database.
_WROTE = "radsbot_wrote"


@event.listens_for(SyncSession, "after_flush")
def _flushed(session: SyncSession, _context: Any) -> None:
    session.info[_WROTE] = True


@event.listens_for(SyncSession, "after_transaction_end")
def _ended(session: SyncSession, transaction: Any) -> None:
    if transaction.parent is None:  # the outermost transaction, committed or rolled back
        session.info.pop(_WROTE, None)


def connection_lost(error: BaseException) -> bool:
    """The database connection broke under a statement (the server restarted or ended it):
    SQLAlchemy has dropped it, and every connection pooled before it."""
    return isinstance(error, DBAPIError) and error.connection_invalidated


def has_written(session: AsyncSession) -> bool:
    """Whether the session's open transaction holds a change, flushed or not: what a commit
    would save. A read-only transaction need not be committed before another step."""
    sync = session.sync_session
    return bool(sync.info.get(_WROTE)) or any(
        sync.is_modified(row) for row in (*sync.new, *sync.dirty, *sync.deleted)
    )


def holds_connection(session: AsyncSession) -> bool:
    """Whether the session has checked a connection out (a statement went through it)."""
    transaction = session.sync_session._transaction
    while transaction is not None:
        if transaction._connections:
            return True
        transaction = transaction._parent
    return False


def may_save(session: AsyncSession) -> bool:
    """Whether a commit could save anything: the session holds a connection, or changes not
    yet sent. One whose reads all went straight to the driver on borrowed connections
    (``store.direct_rows``) and that changed nothing holds neither, and its commit, some 100
    µs of SQLAlchemy's, has nothing to do."""
    sync = session.sync_session
    return (
        holds_connection(session)
        or bool(sync.new)
        or bool(sync.deleted)
        or sync.identity_map.check_modified()
    )


def insert_for(session: AsyncSession, model: type[Any]) -> Any:
    """An INSERT of ``model`` in the database's own dialect, for what only a dialect can say
    (``on_conflict_do_nothing``): PostgreSQL's, or SQLite's."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def mark_written(session: AsyncSession) -> None:
    """Tell ``has_written`` that this transaction holds a write sent without a flush (a Core
    statement)."""
    session.sync_session.info[_WROTE] = True


async def update_loaded(
    session: AsyncSession,
    statement: Executable,
    row: object,
    values: Mapping[str, Any],
    **keys: Any,
) -> None:
    """``statement`` (a Core UPDATE of ``row``, its ``values`` and ``keys`` bound by name)
    sent now, and the loaded ``row`` told its new ``values``: one statement, where the ORM's
    unit of work would cost a turn a tenth of its time."""
    await session.execute(statement, {**keys, **values})
    mark_written(session)
    tell_loaded(row, values)


def tell_loaded(row: object, values: Mapping[str, Any]) -> None:
    """The loaded ``row`` told the ``values`` just saved for it, as if read so."""
    for key, value in values.items():
        set_committed_value(row, key, value)


async def get(session: AsyncSession, model: type[Row], ident: int) -> Row | None:
    """``session.get(model, ident)``: a row the session holds (and has not let go) is found
    at once, without the trip through SQLAlchemy's greenlet (some 25 µs; a turn asks four
    times for the rows found with its sender); any other is asked of ``session.get``."""
    held = session.sync_session.identity_map.get((model, (ident,), None))
    if held is not None and isinstance(held, model) and not instance_state(held).expired:
        return held
    return await session.get(model, ident)


def keep(session: AsyncSession, *rows: object) -> None:
    """Hold ``rows`` for as long as the session lives. The session itself holds unchanged rows
    weakly, so a row loaded in one step and wanted in the next could be gone, and
    ``session.get`` would ask the database for it again."""
    session.sync_session.info.setdefault("radsbot_kept", []).extend(rows)


def _replace_ended_connections(engine: Engine) -> None:
    """A pooled connection PostgreSQL has ended (a restart, an administrator) is replaced
    before anyone uses it, on every path (tests/bot/test_database_restart.py). The server
    closes the socket of a connection it ends, and asyncpg, which reads every open socket,
    marks the connection closed: asking that costs nothing. SQLAlchemy's ``pool_pre_ping``
    asks the server instead, with three round trips (BEGIN, a ping, ROLLBACK) on every
    check-out, about a tenth of a turn's time. A connection that breaks after the check (its
    socket not yet read) fails its first statement; ``dialogs.dispatch`` answers that turn
    again on a new one when it had written nothing."""

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, _record, _proxy):  # type: ignore[no-untyped-def]
        if dbapi_connection.driver_connection.is_closed():
            # the pool drops this one and checks out (or opens) another
            raise DisconnectionError("the database ended this connection")


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    # SQLite ignores ON DELETE CASCADE unless asked per connection; WAL lets the
    # console and the server share one file.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL loses nothing on a crash of the bot, only on power loss, and makes
        # every commit an order of magnitude cheaper.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _queue_sqlite_writers(engine: Engine) -> None:
    """One writer at a time in this process, first come first served, on the event loop.

    SQLite lets one transaction write at a time; the others wait in its busy handler, each in
    its own thread, polling with growing sleeps (up to 100 ms) and in no order: under twenty
    concurrent turns some writers lost that race for seconds. Here a transaction's first
    write waits instead for an ``asyncio.Lock`` (a fair queue, woken the moment the lock is
    free), and lets it go when its connection goes back to the pool, after the commit or
    rollback. Reads never wait. Another process on the same file (``radsbot chat``) is still
    met by the busy timeout.
    """
    lock = asyncio.Lock()

    @event.listens_for(engine, "before_cursor_execute")
    def _before(connection: Connection, cursor: Any, statement: str, *args: Any) -> None:
        if connection.info.get("writes") or not statement.lstrip().upper().startswith(_WRITES):
            return
        await_only(asyncio.wait_for(lock.acquire(), SQLITE_BUSY_SECONDS))
        connection.info["writes"] = True

    @event.listens_for(engine.pool, "checkin")
    @event.listens_for(engine.pool, "invalidate")
    def _done(dbapi_connection: Any, record: ConnectionPoolEntry, *args: Any) -> None:
        if record.info.pop("writes", False):
            lock.release()
