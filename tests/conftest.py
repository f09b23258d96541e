"""Shared test fixtures: no internet, databases, a controllable clock, a fake Bot Connector,
the app."""

from __future__ import annotations

import asyncio
import shutil
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dialogs.commands import build_registry
from dialogs.dates.writing import STOCKHOLM
from dialogs.registry import Registry
from store.db import open_engine
from store.migrate import upgrade_to_head
from tests import socket_guard
from tests.fakes.connector import FakeConnector
from tests.fakes.file_host import FakeFileHost
from tests.fakes.slack_api import CARIN, JOANNA, LARS, FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat

PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session", autouse=True)
def no_internet() -> Iterator[None]:
    """For the whole run, a connection or a host name look-up outside this machine raises
    ``InternetRefused`` (see tests/socket_guard.py); loopback stays open."""
    with socket_guard.installed():
        yield


@pytest.fixture(autouse=True)
def no_internet_in_this_test(no_internet: None) -> Iterator[None]:
    """A test whose code tried to reach the internet fails, even if the error was caught."""
    socket_guard.take_refused()
    yield
    socket_guard.fail_if_refused()


class FakeClock:
    """A clock the test moves by hand; nothing in the tests sleeps."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, local: str) -> None:
        """Set the clock to a Stockholm wall-clock time, e.g. ``2025-04-09 10:00``."""
        self.now = datetime.fromisoformat(local).replace(tzinfo=STOCKHOLM).astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 4, 9, 10, 0, tzinfo=STOCKHOLM).astimezone(UTC))


@pytest.fixture
def registry() -> Registry:
    """A fresh command registry, built as the app factory builds it."""
    return build_registry()


def _postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


POSTGRES_UP = _postgres_reachable()


async def _pg_admin(sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards; skips without one."""
    if not POSTGRES_UP:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres, database test)")
    name = f"radsbot_t_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def shared_postgres_url() -> Iterator[str]:
    """One PostgreSQL database for the whole run, migrated once; emptied before each test."""
    with fresh_postgres_database() as url:
        asyncio.run(_migrate(url))
        yield url


async def _migrate(url: str) -> None:
    engine = open_engine(url)
    try:
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()


async def _empty_all_tables(url: str) -> None:
    """Every row gone and every id counter back at 1, the schema (and its version) kept:
    as good as a new database, in a fraction of the time CREATE DATABASE takes."""
    engine = open_engine(url)
    try:
        async with engine.begin() as connection:
            tables = (
                await connection.exec_driver_sql(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'"
                )
            ).scalars()
            names = ", ".join(f'"{t}"' for t in tables)
            await connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the schema, made once; each test works on a copy of it."""
    path = tmp_path_factory.mktemp("template") / "radsbot.db"
    asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


def _copy_of_migrated_sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    target = tmp_path / "radsbot.db"
    shutil.copyfile(request.getfixturevalue("migrated_sqlite_file"), target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
def migrated_sqlite_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A SQLite file with the schema already in place (a copy: migrating each time is slow)."""
    return _copy_of_migrated_sqlite(request, tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database per test: a new SQLite file, and PostgreSQL where one is reachable
    (one migrated database for the run, emptied before each test)."""
    if request.param == "sqlite":
        yield _copy_of_migrated_sqlite(request, tmp_path)
        return
    if not POSTGRES_UP:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres, database test)")
    url = request.getfixturevalue("shared_postgres_url")
    asyncio.run(_empty_all_tables(url))
    yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'radsbot.db'}"


@pytest.fixture
async def file_host() -> AsyncIterator[FakeFileHost]:
    """Where Teams keeps a file sent in a chat (OneDrive), on localhost."""
    async with FakeFileHost() as host:
        yield host


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    async with FakeConnector() as fake:
        yield fake


@pytest.fixture
async def teams(
    database_url: str, connector: FakeConnector, clock: FakeClock
) -> AsyncIterator[TeamsChat]:
    """The real app over real HTTP, with Teams faked around it."""
    async with TeamsChat.running(database_url, connector, clock) as chat:
        yield chat


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    """The Slack Web API faked on localhost, with three members of the SOR Barn roster."""
    api = FakeSlackApi()
    api.add_user(CARIN, "Carin Skoog")
    api.add_user(LARS, "Lars Gelander")
    api.add_user(JOANNA, "Joanna Pestalozzi")
    async with api:
        yield api


@pytest.fixture
async def slack(
    database_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> AsyncIterator[SlackChat]:
    """The real app over real HTTP, with Slack faked around it."""
    async with SlackChat.running(database_url, slack_api, clock) as chat:
        yield chat
