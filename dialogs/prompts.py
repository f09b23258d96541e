"""Multi-turn questions as explicit, stored state (which Karin? create these 6 actions?).

A question is kept per (platform, conversation, person). The next message from that person
there is offered to the question's handler first; ``avbryt`` / ``cancel`` always drops it, and
a message that is no answer runs as an ordinary command.

What a question keeps is a frozen dataclass of the handler's own, stored as JSON and read
back through its pydantic ``TypeAdapter``; one kept in an older shape (before an upgrade) is
forgotten, and the message runs as an ordinary command.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from pydantic import TypeAdapter, ValidationError

from dialogs.context import Context
from dialogs.model import Button, Reply, Tone
from dialogs.registry import PROMPT_ATTRIBUTE, Needs, P, PromptHandler, Question
from dialogs.text.folding import short_answer
from store import prompts

CANCEL_WORDS = frozenset({"avbryt", "cancel", "stopp", "stop"})
#: An unanswered question is forgotten after this long.
PROMPT_LIFETIME = timedelta(days=2)


def prompt_handler(kind: str, kept: type[P]) -> Callable[[PromptHandler[P]], PromptHandler[P]]:
    """Describe ``handler`` as the one that answers questions of ``kind``, which keep a
    ``kept`` (a frozen dataclass); like ``@command``, it registers nothing: ``build_registry``
    collects it from its module."""

    def describe(handler: PromptHandler[P]) -> PromptHandler[P]:
        setattr(handler, PROMPT_ATTRIBUTE, Question(kind, TypeAdapter(kept), handler))
        return handler

    return describe


async def ask(context: Context, kind: str, kept: object) -> None:
    """Store a question for the sender in this conversation, in this command's transaction;
    ``kept`` is what its handler gets with the answer."""
    person = context.require_person()
    # A fresh token per question (row ids may be used again once a question is answered).
    context.asked_prompt = secrets.token_hex(6)
    payload = {
        _KEPT: _question(context, kind).kept.dump_python(kept, mode="json"),
        _TOKEN: context.asked_prompt,
        _NEEDS: context.needs,
    }
    await prompts.ask(
        context.session,
        platform=context.incoming.platform,
        conversation_id=context.incoming.conversation_id,
        person_id=person.id,
        kind=kind,
        payload=payload,
        at=context.now,
        replacing=not context.no_prompt_pending,
    )
    context.no_prompt_pending = False


def _question(context: Context, kind: str) -> Question[Any]:
    question = context.registry.prompt(kind)
    if question is None:
        raise LookupError(f"no handler answers questions of kind {kind!r}")
    return question


async def done(context: Context) -> None:
    """The question is answered: forget it."""
    person = context.require_person()
    await prompts.forget(
        context.session, context.incoming.platform, context.incoming.conversation_id, person.id
    )
    context.no_prompt_pending = True


#: What a choice button sends: the question's token and the choice, e.g. "svar #1f3a9c 2".
_CHOICE = re.compile(r"^svar #(?P<prompt>[0-9a-f]+) (?P<answer>.+)$", re.DOTALL)
_TOKEN = "_question"
#: what the question keeps for its handler
_KEPT = "kept"
#: what the command that asked needs of the sender (``Needs``); questions saved before it
#: was kept all came from officers' commands
_NEEDS = "_needs"


def tie_choices(reply: Reply, prompt_id: str | None) -> Reply:
    """Tie the reply's numbered choice buttons to the question just asked, so a button
    pressed on an older card can never answer a newer question."""
    if prompt_id is None:
        return reply

    def tied(buttons: tuple[Button, ...]) -> tuple[Button, ...]:
        return tuple(
            replace(b, command=f"svar #{prompt_id} {b.command}") if b.command.isdigit() else b
            for b in buttons
        )

    items = tuple(replace(item, buttons=tied(item.buttons)) for item in reply.items)
    return replace(reply, buttons=tied(reply.buttons), items=items)


def _may_answer(context: Context, needs: int) -> bool:
    if needs >= Needs.OFFICER:
        return context.is_officer
    return needs < Needs.MEMBER or context.membership is not None


async def answer_pending(context: Context, text: str) -> Reply | None:
    """Give ``text`` to the sender's open question; None when there is none or it is no answer."""
    if context.person is None:
        return None
    prompt = context.waiting_prompt
    context.no_prompt_pending = prompt is None
    pressed = _CHOICE.match(text.strip())
    if pressed:
        # A choice button answers the question it was shown with, and no later one.
        if prompt is None or prompt.payload.get(_TOKEN) != pressed["prompt"]:
            return Reply(title=context.t("prompt.stale"), tone=Tone.PROBLEM)
        text = pressed["answer"]
    if prompt is None:
        return None
    question = context.registry.prompt(prompt.kind)
    if context.now - prompt.created_at > PROMPT_LIFETIME or question is None:
        await done(context)
        return None
    if short_answer(text) in CANCEL_WORDS:
        await done(context)
        return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    if not _may_answer(context, prompt.payload.get(_NEEDS, Needs.OFFICER)):
        # An answer saves with the rights the sender has now, here, not those of when it was
        # asked: without them the question is dropped and the message is an ordinary one.
        await done(context)
        return None
    try:
        kept = question.kept.validate_python(prompt.payload.get(_KEPT))
    except ValidationError:
        # Kept in an older shape, before an upgrade: forgotten; the message is an ordinary one.
        await done(context)
        return None
    return await question.handler(context, kept, text)
