"""What comes in, made safe once: odd characters dropped, sizes bounded, ids read strictly.

Every message passes ``clean_incoming`` at the entry of ``dialogs`` (``respond``, the
welcome): control characters (NUL, which PostgreSQL text refuses, among them), lone
surrogates (which no encoder can write), zero-width and bidirectional controls (which hide
what a command says), and our own markup marks (``dialogs.text.markup``) are removed, and the
text is NFC-normalised (å typed as a + ring is å). NFKC is not applied to the words: it
would turn ``m²`` into ``m2`` in an action's text; an id is read by ``read_id`` instead,
which takes decimal digits only, so ``klar ²`` is refused with the right form rather than
read as ``klar 2``.

The limits (README, "Limits"): one message at most ``MAX_MESSAGE_BYTES``, an action, an agenda
item, a motivation or any other one-line command at most ``MAX_TEXT_CHARS`` characters, a paste
at most ``MAX_PASTE_LINES`` lines. Beyond them the bot refuses at once, saying the limit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TypeVar

from dialogs.model import Account, Incoming
from dialogs.text.markup import MARKS

MAX_MESSAGE_BYTES = 100 * 1024
MAX_TEXT_CHARS = 1_000
MAX_PASTE_LINES = 1_000
#: ids are int4 in the database; a bigger number names nothing, and must not reach a query
MAX_ID = 2**31 - 1

_DROPPED = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters but tab and line feed
    "\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ud800-\udfff"  # lone surrogates (a valid pair arrives as one character)
    f"{MARKS}"
    "]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
_ID = re.compile(r"#?(\d{1,12})")

T = TypeVar("T")


def clean(text: str) -> str:
    """``text`` with line breaks as ``\\n``, the characters above dropped, NFC-normalised."""
    return unicodedata.normalize("NFC", _DROPPED.sub("", _LINE_BREAKS.sub("\n", text)))


def _clean_value(value: T) -> T:
    if isinstance(value, str):
        return clean(value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {clean(str(k)): _clean_value(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list):
        return [_clean_value(v) for v in value]  # type: ignore[return-value]
    return value


def clean_incoming(incoming: Incoming) -> Incoming:
    """The message with its text, the sender's name and the saved reference cleaned."""
    return replace(
        incoming,
        text=clean(incoming.text),
        user_name=clean(incoming.user_name) if incoming.user_name is not None else None,
        reference=_clean_value(dict(incoming.reference)),
        mentioned=_cleaned_mentions(incoming.mentioned),
    )


def _cleaned_mentions(
    mentioned: Callable[[], Awaitable[tuple[Account, ...]]],
) -> Callable[[], Awaitable[tuple[Account, ...]]]:
    """The @mentioned accounts with their labels cleaned like the text they stand in."""

    async def cleaned() -> tuple[Account, ...]:
        return tuple(
            replace(
                account,
                name=clean(account.name) if account.name is not None else None,
                shown=clean(account.shown),
            )
            for account in await mentioned()
        )

    return cleaned


def message_too_big(text: str) -> int | None:
    """The size in kB when ``text`` is over the message limit, else None."""
    if len(text) * 4 <= MAX_MESSAGE_BYTES:  # cannot be over: skip encoding a short message
        return None
    size = len(text.encode("utf-8"))
    return -(-size // 1024) if size > MAX_MESSAGE_BYTES else None


def pasted_lines(text: str) -> int:
    """How many lines a paste has, blank ones not counted."""
    return sum(1 for line in text.splitlines() if line.strip())


def read_id(text: str) -> int | None:
    """``12`` or ``#12`` as a number that can be an id; None for anything else (``²``,
    ``-1``, ``1e3``, a number beyond the database's integers)."""
    match = _ID.fullmatch(text.strip())
    if match is None:
        return None
    number = int(match.group(1))
    return number if 0 < number <= MAX_ID else None
