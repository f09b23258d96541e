"""Reminders in parallel: how fast several sender processes on one PostgreSQL empty the outbox.

Run from the repository root (PostgreSQL at 127.0.0.1:5432, user postgres):

    .venv/bin/python bench/bench_reminders.py                  # 5,000 reminders, 2 senders
    .venv/bin/python bench/bench_reminders.py --reminders 500 --people 100

A fresh database gets ``--people`` members with a personal Teams chat each, owning
``--reminders`` actions whose deadline reminders are all due (``tests/fakes/outbox.py``, as
the crash test fills it). Then ``--processes`` real ``radsbot reminders run-once`` processes
start at once on that database and send to a Bot Connector faked in this process, which
records every delivery. Printed: reminders per second (first to last delivery, and with the
processes' start-up), duplicates (a reminder delivered more than once), lost (never
delivered), and the outbox's states afterwards. Exit code 1 on a duplicate or a loss.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import web  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from bench.world import fresh_database  # noqa: E402
from dialogs.dates.writing import STOCKHOLM  # noqa: E402
from store.db import open_engine, session_factory  # noqa: E402
from store.models import Reminder  # noqa: E402
from tests.fakes.outbox import fill_outbox  # noqa: E402

RADSBOT = str(Path(sys.executable).with_name("radsbot"))
NOW = datetime(2025, 4, 9, 10, 0, tzinfo=STOCKHOLM)
DUE = datetime(2025, 5, 16, tzinfo=STOCKHOLM)  # a Friday; 3 working days before: Tue 13 May
SEND_AT = "2025-05-13T08:00"
#: The action a reminder is about, as its text names it (``#17 Uppgift 17``).
ACTION_NUMBER = re.compile(r"#(\d+) ")


class CountingConnector:
    """The Bot Connector: takes every message, keyed by conversation and action number."""

    def __init__(self) -> None:
        self.delivered: Counter[tuple[str, str]] = Counter()
        self.first = self.last = 0.0
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._take)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._take)
        self._runner = web.AppRunner(app, access_log=None)
        self.url = ""

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/"

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _take(self, request: web.Request) -> web.Response:
        raw = await request.text()
        now = time.perf_counter()
        self.first = self.first or now
        self.last = now
        found = ACTION_NUMBER.search(raw)
        self.delivered[(request.match_info["conversation"], found[1] if found else "?")] += 1
        return web.json_response({"id": f"sent-{sum(self.delivered.values())}"})


async def states(url: str) -> dict[str, int]:
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            rows = await session.execute(
                select(Reminder.state, func.count()).group_by(Reminder.state)
            )
            return {str(state.value): count for state, count in rows.all()}
    finally:
        await engine.dispose()


async def run(options: argparse.Namespace) -> int:
    connector = CountingConnector()
    await connector.start()
    try:
        async with fresh_database(True) as url:
            due = await fill_outbox(
                url,
                connector.url,
                people=options.people,
                reminders=options.reminders,
                at=NOW,
                due=DUE,
                send_at=SEND_AT,
            )
            env = {
                k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "RADSBOT_"))
            }
            env["RADSBOT_DATABASE_URL"] = url
            env["RADSBOT_LOG_LEVEL"] = "WARNING"
            started = time.perf_counter()
            senders = [
                await asyncio.create_subprocess_exec(
                    RADSBOT,
                    "reminders",
                    "run-once",
                    "--now",
                    SEND_AT,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.STDOUT,
                    env=env,
                )
                for _ in range(options.processes)
            ]
            outputs = await asyncio.gather(*(s.communicate() for s in senders))
            wall = time.perf_counter() - started
            outbox = await states(url)
    finally:
        await connector.stop()
    delivered = sum(connector.delivered.values())
    duplicates = sum(n - 1 for n in connector.delivered.values())
    lost = due - len(connector.delivered)
    sending = connector.last - connector.first
    rate = delivered / sending if sending > 0 else float("nan")
    print(
        f"{due} reminders due, {options.processes} sender processes, {options.people} chats\n"
        f"delivered {delivered} in {sending:.2f} s: {rate:.0f} reminders/s "
        f"({delivered / wall:.0f}/s with start-up, {wall:.1f} s)\n"
        f"duplicates {duplicates}, lost {lost}; outbox: {outbox}"
    )
    for sender, (out, _) in zip(senders, outputs, strict=True):
        lines = out.decode().strip().splitlines()
        print(f"  sender exit {sender.returncode}: {lines[-1] if lines else ''}")
    failed = any(s.returncode for s in senders)
    return 1 if duplicates or lost or failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=5000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--processes", type=int, default=2)
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
