"""From an ``Incoming`` to a ``Reply``: find the command, know who asks where, run it once.

Every command runs in one transaction: a ``Problem`` or any other error rolls it back,
so nothing is ever half-written, and the person gets one short answer either way.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass, replace
from functools import partial

from dialogs.context import Context, Problem
from dialogs.model import Button, ConversationKind, Incoming, Reply, Tone
from dialogs.parser import Parsed, parse
from dialogs.people.sender_account import (
    add_conversation,
    link_unknown_sender,
    remember_conversation,
    verify_sender,
)
from dialogs.prompts import answer_pending, tie_choices
from dialogs.registry import PERSON, CommandSpec, Needs, Registry
from dialogs.small_talk import Kind, small_talk
from dialogs.suggestions import Meant, may_use, slip, suggestion, usable_by
from dialogs.text.folding import fold
from dialogs.text.incoming import (
    MAX_MESSAGE_BYTES,
    MAX_PASTE_LINES,
    MAX_TEXT_CHARS,
    clean_incoming,
    message_too_big,
    pasted_lines,
)
from dialogs.texts import language_of_locale, text
from store import councils, people
from store.db import (
    Conflict,
    DatabaseError,
    Session,
    Sessions,
    connection_lost,
    get,
    has_written,
    keep,
    may_save,
)
from store.lengths import ValueTooLong
from store.models import (
    OFFICER_ROLES,
    VERIFIED_LINKS,
    Council,
    LinkedBy,
    Membership,
    PendingPrompt,
    Person,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DialogSettings:
    """What the dialogs are built with: the app factory's registry and the default language."""

    registry: Registry
    default_language: str = "sv"
    #: the start of the links the bot gives out (``RADSBOT_PUBLIC_URL``)
    public_url: str = "http://localhost:3978"


@dataclass(frozen=True)
class _Who:
    """Who asks where, as found (and remembered) before the command runs."""

    person_id: int | None
    council_id: int | None
    #: all the sender's memberships, as (council id, membership id), by the council's name
    seat_ids: tuple[tuple[int, int], ...]
    lang: str
    #: where the sender's account may use its person's office: None everywhere (it is linked
    #: by proof), else only the councils it founded (it is linked by a name alone)
    trusted_council_ids: frozenset[int] | None = frozenset()
    #: the sender holds an office that their account cannot prove
    unproven_office: bool = False
    #: the sender's account is linked to its person by proof, or the person was made for it
    #: (``council create``): it may see and erase that person's data
    link_proved: bool = False
    #: the sender's membership of the council where they ask
    membership_id: int | None = None
    #: the question waiting for the sender's answer where they ask (None: none waits)
    prompt_id: int | None = None


@dataclass(frozen=True)
class Answer:
    """The reply to one message, and the registered name of the command it named (None when
    it named none): what a turn is counted by, never the text."""

    reply: Reply
    command: str | None


async def respond(
    sessions: Sessions,
    incoming: Incoming,
    settings: DialogSettings,
) -> Reply:
    """Answer one message. Never raises: failures become a short, friendly reply."""
    return (await answer(sessions, incoming, settings)).reply


async def answer(sessions: Sessions, incoming: Incoming, settings: DialogSettings) -> Answer:
    """``respond``'s reply with the command the message named, the text parsed once."""
    incoming = clean_incoming(incoming)
    parsed = parse(incoming.text, settings.registry)
    reply = await _respond(sessions, incoming, settings, parsed)
    return Answer(reply, parsed.spec.name if parsed is not None else None)


async def _respond(
    sessions: Sessions, incoming: Incoming, settings: DialogSettings, parsed: Parsed | None
) -> Reply:
    """Who asks where is found first; what that finding changes (a new conversation, a newly
    linked account) is committed on its own, so it is saved even when the command itself is
    refused. The usual message changes nothing there, and its command then runs in the same
    transaction, on the rows already loaded: one transaction, one connection per turn.
    """
    lang = settings.default_language
    try:
        for attempt in range(1, IDENTIFY_ATTEMPTS + 1):
            async with sessions() as session:
                try:
                    who = await _identify(session, incoming, settings, link=False)
                except DatabaseError as error:
                    # Nothing is saved before the identification commits: a connection the
                    # database ended (a restart) under it is asked again on a new one.
                    if attempt == IDENTIFY_ATTEMPTS or not connection_lost(error):
                        raise
                    log.warning("the database connection was lost; asking again")
                    continue
                if who.person_id is None or who.unproven_office or _wants_proof(who, parsed):
                    # Leave the transaction: the platform may be asked about the sender.
                    await session.commit()
                    who = await _find_sender(sessions, incoming, settings, who)
                elif has_written(session):
                    await session.commit()
                lang = who.lang
                size = message_too_big(incoming.text)
                if size is not None:
                    return _too_big(lang, size)
                return await _run_command(session, settings, incoming, who, parsed)
        raise AssertionError("unreachable")
    except _Answered as answered:
        return answered.reply
    except Problem as problem:
        return Reply(
            title=problem.message,
            lines=(problem.hint,) if problem.hint else (),
            tone=Tone.PROBLEM,
        )
    except ValueTooLong as too_long:
        start = " ".join(too_long.value.split())[:40]
        return Reply(
            title=text(lang, "limit.field", start=start, limit=too_long.limit),
            tone=Tone.PROBLEM,
        )
    except Exception:
        # The command's name, never its text: what people write is personal data.
        log.exception("command failed: %s", parsed.spec.name if parsed else "(no command)")
        return Reply(title=text(lang, "problem.internal"), tone=Tone.PROBLEM)


async def _find_sender(
    sessions: Sessions, incoming: Incoming, settings: DialogSettings, who: _Who
) -> _Who:
    """An account not met before is linked when it can be told; an officer linked by a name
    alone is proved, and so is any account linked by a name alone that asks for its person's
    data. Both may ask the platform, outside any transaction."""
    if who.person_id is not None:
        return await _prove_link(sessions, incoming, who)
    email = await _verified_email(incoming)
    try:
        async with sessions() as session, session.begin():
            return await _identify(session, incoming, settings, link=True, email=email)
    except Conflict:
        # Another message of the same account linked it a moment ago.
        async with sessions() as session, session.begin():
            return await _identify(session, incoming, settings, link=False)


#: Commands that show or erase a person's own data: their account must prove that person
#: (``_Who.link_proved``), a claimed name is not enough.
PROOF_NEEDED = frozenset({"my_data", "forget.me"})


def _wants_proof(who: _Who, parsed: Parsed | None) -> bool:
    """The sender asks for their person's data through an account linked by a name alone."""
    return (
        who.person_id is not None
        and not who.link_proved
        and parsed is not None
        and parsed.spec.name in PROOF_NEEDED
    )


#: How often a command that lost a race for a unique value (a new number) is run again.
COMMAND_ATTEMPTS = 3
#: How often the sender is looked for when the database ended the connection under it.
IDENTIFY_ATTEMPTS = 2


async def _run_command(
    session: Session, settings: DialogSettings, incoming: Incoming, who: _Who, parsed: Parsed | None
) -> Reply:
    """The command in a transaction of its own, run again when it lost a race."""
    for attempt in range(1, COMMAND_ATTEMPTS + 1):
        try:
            return await _in_transaction(
                session, _command(session, settings, incoming, who, parsed)
            )
        except Conflict:
            # Two messages took the same new number (``meeting add`` twice at once in one
            # council): this one was rolled back whole, and runs again on fresh data.
            if attempt == COMMAND_ATTEMPTS:
                raise
            log.info("command raced another for a unique value; running it again")
    raise AssertionError("unreachable")


async def _in_transaction(session: Session, command: Awaitable[Reply]) -> Reply:
    """The command itself, in one transaction: all of it is saved, or nothing."""
    try:
        reply = await command
    except BaseException:
        await session.rollback()
        raise
    if may_save(session):
        await session.commit()
    return reply


async def _command(
    session: Session,
    settings: DialogSettings,
    incoming: Incoming,
    who: _Who,
    parsed: Parsed | None,
) -> Reply:
    context = await _load_context(session, settings.registry, incoming, who)
    context.public_url = settings.public_url
    answered = await answer_pending(context, incoming.text)
    if answered is not None:
        return tie_choices(answered, context.asked_prompt)
    if parsed is None:
        return _unknown(context, incoming.text)
    # Whether the text is a slip of a longer command matters only when the command is refused
    # or asks a question: it is worked out then, for the sender as they were before it ran.
    usable, lang = usable_by(context.is_officer), context.lang
    try:
        _check_needs(context, parsed.spec.needs)
        context.needs = parsed.spec.needs
        _check_size(context, parsed.spec, parsed.args)
        reply = await parsed.spec.handler(context, parsed.args)
    except Problem:
        meant = slip(settings.registry, incoming.text, parsed.length, usable, lang)
        if meant is None:
            raise
        # "action mine": a slip of "actions mine", not an action without an owner
        raise _Answered(_not_understood(context, incoming.text, meant)) from None
    if context.asked_prompt is not None:
        meant = slip(settings.registry, incoming.text, parsed.length, usable, lang)
        if meant is not None:
            # the question asked is taken back with the rest of the transaction
            raise _Answered(_not_understood(context, incoming.text, meant))
    return tie_choices(reply, context.asked_prompt)


async def _prove_link(sessions: Sessions, incoming: Incoming, who: _Who) -> _Who:
    """An account linked by a name alone is proved when the platform vouches for the e-mail
    on their roster entry (asked outside any transaction: it may be a request)."""
    email = await _verified_email(incoming)
    if not email or who.person_id is None:
        return who
    async with sessions() as session, session.begin():
        if not await verify_sender(session, incoming, who.person_id, who.council_id, email):
            return who
    return replace(who, trusted_council_ids=None, unproven_office=False, link_proved=True)


async def _identify(
    session: Session,
    incoming: Incoming,
    settings: DialogSettings,
    *,
    link: bool,
    email: str | None = None,
) -> _Who:
    """Who asks where. With ``link``, an account not met before is linked when it can be
    told (see ``link_unknown_sender``)."""
    key = incoming.platform, incoming.tenant_id, incoming.user_id, incoming.conversation_id
    # The conversation and its sender in one statement; a conversation not met before is
    # saved first (unless another turn just did), then read the same way.
    found = await people.conversation_and_sender(session, *key)
    if found is None:
        await add_conversation(session, incoming)
        found = await people.conversation_and_sender(session, *key)
    conversation = await remember_conversation(session, incoming, found[0] if found else None)
    council: Council | None = None
    if conversation.council_id is not None:
        council = await councils.council_by_id(session, conversation.council_id)
    linked = found[1] if found else await people.sender_seats(session, *key)
    if linked is None and link and await link_unknown_sender(session, incoming, council, email):
        linked = await people.sender_seats(session, *key)
    person, account = (linked.person, linked.account) if linked else (None, None)
    seats = linked.seats if linked else []
    prompt = linked.prompt if linked else None
    seat_ids: tuple[tuple[int, int], ...] = ()
    trusted: frozenset[int] | None = frozenset()
    unproven_office = False
    link_proved = False
    seat: Membership | None = None
    if person is not None and account is not None:
        seat_ids = tuple((s.council_id, s.id) for s in seats)
        link_proved = account.linked_by in VERIFIED_LINKS or account.linked_by == LinkedBy.CREATOR
        if account.linked_by in VERIFIED_LINKS:
            trusted = None
        else:
            trusted = frozenset(
                s.council_id for s in seats if s.council.founder_identity_id == account.id
            )
            unproven_office = any(
                s.role in OFFICER_ROLES and s.council_id not in trusted for s in seats
            )
        if incoming.conversation_kind == ConversationKind.PERSONAL:
            if council is not None and all(s.council_id != council.id for s in seats):
                # A personal chat is about the sender's own councils only. The council chosen
                # there with `council use` stays on the conversation: it is no longer theirs
                # once they are removed from it, and a Slack DM between two people is the
                # other person's chat too.
                council = None
            if council is None and len(seats) == 1:
                council = seats[0].council
        if council is not None:
            seat = next((s for s in seats if s.council_id == council.id), None)
    elif incoming.conversation_kind == ConversationKind.PERSONAL:
        council = None  # someone the bot does not know sees no council's data
    # for ``_load_context`` and the command, in this session (a seat holds its council)
    keep(session, person, council, *seats, prompt)
    if incoming.conversation_kind == ConversationKind.PERSONAL:
        # The reference just saved reaches this sender, so the chat is theirs (and nobody's
        # when they are unknown): a Slack DM between two people is shared, and its last
        # speaker's reference must never carry someone else's reminders.
        conversation.person_id = person.id if person is not None else None
    lang = (
        (person.language if person else None)
        or language_of_locale(incoming.locale)
        or _typed_language(incoming.text, settings.registry)
        or (council.language if council else None)
        or settings.default_language
    )
    return _Who(
        person.id if person else None,
        council.id if council else None,
        seat_ids,
        lang,
        trusted_council_ids=trusted,
        unproven_office=unproven_office,
        link_proved=link_proved,
        membership_id=seat.id if seat is not None else None,
        prompt_id=prompt.id if prompt is not None else None,
    )


def _typed_language(raw: str, registry: Registry) -> str | None:
    """The language a command was typed in: ``next meeting`` is English, ``nästa möte``
    Swedish; None for a text that is no command, or a command both languages write alike."""
    parsed = parse(raw, registry)
    return registry.phrase_language(parsed.phrase) if parsed else None


async def _load_context(
    session: Session, registry: Registry, incoming: Incoming, who: _Who
) -> Context:
    context = Context(
        session=session,
        incoming=incoming,
        now=incoming.received_at,
        lang=who.lang,
        registry=registry,
        seat_ids=dict(who.seat_ids),
        trusted_council_ids=who.trusted_council_ids,
        link_proved=who.link_proved,
    )
    # Found by ``_identify`` in this session: no statement, unless it was rolled back since.
    if who.person_id is not None:
        context.person = await get(session, Person, who.person_id)
    if who.council_id is not None:
        context.council = await get(session, Council, who.council_id)
    if who.membership_id is not None:
        context.membership = await get(session, Membership, who.membership_id)
    if who.prompt_id is not None:
        context.waiting_prompt = await get(session, PendingPrompt, who.prompt_id)
    return context


async def _verified_email(incoming: Incoming) -> str | None:
    """The sender's address as the platform vouches for it; None when it will not say."""
    try:
        return await incoming.verified_email()
    except Exception as error:  # a platform hiccup must not stop the message
        log.warning("could not ask the platform for the sender's e-mail: %s", type(error).__name__)
        return None


def _check_needs(context: Context, needs: int) -> None:
    if needs == PERSON or needs >= Needs.MEMBER:
        context.require_person()
    if needs >= Needs.COUNCIL:
        if context.council is None:
            if (
                context.incoming.conversation_kind == ConversationKind.PERSONAL
                and len(context.council_ids) > 1
            ):
                raise context.problem("problem.which_council")
            raise context.problem("problem.no_council")
    if needs >= Needs.MEMBER and context.membership is None:
        assert context.council is not None
        raise context.problem("problem.not_member", council=context.council.short_name)
    if needs >= Needs.OFFICER and not context.is_officer:
        raise context.officers_only()


def _too_big(lang: str, size: int) -> Reply:
    return Reply(
        title=text(lang, "limit.message", size=size, limit=MAX_MESSAGE_BYTES // 1024),
        lines=(text(lang, "limit.message_how"),),
        tone=Tone.PROBLEM,
    )


def _check_size(context: Context, spec: CommandSpec, args: str) -> None:
    """A paste has at most ``MAX_PASTE_LINES`` lines; any other command's text at most
    ``MAX_TEXT_CHARS`` characters (an action, an agenda item, a motivation, a place)."""
    if spec.paste:
        lines = pasted_lines(args)
        if lines > MAX_PASTE_LINES:
            raise context.problem(
                "limit.paste", count=lines, limit=MAX_PASTE_LINES, usage=spec.usage_key
            )
    elif len(args) > MAX_TEXT_CHARS:
        raise context.problem(
            "limit.text", count=len(args), limit=MAX_TEXT_CHARS, usage=spec.usage_key
        )


#: answers to a question, typed when none waits ("avbryt" after it was settled)
_ANSWERS = frozenset({"ok", "ja", "yes", "nej", "no", "avbryt", "cancel", "behall", "keep"})


def _unknown(context: Context, raw: str) -> Reply:
    lang = context.lang
    if raw.strip().lstrip("#").isdigit() or fold(raw).strip(" .!") in _ANSWERS:
        # A choice button pressed, or "ok" typed, after the question was settled or dropped.
        return Reply(title=text(lang, "prompt.stale"), lines=(text(lang, "unknown.help"),))
    kind = small_talk(raw)
    if kind is not None:
        return _small_talk_reply(context, kind)
    usable = partial(may_use, context)
    return _not_understood(context, raw, suggestion(context.registry, raw, usable, lang))


#: what a greeting offers: the two questions members ask most, and help
_FIRST_STEPS = ("actions.mine", "meeting.next", "help")


def _small_talk_reply(context: Context, kind: Kind) -> Reply:
    """ "Hej Lars!" with the commands to start with as buttons, or "Varsågod!"."""
    if kind is Kind.THANKS:
        return Reply(title=context.t("smalltalk.welcome"))
    person = context.person
    first_name = person.full_name.split()[0] if person and person.full_name else ""
    words = [context.registry.spec(name).words(context.lang) for name in _FIRST_STEPS]
    return Reply(
        title=context.t("smalltalk.hello", name=first_name).replace(" !", "!"),
        lines=(context.t("smalltalk.offer", mine=words[0], next=words[1], help=words[2]),),
        buttons=tuple(Button(w, w) for w in words),
    )


def _not_understood(context: Context, raw: str, meant: Meant | None) -> Reply:
    """I don't understand "…", with the command that was meant when one is near, and a
    button that runs it with the words typed after it."""
    said = " ".join(raw.lstrip("/ ").split("\n")[0].split())[:40]
    lines = [context.t("unknown.suggest", phrase=meant.phrase)] if meant else []
    lines.append(context.t("unknown.help"))
    buttons: tuple[Button, ...] = ()
    if meant is not None and meant.command is not None:
        label = meant.command if len(meant.command) <= 40 else meant.command[:39] + "…"
        buttons = (Button(label, meant.command),)
    return Reply(
        title=context.t("unknown.title", said=said or "…"),
        lines=tuple(lines),
        buttons=buttons,
        tone=Tone.PROBLEM,
    )


class _Answered(Exception):
    """Ends a command with this reply, rolling its transaction back."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.title)
        self.reply = reply
