"""Buttons in Slack: `klar` marks an action done, a meeting's Teams link is a link button,
and choice buttons answer a pending question.

The tests run on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.app import SESSIONS
from store.models import Action
from tests.fakes.slack_api import CARIN, LARS, FakeSlackApi, SlackChat, button_values


async def test_the_klar_button_marks_the_action_done(slack: SlackChat) -> None:
    await slack.setup_council()
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


async def test_the_teams_link_of_a_meeting_is_a_link_button(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    await slack.setup_council()
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
    await slack.setup_council()
    asked = await slack.command("/action", "Karin: Skriva remissvar senast 20 maj")
    choices = button_values(asked)
    assert len(choices) >= 2, asked["text"]
    assert len({action_id for action_id, _ in choices}) == len(choices)  # unique in the message
    action_id, value = choices[0]
    answered = await slack.press(value, user=CARIN, action_id=action_id)
    assert "Åtgärd 1 är sparad" in answered["text"]
