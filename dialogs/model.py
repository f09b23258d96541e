"""The platform-neutral values that flow through the bot.

A platform adapter turns its payload into an ``Incoming``; a handler returns a ``Reply``;
the adapter renders that as plain text, an Adaptive Card or Block Kit.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ConversationKind(StrEnum):
    CHANNEL = "channel"
    PERSONAL = "personal"
    GROUP = "group"


@dataclass(frozen=True)
class Account:
    """A chat account someone @mentioned, as the platform identifies it."""

    user_id: str
    name: str | None
    #: how the mention reads in ``Incoming.text`` (the name that replaced the markup)
    shown: str
    #: the id the platform needs to @mention the account, when it differs from ``user_id``
    mention_id: str | None = None


async def _nothing() -> None:
    return None


async def _nobody() -> tuple[Account, ...]:
    return ()


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
    #: the sender's e-mail address as the platform vouches for it (Teams: the directory via
    #: the conversation's roster; Slack: users.info), asked only when an unknown account is
    #: to be linked, or an officer's account linked by a name alone is to be proved, so a
    #: known sender costs no request
    verified_email: Callable[[], Awaitable[str | None]] = field(default=_nothing, compare=False)
    #: the accounts @mentioned in the message (not the bot), asked only by commands that
    #: need them (``member link``)
    mentioned: Callable[[], Awaitable[tuple[Account, ...]]] = field(default=_nobody, compare=False)
    #: the name is the operator's own word on a machine that holds the database (the
    #: terminal), so it may link anyone, officers included
    name_is_operator: bool = False
    #: the language the sender's chat app is set to, as the platform says it (Teams: the
    #: activity's ``locale``; Slack: users.info's ``locale``), e.g. ``sv-SE``; None unknown
    locale: str | None = None


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
    #: the reply is a secret of the asker's (their calendar or data link): nobody else may see
    #: it, so it is shown to them alone where the platform can (a Slack DM may have two
    #: people in it), and where their private chat cannot be reached this note is answered
    #: instead, never the secret
    secret_refusal: str | None = None
