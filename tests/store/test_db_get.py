"""``store.db.get``: a row the session holds is found with no statement and no trip through
SQLAlchemy's greenlet; a row it let go, or never had, is read as ``session.get`` reads it.
``store.db.may_save``: whether a commit has anything to do."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from store import direct_rows, people
from store.db import Sessions, get, keep, may_save
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


async def test_a_commit_may_save_only_what_went_through_the_session(sessions: Sessions) -> None:
    """Nothing to save after reads straight from the driver alone; something as soon as a row
    is changed, added or deleted (sent or not), or a statement went through the session."""
    async with sessions() as session, session.begin():
        session.add(Person(full_name="Åsa Lind", name_key="asa lind", created_at=AT))
    async with sessions() as session:
        assert not may_save(session)
        assert await people.people_named(session, "nobody") == []  # through SQLAlchemy
        assert may_save(session)
    async with sessions() as session:
        assert await people.conversation_and_sender(session, "teams", "t", "u", "c") is None
        assert not may_save(session)
        listed = await direct_rows.entity_rows(session, select(Person), {})
        (asa,) = (person for (person,) in listed)
        assert not may_save(session)
        asa.language = "en"  # changed, not yet sent
        assert may_save(session)
        await session.commit()
    async with sessions() as session:
        listed = await direct_rows.entity_rows(session, select(Person), {})
        assert [person.language for (person,) in listed] == ["en"]
        await session.delete(listed[0][0])
        assert may_save(session)
    async with sessions() as session:
        session.add(Council(name="Råd", short_name="R", short_key="r"))
        assert may_save(session)
