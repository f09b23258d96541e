"""Rendering a ``Reply`` as a Slack message: Block Kit blocks plus a plain-text fallback.

Buttons carry the command they run in their ``value``; the Slack adapter turns a press back
into that command, so it goes through the same handlers as typed text (as the Adaptive Card
buttons do on Teams). Slack's limits are respected here, so no reply is ever refused for its
size: a long list is folded into fewer blocks rather than cut off.
"""

from __future__ import annotations

import re
from typing import Any

from bot.render_text import render_plain
from dialogs.model import Button, Item, Link, Reply, Tone
from dialogs.text.markup import Style, spans, without_marks

#: The prefix of every button's action_id; Slack wants the ids unique within a message.
COMMAND_ACTION = "radsbot_command"
COMMAND_ACTION_PATTERN = re.compile(rf"^{COMMAND_ACTION}(_\d+)?$")
#: Link buttons open their page in the browser; Slack still reports the click, to be acked.
LINK_ACTION = "radsbot_link"
LINK_ACTION_PATTERN = re.compile(rf"^{LINK_ACTION}(_\d+)?$")

# Slack's documented limits for messages and blocks.
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_BUTTONS_PER_ACTIONS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_BUTTON_URL = 3000
MAX_FALLBACK_TEXT = 39_000

_TONE_MARK = {Tone.OK: "✅ ", Tone.PROBLEM: "⚠️ ", Tone.INFO: ""}

Block = dict[str, Any]


def escape_slack(words: str) -> str:
    """Plain words for Slack: ``&<>`` escaped, so nothing in them is a link or a mention."""
    return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(text: str) -> str:
    """A reply string as Slack mrkdwn: the words escaped, our marks as ``*b*`` and ```c```."""
    out = []
    for style, words in spans(text):
        words = escape_slack(words)
        if style is Style.BOLD and words.strip() == words:
            out.append(f"*{words}*")
        elif style is Style.CODE and "`" not in words and words.strip() == words:
            out.append(f"`{words}`")
        else:
            out.append(words)
    return "".join(out)


def slack_message(reply: Reply, *, lead: str = "") -> dict[str, Any]:
    """``text`` (for notifications and old clients) and ``blocks`` for one message.

    ``lead`` is ready-made Slack markup put before the title, e.g. ``<@U123>`` for a reminder
    that has to reach one person in the channel.
    """
    # Slack reads ``text`` as mrkdwn too (notifications show it): escaped like the blocks.
    text = escape_slack(render_plain(reply))
    if lead:
        text = f"{lead} {text}"
    if len(text) > MAX_FALLBACK_TEXT:
        text = text[: MAX_FALLBACK_TEXT - 1] + "…"
    return {"text": text, "blocks": render_blocks(reply, lead=lead)}


def render_blocks(reply: Reply, *, lead: str = "") -> list[Block]:
    """The blocks of a reply: title, lines, one section per item, footer, choice and link
    buttons.

    When the items with their buttons would exceed Slack's 50 blocks, they are folded into as
    few sections as fit, without their buttons (the commands still work typed).
    """
    head = _head(reply, lead)
    tail = _tail(reply)
    items = _item_blocks(reply.items, with_buttons=True)
    if len(head) + len(items) + len(tail) > MAX_BLOCKS:
        items = _text_sections([_item_text(item) for item in reply.items], separator="\n")
    blocks = head + items + tail
    if len(blocks) > MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1] + [_context("…")]
    return blocks


def _head(reply: Reply, lead: str) -> list[Block]:
    title = f"{_TONE_MARK[reply.tone]}*{mrkdwn(reply.title)}*"
    if lead:
        title = f"{lead} {title}"
    return _text_sections([title, *(mrkdwn(line) for line in reply.lines)], separator="\n\n")


def _tail(reply: Reply) -> list[Block]:
    blocks: list[Block] = []
    if reply.footer:
        blocks.append(_context(mrkdwn(reply.footer)))
    blocks += _actions(reply.buttons, first_index=0, links=reply.links)
    return blocks


def _item_text(item: Item) -> str:
    text = mrkdwn(item.text)
    if item.detail:
        text += f" — _{mrkdwn(item.detail)}_"
    if item.flag:
        text += f" *({mrkdwn(item.flag)})*"
    return f"• {text}"


def _item_blocks(items: tuple[Item, ...], *, with_buttons: bool) -> list[Block]:
    blocks: list[Block] = []
    # Choice buttons are numbered after the items' buttons, so every action_id is unique.
    index = 1000
    for item in items:
        blocks.append(_section(_item_text(item)))
        if with_buttons and item.buttons:
            blocks += _actions(item.buttons, first_index=index)
            index += len(item.buttons)
    return blocks


def _text_sections(pieces: list[str], *, separator: str) -> list[Block]:
    """Pieces joined into sections of at most Slack's 3,000 characters each."""
    sections: list[Block] = []
    current = ""
    for piece in pieces:
        piece = _clip(piece, MAX_SECTION_TEXT)
        joined = f"{current}{separator}{piece}" if current else piece
        if len(joined) > MAX_SECTION_TEXT:
            sections.append(_section(current))
            joined = piece
        current = joined
    if current:
        sections.append(_section(current))
    return sections


def _actions(
    buttons: tuple[Button, ...], *, first_index: int, links: tuple[Link, ...] = ()
) -> list[Block]:
    elements = [
        _button(b.label, f"{COMMAND_ACTION}_{first_index + n}", value=b.command[:MAX_BUTTON_VALUE])
        for n, b in enumerate(buttons)
    ]
    elements += [
        _button(link.label, f"{LINK_ACTION}_{n}", url=link.url[:MAX_BUTTON_URL])
        for n, link in enumerate(links)
    ]
    return [
        {"type": "actions", "elements": elements[start : start + MAX_BUTTONS_PER_ACTIONS]}
        for start in range(0, len(elements), MAX_BUTTONS_PER_ACTIONS)
    ]


def _button(label: str, action_id: str, **target: str) -> Block:
    """A button that runs a command (``value``) or opens a page (``url``)."""
    text = {
        "type": "plain_text",
        "text": _clip(without_marks(label), MAX_BUTTON_TEXT),
        "emoji": True,
    }
    return {"type": "button", "action_id": action_id, "text": text, **target}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": _clip(text, MAX_SECTION_TEXT)}],
    }


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
