"""PostgreSQL plans a turn's statements for a database that fits in memory: a council's roster
is read by its members' ids, not by reading every person on file; a council's action list
reads its first page in the index's order and counts the rest from the index alone."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from store.actions import first_open_actions, first_open_actions_of
from store.db import open_engine, session_factory
from store.migrate import upgrade_to_head
from store.models import Action, ActionOwner, ActionStatus, Council, Membership, Person, Role
from store.people import _ROSTER_LINES, roster_lines

PEOPLE = 10_000
COUNCILS = 100
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_a_roster_is_read_by_its_members_not_by_everyone(postgres_url: str) -> None:
    engine = open_engine(postgres_url)
    try:
        await upgrade_to_head(engine)
        rng = random.Random(7)
        async with engine.begin() as connection:
            await connection.execute(
                insert(Council),
                [
                    {"name": f"Råd {n}", "short_name": f"R{n}", "short_key": f"r{n}"}
                    for n in range(1, COUNCILS + 1)
                ],
            )
            await connection.execute(
                insert(Person),
                [
                    {"full_name": f"Person {n}", "name_key": f"person {n:05d}", "created_at": AT}
                    for n in range(1, PEOPLE + 1)
                ],
            )
            # everyone sits in one to three councils: some 200 members a council
            seats = {
                (council_id, person_id)
                for person_id in range(1, PEOPLE + 1)
                for council_id in rng.sample(range(1, COUNCILS + 1), rng.randint(1, 3))
            }
            await connection.execute(
                insert(Membership),
                [
                    {"council_id": c, "person_id": p, "role": Role.MEMBER, "created_at": AT}
                    for c, p in sorted(seats)
                ],
            )
            await connection.execute(text("ANALYZE"))
        async with engine.connect() as connection:
            setting = (await connection.exec_driver_sql("SHOW random_page_cost")).scalar()
            plan = "\n".join(
                (await connection.exec_driver_sql(f"EXPLAIN {_roster_statement(engine)}"))
                .scalars()
                .all()
            )
        assert "Seq Scan on people" not in plan, plan
        assert setting == "1.1"
        # and the list is what it was: the council's members, by name
        async with session_factory(engine)() as session:
            listed = await roster_lines(session, 47)
        expected = sorted(p for c, p in seats if c == 47)
        assert [line.full_name for line in listed] == [f"Person {p}" for p in expected]
    finally:
        await engine.dispose()


def _roster_statement(engine: AsyncEngine) -> str:
    """``roster_lines``' statement for council 47, its parameter written in."""
    statement = _ROSTER_LINES.params(council_id=47)
    return str(statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))


ACTIONS_PER_COUNCIL = 800
LIST_COUNCILS = 40
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TODAY = datetime(2026, 3, 1, 23, 0, tzinfo=UTC)  # the start of 2 March in Stockholm


async def test_a_council_list_reads_one_page_and_counts_from_the_index(postgres_url: str) -> None:
    engine = open_engine(postgres_url)
    try:
        await upgrade_to_head(engine)
        rows = _actions(random.Random(11))
        async with engine.begin() as connection:
            await connection.execute(
                insert(Council),
                [
                    {"name": f"Råd {n}", "short_name": f"R{n}", "short_key": f"r{n}"}
                    for n in range(1, LIST_COUNCILS + 1)
                ],
            )
            await connection.execute(insert(Action), rows)
            await connection.execute(
                insert(ActionOwner),
                [{"action_id": n, "owner_text": f"Org {n % 7}"} for n in range(1, len(rows), 3)],
            )
            await connection.execute(
                insert(Person), [{"full_name": "Ägaren", "name_key": "agaren", "created_at": AT}]
            )
            await connection.execute(
                insert(Membership),
                [{"council_id": c, "person_id": 1, "role": Role.MEMBER} for c in MINE_IN],
            )
            await connection.execute(
                insert(ActionOwner), [{"action_id": n, "person_id": 1} for n in sorted(OWNED)]
            )
        async with engine.connect() as connection:
            # what autovacuum does in production (it is off on the test server)
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.exec_driver_sql("VACUUM ANALYZE actions")
        for overdue in (None, (NOW, TODAY)):
            plan, (page, total) = await _planned(
                engine, lambda s, o=overdue: first_open_actions(s, 7, overdue=o, limit=25)
            )
            assert "WindowAgg" not in plan and "Bitmap Heap Scan" not in plan, plan
            assert "Index Scan using ix_actions_council_status_due_number on actions" in plan
            assert "Index Only Scan using ix_actions_council_status_due_number" in plan
            # and the list is what it was: the earliest deadlines first, undated last
            expected = sorted(
                (r for r in rows if _listed(r, overdue)),
                key=lambda r: (r["due_at"] is None, r["due_at"] or NOW, r["number"]),
            )
            assert total == len(expected) > 25
            assert [a.number for a in page] == [r["number"] for r in expected[:25]]
        # ``actions mine``: the person's own and those for everyone, among their councils'
        plan, (page, total, late) = await _planned(
            engine,
            lambda s: first_open_actions_of(s, 1, sorted(MINE_IN), overdue=(NOW, TODAY), limit=25),
        )
        assert "WindowAgg" not in plan, plan
        assert "Index Only Scan using ix_actions_council_status_due_number" in plan, plan
        mine = sorted(
            (r for n, r in enumerate(rows, 1) if _mine(n, r)),
            key=lambda r: (r["due_at"] is None, r["due_at"] or NOW, r["number"], r["council_id"]),
        )
        assert total == len(mine) > 25
        assert late == sum(1 for r in mine if _late(r)) > 0
        assert [(a.council_id, a.number) for a in page] == [
            (r["council_id"], r["number"]) for r in mine[:25]
        ]
    finally:
        await engine.dispose()


def _actions(rng: random.Random) -> list[dict[str, Any]]:
    """Every council's actions, written in turns (a council's rows lie spread over the
    table, as they do when councils meet week after week): most open, some undated, some due
    at a time of day."""
    rows = []
    for number in range(1, ACTIONS_PER_COUNCIL + 1):
        for council_id in range(1, LIST_COUNCILS + 1):
            dated = rng.random() < 0.8
            rows.append(
                {
                    "council_id": council_id,
                    "number": number,
                    "text": f"Åtgärd {number} i råd {council_id}",
                    "due_at": NOW + timedelta(hours=rng.randint(-2000, 2000)) if dated else None,
                    "due_has_time": dated and rng.random() < 0.3,
                    "status": ActionStatus.OPEN if rng.random() < 0.7 else ActionStatus.DONE,
                    "for_everyone": rng.random() < 0.1,
                    "created_at": AT,
                }
            )
    return rows


#: the councils the one person sits in, and the actions (by id) they own, in those and others
MINE_IN = frozenset({7, 9})
OWNED = frozenset(range(5, LIST_COUNCILS * ACTIONS_PER_COUNCIL, 37))


def _listed(row: dict[str, Any], overdue: tuple[datetime, datetime] | None) -> bool:
    if row["council_id"] != 7 or row["status"] != ActionStatus.OPEN:
        return False
    return overdue is None or _late(row)


def _late(row: dict[str, Any]) -> bool:
    due = row["due_at"]
    return due is not None and due < (NOW if row["due_has_time"] else TODAY)


def _mine(action_id: int, row: dict[str, Any]) -> bool:
    return (
        row["council_id"] in MINE_IN
        and row["status"] == ActionStatus.OPEN
        and (action_id in OWNED or row["for_everyone"])
    )


async def _planned(
    engine: AsyncEngine, call: Callable[[AsyncSession], Awaitable[Any]]
) -> tuple[str, Any]:
    """What ``call`` returns, and PostgreSQL's plan of the statement it ran last."""
    ran: list[tuple[str, Any]] = []

    def remember(_c: Any, _cur: Any, statement: str, parameters: Any, *_: Any) -> None:
        ran.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", remember)
    try:
        async with session_factory(engine)() as session:
            answer = await call(session)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", remember)
    statement, parameters = ran[-1]
    async with engine.connect() as connection:
        found = await connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
        return "\n".join(found.scalars().all()), answer
