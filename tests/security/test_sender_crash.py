"""A reminder sender killed with SIGKILL mid-batch: nothing lost, nothing stuck, and only what
was in flight at the kill goes out twice.

The real ``radsbot reminders run-once`` runs as a subprocess against PostgreSQL and delivers
to a fake Bot Connector in this test process, which records every delivery of every process.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from aiohttp import web
from sqlalchemy import func, select, update

from scheduler.sender import PARALLEL_CONVERSATIONS, SENT_BATCH
from store.db import open_engine, session_factory
from store.models import (
    Action,
    ConversationRef,
    Reminder,
    ReminderState,
)
from tests.conftest import STOCKHOLM
from tests.fakes.connector import FakeConnector
from tests.fakes.outbox import fill_outbox
from tests.fakes.teams import message_text

RADSBOT = str(Path(sys.executable).with_name("radsbot"))
PEOPLE = 200
REMINDERS = 2000
TRIALS = 3
NOW = datetime(2025, 4, 9, 10, 0, tzinfo=STOCKHOLM)
DUE = datetime(2025, 5, 16, tzinfo=STOCKHOLM)  # a Friday; "3 working days before" is Tue 13 May
SEND_AT = "2025-05-13T08:00"

Key = tuple[str, str]


def _key(activity: dict[str, object]) -> Key:
    """Which reminder a delivery was: its conversation and its action number."""
    number = message_text(activity).split("#", 1)[1].split(" ", 1)[0]
    return str(activity["_conversation"]), number


class KillingConnector(FakeConnector):
    """The fake Bot Connector, which can SIGKILL the sender on the n-th delivery it receives.

    The kill comes while that delivery is in flight: Teams has it, the sender has no answer.
    """

    def __init__(self) -> None:
        super().__init__()
        self.kill_pid: int | None = None
        self.kill_at = 0
        self.busy = 0

    def server_connections(self) -> list[object]:
        """The connections the fake Bot Connector has open."""
        runner = self._server.runner
        assert runner is not None and runner.server is not None
        return list(runner.server.connections)

    async def _send(self, request: web.Request) -> web.Response:
        self.busy += 1
        try:
            response = await super()._send(request)
        finally:
            self.busy -= 1
        if self.kill_pid is not None and len(self.activities) >= self.kill_at:
            os.kill(self.kill_pid, signal.SIGKILL)
            self.kill_pid = None
        return response


async def _fill(url: str, service_url: str) -> int:
    """200 people with a personal chat each, owning 2,000 actions due 16 May."""
    return await fill_outbox(
        url, service_url, people=PEOPLE, reminders=REMINDERS, at=NOW, due=DUE, send_at=SEND_AT
    )


async def _states(url: str) -> dict[ReminderState, int]:
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            rows = await session.execute(
                select(Reminder.state, func.count())
                .where(Reminder.kind == "deadline.3")
                .group_by(Reminder.state)
            )
            return {state: count for state, count in rows.all()}
    finally:
        await engine.dispose()


async def _sent_keys(url: str) -> set[Key]:
    """The reminders the outbox says are sent, keyed like the deliveries."""
    engine = open_engine(url)
    try:
        async with session_factory(engine)() as session:
            rows = await session.execute(
                select(ConversationRef.conversation_id, Action.number)
                .select_from(Reminder)
                .join(Action, Action.id == Reminder.subject_id)
                .join(ConversationRef, ConversationRef.person_id == Reminder.recipient_person_id)
                .where(Reminder.kind == "deadline.3", Reminder.state == ReminderState.SENT)
            )
            return {(conversation, str(number)) for conversation, number in rows.all()}
    finally:
        await engine.dispose()


async def _make_due_again(url: str) -> None:
    """A new trial: the same 2,000 reminders waiting in the outbox again."""
    engine = open_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                update(Reminder)
                .where(Reminder.kind == "deadline.3")
                .values(
                    state=ReminderState.PENDING,
                    sent_at=None,
                    claimed_at=None,
                    claimed_by=None,
                    attempts=0,
                    last_error=None,
                )
            )
    finally:
        await engine.dispose()


async def _sender(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        RADSBOT,
        "reminders",
        "run-once",
        "--now",
        SEND_AT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=env,
    )


async def _drained(connector: KillingConnector) -> None:
    """Wait until the connector has handled every request the dead sender got out: all its
    connections closed (what the kernel had received is read before the close) and no
    handler still running."""
    server = connector.server_connections
    for _ in range(1000):
        if connector.busy == 0 and not server():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the fake connector still has the dead sender's requests")


async def test_a_sender_killed_mid_batch_loses_nothing_and_repeats_only_what_was_in_flight(
    postgres_url: str,
) -> None:
    """Attack: ``kill -9`` of the reminder sender at a random moment while it sends 2,000 due
    reminders, three times, each time followed by a new sender. Held when no reminder is
    lost, none stays in ``sending``, and the only duplicates are reminders that had reached
    Teams but were not yet recorded as sent when the process died."""
    async with KillingConnector() as connector:
        due = await _fill(postgres_url, connector.url)
        assert due == REMINDERS
        env = {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "RADSBOT_"))}
        env["RADSBOT_DATABASE_URL"] = postgres_url
        seed = random.randrange(2**32)
        rng = random.Random(seed)
        figures = []
        for trial in range(TRIALS):
            if trial:
                await _make_due_again(postgres_url)
            connector.take()
            kill_at = rng.randint(1, REMINDERS - 1)
            started = time.perf_counter()
            first = await _sender(env)
            connector.kill_pid, connector.kill_at = first.pid, kill_at
            await asyncio.wait_for(first.communicate(), timeout=120)
            first_seconds = time.perf_counter() - started
            context = f"trial {trial + 1}, seed {seed}, killed at delivery {kill_at}"
            assert first.returncode == -signal.SIGKILL, context
            await _drained(connector)
            before = connector.take()
            # In flight at the kill: delivered to Teams, not (yet) recorded as sent.
            in_flight = {_key(a) for a in before} - await _sent_keys(postgres_url)
            left_sending = (await _states(postgres_url)).get(ReminderState.SENDING, 0)

            second = await _sender(env)
            out, _ = await asyncio.wait_for(second.communicate(), timeout=120)
            assert second.returncode == 0, f"{context}: {out.decode()[-2000:]}"
            after = connector.take()

            delivered = Counter(_key(a) for a in before + after)
            repeated = {key for key, n in delivered.items() if n > 1}
            duplicates = sum(n - 1 for n in delivered.values())
            lost = REMINDERS - len(delivered)
            states = await _states(postgres_url)
            stuck = states.get(ReminderState.SENDING, 0)
            figures.append(
                f"trial {trial + 1}: killed after {len(before)} deliveries "
                f"({first_seconds:.1f} s, {len(before) / first_seconds:.0f}/s with start-up), "
                f"left in sending {left_sending}, in flight {len(in_flight)}, "
                f"duplicates {duplicates}, lost {lost}, stuck after restart {stuck}; "
                f"restart: {out.decode().strip().splitlines()[-1]}"
            )
            assert lost == 0, context
            assert stuck == 0, context
            assert states.get(ReminderState.SENT, 0) == REMINDERS, f"{context}: {states}"
            assert duplicates <= len(in_flight), context
            assert repeated <= in_flight, f"{context}: a reminder recorded as sent went out again"
            # Messages are recorded as sent a batch at a time, one batch written at once: in
            # flight are at most one message per conversation being delivered, the batch
            # filling and the batch being written, never a whole claimed batch.
            assert len(in_flight) <= PARALLEL_CONVERSATIONS + 2 * SENT_BATCH, context
            assert left_sending > 0, f"{context}: the kill did not land mid-batch"
        print("\n" + "\n".join(figures))
