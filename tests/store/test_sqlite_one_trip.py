"""SQLite: each statement is one trip to aiosqlite's thread, a COMMIT or ROLLBACK with no
transaction open is none, and every answer is what SQLAlchemy's own adapter gave."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiosqlite.core
import pytest
from sqlalchemy import text as sql
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from store.db import open_engine, session_factory


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The name of every function aiosqlite sends to a connection's thread, in order."""
    sent: list[str] = []
    original = aiosqlite.core.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: object, *args: object) -> object:
        sent.append(getattr(fn, "__name__", type(fn).__name__))
        return await original(self, fn, *args)

    monkeypatch.setattr(aiosqlite.core.Connection, "_execute", counted)
    yield sent


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    opened = open_engine(f"sqlite+aiosqlite:///{tmp_path / 'trips.db'}")
    async with opened.begin() as connection:
        await connection.execute(sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, words TEXT)"))
        await connection.execute(sql("CREATE UNIQUE INDEX uq_words ON notes (words)"))
        await connection.execute(sql("INSERT INTO notes (words) VALUES ('first'), ('second')"))
    try:
        yield opened
    finally:
        await opened.dispose()


async def test_a_read_is_one_trip_and_its_session_none_more(
    engine: AsyncEngine, trips: list[str]
) -> None:
    async with session_factory(engine)() as session:
        rows = (await session.execute(sql("SELECT id, words FROM notes ORDER BY id"))).all()
        await session.commit()
    assert [tuple(row) for row in rows] == [(1, "first"), (2, "second")]
    assert trips == ["run_statement"]


async def test_a_write_is_one_trip_and_its_commit_one_more(
    engine: AsyncEngine, trips: list[str]
) -> None:
    async with session_factory(engine)() as session:
        result = await session.execute(sql("UPDATE notes SET words = words || '!'"))
        assert result.rowcount == 2
        inserted = await session.execute(sql("INSERT INTO notes (words) VALUES ('third')"))
        assert inserted.lastrowid == 3
        await session.commit()
    # and the pool's rollback when the connection comes back, after the commit, goes nowhere
    assert trips == ["run_statement", "run_statement", "commit"]
    async with engine.connect() as connection:
        words = (await connection.execute(sql("SELECT words FROM notes ORDER BY id"))).scalars()
        assert list(words) == ["first!", "second!", "third"]


async def test_a_write_rolled_back_is_gone(engine: AsyncEngine, trips: list[str]) -> None:
    async with session_factory(engine)() as session:
        await session.execute(sql("DELETE FROM notes"))
        await session.rollback()
    assert trips == ["run_statement", "rollback"]
    async with engine.connect() as connection:
        count = (await connection.execute(sql("SELECT count(*) FROM notes"))).scalar()
    assert count == 2


async def test_many_rows_many_parameters_and_a_description(
    engine: AsyncEngine, trips: list[str]
) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            sql("INSERT INTO notes (words) VALUES (:words)"),
            [{"words": f"note {n}"} for n in range(5_000)],
        )
        result = await connection.execute(sql("SELECT id AS number, words FROM notes"))
        assert list(result.keys()) == ["number", "words"]
        assert len(result.all()) == 5_002
        none = await connection.execute(sql("SELECT words FROM notes WHERE id < 0"))
        assert none.all() == []
        assert none.keys() == ["words"]
    assert trips == ["_run_many", "run_statement", "run_statement", "commit"]


async def test_a_refused_statement_fails_as_before_and_the_connection_goes_on(
    engine: AsyncEngine,
) -> None:
    async with session_factory(engine)() as session:
        with pytest.raises(IntegrityError):
            await session.execute(sql("INSERT INTO notes (words) VALUES ('first')"))
        await session.rollback()
        with pytest.raises(OperationalError):
            await session.execute(sql("SELECT nothing FROM nowhere"))
        await session.rollback()
        count = (await session.execute(sql("SELECT count(*) FROM notes"))).scalar()
    assert count == 2
