"""The contract every chat platform fills in: what a message says, how to answer where it was
asked, and how to reach the asker alone. Running one turn is written here, once.

A platform adapter (Teams, Slack; a new one the same way) subclasses ``ChatAdapter`` with its
own message type and fills in only what differs between platforms; how a reply for the asker
alone falls back to the place they asked, the timing and counting of the turn and the reading
of a sent file are the same for all (``bot/turns.py``, ``bot/private_answer.py``). Proactive
sending (reminders) is the other half of an adapter: a ``scheduler.delivery.Deliverer``,
whose failures ``scheduler.delivery.classify`` sorts the same way for every platform.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Generic, TypeVar

from bot.metrics import Metrics
from bot.private_answer import privately
from bot.turns import SentDocument, answer_turn
from dialogs.dispatch import DialogSettings
from dialogs.model import Incoming, Reply
from store.db import Sessions

log = logging.getLogger(__name__)

#: The platform's own message: a Teams turn, the parts of a Slack request.
Message = TypeVar("Message")
#: How long a stopping server waits for the turns it has begun: as long as Teams waits for
#: an answer.
FINISH_SECONDS = 15.0


@dataclass(frozen=True)
class Inbound:
    """One message as ``dialogs`` reads it, and the file sent with it, if any."""

    incoming: Incoming
    sent: SentDocument | None = None


class ChatAdapter(ABC, Generic[Message]):
    """A chat platform: translate a message in, answer it there, reach the asker alone."""

    def __init__(
        self,
        sessions: Sessions,
        settings: DialogSettings,
        clock: Callable[[], datetime],
        metrics: Metrics | None,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._clock = clock
        self._metrics = metrics
        #: the turns begun and not yet answered
        self._turns: set[asyncio.Task[None]] = set()

    @abstractmethod
    async def translate(self, message: Message, received_at: datetime) -> Inbound:
        """The platform's message as an ``Incoming`` (who, where, what; how to learn the
        sender's verified e-mail and the accounts mentioned, asked only when needed)."""

    @abstractmethod
    async def answer(self, message: Message, reply: Reply, *, only_asker: bool) -> None:
        """Show ``reply`` where ``message`` was asked; ``only_asker``: the short note that
        the real answer went to the asker's own chat (shown to them alone where the platform
        can)."""

    @abstractmethod
    async def send_privately(self, message: Message, reply: Reply) -> None:
        """Send ``reply`` into the asker's own chat with the bot (``reply.private_to``), or
        raise ``scheduler.delivery.DeliveryError``."""

    async def take(self, message: Message) -> None:
        """One turn: the message read, answered by ``dialogs``, a reply meant for the asker
        alone sent to their own chat (answered in place when that chat cannot be reached),
        and the answer shown where they asked.

        A turn once begun runs to its end even when the request that brought it is cancelled:
        aiohttp cancels a request that arrives on a kept-alive connection as the server
        begins to stop. Its command is saved or not as a whole either way, but cancelled
        after the commit it would leave the asker without an answer. ``finish_turns`` waits
        for it before the server lets go of the database and the HTTP session."""
        turn = asyncio.ensure_future(self._take(message))
        self._turns.add(turn)
        turn.add_done_callback(self._turns.discard)
        try:
            await asyncio.shield(turn)
        except asyncio.CancelledError:
            if not turn.done():
                turn.add_done_callback(_log_failure)  # nobody awaits it any more
            raise

    async def finish_turns(self, timeout: float = FINISH_SECONDS) -> None:
        """Wait for the turns begun (a stopping server), at most ``timeout`` seconds."""
        if not self._turns:
            return
        _, unfinished = await asyncio.wait(set(self._turns), timeout=timeout)
        if unfinished:
            log.warning("%d turns were not finished when the server stopped", len(unfinished))

    async def _take(self, message: Message) -> None:
        inbound = await self.translate(message, self._clock())
        reply = await answer_turn(
            self._sessions, inbound.incoming, self._settings, self._metrics, sent=inbound.sent
        )
        note = await privately(reply, partial(self.send_privately, message))
        await self.answer(message, note or reply, only_asker=note is not None)


def _log_failure(turn: asyncio.Task[None]) -> None:
    """A turn whose request was cancelled failed on its own: nobody else will say so."""
    if not turn.cancelled() and turn.exception() is not None:
        log.error("a turn failed after its request was cancelled", exc_info=turn.exception())
