"""Microsoft Teams over the Bot Framework protocol: activities in, text replies out.

Only translation happens here; every decision is made in ``dialogs``. botbuilder stays
inside this module so a move to its successor SDK touches ``bot/`` only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import Activity, ChannelAccount, TextFormatTypes
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.html_text import html_to_lines
from bot.render_text import render_markdown
from bot.settings import Settings
from dialogs.dispatch import DialogSettings, respond
from dialogs.model import ConversationKind, Incoming, Reply
from dialogs.welcome import welcome_once

log = logging.getLogger(__name__)

PLATFORM = "teams"
_THREAD_SUFFIX = re.compile(r";messageid=\d+$")
_KINDS = {
    "personal": ConversationKind.PERSONAL,
    "channel": ConversationKind.CHANNEL,
    "groupChat": ConversationKind.GROUP,
}


@dataclass(frozen=True)
class _AuthConfig:
    """The attribute names botbuilder's configuration reader expects."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str


def create_adapter(settings: Settings) -> CloudAdapter:
    """A CloudAdapter that verifies every request's JWT when an app id is configured."""
    config = _AuthConfig(
        APP_ID=settings.microsoft_app_id,
        APP_PASSWORD=settings.microsoft_app_password.get_secret_value(),
        APP_TYPE=settings.microsoft_app_type or "MultiTenant",
        APP_TENANTID=settings.microsoft_app_tenant_id,
    )
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))

    async def on_error(turn_context: TurnContext, error: Exception) -> None:
        # Logged without the activity: it may carry tokens or personal data.
        log.error("unhandled error in a Teams turn: %s", type(error).__name__, exc_info=error)

    adapter.on_turn_error = on_error
    return adapter


def incoming_from(activity: Activity, received_at: datetime) -> Incoming:
    """Translate a Bot Framework activity into our own ``Incoming``."""
    conversation = activity.conversation
    channel_data = activity.channel_data or {}
    tenant = (
        getattr(conversation, "tenant_id", None)
        or (channel_data.get("tenant") or {}).get("id")
        or ""
    )
    sender: ChannelAccount = activity.from_property
    text = activity.text or ""
    if isinstance(activity.value, dict) and isinstance(activity.value.get("command"), str):
        text = activity.value["command"]  # a card button runs its command as if typed
    reference = TurnContext.get_conversation_reference(activity).serialize()
    return Incoming(
        platform=PLATFORM,
        tenant_id=tenant,
        conversation_id=_THREAD_SUFFIX.sub("", conversation.id),
        conversation_kind=_KINDS.get(conversation.conversation_type or "", ConversationKind.GROUP),
        user_id=sender.aad_object_id or sender.id,
        user_name=sender.name,
        text=html_to_lines(text),
        received_at=received_at,
        reference=reference,
    )


def reply_activity(reply: Reply) -> Activity:
    activity = MessageFactory.text(render_markdown(reply))
    activity.text_format = TextFormatTypes.markdown
    return activity


class TeamsBot(ActivityHandler):
    """Hands every message to ``dialogs`` and sends back what it answers."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: DialogSettings,
        clock: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._clock = clock

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        incoming = incoming_from(turn_context.activity, self._clock())
        reply = await respond(self._sessions, incoming, self._settings)
        await turn_context.send_activity(reply_activity(reply))

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContext
    ) -> None:
        bot_id = turn_context.activity.recipient.id
        if any(member.id == bot_id for member in members_added):
            await self._welcome(turn_context)

    async def on_installation_update_add(self, turn_context: TurnContext) -> None:
        await self._welcome(turn_context)

    async def _welcome(self, turn_context: TurnContext) -> None:
        incoming = incoming_from(turn_context.activity, self._clock())
        reply = await welcome_once(self._sessions, incoming, self._settings.default_language)
        if reply is not None:
            await turn_context.send_activity(reply_activity(reply))
