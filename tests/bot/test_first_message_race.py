"""Two first messages in one new conversation at once (a double tap, two members writing the
moment the bot is added): both save the conversation, one of them first. The other one's
INSERT meets the unique constraint; it reads the row just saved and answers as usual,
instead of "something went wrong" (found by bench_load: 1 in ~7,000 turns)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util import await_only

from dialogs.lang.sv import TEXTS
from store.models import ConversationRef
from tests.fakes.teams import TeamsChat


@asynccontextmanager
async def saved_first_by_another(database_url: str) -> AsyncIterator[list[str]]:
    """Just before this process inserts a conversation, another connection (another turn,
    another worker) inserts the same one and commits."""
    other = create_async_engine(database_url)
    raced: list[str] = []

    def race(_conn: Any, _cursor: Any, statement: str, _p: Any, context: Any, _m: Any) -> None:
        if raced or not statement.startswith("INSERT INTO conversation_refs"):
            return
        values = dict(context.compiled_parameters[0])
        raced.append(values["conversation_id"])
        await_only(_insert(other, values))

    event.listen(Engine, "before_cursor_execute", race)
    try:
        yield raced
    finally:
        event.remove(Engine, "before_cursor_execute", race)
        await other.dispose()


async def _insert(engine: AsyncEngine, values: dict[str, Any]) -> None:
    async with engine.begin() as connection:
        await connection.execute(insert(ConversationRef.__table__).values(**values))


async def test_the_second_first_message_is_answered(teams: TeamsChat, database_url: str) -> None:
    await teams.setup_council()
    async with saved_first_by_another(database_url) as raced:
        reply = await teams.say("mina åtgärder", user="Lars Gelander", personal=True)
    assert raced, "the personal chat was not new"
    assert TEXTS["problem.internal"] not in reply
    assert "åtgärd" in reply.casefold()

    # the chat is saved once, and is the one the bot writes to
    again = await teams.say("hjälp", user="Lars Gelander", personal=True)
    assert TEXTS["problem.internal"] not in again
