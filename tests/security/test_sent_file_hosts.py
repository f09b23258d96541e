"""Sent files: a message names the URL to fetch; the bot fetches only from the hosts it trusts.

A forged or tampered Teams attachment could point ``downloadUrl`` at an internal address (the
bot as a proxy into the network), and a Slack file URL pointing elsewhere would carry the bot
token there. The allow-list (``bot/trusted_hosts.py``) is asked before every request,
redirects included.
"""

from __future__ import annotations

import logging

import pytest

from bot.trusted_hosts import TrustedHosts
from tests.bot.minutes_files import minutes_docx
from tests.bot.test_minutes_files import (  # noqa: F401 -- the fixture: SQLite
    answer,
    database_url,
    file_activity,
)
from tests.fakes.file_host import FakeFileHost
from tests.fakes.slack_api import TOKEN, FakeSlackApi, SlackChat
from tests.fakes.teams import TeamsChat


def test_only_trusted_hosts_are_allowed() -> None:
    """SharePoint over https in production; this machine in local mode; Slack's own origin."""
    production = TrustedHosts(("*.sharepoint.com",), local=False)
    assert production.allows("https://vgregion-my.sharepoint.com/personal/x/download.aspx?a=1")
    assert not production.allows("http://vgregion-my.sharepoint.com/x")
    assert not production.allows("https://sharepoint.com.evil.example/x")
    assert not production.allows("https://127.0.0.1/x")
    assert not production.allows("https://user:pw@vgregion.sharepoint.com/x")
    assert not production.allows("https://vgregion.sharepoint.com:bad/x")
    local = TrustedHosts(("*.sharepoint.com",), local=True)
    assert local.allows("http://127.0.0.1:8080/f") and local.allows("http://[::1]:80/f")
    assert not local.allows("http://10.0.0.1/f") and not local.allows("file:///etc/passwd")
    slack = TrustedHosts(("files.slack.com",), local=False, also="http://127.0.0.1:5000/api/")
    assert slack.allows("https://files.slack.com/files-pri/T1-F1/download/m.docx")
    assert slack.allows("http://127.0.0.1:5000/files-pri/F1/m.docx")
    assert not slack.allows("http://127.0.0.1:5001/files-pri/F1/m.docx")


def test_a_url_is_judged_the_same_the_second_time_and_when_long() -> None:
    """Judgements are remembered for ordinary URLs; a long one is judged each time."""
    hosts = TrustedHosts(("*.sharepoint.com",), local=False)
    for _ in range(2):
        assert hosts.allows("https://x.sharepoint.com/f")
        assert not hosts.allows("https://x.sharepoint.com.evil.example/f")
        assert hosts.allows("https://x.sharepoint.com/" + "a" * 5000)
        assert not hosts.allows("https://evil.example/" + "a" * 5000)
        assert not hosts.allows(None)


async def test_teams_file_from_an_untrusted_host_is_never_fetched(
    teams: TeamsChat, file_host: FakeFileHost
) -> None:
    """An untrusted downloadUrl, or a trusted one redirecting to an untrusted host: nothing
    is fetched from it, and the secretary is told the file could not be fetched."""
    await teams.setup_council()
    outside = "https://evil.example/m.docx"
    assert "kunde inte hämta" in await answer(teams, file_activity(teams, outside))
    moved = file_host.redirect_to(outside)
    assert "kunde inte hämta" in await answer(teams, file_activity(teams, moved))
    assert file_host.downloads == []  # the redirect was asked; no file was


async def test_slack_token_goes_only_to_slack(
    slack: SlackChat, slack_api: FakeSlackApi, caplog: pytest.LogCaptureFixture
) -> None:
    """A file URL on another host is not fetched with the bot token, and the token is never
    logged."""
    caplog.set_level(logging.DEBUG)
    await slack.setup_council()
    elsewhere = slack_api.share_file("m.docx", minutes_docx())
    elsewhere["url_private_download"] = "https://evil.example/m.docx"
    seen = len(slack_api.posted)
    event = slack.direct_event("", user="U0CARIN", subtype="file_share", files=[elsewhere])
    assert (await slack.event(event))[0] == 200
    posted = (await slack_api.wait_for(slack_api.posted, seen + 1))[seen]
    assert "kunde inte hämta" in posted["text"]
    assert slack_api.file_downloads == []
    assert TOKEN not in caplog.text
