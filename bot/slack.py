"""Slack through slack-bolt: slash commands, @mentions, direct messages and button presses in,
Block Kit out, and reminders through ``chat.postMessage``.

Only translation happens here; every decision is made in ``dialogs``, exactly as for Teams.
Slack wants an answer within 3 seconds, so every listener acknowledges first and answers
afterwards: through the ``response_url`` for slash commands and buttons, with
``chat.postMessage`` for events. slack_bolt stays inside this module, ``bot/slack_guard.py``
(what a request must pass first) and ``bot/app.py``'s wiring, so ``dialogs`` and ``store``
never see it.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp import web
from cachetools import TTLCache
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.chat_adapter import ChatAdapter, Inbound
from bot.downloads import SLACK_FILE_HOSTS, SentFile
from bot.metrics import Metrics
from bot.render_blocks import (
    COMMAND_ACTION_PATTERN,
    LINK_ACTION_PATTERN,
    mrkdwn,
    slack_message,
)
from bot.settings import Settings
from bot.slack_guard import Admitted, SlackRequestGuard
from bot.trusted_hosts import TrustedHosts
from bot.turns import SentDocument
from dialogs.dispatch import DialogSettings
from dialogs.model import Account, ConversationKind, Incoming, Reply, Tone
from dialogs.registry import Registry
from scheduler.delivery import DeliveryError, Target, classify

log = logging.getLogger(__name__)

PLATFORM = "slack"
EVENTS_PATH = "/slack/events"
#: Slash commands whose text is the whole command; every other command's name is its first word.
CATCH_ALL_COMMANDS = frozenset({"/radsbot", "/rådsbot"})
#: What a slash command typed without text means.
BARE_COMMANDS = {"/radsbot": "help", "/rådsbot": "help"}
#: How long a users.info answer (name, e-mail) is trusted.
PROFILE_SECONDS = 600.0
PROFILE_CACHE_SIZE = 5000
#: How long shutdown waits for answers that were acknowledged but not yet sent.
DRAIN_SECONDS = 10.0
HTTP_TIMEOUT_SECONDS = 15.0
#: Slack API errors that say "try again later" rather than "this cannot work".
_TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
_ANGLE = re.compile(r"<([^<>\n]*)>")
_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")
_USER_MENTION_LABEL = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^<>]*))?>")

Clock = Callable[[], datetime]


def slack_enabled(settings: Settings) -> bool:
    """Slack runs with its bot token and either its signing secret (events over HTTPS) or an
    app-level token (Socket Mode)."""
    return bool(
        settings.slack_bot_token.get_secret_value()
        and (settings.slack_signing_secret.get_secret_value() or settings.slack_socket_mode)
    )


def slack_web_client(
    settings: Settings, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    """The Web API client: the bot token, and the API address (a fake one in tests)."""
    base_url = settings.slack_api_url
    if not base_url.endswith("/"):
        base_url += "/"
    return AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=base_url,
        session=session,
        timeout=int(HTTP_TIMEOUT_SECONDS),
    )


def command_text(command: str, text: str) -> str:
    """A slash command as our command text: ``/next meeting`` → ``next meeting``.

    ``/radsbot`` carries any command in its text (``/radsbot council create …``); the other
    slash commands are the first word of theirs (``/nominate RPT THS …``).
    """
    name = command.strip().casefold()
    text = text.strip()
    if not text:
        return BARE_COMMANDS.get(name, name.lstrip("/"))
    if name in CATCH_ALL_COMMANDS:
        return text
    return f"{name.lstrip('/')} {text}"


def conversation_kind(channel_id: str, channel_type: str | None) -> ConversationKind:
    """From Slack's channel type (events) or channel name (slash commands) and its id."""
    hint = channel_type or ""
    if hint in ("im", "directmessage") or channel_id.startswith("D"):
        return ConversationKind.PERSONAL
    if hint == "mpim" or hint.startswith("mpdm-"):
        return ConversationKind.GROUP
    return ConversationKind.CHANNEL


def plain_text(text: str, names: Mapping[str, str], bot_user_id: str | None) -> str:
    """Slack's message markup as the text a person meant.

    The bot's own mention goes; other people's mentions become their names (so
    ``action @Karin: …`` finds Karin on the roster); links become their address (a Teams
    meeting link must survive); Slack's ``&amp;``, ``&lt;``, ``&gt;`` are undone last.
    """

    def unwrap(match: re.Match[str]) -> str:
        target, _, label = match[1].partition("|")
        if target.startswith("@"):
            user = target[1:]
            if user == bot_user_id:
                return ""
            return names.get(user) or (f"@{label}" if label else target)
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            if target.startswith(("!subteam^", "!date^")):
                return label
            return f"@{target[1:]}"
        if target.startswith("mailto:"):
            return label or target.removeprefix("mailto:")
        return target

    text = _ANGLE.sub(unwrap, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text.strip()


@dataclass(frozen=True)
class _Profile:
    """What users.info tells about an account; either may be unknown."""

    name: str | None
    email: str | None
    #: the workspace and Enterprise Grid organisation the account belongs to
    team: str = ""
    enterprise: str = ""
    #: the language the account's Slack is set to (``sv-SE``), when Slack says it
    locale: str | None = None


@dataclass(frozen=True)
class _Where:
    """Where a message came from, as every kind of Slack request says it."""

    team: str
    channel: str
    kind: ConversationKind
    user: str
    #: the Enterprise Grid organisation the request came through, if any
    enterprise: str = ""


@dataclass(frozen=True)
class _Message:
    """One Slack request to answer: a slash command, an @mention, a direct message or a
    pressed button."""

    where: _Where
    text: str
    bot_user_id: str | None
    #: the text is Slack markup (mentions as ``<@U…>``); a button's value is our own command
    markup: bool = True
    #: an event's shared files; the first one's text is the message's block
    files: object = None
    #: bolt's ``respond`` (the response_url of slash commands and buttons); None: post
    respond: Any = None
    thread_ts: str | None = None
    replace_original: bool | None = None


def _event_message(
    body: dict[str, Any], event: dict[str, Any], kind: ConversationKind, bot_user_id: str | None
) -> _Message:
    """An @mention or a direct message, answered in its thread."""
    where = _Where(
        team=body.get("team_id") or event.get("team") or "",
        channel=event.get("channel") or "",
        kind=kind,
        user=event.get("user") or "",
        enterprise=body.get("enterprise_id") or "",
    )
    text = event.get("text") or ""
    if bot_user_id is None:  # the bot's own id unknown: a leading mention is taken as it
        text = re.sub(r"^\s*<@[^>]+>", "", text)
    return _Message(
        where, text, bot_user_id, files=event.get("files"), thread_ts=event.get("thread_ts")
    )


class SlackBot(ChatAdapter[_Message]):
    """The bolt app on our aiohttp server: every Slack request is translated and dispatched."""

    def __init__(
        self,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        registry: Registry,
        metrics: Metrics | None = None,
    ) -> None:
        super().__init__(
            sessions,
            DialogSettings(registry, settings.default_language, settings.public_base_url),
            clock,
            metrics,
        )
        # One connection pool for every Web API call; made here, inside the running loop.
        self._http = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_SECONDS)
        )
        self.client = slack_web_client(settings, self._http)
        self._token = settings.slack_bot_token.get_secret_value()
        # The bot token goes with every file download: only to Slack's file host, or to the
        # Slack API address this app is configured with (a fake one in tests).
        self._file_hosts = TrustedHosts(SLACK_FILE_HOSTS, local=False, also=settings.slack_api_url)
        self.app = AsyncApp(
            name="radsbot",
            client=self.client,
            signing_secret=settings.slack_signing_secret.get_secret_value(),
            # Checked before bolt sees the request, by SlackRequestGuard (with the app's
            # clock, and with the replay check that must follow it).
            request_verification_enabled=False,
            # On a long-running server bolt answers Slack as soon as ack() is called and
            # lets the listener go on; our listeners acknowledge before any slow work.
            process_before_response=False,
            logger=_quiet_bolt_logger(),
        )
        self.app.command(re.compile(r"^/"))(self._on_command)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("message")(self._on_message)
        self.app.action(COMMAND_ACTION_PATTERN)(self._on_button)
        self.app.action(LINK_ACTION_PATTERN)(self._on_link)
        self._private = SlackDeliverer(self.client)
        self._profiles: TTLCache[str, _Profile] = TTLCache(
            maxsize=PROFILE_CACHE_SIZE, ttl=PROFILE_SECONDS, timer=time.monotonic
        )
        self._guard = SlackRequestGuard(
            settings.slack_signing_secret.get_secret_value(), sessions, clock
        )
        self._running: set[asyncio.Task[Any]] = set()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """The ``/slack/events`` endpoint: the guard checks the signature, its age, the body and
        that the request is new (see bot/slack_guard.py); then bolt routes it."""
        admitted = await self._guard.admit(request)
        if not isinstance(admitted, Admitted):
            return admitted
        bolt_response = await self.app.async_dispatch(admitted.request)
        if bolt_response.status >= 300 and admitted.claim is not None:
            await self._guard.release(admitted.claim)
        return await to_aiohttp_response(bolt_response)

    async def first_event_sighting(self, event_id: str) -> bool:
        """Whether an event delivered over Socket Mode is new (see ``SlackRequestGuard``)."""
        return await self._guard.first_event_sighting(event_id)

    async def close(self) -> None:
        """Let acknowledged requests finish their answer before the database closes."""
        running = set(self._running)
        if running:
            _, pending = await asyncio.wait(running, timeout=DRAIN_SECONDS)
            for task in pending:
                task.cancel()
        await self._http.close()

    # -- listeners: ack first, then the work, each in bolt's own task ------------------------

    async def _on_command(
        self, ack: Callable[[], Awaitable[Any]], command: dict[str, Any], respond: Any, context: Any
    ) -> None:
        await ack()
        self._keep_running()
        where = _Where(
            team=command.get("team_id") or "",
            channel=command.get("channel_id") or "",
            kind=conversation_kind(command.get("channel_id") or "", command.get("channel_name")),
            user=command.get("user_id") or "",
            enterprise=command.get("enterprise_id") or "",
        )
        text = command_text(command.get("command") or "/radsbot", command.get("text") or "")
        await self.take(_Message(where, text, context.bot_user_id, respond=respond))

    async def _on_mention(
        self,
        ack: Callable[[], Awaitable[Any]],
        body: dict[str, Any],
        event: dict[str, Any],
        context: Any,
    ) -> None:
        await ack()
        if event.get("bot_id"):
            return
        self._keep_running()
        kind = conversation_kind(event.get("channel") or "", event.get("channel_type"))
        await self.take(_event_message(body, event, kind, context.bot_user_id))

    async def _on_message(
        self,
        ack: Callable[[], Awaitable[Any]],
        body: dict[str, Any],
        event: dict[str, Any],
        context: Any,
    ) -> None:
        """Direct messages only; edits, joins, the bot's own posts and channels are not for us."""
        await ack()
        if (
            event.get("channel_type") != "im"
            or event.get("subtype") not in (None, "file_share")
            or event.get("bot_id")
            or not event.get("user")
        ):
            return
        self._keep_running()
        await self.take(_event_message(body, event, ConversationKind.PERSONAL, context.bot_user_id))

    async def _on_button(
        self,
        ack: Callable[[], Awaitable[Any]],
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Any,
        context: Any,
    ) -> None:
        """A pressed button runs the command in its value, as if it had been typed."""
        await ack()
        channel = body.get("channel") or {}
        channel_id = channel.get("id") or (body.get("container") or {}).get("channel_id") or ""
        user = body.get("user") or {}
        value = action.get("value") or ""
        if not channel_id or not user.get("id") or not value:
            return
        self._keep_running()
        where = _Where(
            team=(body.get("team") or {}).get("id") or user.get("team_id") or "",
            channel=channel_id,
            kind=conversation_kind(channel_id, channel.get("name")),
            user=user["id"],
            enterprise=(body.get("enterprise") or {}).get("id") or "",
        )
        await self.take(
            _Message(
                where,
                value,
                context.bot_user_id,
                markup=False,
                respond=respond,
                replace_original=False,
            )
        )

    async def _on_link(self, ack: Callable[[], Awaitable[Any]]) -> None:
        """A link button opened its page in the browser; Slack only wants to hear it was seen."""
        await ack()

    # -- translation --------------------------------------------------------------------------

    async def translate(self, message: _Message, received_at: datetime) -> Inbound:
        where, raw_text, bot_user_id = message.where, message.text, message.bot_user_id
        profile = await self._profile(where.user)
        accounts: tuple[Account, ...] = ()
        if message.markup:
            names = {user: await self._name_of(user) for user in _mentioned(raw_text, bot_user_id)}
            text = plain_text(raw_text, names, bot_user_id)
            accounts = _mentioned_accounts(raw_text, names, bot_user_id)
        else:
            text = raw_text
        shared = _shared_file(message.files)
        sent = (
            SentDocument(shared, self._file_hosts, {"Authorization": f"Bearer {self._token}"})
            if shared is not None
            else None
        )

        async def verified_email() -> str | None:
            # Slack vouches for the address of its accounts; users.info was asked already.
            # Not for an external account (Slack Connect): another organisation's admin sets
            # its address, and may set anyone's.
            ours = profile.team == where.team or (
                bool(profile.enterprise) and profile.enterprise == where.enterprise
            )
            return profile.email if ours else None

        async def mentioned() -> tuple[Account, ...]:
            return accounts

        reference: dict[str, object] = {"channel": where.channel, "team": where.team}
        if where.kind is ConversationKind.PERSONAL:
            # Reminders open the bot's own DM with this user (see SlackDeliverer).
            reference["user"] = where.user
            if profile.locale:
                reference["locale"] = profile.locale  # the language of their reminders
        incoming = Incoming(
            platform=PLATFORM,
            tenant_id=where.team,
            conversation_id=where.channel,
            conversation_kind=where.kind,
            user_id=where.user,
            user_name=profile.name,
            text=text,
            received_at=received_at,
            reference=reference,
            mention_id=where.user,
            name_verified=False,
            verified_email=verified_email,
            mentioned=mentioned,
            locale=profile.locale,
        )
        return Inbound(incoming, sent)

    async def _profile(self, user: str) -> _Profile:
        """Name, e-mail and language from users.info, cached; unknown (None) when Slack will not say."""
        cached = self._profiles.get(user)
        if cached is not None:
            return cached
        try:
            answer = await self.client.users_info(user=user, include_locale=True)
        except (TimeoutError, SlackApiError, aiohttp.ClientError) as error:
            log.warning("Slack users.info failed: %s", _describe(error))
            return _Profile(None, None)  # not cached: asked again next time
        account = answer.get("user") or {}
        details = account.get("profile") or {}
        name = (
            details.get("real_name")
            or account.get("real_name")
            or details.get("display_name")
            or ""
        ).strip()
        email = (details.get("email") or "").strip() or None
        if account.get("is_email_confirmed") is False:
            email = None  # an address Slack has not seen confirmed vouches for nobody
        enterprise = (account.get("enterprise_user") or {}).get("enterprise_id") or ""
        locale = account.get("locale") or None
        profile = _Profile(name or None, email, account.get("team_id") or "", enterprise, locale)
        self._profiles[user] = profile
        return profile

    async def _name_of(self, user: str) -> str:
        return (await self._profile(user)).name or ""

    # -- answering ----------------------------------------------------------------------------

    async def answer(self, message: _Message, reply: Reply, *, only_asker: bool) -> None:
        if message.respond is not None:
            await self._respond(
                message.respond,
                reply,
                only_asker=only_asker,
                replace_original=message.replace_original,
            )
        else:
            await self._post(message.where.channel, reply, thread_ts=message.thread_ts)

    async def send_privately(self, message: _Message, reply: Reply) -> None:
        assert reply.private_to is not None
        reference = dict(reply.private_to)
        target = Target(PLATFORM, str(reference.get("channel") or ""), reference)
        await self._private.deliver(target, reply)

    async def _respond(
        self,
        respond: Any,
        reply: Reply,
        *,
        only_asker: bool = False,
        replace_original: bool | None = None,
    ) -> None:
        """Through the response_url: a problem, a note only for the asker, or the asker's
        secret ephemerally, anything else in the channel, as on Teams (where an announcement
        such as ``nomination open`` is the reply itself)."""
        message = slack_message(reply)
        # a secret asked for in a DM: that DM may be between two people (see ``translate``)
        private = only_asker or reply.tone is Tone.PROBLEM or reply.secret_refusal is not None
        message["response_type"] = "ephemeral" if private else "in_channel"
        if replace_original is not None:
            message["replace_original"] = replace_original
        try:
            answer = await respond(**message)
        except (TimeoutError, aiohttp.ClientError) as error:
            log.warning("Slack response_url failed: %s", _describe(error))
            return
        if answer.status_code != 200:
            log.warning("Slack response_url answered HTTP %s", answer.status_code)

    async def _post(self, channel: str, reply: Reply, *, thread_ts: str | None) -> None:
        message = slack_message(reply)
        if thread_ts:
            message["thread_ts"] = thread_ts
        try:
            await self.client.chat_postMessage(channel=channel, **message)
        except (TimeoutError, SlackApiError, aiohttp.ClientError) as error:
            log.warning("Slack chat.postMessage failed: %s", _describe(error))

    def _keep_running(self) -> None:
        """Hold the listener's task (bolt keeps no reference) so shutdown can wait for it."""
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
            task.add_done_callback(self._running.discard)


class SlackDeliverer:
    """Sends reminders with ``chat.postMessage``: into the channel, or the bot's DM with a person."""

    opens_direct_chats = True

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client
        self._direct_channels: dict[str, str] = {}

    async def deliver(self, target: Target, reply: Reply) -> None:
        lead = ""
        if target.mention is not None:
            mention = target.mention
            lead = f"<@{mention.user_id}>" if mention.user_id else f"*{mrkdwn(mention.name)}*:"
        try:
            channel = await self._channel(target)
            await self._client.chat_postMessage(channel=channel, **slack_message(reply, lead=lead))
        except SlackApiError as error:
            raise delivery_error(error) from error
        except (TimeoutError, aiohttp.ClientError) as error:
            raise DeliveryError(type(error).__name__) from error

    async def _channel(self, target: Target) -> str:
        """A personal conversation is reached through the bot's own DM with that user, which
        ``conversations.open`` finds (or opens); a channel by its id."""
        user = target.reference.get("user")
        if not user:
            return str(target.reference.get("channel") or target.conversation_id)
        user = str(user)
        if user not in self._direct_channels:
            opened = await self._client.conversations_open(users=user)
            self._direct_channels[user] = opened["channel"]["id"]
        return self._direct_channels[user]


def delivery_error(error: SlackApiError) -> DeliveryError:
    """A Web API failure, classified as every platform's is (``classify``); Slack's own
    ``ok: false`` is a refusal, transient for a few codes."""
    response = error.response
    status = int(response.status_code or 0)
    data = response.data if isinstance(response.data, dict) else {}
    code = str(data.get("error") or "")
    return classify(
        status,
        retry_after=response.headers.get("Retry-After"),
        refusal=f"Slack {code}" if code else None,
        transient=code in _TRANSIENT_ERRORS,
    )


def _shared_file(files: object) -> SentFile | None:
    """The first file of a ``file_share`` message that Slack lets the bot download."""
    if not isinstance(files, list):
        return None
    for file in files:
        if not isinstance(file, dict):
            continue
        url = file.get("url_private_download") or file.get("url_private")
        if not isinstance(url, str) or not url:
            continue
        return SentFile.of(file.get("name"), url, file.get("filetype"), file.get("size"))
    return None


def _mentioned(text: str, bot_user_id: str | None) -> list[str]:
    return sorted({user for user in _USER_MENTION.findall(text) if user != bot_user_id})


def _mentioned_accounts(
    text: str, names: Mapping[str, str], bot_user_id: str | None
) -> tuple[Account, ...]:
    """The accounts @mentioned in Slack markup, each shown as ``plain_text`` writes it."""
    accounts: dict[str, Account] = {}
    for match in _USER_MENTION_LABEL.finditer(text):
        user, label = match[1], match[2]
        if user == bot_user_id or user in accounts:
            continue
        shown = names.get(user) or (f"@{label}" if label else f"@{user}")
        accounts[user] = Account(user, names.get(user) or None, shown, user)
    return tuple(accounts.values())


def _describe(error: BaseException) -> str:
    """An error in a log line: its kind and Slack's error code, never a token or a URL."""
    if isinstance(error, SlackApiError):
        data = error.response.data if isinstance(error.response.data, dict) else {}
        return f"HTTP {error.response.status_code} {data.get('error') or ''}".strip()
    return type(error).__name__


def _quiet_bolt_logger() -> logging.Logger:
    """bolt logs a refused request with its whole body at INFO (tokens, response URLs, what
    people wrote); its loggers take their level from the one given here."""
    quiet = logging.getLogger("bot.slack.bolt")
    quiet.setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
    return quiet
