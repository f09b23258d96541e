"""Reminders end to end: planned in the outbox by commands, sent by the real sender through
the Teams adapter to the fake Bot Connector, with a controllable clock and no sleeping."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import STOCKHOLM, FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat, mention_entities, message_text


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


async def _at(teams: TeamsChat, clock: FakeClock, when: str) -> list[str]:
    """Move the clock to ``when`` (Stockholm), run the sender, return what reached Teams."""
    clock.set(when)
    await teams.send_reminders(clock())
    return [message_text(a) for a in teams.connector.take()]


async def test_meeting_reminders_in_winter_time(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    await teams.say("meeting add fredag 12 december kl 09.30-15.30, Ekelundsgatan")
    planned = await teams.say("reminders")
    assert "fre 5 dec kl. 08.00 — dagordning inför möte fre 12 dec · i kanalen" in planned
    assert "tors 11 dec kl. 08.00 — inför möte fre 12 dec · i kanalen" in planned
    assert await _at(teams, clock, "2025-12-05 07:59") == []
    [agenda_call] = await _at(teams, clock, "2025-12-05 08:00")
    assert "SOR Barn: möte fre 12 dec kl. 09.30–15.30 – dags för dagordningen" in agenda_call
    assert "föreslå punkt" in agenda_call
    assert await _at(teams, clock, "2025-12-05 08:01") == []  # sent once
    [details] = await _at(teams, clock, "2025-12-11 08:00")
    assert "påminnelse om mötet fre 12 dec" in details
    assert "Plats: Ekelundsgatan" in details


async def test_meeting_reminders_in_summer_time_and_before_a_holiday(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-03-20 10:00")  # winter time; the meeting is after the change to summer time
    await teams.say("meeting add tisdag 7 april kl 09.30")  # the day after Easter Monday
    planned = await teams.say("reminders")
    # 7 days before is Tuesday 31 March, summer time; the working day before is Thursday
    # 2 April, because Good Friday, the weekend and Easter Monday are all off.
    assert "tis 31 mar kl. 08.00 — dagordning inför möte tis 7 apr" in planned
    assert "tors 2 apr kl. 08.00 — inför möte tis 7 apr" in planned
    assert await _at(teams, clock, "2026-03-31 07:59") == []
    assert len(await _at(teams, clock, "2026-03-31 08:00")) == 1
    assert clock().hour == 6  # 08:00 CEST is 06:00 UTC
    assert len(await _at(teams, clock, "2026-04-02 08:00")) == 1


async def test_moving_a_meeting_moves_its_reminders_and_cancelling_drops_them(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("meeting add onsdag 7 maj kl 13.00-15.30")
    moved = await teams.say("meeting move 1 14 maj")
    assert "Möte 1 är flyttat till ons 14 maj kl. 13.00–15.30" in moved
    planned = await teams.say("reminders")
    assert "ons 30 apr" not in planned
    assert "ons 7 maj kl. 08.00 — dagordning inför möte ons 14 maj" in planned
    assert "tis 13 maj kl. 08.00 — inför möte ons 14 maj" in planned
    assert await _at(teams, clock, "2025-04-30 08:00") == []
    [call] = await _at(teams, clock, "2025-05-07 08:00")
    assert "ons 14 maj" in call
    assert "Möte 1 den ons 14 maj" in await teams.say("meeting cancel 1")
    assert "dagordning inför möte" not in await teams.say("reminders")
    assert await _at(teams, clock, "2025-05-13 08:00") == []


async def test_meeting_move_and_cancel_bad_input(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("meeting add 7 maj")
    assert "Ange mötets nummer" in await teams.say("meeting move maj")
    assert "inget möte 9" in await teams.say("meeting move 9 14 maj")
    assert "kunde inte läsa datumet" in await teams.say("meeting move 1 snart")
    assert (
        "bara rådets sekreterare"
        in (await teams.say("meeting cancel 1", user="Lars Gelander")).lower()
    )
    assert "Nästa möte: ons 7 maj" in await teams.say("nästa möte")


async def test_deadline_reminders_go_to_the_owner_personally_and_not_once_done(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    # Joanna has talked to the bot privately, so her reminders go there; Lars only in the
    # channel, so his are @mentions there; Karin Berg never, so she is named in bold.
    await teams.say("hjälp", user="Joanna Pestalozzi", personal=True)
    await teams.say("hjälp", user="Lars Gelander")
    await teams.say("action Joanna, Lars, Karin Berg: Ta fram underlag senast fredag 16 maj")
    await teams.say("action Joanna: Bjuda in Catherine senast 16 maj")
    planned = await teams.say("reminders")
    assert (
        "tis 13 maj kl. 08.00 — deadline · åtgärd 1 · till Joanna Pestalozzi" in planned
    )  # 3 working days before
    assert "fre 16 maj kl. 08.00 — deadline · åtgärd 1 · till Lars Gelander" in planned
    await teams.say("klar 2", user="Joanna Pestalozzi")
    assert await _at(teams, clock, "2025-05-13 07:59") == []
    clock.set("2025-05-13 08:00")
    await teams.send_reminders(clock())
    sent_activities = teams.connector.take()
    by_conversation = {a["_conversation"]: a for a in sent_activities}
    assert len(sent_activities) == 3
    personal = by_conversation["a:personal-29:joanna-pestalozzi"]
    assert "#1 Ta fram underlag" in message_text(personal)
    assert "Bjuda in" not in message_text(personal)  # done, so not reminded
    in_channel = [a for a in sent_activities if a["_conversation"].startswith("19:channel")]
    channel = next(a for a in in_channel if "<at>" in message_text(a))
    assert message_text(channel).startswith("<at>Lars Gelander</at>")
    [mention] = mention_entities(channel)
    assert mention["mentioned"] == {"id": "29:lars-gelander", "name": "Lars Gelander"}
    named = next(a for a in in_channel if "<at>" not in message_text(a))
    assert message_text(named).startswith("**Karin Berg**:")


async def test_a_429_then_success_sends_exactly_once(
    teams: TeamsChat, connector: FakeConnector, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("meeting add 7 maj kl 13.00")
    connector.fail_next(429, retry_after="20")
    assert await _at(teams, clock, "2025-04-30 08:00") == []
    assert connector.refused == 1
    assert await _at(teams, clock, "2025-04-30 08:00:10") == []  # Retry-After not yet passed
    sent = await _at(teams, clock, "2025-04-30 08:02")
    assert len(sent) == 1 and "dags för dagordningen" in sent[0]
    assert "sent" not in sent[0]
    assert await _at(teams, clock, "2025-04-30 09:00") == []


async def test_5xx_until_the_last_try_marks_failed_for_the_secretary(
    teams: TeamsChat, connector: FakeConnector, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("meeting add 7 maj kl 13.00")
    connector.fail_next(503, times=5)  # MAX_ATTEMPTS
    clock.set("2025-04-30 08:00")
    for _ in range(6):
        await teams.send_reminders(clock())
        clock.advance(hours=2)
    assert connector.take() == []
    failed = await teams.say("reminders failed")
    assert "Påminnelser som inte gick fram i SOR Barn (1)" in failed
    assert "HTTP 503" in failed
    assert "bara rådets" in (await teams.say("reminders failed", user="Lars Gelander")).lower()


async def test_restart_after_downtime_catches_up(
    database_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    async with TeamsChat.running(database_url, connector, clock) as chat:
        await chat.setup_council()
        await chat.say("meeting add onsdag 7 maj kl 13.00")
        await chat.say("nomination open RPT THS deadline 5 maj")
    # The bot is down from 9 April until 6 May 09:00: the agenda call (30 April) and the
    # round's reminders (28 April, 2 May) fell due meanwhile; the round itself has not closed.
    clock.set("2025-05-06 09:00")
    async with TeamsChat.running(database_url, connector, clock) as chat:
        await chat.send_reminders(clock())
        texts = [message_text(a) for a in connector.take()]
        late = [t for t in texts if "kommer sent" in t]
        assert len(late) == 2, texts
        assert any("dags för dagordningen" in t for t in late)
        assert any("påminnelse om mötet" in t for t in late)  # the day-before one, 6 May 08:00
        # The round's deadline, 5 May, passed while the bot was down: its reminders are
        # dropped, not sent late, and the round closes now with its summary in the channel
        # (the secretary has no private chat with the bot, so that post is hers too).
        assert not any("stänger" in t for t in texts)
        summaries = [t for t in texts if "Nomineringen till RPT THS är stängd" in t]
        assert len(summaries) == 1 and len(texts) == 3


async def test_dated_items_and_policy_changes(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    added = await teams.say("deadline add Remissvar RMR astma senast 30 maj")
    assert "Datum 1 är sparat: Remissvar RMR astma" in added
    assert "När: fre 30 maj" in added
    assert "Ange vad och när" in await teams.say("deadline add snarast")
    planned = await teams.say("reminders")
    # Thursday 29 May 2025 is Ascension Day: three working days before Friday is Monday.
    assert "mån 26 maj kl. 08.00 — deadline · Remissvar RMR astma · i kanalen" in planned
    assert "fre 30 maj kl. 08.00 — deadline · Remissvar RMR astma · i kanalen" in planned
    assert "Påminnelserna är ändrade" in await teams.say("reminders deadline 5, 1")
    planned = await teams.say("reminders")
    assert "tors 22 maj kl. 08.00 — deadline" in planned
    assert "ons 28 maj kl. 08.00 — deadline" in planned
    assert "mån 26 maj" not in planned
    assert "Ange dagar som siffror" in await teams.say("reminders deadline snart")
    [sent] = await _at(teams, clock, "2025-05-22 08:00")
    assert "Remissvar RMR astma" in sent


async def test_personal_choice_turns_off_personal_reminders(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("action Lars: Samråda med Karin A senast 16 maj")
    assert "till Lars Gelander" in await teams.say("reminders")
    assert "inga personliga påminnelser" in await teams.say(
        "reminders mine off", user="Lars Gelander"
    )
    assert "till Lars Gelander" not in await teams.say("reminders")
    assert "3, 0 arbetsdagar" in await teams.say("reminders")
    assert "5, 0 arbetsdagar före" in await teams.say("reminders mine 5, 0", user="Lars Gelander")
    assert "fre 9 maj kl. 08.00 — deadline · åtgärd 1 · till Lars Gelander" in await teams.say(
        "reminders"
    )


@pytest.mark.parametrize("when", ["2025-05-07 08:00"])
async def test_personal_reminder_of_actions_due_at_the_meeting(
    teams: TeamsChat, clock: FakeClock, when: str
) -> None:
    await teams.setup_council()
    await teams.say("meeting add onsdag 7 maj kl 09.30")
    await teams.say("hjälp", user="Niklas Segerdahl", personal=True)
    await teams.say("action Niklas: Informera om sömnapné till nästa möte")
    planned = await teams.say("reminders")
    assert "tis 6 maj kl. 08.00 — åtgärder till möte ons 7 maj · till Niklas Segerdahl" in planned
    clock.set("2025-05-06 08:00")
    await teams.send_reminders(clock())
    sent = {a["_conversation"]: message_text(a) for a in teams.connector.take()}
    assert "dina åtgärder till mötet ons 7 maj" in sent["a:personal-29:niklas-segerdahl"]
    assert "Informera om sömnapné" in sent["a:personal-29:niklas-segerdahl"]


async def test_changing_a_deadline_moves_its_reminders(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    await teams.say("action Lars: Samråda med Karin A senast 16 maj")
    assert "tis 13 maj kl. 08.00 — deadline · åtgärd 1 · till Lars Gelander" in await teams.say(
        "reminders"
    )
    refused = await teams.say("action move 1 23 maj", user="Joanna Pestalozzi")
    assert "inte din" in refused
    moved = await teams.say("action move 1 fredag 23 maj", user="Lars Gelander")
    assert "Åtgärd 1 har fått ny deadline" in moved
    assert "Deadline: senast fre 23 maj" in moved
    planned = await teams.say("reminders")
    assert "tis 13 maj" not in planned
    assert "tis 20 maj kl. 08.00 — deadline · åtgärd 1 · till Lars Gelander" in planned
    assert "kunde inte läsa datumet" in await teams.say(
        "action move 1 snarast", user="Lars Gelander"
    )
    assert "Ange numret" in await teams.say("action move", user="Lars Gelander")


async def test_weekly_digest_of_overdue_actions_grouped_by_owner(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("action Lars, Joanna: Ta fram underlag senast 10 april")
    await teams.say("action Lars: Samråda med Karin A senast 11 april")
    await teams.say("action Maja: Bjuda in Catherine senast 30 maj")
    assert await _at(teams, clock, "2025-04-11 08:00") != []  # deadline reminders of the day
    [digest] = await _at(teams, clock, "2025-04-14 08:00")
    assert "SOR Barn: försenade åtgärder (2)" in digest
    assert (
        "Lars Gelander — #1 Ta fram underlag (tors 10 apr); #2 Samråda med Karin A (fre 11 apr)"
        in digest
    )
    assert "Joanna Pestalozzi — #1 Ta fram underlag" in digest
    assert "Maja" not in digest
    await teams.say("klar 1")
    await teams.say("klar 2")
    assert (
        await _at(teams, clock, "2025-04-21 08:00") == []
    )  # Easter Monday: nothing overdue anyway


async def test_the_secretary_sees_every_kind_of_planned_reminder_named(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("hjälp", user="Niklas Segerdahl", personal=True)
    await teams.say("nomination open RPT THS roles ordförande deadline fredag 16 maj")
    planned = await teams.say("reminders")
    assert "fre 9 maj kl. 08.00 — nominering stänger · RPT THS · i kanalen" in planned
    assert (
        "tors 15 maj kl. 08.00 — påminnelse om att nominera · RPT THS · till Niklas Segerdahl"
        in planned
    )
    # Closed automatically at the deadline, with Teams refusing every send: the summary to
    # the secretary is named among the failed ones.
    await teams.say("hjälp", user="Carin Skoog", personal=True)
    teams.connector.fail_next(403, times=100)
    clock.set("2025-05-19 08:00")
    await teams.send_reminders(clock())
    teams.connector.recover()
    failed = await teams.say("reminders failed")
    assert "nomineringar, sammanställning · RPT THS · till Carin Skoog" in failed
