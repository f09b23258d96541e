"""Access (issue 18, point 1) through the Teams endpoint: ``mina uppgifter`` / ``my data``
gives a person a secret link to everything the bot keeps about them, as a page and as JSON,
only in their private chat.

Carin Skoog is the secretary, Maja Berndes (maja.berndes@vgregion.se) the chair, Lars
Gelander a member.
"""

from __future__ import annotations

import json
import re

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat, message_text
from tests.fixtures.links import urls_in

_LINK = re.compile(r"http://\S+?/my-data/[A-Za-z0-9_-]+(?:\.json)?$")


def data_links(reply: str) -> tuple[str, str]:
    """(page, JSON) of a ``my data`` reply."""
    found = sorted({url for url in urls_in(reply) if _LINK.match(url)}, key=len)
    assert len(found) == 2, reply
    return found[0], found[1]


async def fetch(teams: TeamsChat, url: str) -> tuple[int, str]:
    status, body, _ = await teams.get(url)
    return status, body.decode("utf-8", "replace")


async def test_my_data_shows_what_the_bot_keeps_about_me(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("action Maja Berndes: skriv inbjudan senast 15 maj")
    await teams.say("nomination open RPT THS deadline 31 maj")
    await teams.say("nominera RPT THS Lisa Ståleby: kan barnrätt", user="Maja Berndes")
    await teams.say("hjälp", user="Maja Berndes", personal=True)
    reply = await teams.say("mina uppgifter", user="Maja Berndes", personal=True)
    assert "Dina uppgifter" in reply and "7 dagar" in reply
    page, as_json = data_links(reply)

    status, html = await fetch(teams, page)
    assert status == 200
    for shown in (
        "Maja Berndes",
        "maja.berndes@vgregion.se",
        "SOR Barn",
        "Skriv inbjudan",
        "kan barnrätt",
        "Lisa Ståleby",
        "Chattkonton",
        "Dina nomineringar",
    ):
        assert shown in html, shown
    status, body = await fetch(teams, as_json)
    assert status == 200
    data = json.loads(body)
    assert data["person"]["email"] == "maja.berndes@vgregion.se"
    assert [m["council"] for m in data["memberships"]] == ["SOR Barn"]
    assert "chair" in data["memberships"][0]["roles"]
    assert data["actions_owned"][0]["text"] == "Skriv inbjudan"
    assert data["nominations_made"][0]["motivation"] == "kan barnrätt"
    assert data["chat_accounts"][0]["platform"] == "teams"
    assert data["secret_links"][0]["kind"] == "my_data"
    # others' things are not hers
    assert "Carin Skoog" not in json.dumps(data["memberships"])


async def test_my_data_in_english(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    await teams.say("lang en", user="Lars Gelander", personal=True)
    reply = await teams.say("my data", user="Lars Gelander", personal=True)
    assert "Your data" in reply
    status, html = await fetch(teams, data_links(reply)[0])
    assert status == 200 and "Councils you sit in" in html and "Lars Gelander" in html


async def test_the_link_goes_only_to_the_private_chat(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    refused = await teams.say("mina uppgifter", user="Lars Gelander")
    assert "bara i en personlig chatt" in refused and "/my-data/" not in refused
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    await teams.post(teams.activity("mina uppgifter", user="Lars Gelander"))
    sent = teams.connector.take()
    in_private = [message_text(a) for a in sent if "personal" in a["_conversation"]]
    in_channel = [message_text(a) for a in sent if "personal" not in a["_conversation"]]
    assert in_private and "/my-data/" in in_private[0]
    assert in_channel and all("/my-data/" not in t for t in in_channel)
    assert "personliga chatt" in in_channel[0]


async def test_a_new_ask_closes_the_old_link_and_links_expire(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    first = data_links(await teams.say("mina uppgifter", user="Lars Gelander", personal=True))
    second = data_links(await teams.say("my data", user="Lars Gelander", personal=True))
    for url in first:
        assert (await fetch(teams, url))[0] == 404
    for url in second:
        assert (await fetch(teams, url))[0] == 200
    clock.advance(days=7, seconds=1)
    for url in second:
        assert (await fetch(teams, url))[0] == 404


async def test_after_forgetting_the_link_opens_nothing(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.vouch_for("Lars Gelander")
    page, as_json = data_links(
        await teams.say("mina uppgifter", user="Lars Gelander", personal=True)
    )
    await teams.say("glöm mig", user="Lars Gelander", personal=True)
    await teams.say("ja", user="Lars Gelander", personal=True)
    assert (await fetch(teams, page))[0] == 404
    assert (await fetch(teams, as_json))[0] == 404
