"""Teams' HTML becomes the plain lines the parser reads."""

from __future__ import annotations

from dialogs.text.html import html_to_lines


def test_mention_is_stripped() -> None:
    assert html_to_lines("<at>Rådsbot</at> actions mine") == "actions mine"


def test_plain_text_is_kept() -> None:
    assert html_to_lines("members add\nCarin Skoog\nLars") == "members add\nCarin Skoog\nLars"


def test_paragraphs_and_breaks_become_lines() -> None:
    html = (
        "<p><at>Rådsbot</at> members add</p><p>Carin Skoog, <strong>sekreterare</strong></p>"
        "<div>Lars&nbsp;Gelander<br>Maja Berndes</div>"
    )
    assert (
        html_to_lines(html) == "members add\nCarin Skoog, sekreterare\nLars Gelander\nMaja Berndes"
    )


def test_list_items_are_lines() -> None:
    html = "<ul><li>Fredag 12 september, Stationshuset, Gbg</li><li>Måndag 13 oktober, Teamsmöte</li></ul>"
    assert (
        html_to_lines(html)
        == "Fredag 12 september, Stationshuset, Gbg\nMåndag 13 oktober, Teamsmöte"
    )


def test_entities_are_decoded() -> None:
    assert html_to_lines("<p>Karin &amp; Joanna &lt;3</p>") == "Karin & Joanna <3"


def test_the_bots_mention_goes_and_a_members_mention_becomes_the_name() -> None:
    text = "<at>Rådsbot</at> action <at>Karin Berg</at> och <at>Joanna Pestalozzi</at> tar fram underlag"
    assert (
        html_to_lines(text, "Rådsbot")
        == "action Karin Berg och Joanna Pestalozzi tar fram underlag"
    )
    assert html_to_lines(text) == "action Karin Berg och Joanna Pestalozzi tar fram underlag"


def test_table_rows_are_tab_separated_lines() -> None:
    """A table pasted in Teams arrives as HTML: each row a line, its cells split by tabs, as
    the same table pasted as plain text, so the participant list reads the same."""
    html = (
        "<p>members add</p><table><tr><th>Namn</th><th>Organisation</th></tr>"
        "<tr><td><p>Eva   Lind</p></td><td>Borås Stad</td></tr>"
        "<tr><td>Per Ek</td><td></td></tr></table>"
    )
    assert html_to_lines(html) == "members add\nNamn\tOrganisation\nEva Lind\tBorås Stad\nPer Ek"


def test_a_typed_column_gap_is_a_tab() -> None:
    """Three spaces or more between words (typed, or &nbsp; as Teams sends them) separate
    two columns, as a tab does; single spaces and indentation do not."""
    typed = (
        "<at>Rådsbot</at> members add\nNärvarande      Frånvarande\nEva Lind, ordförande   Per Ek"
    )
    assert html_to_lines(typed, "Rådsbot") == (
        "members add\nNärvarande\tFrånvarande\nEva Lind, ordförande\tPer Ek"
    )
    assert html_to_lines("<p>Eva&nbsp;&nbsp;&nbsp;&nbsp;Per</p>") == "Eva\tPer"
    assert html_to_lines("<p>Eva  Lind</p>\n   <p>Per Ek</p>") == "Eva Lind\nPer Ek"
