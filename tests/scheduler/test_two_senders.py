"""Two sender processes share one PostgreSQL outbox and deliver 1,000 reminders exactly once."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from dialogs.reminders.plans import replan_action
from store import actions
from store.db import open_engine, session_factory
from store.migrate import upgrade_to_head
from store.models import Reminder, ReminderState
from tests.conftest import STOCKHOLM
from tests.fakes.connector import FakeConnector
from tests.fakes.outbox import council_with_personal_chats
from tests.fakes.teams import message_text

RADSBOT = str(Path(sys.executable).with_name("radsbot"))
PEOPLE = 200
ACTIONS = 1000
NOW = datetime(2025, 4, 9, 10, 0, tzinfo=STOCKHOLM)
DUE = datetime(2025, 5, 16, tzinfo=STOCKHOLM)  # a Friday; "3 working days before" is Tue 13 May
SEND_AT = "2025-05-13T08:00"


async def _fill(url: str, service_url: str) -> None:
    """A council of 200 people, each with a personal chat, owning 1,000 actions due 16 May."""
    engine = open_engine(url)
    await upgrade_to_head(engine)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        council, owners = await council_with_personal_chats(
            session, size=PEOPLE, service_url=service_url, at=NOW
        )
        for n in range(ACTIONS):
            action = await actions.add_action(
                session,
                council_id=council.id,
                text=f"Uppgift {n + 1}",
                owners=[owners[n % PEOPLE]],
                due_at=DUE,
                due_has_time=False,
                due_meeting_id=None,
                created_by_id=None,
                at=NOW,
            )
            await replan_action(session, action, NOW)
    await engine.dispose()


async def _count(url: str, state: ReminderState) -> int:
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            return int(
                await session.scalar(
                    select(func.count())
                    .select_from(Reminder)
                    .where(Reminder.state == state, Reminder.kind == "deadline.3")
                )
                or 0
            )
    finally:
        await engine.dispose()


async def test_two_processes_deliver_each_reminder_once(
    postgres_url: str, connector: FakeConnector
) -> None:
    await _fill(postgres_url, connector.url)
    assert await _count(postgres_url, ReminderState.PENDING) == ACTIONS
    env = {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "RADSBOT_"))}
    env["RADSBOT_DATABASE_URL"] = postgres_url
    started = time.perf_counter()
    processes = [
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
        for _ in range(2)
    ]
    outputs = await asyncio.wait_for(
        asyncio.gather(*(p.communicate() for p in processes)), timeout=300
    )
    elapsed = time.perf_counter() - started
    for process, (out, _) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, out.decode()[-2000:]
    delivered = connector.take()
    keys = Counter(
        (a["_conversation"], message_text(a).split("#", 1)[1].split(" ", 1)[0]) for a in delivered
    )
    duplicates = sum(n - 1 for n in keys.values() if n > 1)
    print(
        f"\n{len(delivered)} reminders delivered by 2 processes in {elapsed:.1f} s "
        f"({len(delivered) / elapsed:.0f}/s, process start-up included); duplicates: {duplicates}"
    )
    summaries = [out.decode().strip().splitlines()[-1] for out, _ in outputs]
    assert all("sent" in s for s in summaries), summaries
    sent_by = [int(s.split("sent ", 1)[1].split(",", 1)[0]) for s in summaries]
    assert sum(sent_by) == ACTIONS
    assert min(sent_by) > 0, f"one process sent everything: {sent_by}"
    assert duplicates == 0
    assert len(delivered) == ACTIONS
    assert await _count(postgres_url, ReminderState.SENT) == ACTIONS
