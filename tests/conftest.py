"""Shared test fixtures: databases, a controllable clock, a fake Bot Connector, the app."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/test"


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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database per test: a SQLite file, and PostgreSQL where one is reachable."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'radsbot.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'radsbot.db'}"


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = FakeConnector()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def teams(
    database_url: str, connector: FakeConnector, clock: FakeClock
) -> AsyncIterator[TeamsChat]:
    """The real app over real HTTP, with Teams faked around it."""
    async with TeamsChat.running(database_url, connector, clock) as chat:
        yield chat
