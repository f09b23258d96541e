"""One turn, as every chat platform hands it to ``dialogs``: answered, timed and counted."""

from __future__ import annotations

import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.metrics import Metrics
from dialogs.dispatch import DialogSettings, respond
from dialogs.model import Incoming, Reply, Tone
from dialogs.parser import parse

#: The command label of a message that names no command (an answer to a question, a typo).
OTHER = "other"


async def answer_turn(
    sessions: async_sessionmaker[AsyncSession],
    incoming: Incoming,
    settings: DialogSettings,
    metrics: Metrics | None,
) -> Reply:
    """``dialogs``' reply to ``incoming``; with ``metrics``, the turn is counted by command
    (a registered name, never the text) and outcome, and its time observed."""
    if metrics is None:
        return await respond(sessions, incoming, settings)
    started = time.perf_counter()
    reply = await respond(sessions, incoming, settings)
    seconds = time.perf_counter() - started
    parsed = parse(incoming.text, settings.registry)
    command = parsed.spec.name if parsed is not None else OTHER
    outcome = "problem" if reply.tone is Tone.PROBLEM else "ok"
    metrics.observe_turn(incoming.platform, command, outcome, seconds)
    return reply
