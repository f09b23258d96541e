"""Threat: two `council create` (or `council use`) race in one channel that belongs to no
council yet; both see it free, both link it, and the later write silently takes the channel
from the council that was created first (its secretary believes the channel is hers)."""

from __future__ import annotations

import asyncio

from tests.fakes.teams import TeamsChat, message_text

FREE = "19:free-channel@thread.tacv2"


async def test_two_councils_created_at_once_in_one_channel(teams: TeamsChat) -> None:
    """Carin and Mallory send `council create` into the same new channel at the same moment,
    ten times over: at most one of each pair is told the channel is his, and the channel
    belongs to that one."""
    for round_ in range(10):
        channel = f"{FREE}-{round_}"
        # both accounts known already, so nothing but the commands themselves race
        await teams.say("hjälp", channel=channel)
        await teams.say("hjälp", user="Mallory Evil", channel=channel)
        statuses = await asyncio.gather(
            teams.post(
                teams.activity(f"council create Rad A{round_} (A{round_})", channel=channel)
            ),
            teams.post(
                teams.activity(
                    f"council create Rad M{round_} (M{round_})",
                    user="Mallory Evil",
                    channel=channel,
                )
            ),
        )
        assert all(status in (200, 201) for status in statuses), statuses
        replies = [message_text(a) for a in teams.connector.take()]
        created = [r for r in replies if "är skapat och kopplat" in r]
        assert len(created) == 1, replies
        assert not any("Något gick fel" in r for r in replies), replies
        owner = "A" if f"(A{round_})" in created[0] else "M"
        assert f"Medlemmar i Rad {owner}{round_}" in await teams.say("members", channel=channel)
