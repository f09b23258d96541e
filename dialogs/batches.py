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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from dialogs.context import Context
from dialogs.folding import fold
from dialogs.input_text import MAX_TEXT_CHARS
from dialogs.markup import bold
from dialogs.model import Button, Item, Reply, Tone
from dialogs.pacing import Pacer
from dialogs.prompts import ask, done, prompt_handler

Draft = dict[str, Any]

OK_WORDS = frozenset({"ok", "okej", "ja", "yes", "spara", "save", "kör", "kor"})
REMOVE_WORDS = frozenset({"bort", "ta bort", "remove", "delete", "stryk"})
MORE_WORDS = frozenset({"mer", "visa mer", "fler", "more", "show more", "next", "nasta"})
#: a preview page: at most this many lines, and about this many characters of them
PAGE_ITEMS = 20
PAGE_CHARS = 4_000
#: a line that could not be read is shown up to this long (it may be a whole pasted page)
SHOWN_LINE_CHARS = 300
_FIX = re.compile(r"^#?(\d{1,4})[.:)]?\s+(.+)$", re.DOTALL)


@dataclass(frozen=True)
class BatchKind:
    name: str
    #: one pasted line → a draft, or None when the line holds nothing to create; the dict is
    #: what ``start`` was given as ``meta`` (e.g. the date of the minutes), kept with the drafts
    read: Callable[[Context, str, dict[str, Any]], Awaitable[Draft | None]]
    describe: Callable[[Context, Draft], Item]
    #: why a draft cannot be saved yet (an ambiguous name, a past date), or None
    unresolved: Callable[[Context, Draft], str | None]
    save: Callable[[Context, list[Draft]], Awaitable[Reply]]
    title_key: str
    #: why a line could not be read, and whether it must be fixed before ``ok`` (False for
    #: a line that simply holds nothing to create); without it such lines are only counted
    explain: Callable[[Context, str], tuple[str, bool]] | None = None
    #: ``3 <text>`` as a change to draft 3 rather than a new line (``3 Karin B``), or None
    amend: Callable[[Context, Draft, str], Awaitable[Draft | None]] | None = None
    #: the question about what is still open in a draft: title, lines, buttons
    question: Callable[[Context, Draft, int], tuple[str, tuple[str, ...], tuple[Button, ...]]] | (
        None
    ) = None
    #: an answer to that question: the settled draft, a Reply (a wrong number), or None
    settle: Callable[[Context, Draft, str], Awaitable[Draft | Reply | None]] | None = None
    #: a line under the preview while something is open: how to fix it in few words
    hint: Callable[[Context, list[Draft]], str | None] | None = None
    #: the preview's title from its readable drafts, where ``title_key`` with their count
    #: is not enough (actions and decisions counted apart)
    title: Callable[[Context, list[Draft]], str] | None = None
    #: the preview in sections, in this order: (section name, language key of its heading);
    #: ``section_of`` puts each draft in one. Without them the preview is one list.
    sections: tuple[tuple[str, str], ...] = ()
    section_of: Callable[[Draft], str] | None = None
    #: a look at all the drafts read, before they are shown (an item saved already)
    review: Callable[[Context, list[Draft]], Awaitable[list[Draft]]] | None = None


#: The key of a line that could not be read, kept among the drafts in its place.
UNREADABLE = "unreadable"
#: A draft the reader is not sure of ("Kanske åtgärder", a meeting already past): shown
#: apart, saved only when picked by number (``ok 1-7, 9``), never by a plain ``ok``.
DOUBTFUL = "doubtful"
#: The draft's number in the preview, kept when ``ok 1-7, 9`` leaves only some of them.
LINE = "line"
_SELECTION = re.compile(r"^(\d{1,4})(?:\s*[-–—]\s*(\d{1,4}))?$")


def _unreadable(line: str, why: str, blocking: bool) -> Draft:
    return {UNREADABLE: line, "why": why, "blocking": blocking}


def _is_unreadable(draft: Draft) -> bool:
    return UNREADABLE in draft


#: A doubtful draft picked by number (``ok 1-7, 9``): saved like a certain one.
KEPT = "kept"


def is_certain(draft: Draft) -> bool:
    return not draft.get(DOUBTFUL) or bool(draft.get(KEPT))


def _problem(context: Context, kind: BatchKind, draft: Draft) -> str | None:
    if _is_unreadable(draft):
        return str(draft["why"]) if draft["blocking"] else None
    return kind.unresolved(context, draft)


_KINDS: dict[str, BatchKind] = {}


def register(kind: BatchKind) -> BatchKind:
    _KINDS[kind.name] = kind
    return kind


async def start(
    context: Context,
    kind_name: str,
    lines: list[str],
    *,
    meta: dict[str, Any] | None = None,
    skipped: int = 0,
    extra: list[Draft] | None = None,
) -> Reply:
    """Read the lines and ask the sender to confirm the preview; ``extra``: drafts read
    otherwise (the decisions of minutes), listed after those of the lines."""
    kind = _KINDS[kind_name]
    meta = meta or {}
    drafts: list[Draft] = []
    pacer = Pacer()
    for line in lines:
        if len(line.strip()) > MAX_TEXT_CHARS:
            drafts.append(_unreadable(line.strip(), _too_long(context), True))
            continue
        draft = await kind.read(context, line, meta)
        if draft is not None:
            drafts.append(draft)
        elif kind.explain is not None and line.strip():
            drafts.append(_unreadable(line.strip(), *kind.explain(context, line)))
        else:
            skipped += 1
        await pacer.pause()
    drafts.extend(extra or [])
    if kind.review is not None:
        drafts = await kind.review(context, drafts)
    if kind.section_of is not None:
        order = [name for name, _ in kind.sections]
        section_of = kind.section_of
        drafts.sort(key=lambda d: order.index(section_of(d)))
    readable = [d for d in drafts if not _is_unreadable(d)]
    if not readable and not any(d["blocking"] for d in drafts):
        raise context.problem("batch.nothing", usage=f"usage.{kind_name}")
    return await _show(context, kind, drafts, meta, skipped=skipped)


async def _keep(
    context: Context,
    kind: BatchKind,
    drafts: list[Draft],
    *,
    payload_meta: dict[str, Any],
    asking: int | None = None,
    shown_to: int | None = None,
) -> None:
    payload: dict[str, Any] = {"kind": kind.name, "drafts": drafts, "meta": payload_meta}
    if asking is not None:
        payload["asking"] = asking
    if shown_to is not None:
        payload["shown_to"] = shown_to
    await ask(context, "batch", payload)


async def _show(
    context: Context,
    kind: BatchKind,
    drafts: list[Draft],
    meta: dict[str, Any],
    *,
    first: int = 0,
    skipped: int = 0,
) -> Reply:
    """Keep the drafts and show the page of the preview that starts at line ``first``."""
    reply, shown_to = _preview(context, kind, drafts, first=first, skipped=skipped)
    await _keep(context, kind, drafts, payload_meta=meta, shown_to=shown_to)
    return reply


def saved_list(context: Context, items: list[Item]) -> tuple[tuple[Item, ...], str | None]:
    """What was saved, as the first ``PAGE_ITEMS`` items and a footer with how many more."""
    more = len(items) - PAGE_ITEMS
    footer = context.t("list.more", count=more) if more > 0 else None
    return tuple(items[:PAGE_ITEMS]), footer


def _too_long(context: Context) -> str:
    return context.t("limit.line", limit=MAX_TEXT_CHARS)


def _item(context: Context, kind: BatchKind, n: int, draft: Draft) -> Item:
    if _is_unreadable(draft):
        flag = context.t("batch.not_read", why=draft["why"])
        line = draft[UNREADABLE]
        shown = line if len(line) <= SHOWN_LINE_CHARS else line[:SHOWN_LINE_CHARS] + "…"
        return Item(f"{n}. {shown}", None, flag=flag)
    item = kind.describe(context, draft)
    return Item(f"{n}. {item.text}", item.detail, flag=kind.unresolved(context, draft) or item.flag)


def _page(
    context: Context, kind: BatchKind, drafts: list[Draft], first: int
) -> tuple[list[Item], int]:
    """The items from ``first`` on that fit one page — at most ``PAGE_ITEMS`` drafts, and
    about ``PAGE_CHARS`` characters, so a card stays well within Teams' 28 KB — with a
    heading where a section begins; and how many drafts they show."""
    items: list[Item] = []
    shown = 0
    size = 0
    section = kind.section_of(drafts[first - 1]) if kind.section_of and first else None
    for n, draft in enumerate(drafts[first:], start=first + 1):
        item = _item(context, kind, n, draft)
        size += len(item.text) + len(item.detail or "") + len(item.flag or "")
        if shown and (shown == PAGE_ITEMS or size > PAGE_CHARS):
            break
        if kind.section_of is not None and kind.section_of(draft) != section:
            section = kind.section_of(draft)
            items.append(_heading(context, kind, drafts, section))
        items.append(item)
        shown += 1
    return items, shown


def _heading(context: Context, kind: BatchKind, drafts: list[Draft], section: str) -> Item:
    """A section's heading in the preview, with how many lines it has."""
    assert kind.section_of is not None
    key = dict(kind.sections)[section]
    count = sum(1 for d in drafts if kind.section_of(d) == section)
    return Item(bold(context.t(key, count=count)))


def _preview(
    context: Context, kind: BatchKind, drafts: list[Draft], *, first: int = 0, skipped: int = 0
) -> tuple[Reply, int]:
    """The preview's page from line ``first``, and where the next page starts."""
    first = first if 0 <= first < len(drafts) else 0
    items, shown = _page(context, kind, drafts, first)
    shown_to = first + shown
    lines = [context.t("batch.skipped", count=skipped)] if skipped else []
    if shown < len(drafts):
        key = "batch.page" if shown_to < len(drafts) else "batch.page_last"
        lines.append(context.t(key, first=first + 1, last=shown_to, count=len(drafts)))
    blocking = [n for n, d in enumerate(drafts, start=1) if _is_unreadable(d) and d["blocking"]]
    if blocking:
        lines.append(context.t("batch.not_read_how", number=blocking[0]))
    hint = kind.hint(context, drafts) if kind.hint else None
    if hint:
        lines.append(hint)
    doubtful = [n for n, d in enumerate(drafts, start=1) if d.get(DOUBTFUL)]
    if doubtful:
        lines.append(context.t("batch.doubtful_how", example=_example_selection(drafts)))
    readable = [d for d in drafts if not _is_unreadable(d)]
    reply = Reply(
        title=kind.title(context, readable)
        if kind.title
        else context.t(kind.title_key, count=len(readable)),
        lines=tuple(lines),
        items=tuple(items),
        footer=context.t("batch.how"),
    )
    return reply, shown_to


def _first_open(context: Context, kind: BatchKind, drafts: list[Draft]) -> int | None:
    return next(
        (i for i, d in enumerate(drafts) if not _is_unreadable(d) and kind.unresolved(context, d)),
        None,
    )


async def _ask_about(
    context: Context, kind: BatchKind, drafts: list[Draft], index: int, meta: dict[str, Any]
) -> Reply:
    """Ask about draft ``index`` (0-based) with numbered choices and buttons."""
    assert kind.question is not None
    await _keep(context, kind, drafts, payload_meta=meta, asking=index)
    title, lines, buttons = kind.question(
        context, drafts[index], drafts[index].get(LINE, index + 1)
    )
    return Reply(title=title, lines=lines, buttons=buttons, footer=context.t("batch.asking_how"))


async def _save_or_ask(
    context: Context, kind: BatchKind, drafts: list[Draft], meta: dict[str, Any]
) -> Reply:
    """``ok``: save, or ask about each open item in turn where the kind can, else list them."""
    open_questions = [
        f"{draft.get(LINE, n)}: {problem}"
        for n, draft in enumerate(drafts, start=1)
        if (problem := _problem(context, kind, draft))
    ]
    blocked_by_lines = any(_is_unreadable(d) and d["blocking"] for d in drafts)
    first = _first_open(context, kind, drafts)
    if first is not None and kind.question is not None and not blocked_by_lines:
        return await _ask_about(context, kind, drafts, first, meta)
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
    readable = [d for d in drafts if not _is_unreadable(d) and is_certain(d)]
    if not readable:
        return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    return await kind.save(context, readable)


@prompt_handler("batch")
async def _answer(context: Context, payload: dict[str, Any], text: str) -> Reply | None:
    kind = _KINDS[payload["kind"]]
    drafts: list[Draft] = list(payload["drafts"])
    meta: dict[str, Any] = payload.get("meta", {})
    answer = text.strip()
    if fold(answer).strip(" .!") in OK_WORDS:
        return await _save_or_ask(context, kind, _numbered(drafts, certain_only=True), meta)
    chosen = _chosen(answer, len(drafts))
    if chosen is not None:
        if isinstance(chosen, int):
            return Reply(
                title=context.t("batch.no_such_line", number=chosen, count=len(drafts)),
                lines=(context.t("batch.choose_how"),),
                tone=Tone.PROBLEM,
            )
        numbered = _numbered(drafts, certain_only=False)
        picked = [{**numbered[i], KEPT: True} for i in chosen]
        return await _save_or_ask(context, kind, picked, meta)
    if fold(answer).strip(" .!") in MORE_WORDS and payload.get("asking") is None:
        return await _show(context, kind, drafts, meta, first=payload.get("shown_to", 0))
    fix = _FIX.match(answer)
    asking = payload.get("asking")
    if fix is None and asking is not None and kind.settle is not None:
        settled = await kind.settle(context, drafts[asking], answer)
        if settled is None or isinstance(settled, Reply):
            return settled
        drafts[asking] = settled
        return await _save_or_ask(context, kind, drafts, meta)
    if fix is None:
        return None
    number, rest = int(fix.group(1)), fix.group(2).strip()
    index = _index_of(drafts, number)
    if index is None:
        return Reply(
            title=context.t("batch.no_such_line", number=number, count=len(drafts)),
            tone=Tone.PROBLEM,
        )
    if fold(rest) in REMOVE_WORDS:
        drafts.pop(index)
        if not drafts:
            await done(context)
            return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    elif len(rest) > MAX_TEXT_CHARS:
        return Reply(
            title=context.t("batch.unreadable", number=number),
            lines=(_too_long(context),),
            tone=Tone.PROBLEM,
        )
    else:
        current = drafts[index]
        amended = (
            await kind.amend(context, current, rest)
            if kind.amend is not None and not _is_unreadable(current)
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
        if LINE in current:
            replacement = {**replacement, LINE: current[LINE]}
        drafts[index] = replacement
    # The page with the changed line, so the change is seen where it was made.
    page_start = max(0, min(index, len(drafts) - 1) - PAGE_ITEMS // 2)
    return await _show(context, kind, drafts, meta, first=page_start)


def _numbered(drafts: list[Draft], *, certain_only: bool) -> list[Draft]:
    """The drafts with their preview numbers kept; ``certain_only``: without the doubtful
    ones, which only a choice by number saves."""
    numbered = [d if LINE in d else {**d, LINE: n} for n, d in enumerate(drafts, start=1)]
    return [d for d in numbered if not certain_only or is_certain(d)]


def _index_of(drafts: list[Draft], number: int) -> int | None:
    """Where the line numbered ``number`` in the preview is now (after ``ok 1-7, 9`` only
    the chosen lines are left, under their old numbers)."""
    if any(LINE in d for d in drafts):
        return next((i for i, d in enumerate(drafts) if d.get(LINE) == number), None)
    return number - 1 if 1 <= number <= len(drafts) else None


def _chosen(answer: str, count: int) -> list[int] | int | None:
    """``ok 1-7, 9`` as the 0-based indexes chosen, in order and once each; the first
    number out of range (an int) when one is; None when the answer is no such choice."""
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


def _example_selection(drafts: list[Draft]) -> str:
    """``ok 1-5, 8``: all the certain lines and the first doubtful one, as a real example."""
    numbers = [n for n, d in enumerate(drafts, start=1) if not d.get(DOUBTFUL)]
    numbers += [n for n, d in enumerate(drafts, start=1) if d.get(DOUBTFUL)][:1]
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "ok " + ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
