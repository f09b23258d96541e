"""Fixtures for the attacks: the real app with Teams or Slack faked around it (the Bot
Framework's sign-in side too: a channel OpenID document with a signing key, a login endpoint,
and a Bot Connector over https), and helpers."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import SESSIONS
from store.models import Council, Membership, Person
from tests.conftest import FakeClock
from tests.fakes.bot_framework import (
    APP_ID,
    APP_SECRET,
    FakeLogin,
    FakeOpenId,
    RsaKey,
    self_signed_tls,
)
from tests.fakes.connector import FakeConnector
from tests.fakes.slack_api import LARS, SlackChat
from tests.fakes.teams import SOR_BARN_ROSTER, TeamsChat

#: anything that looks like an e-mail address, however it is wrapped
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


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


@pytest.fixture(scope="session")
def teams_key() -> RsaKey:
    """The channel's signing key, endorsed for Teams (made once: RSA keys take a while)."""
    return RsaKey("channel-key-1")


@pytest.fixture
async def openid(teams_key: RsaKey) -> AsyncIterator[FakeOpenId]:
    async with FakeOpenId(teams_key) as fake:
        yield fake


@pytest.fixture
async def login() -> AsyncIterator[FakeLogin]:
    async with FakeLogin() as fake:
        yield fake


@pytest.fixture
async def https_connector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[FakeConnector]:
    """The Bot Connector over https with a certificate made now, trusted by the bot's client."""
    context, certificate = self_signed_tls(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    async with FakeConnector(ssl=context) as fake:
        yield fake


@pytest.fixture
async def signed_in_teams(
    migrated_sqlite_url: str,
    https_connector: FakeConnector,
    clock: FakeClock,
    openid: FakeOpenId,
    login: FakeLogin,
) -> AsyncIterator[TeamsChat]:
    """The app with an app id: every request must carry a channel token."""
    async with TeamsChat.running(
        migrated_sqlite_url, https_connector, clock, **signed_in_settings(openid, login)
    ) as chat:
        yield chat


def signed_in_settings(openid: FakeOpenId, login: FakeLogin) -> dict[str, str]:
    return {
        "microsoft_app_id": APP_ID,
        "microsoft_app_password": APP_SECRET,
        "test_openid_url": openid.url,
        "test_login_url": login.url,
        "service_url_hosts": "127.0.0.1",
    }
