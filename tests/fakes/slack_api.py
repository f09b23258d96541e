"""Slack, faked on localhost: its Web API and response URLs, and signed requests to our app.

``FakeSlackApi`` is a local aiohttp server on a random port that answers the Web API methods
the bot calls (``auth.test``, ``users.info``, ``chat.postMessage``, ``conversations.open``) and
the ``response_url`` POSTs, and records what it received. ``SlackChat`` runs the real app
with Slack switched on and pointed at that fake, and sends it slash commands, events and
button presses signed exactly as Slack signs them.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer

from bot.app import REMINDER_SENDER, create_app
from bot.settings import Settings
from tests.fakes.local_server import LocalServer, get_link
from tests.fakes.teams import SOR_BARN_ROSTER
from tests.fixtures import slack_payloads
from tests.fixtures.slack_payloads import BOT_USER, CHANNEL, TEAM

TOKEN = "xoxb-test-token"
SIGNING_SECRET = "test-signing-secret"
WAIT_SECONDS = 5.0


#: Slack accounts of the SOR Barn roster, shared by the Slack tests
CARIN = "U0CARIN"
LARS = "U0LARS"
JOANNA = "U0JOANNA"


class FakeSlackApi(LocalServer):
    """Answers the Slack Web API calls the bot makes and records them."""

    def __init__(self) -> None:
        #: every Web API call: (method, its parameters, the Authorization header)
        self.calls: list[tuple[str, dict[str, Any], str]] = []
        #: the bodies of chat.postMessage calls that were accepted
        self.posted: list[dict[str, Any]] = []
        #: the bodies POSTed to response URLs
        self.responses: list[dict[str, Any]] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.refused = 0
        self._failures: list[tuple[int, str | None, str | None]] = []
        self._ids = itertools.count(1)
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{id}", self._response_url)
        app.router.add_get("/files-pri/{id}/{tail:.*}", self._file)
        #: files shared in Slack, by id: their bytes (``share_file``)
        self.files: dict[str, bytes] = {}
        #: the Authorization header of every file download
        self.file_downloads: list[str] = []
        super().__init__(app)

    @property
    def api_url(self) -> str:
        return str(self._server.make_url("/api/"))

    def new_response_url(self) -> str:
        return str(self._server.make_url(f"/response/{next(self._ids)}"))

    def add_user(
        self,
        user_id: str,
        real_name: str,
        *,
        email: str | None = None,
        team: str = TEAM,
        confirmed: bool | None = None,
        locale: str | None = "sv-SE",
    ) -> None:
        """An account of our workspace, or with ``team`` an external one (Slack Connect);
        ``confirmed`` is users.info's ``is_email_confirmed`` (left out when None);
        ``locale`` is given only when users.info is asked with ``include_locale``, as Slack
        does (None: the account has none)."""
        profile: dict[str, Any] = {"real_name": real_name, "display_name": real_name.split()[0]}
        if email:
            profile["email"] = email
        self.users[user_id] = {
            "id": user_id,
            "team_id": team,
            "real_name": real_name,
            "profile": profile,
            **({"is_email_confirmed": confirmed} if confirmed is not None else {}),
            **({"locale": locale} if locale else {}),
        }

    def fail_next(
        self,
        status: int,
        *,
        times: int = 1,
        retry_after: str | None = None,
        error: str | None = None,
    ) -> None:
        """Refuse the next ``times`` chat.postMessage calls: an HTTP status, or ``ok: false``."""
        self._failures += [(status, retry_after, error)] * times

    def share_file(self, name: str, data: bytes) -> dict[str, Any]:
        """A file as a ``file_share`` message lists it, downloadable here with the bot token."""
        file_id = f"F{next(self._ids):05d}"
        self.files[file_id] = data
        return {
            "id": file_id,
            "name": name,
            "title": name,
            "filetype": name.rsplit(".", 1)[-1],
            "size": len(data),
            "url_private": str(self._server.make_url(f"/files-pri/{file_id}/{name}")),
            "url_private_download": str(
                self._server.make_url(f"/files-pri/{file_id}/download/{name}")
            ),
        }

    async def _file(self, request: web.Request) -> web.Response:
        authorization = request.headers.get("Authorization", "")
        self.file_downloads.append(authorization)
        if authorization != f"Bearer {TOKEN}":
            return web.Response(status=403)
        data = self.files.get(request.match_info["id"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    def methods(self) -> list[str]:
        return [method for method, _, _ in self.calls]

    async def wait_for(self, records: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
        """Poll until ``records`` holds ``count`` entries (the bot answers after its ack)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while len(records) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert len(records) >= count, f"expected {count}, got {len(records)}: {records}"
        return records

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update(await request.post())
        authorization = request.headers.get("Authorization", "")
        self.calls.append((method, params, authorization))
        if authorization != f"Bearer {TOKEN}":
            return web.json_response({"ok": False, "error": "not_authed"})
        if method == "auth.test":
            return web.json_response(
                {
                    "ok": True,
                    "url": "https://sor-barn.slack.com/",
                    "team": "SOR Barn",
                    "user": "radsbot",
                    "team_id": TEAM,
                    "user_id": BOT_USER,
                    "bot_id": "B0RADSBOT",
                    "is_enterprise_install": False,
                }
            )
        if method == "users.info":
            user = self.users.get(str(params.get("user")))
            if user is None:
                return web.json_response({"ok": False, "error": "user_not_found"})
            if str(params.get("include_locale")).lower() not in ("1", "true"):
                user = {key: value for key, value in user.items() if key != "locale"}
            return web.json_response({"ok": True, "user": user})
        if method == "conversations.open":
            return web.json_response({"ok": True, "channel": {"id": f"D-{params['users']}"}})
        if method == "chat.postMessage":
            return self._post_message(params)
        return web.json_response({"ok": False, "error": "unknown_method"})

    def _post_message(self, params: dict[str, Any]) -> web.Response:
        if self._failures:
            status, retry_after, error = self._failures.pop(0)
            self.refused += 1
            headers = {"Retry-After": retry_after} if retry_after else {}
            body = {
                "ok": False,
                "error": error or ("ratelimited" if status == 429 else "fatal_error"),
            }
            return web.json_response(body, status=status, headers=headers)
        self.posted.append(params)
        return web.json_response(
            {"ok": True, "channel": params.get("channel"), "ts": f"{next(self._ids)}.0001"}
        )

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        body["_url"] = str(request.url)
        self.responses.append(body)
        return web.Response(text="ok")


def signature(secret: str, timestamp: str, body: str | bytes) -> str:
    """Slack's v0 signature: HMAC-SHA256 of ``v0:{timestamp}:{body}`` with the signing secret."""
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + raw, hashlib.sha256)
    return f"v0={digest.hexdigest()}"


class SlackChat:
    """One running app with Slack switched on, and helpers to speak to it as Slack would."""

    def __init__(
        self,
        server: TestServer,
        http: ClientSession,
        api: FakeSlackApi,
        clock: Callable[[], datetime],
    ) -> None:
        self.server = server
        self.app = server.app
        self.http = http
        self.api = api
        #: the app's clock: Slack's timestamps are read against it
        self.clock = clock
        self._ids = itertools.count(1)

    @classmethod
    @asynccontextmanager
    async def running(
        cls, database_url: str, api: FakeSlackApi, clock: Callable[[], datetime], **settings: Any
    ) -> AsyncIterator[SlackChat]:
        settings.setdefault("reminders_enabled", False)  # tests send with run_once and a fake clock
        settings.setdefault("slack_bot_token", TOKEN)
        settings.setdefault("slack_signing_secret", SIGNING_SECRET)
        settings.setdefault("slack_api_url", api.api_url)
        app = create_app(Settings(database_url=database_url, **settings), clock=clock)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        try:
            async with ClientSession() as http:
                yield cls(server, http, api, clock)
        finally:
            await server.close()

    async def post(
        self,
        body: str | bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = SIGNING_SECRET,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        """POST to /slack/events, signed with ``secret`` (None: unsigned) at ``timestamp``
        (by default the app's clock's now)."""
        stamp = str(self.now() if timestamp is None else timestamp)
        headers = {"Content-Type": content_type, **(headers or {})}
        if secret is not None:
            headers["X-Slack-Request-Timestamp"] = stamp
            headers["X-Slack-Signature"] = signature(secret, stamp, body)
        async with self.http.post(
            self.server.make_url("/slack/events"),
            data=body.encode() if isinstance(body, str) else body,
            headers=headers,
        ) as response:
            return response.status, await response.text()

    def now(self) -> int:
        """The app's clock as a Slack timestamp."""
        return int(self.clock().timestamp())

    # -- the three kinds of request Slack sends ---------------------------------------------

    def command_body(
        self,
        command: str,
        text: str,
        *,
        user: str,
        channel: str = CHANNEL,
        channel_name: str = "general",
    ) -> str:
        fields = slack_payloads.slash_command(
            text,
            user=user,
            command=command,
            channel=channel,
            channel_name=channel_name,
            response_url=self.api.new_response_url(),
            trigger_id=f"trigger-{next(self._ids)}",
        )
        return urlencode(fields)

    def event_body(self, event: dict[str, Any], *, event_id: str | None = None) -> str:
        envelope = slack_payloads.event_callback(
            event, event_id=event_id or f"Ev{next(self._ids):06d}", event_time=self.now()
        )
        return json.dumps(envelope)

    def button_body(self, value: str, *, user: str, channel: str = CHANNEL, action_id: str) -> str:
        payload = slack_payloads.button_press(
            value,
            user=user,
            action_id=action_id,
            channel=channel,
            trigger_id=f"trigger-{next(self._ids)}",
            response_url=self.api.new_response_url(),
        )
        return urlencode({"payload": json.dumps(payload)})

    # -- say something and wait for the one answer -------------------------------------------

    async def command(
        self, command: str, text: str = "", *, user: str = "U0CARIN", **where: Any
    ) -> dict[str, Any]:
        """A slash command; returns what the bot sent to its response_url."""
        seen = len(self.api.responses)
        status, body = await self.post(
            self.command_body(command, text, user=user, **where),
            "application/x-www-form-urlencoded",
        )
        assert status == 200, (status, body)
        return (await self.api.wait_for(self.api.responses, seen + 1))[seen]

    async def say(self, text: str, **kwargs: Any) -> str:
        """``/radsbot TEXT``; returns the fallback text of the answer."""
        return str((await self.command("/radsbot", text, **kwargs))["text"])

    async def event(self, event: dict[str, Any], *, event_id: str | None = None) -> tuple[int, str]:
        return await self.post(self.event_body(event, event_id=event_id), "application/json")

    async def mention(
        self, text: str, *, user: str = "U0CARIN", channel: str = CHANNEL, **extra: Any
    ) -> dict[str, Any]:
        """``@Rådsbot TEXT`` in a channel; returns the chat.postMessage the bot made."""
        seen = len(self.api.posted)
        event = slack_payloads.app_mention(
            text, user=user, channel=channel, ts=f"{next(self._ids)}.0001", **extra
        )
        status, _ = await self.event(event)
        assert status == 200
        return (await self.api.wait_for(self.api.posted, seen + 1))[seen]

    async def direct(self, text: str, *, user: str = "U0CARIN") -> dict[str, Any]:
        """A direct message to the bot; returns the chat.postMessage the bot made."""
        seen = len(self.api.posted)
        status, _ = await self.event(self.direct_event(text, user=user))
        assert status == 200
        return (await self.api.wait_for(self.api.posted, seen + 1))[seen]

    def direct_event(self, text: str, *, user: str, **extra: Any) -> dict[str, Any]:
        return {
            "type": "message",
            "channel_type": "im",
            "channel": f"D-{user}",
            "user": user,
            "text": text,
            "ts": f"{next(self._ids)}.0001",
            "event_ts": "1.0001",
            **extra,
        }

    async def press(
        self, value: str, *, user: str, action_id: str, channel: str = CHANNEL
    ) -> dict[str, Any]:
        """Press a button; returns what the bot sent to the response_url."""
        seen = len(self.api.responses)
        status, body = await self.post(
            self.button_body(value, user=user, channel=channel, action_id=action_id),
            "application/x-www-form-urlencoded",
        )
        assert status == 200, (status, body)
        return (await self.api.wait_for(self.api.responses, seen + 1))[seen]

    async def get(self, link: str) -> tuple[int, bytes, dict[str, str]]:
        """GET a link the bot gave out: status, body, headers."""
        return await get_link(self.server, self.http, link)

    async def send_reminders(self, now: datetime) -> Any:
        """Run the real reminder sender once, as the scheduler would at ``now``."""
        return await self.app[REMINDER_SENDER].run_once(now)

    async def setup_council(self) -> None:
        """The SOR Barn council and roster, Lars and Joanna linked by saying who they are
        (Slack names are the users' own: members link by e-mail or so)."""
        created = await self.say("council create Samordningsråd Barn (SOR Barn)")
        assert "Samordningsråd Barn (SOR Barn) är skapat" in created
        added = await self.say("members add\n" + SOR_BARN_ROSTER)
        assert "Medlemslistan är uppdaterad" in added
        assert "Lars Gelander" in await self.say("iam Lars Gelander", user=LARS)
        assert "Joanna Pestalozzi" in await self.say("jag är Joanna Pestalozzi", user=JOANNA)


def button_values(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(action_id, value) of every button in a message's blocks."""
    return [
        (element["action_id"], element["value"])
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
