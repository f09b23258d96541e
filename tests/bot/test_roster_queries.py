"""A pasted roster is read in a few statements, however long: the people of its names and
addresses and their seats once for the paste, never once per line (``store/roster_index.py``).
A thousand lines had taken ~5,000 statements and seconds."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat
from tests.fixtures.statements import counted, writes
from tests.security.pastes import roster_lines


async def _reads_for(teams: TeamsChat, lines: list[str]) -> tuple[int, str]:
    with counted() as statements:
        answer = await teams.say("members add\n" + "\n".join(lines))
    return len(statements) - len(writes(statements)), answer


async def test_the_reads_do_not_grow_with_the_roster(teams: TeamsChat) -> None:
    await teams.setup_council()
    names = roster_lines(230)
    few, answer = await _reads_for(teams, names[:10])
    assert "10 nya" in answer
    many, answer = await _reads_for(teams, names[10:])
    assert "220 nya" in answer
    assert many == few


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
