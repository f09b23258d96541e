"""Nomination rounds: ``nomination open``, ``nominate``, ``nominations``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from dialogs.change_records import NominationRecord, RoundRecord
from dialogs.context import Context, Problem
from dialogs.dates.deadlines import has_passed
from dialogs.dates.reading import parse_when
from dialogs.dates.workdays import next_sending_time
from dialogs.dates.writing import format_moment
from dialogs.model import ConversationKind, Item, Reply, Tone
from dialogs.nomination_views import how_to_nominate, nomination_items, round_heading
from dialogs.people.names import resolve_name
from dialogs.registry import Group, Needs, command
from dialogs.reminders.plans import replan_round
from dialogs.reminders.policy import CHANNEL, Planned
from dialogs.reminders.round_closing import close_round
from dialogs.text.folding import fold, name_key
from dialogs.text.incoming import read_id
from store import meetings, nominations, people, reminders
from store.models import NominationRound, Person, Role, RoundStatus

#: The keywords of ``nomination open``, in either order after the target.
_OPEN_CLAUSE = re.compile(
    r"(?:^|\s+)(?:(?P<roles>roles|roller|roll)|"
    r"(?P<deadline>deadline|senast|sista dag|stänger|closes))(?=\s|$)",
    re.IGNORECASE,
)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|&|\boch\b|\bsamt\b|\band\b)\s*", re.IGNORECASE)


def _open_form(head: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """The target of ``nomination open`` and its clauses: kind → (keyword as written, text).

    The first ``roles`` and the first ``deadline`` keyword count, whichever comes first.
    """
    first: dict[str, re.Match[str]] = {}
    for found in _OPEN_CLAUSE.finditer(head):
        assert found.lastgroup is not None
        first.setdefault(found.lastgroup, found)
    ordered = sorted(first.values(), key=lambda m: m.start())
    target = head[: ordered[0].start()] if ordered else head
    clauses = {}
    for n, found in enumerate(ordered):
        assert found.lastgroup is not None
        end = ordered[n + 1].start() if n + 1 < len(ordered) else len(head)
        clauses[found.lastgroup] = (found[found.lastgroup], head[found.end() : end].strip())
    return " ".join(target.split()), clauses


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
    sv="öppna nominering",
    en="nomination open",
    group=Group.NOMINATIONS,
)
async def open_round(context: Context, args: str) -> Reply:
    council = context.require_council()
    head, _, description = args.partition(":")
    target, clauses = _open_form(head.strip())
    if not target:
        raise context.problem("round.bad_form", usage="usage.nomination.open")
    for kind, (keyword, written) in clauses.items():
        if not written:
            raise context.problem(f"round.no_{kind}", word=keyword, usage="usage.nomination.open")
    roles_text = clauses.get("roles", ("", ""))[1]
    roles = [r.strip() for r in re.split(r"\s*,\s*|\s+(?:och|and)\s+", roles_text) if r.strip()]
    deadline = None
    if "deadline" in clauses:
        deadline_text = clauses["deadline"][1]
        starts = await meetings.meeting_starts(context.session, council.id)
        deadline = parse_when(deadline_text, now=context.now, meetings=starts)
        if deadline is None:
            raise context.problem(
                "round.bad_deadline", text=deadline_text, usage="usage.nomination.open"
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
    await context.audit(
        "open",
        "nomination_round",
        nomination_round.id,
        council_id=council.id,
        after=RoundRecord(
            target=target, roles=tuple(roles), deadline=deadline.start if deadline else None
        ),
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
    lines.append(how_to_nominate(context.lang, target, roles))
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


#: The same role in other words (English, definite or plural forms), folded: "chair" is the
#: "ordförande" of a round, "representanter" its "representant".
_SAME_ROLE = {
    **dict.fromkeys(
        ("chair", "chairperson", "chairman", "chairwoman", "ordforanden"), "ordforande"
    ),
    **dict.fromkeys(("vice chair", "deputy chair", "vice ordforanden"), "vice ordforande"),
    **dict.fromkeys(("coordinator", "koordinatorn", "samordnare"), "koordinator"),
    **dict.fromkeys(("secretary", "sekreteraren"), "sekreterare"),
    **dict.fromkeys(("representative", "representanten", "representanter"), "representant"),
    **dict.fromkeys(("member", "ledamoten", "ledamoter"), "ledamot"),
    **dict.fromkeys(("author", "forfattaren"), "forfattare"),
    **dict.fromkeys(("deputy", "substitute", "alternate", "ersattaren"), "ersattare"),
}


def _same_role(words: list[str]) -> str:
    joined = " ".join(words)
    return _SAME_ROLE.get(joined, joined)


def _role_at(nomination_round: NominationRound, words: list[str]) -> tuple[str, int] | None:
    """The round's role the words start with: as written, or in other words ("chair")."""
    for role in sorted(nomination_round.roles, key=lambda r: -len(_words(r))):
        role_words = _words(role)
        if words[: len(role_words)] == role_words:
            return role, len(role_words)
    for role in nomination_round.roles:
        wanted = _same_role(_words(role))
        for count in (3, 2, 1):
            if len(words) >= count and _same_role(words[:count]) == wanted:
                return role, count
    return None


_NONE_WORDS = frozenset({"ingen", "inga", "none", "nobody", "ingen nominering"})

#: Ways of nominating oneself, folded.
_SELF_WORDS = frozenset({"jag", "jag sjalv", "mig", "mig sjalv", "sjalv", "me", "myself"})

#: Words that name a role in a group (folded, hyphens as spaces). One of these where the
#: round has no such role is a mistaken role, never the start of a name.
_ROLE_WORDS = frozenset(
    {
        *("ordforande", "ordforanden", "vice ordforande", "vice ordforanden", "viceordforande"),
        *("koordinator", "koordinatorn", "koordinatorer", "samordnare", "sammankallande"),
        *("sekreterare", "sekreteraren", "kassor", "kassoren"),
        *("representant", "representanten", "representanter"),
        *("ledamot", "ledamoten", "ledamoter", "medlem", "medlemmar", "adjungerad"),
        *("ersattare", "ersattaren", "suppleant", "suppleanter"),
        *("forfattare", "forfattaren", "medforfattare", "huvudforfattare"),
        *("projektledare", "processledare", "styrgrupp"),
        *("chair", "chairman", "chairwoman", "chairperson", "vice chair", "deputy chair"),
        *("coordinator", "convener", "secretary", "treasurer", "representative"),
        *("member", "co opted", "deputy", "substitute", "alternate"),
        *("author", "co author", "lead author", "project lead", "project leader"),
    }
)


def _role_word_at(words: list[str]) -> int:
    """How many of the first words name a role (any role, not only the round's); 0 if none."""
    for count in (3, 2, 1):
        if len(words) >= count and " ".join(words[:count]) in _ROLE_WORDS:
            return count
    return 0


def _first_words(text: str, count: int) -> str:
    """The first ``count`` words of ``text`` as written, counted as ``_words`` counts them."""
    tokens = list(_TOKEN.finditer(text))
    return text[: tokens[min(count, len(tokens)) - 1].end()].strip() if tokens else ""


def _role_and_rest(
    context: Context, nomination_round: NominationRound, text: str, *, form: str
) -> tuple[str, str]:
    """The role the text starts with (or the round's only role) and the text after it.

    A role word the round does not have is refused, with the round's roles, rather than
    taken as the start of a name. ``form`` is the text key of the command's form, shown
    filled in for this round when the role is wrong.
    """
    words = _words(text)
    found = _role_at(nomination_round, words)
    if found is not None:
        role, used = found
        return role, _after_words(text, used)
    roles = nomination_round.roles
    example = context.t(form, target=nomination_round.target, role=roles[0] if roles else "")
    hint = context.t("hint.usage", usage=" ".join(example.split()))
    other = _role_word_at(words)
    if other and roles:
        key = "nominate.not_a_role"
    elif other:
        key = "nominate.no_roles"
    elif len(roles) == 1:
        return roles[0], text
    elif roles:
        key = "nominate.which_role"
    else:
        return "", text
    raise Problem(
        context.t(
            key,
            role=_first_words(text, other),
            target=nomination_round.target,
            roles=", ".join(roles),
        ),
        hint,
    )


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


@dataclass(frozen=True)
class _Nominee:
    full_name: str
    name_key: str


async def _nominee_meant(context: Context, round_id: int, role: str, name: str) -> str:
    """The nominee for ``role`` that ``name`` means ("Karin" for the nominated Karin Berg);
    the name as written when it fits none (the council may choose someone else)."""
    standing = await nominations.nominations_in(context.session, [round_id])
    nominees = {
        n.nominee_key: _Nominee(n.nominee_name, n.nominee_key) for n in standing if n.role == role
    }
    found = resolve_name(name, list(nominees.values()))
    if found.person is not None:
        return found.person.full_name
    if found.kind == "ambiguous":
        raise context.problem(
            "nomination.which_nominee",
            name=name,
            names=", ".join(m.full_name for m in found.matches),
        )
    return name


def _nominee_fields(nominee: Person | None, name: str) -> dict[str, Any]:
    """How a nominee is stored: the member's full name when on the roster, else as written."""
    shown = nominee.full_name if nominee else name
    return {
        "nominee_name": shown,
        "nominee_key": name_key(shown),
        "nominee_person_id": nominee.id if nominee else None,
    }


async def _member_named(context: Context, name: str) -> Person | None:
    """The one council member this name can mean, if exactly one."""
    assert context.council is not None
    on_roster = await people.members_named(context.session, context.council.id, name_key(name))
    return on_roster[0] if len(on_roster) == 1 else None


@command(
    "nominate",
    "nominate",
    "nominera",
    "nominerar",
    needs=Needs.MEMBER,
    sv="nominera",
    en="nominate",
    group=Group.NOMINATIONS,
    teams=7,
    slack="/nominate",
)
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
    role, rest = _role_and_rest(context, nomination_round, rest, form="round.form.nominate")
    names = [n.strip() for n in _NAME_SEPARATORS.split(rest) if n.strip()]
    if not names:
        raise context.problem("problem.missing_name", usage="usage.nominate")
    added, repeated = [], []
    for name in names:
        nominee = person if fold(name) in _SELF_WORDS else await _member_named(context, name)
        nomination, _created, backed_before = await nominations.put_forward(
            context.session,
            round_id=nomination_round.id,
            role=role,
            **_nominee_fields(nominee, name),
            backer_id=person.id,
            motivation=motivation.strip() or None,
            at=context.now,
        )
        if backed_before and not motivation.strip():
            # the same person for the same role from the same member: nothing new to record
            repeated.append(nomination.nominee_name)
            continue
        await context.audit(
            "nominate",
            "nomination",
            nomination.id,
            council_id=council.id,
            after=NominationRecord(
                round=nomination_round.target, role=role, name=nomination.nominee_name
            ),
        )
        added.append(nomination.nominee_name)
    role_text = f" ({role})" if role else ""
    already = (
        context.t(
            "nominate.already",
            names=", ".join(repeated),
            target=nomination_round.target,
            role=role_text,
        )
        if repeated
        else None
    )
    if not added:
        return Reply(title=already or "", tone=Tone.OK)
    return Reply(
        title=context.t(
            "nominate.done", names=", ".join(added), target=nomination_round.target, role=role_text
        ),
        lines=(already,) if already else (),
        tone=Tone.OK,
    )


#: Closed rounds stay in ``nominations`` this long, so the decision can be read there.
RECENTLY_CLOSED = timedelta(days=120)


@command(
    "nominations.list",
    "nominations",
    "nomineringar",
    "nominerade",
    needs=Needs.COUNCIL,
    sv="nomineringar",
    en="nominations",
    group=Group.NOMINATIONS,
    teams=10,
    slack="/nominations",
)
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
    sv="nominering dra tillbaka",
    en="nomination withdraw",
    group=Group.NOMINATIONS,
)
async def withdraw(context: Context, args: str) -> Reply:
    """Take a nomination back: one's own backing, or (the secretary) the whole nomination.

    When the last backer withdraws, the nomination goes; nominating the same person again
    later starts afresh (``store.nominations.put_forward``).
    """
    council = context.require_council()
    person = context.require_person()
    number = read_id(args)
    if number is None:
        raise context.problem("nomination.bad_number", usage="usage.nomination.withdraw")
    nomination = await nominations.nomination_by_id(context.session, number)
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
    # The secretary keeps the list, so only they withdraw others' nominations; the chair
    # and the coordinator nominate like any member.
    is_secretary = (
        context.is_officer
        and context.membership is not None
        and context.membership.holds(Role.SECRETARY)
    )
    if mine is None and not is_secretary:
        raise context.problem("nomination.not_yours", number=number)
    if mine is not None and len(nomination.backers) > 1 and not is_secretary:
        nomination.backers.remove(mine)
        key = "nomination.backing_withdrawn"
    else:
        nomination.withdrawn_at = context.now
        key = "nomination.withdrawn"
    await context.session.flush()
    await context.audit(
        "withdraw",
        "nomination",
        nomination.id,
        council_id=council.id,
        before=NominationRecord(name=nomination.nominee_name, role=nomination.role),
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
    sv="stäng nominering",
    en="nomination close",
    group=Group.NOMINATIONS,
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
    sv="nominering beslut",
    en="nomination decide",
    group=Group.NOMINATIONS,
)
async def decide(context: Context, args: str) -> Reply:
    """Record whom the council chose for a role (closing the round if it was still open)."""
    council = context.require_council()
    person = context.require_person()
    words = _words(args)
    nomination_round, used = await _round_named(context, council.id, words, only_open=False)
    role, rest = _role_and_rest(
        context,
        nomination_round,
        _after_words(args, used),
        form="round.form.decide",
    )
    name = rest.strip()
    if not name:
        raise context.problem("problem.missing_name", usage="usage.nomination.decide")
    if nomination_round.status == RoundStatus.OPEN:
        await close_round(
            context.session, nomination_round, context.now, closed_by_id=person.id, to_channel=False
        )
    name = await _nominee_meant(context, nomination_round.id, role, name)
    nominee = person if fold(name) in _SELF_WORDS else await _member_named(context, name)
    nomination = await nominations.record_choice(
        context.session,
        round_id=nomination_round.id,
        role=role,
        **_nominee_fields(nominee, name),
        at=context.now,
    )
    await context.audit(
        "decide",
        "nomination",
        nomination.id,
        council_id=council.id,
        after=NominationRecord(
            round=nomination_round.target, role=role, name=nomination.nominee_name
        ),
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
