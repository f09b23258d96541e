"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from store.db import open_engine
from store.migrate import upgrade_to_head
from store.models import Base


async def test_migrations_match_models(database_url: str) -> None:
    engine = open_engine(database_url)
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
