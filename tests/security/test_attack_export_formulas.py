"""Threat: any member may nominate a name the roster does not have, and it is kept as
written; the secretary's export wrote it into the XLSX and CSV files as it stood. A name such
as `=cmd|' /C calc'!A0` or `=HYPERLINK(…)` then was a formula in the workbook (openpyxl makes
every string that starts with `=` one) and in the CSV, run by Excel on the secretary's
machine when she opens the list (CSV or formula injection)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.fakes.teams import TeamsChat
from tests.fixtures.links import urls_in

FORMULAS = ("=cmd|' /C calc'!A0", '=HYPERLINK("//evil.example/x")', "+1+1", "@SUM(1+1)")


@pytest.fixture
def database_url(migrated_sqlite_url: str) -> str:
    """SQLite only: the files are made the same way from either database."""
    return migrated_sqlite_url


async def test_a_nominated_formula_is_text_in_the_export(teams: TeamsChat) -> None:
    await teams.setup_council()
    await teams.say("nomination open RPT THS roles ordförande deadline 31 maj")
    for formula in FORMULAS:
        assert "är nominerad" in await teams.say(
            f"nominera RPT THS ordförande {formula}", user="Lars Gelander"
        )
    links = {url.rsplit("/", 1)[1]: url for url in urls_in(await teams.say("export"))}

    status, body, _ = await teams.get(links["nomineringar.xlsx"])
    assert status == 200
    cells = [row[2] for row in load_workbook(io.BytesIO(body)).active.iter_rows(min_row=2)]
    assert [c.value for c in cells] == list(FORMULAS)  # shown as written
    assert all(c.data_type == "s" for c in cells), [(c.value, c.data_type) for c in cells]

    status, body, _ = await teams.get(links["nomineringar.csv"])
    assert status == 200
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    names = [row[2] for row in rows[1:]]
    assert names == ["'" + f for f in FORMULAS], names
    assert rows[1][3] == "Lars Gelander"  # other fields as they were
