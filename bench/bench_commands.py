"""The speed budget, measured: every command answered within 100 ms at the 99th percentile.

Run from the repository root:

    .venv/bin/python bench/bench_commands.py              # SQLite file in a temp dir
    .venv/bin/python bench/bench_commands.py --postgres   # a fresh PostgreSQL database

The standard: "a command is answered within 100 ms in the server at the 99th percentile with
10,000 people and 100,000 actions in the database". So the script builds such a database
(migrations, then SQLAlchemy Core bulk inserts — not through the bot, which would take hours),
starts the real app (``bot.app.create_app``) on a random localhost port with a fake Bot
Connector for the replies, and sends Teams activities one at a time from random members of
random councils. Each request is timed as the wall time of its POST to ``/api/messages``; the
reply reaches the fake connector before that POST returns, so the time includes the reply.
It also counts the SQL statements of each request, so an N+1 shows as a growing count.

Exit code 1 when any command's p99 is over the budget (or any answer was not a real one).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import ClientSession  # noqa: E402
from aiohttp.test_utils import TestServer  # noqa: E402
from sqlalchemy import event  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine  # noqa: E402

from bench.world import (  # noqa: E402
    COMMANDS,
    NOW,
    Request,
    World,
    activity,
    forget_rows,
    fresh_database,
    generate,
    load,
    one_request,
    percentile,
    plan,
)
from bot.app import ENGINE, create_app  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.fakes.connector import FakeConnector  # noqa: E402
from tests.fakes.teams import message_text  # noqa: E402

BUDGET_MS = 100.0
WARM_UP = 50


#: the coroutines a request's statements run in: aiohttp's handler, and a chat turn
_FOR_A_REQUEST = re.compile(r"RequestHandler|ChatAdapter\._take")


class QueryCounter:
    """Counts the SQL statements the app's engine runs for HTTP requests; can keep them.

    Only statements run for a request count (by aiohttp's request handler, or by the turn it
    hands the message to, a task of its own), so the reminder runner waking up in the same
    process (as in production) does not inflate a request's count.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.count = 0
        self.keep = False
        self.statements: list[str] = []
        event.listen(engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        task = asyncio.current_task()
        if task is None or not _FOR_A_REQUEST.search(task.get_coro().__qualname__):
            return
        self.count += 1
        if self.keep:
            self.statements.append(" ".join(statement.split()))


@dataclass
class Measured:
    """What one command's requests gave: times in ms, statements and reply size per request,
    and the answers that were not real ones."""

    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    reply_chars: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


async def run(
    url: str,
    world: World,
    requests: Sequence[Request],
    show_sql: str | None,
    connector: FakeConnector,
) -> dict[str, Measured]:
    """Start the real app, warm up, then send every request in turn."""
    app = create_app(Settings(database_url=url), clock=lambda: NOW)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        counter = QueryCounter(app[ENGINE])
        async with ClientSession() as http:
            sender = _Sender(http, server, connector, world, counter)
            for request in requests[:WARM_UP]:
                await sender.send(request)
            results: dict[str, Measured] = defaultdict(Measured)
            for request in requests[WARM_UP:]:
                trace = show_sql == request.label
                elapsed, queries, answer = await sender.send(request, keep_sql=trace)
                if trace:
                    _print_sql(request, counter.statements)
                    show_sql = None
                result = results[request.label]
                result.times.append(elapsed)
                result.queries.append(queries)
                result.reply_chars.append(len(answer))
                if answer.startswith("⚠️") or not answer:
                    result.problems.append(answer[:160])
            return results
    finally:
        await server.close()


class _Sender:
    """Posts one activity and times it, the way Teams would send it to the bot."""

    def __init__(
        self,
        http: ClientSession,
        server: TestServer,
        connector: FakeConnector,
        world: World,
        counter: QueryCounter,
    ) -> None:
        self._http, self._connector, self._world, self._counter = http, connector, world, counter
        self._url = server.make_url("/api/messages")
        self._serial = 1_000_000

    async def send(self, request: Request, *, keep_sql: bool = False) -> tuple[float, int, str]:
        """(ms for the POST, SQL statements run, text of the one reply or "" if not one)."""
        self._serial += 1
        body = activity(request, self._world, self._connector.url, self._serial)
        self._counter.count, self._counter.keep, self._counter.statements = 0, keep_sql, []
        started = time.perf_counter()
        async with self._http.post(self._url, json=body) as response:
            await response.read()
        elapsed = (time.perf_counter() - started) * 1000
        replies = self._connector.take()
        # What the person reads: the text, or the text of the card. ``actions mine`` asked in
        # a channel by someone with a private chat is two messages: the list goes there, and
        # a short note stays in the channel.
        texts = sorted((message_text(r) for r in replies), key=len)
        answer = (
            texts[-1]
            if len(replies) == 1 or (len(replies) == 2 and request.label == "actions mine")
            else ""
        )
        if response.status not in (200, 201):
            answer = ""
        return elapsed, self._counter.count, answer


def _print_sql(request: Request, statements: Iterable[str]) -> None:
    print(f"\nSQL of one {request.label!r} request ({request.text!r}):")
    for number, statement in enumerate(statements, start=1):
        print(f"  {number:2}. {statement}")
    print()


# --- the report -------------------------------------------------------------------------------


def report(results: dict[str, Measured]) -> bool:
    """Print the table; True when every command kept the budget and answered for real."""
    header = f"{'command':<16} {'count':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}"
    print(header + f" {'SQL/req':>8} {'reply':>6} {'bad':>4}  (ms; SQL min-max; reply chars p50)")
    print("-" * (len(header) + 27))
    all_times: list[float] = []
    ok = True
    for label in COMMANDS:
        result = results[label]
        all_times += result.times
        p99 = percentile(result.times, 99)
        over = p99 > BUDGET_MS
        ok = ok and not over and not result.problems
        queries = f"{min(result.queries)}-{max(result.queries)}"
        chars = statistics.median(result.reply_chars)
        print(
            f"{label:<16} {len(result.times):>5} {percentile(result.times, 50):>7.1f}"
            f" {percentile(result.times, 95):>7.1f} {p99:>7.1f} {max(result.times):>7.1f}"
            f" {queries:>8} {chars:>6.0f} {len(result.problems):>4}"
            + ("  OVER BUDGET" if over else "")
        )
    print("-" * (len(header) + 27))
    print(
        f"{'all':<16} {len(all_times):>5} {percentile(all_times, 50):>7.1f}"
        f" {percentile(all_times, 95):>7.1f} {percentile(all_times, 99):>7.1f}"
        f" {max(all_times):>7.1f}"
    )
    for label in COMMANDS:
        for problem in results[label].problems[:3]:
            print(f"  not a real answer to {label!r}: {problem!r}")
    return ok


def print_sizes(counts: dict[str, int]) -> None:
    print("data: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))


# --- main -------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="a fresh PostgreSQL database at 127.0.0.1:5432 instead of SQLite",
    )
    parser.add_argument("--people", type=int, default=10_000, help="people (default 10000)")
    parser.add_argument("--actions", type=int, default=100_000, help="actions (default 100000)")
    parser.add_argument(
        "--requests", type=int, default=300, help="timed requests per command (default 300)"
    )
    parser.add_argument("--seed", type=int, default=20250409, help="random seed")
    parser.add_argument(
        "--show-sql",
        metavar="COMMAND",
        choices=list(COMMANDS),
        help="print the SQL statements of one request of COMMAND",
    )
    return parser.parse_args()


async def main() -> int:
    options = arguments()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    rng = random.Random(options.seed)
    started = time.perf_counter()
    world = generate(rng, options.people, options.actions)
    requests = plan(world, rng, options.requests)
    # The warm-up comes on top of the timed requests, from the same mix.
    requests = [
        one_request(world, rng, rng.choice(list(COMMANDS))) for _ in range(WARM_UP)
    ] + requests
    print(f"generated in {time.perf_counter() - started:.1f} s")
    connector = FakeConnector()
    await connector.start()
    try:
        async with fresh_database(options.postgres) as url:
            backend = "PostgreSQL" if options.postgres else "SQLite"
            started = time.perf_counter()
            counts = await load(url, world, connector.url)
            forget_rows(world)
            print(f"{backend}: migrated and loaded in {time.perf_counter() - started:.1f} s")
            print_sizes(counts)
            started = time.perf_counter()
            results = await run(url, world, requests, options.show_sql, connector)
            print(
                f"{len(requests)} requests ({WARM_UP} warm-up) in "
                f"{time.perf_counter() - started:.1f} s, one at a time\n"
            )
    finally:
        await connector.stop()
    ok = report(results)
    print(f"\nbudget: p99 ≤ {BUDGET_MS:.0f} ms per command — {'kept' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
