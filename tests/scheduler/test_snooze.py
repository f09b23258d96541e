"""A personal reminder's "Påminn mig i morgon" and "Klar" buttons (issue 15 point 9), pressed
through the real endpoints with the real sender, the fake Teams connector and Slack Web API,
and a clock moved by hand.

The snooze moves only the presser's own next reminder of that action to the next working
morning; anyone else pressing it changes nothing. The tests run on SQLite, and on PostgreSQL
where one is reachable.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot.app import SESSIONS
from bot.render_card import ADAPTIVE_CARD
from store.models import ReminderSnooze
from tests.bot.test_cards import problems
from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.slack_api import JOANNA, LARS, FakeSlackApi, SlackChat, button_values
from tests.fakes.teams import TeamsChat, card_buttons, message_text

JOANNA_CHAT = "a:personal-29:joanna-pestalozzi"
LARS_CHAT = "a:personal-29:lars-gelander"


def _card(activity: dict[str, Any]) -> dict[str, Any]:
    [card] = [
        a["content"] for a in activity.get("attachments") or [] if a["contentType"] == ADAPTIVE_CARD
    ]
    return card


async def _sent(teams: TeamsChat, clock: FakeClock, when: str) -> dict[str, list[dict[str, Any]]]:
    """Move the clock to ``when`` (Stockholm), run the sender: what reached each conversation."""
    clock.set(when)
    await teams.send_reminders(clock())
    by_conversation: dict[str, list[dict[str, Any]]] = {}
    for activity in teams.connector.take():
        by_conversation.setdefault(activity["_conversation"], []).append(activity)
    return by_conversation


async def _press(teams: TeamsChat, command: str, *, user: str, personal: bool = True) -> str:
    """Press a card button: Teams posts its ``data`` as the activity's value, without text."""
    status = await teams.post(
        teams.activity("", user=user, personal=personal, value={"command": command})
    )
    assert status in (200, 201), status
    [reply] = teams.connector.take()
    # the words alone, without the tone's sign and the title's bold
    return re.sub(r"^\W+\s", "", message_text(reply).replace("**", ""))


async def _two_owners(teams: TeamsChat) -> None:
    """Joanna and Lars both own action 1 and talk to the bot privately; Joanna owns 2 too."""
    await teams.setup_council()
    await teams.say("hjälp", user="Joanna Pestalozzi", personal=True)
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    await teams.say("action Joanna, Lars: Ta fram underlag senast fredag 16 maj")
    await teams.say("action Joanna: Bjuda in Catherine senast fredag 16 maj")


async def test_a_personal_reminder_card_has_both_buttons_in_both_languages(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _two_owners(teams)
    await teams.say("språk en", user="Lars Gelander", personal=True)
    sent = await _sent(teams, clock, "2025-05-13 08:00")  # 3 working days before
    [first, second] = sent[JOANNA_CHAT]
    for card in (first, second):
        assert problems(_card(card)) == []
        buttons = card_buttons(card)
        assert set(buttons) >= {"Påminn mig i morgon", "Klar"}
        assert buttons["Påminn mig i morgon"].startswith("påminn mig i morgon ")
    assert {card_buttons(first)["Klar"], card_buttons(second)["Klar"]} == {
        "klar 1 SOR Barn",
        "klar 2 SOR Barn",
    }
    [english] = sent[LARS_CHAT]
    assert problems(_card(english)) == []
    assert "SOR Barn: deadline" in message_text(english)
    buttons = card_buttons(english)
    assert buttons["Done"] == "action done 1 SOR Barn"
    assert buttons["Remind me tomorrow"].startswith("remind me tomorrow ")
    # the reminder in the channel, for nobody in person, has no buttons to press
    await teams.say("action alla: Läsa rapporten senast fredag 23 maj")
    channel = await _sent(teams, clock, "2025-05-20 08:00")
    [everyone] = [
        a
        for key, sent in channel.items()
        if key.startswith("19:")
        for a in sent
        if "Läsa rapporten" in message_text(a)
    ]
    assert "Påminn mig i morgon" not in str(everyone)


async def test_snooze_moves_only_that_persons_reminder_of_that_action_to_tomorrow(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _two_owners(teams)
    sent = await _sent(teams, clock, "2025-05-13 08:00")
    [card] = [a for a in sent[JOANNA_CHAT] if "Ta fram underlag" in message_text(a)]
    clock.set("2025-05-13 09:30")
    said = await _press(teams, card_buttons(card)["Påminn mig i morgon"], user="Joanna Pestalozzi")
    assert said == "Jag påminner dig i morgon, onsdag 14 maj, kl. 08.00."
    planned = await teams.say("reminders")
    assert "ons 14 maj kl. 08.00 — deadline, flyttad · åtgärd 1 · till Joanna Pestalozzi" in planned
    # not before tomorrow morning, and then only Joanna's, only of action 1
    assert await _sent(teams, clock, "2025-05-13 17:00") == {}
    assert await _sent(teams, clock, "2025-05-14 07:59") == {}
    tomorrow = await _sent(teams, clock, "2025-05-14 08:00")
    assert list(tomorrow) == [JOANNA_CHAT]
    [again] = tomorrow[JOANNA_CHAT]
    assert "#1 Ta fram underlag" in message_text(again)
    assert "Bjuda in" not in message_text(again)
    # snoozing again, from the new card, moves it again
    said = await _press(teams, card_buttons(again)["Påminn mig i morgon"], user="Joanna Pestalozzi")
    assert said == "Jag påminner dig i morgon, torsdag 15 maj, kl. 08.00."
    [third] = (await _sent(teams, clock, "2025-05-15 08:00"))[JOANNA_CHAT]
    assert "#1 Ta fram underlag" in message_text(third)
    # the reminders of the day still come, to both owners, of both actions
    deadline_day = await _sent(teams, clock, "2025-05-16 08:00")
    assert len(deadline_day[JOANNA_CHAT]) == 2 and len(deadline_day[LARS_CHAT]) == 1
    # on the day of a whole-day deadline, tomorrow is too late; after it, it has passed
    last = next(a for a in deadline_day[JOANNA_CHAT] if "Ta fram" in message_text(a))
    assert list(card_buttons(last)) == ["Klar"]  # no snooze the deadline would not outlast
    said = await _press(teams, card_buttons(third)["Påminn mig i morgon"], user="Joanna Pestalozzi")
    assert said == (
        "Deadline för åtgärd 1 hinner gå ut innan i morgon bitti, så jag flyttar inte påminnelsen."
    )
    clock.set("2025-05-19 09:00")
    said = await _press(teams, card_buttons(third)["Påminn mig i morgon"], user="Joanna Pestalozzi")
    assert "har redan passerat" in said


async def test_the_snooze_holds_in_another_server_process(
    database_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    """Kept in the database, not in the process that took the press: another app on the same
    database (``serve --workers N``, or after a restart) sends it, and only then."""
    async with TeamsChat.running(database_url, connector, clock) as first:
        await _two_owners(first)
        sent = await _sent(first, clock, "2025-05-13 08:00")
        [card] = [a for a in sent[JOANNA_CHAT] if "Ta fram underlag" in message_text(a)]
        clock.set("2025-05-13 09:30")
        said = await _press(
            first, card_buttons(card)["Påminn mig i morgon"], user="Joanna Pestalozzi"
        )
        assert said == "Jag påminner dig i morgon, onsdag 14 maj, kl. 08.00."
    async with TeamsChat.running(database_url, connector, clock) as second:
        # A change to the action plans its reminders anew, here: the snooze still holds.
        clock.set("2025-05-13 10:00")
        assert "23 maj" in await second.say("flytta åtgärd 1 fredag 23 maj")
        planned = await second.say("reminders")
        assert "ons 14 maj kl. 08.00 — deadline, flyttad · åtgärd 1 · till Joanna" in planned
        assert "tis 20 maj kl. 08.00 — deadline · åtgärd 1 · till Lars Gelander" in planned
        assert await _sent(second, clock, "2025-05-14 07:59") == {}
        tomorrow = await _sent(second, clock, "2025-05-14 08:00")
        assert list(tomorrow) == [JOANNA_CHAT]
        [again] = tomorrow[JOANNA_CHAT]
        assert "#1 Ta fram underlag" in message_text(again)


async def test_snoozing_on_a_friday_means_monday_and_in_english(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _two_owners(teams)
    await teams.say("lang en", user="Lars Gelander", personal=True)
    await teams.say("action Lars: Boka lokal senast onsdag 21 maj")
    # 3 working days before Wednesday 21 May is Friday 16 May
    sent = await _sent(teams, clock, "2025-05-16 08:00")
    [card] = [a for a in sent[LARS_CHAT] if "Boka lokal" in message_text(a)]
    clock.set("2025-05-16 14:00")
    said = await _press(teams, card_buttons(card)["Remind me tomorrow"], user="Lars Gelander")
    assert said == "I'll remind you on Monday 19 May at 08:00."
    assert await _sent(teams, clock, "2025-05-17 08:00") == {}  # a Saturday: nothing is sent
    [monday] = (await _sent(teams, clock, "2025-05-19 08:00"))[LARS_CHAT]
    assert "Boka lokal" in message_text(monday)


async def test_klar_marks_the_action_done_and_then_snooze_says_so(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _two_owners(teams)
    sent = await _sent(teams, clock, "2025-05-13 08:00")
    [card] = [a for a in sent[JOANNA_CHAT] if "Bjuda in" in message_text(a)]
    clock.set("2025-05-13 10:00")
    done = await _press(teams, card_buttons(card)["Klar"], user="Joanna Pestalozzi")
    assert "Åtgärd 2 är klar: Bjuda in Catherine" in done
    again = await _press(teams, card_buttons(card)["Klar"], user="Joanna Pestalozzi")
    assert again == "Åtgärd 2 var redan klar."
    snoozed = await _press(
        teams, card_buttons(card)["Påminn mig i morgon"], user="Joanna Pestalozzi"
    )
    assert snoozed == "Åtgärd 2 är redan klar, så det behövs ingen fler påminnelse."
    deadline_day = await _sent(teams, clock, "2025-05-16 08:00")
    assert all("Bjuda in" not in message_text(a) for a in deadline_day[JOANNA_CHAT])
    # a deleted action: nothing to snooze
    [underlag] = [a for a in sent[JOANNA_CHAT] if "Ta fram" in message_text(a)]
    assert "1" in await teams.say("action delete 1")
    clock.set("2025-05-14 09:00")
    gone = await _press(
        teams, card_buttons(underlag)["Påminn mig i morgon"], user="Joanna Pestalozzi"
    )
    assert gone == "Åtgärden finns inte längre, så det behövs ingen fler påminnelse."
    assert await _sent(teams, clock, "2025-05-15 08:00") == {}


async def test_someone_else_pressing_the_buttons_changes_nothing(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _two_owners(teams)
    await teams.say("hjälp", user="Karin Berg", personal=True)
    sent = await _sent(teams, clock, "2025-05-13 08:00")
    [card] = [a for a in sent[JOANNA_CHAT] if "Bjuda in" in message_text(a)]
    [shared] = [a for a in sent[JOANNA_CHAT] if "Ta fram" in message_text(a)]
    snooze = card_buttons(card)["Påminn mig i morgon"]
    clock.set("2025-05-13 10:00")
    before = await teams.say("reminders")
    # a forwarded card pressed in a private chat, and the same in the channel
    for user, personal in (("Karin Berg", True), ("Lars Gelander", False)):
        said = await _press(teams, snooze, user=user, personal=personal)
        assert said.startswith("Den här påminnelsen är till någon annan, så jag har inte ändrat")
    # even Lars, who owns the shared action too, cannot move Joanna's reminder of it
    said = await _press(teams, card_buttons(shared)["Påminn mig i morgon"], user="Lars Gelander")
    assert said.startswith("Den här påminnelsen är till någon annan")
    # Klar follows the rules of `klar N`: not Karin's action, so nothing is done
    refused = await _press(teams, card_buttons(card)["Klar"], user="Karin Berg")
    assert "Åtgärd 2 är inte din" in refused
    assert await teams.say("reminders") == before
    async with teams.app[SESSIONS]() as session:
        assert list(await session.scalars(select(ReminderSnooze))) == []
    assert await _sent(teams, clock, "2025-05-14 08:00") == {}
    # a made-up reminder number, or none, changes nothing either
    assert (await _press(teams, "påminn mig i morgon 99999", user="Karin Berg")).startswith(
        "Den här påminnelsen är till någon annan"
    )
    assert "Tryck på ”Påminn mig i morgon”" in await _press(
        teams, "påminn mig i morgon", user="Karin Berg"
    )


async def test_the_reminder_of_actions_due_at_a_meeting_has_the_buttons_too(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    await teams.say("meeting add onsdag 7 maj kl 13.00")
    await teams.say("hjälp", user="Niklas Segerdahl", personal=True)
    await teams.say("hjälp", user="Lars Gelander", personal=True)
    await teams.say("action Niklas: Informera om sömnapné till nästa möte")
    await teams.say("action Niklas: Boka lokal till nästa möte")
    await teams.say("action Lars: Skriva protokollet till nästa möte")
    niklas_chat = "a:personal-29:niklas-segerdahl"
    sent = await _sent(teams, clock, "2025-05-06 08:00")
    [card] = sent[niklas_chat]
    assert problems(_card(card)) == []
    buttons = card_buttons(card)
    assert set(buttons) == {"Påminn mig i morgon", "Klar"}  # one "Klar" per action, by title
    card_text = str(_card(card))
    assert "klar 1 SOR Barn" in card_text and "klar 2 SOR Barn" in card_text
    clock.set("2025-05-06 12:00")
    said = await _press(teams, buttons["Påminn mig i morgon"], user="Niklas Segerdahl")
    assert said == "Jag påminner dig i morgon, onsdag 7 maj, kl. 08.00."
    assert await _sent(teams, clock, "2025-05-07 07:59") == {}
    morning = await _sent(teams, clock, "2025-05-07 08:00")
    [again] = morning[niklas_chat]
    assert "Informera om sömnapné" in message_text(again)
    assert LARS_CHAT not in morning  # Lars had his the day before, and keeps it that way
    # on the morning of the meeting, tomorrow is after it
    said = await _press(teams, card_buttons(again)["Påminn mig i morgon"], user="Niklas Segerdahl")
    assert said == "Mötet börjar innan i morgon bitti, så jag flyttar inte påminnelsen."


async def test_snooze_across_the_change_to_winter_time(teams: TeamsChat, clock: FakeClock) -> None:
    """Saturday 24 October 2026 is summer time (08:00 is 06:00 UTC); the next working morning,
    Monday 26 October, is after the change on the 25th (08:00 is 07:00 UTC)."""
    clock.set("2026-10-19 10:00")
    await teams.setup_council()
    await teams.say("hjälp", user="Joanna Pestalozzi", personal=True)
    await teams.say("action Joanna: Skicka statistiken senast onsdag 28 oktober")
    sent = await _sent(teams, clock, "2026-10-23 08:00")  # 3 working days before: Friday
    [card] = sent[JOANNA_CHAT]
    assert clock().hour == 6
    clock.set("2026-10-24 11:00")
    said = await _press(teams, card_buttons(card)["Påminn mig i morgon"], user="Joanna Pestalozzi")
    assert said == "Jag påminner dig måndag 26 oktober kl. 08.00."
    async with teams.app[SESSIONS]() as session:
        [snoozed] = list(await session.scalars(select(ReminderSnooze)))
    assert (snoozed.until.hour, snoozed.until.minute) == (7, 0)  # UTC
    assert await _sent(teams, clock, "2026-10-26 07:59") == {}
    [monday] = (await _sent(teams, clock, "2026-10-26 08:00"))[JOANNA_CHAT]
    assert clock().hour == 7
    assert "Skicka statistiken" in message_text(monday)
    [deadline_day] = (await _sent(teams, clock, "2026-10-28 08:00"))[JOANNA_CHAT]
    assert "deadline i dag" in message_text(deadline_day)


async def test_slack_reminder_buttons_snooze_and_done(
    slack: SlackChat, slack_api: FakeSlackApi, clock: FakeClock
) -> None:
    await slack.setup_council()
    await slack.direct("hjälp", user=JOANNA)
    await slack.direct("hjälp", user=LARS)
    await slack.say("action Joanna, Lars: Ta fram underlag senast fredag 16 maj")
    before = len(slack_api.posted)
    clock.set("2025-05-13 08:00")
    await slack.send_reminders(clock())
    by_channel = {m["channel"]: m for m in slack_api.posted[before:]}
    joanna = by_channel[f"D-{JOANNA}"]
    labels = [
        e["text"]["text"] for b in joanna["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert labels == ["Påminn mig i morgon", "Klar"]
    (snooze_id, snooze), (done_id, done) = button_values(joanna)
    assert done == "klar 1 SOR Barn"
    clock.set("2025-05-13 09:00")
    refused = await slack.press(snooze, user=LARS, action_id=snooze_id)
    assert "till någon annan" in refused["text"]
    moved = await slack.press(snooze, user=JOANNA, action_id=snooze_id, channel=f"D-{JOANNA}")
    assert "Jag påminner dig i morgon, onsdag 14 maj, kl. 08.00." in moved["text"]
    before = len(slack_api.posted)
    clock.set("2025-05-14 08:00")
    await slack.send_reminders(clock())
    [again] = slack_api.posted[before:]
    assert again["channel"] == f"D-{JOANNA}" and "Ta fram underlag" in again["text"]
    finished = await slack.press(done, user=JOANNA, action_id=done_id, channel=f"D-{JOANNA}")
    assert "Åtgärd 1 är klar" in finished["text"]


async def test_a_forgotten_person_leaves_no_snooze_behind(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await _two_owners(teams)
    await teams.vouch_for("Lars Gelander")
    sent = await _sent(teams, clock, "2025-05-13 08:00")
    [card] = [a for a in sent[LARS_CHAT] if "Ta fram underlag" in message_text(a)]
    clock.set("2025-05-13 09:00")
    said = await _press(teams, card_buttons(card)["Påminn mig i morgon"], user="Lars Gelander")
    assert said == "Jag påminner dig i morgon, onsdag 14 maj, kl. 08.00."
    await teams.say("glöm mig", user="Lars Gelander", personal=True)
    assert "jag har glömt dig" in await teams.say("ja", user="Lars Gelander", personal=True)
    async with teams.app[SESSIONS]() as session:
        assert list(await session.scalars(select(ReminderSnooze))) == []
    assert await _sent(teams, clock, "2025-05-14 08:00") == {}
