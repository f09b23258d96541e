"""Who may change what in a council: its secretary, chair and coordinator, named in refusals."""

from __future__ import annotations

from dialogs.context import Context
from store import people
from store.models import OFFICER_ROLES, Person


async def officers_text(context: Context, council_id: int) -> str:
    """ "Carin Skoog (sekreterare), Maja Berndes (ordförande)": who may change anything."""
    officers = [
        f"{m.person.full_name} ({context.t(f'role.{m.role.value}')})"
        for m in await people.roster(context.session, council_id)
        if m.role in OFFICER_ROLES
    ]
    return ", ".join(officers) or "–"


async def refuse_unless_officer_everywhere(
    context: Context, person: Person, key: str, **values: str
) -> None:
    """A change to how councils see ``person`` (their e-mail, their chat accounts) is made only
    by someone who is an officer of every council that person sits in; otherwise the problem
    ``key`` is raised with ``name``, ``council`` (the first other one) and its ``officers``."""
    actor_id = context.person.id if context.person else None
    outside = await people.councils_not_governed_by(
        context.session, person.id, actor_id, trusted_in=context.trusted_council_ids
    )
    if outside and actor_id is not None and not context.link_verified:
        here = await people.membership(context.session, outside[0].id, actor_id)
        if here is not None and here.role in OFFICER_ROLES:
            # An office there is no proof while the account is linked by a name alone.
            raise context.officers_only(here)
    if outside:
        raise context.problem(
            key,
            name=person.full_name,
            council=outside[0].short_name,
            officers=await officers_text(context, outside[0].id),
            **values,
        )
