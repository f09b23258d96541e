"""What a request to ``/slack/events`` must pass before bolt routes it: a size limit, Slack's
signature and its age (by the app's clock), a body of a shape the listeners can read, and a
first sighting in the database, so that a replayed or retried request runs only once.

A request that fails gets a short answer and no traceback: 401 when it is not Slack's
(unsigned, forged, stale), 400 when it is signed but not a request this bot understands.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import Clock as SignatureClock
from slack_sdk.signature import SignatureVerifier
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.render_blocks import COMMAND_ACTION_PATTERN, LINK_ACTION_PATTERN
from store import slack_seen

log = logging.getLogger(__name__)

#: Far above anything Slack sends (a message is at most 40,000 characters, ~240 KB as a
#: percent-encoded form in the worst case), far below what would cost time to hash and parse.
MAX_BODY_BYTES = 1024 * 1024
#: slack_sdk refuses a signature whose timestamp is further than this from now, either way.
SIGNATURE_WINDOW = timedelta(minutes=5)
#: Kept a little longer than the window, for processes whose clocks differ a little.
CLOCK_MARGIN = timedelta(minutes=1)
#: Slack retries an event it thinks we missed three times (at once, after 1 and after 5
#: minutes), each time newly signed; the event id is remembered well beyond the last retry.
EVENT_ID_MEMORY = timedelta(hours=1)
#: How often this process deletes the claims that have expired.
PURGE_EVERY = timedelta(minutes=1)

_TIMESTAMP = re.compile(r"[0-9]{1,12}", re.ASCII)
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}", re.ASCII)
_FIELD_REASON_CHARS = 200

Clock = Callable[[], datetime]


class _Shape(BaseModel):
    """The fields the listeners read, of the types they read them as; anything else may be
    there too (Slack adds fields over time)."""

    model_config = ConfigDict(strict=True, extra="allow")


class _SlashCommand(_Shape):
    command: Annotated[str, Field(pattern=r"^/")]
    text: str = ""
    team_id: str
    channel_id: str
    channel_name: str = ""
    user_id: str
    response_url: str


class _Event(_Shape):
    type: Literal["app_mention", "message"]
    channel: str
    user: str | None = None
    text: str | None = None
    team: str | None = None
    channel_type: str | None = None
    subtype: str | None = None
    bot_id: str | None = None
    thread_ts: str | None = None


class _EventCallback(_Shape):
    type: Literal["event_callback"]
    event_id: Annotated[str, Field(min_length=1, max_length=90)]
    team_id: str
    event: _Event


class _UrlVerification(_Shape):
    type: Literal["url_verification"]
    challenge: str


class _RateLimited(_Shape):
    """Slack telling that it dropped events for a while; nothing to do but acknowledge."""

    type: Literal["app_rate_limited"]


class _Id(_Shape):
    id: str


class _User(_Id):
    team_id: str | None = None


class _Channel(_Id):
    name: str | None = None


class _Container(_Shape):
    channel_id: str | None = None


class _Action(_Shape):
    action_id: str
    value: str | None = None


class _BlockActions(_Shape):
    type: Literal["block_actions"]
    user: _User
    team: _Id | None = None
    channel: _Channel | None = None
    container: _Container | None = None
    response_url: str | None = None
    actions: Annotated[list[_Action], Field(min_length=1)]


_TYPED_BODY: TypeAdapter[Any] = TypeAdapter(
    Annotated[
        _EventCallback | _UrlVerification | _RateLimited | _BlockActions,
        Field(discriminator="type"),
    ]
)


class _Refused(Exception):
    """A request turned away, with the status and the short reason to answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> web.Response:
        return web.json_response({"error": self.reason}, status=self.status)


@dataclass(frozen=True)
class Admitted:
    """A request that passed: bolt's view of it, and the claim it holds (None: nothing that
    runs a command, such as Slack's URL check)."""

    request: AsyncBoltRequest
    claim: str | None


class SlackRequestGuard:
    """Admits each request to ``/slack/events`` at most once, and only when Slack signed it."""

    def __init__(
        self, signing_secret: str, sessions: async_sessionmaker[AsyncSession], clock: Clock
    ) -> None:
        # No secret (Socket Mode only, where nothing comes over HTTP): every request refused.
        self._verifier = (
            SignatureVerifier(signing_secret, clock=_AppClock(clock)) if signing_secret else None
        )
        self._sessions = sessions
        self._clock = clock
        self._next_purge: datetime | None = None

    async def admit(self, request: web.Request) -> Admitted | web.Response:
        """The request as bolt is to route it, or the answer that turns it away."""
        try:
            text = await _read_text(request)
            if _is_ssl_check(text):
                # Slack's certificate check of a command's URL, answered as bolt answered it
                # (before any signature check): an empty 200; nothing runs.
                return await _acknowledged()
            timestamp, signature = self._verified(text, request)
            bolt_request = _bolt_request(text, request)
            body = bolt_request.body
            claim, expires_at = _claim_of(body, timestamp, signature, self._clock())
        except _Refused as refused:
            if refused.status == 400:
                log.info("Slack request refused: %s", refused.reason)
            return refused.response()
        if body.get("type") == "app_rate_limited":
            log.warning("Slack dropped events for this app for a minute (rate limited)")
            return web.Response(status=200)
        if claim is not None and expires_at is not None:
            if not await self._first_sighting(claim, expires_at):
                # Answered exactly as a first delivery is (bolt's ack: an empty 200): Slack
                # stops retrying an event and shows the user no error, and a replayer learns
                # nothing, not even that the copy was recognised. Nothing runs.
                retry = request.headers.get("X-Slack-Retry-Num")
                if retry is None:
                    log.warning("Slack request refused: a copy of one already taken in")
                else:
                    log.info("Slack retry %s of an event already taken in: not run again", retry)
                return await _acknowledged()
        return Admitted(bolt_request, claim)

    async def first_event_sighting(self, event_id: str) -> bool:
        """Whether an event id (from Socket Mode, which has no signature) is new; the same
        claim as for an event over HTTP, so a redelivery runs nothing either way."""
        return await self._first_sighting(f"event:{event_id}", self._clock() + EVENT_ID_MEMORY)

    async def release(self, claim: str) -> None:
        """Give back the claim of a request bolt could not take in, so Slack's retry can be."""
        async with self._sessions() as session, session.begin():
            await slack_seen.forget(session, claim)

    def _verified(self, text: str, request: web.Request) -> tuple[int, str]:
        """Slack's signature over this very body, made within the window (by the app's clock)."""
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        # Checked first: slack_sdk would raise on a non-number or a non-ASCII signature.
        if not (_TIMESTAMP.fullmatch(timestamp) and _SIGNATURE.fullmatch(signature)):
            raise _Refused(401, "invalid request")
        if self._verifier is None or not self._verifier.is_valid(text, timestamp, signature):
            raise _Refused(401, "invalid request")
        return int(timestamp), signature

    async def _first_sighting(self, claim: str, expires_at: datetime) -> bool:
        """Claimed in a transaction of its own, before the command runs: of two copies only
        one can run, and a request whose command then fails is not run again by a copy (at
        most once: a command that adds a meeting must never run twice)."""
        now = self._clock()
        async with self._sessions() as session, session.begin():
            if self._next_purge is None or now >= self._next_purge:
                self._next_purge = now + PURGE_EVERY
                await slack_seen.forget_expired(session, now)
            return await slack_seen.first_sighting(session, claim, expires_at)


class _AppClock(SignatureClock):
    """slack_sdk's clock for the signature's age, read from the app's clock (a fake in tests)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def now(self) -> float:
        return self._clock().timestamp()


async def _acknowledged() -> web.Response:
    """Bolt's answer to a request acknowledged without a message: an empty 200."""
    return await to_aiohttp_response(BoltResponse(status=200, body=""))


def _is_ssl_check(text: str) -> bool:
    if "ssl_check" not in text or text.startswith("{"):
        return False
    return dict(parse_qsl(text)).get("ssl_check") == "1"


async def _read_text(request: web.Request) -> str:
    """The body as text: Slack sends UTF-8, and slack_sdk's signature check needs it so."""
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise _Refused(400, "request too large")
    raw = bytearray()
    async for chunk in request.content.iter_chunked(64 * 1024):
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise _Refused(400, "request too large")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(400, "body is not UTF-8") from None


def _claim_of(
    body: dict[str, Any], timestamp: int, signature: str, now: datetime
) -> tuple[str | None, datetime | None]:
    """What identifies the request for the replay check, and until when it must be kept.

    An event is known by its event id: Slack's retries of it are signed anew, so the same id
    comes with another signature. A slash command or a button press has no such id and Slack
    never retries one, so it is known by its signature, kept until the timestamp check would
    refuse the copy anyway. (Its trigger_id would do no better: it sits in the signed body, so
    a copy with a new signature, the one thing trigger_id could still catch, needs the secret.)
    """
    signed_until = datetime.fromtimestamp(timestamp, UTC) + SIGNATURE_WINDOW + CLOCK_MARGIN
    if "command" in body:
        _validated(_SlashCommand, body)
        return f"signature:{signature}", signed_until
    typed = _validated(_TYPED_BODY, body)
    if isinstance(typed, _EventCallback):
        return f"event:{typed.event_id}", now + EVENT_ID_MEMORY
    if isinstance(typed, _BlockActions):
        for action in typed.actions:
            if not (
                COMMAND_ACTION_PATTERN.match(action.action_id)
                or LINK_ACTION_PATTERN.match(action.action_id)
            ):
                raise _Refused(400, "unknown action")
        return f"signature:{signature}", signed_until
    return None, None  # the URL check and the rate-limit notice run no command


def _validated(shape: type[_Shape] | TypeAdapter[Any], body: dict[str, Any]) -> Any:
    try:
        if isinstance(shape, TypeAdapter):
            return shape.validate_python(body)
        return shape.model_validate(body)
    except ValidationError as error:
        raise _Refused(400, _reason(error)) from None


def _reason(error: ValidationError) -> str:
    """The first problem, as a field and what is wrong with it (never the value itself)."""
    first = error.errors(include_url=False, include_input=False, include_context=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
        return "unknown request type"
    reason = f"{where}: {first['msg']}" if where else first["msg"]
    return reason[:_FIELD_REASON_CHARS]


def _bolt_request(text: str, request: web.Request) -> AsyncBoltRequest:
    """The request as bolt sees it, its body read exactly as bolt reads it (JSON, a form, or
    a form's JSON ``payload``). Bolt also reads ids at once from fields the listeners leave
    alone (``authorizations``, ``enterprise``…): a wrong type there is refused here too."""
    try:
        bolt_request = AsyncBoltRequest(
            body=text,
            query=request.query_string,
            headers=request.headers,  # type: ignore[arg-type]
        )
    except (ValueError, RecursionError):
        raise _Refused(400, "body is not valid JSON") from None
    except (AttributeError, IndexError, KeyError, TypeError):
        raise _Refused(400, "body is not a Slack request") from None
    if not isinstance(bolt_request.body, dict):
        raise _Refused(400, "body is not a Slack request")
    if not bolt_request.body and text and bolt_request.content_type != "application/json":
        fields = dict(parse_qsl(text, keep_blank_values=True))
        if fields and "payload" not in fields:
            # bolt takes a form with the word "payload" anywhere in it (a slash command's
            # text: "meeting add …, payload-rummet") for an interactive payload, finds none
            # and reads nothing. Read as the form it is, given to bolt already parsed (which
            # bolt calls socket mode; only its signature check, here done before, reads that).
            bolt_request = AsyncBoltRequest(
                body=fields,
                query=request.query_string,
                headers=request.headers,  # type: ignore[arg-type]
                mode="socket_mode",
            )
    return bolt_request
