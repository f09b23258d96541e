"""A long paste's HTML is converted a chunk at a time (the loop gets turns in between); the
text is the same as when the whole paste is read at once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from dialogs.text import html as html_module
from dialogs.text.html import html_to_lines, html_to_lines_paced
from tests.security.pastes import action_lines, as_teams_html, roster_lines

CORPUS = Path(__file__).parents[1] / "minutes" / "corpus"

# Each piece is chosen so that some chunk boundary falls inside what must not be split: an
# entity, a column gap of spaces, a mention, a table cell, a comment with a tag inside it.
TRICKY = (
    "<p><at>Rådsbot</at> notes</p>"
    + "<p>Eva Lind, Borås      Per Ek, Skövde</p>" * 30
    + "<p>Remissvar RMR ADHD&nbsp;&amp; autism &eacute;&#228;&#x00e5; &amp</p>" * 30
    + "<table><tr><td><p>Kartlägga väntetider</p><p>till BUP</p></td><td>Rasmus Lind</td>"
    "<td>30 april</td></tr></table>"
    * 30
    + "<div>Action: <at>Karin Berg</at> tar fram förslag<br>senast 14 maj</div>" * 30
    + "<!-- a comment <b>with a tag</b> --><p>efter kommentaren</p>" * 10
    + "<p title='a < b'>vinkel i ett attribut</p>" * 10
)


def _documents() -> list[str]:
    return [
        TRICKY,
        (CORPUS / "06_teams_html.html").read_text(encoding="utf-8"),
        as_teams_html(["notes", *action_lines(300)]),
        as_teams_html(["members add", *roster_lines(300)]),
    ]


@pytest.mark.parametrize("chunk", [1, 3, 17, 64, 500, 4096])
def test_chunks_of_any_size_give_the_text_of_the_whole(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_module, "_CHUNK_CHARS", 10**9)
    monkeypatch.setattr(html_module, "_CHUNK_LINES", 10**9)
    whole = [html_to_lines(document, "Rådsbot") for document in _documents()]
    assert whole[0].count("Eva Lind, Borås\tPer Ek, Skövde") == 30
    assert whole[0].count("Remissvar RMR ADHD & autism éäå &") == 30
    assert whole[0].count("Action: Karin Berg tar fram förslag\nsenast 14 maj") == 30

    monkeypatch.setattr(html_module, "_CHUNK_CHARS", chunk)
    monkeypatch.setattr(html_module, "_CHUNK_LINES", max(1, chunk // 10))
    assert [html_to_lines(document, "Rådsbot") for document in _documents()] == whole


async def test_a_long_paste_gives_the_loop_turns_while_converted() -> None:
    # three times the largest paste allowed: tens of milliseconds' work on any machine
    document = as_teams_html(["notes", *action_lines(1000) * 3])
    turns = 0

    async def ticking() -> None:
        nonlocal turns
        while True:
            await asyncio.sleep(0)
            turns += 1

    ticker = asyncio.create_task(ticking())
    try:
        text = await html_to_lines_paced(document, "Rådsbot")
    finally:
        ticker.cancel()
    assert text == html_to_lines(document, "Rådsbot")
    assert text.startswith("notes\nAction: ")
    assert turns > 0
