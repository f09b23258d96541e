"""What a handler gets to work with, and the one way it says "no"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dialogs.change_records import ChangeRecord, CouncilRecord, dump
from dialogs.model import Incoming
from dialogs.texts import plural, text
from store import audit
from store.db import Session, get
from store.models import OFFICER_ROLES, AuditEvent, Council, Membership, PendingPrompt, Person

if TYPE_CHECKING:
    from dialogs.registry import Registry

T = TypeVar("T")


class Problem(Exception):
    """Bad input or a refused command: rolls the transaction back and answers ``message``."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Context:
    session: Session
    incoming: Incoming
    now: datetime
    lang: str
    #: every command the bot understands (help lists them)
    registry: Registry
    person: Person | None = None
    council: Council | None = None
    membership: Membership | None = None
    #: the sender's membership of each council they sit in, by council id, in the order of
    #: the councils' names (``council_ids``, ``own_seat``)
    seat_ids: dict[int, int] = field(default_factory=dict)
    #: the question this command asked, if any: its choice buttons answer only that one
    asked_prompt: str | None = None
    #: what the running command needs of the sender (``Needs``): an answer to its question
    #: later needs it again
    needs: int = 0
    #: where the sender's account carries its person's office: None everywhere, as it is
    #: linked by proof (a verified e-mail, an officer's ``member link``, the operator); else
    #: only in the councils the account founded, as it is linked by a name alone
    trusted_council_ids: frozenset[int] | None = frozenset()
    #: the sender's account is linked to its person by proof (or the person was made for
    #: it): only then may it see and erase that person's data
    link_proved: bool = False
    #: this command has seen that no question waits for the sender here (or has just
    #: forgotten it), so asking one needs no clearing first
    no_prompt_pending: bool = False
    #: the question waiting for the sender's answer here, found with the sender
    waiting_prompt: PendingPrompt | None = None
    #: the start of the links the bot gives out (``RADSBOT_PUBLIC_URL``)
    public_url: str = "http://localhost:3978"
    #: what this command has already loaded and does not change (``cached``)
    memo: dict[Hashable, Any] = field(default_factory=dict)

    async def audit(
        self,
        verb: str,
        subject_type: str,
        subject_id: int | None,
        *,
        council_id: int | None,
        before: ChangeRecord | None = None,
        after: ChangeRecord | None = None,
    ) -> None:
        """Record a change by the sender, now, in this command's transaction: what ``logg``
        shows and what the change's ``@undoes`` function reads to take it back."""
        await self._record(
            verb,
            subject_type,
            subject_id,
            council_id,
            dump(before) if before is not None else None,
            dump(after) if after is not None else None,
        )

    async def audit_council_change(
        self, council: Council, before: CouncilRecord, after: CouncilRecord
    ) -> None:
        """Record a change to the council's own settings (its meeting hours, its language)."""
        await self.audit(
            "update", "council", council.id, council_id=council.id, before=before, after=after
        )

    async def audit_undo(self, event: AuditEvent, council_id: int) -> None:
        """Record that ``event`` was taken back: its own records, mirrored."""
        await self._record(
            "undo", event.subject_type, event.subject_id, council_id, event.after, event.before
        )

    async def _record(
        self,
        verb: str,
        subject_type: str,
        subject_id: int | None,
        council_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        await audit.record(
            self.session,
            council_id=council_id,
            actor_id=self.person.id if self.person else None,
            verb=verb,
            subject_type=subject_type,
            subject_id=subject_id,
            at=self.now,
            before=before,
            after=after,
        )

    async def cached(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        """``load()`` once per command: a pasted list of 1,000 lines reads the roster once."""
        if key not in self.memo:
            self.memo[key] = await load()
        return cast(T, self.memo[key])

    def t(self, key: str, **values: object) -> str:
        return text(self.lang, key, **values)

    def tn(self, key: str, n: int, **values: object) -> str:
        """The form of ``key`` that agrees with ``n`` ("1 uppdaterad", "2 uppdaterade")."""
        return plural(self.lang, key, n, **values)

    def problem(self, key: str, *, usage: str | None = None, **values: object) -> Problem:
        """A Problem in the sender's language, with the right form of the command if given."""
        hint = self.t("hint.usage", usage=self.t(usage)) if usage else None
        return Problem(self.t(key, **values), hint)

    @property
    def is_officer(self) -> bool:
        """Whether the sender may act as an officer of the council here."""
        return self.acts_as_officer(self.membership)

    @property
    def link_verified(self) -> bool:
        """Whether the sender's account is linked to its person by proof."""
        return self.trusted_council_ids is None

    def trusts_office_in(self, council_id: int) -> bool:
        """Whether the sender's account proves its person in that council."""
        return self.trusted_council_ids is None or council_id in self.trusted_council_ids

    @property
    def council_ids(self) -> list[int]:
        """The councils the sender sits in, for personal chats that span several."""
        return list(self.seat_ids)

    async def own_seat(self, council_id: int) -> Membership | None:
        """The sender's membership of ``council_id``, or None: found with the sender, so no
        statement is needed while it is loaded in this session."""
        seat_id = self.seat_ids.get(council_id)
        return None if seat_id is None else await get(self.session, Membership, seat_id)

    def acts_as_officer(self, membership: Membership | None) -> bool:
        """Whether the sender may use the office that ``membership`` (their own) holds: an
        account linked by a name alone never carries a secretary's, chair's or coordinator's
        powers, whoever later makes that person one (but in a council it founded itself)."""
        return (
            membership is not None
            and membership.role in OFFICER_ROLES
            and self.trusts_office_in(membership.council_id)
        )

    def officers_only(self, membership: Membership | None = None) -> Problem:
        """The refusal of an officer's work; to an officer whose account is linked by a name
        alone, it says how to get the account linked by proof."""
        membership = membership or self.membership
        if (
            self.person is not None
            and membership is not None
            and membership.role in OFFICER_ROLES
            and not self.trusts_office_in(membership.council_id)
        ):
            return self.problem("problem.link_unverified", name=self.person.full_name)
        return self.problem("problem.officers_only")

    def require_own_data(self) -> Person:
        """The sender's person, whose data they may see and erase: an account linked by a
        name alone (``iam``, a display name) may be anyone's, and gets told how to be linked."""
        person = self.require_person()
        if not self.link_proved:
            raise self.problem("privacy.link_unverified", name=person.full_name)
        return person

    def require_person(self) -> Person:
        if self.person is None:
            raise self.problem("problem.who_are_you")
        return self.person

    def require_council(self) -> Council:
        if self.council is None:
            raise self.problem("problem.no_council")
        return self.council
