"""E-mail addresses in what people paste: taken out of the text, used to link accounts, and
never shown in a chat, where every member of the channel would read them."""

from __future__ import annotations

import re

# Anything with an @ between two runs of address characters, however it is wrapped:
# <a@b.se>, (a@b.se), [a@b.se], mailto:a@b.se.
_ANY_ADDRESS = re.compile(
    r"[<(\[{]?\s*(?:mailto:)?([^\s@<>()\[\]{},;:\"']+@[^\s@<>()\[\]{},;:\"']+)\s*[>)\]}]?",
    re.IGNORECASE,
)
_VALID = re.compile(r"[^@\s]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.I)


def take_addresses(text: str) -> tuple[str, str | None]:
    """The text without any e-mail address in it, and the first valid address (lower case).

    Other addresses are dropped: a roster line has room for one, and none may stay visible.
    """
    found: list[str] = []

    def drop(match: re.Match[str]) -> str:
        found.append(match[1].rstrip("."))
        return " "

    rest = _ANY_ADDRESS.sub(drop, text)
    rest = "\n".join(" ".join(line.split()) for line in rest.split("\n"))
    valid = next((a.lower() for a in found if _VALID.fullmatch(a)), None)
    return rest, valid


def without_addresses(note: str | None) -> str | None:
    """A note as it may be shown: any address taken out (older versions kept some)."""
    if not note:
        return note
    rest = take_addresses(note)[0].strip(" ,;:/|-")
    return rest or None
