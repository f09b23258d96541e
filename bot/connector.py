"""The Bot Connector's REST calls that the bot makes, over one shared aiohttp session.

botbuilder's ``ConnectorClient`` sends through msrest's ``requests`` sender: every reply is a
hop to a small thread pool and back, two msrest clients are built per turn, and each
proactive message built its own. Here the same calls (``reply_to_activity``,
``send_to_conversation``, the roster's ``get_conversation_member``…) go through one
``aiohttp.ClientSession`` with keep-alive, on the event loop, with the bot's token from
``BotTokens`` (cached, renewed in the background). botbuilder still does the protocol: it
builds the activities, runs the turn and calls ``conversations.*`` on whatever client the
connector factory gives it; this module is that client.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from enum import Enum
from typing import Any
from urllib.parse import quote

import orjson
from aiohttp import ClientError, ClientSession, ClientTimeout
from botbuilder.schema import (
    Activity,
    ConversationParameters,
    ConversationResourceResponse,
    ResourceResponse,
)
from botbuilder.schema.teams import TeamsChannelAccount
from msrest.serialization import Model, Serializer

log = logging.getLogger(__name__)

#: The most one Bot Connector call may take, connection included.
CALL_TIMEOUT = ClientTimeout(total=30, connect=10)
#: A reply inside a turn is tried this often when Teams is busy (429, 5xx, no answer);
#: proactive messages are tried once: the reminder sender has its own back-off.
REPLY_ATTEMPTS = 3
#: The longest a reply waits for a Retry-After before its next try.
MAX_REPLY_WAIT_SECONDS = 3.0

Token = Callable[[], Awaitable[str | None]]


class ConnectorRefused(Exception):
    """The Bot Connector answered with an HTTP error (``status``; ``retry_after`` as sent)."""

    def __init__(self, status: int, retry_after: str | None = None) -> None:
        super().__init__(f"the Bot Connector answered HTTP {status}")
        self.status = status
        self.retry_after = retry_after


def _retryable(error: Exception) -> bool:
    if isinstance(error, ConnectorRefused):
        return error.status in (408, 429) or error.status >= 500
    return isinstance(error, ClientError | asyncio.TimeoutError)


def _wait_before_retry(error: Exception, attempt: int) -> float:
    if isinstance(error, ConnectorRefused) and error.retry_after:
        try:
            return min(max(float(error.retry_after), 0.0), MAX_REPLY_WAIT_SECONDS)
        except ValueError:
            pass
    return min(0.25 * 2.0**attempt, MAX_REPLY_WAIT_SECONDS)


class Conversations:
    """The ``conversations`` operations of a connector client, for one service URL."""

    def __init__(
        self,
        http: ClientSession,
        service_url: str,
        token: Token,
        *,
        attempts: int = 1,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._http = http
        self._base = service_url.rstrip("/") + "/v3/conversations"
        self._token = token
        self._attempts = attempts
        self._sleep = sleep

    async def reply_to_activity(
        self, conversation_id: str, activity_id: str, activity: Activity
    ) -> ResourceResponse:
        path = f"/{_part(conversation_id)}/activities/{_part(activity_id)}"
        return _resource(await self._call("POST", path, wire_json(activity)))

    async def send_to_conversation(
        self, conversation_id: str, activity: Activity
    ) -> ResourceResponse:
        path = f"/{_part(conversation_id)}/activities"
        return _resource(await self._call("POST", path, wire_json(activity)))

    async def update_activity(
        self, conversation_id: str, activity_id: str, activity: Activity
    ) -> ResourceResponse:
        path = f"/{_part(conversation_id)}/activities/{_part(activity_id)}"
        return _resource(await self._call("PUT", path, wire_json(activity)))

    async def delete_activity(self, conversation_id: str, activity_id: str) -> None:
        await self._call("DELETE", f"/{_part(conversation_id)}/activities/{_part(activity_id)}")

    async def create_conversation(
        self, parameters: ConversationParameters
    ) -> ConversationResourceResponse:
        answer = await self._call("POST", "", wire_json(parameters))
        return ConversationResourceResponse().deserialize(
            answer if isinstance(answer, dict) else {}
        )

    async def get_conversation_member(
        self, conversation_id: str, member_id: str
    ) -> TeamsChannelAccount:
        """A member of the conversation as the roster has it (Teams' fields included)."""
        answer = await self._call("GET", f"/{_part(conversation_id)}/members/{_part(member_id)}")
        return TeamsChannelAccount().deserialize(answer if isinstance(answer, dict) else {})

    async def _call(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        for attempt in range(self._attempts):
            try:
                return await self._once(method, path, body)
            except Exception as error:
                if attempt + 1 >= self._attempts or not _retryable(error):
                    raise
                await self._sleep(_wait_before_retry(error, attempt))
        raise AssertionError("unreachable")

    async def _once(self, method: str, path: str, body: Mapping[str, Any] | None) -> Any:
        headers = {"Accept": "application/json"}
        token = await self._token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None
        if body is not None:
            data = orjson.dumps(body)
            headers["Content-Type"] = "application/json; charset=utf-8"
        async with self._http.request(
            method, self._base + path, data=data, headers=headers, timeout=CALL_TIMEOUT
        ) as response:
            if response.status >= 400:
                await response.read()  # the connection goes back to the pool
                raise ConnectorRefused(response.status, response.headers.get("Retry-After"))
            if response.status == 204:
                return None
            raw = await response.read()
        return orjson.loads(raw) if raw.strip() else None


class ConnectorClient:
    """What botbuilder calls a connector client: its ``conversations`` for one service URL."""

    def __init__(self, conversations: Conversations) -> None:
        self.conversations = conversations

    async def close(self) -> None:
        """The session is shared and outlives the client: nothing to close."""


def _part(value: str) -> str:
    return quote(str(value), safe="")


def _resource(answer: Any) -> ResourceResponse:
    identifier = answer.get("id") if isinstance(answer, dict) else None
    return ResourceResponse(id=identifier if isinstance(identifier, str) else "")


def wire_json(value: Any) -> Any:
    """A botbuilder model as the JSON the Bot Connector takes: what msrest's ``serialize``
    gives (camelCase keys from each model's attribute map, None left out, enums as their
    values, times in ISO 8601), without its type checks and validation, which cost a reply
    with a card several milliseconds. A dict (a card's content, channel data) is JSON
    already and taken as it is, not walked."""
    if isinstance(value, Model):
        out: dict[str, Any] = {}
        for name, spec in value._attribute_map.items():
            item = getattr(value, name, None)
            if item is None:
                continue
            if spec["key"] == "":  # additional_properties: merged into the object
                out.update(wire_json(item))
            elif spec["type"] == "iso-8601" and isinstance(item, datetime):
                out[spec["key"]] = _iso(item)
            else:
                out[spec["key"]] = wire_json(item)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return value
    if isinstance(value, list | tuple):
        return [wire_json(item) for item in value]
    if isinstance(value, datetime):
        return _iso(value)
    return value


def _iso(value: datetime) -> str:
    """A time as msrest writes it (UTC, ``Z``)."""
    return str(Serializer.serialize_iso(value))  # type: ignore[no-untyped-call]
