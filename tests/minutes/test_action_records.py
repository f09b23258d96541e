"""Action items written as labelled fields (``dialogs.minutes.records``): "Vad/Vem/När" on
lines of their own, "Owner: … | Task: … | Due: …" on one line, a task with "– Ansvarig: …,
klart: …" after it, and "Ansvar: NN – uppgift". Examples and answers written before the
reader; the council is the one of ``test_actions_reader``."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs.minutes.notes import extract_action_lines
from dialogs.minutes.participants import read_participants
from dialogs.minutes.person_names import is_capitalised_word
from tests.minutes.test_actions_reader import _owners, _read


def _due(action: object) -> date | None:
    deadline = getattr(action, "deadline", None)
    return deadline.due.date() if deadline is not None and deadline.due is not None else None


BLOCKS = """Åtgärder

Vad: Boka lokal för länsdagen
Vem: Hanna
När: 15/4

Vad: Skicka ut enkäten till kommunerna
Vem: Ola och Tove
När: v 12

Vad: Ta fram en tidplan
Vem:
När: till nästa möte
"""


def test_fields_on_lines_of_their_own() -> None:
    found = _read(BLOCKS)
    assert [(a.task, _owners(a), _due(a), a.doubtful) for a in found] == [
        ("Boka lokal för länsdagen", {"Hanna Lindqvist"}, date(2027, 4, 15), False),
        (
            "Skicka ut enkäten till kommunerna",
            {"Ola Wikström", "Tove Ek"},
            date(2027, 3, 25),  # the Thursday: the Friday of week 12 is långfredag
            False,
        ),
        ("Ta fram en tidplan", set(), date(2027, 4, 20), True),
    ]


def test_fields_are_not_also_taken_as_action_lines() -> None:
    """Under an "Åtgärder" heading each field line would otherwise be an item of its own."""
    assert extract_action_lines(BLOCKS) == []


@pytest.mark.parametrize(
    "line",
    [
        "- Owner: Hanna | Task: boka lokal för länsdagen | Due: 15/4",
        "Uppgift: Boka lokal för länsdagen. Ansvarig: Hanna. Klart: 15 april.",
        "Boka lokal för länsdagen – Ansvarig: Hanna, klart: 2027-04-15",
        "Åtgärd: Boka lokal för länsdagen; Ansvarig: Hanna; Senast: 15/4",
        "ANSVAR: Hanna – boka lokal för länsdagen, senast 15 april.",
    ],
)
def test_fields_on_one_line(line: str) -> None:
    [action] = _read(f"3. Länsdagen\nGreta informerade om länsdagen.\n{line}\n")
    assert _owners(action) == {"Hanna Lindqvist"}
    assert action.task.casefold() == "boka lokal för länsdagen"
    assert _due(action) == date(2027, 4, 15)


def test_a_responsible_line_after_its_task_keeps_its_deadline() -> None:
    minutes = "Ta fram en checklista för hemgång.\nANSVAR: Ola och Tove. KLART: 15/4\n"
    [action] = _read(minutes)
    assert _owners(action) == {"Ola Wikström", "Tove Ek"}
    assert "checklista" in action.task
    assert _due(action) == date(2027, 4, 15)


def test_a_field_alone_makes_no_record() -> None:
    """A responsible after a name and an organisation ("Ansvarig: Bo – Region X") is no task,
    and a single "Vad:" without anyone is no item."""
    assert _read("Vad: Länsdagen i maj\nTid: 13.00\n") == []


@pytest.mark.parametrize(
    "line",
    [
        "Att göra: Hanna bokar lokal för länsdagen senast 15/4.",
        "To do: Hanna bokar lokal för länsdagen senast 15/4.",
        "TODO: Hanna bokar lokal för länsdagen senast 15/4.",
        "Action points: Hanna bokar lokal för länsdagen senast 15/4.",
    ],
)
def test_other_words_that_mark_an_action(line: str) -> None:
    assert extract_action_lines(f"4. Länsdagen\n{line}\n") == [
        "Hanna bokar lokal för länsdagen senast 15/4."
    ]


@pytest.mark.parametrize("label", ["Uppföljning", "Uppdrag"])
def test_a_label_before_a_sentence_that_holds_an_action(label: str) -> None:
    """Not marks of their own (a follow-up may be a status note), but no owner either: the
    sentence after them is read as any other."""
    [action] = _read(f"{label}: Hanna bokar lokal för länsdagen senast 15/4.\n")
    assert _owners(action) == {"Hanna Lindqvist"} and _due(action) == date(2027, 4, 15)
    assert _read(f"{label}: Förra mötets anteckningar godkändes.\n") == []


def test_an_owner_before_the_arrow() -> None:
    """ "Hanna → bokar lokal, v 12": the arrow may also point from the owner to the task."""
    [action] = _read("- Hanna → bokar lokal för länsdagen, 15/4\n")
    assert _owners(action) == {"Hanna Lindqvist"}
    assert action.task.casefold().endswith("lokal för länsdagen")
    assert _due(action) == date(2027, 4, 15)


@pytest.mark.parametrize("word", ["Yıldız", "Nguyễn", "Al-Sayed", "O'Neil", "McDonald", "Åström"])
def test_a_name_in_any_alphabet_is_written_as_a_name(word: str) -> None:
    assert is_capitalised_word(word)


@pytest.mark.parametrize("word", ["IT", "HR", "eva", "13", "Eva2"])
def test_capitals_small_letters_and_digits_are_no_name(word: str) -> None:
    assert not is_capitalised_word(word)


def test_initials_in_an_owner_slot() -> None:
    """ "(ansv. HL)", "Ansvarig: GH, TE": initials of members where an owner is expected.
    Elsewhere ("HR", "IT") they stay words."""
    minutes = (
        "- Boka lokal för länsdagen, klart 15/4 (ansv. HL)\n"
        "- Skicka ut enkäten (ansv: GH, TE)\n"
        "HR informerade om rekryteringen.\n"
    )
    found = _read(minutes)
    assert [(_owners(a), _due(a)) for a in found] == [
        ({"Hanna Lindqvist"}, date(2027, 4, 15)),
        ({"Greta Holm", "Tove Ek"}, None),
    ]


def test_initials_shared_by_two_members_are_asked_about() -> None:
    [action] = _read("Boka lokal för länsdagen. Ansvarig: IS\n")
    assert _owners(action) == {"?Ida Sandberg|Ida Sörensen"}


def test_a_responsible_without_a_colon() -> None:
    [action] = _read("Boka lokal för länsdagen. Ansvarig Hanna, klart v 15.\n")
    assert _owners(action) == {"Hanna Lindqvist"} and _due(action) == date(2027, 4, 16)


@pytest.mark.parametrize(
    ("sentence", "owners"),
    [
        ("Frågan om tolkkostnader tas vidare av Ola.", {"Ola Wikström"}),
        ("Svaret sammanställs av kansliet, senast 15/4.", {"organisation:kansliet"}),
        ("Remissen bereds av Hanna och Tove till nästa möte.", {"Hanna Lindqvist", "Tove Ek"}),
    ],
)
def test_a_task_in_the_passive_with_its_doer(sentence: str, owners: set[str]) -> None:
    [action] = _read(sentence + "\n")
    assert _owners(action) == owners


@pytest.mark.parametrize(
    "sentence",
    [
        "Rapporten presenterades av Ola.",  # done at the meeting
        "Frågan togs upp av Hanna.",
        "Mötet hölls av regionen.",
    ],
)
def test_what_was_done_in_the_passive_is_a_report(sentence: str) -> None:
    assert _read(sentence + "\n") == []


def test_all_members_as_owners() -> None:
    [action] = _read("Samtliga ledamöter förankrar förslaget i sina organisationer till v. 15.\n")
    assert _owners(action) == {"alla"}


def test_a_pipe_table_under_an_action_heading() -> None:
    minutes = (
        "Åtgärdslista\nÅtgärd | Ansvarig | Klart\nBoka lokal | Hanna | 15/4\n"
        "Skicka ut enkäten | Ola | v. 15\n\nNästa möte: 20 april kl 13, Teams.\n"
    )
    lines = extract_action_lines(minutes)
    assert lines == []
    assert [(a.task, _owners(a)) for a in _read(minutes, skip=lines)] == [
        ("Boka lokal", {"Hanna Lindqvist"}),
        ("Skicka ut enkäten", {"Ola Wikström"}),
    ]


def test_a_marker_with_a_dash() -> None:
    assert extract_action_lines("Åtgärd – Hanna: boka lokal för länsdagen senast 15/4.\n") == [
        "Hanna: boka lokal för länsdagen senast 15/4."
    ]


@pytest.mark.parametrize(
    ("sentence", "owners"),
    [
        ("Uppdrag till kansliet att boka lokal för länsdagen.", {"organisation:kansliet"}),
        ("Kommunerna ombeds att senast 15/4 lämna synpunkter.", {"organisation:kommunerna"}),
        ("- Ola o Tove bokar lokal för länsdagen v. 15", {"Ola Wikström", "Tove Ek"}),
    ],
)
def test_more_ways_to_give_a_task(sentence: str, owners: set[str]) -> None:
    [action] = _read(sentence + "\n")
    assert _owners(action) == owners


def test_before_the_summer_is_in_the_spring() -> None:
    [action] = _read("Hanna bokar lokal för länsdagen innan sommaren.\n")
    assert _due(action) == date(2027, 6, 30)


def test_a_checklist_with_mentions() -> None:
    minutes = (
        "Actions\n- [x] Dela bilderna (Ola) – klart\n"
        "- [ ] Uppdatera guiden för länsdagen — @Hanna — by 15/4\n"
        "- [ ] Boka lokal — @Ola + @Tove — v. 15\n"
    )
    found = _read(minutes)
    assert [(a.task, _owners(a), _due(a)) for a in found] == [
        ("Uppdatera guiden för länsdagen", {"Hanna Lindqvist"}, date(2027, 4, 15)),
        ("Boka lokal", {"Ola Wikström", "Tove Ek"}, date(2027, 4, 16)),
    ]


def test_a_passive_with_its_doer_in_parentheses() -> None:
    [action] = _read("1) Rutinen för länsdagen revideras (Hanna) – senast 15/4.\n")
    assert _owners(action) == {"Hanna Lindqvist"} and _due(action) == date(2027, 4, 15)
    assert "revideras" in action.task


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Ola sammanställer enkäten under HT", date(2027, 12, 31)),
        ("Ola sammanställer enkäten, redovisas VT 2028", date(2028, 6, 30)),
        ("Ola sammanställer enkäten till nästa avst", date(2027, 4, 20)),
    ],
)
def test_terms_and_short_words_for_the_next_meeting(text: str, day: date) -> None:
    [action] = _read(text + "\n")
    assert _due(action) == day


def test_an_action_list_ends_where_the_coming_meetings_begin() -> None:
    minutes = "Åtgärder\nHanna bokar lokal.\nOla skickar ut enkäten.\nNästa möte\n20 april, Teams"
    assert extract_action_lines(minutes) == ["Hanna bokar lokal.", "Ola skickar ut enkäten."]


def test_a_body_in_parentheses_after_a_passive_is_no_owner() -> None:
    assert _read("En önskan uttrycks om att påverka Läkemedelsverket (LV) i frågan.\n") == []


def test_an_action_list_with_square_bullets() -> None:
    assert extract_action_lines("Åtgärder\n▪ Hanna bokar lokal.\n▪ Ola skickar ut enkäten.\n") == [
        "Hanna bokar lokal.",
        "Ola skickar ut enkäten.",
    ]


def test_a_register_lined_up_with_spaces_and_its_status_column() -> None:
    """Only what is still open is an action; a long cell may run up to the next column."""
    minutes = (
        "Nr  Åtgärd                          Ansvarig   Klart senast  Status\n"
        "12  Boka lokal för länsdagen        Hanna      15/4          Klar\n"
        "13  Skicka ut enkäten till kommunerna Ola      Q2 2027       Pågår\n"
        "14  Ta fram en tidplan              Tove       v. 15         Ny\n"
    )
    found = _read(minutes)
    assert [(a.task, _owners(a), _due(a)) for a in found] == [
        ("Skicka ut enkäten till kommunerna", {"Ola Wikström"}, date(2027, 6, 30)),
        ("Ta fram en tidplan", {"Tove Ek"}, date(2027, 4, 16)),
    ]


def test_a_deadline_in_a_quarter_and_at_the_next_meeting() -> None:
    assert _due(_read("Ola tar fram en rapport senast Q3.\n")[0]) == date(2027, 9, 30)
    assert _due(_read("Ola tar fram en rapport i samband med nästa möte.\n")[0]) == date(
        2027, 4, 20
    )


def test_an_attendance_mark_before_a_name() -> None:
    people = read_participants(["Ledamöter", "x  Karin Ek        Ljusdals kommun"]).people
    assert [(p.name, p.organisation) for p in people] == [("Karin Ek", "Ljusdals kommun")]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Ola åtar sig att sammanställa statistiken efter nyår.", date(2028, 1, 31)),
        ("Hanna tittar på mallen till månadsskiftet.", date(2027, 3, 31)),
    ],
)
def test_commitments_and_month_words(sentence: str, day: date) -> None:
    [action] = _read(sentence + "\n")
    assert _owners(action) and _due(action) == day
