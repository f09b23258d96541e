"""Action drafts between reading and saving: stored in a question, resolved, then saved.

A draft is kept as plain JSON (``payload``) so it can wait in a pending question while the
secretary says which Karin was meant, or confirms a pasted list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from dialogs.action_line import ActionDraft
from dialogs.context import Context
from dialogs.datefmt import format_moment
from dialogs.folding import fold, name_key
from dialogs.input_text import read_id
from dialogs.model import Button, Item, Reply, Tone
from dialogs.names import NameResolution, nearest_members, resolve_name, split_names
from dialogs.reminder_plans import replan_action
from store import actions, meetings
from store.models import Action, Council, Person

Payload = dict[str, Any]
UNRESOLVED = ("ambiguous", "unknown")
#: Owners saved as written, without a member: bodies ("Neo-rådet") and people outside the
#: council the secretary chose to keep ("behåll som namn utanför rådet").
AS_WRITTEN = ("organisation", "outside")
#: Answers that keep an unknown name as written.
KEEP_WORDS = frozenset({"behall", "behall namnet", "keep", "keep it", "utanfor", "outside"})


def _owner(o: NameResolution, roster: Sequence[Person]) -> dict[str, Any]:
    matches = list(o.matches)
    if o.kind == "unknown" and not matches:
        # Nobody comes close enough to be suggested by the resolver: offer the nearest anyway.
        matches = list(nearest_members(o.written, roster))
    return {
        "written": o.written,
        "kind": o.kind,
        "ids": [p.id for p in matches if isinstance(p, Person)],
        "names": [p.full_name for p in matches],
    }


def to_payload(
    draft: ActionDraft,
    roster: Sequence[Person] = (),
    *,
    doubtful: bool = False,
    rough: str | None = None,
    unread: str | None = None,
) -> Payload:
    """A draft as JSON; an unknown name gets the roster's nearest names as its choices.

    From minutes: ``doubtful`` items are listed apart and saved only when picked; ``rough``
    is a rough deadline in words ("i mars 2027", "löpande") shown beside its latest day;
    ``unread`` names why a written deadline has no day (a lang key under ``action.``).
    """
    return {
        "owners": [_owner(o, roster) for o in draft.owners],
        "for_everyone": draft.for_everyone or any(o.kind == "everyone" for o in draft.owners),
        "text": draft.text,
        "due": draft.when.start.isoformat() if draft.when else None,
        "has_time": bool(draft.when and draft.when.has_time),
        "source": draft.source,
        "doubtful": doubtful,
        "rough": rough,
        "unread": unread,
        "when_text": draft.when_text,
    }


def first_unresolved(payload: Payload) -> int | None:
    return next((i for i, o in enumerate(payload["owners"]) if o["kind"] in UNRESOLVED), None)


def owner_names(context: Context, payload: Payload) -> str:
    names = [context.t("action.everyone")] if payload["for_everyone"] else []
    for owner in payload["owners"]:
        if owner["kind"] == "person":
            names.append(owner["names"][0])
        elif owner["kind"] in AS_WRITTEN:
            names.append(context.t("action.unassigned_owner", name=owner["written"]))
        elif owner["kind"] in UNRESOLVED:
            names.append(f"{owner['written']}?")
    return ", ".join(names) or context.t("action.no_owner")


def deadline_words(context: Context, payload: Payload) -> str:
    """The deadline as the preview shows it; a rough one in its words, with its latest day;
    one that was written but could not be read, with why."""
    rough = payload.get("rough")
    if payload.get("unread"):
        return context.t(f"action.{payload['unread']}", written=payload.get("when_text") or "")
    if not payload["due"]:
        return rough or context.t("action.no_deadline")
    when = format_moment(
        datetime.fromisoformat(payload["due"]),
        context.lang,
        now=context.now,
        has_time=payload["has_time"],
    )
    if rough:
        return context.t("action.due_rough", rough=rough, when=when)
    return context.t("action.due", when=when)


def describe(context: Context, payload: Payload) -> Item:
    return Item(
        f"{owner_names(context, payload)}: {payload['text']}", deadline_words(context, payload)
    )


def unresolved_text(context: Context, payload: Payload) -> str | None:
    """Why the draft cannot be saved yet, in a few words; None when it can."""
    index = first_unresolved(payload)
    if index is not None:
        owner = payload["owners"][index]
        if owner["kind"] == "ambiguous":
            return context.t(
                "owner.which_short", name=owner["written"], candidates=", ".join(owner["names"])
            )
        return context.t("owner.unknown_short", name=owner["written"])
    if not payload["owners"] and not payload["for_everyone"]:
        return context.t("owner.none_short")
    if not payload["text"]:
        return context.t("owner.no_text_short")
    return None


def choices(context: Context, owner: dict[str, Any]) -> list[str]:
    """The numbered choices for an unsettled owner: the candidates, and for a name that fits
    nobody, keeping it as written (an owner outside the council)."""
    labels = list(owner["names"])
    if owner["kind"] == "unknown":
        labels.append(context.t("owner.keep_outside", name=owner["written"]))
    return labels


def question(
    context: Context, payload: Payload, *, line: int | None = None
) -> tuple[str, tuple[str, ...], tuple[Button, ...]]:
    """Ask about the first name that did not resolve: title, lines, choice buttons.

    ``line`` is the draft's number in a pasted list, named in the title so the secretary
    knows which item is meant.
    """
    index = first_unresolved(payload)
    assert index is not None
    owner = payload["owners"][index]
    labels = choices(context, owner)
    numbered = tuple(f"{n}. {label}" for n, label in enumerate(labels, start=1))
    buttons = tuple(Button(label, str(n)) for n, label in enumerate(labels, start=1))
    if owner["kind"] == "ambiguous":
        title = context.t("owner.which", name=owner["written"])
    elif owner["names"]:
        title = context.t("owner.unknown_near", name=owner["written"])
    else:
        title = context.t("owner.unknown", name=owner["written"])
    if line is None:
        return title, (*numbered, context.t("owner.answer_number")), buttons
    # In a pasted list: which item is meant; the caller's footer says how to answer.
    title = context.t("owner.on_line", number=line, question=title)
    return title, (f"{owner_names(context, payload)}: {payload['text']}", *numbered), buttons


def choose(payload: Payload, index: int, person: Person) -> Payload:
    owners = [dict(o) for o in payload["owners"]]
    owners[index] = {
        "written": owners[index]["written"],
        "kind": "person",
        "ids": [person.id],
        "names": [person.full_name],
    }
    return dict(payload, owners=owners)


def keep_as_written(payload: Payload, index: int) -> Payload:
    """The name stays as written, as an owner outside the council (shown as such)."""
    owners = [dict(o) for o in payload["owners"]]
    owners[index] = {"written": owners[index]["written"], "kind": "outside", "ids": [], "names": []}
    return dict(payload, owners=owners)


async def settle(
    context: Context, payload: Payload, answer: str, roster: Sequence[Person]
) -> Payload | Reply | None:
    """Apply an answer to "which Karin?" / "who is Pelle?": the payload with that owner
    settled, a Reply when the answer is a wrong number, None when it is no answer at all
    (the caller runs it as a command)."""
    index = first_unresolved(payload)
    if index is None:
        return None
    owner = payload["owners"][index]
    labels = choices(context, owner)
    text = answer.strip().lstrip("#").strip()
    if text.isdigit():
        number = read_id(text) or 0
        if not 1 <= number <= len(labels):
            return Reply(title=context.t("owner.bad_number", count=len(labels)), tone=Tone.PROBLEM)
        if number > len(owner["ids"]):
            return keep_as_written(payload, index)
        chosen = owner["ids"][number - 1]
        # A person of the same pasted minutes is not saved yet: the roster has them.
        person = next((p for p in roster if p.id == chosen), None) or await context.session.get(
            Person, chosen
        )
        return choose(payload, index, person) if person is not None else None
    unknown = owner["kind"] == "unknown"
    if unknown and (
        fold(text).strip(" .!") in KEEP_WORDS or name_key(text) == name_key(owner["written"])
    ):
        return keep_as_written(payload, index)  # the same name again: yes, that one
    resolved = resolve_name(text, roster)
    if resolved.kind != "person" or not isinstance(resolved.person, Person):
        return None
    return choose(payload, index, resolved.person)


def replace_owners(payload: Payload, written: str, roster: Sequence[Person]) -> Payload | None:
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
    owners = [dict(o) for o in payload["owners"]]
    open_positions = [i for i, o in enumerate(owners) if o["kind"] in UNRESOLVED]
    if open_positions and len(open_positions) == len(new):
        for position, owner in zip(open_positions, new, strict=True):
            owners[position] = owner
    else:
        owners = new
    return dict(
        payload,
        owners=owners,
        for_everyone=any(o["kind"] == "everyone" for o in owners),
    )


async def save(context: Context, council: Council, payload: Payload) -> Action:
    """Create the action with its reminders; the caller records the audit entry."""
    person_ids = [o["ids"][0] for o in payload["owners"] if o["kind"] == "person"]
    people = [
        p for pid in dict.fromkeys(person_ids) if (p := await context.session.get(Person, pid))
    ]
    due_at = datetime.fromisoformat(payload["due"]) if payload["due"] else None
    meeting = (
        await meetings.meeting_starting_at(context.session, council.id, due_at) if due_at else None
    )
    text = payload["text"][0].upper() + payload["text"][1:]
    action = await actions.add_action(
        context.session,
        council_id=council.id,
        text=text,
        owners=people,
        owner_texts=[o["written"] for o in payload["owners"] if o["kind"] in AS_WRITTEN],
        for_everyone=payload["for_everyone"],
        due_at=due_at,
        due_has_time=payload["has_time"],
        due_meeting_id=meeting.id if meeting else None,
        created_by_id=context.person.id if context.person else None,
        at=context.now,
    )
    await replan_action(context.session, action, context.now)
    return action
