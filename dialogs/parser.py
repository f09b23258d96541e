"""Deciding which command a text is, before any handler runs.

The rule: after the leading ``/`` (optional) the text's first words are folded (case and
accents ignored) and compared with every registered phrase; the longest phrase that matches
wins, so ``action done 3`` is *action done* and ``action Karin: …`` is *action*. Everything
after the phrase, with its case, accents and line breaks intact, is the argument text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from dialogs.registry import CommandSpec, Registry
from dialogs.text.folding import fold

_WORD = re.compile(r"\S+")
_LEADING_NOISE = re.compile(r"^[\s/!]+")


@dataclass(frozen=True)
class Parsed:
    spec: CommandSpec
    args: str
    #: how many of the text's first words the command's phrase took
    length: int = 1
    #: the phrase as registered (folded words): which language the command was typed in
    phrase: tuple[str, ...] = ()


def parse(text: str, registry: Registry) -> Parsed | None:
    """Find the command in ``text``; None when no registered phrase starts it."""
    body = _LEADING_NOISE.sub("", text)
    words = list(islice(_WORD.finditer(body), 4))
    folded = [fold(w.group()).strip(".,:;!?") for w in words]
    found = registry.match(folded)
    if found is None:
        return None
    spec, length = found
    rest = body[words[length - 1].end() :]
    args = rest.strip(" \t:").strip("\n").strip()
    return Parsed(spec, args, length, tuple(folded[:length]))
