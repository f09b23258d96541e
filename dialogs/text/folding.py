"""Folding text for comparison: case and diacritics do not matter to the bot."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


#: Letters that are a plain letter with a mark, but that Unicode does not decompose:
#: "Yılmaz" is folded as "yilmaz", "Søren" as "soren", "Łukasz" as "lukasz".
_NO_DECOMPOSITION = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower-case, strip accents (å→a, é→e) and collapse white space.

    Used for matching command words and names; never for what is shown back.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_NO_DECOMPOSITION))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def name_key(name: str) -> str:
    """The key a person's name is looked up by: folded, punctuation removed."""
    return fold(re.sub(r"[^\w\s-]", " ", name))
