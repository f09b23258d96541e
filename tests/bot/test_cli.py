"""The ``radsbot`` command itself: serve, chat and db upgrade, as separate processes."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp

from tests.fakes.connector import FakeConnector
from tests.fakes.teams import message_text

RADSBOT = str(Path(sys.executable).with_name("radsbot"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "RADSBOT_"))}
    env["RADSBOT_DATABASE_URL"] = database_url
    return env


def test_db_upgrade_and_chat(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    upgraded = subprocess.run(
        [RADSBOT, "db", "upgrade"], env=_env(url), capture_output=True, text=True, timeout=60
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert "up to date" in upgraded.stdout
    chat = subprocess.run(
        [RADSBOT, "chat", "--as", "Carin Skoog"],
        input="council create Samordningsråd Barn (SOR Barn)\nmeeting add 2099-09-12, Stationshuset\nnästa möte\n",
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert chat.returncode == 0, chat.stderr
    assert "Nästa möte: lör 12 sep 2099 kl. 09.30–15.30" in chat.stdout


async def test_serve_answers_next_meeting_over_api_messages(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}"
    setup = await asyncio.create_subprocess_exec(
        RADSBOT,
        "chat",
        "--as",
        "Carin Skoog",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=_env(url),
    )
    await setup.communicate(
        b"council create Samordningsr\xc3\xa5d Barn (SOR Barn)\nmeeting add 2099-09-12, Stationshuset\n"
        # the secretary's Teams account is known by its directory e-mail, never by its name
        b"member add Carin Skoog, sekreterare, carin.skoog@vgregion.se\n"
    )
    assert setup.returncode == 0
    port = _free_port()
    server = await asyncio.create_subprocess_exec(
        RADSBOT,
        "serve",
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=_env(url),
    )
    connector = FakeConnector()
    connector.set_member("29:carin", name="Carin Skoog", email="Carin.Skoog@vgregion.se")
    await connector.start()
    try:
        assert server.stdout is not None
        banner = await asyncio.wait_for(server.stdout.readline(), timeout=30)
        assert f"http://localhost:{port}/api/messages" in banner.decode()
        async with aiohttp.ClientSession() as http:
            await _wait_until_healthy(http, port)
            # The terminal session was linked to SOR Barn as conversation "console:sor barn";
            # a personal Teams chat of a roster member finds the council by membership.
            activity = {
                "type": "message",
                "id": "1",
                "serviceUrl": connector.url,
                "channelId": "msteams",
                "from": {"id": "29:carin", "name": "Carin Skoog", "aadObjectId": "aad-carin"},
                "recipient": {"id": "28:bot", "name": "Rådsbot"},
                "conversation": {"conversationType": "personal", "tenantId": "t", "id": "a:carin"},
                "text": "next meeting",
            }
            async with http.post(
                f"http://127.0.0.1:{port}/api/messages", json=activity
            ) as response:
                assert response.status == 201
        [reply] = connector.take()
        assert "Nästa möte: lör 12 sep 2099 kl. 09.30–15.30" in message_text(reply)
        assert "Stationshuset" in message_text(reply)
    finally:
        server.terminate()
        await server.wait()
        await connector.stop()


async def _wait_until_healthy(http: aiohttp.ClientSession, port: int) -> None:
    for _ in range(100):
        try:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)  # waiting for another process to boot, not for time to pass
    raise AssertionError("radsbot serve did not become healthy")


def test_reminders_run_once_prints_what_is_due_for_a_terminal_council(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'reminders.db'}"
    chat = subprocess.run(
        [RADSBOT, "chat", "--as", "Carin Skoog"],
        input="council create Samordningsråd Barn (SOR Barn)\nmeeting add 2099-09-15 kl 09.30, Stationshuset\n",
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert chat.returncode == 0, chat.stderr
    early = subprocess.run(
        [RADSBOT, "reminders", "run-once", "--now", "2099-09-08T07:59"],
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert early.returncode == 0, early.stderr
    assert "reminders: sent 0" in early.stdout
    due = subprocess.run(
        [RADSBOT, "reminders", "run-once", "--now", "2099-09-08T08:00"],
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert due.returncode == 0, due.stderr
    assert (
        "[console:default] SOR Barn: möte tis 15 sep kl. 09.30 – dags för dagordningen"
        in due.stdout
    )
    assert "reminders: sent 1" in due.stdout
