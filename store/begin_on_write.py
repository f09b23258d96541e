"""PostgreSQL: a turn that only reads sends no BEGIN and no COMMIT.

SQLAlchemy's asyncpg adapter sends ``BEGIN`` before a connection's first statement and
``COMMIT`` when the session commits: two round trips to the database, and two statements for it
to run, on every turn, though most turns (``actions mine``, ``next meeting``, ``help``) only
read. Here a plain read that comes before the session's first write runs on its own, as
PostgreSQL runs a statement outside a transaction; the first statement that is not a plain read
(an INSERT, an UPDATE, a ``SELECT … FOR UPDATE``, an advisory lock) begins the transaction as
before, and everything after it, reads included, is in that transaction. A turn that only read
then has nothing to commit.

Nothing a command sees changes: under READ COMMITTED, PostgreSQL's level and ours, each
statement inside a transaction reads its own fresh snapshot too, and a plain read takes no lock
that has to last. All of a command's writes are still in one transaction, so a command is still
saved whole or not at all.

SQLite is not touched: its BEGIN and COMMIT cost no round trip, and its reads inside a
transaction do share one snapshot.

A write that may be saved on its own (``WRITE_ALONE``: a conversation's reference refreshed)
goes the same way before the session's first other write: one round trip, not three.

This leans on three attributes of SQLAlchemy's adapter (``_transaction``, ``isolation_level``,
``_isolation_setting``) and the method its cursor runs a statement with; ``pyproject.toml``
keeps SQLAlchemy below 2.2, and ``tests/store/test_begin_on_write.py`` fails if they change
(a read would open a transaction again, or a write would run outside one).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.postgresql.asyncpg import (
    AsyncAdapt_asyncpg_connection,
    AsyncAdapt_asyncpg_cursor,
)
from sqlalchemy.engine import Engine

#: What makes a SELECT more than a read: a row lock, or a function with an effect that must
#: last to the end of a transaction (advisory locks, sequences, settings: PostgreSQL's own
#: ``pg_`` functions and the like).
_MORE_THAN_A_READ = re.compile(
    r"\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b|\bpg_|\bnextval\b|\bsetval\b"
    r"|\bset_config\b|\bcurrval\b|\blastval\b",
    re.IGNORECASE,
)
#: What makes a ``WITH`` statement more than a read: a part that writes (PostgreSQL runs a
#: data-modifying ``WITH`` part whether or not the query reads its rows).
_WRITES = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)

#: A statement's prefix (``.prefix_with(WRITE_ALONE)``): this write may be saved on its own,
#: whatever the rest of the session does. Before the session's first write it runs outside a
#: transaction (one round trip, not BEGIN, the write and COMMIT); after it, in the
#: transaction, as any other statement. Said in the statement's text, so telling it costs a
#: look-up in ``_alone``'s memory, not an engine event on every statement.
WRITE_ALONE = "/* radsbot: may be saved alone */"


def plain_read(statement: str) -> bool:
    """Whether ``statement`` only reads rows and takes no lock that must last."""
    start = statement.lstrip()[:6].upper()
    if start.startswith("WITH") and _WRITES.search(statement):
        return False
    return start.startswith(("SELECT", "WITH")) and not _MORE_THAN_A_READ.search(statement)


@lru_cache(maxsize=1024)
def _alone(statement: str) -> bool:
    """A plain read, or a write that says it may be saved on its own (``WRITE_ALONE``):
    remembered, as a statement's text comes from SQLAlchemy's cache of compiled statements,
    the same each time, and searching two thousand characters on every call would cost more
    than BEGIN does."""
    return plain_read(statement) or WRITE_ALONE in statement[:100]


class _Cursor(AsyncAdapt_asyncpg_cursor):
    __slots__ = ()

    async def _prepare_and_execute(self, operation: str, parameters: Any) -> None:
        connection = self._adapt_connection
        alone = (
            connection._transaction is None
            and connection.isolation_level != "autocommit"
            and _alone(operation)
        )
        # The adapter begins a transaction before a statement unless the connection is in
        # autocommit: a read (or a write that may stand alone) goes as if it were, and the
        # next statement sees the connection as it was.
        if alone:
            connection.isolation_level = "autocommit"
        try:
            await super()._prepare_and_execute(operation, parameters)  # type: ignore[no-untyped-call]
        finally:
            if alone:
                connection.isolation_level = connection._isolation_setting


class _BeginsOnWrite(AsyncAdapt_asyncpg_connection):
    """SQLAlchemy's asyncpg connection whose reads before the first write need no BEGIN."""

    __slots__ = ()
    _cursor_cls = _Cursor


def begin_on_first_write(engine: Engine) -> None:
    """Make every PostgreSQL connection ``engine`` opens begin its transaction only at the
    first statement that is not a plain read."""

    @event.listens_for(engine, "connect")
    def _adapt(dbapi_connection: Any, _record: Any) -> None:
        if type(dbapi_connection) is AsyncAdapt_asyncpg_connection:
            dbapi_connection.__class__ = _BeginsOnWrite
