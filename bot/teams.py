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
from typing import Any

from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import (
    Activity,
    Attachment,
    ChannelAccount,
    ConversationReference,
    TextFormatTypes,
)
from botbuilder.schema import Mention as Mention_
from botframework.connector.aio import ConnectorClient
from msrest.universal_http.requests import ClientRetryPolicy
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.html_text import html_to_lines
from bot.render_card import ADAPTIVE_CARD, reply_card, wants_card
from bot.render_text import render_markdown
from bot.settings import Settings
from dialogs.dispatch import DialogSettings, respond
from dialogs.model import ConversationKind, Incoming, Reply
from dialogs.welcome import welcome_once
from scheduler.delivery import DeliveryError, Mention, Target

log = logging.getLogger(__name__)

# msrest builds a retry table for every connector client by checking 999 status codes against
# a 502-item *list*: ~4 ms of CPU, twice per turn and once per proactive message. A frozenset
# gives the identical table at once (bench/bench_commands.py measured the p50 halving).
ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)

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
        text=html_to_lines(text, activity.recipient.name if activity.recipient else None),
        received_at=received_at,
        reference=reference,
        mention_id=sender.id,
    )


def reply_activity(reply: Reply, mention: Mention | None = None) -> Activity:
    """A Markdown message, or an Adaptive Card for lists, choices and links."""
    if not wants_card(reply):
        activity = MessageFactory.text(render_markdown(reply))
        activity.text_format = TextFormatTypes.markdown
        if mention is not None:
            _add_mention(activity, mention)
        return activity
    card = reply_card(reply)
    if mention is not None:
        _mention_in_card(card, mention)
    activity = MessageFactory.attachment(Attachment(content_type=ADAPTIVE_CARD, content=card))
    activity.summary = reply.title
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
        if reply.private_to is not None and reply.public_note:
            if await self._send_privately(turn_context, reply):
                await turn_context.send_activity(MessageFactory.text(reply.public_note))
                return
        await turn_context.send_activity(reply_activity(reply))

    async def _send_privately(self, turn_context: TurnContext, reply: Reply) -> bool:
        """Send into the person's 1:1 chat; False (answer in place) if that fails."""
        assert reply.private_to is not None
        reference = ConversationReference().deserialize(reply.private_to)
        sent = False

        async def send(private_context: TurnContext) -> None:
            nonlocal sent
            try:
                await private_context.send_activity(reply_activity(reply))
                sent = True
            except Exception:
                log.warning("private reply failed; answering in the channel instead")

        # The same identity and audience as this turn: what was allowed to answer here may
        # write to the person's own chat with the bot.
        adapter = turn_context.adapter
        await adapter.continue_conversation_with_claims(
            turn_context.turn_state.get(adapter.BOT_IDENTITY_KEY),
            reference,
            turn_context.turn_state.get(adapter.BOT_OAUTH_SCOPE_KEY),
            send,
        )
        return sent

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
        if reply is None:
            return
        installer = None
        if incoming.conversation_kind is not ConversationKind.PERSONAL and incoming.user_name:
            installer = Mention(incoming.mention_id or incoming.user_id, incoming.user_name)
        await turn_context.send_activity(reply_activity(reply, installer))


class TeamsDeliverer:
    """Sends reminders into saved Teams conversations through the Bot Connector.

    What ``continue_conversation`` would do, without building a new connector client (and a
    new HTTP connection) per message: one client per service URL, from the adapter's own
    authentication, kept for the deliverer's life. A batch of reminders goes out several
    times faster this way.
    """

    opens_direct_chats = False  # a bot can write only to people who have installed it

    def __init__(self, adapter: CloudAdapter, app_id: str) -> None:
        self._adapter = adapter
        self._app_id = app_id
        self._clients: dict[str, ConnectorClient] = {}

    async def deliver(self, target: Target, reply: Reply) -> None:
        reference = ConversationReference().deserialize(target.reference)
        activity = TurnContext.apply_conversation_reference(
            reply_activity(reply, target.mention), reference
        )
        try:
            conversations = (await self._client(reference.service_url)).conversations
            if activity.reply_to_id:
                await conversations.reply_to_activity(
                    activity.conversation.id, activity.reply_to_id, activity
                )
            else:
                await conversations.send_to_conversation(activity.conversation.id, activity)
        except Exception as error:
            raise _delivery_error(error) from error

    async def _client(self, service_url: str) -> ConnectorClient:
        client = self._clients.get(service_url)
        if client is None:
            authentication = self._adapter.bot_framework_authentication
            factory = authentication.create_connector_factory(
                self._adapter.create_claims_identity(self._app_id or None)
            )
            client = self._clients[service_url] = await factory.create(service_url, None)
        return client


def _add_mention(activity: Activity, mention: Mention) -> None:
    """@mention the person; someone the bot has never met is named in bold instead."""
    if not mention.user_id:
        activity.text = f"**{mention.name}**: {activity.text}"
        return
    tag = f"<at>{mention.name}</at>"
    activity.text = f"{tag} {activity.text}"
    activity.entities = [
        Mention_(
            mentioned=ChannelAccount(id=mention.user_id, name=mention.name),
            text=tag,
            type="mention",
        )
    ]


def _mention_in_card(card: dict[str, Any], mention: Mention) -> None:
    """A mention inside a card: its tag in a text block, its entity under ``msteams``."""
    if not mention.user_id:
        card["body"].insert(0, {"type": "TextBlock", "text": f"**{mention.name}**:", "wrap": True})
        return
    tag = f"<at>{mention.name}</at>"
    card["body"].insert(0, {"type": "TextBlock", "text": tag, "wrap": True})
    card["msteams"] = {
        "entities": [
            {
                "type": "mention",
                "text": tag,
                "mentioned": {"id": mention.user_id, "name": mention.name},
            }
        ]
    }


def _delivery_error(error: Exception) -> DeliveryError:
    """Classify a Bot Connector failure: 429 and 5xx are worth retrying, other 4xx are not."""
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    headers = getattr(response, "headers", None) or {}
    retry_after = None
    raw = headers.get("Retry-After") if hasattr(headers, "get") else None
    if raw:
        try:
            retry_after = float(raw)
        except ValueError:
            retry_after = None
    if status is None:
        return DeliveryError(f"{type(error).__name__}")
    permanent = 400 <= int(status) < 500 and int(status) not in (408, 429)
    return DeliveryError(f"HTTP {status}", retry_after=retry_after, permanent=permanent)
