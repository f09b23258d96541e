"""Replies as Adaptive Cards (version 1.5, what Teams renders for bots).

Lists, choices and links become cards: each item one text block (the same words as the
plain rendering), its buttons under it, the reply's buttons and links at the bottom. A
pressed button is an ``Action.Submit`` whose data carries the command to run; the Teams
adapter turns it back into that command, so it goes through the same handlers as typed text.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import orjson

from bot.render_text import item_line, markdown, render_plain
from dialogs.model import Button, Reply, Tone
from dialogs.text.markup import without_marks

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
#: Teams shows at most this many actions in one row; more go into an overflow menu.
#: a card's Markdown: commands in bold, as cards show no code spans
_card_markdown = partial(markdown, card=True)
_TITLE_COLOR = {Tone.OK: "Good", Tone.PROBLEM: "Attention", Tone.INFO: "Default"}


def wants_card(reply: Reply) -> bool:
    """A card for lists, choices and links; a plain message for a sentence or two."""
    return bool(reply.items or reply.buttons or reply.links)


def _text(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _submit(button: Button) -> dict[str, Any]:
    # A button's title is plain text in a card: no Markdown to escape there.
    title = without_marks(button.label)
    return {"type": "Action.Submit", "title": title, "data": {"command": button.command}}


def reply_card(reply: Reply) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        _text(
            _card_markdown(reply.title),
            weight="Bolder",
            size="Medium",
            color=_TITLE_COLOR[reply.tone],
        )
    ]
    body += [_text(_card_markdown(line)) for line in reply.lines]
    for n, item in enumerate(reply.items):
        block: dict[str, Any] = {
            "type": "Container",
            "separator": n > 0,
            "items": [_text(item_line(item, bold="**", render=_card_markdown))],
        }
        if item.buttons:
            block["items"].append(
                {"type": "ActionSet", "actions": [_submit(b) for b in item.buttons]}
            )
        body.append(block)
    if reply.footer:
        body.append(_text(_card_markdown(reply.footer), isSubtle=True, size="Small"))
    actions = [_submit(b) for b in reply.buttons] + [
        {"type": "Action.OpenUrl", "title": without_marks(link.label), "url": link.url}
        for link in reply.links
    ]
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        # What a client that cannot show the card shows instead: the same reply as plain text.
        "fallbackText": render_plain(reply),
        "body": body,
    }
    if actions:
        card["actions"] = actions
    return _within_teams_limit(card)


#: Teams refuses a message over about 28 KB; the card keeps a margin for the activity around it.
MAX_CARD_BYTES = 26_000


def _size(card: dict[str, Any]) -> int:
    """The card's bytes as ``bot.connector`` sends them."""
    return len(orjson.dumps(card))


def _within_teams_limit(card: dict[str, Any]) -> dict[str, Any]:
    """A card that would be too big for Teams loses its long fallback text first, then items
    from the end (with "…" in their place), so it is always delivered.

    Replies are paged before this (``dialogs.drafts.batches``), so this is a safety net only.
    """
    if _size(card) <= MAX_CARD_BYTES:
        return card
    card["fallbackText"] = card["fallbackText"].split("\n", 1)[0]
    body = card["body"]
    footer = 1 if body[-1].get("isSubtle") else 0
    cut = False
    while _size(card) > MAX_CARD_BYTES and len(body) > 1 + footer:
        body.pop(len(body) - 1 - footer)
        cut = True
    if cut:
        body.insert(len(body) - footer, _text("…"))
    return card


def card_text(card: dict[str, Any]) -> str:
    """Every text block of a card in order: the card's words, for summaries and logs."""
    parts: list[str] = []

    def walk(elements: list[dict[str, Any]]) -> None:
        for element in elements:
            if element.get("type") == "TextBlock":
                parts.append(element["text"])
            walk(element.get("items", []))

    walk(card.get("body", []))
    return "\n\n".join(parts)
