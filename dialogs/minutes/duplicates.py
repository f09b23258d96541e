"""An item of pasted minutes that is saved already: the same owners and nearly the same words
as an open action of the council. Minutes are often pasted twice (a draft, then the adjusted
version), and last meeting's items come back in the follow-up of the next."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from dialogs.drafts.actions import ActionProposal
from dialogs.text.folding import fold
from store.actions import ActionKey

#: How alike two texts must be (rapidfuzz's ratio of the folded words, 0–100) to be the same
#: item: a changed word or two in a sentence, a full stop, a capital.
SAME_TEXT = 90


def duplicate_of(draft: ActionProposal, saved: Sequence[ActionKey]) -> int | None:
    """The number of the open action this draft repeats, or None."""
    owner_ids = frozenset(draft.person_ids())
    owner_texts = frozenset(fold(written) for written in draft.written_owners())
    text = _words(draft.text)
    for action in saved:
        if (
            action.for_everyone == draft.for_everyone
            and action.owner_ids == owner_ids
            and frozenset(fold(t) for t in action.owner_texts) == owner_texts
            and fuzz.ratio(_words(action.text), text) >= SAME_TEXT
        ):
            return action.number
    return None


def _words(text: str) -> str:
    return " ".join(fold(text).replace(".", " ").replace(",", " ").split())
