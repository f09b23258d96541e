"""A server stopping under load: aiohttp cancels a request that arrives on a kept-alive
connection as it begins to stop. The turn that request began still ends: its command saved,
its answer sent, and the server lets go of the database only after it."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import text as sql

from store.db import open_engine
from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat

ACTION = "åtgärd Lars: Ringa regionen senast 30 dec"


async def _begin_held_turn(teams: TeamsChat, connector: FakeConnector) -> asyncio.Task[int]:
    """Carin's action sent, the bot's answer held at the connector, the request cancelled
    as aiohttp cancels it when the server stops."""
    connector.hold()
    posting = asyncio.create_task(teams.post(teams.activity(ACTION, user="Carin Skoog")))
    await asyncio.wait_for(connector.held.wait(), 10)
    handlers = [task for task in asyncio.all_tasks() if _handles(task, "/api/messages")]
    assert len(handlers) == 1
    handlers[0].cancel()
    await asyncio.sleep(0.05)
    return posting


def _handles(task: asyncio.Task[object], path: str) -> bool:
    """Whether ``task`` is aiohttp's handling of a request for ``path`` (the bot's, not the
    fake connector's: both serve in this process)."""
    coro = task.get_coro()
    frame = getattr(coro, "cr_frame", None)
    request = frame.f_locals.get("request") if frame is not None else None
    return getattr(coro, "__qualname__", "") == "RequestHandler._handle_request" and (
        getattr(request, "path", None) == path
    )


def _answers(connector: FakeConnector) -> list[str]:
    return [
        str(activity.get("text") or activity.get("attachments"))
        for activity in connector.activities
    ]


async def _saved_actions(database_url: str) -> list[str]:
    engine = open_engine(database_url)
    try:
        async with engine.connect() as connection:
            return list((await connection.execute(sql("SELECT text FROM actions"))).scalars())
    finally:
        await engine.dispose()


@pytest.mark.parametrize("stopping", [False, True], ids=["request-cancelled", "server-stopping"])
async def test_a_turn_whose_request_is_cancelled_is_answered_and_saved(
    database_url: str, connector: FakeConnector, clock: FakeClock, stopping: bool
) -> None:
    async with TeamsChat.running(database_url, connector, clock) as teams:
        await teams.setup_council()
        answered = len(connector.activities)
        posting = await _begin_held_turn(teams, connector)
        if stopping:
            closing = asyncio.create_task(teams.server.close())
            await asyncio.sleep(0.3)
            assert not closing.done(), "the server stopped with a turn unanswered"
            connector.release()
            await asyncio.wait_for(closing, 10)
        else:
            connector.release()
            for _ in range(200):
                if len(connector.activities) > answered:
                    break
                await asyncio.sleep(0.02)
        await asyncio.gather(posting, return_exceptions=True)
    assert len(connector.activities) == answered + 1
    assert "Ringa regionen" in _answers(connector)[-1]
    assert await _saved_actions(database_url) == ["Ringa regionen"]


async def test_a_stopping_server_lets_the_reminders_under_way_go_out(
    database_url: str,
    connector: FakeConnector,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with TeamsChat.running(
        database_url, connector, clock, reminders_enabled=True, reminder_interval=0.1
    ) as teams:
        await teams.setup_council()
        await teams.say("action Joanna: Skicka underlag senast 15 maj")
        await teams.say("hjälp", user="Joanna Pestalozzi", personal=True)
        await teams.say("meeting add 7 maj kl 13.00")
        answered = len(connector.activities)
        connector.hold()
        clock.set("2025-04-30 08:00")  # a week before the meeting: its reminder is due
        await asyncio.wait_for(connector.held.wait(), 10)
        closing = asyncio.create_task(teams.server.close())
        await asyncio.sleep(0.3)
        assert not closing.done(), "the server stopped in the middle of sending reminders"
        connector.release()
        await asyncio.wait_for(closing, 20)
    sent = connector.activities[answered:]
    assert sent, "no reminder went out"
    # the meeting's call for agenda items, held at the connector while the server stopped
    assert any("dags för dagordningen" in str(a.get("text")) for a in sent), sent
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
