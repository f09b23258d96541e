"""A person's rights over what the bot keeps of them (GDPR, issue 18): ``mina uppgifter`` /
``my data`` (art. 15), ``glöm mig`` / ``forget me`` and ``medlem glöm NAMN`` /
``member forget NAME`` (art. 17).

The data link is a secret link (``store.secret_links``) of the person, given only in their
private chat; each ask closes the earlier ones, and it works for a week.

Forgetting cannot be taken back: it is asked about first, and ``ångra`` refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from dialogs.change_records import PersonRecord, dump
from dialogs.commands.history import FINAL_VERB
from dialogs.commands.links import private_chat
from dialogs.commands.mending import NO_WORDS, YES_WORDS, chosen_member, member_named
from dialogs.context import Context
from dialogs.link_paths import MY_DATA, my_data_path
from dialogs.model import Button, Link, Reply, Tone
from dialogs.people.officers import refuse_unless_officer_everywhere
from dialogs.prompts import ask, done, prompt_handler
from dialogs.registry import PERSON, Group, Needs, command
from dialogs.text.folding import fold, name_key
from dialogs.texts import text
from store import audit, councils, erasure, secret_links
from store.models import Membership, Person

#: A data link works this long: to read and save now, not a standing door.
MY_DATA_VALID = timedelta(days=7)


@command(
    "my_data",
    "my data",
    "mina uppgifter",
    "mina data",
    needs=PERSON,
    sv="mina uppgifter",
    en="my data",
    group=Group.ACCOUNT,
)
async def my_data(context: Context, args: str) -> Reply:
    """A link to everything the bot keeps about the sender, as a page and as JSON."""
    person = context.require_own_data()
    private = await private_chat(context, "mydata.private_only")
    await secret_links.revoke(context.session, MY_DATA, at=context.now, person_id=person.id)
    issued = await secret_links.issue(
        context.session,
        MY_DATA,
        at=context.now,
        person_id=person.id,
        expires_at=context.now + MY_DATA_VALID,
    )
    page = context.public_url + my_data_path(issued.token)
    return Reply(
        title=context.t("mydata.title"),
        lines=(
            context.t("mydata.page", url=page),
            context.t("mydata.json", url=context.public_url + my_data_path(issued.token, "json")),
            context.t("mydata.secret"),
        ),
        links=(Link(context.t("mydata.open"), page),),
        tone=Tone.OK,
        private_to=private.reference if private else None,
        public_note=context.t("mydata.sent_privately") if private else None,
        secret_refusal=context.t("mydata.private_only"),
    )


@dataclass(frozen=True, kw_only=True)
class ConfirmForget:
    """ "Really forget?" before erasing the person ``person_id`` (oneself when ``own``)."""

    person_id: int
    own: bool


def pseudonym_for(person_id: int) -> str:
    """What the council sees of a forgotten person: the same words in every language, as
    it is stored in their place ("Tidigare ledamot 7")."""
    return text("sv", "forget.pseudonym", number=person_id)


async def _ask_confirm(context: Context, question: ConfirmForget, key: str, name: str) -> Reply:
    await ask(context, "forget_confirm", question)
    return Reply(
        title=context.t(key, name=name),
        lines=(context.t("forget.final"),),
        buttons=(Button(context.t("mend.yes"), context.t("mend.yes")),),
        tone=Tone.PROBLEM,
    )


@command(
    "forget.me",
    "forget me",
    "glöm mig",
    "radera mig",
    needs=PERSON,
    sv="glöm mig",
    en="forget me",
    group=Group.ACCOUNT,
)
async def forget_me(context: Context, args: str) -> Reply:
    """The sender's name, e-mail, chat accounts and motivations are erased, once confirmed."""
    person = context.require_own_data()
    question = ConfirmForget(person_id=person.id, own=True)
    return await _ask_confirm(context, question, "forget.confirm_own", person.full_name)


@command(
    "member.forget",
    "member forget",
    "forget member",
    "medlem glöm",
    "glöm medlem",
    needs=Needs.OFFICER,
    sv="medlem glöm",
    en="member forget",
    group=Group.COUNCIL,
)
async def forget_member(context: Context, args: str) -> Reply:
    """``member forget NAME``: an officer of every council the person sits in erases them."""
    council = context.require_council()
    written = args.strip(" ,.;:")
    if not written:
        raise context.problem("problem.missing_name", usage="usage.member.forget")
    found = await member_named(context, council, written, "forget_which", WhichToForget)
    if isinstance(found, Reply):
        return found
    return await _ask_forget_member(context, found.person)


@dataclass(frozen=True)
class WhichToForget:
    """ "Which Karin?" before asking to forget one of the members ``ids``."""

    ids: tuple[int, ...]


@prompt_handler("forget_which", WhichToForget)
async def _answer_which(context: Context, question: WhichToForget, text: str) -> Reply | None:
    chosen = await chosen_member(context, context.require_council(), question.ids, text)
    if not isinstance(chosen, Membership):
        return chosen
    return await _ask_forget_member(context, chosen.person)


async def _ask_forget_member(context: Context, person: Person) -> Reply:
    await refuse_unless_officer_everywhere(context, person, "forget.elsewhere")
    own = context.person is not None and context.person.id == person.id
    question = ConfirmForget(person_id=person.id, own=own)
    return await _ask_confirm(context, question, "forget.confirm_member", person.full_name)


@prompt_handler("forget_confirm", ConfirmForget)
async def _answer_confirm(context: Context, question: ConfirmForget, text: str) -> Reply | None:
    word = fold(text).strip(" .!")
    if word in NO_WORDS:
        await done(context)
        return Reply(title=context.t("prompt.cancelled"), tone=Tone.OK)
    if word not in YES_WORDS:
        return None
    await done(context)
    person = await context.session.get(Person, question.person_id)
    if person is None or person.erased_at is not None:
        return Reply(title=context.t("forget.already"), tone=Tone.OK)
    if question.own:
        context.require_own_data()
    else:
        # The offices may have changed since the question was asked.
        await refuse_unless_officer_everywhere(context, person, "forget.elsewhere")
    return await _forget(context, person, own=question.own)


async def _forget(context: Context, person: Person, *, own: bool) -> Reply:
    name = person.full_name
    actor_id = context.person.id if context.person else None
    council_ids: list[int | None] = [
        c.id for c, _ in await councils.councils_of(context.session, person.id)
    ]
    erased = await erasure.erase_person(
        context.session,
        person.id,
        pseudonym=pseudonym_for(person.id),
        fold=name_key,
        at=context.now,
    )
    for council_id in council_ids or [None]:
        await audit.record(
            context.session,
            council_id=council_id,
            actor_id=actor_id,
            verb=FINAL_VERB,
            subject_type="person",
            subject_id=person.id,
            at=context.now,
            after=dump(PersonRecord(name=erased.pseudonym)),
        )
    if own:
        return Reply(title=context.t("forget.done_own"), tone=Tone.OK)
    return Reply(
        title=context.t("forget.done_member", name=name, pseudonym=erased.pseudonym),
        tone=Tone.OK,
    )
