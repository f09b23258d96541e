"""The minutes' own meeting and the coming ones, read from pasted minutes.

Every example is invented here, in the shapes issue 13 describes; none is taken from the
held-out corpus. Expected answers were written before the reader.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from dialogs.minutes.meetings import MeetingRead, read_coming_meetings, read_own_meeting
from dialogs.minutes.notes import minutes_date, minutes_lines


def own(text: str) -> MeetingRead | None:
    return read_own_meeting(minutes_lines(text))


def coming(text: str, reference: date) -> list[tuple[date, time | None, time | None, str | None]]:
    return [
        (m.day, m.start, m.end, m.place)
        for m in read_coming_meetings(minutes_lines(text), reference=reference)
    ]


T = time


# --- the minutes' own meeting ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Datum line in its forms, with a Tid line in its forms
        (
            "Samverkansråd Väst\nDatum: 2026-11-03\nTid: kl. 08.30–11.45\nPlats: Kungsgatan 4",
            MeetingRead(date(2026, 11, 3), T(8, 30), T(11, 45), "Kungsgatan 4"),
        ),
        (
            "Datum: tisdag 3 november 2026\nTid: 9–12\nPlats: Teams",
            MeetingRead(date(2026, 11, 3), T(9), T(12), "Teams"),
        ),
        (
            "Datum: 3/11 -26\nTid: 13:15-16\n",
            MeetingRead(date(2026, 11, 3), T(13, 15), T(16), None),
        ),
        (
            "Mötesdatum: 17 mars 2027\nKlockan: 10.00\nLokal: Sjukhuset, rum 12",
            MeetingRead(date(2027, 3, 17), T(10), None, "Sjukhuset, rum 12"),
        ),
        # date and time on the Datum line itself
        (
            "Datum: 2027-01-20, kl 14–16\n\nNärvarande: …",
            MeetingRead(date(2027, 1, 20), T(14), T(16), None),
        ),
        # no Tid line: no time, never the council's default hours
        ("Datum: 5 februari 2027\n", MeetingRead(date(2027, 2, 5))),
        # a date in the title
        (
            "Protokoll arbetsutskottet 2026-09-15\n\nNärvarande\nEva Lind",
            MeetingRead(date(2026, 9, 15)),
        ),
        (
            "Anteckningar från avstämning 22/8 -25\nDeltagare: Per, Siv",
            MeetingRead(date(2025, 8, 22)),
        ),
        (
            "Minnesanteckningar nätverksträff 4 december 2025\nTid: 13.00-15.30\nPlats: Vänersborg",
            MeetingRead(date(2025, 12, 4), T(13), T(15, 30), "Vänersborg"),
        ),
        # Datum/Tid/Plats as one paragraph with line breaks (Teams HTML)
        (
            "<p><b>Datum:</b> 12 oktober 2026<br><b>Tid:</b> 09.00 – 12.00<br>"
            "<b>Plats:</b> Regionhuset, sal B</p><p>Närvarande</p>",
            MeetingRead(date(2026, 10, 12), T(9), T(12), "Regionhuset, sal B"),
        ),
        # labels in a table row (tab between label and value)
        (
            "Datum\t8 april 2026\nTid\tkl 10-12\nPlats\tDigitalt via Teams",
            MeetingRead(date(2026, 4, 8), T(10), T(12), "Digitalt via Teams"),
        ),
        # English labels
        (
            "Date: 2025-03-28\nTime: 10:00-11:30\nLocation: Zoom",
            MeetingRead(date(2025, 3, 28), T(10), T(11, 30), "Zoom"),
        ),
        # on the day the clocks change (DST starts 28 March 2027)
        (
            "Datum: söndag 28 mars 2027\nTid: kl. 02.00–04.00",
            MeetingRead(date(2027, 3, 28), T(2), T(4)),
        ),
    ],
)
def test_own_meeting(text: str, expected: MeetingRead) -> None:
    assert own(text) == expected


def test_agenda_time_slots_are_not_the_meetings_time() -> None:
    text = (
        "Minnesanteckningar styrgruppen 2026-05-19\n"
        "Tid: 13.00–16.00\n\n"
        "Dagordning\n"
        "09.00 Välkommen\n"
        "10.15–10.45 Presentation av enkäten\n"
        "12.00 Lunch\n"
    )
    assert own(text) == MeetingRead(date(2026, 5, 19), T(13), T(16))


def test_agenda_slots_without_a_tid_line_give_no_time() -> None:
    text = "Protokoll 2026-05-19\n\nDagordning\n13.00 Inledning\n13.15–14.00 Budget\n"
    assert own(text) == MeetingRead(date(2026, 5, 19))


def test_a_dated_header_line_is_not_read_from_the_body() -> None:
    # a date in running text far below is not the meeting's date
    text = "Anteckningar\n\nNärvarande: Eva\n\nRapporten kom 2026-02-01 och diskuterades."
    assert own(text) is None


def test_a_yearless_date_in_a_datum_line_is_not_guessed() -> None:
    assert own("Datum: 9 april\nTid: 9-12") is None


def test_minutes_date_keeps_its_callers() -> None:
    assert minutes_date("Datum: 2025-04-09\nx") == date(2025, 4, 9)
    assert minutes_date("Protokoll styrelsemöte 2027-02-03\n") == date(2027, 2, 3)
    assert minutes_date("<p>Datum: 2025-04-09</p><p>Mötesanteckning</p>") == date(2025, 4, 9)
    assert minutes_date("Inga datum här") is None


# --- coming meetings --------------------------------------------------------------------------

OCT_2026 = date(2026, 10, 14)


def test_next_meeting_sentence_with_time_and_place() -> None:
    text = "Övrigt\nNästa möte hålls 18 november kl. 13–15 på Teams."
    assert coming(text, OCT_2026) == [(date(2026, 11, 18), T(13), T(15), "Teams")]


def test_next_meeting_without_time_has_none() -> None:
    text = "Nästa träff blir torsdag 5 november i Alingsås."
    assert coming(text, OCT_2026) == [(date(2026, 11, 5), None, None, "Alingsås")]


def test_next_check_in_short_form() -> None:
    assert coming("Nästa avstämning 9/12", OCT_2026) == [(date(2026, 12, 9), None, None, None)]


def test_next_meeting_as_a_heading_with_the_date_below() -> None:
    text = "Nästa möte\n2 december 2026, 09.00–11.00, Regionens hus, sal 3\n\nMötet avslutas."
    assert coming(text, OCT_2026) == [
        (date(2026, 12, 2), T(9), T(11), "Regionens hus, sal 3"),
    ]


def test_next_meeting_with_labelled_lines() -> None:
    text = "Nästa möte:\nDatum: 25 november 2026\nTid: 9.30-12\nPlats: Borås stadshus"
    assert coming(text, OCT_2026) == [(date(2026, 11, 25), T(9, 30), T(12), "Borås stadshus")]


def test_season_list_in_one_sentence_with_a_shared_time() -> None:
    text = "Höstens möten: 4/11 (Teams), 2/12 (Uddevalla), 16/12 (Teams), samtliga kl. 9–11."
    assert coming(text, OCT_2026) == [
        (date(2026, 11, 4), T(9), T(11), "Teams"),
        (date(2026, 12, 2), T(9), T(11), "Uddevalla"),
        (date(2026, 12, 16), T(9), T(11), "Teams"),
    ]


def test_season_list_by_month_names_without_time() -> None:
    text = "Kommande möten: 3 feb, 10 mars och 21 april."
    reference = date(2027, 1, 13)
    assert coming(text, reference) == [
        (date(2027, 2, 3), None, None, None),
        (date(2027, 3, 10), None, None, None),
        (date(2027, 4, 21), None, None, None),
    ]


def test_bulleted_season_list_crossing_new_year() -> None:
    text = (
        "Mötesplan vintern\n"
        "- 18 november kl 13-16\n"
        "- 16 december kl 13-16 (Vara)\n"
        "- 20 januari kl 13-16\n"
        "- 17 februari, tid meddelas senare\n"
        "\n"
        "Tack för i dag!"
    )
    assert coming(text, OCT_2026) == [
        (date(2026, 11, 18), T(13), T(16), None),
        (date(2026, 12, 16), T(13), T(16), "Vara"),
        (date(2027, 1, 20), T(13), T(16), None),
        (date(2027, 2, 17), None, None, None),
    ]


def test_dates_and_time_and_place_later() -> None:
    text = "Vi ses igen. Nästa möten: 9/3 och 20/4, tid och plats meddelas senare."
    assert coming(text, date(2027, 2, 1)) == [
        (date(2027, 3, 9), None, None, None),
        (date(2027, 4, 20), None, None, None),
    ]


def test_a_next_meeting_sentence_repeating_a_listed_date_counts_once() -> None:
    text = (
        "Vårens sammanträden:\n"
        "• 10 februari kl. 9.30–12\n"
        "• 24 mars kl. 9.30–12\n"
        "\n"
        "Nästa möte är alltså den 10 februari."
    )
    assert coming(text, date(2027, 1, 12)) == [
        (date(2027, 2, 10), T(9, 30), T(12), None),
        (date(2027, 3, 24), T(9, 30), T(12), None),
    ]


def test_a_month_before_the_minutes_month_is_next_year() -> None:
    # read against the minutes' November, not against whatever day it is now
    assert coming("Nästa möte 12 januari kl 10", date(2026, 11, 20)) == [
        (date(2027, 1, 12), T(10), None, None)
    ]


def test_next_meeting_on_the_day_the_clocks_go_back() -> None:
    text = "Nästa möte söndag 25 oktober 2026 kl. 10.00–12.00 på Teams."
    assert coming(text, date(2026, 10, 1)) == [(date(2026, 10, 25), T(10), T(12), "Teams")]


def test_english_next_meeting() -> None:
    text = "Next meeting: 14 May, 10:00-11:30, Teams"
    assert coming(text, date(2025, 4, 2)) == [(date(2025, 5, 14), T(10), T(11, 30), "Teams")]


def test_actions_with_till_nasta_mote_propose_no_meeting() -> None:
    text = (
        "Till nästa möte ska alla läsa rapporten.\n"
        "Per skickar underlaget senast 1 november inför nästa möte."
    )
    assert coming(text, OCT_2026) == []


def test_the_minutes_own_day_is_not_a_coming_meeting() -> None:
    text = "Datum: 2026-10-14\nMötesdagar hösten 2026: 14/10, 11/11"
    assert coming(text, OCT_2026) == [(date(2026, 11, 11), None, None, None)]


def test_a_month_without_a_day_is_no_meeting() -> None:
    assert coming("Nästa möte i december, datum kommer.", OCT_2026) == []


# --- shapes seen failing in the bench, in examples of my own --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day inside the Tid line
        (
            "Arbetsgruppen för psykisk hälsa\nTid: tisdag 8 september 2026, 14.00–16.30\n"
            "Plats: Biblioteket",
            MeetingRead(date(2026, 9, 8), T(14), T(16, 30), "Biblioteket"),
        ),
        (
            "Protokoll\nTid: Fredag 2026-09-11 kl. 10.00–11.00\nPlats: Digitalt",
            MeetingRead(date(2026, 9, 11), T(10), T(11), "Digitalt"),
        ),
        # "Tid och plats" in one line
        (
            "Sammanträdesdatum: 2026-02-12\nTid och plats: Stadshuset, sal 2, kl. 09.00–10.30",
            MeetingRead(date(2026, 2, 12), T(9), T(10, 30), "Stadshuset, sal 2"),
        ),
        # Datum, Tid and Plats on one line
        (
            "Minnesanteckningar\nDatum: 2026-05-06 Tid: 15.00–16.00 Plats: Hallen, plan 3",
            MeetingRead(date(2026, 5, 6), T(15), T(16), "Hallen, plan 3"),
        ),
        # another header label with the time
        (
            "Styrelsemöte 2026-04-20\nDeltagande: digitalt, kl. 10.00–12.00\n\nNärvarande",
            MeetingRead(date(2026, 4, 20), T(10), T(12)),
        ),
    ],
)
def test_own_meeting_header_shapes(text: str, expected: MeetingRead) -> None:
    assert own(text) == expected


def test_a_heading_with_a_shared_time_in_parentheses_and_a_list_below() -> None:
    text = (
        "4. Mötestider våren 2027 (samtliga kl. 10.00–12.00)\n"
        "- 14 januari\n"
        "- 11 februari\n"
        "- 18 mars\n"
    )
    assert coming(text, date(2026, 12, 3)) == [
        (date(2027, 1, 14), T(10), T(12), None),
        (date(2027, 2, 11), T(10), T(12), None),
        (date(2027, 3, 18), T(10), T(12), None),
    ]


def test_a_shared_time_on_its_own_line_under_the_heading() -> None:
    text = (
        "Mötesplan 2027\n"
        "Alla möten hålls kl. 13.30–15.30 i Kommunhuset.\n"
        "• tisdag 19 januari\n"
        "• tisdag 16 februari (tid meddelas senare)\n"
        "• tisdag 16 mars\n"
    )
    assert coming(text, date(2026, 12, 3)) == [
        (date(2027, 1, 19), T(13, 30), T(15, 30), None),
        (date(2027, 2, 16), None, None, None),
        (date(2027, 3, 16), T(13, 30), T(15, 30), None),
    ]


def test_the_sentence_after_next_meeting_goes_on_with_later_dates() -> None:
    text = (
        "Nästa möte 3/11 kl. 9–11, Teams. Därefter 1/12 och 15/12, tid och plats meddelas "
        "senare. Per bjuder in."
    )
    assert coming(text, OCT_2026) == [
        (date(2026, 11, 3), T(9), T(11), "Teams"),
        (date(2026, 12, 1), None, None, None),
        (date(2026, 12, 15), None, None, None),
    ]


def test_a_meeting_date_label_is_not_a_coming_meeting() -> None:
    assert coming("Sammanträdesdatum: 2026-10-14\nMötesdatum: 2026-10-14", OCT_2026) == []


def test_a_list_after_an_introduction_under_the_heading() -> None:
    text = (
        "3. Mötesplan hösten 2026\n"
        "Planeringen är klar. Lokalerna är bokade utom den sista, se nedan:\n"
        "• Onsdag 16 september 2026, 08.30–10.00, Teams\n"
        "• Onsdag 14 oktober 2026, 08.30–12.00, Regionens hus, Skövde\n"
        "• Onsdag 11 november 2026, Teams, tid meddelas senare\n"
        "Välkomna!\n"
        "4. Övrigt\n"
        "Inga övriga frågor."
    )
    assert coming(text, date(2026, 6, 10)) == [
        (date(2026, 9, 16), T(8, 30), T(10), "Teams"),
        (date(2026, 10, 14), T(8, 30), T(12), "Regionens hus, Skövde"),
        (date(2026, 11, 11), None, None, "Teams"),
    ]


# --- places ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Protokoll\nMötesdatum: 2026-01-21\nPlats och tid: Folkhögskolan, kl. 10.00–12.00",
            MeetingRead(date(2026, 1, 21), T(10), T(12), "Folkhögskolan"),
        ),
        (
            "Styrelsemöte 2026-04-20\nMötesform: Teams, kl. 10.00–12.00",
            MeetingRead(date(2026, 4, 20), T(10), T(12), "Teams"),
        ),
        (
            "Meeting: Tuesday 3 March 2026, 14–15, Zoom",
            MeetingRead(date(2026, 3, 3), T(14), T(15), "Zoom"),
        ),
        # a date line under the title, with time and place after it
        (
            "Nätverket för äldrevård – möte 3/2026\nTorsdag 12 mars 2026, kl. 13.00–14.30, Teams\n",
            MeetingRead(date(2026, 3, 12), T(13), T(14, 30), "Teams"),
        ),
        # place and time in parentheses in the title
        (
            "Kort avstämning 3/2 -27 (Zoom 08.15-08.45)\nNärv: Anna, Bo",
            MeetingRead(date(2027, 2, 3), T(8, 15), T(8, 45), "Zoom"),
        ),
    ],
)
def test_own_meeting_places(text: str, expected: MeetingRead) -> None:
    assert own(text) == expected


def test_a_place_shared_by_all_dates() -> None:
    text = "Kommande möten\n3 februari 2027 och 3 mars 2027, båda kl. 9–10 på Teams."
    assert coming(text, date(2027, 1, 13)) == [
        (date(2027, 2, 3), T(9), T(10), "Teams"),
        (date(2027, 3, 3), T(9), T(10), "Teams"),
    ]
    text = "Vårens möten: 10/2, 10/3 och 7/4, alla kl. 13.00–15.00 i Regionens hus."
    assert [m[3] for m in coming(text, date(2027, 1, 13))] == ["Regionens hus"] * 3


def test_meeting_dates_named_inside_a_decision() -> None:
    text = (
        "§ 7 Mötesplan\nStyrgruppen beslutar att fastställa följande mötesdatum för våren: "
        "tisdag 2 februari och tisdag 16 mars 2027, båda kl. 9–11 i Visby."
    )
    assert coming(text, date(2026, 11, 24)) == [
        (date(2027, 2, 2), T(9), T(11), "Visby"),
        (date(2027, 3, 16), T(9), T(11), "Visby"),
    ]


def test_a_bare_label_for_the_next_meeting() -> None:
    text = "Avstämning 4/11\nNärv: Ola, Siv\nNästa: tors 26/11 kl 14–15 Teams"
    assert [(d, s, e) for d, s, e, _ in coming(text, date(2026, 11, 4))] == [
        (date(2026, 11, 26), T(14), T(15))
    ]


def test_the_same_time_as_the_first_date() -> None:
    text = (
        "Nästa möte är onsdag 9 juni kl 10.00–12.00 i Kiruna, "
        "därefter onsdag 8 september och onsdag 3 november, samma tid."
    )
    assert [(d, s, e) for d, s, e, _ in coming(text, date(2027, 5, 12))] == [
        (date(2027, 6, 9), T(10), T(12)),
        (date(2027, 9, 8), T(10), T(12)),
        (date(2027, 11, 3), T(10), T(12)),
    ]


def test_a_table_of_coming_meetings() -> None:
    text = (
        "7. Mötesplan\nDatum | Tid | Plats\nTisdag 2 februari 2027 | 9.00–11.30 | Teams\n"
        "Tisdag 13 april 2027 | 13.00–16.00 | Stadshuset Kalmar\n"
    )
    assert coming(text, date(2026, 12, 1)) == [
        (date(2027, 2, 2), T(9), T(11, 30), "Teams"),
        (date(2027, 4, 13), T(13), T(16), "Stadshuset Kalmar"),
    ]


def test_a_time_after_a_bare_list_of_dates_is_every_ones() -> None:
    text = "Kommande möten: 3/2, 17/3 och 5/5 kl. 13–15."
    assert [(d, s, e) for d, s, e, _ in coming(text, date(2026, 12, 1))] == [
        (date(2027, 2, 3), T(13), T(15)),
        (date(2027, 3, 17), T(13), T(15)),
        (date(2027, 5, 5), T(13), T(15)),
    ]


def test_the_same_time_on_a_line_of_its_own_under_the_heading() -> None:
    text = "Nästa möte\nTisdag 2/2 2027 kl. 9–11, Teams.\nDärefter 2/3 och 6/4, samma tid."
    assert [(d, s, e) for d, s, e, _ in coming(text, date(2026, 12, 1))] == [
        (date(2027, 2, 2), T(9), T(11)),
        (date(2027, 3, 2), T(9), T(11)),
        (date(2027, 4, 6), T(9), T(11)),
    ]


def test_the_council_meets_on_dates_said_in_a_sentence() -> None:
    text = "Beslut: att gruppen under våren sammanträder 3 februari och 10 mars, samtliga kl. 9–11."
    assert [(d, s, e) for d, s, e, _ in coming(text, date(2026, 12, 1))] == [
        (date(2027, 2, 3), T(9), T(11)),
        (date(2027, 3, 10), T(9), T(11)),
    ]


def test_the_same_time_as_this_meeting() -> None:
    lines = minutes_lines("Vårens träffar: 19/1 och 16/2, samma tid, Teams.")
    found = read_coming_meetings(lines, reference=date(2026, 11, 3), own_time=(T(9), T(11, 30)))
    assert [(m.day, m.start, m.end) for m in found] == [
        (date(2027, 1, 19), T(9), T(11, 30)),
        (date(2027, 2, 16), T(9), T(11, 30)),
    ]
