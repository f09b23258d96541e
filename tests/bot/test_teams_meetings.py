"""Meetings in Teams: adding one, the next meeting by the clock, dates the bot cannot read,
and a season of meetings pasted as a list, previewed, fixed and saved.

Each test runs on SQLite, and on PostgreSQL where one is reachable.
"""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat, message_text


async def test_meetings_next_meeting_and_bad_dates(teams: TeamsChat) -> None:
    await teams.setup_council()
    assert "Inga kommande möten" in await teams.say("nästa möte")
    added = await teams.say("meeting add fredag 12 september, Stationshuset, Gbg")
    assert "Möte tillagt: #1 fre 12 sep kl. 09.30–15.30" in added
    assert "Plats: Stationshuset, Gbg" in added
    added = await teams.say(
        "meeting add 7 maj kl 13.00-15.30, Teams https://teams.microsoft.com/l/meetup-join/abc"
    )
    assert "Möte tillagt: #2 ons 7 maj kl. 13.00–15.30" in added
    assert "https://teams.microsoft.com/l/meetup-join/abc" in added
    nxt = await teams.say("next meeting")
    assert "Nästa möte: ons 7 maj kl. 13.00–15.30" in nxt
    assert "https://teams.microsoft.com/l/meetup-join/abc" in nxt
    listing = await teams.say("möten")
    assert listing.index("7 maj") < listing.index("12 sep")
    bad = await teams.say("meeting add snarast")
    assert "kunde inte läsa datumet" in bad
    assert "nytt möte 12 september kl 09.30-15.30" in bad
    past = await teams.say("meeting add 2024-01-10")
    assert "redan varit" in past


async def test_next_meeting_follows_the_clock(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    await teams.say("meeting add 7 maj kl 13.00-15.30")
    await teams.say("meeting add 12 september")
    clock.set("2025-05-07 14:00")  # during the May meeting: still that one
    assert "ons 7 maj" in await teams.say("nästa möte")
    clock.set("2025-05-07 16:00")
    assert "fre 12 sep" in await teams.say("nästa möte")


async def test_season_of_meetings_pasted_with_preview_fix_and_ok(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    html = (
        "<p><at>Rådsbot</at> meetings add</p><ul>"
        "<li>• Fredag 12 september, Stationshuset, Gbg</li>"
        "<li>• Måndag 13 oktober, Teamsmöte</li>"
        "<li>• Onsdag 12 november kl 13-16, Ekelundsgatan, Gbg</li>"
        "<li>• Fredag 12 december, Teamsmöte</li>"
        "<li>Möten för hösten 2025</li></ul>"
    )
    assert await teams.post(teams.activity(html, mention=False)) == 201
    [preview] = teams.connector.take()
    text = message_text(preview)
    assert "Jag lägger in de här 4 mötena" in text
    assert "1. fre 12 sep kl. 09.30–15.30 — Stationshuset, Gbg" in text
    assert "2. mån 13 okt kl. 09.30–15.30 — Teamsmöte" in text
    assert "3. ons 12 nov kl. 13.00–16.00 — Ekelundsgatan, Gbg" in text
    # a line without a day is listed, passed over, and holds nothing up
    assert "5. Möten för hösten 2025" in text and "ingen dag i raden – hoppas över" in text
    assert "Inga kommande möten" in await teams.say("möten")  # nothing saved before ok
    fixed = await teams.say("4 Torsdag 11 december, Teamsmöte")
    assert "4. tors 11 dec kl. 09.30–15.30 — Teamsmöte" in fixed
    assert "2. mån 13 okt" not in await teams.say("2 bort")
    assert "3 möten är inlagda" in await teams.say("ok")
    listing = await teams.say("möten")
    assert "#1 fre 12 sep" in listing and "#3 tors 11 dec" in listing and "13 okt" not in listing
    assert "möten från en lista" in await teams.say("ångra")
    assert "Inga kommande möten" in await teams.say("möten")


async def test_season_answers_and_cancel(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meetings add\nFredag 12 september, Stationshuset\n3 mars 2020, gammalt")
    assert "har redan varit" in await teams.say("ok")
    assert "ingen rad 7" in await teams.say("7 bort")
    assert "kunde inte läsa den nya rad 1" in await teams.say("1 snarast")
    assert "Det här kan jag" in await teams.say("hjälp")  # other commands still work meanwhile
    assert "Avbrutet – inget sparades" in await teams.say("avbryt")
    assert "Den frågan är redan besvarad" in await teams.say("ok")
    assert "Inga kommande möten" in await teams.say("möten")
    assert "hittade inget att skapa" in await teams.say("meetings add\nhej hopp")
