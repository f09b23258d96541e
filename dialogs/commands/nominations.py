"""Nomination rounds: ``nomination open``, ``nominate``, ``nominations``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dialogs.context import Context
from dialogs.datefmt import format_moment
from dialogs.deadlines import has_passed
from dialogs.dates import parse_when
from dialogs.folding import fold, name_key
from dialogs.model import Item, Reply, Tone
from dialogs.reminder_plans import replan_round
from dialogs.registry import Needs, command
from store import audit, meetings, nominations, people
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


@command("nomination.open", "nomination open", "nominering öppna", "öppna nominering", needs=Needs.OFFICER)
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
            raise context.problem("round.bad_deadline", text=form["deadline"], usage="usage.nomination.open")
        if has_passed(deadline.start, deadline.has_time, context.now):
            raise context.problem("round.deadline_past", when=format_moment(deadline.start, context.lang, has_time=deadline.has_time))
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
    await audit.record(
        context.session,
        council_id=council.id,
        actor_id=context.person.id if context.person else None,
        verb="open",
        subject_type="nomination_round",
        subject_id=nomination_round.id,
        at=context.now,
        after={"target": target, "roles": roles, "deadline": deadline.start.isoformat() if deadline else None},
    )
    lines = [context.t("round.roles", roles=", ".join(roles))] if roles else []
    if deadline:
        lines.append(context.t("round.deadline", when=format_moment(deadline.start, context.lang, now=context.now, has_time=deadline.has_time)))
    if nomination_round.description:
        lines.append(nomination_round.description)
    lines.append(context.t("round.how", target=target, role=roles[0] if roles else "").replace("  ", " "))
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


@command("nominate", "nominate", "nominera", "nominerar", needs=Needs.MEMBER)
async def nominate(context: Context, args: str) -> Reply:
    council = context.require_council()
    person = context.require_person()
    head, _, motivation = args.partition(":")
    open_rounds = await nominations.rounds_of(context.session, council.id, only_open=True)
    raw_words = head.split()
    found = match_round(open_rounds, _words(head))
    if not head.strip():
        raise context.problem("nominate.bad_form", usage="usage.nominate")
    if found is None:
        if not open_rounds:
            raise context.problem("nominate.no_rounds")
        raise context.problem(
            "nominate.unknown_target",
            targets=", ".join(r.target for r in open_rounds),
            usage="usage.nominate",
        )
    nomination_round, used = found
    if has_passed(nomination_round.deadline_at, nomination_round.deadline_has_time, context.now):
        raise context.problem(
            "nominate.closed", target=nomination_round.target, when=_deadline(context, nomination_round)
        )
    rest_words = _words(" ".join(raw_words[used:]))
    role = ""
    role_found = _role_at(nomination_round, rest_words)
    if role_found is not None:
        role, role_used = role_found
        raw_words = raw_words[:used] + raw_words[used + role_used :]
    elif len(nomination_round.roles) == 1:
        role = nomination_round.roles[0]
    elif nomination_round.roles:
        raise context.problem("nominate.which_role", roles=", ".join(nomination_round.roles), usage="usage.nominate")
    names = [n for n in _NAME_SEPARATORS.split(" ".join(raw_words[used:])) if n.strip()]
    if not names:
        raise context.problem("problem.missing_name", usage="usage.nominate")
    added = []
    for name in names:
        on_roster = await people.members_named(context.session, council.id, name_key(name))
        nominee = on_roster[0] if len(on_roster) == 1 else None
        nomination, created = await nominations.put_forward(
            context.session,
            round_id=nomination_round.id,
            role=role,
            nominee_name=nominee.full_name if nominee else name.strip(),
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
        title=context.t("nominate.done", names=", ".join(added), target=nomination_round.target, role=role_text),
        tone=Tone.OK,
    )


@command("nominations.list", "nominations", "nomineringar", "nominerade", needs=Needs.COUNCIL)
async def list_nominations(context: Context, args: str) -> Reply:
    council = context.require_council()
    rounds = await nominations.rounds_of(context.session, council.id)
    if args.strip():
        found = match_round(rounds, _words(args))
        if found is None:
            raise context.problem("nominate.unknown_target", targets=", ".join(r.target for r in rounds if r.status == RoundStatus.OPEN) or "–")
        rounds = [found[0]]
    else:
        rounds = [r for r in rounds if r.status == RoundStatus.OPEN]
    if not rounds:
        return Reply(title=context.t("nominations.none"))
    standing = await nominations.nominations_in(context.session, [r.id for r in rounds])
    items = []
    for nomination_round in rounds:
        mine = [n for n in standing if n.round_id == nomination_round.id]
        deadline = (
            context.t("round.deadline", when=_deadline(context, nomination_round))
            if nomination_round.deadline_at
            else None
        )
        items.append(Item(nomination_round.target, deadline, flag=context.t("nominations.count", count=len(mine))))
        for nomination in mine:
            backers = ", ".join(b.person.full_name for b in nomination.backers)
            motivations = "; ".join(b.motivation for b in nomination.backers if b.motivation)
            detail = context.t("nominations.by", names=backers)
            if motivations:
                detail += f" — {motivations}"
            label = f"{nomination.role}: {nomination.nominee_name}" if nomination.role else nomination.nominee_name
            items.append(Item(f"  {label}", detail))
    return Reply(title=context.t("nominations.title", council=council.short_name), items=tuple(items))
