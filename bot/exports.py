"""A council's lists for Excel: actions (open and done), meetings, decisions and nominations.

XLSX is written with openpyxl: Swedish column names, dates as real dates (Stockholm wall
clock, since Excel has no time zones), an autofilter and a frozen header row. CSV is UTF-8
with a BOM, so Excel opens å, ä and ö correctly, and ``;`` between fields, as Excel expects
where the decimal sign is a comma (Sweden). Names as on the roster, never an e-mail address.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.dates.writing import local
from dialogs.link_paths import EXPORT_DATASETS, EXPORT_FORMATS
from dialogs.people.owner_list import action_owners
from store import nominations
from store.council_records import all_actions, all_decisions, all_meetings
from store.models import ActionStatus, Council, MeetingStatus

Cell = str | int | date | datetime | time | None

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = EXPORT_FORMATS

_KINDS = {"physical": "på plats", "digital": "Teams", "hybrid": "hybrid"}
_ACTION_STATUS = {"open": "öppen", "done": "klar", "cancelled": "struken"}


@dataclass(frozen=True)
class Table:
    """One list: its sheet name, its column names and its rows."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def _day(moment: datetime | None, has_time: bool = False) -> date | datetime | None:
    """A moment as Excel should see it: the Stockholm wall clock, without a zone."""
    if moment is None:
        return None
    wall = local(moment).replace(tzinfo=None)
    return wall if has_time else wall.date()


async def _actions(session: AsyncSession, council: Council, done: bool) -> Table:
    statuses = [ActionStatus.DONE] if done else [ActionStatus.OPEN]
    rows: list[tuple[Cell, ...]] = [
        (
            a.number,
            a.text,
            action_owners(a, "alla"),
            _day(a.due_at, a.due_has_time),
            _ACTION_STATUS[a.status.value],
            _day(a.created_at),
            _day(a.done_at),
        )
        for a in await all_actions(session, council.id, statuses)
    ]
    columns = ("Nr", "Åtgärd", "Ansvariga", "Deadline", "Status", "Skapad", "Klar")
    return Table("Klara åtgärder" if done else "Öppna åtgärder", columns, rows)


async def _meetings(session: AsyncSession, council: Council) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for m in await all_meetings(session, council.id):
        start = local(m.starts_at)
        end = local(m.ends_at) if m.ends_at else None
        rows.append(
            (
                m.number,
                start.date(),
                start.time().replace(tzinfo=None) if m.time_known else None,
                end.time().replace(tzinfo=None) if end and m.time_known else None,
                m.place,
                m.online_url,
                _KINDS[m.kind.value],
                "inställt" if m.status == MeetingStatus.CANCELLED else "planerat",
            )
        )
    columns = ("Nr", "Datum", "Start", "Slut", "Plats", "Teamslänk", "Form", "Status")
    return Table("Möten", columns, rows)


async def _decisions(session: AsyncSession, council: Council) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (d.number, d.decided_on, d.section, d.text)
        for d in await all_decisions(session, council.id)
    ]
    return Table("Beslut", ("Nr", "Datum", "Paragraf", "Beslut"), rows)


async def _nominations(session: AsyncSession, council: Council) -> Table:
    rounds = await nominations.rounds_of(session, council.id)
    by_round: dict[int, list[Any]] = {}
    for nomination in await nominations.nominations_in(session, [r.id for r in rounds]):
        by_round.setdefault(nomination.round_id, []).append(nomination)
    rows: list[tuple[Cell, ...]] = []
    for r in rounds:
        closes = _day(r.deadline_at, r.deadline_has_time)
        status = "öppen" if r.status.value == "open" else "stängd"
        for n in by_round.get(r.id, []):
            backers = ", ".join(b.full_name for b in n.backers)
            rows.append(
                (
                    r.target,
                    n.role,
                    n.nominee_name,
                    backers,
                    "ja" if n.chosen else "",
                    closes,
                    status,
                )
            )
        if r.id not in by_round:
            rows.append((r.target, ", ".join(r.roles or ()), None, None, None, closes, status))
    columns = ("Omgång", "Roll", "Nominerad", "Föreslagen av", "Vald", "Stänger", "Status")
    return Table("Nomineringar", columns, rows)


#: The lists, by the name in their address.
DATASETS: dict[str, Callable[[AsyncSession, Council], Awaitable[Table]]] = {
    "atgarder-oppna": lambda s, c: _actions(s, c, done=False),
    "atgarder-klara": lambda s, c: _actions(s, c, done=True),
    "moten": _meetings,
    "beslut": _decisions,
    "nomineringar": _nominations,
}
assert tuple(DATASETS) == EXPORT_DATASETS


async def load_table(session: AsyncSession, council: Council, dataset: str) -> Table:
    return await DATASETS[dataset](session, council)


def xlsx_bytes(table: Table) -> bytes:
    """The table as a workbook of one sheet (CPU work: run it off the event loop)."""
    # Imported here, not at the top: openpyxl costs a third of a second of every start-up
    # (every `radsbot` command), and only an export needs it.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = table.title[:31]
    sheet.append(list(table.columns))
    for row in table.rows:
        sheet.append(list(row))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str) and cell.data_type == "f":
                # what people wrote is text, never a formula that runs when the file opens
                cell.data_type = "s"
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, time):
                cell.number_format = "hh:mm"
    for index, name in enumerate(table.columns, start=1):
        longest = max([len(name)] + [len(_text(row[index - 1])) for row in table.rows[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 10), 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


#: How a field starts that Excel (and LibreOffice) would read as a formula, or as the start
#: of one (OWASP, *CSV Injection*).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Cell) -> str:
    """A CSV field that Excel shows as the text it is: a name a member nominated as
    ``=cmd|' /C calc'!A0`` or ``=HYPERLINK(…)`` must not run on the secretary's machine."""
    text = _text(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def csv_bytes(table: Table) -> bytes:
    """The table as CSV for Excel: UTF-8 with a BOM, ``;`` between fields, no formulas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([_inert(cell) for cell in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")
