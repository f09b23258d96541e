"""A pooled PostgreSQL connection that breaks where the bot cannot see it (a firewall, a
proxy or a failover that drops it without closing its socket): the check at check-out finds
it open, the turn's first statement fails, and the turn is answered on a new connection,
not with "something went wrong". The bot reaches PostgreSQL through a local TCP proxy that
can break every connection it carries so."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from sqlalchemy.engine import make_url

from dialogs.lang.sv import TEXTS
from tests.conftest import FakeClock
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsChat


class BreakingProxy:
    """Forwards TCP to PostgreSQL; ``break_open_connections`` makes each connection open now
    close as soon as the bot writes to it, with nothing forwarded. Later ones work."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._broken: set[asyncio.StreamWriter] = set()
        self._open: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[BreakingProxy]:
        server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        try:
            yield self
        finally:
            server.close()
            for writer in list(self._open):
                writer.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def break_open_connections(self) -> int:
        self._broken |= self._open
        return len(self._open)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self._target)
        self._open.add(writer)
        for source, sink, client in (
            (reader, upstream_writer, writer),
            (upstream_reader, writer, writer),
        ):
            task = asyncio.create_task(self._pump(source, sink, client))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pump(
        self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, client: asyncio.StreamWriter
    ) -> None:
        try:
            while data := await source.read(65536):
                if client in self._broken:
                    client.transport.abort()  # the bot's write meets a reset, nothing more
                    return
                sink.write(data)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            sink.close()
            self._open.discard(client)


async def test_a_connection_broken_unseen_is_replaced_and_the_turn_answered(
    postgres_url: str, connector: FakeConnector, clock: FakeClock
) -> None:
    url = make_url(postgres_url)
    async with BreakingProxy(url.host or "127.0.0.1", url.port or 5432).running() as proxy:
        through_proxy = url.set(host="127.0.0.1", port=proxy.port)
        database_url = through_proxy.render_as_string(hide_password=False)
        async with TeamsChat.running(
            database_url, connector, clock, migrate_on_start=True
        ) as teams:
            await teams.setup_council()
            assert "åtgärder" in (await teams.say("mina åtgärder", user="Lars Gelander")).casefold()
            assert proxy.break_open_connections() >= 1

            for text in ("mina åtgärder", "åtgärd Lars: Ringa regionen senast 30 dec", "åtgärder"):
                reply = await teams.say(text, user="Carin Skoog")
                assert TEXTS["problem.internal"] not in reply, (text, reply)
            assert "Ringa regionen" in reply
