"""Talking to Rådsbot in Slack: signed slash commands into the real app over HTTP, answers to
the response URL (problems to the asker only), @mentions answered in the channel, direct
messages as personal chats, and personal lists asked in a channel sent to the asker's DM.

The tests run on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.app import SESSIONS
from store.models import ChatIdentity, ConversationRef
from tests.fakes.slack_api import CHANNEL, LARS, TEAM, FakeSlackApi, SlackChat, button_values


async def test_slash_commands_set_up_a_council_and_answer_through_the_response_url(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await slack.setup_council()
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
    await slack.setup_council()
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
    await slack.setup_council()
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
    await slack.setup_council()
    added = await slack.command("/action", f"<@{LARS}|lars>: Samråda med Karin A senast 16 maj")
    assert "Vem: Lars Gelander" in added["text"]


async def test_app_mention_is_answered_in_the_channel(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    posted = await slack.mention("hjälp")
    assert posted["channel"] == CHANNEL
    assert "Det här kan jag" in posted["text"]
    assert posted["blocks"]
    assert "thread_ts" not in posted
    await slack.setup_council()
    in_thread = await slack.mention("nästa möte", user=LARS, thread_ts="42.0001")
    assert in_thread["thread_ts"] == "42.0001"
    assert "Inga kommande möten" in in_thread["text"]


async def test_direct_messages_are_personal_and_only_real_ones_are_answered(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await slack.setup_council()
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


async def test_my_actions_asked_in_the_channel_go_to_my_dm(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await slack.setup_council()
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
