"""The council page: one council's state on one read-only HTML page (Jinja2, server-rendered).

Next meeting with its agenda, open actions grouped by owner (overdue ones marked in words,
not colour alone), coming meetings, open nomination rounds and recent decisions. Names as on
the roster, never an e-mail address. Swedish or English; the words are in ``dialogs/lang``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.dates.deadlines import has_passed
from dialogs.dates.writing import STOCKHOLM, format_day, format_meeting_when, format_moment
from dialogs.text.markup import without_marks
from dialogs.texts import text
from store import actions, meetings, nominations
from store.council_records import all_decisions
from store.models import Action, Council, Meeting

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
#: The page shows at most this many: a phone screen, not an archive (the export has it all).
MAX_ACTIONS = 300
MAX_COMING = 12
MAX_DECISIONS = 10
NOON = time(12, 0)


@dataclass(frozen=True)
class PageLinks:
    """Where the page's own links lead (all under the same secret)."""

    feed_url: str
    other_language_url: str


def _words(lang: str):  # type: ignore[no-untyped-def]
    def t(key: str, **values: object) -> str:
        return without_marks(text(lang, key, **values))

    return t


def _place(lang: str, meeting: Meeting) -> str:
    if meeting.place:
        return meeting.place
    key = "meeting.kind.digital" if meeting.online_url else "meeting.no_place"
    return without_marks(text(lang, key))


def _when(lang: str, meeting: Meeting, now: datetime) -> str:
    return format_meeting_when(
        meeting.starts_at, lang, now=now, end=meeting.ends_at, time_known=meeting.time_known
    )


def _action_groups(lang: str, open_actions: list[Action], now: datetime) -> list[dict[str, Any]]:
    """Open actions under each of their owners: people by name first, then groups, then
    "everyone" and those without an owner."""
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for action in open_actions:
        row = {
            "number": action.number,
            "text": action.text,
            "due": format_moment(action.due_at, lang, now=now, has_time=action.due_has_time)
            if action.due_at
            else None,
            "overdue": has_passed(action.due_at, action.due_has_time, now),
        }
        owners: list[tuple[int, str]] = []
        for owner in action.owners:
            if owner.person is not None:
                owners.append((0, owner.person.full_name))
            elif owner.owner_text:
                owners.append((1, owner.owner_text))
        if action.for_everyone:
            owners.append((2, without_marks(text(lang, "action.everyone")).capitalize()))
        if not owners:
            owners.append((3, without_marks(text(lang, "action.no_owner")).capitalize()))
        for key in dict.fromkeys(owners):
            groups.setdefault(key, []).append(row)
    return [
        {"owner": name, "actions": rows}
        for (_, name), rows in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1].lower()))
    ]


async def render_council_page(
    session: AsyncSession, council: Council, lang: str, now: datetime, links: PageLinks
) -> str:
    """The page's HTML, from a handful of queries (none per item)."""
    upcoming = await meetings.upcoming_meetings(session, [council.id], now, limit=MAX_COMING + 1)
    next_meeting = None
    if upcoming:
        first = upcoming[0]
        agenda = await meetings.agenda_of(session, first.id)
        next_meeting = {
            "when": _when(lang, first, now),
            "place": _place(lang, first),
            "online_url": first.online_url,
            "agenda": [item.title for item in agenda],
        }
    open_actions = await actions.open_actions(session, council.id, limit=MAX_ACTIONS)
    rounds = await nominations.rounds_of(session, council.id, only_open=True)
    decisions = await all_decisions(session, council.id, limit=MAX_DECISIONS)
    other = "en" if lang == "sv" else "sv"
    return _TEMPLATES.get_template("council_page.html").render(
        lang=lang,
        t=_words(lang),
        council=council,
        updated=format_moment(now, lang, now=now),
        next_meeting=next_meeting,
        action_count=len(open_actions),
        action_groups=_action_groups(lang, open_actions, now),
        coming_meetings=[
            {"when": _when(lang, m, now), "place": _place(lang, m)} for m in upcoming[1:]
        ],
        rounds=[
            {
                "target": r.target,
                "roles": ", ".join(r.roles or ()),
                "closes": format_moment(r.deadline_at, lang, now=now, has_time=r.deadline_has_time)
                if r.deadline_at
                else None,
            }
            for r in rounds
        ],
        decisions=[
            {
                "day": format_day(datetime.combine(d.decided_on, NOON, STOCKHOLM), lang, now=now)
                if d.decided_on
                else None,
                "text": f"{d.section} {d.text}" if d.section else d.text,
            }
            for d in decisions
        ],
        feed_url=links.feed_url,
        other_language=other,
        other_language_url=links.other_language_url,
    )
