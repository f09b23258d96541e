"""Running the real ``radsbot`` command as a separate process, on this worktree's code."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

import aiohttp

RADSBOT = str(Path(sys.executable).with_name("radsbot"))
ROOT = Path(__file__).resolve().parents[2]
#: The line ``radsbot serve`` prints once it is ready to listen.
BANNER_START = "Rådsbot listening on"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def radsbot_env(database_url: str, **settings: str) -> dict[str, str]:
    """This environment without any Rådsbot, Teams or Slack setting, plus ``settings``;
    this worktree's code first on the path, also in the child process."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("Microsoft", "RADSBOT_", "SLACK_")) and k != "PORT"
    }
    env["PYTHONPATH"] = str(ROOT)
    env["RADSBOT_DATABASE_URL"] = database_url
    env.update(settings)
    return env


async def read_banner(output: asyncio.StreamReader) -> str:
    """The start-up line, after the log lines of migrating the database."""
    while line := (await output.readline()).decode():
        if line.startswith(BANNER_START):
            return line
    raise AssertionError("radsbot serve ended without its start-up line")


async def wait_until_healthy(http: aiohttp.ClientSession, port: int) -> None:
    for _ in range(100):
        try:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)  # waiting for another process to boot, not for time to pass
    raise AssertionError("radsbot serve did not become healthy")
