"""``notes`` + the pasted minutes: every action item in them, previewed, saved on ``ok``."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from dialogs import action_drafts as drafts
from dialogs import batches
from dialogs.commands.actions import read_draft
from dialogs.context import Context
from dialogs.datefmt import STOCKHOLM
from dialogs.model import Item, Reply, Tone
from dialogs.notes import extract_action_lines, minutes_date
from dialogs.registry import Needs, command
from store import audit


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
    items = tuple(
        Item(f"#{a.number} {a.text}", drafts.owner_names(context, p))
        for a, p in zip(saved, payloads, strict=True)
    )
    return Reply(title=context.t("notes.saved", count=len(saved)), items=items, tone=Tone.OK)


batches.register(
    batches.BatchKind(
        name="notes",
        read=_read,
        describe=drafts.describe,
        unresolved=_unresolved,
        save=_save,
        title_key="notes.preview",
    )
)


@command("notes", "notes", "anteckningar", "minnesanteckningar", "protokoll", needs=Needs.OFFICER)
async def paste_notes(context: Context, args: str) -> Reply:
    """Take the action items out of pasted minutes; deadlines are read as of the meeting day."""
    lines = extract_action_lines(args) if args.strip() else []
    if not lines:
        raise context.problem("notes.none", usage="usage.notes")
    held_on = minutes_date(args)
    meta = (
        {"now": datetime.combine(held_on, time(12, 0), tzinfo=STOCKHOLM).isoformat()}
        if held_on
        else {}
    )
    return await batches.start(context, "notes", lines, meta=meta)
