"""What the store's own tests share."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from store.db import Sessions, open_engine, session_factory


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[Sessions]:
    """Sessions on an empty database (``database_url``: SQLite, and PostgreSQL where one is
    reachable), its engine closed after the test."""
    engine = open_engine(database_url)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()
