"""``radsbot serve --workers N``: N processes answer on one port, sharing one PostgreSQL
database; what one worker asks, another can take the answer to (the question is stored)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import aiohttp
import pytest

from tests.fakes.connector import FakeConnector
from tests.fakes.radsbot_cli import RADSBOT, free_port, radsbot_env, read_banner, wait_until_healthy
from tests.fakes.teams import TeamsChat, message_text


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


async def _serve_two(database_url: str, port: int, **settings: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        RADSBOT,
        "serve",
        "--workers",
        "2",
        "--port",
        str(port),
        env=radsbot_env(database_url, **settings),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_workers_need_postgresql(sqlite_url: str) -> None:
    process = await _serve_two(sqlite_url, free_port())
    _, error = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert "--workers above 1 needs a PostgreSQL RADSBOT_DATABASE_URL" in error.decode()


@pytest.mark.timeout(120)
async def test_two_workers_share_the_port_and_the_database(
    postgres_url: str, connector: FakeConnector
) -> None:
    port = free_port()
    process = await _serve_two(postgres_url, port, RADSBOT_REMINDERS="false")
    try:
        assert process.stdout is not None
        banner = await asyncio.wait_for(read_banner(process.stdout), 60)
        assert "2 worker processes" in banner
        # a fresh connection for every request: the kernel hands them to either worker
        no_keep_alive = aiohttp.TCPConnector(force_close=True)
        async with aiohttp.ClientSession(connector=no_keep_alive) as http:
            await wait_until_healthy(http, port)
            assert len(_children(process.pid)) == 2
            chat = TeamsChat.__new__(TeamsChat)
            chat.connector = connector
            chat._ids = iter(range(5000, 6000))  # type: ignore[assignment]
            url = f"http://127.0.0.1:{port}/api/messages"

            async def say(text: str, **kwargs: object) -> int:
                async with http.post(url, json=chat.activity(text, **kwargs)) as response:
                    return response.status

            assert await say("council create Samordningsråd Barn (SOR Barn)") == 201
            assert await say("member add Lars Gelander") == 201
            assert await say("member add Lars Gelander Nilsson") == 201
            connector.take()
            # a question in one request, its answer in the next: whichever worker takes it
            assert await say("member remove Lars") == 201
            assert "Vem menar du med ”Lars”?" in message_text(connector.take()[0])
            assert await say("1") == 201
            statuses = await asyncio.gather(*(say("hjälp") for _ in range(20)))
            assert statuses == [201] * 20
        answers = [message_text(a) for a in connector.take()]
        assert "Lars Gelander" in answers[0] and "borttagen" in answers[0], answers[0]
        assert len(answers) == 21
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
    assert process.returncode == 0
