"""Action items in minutes of any shape: running prose, "Ansvarig:" lines, arrows, tables.

Lines marked "Action:"/"Åtgärd:" and lists under an action follow-up heading are read by
`dialogs.minutes.notes.extract_action_lines`; the caller passes them as `skip`. This module finds
the rest:

* **Tables** with a task column and an owner column (Vad / Vem / När, Åtgärd / Ansvarig /
  Klart, What / Who / When), as tab-separated rows, HTML ``<table>`` rows or Markdown pipe
  rows. Every row under the header is an item; a row without an owner is doubtful.
* **Arrows**: "Boka lokal → Hanna, 15 april": the task, then owners and deadline.
* **"Ansvarig: NN"** on its own line (or sentence) gives the owners of the sentence before.
* **Prose**, one sentence at a time, the owner anywhere in it:
  - an assignment: "uppdras åt beredningen att …", "Kansliet får i uppdrag att …";
  - a continued dialogue "mellan A, B och C";
  - owners after a modal or action verb: "Till nästa möte ska alla …";
  - owners first, then a future or obligation verb: "Per återkommer …", "Eva och Siv
    bjuder in …", "Respektive huvudman lämnar …". A verb that only reports ("informerade",
    "redogör", "presenterar") makes no action — unless a deadline says it lies ahead.
* **Wishes** without an owner ("Det vore bra om …", "Önskemål om …", "… ska revideras")
  are doubtful: offered apart, saved only when picked.

Where the minutes mark their actions themselves ("Action:" lines or an action list), a
paragraph of running notes is the record of the meeting: only an assignment or a continued
dialogue is read in it (the council's own minutes are full of "Karin undersöker …" that
report), and no ownerless wish anywhere. A sentence on a line of its own with an owner is
read as anywhere else: writers who mark some actions often leave others on lines of their
own ("Eva skickar ut anteckningarna inom en vecka").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial

from dialogs.minutes.deadlines import Deadline, find_deadline
from dialogs.minutes.markers import ACTION_MARKER_WORDS, AFTER_MARKER, BULLETS
from dialogs.minutes.notes import minutes_lines, minutes_rows
from dialogs.minutes.owners import by_initials, is_group, is_named_group, owner_of, owners_of
from dialogs.minutes.records import (
    DUE_WORDS,
    OWNER_WORDS,
    TASK_WORDS,
    Record,
    covers,
    find_records,
)
from dialogs.people.names import EVERYONE_WORDS, Named, NameResolution, split_names
from dialogs.text.folding import fold


@dataclass(frozen=True)
class ActionRead:
    """One action item read from minutes: task, owners and deadline as written."""

    task: str
    owners: tuple[NameResolution, ...]
    deadline: Deadline | None
    doubtful: bool
    source: str  # the sentence, row or lines it was read from


@dataclass(frozen=True)
class _Reading:
    held: datetime
    coming: Sequence[datetime]
    roster: Sequence[Named]
    known_groups: Collection[str]


def read_actions(
    minutes: str,
    *,
    held: datetime,
    coming: Sequence[datetime] = (),
    roster: Sequence[Named] = (),
    known_groups: Collection[str] = (),
    skip: Sequence[str] = (),
) -> list[ActionRead]:
    """Every action item of the minutes not among `skip` (items read elsewhere), in order.

    `held` is the minutes' own date: every relative deadline is read from it; `coming` are
    the coming meetings ("till nästa möte"); `known_groups` the folded names of groups the
    council has had as owners before.
    """
    reading = _Reading(held, coming, roster, known_groups)
    skipped = [_key(s) for s in skip if _key(s)]
    marked = bool(skipped)
    records = find_records(minutes_lines(minutes))
    rows = minutes_rows(_unwrapped(_pipes_as_tabs(minutes)))
    found: list[ActionRead] = []
    index = 0
    last: tuple[str, int | None] | None = None  # the sentence before, and its item if any
    while index < len(rows):
        header = _table_header(rows[index])
        if header is not None:
            index = _read_table(rows, index + 1, header, reading, found)
            last = None
            continue
        for cell in rows[index]:
            for paragraph in cell:
                sentences = _sentences(paragraph)
                # Where the minutes mark their actions, a paragraph of running notes (or a
                # table's notes column) is the record of the meeting; a line of its own may
                # still be an action.
                running = marked and (len(sentences) > 1 or len(rows[index]) > 1)
                for sentence in sentences:
                    if _is_skipped(sentence, skipped) or covers(records, sentence):
                        last = None
                        continue
                    last = _read_sentence(
                        sentence, last, reading, found, running=running, marked=marked
                    )
        index += 1
    return found + [_record_action(record, reading) for record in records]


# --- tables -----------------------------------------------------------------------------------

_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_ALIGNED = re.compile(r"\s{2,}")
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")


def _cut(line: str, columns: list[int]) -> list[str]:
    """A row of a table lined up with spaces, cut where its header's columns start; a long
    cell may run into the next column ("… till kommunerna Ola"): its last word stays its."""
    cuts = [0]
    for start in columns[1:]:
        at = min(start, len(line))
        while 0 < at < len(line) and not line[at - 1].isspace():
            at += 1  # a word across the column's start belongs to the cell it began in
        cuts.append(max(at, cuts[-1]))
    cuts.append(len(line))
    return [line[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]


_INNER_PIPES = re.compile(r"^\s*(.*\S)\s*$")


@dataclass(frozen=True)
class _Header:
    task: int
    owner: int
    due: int | None
    #: a status column ("Klar", "Stängd", "Pågår", "Ny"): a row marked done is no action
    status: int | None = None


def _pipes_as_tabs(minutes: str) -> str:
    """Markdown pipe tables as tab-separated rows, their rule lines dropped; a table whose
    columns are lined up with spaces, from its row of column names to the next blank line,
    as tab-separated rows too."""
    lines = []
    columns: list[int] = []  # where the columns of a table lined up with spaces start
    for line in minutes.split("\n"):
        cells = _ALIGNED.split(line.strip())
        if not line.strip():
            columns = []
        elif columns:
            lines.append("\t".join(_cut(line, columns)))
            continue
        elif len(cells) >= 3 and _table_header([[c] for c in cells]) is not None:
            columns = [m.start() for m in _ALIGNED_CELL.finditer(line)]
            lines.append("\t".join(cells))
            continue
        if _PIPE_RULE.match(line) and "|" in line:
            continue
        row = _PIPE_ROW.match(line)
        if row is None and line.count(" | ") >= 1 and not line.lstrip().startswith("|"):
            row = _INNER_PIPES.match(line)  # "Åtgärd | Ansvarig | Klart", no outer pipes
        lines.append("\t".join(c.strip() for c in row.group(1).split("|")) if row else line)
    return "\n".join(lines)


#: What starts a line of its own, never the rest of the line before: a bullet, a number,
#: markup, a table row, or an item's heading ("§ 13 Budget", "Punkt 4", "Ärende 5").
_LINE_START = re.compile(
    rf"^\s*(?:[{BULLETS}]|\d{{1,2}}\s*[.)]\s|<|\||§|(?:punkt|ärende|paragraf)\s+\d)", re.IGNORECASE
)
_DANGLING = frozenset(
    "om for att och med till i pa av vid fran som eller samt infor under efter mellan kring hos"
    " en ett den det de inom utan mot".split()
)


def _unwrapped(minutes: str) -> str:
    """Plain lines the writer's editor wrapped, joined again: a line that ends without a
    full stop goes on in the next when that starts in lower case, or ends on a word no
    sentence ends with ("… skickar dem till" / "Greta senast …")."""
    lines: list[str] = []
    for line in minutes.split("\n"):
        if lines and _continues(lines[-1], line):
            lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines)


def _continues(before: str, line: str) -> bool:
    text, previous = line.strip(), before.strip()
    if not text or not previous or "\t" in line or "\t" in before or _LINE_START.match(line):
        return False
    if previous.endswith((".", "!", "?", ":", ";", ">")):
        return False
    last = fold(previous.split()[-1])
    return text[:1].islower() or last in _DANGLING


def _head_word(cell: list[str]) -> str:
    return fold(" ".join(cell)).strip(" :?*")


def _table_header(row: list[list[str]]) -> _Header | None:
    if len(row) < 2:
        return None
    heads = [_head_word(cell) for cell in row]
    task = next((i for i, h in enumerate(heads) if h in TASK_WORDS), None)
    owner = next((i for i, h in enumerate(heads) if h in OWNER_WORDS), None)
    if task is None or owner is None:
        return None
    due = next((i for i, h in enumerate(heads) if h in DUE_WORDS), None)
    status = next((i for i, h in enumerate(heads) if h in _STATUS_HEADS), None)
    return _Header(task, owner, due, status)


_STATUS_HEADS = frozenset({"status", "lage", "state"})
_DONE = re.compile(r"^(?:klar|klart|stangd|avslutad|avslutat|genomford|avford|done|closed)\b")


def _read_table(
    rows: list[list[list[str]]],
    index: int,
    header: _Header,
    reading: _Reading,
    found: list[ActionRead],
) -> int:
    """The items of a table from row `index` on; the index of the first row after it."""
    while index < len(rows) and len(rows[index]) > 1:
        cells = [" ".join(cell).strip() for cell in rows[index]]
        index += 1

        def cell(column: int | None, cells: list[str] = cells) -> str:
            return cells[column] if column is not None and column < len(cells) else ""

        task = cell(header.task).strip(" .")
        if not task or _DONE.match(fold(cell(header.status))):
            continue
        owners = _table_owners(cell(header.owner), reading)
        deadline = _due(cell(header.due), reading)
        found.append(ActionRead(task, owners, deadline, not owners, " | ".join(cells)))
    return index


def _due(written: str, reading: _Reading) -> Deadline | None:
    """A deadline cell or field: None when empty, an unreadable one when it is no date."""
    written = written.strip()
    if not written:
        return None
    hit = find_deadline(written, held=reading.held, coming=reading.coming)
    return hit.deadline if hit else Deadline(written, None, problem="unreadable")


def _record_action(record: Record, reading: _Reading) -> ActionRead:
    """An item of labelled fields; a deadline written with the owner ("Ansvarig: Tove,
    snarast") or in the task's own words counts when no deadline field is given."""
    names, owner_deadline = _split_deadline(record.owner, reading)
    owners = _table_owners(names.strip(" ,;."), reading)
    task, own_deadline = _split_deadline(record.task, reading)
    deadline = _due(record.due, reading) or owner_deadline or own_deadline
    return ActionRead(_tidy(task), owners, deadline, not owners, " / ".join(record.lines))


_PARENTHESIS = re.compile(r"\([^)]*\)")


def _table_owners(written: str, reading: _Reading) -> tuple[NameResolution, ...]:
    """Everything in an owner cell is meant as an owner; what fits nobody is asked about."""
    written = _PARENTHESIS.sub(" ", written).strip(" .-–")
    if not written:
        return ()
    whole = owners_of(written, reading.roster, reading.known_groups)
    if whole is not None and not any(by_initials(owner.written, reading.roster) for owner in whole):
        return whole
    owners = []
    for piece in split_names(written):
        owner = by_initials(piece, reading.roster) or owner_of(
            piece, reading.roster, reading.known_groups
        )
        owners.append(owner or NameResolution(piece, "unknown"))
    return tuple(owners)


# --- sentences -------------------------------------------------------------------------------

#: A sentence ends before a capital, but not before a deadline field of the same item
#: ("Ansvarig: Ola. Klart: 15/4") nor after "ansv." ("(ansv. AKÖ)").
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!ansv\.)(?<!resp\.)\s+(?=[\"“(]?[A-ZÅÄÖ])(?!(?i:klart|senast|deadline|due)\s*:)"
)
_LEAD = re.compile(
    rf"^(?:[{BULLETS}]+\s*|\d{{1,2}}\s*[.)]\s+)?(?:\[\s\]\s*)?(?:(?:obs|nb|ps)\s*[!:.]\s*)?"
    r"(?:(?:beslut|decision|förslag till beslut|uppföljning|uppdrag)\s*:\s*)?",
    re.IGNORECASE,
)
#: A ticked item of a checklist ("- [x] Dela bilderna – klart"): done, no action.
_TICKED = re.compile(rf"^\s*(?:[{BULLETS}]+\s*)?\[[xX✓✔]\]")
_LIST_ITEM = re.compile(rf"^\s*(?:[{BULLETS}]|\d{{1,2}}\s*[.)]|\[\s?\])")
_THANKS = re.compile(r"\b(?:tack|thanks|thank\s+you|grattis)\b", re.IGNORECASE)
#: "@Sara-Li", "@Pedro + @Fredrik": people named as in a chat.
_MENTION = re.compile(r"@(?P<name>[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?)")
_MARKER = re.compile(rf"(?<![\w-]){ACTION_MARKER_WORDS}{AFTER_MARKER}", re.IGNORECASE)
_RESPONSIBLE = re.compile(
    r"^(?i:ansvarig[a]?|ansvar|responsible|owner)(?:\s*:\s*|\s+(?=[A-ZÅÄÖ][\w-]*"
    r"(?:\s+[A-ZÅÄÖ][\w-]*)?(?:\s*,|\.?\s*$)))(?P<rest>.+)$"
)
_RESPONSIBLE_INSIDE = re.compile(
    r"[,;(]?\s*\b(?:(?i:ansv\.?|ansvarig[a]?|responsible)\s*:\s*|(?i:ansv\.)\s*"
    r"|(?i:ansvarig[a]?)\s+(?=[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)?(?:\s*[,)]|\.?\s*$)))"
    r"(?P<rest>[^.;)]+)\)?\.?\s*$"
)
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒)\s*")


def _sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _key(text: str) -> str:
    return " ".join(fold(_LEAD.sub("", text)).replace(":", " ").split()).strip(" .")


def _is_skipped(sentence: str, skipped: Sequence[str]) -> bool:
    if _MARKER.search(sentence):
        return True
    key = _key(sentence)
    return bool(key) and any(key in s or s in key for s in skipped)


def _read_sentence(
    sentence: str,
    last: tuple[str, int | None] | None,
    reading: _Reading,
    found: list[ActionRead],
    *,
    running: bool = False,
    marked: bool = False,
) -> tuple[str, int | None] | None:
    """Read one sentence into `found`; what to remember as the sentence before. In
    ``running`` notes only an assignment or a continued dialogue is an action; in minutes
    that ``marked`` their actions, an ownerless wish is none."""
    if _TICKED.match(sentence):
        return None
    text = _LEAD.sub("", sentence).strip()
    if not text or text.endswith("?"):
        return last
    if (mentioned := _mentioned(text, sentence, reading)) is not None:
        found.append(mentioned)
        return (text, len(found) - 1)
    responsible = _RESPONSIBLE.match(text)
    if responsible:
        if last is not None:
            _responsible_for(last, responsible["rest"], reading, found)
        return None
    inside = _RESPONSIBLE_INSIDE.search(text)
    if inside and inside.start() > 0:
        task = text[: inside.start()].strip(" ,;")
        _responsible_for((task, None), inside["rest"], reading, found)
        return None
    arrow = _ARROW.search(text)
    if arrow and arrow.start() > 0:
        _read_arrow(text[: arrow.start()], text[arrow.end() :], sentence, reading, found)
        return None
    if _REFERS_ON.search(text):
        return (text, None)  # "Marcus sammanställer svaren, se tabellen nedan": read there
    if running:
        action = (
            _assigned(text, sentence, reading, present_only=True)
            or _by_agent(text, sentence, reading)
            or _dialogue(text, sentence, reading)
        )
    else:
        action = _prose_action(text, sentence, reading, marked=marked)
    if action is None:
        return (text, None)
    found.append(action)
    return (text, len(found) - 1)


def _mentioned(text: str, source: str, reading: _Reading) -> ActionRead | None:
    """ "- [ ] Uppdatera guiden — @Sara-Li — by 18/12": an item of a list, its owners
    @mentioned. A mention in a sentence of chat ("Tack @Ola för …") gives no one a task."""
    mentions = list(_MENTION.finditer(text))
    if not mentions or not _LIST_ITEM.match(source) or _THANKS.search(text):
        return None
    written = " och ".join(m["name"] for m in mentions)
    tokens = _tokens(written)
    owners = _owners_at(written, tokens, 0, len(tokens), reading, known_only=True)
    if not owners:
        return None
    rest = _MENTION.sub(" ", text)
    task, deadline = _split_deadline(rest, reading)
    task = re.sub(r"\s*(?:[—–-]\s*)+(?=[—–-]|$)|(?:\s*[—–+&,-]\s*)+$", "", task)
    return ActionRead(_tidy(task), owners, deadline, False, source)


def _split_deadline(text: str, reading: _Reading) -> tuple[str, Deadline | None]:
    """The text without its deadline phrase, and the deadline."""
    hit = find_deadline(text, held=reading.held, coming=reading.coming)
    if hit is None:
        return text, None
    return _tidy(text[: hit.start] + " " + text[hit.end :]), hit.deadline


#: The label of a deadline whose date was taken out ("Ola. Klart:").
_DUE_LABEL_LEFT = re.compile(r"[.,;]?\s*\b(?:klart|senast|deadline|due)\s*:?\s*$", re.I)


def _responsible_for(
    task_sentence: tuple[str, int | None],
    written: str,
    reading: _Reading,
    found: list[ActionRead],
) -> None:
    """ "Ansvarig: NN[, deadline]" for the task sentence before it."""
    names, deadline = _split_deadline(written, reading)
    owners = _table_owners(_DUE_LABEL_LEFT.sub("", names).strip(" ,;."), reading)
    text, index = task_sentence
    task, own_deadline = _split_deadline(text, reading)
    if index is not None:
        before = found[index]
        found[index] = replace(
            before, owners=owners, doubtful=False, deadline=before.deadline or deadline
        )
        return
    found.append(
        ActionRead(_tidy(task), owners, own_deadline or deadline, not owners, f"{text} / {written}")
    )


def _read_arrow(
    left: str, right: str, source: str, reading: _Reading, found: list[ActionRead]
) -> None:
    """ "Boka lokal → Hanna, 15/4"; or the other way, "Hanna → bokar lokal, 15/4", when
    the left side is only people the council knows and the right starts in lower case."""
    tokens = _tokens(left)
    if (
        right[:1].islower()
        and tokens
        and _owner_run(tokens, 0, reading) == len(tokens)
        and (owners := _owners_at(left, tokens, 0, len(tokens), reading, known_only=True))
    ):
        task, deadline = _split_deadline(right, reading)
        found.append(ActionRead(_tidy(task), owners, deadline, False, source))
        return
    names, deadline = _split_deadline(right, reading)
    owners = _table_owners(names.strip(" ,;."), reading)
    found.append(ActionRead(_tidy(left), owners, deadline, not owners, source))


# --- prose -----------------------------------------------------------------------------------

#: Folded present forms of verbs that say something will be done.
_ACTION_VERBS = frozenset(
    """
    aterkommer aterkopplar tar bjuder kontaktar sammanstaller skickar lamnar
    foljer ser undersoker utreder kollar stammer bokar mejlar mailar ringer forankrar kartlagger
    skriver uppdaterar laser reviderar planerar ordnar tittar sonderar forbereder samordnar
    sammankallar paborjar genomfor arrangerar ansvarar formulerar utformar sprider meddelar
    distribuerar bevakar besoker kallar justerar fardigstaller svarar bestaller hor pratar
    fragar fortsatter hamtar fixar satter vidarebefordrar skapar utarbetar levererar skoter
    driver bereder formedlar inventerar utvarderar analyserar skissar fordelar publicerar
    overlamnar tar mejlar kontrollerar stamma undersoker sends will atar
    """.split()
)
#: Modal and future verbs: an obligation or a plan.
_MODALS = frozenset("ska skall kommer bor maste behover".split())
#: Verbs that only report what was said at the meeting, in the present as minutes use it.
_REPORT_VERBS = frozenset(
    """
    informerar berattar presenterar redogor diskuterar konstaterar lyfter visar beskriver
    framfor paminner tackar foredrar rapporterar aterrapporterar redovisar oppnar halsar valkomnar summerar
    sammanfattar understryker betonar poangterar delger beslutar beslöt anser menar
    """.split()
)
_STOP_SUBJECTS = frozenset(
    "vi man det den de dessa detta han hon jag ni denna har nu dar sedan darefter hur vad nar".split()
)
_FUTURE_DIALOGUE = re.compile(
    r"\b(?:fortsatt|fortsatta|fortsätter|ska|skall|kommer\s+att|sker|förs|planeras|inleds|tas)\b",
    re.I,
)
_PAST_DIALOGUE = re.compile(r"\b(?:har\s+förts|fördes|skedde|hölls|har\s+skett|pågick)\b", re.I)
_DIALOGUE = re.compile(
    r"\b(?:dialog|dialogen|samtal|samtalen|kontakt|kontakten|samverkan|diskussion(?:en|er)?|"
    r"avstämning(?:ar)?|samarbete[t]?)\b[^.]*?\bmellan\s+",
    re.IGNORECASE,
)
_ASSIGNED_TO = re.compile(
    r"\b(?:uppdra[rs]?|uppdrag|uppdrog|uppdrogs)\s+(?:åt|till)\s+(?P<o>.+?)\s+att\s+(?P<t>.+)$",
    re.IGNORECASE,
)
_PAST_ASSIGNMENT = re.compile(
    r"\b(?:fick|gavs|har\s+fått|hade\s+fått|uppdrogs|uppdrog|gav)\b", re.I
)
_REFERS_ON = re.compile(r"\bse\s+(?:tabellen|tabell|nedan|ovan|bilaga)\b", re.I)
_GIVEN_TO = re.compile(r"\bge[rs]?\s+(?P<o>.+?)\s+i\s+uppdrag\s+att\s+(?P<t>.+)$", re.IGNORECASE)
_GETS_TASK = re.compile(
    r"^(?P<o>.+?)\s+(?:får|fick|ges|gavs|har\s+fått)\s+(?:i\s+)?uppdrag(?:et)?\s+att\s+(?P<t>.+)$",
    re.IGNORECASE,
)
#: "Kommunerna ombeds att senast 31 augusti rapportera …": asked to, by the meeting.
_ASKED_TO = re.compile(
    r"^(?P<o>.+?)\s+(?:ombeds|uppmanas|anmodas|is\s+asked|are\s+asked)\s+(?:att\s+|to\s+)?(?P<t>.+)$",
    re.IGNORECASE,
)
_WISH = re.compile(
    r"^(?:det\s+(?:vore|är|skulle\s+vara)\s+(?:bra|önskvärt|värdefullt|viktigt)\s+(?:om|att)"
    r"|önskemål\s+(?:om|att|från|finns)|önskvärt|förslag(?:et)?\s+(?:är\s+)?att|"
    r"det\s+(?:behövs|finns\s+behov)|behov\s+(?:av|finns)|vi\s+behöver|man\s+bör)\b"
    r"|\b(?:ska|skall|bör|behöver|måste)\s+(?:\w+\s+)?\w{3,}as\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\wÅÄÖåäöÉéü.'’-]+|[,&+/]")
_CONNECTORS = frozenset({",", "&", "+", "/", "och", "o", "samt", "and"})
_RESPECTIVE = frozenset({"respektive", "resp.", "resp", "varje"})


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return fold(self.text).strip(".")


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(m.group().rstrip("."), m.start(), m.start() + len(m.group().rstrip(".")))
        for m in _WORD.finditer(text)
    ]


def _owner_run(tokens: list[_Token], start: int, reading: _Reading) -> int:
    """Where a run of owner-like words from `start` ends (exclusive)."""
    j = start
    end = start
    while j < len(tokens):
        token = tokens[j]
        word = token.text
        if token.folded in _RESPECTIVE and j + 1 < len(tokens):
            j += 2
            end = j
            continue
        if j + 1 < len(tokens) and f"{token.folded} {tokens[j + 1].folded}" in EVERYONE_WORDS:
            j += 2  # "samtliga ledamöter"
            end = j
            continue
        if token.folded in _CONNECTORS and j > start:
            j += 1
            continue
        if (
            token.folded in EVERYONE_WORDS
            or word[:1].isupper()
            or is_group(word, reading.known_groups)
        ):
            j += 1
            end = j
            continue
        break
    return end


def _owners_at(
    text: str, tokens: list[_Token], start: int, end: int, reading: _Reading, *, known_only: bool
) -> tuple[NameResolution, ...] | None:
    if end <= start:
        return None
    written = text[tokens[start].start : tokens[end - 1].end]
    first = tokens[start].folded
    if first in _STOP_SUBJECTS:
        return None
    owners = owners_of(written, reading.roster, reading.known_groups)
    if owners is None:
        return None
    unknown = [o for o in owners if o.kind == "unknown"]
    if unknown and (known_only or any(len(o.written.split()) > 2 for o in unknown)):
        return None
    return owners


_OWNER_LABEL = re.compile(r"^(?P<o>[^:]{2,60}?)\s*:\s+(?P<t>\S.+)$")


def _labelled(text: str, source: str, reading: _Reading) -> ActionRead | None:
    """ "Alla: läs rapporten före nästa möte", "Eva och Per: ring kommunerna": owners known to
    the council (members, everyone, its groups) before a colon, the task after it."""
    match = _OWNER_LABEL.match(text)
    if match is None:
        return None
    label = match["o"]
    tokens = _tokens(label)
    if not tokens or _owner_run(tokens, 0, reading) != len(tokens):
        return None
    owners = _owners_at(label, tokens, 0, len(tokens), reading, known_only=True)
    if not owners or any(o.kind == "unknown" for o in owners):
        return None
    if any(
        o.kind == "organisation" and not is_named_group(o.written, reading.known_groups)
        for o in owners
    ):
        return None  # "Motion ALS: …", "OBS: …": a heading before a colon, not an owner
    task, deadline = _split_deadline(match["t"], reading)
    task = _tidy(task)
    if len(task.split()) < 2:
        return None
    return ActionRead(task, owners, deadline, False, source)


def _prose_action(
    text: str, source: str, reading: _Reading, *, marked: bool = False
) -> ActionRead | None:
    """An action in a sentence of prose; unless the minutes ``marked`` their actions, also
    an ownerless wish as a doubtful one (and an assignment told in the past as this
    meeting's)."""
    assigned = partial(_assigned, present_only=marked)
    for reader in (_labelled, assigned, _by_agent, _dialogue, _subject_first, _inverted):
        action = reader(text, source, reading)
        if action is not None and len(action.task.split()) >= 2:
            return action
    if not marked and _WISH.search(text) and len(text.split()) >= 4:
        task, deadline = _split_deadline(text, reading)
        return ActionRead(_tidy(task), (), deadline, True, source)
    return None


def _assigned(
    text: str, source: str, reading: _Reading, *, present_only: bool = False
) -> ActionRead | None:
    """ "uppdras åt beredningen att …", "ger kansliet i uppdrag att …", "X får i uppdrag att …".

    With `present_only` (minutes that mark their actions), an assignment told in the past
    ("BSFI har fått i uppdrag att …") is a report of someone else's, not this meeting's."""
    for pattern in (_ASSIGNED_TO, _GIVEN_TO, _GETS_TASK, _ASKED_TO):
        match = pattern.search(text)
        if not match or (present_only and _PAST_ASSIGNMENT.search(match.group())):
            continue
        written = re.sub(r"^(?:att\s+)", "", match["o"], flags=re.IGNORECASE)
        owners = owners_of(written, reading.roster, reading.known_groups)
        if not owners:
            continue
        task, deadline = _split_deadline(match["t"], reading)
        if deadline is None:
            _, deadline = _split_deadline(text[: match.start("t")], reading)
        return ActionRead(_tidy(task), owners, deadline, False, source)
    return None


#: "Frågan om X tas vidare av Eva", "Svaret sammanställs av kansliet, senast fredag": a
#: present passive, a particle, then "av" and who does it.
_BY_AGENT = re.compile(
    r"^(?P<t>.+?\s(?P<v>[a-zåäö]{2,}s)(?:\s+(?:vidare|fram|ut|upp|in|över|om))?)\s+av\s+"
    r"(?P<o>[^,;()]+?)(?P<rest>(?:[,;(]|\s+(?:till|senast|inom|före|innan|under|på|i|v\.?|"
    r"vecka|efter)\b).*)?\.?$"
)
#: Past passives ("presenterades", "togs", "hölls"): a report of what was done.
#: Present passives that give a task ("tas vidare", "bereds", "sammanställs"); a passive of
#: the meeting's own doings ("presenteras", "leds", "justeras", "ges") is a report.
_TASK_PASSIVES = frozenset(
    """
    tas bereds utreds sammanstalls skickas revideras uppdateras kartlaggs bokas samordnas
    foljs undersoks utarbetas planeras genomfors stams ses forankras kontaktas bjuds ordnas
    skrivs formuleras analyseras inventeras utvarderas kollas meddelas aterkopplas
    fardigstalls bestalls sprids distribueras besvaras hanteras drivs
    """.split()
)


#: "Lägesbilden tas fram (Ingrid W) – till nästa möte": a present passive, and who does
#: it in parentheses after it.
_PASSIVE_FOR = re.compile(
    r"^(?P<t>(?:\S+\s+)*?\S+\s(?P<v>[a-zåäö]{2,}s)\b[^()]*?)\s*\((?P<o>[^()]+)\)(?P<rest>.*)$"
)


def _by_agent(text: str, source: str, reading: _Reading) -> ActionRead | None:
    """A task in the passive with whom it falls to: "Frågan tas vidare av Margareta",
    "Rutinen revideras (Amira) – senast 6/11"."""
    by = _BY_AGENT.match(text)
    match = by or _PASSIVE_FOR.match(text)
    if match is None or fold(match["v"]) not in _TASK_PASSIVES:
        return None
    tokens = _tokens(match["o"])
    if not tokens or _owner_run(tokens, 0, reading) != len(tokens):
        return None
    owners = _owners_at(match["o"], tokens, 0, len(tokens), reading, known_only=True)
    if not owners:
        return None
    if by is None and any(
        o.kind == "organisation" and not is_named_group(o.written, reading.known_groups)
        for o in owners
    ):
        return None  # "(TLV)" after a passive names a body, not who does it
    _, deadline = _split_deadline(match["rest"] or "", reading)
    return ActionRead(_tidy(match["t"]), owners, deadline, False, source)


def _dialogue(text: str, source: str, reading: _Reading) -> ActionRead | None:
    """ "Fortsatt dialog sker mellan A, B och C (om …)"."""
    match = _DIALOGUE.search(text)
    if not match or _PAST_DIALOGUE.search(text) or not _FUTURE_DIALOGUE.search(text):
        return None
    tokens = _tokens(text)
    start = next((i for i, t in enumerate(tokens) if t.start >= match.end()), None)
    if start is None:
        return None
    end = _owner_run(tokens, start, reading)
    owners = _owners_at(text, tokens, start, end, reading, known_only=False)
    if not owners:
        return None
    cut_start, cut_end = tokens[start].start, tokens[end - 1].end
    rest = text[:cut_start].rstrip()
    rest = re.sub(r"\s*mellan$", "", rest, flags=re.IGNORECASE) + " " + text[cut_end:]
    task, deadline = _split_deadline(rest, reading)
    return ActionRead(_tidy(task), owners, deadline, False, source)


def _subject_first(text: str, source: str, reading: _Reading) -> ActionRead | None:
    """ "Per återkommer …", "Eva och Siv bjuder in …", "Respektive huvudman lämnar …"."""
    tokens = _tokens(text)
    end = _owner_run(tokens, 0, reading)
    if end == 0 or end >= len(tokens):
        return None
    verb = tokens[end]
    if not _starts_a_task(tokens, end, text, reading):
        return None
    owners = _owners_at(text, tokens, 0, end, reading, known_only=False)
    if not owners:
        return None
    return _from_verb(text, tokens, end, owners, source, reading) if verb else None


def _inverted(text: str, source: str, reading: _Reading) -> ActionRead | None:
    """ "Till nästa möte ska alla …", "Under våren tar kansliet fram …": owners after a verb."""
    tokens = _tokens(text)
    for k in range(1, len(tokens) - 2):
        word = tokens[k].folded
        if word not in _MODALS and word not in _ACTION_VERBS:
            continue
        end = _owner_run(tokens, k + 1, reading)
        if word in _MODALS and end < len(tokens) and not _infinitive_after(tokens, end - 1):
            continue
        if end == k + 1 or end >= len(tokens) or tokens[end].text[:1].isupper():
            continue
        owners = _owners_at(text, tokens, k + 1, end, reading, known_only=True)
        if not owners:
            continue
        # The task: the verb after the owners ("ska alla läsa …"), or the verb before them
        # with its particle ("tar kansliet fram …").
        if word in _MODALS:
            after = end + (1 if tokens[end].folded == "att" else 0)
            task_text = text[tokens[after].start :] if after < len(tokens) else ""
        else:
            task_text = f"{tokens[k].text} {text[tokens[end].start :]}"
        before = text[: tokens[k].start]
        task, deadline = _split_deadline(task_text, reading)
        if deadline is None:
            _, deadline = _split_deadline(before, reading)
        return ActionRead(_tidy(task), owners, deadline, False, source)
    return None


def _infinitive_after(tokens: list[_Token], index: int) -> bool:
    """After a modal: an active infinitive ("ska ta fram", "kommer att skicka", "ska nu
    svara"), not a passive ("ska beredas") or a noun ("behöver stöd")."""
    j = index + 1
    while j < len(tokens) and tokens[j].folded in _ADVERBS:
        j += 1
    if j >= len(tokens):
        return False
    word = tokens[j].folded
    if word == "att":
        return tokens[index].folded in ("kommer", "behover") and _infinitive_after(tokens, j)
    if tokens[j].text[:1].isupper():
        return False
    return word in _SHORT_INFINITIVES or (word.endswith("a") and len(word) > 2)


_ADVERBS = frozenset("nu ocksa aven sjalv sjalva gemensamt darefter sedan vidare da snart".split())
_SHORT_INFINITIVES = frozenset("ta ga se sta ha fa na sla ge bo".split())


def _starts_a_task(tokens: list[_Token], index: int, text: str, reading: _Reading) -> bool:
    verb = tokens[index].folded
    if verb in _MODALS:
        return _infinitive_after(tokens, index)
    following = tokens[index + 1].folded if index + 1 < len(tokens) else ""
    if verb == "tar" and following == "upp":
        verb = "lyfter"  # "tar upp frågan": raises it at the meeting
    if verb in _ACTION_VERBS:
        return True
    has_deadline = find_deadline(text, held=reading.held, coming=reading.coming) is not None
    if verb in _REPORT_VERBS:
        return has_deadline
    return False


def _from_verb(
    text: str,
    tokens: list[_Token],
    index: int,
    owners: tuple[NameResolution, ...],
    source: str,
    reading: _Reading,
) -> ActionRead:
    if tokens[index].folded in _MODALS:
        index += 1
        if index < len(tokens) and tokens[index].folded == "att":
            index += 1
    task, deadline = _split_deadline(text[tokens[min(index, len(tokens) - 1)].start :], reading)
    return ActionRead(_tidy(task), owners, deadline, False, source)


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"^(?:att|och|samt)\s+", "", text, flags=re.IGNORECASE)
    return text.strip(" ,;:-–").rstrip(".").strip()
