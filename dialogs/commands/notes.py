"""``notes`` + the pasted minutes: every action item and decision in them, previewed, saved
on ``ok`` in one transaction (one ``ångra`` takes both back)."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from dialogs import action_drafts as drafts
from dialogs import batches
from dialogs.action_line import ActionDraft
from dialogs.commands.actions import read_draft, roster_people
from dialogs.context import Context
from dialogs.datefmt import STOCKHOLM, local
from dialogs.dates import When
from dialogs.folding import fold, name_key
from dialogs.minutes.actions import ActionRead, read_actions
from dialogs.minutes.deadlines import find_deadline
from dialogs.minutes.decisions import Decision as DecisionRead
from dialogs.minutes.decisions import read_decisions
from dialogs.model import Button, Item, Reply, Tone
from dialogs.names import NameResolution
from dialogs.notes import extract_action_lines, minutes_date, minutes_paragraphs
from dialogs.registry import Needs, command
from store import audit, meetings, owner_groups, people
from store import decisions as decision_store
from store.models import Decision, Person

#: the key of a decision draft among the action drafts of the preview
DECISION = "decision"


def _is_decision(payload: batches.Draft) -> bool:
    return DECISION in payload


def _is_doubtful(payload: batches.Draft) -> bool:
    """An item that may be an action (a wish, a row without owner): listed apart, saved
    only when picked."""
    return bool(payload.get("doubtful"))


def _describe(context: Context, payload: batches.Draft) -> Item:
    if _is_decision(payload):
        section = f"{payload['section']} " if payload.get("section") else ""
        return Item(context.t("notes.decision_item", section=section, text=payload[DECISION]))
    item = drafts.describe(context, payload)
    if _is_doubtful(payload):
        return Item(context.t("notes.doubtful_item", text=item.text), item.detail)
    return item


async def _read(context: Context, line: str, meta: dict[str, Any]) -> batches.Draft | None:
    now = datetime.fromisoformat(meta["now"]) if meta.get("now") else context.now
    payload = await read_draft(context, context.require_council(), line, now=now)
    if not payload["text"]:
        return None
    # A rough deadline ("v. 16", "senast i januari", "löpande") the line reader takes for a
    # day, or does not read at all, as the minutes reader has it.
    coming = await _coming_meetings(context, context.require_council().id, meta)
    hit = find_deadline(line, held=now, coming=coming)
    if hit is None or not (hit.deadline.rough or hit.deadline.problem or not payload["due"]):
        return payload
    if payload["due"] and payload["has_time"]:
        return payload  # a meeting the line reader found ("till SOR:s möte i oktober")
    deadline = hit.deadline
    text = payload["text"]
    if payload["due"] is None and deadline.written in text:
        text = " ".join(text.replace(deadline.written, " ").split()).strip(" ,.;")
    return {
        **payload,
        "text": text or payload["text"],
        "due": deadline.due.isoformat() if deadline.due else None,
        "has_time": deadline.has_time,
        "rough": deadline.rough,
        "unread": _UNREAD[deadline.problem] if deadline.problem else None,
        "when_text": deadline.written,
    }


def _unresolved(context: Context, payload: batches.Draft) -> str | None:
    if _is_decision(payload) or _is_doubtful(payload):
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
    # Doubtful items are saved only when picked (`ok` with numbers); a plain `ok` skips them.
    payloads = [p for p in all_payloads if not _is_decision(p) and not _is_doubtful(p)]
    await owner_groups.remember_groups(
        context.session,
        council.id,
        (
            (o["written"], fold(o["written"]).strip(" ."))
            for p in payloads
            for o in p["owners"]
            if o["kind"] in drafts.AS_WRITTEN
        ),
    )
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
    doubtful = sum(1 for p in payloads if _is_doubtful(p))
    if decided:
        title = context.t(
            "notes.preview_with_decisions", count=len(payloads) - decided, decisions=decided
        )
    else:
        title = context.t("notes.preview", count=len(payloads))
    if doubtful:
        return context.t("notes.preview_doubtful", title=title, doubtful=doubtful)
    return title


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
    """Take the action items and decisions out of pasted minutes; deadlines are read as of
    the meeting day."""
    if not args.strip():
        raise context.problem("notes.none", usage="usage.notes")
    council = context.require_council()
    roster = await roster_people(context, council)
    held_on = minutes_date(args)
    held = (
        datetime.combine(held_on, time(12, 0), tzinfo=STOCKHOLM) if held_on else local(context.now)
    )
    meta: dict[str, Any] = {"now": held.isoformat()} if held_on else {}
    coming = await _coming_meetings(context, council.id, meta)
    known_groups = await owner_groups.group_keys(context.session, council.id)
    # Reading 100 KB of minutes can take a few hundred ms of CPU: in a thread, so the event
    # loop keeps answering everyone else meanwhile. The roster goes in as plain values.
    names = tuple(_RosterName(p.id, p.full_name, p.name_key) for p in roster)
    lines, read, decisions = await asyncio.to_thread(
        _read_minutes, args, held, coming, names, known_groups
    )
    if not lines and not read and not decisions:
        raise context.problem("notes.none", usage="usage.notes")
    by_id = {p.id: p for p in roster}
    held_text = held_on.isoformat() if held_on else None
    extra = [_payload(action, by_id, roster) for action in read]
    extra += [{DECISION: d.text, "section": d.section, "held_on": held_text} for d in decisions]
    return await batches.start(context, "notes", lines, meta=meta, extra=extra)


@dataclass(frozen=True)
class _RosterName:
    """A member as the reader in the thread sees it: plain values, no database object."""

    id: int
    full_name: str
    stored_key: str | None

    @property
    def name_key(self) -> str:
        return self.stored_key or name_key(self.full_name)


async def _coming_meetings(
    context: Context, council_id: int, meta: dict[str, Any]
) -> list[datetime]:
    """The meetings "till nästa möte" may mean: the council's saved ones and those the
    minutes themselves propose (ISO strings in ``meta["coming"]``, from their reader)."""
    saved = await context.cached(
        ("meeting starts", council_id),
        lambda: meetings.meeting_starts(context.session, council_id),
    )
    proposed = [datetime.fromisoformat(m) for m in meta.get("coming", ())]
    return sorted({*saved, *proposed})


#: why a deadline written in the minutes has no day, as the lang key under ``action.``
_UNREAD = {"unreadable": "deadline_unreadable", "no_next_meeting": "deadline_no_meeting"}


def _payload(
    action: ActionRead, by_id: dict[int, Person], roster: Sequence[Person]
) -> batches.Draft:
    """An action read from the minutes as a draft, its owners matched to the members."""
    owners = tuple(
        NameResolution(
            o.written,
            o.kind,
            tuple(by_id[m.id] for m in o.matches if isinstance(m, _RosterName) and m.id in by_id),
        )
        for o in action.owners
    )
    deadline = action.deadline
    when = When(deadline.due, None, deadline.has_time) if deadline and deadline.due else None
    draft = ActionDraft(
        owners=owners,
        for_everyone=any(o.kind == "everyone" for o in owners),
        text=action.task[:1].upper() + action.task[1:],
        when=when,
        when_text=deadline.written if deadline else None,
        source=action.source,
    )
    return drafts.to_payload(
        draft,
        roster,
        doubtful=action.doubtful,
        rough=deadline.rough if deadline else None,
        unread=_UNREAD[deadline.problem] if deadline and deadline.problem else None,
    )


def _read_minutes(
    minutes: str,
    held: datetime,
    coming: Sequence[datetime],
    roster: Sequence[_RosterName],
    known_groups: Collection[str],
) -> tuple[list[str], list[ActionRead], tuple[DecisionRead, ...]]:
    """The marked action lines (read by `read_draft`), the other action items, decisions."""
    lines = extract_action_lines(minutes)
    read = read_actions(
        minutes, held=held, coming=coming, roster=roster, known_groups=known_groups, skip=lines
    )
    return lines, read, read_decisions(minutes_paragraphs(minutes))
