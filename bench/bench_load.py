"""Many people at once: turns per second and latency with 20 and 50 concurrent senders.

Run from the repository root:

    .venv/bin/python bench/bench_load.py                 # echo bot, SQLite, PostgreSQL
    .venv/bin/python bench/bench_load.py --quick         # a small world, short runs
    .venv/bin/python bench/bench_load.py --backends sqlite --seconds 10
    .venv/bin/python bench/bench_load.py --backends echo floor   # what the machine allows

Each server runs in a process of its own (``bench/load_servers.py``) on a random localhost
port: first the reference, a plain botbuilder ``CloudAdapter`` echo bot, then Rådsbot (the app
factory, fixed clock) on a fresh SQLite file and on a fresh PostgreSQL database, both loaded
with the world of ``bench/world.py`` (10,000 people, 100,000 actions by default); ``floor``
(only when asked) is a server that does nothing but look the sender up and reply, on such a
PostgreSQL database: the most this machine allows a bot. This process
plays Teams: N senders each post a message activity of the command mix of
``bench_commands.py`` (reads and writes: ``klar N`` closes a real action), wait for the answer,
and post the next, for ``--seconds``; and it plays the Bot Connector: a small aiohttp server
that takes the replies. A turn counts as answered when its POST returned 2xx and a reply to
that very activity reached the connector before; anything else (a non-2xx, no reply, a ⚠️
problem reply, a timeout) is an error.

It prints, per server and concurrency: turns/s, p50/p95/p99 of the POST's wall time, errors,
the server's resident memory (now and peak) and the turns/s as a multiple of the echo bot's
at the same concurrency; last, the same as a Markdown table. Exit code 1 when a run had errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import ClientSession, ClientTimeout, TCPConnector, web  # noqa: E402

from bench.world import (  # noqa: E402
    COMMANDS,
    World,
    activity,
    forget_rows,
    fresh_database,
    generate,
    load,
    one_request,
    percentile,
)

HERE = Path(__file__).resolve().parent
SERVERS = HERE / "load_servers.py"
READY_SECONDS = 180.0
REQUEST_TIMEOUT = ClientTimeout(total=30)
PROBLEM = "⚠️"


class Connector:
    """The Bot Connector as the servers see it: takes every reply, remembers which activity
    each answers (the id in the path of ``reply_to_activity``, or the body's ``replyToId``)."""

    def __init__(self) -> None:
        self.answered: Counter[str] = Counter()
        self.problems: set[str] = set()
        self.received = 0
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._take)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._take)
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        self._runner = web.AppRunner(app, access_log=None)
        self.url = ""

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/"

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _take(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received += 1
        reply_to = request.match_info.get("reply_to") or body.get("replyToId") or ""
        self.answered[reply_to] += 1
        if str(body.get("text") or "").startswith(PROBLEM):
            self.problems.add(reply_to)
        return web.json_response({"id": f"reply-{self.received}"})

    async def _create(self, request: web.Request) -> web.Response:
        return web.json_response({"id": f"a:created-{self.received}", "activityId": "1"})

    async def _member(self, request: web.Request) -> web.Response:
        member = request.match_info["member"]
        return web.json_response({"id": member, "name": member, "aadObjectId": member[3:]})


@dataclass
class Result:
    server: str
    concurrency: int
    seconds: float
    times: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    rss_mb: float = 0.0
    peak_mb: float = 0.0
    #: proportional set size: each page shared by the workers (forked from one parent)
    #: counted once in all, not once per worker as in their RSS
    pss_mb: float = 0.0
    #: CPU seconds the server's processes spent during the run (user and system)
    cpu_seconds: float = 0.0
    #: CPU seconds this process (the senders and the fake connector) spent during the run
    driver_cpu_seconds: float = 0.0
    #: CPU seconds PostgreSQL's processes spent during the run
    database_cpu_seconds: float = 0.0

    @property
    def cpu_ms_per_turn(self) -> float:
        """What a turn costs the server in CPU: steadier than turns/s on a shared machine."""
        return self._per_turn(self.cpu_seconds)

    @property
    def database_cpu_ms_per_turn(self) -> float:
        return self._per_turn(self.database_cpu_seconds)

    @property
    def driver_cpu_ms_per_turn(self) -> float:
        """What a turn costs this benchmark (sending, taking the reply): the same for every
        server, and taken from the same two cores."""
        return self._per_turn(self.driver_cpu_seconds)

    def _per_turn(self, seconds: float) -> float:
        return 1000 * seconds / len(self.times) if self.times else float("nan")

    @property
    def turns_per_second(self) -> float:
        return len(self.times) / self.seconds if self.seconds else 0.0

    def p(self, share: float) -> float:
        return percentile(self.times, share) if self.times else float("nan")


class Server:
    """A server process from ``load_servers.py``, and how to reach it."""

    def __init__(self, label: str, process: subprocess.Popen[str], port: int) -> None:
        self.label = label
        self.process = process
        self.url = f"http://127.0.0.1:{port}/api/messages"

    def memory_mb(self) -> tuple[float, float, float]:
        """Resident memory now and at its peak, and the proportional set size, from /proc
        (0 where there is none): of the server, or with workers the sum over them (their
        parent only waits)."""
        now = peak = proportional = 0.0
        for process in self._processes():
            status = _kilobytes(f"/proc/{process}/status")
            now += status.get("VmRSS", 0.0) / 1024
            peak += status.get("VmHWM", 0.0) / 1024
            proportional += _kilobytes(f"/proc/{process}/smaps_rollup").get("Pss", 0.0) / 1024
        return now, peak, proportional

    def cpu_seconds(self) -> float:
        """User and system CPU time of the server's processes so far."""
        return _cpu_seconds(self._processes())

    def _processes(self) -> list[str]:
        """The server, or with workers the workers (their parent only waits)."""
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = []
        return children or [str(pid)]


def _cpu_seconds(processes: list[str]) -> float:
    """User and system CPU time of these processes so far (those gone count nothing)."""
    ticks = 0
    for process in processes:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def database_cpu_seconds() -> float:
    """CPU time of the PostgreSQL processes on this machine so far (0 where there are none):
    the server's pooled connections stay up for the whole run, so the difference over a run
    is what the database spent on it. It shares the two cores with the rest."""
    processes = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    processes.append(entry.name)
            except OSError:
                continue
    return _cpu_seconds(processes)


def _kilobytes(path: str) -> dict[str, float]:
    """The ``Key: <n> kB`` lines of a /proc file (empty when it cannot be read)."""
    found = {}
    try:
        for line in Path(path).read_text().splitlines():
            key, _, value = line.partition(":")
            if value.strip().endswith("kB"):
                found[key] = float(value.split()[0])
    except OSError:
        pass
    return found


@asynccontextmanager
async def server_process(label: str, *arguments: str) -> AsyncIterator[Server]:
    """Start ``load_servers.py`` with ``arguments``; stop it (SIGTERM) afterwards."""
    process = subprocess.Popen(
        [sys.executable, str(SERVERS), *arguments],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), READY_SECONDS)
        if not line.startswith("PORT "):
            raise RuntimeError(f"{label} did not start (exit code {process.poll()})")
        yield Server(label, process, int(line.split()[1]))
    finally:
        process.terminate()
        try:
            await asyncio.to_thread(process.wait, 60)
        except subprocess.TimeoutExpired:
            process.kill()


class Load:
    """Senders that post activities of the command mix as fast as they are answered."""

    def __init__(
        self,
        world: World,
        rng: random.Random,
        connector: Connector,
        commands: Sequence[str] = tuple(COMMANDS),
    ) -> None:
        self._world = world
        self._rng = rng
        self._connector = connector
        self._serial = 1_000_000
        self._labels = list(commands)

    async def run(
        self, server: Server, concurrency: int, seconds: float, *, record: bool = True
    ) -> Result:
        result = Result(server.label, concurrency, seconds)
        deadline = time.perf_counter() + seconds
        connection_pool = TCPConnector(limit=0)
        async with ClientSession(connector=connection_pool, timeout=REQUEST_TIMEOUT) as http:
            started, cpu = time.perf_counter(), server.cpu_seconds()
            driver, database = time.process_time(), database_cpu_seconds()
            await asyncio.gather(
                *(self._sender(http, server.url, deadline, result) for _ in range(concurrency))
            )
            result.seconds = time.perf_counter() - started
            result.cpu_seconds = server.cpu_seconds() - cpu
            result.driver_cpu_seconds = time.process_time() - driver
            result.database_cpu_seconds = database_cpu_seconds() - database
        result.rss_mb, result.peak_mb, result.pss_mb = server.memory_mb()
        return result

    async def _sender(self, http: ClientSession, url: str, deadline: float, result: Result) -> None:
        while time.perf_counter() < deadline:
            request = one_request(self._world, self._rng, self._rng.choice(self._labels))
            self._serial += 1
            serial = str(self._serial)
            body = activity(request, self._world, self._connector.url, self._serial)
            started = time.perf_counter()
            try:
                async with http.post(url, json=body) as response:
                    await response.read()
                    status = response.status
            except (TimeoutError, OSError) as error:
                result.errors[type(error).__name__] += 1
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if status not in (200, 201):
                result.errors[f"HTTP {status}"] += 1
            elif not self._connector.answered.pop(serial, 0):
                result.errors["no reply"] += 1
            elif serial in self._connector.problems:
                self._connector.problems.discard(serial)
                result.errors[f"{PROBLEM} reply to {request.label}"] += 1
            else:
                result.times.append(elapsed)


def print_result(result: Result, echo: dict[int, float]) -> None:
    ratio = (
        result.turns_per_second / echo[result.concurrency] if echo.get(result.concurrency) else 0
    )
    errors = sum(result.errors.values())
    print(
        f"{result.server:<34} {result.concurrency:>4} {result.turns_per_second:>8.1f}"
        f" {result.p(50):>7.0f} {result.p(95):>7.0f} {result.p(99):>7.0f} {errors:>6}"
        f" {result.rss_mb:>6.0f} {result.peak_mb:>6.0f} {result.pss_mb:>6.0f} {ratio:>6.2f}"
        f" {result.cpu_ms_per_turn:>6.1f} {result.database_cpu_ms_per_turn:>6.1f}"
        f" {result.driver_cpu_ms_per_turn:>6.1f}",
        flush=True,
    )
    for what, count in result.errors.most_common(5):
        print(f"    error: {what} × {count}", flush=True)


def markdown(results: Sequence[Result], echo: dict[int, float]) -> str:
    lines = [
        "| server | senders | turns/s | p50 ms | p95 ms | p99 ms | errors | RSS MB (peak) "
        "| PSS MB | × echo | server CPU ms/turn | PostgreSQL CPU ms/turn | bench CPU ms/turn |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = r.turns_per_second / echo[r.concurrency] if echo.get(r.concurrency) else 0
        lines.append(
            f"| {r.server} | {r.concurrency} | {r.turns_per_second:.1f} | {r.p(50):.0f} "
            f"| {r.p(95):.0f} | {r.p(99):.0f} | {sum(r.errors.values())} "
            f"| {r.rss_mb:.0f} ({r.peak_mb:.0f}) | {r.pss_mb:.0f} | {ratio:.2f} "
            f"| {r.cpu_ms_per_turn:.1f} | {r.database_cpu_ms_per_turn:.1f} "
            f"| {r.driver_cpu_ms_per_turn:.1f} |"
        )
    return "\n".join(lines)


async def measure(load_: Load, server: Server, options: argparse.Namespace) -> list[Result]:
    """A warm-up (not counted), then one timed run per concurrency."""
    await load_.run(server, options.concurrency[0], options.warmup)
    results = []
    for concurrency in options.concurrency:
        results.append(await load_.run(server, concurrency, options.seconds))
    return results


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="per timed run (20)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before timing (3)")
    parser.add_argument(
        "--concurrency", type=int, nargs="+", default=[20, 50], help="senders (20 50)"
    )
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=("echo", "sqlite", "postgres", "floor"),
        default=["echo", "sqlite", "postgres"],
    )
    parser.add_argument("--seed", type=int, default=20250409)
    parser.add_argument(
        "--commands",
        nargs="+",
        choices=tuple(COMMANDS),
        default=tuple(COMMANDS),
        metavar="COMMAND",
        help="only these of the mix, to see what one costs (all)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1,000 people, 10,000 actions, 5 s runs, 1 s warm-up",
    )
    parser.add_argument(
        "--profile", type=Path, help="cProfile Rådsbot's server; stats in DIR/<backend>.prof"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1],
        help="server processes on one port, each measured (1); above 1 only on PostgreSQL",
    )
    parser.add_argument(
        "--echo-workers",
        action="store_true",
        help="run the echo bot with as many processes too (the reference stays 1 process)",
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.people, options.actions = 1_000, 10_000
        options.seconds, options.warmup = 5.0, 1.0
    return options


async def main(argv: Sequence[str] | None = None) -> int:
    options = arguments(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    connector = Connector()
    await connector.start()
    results: list[Result] = []
    echo: dict[int, float] = {}
    print(
        f"{'server':<34} {'sndr':>4} {'turns/s':>8} {'p50':>7} {'p95':>7} {'p99':>7}"
        f" {'errors':>6} {'RSS':>6} {'peak':>6} {'PSS':>6} {'×echo':>6} {'CPU/t':>6} {'PG':>6} {'bench':>6}   (ms, MB)",
        flush=True,
    )
    try:
        for backend in options.backends:
            results += await _one_backend(backend, options, connector, echo)
    finally:
        await connector.stop()
    print()
    print(markdown(results, echo))
    if options.json:
        options.json.write_text(
            json.dumps(
                [
                    {
                        "server": r.server,
                        "senders": r.concurrency,
                        "turns_per_second": r.turns_per_second,
                        "p50": r.p(50),
                        "p95": r.p(95),
                        "p99": r.p(99),
                        "errors": dict(r.errors),
                        "rss_mb": r.rss_mb,
                        "peak_mb": r.peak_mb,
                        "pss_mb": r.pss_mb,
                        "cpu_ms_per_turn": r.cpu_ms_per_turn,
                        "bench_cpu_ms_per_turn": r.driver_cpu_ms_per_turn,
                        "postgresql_cpu_ms_per_turn": r.database_cpu_ms_per_turn,
                    }
                    for r in results
                ],
                indent=2,
            )
        )
    return 1 if any(r.errors for r in results) else 0


async def _one_backend(
    backend: str, options: argparse.Namespace, connector: Connector, echo: dict[int, float]
) -> list[Result]:
    rng = random.Random(options.seed)
    world = generate(rng, options.people, options.actions)
    if backend == "echo":
        results = []
        for workers in options.workers if options.echo_workers else [1]:
            label = "botbuilder echo bot" + _processes(workers)
            async with server_process(label, "echo", "--workers", str(workers)) as server:
                found = await measure(
                    Load(world, rng, connector, options.commands), server, options
                )
            for result in found:
                if workers == 1:
                    echo[result.concurrency] = result.turns_per_second
                print_result(result, echo)
            results += found
        return results
    label = {
        "postgres": "Rådsbot on PostgreSQL",
        "sqlite": "Rådsbot on SQLite",
        "floor": "floor: a lookup and a reply",
    }[backend]
    async with fresh_database(backend != "sqlite") as url:
        started = time.perf_counter()
        await load(url, world, connector.url)
        forget_rows(world)
        print(f"  ({label}: loaded in {time.perf_counter() - started:.0f} s)", flush=True)
        extra: list[str] = []
        if options.profile:
            options.profile.mkdir(parents=True, exist_ok=True)
            extra = ["--profile", str(options.profile / f"{backend}.prof")]
        results = []
        for workers in options.workers if backend != "sqlite" else [1]:
            named = label + _processes(workers)
            more = ["--workers", str(workers)] if workers > 1 else extra
            kind = "floor" if backend == "floor" else "radsbot"
            async with server_process(named, kind, url, *more) as server:
                found = await measure(
                    Load(world, rng, connector, options.commands), server, options
                )
            for result in found:
                print_result(result, echo)
            results += found
    return results


def _processes(workers: int) -> str:
    return f", {workers} processes" if workers > 1 else ""


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
