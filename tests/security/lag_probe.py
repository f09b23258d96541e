"""A loop-lag probe: how long the event loop was held while something else ran."""

from __future__ import annotations

import asyncio
import time
from types import TracebackType


class LagProbe:
    """A task that sleeps ``interval`` again and again and records the worst turn.

    ``worst_cpu`` is the CPU time the loop's thread spent between two of its wake-ups beyond
    the interval: the time some callback held the loop, whatever else the machine was busy
    with. ``worst_wall`` is the overshoot on the wall clock (it also counts the time other
    processes had the CPU, so it is reported, not asserted).
    """

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.worst_cpu = 0.0
        self.worst_wall = 0.0
        self.turns = 0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            wall, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(self.interval)
            self.turns += 1
            self.worst_wall = max(self.worst_wall, time.perf_counter() - wall - self.interval)
            self.worst_cpu = max(self.worst_cpu, time.thread_time() - cpu)

    async def __aenter__(self) -> LagProbe:
        self._task = asyncio.create_task(self._run())
        await asyncio.sleep(0)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._task is not None
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
