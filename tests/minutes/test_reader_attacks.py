"""Wrong readings a reviewer found in the rules of 4 Dec 2026 by attacking them with text
real minutes hold: each is a test that the reading is now right."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dialogs.dates.reading import STOCKHOLM, find_when
from dialogs.minutes.decisions import read_decisions
from dialogs.minutes.meetings import read_coming_meetings
from dialogs.minutes.notes import extract_action_lines, minutes_lines
from dialogs.minutes.participants import read_participants
from store.models import Role
from tests.minutes.test_action_records import _due
from tests.minutes.test_actions_reader import _owners, _read


@pytest.mark.parametrize(
    "sentence",
    [
        "Rapporten presenteras av Ola Wikström.",  # the meeting's own doings, in the passive
        "Mötet leds av Greta Holm.",
        "Protokollet justeras av Tove Ek.",
        "§ 4 Ekonomisk uppföljning redovisas (Ola Wikström)",
        "Tack @Ola för en bra presentation!",  # a mention in chat is no task
        "Medel fördelas till Borås resp. Ulricehamn.",
        "Ansvarig Tove Ek har slutat och ersätts.",
        "Det finns behov av åtgärder – bland annat inom hemsjukvården.",
        "Ingen åtgärd - informationen noteras.",
    ],
)
def test_no_action_is_made_of_a_report(sentence: str) -> None:
    """Nothing certain: a need may still be offered as a doubtful item, never as a task."""
    assert [a for a in _read(sentence + "\n") if not a.doubtful] == []
    assert extract_action_lines(sentence + "\n") == []


def test_an_assignment_told_in_the_past_is_still_this_meetings_in_plain_minutes() -> None:
    [action] = _read("Kansliet fick i uppdrag att ta fram ett förslag till nästa möte.\n")
    assert _owners(action) == {"organisation:kansliet"}


def test_a_note_before_an_owner_is_no_owner() -> None:
    [action] = _read("OBS: Ola skickar ut kallelsen senast 1/4.\n")
    assert _owners(action) == {"Ola Wikström"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Ola tar fram en jämförelse med hösten 2026 till nästa möte.",
        "Ola tar upp frågan i var och en av arbetsgrupperna till nästa möte.",
    ],
)
def test_a_season_only_talked_about_is_no_deadline(sentence: str) -> None:
    [action] = _read(sentence + "\n")
    assert _due(action) == date(2027, 4, 20)  # the next meeting


@pytest.mark.parametrize(
    "line",
    [
        "Anna Berg (S), ordförande socialnämnden Borås",
        "Ola Lind, sekreterare för arbetsgruppen Äldre",
        "Lena Ek, sekreterare i brukarrådet",
    ],
)
def test_an_office_elsewhere_is_no_office_here(line: str) -> None:
    [person] = read_participants([line]).people
    assert person.roles == (Role.MEMBER,)


def test_an_agenda_line_about_a_group_names_no_members() -> None:
    assert read_participants(["Rapport från arbetsgruppen: Ida Sandberg och Tove Ek"]).people == ()


@pytest.mark.parametrize("mark", ["Nej", "Deltog ej", "Ej närvarande", "frånvarande"])
def test_an_attendance_cell_that_says_absent(mark: str) -> None:
    text = ["Namn | Organisation | Närvaro", f"Tove Ek | Svenljunga | {mark}"]
    [person] = read_participants(text).people
    assert person.absent and person.organisation == "Svenljunga"


def test_a_list_in_a_sentence_ends_with_the_sentence() -> None:
    text = ["Närvarande var Greta Holm, Ola Lind och Tove Ek. Ida Berg deltog via Teams."]
    assert [p.name for p in read_participants(text).people] == ["Greta Holm", "Ola Lind", "Tove Ek"]


@pytest.mark.parametrize(
    "line",
    ["Förra mötets anteckningar godkändes.", "Mötets dagordning fastställdes."],
)
def test_the_meetings_own_papers_are_no_decision(line: str) -> None:
    assert read_decisions([line]) == ()


def test_another_bodys_past_endorsement_is_no_decision() -> None:
    assert read_decisions(["Socialnämnden i Borås ställde sig bakom förslaget i januari."]) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Styrgruppen för Nära vård träffas 22 mars och återrapporterar till rådet.",
        "Arbetsgruppen träffas varannan vecka, senast 2 mars.",
    ],
)
def test_another_groups_meetings_are_not_the_councils(text: str) -> None:
    assert read_coming_meetings(minutes_lines(text), reference=date(2027, 2, 1)) == ()


def test_common_abbreviations_are_no_members_initials() -> None:
    [action] = _read("Ta fram rutinen för läkemedel. Ansvarig: MAS\n")
    assert _owners(action) == {"organisation:MAS"} or "unknown:MAS" in _owners(action)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("påminn mig till julafton kl 10", date(2026, 12, 24)),
        ("flytta mötet till annandag påsk kl 9", date(2027, 3, 29)),
        ("klart till jul", date(2026, 12, 23)),
    ],
)
def test_a_day_of_a_feast_is_that_day(text: str, day: date) -> None:
    found = find_when(text, now=datetime(2026, 12, 1, 9, tzinfo=STOCKHOLM))
    assert found is not None and found[0].start.date() == day


def test_a_time_plan_field_is_a_deadline() -> None:
    minutes = "Uppgift: Ta fram en rutin för SIP\nAnsvar: Hanna\nTidplan: klart under våren\n"
    [action] = _read(minutes)
    assert _due(action) == date(2027, 6, 30)
