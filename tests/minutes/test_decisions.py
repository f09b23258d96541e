"""Decisions read from the lines of minutes (issue 13, point 6): written before the reader."""

from __future__ import annotations

import pytest

from dialogs.minutes.decisions import Decision, read_decisions

# (lines of the minutes, the decisions expected: (text, section))
CASES: list[tuple[list[str], list[tuple[str, str | None]]]] = [
    (
        [
            "§ 4 Budget",
            "Rådet beslutar att",
            "- anta budgeten för 2027,",
            "- ge kansliet i uppdrag",
        ],
        [("Anta budgeten för 2027", "§ 4"), ("Ge kansliet i uppdrag", "§ 4")],
    ),
    (
        ["Förslaget till ny rutin för SIP godkändes.", "Dagordningen godkändes."],
        [("Förslaget till ny rutin för SIP godkändes.", None)],
    ),
    (["Verksamhetsberättelsen fastställdes."], [("Verksamhetsberättelsen fastställdes.", None)]),
    (["Föregående protokoll godkändes och lades till handlingarna."], []),
    (["Decided: the pilot starts in May."], [("The pilot starts in May.", None)]),
    (["Beslutat: Gruppen byter mötesdag."], [("Gruppen byter mötesdag.", None)]),
    (
        ["Rådet ställer sig bakom förslaget till länsgemensam rutin."],
        [("Rådet ställer sig bakom förslaget till länsgemensam rutin.", None)],
    ),
    (["Beslut: Rådet antar budgeten för 2025."], [("Rådet antar budgeten för 2025.", None)]),
    (["Beslut att anta verksamhetsplanen."], [("Anta verksamhetsplanen.", None)]),
    (
        ["Beslutades att skjuta upp konferensen till hösten."],
        [("Skjuta upp konferensen till hösten.", None)],
    ),
    (["Det beslutades att Eva Lind blir kontaktperson."], [("Eva Lind blir kontaktperson.", None)]),
    (
        ["Verksamhetsplanen för 2025 beslutades."],
        [("Verksamhetsplanen för 2025 beslutades.", None)],
    ),
    (["Mötet beslutar att godkänna dagordningen."], [("Godkänna dagordningen.", None)]),
    (["Nämnden beslutar att avslå ansökan."], [("Avslå ansökan.", None)]),
    (["Rådet beslutar att bjuda in regionen."], [("Bjuda in regionen.", None)]),
    (
        ["Styrgruppen beslutade att avsluta projektet i juni."],
        [("Avsluta projektet i juni.", None)],
    ),
    (["Rådet fattar beslut om ny arbetsordning."], [("Ny arbetsordning.", None)]),
    (["§ 14 Budget 2025", "Beslut: Budgeten fastställs."], [("Budgeten fastställs.", "§ 14")]),
    (
        ["§ 3 Val av justerare. Beslut: Per Ek utses att justera protokollet."],
        [("Per Ek utses att justera protokollet.", "§ 3")],
    ),
    (["§ 7 Remiss om skolskjuts", "Ärendet bordläggs."], [("Ärendet bordläggs.", "§ 7")]),
    (
        ["Frågan om lokaler bordlades till nästa möte."],
        [("Frågan om lokaler bordlades till nästa möte.", None)],
    ),
    (["Punkten är bordlagd."], [("Punkten är bordlagd.", None)]),
    (
        ["Gruppen beslöt att utse Vera Nyström till kontaktperson."],
        [("Utse Vera Nyström till kontaktperson.", None)],
    ),
    (
        # plain text wrapped at 80 columns: one sentence on two lines
        ["Nämnden beslutar att uppdra åt förvaltningen att utreda", "kostnaderna för skolskjuts."],
        [("Uppdra åt förvaltningen att utreda kostnaderna för skolskjuts.", None)],
    ),
    (
        ["Beslut: att anta handlingsplanen,", "att uppdra åt kansliet att sprida den."],
        [("Anta handlingsplanen,", None), ("Uppdra åt kansliet att sprida den.", None)],
    ),
    (
        ["Mötet beslutar att godkänna rapporten.", "att-satser i löptext är inga beslut"],
        [("Godkänna rapporten.", None)],
    ),
    (
        ["Beslut:", "att anta budgeten", "att uppdra åt kansliet att ta fram en tidplan"],
        [("Anta budgeten", None), ("Uppdra åt kansliet att ta fram en tidplan", None)],
    ),
    (
        ["§ 9 Arbetsordning", "Beslut:", "- att anta arbetsordningen", "Nästa punkt"],
        [("Anta arbetsordningen", "§ 9")],
    ),
    (["**Beslut:** Mötet godkänner protokollet."], [("Mötet godkänner protokollet.", None)]),
    (["- Beslut: Nästa möte hålls digitalt."], [("Nästa möte hålls digitalt.", None)]),
    (
        ["Kansliet presenterade rapporten. Mötet beslutar att lägga den till handlingarna."],
        [("Lägga den till handlingarna.", None)],
    ),
    (
        [
            "§ 2 Dagordning",
            "Beslut: Dagordningen godkänns.",
            "§ 3 Ekonomi",
            "Beslut: Rapporten läggs till handlingarna.",
        ],
        [("Dagordningen godkänns.", "§ 2"), ("Rapporten läggs till handlingarna.", "§ 3")],
    ),
    (["Decision: The board approves the budget."], [("The board approves the budget.", None)]),
    # not decisions
    (["Kansliet tar fram ett beslutsunderlag."], []),
    (["Frågan tas upp inför beslut i höst."], []),
    (["Beslut fattas vid nästa möte."], []),
    (["Ska rådet besluta att anta planen?"], []),
    (["Beslutar vi att anta planen?"], []),
    (["Förslag till beslut: att anta planen."], []),
    (["Per informerade om nämndens beslut från i våras."], []),
    (["Rådet ska fatta beslut om budgeten i mars."], []),
    ([], []),
]


@pytest.mark.parametrize(("lines", "expected"), CASES)
def test_reads_decisions(lines: list[str], expected: list[tuple[str, str | None]]) -> None:
    """Each shape of decision is read as written, the § kept when it sits under one."""
    assert read_decisions(lines) == tuple(Decision(text, section) for text, section in expected)


def test_a_decision_once() -> None:
    """The same decision written twice in the minutes is one decision."""
    lines = ["Beslut: Budgeten fastställs.", "Beslut: budgeten fastställs"]
    assert read_decisions(lines) == (Decision("Budgeten fastställs.", None),)
