"""The ``radsbot`` command itself: serve, chat and db upgrade, as separate processes."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import aiohttp

from tests.fakes.connector import FakeConnector
from tests.fakes.radsbot_cli import RADSBOT, free_port, radsbot_env, read_banner, wait_until_healthy
from tests.fakes.teams import message_text
from tests.fixtures.teams_activities import message


def test_db_upgrade_and_chat(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    upgraded = subprocess.run(
        [RADSBOT, "db", "upgrade"], env=radsbot_env(url), capture_output=True, text=True, timeout=60
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert "up to date" in upgraded.stdout
    chat = subprocess.run(
        [RADSBOT, "chat", "--as", "Carin Skoog"],
        input="council create Samordningsråd Barn (SOR Barn)\nmeeting add 2099-09-11, Stationshuset\nnästa möte\n",
        env=radsbot_env(url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert chat.returncode == 0, chat.stderr
    assert "Nästa möte: fre 11 sep 2099 kl. 09.30–15.30" in chat.stdout


async def test_serve_answers_next_meeting_over_api_messages(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}"
    setup = await asyncio.create_subprocess_exec(
        RADSBOT,
        "chat",
        "--as",
        "Carin Skoog",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=radsbot_env(url),
    )
    await setup.communicate(
        b"council create Samordningsr\xc3\xa5d Barn (SOR Barn)\nmeeting add 2099-09-11, Stationshuset\n"
        # the secretary's Teams account is known by its directory e-mail, never by its name
        b"member add Carin Skoog, sekreterare, carin.skoog@vgregion.se\n"
    )
    assert setup.returncode == 0
    port = free_port()
    server = await asyncio.create_subprocess_exec(
        RADSBOT,
        "serve",
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=radsbot_env(url),
    )
    connector = FakeConnector()
    connector.set_member("29:carin", name="Carin Skoog", email="Carin.Skoog@vgregion.se")
    await connector.start()
    try:
        assert server.stdout is not None
        banner = await asyncio.wait_for(read_banner(server.stdout), timeout=30)
        assert f"http://127.0.0.1:{port}/api/messages" in banner
        async with aiohttp.ClientSession() as http:
            await wait_until_healthy(http, port)
            # The terminal session was linked to SOR Barn as conversation "console:sor barn";
            # a personal Teams chat of a roster member finds the council by membership.
            activity = message(
                connector.url, "next meeting", id="1", user_id="29:carin", personal=True
            )
            async with http.post(
                f"http://127.0.0.1:{port}/api/messages", json=activity
            ) as response:
                assert response.status == 201
        [reply] = connector.take()
        assert "Nästa möte: fre 11 sep 2099 kl. 09.30–15.30" in message_text(reply)
        assert "Stationshuset" in message_text(reply)
    finally:
        server.terminate()
        await server.wait()
        await connector.stop()


async def test_migrate_then_serve_without_migrating(tmp_path: Path) -> None:
    """An upgrade as a container platform does it: ``radsbot migrate`` once, then processes
    that only check the schema (``--no-migrate``) and report ready."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'migrate.db'}"
    migrated = subprocess.run(
        [RADSBOT, "migrate"], env=radsbot_env(url), capture_output=True, text=True, timeout=60
    )
    assert migrated.returncode == 0, migrated.stderr
    assert "up to date" in migrated.stdout
    port = free_port()
    server = await asyncio.create_subprocess_exec(
        RADSBOT,
        "serve",
        "--no-migrate",
        "--port",
        str(port),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=radsbot_env(url, RADSBOT_REMINDERS="false"),
    )
    try:
        assert server.stdout is not None
        await asyncio.wait_for(read_banner(server.stdout), timeout=30)
        async with aiohttp.ClientSession() as http:
            await wait_until_healthy(http, port)
            async with http.get(f"http://127.0.0.1:{port}/readyz") as response:
                assert response.status == 200, await response.text()
    finally:
        server.terminate()
        await server.wait()
