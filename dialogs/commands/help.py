"""``hjälp`` / ``help``: what the person may use, grouped; ``hjälp KOMMANDO``: one command.

Everything shown comes from the registry: a member never sees the officers' commands, an
officer sees them all, each in the person's language with that language's words.
"""

from __future__ import annotations

from functools import partial

from dialogs.context import Context, Problem
from dialogs.model import Item, Reply, Tone
from dialogs.parser import parse
from dialogs.registry import Group, command
from dialogs.suggestions import may_use, suggestion
from dialogs.text.markup import code


@command(
    "help",
    "help",
    "hjälp",
    "?",
    "commands",
    "kommandon",
    sv="hjälp",
    en="help",
    group=Group.ACCOUNT,
    teams=6,
    slack="/radsbot",
)
async def show_help(context: Context, args: str) -> Reply:
    if args.strip():
        return _one_command(context, args)
    # everyone's commands first in each group, then the officers'
    shown = sorted(
        (spec for spec in context.registry.specs() if may_use(context, spec)),
        key=lambda spec: spec.officers_only,
    )
    items = []
    for group in Group:
        words = [code(spec.words(context.lang)) for spec in shown if spec.group is group]
        if words:
            items.append(Item(context.t(group.title_key), " · ".join(words)))
    lines = () if context.council is not None else (context.t("help.not_linked"),)
    return Reply(
        title=context.t("help.title"),
        lines=lines,
        items=tuple(items),
        footer=context.t("help.footer"),
    )


def _one_command(context: Context, asked: str) -> Reply:
    parsed = parse(asked, context.registry)
    if parsed is None:
        said = " ".join(asked.split())[:40]
        meant = suggestion(context.registry, asked, partial(may_use, context), context.lang)
        hint = (
            context.t("unknown.suggest", phrase=meant.phrase)
            if meant
            else context.t("unknown.help")
        )
        raise Problem(context.t("help.unknown", said=said), hint)
    spec = parsed.spec
    about = context.t(spec.about_key)
    lines = [about[:1].upper() + about[1:]]
    if spec.officers_only:
        lines.append(context.t("help.officers_only"))
    return Reply(
        title=code(spec.words(context.lang)),
        lines=(*lines, context.t("help.examples")),
        items=tuple(_example(context, spec.name, n) for n in EXAMPLES),
        footer=context.t("help.also", phrases=", ".join(code(p) for p in spec.written)),
        tone=Tone.INFO,
    )


#: Each command has this many examples in each language: ``example.NAME.1``, ``.2``.
EXAMPLES = (1, 2)


def _example(context: Context, name: str, number: int) -> Item:
    """One example as it is typed; a pasted block shows its first line as the command and
    the lines below it after."""
    first, *pasted = context.t(f"example.{name}.{number}").split("\n")
    detail = context.t("help.pasted", lines=" · ".join(pasted)) if pasted else None
    return Item(code(first), detail)
