"""PostgreSQL plans a turn's statements for a database that fits in memory: a council's roster
is read by its members' ids, not by reading every person on file."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.db import open_engine, session_factory
from store.migrate import upgrade_to_head
from store.models import Council, Membership, Person, Role
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
