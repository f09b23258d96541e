"""The platform-neutral values that flow through the bot.

A platform adapter turns its payload into an ``Incoming``; a handler returns a ``Reply``;
the adapter renders that as plain text, an Adaptive Card or Block Kit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ConversationKind(StrEnum):
    CHANNEL = "channel"
    PERSONAL = "personal"
    GROUP = "group"


@dataclass(frozen=True)
class Incoming:
    """One message to the bot, as any platform delivers it."""

    platform: str
    tenant_id: str
    conversation_id: str
    conversation_kind: ConversationKind
    user_id: str
    user_name: str | None
    text: str
    received_at: datetime
    #: the raw reference the platform needs to write here again later
    reference: dict[str, object] = field(default_factory=dict)
    #: the id the platform needs to @mention the sender, when it differs from ``user_id``
    mention_id: str | None = None
    #: whether ``user_name`` is set by the organisation (Teams: the directory) rather than by
    #: the user (Slack: anyone can rename their profile); only such a name links an account
    name_verified: bool = True


@dataclass(frozen=True)
class Button:
    """A button that, when pressed, runs ``command`` as if it had been typed."""

    label: str
    command: str


@dataclass(frozen=True)
class Item:
    """One line of a list: an action, a meeting, a member."""

    text: str
    detail: str | None = None
    flag: str | None = None
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Link:
    """A button that opens a web page (a Teams meeting link)."""

    label: str
    url: str


class Tone(StrEnum):
    INFO = "info"
    OK = "ok"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Reply:
    """What the bot answers, before any platform has rendered it."""

    title: str
    lines: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    footer: str | None = None
    buttons: tuple[Button, ...] = ()
    links: tuple[Link, ...] = ()
    tone: Tone = Tone.INFO
    #: deliver this reply in the sender's private chat (its saved reference) instead, and
    #: answer where they asked with ``public_note`` — for personal lists asked in a channel
    private_to: dict[str, object] | None = None
    public_note: str | None = None
