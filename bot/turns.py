"""One turn, as every chat platform hands it to ``dialogs``: a file sent with it read, the
turn answered, timed and counted. Each adapter only translates its platform's message into an
``Incoming`` (and says where a sent file lies) and renders the ``Reply``."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

from bot.documents import DocumentRefused, problem_reply
from bot.downloads import SentFile, command_for_file, sent_document_text
from bot.metrics import Metrics
from bot.trusted_hosts import TrustedHosts
from dialogs.dispatch import DialogSettings, answer, respond
from dialogs.model import Incoming, Reply, Tone
from store.db import Sessions

#: The command label of a message that names no command (an answer to a question, a typo).
OTHER = "other"


@dataclass(frozen=True)
class SentDocument:
    """A file sent with the message, where the platform keeps it, and how to fetch it."""

    file: SentFile
    hosts: TrustedHosts
    headers: Mapping[str, str] | None = None


async def answer_turn(
    sessions: Sessions,
    incoming: Incoming,
    settings: DialogSettings,
    metrics: Metrics | None,
    *,
    sent: SentDocument | None = None,
) -> Reply:
    """``dialogs``' reply to ``incoming``; a ``sent`` file's text is the message's pasted block
    (``notes`` unless the message names another command that takes one), and a file that
    cannot be read is answered with why. With ``metrics``, the turn is counted by command (a
    registered name, never the text) and outcome, and its time observed."""
    if sent is not None:
        try:
            document = await sent_document_text(sent.file, sent.hosts, headers=sent.headers)
        except DocumentRefused as refused:
            return problem_reply(settings.default_language, refused.problem)
        said = command_for_file(incoming.text, settings.registry)
        incoming = replace(incoming, text=f"{said}\n{document}")
    if metrics is None:
        return await respond(sessions, incoming, settings)
    started = time.perf_counter()
    answered = await answer(sessions, incoming, settings)
    seconds = time.perf_counter() - started
    outcome = "problem" if answered.reply.tone is Tone.PROBLEM else "ok"
    metrics.observe_turn(incoming.platform, answered.command or OTHER, outcome, seconds)
    return answered.reply
