"""Teams service URLs: the bot never posts to a host a request names.

An activity says where to send the answer (``serviceUrl``). Taken on trust, anyone who can
reach /api/messages makes the bot send, with its own Bot Framework token in the header, to
a host of their choosing. Now the URL must be the one the channel's token names and on the
allow-list of Bot Connector hosts (https), and in local mode a loopback address.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.fakes.bot_framework import RsaKey, channel_claims
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat
from tests.socket_guard import own_address


@pytest.fixture
async def elsewhere() -> AsyncIterator[FakeConnector]:
    """An attacker's connector on a host that is neither loopback nor on the allow-list."""
    address = own_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address")
    async with FakeConnector(host=address) as fake:
        yield fake


@pytest.fixture
async def other_loopback() -> AsyncIterator[FakeConnector]:
    """A connector on 127.0.0.2: loopback, but not a host on the signed-in bot's allow-list."""
    async with FakeConnector(host="127.0.0.2") as fake:
        yield fake


def _signed(key: RsaKey, claimed: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key.sign(channel_claims(claimed))}"}


async def test_a_service_url_other_than_the_tokens_is_refused(
    signed_in_teams: TeamsChat,
    teams_key: RsaKey,
    https_connector: FakeConnector,
    other_loopback: FakeConnector,
) -> None:
    """A genuine token for the real connector, replayed with ``serviceUrl`` pointing at the
    attacker's host: 401, and neither host hears from the bot."""
    chat = signed_in_teams
    activity = chat.activity("nästa möte")
    activity["serviceUrl"] = other_loopback.url
    assert await chat.post(activity, _signed(teams_key, https_connector.url)) == 401
    assert other_loopback.requests == [] and https_connector.requests == []


@pytest.mark.parametrize(
    "variant",
    [
        "host not on the allow-list",
        "plain http",
        "user info in the URL",
        "not a URL",
    ],
)
async def test_a_service_url_off_the_allow_list_is_refused_even_if_the_token_names_it(
    signed_in_teams: TeamsChat,
    teams_key: RsaKey,
    https_connector: FakeConnector,
    other_loopback: FakeConnector,
    variant: str,
) -> None:
    """Even a token whose ``serviceurl`` matches does not make any host acceptable: the host
    must be on RADSBOT_SERVICE_URL_HOSTS, over https."""
    chat = signed_in_teams
    port = https_connector.url.rsplit(":", 1)[1]
    url = {
        "host not on the allow-list": other_loopback.url,
        "plain http": f"http://127.0.0.1:{port}",
        "user info in the URL": f"https://attacker@127.0.0.1:{port}",
        "not a URL": "https://[127.0.0.1/",
    }[variant]
    activity = chat.activity("nästa möte")
    activity["serviceUrl"] = url
    assert await chat.post(activity, _signed(teams_key, url)) == 401
    assert other_loopback.requests == [] and https_connector.requests == []


async def test_local_mode_answers_only_loopback_service_urls(
    teams: TeamsChat, elsewhere: FakeConnector
) -> None:
    """Without an app id nobody is authenticated, so the bot answers only on this machine:
    a ``serviceUrl`` on another host is refused and that host hears nothing."""
    activity = teams.activity("nästa möte")
    activity["serviceUrl"] = elsewhere.url
    assert await teams.post(activity) == 401
    assert elsewhere.requests == [] and elsewhere.activities == []
    assert teams.connector.take() == []
    assert "inte kopplad" in await teams.say("nästa möte")  # loopback is answered


async def test_reminders_never_go_to_a_stored_foreign_service_url(
    migrated_sqlite_url: str, connector: FakeConnector, clock: FakeClock, elsewhere: FakeConnector
) -> None:
    """A conversation reference stored before this check (or written by hand) that names a
    foreign host: the reminder is not sent there; it is marked failed, for the secretary."""
    async with TeamsChat.running(migrated_sqlite_url, connector, clock) as chat:
        await chat.setup_council()
        await chat.say("meeting add fredag 12 december kl 09.30-15.30, Ekelundsgatan")
        database = Path(migrated_sqlite_url.split("///", 1)[1])
        with sqlite3.connect(database) as db:
            changed = db.execute(
                "UPDATE conversation_refs SET reference = json_set(reference, '$.serviceUrl', ?)",
                (elsewhere.url,),
            ).rowcount
        assert changed >= 1
        clock.set("2025-12-05 08:00")
        stats = await chat.send_reminders(clock())
        assert stats.sent == 0 and stats.failed >= 1
        assert elsewhere.requests == [] and elsewhere.activities == []
        assert connector.take() == []
        assert "Påminnelser som inte gick fram i SOR Barn (" in await chat.say("reminders failed")
