"""The one app factory: ``create_app(settings)`` builds the whole server, no globals."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta

from aiohttp import web
from botbuilder.integration.aiohttp import CloudAdapter
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.downloads import TEAMS_FILE_HOSTS
from bot.health import OPERATIONS, Operations, add_operations_routes
from bot.logs import start_request
from bot.metrics import Metrics
from bot.secret_routes import SECRET_PAGES, SecretPages, add_secret_routes
from bot.settings import Settings
from bot.slack import EVENTS_PATH, SlackBot, SlackDeliverer, slack_enabled, slack_web_client
from bot.slack_socket import SlackSocket
from bot.teams import TeamsBot, TeamsDeliverer, process_activity, teams_adapter
from bot.teams_activity import ActivityRejected, read_activity
from bot.trusted_hosts import TrustedHosts
from dialogs.commands import build_registry
from dialogs.dates.workdays import load_calendars
from dialogs.dates.writing import STOCKHOLM
from dialogs.dispatch import DialogSettings
from dialogs.registry import Registry
from scheduler.delivery import Deliverer
from scheduler.runner import ReminderRunner
from scheduler.sender import ReminderSender
from store.db import open_engine, session_factory
from store.migrate import upgrade_to_head

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

SETTINGS = web.AppKey("settings", Settings)
CLOCK = web.AppKey("clock", object)
ENGINE = web.AppKey("engine", AsyncEngine)
SESSIONS = web.AppKey("sessions", async_sessionmaker)
ADAPTER = web.AppKey("adapter", CloudAdapter)
TEAMS_BOT = web.AppKey("teams_bot", TeamsBot)
REMINDER_SENDER = web.AppKey("reminder_sender", ReminderSender)
SLACK = web.AppKey("slack", SlackBot)
METRICS = web.AppKey("metrics", Metrics)
COMMANDS = web.AppKey("commands", Registry)


def system_clock() -> datetime:
    return datetime.now(UTC)


def create_app(settings: Settings, *, clock: Clock = system_clock) -> web.Application:
    """Build the server. The database is opened (and migrated, unless
    ``RADSBOT_MIGRATE_ON_START=false``) when the app starts."""
    app = web.Application(
        client_max_size=512 * 1024,  # a 100 KB message, twice, as HTML in JSON
        middlewares=[_request_id],
    )
    app[SETTINGS] = settings
    app[CLOCK] = clock
    app[COMMANDS] = build_registry()
    if settings.metrics_enabled:
        app[METRICS] = Metrics()
    app.cleanup_ctx.append(_teams)
    app.cleanup_ctx.append(_database)
    if slack_enabled(settings):
        app.cleanup_ctx.append(_slack)
        if settings.slack_socket_mode:
            app.cleanup_ctx.append(_slack_socket)
        else:
            app.router.add_post(EVENTS_PATH, _slack_events)
    app.cleanup_ctx.append(_reminders)
    app.on_startup.append(_load_calendars)
    app.on_startup.append(_freeze_startup_heap)
    app.on_shutdown.append(_finish_turns)
    app.on_cleanup.append(_unfreeze_heap)
    if settings.teams_endpoint_served:  # never unauthenticated where the network reaches it
        app.router.add_post("/api/messages", _teams_messages)
    add_operations_routes(app, metrics=settings.metrics_enabled)
    add_secret_routes(app)
    return app


@web.middleware
async def _request_id(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every request (and every task it starts: bolt's listeners) logs under an id of its own."""
    start_request()
    return await handler(request)


async def _teams(app: web.Application) -> AsyncIterator[None]:
    clock: Clock = app[CLOCK]  # type: ignore[assignment]
    async with teams_adapter(app[SETTINGS], clock) as adapter:
        app[ADAPTER] = adapter
        yield


async def _database(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    engine = open_engine(settings.database_url)
    if settings.migrate_on_start:
        await upgrade_to_head(engine)
    sessions: async_sessionmaker[AsyncSession] = session_factory(engine)
    app[ENGINE] = engine
    app[SESSIONS] = sessions
    clock: Clock = app[CLOCK]  # type: ignore[assignment]
    app[OPERATIONS] = Operations(
        engine,
        sessions,
        clock,
        reminder_interval=settings.reminder_interval if settings.reminders_enabled else None,
        metrics=app.get(METRICS),
        metrics_token=settings.metrics_token.get_secret_value(),
    )
    app[TEAMS_BOT] = TeamsBot(
        sessions,
        DialogSettings(app[COMMANDS], settings.default_language, settings.public_base_url),
        clock,
        email_tenants=settings.served_teams_tenants if settings.authenticated else None,
        file_hosts=TrustedHosts(TEAMS_FILE_HOSTS, local=not settings.authenticated),
        metrics=app.get(METRICS),
    )
    app[SECRET_PAGES] = SecretPages(
        sessions, clock, settings.default_language, settings.public_base_url
    )
    if settings.authenticated and not settings.served_teams_tenants:
        log.warning(
            "RADSBOT_TEAMS_TENANTS is empty: every tenant is served and no directory's e-mail "
            "links an account; officers are linked with `member link`"
        )
    yield
    await engine.dispose()


def worker_name() -> str:
    """Who claimed a reminder, for the operator reading the outbox."""
    return f"{socket.gethostname()}:{os.getpid()}"


def reminder_sender(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    adapter: CloudAdapter,
    slack: SlackBot | None = None,
) -> ReminderSender:
    deliverers: dict[str, Deliverer] = {"teams": TeamsDeliverer(adapter, settings.microsoft_app_id)}
    if slack_enabled(settings):
        client = slack.client if slack is not None else slack_web_client(settings)
        deliverers["slack"] = SlackDeliverer(client)
    return ReminderSender(
        sessions,
        deliverers,
        worker=worker_name(),
        default_language=settings.default_language,
        retention=timedelta(days=settings.retention_days),
    )


async def _slack(app: web.Application) -> AsyncIterator[None]:
    clock: Clock = app[CLOCK]  # type: ignore[assignment]
    app[SLACK] = SlackBot(app[SETTINGS], app[SESSIONS], clock, app[COMMANDS], app.get(METRICS))
    yield
    await app[SLACK].close()


async def _slack_socket(app: web.Application) -> AsyncIterator[None]:
    """Slack's events over the WebSocket this process opens (Socket Mode)."""
    socket_mode = SlackSocket(app[SLACK], app[SETTINGS].slack_app_token.get_secret_value())
    app[OPERATIONS].slack_socket = socket_mode
    socket_mode.start()
    yield
    await socket_mode.close()


async def _reminders(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    sender = reminder_sender(settings, app[SESSIONS], app[ADAPTER], app.get(SLACK))
    app[REMINDER_SENDER] = sender
    runner = None
    if settings.reminders_enabled:
        clock: Clock = app[CLOCK]  # type: ignore[assignment]
        runner = ReminderRunner(
            sender,
            clock,
            interval_seconds=settings.reminder_interval,
            on_run=app[OPERATIONS].reminder_ran,
            on_wake=lambda: start_request("reminders-"),
        )
        runner.start()
    yield
    if runner is not None:
        await runner.stop()
    await sender.close()


async def _load_calendars(app: web.Application) -> None:
    clock: Clock = app[CLOCK]  # type: ignore[assignment]
    load_calendars(clock().astimezone(STOCKHOLM).year)


async def _freeze_startup_heap(app: web.Application) -> None:
    """Keep the ~140,000 objects of start-up out of every later garbage collection.

    Measured (bench/bench_commands.py): without this, a full collection walks them all for
    130–200 ms about once every 80 requests, which alone breaks the 100 ms p99 budget.
    No collection first: the little garbage of start-up is not worth a walk over the whole
    heap (in a process that starts the app many times, as the tests do, that walk adds up).
    """
    gc.freeze()


async def _unfreeze_heap(app: web.Application) -> None:
    gc.unfreeze()


async def _finish_turns(app: web.Application) -> None:
    """Before the database and the HTTP sessions close: the turns begun are answered."""
    bots = [bot for bot in (app.get(TEAMS_BOT), app.get(SLACK)) if bot is not None]
    await asyncio.gather(*(bot.finish_turns() for bot in bots))


async def _teams_messages(request: web.Request) -> web.StreamResponse:
    app = request.app
    auth_header = request.headers.get("Authorization", "")
    if app[SETTINGS].authenticated and not auth_header.startswith("Bearer "):
        # No token at all: refused before the body is read, so a stranger learns nothing.
        log.info("Teams request refused: no bearer token")
        raise web.HTTPUnauthorized()
    if "application/json" not in request.headers.get("Content-Type", ""):
        raise web.HTTPUnsupportedMediaType()
    try:
        activity = read_activity(await request.read())
    except ActivityRejected as rejected:
        raise web.HTTPBadRequest(text=str(rejected)) from None
    return await process_activity(app[ADAPTER], app[TEAMS_BOT], activity, auth_header)


async def _slack_events(request: web.Request) -> web.StreamResponse:
    return await request.app[SLACK].handle(request)
