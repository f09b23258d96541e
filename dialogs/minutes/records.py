"""Action items written as labelled fields, however they are laid out.

* on lines of their own: "Vad: Boka lokal" / "Vem: Hanna" / "När: v 12";
* on one line, between pipes, semicolons, tabs or full stops: "Owner: Hanna | Task: boka
  lokal | Due: 15/4", "Uppgift: boka lokal. Ansvarig: Hanna. Klart: 15 april";
* after the task they belong to: "Boka lokal – Ansvarig: Hanna, klart: 2027-04-15".

A record is a task with its owner field (an empty owner makes the item doubtful) and, when
given, its deadline. A field written again starts the next record; a line that is no field
ends one. Fields alone make no record: "Ansvarig: Hanna" under a sentence and "Åtgärd: Hanna
bokar lokal" are read elsewhere (``actions``, ``notes``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from dialogs.minutes.markers import BULLETS
from dialogs.text.folding import fold

#: The words (folded) that head a column of an action table or label a field of a record:
#: the task, the owner and the deadline.
TASK_WORDS = frozenset(
    "vad atgard atgarder uppgift aktivitet uppdrag action actions task what beskrivning".split()
)
OWNER_WORDS = frozenset("vem ansvarig ansvariga ansvar who owner owners responsible".split())
DUE_WORDS = frozenset(
    "nar klart deadline senast tidplan datum when due tid".split() + ["klart senast", "klart till"]
)
#: Heads of a table column that as a label before a colon mean something else ("Tid: 13.00",
#: "Datum: 2027-03-09", "Uppdrag: …" of a whole item); "Tidplan: klart våren 2027" is a
#: deadline.
_NOT_LABELS = frozenset({"tid", "datum", "uppdrag", "atgarder", "actions"})
_KINDS: dict[str, str] = {
    word: kind
    for kind, words in (("task", TASK_WORDS), ("owner", OWNER_WORDS), ("due", DUE_WORDS))
    for word in words
    if word not in _NOT_LABELS
}
_LABEL = re.compile(
    r"(?<![\w-])(?P<label>klart\s+senast|klart\s+till|[a-zåäö]+)\s*:(?!\d)", re.IGNORECASE
)
_SEPARATORS = " \t|;,.–—-"
_BULLET = re.compile(rf"^\s*(?:[{BULLETS}]+|\d{{1,2}}\s*[.)])\s*")


_OWNER_THEN_TASK = re.compile(r"^(?P<owner>[^–—]+?)\s+[–—-]\s+(?P<task>[a-zåäö].+)$")


@dataclass(frozen=True)
class Record:
    """One action item of labelled fields, as written, and the lines it was read from."""

    task: str
    owner: str
    due: str
    lines: tuple[str, ...]

    @cached_property
    def folded_lines(self) -> tuple[str, ...]:
        """Its lines folded once, for ``covers`` (asked for every sentence of the minutes)."""
        return tuple(" ".join(fold(line).split()) for line in self.lines)


def _fields(line: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first field label, and the (kind, value) of each field."""
    text = _BULLET.sub("", line)
    labels = [m for m in _LABEL.finditer(text) if fold(" ".join(m["label"].split())) in _KINDS]
    if not labels:
        return text.strip(), []
    fields = []
    for k, match in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        kind = _KINDS[fold(" ".join(match["label"].split()))]
        fields.append((kind, text[match.end() : stop].strip(_SEPARATORS + " ")))
    return text[: labels[0].start()].strip(_SEPARATORS), fields


def find_records(lines: Sequence[str]) -> list[Record]:
    """The records of labelled fields in the minutes' plain lines, in order."""
    records: list[Record] = []
    current: dict[str, str] = {}
    used: list[str] = []

    def close() -> None:
        owner = current.get("owner", "")
        if "task" not in current and (split := _OWNER_THEN_TASK.match(owner)):
            # "Ansvar: Karin Ek – sammanställa svaren, v 12": the owner, then the task
            current["owner"], current["task"] = split["owner"], split["task"]
        if "task" in current and "owner" in current and current["task"]:
            records.append(
                Record(current["task"], current["owner"], current.get("due", ""), tuple(used))
            )
        current.clear()
        used.clear()

    for line in lines:
        lead, fields = _fields(line)
        kinds = [kind for kind, _ in fields]
        if lead and fields and "task" not in kinds and "owner" in kinds:
            close()  # "Boka lokal – Ansvarig: Hanna, klart: 15/4": the task comes first
            fields.insert(0, ("task", lead))
        elif lead or not fields:
            close()
            continue
        for kind, value in fields:
            if kind in current:
                close()
            current[kind] = value
        used.append(line)
    close()
    return records


def covers(records: Sequence[Record], text: str) -> bool:
    """Whether ``text`` (an item, a sentence) was written inside one of the records."""
    said = " ".join(fold(text).split()).strip(" .")
    return bool(said) and any(said in line for record in records for line in record.folded_lines)
