"""What the sender does at the moment of sending: the quiet hours hold for catch-ups, retries
and operators' runs; a reminder names the real day; a later reminder replaces a stale one.

End to end, like ``test_reminders``: the real sender, the fake Bot Connector, a fake clock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scheduler.sender import RunStats
from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat, message_text

RADSBOT = str(Path(sys.executable).with_name("radsbot"))


async def _run(teams: TeamsChat, clock: FakeClock, when: str) -> tuple[RunStats, list[str]]:
    clock.set(when)
    stats = await teams.send_reminders(clock())
    return stats, [message_text(a) for a in teams.connector.take()]


async def test_catch_up_in_the_evening_waits_for_the_next_working_morning(
    teams: TeamsChat, clock: FakeClock
) -> None:
    clock.set("2026-05-04 10:00")
    await teams.setup_council()
    await teams.say("meeting add fredag 15 maj kl 09.30, Stationshuset")
    await teams.say("deadline add Remissvar till regionen senast fredag 8 maj")
    # The bot was down over Friday 8 May 08:00 (the agenda call, and the remissvar's day)
    # and comes back at 23:00: nothing goes out at night, nor over the weekend.
    stats, sent = await _run(teams, clock, "2026-05-08 23:00")
    assert sent == []
    assert stats.quiet_until is not None
    assert stats.quiet_until.isoformat().startswith("2026-05-11T08:00")
    assert (await _run(teams, clock, "2026-05-09 12:00"))[1] == []  # a Saturday
    assert (await _run(teams, clock, "2026-05-11 06:59"))[1] == []
    stats, sent = await _run(teams, clock, "2026-05-11 08:00")
    # The meeting is still to come: its agenda call goes out, late and saying so. The
    # remissvar's day has passed by now: its reminders (the day's and the 3-day one of
    # Tuesday 5 May) are dropped.
    [agenda_call] = sent
    assert "dags för dagordningen" in agenda_call and "kommer sent" in agenda_call
    assert stats.dropped == 2
    assert (await _run(teams, clock, "2026-05-11 09:00"))[1] == []


async def test_a_retry_after_that_lands_in_the_evening_waits_for_the_morning(
    teams: TeamsChat, connector: FakeConnector, clock: FakeClock
) -> None:
    clock.set("2026-05-04 10:00")
    await teams.setup_council()
    await teams.say("meeting add fredag 15 maj kl 09.30, Stationshuset")
    connector.fail_next(429, retry_after=str(10 * 3600 + 5 * 60))  # back at 18:05
    stats, sent = await _run(teams, clock, "2026-05-08 08:00")
    assert sent == [] and stats.retried == 1
    assert (await _run(teams, clock, "2026-05-08 18:05"))[1] == []
    assert (await _run(teams, clock, "2026-05-08 23:05"))[1] == []
    stats, sent = await _run(teams, clock, "2026-05-11 08:00")
    assert len(sent) == 1 and "dags för dagordningen" in sent[0]
    assert "kommer sent" not in sent[0]  # a retry, not a catch-up
    assert (await _run(teams, clock, "2026-05-11 09:00"))[1] == []


def test_run_once_at_night_sends_nothing_until_the_morning(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'night.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "RADSBOT_"))}
    env["RADSBOT_DATABASE_URL"] = url
    # 2099 is 73 years on: records made today must not age out (and be announced) by then
    env["RADSBOT_RETENTION_DAYS"] = "36500"

    def radsbot(*args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [RADSBOT, *args], input=stdin, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    radsbot(
        "chat",
        "--as",
        "Carin Skoog",
        stdin="council create Samordningsråd Barn (SOR Barn)\n"
        "meeting add 2099-09-15 kl 09.30, Stationshuset\n",
    )
    # The agenda call was due Tuesday 8 September 08:00; an operator runs at 23:30.
    night = radsbot("reminders", "run-once", "--now", "2099-09-08T23:30")
    assert "reminders: sent 0" in night
    assert "nothing goes out before 2099-09-09 08:00" in night
    assert "dags för dagordningen" not in night
    morning = radsbot("reminders", "run-once", "--now", "2099-09-09T08:00")
    assert "reminders: sent 1" in morning
    assert "dags för dagordningen" in morning


async def test_the_reminder_of_the_day_moved_before_a_weekend_names_the_day(
    teams: TeamsChat, clock: FakeClock
) -> None:
    clock.set("2026-05-04 10:00")
    await teams.setup_council()
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    await teams.say("action Lars: Skicka remissvar senast 31 maj")  # a Sunday
    await teams.say("deadline add Remissvar till regionen senast 31 maj")
    await teams.say("action Lars: Boka lokal senast onsdag 27 maj")
    _, sent = await _run(teams, clock, "2026-05-27 08:00")
    [today] = [t for t in sent if "Boka lokal" in t]
    assert "SOR Barn: deadline i dag, ons 27 maj" in today
    _, sent = await _run(teams, clock, "2026-05-29 08:00")  # Friday, for Sunday
    assert len(sent) == 2, sent
    for message in sent:
        assert "SOR Barn: deadline sön 31 maj" in message
        assert "i dag" not in message


async def test_a_deadline_before_eight_is_reminded_the_working_day_before(
    teams: TeamsChat, clock: FakeClock
) -> None:
    clock.set("2026-05-04 10:00")
    await teams.setup_council()
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    await teams.say("action Lars: Skicka underlag senast onsdag 20 maj kl 07.30")
    await teams.say("deadline add Remiss senast måndag 18 maj kl 07.00")
    planned = await teams.say("reminders")
    assert "tis 19 maj kl. 08.00 — deadline · åtgärd 1 · till Lars Gelander" in planned
    assert "fre 15 maj kl. 08.00 — deadline · Remiss · i kanalen" in planned  # Monday's
    assert "ons 20 maj kl. 08.00" not in planned
    assert "mån 18 maj kl. 08.00" not in planned
    _, sent = await _run(teams, clock, "2026-05-19 08:00")
    [message] = sent
    assert "SOR Barn: deadline ons 20 maj kl. 07.30" in message
    stats, sent = await _run(teams, clock, "2026-05-20 08:00")
    assert sent == [] and stats.dropped == 0


async def test_catch_up_on_the_deadline_day_sends_only_the_reminder_of_the_day(
    teams: TeamsChat, clock: FakeClock
) -> None:
    clock.set("2026-05-04 10:00")
    await teams.setup_council()
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    await teams.say("action Lars: Skicka X senast onsdag 20 maj")
    await teams.say("deadline add Remissvar senast onsdag 20 maj")
    # Down from before Friday 15 May (3 working days before) until the deadline day.
    stats, sent = await _run(teams, clock, "2026-05-20 10:00")
    assert len(sent) == 2, sent  # one to Lars, one in the channel
    for message in sent:
        assert "deadline i dag, ons 20 maj" in message
    assert stats.dropped == 2  # the stale 3-day reminders, not sent
    assert (await _run(teams, clock, "2026-05-20 11:00"))[1] == []


async def test_the_day_before_details_list_every_action_due_at_the_meeting(
    teams: TeamsChat, clock: FakeClock
) -> None:
    clock.set("2026-05-04 10:00")
    await teams.setup_council()
    await teams.say("meeting add fredag 29 maj kl 09.30, Stationshuset")
    await teams.say("action alla: Läsa rapporten till nästa möte")
    await teams.say("action Neo-rådet: Skicka rapport till nästa möte")
    await teams.say("action Lars: Ringa till nästa möte")
    await teams.say("klar 3", user="Lars Gelander")
    await teams.say("action Lars: Boka lokal till nästa möte")
    _, sent = await _run(teams, clock, "2026-05-28 08:00")
    [details] = [t for t in sent if "påminnelse om mötet" in t]
    # "alla" and an organisation have no one to remind personally: the channel hears of them.
    assert (
        "Åtgärder till mötet: #1 Läsa rapporten (alla); #2 Skicka rapport (Neo-rådet); "
        "#4 Boka lokal (Lars Gelander)"
    ) in details
    assert "Ringa" not in details  # done


async def test_the_listing_names_what_each_reminder_is_for_and_counts_them_all(
    teams: TeamsChat, clock: FakeClock
) -> None:
    clock.set("2026-05-04 10:00")
    await teams.setup_council()
    await teams.say("meeting add fredag 12 juni kl 09.30")
    await teams.say("nomination open RPT THS deadline fredag 5 juni")
    for day in range(15, 27):  # twelve actions, two reminders each
        await teams.say(f"action Lars: Uppgift {day} senast {day} oktober")
    planned = await teams.say("reminders")
    # 2 for the meeting, 2 + 17 nudges (the members) for the round, 24 for the actions.
    assert "Planerade påminnelser i SOR Barn (45)" in planned
    assert "fre 5 jun kl. 08.00 — dagordning inför möte fre 12 jun · i kanalen" in planned
    assert "fre 29 maj kl. 08.00 — nominering stänger · RPT THS · i kanalen" in planned
    assert "— deadline · åtgärd 1 · till Lars Gelander" in planned
    assert "… och 15 till" in planned
    assert "åtgärd 12" not in planned  # among the 15 not shown
