"""Pasted lists: read every line, show what would be created, save it on ``ok``.

Used for the season's meeting dates and for the action items of pasted minutes. The drafts
wait as a stored question; the secretary answers ``ok``, ``3 bort`` (drop line 3),
``3 <new text>`` (read line 3 again) or ``avbryt``. Nothing is saved before ``ok``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from dialogs.context import Context
from dialogs.folding import fold
from dialogs.model import Item, Reply, Tone
from dialogs.prompts import ask, done, prompt_handler

Draft = dict[str, Any]

OK_WORDS = frozenset({"ok", "okej", "ja", "yes", "spara", "save", "kör", "kor"})
REMOVE_WORDS = frozenset({"bort", "ta bort", "remove", "delete", "stryk"})
_FIX = re.compile(r"^#?(\d{1,3})[.:)]?\s+(.+)$", re.DOTALL)


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
) -> Reply:
    """Read the lines and ask the sender to confirm the preview."""
    kind = _KINDS[kind_name]
    meta = meta or {}
    drafts = [d for d in [await kind.read(context, line, meta) for line in lines] if d is not None]
    skipped += len(lines) - len(drafts)
    if not drafts:
        raise context.problem("batch.nothing", usage=f"usage.{kind_name}")
    await ask(context, "batch", {"kind": kind_name, "drafts": drafts, "meta": meta})
    return _preview(context, kind, drafts, skipped=skipped)


def _preview(context: Context, kind: BatchKind, drafts: list[Draft], *, skipped: int = 0) -> Reply:
    items = []
    for n, draft in enumerate(drafts, start=1):
        item = kind.describe(context, draft)
        items.append(Item(f"{n}. {item.text}", item.detail, flag=kind.unresolved(context, draft)))
    lines = [context.t("batch.skipped", count=skipped)] if skipped else []
    return Reply(
        title=context.t(kind.title_key, count=len(drafts)),
        lines=tuple(lines),
        items=tuple(items),
        footer=context.t("batch.how"),
    )


@prompt_handler("batch")
async def _answer(context: Context, payload: dict[str, Any], text: str) -> Reply | None:
    kind = _KINDS[payload["kind"]]
    drafts: list[Draft] = list(payload["drafts"])
    answer = text.strip()
    if fold(answer).strip(" .!") in OK_WORDS:
        open_questions = [
            f"{n}: {problem}"
            for n, draft in enumerate(drafts, start=1)
            if (problem := kind.unresolved(context, draft))
        ]
        if open_questions:
            return Reply(
                title=context.t("batch.fix_first"),
                lines=tuple(open_questions),
                footer=context.t("batch.how"),
                tone=Tone.PROBLEM,
            )
        await done(context)
        return await kind.save(context, drafts)
    fix = _FIX.match(answer)
    if fix is None:
        return None
    number, rest = int(fix.group(1)), fix.group(2).strip()
    if not 1 <= number <= len(drafts):
        return Reply(
            title=context.t("batch.no_such_line", number=number, count=len(drafts)),
            tone=Tone.PROBLEM,
        )
    if fold(rest) in REMOVE_WORDS:
        drafts.pop(number - 1)
        if not drafts:
            await done(context)
            return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    else:
        replacement = await kind.read(context, rest, payload.get("meta", {}))
        if replacement is None:
            return Reply(title=context.t("batch.unreadable", number=number), tone=Tone.PROBLEM)
        drafts[number - 1] = replacement
    await ask(
        context, "batch", {"kind": kind.name, "drafts": drafts, "meta": payload.get("meta", {})}
    )
    return _preview(context, kind, drafts)
