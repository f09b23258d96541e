"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from store.db import open_engine
from store.migrate import upgrade_to_head
from store.models import Base
from tests.conftest import fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database nothing has touched yet, not even the migrations."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


async def test_migrations_match_models(new_database_url: str) -> None:
    engine = open_engine(new_database_url)
    try:
        await upgrade_to_head(engine)
        await upgrade_to_head(engine)  # a second run is a no-op

        def differences(connection):  # type: ignore[no-untyped-def]
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, Base.metadata)

        def tables(connection):  # type: ignore[no-untyped-def]
            return set(inspect(connection).get_table_names())

        async with engine.connect() as connection:
            assert await connection.run_sync(differences) == []
            assert set(Base.metadata.tables) <= await connection.run_sync(tables)
    finally:
        await engine.dispose()
