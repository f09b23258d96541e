"""Action drafts between reading and saving: stored in a question, resolved, then saved.

A draft is a frozen ``ActionProposal``; it waits in a pending question (as JSON, through
``PROPOSAL``) while the secretary says which Karin was meant, or confirms a pasted list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import TypeAdapter

from dialogs.context import Context
from dialogs.dates.deadlines import deadline_text, has_passed
from dialogs.minutes.action_line import ActionDraft
from dialogs.model import Button, Item, Reply, Tone
from dialogs.pacing import Pacer
from dialogs.people.names import NameResolution, nearest_members, resolve_name, split_names
from dialogs.people.owner_list import owner_list
from dialogs.reminders.plans import replan_actions
from dialogs.text.folding import fold, name_key
from dialogs.text.incoming import read_id
from store import actions, meetings
from store.models import Action, Council, Person


class OwnerKind(StrEnum):
    """What a written owner turned out to be."""

    PERSON = "person"  # one member (``ids``/``names`` hold exactly them)
    EVERYONE = "everyone"  # "alla"
    ORGANISATION = "organisation"  # a body ("kansliet", "Neo-rådet"), kept as written
    OUTSIDE = "outside"  # a person outside the council the secretary chose to keep
    AMBIGUOUS = "ambiguous"  # fits several members (``ids``/``names``: the candidates)
    UNKNOWN = "unknown"  # fits nobody (``ids``/``names``: the nearest members)


UNRESOLVED = (OwnerKind.AMBIGUOUS, OwnerKind.UNKNOWN)
#: Owners saved as written, without a member: bodies ("Neo-rådet") and people outside the
#: council the secretary chose to keep ("behåll som namn utanför rådet").
AS_WRITTEN = (OwnerKind.ORGANISATION, OwnerKind.OUTSIDE)
#: Answers that keep an unknown name as written.
KEEP_WORDS = frozenset({"behall", "behall namnet", "keep", "keep it", "utanfor", "outside"})


@dataclass(frozen=True, kw_only=True)
class OwnerDraft:
    """One owner of a drafted action: the name as written and what it turned out to be."""

    written: str
    kind: OwnerKind
    ids: tuple[int, ...] = ()
    names: tuple[str, ...] = ()

    def settled_as(self, person: Person) -> OwnerDraft:
        return OwnerDraft(
            written=self.written, kind=OwnerKind.PERSON, ids=(person.id,), names=(person.full_name,)
        )

    def kept_as_written(self) -> OwnerDraft:
        """The name stays as written, as an owner outside the council (shown as such)."""
        return OwnerDraft(written=self.written, kind=OwnerKind.OUTSIDE)


@dataclass(frozen=True, kw_only=True)
class ActionProposal:
    """An action between reading and saving: it waits in a stored question while the
    secretary says which Karin was meant, or confirms a pasted list.

    From minutes: ``rough`` is a rough deadline in words ("i mars 2027", "löpande") shown
    beside its latest day; ``unread`` names why a written deadline has no day (a lang key
    under ``action.``); ``doubtful``: the reader is not sure it is an action (a wish, a row
    without owner); ``duplicate_of`` is the number of an open action it repeats.
    """

    kind: Literal["action"] = "action"
    owners: tuple[OwnerDraft, ...]
    for_everyone: bool = False
    text: str
    due: datetime | None = None
    has_time: bool = False
    source: str = ""
    rough: str | None = None
    unread: str | None = None
    when_text: str | None = None
    doubtful: bool = False
    duplicate_of: int | None = None
    #: the deadline is a day and month written without a year ("senast 30 nov")
    year_guessed: bool = False

    def first_unresolved(self) -> int | None:
        """The index of the first owner still to be settled (which Karin? who is Pelle?)."""
        return next((i for i, o in enumerate(self.owners) if o.kind in UNRESOLVED), None)

    def with_owner(self, index: int, owner: OwnerDraft) -> ActionProposal:
        owners = list(self.owners)
        owners[index] = owner
        return replace(self, owners=tuple(owners))

    def person_ids(self) -> list[int]:
        """The members who own it, in order, once each."""
        ids = (o.ids[0] for o in self.owners if o.kind == OwnerKind.PERSON and o.ids)
        return list(dict.fromkeys(ids))

    def written_owners(self) -> list[str]:
        """The owners kept as written (a body, a person outside the council)."""
        return [o.written for o in self.owners if o.kind in AS_WRITTEN]


#: How an action proposal is kept in a stored question.
PROPOSAL = TypeAdapter(ActionProposal)


def _owner(o: NameResolution, roster: Sequence[Person]) -> OwnerDraft:
    matches = list(o.matches)
    if o.kind == "unknown" and not matches:
        # Nobody comes close enough to be suggested by the resolver: offer the nearest anyway.
        matches = list(nearest_members(o.written, roster))
    return OwnerDraft(
        written=o.written,
        kind=OwnerKind(o.kind),
        ids=tuple(p.id for p in matches if isinstance(p, Person)),
        names=tuple(p.full_name for p in matches),
    )


def proposal(draft: ActionDraft, roster: Sequence[Person] = ()) -> ActionProposal:
    """A line's reading as a proposal; an unknown name gets the roster's nearest names as its
    choices."""
    return ActionProposal(
        owners=tuple(_owner(o, roster) for o in draft.owners),
        for_everyone=draft.for_everyone or any(o.kind == "everyone" for o in draft.owners),
        text=draft.text,
        due=draft.when.start if draft.when else None,
        has_time=bool(draft.when and draft.when.has_time),
        source=draft.source,
        when_text=draft.when_text,
        year_guessed=bool(draft.when and draft.when.year_guessed),
    )


def owner_names(context: Context, draft: ActionProposal) -> str:
    names = []
    for owner in draft.owners:
        if owner.kind == OwnerKind.PERSON:
            names.append(owner.names[0])
        elif owner.kind in AS_WRITTEN:
            names.append(context.t("action.unassigned_owner", name=owner.written))
        elif owner.kind in UNRESOLVED:
            names.append(f"{owner.written}?")
    everyone = context.t("action.everyone") if draft.for_everyone else None
    return owner_list(names, everyone=everyone, none=context.t("action.no_owner"))


def deadline_words(context: Context, draft: ActionProposal) -> str:
    """The deadline as the preview shows it; a rough one in its words, with its latest day;
    one that was written but could not be read, with why."""
    if draft.unread:
        return context.t(f"action.{draft.unread}", written=draft.when_text or "")
    return deadline_text(
        context.lang, draft.due, now=context.now, has_time=draft.has_time, rough=draft.rough
    )


def describe(context: Context, draft: ActionProposal) -> Item:
    # a deadline already behind us is said before ``ok`` saves it as it stands
    late = has_passed(draft.due, draft.has_time, context.now)
    return Item(
        f"{owner_names(context, draft)}: {draft.text}",
        deadline_words(context, draft),
        flag=context.t("date.deadline_past_note") if late else None,
    )


def unresolved_text(context: Context, draft: ActionProposal) -> str | None:
    """Why the draft cannot be saved yet, in a few words; None when it can."""
    index = draft.first_unresolved()
    if index is not None:
        owner = draft.owners[index]
        if owner.kind == OwnerKind.AMBIGUOUS:
            return context.t(
                "owner.which_short", name=owner.written, candidates=", ".join(owner.names)
            )
        return context.t("owner.unknown_short", name=owner.written)
    if not draft.owners and not draft.for_everyone:
        return context.t("owner.none_short")
    if not draft.text:
        return context.t("owner.no_text_short")
    return None


def choices(context: Context, owner: OwnerDraft) -> list[str]:
    """The numbered choices for an unsettled owner: the candidates, and for a name that fits
    nobody, keeping it as written (an owner outside the council)."""
    labels = list(owner.names)
    if owner.kind == OwnerKind.UNKNOWN:
        labels.append(context.t("owner.keep_outside", name=owner.written))
    return labels


def question(
    context: Context, draft: ActionProposal, *, line: int | None = None
) -> tuple[str, tuple[str, ...], tuple[Button, ...]]:
    """Ask about the first name that did not resolve: title, lines, choice buttons.

    ``line`` is the draft's number in a pasted list, named in the title so the secretary
    knows which item is meant.
    """
    index = draft.first_unresolved()
    assert index is not None
    owner = draft.owners[index]
    labels = choices(context, owner)
    numbered = tuple(f"{n}. {label}" for n, label in enumerate(labels, start=1))
    buttons = tuple(Button(label, str(n)) for n, label in enumerate(labels, start=1))
    if owner.kind == OwnerKind.AMBIGUOUS:
        title = context.t("owner.which", name=owner.written)
    elif owner.names:
        title = context.t("owner.unknown_near", name=owner.written)
    else:
        title = context.t("owner.unknown", name=owner.written)
    if line is None:
        return title, (*numbered, context.t("owner.answer_number")), buttons
    # In a pasted list: which item is meant; the caller's footer says how to answer.
    title = context.t("owner.on_line", number=line, question=title)
    return title, (f"{owner_names(context, draft)}: {draft.text}", *numbered), buttons


async def settle(
    context: Context, draft: ActionProposal, answer: str, roster: Sequence[Person]
) -> ActionProposal | Reply | None:
    """Apply an answer to "which Karin?" / "who is Pelle?": the draft with that owner
    settled, a Reply when the answer is a wrong number, None when it is no answer at all
    (the caller runs it as a command)."""
    index = draft.first_unresolved()
    if index is None:
        return None
    owner = draft.owners[index]
    labels = choices(context, owner)
    text = answer.strip().lstrip("#").strip()
    if text.isdigit():
        number = read_id(text) or 0
        if not 1 <= number <= len(labels):
            return Reply(title=context.t("owner.bad_number", count=len(labels)), tone=Tone.PROBLEM)
        if number > len(owner.ids):
            return draft.with_owner(index, owner.kept_as_written())
        chosen = owner.ids[number - 1]
        # A person of the same pasted minutes is not saved yet: the roster has them.
        person = next((p for p in roster if p.id == chosen), None) or await context.session.get(
            Person, chosen
        )
        return draft.with_owner(index, owner.settled_as(person)) if person is not None else None
    unknown = owner.kind == OwnerKind.UNKNOWN
    if unknown and (
        fold(text).strip(" .!") in KEEP_WORDS or name_key(text) == name_key(owner.written)
    ):
        return draft.with_owner(index, owner.kept_as_written())  # the same name again: yes
    resolved = resolve_name(text, roster)
    if resolved.kind != "person" or not isinstance(resolved.person, Person):
        return None
    return draft.with_owner(index, owner.settled_as(resolved.person))


def replace_owners(
    draft: ActionProposal, written: str, roster: Sequence[Person]
) -> ActionProposal | None:
    """``1 Karin B`` in a pasted list: the names alone replace the item's unsettled owners
    (or all its owners when none is unsettled). None unless every name is a member (or
    "alla", or a short name that fits several), so a retyped line is never taken for a name."""
    names = split_names(written)
    if not names or len(written.split()) > 4 * len(names):
        return None
    resolved = [resolve_name(name, roster) for name in names]
    # A name that still fits several members ("1 Karin") is taken too, and asked about again;
    # a longer piece that fits nobody is a retyped line, not a name.
    if not all(
        r.kind in ("person", "everyone") or (r.kind == "ambiguous" and len(r.written.split()) <= 2)
        for r in resolved
    ):
        return None
    new = [_owner(r, roster) for r in resolved]
    owners = list(draft.owners)
    open_positions = [i for i, o in enumerate(owners) if o.kind in UNRESOLVED]
    if open_positions and len(open_positions) == len(new):
        for position, owner in zip(open_positions, new, strict=True):
            owners[position] = owner
    else:
        owners = new
    return replace(
        draft,
        owners=tuple(owners),
        for_everyone=any(o.kind == OwnerKind.EVERYONE for o in owners),
    )


async def save(context: Context, council: Council, draft: ActionProposal) -> Action:
    """Create the action with its reminders; the caller records the audit entry."""
    [action] = await save_all(context, council, [draft])
    return action


#: actions written per flush: a flush of several hundred new rows holds the event loop for
#: tens of milliseconds (SQLAlchemy's unit of work is plain Python); a hundred, a few
SAVED_PER_FLUSH = 100


async def save_all(
    context: Context, council: Council, drafts: Sequence[ActionProposal]
) -> list[Action]:
    """Create the actions, numbered in order, with their reminders; the caller records the
    audit entry. The meetings of their deadlines read at once; numbered, written and their
    reminders planned a hundred at a time."""
    session = context.session
    starting = await meetings.meetings_starting_at(
        session, council.id, {d.due for d in drafts if d.due is not None}
    )
    new = []
    for draft in drafts:
        people = [p for pid in draft.person_ids() if (p := await session.get(Person, pid))]
        due_at = draft.due
        meeting = starting.get(due_at) if due_at is not None else None
        new.append(
            actions.NewAction(
                text=draft.text[0].upper() + draft.text[1:],
                owners=people,
                owner_texts=draft.written_owners(),
                for_everyone=draft.for_everyone,
                due_at=due_at,
                due_has_time=draft.has_time,
                due_meeting_id=meeting.id if meeting else None,
                created_by_id=context.person.id if context.person else None,
            )
        )
    saved: list[Action] = []
    pacer = Pacer()
    for start in range(0, len(new), SAVED_PER_FLUSH):
        saved += await actions.add_actions(
            session, council.id, new[start : start + SAVED_PER_FLUSH], at=context.now
        )
        await pacer.pause()
    for start in range(0, len(saved), SAVED_PER_FLUSH):
        await replan_actions(session, saved[start : start + SAVED_PER_FLUSH], context.now)
        await pacer.pause()
    return saved
