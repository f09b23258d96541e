"""Threat: on Slack, an account whose address the workspace cannot vouch for: an external
member of a Slack Connect channel (his own organisation's admin sets his address, and may set
the chair's), or an address Slack reports as not confirmed. Neither links an officer."""

from __future__ import annotations

import pytest

from tests.fakes.slack_api import FakeSlackApi, SlackChat
from tests.security.conftest import slack_council

MAJA = "maja.berndes@vgregion.se"


@pytest.mark.parametrize("account", ["external", "unconfirmed"])
async def test_an_address_the_workspace_cannot_vouch_for_is_not_the_chair(
    slack: SlackChat, slack_api: FakeSlackApi, account: str
) -> None:
    """The account's Slack profile carries the chair's address; it cancels her meeting and
    makes itself secretary."""
    await slack_council(slack)
    assert "ordförande" in await slack.say(f"member add Maja Berndes, ordförande, {MAJA}")
    await slack.say("meeting add fredag 12 september")
    if account == "external":
        slack_api.add_user("U0EXT", "Maja Berndes", email=MAJA, team="T0OTHERORG")
    else:
        slack_api.add_user("U0EXT", "Maja Berndes", email=MAJA, confirmed=False)
    for command in ("meeting cancel 1", "member add Mallory Evil, sekreterare"):
        assert "Jag vet inte vem du är" in await slack.say(command, user="U0EXT")
    assert "fre 12 sep" in await slack.say("meetings")
    assert "Mallory" not in await slack.say("members")


async def test_the_chairs_own_confirmed_account_is_linked(
    slack: SlackChat, slack_api: FakeSlackApi
) -> None:
    """Positive: her account in the workspace, address confirmed, cancels the meeting."""
    await slack_council(slack)
    await slack.say(f"member add Maja Berndes, ordförande, {MAJA}")
    await slack.say("meeting add fredag 12 september")
    slack_api.add_user("U0MAJA", "Maja B", email=MAJA, confirmed=True)
    assert "är inställt" in await slack.say("meeting cancel 1", user="U0MAJA")
