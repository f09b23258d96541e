"""Dates that sound right (issue 15, point 7), through the real endpoints.

A day and month without a year that passed within the last 60 days is asked about, not
moved a year silently; an action deadline or a council's date (``ny deadline``) in the past
is asked about; a meeting on a
weekend or a Swedish holiday (julafton too) gets a warning with the choice to keep it. One
question waits at a time; nothing is saved before it is answered; ``avbryt`` cancels.

The clock is the test's own (``FakeClock``): the year boundary and the changes to and
from summer time are walked by setting it, never by sleeping.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import FakeClock
from tests.fakes.slack_api import CARIN, SlackChat, button_values
from tests.fakes.teams import TeamsChat, message_text

ENGLISH = {"user": "Carin Skoog", "locale": "en-GB"}


def _buttons(activity: dict[str, Any]) -> dict[str, dict[str, Any]]:
    card = activity["attachments"][0]["content"]
    return {a["title"]: a for a in card.get("actions", []) if a["type"] == "Action.Submit"}


async def _ask(teams: TeamsChat, text: str, **kwargs: Any) -> dict[str, Any]:
    assert await teams.post(teams.activity(text, **kwargs)) == 201
    [reply] = teams.connector.take()
    return reply


async def _press(teams: TeamsChat, button: dict[str, Any], **kwargs: Any) -> str:
    assert await teams.post(teams.activity("", value=button["data"], **kwargs)) == 201
    [reply] = teams.connector.take()
    return message_text(reply)


# --- a) a day and month that passed lately --------------------------------------------------


async def test_a_meeting_day_passed_lately_is_asked_about(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-02 10:00")
    asked = await _ask(teams, "nytt möte 30 nov kl 13-15")
    assert "30 nov har redan varit – menade du 30 nov 2027?" in message_text(asked)
    buttons = _buttons(asked)
    assert set(buttons) == {"Ja, 30 nov 2027", "Nej, ett annat datum"}
    # nothing is saved while the question waits; other commands still work
    assert "Inga kommande möten" in await teams.say("möten")
    saved = await _press(teams, buttons["Ja, 30 nov 2027"])
    assert "Möte tillagt: #1 tis 30 nov 2027 kl. 13.00–15.00" in saved


async def test_a_day_long_past_moves_a_year_silently(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-12-02 10:00")
    added = await teams.say("nytt möte 15 mars")
    assert "Möte tillagt: #1 mån 15 mar 2027 kl. 09.30–15.30" in added
    # a weekday is the next one to come, and no question either
    assert "Möte tillagt: #2 fre 4 dec" in await teams.say("nytt möte fredag kl 10")


async def test_across_the_year_boundary_another_date_is_written(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2027-01-05 09:00")
    asked = await teams.say("nytt möte 20 dec, Stationshuset")
    assert "20 dec har redan varit – menade du 20 dec 2027?" in asked
    assert "Vilket datum ska det vara?" in await teams.say("nej")
    saved = await teams.say("12 jan")
    assert "Möte tillagt: #1 tis 12 jan kl. 09.30–15.30" in saved
    assert "Plats: Stationshuset" in saved


async def test_passed_then_a_holiday_asks_twice_then_saves(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2027-01-02 11:00")
    assert "24 dec har redan varit – menade du 24 dec 2027?" in await teams.say("nytt möte 24 dec")
    holiday = await teams.say("ja")
    assert "24 december är julafton" in holiday
    assert "Inga kommande möten" in await teams.say("möten")
    assert "Möte tillagt: #1 fre 24 dec kl. 09.30–15.30" in await teams.say("behåll")


async def test_after_the_change_to_winter_time(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-10-25 10:00")  # summer time ended at 03.00 this morning
    asked = await teams.say("nytt möte 20 okt kl 10")
    assert "20 okt har redan varit – menade du 20 okt 2027?" in asked
    assert "Möte tillagt: #1 ons 20 okt 2027 kl. 10.00" in await teams.say("ja")


async def test_in_english(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-12-02 10:00")
    asked = await _ask(teams, "meeting add 30 nov", **ENGLISH)
    assert "30 Nov has passed – did you mean 30 Nov 2027?" in message_text(asked)
    assert set(_buttons(asked)) == {"Yes, 30 Nov 2027", "No, another date"}
    assert "Which date should it be?" in await teams.say("no", **ENGLISH)
    assert "Meeting added: #1 Mon 14 Dec" in await teams.say("14 Dec", **ENGLISH)


# --- b) an action deadline in the past ------------------------------------------------------


async def test_a_past_deadline_is_asked_about_and_may_be_kept(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    asked = await _ask(teams, "åtgärd Karin B: Boka lokal senast 1 dec 2026")
    text = message_text(asked)
    assert "Deadline tis 1 dec har redan varit – ska den stå kvar ändå?" in text
    assert set(_buttons(asked)) == {"Behåll 1 dec", "Ändra datum"}
    assert "Boka lokal" not in await teams.say("åtgärder")
    saved = await _press(teams, _buttons(asked)["Behåll 1 dec"])
    assert "Åtgärd 1 är sparad" in saved and "Deadline: senast tis 1 dec" in saved


async def test_yesterday_as_a_deadline_is_asked_about_and_changed(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    asked = await teams.say("åtgärd Karin B: Boka lokal igår")
    assert "Deadline ons 2 dec har redan varit" in asked
    assert "Vilket datum ska det vara?" in await teams.say("ändra")
    saved = await teams.say("15 dec")
    assert "Åtgärd 1 är sparad" in saved and "Deadline: senast tis 15 dec" in saved


async def test_a_deadline_passed_lately_then_which_karin(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    asked = await teams.say("åtgärd Karin: Boka lokal senast 30 nov")
    assert "30 nov har redan varit – menade du 30 nov 2027?" in asked
    assert "Vem menar du med ”Karin”?" in await teams.say("ja")
    saved = await teams.say("1")
    assert "Åtgärd 1 är sparad" in saved and "senast tis 30 nov 2027" in saved


async def test_moving_a_deadline_to_the_past_is_asked_and_cancelled(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    assert "Åtgärd 1 är sparad" in await teams.say("åtgärd Karin B: Boka lokal senast 15 dec")
    assert "har redan varit" in await teams.say("flytta åtgärd 1 igår")
    assert "Avbrutet – inget sparades" in await teams.say("avbryt")
    assert "senast tis 15 dec" in await teams.say("åtgärder")
    english = await teams.say("action move 1 1 Dec 2026", **ENGLISH)
    assert "The deadline Tue 1 Dec has passed – keep it anyway?" in english
    assert "Action 1 has a new deadline" in await teams.say("keep", **ENGLISH)
    assert "tis 1 dec" in await teams.say("åtgärder")


# --- c) a meeting on a day off ------------------------------------------------------------


async def test_julafton_is_named_and_the_meeting_kept(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-12-02 10:00")
    asked = await _ask(teams, "nytt möte 24 dec kl 10")
    text = message_text(asked)
    assert "24 december är julafton – ska mötet vara då ändå?" in text
    assert set(_buttons(asked)) == {"Behåll 24 dec", "Ändra datum"}
    assert "Inga kommande möten" in await teams.say("möten")
    assert "Möte tillagt: #1 tors 24 dec kl. 10.00" in await _press(
        teams, _buttons(asked)["Behåll 24 dec"]
    )


async def test_a_saturday_is_named_and_another_day_written(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-02 10:00")
    assert "12 december är en lördag" in await teams.say("nytt möte 12 december kl 13-15")
    # a new date typed straight away answers the question
    assert "Möte tillagt: #1 fre 11 dec kl. 13.00–15.00" in await teams.say("11 december")


async def test_easter_day_when_summer_time_starts(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2027-03-20 10:00")
    # a Sunday, and påskdagen: the holiday is the name that says most
    assert "28 mars är påskdagen" in await teams.say("nytt möte 28 mars kl 10")
    assert "Möte tillagt: #1 sön 28 mar kl. 10.00" in await teams.say("behåll")


async def test_moving_a_meeting_to_midsummer_eve(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2027-05-03 10:00")
    assert "Möte tillagt: #1" in await teams.say("nytt möte 10 juni kl 13-15")
    assert "25 juni är midsommarafton" in await teams.say("flytta möte 1 25 juni")
    assert "Avbrutet – inget sparades" in await teams.say("avbryt")
    assert "tors 10 jun" in await teams.say("möten")
    moved = await teams.say("flytta möte 1 24 juni")  # a Thursday: no question
    assert "Möte 1 är flyttat till tors 24 jun kl. 13.00–15.00" in moved
    english = await teams.say("meeting move 1 31 Dec", **ENGLISH)
    assert "31 December is New Year's Eve – hold the meeting then anyway?" in english
    assert "Meeting 1 is moved to Fri 31 Dec" in await teams.say("keep", **ENGLISH)


async def test_slack_buttons_answer(slack: SlackChat, clock: FakeClock) -> None:
    await slack.setup_council()
    clock.set("2026-12-02 10:00")
    asked = await slack.command("/radsbot", "nytt möte 24 dec kl 10")
    assert "24 december är julafton" in asked["text"]
    keep = next(value for _, value in button_values(asked) if value.endswith(" 1"))
    action_id = next(a for a, value in button_values(asked) if value == keep)
    saved = await slack.press(keep, user=CARIN, action_id=action_id)
    assert "Möte tillagt: #1 tors 24 dec kl. 10.00" in saved["text"]


# --- d) a date of the council's own (``ny deadline``): asked about as a deadline is -------


async def test_a_past_date_is_asked_about_and_kept_with_the_button(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    asked = await _ask(teams, "ny deadline Remissvar RMR astma senast 1 dec 2026")
    assert "Deadline tis 1 dec har redan varit – ska den stå kvar ändå?" in message_text(asked)
    buttons = _buttons(asked)
    assert set(buttons) == {"Behåll 1 dec", "Ändra datum"}
    saved = await _press(teams, buttons["Behåll 1 dec"])
    assert "Datum 1 är sparat: Remissvar RMR astma" in saved and "När: tis 1 dec" in saved


async def test_a_day_passed_lately_is_read_as_next_year_when_said_so(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-02 10:00")
    asked = await teams.say("ny deadline Remissvar 30 nov")
    assert "30 nov har redan varit – menade du 30 nov 2027?" in asked
    saved = await teams.say("ja")
    assert "Datum 1 är sparat: Remissvar" in saved and "När: tis 30 nov 2027" in saved


async def test_another_date_is_written_instead(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    assert "Deadline ons 2 dec har redan varit" in await teams.say("ny deadline Enkät igår")
    assert "Vilket datum ska det vara?" in await teams.say("ändra")
    saved = await teams.say("15 dec")
    assert "Datum 1 är sparat: Enkät" in saved and "När: tis 15 dec" in saved


async def test_cancelled_saves_nothing(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    assert "har redan varit" in await teams.say("ny deadline Enkät 1 dec 2026")
    assert "Avbrutet – inget sparades" in await teams.say("avbryt")
    # the next date is still number 1: the one asked about was never saved
    saved = await teams.say("ny deadline Enkät 20 dec")
    assert "Datum 1 är sparat: Enkät" in saved and "När: sön 20 dec" in saved


async def test_a_date_to_come_is_saved_at_once(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    saved = await teams.say("ny deadline Remissvar senast 18 dec kl 12")
    assert "Datum 1 är sparat: Remissvar" in saved and "När: fre 18 dec kl. 12.00" in saved


async def test_only_an_officer_may_answer(teams: TeamsChat, clock: FakeClock) -> None:
    """A member cannot add a date, so he has no question to answer either."""
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    refused = await teams.say("ny deadline Enkät 1 dec 2026", user="Lars Gelander")
    assert "har redan varit" not in refused and "Datum" not in refused


async def test_another_member_cannot_answer_the_secretarys_question(
    teams: TeamsChat, clock: FakeClock
) -> None:
    """The question is the secretary's: a member's "ja" in the same channel saves nothing."""
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    assert "har redan varit" in await teams.say("ny deadline Enkät 1 dec 2026")
    assert "Datum 1 är sparat" not in await teams.say("ja", user="Lars Gelander")
    saved = await teams.say("ja")
    assert "Datum 1 är sparat: Enkät" in saved


async def test_a_past_date_in_english(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    asked = await teams.say("deadline add Survey 1 Dec 2026", **ENGLISH)
    assert "The deadline Tue 1 Dec has passed – keep it anyway?" in asked
    saved = await teams.say("keep", **ENGLISH)
    assert "Date 1 is saved: Survey" in saved and "When: Tue 1 Dec" in saved


# --- the season's dates pasted in one go: said in the preview, kept with ok ------------------


async def test_a_season_preview_names_the_days_off(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    clock.set("2026-12-02 10:00")
    preview = await teams.say(
        "meetings add\n24 december kl 10, Teamsmöte\n30 nov, Stationshuset\n15 januari, Bommen"
    )
    assert "1. tors 24 dec kl. 10.00 — Teamsmöte **(24 december är julafton)**" in preview
    assert "30 nov har redan varit – läses som 30 nov 2027" in preview
    assert "fre 15 jan 2027" in preview and "(15 januari" not in preview
    assert "Inga kommande möten" in await teams.say("möten")
    assert "läses som 30 nov 2027" not in await teams.say("2 bort")
    assert "2 möten är inlagda" in await teams.say("ok")
    listing = await teams.say("möten")
    assert "#1 tors 24 dec" in listing and "#2 fre 15 jan 2027" in listing


async def test_pasted_actions_say_a_deadline_already_passed(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-03 10:00")
    preview = await teams.say(
        "notes\nAction: Karin B bokar lokal senast 1 dec 2026\n"
        "Action: Lars Gelander skickar inbjudan senast 15 dec 2026"
    )
    assert "Karin Berg: Bokar lokal — senast tis 1 dec **(deadline har redan varit)**" in preview
    assert preview.count("har redan varit") == 1, preview


async def test_a_date_without_doubt_leaves_another_question_waiting(
    teams: TeamsChat, clock: FakeClock
) -> None:
    await teams.setup_council()
    clock.set("2026-12-02 10:00")
    assert "stämmer det?" in await teams.say("meetings add\n14 januari, Bommen")
    assert "Möte tillagt: #1 tis 8 dec" in await teams.say("nytt möte 8 dec")
    assert "Åtgärd 1 är sparad" in await teams.say("åtgärd Karin B: Boka lokal senast 15 dec")
    assert "1 möte är inlagt" in await teams.say("ok")  # the season's preview still waits
