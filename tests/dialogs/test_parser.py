"""The command parser: which command a text is, and what its arguments are."""

from __future__ import annotations

import pytest

from dialogs.parser import parse
from dialogs.registry import Registry


@pytest.mark.parametrize(
    ("text", "command", "args"),
    [
        ("actions mine", "actions.mine", ""),
        ("/actions mine", "actions.mine", ""),
        ("ACTIONS MINE", "actions.mine", ""),
        ("åtgärder mina", "actions.mine", ""),
        ("atgarder mina", "actions.mine", ""),
        ("Mina åtgärder", "actions.mine", ""),
        ("actions", "actions.list", ""),
        ("actions overdue", "actions.list", "overdue"),
        ("åtgärder Karin B", "actions.list", "Karin B"),
        ("action done 12", "action.done", "12"),
        ("klar 12", "action.done", "12"),
        ("Klar #7", "action.done", "#7"),
        ("action Karin: Ta fram underlag", "action.add", "Karin: Ta fram underlag"),
        ("åtgärd Alla: sondera namn", "action.add", "Alla: sondera namn"),
        ("next meeting", "meeting.next", ""),
        ("/next meeting", "meeting.next", ""),
        ("nästa möte", "meeting.next", ""),
        ("Nasta mote?", "meeting.next", ""),
        ("meetings", "meetings.list", ""),
        ("möten", "meetings.list", ""),
        ("meeting add 12 september, Stationshuset", "meeting.add", "12 september, Stationshuset"),
        (
            "nominate RPT THS ordförande Anna Lundgren: leder RMR",
            "nominate",
            "RPT THS ordförande Anna Lundgren: leder RMR",
        ),
        ("nominera RPT THS Anna", "nominate", "RPT THS Anna"),
        ("nominations", "nominations.list", ""),
        ("nomineringar RPT THS", "nominations.list", "RPT THS"),
        ("nomination open RPT THS", "nomination.open", "RPT THS"),
        (
            "council create Samordningsråd Barn (SOR Barn)",
            "council.create",
            "Samordningsråd Barn (SOR Barn)",
        ),
        ("member add Maja Berndes, ordförande", "member.add", "Maja Berndes, ordförande"),
        (
            "members add\nCarin Skoog, *sekreterare*\nLars",
            "members.add",
            "Carin Skoog, *sekreterare*\nLars",
        ),
        ("members", "members.list", ""),
        ("iam Karin Andersson", "iam", "Karin Andersson"),
        ("jag är Karin Andersson", "iam", "Karin Andersson"),
        ("Jag ar karin andersson", "iam", "karin andersson"),
        ("lang en", "lang", "en"),
        ("språk sv", "lang", "sv"),
        ("hjälp", "help", ""),
        ("help", "help", ""),
        ("  /hjälp  ", "help", ""),
    ],
)
def test_command_and_arguments(registry: Registry, text: str, command: str, args: str) -> None:
    parsed = parse(text, registry)
    assert parsed is not None, text
    assert parsed.spec.name == command
    assert parsed.args == args


@pytest.mark.parametrize("text", ["", "   ", "/", "hej", "what is this", "actionsmine", "klara 3"])
def test_unknown_text_is_no_command(registry: Registry, text: str) -> None:
    assert parse(text, registry) is None


def test_longest_phrase_wins(registry: Registry) -> None:
    assert parse("action done 3", registry).spec.name == "action.done"  # type: ignore[union-attr]
    assert parse("action doner: x", registry).spec.name == "action.add"  # type: ignore[union-attr]
