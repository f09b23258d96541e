"""Rendering a ``Reply`` as text: plain for the terminal, Markdown for Teams messages."""

from __future__ import annotations

from dialogs.model import Item, Reply, Tone

_TONE_MARK = {Tone.OK: "✅ ", Tone.PROBLEM: "⚠️ ", Tone.INFO: ""}


def item_line(item: Item, *, bold: str) -> str:
    """``#3 Ta fram underlag — senast fre 16 maj (försenad)``: one item on one line."""
    text = item.text
    if item.detail:
        text += f" — {item.detail}"
    if item.flag:
        text += f" {bold}({item.flag}){bold}"
    return text


def render_plain(reply: Reply) -> str:
    """For the terminal: one line per piece, list items bulleted."""
    out = [_TONE_MARK[reply.tone] + reply.title]
    out += list(reply.lines)
    out += [f"  • {item_line(item, bold='')}" for item in reply.items]
    if reply.footer:
        out.append(reply.footer)
    return "\n".join(out)


def render_markdown(reply: Reply) -> str:
    """For Teams text messages: paragraphs need a blank line between them there."""
    blocks = [f"{_TONE_MARK[reply.tone]}**{reply.title}**"]
    blocks += list(reply.lines)
    if reply.items:
        blocks.append("\n".join(f"- {item_line(item, bold='**')}" for item in reply.items))
    if reply.footer:
        blocks.append(f"_{reply.footer}_")
    return "\n\n".join(blocks)
