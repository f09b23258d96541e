"""Microsoft Teams over the Bot Framework protocol: activities in, text replies out.

Only translation happens here; every decision is made in ``dialogs``. botbuilder stays
inside this module so a move to its successor SDK touches ``bot/`` only.
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from aiohttp import ClientSession, TCPConnector, web
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext, serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import (
    Activity,
    Attachment,
    ChannelAccount,
    ConversationReference,
    DeliveryModes,
    InputHints,
    TextFormatTypes,
)
from botbuilder.schema import Mention as Mention_
from botbuilder.schema.teams import TeamsChannelAccount
from cachetools import TTLCache
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.chat_adapter import ChatAdapter, Inbound
from bot.connector import ConnectorClient, ConnectorRefused, wire_json
from bot.downloads import TEAMS_FILE_HOSTS, SentFile
from bot.metrics import Metrics
from bot.render_card import ADAPTIVE_CARD, reply_card, wants_card
from bot.render_text import escape_markdown, markdown, render_markdown
from bot.settings import Settings
from bot.teams_activity import read_model
from bot.teams_auth import (
    CHANNEL_OPENID_URL,
    BotTokens,
    LoginFailed,
    RadsbotAuthentication,
    SigningKeys,
)
from bot.trusted_hosts import TrustedHosts
from bot.turns import SentDocument
from dialogs.dispatch import DialogSettings
from dialogs.model import Account, ConversationKind, Incoming, Reply
from dialogs.text.html import fragment_text, html_to_lines, html_to_lines_paced
from dialogs.text.markup import without_marks
from dialogs.welcome import welcome_once
from scheduler.delivery import DeliveryError, Mention, Target, classify

log = logging.getLogger(__name__)

PLATFORM = "teams"
#: The attachment of a file sent in a personal chat: ``content`` has its ``downloadUrl``.
FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
_THREAD_SUFFIX = re.compile(r";messageid=\d+$")
#: How long the Teams roster's answer about a member (their e-mail) is trusted.
ROSTER_SECONDS = 600.0
ROSTER_CACHE_SIZE = 5000
ROSTER_TIMEOUT_SECONDS = 5.0
#: Connections kept open to the Bot Connector, the login and the key endpoints together.
OUTBOUND_CONNECTIONS = 100
_TAG_BREAKERS = re.compile(r"[<>&]")
_KINDS = {
    "personal": ConversationKind.PERSONAL,
    "channel": ConversationKind.CHANNEL,
    "groupChat": ConversationKind.GROUP,
}


@asynccontextmanager
async def teams_adapter(
    settings: Settings, clock: Callable[[], datetime], *, inbound: bool = True
) -> AsyncIterator[CloudAdapter]:
    """A CloudAdapter whose every token check and credential goes through ``bot.teams_auth``
    and whose every outbound call goes through ``bot.connector``: one HTTP session, with
    keep-alive, for the signing keys, the bot's token, replies and reminders, closed
    afterwards. ``inbound=False`` (sending reminders only) loads no signing keys."""

    def seconds() -> float:
        return clock().timestamp()

    # keep-alive connections for every call; the CA store as the environment names it now
    # (SSL_CERT_FILE), not as it was when aiohttp was imported
    connections = TCPConnector(ssl=ssl.create_default_context(), limit=OUTBOUND_CONNECTIONS)
    async with ClientSession(connector=connections) as http:
        keys = SigningKeys(http, settings.test_openid_url or CHANNEL_OPENID_URL, clock=seconds)
        if inbound and settings.authenticated:
            await keys.start()
        tokens = BotTokens(http, settings, clock=seconds)
        try:
            yield _adapter(RadsbotAuthentication(settings, keys, tokens, http))
        finally:
            await keys.stop()
            await tokens.close()


def _adapter(authentication: RadsbotAuthentication) -> CloudAdapter:
    adapter = CloudAdapter(authentication)

    async def on_error(turn_context: TurnContext, error: Exception) -> None:
        # Logged without the activity: it may carry tokens or personal data.
        log.error("unhandled error in a Teams turn: %s", type(error).__name__, exc_info=error)

    adapter.on_turn_error = on_error
    return adapter


async def process_activity(
    adapter: CloudAdapter, bot: ActivityHandler, activity: Activity, auth_header: str
) -> web.Response:
    """Run one turn; a refused token or service URL is 401 with one log line, no traceback."""
    try:
        invoke = await adapter.process_activity(auth_header, activity, bot.on_turn)
    except PermissionError as refused:
        log.warning("Teams request refused: %s", refused)
        return web.Response(status=401, text="unauthorized")
    except LoginFailed as failed:
        log.error("Teams turn not run, the bot has no token: %s", failed)
        return web.Response(status=503, text="the bot cannot sign in now")
    if invoke is not None:
        return web.json_response(serializer_helper(invoke.body), status=invoke.status)
    return web.Response(status=201)


def incoming_from(activity: Activity, received_at: datetime, text: str | None = None) -> Incoming:
    """Translate a Bot Framework activity into our own ``Incoming``; ``text``: the command's
    plain text when it has already been converted (``command_text``)."""
    conversation = activity.conversation
    channel_data = activity.channel_data or {}
    tenant = (
        getattr(conversation, "tenant_id", None)
        or (channel_data.get("tenant") or {}).get("id")
        or ""
    )
    sender: ChannelAccount = activity.from_property
    if text is None:
        text = html_to_lines(*_command_html(activity))
    reference = wire_json(TurnContext.get_conversation_reference(activity))
    return Incoming(
        platform=PLATFORM,
        tenant_id=tenant,
        conversation_id=_THREAD_SUFFIX.sub("", conversation.id),
        conversation_kind=_KINDS.get(conversation.conversation_type or "", ConversationKind.GROUP),
        user_id=sender.aad_object_id or sender.id,
        user_name=sender.name,
        text=text,
        received_at=received_at,
        reference=reference,
        mention_id=sender.id,
        locale=activity.locale or None,
    )


async def command_text(activity: Activity) -> str:
    """The plain text of the command a message carries, the loop given turns while a long
    paste is converted."""
    return await html_to_lines_paced(*_command_html(activity))


def _command_html(activity: Activity) -> tuple[str, str | None]:
    """The command's text as sent (HTML or plain), and the bot's name to remove from it."""
    text = activity.text or ""
    if isinstance(activity.value, dict) and isinstance(activity.value.get("command"), str):
        text = activity.value["command"]  # a card button runs its command as if typed
    return text, activity.recipient.name if activity.recipient else None


def sent_file(activity: Activity) -> SentFile | None:
    """The first file of a message (``supportsFiles`` in the manifest), or None. Its name is
    the attachment's, or made from Teams' ``fileType`` when the name says no kind."""
    for attachment in activity.attachments or []:
        if attachment.content_type != FILE_DOWNLOAD_INFO:
            continue
        content = attachment.content if isinstance(attachment.content, dict) else {}
        url = content.get("downloadUrl")
        if not isinstance(url, str) or not url:
            continue
        return SentFile.of(attachment.name, url, content.get("fileType"), content.get("size"))
    return None


def reply_activity(reply: Reply, mention: Mention | None = None) -> Activity:
    """A Markdown message, or an Adaptive Card for lists, choices and links."""
    if not wants_card(reply):
        activity = _markdown_message(render_markdown(reply))
        if mention is not None:
            _add_mention(activity, mention)
        return activity
    card = reply_card(reply)
    if mention is not None:
        _mention_in_card(card, mention)
    activity = MessageFactory.attachment(Attachment(content_type=ADAPTIVE_CARD, content=card))
    activity.summary = without_marks(reply.title)
    return activity


async def _send(turn_context: TurnContext, activity: Activity) -> None:
    """``turn_context.send_activity`` without its deep copy of the activity (~1 ms for a card
    of 25 actions, on every reply): ours is built for this one send. A turn that wants its
    replies in the HTTP response (``expectReplies``) goes botbuilder's own way."""
    if turn_context.activity.delivery_mode == DeliveryModes.expect_replies:
        await turn_context.send_activity(activity)
        return
    reference = TurnContext.get_conversation_reference(turn_context.activity)
    activity = TurnContext.apply_conversation_reference(activity, reference)
    activity.input_hint = activity.input_hint or InputHints.accepting_input
    activity.id = None
    await turn_context.adapter.send_activities(turn_context, [activity])
    turn_context.responded = True


def _markdown_message(text: str) -> Activity:
    activity = MessageFactory.text(text)
    activity.text_format = TextFormatTypes.markdown
    return activity


def _mention_tag(name: str) -> str:
    """``<at>Name</at>``; a name cannot close the tag early or open another one."""
    return f"<at>{_TAG_BREAKERS.sub('', name)}</at>"


class TeamsBot(ActivityHandler, ChatAdapter[TurnContext]):
    """Hands every message to ``dialogs`` and sends back what it answers."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: DialogSettings,
        clock: Callable[[], datetime],
        email_tenants: frozenset[str] | None = None,
        file_hosts: TrustedHosts | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        """``file_hosts``: where files sent in a chat may be fetched from (by default only
        from loopback addresses, as in local mode)."""
        ChatAdapter.__init__(self, sessions, settings, clock, metrics)
        self._roster = _Roster(email_tenants)
        self._file_hosts = file_hosts or TrustedHosts(TEAMS_FILE_HOSTS, local=True)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        await self.take(turn_context)

    async def translate(self, message: TurnContext, received_at: datetime) -> Inbound:
        activity = message.activity
        incoming = incoming_from(activity, received_at, await command_text(activity))
        incoming = self._roster.attach(message, incoming)
        sent = sent_file(message.activity)
        return Inbound(incoming, SentDocument(sent, self._file_hosts) if sent else None)

    async def answer(self, message: TurnContext, reply: Reply, *, only_asker: bool) -> None:
        if only_asker:  # Teams has no message for one member of a channel: a short note
            await _send(message, _markdown_message(markdown(reply.title)))
            return
        await _send(message, reply_activity(reply))

    async def send_privately(self, message: TurnContext, reply: Reply) -> None:
        """Send into the person's 1:1 chat, or raise ``DeliveryError``."""
        assert reply.private_to is not None
        reference = read_model(ConversationReference, reply.private_to)
        failed: list[Exception] = []

        async def send(private_context: TurnContext) -> None:
            try:
                await _send(private_context, reply_activity(reply))
            except Exception as error:
                failed.append(error)

        # The same identity and audience as this turn: what was allowed to answer here may
        # write to the person's own chat with the bot.
        adapter = message.adapter
        try:
            await adapter.continue_conversation_with_claims(
                message.turn_state.get(adapter.BOT_IDENTITY_KEY),
                reference,
                message.turn_state.get(adapter.BOT_OAUTH_SCOPE_KEY),
                send,
            )
        except PermissionError as refused:  # a stored service URL the bot may not post to
            raise DeliveryError(f"not sent: {refused}", permanent=True) from refused
        if failed:
            raise _delivery_error(failed[0])

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
        await _send(turn_context, reply_activity(reply, installer))


class _Roster:
    """The Teams roster API (``GET /v3/conversations/{id}/members/{member}``) through
    botbuilder's connector: who a member is, with the e-mail their directory vouches for.

    It is asked lazily, only when ``dialogs`` needs it (an unknown sender, ``member link``),
    and its answers about e-mails are kept for a while, so an unknown account that keeps
    writing does not cost a request per message.
    """

    def __init__(self, email_tenants: frozenset[str] | None = None) -> None:
        """``email_tenants``: the tenants whose directories vouch for an e-mail address;
        None = any (local mode, where nothing is verified anyway)."""
        self._emails: TTLCache[tuple[str, str], str | None] = TTLCache(
            maxsize=ROSTER_CACHE_SIZE, ttl=ROSTER_SECONDS, timer=time.monotonic
        )
        self._email_tenants = email_tenants

    def attach(self, turn_context: TurnContext, incoming: Incoming) -> Incoming:
        activity = turn_context.activity
        sender_id = activity.from_property.id

        async def verified_email() -> str | None:
            if self._email_tenants is not None and incoming.tenant_id not in self._email_tenants:
                # A tenant this bot does not serve by name: its administrators can give any
                # of their users any address, the chair's too (Entra does not verify it).
                return None
            # per tenant too: what the roster says depends on whose conversation asks
            key = (sender_id, incoming.tenant_id)
            if key in self._emails:
                return self._emails[key]
            member = await _member(turn_context, sender_id)
            if member is None:
                return None  # not cached: asked again next time
            email = (member.email or member.user_principal_name or "").strip() or None
            home = getattr(member, "tenant_id", None)
            if home and home != incoming.tenant_id:
                # An external member: his own organisation's directory names that address,
                # and may name anyone's. Only the conversation's tenant vouches for one.
                email = None
            self._emails[key] = email
            return email

        async def mentioned() -> tuple[Account, ...]:
            return await _mentioned_accounts(turn_context)

        return replace(incoming, verified_email=verified_email, mentioned=mentioned)


async def _member(turn_context: TurnContext, member_id: str) -> Any:
    """The roster's entry for one member, or None when Teams will not say (logged, no data)."""
    # What TeamsInfo.get_member does, minus its need for channelData (a 1:1 chat may lack it).
    connector = turn_context.turn_state.get(turn_context.adapter.BOT_CONNECTOR_CLIENT_KEY)
    conversation_id = turn_context.activity.conversation.id
    try:
        async with asyncio.timeout(ROSTER_TIMEOUT_SECONDS):
            member = await connector.conversations.get_conversation_member(
                conversation_id, member_id
            )
        return member if isinstance(member, TeamsChannelAccount) else None
    except Exception as error:
        log.warning("Teams roster lookup failed: %s", type(error).__name__)
        return None


async def _mentioned_accounts(turn_context: TurnContext) -> tuple[Account, ...]:
    """The people @mentioned in the message (not the bot), by the account id they write with
    (their AAD object id, asked of the roster when the mention does not carry it)."""
    activity = turn_context.activity
    bot_id = activity.recipient.id if activity.recipient else None
    accounts = []
    for entity in activity.entities or []:
        data = {**(getattr(entity, "additional_properties", None) or {})}
        if getattr(entity, "type", None) != "mention":
            continue
        mentioned = data.get("mentioned") or {}
        member_id = str(mentioned.get("id") or "")
        if not member_id or member_id == bot_id:
            continue
        user_id = mentioned.get("aadObjectId")
        if not user_id:
            member = await _member(turn_context, member_id)
            user_id = getattr(member, "aad_object_id", None)
        if not user_id:
            continue
        shown = " ".join(fragment_text(str(data.get("text") or "")).split())
        name = mentioned.get("name")
        accounts.append(Account(str(user_id), name, shown or name or "", member_id))
    return tuple(accounts)


class TeamsDeliverer:
    """Sends reminders into saved Teams conversations through the Bot Connector.

    What ``continue_conversation`` would do, without a turn around each message: one client
    per service URL (``bot.connector``, on the adapter's shared session), kept for the
    deliverer's life. Each message is tried once; the sender retries what Teams refused.
    """

    opens_direct_chats = False  # a bot can write only to people who have installed it

    def __init__(self, adapter: CloudAdapter, app_id: str) -> None:
        self._adapter = adapter
        self._app_id = app_id
        self._clients: dict[str, ConnectorClient] = {}

    async def deliver(self, target: Target, reply: Reply) -> None:
        reference = read_model(ConversationReference, target.reference)
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
        except PermissionError as refused:  # a stored service URL the bot may not post to
            raise DeliveryError(str(refused), permanent=True) from None
        except Exception as error:
            raise _delivery_error(error) from error

    async def _client(self, service_url: str) -> ConnectorClient:
        client = self._clients.get(service_url)
        if client is None:
            authentication = self._adapter.bot_framework_authentication
            factory = authentication.create_connector_factory(
                self._adapter.create_claims_identity(self._app_id or None), attempts=1
            )
            client = self._clients[service_url] = await factory.create(service_url, None)
        return client


def _add_mention(activity: Activity, mention: Mention) -> None:
    """@mention the person; someone the bot has never met is named in bold instead."""
    if not mention.user_id:
        activity.text = f"**{escape_markdown(mention.name)}**: {activity.text}"
        return
    tag = _mention_tag(mention.name)
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
        name = escape_markdown(mention.name)
        card["body"].insert(0, {"type": "TextBlock", "text": f"**{name}**:", "wrap": True})
        return
    tag = _mention_tag(mention.name)
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
    """A Bot Connector failure, classified as every platform's is (``classify``)."""
    if isinstance(error, ConnectorRefused):
        return classify(error.status, retry_after=error.retry_after)
    return classify(None, unanswered=type(error).__name__)
