"""Every Swedish string passes hunspell with Debian's Swedish dictionary (issue 15 point 6)."""

from __future__ import annotations

import pytest

from dialogs.lang import sv
from tests.dialogs import spelling

_MISSING = spelling.why_not_available()


@pytest.mark.skipif(_MISSING is not None, reason=f"Swedish spell check: {_MISSING}")
def test_every_swedish_string_is_spelled_right() -> None:
    flagged = spelling.flagged(sv.TEXTS, spelling.allowed_words())
    assert flagged == {}, "\n".join(f"{w}: {', '.join(keys[:3])}" for w, keys in flagged.items())


@pytest.mark.skipif(_MISSING is not None, reason=f"Swedish spell check: {_MISSING}")
def test_the_checker_finds_a_misspelling() -> None:
    """The check reads the words, not the markup: a slip inside bold text is still found."""
    table = {
        "x": "Åtgärd {number} är **sparadd** i `mina atgarder` i `klar 3`",
        "y": "CSV-filerna öppnas",
    }
    assert spelling.flagged(table, spelling.allowed_words()) == {
        "atgarder": ["x"],
        "sparadd": ["x"],
    }


def test_placeholders_and_markup_are_not_words() -> None:
    assert spelling.words_of("**{name}** skrev `klar {n}` – se [sidan](https://x.se/a).") == [
        "skrev",
        "klar",
        "se",
        "sidan",
    ]
