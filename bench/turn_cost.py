"""What one turn costs, in one process: for comparing two versions of the code.

    .venv/bin/python bench/turn_cost.py mix 3000              # CPU ms per turn
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.%p \\
        .venv/bin/python bench/turn_cost.py mix 270 --warmup 100 --callgrind
    # instructions per turn: the "totals:" of /tmp/cg.* divided by 270

The real app (``bot.app.create_app``, the benchmark's fixed clock, on the event loop
``radsbot serve`` runs on unless ``--asyncio-loop``) on a fresh PostgreSQL
(or ``--sqlite``) database with a small world of ``bench/world.py`` (1,000 people, 10,000
actions), the fake Bot Connector of ``bench_load.py`` and a client posting one activity at a
time, all in this process. ``COMMAND`` is one of ``bench_commands.py``'s commands, or
``mix`` for all of them in turn. CPU seconds on a shared VM move by a quarter from run to
run; under callgrind (``--callgrind`` counts only the timed turns) the instruction count
repeats to 0.2 %, so a change of a few per cent shows.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import ClientSession, web  # noqa: E402

from bench.bench_load import Connector  # noqa: E402
from bench.world import (  # noqa: E402
    COMMANDS,
    NOW,
    activity,
    fresh_database,
    generate,
    load,
    one_request,
)
from bot.app import create_app  # noqa: E402
from bot.event_loop import new_event_loop  # noqa: E402
from bot.settings import Settings  # noqa: E402


async def main(options: argparse.Namespace) -> None:
    rng = random.Random(5)
    world = generate(rng, 1000, 10_000)
    labels = list(COMMANDS) if options.command == "mix" else [options.command]
    connector = Connector()
    await connector.start()
    try:
        async with fresh_database(not options.sqlite) as url:
            await load(url, world, connector.url)
            settings = Settings(
                database_url=url, reminders_enabled=False, metrics_enabled=True, log_level="WARNING"
            )
            runner = web.AppRunner(create_app(settings, clock=lambda: NOW), access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            url_of_bot = f"http://127.0.0.1:{runner.addresses[0][1]}/api/messages"
            serial = 2_000_000
            async with ClientSession() as http:

                async def turns(count: int) -> None:
                    nonlocal serial
                    for index in range(count):
                        request = one_request(world, rng, labels[index % len(labels)])
                        serial += 1
                        body = activity(request, world, connector.url, serial)
                        async with http.post(url_of_bot, json=body) as response:
                            await response.read()

                await turns(options.warmup)
                _callgrind(options, "on")
                started = time.process_time()
                await turns(options.turns)
                spent = time.process_time() - started
                _callgrind(options, "off")
            await runner.cleanup()
    finally:
        await connector.stop()
    print(f"{options.command}: {1000 * spent / options.turns:.2f} ms CPU per turn")


def _callgrind(options: argparse.Namespace, state: str) -> None:
    if options.callgrind:
        subprocess.run(["callgrind_control", "-i", state, str(os.getpid())])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=(*COMMANDS, "mix"))
    parser.add_argument("turns", type=int)
    parser.add_argument("--warmup", type=int, default=200, help="turns before timing (200)")
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file, not PostgreSQL")
    parser.add_argument(
        "--callgrind", action="store_true", help="instrument only the timed turns (valgrind)"
    )
    parser.add_argument(
        "--asyncio-loop",
        action="store_true",
        help="asyncio's own event loop, not the one radsbot serve runs on (uvloop)",
    )
    options = parser.parse_args()
    with asyncio.Runner(loop_factory=None if options.asyncio_loop else new_event_loop) as runner:
        runner.run(main(options))
