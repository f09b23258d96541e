"""PostgreSQL restarted (or an administrator ending the bot's connections): the pooled
connections are dead, and the next message must still get its answer, not "something went
wrong". Every connection of the bot's database is ended from outside, as a restart would."""

from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy import text as sql
from sqlalchemy.engine import make_url

from dialogs.lang.sv import TEXTS
from store.db import open_engine
from tests.conftest import PG_ADMIN_DSN, FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat


async def _end_connections_to(database_url: str) -> int:
    """End every session on the bot's database; how many there were."""
    name = make_url(database_url).database
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        ended = await admin.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
    finally:
        await admin.close()
    return len(ended)


async def test_the_next_message_after_a_restart_is_answered(
    postgres_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    async with TeamsChat.running(postgres_url, connector, clock, migrate_on_start=True) as teams:
        await _restart_between_messages(teams, postgres_url)


async def _restart_between_messages(teams: TeamsChat, database_url: str) -> None:
    await teams.setup_council()
    assert "åtgärder" in (await teams.say("mina åtgärder", user="Lars Gelander")).casefold()
    assert await _end_connections_to(database_url) >= 1

    for text in ("mina åtgärder", "åtgärd Lars: Ringa regionen senast 30 dec", "åtgärder"):
        reply = await teams.say(text, user="Carin Skoog")
        assert TEXTS["problem.internal"] not in reply, (text, reply)
    assert "Ringa regionen" in reply


async def test_a_connection_the_database_ended_is_never_handed_out(postgres_url: str) -> None:
    """The pool replaces what the server closed at check-out, without a round trip; whoever
    uses the engine (a turn, a reminder, a page) gets a working connection."""
    engine = open_engine(postgres_url)
    try:
        async with engine.connect() as connection:
            pid = await connection.scalar(sql("SELECT pg_backend_pid()"))
            pooled = (await connection.get_raw_connection()).driver_connection
        assert await _end_connections_to(postgres_url) == 1
        for _ in range(200):  # until asyncpg has read the end of the pooled one's socket
            if pooled.is_closed():
                break
            await asyncio.sleep(0.01)
        async with engine.connect() as connection:
            assert await connection.scalar(sql("SELECT pg_backend_pid()")) != pid
    finally:
        await engine.dispose()
