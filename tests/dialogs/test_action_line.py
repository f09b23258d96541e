"""Action lines as the secretary types them, and as the SOR Barn minutes write them.

Owners are written as: the member's full name; "alla"; "org:<as written>";
"ambiguous:<candidate>|<candidate>"; "unknown:<as written>". Deadlines are local
(Europe/Stockholm): "2025-05-15" for a day, "2025-05-07 09:30" for a time (a meeting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from dialogs.dates.reading import When
from dialogs.dates.writing import STOCKHOLM
from dialogs.minutes.action_line import ActionDraft, clean_action_text, read_action_line
from dialogs.people.names import NameResolution
from tests.dialogs.test_names import SOR_BARN_ROSTER


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


#: The meeting of seed 000 (2025-04-09) and of seed 001 (2025-09-12), and the meetings of
#: the season: 7 May (spring), and the autumn dates decided on 9 April.
APRIL_MEETING = local("2025-04-09 10:00")
SEPTEMBER_MEETING = local("2025-09-12 10:00")
MEETINGS = (
    local("2025-05-07 09:30"),
    local("2025-09-12 09:30"),
    local("2025-10-13 09:30"),
    local("2025-11-12 09:30"),
    local("2025-12-12 09:30"),
)


def describe_owner(owner: NameResolution) -> str:
    names = [m.full_name for m in owner.matches]
    if owner.kind == "person":
        return names[0]
    if owner.kind == "everyone":
        return "alla"
    if owner.kind == "organisation":
        return f"org:{owner.written}"
    if owner.kind == "ambiguous":
        return "ambiguous:" + "|".join(sorted(names))
    return f"unknown:{owner.written}"


def describe_when(when: When | None) -> str | None:
    if when is None:
        return None
    start = when.start.astimezone(STOCKHOLM)
    return start.strftime("%Y-%m-%d %H:%M") if when.has_time else start.strftime("%Y-%m-%d")


def read(line: str, now: datetime = APRIL_MEETING) -> ActionDraft:
    return read_action_line(line, SOR_BARN_ROSTER, now=now, meetings=MEETINGS)


@dataclass(frozen=True)
class Case:
    line: str
    owners: list[str]
    text: str
    deadline: str | None = None
    when_text: str | None = None
    now: datetime = APRIL_MEETING


KARINS = "ambiguous:Karin Andersson|Karin Berg"

CASES = [
    # --- the three examples
    Case(
        "Karin B och Joanna tar fram underlag om RMR luftvägsinfektioner senast 15 maj",
        ["Karin Berg", "Joanna Pestalozzi"],
        "Tar fram underlag om RMR luftvägsinfektioner",
        "2025-05-15",
        "senast 15 maj",
    ),
    Case(
        "Alla sonderar lämpliga namnförslag inför SOR 7 maj",
        ["alla"],
        "Sonderar lämpliga namnförslag",
        "2025-05-07 09:30",
        "inför SOR 7 maj",
    ),
    Case(
        "Lorna sammankallar arbetsgruppen och rapporterar till SOR",
        ["Lorna Niklasson"],
        "Sammankallar arbetsgruppen och rapporterar till SOR",
    ),
    # --- the "Action:" lines of seed 000 (2025-04-09)
    Case(
        "Karin sammanställer en förfrågan till samordningsrådet för att utse deltagare till "
        "arbetsgruppen, inklusive en uppskattning av tidsåtgång. Vid behov kan Karin utse Sofia "
        "som projektledare.",
        [KARINS],
        "Sammanställer en förfrågan till samordningsrådet för att utse deltagare till "
        "arbetsgruppen, inklusive en uppskattning av tidsåtgång. Vid behov kan Karin utse Sofia "
        "som projektledare",
    ),
    Case(
        "Alla sonderar lämpliga namnförslag inför SOR 7 maj och då diskussion vilka av dessa "
        "som man vill nominera.",
        ["alla"],
        "Sonderar lämpliga namnförslag och då diskussion vilka av dessa som man vill nominera",
        "2025-05-07 09:30",
        "inför SOR 7 maj",
    ),
    Case(
        "Behov av RMR luftvägsinfektioner. Karin och Joanna rapporterar om nästa steg.",
        [KARINS, "Joanna Pestalozzi"],
        "Behov av RMR luftvägsinfektioner. Karin och Joanna rapporterar om nästa steg",
    ),
    Case(
        "Sömnapné. Niklas och Josefin R informerar.",
        ["Niklas Segerdahl", "Josefine Roswall"],
        "Sömnapné. Niklas och Josefin R informerar",
    ),
    Case("Maja bjuder in Catherine Gatzinsky.", ["Maja Berndes"], "Bjuder in Catherine Gatzinsky"),
    Case(
        "Karin bjuder in Johanna Svensson för att berätta om processen vid ordnad överföring.",
        [KARINS],
        "Bjuder in Johanna Svensson för att berätta om processen vid ordnad överföring",
    ),
    # --- the "Action:" lines of seed 001 (2025-09-12)
    Case(
        "En arbetsgrupp föreslås, med Lorna och Lars samt eventuellt Annika Sjöstrand. Lorna blir "
        "sammankallande. Gruppen rapporterar till SOR.",
        ["Lorna Niklasson"],
        "En arbetsgrupp föreslås, med Lorna och Lars samt eventuellt Annika Sjöstrand. Lorna blir "
        "sammankallande. Gruppen rapporterar till SOR",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Karin Berg i samarbete med nuvarande RMR-ordförande Anna Lundgren tar fram ett utkast "
        "till nominering av RPT.",
        ["Karin Berg"],
        "I samarbete med nuvarande RMR-ordförande Anna Lundgren tar fram ett utkast till "
        "nominering av RPT",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Neo-rådet följer upp frågan.",
        ["org:Neo-rådet"],
        "Följer upp frågan",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "En information och att-göra-lista för verksamhetschefer tas fram av Lars och Maja och "
        "mailas ut.",
        ["Lars Gelander", "Maja Berndes"],
        "En information och att-göra-lista för verksamhetschefer tas fram och mailas ut",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Sprid information om behovet av specialistsjuksköterska 40 % till barnskyddsteamet och "
        "säkerställ att chefer backar upp medarbetare som vill delta.",
        [],
        "Sprid information om behovet av specialistsjuksköterska 40 % till barnskyddsteamet och "
        "säkerställ att chefer backar upp medarbetare som vill delta",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Alla funderar över möjliga representanter till RPT THS samt lämplig RPT-ordförande och "
        "RPT-koordinator, gärna med verksamhetsutvecklarkompetens. Nomineringar till SOR:s möte "
        "i oktober.",
        ["alla"],
        "Funderar över möjliga representanter till RPT THS samt lämplig RPT-ordförande och "
        "RPT-koordinator, gärna med verksamhetsutvecklarkompetens. Nomineringar",
        "2025-10-13 09:30",
        "till SOR:s möte i oktober",
        now=SEPTEMBER_MEETING,
    ),
    # --- other sentences of the minutes, typed as actions
    Case(
        "Karin B mailar ut information.",
        ["Karin Berg"],
        "Mailar ut information",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Jenny L undersöker möjligheten om någon från habiliteringen kan delta.",
        ["Jenny Linder"],
        "Undersöker möjligheten om någon från habiliteringen kan delta",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Josefin H och Daniel H ska svara på remissen senast den 31 oktober.",
        ["Josefine Hätting", "Daniel Holmgren"],
        "Ska svara på remissen",
        "2025-10-31",
        "senast den 31 oktober",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Maja mejlar ut information gällande detta till nästa möte",
        ["Maja Berndes"],
        "Mejlar ut information gällande detta",
        "2025-10-13 09:30",
        "till nästa möte",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Lars kommer att samråda med Karin A och återkomma vid mötet den 7 maj.",
        ["Lars Gelander"],
        "Kommer att samråda med Karin A och återkomma",
        "2025-05-07 09:30",
        "vid mötet den 7 maj",
    ),
    Case(
        "Lisa S kontaktas för genomgång av patientgrupper.",
        [],  # passive: Lisa is to be contacted; who does it is not said
        "Lisa S kontaktas för genomgång av patientgrupper",
    ),
    Case(
        "Lisa S kontaktas av Karin A för genomgång av patientgrupper.",
        ["Karin Andersson"],
        "Lisa S kontaktas för genomgång av patientgrupper",
    ),
    Case(
        "Lars Gelande återrapporterar från arbetet kring korttidsboende v. 42",
        ["Lars Gelander"],
        "Återrapporterar från arbetet kring korttidsboende",
        "2025-10-17",  # a week is its Friday
        "v. 42",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Godfried van Aghoven presenterar RMR orosanmälan till mötet i november",
        ["Godfried van Agthoven"],
        "Presenterar RMR orosanmälan",
        "2025-11-12 09:30",
        "till mötet i november",
        now=SEPTEMBER_MEETING,
    ),
    Case(
        "Elsa Fransson tar upp frågan gällande jourlinjer till nästa möte",
        ["Elsa Fransson Bona"],
        "Tar upp frågan gällande jourlinjer",
        "2025-10-13 09:30",
        "till nästa möte",
        now=SEPTEMBER_MEETING,
    ),
    # --- the resolution rules inside lines
    Case(
        "Sara K, Anna Elfgren & Josefin R sammanställer enkätsvaren senast 30 april",
        ["Sara Karlsson", "Anna Elfgrén", "Josefine Roswall"],
        "Sammanställer enkätsvaren",
        "2025-04-30",
        "senast 30 april",
    ),
    Case(
        "Karin, Lisa och Josefine tittar på frågan",
        [
            KARINS,
            "ambiguous:Lisa Bondjers|Lisa Ståleby",
            "ambiguous:Josefine Hätting|Josefine Roswall",
        ],
        "Tittar på frågan",
    ),
    Case(
        "Maria G skickar ut kallelsen senast fredag",
        ["unknown:Maria G"],
        "Skickar ut kallelsen",
        "2025-04-11",
        "senast fredag",
    ),
    Case(
        "Karin och Annika Sjöstrand tar fram underlag",
        [KARINS, "unknown:Annika Sjöstrand"],
        "Tar fram underlag",
    ),
    Case(
        "Annika Sjöstrand tar fram en lista v. 21",
        ["unknown:Annika Sjöstrand"],
        "Tar fram en lista",
        "2025-05-23",
        "v. 21",
    ),
    Case(
        "Koncernkontoret återkommer med besked innan 1 juni",
        ["org:Koncernkontoret"],
        "Återkommer med besked",
        "2025-06-01",
        "innan 1 juni",
    ),
    Case("BUP följer upp frågan", ["org:BUP"], "Följer upp frågan"),
    Case(
        "Närvårdskontoret och Maja B bokar lokal",
        ["org:Närvårdskontoret", "Maja Berndes"],
        "Bokar lokal",
    ),
    Case(
        "Samtliga läser dokumentet inför mötet 7 maj",
        ["alla"],
        "Läser dokumentet",
        "2025-05-07 09:30",
        "inför mötet 7 maj",
    ),
    Case(
        "karin b och joanna tar fram underlag till nästa möte",
        ["Karin Berg", "Joanna Pestalozzi"],
        "Tar fram underlag",
        "2025-05-07 09:30",
        "till nästa möte",
    ),
    Case(
        "Karin B and Joanna will prepare the background by May 15",
        ["Karin Berg", "Joanna Pestalozzi"],
        "Will prepare the background",
        "2025-05-15",
        "by May 15",
    ),
    Case("Karin B: underlag om RMR astma", ["Karin Berg"], "Underlag om RMR astma"),
    Case(
        "Senast 15 maj: Karin B tar fram underlag",
        ["Karin Berg"],
        "Tar fram underlag",
        "2025-05-15",
        "Senast 15 maj",
    ),
    Case(
        "Till nästa möte, Lorna och Lars: sammanställer enkäten",
        ["Lorna Niklasson", "Lars Gelander"],
        "Sammanställer enkäten",
        "2025-05-07 09:30",
        "Till nästa möte",
    ),
    Case(
        "The list is prepared by Karin B and Joanna",
        ["Karin Berg", "Joanna Pestalozzi"],
        "The list is prepared",
    ),
    Case(
        "Background to be prepared by May 15",  # "May" is a month, not a member
        [],
        "Background to be prepared",
        "2025-05-15",
        "by May 15",
    ),
    Case("Karin hoppas kunna ta fram underlag", [KARINS], "Hoppas kunna ta fram underlag"),
    Case("Vi tar fram ett förslag", [], "Vi tar fram ett förslag"),
    Case("Lista över deltagare skickas ut", [], "Lista över deltagare skickas ut"),
    Case(
        "RMR astma – ordnad överföring är inte aktuell enligt Johanna Svensson.",
        [],
        "RMR astma – ordnad överföring är inte aktuell enligt Johanna Svensson",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.line[:50] for c in CASES])
def test_action_line(case: Case) -> None:
    draft = read(case.line, case.now)
    assert [describe_owner(o) for o in draft.owners] == case.owners
    assert draft.for_everyone == ("alla" in case.owners)
    assert draft.text == case.text
    assert describe_when(draft.when) == case.deadline
    assert draft.when_text == case.when_text
    assert draft.source == case.line


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25


def test_names_are_matched_by_the_roster_not_guessed() -> None:
    draft = read("Karin bjuder in Johanna Svensson.")
    (karin,) = draft.owners
    assert karin.kind == "ambiguous"
    assert karin.person is None
    assert {m.full_name for m in karin.matches} == {"Karin Andersson", "Karin Berg"}


def test_the_same_owner_twice_is_kept_once() -> None:
    draft = read("Karin B och Karin Berg tar fram underlag")
    assert [describe_owner(o) for o in draft.owners] == ["Karin Berg"]


def test_a_line_of_names_only_keeps_an_empty_text() -> None:
    draft = read("Karin B och Joanna senast 15 maj")
    assert [describe_owner(o) for o in draft.owners] == ["Karin Berg", "Joanna Pestalozzi"]
    assert draft.text == ""
    assert describe_when(draft.when) == "2025-05-15"


def test_an_empty_line() -> None:
    draft = read("   ")
    assert (draft.owners, draft.text, draft.when, draft.when_text) == ((), "", None, None)


def test_markup_and_prefix_as_pasted_from_the_minutes() -> None:
    line = "<p><b>Action:</b> Maja bjuder in Catherine&nbsp;Gatzinsky.</p>"
    draft = read(line)
    assert [describe_owner(o) for o in draft.owners] == ["Maja Berndes"]
    assert draft.text == "Bjuder in Catherine Gatzinsky"
    assert draft.source == line
    assert clean_action_text("- **Åtgärd:** Alla läser") == "Alla läser"
    assert clean_action_text("2. Lorna sammankallar") == "Lorna sammankallar"


def test_a_date_in_the_past_is_the_next_one_to_come() -> None:
    # Read in September, "senast 15 maj" is next May: the caller passes the meeting's date as
    # `now` when reading old minutes so that this does not happen to them.
    draft = read("Karin B tar fram underlag senast 15 maj", SEPTEMBER_MEETING)
    assert describe_when(draft.when) == "2026-05-15"
