"""The event loop the server runs on: uvloop where it is installed, asyncio's own elsewhere.

uvloop (libuv underneath) runs the same aiohttp server and asyncpg connections with less of the
interpreter's time per turn: measured on the command mix (``bench/turn_cost.py``), 8–14 % less
CPU per turn than asyncio's selector loop, paired run by run. It is not built for Windows,
where the bot runs on asyncio's loop unchanged.
"""

from __future__ import annotations

import asyncio


def new_event_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop
    except ImportError:  # pragma: no cover - Windows, or an installation without it
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()
