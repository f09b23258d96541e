"""Alembic migrations, run from code: at start of the server and by ``radsbot db upgrade``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations, optionally bound to a live connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    """The newest migration this code knows (read from the migration files, once)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


async def schema_revision(engine: AsyncEngine) -> str | None:
    """The migration the database is at; None for a database without our schema."""

    def _current(connection: Connection) -> str | None:
        # Alembic's own table, read directly: MigrationContext would log at INFO each time.
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()

    async with engine.connect() as connection:
        return await connection.run_sync(_current)


async def upgrade_to_head(engine: AsyncEngine) -> None:
    """Bring the schema up to the newest migration; a no-op when it already is."""

    def _upgrade(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), "head")

    if engine.dialect.name != "sqlite":
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade)
        return
    # SQLite alters a table by copying it and dropping the old one; with foreign keys on, that
    # DROP deletes every row that cascades from it (all of a council's members, meetings and
    # actions when ``councils`` gains a column). So they are off while migrating (a PRAGMA
    # that only takes effect outside a transaction), checked afterwards, and on again.
    async with engine.connect() as connection:
        await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        await connection.commit()
        try:
            async with connection.begin():
                await connection.run_sync(_upgrade)
                broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                if broken:
                    raise RuntimeError(f"migration left {len(broken)} rows with broken references")
        finally:
            await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            await connection.commit()
