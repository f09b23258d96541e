"""One module per command family; ``build_registry`` collects their commands.

Importing a command module registers nothing: ``@command(...)`` and ``@prompt_handler(...)``
only describe a handler. A new command family is one module here and one line in
``COMMAND_MODULES``.
"""

from __future__ import annotations

from types import ModuleType

from dialogs.commands import (
    actions,
    council,
    dated,
    decisions,
    help,
    history,
    identity,
    links,
    meetings,
    mending,
    nominations,
    notes,
    privacy,
    reminders,
    season,
    snooze,
)
from dialogs.registry import Registry

#: Every module whose handlers are commands or answer their questions; help lists a
#: group's commands in this order.
COMMAND_MODULES: tuple[ModuleType, ...] = (
    actions,
    dated,
    meetings,
    season,
    nominations,
    notes,
    decisions,
    council,
    mending,
    identity,
    privacy,
    reminders,
    snooze,
    links,
    history,
    help,
)


def build_registry(modules: tuple[ModuleType, ...] = COMMAND_MODULES) -> Registry:
    """A fresh registry of every command in ``modules``; raises ``RegistryError`` when two
    commands share a name or a phrase, or the Teams menu or Slack commands are inconsistent."""
    registry = Registry()
    for module in modules:
        registry.add_module(module)
    registry.check()
    return registry
