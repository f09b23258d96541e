"""Fixtures for the attacks: the real app with Teams or Slack faked around it, and helpers."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import SESSIONS
from store.models import Council, Membership, Person
from tests.conftest import FakeClock
from tests.fakes.slack_api import FakeSlackApi, SlackChat
from tests.fakes.teams import SOR_BARN_ROSTER

#: Slack accounts of the SOR Barn roster used in the attacks
CARIN = "U0CARIN"
LARS = "U0LARS"

#: anything that looks like an e-mail address, however it is wrapped
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    api = FakeSlackApi()
    api.add_user(CARIN, "Carin Skoog")
    api.add_user(LARS, "Lars Gelander")
    await api.start()
    try:
        yield api
    finally:
        await api.stop()


@pytest.fixture
async def slack(
    database_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> AsyncIterator[SlackChat]:
    async with SlackChat.running(database_url, slack_api, clock) as chat:
        yield chat


async def slack_council(slack: SlackChat) -> None:
    """SOR Barn on Slack, created by its secretary Carin; Lars linked by `iam`."""
    assert "är skapat" in await slack.say("council create Samordningsråd Barn (SOR Barn)")
    assert "uppdaterad" in await slack.say("members add\n" + SOR_BARN_ROSTER)
    assert "Lars Gelander" in await slack.say("iam Lars Gelander", user=LARS)


async def email_of(app: Any, full_name: str, council: str = "SOR Barn") -> str | None:
    """The e-mail on file for the person of that name on that council's roster."""
    async with app[SESSIONS]() as session:
        [person] = list(
            await session.scalars(
                select(Person)
                .join(Membership, Membership.person_id == Person.id)
                .join(Council, Council.id == Membership.council_id)
                .where(Person.full_name == full_name, Council.short_name == council)
            )
        )
        return person.email
