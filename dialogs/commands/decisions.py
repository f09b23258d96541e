"""``beslut`` / ``decisions``: the council's decisions from its minutes, newest first, grouped
by the day they were taken; ``beslut SÖKORD`` finds the ones that mention every word."""

from __future__ import annotations

from datetime import date, datetime, time

from dialogs.context import Context
from dialogs.dates.writing import STOCKHOLM, format_day
from dialogs.model import Item, Reply, Tone
from dialogs.registry import Group, Needs, command
from dialogs.text.folding import fold
from dialogs.text.markup import bold
from store import decisions

#: A list shows this many decisions at most (as ``actions``); the title gives the full count.
LIST_SHOWN = 25


@command(
    "decisions",
    "decisions",
    "beslut",
    "besluten",
    needs=Needs.MEMBER,
    sv="beslut",
    en="decisions",
    group=Group.NOTES,
    teams=8,
)
async def council_decisions(context: Context, args: str) -> Reply:
    council = context.require_council()
    query = " ".join(args.split())
    found, total = await decisions.list_decisions(
        context.session, council.id, folded_query=fold(query) or None, limit=LIST_SHOWN
    )
    if query:
        title = context.t("decisions.search_title", query=query, count=total)
    else:
        title = context.t("decisions.title", council=council.short_name, count=total)
    if not found:
        key = "decisions.none_found" if query else "decisions.none"
        return Reply(title=title, lines=(context.t(key),), tone=Tone.OK)
    items: list[Item] = []
    day = None
    for decision in found:
        if decision.decided_on != day or not items:
            day = decision.decided_on
            items.append(Item(bold(_day_heading(context, decision.decided_on))))
        section = f"{decision.section} " if decision.section else ""
        items.append(Item(f"#{decision.number} {section}{decision.text}"))
    hidden = total - len(found)
    footer = context.t("decisions.more", count=hidden) if hidden > 0 else None
    return Reply(title=title, items=tuple(items), footer=footer)


def _day_heading(context: Context, day: date | None) -> str:
    if day is None:
        return context.t("decisions.undated")
    moment = datetime.combine(day, time(12, 0), tzinfo=STOCKHOLM)
    return context.t("decisions.meeting_of", day=format_day(moment, context.lang, now=context.now))
