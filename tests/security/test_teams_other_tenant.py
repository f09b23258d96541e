"""Threat: a single-tenant bot gets an activity of another tenant (a genuine channel token;
the Bot Framework's token names no tenant). That tenant's directory names its users and their
e-mail addresses as it likes, the chair's too, so the bot serves its own tenant only."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.conftest import FakeClock
from tests.fakes.bot_framework import FakeLogin, FakeOpenId, RsaKey, channel_claims
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat, message_text
from tests.fixtures.teams_activities import TENANT
from tests.security.conftest import signed_in_settings


@pytest.fixture
async def single_tenant(
    openid: FakeOpenId,
    login: FakeLogin,
    migrated_sqlite_url: str,
    https_connector: FakeConnector,
    clock: FakeClock,
) -> AsyncIterator[TeamsChat]:
    """The signed-in app (see ``signed_in_teams``), registered as a single-tenant app."""
    settings = {
        **signed_in_settings(openid, login),
        "microsoft_app_type": "SingleTenant",
        "microsoft_app_tenant_id": TENANT,
    }
    url = migrated_sqlite_url
    async with TeamsChat.running(url, https_connector, clock, **settings) as chat:
        yield chat


@pytest.mark.parametrize("where", ["conversation", "channelData"])
async def test_an_activity_of_another_tenant_is_refused(
    single_tenant: TeamsChat, teams_key: RsaKey, https_connector: FakeConnector, where: str
) -> None:
    """Mallory of tenant-evil, whose directory gives him the chair's address, writes to the
    bot: 401, no roster lookup, nothing answered. Positive: the app's own tenant is served."""
    chat = single_tenant
    headers = {"Authorization": f"Bearer {teams_key.sign(channel_claims(https_connector.url))}"}
    https_connector.set_member("29:mallory", name="Maja Berndes", email="maja.berndes@vgregion.se")
    activity = chat.activity(
        "council create Ondskan (EV)", user="Maja Berndes", user_id="29:mallory"
    )
    if where == "conversation":
        activity["conversation"]["tenantId"] = "tenant-evil"
    else:
        del activity["conversation"]["tenantId"]
        activity["channelData"]["tenant"]["id"] = "tenant-evil"
    assert await chat.post(activity, headers) == 401
    assert https_connector.take() == [] and https_connector.member_lookups == []
    assert await chat.post(chat.activity("nästa möte"), headers) == 201
    [reply] = https_connector.take()
    assert "inte kopplad" in message_text(reply)
