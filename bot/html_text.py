"""Teams delivers pasted and formatted text as HTML; the parser wants plain lines."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

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


class _LineCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "at":
            self._skip_depth += 1  # a Teams @mention of the bot is not part of the command
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "at" and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCK_TAGS or tag == "td":
            self.parts.append("\n" if tag != "td" else "\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


_LOOKS_LIKE_HTML = re.compile(
    r"<(/?)(p|div|br|span|at|strong|b|i|em|li|ul|ol|a|table|tr|td)\b", re.IGNORECASE
)


def html_to_lines(text: str) -> str:
    """Plain text with one line per paragraph, line break or list item; mentions removed.

    Text that is not HTML is returned with only its ``<at>…</at>`` mentions removed.
    """
    if not _LOOKS_LIKE_HTML.search(text):
        return html.unescape(text)
    collector = _LineCollector()
    collector.feed(text)
    collector.close()
    joined = "".join(collector.parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in joined.split("\n")]
    return "\n".join(line for line in lines if line).strip()
