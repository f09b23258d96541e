"""``store.db.get``: a row the session holds is found with no statement and no trip through
SQLAlchemy's greenlet; a row it let go, or never had, is read as ``session.get`` reads it."""

from __future__ import annotations

from datetime import UTC, datetime

from store.db import Sessions, get, keep
from store.models import Council, Person
from tests.fixtures.statements import counted

AT = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # the night summer time ends


async def test_a_held_row_at_once_a_row_let_go_read_again(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        council = Council(name="Vårdsamverkan Syd", short_name="VSS", short_key="vss")
        session.add_all([council, Person(full_name="Åsa Lind", name_key="asa lind", created_at=AT)])
        await session.flush()
        council_id = council.id
    async with sessions() as session:
        with counted() as statements:
            held = await get(session, Council, council_id)
        assert held is not None and len(statements) == 1  # not held yet: read
        keep(session, held)
        with counted() as statements:
            assert await get(session, Council, council_id) is held
        assert statements == []  # held: no statement
        # the same id of another class is another row
        with counted() as statements:
            assert await get(session, Person, council_id) is not held
        assert len(statements) == 1
        session.expire(held)
        with counted() as statements:
            again = await get(session, Council, council_id)
        assert again is held and len(statements) == 1 and held.name == "Vårdsamverkan Syd"
        with counted() as statements:
            assert await get(session, Council, council_id + 1000) is None
        assert len(statements) == 1
