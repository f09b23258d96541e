"""``radsbot serve`` runs on uvloop: the app answers on it, the database is reached from it."""

from __future__ import annotations

import asyncio

import uvloop
from aiohttp import ClientSession, web
from sqlalchemy import text

from bot.event_loop import new_event_loop
from store.db import open_engine


def test_the_server_loop_is_uvloop_and_serves_and_reaches_the_database(
    migrated_sqlite_url: str,
) -> None:
    async def hello(request: web.Request) -> web.Response:
        return web.Response(text="hej")

    async def round_trip() -> tuple[str, int]:
        app = web.Application()
        app.router.add_get("/", hello)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        engine = open_engine(migrated_sqlite_url)
        try:
            async with ClientSession() as http, http.get(f"http://127.0.0.1:{port}/") as got:
                answer = await got.text()
            async with engine.connect() as connection:
                one = await connection.scalar(text("SELECT 1"))
        finally:
            await engine.dispose()
            await runner.cleanup()
        return answer, one

    loop = new_event_loop()
    assert isinstance(loop, uvloop.Loop)
    with asyncio.Runner(loop_factory=lambda: loop) as runner:
        assert runner.run(round_trip()) == ("hej", 1)
