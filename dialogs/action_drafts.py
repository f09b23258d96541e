"""Action drafts between reading and saving: stored in a question, resolved, then saved.

A draft is kept as plain JSON (``payload``) so it can wait in a pending question while the
secretary says which Karin was meant, or confirms a pasted list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dialogs.action_line import ActionDraft
from dialogs.context import Context
from dialogs.datefmt import format_moment
from dialogs.model import Button, Item
from dialogs.reminder_plans import replan_action
from store import actions, meetings
from store.models import Action, Council, Person

Payload = dict[str, Any]
UNRESOLVED = ("ambiguous", "unknown")


def to_payload(draft: ActionDraft) -> Payload:
    return {
        "owners": [
            {
                "written": o.written,
                "kind": o.kind,
                "ids": [p.id for p in o.matches if isinstance(p, Person)],
                "names": [p.full_name for p in o.matches],
            }
            for o in draft.owners
        ],
        "for_everyone": draft.for_everyone or any(o.kind == "everyone" for o in draft.owners),
        "text": draft.text,
        "due": draft.when.start.isoformat() if draft.when else None,
        "has_time": bool(draft.when and draft.when.has_time),
        "source": draft.source,
    }


def first_unresolved(payload: Payload) -> int | None:
    return next((i for i, o in enumerate(payload["owners"]) if o["kind"] in UNRESOLVED), None)


def owner_names(context: Context, payload: Payload) -> str:
    names = [context.t("action.everyone")] if payload["for_everyone"] else []
    for owner in payload["owners"]:
        if owner["kind"] == "person":
            names.append(owner["names"][0])
        elif owner["kind"] == "organisation":
            names.append(context.t("action.unassigned_owner", name=owner["written"]))
        elif owner["kind"] in UNRESOLVED:
            names.append(f"{owner['written']}?")
    return ", ".join(names) or context.t("action.no_owner")


def deadline_words(context: Context, payload: Payload) -> str:
    if not payload["due"]:
        return context.t("action.no_deadline")
    when = format_moment(
        datetime.fromisoformat(payload["due"]),
        context.lang,
        now=context.now,
        has_time=payload["has_time"],
    )
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


def question(context: Context, payload: Payload) -> tuple[str, tuple[str, ...], tuple[Button, ...]]:
    """Ask about the first name that did not resolve: title, lines, choice buttons."""
    index = first_unresolved(payload)
    assert index is not None
    owner = payload["owners"][index]
    choices = tuple(f"{n}. {name}" for n, name in enumerate(owner["names"], start=1))
    buttons = tuple(Button(name, str(n)) for n, name in enumerate(owner["names"], start=1))
    if owner["kind"] == "ambiguous":
        title = context.t("owner.which", name=owner["written"])
        hint = context.t("owner.answer_number")
    else:
        title = context.t("owner.unknown", name=owner["written"])
        hint = context.t("owner.answer_name") if not choices else context.t("owner.answer_number")
    return title, (*choices, hint), buttons


def choose(payload: Payload, index: int, person: Person) -> Payload:
    owners = [dict(o) for o in payload["owners"]]
    owners[index] = {
        "written": owners[index]["written"],
        "kind": "person",
        "ids": [person.id],
        "names": [person.full_name],
    }
    return dict(payload, owners=owners)


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
        owner_texts=[o["written"] for o in payload["owners"] if o["kind"] == "organisation"],
        for_everyone=payload["for_everyone"],
        due_at=due_at,
        due_has_time=payload["has_time"],
        due_meeting_id=meeting.id if meeting else None,
        created_by_id=context.person.id if context.person else None,
        at=context.now,
    )
    await replan_action(context.session, action, context.now)
    return action
