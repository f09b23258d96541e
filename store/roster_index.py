"""What adding lines to a council's roster asks of the database, read once for all the lines.

A pasted roster (``members add``, the participants of minutes) may hold a thousand lines; asked
line by line, each took four queries (the council's members of that name, everyone of that
name, the person of that e-mail address, the person's seat), some 5,000 statements and seconds
for one paste. Here three statements read it all, and the index is kept up to date as the lines
are added, so that a later line sees the person or seat an earlier one made, as the database
would have shown it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Membership, Person


@dataclass
class RosterIndex:
    """The people of some names and addresses, and their seats in one council."""

    council_id: int
    _by_key: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    _by_address: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    _address_of: dict[Person, str] = field(default_factory=dict)
    #: by person: a person the roster has just made has no id before the paste is written
    _seats: dict[Person, Membership] = field(default_factory=dict)

    def members_named(self, name_key: str) -> list[Person]:
        """The council's members whose whole name folds to ``name_key``."""
        return [p for p in self._by_key.get(name_key, ()) if p in self._seats]

    def people_named(self, name_key: str) -> list[Person]:
        """Everyone, in any council, whose whole name folds to ``name_key``."""
        return list(self._by_key.get(name_key, ()))

    def person_by_email(self, email: str) -> Person | None:
        """The one person with this address (any case); None when nobody or several have it."""
        found = self._by_address.get(email.strip().lower(), [])
        return found[0] if len(found) == 1 else None

    def seat(self, person: Person) -> Membership | None:
        """The person's membership of the council."""
        return self._seats.get(person)

    def add_person(self, person: Person) -> None:
        """A person the roster has just made (or read): found by name and address from now."""
        if person not in self._by_key[person.name_key]:
            self._by_key[person.name_key].append(person)
        self.address_changed(person)

    def address_changed(self, person: Person) -> None:
        """The person's e-mail address was set: found by the new one, no longer by the old."""
        old = self._address_of.pop(person, None)
        if old is not None and person in self._by_address[old]:
            self._by_address[old].remove(person)
        if person.email and person.email.strip():
            address = person.email.strip().lower()
            self._by_address[address].append(person)
            self._address_of[person] = address

    def add_seat(self, person: Person, membership: Membership) -> None:
        self._seats[person] = membership


async def roster_index(
    session: AsyncSession, council_id: int, name_keys: Iterable[str], emails: Iterable[str]
) -> RosterIndex:
    """The index for lines of these names and addresses, in three statements."""
    keys = sorted(set(name_keys))
    addresses = sorted({e.strip().lower() for e in emails if e and e.strip()})
    index = RosterIndex(council_id)
    named = list(await session.scalars(select(Person).where(Person.name_key.in_(keys))))
    for person in named:
        index.add_person(person)
    if addresses:
        for person in await session.scalars(
            select(Person).where(func.lower(Person.email).in_(addresses))
        ):
            index.address_changed(person)
    if named:
        seats = await session.scalars(
            select(Membership).where(
                Membership.council_id == council_id,
                Membership.person_id.in_([p.id for p in named]),
            )
        )
        by_id = {person.id: person for person in named}
        for membership in seats:
            index.add_seat(by_id[membership.person_id], membership)
    return index
