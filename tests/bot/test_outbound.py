"""Outbound Bot Connector calls (a turn's reply, a private answer, a reminder) go over one
shared aiohttp session with keep-alive, on the event loop: never through ``requests``, never
through a thread pool; and the bot's token is cached and renewed before anyone waits for it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest
import requests
from aiohttp import ClientSession

from bot.settings import Settings
from bot.teams_auth import BOT_SCOPE, BotTokens
from tests.conftest import FakeClock
from tests.fakes.bot_framework import APP_ID, APP_SECRET, FakeLogin
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat, message_text


class _NoThreads(ThreadPoolExecutor):
    """The loop's default executor, refusing work: a thread-pool hop fails the test."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        raise AssertionError(f"a thread-pool hop on the turn's path: {fn!r}")


@pytest.fixture
def no_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("requests was used to call out")

    monkeypatch.setattr(requests.Session, "send", refuse)


async def test_replies_private_answers_and_reminders_need_no_thread_and_share_a_connection(
    teams: TeamsChat, connector: FakeConnector, clock: FakeClock, no_requests: None
) -> None:
    await teams.setup_council()
    await teams.say("action Joanna: Skicka underlag senast 15 maj")
    await teams.say("hjälp", user="Joanna Pestalozzi", personal=True)
    connector.peers.clear()
    asyncio.get_running_loop().set_default_executor(_NoThreads())

    assert "Skicka underlag" in await teams.say("åtgärder", user="Joanna Pestalozzi")
    # asked in the channel, answered in her private chat, with a note in the channel
    assert await teams.post(teams.activity("åtgärder mina", user="Joanna Pestalozzi")) == 201
    places = {a["_conversation"].split(";")[0]: message_text(a) for a in connector.take()}
    assert "#1 Skicka underlag" in places["a:personal-29:joanna-pestalozzi"]
    await teams.say("meeting add 7 maj kl 13.00")
    clock.set("2025-04-30 08:00")
    stats = await teams.send_reminders(clock.now)
    assert stats.sent == 1 and stats.failed == stats.retried == 0
    assert "dags för dagordningen" in message_text(connector.take()[0])

    assert len(connector.peers) == 5
    assert len(set(connector.peers)) == 1  # one kept-alive connection for all of them


async def test_a_busy_teams_gets_the_reply_again(
    teams: TeamsChat, connector: FakeConnector
) -> None:
    """Teams answers 429 to the first try of a turn's reply: the reply is sent once more
    (after the Retry-After it gave) and arrives once."""
    connector.fail_next(429, retry_after="0")
    assert "skapat" in await teams.say("council create Samordningsråd Barn (SOR Barn)")
    assert connector.refused == 1


class _Seconds:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


async def _until(condition: Callable[[], bool]) -> None:
    """Wait (a few real milliseconds at a time, at most 5 s) for a background fetch."""
    async with asyncio.timeout(5):
        while not condition():
            await asyncio.sleep(0.005)


async def test_the_bots_token_is_cached_and_renewed_in_the_background() -> None:
    """The login endpoint gives tokens for 3599 s. Callers at once share one fetch; the token
    is handed out from the cache; in its last ten minutes a new one is fetched while the old
    one still serves; a caller waits only when the token is in its last five minutes."""
    clock = _Seconds()
    settings = Settings(
        microsoft_app_id=APP_ID, microsoft_app_password=APP_SECRET, test_login_url=""
    )
    async with FakeLogin() as login, ClientSession() as http:
        settings = settings.model_copy(update={"test_login_url": login.url})
        tokens = BotTokens(http, settings, clock=clock)
        assert (
            await asyncio.gather(*(tokens.token(BOT_SCOPE) for _ in range(5)))
            == ["bot-token-1"] * 5
        )
        clock.now += 2900
        assert await tokens.token(BOT_SCOPE) == "bot-token-1"
        assert login.issued == ["bot-token-1"]

        clock.now += 100  # 3000 s: within ten minutes of its end
        assert await tokens.token(BOT_SCOPE) == "bot-token-1"  # no wait for the new one
        await _until(lambda: login.issued == ["bot-token-1", "bot-token-2"])
        await asyncio.sleep(0)
        assert await tokens.token(BOT_SCOPE) == "bot-token-2"

        clock.now += 3600 - 200  # token 2 in its last five minutes, never renewed: wait
        assert await tokens.token(BOT_SCOPE) == "bot-token-3"
        assert login.issued == ["bot-token-1", "bot-token-2", "bot-token-3"]
        await tokens.close()


def test_a_reply_goes_out_as_msrest_would_serialize_it() -> None:
    """The fast serializer gives the JSON that botbuilder's own (msrest) would, for the
    kinds of replies the bot sends: Markdown with a mention, a card, a reference applied."""
    from datetime import UTC, datetime

    from botbuilder.core import TurnContext
    from botbuilder.schema import ConversationReference

    from bot.connector import wire_json
    from bot.teams import reply_activity
    from dialogs.model import Item, Reply
    from scheduler.delivery import Mention

    reference = ConversationReference().deserialize(
        {
            "activityId": "17",
            "bot": {"id": "28:bot", "name": "Rådsbot"},
            "channelId": "msteams",
            "conversation": {"id": "19:c@thread.tacv2", "isGroup": True, "tenantId": "t"},
            "serviceUrl": "http://127.0.0.1:1/",
            "user": {"id": "29:u", "name": "Lars", "aadObjectId": "aad-u"},
        }
    )
    replies = [
        reply_activity(Reply(title="Klart"), Mention("29:u", "Lars Gelander")),
        reply_activity(Reply(title="Åtgärder", items=(Item("#1 Skicka", "senast 15 maj"),))),
        reply_activity(Reply(title="Möte", lines=("Plats", "Länk")), Mention("", "Karin")),
    ]
    for activity in replies:
        activity = TurnContext.apply_conversation_reference(activity, reference)
        activity.timestamp = datetime(2025, 4, 9, 8, 0, 0, 123000, tzinfo=UTC)
        assert wire_json(activity) == activity.serialize()


def test_the_fast_serializer_writes_a_conversation_reference_as_msrest_does() -> None:
    """What a message's reference is saved as (``incoming_from``) is what botbuilder's own
    serializer gives, so a saved reference reads back the same and compares equal."""
    from botbuilder.core import TurnContext

    from bot.connector import wire_json
    from bot.teams_activity import read_activity

    body = {
        "type": "message",
        "id": "1712",
        "timestamp": "2025-04-09T08:00:00.000Z",
        "serviceUrl": "https://smba.trafficmanager.net/emea/",
        "channelId": "msteams",
        "from": {"id": "29:u", "name": "Lars Gelander", "aadObjectId": "aad-u"},
        "recipient": {"id": "28:bot", "name": "Rådsbot"},
        "conversation": {
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": "t",
            "id": "19:c@thread.tacv2;messageid=1712",
        },
        "locale": "sv-SE",
        "text": "<at>Rådsbot</at> nästa möte",
        "channelData": {"tenant": {"id": "t"}, "teamsChannelId": "19:c@thread.tacv2"},
    }
    personal = {
        **body,
        "conversation": {"conversationType": "personal", "tenantId": "t", "id": "a:1"},
        "locale": None,
    }
    for sent in (body, personal):
        activity = read_activity(json.dumps(sent).encode())
        reference = TurnContext.get_conversation_reference(activity)
        assert wire_json(reference) == reference.serialize()
