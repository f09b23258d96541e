"""The command registry: every command the bot understands, with its words in both languages.

A new command is one module in ``dialogs/commands/``, one ``@command(...)`` registration,
and one entry in ``manifest/commands.json``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from dialogs.folding import fold

if TYPE_CHECKING:
    from dialogs.context import Context
    from dialogs.model import Reply

Handler = Callable[["Context", str], Awaitable["Reply"]]


class Needs(IntEnum):
    """What must be known before a handler runs; each level includes the ones before."""

    NOTHING = 0
    #: the conversation must belong to a council (a channel linked to it, or a personal chat)
    COUNCIL = 1
    #: the sender must be a member of that council
    MEMBER = 2
    #: the sender must be its secretary, chair or coordinator
    OFFICER = 3


#: For commands that need to know who is asking but not in which council.
PERSON = -1


@dataclass(frozen=True)
class CommandSpec:
    name: str
    phrases: tuple[tuple[str, ...], ...]
    handler: Handler
    needs: int
    #: what to type, shown in help and when the arguments are wrong
    usage_key: str
    #: the command takes a pasted block (``notes``, ``members add``): bounded in lines, not
    #: in characters (``dialogs.input_text``)
    paste: bool = False


class Registry:
    """Commands by their phrases. Matching is word-wise on folded text; longest phrase wins."""

    def __init__(self) -> None:
        self._specs: dict[str, CommandSpec] = {}
        self._by_phrase: dict[tuple[str, ...], CommandSpec] = {}

    def command(
        self,
        name: str,
        *phrases: str,
        needs: int = Needs.NOTHING,
        usage: str | None = None,
        paste: bool = False,
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            # "ångra" and "angra" fold alike: one phrase, written either way
            folded = tuple(dict.fromkeys(tuple(fold(p).split()) for p in phrases))
            spec = CommandSpec(name, folded, handler, needs, usage or f"usage.{name}", paste)
            if name in self._specs:
                raise ValueError(f"command {name!r} registered twice")
            for phrase in folded:
                if phrase in self._by_phrase:
                    raise ValueError(f"phrase {' '.join(phrase)!r} registered twice")
                self._by_phrase[phrase] = spec
            self._specs[name] = spec
            return handler

        return register

    def specs(self) -> list[CommandSpec]:
        return list(self._specs.values())

    def spec(self, name: str) -> CommandSpec:
        return self._specs[name]

    def match(self, words: list[str]) -> tuple[CommandSpec, int] | None:
        """The command whose phrase matches the most leading words, and how many it took."""
        for length in range(min(len(words), 4), 0, -1):
            spec = self._by_phrase.get(tuple(words[:length]))
            if spec is not None:
                return spec, length
        return None


REGISTRY = Registry()
command = REGISTRY.command
