"""Setting up a council: ``council create``, ``council use``, ``member(s) add``, ``members``."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace

from dialogs.change_records import BatchRecord, CouncilRecord, MembershipRecord
from dialogs.change_records import read as read_record
from dialogs.context import Context, Problem
from dialogs.drafts.batches import PAGE_ITEMS
from dialogs.minutes.participants import ParticipantReading, read_participants
from dialogs.model import ConversationKind, Item, Reply, Tone
from dialogs.pacing import Pacer
from dialogs.people.addresses import take_addresses, without_addresses
from dialogs.people.officers import officers_text, refuse_unless_officer_everywhere
from dialogs.people.roles import ROLE_ORDER, ranked, read_roles, roles_text
from dialogs.people.sender_account import link_sender
from dialogs.registry import PERSON, Group, Needs, command
from dialogs.reminders.plans import replan_open_rounds
from dialogs.text.folding import fold, name_key
from dialogs.text.markup import bold
from dialogs.undoing import restore_membership, undo_memberships, undoes
from store import councils, people
from store.models import AuditEvent, Council, LinkedBy, Membership, Person, Role
from store.roster_index import RosterIndex, roster_index

_NAME_AND_SHORT = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[^()]+)\)\s*$")


@command(
    "council.create",
    "council create",
    "råd skapa",
    "skapa råd",
    "nytt råd",
    sv="skapa råd",
    en="council create",
    group=Group.COUNCIL,
)
async def create_council(context: Context, args: str) -> Reply:
    """Create a council, link this channel to it and make the sender its secretary."""
    incoming = context.incoming
    if incoming.conversation_kind == ConversationKind.PERSONAL:
        raise context.problem("council.create_in_channel")
    if context.council is not None:
        raise context.problem("council.already_linked", council=context.council.short_name)
    match = _NAME_AND_SHORT.match(args)
    name, short = (match["name"], match["short"].strip()) if match else (args.strip(), args.strip())
    if not name or len(name) > 200 or len(short) > 40:
        raise context.problem("council.bad_name", usage="usage.council.create")
    if await councils.council_by_key(context.session, fold(short)) is not None:
        raise context.problem("council.exists", short=short)
    person = context.person or await _person_from_chat(context)
    context.person = person  # the log names the founder as the one who created the council
    council = await councils.create_council(
        context.session, name=name, short_name=short, short_key=fold(short), at=context.now
    )
    # The founding secretary's office is this account's own doing, however it is linked.
    founder = await people.sender_link(
        context.session, incoming.platform, incoming.tenant_id, incoming.user_id
    )
    council.founder_identity_id = founder[1].id if founder else None
    await people.add_member(
        context.session,
        council_id=council.id,
        person_id=person.id,
        role=Role.SECRETARY,
        note=None,
        at=context.now,
    )
    await _link_here(context, council)
    await context.audit(
        "create",
        "council",
        council.id,
        council_id=council.id,
        after=CouncilRecord(name=name, short_name=short),
    )
    return Reply(
        title=context.t("council.created", name=name, short=short),
        lines=(context.t("council.created_next", person=person.full_name),),
        tone=Tone.OK,
    )


async def _person_from_chat(context: Context) -> Person:
    incoming = context.incoming
    if not incoming.user_name:
        raise context.problem("problem.who_are_you")
    person = await people.create_person(
        context.session,
        full_name=incoming.user_name.strip(),
        name_key=name_key(incoming.user_name),
        at=context.now,
    )
    await link_sender(context.session, incoming, person.id, LinkedBy.CREATOR)
    return person


async def _link_here(context: Context, council: Council) -> None:
    incoming = context.incoming
    conversation = await councils.conversation(
        context.session, incoming.platform, incoming.conversation_id
    )
    assert conversation is not None  # saved by the dispatcher before any command runs
    # A channel is still the council's the command checked (a personal chat has no owner
    # to check: its council may be the sender's only one, not yet written down).
    expected = context.council.id if context.council else None
    if incoming.conversation_kind == ConversationKind.PERSONAL:
        expected = conversation.council_id
    if not await councils.claim_conversation(
        context.session, conversation, council.id, expected=expected
    ):
        # Another command linked it since this one looked: that one has it.
        raise context.problem("council.taken_meanwhile")


@command(
    "council.use",
    "council use",
    "council link",
    "använd råd",
    "koppla råd",
    needs=PERSON,
    sv="använd råd",
    en="council use",
    group=Group.COUNCIL,
)
async def use_council(context: Context, args: str) -> Reply:
    """Choose the council of a personal chat, or link one more channel to a council."""
    person = context.require_person()
    council = await councils.council_by_key(context.session, fold(args)) if args else None
    if council is None:
        raise context.problem("council.unknown", short=args or "…", usage="usage.council.use")
    membership = await people.membership(context.session, council.id, person.id)
    if membership is None:
        raise context.problem("problem.not_member", council=council.short_name)
    in_channel = context.incoming.conversation_kind != ConversationKind.PERSONAL
    if in_channel and not context.acts_as_officer(membership):
        raise context.officers_only(membership)
    current = context.council
    if in_channel and current is not None and current.id != council.id:
        # The channel is that council's: only its officers may hand it to another one.
        here = await people.membership(context.session, current.id, person.id)
        if not context.acts_as_officer(here):
            raise context.problem(
                "council.relink_refused",
                council=current.short_name,
                officers=await officers_text(context, current.id),
            )
    await _link_here(context, council)
    key = "council.linked_channel" if in_channel else "council.linked_personal"
    return Reply(title=context.t(key, short=council.short_name), tone=Tone.OK)


_HOURS = re.compile(
    r"^(?:kl(?:ockan)?\.?\s*)?(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s*(?:[-–—]|till|to)\s*"
    r"(?:kl(?:ockan)?\.?\s*)?(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?$",
    re.IGNORECASE,
)


def read_hours(text: str) -> tuple[str, str] | None:
    """ "09:30-15:30", "9.30–15.30", "kl 9-15" → ("09:30", "15:30"); None if not a range
    of two possible times, the first before the second."""
    match = _HOURS.match(text.strip().rstrip("."))
    if match is None:
        return None
    start = (int(match["h1"]), int(match["m1"] or 0))
    end = (int(match["h2"]), int(match["m2"] or 0))
    if not all(0 <= h <= 23 and 0 <= m <= 59 for h, m in (start, end)) or not start < end:
        return None
    return f"{start[0]:02d}:{start[1]:02d}", f"{end[0]:02d}:{end[1]:02d}"


def hours_text(council: Council) -> str:
    """ "09.30–15.30", written the Swedish way."""
    return f"{council.meeting_start.replace(':', '.')}–{council.meeting_end.replace(':', '.')}"


@command(
    "council.hours",
    "council hours",
    "meeting hours",
    "rådet tider",
    "råd tider",
    "mötestider",
    needs=Needs.OFFICER,
    sv="mötestider",
    en="council hours",
    group=Group.COUNCIL,
)
async def set_meeting_hours(context: Context, args: str) -> Reply:
    """The council's usual meeting hours: used for meetings added without a time."""
    council = context.require_council()
    if not args.strip():
        return Reply(
            title=context.t(
                "council.hours_are", council=council.short_name, hours=hours_text(council)
            ),
            lines=(context.t("council.hours_used"),),
        )
    hours = read_hours(args)
    if hours is None:
        raise context.problem("council.bad_hours", usage="usage.council.hours")
    before = CouncilRecord(meeting_start=council.meeting_start, meeting_end=council.meeting_end)
    council.meeting_start, council.meeting_end = hours
    await context.audit_council_change(
        council,
        before,
        CouncilRecord(meeting_start=hours[0], meeting_end=hours[1], name=council.short_name),
    )
    return Reply(
        title=context.t("council.hours_set", council=council.short_name, hours=hours_text(council)),
        lines=(context.t("council.hours_used"),),
        tone=Tone.OK,
    )


@dataclass(frozen=True)
class RosterLine:
    name: str
    role: Role
    note: str | None
    email: str | None = None
    #: the person's other roles, stored beside the primary one (``Membership.other_roles``)
    also: tuple[Role, ...] = ()

    @property
    def roles(self) -> tuple[Role, ...]:
        return (self.role, *self.also)


def roster_lines(reading: ParticipantReading) -> list[RosterLine]:
    """The people read from a participant list as roster lines.

    The primary role is an officer's one when the person holds one, else the most senior
    (``ranked``); all are stored. The title and organisation go into the note, with
    what else was written about the person. The e-mail is kept apart (never in the note).
    """
    lines = []
    for person in reading.people:
        roles = ranked(person.roles)
        note = ", ".join(filter(None, (person.title, person.organisation, person.note)))
        lines.append(
            RosterLine(person.name, roles[0], note or None, person.email, tuple(roles[1:]))
        )
    return lines


def read_role_list(context: Context, parts: list[str], *, usage: str) -> tuple[Role, ...]:
    """The roles written as comma-parts ("ordförande", "sekreterare och koordinator"), primary
    first; an unknown word is refused with the roles there are."""
    roles: list[Role] = []
    for part in filter(None, (p.strip(" *_/;:|") for p in parts)):
        read = read_roles(part)
        if read is None:
            raise context.problem("member.bad_role", role=part, usage=usage)
        roles.extend(read)
    return ranked(roles)


def membership_state(membership: Membership) -> MembershipRecord:
    """What ``ångra`` needs to give a membership back its roles and note."""
    return MembershipRecord(
        role=membership.role.value,
        other_roles=tuple(membership.other_roles or ()),
        note=membership.note,
    )


@dataclass(frozen=True)
class RosterChange:
    """One roster line applied: the membership, whether it is new, and what it was before."""

    membership: Membership
    created: bool
    before: MembershipRecord | None
    #: the line's e-mail address was not saved (see ``_email_refusal``)
    email_kept: bool = False
    #: someone of that name sits elsewhere, but this is a new person (see ``_may_adopt``)
    separate: bool = False

    # The ids: the lines of a paste are written in one flush at the end, after which the
    # new rows have theirs (``add_to_roster``).
    @property
    def membership_id(self) -> int:
        return self.membership.id

    @property
    def person_id(self) -> int:
        return self.membership.person_id


async def add_to_roster(
    context: Context,
    council: Council,
    line: RosterLine,
    index: RosterIndex,
    *,
    audited: bool = True,
) -> RosterChange:
    """Add or update one person on the roster (audited one by one unless part of a list);
    ``index``: the people and seats the lines ask about (``roster_index_for``), kept up to
    date here. A line of a list is not flushed: the caller writes the whole list in one flush
    before it reads the ids of the changes.

    A person found by name may sit in other councils too: their e-mail (which links chat
    accounts) changes only where ``_email_refusal`` allows; one line alone (``audited``) is
    then refused, a line of a list keeps the old address and says so. Someone of that name
    elsewhere becomes this council's member only when ``_may_adopt`` says so; otherwise a
    new person of the same name is made here (``separate``).
    """
    key = name_key(line.name)
    on_roster = index.members_named(key)
    person = on_roster[0] if len(on_roster) == 1 else None
    separate, refusal = False, None
    known = index.person_by_email(line.email) if line.email else None
    if not on_roster and known is not None and known.name_key == key:
        person = known  # the address on file, with the name: the same person
    elif not on_roster:
        elsewhere = index.people_named(key)
        if len(elsewhere) == 1 and await _may_adopt(context, elsewhere[0], line.email):
            person = elsewhere[0]
        elif len(elsewhere) == 1 and line.email:
            # Most likely meant as that person with a new address: which is theirs to change.
            refusal = await _email_refusal(context, elsewhere[0], line.email, line.name)
        separate = bool(elsewhere) and person is None
    if refusal is not None and audited:
        raise refusal
    if person is None:
        person = people.new_person(
            context.session, full_name=line.name, name_key=key, at=context.now
        )
        index.add_person(person)
    email_kept = refusal is not None
    if line.email and not email_kept and (person.email or "").lower() != line.email:
        refusal = await _email_refusal(context, person, line.email, line.name)
        if refusal is not None and audited:
            raise refusal
        email_kept = refusal is not None
        if not email_kept:
            person.email = line.email
            index.address_changed(person)
    existing = index.seat(person)
    before = membership_state(existing) if existing else None
    membership, created = people.seat(
        context.session,
        existing,
        council_id=council.id,
        person=person,
        role=line.role,
        other_roles=line.also,
        note=line.note,
        at=context.now,
    )
    index.add_seat(person, membership)
    if audited:
        await context.session.flush()
        await context.audit(
            "add" if created else "update",
            "membership",
            membership.id,
            council_id=council.id,
            before=before,
            after=replace(membership_state(membership), name=person.full_name),
        )
    return RosterChange(membership, created, before, email_kept, separate)


#: lines of a list written per flush: a flush of a thousand new rows at once holds the event
#: loop ~100 ms (SQLAlchemy's unit of work is plain Python); a hundred, a few milliseconds
ROSTER_FLUSH_LINES = 100


async def add_all_to_roster(
    context: Context, council: Council, lines: list[RosterLine]
) -> list[RosterChange]:
    """``add_to_roster`` for each line of a list, unaudited (the caller audits the list): read
    in three statements, written a hundred lines at a time, the loop given turns between."""
    index = await roster_index_for(context, council, lines)
    changes = []
    pacer = Pacer()
    for number, line in enumerate(lines, 1):
        changes.append(await add_to_roster(context, council, line, index, audited=False))
        if number % ROSTER_FLUSH_LINES == 0:
            await context.session.flush()
        await pacer.pause()
    await context.session.flush()  # the last lines; every change has its ids now
    return changes


async def roster_index_for(
    context: Context, council: Council, lines: list[RosterLine]
) -> RosterIndex:
    """What ``add_to_roster`` asks about these lines, read at once."""
    return await roster_index(
        context.session,
        council.id,
        (name_key(line.name) for line in lines),
        (line.email for line in lines if line.email),
    )


async def _may_adopt(context: Context, person: Person, email: str | None) -> bool:
    """Whether a person found by name in other councils may become a member here as they are.

    Their e-mail address links chat accounts to them, so it must be one this council's
    officer can vouch for: none on file, or set in councils the sender is an officer of, or
    the very address the sender writes (then it is the same person). Otherwise an officer
    elsewhere could have put his own address on "Nora" before she is added here as chair.
    (Chat accounts already linked come along, as ``iam`` would link them here too.)
    """
    if not person.email or (email and person.email.lower() == email):
        return True
    actor_id = context.person.id if context.person else None
    return not await people.councils_not_governed_by(
        context.session, person.id, actor_id, trusted_in=context.trusted_council_ids
    )


async def _email_refusal(context: Context, person: Person, email: str, name: str) -> Problem | None:
    """Why ``email`` may not go on ``person`` here, or None.

    An address already on someone else would link one chat account to two people; and a
    person who also sits in a council the sender is no officer of keeps the address that
    council knows. The refusal names who may change it, never the address.
    """
    others = await people.others_with_email(context.session, email, person.id)
    if others:
        theirs = await people.councils_not_governed_by(context.session, others[0].id, None)
        if not theirs:
            return context.problem("member.email_taken_nowhere", name=name)
        current = context.council.id if context.council else None
        here = next((c for c in theirs if c.id == current), theirs[0])
        return context.problem(
            "member.email_taken",
            name=name,
            council=here.short_name,
            officers=await officers_text(context, here.id),
        )
    try:
        await refuse_unless_officer_everywhere(context, person, "member.email_elsewhere")
    except Problem as refused:
        return refused
    return None


@command(
    "member.add",
    "member add",
    "medlem lägg till",
    "lägg till medlem",
    "ny medlem",
    needs=Needs.OFFICER,
    sv="ny medlem",
    en="member add",
    group=Group.COUNCIL,
)
async def add_member(context: Context, args: str) -> Reply:
    """``member add NAME[, ROLE][, e-mail]`` — the e-mail links the person's Slack account."""
    council = context.require_council()
    args, email = take_addresses(args)
    name, *rest = (part.strip(" *_/;:|") for part in args.split(","))
    roles = read_role_list(context, rest, usage="usage.member.add") or (Role.MEMBER,)
    found = roster_lines(read_participants([name]))
    if len(found) != 1:
        raise context.problem("problem.missing_name", usage="usage.member.add")
    line = RosterLine(found[0].name, roles[0], None, email, roles[1:])
    change = await add_to_roster(
        context, council, line, await roster_index_for(context, council, [line])
    )
    await replan_open_rounds(context.session, council.id, context.now)
    key = "member.added" if change.created else "member.updated"
    return Reply(
        title=context.t(key, name=found[0].name, role=roles_text(context.t, roles)),
        lines=(context.t("members.separate", names=found[0].name),) if change.separate else (),
        tone=Tone.OK,
    )


@command(
    "members.add",
    "members add",
    "medlemmar lägg till",
    "lägg till medlemmar",
    "nya medlemmar",
    needs=Needs.OFFICER,
    paste=True,
    sv="medlemmar lägg till",
    en="members add",
    group=Group.COUNCIL,
)
async def add_members(context: Context, args: str) -> Reply:
    council = context.require_council()
    # ~50 ms for the 1,000 lines a paste may hold: read beside the event loop, not on it
    reading = await asyncio.to_thread(read_participants, args.split("\n"))
    found = roster_lines(reading)
    if not found:
        raise context.problem("members.none_found", usage="usage.members.add")
    changes = await add_all_to_roster(context, council, found)
    added = sum(change.created for change in changes)
    # One entry for the whole list, so that `ångra` takes the whole list back.
    await context.audit(
        "add",
        "membership_batch",
        None,
        council_id=council.id,
        after=BatchRecord(
            name=", ".join(line.name for line in found),
            count=len(found),
            membership_ids=tuple(c.membership_id for c in changes if c.created),
            updated=tuple(replace(c.before, id=c.membership_id) for c in changes if c.before),
        ),
    )
    await replan_open_rounds(context.session, council.id, context.now)
    lines = [
        context.t(
            "members.added",
            added=context.tn("members.added_new", added),
            updated=context.tn("members.added_updated", len(found) - added),
        )
    ]
    kept = [line.name for line, change in zip(found, changes, strict=True) if change.email_kept]
    if kept:
        lines.append(context.t("members.email_kept", names=", ".join(kept)))
    separate = [line.name for line, change in zip(found, changes, strict=True) if change.separate]
    if separate:
        lines.append(context.t("members.separate", names=", ".join(separate)))
    lines.extend(_unread_lines(context, reading))
    # The first names only: a pasted list of hundreds would not fit one card.
    items = tuple(
        Item(line.name, roles_text(context.t, line.roles), flag=without_addresses(line.note))
        for line in found[:PAGE_ITEMS]
    )
    more = len(found) - len(items)
    return Reply(
        title=context.t("members.added_title"),
        lines=tuple(lines),
        items=items,
        footer=context.t("list.more", count=more) if more else None,
        tone=Tone.OK,
    )


#: Lines of a paste named in the reply, per kind (headings, not understood); then a count.
_NAMED_LINES = 5


def _unread_lines(context: Context, reading: ParticipantReading) -> list[str]:
    """The reply's lines on the headings seen and the lines not understood (with why)."""
    lines = []
    headings = [heading.text for heading in reading.headings]
    if headings:
        lines.append(context.t("members.headings", lines=_some(context, headings)))
    unread = [
        f"{item.text} ({context.t(f'members.why.{item.why}')})" for item in reading.not_understood
    ]
    if unread:
        lines.append(context.t("members.skipped", lines=_some(context, unread)))
    return lines


def _some(context: Context, texts: list[str]) -> str:
    shown = "; ".join(texts[:_NAMED_LINES])
    more = len(texts) - _NAMED_LINES
    return shown + (" " + context.t("members.and_more", count=more) if more > 0 else "")


@command(
    "members.list",
    "members",
    "medlemmar",
    "ledamöter",
    "roster",
    needs=Needs.COUNCIL,
    sv="medlemmar",
    en="members",
    group=Group.COUNCIL,
)
async def list_members(context: Context, args: str) -> Reply:
    council = context.require_council()
    lines = await people.roster_lines(context.session, council.id)
    roles = [line.roles for line in lines]  # a property that builds a tuple each time
    order = sorted(range(len(lines)), key=lambda i: ROLE_ORDER.index(ranked(roles[i])[0]))
    if not lines:
        return Reply(title=context.t("members.empty", council=council.name))
    title = context.t("members.title", council=council.name, count=len(lines))
    if len(lines) <= ROSTER_AS_ITEMS:
        items = tuple(
            Item(
                lines[i].full_name,
                roles_text(context.t, roles[i]),
                flag=without_addresses(lines[i].note),
            )
            for i in order
        )
        return Reply(title=title, items=items)
    # A big roster: one line per role, so the message stays readable (and within Teams'
    # size limit).
    by_role = []
    for role in ROLE_ORDER:
        names = [lines[i].full_name for i in order if role in roles[i]]
        if names:
            label = context.t(f"role.{role.value}")
            by_role.append(f"{bold(label)} ({len(names)}): {', '.join(names)}")
    return Reply(title=title, lines=tuple(by_role))


#: Up to this many members, the roster is a list of people with their roles.
ROSTER_AS_ITEMS = 40


@undoes("add", "membership_batch")
async def _take_back_roster(context: Context, event: AuditEvent) -> bool:
    """A pasted roster's new members leave again; those it changed get their roles back."""
    await undo_memberships(context, event)
    return True


@undoes("add", "membership")
@undoes("update", "membership")
async def _take_back_membership(context: Context, event: AuditEvent) -> bool:
    """A member added is removed again; a role changed gets its old role back."""
    membership = await context.session.get(Membership, event.subject_id)
    if membership is None or membership.council_id != event.council_id:
        return False
    if event.verb == "add":
        await context.session.delete(membership)
        await context.session.flush()
        return True
    before = read_record(MembershipRecord, event.before)
    if before is None or before.role is None:
        return False
    restore_membership(membership, before)
    return True


@undoes("update", "council")
async def _take_back_hours(context: Context, event: AuditEvent) -> bool:
    """The council's meeting hours (or its language) are back as they were."""
    before = read_record(CouncilRecord, event.before)
    council = await context.session.get(Council, event.subject_id)
    if council is not None and before is not None and before.language is not None:
        council.language = before.language or None
        return True
    if council is None or before is None or not before.meeting_start or not before.meeting_end:
        return False
    council.meeting_start = before.meeting_start
    council.meeting_end = before.meeting_end
    return True
