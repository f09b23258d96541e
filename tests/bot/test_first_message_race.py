"""Two first messages in one new conversation at once (a double tap, two members writing the
moment the bot is added): both save the conversation, one of them first. The other one's
INSERT meets the unique constraint; it reads the row just saved and answers as usual,
instead of "something went wrong" (found by bench_load: 1 in ~7,000 turns)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from dialogs.lang.sv import TEXTS
from store.models import ConversationRef
from tests.fakes.teams import TeamsChat
from tests.fixtures.racing import just_before


async def _the_same_conversation(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(insert(ConversationRef.__table__).values(**values))


async def test_the_second_first_message_is_answered(teams: TeamsChat, database_url: str) -> None:
    await teams.setup_council()
    saving = "INSERT INTO conversation_refs"
    async with just_before(database_url, saving, _the_same_conversation) as raced:
        reply = await teams.say("mina åtgärder", user="Lars Gelander", personal=True)
    assert raced, "the personal chat was not new"
    assert TEXTS["problem.internal"] not in reply
    assert "åtgärd" in reply.casefold()

    # the chat is saved once, and is the one the bot writes to
    again = await teams.say("hjälp", user="Lars Gelander", personal=True)
    assert TEXTS["problem.internal"] not in again
