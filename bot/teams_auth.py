"""Who may talk to the bot over the Bot Framework, and where the bot may answer.

botbuilder's own token check fetches the OpenID keys with a blocking ``requests.get`` and no
timeout, on the event loop, for any token that merely *looks* like a channel token; its
credentials fetch the bot's own token through MSAL, blocking too. Here both happen with aiohttp
on one shared session: the signing keys are fetched at start-up and refreshed in the
background, so checking a token is CPU only (a rejected token costs well under a millisecond
and never an outbound request); the bot's token is fetched when first needed, cached, and
fetched again shortly before it expires. botbuilder does the rest (turns, connector clients).

What the Bot Framework requires of a channel's token (as botbuilder's ``ChannelValidation``
and ``JwtTokenExtractor`` check it): signed RS256 by a key from the channel OpenID document,
the key endorsed for the activity's channel (``msteams``), issuer
``https://api.botframework.com``, audience = our app id, not expired (5 minutes of clock skew),
and a ``serviceurl`` claim equal to the activity's ``serviceUrl``. Tokens from the Emulator's
or Azure AD's issuers are refused: the Emulator is served by local mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
from aiohttp import ClientSession, ClientTimeout
from botbuilder.schema import Activity, CallerIdConstants
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)

from bot.connector import REPLY_ATTEMPTS, ConnectorClient, Conversations
from bot.settings import Settings
from bot.trusted_hosts import TrustedHosts

log = logging.getLogger(__name__)

CHANNEL_ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
CHANNEL_OPENID_URL = AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
BOT_SCOPE = AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
CLOCK_SKEW_SECONDS = 5 * 60
FETCH_TIMEOUT_SECONDS = 10.0
KEYS_LIFETIME_SECONDS = 24 * 3600  # botbuilder refreshes daily too
UNKNOWN_KEY_REFRESH_SECONDS = 5 * 60  # an unknown kid may prompt at most one fetch per this
RETRY_SECONDS = 30.0
MAX_TOKEN_LENGTH = 16_000
TOKEN_REFRESH_MARGIN_SECONDS = 5 * 60
IMDS_TOKEN_URL = "http://169.254.169.254/metadata/identity/oauth2/token"


#: The one Bot Framework channel served: a Teams activity's sender is the one Teams signed in.
TEAMS_CHANNEL = "msteams"


class TokenRejected(PermissionError):
    """A request the bot will not serve; the message is a short reason, safe to log."""


class LoginFailed(RuntimeError):
    """The bot could not get its own token: its replies cannot go out now."""


@dataclass(frozen=True)
class SigningKey:
    key: Any
    endorsements: frozenset[str]


class SigningKeys:
    """The channel's signing keys, fetched asynchronously, single-flight, cached, refreshed.

    ``get`` never touches the network. The keys are fetched at start-up, again in the
    background before their lifetime ends (or ``RETRY_SECONDS`` after a failure), and at most
    once per ``UNKNOWN_KEY_REFRESH_SECONDS`` when a plausible token names a key we do not know.
    """

    def __init__(
        self,
        http: ClientSession,
        metadata_url: str,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = http
        self._metadata_url = metadata_url
        self._clock = clock
        self._keys: dict[str, SigningKey] = {}
        self._refresh_at = -math.inf
        self._last_attempt = -math.inf
        self._fetch: asyncio.Task[None] | None = None
        self._background: asyncio.Task[None] | None = None

    def get(self, kid: str) -> SigningKey | None:
        return self._keys.get(kid)

    def refresh_soon(self) -> None:
        """Fetch again in the background, unless a fetch ran in the last few minutes."""
        if self._clock() - self._last_attempt >= UNKNOWN_KEY_REFRESH_SECONDS:
            self._start_fetch()

    async def refresh(self) -> None:
        """Fetch the keys now; concurrent callers share the one fetch."""
        await asyncio.shield(self._start_fetch())

    async def start(self) -> None:
        """The first fetch (bounded: start-up never hangs on it), then the background loop."""
        try:
            await asyncio.wait_for(self.refresh(), FETCH_TIMEOUT_SECONDS)
        except Exception:  # the reason is logged by _logged_failure
            log.warning("Bot Framework signing keys not loaded yet; retrying in the background")
        self._background = asyncio.create_task(self._keep_fresh())

    async def stop(self) -> None:
        for task in (self._background, self._fetch):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    def _start_fetch(self) -> asyncio.Task[None]:
        if self._fetch is None or self._fetch.done():
            self._last_attempt = self._clock()
            self._fetch = asyncio.create_task(self._download())
            self._fetch.add_done_callback(_logged_failure)
        return self._fetch

    async def _keep_fresh(self) -> None:
        while True:
            due = self._refresh_at if self._keys else self._last_attempt + RETRY_SECONDS
            # Woken at least once a minute: a clock that jumps (suspend, tests) is noticed.
            await asyncio.sleep(min(60.0, max(1.0, due - self._clock())))
            if self._clock() < due:
                continue
            try:
                await self.refresh()
            except Exception:  # logged by _logged_failure; the old keys stay in use
                self._refresh_at = self._clock() + RETRY_SECONDS

    async def _download(self) -> None:
        timeout = ClientTimeout(total=FETCH_TIMEOUT_SECONDS)
        async with self._http.get(self._metadata_url, timeout=timeout) as response:
            response.raise_for_status()
            metadata = await response.json(content_type=None)
        jwks_uri = metadata.get("jwks_uri") if isinstance(metadata, dict) else None
        if not isinstance(jwks_uri, str):
            raise ValueError("the OpenID document names no jwks_uri")
        async with self._http.get(jwks_uri, timeout=timeout) as response:
            response.raise_for_status()
            document = await response.json(content_type=None)
            lifetime = _max_age(response.headers.get("Cache-Control", ""))
        keys = {}
        for jwk in document.get("keys", []) if isinstance(document, dict) else []:
            parsed = _signing_key(jwk)
            if parsed is not None:
                keys[jwk["kid"]] = parsed
        if not keys:
            raise ValueError("the key set holds no usable RSA key")
        self._keys = keys
        self._refresh_at = self._clock() + 0.8 * lifetime
        log.info("Bot Framework signing keys loaded: %d", len(keys))


def _signing_key(jwk: Any) -> SigningKey | None:
    if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str):
        return None
    try:
        key = jwt.PyJWK(jwk, algorithm="RS256").key
    except (jwt.PyJWTError, ValueError, TypeError, KeyError):
        return None
    endorsements = jwk.get("endorsements")
    if not isinstance(endorsements, list):
        endorsements = []
    return SigningKey(key, frozenset(e for e in endorsements if isinstance(e, str)))


def _max_age(cache_control: str) -> float:
    found = re.search(r"max-age=(\d+)", cache_control)
    seconds = int(found.group(1)) if found else KEYS_LIFETIME_SECONDS
    return float(min(max(seconds, 300), KEYS_LIFETIME_SECONDS))


def _logged_failure(task: asyncio.Task[None]) -> None:
    """Every failed fetch is logged once, here, whoever started or awaited it."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("fetching the Bot Framework signing keys failed: %s", _reason(task.exception()))


def _reason(error: BaseException | None) -> str:
    if isinstance(error, asyncio.TimeoutError):
        return "timed out"
    return type(error).__name__


class ServiceUrls(TrustedHosts):
    """Where the bot may send: a Bot Connector host of the allow-list over https (with an app
    id), or a loopback address (local mode). The bot never posts to a host a request names."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings.service_url_host_patterns, local=not settings.authenticated)


def _tenants_of(activity: Activity) -> set[str]:
    """Every tenant an activity names (``conversation.tenantId``, botbuilder's ``tenantID``,
    ``channelData.tenant.id``); Teams names one, the same in each place."""
    conversation = activity.conversation
    extra = getattr(conversation, "additional_properties", None) or {}
    channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = channel_data.get("tenant")
    named = (
        getattr(conversation, "tenant_id", None),
        extra.get("tenantId") if isinstance(extra, dict) else None,
        tenant.get("id") if isinstance(tenant, dict) else None,
    )
    return {str(t) for t in named if t}


@dataclass(frozen=True)
class _Token:
    value: str
    #: from here on a fresh token is fetched in the background; this one is still handed out
    refresh_from: float
    #: from here on a caller waits for the fresh token
    good_until: float


class BotTokens:
    """The bot's own access token for the Bot Connector, from the OAuth2 client-credentials
    endpoint (or Azure's managed identity endpoint), fetched with aiohttp and cached.

    Concurrent callers share one fetch. In its last ``2 × TOKEN_REFRESH_MARGIN_SECONDS`` a
    token is renewed in the background while it is still handed out, so a busy bot's turns
    never wait for the login endpoint; only a token in its last margin (or none) is waited for.
    """

    def __init__(
        self,
        http: ClientSession,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = http
        self._app_id = settings.microsoft_app_id
        self._secret = settings.microsoft_app_password.get_secret_value()
        self._managed_identity = settings.microsoft_app_type.lower() == "userassignedmsi"
        self._url = settings.test_login_url or self._default_url(settings)
        self._clock = clock
        self._cached: dict[str, _Token] = {}
        self._fetches: dict[str, asyncio.Task[_Token]] = {}
        self._tried_at: dict[str, float] = {}

    def _default_url(self, settings: Settings) -> str:
        if self._managed_identity:
            return IMDS_TOKEN_URL
        single = settings.microsoft_app_type.lower() == "singletenant"
        tenant = settings.microsoft_app_tenant_id if single else ""
        return str(
            AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX
            + (tenant or AuthenticationConstants.DEFAULT_CHANNEL_AUTH_TENANT)
            + AuthenticationConstants.TO_CHANNEL_FROM_BOT_TOKEN_ENDPOINT_PATH
        )

    async def token(self, scope: str) -> str:
        now = self._clock()
        cached = self._cached.get(scope)
        if cached is not None and now < cached.good_until:
            if now >= cached.refresh_from and now - self._tried_at.get(scope, -math.inf) >= (
                RETRY_SECONDS
            ):
                self._start(scope)  # renewed in the background; this one is still good
            return cached.value
        fresh = await asyncio.shield(self._start(scope))
        return fresh.value

    async def close(self) -> None:
        """Stop a fetch still under way (the session it uses is closing)."""
        for fetch in self._fetches.values():
            if not fetch.done():
                fetch.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await fetch

    def _start(self, scope: str) -> asyncio.Task[_Token]:
        fetch = self._fetches.get(scope)
        if fetch is None or fetch.done():
            self._tried_at[scope] = self._clock()
            fetch = self._fetches[scope] = asyncio.create_task(self._fetch(scope))
            fetch.add_done_callback(lambda done: self._keep(scope, done))
        return fetch

    def _keep(self, scope: str, fetch: asyncio.Task[_Token]) -> None:
        if fetch.cancelled():
            return
        error = fetch.exception()
        if error is None:
            self._cached[scope] = fetch.result()
        else:  # seen here, whoever waits for it: a background renewal has no one waiting
            log.warning("fetching the bot's token failed: %s", _reason(error))

    async def _fetch(self, scope: str) -> _Token:
        timeout = ClientTimeout(total=FETCH_TIMEOUT_SECONDS)
        if self._managed_identity:
            query = {"api-version": "2018-02-01", "resource": scope, "client_id": self._app_id}
            request = self._http.get(
                self._url, params=query, headers={"Metadata": "true"}, timeout=timeout
            )
        else:
            form = {
                "grant_type": "client_credentials",
                "client_id": self._app_id,
                "client_secret": self._secret,
                "scope": f"{scope}/.default",
            }
            request = self._http.post(self._url, data=form, timeout=timeout)
        async with request as response:
            if response.status != 200:
                raise LoginFailed(f"the login endpoint answered HTTP {response.status}")
            answer = await response.json(content_type=None)
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise LoginFailed("the login endpoint gave no access token")
        try:
            lifetime = float(answer.get("expires_in", 3600))
        except (TypeError, ValueError):
            lifetime = 3600.0
        margin = min(TOKEN_REFRESH_MARGIN_SECONDS, lifetime / 4)
        expires_at = self._clock() + lifetime
        return _Token(token, expires_at - 2 * margin, expires_at - margin)


class _NoUserTokens(UserTokenClient):
    """The bot signs no user in (no OAuth cards): a turn gets this instead of botbuilder's
    token client, which would build an msrest client per turn for nothing."""

    async def get_user_token(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Rådsbot signs no user in")

    async def get_sign_in_resource(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Rådsbot signs no user in")

    async def sign_out_user(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Rådsbot signs no user in")

    async def get_token_status(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Rådsbot signs no user in")

    async def get_aad_tokens(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Rådsbot signs no user in")

    async def exchange_token(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("Rådsbot signs no user in")


class BotConnectorFactory(ConnectorFactory):
    """Every connector client, for a reply, a private answer or a reminder: the service URL
    checked first, then our aiohttp client (``bot.connector``) on the one shared session,
    with the bot's own token (none in local mode)."""

    def __init__(
        self,
        http: ClientSession,
        tokens: BotTokens,
        service_urls: ServiceUrls,
        *,
        signed: bool,
        attempts: int = REPLY_ATTEMPTS,
    ) -> None:
        self._http = http
        self._tokens = tokens
        self._service_urls = service_urls
        self._signed = signed
        self._attempts = attempts

    async def create(self, service_url: str, audience: str = None) -> ConnectorClient:  # type: ignore[assignment]
        if not self._service_urls.allows(service_url):
            raise TokenRejected("service URL not allowed")
        scope = audience or BOT_SCOPE

        async def token() -> str | None:
            return await self._tokens.token(scope) if self._signed else None

        conversations = Conversations(self._http, service_url, token, attempts=self._attempts)
        return ConnectorClient(conversations)


class RadsbotAuthentication(BotFrameworkAuthentication):
    """botbuilder's authentication with our own token check and credentials plugged in."""

    def __init__(
        self, settings: Settings, keys: SigningKeys, tokens: BotTokens, http: ClientSession
    ) -> None:
        self._app_id = settings.microsoft_app_id
        self._keys = keys
        self._tokens = tokens
        self._http = http
        self.service_urls = ServiceUrls(settings)
        # A single-tenant app serves its own organisation, a multi-tenant one the tenants
        # named in RADSBOT_TEAMS_TENANTS: an activity of another tenant carries another
        # directory's names and e-mail addresses.
        self._tenants = settings.served_teams_tenants

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        if not self.service_urls.allows(activity.service_url):
            raise TokenRejected("service URL not allowed")
        if self._app_id:
            if activity.channel_id != TEAMS_CHANNEL:
                # Web Chat, Direct Line, the emulator: their clients write ``from`` (and its
                # AAD object id) and ``channelData`` themselves, with a genuine token.
                raise TokenRejected("only Microsoft Teams activities are served")
            if self._tenants:
                named = _tenants_of(activity)
                if not named or not named <= self._tenants:
                    raise TokenRejected("activity of a tenant the app does not serve")
            claims = ClaimsIdentity(self.verify(auth_header, activity), True)
            caller_id: str | None = CallerIdConstants.public_azure_channel.value
        else:  # local mode: anonymous, whatever header came along
            claims = ClaimsIdentity({}, True, AuthenticationConstants.ANONYMOUS_AUTH_TYPE)
            caller_id = None
        result = AuthenticateRequestResult()
        result.claims_identity = claims
        result.audience = BOT_SCOPE
        result.caller_id = caller_id
        result.connector_factory = self.create_connector_factory(claims)
        return result

    def verify(self, auth_header: str | None, activity: Activity) -> dict[str, Any]:
        """The claims of a valid channel token for this activity, or ``TokenRejected``."""
        scheme, _, token = (auth_header or "").partition(" ")
        if scheme != "Bearer" or not token:
            raise TokenRejected("no Bearer token")
        if len(token) > MAX_TOKEN_LENGTH:
            raise TokenRejected("token too long")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise TokenRejected("malformed token") from None
        if header.get("alg") != "RS256":
            raise TokenRejected("signing algorithm not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise TokenRejected("token names no signing key")
        key = self._keys.get(kid)
        if key is None:
            if self._plausible(token):
                self._keys.refresh_soon()  # a rotated key; rate-limited, never awaited here
            raise TokenRejected("unknown signing key")
        if not activity.channel_id or activity.channel_id not in key.endorsements:
            raise TokenRejected("signing key not endorsed for this channel")
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                audience=self._app_id,
                issuer=CHANNEL_ISSUER,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise TokenRejected(f"invalid token ({type(error).__name__})") from None
        if claims.get(AuthenticationConstants.SERVICE_URL_CLAIM) != activity.service_url:
            raise TokenRejected("serviceUrl does not match the token")
        claims["aud"] = self._app_id  # botbuilder reads the app id from here, as one string
        return claims

    def _plausible(self, token: str) -> bool:
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return False
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        return claims.get("iss") == CHANNEL_ISSUER and self._app_id in audiences

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        raise TokenRejected("streaming connections are not served")

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        raise TokenRejected("skill calls are not served")

    def create_connector_factory(
        self, claims_identity: ClaimsIdentity, *, attempts: int = REPLY_ATTEMPTS
    ) -> ConnectorFactory:
        """Clients for the Bot Connector; ``attempts=1`` for proactive messages, whose
        sender retries on its own."""
        return BotConnectorFactory(
            self._http,
            self._tokens,
            self.service_urls,
            signed=bool(self._app_id),
            attempts=attempts,
        )

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        return _NoUserTokens()

    def get_originating_audience(self) -> str:
        return str(BOT_SCOPE)
