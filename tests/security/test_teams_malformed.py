"""Malformed Teams activities: a short 400 with the reason, never a 500 or a traceback.

botbuilder deserialises whatever arrives; a ``from`` that is a string, a timestamp that is no
date or JSON nested 5,000 deep ended in an exception inside the turn. The bot now checks the
shape of what it reads before botbuilder sees it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat

Change = Callable[[dict[str, Any]], Any]


@pytest.fixture
async def chat(
    migrated_sqlite_url: str, connector: FakeConnector, clock: FakeClock
) -> AsyncIterator[TeamsChat]:
    async with TeamsChat.running(migrated_sqlite_url, connector, clock) as running:
        yield running


def _set(field: str, value: Any) -> Change:
    def change(activity: dict[str, Any]) -> None:
        target = activity
        *path, last = field.split(".")
        for part in path:
            target = target[part]
        target[last] = value

    return change


def _drop(field: str) -> Change:
    def change(activity: dict[str, Any]) -> None:
        target = activity
        *path, last = field.split(".")
        for part in path:
            target = target[part]
        del target[last]

    return change


DEEP = "deep-json-goes-here"  # json.dumps cannot write 5,000 levels: spliced in as text


def _nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = {"x": value}
    return value


def _encoded(activity: dict[str, Any]) -> bytes:
    deep = '{"x": ' * 5000 + '"bottom"' + "}" * 5000
    return json.dumps(activity).replace(f'"{DEEP}"', deep).encode()


MALFORMED: dict[str, tuple[Change, str]] = {
    "from is a string": (_set("from", "29:carin"), "from"),
    "from is a list": (_set("from", [{"id": "29:carin"}]), "from"),
    "from.id is a number": (_set("from.id", 29), "from.id"),
    "from without id": (_drop("from.id"), "from.id"),
    "no from": (_drop("from"), "from"),
    "conversation is a string": (_set("conversation", "19:channel"), "conversation"),
    "conversation without id": (_drop("conversation.id"), "conversation.id"),
    "conversation.isGroup is a string": (_set("conversation.isGroup", "yes"), "isGroup"),
    "recipient is a number": (_set("recipient", 28), "recipient"),
    "entities is an object": (_set("entities", {"type": "mention"}), "entities"),
    "entities holds strings": (_set("entities", ["mention"]), "entities.0"),
    "500 entities": (_set("entities", [{"type": "clientInfo"}] * 500), "entities"),
    "attachments is a string": (_set("attachments", "card"), "attachments"),
    "attachment without contentType": (_set("attachments", [{"content": {}}]), "contentType"),
    "channelData is a list": (_set("channelData", [1, 2]), "channelData"),
    "channelData.tenant is a string": (_set("channelData.tenant", "t"), "tenant"),
    "value is a string": (_set("value", "ok"), "value"),
    "text is an object": (_set("text", {"a": 1}), "text"),
    "timestamp is not a date": (_set("timestamp", "yesterday"), "timestamp"),
    "timestamp is a number": (_set("timestamp", 1744185600), "timestamp"),
    "timestamp on the 31st of February": (_set("timestamp", "2025-02-31T08:00:00Z"), "timestamp"),
    "serviceUrl is a list": (_set("serviceUrl", ["http://127.0.0.1"]), "serviceUrl"),
    "no channelId": (_drop("channelId"), "channelId"),
    "type is a number": (_set("type", 1), "type"),
    "unknown type": (_set("type", "hack"), "unknown activity type"),
    "message without id": (_drop("id"), "id"),
    "message with an empty id": (_set("id", ""), "id"),
    "channelData 5,000 deep": (_set("channelData", DEEP), "nested too deeply"),
    "value 5,000 deep": (_set("value", DEEP), "nested too deeply"),
    "value 100 deep": (_set("value", _nested(100)), "nested too deeply"),
    "50,000 numbers in channelData": (
        _set("channelData", {"x": [0] * 50_000}),
        "too many elements",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
async def test_malformed_activity_gets_400_with_a_reason(chat: TeamsChat, case: str) -> None:
    """A field of the wrong type, a bad date, a missing id, deep nesting or a huge array:
    400, a short reason naming the field, no traceback, nothing sent, nothing written."""
    change, reason = MALFORMED[case]
    activity = chat.activity("council create Fake (FAKE)")
    change(activity)
    status, text = await _post(chat, _encoded(activity))
    assert status == 400, text
    assert reason in text
    assert len(text) < 200 and "Traceback" not in text
    assert chat.connector.take() == []
    assert "inte kopplad" in await chat.say("nästa möte")  # no council was created


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"null",
        b'"message"',
        b"42",
        b"[{}]",
        b"\xff\xfe not utf-8",
        b"[" * 5000 + b"]" * 5000,
        b'{"type": "message", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"type": "message"',
    ],
    ids=[
        "empty",
        "null",
        "string",
        "number",
        "array",
        "not utf-8",
        "5000 deep",
        "5000 deep in",
        "cut",
    ],
)
async def test_a_body_that_is_no_activity_gets_400(chat: TeamsChat, body: bytes) -> None:
    """Not an object, not JSON, or JSON nested 5,000 deep (which makes ``json.loads`` raise
    RecursionError): 400 with a short reason, no traceback."""
    status, text = await _post(chat, body)
    assert status == 400, text
    assert len(text) < 200 and "Traceback" not in text
    assert chat.connector.take() == []


async def test_an_invoke_the_bot_does_not_handle_gets_501(chat: TeamsChat) -> None:
    """An ``invoke`` (a message extension query, a card action the bot never offered): the
    status botbuilder's ActivityHandler gives an unhandled invoke, 501, not a 500."""
    for name, value in (("composeExtension/query", {"commandId": "x"}), ("bogus/thing", None)):
        activity = chat.activity("")
        activity.update(type="invoke", name=name)
        if value is not None:
            activity["value"] = value
        status, text = await _post(chat, json.dumps(activity).encode())
        assert status == 501, text
        assert "Traceback" not in text
    assert chat.connector.take() == []


async def _post(chat: TeamsChat, body: bytes) -> tuple[int, str]:
    async with chat.http.post(
        chat.server.make_url("/api/messages"),
        data=body,
        headers={"Content-Type": "application/json"},
    ) as response:
        return response.status, await response.text()
