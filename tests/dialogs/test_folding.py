"""Folding: what the bot compares names and command words by, and how fast a paste folds."""

from __future__ import annotations

import time

import pytest

from dialogs.text.folding import SHORT_ANSWER_CHARS, fold, name_key, short_answer


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Åsa Öberg", "asa oberg"),
        ("  ÅSA\u00a0\tÖBERG \n", "asa oberg"),  # a non-breaking space and a tab are spaces
        ("Yılmaz", "yilmaz"),  # dotless i, which Unicode does not decompose
        ("Søren Ærø", "soren aero"),
        ("Łukasz Đorđević", "lukasz dordevic"),
        ("Cœur", "coeur"),
        ("e\u0301 o\u0308", "e o"),  # combining marks typed apart from their letters
        ("Ｆｕｌｌ ﬁnal", "full final"),  # full-width letters and a ligature (NFKD)
        ("Straße", "strasse"),  # casefold
        ("שָׁלוֹם", "שלום"),  # Hebrew points are marks too
        ("", ""),
        ("\u2003 \u3000", ""),  # em space, ideographic space: nothing left
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_a_name_key_drops_punctuation_and_keeps_hyphens() -> None:
    assert name_key("Anna-Karin O'Brien (RPT)") == "anna-karin o brien rpt"


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        (" OK! ", "ok"),
        ("Avbryt.", "avbryt"),
        ("visa  mer", "visa mer"),
        ("\n" * 100 + "avbryt" + " " * 100, "avbryt"),
        ("ok\n" * 100, None),
    ],
)
def test_a_short_answer_is_folded_and_a_paste_is_not(text: str, answer: str | None) -> None:
    assert short_answer(text) == answer


def test_short_answers_have_room_for_every_answer_word() -> None:
    assert short_answer("x" * SHORT_ANSWER_CHARS) is not None


def test_a_pasted_page_folds_in_milliseconds() -> None:
    """Folding ran a Python loop over every character: 1,000 lines of minutes took ~20 ms,
    and a question's answer folded them three times while the event loop waited."""
    page = "Åsa Öberg tar fram underlag till Göteborgs möte — senast fre 16 maj.\n" * 1000
    started = time.thread_time()
    folded = fold(page)
    assert time.thread_time() - started < 0.015
    assert folded.startswith("asa oberg tar fram underlag till goteborgs mote")
