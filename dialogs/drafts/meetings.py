"""The meetings of pasted minutes as drafts of the ``notes`` preview.

The minutes' own meeting (when the council has none that day) and each coming meeting they
propose become one numbered line: "Möte tis 12 mar 2027 kl. 13.00–15.00, Teams", or
"…, tid ej angiven" — never invented hours. A day the council already has a meeting on is
listed as "finns redan" and not saved again; a coming meeting already past today is listed
as such and is doubtful: a plain ``ok`` leaves it, picking it saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from dialogs.context import Context
from dialogs.dates.doubts import note
from dialogs.dates.reading import When
from dialogs.dates.writing import STOCKHOLM, format_meeting_when, local
from dialogs.minutes.meeting_lines import MeetingDraft, meeting_kind, save_meeting
from dialogs.minutes.meetings import MeetingRead, read_meeting_text
from dialogs.model import Item
from store.models import Council, Meeting


@dataclass(frozen=True, kw_only=True)
class MeetingProposal:
    """A meeting read from the minutes, as the preview shows it and ``ok`` saves it."""

    kind: Literal["meeting"] = "meeting"
    read: MeetingRead
    own: bool = False  # the minutes' own meeting: saved as held, so decisions tie to it
    exists: bool = False  # the council has a meeting that day already: not saved again
    past: bool = False  # a coming meeting whose day is before today: saved only if picked

    @property
    def starts_at(self) -> datetime:
        """Local start; without a known time, that day's local midnight."""
        return datetime.combine(self.read.day, self.read.start or time(0), tzinfo=STOCKHOLM)

    @property
    def ends_at(self) -> datetime | None:
        if self.read.start is None or self.read.end is None:
            return None
        return datetime.combine(self.read.day, self.read.end, tzinfo=STOCKHOLM)


def proposals(
    own: MeetingRead | None,
    coming: Sequence[MeetingRead],
    *,
    existing: Sequence[datetime],
    today: date,
) -> list[MeetingProposal]:
    """The meeting drafts: the own meeting unless the council has one that day, then each
    coming one ("finns redan" on a day the council has a meeting already)."""
    days = {local(start).date() for start in existing}
    drafts = []
    if own is not None and own.day not in days:
        drafts.append(MeetingProposal(read=own, own=True))
    for meeting in coming:
        drafts.append(
            MeetingProposal(read=meeting, exists=meeting.day in days, past=meeting.day < today)
        )
    return drafts


def coming_starts(drafts: Sequence[MeetingProposal]) -> tuple[datetime, ...]:
    """The coming meetings' starts, for reading "till nästa möte" against them."""
    return tuple(d.starts_at for d in drafts if not d.own)


def describe(context: Context, proposal: MeetingProposal) -> Item:
    when = format_meeting_when(
        proposal.starts_at,
        context.lang,
        now=context.now,
        end=proposal.ends_at,
        time_known=proposal.read.start is not None,
    )
    place = f", {proposal.read.place}" if proposal.read.place else ""
    key = "notes.meeting_own" if proposal.own else "notes.meeting_coming"
    detail = None
    if proposal.exists:
        detail = context.t("notes.meeting_exists")
    elif proposal.past:
        detail = context.t("notes.meeting_past")
    # "(24 december är julafton)": a coming meeting on a day off is said before ``ok``
    flag = None
    if not (proposal.own or proposal.exists or proposal.past):
        flag = note(context, When(proposal.starts_at), meeting=True)
    return Item(context.t(key, when=when, place=place), detail, flag=flag)


def amend(proposal: MeetingProposal, text: str, *, today: date) -> MeetingProposal | None:
    """``3 12 mars kl 13-15, Teams``: line 3 read again as a meeting, kept as what it was
    (own or coming); it is doubtful only if its new day is past too."""
    reference = proposal.read.day - timedelta(days=1)
    read = read_meeting_text(text, reference=reference)
    if read is None:
        return None
    past = not proposal.own and read.day < today
    return MeetingProposal(read=read, own=proposal.own, past=past)


async def save(context: Context, council: Council, proposal: MeetingProposal) -> Meeting | None:
    """Save one meeting draft as ``meeting add`` does (numbered, reminders planned); None
    for a day the council already has a meeting on."""
    if proposal.exists:
        return None
    place = proposal.read.place
    draft = MeetingDraft(
        starts_at=proposal.starts_at,
        ends_at=proposal.ends_at,
        place=place,
        online_url=None,
        kind=meeting_kind(place, None),
        time_known=proposal.read.start is not None,
    )
    return await save_meeting(context, council, draft, audited=False)
