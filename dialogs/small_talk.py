"""A greeting or a thank-you on its own ("Hej!", "Tack så mycket"), read so that it is answered
kindly instead of as a command not understood."""

from __future__ import annotations

import re
from enum import Enum

from dialogs.text.folding import fold


class Kind(Enum):
    GREETING = "greeting"
    THANKS = "thanks"


#: whole messages, folded (no accents, lower case), after the bot's name and fillers are gone
_SAID: dict[str, Kind] = {
    **dict.fromkeys(
        (
            "hej",
            "hejsan",
            "hejhej",
            "halla",
            "hallo",
            "tja",
            "tjena",
            "tjenare",
            "tjabba",
            "morsning",
            "god morgon",
            "godmorgon",
            "goddag",
            "god dag",
            "god eftermiddag",
            "god kvall",
            "hi",
            "hello",
            "hey",
            "hiya",
            "good morning",
            "good afternoon",
            "good evening",
        ),
        Kind.GREETING,
    ),
    **dict.fromkeys(
        (
            "tack",
            "tackar",
            "tack sa mycket",
            "tusen tack",
            "stort tack",
            "tack tack",
            "tack ska du ha",
            "thanks",
            "thank you",
            "thank you very much",
            "thanks a lot",
            "many thanks",
            "thx",
            "cheers",
        ),
        Kind.THANKS,
    ),
}
#: words that may stand beside a greeting without making it a question
_FILLERS = frozenset({"radsbot", "bot", "botten", "there", "alla", "everyone", "all", "du"})
_NOT_WORDS = re.compile(r"[^\w\s]|_|\d")


def small_talk(said: str) -> Kind | None:
    """GREETING or THANKS when the whole message is one, else None."""
    words = [word for word in _NOT_WORDS.sub(" ", fold(said)).split() if word not in _FILLERS]
    while len(words) > 1 and words[0] == words[1]:  # "hej hej"
        words.pop(0)
    return _SAID.get(" ".join(words))
