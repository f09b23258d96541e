"""The bot introduces itself once when it is added to a team, a chat or a personal scope."""

from __future__ import annotations

from dialogs.model import ConversationKind, Incoming, Reply
from dialogs.people.sender_account import remember_conversation
from dialogs.text.incoming import clean_incoming
from dialogs.texts import text
from store import councils
from store.db import Sessions


async def welcome_once(sessions: Sessions, incoming: Incoming, lang: str) -> Reply | None:
    """Save the conversation and return the welcome, or None when it was already given.

    Teams sends two events when the bot is added (a conversationUpdate and an
    installationUpdate), close together: of two turns handling them at once, only the one
    that marks the conversation welcomed welcomes."""
    incoming = clean_incoming(incoming)
    linked = await _claim_welcome(sessions, incoming)
    if linked is None:
        return None
    lines = [text(lang, "welcome.body")]
    if incoming.conversation_kind != ConversationKind.PERSONAL and not linked:
        lines.append(_setup(incoming, lang))
    return Reply(title=text(lang, "welcome.title"), lines=tuple(lines))


async def _claim_welcome(sessions: Sessions, incoming: Incoming) -> bool | None:
    """Whether the conversation is linked to a council, once this turn has marked it
    welcomed; None when another turn has done so."""
    async with sessions() as session, session.begin():
        conversation = await remember_conversation(session, incoming)
        if conversation.welcomed_at is not None:
            return None
        if not await councils.mark_welcomed(session, conversation, incoming.received_at):
            return None
        return conversation.council_id is not None


def _setup(incoming: Incoming, lang: str) -> str:
    """How to link this place to a council, said to whoever installed the bot when known."""
    if not incoming.user_name:
        return text(lang, "welcome.setup")
    chat = incoming.conversation_kind == ConversationKind.GROUP
    place = text(lang, "welcome.place.chat" if chat else "welcome.place.channel")
    return text(lang, "welcome.setup_installer", name=incoming.user_name, place=place)
