"""Mending the council's records afterwards (issue 13, point 8): ``member remove``,
``member role``, ``action edit``, ``action owner``, ``action delete``, ``agenda remove``.

Officers only; each change is one audit entry that ``ångra`` / ``undo`` takes back
(``dialogs.commands.history``). A change that would leave the council without the officer
making it is asked about first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from dialogs.change_records import ActionRecord, AgendaItemRecord, MembershipRecord, read
from dialogs.commands.actions import OwnerQuestion, ask_owner, settle_owner
from dialogs.commands.council import membership_state, read_role_list
from dialogs.commands.meetings import describe_meeting
from dialogs.context import Context
from dialogs.drafts import actions as drafts
from dialogs.drafts.actions import ActionProposal
from dialogs.minutes.action_line import ActionDraft
from dialogs.model import Button, Reply, Tone
from dialogs.people.names import candidates_for, resolve_name, split_names
from dialogs.people.roles import read_roles, roles_text
from dialogs.prompts import ask, done, prompt_handler
from dialogs.registry import Group, Needs, command
from dialogs.reminders.plans import replan_action, replan_open_rounds
from dialogs.text.folding import fold, name_key
from dialogs.text.incoming import read_id
from dialogs.undoing import restore_membership, undoes
from store import actions, meetings, people
from store.models import (
    OFFICER_ROLES,
    Action,
    ActionStatus,
    AgendaItem,
    AuditEvent,
    Council,
    Meeting,
    Membership,
    Person,
    Role,
)

YES_WORDS = frozenset({"ja", "yes", "japp", "ok", "okej", "fortsatt", "continue"})
NO_WORDS = frozenset({"nej", "no", "nope"})


def _done_reply(context: Context, key: str, **values: object) -> Reply:
    """The one short line of a change, and how to take it back."""
    return Reply(title=context.t(key, **values), lines=(context.t("mend.undo_hint"),), tone=Tone.OK)


# ---------------------------------------------------------------------------- members


@command(
    "member.remove",
    "member remove",
    "remove member",
    "medlem ta bort",
    "ta bort medlem",
    needs=Needs.OFFICER,
    sv="ta bort medlem",
    en="member remove",
    group=Group.COUNCIL,
)
async def remove_member(context: Context, args: str) -> Reply:
    """``member remove NAME``: the person leaves the council; what they did stays."""
    council = context.require_council()
    written = args.strip(" ,.;:")
    if not written:
        raise context.problem("problem.missing_name", usage="usage.member.remove")
    found = await _member_named(context, council, written, MembershipMend(op=MendOp.REMOVE))
    if isinstance(found, Reply):
        return found
    return await _remove(context, council, found, confirmed=False)


@command(
    "member.role",
    "member role",
    "member roles",
    "medlem roll",
    "medlem roller",
    needs=Needs.OFFICER,
    sv="medlem roll",
    en="member role",
    group=Group.COUNCIL,
)
async def set_member_roles(context: Context, args: str) -> Reply:
    """``member role NAME ROLE[, ROLE]``: the person's roles here, replacing the old ones."""
    council = context.require_council()
    split = split_name_and_roles(args)
    if split is None:
        *name, last = args.split() or [""]
        named = await people.members_named(context.session, council.id, name_key(args))
        if not named and name and await _members_fitting(context, council, " ".join(name)):
            # "Lars Gelander boss": a member's name and a word that is no role
            raise context.problem("member.bad_role", role=last, usage="usage.member.role")
        raise context.problem("member.role_form", usage="usage.member.role")
    written, role_parts = split
    roles = read_role_list(context, role_parts, usage="usage.member.role")
    found = await _member_named(
        context, council, written, MembershipMend(op=MendOp.ROLES, roles=tuple(roles))
    )
    if isinstance(found, Reply):
        return found
    return await _set_roles(context, council, found, roles, confirmed=False)


def split_name_and_roles(args: str) -> tuple[str, list[str]] | None:
    """ "Maja Berndes ordförande, sekreterare" → ("Maja Berndes", ["ordförande", "sekreterare"]);
    also with a comma or colon after the name. None when no name or no role is written."""
    head, *rest = (part.strip() for part in re.split(r"[,;]", args))
    head = head.strip(" :")
    if ":" in head:
        name, _, first = head.partition(":")
        return (name.strip(), [first.strip(), *rest]) if name.strip() and first.strip() else None
    words = head.split()
    # The longest run of words at the end of the first part that reads as roles.
    for size in range(min(len(words) - 1, 5), 0, -1):
        if read_roles(" ".join(words[-size:])) is not None:
            return " ".join(words[:-size]), [" ".join(words[-size:]), *rest]
    if words and rest and any(part for part in rest):
        return head, rest
    return None


async def _members_fitting(context: Context, council: Council, written: str) -> list[Person]:
    roster = await people.roster(context.session, council.id)
    return candidates_for(written, [m.person for m in roster])


class MendOp(StrEnum):
    REMOVE = "remove"
    ROLES = "roles"


@dataclass(frozen=True, kw_only=True)
class MembershipMend:
    """A change to a membership waiting for an answer: its removal, or its new roles."""

    op: MendOp
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, kw_only=True)
class WhichMember:
    """ "Which Karin?" before ``mend``: the members ``written`` fits."""

    mend: MembershipMend
    ids: tuple[int, ...]
    written: str


@dataclass(frozen=True, kw_only=True)
class ConfirmMend:
    """ "Are you sure?" before ``mend`` of a membership that would leave the council without
    the officer making it."""

    mend: MembershipMend
    membership_id: int
    name: str


async def member_named(
    context: Context,
    council: Council,
    written: str,
    kind: str,
    which: Callable[[tuple[int, ...]], object],
) -> Membership | Reply:
    """The membership ``written`` names, or the question "which one?": ``which(ids)`` of the
    members it fits is kept as a question of ``kind``, answered with ``chosen_member``."""
    roster = await people.roster(context.session, council.id)
    found = candidates_for(written, [m.person for m in roster])
    if not found:
        raise context.problem("name.unknown", name=written)
    if len(found) > 1:
        await ask(context, kind, which(tuple(p.id for p in found)))
        names = [p.full_name for p in found]
        return Reply(
            title=context.t("owner.which", name=written),
            lines=(
                *(f"{n}. {name}" for n, name in enumerate(names, start=1)),
                context.t("owner.answer_number"),
            ),
            buttons=tuple(Button(name, str(n)) for n, name in enumerate(names, start=1)),
        )
    return next(m for m in roster if m.person_id == found[0].id)


async def chosen_member(
    context: Context, council: Council, ids: tuple[int, ...], text: str
) -> Membership | Reply | None:
    """The answer to ``member_named``'s question: the membership chosen by number or name
    (the question is then done), a problem with the number, or None (not an answer)."""
    roster = await people.roster(context.session, council.id)
    choices = [m for pid in ids for m in roster if m.person_id == pid]
    answer = text.strip().lstrip("#")
    number = read_id(answer)
    if number is not None:
        if number > len(choices):
            return Reply(title=context.t("owner.bad_number", count=len(choices)), tone=Tone.PROBLEM)
        chosen = choices[number - 1]
    else:
        fits = candidates_for(answer, [m.person for m in choices])
        if len(fits) != 1:
            return None  # no answer: run it as a command
        chosen = next(m for m in choices if m.person_id == fits[0].id)
    await done(context)
    return chosen


async def _member_named(
    context: Context, council: Council, written: str, pending: MembershipMend
) -> Membership | Reply:
    """The membership ``written`` names, or "which one?" (kept with ``pending``)."""

    def which(ids: tuple[int, ...]) -> WhichMember:
        return WhichMember(mend=pending, ids=ids, written=written)

    return await member_named(context, council, written, "member_which", which)


@prompt_handler("member_which", WhichMember)
async def _answer_which(context: Context, question: WhichMember, text: str) -> Reply | None:
    council = context.require_council()
    chosen = await chosen_member(context, council, question.ids, text)
    if not isinstance(chosen, Membership):
        return chosen
    return await _mend(context, council, chosen, question.mend, confirmed=False)


async def _mend(
    context: Context,
    council: Council,
    membership: Membership,
    mend: MembershipMend,
    *,
    confirmed: bool,
) -> Reply:
    if mend.op == MendOp.REMOVE:
        return await _remove(context, council, membership, confirmed=confirmed)
    return await _set_roles(context, council, membership, mend.roles, confirmed=confirmed)


def _officers_left(
    roster: list[Membership], membership: Membership, roles: tuple[Role, ...]
) -> bool:
    """Whether the council still has an officer once ``membership`` holds ``roles``."""
    others = any(m.role in OFFICER_ROLES for m in roster if m.id != membership.id)
    return others or any(role in OFFICER_ROLES for role in roles)


async def _confirm(context: Context, key: str, question: ConfirmMend, **values: object) -> Reply:
    await ask(context, "mend_confirm", question)
    return Reply(
        title=context.t(key, **values),
        buttons=(Button(context.t("mend.yes"), context.t("mend.yes")),),
    )


@prompt_handler("mend_confirm", ConfirmMend)
async def _answer_confirm(context: Context, question: ConfirmMend, text: str) -> Reply | None:
    word = fold(text).strip(" .!")
    if word in NO_WORDS:
        await done(context)
        return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    if word not in YES_WORDS:
        return None
    await done(context)
    council = context.require_council()
    membership = await context.session.get(Membership, question.membership_id)
    if membership is None or membership.council_id != council.id:
        raise context.problem("member.gone", name=question.name)
    return await _mend(context, council, membership, question.mend, confirmed=True)


async def _remove(
    context: Context, council: Council, membership: Membership, *, confirmed: bool
) -> Reply:
    roster = await people.roster(context.session, council.id)
    name = next((m.person.full_name for m in roster if m.id == membership.id), None)
    if name is None:
        raise context.problem("member.gone", name="?")
    if not confirmed and not _officers_left(roster, membership, ()):
        question = ConfirmMend(
            mend=MembershipMend(op=MendOp.REMOVE), membership_id=membership.id, name=name
        )
        return await _confirm(context, "member.remove_last_officer", question, name=name)
    before = replace(
        membership_state(membership),
        name=name,
        person_id=membership.person_id,
        created_at=membership.created_at,
    )
    if not await people.remove_membership(context.session, membership.id, council.id):
        # Someone else removed them a moment ago: nothing left to do, and nothing to undo.
        raise context.problem("member.gone", name=name)
    context.session.expunge(membership)
    await context.audit(
        "remove",
        "membership",
        membership.id,
        council_id=council.id,
        before=before,
        after=MembershipRecord(name=name),
    )
    await replan_open_rounds(context.session, council.id, context.now)
    return _done_reply(context, "member.removed", name=name, council=council.short_name)


async def _set_roles(
    context: Context,
    council: Council,
    membership: Membership,
    roles: tuple[Role, ...],
    *,
    confirmed: bool,
) -> Reply:
    roster = await people.roster(context.session, council.id)
    person = next(m.person for m in roster if m.id == membership.id)
    own = context.person is not None and membership.person_id == context.person.id
    lost = [r for r in membership.roles if r in OFFICER_ROLES and r not in roles]
    if own and lost and not confirmed:
        question = ConfirmMend(
            mend=MembershipMend(op=MendOp.ROLES, roles=roles),
            membership_id=membership.id,
            name=person.full_name,
        )
        role = lost[0]
        nobody_else = not any(m.holds(role) for m in roster if m.id != membership.id)
        still_officer = any(r in OFFICER_ROLES for r in roles)
        if nobody_else or not still_officer:
            key = "member.role_own_last" if nobody_else else "member.role_own_office"
            return await _confirm(context, key, question, role=context.t(f"role.{role.value}"))
    before = membership_state(membership)
    membership.role, others = roles[0], [r.value for r in roles[1:]]
    membership.other_roles = others or None
    await context.session.flush()
    after = replace(membership_state(membership), name=person.full_name)
    await context.audit(
        "update", "membership", membership.id, council_id=council.id, before=before, after=after
    )
    await replan_open_rounds(context.session, council.id, context.now)
    return _done_reply(
        context, "member.roles_set", name=person.full_name, roles=roles_text(context.t, roles)
    )


# ---------------------------------------------------------------------------- actions


async def _action_here(context: Context, council: Council, number_text: str, usage: str) -> Action:
    """The council's open or done action ``number_text``; a deleted one is no longer there."""
    number = read_id(number_text)
    if number is None:
        raise context.problem("action.bad_number", usage=usage)
    action = await actions.action_by_number(context.session, council.id, number)
    if action is None:
        raise context.problem("mend.no_action", number=number, council=council.short_name)
    if action.status == ActionStatus.CANCELLED:
        raise context.problem("mend.action_deleted", number=number)
    return action


@command(
    "action.edit",
    "action edit",
    "edit action",
    "åtgärd ändra",
    "ändra åtgärd",
    needs=Needs.OFFICER,
    sv="ändra åtgärd",
    en="action edit",
    group=Group.ACTIONS,
)
async def edit_action(context: Context, args: str) -> Reply:
    """``action edit N TEXT``: the action's task in new words; owners and deadline stay."""
    council = context.require_council()
    number_text, _, text = args.strip().partition(" ")
    action = await _action_here(context, council, number_text, "usage.action.edit")
    text = " ".join(text.split()).strip(" .")
    if not text:
        raise context.problem("mend.missing_text", usage="usage.action.edit")
    text = text[0].upper() + text[1:]
    before = ActionRecord(number=action.number, text=action.text)
    action.text = text
    await _record_action(context, action, "update", before, replace(before, text=text))
    return _done_reply(context, "mend.action_edited", number=action.number, text=text)


@command(
    "action.owner",
    "action owner",
    "action owners",
    "åtgärd ansvarig",
    "åtgärd ansvariga",
    needs=Needs.OFFICER,
    sv="åtgärd ansvarig",
    en="action owner",
    group=Group.ACTIONS,
)
async def set_action_owners(context: Context, args: str) -> Reply:
    """``action owner N NAMES``: new owners, named as ``action`` reads them; asks "which
    Karin?" when a name fits several members."""
    council = context.require_council()
    number_text, _, names = args.strip().partition(" ")
    action = await _action_here(context, council, number_text, "usage.action.owner")
    if not split_names(names):
        raise context.problem("owner.none", usage="usage.action.owner")
    roster = [m.person for m in await people.roster(context.session, council.id)]
    owners = tuple(resolve_name(name, roster) for name in split_names(names))
    draft = ActionDraft(
        owners=owners,
        for_everyone=any(o.kind == "everyone" for o in owners),
        text=action.text,
        when=None,
        when_text=None,
        source=names,
    )
    proposal = drafts.proposal(draft, roster)
    if proposal.first_unresolved() is not None:
        question = OwnerQuestion(draft=proposal, action_id=action.id)
        return await ask_owner(context, question, "action_owner_change")
    return await _apply_owners(context, action, proposal)


@prompt_handler("action_owner_change", OwnerQuestion)
async def _answer_owner(context: Context, question: OwnerQuestion, text: str) -> Reply | None:
    council = context.require_council()
    settled = await settle_owner(context, council, question, text)
    if settled is None or isinstance(settled, Reply):
        return settled
    if settled.first_unresolved() is not None:
        again = OwnerQuestion(draft=settled, action_id=question.action_id)
        return await ask_owner(context, again, "action_owner_change")
    await done(context)
    action_id = question.action_id
    action = await context.session.get(Action, action_id) if action_id is not None else None
    if action is None or action.council_id != council.id:
        raise context.problem("mend.action_deleted", number="?")
    loaded = await actions.action_by_number(context.session, council.id, action.number)
    assert loaded is not None
    return await _apply_owners(context, loaded, settled)


async def _apply_owners(context: Context, action: Action, draft: ActionProposal) -> Reply:
    if action.status == ActionStatus.CANCELLED:
        raise context.problem("mend.action_deleted", number=action.number)
    owners: list[dict[str, int | str | None]] = [
        {"person_id": pid, "owner_text": None} for pid in draft.person_ids()
    ]
    owners += [{"person_id": None, "owner_text": written} for written in draft.written_owners()]
    before = ActionRecord(
        number=action.number,
        text=action.text,
        owners=tuple(actions.owner_rows(action)),
        for_everyone=action.for_everyone,
    )
    await actions.set_owners(context.session, action, owners, for_everyone=draft.for_everyone)
    names = drafts.owner_names(context, draft)
    after = replace(before, owners=tuple(owners), for_everyone=draft.for_everyone, names=names)
    await _record_action(context, action, "update", before, after)
    return _done_reply(context, "mend.action_owners", number=action.number, owners=names)


@command(
    "action.delete",
    "action delete",
    "action remove",
    "delete action",
    "åtgärd ta bort",
    "ta bort åtgärd",
    needs=Needs.OFFICER,
    sv="ta bort åtgärd",
    en="action delete",
    group=Group.ACTIONS,
)
async def delete_action(context: Context, args: str) -> Reply:
    """``action delete N``: the action leaves every list and its reminders stop; it is kept
    (as cancelled) so that ``ångra`` gives it back whole, reminders included."""
    council = context.require_council()
    action = await _action_here(context, council, args.strip(), "usage.action.delete")
    before = ActionRecord(number=action.number, text=action.text, status=action.status.value)
    action.status = ActionStatus.CANCELLED
    await _record_action(context, action, "remove", before, replace(before, status="cancelled"))
    return _done_reply(context, "mend.action_deleted_now", number=action.number, text=action.text)


async def _record_action(
    context: Context, action: Action, verb: str, before: ActionRecord, after: ActionRecord
) -> None:
    await replan_action(context.session, action, context.now)
    await context.audit(
        verb, "action", action.id, council_id=action.council_id, before=before, after=after
    )


# ---------------------------------------------------------------------------- agenda


@command(
    "agenda.remove",
    "agenda remove",
    "agenda delete",
    "dagordning ta bort",
    "ta bort punkt",
    needs=Needs.OFFICER,
    sv="ta bort punkt",
    en="agenda remove",
    group=Group.MEETINGS,
)
async def remove_agenda_item(context: Context, args: str) -> Reply:
    """``agenda remove N``: item N of the next meeting's agenda, as ``agenda`` numbers them."""
    council = context.require_council()
    number = read_id(args.strip().rstrip("."))
    if number is None:
        raise context.problem("agenda.bad_number", usage="usage.agenda.remove")
    upcoming = await meetings.upcoming_meetings(context.session, [council.id], context.now, limit=1)
    if not upcoming:
        raise context.problem("agenda.no_meeting_to_mend")
    meeting = upcoming[0]
    agenda = await meetings.agenda_of(context.session, meeting.id)
    when = describe_meeting(context, meeting)
    if number > len(agenda):
        raise context.problem("agenda.unknown_number", number=number, when=when, count=len(agenda))
    item = agenda[number - 1]
    before = AgendaItemRecord(
        title=item.title,
        meeting_id=item.meeting_id,
        position=item.position,
        presenter=item.presenter,
        time_slot=item.time_slot,
        proposed_by_id=item.proposed_by_id,
        created_at=item.created_at,
    )
    if not await meetings.remove_agenda_item(context.session, item.id):
        raise context.problem("agenda.gone", number=number)
    context.session.expunge(item)
    after = AgendaItemRecord(title=item.title)
    await context.audit(
        "remove", "agenda_item", item.id, council_id=council.id, before=before, after=after
    )
    return _done_reply(context, "agenda.removed", number=number, title=item.title, when=when)


# ---------------------------------------------------------------------------- taken back


@undoes("remove", "membership")
async def _take_back_removal(context: Context, event: AuditEvent) -> bool:
    """A member removed sits in the council again, with the roles and note they had."""
    before = read(MembershipRecord, event.before)
    session = context.session
    person_id = before.person_id if before else None
    if before is None or person_id is None or event.council_id is None:
        return False
    again = await people.membership(session, event.council_id, person_id)
    if again is None:
        returning = await session.get(Person, person_id)
        if returning is None or returning.erased_at is not None:
            return False  # a person forgotten never comes back
        again = Membership(
            id=event.subject_id,
            council_id=event.council_id,
            person_id=person_id,
            created_at=before.created_at or context.now,
        )
        session.add(again)
    restore_membership(again, before)
    await session.flush()
    await replan_open_rounds(session, again.council_id, context.now)
    return True


@undoes("remove", "agenda_item")
async def _take_back_agenda_removal(context: Context, event: AuditEvent) -> bool:
    """An agenda item removed is back in its place (unless its meeting is gone)."""
    before = read(AgendaItemRecord, event.before)
    if (
        before is None
        or before.meeting_id is None
        or before.position is None
        or before.title is None
        or await context.session.get(Meeting, before.meeting_id) is None
    ):
        return False
    context.session.add(
        AgendaItem(
            meeting_id=before.meeting_id,
            position=before.position,
            title=before.title,
            presenter=before.presenter,
            time_slot=before.time_slot,
            proposed_by_id=before.proposed_by_id,
            created_at=before.created_at or context.now,
        )
    )
    await context.session.flush()
    return True


@undoes("remove", "action")
@undoes("update", "action")
async def _take_back_action_change(context: Context, event: AuditEvent) -> bool:
    """An action deleted is back as it was; one edited gets its text and owners back."""
    session = context.session
    action = await session.get(Action, event.subject_id)
    if action is None:
        return False
    before = read(ActionRecord, event.before)
    if before is None:
        return False
    if event.verb == "remove":
        action.status = ActionStatus(before.status or "open")
    else:
        action.text = before.text or action.text
        if before.owners is not None:
            loaded = await actions.action_by_number(session, action.council_id, action.number)
            assert loaded is not None
            await actions.set_owners(
                session, loaded, before.owners, for_everyone=bool(before.for_everyone)
            )
    await replan_action(session, action, context.now)
    return True
