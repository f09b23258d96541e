"""``radsbot notes --file`` and ``members add --file``, and a paste into ``radsbot chat`` in a
real terminal (a pseudo-terminal driving the real process)."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import termios
import time
from pathlib import Path

from bot.console import run_console, run_notes_file
from bot.documents import MAX_FILE_BYTES
from bot.settings import Settings
from tests.bot.minutes_files import MINUTES_TEXT, minutes_docx, saved
from tests.conftest import FakeClock
from tests.fakes.radsbot_cli import RADSBOT, radsbot_env

ROSTER_DOCX_ROWS = [
    ["Maja Berndes", "ordförande"],
    ["Carin Skoog", "sekreterare"],
    ["Lars Gelander", "Borås Stad"],
    ["Joanna Pestalozzi", "Göteborgs Stad"],
]


SETUP = (
    "council create Samordningsråd Barn (SOR Barn)\nmembers add\n"
    + "\n".join(", ".join(row) for row in ROSTER_DOCX_ROWS)
    + "\n\n"
)


def _radsbot(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RADSBOT, *args],
        input=stdin,
        env=radsbot_env(url),
        capture_output=True,
        text=True,
        timeout=60,
    )


def _roster_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Deltagare", level=2)
    table = document.add_table(rows=len(ROSTER_DOCX_ROWS), cols=2)
    for cells, row in zip(ROSTER_DOCX_ROWS, table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text
    path.write_bytes(saved(document))
    return path


def _preview(out: str) -> str:
    """The notes preview in the command's output: from its title to its answer line."""
    start = out.index("Jag hittade")
    return out[start : out.index("eller `avbryt`", start)]


async def _console(url: str, clock: FakeClock, text: str) -> str:
    out = io.StringIO()
    await run_console(
        Settings(database_url=url),
        as_name="Carin Skoog",
        council_short="SOR Barn",
        clock=clock,
        stdin=io.StringIO(text),
        stdout=out,
    )
    return out.getvalue()


async def test_members_add_from_a_word_file(
    migrated_sqlite_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    await _console(migrated_sqlite_url, clock, "council create Samordningsråd Barn (SOR Barn)\n")
    out = io.StringIO()
    roster = _roster_docx(tmp_path / "deltagare.docx")
    code = await run_notes_file(
        Settings(database_url=migrated_sqlite_url),
        roster,
        command="members add",
        as_name="Carin Skoog",
        council_short="SOR Barn",
        answer_ok=True,
        clock=clock,
        stdout=out,
    )
    assert code == 0
    assert "Medlemslistan är uppdaterad" in out.getvalue()
    assert "Joanna Pestalozzi" in await _console(migrated_sqlite_url, clock, "members\n")


async def test_notes_from_word_and_text_files(
    migrated_sqlite_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    url = migrated_sqlite_url
    await _console(url, clock, SETUP)
    who = ("--as", "Carin Skoog", "--council", "SOR Barn")
    word = tmp_path / "minnesanteckningar.docx"
    word.write_bytes(minutes_docx())
    shown = _radsbot(url, "notes", "--file", str(word), *who)  # no answer: nothing saved
    assert shown.returncode == 0, shown.stderr
    assert "Lars Gelander: Tar fram underlag om remissen" in shown.stdout
    text = tmp_path / "minnesanteckningar.txt"
    text.write_text(MINUTES_TEXT, encoding="utf-8")
    answered = _radsbot(url, "notes", "--file", str(text), *who, stdin="ok\n")
    assert answered.returncode == 0, answered.stderr
    assert _preview(answered.stdout) == _preview(shown.stdout)
    assert "är sparade" in answered.stdout
    listing = await _console(url, clock, "åtgärder\n")
    assert listing.count("Tar fram underlag om remissen") == 1


def test_files_refused_with_one_line(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'refused.db'}"
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    big = tmp_path / "stor.txt"
    big.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    for path, says in ((pdf, "Den filtypen kan jag inte läsa"), (big, "för stor")):
        refused = _radsbot(url, "notes", "--file", str(path), "--council", "SOR Barn", "--yes")
        assert refused.returncode == 1
        assert says in refused.stderr and len(refused.stderr.splitlines()) == 1
        assert refused.stdout == ""


# -- a paste in a terminal -----------------------------------------------------------------


class _Terminal:
    """``radsbot chat`` on a pseudo-terminal: type, paste, read the screen."""

    def __init__(self, url: str) -> None:
        self.master, self.slave = pty.openpty()
        self.before = termios.tcgetattr(self.slave)
        self.process = subprocess.Popen(
            [RADSBOT, "chat", "--as", "Carin Skoog"],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=radsbot_env(url),
            start_new_session=True,
        )
        self.screen = ""

    def read_until(self, text: str, seconds: float = 30.0) -> str:
        """Output until ``text`` has appeared since the last call (the process is another
        program booting and answering: this waits for it, not for time to pass)."""
        deadline = time.monotonic() + seconds
        while text not in self.screen:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} never came: {self.screen[-2000:]!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the process ended and closed the terminal
                    break
                self.screen += chunk.decode(errors="replace")
        seen, _, self.screen = self.screen.partition(text)
        return seen + text

    def type(self, text: str) -> None:
        os.write(self.master, text.replace("\n", "\r").encode())

    def close(self) -> None:
        self.process.wait(timeout=30)
        os.close(self.master)
        os.close(self.slave)


def test_a_pasted_document_is_one_message(tmp_path: Path) -> None:
    terminal = _Terminal(f"sqlite+aiosqlite:///{tmp_path / 'pty.db'}")
    try:
        assert "\x1b[?2004h" in terminal.read_until("rådsbot> ")  # bracketed paste asked for
        terminal.type("council create Samordningsråd Barn (SOR Barn)\n")
        assert "är skapat" in terminal.read_until("rådsbot> ")
        # A paste with blank lines in it: one message, not a command per paragraph.
        terminal.type(
            "\x1b[200~members add\nDeltagare\nMaja Berndes, ordförande\n\n"
            "Övriga deltagare\n\nLars Gelander\n\x1b[201~\n"
        )
        answer = terminal.read_until("rådsbot> ")
        assert "2 nya" in answer and "Lars Gelander" in answer, answer
        assert "Jag förstår inte" not in answer
        # Typed (not pasted), a block command still ends at the first empty line.
        terminal.type("members add\nKarin Berg\n\n")
        assert "1 ny," in terminal.read_until("rådsbot> ")
        terminal.type("exit\n")
        assert "\x1b[?2004l" in terminal.read_until("\x1b[?2004l")
        assert terminal.process.wait(timeout=30) == 0
        assert termios.tcgetattr(terminal.slave) == terminal.before  # the terminal as found
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
        terminal.close()
