"""Without authentication the bot is reachable from this machine only, unless the operator opts in.

The threat: ``radsbot serve`` in local mode (no MicrosoftAppId) believes whatever a request to
``/api/messages`` says, who sends it and where to answer. Listening on every address, anyone on
the network could act as the chair. The servers below are real ``radsbot serve`` processes,
started all at once; "another address of this machine" is 127.0.0.2, which on Linux reaches
a server bound to 0.0.0.0 but not one bound to 127.0.0.1.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakes.radsbot_cli import BANNER_START, RADSBOT, free_port, radsbot_env

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="127.0.0.2 is a loopback address on Linux only"
)
OTHER_ADDRESS = "127.0.0.2"
BOOT_SECONDS = 60.0
APP = {"MicrosoftAppId": "00000000-0000-0000-0000-0000000000b2", "MicrosoftAppPassword": "pw-b2-x1"}
SLACK = {"SLACK_BOT_TOKEN": "xoxb-listen-test", "SLACK_SIGNING_SECRET": "listen-test-secret"}


@dataclass
class Server:
    """One ``radsbot serve`` process, its output in a file."""

    process: subprocess.Popen[bytes]
    port: int
    output_file: Path

    def output(self) -> str:
        return self.output_file.read_text(encoding="utf-8", errors="replace")

    def banner(self) -> str:
        """The start-up line, once the server prints it (waiting for another process to boot)."""
        deadline = time.monotonic() + BOOT_SECONDS
        while time.monotonic() < deadline:
            for line in self.output().splitlines():
                if line.startswith(BANNER_START):
                    return line
            if self.process.poll() is not None:
                raise AssertionError(f"radsbot serve ended: {self.output()}")
            time.sleep(0.05)
        raise AssertionError(f"no start-up line: {self.output()}")

    def status(self, path: str, *, address: str = "127.0.0.1", body: bytes | None = None) -> int:
        """The HTTP status of a GET (or with ``body``, a JSON POST) to ``path``."""
        self.banner()
        request = urllib.request.Request(
            f"http://{address}:{self.port}{path}",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code


SERVERS = {
    "local mode": ((), {}),
    "local mode on every address": (("--host", "0.0.0.0"), {}),
    "opted in": (("--host", "0.0.0.0"), {"RADSBOT_ALLOW_UNAUTHENTICATED": "1"}),
    "with an app id": ((), APP),
    "Slack only, on every address": ((), {**SLACK, "RADSBOT_HOST": "0.0.0.0"}),
}


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    tmp = tmp_path_factory.mktemp("listen")
    started: dict[str, Server] = {}
    try:
        for number, (name, (argv, settings)) in enumerate(SERVERS.items()):
            port = free_port()
            output = tmp / f"server-{number}.log"
            env = radsbot_env(
                f"sqlite+aiosqlite:///{tmp / f'server-{number}.db'}",
                PORT=str(port),
                RADSBOT_REMINDERS="false",
                **settings,
            )
            with output.open("wb") as sink:
                process = subprocess.Popen(
                    [RADSBOT, "serve", *argv],
                    env=env,
                    cwd=tmp,
                    stdin=subprocess.DEVNULL,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                )
            started[name] = Server(process, port, output)
        yield started
    finally:
        for server in started.values():
            server.process.terminate()
        for server in started.values():
            server.process.wait(timeout=30)


def _reachable(address: str, port: int) -> bool:
    try:
        with socket.create_connection((address, port), timeout=2):
            return True
    except OSError:
        return False


def test_local_mode_listens_on_loopback_only(servers: dict[str, Server]) -> None:
    """The attack: reach an unauthenticated bot from another address. By default it listens
    on 127.0.0.1 only, and its start-up line says so."""
    server = servers["local mode"]
    banner = server.banner()
    assert f"127.0.0.1:{server.port}" in banner
    assert "this machine only" in banner and "NOT authenticated" in banner
    assert server.status("/healthz") == 200
    assert not _reachable(OTHER_ADDRESS, server.port)


def test_every_address_without_authentication_is_refused_in_one_line(
    servers: dict[str, Server],
) -> None:
    """The attack (or the slip): ``--host 0.0.0.0`` without an app id. It exits 2 at once with
    one line saying how to opt in, and nothing ever listens."""
    server = servers["local mode on every address"]
    assert server.process.wait(timeout=BOOT_SECONDS) == 2
    [line] = server.output().splitlines()
    assert line.startswith("radsbot: refusing to listen on 0.0.0.0")
    assert "RADSBOT_ALLOW_UNAUTHENTICATED=1" in line and "MicrosoftAppId" in line
    assert "Traceback" not in line
    assert not _reachable("127.0.0.1", server.port)


def test_the_operator_may_opt_in_and_the_banner_says_so(servers: dict[str, Server]) -> None:
    """With RADSBOT_ALLOW_UNAUTHENTICATED=1 the operator takes the risk knowingly: it listens on
    every address, the start-up line says it is not authenticated."""
    server = servers["opted in"]
    banner = server.banner()
    assert f"0.0.0.0:{server.port}" in banner and "every address" in banner
    assert "NOT authenticated" in banner and "RADSBOT_ALLOW_UNAUTHENTICATED=1" in banner
    assert _reachable(OTHER_ADDRESS, server.port)
    assert server.status("/healthz", address=OTHER_ADDRESS) == 200


def test_with_an_app_id_it_listens_everywhere_and_demands_a_token(
    servers: dict[str, Server],
) -> None:
    """A real deployment (behind a reverse proxy) listens on every address by default, and a
    request without a Bot Framework token gets 401."""
    server = servers["with an app id"]
    banner = server.banner()
    assert f"0.0.0.0:{server.port}" in banner and "(authenticated)" in banner
    activity = json.dumps({"type": "message", "text": "hjälp"}).encode()
    assert server.status("/api/messages", address=OTHER_ADDRESS, body=activity) == 401


def test_slack_only_serves_no_unauthenticated_teams_endpoint(servers: dict[str, Server]) -> None:
    """A Slack-only region listens on every address (Slack must reach it) without opting in,
    since /slack/events checks every signature; the unauthenticated /api/messages is then
    not served at all, so nobody on the network can act as anyone through it."""
    server = servers["Slack only, on every address"]
    banner = server.banner()
    assert f"0.0.0.0:{server.port}" in banner and "Teams off" in banner
    assert "/slack/events (signed requests only)" in banner
    activity = json.dumps({"type": "message", "text": "hjälp"}).encode()
    assert server.status("/api/messages", address=OTHER_ADDRESS, body=activity) == 404
    assert server.status("/api/messages", body=activity) == 404
    assert server.status("/slack/events", address=OTHER_ADDRESS, body=b"{}") == 401
