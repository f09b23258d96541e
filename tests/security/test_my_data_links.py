"""Threat: someone reads a person's data (issue 18, point 1) without holding that person's
live "my data" link: by guessing, by a link closed by a newer one, by a link of another kind,
or as another person. A page shows only its own person's e-mail, never anyone else's, even
where the person's own log entries name others."""

from __future__ import annotations

import json

from tests.bot.test_my_data import data_links, fetch
from tests.fakes.teams import TeamsChat
from tests.security.conftest import ADDRESS

MAJA_EMAIL = "maja.berndes@vgregion.se"


async def test_wrong_closed_and_foreign_tokens_get_a_bare_404(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    page, as_json = data_links(
        await teams.say("mina uppgifter", user="Lars Gelander", personal=True)
    )
    token = page.rsplit("/", 1)[1]
    calendar = await teams.say("kalender", user="Lars Gelander", personal=True)
    calendar_token = calendar.split("/calendar/")[1].split(".ics")[0]
    nothing = await fetch(teams, "/my-data/" + "A" * 43)
    assert nothing[0] == 404
    for path in (
        "/my-data/" + token[:-1] + ("A" if token[-1] != "A" else "B"),
        f"/my-data/{calendar_token}",  # a calendar token as a data link
        f"/my-data/{calendar_token}.json",
        f"/calendar/{token}.ics",  # a data token as a calendar feed
        f"/council/{token}",
        f"/my-data/{token}.xml",
    ):
        assert await fetch(teams, path) == nothing, path
    await teams.say("mina uppgifter", user="Lars Gelander", personal=True)  # closes the first
    assert await fetch(teams, page) == nothing
    assert await fetch(teams, as_json) == nothing


async def test_a_data_page_never_shows_another_persons_email(teams: TeamsChat) -> None:
    """Carin added the roster, Maja's address in it; Carin's page (her log entries included)
    and Lars's show no address, and Maja's shows only her own."""
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    await teams.say("member add Per Ek, ledamot, per.ek@vgregion.se")
    for who in ("Carin Skoog", "Lars Gelander"):
        for url in data_links(await teams.say("mina uppgifter", user=who, personal=True)):
            status, body = await fetch(teams, url)
            assert status == 200 and who in body
            assert not ADDRESS.search(body), (who, ADDRESS.findall(body))
    maja = data_links(await teams.say("mina uppgifter", user="Maja Berndes", personal=True))
    for url in maja:
        status, body = await fetch(teams, url)
        assert status == 200 and set(ADDRESS.findall(body)) == {MAJA_EMAIL}
    status, body = await fetch(teams, maja[1])
    assert "Per Ek" not in json.dumps(json.loads(body)["memberships"])
