"""The action items of whole minutes: the two real SOR Barn minutes, and the same as HTML.

The expected lists are written by hand from the minutes: every "Action:" of each file, in
order, and nothing else.
"""

from __future__ import annotations

import html
from datetime import date, datetime, time

import pytest

from dialogs.minutes.action_line import read_action_line
from dialogs.minutes.notes import extract_action_lines, minutes_date
from dialogs.text.html import html_to_lines
from tests.dialogs.test_action_line import MEETINGS, STOCKHOLM, describe_owner, describe_when
from tests.dialogs.test_names import SOR_BARN_ROSTER
from tests.minutes import APRIL, SEPTEMBER, read_minutes

KARINS = "ambiguous:Karin Andersson|Karin Berg"

#: Samordningsråd Barn, 2025-04-09: the "Action:" under point 2, under point 4, and the four
#: under "7.Uppföljning av actionfrågor" — the last one broken over a page in the file.
APRIL_ACTIONS = [
    "Karin sammanställer en förfrågan till samordningsrådet för att utse deltagare till "
    "arbetsgruppen, inklusive en uppskattning av tidsåtgång. Tidigare deltagare inkluderas i "
    "underlaget, så att rådet kan avgöra om samma personer ska fortsätta eller om nya ska "
    "utses. Vid behov kan Karin utse Sofia som projektledare.",
    "Alla sonderar lämpliga namnförslag inför SOR 7 maj och då diskussion vilka av dessa som "
    "man vill nominera.",
    "Behov av RMR luftvägsinfektioner. Karin och Joanna rapporterar om nästa steg.",
    "Sömnapné. Niklas och Josefin R informerar.",
    "Maja bjuder in Catherine Gatzinsky.",
    "Karin bjuder in Johanna Svensson för att berätta om processen vid ordnad överföring.",
]
#: owners and deadline of each, read with now = the meeting's date
APRIL_READ = [
    ([KARINS], None),
    (["alla"], "2025-05-07 09:30"),
    ([KARINS, "Joanna Pestalozzi"], None),
    (["Niklas Segerdahl", "Josefine Roswall"], None),
    (["Maja Berndes"], None),
    ([KARINS], None),
]

#: Samordningsråd Barn, 2025-09-12: six "Action:", one of them in the middle of a paragraph
#: (NPO-rapport: "… familjerna. Action: Neo-rådet följer upp frågan. Önskemål …").
SEPTEMBER_ACTIONS = [
    "En arbetsgrupp föreslås, med Lorna och Lars samt eventuellt Annika Sjöstrand. Lorna blir "
    "sammankallande. Gruppen rapporterar till SOR.",
    "Karin Berg i samarbete med nuvarande RMR-ordförande Anna Lundgren tar fram ett utkast till "
    "nominering av RPT.",
    "Neo-rådet följer upp frågan.",
    "En information och att-göra-lista för verksamhetschefer tas fram av Lars och Maja och "
    "mailas ut.",
    "Sprid information om behovet av specialistsjuksköterska 40 % till barnskyddsteamet och "
    "säkerställ att chefer backar upp medarbetare som vill delta.",
    "Alla funderar över möjliga representanter till RPT THS samt lämplig RPT-ordförande och "
    "RPT-koordinator, gärna med verksamhetsutvecklarkompetens. Nomineringar till SOR:s möte i "
    "oktober.",
]
SEPTEMBER_READ = [
    (["Lorna Niklasson"], None),
    (["Karin Berg"], None),
    (["org:Neo-rådet"], None),
    (["Lars Gelander", "Maja Berndes"], None),
    ([], None),
    (["alla"], "2025-10-13 09:30"),
]


def read_items(minutes: str) -> list[tuple[list[str], str | None]]:
    """Each action of the minutes read as the `notes` command would: now = meeting day."""
    day = minutes_date(minutes)
    assert day is not None
    now = datetime.combine(day, time(10, 0), tzinfo=STOCKHOLM)
    result = []
    for line in extract_action_lines(minutes):
        draft = read_action_line(line, SOR_BARN_ROSTER, now=now, meetings=MEETINGS)
        result.append(([describe_owner(o) for o in draft.owners], describe_when(draft.when)))
    return result


# --- the real minutes ------------------------------------------------------------------------


def test_april_minutes_give_exactly_their_actions() -> None:
    assert extract_action_lines(read_minutes(APRIL)) == APRIL_ACTIONS


def test_september_minutes_give_exactly_their_actions() -> None:
    assert extract_action_lines(read_minutes(SEPTEMBER)) == SEPTEMBER_ACTIONS


def test_minutes_dates() -> None:
    assert minutes_date(read_minutes(APRIL)) == date(2025, 4, 9)
    assert minutes_date(read_minutes(SEPTEMBER)) == date(2025, 9, 12)


def test_april_actions_owners_and_deadlines() -> None:
    assert read_items(read_minutes(APRIL)) == APRIL_READ


def test_september_actions_owners_and_deadlines() -> None:
    assert read_items(read_minutes(SEPTEMBER)) == SEPTEMBER_READ


# --- the same content as Teams HTML -----------------------------------------------------------


def teams_html(*, page_break: bool) -> str:
    """The April minutes' action rows (and rows around them) as Teams delivers a pasted
    table. With `page_break` the last follow-up item is split over two rows, as in the file."""
    last_item = "Karin bjuder in Johanna Svensson för att berätta om"
    if not page_break:
        last_item += " processen vid ordnad överföring."
    broken_row = "<tr><td>processen vid ordnad överföring.</td><td></td></tr>" if page_break else ""
    return (
        "<div><p>Datum: 2025-04-09</p><p>Mötesanteckning</p><p><b>Samordningsråd Barn</b></p>"
        "<p>Tid: 09:00 &ndash; 15:30</p>"
        "<table><tbody>"
        "<tr><td><p>Mötespunkt</p></td><td><p>Anteckning</p></td></tr>"
        "<tr><td><p><b>2. Regional information</b> Hälso- och sjukvårdsåtgärder på "
        "korttidsboende (LSS).</p></td>"
        "<td><p>Karin presenterar uppdraget inom samordningsrådet.</p>"
        f"<p><b>Action:</b> {APRIL_ACTIONS[0]}</p>"
        "<p>Lisa B informerar om att BUP G&ouml;teborg stänger lokaler.</p></td></tr>"
        "<tr><td><b>4. NPO-rapport</b></td><td><p>Niklas Segerdahl</p>"
        "<p>Sista datum för nominering är den 31 maj.</p>"
        f"<p><strong>Action:</strong> {APRIL_ACTIONS[1]}</p>"
        "<p>Josefin berättar att Barnläkarföreningen håller på att sätta samman en arbetsgrupp."
        "</p></td></tr>"
        "<tr><td><p><b>7.Uppföljning av actionfrågor</b></p>"
        f"<p><b>Action:</b> {APRIL_ACTIONS[2]}</p>"
        f"<p><b>Action:</b> {APRIL_ACTIONS[3]}</p>"
        f"<p><b>Action:</b> {APRIL_ACTIONS[4]}</p>"
        f"<p><b>Action:</b> {last_item}</p></td>"
        "<td><p>Joanna och Karin har tagit fram ett underlag med ett förslag på att initiera "
        "RMR.</p><p>Johanna kommer att delta på mötet 7/5.</p></td></tr>"
        f"{broken_row}"
        "<tr><td><b>13. Övriga frågor</b></td>"
        "<td><p>Information åldersnivåer på 1177.</p></td></tr>"
        "</tbody></table></div>"
    )


def test_teams_html_as_plain_lines_gives_the_same_actions() -> None:
    lines = html_to_lines(teams_html(page_break=False))
    assert extract_action_lines(lines) == APRIL_ACTIONS
    assert minutes_date(lines) == date(2025, 4, 9)


def test_teams_html_as_delivered_gives_the_same_actions() -> None:
    for page_break in (False, True):
        minutes = teams_html(page_break=page_break)
        assert extract_action_lines(minutes) == APRIL_ACTIONS, page_break
        assert minutes_date(minutes) == date(2025, 4, 9)
        assert read_items(minutes) == APRIL_READ


def pasted_in_teams(minutes: str, form: str) -> str:
    """The whole minutes file pasted into Teams: each line a paragraph, or one block with line
    breaks; the HTML fragments in the file either kept as markup or escaped as text."""
    lines = minutes.split("\n")
    if form == "p":
        return "".join(f"<p>{line}</p>" if line.strip() else "<p>&nbsp;</p>" for line in lines)
    if form == "p-escaped":
        return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
    assert form == "div-br"
    return "<div>" + "<br>".join(lines) + "</div>"


@pytest.mark.parametrize("form", ["p", "p-escaped", "div-br"])
@pytest.mark.parametrize(
    ("name", "actions", "read"),
    [(APRIL, APRIL_ACTIONS, APRIL_READ), (SEPTEMBER, SEPTEMBER_ACTIONS, SEPTEMBER_READ)],
)
def test_whole_minutes_pasted_into_teams_give_the_same_actions(
    form: str, name: str, actions: list[str], read: list[tuple[list[str], str | None]]
) -> None:
    # The April file breaks its last follow-up item over a page: "… för att berätta om" |
    # "processen vid ordnad överföring." As lines, the other column's notes come in between.
    lines = html_to_lines(pasted_in_teams(read_minutes(name), form))
    assert extract_action_lines(lines) == actions
    assert extract_action_lines(lines) == extract_action_lines(read_minutes(name))
    assert read_items(lines) == read


def test_a_cut_off_item_takes_the_lower_case_end_a_few_paragraphs_on() -> None:
    cut_off = "\n".join(
        [
            "Action: Lisa informerar om",
            "Joanna har tagit fram ett underlag.",
            "Johanna deltar på mötet 7/5.",
            "den nya rutinen för remisser.",
        ]
    )
    assert extract_action_lines(cut_off) == ["Lisa informerar om den nya rutinen för remisser."]
    # not across a new item, and not for an item that may well end there
    assert extract_action_lines(
        "Action: Karin bjuder in Johanna för att berätta om\nAction: Maja ringer BUP.\n"
        "processen vid ordnad överföring."
    ) == ["Karin bjuder in Johanna för att berätta om", "Maja ringer BUP."]
    assert extract_action_lines("Action: Maja ringer BUP\nNotering.\nresten av dagen.") == [
        "Maja ringer BUP"
    ]


# --- the forms, one by one ----------------------------------------------------------------


def test_action_prefixes_in_any_form() -> None:
    minutes = "\n".join(
        [
            "Action: Karin B tar fram underlag.",
            "ACTION : Lorna sammankallar.",
            "**Action:** Maja bjuder in.",
            "**Åtgärd**: Lisa S kontaktas.",
            "<p><b>åtgärd:</b> Niklas informerar.</p>",
            "- Action: Alla läser.",
            "Punkt\t<p>Text.</p> <p><b>Action:</b> Joanna rapporterar.</p>",
            "Actionfrågor diskuterades.",  # no colon: not a marker
            "Transaction: nothing here.",  # not the word on its own
        ]
    )
    assert extract_action_lines(minutes) == [
        "Karin B tar fram underlag.",
        "Lorna sammankallar.",
        "Maja bjuder in.",
        "Lisa S kontaktas.",
        "Niklas informerar.",
        "Alla läser.",
        "Joanna rapporterar.",
    ]


def test_mid_paragraph_action_is_its_sentence() -> None:
    minutes = (
        "<p>Frågan har diskuterats. Action: Neo-rådet följer upp frågan. Önskemål om rutin.</p>"
        "<p>Det är bra. Åtgärd: Karin B ringer BUP</p>"
    )
    assert extract_action_lines(minutes) == ["Neo-rådet följer upp frågan.", "Karin B ringer BUP"]


def test_items_under_a_follow_up_heading() -> None:
    minutes = "\n".join(
        [
            "Datum: 2025-04-09",
            "",
            "6. Uppföljning av åtgärder",
            "- Karin B och Joanna tar fram underlag",
            "  senast 15 maj",
            "- Lorna sammankallar arbetsgruppen",
            "",
            "7. Nästa punkt",
            "Karin presenterar.",
            "",
            "Actionlista:",
            "1. Maja mejlar ut information.",
            "2) Alla läser dokumentet.",
            "Övrigt diskuterades inte.",
            "",
            "Åtgärder:",
            "Sara K skickar kallelsen",
            "Lisa B bokar lokal",
            "",
            "Slut.",
        ]
    )
    assert extract_action_lines(minutes) == [
        "Karin B och Joanna tar fram underlag senast 15 maj",
        "Lorna sammankallar arbetsgruppen",
        "Maja mejlar ut information.",
        "Alla läser dokumentet.",
        "Sara K skickar kallelsen",
        "Lisa B bokar lokal",
    ]


def test_heading_alone_in_its_cell_takes_the_list_in_the_next_cell() -> None:
    minutes = (
        "<p><b>Åtgärdslista</b></p>\t<ul><li>Karin B ringer BUP</li><li>Maja bokar lokal</li></ul>"
        "<p>Det var allt.</p>\n"
        "Nästa punkt\t<p>Inga åtgärder.</p>"
    )
    assert extract_action_lines(minutes) == ["Karin B ringer BUP", "Maja bokar lokal"]


def test_follow_up_notes_in_the_other_column_are_not_items() -> None:
    minutes = (
        "<p><b>Uppföljning av actionfrågor</b></p> <p><b>Action:</b> Maja bjuder in.</p>\t"
        "<p>Catherine deltar i mötet den 7 maj.</p>"
    )
    assert extract_action_lines(minutes) == ["Maja bjuder in."]


def test_duplicates_are_kept_once() -> None:
    minutes = "\n".join(
        [
            "Action: Maja bjuder in Catherine Gatzinsky.",
            "Uppföljning av actionfrågor",
            "- Maja bjuder in Catherine Gatzinsky",
            "- maja bjuder in catherine gatzinsky.",
            "- Lars informerar.",
        ]
    )
    assert extract_action_lines(minutes) == [
        "Maja bjuder in Catherine Gatzinsky.",
        "Lars informerar.",
    ]


def test_a_continuation_needs_a_lower_case_start() -> None:
    minutes = "Punkt\t<p>Action: Karin B ringer</p>\n\nNästa punkt\t<p>Annat.</p>"
    assert extract_action_lines(minutes) == ["Karin B ringer"]


def test_entities_and_empty_markers() -> None:
    minutes = "<p>Action: Karin&nbsp;B &amp; Joanna tar fram underlag</p><p>Action:</p>"
    assert extract_action_lines(minutes) == ["Karin B & Joanna tar fram underlag"]


def test_minutes_without_actions() -> None:
    assert extract_action_lines("") == []
    assert extract_action_lines("Datum: 2025-04-09\nMaja öppnar mötet.") == []


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        ("Datum: 2025-04-09", date(2025, 4, 9)),
        ("<p>Datum:&nbsp;2025-09-12</p>", date(2025, 9, 12)),
        ("**Datum:** 2025-09-12", date(2025, 9, 12)),
        ("Date: 2025-10-13\nDatum: 2025-01-01", date(2025, 10, 13)),
        ("Datum: 12 september 2025", date(2025, 9, 12)),
        ("Datum: 12 september", None),  # no year: not guessed
        ("Datum: 2025-02-30", None),
        # a date in the title is the minutes' date too (issue 13); one in running text is not
        ("Mötesanteckning 2025-04-09", date(2025, 4, 9)),
        ("Vi gick igenom rapporten från 2025-04-01.", None),
        ("", None),
    ],
)
def test_minutes_date(minutes: str, expected: date | None) -> None:
    assert minutes_date(minutes) == expected
