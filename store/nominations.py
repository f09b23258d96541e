"""Nomination rounds, the names put forward, and who put them forward."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from store import direct_rows
from store.models import (
    Membership,
    Nomination,
    NominationBacker,
    NominationRound,
    Person,
    Role,
    RoundAbstention,
    RoundStatus,
)


async def open_round(
    session: AsyncSession,
    *,
    council_id: int,
    target: str,
    target_key: str,
    roles: Sequence[str],
    description: str | None,
    deadline_at: datetime | None,
    deadline_has_time: bool,
    opened_by_id: int | None,
    at: datetime,
) -> NominationRound:
    nomination_round = NominationRound(
        council_id=council_id,
        target=target,
        target_key=target_key,
        roles=list(roles),
        description=description,
        deadline_at=deadline_at,
        deadline_has_time=deadline_has_time,
        opened_by_id=opened_by_id,
        status=RoundStatus.OPEN,
        created_at=at,
    )
    session.add(nomination_round)
    await session.flush()
    return nomination_round


def _rounds(only_open: bool) -> Select[NominationRound]:
    query = select(NominationRound).where(NominationRound.council_id == bindparam("council_id"))
    if only_open:
        query = query.where(NominationRound.status == RoundStatus.OPEN)
    return query.order_by(NominationRound.created_at.desc())


#: ``rounds_of``' statements by ``only_open``, built once (see ``store.actions._OWNED_BY``)
_ROUNDS = {only_open: _rounds(only_open) for only_open in (False, True)}
#: The standing nominations of some rounds with their backers' names, a row per backer
#: (one with no backer for a name the council chose unnominated), by role.
_STANDING = (
    select(
        Nomination.id,
        Nomination.round_id,
        Nomination.role,
        Nomination.nominee_name,
        Nomination.nominee_key,
        Nomination.chosen,
        NominationBacker.id,
        Person.full_name,
        NominationBacker.motivation,
    )
    .outerjoin(NominationBacker, NominationBacker.nomination_id == Nomination.id)
    .outerjoin(Person, Person.id == NominationBacker.person_id)
    .where(
        Nomination.round_id.in_(bindparam("round_ids", expanding=True)),
        Nomination.withdrawn_at.is_(None),
    )
    .order_by(Nomination.role, Nomination.id, NominationBacker.id)
)


@dataclass(frozen=True, slots=True)
class ListedBacker:
    """Who put a name forward, as a list names them, and why."""

    full_name: str
    motivation: str | None


@dataclass(frozen=True, slots=True)
class ListedNomination:
    """A standing nomination as lists, reminders and exports show it, read as plain rows
    (a round of ten names with three backers each would otherwise load some seventy objects
    through two ``selectinload``s). The fields are ``Nomination``'s of the same names."""

    id: int
    round_id: int
    role: str
    nominee_name: str
    nominee_key: str
    chosen: bool
    #: in the order they came
    backers: tuple[ListedBacker, ...]


async def rounds_of(
    session: AsyncSession, council_id: int, *, only_open: bool = False
) -> list[NominationRound]:
    """A council's rounds, newest first."""
    return await direct_rows.scalars(session, _ROUNDS[only_open], {"council_id": council_id})


async def nominations_in(session: AsyncSession, round_ids: Sequence[int]) -> list[ListedNomination]:
    """The standing (not withdrawn) nominations of some rounds, with their backers, by role."""
    heads: dict[int, tuple[int, int, str, str, str, bool]] = {}
    backers: defaultdict[int, list[ListedBacker]] = defaultdict(list)
    rows = await direct_rows.rows(session, _STANDING, {"round_ids": list(round_ids)})
    for id_, round_id, role, name, key, chosen, backer_id, full_name, motivation in rows:
        heads.setdefault(id_, (id_, round_id, role, name, key, chosen))
        if backer_id is not None:
            backers[id_].append(ListedBacker(full_name, motivation))
    return [ListedNomination(*head, tuple(backers[id_])) for id_, head in heads.items()]


async def put_forward(
    session: AsyncSession,
    *,
    round_id: int,
    role: str,
    nominee_name: str,
    nominee_key: str,
    nominee_person_id: int | None,
    backer_id: int,
    motivation: str | None,
    at: datetime,
) -> tuple[Nomination, bool, bool]:
    """Nominate someone, or back an existing nomination of the same person for the same role.

    Returns (nomination, newly_created, already_backed): the last is true when ``backer_id``
    had put this person forward for this role before (a new motivation then replaces theirs).
    """
    nomination, created = await _nomination_of(
        session,
        round_id=round_id,
        role=role,
        nominee_name=nominee_name,
        nominee_key=nominee_key,
        nominee_person_id=nominee_person_id,
        at=at,
    )
    backer = next((b for b in nomination.backers if b.person_id == backer_id), None)
    if backer is None:
        nomination.backers.append(
            NominationBacker(person_id=backer_id, motivation=motivation, created_at=at)
        )
    elif motivation:
        backer.motivation = motivation
    await session.flush()
    return nomination, created, backer is not None


async def nomination_by_id(session: AsyncSession, nomination_id: int) -> Nomination | None:
    return await session.scalar(
        select(Nomination)
        .where(Nomination.id == nomination_id)
        .options(selectinload(Nomination.backers))
    )


async def abstain(session: AsyncSession, *, round_id: int, person_id: int, at: datetime) -> bool:
    """Record "no one from me"; False when this member had already said so."""
    existing = await session.scalar(
        select(RoundAbstention).where(
            RoundAbstention.round_id == round_id, RoundAbstention.person_id == person_id
        )
    )
    if existing is not None:
        return False
    session.add(RoundAbstention(round_id=round_id, person_id=person_id, created_at=at))
    await session.flush()
    return True


async def has_answered(session: AsyncSession, round_id: int, person_id: int) -> bool:
    """Whether a member has nominated someone in the round, or said "no one"."""
    backed = await session.scalar(
        select(NominationBacker.id)
        .join(Nomination, Nomination.id == NominationBacker.nomination_id)
        .where(
            Nomination.round_id == round_id,
            Nomination.withdrawn_at.is_(None),
            NominationBacker.person_id == person_id,
        )
        .limit(1)
    )
    if backed is not None:
        return True
    abstained = await session.scalar(
        select(RoundAbstention.id).where(
            RoundAbstention.round_id == round_id, RoundAbstention.person_id == person_id
        )
    )
    return abstained is not None


async def open_rounds_past(session: AsyncSession, now: datetime) -> list[NominationRound]:
    """Open rounds whose deadline moment is behind ``now`` (date-only ones still to be checked)."""
    rows = await session.scalars(
        select(NominationRound).where(
            NominationRound.status == RoundStatus.OPEN,
            NominationRound.deadline_at.is_not(None),
            NominationRound.deadline_at < now,
        )
    )
    return list(rows)


async def silent_members(session: AsyncSession, round_id: int, council_id: int) -> list[Person]:
    """Members (guests aside) who have neither nominated anyone in the round nor said "no one"."""
    backed = (
        select(NominationBacker.person_id)
        .join(Nomination, Nomination.id == NominationBacker.nomination_id)
        .where(Nomination.round_id == round_id, Nomination.withdrawn_at.is_(None))
    )
    abstained = select(RoundAbstention.person_id).where(RoundAbstention.round_id == round_id)
    rows = await session.scalars(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.council_id == council_id,
            Membership.role != Role.GUEST,
            Person.id.not_in(backed),
            Person.id.not_in(abstained),
        )
        .order_by(Person.name_key)
    )
    return list(rows)


async def record_choice(
    session: AsyncSession,
    *,
    round_id: int,
    role: str,
    nominee_name: str,
    nominee_key: str,
    nominee_person_id: int | None,
    at: datetime,
) -> Nomination:
    """Mark whom the council chose; someone never nominated is added, backed by no one."""
    nomination, _ = await _nomination_of(
        session,
        round_id=round_id,
        role=role,
        nominee_name=nominee_name,
        nominee_key=nominee_key,
        nominee_person_id=nominee_person_id,
        at=at,
    )
    nomination.chosen = True
    await session.flush()
    return nomination


async def _nomination_of(
    session: AsyncSession,
    *,
    round_id: int,
    role: str,
    nominee_name: str,
    nominee_key: str,
    nominee_person_id: int | None,
    at: datetime,
) -> tuple[Nomination, bool]:
    """The round's standing nomination of this name for this role: made if there is none
    yet, started afresh if it was withdrawn."""
    nomination = await session.scalar(
        select(Nomination)
        .where(
            Nomination.round_id == round_id,
            Nomination.role == role,
            Nomination.nominee_key == nominee_key,
        )
        .options(selectinload(Nomination.backers))
    )
    if nomination is not None:
        if nomination.withdrawn_at is not None:
            await _start_afresh(session, nomination, nominee_name, nominee_person_id)
        return nomination, False
    nomination = Nomination(
        round_id=round_id,
        role=role,
        nominee_name=nominee_name,
        nominee_key=nominee_key,
        nominee_person_id=nominee_person_id,
        created_at=at,
    )
    nomination.backers = []
    session.add(nomination)
    return nomination, True


async def _start_afresh(
    session: AsyncSession, nomination: Nomination, nominee_name: str, nominee_person_id: int | None
) -> None:
    """A withdrawn nomination put forward again: the old backers and their reasons are gone.

    The row is reused because a round holds one nomination per name and role.
    """
    nomination.withdrawn_at = None
    nomination.chosen = False
    nomination.nominee_name = nominee_name
    nomination.nominee_person_id = nominee_person_id
    nomination.backers.clear()
    await session.flush()  # the old backers go before a new one (maybe the same person) comes
