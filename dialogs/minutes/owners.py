"""Who an action item in minutes is for: members, everyone, or a group kept as written.

Owners in minutes are members (by any of the name rules of `dialogs.people.names.resolve_name`:
first names, initials, typos, missing accents; an ambiguous name stays ambiguous and is
asked about), "alla"/"samtliga"/"All", or a group or organisation that is no member:
"kansliet", "beredningen", "regionen", "Närvårdskontoret", "arbetsgruppen", "respektive
huvudman/kommun/förvaltning". Groups are kept as named owners outside the roster; those the
council has used before (`known_groups`, folded) are recognised as groups straight away.

An unknown capitalised single word ("Annika") may be a person not on the roster: it is
taken as an owner to ask about, but only where the reader found it before a verb.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from dialogs.minutes.action_line import looks_like_given_name
from dialogs.minutes.organisations import looks_like_organisation
from dialogs.minutes.person_names import is_capitalised_word
from dialogs.people.names import EVERYONE_WORDS, Named, NameResolution, resolve_name, split_names
from dialogs.text.folding import fold, name_key

#: Folded group words that are owners in minutes without being organisations by their ending.
_GROUP_WORDS = frozenset(
    """
    kansliet beredningen beredningsgruppen regionen kommunen kommunerna huvudmannen huvudmannen
    huvudmannen huvudmannen presidiet styrgruppen ledningsgruppen arbetsgruppen gruppen
    natverket samverkansgruppen delregionerna forvaltningarna sekretariatet radet projektgruppen
    referensgruppen kommunalforbundet narvardskontoret utskottet
    """.split()
)
_RESPECTIVE = re.compile(r"^(?:respektive|varje|resp\.?)\s+\w+$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-ZÅÄÖ]\.?$")


def is_group(written: str, known_groups: Collection[str] = ()) -> bool:
    """A group or organisation written as an owner ("kansliet", "respektive huvudman")."""
    if is_named_group(written, known_groups):
        return True
    words = fold(written).strip(" .").split()
    return 0 < len(words) <= 3 and looks_like_organisation(written)


def is_named_group(written: str, known_groups: Collection[str] = ()) -> bool:
    """A group the council knows or that every council has ("kansliet", "arbetsgruppen",
    "respektive huvudman"), not merely a name that looks like an organisation ("Motion ALS")."""
    key = fold(written).strip(" .")
    if not key:
        return False
    if key in known_groups or _RESPECTIVE.match(written.strip()):
        return True
    words = key.split()
    return len(words) == 1 and words[0] in _GROUP_WORDS


def owner_of(
    written: str, roster: Sequence[Named], known_groups: Collection[str] = ()
) -> NameResolution | None:
    """One written owner, or None when it is not one (a common word, a longer phrase)."""
    piece = written.strip(" .,:;")
    if not piece:
        return None
    key = name_key(piece)
    if key in EVERYONE_WORDS:
        return NameResolution(piece, "everyone")
    if is_group(piece, known_groups):
        return NameResolution(_group_written(piece), "organisation")
    words = piece.split()
    if len(words) > 3 or not all(is_capitalised_word(w) or _INITIAL.match(w) for w in words):
        return None
    resolved = resolve_name(piece, roster)
    if resolved.kind in ("person", "ambiguous"):
        return resolved
    if resolved.kind == "organisation":
        return NameResolution(_group_written(piece), "organisation")
    # A name the roster does not know: a person outside it, to ask about; a capitalised
    # noun at a sentence start ("Projektet", "Diskussionen") is none.
    if len(words) == 1 and not _given_name(piece):
        return None
    return NameResolution(piece, "unknown", resolved.matches)


_DEFINITE_NOUN = re.compile(r"^\w{5,}(?<!b)(?:et|en|na)$")


def _given_name(word: str) -> bool:
    return looks_like_given_name(word) and not _DEFINITE_NOUN.match(fold(word))


_INITIALS = re.compile(r"^[A-ZÅÄÖ]{2,4}$")
#: What health-care minutes abbreviate as owners, never a member's initials.
_ABBREVIATIONS = frozenset(
    """
    MAS MAR MAP KS SN VN BUN ON SU SÄS NU VGR SKR IVO BUP VC VUP HR IT SIP LSS SOL HSL
    NPO RMR SOR PKL HSN FK AF KF RS RF LS ÄO IFO
    """.split()
)


def by_initials(written: str, roster: Sequence[Named]) -> NameResolution | None:
    """ "AKÖ", "MK": the member whose initials these are, where an owner is expected (a
    responsible field, "(ansv. AKÖ)"); every part of the name counts ("Anna-Karin Öberg" is
    AKÖ), or its first and last ("AÖ"). Several members with them: asked about. Not read
    anywhere else, so "HR" or "IT" in running text never becomes someone."""
    piece = written.strip(" .,:;")
    if not _INITIALS.match(piece) or piece in _ABBREVIATIONS:
        return None
    matches = [member for member in roster if piece in _initials_of(member.full_name)]
    if not matches:
        return None
    return NameResolution(piece, "person" if len(matches) == 1 else "ambiguous", tuple(matches))


def _initials_of(full_name: str) -> set[str]:
    parts = [part for part in re.split(r"[\s-]+", full_name) if part[:1].isupper()]
    if len(parts) < 2:
        return set()
    every = "".join(part[0] for part in parts).upper()
    return {every, (parts[0][0] + parts[-1][0]).upper()}


def owners_of(
    written: str, roster: Sequence[Named], known_groups: Collection[str] = ()
) -> tuple[NameResolution, ...] | None:
    """A written list of owners ("Eva, Per och kansliet"), or None unless every piece is one."""
    pieces = split_names(written)
    if not pieces:
        return None
    found = [owner_of(piece, roster, known_groups) for piece in pieces]
    if any(o is None for o in found):
        return None
    return tuple(o for o in found if o is not None)


def _group_written(piece: str) -> str:
    """A common noun group in lower case ("Kansliet" at a sentence start is "kansliet");
    proper names ("Närvårdskontoret", "Region Halland") as written."""
    words = piece.split()
    if len(words) == 1 and fold(piece) in _GROUP_WORDS and fold(piece) != "narvardskontoret":
        return piece.lower()
    if _RESPECTIVE.match(piece):
        return piece.lower()
    return piece
