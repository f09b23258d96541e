"""The ``radsbot`` command: ``serve``, ``migrate``, ``chat``, ``notes --file``, ``db upgrade``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pydantic import ValidationError

from bot.event_loop import new_event_loop
from bot.logs import configure_logging
from bot.settings import Settings, StartupError, settings_problem
from bot.teams_package import add_teams_package_parser, run_teams_package
from dialogs.dates.writing import STOCKHOLM

if TYPE_CHECKING:
    from aiohttp import web

    from scheduler.sender import RunStats

# The rest of the bot (botbuilder, slack-bolt, alembic…) is imported only once the settings
# are known to be good: a bad setting is reported in a fraction of a second, even on a busy
# machine, instead of after seconds of imports.


class _Parser(argparse.ArgumentParser):
    """Command-line mistakes end like bad settings: one line, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="radsbot", description="Rådsbot, the council bot")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve Teams at /api/messages")
    serve.add_argument("--port", type=int, help="port (default: PORT or 3978)")
    serve.add_argument(
        "--host",
        help="address to listen on (default: RADSBOT_HOST, else 127.0.0.1 in local mode "
        "and 0.0.0.0 with MicrosoftAppId)",
    )
    serve.add_argument(
        "--no-migrate",
        dest="migrate_on_start",
        action="store_const",
        const=False,
        help="do not migrate the database; refuse to start unless `radsbot migrate` has "
        "brought it up to date (as RADSBOT_MIGRATE_ON_START=false)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="N processes answering on the one port (PostgreSQL only); the first also sends "
        "the reminders",
    )
    commands.add_parser(
        "migrate",
        help="apply the database migrations and exit (before new versions of the bot start)",
    )
    chat = commands.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--as", dest="as_name", metavar="NAME", help="who you are, as on the roster")
    chat.add_argument("--council", metavar="SHORT", help="the council to talk in, e.g. 'SOR Barn'")
    notes = commands.add_parser(
        "notes",
        help="read minutes from a file (.docx, .txt, .html) as the chat command `notes`",
        description="Show the preview of the minutes in FILE, as `notes` with the text pasted "
        "would. Then answer as in chat (`ok`, `ok 1-3`, `2 bort`, `avbryt`), typed or piped "
        "on standard input; --yes answers `ok` at once.",
    )
    _file_arguments(notes, "the minutes")
    members = commands.add_parser("members", help="the roster")
    member_commands = members.add_subparsers(dest="members_command", required=True)
    members_add = member_commands.add_parser(
        "add",
        help="read a participant list from a file, as the chat command `members add`",
        description="Show the preview of the people in FILE, as `members add` with the list "
        "pasted would; answer as in chat, or --yes.",
    )
    _file_arguments(members_add, "the participant list (or the whole minutes)")
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


def _file_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--file", required=True, type=Path, metavar="FILE", help=what)
    parser.add_argument(
        "--as", dest="as_name", metavar="NAME", help="who you are, as on the roster"
    )
    parser.add_argument(
        "--council", required=True, metavar="SHORT", help="the council, e.g. 'SOR Barn'"
    )
    parser.add_argument(
        "--yes", action="store_true", help="answer `ok`: save what the preview is certain of"
    )


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=STOCKHOLM)
    return moment


async def _send_reminders(settings: Settings, now: datetime) -> RunStats:
    from bot.app import reminder_sender, system_clock
    from bot.console import ConsoleDeliverer
    from bot.teams import teams_adapter
    from store.db import open_engine, session_factory

    engine = open_engine(settings.database_url)
    try:
        sessions = session_factory(engine)
        async with teams_adapter(settings, system_clock, inbound=False) as adapter:
            sender = reminder_sender(settings, sessions, adapter)
            sender.add_deliverer("console", ConsoleDeliverer())
            try:
                return await sender.run_once(now)
            finally:
                await sender.close()
    finally:
        await engine.dispose()


def _settings(args: argparse.Namespace) -> Settings:
    """The settings, with the command line's overrides; one line naming each bad one."""
    overrides = {
        name: getattr(args, name)
        for name in ("host", "port", "migrate_on_start")
        if getattr(args, name, None) is not None
    }
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise StartupError(settings_problem(error)) from None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "teams-package":
        return run_teams_package(args)
    try:
        settings = _settings(args)
        configure_logging(settings, terminal=args.command == "chat")
        return _run(args, settings)
    except StartupError as error:
        print(f"radsbot: {error}", file=sys.stderr, flush=True)
        return 2


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.startup import prepare_database

    if args.command == "serve":
        return _serve(settings, args.workers)
    if args.command in ("notes", "members"):
        refusal = _file_refusal(args.file, settings.default_language)
        if refusal:  # said at once, before the database and the bot are loaded
            print(refusal, file=sys.stderr, flush=True)
            return 1
    if args.command == "migrate" or (args.command == "db" and args.db_command == "upgrade"):
        asyncio.run(prepare_database(settings, migrate=True))
        print("database is up to date")
        return 0
    asyncio.run(prepare_database(settings))
    if args.command == "chat":
        from bot.app import system_clock
        from bot.console import run_console

        asyncio.run(
            run_console(
                settings, as_name=args.as_name, council_short=args.council, clock=system_clock
            )
        )
        return 0
    if args.command in ("notes", "members"):
        from bot.app import system_clock
        from bot.console import run_notes_file

        return asyncio.run(
            run_notes_file(
                settings,
                args.file,
                command="notes" if args.command == "notes" else "members add",
                as_name=args.as_name,
                council_short=args.council,
                answer_ok=args.yes,
                clock=system_clock,
            )
        )
    if args.command == "reminders" and args.reminders_command == "run-once":
        from bot.app import system_clock

        stats = asyncio.run(_send_reminders(settings, args.now or system_clock()))
        print(f"reminders: {stats}")
        return 1 if stats.failed else 0
    return 2


def _file_refusal(path: Path, lang: str) -> str | None:
    """Why a file named on the command line will not be read (its kind, its size), or None."""
    from bot.documents import DocumentRefused, Problem, check_kind, check_size, document_problem

    try:
        check_kind(path.name)
        check_size(path.stat().st_size)
    except DocumentRefused as refused:
        return document_problem(lang, refused.problem)
    except OSError:
        return f"{document_problem(lang, Problem.UNREADABLE)} ({path})"
    return None


def _serve(settings: Settings, workers: int = 1) -> int:
    """Refuse an exposed unauthenticated server, take the port, ready the database, then serve
    (in ``workers`` processes sharing the port)."""
    from bot.startup import banner, listen_socket, prepare_database

    refusal = settings.listen_refusal() or _workers_refusal(settings, workers)
    if refusal:
        raise StartupError(refusal)
    sock = listen_socket(settings)
    try:
        asyncio.run(prepare_database(settings))
        if settings.slack_socket_mode:
            from bot.slack_socket import check_app_token

            asyncio.run(check_app_token(settings))
    except StartupError:
        sock.close()
        raise
    from aiohttp import web

    from bot.app import create_app

    line = banner(settings, sock)
    print(line + (f"; {workers} worker processes" if workers > 1 else ""), flush=True)
    if workers == 1:
        web.run_app(create_app(settings), sock=sock, print=None, loop=new_event_loop())
        return 0
    quiet = settings.model_copy(update={"reminders_enabled": False})
    # only the first runs the reminder loop, so one sender paces each conversation
    return run_workers(sock, workers, lambda index: create_app(settings if index == 0 else quiet))


def _workers_refusal(settings: Settings, workers: int) -> str | None:
    if workers < 1:
        return "--workers must be at least 1"
    if workers > 1 and not settings.database_url.startswith("postgresql"):
        return (
            "--workers above 1 needs a PostgreSQL RADSBOT_DATABASE_URL: a SQLite file has one "
            "writer at a time, and its writers queue inside one process"
        )
    if workers > 1 and settings.slack_socket_mode:
        return "--workers above 1 does not go with SLACK_APP_TOKEN: one Socket Mode connection"
    return None


def run_workers(
    sock: socket.socket, workers: int, make_app: Callable[[int], web.Application]
) -> int:
    """Fork ``workers`` processes that accept on the one listening socket, each with its own
    app, made after the fork by ``make_app(index)`` (database pool, HTTP session). SIGTERM is
    passed on to them all; when one ends, the others are stopped and the exit code is the
    first one's, so a supervisor restarts them together."""
    from aiohttp import web

    children: list[int] = []
    for index in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 1
            try:
                web.run_app(make_app(index), sock=sock, print=None, loop=new_event_loop())
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    sock.close()

    def pass_on(signum: int, frame: object) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, pass_on)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the workers themselves
    ended, status = os.wait()
    pass_on(signal.SIGTERM, None)
    for child in children:
        if child != ended:
            os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 1


if __name__ == "__main__":
    sys.exit(main())
