"""Opening the database: the async engine and the session factory."""

from __future__ import annotations

from typing import TypeAlias

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from store import lengths  # noqa: F401  (checks every text against its column before a flush)

#: A database session as dialogs/ and scheduler/ see it: one per handled message, one
#: transaction; they never import SQLAlchemy themselves.
Session: TypeAlias = AsyncSession
#: Where sessions come from (``session_factory``).
Sessions: TypeAlias = async_sessionmaker[AsyncSession]
#: A write refused by a unique constraint: a racing command got there first.
Conflict = IntegrityError
#: Any failure of the database (its connection, a statement): the transaction is lost.
DatabaseError = SQLAlchemyError

#: Seconds to wait for PostgreSQL to accept a connection before giving up on it.
CONNECT_TIMEOUT = 4.0


def open_engine(url: str) -> AsyncEngine:
    """Create the async engine for ``url`` (``sqlite+aiosqlite://`` or ``postgresql+asyncpg://``).

    SQL parameters are never logged nor put in error messages (``hide_parameters``): they hold
    names and e-mail addresses.
    """
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        _enable_sqlite_foreign_keys(engine.sync_engine)
        return engine
    return create_async_engine(
        url,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        hide_parameters=True,
        connect_args={"timeout": CONNECT_TIMEOUT},
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit, for rendering replies."""
    return async_sessionmaker(engine, expire_on_commit=False)


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
