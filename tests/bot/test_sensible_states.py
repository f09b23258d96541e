"""States that make sense (issue 15 point 8), in Swedish and in English, through the Teams
endpoint: a done action is reopened before it gets a new deadline (and the reopening can be
undone), a repeated nomination is said to be done already, a meeting without a place says
"Plats" once, and ``radsbot chat`` writes no log lines between its replies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fakes.teams import TeamsChat

RADSBOT = str(Path(sys.executable).with_name("radsbot"))


async def _done_action(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("action Lars: Samråda med regionen senast 7 maj")
    await teams.say("klar 1", user="Lars Gelander")


async def test_a_done_action_is_reopened_before_it_moves_in_swedish(teams: TeamsChat) -> None:
    await _done_action(teams)
    refused = await teams.say("flytta åtgärd 1 23 maj", user="Lars Gelander")
    assert "Åtgärd 1 är redan klar och behöver ingen ny deadline." in refused
    assert "Öppna den först med `åtgärd återöppna 1`." in refused
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")
    reopened = await teams.say("åtgärd återöppna 1", user="Lars Gelander")
    assert "Åtgärd 1 är öppen igen: Samråda med regionen" in reopened
    assert "`flytta åtgärd 1 DATUM`" in reopened
    assert "Åtgärd 1 är redan öppen." in await teams.say("återöppna 1", user="Lars Gelander")
    moved = await teams.say("flytta åtgärd 1 23 maj", user="Lars Gelander")
    assert "Åtgärd 1 har fått ny deadline" in moved
    log = await teams.say("log")
    assert "Lars Gelander — öppnade åtgärd #1 ”Samråda med regionen” igen" in log
    # Undoing the move, then the reopening: the action is done again, as before.
    await teams.say("ångra", user="Lars Gelander")
    undone = await teams.say("ångra", user="Lars Gelander")
    assert "Ångrat: öppnade åtgärd #1 ”Samråda med regionen” igen" in undone
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("åtgärder")
    assert "Åtgärd 1 var redan klar." in await teams.say("klar 1", user="Lars Gelander")


async def test_a_done_action_is_reopened_before_it_moves_in_english(teams: TeamsChat) -> None:
    await _done_action(teams)
    await teams.say("lang en", user="Lars Gelander")
    refused = await teams.say("action move 1 23 May", user="Lars Gelander")
    assert "Action 1 is already done and needs no new deadline." in refused
    assert "Open it again first with `action reopen 1`." in refused
    reopened = await teams.say("action reopen 1", user="Lars Gelander")
    assert "Action 1 is open again: Samråda med regionen" in reopened
    assert "`action move 1 DATE`" in reopened
    assert "Action 1 is already open." in await teams.say("action reopen 1", user="Lars Gelander")
    assert "Action 1 has a new deadline" in await teams.say(
        "action move 1 23 May", user="Lars Gelander"
    )


async def test_the_same_nomination_twice_is_already_done(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("nomination open NAG deadline 30 maj")
    first = await teams.say("nominera NAG Bo Ek: bra", user="Lars Gelander")
    assert "Tack! Bo Ek är nominerad till NAG." in first
    again = await teams.say("nominera NAG Bo Ek", user="Lars Gelander")
    assert "Du har redan nominerat Bo Ek till NAG – det står kvar som förut." in again
    assert "Tack!" not in again
    listing = await teams.say("nomineringar")
    assert "(1 nominerad)" in listing and "Bo Ek — föreslagen av Lars Gelander" in listing
    # A second member backing the same nomination is news, not a repeat.
    assert "Tack! Bo Ek är nominerad" in await teams.say("nominera NAG Bo Ek", user="Maja Berndes")
    await teams.say("lang en", user="Lars Gelander")
    both = await teams.say("nominate NAG Bo Ek, Maja Berndes", user="Lars Gelander")
    assert "Thanks! Maja Berndes is nominated for NAG." in both
    assert "You have already nominated Bo Ek for NAG – it stands as before." in both


async def test_a_meeting_without_a_place_says_place_once(teams: TeamsChat) -> None:
    await teams.setup_council()
    added = await teams.say("meeting add 12 september kl 09.30")
    assert "Plats: inte bestämd än" in added and "Plats: plats" not in added
    assert "Plats: inte bestämd än" in await teams.say("nästa möte")
    await teams.say("lang en")
    assert "Place: not decided yet" in await teams.say("next meeting")


async def test_an_action_without_a_deadline_says_deadline_once(teams: TeamsChat) -> None:
    await teams.setup_council()
    added = await teams.say("action Lars: Ring regionen")
    assert "Deadline: ingen" in added and "Deadline: ingen deadline" not in added
    await teams.say("lang en")
    added = await teams.say("action Lars: Call the region")
    assert "Deadline: none" in added and "no deadline" not in added


def test_the_terminal_shows_no_log_lines_between_replies(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        RADSBOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}",
        RADSBOT_LOG_LEVEL="INFO",
    )
    script = "council create Samordningsråd Barn (SOR Barn)\nnästa möte\nlang en\nnext meeting\n"
    done = subprocess.run(
        [RADSBOT, "chat", "--as", "Carin Skoog"],
        input=script,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=True,
    )
    assert "Rådet Samordningsråd Barn (SOR Barn) är skapat" in done.stdout
    assert "meetings are planned" in done.stdout
    screen = done.stdout + done.stderr
    assert " INFO " not in screen and "DEBUG" not in screen, screen
