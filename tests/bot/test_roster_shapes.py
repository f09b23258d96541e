"""`members add` reads participant lists in the shapes councils write them (issue 13, point
1): through the Teams endpoint, a tab-separated list, two columns under group headings, a
pasted HTML table, combined roles; headings and lines not understood are named in the reply."""

from __future__ import annotations

from tests.fakes.teams import TeamsChat, message_text

TWO_COLUMNS = (
    "members add\n"
    "Närvarande\n"
    "Sjuhärad\tKommunerna\n"
    "Eva Lind, Borås\tPer Ek (ordförande och sekreterare)\n"
    "Siv Ny\tverksamhetschef, Närhälsan Mölndal\n"
    "Frånvarande\n"
    "Bo Ek\n"
    "Kl 9.00 i sal 3"
)


async def test_two_columns_with_headings_and_combined_roles(teams: TeamsChat) -> None:
    """Both halves of a two-column line are people, the group headings are not, the most
    senior role is the primary one and both are stored and shown, and the odd line is named
    with why."""
    await teams.say("council create Nytt råd (NR)")
    reply = await teams.say(TWO_COLUMNS)
    assert "4 nya, 0 uppdaterade" in reply
    assert "Rubriker (inga personer): Närvarande; Sjuhärad; Kommunerna; Frånvarande" in reply
    assert "Hoppade över: Kl 9.00 i sal 3 (inget namn)" in reply
    assert "Per Ek — ordförande, sekreterare" in reply
    roster = await teams.say("members")
    assert "Per Ek — ordförande, sekreterare" in roster
    assert "Siv Ny — ledamot **(verksamhetschef, Närhälsan Mölndal)**" in roster
    assert "Eva Lind — ledamot **(Borås)**" in roster
    for heading in ("Sjuhärad", "Kommunerna", "Närvarande —"):
        assert heading not in roster


async def test_pasted_html_table_reads_as_tab_separated(teams: TeamsChat) -> None:
    """Teams sends a pasted table as HTML: its rows are people as in the plain-text list."""
    await teams.say("council create Nytt råd (NR)")
    html = (
        "<p>members add</p><table><tr><td><p>Namn</p></td><td><p>Organisation</p></td>"
        "<td><p>Roll</p></td></tr><tr><td><p>Eva Lind</p></td><td><p>Borås Stad</p></td>"
        "<td><p>koordinator</p></td></tr><tr><td>Per Ek</td><td>Region Halland</td>"
        "<td>ledamot</td></tr></table>"
    )
    assert await teams.post(teams.activity(html, mention=False)) in (200, 201)
    [reply] = teams.connector.take()
    assert "2 nya, 0 uppdaterade" in message_text(reply)
    roster = await teams.say("members")
    assert "Eva Lind — koordinator **(Borås Stad)**" in roster
    assert "Per Ek — ledamot **(Region Halland)**" in roster
