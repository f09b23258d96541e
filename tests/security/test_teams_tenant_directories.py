"""Threat ("nOAuth"): a multi-tenant bot registration can be installed by any organisation.
An administrator of tenant-evil gives one of his users the directory address of SOR Barn's
chair (Entra does not verify that attribute) and writes to the bot from his own tenant: the
roster API vouches for the address, so a bot that trusts any directory links him as the chair.

A multi-tenant app therefore trusts the directories of the tenants named in
``RADSBOT_TEAMS_TENANTS`` only, and serves no other tenant; with that setting empty, no
directory's address links anyone (officers are then linked with ``member link``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.conftest import FakeClock
from tests.fakes.bot_framework import FakeLogin, FakeOpenId, RsaKey, channel_claims
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import SOR_BARN_ROSTER, TeamsChat, message_text
from tests.fixtures.teams_activities import TENANT
from tests.security.conftest import signed_in_settings

CHAIR_EMAIL = "maja.berndes@vgregion.se"


@pytest.fixture(params=["no tenants named", "home tenant named"])
async def multi_tenant(
    request: pytest.FixtureRequest,
    openid: FakeOpenId,
    login: FakeLogin,
    migrated_sqlite_url: str,
    https_connector: FakeConnector,
    clock: FakeClock,
) -> AsyncIterator[TeamsChat]:
    """The signed-in multi-tenant app, with or without its home tenant named."""
    settings: dict[str, Any] = dict(signed_in_settings(openid, login))
    if request.param == "home tenant named":
        settings["teams_tenants"] = f" {TENANT} , other-region-tenant"
    async with TeamsChat.running(migrated_sqlite_url, https_connector, clock, **settings) as chat:
        chat.tenants_named = request.param == "home tenant named"  # type: ignore[attr-defined]
        yield chat


def _headers(key: RsaKey, connector: FakeConnector) -> dict[str, str]:
    return {"Authorization": f"Bearer {key.sign(channel_claims(connector.url))}"}


async def _say(chat: TeamsChat, headers: dict[str, str], text: str, **kwargs: Any) -> str:
    activity = kwargs.pop("activity", None) or chat.activity(text, **kwargs)
    assert await chat.post(activity, headers) in (200, 201)
    [reply] = chat.connector.take()
    return message_text(reply)


async def test_another_tenants_directory_never_makes_anyone_the_chair(
    multi_tenant: TeamsChat, teams_key: RsaKey, https_connector: FakeConnector
) -> None:
    """Mallory writes from tenant-evil, whose directory gives him the chair's address: with the
    home tenant named he is refused outright (401); without, he is served but linked to
    nobody, and cannot add a meeting as the chair."""
    chat = multi_tenant
    headers = _headers(teams_key, https_connector)
    await _say(chat, headers, "council create Samordningsråd Barn (SOR Barn)")
    await _say(chat, headers, "members add\n" + SOR_BARN_ROSTER)
    https_connector.set_member("29:mallory", name="Maja Berndes", email=CHAIR_EMAIL)
    activity = chat.activity("meeting add 12 mars 2027 kl 13-15, Ondskan", user_id="29:mallory")
    activity["conversation"]["tenantId"] = "tenant-evil"
    activity["channelData"]["tenant"]["id"] = "tenant-evil"
    status = await chat.post(activity, headers)
    replies = [message_text(reply) for reply in https_connector.take()]
    if chat.tenants_named:  # type: ignore[attr-defined]
        assert status == 401 and replies == []
    else:
        assert status in (200, 201)
        assert not any("Möte tillagt" in reply for reply in replies), replies
    listing = await _say(chat, headers, "möten")
    assert "Ondskan" not in listing


async def test_the_named_home_tenants_directory_links_the_chair(
    multi_tenant: TeamsChat, teams_key: RsaKey, https_connector: FakeConnector
) -> None:
    """Positive: the real Maja, in the named home tenant, is linked by her directory address
    and acts as the chair; without any tenant named, she is not (and is told how to link)."""
    chat = multi_tenant
    headers = _headers(teams_key, https_connector)
    await _say(chat, headers, "council create Samordningsråd Barn (SOR Barn)")
    await _say(chat, headers, "members add\n" + SOR_BARN_ROSTER)
    https_connector.set_member("29:maja", name="Maja Berndes", email=CHAIR_EMAIL)
    answer = await _say(
        chat,
        headers,
        "meeting add 12 mars 2027 kl 13-15, Bommen",
        user="Maja Berndes",
        user_id="29:maja",
    )
    if chat.tenants_named:  # type: ignore[attr-defined]
        assert "Möte tillagt" in answer, answer
    else:
        assert "Möte tillagt" not in answer, answer
