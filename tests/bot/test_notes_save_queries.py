"""Saving a long preview of actions (``ok`` after ``notes``) takes a few statements per
hundred actions, not ten per action: the meetings of their deadlines read at once, numbered
and written a hundred at a time, and their reminders planned together
(``dialogs.reminders.plans.replan_actions``). A thousand actions
had taken ~9,700 statements and 10–20 seconds."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import SESSIONS
from dialogs.reminders.plans import replan_action
from store.models import Action
from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat
from tests.fixtures.statements import counted, writes
from tests.security.pastes import action_lines


async def _saved(teams: TeamsChat, count: int) -> list[str]:
    """Paste ``count`` action lines, save them all; the statements of the saving."""
    await teams.setup_council()
    preview = await teams.say("notes\n" + "\n".join(action_lines(count)))
    assert f"{count} åtgärder" in preview, preview
    with counted() as statements:
        answer = await teams.say("ok")
    assert f"{count} åtgärder är sparade" in answer, answer
    return statements


async def test_a_long_list_is_saved_in_a_few_statements(
    teams: TeamsChat, database_url: str
) -> None:
    statements = await _saved(teams, 250)
    # Reads: a few per hundred actions, where it was eight per action. Writes: a few per
    # hundred actions on PostgreSQL, where it was two to three per action; SQLite inserts
    # row by row (see test_roster_queries).
    reads = len(statements) - len(writes(statements))
    assert reads <= 40, reads
    if database_url.startswith("postgresql"):
        assert len(writes(statements)) <= 20, len(writes(statements))


async def test_the_reminders_are_those_one_action_at_a_time_would_plan(
    teams: TeamsChat, clock: FakeClock
) -> None:
    """Planned again one by one, as a single action's change does, nothing changes."""
    await _saved(teams, 120)
    async with teams.app[SESSIONS]() as session:
        saved = list(await session.scalars(select(Action)))
        assert len(saved) == 120
        assert sorted(a.number for a in saved) == list(range(1, 121))
        with counted() as statements:
            for action in saved:
                await replan_action(session, action, clock())
            await session.flush()
        assert writes(statements) == [], writes(statements)[:3]
