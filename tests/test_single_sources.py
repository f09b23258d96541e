"""Things that exist once: the Stockholm time zone, the Swedish holiday calendar, HTML to text,
the way an action's owners and a deadline are written.

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
    assert places('ZoneInfo("Europe/Stockholm")') == ["dialogs/dates/writing.py"]


def test_one_holiday_calendar() -> None:
    assert places("holidays.country_holidays(") == ["dialogs/dates/workdays.py"]
    assert places("import holidays") == ["dialogs/dates/workdays.py"]


def test_one_html_to_text() -> None:
    assert places("html.unescape(", CODE) == ["dialogs/text/html.py"]
    assert places("HTMLParser", CODE) == ["dialogs/text/html.py"]


def test_one_way_to_write_an_owner_list() -> None:
    assert places(".owner_text ", CODE) + places(".owner_text)", CODE) == [
        "bot/council_page.py",  # groups the page by owner, a heading each
        "dialogs/people/owner_list.py",
    ]


def test_one_way_to_write_a_deadline() -> None:
    keys = ('"action.due"', '"action.due_meeting"', '"action.due_rough"', '"action.no_deadline"')
    for key in keys:
        used = [path for path in places(key, CODE) if not path.startswith("dialogs/lang/")]
        assert used == ["dialogs/dates/deadlines.py"], key


def test_the_search_finds_what_is_there() -> None:
    assert "dialogs/dates/workdays.py" in places("def swedish_holidays(")
