"""Slack end to end: signed slash commands, events and button presses into the real app over
HTTP, answers read from a fake Slack Web API on localhost. Reminders go through the same
outbox and sender as on Teams.

The Slack-side tests run on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.app import SESSIONS, create_app
from bot.render_blocks import MAX_BLOCKS, render_blocks, slack_message
from bot.settings import Settings
from bot.slack import command_text, conversation_kind, plain_text
from dialogs.model import Button, ConversationKind, Item, Reply, Tone
from dialogs.parser import parse
from dialogs.registry import Registry
from dialogs.text.markup import bold
from store.models import Action, ChatIdentity, ConversationRef, Council, Person
from tests.conftest import FakeClock
from tests.fakes.slack_api import (
    BOT_USER,
    CARIN,
    CHANNEL,
    JOANNA,
    LARS,
    SIGNING_SECRET,
    TEAM,
    TOKEN,
    FakeSlackApi,
    SlackChat,
)
from tests.fakes.teams import SOR_BARN_ROSTER


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Nothing here may reach the real Slack: any host name but localhost fails to resolve."""
    real_getaddrinfo = socket.getaddrinfo
    refused: list[str] = []

    def localhost_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in (None, "127.0.0.1", "::1", "localhost"):
            refused.append(str(host))
            raise OSError(f"the tests must not reach {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", localhost_only)
    yield refused
    assert refused == []


async def setup_council(slack: SlackChat) -> None:
    created = await slack.say("council create Samordningsråd Barn (SOR Barn)")
    assert "Samordningsråd Barn (SOR Barn) är skapat" in created
    added = await slack.say("members add\n" + SOR_BARN_ROSTER)
    assert "Medlemslistan är uppdaterad" in added
    # Slack names are the users' own: members link by e-mail or, as here, by saying who they are.
    assert "Lars Gelander" in await slack.say("iam Lars Gelander", user=LARS)
    assert "Joanna Pestalozzi" in await slack.say("jag är Joanna Pestalozzi", user=JOANNA)


async def count(slack: SlackChat, model: Any) -> int:
    async with slack.app[SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def button_values(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(action_id, value) of every button in a message's blocks."""
    return [
        (element["action_id"], element["value"])
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


# -- slash commands ------------------------------------------------------------------------


async def test_slash_commands_set_up_a_council_and_answer_through_the_response_url(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await setup_council(slack)
    members = await slack.command("/radsbot", "members")
    assert "Medlemmar i Samordningsråd Barn (19)" in members["text"]
    assert members["response_type"] == "in_channel"
    assert members["blocks"][0]["text"]["text"].startswith("*Medlemmar i Samordningsråd Barn")
    added = await slack.say("meeting add fredag 12 september, Stationshuset, Gbg")
    assert "Möte tillagt: #1 fre 12 sep kl. 09.30–15.30" in added
    nxt = await slack.command("/next", "meeting", user=LARS)
    assert "Nästa möte: fre 12 sep kl. 09.30–15.30" in nxt["text"]
    assert "Nästa möte" in (await slack.command("/next", user=LARS))["text"]  # bare /next
    assert "Stationshuset, Gbg" in (await slack.command("/meetings", user=LARS))["text"]
    mine = await slack.command("/actions", "mine", user=LARS)
    assert "Du har inga öppna åtgärder" in mine["text"]
    # The bot asked Slack who Lars is and found him on the roster by his real name.
    async with slack.app[SESSIONS]() as session:
        identity = await session.scalar(select(ChatIdentity).where(ChatIdentity.user_id == LARS))
        assert identity is not None and identity.platform == "slack" and identity.tenant_id == TEAM
        assert identity.mention_id == LARS
        channel = await session.scalar(
            select(ConversationRef).where(ConversationRef.conversation_id == CHANNEL)
        )
        assert channel is not None and channel.kind == "channel" and channel.council_id is not None
        assert channel.reference == {"channel": CHANNEL, "team": TEAM}
    # auth.test went to the fake, once; every call carried the bot token.
    assert slack_api.methods().count("auth.test") == 1
    assert {authorization for _, _, authorization in slack_api.calls} == {"Bearer xoxb-test-token"}


async def test_a_command_with_the_word_payload_in_it_is_a_command(slack: SlackChat) -> None:
    # slack-bolt reads any form body containing "payload" as an interactive payload.
    await setup_council(slack)
    added = await slack.say("meeting add fredag 12 september, payload-rummet")
    assert "Möte tillagt" in added and "payload-rummet" in added


async def test_problems_are_answered_only_to_the_asker(slack: SlackChat) -> None:
    unlinked = await slack.command("/next", "meeting")
    assert "inte kopplad till något råd" in unlinked["text"]
    assert unlinked["response_type"] == "ephemeral"
    unknown = await slack.command("/radsbot", "actons mine")
    assert "Menade du `actions mine`?" in unknown["text"]
    assert unknown["response_type"] == "ephemeral"


async def test_actions_and_nominations_slash_commands(slack: SlackChat) -> None:
    await setup_council(slack)
    added = await slack.command("/action", "Lars, Joanna: Ta fram underlag senast 15 maj")
    assert "Åtgärd 1 är sparad" in added["text"]
    assert "Vem: Lars Gelander, Joanna Pestalozzi" in added["text"]
    opened = await slack.say("nomination open RPT THS roles ordförande deadline 30 maj")
    assert "RPT THS" in opened
    nominated = await slack.command("/nominate", "RPT THS ordförande Lisa Ståleby", user=LARS)
    assert nominated["response_type"] == "in_channel", nominated["text"]
    listing = await slack.command("/nominations", user=LARS)
    assert "Lisa Ståleby" in listing["text"]


async def test_a_user_mentioned_in_a_command_is_read_as_their_name(slack: SlackChat) -> None:
    await setup_council(slack)
    added = await slack.command("/action", f"<@{LARS}|lars>: Samråda med Karin A senast 16 maj")
    assert "Vem: Lars Gelander" in added["text"]


# -- events --------------------------------------------------------------------------------


async def test_app_mention_is_answered_in_the_channel(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    posted = await slack.mention("hjälp")
    assert posted["channel"] == CHANNEL
    assert "Det här kan jag" in posted["text"]
    assert posted["blocks"]
    assert "thread_ts" not in posted
    await setup_council(slack)
    in_thread = await slack.mention("nästa möte", user=LARS, thread_ts="42.0001")
    assert in_thread["thread_ts"] == "42.0001"
    assert "Inga kommande möten" in in_thread["text"]


async def test_direct_messages_are_personal_and_only_real_ones_are_answered(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await setup_council(slack)
    answer = await slack.direct("åtgärder mina", user=LARS)
    assert answer["channel"] == f"D-{LARS}"
    assert "Du har inga öppna åtgärder" in answer["text"]
    async with slack.app[SESSIONS]() as session:
        personal = await session.scalar(
            select(ConversationRef).where(ConversationRef.conversation_id == f"D-{LARS}")
        )
        assert (
            personal is not None and personal.kind == "personal" and personal.person_id is not None
        )
    # The bot's own posts, edits and a retried delivery of the same event are not answered.
    seen = len(slack_api.posted)
    await slack.event(slack.direct_event("hjälp", user=LARS, bot_id="B0RADSBOT"))
    await slack.event(slack.direct_event("hjälp", user=LARS, subtype="message_changed"))
    await slack.event(slack.direct_event("hjälp", user=LARS), event_id="EvSAME")
    await slack.event(slack.direct_event("hjälp", user=LARS), event_id="EvSAME")
    await slack.event(slack.direct_event("nästa möte", user=LARS))
    await slack_api.wait_for(slack_api.posted, seen + 2)
    texts = sorted(p["text"] for p in slack_api.posted[seen:])
    assert len(texts) == 2
    assert texts[0].startswith("Det här kan jag") and "Inga kommande möten" in texts[1]


async def test_url_verification_is_answered_when_signed(slack: SlackChat) -> None:
    import json

    body = json.dumps({"token": "x", "challenge": "abc123", "type": "url_verification"})
    status, text = await slack.post(body, "application/json")
    assert status == 200 and "abc123" in text


# -- buttons -------------------------------------------------------------------------------


async def test_the_klar_button_marks_the_action_done(slack: SlackChat) -> None:
    await setup_council(slack)
    await slack.command("/action", "Lars: Samråda med Karin A senast 16 maj")
    mine = await slack.command("/actions", "mine", user=LARS)
    assert "Dina öppna åtgärder (1)" in mine["text"]
    [(action_id, value)] = button_values(mine)
    assert value == "klar 1"
    [button] = [e for b in mine["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["text"]["text"] == "Klar"
    done = await slack.press(value, user=LARS, action_id=action_id)
    assert done["text"].startswith("✅")
    assert done["replace_original"] is False
    async with slack.app[SESSIONS]() as session:
        action = await session.scalar(select(Action))
        assert action is not None and action.done_at is not None
    assert (
        "Du har inga öppna åtgärder" in (await slack.command("/actions", "mine", user=LARS))["text"]
    )


async def test_my_actions_asked_in_the_channel_go_to_my_dm(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await setup_council(slack)
    await slack.command("/action", "Lars: Samråda med Karin A senast 16 maj")
    await slack.direct("hjälp", user=LARS)  # Lars has a DM with the bot now
    seen = len(slack_api.posted)
    note = await slack.command("/actions", "mine", user=LARS)
    assert "skickat dina åtgärder till dig i vår privata chatt" in note["text"]
    assert note["response_type"] == "ephemeral"
    [private] = slack_api.posted[seen:]
    assert private["channel"] == f"D-{LARS}"
    assert "Dina öppna åtgärder (1)" in private["text"]
    assert button_values(private) == [("radsbot_command_1000", "klar 1")]
    seen = len(slack_api.posted)
    await slack.mention("mina åtgärder", user=LARS)
    private, note_in_channel = (await slack_api.wait_for(slack_api.posted, seen + 2))[seen:]
    assert private["channel"] == f"D-{LARS}" and "Dina öppna åtgärder" in private["text"]
    assert note_in_channel["channel"] == CHANNEL and "privata chatt" in note_in_channel["text"]


async def test_the_teams_link_of_a_meeting_is_a_link_button(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await setup_council(slack)
    url = "https://teams.microsoft.com/l/meetup-join/abc?context=%7B%7D&amp;x=1"
    await slack.say(f"meeting add 7 maj kl 13.00-15.30, Teams <{url}>")
    nxt = await slack.command("/next", "meeting", user=LARS)
    [link] = [e for b in nxt["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert link["url"] == url.replace("&amp;", "&")
    assert link["action_id"].startswith("radsbot_link")
    # Slack reports the click on a link button too: acknowledged, and nothing else happens.
    seen = len(slack_api.responses)
    status, _ = await slack.post(
        slack.button_body("", user=LARS, action_id=link["action_id"]),
        "application/x-www-form-urlencoded",
    )
    assert status == 200
    assert len(slack_api.responses) == seen


async def test_choice_buttons_answer_a_pending_question(slack: SlackChat) -> None:
    await setup_council(slack)
    asked = await slack.command("/action", "Karin: Skriva remissvar senast 20 maj")
    choices = button_values(asked)
    assert len(choices) >= 2, asked["text"]
    assert len({action_id for action_id, _ in choices}) == len(choices)  # unique in the message
    action_id, value = choices[0]
    answered = await slack.press(value, user=CARIN, action_id=action_id)
    assert "Åtgärd 1 är sparad" in answered["text"]


# -- security ------------------------------------------------------------------------------


async def test_unsigned_forged_and_stale_requests_get_401_and_change_nothing(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    body = slack.command_body("/radsbot", "council create Fejk (F)", user=CARIN)
    form = "application/x-www-form-urlencoded"
    now = slack.now()
    assert (await slack.post(body, form, secret=None))[0] == 401
    assert (await slack.post(body, form, secret="not-the-secret"))[0] == 401
    assert (await slack.post(body, form, timestamp=now - 6 * 60))[0] == 401  # older than 5 min
    assert (await slack.post(body, form, timestamp=now + 6 * 60))[0] == 401
    event = slack.event_body(
        {"type": "app_mention", "user": CARIN, "text": "hjälp", "channel": CHANNEL}
    )
    assert (await slack.post(event, "application/json", secret=None))[0] == 401
    async with slack.http.post(
        slack.server.make_url("/slack/events"),
        data=body,
        headers={"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00"},
    ) as response:
        assert response.status == 401
    assert await count(slack, Council) == 0
    assert await count(slack, ConversationRef) == 0
    assert await count(slack, Person) == 0
    assert slack_api.calls == [] and slack_api.responses == [] and slack_api.posted == []


async def test_slack_is_off_without_its_token_and_secret(
    sqlite_url: str, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    # Only one of the two is a bad setting, refused at start-up (tests/security/test_bad_settings.py).
    app = create_app(Settings(database_url=sqlite_url, reminders_enabled=False), clock=clock)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        async with (
            ClientSession() as http,
            http.post(server.make_url("/slack/events"), data="x") as response,
        ):
            assert response.status == 404
    finally:
        await server.close()
    assert slack_api.calls == []


async def test_no_token_secret_or_request_body_in_the_logs(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await setup_council(slack)
    forged = slack.command_body("/radsbot", "members", user=CARIN)
    assert (await slack.post(forged, "application/x-www-form-urlencoded", secret="wrong"))[0] == 401
    await slack.say("meeting add 7 maj kl 13.00")
    slack_api.fail_next(429, retry_after="20")
    clock.set("2025-04-30 08:00")
    await slack.send_reminders(clock())
    assert slack_api.refused == 1
    logged = caplog.text
    for secret in (TOKEN, SIGNING_SECRET, "legacy-verification-token", "trigger-"):
        assert secret not in logged


# -- identity ------------------------------------------------------------------------------


async def test_an_account_is_linked_by_its_email(slack: SlackChat, slack_api: FakeSlackApi) -> None:
    await setup_council(slack)
    added = await slack.say("member add Lisa Ståleby, ledamot, Lisa.Staleby@vgregion.se")
    assert "Lisa Ståleby är nu ledamot" in added
    slack_api.add_user("U0LISA", "lisa s", email="lisa.staleby@vgregion.se")
    slack_api.add_user("U0STRANGER", "Someone Else", email="someone@example.org")
    mine = await slack.command("/actions", "mine", user="U0LISA")
    assert "Du har inga öppna åtgärder" in mine["text"]
    unknown = await slack.command("/actions", "mine", user="U0STRANGER")
    assert "Jag vet inte vem du är" in unknown["text"]
    assert "du är Karin Berg" in (await slack.say("iam Karin Berg", user="U0STRANGER"))


async def test_a_slack_profile_renamed_to_the_chair_gets_no_power(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await setup_council(slack)
    await slack.say("member add Maja Berndes, ordförande, maja.berndes@vgregion.se")
    await slack.say("meeting add fredag 12 september")
    # Anyone can call themselves "Maja Berndes" in Slack; the name alone links nothing.
    slack_api.add_user("U0EVIL", "Maja Berndes", email="evil@example.org")
    refused = await slack.command("/radsbot", "meeting cancel 1", user="U0EVIL")
    assert "Jag vet inte vem du är" in refused["text"]
    claimed = await slack.say("iam Maja Berndes", user="U0EVIL")
    assert "kopplas inte med `jag är`" in claimed and "e-postadressen" in claimed
    assert await count(slack, ChatIdentity) == 3  # Carin, Lars and Joanna only
    assert "fre 12 sep" in (await slack.command("/meetings", user=LARS))["text"]
    # The real Maja is known by the e-mail on the roster, and may cancel.
    slack_api.add_user("U0MAJA", "Maja B", email="Maja.Berndes@vgregion.se")
    cancelled = await slack.command("/radsbot", "meeting cancel 1", user="U0MAJA")
    assert "är inställt" in cancelled["text"]


# -- reminders -----------------------------------------------------------------------------


async def test_a_reminder_reaches_the_channel_exactly_once_also_after_a_429(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    await setup_council(slack)
    await slack.say("meeting add 7 maj kl 13.00")
    before = len(slack_api.posted)
    slack_api.fail_next(429, retry_after="20")
    clock.set("2025-04-30 08:00")
    await slack.send_reminders(clock())
    assert slack_api.refused == 1 and len(slack_api.posted) == before
    clock.set("2025-04-30 08:00:10")  # Retry-After not yet passed
    await slack.send_reminders(clock())
    assert len(slack_api.posted) == before
    clock.set("2025-04-30 08:02")
    await slack.send_reminders(clock())
    [sent] = slack_api.posted[before:]
    assert sent["channel"] == CHANNEL
    assert "dags för dagordningen" in sent["text"]
    assert sent["blocks"]
    clock.set("2025-04-30 09:00")
    await slack.send_reminders(clock())
    assert len(slack_api.posted) == before + 1


async def test_personal_reminders_go_to_a_dm_or_name_the_person_in_the_channel(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    await setup_council(slack)
    await slack.direct("hjälp", user=JOANNA)  # Joanna has a DM with the bot
    await slack.mention("hjälp", user=LARS)  # Lars only speaks in the channel
    await slack.say("action Joanna, Lars, Karin Berg: Ta fram underlag senast fredag 16 maj")
    before = len(slack_api.posted)
    clock.set("2025-05-13 08:00")
    stats = await slack.send_reminders(clock())
    assert stats.sent == 3, stats
    sent = slack_api.posted[before:]
    by_channel: dict[str, list[dict[str, Any]]] = {}
    for message in sent:
        by_channel.setdefault(message["channel"], []).append(message)
    # Both linked members get it in their DM with the bot, which conversations.open finds or
    # opens: Lars too, though he never wrote to the bot directly.
    for user in (JOANNA, LARS):
        [personal] = by_channel[f"D-{user}"]
        assert "Ta fram underlag" in personal["text"]
        assert ("conversations.open", {"users": user}) in [(m, p) for m, p, _ in slack_api.calls]
    # Karin Berg has no Slack account the bot knows: she is named in the channel.
    [named] = by_channel[CHANNEL]
    assert named["text"].startswith("*Karin Berg*:")


async def test_a_channel_the_bot_cannot_post_to_fails_at_once(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    await setup_council(slack)
    await slack.say("meeting add 7 maj kl 13.00")
    slack_api.fail_next(200, error="not_in_channel")
    clock.set("2025-04-30 08:00")
    stats = await slack.send_reminders(clock())
    assert stats.failed == 1 and stats.retried == 0
    failed = await slack.say("reminders failed")
    assert "Slack not_in_channel" in failed


async def test_5xx_is_retried(slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock) -> None:
    await setup_council(slack)
    await slack.say("meeting add 7 maj kl 13.00")
    slack_api.fail_next(503)
    clock.set("2025-04-30 08:00")
    assert (await slack.send_reminders(clock())).retried == 1
    clock.set("2025-04-30 10:00")
    assert (await slack.send_reminders(clock())).sent == 1


# -- translation and rendering, without a server ---------------------------------------------


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("/actions", "mine", "actions mine"),
        ("/next", "meeting", "next meeting"),
        ("/next", "", "next"),
        (
            "/nominate",
            "RPT THS ordförande Anna Lundgren",
            "nominate RPT THS ordförande Anna Lundgren",
        ),
        ("/action", "Karin: göra något", "action Karin: göra något"),
        ("/meetings", "", "meetings"),
        ("/nominations", " ", "nominations"),
        ("/radsbot", "council create X (X)", "council create X (X)"),
        ("/radsbot", "", "help"),
    ],
)
def test_command_text(command: str, text: str, expected: str) -> None:
    assert command_text(command, text) == expected


def test_plain_text_undoes_slack_markup() -> None:
    names = {"U1": "Karin Berg"}
    assert plain_text(f"<@{BOT_USER}> actions mine", names, BOT_USER) == "actions mine"
    assert (
        plain_text("action <@U1|karin>: a &amp; b &lt;3", names, BOT_USER)
        == "action Karin Berg: a & b <3"
    )
    assert plain_text(
        "meeting add 7 maj, <https://teams.microsoft.com/l/x?a=1&amp;b=2>", {}, None
    ) == ("meeting add 7 maj, https://teams.microsoft.com/l/x?a=1&b=2")
    assert (
        plain_text("<mailto:a@b.se|a@b.se> <#C1|general> <!here> <@U9>", {}, None)
        == "a@b.se #general @here @U9"
    )


def test_the_manifest_sends_everything_to_the_endpoint_and_every_command_is_understood(
    registry: Registry,
) -> None:
    manifest = (Path(__file__).parents[2] / "manifest" / "slack.yaml").read_text("utf-8")
    urls = re.findall(r"^\s*(?:url|request_url): (\S+)$", manifest, re.MULTILINE)
    assert len(urls) == 9 and set(urls) == {"https://YOUR-HOST/slack/events"}
    commands = re.findall(r"^\s*- command: (\S+)$", manifest, re.MULTILINE)
    samples = {
        "/actions": "mine",
        "/next": "meeting",
        "/nominate": "RPT THS Anna Lundgren",
        "/action": "done 3",
        "/meetings": "",
        "/nominations": "",
        "/radsbot": "council create Samordningsråd Barn (SOR Barn)",
    }
    assert sorted(commands) == sorted(samples)
    for command, sample in samples.items():
        assert parse(command_text(command, sample), registry) is not None, command
        assert parse(command_text(command, ""), registry) is not None, command
    scopes = re.search(r"bot:\n((?:\s+- \S+\n)+)", manifest)
    assert scopes is not None
    assert set(re.findall(r"- (\S+)", scopes[1])) == {
        "commands",
        "chat:write",
        "im:write",
        "im:history",
        "app_mentions:read",
        "users:read",
        "users:read.email",
        "files:read",  # a shared Word file is downloaded with the bot token
    }
    assert re.search(r"bot_events:\n\s+- app_mention\n\s+- message.im\n", manifest)


def test_conversation_kinds() -> None:
    assert conversation_kind("D123", None) is ConversationKind.PERSONAL
    assert conversation_kind("C123", "directmessage") is ConversationKind.PERSONAL
    assert conversation_kind("G123", "mpim") is ConversationKind.GROUP
    assert conversation_kind("G123", "mpdm-a--b-1") is ConversationKind.GROUP
    assert conversation_kind("C123", "general") is ConversationKind.CHANNEL


def test_blocks_of_a_reply() -> None:
    reply = Reply(
        title="Dina öppna åtgärder (1)",
        lines=(f"1 är <försenade> & {bold('viktiga')}",),
        items=(
            Item("#1 Ta fram underlag", "senast 15 maj", "försenad", (Button("Klar", "klar 1"),)),
        ),
        footer="Skriv `klar N`",
        buttons=(Button("Ja", "ja"), Button("Nej", "nej")),
        tone=Tone.OK,
    )
    message = slack_message(reply)
    assert message["text"].startswith("✅ Dina öppna åtgärder (1)")
    head, item, item_buttons, footer, choices = message["blocks"]
    assert (
        head["text"]["text"]
        == "✅ *Dina öppna åtgärder (1)*\n\n1 är &lt;försenade&gt; &amp; *viktiga*"
    )
    assert item["text"]["text"] == "• #1 Ta fram underlag — _senast 15 maj_ *(försenad)*"
    assert item_buttons["elements"][0]["value"] == "klar 1"
    assert footer["type"] == "context"
    assert [e["value"] for e in choices["elements"]] == ["ja", "nej"]
    ids = [
        e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert len(set(ids)) == len(ids)


def test_a_long_list_stays_within_slacks_limits() -> None:
    items = tuple(
        Item(f"#{n} {'Åtgärd ' * 40}", "senast 15 maj", None, (Button("Klar", f"klar {n}"),))
        for n in range(200)
    )
    blocks = render_blocks(Reply(title="Många", items=items))
    assert len(blocks) <= MAX_BLOCKS
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    text = "".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert "#0 " in text and "#199 " in text
