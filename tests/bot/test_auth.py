"""With credentials configured, a request without a valid Bot Framework token is refused."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.bot_framework import APP_ID, APP_SECRET, FakeLogin, FakeOpenId, RsaKey
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat


async def test_unsigned_request_is_refused_and_changes_nothing(
    sqlite_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    openid, login = FakeOpenId(RsaKey("channel-key")), FakeLogin()
    await openid.start()
    await login.start()
    try:
        async with TeamsChat.running(
            sqlite_url,
            connector,
            clock,
            microsoft_app_id=APP_ID,
            microsoft_app_password=APP_SECRET,
            test_openid_url=openid.url,
            test_login_url=login.url,
        ) as chat:
            status = await chat.post(chat.activity("council create Fake (FAKE)"))
            assert status == 401
            assert connector.take() == []
    finally:
        await openid.stop()
        await login.stop()
    # Nothing was written: the same database, opened without credentials, knows no council.
    async with TeamsChat.running(sqlite_url, connector, clock) as chat:
        assert "inte kopplad" in await chat.say("nästa möte")
