"""What a person would see of the bot's messages, read the way the chat clients read them.

Teams reads message text and Adaptive Card text blocks as Markdown (CommonMark, the parser
the Adaptive Cards renderer uses); Slack reads ``<…>`` in mrkdwn and in a message's ``text``
as links and mentions. These readers let a test ask what became a link, an image or a tag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt

from bot.render_card import ADAPTIVE_CARD

_COMMONMARK = MarkdownIt("commonmark")


@dataclass
class Seen:
    """The visible words of some Markdown, and what in it was live markup."""

    text: str = ""
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)


def read_markdown(markdown: str) -> Seen:
    seen = Seen()
    words: list[str] = []

    def walk(tokens: list[Any]) -> None:
        for token in tokens:
            if token.type == "link_open":
                seen.links.append(str(token.attrs.get("href")))
            elif token.type == "image":
                seen.images.append(str(token.attrs.get("src")))
            elif token.type in ("html_inline", "html_block"):
                seen.html.append(token.content)
            elif token.type in ("text", "code_inline"):
                words.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                words.append("\n")
            if token.children:
                walk(token.children)
        words.append("\n")

    walk(_COMMONMARK.parse(markdown))
    seen.text = "".join(words)
    return seen


def teams_markdown(activity: dict[str, Any]) -> list[str]:
    """Every piece of a Teams activity that Teams reads as Markdown."""
    pieces = [activity["text"]] if activity.get("text") else []
    for attachment in activity.get("attachments") or []:
        if attachment.get("contentType") == ADAPTIVE_CARD:
            pieces += _card_texts(attachment["content"].get("body", []))
    return pieces


def _card_texts(elements: list[dict[str, Any]]) -> list[str]:
    texts: list[str] = []
    for element in elements:
        if element.get("type") == "TextBlock":
            texts.append(element["text"])
        texts += _card_texts(element.get("items", []))
    return texts


def read_teams(activity: dict[str, Any]) -> Seen:
    """What a Teams user sees of one activity, and its live links, images and tags."""
    seen = Seen()
    for piece in teams_markdown(activity):
        part = read_markdown(piece)
        seen.text += part.text
        seen.links += part.links
        seen.images += part.images
        seen.html += part.html
    return seen


def slack_markup(message: dict[str, Any]) -> list[str]:
    """Every mrkdwn string of a Slack message, its ``text`` included (notifications read it)."""
    pieces = [str(message.get("text") or "")]

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("type") == "mrkdwn":
                pieces.append(value["text"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(message.get("blocks") or [])
    return pieces
