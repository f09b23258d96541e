"""The sender delivers to different conversations at once, at most PARALLEL_CONVERSATIONS of
them, each paced as its platform allows (Teams about 7 a second per conversation, Slack one a
second per channel)."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.app import SESSIONS
from dialogs.dates.writing import STOCKHOLM
from dialogs.model import Reply
from scheduler.delivery import Target
from scheduler.sender import CONVERSATION_RATES, PARALLEL_CONVERSATIONS, ReminderSender
from store.db import open_engine, session_factory
from tests.conftest import FakeClock
from tests.fakes.outbox import fill_outbox
from tests.fakes.slack_api import SlackChat
from tests.scheduler.test_pacing import _Monotonic, _Recorder

NOW = datetime(2025, 4, 9, 10, 0, tzinfo=STOCKHOLM)
DUE = datetime(2025, 5, 16, tzinfo=STOCKHOLM)
SEND_AT = "2025-05-13T08:00"


class _Crowd:
    """A chat service that holds every message until PARALLEL_CONVERSATIONS are in flight
    together: a sender that sent one at a time would never get through."""

    opens_direct_chats = False

    def __init__(self) -> None:
        self.in_flight = 0
        self.most = 0
        self.sent: list[str] = []
        self._full = asyncio.Event()

    async def deliver(self, target: Target, reply: Reply) -> None:
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        if self.in_flight >= PARALLEL_CONVERSATIONS:
            self._full.set()
        await self._full.wait()
        self.sent.append(target.conversation_id)
        self.in_flight -= 1


async def test_many_conversations_are_sent_to_at_once_and_no_more(database_url: str) -> None:
    people = PARALLEL_CONVERSATIONS + 8
    due = await fill_outbox(
        database_url,
        "http://127.0.0.1:9/",
        people=people,
        reminders=2 * people,
        at=NOW,
        due=DUE,
        send_at=SEND_AT,
    )
    engine = open_engine(database_url)
    crowd = _Crowd()
    sender = ReminderSender(session_factory(engine), {"teams": crowd}, worker="test")
    try:
        async with asyncio.timeout(20):
            stats = await sender.run_once(datetime.fromisoformat(SEND_AT).replace(tzinfo=STOCKHOLM))
    finally:
        await sender.close()
        await engine.dispose()
    assert stats.sent == due == 2 * people
    assert crowd.most == PARALLEL_CONVERSATIONS
    assert sorted(set(crowd.sent)) == sorted(f"a:personal-{i}" for i in range(people))


async def test_sends_to_one_slack_channel_are_a_second_apart(
    slack: SlackChat, clock: FakeClock
) -> None:
    await slack.setup_council()
    for n in range(4):
        await slack.say(f"deadline add Remissvar {n + 1} senast 16 maj")
    monotonic = _Monotonic()
    recorder = _Recorder(monotonic)
    recorder.opens_direct_chats = True
    sender = ReminderSender(
        slack.app[SESSIONS],
        {"slack": recorder},
        worker="test",
        sleep=monotonic.sleep,
        monotonic=monotonic,
    )
    clock.set("2025-05-13 08:00")  # three working days before: 4 reminders, one channel
    try:
        stats = await sender.run_once(clock())
    finally:
        await sender.close()
    assert stats.sent == 4
    times = [at for _, at in recorder.sent]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert CONVERSATION_RATES["slack"] == 1.0
    assert min(gaps) >= 1.0 - 1e-9
