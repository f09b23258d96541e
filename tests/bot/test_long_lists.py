"""A long list shows its first actions, the full count and how to narrow it down."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat


async def test_a_long_list_of_actions_is_cut_with_the_full_count(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    lines = [f"Action: Lars ringer kontakt {n} senast {n} maj" for n in range(1, 31)]
    lines += ["Action: Lars skriver rapport senast 9 april kl 08.00"]  # passed this morning
    lines += ["Action: Lars bokar lokal senast 9 april"]  # today: not overdue yet
    preview = await teams.say("notes\n" + "\n".join(lines))
    assert "32 åtgärder" in preview
    assert "32 åtgärder är sparade" in await teams.say("ok")
    listing = await teams.say("åtgärder")
    assert "Öppna åtgärder i SOR Barn (32)" in listing
    assert listing.count("Lars ringer kontakt") + listing.count("Ringer kontakt") == 23
    assert "… och 7 till" in listing and "åtgärder försenade" in listing
    overdue = await teams.say("åtgärder försenade")
    assert (
        "(1)" in overdue and "rapport" in overdue.lower() and "och" not in overdue.split("\n")[-1]
    )
    mine = await teams.say("åtgärder mina", user="Lars Gelander")
    assert "Dina öppna åtgärder (32)" in mine and "… och 7 till" in mine
    assert "1 är försenad." in mine  # the report, due at 08.00 today; the room is due today
    clock.set("2025-04-10 09:00")
    assert "(2)" in await teams.say("åtgärder försenade")
    assert "2 är försenade." in await teams.say("åtgärder mina", user="Lars Gelander")


async def test_my_overdue_count_covers_more_than_the_list_shows(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    lines = [f"Action: Lars ringer kontakt {n} senast {n} maj" for n in range(1, 31)]
    await teams.say("notes\n" + "\n".join(lines))
    await teams.say("ok")
    clock.set("2025-06-15 10:00")  # all 30 deadlines (1–30 May) have passed
    mine = await teams.say("åtgärder mina", user="Lars Gelander")
    assert "Dina öppna åtgärder (30)" in mine and "30 är försenade." in mine
    assert "… och 5 till" in mine


async def test_a_big_roster_is_one_line_per_role(teams: TeamsChat) -> None:
    await teams.setup_council()
    small = await teams.say("medlemmar")
    assert "Lars Gelander — ledamot" in small or "Lars Gelander** — ledamot" in small
    extra = "\n".join(f"Person Nummer{n}" for n in range(1, 31))
    await teams.say("members add\n" + extra)
    big = await teams.say("medlemmar")
    assert "(49)" in big
    assert "**sekreterare** (1): Carin Skoog" in big
    assert "Person Nummer30" in big and "Lars Gelander" in big
    assert "Lars Gelander — ledamot" not in big
