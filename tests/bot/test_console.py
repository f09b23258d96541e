"""``radsbot chat``: the same commands in a terminal, against the same database."""

from __future__ import annotations

import io

from bot.console import run_console
from bot.settings import Settings
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
    assert "18 nya, 1 uppdaterade" in out
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
