"""``notes`` + the pasted minutes: every action item and decision in them, previewed, saved
on ``ok`` in one transaction (one ``ångra`` takes both back)."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from dialogs.change_records import BatchRecord, read
from dialogs.commands.actions import read_draft
from dialogs.commands.council import RosterChange, RosterLine, add_all_to_roster
from dialogs.context import Context
from dialogs.dates.reading import When
from dialogs.dates.writing import STOCKHOLM, local
from dialogs.drafts import actions as drafts
from dialogs.drafts import batches
from dialogs.drafts import meetings as meeting_drafts
from dialogs.drafts.actions import ActionProposal
from dialogs.drafts.meetings import MeetingProposal
from dialogs.minutes.action_line import ActionDraft, read_action_line
from dialogs.minutes.actions import ActionRead, read_actions
from dialogs.minutes.deadlines import find_deadline
from dialogs.minutes.decisions import Decision as DecisionRead
from dialogs.minutes.decisions import read_decisions
from dialogs.minutes.duplicates import duplicate_of
from dialogs.minutes.meetings import (
    MeetingRead,
    clock_of,
    read_coming_meetings,
    read_own_meeting,
)
from dialogs.minutes.notes import extract_action_lines, minutes_lines, minutes_paragraphs
from dialogs.minutes.participants import ParticipantReading, read_participants
from dialogs.minutes.people_drafts import (
    PersonProposal,
    RefMap,
    RosterEntry,
    person_drafts,
    provisional_people,
)
from dialogs.model import Button, Item, Reply, Tone
from dialogs.people.names import NameResolution
from dialogs.people.roles import ranked
from dialogs.registry import Group, Needs, command
from dialogs.reminders.plans import replan_action, replan_open_rounds
from dialogs.text.folding import fold, name_key
from dialogs.undoing import cancel_meetings, undo_memberships, undoes
from store import actions, lookup, meetings, minutes_reading, owner_groups, people
from store import decisions as decision_store
from store.models import Action, ActionStatus, AuditEvent, Decision, Person


@dataclass(frozen=True, kw_only=True)
class DecisionProposal:
    """A decision of the minutes (``§ 4 Beslut: …``), dated by the minutes' own meeting."""

    kind: Literal["decision"] = "decision"
    text: str
    section: str | None = None
    held_on: date | None = None


#: One line of the ``notes`` preview.
NotesDraft = Annotated[
    PersonProposal | MeetingProposal | ActionProposal | DecisionProposal,
    Field(discriminator="kind"),
]


#: The preview's sections in order, with the language keys of their headings.
_SECTIONS = (
    ("people", "notes.section.people"),
    ("meetings", "notes.section.meetings"),
    ("actions", "notes.section.actions"),
    ("maybe", "notes.section.maybe"),
    ("decisions", "notes.section.decisions"),
)


def _section_of(draft: NotesDraft | batches.Unreadable) -> str:
    if isinstance(draft, PersonProposal):
        return "people"
    if isinstance(draft, MeetingProposal):
        return "meetings"
    if isinstance(draft, DecisionProposal):
        return "decisions"
    if isinstance(draft, ActionProposal) and draft.doubtful and draft.duplicate_of is None:
        return "maybe"
    return "actions"


def _doubtful(draft: NotesDraft) -> bool:
    """An item that may be an action (a wish, a row without owner), one saved already, or a
    coming meeting already past: listed apart, saved only when picked."""
    if isinstance(draft, ActionProposal):
        return draft.doubtful or draft.duplicate_of is not None
    return isinstance(draft, MeetingProposal) and draft.past


async def _review(context: Context, read: list[NotesDraft]) -> list[NotesDraft]:
    """An item saved already (same owners, nearly the same words) is shown as such, and only
    saved again when chosen by number."""
    if not any(isinstance(d, ActionProposal) for d in read):
        return read
    council = context.require_council()
    saved = await actions.open_action_keys(context.session, council.id)
    reviewed: list[NotesDraft] = []
    for draft in read:
        if isinstance(draft, ActionProposal) and saved:
            draft = replace(draft, duplicate_of=duplicate_of(draft, saved))
        reviewed.append(draft)
    return reviewed


def _roles_text(context: Context, roles: Sequence[str]) -> str:
    return ", ".join(context.t(f"role.{role}") for role in roles)


def _describe_person(context: Context, draft: PersonProposal) -> Item:
    roles = _roles_text(context, draft.roles)
    if draft.before is None:
        text = context.t("notes.person_new", name=draft.name, roles=roles)
    else:
        before = _roles_text(context, draft.before)
        text = context.t("notes.person_changed", name=draft.name, before=before, roles=roles)
    notes = [draft.note, context.t("notes.person_absent") if draft.absent else None]
    return Item(text, "; ".join(n for n in notes if n) or None)


def _describe(context: Context, draft: NotesDraft) -> Item:
    if isinstance(draft, PersonProposal):
        return _describe_person(context, draft)
    if isinstance(draft, MeetingProposal):
        return meeting_drafts.describe(context, draft)
    if isinstance(draft, DecisionProposal):
        section = f"{draft.section} " if draft.section else ""
        return Item(context.t("notes.decision_item", section=section, text=draft.text))
    item = drafts.describe(context, draft)
    if draft.duplicate_of is not None:
        return replace(item, flag=context.t("notes.duplicate", number=draft.duplicate_of))
    if draft.doubtful:
        return Item(context.t("notes.doubtful_item", text=item.text), item.detail)
    return item


async def _read(context: Context, line: str, meta: batches.BatchMeta) -> NotesDraft | None:
    now = meta.now or context.now
    draft = await read_draft(context, context.require_council(), line, now=now)
    if not draft.text:
        return None
    # A rough deadline ("v. 16", "senast i januari", "löpande") the line reader takes for a
    # day, or does not read at all, as the minutes reader has it.
    coming = await _coming_meetings(context, context.require_council().id, meta)
    hit = find_deadline(line, held=now, coming=coming)
    if hit is None or not (hit.deadline.rough or hit.deadline.problem or draft.due is None):
        return draft
    if draft.due is not None and draft.has_time:
        return draft  # a meeting the line reader found ("till SOR:s möte i oktober")
    deadline = hit.deadline
    text = draft.text
    if draft.due is None and deadline.written in text:
        text = " ".join(text.replace(deadline.written, " ").split()).strip(" ,.;")
    return replace(
        draft,
        text=text or draft.text,
        due=deadline.due,
        has_time=deadline.has_time,
        rough=deadline.rough,
        unread=_UNREAD[deadline.problem] if deadline.problem else None,
        when_text=deadline.written,
    )


def _unresolved(context: Context, draft: NotesDraft) -> str | None:
    if not isinstance(draft, ActionProposal) or _doubtful(draft):
        return None
    # An item the minutes give no owner is saved as such ("ingen ansvarig"), as written;
    # only a name that fits several members, or none, must be settled first.
    if draft.first_unresolved() is None:
        return None
    return drafts.unresolved_text(context, draft)


async def _roster(context: Context) -> list[Person]:
    """The council's members, and the people of the preview not saved yet."""
    council = context.require_council()
    return await context.cached(("roster", council.id), lambda: _members(context, council.id))


async def _members(context: Context, council_id: int) -> list[Person]:
    return [m.person for m in await people.roster(context.session, council_id)]


async def _amend(context: Context, draft: NotesDraft, text: str) -> NotesDraft | None:
    """``1 Karin B``: only the owner of item 1 changes, the rest of it stays as read; a
    decision's line takes the new text as its text, a meeting's is read again as a meeting,
    a person's as a line of the participant list."""
    if isinstance(draft, MeetingProposal):
        return meeting_drafts.amend(draft, text, today=local(context.now).date())
    if isinstance(draft, DecisionProposal):
        return replace(draft, text=text.strip())
    if isinstance(draft, PersonProposal):
        reading = read_participants([text])
        return draft.read_again(reading.people[0]) if len(reading.people) == 1 else None
    return drafts.replace_owners(draft, text, await _roster(context))


def _question(
    context: Context, draft: NotesDraft, number: int
) -> tuple[str, tuple[str, ...], tuple[Button, ...]]:
    assert isinstance(draft, ActionProposal)
    return drafts.question(context, draft, line=number)


async def _settle(context: Context, draft: NotesDraft, answer: str) -> NotesDraft | Reply | None:
    assert isinstance(draft, ActionProposal)
    return await drafts.settle(context, draft, answer, await _roster(context))


def _hint(context: Context, entries: list[batches.Entry[NotesDraft]]) -> str | None:
    """How to settle just the owner, with a real example from the list."""
    for number, entry in enumerate(entries, start=1):
        draft = entry.draft
        index = draft.first_unresolved() if isinstance(draft, ActionProposal) else None
        if isinstance(draft, ActionProposal) and index is not None:
            names = draft.owners[index].names
            example = f"{number} {names[0]}" if names else f"{number} …"
            return context.t("notes.fix_owner_hint", example=example)
    return None


async def _save_decisions(context: Context, decisions: list[DecisionProposal]) -> list[Decision]:
    """The decisions, dated by the minutes' meeting (else today) and tied to that meeting
    when the council has one on that day."""
    if not decisions:
        return []
    council = context.require_council()
    held_on = decisions[0].held_on
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
            text=d.text,
            search_key=fold(f"{d.section or ''} {d.text}"),
            section=d.section,
            meeting_id=meeting_id,
            decided_on=decided_on,
            created_by_id=context.person.id if context.person else None,
            now=context.now,
        )
        for d in decisions
    ]


async def _save_people(
    context: Context, proposals: list[PersonProposal]
) -> tuple[RefMap, list[RosterChange]]:
    """The people of the preview on the roster; the saved ids for their provisional ones, and
    the audit's account of each membership (new, or its role before)."""
    council = context.require_council()
    lines = []
    for p in proposals:
        roles = list(ranked(p.roles))
        lines.append(RosterLine(p.name, roles[0], p.note, p.email, tuple(roles[1:])))
    changes = await add_all_to_roster(context, council, lines)
    saved = {p.ref: change.person_id for p, change in zip(proposals, changes, strict=True)}
    return RefMap(saved), changes


async def _save(context: Context, chosen: list[NotesDraft]) -> Reply:
    council = context.require_council()
    refs, memberships = await _save_people(
        context, [d for d in chosen if isinstance(d, PersonProposal)]
    )
    # Meetings next: the decisions tie to the minutes' own meeting, and actions due "till
    # nästa möte" to the coming one.
    met = [
        m
        for d in chosen
        if isinstance(d, MeetingProposal)
        and (m := await meeting_drafts.save(context, council, d)) is not None
    ]
    proposals = [refs.owners(d) for d in chosen if isinstance(d, ActionProposal)]
    await owner_groups.remember_groups(
        context.session,
        council.id,
        ((w, fold(w).strip(" .")) for p in proposals for w in p.written_owners()),
    )
    decided = await _save_decisions(context, [d for d in chosen if isinstance(d, DecisionProposal)])
    saved = await drafts.save_all(context, council, proposals)
    if memberships:
        await replan_open_rounds(context.session, council.id, context.now)
    await context.audit(
        "add",
        "action_batch",
        None,
        council_id=council.id,
        after=BatchRecord(
            action_ids=tuple(a.id for a in saved),
            decision_ids=tuple(d.id for d in decided),
            membership_ids=tuple(m.membership_id for m in memberships if m.created),
            updated=tuple(
                replace(m.before, id=m.membership_id)
                for m in memberships
                if not m.created and m.before is not None
            ),
            meeting_ids=tuple(m.id for m in met),
            count=len(saved) + len(decided) + len(memberships) + len(met),
        ),
    )
    items, more = batches.saved_list(
        context,
        [
            *(
                Item(f"#{a.number} {a.text}", drafts.owner_names(context, p))
                for a, p in zip(saved, proposals, strict=True)
            ),
            *(
                Item(context.t("notes.decision_item", section=_section(d), text=d.text))
                for d in decided
            ),
        ],
    )
    lines = [context.tn("notes.saved_people", len(memberships))] if memberships else []
    if met:
        lines.append(context.tn("notes.meetings_saved", len(met)))
    title = context.tn("notes.saved", len(saved))
    if decided:
        title = context.t(
            "notes.saved_with_decisions",
            actions=context.tn("notes.count_actions", len(saved)),
            decisions=context.tn("notes.count_decisions", len(decided)),
        )
    return Reply(title=title, lines=tuple(lines), items=items, footer=more, tone=Tone.OK)


def _title(context: Context, read: list[NotesDraft]) -> str:
    """ "Jag hittade 6 åtgärder, 2 beslut och 4 nya personer i anteckningarna"."""
    counts = {name: 0 for name, _ in _SECTIONS}
    for draft in read:
        counts[_section_of(draft)] += 1
    found = [context.tn("notes.count_actions", counts["actions"])]
    found += [
        context.tn(f"notes.count_{name}", counts[name])
        for name in ("maybe", "decisions", "meetings", "people")
        if counts[name]
    ]
    and_word = context.t("list.and")
    listed = found[0] if len(found) == 1 else f"{', '.join(found[:-1])} {and_word} {found[-1]}"
    return context.t("notes.preview_found", found=listed)


def _section(decision: Decision) -> str:
    return f"{decision.section} " if decision.section else ""


NOTES: batches.BatchKind[NotesDraft] = batches.BatchKind(
    name="notes",
    state=TypeAdapter(batches.BatchState[NotesDraft]),
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
    doubtful=_doubtful,
)


@command(
    "notes",
    "notes",
    "anteckningar",
    "minnesanteckningar",
    "protokoll",
    needs=Needs.OFFICER,
    paste=True,
    sv="anteckningar",
    en="notes",
    group=Group.NOTES,
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
    held_on = frame.own.day if frame.own else None
    held = (
        datetime.combine(held_on, time(12, 0), tzinfo=STOCKHOLM) if held_on else local(context.now)
    )
    meta = batches.BatchMeta(
        now=held if held_on else None, coming=meeting_drafts.coming_starts(met)
    )
    coming = await _coming_meetings(context, council.id, meta)
    names = tuple(_RosterName(p.id, p.full_name, p.name_key) for p in roster)
    lines, read = await asyncio.to_thread(
        _read_actions, args, held, coming, names, known.group_keys
    )
    if not (lines or read or frame.decisions or met or newcomers):
        raise context.problem("notes.none", usage="usage.notes")
    by_id = {p.id: p for p in roster}
    extra: list[NotesDraft] = [
        *newcomers,
        *met,
        *(_proposal(action, by_id, roster) for action in read),
        *(
            DecisionProposal(text=d.text, section=d.section, held_on=held_on)
            for d in frame.decisions
        ),
    ]
    entries = [batches.Entry[NotesDraft](draft=d) for d in extra]
    return await batches.start(context, NOTES, lines, meta=meta, extra=entries)


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
        read_coming_meetings(
            lines,
            reference=own.day if own else today,
            own_time=clock_of(own),
        ),
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
    context: Context, council_id: int, meta: batches.BatchMeta
) -> list[datetime]:
    """The meetings "till nästa möte" may mean: the council's saved ones and those the
    minutes themselves propose."""
    saved = await context.cached(
        ("meeting starts", council_id),
        lambda: meetings.meeting_starts(context.session, council_id),
    )
    return sorted({*saved, *meta.coming})


#: why a deadline written in the minutes has no day, as the lang key under ``action.``
_UNREAD = {"unreadable": "deadline_unreadable", "no_next_meeting": "deadline_no_meeting"}


def _proposal(
    action: ActionRead, by_id: dict[int, Person], roster: Sequence[Person]
) -> ActionProposal:
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
    return replace(
        drafts.proposal(draft, roster),
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
    """The marked action lines (read by `read_draft`) and the other action items. A marked
    line in which the line reader finds no owner is read as prose too, and taken from there
    when that finds one ("Rutinen revideras (Amira) – senast 6/11")."""
    lines = extract_action_lines(minutes)
    read = read_actions(
        minutes, held=held, coming=coming, roster=roster, known_groups=known_groups, skip=lines
    )
    kept = []
    for line in lines:
        if not read_action_line(line, roster, now=held, meetings=coming).owners:
            prose = read_actions(
                line, held=held, coming=coming, roster=roster, known_groups=known_groups
            )
            if len(prose) == 1 and prose[0].owners:
                read.append(prose[0])
                continue
        kept.append(line)
    return kept, read


@undoes("add", "action_batch")
async def _take_back(context: Context, event: AuditEvent) -> bool:
    """All that one ``ok`` saved from minutes goes together: its actions are cancelled, its
    decisions deleted, its memberships and meetings taken back."""
    after = read(BatchRecord, event.after)
    if after is None:
        return False
    for action in (await lookup.by_ids(context.session, Action, list(after.action_ids))).values():
        action.status = ActionStatus.CANCELLED
        await replan_action(context.session, action, context.now)
    await decision_store.delete_decisions(context.session, list(after.decision_ids))
    await undo_memberships(context, event)
    await cancel_meetings(context, after.meeting_ids)
    return True
