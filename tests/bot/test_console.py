"""``radsbot chat``: the same commands in a terminal, against the same database."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.console import run_console
from bot.settings import Settings
from dialogs.dates.calendar import monday_of
from dialogs.dates.workdays import swedish_holidays
from tests.conftest import FakeClock
from tests.fakes.teams import SOR_BARN_ROSTER


async def _chat(url: str, clock: FakeClock, text: str, **kwargs: str | None) -> str:
    out = io.StringIO()
    await run_console(
        Settings(database_url=url),
        as_name=kwargs.get("as_name"),
        council_short=kwargs.get("council"),
        clock=clock,
        stdin=io.StringIO(text),
        stdout=out,
    )
    return out.getvalue()


async def test_console_session_from_scratch(sqlite_url: str, clock: FakeClock) -> None:
    script = (
        "council create Samordningsråd Barn (SOR Barn)\n"
        "members add\n" + SOR_BARN_ROSTER + "\n\n"
        "meeting add fredag 12 september, Stationshuset, Gbg\n"
        "nästa möte\n"
    )
    out = await _chat(sqlite_url, clock, script, as_name="Carin Skoog")
    assert "Samordningsråd Barn (SOR Barn) är skapat" in out
    assert "18 nya, 1 uppdaterad" in out
    assert "Medlemslistan är uppdaterad" in out
    assert "Nästa möte: fre 12 sep kl. 09.30–15.30" in out
    assert "Plats: Stationshuset, Gbg" in out
    # Another member, another terminal session, the same council by its short name.
    out = await _chat(
        sqlite_url,
        clock,
        "next meeting\nexit\nhjälp\n",
        as_name="Lars Gelander",
        council="SOR Barn",
    )
    assert "Nästa möte: fre 12 sep kl. 09.30–15.30" in out
    assert "Det här kan jag" not in out  # nothing after exit


async def test_console_unknown_council_is_said(sqlite_url: str, clock: FakeClock) -> None:
    out = await _chat(sqlite_url, clock, "nästa möte\n", as_name="X", council="Finns Inte")
    assert "Inget råd heter 'Finns Inte'" in out
    assert "inte kopplad till något råd" in out


def _readme_walkthrough() -> str:
    """The commands of the README's "Try it without Teams", as a person would paste them."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Try it without Teams", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = []
    for line in block.strip().splitlines()[1:]:  # the first line starts the terminal
        line = line.removeprefix("rådsbot> ")
        lines.append("" if "←" in line else line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "today", ["2025-04-09 10:00", "2026-11-23 10:00", "2027-03-26 16:00", "2027-12-30 09:00"]
)
async def test_the_readme_walkthrough_works_whatever_the_date(
    sqlite_url: str, clock: FakeClock, today: str
) -> None:
    clock.set(today)
    script = _readme_walkthrough()
    # "fredag nästa vecka" said on 9 April 2025 is långfredagen: the bot asks, keeping it saves it
    friday = monday_of(date.fromisoformat(today[:10])) + timedelta(days=11)
    holiday = friday in swedish_holidays(friday.year)
    if holiday:
        script = script.replace("Stationshuset, Gbg\n", "Stationshuset, Gbg\nbehåll\n")
    out = await _chat(sqlite_url, clock, script, as_name="Carin Skoog")
    assert "Medlemslistan är uppdaterad" in out
    assert ("är långfredagen – ska mötet vara då ändå?" in out) == holiday, out
    assert "Nästa möte: fre " in out, out
    assert "Plats: Stationshuset, Gbg" in out
    assert "⚠️" not in out


async def test_console_asks_about_a_day_just_passed(sqlite_url: str, clock: FakeClock) -> None:
    """The terminal shares the questions: "30 nov" on 2 December is asked about, `avbryt`
    saves nothing, and a new date typed as the answer is read as one."""
    clock.set("2026-12-02 10:00")
    script = (
        "council create Samordningsråd Barn (SOR Barn)\n"
        "meeting add 30 nov kl 13-15\n"
        "avbryt\n"
        "nästa möte\n"
        "meeting add 30 nov kl 13-15\n"
        "nej\n"
        "8 dec\n"
        "nästa möte\n"
    )
    out = await _chat(sqlite_url, clock, script, as_name="Carin Skoog")
    assert out.count("30 nov har redan varit – menade du 30 nov 2027?") == 2
    assert "Avbrutet – inget sparades" in out
    assert "Inga kommande möten" in out
    assert "Vilket datum ska det vara?" in out
    assert "Nästa möte: tis 8 dec kl. 13.00–15.00" in out
