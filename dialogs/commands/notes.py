"""``notes`` + the pasted minutes: every action item in them, previewed, saved on ``ok``."""

from __future__ import annotations

import asyncio
from datetime import datetime, time
from typing import Any

from dialogs import action_drafts as drafts
from dialogs import batches
from dialogs.commands.actions import read_draft
from dialogs.context import Context
from dialogs.datefmt import STOCKHOLM
from dialogs.model import Button, Item, Reply, Tone
from dialogs.notes import extract_action_lines, minutes_date
from dialogs.registry import Needs, command
from store import audit, people
from store.models import Person


async def _read(context: Context, line: str, meta: dict[str, Any]) -> batches.Draft | None:
    now = datetime.fromisoformat(meta["now"]) if meta.get("now") else context.now
    payload = await read_draft(context, context.require_council(), line, now=now)
    return payload if payload["text"] else None


def _unresolved(context: Context, payload: batches.Draft) -> str | None:
    # An item the minutes give no owner is saved as such ("ingen ansvarig"), as written;
    # only a name that fits several members, or none, must be settled first.
    if drafts.first_unresolved(payload) is None:
        return None
    return drafts.unresolved_text(context, payload)


async def _roster(context: Context) -> list[Person]:
    council = context.require_council()
    return [m.person for m in await people.roster(context.session, council.id)]


async def _amend(context: Context, payload: batches.Draft, text: str) -> batches.Draft | None:
    """``1 Karin B``: only the owner of item 1 changes, the rest of it stays as read."""
    return drafts.replace_owners(payload, text, await _roster(context))


def _question(
    context: Context, payload: batches.Draft, number: int
) -> tuple[str, tuple[str, ...], tuple[Button, ...]]:
    return drafts.question(context, payload, line=number)


async def _settle(
    context: Context, payload: batches.Draft, answer: str
) -> batches.Draft | Reply | None:
    return await drafts.settle(context, payload, answer, await _roster(context))


def _hint(context: Context, payloads: list[batches.Draft]) -> str | None:
    """How to settle just the owner, with a real example from the list."""
    for number, payload in enumerate(payloads, start=1):
        index = drafts.first_unresolved(payload) if "owners" in payload else None
        if index is not None:
            names = payload["owners"][index]["names"]
            example = f"{number} {names[0]}" if names else f"{number} …"
            return context.t("notes.fix_owner_hint", example=example)
    return None


async def _save(context: Context, payloads: list[batches.Draft]) -> Reply:
    council = context.require_council()
    saved = [await drafts.save(context, council, payload) for payload in payloads]
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=context.person.id if context.person else None,
        verb="add",
        subject_type="action_batch",
        subject_id=None,
        at=context.now,
        after={"action_ids": [a.id for a in saved], "count": len(saved)},
    )
    items, more = batches.saved_list(
        context,
        [
            Item(f"#{a.number} {a.text}", drafts.owner_names(context, p))
            for a, p in zip(saved, payloads, strict=True)
        ],
    )
    return Reply(
        title=context.t("notes.saved", count=len(saved)), items=items, footer=more, tone=Tone.OK
    )


batches.register(
    batches.BatchKind(
        name="notes",
        read=_read,
        describe=drafts.describe,
        unresolved=_unresolved,
        save=_save,
        title_key="notes.preview",
        amend=_amend,
        question=_question,
        settle=_settle,
        hint=_hint,
    )
)


@command(
    "notes",
    "notes",
    "anteckningar",
    "minnesanteckningar",
    "protokoll",
    needs=Needs.OFFICER,
    paste=True,
)
async def paste_notes(context: Context, args: str) -> Reply:
    """Take the action items out of pasted minutes; deadlines are read as of the meeting day."""
    # Reading 100 KB of minutes can take a few hundred ms of CPU: in a thread, so the event
    # loop keeps answering everyone else meanwhile.
    lines = await asyncio.to_thread(extract_action_lines, args) if args.strip() else []
    if not lines:
        raise context.problem("notes.none", usage="usage.notes")
    held_on = minutes_date(args)
    meta = (
        {"now": datetime.combine(held_on, time(12, 0), tzinfo=STOCKHOLM).isoformat()}
        if held_on
        else {}
    )
    return await batches.start(context, "notes", lines, meta=meta)
