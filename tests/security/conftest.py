"""The Bot Framework's sign-in side faked for the Teams security tests: a channel OpenID
document with a signing key, a login endpoint, and a Bot Connector over https."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

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
from tests.fakes.teams import TeamsChat


@pytest.fixture
def migrated_sqlite_url(migrated_sqlite_file: Path, tmp_path: Path) -> str:
    """A SQLite file with the schema already in place (a copy: migrating each time is slow)."""
    target = tmp_path / "radsbot.db"
    shutil.copyfile(migrated_sqlite_file, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture(scope="session")
def teams_key() -> RsaKey:
    """The channel's signing key, endorsed for Teams (made once: RSA keys take a while)."""
    return RsaKey("channel-key-1")


@pytest.fixture
async def openid(teams_key: RsaKey) -> AsyncIterator[FakeOpenId]:
    fake = FakeOpenId(teams_key)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def login() -> AsyncIterator[FakeLogin]:
    fake = FakeLogin()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def https_connector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[FakeConnector]:
    """The Bot Connector over https with a certificate made now, trusted by the bot's client."""
    context, certificate = self_signed_tls(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificate))
    fake = FakeConnector(ssl=context)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


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
