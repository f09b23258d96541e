"""A command is one registration: help, usage texts and the Teams and Slack command lists all
come from the registry the app factory builds, and none of them can miss a command."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

import dialogs.registry
from bot.app import COMMANDS, create_app
from bot.settings import Settings
from bot.slack import command_text
from bot.teams_package import build_package
from dialogs.commands import COMMAND_MODULES, build_registry
from dialogs.commands import help as help_commands
from dialogs.commands.actions import OwnerQuestion
from dialogs.context import Context
from dialogs.lang import en, sv
from dialogs.model import Reply
from dialogs.parser import parse
from dialogs.prompts import prompt_handler
from dialogs.registry import (
    TEAMS_MENU_MAX,
    CommandSpec,
    Group,
    Needs,
    Registry,
    RegistryError,
    command,
)
from dialogs.undoing import undoes
from tests.fakes.teams import TeamsChat

ROOT = Path(__file__).parents[1]
APP_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
OFFICER = "Carin Skoog"  # the secretary: she created the council
MEMBER = "Lars Gelander"


def _shown(help_text: str) -> set[str]:
    """The command words a help reply lists (each in bold: help is a card)."""
    listed = help_text.split("\n\n", 1)[1].rsplit("\n\n", 1)[0]
    return set(re.findall(r"\*\*([^*]+)\*\*", listed))


# --- help, through the real endpoint --------------------------------------------------------


async def test_help_lists_every_command_for_a_role_that_may_use_it_in_both_languages(
    teams: TeamsChat, registry: Registry
) -> None:
    await teams.setup_council()
    officer_sv = _shown(await teams.say("hjälp"))
    member_sv = _shown(await teams.say("hjälp", user=MEMBER))
    await teams.say("lang en")
    await teams.say("lang en", user=MEMBER)
    officer_en = _shown(await teams.say("help"))
    member_en = _shown(await teams.say("help", user=MEMBER))
    for spec in registry.specs():
        assert spec.sv in officer_sv and spec.en in officer_en, spec.name  # officers see all
        if not spec.officers_only:
            assert spec.sv in member_sv and spec.en in member_en, spec.name
    # nothing is shown that is no command
    assert officer_sv == {spec.sv for spec in registry.specs()}
    assert officer_en == {spec.en for spec in registry.specs()}


async def test_help_for_a_member_lists_no_officer_command(
    teams: TeamsChat, registry: Registry
) -> None:
    await teams.setup_council()
    shown = _shown(await teams.say("hjälp", user=MEMBER))
    officers = {spec.sv for spec in registry.specs() if spec.officers_only}
    assert officers and not shown & officers
    # once missing or shown as officers' only: take back, and the roster members may read
    assert {"ångra", "medlemmar", "mina åtgärder", "nästa möte", "hjälp"} <= shown
    assert "logg" not in shown and "ny medlem" not in shown
    assert {"logg", "ny medlem", "ångra"} <= _shown(await teams.say("hjälp"))


async def test_help_is_grouped(teams: TeamsChat) -> None:
    await teams.setup_council()
    text = await teams.say("hjälp", user=MEMBER)
    groups = re.findall(r"^(\w[\w ]*) — \*\*", text, re.MULTILINE)
    assert groups == ["Åtgärder", "Möten", "Nomineringar", "Anteckningar", "Rådet", "Konto"]
    assert re.search(
        r"^Åtgärder — \*\*mina åtgärder\*\* · \*\*åtgärder\*\* · \*\*klar\*\*", text, re.MULTILINE
    )
    assert "**hjälp nominera**" in text


async def test_help_for_one_command_shows_how_to_write_it(teams: TeamsChat) -> None:
    await teams.setup_council()
    one = await teams.say("hjälp klar", user=MEMBER)
    assert one.startswith("**klar**")  # a card: commands in bold
    assert "Markera åtgärd 12 som klar" in one
    assert "Till exempel:" in one and "**klar 12**" in one and "**klart 7**" in one
    assert "**action done**" in one
    officers = await teams.say("hjälp logg", user=MEMBER)
    assert "Bara för rådets sekreterare, ordförande och koordinator." in officers
    await teams.say("lang en", user=MEMBER)
    english = await teams.say("help undo", user=MEMBER)
    assert english.startswith("**undo**")
    assert "For example:" in english and "**/undo**" in english
    unknown = await teams.say("help coffee", user=MEMBER)
    assert "I have no command “coffee”." in unknown
    assert "Write `help` to see what I can do." in unknown


# --- texts ----------------------------------------------------------------------------------


def test_every_command_has_usage_and_description_in_both_languages(registry: Registry) -> None:
    for spec in registry.specs():
        for table in (sv.TEXTS, en.TEXTS):
            assert table.get(spec.usage_key), spec.name
            assert table.get(spec.about_key), spec.name
        assert spec.group in Group


def test_each_usage_text_is_its_own_command(registry: Registry) -> None:
    for spec in registry.specs():
        for table in (sv.TEXTS, en.TEXTS):
            parsed = parse(table[spec.usage_key], registry)
            assert parsed is not None and parsed.spec is spec, (spec.name, table[spec.usage_key])


def test_shown_words_are_typed_as_the_command(registry: Registry) -> None:
    for spec in registry.specs():
        for words in (spec.sv, spec.en):
            parsed = parse(words, registry)
            assert parsed is not None and parsed.spec is spec and parsed.args == "", words


# --- the manifests --------------------------------------------------------------------------


def test_the_teams_menu_is_the_registrys_and_at_most_ten(
    tmp_path: Path, registry: Registry
) -> None:
    menu = registry.teams_menu()
    assert len(menu) == TEAMS_MENU_MAX == 10
    assert not [spec.name for spec in menu if spec.officers_only]  # members' commands
    assert {
        "actions.mine",
        "meeting.next",
        "meetings.list",
        "agenda.show",
        "actions.list",
        "help",
        "nominate",
        "decisions",
    } <= {spec.name for spec in menu}
    package = build_package(APP_ID, "1.0.0", tmp_path / "radsbot.zip")
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        english = json.loads(archive.read("en.json"))
    lists = manifest["bots"][0]["commandLists"]
    assert sorted(scope for cl in lists for scope in cl["scopes"]) == [
        "groupChat",
        "personal",
        "team",
    ]
    for i, command_list in enumerate(lists):
        assert [c["title"] for c in command_list["commands"]] == [spec.sv for spec in menu]
        assert [
            english[f"bots[0].commandLists[{i}].commands[{j}].title"]
            for j in range(len(command_list["commands"]))
        ] == [spec.en for spec in menu]
        assert command_list["commands"][0]["description"].startswith("Mina öppna åtgärder")


def test_the_slack_commands_are_the_registrys(registry: Registry) -> None:
    manifest = (ROOT / "manifest" / "slack.yaml").read_text("utf-8")
    slashes = re.findall(r"^\s*- command: (\S+)$", manifest, re.MULTILINE)
    in_manifest: dict[str, str] = {}
    for slash in slashes:
        # typed alone, a slash command runs the command that marks it
        parsed = parse(command_text(slash, ""), registry)
        assert parsed is not None, slash
        in_manifest[slash] = parsed.spec.name
    assert in_manifest == {slash: spec.name for slash, spec in registry.slash_commands().items()}
    assert len(slashes) == len(in_manifest)


# --- building the registry ------------------------------------------------------------------


async def _nothing(context: Context, args: str) -> Reply:
    return Reply(title="")


def _module(*specs: tuple[str, ...], **options: object) -> ModuleType:
    """A command module with one handler per ``(name, phrase, …)``."""
    module = ModuleType("tests.fake_commands")
    for i, (name, *phrases) in enumerate(specs):

        async def handler(context: Context, args: str) -> Reply:
            return await _nothing(context, args)

        handler.__module__ = module.__name__
        words = phrases[0]
        setattr(
            module,
            f"handler_{i}",
            command(name, *phrases, sv=words, en=words, group=Group.ACCOUNT, **options)(  # type: ignore[arg-type]
                handler
            ),
        )
    return module


def test_a_command_registered_twice_by_name_fails_at_build_time() -> None:
    twice = _module(("actions.mine", "kaffe"))
    with pytest.raises(RegistryError, match="'actions.mine' registered twice"):
        build_registry((*COMMAND_MODULES, twice))


def test_a_phrase_registered_twice_fails_at_build_time() -> None:
    with pytest.raises(RegistryError, match="phrase 'klar' registered twice"):
        build_registry((*COMMAND_MODULES, _module(("coffee", "klar"))))


def test_an_eleventh_command_in_the_teams_menu_fails_at_build_time() -> None:
    with pytest.raises(RegistryError, match="11 commands in the Teams menu; at most 10"):
        build_registry((*COMMAND_MODULES, _module(("coffee", "kaffe"), teams=11)))


def test_shown_words_that_are_no_phrase_fail_at_build_time() -> None:
    module = ModuleType("tests.fake_commands")

    async def coffee(context: Context, args: str) -> Reply:
        return await _nothing(context, args)

    coffee.__module__ = module.__name__
    described = command("coffee", "kaffe", sv="kaffe", en="coffee", group=Group.ACCOUNT)
    module.coffee = described(coffee)  # type: ignore[attr-defined]
    with pytest.raises(RegistryError, match="'coffee' is not one of its phrases"):
        build_registry((help_commands, module))


def test_importing_registers_nothing_and_every_app_builds_its_own_registry() -> None:
    assert not [v for v in vars(dialogs.registry).values() if isinstance(v, Registry)]
    assert isinstance(getattr(help_commands.show_help, "command_spec", None), CommandSpec)
    first = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:"))
    second = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:"))
    assert first[COMMANDS] is not second[COMMANDS]
    assert first[COMMANDS].spec("help").needs == Needs.NOTHING
    assert [spec.name for spec in first[COMMANDS].specs()] == [
        spec.name for spec in build_registry().specs()
    ]


def test_every_question_asked_has_its_answer_handler_in_the_registry(registry: Registry) -> None:
    kinds = ("batch.notes", "batch.meetings.add", "action_owner", "action_owner_change")
    for kind in (*kinds, "member_which", "mend_confirm"):
        assert registry.prompt(kind) is not None, kind
    assert registry.prompt("no such question") is None


def test_a_question_with_two_handlers_fails_at_build_time() -> None:
    module = ModuleType("tests.fake_prompts")

    async def answer(context: Context, kept: OwnerQuestion, text: str) -> Reply | None:
        return None

    answer.__module__ = module.__name__
    module.answer = prompt_handler("action_owner", OwnerQuestion)(answer)  # type: ignore[attr-defined]
    with pytest.raises(RegistryError, match="question 'action_owner' has two handlers"):
        build_registry((*COMMAND_MODULES, module))


def test_every_command_module_is_collected() -> None:
    """A module in dialogs/commands/ left out of COMMAND_MODULES would lose its commands."""
    import pkgutil

    import dialogs.commands

    names = {info.name for info in pkgutil.iter_modules(dialogs.commands.__path__)}
    collected = {module.__name__.rsplit(".", 1)[1] for module in COMMAND_MODULES}
    assert names and names <= collected


#: Every change ``ångra`` takes back, as the audit log names it.
UNDOABLE = (
    ("add", "action"),
    ("done", "action"),
    ("move", "action"),
    ("reopen", "action"),
    ("update", "action"),
    ("remove", "action"),
    ("add", "action_batch"),
    ("add", "meeting"),
    ("move", "meeting"),
    ("cancel", "meeting"),
    ("add", "meeting_batch"),
    ("add", "agenda_item"),
    ("remove", "agenda_item"),
    ("add", "dated_item"),
    ("add", "membership"),
    ("update", "membership"),
    ("remove", "membership"),
    ("add", "membership_batch"),
    ("update", "council"),
)


def test_each_change_is_taken_back_where_it_is_made(registry: Registry) -> None:
    for verb, subject in UNDOABLE:
        undo = registry.undoer(verb, subject)
        assert undo is not None, (verb, subject)
        assert undo.__module__.startswith("dialogs.commands."), undo.__module__
    # what is not undoable stays so: a council created, a nomination, a link renewed
    for verb, subject in (
        ("create", "council"),
        ("nominate", "nomination"),
        ("renew", "page_link"),
    ):
        assert registry.undoer(verb, subject) is None
    assert registry.undoable_verbs() == {verb for verb, _ in UNDOABLE}


def test_a_change_taken_back_in_two_ways_fails_at_build_time() -> None:
    module = ModuleType("tests.fake_undo")

    async def take_back(context: Context, event: object) -> bool:
        return False

    take_back.__module__ = module.__name__
    module.take_back = undoes("add", "action")(take_back)  # type: ignore[attr-defined, arg-type]
    with pytest.raises(RegistryError, match="taken back in two ways"):
        build_registry((*COMMAND_MODULES, module))
