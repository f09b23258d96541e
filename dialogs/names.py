"""Finding a member from a name as it is written in a chat or in the notes.

This is the foundation's matcher: the whole name, a unique first name, a first name with
the start of the surname ("Karin B", "Sara K"), or a unique surname. Case and accents never
matter. It returns every candidate, so the caller can ask instead of guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from dialogs.folding import name_key

#: Words meaning "every member of the council".
EVERYONE_WORDS = frozenset({"alla", "all", "everyone", "everybody", "samtliga"})


class Named(Protocol):
    full_name: str
    name_key: str


T = TypeVar("T", bound=Named)


def candidates_for(written: str, roster: Sequence[T]) -> list[T]:
    """The members ``written`` may mean: one is a match, several or none means ask."""
    key = name_key(written)
    if not key:
        return []
    exact = [p for p in roster if p.name_key == key]
    if exact:
        return exact
    words = key.split()
    first, rest = words[0], words[1:]
    by_first = [p for p in roster if p.name_key.split()[0] == first]
    if not rest:
        if by_first:
            return by_first
        return [p for p in roster if p.name_key.split()[-1] == first]
    surname_start = " ".join(rest).rstrip(".")
    return [
        p
        for p in by_first
        if " ".join(p.name_key.split()[1:]).startswith(surname_start)
        or any(part.startswith(surname_start) for part in p.name_key.split()[1:])
    ]


def is_everyone(written: str) -> bool:
    return name_key(written) in EVERYONE_WORDS
