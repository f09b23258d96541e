"""Every counted message agrees with its number, in Swedish and English, at 0, 1, 2 and 5."""

from __future__ import annotations

import pytest

from dialogs.lang import en, sv
from dialogs.texts import plural

#: key -> language -> the message at 0, 1, 2 and 5 (written before the tables were changed)
EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    "members.added_new": {
        "sv": ("0 nya", "1 ny", "2 nya", "5 nya"),
        "en": ("0 new", "1 new", "2 new", "5 new"),
    },
    "members.added_updated": {
        "sv": ("0 uppdaterade", "1 uppdaterad", "2 uppdaterade", "5 uppdaterade"),
        "en": ("0 updated", "1 updated", "2 updated", "5 updated"),
    },
    "actions.overdue_count": {
        "sv": ("0 är försenade.", "1 är försenad.", "2 är försenade.", "5 är försenade."),
        "en": ("0 are overdue.", "1 is overdue.", "2 are overdue.", "5 are overdue."),
    },
    "nominations.count": {
        "sv": ("0 nominerade", "1 nominerad", "2 nominerade", "5 nominerade"),
        "en": ("0 nominees", "1 nominee", "2 nominees", "5 nominees"),
    },
    "reminders.days": {
        "sv": ("0 dagar", "1 dag", "2 dagar", "5 dagar"),
        "en": ("0 days", "1 day", "2 days", "5 days"),
    },
    "reminders.working_days": {
        "sv": ("0 arbetsdagar", "1 arbetsdag", "2 arbetsdagar", "5 arbetsdagar"),
        "en": ("0 working days", "1 working day", "2 working days", "5 working days"),
    },
    "log.count.membership_batch": {
        "sv": tuple(
            f"{n} {'medlem' if n == 1 else 'medlemmar'} från en lista" for n in (0, 1, 2, 5)
        ),
        "en": tuple(f"{n} {'member' if n == 1 else 'members'} from a list" for n in (0, 1, 2, 5)),
    },
    "log.count.meeting_batch": {
        "sv": (
            "0 möten från en lista",
            "1 möte från en lista",
            "2 möten från en lista",
            "5 möten från en lista",
        ),
        "en": tuple(f"{n} {'meeting' if n == 1 else 'meetings'} from a list" for n in (0, 1, 2, 5)),
    },
    "log.count.action_batch": {
        "sv": tuple(f"anteckningar med {n} {'post' if n == 1 else 'poster'}" for n in (0, 1, 2, 5)),
        "en": tuple(f"notes with {n} {'entry' if n == 1 else 'entries'}" for n in (0, 1, 2, 5)),
    },
    "batch.skipped": {
        "sv": tuple(
            f"{n} {'rad' if n == 1 else 'rader'} utan något att skapa hoppades över."
            for n in (0, 1, 2, 5)
        ),
        "en": (
            "0 lines with nothing to create were skipped.",
            "1 line with nothing to create was skipped.",
            "2 lines with nothing to create were skipped.",
            "5 lines with nothing to create were skipped.",
        ),
    },
    "season.preview": {
        "sv": (
            "Jag lägger in de här 0 mötena – stämmer det?",
            "Jag lägger in det här mötet – stämmer det?",
            "Jag lägger in de här 2 mötena – stämmer det?",
            "Jag lägger in de här 5 mötena – stämmer det?",
        ),
        "en": (
            "I will add these 0 meetings – is that right?",
            "I will add this meeting – is that right?",
            "I will add these 2 meetings – is that right?",
            "I will add these 5 meetings – is that right?",
        ),
    },
    "season.saved": {
        "sv": (
            "0 möten är inlagda",
            "1 möte är inlagt",
            "2 möten är inlagda",
            "5 möten är inlagda",
        ),
        "en": (
            "0 meetings are added",
            "1 meeting is added",
            "2 meetings are added",
            "5 meetings are added",
        ),
    },
    "notes.saved_people": {
        "sv": tuple(
            f"Rådets medlemslista är uppdaterad ({n} {'person' if n == 1 else 'personer'})."
            for n in (0, 1, 2, 5)
        ),
        "en": tuple(
            f"The council's roster is updated ({n} {'person' if n == 1 else 'people'})."
            for n in (0, 1, 2, 5)
        ),
    },
    "notes.count_actions": {
        "sv": ("0 åtgärder", "1 åtgärd", "2 åtgärder", "5 åtgärder"),
        "en": ("0 action items", "1 action item", "2 action items", "5 action items"),
    },
    "notes.count_decisions": {
        "sv": ("0 beslut", "1 beslut", "2 beslut", "5 beslut"),
        "en": ("0 decisions", "1 decision", "2 decisions", "5 decisions"),
    },
    "notes.count_maybe": {
        "sv": ("0 möjliga åtgärder", "1 möjlig åtgärd", "2 möjliga åtgärder", "5 möjliga åtgärder"),
        "en": (
            "0 possible action items",
            "1 possible action item",
            "2 possible action items",
            "5 possible action items",
        ),
    },
    "notes.count_meetings": {
        "sv": ("0 möten", "1 möte", "2 möten", "5 möten"),
        "en": ("0 meetings", "1 meeting", "2 meetings", "5 meetings"),
    },
    "notes.count_people": {
        "sv": tuple(
            f"{n} {'person' if n == 1 else 'personer'} att lägga till eller ändra"
            for n in (0, 1, 2, 5)
        ),
        "en": tuple(
            f"{n} {'person' if n == 1 else 'people'} to add or change" for n in (0, 1, 2, 5)
        ),
    },
    "notes.preview": {
        "sv": tuple(
            f"Jag hittade {n} {'åtgärd' if n == 1 else 'åtgärder'} i anteckningarna"
            for n in (0, 1, 2, 5)
        ),
        "en": tuple(
            f"I found {n} {'action item' if n == 1 else 'action items'} in the notes"
            for n in (0, 1, 2, 5)
        ),
    },
    "notes.saved": {
        "sv": (
            "0 åtgärder är sparade",
            "1 åtgärd är sparad",
            "2 åtgärder är sparade",
            "5 åtgärder är sparade",
        ),
        "en": (
            "0 action items are saved",
            "1 action item is saved",
            "2 action items are saved",
            "5 action items are saved",
        ),
    },
    "notes.meetings_saved": {
        "sv": (
            "0 möten är sparade",
            "1 möte är sparat",
            "2 möten är sparade",
            "5 möten är sparade",
        ),
        "en": (
            "0 meetings are saved",
            "1 meeting is saved",
            "2 meetings are saved",
            "5 meetings are saved",
        ),
    },
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_counted_message_agrees_at_0_1_2_5(key: str, lang: str) -> None:
    rendered = tuple(plural(lang, key, n) for n in (0, 1, 2, 5))
    assert rendered == EXPECTED[key][lang]


def test_every_plural_key_is_rendered_by_the_test() -> None:
    """A new counted message comes with its expected forms here."""
    counted = {k.rsplit(".", 1)[0] for k in sv.TEXTS if k.endswith((".one", ".other"))}
    assert counted == set(EXPECTED)
    for table in (sv.TEXTS, en.TEXTS):
        for key in counted:
            assert f"{key}.one" in table and f"{key}.other" in table, key


def test_no_counted_word_is_left_outside_a_plural_key() -> None:
    """A ``{count}`` next to a noun or adjective that changes with it lives in a plural key;
    the others only show a number in brackets or "… och {count} till", where nothing agrees."""
    number_only = ("({count})", "{count} till", "{count} more", "av {count}", "of {count}")
    allowed = {
        "batch.no_such_line",  # "listan har {count}" / "the list has {count}"
        "owner.bad_number",  # "från 1 till {count}"
        "agenda.unknown_number",  # "(den har {count})"
        "limit.text",  # always above the limit: many characters ("tecken" does not change)
        "limit.paste",  # always above the limit: many lines
    }
    for key, template in sv.TEXTS.items():
        if "{count}" not in template or key.endswith((".one", ".other")) or key in allowed:
            continue
        assert any(part in template for part in number_only), key
