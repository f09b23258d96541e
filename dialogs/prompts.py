"""Multi-turn questions as explicit, stored state (which Karin? create these 6 actions?).

A question is kept per (platform, conversation, person). The next message from that person
there is offered to the question's handler first; ``avbryt`` / ``cancel`` always drops it, and
a message that is no answer runs as an ordinary command.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from dialogs.context import Context
from dialogs.folding import fold
from dialogs.model import Reply, Tone
from store import prompts

PromptHandler = Callable[[Context, dict[str, Any], str], Awaitable[Reply | None]]

CANCEL_WORDS = frozenset({"avbryt", "cancel", "stopp", "stop"})
#: An unanswered question is forgotten after this long.
PROMPT_LIFETIME = timedelta(days=2)

_HANDLERS: dict[str, PromptHandler] = {}


def prompt_handler(kind: str) -> Callable[[PromptHandler], PromptHandler]:
    def register(handler: PromptHandler) -> PromptHandler:
        _HANDLERS[kind] = handler
        return handler

    return register


async def ask(context: Context, kind: str, payload: dict[str, Any]) -> None:
    """Store a question for the sender in this conversation, in this command's transaction."""
    person = context.require_person()
    await prompts.ask(
        context.session,
        platform=context.incoming.platform,
        conversation_id=context.incoming.conversation_id,
        person_id=person.id,
        kind=kind,
        payload=payload,
        at=context.now,
    )


async def done(context: Context) -> None:
    """The question is answered: forget it."""
    person = context.require_person()
    await prompts.forget(
        context.session, context.incoming.platform, context.incoming.conversation_id, person.id
    )


async def answer_pending(context: Context, text: str) -> Reply | None:
    """Give ``text`` to the sender's open question; None when there is none or it is no answer."""
    if context.person is None:
        return None
    prompt = await prompts.pending(
        context.session,
        context.incoming.platform,
        context.incoming.conversation_id,
        context.person.id,
    )
    if prompt is None:
        return None
    if context.now - prompt.created_at > PROMPT_LIFETIME or prompt.kind not in _HANDLERS:
        await done(context)
        return None
    if fold(text).strip(" .!") in CANCEL_WORDS:
        await done(context)
        return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    return await _HANDLERS[prompt.kind](context, prompt.payload, text)
