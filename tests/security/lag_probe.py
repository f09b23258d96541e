"""A loop-lag probe: how long the event loop was held while something else ran."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
import traceback
from types import TracebackType

#: a stall this long has the code that holds the loop written down, to name it in a failure
STALL_NOTED = 0.05
_OURS = ("/bot/", "/dialogs/", "/store/", "/scheduler/")


class LagProbe:
    """A task that sleeps ``interval`` again and again and records the worst turn.

    ``worst_cpu`` is the CPU time the loop's thread spent between two of its wake-ups beyond
    the interval: the time some callback held the loop, whatever else the machine was busy
    with. ``worst_wall`` is the overshoot on the wall clock (it also counts the time other
    processes had the CPU, so it is reported, not asserted). ``stalls``: where the loop's
    thread was, in our code, each time a watchdog thread saw it held longer than
    ``STALL_NOTED``.
    """

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.worst_cpu = 0.0
        self.worst_wall = 0.0
        self.turns = 0
        self.stalls: list[str] = []
        self._task: asyncio.Task[None] | None = None
        self._ticked = time.perf_counter()
        self._stop = threading.Event()
        self._loop_thread = threading.get_ident()

    async def _run(self) -> None:
        while True:
            wall, cpu = time.perf_counter(), time.thread_time()
            self._ticked = wall
            await asyncio.sleep(self.interval)
            self.turns += 1
            self.worst_wall = max(self.worst_wall, time.perf_counter() - wall - self.interval)
            self.worst_cpu = max(self.worst_cpu, time.thread_time() - cpu)

    def _watch(self) -> None:
        noted = 0.0
        while not self._stop.wait(STALL_NOTED / 5):
            since = self._ticked
            if time.perf_counter() - since > STALL_NOTED and since != noted:
                noted = since
                frame = sys._current_frames().get(self._loop_thread)
                if frame is not None:
                    self.stalls.append(_where(frame))

    async def __aenter__(self) -> LagProbe:
        self._task = asyncio.create_task(self._run())
        threading.Thread(target=self._watch, daemon=True).start()
        await asyncio.sleep(0)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        assert self._task is not None
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass


def _where(frame: object) -> str:
    """The innermost lines of our own code on a stack, innermost first (the innermost of
    any code when none of ours is on it)."""
    stack = list(reversed(traceback.extract_stack(frame)))  # type: ignore[arg-type]
    ours = [entry for entry in stack if any(part in entry.filename for part in _OURS)]
    return " < ".join(
        f"{'/'.join(entry.filename.rsplit('/', 2)[-2:])}:{entry.lineno} {entry.name}"
        for entry in (ours or stack)[:6]
    )
