"""The council page over HTTP (issue 17): ``sida`` answers with its link; the page is
read-only HTML that Teams may frame, never cached, never sending its address on; the Teams
tab's configuration page takes only a council page's link. (What a person sees in a
browser: ``test_council_page_browser.py``.)"""

from __future__ import annotations

import pytest

from tests.fakes.teams import TeamsChat
from tests.fixtures.links import urls_in


@pytest.fixture
def database_url(migrated_sqlite_url: str) -> str:
    """SQLite only: what these lists and pages read is the same on PostgreSQL, where the
    links themselves are tested (``test_calendar_feeds``, ``security/test_secret_links``)."""
    return migrated_sqlite_url


async def _get(teams: TeamsChat, path: str) -> tuple[int, str, dict[str, str]]:
    status, body, headers = await teams.get(path)
    return status, body.decode("utf-8"), headers


async def test_page_link_headers_and_languages(teams: TeamsChat) -> None:
    await teams.setup_council()
    reply = await teams.say("sida")
    assert "Sidan för SOR Barn" in reply and "http://localhost:3978/council/" in reply
    assert "Dela länken bara med rådets medlemmar" in reply
    path = "/" + urls_in(reply)[0].split("/", 3)[3]
    status, html, headers = await _get(teams, path)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert '<html lang="sv">' in html and '<h2 id="next-heading">Nästa möte</h2>' in html
    assert headers["Cache-Control"] == "private, no-store"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in headers["X-Robots-Tag"]
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "frame-ancestors 'self' https://teams.microsoft.com" in policy
    # the council's feed, linked from the page under the same secret, at the public address
    assert f'href="http://localhost:3978{path}/calendar.ics"' in html
    status, html, _ = await _get(teams, path + "?lang=en")
    assert '<html lang="en">' in html and ">Next meeting</h2>" in html
    # a member who chose English gets the page's link in English too
    await teams.say("språk en", user="Lars Gelander")
    assert "The page of SOR Barn" in await teams.say("page", user="Lars Gelander")


async def test_teams_tab_configuration_page(teams: TeamsChat) -> None:
    status, html, headers = await _get(teams, "/teams/tab")
    assert status == 200 and '<html lang="sv">' in html
    assert '<label for="link">Länken till rådets sida</label>' in html
    assert 'var prefix = "http://localhost:3978/council/";' in html
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors https://teams.microsoft.com" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in html
    status, html, _ = await _get(teams, "/teams/tab?lang=en")
    assert '<html lang="en">' in html and "The link to the council&#39;s page" in html
