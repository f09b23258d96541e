"""Threat: a person's calendar and data links are secrets ("a channel must never see a
personal link"), yet two paths showed them to others. Asked for in a channel, the link goes
to the asker's private chat; when that send failed (the person had removed the app, Teams
answered 403, or 5xx) the bot answered in place instead: the data link, which opens the
person's e-mail, councils and everything else, stood in the council's channel. And on Slack,
where a slash command also runs in a DM between two people, the link was answered there
`in_channel`, for the other person to read and open."""

from __future__ import annotations

import pytest

from tests.fakes.slack_api import LARS, FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat, message_text
from tests.security.conftest import slack_council

BOB = "U0BOB"
SHARED_DM = {"channel": "D0LARSBOB", "channel_name": "directmessage"}


@pytest.mark.parametrize("command", ["mina uppgifter", "kalender"])
async def test_a_failed_private_send_never_puts_the_secret_link_in_the_channel(
    teams: TeamsChat, command: str
) -> None:
    """Lars has a personal chat with the bot; he asks in the channel, and Teams refuses the
    send to his personal chat (he removed the app there)."""
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    teams.connector.fail_next(403)
    assert await teams.post(teams.activity(command, user="Lars Gelander")) == 201
    sent = teams.connector.take()
    in_channel = [message_text(a) for a in sent if a["_conversation"].startswith("19:")]
    assert in_channel, sent
    for shown in in_channel:
        assert "/my-data/" not in shown and "/calendar/" not in shown, shown
    assert "personlig chatt" in in_channel[-1]
    # when the personal chat answers, the link goes there as before
    assert await teams.post(teams.activity(command, user="Lars Gelander")) == 201
    by_place = {a["_conversation"].split(";")[0]: message_text(a) for a in teams.connector.take()}
    assert "localhost" in by_place["a:personal-29:lars-gelander"]
    assert "localhost" not in by_place["19:channel-general@thread.tacv2"]


@pytest.mark.parametrize("command", ["mina uppgifter", "kalender"])
async def test_a_secret_link_asked_for_in_a_shared_slack_dm_is_shown_to_the_asker_alone(
    slack: SlackChat, slack_api: FakeSlackApi, command: str
) -> None:
    """Lars runs `/radsbot mina uppgifter` in his DM with Bob."""
    await slack_council(slack)
    assert "är nu kopplad" in await slack.say(f"member link Lars Gelander <@{LARS}>")
    slack_api.add_user(BOB, "Bob Utomstående")
    answer = await slack.command("/radsbot", command, user=LARS, **SHARED_DM)
    assert "localhost" in answer["text"], answer
    assert answer["response_type"] == "ephemeral", answer
