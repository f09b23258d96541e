"""Retention (issue 18, point 3) through the Teams endpoint and the real reminder sender, with
the controllable clock, on SQLite and PostgreSQL: with ``RADSBOT_RETENTION_DAYS=30`` the
secretary is told a week before the first purge, and from then on done and deleted actions
(with their owners and reminders), sent reminders, audit entries and unanswered questions
older than 30 days go, while open actions and the notice itself stay.

Day 0 is Wednesday 9 April 2025, 10:00; Carin Skoog is the secretary.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.app import SESSIONS
from store.models import Action, ActionOwner, AuditEvent, PendingPrompt, Reminder, ReminderState
from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat, message_text


@pytest.fixture
async def teams(
    database_url: str, connector: FakeConnector, clock: FakeClock
) -> AsyncIterator[TeamsChat]:
    async with TeamsChat.running(database_url, connector, clock, retention_days=30) as chat:
        yield chat


async def counts(teams: TeamsChat) -> dict[str, int]:
    async with teams.app[SESSIONS]() as session:
        return {
            model.__tablename__: int(
                await session.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in (Action, ActionOwner, AuditEvent, PendingPrompt)
        }


async def old_reminders_over(teams: TeamsChat, clock: FakeClock) -> int:
    """Reminders that are over (sent, cancelled, dropped, failed) and due 30+ days ago."""
    over = (ReminderState.SENT, ReminderState.CANCELLED, ReminderState.DROPPED)
    async with teams.app[SESSIONS]() as session:
        found = await session.scalar(
            select(func.count())
            .select_from(Reminder)
            .where(
                Reminder.state.in_(over),
                Reminder.due_at < clock() - timedelta(days=30),
                Reminder.kind != "retention.notice",
            )
        )
    return int(found or 0)


async def run_day(teams: TeamsChat, clock: FakeClock, day: str) -> list[str]:
    """The sender's run at 10:00 that day; what it sent, as "conversation: text"."""
    clock.set(f"{day} 10:00")
    await teams.send_reminders(clock())
    return [f"{a['_conversation']}: {message_text(a)}" for a in teams.connector.take()]


async def test_the_secretary_is_told_a_week_before_old_records_go(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("hjälp", personal=True)  # Carin's private chat
    await teams.say("action Lars Gelander: ring BUP senast 15 april")
    await teams.say("action Maja Berndes: boka lokal senast 20 juni")
    await teams.say("klar 1", user="Lars Gelander")
    await teams.say("medlem glöm Lisa Ståleby")  # asked, never answered
    day0 = await counts(teams)
    assert day0["pending_prompts"] == 1 and day0["actions"] == 2

    assert await run_day(teams, clock, "2025-04-09") == []
    assert await counts(teams) == day0
    # day 26, Monday 5 May: within a week the records of day 0 are 30 days old
    sent = await run_day(teams, clock, "2025-05-05")
    notices = [s for s in sent if "rensas snart" in s]
    assert len(notices) == 1 and notices[0].startswith("a:personal-29:carin-skoog")
    assert "12 maj" in notices[0]
    assert (await counts(teams))["actions"] == 2  # told, not yet purged
    clock.set("2025-05-12 10:00")
    assert await old_reminders_over(teams, clock) > 0
    assert await run_day(teams, clock, "2025-05-06") == []  # told once only

    # day 33, Monday 12 May: purged
    await run_day(teams, clock, "2025-05-12")
    after = await counts(teams)
    assert after["actions"] == 1 and after["pending_prompts"] == 0
    assert after["audit_events"] == 0
    assert after["action_owners"] == 1
    async with teams.app[SESSIONS]() as session:
        kinds = set(await session.scalars(select(Reminder.kind)))
        left = set(await session.scalars(select(Action.text)))
    assert left == {"Boka lokal"}
    assert "retention.notice" in kinds  # the notice stays: the council was told
    assert await old_reminders_over(teams, clock) == 0
    assert "Boka lokal" in await teams.say("åtgärder")
    assert "Ring BUP" not in await teams.say("åtgärder klara")


async def test_nothing_goes_before_the_secretary_was_told(
    teams: TeamsChat, clock: FakeClock
) -> None:
    """Records already past the period when retention starts wait a week for the notice."""
    await teams.setup_council()
    await teams.say("action Lars Gelander: ring BUP senast 15 april")
    await teams.say("klar 1", user="Lars Gelander")
    before = await counts(teams)
    sent = await run_day(teams, clock, "2025-06-02")  # 54 days later
    assert any("rensas snart" in s for s in sent)
    assert await counts(teams) == before
    await run_day(teams, clock, "2025-06-09")
    assert (await counts(teams))["actions"] == 0
