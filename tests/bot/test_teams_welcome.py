"""Installing Rådsbot in a team: one welcome to whoever installed it, and none to others
joining later.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from tests.fakes.teams import TeamsChat, mention_entities, message_text
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
