"""Keeping the reminder outbox in step with every change, inside the same transaction.

Handlers call these after they change a meeting, an action, a round or a dated item; the
policy (``dialogs.reminders.policy``) says what should exist, ``store.reminders`` makes it so.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from dialogs.reminders import policy
from store import nominations, reminders
from store import reminder_inputs as inputs
from store.db import Session, get
from store.models import (
    Action,
    ActionStatus,
    Council,
    DatedItem,
    Meeting,
    MeetingStatus,
    NominationRound,
    RoundStatus,
)

MEETING_CHANNEL_KINDS = ("meeting.agenda_call", "meeting.details")
MEETING_OWNER_KINDS = ("meeting.your_actions",)
#: The summary after closing is planned by ``round_closing`` and left alone here.
ROUND_REMINDER_KINDS = ("round.closing", "round.nudge")


async def _policy(session: Session, council_id: int) -> policy.CouncilPolicy:
    stored = await inputs.council_reminder_settings(session, council_id)
    return policy.CouncilPolicy.from_stored(stored)


async def _owners(session: Session, person_ids: Collection[int]) -> list[policy.Owner]:
    return [
        policy.Owner(person_id, policy.PersonalChoice.from_stored(prefs))
        for person_id, prefs in await inputs.personal_choices(session, person_ids)
    ]


async def replan_meeting(session: Session, meeting: Meeting, now: datetime) -> None:
    """The channel reminders of a meeting and the personal ones of its action owners."""
    if meeting.status != MeetingStatus.PLANNED:
        await reminders.cancel_all(session, "meeting", meeting.id)
        return
    council_policy = await _policy(session, meeting.council_id)
    await reminders.replan(
        session,
        council_id=meeting.council_id,
        subject_type="meeting",
        subject_id=meeting.id,
        planned=policy.plan_meeting(meeting.starts_at, council_policy, now),
        now=now,
        kinds=MEETING_CHANNEL_KINDS,
    )
    await _replan_meeting_owners(session, meeting, now)


async def _replan_meeting_owners(session: Session, meeting: Meeting, now: datetime) -> None:
    """The personal reminders of a planned meeting's action owners: all that an action due
    at the meeting changes (the channel's depend on the meeting alone)."""
    owner_ids = await inputs.owners_due_at_meeting(session, meeting.id)
    await reminders.replan(
        session,
        council_id=meeting.council_id,
        subject_type="meeting",
        subject_id=meeting.id,
        planned=policy.plan_meeting_owners(
            meeting.starts_at,
            await _owners(session, owner_ids),
            now,
            snoozed=await reminders.snoozed_until(session, "meeting", meeting.id, now=now),
        ),
        now=now,
        kinds=MEETING_OWNER_KINDS,
    )


async def replan_action(session: Session, action: Action, now: datetime) -> None:
    """Deadline reminders for an open action; none once it is done. Meeting-bound actions
    are reminded with their meeting instead."""
    await replan_actions(session, [action], now)


async def replan_actions(session: Session, actions: Sequence[Action], now: datetime) -> None:
    """``replan_action`` for many actions at once (those just saved from minutes): each
    meeting they are due at replanned once, and the owners, their choices, the snoozes and
    the reminders of the others read for all of them in one statement each."""
    if not actions:
        return
    meeting_ids = {a.due_meeting_id for a in actions if a.due_meeting_id is not None}
    for meeting_id in sorted(meeting_ids):
        meeting = await get(session, Meeting, meeting_id)
        if meeting is not None and meeting.status == MeetingStatus.PLANNED:
            await _replan_meeting_owners(session, meeting, now)
        elif meeting is not None:
            await replan_meeting(session, meeting, now)
    dated = [
        a
        for a in actions
        if a.status == ActionStatus.OPEN and a.due_at is not None and not a.due_meeting_id
    ]
    ids = [a.id for a in dated]
    await reminders.cancel_all_of(session, "action", {a.id for a in actions} - set(ids))
    if not dated:
        return
    owners = await inputs.owners_of_actions(session, ids)
    choices = {
        o.person_id: o
        for o in await _owners(session, set().union(*(people for people, _ in owners.values())))
    }
    snoozed = await reminders.snoozed_until_of(session, "action", ids, now=now)
    council_ids = {a.council_id for a in dated}
    council_policies = {c: await _policy(session, c) for c in council_ids}
    planned = {}
    for action in dated:
        due_at = action.due_at
        if due_at is None:  # not so: ``dated`` has a deadline
            continue
        person_ids, kept_as_written = owners[action.id]
        planned[action.id] = policy.plan_deadline(
            due_at,
            council_policies[action.council_id],
            now,
            owners=[choices[p] for p in sorted(person_ids) if p in choices],
            in_channel=action.for_everyone or kept_as_written,
            has_time=action.due_has_time,
            snoozed=snoozed[action.id],
        )
    for council_id in council_ids:
        await reminders.replan_many(
            session,
            council_id=council_id,
            subject_type="action",
            planned={a.id: planned[a.id] for a in dated if a.council_id == council_id},
            now=now,
        )


async def replan_dated_item(session: Session, item: DatedItem, now: datetime) -> None:
    if item.cancelled:
        await reminders.cancel_all(session, "dated_item", item.id)
        return
    await reminders.replan(
        session,
        council_id=item.council_id,
        subject_type="dated_item",
        subject_id=item.id,
        planned=policy.plan_deadline(
            item.due_at,
            await _policy(session, item.council_id),
            now,
            in_channel=True,
            has_time=item.due_has_time,
        ),
        now=now,
    )


async def replan_round(session: Session, nomination_round: NominationRound, now: datetime) -> None:
    """Channel reminders before the round closes, and the personal nudge to every member."""
    if nomination_round.status != RoundStatus.OPEN or nomination_round.deadline_at is None:
        await reminders.cancel_all(
            session, "round", nomination_round.id, kinds=ROUND_REMINDER_KINDS
        )
        return
    council_policy = await _policy(session, nomination_round.council_id)
    member_ids = await inputs.voting_member_ids(session, nomination_round.council_id)
    planned = policy.plan_round(nomination_round.deadline_at, council_policy, now)
    planned += policy.plan_round_nudges(
        nomination_round.deadline_at, council_policy, await _owners(session, member_ids), now
    )
    await reminders.replan(
        session,
        council_id=nomination_round.council_id,
        subject_type="round",
        subject_id=nomination_round.id,
        planned=planned,
        now=now,
        kinds=ROUND_REMINDER_KINDS,
    )


async def replan_open_rounds(session: Session, council_id: int, now: datetime) -> None:
    """After the roster changes: the open rounds' nudges, so newcomers get theirs too."""
    for nomination_round in await nominations.rounds_of(session, council_id, only_open=True):
        await replan_round(session, nomination_round, now)


async def ensure_digest(session: Session, council: Council, now: datetime) -> None:
    """Keep next Monday's overdue digest of a council planned (or none, if switched off)."""
    if not policy.CouncilPolicy.from_stored(council.reminder_settings).weekly_digest:
        await reminders.cancel_all(session, "council", council.id, kinds=("overdue_digest",))
        return
    await reminders.replan(
        session,
        council_id=council.id,
        subject_type="council",
        subject_id=council.id,
        planned=[policy.Planned("overdue_digest", policy.CHANNEL, policy.next_digest(now))],
        now=now,
        kinds=("overdue_digest",),
        keep_others=True,  # a digest already due but not yet sent must still go out
    )


async def replan_all(session: Session, council: Council, now: datetime) -> None:
    """After a change of policy or of someone's choices: every coming item of the council."""
    for meeting in await inputs.coming_meetings(session, council.id, now):
        await replan_meeting(session, meeting, now)
    for action in await inputs.open_actions_with_deadline(session, council.id, now):
        await replan_action(session, action, now)
    for item in await inputs.coming_dated_items(session, council.id, now):
        await replan_dated_item(session, item, now)
    for nomination_round in await nominations.rounds_of(session, council.id, only_open=True):
        await replan_round(session, nomination_round, now)
    await ensure_digest(session, council, now)
