"""A reply meant for the asker alone (``kalender`` in a channel, ``mina uppgifter``): sent to
their own chat with the bot, with a short note where they asked; answered in place when the
private chat cannot be reached, but for a secret (a calendar or data link), which is then
refused where asked. The same rule on every platform; each only says how it sends into the
private chat."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from dialogs.model import Reply, Tone
from scheduler.delivery import DeliveryError

log = logging.getLogger(__name__)


async def privately(reply: Reply, send: Callable[[Reply], Awaitable[None]]) -> Reply | None:
    """Send ``reply`` through ``send`` (which raises ``DeliveryError`` when it cannot) if it is
    meant for the asker's own chat; the note to show where they asked, or None when the reply
    is to be answered in place (not a private one, or the private chat failed); for a secret
    whose private chat failed, its refusal instead (``Reply.secret_refusal``)."""
    if reply.private_to is None or not reply.public_note:
        return None
    try:
        await send(reply)
    except DeliveryError as error:
        if reply.secret_refusal is not None:
            # a secret is never answered where others can read it
            log.warning("private reply failed (%s); the secret is not shown where asked", error)
            return Reply(title=reply.secret_refusal, tone=Tone.PROBLEM)
        log.warning("private reply failed (%s); answering where asked instead", error)
        return None
    return Reply(title=reply.public_note)
