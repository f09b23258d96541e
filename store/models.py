"""The domain of DESIGN.md as SQLAlchemy 2 models.

All timestamps are UTC (``UtcDateTime``); the people-facing zone, Europe/Stockholm, is
applied only when reading dates in and writing them out.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from store.types import JsonText, UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum(cls: type[enum.Enum]) -> Enum:
    # Stored as plain strings (no native enum type) so adding a value needs no ALTER TYPE.
    return Enum(
        cls,
        native_enum=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Role(enum.StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"
    COORDINATOR = "coordinator"
    MEMBER = "member"
    COOPTED = "coopted"
    GUEST = "guest"
    #: ersättare: stands in for a member
    SUBSTITUTE = "substitute"
    #: processledare: leads a piece of work for the council without being a member
    PROCESS_LEADER = "process_leader"


#: Roles that may create, change or remove other people's items.
OFFICER_ROLES = frozenset({Role.SECRETARY, Role.CHAIR, Role.COORDINATOR})


class LinkedBy(enum.StrEnum):
    """How a chat account came to speak as its person."""

    #: the e-mail the platform vouches for (Teams directory, Slack ``users.info``)
    EMAIL = "email"
    #: an officer of every council the person sits in said so (``member link NAME @mention``)
    MEMBER_LINK = "member_link"
    #: the terminal's operator (``chat --as``), who holds the database anyway
    OPERATOR = "operator"
    #: the account that ran ``council create``, for the person made for it then: proof only
    #: in the councils it founded (``Council.founder_identity_id``), as a name is no more
    CREATOR = "creator"
    #: the account said so itself (``iam NAME``)
    IAM = "iam"
    #: the account's Teams display name matched the roster
    DISPLAY_NAME = "display_name"
    #: linked before links were recorded: nobody can tell how, so never proof
    LEGACY = "legacy"


#: Links that prove who an account is; only these carry a secretary's, chair's or
#: coordinator's powers, but in a council the account founded itself. A name (claimed, or
#: shown by the platform) is never proof.
VERIFIED_LINKS = frozenset({LinkedBy.EMAIL, LinkedBy.MEMBER_LINK, LinkedBy.OPERATOR})


class MeetingKind(enum.StrEnum):
    PHYSICAL = "physical"
    DIGITAL = "digital"
    HYBRID = "hybrid"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    CANCELLED = "cancelled"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class RoundStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ReminderState(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    #: no longer wanted: the item moved, was cancelled or done
    CANCELLED = "cancelled"
    #: fell due while the bot was down, and the item itself has passed since
    DROPPED = "dropped"


class Council(Base):
    __tablename__ = "councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40))
    short_key: Mapped[str] = mapped_column(String(40), unique=True)
    language: Mapped[str | None] = mapped_column(String(5))
    meeting_start: Mapped[str] = mapped_column(String(5), default="09:30")
    meeting_end: Mapped[str] = mapped_column(String(5), default="15:30")
    #: the council's reminder policy where it differs from the defaults (see dialogs.reminders.policy)
    reminder_settings: Mapped[dict[str, Any] | None] = mapped_column(JsonText)
    #: the chat account that ran ``council create``: its office here is its own doing, so it
    #: holds even while the account is linked to its person by a name alone
    founder_identity_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    language: Mapped[str | None] = mapped_column(String(5))
    #: personal reminder choices: {"off": true} or {"deadline_days": [5, 0]}
    reminder_prefs: Mapped[dict[str, Any] | None] = mapped_column(JsonText)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    #: when the person was forgotten (``glöm mig``, ``member forget``): the row then holds only
    #: a pseudonym, kept so that what they did still has a doer
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


def all_roles(role: Role, other_roles: Sequence[str] | None) -> tuple[Role, ...]:
    """A member's roles as saved (the primary one, the others by value), primary first."""
    return (role, *(Role(value) for value in other_roles or ()))


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("council_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    #: the primary role: an officer's role when the person holds one (so that every
    #: permission check, in SQL or not, reads this column alone), else the most senior
    role: Mapped[Role] = mapped_column(_enum(Role), default=Role.MEMBER)
    #: the person's other roles here, as role values ("ordförande och sekreterare")
    other_roles: Mapped[list[str] | None] = mapped_column(JsonText)
    note: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    person: Mapped[Person] = relationship(lazy="raise")
    council: Mapped[Council] = relationship(lazy="raise")

    @property
    def roles(self) -> tuple[Role, ...]:
        """All the person's roles here, the primary one first."""
        return all_roles(self.role, self.other_roles)

    def holds(self, role: Role) -> bool:
        return role in self.roles


class ChatIdentity(Base):
    """Who a chat account is: (platform, tenant, user id) → person."""

    __tablename__ = "chat_identities"
    __table_args__ = (UniqueConstraint("platform", "tenant_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    tenant_id: Mapped[str] = mapped_column(String(100), default="")
    user_id: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str | None] = mapped_column(String(200))
    #: the id a platform needs to @mention this account (Teams "29:…"), when it differs
    mention_id: Mapped[str | None] = mapped_column(String(200))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    #: how the link was made; a row written without saying is never taken as proof
    linked_by: Mapped[LinkedBy] = mapped_column(_enum(LinkedBy), server_default=LinkedBy.LEGACY)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ConversationRef(Base):
    """A saved conversation reference, needed to write to a chat without being asked.

    A channel row carries the council it is linked to; a personal row the person.
    """

    __tablename__ = "conversation_refs"
    __table_args__ = (UniqueConstraint("platform", "conversation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[str] = mapped_column(String(300))
    tenant_id: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(16))  # channel | personal | group
    council_id: Mapped[int | None] = mapped_column(
        ForeignKey("councils.id", ondelete="SET NULL"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[dict[str, Any]] = mapped_column(JsonText)
    welcomed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    #: the linked council as loaded with the row (``councils.save_conversation``); read-only
    council: Mapped[Council | None] = relationship(lazy="raise", viewonly=True)


class Meeting(Base):
    """A meeting. ``number`` is what people type (``meeting move 3 …``): unique per council."""

    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_council_start", "council_id", "starts_at"),
        UniqueConstraint("council_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    place: Mapped[str | None] = mapped_column(String(300))
    online_url: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[MeetingKind] = mapped_column(_enum(MeetingKind), default=MeetingKind.PHYSICAL)
    status: Mapped[MeetingStatus] = mapped_column(
        _enum(MeetingStatus), default=MeetingStatus.PLANNED
    )
    #: False for a meeting whose day is known but not its time ("tid meddelas senare"):
    #: ``starts_at`` is then local midnight, and it is shown as "tid ej angiven".
    time_known: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    #: the iCalendar SEQUENCE: one up each time the meeting moves, changes place or is
    #: cancelled (or any of these is undone), so calendars take the newer version
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


#: What a calendar shows of a meeting: a change to any of them is a new version of it.
MEETING_CALENDAR_FIELDS = ("starts_at", "ends_at", "time_known", "place", "online_url", "status")


@event.listens_for(Meeting, "before_update")
def _next_sequence(mapper: Any, connection: Any, meeting: Meeting) -> None:
    """Every path that changes a meeting (move, cancel, undo, mending) bumps its SEQUENCE."""
    state = inspect(meeting)
    if any(state.attrs[name].history.has_changes() for name in MEETING_CALENDAR_FIELDS):
        meeting.sequence = (meeting.sequence or 0) + 1


class AgendaItem(Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    presenter: Mapped[str | None] = mapped_column(String(200))
    time_slot: Mapped[str | None] = mapped_column(String(40))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Action(Base):
    """An action item. ``number`` is what people type (``klar 12``): unique per council."""

    __tablename__ = "actions"
    __table_args__ = (
        UniqueConstraint("council_id", "number"),
        # a list's order (``store.actions``: deadline, undated last, then number), what
        # counts an overdue one and what tells a person's own: a list's page and count are
        # read from the index
        Index(
            "ix_actions_council_status_due_number",
            "council_id",
            "status",
            "due_at",
            "number",
            "due_has_time",
            "for_everyone",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    for_everyone: Mapped[bool] = mapped_column(Boolean, default=False)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    due_has_time: Mapped[bool] = mapped_column(Boolean, default=False)
    due_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus), default=ActionStatus.OPEN)
    origin_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    owners: Mapped[list[ActionOwner]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="ActionOwner.id"
    )


class ActionOwner(Base):
    """One owner of an action: a person on the roster, or a free text (an organisation)."""

    __tablename__ = "action_owners"
    __table_args__ = (Index("ix_action_owners_person_action", "person_id", "action_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    owner_text: Mapped[str | None] = mapped_column(String(200))

    person: Mapped[Person | None] = relationship(lazy="raise")

    @property
    def full_name(self) -> str | None:
        """The member's full name (``person`` loaded); None for an owner kept as written."""
        return self.person.full_name if self.person is not None else None


class DatedItem(Base):
    """Any other date the council must not miss (a remissvar, a date from the minutes)."""

    __tablename__ = "dated_items"
    __table_args__ = (
        UniqueConstraint("council_id", "number"),
        Index("ix_dated_items_council_due", "council_id", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    due_has_time: Mapped[bool] = mapped_column(Boolean, default=False)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Decision(Base):
    """A decision of the council, read from its minutes. ``number``: unique per council."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("council_id", "number"),
        Index("ix_decisions_council_decided", "council_id", "decided_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    #: the text folded (lower case, no accents) for ``beslut SÖKORD``
    search_key: Mapped[str] = mapped_column(Text)
    #: the "§ 14" it was taken under, or None
    section: Mapped[str | None] = mapped_column(String(20))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    decided_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class OwnerGroup(Base):
    """A group or organisation the council has had as an action owner ("kansliet",
    "respektive huvudman"): read as a group in later minutes, never asked about again."""

    __tablename__ = "owner_groups"
    __table_args__ = (UniqueConstraint("council_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))  # as first written
    key: Mapped[str] = mapped_column(String(200))  # folded, for matching


class NominationRound(Base):
    __tablename__ = "nomination_rounds"
    __table_args__ = (Index("ix_rounds_council_status", "council_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(200))
    target_key: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(JsonText, default=list)
    description: Mapped[str | None] = mapped_column(Text)
    deadline_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deadline_has_time: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[RoundStatus] = mapped_column(_enum(RoundStatus), default=RoundStatus.OPEN)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Nomination(Base):
    """A name put forward for a role in a round; several members may back the same one."""

    __tablename__ = "nominations"
    __table_args__ = (UniqueConstraint("round_id", "role", "nominee_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("nomination_rounds.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(100), default="")
    nominee_name: Mapped[str] = mapped_column(String(200))
    nominee_key: Mapped[str] = mapped_column(String(200))
    nominee_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    backers: Mapped[list[NominationBacker]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="NominationBacker.id"
    )


class NominationBacker(Base):
    __tablename__ = "nomination_backers"
    __table_args__ = (UniqueConstraint("nomination_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    motivation: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    person: Mapped[Person] = relationship(lazy="raise")


class RoundAbstention(Base):
    """A member's answer "no one from me" to a nomination round (``nominera RPT THS ingen``)."""

    __tablename__ = "round_abstentions"
    __table_args__ = (UniqueConstraint("round_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("nomination_rounds.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Reminder(Base):
    """An outbox row: one message to send at ``due_at``. The row is the truth, not a timer."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("subject_type", "subject_id", "kind", "recipient_key", "due_at"),
        Index("ix_reminders_state_due", "state", "due_at"),
        Index("ix_reminders_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey("councils.id", ondelete="CASCADE"), index=True
    )
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    recipient_key: Mapped[str] = mapped_column(String(64))  # "channel" or "person:<id>"
    recipient_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE")
    )
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[ReminderState] = mapped_column(
        _enum(ReminderState), default=ReminderState.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ReminderSnooze(Base):
    """Someone pressed "Påminn mig i morgon" on a personal reminder: their next reminder of
    that item goes out at ``until`` instead (``dialogs.reminders.snooze``). Kept as a row, so
    the planner honours it whenever it plans the item again, in whichever process."""

    __tablename__ = "reminder_snoozes"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey("councils.id", ondelete="CASCADE"), index=True
    )
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    until: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ReminderWorker(Base):
    """A running reminder sender, so that another can tell when it is gone.

    A reminder in ``sending`` names its worker (``Reminder.claimed_by`` is ``name``). On
    PostgreSQL the worker holds a session-level advisory lock keyed by ``id`` for as long as it
    lives; the lock goes with its connection, so a killed worker is seen at once. On SQLite
    (one host) the pid and the process's start mark tell whether it still runs.
    """

    __tablename__ = "reminder_workers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    #: tells this process from a later one with the same pid (boot id and start tick on Linux)
    process_start: Mapped[str | None] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_council_created", "council_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    actor_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    verb: Mapped[str] = mapped_column(String(40))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JsonText)
    after: Mapped[dict[str, Any] | None] = mapped_column(JsonText)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    #: set when ``ångra`` took this change back
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PendingPrompt(Base):
    """A question the bot is waiting for an answer to, keyed by who is asked where."""

    __tablename__ = "pending_prompts"
    __table_args__ = (UniqueConstraint("platform", "conversation_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[str] = mapped_column(String(300))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JsonText)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SlackSeen(Base):
    """A Slack request already taken in, by its event id or its signature, kept until a copy
    of it could no longer be accepted: a replay or a retry of it then runs nothing."""

    __tablename__ = "slack_seen"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class SecretLink(Base):
    """A link that gives access without signing in (a calendar feed, a council page, an
    export): only the sha256 of its token is kept; see ``store.secret_links``."""

    __tablename__ = "secret_links"
    __table_args__ = (Index("ix_secret_links_owner", "kind", "council_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    #: the one thing of the council it opens (a meeting's id for a meeting's .ics), if any
    subject_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
