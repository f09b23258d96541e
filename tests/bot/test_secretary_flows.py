"""The secretary's flows end to end through Teams: undo, moving meetings, the season's dates,
names the roster does not know, the council's meeting hours and who may do what.

The clock stands at Wednesday 9 April 2025, 10:00.
"""

from __future__ import annotations

from tests.fakes.teams import TeamsChat, message_text


async def test_undo_skips_what_it_cannot_take_back_and_removes_a_member_added(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    await teams.say("action Maja ringer BUP")
    await teams.say("member add Pelle Svensson")
    await teams.say("nomination open RPT THS")  # cannot be taken back: skipped
    assert "Ångrat: lade till medlem ”Pelle Svensson”" in await teams.say("undo")
    assert "Pelle Svensson" not in await teams.say("members")
    assert "Ångrat: lade till åtgärd #1 ”Ringer BUP”" in await teams.say("ångra")
    assert "Öppna åtgärder i SOR Barn (0)" in await teams.say("actions")
    # the pasted roster goes back as a whole; creating the council cannot be taken back
    assert "Ångrat: lade till 19 medlemmar från en lista" in await teams.say("ångra")
    assert "Medlemmar i Samordningsråd Barn (1)" in await teams.say("members")
    assert "inget av dig att ångra" in await teams.say("ångra")


async def test_undo_gives_a_member_back_the_role_they_had(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Lorna Niklasson är nu koordinator" in await teams.say(
        "member add Lorna Niklasson, koordinator"
    )
    assert "Ångrat: ändrade medlem ”Lorna Niklasson”" in await teams.say("ångra")
    assert "Lorna Niklasson — ledamot" in await teams.say("members")


async def test_meeting_move_to_a_time_alone_keeps_its_day(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meeting add onsdag 7 maj kl 09.30-15.30, Stationshuset")
    moved = await teams.say("meeting move 1 13:00")
    assert "Möte 1 är flyttat till ons 7 maj kl. 13.00–19.00" in moved  # the same length
    assert "ons 7 maj kl. 10.00–16.00" in await teams.say("meeting move 1 kl 10")
    assert "ons 7 maj kl. 13.00–15.00" in await teams.say("meeting move 1 kl 13-15")
    # a day is still a day: the time stays
    assert "fre 9 maj kl. 13.00–15.00" in await teams.say("meeting move 1 fredag 9 maj")
    assert "kunde inte läsa" in await teams.say("meeting move 1 kl 25")


async def test_undoing_a_meeting_move_brings_its_actions_and_reminders_back(
    teams: TeamsChat,
) -> None:
    await teams.setup_council()
    await teams.say("meeting add onsdag 7 maj kl 09.30, Stationshuset")
    await teams.say("action Maja bokar lokal till nästa möte")
    before = await teams.say("reminders")
    assert "till mötet ons 7 maj kl. 09.30" in await teams.say("actions")
    await teams.say("meeting move 1 fredag 16 maj")
    assert "till mötet fre 16 maj kl. 09.30" in await teams.say("actions")
    assert await teams.say("reminders") != before
    assert "Ångrat: flyttade möte" in await teams.say("ångra")
    assert "till mötet ons 7 maj kl. 09.30" in await teams.say("actions")
    assert "#1 ons 7 maj" in await teams.say("möten")
    assert await teams.say("reminders") == before


async def test_undoing_a_cancel_binds_the_actions_to_the_meeting_again(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meeting add onsdag 7 maj kl 09.30, Stationshuset")
    await teams.say("action Maja bokar lokal till nästa möte")
    await teams.say("meeting cancel 1")
    assert "till mötet" not in await teams.say("actions")
    assert "Ångrat: ställde in möte" in await teams.say("ångra")
    await teams.say("meeting move 1 fredag 16 maj")
    assert "till mötet fre 16 maj kl. 09.30" in await teams.say("actions")


async def test_season_lists_the_lines_it_could_not_read_with_why(teams: TeamsChat) -> None:
    await teams.setup_council()
    preview = await teams.say(
        "meetings add\n"
        "Möten för hösten 2025\n"
        "Fredag 12 september, Stationshuset, Gbg\n"
        "Torsdag 12 december, Teamsmöte\n"
        "Torsdag 31 februari, Teamsmöte\n"
        "Fredag 12 december 2026, Teamsmöte"
    )
    assert "Jag lägger in det här mötet" in preview
    assert "1. Möten för hösten 2025" in preview and "ingen dag i raden – hoppas över" in preview
    assert "2. fre 12 sep kl. 09.30–15.30 — Stationshuset, Gbg" in preview
    assert "3. Torsdag 12 december, Teamsmöte" in preview
    assert "”Torsdag” stämmer inte med dagen: det är fre 12 dec" in preview
    assert "4. Torsdag 31 februari, Teamsmöte" in preview
    assert "”Torsdag 31 februari” finns inte" in preview
    assert "5. Fredag 12 december 2026, Teamsmöte" in preview
    assert "det är lör 12 dec 2026" in preview
    assert "**3 12 december, Teamsmöte**" in preview  # how to fix, with a real line number
    assert "rader utan innehåll" not in preview
    refused = await teams.say("ok")
    assert "behöver rättas" in refused
    assert "3: ”Torsdag” stämmer inte" in refused and "4: ”Torsdag 31 februari”" in refused
    assert "1:" not in refused  # the heading holds nothing up
    still = await teams.say("3 Torsdag 11 december")
    assert "3. tors 11 dec kl. 09.30–15.30" in still
    assert "kunde inte läsa den nya rad 4" in await teams.say("4 Lördag 31 februari")
    await teams.say("4 bort")
    await teams.say("4 Lördag 12 december 2026, Teamsmöte")
    assert "3 möten är inlagda" in await teams.say("ok")
    listing = await teams.say("möten")
    assert "#1 fre 12 sep" in listing and "#2 tors 11 dec" in listing
    assert "#3 lör 12 dec 2026" in listing


async def test_an_unknown_name_offers_the_nearest_members_or_keeps_it(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert await teams.post(teams.activity("action Pelle Svensson ringer BUP")) == 201
    [asked] = teams.connector.take()
    text = message_text(asked)
    assert "Jag hittar ingen ”Pelle Svensson” i rådet. Menar du någon av dem här?" in text
    assert "1. " in text and "från 1 till 0" not in text
    titles = [a["title"] for a in asked["attachments"][0]["content"]["actions"]]
    assert titles[-1] == "Behåll ”Pelle Svensson” som namn utanför rådet"
    assert 2 <= len(titles) <= 4
    assert f"Välj ett nummer från 1 till {len(titles)}" in await teams.say("9")
    kept = await teams.say(str(len(titles)))
    assert "Vem: Pelle Svensson (ej i rådet)" in kept
    # the name again means: yes, that one
    await teams.say("action Pelle Svensson ringer BUP igen")
    assert "Vem: Pelle Svensson (ej i rådet)" in await teams.say("Pelle Svensson")
    # a member's name answers too, and a near one is among the choices
    near = await teams.say("action Dan Holm bokar lokal")
    assert "1. Daniel Holmgren" in near
    assert "Vem: Daniel Holmgren" in await teams.say("1")
    listing = await teams.say("actions")
    assert "Pelle Svensson (ej i rådet)" in listing


async def test_council_meeting_hours(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Mötestider för SOR Barn: 09.30–15.30" in await teams.say("council hours")
    assert "Mötestiderna för SOR Barn är nu 10.00–16.00" in await teams.say(
        "rådet tider 10:00-16:00"
    )
    assert "09.00–12.00" in await teams.say("council hours kl 9-12")
    assert "Skriv mötestiderna som början och slut" in await teams.say("council hours 16-10")
    assert "bara rådets" in (await teams.say("council hours 8-9", user="Lars Gelander")).lower()
    assert "1. fre 12 sep kl. 09.00–12.00" in await teams.say("meetings add\nFredag 12 september")
    assert "Avbrutet" in await teams.say("avbryt")
    assert "fre 12 sep kl. 09.00–12.00" in await teams.say("meeting add fredag 12 september")
    assert "Ångrat: lade till möte" in await teams.say("ångra")
    assert "Ångrat: ändrade råd" in await teams.say("ångra")
    assert "10.00–16.00" in await teams.say("council hours")
    assert "**mötestider**" in await teams.say("hjälp")
    assert "mötestider 09.30-15.30" in await teams.say("hjälp mötestider")


async def test_refusals_say_who_may(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("action Joanna: Skicka underlag senast 15 maj")
    done = await teams.say("klar 1", user="Lars Gelander")
    assert "Åtgärd 1 är inte din" in done
    assert "de ansvariga och av rådets sekreterare, ordförande eller koordinator" in done
    assert "Carin Skoog (sekreterare)" in done and "Maja Berndes (ordförande)" in done
    assert "sekreteraren kan" not in done
    moved = await teams.say("action move 1 20 maj", user="Lars Gelander")
    assert "Den kan ändras av de ansvariga" in moved and "Maja Berndes (ordförande)" in moved
    # the chair may do both
    assert "Åtgärd 1 har fått ny deadline" in await teams.say(
        "action move 1 20 maj", user="Maja Berndes"
    )
    assert "Åtgärd 1 är klar" in await teams.say("klar 1", user="Maja Berndes")
