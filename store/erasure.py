"""Erasure (GDPR art. 17): a person forgotten, their council's records kept.

The person's row stays as an anchor for what they did (actions, nominations, audit entries),
but carries a pseudonym instead of their name; their e-mail, chat accounts, private chats,
questions, links, memberships, reminders still to send and the motivations they wrote go.
Then every text and JSON column of every table is searched for what identified them (name,
folded name, e-mail, chat display names and, in JSON, chat account ids) and each is replaced,
so that no copy survives in free text, the audit log's before/after or a saved conversation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, String, Text, delete, or_, select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.schema import Column, Table

from store.models import (
    Base,
    ChatIdentity,
    ConversationRef,
    Council,
    Membership,
    NominationBacker,
    PendingPrompt,
    Person,
    Reminder,
    ReminderSnooze,
    ReminderState,
    SecretLink,
)
from store.types import JsonText

#: Columns that hold no words a person wrote or was named by: hashes and keys of our own.
_NOT_SCANNED = frozenset({("secret_links", "token_hash"), ("slack_seen", "key")})
#: Tables whose rows each are someone: the forgotten person's own are rewritten or deleted
#: by id, and another person of the same name must keep it.
_OTHER_PEOPLE = frozenset({"people", "chat_identities"})


@dataclass(frozen=True)
class Erased:
    """What erasure did: the pseudonym given and how many cells it rewrote."""

    pseudonym: str
    rewritten: int


def _pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({t for t in terms if t and len(t) >= 3}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _scrub(value: Any, pattern: re.Pattern[str], replace: Callable[[str], str]) -> Any:
    """``value`` (a string or a JSON value) with every match replaced."""
    if isinstance(value, str):
        return pattern.sub(lambda m: replace(m.group(0)), value)
    if isinstance(value, list):
        return [_scrub(item, pattern, replace) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern, replace) for key, item in value.items()}
    return value


def _text_columns(table: Table) -> list[tuple[Column[Any], bool]]:
    """The columns of ``table`` that may hold words: (column, is it JSON)."""
    found = []
    for column in table.columns:
        if (table.name, column.name) in _NOT_SCANNED or column.primary_key:
            continue
        if isinstance(column.type, JsonText):
            found.append((column, True))
        elif isinstance(column.type, String | Text) and not isinstance(column.type, Enum):
            found.append((column, False))
    return found


async def _rewrite_everywhere(
    session: AsyncSession,
    terms: dict[str, str],
    json_only_terms: dict[str, str],
) -> int:
    """Replace each term (case-insensitively, as a whole word) in every text and JSON column
    of every table; ``json_only_terms`` (account ids) only in JSON columns."""
    rewritten = 0
    for table in Base.metadata.sorted_tables:
        if table.name in _OTHER_PEOPLE:
            continue
        [key] = [c for c in table.primary_key.columns]
        for column, is_json in _text_columns(table):
            mapping = {**terms, **json_only_terms} if is_json else terms
            pattern = _pattern(mapping)
            if pattern is None:
                continue
            # A folded key ("maja berndes") gets the folded pseudonym only where it is
            # written so exactly; a name in any other case gets the pseudonym as written.
            folded_last = sorted(mapping.items(), key=lambda item: item[0] != item[0].lower())
            lowered = {k.lower(): v for k, v in folded_last}

            def replace(
                found: str, exact: dict[str, str] = mapping, lowered: dict[str, str] = lowered
            ) -> str:
                return exact[found] if found in exact else lowered.get(found.lower(), "")

            # A cheap, case-insensitive prefilter on the stored text; the pattern decides.
            stored = type_coerce(column, Text)
            like = or_(*(stored.ilike(f"%{term}%") for term in mapping if len(term) >= 3))
            rows = await session.execute(select(key, column).where(like))
            for row_key, value in rows.all():
                cleaned = _scrub(value, pattern, replace)
                if cleaned != value:
                    await session.execute(
                        update(table).where(key == row_key).values({column.name: cleaned})
                    )
                    rewritten += 1
    return rewritten


async def erase_person(
    session: AsyncSession,
    person_id: int,
    *,
    pseudonym: str,
    fold: Callable[[str], str],
    at: datetime,
) -> Erased:
    """Forget the person ``person_id``: see the module's docstring. ``fold`` folds a name as
    the stored keys are folded (``nominee_key``, ``search_key``, ``name_key``)."""
    person = await session.get(Person, person_id)
    if person is None:
        raise LookupError(person_id)
    identities = list(
        await session.scalars(select(ChatIdentity).where(ChatIdentity.person_id == person_id))
    )
    names = {person.full_name, *(i.display_name for i in identities if i.display_name)}
    terms = {name: pseudonym for name in names}
    terms.update({fold(name): fold(pseudonym) for name in names})
    if person.email:
        terms[person.email] = ""
    account_ids = {i.user_id for i in identities} | {i.mention_id or "" for i in identities}
    json_terms = {account: "" for account in account_ids if account}

    identity_ids = [i.id for i in identities]
    if identity_ids:
        await session.execute(
            update(Council)
            .where(Council.founder_identity_id.in_(identity_ids))
            .values(founder_identity_id=None)
        )
    for model, column in (
        (ChatIdentity, ChatIdentity.person_id),
        (ConversationRef, ConversationRef.person_id),
        (PendingPrompt, PendingPrompt.person_id),
        (ReminderSnooze, ReminderSnooze.person_id),
        (SecretLink, SecretLink.person_id),
        (Membership, Membership.person_id),
    ):
        await session.execute(
            delete(model).where(column == person_id).execution_options(synchronize_session=False)
        )
    await session.execute(
        delete(Reminder).where(
            Reminder.recipient_person_id == person_id,
            Reminder.state.in_((ReminderState.PENDING, ReminderState.FAILED)),
        )
    )
    await session.execute(
        update(NominationBacker)
        .where(NominationBacker.person_id == person_id)
        .values(motivation=None)
    )
    person.full_name, person.name_key = pseudonym, fold(pseudonym)
    person.email = person.language = person.reminder_prefs = None
    person.erased_at = at
    await session.flush()
    rewritten = await _rewrite_everywhere(session, terms, json_terms)
    return Erased(pseudonym, rewritten)


async def is_erased(session: AsyncSession, person_id: int) -> bool:
    """Whether the person was forgotten (nothing of theirs may be restored)."""
    erased = await session.scalar(select(Person.erased_at).where(Person.id == person_id))
    return erased is not None
