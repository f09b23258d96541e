"""Buttons for Teams as an Adaptive Card (1.5, what Teams renders for bots).

A pressed button is an ``Action.Submit`` whose data carries the command to run; the Teams
adapter turns it back into that command, so it goes through the same handlers as typed text.
"""

from __future__ import annotations

from typing import Any

from dialogs.model import Button

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


def buttons_card(buttons: tuple[Button, ...]) -> dict[str, Any]:
    """A card that is only its buttons; the message text above it says what they are for."""
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": [],
        "actions": [
            {"type": "Action.Submit", "title": button.label, "data": {"command": button.command}}
            for button in buttons
        ],
    }
