"""Correctly signed but malformed requests to ``/slack/events``: whoever holds the signing secret
(or a broken proxy) sends bodies the bot cannot read. Each gets 400 with a short reason, never
a 500 or a traceback, and nothing runs or is remembered; headers that would crash the
signature check get 401.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from sqlalchemy import func, select

from bot.app import SESSIONS
from bot.render_blocks import COMMAND_ACTION
from bot.slack_guard import MAX_BODY_BYTES
from store.models import SlackSeen
from tests.conftest import FakeClock
from tests.fakes.slack_api import FakeSlackApi, SlackChat
from tests.fixtures.slack_payloads import app_mention, button_press, event_callback, slash_command

CARIN = "U0CARIN"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
DEPTH = 50_000


@pytest.fixture
async def slack(sqlite_url: str, clock: FakeClock) -> AsyncIterator[SlackChat]:
    api = FakeSlackApi()
    api.add_user(CARIN, "Carin Skoog")
    async with api, SlackChat.running(sqlite_url, api, clock) as chat:
        yield chat


def event(**changes: Any) -> str:
    """An Events API body, changed as given (None removes a field)."""
    body = event_callback(app_mention("hjälp", user=CARIN), event_id="Ev000001")
    for key, value in changes.items():
        target, _, field = key.partition("__")
        where = body["event"] if field else body
        name = field or target
        if value is None:
            where.pop(name, None)
        else:
            where[name] = value
    return json.dumps(body)


def command(**changes: str | None) -> str:
    """A slash command's form body, changed as given (None removes a field)."""
    fields: dict[str, str | None] = {
        **slash_command(
            "hjälp",
            user=CARIN,
            response_url="http://127.0.0.1:9/response/1",
            trigger_id="trigger-1",
        ),
        **changes,
    }
    return urlencode({key: value for key, value in fields.items() if value is not None})


def press(**changes: Any) -> str:
    """A button press's form body (a JSON ``payload``), changed as given."""
    payload = button_press(
        "hjälp",
        user=CARIN,
        action_id=f"{COMMAND_ACTION}_1",
        response_url="http://127.0.0.1:9/response/1",
        trigger_id="trigger-1",
    )
    payload.update(changes)
    return urlencode({"payload": json.dumps(payload)})


MALFORMED: dict[str, tuple[str, str | bytes]] = {
    # events (JSON)
    "empty JSON body": (JSON, ""),
    "invalid JSON": (JSON, '{"type": "event_callback", "event": '),
    "a JSON array": (JSON, "[1, 2]"),
    "a JSON string": (JSON, '"event_callback"'),
    "no type": (JSON, event(type=None)),
    "an unknown request type": (JSON, event(type="block_suggestion")),
    "an event that is not an object": (JSON, event(event="hjälp")),
    "no event": (JSON, event(event=None)),
    "an unknown event type": (JSON, event(event__type="reaction_added")),
    "event text a number": (JSON, event(event__text=42)),
    "event user an object": (JSON, event(event__user={"id": CARIN})),
    "event without a channel": (JSON, event(event__channel=None)),
    "event_id a number": (JSON, event(event_id=7)),
    "no event_id": (JSON, event(event_id=None)),
    "authorizations a string": (JSON, event(authorizations="x")),
    "enterprise a number": (JSON, event(enterprise=5)),
    "a URL check without its challenge": (JSON, '{"type": "url_verification"}'),
    "a number of 5,000 digits": (JSON, '{"type": "event_callback", "n": ' + "9" * 5000 + "}"),
    "5,000-deep JSON": (JSON, "[" * 5000 + "]" * 5000),
    "50,000-deep JSON": (JSON, '{"a": ' * DEPTH + "1" + "}" * DEPTH),
    "not UTF-8": (JSON, b'{"type": "event_callback", "event_id": "\xff\xfe"}'),
    # slash commands (forms)
    "empty form body": (FORM, ""),
    "a form without the fields": (FORM, "foo=bar&baz=1"),
    "a command without its user": (FORM, command(user_id=None)),
    "a command without its channel": (FORM, command(channel_id=None)),
    "a command without its response_url": (FORM, command(response_url=None)),
    "a command without the slash": (FORM, command(command="radsbot")),
    "a form of JSON fields": (JSON, json.dumps({"command": "/radsbot", "user_id": 5})),
    # interactions (a form with a JSON payload)
    "a payload that is not JSON": (FORM, "payload=" + quote("{not json")),
    "a payload that is an array": (FORM, "payload=" + quote("[1]")),
    "an unknown interaction type": (FORM, press(type="view_submission")),
    "a payload without its user": (FORM, press(user=None)),
    "a user id that is a number": (FORM, press(user={"id": 5})),
    "actions that are not a list": (FORM, press(actions="klar 1")),
    "no actions": (FORM, press(actions=[])),
    "an action value that is a list": (
        FORM,
        press(actions=[{"action_id": f"{COMMAND_ACTION}_1", "value": ["klar 1"]}]),
    ),
    "an unknown action": (FORM, press(actions=[{"action_id": "delete_all", "value": "x"}])),
    "a deep payload": (FORM, "payload=" + quote("[" * DEPTH + "]" * DEPTH)),
    # size
    "a huge body": (FORM, command(text="a" * (MAX_BODY_BYTES + 1))),
}


async def remembered(slack: SlackChat) -> int:
    async with slack.app[SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(SlackSeen)) or 0)


@pytest.mark.parametrize("content_type, body", MALFORMED.values(), ids=list(MALFORMED))
async def test_a_signed_malformed_body_gets_400(
    slack: SlackChat, content_type: str, body: str | bytes
) -> None:
    """Attack: a correctly signed request whose body is malformed (see the id), hoping for a
    500, a traceback with the code's insides, or a half-run command."""
    status, text = await slack.post(body, content_type)
    assert status == 400, text
    assert len(text) < 300 and "Traceback" not in text and 'File "' not in text
    assert "error" in json.loads(text)
    # Nothing ran: bolt never saw it (not even its auth.test), no claim was kept.
    assert slack.api.calls == [] and slack.api.responses == [] and slack.api.posted == []
    assert await remembered(slack) == 0
    # And the bot still answers a good request.
    assert "Det här kan jag" in await slack.say("hjälp")


async def test_a_huge_body_is_refused_before_it_is_read(slack: SlackChat) -> None:
    """Attack: announce a body far larger than any Slack request (a Content-Length of 1 GB)
    to make the bot buffer it; it is refused at once."""
    async with slack.http.post(
        slack.server.make_url("/slack/events"),
        data=b"x" * 1024,
        headers={"Content-Type": FORM, "Content-Length": str(1 << 30)},
    ) as response:
        assert response.status == 400


@pytest.mark.parametrize(
    "timestamp, signature",
    [
        ("²⁰²⁵", None),  # Unicode digits: str.isdigit() is true, int() fails
        ("9" * 5000, None),  # beyond int()'s digit limit
        ("-1", None),
        (None, "v0=" + "é" * 64),  # hmac.compare_digest fails on non-ASCII
        (None, "v0=" + "0" * 63),
        (None, ""),
    ],
    ids=["unicode digits", "5000 digits", "negative", "non-ASCII", "short", "empty"],
)
async def test_signature_headers_that_would_crash_the_check_get_401(
    slack: SlackChat, timestamp: str | None, signature: str | None
) -> None:
    """Attack: odd X-Slack-Request-Timestamp or X-Slack-Signature values that would make the
    signature check itself fail with a 500."""
    headers = {
        "Content-Type": FORM,
        "X-Slack-Request-Timestamp": timestamp or str(slack.now()),
        "X-Slack-Signature": signature if signature is not None else "v0=" + "0" * 64,
    }
    async with slack.http.post(
        slack.server.make_url("/slack/events"),
        data=command().encode(),
        headers={key: value.encode().decode("latin-1") for key, value in headers.items()},
    ) as response:
        assert response.status == 401
        assert "Traceback" not in await response.text()
    assert slack.api.calls == []


async def test_slacks_certificate_check_is_acknowledged_and_runs_nothing(slack: SlackChat) -> None:
    """Attack: dress a command up as Slack's unsigned certificate check (``ssl_check=1``),
    which is answered before any signature check, hoping the command runs along."""
    for secret in (None, "not-the-secret"):
        status, text = await slack.post("ssl_check=1&token=x&" + command(), FORM, secret=secret)
        assert (status, text) == (200, "")
    assert slack.api.calls == [] and await remembered(slack) == 0
