"""SQLite: a statement is one trip to aiosqlite's thread and back, not four.

aiosqlite runs each SQLite connection in a thread of its own and hands every call to it
through a queue, the answer coming back through the event loop. SQLAlchemy's adapter calls it
four times per statement: make a cursor, execute, fetch the rows, close the cursor. Each trip
wakes the thread, takes the interpreter's lock there and back, and wakes the loop: on the
command mix that was most of what SQLite cost a turn over PostgreSQL, the statements
themselves a tenth of it (bench/README.md). Here the four happen in one function on that
thread, and the rows, the description, the row count and the last row id come back at once.

The statement runs as before: the same sqlite3 connection, in its own thread, under the
adapter's lock on the connection. Only the round trips change; ``executemany`` (a bulk
insert) goes the same way. Server-side cursors are left as SQLAlchemy makes them.

This leans on aiosqlite's ``Connection._execute`` (queue a function for its thread), its
``_connection`` and ``_conn`` (the sqlite3 connection), and on the attributes SQLAlchemy's
cursor keeps; ``pyproject.toml`` keeps aiosqlite below 1 and SQLAlchemy below 2.2, and
``tests/store/test_sqlite_one_trip.py`` fails if a statement takes more than one trip again
or gives other answers.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
)
from sqlalchemy.engine import Engine
from sqlalchemy.util import EMPTY_DICT, immutabledict


def run_statement(
    connection: sqlite3.Connection, operation: str, parameters: Sequence[Any] | None
) -> tuple[sqlite3.Cursor, list[Any] | None]:
    """On aiosqlite's thread: the statement executed and, if it gives rows, all of them."""
    cursor = connection.cursor()
    cursor.execute(operation, () if parameters is None else parameters)
    return cursor, (cursor.fetchall() if cursor.description else None)


def _run_many(
    connection: sqlite3.Connection, operation: str, parameters: Sequence[Sequence[Any]]
) -> tuple[sqlite3.Cursor, None]:
    """On aiosqlite's thread: the statement executed once per set of parameters."""
    cursor = connection.cursor()
    cursor.executemany(operation, parameters)
    return cursor, None


class _Cursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()

    def __init__(self, adapt_connection: Any) -> None:
        # No cursor is made here (SQLAlchemy's own makes one, a trip of its own): the
        # statement's cursor is made with it, on the connection's thread.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        return await self._one_trip(run_statement, operation, parameters)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        return await self._one_trip(_run_many, operation, seq_of_parameters)

    async def _one_trip(self, run: Any, operation: Any, parameters: Any) -> Any:
        async with self._adapt_connection._execute_mutex:
            cursor, rows = await self._connection._execute(
                run, self._connection._conn, operation, parameters
            )
        # ``rowcount``, ``lastrowid`` and ``arraysize`` are read off the sqlite3 cursor, as
        # SQLAlchemy reads them off aiosqlite's, which passes them through.
        self._cursor = cursor
        self._rows = collections.deque(rows or ())
        # The statement has run to its end: nothing is left to close, and SQLAlchemy's close
        # (another trip) is skipped for a cursor whose description is kept like this.
        self._soft_closed_memoized = immutabledict({"description": cursor.description})
        return cursor

    async def _async_soft_close(self) -> None:
        """Nothing to close: the statement ended in its one trip."""


class _OneTrip(AsyncAdapt_aiosqlite_connection):
    """SQLAlchemy's aiosqlite connection whose statements take one trip to its thread, and
    whose COMMIT and ROLLBACK take none when no transaction is open: a turn that only read
    opened none (sqlite3 begins one before the first write), and the pool rolls every
    connection back when it comes back, after the commit too."""

    __slots__ = ()
    _cursor_cls = _Cursor

    def commit(self) -> None:
        if self._open_transaction():
            super().commit()

    def rollback(self) -> None:
        if self._open_transaction():
            super().rollback()

    def _open_transaction(self) -> bool:
        # sqlite3 reads this off the connection (sqlite3_get_autocommit), not off its
        # thread; nothing runs on the connection while it is committed or rolled back.
        connection = self._connection
        return bool(connection._connection) and connection._conn.in_transaction


def one_trip_per_statement(engine: Engine) -> None:
    """Make every SQLite connection ``engine`` opens run a statement in one trip."""

    @event.listens_for(engine, "connect", insert=True)
    def _adapt(dbapi_connection: Any, _record: Any) -> None:
        if type(dbapi_connection) is AsyncAdapt_aiosqlite_connection:
            dbapi_connection.__class__ = _OneTrip
