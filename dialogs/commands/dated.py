"""``deadline add TEXT WHEN``: any other date the council must not miss, reminded in the channel."""

from __future__ import annotations

from dialogs.change_records import DatedItemRecord
from dialogs.context import Context
from dialogs.dates.reading import find_when
from dialogs.dates.writing import format_moment
from dialogs.model import Reply, Tone
from dialogs.registry import Group, Needs, command
from dialogs.reminders.plans import replan_dated_item
from dialogs.undoing import undoes
from store import meetings
from store.models import AuditEvent, DatedItem
from store.numbering import next_number


@command(
    "deadline.add",
    "deadline add",
    "datum lägg till",
    "nytt datum",
    "ny deadline",
    needs=Needs.OFFICER,
    sv="ny deadline",
    en="deadline add",
    group=Group.ACTIONS,
)
async def add_dated_item(context: Context, args: str) -> Reply:
    council = context.require_council()
    starts = await meetings.meeting_starts(context.session, council.id)
    found = find_when(args, now=context.now, meetings=starts) if args.strip() else None
    if found is None:
        raise context.problem("dated.bad_form", usage="usage.deadline.add")
    when, begin, end = found
    text = " ".join((args[:begin] + " " + args[end:]).split()).strip(" ,.;:-–")
    if not text:
        raise context.problem("dated.bad_form", usage="usage.deadline.add")
    item = DatedItem(
        council_id=council.id,
        number=await next_number(context.session, DatedItem, council.id),
        text=text[0].upper() + text[1:],
        due_at=when.start,
        due_has_time=when.has_time,
        created_by_id=context.person.id if context.person else None,
        created_at=context.now,
    )
    context.session.add(item)
    await context.session.flush()
    await replan_dated_item(context.session, item, context.now)
    await context.audit(
        "add",
        "dated_item",
        item.id,
        council_id=council.id,
        after=DatedItemRecord(text=item.text, due_at=item.due_at),
    )
    when_text = format_moment(when.start, context.lang, now=context.now, has_time=when.has_time)
    return Reply(
        title=context.t("dated.added", number=item.number, text=item.text),
        lines=(context.t("dated.when", when=when_text),),
        tone=Tone.OK,
    )


@undoes("add", "dated_item")
async def _take_back(context: Context, event: AuditEvent) -> bool:
    """A date added is cancelled, and its reminders with it."""
    item = await context.session.get(DatedItem, event.subject_id)
    if item is None:
        return False
    item.cancelled = True
    await replan_dated_item(context.session, item, context.now)
    return True
