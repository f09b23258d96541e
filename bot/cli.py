"""The ``radsbot`` command: ``serve``, ``chat`` and ``db upgrade``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.app import create_app, reminder_sender, system_clock
from bot.console import ConsoleDeliverer, run_console
from bot.settings import Settings
from bot.teams import create_adapter
from bot.teams_package import add_teams_package_parser, run_teams_package
from scheduler.sender import RunStats
from store.db import open_engine, session_factory
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
    reminders = commands.add_parser("reminders", help="the reminder outbox")
    reminder_commands = reminders.add_subparsers(dest="reminders_command", required=True)
    run_once = reminder_commands.add_parser("run-once", help="send what is due now, then exit")
    run_once.add_argument(
        "--now",
        type=_moment,
        help="the moment to send for, e.g. 2025-05-06T08:00 (Stockholm time unless a zone is given)",
    )
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply all migrations")
    add_teams_package_parser(commands)
    return parser


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Europe/Stockholm"))
    return moment


async def _send_reminders(settings: Settings, now: datetime) -> RunStats:
    engine = open_engine(settings.database_url)
    try:
        await upgrade_to_head(engine)
        sessions = session_factory(engine)
        sender = reminder_sender(settings, sessions, create_adapter(settings))
        sender.add_deliverer("console", ConsoleDeliverer())
        try:
            return await sender.run_once(now)
        finally:
            await sender.close()
    finally:
        await engine.dispose()


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
    if args.command == "reminders" and args.reminders_command == "run-once":
        stats = asyncio.run(_send_reminders(settings, args.now or system_clock()))
        print(f"reminders: {stats}")
        return 1 if stats.failed else 0
    if args.command == "db" and args.db_command == "upgrade":
        asyncio.run(_upgrade(settings))
        print("database is up to date")
        return 0
    if args.command == "teams-package":
        return run_teams_package(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
