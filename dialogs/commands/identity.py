"""Who am I to the bot: ``iam NAME`` and ``lang sv|en``."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.folding import fold, name_key
from dialogs.model import Reply, Tone
from dialogs.registry import PERSON, command
from dialogs.sender_account import link_sender
from dialogs.texts import LANGUAGES
from store import audit, people
from store.models import OFFICER_ROLES, Person


@command("iam", "iam", "i am", "jag är", "jag heter")
async def i_am(context: Context, args: str) -> Reply:
    """Link the sender's chat account to a name on the roster."""
    if not args:
        raise context.problem("problem.missing_name", usage="usage.iam")
    key = name_key(args)
    if context.council is not None:
        candidates = await people.members_named(context.session, context.council.id, key)
    else:
        candidates = await people.people_named(context.session, key)
    if not candidates:
        raise context.problem("iam.unknown", name=args, usage="usage.iam")
    if len(candidates) > 1:
        raise context.problem("iam.ambiguous", name=args)
    person = candidates[0]
    incoming = context.incoming
    if context.person is not None and context.person.id == person.id:
        return Reply(title=context.t("iam.already", name=person.full_name), tone=Tone.OK)
    if await people.has_identity_on(context.session, person.id, incoming.platform):
        raise context.problem("iam.taken", name=person.full_name)
    await _refuse_officer_claim(context, person)
    await link_sender(context.session, incoming, person.id)
    await audit.record(
        context.session,
        council_id=context.council.id if context.council else None,
        actor_id=person.id,
        verb="iam",
        subject_type="person",
        subject_id=person.id,
        at=context.now,
        after={"platform": incoming.platform, "display_name": incoming.user_name},
    )
    return Reply(title=context.t("iam.linked", name=person.full_name), tone=Tone.OK)


async def _refuse_officer_claim(context: Context, person: Person) -> None:
    """Nobody becomes the secretary or chair just by saying so.

    Claiming an officer's name is allowed only when the chat account's own display name is
    that name, and only where the organisation sets that name (Teams); in Slack, where anyone
    can rename their profile, an officer is linked by the e-mail on the roster instead.
    """
    if context.council is None:
        return
    membership = await people.membership(context.session, context.council.id, person.id)
    if membership is None or membership.role not in OFFICER_ROLES:
        return
    if not context.incoming.name_verified:
        raise context.problem("iam.officer_by_email", name=person.full_name)
    if name_key(context.incoming.user_name or "") != person.name_key:
        raise context.problem("iam.officer", name=person.full_name)


@command("lang", "lang", "language", "språk", needs=PERSON)
async def set_language(context: Context, args: str) -> Reply:
    """Switch the sender's replies to Swedish or English."""
    person = context.require_person()
    wanted = fold(args)[:2] if args else ""
    aliases = {"sv": "sv", "sw": "sv", "en": "en", "sve": "sv", "eng": "en"}
    lang = aliases.get(wanted)
    if lang is None or lang not in LANGUAGES:
        raise context.problem("lang.unknown", usage="usage.lang")
    person.language = lang
    context.lang = lang
    return Reply(title=context.t("lang.set"), tone=Tone.OK)
