"""Action items in minutes of any shape: prose, "Ansvarig:" lines, arrows, Vad/Vem/När tables.

The council, its people and every sentence are invented for these tests (issue 13 points 3-5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from dialogs.dates.reading import STOCKHOLM
from dialogs.minutes.actions import ActionRead, read_actions
from dialogs.minutes.owners import is_group, owner_of
from dialogs.text.folding import name_key


@dataclass(frozen=True)
class Member:
    full_name: str

    @property
    def name_key(self) -> str:
        return name_key(self.full_name)


ROSTER = [
    Member(n)
    for n in (
        "Greta Holm",
        "Ola Wikström",
        "Ida Sandberg",
        "Ida Sörensen",
        "Björn Åkesson",
        "Hanna Lindqvist",
        "Tove Ek",
        "Sami Rautio",
    )
]
#: a Tuesday in March
HELD = datetime(2027, 3, 9, 12, 0, tzinfo=STOCKHOLM)
COMING = (datetime(2027, 4, 20, 13, 0, tzinfo=STOCKHOLM),)


def _read(minutes: str, **kwargs: object) -> list[ActionRead]:
    return read_actions(minutes, held=HELD, coming=COMING, roster=ROSTER, **kwargs)  # type: ignore[arg-type]


def _owners(action: ActionRead) -> set[str]:
    found = set()
    for owner in action.owners:
        if owner.kind == "person":
            found.add(owner.matches[0].full_name)
        elif owner.kind == "ambiguous":
            found.add("?" + "|".join(sorted(m.full_name for m in owner.matches)))
        elif owner.kind == "everyone":
            found.add("alla")
        else:
            found.add(f"{owner.kind}:{owner.written}")
    return found


def _due(action: ActionRead) -> date | None:
    if action.deadline is None or action.deadline.due is None:
        return None
    return action.deadline.due.astimezone(STOCKHOLM).date()


def _one(sentence: str) -> ActionRead:
    found = _read(sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "owners", "words", "due"),
    [
        (
            "Ola återkommer med en kostnadskalkyl i maj.",
            {"Ola Wikström"},
            ["återkommer", "kostnadskalkyl"],
            date(2027, 5, 31),
        ),
        (
            "Greta och Hanna bjuder in länets biståndshandläggare till en workshop.",
            {"Greta Holm", "Hanna Lindqvist"},
            ["bjuder in", "biståndshandläggare"],
            None,
        ),
        (
            "Till nästa möte ska alla läsa igenom den nya länsrutinen.",
            {"alla"},
            ["läsa igenom", "länsrutinen"],
            date(2027, 4, 20),
        ),
        (
            "Inför mötet i april ska samtliga ta fram exempel från sin verksamhet.",
            {"alla"},
            ["exempel"],
            date(2027, 4, 20),
        ),
        (
            "Fortsatt dialog förs mellan Tove Ek, Björn och Sami om gemensamma larmrutiner.",
            {"Tove Ek", "Björn Åkesson", "Sami Rautio"},
            ["dialog", "larmrutiner"],
            None,
        ),
        (
            "Kansliet får i uppdrag att sammanställa svaren från enkäten.",
            {"organisation:kansliet"},
            ["sammanställa", "enkäten"],
            None,
        ),
        (
            "Uppdras åt beredningen att utreda hur jourlinjen kan finansieras under hösten.",
            {"organisation:beredningen"},
            ["utreda", "jourlinjen"],
            date(2027, 12, 31),
        ),
        (
            "Beslut: att uppdra åt Närvårdskontoret att revidera överenskommelsen före sommaren.",
            {"organisation:Närvårdskontoret"},
            ["revidera", "överenskommelsen"],
            date(2027, 6, 30),  # before the summer: in the spring
        ),
        (
            "Respektive kommun lämnar synpunkter på utkastet senast 30 april.",
            {"organisation:respektive kommun"},
            ["synpunkter", "utkastet"],
            date(2027, 4, 30),
        ),
        (
            "Under våren ska respektive förvaltning inventera behovet av platser.",
            {"organisation:respektive förvaltning"},
            ["inventera", "platser"],
            date(2027, 6, 30),
        ),
        (
            "Regionen tar fram en gemensam kommunikationsplan v. 14.",
            {"organisation:regionen"},
            ["kommunikationsplan"],
            date(2027, 4, 9),
        ),
        (
            "Sami kontaktar ambulanssjukvården inom två veckor.",
            {"Sami Rautio"},
            ["kontaktar", "ambulanssjukvården"],
            date(2027, 3, 23),
        ),
        (
            "Bjorn Akesson skickar minnesanteckningarna till alla på fredag.",
            {"Björn Åkesson"},
            ["minnesanteckningarna"],
            date(2027, 3, 12),
        ),
        (
            "Ida följer upp avvikelserna efter sommaren.",
            {"?Ida Sandberg|Ida Sörensen"},
            ["avvikelserna"],
            date(2027, 9, 1),
        ),
    ],
)
def test_actions_in_prose(
    sentence: str, owners: set[str], words: list[str], due: date | None
) -> None:
    action = _one(sentence)
    assert _owners(action) == owners
    assert all(w.casefold() in action.task.casefold() for w in words), action.task
    assert _due(action) == due
    assert not action.doubtful


@pytest.mark.parametrize(
    "sentence",
    [
        "Ola informerade om läget i hemtjänsten.",
        "Gruppen diskuterade hur samverkan kan stärkas.",
        "Hanna Lindqvist redogjorde för resultatet av enkäten.",
        "Tove presenterar den nya statistiken.",
        "Mötet öppnades av ordföranden som hälsade alla välkomna.",
        "Dialog har förts mellan Greta och Sami under hösten.",
        "Rådet konstaterar att väntetiderna har minskat sedan mars.",
        "Föregående anteckningar lades till handlingarna.",
    ],
)
def test_report_only_sentences_are_no_actions(sentence: str) -> None:
    assert [a for a in _read(sentence) if not a.doubtful] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Det vore bra om vi kunde samla alla rutiner på ett ställe.",
        "Önskemål om en gemensam utbildningsdag under hösten.",
    ],
)
def test_wishes_without_owner_are_doubtful(sentence: str) -> None:
    action = _one(sentence)
    assert action.doubtful and action.owners == ()


def test_responsible_on_the_line_after_the_task() -> None:
    minutes = "Ta fram en checklista för utskrivning från slutenvården till v. 20.\nAnsvarig: Greta Holm\n"
    action = _one(minutes)
    assert _owners(action) == {"Greta Holm"}
    assert "checklista" in action.task and "Ansvarig" not in action.task
    assert _due(action) == date(2027, 5, 21)


def test_responsible_in_the_same_paragraph() -> None:
    action = _one("Uppdatera kontaktlistan på samarbetsytan. Ansvarig: Tove, snarast.")
    assert _owners(action) == {"Tove Ek"}
    assert "kontaktlistan" in action.task
    assert action.deadline is not None and action.deadline.rough == "snarast"


def test_arrows() -> None:
    minutes = (
        "- Boka lokal för heldagen → Hanna, 15 april\n- Skicka ut programmet -> kansliet, v. 12\n"
    )
    first, second = _read(minutes)
    assert _owners(first) == {"Hanna Lindqvist"} and "Boka lokal" in first.task
    assert _due(first) == date(2027, 4, 15)
    # v. 12 2027 ends with långfredag: its last working day is the Thursday
    assert _owners(second) == {"organisation:kansliet"} and _due(second) == date(2027, 3, 25)


TABLE_TABS = (
    "Uppföljning\n"
    "Vad\tVem\tNär\n"
    "Kartlägga korttidsplatserna\tOla, Björn\tv. 16\n"
    "Uppdatera länkarna på webben\tKansliet\tLöpande\n"
    "Bjuda in tandvården\tSami Rautio\tTill nästa möte\n"
    "Skriva remissvar\tRespektive huvudman\tJuni 2027\n"
    "Se över rutinen\t\t\n"
)


def test_vad_vem_nar_table() -> None:
    found = _read(TABLE_TABS)
    assert [a.task for a in found] == [
        "Kartlägga korttidsplatserna",
        "Uppdatera länkarna på webben",
        "Bjuda in tandvården",
        "Skriva remissvar",
        "Se över rutinen",
    ]
    assert _owners(found[0]) == {"Ola Wikström", "Björn Åkesson"}
    assert _due(found[0]) == date(2027, 4, 23)
    assert found[1].deadline is not None and found[1].deadline.rough == "löpande"
    assert _due(found[2]) == date(2027, 4, 20)
    assert _owners(found[3]) == {"organisation:respektive huvudman"}
    assert _due(found[3]) == date(2027, 6, 30)
    assert found[4].doubtful and found[4].owners == ()


def test_markdown_pipe_table_and_html_table_read_the_same() -> None:
    pipes = (
        "| Åtgärd | Ansvarig | Klart |\n|---|---|---|\n"
        "| Kartlägga korttidsplatserna | Ola, Björn | v. 16 |\n"
        "| Bjuda in tandvården | Sami Rautio | Till nästa möte |\n"
    )
    html = (
        "<table><tr><td>Åtgärd</td><td>Ansvarig</td><td>Klart</td></tr>"
        "<tr><td>Kartlägga korttidsplatserna</td><td>Ola, Björn</td><td>v. 16</td></tr>"
        "<tr><td>Bjuda in tandvården</td><td>Sami Rautio</td><td>Till nästa möte</td></tr></table>"
    )
    for minutes in (pipes, html):
        found = _read(minutes)
        assert [(a.task, _owners(a), _due(a)) for a in found] == [
            ("Kartlägga korttidsplatserna", {"Ola Wikström", "Björn Åkesson"}, date(2027, 4, 23)),
            ("Bjuda in tandvården", {"Sami Rautio"}, date(2027, 4, 20)),
        ]


def test_an_unreadable_deadline_cell_is_kept_with_why() -> None:
    found = _read("Vad\tVem\tNär\nSkriva rapporten\tGreta\tnär det passar\n")
    [action] = found
    assert action.deadline is not None and action.deadline.due is None
    assert action.deadline.problem == "unreadable" and action.deadline.written == "när det passar"


def test_lines_read_elsewhere_are_skipped() -> None:
    line = "Ola återkommer med en kostnadskalkyl i maj."
    assert _read(line, skip=[line]) == []


def test_an_unknown_name_before_a_verb_is_asked_about() -> None:
    action = _one("Lisbet kontaktar skolhälsovården före påsk.")
    [owner] = action.owners
    assert owner.kind == "unknown" and owner.written == "Lisbet"


def test_groups_and_known_groups() -> None:
    assert is_group("kansliet") and is_group("Respektive delregion") and is_group("Styrgruppen")
    assert not is_group("Greta Holm")
    assert owner_of("Vårdsam", ROSTER) is not None
    assert owner_of("Vårdsam", ROSTER).kind == "unknown"  # type: ignore[union-attr]
    assert owner_of("Vårdsam", ROSTER, {"vardsam"}).kind == "organisation"  # type: ignore[union-attr]
    action = _read("Vårdsam tar fram en tidplan.", known_groups={"vardsam"})[0]
    assert _owners(action) == {"organisation:Vårdsam"}


def test_lines_wrapped_by_the_writer_are_one_sentence() -> None:
    minutes = (
        "Hanna Lindqvist sammanställer svaren från\n"
        "kommunerna och skickar dem till\n"
        "Greta senast 30 april.\n"
        "- Ola informerade om budgeten.\n"
    )
    action = _one(minutes)
    assert _owners(action) == {"Hanna Lindqvist"}
    assert "kommunerna" in action.task and "Greta" in action.task
    assert _due(action) == date(2027, 4, 30)


def test_a_deadline_word_wins_over_a_date_of_the_task() -> None:
    action = _one("Kansliet bokar lokal för utbildningsdagen i maj, senast 15 april.")
    assert _due(action) == date(2027, 4, 15)
    assert "utbildningsdagen i maj" in action.task


def test_minutes_that_mark_some_actions_may_hold_more_on_lines_of_their_own() -> None:
    """Writers who mark some actions ("Action:") leave others on lines of their own; those
    are read with their owners. A past assignment of another body is still none, and an
    ownerless wish is left out where the writer marked what the actions are."""
    minutes = (
        "Action: Greta skickar ut kallelsen.\n"
        "Ola mejlar ut presentationen.\n"
        "Hanna och Tove ska svara på remissen senast 30 april.\n"
        "Primärvårdsrådet har fått i uppdrag att se över remissflödet.\n"
        "Kansliet får i uppdrag att boka lokal för länsdagen.\n"
        "Fortsatt dialog sker mellan Sami och Björn om läkemedelsgenomgångar.\n"
        "Det vore bra om rutinen kunde ses över.\n"
    )
    found = _read(minutes, skip=["Greta skickar ut kallelsen."])
    assert [sorted(_owners(a)) for a in found] == [
        ["Ola Wikström"],
        ["Hanna Lindqvist", "Tove Ek"],
        ["organisation:kansliet"],
        ["Björn Åkesson", "Sami Rautio"],
    ]


def test_a_paragraph_of_running_notes_beside_marked_actions_is_the_record() -> None:
    """ "Karin undersöker detaljer. Lars ska återkomma." in a paragraph of notes, where the
    minutes mark their actions: a report of the meeting, not new items; an assignment in it
    still is one."""
    minutes = (
        "Action: Greta skickar ut kallelsen.\n"
        "Ola undersöker detaljerna. Hanna ska återkomma om lokalen. Kansliet får i uppdrag"
        " att boka lokal för länsdagen.\n"
    )
    found = _read(minutes, skip=["Greta skickar ut kallelsen."])
    assert [sorted(_owners(a)) for a in found] == [["organisation:kansliet"]]


def test_a_sentence_pointing_to_the_table_is_read_there() -> None:
    minutes = (
        "Ola sammanställer kommunernas svar, se tabellen nedan.\n\n"
        "Vad\tVem\tNär\nSammanställa kommunernas svar\tOla\tv. 15\n"
    )
    [action] = _read(minutes)
    assert action.task == "Sammanställa kommunernas svar"


def test_a_verb_alone_is_no_task() -> None:
    assert _read("Rådet lämnar efter sommaren.") == []


@pytest.mark.parametrize(
    ("line", "owners", "words", "due"),
    [
        ("Alla: läs rapporten om hemsjukvård före nästa möte.", {"alla"}, ["läs rapporten"],
         date(2027, 4, 20)),
        ("Tove och Sami: ring kommunernas MAS senast 19 mars.", {"Tove Ek", "Sami Rautio"},
         ["ring kommunernas"], date(2027, 3, 19)),
        ("Kansliet: skicka ut kallelsen inom två veckor.", {"organisation:kansliet"},
         ["skicka ut kallelsen"], date(2027, 3, 23)),
    ],
)  # fmt: skip
def test_owners_before_a_colon(line: str, owners: set[str], words: list[str], due: date) -> None:
    action = _one("4. Övrigt\n" + line)
    assert _owners(action) == owners
    assert all(w in action.task for w in words)
    assert _due(action) == due


@pytest.mark.parametrize(
    "line", ["Plats: Regionens hus, sal 4", "Datum: 2027-03-09", "Tid: 13.00–15.00 via Teams"]
)
def test_a_header_label_is_no_owner(line: str) -> None:
    assert _read(line) == []
