"""Folding text for comparison: case and diacritics do not matter to the bot."""

from __future__ import annotations

import re
import unicodedata

#: Letters that are a plain letter with a mark, but that Unicode does not decompose:
#: "Yılmaz" is folded as "yilmaz", "Søren" as "soren", "Łukasz" as "lukasz".
_NO_DECOMPOSITION = {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"}
_UNDECOMPOSED = re.compile(f"[{''.join(_NO_DECOMPOSITION)}]")


def fold(text: str) -> str:
    """Lower-case, strip accents (å→a, é→e) and collapse white space.

    Used for matching command words and names; never for what is shown back. Built of steps
    the interpreter runs in C, so a pasted page of minutes folds in a few milliseconds.
    """
    lowered = text.casefold()
    if _UNDECOMPOSED.search(lowered):
        lowered = _UNDECOMPOSED.sub(_plain_letter, lowered)
    decomposed = unicodedata.normalize("NFKD", lowered)
    marks = "".join(ch for ch in set(decomposed) if unicodedata.combining(ch))
    if marks:
        decomposed = re.sub(f"[{re.escape(marks)}]+", "", decomposed)
    return " ".join(decomposed.split())


def _plain_letter(found: re.Match[str]) -> str:
    return _NO_DECOMPOSITION[found.group()]


#: An answer of one word or two ("ok", "avbryt", "visa mer") is never longer than this.
SHORT_ANSWER_CHARS = 80


def short_answer(text: str) -> str | None:
    """``text`` folded, its ends' `` .!`` dropped, when it is short enough to be one of the
    few words a question takes; None when longer (a pasted page is not folded to find out).
    Space around the words does not count against the length."""
    words = text.strip()
    if len(words) > SHORT_ANSWER_CHARS:
        return None
    return fold(words).strip(" .!")


def name_key(name: str) -> str:
    """The key a person's name is looked up by: folded, punctuation removed."""
    return fold(re.sub(r"[^\w\s-]", " ", name))
