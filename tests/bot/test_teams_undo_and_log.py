"""Taking a change back in Teams: `ångra` undoes the speaker's last change, and `log` shows the
council's recent changes with what was undone.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from tests.fakes.teams import TeamsChat


async def test_undo_takes_back_the_last_change_and_log_shows_it(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meeting add 7 maj kl 13.00")
    await teams.say("action Lars: Samråda med Karin A senast 7 maj")
    assert "Ångrat: lade till åtgärd #1 ”Samråda med Karin A”" in await teams.say("ångra")
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("actions")
    assert "Ångrat: lade till möte" in await teams.say("undo")
    assert "Inga kommande möten" in await teams.say("nästa möte")
    await teams.say("action Lars: Samråda med Karin A senast 7 maj")
    await teams.say("klar 2", user="Lars Gelander")
    assert "Ångrat: markerade åtgärd #2 ”Samråda med Karin A” som klar" in await teams.say(
        "ångra", user="Lars Gelander"
    )
    assert "Öppna åtgärder i SOR Barn (1)" in await teams.say("actions")
    assert "inget av dig att ångra" in await teams.say("ångra", user="Lars Gelander")
    log = await teams.say("log")
    assert "Senaste ändringarna i SOR Barn" in log
    assert "Lars Gelander — markerade åtgärd #2 ”Samråda med Karin A” som klar" in log
    assert "**(ångrad)**" in log
    assert "bara rådets" in (await teams.say("log", user="Lars Gelander")).lower()
