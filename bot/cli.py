"""The ``radsbot`` command: ``serve``, ``chat`` and ``db upgrade``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from aiohttp import web

from bot.app import create_app, system_clock
from bot.console import run_console
from bot.settings import Settings
from store.db import open_engine
from store.migrate import upgrade_to_head


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="radsbot", description="Rådsbot, the council bot")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve Teams at /api/messages")
    serve.add_argument("--port", type=int, help="port (default: PORT or 3978)")
    serve.add_argument("--host", help="address to listen on (default: RADSBOT_HOST or 0.0.0.0)")
    chat = commands.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--as", dest="as_name", metavar="NAME", help="who you are, as on the roster")
    chat.add_argument("--council", metavar="SHORT", help="the council to talk in, e.g. 'SOR Barn'")
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply all migrations")
    return parser


async def _upgrade(settings: Settings) -> None:
    engine = open_engine(settings.database_url)
    try:
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "serve":
        if args.port:
            settings.port = args.port
        if args.host:
            settings.host = args.host
        mode = "authenticated" if settings.authenticated else "local mode, no authentication"
        print(f"Rådsbot: http://localhost:{settings.port}/api/messages ({mode})", flush=True)
        web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)
        return 0
    if args.command == "chat":
        asyncio.run(
            run_console(
                settings, as_name=args.as_name, council_short=args.council, clock=system_clock
            )
        )
        return 0
    if args.command == "db" and args.db_command == "upgrade":
        asyncio.run(_upgrade(settings))
        print("database is up to date")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
