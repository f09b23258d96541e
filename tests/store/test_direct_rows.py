"""Who asks where, read straight from the driver (``store.direct_rows``): the
same objects, with the same values, as the ORM loads; what the session holds is kept; a read
before the first write sends no BEGIN, one after it is in the transaction; a failure under it
is reported as any statement's is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import bindparam, inspect, select

from dialogs.dates.writing import STOCKHOLM
from store import councils, direct_rows, people
from store.db import (
    DatabaseError,
    Session,
    Sessions,
    connection_lost,
    may_save,
    open_engine,
    session_factory,
)
from store.models import (
    Action,
    ActionStatus,
    ChatIdentity,
    ConversationRef,
    Council,
    LinkedBy,
    Membership,
    PendingPrompt,
    Person,
    Role,
)
from tests.fixtures.statements import counted

AT = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night summer time begins
KEY = ("teams", "tenant-1", "29:karin", "19:channel@thread")


async def _world(sessions: Sessions) -> dict[str, int]:
    """Karin, in two councils (chair of one, with another role noted), asked a question in
    the channel of the first; Nils, in a council of his own, with no question waiting."""
    async with sessions() as session, session.begin():
        vard = Council(
            name="Vårdsamverkan Nord",
            short_name="VSN",
            short_key="vsn",
            language="sv",
            reminder_settings={"meeting_days": [7, 1], "quiet": True},
            created_at=AT,
        )
        rad = Council(name="Samordningsrådet", short_name="ARÅD", short_key="arad", created_at=AT)
        solo = Council(name="Nils råd", short_name="NR", short_key="nr", created_at=AT)
        karin = Person(
            full_name="Karin Öberg",
            name_key="karin oberg",
            email="karin@example.se",
            reminder_prefs={"deadline_days": [5, 0]},
            created_at=AT,
        )
        nils = Person(full_name="Nils Ek", name_key="nils ek", created_at=AT)
        session.add_all([vard, rad, solo, karin, nils])
        await session.flush()
        account = ChatIdentity(
            platform="teams",
            tenant_id="tenant-1",
            user_id="29:karin",
            display_name="Karin Öberg",
            person_id=karin.id,
            linked_by=LinkedBy.EMAIL,
            created_at=AT,
        )
        session.add_all(
            [
                account,
                ChatIdentity(
                    platform="teams", tenant_id="tenant-1", user_id="29:nils", person_id=nils.id
                ),
                Membership(
                    council_id=vard.id,
                    person_id=karin.id,
                    role=Role.CHAIR,
                    other_roles=["secretary"],
                    note="till juni",
                    created_at=AT,
                ),
                Membership(council_id=rad.id, person_id=karin.id, created_at=AT),
                Membership(council_id=solo.id, person_id=nils.id, created_at=AT),
                ConversationRef(
                    platform="teams",
                    conversation_id="19:channel@thread",
                    tenant_id="tenant-1",
                    kind="channel",
                    council_id=vard.id,
                    reference={"serviceUrl": "https://smba.example/", "ids": [1, "två"]},
                    updated_at=AT,
                ),
                PendingPrompt(
                    platform="teams",
                    conversation_id="19:channel@thread",
                    person_id=karin.id,
                    kind="choose",
                    payload={"choices": ["a", "ö"]},
                    created_at=AT,
                ),
            ]
        )
        await session.flush()
        return {"vard": vard.id, "rad": rad.id, "karin": karin.id, "account": account.id}


def _columns(row: object) -> dict[str, Any]:
    mapper = inspect(type(row))
    return {attribute.key: getattr(row, attribute.key) for attribute in mapper.column_attrs}


async def _loaded_by_orm(sessions: Sessions, key: tuple[str, ...]) -> list[tuple[Any, ...]]:
    async with sessions() as session:
        return [
            tuple(row)
            for row in await session.execute(
                people._CONVERSATION_AND_SENDER,
                {
                    "platform": key[0],
                    "tenant_id": key[1],
                    "user_id": key[2],
                    "conversation_id": key[3],
                },
            )
        ]


async def test_the_same_objects_and_values_as_the_orm_loads(sessions: Sessions) -> None:
    ids = await _world(sessions)
    expected = await _loaded_by_orm(sessions, KEY)
    async with sessions() as session:
        found = await people.conversation_and_sender(session, *KEY)
        assert found is not None
        conversation, sender = found
        assert sender is not None
        assert conversation.council is not None and conversation.council.id == ids["vard"]
        assert conversation.reference == {"serviceUrl": "https://smba.example/", "ids": [1, "två"]}
        assert sender.person.id == ids["karin"] and sender.account.id == ids["account"]
        assert sender.account.linked_by is LinkedBy.EMAIL
        # by the councils' short names: ARÅD, then VSN; each seat with its council
        assert [(s.council.short_name, s.role) for s in sender.seats] == [
            ("ARÅD", Role.MEMBER),
            ("VSN", Role.CHAIR),
        ]
        assert sender.seats[1].other_roles == ["secretary"]
        assert sender.prompt is not None and sender.prompt.payload == {"choices": ["a", "ö"]}
        assert sender.person.created_at == AT and sender.person.created_at.tzinfo is not None
        assert sender.person.reminder_prefs == {"deadline_days": [5, 0]}
        got = [
            conversation,
            conversation.council,
            sender.person,
            sender.account,
            sender.prompt,
            *sender.seats,
            *(s.council for s in sender.seats),
        ]
        want = {(type(row), row.id): _columns(row) for line in expected for row in line if row}
        for row in got:
            assert _columns(row) == want[(type(row), row.id)], type(row).__name__
            # each is the session's own, loaded: no statement to read it again
            assert inspect(row).persistent and not inspect(row).unloaded - {"council", "person"}
            assert await session.get(type(row), row.id) is row


async def test_an_account_linked_to_nobody_and_a_conversation_not_saved(sessions: Sessions) -> None:
    await _world(sessions)
    async with sessions() as session:
        found = await people.conversation_and_sender(session, "teams", "tenant-1", "29:x", KEY[3])
        assert found is not None and found[1] is None and found[0].council is not None
        unknown = ("teams", "tenant-1", "29:karin", "19:other@thread")
        assert await people.conversation_and_sender(session, *unknown) is None


async def test_what_the_session_holds_is_kept_and_what_it_let_go_is_read(
    sessions: Sessions,
) -> None:
    ids = await _world(sessions)
    async with sessions() as session:
        karin = await session.get(Person, ids["karin"])
        assert karin is not None
        karin.language = "en"  # changed in this session, not yet saved
        council = await session.get(Council, ids["vard"])
        assert council is not None
        session.expire(council)
        account = await session.get(ChatIdentity, ids["account"])
        assert account is not None
        session.expire(account, ["display_name"])  # one attribute only
        found = await people.conversation_and_sender(session, *KEY)
        assert found is not None and found[1] is not None
        assert found[1].person is karin and karin.language == "en"
        assert found[0].council is council
        # filled again from the row, with no statement of its own
        with counted() as statements:
            assert council.name == "Vårdsamverkan Nord"
            assert council.reminder_settings == {"meeting_days": [7, 1], "quiet": True}
            assert found[1].account is account and account.display_name == "Karin Öberg"
        assert statements == []


async def _in_transaction(session: Session) -> bool:
    raw = await (await session.connection()).get_raw_connection()
    driver = raw.driver_connection
    return (
        bool(driver.in_transaction)
        if hasattr(driver, "in_transaction")
        else bool(driver.is_in_transaction())
    )


async def test_before_the_first_write_no_begin_after_it_in_the_transaction(
    sessions: Sessions,
) -> None:
    ids = await _world(sessions)
    async with sessions() as session:
        with counted() as statements:
            assert await people.conversation_and_sender(session, *KEY) is not None
        assert len(statements) == 1 and "FROM conversation_refs" in statements[0]
        if session.get_bind().dialect.name == "postgresql":
            assert not await _in_transaction(session)
        session.add(Membership(council_id=ids["vard"], person_id=ids["karin"] + 1))
        await session.flush()
        # Nils now sits in VSN too, not yet committed; his account reads it in the transaction
        nils = ("teams", "tenant-1", "29:nils", KEY[3])
        found = await people.conversation_and_sender(session, *nils)
        assert found is not None and found[1] is not None
        assert [s.council.short_name for s in found[1].seats] == ["NR", "VSN"]
        await session.rollback()


async def test_a_connection_ended_under_the_read_is_reported_as_lost(
    sessions: Sessions,
) -> None:
    await _world(sessions)
    async with sessions() as session:
        raw = await (await session.connection()).get_raw_connection()
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("a connection the server ends is PostgreSQL's case")
        raw.driver_connection.terminate()
        with pytest.raises(DatabaseError) as raised:
            await people.conversation_and_sender(session, *KEY)
        assert connection_lost(raised.value)


async def test_rows_of_columns_as_sqlalchemy_reads_them(sessions: Sessions) -> None:
    """A SELECT of columns: an enum, a JSON list, a time, a label, the statement's own value
    (an open status), a list bound for IN and a LIMIT, each the same as SQLAlchemy's, and
    named alike."""
    ids = await _world(sessions)
    async with sessions() as session, session.begin():
        session.add_all(
            [
                Action(
                    council_id=ids["vard"],
                    number=n,
                    text=f"Åtgärd {n}",
                    status=ActionStatus.DONE if n == 2 else ActionStatus.OPEN,
                    due_at=None if n == 3 else AT + timedelta(days=n),
                    due_has_time=n == 1,
                    created_at=AT,
                )
                for n in (1, 2, 3, 4)
            ]
        )
    statement = _actions_of_person(Action.council_id.in_(bindparam("councils", expanding=True)))
    # a time as people give it, in Stockholm's zone, bound as the column binds it: 00:15 UTC,
    # before #4's deadline (00:30 UTC), though 02:15 is after it
    before = datetime(2026, 4, 2, 2, 15, tzinfo=STOCKHOLM)
    values = {
        "councils": [ids["vard"], ids["rad"]],
        "person": ids["karin"],
        "before": before,
        "limit": 2,
    }
    async with sessions() as session:
        expected = list(await session.execute(statement, values))
        found = await direct_rows.rows(session, statement, values)
    assert [tuple(row) for row in found] == [tuple(row) for row in expected]
    assert [row.number for row in found] == [1, 3]
    assert found[0].status is ActionStatus.OPEN and found[0].role is Role.CHAIR
    assert found[0].other_roles == ["secretary"] and found[0].due_at.tzinfo is not None
    assert [row.tenfold for row in found] == [10, 30]
    # the same without a list: its values taken from their places, the status written in
    single = _actions_of_person(Action.council_id == bindparam("council"))
    async with sessions() as session:
        expected = list(await session.execute(single, {**values, "council": ids["vard"]}))
        found = await direct_rows.rows(session, single, {**values, "council": ids["vard"]})
    assert [tuple(row) for row in found] == [tuple(row) for row in expected]
    assert [row.number for row in found] == [1, 3]
    # a list of another length makes a statement of its own
    async with sessions() as session:
        one = await direct_rows.rows(session, statement, {**values, "councils": [ids["vard"]]})
    assert [row.number for row in one] == [1, 3]


async def test_a_session_that_only_reads_this_way_holds_no_connection(database_url: str) -> None:
    """Its reads borrow a pooled connection each and give it back at once: the session has
    none to commit and return. Once it has written, it reads on its own connection."""
    engine = open_engine(database_url)
    try:
        sessions = session_factory(engine)
        ids = await _world(sessions)
        async with sessions() as session:
            found = await people.conversation_and_sender(session, *KEY)
            assert found is not None and found[1] is not None
            assert engine.sync_engine.pool.checkedout() == 0
            session.add(Membership(council_id=ids["rad"], person_id=ids["karin"] + 1))
            await session.flush()
            assert engine.sync_engine.pool.checkedout() == 1
            nils = await people.conversation_and_sender(
                session, "teams", "tenant-1", "29:nils", KEY[3]
            )
            assert nils is not None and nils[1] is not None
            assert [s.council.short_name for s in nils[1].seats] == ["ARÅD", "NR"]
            assert engine.sync_engine.pool.checkedout() == 1
            await session.rollback()
        assert engine.sync_engine.pool.checkedout() == 0
    finally:
        await engine.dispose()


async def test_a_refresh_is_saved_at_once_on_a_borrowed_connection(database_url: str) -> None:
    """PostgreSQL: a conversation's refresh (a write that may stand alone) from a session
    that holds no connection is saved at once, on a connection borrowed for it; after the
    session's first other write, it is part of that transaction, and is undone with it."""
    engine = open_engine(database_url)
    try:
        sessions = session_factory(engine)
        ids = await _world(sessions)
        on_postgres = engine.dialect.name == "postgresql"

        async def refresh(session: Session, serial: int) -> None:
            found = await people.conversation_and_sender(session, *KEY)
            assert found is not None
            await councils.save_conversation(
                session,
                platform="teams",
                conversation_id=KEY[3],
                tenant_id="tenant-1",
                kind="channel",
                reference={"serviceUrl": f"https://smba.example/{serial}"},
                at=AT + timedelta(hours=serial),
                found=found[0],
            )
            assert found[0].reference == {"serviceUrl": f"https://smba.example/{serial}"}

        async def saved() -> str:
            async with sessions() as session:
                found = await people.conversation_and_sender(session, *KEY)
                assert found is not None
                return str(found[0].reference["serviceUrl"])

        async with sessions() as session:
            await refresh(session, 1)
            if on_postgres:
                assert engine.sync_engine.pool.checkedout() == 0
                assert not may_save(session)
                assert await saved() == "https://smba.example/1"  # before any commit
            else:  # SQLite: through the session, saved at its commit
                await session.commit()
        assert await saved() == "https://smba.example/1"

        async with sessions() as session:
            session.add(Membership(council_id=ids["rad"], person_id=ids["karin"] + 1))
            await session.flush()
            await refresh(session, 2)
            await session.rollback()
        assert await saved() == "https://smba.example/1"
    finally:
        await engine.dispose()


def _actions_of_person(in_councils: Any) -> Any:
    return (
        select(
            Action.number,
            Action.status,
            Action.due_at,
            Membership.role,
            Membership.other_roles,
            (Action.number * 10).label("tenfold"),
        )
        .join(Membership, Membership.council_id == Action.council_id)
        .where(
            in_councils,
            Action.status == ActionStatus.OPEN,
            Membership.person_id == bindparam("person"),
            Action.due_at.is_(None) | (Action.due_at < bindparam("before")),
        )
        .order_by(Action.due_at.asc().nulls_last(), Action.number)
        .limit(bindparam("limit"))
    )
