"""``notes`` + the pasted minutes: every action item and decision in them, previewed, saved
on ``ok`` in one transaction (one ``ångra`` takes both back)."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from dialogs import action_drafts as drafts
from dialogs import batches, meeting_drafts
from dialogs.action_line import ActionDraft
from dialogs.commands.actions import read_draft
from dialogs.commands.council import RosterLine, add_to_roster
from dialogs.context import Context
from dialogs.datefmt import STOCKHOLM, local
from dialogs.dates import When
from dialogs.folding import fold, name_key
from dialogs.minutes.actions import ActionRead, read_actions
from dialogs.minutes.deadlines import find_deadline
from dialogs.minutes.decisions import Decision as DecisionRead
from dialogs.minutes.decisions import read_decisions
from dialogs.minutes.duplicates import duplicate_of
from dialogs.minutes.meetings import MeetingRead, read_coming_meetings, read_own_meeting
from dialogs.minutes.participants import ParticipantReading, read_participants
from dialogs.minutes.people_drafts import (
    PERSON,
    RefMap,
    RosterEntry,
    person_drafts,
    person_fields,
    provisional_people,
)
from dialogs.model import Button, Item, Reply, Tone
from dialogs.names import NameResolution
from dialogs.notes import extract_action_lines, minutes_lines, minutes_paragraphs
from dialogs.registry import Needs, command
from dialogs.reminder_plans import replan_open_rounds
from dialogs.roles import ranked
from store import actions, audit, meetings, minutes_reading, owner_groups, people
from store import decisions as decision_store
from store.models import Decision, Person, Role

#: the key of a decision draft among the action drafts of the preview
DECISION = "decision"
#: the number of the open action an action draft repeats
DUPLICATE = "duplicate_of"


def _is_decision(payload: batches.Draft) -> bool:
    return DECISION in payload


def _is_person(payload: batches.Draft) -> bool:
    return PERSON in payload


def _is_action(payload: batches.Draft) -> bool:
    return "owners" in payload and not meeting_drafts.is_meeting(payload)


#: The preview's sections in order, with the language keys of their headings.
_SECTIONS = (
    ("people", "notes.section.people"),
    ("meetings", "notes.section.meetings"),
    ("actions", "notes.section.actions"),
    ("maybe", "notes.section.maybe"),
    ("decisions", "notes.section.decisions"),
)


def _section_of(payload: batches.Draft) -> str:
    if _is_person(payload):
        return "people"
    if meeting_drafts.is_meeting(payload):
        return "meetings"
    if _is_decision(payload):
        return "decisions"
    if payload.get(batches.DOUBTFUL) and DUPLICATE not in payload:
        return "maybe"
    return "actions"


async def _review(context: Context, payloads: list[batches.Draft]) -> list[batches.Draft]:
    """An item saved already (same owners, nearly the same words) is shown as such, and only
    saved again when chosen by number."""
    if not any(_is_action(p) for p in payloads):
        return payloads
    council = context.require_council()
    saved = await actions.open_action_keys(context.session, council.id)
    reviewed = []
    for payload in payloads:
        number = duplicate_of(payload, saved) if _is_action(payload) and saved else None
        if number is not None:
            payload = {**payload, DUPLICATE: number, batches.DOUBTFUL: True}
        reviewed.append(payload)
    return reviewed


def _roles_text(context: Context, roles: list[str]) -> str:
    return ", ".join(context.t(f"role.{role}") for role in roles)


def _describe_person(context: Context, payload: batches.Draft) -> Item:
    roles = _roles_text(context, payload["roles"])
    if payload["before"] is None:
        text = context.t("notes.person_new", name=payload[PERSON], roles=roles)
    else:
        before = _roles_text(context, payload["before"])
        text = context.t("notes.person_changed", name=payload[PERSON], before=before, roles=roles)
    notes = [payload["note"], context.t("notes.person_absent") if payload["absent"] else None]
    return Item(text, "; ".join(n for n in notes if n) or None)


def _is_doubtful(payload: batches.Draft) -> bool:
    """An item that may be an action (a wish, a row without owner): listed apart, saved
    only when picked."""
    return not batches.is_certain(payload)


def _describe(context: Context, payload: batches.Draft) -> Item:
    if _is_person(payload):
        return _describe_person(context, payload)
    if meeting_drafts.is_meeting(payload):
        return meeting_drafts.describe(context, payload)
    if DUPLICATE in payload:
        item = drafts.describe(context, payload)
        return replace(item, flag=context.t("notes.duplicate", number=payload[DUPLICATE]))
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
    if not _is_action(payload) or _is_doubtful(payload):
        return None
    # An item the minutes give no owner is saved as such ("ingen ansvarig"), as written;
    # only a name that fits several members, or none, must be settled first.
    if drafts.first_unresolved(payload) is None:
        return None
    return drafts.unresolved_text(context, payload)


async def _roster(context: Context) -> list[Person]:
    """The council's members, and the people of the preview not saved yet."""
    council = context.require_council()
    return await context.cached(("roster", council.id), lambda: _members(context, council.id))


async def _members(context: Context, council_id: int) -> list[Person]:
    return [m.person for m in await people.roster(context.session, council_id)]


async def _amend(context: Context, payload: batches.Draft, text: str) -> batches.Draft | None:
    """``1 Karin B``: only the owner of item 1 changes, the rest of it stays as read; a
    decision's line takes the new text as its text, a meeting's is read again as a meeting."""
    if meeting_drafts.is_meeting(payload):
        return meeting_drafts.amend(payload, text, today=local(context.now).date())
    if _is_decision(payload):
        return {**payload, DECISION: text.strip()}
    if _is_person(payload):
        return _amend_person(payload, read_participants([text]))
    return drafts.replace_owners(payload, text, await _roster(context))


def _amend_person(payload: batches.Draft, reading: ParticipantReading) -> batches.Draft | None:
    """``3 Eva Lind, sekreterare``: the person line read again; None unless it names one."""
    if len(reading.people) != 1:
        return None
    return {**payload, **person_fields(reading.people[0])}


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


async def _save_people(
    context: Context, payloads: list[batches.Draft]
) -> tuple[RefMap, list[dict[str, Any]]]:
    """The people of the preview on the roster; the saved ids for their provisional ones, and
    the audit's account of each membership (new, or its role before)."""
    council = context.require_council()
    saved: dict[int, int] = {}
    changes: list[dict[str, Any]] = []
    for p in payloads:
        roles = list(ranked(Role(r) for r in p["roles"]))
        line = RosterLine(p[PERSON], roles[0], p["note"], p["email"], tuple(roles[1:]))
        change = await add_to_roster(context, council, line, audited=False)
        saved[p["ref"]] = change.person_id
        changes.append(
            {"id": change.membership_id, "created": change.created, **(change.before or {})}
        )
    return RefMap(saved), changes


async def _save(context: Context, all_payloads: list[batches.Draft]) -> Reply:
    council = context.require_council()
    refs, memberships = await _save_people(context, [p for p in all_payloads if _is_person(p)])
    # Meetings next: the decisions tie to the minutes' own meeting, and actions due "till
    # nästa möte" to the coming one.
    met = [
        m
        for p in all_payloads
        if meeting_drafts.is_meeting(p)
        and (m := await meeting_drafts.save(context, council, p)) is not None
    ]
    payloads = [refs.owners(p) for p in all_payloads if _is_action(p)]
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
    if memberships:
        await replan_open_rounds(context.session, council.id, context.now)
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
            "membership_ids": [m["id"] for m in memberships if m["created"]],
            "updated": [
                {k: v for k, v in m.items() if k != "created"}
                for m in memberships
                if not m["created"]
            ],
            "meeting_ids": [m.id for m in met],
            "count": len(saved) + len(decided) + len(memberships) + len(met),
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
    lines = [context.t("notes.saved_people", count=len(memberships))] if memberships else []
    if met:
        lines.append(context.t("notes.meetings_saved", count=len(met)))
    title = context.t("notes.saved", count=len(saved))
    if decided:
        title = context.t("notes.saved_with_decisions", count=len(saved), decisions=len(decided))
    return Reply(title=title, lines=tuple(lines), items=items, footer=more, tone=Tone.OK)


def _title(context: Context, payloads: list[batches.Draft]) -> str:
    """ "Jag hittade 6 åtgärder, 2 beslut och 4 nya personer i anteckningarna"."""
    counts = {name: 0 for name, _ in _SECTIONS}
    for payload in payloads:
        counts[_section_of(payload)] += 1
    found = [context.t("notes.count_actions", count=counts["actions"])]
    found += [
        context.t(f"notes.count_{name}", count=counts[name])
        for name in ("maybe", "decisions", "meetings", "people")
        if counts[name]
    ]
    and_word = context.t("list.and")
    listed = found[0] if len(found) == 1 else f"{', '.join(found[:-1])} {and_word} {found[-1]}"
    return context.t("notes.preview_found", found=listed)


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
        sections=_SECTIONS,
        section_of=_section_of,
        review=_review,
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
    """Take the people, meetings, action items and decisions out of pasted minutes; every
    relative date is read as of the minutes' own day."""
    if not args.strip():
        raise context.problem("notes.none", usage="usage.notes")
    # Reading 100 KB of minutes can take a few hundred ms of CPU: in a thread, so the event
    # loop keeps answering everyone else meanwhile.
    today = local(context.now).date()
    frame = await asyncio.to_thread(_read_frame, args, today)
    council = context.require_council()
    memberships = await people.roster(context.session, council.id)
    newcomers = person_drafts(
        frame.participants, [RosterEntry(m.person, frozenset(m.roles)) for m in memberships]
    )
    # The action readers find the people of the participant list before ``ok`` saves them.
    roster = [*(m.person for m in memberships), *provisional_people(newcomers)]
    context.memo[("roster", council.id)] = roster
    known = await minutes_reading.reading_context(context.session, council.id)
    existing = known.meeting_starts
    context.memo[("meeting starts", council.id)] = existing
    met = meeting_drafts.proposals(frame.own, frame.coming, existing=existing, today=today)
    meta: dict[str, Any] = {"coming": meeting_drafts.coming_starts(met)}
    held_on = frame.own.day if frame.own else None
    held = (
        datetime.combine(held_on, time(12, 0), tzinfo=STOCKHOLM) if held_on else local(context.now)
    )
    if held_on:
        meta["now"] = held.isoformat()
    coming = await _coming_meetings(context, council.id, meta)
    names = tuple(_RosterName(p.id, p.full_name, p.name_key) for p in roster)
    lines, read = await asyncio.to_thread(
        _read_actions, args, held, coming, names, known.group_keys
    )
    if not (lines or read or frame.decisions or met or newcomers):
        raise context.problem("notes.none", usage="usage.notes")
    by_id = {p.id: p for p in roster}
    held_text = held_on.isoformat() if held_on else None
    extra = [
        *newcomers,
        *met,
        *(_payload(action, by_id, roster) for action in read),
        *({DECISION: d.text, "section": d.section, "held_on": held_text} for d in frame.decisions),
    ]
    return await batches.start(context, "notes", lines, meta=meta, extra=extra)


@dataclass(frozen=True)
class _MinutesFrame:
    """What the minutes say apart from their action items."""

    decisions: tuple[DecisionRead, ...]
    own: MeetingRead | None
    coming: tuple[MeetingRead, ...]
    participants: ParticipantReading


def _read_frame(minutes: str, today: date) -> _MinutesFrame:
    """The decisions, meetings and people of the minutes; relative dates against their day."""
    lines = minutes_lines(minutes)
    own = read_own_meeting(lines)
    return _MinutesFrame(
        read_decisions(minutes_paragraphs(minutes)),
        own,
        read_coming_meetings(lines, reference=own.day if own else today),
        read_participants(minutes),
    )


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


def _read_actions(
    minutes: str,
    held: datetime,
    coming: Sequence[datetime],
    roster: Sequence[_RosterName],
    known_groups: Collection[str],
) -> tuple[list[str], list[ActionRead]]:
    """The marked action lines (read by `read_draft`) and the other action items."""
    lines = extract_action_lines(minutes)
    read = read_actions(
        minutes, held=held, coming=coming, roster=roster, known_groups=known_groups, skip=lines
    )
    return lines, read
