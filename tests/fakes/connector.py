"""A fake Bot Connector: a local aiohttp server that records what the bot sends to Teams,
and answers the Teams roster API (who a member of a conversation is, with their e-mail)."""

from __future__ import annotations

import asyncio
import itertools
from ssl import SSLContext
from typing import Any

from aiohttp import web

from tests.fakes.local_server import LocalServer


class FakeConnector(LocalServer):
    """Answers the Bot Connector REST calls the bot makes, on a random localhost port."""

    def __init__(self, *, host: str = "127.0.0.1", ssl: SSLContext | None = None) -> None:
        self.activities: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.refused = 0
        #: the client's (address, port) of every call: one port for many calls is keep-alive
        self.peers: list[tuple[str, int]] = []
        self._ids = itertools.count(1)
        self._failures: list[tuple[int, str | None]] = []
        #: members whose roster entry differs from the default (None: not in the conversation)
        self.directory: dict[str, dict[str, Any] | None] = {}
        #: every roster lookup the bot made, by member id
        self.member_lookups: list[str] = []
        #: while set, a send waits here (``hold``) until it is opened; ``held`` is set meanwhile
        self._gate: asyncio.Event | None = None
        self.held = asyncio.Event()
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations", self._create_conversation)
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        super().__init__(app, host=host, ssl=ssl)

    @property
    def url(self) -> str:
        return str(self._server.make_url("/"))

    def fail_next(self, status: int, *, times: int = 1, retry_after: str | None = None) -> None:
        """Answer the next ``times`` sends with ``status`` (429, 503…), as a busy Teams would."""
        self._failures += [(status, retry_after)] * times

    def set_member(
        self,
        member_id: str,
        *,
        name: str,
        email: str | None,
        aad: str | None = None,
        tenant: str | None = None,
    ) -> None:
        """What the Teams roster says about ``member_id``: its directory e-mail (the UPN too),
        and with ``tenant`` the home tenant of an external member."""
        self.directory[member_id] = {
            "id": member_id,
            "name": name,
            "aadObjectId": aad or f"aad-{member_id.removeprefix('29:')}",
            "email": email,
            "userPrincipalName": email,
            **({"tenantId": tenant} if tenant else {}),
        }

    def roster_entry(self, member_id: str) -> dict[str, Any] | None:
        """By default every ``29:first-last`` member is ``first.last@vgregion.se`` in the
        directory, with the aadObjectId that ``TeamsChat.activity`` gives that account."""
        if member_id in self.directory:
            return self.directory[member_id]
        local = member_id.removeprefix("29:")
        address = f"{local.replace('-', '.')}@vgregion.se"
        return {
            "id": member_id,
            "name": local.replace("-", " ").title(),
            "aadObjectId": f"aad-{local}",
            "email": address,
            "userPrincipalName": address,
        }

    def hold(self) -> None:
        """Keep the next sends waiting, unanswered, until ``release``: a slow Teams."""
        self._gate = asyncio.Event()
        self.held.clear()

    def release(self) -> None:
        if self._gate is not None:
            self._gate.set()
        self._gate = None

    def recover(self) -> None:
        """Answer normally again, whatever failures were still queued."""
        self._failures.clear()

    async def _send(self, request: web.Request) -> web.Response:
        self.peers.append(request.transport.get_extra_info("peername")[:2])
        if self._gate is not None:
            self.held.set()
            await self._gate.wait()
        if self._failures:
            status, retry_after = self._failures.pop(0)
            headers = {"Retry-After": retry_after} if retry_after else {}
            self.refused += 1
            return web.json_response(
                {"error": {"code": "Throttled"}}, status=status, headers=headers
            )
        body = await request.json()
        body["_conversation"] = request.match_info["conversation"]
        self.requests.append((request.method, request.path, dict(request.headers)))
        self.activities.append(body)
        return web.json_response({"id": f"activity-{next(self._ids)}"})

    async def _member(self, request: web.Request) -> web.Response:
        member_id = request.match_info["member"]
        self.member_lookups.append(member_id)
        entry = self.roster_entry(member_id)
        if entry is None:
            return web.json_response(
                {"error": {"code": "MemberNotFoundInConversation", "message": "not found"}},
                status=404,
            )
        return web.json_response(entry)

    async def _create_conversation(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path, dict(request.headers)))
        return web.json_response({"id": f"a:personal-{next(self._ids)}", "activityId": "1"})

    def take(self) -> list[dict[str, Any]]:
        """The activities received since the last call."""
        taken, self.activities = self.activities, []
        return taken
