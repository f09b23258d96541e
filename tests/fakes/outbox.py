"""A big council for the outbox tests: many people, each with a personal Teams chat."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.dates.writing import STOCKHOLM
from dialogs.reminders import policy
from dialogs.text.folding import name_key
from store import councils, people
from store.db import open_engine, session_factory
from store.migrate import upgrade_to_head
from store.models import (
    Action,
    ActionOwner,
    ActionStatus,
    Council,
    Person,
    Reminder,
    ReminderState,
    Role,
)


async def council_with_personal_chats(
    session: AsyncSession, *, size: int, service_url: str, at: datetime
) -> tuple[Council, list[Person]]:
    """SOR Barn with ``size`` members; member ``i`` talks to the bot in ``a:personal-{i}``,
    whose replies go to ``service_url`` (a fake Bot Connector)."""
    council = await councils.create_council(
        session, name="Samordningsråd Barn", short_name="SOR Barn", short_key="sor barn", at=at
    )
    members = []
    for i in range(size):
        name = f"Person {i:03d}"
        person = await people.create_person(session, full_name=name, name_key=name_key(name), at=at)
        await people.add_member(
            session, council_id=council.id, person_id=person.id, role=Role.MEMBER, note=None, at=at
        )
        conversation_id = f"a:personal-{i}"
        await councils.save_conversation(
            session,
            platform="teams",
            conversation_id=conversation_id,
            tenant_id="t",
            kind="personal",
            person_id=person.id,
            at=at,
            reference={
                "activityId": "1",
                "user": {"id": f"29:p{i}", "name": name},
                "bot": {"id": "28:radsbot", "name": "Rådsbot"},
                "conversation": {
                    "id": conversation_id,
                    "conversationType": "personal",
                    "tenantId": "t",
                },
                "channelId": "msteams",
                "serviceUrl": service_url,
            },
        )
        members.append(person)
    return council, members


async def fill_outbox(
    url: str,
    service_url: str,
    *,
    people: int,
    reminders: int,
    at: datetime,
    due: datetime,
    send_at: str,
) -> int:
    """``people`` with a personal chat each, owning ``reminders`` actions due ``due``, their
    deadline reminders planned by the policy; how many are due at ``send_at`` (Stockholm).
    Bulk inserts: what is measured or attacked is the sending."""
    engine = open_engine(url)
    await upgrade_to_head(engine)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        council, members = await council_with_personal_chats(
            session, size=people, service_url=service_url, at=at
        )
        owners = [person.id for person in members]
        action_ids = (
            await session.scalars(
                insert(Action).returning(Action.id),
                [
                    {
                        "council_id": council.id,
                        "number": n + 1,
                        "text": f"Uppgift {n + 1}",
                        "due_at": due,
                        "due_has_time": False,
                        "status": ActionStatus.OPEN,
                        "created_at": at,
                    }
                    for n in range(reminders)
                ],
            )
        ).all()
        owner_of = {aid: owners[n % people] for n, aid in enumerate(action_ids)}
        await session.execute(
            insert(ActionOwner), [{"action_id": a, "person_id": p} for a, p in owner_of.items()]
        )
        rules = policy.CouncilPolicy.from_stored(None)
        rows = [
            {
                "council_id": council.id,
                "subject_type": "action",
                "subject_id": action_id,
                "kind": plan.kind,
                "recipient_key": plan.recipient_key,
                "recipient_person_id": plan.recipient_person_id,
                "due_at": plan.due_at,
                "state": ReminderState.PENDING,
                "attempts": 0,
                "created_at": at,
            }
            for action_id, person_id in owner_of.items()
            for plan in policy.plan_deadline(
                due,
                rules,
                at,
                owners=[policy.Owner(person_id, policy.PersonalChoice.from_stored(None))],
            )
        ]
        await session.execute(insert(Reminder), rows)
    async with sessions() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(Reminder)
            .where(Reminder.due_at <= datetime.fromisoformat(send_at).replace(tzinfo=STOCKHOLM))
        )
    await engine.dispose()
    return int(count or 0)
