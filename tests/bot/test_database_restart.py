"""PostgreSQL restarted (or an administrator ending the bot's connections): the pooled
connections are dead, and the next message must still get its answer, not "something went
wrong". Every connection of the bot's database is ended from outside, as a restart would."""

from __future__ import annotations

import asyncpg
from sqlalchemy.engine import make_url

from dialogs.lang.sv import TEXTS
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
