"""Long loops give the event loop a turn, so one big paste never holds every other request."""

from __future__ import annotations

import asyncio
import time

#: how long a loop may run before it lets other requests (and Slack's 3-second acks) through;
#: a waiting timer may run only after a second slice (the loop's ready queue is FIFO), so the
#: loop is held for about two slices at a time — far within the 100 ms budget
SLICE_SECONDS = 0.01


class Pacer:
    """Call ``await pacer.pause()`` once per round of a long loop; it yields every slice."""

    def __init__(self, slice_seconds: float = SLICE_SECONDS) -> None:
        self._slice = slice_seconds
        self._since = time.perf_counter()

    async def pause(self) -> None:
        if time.perf_counter() - self._since >= self._slice:
            await asyncio.sleep(0)
            self._since = time.perf_counter()
