"""User-facing strings: one table per language in ``dialogs/lang``, looked up here."""

from __future__ import annotations

from dialogs.lang import en, sv

LANGUAGES: dict[str, dict[str, str]] = {"sv": sv.TEXTS, "en": en.TEXTS}
DEFAULT_LANGUAGE = "sv"


def text(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in (Swedish if ``lang`` is unknown)."""
    table = LANGUAGES.get(lang, LANGUAGES[DEFAULT_LANGUAGE])
    return table[key].format(**values)
