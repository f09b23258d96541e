"""``export`` (issue 17): the council's lists as XLSX and CSV, read back with openpyxl and
Python's csv module as Excel would open them; officers only, links that expire."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, time

import pytest
from openpyxl import load_workbook

from tests.conftest import FakeClock
from tests.fakes.teams import TeamsChat
from tests.fixtures.links import urls_in

_LINK = re.compile(r"http://\S+?/export/\S+?\.(?:xlsx|csv)$")

MINUTES = """Protokoll Samordningsråd Barn
Datum: 2025-04-08

§ 12 Arbetsordning
Beslut: Rådet antar arbetsordningen för Åre och Öckerö.
"""


@pytest.fixture
def database_url(migrated_sqlite_url: str) -> str:
    """SQLite only: what these lists and pages read is the same on PostgreSQL, where the
    links themselves are tested (``test_calendar_feeds``, ``security/test_secret_links``)."""
    return migrated_sqlite_url


async def _get(teams: TeamsChat, url: str) -> tuple[int, bytes, str]:
    status, body, headers = await teams.get(url)
    return status, body, headers.get("Content-Type", "")


async def test_export_lists_as_xlsx_and_csv(teams: TeamsChat, clock: FakeClock) -> None:
    await teams.setup_council()
    await teams.say("meeting add 12 september kl 09.30-15.30, Stationshuset, Gbg")
    await teams.say("meeting add 13 oktober, Teamsmöte")
    await teams.say("action Lars Gelander: ta fram underlag om ätstörningar senast 15 maj")
    await teams.say("action Karin Berg och Joanna Pestalozzi: boka lokal senast 20 maj kl 12.00")
    await teams.say("klar 2")
    await teams.say("notes\n" + MINUTES)
    await teams.say("ok")
    await teams.say("nomination open RPT THS roles ordförande, koordinator deadline 31 maj")
    await teams.say("nominera RPT THS ordförande Lisa Ståleby", user="Lars Gelander")

    reply = await teams.say("export")
    assert "Export av SOR Barn" in reply and "ett dygn" in reply
    links = [url for url in urls_in(reply) if _LINK.match(url)]
    assert len(links) == 10  # five lists, two formats each

    by_name = {url.rsplit("/", 1)[1]: url for url in links}
    status, body, content_type = await _get(teams, by_name["atgarder-oppna.xlsx"])
    assert status == 200 and content_type.startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.values)
    assert rows[0] == ("Nr", "Åtgärd", "Ansvariga", "Deadline", "Status", "Skapad", "Klar")
    assert rows[1][:5] == (
        1,
        "Ta fram underlag om ätstörningar",
        "Lars Gelander",
        datetime(2025, 5, 15),  # a real date, as Excel stores them
        "öppen",
    )
    assert sheet["D2"].number_format == "yyyy-mm-dd"
    assert sheet.auto_filter.ref == "A1:G2"
    assert sheet.freeze_panes == "A2"

    status, body, _ = await _get(teams, by_name["atgarder-klara.xlsx"])
    done = list(load_workbook(io.BytesIO(body)).active.values)
    assert done[1][2] == "Karin Berg, Joanna Pestalozzi"
    assert done[1][3] == datetime(2025, 5, 20, 12, 0)  # the time kept: Stockholm wall clock
    assert done[1][4] == "klar" and isinstance(done[1][6], datetime)

    status, body, _ = await _get(teams, by_name["moten.xlsx"])
    meetings = list(load_workbook(io.BytesIO(body)).active.values)
    assert meetings[0] == ("Nr", "Datum", "Start", "Slut", "Plats", "Teamslänk", "Form", "Status")
    by_number = {row[0]: row for row in meetings[1:]}
    assert by_number[1][:5] == (
        1,
        datetime(2025, 9, 12),
        time(9, 30),
        time(15, 30),
        "Stationshuset, Gbg",
    )
    # the minutes' own meeting: its day, no time made up
    assert by_number[3][1:4] == (datetime(2025, 4, 8), None, None)
    assert [row[0] for row in meetings[1:]] == [3, 1, 2]  # by day

    status, body, content_type = await _get(teams, by_name["beslut.csv"])
    assert status == 200 and content_type.startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    decisions = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert decisions[0] == ["Nr", "Datum", "Paragraf", "Beslut"]
    assert decisions[1][1:] == [
        "2025-04-08",
        "§ 12",
        "Rådet antar arbetsordningen för Åre och Öckerö.",
    ]

    status, body, _ = await _get(teams, by_name["nomineringar.csv"])
    nominations = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert nominations[0][:4] == ["Omgång", "Roll", "Nominerad", "Föreslagen av"]
    assert nominations[1][:4] == ["RPT THS", "ordförande", "Lisa Ståleby", "Lars Gelander"]

    # nothing of the lists carries an e-mail address (Maja's is on the roster)
    for url in links:
        assert b"@vgregion.se" not in (await _get(teams, url))[1]

    # the links work for a day, then answer 404 like any wrong address
    clock.advance(hours=25)
    assert (await _get(teams, by_name["beslut.csv"]))[0] == 404


async def test_export_is_for_officers(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("hjälp", user="Lars Gelander")
    reply = await teams.say("export", user="Lars Gelander")
    assert "sekreterare, ordförande eller koordinator" in reply and "/export/" not in reply
