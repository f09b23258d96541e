"""How an action's owners are written, everywhere: ``alla, Karin Andersson, Neo-rådet``.

"Everyone" first, then the owners in their order, separated by ", "; an owner kept as written
(an organisation, someone not in the council) the way the caller marks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from store.actions import ListedAction
from store.models import Action


def owner_list(names: Iterable[str], *, everyone: str | None = None, none: str = "") -> str:
    """The names (``everyone``'s word first, when given) joined, or ``none`` if there are none."""
    listed = [everyone] if everyone else []
    listed += [name for name in names if name]
    return ", ".join(listed) or none


def action_owners(
    action: Action | ListedAction,
    everyone: str,
    *,
    none: str = "",
    as_written: Callable[[str], str] = str,
) -> str:
    """A saved action's owners: members by full name, the others through ``as_written``."""
    names = owner_names(action, as_written)
    return owner_list(names, everyone=everyone if action.for_everyone else None, none=none)


def owner_names(action: Action | ListedAction, as_written: Callable[[str], str] = str) -> list[str]:
    """Each owner of a saved action (not "everyone"): a member's full name, or as written."""
    names = []
    for owner in action.owners:
        if owner.full_name is not None:
            names.append(owner.full_name)
        elif owner.owner_text:
            names.append(as_written(owner.owner_text))
    return names
