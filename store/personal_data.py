"""Everything the bot keeps about one person (GDPR art. 15), as plain JSON-ready data.

One section per kind of record, each a list of flat dicts (the person's own row a dict), so
that the same data is served as JSON and as a readable page (``bot/secret_routes.py``).
Another person's e-mail address never appears: where a record the person made names others
(the audit log's before/after), addresses other than the person's own are masked.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import (
    Action,
    ActionOwner,
    AgendaItem,
    AuditEvent,
    ChatIdentity,
    ConversationRef,
    Council,
    DatedItem,
    Decision,
    Membership,
    Nomination,
    NominationBacker,
    NominationRound,
    PendingPrompt,
    Person,
    Reminder,
    RoundAbstention,
    SecretLink,
)

_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Rows per section at most: a page for a person, not a dump of a council.
LIMIT = 5000


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, dict | list | str):
        return value.value
    return value


def _masked(value: Any, own: str | None) -> Any:
    """``value`` with every e-mail address but ``own`` replaced by "…"."""
    if isinstance(value, str):
        return _ADDRESS.sub(lambda m: m.group(0) if m.group(0) == own else "…", value)
    if isinstance(value, list):
        return [_masked(item, own) for item in value]
    if isinstance(value, dict):
        return {key: _masked(item, own) for key, item in value.items()}
    return value


def _rows(records: Any, *fields: str) -> list[dict[str, Any]]:
    return [{name: _plain(getattr(row, name)) for name in fields} for row in records]


async def personal_data(session: AsyncSession, person_id: int) -> dict[str, Any] | None:
    """The person's data by section; None when there is no such person (or they were
    forgotten: nothing of theirs is left to give)."""
    person = await session.get(Person, person_id)
    if person is None or person.erased_at is not None:
        return None
    council_names = {
        c.id: c.short_name
        for c in await session.scalars(
            select(Council).where(
                Council.id.in_(
                    select(Membership.council_id).where(Membership.person_id == person_id)
                )
                | Council.id.in_(
                    select(Action.council_id)
                    .join(ActionOwner, ActionOwner.action_id == Action.id)
                    .where(ActionOwner.person_id == person_id)
                )
            )
        )
    }

    def council(council_id: int | None) -> str | None:
        return council_names.get(council_id or 0)

    data: dict[str, Any] = {
        "person": _rows([person], "full_name", "email", "language", "reminder_prefs", "created_at")[
            0
        ]
    }
    memberships = await session.scalars(
        select(Membership).where(Membership.person_id == person_id).order_by(Membership.id)
    )
    data["memberships"] = [
        {
            "council": council(m.council_id),
            "roles": [r.value for r in m.roles],
            "note": m.note,
            "since": _plain(m.created_at),
        }
        for m in memberships
    ]
    data["chat_accounts"] = _rows(
        await session.scalars(
            select(ChatIdentity)
            .where(ChatIdentity.person_id == person_id)
            .order_by(ChatIdentity.id)
        ),
        "platform",
        "tenant_id",
        "user_id",
        "display_name",
        "mention_id",
        "linked_by",
        "created_at",
    )
    data["private_chats"] = _rows(
        await session.scalars(
            select(ConversationRef)
            .where(ConversationRef.person_id == person_id)
            .order_by(ConversationRef.id)
        ),
        "platform",
        "conversation_id",
        "kind",
        "updated_at",
    )
    owned = await session.execute(
        select(Action)
        .join(ActionOwner, ActionOwner.action_id == Action.id)
        .where(ActionOwner.person_id == person_id)
        .order_by(Action.council_id, Action.number)
        .limit(LIMIT)
    )
    data["actions_owned"] = [
        {
            "council": council(a.council_id),
            **_rows([a], "number", "text", "status", "due_at", "done_at", "created_at")[0],
        }
        for (a,) in owned
    ]
    made = await session.execute(
        select(Action.council_id, Action.number, Action.created_by_id, Action.done_by_id)
        .where(or_(Action.created_by_id == person_id, Action.done_by_id == person_id))
        .order_by(Action.council_id, Action.number)
        .limit(LIMIT)
    )
    data["actions_created_or_done"] = [
        {
            "council": council(c),
            "number": n,
            "created_by_you": by == person_id,
            "done_by_you": done == person_id,
        }
        for c, n, by, done in made
    ]
    backed = await session.execute(
        select(
            NominationRound.council_id,
            NominationRound.target,
            Nomination.role,
            Nomination.nominee_name,
            NominationBacker.motivation,
            NominationBacker.created_at,
        )
        .join(Nomination, Nomination.id == NominationBacker.nomination_id)
        .join(NominationRound, NominationRound.id == Nomination.round_id)
        .where(NominationBacker.person_id == person_id)
        .order_by(NominationBacker.id)
        .limit(LIMIT)
    )
    data["nominations_made"] = [
        {
            "council": council(c),
            "round": t,
            "role": r,
            "nominee": n,
            "motivation": m,
            "at": _plain(at),
        }
        for c, t, r, n, m, at in backed
    ]
    nominated = await session.execute(
        select(
            NominationRound.council_id,
            NominationRound.target,
            Nomination.role,
            Nomination.chosen,
            Nomination.created_at,
        )
        .join(NominationRound, NominationRound.id == Nomination.round_id)
        .where(Nomination.nominee_person_id == person_id)
        .order_by(Nomination.id)
        .limit(LIMIT)
    )
    data["nominations_of_you"] = [
        {"council": council(c), "round": t, "role": r, "chosen": chosen, "at": _plain(at)}
        for c, t, r, chosen, at in nominated
    ]
    abstained = await session.execute(
        select(NominationRound.council_id, NominationRound.target, RoundAbstention.created_at)
        .join(NominationRound, NominationRound.id == RoundAbstention.round_id)
        .where(RoundAbstention.person_id == person_id)
    )
    data["nomination_answers_none"] = [
        {"council": council(c), "round": t, "at": _plain(at)} for c, t, at in abstained
    ]
    for section, column, fields in (
        ("agenda_items_proposed", AgendaItem.proposed_by_id, ("title", "presenter", "created_at")),
        (
            "decisions_recorded",
            Decision.created_by_id,
            ("number", "text", "decided_on", "created_at"),
        ),
        ("dates_added", DatedItem.created_by_id, ("number", "text", "due_at", "created_at")),
    ):
        entity = column.class_
        found = await session.scalars(select(entity).where(column == person_id).limit(LIMIT))
        data[section] = _rows(found, *fields)
    data["reminders_to_you"] = _rows(
        await session.scalars(
            select(Reminder)
            .where(Reminder.recipient_person_id == person_id)
            .order_by(Reminder.due_at.desc())
            .limit(LIMIT)
        ),
        "kind",
        "subject_type",
        "due_at",
        "state",
        "sent_at",
    )
    events = await session.scalars(
        select(AuditEvent)
        .where(
            or_(
                AuditEvent.actor_person_id == person_id,
                (AuditEvent.subject_type == "person") & (AuditEvent.subject_id == person_id),
            )
        )
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(LIMIT)
    )
    data["log_entries"] = [
        {
            "council": council(e.council_id),
            "verb": e.verb,
            "subject": e.subject_type,
            "before": _masked(e.before, person.email),
            "after": _masked(e.after, person.email),
            "at": _plain(e.created_at),
        }
        for e in events
    ]
    data["open_questions"] = _rows(
        await session.scalars(select(PendingPrompt).where(PendingPrompt.person_id == person_id)),
        "kind",
        "created_at",
    )
    data["secret_links"] = _rows(
        await session.scalars(
            select(SecretLink).where(SecretLink.person_id == person_id).order_by(SecretLink.id)
        ),
        "kind",
        "created_at",
        "expires_at",
        "revoked_at",
    )
    return data
