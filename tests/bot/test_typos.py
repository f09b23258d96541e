"""A mistyped command gets "Menade du …?" with the nearest command the person may use, as it
is written; never a refusal, never "Vem ska göra det?" (issue 15, point 2).

Every row of ``tests/dialogs/typos.py`` is typed in a Teams channel, through the real endpoint.
"""

from __future__ import annotations

import re

from tests.dialogs.typos import TYPOS
from tests.fakes.teams import TeamsChat

OFFICER = "Carin Skoog"  # the secretary: she created the council
MEMBER = "Lars Gelander"

#: in a text message the command is code; in a card (the answer has a button) it is bold
_SUGGESTED = re.compile(r"(?:Menade du|Did you mean) (?:`|\*\*)([^`*]+)(?:`|\*\*)\?")
#: what a slip must never be answered with
_WRONG = (
    "Det kan bara rådets sekreterare",
    "Only the council's secretary",
    "Vem ska göra det?",
    "Who is to do it?",
)


def suggested(reply: str) -> str | None:
    found = _SUGGESTED.search(reply)
    return found.group(1) if found else None


async def test_every_typo_of_the_table_gets_its_suggestion(teams: TeamsChat) -> None:
    await teams.setup_council()
    wrong = []
    for lang in ("sv", "en"):
        await teams.say(f"språk {lang}")
        await teams.say(f"språk {lang}", user=MEMBER)
        for role, typed_lang, typed, expected in TYPOS:
            if typed_lang != lang:
                continue
            reply = await teams.say(typed, user=OFFICER if role == "officer" else MEMBER)
            if suggested(reply) != expected or any(w in reply for w in _WRONG):
                wrong.append((role, typed, expected, reply))
    assert not wrong, "\n\n".join(map(repr, wrong))


async def test_a_slip_near_an_officers_command_is_no_refusal(teams: TeamsChat) -> None:
    await teams.setup_council()
    member = await teams.say("action mine", user=MEMBER)
    assert "Jag förstår inte ”action mine”." in member
    assert "Menade du **actions mine**?" in member
    secretary = await teams.say("action mine")
    assert "Menade du **actions mine**?" in secretary
    # nothing was kept: the next message is no answer to a question
    assert "Det här kan jag" in await teams.say("hjälp")
    # a real officers' command is refused to a member, as before
    refused = await teams.say("medlem ta bort Maja Berndes", user=MEMBER)
    assert "Det kan bara rådets sekreterare" in refused
    assert "Menade du" not in refused


async def test_an_action_for_a_name_like_a_command_is_still_an_action(teams: TeamsChat) -> None:
    await teams.setup_council()
    saved = await teams.say("åtgärd Karin Andersson: klar med underlaget senast 15 maj")
    assert "Menade du" not in saved
    assert "Karin Andersson" in saved


async def test_help_for_a_mistyped_command_suggests_it(teams: TeamsChat) -> None:
    await teams.setup_council()
    reply = await teams.say("hjälp nominerra", user=MEMBER)
    assert "Jag har inget kommando ”nominerra”." in reply
    assert "Menade du `nominera`?" in reply
    await teams.say("lang en", user=MEMBER)
    english = await teams.say("help nxt meeting", user=MEMBER)
    assert "Did you mean `next meeting`?" in english
