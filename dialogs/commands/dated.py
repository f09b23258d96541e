"""``deadline add TEXT WHEN``: any other date the council must not miss, reminded in the channel."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from dialogs.change_records import DatedItemRecord
from dialogs.context import Context
from dialogs.dates.doubts import Choice, Doubt, after_answer, first_doubt, read_answer
from dialogs.dates.doubts import question as doubt_question
from dialogs.dates.reading import When, find_when
from dialogs.dates.writing import format_moment
from dialogs.model import Reply, Tone
from dialogs.prompts import ask, done, prompt_handler
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
    question = DateQuestion(
        text=text[0].upper() + text[1:],
        due=when.start,
        has_time=when.has_time,
        year_guessed=when.year_guessed,
    )
    return await _settle(context, question)


@dataclass(frozen=True, kw_only=True)
class DateQuestion:
    """A new date asked about (``dialogs.dates.doubts``: already past, or "30 nov" said on
    2 December) before it is saved. ``doubt`` is the question asked (None: which date,
    then?); ``accepted`` the doubts already answered with yes."""

    text: str
    due: datetime
    has_time: bool = False
    year_guessed: bool = False
    doubt: Doubt | None = None
    accepted: tuple[Doubt, ...] = ()


_ASKED = "dated_item_date"


async def _settle(context: Context, question: DateQuestion, *, answering: bool = False) -> Reply:
    """Save the date, unless it must be asked about first (nothing is saved while the
    question waits). ``answering``: this is the answer, and the question is forgotten."""
    when = When(question.due, None, question.has_time, year_guessed=question.year_guessed)
    doubt = first_doubt(when, now=context.now, meeting=False, accepted=question.accepted)
    if doubt is not None:
        await _ask(context, replace(question, doubt=doubt))
        return doubt_question(context, doubt, when)
    if answering:
        await done(context)
    return await _save(context, question)


async def _ask(context: Context, question: DateQuestion) -> None:
    context.needs = Needs.OFFICER  # the answer saves the date: an officer's command
    await ask(context, _ASKED, question)


@prompt_handler(_ASKED, DateQuestion)
async def _answer_date(context: Context, question: DateQuestion, text: str) -> Reply | None:
    """The answer to "Deadline tis 1 dec har redan varit – ska den stå kvar ändå?" and to
    "30 nov har redan varit – menade du 30 nov 2027?": keep it, another date, or the date."""
    council = context.require_council()
    starts = await meetings.meeting_starts(context.session, council.id)
    answer = read_answer(context, question.doubt, text, meetings=starts)
    if answer is None:
        return None
    if answer == Choice.OTHER:
        await _ask(context, replace(question, doubt=None))
        return doubt_question(context, None, When(question.due, None, question.has_time))
    return await _settle(context, after_answer(question, answer), answering=True)


async def _save(context: Context, question: DateQuestion) -> Reply:
    council = context.require_council()
    item = DatedItem(
        council_id=council.id,
        number=await next_number(context.session, DatedItem, council.id),
        text=question.text,
        due_at=question.due,
        due_has_time=question.has_time,
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
    when_text = format_moment(
        question.due, context.lang, now=context.now, has_time=question.has_time
    )
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
