"""``meetings add`` + pasted lines: the season's meeting dates in one go, after a preview."""

from __future__ import annotations

from pydantic import TypeAdapter

from dialogs.change_records import BatchRecord, read
from dialogs.commands.meetings import meeting_place_text
from dialogs.context import Context
from dialogs.dates.doubts import note
from dialogs.dates.problems import why_unreadable
from dialogs.dates.reading import When
from dialogs.dates.writing import format_moment
from dialogs.drafts import batches
from dialogs.minutes.meeting_lines import MeetingDraft, read_meeting_line, save_meeting
from dialogs.model import Item, Reply, Tone
from dialogs.registry import Group, Needs, command
from dialogs.undoing import cancel_meetings, undoes
from store.models import AuditEvent


async def _read(context: Context, line: str, meta: batches.BatchMeta) -> MeetingDraft | None:
    return read_meeting_line(context.require_council(), line, context.now)


def _describe(context: Context, draft: MeetingDraft) -> Item:
    when = format_moment(draft.starts_at, context.lang, now=context.now, end=draft.ends_at)
    # "fre 24 dec (24 december är julafton)": said before ``ok``, which keeps it as it stands
    read = When(draft.starts_at, draft.ends_at, True, year_guessed=draft.year_guessed)
    flag = note(context, read, meeting=True) if draft.starts_at > context.now else None
    return Item(when, meeting_place_text(context, draft.place, draft.online_url), flag=flag)


def _unresolved(context: Context, draft: MeetingDraft) -> str | None:
    if draft.starts_at <= context.now:
        return context.t("meeting.in_past", when=format_moment(draft.starts_at, context.lang))
    return None


async def _save(context: Context, chosen: list[MeetingDraft]) -> Reply:
    council = context.require_council()
    saved = [await save_meeting(context, council, d, audited=False) for d in chosen]
    await context.audit(
        "add",
        "meeting_batch",
        None,
        council_id=council.id,
        after=BatchRecord(meeting_ids=tuple(m.id for m in saved), count=len(saved)),
    )
    items, more = batches.saved_list(
        context,
        [
            Item(
                f"#{m.number} "
                f"{format_moment(m.starts_at, context.lang, now=context.now, end=m.ends_at)}",
                meeting_place_text(context, m.place, m.online_url),
            )
            for m in saved
        ],
    )
    return Reply(
        title=context.tn("season.saved", len(saved)), items=items, footer=more, tone=Tone.OK
    )


SEASON = batches.BatchKind[MeetingDraft](
    name="meetings.add",
    state=TypeAdapter(batches.BatchState[MeetingDraft]),
    read=_read,
    describe=_describe,
    unresolved=_unresolved,
    save=_save,
    title_key="season.preview",
    explain=why_unreadable,
)


@command(
    "meetings.add",
    "meetings add",
    "möten lägg till",
    "lägg till möten",
    "nya möten",
    needs=Needs.OFFICER,
    paste=True,
    sv="möten lägg till",
    en="meetings add",
    group=Group.MEETINGS,
)
async def add_season(context: Context, args: str) -> Reply:
    lines = [line for line in args.splitlines() if line.strip()]
    if not lines:
        raise context.problem("batch.nothing", usage="usage.meetings.add")
    return await batches.start(context, SEASON, lines)


@undoes("add", "meeting_batch")
async def _take_back(context: Context, event: AuditEvent) -> bool:
    """The season's meetings added in one go are cancelled together."""
    after = read(BatchRecord, event.after)
    if after is None:
        return False
    await cancel_meetings(context, after.meeting_ids)
    return True
