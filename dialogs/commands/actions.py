"""Action items: ``actions mine``, ``actions``, ``action done N``, ``action NAME: TEXT``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time
from functools import partial

from dialogs.change_records import ActionRecord, read
from dialogs.commands.meetings import council_scope
from dialogs.context import Context
from dialogs.dates import deadlines
from dialogs.dates.deadlines import has_passed
from dialogs.dates.doubts import Choice, Doubt, after_answer, first_doubt, read_answer
from dialogs.dates.doubts import question as doubt_question
from dialogs.dates.problems import unread_deadline, unreadable_date
from dialogs.dates.reading import When, find_when, parse_when
from dialogs.dates.writing import STOCKHOLM, local
from dialogs.drafts import actions as drafts
from dialogs.drafts.actions import ActionProposal
from dialogs.minutes.action_line import ActionDraft, read_action_line
from dialogs.model import Button, ConversationKind, Item, Reply, Tone
from dialogs.people.names import candidates_for, resolve_name, split_names
from dialogs.people.officers import officers_text
from dialogs.people.owner_list import action_owners
from dialogs.prompts import ask, done, prompt_handler
from dialogs.registry import PERSON, Group, Needs, command
from dialogs.reminders.plans import replan_action
from dialogs.text.folding import fold
from dialogs.undoing import undoes
from store import actions, councils, meetings, people
from store.actions import ListedAction
from store.models import Action, ActionStatus, AuditEvent, Council, Person

_OWNER_SEPARATORS = re.compile(r"\s*(?:,|&|\boch\b|\bsamt\b|\band\b)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^#?(\d{1,9})$")


def is_overdue(action: Action | ListedAction, now: datetime) -> bool:
    return has_passed(action.due_at, action.due_has_time, now)


def owners_text(context: Context, action: Action | ListedAction) -> str:
    """``Karin Andersson, Joanna Pestalozzi``, ``alla``, or an organisation marked as such."""
    return action_owners(
        action,
        context.t("action.everyone"),
        none=context.t("action.no_owner"),
        as_written=lambda name: context.t("action.unassigned_owner", name=name),
    )


def deadline_text(context: Context, action: Action | ListedAction) -> str:
    return deadlines.deadline_text(
        context.lang,
        action.due_at,
        now=context.now,
        has_time=action.due_has_time,
        at_meeting=action.due_meeting_id is not None,
    )


def deadline_line(context: Context, action: Action | ListedAction) -> str:
    """ "Deadline: senast fre 16 maj", or "Deadline: ingen" (never "Deadline: ingen deadline")."""
    if action.due_at is None:
        return context.t("action.deadline_none_line")
    return context.t("action.deadline_line", deadline=deadline_text(context, action))


def action_item(
    context: Context,
    action: Action | ListedAction,
    *,
    show_owners: bool,
    council: Council | None = None,
) -> Item:
    label = f"#{action.number}"
    if council is not None:
        label = f"{council.short_name} {label}"
    detail = deadline_text(context, action)
    if show_owners:
        detail = f"{owners_text(context, action)} · {detail}"
    overdue = is_overdue(action, context.now)
    command_text = (
        f"klar {action.number}" if council is None else f"klar {action.number} {council.short_name}"
    )
    return Item(
        text=f"{label} {action.text}",
        detail=detail,
        flag=context.t("action.overdue") if overdue else None,
        buttons=(Button(context.t("action.done_button"), command_text),),
    )


@command(
    "actions.mine",
    "actions mine",
    "my actions",
    "åtgärder mina",
    "mina åtgärder",
    "mina actions",
    needs=PERSON,
    sv="mina åtgärder",
    en="actions mine",
    group=Group.ACTIONS,
    teams=1,
)
async def my_actions(context: Context, args: str) -> Reply:
    person = context.require_person()
    scope = council_scope(context)
    mine, count, overdue = await actions.first_open_actions_of(
        context.session, person.id, scope, overdue=_overdue_at(context), limit=LIST_SHOWN
    )
    if not mine:
        return Reply(title=context.t("actions.mine_none"), tone=Tone.OK)
    by_id = await _councils_by_id(context, scope) if len(scope) > 1 else {}
    items = tuple(
        action_item(context, a, show_owners=False, council=by_id.get(a.council_id)) for a in mine
    )
    lines = (context.tn("actions.overdue_count", overdue),) if overdue else ()
    private = None
    if context.incoming.conversation_kind != ConversationKind.PERSONAL:
        # One's own list is nobody else's business: where there is a private chat, it goes there.
        private = await councils.personal_conversation(
            context.session, context.incoming.platform, person.id
        )
    return Reply(
        title=context.t("actions.mine_title", count=count),
        lines=lines,
        items=items,
        footer=_more(context, count - len(items)),
        private_to=private.reference if private else None,
        public_note=context.t("actions.sent_privately") if private else None,
    )


async def _councils_by_id(context: Context, ids: Sequence[int]) -> dict[int, Council]:
    """The councils by id (found in the session: the sender's were loaded with them)."""
    found = [await councils.council_by_id(context.session, i) for i in ids]
    return {c.id: c for c in found if c is not None}


def _overdue_at(context: Context) -> tuple[datetime, datetime]:
    """(now, the start of today in Stockholm): what tells an overdue deadline in SQL."""
    today = datetime.combine(local(context.now).date(), time(0, 0), tzinfo=STOCKHOLM)
    return context.now, today


@command(
    "actions.list",
    "actions",
    "åtgärder",
    "action list",
    needs=Needs.COUNCIL,
    sv="åtgärder",
    en="actions",
    group=Group.ACTIONS,
    teams=5,
    slack="/actions",
)
async def council_actions(context: Context, args: str) -> Reply:
    council = context.require_council()
    word = args.strip().casefold()
    first = partial(actions.first_open_actions, context.session, council.id, limit=LIST_SHOWN)
    if word in ("", "all", "alla"):
        found, total = await first()
        title = context.t("actions.all_title", council=council.short_name, count=total)
    elif word in ("overdue", "försenade", "forsenade", "sena"):
        found, total = await first(overdue=_overdue_at(context))
        title = context.t("actions.overdue_title", council=council.short_name, count=total)
    else:
        person = await _one_member(context, council, args.strip())
        found, total = await first(owner_id=person.id)
        title = context.t("actions.person_title", name=person.full_name, count=total)
    if not found:
        return Reply(title=title, lines=(context.t("actions.none"),), tone=Tone.OK)
    items = tuple(action_item(context, a, show_owners=True) for a in found)
    return Reply(title=title, items=items, footer=_more(context, total - len(found)))


#: A list shows this many actions at most: a card stays readable (and within Teams' size
#: limit); the title gives the full count and the footer says how to narrow it down.
LIST_SHOWN = 25


def _more(context: Context, hidden: int) -> str | None:
    return context.t("actions.more", count=hidden) if hidden > 0 else None


async def _one_member(context: Context, council: Council, written: str) -> Person:
    roster = [m.person for m in await people.roster(context.session, council.id)]
    found = candidates_for(written, roster)
    if not found:
        raise context.problem("name.unknown", name=written)
    if len(found) > 1:
        raise context.problem(
            "name.ambiguous", name=written, candidates=", ".join(p.full_name for p in found)
        )
    return found[0]


@command(
    "action.done",
    "action done",
    "done",
    "klar",
    "åtgärd klar",
    "klart",
    needs=PERSON,
    sv="klar",
    en="action done",
    group=Group.ACTIONS,
    teams=9,
)
async def mark_done(context: Context, args: str) -> Reply:
    person = context.require_person()
    action = await _own_action(context, args, "usage.action.done", "action.not_yours_done")
    if action.status == ActionStatus.DONE:
        return Reply(title=context.t("action.already_done", number=action.number), tone=Tone.OK)
    before = ActionRecord(status=action.status.value, number=action.number, text=action.text)
    await actions.mark_done(context.session, action, by_id=person.id, at=context.now)
    await replan_action(context.session, action, context.now)
    await context.audit(
        "done",
        "action",
        action.id,
        council_id=action.council_id,
        before=before,
        after=replace(before, status=action.status.value),
    )
    return Reply(
        title=context.t("action.marked_done", number=action.number, text=action.text), tone=Tone.OK
    )


async def _own_action(context: Context, args: str, usage: str, not_yours: str) -> Action:
    """The action ``N [COUNCIL]`` names, if the sender owns it (one for everyone: any member)
    or acts as an officer of its council; otherwise the refusal ``not_yours``."""
    person = context.require_person()
    number_text, _, council_words = args.strip().partition(" ")
    number = _NUMBER.match(number_text)
    if number is None:
        raise context.problem("action.bad_number", usage=usage)
    action = await _action_by_number(context, int(number.group(1)), council_words.strip())
    membership = await context.own_seat(action.council_id)
    owns = any(o.person_id == person.id for o in action.owners) or (
        action.for_everyone and membership is not None
    )
    if not owns and not context.acts_as_officer(membership):
        raise context.problem(
            not_yours,
            number=action.number,
            officers=await officers_text(context, action.council_id),
        )
    return action


async def _action_by_number(context: Context, number: int, council_words: str) -> Action:
    """The action ``number`` in this council, or in the sender's councils from a personal chat."""
    if council_words:
        council = await councils.council_by_key(context.session, fold(council_words))
        scope = [council.id] if council and council.id in context.council_ids else []
    else:
        scope = council_scope(context)
    found = [
        a for cid in scope if (a := await actions.action_by_number(context.session, cid, number))
    ]
    if not found:
        raise context.problem("action.unknown_number", number=number)
    if len(found) > 1:
        raise context.problem("action.number_in_several", number=number)
    return found[0]


_COLON_HEAD_WORD = re.compile(
    r"^(?:[A-ZÅÄÖÉÜ][\w'’.\-]*|[A-ZÅÄÖ]\.?|och|samt|and|alla|samtliga|all|everyone|van|von|af|de)$"
)


def _colon_form(
    args: str, roster: list[Person], now: datetime, meetings_at: list[datetime]
) -> ActionDraft | None:
    """``Karin Andersson, Joanna: Ta fram underlag senast 15 maj`` — names, colon, the task."""
    head, colon, tail = args.partition(":")
    words = head.replace(",", " ").replace("&", " ").split()
    if not colon or not words or len(words) > 12 or not tail.strip():
        return None
    if not all(_COLON_HEAD_WORD.match(w) for w in words):
        return None
    owners = tuple(resolve_name(name, roster) for name in split_names(head))
    found = find_when(tail, now=now, meetings=meetings_at)
    text, when, when_text = tail, None, None
    if found is not None:
        when, begin, end = found
        when_text = tail[begin:end]
        text = tail[:begin] + " " + tail[end:]
    return ActionDraft(
        owners=owners,
        for_everyone=any(o.kind == "everyone" for o in owners),
        text=" ".join(text.split()).strip(" ,.;"),
        when=when,
        when_text=when_text,
        source=args,
    )


async def _roster_people(context: Context, council_id: int) -> list[Person]:
    return [m.person for m in await people.roster(context.session, council_id)]


async def roster_people(context: Context, council: Council) -> list[Person]:
    """The council's members, loaded once per handled message."""
    return await context.cached(("roster", council.id), lambda: _roster_people(context, council.id))


async def read_draft(
    context: Context, council: Council, line: str, *, now: datetime | None = None
) -> ActionProposal:
    """One action line — the colon form or as written in the minutes — as a proposal."""
    roster = await roster_people(context, council)
    starts = await context.cached(
        ("meeting starts", council.id),
        lambda: meetings.meeting_starts(context.session, council.id),
    )
    at = now or context.now
    draft = _colon_form(line, roster, at, starts) or read_action_line(
        line, roster, now=at, meetings=starts
    )
    return drafts.proposal(draft, roster)


async def confirm_saved(context: Context, council: Council, payload: ActionProposal) -> Reply:
    """Save a fully resolved draft, audit it, and say what was understood."""
    action = await drafts.save(context, council, payload)
    await context.audit(
        "add",
        "action",
        action.id,
        council_id=council.id,
        after=ActionRecord(
            number=action.number,
            text=action.text,
            names=drafts.owner_names(context, payload),
            due_at=action.due_at,
        ),
    )
    return Reply(
        title=context.t("action.added", number=action.number),
        lines=(
            context.t("action.who", owners=drafts.owner_names(context, payload)),
            context.t("action.what", text=action.text),
            deadline_line(context, action),
        ),
        tone=Tone.OK,
    )


@command(
    "action.add",
    "action",
    "åtgärd",
    "action add",
    "ny åtgärd",
    needs=Needs.OFFICER,
    sv="åtgärd",
    en="action",
    group=Group.ACTIONS,
    slack="/action",
)
async def add_action(context: Context, args: str) -> Reply:
    """An action as written in the notes; asks when a name fits several members or none."""
    council = context.require_council()
    if not args.strip():
        raise context.problem("action.bad_form", usage="usage.action.add")
    draft = await read_draft(context, council, args.strip())
    if draft.due is None:
        unread = unread_deadline(args)
        if unread:  # "senast 31 juni": a deadline was meant; never save it as text
            raise unreadable_date(context, unread, usage="usage.action.add")
    if not draft.owners and not draft.for_everyone:
        raise context.problem("owner.none", usage="usage.action.add")
    if not draft.text:
        raise context.problem("action.bad_form", usage="usage.action.add")
    question = DeadlineQuestion(
        draft=draft, due=draft.due, has_time=draft.has_time, year_guessed=draft.year_guessed
    )
    return await _settle_deadline(context, question)


@dataclass(frozen=True, kw_only=True)
class DeadlineQuestion:
    """A deadline asked about (``dialogs.dates.doubts``) before it is saved: that of a new
    action (``draft``), or the new one of action ``action_id`` (``action move``).

    ``doubt`` is the question asked (None: which date, then?); ``accepted`` the doubts
    already answered with yes; ``year_guessed``: the day was written without a year.
    """

    due: datetime | None
    has_time: bool = False
    year_guessed: bool = False
    draft: ActionProposal | None = None
    action_id: int | None = None
    doubt: Doubt | None = None
    accepted: tuple[Doubt, ...] = ()


async def _settle_deadline(
    context: Context, question: DeadlineQuestion, *, answering: bool = False
) -> Reply:
    """Go on with the action (which Karin? then save it), or move its deadline, unless the
    deadline must be asked about first; nothing is saved while the question waits.
    ``answering``: this is the answer to the question about it, which is then forgotten
    (a command's own run leaves any other question the sender has alone)."""
    if question.due is not None:
        when = When(question.due, None, question.has_time, year_guessed=question.year_guessed)
        doubt = first_doubt(when, now=context.now, meeting=False, accepted=question.accepted)
        if doubt is not None:
            return await _ask_deadline(context, replace(question, doubt=doubt), when)
    if answering:
        await done(context)
    if question.action_id is not None:
        action = await context.session.get(Action, question.action_id)
        if action is None or question.due is None:
            raise context.problem("action.unknown_number", number="?")
        if action.status == ActionStatus.DONE:  # marked done while the question waited
            raise context.problem("action.move_done", number=action.number)
        return await _deadline_moved(context, action, question.due, question.has_time)
    assert question.draft is not None
    draft = replace(question.draft, due=question.due, has_time=question.has_time)
    if draft.first_unresolved() is not None:
        return await ask_owner(context, OwnerQuestion(draft=draft))
    return await confirm_saved(context, context.require_council(), draft)


async def _ask_deadline(context: Context, question: DeadlineQuestion, when: When) -> Reply:
    context.needs = Needs.OFFICER if question.action_id is None else PERSON
    await ask(context, "action_deadline", question)
    return doubt_question(context, question.doubt, when)


@prompt_handler("action_deadline", DeadlineQuestion)
async def _answer_deadline(context: Context, question: DeadlineQuestion, text: str) -> Reply | None:
    """The answer to "Deadline tis 1 dec har redan varit – ska den stå kvar ändå?" and to
    "30 nov har redan varit – menade du 30 nov 2027?"."""
    council_id = context.council.id if context.council else None
    if question.action_id is not None:
        action = await context.session.get(Action, question.action_id)
        if action is None or not await _may_move(context, action):
            # Its owners changed, or the sender lost the office, while the question waited:
            # the answer moves nothing, and the message is an ordinary one.
            await done(context)
            return None
        council_id = action.council_id
    starts = await meetings.meeting_starts(context.session, council_id) if council_id else []
    answer = read_answer(context, question.doubt, text, meetings=starts)
    if answer is None:
        return None
    if answer == Choice.OTHER:
        when = When(question.due or context.now, None, question.has_time)
        return await _ask_deadline(context, replace(question, doubt=None), when)
    return await _settle_deadline(context, after_answer(question, answer), answering=True)


@dataclass(frozen=True, kw_only=True)
class OwnerQuestion:
    """ "Which Karin?" about a drafted action; ``action_id``: the saved action whose owners
    are being changed (``action owner N NAMES``), None for a new one."""

    draft: ActionProposal
    action_id: int | None = None


async def ask_owner(context: Context, question: OwnerQuestion, kind: str = "action_owner") -> Reply:
    """Ask "which Karin?" about the first unsettled owner; the answer goes to ``kind``."""
    await ask(context, kind, question)
    title, lines, buttons = drafts.question(context, question.draft)
    return Reply(title=title, lines=lines, buttons=buttons)


async def settle_owner(
    context: Context, council: Council, question: OwnerQuestion, text: str
) -> ActionProposal | Reply | None:
    """The draft with the answer to "which Karin?" applied: a number from the list, or a
    name from the roster; for a name that fits nobody, also the choice (or the name again)
    to keep it as written. A Reply for a wrong number; None when the text is no answer: the
    caller runs it as a command."""
    roster = [m.person for m in await people.roster(context.session, council.id)]
    return await drafts.settle(context, question.draft, text, roster)


@prompt_handler("action_owner", OwnerQuestion)
async def _answer_owner(context: Context, question: OwnerQuestion, text: str) -> Reply | None:
    """The answer to "which Karin?"; saves the action once every owner is settled."""
    council = context.require_council()
    settled = await settle_owner(context, council, question, text)
    if settled is None or isinstance(settled, Reply):
        return settled  # None: not an answer, run it as a command instead
    if settled.first_unresolved() is not None:
        return await ask_owner(context, OwnerQuestion(draft=settled))
    await done(context)
    return await confirm_saved(context, council, settled)


@command(
    "action.move",
    "action move",
    "action due",
    "ny deadline för",
    "flytta åtgärd",
    "åtgärd flytta",
    needs=PERSON,
    sv="flytta åtgärd",
    en="action move",
    group=Group.ACTIONS,
)
async def move_deadline(context: Context, args: str) -> Reply:
    """Change an action's deadline (its owners or an officer); its reminders follow."""
    context.require_person()
    number_text, _, when_text = args.strip().partition(" ")
    number = _NUMBER.match(number_text)
    if number is None:
        raise context.problem("action.bad_number", usage="usage.action.move")
    action = await _action_by_number(context, int(number.group(1)), "")
    if not await _may_move(context, action):
        raise context.problem(
            "action.not_yours_move",
            number=action.number,
            officers=await officers_text(context, action.council_id),
        )
    if action.status == ActionStatus.DONE:
        # a done action has no deadline left to keep: it is opened again first, on purpose
        raise context.problem("action.move_done", number=action.number)
    starts = await meetings.meeting_starts(context.session, action.council_id)
    when = parse_when(when_text, now=context.now, meetings=starts) if when_text.strip() else None
    if when is None:
        raise unreadable_date(context, when_text, usage="usage.action.move")
    question = DeadlineQuestion(
        due=when.start, has_time=when.has_time, year_guessed=when.year_guessed, action_id=action.id
    )
    return await _settle_deadline(context, question)


async def _may_move(context: Context, action: Action) -> bool:
    """Whether the sender may give ``action`` a new deadline: they own it, or act as an
    officer of its council."""
    person = context.require_person()
    if await actions.is_owner(context.session, action.id, person.id, everyone_counts=False):
        return True
    return context.acts_as_officer(await context.own_seat(action.council_id))


async def _deadline_moved(
    context: Context, action: Action, due_at: datetime, has_time: bool
) -> Reply:
    before = ActionRecord(
        due_at=action.due_at,
        due_has_time=action.due_has_time,
        due_meeting_id=action.due_meeting_id,
        number=action.number,
        text=action.text,
    )
    meeting = await meetings.meeting_starting_at(context.session, action.council_id, due_at)
    action.due_at, action.due_has_time = due_at, has_time
    action.due_meeting_id = meeting.id if meeting else None
    await replan_action(context.session, action, context.now)
    await context.audit(
        "move",
        "action",
        action.id,
        council_id=action.council_id,
        before=before,
        after=replace(
            before,
            due_at=due_at,
            due_has_time=has_time,
            due_meeting_id=action.due_meeting_id,
        ),
    )
    return Reply(
        title=context.t("action.moved", number=action.number),
        lines=(deadline_line(context, action),),
        tone=Tone.OK,
    )


@command(
    "action.reopen",
    "action reopen",
    "reopen",
    "åtgärd återöppna",
    "återöppna",
    "öppna åtgärd igen",
    needs=PERSON,
    sv="åtgärd återöppna",
    en="action reopen",
    group=Group.ACTIONS,
)
async def reopen(context: Context, args: str) -> Reply:
    """Open a done action again (its owners or an officer), so that it can get a new deadline."""
    action = await _own_action(context, args, "usage.action.reopen", "action.not_yours_move")
    if action.status != ActionStatus.DONE:
        return Reply(title=context.t("action.already_open", number=action.number), tone=Tone.OK)
    before = ActionRecord(
        status=action.status.value,
        number=action.number,
        text=action.text,
        done_at=action.done_at,
        done_by_id=action.done_by_id,
    )
    action.status, action.done_at, action.done_by_id = ActionStatus.OPEN, None, None
    await replan_action(context.session, action, context.now)
    await context.audit(
        "reopen",
        "action",
        action.id,
        council_id=action.council_id,
        before=before,
        after=replace(before, status=action.status.value, done_at=None, done_by_id=None),
    )
    return Reply(
        title=context.t("action.reopened", number=action.number, text=action.text),
        lines=(context.t("action.reopened_next", number=action.number),),
        tone=Tone.OK,
    )


@undoes("add", "action")
@undoes("done", "action")
@undoes("move", "action")
@undoes("reopen", "action")
async def _take_back(context: Context, event: AuditEvent) -> bool:
    """An action added is cancelled; one marked done is open again, one opened again is done
    again; a moved deadline is back where it was."""
    action = await context.session.get(Action, event.subject_id)
    if action is None:
        return False
    kept = read(ActionRecord, event.before)
    before = kept or ActionRecord()
    if event.verb == "add":
        action.status = ActionStatus.CANCELLED
    elif event.verb == "done":
        action.status, action.done_at, action.done_by_id = ActionStatus.OPEN, None, None
    elif event.verb == "reopen":
        action.status = ActionStatus.DONE
        action.done_at, action.done_by_id = before.done_at, before.done_by_id
    elif kept is None:
        return False  # a move whose old deadline does not read
    else:
        action.due_at = before.due_at
        action.due_has_time = bool(before.due_has_time)
        action.due_meeting_id = before.due_meeting_id
    await replan_action(context.session, action, context.now)
    return True
