"""Posting Teams-shaped activities to the real ``/api/messages`` endpoint."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.app import REMINDER_SENDER, create_app
from bot.render_card import ADAPTIVE_CARD, card_text
from bot.settings import Settings
from tests.fakes.connector import FakeConnector
from tests.fakes.local_server import get_link
from tests.fixtures import teams_activities


class TeamsChat:
    """One running app plus helpers to speak to it as Teams would."""

    def __init__(self, server: TestServer, http: ClientSession, connector: FakeConnector) -> None:
        self.server = server
        self.app = server.app
        self.http = http
        self.connector = connector
        self._ids = itertools.count(1000)

    @classmethod
    @asynccontextmanager
    async def running(
        cls,
        database_url: str,
        connector: FakeConnector,
        clock: Callable[[], datetime],
        **settings: Any,
    ) -> AsyncIterator[TeamsChat]:
        settings.setdefault("reminders_enabled", False)  # tests send with run_once and a fake clock
        app = create_app(Settings(database_url=database_url, **settings), clock=clock)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        try:
            async with ClientSession() as http:
                yield cls(server, http, connector)
        finally:
            await server.close()

    def activity(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """A message activity as Teams sends it, with the next id (see ``teams_activities``)."""
        return teams_activities.message(self.connector.url, text, id=str(next(self._ids)), **kwargs)

    async def post(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> int:
        url = self.server.make_url("/api/messages")
        async with self.http.post(url, json=activity, headers=headers or {}) as response:
            return response.status

    async def get(self, link: str) -> tuple[int, bytes, dict[str, str]]:
        """GET a link the bot gave out (its path, on this local server): status, body, headers."""
        return await get_link(self.server, self.http, link)

    async def send_reminders(self, now: datetime) -> Any:
        """Run the real reminder sender once, as the scheduler would at ``now``."""
        return await self.app[REMINDER_SENDER].run_once(now)

    async def say(self, text: str, **kwargs: Any) -> str:
        """Send one message and return the text of the bot's one reply."""
        status = await self.post(self.activity(text, **kwargs))
        assert status in (200, 201), status
        replies = self.connector.take()
        assert len(replies) == 1, replies
        return message_text(replies[0])

    async def setup_council(self) -> None:
        """A council with the roster of the SOR Barn minutes, created by its secretary."""
        await self.say("council create Samordningsråd Barn (SOR Barn)")
        await self.say("members add\n" + SOR_BARN_ROSTER)

    async def vouch_for(self, name: str) -> None:
        """The secretary links the member's Teams account with `member link`: proof of who
        it is, as seeing or erasing one's own data needs (a display name alone is none)."""
        user_id = f"29:{name.replace(' ', '-').lower()}"
        linked = await self.say(f"member link {name} <at>{name}</at>", mentions=((user_id, name),))
        assert "är nu kopplad" in linked, linked


def message_text(activity: dict[str, Any]) -> str:
    """What a person reads in a message: its text, and the text blocks of its cards."""
    parts = [activity["text"]] if activity.get("text") else []
    for attachment in activity.get("attachments") or []:
        if attachment.get("contentType") == ADAPTIVE_CARD:
            parts.append(card_text(attachment["content"]))
    return "\n\n".join(parts)


def card_buttons(activity: dict[str, Any]) -> dict[str, str]:
    """Title -> command of every button (Action.Submit) on the cards of a message."""
    found: list[dict[str, Any]] = []
    for attachment in activity.get("attachments") or []:
        if attachment.get("contentType") != ADAPTIVE_CARD:
            continue
        found += attachment["content"].get("actions", [])
        elements = list(attachment["content"].get("body", []))
        while elements:
            element = elements.pop()
            found += element.get("actions", [])
            elements += element.get("items", [])
    return {a["title"]: a["data"]["command"] for a in found if a["type"] == "Action.Submit"}


def mention_entities(activity: dict[str, Any]) -> list[dict[str, Any]]:
    """The @mentions of a message, in its text or inside its card."""
    found = list(activity.get("entities") or [])
    for attachment in activity.get("attachments") or []:
        found += (attachment.get("content") or {}).get("msteams", {}).get("entities", [])
    return [e for e in found if e.get("type") == "mention"]


SOR_BARN_ROSTER = """Deltagare
Carin Skoog, *sekreterare*
Daniel Holmgren
Elsa Fransson Bona
Jenny Linder, *deltar på punkt 2*
Joanna Pestalozzi
Josefine Hätting, *teams*
Josefine Roswall
Karin Andersson, *teams*
Karin Berg
Karolina Andersson
Lars Gelander
Lisa Bondjers
Lisa Ståleby
Lorna Niklasson
Maja Berndes, *ordförande*, maja.berndes@vgregion.se
Niklas Segerdahl
Susanne Johansen
Övriga deltagare
Anne Wennberg
Erik Kullingsjö"""
