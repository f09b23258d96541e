"""The section headings of a participant list, and what they say of the people under them.

"Frånvarande" and "Anmält förhinder" are still members (absent from this meeting);
"Kallade", "Inbjudna", "Föredragande" and "Gäster" are guests; "Ersättare" are substitutes. A heading is recognised folded, with a colon or Markdown marks around it, also as
the last word of a longer heading ("Närvarande ledamöter", "Tjänstgörande ersättare") and
with a typo (rapidfuzz, at least 90 % alike, for words of six letters or more).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from dialogs.text.folding import fold
from store.models import Role


@dataclass(frozen=True)
class Section:
    role: Role
    absent: bool = False
    note: str | None = None


_MEMBERS = Section(Role.MEMBER)
_GUESTS = Section(Role.GUEST)
_ABSENT = Section(Role.MEMBER, absent=True)

SECTIONS: dict[str, Section] = {
    "narvarande": _MEMBERS,
    "deltagare": _MEMBERS,
    "ledamoter": _MEMBERS,
    "ordinarie ledamoter": _MEMBERS,
    "members": _MEMBERS,
    "participants": _MEMBERS,
    "present": _MEMBERS,
    "attendees": _MEMBERS,
    "attending": _MEMBERS,
    "ersattare": Section(Role.SUBSTITUTE),
    "substitutes": Section(Role.SUBSTITUTE),
    "ovriga deltagare": _GUESTS,
    "ovriga narvarande": _GUESTS,
    "ovriga": _GUESTS,
    "gaster": _GUESTS,
    "guests": _GUESTS,
    "inbjudna": _GUESTS,
    "kallade": _GUESTS,
    "foredragande": _GUESTS,
    "adjungerade": Section(Role.COOPTED),
    "adjungerad": Section(Role.COOPTED),
    "administration": Section(Role.COOPTED),
    "sekreterare": Section(Role.SECRETARY),
    "franvarande": _ABSENT,
    "anmalt forhinder": _ABSENT,
    "forhinder": _ABSENT,
    "regrets": _ABSENT,
    "ej narvarande": _ABSENT,
    "inte narvarande": _ABSENT,
    "ej narvarande ledamoter": _ABSENT,
    "franvaro": _ABSENT,
    "anmald franvaro": _ABSENT,
    "anmalt franvaro": _ABSENT,
    "narv": _MEMBERS,
    "med": _MEMBERS,
    "borta": _ABSENT,
    "ej med": _ABSENT,
    "inte med": _ABSENT,
    "franv": _ABSENT,
    "absent": _ABSENT,
    "apologies": _ABSENT,
}
_KEYS = list(SECTIONS)
#: Words that qualify a section word in a longer heading ("Närvarande ledamöter").
_QUALIFIERS = frozenset(
    "narvarande ordinarie tjanstgorande ej ovriga inbjudna kallade franvarande".split()
)


def read_section(text: str) -> Section | None:
    """The section ``text`` is the heading of, else None."""
    key = fold(text.strip().strip("*_#:;. \t").rstrip(":").strip("*_ "))
    if not key or len(key) > 40 or any(c in key for c in ",()@|\t"):
        return None
    if key in SECTIONS:
        return SECTIONS[key]
    words = key.split()
    if 2 <= len(words) <= 3 and words[-1] in SECTIONS and words[0] in _QUALIFIERS:
        return SECTIONS[words[-1]]
    if len(key) >= 6 and len(words) <= 2:
        found = process.extractOne(key, _KEYS, scorer=fuzz.ratio, score_cutoff=90)
        if found is not None:
            return SECTIONS[found[0]]
    return None
