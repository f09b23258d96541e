"""Pasted lists: read every line, show what would be created, save it on ``ok``.

Used for the season's meeting dates and for the action items of pasted minutes. The drafts
wait as a stored question; the secretary answers ``ok``, ``3 bort`` (drop line 3),
``3 <new text>`` (read line 3 again, or — where the kind allows — just change a part of it,
as ``3 Karin B`` settles an item's owner) or ``avbryt``. Nothing is saved before ``ok``.

A line that could not be read is listed too, with why, so it can be fixed by its number; a
kind may let such a line pass (a heading in the pasted list) or hold ``ok`` until it is fixed.
Where the kind can ask about what is still open (which Karin?), ``ok`` asks about each item
in turn, with numbered choices, and saves when the last one is settled.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import Any, Generic, Literal, TypeVar

from pydantic import TypeAdapter

from dialogs.context import Context
from dialogs.model import Button, Item, Reply, Tone
from dialogs.pacing import Pacer
from dialogs.prompts import ask, done
from dialogs.registry import Question
from dialogs.text.folding import fold, short_answer
from dialogs.text.incoming import MAX_TEXT_CHARS
from dialogs.text.markup import bold

OK_WORDS = frozenset({"ok", "okej", "ja", "yes", "spara", "save", "kör", "kor"})
REMOVE_WORDS = frozenset({"bort", "ta bort", "remove", "delete", "stryk"})
MORE_WORDS = frozenset({"mer", "visa mer", "fler", "more", "show more", "next", "nasta"})
#: ``ok 1-7, 9, 12-40, …``: a choice of lines is never longer than this
MAX_CHOICE_CHARS = 2_000
#: a preview page: at most this many lines, and about this many characters of them
PAGE_ITEMS = 20
PAGE_CHARS = 4_000
#: a line that could not be read is shown up to this long (it may be a whole pasted page)
SHOWN_LINE_CHARS = 300
_FIX = re.compile(r"^#?(\d{1,4})[.:)]?\s+(.+)$", re.DOTALL)
_SELECTION = re.compile(r"^(\d{1,4})(?:\s*[-–—]\s*(\d{1,4}))?$")

#: A kind's draft: a frozen dataclass that the kind's ``TypeAdapter`` keeps as JSON.
D = TypeVar("D")


@dataclass(frozen=True, kw_only=True)
class Unreadable:
    """A line that could not be read, kept in its place with why; ``blocking``: it must be
    fixed before ``ok`` (False for a line that simply holds nothing to create)."""

    kind: Literal["unreadable"] = "unreadable"
    line: str
    why: str
    blocking: bool


@dataclass(frozen=True, kw_only=True)
class Entry(Generic[D]):
    """One line of the preview: a draft (or a line not read), and how the batch holds it.

    ``kept``: a doubtful draft (see ``BatchKind.doubtful``) picked by number (``ok 1-7, 9``),
    saved like a certain one. ``line``: its number in the preview, kept when ``ok 1-7, 9``
    leaves only some of them.
    """

    draft: D | Unreadable
    kept: bool = False
    line: int | None = None

    @property
    def unreadable(self) -> Unreadable | None:
        return self.draft if isinstance(self.draft, Unreadable) else None


@dataclass(frozen=True, kw_only=True)
class BatchMeta:
    """What the lines are read against: the minutes' own day (relative dates), and the
    meetings they propose ("till nästa möte")."""

    now: datetime | None = None
    coming: tuple[datetime, ...] = ()


@dataclass(frozen=True, kw_only=True)
class BatchState(Generic[D]):
    """The preview as it waits in the stored question."""

    kind: str
    entries: tuple[Entry[D], ...]
    meta: BatchMeta = field(default_factory=BatchMeta)
    #: the entry a question is out about (which Karin?), or None
    asking: int | None = None
    #: where the next page of the preview starts (``mer``)
    shown_to: int = 0


@dataclass(frozen=True)
class BatchKind(Generic[D]):
    name: str
    #: how the kind's state is kept: ``TypeAdapter(BatchState[TheDraft])``
    state: TypeAdapter[BatchState[D]]
    #: one pasted line → a draft, or None when the line holds nothing to create
    read: Callable[[Context, str, BatchMeta], Awaitable[D | None]]
    describe: Callable[[Context, D], Item]
    #: why a draft cannot be saved yet (an ambiguous name, a past date), or None
    unresolved: Callable[[Context, D], str | None]
    save: Callable[[Context, list[D]], Awaitable[Reply]]
    title_key: str
    #: why a line could not be read, and whether it must be fixed before ``ok`` (False for
    #: a line that simply holds nothing to create); without it such lines are only counted
    explain: Callable[[Context, str], tuple[str, bool]] | None = None
    #: ``3 <text>`` as a change to draft 3 rather than a new line (``3 Karin B``), or None
    amend: Callable[[Context, D, str], Awaitable[D | None]] | None = None
    #: the question about what is still open in a draft: title, lines, buttons
    question: Callable[[Context, D, int], tuple[str, tuple[str, ...], tuple[Button, ...]]] | (
        None
    ) = None
    #: an answer to that question: the settled draft, a Reply (a wrong number), or None
    settle: Callable[[Context, D, str], Awaitable[D | Reply | None]] | None = None
    #: a line under the preview while something is open: how to fix it in few words
    hint: Callable[[Context, list[Entry[D]]], str | None] | None = None
    #: the preview's title from its drafts, where ``title_key`` with their count is not
    #: enough (actions and decisions counted apart)
    title: Callable[[Context, list[D]], str] | None = None
    #: the preview in sections, in this order: (section name, language key of its heading);
    #: ``section_of`` puts each draft in one. Without them the preview is one list.
    sections: tuple[tuple[str, str], ...] = ()
    section_of: Callable[[D | Unreadable], str] | None = None
    #: a look at all the drafts read, before they are shown (an item saved already): the
    #: same drafts, in the same order, changed where need be
    review: Callable[[Context, list[D]], Awaitable[list[D]]] | None = None
    #: a draft the reader is not sure of ("Kanske åtgärder", a meeting already past): shown
    #: apart, saved only when picked by number (``ok 1-7, 9``), never by a plain ``ok``
    doubtful: Callable[[D], bool] | None = None

    @cached_property
    def prompt_question(self) -> Question[BatchState[D]]:
        """The question a preview of this kind waits as (``ok``, ``3 bort``, ``mer``), which
        ``build_registry`` collects from the module that defines the kind."""

        async def answer(context: Context, state: BatchState[D], text: str) -> Reply | None:
            return await _answer_state(context, self, state, text)

        return Question(f"batch.{self.name}", self.state, answer)

    def is_doubtful(self, entry: Entry[D]) -> bool:
        draft = entry.draft
        return (
            self.doubtful is not None and not isinstance(draft, Unreadable) and self.doubtful(draft)
        )

    def is_certain(self, entry: Entry[D]) -> bool:
        return entry.kept or not self.is_doubtful(entry)

    def open_question(self, context: Context, entry: Entry[D]) -> str | None:
        """Why the entry holds ``ok`` back: a line that must be fixed, a draft unsettled."""
        draft = entry.draft
        if isinstance(draft, Unreadable):
            return draft.why if draft.blocking else None
        return self.unresolved(context, draft)


def _blocks(entry: Entry[Any]) -> bool:
    return entry.unreadable is not None and entry.unreadable.blocking


async def start(
    context: Context,
    kind: BatchKind[Any],
    lines: list[str],
    *,
    meta: BatchMeta | None = None,
    skipped: int = 0,
    extra: Sequence[Entry[Any]] = (),
) -> Reply:
    """Read the lines and ask the sender to confirm the preview; ``extra``: entries read
    otherwise (the decisions of minutes), listed after those of the lines."""
    meta = meta or BatchMeta()
    entries: list[Entry[Any]] = []
    pacer = Pacer()
    for line in lines:
        if len(line.strip()) > MAX_TEXT_CHARS:
            entries.append(_unreadable(line.strip(), _too_long(context), True))
            continue
        draft = await kind.read(context, line, meta)
        if draft is not None:
            entries.append(Entry(draft=draft))
        elif kind.explain is not None and line.strip():
            entries.append(_unreadable(line.strip(), *kind.explain(context, line)))
        else:
            skipped += 1
        await pacer.pause()
    entries.extend(extra)
    if kind.review is not None:
        entries = await _reviewed(context, kind, entries)
    if kind.section_of is not None:
        order = [name for name, _ in kind.sections]
        section_of = kind.section_of
        entries.sort(key=lambda e: order.index(section_of(e.draft)))
    readable = [e for e in entries if e.unreadable is None]
    if not readable and not any(_blocks(e) for e in entries):
        raise context.problem("batch.nothing", usage=f"usage.{kind.name}")
    return await _show(context, kind, entries, meta, skipped=skipped)


async def _reviewed(
    context: Context, kind: BatchKind[D], entries: list[Entry[D]]
) -> list[Entry[D]]:
    assert kind.review is not None
    readable = [i for i, e in enumerate(entries) if e.unreadable is None]
    reviewed = await kind.review(context, [_draft(entries[i]) for i in readable])
    changed = list(entries)
    for i, draft in zip(readable, reviewed, strict=True):
        changed[i] = replace(entries[i], draft=draft)
    return changed


def _unreadable(line: str, why: str, blocking: bool) -> Entry[Any]:
    return Entry(draft=Unreadable(line=line, why=why, blocking=blocking))


async def _keep(
    context: Context,
    kind: BatchKind[D],
    entries: list[Entry[D]],
    meta: BatchMeta,
    *,
    asking: int | None = None,
    shown_to: int = 0,
) -> None:
    state = BatchState(
        kind=kind.name, entries=tuple(entries), meta=meta, asking=asking, shown_to=shown_to
    )
    await ask(context, kind.prompt_question.kind, state)


async def _show(
    context: Context,
    kind: BatchKind[D],
    entries: list[Entry[D]],
    meta: BatchMeta,
    *,
    first: int = 0,
    skipped: int = 0,
) -> Reply:
    """Keep the entries and show the page of the preview that starts at line ``first``."""
    reply, shown_to = _preview(context, kind, entries, first=first, skipped=skipped)
    await _keep(context, kind, entries, meta, shown_to=shown_to)
    return reply


def saved_list(context: Context, items: list[Item]) -> tuple[tuple[Item, ...], str | None]:
    """What was saved, as the first ``PAGE_ITEMS`` items and a footer with how many more."""
    more = len(items) - PAGE_ITEMS
    footer = context.t("list.more", count=more) if more > 0 else None
    return tuple(items[:PAGE_ITEMS]), footer


def _too_long(context: Context) -> str:
    return context.t("limit.line", limit=MAX_TEXT_CHARS)


def _item(context: Context, kind: BatchKind[D], n: int, entry: Entry[D]) -> Item:
    if (unreadable := entry.unreadable) is not None:
        flag = context.t("batch.not_read", why=unreadable.why)
        line = unreadable.line
        shown = line if len(line) <= SHOWN_LINE_CHARS else line[:SHOWN_LINE_CHARS] + "…"
        return Item(f"{n}. {shown}", None, flag=flag)
    draft = _draft(entry)
    item = kind.describe(context, draft)
    return Item(f"{n}. {item.text}", item.detail, flag=kind.unresolved(context, draft) or item.flag)


def _page(
    context: Context, kind: BatchKind[D], entries: list[Entry[D]], first: int
) -> tuple[list[Item], int]:
    """The items from ``first`` on that fit one page — at most ``PAGE_ITEMS`` entries, and
    about ``PAGE_CHARS`` characters, so a card stays well within Teams' 28 KB — with a
    heading where a section begins; and how many entries they show."""
    items: list[Item] = []
    shown = 0
    size = 0
    section = kind.section_of(entries[first - 1].draft) if kind.section_of and first else None
    for n, entry in enumerate(entries[first:], start=first + 1):
        item = _item(context, kind, n, entry)
        size += len(item.text) + len(item.detail or "") + len(item.flag or "")
        if shown and (shown == PAGE_ITEMS or size > PAGE_CHARS):
            break
        if kind.section_of is not None and kind.section_of(entry.draft) != section:
            section = kind.section_of(entry.draft)
            items.append(_heading(context, kind, entries, section))
        items.append(item)
        shown += 1
    return items, shown


def _heading(context: Context, kind: BatchKind[D], entries: list[Entry[D]], section: str) -> Item:
    """A section's heading in the preview, with how many lines it has."""
    assert kind.section_of is not None
    key = dict(kind.sections)[section]
    count = sum(1 for e in entries if kind.section_of(e.draft) == section)
    return Item(bold(context.t(key, count=count)))


def _preview(
    context: Context,
    kind: BatchKind[D],
    entries: list[Entry[D]],
    *,
    first: int = 0,
    skipped: int = 0,
) -> tuple[Reply, int]:
    """The preview's page from line ``first``, and where the next page starts."""
    first = first if 0 <= first < len(entries) else 0
    items, shown = _page(context, kind, entries, first)
    shown_to = first + shown
    lines = [context.tn("batch.skipped", skipped)] if skipped else []
    if shown < len(entries):
        key = "batch.page" if shown_to < len(entries) else "batch.page_last"
        lines.append(context.t(key, first=first + 1, last=shown_to, count=len(entries)))
    blocking = [n for n, e in enumerate(entries, start=1) if _blocks(e)]
    if blocking:
        lines.append(context.t("batch.not_read_how", number=blocking[0]))
    hint = kind.hint(context, entries) if kind.hint else None
    if hint:
        lines.append(hint)
    if any(kind.is_doubtful(e) for e in entries):
        lines.append(context.t("batch.doubtful_how", example=_example_selection(kind, entries)))
    readable = [_draft(e) for e in entries if e.unreadable is None]
    reply = Reply(
        title=kind.title(context, readable)
        if kind.title
        else context.tn(kind.title_key, len(readable)),
        lines=tuple(lines),
        items=tuple(items),
        footer=context.t("batch.how"),
    )
    return reply, shown_to


def _first_open(context: Context, kind: BatchKind[D], entries: list[Entry[D]]) -> int | None:
    return next(
        (
            i
            for i, e in enumerate(entries)
            if e.unreadable is None and kind.unresolved(context, _draft(e))
        ),
        None,
    )


async def _ask_about(
    context: Context, kind: BatchKind[D], entries: list[Entry[D]], index: int, meta: BatchMeta
) -> Reply:
    """Ask about entry ``index`` (0-based) with numbered choices and buttons."""
    assert kind.question is not None
    await _keep(context, kind, entries, meta, asking=index)
    entry = entries[index]
    draft = _draft(entry)
    title, lines, buttons = kind.question(context, draft, entry.line or index + 1)
    return Reply(title=title, lines=lines, buttons=buttons, footer=context.t("batch.asking_how"))


def _draft(entry: Entry[D]) -> D:
    assert not isinstance(entry.draft, Unreadable)
    return entry.draft


async def _save_or_ask(
    context: Context, kind: BatchKind[D], entries: list[Entry[D]], meta: BatchMeta
) -> Reply:
    """``ok``: save, or ask about each open item in turn where the kind can, else list them."""
    open_questions = [
        f"{entry.line or n}: {problem}"
        for n, entry in enumerate(entries, start=1)
        if (problem := kind.open_question(context, entry))
    ]
    blocked_by_lines = any(_blocks(e) for e in entries)
    first = _first_open(context, kind, entries)
    if first is not None and kind.question is not None and not blocked_by_lines:
        return await _ask_about(context, kind, entries, first, meta)
    if open_questions:
        shown = open_questions[:PAGE_ITEMS]
        if len(open_questions) > len(shown):
            shown.append(context.t("list.more", count=len(open_questions) - len(shown)))
        return Reply(
            title=context.t("batch.fix_first"),
            lines=tuple(shown),
            footer=context.t("batch.how"),
            tone=Tone.PROBLEM,
        )
    await done(context)
    readable = [_draft(e) for e in entries if e.unreadable is None and kind.is_certain(e)]
    if not readable:
        return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    return await kind.save(context, readable)


async def _answer_state(
    context: Context, kind: BatchKind[D], state: BatchState[D], text: str
) -> Reply | None:
    entries = list(state.entries)
    meta = state.meta
    answer = text.strip()
    if short_answer(answer) in OK_WORDS:
        certain = [e for e in _numbered(entries) if kind.is_certain(e)]
        return await _save_or_ask(context, kind, certain, meta)
    chosen = _chosen(answer, len(entries))
    if chosen is not None:
        if isinstance(chosen, int):
            return Reply(
                title=context.t("batch.no_such_line", number=chosen, count=len(entries)),
                lines=(context.t("batch.choose_how"),),
                tone=Tone.PROBLEM,
            )
        numbered = _numbered(entries)
        picked = [replace(numbered[i], kept=True) for i in chosen]
        return await _save_or_ask(context, kind, picked, meta)
    if short_answer(answer) in MORE_WORDS and state.asking is None:
        return await _show(context, kind, entries, meta, first=state.shown_to)
    fix = _FIX.match(answer)
    asking = state.asking
    if fix is None and asking is not None and kind.settle is not None:
        settled = await kind.settle(context, _draft(entries[asking]), answer)
        if settled is None or isinstance(settled, Reply):
            return settled
        entries[asking] = replace(entries[asking], draft=settled)
        return await _save_or_ask(context, kind, entries, meta)
    if fix is None:
        return None
    number, rest = int(fix.group(1)), fix.group(2).strip()
    index = _index_of(entries, number)
    if index is None:
        return Reply(
            title=context.t("batch.no_such_line", number=number, count=len(entries)),
            tone=Tone.PROBLEM,
        )
    if fold(rest) in REMOVE_WORDS:
        entries.pop(index)
        if not entries:
            await done(context)
            return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    elif len(rest) > MAX_TEXT_CHARS:
        return Reply(
            title=context.t("batch.unreadable", number=number),
            lines=(_too_long(context),),
            tone=Tone.PROBLEM,
        )
    else:
        current = entries[index]
        amended = (
            await kind.amend(context, current.draft, rest)
            if kind.amend is not None and not isinstance(current.draft, Unreadable)
            else None
        )
        replacement = amended or await kind.read(context, rest, meta)
        if replacement is None:
            why = kind.explain(context, rest)[0] if kind.explain else None
            return Reply(
                title=context.t("batch.unreadable", number=number),
                lines=(why,) if why else (),
                tone=Tone.PROBLEM,
            )
        # The line keeps its number and its place.
        entries[index] = replace(current, draft=replacement)
    # The page with the changed line, so the change is seen where it was made.
    page_start = max(0, min(index, len(entries) - 1) - PAGE_ITEMS // 2)
    return await _show(context, kind, entries, meta, first=page_start)


def _numbered(entries: list[Entry[D]]) -> list[Entry[D]]:
    """The entries with their preview numbers kept."""
    return [e if e.line is not None else replace(e, line=n) for n, e in enumerate(entries, start=1)]


def _index_of(entries: list[Entry[D]], number: int) -> int | None:
    """Where the line numbered ``number`` in the preview is now (after ``ok 1-7, 9`` only
    the chosen lines are left, under their old numbers)."""
    if any(e.line is not None for e in entries):
        return next((i for i, e in enumerate(entries) if e.line == number), None)
    return number - 1 if 1 <= number <= len(entries) else None


def _chosen(answer: str, count: int) -> list[int] | int | None:
    """``ok 1-7, 9`` as the 0-based indexes chosen, in order and once each; the first
    number out of range (an int) when one is; None when the answer is no such choice."""
    if len(answer) > MAX_CHOICE_CHARS:
        return None  # a paste, not a choice: not folded to find out
    words = fold(answer).replace(",", " ").replace(";", " ").split()
    if len(words) < 2 or words[0] not in OK_WORDS:
        return None
    rest = " ".join(w for w in words[1:] if w not in ("och", "and", "samt", "&"))
    chosen: list[int] = []
    for part in re.sub(r"\s*[-–—]\s*", "-", rest).split():
        match = _SELECTION.match(part)
        if match is None:
            return None
        low = int(match.group(1))
        high = int(match.group(2) or low)
        for number in range(min(low, high), max(low, high) + 1):
            if not 1 <= number <= count:
                return number
            if number - 1 not in chosen:
                chosen.append(number - 1)
    return chosen or None


def _example_selection(kind: BatchKind[D], entries: list[Entry[D]]) -> str:
    """``ok 1-5, 8``: all the certain lines and the first doubtful one, as a real example."""
    numbers = [n for n, e in enumerate(entries, start=1) if not kind.is_doubtful(e)]
    numbers += [n for n, e in enumerate(entries, start=1) if kind.is_doubtful(e)][:1]
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "ok " + ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
