"""Action items and who owns them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, case, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from store import direct_rows
from store.db import update_loaded
from store.models import Action, ActionOwner, ActionStatus, Membership, Person
from store.numbering import next_number


@dataclass(frozen=True)
class NewAction:
    """What an action is created with (its number is the council's next)."""

    text: str
    owners: Sequence[Person]
    due_at: datetime | None
    due_has_time: bool
    due_meeting_id: int | None
    created_by_id: int | None
    owner_texts: Sequence[str] = ()
    for_everyone: bool = False


async def add_action(
    session: AsyncSession,
    *,
    council_id: int,
    text: str,
    owners: Sequence[Person],
    owner_texts: Sequence[str] = (),
    for_everyone: bool = False,
    due_at: datetime | None,
    due_has_time: bool,
    due_meeting_id: int | None,
    created_by_id: int | None,
    at: datetime,
) -> Action:
    """Create an action with the next free number of its council."""
    new = NewAction(
        text, owners, due_at, due_has_time, due_meeting_id, created_by_id, owner_texts, for_everyone
    )
    [action] = await add_actions(session, council_id, [new], at=at)
    return action


async def add_actions(
    session: AsyncSession, council_id: int, new: Sequence[NewAction], *, at: datetime
) -> list[Action]:
    """Create actions with the council's next free numbers, in order: the council is locked
    and its highest number read once, and all are written in one flush."""
    if not new:
        return []
    first = await next_number(session, Action, council_id)
    created = []
    for offset, spec in enumerate(new):
        action = Action(
            council_id=council_id,
            number=first + offset,
            text=spec.text,
            for_everyone=spec.for_everyone,
            due_at=spec.due_at,
            due_has_time=spec.due_has_time,
            due_meeting_id=spec.due_meeting_id,
            created_by_id=spec.created_by_id,
            created_at=at,
            status=ActionStatus.OPEN,
        )
        action.owners = [ActionOwner(person_id=p.id, person=p) for p in spec.owners] + [
            ActionOwner(owner_text=text_) for text_ in spec.owner_texts
        ]
        created.append(action)
    session.add_all(created)
    await session.flush()
    return created


def _with_owners() -> _AbstractLoad:
    return selectinload(Action.owners).selectinload(ActionOwner.person)


#: Statements a command runs on every call are built once, with their values bound as
#: parameters (``person_id``, ``now``…): SQLAlchemy then finds their compiled form without
#: building and keying a new statement each time, about a third of a list's database time.
#: The actions ``person_id`` owns, and those for everyone in a council they sit in.
_OWNED_BY = or_(
    exists().where(
        ActionOwner.action_id == Action.id, ActionOwner.person_id == bindparam("person_id")
    ),
    Action.for_everyone
    & exists().where(
        Membership.council_id == Action.council_id,
        Membership.person_id == bindparam("person_id"),
    ),
)


#: A deadline passed: a time to the minute, a date once its day is over (``today`` is the
#: start of the day in Stockholm).
def _overdue(due_at: Any, due_has_time: Any) -> ColumnElement[bool]:
    return or_(
        due_has_time & (due_at < bindparam("now")),
        ~due_has_time & (due_at < bindparam("today")),
    )


_OVERDUE = _overdue(Action.due_at, Action.due_has_time)


#: Earliest deadline first, undated last: the order of ``ix_actions_council_status_due_number``, so
#: PostgreSQL reads the first of a council's open actions from it and stops there, not
#: sorting all of them (``NULLS LAST`` is PostgreSQL's own order for ascending values).
_BY_DUE = (Action.due_at.asc().nulls_last(), Action.number)


@dataclass(frozen=True)
class ActionKey:
    """What tells an open action apart from a new one with the same words: its number, text
    and owners (the roster's people by id, the others by name as written)."""

    number: int
    text: str
    for_everyone: bool
    owner_ids: frozenset[int]
    owner_texts: frozenset[str]


async def open_action_keys(session: AsyncSession, council_id: int) -> list[ActionKey]:
    """Every open action of a council with its owners, in one statement (to find an item of
    pasted minutes that is saved already)."""
    rows = await session.execute(
        select(
            Action.number,
            Action.text,
            Action.for_everyone,
            ActionOwner.person_id,
            ActionOwner.owner_text,
        )
        .outerjoin(ActionOwner, ActionOwner.action_id == Action.id)
        .where(Action.council_id == council_id, Action.status == ActionStatus.OPEN)
    )
    found: dict[int, tuple[str, bool, set[int], set[str]]] = {}
    for number, text, everyone, person_id, owner_text in rows:
        entry = found.setdefault(number, (text, everyone, set(), set()))
        if person_id is not None:
            entry[2].add(person_id)
        if owner_text:
            entry[3].add(owner_text)
    return [
        ActionKey(number, text, everyone, frozenset(ids), frozenset(texts))
        for number, (text, everyone, ids, texts) in sorted(found.items())
    ]


async def open_actions_of(
    session: AsyncSession, person_id: int, council_ids: Sequence[int]
) -> list[Action]:
    """A person's open actions (their own and those for everyone), earliest deadline first."""
    found = await session.scalars(
        _ACTIONS_OF, {"person_id": person_id, "council_ids": list(council_ids)}
    )
    return list(found)


async def first_open_actions_of(
    session: AsyncSession,
    person_id: int,
    council_ids: Sequence[int],
    *,
    overdue: tuple[datetime, datetime],
    limit: int,
) -> tuple[list[ListedAction], int, int]:
    """The first ``limit`` of a person's open actions (``open_actions_of``), how many there
    are in all and how many of them are overdue (``overdue`` as in ``first_open_actions``):
    only the rows shown are read, with their owners joined in."""
    now, today = overdue
    values = {"person_id": person_id, "council_ids": list(council_ids), "limit": limit}
    rows = await direct_rows.rows(session, _FIRST_OF, {**values, "now": now, "today": today})
    if not rows:
        return [], 0, 0
    return _listed(rows), rows[0].total, int(rows[0].late or 0)


async def open_actions(
    session: AsyncSession,
    council_id: int,
    *,
    overdue_at: datetime | None = None,
    owner_id: int | None = None,
    limit: int = 100,
) -> list[Action]:
    """A council's open actions, earliest deadline first; optionally only overdue or one owner's."""
    query = select(Action).where(*_OPEN_IN)
    if owner_id is not None:
        query = query.where(_OWNED_BY)
    if overdue_at is not None:
        query = query.where(Action.due_at < overdue_at)
    query = query.options(_with_owners()).order_by(*_BY_DUE).limit(limit)
    return list(await session.scalars(query, {"council_id": council_id, "person_id": owner_id}))


async def first_open_actions(
    session: AsyncSession,
    council_id: int,
    *,
    overdue: tuple[datetime, datetime] | None = None,
    owner_id: int | None = None,
    limit: int,
) -> tuple[list[ListedAction], int]:
    """The first ``limit`` of a council's open actions, earliest deadline first, and how many
    there are in all. ``overdue`` = (now, the start of today): only those whose deadline has
    passed — a time to the minute, a date once its day is over."""
    now, today = overdue or (None, None)
    query = _FIRST_IN[overdue is not None, owner_id is not None]
    values = {"council_id": council_id, "person_id": owner_id, "limit": limit}
    rows = await direct_rows.rows(session, query, {**values, "now": now, "today": today})
    return _listed(rows), (rows[0].total if rows else 0)


@dataclass(frozen=True, slots=True)
class ListedOwner:
    """An owner as a list names them (``ActionOwner``'s ``full_name`` and ``owner_text``)."""

    #: the member's full name; None for an owner kept as written
    full_name: str | None
    owner_text: str | None


@dataclass(frozen=True, slots=True)
class ListedAction:
    """An action as a list shows it, read as plain rows: a list of 25 would otherwise load
    some hundred objects (the actions, their owners and the owners' people) to show a line
    each. The fields are ``Action``'s of the same names."""

    id: int
    council_id: int
    number: int
    text: str
    for_everyone: bool
    due_at: datetime | None
    due_has_time: bool
    due_meeting_id: int | None
    owners: tuple[ListedOwner, ...]


_LISTED = (
    Action.id,
    Action.council_id,
    Action.number,
    Action.text,
    Action.for_everyone,
    Action.due_at,
    Action.due_has_time,
    Action.due_meeting_id,
)


def _with_owners_joined(page: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """``page`` (``_LISTED`` first, in its order, limited) with each action's owners joined
    in, one row per owner (or one with none): the page and its owners in one statement."""
    paged = page.subquery("page")
    return (
        select(paged, Person.full_name, ActionOwner.owner_text, ActionOwner.id.label("owner_id"))
        .outerjoin(ActionOwner, ActionOwner.action_id == paged.c.id)
        .outerjoin(Person, Person.id == ActionOwner.person_id)
        .order_by(paged.c.due_at.asc().nulls_last(), paged.c.number, ActionOwner.id)
    )


_OPEN_OF = (
    Action.council_id.in_(bindparam("council_ids", expanding=True)),
    Action.status == ActionStatus.OPEN,
    _OWNED_BY,
)
_OPEN_IN = (Action.council_id == bindparam("council_id"), Action.status == ActionStatus.OPEN)
_ACTIONS_OF = select(Action).where(*_OPEN_OF).order_by(*_BY_DUE).options(_with_owners())


def _first_of() -> Select[*tuple[Any, ...]]:
    """``first_open_actions_of``' statement. A person's open actions are found among their
    councils' by the few columns ``ix_actions_council_status_due_number`` holds (PostgreSQL
    reads them from the index alone, and most of a council's open actions are not the
    person's); they are counted from that, and only the page's rows are read in full."""
    mine = (
        select(Action.id, Action.due_at, Action.number, Action.due_has_time)
        .where(*_OPEN_OF)
        .cte("mine")
    )
    page = (
        select(mine.c.id)
        .order_by(mine.c.due_at.asc().nulls_last(), mine.c.number)
        .limit(bindparam("limit"))
        .subquery("mine_page")
    )
    late = func.sum(case((_overdue(mine.c.due_at, mine.c.due_has_time), 1), else_=0))
    return _with_owners_joined(
        select(
            *_LISTED,
            select(func.count()).select_from(mine).scalar_subquery().label("total"),
            select(late).select_from(mine).scalar_subquery().label("late"),
        )
        .join(page, page.c.id == Action.id)
        .order_by(*_BY_DUE)
    )


_FIRST_OF = _first_of()


def _first_in(overdue: bool, owned: bool) -> Select[*tuple[Any, ...]]:
    """The first page of a council's open actions, and how many match in all: counted apart
    (once, from the index alone where PostgreSQL knows its pages are all visible), so the
    page itself is read in the index's order and stops at its last row; a count over the
    page's rows (``count() OVER ()``) would read and sort every open action first."""
    where = [*_OPEN_IN]
    if owned:
        where.append(_OWNED_BY)
    if overdue:
        where.append(_OVERDUE)
    # not correlated: the count is of its own FROM, not of the page's row
    total = select(func.count()).select_from(Action).where(*where).correlate(None)
    query = select(*_LISTED, total.scalar_subquery().label("total")).where(*where)
    return _with_owners_joined(query.order_by(*_BY_DUE).limit(bindparam("limit")))


#: ``first_open_actions``' statement by (only overdue, only one owner's)
_FIRST_IN = {
    (late, owned): _first_in(late, owned) for late in (False, True) for owned in (False, True)
}


def _listed(rows: Sequence[Sequence[Any]]) -> list[ListedAction]:
    """The actions of ``rows`` (``_LISTED`` first, then an owner's full name and text, and
    the owner's id: None for an action without owners), in their order."""
    grouped: dict[int, tuple[Sequence[Any], list[ListedOwner]]] = {}
    for row in rows:
        _, owners = grouped.setdefault(row[0], (row, []))
        if row[-1] is not None:
            owners.append(ListedOwner(row[-3], row[-2]))
    listed = []
    for row, owners in grouped.values():
        action_id, council_id, number, text, everyone, due_at, has_time, meeting_id = row[:8]
        listed.append(
            ListedAction(
                action_id,
                council_id,
                number,
                text,
                everyone,
                due_at,
                has_time,
                meeting_id,
                tuple(owners),
            )
        )
    return listed


#: One action with its owners and their people joined in: one statement, where
#: ``selectinload`` (for many actions) would ask twice more.
_BY_NUMBER = (
    select(Action)
    .where(Action.council_id == bindparam("council_id"), Action.number == bindparam("number"))
    .options(joinedload(Action.owners).joinedload(ActionOwner.person))
)


async def action_by_number(session: AsyncSession, council_id: int, number: int) -> Action | None:
    found = await session.scalars(_BY_NUMBER, {"council_id": council_id, "number": number})
    return found.unique().one_or_none()


async def mark_done(session: AsyncSession, action: Action, *, by_id: int, at: datetime) -> None:
    """``action`` done by ``by_id`` at ``at``: one UPDATE, sent now, and the loaded row told
    so (``klar N`` is the commonest write; the ORM's unit of work would cost it a tenth of
    its time)."""
    values = {"status": ActionStatus.DONE, "done_by_id": by_id, "done_at": at}
    await update_loaded(session, _MARK, action, values, action_id=action.id)


_ACTIONS = Action.metadata.tables[Action.__tablename__]
_MARK = (
    update(_ACTIONS)
    .where(_ACTIONS.c.id == bindparam("action_id"))
    .values(
        status=bindparam("status"), done_by_id=bindparam("done_by_id"), done_at=bindparam("done_at")
    )
)


def owner_rows(action: Action) -> list[dict[str, Any]]:
    """An action's owners as plain values (for the audit log, and to give them back)."""
    return [{"person_id": o.person_id, "owner_text": o.owner_text} for o in action.owners]


async def set_owners(
    session: AsyncSession, action: Action, owners: Sequence[dict[str, Any]], *, for_everyone: bool
) -> None:
    """Replace an action's owners by ``owners`` (``owner_rows``'s shape), the action loaded
    with its owners (``action_by_number``)."""
    action.owners = [
        ActionOwner(person_id=o.get("person_id"), owner_text=o.get("owner_text")) for o in owners
    ]
    action.for_everyone = for_everyone
    await session.flush()


async def actions_due_at(session: AsyncSession, meeting_id: int) -> list[Action]:
    """Every action due at a meeting, whatever its state."""
    return list(await session.scalars(select(Action).where(Action.due_meeting_id == meeting_id)))


async def is_owner(
    session: AsyncSession, action_id: int, person_id: int | None, *, everyone_counts: bool
) -> bool:
    """Whether the person owns the action (or, with ``everyone_counts``, it is everyone's)."""
    owner = select(ActionOwner.id).where(
        ActionOwner.action_id == action_id, ActionOwner.person_id == person_id
    )
    if not everyone_counts:
        return await session.scalar(owner.limit(1)) is not None
    everyone = select(Action.id).where(Action.id == action_id, Action.for_everyone.is_(True))
    return await session.scalar(owner.union_all(everyone).limit(1)) is not None
