"""The Teams command menu: the commands the registry marks for it, in Swedish and English.

Teams shows the menu in the compose box; ``bot.teams_package`` writes it into the app package
(Swedish in manifest.json, English in en.json).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogs.text.markup import without_marks
from dialogs.texts import text

if TYPE_CHECKING:
    from dialogs.registry import Registry


@dataclass(frozen=True)
class MenuCommand:
    """One command of the menu: what to type and what it does, in both languages."""

    title_sv: str
    description_sv: str
    title_en: str
    description_en: str


def registry_menu(registry: Registry | None = None) -> list[MenuCommand]:
    """The registry's menu commands in their places, each with its one-line description."""
    if registry is None:
        # imported here: `radsbot`'s other subcommands start without every command module
        from dialogs.commands import build_registry

        registry = build_registry()
    return [
        MenuCommand(
            spec.sv, _described("sv", spec.about_key), spec.en, _described("en", spec.about_key)
        )
        for spec in registry.teams_menu()
    ]


def _described(lang: str, key: str) -> str:
    about = without_marks(text(lang, key))
    return about[:1].upper() + about[1:]
