"""PostgreSQL: reads before a session's first write go without BEGIN; the first write, a row
lock or an advisory lock begins the transaction, and from there on all is as before."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable

import asyncpg
import pytest
from sqlalchemy import func, select
from sqlalchemy import text as sql

from store.begin_on_write import WRITE_ALONE, plain_read
from store.db import Session, open_engine, session_factory


@pytest.mark.parametrize(
    ("statement", "reads"),
    [
        ("SELECT councils.id FROM councils WHERE councils.id = $1", True),
        ("  select 1", True),
        # a column or a table whose name merely contains the words
        ("SELECT people.for_update_note, people.shared FROM people", True),
        ("SELECT councils.id FROM councils WHERE councils.id = $1 FOR UPDATE", False),
        ("SELECT actions.id FROM actions FOR UPDATE SKIP LOCKED", False),
        ("SELECT actions.id FROM actions FOR NO KEY UPDATE", False),
        ("SELECT a.id FROM a FOR SHARE", False),
        ("SELECT a.id FROM a\nFOR  KEY SHARE OF a NOWAIT", False),
        ("SELECT pg_try_advisory_xact_lock($1, $2) AS anon_1", False),
        ("SELECT nextval('actions_id_seq')", False),
        ("SELECT set_config('x.y', 'z', true)", False),
        ("INSERT INTO councils (name) VALUES ($1) RETURNING councils.id", False),
        ("UPDATE actions SET status=$1 WHERE actions.id = $2", False),
        ("DELETE FROM reminders WHERE reminders.id = $1", False),
        ("WITH x AS (SELECT 1) SELECT * FROM x", True),
        ("with mine as (select id from actions) select count(*) from mine", True),
        ("WITH gone AS (DELETE FROM a RETURNING id) SELECT count(*) FROM gone", False),
        ("WITH n AS (INSERT INTO a (x) VALUES (1) RETURNING id) SELECT id FROM n", False),
        ("WITH u AS (\nUPDATE a SET x = 1 RETURNING id) SELECT * FROM u", False),
        ("WITH x AS (SELECT id FROM a FOR UPDATE) SELECT * FROM x", False),
        # a column whose name holds the word is no write: still BEGIN, never the other way
        ("WITH x AS (SELECT a.updated_at, a.deleted FROM a) SELECT * FROM x", True),
        ("WITH x AS (SELECT a.update FROM a) SELECT * FROM x", False),
    ],
)
def test_what_counts_as_a_plain_read(statement: str, reads: bool) -> None:
    assert plain_read(statement) is reads


@pytest.fixture
async def session(postgres_url: str) -> AsyncIterator[Session]:
    engine = open_engine(postgres_url)
    async with engine.begin() as connection:
        await connection.execute(sql("CREATE TABLE notes (id serial PRIMARY KEY, words text)"))
        await connection.execute(sql("INSERT INTO notes (words) VALUES ('first')"))
    try:
        async with session_factory(engine)() as opened:
            yield opened
    finally:
        await engine.dispose()


async def _in_transaction(session: Session) -> bool:
    """Whether the server holds a transaction open on the session's connection (asyncpg
    reads it off the protocol: no statement is sent to ask)."""
    raw = await (await session.connection()).get_raw_connection()
    return bool(raw.driver_connection.is_in_transaction())


def _other(postgres_url: str) -> Awaitable[asyncpg.Connection]:
    """Another connection to the same database, outside SQLAlchemy."""
    return asyncpg.connect(postgres_url.replace("postgresql+asyncpg", "postgresql"))


async def _words(postgres_url: str) -> list[str]:
    """The notes as another connection sees them: what was committed."""
    other = await _other(postgres_url)
    try:
        return [row["words"] for row in await other.fetch("SELECT words FROM notes ORDER BY id")]
    finally:
        await other.close()


async def test_reads_alone_open_no_transaction(session: Session) -> None:
    assert await session.scalar(sql("SELECT words FROM notes")) == "first"
    assert await session.scalar(select(func.count()).select_from(sql("notes"))) == 1
    assert not await _in_transaction(session)
    await session.commit()  # nothing to commit, and no error for it
    assert await session.scalar(sql("SELECT count(*) FROM notes")) == 1


async def test_the_first_write_begins_the_transaction_and_a_rollback_undoes_it(
    session: Session, postgres_url: str
) -> None:
    await session.execute(sql("SELECT words FROM notes"))
    await session.execute(sql("INSERT INTO notes (words) VALUES ('second')"))
    assert await _in_transaction(session)
    # a read after the write is in the transaction: it sees the write
    assert await session.scalar(sql("SELECT count(*) FROM notes")) == 2
    assert await _words(postgres_url) == ["first"]  # not yet committed
    await session.execute(sql("UPDATE notes SET words = 'changed' WHERE words = 'first'"))
    await session.rollback()
    assert await _words(postgres_url) == ["first"]


async def test_all_writes_after_a_read_are_committed_together(
    session: Session, postgres_url: str
) -> None:
    await session.execute(sql("SELECT words FROM notes"))
    await session.execute(sql("INSERT INTO notes (words) VALUES ('second')"))
    await session.execute(sql("SELECT words FROM notes"))
    await session.execute(sql("INSERT INTO notes (words) VALUES ('third')"))
    assert await _words(postgres_url) == ["first"]
    await session.commit()
    assert await _words(postgres_url) == ["first", "second", "third"]


async def test_a_row_lock_begins_the_transaction_and_lasts_until_it_ends(
    session: Session, postgres_url: str
) -> None:
    await session.execute(sql("SELECT id FROM notes WHERE words = 'first' FOR UPDATE"))
    assert await _in_transaction(session)
    other = await _other(postgres_url)
    try:
        with pytest.raises(asyncpg.LockNotAvailableError):
            await other.fetch("SELECT id FROM notes FOR UPDATE NOWAIT")
        await session.commit()
        assert len(await other.fetch("SELECT id FROM notes FOR UPDATE NOWAIT")) == 1
    finally:
        await other.close()


async def test_an_advisory_lock_for_the_transaction_is_held_until_it_ends(
    session: Session, postgres_url: str
) -> None:
    assert await session.scalar(sql("SELECT pg_try_advisory_xact_lock(4711, 1)")) is True
    assert await _in_transaction(session)
    other = await _other(postgres_url)
    try:
        assert await other.fetchval("SELECT pg_try_advisory_lock(4711, 1)") is False
        await session.commit()
        assert await other.fetchval("SELECT pg_try_advisory_lock(4711, 1)") is True
    finally:
        await other.close()


async def test_a_write_that_may_stand_alone_is_saved_at_once_when_nothing_came_before(
    session: Session, postgres_url: str
) -> None:
    await session.execute(sql("SELECT words FROM notes"))
    await session.execute(sql(f"UPDATE {WRITE_ALONE} notes SET words = 'seen'"))
    assert not await _in_transaction(session)
    assert await _words(postgres_url) == ["seen"]  # saved, with no COMMIT to send
    # the next write begins the transaction as before; a rollback undoes it, not the first
    await session.execute(sql("INSERT INTO notes (words) VALUES ('second')"))
    assert await _in_transaction(session)
    await session.rollback()
    assert await _words(postgres_url) == ["seen"]


async def test_a_write_that_may_stand_alone_joins_a_transaction_already_open(
    session: Session, postgres_url: str
) -> None:
    await session.execute(sql("INSERT INTO notes (words) VALUES ('second')"))
    await session.execute(sql(f"UPDATE {WRITE_ALONE} notes SET words = 'seen'"))
    assert await _words(postgres_url) == ["first"]
    await session.rollback()  # both taken back together
    assert await _words(postgres_url) == ["first"]
    await session.execute(sql("INSERT INTO notes (words) VALUES ('second')"))
    await session.execute(sql(f"UPDATE {WRITE_ALONE} notes SET words = 'seen'"))
    await session.commit()
    assert await _words(postgres_url) == ["seen", "seen"]
