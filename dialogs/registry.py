"""The command registry: every command the bot understands, with what help and the manifests
need to know of it.

A command is one handler in ``dialogs/commands/`` with one ``@command(...)`` registration. The
decorator only attaches a ``CommandSpec`` to the handler; nothing is registered by importing.
The app factory builds a ``Registry`` from the command modules (``build_registry`` in
``dialogs.commands``), so every app, and every test, gets its own.

From the registry come the parser's phrases, help (per role and language), the usage texts,
and the Teams and Slack command lists (``teams_menu``, ``slash_commands``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import TypeAdapter

from dialogs.text.folding import fold

if TYPE_CHECKING:
    from dialogs.context import Context
    from dialogs.model import Reply
    from store.models import AuditEvent

Handler = Callable[["Context", str], Awaitable["Reply"]]
#: What a stored question keeps for its answer (a frozen dataclass).
P = TypeVar("P")
#: Answers a stored question (``dialogs.prompts``): what the question kept, and the answer.
PromptHandler = Callable[["Context", P, str], Awaitable["Reply | None"]]


@dataclass(frozen=True)
class Question(Generic[P]):
    """A kind of stored question: what it keeps (read back through ``kept``, a pydantic
    ``TypeAdapter``) and the handler of its answers."""

    kind: str
    kept: TypeAdapter[P]
    handler: PromptHandler[P]


#: Teams shows at most 10 commands per scope in a localized app (its localization schema has
#: keys for commands[0] … commands[9] only).
TEAMS_MENU_MAX = 10
#: The attribute ``@command`` sets on a handler.
_SPEC_ATTRIBUTE = "command_spec"
#: The attribute ``@undoes(verb, subject)`` sets on the function that takes such changes back.
UNDO_ATTRIBUTE = "undoes"
#: Takes one change back (``ångra``): False when it no longer can.
Undo = Callable[["Context", "AuditEvent"], Awaitable[bool]]

#: The attribute that holds a ``Question``: set by ``@prompt_handler`` on the handler of its
#: answers, and a property of each batch kind (``dialogs.drafts.batches``).
PROMPT_ATTRIBUTE = "prompt_question"


class Needs(IntEnum):
    """What must be known before a handler runs; each level includes the ones before."""

    NOTHING = 0
    #: the conversation must belong to a council (a channel linked to it, or a personal chat)
    COUNCIL = 1
    #: the sender must be a member of that council
    MEMBER = 2
    #: the sender must be its secretary, chair or coordinator
    OFFICER = 3


#: Words both languages use in commands: they tell neither.
_BOTH_LANGUAGES = frozenset("agenda export ?".split())
#: Words of English phrases besides those of the commands' English words (``spec.en``).
_ENGLISH_WORDS = _BOTH_LANGUAGES | frozenset(
    "my done due list roster language i am owners roles commands link delete edit".split()
)
#: Words of Swedish phrases besides those of the commands' Swedish words (``spec.sv``).
_SWEDISH_WORDS = _BOTH_LANGUAGES | frozenset("excel kommandon".split())

#: For commands that need to know who is asking but not in which council.
PERSON = -1


class Group(StrEnum):
    """Where help lists a command; help shows the groups in this order."""

    ACTIONS = "actions"
    MEETINGS = "meetings"
    NOMINATIONS = "nominations"
    NOTES = "notes"
    COUNCIL = "council"
    ACCOUNT = "account"

    @property
    def title_key(self) -> str:
        return f"help.group.{self.value}"


@dataclass(frozen=True)
class CommandSpec:
    name: str
    #: every way to type it, folded (case and accents ignored), word by word
    phrases: tuple[tuple[str, ...], ...]
    #: every way to type it, as written in the registration (for help)
    written: tuple[str, ...]
    handler: Handler
    needs: int
    #: the words people type, as help and the Teams menu show them, in each language
    sv: str
    en: str
    group: Group
    #: what to type, shown in help and when the arguments are wrong
    usage_key: str
    #: what it does, in one line (help, the Teams menu)
    about_key: str
    #: the command takes a pasted block (``notes``, ``members add``): bounded in lines, not
    #: in characters (``dialogs.text.incoming``)
    paste: bool = False
    #: its place (1, 2, …) in the Teams command menu, or None when it is not there
    teams: int | None = None
    #: the Slack slash command that, typed alone, runs it (``/actions``), or None
    slack: str | None = None
    #: run only by a button the bot sent (a reminder's "Påminn mig i morgon"), whose
    #: arguments nobody types: help, suggestions and the manifests leave it out
    button_only: bool = False

    @property
    def officers_only(self) -> bool:
        """Whether only the secretary, chair and coordinator may use it."""
        return self.needs >= Needs.OFFICER

    def words(self, lang: str) -> str:
        """The words people type for it, in ``lang`` (English for anything but Swedish)."""
        return self.sv if lang == "sv" else self.en


def command(
    name: str,
    *phrases: str,
    sv: str,
    en: str,
    group: Group,
    needs: int = Needs.NOTHING,
    usage: str | None = None,
    about: str | None = None,
    paste: bool = False,
    teams: int | None = None,
    slack: str | None = None,
    button_only: bool = False,
) -> Callable[[Handler], Handler]:
    """Describe ``handler`` as the command ``name``; ``build_registry`` collects it.

    ``phrases`` are every way to type it; ``sv`` and ``en`` are the words shown for it (each
    must be one of the phrases). ``usage`` and ``about`` default to ``usage.NAME`` and
    ``about.NAME`` in the language tables.
    """

    def describe(handler: Handler) -> Handler:
        # "ångra" and "angra" fold alike: one phrase, written either way
        written: dict[tuple[str, ...], str] = {}
        for phrase in phrases:
            written.setdefault(tuple(fold(phrase).split()), phrase)
        spec = CommandSpec(
            name=name,
            phrases=tuple(written),
            written=tuple(written.values()),
            handler=handler,
            needs=needs,
            sv=sv,
            en=en,
            group=group,
            usage_key=usage or f"usage.{name}",
            about_key=about or f"about.{name}",
            paste=paste,
            teams=teams,
            slack=slack,
            button_only=button_only,
        )
        setattr(handler, _SPEC_ATTRIBUTE, spec)
        return handler

    return describe


class RegistryError(ValueError):
    """The commands contradict each other (a name or phrase twice, a menu too long)."""


class Registry:
    """Commands by their phrases. Matching is word-wise on folded text; longest phrase wins."""

    def __init__(self, specs: Iterable[CommandSpec] = ()) -> None:
        self._specs: dict[str, CommandSpec] = {}
        self._by_phrase: dict[tuple[str, ...], CommandSpec] = {}
        self._prompts: dict[str, Question[Any]] = {}
        self._undoers: dict[tuple[str, str], Undo] = {}
        for spec in specs:
            self.add(spec)

    def add(self, spec: CommandSpec) -> None:
        if spec.name in self._specs:
            raise RegistryError(f"command {spec.name!r} registered twice")
        for phrase in spec.phrases:
            if phrase in self._by_phrase:
                raise RegistryError(f"phrase {' '.join(phrase)!r} registered twice")
        for phrase in spec.phrases:
            self._by_phrase[phrase] = spec
        self._specs[spec.name] = spec

    def add_prompt(self, question: Question[Any]) -> None:
        known = self._prompts.get(question.kind)
        if known is question:
            return  # the same question, met again where its module was imported
        if known is not None:
            raise RegistryError(f"question {question.kind!r} has two handlers")
        self._prompts[question.kind] = question

    def add_undo(self, change: tuple[str, str], undo: Undo) -> None:
        if change in self._undoers:
            raise RegistryError(f"the change {change!r} is taken back in two ways")
        self._undoers[change] = undo

    def add_module(self, module: ModuleType) -> None:
        """Every handler defined in ``module`` that ``@command`` describes, in module order,
        and every handler of a question's answers (``@prompt_handler``)."""
        for value in vars(module).values():
            question = getattr(value, PROMPT_ATTRIBUTE, None)
            if isinstance(question, Question):
                self.add_prompt(question)
            if getattr(value, "__module__", None) != module.__name__:
                continue  # imported from elsewhere: its own module brings it
            spec = getattr(value, _SPEC_ATTRIBUTE, None)
            if isinstance(spec, CommandSpec):
                self.add(spec)
            for change in getattr(value, UNDO_ATTRIBUTE, ()):
                self.add_undo(change, value)

    def check(self) -> None:
        """Raise ``RegistryError`` unless the shown words, the Teams menu and the Slack
        commands are consistent; the app factory calls it once, after adding everything."""
        problems = []
        for spec in self._specs.values():
            for lang in ("sv", "en"):
                if tuple(fold(spec.words(lang)).split()) not in spec.phrases:
                    problems.append(f"{spec.name}: {spec.words(lang)!r} is not one of its phrases")
        ranks = [spec.teams for spec in self._specs.values() if spec.teams is not None]
        if sorted(ranks) != list(range(1, len(ranks) + 1)):
            problems.append(f"the Teams menu places must be 1, 2, … without gaps: {sorted(ranks)}")
        if len(ranks) > TEAMS_MENU_MAX:
            problems.append(f"{len(ranks)} commands in the Teams menu; at most {TEAMS_MENU_MAX}")
        slashes = [spec.slack for spec in self._specs.values() if spec.slack is not None]
        if len(slashes) != len(set(slashes)):
            problems.append(f"a Slack slash command is given twice: {sorted(slashes)}")
        if problems:
            raise RegistryError("; ".join(problems))

    def specs(self) -> list[CommandSpec]:
        """The commands people are shown (help, suggestions, manifests): all but those run
        only by a button."""
        return [spec for spec in self._specs.values() if not spec.button_only]

    def spec(self, name: str) -> CommandSpec:
        return self._specs[name]

    def match(self, words: list[str]) -> tuple[CommandSpec, int] | None:
        """The command whose phrase matches the most leading words, and how many it took."""
        for length in range(min(len(words), 4), 0, -1):
            spec = self._by_phrase.get(tuple(words[:length]))
            if spec is not None:
                return spec, length
        return None

    def phrase_language(self, phrase: tuple[str, ...]) -> str | None:
        """``en`` for a phrase in English words only (``next meeting``, ``my actions``),
        ``sv`` for one in Swedish words only; None when it reads as either (``agenda``)."""
        english = _ENGLISH_WORDS | {
            w for spec in self._specs.values() for w in fold(spec.en).split()
        }
        swedish = _SWEDISH_WORDS | {
            w for spec in self._specs.values() for w in fold(spec.sv).split()
        }
        words = set(phrase)
        if words <= english and not words <= swedish:
            return "en"
        if words <= swedish and not words <= english:
            return "sv"
        return None

    def undoer(self, verb: str, subject_type: str) -> Undo | None:
        """How a change of this kind is taken back; None when it cannot be."""
        return self._undoers.get((verb, subject_type))

    def undoable_verbs(self) -> frozenset[str]:
        return frozenset(verb for verb, _ in self._undoers)

    def prompt(self, kind: str) -> Question[Any] | None:
        """The handler of a question's answers; None for a kind no longer asked."""
        return self._prompts.get(kind)

    def teams_menu(self) -> list[CommandSpec]:
        """The commands of the Teams command menu, in their places."""
        listed = [spec for spec in self._specs.values() if spec.teams is not None]
        return sorted(listed, key=lambda spec: spec.teams or 0)

    def slash_commands(self) -> dict[str, CommandSpec]:
        """The Slack slash commands, each with the command it runs when typed alone."""
        return {spec.slack: spec for spec in self._specs.values() if spec.slack is not None}
