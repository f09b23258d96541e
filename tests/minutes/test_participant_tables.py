"""Participant lists written as tables with a row of column names: separated by tabs, by
pipes (with or without the outer ones) or by semicolons, the columns in any order, the role
or the organisation before the name. The column a cell stands in says what it is. Also the
short forms of roles ("ordf.", "v. ordf", "sekr.", "adj.") and the headings of absence
("Ej närvarande", "Anmäld frånvaro"). Written before the reader was changed; the people and
places are made up for these tests."""

from __future__ import annotations

import pytest

from dialogs.minutes.participants import Participant, read_participants
from dialogs.minutes.people_drafts import listed_people
from store.models import Role

C, V, S, M, A, G, SUB = (
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.SECRETARY,
    Role.MEMBER,
    Role.COOPTED,
    Role.GUEST,
    Role.SUBSTITUTE,
)


def _people(text: str) -> list[tuple[str, tuple[Role, ...], str | None, bool]]:
    reading = read_participants(text.split("\n"))
    return [(p.name, p.roles, p.organisation, p.absent) for p in listed_people(reading)]


SEMICOLONS = """Deltagare
Namn;Funktion;Organisation;Närvaro
Tove Lindberg;ordförande;Region Gotland;närvarande
Elias Nordin;ledamot;Gotlands kommun;förhinder
Saga Ek;sekreterare;Region Gotland;ja
Ove Strand;gäst;Länsstyrelsen Gotland;"""

PIPES_ROLE_FIRST = """Närvarande
Roll | Namn | Organisation
Ordf. | Nils Holm | Region Jämtland Härjedalen
Sekr. | Lova Berg | Östersunds kommun
Ledamot | Ali Khan | Krokoms kommun

Ej närvarande
Ledamot | Maria Sundin | Bergs kommun"""

TABS_ORGANISATION_FIRST = """Organisation\tNamn\tRoll
Region Kronoberg\tIda Wall\tvice ordförande
Växjö kommun\tOla Ring\t
Alvesta kommun\tPia Sten\tersättare"""

OUTER_PIPES_WITH_ATTENDANCE = """| Namn | Organisation | Roll | Närvaro |
|---|---|---|---|
| Lisa Berg | Region Blekinge | ordf | X |
| Omar Said | Karlskrona kommun | | via Teams |
| Jon Ahl | Ronneby kommun | ledamot | frånvarande |"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SEMICOLONS,
            [
                ("Tove Lindberg", (C,), "Region Gotland", False),
                ("Elias Nordin", (M,), "Gotlands kommun", True),
                ("Saga Ek", (S,), "Region Gotland", False),
                ("Ove Strand", (G,), "Länsstyrelsen Gotland", False),
            ],
        ),
        (
            PIPES_ROLE_FIRST,
            [
                ("Nils Holm", (C,), "Region Jämtland Härjedalen", False),
                ("Lova Berg", (S,), "Östersunds kommun", False),
                ("Ali Khan", (M,), "Krokoms kommun", False),
                ("Maria Sundin", (M,), "Bergs kommun", True),
            ],
        ),
        (
            TABS_ORGANISATION_FIRST,
            [
                ("Ida Wall", (V,), "Region Kronoberg", False),
                ("Ola Ring", (M,), "Växjö kommun", False),
                ("Pia Sten", (SUB,), "Alvesta kommun", False),
            ],
        ),
        (
            OUTER_PIPES_WITH_ATTENDANCE,
            [
                ("Lisa Berg", (C,), "Region Blekinge", False),
                ("Omar Said", (M,), "Karlskrona kommun", False),
                ("Jon Ahl", (M,), "Ronneby kommun", True),
            ],
        ),
    ],
    ids=["semicolons", "pipes-role-first", "tabs-organisation-first", "outer-pipes"],
)
def test_a_table_is_read_by_its_column_names(text: str, expected: list[object]) -> None:
    assert _people(text) == expected


def test_an_attendance_note_is_kept_and_a_mark_of_presence_is_not() -> None:
    reading = read_participants(OUTER_PIPES_WITH_ATTENDANCE.split("\n"))
    notes = {p.name: p.note for p in reading.people}
    assert notes == {"Lisa Berg": None, "Omar Said": "via Teams", "Jon Ahl": None}


def test_a_table_row_that_names_nobody_is_no_person() -> None:
    """A group row inside the table ("Kommunerna") is not a person, nor is the header."""
    text = "Namn;Organisation\nKommunerna;\nBo Lind;Vimmerby kommun\nRoll;Namn"
    reading = read_participants(text.split("\n"))
    assert [p.name for p in reading.people] == ["Bo Lind"]


@pytest.mark.parametrize(
    ("line", "roles"),
    [
        ("Nils Holm, v. ordf", (V,)),
        ("Nils Holm, v ordf.", (V,)),
        ("Lova Berg (sekr)", (S,)),
        ("Lova Berg, sekr.", (S,)),
        ("Ali Khan, adj.", (A,)),
        ("Eva Rask, mötesordförande", (C,)),
        ("Ulf Ek (sammankallande)", (C,)),
    ],
)
def test_short_forms_of_roles(line: str, roles: tuple[Role, ...]) -> None:
    [person] = read_participants([line]).people
    assert person.roles == roles


@pytest.mark.parametrize(
    "heading", ["Ej närvarande", "Inte närvarande:", "Anmäld frånvaro", "Anmält frånvaro:"]
)
def test_headings_of_absence(heading: str) -> None:
    people: list[Participant] = list(
        read_participants(["Närvarande", "Anna Ek", heading, "Bo Ek"]).people
    )
    assert [(p.name, p.absent) for p in people] == [("Anna Ek", False), ("Bo Ek", True)]


@pytest.mark.parametrize(
    ("line", "roles", "note"),
    [
        ("Kim Ek – Region Gävleborg (ersättare för Stig Holm)", (SUB,), "ersättare för Stig Holm"),
        ("Kim Ek, Ljusdals kommun (projektledare / sekreterare)", (S,), "projektledare"),
        ("Kim Ek (minutes / secretary)", (S,), "minutes"),
    ],
)
def test_a_role_written_with_words_of_its_own(
    line: str, roles: tuple[Role, ...], note: str
) -> None:
    [person] = read_participants([line]).people
    assert (person.roles, person.note) == (roles, note)


def test_a_later_mention_under_a_plain_heading_adds_no_role() -> None:
    """Named again under "Övriga" or signing at the end, a member stays a member, and the
    secretary stays secretary only."""
    text = [
        "Närvarande",
        "Lars Holm",
        "Övriga",
        "Stina Dahl, utredare, sekr.",
        "Justerare: Lars Holm",
        "Vid protokollet",
        "Stina Dahl",
    ]
    people = {p.name: p.roles for p in read_participants(text).people}
    assert people == {"Lars Holm": (M,), "Stina Dahl": (S,)}


def test_others_after_a_label_are_guests_and_their_organisations_no_people() -> None:
    text = ["Närvarande: Lars Holm", "Övriga: Stina Dahl, Tolkförmedling Väst; Bo Ask, Polisen"]
    reading = read_participants(text)
    assert [(p.name, p.roles, p.organisation) for p in reading.people] == [
        ("Lars Holm", (M,), None),
        ("Stina Dahl", (G,), "Tolkförmedling Väst"),
        ("Bo Ask", (G,), "Polisen"),
    ]


@pytest.mark.parametrize(
    "title",
    ["Samordningsråd Äldre – Region Norrbotten", "Vårdsamverkan Sörmland", "Styrgrupp Nära Vård"],
)
def test_a_council_named_in_a_title_is_no_person(title: str) -> None:
    assert read_participants([title, "Närvarande", "Lars Holm"]).people[0].name == "Lars Holm"


@pytest.mark.parametrize(
    ("line", "name", "roles"),
    [
        ("Ordf. Karin Ek, Region Gävleborg", "Karin Ek", (C,)),
        ("Sekreterare Bo Lind", "Bo Lind", (S,)),
        ("Karin Ek (Region Gävleborg) – ordförande", "Karin Ek", (C,)),
        ("Karin Ek – socialchef, Bollnäs kommun (mötesledare)", "Karin Ek", (C,)),
    ],
)
def test_a_role_before_the_name_or_after_a_dash(
    line: str, name: str, roles: tuple[Role, ...]
) -> None:
    [person] = read_participants([line]).people
    assert (person.name, person.roles) == (name, roles)


def test_two_labels_on_one_line() -> None:
    reading = read_participants(["Närv: Karin Ek, Bo Lind. Frånv: Ulla Berg, Per"])
    assert [(p.name, p.absent) for p in reading.people] == [
        ("Karin Ek", False),
        ("Bo Lind", False),
        ("Ulla Berg", True),
        ("Per", True),
    ]


def test_people_grouped_by_organisation() -> None:
    text = [
        "Närvarande",
        "Ljusdals kommun: Karin Ek (ordförande), Bo Lind",
        "Region Gävleborg: Ulla Berg (sekreterare)",
        "Plats:      Stadshuset Ljusdal, sal 2",
    ]
    people = read_participants(text).people
    assert [(p.name, p.roles, p.organisation) for p in people] == [
        ("Karin Ek", (C,), "Ljusdals kommun"),
        ("Bo Lind", (M,), "Ljusdals kommun"),
        ("Ulla Berg", (S,), "Region Gävleborg"),
    ]


def test_lower_case_labels_and_first_names_with_a_role() -> None:
    reading = read_participants(["med: Jonna, Ali H, Britt-Marie (sekr), Kalle. borta: Sanna"])
    assert [(p.name, p.roles, p.absent) for p in reading.people] == [
        ("Jonna", (M,), False),
        ("Ali H", (M,), False),
        ("Britt-Marie", (S,), False),
        ("Kalle", (M,), False),
        ("Sanna", (M,), True),
    ]


@pytest.mark.parametrize(
    ("line", "roles", "organisation"),
    [
        ("Vice ordförande: Ville Ek, Tiohundra", (V,), "Tiohundra"),
        ("Lars Holm – Ljusdals kommun – ordf.", (C,), "Ljusdals kommun"),
        ("Emma Ek (Huddinge kommun, chair)", (C,), "Huddinge kommun"),
        (
            "Jesper Ek, Region Skåne, processledare Nära vård",
            (Role.PROCESS_LEADER,),
            "Region Skåne",
        ),
    ],
)
def test_more_ways_to_write_a_role_and_an_organisation(
    line: str, roles: tuple[Role, ...], organisation: str
) -> None:
    [person] = read_participants([line]).people
    assert (person.roles, person.organisation) == (roles, organisation)


def test_a_list_in_a_sentence_with_samt_and_a_full_stop() -> None:
    text = ["Närvarande: Karin Ek (Ljusdals kommun) samt adjungerad Bo Lind (Polisen)."]
    assert [(p.name, p.roles) for p in read_participants(text).people] == [
        ("Karin Ek", (M,)),
        ("Bo Lind", (A,)),
    ]


def test_who_was_there_said_in_sentences() -> None:
    text = [
        "Vid mötet deltog Karin Ek (ordförande) och Bo Lind från Ljusdals kommun, Ulla Berg,"
        " arbetsterapeut, och Per Holm från Region Gävleborg. Sekreterare var Siv Ny, Region"
        " Gävleborg. Anmält förhinder hade Ola Sten."
    ]
    people = read_participants(text).people
    assert [(p.name, p.roles, p.absent) for p in people] == [
        ("Karin Ek", (C,), False),
        ("Bo Lind", (M,), False),
        ("Ulla Berg", (M,), False),
        ("Per Holm", (M,), False),
        ("Siv Ny", (S,), False),
        ("Ola Sten", (M,), True),
    ]


def test_word_and_onenote_bullets_and_dotted_leaders() -> None:
    text = [
        "Närvarande",
        "\t▪ Karin Ek, ordförande",
        "\t○ Bo Lind, Ljusdals kommun",
        "Lena Berg (sekr.) ............ Region Gävleborg, kansliet",
    ]
    people = read_participants(text).people
    assert [(p.name, p.roles) for p in people] == [
        ("Karin Ek", (C,)),
        ("Bo Lind", (M,)),
        ("Lena Berg", (S,)),
    ]
    assert people[2].organisation == "Region Gävleborg"
