"""Participant lists as councils write them (issue 13, point 1), read by
``dialogs.minutes.participants.read_participants``. Each case: the pasted lines, the people
expected (written before the reader was), the headings seen and how many lines were not
understood. A heading, an organisation or a place is never a person."""

from __future__ import annotations

import pytest

from dialogs.minutes.participants import read_participants
from dialogs.people.roles import ranked
from store.models import Role

C, V, S, K, M, A, G = (
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.SECRETARY,
    Role.COORDINATOR,
    Role.MEMBER,
    Role.COOPTED,
    Role.GUEST,
)


def P(name, *roles, org=None, title=None, note=None, absent=False, email=None):  # noqa: N802
    return (name, tuple(roles) or (M,), org, title, note, absent, email)


# (id, text, people, headings, not understood)
CASES = [
    ("comma-role", "Carin Skoog, *sekreterare*", [P("Carin Skoog", S)], [], 0),
    ("plain-name", "Lars Gelander", [P("Lars Gelander")], [], 0),
    (
        "comma-note",
        "Jenny Linder, *deltar på punkt 2*",
        [P("Jenny Linder", note="deltar på punkt 2")],
        [],
        0,
    ),
    (
        "deltagare-heading",
        "Deltagare\nAnna Ek\nBo Ek",
        [P("Anna Ek"), P("Bo Ek")],
        ["Deltagare"],
        0,
    ),
    (
        "ovriga-guests",
        "Övriga deltagare\nAnne Wennberg",
        [P("Anne Wennberg", G)],
        ["Övriga deltagare"],
        0,
    ),
    (
        "tab-title-org-role",
        "Eva Lind\tEnhetschef, Borås Stad, ordförande",
        [P("Eva Lind", C, org="Borås Stad", title="Enhetschef")],
        [],
        0,
    ),
    (
        "tab-org-only",
        "Per Ek\tRegion Västra Götaland",
        [P("Per Ek", org="Region Västra Götaland")],
        [],
        0,
    ),
    (
        "tab-title-org",
        "Siv Ny\tverksamhetschef, Närhälsan Mölndal",
        [P("Siv Ny", org="Närhälsan Mölndal", title="verksamhetschef")],
        [],
        0,
    ),
    ("dash-org", "Eva Lind – Borås Stad", [P("Eva Lind", org="Borås Stad")], [], 0),
    (
        "hyphen-dash-org",
        "Per Ek - Västra Götalandsregionen",
        [P("Per Ek", org="Västra Götalandsregionen")],
        [],
        0,
    ),
    ("paren-org", "Per Ek (Alingsås kommun)", [P("Per Ek", org="Alingsås kommun")], [], 0),
    ("paren-role", "Per Ek (ordförande)", [P("Per Ek", C)], [], 0),
    ("comma-org", "Eva Lind, Borås Stad", [P("Eva Lind", org="Borås Stad")], [], 0),
    ("comma-place", "Eva Lind, Borås", [P("Eva Lind", org="Borås")], [], 0),
    (
        "two-columns-tab",
        "Eva Lind, Borås\tPer Ek (ordförande)",
        [P("Eva Lind", org="Borås"), P("Per Ek", C)],
        [],
        0,
    ),
    ("two-columns-spaces", "Anna Berg      Olle Holm", [P("Anna Berg"), P("Olle Holm")], [], 0),
    (
        "group-headings-two-columns",
        "Sjuhärad\tKommunerna\nEva Lind\tPer Ek\nSiv Ny\tBo Ek",
        [P("Eva Lind"), P("Per Ek"), P("Siv Ny"), P("Bo Ek")],
        ["Sjuhärad", "Kommunerna"],
        0,
    ),
    (
        "place-heading-line",
        "Fyrbodal\nAnna Berg\nOlle Holm",
        [P("Anna Berg"), P("Olle Holm")],
        ["Fyrbodal"],
        0,
    ),
    (
        "org-heading-line",
        "Borås Stad\nEva Lind\nSiv Ny",
        [P("Eva Lind"), P("Siv Ny")],
        ["Borås Stad"],
        0,
    ),
    (
        "org-heading-indented",
        "Södra Älvsborgs sjukhus\n    Karin Åberg\n    Nils Berg",
        [P("Karin Åberg"), P("Nils Berg")],
        ["Södra Älvsborgs sjukhus"],
        0,
    ),
    ("trailing-role-word", "Per Ek ordförande", [P("Per Ek", C)], [], 0),
    ("trailing-ersattare", "Siv Ny ersättare", [P("Siv Ny", Role.SUBSTITUTE)], [], 0),
    ("processledare", "Mia Holm, processledare", [P("Mia Holm", Role.PROCESS_LEADER)], [], 0),
    ("vice-ordforande", "Bo Ek, vice ordförande", [P("Bo Ek", V)], [], 0),
    ("combined-roles", "Karin Berg, ordförande och sekreterare", [P("Karin Berg", C, S)], [], 0),
    ("combined-paren", "Karin Berg (ordförande och sekreterare)", [P("Karin Berg", C, S)], [], 0),
    (
        "koordinator-adjungerad",
        "Lisa Bo, koordinator\nUlla Ek, adjungerad",
        [P("Lisa Bo", K), P("Ulla Ek", A)],
        [],
        0,
    ),
    (
        "franvarande-absent",
        "Närvarande\nAnna Ek\nFrånvarande\nBo Ek",
        [P("Anna Ek"), P("Bo Ek", absent=True)],
        ["Närvarande", "Frånvarande"],
        0,
    ),
    (
        "anmalt-forhinder",
        "Anmält förhinder:\nBo Ek\nCia Ek",
        [P("Bo Ek", absent=True), P("Cia Ek", absent=True)],
        ["Anmält förhinder"],
        0,
    ),
    (
        "kallade-guests",
        "Kallade\nPer Ek\nInbjudna\nEva Lind\nFöredragande\nSiv Ny",
        [P("Per Ek", G), P("Eva Lind", G), P("Siv Ny", G)],
        ["Kallade", "Inbjudna", "Föredragande"],
        0,
    ),
    (
        "gaster-adjungerade",
        "Gäster\nOla Berg\nAdjungerade\nAnn Dahl",
        [P("Ola Berg", G), P("Ann Dahl", A)],
        ["Gäster", "Adjungerade"],
        0,
    ),
    ("sekreterare-heading", "Sekreterare\nCarin Skoog", [P("Carin Skoog", S)], ["Sekreterare"], 0),
    (
        "ledamoter-ersattare",
        "Ledamöter\nAnna Ek\nErsättare\nBo Ek",
        [P("Anna Ek"), P("Bo Ek", Role.SUBSTITUTE)],
        ["Ledamöter", "Ersättare"],
        0,
    ),
    ("administration", "Administration\nLena Ström", [P("Lena Ström", A)], ["Administration"], 0),
    ("mark-x", "Anna Ek\tX\nBo Ek\t", [P("Anna Ek", note="X"), P("Bo Ek")], [], 0),
    (
        "teams-note",
        "Ny Ledamot, koordinator, deltar via Teams",
        [P("Ny Ledamot", K, note="deltar via Teams")],
        [],
        0,
    ),
    ("particle-van", "Lotte van Agthoven, ledamot", [P("Lotte van Agthoven")], [], 0),
    (
        "particle-af",
        "Johan af Klercker (Borås Stad)",
        [P("Johan af Klercker", org="Borås Stad")],
        [],
        0,
    ),
    ("hyphen-name", "Anna-Karin Lind-Berg", [P("Anna-Karin Lind-Berg")], [], 0),
    ("initial", "Karin B., sekreterare", [P("Karin B.", S)], [], 0),
    ("title-dr", "Dr. Eva Lind, ordförande", [P("Eva Lind", C, title="Dr.")], [], 0),
    (
        "title-leg-psykolog",
        "Per Ek, leg. psykolog, Närhälsan",
        [P("Per Ek", org="Närhälsan", title="leg. psykolog")],
        [],
        0,
    ),
    (
        "email-comma",
        "Anna Ek, <anna.ek@vgregion.se>",
        [P("Anna Ek", email="anna.ek@vgregion.se")],
        [],
        0,
    ),
    (
        "email-tab",
        "Bo Ek\tRegion Halland\tbo.ek@regionhalland.se",
        [P("Bo Ek", org="Region Halland", email="bo.ek@regionhalland.se")],
        [],
        0,
    ),
    (
        "email-paren",
        "Dan Ek (dan.ek@vgregion.se), koordinator",
        [P("Dan Ek", K, email="dan.ek@vgregion.se")],
        [],
        0,
    ),
    (
        "pipe-table",
        "| Namn | Organisation | Roll |\n|---|---|---|\n| Eva Lind | Borås Stad | ordförande |\n| Per Ek | Region Halland | ledamot |",
        [P("Eva Lind", C, org="Borås Stad"), P("Per Ek", org="Region Halland")],
        ["Namn", "Organisation", "Roll"],
        0,
    ),
    ("not-a-name", "Lars Gelander\n12345 inte ett namn", [P("Lars Gelander")], [], 1),
    (
        "org-alone-not-person",
        "Eva Lind\nNärvårdskontoret",
        [P("Eva Lind")],
        ["Närvårdskontoret"],
        0,
    ),
    (
        "vardcentral-line",
        "Vårdcentralen Lunden\nAnna Berg",
        [P("Anna Berg")],
        ["Vårdcentralen Lunden"],
        0,
    ),
    ("rad-heading", "Barnrådet\nAnna Berg, ordförande", [P("Anna Berg", C)], ["Barnrådet"], 0),
    ("bullets", "• Anna Ek\n- Bo Ek, sekreterare", [P("Anna Ek"), P("Bo Ek", S)], [], 0),
    ("markdown-heading", "**Deltagare:**\nAnna Ek", [P("Anna Ek")], ["Deltagare"], 0),
    ("sentence-not-person", "Mötet öppnades av ordföranden som hälsade alla välkomna.", [], [], 1),
    ("three-columns", "Anna Ek\tBo Ek\tCia Ek", [P("Anna Ek"), P("Bo Ek"), P("Cia Ek")], [], 0),
    (
        "dash-org-and-role",
        "Eva Lind – Borås Stad, ordförande",
        [P("Eva Lind", C, org="Borås Stad")],
        [],
        0,
    ),
    (
        "inline-section",
        "Närvarande: Anna Ek, Bo Ek\nFrånvarande: Cia Ek",
        [P("Anna Ek"), P("Bo Ek"), P("Cia Ek", absent=True)],
        ["Närvarande", "Frånvarande"],
        0,
    ),
    (
        "inline-section-roles-och",
        "Deltagare: Anna Ek (ordförande), Bo Ek och Cia Ek",
        [P("Anna Ek", C), P("Bo Ek"), P("Cia Ek")],
        ["Deltagare"],
        0,
    ),
    (
        "role-label",
        "Ordförande: Per Ek\nSekreterare: Carin Skoog\nAnna Ek",
        [P("Per Ek", C), P("Carin Skoog", S), P("Anna Ek")],
        [],
        0,
    ),
    (
        "two-section-columns",
        "Närvarande\tFrånvarande\nIda Holm, ordförande\tOlof Strand\nTuva Nyberg\tMira Lax\n"
        "Björn Ås, sekreterare",
        [
            P("Ida Holm", C),
            P("Olof Strand", absent=True),
            P("Tuva Nyberg"),
            P("Mira Lax", absent=True),
            P("Björn Ås", S),
        ],
        ["Närvarande", "Frånvarande"],
        0,
    ),
    (
        "two-section-columns-then-one-heading",
        "Deltagare\tAnmält förhinder\nGreta Wiik\tNils Berglund\nGäster\nRut Sandell",
        [P("Greta Wiik"), P("Nils Berglund", absent=True), P("Rut Sandell", G)],
        ["Deltagare", "Anmält förhinder", "Gäster"],
        0,
    ),
    (
        "named-again-when-signing",
        "Närvarande\nHelmer Vik, ordförande\nSiri Dahl, sekreterare\n\nJusteras\nHelmer Vik\tSiri Dahl",
        [P("Helmer Vik", C), P("Siri Dahl", S)],
        ["Närvarande", "Justeras"],
        0,
    ),
    (
        "second-mention-adds-a-role",
        "Ledamöter\nAlva Rask\nSekreterare\nAlva Rask, Kommunförbundet",
        [P("Alva Rask", S, org="Kommunförbundet")],
        ["Ledamöter", "Sekreterare"],
        0,
    ),
    (
        "labelled-first-names",
        "Närv: Linnea, Otto B, Greger och Stina K",
        [P("Linnea"), P("Otto B"), P("Greger"), P("Stina K")],
        ["Närv"],
        0,
    ),
    (
        "labelled-absent",
        "Närvarande: Hugo Falk, Irma Kvist\nFörhinder: Jens Rapp",
        [P("Hugo Falk"), P("Irma Kvist"), P("Jens Rapp", absent=True)],
        ["Närvarande", "Förhinder"],
        0,
    ),
    (
        "english-regrets",
        "Attendees: Tom Hill, Ann Moss\nRegrets: Liv Borg",
        [P("Tom Hill"), P("Ann Moss"), P("Liv Borg", absent=True)],
        ["Attendees", "Regrets"],
        0,
    ),
    (
        "capital-title-line",
        "STYRGRUPP NÄRA VÅRD ÖSTRA\nDeltagare\nRoger Ahl",
        [P("Roger Ahl")],
        ["STYRGRUPP NÄRA VÅRD ÖSTRA", "Deltagare"],
        0,
    ),
    (
        "substitute-section",
        "Ledamöter\nVera Lund\nErsättare\nAxel Wik\nTjänstgörande ersättare\nEbba Holm",
        [P("Vera Lund"), P("Axel Wik", Role.SUBSTITUTE), P("Ebba Holm", Role.SUBSTITUTE)],
        ["Ledamöter", "Ersättare", "Tjänstgörande ersättare"],
        0,
    ),
]


def _shape(person):
    return (
        person.name,
        person.roles,
        person.organisation,
        person.title,
        person.note,
        person.absent,
        person.email,
    )


@pytest.mark.parametrize(
    ("text", "people", "headings", "unread"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_participant_shapes(text, people, headings, unread) -> None:
    """Each shape of the issue reads to the people written down before the reader existed."""
    reading = read_participants(text.split("\n"))
    assert [_shape(p) for p in reading.people] == people
    assert [h.text for h in reading.headings] == headings
    assert len(reading.not_understood) == unread, reading.not_understood


def test_source_lines_are_kept() -> None:
    """Every person says which line of the paste they were read from (1-based)."""
    reading = read_participants(["Deltagare", "Anna Ek\tBo Ek", "", "Cia Ek"])
    assert [(p.name, p.line) for p in reading.people] == [
        ("Anna Ek", 2),
        ("Bo Ek", 2),
        ("Cia Ek", 4),
    ]


def test_nothing_is_dropped_silently() -> None:
    """Every non-blank line is a person's, a heading, or listed as not understood, with why."""
    text = ["Deltagare", "Anna Ek", "!!!", "Region Halland", "Bo Ek", "Kl 9.00 – 12.00 i sal 3"]
    reading = read_participants(text)
    used = {p.line for p in reading.people} | {h.line for h in reading.headings}
    used |= {u.line for u in reading.not_understood}
    assert used == {1, 2, 3, 4, 5, 6}
    assert all(u.why for u in reading.not_understood)


@pytest.mark.parametrize(
    ("line", "roles"),
    [
        ("Per Ek, ordförande och sekreterare", (Role.CHAIR, Role.SECRETARY)),
        # an officer's role is the primary one, so that permissions read one column
        ("Siv Ny, vice ordförande och sekreterare", (Role.SECRETARY, Role.VICE_CHAIR)),
        ("Bo Ek (koordinator/processledare)", (Role.COORDINATOR, Role.PROCESS_LEADER)),
        ("Ann Ek, ersättare", (Role.SUBSTITUTE,)),
        ("Ola Ek, tjänstgörande ersättare", (Role.SUBSTITUTE,)),
    ],
)
def test_several_roles_are_all_kept_with_the_primary_one_first(line, roles) -> None:
    [person] = read_participants([line]).people
    assert ranked(person.roles) == roles
