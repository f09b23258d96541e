"""With credentials configured, a request without a valid Bot Framework token is refused."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat


async def test_unsigned_request_is_refused_and_changes_nothing(
    sqlite_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    async with TeamsChat.running(
        sqlite_url,
        connector,
        clock,
        microsoft_app_id="00000000-0000-0000-0000-000000000001",
        microsoft_app_password="not-a-real-secret",
    ) as chat:
        status = await chat.post(chat.activity("council create Fake (FAKE)"))
        assert status == 401
        assert connector.take() == []
    # Nothing was written: the same database, opened without credentials, knows no council.
    async with TeamsChat.running(sqlite_url, connector, clock) as chat:
        assert "inte kopplad" in await chat.say("nästa möte")
