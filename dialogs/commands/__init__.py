"""One module per command family; importing this package registers them all."""

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
    reminders,
    season,
)

__all__ = [
    "actions",
    "council",
    "dated",
    "decisions",
    "help",
    "history",
    "identity",
    "links",
    "meetings",
    "mending",
    "nominations",
    "notes",
    "reminders",
    "season",
]
