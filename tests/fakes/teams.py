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

TENANT = "tenant-vgr"
TEAM = "19:team-sor-barn@thread.tacv2"
CHANNEL = "19:channel-general@thread.tacv2"
BOT = {"id": "28:radsbot-app", "name": "Rådsbot"}


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

    def activity(
        self,
        text: str,
        *,
        user: str = "Carin Skoog",
        aad: str | None = None,
        personal: bool = False,
        channel: str = CHANNEL,
        value: dict[str, Any] | None = None,
        mention: bool = True,
        user_id: str | None = None,
        mentions: tuple[tuple[str, str], ...] = (),
        locale: str | None = "sv-SE",
    ) -> dict[str, Any]:
        """A message activity as Teams sends it, from a channel (with @mention) or a 1:1 chat.

        ``mentions`` are (member id, display name) of people @mentioned in ``text`` as
        ``<at>display name</at>``; their entities carry no aadObjectId, as often in Teams.
        ``locale``: the language of the sender's Teams (None: the activity says none).
        """
        user_id = user_id or f"29:{user.replace(' ', '-').lower()}"
        activity: dict[str, Any] = {
            "type": "message",
            "id": str(next(self._ids)),
            "timestamp": "2025-04-09T08:00:00.000Z",
            "serviceUrl": self.connector.url,
            "channelId": "msteams",
            "from": {"id": user_id, "name": user, "aadObjectId": aad or f"aad-{user_id[3:]}"},
            "recipient": BOT,
            "text": text,
            "textFormat": "plain",
        }
        if personal:
            activity["conversation"] = {
                "conversationType": "personal",
                "tenantId": TENANT,
                "id": f"a:personal-{user_id}",
            }
            activity["channelData"] = {"tenant": {"id": TENANT}}
        else:
            if mention:
                activity["text"] = f"<at>Rådsbot</at> {text}"
                activity["entities"] = [
                    {"type": "mention", "text": "<at>Rådsbot</at>", "mentioned": BOT}
                ]
            activity["conversation"] = {
                "isGroup": True,
                "conversationType": "channel",
                "tenantId": TENANT,
                "id": f"{channel};messageid={activity['id']}",
            }
            activity["channelData"] = {
                "tenant": {"id": TENANT},
                "team": {"id": TEAM, "name": "SOR Barn"},
                "channel": {"id": channel, "name": "General"},
                "teamsChannelId": channel,
            }
        if mentions:
            activity.setdefault("entities", [])
            activity["entities"] += [
                {
                    "type": "mention",
                    "text": f"<at>{name}</at>",
                    "mentioned": {"id": id_, "name": name},
                }
                for id_, name in mentions
            ]
        if value is not None:
            activity["value"] = value
        if locale is not None:
            activity["locale"] = locale
        return activity

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


def message_text(activity: dict[str, Any]) -> str:
    """What a person reads in a message: its text, and the text blocks of its cards."""
    parts = [activity["text"]] if activity.get("text") else []
    for attachment in activity.get("attachments") or []:
        if attachment.get("contentType") == ADAPTIVE_CARD:
            parts.append(card_text(attachment["content"]))
    return "\n\n".join(parts)


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
