"""A pasted roster takes a few statements, however long: the people of its names and
addresses and their seats are read once for the paste (``store/roster_index.py``), and what
it adds is written in one flush. A thousand lines had taken ~6,000 statements and seconds."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat
from tests.fixtures.statements import counted, writes
from tests.security.pastes import roster_lines


async def _statements_for(teams: TeamsChat, lines: list[str]) -> tuple[int, int, str]:
    """The reads and the writes of one ``members add``, and its answer."""
    with counted() as statements:
        answer = await teams.say("members add\n" + "\n".join(lines))
    written = len(writes(statements))
    return len(statements) - written, written, answer


async def test_the_statements_do_not_grow_with_the_roster(
    teams: TeamsChat, database_url: str
) -> None:
    """The reads do not grow; nor, much, do the writes on PostgreSQL, where the new people and
    their seats, written a hundred lines per flush, go as one multi-row INSERT per table and
    flush. (On SQLite SQLAlchemy inserts row by row when it must learn each new row's id:
    cheap there, in-process.)"""
    await teams.setup_council()
    names = roster_lines(230)
    few_reads, few_writes, answer = await _statements_for(teams, names[:10])
    assert "10 nya" in answer
    many_reads, many_writes, answer = await _statements_for(teams, names[10:])
    assert "220 nya" in answer
    assert many_reads == few_reads
    if database_url.startswith("postgresql"):
        assert few_writes <= 6
        assert many_writes == few_writes + 2 * 2  # 220 lines: two more flushes of two tables
    else:
        assert many_writes <= 2 * 220 + few_writes


async def test_a_paste_adds_as_line_by_line_did(teams: TeamsChat) -> None:
    """A name written twice is one person (the reader merges the lines, the later role kept);
    an address already on file for another name is not taken for the new person; a name
    already on the roster is updated, not added again."""
    await teams.setup_council()
    first = await teams.say("members add\nVera Nordin, ledamot, vera.nordin@example.se")
    assert "1 ny, 0 uppdaterade" in first, first
    answer = await teams.say(
        "members add\n"
        "Vilma Nordin, ledamot\n"
        "Vilma Nordin, ersättare\n"
        "Ville Nordin, ledamot, vera.nordin@example.se\n"
        "Vera Nordin, ordförande"
    )
    assert "2 nya, 1 uppdaterad." in answer, answer
    assert "E-postadressen sparades inte för Ville Nordin" in answer, answer
    listing = await teams.say("members")
    assert listing.count("Vera Nordin") == 1, listing
    assert listing.count("Vilma Nordin") == 1, listing
    assert "Ville Nordin" in listing
