"""A greeting or a thank-you is answered as a colleague would, not as a command not understood.

The examples and their answers were written down before the reader existed."""

from __future__ import annotations

import pytest

from dialogs.small_talk import Kind, small_talk

GREETINGS = [
    "hej",
    "Hej!",
    "hejsan",
    "Hallå",
    "tjena",
    "Tjenare!",
    "god morgon",
    "Godmorgon!",
    "hej rådsbot",
    "Hej Rådsbot!",
    "hej hej",
    "hej 👋",
    "hello",
    "Hi there",
    "hey",
    "Good morning!",
    "  HEJ  ",
    "god eftermiddag",
]
THANKS = [
    "tack",
    "Tack!",
    "tack så mycket",
    "Tusen tack!",
    "tackar",
    "thanks",
    "Thank you!",
    "thanks a lot",
    "tack 🙏",
    "tack rådsbot",
]
NEITHER = [
    "hej, när är nästa möte?",
    "tackla frågan",
    "hejare",
    "hello world program",
    "tack för senast, kan du lägga till Anna",
    "mina åtgärder",
    "",
    "👋",
    "hej då alla 3 möten",
]


@pytest.mark.parametrize("said", GREETINGS)
def test_greetings(said: str) -> None:
    assert small_talk(said) is Kind.GREETING


@pytest.mark.parametrize("said", THANKS)
def test_thanks(said: str) -> None:
    assert small_talk(said) is Kind.THANKS


@pytest.mark.parametrize("said", NEITHER)
def test_neither(said: str) -> None:
    assert small_talk(said) is None
