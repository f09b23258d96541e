"""The two Slack app manifests: over HTTP (slack.yaml) and over Socket Mode, the same app."""

from __future__ import annotations

from pathlib import Path

MANIFESTS = Path(__file__).resolve().parents[1] / "manifest"
SLACK = MANIFESTS / "slack.yaml"
SLACK_SOCKET_MODE = MANIFESTS / "slack-socket-mode.yaml"


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
