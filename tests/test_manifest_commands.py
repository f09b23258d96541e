"""Every registered command is listed in manifest/commands.json, and nothing else is."""

from __future__ import annotations

import json
from pathlib import Path

from dialogs import commands  # noqa: F401  (registers every command)
from dialogs.registry import REGISTRY

MANIFEST = Path(__file__).parents[1] / "manifest" / "commands.json"


def test_registry_and_manifest_list_the_same_commands() -> None:
    listed = {entry["name"] for entry in json.loads(MANIFEST.read_text("utf-8"))["commands"]}
    registered = {spec.name for spec in REGISTRY.specs()}
    assert listed == registered


SLACK = MANIFEST.with_name("slack.yaml")
SLACK_SOCKET_MODE = MANIFEST.with_name("slack-socket-mode.yaml")


def _without_addresses(path: Path) -> list[str]:
    """A Slack manifest's lines without comments, request URLs and the Socket Mode switch."""
    return [
        line
        for line in path.read_text("utf-8").splitlines()
        if not line.lstrip().startswith("#")
        and "url: https://YOUR-HOST/" not in line
        and "socket_mode_enabled" not in line
    ]


def test_the_socket_mode_manifest_is_the_http_one_without_addresses() -> None:
    assert _without_addresses(SLACK_SOCKET_MODE) == _without_addresses(SLACK)
    socket_mode = SLACK_SOCKET_MODE.read_text("utf-8")
    assert "socket_mode_enabled: true" in socket_mode and "YOUR-HOST" not in socket_mode
    assert "socket_mode_enabled: false" in SLACK.read_text("utf-8")
