"""Teams allows about 7 messages a second per conversation: the sender keeps under that."""

from __future__ import annotations

from bot.app import SESSIONS
from dialogs.model import Reply
from scheduler.delivery import Target
from scheduler.sender import PER_CONVERSATION_RATE, ReminderSender
from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat


class _Recorder:
    """Stands in for the chat platform: notes when each message would have gone out."""

    opens_direct_chats = False

    def __init__(self, clock: _Monotonic) -> None:
        self.clock = clock
        self.sent: list[tuple[str, float]] = []

    async def deliver(self, target: Target, reply: Reply) -> None:
        self.sent.append((target.conversation_id, self.clock.now))


class _Monotonic:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_sends_to_one_conversation_are_paced(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    for n in range(12):
        await teams.say(f"deadline add Remissvar {n + 1} senast 16 maj")
    monotonic = _Monotonic()
    recorder = _Recorder(monotonic)
    sender = ReminderSender(
        teams.app[SESSIONS],
        {"teams": recorder},
        worker="test",
        sleep=monotonic.sleep,
        monotonic=monotonic,
    )
    clock.set("2025-05-13 08:00")  # three working days before: 12 reminders, one channel
    try:
        stats = await sender.run_once(clock())
    finally:
        await sender.close()
    assert stats.sent == 12
    times = [at for _, at in recorder.sent]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 1 / PER_CONVERSATION_RATE - 1e-9
    assert PER_CONVERSATION_RATE < 7
    assert times[-1] - times[0] >= 11 / PER_CONVERSATION_RATE - 1e-9
