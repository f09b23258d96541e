"""Where Teams keeps a file sent in a chat (the sender's OneDrive), faked on localhost."""

from __future__ import annotations

import itertools

from aiohttp import web

from tests.fakes.local_server import LocalServer


class FakeFileHost(LocalServer):
    """Serves the files put here at their own download URL; records each download."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.downloads: list[str] = []
        #: answer downloads with this status instead (a link that expired, a busy host)
        self.status = 200
        self._ids = itertools.count(1)
        app = web.Application()
        app.router.add_get("/download/{id}", self._download)
        app.router.add_get("/moved/{id}", self._moved)
        super().__init__(app)

    def put(self, data: bytes) -> str:
        """The download URL of ``data``, as Teams' ``downloadUrl`` names it."""
        file_id = str(next(self._ids))
        self.files[file_id] = data
        return str(self._server.make_url(f"/download/{file_id}"))

    def redirect_to(self, url: str) -> str:
        """A URL that redirects to ``url``."""
        file_id = f"r{next(self._ids)}"
        self.files[file_id] = url.encode()
        return str(self._server.make_url(f"/moved/{file_id}"))

    async def _download(self, request: web.Request) -> web.Response:
        self.downloads.append(request.match_info["id"])
        if self.status != 200:
            return web.Response(status=self.status)
        data = self.files.get(request.match_info["id"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    async def _moved(self, request: web.Request) -> web.Response:
        target = self.files[request.match_info["id"]].decode()
        raise web.HTTPFound(target)
