"""Secret links: ``kalender`` (my calendar feed), ``sida`` (the council page and its feed),
``export`` (the council's lists for Excel), and ``… ny länk`` to revoke the old ones.

A token is shown once and kept only as its hash (``store.secret_links``), so every ``kalender``
or ``sida`` makes a new link; the earlier ones keep working until ``ny länk`` closes them all.
A person's calendar link is given only in their private chat: it shows their deadlines in
every council they sit in.
"""

from __future__ import annotations

from datetime import timedelta

from dialogs.context import Context
from dialogs.link_paths import (
    CALENDAR,
    EXPORT,
    EXPORT_DATASETS,
    EXPORT_FORMATS,
    MEETING,
    PAGE,
    council_feed_path,
    council_page_path,
    export_path,
    meeting_ics_path,
    person_feed_path,
)
from dialogs.model import ConversationKind, Item, Link, Reply, Tone
from dialogs.registry import PERSON, Group, Needs, command
from store import councils, secret_links
from store.models import ConversationRef, Meeting

#: An export's links work this long: a list for today's work, not a standing door.
EXPORT_VALID = timedelta(days=1)


def _url(context: Context, path: str) -> str:
    return context.public_url + path


async def private_chat(context: Context, refusal_key: str) -> ConversationRef | None:
    """Where a personal secret goes when asked for outside the person's private chat: that
    chat (None when asked in it). With no private chat to send it to, ``refusal_key``: a
    channel must never see a personal link."""
    person = context.require_person()
    if context.incoming.conversation_kind == ConversationKind.PERSONAL:
        return None
    private = await councils.personal_conversation(
        context.session, context.incoming.platform, person.id
    )
    if private is None:
        raise context.problem(refusal_key)
    return private


async def _calendar_reply(context: Context, *, renew: bool) -> Reply:
    person = context.require_person()
    private = await private_chat(context, "calendar.private_only")
    if renew:
        issued = await secret_links.replace(
            context.session, CALENDAR, at=context.now, person_id=person.id
        )
    else:
        issued = await secret_links.issue(
            context.session, CALENDAR, at=context.now, person_id=person.id
        )
    url = _url(context, person_feed_path(issued.token))
    return Reply(
        title=context.t("calendar.renewed" if renew else "calendar.title"),
        lines=(
            context.t("calendar.link", url=url),
            context.t("calendar.outlook"),
            context.t("calendar.google"),
            context.t("calendar.secret"),
        ),
        tone=Tone.OK,
        private_to=private.reference if private else None,
        public_note=context.t("calendar.sent_privately") if private else None,
        secret_refusal=context.t("calendar.private_only"),
    )


@command(
    "calendar",
    "calendar",
    "kalender",
    "kalendern",
    "min kalender",
    needs=PERSON,
    sv="kalender",
    en="calendar",
    group=Group.MEETINGS,
)
async def my_calendar(context: Context, args: str) -> Reply:
    """A link to the person's feed: their councils' meetings and their own deadlines."""
    return await _calendar_reply(context, renew=False)


@command(
    "calendar.renew",
    "calendar new link",
    "kalender ny länk",
    "ny kalenderlänk",
    needs=PERSON,
    sv="kalender ny länk",
    en="calendar new link",
    group=Group.MEETINGS,
)
async def renew_calendar(context: Context, args: str) -> Reply:
    """Every earlier calendar link of the person stops working; a new one is given."""
    return await _calendar_reply(context, renew=True)


def _page_reply(context: Context, title: str, token: str) -> Reply:
    """The page's link (also as a button), its calendar feed's, and who may have them."""
    url = _url(context, council_page_path(token))
    return Reply(
        title=title,
        lines=(
            context.t("page.link", url=url),
            context.t("page.feed_link", url=_url(context, council_feed_path(token))),
            context.t("page.secret"),
        ),
        links=(Link(context.t("page.open"), url),),
        tone=Tone.OK,
    )


@command(
    "page",
    "page",
    "sida",
    "sidan",
    "rådets sida",
    needs=Needs.MEMBER,
    sv="sida",
    en="page",
    group=Group.COUNCIL,
)
async def council_page(context: Context, args: str) -> Reply:
    """A link to the council's page (and its calendar feed), for its members."""
    council = context.require_council()
    issued = await secret_links.issue(context.session, PAGE, at=context.now, council_id=council.id)
    title = context.t("page.title_reply", council=council.short_name)
    return _page_reply(context, title, issued.token)


@command(
    "page.renew",
    "page new link",
    "sida ny länk",
    needs=Needs.OFFICER,
    sv="sida ny länk",
    en="page new link",
    group=Group.COUNCIL,
)
async def renew_council_page(context: Context, args: str) -> Reply:
    """Every earlier link to the council's page, its feed and its meetings' files stops
    working (someone shared one too widely); a new page link is given."""
    council = context.require_council()
    await secret_links.revoke(context.session, MEETING, at=context.now, council_id=council.id)
    issued = await secret_links.replace(
        context.session, PAGE, at=context.now, council_id=council.id
    )
    await context.audit(
        "renew",
        "page_link",
        None,
        council_id=council.id,
    )
    title = context.t("page.renewed", council=council.short_name)
    return _page_reply(context, title, issued.token)


@command(
    "export",
    "export",
    "exportera",
    "excel",
    needs=Needs.OFFICER,
    sv="exportera",
    en="export",
    group=Group.COUNCIL,
)
async def export_lists(context: Context, args: str) -> Reply:
    """Links to the council's lists as XLSX and CSV, valid for a day."""
    council = context.require_council()
    issued = await secret_links.issue(
        context.session,
        EXPORT,
        at=context.now,
        council_id=council.id,
        expires_at=context.now + EXPORT_VALID,
    )
    items = tuple(
        Item(
            context.t(f"export.{dataset}"),
            " · ".join(
                context.t(
                    "export.file",
                    format=fmt.upper(),
                    url=_url(context, export_path(issued.token, dataset, fmt)),
                )
                for fmt in EXPORT_FORMATS
            ),
        )
        for dataset in EXPORT_DATASETS
    )
    return Reply(
        title=context.t("export.title", council=council.short_name),
        items=items,
        footer=context.t("export.footer"),
        tone=Tone.OK,
    )


async def meeting_file_link(context: Context, meeting: Meeting) -> Link:
    """The "Lägg till i kalendern" button of a meeting just added: its own .ics."""
    issued = await secret_links.issue(
        context.session,
        MEETING,
        at=context.now,
        council_id=meeting.council_id,
        subject_id=meeting.id,
    )
    return Link(context.t("meeting.add_to_calendar"), _url(context, meeting_ics_path(issued.token)))
