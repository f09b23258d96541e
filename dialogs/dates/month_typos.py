"""A month name with a slip of the keyboard right after a day: "14 agusti", "12 febuari",
"20 novmber", "3 setember". Read as the month it is one slip from (a letter missing, extra,
wrong, or two swapped), when that is exactly one month. Only names of five letters or more
("april" and up) and only after a day number: "juni"/"juli" or "mars"/"maj" are too close to
each other and to other words for a guess."""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from dialogs.dates.lexicon import MONTHS

#: The Swedish names of five letters or more; not the English ones, which are one slip from
#: Swedish words ("match": march).
_LONG_MONTHS: tuple[str, ...] = tuple(
    "januari februari april augusti september oktober november december".split()
)
_AFTER_DAY = re.compile(r"\b\d{1,2}(?::[ea])?\.?\s+(?P<word>[^\W\d_]{5,})\b", re.IGNORECASE)


def mend_month_typos(text: str) -> tuple[str, list[int]] | None:
    """``text`` with each such slip written as its month, and for every position of it (and
    its end) the position in ``text``; None when there is no slip to mend."""
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for match in _AFTER_DAY.finditer(text):
        written = match["word"]
        month = _month_meant(written.casefold())
        if month is None:
            continue
        start, end = match.span("word")
        pieces.append(text[done:start])
        origin.extend(range(done, start))
        pieces.append(month)
        # the mended name's last letter stands for the written word's last letter, so a
        # phrase that ends with it ends where the written word ends ("12 febbruari")
        origin.extend(min(start + k, end - 1) for k in range(len(month) - 1))
        origin.append(end - 1)
        done = end
    if not pieces:
        return None
    pieces.append(text[done:])
    origin.extend(range(done, len(text) + 1))
    return "".join(pieces), origin


def _month_meant(word: str) -> str | None:
    if word in MONTHS:
        return None
    near = [name for name in _LONG_MONTHS if OSA.distance(word, name) == 1]
    return near[0] if len(near) == 1 else None
