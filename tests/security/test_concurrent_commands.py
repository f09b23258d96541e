"""Many people at once: commands that race for the same new number all succeed.

Attack (or just the end of a meeting): the secretary and the chair send ``meeting add`` and
``action …`` at the same moment. Each new meeting and action takes the council's next number;
two transactions reading the same highest number used to collide on the unique
(council, number) constraint, and one of them answered "Något gick fel hos mig".
"""

from __future__ import annotations

import asyncio

from tests.fakes.teams import TeamsChat, message_text

INTERNAL = "Något gick fel"


async def test_meetings_added_at_once_all_get_their_own_number(teams: TeamsChat) -> None:
    """Ten ``meeting add`` at the same moment: ten meetings, numbered 1–10, no error."""
    await teams.setup_council()
    days = [*range(1, 6), *range(8, 13)]  # working days: a weekend day would be asked about
    statuses = await asyncio.gather(
        *(
            teams.post(teams.activity(f"meeting add {day} mars 2027 kl 13-15, Rum {day}"))
            for day in days
        )
    )
    assert all(status in (200, 201) for status in statuses), statuses
    replies = [message_text(reply) for reply in teams.connector.take()]
    assert len(replies) == len(days)
    assert not [reply for reply in replies if INTERNAL in reply], replies
    listing = await teams.say("meetings")
    for day in days:
        assert f"Rum {day}" in listing, listing


async def test_actions_added_at_once_all_get_their_own_number(teams: TeamsChat) -> None:
    """Eight actions at the same moment: eight numbers, each once."""
    await teams.setup_council()
    statuses = await asyncio.gather(
        *(
            teams.post(
                teams.activity(f"action Lars Gelander: uppgift nummer {n} senast 30 maj 2027")
            )
            for n in range(8)
        )
    )
    assert all(status in (200, 201) for status in statuses), statuses
    replies = [message_text(reply) for reply in teams.connector.take()]
    assert not [reply for reply in replies if INTERNAL in reply], replies
    listing = (await teams.say("actions all")).lower()
    for n in range(8):
        assert f"uppgift nummer {n}" in listing, listing
