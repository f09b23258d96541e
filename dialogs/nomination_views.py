"""How a nomination round reads: per role, the names, who put them forward, and why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from dialogs.dates.writing import format_moment
from dialogs.model import Item
from dialogs.texts import plural, text
from store.models import NominationRound, RoundStatus
from store.nominations import ListedNomination


def deadline_words(lang: str, nomination_round: NominationRound, now: datetime) -> str | None:
    if nomination_round.deadline_at is None:
        return None
    return format_moment(
        nomination_round.deadline_at, lang, now=now, has_time=nomination_round.deadline_has_time
    )


def how_to_nominate(lang: str, target: str, roles: Sequence[str]) -> str:
    """ "Nominera med `nominera RPT THS ordförande Förnamn Efternamn: motivering`", with the
    round's first role (as the command wants one) or none."""
    return text(lang, "round.how", target=target, role=roles[0] if roles else "").replace("  ", " ")


def round_heading(lang: str, nomination_round: NominationRound, count: int, now: datetime) -> Item:
    when = deadline_words(lang, nomination_round, now)
    detail: str | None
    if nomination_round.status == RoundStatus.CLOSED:
        detail = text(lang, "round.closed_state")
    else:
        detail = text(lang, "round.deadline", when=when) if when else None
    return Item(nomination_round.target, detail, flag=plural(lang, "nominations.count", count))


def nomination_items(
    lang: str, standing: Sequence[ListedNomination], roles: Sequence[str] = ()
) -> list[Item]:
    """One line per name, grouped by role in the round's order, the council's choice marked."""
    order = {role: n for n, role in enumerate(roles)}
    items = []
    for nomination in sorted(standing, key=lambda n: (order.get(n.role, len(order)), n.role, n.id)):
        backers = ", ".join(b.full_name for b in nomination.backers)
        motivations = "; ".join(b.motivation for b in nomination.backers if b.motivation)
        # Someone the council chose without a nomination has no one behind them.
        detail = text(lang, "nominations.by", names=backers) if backers else None
        if motivations:
            detail = f"{detail} — {motivations}" if detail else motivations
        label = (
            f"{nomination.role}: {nomination.nominee_name}"
            if nomination.role
            else nomination.nominee_name
        )
        items.append(
            Item(
                f"#{nomination.id} {label}",
                detail,
                flag=text(lang, "nominations.chosen") if nomination.chosen else None,
            )
        )
    return items
