"""Long loops give the event loop a turn, so one big paste never holds every other request."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Generator
from typing import TypeVar

T = TypeVar("T")

#: how long a loop may run before it lets other requests (and Slack's 3-second acks) through
SLICE_SECONDS = 0.005
#: the pause between two slices: a short sleep, not ``sleep(0)``. A task woken by ``sleep(0)``
#: goes back to the front of the loop's ready queue, so a timer that fell due meanwhile (a
#: reminder, another request's timeout) waited for two more slices; after a sleep the loop
#: runs every due timer and every arrived request first.
PAUSE_SECONDS = 0.0001


class Pacer:
    """Call ``await pacer.pause()`` once per round of a long loop; it yields every slice."""

    def __init__(self, slice_seconds: float = SLICE_SECONDS) -> None:
        self._slice = slice_seconds
        self._since = time.perf_counter()

    async def pause(self) -> None:
        if time.perf_counter() - self._since >= self._slice:
            await asyncio.sleep(PAUSE_SECONDS)
            self._since = time.perf_counter()


def run_through(steps: Generator[None, None, T]) -> T:
    """The result of work written as steps (a generator that yields between them), at once."""
    result: list[T] = []
    for _ in _keeping(steps, result):
        pass
    return result[0]


async def paced(steps: Generator[None, None, T]) -> T:
    """The same result, the loop given a turn every slice between the steps."""
    pacer = Pacer()
    result: list[T] = []
    for _ in _keeping(steps, result):
        await pacer.pause()
    return result[0]


def _keeping(steps: Generator[None, None, T], result: list[T]) -> Generator[None, None, None]:
    """The steps, their result appended to ``result`` when they end."""
    result.append((yield from steps))
