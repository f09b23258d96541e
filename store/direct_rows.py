"""A turn's hot reads sent straight to the database driver, their rows made the session's own
loaded objects, or plain named rows.

Every turn first reads who asks where (``store.people.conversation_and_sender``): one
statement of seven tables. Through SQLAlchemy's ORM it cost some 480 µs of CPU per turn on
PostgreSQL, most of it spent building the statement's loaders anew each time and running them
per column, and SQLAlchemy's own execution some 200 µs more than asyncpg's for any statement
(bench/README.md). Here a statement is compiled by SQLAlchemy once, sent on the session's own
connection (asyncpg's, with the prepared statement SQLAlchemy's adapter keeps; or aiosqlite's,
in one trip to its thread as ``store.sqlite_one_trip`` sends every statement), and each row's
columns are run through their types' own result processors: into objects the session holds,
placed as the ORM would have placed them (an object the session has already loaded is used as
it is, never overwritten; ``entity_rows``), or into a named row (``rows``). Its values are
bound as SQLAlchemy binds them, a list for ``IN`` included.

Only plain reads go this way, before or inside the session's transaction alike: on PostgreSQL
the adapter begins the transaction only at a write (``store.begin_on_write``), sqlite3 before
a write, and a read sent on the same connection is in the transaction once it has begun. If
the driver fails under the read (a connection ended), the statement runs through SQLAlchemy as
before, which reports and handles the failure as for any other statement
(``store.db.connection_lost``).

This leans on SQLAlchemy's adapters (``_prepare``, ``_execute_mutex``, ``_connection``), its
compiler (``_process_parameters_for_postcompile``, ``_bind_processors``) and its identity map
(``_add_unpresent``); ``pyproject.toml`` keeps SQLAlchemy below 2.2 and
``tests/store/test_direct_rows.py`` compares every value read with SQLAlchemy's, on both
databases.
"""

from __future__ import annotations

import logging
from collections import namedtuple
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, Update, inspect
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection
from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_connection
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Mapper
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.sql.compiler import SQLCompiler

from store.db import holds_connection
from store.sqlite_one_trip import run_statement

log = logging.getLogger(__name__)

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Entity:
    """Where one mapped class's columns lie in a row, and how to make its object."""

    mapper: Mapper[Any]
    start: int
    stop: int
    keys: tuple[str, ...]
    key_set: frozenset[str]
    #: the attributes whose column type reads a value (a time, JSON, an enum), and how
    processed: tuple[tuple[str, Callable[[Any], Any]], ...]
    #: the primary key's place among ``keys`` (a row with it NULL holds no object)
    key_at: int
    #: what an identity in the session is keyed by, and how an object of the class is made
    identity_class: type[Any]
    new_instance: Callable[[], Any]


@dataclass(frozen=True)
class _Plan:
    #: the statement as the caller built it
    statement: object
    compiled: SQLCompiler
    sql: str
    #: a list is bound (``IN``): the statement's text is made for each call's lengths
    expands: bool
    #: each ``$n``'s key, own value and bind processor (``_positions``)
    positions: tuple[tuple[str, Any, Any], ...] | None
    #: the mapped classes of a row, in order (none for a SELECT of columns)
    entities: tuple[_Entity, ...]
    #: a SELECT of columns: each column's result processor, and the row type named by them
    processors: tuple[Processor, ...]
    row_type: Callable[..., tuple[Any, ...]]


_PLANS: dict[tuple[int, str, bool], _Plan] = {}
#: plans kept at most (the hot reads are a dozen statements)
_MOST_PLANS = 256


async def entity_rows(
    session: AsyncSession, statement: Select[*tuple[Any, ...]], values: Mapping[str, Any]
) -> list[tuple[Any, ...]]:
    """The rows of ``statement`` (a SELECT of mapped classes or their aliases only, built
    once) as the ORM returns them, a tuple of objects (None for an outer join's missing row)
    per row."""
    read = await _read(session, statement, values, entities=True)
    if read is None:
        return [tuple(row) for row in await session.execute(statement, values)]
    plan, records = read
    made = _Made(session)
    return [made.row(plan, record) for record in records]


async def scalars(
    session: AsyncSession, statement: Select[*tuple[Any, ...]], values: Mapping[str, Any]
) -> list[Any]:
    """The objects of ``statement``, a SELECT of one mapped class (``entity_rows``' first)."""
    return [found for (found,) in await entity_rows(session, statement, values)]


async def rows(
    session: AsyncSession, statement: Select[*tuple[Any, ...]], values: Mapping[str, Any]
) -> Sequence[Any]:
    """The rows of ``statement`` (a SELECT of columns, built once), each a tuple that also
    names its values by the columns' keys, as SQLAlchemy's rows do."""
    read = await _read(session, statement, values, entities=False)
    if read is None:
        return list(await session.execute(statement, values))
    plan, records = read
    make, processors = plan.row_type, plan.processors
    return [
        make(
            *(
                value if process is None else process(value)
                for value, process in zip(record, processors, strict=True)
            )
        )
        for record in records
    ]


async def write_alone(session: AsyncSession, statement: Update, values: Mapping[str, Any]) -> bool:
    """PostgreSQL: ``statement`` (an UPDATE that may be saved on its own,
    ``store.begin_on_write.WRITE_ALONE``) sent now on a connection borrowed for it alone,
    outside any transaction, when the session holds none: it is saved at once, and the
    session still has nothing to check out, commit and return. False where it was not sent
    so (the session holds a connection, SQLite, or the write failed): the caller sends it
    through the session, as before."""
    engine = session.bind
    if holds_connection(session) or not isinstance(engine, AsyncEngine):
        return False
    return await _on_borrowed(engine, statement, values, False, _POSTGRES) is not None


async def _read(
    session: AsyncSession,
    statement: Select[*tuple[Any, ...]],
    values: Mapping[str, Any],
    *,
    entities: bool,
) -> tuple[_Plan, Sequence[Any]] | None:
    """The plan and the records of ``statement`` read straight from the driver; None where
    the connection is neither asyncpg's nor aiosqlite's, or the read failed.

    A session that holds a connection (it has written, or read through SQLAlchemy) reads on
    it, in its transaction; one that holds none borrows a connection from the pool for the
    read alone, so a turn that only reads this way never checks one out for its session,
    nor commits and returns it (some 200 µs of SQLAlchemy's a turn)."""
    engine = session.bind
    if holds_connection(session) or not isinstance(engine, AsyncEngine):
        connection = (await session.connection()).sync_connection
        if connection is None:  # closed under us: SQLAlchemy's way says so
            return None
        raw = connection.connection
        return await _send_on(raw, connection, statement, values, entities, _DRIVERS)
    return await _on_borrowed(engine, statement, values, entities, _DRIVERS)


Fetch = Callable[[Any, str, list[Any]], Awaitable[Sequence[Any]]]


async def _on_borrowed(
    engine: AsyncEngine,
    statement: Select[*tuple[Any, ...]] | Update,
    values: Mapping[str, Any],
    entities: bool,
    drivers: tuple[tuple[type[Any], Fetch], ...],
) -> tuple[_Plan, Sequence[Any]] | None:
    """``_send_on`` a connection borrowed from the pool and given back at once."""
    raw = await engine.raw_connection()
    try:
        return await _send_on(raw, engine.sync_engine, statement, values, entities, drivers)
    finally:
        raw.close()  # back to the pool: it began no transaction, so there is none to end


async def _send_on(
    raw: PoolProxiedConnection,
    told: Connection | Engine,
    statement: Select[*tuple[Any, ...]] | Update,
    values: Mapping[str, Any],
    entities: bool,
    drivers: tuple[tuple[type[Any], Fetch], ...],
) -> tuple[_Plan, Sequence[Any]] | None:
    """The plan and the records of ``statement`` sent on ``raw``; None where its driver is
    not one of ``drivers``, or the statement failed."""
    adapted: Any = raw.dbapi_connection
    fetch = next((fetch for kind, fetch in drivers if isinstance(adapted, kind)), None)
    if fetch is None:
        return None
    plan = _plan(statement, told.dialect, entities)
    sql, bound = _bound(plan, values)
    _seen(told, raw, sql, bound)
    try:
        async with adapted._execute_mutex:
            return plan, await fetch(adapted, sql, bound)
    except Exception as error:  # SQLAlchemy's way reports and handles it
        log.info(
            "a direct statement failed (%s); sending it through SQLAlchemy", type(error).__name__
        )
        if isinstance(told, Engine):
            raw.invalidate()  # a borrowed connection that failed is not given back as good
        return None


async def _from_asyncpg(adapted: Any, sql: str, bound: list[Any]) -> Sequence[Any]:
    """With the prepared statement SQLAlchemy's adapter keeps for this text."""
    prepared, _ = await adapted._prepare(sql, 0)
    return await prepared.fetch(*bound)  # type: ignore[no-any-return]


async def _from_aiosqlite(adapted: Any, sql: str, bound: list[Any]) -> Sequence[Any]:
    """In one trip to the connection's thread (``store.sqlite_one_trip``)."""
    driver = adapted._connection
    _, found = await driver._execute(run_statement, driver._conn, sql, bound)
    return found or ()


#: the drivers a statement goes straight to, and how; a write alone goes to asyncpg only
_DRIVERS: tuple[tuple[type[Any], Fetch], ...] = (
    (AsyncAdapt_asyncpg_connection, _from_asyncpg),
    (AsyncAdapt_aiosqlite_connection, _from_aiosqlite),
)
_POSTGRES = _DRIVERS[:1]


def _seen(
    told: Connection | Engine, raw: PoolProxiedConnection, sql: str, bound: list[Any]
) -> None:
    """Told to whoever listens for the statements an engine sends (a test that counts them),
    as SQLAlchemy tells them; with nobody listening, this costs a look-up or two."""
    engine = told if isinstance(told, Engine) else told.engine
    if engine._has_events or (isinstance(told, Connection) and told._has_events):
        connection = told if isinstance(told, Connection) else raw
        told.dispatch.before_cursor_execute(connection, None, sql, tuple(bound), None, False)


def _bound(plan: _Plan, values: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """The statement's text and its values in the order of ``$1``, ``$2``…, each bound as
    SQLAlchemy binds it (the statement's own values, such as a status, included)."""
    if plan.positions is not None:  # the usual statement: each value from its place
        return plan.sql, [
            (values[name] if name in values else own)
            if bind is None
            else bind(values[name] if name in values else own)
            for name, own, bind in plan.positions
        ]
    compiled = plan.compiled
    given: Any = compiled.construct_params(values, _check=False)
    binds: Mapping[str, Any]
    if plan.expands:
        expanded = compiled._process_parameters_for_postcompile(given)
        sql, given = expanded.statement, expanded.parameters
        names = expanded.positiontup or ()
        binds = {**compiled._bind_processors, **expanded.processors}
    else:
        sql, names, binds = plan.sql, compiled.positiontup or (), compiled._bind_processors
    bind: Any
    bound = []
    for name in names:
        value = given[name]
        bind = binds.get(name)
        bound.append(value if bind is None else bind(value))
    return sql, bound


def _positions(compiled: SQLCompiler, expands: bool) -> tuple[tuple[str, Any, Any], ...] | None:
    """For each ``$n``: the value's key, the statement's own value (a status written into
    it), and how it is bound; None where SQLAlchemy's own way is needed (a list for ``IN``,
    a name it had to escape, a value computed at each call)."""
    names = compiled.positiontup or ()
    if expands or compiled.escaped_bind_names:
        return None
    positions = []
    for name in names:
        parameter = compiled.binds[name]
        bind = compiled._bind_processors.get(name)
        if parameter.callable is not None or not (bind is None or callable(bind)):
            return None
        # a value is given by its parameter's key, as ``construct_params`` takes it
        positions.append((parameter.key, parameter.value, bind))
    return tuple(positions)


class _Made:
    """The objects of one read, by identity: a row repeats its sender and conversation on
    every seat, and each is looked up in the session once."""

    __slots__ = ("_identity_map", "_session_id", "_by_key")

    def __init__(self, session: AsyncSession) -> None:
        sync = session.sync_session
        self._identity_map = sync.identity_map
        self._session_id = sync.hash_key
        self._by_key: dict[tuple[Any, ...], Any] = {}

    def row(self, plan: _Plan, record: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(self._object(entity, record) for entity in plan.entities)

    def _object(self, entity: _Entity, record: Sequence[Any]) -> Any:
        start = entity.start
        primary_key = record[start + entity.key_at]
        if primary_key is None:
            return None
        key = (entity.identity_class, (primary_key,), None)
        made = self._by_key.get(key)
        if made is None:
            made = self._by_key[key] = self._load(entity, key, record[start : entity.stop])
        return made

    def _load(self, entity: _Entity, key: tuple[Any, ...], raw: Sequence[Any]) -> Any:
        loaded = self._identity_map.get(key)
        if loaded is not None:
            # As the ORM does: what the session holds stays, what it let go (expired) is filled.
            held = loaded.__dict__
            if not held.keys() >= entity.key_set:
                filled = {
                    name: value for name, value in _values(entity, raw).items() if name not in held
                }
                held.update(filled)
                instance_state(loaded)._commit(held, filled)
            return loaded
        instance = entity.new_instance()
        instance.__dict__.update(_values(entity, raw))
        state = instance._sa_instance_state
        state.key = key
        state.session_id = self._session_id
        self._identity_map._add_unpresent(state, key)
        return instance


def _values(entity: _Entity, raw: Sequence[Any]) -> dict[str, Any]:
    """An object's values by attribute, each read as its column's type reads it."""
    values = dict(zip(entity.keys, raw, strict=True))
    for name, process in entity.processed:
        values[name] = process(values[name])
    return values


def _plan(statement: Select[*tuple[Any, ...]] | Update, dialect: Dialect, entities: bool) -> _Plan:
    """``statement``'s plan, compiled at its first use. The statements are built once, at
    import; the plan holds its statement, so no other statement can come to have its id, and
    a caller that built one per call would only refill a bounded memory."""
    cache_key = id(statement), dialect.name, entities
    plan = _PLANS.get(cache_key)
    if plan is None or plan.statement is not statement:
        if len(_PLANS) >= _MOST_PLANS:
            _PLANS.clear()
        plan = _PLANS[cache_key] = (
            _compile_entities(statement, dialect)
            if entities and isinstance(statement, Select)
            else _compiled(statement, statement, dialect, ())
        )
    return plan


def _compile_entities(statement: Select[*tuple[Any, ...]], dialect: Dialect) -> _Plan:
    """Each entity's columns named one by one, in the order its object is made from."""
    entities: list[_Entity] = []
    columns: list[Any] = []
    for description in statement.column_descriptions:
        found = inspect(description["expr"])
        mapper: Mapper[Any] = found.mapper
        selectable = found.selectable
        if len(mapper.primary_key) != 1:
            raise ValueError(f"{mapper.class_.__name__}: one primary key column expected")
        attributes = list(mapper.column_attrs)
        own = [selectable.corresponding_column(attribute.columns[0]) for attribute in attributes]
        if any(column is None for column in own):
            raise ValueError(f"{mapper.class_.__name__}: a column outside its table")
        keys = tuple(attribute.key for attribute in attributes)
        primary = mapper.get_property_by_column(mapper.primary_key[0]).key
        entities.append(
            _Entity(
                mapper,
                len(columns),
                len(columns) + len(keys),
                keys,
                frozenset(keys),
                tuple(
                    (key, process)
                    for key, column in zip(keys, own, strict=True)
                    if (process := column.type._cached_result_processor(dialect, None))
                ),
                keys.index(primary),
                mapper._identity_class,
                mapper.class_manager.new_instance,
            )
        )
        columns.extend(own)
    return _compiled(statement, statement.with_only_columns(*columns), dialect, tuple(entities))


def _compiled(
    built: object,
    statement: Select[*tuple[Any, ...]] | Update,
    dialect: Dialect,
    entities: tuple[_Entity, ...],
) -> _Plan:
    compiled = statement.compile(dialect=dialect)
    if not isinstance(compiled, SQLCompiler) or compiled.positiontup is None:
        raise ValueError("a positional statement expected")
    columns = list(statement.selected_columns) if isinstance(statement, Select) else []
    expands = bool(compiled.post_compile_params or compiled.literal_execute_params)
    return _Plan(
        built,
        compiled,
        compiled.string,
        expands,
        _positions(compiled, expands),
        entities,
        tuple(column.type._cached_result_processor(dialect, None) for column in columns),
        _row_type(columns),
    )


def _row_type(columns: Sequence[Any]) -> Callable[..., tuple[Any, ...]]:
    """A tuple type whose values are also named by the columns' keys (a name that repeats,
    or is none, is left to its place)."""
    names = [column.key if isinstance(column.key, str) else "" for column in columns]
    row = namedtuple("Row", names, rename=True)  # type: ignore[misc]
    return row
