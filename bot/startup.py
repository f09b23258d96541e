"""Start-up checks that need the outside world: the database answers, the port is free.

Each failure is a :class:`StartupError` whose message is one line naming the setting and the
fix; the CLI prints it and exits with 2, never with a traceback.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import sqlite3

import asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.settings import Settings, StartupError, masked_database_url
from store.db import CONNECT_TIMEOUT, open_engine

#: How long the whole connection attempt may take (name lookup included) before start-up ends.
DATABASE_DEADLINE = CONNECT_TIMEOUT + 1


async def prepare_database(settings: Settings, *, migrate: bool | None = None) -> None:
    """Connect (within a deadline) and bring the schema up to date, or say in one line why not.

    ``migrate`` (default: ``RADSBOT_MIGRATE_ON_START``) False only checks that the schema is
    at the newest migration, for processes started after ``radsbot migrate`` has run.
    """
    if migrate is None:
        migrate = settings.migrate_on_start
    engine = open_engine(settings.database_url)
    try:
        await asyncio.to_thread(_open_sqlite_file, settings.database_url)
        async with asyncio.timeout(DATABASE_DEADLINE):
            async with engine.connect():
                pass
        # alembic, only for a database that answers
        from store.migrate import head_revision, schema_revision, upgrade_to_head

        if migrate:
            await upgrade_to_head(engine)
            return
        current, head = await schema_revision(engine), head_revision()
        if current != head:
            raise StartupError(
                f"the database is at migration {current or 'none'} but this Rådsbot needs "
                f"{head}, and RADSBOT_MIGRATE_ON_START=false: run `radsbot migrate` first"
            )
    except (SQLAlchemyError, sqlite3.Error, OSError, TimeoutError, asyncpg.PostgresError) as error:
        raise StartupError(database_problem(settings.database_url, error)) from None
    finally:
        await engine.dispose()


def _open_sqlite_file(url: str) -> None:
    """Open (creating it if need be) a SQLite file with the standard library first: aiosqlite,
    failing to open one, races its own worker thread and may print a stray traceback."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        sqlite3.connect(parsed.database).close()


def database_problem(url: str, error: BaseException) -> str:
    """The one line for a database that cannot be used, with its password masked."""
    parsed = make_url(url)
    causes = _causes(error)
    if parsed.get_backend_name() == "sqlite":
        reason = next((str(c) for c in causes if isinstance(c, sqlite3.Error)), _first_line(error))
        return (
            f"RADSBOT_DATABASE_URL: cannot use the SQLite file {parsed.database} ({reason}): "
            "make sure its directory exists and this user may write there, "
            "or point RADSBOT_DATABASE_URL elsewhere"
        )
    server = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    shown = masked_database_url(url)
    for cause in causes:
        if isinstance(cause, TimeoutError):
            return (
                f"RADSBOT_DATABASE_URL: PostgreSQL at {server} did not answer within "
                f"{CONNECT_TIMEOUT:.0f} s ({shown}): check the host and port, and that "
                "PostgreSQL runs there and a firewall lets this machine through"
            )
        if isinstance(cause, socket.gaierror):
            return (
                f"RADSBOT_DATABASE_URL: unknown host {parsed.host!r} ({shown}): "
                "fix the host name in RADSBOT_DATABASE_URL"
            )
        if isinstance(cause, ConnectionRefusedError):
            return (
                f"RADSBOT_DATABASE_URL: nothing accepts connections at {server} "
                f"(connection refused, {shown}): start PostgreSQL or fix the host and port"
            )
        if isinstance(cause, asyncpg.InvalidCatalogNameError):
            return (
                f"RADSBOT_DATABASE_URL: the database {parsed.database!r} does not exist on "
                f"{server} ({shown}): create it (createdb {parsed.database}) or fix its name"
            )
        if isinstance(cause, asyncpg.InvalidAuthorizationSpecificationError):
            return (
                f"RADSBOT_DATABASE_URL: PostgreSQL at {server} refused the user "
                f"{parsed.username!r} ({_first_line(cause)}, {shown}): "
                "fix the user name and password"
            )
        if isinstance(cause, OSError):
            return (
                f"RADSBOT_DATABASE_URL: cannot reach PostgreSQL at {server} "
                f"({cause.strerror or _first_line(cause)}, {shown}): check the host and port"
            )
    return (
        f"RADSBOT_DATABASE_URL: cannot use the database {shown} ({_first_line(error)}): "
        "check that it is a Rådsbot database this user may change"
    )


def _causes(error: BaseException) -> list[BaseException]:
    """The error and what it wraps (SQLAlchemy keeps the driver's error as ``orig``)."""
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop(0)
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return seen


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def listen_socket(settings: Settings) -> socket.socket:
    """Bind the server's socket now, so a port in use or a foreign address ends start-up
    with one line before anything else happens."""
    host, port = settings.host, settings.port
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        raise StartupError(
            f"RADSBOT_HOST {host!r} is neither an address nor a known host name: use 127.0.0.1 "
            "(this machine only) or 0.0.0.0 (every address), with RADSBOT_HOST or --host"
        ) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise StartupError(_bind_problem(host, port, error)) from None
    return sock


def _bind_problem(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"PORT {port} on {host} is already in use (another Rådsbot?): stop that process "
            "or choose a free port with PORT or --port"
        )
    if error.errno == errno.EACCES:
        return (
            f"PORT {port}: this user may not listen on it: choose a port above 1023 with PORT "
            "or --port (and let the reverse proxy listen on 443)"
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return (
            f"RADSBOT_HOST {host} is not an address of this machine: use one of its addresses, "
            "127.0.0.1 or 0.0.0.0, with RADSBOT_HOST or --host"
        )
    return f"PORT {port} on {host}: cannot listen ({error.strerror}): check RADSBOT_HOST and PORT"


def banner(settings: Settings, sock: socket.socket) -> str:
    """The one start-up line: where the server listens, and what it serves, authenticated or not."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    scope = "this machine only" if settings.on_loopback else "every address"
    parts = []
    if settings.authenticated:
        parts.append(f"Teams at http://{shown}/api/messages (authenticated)")
    elif settings.teams_endpoint_served:
        opt_in = "" if settings.on_loopback else ", RADSBOT_ALLOW_UNAUTHENTICATED=1"
        parts.append(
            f"Teams at http://{shown}/api/messages (NOT authenticated: local mode{opt_in})"
        )
    else:
        parts.append("Teams off (no MicrosoftAppId)")
    if settings.slack_socket_mode:
        parts.append("Slack over Socket Mode (outbound only)")
    elif settings.slack_signing_secret.get_secret_value():
        parts.append(f"Slack at http://{shown}/slack/events (signed requests only)")
    return f"Rådsbot listening on {shown} ({scope}): " + "; ".join(parts)
