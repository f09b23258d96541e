"""Swedish and English strings never drift apart."""

from __future__ import annotations

import string

from dialogs.lang import en, sv


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_same_keys_in_both_languages() -> None:
    assert set(sv.TEXTS) == set(en.TEXTS)


def test_same_placeholders_in_both_languages() -> None:
    for key, swedish in sv.TEXTS.items():
        assert _fields(swedish) == _fields(en.TEXTS[key]), key
