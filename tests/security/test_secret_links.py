"""Threat: someone reaches a council's or a person's data through the secret links of
issue 17 (calendar feeds, council pages, meeting files, exports) without holding a live link
to exactly that data: by guessing, by an old or revoked link, by a link of another kind or
another council, or by reading the database. Also: the pages show no e-mail addresses."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.app import SESSIONS
from store.models import SecretLink
from store.secret_links import token_hash
from tests.fakes.teams import TeamsChat
from tests.fixtures.links import urls_in
from tests.security.conftest import ADDRESS

OTHER = "19:lars-own@thread.tacv2"
_LINK = re.compile(r"http://\S+?/(?:council|calendar|meeting|export)/")


def links(text: str) -> list[str]:
    return [url for url in urls_in(text) if _LINK.match(url)]


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


async def get(teams: TeamsChat, path: str) -> tuple[int, str]:
    status, body, _ = await teams.get(path)
    return status, body.decode("utf-8", "replace")


async def two_councils(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("action Lars Gelander: ta fram underlag senast 15 maj")
    await teams.say("council create Lars råd (LR)", user="Lars Gelander", channel=OTHER)
    await teams.say(
        "action Lars Gelander: hemlig LR-sak senast 16 maj", user="Lars Gelander", channel=OTHER
    )


async def test_wrong_revoked_and_foreign_tokens_get_a_bare_404(teams: TeamsChat) -> None:
    """Guessed, revoked, and other kinds' tokens all answer exactly like a page that never
    existed: 404, the same body, no hint which part was wrong."""
    await two_councils(teams)
    page_url = links(await teams.say("sida"))[0]
    page_token = page_url.rsplit("/", 1)[1]
    export_url = links(await teams.say("export"))[0]
    export_token = export_url.split("/export/")[1].split("/")[0]
    status, html = await get(teams, path_of(page_url))
    assert status == 200 and "Ta fram underlag" in html

    nothing = await get(teams, "/council/" + "A" * 43)
    assert nothing[0] == 404
    same_as_nothing = [
        "/council/" + page_token[:-1] + ("A" if page_token[-1] != "A" else "B"),  # one letter off
        f"/calendar/{page_token}.ics",  # a page token as a personal feed
        f"/council/{export_token}",  # an export token as a page
        f"/export/{page_token}/beslut.csv",  # a page token as an export
        f"/meeting/{page_token}.ics",
        f"/export/{export_token}/secrets.csv",  # a list that does not exist
    ]
    for path in same_as_nothing:
        assert await get(teams, path) == nothing, path

    # the secretary closes every page link: the old one answers as if it never was
    renewed = await teams.say("sida ny länk")
    assert await get(teams, path_of(page_url)) == nothing
    assert (await get(teams, path_of(links(renewed)[0])))[0] == 200
    # a member cannot close the council's links (and learns no new one)
    refused = await teams.say("sida ny länk", user="Lars Gelander")
    assert "sekreterare, ordförande eller koordinator" in refused and not links(refused)


async def test_a_link_shows_only_its_own_council(teams: TeamsChat) -> None:
    """Lars's own council LR has an action; SOR Barn's page, feed and export never show it,
    and LR's page never shows SOR Barn's."""
    await two_councils(teams)
    sor_page, sor_feed = links(await teams.say("sida"))[:2]
    lr_page = links(await teams.say("sida", user="Lars Gelander", channel=OTHER))[0]
    for url in (sor_page, sor_feed):
        status, body = await get(teams, path_of(url))
        assert status == 200 and "Ta fram underlag" in body and "LR-sak" not in body
    status, body = await get(teams, path_of(lr_page))
    assert status == 200 and "Hemlig LR-sak" in body and "Ta fram underlag" not in body
    for url in links(await teams.say("export")):
        assert "LR-sak" not in (await get(teams, path_of(url)))[1]


async def test_tokens_are_long_random_and_kept_only_hashed(teams: TeamsChat) -> None:
    """Someone with a copy of the database finds no token in it; tokens are ≥ 128 bits."""
    await teams.setup_council()
    given = [links(await teams.say("sida"))[0].rsplit("/", 1)[1] for _ in range(3)]
    given.append(links(await teams.say("export"))[0].split("/export/")[1].split("/")[0])
    assert len(set(given)) == 4
    assert all(len(token) >= 43 for token in given)  # 32 random bytes in URL-safe base64
    async with teams.app[SESSIONS]() as session:
        rows = list(await session.scalars(select(SecretLink)))
    stored = {row.token_hash for row in rows}
    assert stored == {token_hash(token) for token in given}
    for row in rows:
        assert all(token not in str(value) for token in given for value in vars(row).values())


async def test_page_and_feeds_show_no_email_addresses(teams: TeamsChat) -> None:
    """Maja's address is on the roster (she owns an action); no link shows it."""
    await teams.setup_council()
    await teams.say("action Maja Berndes: skriv inbjudan senast 15 maj")
    await teams.say("meeting add 12 september kl 09.30, Stationshuset")
    await teams.say("hjälp", user="Maja Berndes", personal=True)
    feed = links(await teams.say("kalender", user="Maja Berndes", personal=True))[0]
    page, council_feed = links(await teams.say("sida"))[:2]
    for url in (feed, page, council_feed):
        status, body = await get(teams, path_of(url))
        assert status == 200 and "Maja Berndes" in body
        assert not ADDRESS.search(body), url
