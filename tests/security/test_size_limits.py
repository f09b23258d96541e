"""Size limits: said in the reply, refused at once, and previews paged within Teams' 28 KB.

The attack: a 1 MB action text (it took 10 s, blocked every other request and was saved), a
5,000-line ``notes`` paste (no answer in 30 s), an agenda item or a motivation of a whole
page. The limits: one message at most 100 KB, an action, agenda item or motivation at most
1,000 characters, a paste at most 1,000 lines. Beyond them the bot answers at once with the
limit and what to do; within them a preview is a page of a card under 28 KB, with ``mer`` for
the next page and ``ok`` saving all.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from bot.render_card import ADAPTIVE_CARD
from tests.fakes.teams import TeamsChat, message_text
from tests.security.pastes import action_lines, as_teams_html

TEAMS_MAX_MESSAGE = 28 * 1024


async def answer_at_once(teams: TeamsChat, text: str, seconds: float = 1.0) -> str:
    started = time.perf_counter()
    answer = await teams.say(text)
    assert time.perf_counter() - started < seconds, "not answered at once"
    return answer


async def open_actions(teams: TeamsChat) -> str:
    return await teams.say("åtgärder")


async def test_a_one_megabyte_body_is_refused_by_the_endpoint(teams: TeamsChat) -> None:
    """A 1 MB action text never reaches a handler: 413, and nothing is saved."""
    await teams.setup_council()
    status = await teams.post(teams.activity("action Lars Gelander: " + "a" * 1024 * 1024))
    assert status == 413
    assert teams.connector.take() == []
    assert "Öppna åtgärder i SOR Barn (0)" in await open_actions(teams)


async def test_a_message_over_100_kb_is_refused_with_the_limit(teams: TeamsChat) -> None:
    """101 KB in one message: the limit and how to split it, at once; nothing saved."""
    await teams.setup_council()
    lines = action_lines(1000)
    text = "notes\n" + "\n".join(lines + lines[:60])
    assert len(text.encode()) > 100 * 1024
    answer = await answer_at_once(teams, text)
    assert "högst 100 kB" in answer and "Dela upp" in answer
    assert "Något gick fel" not in answer
    assert "Öppna åtgärder i SOR Barn (0)" in await open_actions(teams)


@pytest.mark.parametrize(
    "command",
    [
        "action Lars Gelander: {text} senast 15 maj",
        "agenda add {text}",
        "nominera THS ordförande Anna Lundgren: {text}",
    ],
)
async def test_one_line_texts_over_1000_characters_are_refused(
    teams: TeamsChat, command: str
) -> None:
    """An action, an agenda item, a motivation of 1,001+ characters: the limit, at once."""
    await teams.setup_council()
    await teams.say("meeting add fredag 12 december kl 09.30-15.30, Stationshuset")
    await teams.say("nomination open RPT THS roles ordförande deadline 30 maj: Nya namn")
    answer = await answer_at_once(teams, command.format(text="ord " * 300))
    assert "högst 1000 tecken" in answer and "Korta ner" in answer
    assert "Öppna åtgärder i SOR Barn (0)" in await open_actions(teams)
    assert "tom än så länge" in await teams.say("dagordning")
    assert "Anna Lundgren" not in await teams.say("nomineringar THS")


async def test_an_action_of_1000_characters_is_saved(teams: TeamsChat) -> None:
    """Up to the limit is allowed: 1,000 characters of command text make an action."""
    await teams.setup_council()
    head = "Lars Gelander: granska "
    command = "action " + head + "x" * (1000 - len(head))
    assert len(command) - len("action ") == 1000
    assert "Åtgärd 1 är sparad" in await teams.say(command)


async def test_a_paste_over_1000_lines_is_refused(teams: TeamsChat) -> None:
    """1,001 lines of minutes: the limit and to paste a part at a time, at once."""
    await teams.setup_council()
    answer = await answer_at_once(teams, "notes\n" + "\n".join(action_lines(1001)))
    assert "1001 rader" in answer and "högst 1000 rader" in answer
    assert "en del i taget" in answer


async def test_a_long_item_in_a_paste_is_listed_as_not_read(teams: TeamsChat) -> None:
    """One "Action:" line of 1,200 characters in a paste: that line, with the limit as why."""
    await teams.setup_council()
    long_line = "Action: Lars " + "granskar underlaget " * 60
    preview = await teams.say("notes\n" + "\n".join([*action_lines(3), long_line]))
    assert "längre än 1000 tecken" in preview
    assert "Öppna åtgärder i SOR Barn (0)" in await open_actions(teams)


def teams_card_sizes(activity: dict[str, Any]) -> int:
    """The message as JSON with every non-ASCII character escaped (the largest encoding)."""
    assert any(a["contentType"] == ADAPTIVE_CARD for a in activity.get("attachments") or [])
    return len(json.dumps(activity).encode())


async def test_the_biggest_paste_is_previewed_in_pages_under_28_kb(teams: TeamsChat) -> None:
    """1,000 lines (~100 KB) as Teams sends them: a first page, ``mer`` for the next, each
    card under 28 KB; a 100 KB message with its text/html copy fits the HTTP body limit."""
    await teams.setup_council()
    lines = action_lines(1000)
    html = as_teams_html(["notes", *lines])
    activity = teams.activity(html)
    activity["attachments"] = [{"contentType": "text/html", "content": activity["text"]}]
    assert await teams.post(activity) in (200, 201)
    [first] = teams.connector.take()
    assert teams_card_sizes(first) < TEAMS_MAX_MESSAGE
    shown = message_text(first)
    assert "Visar 1–20 av 1000" in shown and "**mer**" in shown and "**ok** sparar alla" in shown
    assert "20. " in shown and "21. " not in shown
    assert await teams.post(teams.activity("mer")) in (200, 201)
    [second] = teams.connector.take()
    assert teams_card_sizes(second) < TEAMS_MAX_MESSAGE
    assert "Visar 21–40 av 1000" in message_text(second)
    fixed = await teams.say("999 bort")
    assert "av 999" in fixed


async def test_ok_saves_every_page_of_a_preview(teams: TeamsChat) -> None:
    """``ok`` after seeing only the first page saves all lines, and says how many."""
    await teams.setup_council()
    preview = await teams.say("notes\n" + "\n".join(action_lines(45)))
    assert "Visar 1–20 av 45" in preview
    saved = await teams.say("ok")
    assert "45 åtgärder är sparade" in saved
    assert "… och 25 till." in saved
    assert "Öppna åtgärder i SOR Barn (45)" in await open_actions(teams)
