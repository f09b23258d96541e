"""Talking to Rådsbot in Teams: a message in over HTTP, the answer out to the thread or to a
private chat, help, a mistyped command, a channel not yet linked, a body that is not an activity.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

import pytest

from tests.fakes.teams import TeamsChat, message_text


async def test_health(teams: TeamsChat) -> None:
    async with teams.http.get(teams.server.make_url("/healthz")) as response:
        assert response.status == 200
        assert (await response.json())["status"] == "ok"


async def test_channel_message_reply_strips_mention_and_goes_to_the_thread(
    teams: TeamsChat,
) -> None:
    activity = teams.activity("hjälp")
    assert await teams.post(activity) == 201
    [reply] = teams.connector.take()
    assert reply["type"] == "message"
    assert "Det här kan jag" in message_text(reply)
    assert reply["replyToId"] == activity["id"]
    assert reply["_conversation"].startswith("19:channel-general@thread.tacv2")


async def test_help_in_english(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Jag svarar dig på engelska" not in await teams.say("lang en")
    text = await teams.say("help")
    assert "What I can do" in text
    assert "actions mine" in text


async def test_unknown_command_suggests_the_right_one(teams: TeamsChat) -> None:
    text = await teams.say("actons mine")
    assert "Jag förstår inte" in text
    assert "Menade du **actions mine**?" in text  # a card, with a button that runs it
    assert "hjälp" in text


async def test_unlinked_channel_says_how_to_link(teams: TeamsChat) -> None:
    text = await teams.say("nästa möte")
    assert "inte kopplad till något råd" in text
    assert "skapa råd" in text


@pytest.mark.parametrize("body", [b"not json", b"{}", b"[1, 2]"])
async def test_garbage_is_refused_without_a_reply(teams: TeamsChat, body: bytes) -> None:
    async with teams.http.post(
        teams.server.make_url("/api/messages"),
        data=body,
        headers={"Content-Type": "application/json"},
    ) as response:
        assert response.status == 400
    assert teams.connector.take() == []


async def test_personal_chat_answers_for_the_only_council(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("action Joanna: Skicka underlag senast 15 maj")
    mine = await teams.say("mina åtgärder", user="Joanna Pestalozzi", personal=True)
    assert "#1 Skicka underlag" in mine
    assert "Åtgärd 1 är klar" in await teams.say("klar 1", user="Joanna Pestalozzi", personal=True)


async def test_actions_mine_in_a_channel_is_answered_privately_when_possible(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    await teams.say("action Joanna: Skicka underlag senast 15 maj")
    await teams.say("action Lars: Samråda med Karin A senast 16 maj")
    # Lars has no private chat with the bot: his list comes in the channel.
    assert "#2 Samråda med Karin A" in await teams.say("actions mine", user="Lars Gelander")
    await teams.say("hjälp", user="Joanna Pestalozzi", personal=True)
    assert await teams.post(teams.activity("åtgärder mina", user="Joanna Pestalozzi")) == 201
    sent = teams.connector.take()
    by_place = {a["_conversation"].split(";")[0]: message_text(a) for a in sent}
    assert (
        "Jag har skickat dina åtgärder till dig i vår privata chatt"
        in by_place["19:channel-general@thread.tacv2"]
    )
    assert "Skicka underlag" not in by_place["19:channel-general@thread.tacv2"]
    assert "#1 Skicka underlag" in by_place["a:personal-29:joanna-pestalozzi"]
