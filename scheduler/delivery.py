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


def retry_after_seconds(raw: object) -> float | None:
    """An HTTP Retry-After in seconds (the form both platforms use); None if absent or not."""
    try:
        return float(str(raw)) if raw is not None and str(raw).strip() else None
    except ValueError:
        return None


def classify(
    status: int | None,
    *,
    retry_after: object = None,
    refusal: str | None = None,
    transient: bool = False,
    unanswered: str = "no answer",
) -> DeliveryError:
    """A platform's failure to take a message, the same way for every platform: no answer
    (``unanswered`` names why), 408, 429 and 5xx are worth retrying, honouring Retry-After;
    another refusal (a 4xx, or the platform's own ``refusal`` such as Slack's ``ok: false``)
    is permanent unless the platform marks it ``transient``."""
    wait = retry_after_seconds(retry_after)
    if status is None:
        return DeliveryError(unanswered, retry_after=wait)
    if status in (408, 429) or status >= 500:
        return DeliveryError(f"HTTP {status}", retry_after=wait)
    label = refusal or f"HTTP {status}"
    return DeliveryError(label, retry_after=wait, permanent=not transient)


class Deliverer(Protocol):
    #: whether the platform lets the bot open a direct chat with any member it knows (Slack's
    #: conversations.open); where not (Teams), a person must have written to the bot first
    opens_direct_chats: bool

    async def deliver(self, target: Target, reply: Reply) -> None:
        """Send ``reply`` to ``target`` or raise ``DeliveryError``."""
