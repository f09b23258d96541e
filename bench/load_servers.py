"""The servers ``bench_load.py`` measures, each started in a process of its own.

    python bench/load_servers.py radsbot DATABASE_URL [--profile FILE] [--workers N]
    python bench/load_servers.py echo [--workers N]
    python bench/load_servers.py floor DATABASE_URL [--workers N]

Each listens on a random localhost port and prints ``PORT <n>`` once it is ready; it runs
until it gets SIGTERM (or SIGINT). ``radsbot`` is the real app from the app factory
(``bot.app.create_app``) with the benchmark's fixed clock, in local mode and without the
reminder loop, so every turn is a member's message. ``echo`` is the reference: the plain
botbuilder ``CloudAdapter`` echo bot of Microsoft's samples, anonymous, with botbuilder's own
reply path. ``floor`` is the least any bot that knows its people must do per turn, with
nothing else: read the body, look the sender up in PostgreSQL (one statement on asyncpg's own
pool, no ORM), post one reply to the connector over a kept-alive aiohttp session. It is no
product; it shows what this machine allows before a bot does anything. With ``--profile``, cProfile records the whole run and writes its stats to FILE
when the process is told to stop. With ``--workers N``, N forked processes accept on one
listening socket, each with an app of its own, forked by ``bot.cli.run_workers`` as
``radsbot serve --workers N`` forks them.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import importlib
import logging
import signal
import socket
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import web  # noqa: E402

from bench.world import NOW  # noqa: E402
from bot.event_loop import new_event_loop  # noqa: E402


def radsbot_app(database_url: str) -> web.Application:
    from bot.app import create_app
    from bot.settings import Settings

    settings = Settings(
        database_url=database_url,
        reminders_enabled=False,
        metrics_enabled=True,
        log_level="WARNING",
    )
    return create_app(settings, clock=lambda: NOW)


def echo_app() -> web.Application:
    """Microsoft's echo bot sample, as it is written: CloudAdapter and an ActivityHandler."""
    from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
    from botbuilder.integration.aiohttp import (
        CloudAdapter,
        ConfigurationBotFrameworkAuthentication,
    )

    class EchoBot(ActivityHandler):
        async def on_message_activity(self, turn_context: TurnContext) -> None:
            text = f"Echo: {turn_context.activity.text}"
            await turn_context.send_activity(MessageFactory.text(text, text))

    config = SimpleNamespace(APP_ID="", APP_PASSWORD="", APP_TYPE="MultiTenant", APP_TENANTID="")
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
    bot = EchoBot()

    async def messages(request: web.Request) -> web.StreamResponse:
        response = await adapter.process(request, bot)
        return response if response is not None else web.Response(status=201)

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    return app


#: the sender's name by their chat account: the lookup every turn of any bot that knows its
#: people makes first
_FLOOR_LOOKUP = """
SELECT people.full_name FROM chat_identities
JOIN people ON people.id = chat_identities.person_id
WHERE chat_identities.platform = 'teams' AND chat_identities.tenant_id = $1
  AND chat_identities.user_id = $2
"""


def floor_app(database_url: str) -> web.Application:
    """The floor: one lookup and one reply per turn (see the module's text)."""
    import asyncpg
    import orjson
    from aiohttp import ClientSession, TCPConnector

    app = web.Application()

    async def start(app: web.Application) -> None:
        dsn = database_url.replace("postgresql+asyncpg://", "postgresql://")
        app["pool"] = await asyncpg.create_pool(dsn, min_size=5, max_size=5)
        app["http"] = ClientSession(connector=TCPConnector(limit=0))

    async def stop(app: web.Application) -> None:
        await app["http"].close()
        await app["pool"].close()

    async def messages(request: web.Request) -> web.Response:
        activity = orjson.loads(await request.read())
        sender = activity["from"]
        tenant = activity["channelData"]["tenant"]["id"]
        name = await request.app["pool"].fetchval(_FLOOR_LOOKUP, tenant, sender["aadObjectId"])
        conversation, reply_to = activity["conversation"]["id"], activity["id"]
        reply = {
            "type": "message",
            "text": f"Hej {name or 'okänd'}!",
            "from": activity["recipient"],
            "recipient": sender,
            "conversation": activity["conversation"],
            "replyToId": reply_to,
        }
        url = f"{activity['serviceUrl']}v3/conversations/{conversation}/activities/{reply_to}"
        async with request.app["http"].post(
            url, data=orjson.dumps(reply), headers={"Content-Type": "application/json"}
        ) as response:
            await response.read()
        return web.Response(status=200)

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
    app.router.add_post("/api/messages", messages)
    return app


async def serve(app: web.Application, sock: socket.socket) -> None:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.SockSite(runner, sock)
    await site.start()
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("radsbot", "echo", "floor"))
    parser.add_argument("database_url", nargs="?")
    parser.add_argument("--profile", type=Path, help="write cProfile stats here at the end")
    parser.add_argument("--workers", type=int, default=1, help="processes on one socket (1)")
    options = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    sock = socket.create_server(("127.0.0.1", 0))

    def make_app() -> web.Application:
        if options.kind == "floor":
            return floor_app(options.database_url)
        return radsbot_app(options.database_url) if options.kind == "radsbot" else echo_app()

    if options.workers > 1:
        # imported once, before the fork, as ``radsbot serve --workers`` does: the workers
        # share those pages until they write to them
        modules = {"radsbot": "bot.app", "echo": "botbuilder.core", "floor": "asyncpg"}
        importlib.import_module(modules[options.kind])
        from bot.cli import run_workers

        print(f"PORT {sock.getsockname()[1]}", flush=True)
        sys.exit(run_workers(sock, options.workers, lambda index: make_app()))
    profiler = cProfile.Profile() if options.profile else None
    if profiler is not None:
        profiler.enable()
    try:
        # Rådsbot (and the floor) on the loop ``radsbot serve`` runs on; the echo bot on
        # asyncio's, its default
        factory = None if options.kind == "echo" else new_event_loop
        with asyncio.Runner(loop_factory=factory) as runner:
            runner.run(serve(make_app(), sock))
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(options.profile)


if __name__ == "__main__":
    main()
