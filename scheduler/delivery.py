"""What the sender needs from a chat platform: deliver one message to one conversation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from dialogs.model import Reply


@dataclass(frozen=True)
class Mention:
    """Who to @mention when a personal reminder has to go to the channel."""

    user_id: str
    name: str


@dataclass(frozen=True)
class Target:
    platform: str
    conversation_id: str
    reference: dict[str, Any]
    mention: Mention | None = None


class DeliveryError(Exception):
    """The platform did not take the message.

    ``retry_after`` is the platform's own wish (HTTP Retry-After); ``permanent`` means trying
    again cannot help (the conversation is gone, the bot was removed).
    """

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False):
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Deliverer(Protocol):
    #: whether the platform lets the bot open a direct chat with any member it knows (Slack's
    #: conversations.open); where not (Teams), a person must have written to the bot first
    opens_direct_chats: bool

    async def deliver(self, target: Target, reply: Reply) -> None:
        """Send ``reply`` to ``target`` or raise ``DeliveryError``."""
