"""Rendering a ``Reply`` as text: plain for the terminal, Markdown for Teams messages.

A reply's strings are plain words with our bold and code marks (``dialogs.text.markup``);
``markdown`` escapes the words, so a member's ``[text](url)``, ``![](…)`` or ``<at>…</at>``
is shown as typed and never becomes a link, an image or a mention in Teams.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dialogs.model import Item, Reply, Tone
from dialogs.text.markup import Style, has_marks, spans

_TONE_MARK = {Tone.OK: "✅ ", Tone.PROBLEM: "⚠️ ", Tone.INFO: ""}
# What CommonMark (and Teams' Markdown) could read as a link, an image, an HTML tag, a mention,
# an entity or emphasis; a backslash before ASCII punctuation shows it as itself.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&])")
# A web address we wrote (a page, a feed, a download): in a card it is a link, not bold text.
_WEB_ADDRESS = re.compile(r"https?://[^\s()<>\[\]`*]+")


def plain(text: str) -> str:
    """The words as a person reads them in a terminal: code in backticks, no bold marks."""
    if not has_marks(text):
        return text
    return "".join(f"`{words}`" if style is Style.CODE else words for style, words in spans(text))


def escape_markdown(words: str) -> str:
    """Plain words as Markdown that shows exactly those characters."""
    if _MARKDOWN_SPECIAL.search(words) is None:
        return words  # most words: no substitution to prepare
    return _MARKDOWN_SPECIAL.sub(r"\\\1", words)


def markdown(text: str, *, card: bool = False) -> str:
    """A reply string as Teams Markdown: the words escaped, our marks as ``**`` and ````.

    ``card``: for an Adaptive Card's text, whose Markdown has no code spans (Teams shows the
    backticks): a command is shown in bold there instead, and a web address as a link.
    """
    if not has_marks(text):
        return escape_markdown(text)
    out = []
    for style, words in spans(text):
        if style is Style.CODE and card and _WEB_ADDRESS.fullmatch(words):
            out.append(f"[{escape_markdown(words)}]({words})")
        elif style is Style.CODE and not card and "`" not in words and words.strip() == words:
            out.append(f"`{words}`")  # nothing inside a code span is markup
        elif style is not Style.PLAIN and words.strip() == words:
            out.append(f"**{escape_markdown(words)}**")
        else:
            out.append(escape_markdown(words))
    return "".join(out)


def item_line(item: Item, *, bold: str, render: Callable[[str], str] = plain) -> str:
    """``#3 Ta fram underlag — senast fre 16 maj (försenad)``: one item on one line."""
    text = render(item.text)
    if item.detail:
        text += f" — {render(item.detail)}"
    if item.flag:
        text += f" {bold}({render(item.flag)}){bold}"
    return text


def render_plain(reply: Reply) -> str:
    """For the terminal: one line per piece, list items bulleted."""
    out = [_TONE_MARK[reply.tone] + plain(reply.title)]
    out += [plain(line) for line in reply.lines]
    out += [f"  • {item_line(item, bold='')}" for item in reply.items]
    if reply.footer:
        out.append(plain(reply.footer))
    return "\n".join(out)


def render_markdown(reply: Reply) -> str:
    """For Teams text messages: paragraphs need a blank line between them there."""
    blocks = [f"{_TONE_MARK[reply.tone]}**{markdown(reply.title)}**"]
    blocks += [markdown(line) for line in reply.lines]
    if reply.items:
        blocks.append(
            "\n".join(f"- {item_line(item, bold='**', render=markdown)}" for item in reply.items)
        )
    if reply.footer:
        blocks.append(f"_{markdown(reply.footer)}_")
    return "\n\n".join(blocks)
