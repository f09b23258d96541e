"""HTML to plain text, the one place it is done.

Teams delivers pasted and formatted text as HTML; the parser wants plain lines
(:func:`html_to_lines`). Pasted minutes keep their HTML while they are read, paragraph by
paragraph (``dialogs.minutes.notes``) and action line by action line (``dialogs.minutes.action_line``):
:func:`fragment_text` is the plain text of such a piece.
"""

from __future__ import annotations

import html
import re
from collections.abc import Generator
from html.parser import HTMLParser

from dialogs.pacing import paced, run_through

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "blockquote",
    }
)


#: A table's cells end in a tab, so that a pasted table reads as tab-separated lines.
_CELL_TAGS = frozenset({"td", "th"})


_COLUMN_GAP = re.compile(r"(?<=\S)[ \xa0]{3,}(?=\S)")


class _LineCollector(HTMLParser):
    def __init__(self, bot_name: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._bot_name = (bot_name or "").casefold().strip()
        self._mention: list[str] | None = None
        #: inside a table cell, the first paragraph stays on the row's line (a row of
        #: one-paragraph cells is one line); a cell's further paragraphs are lines of their own
        self._cell_depth = 0
        self._cell_start = 0

    def _block(self, tag: str) -> str:
        if tag in ("tr", "table"):
            self._cell_depth = 0
        if not self._cell_depth:
            return "\n"
        return "\n" if "".join(self.parts[self._cell_start :]).strip() else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "at":
            self._mention = []
        elif tag in _CELL_TAGS:
            self._cell_depth += 1
            self._cell_start = len(self.parts)
        elif tag in _BLOCK_TAGS:
            self.parts.append(self._block(tag))

    def handle_endtag(self, tag: str) -> None:
        if tag == "at" and self._mention is not None:
            name = "".join(self._mention)
            self._mention = None
            # The mention of the bot is how the message reached it, not part of the command;
            # a mention of a member is that member's name ("action @Karin Berg tar fram…").
            if not self._is_bot(name):
                self.parts.append(name)
        elif tag in _CELL_TAGS:
            self._cell_depth = max(0, self._cell_depth - 1)
            self.parts.append("\t")
        elif tag in _BLOCK_TAGS:
            # in a cell, the next paragraph's start breaks the line, not this one's end
            self.parts.append("" if self._cell_depth and tag not in ("tr", "table") else "\n")
            if tag in ("tr", "table"):
                self._cell_depth = 0

    def _is_bot(self, name: str) -> bool:
        if self._bot_name:
            return name.casefold().strip() == self._bot_name
        return not "".join(self.parts).strip()  # unknown bot name: the leading mention

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(self._block(tag))

    def handle_data(self, data: str) -> None:
        if self._mention is not None:
            self._mention.append(data)
        elif self._cell_depth:
            self.parts.append(data)
        else:
            # Three spaces or more between words are a column gap, as in a two-column list
            # typed as plain text ("Eva Lind, Borås      Per Ek"): kept as a tab, like a cell.
            self.parts.append(_COLUMN_GAP.sub("\t", data))


_TAG = re.compile(r"<[^>]+>")


def fragment_text(raw: str, *, tag: str = "") -> str:
    """The text of an HTML fragment: tags replaced by ``tag``, entities decoded, no-break
    spaces as spaces, the ``**``/``__`` of pasted Markdown bold removed (white space kept)."""
    text = html.unescape(_TAG.sub(tag, raw)).replace("\xa0", " ")
    return text.replace("**", "").replace("__", "")


_LOOKS_LIKE_HTML = re.compile(
    r"<(/?)(p|div|br|span|at|strong|b|i|em|li|ul|ol|a|table|tr|td|th)\b", re.IGNORECASE
)


def html_to_lines(text: str, bot_name: str | None = None) -> str:
    """Plain text with one line per paragraph, line break, list item or table row (its
    cells separated by tabs, as a table pasted as plain text).

    The ``<at>…</at>`` mention of the bot (``bot_name``; without it, a mention the message
    starts with) is removed; a mention of anyone else becomes their name.
    """
    return run_through(_converting(text, bot_name))


async def html_to_lines_paced(text: str, bot_name: str | None = None) -> str:
    """``html_to_lines``, giving the event loop a turn while a long paste is converted."""
    if len(text) <= _CHUNK_CHARS:
        return html_to_lines(text, bot_name)
    return await paced(_converting(text, bot_name))


#: how much HTML is parsed between two of the loop's turns (a few milliseconds' work)
_CHUNK_CHARS = 4096
#: how many lines are tidied between two of the loop's turns
_CHUNK_LINES = 200


def _converting(text: str, bot_name: str | None) -> Generator[None, None, str]:
    if not _LOOKS_LIKE_HTML.search(text):
        return html.unescape(text)
    collector = _LineCollector(bot_name)
    start = 0
    while start < len(text):
        # a chunk ends where a tag begins, so no run of text is split in two
        end = text.find("<", start + _CHUNK_CHARS)
        end = len(text) if end < 0 else end
        collector.feed(text[start:end])
        start = end
        yield
    collector.close()
    joined = "".join(collector.parts).replace("\xa0", " ")
    lines: list[str] = []
    for number, line in enumerate(joined.split("\n"), 1):
        lines.append("\t".join(_cells(line)))
        if number % _CHUNK_LINES == 0:
            yield
    return "\n".join(line for line in lines if line).strip()


def _cells(line: str) -> list[str]:
    """The cells of a line (split by the tabs of table cells), spaces collapsed in each, the
    empty cells at the end dropped; a line outside a table is one cell."""
    cells = [" ".join(cell.split()) for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells
