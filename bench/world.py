"""The benchmarks' shared world: 10,000 people and 100,000 actions, generated, loaded into a
fresh database, and the Teams activities of the command mix that members send.

``bench_commands.py`` (one at a time) and ``bench_load.py`` (many at once) both build their
database and their requests here, so the two measure the same data and the same commands.
"""

from __future__ import annotations

import gc
import math
import random
import tempfile
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from dialogs.dates.writing import STOCKHOLM
from dialogs.text.folding import fold, name_key
from store.db import open_engine
from store.migrate import upgrade_to_head
from store.models import (
    ActionStatus,
    Base,
    MeetingKind,
    MeetingStatus,
    Role,
    RoundStatus,
)

#: The fixed "now" of the app: a Wednesday morning in the middle of a council season.
NOW = datetime(2025, 4, 9, 10, 0, tzinfo=STOCKHOLM).astimezone(UTC)
COUNCILS = 100
PERSONAL_SHARE = 0.2
TENANT = "tenant-bench"
BOT = {"id": "28:radsbot-bench", "name": "Rådsbot"}
PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/test"
PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
BATCH = 5000

FIRST_NAMES = (
    "Anna",
    "Karin",
    "Maria",
    "Lisa",
    "Sara",
    "Emma",
    "Johanna",
    "Elin",
    "Kristina",
    "Eva",
    "Ingrid",
    "Lena",
    "Malin",
    "Josefin",
    "Joanna",
    "Carin",
    "Maja",
    "Elsa",
    "Jenny",
    "Lorna",
    "Susanne",
    "Anne",
    "Karolina",
    "Linnea",
    "Sofia",
    "Helena",
    "Cecilia",
    "Åsa",
    "Ulrika",
    "Annika",
    "Lars",
    "Erik",
    "Anders",
    "Johan",
    "Per",
    "Mikael",
    "Daniel",
    "Niklas",
    "Magnus",
    "Fredrik",
    "Jonas",
    "Mattias",
    "Henrik",
    "Stefan",
    "Oskar",
    "Björn",
    "Göran",
    "Håkan",
    "Ola",
    "Mats",
    "Jörgen",
    "Pär",
    "Tomas",
    "Gustav",
    "Emil",
    "Viktor",
    "Ali",
    "Fatima",
    "Amir",
    "Leila",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Lundin",
    "Håkansson",
    "Björk",
    "Bergman",
    "Gunnarsson",
    "Holm",
    "Wikström",
    "Samuelsson",
    "Isaksson",
    "Fransson",
    "Bergqvist",
    "Nyström",
    "Holmberg",
    "Arvidsson",
    "Löfgren",
    "Söderberg",
    "Nyberg",
    "Blomqvist",
    "Claesson",
    "Skoog",
    "Berndes",
    "Gelander",
    "Pestalozzi",
    "Holmgren",
    "Bondjers",
    "Ståleby",
    "Niklasson",
    "Segerdahl",
    "Johansen",
    "Wennberg",
    "Kullingsjö",
    "Roswall",
    "Hätting",
    "Elfgrén",
    "van Agthoven",
    "Linder",
    "Fransson Bona",
)
PLACES = (
    "Stationshuset Göteborg, lokal Bommen",
    "Regionens hus, Vänersborg",
    "Skövde, Skaraborgs sjukhus, sal 3",
    "Borås, Södra Älvsborgs sjukhus",
    "Uddevalla, Hälsans hus",
)
TOPICS = (
    "traumatisk hjärnskada",
    "ätsvårigheter",
    "barn och unga med psykisk ohälsa",
    "vårdsamverkan kring äldre",
    "läkemedelsgenomgångar",
    "fast vårdkontakt",
    "samordnad individuell plan",
    "digitala vårdbesök",
    "utskrivningsprocessen",
    "barnhälsovården",
    "regionala medicinska riktlinjer",
    "remisshantering",
)
ACTION_TEMPLATES = (
    "Ta fram underlag om {topic}",
    "Sammanställa synpunkter på {topic}",
    "Återkomma med förslag kring {topic}",
    "Kontakta RPT om {topic}",
    "Skicka ut remissvar om {topic} till ledamöterna",
    "Boka dialogmöte om {topic}",
    "Förankra {topic} i den egna förvaltningen",
    "Uppdatera rutinen för {topic}",
)
AGENDA_TITLES = (
    "Föregående protokoll",
    "Rapport från RPT",
    "Ekonomi och uppföljning",
    "Nomineringar",
    "Information från vårdsamverkan",
    "Övriga frågor",
    "Dialog: {topic}",
)
ROUND_TARGETS = (
    ("RPT THS", ["ordförande", "koordinator"]),
    ("RPT ätsvårigheter", ["ordförande", "koordinator"]),
    ("NAG barnhälsa", ["representant"]),
    ("RMR författargrupp", []),
    ("Projekt fast vårdkontakt", ["representant"]),
)
ORGANISATIONS = ("Regionhälsan", "Koncernkontoret", "Primärvården", "Kommunerna i Fyrbodal")

#: The commands under test: the label in the table, then the ways people write it.
COMMANDS: dict[str, tuple[str, ...]] = {
    "actions mine": ("actions mine", "åtgärder mina"),
    "actions": ("actions", "åtgärder"),
    "actions overdue": ("actions overdue", "åtgärder försenade"),
    "next meeting": ("next meeting", "nästa möte"),
    "meetings": ("meetings", "möten"),
    "nominations": ("nominations", "nomineringar"),
    "members": ("members", "medlemmar"),
    "klar N": ("klar {n}", "action done {n}"),
    "help": ("help", "hjälp"),
}
#: Commands that span all of the sender's councils, so a personal chat answers them too.
PERSONAL_OK = frozenset({"actions mine", "next meeting", "meetings", "help", "klar N"})


# --- the data set, generated in memory ------------------------------------------------------


@dataclass
class World:
    """The generated rows per table, plus what the request plan needs to know about them."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    names: dict[int, str] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=dict)  # council id → person ids
    short_names: dict[int, str] = field(default_factory=dict)
    #: (council id, person id) → numbers of open actions that person owns by name
    owned_open: dict[tuple[int, int], list[int]] = field(default_factory=lambda: defaultdict(list))


def aad_of(person_id: int) -> str:
    """The Teams aadObjectId of a person: what the chat identity's user_id holds."""
    return f"aad-bench-{person_id:05d}"


def channel_of(council_id: int) -> str:
    return f"19:bench-council-{council_id}@thread.tacv2"


def local_time(day: date, hour: int, minute: int) -> datetime:
    """A Stockholm wall-clock time as an aware UTC datetime, the way the store keeps it."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM).astimezone(UTC)


def weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def generate(rng: random.Random, people: int, actions: int) -> World:
    """The whole data set, with explicit ids so rows can refer to each other without a trip."""
    world = World()
    _councils(world)
    _people(world, rng, people)
    _memberships(world, rng, people)
    _channels(world)
    _personal_chats(world)
    meetings = _meetings(world, rng)
    _actions(world, rng, actions, meetings)
    _rounds(world, rng)
    return world


def _councils(world: World) -> None:
    for council_id in range(1, COUNCILS + 1):
        short = f"SR{council_id}"
        world.short_names[council_id] = short
        world.rows["councils"].append(
            {
                "id": council_id,
                "name": f"Samordningsråd {council_id}",
                "short_name": short,
                "short_key": fold(short),
                "language": None,
                "meeting_start": "09:30",
                "meeting_end": "15:30",
                "created_at": NOW - timedelta(days=400),
            }
        )


def _people(world: World, rng: random.Random, count: int) -> None:
    """People with loose Swedish names (many share a first name), each with a Teams account."""
    for person_id in range(1, count + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if rng.random() < 0.15:
            first = f"{first} {rng.choice(FIRST_NAMES)}"
        full_name = f"{first} {last}"
        world.names[person_id] = full_name
        world.rows["people"].append(
            {
                "id": person_id,
                "full_name": full_name,
                "name_key": name_key(full_name),
                "email": f"{name_key(full_name).replace(' ', '.')}.{person_id}@vgregion.se",
                "language": "en" if rng.random() < 0.05 else None,
                "created_at": NOW - timedelta(days=rng.randint(30, 400)),
            }
        )
        world.rows["chat_identities"].append(
            {
                "id": person_id,
                "platform": "teams",
                "tenant_id": TENANT,
                "user_id": aad_of(person_id),
                "display_name": full_name,
                "person_id": person_id,
                "created_at": NOW - timedelta(days=rng.randint(1, 30)),
            }
        )


def _memberships(world: World, rng: random.Random, people: int) -> None:
    """Everyone sits in 1–3 councils; each council gets one secretary and one chair."""
    members: dict[int, list[int]] = defaultdict(list)
    for person_id in range(1, people + 1):
        for council_id in rng.sample(range(1, COUNCILS + 1), rng.randint(1, 3)):
            members[council_id].append(person_id)
    for council_id in range(1, COUNCILS + 1):
        roster = members[council_id]
        world.members[council_id] = roster
        for position, person_id in enumerate(roster):
            role = Role.SECRETARY if position == 0 else Role.CHAIR if position == 1 else Role.MEMBER
            world.rows["memberships"].append(
                {
                    "id": len(world.rows["memberships"]) + 1,
                    "council_id": council_id,
                    "person_id": person_id,
                    "role": role,
                    "note": None,
                    "created_at": NOW - timedelta(days=rng.randint(30, 400)),
                }
            )


def _channels(world: World) -> None:
    """Each council's Teams channel, linked to it, as the bot saved it on install."""
    for council_id in range(1, COUNCILS + 1):
        conversation = {"conversationType": "channel", "isGroup": True}
        _saved_conversation(
            world, council_id, channel_of(council_id), conversation, council_id=council_id
        )


def personal_chat_of(person_id: int) -> str:
    return f"a:personal-{aad_of(person_id)}"


def _personal_chats(world: World) -> None:
    """Each person's 1:1 chat with the bot, saved when the app was installed for them (Teams
    tells the bot), as a deployed bot has them: a member's command in a personal chat is not
    their first message there."""
    for person_id in world.names:
        conversation = {"conversationType": "personal"}
        _saved_conversation(
            world,
            COUNCILS + person_id,
            personal_chat_of(person_id),
            conversation,
            person_id=person_id,
        )


def _saved_conversation(
    world: World,
    row_id: int,
    conversation_id: str,
    conversation: dict[str, Any],
    *,
    council_id: int | None = None,
    person_id: int | None = None,
) -> None:
    """A conversation as the bot saves it: the reference it writes back with, last seen a
    day ago (so a message refreshes it once, as the first message of a day does)."""
    world.rows["conversation_refs"].append(
        {
            "id": row_id,
            "platform": "teams",
            "conversation_id": conversation_id,
            "tenant_id": TENANT,
            "kind": conversation["conversationType"],
            "council_id": council_id,
            "person_id": person_id,
            "reference": {
                "bot": BOT,
                "channelId": "msteams",
                "locale": "sv-SE",
                "conversation": {**conversation, "tenantId": TENANT, "id": conversation_id},
                "serviceUrl": "",  # the benchmark's connector, set by ``load``
            },
            "welcomed_at": NOW - timedelta(days=300),
            "updated_at": NOW - timedelta(days=1),
        }
    )


def _meetings(world: World, rng: random.Random) -> dict[int, list[tuple[int, datetime]]]:
    """About ten meetings per council, half a season back and a season ahead, with agendas."""
    by_council: dict[int, list[tuple[int, datetime]]] = {}
    for council_id in range(1, COUNCILS + 1):
        day = (NOW - timedelta(days=rng.randint(180, 240))).date()
        by_council[council_id] = []
        for number in range(1, rng.randint(8, 12) + 1):
            day = weekday_on_or_after(day + timedelta(days=rng.randint(35, 50)))
            meeting_id = len(world.rows["meetings"]) + 1
            starts, ends = local_time(day, 9, 30), local_time(day, 15, 30)
            if rng.random() < 0.3:
                starts, ends = local_time(day, 13, 0), local_time(day, 15, 0)
            kind = rng.choice((MeetingKind.PHYSICAL, MeetingKind.DIGITAL, MeetingKind.HYBRID))
            url = f"https://teams.microsoft.com/l/meetup-join/{uuid.UUID(int=meeting_id)}"
            world.rows["meetings"].append(
                {
                    "id": meeting_id,
                    "council_id": council_id,
                    "number": number,
                    "starts_at": starts,
                    "ends_at": ends,
                    "place": None if kind == MeetingKind.DIGITAL else rng.choice(PLACES),
                    "online_url": None if kind == MeetingKind.PHYSICAL else url,
                    "kind": kind,
                    "status": MeetingStatus.CANCELLED
                    if rng.random() < 0.05
                    else MeetingStatus.PLANNED,
                    "created_at": NOW - timedelta(days=300),
                }
            )
            by_council[council_id].append((meeting_id, starts))
            _agenda(world, rng, meeting_id)
    return by_council


def _agenda(world: World, rng: random.Random, meeting_id: int) -> None:
    for position, title in enumerate(rng.sample(AGENDA_TITLES, rng.randint(2, 5))):
        world.rows["agenda_items"].append(
            {
                "id": len(world.rows["agenda_items"]) + 1,
                "meeting_id": meeting_id,
                "position": position,
                "title": title.format(topic=rng.choice(TOPICS)),
                "presenter": None,
                "time_slot": None,
                "proposed_by_id": None,
                "created_at": NOW - timedelta(days=20),
            }
        )


def _actions(
    world: World, rng: random.Random, count: int, meetings: dict[int, list[tuple[int, datetime]]]
) -> None:
    """``count`` actions over the councils, unevenly, numbered 1..n within each council."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(COUNCILS)]
    councils = rng.choices(range(1, COUNCILS + 1), weights=weights, k=count)
    numbers: dict[int, int] = defaultdict(int)
    for action_id, council_id in enumerate(councils, start=1):
        numbers[council_id] += 1
        _one_action(world, rng, action_id, council_id, numbers[council_id], meetings[council_id])


def _one_action(
    world: World,
    rng: random.Random,
    action_id: int,
    council_id: int,
    number: int,
    meetings: list[tuple[int, datetime]],
) -> None:
    roster = world.members[council_id]
    for_everyone = rng.random() < 0.10
    owners = [] if for_everyone else rng.sample(roster, min(len(roster), rng.randint(1, 3)))
    due_at, due_meeting_id = None, None
    if rng.random() < 0.70:
        if rng.random() < 0.2:
            due_meeting_id, due_at = rng.choice(meetings)
        else:
            due_at = local_time((NOW + timedelta(days=rng.randint(-300, 200))).date(), 0, 0)
    created = min(due_at or NOW, NOW) - timedelta(days=rng.randint(7, 60))
    done = rng.random() < 0.30
    world.rows["actions"].append(
        {
            "id": action_id,
            "council_id": council_id,
            "number": number,
            "text": rng.choice(ACTION_TEMPLATES).format(topic=rng.choice(TOPICS)),
            "for_everyone": for_everyone,
            "due_at": due_at,
            "due_has_time": False,
            "due_meeting_id": due_meeting_id,
            "status": ActionStatus.DONE if done else ActionStatus.OPEN,
            "origin_meeting_id": None,
            "created_by_id": roster[0],
            "created_at": created,
            "done_by_id": (owners or roster)[0] if done else None,
            "done_at": min(created + timedelta(days=rng.randint(1, 60)), NOW) if done else None,
        }
    )
    owner_rows = world.rows["action_owners"]
    for person_id in owners:
        owner_rows.append(
            {
                "id": len(owner_rows) + 1,
                "action_id": action_id,
                "person_id": person_id,
                "owner_text": None,
            }
        )
        if not done:
            world.owned_open[(council_id, person_id)].append(number)
    if not for_everyone and rng.random() < 0.03:
        owner_rows.append(
            {
                "id": len(owner_rows) + 1,
                "action_id": action_id,
                "person_id": None,
                "owner_text": rng.choice(ORGANISATIONS),
            }
        )


def _rounds(world: World, rng: random.Random) -> None:
    """1–2 open nomination rounds per council (and sometimes a closed one), a few names each."""
    for council_id in range(1, COUNCILS + 1):
        targets = rng.sample(ROUND_TARGETS, rng.randint(2, 3))
        for position, (target, roles) in enumerate(targets):
            is_open = position < 2 and (position == 0 or rng.random() < 0.6)
            round_id = len(world.rows["nomination_rounds"]) + 1
            world.rows["nomination_rounds"].append(
                {
                    "id": round_id,
                    "council_id": council_id,
                    "target": target,
                    "target_key": " ".join(fold(target.replace("-", " ")).split()),
                    "roles": roles,
                    "description": f"Nominera till {target}.",
                    "deadline_at": local_time(
                        (NOW + timedelta(days=rng.randint(5, 40))).date(), 0, 0
                    ),
                    "deadline_has_time": False,
                    "status": RoundStatus.OPEN if is_open else RoundStatus.CLOSED,
                    "opened_by_id": world.members[council_id][0],
                    "created_at": NOW - timedelta(days=rng.randint(3, 60), minutes=position),
                    "closed_at": None if is_open else NOW - timedelta(days=1),
                }
            )
            _nominations(world, rng, council_id, round_id, roles)


def _nominations(
    world: World, rng: random.Random, council_id: int, round_id: int, roles: Sequence[str]
) -> None:
    roster = world.members[council_id]
    seen: set[tuple[str, str]] = set()
    for _ in range(rng.randint(2, 6)):
        role = rng.choice(roles) if roles else ""
        nominee = rng.choice(roster) if rng.random() < 0.7 else None
        nominee_name = world.names[nominee] if nominee else f"{rng.choice(FIRST_NAMES)} Extern"
        if (role, name_key(nominee_name)) in seen:
            continue
        seen.add((role, name_key(nominee_name)))
        nomination_id = len(world.rows["nominations"]) + 1
        world.rows["nominations"].append(
            {
                "id": nomination_id,
                "round_id": round_id,
                "role": role,
                "nominee_name": nominee_name,
                "nominee_key": name_key(nominee_name),
                "nominee_person_id": nominee,
                "chosen": False,
                "withdrawn_at": None,
                "created_at": NOW - timedelta(days=2),
            }
        )
        for backer in rng.sample(roster, min(len(roster), rng.randint(1, 3))):
            world.rows["nomination_backers"].append(
                {
                    "id": len(world.rows["nomination_backers"]) + 1,
                    "nomination_id": nomination_id,
                    "person_id": backer,
                    "motivation": "Lång erfarenhet av området." if rng.random() < 0.3 else None,
                    "created_at": NOW - timedelta(days=2),
                }
            )


# --- the database -----------------------------------------------------------------------------

#: Parents before children, so every foreign key points at a row already there.
LOAD_ORDER = (
    "councils",
    "people",
    "memberships",
    "chat_identities",
    "conversation_refs",
    "meetings",
    "agenda_items",
    "actions",
    "action_owners",
    "nomination_rounds",
    "nominations",
    "nomination_backers",
)


@asynccontextmanager
async def fresh_database(postgres: bool) -> AsyncIterator[str]:
    """The URL of an empty database that is gone afterwards: a temp SQLite file or a PG db."""
    if not postgres:
        with tempfile.TemporaryDirectory(prefix="radsbot_bench_") as directory:
            yield f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}"
        return
    name = f"radsbot_bench_{uuid.uuid4().hex[:10]}"
    await _pg_admin(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL.format(name=name)
    finally:
        await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _pg_admin(sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def load(url: str, world: World, service_url: str) -> dict[str, int]:
    """Migrate, bulk-insert every table in batches, and return the row count per table.

    Every saved conversation's reference gets ``service_url``, the benchmark's Bot Connector,
    as the bot saves the URL a conversation's messages come from: a private answer or a
    reminder then goes where it would in production, not refused as an unknown host."""
    for row in world.rows["conversation_refs"]:
        row["reference"]["serviceUrl"] = service_url
    engine = open_engine(url)
    try:
        await upgrade_to_head(engine)
        async with engine.begin() as connection:
            for table_name in LOAD_ORDER:
                await _insert_all(connection, table_name, world.rows[table_name])
            if engine.dialect.name == "postgresql":
                await _advance_sequences(connection)
        if engine.dialect.name == "postgresql":
            # What autovacuum does within a minute of such a load in production (statistics,
            # and the visibility map an index-only count reads); it is off on this machine's
            # server, so it is done here.
            async with engine.connect() as connection:
                await connection.execution_options(isolation_level="AUTOCOMMIT")
                await connection.execute(text("VACUUM ANALYZE"))
        return await _counts(engine)
    finally:
        await engine.dispose()


async def _insert_all(
    connection: AsyncConnection, table_name: str, rows: list[dict[str, Any]]
) -> None:
    """One executemany per batch of dicts; the column types still bind (UTC, JSON, enums)."""
    table = Base.metadata.tables[table_name]
    for start in range(0, len(rows), BATCH):
        await connection.execute(insert(table), rows[start : start + BATCH])


async def _advance_sequences(connection: AsyncConnection) -> None:
    """Explicit ids leave PostgreSQL's serials at 1; move them past the loaded rows."""
    for table_name in LOAD_ORDER:
        await connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table_name}), false)"
            )
        )


async def _counts(engine: AsyncEngine) -> dict[str, int]:
    """Rows per table as the database holds them: the data sizes the report prints."""
    counts: dict[str, int] = {}
    async with engine.connect() as connection:
        for table_name in LOAD_ORDER:
            table = Base.metadata.tables[table_name]
            count = await connection.scalar(select(func.count()).select_from(table))
            counts[table_name] = int(count or 0)
        actions = Base.metadata.tables["actions"]
        counts["actions open"] = int(
            await connection.scalar(
                select(func.count())
                .select_from(actions)
                .where(actions.c.status == ActionStatus.OPEN)
            )
        )
    return counts


def forget_rows(world: World) -> None:
    """Drop the loaded rows: a million dicts on the heap would make the garbage collector of
    this process (which is also the server's) pause for hundreds of ms, as no real server does."""
    world.rows.clear()
    gc.collect()


# --- the requests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One message to send: which command (for the table), its text, who, and where."""

    label: str
    text: str
    person_id: int
    council_id: int | None  # None: the sender's personal chat with the bot


def plan(world: World, rng: random.Random, per_command: int) -> list[Request]:
    """``per_command`` requests of each command, shuffled; senders are random members."""
    requests = [one_request(world, rng, label) for label in COMMANDS for _ in range(per_command)]
    rng.shuffle(requests)
    return requests


def one_request(world: World, rng: random.Random, label: str) -> Request:
    personal = label in PERSONAL_OK and rng.random() < PERSONAL_SHARE
    wording = rng.choice(COMMANDS[label])
    if label == "klar N":
        council_id, person_id, number = _open_action_to_close(world, rng)
        wording = wording.format(n=number)
        if personal:
            wording += f" {world.short_names[council_id]}"
    else:
        council_id = rng.randint(1, COUNCILS)
        person_id = rng.choice(world.members[council_id])
    return Request(label, wording, person_id, None if personal else council_id)


def _open_action_to_close(world: World, rng: random.Random) -> tuple[int, int, int]:
    """An open action a random member owns by name; taken, so no action is closed twice."""
    while True:
        council_id = rng.randint(1, COUNCILS)
        person_id = rng.choice(world.members[council_id])
        numbers = world.owned_open.get((council_id, person_id))
        if numbers:
            return council_id, person_id, numbers.pop(rng.randrange(len(numbers)))


def activity(request: Request, world: World, service_url: str, serial: int) -> dict[str, Any]:
    """The message activity Teams would POST: a channel @mention or a 1:1 chat."""
    aad = aad_of(request.person_id)
    body: dict[str, Any] = {
        "type": "message",
        "id": str(serial),
        "timestamp": "2025-04-09T08:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {"id": f"29:{aad}", "name": world.names[request.person_id], "aadObjectId": aad},
        "recipient": BOT,
        "locale": "sv-SE",
        "text": request.text,
        "textFormat": "plain",
        "channelData": {"tenant": {"id": TENANT}},
    }
    if request.council_id is None:
        body["conversation"] = {
            "conversationType": "personal",
            "tenantId": TENANT,
            "id": personal_chat_of(request.person_id),
        }
        return body
    channel = channel_of(request.council_id)
    body["text"] = f"<at>Rådsbot</at> {request.text}"
    body["entities"] = [{"type": "mention", "text": "<at>Rådsbot</at>", "mentioned": BOT}]
    body["conversation"] = {
        "isGroup": True,
        "conversationType": "channel",
        "tenantId": TENANT,
        "id": f"{channel};messageid={serial}",
    }
    body["channelData"].update(
        {
            "team": {"id": "19:bench-team@thread.tacv2", "name": f"SR{request.council_id}"},
            "channel": {"id": channel, "name": "Allmänt"},
            "teamsChannelId": channel,
        }
    )
    return body


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with ``share`` of all at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]
