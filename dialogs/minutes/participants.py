"""Reading the participant list of minutes, whatever its shape.

Shapes read (issue 13, point 1):

- ``Name, *role*`` lines; ``Name<TAB>title, organisation, role`` columns; ``Name – org``,
  ``Name (org)``, ``Name, org``; Markdown pipe tables (``| Eva Lind | Borås Stad | ordf |``)
  and Teams' HTML tables (``dialogs.text.html`` makes their cells tab-separated).
- Several people on one line, in cells split by a tab or three or more spaces; a cell that
  is no name belongs to the person before it on the line (their title, organisation, role,
  attendance mark or note).
- Headings: a known section word (``sections``), or a line with no person's name in it that
  names an organisation or place (``organisations``) or that people follow. A heading, an
  organisation or a place is never a person.
- Roles after a comma, in parentheses or as a trailing lower-case word ("Per Ek
  ordförande"), also combined ("ordförande och sekreterare"): a person may hold several.
- E-mail addresses are taken out of the text as the person's e-mail (``addresses``).

Every non-blank line is either a person's, a heading, or listed as not understood with why:
nothing is dropped silently (a Markdown table's ``|---|`` rule is formatting, not a line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from dialogs.minutes.markers import BULLETS
from dialogs.minutes.organisations import looks_like_organisation
from dialogs.minutes.person_names import (
    is_capitalised_word,
    is_first_name,
    is_person_name,
    is_title,
    split_title,
)
from dialogs.minutes.sections import Section, read_section
from dialogs.people.addresses import take_addresses
from dialogs.people.roles import read_roles
from dialogs.text.folding import fold, name_key
from store.models import Role


@dataclass(frozen=True)
class Participant:
    name: str
    roles: tuple[Role, ...]
    organisation: str | None = None
    title: str | None = None
    note: str | None = None
    absent: bool = False
    email: str | None = None
    #: the line of the paste it was read from, counting from 1
    line: int = 0
    #: the roles were written with the name (not only given by the section it stands in)
    roles_stated: bool = True


@dataclass(frozen=True)
class Heading:
    line: int
    text: str
    #: a table's row of column names with a name column: a participant list starts here
    list_start: bool = False


@dataclass(frozen=True)
class NotUnderstood:
    line: int
    text: str
    #: why, as a key: ``no_name`` (no person's name in it), ``no_letters``
    why: str


@dataclass(frozen=True)
class ParticipantReading:
    people: tuple[Participant, ...] = ()
    not_understood: tuple[NotUnderstood, ...] = ()
    headings: tuple[Heading, ...] = ()


#: Role words with a qualifier the roster has no role for: the role, and the word kept as a note.
_NOTE_ROLES: dict[str, tuple[Role, str]] = {
    "tjanstgorande ersattare": (Role.SUBSTITUTE, "tjänstgörande"),
    "ej tjanstgorande ersattare": (Role.SUBSTITUTE, "ej tjänstgörande"),
}
#: Attendance marks in a cell of their own: a note, never a name.
_MARK = re.compile(r"^(?:x|✓|✔|☑|ja|nej|-)$", re.IGNORECASE)
_ABSENT_WORDS = frozenset({"franvarande", "anmalt forhinder", "forhinder", "absent"})
_CELLS = re.compile(r"\t| {3,}|\s*(?:\.{4,}|…{2,})\s*")
_DASH = re.compile(r"\s+[–—-]\s+")
_PARENS = re.compile(r"\(([^()]*)\)")
#: A bullet, a number, or an attendance mark before the name ("x  Camilla Edlund").
_BULLET = re.compile(rf"^(?:[{BULLETS}]\s+|\d{{1,3}}[.)]\s+|[xX✓✔]\s+(?=[A-ZÅÄÖ]))")
_RULE = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")
_COLUMN_WORDS = frozenset(
    "namn name organisation org roll role titel title befattning funktion e-post epost email "
    "mail narvaro kommentar anmarkning uppdrag verksamhet forvaltning".split()
)
_STRIP = " *_/;:|"
#: "Närvarande: Anna Ek, Bo Ek", "Ordförande: Per Ek": a label, a colon and people.
_LABEL = re.compile(r"^[*_]*(?P<label>[^:\t,()]{3,40}?)[*_]*\s*:[*_]*\s+(?P<rest>\S.*)$")
#: Words that make a label an agenda line about a body, not the body itself.
_NOT_AN_ORGANISATION = re.compile(
    r"\b(?:från|om|för|rapport|info|information|återrapport|lägesrapport|rapporter)\b",
    re.IGNORECASE,
)
#: A line about the meeting itself: its place, time or date.
_META_LINE = re.compile(
    r"^\s*[*_]*(?:plats|lokal|tid|datum|date|time|location|place|venue|kl)[*_]*\s*:", re.IGNORECASE
)
#: A second label on the line of a first: "Närv: Anna Ek, Bo Ek. Frånv: Cia Ek" (also in
#: lower case, "med: …. borta: …", when the label is a heading of the list).
_LABELS_ON_ONE_LINE = re.compile(r"(?<=[.;])\s+(?=(?P<label>[\wåäöÅÄÖ][\wåäö. ]{1,30}):\s)")


#: Who was there, said in a sentence: "Vid mötet deltog A och B från X, …", "Sekreterare var
#: C.", "Anmält förhinder hade D." — read as the labelled lists they are.
_PROSE_LEADS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?:^|(?<=[.!]\s))(?:{lead})\s+", re.IGNORECASE), label)
    for lead, label in (
        (
            r"vid\s+mötet\s+deltog|på\s+mötet\s+deltog|i\s+mötet\s+deltog|närvarande\s+var"
            r"|deltagare\s+var|mötet\s+bevistades\s+av",
            "Närvarande: ",
        ),
        (r"sekreterare\s+var", "Sekreterare: "),
        (r"ordförande\s+var", "Ordförande: "),
        (r"anmält\s+förhinder\s+hade|förhinder\s+hade|frånvarande\s+var", "Anmält förhinder: "),
    )
)


def _prose_as_labels(raw: str) -> str:
    """The sentences as labelled lists, each sentence ending its list ("Närvarande var A och
    B. C deltog via Teams." lists A and B only)."""
    changed = raw
    for lead, label in _PROSE_LEADS:
        changed = lead.sub(label, changed)
    if changed == raw:
        return raw
    return "\n".join(_SENTENCE.split(changed))


_SENTENCE = re.compile(r"(?<=[.!])\s+(?=[A-ZÅÄÖ])")


def _one_label_each(raw: str) -> list[str]:
    """The line, or its parts when it holds more than one label ("Närv: … . Frånv: …")."""
    prose = _prose_as_labels(raw)
    if prose != raw:
        return [part for sentence in prose.split("\n") for part in _one_label_each(sentence)]
    cuts = [
        m.start()
        for m in _LABELS_ON_ONE_LINE.finditer(raw)
        if m["label"][:1].isupper() or read_section(m["label"]) is not None
    ]
    if not cuts:
        return [raw]
    parts = [raw[start:stop] for start, stop in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
    return [part.strip().rstrip(" .;") for part in parts]


#: Commas, semicolons and "och" between people, outside parentheses.
_LIST_SPLIT = re.compile(
    r"\s*[,;]\s*(?:(?:och|samt|and)\s+)?(?![^()]*\))|\s+(?:och|samt|and|&)\s+(?![^()]*\))"
)


@dataclass
class _Draft:
    """A person while their line is read (mutable; frozen into a ``Participant`` at the end)."""

    name: str
    line: int
    roles: list[Role] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    organisation: str | None = None
    title: str | None = None
    absent: bool = False
    email: str | None = None
    #: the cell of the line it stands in: under a heading line of two sections
    #: ("Närvarande<TAB>Frånvarande") each column has its own
    column: int = 0

    def annotate(self, part: str) -> None:
        """Read one comma-part, parenthesis or cell after the name."""
        part = part.strip(_STRIP + " \t")
        if not part:
            return
        folded = fold(part.strip("."))
        if (roles := read_roles(part)) is not None:
            self.roles.extend(roles)
        elif (mixed := _roles_among(part)) is not None:
            roles, rest = mixed
            self.roles.extend(roles)
            self.notes.append(rest)
        elif folded in _NOTE_ROLES:
            role, note = _NOTE_ROLES[folded]
            self.roles.append(role)
            self.notes.append(note)
        elif folded in _ABSENT_WORDS:
            self.absent = True
        elif _MARK.match(part):
            self.notes.append(part)
        elif self.title is None and is_title(part):
            self.title = part
        elif self.organisation is None and (
            looks_like_organisation(part) or _capitalised_words(part)
        ):
            self.organisation = part
        else:
            self.notes.append(part)

    def done(self, section: Section) -> Participant:
        roles = tuple(dict.fromkeys(self.roles)) or (section.role,)
        notes = list(dict.fromkeys(self.notes))
        if section.note and section.note not in notes:
            notes.insert(0, section.note)
        return Participant(
            name=self.name,
            roles=roles,
            organisation=self.organisation,
            title=self.title,
            note=", ".join(notes) or None,
            absent=self.absent or section.absent,
            email=self.email,
            line=self.line,
            roles_stated=bool(self.roles) or section.role not in _PLAIN_SECTION_ROLES,
        )


#: "ersättare för Ove Nord", "project lead / koordinator": a role with words of one's own.
_ROLE_FOR = re.compile(r"^(?P<role>[^,]+?)\s+(?:för|for|i stället för)\s+(?P<whom>\S.*)$", re.I)
_ROLE_PARTS = re.compile(r"\s*/\s*|\s+(?:och|and|samt|&)\s+", re.IGNORECASE)


def _roles_among(part: str) -> tuple[tuple[Role, ...], str] | None:
    """The roles in a part that says more than roles ("ersättare för Ove Nord", "project
    lead / koordinator"), and the rest as a note; None when it names no role."""
    standing_in = _ROLE_FOR.match(part)
    if (
        standing_in
        and (roles := read_roles(standing_in["role"])) is not None
        and set(roles) <= {Role.SUBSTITUTE}
    ):
        return roles, part  # "ersättare för Ove Nord" (a "sekreterare för arbetsgruppen" is not
        # this council's secretary)
    words = part.split()
    if len(words) > 1 and (roles := read_roles(words[0])) is not None and words[1][:1].isupper():
        return roles, part  # "processledare Nära vård" ("ordförande socialnämnden": not ours)
    pieces = [piece for piece in _ROLE_PARTS.split(part) if piece.strip()]
    if len(pieces) < 2:
        return None
    found = [(piece, read_roles(piece)) for piece in pieces]
    roles = tuple(role for _, named in found if named for role in named)
    if not roles:
        return None
    return roles, " / ".join(piece for piece, named in found if named is None)


#: The roles a plain section gives everyone under it: named again there, someone read
#: before keeps their roles.
_PLAIN_SECTION_ROLES = frozenset({Role.MEMBER, Role.GUEST})


def _capitalised_words(text: str) -> bool:
    """One to four words, the first capitalised, no digits: "Borås", "Region Halland"."""
    words = text.split()
    return 1 <= len(words) <= 4 and words[0][:1].isupper() and not any(c.isdigit() for c in text)


def _person(cell: str, line: int) -> _Draft | None:
    """The person a cell starts with (their name and what is written with it), else None."""
    text = _BULLET.sub("", cell.strip()).strip()
    text, _, from_organisation = text.partition(" från ")  # "Samir Malik från Enköpings kommun"
    asides = [inner for inner in _PARENS.findall(text)]
    text = _PARENS.sub(" ", text)
    head, *rest = _DASH.split(text, maxsplit=1)
    name, *parts = (part.strip(_STRIP) for part in head.split(","))
    title, name = split_title(" ".join(name.split()))
    leading, name = _leading_roles(name)
    name, trailing, trailing_note = _trailing_roles(name)
    if not is_person_name(name):
        return None
    draft = _Draft(name=name, line=line, title=title)
    draft.organisation = from_organisation.strip(_STRIP + " .") or None
    draft.roles.extend((*leading, *trailing))
    draft.notes.extend([trailing_note] if trailing_note else [])
    if rest:  # "Name – organisation, role", "Name – organisation – ordf."
        dashed = _DASH.split(rest[0])
        first, *more = dashed[0].split(",")
        more += dashed[1:]
        if read_roles(first) is not None:
            parts = [first, *more, *parts]  # "Name (organisation) – ordförande"
        else:
            draft.organisation = first.strip(_STRIP) or None
            parts = more + parts
    for part in [*parts, *(piece for aside in asides for piece in aside.split(","))]:
        draft.annotate(part)
    return draft


#: A role written before the name: "Ordf. Margareta Ehn", "Sekreterare Eva Lind".
_LEADING_ROLE = re.compile(r"^(?P<role>(?:vice\s+|v\.?\s*)?[a-zåäö]+\.?)\s+(?=\S)", re.IGNORECASE)


def _leading_roles(name: str) -> tuple[tuple[Role, ...], str]:
    """ "Ordf. Margareta Ehn" → ((chair,), "Margareta Ehn"): a role word before two words."""
    match = _LEADING_ROLE.match(name)
    if match is None or len(name[match.end() :].split()) < 2:
        return (), name
    roles = read_roles(match["role"])
    return (roles, name[match.end() :]) if roles is not None else ((), name)


def _trailing_roles(name: str) -> tuple[str, tuple[Role, ...], str | None]:
    """ "Per Ek ordförande" → ("Per Ek", (chair,), None): a lower-case role word after two
    words (with the note of a role the roster has not, as "ersättare")."""
    words = name.split()
    for size in (3, 2, 1):
        if len(words) - size < 2:
            continue
        tail = " ".join(words[-size:])
        if not tail[:1].islower():
            continue
        if (roles := read_roles(tail)) is not None:
            return " ".join(words[:-size]), roles, None
        if fold(tail) in _NOTE_ROLES:
            role, note = _NOTE_ROLES[fold(tail)]
            return " ".join(words[:-size]), (role,), note
    return name, (), None


def _cells(raw: str) -> tuple[list[str], bool]:
    """The cells of a line, and whether it is a Markdown table row."""
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return [cell.strip() for cell in stripped.strip("|").split("|")], True
    return [cell.strip() for cell in _CELLS.split(stripped)], False


def _heading_like(text: str) -> bool:
    """A short capitalised line without digits or a sentence's end: may be a group heading."""
    text = text.strip("*_#: ")
    words = text.split()
    return (
        1 <= len(words) <= 5
        and text[:1].isupper()
        and not any(c.isdigit() for c in text)
        and not text.endswith((".", "?", "!"))
        and not any(c in text for c in ",;()@")
    )


@dataclass
class _Line:
    number: int
    cells: list[str]
    table: bool
    raw: str = ""


#: A table's column names, and what the cells under each say of the person on the row.
_COLUMN_KINDS: dict[str, str] = {
    **dict.fromkeys(("namn", "name", "deltagare", "ledamot", "person"), "name"),
    **dict.fromkeys(("roll", "role", "funktion", "uppdrag i radet"), "role"),
    **dict.fromkeys(
        ("organisation", "org", "verksamhet", "forvaltning", "representerar", "huvudman"),
        "organisation",
    ),
    **dict.fromkeys(("titel", "title", "befattning", "yrke"), "title"),
    **dict.fromkeys(("narvaro", "narvarande", "deltar", "attendance", "present"), "attendance"),
    **dict.fromkeys(("e-post", "epost", "email", "e-mail", "mail", "mejl"), "email"),
}
#: What an attendance cell says of someone who was there: nothing worth a note.
_PRESENT_MARKS = frozenset("narvarande ja x yes deltar deltog present pa plats".split())
_ABSENT_MARK = re.compile(
    r"^(?:nej|no|-|–|ej\b.*|inte\b.*|deltog\s+ej|deltog\s+inte|franvarande|forhinder|"
    r"anmalt\s+forhinder|absent)\.?$"
)
_SEPARATORS = ("|", ";", "\t")


def _split_on(raw: str, separator: str) -> list[str]:
    text = raw.strip()
    if separator == "|":
        text = text.strip("|")
        return [cell.strip() for cell in text.split("|")]
    if separator == ";":
        return [cell.strip() for cell in text.split(";")]
    return [cell.strip() for cell in _CELLS.split(text)]


@dataclass(frozen=True)
class _Table:
    """A participant table known by its row of column names (in any order, separated by
    pipes, semicolons or tabs): the rows under it are read cell by column."""

    separator: str
    names: tuple[str, ...]
    kinds: tuple[str | None, ...]

    @classmethod
    def of_header(cls, raw: str) -> _Table | None:
        for separator in _SEPARATORS:
            if separator != "\t" and separator not in raw:
                continue
            cells = _split_on(raw, separator)
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) < 2:
                continue
            kinds = tuple(_COLUMN_KINDS.get(fold(c.strip(" *_:"))) for c in cells)
            if "name" in kinds and sum(k is not None for k in kinds) >= 2:
                if all(
                    k is not None or fold(c) in _COLUMN_WORDS
                    for c, k in zip(cells, kinds, strict=True)
                ):
                    return cls(separator, tuple(c.strip(" *_:") for c in cells), kinds)
        return None

    def person(self, raw: str, number: int) -> _Draft | None:
        """The person of a row under the column names, else None (another kind of line)."""
        if self.separator != "\t" and self.separator not in raw:
            return None
        cells = _split_on(raw, self.separator)
        if len(cells) < 2 or len(cells) > len(self.kinds) + 1:
            return None
        kinds = list(self.kinds)
        name_at = kinds.index("name")
        if name_at >= len(cells):
            return None
        text, email = take_addresses(cells[name_at])
        draft = _person(text, number)
        if draft is None:
            return None
        draft.email = email
        for kind, cell in zip(kinds, cells, strict=False):
            cell = cell.strip(_STRIP + " ")
            if kind == "name" or not cell:
                continue
            if kind == "organisation":
                draft.organisation = cell
            elif kind == "title":
                draft.title = cell
            elif kind == "email":
                draft.email = take_addresses(cell)[1] or draft.email
            elif kind == "attendance" and fold(cell).strip(".") in _PRESENT_MARKS:
                continue
            elif kind == "attendance" and _ABSENT_MARK.match(fold(cell)):
                draft.absent = True
            else:
                for part in cell.split(","):
                    draft.annotate(part)
        return draft


def read_participants(lines: Iterable[str] | str) -> ParticipantReading:
    """Read a participant list (the lines of a paste) by the rules of this module."""
    if isinstance(lines, str):
        lines = lines.split("\n")
    numbered = [
        _Line(number, *_cells(part), raw=part)
        for number, raw in enumerate(lines, 1)
        if raw.strip()
        for part in _one_label_each(raw)
    ]
    people: list[Participant] = []
    headings: list[Heading] = []
    unread: list[NotUnderstood] = []
    section = Section(Role.MEMBER)
    #: the sections of a heading line with one per column, for the lines under it
    columns: list[Section] = []
    #: the columns of the table whose row of column names came last
    table: _Table | None = None
    for index, line in enumerate(numbered):
        raw = "\t".join(line.cells)
        if line.table and _RULE.match(raw.replace("\t", "|")):
            continue
        if _META_LINE.match(line.raw):
            # "Plats:   Rådhus Skåne, Kristianstad": the meeting's, never anyone's line
            headings.append(Heading(line.number, line.raw.strip()))
            continue
        if (named := _Table.of_header(line.raw)) is not None:
            table = named
            headings.extend(
                Heading(line.number, name, list_start=k == 0) for k, name in enumerate(named.names)
            )
            continue
        if table is not None and (draft := table.person(line.raw, line.number)) is not None:
            people.append(draft.done(section))
            continue
        labelled = _labelled(line)
        if labelled is not None:
            label, roles, found, drafts = labelled
            if found is not None:
                section = found
                headings.append(Heading(line.number, label))
            for draft in drafts:
                draft.roles = draft.roles or list(roles)
            people.extend(draft.done(section) for draft in drafts)
            continue
        if len(line.cells) == 1 and (found := read_section(line.cells[0])) is not None:
            section, columns = found, []
            headings.append(Heading(line.number, line.cells[0].strip("*_#: ")))
            continue
        drafts, loose = _read_cells(line)
        if drafts:
            people.extend(
                draft.done(columns[draft.column] if draft.column < len(columns) else section)
                for draft in drafts
            )
            continue
        if _is_heading(loose, line, numbered[index + 1 :]):
            found_sections = [read_section(cell) for cell in loose]
            for cell, found in zip(loose, found_sections, strict=True):
                if found is not None:
                    section = found
                headings.append(Heading(line.number, cell.strip("*_#: ")))
            columns = (
                [f for f in found_sections if f is not None]
                if len(loose) == len(line.cells) > 1 and all(found_sections)
                else []
            )
            continue
        why = "no_letters" if not any(c.isalpha() for c in raw) else "no_name"
        unread.append(NotUnderstood(line.number, take_addresses(raw)[0], why))
    return ParticipantReading(tuple(_merged(people)), tuple(unread), tuple(headings))


def _merged(people: list[Participant]) -> list[Participant]:
    """Each person once: named again further on (signing the minutes, in a second list),
    they keep what was read first and gain the roles and details read later; a bare
    mention never takes a role away."""
    by_key: dict[str, int] = {}
    merged: list[Participant] = []
    for person in people:
        key = name_key(person.name)
        if key not in by_key:
            by_key[key] = len(merged)
            merged.append(person)
            continue
        first = merged[by_key[key]]
        # a mention under "Övriga" or a signature at the end adds no role to one read before
        said = person.roles if person.roles_stated else ()
        roles = tuple(dict.fromkeys((*first.roles, *said)))
        if len(roles) > 1:
            roles = tuple(r for r in roles if r != Role.MEMBER)
        merged[by_key[key]] = replace(
            first,
            roles=roles,
            organisation=first.organisation or person.organisation,
            title=first.title or person.title,
            note=first.note or person.note,
            email=first.email or person.email,
        )
    return merged


def _labelled(
    line: _Line,
) -> tuple[str, tuple[Role, ...], Section | None, list[_Draft]] | None:
    """A line of people after a label: a role ("Ordförande: Per Ek", for them only) or a
    section ("Närvarande: Anna Ek, Bo Ek och Cia Ek", for them and the lines after). The
    label, its roles, its section and the people; None when the line is not of that shape."""
    match = _LABEL.match(line.cells[0]) if len(line.cells) == 1 else None
    if match is None:
        return None
    label = match["label"].strip()
    roles = read_roles(label)
    section = None if roles is not None else read_section(label)
    # "Mölndals stad: Christina Axelsson (ordförande), Robin Halvarsson": an organisation
    organisation = label if roles is None and section is None else None
    if organisation is not None and (
        not looks_like_organisation(organisation) or _NOT_AN_ORGANISATION.search(organisation)
    ):
        return None  # "Rapport från arbetsgruppen: Ida och Tove" is an agenda line
    drafts: list[_Draft] = []
    for part in _LIST_SPLIT.split(match["rest"].rstrip(" .")):
        text, email = take_addresses(part)
        draft = _person(text, line.number)
        if draft is None and (section is not None or not _after_full_names(drafts)):
            draft = _first_name_only(text, line.number)  # "Närv: Jonas, Petra S"
        if draft is not None:
            draft.email = email
            drafts.append(draft)
        elif drafts:
            drafts[-1].email = drafts[-1].email or email
            drafts[-1].annotate(text)
        elif text.strip():
            return None
    if organisation is not None:
        for draft in drafts:
            draft.organisation = draft.organisation or organisation
    return (label, roles or (), section, drafts) if drafts else None


def _after_full_names(drafts: list[_Draft]) -> bool:
    """The list so far names people by first name and surname ("Ville Koskinen"): after a
    role's label a single word is their organisation ("Vice ordförande: Ville Koskinen,
    Tiohundra"), not someone called that. (Under a section label it may be a first name:
    "Frånv: Ulla Berg, Per".)"""
    for draft in drafts:
        *given, surname = draft.name.split()
        surname = surname.rstrip(".")
        if given and len(surname) > 1 and is_capitalised_word(surname):
            return True
    return False


def _first_name_only(text: str, line: int) -> _Draft | None:
    """ "Jonas", "Britt-Marie (sekr)": someone written by first name alone in a list after a
    label, with what stands in parentheses after it."""
    text, _, organisation = text.partition(" från ")  # "Bo från kansliet"
    asides = _PARENS.findall(text)
    bare = _PARENS.sub(" ", text).strip().rstrip(".")
    if not is_first_name(bare) or read_roles(bare) is not None:
        return None
    draft = _Draft(name=bare, line=line)
    draft.organisation = organisation.strip(_STRIP + " .") or None
    for aside in asides:
        for piece in aside.split(","):
            draft.annotate(piece)
    return draft


def _read_cells(line: _Line) -> tuple[list[_Draft], list[str]]:
    """The people of a line, and its cells that are nobody's (when no person is on it)."""
    drafts: list[_Draft] = []
    loose: list[str] = []
    for column, cell in enumerate(line.cells):
        text, email = take_addresses(cell)
        text = text.strip()
        draft = _person(text, line.number) if text else None
        if draft is not None:
            draft.email = email
            draft.column = column
            drafts.append(draft)
        elif drafts:
            current = drafts[-1]
            current.email = current.email or email
            for part in text.split(","):
                current.annotate(part)
        elif text:
            loose.append(text)
    return drafts, loose


def _is_heading(cells: list[str], line: _Line, after: list[_Line]) -> bool:
    """Whether a line without a person is a heading: a section word, a table's column names,
    an organisation or place, or a short capitalised line that people follow."""
    if not cells:
        return False
    if all(read_section(cell) is not None for cell in cells):
        return True
    if line.table and all(fold(cell) in _COLUMN_WORDS for cell in cells):
        return True
    if not all(_heading_like(cell) for cell in cells):
        return False
    if all(looks_like_organisation(cell) for cell in cells):
        return True
    following = after[0] if after else None
    return following is not None and bool(_read_cells(following)[0])
