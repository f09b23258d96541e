"""The people of pasted minutes as lines of the ``notes`` preview: who is new to the council,
whose role changes, and which lines of the participant list could not be read.

Nothing is looked up here: the caller passes the council's roster (name key → the roles on
file). The people read but not yet saved are also offered to the action readers as
*provisional* members (``provisional_people``), so that "Eva och Siv bjuder in …" finds the
Eva and Siv of the participant list before ``ok`` has saved them; their ids are negative, and
``ok`` swaps them for the saved people's ids (``RefMap``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from dialogs.drafts.actions import ActionProposal, OwnerDraft, OwnerKind
from dialogs.minutes.participants import Participant, ParticipantReading
from dialogs.minutes.sections import read_section
from dialogs.people.names import resolve_name
from dialogs.people.roles import ranked
from dialogs.text.folding import name_key
from store.models import Person, Role


@dataclass(frozen=True, kw_only=True)
class PersonProposal:
    """A person of the participant list who is new to the council or whose roles change.

    ``before``: the roles on file (None: new to the council); ``ref``: the provisional id the
    action readers know them by until ``ok`` saves them (negative: no row has it).
    """

    kind: Literal["person"] = "person"
    name: str
    roles: tuple[Role, ...]
    note: str | None = None
    email: str | None = None
    absent: bool = False
    before: tuple[Role, ...] | None = None
    ref: int = 0

    def read_again(self, person: Participant) -> PersonProposal:
        """The line read again (``3 Eva Lind, sekreterare``): what it now says of the person."""
        return replace(
            self,
            name=person.name,
            roles=tuple(_ordered(person.roles)),
            note=_note(person),
            email=person.email,
            absent=person.absent,
        )


@dataclass(frozen=True)
class RosterEntry:
    """One member as the preview compares against: the person and the roles on file."""

    person: Person
    roles: frozenset[Role]


#: A person of the participant list is at most this many lines after the one before (or
#: after its heading); one further down is in the body of the minutes, not in the list.
_MAX_GAP = 3
#: A participant's note longer than this many words is running prose, not a list line.
_MAX_NOTE_WORDS = 15


def listed_people(reading: ParticipantReading) -> list[Participant]:
    """The people of the minutes' participant list: the lines under its headings (Närvarande,
    Deltagare, Frånvarande …) as long as the list goes on without a gap; none when the minutes
    have no such heading (a title line is no participant). A "person" with a paragraph for a
    note is prose."""
    starts = sorted(
        h.line for h in reading.headings if h.list_start or read_section(h.text) is not None
    )
    if not starts:
        return []
    marks = sorted([*starts, *(p.line for p in reading.people)])
    listed = []
    for person in reading.people:
        before = [m for m in marks if m < person.line]
        if person.line < starts[0] or not before or person.line - before[-1] > _MAX_GAP:
            continue
        if _short_note(person):
            listed.append(person)
    return listed


def person_drafts(
    reading: ParticipantReading, roster: Sequence[RosterEntry]
) -> list[PersonProposal]:
    """A draft for each person of the participant list who is new to the council or whose
    roles change. The people on file with those roles are left out (nothing to save), and a
    name the roster resolves to one member ("Maja B" for Maja Berndes) is that member."""
    drafts: list[PersonProposal] = []
    seen: set[str] = set()
    members = [entry.person for entry in roster]
    by_key = {entry.person.name_key: entry for entry in roster}
    for index, person in enumerate(listed_people(reading)):
        resolved = resolve_name(person.name, members)
        known = by_key.get(resolved.person.name_key) if resolved.person is not None else None
        key = known.person.name_key if known else name_key(person.name)
        if key in seen:
            continue
        seen.add(key)
        if known is not None and set(_ordered(person.roles)) <= known.roles:
            continue
        read = PersonProposal(name=person.name, roles=(), ref=-(index + 1)).read_again(person)
        drafts.append(
            replace(
                read,
                name=known.person.full_name if known else person.name,
                before=tuple(_ordered(known.roles)) if known else None,
            )
        )
    return drafts


def unread_lines(reading: ParticipantReading) -> list[tuple[str, str]]:
    """The lines of the participant list that held no person: (text, why key)."""
    return [(item.text, item.why) for item in reading.not_understood]


def provisional_people(drafts: Sequence[PersonProposal]) -> list[Person]:
    """The new people of the preview as unsaved members for the name resolver (negative ids:
    no row has them)."""
    return [
        Person(id=d.ref, full_name=d.name, name_key=name_key(d.name))
        for d in drafts
        if d.before is None
    ]


@dataclass(frozen=True)
class RefMap:
    """The provisional ids of a preview and the people ``ok`` saved for them."""

    saved: Mapping[int, int]

    def owners(self, draft: ActionProposal) -> ActionProposal:
        """An action draft with each provisional owner swapped for the saved person; one
        whose line was struck from the preview stays as a name outside the council."""
        owners = []
        for owner in draft.owners:
            if owner.kind == OwnerKind.PERSON and owner.ids and owner.ids[0] < 0:
                if owner.ids[0] in self.saved:
                    owner = replace(owner, ids=(self.saved[owner.ids[0]],))
                else:
                    owner = OwnerDraft(written=owner.written, kind=OwnerKind.OUTSIDE)
            owners.append(owner)
        return replace(draft, owners=tuple(owners))


def _short_note(person: Participant) -> bool:
    return len((person.note or "").split()) <= _MAX_NOTE_WORDS


def _ordered(roles: Sequence[Role] | frozenset[Role]) -> list[Role]:
    return list(ranked(roles or (Role.MEMBER,)))


def _note(person: Participant) -> str | None:
    parts = [person.title, person.organisation, person.note]
    return ", ".join(p for p in parts if p) or None
