"""What the container and the monitoring see: /healthz, /readyz and /metrics, over real HTTP."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiosqlite
import pytest
from prometheus_client.parser import text_string_to_metric_families

from store.migrate import head_revision
from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.radsbot_cli import free_port
from tests.fakes.teams import TeamsChat

TOKEN = "metrics-token-0123456789abcdef"
WAIT_SECONDS = 10.0


async def _get(chat: TeamsChat, path: str, **headers: str) -> tuple[int, str]:
    async with chat.http.get(chat.server.make_url(path), headers=headers) as response:
        return response.status, await response.text()


async def _json(chat: TeamsChat, path: str) -> tuple[int, dict]:
    async with chat.http.get(chat.server.make_url(path)) as response:
        return response.status, await response.json()


def _samples(exposition: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a Prometheus text exposition, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
    }


async def _metrics(chat: TeamsChat) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    status, body = await _get(chat, "/metrics")
    assert status == 200, body
    return _samples(body)


def _turns(samples: dict, command: str, outcome: str) -> float:
    key = frozenset({"platform": "teams", "command": command, "outcome": outcome}.items())
    return samples.get(("radsbot_turns_total", key), 0.0)


async def test_health_and_readiness_with_reminders_off(teams: TeamsChat) -> None:
    assert await _json(teams, "/healthz") == (200, {"status": "ok"})
    status, ready = await _json(teams, "/readyz")
    assert status == 200, ready
    assert ready["status"] == "ready"
    assert ready["checks"]["database"] == "ok"
    assert ready["checks"]["migrations"].startswith(f"ok (at {head_revision()}")
    assert ready["checks"]["reminders"].startswith("off in this process")


async def test_turns_are_counted_by_command_and_outcome(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("nästa möte")
    await teams.say("meeting add 31 februari")  # a bad date: a problem
    await teams.say("hej hopp")  # no command
    samples = await _metrics(teams)
    assert _turns(samples, "council.create", "ok") == 1
    assert _turns(samples, "meeting.next", "ok") == 1
    assert _turns(samples, "meeting.add", "problem") == 1
    assert _turns(samples, "other", "problem") == 1
    latency = frozenset({"platform": "teams"}.items())
    assert samples[("radsbot_turn_seconds_count", latency)] == 5
    assert samples[("radsbot_turn_seconds_sum", latency)] > 0
    assert ("radsbot_db_pool_in_use", frozenset()) in samples
    assert samples[("radsbot_reminders_due", frozenset())] == 0


async def test_metrics_need_the_token_when_one_is_set(
    migrated_sqlite_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    async with TeamsChat.running(
        migrated_sqlite_url, connector, clock, metrics_token=TOKEN
    ) as chat:
        assert (await _get(chat, "/metrics"))[0] == 401
        assert (await _get(chat, "/metrics", Authorization=f"Bearer {TOKEN}x"))[0] == 401
        assert (await _get(chat, "/metrics", Authorization=f"Basic {TOKEN}"))[0] == 401
        status, body = await _get(chat, "/metrics", Authorization=f"Bearer {TOKEN}")
        assert status == 200 and "radsbot_turns" in body
        assert (await _get(chat, "/healthz"))[0] == 200  # health stays open
    async with TeamsChat.running(
        migrated_sqlite_url, connector, clock, metrics_enabled=False
    ) as chat:
        assert (await _get(chat, "/metrics"))[0] == 404


async def test_reminder_loop_backlog_delivery_errors_and_readiness(
    teams: TeamsChat, clock: FakeClock, database_url: str
) -> None:
    """Two apps in one process on one database: the first (no reminder loop) sees the due
    reminder waiting; the second's loop tries it, Teams answers 503, and only the second
    counts it. Its readiness follows the loop: ready after a run, not once runs stop."""
    await teams.setup_council()
    await teams.say("meeting add fredag 12 december kl 09.30-15.30, Ekelundsgatan")
    clock.set("2025-12-05 08:05")  # the agenda call fell due at 08:00
    backlog = await _metrics(teams)
    assert backlog[("radsbot_reminders_due", frozenset())] == 1
    assert backlog[("radsbot_reminders_oldest_due_lag_seconds", frozenset())] == 300
    teams.connector.fail_next(503)
    async with TeamsChat.running(
        database_url, teams.connector, clock, reminders_enabled=True
    ) as sender:
        ready = await _until_ready(sender)
        assert ready["checks"]["reminders"].startswith("ok (last run")
        samples = await _metrics(sender)
        error = frozenset({"platform": "teams", "status": "HTTP 503"}.items())
        assert samples[("radsbot_delivery_errors_total", error)] == 1
        assert samples[("radsbot_reminders_retried_total", frozenset())] == 1
        assert samples[("radsbot_reminders_sent_total", frozenset())] == 0
        assert _turns(samples, "council.create", "ok") == 0  # the other app's turn
        clock.advance(minutes=3)  # no run finished since (the next is 30 s away, real time)
        status, stale = await _json(sender, "/readyz")
        assert status == 503
        assert stale["checks"]["reminders"].startswith("last run 180 s ago")
    assert _turns(await _metrics(teams), "council.create", "ok") == 1


async def _until_ready(chat: TeamsChat) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        status, ready = await _json(chat, "/readyz")
        if status == 200 or time.monotonic() > deadline:
            assert status == 200, ready
            return ready
        await asyncio.sleep(0.02)  # the first run of the loop, in the app's own task


async def test_not_ready_on_an_old_schema_without_migrating(
    migrated_sqlite_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    path = migrated_sqlite_url.removeprefix("sqlite+aiosqlite:///")
    async with aiosqlite.connect(path) as db:
        await db.execute("UPDATE alembic_version SET version_num = '0007'")
        await db.commit()
    async with TeamsChat.running(
        migrated_sqlite_url, connector, clock, migrate_on_start=False
    ) as chat:
        assert (await _get(chat, "/healthz"))[0] == 200
        status, ready = await _json(chat, "/readyz")
        assert status == 503
        assert ready["checks"]["database"] == "ok"
        assert "at 0007" in ready["checks"]["migrations"]
        assert "radsbot migrate" in ready["checks"]["migrations"]


async def test_not_ready_without_the_database(
    tmp_path: Path, connector: FakeConnector, clock: FakeClock
) -> None:
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/test"  # nothing listens
    async with TeamsChat.running(url, connector, clock, migrate_on_start=False) as chat:
        assert (await _get(chat, "/healthz"))[0] == 200  # alive: no restart for an outage
        status, ready = await _json(chat, "/readyz")
        assert status == 503
        assert ready["checks"]["database"].startswith("unreachable")


@pytest.mark.parametrize("settings", [{}, {"reminders_enabled": True}])
async def test_several_apps_in_one_process_keep_their_own_metrics(
    migrated_sqlite_url: str, connector: FakeConnector, clock: FakeClock, settings: dict
) -> None:
    async with (
        TeamsChat.running(migrated_sqlite_url, connector, clock, **settings) as one,
        TeamsChat.running(migrated_sqlite_url, connector, clock, **settings) as two,
    ):
        await one.say("hjälp")
        assert _turns(await _metrics(one), "help", "ok") == 1
        assert _turns(await _metrics(two), "help", "ok") == 0
