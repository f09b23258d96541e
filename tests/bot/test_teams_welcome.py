"""Installing Rådsbot in a team: one welcome to whoever installed it, and none to others
joining later.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncConnection

from store.models import ConversationRef
from tests.fakes.teams import TeamsChat, mention_entities, message_text
from tests.fixtures.racing import just_before
from tests.fixtures.teams_activities import BOT, members_added


async def test_welcome_once_on_install(teams: TeamsChat) -> None:
    update = members_added(teams.connector.url, BOT["id"])
    assert await teams.post(update) == 201
    [welcome] = teams.connector.take()
    assert "Hej! Jag är Rådsbot" in message_text(welcome)
    # It speaks to whoever installed it, by an @mention, and tells them how to set up.
    assert "Tack för att du lade till mig, Carin Skoog!" in message_text(welcome)
    assert "Koppla nu den här kanalen" in message_text(welcome)
    assert "skapa råd" in message_text(welcome)
    [mention] = mention_entities(welcome)
    assert mention["mentioned"]["id"] == "29:carin"
    install = dict(update, type="installationUpdate", action="add", id="u2")
    install.pop("membersAdded")
    assert await teams.post(install) == 201
    assert teams.connector.take() == []


async def test_someone_else_joining_gets_no_welcome(teams: TeamsChat) -> None:
    update = members_added(teams.connector.url, "29:someone")
    assert await teams.post(update) == 201
    assert teams.connector.take() == []


# --- both of Teams' install events at once ---------------------------------------------------
# Teams sends a conversationUpdate and an installationUpdate when the bot is added, close
# together: they may be handled at the same moment (two workers, or one turn waiting for the
# database while the other runs). One welcome, and no error, whichever gets there first.


async def _welcomed_meanwhile(connection: AsyncConnection, values: dict[str, Any]) -> None:
    """The other event's turn: the conversation saved and welcomed."""
    await connection.execute(
        insert(ConversationRef.__table__).values(
            **{**values, "welcomed_at": datetime(2025, 5, 12, 7, 0, tzinfo=UTC)}
        )
    )


async def test_the_other_event_saved_the_new_conversation_first(
    teams: TeamsChat, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    install = members_added(teams.connector.url, BOT["id"])
    saving = "INSERT INTO conversation_refs"
    with caplog.at_level(logging.ERROR):
        async with just_before(database_url, saving, _welcomed_meanwhile) as raced:
            assert await teams.post(install) == 201
    assert raced
    assert teams.connector.take() == []  # the other event's turn welcomed
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def _welcome_claimed_meanwhile(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(
        update(ConversationRef.__table__)
        .where(ConversationRef.welcomed_at.is_(None))
        .values(welcomed_at=datetime(2025, 5, 12, 7, 0, tzinfo=UTC))
    )


async def test_the_other_event_welcomed_a_known_conversation_first(
    teams: TeamsChat, database_url: str
) -> None:
    """The channel was written in before the bot was installed there (so it is saved, not
    yet welcomed); both events find it unwelcomed, and only one may welcome."""
    install = members_added(teams.connector.url, BOT["id"])
    # the same conversation as the install event names it (no locale either), so the turn
    # that welcomes writes nothing else first
    message = teams.activity("hjälp", channel=install["conversation"]["id"], locale=None)
    assert await teams.post(message) == 201
    teams.connector.take()
    claiming = "UPDATE conversation_refs SET welcomed_at"
    async with just_before(database_url, claiming, _welcome_claimed_meanwhile) as raced:
        assert await teams.post(install) == 201
    assert raced
    assert teams.connector.take() == []
