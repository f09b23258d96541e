"""How well the bot reads real minutes: people, meetings, action items and decisions (issue 13).

Run from the repository root:

    .venv/bin/python bench/bench_minutes.py            # measure and print; always exits 0
    .venv/bin/python bench/bench_minutes.py --check    # exit 1 below the issue's goals
    .venv/bin/python bench/bench_minutes.py -v         # also list what was missed or wrong

Every document of ``tests/minutes/corpus`` (plain text; Teams HTML as a pasted message
arrives; a Word file read with python-docx) is given to the real app the way a secretary
would: the real ``bot.app.create_app`` on a random localhost port with a fake Bot Connector
and a fresh SQLite file, one council per document in its own channel, then
``members add`` + the whole document and ``notes`` + the whole document. What the bot
understood is read back from its own store: the roster of the council, and the previewed
meeting, action and decision drafts the ``notes`` question keeps. The app's clock is the day after the
minutes' meeting, as when a secretary pastes them the next morning.

The four ``read_*`` functions are the adapter to today's readers; point them at the new
reader API when it arrives. ``score_document`` compares a :class:`Reading` with the
document's hand-written key by the conventions of ``tests/minutes/corpus/README.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine  # noqa: E402

from bot.app import ENGINE  # noqa: E402
from dialogs.commands.notes import NOTES, DecisionProposal, NotesDraft  # noqa: E402
from dialogs.dates.workdays import last_working_day_of_week  # noqa: E402
from dialogs.dates.writing import STOCKHOLM  # noqa: E402
from dialogs.drafts.actions import UNRESOLVED, ActionProposal, OwnerKind  # noqa: E402
from dialogs.drafts.meetings import MeetingProposal  # noqa: E402
from dialogs.text.folding import name_key  # noqa: E402
from store.db import open_engine  # noqa: E402
from store.migrate import upgrade_to_head  # noqa: E402
from store.models import Council, Membership, PendingPrompt, Person  # noqa: E402
from tests.fakes.connector import FakeConnector  # noqa: E402
from tests.fakes.teams import TeamsChat  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "minutes" / "corpus"
#: Who pastes the minutes: a name no document uses, and no word a document uses either
#: ("Sekreterare:" would otherwise name her), left out of the people read.
SECRETARY = "Bänk Testsson"
#: The goals of issue 13, as shares.
GOALS = {"people": 0.98, "meetings": 1.0, "recall": 0.90, "precision": 0.85}


# --- what a reader understood -------------------------------------------------------------


@dataclass(frozen=True)
class ReadPerson:
    name: str
    roles: frozenset[str]


@dataclass(frozen=True)
class ReadMeeting:
    day: date
    start: str | None  # "HH:MM" local, None when no time was read
    #: the minutes' own meeting (the key's "meeting"), not a coming one (its "meetings")
    own: bool = False


@dataclass(frozen=True)
class ReadAction:
    #: full names of members, "alla", or a group as written (compared folded)
    owners: frozenset[str]
    task: str
    deadline: date | None
    #: one set of candidate names per owner the reader asks about instead of choosing
    asked: tuple[frozenset[str], ...] = ()
    #: listed apart ("Kanske åtgärder"), not saved as certain
    doubtful: bool = False


@dataclass(frozen=True)
class Reading:
    people: tuple[ReadPerson, ...] = ()
    meetings: tuple[ReadMeeting, ...] = ()
    actions: tuple[ReadAction, ...] = ()
    decisions: tuple[str, ...] = ()


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Score:
    """Counts for one document (or summed over all); shares are computed from them."""

    people_right: int = 0
    people_total: int = 0  # key people + people read that are none of them
    not_people_made: int = 0
    meetings_right: int = 0
    meetings_total: int = 0  # key meetings + meetings read that are none of them
    actions_right: int = 0
    actions_required: int = 0  # key actions that are not doubtful
    actions_counted: int = 0  # actions read that count for precision
    decisions_found: int = 0
    decisions_total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "people_right",
            "people_total",
            "not_people_made",
            "meetings_right",
            "meetings_total",
            "actions_right",
            "actions_required",
            "actions_counted",
            "decisions_found",
            "decisions_total",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def shares(self) -> dict[str, float | None]:
        return {
            "people": _share(self.people_right, self.people_total),
            "meetings": _share(self.meetings_right, self.meetings_total),
            "recall": _share(self.actions_right, self.actions_required),
            "precision": _share(self.actions_right, self.actions_counted),
            "decisions": _share(self.decisions_found, self.decisions_total),
        }


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _names(names: Iterable[str]) -> frozenset[str]:
    return frozenset(name_key(n) for n in names)


def accepted_deadlines(deadline: dict[str, Any] | None) -> frozenset[date | None]:
    """The deadlines a right reading may give for a key's ``deadline`` (README conventions)."""
    if deadline is None:
        return frozenset({None})
    if "rough" in deadline:
        rough = deadline["rough"]
        if "-W" in rough:  # a week: its Sunday, or its last working day (Friday)
            sunday = date.fromisoformat(deadline["latest"])
            return frozenset({sunday, sunday - timedelta(days=2), last_working_day_of_week(sunday)})
        if deadline.get("latest"):
            return frozenset({date.fromisoformat(deadline["latest"])})
        return frozenset({date.fromisoformat(deadline["earliest"])})  # "efter sommaren"
    written = deadline.get("date")  # a date, or the next meeting's (None if none is known)
    return frozenset({date.fromisoformat(written) if written else None})


def _task_fits(task: str, words: Sequence[str]) -> bool:
    folded = task.casefold()
    return all(word.casefold() in folded for word in words)


def action_right(read: ReadAction, key: dict[str, Any]) -> bool:
    """Owners (and what is asked) as sets, the deadline and every task word."""
    asked_key = frozenset(_names(group) for group in key.get("owners_ambiguous", []))
    return (
        _names(read.owners) == _names(key["owners"])
        and frozenset(_names(group) for group in read.asked) == asked_key
        and len(read.asked) == len(asked_key)
        and read.deadline in accepted_deadlines(key["deadline"])
        and _task_fits(read.task, key["task_words"])
    )


def score_document(reading: Reading, key: dict[str, Any]) -> Score:
    score = Score()
    _score_people(reading, key, score)
    _score_meetings(reading, key, score)
    _score_actions(reading, key, score)
    _score_decisions(reading, key, score)
    return score


def _score_people(reading: Reading, key: dict[str, Any], score: Score) -> None:
    wanted = {name_key(p["name"]): frozenset(p["roles"]) for p in key["people"]}
    not_people = {name_key(n) for n in key.get("not_people", [])}
    read_names = set()
    for person in reading.people:
        folded = name_key(person.name)
        read_names.add(folded)
        if folded not in wanted:
            score.people_total += 1
            score.misses.append(f"person not in the key: {person.name!r}")
            score.not_people_made += folded in not_people
        elif wanted[folded] == person.roles:
            score.people_right += 1
        else:
            score.misses.append(f"roles of {person.name}: {sorted(person.roles)}")
    score.people_total += len(wanted)
    score.misses += [
        f"person missing: {p['name']}"
        for p in key["people"]
        if name_key(p["name"]) not in read_names
    ]


def _score_meetings(reading: Reading, key: dict[str, Any], score: Score) -> None:
    """The minutes' own meeting and the coming ones, each right by day and start time."""
    own = key["meeting"]
    wanted = {(False, date.fromisoformat(m["date"]), m["start"]) for m in key["meetings"]}
    wanted.add((True, date.fromisoformat(own["date"]), own["start"]))
    read = {(m.own, m.day, m.start) for m in reading.meetings}
    score.meetings_right += len(wanted & read)
    score.meetings_total += len(wanted | read)

    def shown(found: set[tuple[bool, date, str | None]]) -> list[str]:
        return [f"{'own ' if o else ''}{d} {s or ''}" for o, d, s in sorted(found, key=str)]

    score.misses += [f"meeting missing: {m}" for m in shown(wanted - read)]
    score.misses += [f"meeting not in the key: {m}" for m in shown(read - wanted)]


def _score_actions(reading: Reading, key: dict[str, Any], score: Score) -> None:
    """Each key action is matched once; doubtful key items count for neither side."""
    required = [a for a in key["actions"] if not a.get("doubtful")]
    doubtful = [a for a in key["actions"] if a.get("doubtful")]
    matched: set[int] = set()
    score.actions_required += len(required)
    for action in reading.actions:
        hit = next(
            (i for i, k in enumerate(required) if i not in matched and action_right(action, k)),
            None,
        )
        if hit is not None:
            matched.add(hit)
            score.actions_right += 1
            score.actions_counted += 1
            continue
        like = next((k for k in doubtful if _task_fits(action.task, k["task_words"])), None)
        # A doubtful item listed apart, or left as the key has it, is neither right nor wrong;
        # saving an ownerless one as certain with an owner the minutes never gave is wrong.
        if like is not None and (action.doubtful or like["owners"] or not action.owners):
            continue
        if action.doubtful:
            continue  # offered apart, not saved: costs the secretary a glance, not a wrong row
        score.actions_counted += 1
        score.misses.append(f"action wrong: {_describe(action)}")
    for i, k in enumerate(required):
        if i not in matched:
            score.misses.append(f"action missed: {k['task']}")


def _describe(action: ReadAction) -> str:
    owners = ", ".join(sorted(action.owners)) or "-"
    asked = "".join(f" ({' / '.join(sorted(group))}?)" for group in action.asked)
    return f"{owners}{asked}: {action.task[:60]} [{action.deadline or 'ingen'}]"


def _score_decisions(reading: Reading, key: dict[str, Any], score: Score) -> None:
    score.decisions_total += len(key["decisions"])
    for decision in key["decisions"]:
        if any(_task_fits(text, decision["text_words"]) for text in reading.decisions):
            score.decisions_found += 1
        else:
            score.misses.append(f"decision missed: {' '.join(decision['text_words'])}")


# --- documents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    path: Path
    text: str  # as the message carries it: plain text, or Teams HTML
    key: dict[str, Any]

    @property
    def is_html(self) -> bool:
        return self.path.suffix == ".html"


def docx_text(path: Path) -> str:
    """A Word file as a pasted message: paragraphs as lines, each table row a line of
    tab-separated cells, in document order."""
    import docx  # python-docx; imported here so the scorer needs nothing more
    from docx.table import Table

    lines: list[str] = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def load_corpus(corpus: Path = CORPUS) -> list[Document]:
    documents = []
    for key_path in sorted(corpus.glob("*.key.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        path = corpus / key["document"]
        text = docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8")
        documents.append(Document(path, text, key))
    return documents


# --- the adapter to today's readers ---------------------------------------------------------


class Secretary:
    """Speaks to the running app as a council's secretary would, in one channel per document."""

    def __init__(self, chat: TeamsChat, engine: AsyncEngine) -> None:
        self.chat, self.engine = chat, engine
        self.channels: dict[int, str] = {}  # council id -> its channel

    async def say(self, document: Document, channel: str, command: str, body: str = "") -> str:
        if not body:
            text = command
        elif document.is_html:
            text = f"{command}<br>{body}"  # the adapter turns the HTML into lines
        else:
            text = f"{command}\n{body}"
        status = await self.chat.post(self.chat.activity(text, user=SECRETARY, channel=channel))
        self.chat.connector.take()
        return str(status)

    async def council_id(self, short: str) -> int:
        async with self.engine.connect() as db:
            return (
                await db.execute(select(Council.id).where(Council.short_name == short))
            ).scalar_one()


async def read_people(secretary: Secretary, council_id: int) -> tuple[ReadPerson, ...]:
    async with secretary.engine.connect() as db:
        rows = await db.execute(
            select(Person.full_name, Membership.role, Membership.other_roles)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.council_id == council_id, Person.full_name != SECRETARY)
        )
        return tuple(
            # Role values are the key's names; the primary role and the others, as a set
            ReadPerson(name, frozenset({str(role), *(others or ())}))
            for name, role, others in rows
        )


async def read_meetings(secretary: Secretary, council_id: int) -> tuple[ReadMeeting, ...]:
    """The meeting lines of the ``notes`` preview: the minutes' own and the coming ones, as
    ``ok`` would save them (a day the council has a meeting on already is not one)."""
    drafts = await _preview_drafts(secretary, council_id)
    return tuple(
        ReadMeeting(d.read.day, d.read.start.isoformat("minutes") if d.read.start else None, d.own)
        for d in drafts
        if isinstance(d, MeetingProposal) and not d.exists
    )


async def _preview_drafts(secretary: Secretary, council_id: int) -> list[NotesDraft]:
    """The drafts of the council's ``notes`` preview, as the bot keeps them for ``ok``."""
    async with secretary.engine.connect() as db:
        rows = await db.execute(
            select(PendingPrompt.payload).where(
                PendingPrompt.kind == "batch.notes",
                PendingPrompt.conversation_id.startswith(secretary.channels[council_id]),
            )
        )
        states = [NOTES.state.validate_python(p["kept"]) for (p,) in rows]
    return [e.draft for state in states for e in state.entries if e.unreadable is None]


async def read_actions(secretary: Secretary, council_id: int) -> tuple[ReadAction, ...]:
    """The drafts of the ``notes`` preview, as the bot keeps them for the secretary's ``ok``."""
    drafts = await _preview_drafts(secretary, council_id)
    return tuple(_action_of(d) for d in drafts if isinstance(d, ActionProposal))


def _action_of(draft: ActionProposal) -> ReadAction:
    owners: set[str] = set()
    asked: list[frozenset[str]] = []
    if draft.for_everyone:
        owners.add("alla")
    for owner in draft.owners:
        if owner.kind == OwnerKind.PERSON:
            owners.add(owner.names[0])
        elif owner.kind in UNRESOLVED:
            asked.append(frozenset(owner.names))
        elif owner.kind != OwnerKind.EVERYONE:
            owners.add(owner.written.casefold())
    due = draft.due.astimezone(STOCKHOLM).date() if draft.due else None
    return ReadAction(frozenset(owners), draft.text, due, tuple(asked), draft.doubtful)


async def read_decisions(secretary: Secretary, council_id: int) -> tuple[str, ...]:
    """The decisions of the ``notes`` preview: the rows ``ok`` writes to the ``decisions``
    table. Read from the preview, as the actions are, since ``ok`` first asks about every
    owner it cannot settle and would save nothing in a bench that does not answer."""
    drafts = await _preview_drafts(secretary, council_id)
    return tuple(
        " ".join(filter(None, (d.section, d.text)))
        for d in drafts
        if isinstance(d, DecisionProposal)
    )


async def read_document(secretary: Secretary, document: Document, number: int) -> Reading:
    """Paste the document as ``members add`` and as ``notes`` in a new council's channel."""
    channel = f"19:bench-minutes-{number}@thread.tacv2"
    short = f"BM{number}"
    await secretary.say(document, channel, f"council create Bänkråd {number} ({short})")
    council_id = await secretary.council_id(short)
    secretary.channels[council_id] = channel
    await secretary.say(document, channel, "members add", document.text)
    await secretary.say(document, channel, "notes", document.text)
    return Reading(
        people=await read_people(secretary, council_id),
        meetings=await read_meetings(secretary, council_id),
        actions=await read_actions(secretary, council_id),
        decisions=await read_decisions(secretary, council_id),
    )


async def read_all(documents: Sequence[Document]) -> list[Reading]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench-minutes.db'}"
        engine = open_engine(url)
        await upgrade_to_head(engine)
        await engine.dispose()
        now = [datetime.now(UTC)]
        connector = FakeConnector()
        await connector.start()
        try:
            async with TeamsChat.running(url, connector, lambda: now[0]) as chat:
                secretary = Secretary(chat, chat.app[ENGINE])
                readings = []
                for number, document in enumerate(documents, start=1):
                    # Pasted the morning after the meeting.
                    held = date.fromisoformat(document.key["meeting"]["date"])
                    morning = datetime.combine(held + timedelta(days=1), datetime.min.time())
                    now[0] = morning.replace(hour=9, tzinfo=STOCKHOLM).astimezone(UTC)
                    readings.append(await read_document(secretary, document, number))
                return readings
        finally:
            await connector.stop()


# --- report ---------------------------------------------------------------------------------

COLUMNS = ("people", "meetings", "recall", "precision", "decisions")


def _cell(share: float | None) -> str:
    return "     -" if share is None else f"{share * 100:5.0f}%"


def report(names: Sequence[str], scores: Sequence[Score], *, verbose: bool) -> Score:
    total = Score()
    width = max(len(n) for n in names)
    print(f"{'document':<{width}}  " + "  ".join(f"{c:>9}" for c in COLUMNS) + "  actions")
    for name, score in zip(names, scores, strict=True):
        total.add(score)
        cells = "  ".join(f"{_cell(score.shares[c]):>9}" for c in COLUMNS)
        counts = f"{score.actions_right}/{score.actions_required} (read {score.actions_counted})"
        print(f"{name:<{width}}  {cells}  {counts}")
        if verbose:
            for miss in score.misses:
                print(f"    {miss}")
    cells = "  ".join(f"{_cell(total.shares[c]):>9}" for c in COLUMNS)
    print("-" * (width + 2 + 11 * len(COLUMNS)))
    print(
        f"{'overall':<{width}}  {cells}  {total.actions_right}/{total.actions_required}"
        f" (read {total.actions_counted})"
    )
    print(
        f"people {total.people_right}/{total.people_total} right ({total.not_people_made} "
        f"headings/organisations made people), meetings {total.meetings_right}/"
        f"{total.meetings_total}, decisions {total.decisions_found}/{total.decisions_total}"
    )
    return total


def below_goals(total: Score) -> list[str]:
    shares = total.shares
    return [
        f"{name} {(shares[name] or 0) * 100:.0f}% < {goal * 100:.0f}%"
        for name, goal in GOALS.items()
        if (shares[name] if shares[name] is not None else 1.0) < goal
    ]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the issue's goals")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--only", help="documents whose name contains this")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="a folder of documents and keys"
    )
    return parser.parse_args()


async def main() -> int:
    args = arguments()
    logging.basicConfig(level=logging.WARNING)
    documents = [d for d in load_corpus(args.corpus) if not args.only or args.only in d.path.name]
    started = time.perf_counter()
    readings = await read_all(documents)
    scores = [score_document(r, d.key) for r, d in zip(readings, documents, strict=True)]
    total = report([d.path.name for d in documents], scores, verbose=args.verbose)
    print(f"{len(documents)} documents in {time.perf_counter() - started:.1f} s")
    missing = below_goals(total)
    if missing:
        print("below the goals of issue 13: " + "; ".join(missing))
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
