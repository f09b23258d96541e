"""Nomination rounds: ``nomination open``, ``nominate``, ``nominations``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from dialogs.context import Context
from dialogs.datefmt import format_moment
from dialogs.dates import parse_when
from dialogs.deadlines import has_passed
from dialogs.folding import fold, name_key
from dialogs.model import ConversationKind, Item, Reply, Tone
from dialogs.nomination_views import nomination_items, round_heading
from dialogs.registry import Needs, command
from dialogs.reminder_plans import replan_round
from dialogs.round_closing import close_round
from scheduler.policy import CHANNEL, Planned
from scheduler.workdays import next_sending_time
from store import audit, meetings, nominations, people, reminders
from store.models import NominationRound, RoundStatus

_OPEN_FORM = re.compile(
    r"^(?P<target>.+?)"
    r"(?:\s+(?:roles|roller|roll)\s+(?P<roles>.+?))?"
    r"(?:\s+(?:deadline|senast|sista dag|stänger|closes)\s+(?P<deadline>.+?))?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\boch\b|\bsamt\b|\band\b)\s*", re.IGNORECASE)


def _deadline(context: Context, nomination_round: NominationRound) -> str:
    assert nomination_round.deadline_at is not None
    return format_moment(
        nomination_round.deadline_at,
        context.lang,
        now=context.now,
        has_time=nomination_round.deadline_has_time,
    )


def _words(text: str) -> list[str]:
    return fold(text.replace("-", " ")).split()


_TOKEN = re.compile(r"[^\s-]+")


def _after_words(text: str, count: int) -> str:
    """``text`` after its first ``count`` words, counted as ``_words`` counts them."""
    if count <= 0:
        return text.strip()
    tokens = list(_TOKEN.finditer(text))
    if count > len(tokens):
        return ""
    return text[tokens[count - 1].end() :].strip(" -")


@command(
    "nomination.open",
    "nomination open",
    "nominering öppna",
    "öppna nominering",
    needs=Needs.OFFICER,
)
async def open_round(context: Context, args: str) -> Reply:
    council = context.require_council()
    head, _, description = args.partition(":")
    form = _OPEN_FORM.match(head.strip())
    if not head.strip() or form is None:
        raise context.problem("round.bad_form", usage="usage.nomination.open")
    target = " ".join(form["target"].split())
    roles = [r.strip() for r in re.split(r"\s*,\s*|\s+och\s+", form["roles"] or "") if r.strip()]
    deadline = None
    if form["deadline"]:
        starts = await meetings.meeting_starts(context.session, council.id)
        deadline = parse_when(form["deadline"], now=context.now, meetings=starts)
        if deadline is None:
            raise context.problem(
                "round.bad_deadline", text=form["deadline"], usage="usage.nomination.open"
            )
        if has_passed(deadline.start, deadline.has_time, context.now):
            raise context.problem(
                "round.deadline_past",
                when=format_moment(deadline.start, context.lang, has_time=deadline.has_time),
            )
    existing = await nominations.rounds_of(context.session, council.id, only_open=True)
    if any(r.target_key == " ".join(_words(target)) for r in existing):
        raise context.problem("round.exists", target=target)
    nomination_round = await nominations.open_round(
        context.session,
        council_id=council.id,
        target=target,
        target_key=" ".join(_words(target)),
        roles=roles,
        description=description.strip() or None,
        deadline_at=deadline.start if deadline else None,
        deadline_has_time=deadline.has_time if deadline else False,
        opened_by_id=context.person.id if context.person else None,
        at=context.now,
    )
    await replan_round(context.session, nomination_round, context.now)
    if context.incoming.conversation_kind == ConversationKind.PERSONAL:
        # Opened from a private chat: the council hears of it in its channel.
        await reminders.replan(
            context.session,
            council_id=council.id,
            subject_type="round",
            subject_id=nomination_round.id,
            planned=[Planned("round.opened", CHANNEL, next_sending_time(context.now))],
            now=context.now,
            kinds=("round.opened",),
        )
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=context.person.id if context.person else None,
        verb="open",
        subject_type="nomination_round",
        subject_id=nomination_round.id,
        at=context.now,
        after={
            "target": target,
            "roles": roles,
            "deadline": deadline.start.isoformat() if deadline else None,
        },
    )
    lines = [context.t("round.roles", roles=", ".join(roles))] if roles else []
    if deadline:
        lines.append(
            context.t(
                "round.deadline",
                when=format_moment(
                    deadline.start, context.lang, now=context.now, has_time=deadline.has_time
                ),
            )
        )
    if nomination_round.description:
        lines.append(nomination_round.description)
    lines.append(
        context.t("round.how", target=target, role=roles[0] if roles else "").replace("  ", " ")
    )
    return Reply(title=context.t("round.opened", target=target), lines=tuple(lines), tone=Tone.OK)


def match_round(
    rounds: Sequence[NominationRound], words: list[str]
) -> tuple[NominationRound, int] | None:
    """The round whose target the text starts with, and how many words it took.

    Loose on purpose: "rpt ths", "RPT-THS" and plain "THS" all find "RPT THS".
    """
    best: tuple[NominationRound, int] | None = None
    for nomination_round in rounds:
        target = nomination_round.target_key.split()
        for skip in range(len(target)):
            tail = target[skip:]
            if words[: len(tail)] == tail and (best is None or len(tail) > best[1]):
                best = (nomination_round, len(tail))
    return best


def _role_at(nomination_round: NominationRound, words: list[str]) -> tuple[str, int] | None:
    for role in sorted(nomination_round.roles, key=lambda r: -len(_words(r))):
        role_words = _words(role)
        if words[: len(role_words)] == role_words:
            return role, len(role_words)
    return None


_NONE_WORDS = frozenset({"ingen", "inga", "none", "nobody", "ingen nominering"})


async def _round_named(
    context: Context, council_id: int, words: list[str], *, only_open: bool
) -> tuple[NominationRound, int]:
    """The round the text starts with; a clear answer listing the open rounds otherwise."""
    rounds = await nominations.rounds_of(context.session, council_id, only_open=only_open)
    found = match_round(rounds, words)
    if found is not None:
        return found
    open_rounds = [r for r in rounds if r.status == RoundStatus.OPEN]
    if not open_rounds:
        raise context.problem("nominate.no_rounds")
    raise context.problem(
        "nominate.unknown_target",
        targets=", ".join(r.target for r in open_rounds),
        usage="usage.nominate",
    )


@command("nominate", "nominate", "nominera", "nominerar", needs=Needs.MEMBER)
async def nominate(context: Context, args: str) -> Reply:
    """Put one or more names forward (yourself too), or answer ``ingen``."""
    council = context.require_council()
    person = context.require_person()
    head, _, motivation = args.partition(":")
    if not head.strip():
        raise context.problem("nominate.bad_form", usage="usage.nominate")
    nomination_round, used = await _round_named(context, council.id, _words(head), only_open=False)
    deadline_passed = has_passed(
        nomination_round.deadline_at, nomination_round.deadline_has_time, context.now
    )
    if deadline_passed or nomination_round.status != RoundStatus.OPEN:
        if deadline_passed or nomination_round.closed_at is None:
            when = _deadline(context, nomination_round)
        else:  # closed by hand before its deadline
            when = format_moment(
                nomination_round.closed_at, context.lang, now=context.now, has_time=False
            )
        raise context.problem("nominate.closed", target=nomination_round.target, when=when)
    rest = _after_words(head, used)
    if fold(rest) in _NONE_WORDS:
        await nominations.abstain(
            context.session, round_id=nomination_round.id, person_id=person.id, at=context.now
        )
        return Reply(
            title=context.t("nominate.none_noted", target=nomination_round.target), tone=Tone.OK
        )
    role = ""
    role_found = _role_at(nomination_round, _words(rest))
    if role_found is not None:
        role, role_used = role_found
        rest = _after_words(rest, role_used)
    elif len(nomination_round.roles) == 1:
        role = nomination_round.roles[0]
    elif nomination_round.roles:
        raise context.problem(
            "nominate.which_role", roles=", ".join(nomination_round.roles), usage="usage.nominate"
        )
    names = [n.strip() for n in _NAME_SEPARATORS.split(rest) if n.strip()]
    if not names:
        raise context.problem("problem.missing_name", usage="usage.nominate")
    added = []
    for name in names:
        on_roster = await people.members_named(context.session, council.id, name_key(name))
        nominee = on_roster[0] if len(on_roster) == 1 else None
        nomination, _created = await nominations.put_forward(
            context.session,
            round_id=nomination_round.id,
            role=role,
            nominee_name=nominee.full_name if nominee else name,
            nominee_key=name_key(name),
            nominee_person_id=nominee.id if nominee else None,
            backer_id=person.id,
            motivation=motivation.strip() or None,
            at=context.now,
        )
        await audit.record(
            context.session,
            council_id=council.id,
            actor_id=person.id,
            verb="nominate",
            subject_type="nomination",
            subject_id=nomination.id,
            at=context.now,
            after={"round": nomination_round.target, "role": role, "name": nomination.nominee_name},
        )
        added.append(nomination.nominee_name)
    role_text = f" ({role})" if role else ""
    return Reply(
        title=context.t(
            "nominate.done", names=", ".join(added), target=nomination_round.target, role=role_text
        ),
        tone=Tone.OK,
    )


#: Closed rounds stay in ``nominations`` this long, so the decision can be read there.
RECENTLY_CLOSED = timedelta(days=120)


@command("nominations.list", "nominations", "nomineringar", "nominerade", needs=Needs.COUNCIL)
async def list_nominations(context: Context, args: str) -> Reply:
    council = context.require_council()
    if args.strip():
        rounds = [(await _round_named(context, council.id, _words(args), only_open=False))[0]]
    else:
        rounds = [
            r
            for r in await nominations.rounds_of(context.session, council.id)
            if r.status == RoundStatus.OPEN
            or (r.closed_at is not None and context.now - r.closed_at < RECENTLY_CLOSED)
        ]
    if not rounds:
        return Reply(title=context.t("nominations.none"))
    standing = await nominations.nominations_in(context.session, [r.id for r in rounds])
    items: list[Item] = []
    for nomination_round in rounds:
        mine = [n for n in standing if n.round_id == nomination_round.id]
        items.append(round_heading(context.lang, nomination_round, len(mine), context.now))
        items += nomination_items(context.lang, mine, nomination_round.roles)
    return Reply(
        title=context.t("nominations.title", council=council.short_name),
        items=tuple(items),
        footer=context.t("nominations.footer"),
    )


@command(
    "nomination.withdraw",
    "nomination withdraw",
    "nominering dra tillbaka",
    "dra tillbaka",
    needs=Needs.MEMBER,
)
async def withdraw(context: Context, args: str) -> Reply:
    """Take a nomination back: one's own backing, or (the secretary) the whole nomination."""
    council = context.require_council()
    person = context.require_person()
    number = args.strip().lstrip("#")
    if not number.isdigit():
        raise context.problem("nomination.bad_number", usage="usage.nomination.withdraw")
    nomination = await nominations.nomination_by_id(context.session, int(number))
    nomination_round = (
        await context.session.get(NominationRound, nomination.round_id) if nomination else None
    )
    if (
        nomination is None
        or nomination_round is None
        or nomination_round.council_id != council.id
        or nomination.withdrawn_at
    ):
        raise context.problem("nomination.unknown", number=number)
    if nomination_round.status != RoundStatus.OPEN:
        raise context.problem("nominate.closed_by_hand", target=nomination_round.target)
    mine = next((b for b in nomination.backers if b.person_id == person.id), None)
    if mine is None and not context.is_officer:
        raise context.problem("nomination.not_yours", number=number)
    if mine is not None and len(nomination.backers) > 1 and not context.is_officer:
        nomination.backers.remove(mine)
        key = "nomination.backing_withdrawn"
    else:
        nomination.withdrawn_at = context.now
        key = "nomination.withdrawn"
    await context.session.flush()
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=person.id,
        verb="withdraw",
        subject_type="nomination",
        subject_id=nomination.id,
        at=context.now,
        before={"name": nomination.nominee_name, "role": nomination.role},
    )
    return Reply(
        title=context.t(key, name=nomination.nominee_name, target=nomination_round.target),
        tone=Tone.OK,
    )


@command(
    "nomination.close",
    "nomination close",
    "nominering stäng",
    "stäng nominering",
    needs=Needs.OFFICER,
)
async def close(context: Context, args: str) -> Reply:
    council = context.require_council()
    nomination_round, _ = await _round_named(context, council.id, _words(args), only_open=True)
    await close_round(
        context.session,
        nomination_round,
        context.now,
        closed_by_id=context.person.id if context.person else None,
        to_channel=context.incoming.conversation_kind == ConversationKind.PERSONAL,
    )
    standing = await nominations.nominations_in(context.session, [nomination_round.id])
    items = (
        round_heading(context.lang, nomination_round, len(standing), context.now),
        *nomination_items(context.lang, standing, nomination_round.roles),
    )
    return Reply(
        title=context.t("round.summary", target=nomination_round.target),
        items=items,
        footer=context.t("round.decide_hint", target=nomination_round.target),
        tone=Tone.OK,
    )


@command(
    "nomination.decide",
    "nomination decide",
    "nominering beslut",
    "beslut nominering",
    needs=Needs.OFFICER,
)
async def decide(context: Context, args: str) -> Reply:
    """Record whom the council chose for a role (closing the round if it was still open)."""
    council = context.require_council()
    person = context.require_person()
    words = _words(args)
    nomination_round, used = await _round_named(context, council.id, words, only_open=False)
    rest = _after_words(args, used)
    role = ""
    role_found = _role_at(nomination_round, _words(rest))
    if role_found is not None:
        role, role_used = role_found
        rest = _after_words(rest, role_used)
    elif len(nomination_round.roles) > 1:
        raise context.problem(
            "nominate.which_role",
            roles=", ".join(nomination_round.roles),
            usage="usage.nomination.decide",
        )
    elif nomination_round.roles:
        role = nomination_round.roles[0]
    if not rest.strip():
        raise context.problem("problem.missing_name", usage="usage.nomination.decide")
    if nomination_round.status == RoundStatus.OPEN:
        await close_round(
            context.session, nomination_round, context.now, closed_by_id=person.id, to_channel=False
        )
    on_roster = await people.members_named(context.session, council.id, name_key(rest))
    nominee = on_roster[0] if len(on_roster) == 1 else None
    nomination = await nominations.record_choice(
        context.session,
        round_id=nomination_round.id,
        role=role,
        nominee_name=nominee.full_name if nominee else rest.strip(),
        nominee_key=name_key(rest),
        nominee_person_id=nominee.id if nominee else None,
        at=context.now,
    )
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=person.id,
        verb="decide",
        subject_type="nomination",
        subject_id=nomination.id,
        at=context.now,
        after={"round": nomination_round.target, "role": role, "name": nomination.nominee_name},
    )
    role_text = f" ({role})" if role else ""
    return Reply(
        title=context.t(
            "nomination.decided",
            name=nomination.nominee_name,
            target=nomination_round.target,
            role=role_text,
        ),
        tone=Tone.OK,
    )
