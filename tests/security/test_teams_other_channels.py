"""Threat: an activity from another Bot Framework channel than Teams (Web Chat, Direct Line)
reaches /api/messages with a genuine channel token. There the client writes ``from`` (its
``aadObjectId`` and name) and ``channelData.tenant`` itself, so whoever holds a Web Chat or
Direct Line secret of the bot's registration could speak as the chair by naming her AAD
object id. The Bot Framework's signing keys are endorsed for many channels, so the token
alone does not tell; only Teams activities are served."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.conftest import FakeClock
from tests.fakes.bot_framework import FakeLogin, FakeOpenId, RsaKey, channel_claims
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat, message_text
from tests.security.conftest import signed_in_settings


@pytest.fixture(scope="module")
def shared_key() -> RsaKey:
    """A signing key endorsed for several channels, as the Bot Framework's keys are."""
    return RsaKey("shared-key", endorsements=("msteams", "webchat", "directline", "emulator"))


@pytest.fixture
async def chat(
    migrated_sqlite_url: str,
    https_connector: FakeConnector,
    clock: FakeClock,
    shared_key: RsaKey,
    login: FakeLogin,
) -> AsyncIterator[TeamsChat]:
    async with FakeOpenId(shared_key) as openid:
        settings = signed_in_settings(openid, login)
        async with TeamsChat.running(migrated_sqlite_url, https_connector, clock, **settings) as it:
            yield it


async def _post(chat: TeamsChat, key: RsaKey, activity: dict[str, Any]) -> tuple[int, list[str]]:
    token = key.sign(channel_claims(chat.connector.url))
    status = await chat.post(activity, {"Authorization": f"Bearer {token}"})
    return status, [message_text(a) for a in chat.connector.take()]


@pytest.mark.parametrize("channel", ["webchat", "directline", "emulator"])
async def test_a_web_chat_client_naming_the_founders_aad_id_is_refused(
    chat: TeamsChat, shared_key: RsaKey, channel: str
) -> None:
    """Carin founds SOR Barn in Teams. A Web Chat client then sends, with a valid token of its
    channel, `members add Mallory Evil, sekreterare` with ``from.aadObjectId`` set to Carin's
    and her tenant in ``channelData``: 401, nothing answered, nothing changed."""
    status, replies = await _post(
        chat, shared_key, chat.activity("council create Samordningsråd Barn (SOR Barn)")
    )
    assert status == 201 and "är skapat" in replies[0]
    forged = chat.activity("member add Mallory Evil, sekreterare")
    forged["channelId"] = channel
    forged["from"]["id"] = "dl_mallory"
    assert await _post(chat, shared_key, forged) == (401, [])
    status, replies = await _post(chat, shared_key, chat.activity("members"))
    assert status == 201 and "Mallory" not in replies[0], replies
