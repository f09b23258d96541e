"""One module per command family; importing this package registers them all."""

from dialogs.commands import actions, council, help, identity, meetings, nominations

__all__ = ["actions", "council", "help", "identity", "meetings", "nominations"]
