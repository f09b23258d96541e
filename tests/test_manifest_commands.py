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
