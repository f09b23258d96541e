"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from dialogs.text.folding import name_key
from store.db import open_engine
from store.migrate import alembic_config, upgrade_to_head
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


async def test_links_made_before_they_were_recorded_are_no_proof(new_database_url: str) -> None:
    """Accounts linked before revision 0004 may come from the old `iam` hole: they become
    'legacy' (never proof of an officer); a council whose creation is logged by a person with
    one account learns that founder (whose office then holds in that council only), any other
    council none; the revision also goes down again."""
    engine = open_engine(new_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0002"))
            await connection.execute(
                text(
                    "INSERT INTO people (id, full_name, name_key, created_at)"
                    " VALUES (1, 'Maja Berndes', 'maja berndes', CURRENT_TIMESTAMP)"
                )
            )
            await connection.execute(
                text(
                    "INSERT INTO chat_identities (platform, tenant_id, user_id, person_id,"
                    " created_at) VALUES ('msteams', 't', 'aad-maja', 1, CURRENT_TIMESTAMP)"
                )
            )
            await connection.execute(
                text(
                    "INSERT INTO councils (name, short_name, short_key, meeting_start,"
                    " meeting_end, created_at) VALUES ('SOR Barn', 'SOR Barn', 'sor barn',"
                    " '09:30', '15:30', CURRENT_TIMESTAMP), ('VVG', 'VVG', 'vvg', '09:30',"
                    " '15:30', CURRENT_TIMESTAMP)"
                )
            )
            await connection.execute(
                text(
                    "INSERT INTO audit_events (council_id, actor_person_id, verb, subject_type,"
                    " subject_id, created_at) VALUES (1, 1, 'create', 'council', 1,"
                    " CURRENT_TIMESTAMP)"
                )
            )
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            links = (await connection.execute(text("SELECT linked_by FROM chat_identities"))).all()
            founders = (
                await connection.execute(
                    text("SELECT founder_identity_id FROM councils ORDER BY id")
                )
            ).all()
        assert [tuple(row) for row in links] == [("legacy",)]
        assert [tuple(row) for row in founders] == [(1,), (None,)]
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.downgrade(alembic_config(c), "0002"))
            columns = await connection.run_sync(
                lambda c: {col["name"] for col in inspect(c).get_columns("chat_identities")}
            )
        assert "linked_by" not in columns
    finally:
        await engine.dispose()


async def test_an_upgrade_keeps_every_row_of_an_existing_database(new_database_url: str) -> None:
    """A region upgrading Rådsbot keeps its councils: on SQLite a migration that alters a
    table copies and drops it, which with foreign keys on used to delete every row cascading
    from it (all memberships, when ``councils`` gained a column)."""
    engine = open_engine(new_database_url)
    rows = {
        "people": "(id, full_name, name_key, created_at) VALUES (1, 'Maja Berndes',"
        " 'maja berndes', CURRENT_TIMESTAMP)",
        "councils": "(id, name, short_name, short_key, meeting_start, meeting_end, created_at)"
        " VALUES (1, 'SOR Barn', 'SOR Barn', 'sor barn', '09:30', '15:30', CURRENT_TIMESTAMP)",
        "memberships": "(council_id, person_id, role, created_at)"
        " VALUES (1, 1, 'chair', CURRENT_TIMESTAMP)",
        "chat_identities": "(platform, tenant_id, user_id, person_id, created_at)"
        " VALUES ('teams', 't', 'aad-maja', 1, CURRENT_TIMESTAMP)",
        "audit_events": "(council_id, actor_person_id, verb, subject_type, subject_id,"
        " created_at) VALUES (1, 1, 'create', 'council', 1, CURRENT_TIMESTAMP)",
    }
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0001"))
            for table, values in rows.items():
                await connection.execute(text(f"INSERT INTO {table} {values}"))
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            for table in rows:
                count = (await connection.execute(text(f"SELECT COUNT(*) FROM {table}"))).scalar()
                assert count == 1, f"{table}: {count} rows after the upgrade"
            if engine.dialect.name == "sqlite":
                enforced = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar()
                assert enforced == 1, "foreign keys are enforced again after migrating"
    finally:
        await engine.dispose()


async def test_memberships_keep_their_role_as_the_primary_one_and_gain_other_roles(
    new_database_url: str,
) -> None:
    """Revision 0006: a membership written before it keeps its one role (the primary one, that
    permissions read) and holds no other; a second role can then be stored, and going down
    keeps the primary role."""
    engine = open_engine(new_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0005"))
            for sql in (
                "INSERT INTO people (id, full_name, name_key, created_at)"
                " VALUES (1, 'Maja Berndes', 'maja berndes', CURRENT_TIMESTAMP)",
                "INSERT INTO councils (id, name, short_name, short_key, meeting_start,"
                " meeting_end, created_at) VALUES (1, 'SOR Barn', 'SOR Barn', 'sor barn',"
                " '09:30', '15:30', CURRENT_TIMESTAMP)",
                "INSERT INTO memberships (id, council_id, person_id, role, created_at)"
                " VALUES (1, 1, 1, 'chair', CURRENT_TIMESTAMP)",
            ):
                await connection.execute(text(sql))
        await upgrade_to_head(engine)
        async with engine.begin() as connection:
            row = (
                await connection.execute(text("SELECT role, other_roles FROM memberships"))
            ).one()
            assert tuple(row) == ("chair", None)
            await connection.execute(
                text("UPDATE memberships SET other_roles = '[\"secretary\"]' WHERE id = 1")
            )
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.downgrade(alembic_config(c), "0005"))
            row = (await connection.execute(text("SELECT role FROM memberships"))).one()
            assert tuple(row) == ("chair",)
    finally:
        await engine.dispose()


async def test_keys_saved_before_are_folded_anew(new_database_url: str) -> None:
    """Keys saved when ø, ı and æ were kept as they are are folded like the new code folds
    them, so "Søren Ek" added again is found; a key that would collide stays as it was."""
    engine = open_engine(new_database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0011"))
            for values in (
                "(1, 'Søren Ek', 'søren ek', CURRENT_TIMESTAMP)",
                "(2, 'Ayşe Yıldız', 'ayse yıldız', CURRENT_TIMESTAMP)",
                "(3, 'Anna Berg', 'anna berg', CURRENT_TIMESTAMP)",
            ):
                await connection.execute(
                    text(
                        f"INSERT INTO people (id, full_name, name_key, created_at) VALUES {values}"
                    )
                )
            for key in ("bjørk", "bjork"):  # as the old code folded "Bjørk" and "Bjork"
                await connection.execute(
                    text(
                        "INSERT INTO councils (name, short_name, short_key, meeting_start,"
                        f" meeting_end, created_at) VALUES ('{key}', '{key}', '{key}', '09:30',"
                        " '15:30', CURRENT_TIMESTAMP)"
                    )
                )
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            keys = (await connection.execute(text("SELECT name_key FROM people ORDER BY id"))).all()
            assert [k for (k,) in keys] == ["soren ek", "ayse yildiz", "anna berg"]
            councils = await connection.execute(text("SELECT short_key FROM councils ORDER BY id"))
            assert [k for (k,) in councils] == ["bjørk", "bjork"]  # would collide: kept
        assert name_key("Søren Ek") == "soren ek" and name_key("Ayşe Yıldız") == "ayse yildiz"
    finally:
        await engine.dispose()
