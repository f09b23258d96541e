"""Each language shows its own command words (issue 15, point 1): every command written in a
Swedish text, usage line or example is typed with Swedish words and is read as a command; the
same for English. Every command has two examples in each language, each read as that command."""

from __future__ import annotations

import re

import pytest

from dialogs.lang import en, sv
from dialogs.parser import parse
from dialogs.registry import Registry

TABLES = {"sv": sv.TEXTS, "en": en.TEXTS}
OTHER = {"sv": "en", "en": "sv"}
#: texts that show the other language's words on purpose ("Engelska går också bra: …")
SHOWS_BOTH = {"help.footer"}


def _commands_written(key: str, value: str) -> list[str]:
    """What a text asks people to type: its code spans; a usage line or example as a whole
    (up to two spaces, after which a usage line explains itself)."""
    if key.startswith(("usage.", "example.", "round.form.")):
        return [value.split("\n")[0].split("  ")[0]]
    # "`@Rådsbot council use SOR Barn`": as typed in a Teams channel, the mention first
    return [span.removeprefix("@Rådsbot ") for span in re.findall(r"`([^`]+)`", value)]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_texts_show_the_command_words_of_their_language(lang: str, registry: Registry) -> None:
    wrong = []
    for key, value in TABLES[lang].items():
        if key in SHOWS_BOTH:
            continue
        for written in _commands_written(key, value):
            if re.fullmatch(r"\{\w+\}", written):
                continue  # a command filled in, in the reply's language
            parsed = parse(written.replace("{", "").replace("}", ""), registry)
            if parsed and registry.phrase_language(parsed.phrase) == OTHER[lang]:
                wrong.append(f"{key}: `{written}` (say `{parsed.spec.words(lang)}`)")
    assert wrong == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_usage_lines_are_read_as_their_command(lang: str, registry: Registry) -> None:
    for spec in registry.specs():
        [written] = _commands_written(spec.usage_key, TABLES[lang][spec.usage_key])
        parsed = parse(written, registry)
        assert parsed is not None and parsed.spec.name == spec.name, (lang, written)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_command_has_two_examples_read_as_itself(lang: str, registry: Registry) -> None:
    for spec in registry.specs():
        examples = [TABLES[lang].get(f"example.{spec.name}.{n}") for n in (1, 2)]
        assert all(examples), (lang, spec.name)
        assert examples[0] != examples[1], (lang, spec.name)
        for example in examples:
            assert example is not None
            parsed = parse(example, registry)
            assert parsed is not None and parsed.spec.name == spec.name, (lang, example)
            assert registry.phrase_language(parsed.phrase) in (lang, None), (lang, example)


def test_no_example_is_left_over(registry: Registry) -> None:
    names = {spec.name for spec in registry.specs()}
    for table in TABLES.values():
        for key in table:
            if key.startswith("example."):
                assert key.rsplit(".", 1)[0].removeprefix("example.") in names, key
