"""``notes`` + the pasted minutes: every action item and decision in them, previewed, saved
on ``ok`` in one transaction (one ``ångra`` takes both back)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta
from typing import Any

from dialogs import action_drafts as drafts
from dialogs import batches
from dialogs.commands.actions import read_draft
from dialogs.context import Context
from dialogs.datefmt import STOCKHOLM, local
from dialogs.folding import fold
from dialogs.minutes.decisions import Decision as DecisionRead
from dialogs.minutes.decisions import read_decisions
from dialogs.model import Button, Item, Reply, Tone
from dialogs.notes import extract_action_lines, minutes_date, minutes_paragraphs
from dialogs.registry import Needs, command
from store import audit, meetings, people
from store import decisions as decision_store
from store.models import Decision, Person

#: the key of a decision draft among the action drafts of the preview
DECISION = "decision"


def _is_decision(payload: batches.Draft) -> bool:
    return DECISION in payload


def _describe(context: Context, payload: batches.Draft) -> Item:
    if _is_decision(payload):
        section = f"{payload['section']} " if payload.get("section") else ""
        return Item(context.t("notes.decision_item", section=section, text=payload[DECISION]))
    return drafts.describe(context, payload)


async def _read(context: Context, line: str, meta: dict[str, Any]) -> batches.Draft | None:
    now = datetime.fromisoformat(meta["now"]) if meta.get("now") else context.now
    payload = await read_draft(context, context.require_council(), line, now=now)
    return payload if payload["text"] else None


def _unresolved(context: Context, payload: batches.Draft) -> str | None:
    if _is_decision(payload):
        return None
    # An item the minutes give no owner is saved as such ("ingen ansvarig"), as written;
    # only a name that fits several members, or none, must be settled first.
    if drafts.first_unresolved(payload) is None:
        return None
    return drafts.unresolved_text(context, payload)


async def _roster(context: Context) -> list[Person]:
    council = context.require_council()
    return [m.person for m in await people.roster(context.session, council.id)]


async def _amend(context: Context, payload: batches.Draft, text: str) -> batches.Draft | None:
    """``1 Karin B``: only the owner of item 1 changes, the rest of it stays as read; a
    decision's line takes the new text as its text."""
    if _is_decision(payload):
        return {**payload, DECISION: text.strip()}
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


async def _save_decisions(context: Context, payloads: list[batches.Draft]) -> list[Decision]:
    """The decisions, dated by the minutes' meeting (else today) and tied to that meeting
    when the council has one on that day."""
    if not payloads:
        return []
    council = context.require_council()
    held = payloads[0].get("held_on")
    held_on = date.fromisoformat(held) if held else None
    meeting_id = None
    if held_on is not None:
        start = datetime.combine(held_on, time(0, 0), tzinfo=STOCKHOLM)
        meeting = await meetings.meeting_between(
            context.session, council.id, start, start + timedelta(days=1)
        )
        meeting_id = meeting.id if meeting else None
    decided_on = held_on or local(context.now).date()
    return [
        await decision_store.add_decision(
            context.session,
            council.id,
            text=p[DECISION],
            search_key=fold(f"{p.get('section') or ''} {p[DECISION]}"),
            section=p.get("section"),
            meeting_id=meeting_id,
            decided_on=decided_on,
            created_by_id=context.person.id if context.person else None,
            now=context.now,
        )
        for p in payloads
    ]


async def _save(context: Context, all_payloads: list[batches.Draft]) -> Reply:
    council = context.require_council()
    payloads = [p for p in all_payloads if not _is_decision(p)]
    decided = await _save_decisions(
        context,
        [p for p in all_payloads if _is_decision(p)],
    )
    saved = [await drafts.save(context, council, payload) for payload in payloads]
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=context.person.id if context.person else None,
        verb="add",
        subject_type="action_batch",
        subject_id=None,
        at=context.now,
        after={
            "action_ids": [a.id for a in saved],
            "decision_ids": [d.id for d in decided],
            "count": len(saved) + len(decided),
        },
    )
    items, more = batches.saved_list(
        context,
        [
            *(
                Item(f"#{a.number} {a.text}", drafts.owner_names(context, p))
                for a, p in zip(saved, payloads, strict=True)
            ),
            *(
                Item(context.t("notes.decision_item", section=_section(d), text=d.text))
                for d in decided
            ),
        ],
    )
    title = context.t("notes.saved", count=len(saved))
    if decided:
        title = context.t("notes.saved_with_decisions", count=len(saved), decisions=len(decided))
    return Reply(title=title, items=items, footer=more, tone=Tone.OK)


def _title(context: Context, payloads: list[batches.Draft]) -> str:
    decided = sum(1 for p in payloads if _is_decision(p))
    if decided:
        return context.t(
            "notes.preview_with_decisions", count=len(payloads) - decided, decisions=decided
        )
    return context.t("notes.preview", count=len(payloads))


def _section(decision: Decision) -> str:
    return f"{decision.section} " if decision.section else ""


batches.register(
    batches.BatchKind(
        name="notes",
        read=_read,
        describe=_describe,
        unresolved=_unresolved,
        save=_save,
        title_key="notes.preview",
        amend=_amend,
        question=_question,
        settle=_settle,
        hint=_hint,
        title=_title,
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
    lines, decisions = await asyncio.to_thread(_read_minutes, args) if args.strip() else ([], ())
    if not lines and not decisions:
        raise context.problem("notes.none", usage="usage.notes")
    held_on = minutes_date(args)
    meta = (
        {
            "now": datetime.combine(held_on, time(12, 0), tzinfo=STOCKHOLM).isoformat(),
        }
        if held_on
        else {}
    )
    held = held_on.isoformat() if held_on else None
    extra = [{DECISION: d.text, "section": d.section, "held_on": held} for d in decisions]
    return await batches.start(context, "notes", lines, meta=meta, extra=extra)


def _read_minutes(minutes: str) -> tuple[list[str], tuple[DecisionRead, ...]]:
    return extract_action_lines(minutes), read_decisions(minutes_paragraphs(minutes))
