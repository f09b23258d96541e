"""The page of a person's own data (GDPR art. 15): the sections of
``store.personal_data`` as tables, in the person's language; the same data as JSON beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from dialogs.text.markup import without_marks
from dialogs.texts import text

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "✓" if value else "–"
    return str(value)


def render_my_data_page(data: dict[str, Any], lang: str, json_url: str) -> str:
    """The HTML page: one table per section, the person's own row first."""
    sections = [(name, [rows] if isinstance(rows, dict) else rows) for name, rows in data.items()]

    def t(key: str, **values: object) -> str:
        return without_marks(text(lang, key, **values))

    return _TEMPLATES.get_template("my_data.html").render(
        lang=lang, t=t, sections=sections, shown=_shown, json_url=json_url
    )
