"""Reading the roles of a council as people write them, in Swedish or English."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from dialogs.text.folding import fold
from store.models import OFFICER_ROLES, Role

_ROLE_WORDS: dict[str, Role] = {
    "ordforande": Role.CHAIR,
    "ordf": Role.CHAIR,
    "motesordforande": Role.CHAIR,
    "sammankallande": Role.CHAIR,
    "motesledare": Role.CHAIR,
    "chair": Role.CHAIR,
    "chairperson": Role.CHAIR,
    "vice ordforande": Role.VICE_CHAIR,
    "vice ordf": Role.VICE_CHAIR,
    "v ordf": Role.VICE_CHAIR,
    "v. ordf": Role.VICE_CHAIR,
    "v.ordf": Role.VICE_CHAIR,
    "vice chair": Role.VICE_CHAIR,
    "sekreterare": Role.SECRETARY,
    "sekr": Role.SECRETARY,
    "secretary": Role.SECRETARY,
    "koordinator": Role.COORDINATOR,
    "samordnare": Role.COORDINATOR,
    "coordinator": Role.COORDINATOR,
    "ledamot": Role.MEMBER,
    "member": Role.MEMBER,
    "adjungerad": Role.COOPTED,
    "adj": Role.COOPTED,
    "co-opted": Role.COOPTED,
    "coopted": Role.COOPTED,
    "gast": Role.GUEST,
    "guest": Role.GUEST,
    "ersattare": Role.SUBSTITUTE,
    "substitute": Role.SUBSTITUTE,
    "deputy": Role.SUBSTITUTE,
    "processledare": Role.PROCESS_LEADER,
    "process leader": Role.PROCESS_LEADER,
}

#: Headings of the participant lists in the minutes, and the role of the names under them.
SECTION_ROLES: dict[str, Role] = {
    "deltagare": Role.MEMBER,
    "narvarande": Role.MEMBER,
    "ledamoter": Role.MEMBER,
    "franvarande": Role.MEMBER,
    "members": Role.MEMBER,
    "ovriga deltagare": Role.GUEST,
    "gaster": Role.GUEST,
    "guests": Role.GUEST,
    "adjungerade": Role.COOPTED,
    "adjungerad": Role.COOPTED,
    "adj": Role.COOPTED,
}

#: Officers first, then the others, in the order a roster is shown.
ROLE_ORDER = (
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.SECRETARY,
    Role.COORDINATOR,
    Role.PROCESS_LEADER,
    Role.MEMBER,
    Role.SUBSTITUTE,
    Role.COOPTED,
    Role.PROCESS_LEADER,
    Role.GUEST,
)


def ranked(roles: Iterable[Role]) -> tuple[Role, ...]:
    """The roles without repeats, the primary one first: an officer's role before any other
    (so ``Membership.role`` alone says whether the person is an officer), then by seniority."""
    return tuple(
        sorted(dict.fromkeys(roles), key=lambda r: (r not in OFFICER_ROLES, ROLE_ORDER.index(r)))
    )


_AND = re.compile(r"\s+(?:och|and|samt|&)\s+|\s*[/+]\s*", re.IGNORECASE)


def read_roles(words: str) -> tuple[Role, ...] | None:
    """The roles named by ``words``, also combined ("ordförande och sekreterare"), else None."""
    parts = [part for part in _AND.split(words.strip(" *_:.()")) if part.strip(" *_")]
    roles = [read_role(part) for part in parts]
    if not roles or None in roles:
        return None
    return tuple(dict.fromkeys(role for role in roles if role is not None))


def read_role(words: str) -> Role | None:
    """The role named by ``words`` ("ordförande", "Vice chair", "*sekreterare*"), else None."""
    return _ROLE_WORDS.get(fold(words.strip(" *_:.")))


def roles_text(t: Callable[[str], str], roles: Iterable[Role]) -> str:
    """ "ordförande, sekreterare": the roles in the reader's language, the primary one first."""
    return ", ".join(t(f"role.{role.value}") for role in ranked(roles))
