"""Slack's words and blocks, without a running app: a slash command's text, Slack markup
undone, the manifest's URLs, commands and scopes, conversation kinds, a reply as blocks, and a
long list within Slack's limits.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.render_blocks import MAX_BLOCKS, render_blocks, slack_message
from bot.slack import command_text, conversation_kind, plain_text
from dialogs.model import Button, ConversationKind, Item, Reply, Tone
from dialogs.parser import parse
from dialogs.registry import Registry
from dialogs.text.markup import bold
from tests.fakes.slack_api import BOT_USER


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("/actions", "mine", "actions mine"),
        ("/next", "meeting", "next meeting"),
        ("/next", "", "next"),
        (
            "/nominate",
            "RPT THS ordförande Anna Lundgren",
            "nominate RPT THS ordförande Anna Lundgren",
        ),
        ("/action", "Karin: göra något", "action Karin: göra något"),
        ("/meetings", "", "meetings"),
        ("/nominations", " ", "nominations"),
        ("/radsbot", "council create X (X)", "council create X (X)"),
        ("/radsbot", "", "help"),
    ],
)
def test_command_text(command: str, text: str, expected: str) -> None:
    assert command_text(command, text) == expected


def test_plain_text_undoes_slack_markup() -> None:
    names = {"U1": "Karin Berg"}
    assert plain_text(f"<@{BOT_USER}> actions mine", names, BOT_USER) == "actions mine"
    assert (
        plain_text("action <@U1|karin>: a &amp; b &lt;3", names, BOT_USER)
        == "action Karin Berg: a & b <3"
    )
    assert plain_text(
        "meeting add 7 maj, <https://teams.microsoft.com/l/x?a=1&amp;b=2>", {}, None
    ) == ("meeting add 7 maj, https://teams.microsoft.com/l/x?a=1&b=2")
    assert (
        plain_text("<mailto:a@b.se|a@b.se> <#C1|general> <!here> <@U9>", {}, None)
        == "a@b.se #general @here @U9"
    )


def test_the_manifest_sends_everything_to_the_endpoint_and_every_command_is_understood(
    registry: Registry,
) -> None:
    manifest = (Path(__file__).parents[2] / "manifest" / "slack.yaml").read_text("utf-8")
    urls = re.findall(r"^\s*(?:url|request_url): (\S+)$", manifest, re.MULTILINE)
    assert len(urls) == 9 and set(urls) == {"https://YOUR-HOST/slack/events"}
    commands = re.findall(r"^\s*- command: (\S+)$", manifest, re.MULTILINE)
    samples = {
        "/actions": "mine",
        "/next": "meeting",
        "/nominate": "RPT THS Anna Lundgren",
        "/action": "done 3",
        "/meetings": "",
        "/nominations": "",
        "/radsbot": "council create Samordningsråd Barn (SOR Barn)",
    }
    assert sorted(commands) == sorted(samples)
    for command, sample in samples.items():
        assert parse(command_text(command, sample), registry) is not None, command
        assert parse(command_text(command, ""), registry) is not None, command
    scopes = re.search(r"bot:\n((?:\s+- \S+\n)+)", manifest)
    assert scopes is not None
    assert set(re.findall(r"- (\S+)", scopes[1])) == {
        "commands",
        "chat:write",
        "im:write",
        "im:history",
        "app_mentions:read",
        "users:read",
        "users:read.email",
        "files:read",  # a shared Word file is downloaded with the bot token
    }
    assert re.search(r"bot_events:\n\s+- app_mention\n\s+- message.im\n", manifest)


def test_conversation_kinds() -> None:
    assert conversation_kind("D123", None) is ConversationKind.PERSONAL
    assert conversation_kind("C123", "directmessage") is ConversationKind.PERSONAL
    assert conversation_kind("G123", "mpim") is ConversationKind.GROUP
    assert conversation_kind("G123", "mpdm-a--b-1") is ConversationKind.GROUP
    assert conversation_kind("C123", "general") is ConversationKind.CHANNEL


def test_blocks_of_a_reply() -> None:
    reply = Reply(
        title="Dina öppna åtgärder (1)",
        lines=(f"1 är <försenade> & {bold('viktiga')}",),
        items=(
            Item("#1 Ta fram underlag", "senast 15 maj", "försenad", (Button("Klar", "klar 1"),)),
        ),
        footer="Skriv `klar N`",
        buttons=(Button("Ja", "ja"), Button("Nej", "nej")),
        tone=Tone.OK,
    )
    message = slack_message(reply)
    assert message["text"].startswith("✅ Dina öppna åtgärder (1)")
    head, item, item_buttons, footer, choices = message["blocks"]
    assert (
        head["text"]["text"]
        == "✅ *Dina öppna åtgärder (1)*\n\n1 är &lt;försenade&gt; &amp; *viktiga*"
    )
    assert item["text"]["text"] == "• #1 Ta fram underlag — _senast 15 maj_ *(försenad)*"
    assert item_buttons["elements"][0]["value"] == "klar 1"
    assert footer["type"] == "context"
    assert [e["value"] for e in choices["elements"]] == ["ja", "nej"]
    ids = [
        e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert len(set(ids)) == len(ids)


def test_a_long_list_stays_within_slacks_limits() -> None:
    items = tuple(
        Item(f"#{n} {'Åtgärd ' * 40}", "senast 15 maj", None, (Button("Klar", f"klar {n}"),))
        for n in range(200)
    )
    blocks = render_blocks(Reply(title="Många", items=items))
    assert len(blocks) <= MAX_BLOCKS
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    text = "".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert "#0 " in text and "#199 " in text
