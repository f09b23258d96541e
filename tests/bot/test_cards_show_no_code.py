"""Adaptive Cards show no Markdown code: Teams' cards do not render backticks, so a command
is shown in bold there, or as a button that runs it; Teams' text messages and Slack keep code
spans (issue 15, point 5)."""

from __future__ import annotations

from typing import Any

from bot.render_card import reply_card
from dialogs.model import Item, Reply
from dialogs.text.markup import code
from tests.fakes.slack_api import SlackChat
from tests.fakes.teams import TeamsChat, message_text

MEMBER = "Lars Gelander"


def _card(activity: dict[str, Any]) -> dict[str, Any]:
    [attachment] = activity["attachments"]
    content: dict[str, Any] = attachment["content"]
    return content


async def _reply(teams: TeamsChat, text: str, **kwargs: Any) -> dict[str, Any]:
    assert await teams.post(teams.activity(text, **kwargs)) == 201
    [activity] = teams.connector.take()
    return activity


def test_a_card_shows_commands_in_bold() -> None:
    reply = Reply(
        title=f"Skriv {code('hjälp')}",
        lines=(f"Menade du {code('mina åtgärder')}?",),
        items=(Item(code("nästa möte"), detail=code("möten")),),
        footer=f"T.ex. {code('hjälp nominera')}",
    )
    card = reply_card(reply)
    texts = [block["text"] for block in card["body"] if block.get("type") == "TextBlock"]
    texts += [block["items"][0]["text"] for block in card["body"] if block["type"] == "Container"]
    assert not any("`" in text for text in texts), texts
    assert "Menade du **mina åtgärder**?" in texts
    assert "**nästa möte** — **möten**" in texts
    assert "T.ex. **hjälp nominera**" in texts
    # the plain fallback for clients without cards keeps the command as code
    assert "`mina åtgärder`" in card["fallbackText"]


async def test_help_as_a_card_shows_its_commands_in_bold_in_both_languages(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    swedish = message_text(await _reply(teams, "hjälp", user=MEMBER))
    assert "`" not in swedish
    assert "Åtgärder — **mina åtgärder** · **åtgärder** · **klar**" in swedish
    assert "**hjälp nominera**" in swedish
    await teams.say("lang en", user=MEMBER)
    english = message_text(await _reply(teams, "help", user=MEMBER))
    assert "`" not in english
    assert "Actions — **actions mine** · **actions** · **action done**" in english


async def test_a_suggestion_is_a_button_that_runs_the_command(teams: TeamsChat) -> None:
    await teams.setup_council()
    answer = await _reply(teams, "mina åtgräder", user=MEMBER)
    card = _card(answer)
    assert "Menade du **mina åtgärder**?" in message_text(answer)
    assert "`" not in message_text(answer)
    [button] = card["actions"]
    assert button == {
        "type": "Action.Submit",
        "title": "mina åtgärder",
        "data": {"command": "mina åtgärder"},
    }
    pressed = await _reply(teams, "", user=MEMBER, value=button["data"])
    assert "Jag förstår inte" not in message_text(pressed)
    # the words typed after the slip go along: "nominerra RPT THS …" runs "nominera RPT THS …"
    english = _card(await _reply(teams, "nominat RPT THS chair Anna Lundgren", user=MEMBER))
    assert english["actions"][0]["data"] == {"command": "nominate RPT THS chair Anna Lundgren"}


async def test_slack_keeps_code_spans(slack: SlackChat) -> None:
    posted = await slack.mention("hjälp")
    assert "`mina åtgärder`" in posted["text"]
    blocks = str(posted["blocks"])
    assert "`mina åtgärder`" in blocks
