"""What a handler gets to work with, and the one way it says "no"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.model import Incoming
from dialogs.texts import text
from store.models import OFFICER_ROLES, Council, Membership, Person

T = TypeVar("T")


class Problem(Exception):
    """Bad input or a refused command: rolls the transaction back and answers ``message``."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Context:
    session: AsyncSession
    incoming: Incoming
    now: datetime
    lang: str
    person: Person | None = None
    council: Council | None = None
    membership: Membership | None = None
    #: councils the sender sits in, for personal chats that span several
    council_ids: list[int] = field(default_factory=list)
    #: the question this command asked, if any: its choice buttons answer only that one
    asked_prompt: str | None = None
    #: what this command has already loaded and does not change (``cached``)
    memo: dict[Hashable, Any] = field(default_factory=dict)

    async def cached(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        """``load()`` once per command: a pasted list of 1,000 lines reads the roster once."""
        if key not in self.memo:
            self.memo[key] = await load()
        return cast(T, self.memo[key])

    def t(self, key: str, **values: object) -> str:
        return text(self.lang, key, **values)

    def problem(self, key: str, *, usage: str | None = None, **values: object) -> Problem:
        """A Problem in the sender's language, with the right form of the command if given."""
        hint = self.t("hint.usage", usage=self.t(usage)) if usage else None
        return Problem(self.t(key, **values), hint)

    @property
    def is_officer(self) -> bool:
        return self.membership is not None and self.membership.role in OFFICER_ROLES

    def require_person(self) -> Person:
        if self.person is None:
            raise self.problem("problem.who_are_you")
        return self.person

    def require_council(self) -> Council:
        if self.council is None:
            raise self.problem("problem.no_council")
        return self.council
