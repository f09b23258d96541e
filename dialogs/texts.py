"""User-facing strings: one table per language in ``dialogs/lang``, looked up here."""

from __future__ import annotations

from dialogs.lang import en, sv
from dialogs.text.markup import template

LANGUAGES: dict[str, dict[str, str]] = {"sv": sv.TEXTS, "en": en.TEXTS}
DEFAULT_LANGUAGE = "sv"
#: the tables with their ``**bold**`` and ```code``` as our marks, made once
_TEMPLATES = {lang: {k: template(v) for k, v in table.items()} for lang, table in LANGUAGES.items()}


def text(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in (Swedish if ``lang`` is unknown).

    The values are words, never markup: a member's ``**`` or ``[…](…)`` filled in here is
    shown as typed (see ``dialogs.text.markup``).
    """
    table = _TEMPLATES.get(lang, _TEMPLATES[DEFAULT_LANGUAGE])
    return table[key].format(**values)


def plural_form(count: int) -> str:
    """The plural key's ending for ``count``: Swedish and English both say "1 åtgärd"/"1 action"
    and "0, 2, 5 åtgärder"/"actions" (CLDR's rule for both: ``one`` is exactly 1)."""
    return "one" if count == 1 else "other"


def plural(lang: str, key: str, n: int, **values: object) -> str:
    """``key.one`` or ``key.other`` in ``lang`` as ``n`` asks, with ``{count}`` filled in by ``n``
    unless ``values`` shows it otherwise (days "7, 1" agree as a plural)."""
    return text(lang, f"{key}.{plural_form(n)}", **{"count": n, **values})


def language_of_locale(locale: str | None) -> str | None:
    """The language the bot writes for a chat app's language (``en-GB`` → ``en``); None for
    one it does not write (a Finnish Teams falls back to the council's)."""
    if not locale:
        return None
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None
