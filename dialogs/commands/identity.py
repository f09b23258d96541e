"""Who am I to the bot: ``iam NAME``, ``member link NAME @mention`` and ``lang sv|en``."""

from __future__ import annotations

from dialogs.change_records import AccountRecord, CouncilRecord
from dialogs.context import Context
from dialogs.model import Reply, Tone
from dialogs.people.officers import refuse_unless_officer_everywhere
from dialogs.people.sender_account import link_sender, unlink_claimants
from dialogs.registry import PERSON, Group, Needs, command
from dialogs.text.folding import fold, name_key
from dialogs.texts import DEFAULT_LANGUAGE, LANGUAGES
from store import people
from store.models import VERIFIED_LINKS, LinkedBy, Person


@command("iam", "iam", "i am", "jag är", "jag heter", sv="jag är", en="iam", group=Group.ACCOUNT)
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
    await _refuse_officer_claim(context, person)
    if await people.has_identity_on(context.session, person.id, incoming.platform):
        raise context.problem("iam.taken", name=person.full_name)
    await link_sender(context.session, incoming, person.id, LinkedBy.IAM)
    await context.audit(
        "iam",
        "person",
        person.id,
        council_id=context.council.id if context.council else None,
        after=AccountRecord(platform=incoming.platform, display_name=incoming.user_name),
    )
    return Reply(title=context.t("iam.linked", name=person.full_name), tone=Tone.OK)


async def _refuse_officer_claim(context: Context, person: Person) -> None:
    """Nobody becomes a secretary, chair or coordinator just by saying so, in any council:
    an officer's account is linked by the e-mail the platform vouches for, or by an officer
    with ``member link`` (the terminal's operator excepted: they hold the database anyway)."""
    if context.incoming.name_is_operator:
        return
    if await people.holds_office(context.session, person.id):
        raise context.problem("iam.officer", name=person.full_name)


@command(
    "member.link",
    "member link",
    "medlem koppla",
    "koppla medlem",
    needs=Needs.OFFICER,
    sv="koppla medlem",
    en="member link",
    group=Group.COUNCIL,
)
async def link_member(context: Context, args: str) -> Reply:
    """``member link NAME @mention``: this chat account is that member (an officer says so)."""
    council = context.require_council()
    accounts = await context.incoming.mentioned()
    if len(accounts) != 1:
        raise context.problem("member.link_mention", usage="usage.member.link")
    account = accounts[0]
    name = _without_mention(args, account.shown)
    if not name:
        raise context.problem("problem.missing_name", usage="usage.member.link")
    candidates = await people.members_named(context.session, council.id, name_key(name))
    if not candidates:
        raise context.problem("member.link_unknown", name=name, council=council.short_name)
    if len(candidates) > 1:
        raise context.problem("iam.ambiguous", name=name)
    person = candidates[0]
    await refuse_unless_officer_everywhere(context, person, "member.link_elsewhere")
    incoming = context.incoming
    linked = await people.sender_link(
        context.session, incoming.platform, incoming.tenant_id, account.user_id
    )
    current = linked[0] if linked else None
    if linked is not None and current is not None and current.id == person.id:
        if linked[1].linked_by in VERIFIED_LINKS:
            return Reply(
                title=context.t("member.link_already", name=person.full_name), tone=Tone.OK
            )
        # Linked by a name alone so far: the officer's word now makes it proof.
    elif current is not None:
        # Moving an account away from its person changes how that person's councils see it.
        await refuse_unless_officer_everywhere(context, current, "member.link_account_taken")
    await people.link_identity(
        context.session,
        platform=incoming.platform,
        tenant_id=incoming.tenant_id,
        user_id=account.user_id,
        display_name=account.name,
        person_id=person.id,
        linked_by=LinkedBy.MEMBER_LINK,
        at=context.now,
        mention_id=account.mention_id,
    )
    # An officer vouches for this account: those that only claimed the name go.
    await unlink_claimants(
        context.session,
        person,
        council,
        actor_id=context.person.id if context.person else None,
        at=context.now,
    )
    await context.audit(
        "link",
        "person",
        person.id,
        council_id=council.id,
        after=AccountRecord(name=person.full_name, platform=incoming.platform),
    )
    return Reply(
        title=context.t("member.linked", name=person.full_name, account=account.shown),
        tone=Tone.OK,
    )


def _without_mention(args: str, shown: str) -> str:
    """The name typed before (or after) the @mention: ``Maja Berndes @Maja B`` → ``Maja Berndes``."""
    at = args.casefold().rfind(shown.casefold()) if shown else -1
    rest = args[:at] + args[at + len(shown) :] if at >= 0 else args
    return " ".join(rest.replace("@", " ").split()).strip(" ,:")


@command(
    "lang", "lang", "language", "språk", needs=PERSON, sv="språk", en="lang", group=Group.ACCOUNT
)
async def set_language(context: Context, args: str) -> Reply:
    """Switch the sender's replies to Swedish or English; ``språk rådet en`` (officers) sets
    the council's language: its channel's reminders and the replies of those who chose none."""
    first, _, rest = args.strip().partition(" ")
    if fold(first) in _COUNCIL_WORDS:
        return await _set_council_language(context, rest)
    person = context.require_person()
    lang = _wanted_language(context, args)
    person.language = lang
    context.lang = lang
    return Reply(title=context.t("lang.set"), tone=Tone.OK)


#: ``språk rådet en``, ``lang council en``
_COUNCIL_WORDS = frozenset({"radet", "rad", "council"})
_ALIASES = {"sv": "sv", "sw": "sv", "en": "en", "sve": "sv", "eng": "en"}


def _wanted_language(context: Context, args: str) -> str:
    lang = _ALIASES.get(fold(args)[:2] if args else "")
    if lang is None or lang not in LANGUAGES:
        raise context.problem("lang.unknown", usage="usage.lang")
    return lang


async def _set_council_language(context: Context, args: str) -> Reply:
    council = context.require_council()
    if not args.strip():
        chosen = council.language or DEFAULT_LANGUAGE
        return Reply(
            title=context.t(
                "lang.council_is",
                council=council.short_name,
                language=context.t(f"lang.name.{chosen}"),
            ),
            lines=(context.t("lang.council_how"),),
        )
    if context.membership is None:
        raise context.problem("problem.not_member", council=council.short_name)
    if not context.is_officer:
        raise context.officers_only()
    lang = _wanted_language(context, args)
    before = CouncilRecord(language=council.language or "")
    council.language = lang
    await context.audit_council_change(
        council, before, CouncilRecord(language=lang, name=council.short_name)
    )
    return Reply(
        title=context.t(
            "lang.council_set", council=council.short_name, language=context.t(f"lang.name.{lang}")
        ),
        tone=Tone.OK,
    )
