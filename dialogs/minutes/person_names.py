"""Whether a piece of text is a person's name, and the title written before it.

A name is two to five words: capitalised words ("Anna-Karin", "Lind-Berg", "O'Neil"),
lower-case particles between them ("van", "af", "von", "de"…), and initials ("B." or "B")
after the first; it starts and ends with a capitalised word or an initial, and no word of it
marks an organisation or a place (``organisations``). One word alone is never taken for a
name: in a participant list it is a heading ("Sjuhärad", "Kommunerna") far more often than
a person written without a family name.
"""

from __future__ import annotations

import re

from dialogs.minutes.organisations import organisation_word
from dialogs.text.folding import fold

_PARTICLES = frozenset("van von af de der den da di du la le del dos bin al ter ten".split())
_CAPITALISED = re.compile(r"^[^\W\d_a-zåäöéü][\w'’\-]*$")
_INITIAL = re.compile(r"^[A-ZÅÄÖ]\.?$")
#: Titles written before a name: "Dr. Eva Lind", "Prof Per Ek", "leg. psykolog Siv Ny".
_TITLE_BEFORE = re.compile(
    r"^(?P<title>(?:(?:med\.?\s+)?dr\.?|prof\.?|professor|docent|leg\.\s+\w+)\s+)", re.IGNORECASE
)

#: Words after which a title ends ("Enhetschef", "leg. psykolog", "överläkare").
_TITLE_ENDINGS = (
    "chef",
    "lakare",
    "psykolog",
    "skoterska",
    "kurator",
    "handlaggare",
    "strateg",
    "direktor",
    "utvecklare",
    "rektor",
    "specialist",
    "assistent",
    "konsult",
    "pedagog",
    "terapeut",
    "barnmorska",
    "controller",
    "analytiker",
    "utredare",
    "ansvarig",
    "ledare",
    "radgivare",
    "tjansteman",
    "forestandare",
)


def split_title(text: str) -> tuple[str | None, str]:
    """The title written before a name, if any, and the rest."""
    match = _TITLE_BEFORE.match(text)
    if match is None:
        return None, text
    return match["title"].strip(), text[match.end() :].strip()


def is_capitalised_word(word: str) -> bool:
    """A word written as a name is: a capital, then small letters of any alphabet ("Yıldız",
    "Nguyễn", "Al-Sayed", "O'Neil", "McDonald"); not a word in capitals ("IT", "HR")."""
    parts = [part for part in re.split(r"[-'’]", word) if part]
    return (
        bool(parts)
        and word[:1].isupper()
        and all(part.isalpha() for part in parts)
        and not (len(parts[0]) > 1 and parts[0].isupper())
    )


def is_person_name(text: str) -> bool:
    """Whether ``text`` is a person's name by the rules of this module."""
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 80:
        return False
    if len(words) >= 3 and text.isupper():
        return False  # "SAMORDNINGSRÅD BARN SKARABORG": a title line in capitals
    if not _CAPITALISED.match(words[0]) or _INITIAL.match(words[0]):
        return False
    if not (_CAPITALISED.match(words[-1]) or _INITIAL.match(words[-1])):
        return False
    for word in words:
        if word in _PARTICLES:
            continue
        if not (_CAPITALISED.match(word) or _INITIAL.match(word)):
            return False
        if organisation_word(word) and not _INITIAL.match(word):
            return False
    return True


def is_first_name(text: str) -> bool:
    """Whether ``text`` is one capitalised word that may be a first name ("Jonas"): only
    taken as a person in a list of names after a label ("Närv: Jonas, Petra S")."""
    word = text.strip()
    return (
        bool(_CAPITALISED.match(word))
        and len(word) >= 2
        and not word.isupper()
        and not organisation_word(word)
        and fold(word) not in _NOT_FIRST_NAMES
    )


#: Capitalised single words a list of names may hold that are nobody.
_NOT_FIRST_NAMES = frozenset({"alla", "samtliga", "all", "everyone", "ingen", "inga", "none"})


def is_title(text: str) -> bool:
    """Whether ``text`` is a job title ("Enhetschef", "leg. psykolog", "verksamhetschef")."""
    words = text.split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in text):
        return False
    last = fold(words[-1]).strip(".")
    return any(last.endswith(end) for end in _TITLE_ENDINGS)
