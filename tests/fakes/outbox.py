"""A big council for the outbox tests: many people, each with a personal Teams chat."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.text.folding import name_key
from store import councils, people
from store.models import Council, Person, Role


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
