"""Our own markup in a ``Reply``, kept apart from the words people write.

Every string in a ``Reply`` is plain text: a member's ``[Klicka här](https://…)``,
``<!channel>`` or ``<at>Maja</at>`` is shown as those characters on every platform, because
each renderer escapes plain text for its own syntax (Markdown for Teams, mrkdwn for Slack).
The only markup is ours, and it is written with two private-use characters that no incoming
text can carry (``dialogs.text.incoming`` removes them): ``BOLD`` and ``CODE`` each open and
close a span. The language tables write ``**bold**`` and ```code``` as usual; ``template``
turns those into the marks before a member's words are filled in, so words filled in stay
plain whatever they contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum

BOLD = "\ue000"
CODE = "\ue001"
MARKS = BOLD + CODE

_SPLIT = re.compile(f"([{MARKS}])")


class Style(Enum):
    PLAIN = "plain"
    BOLD = "bold"
    CODE = "code"


def bold(text: str) -> str:
    """``text`` shown in bold (a heading inside a line, a role in the roster)."""
    return f"{BOLD}{text}{BOLD}"


def code(text: str) -> str:
    """``text`` shown as something to type (a command)."""
    return f"{CODE}{text}{CODE}"


def template(raw: str) -> str:
    """A language table's string with its ``**`` and backticks as our marks."""
    return raw.replace("**", BOLD).replace("`", CODE)


def without_marks(text: str) -> str:
    """The words alone (for plain-text places: button labels, summaries, logs)."""
    return text.replace(BOLD, "").replace(CODE, "")


def has_marks(text: str) -> bool:
    """Whether ``text`` has any of our marks (most strings have none: a renderer can take them
    as they are)."""
    return BOLD in text or CODE in text


def spans(text: str) -> Iterator[tuple[Style, str]]:
    """``text`` cut into runs of plain, bold and code words, in order; empty runs skipped.

    A mark left open ends with the string, so a span never leaks into the next string.
    """
    bold_on = code_on = False
    for piece in _SPLIT.split(text):
        if piece == BOLD:
            bold_on = not bold_on
        elif piece == CODE:
            code_on = not code_on
        elif piece:
            yield (Style.CODE if code_on else Style.BOLD if bold_on else Style.PLAIN), piece
