"""``ångra`` / ``undo`` takes the sender's last change back; ``log`` shows the audit trail."""

from __future__ import annotations

from dialogs.change_records import Described, read
from dialogs.context import Context
from dialogs.dates.writing import format_moment
from dialogs.model import Item, Reply, Tone
from dialogs.registry import Group, Needs, command
from store import actions, audit, lookup
from store.models import (
    AuditEvent,
    Person,
)

#: A person forgotten (``dialogs.commands.privacy``): never taken back, and ``ångra`` stops there.
FINAL_VERB = "forget"


@command(
    "undo", "undo", "ångra", "angra", needs=Needs.MEMBER, sv="ångra", en="undo", group=Group.COUNCIL
)
async def undo(context: Context, args: str) -> Reply:
    """Take back the sender's latest change that can be taken back, skipping those that cannot
    (a council created, a nomination): they must not block undoing what came before them."""
    council = context.require_council()
    person = context.require_person()
    candidates = await audit.undoable_events(
        context.session,
        council_id=council.id,
        actor_id=person.id,
        verbs=context.registry.undoable_verbs() | {FINAL_VERB},
    )
    event = None
    for candidate in candidates:
        if candidate.verb == FINAL_VERB:
            # Nothing before an erasure is taken back either: it might bring the person back.
            raise context.problem("undo.forget_final")
        if not await _may_take_back(context, candidate):
            # Taking back an officer's change is an officer's work: the sender may have lost
            # the office since (or speak through an account that cannot prove it).
            raise context.officers_only()
        if await _take_back(context, candidate):
            event = candidate
            break
    if event is None:
        return Reply(title=context.t("undo.nothing"))
    event.undone_at = context.now
    await context.audit_undo(event, council.id)
    return Reply(title=context.t("undo.done", what=describe(context, event)), tone=Tone.OK)


async def _take_back(context: Context, event: AuditEvent) -> bool:
    """Apply the inverse of one change, as the module that made it says (``@undoes``);
    False for a change that cannot be taken back."""
    undo = context.registry.undoer(event.verb, event.subject_type)
    if undo is None or (event.subject_id is None and not event.subject_type.endswith("_batch")):
        return False
    return await undo(context, event)


async def _may_take_back(context: Context, event: AuditEvent) -> bool:
    """Whether the sender may now make the inverse of ``event``: as an officer, any; as a
    member, an agenda item of theirs and what they did to an action they still own."""
    if context.is_officer:
        return True
    kind = (event.verb, event.subject_type)
    if kind == ("add", "agenda_item"):
        return True
    if kind in (("done", "action"), ("move", "action"), ("reopen", "action")):
        if event.subject_id is None:
            return False
        person_id = context.person.id if context.person else None
        # an action for everyone is every member's to mark done (and to open again)
        return await actions.is_owner(
            context.session, event.subject_id, person_id, everyone_counts=event.verb != "move"
        )
    return False


def describe(context: Context, event: AuditEvent) -> str:
    """One line a secretary can read: what happened to what."""
    details = read(Described, event.after or event.before) or Described()
    what = _what(context, event.subject_type, details)
    if event.verb in _KNOWN_VERBS:
        # "markerade åtgärd #2 som klar": the verb's own words go around what it was done to
        return context.t(f"log.verb.{event.verb}", what=what)
    return f"{event.verb} {what}"


#: how long a label may run in the log before it is cut at a word
LABEL_CHARS = 60


def _what(context: Context, subject_type: str, details: Described) -> str:
    """ "åtgärd #2 ”Boka lokal”", "19 medlemmar från en lista", "Maja Berndes till RPT THS
    (ordförande)": the thing a change was made to, in the reply's language."""
    if subject_type == "nomination" and details.name and details.round:
        role = f" ({details.role})" if details.role else ""
        return context.t("log.nomination", name=details.name, round=details.round, role=role)
    if subject_type.endswith("_batch") and details.count:
        return context.tn(f"log.count.{subject_type}", details.count)
    key = f"log.subject.{subject_type}"
    parts = [context.t(key) if key in _KNOWN_SUBJECTS else subject_type]
    if details.number:
        parts.append(f"#{details.number}")
    if details.label:
        parts.append(context.t("log.label", label=_shortened(details.label)))
    return " ".join(parts)


def _shortened(label: str) -> str:
    if len(label) <= LABEL_CHARS:
        return label
    cut = label[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


_KNOWN_VERBS = frozenset(
    {
        "add",
        "update",
        "done",
        "move",
        "cancel",
        "create",
        "open",
        "nominate",
        "iam",
        "link",
        "unlink",
        "undo",
        "withdraw",
        "close",
        "decide",
        "remove",
        "renew",
        "forget",
        "reopen",
    }
)
_KNOWN_SUBJECTS = frozenset(
    f"log.subject.{s}"
    for s in (
        "page_link",
        "action",
        "action_batch",
        "meeting",
        "meeting_batch",
        "agenda_item",
        "dated_item",
        "membership",
        "membership_batch",
        "council",
        "nomination_round",
        "nomination",
        "person",
        "reminder_policy",
    )
)


@command(
    "log", "log", "logg", "historik", needs=Needs.OFFICER, sv="logg", en="log", group=Group.COUNCIL
)
async def show_log(context: Context, args: str) -> Reply:
    council = context.require_council()
    events = await audit.latest_events(context.session, council.id, limit=20)
    if not events:
        return Reply(title=context.t("log.empty"))
    actor_ids = {e.actor_person_id for e in events if e.actor_person_id}
    actors = await lookup.by_ids(context.session, Person, actor_ids)
    names = {pid: person.full_name for pid, person in actors.items()}
    items = tuple(
        Item(
            f"{format_moment(e.created_at, context.lang, now=context.now)} · {names.get(e.actor_person_id or 0, '?')}",
            describe(context, e),
            flag=context.t("log.undone") if e.undone_at else None,
        )
        for e in events
    )
    return Reply(title=context.t("log.title", council=council.short_name), items=items)
