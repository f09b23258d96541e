"""Things that exist once: the Stockholm time zone, the Swedish holiday calendar, HTML to text.

A second copy drifts (another zone name, other holiday categories); these tests find one.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = ("bot", "dialogs", "store", "scheduler")
FOLDERS = (*CODE, "tests", "bench")


def places(text: str, folders: tuple[str, ...] = FOLDERS) -> list[str]:
    """Every Python file under ``folders`` that has ``text``, but this test."""
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path != Path(__file__).resolve() and text in path.read_text("utf-8"):
                found.append(path.relative_to(ROOT).as_posix())
    return found


def test_one_stockholm_time_zone() -> None:
    assert places('ZoneInfo("Europe/Stockholm")') == ["dialogs/datefmt.py"]


def test_one_holiday_calendar() -> None:
    assert places("holidays.country_holidays(") == ["dialogs/workdays.py"]
    assert places("import holidays") == ["dialogs/workdays.py"]


def test_one_html_to_text() -> None:
    assert places("html.unescape(", CODE) == ["dialogs/html_text.py"]
    assert places("HTMLParser", CODE) == ["dialogs/html_text.py"]


def test_the_search_finds_what_is_there() -> None:
    assert "dialogs/workdays.py" in places("def swedish_holidays(")
