"""Which command a slip of the keyboard meant: "Menade du `mina åtgärder`?".

A suggestion is always a real command the person may use (a member is never offered an
officers' command), written as its registration writes it (``mina åtgärder``, never
``mina atgarder``). The typed words are compared with every phrase word by word on folded
text (the share of single-letter edits, a swap of two letters counting as one: OSA); a phrase of k words is compared with the first k typed words. A
candidate whose phrase is followed by a word that is itself near a command word
(``member remov Maja`` is not ``members``) is passed over: that slip is in a longer command.
On a tie the phrase shown for the person's language wins (``calender``: ``calendar`` in
English, ``kalender`` in Swedish).

A text that does start with a command may still be a slip of a longer one: ``action mine`` is
the officers' ``action`` with the task "mine", but meant ``actions mine``. Such a near miss
(``slip``) is answered with the suggestion when the command it started would be refused or
would fail, never with the refusal or the question it would have asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import OSA

from dialogs.context import Context
from dialogs.registry import CommandSpec, Registry
from dialogs.text.folding import fold

#: how near (0–100, ``_similarity`` of folded words) a phrase must be to be suggested
SUGGEST_AT = 75
#: how near a longer phrase must be for a command that was found to be taken as a slip
SLIP_AT = 80
#: how near a following word must be to a command word to show the slip is in a longer command
COMMAND_WORD_AT = 75

_NUMBERS = re.compile(r"^#?\d+[,.]?$")

Usable = Callable[[CommandSpec], bool]


def may_use(context: Context, spec: CommandSpec) -> bool:
    """Whether the person may use the command here (help lists it, a slip may suggest it):
    the officers' commands only for officers."""
    return usable_by(context.is_officer)(spec)


def usable_by(is_officer: bool) -> Usable:
    """``may_use`` for someone who is (or is not) an officer here."""
    return lambda spec: not spec.officers_only or is_officer


def typed_words(text: str) -> list[str]:
    """The first words of the first line, folded, as the parser compares them."""
    first_line = text.lstrip("/! \t\n").split("\n", 1)[0]
    return [fold(word).strip(".,:;!?") for word in first_line.split()[:12]]


def _similarity(typed: str, phrase: str) -> float:
    """0–100: 100 less the share of single-letter edits (a swap of two letters is one)."""
    return float(OSA.normalized_similarity(typed, phrase)) * 100


@cache
def _command_words(registry: Registry) -> frozenset[str]:
    return frozenset(
        word
        for spec in registry.specs()
        for phrase in spec.phrases
        for word in phrase
        if len(word) > 2
    )


def _is_command_word(registry: Registry, word: str) -> bool:
    return any(_similarity(word, known) >= COMMAND_WORD_AT for known in _command_words(registry))


def nearest(
    registry: Registry,
    words: list[str],
    usable: Usable,
    lang: str,
    *,
    longer_than: int = 0,
    at: int = SUGGEST_AT,
) -> tuple[str, int] | None:
    """The phrase (as written) nearest to ``words`` among the commands ``usable`` allows, and
    its number of words; None when none is ``at`` least that near. ``longer_than``: only
    phrases of more words than that."""
    best: tuple[float, bool, str, int] | None = None
    for spec in registry.specs():
        if not usable(spec):
            continue
        for phrase, written in zip(spec.phrases, spec.written, strict=True):
            length = len(phrase)
            if length <= longer_than or not words:
                continue
            score = _similarity(" ".join(words[:length]), " ".join(phrase))
            if score < at:
                continue
            following = words[length : length + 1]
            if following and _is_command_word(registry, following[0]):
                continue
            candidate = (score, written == spec.words(lang), written, length)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return (best[2], best[3]) if best else None


@dataclass(frozen=True)
class Meant:
    """A command a slip was meant to be: its phrase as written, and the whole command to run
    with the words typed after the slip (None for a text of several lines: a paste)."""

    phrase: str
    command: str | None


def _meant(text: str, phrase: str, length: int) -> Meant:
    body = text.lstrip("/! \t\n").rstrip()
    if "\n" in body:
        return Meant(phrase, None)
    rest = body.split()[length:]
    return Meant(phrase, " ".join([phrase, *rest]))


def suggestion(registry: Registry, text: str, usable: Usable, lang: str) -> Meant | None:
    """The command to suggest for a text that starts with none."""
    found = nearest(registry, typed_words(text), usable, lang)
    return _meant(text, *found) if found else None


def slip(registry: Registry, text: str, length: int, usable: Usable, lang: str) -> Meant | None:
    """The longer command a text that starts with a command of ``length`` words was likely
    meant to be: near enough, and followed by nothing or numbers only (``action mine``,
    ``åtgärd mina``); None when the text reads as the command it starts with."""
    words = typed_words(text)
    found = nearest(registry, words, usable, lang, longer_than=length, at=SLIP_AT)
    if found is None:
        return None
    phrase, taken = found
    if not all(_NUMBERS.match(word) for word in words[taken:]):
        return None
    return _meant(text, phrase, taken)
